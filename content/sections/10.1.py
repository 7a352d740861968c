# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run I/O work on several threads, protect shared state with the right primitive,
# make a race happen on every run (so you can prove the fix), and shut every thread down cleanly.

# %% course={"kind": "setup", "id": "thread-steppers"}
# Helpers the tests use to force one interleaving instead of hoping the scheduler finds it (no sleeps):
# Stepper starts threads one at a time and runs each until it finishes or waits on a primitive it watches.
import threading

from course.runtime.interleavings import Stepper, Watched, wait_until_collecting

# %% [markdown] course={"kind": "lesson", "id": "thread-basics", "covers": ["c-thread-basics", "c-what-is-a-thread", "c-main-thread", "c-thread-creation-and-lifecycle"]}
# ### What a thread is
#
# A **thread** is one line of execution inside a process. All threads of a process share its memory: the same
# module globals, the same objects, the same open files. That is what makes them cheap to start and easy to hand
# data to, and also what makes them dangerous: two threads can change the same object at the same time.
#
# Every Python program starts with one thread, the **main thread**. It is the one that runs your script, and the
# only one in which Python runs signal handlers: Ctrl+C's `KeyboardInterrupt` is raised there, never in a worker. A thread you create goes through a short life:
#
# ```
# created --start()--> alive (running or waiting) --target returns or raises--> finished
# ```
#
# In CPython (3.11, 3.12, and the default 3.13 build) a lock called the **GIL** lets only one thread run Python
# bytecode at a time, so threads speed up work that *waits* (network calls, disk, subprocesses, `time.sleep`),
# not pure-Python number crunching. DevOps and MLOps code waits a lot: health checks against fifty hosts, uploads
# to object storage, reading training shards. The mistake people make: "the GIL makes my code thread-safe". It
# does not: it protects the interpreter's own data, not your read-modify-write sequences (the next lessons show one
# going wrong). Python 3.13 also ships an optional *free-threaded* build (`python3.13t`, PEP 703) without the GIL;
# `sys._is_gil_enabled()` (new in 3.13) tells which you are running.
#
# The demo holds a thread at an `Event` so each stage of its life can be looked at, with no timing guesswork.

# %% course={"kind": "demo"}
import sys
import threading

release = threading.Event()
worker = threading.Thread(target=release.wait, name="waiter")
print("main thread:    ", threading.current_thread().name, threading.current_thread() is threading.main_thread())
print("before start(): ", worker.is_alive())
worker.start()
print("after start():  ", worker.is_alive(), "(it waits for the event)")
release.set()
worker.join()
print("after join():   ", worker.is_alive())
print("GIL enabled:    ", sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else "yes (before 3.13 always)")

# %% [markdown] course={"kind": "lesson", "id": "threading-module", "covers": ["c-threading-module", "c-thread-class", "c-start-join-is-alive", "c-daemon-threads", "c-thread-naming"]}
# ### The `threading` module: `Thread`, `start`, `join`, names and daemons
#
# `threading.Thread(target=f, args=(...), name="...")` describes a thread; **`start()`** runs `f` in it (call it
# once: a second `start()` raises `RuntimeError`); **`join()`** waits until it has finished; **`is_alive()`** says
# whether it is still running. A thread has no return value: let `target` store its result somewhere you own (a
# list slot, a dict, a queue), or use a thread pool (later lesson), which does it for you.
#
# **Names** (`name=` or `thread.name`) cost nothing and pay off in every log line and stack dump: `%(threadName)s`
# in a logging format shows which worker wrote a line. Unnamed threads get a counter and, since Python 3.10, their
# target's name: `Thread-1 (measure)`, or plain `Thread-2` without a target.
#
# A **daemon** thread (`daemon=True`) does not keep the program alive: when the last non-daemon thread ends, the
# interpreter stops and daemon threads are killed where they stand, without running their `finally` blocks.
# Use daemons only for helpers whose work can be lost (a metrics pinger); anything that writes a file or commits
# a transaction must be a normal thread that you ask to stop and then `join()`. The common mistake is making a
# worker a daemon "so the program exits" and losing its last writes. Every cell in this notebook joins the threads
# it starts.

# %% course={"kind": "demo"}
import threading

results: dict[str, int] = {}


def measure(host: str) -> None:
    results[host] = len(host)  # stand-in for a real health check; the thread stores its own result


threads = [threading.Thread(target=measure, args=(h,), name=f"check-{h}") for h in ("db", "cache", "queue")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([t.name for t in threads], dict(sorted(results.items())))  # sorted: threads finish in any order
try:
    threads[0].start()
except RuntimeError as error:
    print("start() twice:", error)

# %% [markdown] course={"kind": "text"}
# What a daemon thread loses at exit, shown in a child interpreter (so this kernel is not affected). The daemon is
# parked at an event nobody sets; the main thread ends; its `finally` never runs.

# %% course={"kind": "demo"}
import subprocess
import sys

child = """
import threading
def worker():
    try:
        threading.Event().wait()      # waits for ever
    finally:
        print("cleanup ran")           # never printed for a daemon
threading.Thread(target=worker, daemon=True).start()
print("main thread done")
"""
run = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=True)
print(run.stdout.strip())
print("exit code:", run.returncode)

# %% [markdown] course={"kind": "lesson", "id": "synchronization", "covers": ["c-thread-synchronization", "c-race-conditions", "c-lock-mutual-exclusion", "c-rlock-reentrant-lock", "c-semaphore-limited-concurrency", "c-boundedsemaphore", "c-condition-wait-notify", "c-event-signaling", "c-barrier-synchronization-point"]}
# ### Races, and the primitives that prevent them
#
# A **race condition** is a bug whose result depends on how threads happen to interleave. The classic one is a
# lost update: `count = count + 1` is a read, an add and a write; if a thread switch falls between another thread's
# read and write, both write the same new value and one increment vanishes. The nasty part is that it is rare:
# on CPython 3.11.7, 3.12.1 and 3.13.0 (checked: four threads doing `n += 1` 200,000 times each on a global) the
# total usually comes out right, because the interpreter happens to switch threads elsewhere. "Usually" is the
# bug. To test a race you **force** the bad interleaving: give the code a hook at the dangerous spot and make the
# other thread run exactly there.

# %% course={"kind": "demo"}
import threading


class Tally:
    def __init__(self, pause=lambda: None, lock=None) -> None:
        self.value, self._pause, self._lock = 0, pause, lock

    def add(self) -> None:
        if self._lock is None:
            current = self.value
            self._pause()  # a thread switch here loses an update
            self.value = current + 1
        else:
            with self._lock:
                current = self.value
                self._pause()
                self.value = current + 1


def forced_run(lock):
    other_done = threading.Event()
    other = threading.Thread(target=lambda: (tally.add(), other_done.set()))

    def pause():
        if threading.current_thread() is threading.main_thread():
            other.start()  # let the other thread run right now, between our read and our write...
            if lock is None:
                other_done.wait()  # ...and finish its whole add()
            # with a lock, the other thread cannot even read until we release it: nothing to wait for

    tally = Tally(pause, lock)
    tally.add()
    other.join()
    return tally.value


print("no lock, forced switch:", forced_run(None), "(two adds, one lost)")
print("with a Lock:           ", forced_run(threading.Lock()))

# %% [markdown] course={"kind": "text"}
# The primitives, each for one job:
#
# | primitive | what it does | typical use |
# |---|---|---|
# | `Lock` | one thread at a time inside `with lock:` | guard a read-modify-write of shared state |
# | `RLock` | a lock the *same* thread may take again (it counts) | a locked method calling another locked method |
# | `Semaphore(n)` | at most `n` threads inside | cap concurrent downloads or API calls |
# | `BoundedSemaphore(n)` | the same, but releasing more than acquired raises `ValueError` | catches a release bug at once |
# | `Condition` | wait until some state is true; whoever changes it notifies | "queue not empty", "my turn" |
# | `Event` | a flag threads wait for; `set()` wakes all of them | "stop now", "config loaded" |
# | `Barrier(n)` | each thread waits until `n` have arrived, then all go | start a load test in lock step |
#
# Always take locks with `with`: the lock is released even when the body raises. A plain `Lock` taken twice by the
# same thread deadlocks; `acquire(timeout=...)` shows it without hanging:

# %% course={"kind": "demo"}
import threading

plain, reentrant = threading.Lock(), threading.RLock()
with plain:
    print("Lock taken again by the same thread: ", plain.acquire(timeout=0.01))  # False: it would wait for ever
with reentrant:
    with reentrant:  # fine: RLock counts its owner's acquisitions
        print("RLock taken again by the same thread:", "ok")

slots = threading.BoundedSemaphore(2)
slots.acquire()
slots.release()
try:
    slots.release()  # one release too many
except ValueError as error:
    print("BoundedSemaphore over-release:", error)

# %% [markdown] course={"kind": "text"}
# `Condition`, `Event` and `Barrier` working together: three workers meet at a barrier, take numbered turns with a
# condition (`wait_for` re-checks its predicate after every wake-up, so spurious wake-ups do no harm), and the main
# thread waits for an event that says "all done". The printed order is the same on every run because the code, not
# the scheduler, decides it.

# %% course={"kind": "demo"}
import threading

meet = threading.Barrier(3)
turn = threading.Condition()
state = {"next": 0}
log: list[str] = []
finished = threading.Event()


def worker(number: int) -> None:
    meet.wait()  # nobody starts before all three exist
    with turn:
        turn.wait_for(lambda: state["next"] == number)
        log.append(f"worker {number} (thread {threading.current_thread().name})")
        state["next"] += 1
        turn.notify_all()
        if state["next"] == 3:
            finished.set()


crew = [threading.Thread(target=worker, args=(n,), name=f"w{n}") for n in (2, 0, 1)]  # started out of order
for t in crew:
    t.start()
finished.wait()
for t in crew:
    t.join()
print("\n".join(log))

# %% [markdown] course={"kind": "lesson", "id": "queues", "covers": ["c-thread-safe-data-structures", "c-queue-queue", "c-queue-priorityqueue", "c-queue-lifoqueue"]}
# ### Thread-safe queues
#
# The `queue` module gives you containers that many threads can use at once, with the locking done inside:
# `Queue` (first in, first out), `LifoQueue` (last in, first out: a stack) and `PriorityQueue` (smallest item
# first; put `(priority, sequence, payload)` tuples so ties never compare payloads). `get()` blocks until an item
# is there, `put()` blocks while a queue made with `maxsize` is full; that back-pressure keeps a fast producer
# from filling memory.
#
# `task_done()` plus `join()` answer "has every item been *processed*?", not just taken: each `get()` must be
# matched by one `task_done()` (in a `finally`), and `queue.join()` returns when the count of unfinished items is
# zero. To stop consumers, send one **sentinel** (a unique object such as `None` or `STOP = object()`) per consumer.
# The mistake people make: checking `q.empty()` and then calling `get()`: between the two another thread can take
# the last item, so `empty()` is only a hint.

# %% course={"kind": "demo"}
import queue

fifo, lifo, prio = queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()
for seq, (priority, job) in enumerate([(2, "rebuild index"), (0, "page on-call"), (1, "rotate logs"), (0, "fix disk")]):
    fifo.put(job)
    lifo.put(job)
    prio.put((priority, seq, job))  # seq breaks ties in arrival order
print("Queue:        ", [fifo.get() for _ in range(4)])
print("LifoQueue:    ", [lifo.get() for _ in range(4)])
print("PriorityQueue:", [prio.get()[2] for _ in range(4)])
try:
    fifo.get(block=False)
except queue.Empty:
    print("get(block=False) on an empty queue raises queue.Empty")

# %% [markdown] course={"kind": "lesson", "id": "thread-local", "covers": ["c-thread-local-data", "c-threading-local", "c-use-cases"]}
# ### Thread-local data
#
# `threading.local()` makes an object whose attributes are separate for every thread: thread A's `data.conn` and
# thread B's `data.conn` are different values behind the same name. Use it for things that must not be shared but
# are awkward to pass down every call: a database connection or HTTP session per worker (many client objects are
# not thread-safe), the current request id for log lines, a per-thread random generator. Each thread starts with
# no attributes, so code reads them with `getattr(data, "conn", None)` and creates on first use. The mistake people
# make: expecting a value set in the main thread to be visible in workers; it is not (for async code, which runs
# many tasks on one thread, use `contextvars` instead).

# %% course={"kind": "demo"}
import threading

context = threading.local()
context.request_id = "main-request"
seen: dict[str, object] = {}


def handle(request_id: str) -> None:
    seen[f"{request_id} before"] = getattr(context, "request_id", None)  # nothing from the main thread
    context.request_id = request_id  # this thread's own value
    seen[f"{request_id} after"] = context.request_id


handlers = [threading.Thread(target=handle, args=(r,)) for r in ("req-1", "req-2")]
for t in handlers:
    t.start()
for t in handlers:
    t.join()
print(dict(sorted(seen.items())))  # sorted: the two threads may finish in either order
print("main thread still sees:", context.request_id)

# %% [markdown] course={"kind": "lesson", "id": "thread-pools", "covers": ["c-thread-pooling", "c-concurrent-futures-threadpoolexecutor", "c-submit-map", "c-future-objects", "c-as-completed"]}
# ### Thread pools: `ThreadPoolExecutor`
#
# Starting a thread per task does not scale and leaves you to collect results and errors yourself. A
# **`ThreadPoolExecutor(max_workers=n)`** keeps `n` threads and a queue of work. `submit(f, *args)` returns a
# **`Future`**: a handle with `result()` (waits, then returns the value or **re-raises the task's exception**),
# `exception()`, `done()` and `cancel()` (works only while the task has not started). `map(f, items)` yields results
# **in input order**, whatever order they finish in, and raises the first failing item's exception when you reach it
# (ending the loop). `as_completed(futures)` yields futures as they finish, for progress bars and "first answer
# wins". Leaving the `with` block calls `shutdown(wait=True)`: it waits for every submitted task and joins the
# threads. `shutdown(cancel_futures=True)` (Python 3.9+) drops the tasks that have not started.
#
# The mistake people make: `submit()` and never look at the future. An exception inside the task is stored in
# the future and nobody sees it.

# %% course={"kind": "demo"}
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

gate = threading.Event()


def fetch(name: str) -> str:
    if name == "slow":
        gate.wait()  # held until we say so: "slow" finishes last on every run
    if name == "broken":
        raise ConnectionError(f"{name}: connection refused")
    return name.upper()


with ThreadPoolExecutor(max_workers=2) as pool:
    futures = {pool.submit(fetch, n): n for n in ("slow", "fast", "broken")}
    finished = []
    for future in as_completed(futures):
        finished.append(futures[future])
        if len(finished) == 2:
            gate.set()  # let "slow" finish only after the other two
    # as_completed yields futures that are already done in no fixed order, so print only what the gate decides
    print("finished first (either order):", sorted(finished[:2]), "| finished last:", finished[2])
    for future, name in futures.items():
        print(f"  {name:6} ->", future.exception() or future.result())

    gate.clear()
    running = pool.submit(gate.wait)  # occupies one worker
    blocker = pool.submit(gate.wait)  # occupies the other
    waiting = pool.submit(fetch, "queued")  # no free worker: still pending
    print("cancel a pending task:", waiting.cancel(), "| cancelled():", waiting.cancelled())
    gate.set()

with ThreadPoolExecutor(max_workers=3) as pool:
    gate.clear()
    print("map keeps input order:", list(pool.map(fetch, ["fast", "b", "c"])))
    try:
        for value in pool.map(fetch, ["a", "broken", "c"]):
            print("  map gave", value)
    except ConnectionError as error:
        print("  map re-raised:", error)

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-common-threading-patterns", "c-producer-consumer", "c-worker-pool", "c-reader-writer"]}
# ### Patterns: producer-consumer, worker pool, reader-writer
#
# - **Producer-consumer**: one side puts work into a bounded `queue.Queue`, the other takes it. The queue decouples
#   their speeds and its `maxsize` applies back-pressure. Shut down with one sentinel per consumer, then `join()`.
# - **Worker pool**: a fixed set of consumers sharing one queue, so at most `n` jobs run at once: what
#   `ThreadPoolExecutor` is. Add a `Semaphore` when a resource allows fewer concurrent users than you have workers
#   (a rate-limited API shared by several pools).
# - **Reader-writer**: many readers may look at shared data together, but a writer needs it alone. Python has no
#   built-in reader-writer lock; a `Condition` and a reader count make one. For most code a plain `Lock` (or
#   replacing the whole object in one assignment, which readers see atomically) is simpler and fast enough.
#
# The demo is a small reader-writer lock: two readers are inside together, and the writer gets in only when they
# have both left. It is not fair: while the writer waits, new readers still get in, so a steady stream of readers
# can keep a writer out for ever; fair versions also count the writers waiting and make new readers queue behind them.

# %% course={"kind": "demo"}
import threading


class ReadWriteLock:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0

    def acquire_read(self) -> None:
        with self._cond:
            self._readers += 1

    def release_read(self) -> None:
        with self._cond:
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    def acquire_write(self) -> None:
        self._cond.acquire()
        self._cond.wait_for(lambda: self._readers == 0)  # lets go of the lock while it waits for the last reader
        # from here until release_write the writer holds the lock: new readers wait in acquire_read

    def release_write(self) -> None:
        self._cond.release()


rw = ReadWriteLock()
events: list[str] = []
rw.acquire_read()
rw.acquire_read()
events.append("two readers inside together")
writer_waiting = threading.Event()


def write() -> None:
    writer_waiting.set()
    rw.acquire_write()
    events.append("writer inside alone")
    rw.release_write()


writer = threading.Thread(target=write, name="writer")
writer.start()
writer_waiting.wait()
events.append("first reader leaves")
rw.release_read()
events.append("second reader leaves")
rw.release_read()
writer.join()
print("\n".join(events))

# %% [markdown] course={"kind": "exercise", "id": "take-turns", "item": "x-create-threads-that-print-interleaved", "timeout": 10}
# ### Threads that take turns
#
# Write `take_turns(parts, say)`. Start one thread per list in `parts`, named `speaker-0`, `speaker-1`, ... in that
# order. Each thread calls `say(word)` for each word of its own list, and the threads take turns round-robin: every
# speaker says its first word, then every speaker its second, and so on; a speaker whose list has run out is
# skipped. `take_turns` returns once every thread has finished (joined). Make the speakers daemon threads, so that
# one stuck by a bug cannot keep the interpreter alive (you still join them all). A `Condition` and a shared "whose
# turn" counter are all you need.
#
# ```python
# take_turns([["a", "b"], ["x"]], print)    # a (from speaker-0), x (speaker-1), b (speaker-0)
# ```

# %% [markdown] course={"kind": "hint"}
# Work out the whole schedule first, as a list of speaker numbers: `[0, 1, 0]` for the example. Then each thread
# waits until `schedule[position]` is its own number, says its word, moves `position` on and wakes the others.

# %% [markdown] course={"kind": "hint"}
# `with turn: turn.wait_for(lambda: schedule[state["pos"]] == me)`, then `say(word)`, `state["pos"] += 1`,
# `turn.notify_all()`. Start every thread before joining any of them.

# %% course={"kind": "solution", "equivalent": {"m-a32a32aa": "the default only applies when parts is empty, and then the schedule is empty for any number of rounds"}}
import threading


def take_turns(parts: list[list[str]], say) -> None:
    ### BEGIN SOLUTION
    rounds = max((len(words) for words in parts), default=0)
    schedule = [me for r in range(rounds) for me, words in enumerate(parts) if r < len(words)]
    turn = threading.Condition()
    state = {"pos": 0}

    def speak(me: int, words: list[str]) -> None:
        for word in words:
            with turn:
                turn.wait_for(lambda: schedule[state["pos"]] == me)
                say(word)
                state["pos"] += 1
                turn.notify_all()

    speakers = [
        threading.Thread(target=speak, args=(me, words), name=f"speaker-{me}", daemon=True)
        for me, words in enumerate(parts)
    ]
    for speaker in speakers:
        speaker.start()
    for speaker in speakers:
        speaker.join()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _turns(parts):
    said, guard, threads = [], threading.Lock(), set()

    def say(word):
        with guard:
            said.append((threading.current_thread().name, word))
            threads.add(threading.current_thread())

    assert take_turns(parts, say) is None
    assert not any(t.is_alive() for t in threads), "every speaker has finished when take_turns returns"
    assert all(t.daemon for t in threads), "speakers are daemon threads (and still joined)"
    return said


_got = _turns([["a", "b"], ["x"]])
assert [w for _, w in _got] == ["a", "x", "b"], f"words in turn order: {_got}"
### BEGIN HIDDEN TESTS
assert _turns([]) == [] and _turns([[]]) == [] and _turns([[], []]) == []
assert [w for _, w in _turns([["x"], ["a", "b", "c"]])] == ["x", "a", "b", "c"]
assert [w for _, w in _turns([["1", "2"], [], ["3", "4"], ["5"]])] == ["1", "3", "5", "2", "4"]
assert [w for _, w in _turns([["", "\u00e9"], ["z"]])] == ["", "z", "\u00e9"], "empty and unicode words are words"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = _turns([["a", "b"], ["x"]])
assert _got == [("speaker-0", "a"), ("speaker-1", "x"), ("speaker-0", "b")], f"each word from its own thread: {_got}"
### BEGIN HIDDEN TESTS
_got = _turns([["p", "q", "r"], ["s", "t"], ["u"]])
assert _got == [
    ("speaker-0", "p"), ("speaker-1", "s"), ("speaker-2", "u"),
    ("speaker-0", "q"), ("speaker-1", "t"), ("speaker-0", "r"),
], f"three speakers: {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "start-join-one-by-one"}
import threading


def take_turns(parts: list[list[str]], say) -> None:
    for me, words in enumerate(parts):
        speaker = threading.Thread(target=lambda w=words: [say(x) for x in w], name=f"speaker-{me}", daemon=True)
        speaker.start()
        speaker.join()  # waits for this speaker before starting the next: no turns at all

# %% course={"kind": "wrong", "id": "one-thread-does-the-talking"}
import threading


def take_turns(parts: list[list[str]], say) -> None:
    def talk():
        rounds = max((len(words) for words in parts), default=0)
        for r in range(rounds):
            for words in parts:
                if r < len(words):
                    say(words[r])  # right order, but every word from one thread

    worker = threading.Thread(target=talk, name="speaker-0", daemon=True)
    worker.start()
    worker.join()

# %% [markdown] course={"kind": "exercise", "id": "safe-counter", "item": "x-implement-a-thread-safe-counter-with"}
# ### A thread-safe counter, proven under a forced race
#
# Finish `SafeCounter`. `increment(by=1)` adds `by` (an `int`, at least 1; anything smaller raises `ValueError`)
# and returns the new value; the `value` property returns the current count. Many threads call `increment` at once,
# so the read, the call `self._pause()` (a hook the tests use to switch threads at the worst moment; call it exactly
# once per increment, between reading and writing) and the write must happen while holding `self._lock`. The lock
# comes from the constructor (`lock=None` means make a `threading.Lock()`), so tests can hand in one they watch.
#
# ```python
# counter = SafeCounter()
# counter.increment(), counter.increment(5), counter.value     # (1, 6, 6)
# ```

# %% [markdown] course={"kind": "hint"}
# `with self._lock:` around all three steps. A lock around the write alone still lets two threads read the same
# old count.

# %% [markdown] course={"kind": "hint"}
# Check `by` first, before touching the lock or the count. `self._value = current + by` and `return self._value`
# both belong inside the `with` block.

# %% course={"kind": "solution"}
import threading


class SafeCounter:
    def __init__(self, lock=None, pause=lambda: None) -> None:
        self._lock = lock if lock is not None else threading.Lock()
        self._pause = pause
        self._value = 0

    def increment(self, by: int = 1) -> int:
        ### BEGIN SOLUTION
        if by < 1:
            raise ValueError(f"by must be at least 1, got {by}")
        with self._lock:
            current = self._value
            self._pause()
            self._value = current + by
            return self._value
        ### END SOLUTION

    @property
    def value(self) -> int:
        ### BEGIN SOLUTION
        with self._lock:
            return self._value
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_c = SafeCounter()
assert (_c.increment(), _c.increment(5), _c.value) == (1, 6, 6), "increment returns the new value"
### BEGIN HIDDEN TESTS
assert SafeCounter().value == 0 and type(SafeCounter().value) is int
_c = SafeCounter()
assert _c.increment(1) == 1 and _c.increment() == 2 and _c.value == 2
for _bad in (0, -1, -10):
    try:
        _c.increment(_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"increment({_bad}) must raise ValueError")
assert _c.value == 2, "a refused increment changes nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
def _forced_increments(by_main: int, by_other: int) -> int:
    # The main thread increments; inside its pause (after its read) a second thread increments. The main thread
    # goes on only once the second thread has finished its increment (no lock: the race, every run) or waits
    # for the lock we hold (the fix). No sleeps.
    calls = []
    with Stepper() as steps:

        def pause():
            calls.append(threading.current_thread())
            if len(calls) == 1:
                steps.start(counter.increment, by_other, name="second")

        counter = SafeCounter(lock=steps.watch(threading.Lock(), "the counter's lock"), pause=pause)
        counter.increment(by_main)
        steps.join_all()
    return counter.value


_got = _forced_increments(1, 1)
assert _got == 2, f"two increments at once must give 2, got {_got} (an update was lost)"
### BEGIN HIDDEN TESTS
_got = _forced_increments(3, 4)
assert _got == 7, f"increments of 3 and 4 at once: got {_got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_held = []
_c = SafeCounter(pause=lambda: _held.append(_c._lock.locked()))
_c.increment()
_c.increment(2)
assert _held == [True, True], f"pause() runs once per increment with the lock held: {_held}"
### BEGIN HIDDEN TESTS
_c = SafeCounter(pause=lambda: 1 / 0)
try:
    _c.increment()
except ZeroDivisionError:
    pass
assert not _c._lock.locked(), "an error inside increment releases the lock (use `with`)"
_watch = Watched(threading.Lock())
_c = SafeCounter(lock=_watch)
_c.increment()
_ = _c.value
assert _watch.acquired == 2 == _watch.released, "increment and value both take the lock given to the constructor"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "lock-only-the-write"}
import threading


class SafeCounter:
    def __init__(self, lock=None, pause=lambda: None) -> None:
        self._lock = lock if lock is not None else threading.Lock()
        self._pause = pause
        self._value = 0

    def increment(self, by: int = 1) -> int:
        if by < 1:
            raise ValueError(by)
        current = self._value
        self._pause()
        with self._lock:  # too late: the read already happened
            self._value = current + by
            return self._value

    @property
    def value(self) -> int:
        with self._lock:
            return self._value

# %% course={"kind": "wrong", "id": "new-lock-per-call"}
import threading


class SafeCounter:
    def __init__(self, lock=None, pause=lambda: None) -> None:
        self._lock = lock if lock is not None else threading.Lock()
        self._pause = pause
        self._value = 0

    def increment(self, by: int = 1) -> int:
        if by < 1:
            raise ValueError(by)
        with threading.Lock():  # a fresh lock every call protects nothing
            current = self._value
            self._pause()
            self._value = current + by
            return self._value

    @property
    def value(self) -> int:
        return self._value

# %% course={"kind": "wrong", "id": "manual-acquire-no-finally"}
import threading


class SafeCounter:
    def __init__(self, lock=None, pause=lambda: None) -> None:
        self._lock = lock if lock is not None else threading.Lock()
        self._pause = pause
        self._value = 0

    def increment(self, by: int = 1) -> int:
        if by < 1:
            raise ValueError(by)
        self._lock.acquire()
        current = self._value
        self._pause()  # if this raises, the lock stays taken for ever
        self._value = current + by
        self._lock.release()
        return self._value

    @property
    def value(self) -> int:
        with self._lock:
            return self._value

# %% [markdown] course={"kind": "exercise", "id": "pipeline", "item": "x-create-a-producer-consumer-with-queue", "timeout": 20}
# ### Producer-consumer with a queue and sentinels
#
# Write `process_all(items, work, workers)`. The calling thread is the producer: it puts `(index, item)` pairs into
# a `queue.Queue`. `workers` consumer threads (start them yourself, named `consumer-0`, `consumer-1`, ...) take pairs
# and call `work(item)`. When the items run out, put one sentinel per consumer so each one stops, then `join()`
# every consumer. Make the consumers daemon threads as a safety net: you still join them all, but a consumer stuck
# by a bug can then never keep the interpreter from exiting. Return the results **in input order** (a `list`). If `work` raised for some items, raise the
# exception of the **earliest** such item, after all consumers have stopped. `workers` below 1 raises `ValueError`.
# `items` may be any iterable, also a generator.
#
# ```python
# process_all(["a", "bb", ""], len, 2)     # [1, 2, 0]
# ```

# %% [markdown] course={"kind": "hint"}
# Consumers cannot return values: let each one write `results[index] = ...` (or `errors[index] = exc`) into dicts
# you own. Each index is written by one thread only, so no lock is needed for that.

# %% [markdown] course={"kind": "hint"}
# Count the items while you put them; after joining, build `[results[i] for i in range(count)]`. A sentinel is a
# unique object (`STOP = object()`); a consumer that gets it returns.

# %% course={"kind": "solution"}
import queue
import threading

STOP = object()


def process_all(items, work, workers: int) -> list:
    ### BEGIN SOLUTION
    if workers < 1:
        raise ValueError(f"need at least one worker, got {workers}")
    tasks: queue.Queue = queue.Queue()
    results: dict = {}
    errors: dict = {}

    def consume() -> None:
        while (job := tasks.get()) is not STOP:
            index, item = job
            try:
                results[index] = work(item)
            except Exception as error:
                errors[index] = error

    consumers = [threading.Thread(target=consume, name=f"consumer-{n}", daemon=True) for n in range(workers)]
    for consumer in consumers:
        consumer.start()
    count = 0
    try:
        for count, item in enumerate(items, start=1):
            tasks.put((count - 1, item))
    finally:
        for _ in consumers:
            tasks.put(STOP)
        for consumer in consumers:
            consumer.join()
    if errors:
        raise errors[min(errors)]
    return [results[index] for index in range(count)]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = process_all(["a", "bb", ""], len, 2)
assert _got == [1, 2, 0], f"one result per item, in input order: {_got}"
### BEGIN HIDDEN TESTS
assert process_all([], len, 3) == [] and process_all(iter([]), len, 1) == [], "no items: no results"
assert type(process_all((x for x in "ab"), str.upper, 1)) is list
assert process_all((x for x in [0, "", None]), lambda v: v, 3) == [0, "", None], "falsy results are results"
assert process_all(range(50), lambda v: -v, 4) == [-v for v in range(50)]
assert process_all(["\u00e9t\u00e9"], str.upper, 1) == ["\u00c9T\u00c9"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _watch_consumers(items, work, workers):
    # runs process_all and reports the threads work() ran on, after it returned
    seen = []
    guard = threading.Lock()

    def watched(item):
        with guard:
            seen.append(threading.current_thread())
        return work(item)

    try:
        return process_all(items, watched, workers), seen
    finally:
        alive = [t.name for t in seen if t.is_alive()]
        assert not alive, f"consumers still running after process_all returned: {alive}"


_second_done = threading.Event()


def _first_waits(item):
    # item "first" finishes only after "second": completion order is the reverse of input order on every run
    if item == "first":
        assert _second_done.wait(timeout=10), "'second' never ran while 'first' was running: are there 2 consumers?"
    else:
        _second_done.set()
    return item * 2


_got, _seen = _watch_consumers(["first", "second"], _first_waits, 2)
assert _got == ["firstfirst", "secondsecond"], f"results in input order, not completion order: {_got}"
assert {t.name for t in _seen} == {"consumer-0", "consumer-1"}, f"work ran on {sorted(t.name for t in _seen)}"
assert all(t.daemon for t in _seen), "consumers are daemon threads (and still joined)"
### BEGIN HIDDEN TESTS
_got, _seen = _watch_consumers(range(6), str, 3)
assert _got == ["0", "1", "2", "3", "4", "5"] and threading.main_thread() not in _seen
_got, _seen = _watch_consumers(["x"], str, 3)
assert _got == ["x"], "three consumers, one item: the idle ones still stop"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_fourth_failed = threading.Event()


def _fail_some(item):
    # items 1 and 3 fail; item 1 fails only after item 3 has, so the first error *seen* is item 3's
    if item == 1:
        assert _fourth_failed.wait(timeout=10), "item 3 never ran while item 1 was running"
        raise KeyError("item 1")
    if item == 3:
        _fourth_failed.set()
        raise ValueError("item 3")
    return item


try:
    _watch_consumers([0, 1, 2, 3, 4], _fail_some, 2)
except KeyError as error:
    assert error.args == ("item 1",), f"the earliest failing item's exception: {error!r}"
else:
    raise AssertionError("process_all must raise the exception of the earliest failing item")
### BEGIN HIDDEN TESTS
for _workers in (0, -1):
    try:
        process_all([1], str, _workers)
    except ValueError:
        pass
    else:
        raise AssertionError(f"workers={_workers} must raise ValueError")
assert process_all([1], str, 1) == ["1"], "one worker is enough"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "completion-order-append"}
import queue
import threading

STOP = object()


def process_all(items, work, workers: int) -> list:
    if workers < 1:
        raise ValueError(workers)
    tasks: queue.Queue = queue.Queue()
    results: list = []

    def consume() -> None:
        while (job := tasks.get()) is not STOP:
            results.append(work(job))  # the order things finished in

    consumers = [threading.Thread(target=consume, name=f"consumer-{n}") for n in range(workers)]
    for consumer in consumers:
        consumer.start()
    for item in items:
        tasks.put(item)
    for _ in consumers:
        tasks.put(STOP)
    for consumer in consumers:
        consumer.join()
    return results

# %% course={"kind": "wrong", "id": "first-error-seen"}
import queue
import threading

STOP = object()


def process_all(items, work, workers: int) -> list:
    if workers < 1:
        raise ValueError(workers)
    tasks: queue.Queue = queue.Queue()
    results: dict = {}
    errors: list = []

    def consume() -> None:
        while (job := tasks.get()) is not STOP:
            index, item = job
            try:
                results[index] = work(item)
            except Exception as error:
                errors.append(error)  # whichever failed first in time

    consumers = [threading.Thread(target=consume, name=f"consumer-{n}") for n in range(workers)]
    for consumer in consumers:
        consumer.start()
    count = 0
    for count, item in enumerate(items, start=1):
        tasks.put((count - 1, item))
    for _ in consumers:
        tasks.put(STOP)
    for consumer in consumers:
        consumer.join()
    if errors:
        raise errors[0]
    return [results[index] for index in range(count)]

# %% course={"kind": "wrong", "id": "queue-join-no-sentinels"}
import queue
import threading


def process_all(items, work, workers: int) -> list:
    if workers < 1:
        raise ValueError(workers)
    tasks: queue.Queue = queue.Queue()
    results: dict = {}
    errors: dict = {}

    def consume() -> None:
        while True:  # never told to stop
            index, item = tasks.get()
            try:
                results[index] = work(item)
            except Exception as error:
                errors[index] = error
            finally:
                tasks.task_done()

    for n in range(workers):
        threading.Thread(target=consume, name=f"consumer-{n}", daemon=True).start()
    count = 0
    for count, item in enumerate(items, start=1):
        tasks.put((count - 1, item))
    tasks.join()  # every item processed, but the consumers live on
    if errors:
        raise errors[min(errors)]
    return [results[index] for index in range(count)]

# %% [markdown] course={"kind": "exercise", "id": "fetch-all", "item": "x-use-threadpoolexecutor-for-parallel"}
# ### Parallel downloads with `ThreadPoolExecutor`
#
# Write `fetch_all(urls, fetch, max_workers)`: call `fetch(url)` for every URL on a `ThreadPoolExecutor` with
# `max_workers` threads, and return a list of `(url, outcome)` pairs **in the order of `urls`**, where `outcome` is
# what `fetch` returned, or the exception it raised (the exception object itself: one failed download must not stop
# or hide the others). `urls` may be any iterable. The tests pass a fake `fetch`, so nothing touches the network.
#
# ```python
# fetch_all(["a", "bad"], fake_fetch, 2)   # [("a", b"A"), ("bad", ConnectionError("bad: refused"))]
# ```

# %% [markdown] course={"kind": "hint"}
# Submit every URL first, keeping the futures in a list in input order; then ask each future for its outcome.

# %% [markdown] course={"kind": "hint"}
# `future.exception()` waits and returns the exception or `None`; `future.result()` returns the value. Do not use
# `pool.map`: it re-raises the first exception and you lose the rest.

# %% course={"kind": "solution"}
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls, fetch, max_workers: int) -> list:
    ### BEGIN SOLUTION
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [(url, pool.submit(fetch, url)) for url in urls]
        pairs = []
        for url, future in futures:
            error = future.exception()
            pairs.append((url, future.result() if error is None else error))
        return pairs
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _fake_fetch(url: str) -> bytes:
    if url.startswith("bad"):
        raise ConnectionError(f"{url}: refused")
    return url.upper().encode()


_got = fetch_all(["a", "b"], _fake_fetch, 2)
assert _got == [("a", b"A"), ("b", b"B")], f"pairs of (url, content) in input order: {_got}"
### BEGIN HIDDEN TESTS
assert fetch_all([], _fake_fetch, 2) == [] and fetch_all(iter([]), _fake_fetch, 1) == []
assert fetch_all(iter(["x", "ü"]), _fake_fetch, 1) == [("x", b"X"), ("\u00fc", "\u00dc".encode())]
assert type(fetch_all(["a"], _fake_fetch, 1)) is list and type(fetch_all(["a"], _fake_fetch, 1)[0]) is tuple
assert fetch_all(["e"], lambda url: b"", 3) == [("e", b"")], "an empty download is a result, not a failure"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = fetch_all(["a", "bad1", "b", "bad2"], _fake_fetch, 2)
assert [u for u, _ in _got] == ["a", "bad1", "b", "bad2"], f"every URL is reported: {_got}"
assert type(_got[1][1]) is ConnectionError and str(_got[1][1]) == "bad1: refused", f"the exception itself: {_got[1]}"
assert _got[2] == ("b", b"B") and str(_got[3][1]) == "bad2: refused", "a failure does not stop the others"

# %% course={"kind": "test", "points": 2}
def _ordered_and_parallel(workers: int) -> list:
    # "first" finishes last on every run: only once "third" has started (so "second" is done: the pool has two
    # threads and "first" holds one) and fetch_all waits for results. It can only start its wait if two fetches
    # run at the same time (a serial loop would wait for ever, so the waits give up after 10 s).
    caller, third_started = threading.current_thread(), threading.Event()
    threads = set()

    def fetch(url):
        threads.add(threading.current_thread())
        if url == "first":
            assert third_started.wait(timeout=10), "'third' never started while 'first' was running"
            assert wait_until_collecting(caller), "fetch_all never waited for the results of its pool"
        elif url == "third":
            third_started.set()
        return url

    pairs = fetch_all(["first", "second", "third"], fetch, workers)
    assert threading.main_thread() not in threads, "fetch runs on the pool's threads"
    assert not any(t.is_alive() for t in threads), "the pool's threads are joined before fetch_all returns"
    return pairs


_got = _ordered_and_parallel(2)
assert _got == [("first", "first"), ("second", "second"), ("third", "third")], f"input order, not completion order: {_got}"
### BEGIN HIDDEN TESTS


def _threads_used(count: int) -> int:
    # fetch_all(..., max_workers=1). Every fetch waits until all URLs have been taken from the iterable: a pool
    # that may grow past one thread finds its first thread busy when the second URL is submitted, and grows.
    all_taken, threads, guard = threading.Event(), set(), threading.Lock()

    def urls():
        yield from (f"u{n}" for n in range(count))
        all_taken.set()

    def fetch(url):
        with guard:
            threads.add(threading.current_thread())
        assert all_taken.wait(timeout=10), "a fetch waited for the next URL to be submitted: is the pool serial?"
        return url

    assert fetch_all(urls(), fetch, 1) == [(f"u{n}", f"u{n}") for n in range(count)]
    return len(threads)


assert _threads_used(4) == 1, "max_workers=1: one pool thread does every fetch"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "map-stops-at-first-error"}
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls, fetch, max_workers: int) -> list:
    urls = list(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return list(zip(urls, pool.map(fetch, urls)))  # the first exception escapes

# %% course={"kind": "wrong", "id": "completion-order"}
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all(urls, fetch, max_workers: int) -> list:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = {pool.submit(fetch, url): url for url in urls}
        pairs = []
        for future in as_completed(futures):  # the order things finished in
            error = future.exception()
            pairs.append((futures[future], future.result() if error is None else error))
        return pairs

# %% course={"kind": "wrong", "id": "default-pool-size"}
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls, fetch, max_workers: int) -> list:
    with ThreadPoolExecutor() as pool:  # max_workers forgotten: the pool picks its own size
        futures = [(url, pool.submit(fetch, url)) for url in urls]
        return [(url, f.exception() or f.result()) for url, f in futures]

# %% course={"kind": "wrong", "id": "error-as-string"}
from concurrent.futures import ThreadPoolExecutor


def fetch_all(urls, fetch, max_workers: int) -> list:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [(url, pool.submit(fetch, url)) for url in urls]
        return [(url, str(f.exception()) if f.exception() else f.result()) for url, f in futures]

# %% [markdown] course={"kind": "exercise", "id": "limited-pool", "item": "x-implement-a-rate-limited-worker-pool"}
# ### A worker pool that shares a concurrency limit
#
# Several pools in one service call the same API, which allows only a few calls at a time. Write
# `run_limited(jobs, slots, workers)`: run every job (a function with no arguments) on a `ThreadPoolExecutor` with
# `workers` threads, but hold the shared semaphore `slots` while a job runs, so no more jobs run at once than
# `slots` allows, across every pool that shares it. Return the results in the order of `jobs` (a `list`). If a job
# raises, its exception propagates out of `run_limited`, and its slot is given back all the same.
#
# ```python
# api = threading.BoundedSemaphore(2)            # at most 2 calls in flight
# run_limited([lambda: 1, lambda: 2, lambda: 3], api, 3)      # [1, 2, 3]
# ```

# %% [markdown] course={"kind": "hint"}
# Wrap each job in a small function that runs it inside `with slots:`, and hand the wrappers to the pool.

# %% [markdown] course={"kind": "hint"}
# `list(pool.map(guarded, jobs))` keeps input order and re-raises a job's exception; `with slots:` releases the
# slot even when the job raises.

# %% course={"kind": "solution"}
from concurrent.futures import ThreadPoolExecutor


def run_limited(jobs, slots, workers: int) -> list:
    ### BEGIN SOLUTION
    def guarded(job):
        with slots:
            return job()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(guarded, jobs))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = run_limited([lambda: 1, lambda: 2, lambda: 3], threading.BoundedSemaphore(2), 3)
assert _got == [1, 2, 3], f"results in job order: {_got}"
### BEGIN HIDDEN TESTS
assert run_limited([], threading.BoundedSemaphore(1), 2) == [] and run_limited(iter([]), threading.Semaphore(1), 1) == []
assert run_limited(iter([lambda: 0, lambda: None, lambda: ""]), threading.Semaphore(1), 2) == [0, None, ""]
assert type(run_limited([lambda: 1], threading.Semaphore(1), 1)) is list
_third_started, _caller = threading.Event(), threading.current_thread()


def _finishes_last():
    # finishes only once the third job has started (so the second is done) and run_limited waits for results
    assert _third_started.wait(timeout=10), "the third job never started while the first was running"
    assert wait_until_collecting(_caller), "run_limited never waited for the results of its pool"
    return "first"


_got = run_limited([_finishes_last, lambda: "second", lambda: _third_started.set() or "third"], threading.Semaphore(2), 2)
assert _got == ["first", "second", "third"], f"job order, not completion order: {_got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
def _peak_in_flight(limit: int, count: int, workers: int):
    # Every job waits at `go` after entering. `go` opens when a thread has to wait for a slot (the limit works) or
    # when more jobs than the limit are inside at once (it does not). So the peak is measured at the worst moment
    # on every run, with no sleeps. Needs count > limit and workers > limit.
    go, guard = threading.Event(), threading.Lock()
    state = {"now": 0, "peak": 0}
    slots = Watched(threading.BoundedSemaphore(limit), on_wait=go.set)

    def job(number):
        def run():
            with guard:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
                if state["now"] > limit:
                    go.set()
            assert go.wait(timeout=10), "no job ever had to wait for a slot"
            with guard:
                state["now"] -= 1
            return -number

        return run

    results = run_limited([job(n) for n in range(count)], slots, workers)
    return results, state["peak"], slots


_got, _peak, _slots = _peak_in_flight(2, 3, 3)
assert _peak <= 2, f"a limit of 2, but {_peak} jobs ran at once"
assert _got == [0, -1, -2], f"results in job order: {_got}"
### BEGIN HIDDEN TESTS
_got, _peak, _slots = _peak_in_flight(1, 4, 4)
assert _peak == 1 and _got == [0, -1, -2, -3]
assert _slots.acquired == 4 == _slots.released, "one acquire and one release per job"
_got, _peak, _slots = _peak_in_flight(3, 8, 5)
assert _peak <= 3 and _got == [-n for n in range(8)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _explode():
    raise TimeoutError("API timed out")


# Two slots, one job raises: an answer that keeps the failed job's slot still has one for the others (no hang).
_slots = Watched(threading.BoundedSemaphore(2))
try:
    run_limited([lambda: 1, _explode, lambda: 3], _slots, 2)
except TimeoutError as error:
    assert str(error) == "API timed out"
else:
    raise AssertionError("a job's exception must propagate out of run_limited")
assert _slots.acquired == _slots.released == 3, f"slots taken {_slots.acquired}, given back {_slots.released}"
### BEGIN HIDDEN TESTS
_slots = Watched(threading.BoundedSemaphore(1))
try:
    run_limited([_explode], _slots, 1)
except TimeoutError:
    pass
else:
    raise AssertionError("a job's exception must propagate out of run_limited")
assert _slots.acquire(blocking=False), "the slot is free again after a job raised"
_slots.release()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-slots"}
from concurrent.futures import ThreadPoolExecutor


def run_limited(jobs, slots, workers: int) -> list:
    with ThreadPoolExecutor(max_workers=workers) as pool:  # the pool size is not the shared limit
        return list(pool.map(lambda job: job(), jobs))

# %% course={"kind": "wrong", "id": "release-skipped-on-error"}
from concurrent.futures import ThreadPoolExecutor


def run_limited(jobs, slots, workers: int) -> list:
    def guarded(job):
        slots.acquire()
        result = job()  # if this raises, the slot is never given back
        slots.release()
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(guarded, jobs))

# %% course={"kind": "wrong", "id": "completion-order"}
from concurrent.futures import ThreadPoolExecutor, as_completed


def run_limited(jobs, slots, workers: int) -> list:
    def guarded(job):
        with slots:
            return job()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [f.result() for f in as_completed([pool.submit(guarded, job) for job in jobs])]

# %% course={"kind": "wrong", "id": "slot-held-while-submitting"}
from concurrent.futures import ThreadPoolExecutor


def run_limited(jobs, slots, workers: int) -> list:
    with ThreadPoolExecutor(max_workers=workers) as pool, slots:  # one slot for the whole batch
        return list(pool.map(lambda job: job(), jobs))

# %% [markdown] course={"kind": "exercise", "id": "safe-lru", "item": "project-10-1-2"}
# ### Project core: a thread-safe LRU cache with metrics
#
# Finish `SafeLRU`, a cache shared by the threads of a service. The constructor (given) keeps entries in an
# `OrderedDict` (`self._data`, least recently used first), counters `self.hits` and `self.misses`, and one lock
# `self._lock` that every method must hold while it touches them.
#
# - `get(key, default=None)`: a present key is a hit (counts in `hits`, becomes most recently used, returns its
#   value, even a falsy one); a missing key is a miss (counts in `misses`, returns `default`).
# - `put(key, value)`: store (or replace) the value as most recently used; past `capacity` entries, drop the least
#   recently used one.
# - `invalidate(key)`: remove the key; return `True` if it was there, `False` if not (neither counts as hit or miss).
# - `get_or_load(key, load)`: like `get`, but on a miss call `load(key)`, store and return its result. Two threads
#   asking for the same missing key at once must call `load` **once** (a cache stampede would hit the backend with
#   both): hold the lock across the check, the load and the store.
# - `stats()`: a new dict `{"hits": ..., "misses": ..., "size": ...}`.
#
# ```python
# cache = SafeLRU(2); cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
# cache.get("b"), cache.stats()        # (None, {'hits': 1, 'misses': 1, 'size': 2}): "b" was evicted
# ```

# %% [markdown] course={"kind": "hint"}
# `OrderedDict.move_to_end(key)` marks a key as most recently used; `popitem(last=False)` removes the least recently
# used one. Test `key in self._data`, not the truth of the value: `0` and `""` are values too.

# %% [markdown] course={"kind": "hint"}
# In `get_or_load`, one `with self._lock:` around everything: the second thread waits at the lock, then finds the
# value the first one stored and counts a hit. (A real service would use one lock per key so that loading one key
# does not hold up the others; one lock is the simple, correct start.)

# %% course={"kind": "solution"}
import threading
from collections import OrderedDict


class SafeLRU:
    def __init__(self, capacity: int, lock=None) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        self._data: OrderedDict = OrderedDict()
        self._lock = lock if lock is not None else threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, default=None):
        ### BEGIN SOLUTION
        with self._lock:
            if key not in self._data:
                self.misses += 1
                return default
            self.hits += 1
            self._data.move_to_end(key)
            return self._data[key]
        ### END SOLUTION

    def put(self, key, value) -> None:
        ### BEGIN SOLUTION
        with self._lock:
            self._store(key, value)
        ### END SOLUTION

    def _store(self, key, value) -> None:  # call with the lock held
        ### BEGIN SOLUTION
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)
        ### END SOLUTION

    def invalidate(self, key) -> bool:
        ### BEGIN SOLUTION
        with self._lock:
            return self._data.pop(key, _MISSING) is not _MISSING
        ### END SOLUTION

    def get_or_load(self, key, load):
        ### BEGIN SOLUTION
        with self._lock:
            if key in self._data:
                self.hits += 1
                self._data.move_to_end(key)
                return self._data[key]
            self.misses += 1
            value = load(key)
            self._store(key, value)
            return value
        ### END SOLUTION

    def stats(self) -> dict:
        ### BEGIN SOLUTION
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._data)}
        ### END SOLUTION


_MISSING = object()

# %% course={"kind": "test", "points": 2}
_cache = SafeLRU(2)
_cache.put("a", 1)
_cache.put("b", 2)
assert _cache.get("a") == 1, "a stored value comes back"
_cache.put("c", 3)  # "a" was just used, so "b" is the least recently used
assert _cache.get("b") is None and _cache.get("a") == 1 and _cache.get("c") == 3, "put evicts the least recently used"
### BEGIN HIDDEN TESTS
_cache = SafeLRU(2)
_cache.put("a", 1)
_cache.put("b", 2)
_cache.put("a", 10)  # replacing refreshes "a"
_cache.put("c", 3)
assert _cache.get("b", "gone") == "gone" and _cache.get("a") == 10 and _cache.get("c") == 3
_one = SafeLRU(1)
_one.put("x", 1)
_one.put("y", 2)
assert _one.get("x") is None and _one.get("y") == 2 and _one.stats()["size"] == 1
_three = SafeLRU(3)
for _k in "abc":
    _three.put(_k, _k.upper())
assert [_three.get(_k) for _k in "abc"] == ["A", "B", "C"], "exactly capacity entries fit"
_three.put("d", "D")
assert _three.get("a") is None and _three.get("d") == "D"
for _bad in (0, -1):
    try:
        SafeLRU(_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"capacity {_bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_cache = SafeLRU(3)
_cache.put("zero", 0)
_cache.put("empty", "")
assert _cache.get("zero", "default") == 0 and _cache.get("empty", "default") == "", "falsy values are hits"
assert _cache.get("nope", "default") == "default"
assert _cache.stats() == {"hits": 2, "misses": 1, "size": 2}, f"stats: {_cache.stats()}"
### BEGIN HIDDEN TESTS
_s = _cache.stats()
_s["hits"] = 99
assert _cache.stats()["hits"] == 2 and _cache.stats() is not _cache.stats(), "stats() returns a new dict"
assert SafeLRU(1).stats() == {"hits": 0, "misses": 0, "size": 0}
assert type(_cache.stats()["size"]) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_cache = SafeLRU(2)
_cache.put("k", None)
assert _cache.invalidate("k") is True and _cache.invalidate("k") is False, "True when removed, False when absent"
assert _cache.get("k", "miss") == "miss" and _cache.stats() == {"hits": 0, "misses": 1, "size": 0}
### BEGIN HIDDEN TESTS
_cache.put("a", 1)
_cache.put("b", 2)
_cache.invalidate("a")
_cache.put("c", 3)
assert _cache.get("b") == 2 and _cache.get("c") == 3, "invalidating frees a place: nothing else is evicted"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
def _stampede(key):
    # Thread A misses and starts loading; inside A's load, thread B asks for the same key. A's load returns only
    # once B has either finished (having called load too: the stampede, on every run) or waits for the lock A holds.
    loads, answers = [], {}
    with Stepper() as steps:
        cache = SafeLRU(4, lock=steps.watch(threading.Lock(), "the cache's lock"))

        def load(k):
            loads.append(threading.current_thread().name)
            if len(loads) == 1:
                steps.start(lambda: answers.setdefault("B", cache.get_or_load(k, load)), name="B")
            return f"value of {k}"

        answers["A"] = cache.get_or_load(key, load)
        steps.join_all()
    return loads, answers, cache


_loads, _answers, _cache = _stampede("model.bin")
assert len(_loads) == 1, f"load ran {len(_loads)} times for one key asked for twice at once: {_loads}"
assert _answers == {"A": "value of model.bin", "B": "value of model.bin"}, f"both callers get the value: {_answers}"
assert _cache.stats() == {"hits": 1, "misses": 1, "size": 1}, f"one miss (A), one hit (B): {_cache.stats()}"
### BEGIN HIDDEN TESTS
_c = SafeLRU(2)
assert _c.get_or_load("x", str.upper) == "X" and _c.get_or_load("x", lambda k: 1 / 0) == "X", "a cached key never loads"
_c.get_or_load("y", str.upper)
_c.get_or_load("x", str.upper)  # "x" becomes most recent
_c.get_or_load("z", str.upper)
assert _c.get("y") is None and _c.get("x") == "X", "get_or_load refreshes and evicts like get and put"
_c = SafeLRU(2)
assert _c.get_or_load("f", lambda k: 0) == 0 and _c.get_or_load("f", lambda k: 1) == 0, "a falsy loaded value is cached"
_c = SafeLRU(2)
try:
    _c.get_or_load("bad", lambda k: 1 / 0)
except ZeroDivisionError:
    pass
assert not _c._lock.locked() and _c.get("bad", "absent") == "absent", "a failed load stores nothing, frees the lock"
_watch = Watched(threading.Lock())
_c = SafeLRU(2, lock=_watch)
_c.put("a", 1)
_c.get("a")
_c.invalidate("a")
_c.stats()
assert _watch.acquired == 4 == _watch.released, "every method takes the lock"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fifo-not-lru"}
import threading
from collections import OrderedDict

_MISSING = object()


class SafeLRU:
    def __init__(self, capacity: int, lock=None) -> None:
        if capacity < 1:
            raise ValueError(capacity)
        self.capacity = capacity
        self._data: OrderedDict = OrderedDict()
        self._lock = lock if lock is not None else threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, default=None):
        with self._lock:
            if key not in self._data:
                self.misses += 1
                return default
            self.hits += 1
            return self._data[key]  # a hit does not refresh the key: first in, first out

    def put(self, key, value) -> None:
        with self._lock:
            self._store(key, value)

    def _store(self, key, value) -> None:
        self._data[key] = value
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def invalidate(self, key) -> bool:
        with self._lock:
            return self._data.pop(key, _MISSING) is not _MISSING

    def get_or_load(self, key, load):
        with self._lock:
            if key in self._data:
                self.hits += 1
                return self._data[key]
            self.misses += 1
            value = load(key)
            self._store(key, value)
            return value

    def stats(self) -> dict:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._data)}

# %% course={"kind": "wrong", "id": "load-outside-lock"}
import threading
from collections import OrderedDict

_MISSING = object()


class SafeLRU:
    def __init__(self, capacity: int, lock=None) -> None:
        if capacity < 1:
            raise ValueError(capacity)
        self.capacity = capacity
        self._data: OrderedDict = OrderedDict()
        self._lock = lock if lock is not None else threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, default=None):
        with self._lock:
            if key not in self._data:
                self.misses += 1
                return default
            self.hits += 1
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._store(key, value)

    def _store(self, key, value) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def invalidate(self, key) -> bool:
        with self._lock:
            return self._data.pop(key, _MISSING) is not _MISSING

    def get_or_load(self, key, load):
        missing = self.get(key, _MISSING)  # checked under the lock...
        if missing is not _MISSING:
            return missing
        value = load(key)  # ...but loaded outside it: two threads both load
        self.put(key, value)
        return value

    def stats(self) -> dict:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._data)}

# %% course={"kind": "wrong", "id": "truthy-lookup"}
import threading
from collections import OrderedDict

_MISSING = object()


class SafeLRU:
    def __init__(self, capacity: int, lock=None) -> None:
        if capacity < 1:
            raise ValueError(capacity)
        self.capacity = capacity
        self._data: OrderedDict = OrderedDict()
        self._lock = lock if lock is not None else threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, default=None):
        with self._lock:
            if not self._data.get(key):  # 0 and "" look missing
                self.misses += 1
                return default
            self.hits += 1
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._store(key, value)

    def _store(self, key, value) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def invalidate(self, key) -> bool:
        with self._lock:
            return self._data.pop(key, _MISSING) is not _MISSING

    def get_or_load(self, key, load):
        with self._lock:
            if self._data.get(key):
                self.hits += 1
                self._data.move_to_end(key)
                return self._data[key]
            self.misses += 1
            value = load(key)
            self._store(key, value)
            return value

    def stats(self) -> dict:
        with self._lock:
            return {"hits": self.hits, "misses": self.misses, "size": len(self._data)}

# %% [markdown] course={"kind": "task", "id": "parallel-downloader", "item": "project-10-1-1", "points": 3}
# ### Project: a parallel file downloader
#
# Build a command-line tool `download.py URL... --dest DIR --max-parallel N` that downloads files concurrently. Reuse
# what the exercises proved: `fetch_all`'s shape (one outcome per URL, errors kept, input order) and `run_limited`'s
# shared semaphore for the parallel limit. It must:
#
# - download with a `ThreadPoolExecutor`, never more than `--max-parallel` transfers at once;
# - show progress per file (bytes so far / total when the server sends `Content-Length`), from one printing thread
#   or under a lock, so lines never interleave mid-line;
# - write each file to `DIR/name.part` and rename it only when complete, so a failed download leaves no half file;
# - handle errors per file (HTTP error, timeout, refused connection): report them at the end and exit non-zero if
#   any file failed, without stopping the other downloads;
# - stop cleanly on Ctrl+C: cancel what has not started, let running transfers see a `threading.Event` and stop,
#   remove their `.part` files, and join every thread.
#
# Test it offline against `python -m http.server` serving a temp folder on `127.0.0.1`, with one missing file among
# the URLs.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: concurrency is real and bounded (a pool or a semaphore sized by `--max-parallel`, not one thread per
#   URL); results reported per URL; a failure does not stop the others; exit code reflects failures.
# - 1 point: progress output is readable (no torn lines: one printer thread, a queue, or a lock around `print`);
#   `.part` files renamed only on success and removed on failure.
# - 1 point: clean shutdown: Ctrl+C cancels pending futures (`cancel_futures=True` or `future.cancel()`), sets a stop
#   event the workers check between chunks, and every thread is joined; the tests are offline (local `http.server`).

# %% [markdown] course={"kind": "exercise", "id": "print-in-order", "item": "dsa-print-in-order"}
# ### Problem: Print in Order (after LeetCode #1114)
#
# Three threads share one `InOrder` object: one calls `first(step)`, one `second(step)`, one `third(step)`, in any
# order and at any time. Each method must call its `step` (a function with no arguments) exactly once, and the three
# steps must run in the order first, second, third, whatever order the threads arrive in. Use the two events made
# in `__init__`: `self.first_done` and `self.second_done` (the tests watch them to make the threads arrive in the
# worst order).
#
# ```python
# order = InOrder()   # threads calling third(...), then first(...), then second(...) still run the steps 1, 2, 3
# ```

# %% [markdown] course={"kind": "hint"}
# A step may run only after the step before it has *finished*: wait for its event, run your step, then set yours.

# %% [markdown] course={"kind": "hint"}
# `first` waits for nothing; `second` waits for `first_done`; `third` waits for `second_done`. Set an event after
# calling the step, not before.

# %% course={"kind": "solution"}
import threading


class InOrder:
    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.second_done = threading.Event()

    def first(self, step) -> None:
        ### BEGIN SOLUTION
        step()
        self.first_done.set()
        ### END SOLUTION

    def second(self, step) -> None:
        ### BEGIN SOLUTION
        self.first_done.wait()
        step()
        self.second_done.set()
        ### END SOLUTION

    def third(self, step) -> None:
        ### BEGIN SOLUTION
        self.second_done.wait()
        step()
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import itertools


def _run_in_order(arrival: str) -> list[str]:
    # Start one thread per method in the arrival order; each start returns once that thread has finished or
    # waits on one of the watched events. So "third" arriving first really is first, on every run. A step first
    # lets every other thread run as far as it can: a thread woken too early gets ahead of it, on every run.
    ran, guard = [], threading.Lock()
    with Stepper() as steps:
        order = InOrder()
        order.first_done = steps.watch(order.first_done, "first_done")
        order.second_done = steps.watch(order.second_done, "second_done")

        def step_for(name):
            def step():
                steps.settle()
                with guard:
                    ran.append(name)

            return step

        for name in arrival.split():
            steps.start(getattr(order, name), step_for(name), name=name)
        steps.join_all()
    return ran


assert _run_in_order("first second third") == ["first", "second", "third"], "threads arriving in order"
### BEGIN HIDDEN TESTS
for _arrival in itertools.permutations(["first", "second", "third"]):
    _ran = _run_in_order(" ".join(_arrival))
    assert _ran == ["first", "second", "third"], f"arrival {_arrival}: steps ran {_ran}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_ran = _run_in_order("third second first")
assert _ran == ["first", "second", "third"], f"threads arriving third, second, first: steps ran {_ran}"
_ran = _run_in_order("second third first")
assert _ran == ["first", "second", "third"], f"threads arriving second, third, first: steps ran {_ran}"
_ran = _run_in_order("first third second")
assert _ran == ["first", "second", "third"], f"threads arriving first, third, second: steps ran {_ran}"

# %% course={"kind": "wrong", "id": "no-waiting"}
import threading


class InOrder:
    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.second_done = threading.Event()

    def first(self, step) -> None:
        step()
        self.first_done.set()

    def second(self, step) -> None:
        step()
        self.second_done.set()

    def third(self, step) -> None:
        step()

# %% course={"kind": "wrong", "id": "second-does-not-wait"}
import threading


class InOrder:
    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.second_done = threading.Event()

    def first(self, step) -> None:
        step()
        self.first_done.set()

    def second(self, step) -> None:
        step()  # forgot to wait for first
        self.second_done.set()

    def third(self, step) -> None:
        self.second_done.wait()
        step()

# %% course={"kind": "wrong", "id": "third-waits-for-first"}
import threading


class InOrder:
    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.second_done = threading.Event()

    def first(self, step) -> None:
        step()
        self.first_done.set()

    def second(self, step) -> None:
        self.first_done.wait()
        step()
        self.second_done.set()

    def third(self, step) -> None:
        self.first_done.wait()  # the wrong event: third may overtake second
        step()

# %% course={"kind": "wrong", "id": "signal-before-step"}
import threading


class InOrder:
    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.second_done = threading.Event()

    def first(self, step) -> None:
        self.first_done.set()  # announced before the step has run: second may overtake it
        step()

    def second(self, step) -> None:
        self.first_done.wait()
        self.second_done.set()
        step()

    def third(self, step) -> None:
        self.second_done.wait()
        step()

# %% [markdown] course={"kind": "exercise", "id": "foobar", "item": "dsa-print-foobar-alternately"}
# ### Problem: Print FooBar Alternately (after LeetCode #1115)
#
# `FooBar(n)` is shared by two threads: one calls `foo(say_foo)`, the other `bar(say_bar)`. Each method calls its
# function `n` times, and together they must produce foo, bar, foo, bar, ... (`n` pairs), foo always first, whichever
# thread starts first. Hand the turn back and forth with the two semaphores made in `__init__`: `self.foo_turn`
# (starts at 1) and `self.bar_turn` (starts at 0).
#
# ```python
# FooBar(2)   # the two threads together say: foo bar foo bar
# ```

# %% [markdown] course={"kind": "hint"}
# Before saying its word, each thread takes its own turn; after saying it, it gives the *other* thread its turn.

# %% [markdown] course={"kind": "hint"}
# In `foo`: `self.foo_turn.acquire()`, `say_foo()`, `self.bar_turn.release()`, `n` times. `bar` is the mirror image.

# %% course={"kind": "solution"}
import threading


class FooBar:
    def __init__(self, n: int) -> None:
        self.n = n
        self.foo_turn = threading.Semaphore(1)
        self.bar_turn = threading.Semaphore(0)

    def foo(self, say_foo) -> None:
        ### BEGIN SOLUTION
        for _ in range(self.n):
            self.foo_turn.acquire()
            say_foo()
            self.bar_turn.release()
        ### END SOLUTION

    def bar(self, say_bar) -> None:
        ### BEGIN SOLUTION
        for _ in range(self.n):
            self.bar_turn.acquire()
            say_bar()
            self.foo_turn.release()
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _foobar(n: int, first: str) -> list[str]:
    # Starts the `first` thread alone and lets it run until it finishes or waits for a turn; only then starts
    # the other. So a "bar" thread that does not wait for its turn speaks first on every run. Before each word,
    # the other thread runs as far as it can: a turn handed over too early is taken at once.
    said, guard = [], threading.Lock()
    with Stepper() as steps:
        fb = FooBar(n)
        fb.foo_turn = steps.watch(fb.foo_turn, "foo_turn")
        fb.bar_turn = steps.watch(fb.bar_turn, "bar_turn")

        def sayer(word):
            def say():
                steps.settle()
                with guard:
                    said.append(word)

            return say

        other = "bar" if first == "foo" else "foo"
        steps.start(getattr(fb, first), sayer(first), name=first)
        steps.start(getattr(fb, other), sayer(other), name=other)
        steps.join_all()
    return said


assert _foobar(2, "foo") == ["foo", "bar", "foo", "bar"], "foo bar foo bar"
### BEGIN HIDDEN TESTS
assert _foobar(1, "foo") == ["foo", "bar"]
assert _foobar(0, "foo") == [] and _foobar(0, "bar") == [], "n = 0: nothing said"
assert _foobar(5, "foo") == ["foo", "bar"] * 5
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_said = _foobar(2, "bar")
assert _said == ["foo", "bar", "foo", "bar"], f"the bar thread starts first: {_said}"
### BEGIN HIDDEN TESTS
assert _foobar(3, "bar") == ["foo", "bar"] * 3
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "bar-never-waits"}
import threading


class FooBar:
    def __init__(self, n: int) -> None:
        self.n = n
        self.foo_turn = threading.Semaphore(1)
        self.bar_turn = threading.Semaphore(0)

    def foo(self, say_foo) -> None:
        for _ in range(self.n):
            self.foo_turn.acquire()
            say_foo()
            self.bar_turn.release()

    def bar(self, say_bar) -> None:
        for _ in range(self.n):
            say_bar()  # no acquire: bar runs whenever its thread runs
            self.foo_turn.release()

# %% course={"kind": "wrong", "id": "turns-swapped"}
import threading


class FooBar:
    def __init__(self, n: int) -> None:
        self.n = n
        self.foo_turn = threading.Semaphore(0)  # the starting turns are the wrong way round
        self.bar_turn = threading.Semaphore(1)

    def foo(self, say_foo) -> None:
        for _ in range(self.n):
            self.foo_turn.acquire()
            say_foo()
            self.bar_turn.release()

    def bar(self, say_bar) -> None:
        for _ in range(self.n):
            self.bar_turn.acquire()
            say_bar()
            self.foo_turn.release()

# %% course={"kind": "wrong", "id": "turn-handed-over-before-saying"}
import threading


class FooBar:
    def __init__(self, n: int) -> None:
        self.n = n
        self.foo_turn = threading.Semaphore(1)
        self.bar_turn = threading.Semaphore(0)

    def foo(self, say_foo) -> None:
        for _ in range(self.n):
            self.foo_turn.acquire()
            self.bar_turn.release()  # bar may speak before this foo is said
            say_foo()

    def bar(self, say_bar) -> None:
        for _ in range(self.n):
            self.bar_turn.acquire()
            self.foo_turn.release()
            say_bar()

# %% [markdown] course={"kind": "exercise", "id": "h2o", "item": "dsa-building-h2o"}
# ### Problem: Building H2O (after LeetCode #1117)
#
# Threads arrive one by one, each an `H` (calls `hydrogen(release)`) or an `O` (calls `oxygen(release)`). Let them
# through in molecules: every group of three released threads is two `H` and one `O`, and no thread of the next
# molecule is released before the three of the current one. Each thread calls its `release` exactly once. Use the
# primitives made in `__init__`: `self.h_slots` (a `Semaphore(2)`), `self.o_slots` (a `Semaphore(1)`) and
# `self.bond` (a `Barrier(3)`).
#
# ```python
# arrivals "OHHHHO"  ->  released e.g. O H H | H H O   (each group of three: two H, one O)
# ```

# %% [markdown] course={"kind": "hint"}
# The semaphores decide *who* may join the molecule being built; the barrier makes the three members wait for each
# other.

# %% [markdown] course={"kind": "hint"}
# `with self.h_slots:` then `self.bond.wait()` then `release()`: the slot is given back only after the thread has
# been released, so the next molecule cannot start early. Oxygen is the same with `o_slots`.

# %% course={"kind": "solution"}
import threading


class H2O:
    def __init__(self) -> None:
        self.h_slots = threading.Semaphore(2)
        self.o_slots = threading.Semaphore(1)
        self.bond = threading.Barrier(3)

    def hydrogen(self, release) -> None:
        ### BEGIN SOLUTION
        with self.h_slots:
            self.bond.wait()
            release()
        ### END SOLUTION

    def oxygen(self, release) -> None:
        ### BEGIN SOLUTION
        with self.o_slots:
            self.bond.wait()
            release()
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _build_water(arrivals: str) -> str:
    # Starts one thread per letter in arrival order. Each start returns once every thread has been released or
    # waits on a watched primitive; by then the molecules released so far must be complete (a multiple of three),
    # and each of them two H and one O.
    out, guard = [], threading.Lock()
    with Stepper() as steps:
        water = H2O()
        for attr in ("h_slots", "o_slots", "bond"):
            setattr(water, attr, steps.watch(getattr(water, attr), attr))

        def releaser(atom):
            def release():
                steps.settle()
                with guard:
                    out.append(atom)

            return release

        for atom in arrivals:
            steps.start(water.hydrogen if atom == "H" else water.oxygen, releaser(atom), name=atom)
            assert len(out) % 3 == 0, f"a molecule was left half-released: {out}"
            assert all(m == "HHO" for m in _molecules("".join(out))), f"released {out}: not two H and one O each"
        steps.join_all()
    return "".join(out)


def _molecules(released: str) -> list[str]:
    return ["".join(sorted(released[i : i + 3])) for i in range(0, len(released), 3)]


_got = _build_water("HHO")
assert _molecules(_got) == ["HHO"], f"arrivals HHO: released {_got}"
### BEGIN HIDDEN TESTS
assert _build_water("") == ""
assert _molecules(_build_water("OHH")) == ["HHO"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = _build_water("HHHHOO")
assert _molecules(_got) == ["HHO", "HHO"], f"arrivals HHHHOO: released {_got}"
_got = _build_water("OOHHHH")
assert _molecules(_got) == ["HHO", "HHO"], f"arrivals OOHHHH: released {_got}"
### BEGIN HIDDEN TESTS
for _arrivals in ("OHHHHO", "HOHHOH", "HHHHHHOOO", "OOOHHHHHH"):
    _got = _build_water(_arrivals)
    assert _molecules(_got) == ["HHO"] * (len(_arrivals) // 3), f"arrivals {_arrivals}: released {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-barrier"}
import threading


class H2O:
    def __init__(self) -> None:
        self.h_slots = threading.Semaphore(2)
        self.o_slots = threading.Semaphore(1)
        self.bond = threading.Barrier(3)

    def hydrogen(self, release) -> None:
        with self.h_slots:  # limits how many wait, but nobody waits for the molecule
            release()

    def oxygen(self, release) -> None:
        with self.o_slots:
            release()

# %% course={"kind": "wrong", "id": "oxygen-not-limited"}
import threading


class H2O:
    def __init__(self) -> None:
        self.h_slots = threading.Semaphore(2)
        self.o_slots = threading.Semaphore(1)
        self.bond = threading.Barrier(3)

    def hydrogen(self, release) -> None:
        with self.h_slots:
            self.bond.wait()
            release()

    def oxygen(self, release) -> None:
        self.bond.wait()  # two oxygens can meet one hydrogen
        release()

# %% [markdown] course={"kind": "answer", "question": "q-how-do-threads-work-in-python"}
# A `threading.Thread` is a real operating-system thread; all threads of a process share its memory. In CPython
# (3.11, 3.12, and the default build of 3.13) the GIL lets only one thread execute Python bytecode at a time; a
# thread gives it up while it waits on I/O, sleeps, or calls C code that releases it (hashing, compression, NumPy),
# and the interpreter also makes a running thread hand it over at a regular interval. So threads overlap *waiting*
# very well and pure-Python computation not at all. You start them with `start()`, wait with `join()`, and usually
# use a `ThreadPoolExecutor` instead of managing them by hand. Python 3.13 adds an optional free-threaded build
# (`python3.13t`) without the GIL, where CPU-bound threads can run in parallel.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-race-condition"}
# A race condition is a bug whose outcome depends on the timing of threads: two threads do a read-modify-write on
# shared state and their steps interleave, so one update is lost (`count += 1` from two threads), or one thread
# checks a condition and acts on it after another thread has changed it ("check then act": `if key not in cache:
# cache[key] = load()`). Races are rare and timing-dependent, so they pass tests and fail in production. You find
# them by forcing the interleaving in a test (a hook plus events or a barrier, as in this section) and fix them by
# making the whole sequence atomic under one lock, or by not sharing the state (queues, thread-local data).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-lock-and"}
# A `Lock` has no owner: once taken, any further `acquire()` blocks, even from the thread that holds it, so a method
# that takes the lock and calls another method taking the same lock deadlocks. An `RLock` (re-entrant lock)
# remembers its owning thread and a count: the owner may acquire it again, and it is free once released as many
# times as acquired; only the owner may release it. Use `Lock` by default (simpler, slightly faster, and a
# re-entry that should not happen fails loudly); use `RLock` when locked methods call each other.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-threading-vs"}
# Threads for I/O-bound work: HTTP calls, database queries, file and object-storage transfers, subprocesses; they
# are cheap, share memory, and the GIL is released while they wait. Processes (`multiprocessing`,
# `ProcessPoolExecutor`) for CPU-bound pure-Python work such as parsing or feature computation, since each process
# has its own interpreter and GIL and uses its own core; the cost is start-up time, pickling of arguments and
# results, and no shared objects. For thousands of concurrent connections, `asyncio`. Libraries that release the GIL
# (NumPy, hashlib, zlib) can use threads even for CPU work, and the free-threaded 3.13t build changes the picture.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-make-code-thread-safe"}
# First avoid sharing: pass data through a `queue.Queue`, give each thread its own objects (`threading.local`,
# one client per worker), prefer immutable values and replace a shared object in one assignment instead of
# mutating it. What must be shared gets one lock that is held across every read-modify-write or check-then-act
# sequence, always taken with `with` so exceptions release it, and never held while calling unknown code if that
# can be avoided. Keep a consistent lock order to avoid deadlocks. Then prove it: a test that forces the dangerous
# interleaving with events or barriers, not one that runs a loop and hopes.
