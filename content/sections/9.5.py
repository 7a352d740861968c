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
# folder for the length of a `with` block. `no_children_left()` stops any worker process a cell
# leaves behind (a failing test or a pool nobody shut down) when the cell ends.
import contextlib
import dis
import hashlib
import multiprocessing
import os
import sys
import sysconfig
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from course.runtime.modules import scratch_modules

SPAWN = multiprocessing.get_context("spawn")


@contextlib.contextmanager
def no_children_left() -> Iterator[None]:
    """Kill and reap every multiprocessing child still running when the block ends, however it ends."""
    try:
        yield
    finally:
        for child in multiprocessing.active_children():
            child.kill()
            child.join()


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


trace = record_turns(2_000_000)
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
#   large buffer (CPython does so above 2 KiB), `zlib` while compressing, NumPy in most array operations.
#   A C function that does *not* release it (`sum()` over a `range`, `sorted()` of a list of numbers) holds it
#   for its whole run, switch interval or not: the hand-over only happens between bytecode
#   instructions.
#
# The demo counts how far a background thread gets (a plain Python loop that counts) while the main
# thread does one thing. Compare the counts per thing: tiny while the main thread holds the GIL in C
# code, large while it sleeps, hashes or compresses. (The few tens of thousands in the first line come
# from one switch interval, when the background thread held the GIL just before the call.)

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


big = bytes(20_000_000)  # 20 MB of zeros
for label, action in [
    ("sum(range(...)) in C, holds the GIL", lambda: sum(range(4_000_000))),
    ("time.sleep(0.05), releases it", lambda: time.sleep(0.05)),
    ("sha256 of 20 MB, releases it", lambda: hashlib.sha256(big).digest()),
    ("zlib.compress of 20 MB, releases it", lambda: zlib.compress(big, 1)),
]:
    print(f"{label:40} background steps: {background_progress(action):>10,}")

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
pieces = [(0, 30_000), (30_000, 60_000), (60_000, 90_000), (90_000, 120_000)]


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
#   `_interpreters` in 3.13 exist, not meant for your code).
# - **Free-threaded CPython (PEP 703, Python 3.13)**: a separate build, usually installed as `python3.13t`,
#   in which the GIL is gone (reference counting and the allocator were made thread-safe instead). It is
#   *experimental* in 3.13: single-threaded code runs slower, and a C extension that has not declared
#   itself safe turns the GIL back on when it is imported. `sys._is_gil_enabled()` (new in 3.13) tells
#   whether the GIL is on right now; `sysconfig.get_config_var("Py_GIL_DISABLED")` tells how the
#   interpreter was built (1 for a free-threaded build, 0 for a normal 3.13, `None` before 3.13).
#   Checked on pyenv's 3.13.0 (a normal build): `sys._is_gil_enabled()` is `True`, the config value `0`;
#   on 3.11.7 and 3.12.1 the function does not exist.
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
