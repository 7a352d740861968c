# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run CPU-heavy Python work in several processes (Process, Pool,
# ProcessPoolExecutor), pass data between them (Queue, Pipe, Value/Array, Manager, shared memory), choose a
# start method knowingly, survive errors and crashed workers, and leave no process behind.

# %% course={"kind": "setup", "id": "mp-setup"}
# Every process in this notebook is started with the "spawn" method: a fresh Python that imports what
# it runs by name. Functions typed into a notebook live in the kernel's `__main__`, which such a child
# cannot import, so the functions our processes run live in a real file shipped beside this notebook,
# data/10.2/mp_tasks.py. Children inherit the parent's sys.path, so putting that folder on it is enough.
import multiprocessing as mp
import os
import pickle
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import shared_memory
from pathlib import Path

from course.runtime.mp import RecordingContext, shared_memory_blocks, stop_all  # tests: what an answer made

TASKS = Path("data", "10.2", "mp_tasks.py").resolve()
if not TASKS.is_file():
    raise FileNotFoundError(f"{TASKS} not found: run this notebook from its own folder, with data/10.2/ beside it")
if str(TASKS.parent) not in sys.path:
    sys.path.insert(0, str(TASKS.parent))
import mp_tasks  # noqa: E402

SPAWN = mp.get_context("spawn")


# %% [markdown] course={"kind": "lesson", "id": "process-vs-thread", "covers": ["c-process-vs-thread", "c-separate-memory-space", "c-gil-bypass", "c-higher-overhead"]}
# ### Processes versus threads
#
# A thread shares everything with the rest of its process: the same objects, the same module
# globals, and (in CPython before the free-threaded builds) the same *Global Interpreter Lock*, so only
# one thread runs Python bytecode at a time. A process is a separate program with its own memory and
# its own interpreter and GIL: two processes really compute at the same time on two cores. The price:
# starting one is far slower than starting a thread (a new interpreter must start and import its
# modules), and everything passed between processes is copied, usually by pickling.
#
# A DevOps/MLOps engineer reaches for processes when the work is **CPU-bound pure Python**: parsing
# huge logs, feature computation, checksum runs, image resizing. For work that mostly waits (HTTP
# calls, disks, databases) threads or asyncio are cheaper. The thing people get wrong: expecting a
# child to change the parent's variables. It changes *its own copy*; results must be sent back.
#
# The demo sets a module global in the notebook. A thread sees the change; a spawned process imports
# the module afresh and sees the value written in the file. The timings show the overhead (they vary
# with the machine; a busy one takes several times longer): a spawned process costs tenths of a
# second, a thread a fraction of a millisecond. Use few, long-lived processes and give each a lot of work.

# %% course={"kind": "demo"}
import time

mp_tasks.MARK = "changed by the notebook"
seen_by_thread = []
start = time.perf_counter()
thread = threading.Thread(target=lambda: seen_by_thread.append(mp_tasks.read_mark()))
thread.start()
thread.join()
thread_ms = (time.perf_counter() - start) * 1000
start = time.perf_counter()
with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
    seen_by_process, child_pid = pool.submit(mp_tasks.read_mark).result(), pool.submit(os.getpid).result()
process_ms = (time.perf_counter() - start) * 1000
mp_tasks.MARK = "fresh import"
print("thread sees: ", seen_by_thread[0])
print("process sees:", seen_by_process)
print("notebook pid", os.getpid(), "- child pid", child_pid)
print(f"start, run, stop: thread {thread_ms:.2f} ms, spawned process {process_ms:.0f} ms")

# %% [markdown] course={"kind": "text"}
# The demo runs the same CPU-bound work (`mp_tasks.burn`) four times, first in two threads, then in
# two spawned processes, and prints the wall-clock seconds. With the GIL the threads take turns;
# the processes can use two cores at once, when the machine has two free ones. Timings vary from run
# to run and machine to machine; the exercise "Compare threads and processes" below turns such runs into a comparison.

# %% course={"kind": "demo"}
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

work = [300_000] * 4
bench = {}
for kind, make in [("threads", lambda: ThreadPoolExecutor(2)), ("processes", lambda: ProcessPoolExecutor(2, mp_context=SPAWN))]:
    with make() as pool:
        list(pool.map(abs, [1, 2]))  # start the workers before timing
        start = time.perf_counter()
        answers = list(pool.map(mp_tasks.burn, work))
        bench[kind] = [time.perf_counter() - start]
    print(f"{kind:9}: {bench[kind][0]:.2f} s, same answers: {len(set(answers)) == 1}")

# %% [markdown] course={"kind": "lesson", "id": "process-class", "covers": ["c-multiprocessing-module", "c-process-class", "c-start-join-is-alive", "c-terminate-kill"]}
# ### The `Process` class
#
# `ctx.Process(target=f, args=(...))` describes a child; `start()` launches it, `join()` waits for it
# and reaps it, `is_alive()` asks whether it still runs, and `exitcode` tells how it ended: `0` for a
# normal return, `1` when the target raised, `-N` when signal N stopped it. `terminate()` sends
# SIGTERM (the child may clean up), `kill()` sends SIGKILL (it cannot). `daemon=True` marks a child
# that the parent terminates when the parent itself exits normally (a parent that is killed cannot).
#
# `ctx` is a *context*: `multiprocessing.get_context("spawn")` gives the same API with a fixed start
# method (see the last lesson), which is better than changing the global default with
# `set_start_method`. The thing people get wrong: forgetting `join()`. A finished child that nobody
# joins stays a zombie in the process table until someone waits for it (`join()` does; so do, as a side
# effect, `is_alive()`, `exitcode`, `active_children()` and the next `start()`).
#
# One helper process does stay: the first spawned child also starts multiprocessing's *resource
# tracker*, which frees semaphores and shared memory blocks that a crashed program leaked. It is not
# in `active_children()`, and it ends by itself when the kernel (its parent) exits.

# %% course={"kind": "demo"}
sleeper = SPAWN.Process(target=time.sleep, args=(30,), daemon=True)  # time.sleep: importable by name
sleeper.start()
print("alive after start:", sleeper.is_alive(), "exitcode:", sleeper.exitcode)
sleeper.terminate()
sleeper.join()
print("alive after terminate+join:", sleeper.is_alive(), "exitcode:", sleeper.exitcode)
print("children still running:", mp.active_children())

# %% [markdown] course={"kind": "lesson", "id": "communication", "covers": ["c-process-communication", "c-queue-fifo-communication", "c-pipe-two-way-communication", "c-value-array-shared-memory", "c-manager-shared-objects"]}
# ### Talking between processes: Queue, Pipe, Value/Array, Manager
#
# - `ctx.Queue()`: a first-in-first-out queue any number of processes can `put` to and `get` from;
#   items are pickled. The classic pattern: workers loop on `get()` until a *sentinel* (`None`) arrives,
#   one sentinel per worker.
# - `ctx.Pipe()`: two connected ends; each end can `send` and `recv` (two-way by default). Faster than
#   a Queue, but only for two parties.
# - `ctx.Value("i", 0)`, `ctx.Array("d", 10)`: a number or an array of numbers in shared memory; no
#   copying, but `value += 1` is read, add, write: use `with v.get_lock():` around it.
# - `ctx.Manager()`: a server process that owns ordinary Python objects (dict, list, Lock...) and
#   hands out *proxies*; every access is a message to the server. Flexible and slow.
#
# The thing people get wrong: joining a child before reading what it put on a Queue. A child does not
# end until its queued data has been flushed into the pipe, so with enough data the parent waits for the
# child and the child for the parent. Read first, then join.

# %% course={"kind": "demo"}
parent_end, child_end = SPAWN.Pipe()
echo = SPAWN.Process(target=mp_tasks.shout_back, args=(child_end,))
echo.start()
child_end.close()  # the parent keeps only its own end
for word in ["disk", "full"]:
    parent_end.send(word)
    print("sent", word, "got back", parent_end.recv())
parent_end.send(None)
echo.join()
parent_end.close()

counter = SPAWN.Value("i", 0)  # "i": a C int; the Value comes with a lock
bumpers = [SPAWN.Process(target=mp_tasks.bump, args=(counter, 500)) for _ in range(2)]
for b in bumpers:
    b.start()
for b in bumpers:
    b.join()
print("two processes x 500 locked increments:", counter.value)

# %% [markdown] course={"kind": "lesson", "id": "synchronization", "covers": ["c-process-synchronization", "c-lock-rlock", "c-semaphore", "c-condition", "c-event"]}
# ### Synchronising processes
#
# The `threading` primitives exist for processes too, made from OS semaphores: `ctx.Lock()` (one
# holder at a time), `ctx.RLock()` (the holder may take it again), `ctx.Semaphore(n)` (at most n
# holders: e.g. at most 2 processes downloading at once), `ctx.Condition()` (wait until another process
# says something changed) and `ctx.Event()` (one flag: `set()`, `wait()`). They must be *passed* to
# the child (as an argument), never created again inside it. The thing people get wrong: using them
# to order work by sleeping. A handshake (the child says "ready", the parent answers "go") never
# depends on how busy the machine is.

# %% course={"kind": "demo"}
go, said = SPAWN.Event(), SPAWN.Queue()
waiter = SPAWN.Process(target=mp_tasks.wait_for_go, args=(go, said))
waiter.start()
print("child says:", said.get())  # "ready": it now waits for the event
go.set()
print("child says:", said.get())
waiter.join()
print("value locks are re-entrant:", type(SPAWN.Value("i", 0).get_lock()).__name__)

# %% [markdown] course={"kind": "lesson", "id": "pools", "covers": ["c-process-pools", "c-pool-class", "c-apply-apply-async", "c-map-map-async", "c-imap-imap-unordered", "c-starmap"]}
# ### `Pool`: a fixed set of workers
#
# `ctx.Pool(n)` starts n workers once and feeds them tasks: `apply(f, args)` runs one call and waits;
# `apply_async` returns an `AsyncResult` at once (`.get()` waits); `map(f, items, chunksize)` returns
# the list of results in input order; `imap` yields them lazily in order, `imap_unordered` as they
# finish; `starmap(f, pairs)` calls `f(*pair)`. *chunksize* is how many items travel to a worker in one
# message: bigger chunks mean fewer messages (less overhead) but coarser load balancing. `map` picks one
# for you: the items divided by four times the workers, rounded up.
#
# The thing people get wrong: `with ctx.Pool() as pool:` calls `terminate()` on exit, not a graceful
# close. Unfinished async work is killed. For a clean shutdown call `pool.close()` (no more tasks) and
# `pool.join()` (wait for the workers) before the block ends.

# %% course={"kind": "demo"}
with SPAWN.Pool(2) as pool:
    print("apply:           ", pool.apply(mp_tasks.square, (7,)))
    pending = pool.apply_async(mp_tasks.square, (8,))
    print("map:             ", pool.map(mp_tasks.square, range(6), chunksize=3))
    print("starmap:         ", pool.starmap(pow, [(2, 5), (3, 2)]))
    print("imap:            ", list(pool.imap(mp_tasks.square, [3, 1, 2])))
    print("imap_unordered:  ", sorted(pool.imap_unordered(mp_tasks.square, [3, 1, 2])), "(sorted: order varies)")
    print("map_async().get():", pool.map_async(mp_tasks.square, [4, 5]).get())
    print("apply_async:     ", pending.get())
    pool.close()
    pool.join()
print("children still running:", mp.active_children())

# %% [markdown] course={"kind": "lesson", "id": "executor", "covers": ["c-concurrent-futures-processpoolexecutor", "c-modern-simpler-api", "c-submit-map", "c-future-objects"]}
# ### `concurrent.futures.ProcessPoolExecutor`
#
# The same idea with the API that `ThreadPoolExecutor` also has, so switching between threads and
# processes is one word: `submit(f, *args)` returns a `Future` (`done()`, `result()`, `exception()`,
# `add_done_callback`), `map(f, items, chunksize=...)` yields results in input order. Leaving the `with`
# block waits for every submitted task and stops the workers (`shutdown(wait=True)`). Pass
# `mp_context=multiprocessing.get_context("spawn")` to fix the start method.
#
# An exception raised in a worker is pickled, sent back and raised again by `result()` in the parent,
# with the worker's traceback attached as its `__cause__`. A worker that *dies* (a segfault, the OOM
# killer, `os._exit`) cannot send anything: the pool is then *broken* and every unfinished future fails
# with `BrokenProcessPool`. The thing people get wrong: `map` raises the first error when you reach it
# and you lose the rest; use `submit` and look at each future when some items may fail.

# %% course={"kind": "demo"}
with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
    good, bad = pool.submit(mp_tasks.parse_port, "8080"), pool.submit(mp_tasks.parse_port, "70000")
    print("good.result():", good.result())
    err = bad.exception()
    print("bad.exception():", repr(err), "- raised in the child, type kept:", type(err) is ValueError)
    print("the child's traceback rides along:", type(err.__cause__).__name__)
with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
    dead = pool.submit(mp_tasks.crash, 3)
    print("a worker that dies:", type(dead.exception()).__name__)

# %% [markdown] course={"kind": "lesson", "id": "shared-memory", "covers": ["c-shared-memory-python-3-8", "c-multiprocessing-shared-memory", "c-sharedmemory-class"]}
# ### `multiprocessing.shared_memory`
#
# `SharedMemory(create=True, size=n)` makes a named block of n bytes that any process can open with
# `SharedMemory(name=...)`; `.buf` is a `memoryview` over it, and `buf.cast("q")` views it as 8-byte
# integers (NumPy arrays can sit on it too). Nothing is pickled or copied, so it suits big arrays.
# Two calls end it: every process calls `close()` on its handle, and exactly one calls `unlink()` to
# free the block (on Linux it is a file in /dev/shm until then).
#
# The thing people get wrong: a block never unlinked outlives the program. And `close()` raises
# `BufferError` while a view made from `.buf` (like the cast) is still alive: `release()` it first.

# %% course={"kind": "demo"}
block = shared_memory.SharedMemory(create=True, size=8 * 4)
try:
    ints = block.buf.cast("q")
    ints[0], ints[1], ints[2] = 40, 2, -10
    adder = SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, 3))
    adder.start()
    adder.join()
    print("the child stored the total in slot 3:", ints[3])
    try:
        block.close()
    except BufferError as err:
        print("close() with a live view:", err)
    ints.release()
finally:
    block.close()
    block.unlink()

# %% [markdown] course={"kind": "lesson", "id": "pickling", "covers": ["c-pickling-considerations", "c-what-can-be-pickled", "c-lambda-limitations", "c-dill-library"]}
# ### Pickling: what can cross a process boundary
#
# Arguments, results and exceptions travel pickled. Data pickles by value (numbers, strings, lists,
# dicts, dataclasses). Functions and classes pickle **by name**: the bytes say "module `mp_tasks`,
# attribute `square`", and the receiving process imports that name. So a lambda, a function defined
# inside another function, a lock, an open file or a generator cannot be sent, and neither can a
# function whose module the child cannot import. That last one is the notebook trap: a function you
# define in a cell belongs to `__main__`, and a spawned child's `__main__` is not your notebook. In
# Jupyter the parent pickles the name happily, the child cannot find it (its stderr shows
# `AttributeError: Can't get attribute 'triple_here' on <module '__main__' ...>`), and the pool
# breaks (`BrokenProcessPool`). A `multiprocessing.Pool` in the same situation loses the task and can
# wait for ever. In a script it works, because the child re-runs the script file as its `__main__`
# (which is why scripts need `if __name__ == "__main__":` around the code that starts processes).
#
# The fix used throughout this notebook: put worker functions in a module file. `mp_tasks.py` ships
# beside the notebook; for a quick experiment `course.runtime.modules.scratch_modules` writes a module
# to a temporary folder on `sys.path` (as below). The third-party `dill` library pickles lambdas and
# closures by value (`multiprocess`, a fork of `multiprocessing`, uses it), but the course does not
# install it: a module file is the portable answer.

# %% course={"kind": "demo"}
print("a module function pickles to a name:", b"mp_tasks" in pickle.dumps(mp_tasks.square))
for label, thing in [("lambda", lambda x: x), ("lock", threading.Lock()), ("generator", (i for i in "ab"))]:
    try:
        pickle.dumps(thing)
    except Exception as err:  # noqa: BLE001 - the demo shows which error each one raises
        print(f"{label:9} -> {type(err).__name__}")

# %% course={"kind": "demo"}
from course.runtime.modules import scratch_modules  # noqa: E402

with scratch_modules({"mytask.py": "def triple(n):\n    return 3 * n\n"}):
    import mytask

    with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
        print("function from a module file:", list(pool.map(mytask.triple, [1, 2, 3])))


def triple_here(n):
    return 3 * n


try:
    with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
        print(pool.submit(triple_here, 2).result())
except Exception as err:  # noqa: BLE001 - Jupyter and a plain script fail differently
    print("function from this notebook:", type(err).__name__)

# %% [markdown] course={"kind": "lesson", "id": "start-methods", "covers": ["c-start-methods", "c-fork-unix-default", "c-spawn-windows-safer", "c-forkserver"]}
# ### Start methods: fork, spawn, forkserver
#
# - **fork** copies the running parent (memory, open files, every module already imported): the
#   fastest start, and children see the parent's current globals. But only the forking thread is
#   copied: a lock another thread held stays locked for ever in the child. Since Python 3.12 a fork in a
#   process that runs threads raises `DeprecationWarning: This process ... is multi-threaded, use of
#   fork() may lead to deadlocks in the child` (3.11 says nothing). The warning comes from inside
#   multiprocessing, so the default warning filters hide it: you see it under pytest or with
#   `python -W default` (checked on 3.11.7, 3.12.1 and 3.13.0). A Jupyter kernel always runs several threads.
# - **spawn** starts a fresh interpreter and imports what the child needs: slowest, safest, and the
#   only method on Windows; the default on Windows and on macOS (since 3.8).
# - **forkserver** starts one clean server process once (by spawning); each child is then forked from
#   that single-threaded server: cheap starts without inheriting the parent's threads. Not on Windows.
#
# The default on Linux (and the other POSIX systems except macOS) is *fork* up to Python 3.13; Python
# 3.14 changed it to *forkserver* (the multiprocessing docs, "Changed in version 3.14"; the demo below
# prints what your Python uses). macOS and Windows keep *spawn*. Code that silently relied on fork (a
# lambda in a pool, a global set before the pool started) breaks on 3.14. So name the method:
# `mp.get_context("spawn")`.

# %% course={"kind": "demo"}
print("Python", sys.version.split()[0], "- default start method:", mp.get_start_method())
print("available here:", mp.get_all_start_methods())
print("this notebook uses:", SPAWN.get_start_method())

# %% [markdown] course={"kind": "exercise", "id": "queue-workers", "item": "x-create-worker-processes-with-queue"}
# ### Worker processes fed by a Queue
#
# Write `gather_with_queue(ctx, jobs, workers)`. It makes two queues with `ctx.Queue()` (an inbox and
# an outbox), starts exactly `workers` processes with
# `ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True)`, puts every job on
# the inbox followed by one `None` per worker (each worker stops at the first `None` it takes), reads
# one message per job from the outbox (each is a tuple `(job, job * job, worker_pid)`), joins every
# worker, and returns a dict `{job: job * job}`. Jobs are distinct ints. `workers` below 1 raises
# `ValueError` before anything starts.
#
# ```python
# gather_with_queue(SPAWN, [1, 2, 3], 2)   # {1: 1, 2: 4, 3: 9}
# ```

# %% [markdown] course={"kind": "hint"}
# Start the workers first, then fill the inbox; read the outbox `len(jobs)` times; join last.

# %% [markdown] course={"kind": "hint"}
# Results arrive in whatever order the workers finish: store each under its job, do not append to a
# list. Join only after reading: a worker with unread output may not be able to exit.

# %% course={"kind": "solution"}
def gather_with_queue(ctx, jobs: list[int], workers: int) -> dict[int, int]:
    ### BEGIN SOLUTION
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    for job in jobs:
        inbox.put(job)
    for _ in procs:
        inbox.put(None)
    results = {}
    for _ in jobs:
        job, value, _pid = outbox.get()
        results[job] = value
    for proc in procs:
        proc.join()
    return results
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rec = RecordingContext(SPAWN, stall=2.0)  # a deadlocked answer fails after 2 s of stillness
try:
    got = gather_with_queue(rec, [1, 2, 3], 1)
finally:  # whatever happens, no worker outlives the test
    waiting, leftover = rec.unjoined(), rec.stop_all()
assert got == {1: 1, 2: 4, 3: 9} and type(got) is dict, f"expected the dict {{1: 1, 2: 4, 3: 9}}, got {got!r}"
assert not waiting and not leftover, "join every worker before returning"

# %% course={"kind": "test", "points": 2}
rec = RecordingContext(SPAWN, stall=2.0)
try:
    got = gather_with_queue(rec, [-3, 0, 4, 5], 2)
finally:
    made = list(rec.made)
    waiting, leftover = rec.unjoined(), rec.stop_all()
assert len(made) == 2, f"start exactly `workers` (2) processes, not {len(made)}"
assert got == {-3: 9, 0: 0, 4: 16, 5: 25}, f"got {got!r}"
assert all(p.daemon for p in made), "start the workers with daemon=True"
assert not waiting and not leftover, "join every worker before returning"
assert all(p.exitcode == 0 for p in made), "every worker ends normally (exit code 0)"
### BEGIN HIDDEN TESTS
rec = RecordingContext(SPAWN, stall=2.0)
try:
    got = gather_with_queue(rec, [], 1)
finally:
    leftover = rec.stop_all()
assert got == {} and type(got) is dict and not leftover, "no jobs: an empty dict, and the worker still stops"
for bad in (0, -1):
    rec = RecordingContext(SPAWN, stall=2.0)
    try:
        gather_with_queue(rec, [1], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"workers={bad} must raise ValueError")
    finally:
        rec.stop_all()
    assert rec.made == [], "nothing may start when workers is invalid"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "process-per-job"}
def gather_with_queue(ctx, jobs, workers):
    if workers < 1:
        raise ValueError(workers)
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = []
    for job in jobs:  # one process per job instead of a fixed team of workers
        inbox.put(job)
        inbox.put(None)
        proc = ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True)
        proc.start()
        procs.append(proc)
    results = {}
    for _ in jobs:
        job, value, _pid = outbox.get()
        results[job] = value
    for proc in procs:
        proc.join()
    return results


# %% course={"kind": "wrong", "id": "list-in-arrival-order"}
def gather_with_queue(ctx, jobs, workers):
    if workers < 1:
        raise ValueError(workers)
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    for job in jobs:
        inbox.put(job)
    for _ in procs:
        inbox.put(None)
    results = [outbox.get()[1] for _ in jobs]  # a list in arrival order: which job was which?
    for proc in procs:
        proc.join()
    return results


# %% course={"kind": "wrong", "id": "never-joins", "fails": ["t1", "t2"]}
def gather_with_queue(ctx, jobs, workers):
    if workers < 1:
        raise ValueError(workers)
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    for job in jobs:
        inbox.put(job)
    for _ in procs:
        inbox.put(None)
    results = {}
    for _ in jobs:
        job, value, _pid = outbox.get()
        results[job] = value
    return results  # "they stop by themselves after the None": but nobody waits for them


# %% course={"kind": "wrong", "id": "one-none-for-all", "fails": ["t2"]}
def gather_with_queue(ctx, jobs, workers):
    if workers < 1:
        raise ValueError(workers)
    inbox, outbox = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=mp_tasks.square_worker, args=(inbox, outbox), daemon=True) for _ in range(workers)]
    for proc in procs:
        proc.start()
    for job in jobs:
        inbox.put(job)
    inbox.put(None)  # "None means stop": but the first worker takes it, and the others wait for ever
    results = {}
    for _ in jobs:
        job, value, _pid = outbox.get()
        results[job] = value
    for proc in procs:
        proc.join()
    return results


# %% [markdown] course={"kind": "exercise", "id": "pool-map", "item": "x-use-processpoolexecutor-for-parallel"}
# ### A process pool map that names its start method
#
# Write `parallel_map(fn, items, *, workers=2, chunksize=1)`: run `fn` on every item in a
# `ProcessPoolExecutor` with `max_workers=workers` and the **spawn** context (`SPAWN`), passing
# `chunksize` on, and return the results as a `list` in input order. The pool must be shut down when
# the function returns, and an exception raised by `fn` in a worker propagates to the caller.
#
# ```python
# parallel_map(mp_tasks.square, [3, -2, 0], workers=1)   # [9, 4, 0]
# ```

# %% [markdown] course={"kind": "hint"}
# `with ProcessPoolExecutor(max_workers=..., mp_context=...) as pool:` and `pool.map(fn, items, chunksize=...)`.

# %% [markdown] course={"kind": "hint"}
# `pool.map` returns an iterator, not a list: turn it into a list inside the `with` block.

# %% course={"kind": "solution"}
def parallel_map(fn, items, *, workers: int = 2, chunksize: int = 1) -> list:
    ### BEGIN SOLUTION
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        return list(pool.map(fn, items, chunksize=chunksize))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = parallel_map(mp_tasks.square, [3, -2, 0], workers=1)
assert got == [9, 4, 0] and type(got) is list, f"expected the list [9, 4, 0], got {got!r}"

# %% course={"kind": "test", "points": 2}
mp_tasks.MARK = "changed in the parent"
try:
    got = parallel_map(mp_tasks.read_mark, [1], workers=1)
finally:
    mp_tasks.MARK = "fresh import"
assert got == ["fresh import"], f"a spawned worker imports mp_tasks afresh; this one saw {got!r} (not spawn?)"

# %% course={"kind": "test", "points": 2}
tags = parallel_map(mp_tasks.whoami, list("abcdeé"), workers=2, chunksize=6)
assert [item for item, _ in tags] == list("abcdeé"), "results come back in input order"
assert os.getpid() not in {pid for _, pid in tags}, "the items must run in worker processes, not in the notebook"

# %% course={"kind": "test", "points": 1}
mp_tasks.PickleCounter.pickled = 0  # counts messages: the pool pickles the function once per chunk it sends
got = parallel_map(mp_tasks.PickleCounter(), range(6), workers=2, chunksize=3)
assert got == [0, 1, 4, 9, 16, 25], f"got {got!r}"
assert mp_tasks.PickleCounter.pickled == 2, (
    f"6 items in chunks of 3 travel as 2 messages, not {mp_tasks.PickleCounter.pickled}: pass chunksize on"
)
### BEGIN HIDDEN TESTS
real_spawn = SPAWN
SPAWN = recording = RecordingContext(real_spawn)  # records the worker processes a pool made with SPAWN starts
try:
    got = parallel_map(mp_tasks.square, range(20), workers=1)
finally:
    SPAWN = real_spawn
    recording.stop_all()
assert got == [n * n for n in range(20)]
assert len(recording.made) <= 1, f"workers=1 allows one worker process, the pool started {len(recording.made)}"
before = set(mp.active_children())
got = parallel_map(mp_tasks.square, iter([]), workers=1)
assert got == [] and type(got) is list, "an empty iterator gives an empty list"
try:
    parallel_map(mp_tasks.parse_port, ["80", "http"], workers=1)
except ValueError as err:
    assert "http" in str(err), "the worker's own error comes back"
else:
    raise AssertionError("an error in fn must reach the caller")
assert not set(mp.active_children()) - before, "the pool must be shut down"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-iterator"}
def parallel_map(fn, items, *, workers=2, chunksize=1):
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        return pool.map(fn, items, chunksize=chunksize)  # an iterator, not a list


# %% course={"kind": "wrong", "id": "fork-because-faster"}
def parallel_map(fn, items, *, workers=2, chunksize=1):
    fast = mp.get_context("fork")  # "fork starts faster": and the children inherit the parent's state
    with ProcessPoolExecutor(max_workers=workers, mp_context=fast) as pool:
        return list(pool.map(fn, items, chunksize=chunksize))


# %% course={"kind": "wrong", "id": "ignores-chunksize", "fails": ["t4"]}
def parallel_map(fn, items, *, workers=2, chunksize=1):
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        return list(pool.map(fn, items))  # chunksize accepted but never passed on: one item per message


# %% [markdown] course={"kind": "exercise", "id": "split-rows", "item": "project-10-2-1"}
# ### Parallel data processor, part 1: split the rows
#
# Before a parallel job hands rows to workers it cuts them into chunks. Write `split_rows(rows, parts)`:
# cut the list `rows` into at most `parts` **contiguous** chunks (lists) whose sizes differ by at most
# one, the bigger chunks first, no chunk empty; concatenated they give `rows` back. It returns a new
# list of new lists and does not change `rows`. `parts` below 1 raises `ValueError`.
#
# ```python
# split_rows([1, 2, 3, 4, 5, 6, 7], 3)   # [[1, 2, 3], [4, 5], [6, 7]]
# ```

# %% [markdown] course={"kind": "hint"}
# `divmod(len(rows), parts)` gives the base size and how many chunks get one row more.

# %% [markdown] course={"kind": "hint"}
# Rounding the size up (`ceil`) makes the last chunk too small: 7 rows in 3 parts would give 3, 3, 1.

# %% course={"kind": "solution"}
def split_rows(rows: list, parts: int) -> list[list]:
    ### BEGIN SOLUTION
    if parts < 1:
        raise ValueError(f"parts must be at least 1, got {parts}")
    size, extra = divmod(len(rows), parts)
    chunks, start = [], 0
    for i in range(min(parts, len(rows))):
        end = start + size + (1 if i < extra else 0)
        chunks.append(rows[start:end])
        start = end
    return chunks
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert split_rows([1, 2, 3, 4, 5, 6, 7], 3) == [[1, 2, 3], [4, 5], [6, 7]], "sizes 3, 2, 2: bigger first, contiguous"

# %% course={"kind": "test", "points": 2}
assert split_rows(list("abcdef"), 2) == [["a", "b", "c"], ["d", "e", "f"]], "an even split"
assert split_rows([0, ""], 5) == [[0], [""]], "more parts than rows: one row each, no empty chunks"
assert split_rows([], 3) == [], "no rows, no chunks"
### BEGIN HIDDEN TESTS
rows = ["é", "ß", "x", "y"]
out = split_rows(rows, 1)
assert out == [["é", "ß", "x", "y"]] and out[0] is not rows and rows == ["é", "ß", "x", "y"], "one part: a copy"
assert split_rows(rows, 4) == [["é"], ["ß"], ["x"], ["y"]], "as many parts as rows"
assert split_rows(rows, 3) == [["é", "ß"], ["x"], ["y"]]
for n in range(0, 30):
    for k in range(1, 8):
        got = split_rows(list(range(n)), k)
        sizes = [len(c) for c in got]
        assert [x for c in got for x in c] == list(range(n)), (n, k)
        assert len(got) == min(n, k) and (not sizes or max(sizes) - min(sizes) <= 1), (n, k, sizes)
        assert sizes == sorted(sizes, reverse=True), (n, k, sizes)
        assert all(type(c) is list for c in got) and type(got) is list
for bad in (0, -2):
    try:
        split_rows([1], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parts={bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ceil-size"}
import math


def split_rows(rows, parts):
    if parts < 1:
        raise ValueError(parts)
    size = math.ceil(len(rows) / parts) if rows else 1
    return [rows[i : i + size] for i in range(0, len(rows), size)]


# %% course={"kind": "wrong", "id": "striding"}
def split_rows(rows, parts):
    if parts < 1:
        raise ValueError(parts)
    return [rows[i::parts] for i in range(min(parts, len(rows)))]  # round-robin: not contiguous


# %% course={"kind": "wrong", "id": "remainder-last", "fails": ["t1", "t2"]}
def split_rows(rows, parts):
    if parts < 1:
        raise ValueError(parts)
    if len(rows) <= parts:
        return [[row] for row in rows]
    size = len(rows) // parts
    chunks = [rows[i * size : (i + 1) * size] for i in range(parts - 1)]
    return chunks + [rows[(parts - 1) * size :]]  # the last chunk takes the whole remainder: 2, 2, 3


# %% [markdown] course={"kind": "exercise", "id": "run-all", "item": "x-handle-process-failures-gracefully"}
# ### Handle failures per item
#
# Write `run_all(fn, items, workers=2)`: submit `fn(item)` for every item to a `ProcessPoolExecutor`
# (spawn context `SPAWN`, `max_workers=workers`) and return two dicts, `(done, failed)`: `done` maps each
# item whose call returned to its result, `failed` maps each item whose call raised to the text
# `"ExceptionType: message"`. Both keep the items' input order. A worker that dies instead of raising
# breaks the pool: its items fail with `BrokenProcessPool`, and `run_all` still returns normally.
# Items are distinct and hashable.
#
# ```python
# run_all(mp_tasks.parse_port, ["80", "http"], workers=1)
# # ({'80': 80}, {'http': "ValueError: invalid literal for int() with base 10: 'http'"})
# ```

# %% [markdown] course={"kind": "hint"}
# `pool.submit` gives one `Future` per item; `future.result()` raises that item's exception, which you catch.

# %% [markdown] course={"kind": "hint"}
# `f"{type(err).__name__}: {err}"`. Catch `Exception`: `BrokenProcessPool` is not a `ValueError`.

# %% course={"kind": "solution"}
def run_all(fn, items, workers: int = 2) -> tuple[dict, dict]:
    ### BEGIN SOLUTION
    done, failed = {}, {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        futures = {item: pool.submit(fn, item) for item in items}
        for item, future in futures.items():
            try:
                done[item] = future.result()
            except Exception as err:  # noqa: BLE001 - every failure is recorded, none stops the rest
                failed[item] = f"{type(err).__name__}: {err}"
    return done, failed
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
done, failed = run_all(mp_tasks.parse_port, ["80", "http"], workers=1)
assert done == {"80": 80}, f"'80' parses to 80, got done={done!r}"
assert failed == {"http": "ValueError: invalid literal for int() with base 10: 'http'"}, f"got failed={failed!r}"

# %% course={"kind": "test", "points": 2}
texts = ["70000", "443", "0", "65535", "1", "-5"]
done, failed = run_all(mp_tasks.parse_port, texts, workers=2)
assert list(done.items()) == [("443", 443), ("65535", 65535), ("1", 1)], f"every good item, in order: {done!r}"
assert list(failed) == ["70000", "0", "-5"], f"every failing item, in input order: {list(failed)}"
assert failed["0"] == "ValueError: port out of range: 0", f"got {failed['0']!r}"
### BEGIN HIDDEN TESTS
before = set(mp.active_children())
assert run_all(mp_tasks.parse_port, [], workers=1) == ({}, {}), "no items: two empty dicts"
done, failed = run_all(mp_tasks.crash, [3], workers=1)
assert done == {} and list(failed) == [3] and failed[3].startswith("BrokenProcessPool: "), f"got {failed!r}"
assert not set(mp.active_children()) - before, "the pool must be shut down"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "map-stops-at-first"}
def run_all(fn, items, workers=2):
    done, failed = {}, {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        results = pool.map(fn, items)
        for item in items:
            try:
                done[item] = next(results)
            except Exception as err:  # noqa: BLE001
                failed[item] = f"{type(err).__name__}: {err}"  # map's iterator is finished after an error
                break
    return done, failed


# %% course={"kind": "wrong", "id": "message-only"}
def run_all(fn, items, workers=2):
    done, failed = {}, {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        futures = {item: pool.submit(fn, item) for item in items}
        for item, future in futures.items():
            try:
                done[item] = future.result()
            except Exception as err:  # noqa: BLE001
                failed[item] = str(err)  # the type name is lost
    return done, failed


# %% course={"kind": "wrong", "id": "catches-valueerror-only"}
def run_all(fn, items, workers=2):
    done, failed = {}, {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=SPAWN) as pool:
        futures = {item: pool.submit(fn, item) for item in items}
        for item, future in futures.items():
            try:
                done[item] = future.result()
            except ValueError as err:  # a crashed worker raises BrokenProcessPool
                failed[item] = f"{type(err).__name__}: {err}"
    return done, failed


# %% [markdown] course={"kind": "exercise", "id": "shared-sum"}
# ### Numbers in shared memory
#
# Write `sum_in_child(numbers)`: create a `shared_memory.SharedMemory` block with room for
# `len(numbers) + 1` 8-byte signed ints, write the numbers into its first slots (through
# `block.buf.cast("q")`), start `SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, len(numbers)))`
# (it stores the total in the slot after the numbers), join it, and return that total as an `int`. If
# the child fails (exit code not 0: e.g. when the total does not fit in 64 bits), raise `RuntimeError`.
# Whatever happens, close **and unlink** the block before returning. Each number fits in 64 signed bits.
#
# ```python
# sum_in_child([40, 2, -10])   # 32
# ```

# %% [markdown] course={"kind": "hint"}
# `try:` ... `finally: block.close(); block.unlink()`.

# %% [markdown] course={"kind": "hint"}
# `close()` raises `BufferError` while the cast view is alive: read the total, then `view.release()`.

# %% course={"kind": "solution", "equivalent": {"m-25e19c8c": "one spare slot changes nothing the function does: same total, same exit-code check, the block is unlinked either way", "m-ba7df8be": "SharedMemory.__del__ closes the handle when the function's last reference to it goes, at return"}}
def sum_in_child(numbers: list[int]) -> int:
    ### BEGIN SOLUTION
    block = shared_memory.SharedMemory(create=True, size=8 * (len(numbers) + 1))
    try:
        view = block.buf.cast("q")
        for i, n in enumerate(numbers):
            view[i] = n
        child = SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, len(numbers)))
        child.start()
        child.join()
        total = view[len(numbers)]
        view.release()
        if child.exitcode != 0:
            raise RuntimeError(f"the child failed with exit code {child.exitcode}")
        return total
    finally:
        block.close()
        block.unlink()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with shared_memory_blocks():  # records the blocks made inside and removes any left behind
    got = sum_in_child([40, 2, -10])
assert got == 32 and type(got) is int, f"40 + 2 - 10 is 32, got {got!r}"

# %% course={"kind": "test", "points": 2}
with shared_memory_blocks() as blocks:
    got = sum_in_child([5, 0, 7])
assert got == 12, f"got {got!r}"
assert len(blocks.made) == 1, f"make one block, not {len(blocks.made)}"
assert not blocks.leaked, "unlink the block before returning: it outlives the program otherwise"
### BEGIN HIDDEN TESTS
with shared_memory_blocks() as blocks:
    assert sum_in_child([]) == 0, "no numbers: the total is 0 (the block has one slot)"
    big = sum_in_child([2**63 - 1, -(2**63) + 1])
    assert big == 0, "both ends of the 64-bit range"
    assert sum_in_child([2**40, -(2**40) - 1]) == -1, "numbers beyond 32 bits"
    try:
        sum_in_child([2**62, 2**62])  # the child cannot store 2**63: it fails with exit code 1
    except RuntimeError:
        pass
    else:
        raise AssertionError("a child that fails must raise RuntimeError")
assert not blocks.leaked, "unlink the block also when the child fails"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "never-unlinked"}
def sum_in_child(numbers):
    block = shared_memory.SharedMemory(create=True, size=8 * (len(numbers) + 1))
    view = block.buf.cast("q")
    for i, n in enumerate(numbers):
        view[i] = n
    child = SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, len(numbers)))
    child.start()
    child.join()
    total = view[len(numbers)]
    view.release()
    block.close()  # closed, but never unlinked: the block outlives the program
    return total


# %% course={"kind": "wrong", "id": "view-not-released"}
def sum_in_child(numbers):
    block = shared_memory.SharedMemory(create=True, size=8 * (len(numbers) + 1))
    try:
        view = block.buf.cast("q")
        for i, n in enumerate(numbers):
            view[i] = n
        child = SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, len(numbers)))
        child.start()
        child.join()
        return view[len(numbers)]
    finally:
        block.close()  # BufferError: the cast view still points into the block
        block.unlink()


# %% course={"kind": "wrong", "id": "ignores-exit-code", "fails": ["t2"]}
def sum_in_child(numbers):
    block = shared_memory.SharedMemory(create=True, size=8 * (len(numbers) + 1))
    try:
        view = block.buf.cast("q")
        for i, n in enumerate(numbers):
            view[i] = n
        child = SPAWN.Process(target=mp_tasks.sum_shared, args=(block.name, len(numbers)))
        child.start()
        child.join()
        total = view[len(numbers)]  # a child that failed never wrote it: this reads the 0 left there
        view.release()
        return total
    finally:
        block.close()
        block.unlink()


# %% [markdown] course={"kind": "exercise", "id": "manager-tally", "item": "x-implement-shared-state-with-manager"}
# ### Shared state with a Manager
#
# Write `manager_tally(batches)`: in a `with SPAWN.Manager() as manager:` block make a shared dict
# (`manager.dict()`) and a lock (`manager.Lock()`), start one `SPAWN.Process` per batch with
# `target=mp_tasks.tally_into, args=(shared, lock, batch)` (it counts the batch's words into the dict),
# join them all, and return the counts as a plain `dict`. When the function returns, the manager's
# server process and every worker have ended.
#
# ```python
# manager_tally([["a", "b", "a"], ["b"]])   # {'a': 2, 'b': 2}
# ```

# %% [markdown] course={"kind": "hint"}
# `manager.dict()` returns a *proxy*: every access is a message to the manager's process.

# %% [markdown] course={"kind": "hint"}
# The proxy stops working when the manager shuts down: copy it with `dict(shared)` before the `with`
# block ends.

# %% course={"kind": "solution"}
def manager_tally(batches: list[list[str]]) -> dict[str, int]:
    ### BEGIN SOLUTION
    with SPAWN.Manager() as manager:
        shared, lock = manager.dict(), manager.Lock()
        workers = [SPAWN.Process(target=mp_tasks.tally_into, args=(shared, lock, batch)) for batch in batches]
        for proc in workers:
            proc.start()
        for proc in workers:
            proc.join()
        return dict(shared)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
before = set(mp.active_children())
got = manager_tally([["a", "b", "a"], ["b", "é"]])
extra = stop_all(set(mp.active_children()) - before)
assert got == {"a": 2, "b": 2, "é": 1} and type(got) is dict, f"expected a plain dict of counts, got {got!r}"
assert not extra, f"processes still running after the call: {extra}"
### BEGIN HIDDEN TESTS
before = set(mp.active_children())
got = manager_tally([])
extra = stop_all(set(mp.active_children()) - before)
assert got == {} and type(got) is dict and not extra, "no batches: an empty dict, manager stopped"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-proxy"}
def manager_tally(batches):
    with SPAWN.Manager() as manager:
        shared, lock = manager.dict(), manager.Lock()
        workers = [SPAWN.Process(target=mp_tasks.tally_into, args=(shared, lock, b)) for b in batches]
        for proc in workers:
            proc.start()
        for proc in workers:
            proc.join()
        return shared  # a proxy to a server that stops at the end of the block


# %% course={"kind": "wrong", "id": "manager-never-stopped"}
def manager_tally(batches):
    manager = SPAWN.Manager()
    manager.start()  # started by hand and never shut down: its server process stays
    shared, lock = manager.dict(), manager.Lock()
    workers = [SPAWN.Process(target=mp_tasks.tally_into, args=(shared, lock, b)) for b in batches]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join()
    return dict(shared)


# %% [markdown] course={"kind": "exercise", "id": "compare-runs", "item": "x-compare-threading-vs-multiprocessing-for"}
# ### Compare threads and processes from measured runs
#
# Timings are noisy, so a fair comparison repeats each run and takes the **median**. Write
# `speedups(runs, baseline)`: `runs` maps a kind (`"threads"`, `"processes"`, ...) to a list of measured
# seconds; return a dict mapping every kind, in the order of `runs`, to how many times faster than the
# baseline kind it was: `median(baseline runs) / median(its runs)`, rounded to 2 decimals. A kind with
# no runs raises `ValueError` naming it; a `baseline` missing from `runs` raises `KeyError`.
#
# ```python
# speedups({"threads": [2.0, 2.2, 9.0], "processes": [1.3, 1.1, 1.2]}, "threads")
# # {'threads': 1.0, 'processes': 1.83}
# ```

# %% [markdown] course={"kind": "hint"}
# `statistics.median` handles even counts (the mean of the two middle values).

# %% [markdown] course={"kind": "hint"}
# Faster means smaller times: divide the baseline's median by the kind's median, not the other way round.

# %% course={"kind": "solution"}
import statistics


def speedups(runs: dict[str, list[float]], baseline: str) -> dict[str, float]:
    ### BEGIN SOLUTION
    for kind, times in runs.items():
        if not times:
            raise ValueError(f"no runs for {kind!r}")
    base = statistics.median(runs[baseline])
    return {kind: round(base / statistics.median(times), 2) for kind, times in runs.items()}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = speedups({"threads": [2.0, 2.2, 9.0], "processes": [1.3, 1.1, 1.2]}, "threads")
assert got == {"threads": 1.0, "processes": 1.83}, f"medians 2.2 and 1.2 give 1.0 and 1.83 (rounded), got {got}"

# %% course={"kind": "test", "points": 2}
got = speedups({"processes": [4.0, 1.0, 2.0, 3.0], "threads": [5.0]}, "threads")
assert list(got) == ["processes", "threads"], "keep the order of runs"
assert got == {"processes": 2.0, "threads": 1.0}, f"the median of 1, 2, 3, 4 is 2.5: 5 / 2.5 = 2.0, got {got}"
### BEGIN HIDDEN TESTS
got = speedups({"a": [3.0], "b": [0.5, 100.0, 0.5]}, "a")
assert got == {"a": 1.0, "b": 6.0} and all(type(v) is float for v in got.values()), got
assert speedups({"x": [2.0]}, "x") == {"x": 1.0}
assert speedups({"s": [1.0], "t": [3.0]}, "s") == {"s": 1.0, "t": 0.33}, "slower than the baseline: below 1"
try:
    speedups({"threads": [1.0], "processes": []}, "threads")
except ValueError as err:
    assert "processes" in str(err), "the error names the kind with no runs"
else:
    raise AssertionError("a kind with no runs raises ValueError")
try:
    speedups({"threads": [1.0]}, "processes")
except KeyError:
    pass
else:
    raise AssertionError("a missing baseline raises KeyError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mean-not-median"}
def speedups(runs, baseline):
    for kind, times in runs.items():
        if not times:
            raise ValueError(kind)
    base = statistics.mean(runs[baseline])  # one slow outlier drags the mean
    return {k: round(base / statistics.mean(t), 2) for k, t in runs.items()}


# %% course={"kind": "wrong", "id": "ratio-upside-down"}
def speedups(runs, baseline):
    for kind, times in runs.items():
        if not times:
            raise ValueError(kind)
    base = statistics.median(runs[baseline])
    return {k: round(statistics.median(t) / base, 2) for k, t in runs.items()}


# %% course={"kind": "wrong", "id": "middle-element-median", "fails": ["t2"]}
def speedups(runs, baseline):
    def middle(times):
        return sorted(times)[len(times) // 2]  # for an even count this is the upper middle value

    for kind, times in runs.items():
        if not times:
            raise ValueError(kind)
    base = middle(runs[baseline])
    return {k: round(base / middle(t), 2) for k, t in runs.items()}


# %% [markdown] course={"kind": "exercise", "id": "unpicklable"}
# ### Which values cannot be sent to a process?
#
# Before handing a job's arguments to a pool, a careful runner checks that they pickle. Write
# `unpicklable(payload)`: return the list of keys of the dict `payload` whose values `pickle.dumps`
# cannot handle, in the dict's order. Whatever exception pickling raises counts as "cannot".
#
# ```python
# unpicklable({"port": 8080, "check": lambda: True})   # ['check']
# ```

# %% [markdown] course={"kind": "hint"}
# Try `pickle.dumps(value)` for each value and catch the failure.

# %% [markdown] course={"kind": "hint"}
# Different objects fail differently: a lambda raises `PicklingError`, a lock or a generator `TypeError`,
# a function defined inside another function `AttributeError` (Python 3.11 to 3.13). Catch `Exception`.

# %% course={"kind": "solution"}
def unpicklable(payload: dict) -> list:
    ### BEGIN SOLUTION
    bad = []
    for key, value in payload.items():
        try:
            pickle.dumps(value)
        except Exception:  # noqa: BLE001 - any failure means "cannot be sent"
            bad.append(key)
    return bad
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = unpicklable({"port": 8080, "check": lambda: True})
assert got == ["check"], f"a lambda cannot be pickled, got {got!r}"

# %% course={"kind": "test", "points": 2}
import functools  # noqa: E402

payload = {
    "zero": 0,
    "empty": "",
    "none": None,
    "lock": threading.Lock(),
    "task": mp_tasks.square,
    "bound": functools.partial(mp_tasks.square, 3),
    "rows": (n * n for n in range(3)),
    "naïve": "ünïcode",
}
got = unpicklable(payload)
assert got == ["lock", "rows"], f"a lock and a generator cannot be pickled; module functions can: {got!r}"
### BEGIN HIDDEN TESTS
def _outer():
    def inner():
        return 1

    return inner


assert unpicklable({"local": _outer(), "builtin": len, "cls": ValueError}) == ["local"], "a local function"
assert unpicklable({}) == [] and type(unpicklable({})) is list
got = unpicklable({"a": lambda: 1, "b": 1, "c": lambda: 2})
assert got == ["a", "c"], f"every bad key, in order: {got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "catches-picklingerror-only"}
def unpicklable(payload):
    bad = []
    for key, value in payload.items():
        try:
            pickle.dumps(value)
        except pickle.PicklingError:  # a lock raises TypeError
            bad.append(key)
    return bad


# %% course={"kind": "wrong", "id": "guesses-from-callable"}
def unpicklable(payload):
    return [key for key, value in payload.items() if callable(value)]  # module functions pickle fine


# %% course={"kind": "wrong", "id": "catches-two-types", "fails": ["t2"]}
def unpicklable(payload):
    bad = []
    for key, value in payload.items():
        try:
            pickle.dumps(value)
        except (pickle.PicklingError, TypeError):  # a local function raises AttributeError (3.11 to 3.13)
            bad.append(key)
    return bad


# %% [markdown] course={"kind": "task", "id": "task-queue-project", "points": 5, "item": "project-10-2-2"}
# ### Project: a distributed task queue
#
# Build on `gather_with_queue` and `run_all` a small task queue in a module of your own (`taskq.py`,
# worker functions in a module the workers can import):
#
# - `TaskQueue(workers=N)` starts N spawn workers that take `(priority, task_id, func_name, args)` from a
#   queue; lower priority numbers run first (a `heapq` in a dispatcher, or one queue per priority);
# - `submit(...)` returns a task id; `status(task_id)` says `pending`, `running`, `done` or `failed`
#   (with the `"Type: message"` text of the error);
# - a worker that crashes (`os._exit`) is noticed through its `exitcode`/`sentinel`, its running task is
#   marked failed (or retried once), and a new worker takes its place;
# - `close()` sends one sentinel per worker, joins them all, and leaves no process running (check with
#   `multiprocessing.active_children()`); the class works as a context manager.
#
# Write a short README with one run that shows priorities, a crash and a clean shutdown.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: priorities are honoured (a demo queues low then high priority and high runs first).
# - 1 point: status tracking is correct for pending, running, done and failed tasks; errors keep their type.
# - 1 point: a crashed worker is detected without sleeping-and-hoping (exitcode or
#   `multiprocessing.connection.wait` on sentinels), its task is not lost, and a replacement starts.
# - 1 point: clean shutdown: sentinels, joins, no process left; works as a context manager, also when the body raises.
# - 1 point: worker functions live in an importable module; spawn context named explicitly; README run included.

# %% [markdown] course={"kind": "task", "id": "data-processor-project", "points": 5, "item": "project-10-2-1"}
# ### Project: a parallel data processor
#
# Use `split_rows` to process a large CSV in parallel: read the rows (or stream them in fixed-size
# chunks for files bigger than memory), hand each chunk to a worker function in your own module
# through `ProcessPoolExecutor.submit`, and aggregate the partial results (counts, sums, per-key
# totals) in the parent. A chunk that fails (a bad row, a worker crash) is reported with its chunk
# number and the error text, as `run_all` does, and the other chunks still count. Print a comparison of
# one worker against two or four using `speedups`.

# %% [markdown] course={"kind": "rubric"}
# - 2 points: correct aggregate on a test file whose answer is known (compare with a one-process run).
# - 1 point: errors are reported per chunk with position and message; good chunks still count.
# - 1 point: memory stays bounded for big files (chunks streamed, not the whole file in each worker).
# - 1 point: a measured comparison with medians of several runs, with a sentence on why it is (or is not) faster.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-multiprocessing-over"}
# When the work is CPU-bound Python code: parsing, hashing, compressing, feature computation. In
# CPython the GIL lets only one thread run Python bytecode at a time, so threads do not speed that up,
# while separate processes each have their own interpreter and run on separate cores. For I/O-bound work
# (network calls, disk, databases) threads or asyncio are cheaper because waiting releases the GIL.
# Also when isolation matters: a crash or memory leak in a worker process cannot corrupt the parent.
# Libraries that release the GIL in C code (NumPy, hashlib on large inputs) can also scale with threads.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-processes-communicate"}
# Through the operating system, since they share no memory by default: `Queue` (many producers and
# consumers, items pickled through a pipe), `Pipe` (two ends, send/recv), shared memory (`Value`,
# `Array`, `shared_memory.SharedMemory`: no copying, but you synchronise yourself), and a `Manager`
# (a server process holding Python objects that others use through proxies). Pools wrap this for you:
# arguments go to workers and results or exceptions come back pickled. Beyond one machine: sockets,
# message brokers, files.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-overhead-of-creating"}
# Starting a process means a new interpreter (spawn: a fresh Python that imports the modules it needs;
# tenths of a second on a busy machine) or a copy of the parent (fork: milliseconds, copy-on-write
# memory). Each process also costs memory for its own interpreter and imported modules, and every call
# pays for pickling the arguments and the result. So create few processes, reuse them (a pool), send
# them big chunks of work (`chunksize`), and avoid sending large objects repeatedly: put them in shared
# memory or let each worker load them once (an `initializer`).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-share-data-between-processes"}
# Prefer sending: pass inputs as arguments and return results (copied by pickling). For state many
# processes update, use `Value`/`Array` with their lock for numbers, `shared_memory.SharedMemory` for
# large arrays (every process closes its handle, one unlinks), or a `Manager` dict/list for arbitrary
# Python objects (simple but each access is a round trip to the manager process). Guard
# read-modify-write steps with a lock; `value += 1` is not atomic. Outside Python: files, a database,
# Redis.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-pickling-limitations"}
# Functions and classes are pickled by name (module plus qualified name), so only module-level names the
# receiving process can import work: lambdas, nested functions, and functions defined in a notebook's
# `__main__` fail under spawn and forkserver. Objects tied to the process cannot be pickled: locks, open
# files and sockets, generators, database connections. Exceptions must be re-creatable from their `args`
# (a custom exception with a different `__init__` may fail to unpickle in the parent). Workarounds: move
# functions to a module, use `functools.partial` of module functions, pass data rather than handles,
# or the third-party `dill`/`multiprocess` which pickle code by value.
