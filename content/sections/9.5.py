# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can say what the GIL locks and when it lets go, show it with work you
# count rather than time, keep shared counters correct under threads, and pick threads, processes or async
# for a workload (and split the work into chunks) for reasons you can defend.

# %% course={"kind": "setup", "id": "gil-helpers"}
# Helpers the demos and tests use. Work is *counted* here, never judged by a clock: a loaded machine
# makes everything slower, but it does not change who ran, in which order, or how many steps happened.
# Worker processes are started with the "spawn" method (what macOS and Windows use by default), so
# the functions they run must live in a real module: `scratch_modules` writes one to a temporary
# folder for the length of a `with` block. `no_children_left()` kills and reaps any worker process a
# block leaves behind (and fails the block that leaves one running: a pool nobody shut down).
# `record_turns` is the experiment of the first lesson (an exercise uses it too).
import dis
import hashlib
import multiprocessing
import os
import sys
import sysconfig
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from course.runtime.modules import scratch_modules
from course.runtime.processes import no_children_left
from course.runtime.threads import Background, PausingStore, WatchedLock, new_threads, settled, wait_until

SPAWN = multiprocessing.get_context("spawn")


def record_turns(steps: int) -> list[str]:
    """Two threads append their letter `steps` times each; the list shows who held the GIL when."""
    trace: list[str] = []
    ready = threading.Barrier(2)

    def work(letter: str) -> None:
        ready.wait()  # both start together
        for _ in range(steps):
            trace.append(letter)

    threads = [threading.Thread(target=work, args=(letter,)) for letter in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return trace



# %% [markdown] course={"kind": "lesson", "id": "what-is", "covers": ["c-what-is-the-gil", "c-why-does-the-gil-exist"]}
# ### What the GIL is, and why CPython has one
#
# The **Global Interpreter Lock** is one lock inside CPython (the `python` you install from python.org or
# your distribution). A thread must hold it to run Python bytecode or touch Python objects, so in one
# process **only one thread executes Python code at any moment**, however many cores the machine has.
# The others wait for their turn; the interpreter passes the lock around (every few milliseconds, and
# whenever the running thread blocks on I/O).
#
# Why: every object carries a **reference count** that changes on almost every line (a name bound, a
# list appended, an argument passed). Without a lock, two threads changing the same count at once could
# lose an update and free an object still in use. One big lock made that safe, kept single-threaded code
# fast (no lock per object), and made C extensions easy to write: they can assume nobody else is inside
# the interpreter. The price is that threads do not run Python code in parallel.
#
# What people get wrong: the GIL protects *the interpreter's* bookkeeping, not *your* data. It does not
# make `count += 1` on a shared variable safe (next lesson).

# %% course={"kind": "demo"}
# Reference counts move all the time: this is the bookkeeping the GIL protects.
payload = ["a list", "of strings"]
print("references to payload:", sys.getrefcount(payload))  # one more: the argument of getrefcount itself
alias = payload
holder = [payload, payload]
print("after an alias and a list holding it twice:", sys.getrefcount(payload))
del alias, holder
print("after del:", sys.getrefcount(payload))

# %% [markdown] course={"kind": "text"}
# You can watch the lock change hands. Two threads each do the same number of steps and write their
# letter into one shared list at every step. If they ran in parallel, the letters would be shuffled
# almost step by step; with the GIL each thread runs a long stretch alone, then the other one does.
# The number of stretches is counted, not timed.

# %% course={"kind": "demo"}
# record_turns (setup cell): two threads append their letter to one list, step by step.
trace = record_turns(800_000)
switches = sum(1 for before, after in zip(trace, trace[1:]) if before != after)
print(f"{len(trace):,} steps, the running thread changed {switches} times")
print(f"so a thread ran about {len(trace) // (switches + 1):,} steps in a row before handing the GIL over")

# %% [markdown] course={"kind": "lesson", "id": "thread-safety", "covers": ["c-gil-and-thread-safety"]}
# ### The GIL does not make your code thread-safe
#
# The lock is handed over *between* bytecode instructions, and `count += 1` is several of them: load the
# value, add one, store it back. If the other thread runs between the load and the store, both store the
# same new value and one update is lost. CPython may switch at such a point at any moment, so a program
# with this bug can pass its tests a thousand times and lose money on the thousand-and-first run in
# production. The cure is your own `threading.Lock` around the whole read-modify-write (or one owner of
# the data that others send messages to, e.g. a `queue.Queue`).
#
# The demo below does not wait for bad luck: it **forces** the bad interleaving with two events, so it
# loses the update every time.

# %% course={"kind": "demo"}
dis.dis("count += 1")  # several instructions: a thread switch can fall between LOAD and STORE

# %% course={"kind": "demo"}
def lost_update_forced() -> int:
    """Thread A reads, then waits until thread B has done a whole update, then writes: B's update is lost."""
    box = {"count": 0}
    a_has_read = threading.Event()
    b_is_done = threading.Event()

    def thread_a() -> None:
        value = box["count"]  # load
        a_has_read.set()
        b_is_done.wait()  # the switch that luck would sometimes give us, made certain
        box["count"] = value + 1  # store: writes over B's update

    def thread_b() -> None:
        a_has_read.wait()
        box["count"] = box["count"] + 1
        b_is_done.set()

    threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return box["count"]


print("two increments, final count:", lost_update_forced())  # 1, not 2

# %% [markdown] course={"kind": "lesson", "id": "cpu-io", "covers": ["c-gil-and-cpu-bound-tasks", "c-gil-and-i-o-bound-tasks", "c-gil-release", "c-during-i-o-operations", "c-periodically-sys-getswitchinterval", "c-in-c-extensions"]}
# ### CPU-bound, I/O-bound, and when the GIL is released
#
# A **CPU-bound** task (parsing, pure-Python maths, feature engineering in loops) needs the interpreter
# all the time, so two threads share one core's worth of Python: no speed-up, and a little overhead for
# the hand-overs. An **I/O-bound** task (HTTP calls, database queries, reading files, waiting on a
# subprocess) spends most of its life waiting, and a thread that waits gives the GIL away. Ten threads
# waiting on ten servers overlap perfectly well.
#
# The GIL is released:
#
# - **around blocking I/O**: `socket.recv`, `file.read`, `select`, `subprocess` waits, `time.sleep`,
#   `Lock.acquire` that has to wait;
# - **periodically**: a thread that runs Python code is asked to hand over after the *switch interval*,
#   `sys.getswitchinterval()`, 0.005 s by default (checked on 3.11.7, 3.12.1 and 3.13.0);
#   `sys.setswitchinterval()` changes it for the whole process;
# - **by C extensions that do long work on their own memory**: `hashlib` releases it while hashing a
#   large buffer (CPython does so from 2 KiB up), `zlib` while compressing, NumPy in most array operations.
#   A C function that does *not* release it (`sum()` over a `range`, `sorted()` of a list of numbers) holds it
#   for its whole run, switch interval or not: the hand-over only happens between bytecode
#   instructions.
#
# The demo counts how far a background thread gets (a plain Python loop that counts) while the main
# thread does one thing for a few tens of milliseconds. While the main thread holds the GIL in C code,
# the background only gets the switch interval or two around the call; while the main thread sleeps,
# hashes or compresses, the background runs during the whole call and counts further (typically two to
# four times as far here; a busy machine blurs the numbers, and a job shorter than a few switch
# intervals would show nothing).

# %% course={"kind": "demo"}
print("switch interval:", sys.getswitchinterval(), "seconds")


def background_progress(action: Callable[[], object]) -> int:
    """How many loop steps a background thread makes while this thread runs `action()`."""
    stop, started = threading.Event(), threading.Event()
    steps = 0

    def spin() -> None:
        nonlocal steps
        started.set()
        while not stop.is_set():
            steps += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    started.wait()
    before = steps
    action()
    during = steps - before
    stop.set()
    spinner.join()
    return during


big = bytes(16_000_000)  # 16 MB of zeros
for label, action in [
    ("sum(range(...)) in C, holds the GIL", lambda: sum(range(3_000_000))),
    ("time.sleep(0.04), releases it", lambda: time.sleep(0.04)),
    ("sha256 of 16 MB, releases it", lambda: hashlib.sha256(big).digest()),
    ("zlib.compress of 16 MB, releases it", lambda: zlib.compress(big, 1)),
]:
    print(f"{label:40} background steps: {background_progress(action):>10,}")

# %% [markdown] course={"kind": "text"}
# What does the GIL cost a CPU-bound program that uses threads anyway? Run the same work serially and on
# two threads, three times each, and keep the best run of each (the run least disturbed by the rest of
# the machine). The ratio is printed, never tested: expect about 1.0, or a little above from the
# hand-overs, on any number of cores.

# %% course={"kind": "demo"}
def spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i % 7
    return total


def on_two_threads() -> None:
    workers = [threading.Thread(target=spin, args=(150_000,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def best_seconds(job: Callable[[], object]) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        job()
        runs.append(time.perf_counter() - start)
    return min(runs)


serial_best = best_seconds(lambda: (spin(150_000), spin(150_000)))
threaded_best = best_seconds(on_two_threads)
print(f"serial {serial_best * 1000:.1f} ms, two threads {threaded_best * 1000:.1f} ms")
print(f"two threads take {threaded_best / serial_best:.2f}x the serial time for the same work")

# %% [markdown] course={"kind": "lesson", "id": "implications", "covers": ["c-implications", "c-multithreading-limitations", "c-multiprocessing-as-alternative", "c-async-for-i-o-bound"]}
# ### What follows: threads, processes, async
#
# - **Threads** are cheap and share memory, and they are the right tool for I/O-bound work and for C
#   code that releases the GIL. For CPU-bound Python code they bring no speed-up.
# - **Processes** (`multiprocessing`, `concurrent.futures.ProcessPoolExecutor`) each have their own
#   interpreter and their own GIL, so CPU-bound work really runs on several cores. The costs: starting
#   a process (tens of milliseconds with "spawn"), and every argument and result is **pickled** and sent
#   through a pipe. So send few, large pieces of work (chunks), not one tiny task per item; and the
#   function must be importable by the child (defined in a module, not in a notebook cell or a lambda).
# - **async** (`asyncio`) runs many I/O waits in one thread with no locks around every shared variable;
#   it helps only while the work really waits, and one CPU-heavy coroutine stalls all the others.
#
# The demo runs the same pure-Python work (counting primes in four ranges) serially, on two threads and
# on two processes. It prints the speed compared with the serial run (from one run each, so on a busy
# machine it wobbles) and, steadier, how many cores were busy on average: the processor time each
# worker's thread used, added up, divided by the wall time. With the GIL the two threads never add up
# to more than one core; two processes can keep two busy.

# %% course={"kind": "demo"}
PRIMES = """
import time


def count_primes(bounds):
    \"\"\"Primes in range(low, high), and the processor seconds this thread spent finding them.\"\"\"
    low, high = bounds
    cpu = time.thread_time()
    found = 0
    for n in range(max(low, 2), high):
        if all(n % d for d in range(2, int(n ** 0.5) + 1)):
            found += 1
    return found, time.thread_time() - cpu
"""
pieces = [(0, 9_000), (9_000, 18_000), (18_000, 27_000), (27_000, 36_000)]


def run(plan: Callable[[], list[tuple[int, float]]]) -> tuple[int, float, float]:
    """Primes found, wall seconds, and processor seconds used (summed over whoever did the work)."""
    start = time.perf_counter()
    results = plan()
    wall = time.perf_counter() - start
    return sum(found for found, _ in results), wall, sum(cpu for _, cpu in results)


with scratch_modules({"primes_demo.py": PRIMES}), no_children_left():
    import primes_demo

    plans = {"serial": lambda: [primes_demo.count_primes(p) for p in pieces]}
    with ThreadPoolExecutor(2) as threads, ProcessPoolExecutor(2, mp_context=SPAWN) as processes:
        list(processes.map(abs, [1, 2]))  # start both workers first: measure the work, not the start-up
        plans["2 threads"] = lambda: list(threads.map(primes_demo.count_primes, pieces))
        plans["2 processes"] = lambda: list(processes.map(primes_demo.count_primes, pieces))
        outcome = {name: run(plan) for name, plan in plans.items()}
found = {primes for primes, _, _ in outcome.values()}
assert len(found) == 1, "every plan finds the same primes"
serial_wall = outcome["serial"][1]
for name, (primes, wall, cpu) in outcome.items():
    print(f"{name:12} {primes} primes  speed {serial_wall / wall:4.2f}x serial   cores busy on average: {cpu / wall:4.2f}")
print(f"(this machine has {os.cpu_count()} cores, shared with whatever else runs on it)")

# %% [markdown] course={"kind": "text"}
# async overlaps waits in **one** thread: each `await` hands control back to the event loop, which runs
# another coroutine. The order of the log shows all three "requests" waiting at the same time. (A
# notebook already runs an event loop in its main thread, so the demo runs `asyncio.run` in a helper
# thread; in a script you call `asyncio.run(main())` directly.)

# %% course={"kind": "demo"}
import asyncio


async def fake_request(name: str, log: list[str], opened: asyncio.Event, threads: set[int]) -> None:
    threads.add(threading.get_ident())
    log.append(f"{name} sent")
    await opened.wait()  # a network wait: the loop runs the other coroutines meanwhile
    log.append(f"{name} answered")


async def three_requests() -> tuple[list[str], set[int]]:
    log: list[str] = []
    threads: set[int] = set()
    opened = asyncio.Event()
    tasks = [asyncio.create_task(fake_request(name, log, opened, threads)) for name in ("api", "db", "s3")]
    await asyncio.sleep(0)  # let all three start and wait
    opened.set()  # the "answers" arrive
    await asyncio.gather(*tasks)
    return log, threads


with ThreadPoolExecutor(1) as helper:
    log, threads_used = helper.submit(asyncio.run, three_requests()).result()
print(" -> ".join(log))
print("threads used by the coroutines:", len(threads_used))

# %% [markdown] course={"kind": "lesson", "id": "implementations", "covers": ["c-gil-free-implementations", "c-jython", "c-ironpython", "c-pypy-still-has-gil"]}
# ### Other Pythons
#
# The GIL belongs to CPython, not to the language. Other implementations made other choices
# (documented facts; none of them is installed here):
#
# | implementation | runs on | GIL? | catch |
# |---|---|---|---|
# | CPython | C | yes (a free-threaded build exists from 3.13, next lesson) | the one everybody uses |
# | Jython | the Java VM | no, threads use JVM threads | Python 2.7 language only; no C extensions (NumPy...) |
# | IronPython | .NET | no | language level 3.4 at most; no C extensions |
# | PyPy | its own JIT | **yes**, like CPython | fast pure-Python code, but threads still take turns |
#
# In practice "switch to a GIL-free Python" is rarely the answer for DevOps/MLOps work: the libraries
# you need (NumPy, PyTorch, cryptography, database drivers) are C extensions built for CPython.

# %% course={"kind": "demo"}
import platform

print("this interpreter:", platform.python_implementation(), platform.python_version())
print("sys.implementation.name:", sys.implementation.name)  # 'cpython', 'pypy', ...

# %% [markdown] course={"kind": "lesson", "id": "new-developments", "covers": ["c-python-3-12-developments", "c-per-interpreter-gil", "c-free-threaded-python-pep-703"]}
# ### Python 3.12 and 3.13: a GIL per interpreter, and no GIL at all
#
# - **Per-interpreter GIL (PEP 684, Python 3.12)**: one process can hold several *sub-interpreters*, and
#   each can now have its own GIL, so they can run Python code in parallel inside one process. They
#   share no Python objects (you pass data between them like between processes). In 3.12 and 3.13 this is
#   reachable from C (the embedding API); neither 3.12.1 nor 3.13.0 ships a public Python module for it
#   (checked: `import interpreters` fails on both; only the private `_xxsubinterpreters` in 3.12 and
#   `_interpreters` in 3.13 exist, not meant for your code). Python 3.14 adds the public module
#   `concurrent.interpreters` and `concurrent.futures.InterpreterPoolExecutor` (PEP 734; from the 3.14
#   documentation, not run here: this machine has no 3.14).
# - **Free-threaded CPython (PEP 703, Python 3.13)**: a separate build, usually installed as `python3.13t`,
#   in which the GIL is gone (reference counting and the allocator were made thread-safe instead). It is
#   *experimental* in 3.13: single-threaded code runs slower, and a C extension that has not declared
#   itself safe turns the GIL back on when it is imported. `sys._is_gil_enabled()` (new in 3.13) tells
#   whether the GIL is on right now; `sysconfig.get_config_var("Py_GIL_DISABLED")` tells how the
#   interpreter was built (1 for a free-threaded build, 0 for a normal 3.13, `None` before 3.13).
#   Checked on pyenv's 3.13.0 (a normal build): `sys._is_gil_enabled()` is `True`, the config value `0`;
#   on 3.11.7 and 3.12.1 the function does not exist. In 3.14 the free-threaded build became officially
#   supported (PEP 779), but it is still a separate, optional build, not the default.
#
# Code that is not thread-safe today becomes *more* visibly wrong without a GIL, not less: the locks of
# the thread-safety lesson matter more in a free-threaded future.

# %% course={"kind": "demo"}
def gil_report() -> str:
    """How this interpreter stands, in a way that works on 3.11 to 3.13 and on free-threaded builds."""
    built_free = sysconfig.get_config_var("Py_GIL_DISABLED")
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    now = "GIL on (no way to turn it off before 3.13)" if is_enabled is None else f"GIL on now: {is_enabled()}"
    return f"Python {platform.python_version()}: Py_GIL_DISABLED={built_free!r}; {now}"


print(gil_report())

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-when-gil-matters", "c-when-gil-doesn-t-matter", "c-choosing-the-right-concurrency-model"]}
# ### Choosing a concurrency model
#
# First find out where the time goes (a profiler, or simply: is the processor busy at 100 % or idle while
# you wait?). Then:
#
# | the work | the GIL... | use |
# |---|---|---|
# | waits on network, disk, subprocesses (API calls, S3 uploads, `kubectl` runs) | doesn't matter: released while waiting | threads (`ThreadPoolExecutor`), or `asyncio` for thousands of connections |
# | heavy C code that releases the GIL (hashing, compression, NumPy, PyTorch ops) | doesn't matter | threads |
# | pure-Python computation (parsing logs in loops, feature code in plain Python) | **matters** | processes (`ProcessPoolExecutor`), chunked; or move the hot loop to NumPy / a C extension |
# | small or fast work | doesn't matter | nothing: a plain loop; pools cost more than they save |
#
# Data loaders in ML training use worker *processes* (PyTorch's `DataLoader(num_workers=...)`) for
# exactly this reason: decoding and augmenting samples in Python is CPU-bound.

# %% course={"kind": "demo"}
# How much does the "few large chunks" advice matter? Count what each plan sends through the pipe.
import pickle

items = list(range(10_000))
one_task_per_item = sum(len(pickle.dumps(x)) for x in items)
four_chunks = sum(len(pickle.dumps(items[i::4])) for i in range(4))
print(f"{len(items):,} tasks: {one_task_per_item:,} bytes pickled in {len(items):,} messages")
print(f"4 chunks:      {four_chunks:,} bytes pickled in 4 messages")

# %% course={"kind": "setup", "id": "test-doubles"}
# The exercise tests force interleavings instead of hoping for them, with course.runtime.threads
# (imported above): `PausingStore` (a value whose first read pauses until the test says go),
# `WatchedLock` (reports a thread waiting for it), `Background` (a call in another thread), and
# `wait_until` / `settled`, which give up as soon as the threads that could still act sit idle.


@dataclass(frozen=True)
class Workload:
    """What a piece of work spends its time on (the input of `choose_executor`)."""

    waits_on_io: bool
    releases_gil: bool
    picklable: bool
    gil_enabled: bool = True


# The worker module for the process exercises: spawn-safe, because children import it by name.
TASKS = """
import os
import time

MARK = "fresh import"


def describe(chunk):
    return os.getpid(), MARK, sum(chunk)


def relay(job):
    # job = (folder, index, values), three chunks on two workers. Chunk 0 waits until chunk 2 has
    # started, which happens only after the other worker has finished chunk 1 and sent its result back:
    # so chunk 1's result always arrives before chunk 0's.
    folder, index, values = job
    if index == 0:
        deadline = time.monotonic() + 30  # a backstop for a pool with fewer workers than asked for
        while not os.path.exists(os.path.join(folder, "2.started")) and time.monotonic() < deadline:
            time.sleep(0.005)
    else:
        with open(os.path.join(folder, f"{index}.started"), "w", encoding="utf-8"):
            pass
    return sum(values)
"""

# %% [markdown] course={"kind": "exercise", "id": "turns", "item": "x-demonstrate-gil-impact-on-cpu-bound"}
# ### Who held the GIL? Turn a trace into turns
#
# `record_turns` (first lesson) returns one thread letter per step. Write `turns(trace)` that reads such
# a trace (any iterable of names: a list, a string, or a generator read only once) and returns a **list
# of `(name, steps)` tuples**, one per uninterrupted stretch, in order. Stretches of the same name that
# are separated by another name stay separate (they are separate turns). An empty trace gives `[]`. Do
# not change the trace.
#
# ```python
# turns("AAABBA")   # [('A', 3), ('B', 2), ('A', 1)]
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the trace once and compare each name with the name of the last stretch you recorded.

# %% [markdown] course={"kind": "hint"}
# Keep the stretches in a list; when the name equals `result[-1][0]`, replace the last tuple with one
# whose count is one more, otherwise append `(name, 1)`. Do not forget that the first name has no
# "last stretch" to compare with.

# %% course={"kind": "solution"}
def turns(trace: Iterable[str]) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    result: list[tuple[str, int]] = []
    for name in trace:
        if result and result[-1][0] == name:
            result[-1] = (name, result[-1][1] + 1)
        else:
            result.append((name, 1))
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = turns(["A", "A", "B"])
assert got == [("A", 2), ("B", 1)], f"two steps of A, then one of B; got {got!r}"
assert type(got) is list and all(type(t) is tuple for t in got), "a list of tuples"

# %% course={"kind": "test", "points": 2}
got = turns("AAABBA")
assert got == [("A", 3), ("B", 2), ("A", 1)], f"A's second turn is a new stretch; got {got!r}"
### BEGIN HIDDEN TESTS
assert turns("ABAB") == [("A", 1), ("B", 1), ("A", 1), ("B", 1)]
assert turns("aAa") == [("a", 1), ("A", 1), ("a", 1)], "names are compared exactly (case matters)"
assert turns(["", "", "x", ""]) == [("", 2), ("x", 1), ("", 1)], "an empty name is a name too"
assert turns(["θ", "θ", "线程"]) == [("θ", 2), ("线程", 1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert turns([]) == [] and turns(iter([])) == [] and turns("") == [], "an empty trace has no turns"
assert turns("A") == [("A", 1)] and turns("BBBB") == [("B", 4)], "one stretch"
### BEGIN HIDDEN TESTS
once = (letter for letter in "AABBBA")
assert turns(once) == [("A", 2), ("B", 3), ("A", 1)], "a generator is read once"
kept = ["B", "B", "A"]
turns(kept)
assert kept == ["B", "B", "A"], "the trace is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
real = record_turns(50_000)
got = turns(real)
assert sum(steps for _, steps in got) == 100_000, "every step belongs to exactly one turn"
assert all(a[0] != b[0] for a, b in zip(got, got[1:])), "two neighbouring turns belong to different threads"
assert {name for name, _ in got} == {"A", "B"}

# %% course={"kind": "wrong", "id": "last-stretch-lost"}
def turns(trace):
    result, current, count = [], None, 0
    for name in trace:
        if name == current:
            count += 1
        else:
            if current is not None:
                result.append((current, count))
            current, count = name, 1
    return result  # forgets the stretch still open at the end

# %% course={"kind": "wrong", "id": "totals-per-thread"}
def turns(trace):
    totals = {}
    for name in trace:
        totals[name] = totals.get(name, 0) + 1
    return list(totals.items())  # merges separate turns of one thread

# %% course={"kind": "wrong", "id": "truthy-check"}
def turns(trace):
    result = []
    last = ""
    for name in trace:
        if name == last and result:
            result[-1] = (name, result[-1][1] + 1)
        elif name:
            result.append((name, 1))
        last = name
    return result  # skips empty names

# %% [markdown] course={"kind": "exercise", "id": "safe-deposit"}
# ### Keep a shared balance right under threads
#
# An account keeps its balance somewhere else (a file, a database row): `account.read()` returns it and
# `account.write(value)` stores it. Many threads call `deposit(account, amount, lock)` on the same
# account with the **same** `lock`. Write `deposit` so that no deposit is ever lost, whatever the
# interleaving, and return the new balance. Use the lock you are given (the tests give you one that
# reports whether a thread had to wait for it) and release it before you return.
#
# ```python
# account = PausingStore(100); account.go.set()   # a test double: account.read(), account.write(v)
# deposit(account, 5, threading.Lock())           # 105, and account.value == 105
# ```

# %% [markdown] course={"kind": "hint"}
# The GIL will not save you: another thread can run between your `read()` and your `write()`.

# %% [markdown] course={"kind": "hint"}
# Hold the lock for the whole read-modify-write: `with lock:` around *both* calls.

# %% course={"kind": "solution"}
def deposit(account: Any, amount: int, lock: Any) -> int:
    ### BEGIN SOLUTION
    with lock:
        balance = account.read() + amount
        account.write(balance)
    return balance
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
account, lock = PausingStore(100), WatchedLock()
account.go.set()  # nobody pauses in this test
assert deposit(account, 5, lock) == 105, "the new balance is returned"
assert account.value == 105, f"and written back; the account holds {account.value}"
assert deposit(account, -30, lock) == 75 and account.value == 75, "a withdrawal is a negative deposit"
assert lock.acquired == 2 and not lock.locked(), "use the lock you are given, and release it"

# %% course={"kind": "test", "points": 3}
# Force the worst interleaving: A reads and is paused; B deposits while A is paused; then A goes on.
account, lock = PausingStore(0), WatchedLock()
try:
    a = Background(lambda: deposit(account, 10, lock), name="deposit A")
    if not wait_until(lambda: account.first_read.is_set() or a.done.is_set(), [a.thread]):
        a.finish()  # stuck before reading: say so
    if a.done.is_set():
        a.finish()  # it ended without pausing: show what it raised
    assert account.first_read.is_set(), "deposit must read the balance"
    b = Background(lambda: deposit(account, 5, lock), name="deposit B")
    waited = wait_until(lambda: b.done.is_set() or lock.someone_waits.is_set(), [b.thread])
    assert waited, "B got stuck on something other than the lock it was given"
finally:
    account.go.set()  # now A continues (and never stays paused after a failure)
a.finish()
assert not lock.release_if_abandoned(), "deposit returned still holding the lock: release it (`with lock:`)"
b.finish()
assert account.value == 15, f"10 + 5 deposited, the account holds {account.value}: a deposit was lost"

# %% course={"kind": "wrong", "id": "no-lock"}
def deposit(account, amount, lock):
    balance = account.read() + amount  # "the GIL makes it safe"
    account.write(balance)
    return balance

# %% course={"kind": "wrong", "id": "lock-around-write-only"}
def deposit(account, amount, lock):
    balance = account.read() + amount
    with lock:
        account.write(balance)
    return balance

# %% course={"kind": "wrong", "id": "own-lock"}
OWN_LOCK = threading.Lock()


def deposit(account, amount, lock):
    with OWN_LOCK:  # safe among its own callers, but ignores the lock everyone else uses
        balance = account.read() + amount
        account.write(balance)
    return balance

# %% course={"kind": "wrong", "id": "never-released"}
def deposit(account, amount, lock):
    lock.acquire()
    balance = account.read() + amount
    account.write(balance)
    return balance  # the lock stays held: the next deposit waits for ever

# %% course={"kind": "wrong", "id": "fresh-lock-per-call"}
def deposit(account, amount, lock):
    with threading.Lock():  # a new lock every call: nobody else ever waits for it
        balance = account.read() + amount
        account.write(balance)
    return balance

# %% [markdown] course={"kind": "exercise", "id": "overlapping-io", "item": "x-show-gil-release-during-i-o-operations"}
# ### Let I/O waits overlap
#
# `fetch(name)` is I/O-bound: it spends its time waiting (an HTTP call, a database query), and a waiting
# thread releases the GIL. Write `fetch_all(fetch, names, workers)` that calls `fetch` once per name on a
# pool of exactly `workers` threads, so that up to `workers` waits happen **at the same time**, and
# returns the results as a **list in the order of `names`** (not in the order they finish). No names:
# `[]`.
#
# ```python
# fetch_all(str.upper, ["api", "db"], workers=2)   # ['API', 'DB']
# ```
#
# The tests prove the overlap without a clock: their `fetch` waits at a gate that opens only once
# `workers` calls are waiting there together (and no more than `workers`).

# %% [markdown] course={"kind": "hint"}
# `concurrent.futures.ThreadPoolExecutor(max_workers=...)` runs calls on a pool of threads.

# %% [markdown] course={"kind": "hint"}
# `pool.map(fetch, names)` gives the results in the order of `names`; `as_completed` gives them in
# the order they finish. Use the pool in a `with` block so its threads end.

# %% course={"kind": "solution"}
def fetch_all(fetch: Callable[[str], Any], names: list[str], workers: int) -> list[Any]:
    ### BEGIN SOLUTION
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetch, names))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = fetch_all(str.upper, ["api", "db"], workers=2)
assert got == ["API", "DB"], f"one result per name, in order; got {got!r}"
assert type(got) is list, "return a list"
assert fetch_all(str.upper, [], workers=3) == [], "no names, no results"

# %% course={"kind": "test", "points": 2}
# Three calls must wait at the gate at the same time; it opens when the pool's threads have settled.
caller = threading.get_ident()
gate, waiting = threading.Event(), []


def slow_lookup(name: str) -> str:
    assert threading.get_ident() != caller, "fetch ran in the caller's thread: nothing can overlap"
    waiting.append(name)
    gate.wait(60)  # like a socket read: waits without holding the GIL
    return name * 2


pool_threads = new_threads()
run = Background(lambda: fetch_all(slow_lookup, ["a", "b", "c"], workers=3), name="fetch_all")
try:
    wait_until(lambda: len(waiting) == 3 or run.done.is_set(), pool_threads)
    if run.done.is_set():
        run.finish()  # it ended early: show what it raised
    assert len(waiting) == 3, f"only {len(waiting)} call(s) waited at the same time, 3 workers were asked for"
finally:
    gate.set()
got = run.finish()
assert got == ["aa", "bb", "cc"], f"three waits overlapped, results in order; got {got!r}"

# %% course={"kind": "test", "points": 2}
# Exactly `workers` threads: 6 calls on 3 workers; once the pool has settled, 3 calls wait, not more.
caller = threading.get_ident()
gate, waiting, used = threading.Event(), [], set()


def lookup(name: str) -> str:
    assert threading.get_ident() != caller, "fetch ran in the caller's thread"
    used.add(threading.get_ident())
    waiting.append(name)
    gate.wait(60)
    return name.upper()


pool_threads = new_threads()
run = Background(lambda: fetch_all(lookup, list("uvwxyz"), workers=3), name="fetch_all")
try:
    settled(pool_threads)
    if run.done.is_set():
        run.finish()
    assert len(waiting) == 3, f"{len(waiting)} calls ran at the same time on a pool of 3 workers"
finally:
    gate.set()
got = run.finish()
assert got == list("UVWXYZ"), f"results in the order of names; got {got!r}"
assert len(used) == 3, f"a pool of exactly 3 threads, not {len(used)}"

# %% course={"kind": "test", "points": 1}
# The calls finish in reverse order (each waits for the next one, and the last one waits until
# fetch_all itself is waiting for results), the results still follow `names`.
finished = {name: threading.Event() for name in "pqr"}
successor = {"p": "q", "q": "r"}
start = threading.Event()


def backwards(name: str) -> str:
    if name in successor:
        finished[successor[name]].wait(60)  # a backstop only: the test ends sooner if the call is stuck
    else:
        start.wait(60)
    finished[name].set()
    return name + "!"


run = Background(lambda: fetch_all(backwards, ["p", "q", "r"], workers=3), name="fetch_all")
try:
    settled([run.thread])  # fetch_all has sent every call and waits for results
    start.set()
    got = run.finish()
finally:
    for event in [start, *finished.values()]:
        event.set()  # a stuck answer's threads go home
assert got == ["p!", "q!", "r!"], f"results in the order of names, not of finishing; got {got!r}"

# %% course={"kind": "wrong", "id": "serial-loop"}
def fetch_all(fetch, names, workers):
    return [fetch(name) for name in names]  # one wait after the other

# %% course={"kind": "wrong", "id": "default-pool-size"}
def fetch_all(fetch, names, workers):
    with ThreadPoolExecutor() as pool:  # forgets max_workers: as many threads as the default allows
        return list(pool.map(fetch, names))

# %% course={"kind": "wrong", "id": "one-fewer-worker"}
def fetch_all(fetch, names, workers):
    with ThreadPoolExecutor(max_workers=max(1, workers - 1)) as pool:
        return list(pool.map(fetch, names))

# %% course={"kind": "wrong", "id": "returns-lazy-map"}
def fetch_all(fetch, names, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return pool.map(fetch, names)  # an iterator, not a list

# %% course={"kind": "wrong", "id": "finishing-order"}
from concurrent.futures import as_completed


def fetch_all(fetch, names, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(fetch, name) for name in names]
        return [f.result() for f in as_completed(futures)]

# %% [markdown] course={"kind": "exercise", "id": "chunked"}
# ### Split work into chunks for a process pool
#
# Every task sent to a worker process is pickled and sent through a pipe, so you send a few large chunks
# rather than one task per item. Write `chunked(items, parts)` that splits the list `items` into `parts`
# **contiguous** chunks (lists) in order, whose sizes differ by at most one, the larger ones first.
# Never return an empty chunk: with fewer items than parts, each item is its own chunk (and no items
# give `[]`). `parts` below 1 raises `ValueError`. Do not change `items`.
#
# ```python
# chunked([1, 2, 3, 4, 5, 6, 7], 3)   # [[1, 2, 3], [4, 5], [6, 7]]
# ```

# %% [markdown] course={"kind": "hint"}
# `divmod(len(items), parts)` gives the basic chunk size and how many chunks get one item more.

# %% [markdown] course={"kind": "hint"}
# Walk a `start` index forward: chunk `i` ends at `start + size + (1 if i < extra else 0)`. Make only
# `min(parts, len(items))` chunks.

# %% course={"kind": "solution"}
def chunked(items: list[Any], parts: int) -> list[list[Any]]:
    ### BEGIN SOLUTION
    if parts < 1:
        raise ValueError(f"parts must be at least 1, got {parts}")
    size, extra = divmod(len(items), parts)
    chunks = []
    start = 0
    for i in range(min(parts, len(items))):
        end = start + size + (1 if i < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = chunked([1, 2, 3, 4, 5, 6, 7], 3)
assert got == [[1, 2, 3], [4, 5], [6, 7]], f"contiguous, sizes 3, 2, 2; got {got!r}"
assert type(got) is list and all(type(c) is list for c in got), "a list of lists"

# %% course={"kind": "test", "points": 2}
assert chunked(list(range(8)), 4) == [[0, 1], [2, 3], [4, 5], [6, 7]], "an even split"
assert chunked(list("abcdefghij"), 4) == [list("abc"), list("def"), list("gh"), list("ij")], "3, 3, 2, 2"
### BEGIN HIDDEN TESTS
assert chunked([5, 6, 7], 1) == [[5, 6, 7]], "one part holds everything"
for n in range(0, 40):
    for parts in range(1, 9):
        data = list(range(n))
        got = chunked(data, parts)
        sizes = [len(c) for c in got]
        assert [x for c in got for x in c] == data, f"chunked(range({n}), {parts}) keeps every item in order"
        assert len(got) == min(parts, n), f"chunked(range({n}), {parts}) makes {min(parts, n)} chunks"
        assert not sizes or (max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)), sizes
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert chunked([1, 2], 5) == [[1], [2]], "fewer items than parts: no empty chunks"
assert chunked([], 3) == [], "no items, no chunks"
assert chunked([0, "", None], 2) == [[0, ""], [None]], "falsy items are items"
### BEGIN HIDDEN TESTS
data = [3, 1, 2]
chunked(data, 2)
assert data == [3, 1, 2], "items is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (0, -1):
    try:
        chunked([1, 2, 3], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parts={bad} must raise ValueError")

# %% course={"kind": "wrong", "id": "round-robin"}
def chunked(items, parts):
    if parts < 1:
        raise ValueError(parts)
    return [items[i::parts] for i in range(min(parts, len(items)))]  # not contiguous

# %% course={"kind": "wrong", "id": "remainder-in-last"}
def chunked(items, parts):
    if parts < 1:
        raise ValueError(parts)
    size = len(items) // parts
    if size == 0:
        return [[x] for x in items]
    chunks = [items[i * size : (i + 1) * size] for i in range(parts - 1)]
    return chunks + [items[(parts - 1) * size :]]  # the last chunk takes the whole remainder

# %% course={"kind": "wrong", "id": "ceil-size"}
import math


def chunked(items, parts):
    if parts < 1:
        raise ValueError(parts)
    size = math.ceil(len(items) / parts) if items else 1
    return [items[i : i + size] for i in range(0, len(items), size)]  # 10 items, 4 parts: 3, 3, 3, 1

# %% [markdown] course={"kind": "exercise", "id": "process-pool", "item": "x-compare-threading-vs-multiprocessing-for"}
# ### Run CPU-bound chunks in worker processes
#
# Write `map_in_processes(fn, chunks, workers)` that runs `fn(chunk)` for every chunk in a
# `ProcessPoolExecutor` of `workers` processes **started with the spawn method** (pass
# `mp_context=SPAWN`, the spawn context from the setup cell: a fresh interpreter per worker, the way
# macOS and Windows always do it, and safe in a program that also runs threads), returns the results
# as a **list in chunk order**, and shuts the pool down (its processes ended) before returning.
# `fn` must live in an importable module: the tests write one (`tasks`) with `scratch_modules`.
#
# ```python
# map_in_processes(tasks.describe, [[1, 2], [3]], workers=2)   # [(pid, 'fresh import', 3), (pid, ..., 3)]
# ```

# %% [markdown] course={"kind": "hint"}
# `with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:` and then the same
# one-liner that keeps the order in a thread pool.

# %% [markdown] course={"kind": "hint"}
# Leaving the `with` block waits for the workers to end. Without `mp_context`, Linux uses "fork" on
# Python 3.11 to 3.13 (3.14 switched the default to "forkserver"): with fork the child starts as a copy
# of the notebook, module variables changed in the notebook included.

# %% course={"kind": "solution"}
def map_in_processes(fn: Callable[[Any], Any], chunks: list[Any], workers: int) -> list[Any]:
    ### BEGIN SOLUTION
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        return list(pool.map(fn, chunks))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with scratch_modules({"tasks.py": TASKS}), no_children_left():
    import tasks

    got = map_in_processes(tasks.describe, [[1, 2, 3], [4, 5]], workers=1)
    assert type(got) is list, "return a list"
    assert [total for _, _, total in got] == [6, 9], f"one result per chunk, in order; got {got!r}"
    pids = {pid for pid, _, _ in got}
    assert os.getpid() not in pids, "the chunks ran in this process (threads?), not in worker processes"
    assert len(pids) == 1, "workers=1: one worker process did everything"
    assert multiprocessing.active_children() == [], "shut the pool down: its processes must be gone"

# %% course={"kind": "test", "points": 1}
with scratch_modules({"tasks.py": TASKS}), no_children_left():
    import tasks

    tasks.MARK = "changed in the notebook"
    got = map_in_processes(tasks.describe, [[7]], workers=1)
    assert got[0][1] == "fresh import", "a spawned worker imports the module afresh (fork would copy ours)"

# %% course={"kind": "test", "points": 2}
# Chunk 0 waits until chunk 2 has started, so chunk 1's result always arrives before chunk 0's.
with scratch_modules({"tasks.py": TASKS}) as folder, no_children_left():
    import tasks

    jobs = [(str(folder), 0, [1, 1]), (str(folder), 1, [2, 2, 2]), (str(folder), 2, [3])]
    got = map_in_processes(tasks.relay, jobs, workers=2)
    assert got == [2, 6, 3], f"results in chunk order, not in the order they finished; got {got!r}"
    assert multiprocessing.active_children() == []

# %% course={"kind": "wrong", "id": "threads-instead"}
def map_in_processes(fn, chunks, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:  # same interface, but one process and one GIL
        return list(pool.map(fn, chunks))

# %% course={"kind": "wrong", "id": "default-fork"}
def map_in_processes(fn, chunks, workers):
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, chunks))  # a copy of the notebook's memory, not a fresh interpreter

# %% course={"kind": "wrong", "id": "finishing-order"}
from concurrent.futures import as_completed


def map_in_processes(fn, chunks, workers):
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        futures = [pool.submit(fn, chunk) for chunk in chunks]
        return [f.result() for f in as_completed(futures)]

# %% [markdown] course={"kind": "exercise", "id": "best-of", "item": "x-benchmark-gil-overhead"}
# ### A fair stopwatch for benchmarks
#
# Before you blame (or praise) the GIL, measure. Write `best_of(fn, repeat, clock=time.perf_counter)`
# that calls `fn()` exactly `repeat` times, reads `clock()` right before and right after **each** call,
# and returns the **shortest** of those durations (the run least disturbed by everything else the
# machine does). `repeat` below 1 raises a `ValueError` whose message names `repeat`. The clock is a parameter so the tests can give
# you a scripted one.
#
# ```python
# ticks = iter([0.0, 5.0, 10.0, 12.0])   # call 1 takes 5.0, call 2 takes 2.0
# best_of(lambda: None, 2, clock=lambda: next(ticks))   # 2.0
# ```

# %% [markdown] course={"kind": "hint"}
# Two clock readings per call: `start = clock()`, `fn()`, `clock() - start`. Keep the smallest.

# %% [markdown] course={"kind": "hint"}
# The mean is pulled up by the one run where another program took the processor; the minimum is not.
# Check `repeat` before calling anything.

# %% course={"kind": "solution"}
def best_of(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    ### BEGIN SOLUTION
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    durations = []
    for _ in range(repeat):
        start = clock()
        fn()
        durations.append(clock() - start)
    return min(durations)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
ticks = iter([0.0, 5.0, 10.0, 12.0])
got = best_of(lambda: None, 2, clock=lambda: next(ticks))
assert got == 2.0 and type(got) is float, f"the shortest run took 2.0, got {got!r}"

# %% course={"kind": "test", "points": 2}
readings = [100.0, 107.5, 110.0, 113.0, 120.0, 129.0]
ticks = iter(readings)
calls = []
got = best_of(lambda: calls.append("run"), 3, clock=lambda: next(ticks))
assert calls == ["run", "run", "run"], f"fn is called exactly repeat times, got {len(calls)}"
assert got == 3.0, f"runs took 7.5, 3.0 and 9.0: the best is 3.0, got {got!r}"
### BEGIN HIDDEN TESTS
log = []


def clock() -> float:
    log.append("clock")
    return float(len(log))


def step() -> None:
    log.append("fn")


best_of(step, 2, clock=clock)
assert log == ["clock", "fn", "clock", "clock", "fn", "clock"], f"read the clock around each call: {log}"
ticks = iter([0.0, 4.0, 4.0, 9.0])
assert best_of(lambda: None, 2, clock=lambda: next(ticks)) == 4.0, "the first run can be the best"
ticks = iter([1.0, 1.0])
assert best_of(lambda: None, 1, clock=lambda: next(ticks)) == 0.0, "a zero duration is a duration"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (0, -2):
    touched = []
    try:
        best_of(lambda: touched.append(1), bad, clock=lambda: touched.append(2) or 0.0)
    except ValueError as err:
        assert "repeat" in str(err), f"say what is wrong: {err}"
        assert touched == [], "check repeat before calling anything"
    else:
        raise AssertionError(f"repeat={bad} must raise ValueError")
assert best_of(lambda: sum(range(1000)), 3) >= 0.0, "the default clock is a real one"

# %% course={"kind": "wrong", "id": "mean-not-min"}
def best_of(fn, repeat, clock=time.perf_counter):
    if repeat < 1:
        raise ValueError(f"repeat={repeat}")
    start = clock()
    for _ in range(repeat):
        fn()
    return (clock() - start) / repeat  # the mean, and only two clock readings

# %% course={"kind": "wrong", "id": "one-reading-per-run"}
def best_of(fn, repeat, clock=time.perf_counter):
    if repeat < 1:
        raise ValueError(f"repeat={repeat}")
    durations, last = [], clock()
    for _ in range(repeat):
        fn()
        now = clock()
        durations.append(now - last)  # the time between runs counts too
        last = now
    return min(durations)

# %% course={"kind": "wrong", "id": "ignores-clock"}
def best_of(fn, repeat, clock=time.perf_counter):
    if repeat < 1:
        raise ValueError(f"repeat={repeat}")
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()  # the real clock, whatever the caller passed
        fn()
        durations.append(time.perf_counter() - start)
    return min(durations)

# %% [markdown] course={"kind": "exercise", "id": "choose-executor"}
# ### Choose the executor for a workload
#
# Turn the best-practices table into code. A `Workload` says whether the work mostly **waits on I/O**,
# whether its heavy part is **C code that releases the GIL** (hashlib, zlib, NumPy), whether its function
# and data are **picklable** (can be sent to another process), and whether the GIL is **enabled** in this
# interpreter (`False` on a free-threaded build running without it). Write `choose_executor(work)` that
# returns the executor **class** to use:
#
# - `ThreadPoolExecutor` when the work waits on I/O, or releases the GIL, or the GIL is off;
# - otherwise (pure-Python CPU work under the GIL) `ProcessPoolExecutor`, if the work is picklable;
# - otherwise raise `ValueError`: no pool speeds it up (run it serially, or make it picklable).
#
# ```python
# choose_executor(Workload(waits_on_io=True, releases_gil=False, picklable=False))   # ThreadPoolExecutor
# ```

# %% [markdown] course={"kind": "hint"}
# Ask first whether threads are enough (three reasons, any one will do); only then think of processes.

# %% [markdown] course={"kind": "hint"}
# Return the class itself (`ThreadPoolExecutor`), not an instance (`ThreadPoolExecutor()`), which would
# start a pool nobody shuts down.

# %% course={"kind": "solution"}
def choose_executor(work: Workload) -> type[Executor]:
    ### BEGIN SOLUTION
    if work.waits_on_io or work.releases_gil or not work.gil_enabled:
        return ThreadPoolExecutor
    if work.picklable:
        return ProcessPoolExecutor
    raise ValueError("pure-Python CPU work that cannot be pickled: no pool speeds it up")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = choose_executor(Workload(waits_on_io=True, releases_gil=False, picklable=False))
assert got is ThreadPoolExecutor, f"I/O-bound work: threads, got {got!r}"
got = choose_executor(Workload(waits_on_io=False, releases_gil=False, picklable=True))
assert got is ProcessPoolExecutor, f"pure-Python CPU work under the GIL: processes, got {got!r}"

# %% course={"kind": "test", "points": 2}
got = choose_executor(Workload(waits_on_io=False, releases_gil=True, picklable=True))
assert got is ThreadPoolExecutor, "hashing or compressing releases the GIL: threads run it in parallel"
got = choose_executor(Workload(waits_on_io=False, releases_gil=False, picklable=True, gil_enabled=False))
assert got is ThreadPoolExecutor, "without a GIL (free-threaded build), threads run Python in parallel"
### BEGIN HIDDEN TESTS
for io in (False, True):
    for c_code in (False, True):
        for pickles in (False, True):
            for gil in (False, True):
                work = Workload(io, c_code, pickles, gil)
                if io or c_code or not gil:
                    assert choose_executor(work) is ThreadPoolExecutor, work
                elif pickles:
                    assert choose_executor(work) is ProcessPoolExecutor, work
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    choose_executor(Workload(waits_on_io=False, releases_gil=False, picklable=False))
except ValueError:
    pass
else:
    raise AssertionError("CPU work under the GIL that cannot be pickled: raise ValueError")
got = choose_executor(Workload(waits_on_io=True, releases_gil=False, picklable=False, gil_enabled=False))
assert got is ThreadPoolExecutor, "unpicklable I/O work is fine on threads"

# %% course={"kind": "wrong", "id": "cpu-always-processes"}
def choose_executor(work):
    if work.waits_on_io:
        return ThreadPoolExecutor
    if work.picklable:
        return ProcessPoolExecutor  # forgets that C code releasing the GIL runs fine on threads
    raise ValueError("cannot pickle")

# %% course={"kind": "wrong", "id": "ignores-free-threading"}
def choose_executor(work):
    if work.waits_on_io or work.releases_gil:
        return ThreadPoolExecutor
    if work.picklable:
        return ProcessPoolExecutor
    raise ValueError("cannot pickle")

# %% course={"kind": "wrong", "id": "returns-instance"}
def choose_executor(work):
    if work.waits_on_io or work.releases_gil or not work.gil_enabled:
        return ThreadPoolExecutor()  # a running pool, not the class
    if work.picklable:
        return ProcessPoolExecutor()
    raise ValueError("cannot pickle")

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-gil"}
# The Global Interpreter Lock is a lock inside CPython that a thread must hold to run Python bytecode
# or touch Python objects. So in one process only one thread runs Python code at a time, even on many
# cores. It exists because CPython manages memory with reference counts that change constantly; one
# lock keeps them consistent cheaply and lets C extensions assume they are alone. It protects the
# interpreter's internals, not my data: `x += 1` on a shared variable still needs my own lock. It is a
# CPython detail (PyPy has one too; Jython and IronPython do not), and 3.13 has an experimental
# free-threaded build without it.

# %% [markdown] course={"kind": "answer", "question": "q-why-can-t-you-use-threads-for-cpu"}
# Because CPU-bound Python code needs the GIL the whole time: two threads take turns (the lock changes
# hands about every 5 ms, `sys.getswitchinterval()`), so together they use one core, and the hand-overs
# add a little overhead. Threads do run in parallel while they wait on I/O or while C code that released
# the GIL works (hashlib, zlib, NumPy). For Python computation on several cores you use processes
# (`ProcessPoolExecutor`), move the hot loop into C/NumPy, or, experimentally from 3.13, a free-threaded
# build.

# %% [markdown] course={"kind": "answer", "question": "q-when-is-the-gil-released"}
# 1. When a thread blocks on I/O or waits: socket and file reads and writes, `select`, `time.sleep`,
#    waiting for a lock or a subprocess.
# 2. Periodically: a thread running Python code is asked to hand over after the switch interval (5 ms by
#    default, `sys.setswitchinterval` changes it); the hand-over happens between bytecode instructions.
# 3. By C extensions around long work on their own buffers: `hashlib` on large data, `zlib`, NumPy,
#    most of PyTorch. A C function that does not release it (`sum` over a range) holds it until it
#    returns, and no other thread runs Python meanwhile.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-work-around-the-gil"}
# First check that it is the problem: I/O-bound code is not slowed by it, so threads or asyncio are
# fine there. For CPU-bound pure Python: `multiprocessing` / `ProcessPoolExecutor` (one GIL per
# process), sending a few large chunks so pickling does not eat the gain, with functions defined in
# importable modules (spawn). Or move the hot loop into code that releases the GIL: NumPy
# vectorisation, a C/Cython/Rust extension. Or scale out (several worker processes behind a queue,
# several pods). Sub-interpreters with their own GIL (3.12 from C; from Python with 3.14's
# `concurrent.interpreters`) and the free-threaded build (experimental in 3.13, supported but optional
# in 3.14) are on the way but not yet the default tool.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-alternatives-to-threading"}
# - `multiprocessing` / `ProcessPoolExecutor`: separate processes, real parallelism for CPU-bound work;
#   cost: start-up and pickling of arguments and results.
# - `asyncio`: one thread, many concurrent I/O waits (thousands of connections) with explicit `await`
#   points; no help for CPU work, and blocking calls stall everything.
# - Native code that releases the GIL (NumPy, C extensions), used from threads.
# - Out of process: task queues (Celery, RQ), several service replicas, a job per pod.
# - Newer: sub-interpreters with their own GIL (PEP 684, 3.12; a Python API, `concurrent.interpreters`,
#   from 3.14 by PEP 734) and free-threaded CPython (PEP 703, experimental in 3.13).
