# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can say exactly what a `with` statement calls and when, write
# context managers (classes, generators, async) that clean up on every way out and swallow only what
# they promise, and combine them with `contextlib`: `ExitStack`, `suppress`, `closing`, `nullcontext`.

# %% course={"kind": "setup", "id": "scratch"}
# File work in this notebook happens in one scratch folder, removed when the kernel stops.
from course.runtime.scratch import scratch_dir

SCRATCH = scratch_dir("9.3")

# %% course={"kind": "setup", "id": "helpers"}
# Jupyter already runs an event loop here, so asyncio.run() would fail: aio.run(coro) runs a coroutine
# on a fresh loop (in a script, asyncio.run(coro) is all you need). FakeTransport stands in for an API
# connection and records what is done to it; WatchedCondition lets the pool's tests see who waits.
from course.runtime import aio
from course.runtime.conditions import watched_condition
from course.runtime.transport import FakeTransport

# %% [markdown] course={"kind": "lesson", "id": "protocol", "covers": ["c-context-manager-protocol", "c-enter-setup", "c-exit-cleanup", "c-return-value-from-enter", "c-exception-handling-in-exit", "c-with-statement"]}
# ### The protocol, and what `with` really does
#
# Section 5.7 introduced `__enter__` and `__exit__`; here is the exact contract. For
# `with manager as name: body`, Python:
#
# 1. looks up `__enter__` and `__exit__` **on the type** (not the instance) and calls `__enter__()`;
# 2. binds **its return value** to `name`: often the manager itself, but `open()` returns the file,
#    a `threading.Lock` returns `True`, and `decimal.localcontext()` returns the new context;
# 3. runs the body;
# 4. calls `__exit__(exc_type, exc, traceback)` however the body ends: normally (three `None`s), by
#    an exception, or by `return`/`break`/`continue`;
# 5. if the body raised and `__exit__` returned a **true** value, the exception is swallowed and
#    execution continues after the `with`; otherwise it propagates. Returning `None` (no `return` at
#    all) means "let it through".
#
# The part people get wrong: **if `__enter__` raises, `__exit__` is never called**: the `with`
# never started. So whatever `__enter__` acquired before failing, it must release itself. Several
# managers in one statement (`with a as x, b as y:`) nest: they exit in reverse order, and if `b`
# fails to enter, `a` is still exited.

# %% course={"kind": "demo"}
class Traced:
    def __init__(self, name: str, log: list[str], fail_enter: bool = False) -> None:
        self.name, self.log, self.fail_enter = name, log, fail_enter

    def __enter__(self) -> str:
        if self.fail_enter:
            self.log.append(f"{self.name}: __enter__ failed")
            raise OSError(f"{self.name} unavailable")
        self.log.append(f"{self.name}: __enter__")
        return self.name.upper()  # what `as` binds: not necessarily self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.log.append(f"{self.name}: __exit__({None if exc_type is None else exc_type.__name__})")
        return exc_type is KeyError  # swallow KeyError only, to show the effect


log: list[str] = []
with Traced("db", log) as first, Traced("cache", log) as second:
    log.append(f"body sees {first!r} and {second!r}")
    {}["missing"]  # KeyError: cache's __exit__ swallows it, so db's __exit__ sees no exception
log.append("after the with: the KeyError is gone")
try:
    with Traced("db", log), Traced("queue", log, fail_enter=True):
        log.append("body never runs")
except OSError as err:
    log.append(f"caller sees {err!r}")
print("\n".join(log))

# %% [markdown] course={"kind": "text"}
# Since Python 3.10 a long list of managers may be wrapped in parentheses over several lines. And
# an object without the protocol fails before anything runs, with a `TypeError` (3.11, 3.12 and 3.13
# all add "(missed __exit__ method)" when only `__exit__` is missing):

# %% course={"kind": "demo"}
class OnlyEnter:
    def __enter__(self) -> "OnlyEnter":
        return self


try:
    with OnlyEnter():
        pass
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "built-ins", "covers": ["c-built-in-context-managers", "c-open-for-files", "c-threading-lock", "c-decimal-localcontext"]}
# ### Context managers you already have
#
# | manager | `__enter__` gives | `__exit__` does |
# |---|---|---|
# | `open(path)` | the file object (the same object) | closes the file (flushing what was written) |
# | `threading.Lock()` | `True` | releases the lock |
# | `decimal.localcontext()` | a copy of the current decimal context, now active | puts the old context back |
# | `sqlite3.connect(...)` | the connection | commits or rolls back, **does not close** (see the use-cases lesson) |
# | `tempfile.TemporaryDirectory()` | the folder's path as `str` | deletes the folder |
#
# All of them undo their setup on errors too, which is the whole point: a lock held forever after an
# exception freezes every other thread. The thing to check in the documentation is always *what
# exactly `__exit__` undoes*; the `sqlite3` row is the classic surprise.

# %% course={"kind": "demo"}
import decimal
import threading

report = SCRATCH / "report.txt"
with open(report, "w", encoding="utf-8") as handle:
    handle.write("disk ok\n")
print("file closed after the block:", handle.closed)

lock = threading.Lock()
try:
    with lock as acquired:
        print("inside: acquired =", acquired, "| locked =", lock.locked())
        raise TimeoutError("health check hung")
except TimeoutError:
    pass
print("after an error: locked =", lock.locked())

with decimal.localcontext() as ctx:
    ctx.prec = 5
    print("inside, 5 digits:  ", decimal.Decimal(1) / decimal.Decimal(7))
print("outside, 28 digits:", decimal.Decimal(1) / decimal.Decimal(7))

# %% [markdown] course={"kind": "lesson", "id": "creating", "covers": ["c-creating-context-managers", "c-class-based", "c-contextmanager-decorator"]}
# ### Writing your own: a class or a generator
#
# Section 8.1 wrote cleanup with `@contextmanager` and `try`/`finally`. How the decorator works
# tells you its rules: the code before `yield` is `__enter__`, the yielded value is what `as` binds,
# and when the body raises, the exception is **thrown into the generator at the `yield`**. So:
#
# - the generator must `yield` **exactly once** (no yield: `RuntimeError("generator didn't yield")`);
# - a `try`/`finally` around the `yield` is the cleanup; an `except` around it **swallows** the error
#   unless it re-raises;
# - the object `@contextmanager` returns is **single-use**: entering it a second time fails (with an
#   unhelpful `AttributeError ... no attribute 'args'` on 3.11, 3.12 and 3.13). Call the function
#   again for each `with`.
#
# Choose a **class** when the manager has state callers need after the block (a timer's result, a
# list of suppressed errors), when it must be **reusable** or **re-entrant** (entered again, even
# nested), or when `__exit__` must decide what to swallow. Choose the **generator** for short
# set-up/tear-down pairs. Both also work as decorators: a `@contextmanager` function (and any class
# derived from `contextlib.ContextDecorator`) wraps a whole function call in the `with`.

# %% course={"kind": "demo"}
from contextlib import contextmanager


@contextmanager
def step(name: str, log: list[str]):
    log.append(f"start {name}")
    try:
        yield name
    finally:
        log.append(f"end {name}")


log = []
once = step("migrate", log)
with once:
    pass
try:
    with once:  # the generator is used up
        pass
except (RuntimeError, AttributeError) as err:
    log.append(f"second use: {type(err).__name__}")


@step("nightly-backup", log)  # the same manager as a decorator: a fresh one per call
def backup() -> str:
    log.append("copying")
    return "done"


log.append(backup())
print(log)

# %% [markdown] course={"kind": "lesson", "id": "contextlib", "covers": ["c-contextlib-module", "c-contextmanager", "c-closing", "c-suppress", "c-redirect-stdout-redirect-stderr", "c-exitstack", "c-nullcontext", "c-abstractcontextmanager"]}
# ### The `contextlib` toolbox
#
# | tool | what it is for |
# |---|---|
# | `@contextmanager` | a generator becomes a manager (above) |
# | `closing(thing)` | calls `thing.close()` on exit, for objects with `close()` but no `with` support |
# | `suppress(*types)` | swallows those exception types (and subclasses) and nothing else |
# | `redirect_stdout(f)`, `redirect_stderr(f)` | point `sys.stdout`/`sys.stderr` at `f` for the block (Python-level writes only: a subprocess still writes to the real descriptor) |
# | `ExitStack` | a manager that holds any number of others, decided at run time; `callback(fn)` adds plain cleanup; `pop_all()` hands them to a new stack |
# | `nullcontext(value)` | a manager that does nothing and returns `value`: for "use a lock only if one was given" |
# | `AbstractContextManager` | a base class: `__enter__` returns `self`, you write `__exit__`; `isinstance(x, AbstractContextManager)` is true for anything with both methods |
# | `chdir(path)` (3.11+) | changes the working directory for the block; process-wide, so not thread-safe |
#
# On the way out the stack exits its managers last-in first-out, each seeing the exception as the
# ones before it left it: one whose `__exit__` returns true (below, `suppress`) swallows it for all
# the rest, and a cleanup that raises does not stop the others; its error is the one that propagates.
#
# Section 5.4 used `ExitStack` to close the connections a pool owns. Its other strong move is
# `pop_all()`: open several things inside `with ExitStack() as stack:`; if one fails, the stack
# closes the ones already open; if all succeed, `pop_all()` moves them to a new stack that the
# `with` does **not** close, so an object can keep them (an exercise below does exactly that).
#
# The mistake with `suppress`: it ends the **whole block** at the first suppressed error; the lines
# after it in the block do not run. Put only the one risky call inside. And from **Python 3.12**,
# `suppress` also looks inside exception groups: a group made only of suppressed types vanishes, and
# a mixed group is re-raised with the suppressed members removed. 3.11 lets any group through.

# %% course={"kind": "demo"}
import contextlib
import io
import sys


class Socketish:  # has close() but no __enter__/__exit__
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def close(self) -> None:
        self.log.append("socket closed")


log = []
with contextlib.closing(Socketish(log)):
    log.append("talking")
with contextlib.suppress(FileNotFoundError):
    (SCRATCH / "no-such.pid").unlink()
    log.append("never reached: the block ended at the suppressed error")
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    print("captured line")
log.append(f"captured {buffer.getvalue()!r}")
with contextlib.ExitStack() as stack:
    for name in ("a", "b", "c"):
        stack.callback(log.append, f"cleanup {name}")  # run in reverse order
    log.append("body")


def unmount() -> None:
    raise OSError("device busy")


try:
    with contextlib.ExitStack() as stack:
        stack.callback(log.append, "cleanup x: still runs after unmount failed")
        stack.callback(unmount)
        stack.enter_context(contextlib.suppress(KeyError))  # exits first and swallows the KeyError
        raise KeyError("body failed")
except OSError as err:
    log.append(f"the stack raised {err!r}, the KeyError is gone")


def maybe_locked(lock: contextlib.AbstractContextManager | None) -> contextlib.AbstractContextManager:
    return lock if lock is not None else contextlib.nullcontext()


with maybe_locked(None):
    log.append("ran without a lock")
print("\n".join(log))
print("any object with both methods counts:", isinstance(threading.Lock(), contextlib.AbstractContextManager))
group = ExceptionGroup("probes", [FileNotFoundError("a"), PermissionError("b")])
try:
    with contextlib.suppress(FileNotFoundError):
        raise group
except ExceptionGroup as left:
    # 3.11: both members are still there; 3.12 and 3.13: only PermissionError is left
    print(f"Python {sys.version_info[0]}.{sys.version_info[1]} re-raised the group with", [type(e).__name__ for e in left.exceptions])

# %% [markdown] course={"kind": "lesson", "id": "async", "covers": ["c-async-context-managers", "c-async-with", "c-aenter-aexit", "c-asynccontextmanager"]}
# ### Async context managers
#
# Setting up and tearing down a network session means waiting: for a TCP handshake, for the
# server's goodbye. `async with` is `with` whose two methods are coroutines, `__aenter__` and
# `__aexit__`, awaited at the start and the end. It only works inside `async def`, and a plain
# `with` on an async-only manager is a `TypeError`. (A script starts its coroutine with
# `asyncio.run(main())`; Jupyter already runs an event loop, where `asyncio.run` raises
# `RuntimeError`, so this notebook uses `aio.run(main())` from the course's helpers, which runs it
# on a fresh loop in a worker thread.) `@contextlib.asynccontextmanager` turns an async generator
# into one, and `contextlib.AsyncExitStack` (with `enter_async_context`) is the async `ExitStack`.
#
# The thing people get wrong is **cancellation**: `task.cancel()` raises `asyncio.CancelledError`
# inside the block (a `BaseException`, not an `Exception`). The `__aexit__` still runs, so the session
# still closes, but an `except Exception` in your cleanup does not see it, and swallowing it breaks
# `asyncio.timeout` and task groups. Let it propagate.

# %% course={"kind": "demo"}
import asyncio


@contextlib.asynccontextmanager
async def session(name: str, log: list[str]):
    await asyncio.sleep(0)  # stands for the handshake
    log.append(f"{name}: open")
    try:
        yield name
    finally:
        await asyncio.sleep(0)  # stands for the goodbye
        log.append(f"{name}: closed")


async def main(log: list[str]) -> None:
    async with session("api", log) as name:
        log.append(f"GET /health on {name}")
    started = asyncio.Event()

    async def long_poll() -> None:
        async with session("stream", log):
            started.set()
            await asyncio.Event().wait()  # waits for ever, until cancelled

    task = asyncio.create_task(long_poll())
    await started.wait()  # a handshake, not a sleep: the block is running now
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("the task was cancelled, and its session still closed")


log = []
aio.run(main(log))
print("\n".join(log))

# %% [markdown] course={"kind": "lesson", "id": "use-cases", "covers": ["c-common-use-cases", "c-resource-management", "c-transaction-handling", "c-temporary-state-changes", "c-timing-and-profiling"]}
# ### What DevOps and MLOps code uses them for
#
# - **Resource management**: files, sockets, subprocesses, GPU memory, temp folders, pooled
#   connections: acquire in `__enter__`, release in `__exit__`, whatever happened.
# - **Transactions**: commit when the block ends normally, roll back when it raises. Beware
#   `sqlite3`: `with connection:` is a transaction, not a close; the connection stays open.
# - **Temporary state**: an environment variable, the working directory, a log level, the decimal
#   precision, a feature flag: set on enter, put back *exactly* on exit (including "it was not set").
# - **Timing and profiling**: read a clock on enter and on exit. Use `time.perf_counter()` (monotonic,
#   high resolution), never `time.time()`, which jumps when NTP corrects the wall clock.

# %% course={"kind": "demo"}
import sqlite3
import time

db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE jobs (name TEXT)")
with db:  # a transaction: commits here
    db.execute("INSERT INTO jobs VALUES ('build')")
try:
    with db:
        db.execute("INSERT INTO jobs VALUES ('deploy')")
        raise RuntimeError("deploy aborted")  # rolled back
except RuntimeError:
    pass
print("rows:", db.execute("SELECT name FROM jobs").fetchall())
print("still open after `with db:`:", db.execute("SELECT 1").fetchone() == (1,))
with contextlib.closing(db):  # this one closes it
    pass
try:
    db.execute("SELECT 1")
except sqlite3.ProgrammingError as err:
    print("after closing():", err)

start = time.perf_counter()
sum(range(100_000))
print(f"the sum took {time.perf_counter() - start:.6f} s (printed, never asserted: it depends on the machine)")

# %% [markdown] course={"kind": "exercise", "id": "timed", "item": "x-create-a-context-manager-for-timing-code"}
# ### A timer for code blocks
#
# Finish `timed(label, clock=time.perf_counter, report=None)`, a `@contextmanager` that times its
# block:
#
# - it yields a `Timing(label)` (the dataclass is given) whose `elapsed` is `None` during the block;
# - when the block ends, **however** it ends (normally, an exception, Ctrl-C), it sets
#   `elapsed = clock() - start`, where `start` is the `clock()` read on entry: `clock` is called
#   exactly twice;
# - if the block raised (any exception, also `KeyboardInterrupt`), it sets `failed = True`;
# - after that it calls `report(timing)` if a `report` was given;
# - it never swallows the exception.
#
# ```python
# ticks = iter([10.0, 12.5]).__next__          # a fake clock: 10.0, then 12.5
# with timed("build", clock=ticks) as t:
#     ...
# t                                              # Timing(label='build', elapsed=2.5, failed=False)
# ```

# %% [markdown] course={"kind": "hint"}
# Read the clock before the `yield`; finish the timing in a `finally:` around it, so it also runs when
# the block raises.

# %% [markdown] course={"kind": "hint"}
# To mark a failure without swallowing it: `except BaseException: timing.failed = True; raise`
# before the `finally`. `except Exception` misses `KeyboardInterrupt`.

# %% course={"kind": "solution"}
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    label: str
    elapsed: float | None = None
    failed: bool = False


@contextmanager
def timed(
    label: str, clock: Callable[[], float] = time.perf_counter, report: Callable[[Timing], None] | None = None
) -> Iterator[Timing]:
    ### BEGIN SOLUTION
    timing = Timing(label)
    start = clock()
    try:
        yield timing
    except BaseException:
        timing.failed = True
        raise
    finally:
        timing.elapsed = clock() - start
        if report is not None:
            report(timing)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with timed("build", clock=iter([10.0, 12.5]).__next__) as t:
    assert t == Timing("build"), f"during the block: Timing('build') with elapsed None, got {t!r}"
assert t == Timing("build", 2.5, False) and type(t.elapsed) is float, f"after the block: {t!r}"
### BEGIN HIDDEN TESTS
with timed("", clock=iter([7.0, 7.0]).__next__) as t:
    pass
assert t.elapsed == 0.0 and t.elapsed is not None and t.failed is False and t.label == ""
with timed("outer", clock=iter([1.0, 11.0]).__next__) as outer:
    with timed("inner", clock=iter([3.0, 4.5]).__next__) as inner:
        pass
assert (outer.elapsed, inner.elapsed) == (10.0, 1.5), "two timers do not share state"
with timed("real") as t:
    sum(range(1000))
assert type(t.elapsed) is float and t.elapsed >= 0.0, "the default clock is time.perf_counter"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
seen = []
boom = ValueError("tests failed")
try:
    with timed("test", clock=iter([100.0, 160.0]).__next__, report=seen.append) as t:
        raise boom
except ValueError as err:
    assert err is boom, "the same exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
assert t == Timing("test", 60.0, True), f"a failed block is timed and marked failed: {t!r}"
assert seen == [t] and seen[0] is t, "report gets the Timing object, once"
### BEGIN HIDDEN TESTS
try:
    with timed("ctrl-c", clock=iter([0.0, 1.0]).__next__) as t:
        raise KeyboardInterrupt
except KeyboardInterrupt:
    assert t == Timing("ctrl-c", 1.0, True), "KeyboardInterrupt counts as a failure too"
else:
    raise AssertionError("KeyboardInterrupt was swallowed")
def early_return():
    with timed("early", clock=iter([2.0, 5.0]).__next__) as t:
        return t
assert early_return() == Timing("early", 3.0, False), "a return from the block is a normal end"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
snapshots = []
with timed("deploy", clock=iter([0.5, 2.0]).__next__, report=lambda t: snapshots.append((t.elapsed, t.failed))):
    assert snapshots == [], "report runs when the block ends, not before"
assert snapshots == [(1.5, False)], f"report sees the finished timing: {snapshots}"
### BEGIN HIDDEN TESTS
calls = []
def counting_clock():
    calls.append(None)
    return float(len(calls))
with timed("count", clock=counting_clock) as t:
    pass
assert len(calls) == 2 and t.elapsed == 1.0, f"clock is read exactly twice, got {len(calls)} reads"
snapshots = []
try:
    with timed("bad", clock=iter([1.0, 4.0]).__next__, report=lambda t: snapshots.append((t.elapsed, t.failed))):
        raise ValueError
except ValueError:
    pass
assert snapshots == [(3.0, True)], "report runs after failed is set"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t2", "t3"]}
import time
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    label: str
    elapsed: float | None = None
    failed: bool = False


@contextmanager
def timed(label, clock=time.perf_counter, report=None):
    timing = Timing(label)
    start = clock()
    yield timing  # an exception in the block never comes back here
    timing.elapsed = clock() - start
    if report is not None:
        report(timing)

# %% course={"kind": "wrong", "id": "except-exception", "fails": ["t2"]}
import time
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    label: str
    elapsed: float | None = None
    failed: bool = False


@contextmanager
def timed(label, clock=time.perf_counter, report=None):
    timing = Timing(label)
    start = clock()
    try:
        yield timing
    except Exception:  # Ctrl-C is not an Exception: that run looks successful
        timing.failed = True
        raise
    finally:
        timing.elapsed = clock() - start
        if report is not None:
            report(timing)

# %% course={"kind": "wrong", "id": "own-clock", "fails": ["t1", "t2", "t3"]}
import time
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    label: str
    elapsed: float | None = None
    failed: bool = False


@contextmanager
def timed(label, clock=time.perf_counter, report=None):
    timing = Timing(label)
    start = time.perf_counter()  # ignores the clock it was given
    try:
        yield timing
    except BaseException:
        timing.failed = True
        raise
    finally:
        timing.elapsed = time.perf_counter() - start
        if report is not None:
            report(timing)

# %% course={"kind": "wrong", "id": "report-first", "fails": ["t3"]}
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    label: str
    elapsed: float | None = None
    failed: bool = False


@contextmanager
def timed(label, clock=time.perf_counter, report=None):
    timing = Timing(label)
    start = clock()
    try:
        yield timing
    finally:
        if report is not None:
            report(timing)  # reports before the timing is finished
        timing.elapsed = clock() - start
        timing.failed = sys.exc_info()[0] is not None

# %% [markdown] course={"kind": "exercise", "id": "tolerate"}
# ### Swallow exactly what you promise: `Tolerate`
#
# A nightly job pings 50 hosts; a few `ConnectionError`s are normal, many are an incident. Finish
# the class-based manager `Tolerate(*types, limit)`; its `__exit__` decides:
#
# - an exception that is an instance of one of `types` (subclasses included) is **swallowed and
#   recorded** in `self.tolerated`, as long as fewer than `limit` have been recorded so far;
# - anything else propagates unchanged: other types (also `KeyboardInterrupt`, unless named), and a
#   matching exception once `limit` are already recorded;
# - `__exit__` returns exactly `True` when it swallows and `False` otherwise.
#
# The same object is **reusable and re-entrant**: `with tolerate:` may run many times, even nested
# inside itself, and they all share one count. `__init__` and `__enter__` are given.
#
# ```python
# tolerate = Tolerate(ConnectionError, limit=2)
# for host in ["a", "b", "c"]:
#     with tolerate:
#         raise ConnectionRefusedError(host)   # a, b swallowed; c propagates
# ```

# %% [markdown] course={"kind": "hint"}
# `isinstance(exc, self.types)` accepts a tuple of types and covers subclasses. With no exception,
# `exc` is `None`, which is an instance of none of them.

# %% [markdown] course={"kind": "hint"}
# Check the count before recording: swallow only when `len(self.tolerated) < self.limit`.

# %% course={"kind": "solution"}
from types import TracebackType


class Tolerate:
    """Swallow up to `limit` exceptions of the given types, over every use of this object."""

    def __init__(self, *types: type[BaseException], limit: int) -> None:
        if limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        self.types, self.limit = types, limit
        self.tolerated: list[BaseException] = []

    def __enter__(self) -> "Tolerate":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        ### BEGIN SOLUTION
        if isinstance(exc, self.types) and len(self.tolerated) < self.limit:
            self.tolerated.append(exc)
            return True
        return False
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
tolerate = Tolerate(ConnectionError, limit=2)
first = ConnectionRefusedError("a")
with tolerate:
    raise first
assert tolerate.tolerated == [first] and tolerate.tolerated[0] is first, "a subclass of ConnectionError is swallowed and recorded"
reached = []
with tolerate:
    reached.append("body ran")
assert reached == ["body ran"] and len(tolerate.tolerated) == 1, "a clean block records nothing"
### BEGIN HIDDEN TESTS
assert tolerate.__exit__(None, None, None) is False, "no exception: return False"
second = ConnectionError("b")
assert tolerate.__exit__(ConnectionError, second, None) is True, "swallowing returns exactly True"
assert tolerate.tolerated == [first, second]
multi = Tolerate(KeyError, OSError, limit=5)
for error in (KeyError("k"), FileNotFoundError("f"), OSError("o")):
    with multi:
        raise error
assert len(multi.tolerated) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tolerate = Tolerate(ConnectionError, limit=1)
for error in (ValueError("not a connection problem"), KeyboardInterrupt()):
    try:
        with tolerate:
            raise error
    except type(error) as err:
        assert err is error, f"{type(error).__name__} is not tolerated and must propagate unchanged"
    else:
        raise AssertionError(f"{type(error).__name__} was swallowed")
assert tolerate.tolerated == [], "nothing was tolerated"
### BEGIN HIDDEN TESTS
wide = Tolerate(Exception, limit=3)
try:
    with wide:
        raise SystemExit(2)
except SystemExit:
    assert wide.tolerated == [], "SystemExit is no Exception"
else:
    raise AssertionError("SystemExit was swallowed by Tolerate(Exception)")
none = Tolerate(limit=3)
try:
    with none:
        raise ConnectionError
except ConnectionError:
    pass
else:
    raise AssertionError("Tolerate() with no types tolerates nothing")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tolerate = Tolerate(ConnectionError, limit=2)
outcome = []
for host in ["a", "b", "c"]:
    try:
        with tolerate:
            raise ConnectionResetError(host)
        outcome.append(f"{host}: tolerated")
    except ConnectionError:
        outcome.append(f"{host}: raised")
assert outcome == ["a: tolerated", "b: tolerated", "c: raised"], f"the third failure is over the limit: {outcome}"
### BEGIN HIDDEN TESTS
assert [str(e) for e in tolerate.tolerated] == ["a", "b"]
zero = Tolerate(ConnectionError, limit=0)
try:
    with zero:
        raise ConnectionError
except ConnectionError:
    assert zero.tolerated == []
else:
    raise AssertionError("limit=0 tolerates nothing")
shared = Tolerate(KeyError, limit=2)
with shared:
    with shared:  # re-entrant: the inner use swallows, the outer block goes on
        raise KeyError("inner")
    raise KeyError("outer")
assert [e.args[0] for e in shared.tolerated] == ["inner", "outer"]
try:
    with shared:
        with shared:
            raise KeyError("third")
except KeyError as err:
    assert err.args == ("third",), "the shared count is used up"
else:
    raise AssertionError("a third KeyError went over limit=2")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "exact-type", "fails": ["t1", "t3"]}
class Tolerate:
    def __init__(self, *types, limit):
        self.types, self.limit, self.tolerated = types, limit, []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type in self.types and len(self.tolerated) < self.limit:  # misses subclasses
            self.tolerated.append(exc)
            return True
        return False

# %% course={"kind": "wrong", "id": "off-by-one", "fails": ["t3"]}
class Tolerate:
    def __init__(self, *types, limit):
        self.types, self.limit, self.tolerated = types, limit, []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if isinstance(exc, self.types) and len(self.tolerated) <= self.limit:
            self.tolerated.append(exc)
            return True
        return False

# %% course={"kind": "wrong", "id": "true-when-clean", "fails": ["t1"]}
class Tolerate:
    def __init__(self, *types, limit):
        self.types, self.limit, self.tolerated = types, limit, []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None:
            return True  # "nothing to do, all fine": harmless here, but not the promised False
        if isinstance(exc, self.types) and len(self.tolerated) < self.limit:
            self.tolerated.append(exc)
            return True
        return False

# %% course={"kind": "wrong", "id": "count-per-use", "fails": ["t1", "t3"]}
class Tolerate:
    def __init__(self, *types, limit):
        self.types, self.limit, self.tolerated = types, limit, []

    def __enter__(self):
        self.tolerated = []  # a fresh count on every use: the limit never bites
        return self

    def __exit__(self, exc_type, exc, tb):
        if isinstance(exc, self.types) and len(self.tolerated) < self.limit:
            self.tolerated.append(exc)
            return True
        return False

# %% [markdown] course={"kind": "exercise", "id": "database", "item": "x-create-a-database-connection-context"}
# ### A database connection that commits, rolls back and closes
#
# `with sqlite3.connect(path) as conn:` commits or rolls back, but leaves the connection **open**:
# a long-running service leaks one file handle per request. Finish `database(path, factory=sqlite3.Connection)`,
# a `@contextmanager` that:
#
# - opens `sqlite3.connect(path, factory=factory)` and yields the connection;
# - when the block ends normally: `commit()`, then `close()`;
# - when the block raises (anything, also `KeyboardInterrupt`): `rollback()`, then `close()`, and the
#   exception propagates unchanged.
#
# (`factory` lets the tests watch the connection; you only pass it on.)
#
# ```python
# with database(path) as conn:
#     conn.execute("INSERT INTO jobs VALUES ('build')")
# # committed and closed: conn.execute(...) now raises sqlite3.ProgrammingError
# ```

# %% [markdown] course={"kind": "hint"}
# `commit()` belongs right after the `yield`, inside the `try`: it runs only when the block did not
# raise. `close()` belongs in `finally`.

# %% [markdown] course={"kind": "hint"}
# `except BaseException: conn.rollback(); raise` between the two. A `commit()` in `finally` would
# also commit a half-done failed block.

# %% course={"kind": "solution"}
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def database(path: str | Path, factory: type[sqlite3.Connection] = sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    ### BEGIN SOLUTION
    conn = sqlite3.connect(path, factory=factory)
    try:
        yield conn
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import sqlite3
path = SCRATCH / "jobs-1.db"
path.unlink(missing_ok=True)
with database(path) as conn:
    assert isinstance(conn, sqlite3.Connection), "the block gets the connection"
    conn.execute("CREATE TABLE jobs (name TEXT)")
    conn.execute("INSERT INTO jobs VALUES ('build')")
check = sqlite3.connect(path)
assert check.execute("SELECT name FROM jobs").fetchall() == [("build",)], "the insert was committed"
check.close()
try:
    conn.execute("SELECT 1")
except sqlite3.ProgrammingError:
    pass
else:
    raise AssertionError("the connection must be closed after the block")

# %% course={"kind": "test", "points": 2}
import sqlite3
path = SCRATCH / "jobs-2.db"
path.unlink(missing_ok=True)
with database(path) as conn:
    conn.execute("CREATE TABLE jobs (name TEXT)")
boom = RuntimeError("half done")
try:
    with database(path) as conn:
        conn.execute("INSERT INTO jobs VALUES ('deploy')")
        raise boom
except RuntimeError as err:
    assert err is boom, "the same exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
check = sqlite3.connect(path)
assert check.execute("SELECT name FROM jobs").fetchall() == [], "a failed block leaves no rows"
check.close()
### BEGIN HIDDEN TESTS
try:
    conn.execute("SELECT 1")
except sqlite3.ProgrammingError:
    pass
else:
    raise AssertionError("closed after a failure too")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import sqlite3
calls = []


class Recording(sqlite3.Connection):
    """Notes in `calls` every COMMIT and ROLLBACK it runs (by commit() or by `with conn:`) and every close()."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_trace_callback(self.note)

    def note(self, sql):
        if sql.split()[0].upper() in ("COMMIT", "ROLLBACK"):
            calls.append(sql.split()[0].lower())

    def close(self):
        calls.append("close")
        super().close()


def work(conn):
    conn.execute("CREATE TABLE jobs (name TEXT)")
    conn.execute("INSERT INTO jobs VALUES ('build')")  # this opens a transaction
    calls.append("block")


with database(":memory:", factory=Recording) as conn:
    assert type(conn) is Recording, "pass factory on to sqlite3.connect"
    work(conn)
assert calls == ["block", "commit", "close"], f"a good block: commit, then close; got {calls}"
### BEGIN HIDDEN TESTS
for error in (ValueError("bad row"), KeyboardInterrupt()):
    calls.clear()
    try:
        with database(":memory:", factory=Recording) as conn:
            work(conn)
            raise error
    except type(error) as err:
        assert err is error
    else:
        raise AssertionError(f"{type(error).__name__} was swallowed")
    assert calls == ["block", "rollback", "close"], f"{type(error).__name__}: rollback, then close; got {calls}"
calls.clear()
def early():
    with database(":memory:", factory=Recording) as conn:
        work(conn)
        return "done"
assert early() == "done" and calls == ["block", "commit", "close"], f"a return from the block commits: {calls}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "with-connection", "fails": ["t1", "t2", "t3"]}
import sqlite3
from contextlib import contextmanager


@contextmanager
def database(path, factory=sqlite3.Connection):
    with sqlite3.connect(path, factory=factory) as conn:  # commits or rolls back, never closes
        yield conn

# %% course={"kind": "wrong", "id": "commit-in-finally", "fails": ["t2", "t3"]}
import sqlite3
from contextlib import contextmanager


@contextmanager
def database(path, factory=sqlite3.Connection):
    conn = sqlite3.connect(path, factory=factory)
    try:
        yield conn
    finally:
        conn.commit()  # also commits what a failed block half did
        conn.close()

# %% course={"kind": "wrong", "id": "close-without-commit", "fails": ["t1", "t3"]}
import sqlite3
from contextlib import contextmanager


@contextmanager
def database(path, factory=sqlite3.Connection):
    conn = sqlite3.connect(path, factory=factory)
    try:
        yield conn
    finally:
        conn.close()  # closing does not commit: every insert is lost

# %% [markdown] course={"kind": "exercise", "id": "bundle", "item": "x-use-exitstack-for-managing-multiple"}
# ### Open all or nothing: `ExitStack.pop_all()`
#
# A log shipper reads several files at once. Finish the class `Bundle(paths, open_one=open_text)`:
#
# - `__init__` opens every path with `open_one(path)`, in order, into the list `self.files`.
#   If opening one of them raises, the ones **already opened are closed** (last opened first) and the
#   error propagates: a `Bundle` is either fully open or does not exist.
# - After a successful `__init__`, the files stay **open** until `close()`, which closes them all in
#   reverse order of opening; a second `close()` does nothing.
# - `with Bundle(paths) as files:` binds the list of files and calls `close()` at the end, letting
#   exceptions through. (`__enter__` and `__exit__` are given.)
#
# `open_one` returns objects that are context managers themselves (files are): hand them to an
# `ExitStack` with `enter_context`.
#
# ```python
# with Bundle([SCRATCH / "a.log", SCRATCH / "b.log"]) as (a, b):
#     print(a.readline(), b.readline())
# ```

# %% [markdown] course={"kind": "hint"}
# In `__init__`: `with ExitStack() as stack:` and `stack.enter_context(open_one(p))` for each path.
# If one raises, leaving the `with` closes what the stack holds.

# %% [markdown] course={"kind": "hint"}
# On success the `with ExitStack()` would close everything at its end. Just before it ends, take the
# files out: `self._stack = stack.pop_all()`. `close()` is then `self._stack.close()`.

# %% course={"kind": "solution"}
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO


def open_text(path: str | Path) -> TextIO:
    return open(path, encoding="utf-8")


class Bundle:
    """Several files opened together: all of them, or none."""

    def __init__(self, paths: Iterable[str | Path], open_one: Callable[[Any], Any] = open_text) -> None:
        ### BEGIN SOLUTION
        with ExitStack() as stack:
            self.files = [stack.enter_context(open_one(path)) for path in paths]
            self._stack = stack.pop_all()
        ### END SOLUTION

    def close(self) -> None:
        ### BEGIN SOLUTION
        self._stack.close()
        ### END SOLUTION

    def __enter__(self) -> list[Any]:
        return self.files

    def __exit__(self, *exc_info: object) -> None:
        self.close()

# %% course={"kind": "test", "points": 2}
class Handle:
    """A stand-in for a file that records opening and closing."""

    def __init__(self, name, events):
        if name.startswith("missing"):
            raise FileNotFoundError(name)
        self.name, self.events, self.closed = name, events, False
        events.append(f"open {name}")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.closed = True
        self.events.append(f"close {self.name}")


events = []
bundle = Bundle(["a", "b", "c"], open_one=lambda name: Handle(name, events))
assert [h.name for h in bundle.files] == ["a", "b", "c"], "self.files holds what open_one returned, in order"
assert not any(h.closed for h in bundle.files), "after __init__ the files are still open"
bundle.close()
assert events == ["open a", "open b", "open c", "close c", "close b", "close a"], f"close() closes in reverse: {events}"
### BEGIN HIDDEN TESTS
bundle.close()
assert events[-1] == "close a" and len(events) == 6, "a second close() does nothing"
events = []
empty = Bundle(iter([]), open_one=lambda name: Handle(name, events))
assert empty.files == [] and events == []
empty.close()
gen = Bundle((n for n in ["x", "y"]), open_one=lambda name: Handle(name, events))
assert [h.name for h in gen.files] == ["x", "y"], "paths may be any iterable, read once"
gen.close()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
events = []
try:
    Bundle(["a", "b", "missing-c", "d"], open_one=lambda name: Handle(name, events))
except FileNotFoundError as err:
    assert err.args == ("missing-c",), f"the error from open_one propagates: {err!r}"
else:
    raise AssertionError("a path that cannot be opened must raise")
assert events == ["open a", "open b", "close b", "close a"], f"what was opened is closed again, d never opened: {events}"
### BEGIN HIDDEN TESTS
events = []
try:
    Bundle(["missing-first"], open_one=lambda name: Handle(name, events))
except FileNotFoundError:
    assert events == []
else:
    raise AssertionError("must raise")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for name, text in [("a.log", "alpha\n"), ("b.log", "béta\n")]:
    (SCRATCH / name).write_text(text, encoding="utf-8")
with Bundle([SCRATCH / "a.log", SCRATCH / "b.log"]) as files:
    assert [f.readline() for f in files] == ["alpha\n", "béta\n"], "the default open_one reads UTF-8 text"
assert all(f.closed for f in files), "the with statement closes every file"
### BEGIN HIDDEN TESTS
try:
    with Bundle([SCRATCH / "a.log"]) as files:
        raise LookupError("parse error")
except LookupError:
    assert files[0].closed
else:
    raise AssertionError("__exit__ must let the exception through")
events = []
try:
    with Bundle(["a", "b", "c"], open_one=lambda name: Handle(name, events)):
        raise LookupError("parse error")
except LookupError:
    assert events == ["open a", "open b", "open c", "close c", "close b", "close a"], f"an error in the block: {events}"
else:
    raise AssertionError("__exit__ must let the exception through")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-stack", "fails": ["t2"]}
def open_text(path):
    return open(path, encoding="utf-8")


class Bundle:
    def __init__(self, paths, open_one=open_text):
        self.files = [open_one(path) for path in paths]  # the first files leak when one fails

    def close(self):
        for handle in reversed(self.files):
            handle.__exit__(None, None, None)
        self.files = []

    def __enter__(self):
        return self.files

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "closes-at-once", "fails": ["t1", "t3"]}
from contextlib import ExitStack


def open_text(path):
    return open(path, encoding="utf-8")


class Bundle:
    def __init__(self, paths, open_one=open_text):
        with ExitStack() as stack:  # no pop_all(): everything closes at the end of __init__
            self.files = [stack.enter_context(open_one(path)) for path in paths]
            self._stack = stack

    def close(self):
        self._stack.close()

    def __enter__(self):
        return self.files

    def __exit__(self, *exc_info):
        self.close()

# %% course={"kind": "wrong", "id": "forward-close", "fails": ["t1", "t3"]}
from contextlib import ExitStack


def open_text(path):
    return open(path, encoding="utf-8")


class Bundle:
    def __init__(self, paths, open_one=open_text):
        with ExitStack() as stack:
            self.files = [stack.enter_context(open_one(path)) for path in paths]
            self._stack = stack.pop_all()

    def close(self):
        for handle in self.files:  # first opened, first closed
            handle.__exit__(None, None, None)
        self.files = []

    def __enter__(self):
        return self.files

    def __exit__(self, *exc_info):
        self.close()

# %% [markdown] course={"kind": "exercise", "id": "temp-env", "item": "x-create-a-context-manager-for-temporary"}
# ### Temporary environment variables
#
# Tests and deploy scripts often need `AWS_PROFILE` or `KUBECONFIG` set for one step only. Finish
# `temp_env(changes, environ=os.environ)`, a `@contextmanager`:
#
# - `changes` maps names to a new value (`str`, the empty string included) or to `None`, which means
#   "unset this variable during the block";
# - a value that is neither `str` nor `None` raises `TypeError` **before anything is changed**;
# - on exit, however the block ends, every name in `changes` is back exactly as before: its old value,
#   or **absent** if it was not set before. Other variables are left alone;
# - exceptions propagate; the manager yields nothing (`None`) and leaves `changes` itself as it was.
#
# ```python
# with temp_env({"DEPLOY_ENV": "staging", "DEBUG": None}):
#     os.environ["DEPLOY_ENV"]          # 'staging'; DEBUG is unset in here
# "DEPLOY_ENV" in os.environ            # False again (if it was not set before)
# ```

# %% [markdown] course={"kind": "hint"}
# Save `environ.get(name)` for every name first (`None` = was not set), then apply the changes inside
# a `try` whose `finally` puts the saved state back.

# %% [markdown] course={"kind": "hint"}
# Putting "absent" back means `environ.pop(name, None)`, not `environ[name] = ""`. And test a value
# with `value is None`, not `if not value`: `""` is a real value.

# %% course={"kind": "solution"}
import os
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager


@contextmanager
def temp_env(changes: Mapping[str, str | None], environ: MutableMapping[str, str] = os.environ) -> Iterator[None]:
    ### BEGIN SOLUTION
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name}: expected a str or None, got {type(value).__name__}")
    saved = {name: environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                environ.pop(name, None)
            else:
                environ[name] = old
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
env = {"HOME": "/root", "DEBUG": "1"}
with temp_env({"DEPLOY_ENV": "staging", "DEBUG": None}, environ=env) as value:
    assert value is None, "the manager yields nothing"
    assert env == {"HOME": "/root", "DEPLOY_ENV": "staging"}, f"inside: one set, one unset: {env}"
assert env == {"HOME": "/root", "DEBUG": "1"}, f"after: exactly as before, DEPLOY_ENV absent again: {env}"
### BEGIN HIDDEN TESTS
env = {"A": "old"}
with temp_env({"A": "new", "B": "", "C": None}, environ=env):
    assert env == {"A": "new", "B": ""}, "an empty string is a value, not an unset"
assert env == {"A": "old"}
with temp_env({}, environ=env):
    assert env == {"A": "old"}
changes = {"A": "new", "B": None}
with temp_env(changes, environ=env):
    pass
assert changes == {"A": "new", "B": None}, "changes itself is left as it was"
with temp_env({"A": ""}, environ=env):
    assert env == {"A": ""}
assert env == {"A": "old"}
env = {"A": ""}
with temp_env({"A": "x"}, environ=env):
    pass
assert env == {"A": ""}, "an old empty value comes back as an empty value, not as absent"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
env = {"REGION": "eu-west-1"}
boom = LookupError("step failed")
try:
    with temp_env({"REGION": "us-east-1", "TOKEN": "s3cr3t"}, environ=env):
        raise boom
except LookupError as err:
    assert err is boom, "the exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
assert env == {"REGION": "eu-west-1"}, f"restored after an error, the token is gone: {env}"
### BEGIN HIDDEN TESTS
try:
    with temp_env({"REGION": None}, environ=env):
        raise KeyboardInterrupt
except KeyboardInterrupt:
    assert env == {"REGION": "eu-west-1"}
env = {"X": "1"}
with temp_env({"X": "2"}, environ=env):
    with temp_env({"X": "3", "Y": "y"}, environ=env):
        assert env == {"X": "3", "Y": "y"}
    assert env == {"X": "2"}, "nested: the inner one restores the outer one's values"
    env["OTHER"] = "set in the block"
assert env == {"X": "1", "OTHER": "set in the block"}, "names not in changes are left alone"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
env = {"PORT": "8080"}
for bad in ({"PORT": 9090}, {"OK": "yes", "PORT": 9090}, {"FLAG": True}):
    try:
        with temp_env(bad, environ=env):
            raise AssertionError("the block must not run")
    except TypeError:
        pass
    else:
        raise AssertionError(f"{bad} must raise TypeError")
    assert env == {"PORT": "8080"}, f"nothing changes when a value is bad: {env}"

# %% course={"kind": "test", "points": 1}
import os
name = "COURSE_9_3_TEMP_ENV"
os.environ.pop(name, None)
with temp_env({name: "blue-green"}):
    assert os.environ[name] == "blue-green" and os.getenv(name) == "blue-green", "by default it changes os.environ"
assert name not in os.environ, "and puts os.environ back"

# %% course={"kind": "wrong", "id": "empty-for-absent", "fails": ["t1", "t2", "t4"]}
import os
from contextlib import contextmanager


@contextmanager
def temp_env(changes, environ=os.environ):
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(name)
    saved = {name: environ.get(name, "") for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value
        yield
    finally:
        environ.update(saved)  # a variable that did not exist comes back as ""

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t2"]}
import os
from contextlib import contextmanager


@contextmanager
def temp_env(changes, environ=os.environ):
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(name)
    saved = {name: environ.get(name) for name in changes}
    for name, value in changes.items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    yield  # an exception in the block skips the restore
    for name, old in saved.items():
        if old is None:
            environ.pop(name, None)
        else:
            environ[name] = old

# %% course={"kind": "wrong", "id": "truthy-values", "fails": ["t1"]}
import os
from contextlib import contextmanager


@contextmanager
def temp_env(changes, environ=os.environ):
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(name)
    saved = {name: environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value:
                environ[name] = value
            else:
                environ.pop(name, None)  # "" unsets the variable
        yield
    finally:
        for name, old in saved.items():
            if old:
                environ[name] = old
            else:
                environ.pop(name, None)

# %% course={"kind": "wrong", "id": "check-while-setting", "fails": ["t3"]}
import os
from contextlib import contextmanager


@contextmanager
def temp_env(changes, environ=os.environ):
    saved = {name: environ.get(name) for name in changes}
    for name, value in changes.items():
        if value is None:
            environ.pop(name, None)
        elif isinstance(value, str):
            environ[name] = value
        else:
            raise TypeError(name)  # OK was already set: the bad call leaves it behind
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                environ.pop(name, None)
            else:
                environ[name] = old

# %% [markdown] course={"kind": "exercise", "id": "api-session", "item": "x-create-an-async-context-manager-for-api"}
# ### An async API session
#
# Finish the async context manager `ApiSession(transport)`. The tests give it a `FakeTransport` (from
# `course.runtime.transport`, imported in the setup cell): an in-memory stand-in for a connection with
# the coroutines `connect()`, `request(method, path)` and `close()`, which lists in `transport.events`
# what was done to it. It sends no bytes; a real client (an `aiohttp.ClientSession`) is opened and
# closed the same way.
#
# - `__aenter__` awaits `transport.connect()`, sets `self.open = True` and returns the session;
# - `__aexit__` sets `self.open = False`, awaits `transport.close()` **however** the block ended
#   (normally, an exception, the task being cancelled), and lets every exception through;
# - if `connect()` fails, the error propagates and nothing is closed (there is nothing to close).
#
# `get(path)` is given.
#
# ```python
# async def main():
#     async with ApiSession(FakeTransport()) as api:
#         return await api.get("/health")         # '200 /health'
# aio.run(main())            # asyncio.run(main()) in a script; transport events: connect, GET /health, close
# ```

# %% [markdown] course={"kind": "hint"}
# Both methods are `async def`, and every transport call needs `await`: a coroutine that is called but
# not awaited never runs (Python only warns "coroutine ... was never awaited").

# %% [markdown] course={"kind": "hint"}
# `__aexit__` receives `(exc_type, exc, tb)` like `__exit__`; close unconditionally and return nothing
# (`None` is a false value: the exception goes on).
# When `__aenter__` raises, Python never calls `__aexit__`, so the failed connect needs no code.

# %% course={"kind": "solution"}
from types import TracebackType


class ApiSession:
    """A session on an API: connected for the duration of an `async with` block."""

    def __init__(self, transport: FakeTransport) -> None:
        self.transport = transport
        self.open = False

    async def get(self, path: str) -> str:
        if not self.open:
            raise RuntimeError("the session is not open")
        return await self.transport.request("GET", path)

    async def __aenter__(self) -> "ApiSession":
        ### BEGIN SOLUTION
        await self.transport.connect()
        self.open = True
        return self
        ### END SOLUTION

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        ### BEGIN SOLUTION
        self.open = False
        await self.transport.close()
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import asyncio


async def use_api(transport):
    async with ApiSession(transport) as api:
        assert isinstance(api, ApiSession) and api.open is True, "__aenter__ returns the open session"
        body = await api.get("/health")
    return api, body


transport = FakeTransport()
api, body = aio.run(use_api(transport))
assert body == "200 /health", f"get() works inside the block: {body!r}"
assert transport.events == ["connect", "GET /health", "close"], f"connect, use, close: {transport.events}"
assert api.open is False, "the session is marked closed afterwards"
### BEGIN HIDDEN TESTS
async def twice(transport):
    session = ApiSession(transport)
    async with session as first:
        await first.get("/a")
    async with session as second:
        await second.get("/b")
    return first is second is session
transport = FakeTransport()
assert aio.run(twice(transport)) is True
assert transport.events == ["connect", "GET /a", "close", "connect", "GET /b", "close"], "the session can be reused"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import asyncio


async def failing(transport, error):
    async with ApiSession(transport) as api:
        await api.get("/deploy")
        raise error


transport = FakeTransport()
boom = ValueError("bad payload")
try:
    aio.run(failing(transport, boom))
except ValueError as err:
    assert err is boom, "the same exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
assert transport.events == ["connect", "GET /deploy", "close"], f"closed after an error too: {transport.events}"
### BEGIN HIDDEN TESTS
transport = FakeTransport(fail_connect=True)
session = ApiSession(transport)
async def connect_only(session):
    async with session:
        raise AssertionError("the block must not run when connect fails")
try:
    aio.run(connect_only(session))
except ConnectionRefusedError:
    assert transport.events == [] and session.open is False, "nothing opened, nothing closed"
else:
    raise AssertionError("a failed connect must raise")
transport = FakeTransport()
try:
    aio.run(failing(transport, KeyboardInterrupt()))
except KeyboardInterrupt:
    assert transport.events == ["connect", "GET /deploy", "close"], "closed after Ctrl-C too"
else:
    raise AssertionError("KeyboardInterrupt was swallowed")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import asyncio


async def cancel_while_inside(transport):
    inside = asyncio.Event()

    async def long_poll():
        async with ApiSession(transport):
            inside.set()
            await asyncio.Event().wait()  # waits until cancelled

    task = asyncio.create_task(long_poll())
    entered = asyncio.create_task(inside.wait())
    await asyncio.wait([entered, task], return_when=asyncio.FIRST_COMPLETED)
    entered.cancel()
    task.cancel()  # does nothing if the task already ended (then `await task` shows how)
    try:
        await task
    except asyncio.CancelledError:
        return "cancelled"
    return "finished"


transport = FakeTransport()
assert aio.run(cancel_while_inside(transport)) == "cancelled", "the cancellation must reach the task"
assert transport.events == ["connect", "close"], f"a cancelled task still closes its session: {transport.events}"

# %% course={"kind": "wrong", "id": "close-not-awaited", "fails": ["t1", "t2", "t3"]}
import warnings


class ApiSession:
    def __init__(self, transport):
        self.transport, self.open = transport, False

    async def get(self, path):
        if not self.open:
            raise RuntimeError("the session is not open")
        return await self.transport.request("GET", path)

    async def __aenter__(self):
        await self.transport.connect()
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.open = False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.transport.close()  # no await: the coroutine object is made and thrown away
        return False

# %% course={"kind": "wrong", "id": "close-on-success", "fails": ["t2", "t3"]}
class ApiSession:
    def __init__(self, transport):
        self.transport, self.open = transport, False

    async def get(self, path):
        if not self.open:
            raise RuntimeError("the session is not open")
        return await self.transport.request("GET", path)

    async def __aenter__(self):
        await self.transport.connect()
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:  # a failed or cancelled block keeps its connection
            self.open = False
            await self.transport.close()
        return False

# %% course={"kind": "wrong", "id": "swallows-cancel", "fails": ["t2", "t3"]}
class ApiSession:
    def __init__(self, transport):
        self.transport, self.open = transport, False

    async def get(self, path):
        if not self.open:
            raise RuntimeError("the session is not open")
        return await self.transport.request("GET", path)

    async def __aenter__(self):
        await self.transport.connect()
        self.open = True
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.open = False
        await self.transport.close()
        return True  # "handled": errors and even cancellation disappear

# %% [markdown] course={"kind": "exercise", "id": "pool", "item": "project-9-3-1"}
# ### Project 9.3.1: a resource pool
#
# Opening a database or GPU session is slow, and the server allows only so many. A pool keeps a few
# and lends them out. Finish `Pool.acquire(timeout=None)`, a `@contextmanager` method (the rest of the
# class is given; use its attributes):
#
# - it yields a resource: the **most recently returned** idle one (`self.idle.pop()`: warm ones
#   first); if none is idle and fewer than `size` exist (`self.live < self.size`), a new one from
#   `self.factory()` (then `self.live += 1`); otherwise it **waits** on `self._cond` until one is
#   free, at most `timeout` seconds (`None`: no limit), and raises `PoolTimeout` if none came;
# - when the block ends normally, the resource goes back to `self.idle` and one waiter is woken;
# - when the block raises, the resource is treated as broken: `self.close(resource)` is called, it
#   is **not** put back, its slot is freed (`self.live -= 1`, a waiter is woken) and the exception
#   propagates;
# - if `factory()` raises, that error propagates and no slot is used.
#
# Every read and change of `idle` and `live` happens while holding `self._cond`. (The tests swap
# `pool._cond` for a `threading.Condition` that also reports who waits and who is woken, so wait
# and notify on that attribute, not on a lock of your own.)
#
# ```python
# pool = Pool(factory=lambda: object(), size=2, close=lambda r: None)
# with pool.acquire(timeout=5) as conn:
#     ...                                    # conn goes back to pool.idle afterwards
# ```

# %% [markdown] course={"kind": "hint"}
# `with self._cond:` then `self._cond.wait_for(predicate, timeout)`: it returns the predicate's last
# value, so a false result means the time ran out. The predicate: `self.idle or self.live < self.size`.

# %% [markdown] course={"kind": "hint"}
# Yield **outside** the `with self._cond:` block, or no other thread could ever get in while the
# resource is used. After the yield, take the lock again to put it back (or to free the slot in an
# `except BaseException:` that closes, frees, `self._cond.notify()`s and re-raises).

# %% course={"kind": "solution"}
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class PoolTimeout(Exception):
    """No resource became free in time."""


class Pool:
    """Lends out at most `size` resources made by `factory`; broken ones are closed with `close`."""

    def __init__(self, factory: Callable[[], Any], size: int, close: Callable[[Any], None]) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.factory, self.size, self.close = factory, size, close
        self.idle: list[Any] = []  # resources waiting to be lent, most recently returned last
        self.live = 0  # resources created and not closed: idle ones plus lent ones
        self._cond = threading.Condition()  # guards idle and live; wait on it for a free resource

    @contextmanager
    def acquire(self, timeout: float | None = None) -> Iterator[Any]:
        ### BEGIN SOLUTION
        with self._cond:
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(f"no resource free within {timeout} s")
            if self.idle:
                resource = self.idle.pop()
            else:
                resource = self.factory()
                self.live += 1
        try:
            yield resource
        except BaseException:
            try:
                self.close(resource)
            finally:
                with self._cond:
                    self.live -= 1
                    self._cond.notify()
            raise
        with self._cond:
            self.idle.append(resource)
            self._cond.notify()
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def numbered(prefix="conn"):
    made = []
    def factory():
        made.append(f"{prefix}-{len(made) + 1}")
        return made[-1]
    return factory, made


factory, made = numbered()
closed = []
pool = Pool(factory, size=2, close=closed.append)
with pool.acquire(timeout=0) as first:  # a free slot: no waiting at all
    assert first == "conn-1" and pool.live == 1 and pool.idle == [], f"a new resource is made: {first!r}"
with pool.acquire() as again:
    assert again == "conn-1", "a returned resource is lent again instead of making a new one"
assert made == ["conn-1"] and pool.idle == ["conn-1"] and pool.live == 1, f"one resource made: {made}"
### BEGIN HIDDEN TESTS
with pool.acquire() as a:
    with pool.acquire() as b:
        assert (a, b) == ("conn-1", "conn-2") and pool.live == 2 and pool.idle == []
    assert pool.idle == ["conn-2"]
assert pool.idle == ["conn-2", "conn-1"] and closed == []
with pool.acquire() as warm:
    assert warm == "conn-1", "the most recently returned resource is lent first"
falsy = Pool(lambda: 0, size=1, close=closed.append)
with falsy.acquire() as zero:
    assert zero == 0
with falsy.acquire() as zero:
    assert zero == 0 and falsy.live == 1, "an idle resource that is falsy is still reused"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
factory, made = numbered()
closed = []
pool = Pool(factory, size=1, close=closed.append)
boom = ConnectionResetError("connection reset")
try:
    with pool.acquire() as broken:
        raise boom
except ConnectionResetError as err:
    assert err is boom, "the exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
assert closed == ["conn-1"] and pool.idle == [] and pool.live == 0, f"a broken resource is closed, not returned: {closed}, {pool.idle}"
with pool.acquire(timeout=0) as fresh:
    assert fresh == "conn-2", "its slot is free again: a new resource is made"
### BEGIN HIDDEN TESTS
try:
    with pool.acquire() as r:
        raise KeyboardInterrupt
except KeyboardInterrupt:
    assert closed == ["conn-1", "conn-2"] and pool.live == 0
def failing_factory():
    raise ConnectionRefusedError("db:5432")
bad = Pool(failing_factory, size=1, close=closed.append)
for _ in range(2):
    try:
        with bad.acquire(timeout=0):
            raise AssertionError("the block must not run")
    except ConnectionRefusedError:
        assert bad.live == 0 and bad.idle == [], "a failed factory uses no slot"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
factory, made = numbered()
pool = Pool(factory, size=1, close=lambda r: None)
with pool.acquire() as held:
    for timeout in (0, 0.01):
        try:
            with pool.acquire(timeout=timeout):
                raise AssertionError("only one resource may be lent out")
        except PoolTimeout:
            pass
        else:
            raise AssertionError(f"acquire(timeout={timeout}) must raise PoolTimeout while the pool is exhausted")
assert made == ["conn-1"] and pool.live == 1, f"no resource beyond size was made: {made}"
with pool.acquire(timeout=0) as again:
    assert again == "conn-1", "after the release it is available at once"
### BEGIN HIDDEN TESTS
try:
    Pool(factory, size=0, close=lambda r: None)
except ValueError:
    pass
else:
    raise AssertionError("size 0 is refused")
pool3 = Pool(numbered("gpu")[0], size=3, close=lambda r: None)
with pool3.acquire(timeout=0) as g1, pool3.acquire(timeout=0) as g2, pool3.acquire(timeout=0) as g3:
    assert (g1, g2, g3) == ("gpu-1", "gpu-2", "gpu-3")
    try:
        with pool3.acquire(timeout=0):
            pass
    except PoolTimeout:
        pass
    else:
        raise AssertionError("the fourth must wait")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def borrow(pool, results):
    with pool.acquire(timeout=60) as resource:  # 60 s is only a backstop: no verdict waits for it
        results.append(resource)


factory, made = numbered()
pool = Pool(factory, size=1, close=lambda r: None)
results = []
with watched_condition() as cond:  # a threading.Condition that also tells the test who waits and who is woken
    pool._cond = cond
    with pool.acquire() as held:
        assert not cond.held(), "while a resource is lent, the lock must be free: yield outside `with self._cond:`"
        cond.spawn(borrow, pool, results)  # a second caller, in another thread
        cond.settle(lambda: cond.waiting or cond.finished)  # until it waits on self._cond (or, wrongly, does not)
        assert results == [] and cond.waiting == 1, f"the second caller must wait while the only resource is lent: {results}"
        notifies, waits = cond.notifies, cond.waits
    assert cond.notifies > notifies, "returning the resource must wake a waiter: self._cond.notify()"
    cond.settle(lambda: cond.finished or cond.waits > waits)  # until it got one, or went back to waiting
    assert results == ["conn-1"], f"the woken waiter gets the returned resource: {results}"
### BEGIN HIDDEN TESTS
results = []
with watched_condition() as cond:
    pool._cond = cond
    try:
        with pool.acquire() as held:
            cond.spawn(borrow, pool, results)
            cond.settle(lambda: cond.waiting or cond.finished)
            assert results == [] and cond.waiting == 1, results
            notifies, waits = cond.notifies, cond.waits
            raise ValueError("broken")
    except ValueError:
        pass
    assert cond.notifies > notifies, "a broken resource frees its slot and must wake a waiter too"
    cond.settle(lambda: cond.finished or cond.waits > waits)
    assert results == ["conn-2"], f"the woken waiter gets a new resource in the freed slot: {results}"
    assert cond.errors == [] and pool.live == 1 and pool.idle == ["conn-2"], (cond.errors, pool.live, pool.idle)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-limit", "fails": ["t3", "t4"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:
            if self.idle:
                resource = self.idle.pop()
            else:  # never waits: makes as many as are asked for
                resource = self.factory()
                self.live += 1
        try:
            yield resource
        except BaseException:
            self.close(resource)
            with self._cond:
                self.live -= 1
            raise
        with self._cond:
            self.idle.append(resource)
            self._cond.notify()

# %% course={"kind": "wrong", "id": "returns-broken", "fails": ["t2", "t4"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(timeout)
            if self.idle:
                resource = self.idle.pop()
            else:
                resource = self.factory()
                self.live += 1
        try:
            yield resource
        finally:  # a broken connection goes back into the pool for the next caller
            with self._cond:
                self.idle.append(resource)
                self._cond.notify()

# %% course={"kind": "wrong", "id": "slot-leaks", "fails": ["t2", "t4"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(timeout)
            if self.idle:
                resource = self.idle.pop()
            else:
                resource = self.factory()
                self.live += 1
        try:
            yield resource
        except BaseException:
            self.close(resource)  # closed, but live still counts it: the pool shrinks for good
            raise
        with self._cond:
            self.idle.append(resource)
            self._cond.notify()

# %% course={"kind": "wrong", "id": "count-before-factory", "fails": ["t2"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(timeout)
            if self.idle:
                resource = self.idle.pop()
            else:
                self.live += 1  # counted before it exists: a failing factory leaks the slot
                resource = self.factory()
        try:
            yield resource
        except BaseException:
            try:
                self.close(resource)
            finally:
                with self._cond:
                    self.live -= 1
                    self._cond.notify()
            raise
        with self._cond:
            self.idle.append(resource)
            self._cond.notify()

# %% course={"kind": "wrong", "id": "no-notify", "fails": ["t4"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(timeout)
            if self.idle:
                resource = self.idle.pop()
            else:
                resource = self.factory()
                self.live += 1
        try:
            yield resource
        except BaseException:
            try:
                self.close(resource)
            finally:
                with self._cond:
                    self.live -= 1
            raise
        with self._cond:
            self.idle.append(resource)  # back in the pool, but a waiting caller sleeps on until its timeout

# %% course={"kind": "wrong", "id": "yield-under-lock", "fails": ["t4"]}
import threading
from contextlib import contextmanager


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, factory, size, close):
        if size < 1:
            raise ValueError(size)
        self.factory, self.size, self.close = factory, size, close
        self.idle, self.live, self._cond = [], 0, threading.Condition()

    @contextmanager
    def acquire(self, timeout=None):
        with self._cond:  # the lock is held for the whole block: every other caller is stuck at the door
            if not self._cond.wait_for(lambda: self.idle or self.live < self.size, timeout):
                raise PoolTimeout(timeout)
            if self.idle:
                resource = self.idle.pop()
            else:
                resource = self.factory()
                self.live += 1
            try:
                yield resource
            except BaseException:
                self.close(resource)
                self.live -= 1
                self._cond.notify()
                raise
            self.idle.append(resource)
            self._cond.notify()

# %% [markdown] course={"kind": "exercise", "id": "transactions", "item": "project-9-3-2"}
# ### Project 9.3.2: a transaction manager with savepoints
#
# A config store keeps its settings in a dict, `store.data`. Finish `Store.transaction()`, a
# `@contextmanager` method that makes a block all-or-nothing and logs what it does in `store.log`:
#
# - entering: remember a copy of `self.data` as it is now (push it on `self._snapshots`) and log
#   `"BEGIN"`, or, when another transaction of this store is already open, `"SAVEPOINT sp<n>"` where
#   `n` is how many are open (1 for the first nested level, 2 for the next...);
# - it yields `self.data` itself (the same dict), which the block changes in place;
# - normal end: log `"COMMIT"` (outermost) or `"RELEASE sp<n>"` (nested);
# - the block raises: put `self.data` back **in place** (the same dict object: others hold references
#   to it) to what it was when *this* transaction began, log `"ROLLBACK"` or `"ROLLBACK TO sp<n>"`,
#   and let the exception propagate;
# - either way, pop this transaction's snapshot.
#
# ```python
# store = Store({"replicas": 2})
# with store.transaction() as data:
#     data["replicas"] = 3
#     try:
#         with store.transaction() as inner:
#             inner["image"] = "api:bad"
#             raise ValueError("image not found")
#     except ValueError:
#         pass
# store.data, store.log   # {'replicas': 3}, ['BEGIN', 'SAVEPOINT sp1', 'ROLLBACK TO sp1', 'COMMIT']
# ```

# %% [markdown] course={"kind": "hint"}
# `depth = len(self._snapshots)` before pushing tells you whether this is the outermost transaction
# (0) and the savepoint's number. `dict(self.data)` is a copy; the values here are strings and
# numbers, so a shallow copy is enough.

# %% [markdown] course={"kind": "hint"}
# Restore in place with `self.data.clear()` then `self.data.update(snapshot)`; `self.data = snapshot`
# would leave everyone else holding the changed dict. `try`/`except BaseException`/`else`/`finally`
# around the `yield` gives you each branch.

# %% course={"kind": "solution"}
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Store:
    """A dict of settings with nested, logged transactions."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = {} if data is None else data
        self.log: list[str] = []
        self._snapshots: list[dict[str, Any]] = []  # one per open transaction, outermost first

    @contextmanager
    def transaction(self) -> Iterator[dict[str, Any]]:
        ### BEGIN SOLUTION
        depth = len(self._snapshots)
        self._snapshots.append(dict(self.data))
        self.log.append("BEGIN" if depth == 0 else f"SAVEPOINT sp{depth}")
        try:
            yield self.data
        except BaseException:
            self.data.clear()
            self.data.update(self._snapshots[-1])
            self.log.append("ROLLBACK" if depth == 0 else f"ROLLBACK TO sp{depth}")
            raise
        else:
            self.log.append("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        finally:
            self._snapshots.pop()
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
store = Store({"replicas": 2})
with store.transaction() as data:
    assert data is store.data, "the block gets store.data itself"
    data["replicas"] = 3
    data["image"] = "api:1.4"
assert store.data == {"replicas": 3, "image": "api:1.4"} and store.log == ["BEGIN", "COMMIT"], f"{store.data}, {store.log}"
### BEGIN HIDDEN TESTS
empty = Store()
with empty.transaction() as data:
    data[""] = 0
assert empty.data == {"": 0} and empty.log == ["BEGIN", "COMMIT"]
with empty.transaction():
    pass
assert empty.log == ["BEGIN", "COMMIT", "BEGIN", "COMMIT"], "sequential transactions are each outermost"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
settings = {"replicas": 2, "region": "eu", "debug": False}
store = Store(settings)
held = store.data
boom = KeyError("missing secret")
try:
    with store.transaction() as data:
        data["replicas"] = 0
        del data["region"]
        data["token"] = "s3cr3t"
        raise boom
except KeyError as err:
    assert err is boom, "the exception reaches the caller"
else:
    raise AssertionError("the exception was swallowed")
assert store.data is held and held == {"replicas": 2, "region": "eu", "debug": False}, f"restored in place: {held}"
assert store.log == ["BEGIN", "ROLLBACK"], f"log: {store.log}"
### BEGIN HIDDEN TESTS
try:
    with store.transaction() as data:
        data["replicas"] = 9
        raise KeyboardInterrupt
except KeyboardInterrupt:
    assert held["replicas"] == 2 and store.log[-2:] == ["BEGIN", "ROLLBACK"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
store = Store({"replicas": 2})
with store.transaction() as data:
    data["replicas"] = 3
    try:
        with store.transaction() as inner:
            inner["image"] = "api:bad"
            raise ValueError("image not found")
    except ValueError:
        pass
    assert data == {"replicas": 3}, f"the savepoint undoes only the inner block: {data}"
assert store.data == {"replicas": 3}, f"the outer transaction commits its own change: {store.data}"
assert store.log == ["BEGIN", "SAVEPOINT sp1", "ROLLBACK TO sp1", "COMMIT"], f"log: {store.log}"
### BEGIN HIDDEN TESTS
store = Store({"n": 0})
with store.transaction() as d:
    d["n"] = 1
    with store.transaction() as d2:
        d2["n"] = 2
        with store.transaction() as d3:
            d3["n"] = 3
        try:
            with store.transaction() as d3:
                d3["n"] = 30
                raise RuntimeError
        except RuntimeError:
            assert d3 == {"n": 3}, "back to the state when this savepoint began"
    with store.transaction():
        pass
assert store.data == {"n": 3}
assert store.log == ["BEGIN", "SAVEPOINT sp1", "SAVEPOINT sp2", "RELEASE sp2", "SAVEPOINT sp2", "ROLLBACK TO sp2",
                     "RELEASE sp1", "SAVEPOINT sp1", "RELEASE sp1", "COMMIT"], store.log
store = Store({"n": 0})
try:
    with store.transaction() as d:
        with store.transaction() as d2:
            d2["n"] = 5
        raise OSError("disk full")
except OSError:
    pass
assert store.data == {"n": 0}, "a released savepoint is still undone when the outer transaction rolls back"
assert store.log == ["BEGIN", "SAVEPOINT sp1", "RELEASE sp1", "ROLLBACK"]
with store.transaction():
    pass
assert store.log[-2:] == ["BEGIN", "COMMIT"], "after a rollback the next transaction is outermost again"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rebinds-data", "fails": ["t2", "t3"]}
from contextlib import contextmanager


class Store:
    def __init__(self, data=None):
        self.data = {} if data is None else data
        self.log, self._snapshots = [], []

    @contextmanager
    def transaction(self):
        depth = len(self._snapshots)
        self._snapshots.append(dict(self.data))
        self.log.append("BEGIN" if depth == 0 else f"SAVEPOINT sp{depth}")
        try:
            yield self.data
        except BaseException:
            self.data = self._snapshots[-1]  # a new dict: everyone holding the old one sees the half-done change
            self.log.append("ROLLBACK" if depth == 0 else f"ROLLBACK TO sp{depth}")
            raise
        else:
            self.log.append("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        finally:
            self._snapshots.pop()

# %% course={"kind": "wrong", "id": "rollback-everything", "fails": ["t3"]}
from contextlib import contextmanager


class Store:
    def __init__(self, data=None):
        self.data = {} if data is None else data
        self.log, self._snapshots = [], []

    @contextmanager
    def transaction(self):
        depth = len(self._snapshots)
        self._snapshots.append(dict(self.data))
        self.log.append("BEGIN" if depth == 0 else f"SAVEPOINT sp{depth}")
        try:
            yield self.data
        except BaseException:
            self.data.clear()
            self.data.update(self._snapshots[0])  # the outermost snapshot: undoes the outer block's work too
            self.log.append("ROLLBACK" if depth == 0 else f"ROLLBACK TO sp{depth}")
            raise
        else:
            self.log.append("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        finally:
            self._snapshots.pop()

# %% course={"kind": "wrong", "id": "pop-on-success-only", "fails": ["t2", "t3"]}
from contextlib import contextmanager


class Store:
    def __init__(self, data=None):
        self.data = {} if data is None else data
        self.log, self._snapshots = [], []

    @contextmanager
    def transaction(self):
        depth = len(self._snapshots)
        self._snapshots.append(dict(self.data))
        self.log.append("BEGIN" if depth == 0 else f"SAVEPOINT sp{depth}")
        try:
            yield self.data
        except BaseException:
            self.data.clear()
            self.data.update(self._snapshots[-1])
            self.log.append("ROLLBACK" if depth == 0 else f"ROLLBACK TO sp{depth}")
            raise  # the snapshot stays on the stack: later transactions think they are nested
        self.log.append("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        self._snapshots.pop()

# %% course={"kind": "wrong", "id": "flat-log", "fails": ["t3"]}
from contextlib import contextmanager


class Store:
    def __init__(self, data=None):
        self.data = {} if data is None else data
        self.log, self._snapshots = [], []

    @contextmanager
    def transaction(self):
        self._snapshots.append(dict(self.data))
        self.log.append("BEGIN")  # nested blocks look like new transactions in the log
        try:
            yield self.data
        except BaseException:
            self.data.clear()
            self.data.update(self._snapshots[-1])
            self.log.append("ROLLBACK")
            raise
        else:
            self.log.append("COMMIT")
        finally:
            self._snapshots.pop()

# %% [markdown] course={"kind": "exercise", "id": "run-captured"}
# ### Capture what a function prints
#
# A health-check runner calls plugins that `print()` their findings to stdout and their warnings to
# stderr. Write `run_captured(func, *args, **kwargs)` that calls `func(*args, **kwargs)` and returns
# a tuple `(result, out, err)`: the function's return value and, as two strings, everything it wrote
# to `sys.stdout` and to `sys.stderr` during the call. Use `contextlib.redirect_stdout` and
# `redirect_stderr`: when `func` raises, its exception propagates unchanged and `sys.stdout` and
# `sys.stderr` are the same objects as before the call (also when `run_captured` is used inside
# another `run_captured`).
#
# ```python
# def check_disk(mount):
#     print(f"{mount}: 71% used")
#     print("inode usage unknown", file=sys.stderr)
#     return 0
# run_captured(check_disk, "/var")   # (0, '/var: 71% used\n', 'inode usage unknown\n')
# ```

# %% [markdown] course={"kind": "hint"}
# Two `io.StringIO()` buffers, and one `with` statement holding both redirects; read the buffers with
# `getvalue()` after the call.

# %% [markdown] course={"kind": "hint"}
# Setting `sys.stdout = buffer` by hand works until the function raises; the context managers put the
# old streams back on every way out.

# %% course={"kind": "solution"}
import contextlib
import io
import sys
from collections.abc import Callable
from typing import Any


def run_captured(func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, str, str]:
    ### BEGIN SOLUTION
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = func(*args, **kwargs)
    return result, out.getvalue(), err.getvalue()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import sys


def check_disk(mount, *, warn=True):
    print(f"{mount}: 71% used")
    if warn:
        print("inode usage unknown", file=sys.stderr)
    return 0


assert run_captured(check_disk, "/var") == (0, "/var: 71% used\n", "inode usage unknown\n"), "result, stdout, stderr"
### BEGIN HIDDEN TESTS
result = run_captured(check_disk, "/données", warn=False)
assert result == (0, "/données: 71% used\n", "") and type(result) is tuple, "keyword arguments are passed on; unicode kept"
assert run_captured(lambda: None) == (None, "", ""), "nothing printed: two empty strings"
assert run_captured(sorted, [3, 1, 2]) == ([1, 2, 3], "", "")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import sys
before = (sys.stdout, sys.stderr)


def crashes():
    print("starting")
    raise ConnectionError("plugin lost its socket")


try:
    run_captured(crashes)
except ConnectionError as err:
    assert str(err) == "plugin lost its socket", "the same exception propagates"
else:
    raise AssertionError("the exception was swallowed")
assert (sys.stdout, sys.stderr) == before, "stdout and stderr are put back after an exception"
### BEGIN HIDDEN TESTS
def outer():
    inner = run_captured(print, "inner line")
    print("outer line")
    return inner
assert run_captured(outer) == ((None, "inner line\n", ""), "outer line\n", ""), "nested captures keep their own text"
assert (sys.stdout, sys.stderr) == before
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "manual-swap", "fails": ["t2"]}
import io
import sys


def run_captured(func, *args, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    result = func(*args, **kwargs)  # if this raises, the streams stay redirected
    sys.stdout, sys.stderr = saved
    return result, out.getvalue(), err.getvalue()

# %% course={"kind": "wrong", "id": "one-buffer", "fails": ["t1", "t2"]}
import sys
import contextlib
import io


def run_captured(func, *args, **kwargs):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):  # warnings mixed in
        result = func(*args, **kwargs)
    return result, buffer.getvalue(), buffer.getvalue()

# %% course={"kind": "wrong", "id": "stdout-only", "fails": ["t1"]}
import sys
import contextlib
import io


def run_captured(func, *args, **kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = func(*args, **kwargs)
    return result, out.getvalue(), ""

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-context-manager-protocol"}
# Two methods, looked up on the object's type. `with m as x:` calls `m.__enter__()` and binds its
# return value to `x` (the manager itself, or something else: `open()` gives the file, a lock gives
# `True`). When the block ends, by falling off the end, `return`/`break`, or an exception,
# Python calls `m.__exit__(exc_type, exc, tb)`: three `None`s on a normal end, the exception's
# type, value and traceback otherwise. A true return value from `__exit__` swallows that exception;
# `None`/`False` lets it propagate. If `__enter__` itself raises, `__exit__` is not called. The
# async version is `__aenter__`/`__aexit__`, coroutines awaited by `async with`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-a-context-manager"}
# Either write a class with `__enter__` and `__exit__` (subclassing `contextlib.AbstractContextManager`
# gives a default `__enter__` returning `self`), or decorate a generator with
# `@contextlib.contextmanager`: code before the single `yield` is the setup, the yielded value is what
# `as` binds, and a `try`/`finally` around the `yield` is the cleanup (the block's exception is thrown in
# at the `yield`). I use the class when the manager keeps state, must be reusable or re-entrant, or
# decides which exceptions to swallow; the generator for short setup/teardown pairs. Async code uses
# `__aenter__`/`__aexit__` or `@asynccontextmanager`.

# %% [markdown] course={"kind": "answer", "question": "q-what-happens-if-an-exception-occurs-in-a"}
# The rest of the block is skipped and `__exit__` is called with the exception's type, value and
# traceback, so the cleanup runs (the file is closed, the lock released, the transaction rolled
# back). Then it depends on `__exit__`'s return value: false (the usual case) and the same exception
# continues to propagate to the caller; true and it is swallowed, and execution goes on after the
# `with` statement. With several managers, each one's `__exit__` runs in reverse order and sees the
# exception unless an inner one swallowed it. If `__exit__` raises itself, that new exception
# replaces the original one (which is kept in its `__context__`).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-exitstack-used-for"}
# For a number of context managers that is only known at run time: open every file in a list,
# connect to every host in an inventory. `stack.enter_context(cm)` enters one and remembers it;
# when the stack's `with` ends, everything is exited in reverse order, and if one exit fails the
# others still run. `stack.callback(fn, *args)` registers plain cleanup functions. And `pop_all()`
# moves what was entered to a new stack, which gives "all or nothing" set-up: if the third
# connection fails, the first two are closed; if all succeed, an object keeps the new stack and
# closes it in its own `close()`. `AsyncExitStack` does the same for async managers.
