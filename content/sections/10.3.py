# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write coroutines and run them from a script or a notebook, run many
# of them at once with tasks, task groups and semaphores, cancel them and put time limits on them cleanly, and
# build async producer/consumer pipelines and an HTTP fetcher with retries against a real local web server.

# %% course={"kind": "setup", "id": "aio-helpers"}
# Helpers the demos and tests use (course/runtime/aio.py and aiotest.py; read their docstrings).
# `run(coro)` runs a coroutine to the end and returns its result: in a script that is `asyncio.run(coro)`;
# in Jupyter, where a loop already runs and `asyncio.run` raises, a fresh loop in a worker thread.
# `serve(app)` starts a real HTTP server (uvicorn) on 127.0.0.1 with a free port for one `with` block.
# The tests never sleep to wait for something: `settle()` gives the event loop a fixed number of passes,
# `within(aw)` fails an answer that is still waiting after many passes, `ManualClock` is a clock that moves
# only when the test advances it, `FakeSession` holds requests at a gate, `Site` is the test web site.
import asyncio
import concurrent.futures
import gc
import sys
import warnings
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiohttp

from course.runtime.aio import run, serve
from course.runtime.aiotest import FakeResponse, FakeSession, ManualClock, Site, settle, within


# %% [markdown] course={"kind": "lesson", "id": "basics", "covers": ["c-async-await-basics", "c-coroutines-with-async-def", "c-await-expression", "c-coroutine-vs-regular-function"]}
# ### Coroutines, `async def` and `await`
#
# A function written with `async def` is a *coroutine function*. Calling it runs **none** of its body: it
# returns a coroutine object, a paused computation. The body runs only when something drives it, normally
# an `await` inside another coroutine or an event loop. `await x` means "pause me here until `x` has a
# result, and let other work run meanwhile"; it is allowed only inside `async def` (and at the top level of
# a notebook cell). A DevOps tool uses this to keep hundreds of HTTP calls or SSH sessions in flight from one
# thread. The mistake people make: calling `check_health(url)` without `await` and believing it ran.

# %% course={"kind": "demo"}
import inspect


async def check_health(name: str) -> str:
    print(f"  checking {name}")
    await asyncio.sleep(0)  # a point where the loop may run something else
    return f"{name}: up"


def check_health_sync(name: str) -> str:
    return f"{name}: up"


pending = check_health("db")  # nothing printed: the body has not started
print(type(pending).__name__, inspect.iscoroutine(pending), inspect.iscoroutinefunction(check_health))
print(check_health_sync("db"), "| plain function: ran at once")
print(run(pending), "| the coroutine, once driven by an event loop")

# %% [markdown] course={"kind": "lesson", "id": "event-loop", "covers": ["c-event-loop", "c-what-is-an-event-loop", "c-asyncio-get-event-loop", "c-asyncio-run-47b7cd", "c-asyncio-new-event-loop"]}
# ### The event loop
#
# The event loop is a scheduler in one thread: it keeps a list of callbacks that are ready, runs them one
# after another, and between rounds asks the operating system which sockets are ready (with
# `select`/`epoll`, waiting at most until its next timer is due), which makes more callbacks ready. A coroutine runs until its next `await` of something
# that is not ready, then hands control back. So nothing runs *in parallel*, and one coroutine that computes
# for a second (or calls `time.sleep`) stalls every other one.
#
# `asyncio.run(main())` creates a fresh loop, runs `main()` to the end, cancels what is left and closes the
# loop: use it once, at the entry point of a program. `asyncio.new_event_loop()` makes a loop you manage
# yourself (tests, a loop in a thread). `asyncio.get_event_loop()` is old API: inside a coroutine use
# `asyncio.get_running_loop()`. Outside a running loop, with no loop set, `get_event_loop()` creates one on
# 3.11.7 silently but emits a `DeprecationWarning` on 3.12.1 and 3.13.0 (checked): do not rely on it in new code.

# %% course={"kind": "demo"}
order = []


async def step(name: str, times: int) -> None:
    for i in range(times):
        order.append(f"{name}{i}")
        await asyncio.sleep(0)  # yield: the loop runs the next ready task


async def two_steppers() -> None:
    loop = asyncio.get_running_loop()
    print("running on", type(loop).__name__)
    await asyncio.gather(step("a", 3), step("b", 3))


run(two_steppers())
print("interleaved in one thread:", order)

# %% [markdown] course={"kind": "lesson", "id": "running", "covers": ["c-running-coroutines", "c-asyncio-run-105ec1", "c-await-in-async-context", "c-loop-run-until-complete"]}
# ### Running coroutines: `asyncio.run`, `await`, `run_until_complete`
#
# There are three ways to drive a coroutine. From synchronous code, `asyncio.run(coro)` (the normal way) or,
# with a loop you made, `loop.run_until_complete(coro)` (then you must close the loop yourself). From inside
# a coroutine, simply `await coro`. What goes wrong: `asyncio.run()` inside a running loop raises
# `RuntimeError: asyncio.run() cannot be called from a running event loop`. That is exactly what happens in
# Jupyter, whose kernel already runs a loop: there you write `await coro` at the top of a cell. This course's
# `run()` helper hides the difference, so the same cell works in a notebook, under nbgrader and in a script.

# %% course={"kind": "demo"}
async def answer() -> int:
    await asyncio.sleep(0)
    return 42


def with_own_loop() -> int:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(answer())
    finally:
        loop.close()


# A loop we manage ourselves must run in a thread where no loop is running yet. In a script that may be
# the main thread; in Jupyter the main thread already runs the kernel's loop, so we use a worker thread.
with concurrent.futures.ThreadPoolExecutor(1) as pool:
    print("run_until_complete:", pool.submit(with_own_loop).result())


async def nested() -> str:
    inner = answer()
    try:
        asyncio.run(inner)  # a loop is running here already
    except RuntimeError as err:
        inner.close()  # the coroutine never ran: close it, or Python warns it was never awaited
        return f"RuntimeError: {err}"
    return "no error"


print(run(nested()))

# %% [markdown] course={"kind": "lesson", "id": "tasks", "covers": ["c-tasks", "c-asyncio-create-task", "c-task-cancellation", "c-task-groups-python-3-11", "c-taskgroup-context-manager"]}
# ### Tasks and task groups
#
# `await coro` runs one coroutine at a time. `asyncio.create_task(coro)` wraps it in a *Task* and schedules
# it at once, so several run concurrently; you later `await task` for its result. `task.cancel()` asks a task
# to stop: `CancelledError` is raised inside it at its next `await`.
#
# Since 3.11, `async with asyncio.TaskGroup() as tg:` is the safe way to start many tasks: the block waits
# for all of them, and when one fails it cancels the others and raises an `ExceptionGroup` with the
# failures. A bare `create_task` whose result nobody keeps can be garbage-collected mid-run (the loop holds
# only a weak reference), and its error is only logged, never raised: that is the mistake to avoid.
# Since 3.12, `loop.set_task_factory(asyncio.eager_task_factory)` runs a new task's first steps at once,
# inside `create_task` (checked: present on 3.12.1 and 3.13.0, absent on 3.11.7).

# %% course={"kind": "demo"}
async def deploy(host: str, fail: bool = False) -> str:
    await asyncio.sleep(0)
    if fail:
        raise ConnectionError(f"{host} unreachable")
    return f"{host} deployed"


async def roll_out() -> None:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(deploy(h)) for h in ("web1", "web2")]
    print([t.result() for t in tasks])
    stuck = asyncio.create_task(asyncio.Event().wait())  # would wait for ever
    await asyncio.sleep(0)
    stuck.cancel()
    try:
        await stuck
    except asyncio.CancelledError:
        print("cancelled:", stuck.cancelled())
    try:
        async with asyncio.TaskGroup() as tg:
            slow = tg.create_task(asyncio.Event().wait())
            tg.create_task(deploy("web3", fail=True))
    except* ConnectionError as group:
        print("group:", [str(e) for e in group.exceptions], "| sibling cancelled:", slow.cancelled())


run(roll_out())

# %% [markdown] course={"kind": "lesson", "id": "gather-wait", "covers": ["c-gathering-and-waiting", "c-asyncio-gather", "c-asyncio-wait", "c-asyncio-wait-for-timeout", "c-asyncio-as-completed", "c-asyncio-shield"]}
# ### Gathering and waiting
#
# - `await asyncio.gather(a, b, c)`: results **in argument order**, however they finish. On the first error
#   it raises it, but (unlike a TaskGroup) it does *not* cancel the others; `return_exceptions=True` puts
#   errors in the result list instead.
# - `done, pending = await asyncio.wait(tasks, return_when=FIRST_COMPLETED)`: two sets, nothing cancelled,
#   nothing raised; you decide what to do with `pending`.
# - `for fut in asyncio.as_completed(aws): r = await fut`: results in **completion** order.
# - `await asyncio.wait_for(aw, seconds)`: a result, or `TimeoutError` after cancelling `aw`.
# - `await asyncio.shield(task)`: cancelling the waiter does not cancel `task` (e.g. a database commit that
#   must finish even when the HTTP request that started it is abandoned).
#
# The usual mistake: expecting `gather` to stop the other calls when one fails.

# %% course={"kind": "demo"}
async def after(turns: int, value: str) -> str:
    for _ in range(turns):
        await asyncio.sleep(0)
    return value


async def compare() -> None:
    print("gather:      ", await asyncio.gather(after(3, "slow"), after(1, "fast")))
    print("as_completed:", [await f for f in asyncio.as_completed([after(3, "slow"), after(1, "fast")])])
    slow, fast = asyncio.create_task(after(50, "slow")), asyncio.create_task(after(1, "fast"))
    done, pending = await asyncio.wait({slow, fast}, return_when=asyncio.FIRST_COMPLETED)
    print("wait:         done", [t.result() for t in done], "| still pending:", len(pending))
    commit = asyncio.create_task(after(5, "committed"))
    try:
        await asyncio.wait_for(asyncio.shield(commit), timeout=0)
    except TimeoutError:
        print("wait_for timed out, but the shielded commit goes on:", await commit)
    await slow


run(compare())

# %% [markdown] course={"kind": "lesson", "id": "futures", "covers": ["c-futures", "c-asyncio-future", "c-low-level-primitive", "c-setting-results-and-exceptions"]}
# ### Futures
#
# An `asyncio.Future` is a box for a result that does not exist yet: someone calls `fut.set_result(v)` or
# `fut.set_exception(e)` once, and everyone who `await`s it wakes up with the value or the error. A Task is
# a Future whose result is set by running a coroutine. Application code rarely makes Futures; libraries use
# them to turn a callback ("the reply arrived") into something awaitable. Mistakes: setting a result twice
# raises `InvalidStateError`, and a Future belongs to one loop; from another thread use
# `loop.call_soon_threadsafe(fut.set_result, v)`.

# %% course={"kind": "demo"}
async def reply_later() -> None:
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "pong")  # a callback, as a network library would do
    print("awaited:", await fut, "| done:", fut.done())
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as err:
        print("second set_result:", type(err).__name__)
    bad = loop.create_future()
    bad.set_exception(TimeoutError("no reply"))
    try:
        await bad
    except TimeoutError as err:
        print("awaiting a failed future raises:", repr(err))


run(reply_later())

# %% [markdown] course={"kind": "lesson", "id": "sync", "covers": ["c-synchronization-primitives", "c-asyncio-lock", "c-asyncio-event", "c-asyncio-condition", "c-asyncio-semaphore", "c-asyncio-boundedsemaphore"]}
# ### Locks, events, conditions and semaphores
#
# Coroutines switch only at `await`, but a read-`await`-write sequence is still a race: use `asyncio.Lock`.
# `asyncio.Event` lets many tasks wait for one signal ("config loaded"); `asyncio.Condition` is a lock plus
# "wait until this predicate holds" (`await cond.wait_for(pred)`, and `cond.notify_all()` after a change).
# `asyncio.Semaphore(n)` lets at most `n` holders in at once: the standard way to cap concurrent requests to
# a server. `BoundedSemaphore` raises `ValueError` if released more often than acquired, which catches a
# bug a plain `Semaphore` hides by silently growing. These are not thread-safe: they work inside one loop.
# The common mistake: creating the semaphore *inside* the function each task runs, so every task gets its
# own and nothing is limited.

# %% course={"kind": "demo"}
async def limited() -> None:
    gate, peak, inside = asyncio.Semaphore(2), 0, 0

    async def call(i: int) -> None:
        nonlocal peak, inside
        async with gate:
            inside += 1
            peak = max(peak, inside)
            await asyncio.sleep(0)
            inside -= 1

    await asyncio.gather(*(call(i) for i in range(6)))
    print("6 calls, Semaphore(2): at most", peak, "at once")
    ready = asyncio.Event()
    waiters = [asyncio.create_task(ready.wait()) for _ in range(3)]
    await asyncio.sleep(0)
    ready.set()
    print("one Event woke", sum(await asyncio.gather(*waiters)), "waiters")
    bounded = asyncio.BoundedSemaphore(1)
    try:
        bounded.release()
    except ValueError as err:
        print("BoundedSemaphore released too often:", err)


run(limited())

# %% [markdown] course={"kind": "lesson", "id": "queues", "covers": ["c-queues", "c-asyncio-queue", "c-asyncio-priorityqueue", "c-asyncio-lifoqueue"]}
# ### Queues
#
# `asyncio.Queue(maxsize)` connects producers and consumers: `await q.put(x)` waits while the queue is full
# (back-pressure: a fast producer cannot eat all memory), `await q.get()` waits while it is empty, and
# `q.task_done()` + `await q.join()` tell when every item has been processed. `PriorityQueue` hands out the
# smallest item first (use `(priority, seq, payload)` tuples so payloads are never compared) and `LifoQueue`
# the newest. The mistake: `Queue()` without `maxsize` is unbounded, so the back-pressure is gone.
# (`Queue.shutdown()` exists from 3.13: checked present on 3.13.0, absent on 3.11.7 and 3.12.1.)

# %% course={"kind": "demo"}
async def queue_kinds() -> None:
    for kind in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        q = kind()
        for item in [(2, "deploy"), (1, "hotfix"), (3, "docs")]:
            q.put_nowait(item)
        print(f"{kind.__name__:14}", [q.get_nowait()[1] for _ in range(3)])
    small = asyncio.Queue(maxsize=1)
    await small.put("a")
    blocked = asyncio.create_task(small.put("b"))
    await asyncio.sleep(0)
    print("put into a full queue waits:", not blocked.done())
    small.get_nowait()
    await blocked
    print("after one get it finished; size", small.qsize())


run(queue_kinds())

# %% [markdown] course={"kind": "lesson", "id": "streams", "covers": ["c-streams", "c-asyncio-open-connection", "c-streamreader-streamwriter", "c-tcp-client-server"]}
# ### Streams: TCP client and server
#
# `asyncio.start_server(handler, host, port)` accepts TCP connections and calls `handler(reader, writer)` for
# each; `asyncio.open_connection(host, port)` is the client side. A `StreamReader` has `await
# readline()`/`read(n)`/`readexactly(n)`; a `StreamWriter` has `write(bytes)` (never waits: it sends what
# the socket takes at once and buffers the rest) and `await drain()` (waits until the buffer is small again). Forgetting `drain()` lets a fast writer pile up
# memory; forgetting `writer.close(); await writer.wait_closed()` leaks sockets. Port `0` asks the
# operating system for a free port, which is how tests avoid clashes.

# %% course={"kind": "demo"}
async def tcp_round_trip() -> None:
    handled = asyncio.Event()

    async def echo_upper(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():  # b"" when the client has closed
            writer.write(line.upper())
            await writer.drain()
        writer.close()
        await writer.wait_closed()
        handled.set()

    server = await asyncio.start_server(echo_upper, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for word in (b"status\n", b"r\xc3\xa9sum\xc3\xa9\n"):
            writer.write(word)
            await writer.drain()
            print(repr(await reader.readline()))
        writer.close()
        await writer.wait_closed()
        await handled.wait()  # let the server side finish before the server closes


run(tcp_round_trip())

# %% [markdown] course={"kind": "lesson", "id": "subprocess", "covers": ["c-subprocess", "c-asyncio-create-subprocess-exec", "c-asyncio-create-subprocess-shell"]}
# ### Subprocesses
#
# `await asyncio.create_subprocess_exec(program, *args, stdout=PIPE)` starts a program without blocking the
# loop; `await proc.communicate()` collects its output and `proc.returncode` its exit code. Several run at
# once with `gather`, e.g. a health check on ten hosts. `create_subprocess_shell("cmd")` goes through the
# shell, with the same injection risks as `shell=True` (7.3). A mistake: `await proc.wait()` on a child
# that writes much output into a `PIPE` nobody reads: once the pipe is full the child blocks, and both wait
# for ever. `communicate()` reads the output while it waits.

# %% course={"kind": "demo"}
async def run_three() -> None:
    async def py_print(text: str) -> tuple[int | None, bytes]:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", f"print({text!r})", stdout=asyncio.subprocess.PIPE
        )
        out, _ = await proc.communicate()
        return proc.returncode, out

    print(await asyncio.gather(*(py_print(t) for t in ("a", "b", "c"))))
    shell = await asyncio.create_subprocess_shell("exit 3")
    print("shell exit code:", await shell.wait())


run(run_three())

# %% [markdown] course={"kind": "lesson", "id": "timeouts", "covers": ["c-timeouts-and-cancellation", "c-asyncio-timeout-python-3-11", "c-asyncio-wait-for", "c-task-cancel", "c-cancellederror-handling"]}
# ### Timeouts and cancellation
#
# `async with asyncio.timeout(seconds):` (3.11+) cancels the code inside when time runs out and turns that
# cancellation into `TimeoutError` at the block's end; `asyncio.wait_for(aw, seconds)` does the same for a
# single awaitable. Since 3.11 `asyncio.TimeoutError` *is* the built-in `TimeoutError` (checked on 3.11.7,
# 3.12.1, 3.13.0). Cancellation is a `CancelledError` raised at an `await`; it derives from
# `BaseException` (since 3.8), so `except Exception` does not catch it. Catch it only to clean up (close a
# file, flush a buffer) and then **re-raise** it: a task that swallows it looks finished, not cancelled, and
# timeouts and TaskGroups built on cancellation stop working.

# %% course={"kind": "demo"}
async def timeouts() -> None:
    never = asyncio.Event()
    try:
        async with asyncio.timeout(0.01):
            await never.wait()
    except TimeoutError:
        print("timeout() turned the cancellation into TimeoutError")

    async def cleans_up(log: list[str]) -> None:
        try:
            await never.wait()
        except asyncio.CancelledError:
            log.append("flushed")
            raise  # keep the cancellation going

    log: list[str] = []
    task = asyncio.create_task(cleans_up(log))
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print("log:", log, "| cancelled:", task.cancelled(), "| BaseException:", issubclass(asyncio.CancelledError, BaseException))


run(timeouts())

# %% [markdown] course={"kind": "lesson", "id": "exceptions", "covers": ["c-exception-handling", "c-exceptions-in-tasks", "c-exception-groups-python-3-11"]}
# ### Exceptions in tasks and exception groups
#
# An exception inside a task is stored in the task; it is raised where someone `await`s the task (or calls
# `task.result()`). If nobody ever does, asyncio only logs "Task exception was never retrieved" when the
# task is garbage-collected: the error is effectively lost. TaskGroups (3.11+) collect the errors of all
# their tasks into an `ExceptionGroup`; handle them with `except* SomeError:`, which may run several
# clauses for one group. `gather(..., return_exceptions=True)` is the older way to get every outcome.

# %% course={"kind": "demo"}
async def failures() -> None:
    async def probe(host: str) -> str:
        await asyncio.sleep(0)
        if host.startswith("bad"):
            raise ConnectionError(host)
        if host.startswith("slow"):
            raise TimeoutError(host)
        return host

    print(await asyncio.gather(probe("ok"), probe("bad1"), return_exceptions=True))
    try:
        async with asyncio.TaskGroup() as tg:
            for h in ("bad1", "slow1", "bad2"):
                tg.create_task(probe(h))
    except* ConnectionError as group:
        print("connection errors:", sorted(str(e) for e in group.exceptions))
    except* TimeoutError as group:
        print("timeouts:", [str(e) for e in group.exceptions])


run(failures())

# %% [markdown] course={"kind": "lesson", "id": "debugging", "covers": ["c-debugging-asyncio", "c-debug-mode", "c-detecting-unawaited-coroutines"]}
# ### Debugging asyncio
#
# Debug mode (`asyncio.run(main(), debug=True)`, or `PYTHONASYNCIODEBUG=1`, or `python -X dev`) logs every
# callback that holds the loop longer than `loop.slow_callback_duration` (0.1 s), and records where each
# coroutine was created so "never awaited" warnings say where. A coroutine that is created but never
# awaited produces `RuntimeWarning: coroutine '...' was never awaited` when it is garbage-collected: the
# classic missing `await`. Turn such warnings into errors in tests (`-W error::RuntimeWarning`).

# %% course={"kind": "demo"}
async def forgetful() -> bool:
    check_health("cache")  # missing await: the body never runs
    return asyncio.get_running_loop().get_debug()


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("debug mode on:", run(forgetful(), debug=True))
    gc.collect()
print([str(w.message).splitlines()[0] for w in caught if w.category is RuntimeWarning])

# %% [markdown] course={"kind": "exercise", "id": "fetch-all", "item": "x-create-async-functions-and-await-them"}
# ### Await many calls at once, keep their order
#
# Write `async def fetch_all(fetch, keys)`. `fetch` is an async function of one key (think: "read this
# host's status"). Call it for every key **concurrently**, so that every call has started before any of them
# has to finish, and return a `list` of the results **in the order of `keys`**, however the calls finish.
# `keys` may be any iterable. If a call raises, `fetch_all` raises that error.
#
# ```python
# async def square(k):
#     await asyncio.sleep(0)
#     return k * k
#
# run(fetch_all(square, [3, 1, 2]))  # [9, 1, 4]
# ```

# %% [markdown] course={"kind": "hint"}
# A `for` loop with `await` inside waits for each call before starting the next: that is sequential.

# %% [markdown] course={"kind": "hint"}
# `asyncio.gather(*coroutines)` starts them all and returns their results in argument order.

# %% course={"kind": "solution"}
async def fetch_all(fetch: Callable[[Any], Awaitable[Any]], keys: Iterable[Any]) -> list[Any]:
    ### BEGIN SOLUTION
    return await asyncio.gather(*(fetch(k) for k in keys))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
async def _finish_in_reverse(k: int) -> int:
    await settle(10 - k)  # key 3 finishes first, key 1 last
    return k * k


assert run(fetch_all(_finish_in_reverse, [1, 2, 3])) == [1, 4, 9], "results must follow the order of keys, not the order the calls finish"

# %% course={"kind": "test", "points": 2}
async def _started_together(keys: list[int]) -> tuple[list[int], Any]:
    started, gate = [], asyncio.Event()

    async def fetch(k: int) -> int:
        started.append(k)
        await gate.wait()  # nobody may finish before the test opens the gate
        return -k

    task = asyncio.create_task(fetch_all(fetch, keys))
    await settle()
    seen = list(started)
    gate.set()
    return seen, await within(task)


seen, result = run(_started_together([1, 2, 3]))
assert seen == [1, 2, 3], f"all three calls must be running at once; only {seen} had started"
assert result == [-1, -2, -3]
### BEGIN HIDDEN TESTS
empty = run(fetch_all(_finish_in_reverse, iter([])))
assert type(empty) is list and empty == [], "no keys: an empty list"
assert run(fetch_all(_finish_in_reverse, (k for k in [2, 2, 0]))) == [4, 4, 0], "any iterable, duplicates kept"
seen, result = run(_started_together(list(range(50))))
assert seen == list(range(50)) and result == [-k for k in range(50)]


async def _fails_on_two(k: int) -> int:
    await asyncio.sleep(0)
    if k == 2:
        raise KeyError(k)
    return k


try:
    run(fetch_all(_fails_on_two, [1, 2, 3]))
except KeyError:
    pass
else:
    raise AssertionError("an error from a call must reach the caller")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-after-another"}
async def fetch_all(fetch, keys):
    return [await fetch(k) for k in keys]  # correct results, but each call waits for the previous one

# %% course={"kind": "wrong", "id": "completion-order"}
async def fetch_all(fetch, keys):
    return [await f for f in asyncio.as_completed([fetch(k) for k in keys])]  # finish order, not key order

# %% [markdown] course={"kind": "exercise", "id": "fetch-pages", "item": "x-fetch-multiple-urls-concurrently-with"}
# ### Fetch many URLs with aiohttp, at most `limit` at a time
#
# Write `async def fetch_pages(session, urls, limit)`: GET every URL with the `aiohttp.ClientSession`
# `session`, concurrently but with **at most `limit` requests in flight** at any moment, and return a dict
# `{url: (status, body_text)}`. A 404 or 503 is a result like any other, not an error. `limit` below 1 raises
# `ValueError`. The notebook starts a real web server for the tests (`Site`, served by uvicorn); a test also
# uses `FakeSession`, which behaves like a session but lets the test see how many requests are in flight.
#
# ```python
# async with aiohttp.ClientSession() as s:
#     await fetch_pages(s, [f"{base}/page/1", f"{base}/nope"], limit=2)
# # {'http://127.0.0.1:PORT/page/1': (200, 'page 1'), 'http://127.0.0.1:PORT/nope': (404, 'not found')}
# ```

# %% [markdown] course={"kind": "hint"}
# One `asyncio.Semaphore(limit)`, shared by every request: `async with sem:` around each GET.

# %% [markdown] course={"kind": "hint"}
# Inside: `async with session.get(url) as resp:` then `resp.status` and `await resp.text()`. Do not call
# `resp.raise_for_status()`: error statuses are results here.

# %% course={"kind": "solution"}
async def fetch_pages(session: Any, urls: list[str], limit: int) -> dict[str, tuple[int, str]]:
    ### BEGIN SOLUTION
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    gate = asyncio.Semaphore(limit)

    async def one(url: str) -> tuple[str, tuple[int, str]]:
        async with gate, session.get(url) as resp:
            return url, (resp.status, await resp.text())

    return dict(await asyncio.gather(*(one(u) for u in urls)))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
async def _real_fetch(urls: list[str], limit: int) -> dict[str, tuple[int, str]]:
    async with aiohttp.ClientSession() as session:
        return await fetch_pages(session, urls, limit)


with serve(Site()) as base:
    got = run(_real_fetch([f"{base}/page/1", f"{base}/nope", f"{base}/down"], 2))
assert got == {f"{base}/page/1": (200, "page 1"), f"{base}/nope": (404, "not found"), f"{base}/down": (503, "busy")}, got

# %% course={"kind": "test", "points": 2}
async def _in_flight(n: int, limit: int) -> tuple[int, dict[str, tuple[int, str]]]:
    fake = FakeSession()
    task = asyncio.create_task(fetch_pages(fake, [f"u{i}" for i in range(n)], limit))
    await settle()
    running = fake.inside
    fake.gate.set()
    result = await within(task)
    assert fake.peak == running, "more requests ran later than at the start"
    return running, result


running, result = run(_in_flight(6, 2))
assert running == 2, f"limit=2 with 6 URLs: exactly 2 requests must be in flight, not {running}"
assert result == {f"u{i}": (200, f"fake u{i}") for i in range(6)}
### BEGIN HIDDEN TESTS
assert run(_in_flight(5, 1))[0] == 1, "limit=1: one at a time"
assert run(_in_flight(3, 10))[0] == 3, "a limit above the number of URLs: all at once"
assert run(_in_flight(0, 3)) == (0, {}), "no URLs: an empty dict"
for bad in (0, -1):
    try:
        run(_in_flight(2, bad))
    except ValueError:
        pass
    else:
        raise AssertionError(f"limit={bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-limit"}
async def fetch_pages(session, urls, limit):
    if limit < 1:
        raise ValueError(limit)

    async def one(url):
        async with session.get(url) as resp:
            return url, (resp.status, await resp.text())

    return dict(await asyncio.gather(*(one(u) for u in urls)))  # all requests at once

# %% course={"kind": "wrong", "id": "semaphore-per-request"}
async def fetch_pages(session, urls, limit):
    if limit < 1:
        raise ValueError(limit)

    async def one(url):
        async with asyncio.Semaphore(limit), session.get(url) as resp:  # a new semaphore each time limits nothing
            return url, (resp.status, await resp.text())

    return dict(await asyncio.gather(*(one(u) for u in urls)))

# %% course={"kind": "wrong", "id": "raise-for-status"}
async def fetch_pages(session, urls, limit):
    if limit < 1:
        raise ValueError(limit)
    gate = asyncio.Semaphore(limit)

    async def one(url):
        async with gate, session.get(url) as resp:
            resp.raise_for_status()  # a 404 becomes an exception
            return url, (resp.status, await resp.text())

    return dict(await asyncio.gather(*(one(u) for u in urls)))

# %% [markdown] course={"kind": "exercise", "id": "process-all", "item": "x-implement-async-producer-consumer-with"}
# ### Producer and consumers with a bounded queue
#
# Write `async def process_all(items, worker, workers, maxsize)`: one producer reads `items` (any iterable,
# possibly a slow generator) and puts them into an `asyncio.Queue(maxsize)`; `workers` consumer tasks take
# items and `await worker(item)`. Return the list of results **in the order of `items`**. Requirements the
# tests check: exactly `workers` items are processed at once when there is enough work; the producer never
# runs more than the queue's size ahead (with every worker busy, at most `workers + maxsize + 1` items have
# been read from `items`); and when `process_all` returns, no consumer task is left running.
#
# ```python
# async def double(x):
#     await asyncio.sleep(0)
#     return 2 * x
#
# run(process_all([1, 2, 3], double, workers=2, maxsize=1))  # [2, 4, 6]
# ```

# %% [markdown] course={"kind": "hint"}
# Put `(index, item)` pairs into the queue and store each result under its index.

# %% [markdown] course={"kind": "hint"}
# To stop the consumers: either one sentinel (`None`) **per consumer**, or `await queue.join()` (with
# `queue.task_done()` after each item) and then cancel them. A `TaskGroup` makes sure they are all gone.

# %% course={"kind": "solution"}
async def process_all(
    items: Iterable[Any], worker: Callable[[Any], Awaitable[Any]], workers: int, maxsize: int
) -> list[Any]:
    ### BEGIN SOLUTION
    queue: asyncio.Queue[tuple[int, Any]] = asyncio.Queue(maxsize)
    results: dict[int, Any] = {}

    async def consume() -> None:
        while True:
            index, item = await queue.get()
            results[index] = await worker(item)
            queue.task_done()

    async with asyncio.TaskGroup() as tg:
        consumers = [tg.create_task(consume()) for _ in range(workers)]
        for pair in enumerate(items):
            await queue.put(pair)
        await queue.join()
        for task in consumers:
            task.cancel()
    return [results[i] for i in range(len(results))]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
async def _double_late(x: int) -> int:
    await settle(10 - x)  # later items finish first
    return 2 * x


assert run(within(process_all([1, 2, 3], _double_late, 3, 1))) == [2, 4, 6], "results in the order of items"

# %% course={"kind": "test", "points": 2}
async def _busy(n: int, workers: int, maxsize: int) -> tuple[int, int, list[Any]]:
    gate, inside, pulled = asyncio.Event(), [], 0

    def source():
        nonlocal pulled
        for i in range(n):
            pulled += 1
            yield i

    async def work(x: int) -> int:
        inside.append(x)
        await gate.wait()
        return x * 10

    task = asyncio.create_task(process_all(source(), work, workers, maxsize))
    await settle()
    at_once, read = len(inside), pulled
    gate.set()
    result = await within(task)
    left = asyncio.all_tasks() - {asyncio.current_task()}
    assert not left, f"tasks still running after process_all returned: {left}"
    return at_once, read, result


at_once, read, result = run(_busy(10, 3, 2))
assert at_once == 3, f"workers=3: three items must be in work at once, not {at_once}"
assert result == [x * 10 for x in range(10)]

# %% course={"kind": "test", "points": 2}
at_once, read, result = run(_busy(20, 2, 1))
assert read <= 2 + 1 + 1, f"workers=2, maxsize=1, all busy: the producer read {read} items; the queue must hold it back"
### BEGIN HIDDEN TESTS
assert at_once == 2 and result == [x * 10 for x in range(20)]
at_once, read, result = run(_busy(30, 1, 3))
assert at_once == 1 and read <= 1 + 3 + 1 and result == [x * 10 for x in range(30)]
at_once, read, result = run(_busy(2, 4, 1))
assert at_once == 2 and result == [0, 10], "fewer items than workers"
at_once, read, result = run(_busy(0, 2, 1))
assert type(result) is list and result == [], "no items: an empty list"
assert run(within(process_all(iter([0, "", None]), lambda x: asyncio.sleep(0, x), 2, 1))) == [0, "", None], "falsy items are items"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-sentinel"}
async def process_all(items, worker, workers, maxsize):
    queue = asyncio.Queue(maxsize)
    results = {}

    async def consume():
        while (pair := await queue.get()) is not None:
            results[pair[0]] = await worker(pair[1])

    consumers = [asyncio.create_task(consume()) for _ in range(workers)]
    for pair in enumerate(items):
        await queue.put(pair)
    await queue.put(None)  # stops one consumer; the others wait for ever
    await asyncio.gather(*consumers)
    return [results[i] for i in range(len(results))]

# %% course={"kind": "wrong", "id": "unbounded-queue"}
async def process_all(items, worker, workers, maxsize):
    queue = asyncio.Queue()  # maxsize forgotten: the producer reads everything at once
    results = {}

    async def consume():
        while (pair := await queue.get()) is not None:
            results[pair[0]] = await worker(pair[1])

    consumers = [asyncio.create_task(consume()) for _ in range(workers)]
    for pair in enumerate(items):
        await queue.put(pair)
    for _ in consumers:
        await queue.put(None)
    await asyncio.gather(*consumers)
    return [results[i] for i in range(len(results))]

# %% course={"kind": "wrong", "id": "finish-order"}
async def process_all(items, worker, workers, maxsize):
    queue = asyncio.Queue(maxsize)
    results = []

    async def consume():
        while (item := await queue.get()) is not None:
            results.append(await worker(item))  # in the order the workers finish

    consumers = [asyncio.create_task(consume()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    for _ in consumers:
        await queue.put(None)
    await asyncio.gather(*consumers)
    return results

# %% [markdown] course={"kind": "exercise", "id": "batch-writer", "item": "x-handle-task-cancellation-gracefully"}
# ### A batch writer that stops cleanly when cancelled
#
# A log shipper reads records from a queue and writes them in batches. Write `async def batch_writer(queue,
# sink, size)`: it runs for ever, taking items from `queue` and appending each full batch (a new `list` of
# `size` items) to the list `sink`. When its task is **cancelled**, it first appends the records it has
# collected but not written yet (if there are any: never an empty batch), and then stays cancelled:
# `task.cancelled()` must be `True` afterwards.
#
# ```python
# q, sink = asyncio.Queue(), []
# for r in "abcde": q.put_nowait(r)
# task = asyncio.create_task(batch_writer(q, sink, 2))  # after a while: sink == [["a", "b"], ["c", "d"]]
# task.cancel()                                         # then:         sink == [["a", "b"], ["c", "d"], ["e"]]
# ```

# %% [markdown] course={"kind": "hint"}
# Cancellation arrives as `asyncio.CancelledError` at the `await queue.get()`. It is a `BaseException`:
# `except Exception` does not see it.

# %% [markdown] course={"kind": "hint"}
# `try: ... except asyncio.CancelledError: <write the rest>; raise`. Start a new list after each full batch
# instead of clearing the one you just wrote.

# %% course={"kind": "solution"}
async def batch_writer(queue: asyncio.Queue[Any], sink: list[list[Any]], size: int) -> None:
    ### BEGIN SOLUTION
    batch: list[Any] = []
    try:
        while True:
            batch.append(await queue.get())
            if len(batch) == size:
                sink.append(batch)
                batch = []
    except asyncio.CancelledError:
        if batch:
            sink.append(batch)
        raise
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
async def _write_then_cancel(records: list[Any], size: int) -> tuple[list[Any], list[Any], bool]:
    queue: asyncio.Queue[Any] = asyncio.Queue()
    for r in records:
        queue.put_nowait(r)
    sink: list[Any] = []
    task = asyncio.create_task(batch_writer(queue, sink, size))
    await settle()
    before = [list(b) for b in sink]
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return before, sink, task.cancelled()


before, sink, cancelled = run(_write_then_cancel(list("abcde"), 2))
assert before == [["a", "b"], ["c", "d"]], f"full batches are written as they fill: {before}"
assert sink == [["a", "b"], ["c", "d"], ["e"]], f"on cancel the unwritten record must be written: {sink}"

# %% course={"kind": "test", "points": 1}
assert cancelled is True, "after the clean-up the task must still end cancelled (re-raise CancelledError)"
### BEGIN HIDDEN TESTS
before, sink, cancelled = run(_write_then_cancel([1, 2, 3, 4], 2))
assert sink == [[1, 2], [3, 4]] and cancelled, "nothing left over: no empty batch"
before, sink, cancelled = run(_write_then_cancel([], 3))
assert sink == [] and cancelled, "nothing at all: no empty batch"
before, sink, cancelled = run(_write_then_cancel([0, "", None, 0.0], 3))
assert sink == [[0, "", None], [0.0]] and cancelled, "falsy records are records"
assert all(type(b) is list for b in sink) and sink[0] is not sink[1]
before, sink, cancelled = run(_write_then_cancel(["é", "ß", "日"], 1))
assert sink == [["é"], ["ß"], ["日"]] and before == sink and cancelled
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "swallows-cancel"}
async def batch_writer(queue, sink, size):
    batch = []
    try:
        while True:
            batch.append(await queue.get())
            if len(batch) == size:
                sink.append(batch)
                batch = []
    except asyncio.CancelledError:
        if batch:
            sink.append(batch)  # and returns normally: the task looks finished, not cancelled

# %% course={"kind": "wrong", "id": "except-exception"}
async def batch_writer(queue, sink, size):
    batch = []
    try:
        while True:
            batch.append(await queue.get())
            if len(batch) == size:
                sink.append(batch)
                batch = []
    except Exception:  # CancelledError is a BaseException: this never runs on cancel
        if batch:
            sink.append(batch)
        raise

# %% course={"kind": "wrong", "id": "reuses-buffer"}
async def batch_writer(queue, sink, size):
    batch = []
    try:
        while True:
            batch.append(await queue.get())
            if len(batch) == size:
                sink.append(batch)
                batch.clear()  # empties the batch that was just written, too
    except asyncio.CancelledError:
        if batch:
            sink.append(batch)
        raise

# %% [markdown] course={"kind": "exercise", "id": "fetch-within", "item": "x-handle-task-cancellation-gracefully"}
# ### A deadline for the whole request
#
# A health checker must not hang on a server that accepted the connection but never answers. Write
# `async def fetch_within(session, url, seconds)`: GET `url` with the aiohttp `session` and return
# `(status, body_text)` if the **whole** answer, body included, has arrived within `seconds`; otherwise
# give up and return `None`, with nothing of the request still running. Any status is an answer. The test
# site has two paths that never finish: `/hang` sends nothing at all, `/stall` sends the status line and
# the headers, then nothing.
#
# ```python
# async with aiohttp.ClientSession() as s:
#     await fetch_within(s, f"{base}/page/1", 5)    # (200, 'page 1')
#     await fetch_within(s, f"{base}/stall", 0.05)  # None, after 0.05 s
# ```
#
# (The tests never race a deadline against a sleep: the paths that must time out never answer, and the
# ones that must answer get a deadline far longer than a local request needs. So they ask nothing about how
# far the request got before the deadline: on a busy machine it may not even have reached the server.)

# %% [markdown] course={"kind": "hint"}
# `async with asyncio.timeout(seconds):` (3.11+) cancels what runs inside when time is up and raises
# `TimeoutError` where the block ends; catch it outside the block.

# %% [markdown] course={"kind": "hint"}
# Reading the body waits for the network too: `await resp.text()` belongs inside the deadline, not after it.

# %% course={"kind": "solution"}
async def fetch_within(session: Any, url: str, seconds: float) -> tuple[int, str] | None:
    ### BEGIN SOLUTION
    try:
        async with asyncio.timeout(seconds), session.get(url) as resp:
            return resp.status, await resp.text()
    except TimeoutError:
        return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
async def _bounded(session: Any, url: str, seconds: float) -> Any:
    bound = asyncio.timeout(5)  # only a bound for an answer that never gives up; the deadlines tested are below 1 s
    try:
        async with bound:
            return await fetch_within(session, url, seconds)
    except TimeoutError:
        if bound.expired():
            raise AssertionError(f"fetch_within({url!r}, {seconds}) was still waiting after 5 s") from None
        raise


async def _fetch_within(url: str, seconds: float) -> Any:
    async with aiohttp.ClientSession() as session:
        return await _bounded(session, url, seconds)


site = Site()
with serve(site) as base:
    got = [run(_fetch_within(f"{base}/page/1", 60)), run(_fetch_within(f"{base}/nope", 60))]
assert got == [(200, "page 1"), (404, "not found")], f"an answer in time is (status, body), whatever the status: {got}"

# %% course={"kind": "test", "points": 2}
site = Site()
with serve(site) as base:
    hang = run(_fetch_within(f"{base}/hang", 0.05))
    stall = run(_fetch_within(f"{base}/stall", 0.3))
assert hang is None, f"/hang never answers: after the deadline fetch_within must return None, not {hang!r}"
assert stall is None, f"/stall sends headers but never the body: the deadline covers the body too, got {stall!r}"

# %% course={"kind": "test", "points": 1}
async def _gives_up_cleanly() -> tuple[Any, int, int]:
    fake, before = FakeSession(), asyncio.all_tasks()
    got = await _bounded(fake, "u", 0.01)  # the gate stays closed: the request never ends by itself
    return got, fake.inside, len(asyncio.all_tasks() - before)


got, inside, left = run(_gives_up_cleanly())
assert got is None and inside == 0, f"after the deadline the request must be cancelled, not left waiting ({inside} still waiting)"
assert left == 0, f"{left} task(s) still running after fetch_within returned"
### BEGIN HIDDEN TESTS
site = Site()
with serve(site) as base:
    assert run(_fetch_within(f"{base}/page/%C3%A9t%C3%A9", 60)) == (200, "page été")
    assert run(_fetch_within(f"{base}/status/503", 60)) == (503, "status 503")
    assert run(_fetch_within(f"{base}/status/418", 60)) == (418, "status 418")
    assert [run(_fetch_within(f"{base}/hang", 0.02)) for _ in range(3)] == [None, None, None]


async def _open_gate_in_time() -> Any:
    fake = FakeSession()
    fake.gate.set()
    return await _bounded(fake, "v", 60)


assert run(_open_gate_in_time()) == (200, "fake v")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "body-outside-deadline"}
async def fetch_within(session, url, seconds):
    try:
        async with asyncio.timeout(seconds):
            resp = await session.get(url)  # the deadline covers the status line and headers only
    except TimeoutError:
        return None
    async with resp:
        return resp.status, await resp.text()  # ... and the body may never come

# %% course={"kind": "wrong", "id": "no-deadline"}
async def fetch_within(session, url, seconds):
    async with session.get(url) as resp:  # waits as long as the server makes it
        return resp.status, await resp.text()

# %% course={"kind": "wrong", "id": "leaves-request-running"}
async def fetch_within(session, url, seconds):
    async def get():
        async with session.get(url) as resp:
            return resp.status, await resp.text()

    task = asyncio.ensure_future(get())
    done, _ = await asyncio.wait({task}, timeout=seconds)
    return task.result() if done else None  # gives up waiting, but the request goes on

# %% course={"kind": "wrong", "id": "timeout-escapes"}
async def fetch_within(session, url, seconds):
    async with asyncio.timeout(seconds), session.get(url) as resp:  # TimeoutError reaches the caller
        return resp.status, await resp.text()

# %% [markdown] course={"kind": "exercise", "id": "lease", "item": "x-create-an-async-context-manager"}
# ### An async context manager that lends a connection
#
# A connection pool is an `asyncio.Queue` holding the idle connections. Write `lease(pool)` so that
# `async with lease(pool) as conn:` takes a connection out of the pool (waiting while the pool is empty),
# gives it to the block, and puts **the same connection** back when the block ends, also when the block
# raises. The block's exception must reach the caller unchanged. Use `@contextlib.asynccontextmanager` (the
# decorator is already there) or rewrite it as a class with `__aenter__`/`__aexit__`.
#
# ```python
# pool = asyncio.Queue(); pool.put_nowait("conn-1")
# async with lease(pool) as conn:
#     print(conn, pool.qsize())   # conn-1 0
# print(pool.qsize())             # 1
# ```

# %% [markdown] course={"kind": "hint"}
# `conn = await pool.get()`, then `yield conn`.

# %% [markdown] course={"kind": "hint"}
# Code after a bare `yield` does not run when the block raises: put the `yield` in `try:` and return the
# connection in `finally:`.

# %% course={"kind": "solution"}
import contextlib
from collections.abc import AsyncIterator


@contextlib.asynccontextmanager
async def lease(pool: asyncio.Queue[Any]) -> AsyncIterator[Any]:
    ### BEGIN SOLUTION
    conn = await pool.get()
    try:
        yield conn
    finally:
        pool.put_nowait(conn)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
async def _borrow_once() -> tuple[Any, int, int]:
    pool: asyncio.Queue[Any] = asyncio.Queue()
    pool.put_nowait("conn-1")
    pool.put_nowait("conn-2")
    async with lease(pool) as conn:
        inside = pool.qsize()
    return conn, inside, pool.qsize()


assert run(_borrow_once()) == ("conn-1", 1, 2), "the block gets a connection from the pool, which gets it back afterwards"

# %% course={"kind": "test", "points": 2}
async def _borrow_and_fail(conn: Any) -> tuple[str, list[Any]]:
    pool: asyncio.Queue[Any] = asyncio.Queue()
    pool.put_nowait(conn)
    outcome = "no error"
    try:
        async with lease(pool) as got:
            assert got is conn
            raise ConnectionResetError("peer went away")
    except ConnectionResetError as err:
        outcome = str(err)
    return outcome, [pool.get_nowait() for _ in range(pool.qsize())]


outcome, back = run(_borrow_and_fail("conn-1"))
assert outcome == "peer went away", "the block's error must reach the caller"
assert back == ["conn-1"], f"the connection must go back to the pool even when the block raises, pool holds {back}"
### BEGIN HIDDEN TESTS
marker = object()
outcome, back = run(_borrow_and_fail(marker))
assert outcome == "peer went away" and len(back) == 1 and back[0] is marker, "the same object goes back"
for falsy in (0, "", None):
    outcome, back = run(_borrow_and_fail(falsy))
    assert back == [falsy], f"a falsy connection ({falsy!r}) is a connection"


async def _waits_when_empty() -> tuple[bool, bool, Any]:
    pool: asyncio.Queue[Any] = asyncio.Queue()
    pool.put_nowait("only")
    got: list[Any] = []

    async def second() -> None:
        async with lease(pool) as c:
            got.append(c)

    async with lease(pool):
        waiter = asyncio.create_task(second())
        await settle()
        waited = not waiter.done()
    await within(waiter)
    return waited, waiter.done(), (got, pool.qsize())


assert run(_waits_when_empty()) == (True, True, (["only"], 1)), "an empty pool makes the next lease wait"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-finally"}
@contextlib.asynccontextmanager
async def lease(pool):
    conn = await pool.get()
    yield conn
    pool.put_nowait(conn)  # skipped when the block raises: the connection is lost

# %% course={"kind": "wrong", "id": "swallows-error"}
@contextlib.asynccontextmanager
async def lease(pool):
    conn = await pool.get()
    try:
        yield conn
    except Exception:
        pass  # the caller never hears about the error
    finally:
        pool.put_nowait(conn)

# %% course={"kind": "wrong", "id": "does-not-wait"}
@contextlib.asynccontextmanager
async def lease(pool):
    conn = pool.get_nowait()  # raises QueueEmpty instead of waiting for a free connection
    try:
        yield conn
    finally:
        pool.put_nowait(conn)

# %% [markdown] course={"kind": "exercise", "id": "scrape", "item": "project-10-3-1"}
# ### Project core: a polite scraper with retries and progress
#
# Write `async def scrape(session, urls, limit, retries, progress)` returning `{url: body or None}` with
# the keys in the order of `urls`:
#
# - at most `limit` requests in flight at once (a semaphore);
# - status 200: the body text;
# - status 500 or above (the server is busy): try again, up to `retries` more times; if every attempt
#   fails, `None`;
# - any other status (404...): `None` at once, **no** retry (asking again will not help);
# - after each URL is finished, call `progress(done, total)`: `done` counts 1, 2, ... up to `total =
#   len(urls)`.
#
# ```python
# await scrape(session, [f"{base}/page/1", f"{base}/flaky/2/x", f"{base}/nope"], limit=2, retries=2,
#              progress=print)   # prints 1 3, 2 3, 3 3
# # {'.../page/1': 'page 1', '.../flaky/2/x': 'ok x', '.../nope': None}
# ```

# %% [markdown] course={"kind": "hint"}
# Write `one(url)` that loops `for attempt in range(retries + 1):` and leaves the loop as soon as the
# status is below 500.

# %% [markdown] course={"kind": "hint"}
# Count finished URLs in a variable of `scrape` (`nonlocal done` in `one`), and build the result with
# `{u: results[u] for u in urls}` so the order is that of `urls`.

# %% course={"kind": "solution"}
async def scrape(
    session: Any, urls: list[str], limit: int, retries: int, progress: Callable[[int, int], None]
) -> dict[str, str | None]:
    ### BEGIN SOLUTION
    gate = asyncio.Semaphore(limit)
    results: dict[str, str | None] = {}
    done = 0

    async def one(url: str) -> None:
        nonlocal done
        body = None
        async with gate:
            for _ in range(retries + 1):
                async with session.get(url) as resp:
                    if resp.status < 500:
                        if resp.status == 200:
                            body = await resp.text()
                        break
        results[url] = body
        done += 1
        progress(done, len(urls))

    await asyncio.gather(*(one(u) for u in urls))
    return {u: results[u] for u in urls}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
async def _scrape(urls: list[str], limit: int, retries: int) -> tuple[dict[str, str | None], list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []
    async with aiohttp.ClientSession() as session:
        got = await scrape(session, urls, limit, retries, lambda d, t: calls.append((d, t)))
    return got, calls


site = Site()
with serve(site) as base:
    got, calls = run(_scrape([f"{base}/page/1", f"{base}/nope"], 2, 2))
assert got == {f"{base}/page/1": "page 1", f"{base}/nope": None}, got
assert site.hits["/nope"] == 1, f"a 404 must not be retried; it was asked {site.hits['/nope']} times"

# %% course={"kind": "test", "points": 2}
site = Site()
with serve(site) as base:
    got, calls = run(_scrape([f"{base}/flaky/2/a", f"{base}/down"], 2, 2))
assert got == {f"{base}/flaky/2/a": "ok a", f"{base}/down": None}, got
assert site.hits["/flaky/2/a"] == 3 and site.hits["/down"] == 3, f"retries=2 means at most 3 attempts: {dict(site.hits)}"

# %% course={"kind": "test", "points": 1}
assert calls == [(1, 2), (2, 2)], f"progress(done, total) once per finished URL: {calls}"


async def _progress_before_and_after() -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    fake, calls = FakeSession(), []
    task = asyncio.create_task(scrape(fake, ["a", "b", "c"], 3, 0, lambda d, t: calls.append((d, t))))
    await settle()
    early = list(calls)
    fake.gate.set()
    await within(task)
    return early, calls


early, calls = run(_progress_before_and_after())
assert early == [], f"no URL has finished yet, but progress was already called: {early}"
assert calls == [(1, 3), (2, 3), (3, 3)], calls
### BEGIN HIDDEN TESTS
site = Site()
with serve(site) as base:
    urls = [f"{base}/status/500", f"{base}/status/499", f"{base}/flaky/1/b", f"{base}/page/é", f"{base}/status/201"]
    got, calls = run(_scrape(urls, 3, 0))
    assert list(got) == urls, "keys in the order of urls"
    assert got == dict.fromkeys(urls[:3]) | {urls[3]: "page é", urls[4]: None}, got
    assert dict(site.hits) == {"/status/500": 1, "/status/499": 1, "/flaky/1/b": 1, "/page/é": 1, "/status/201": 1}, f"retries=0: one attempt each, {dict(site.hits)}"
    assert calls == [(i, 5) for i in range(1, 6)]
    site.hits.clear()
    got, calls = run(_scrape([f"{base}/status/500", f"{base}/status/499", f"{base}/status/501"], 2, 2))
    assert got == dict.fromkeys([f"{base}/status/500", f"{base}/status/499", f"{base}/status/501"])
    assert dict(site.hits) == {"/status/500": 3, "/status/499": 1, "/status/501": 3}, f"500 and up are retried, 499 is not: {dict(site.hits)}"
    site.hits.clear()
    got, calls = run(_scrape([f"{base}/flaky/3/c", f"{base}/flaky/4/d"], 1, 3))
    assert got == {f"{base}/flaky/3/c": "ok c", f"{base}/flaky/4/d": None}
    assert site.hits["/flaky/3/c"] == 4 and site.hits["/flaky/4/d"] == 4
    assert run(_scrape([], 2, 2)) == ({}, [])


async def _scrape_in_flight(n: int, limit: int) -> int:
    fake = FakeSession()
    task = asyncio.create_task(scrape(fake, [f"u{i}" for i in range(n)], limit, 1, lambda d, t: None))
    await settle()
    running = fake.inside
    fake.gate.set()
    assert await within(task) == {f"u{i}": f"fake u{i}" for i in range(n)}
    return running


assert run(_scrape_in_flight(5, 2)) == 2, "at most `limit` requests in flight"
assert run(_scrape_in_flight(3, 5)) == 3
import contextlib


@contextlib.asynccontextmanager
async def _after_turns(url: str) -> Any:
    await settle(int(url))  # URL "n" answers after n event-loop passes
    yield FakeResponse(200, f"body {url}")


class _TurnsSession:
    def get(self, url: str) -> Any:
        return _after_turns(url)


calls = []
got = run(within(scrape(_TurnsSession(), ["30", "1", "10"], 3, 0, lambda d, t: calls.append((d, t)))))
assert list(got) == ["30", "1", "10"] and got == {u: f"body {u}" for u in ["30", "1", "10"]}, f"keys in the order of urls, not of finishing: {got}"
assert calls == [(1, 3), (2, 3), (3, 3)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retries-everything"}
async def scrape(session, urls, limit, retries, progress):
    gate = asyncio.Semaphore(limit)
    results, done = {}, 0

    async def one(url):
        nonlocal done
        body = None
        async with gate:
            for _ in range(retries + 1):
                async with session.get(url) as resp:
                    if resp.status == 200:
                        body = await resp.text()
                        break  # a 404 is asked again and again
        results[url] = body
        done += 1
        progress(done, len(urls))

    await asyncio.gather(*(one(u) for u in urls))
    return {u: results[u] for u in urls}

# %% course={"kind": "wrong", "id": "retries-off-by-one"}
async def scrape(session, urls, limit, retries, progress):
    gate = asyncio.Semaphore(limit)
    results, done = {}, 0

    async def one(url):
        nonlocal done
        body = None
        async with gate:
            for _ in range(retries):  # retries=2 gives 2 attempts, not 1 + 2
                async with session.get(url) as resp:
                    if resp.status < 500:
                        if resp.status == 200:
                            body = await resp.text()
                        break
        results[url] = body
        done += 1
        progress(done, len(urls))

    await asyncio.gather(*(one(u) for u in urls))
    return {u: results[u] for u in urls}

# %% course={"kind": "wrong", "id": "progress-started"}
async def scrape(session, urls, limit, retries, progress):
    gate = asyncio.Semaphore(limit)
    results = {}

    async def one(i, url):
        progress(i + 1, len(urls))  # reports a URL as done when it starts
        body = None
        async with gate:
            for _ in range(retries + 1):
                async with session.get(url) as resp:
                    if resp.status < 500:
                        if resp.status == 200:
                            body = await resp.text()
                        break
        results[url] = body

    await asyncio.gather(*(one(i, u) for i, u in enumerate(urls)))
    return {u: results[u] for u in urls}

# %% course={"kind": "wrong", "id": "keys-in-finish-order"}
async def scrape(session, urls, limit, retries, progress):
    gate = asyncio.Semaphore(limit)
    results, done = {}, 0

    async def one(url):
        nonlocal done
        body = None
        async with gate:
            for _ in range(retries + 1):
                async with session.get(url) as resp:
                    if resp.status < 500:
                        if resp.status == 200:
                            body = await resp.text()
                        break
        results[url] = body
        done += 1
        progress(done, len(urls))

    await asyncio.gather(*(one(u) for u in urls))
    return results  # right values, but the keys come in the order the URLs finished

# %% [markdown] course={"kind": "exercise", "id": "run-jobs", "item": "project-10-3-2"}
# ### Project core: run jobs with dependencies, stop all on the first failure
#
# The heart of a task scheduler. `jobs` maps a job name to `(dependencies, make)`: a list of names that
# must finish first, and an async function of no arguments that does the work. Write `async def
# run_jobs(jobs)` that runs every job as soon as all its dependencies have finished (jobs that do not depend
# on each other run **at the same time**) and returns `{name: result}` in the order of `jobs`. A dependency
# that is not a job raises `ValueError` before anything runs. If a job fails, every job still running or
# waiting is cancelled and the failure comes out in an `ExceptionGroup` (what a `TaskGroup` does).
#
# ```python
# async def step(): return "ok"
# run(run_jobs({"build": ([], step), "test": (["build"], step), "lint": ([], step)}))
# # {'build': 'ok', 'test': 'ok', 'lint': 'ok'}   (build and lint run at the same time)
# ```

# %% [markdown] course={"kind": "hint"}
# One `asyncio.Event` per job, set when it finishes; each job's task first waits for its dependencies'
# events.

# %% [markdown] course={"kind": "hint"}
# Start one task per job inside `async with asyncio.TaskGroup() as tg:`; the group cancels the rest when
# one fails and raises the `ExceptionGroup` for you.

# %% course={"kind": "solution"}
async def run_jobs(jobs: dict[str, tuple[list[str], Callable[[], Awaitable[Any]]]]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    for name, (deps, _) in jobs.items():
        unknown = [d for d in deps if d not in jobs]
        if unknown:
            raise ValueError(f"job {name!r} depends on unknown jobs {unknown}")
    finished = {name: asyncio.Event() for name in jobs}
    results: dict[str, Any] = {}

    async def one(name: str) -> None:
        deps, make = jobs[name]
        for dep in deps:
            await finished[dep].wait()
        results[name] = await make()
        finished[name].set()

    async with asyncio.TaskGroup() as tg:
        for name in jobs:
            tg.create_task(one(name))
    return {name: results[name] for name in jobs}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _job(log: list[str], name: str, result: Any = None) -> Callable[[], Awaitable[Any]]:
    async def make() -> Any:
        log.append(f"start {name}")
        await asyncio.sleep(0)
        log.append(f"end {name}")
        return name.upper() if result is None else result

    return make


log: list[str] = []
got = run(within(run_jobs({"test": (["build"], _job(log, "test")), "build": ([], _job(log, "build"))})))
assert got == {"test": "TEST", "build": "BUILD"}, got
assert log.index("end build") < log.index("start test"), f"test depends on build, so it starts after build ends: {log}"

# %% course={"kind": "test", "points": 2}
async def _independent() -> tuple[list[str], dict[str, Any]]:
    started, gate = [], asyncio.Event()

    def blocked(name: str) -> Callable[[], Awaitable[str]]:
        async def make() -> str:
            started.append(name)
            await gate.wait()
            return name

        return make

    task = asyncio.create_task(run_jobs({"a": ([], blocked("a")), "b": ([], blocked("b")), "c": (["a"], blocked("c"))}))
    await settle()
    seen = list(started)
    gate.set()
    return seen, await within(task)


seen, got = run(_independent())
assert seen == ["a", "b"], f"a and b depend on nothing, so both run at once (c waits for a): started {seen}"
assert got == {"a": "a", "b": "b", "c": "c"}
### BEGIN HIDDEN TESTS


async def _starts_when_ready() -> tuple[list[str], dict[str, Any]]:
    started, gates = [], {name: asyncio.Event() for name in "abc"}

    def blocked(name: str) -> Callable[[], Awaitable[str]]:
        async def make() -> str:
            started.append(name)
            await gates[name].wait()
            return name

        return make

    task = asyncio.create_task(run_jobs({"a": ([], blocked("a")), "b": ([], blocked("b")), "c": (["a"], blocked("c"))}))
    await settle()
    gates["a"].set()  # a ends, b is still running
    await settle()
    seen = list(started)
    gates["b"].set()
    gates["c"].set()
    return seen, await within(task)


seen, got = run(_starts_when_ready())
assert seen == ["a", "b", "c"], f"c depends only on a: it starts when a ends, while b still runs; started {seen}"
assert got == {"a": "a", "b": "b", "c": "c"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
async def _one_fails() -> tuple[Any, list[str]]:
    cancelled: list[str] = []

    def stuck(name: str) -> Callable[[], Awaitable[None]]:
        async def make() -> None:
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.append(name)
                raise

        return make

    async def broken() -> None:
        await settle(5)
        raise OSError("disk full")

    errors: Any = "no error"
    try:
        await within(run_jobs({"slow": ([], stuck("slow")), "bad": ([], broken), "after": (["bad"], stuck("after"))}))
    except ExceptionGroup as group:
        errors = [str(e) for e in group.exceptions]
    except Exception as err:  # noqa: BLE001
        errors = f"{type(err).__name__} outside an ExceptionGroup"
    return errors, list(cancelled)  # a copy: what was cancelled while run_jobs ran, not afterwards


errors, cancelled = run(_one_fails())
assert errors == ["disk full"], f"the failure must come out in an ExceptionGroup: got {errors!r}"
assert cancelled == ["slow"], f"the job still running must be cancelled: {cancelled}"
### BEGIN HIDDEN TESTS
assert run(run_jobs({})) == {}, "no jobs: an empty dict"
log = []
try:
    run(run_jobs({"a": ([], _job(log, "a")), "b": (["a", "ghost"], _job(log, "b"))}))
except ValueError:
    assert log == [], "the unknown dependency must be found before any job runs"
else:
    raise AssertionError("a dependency that is not a job must raise ValueError")
log = []
diamond = {
    "deploy": (["test", "lint"], _job(log, "deploy", 0)),
    "test": (["build"], _job(log, "test", "")),
    "lint": (["build"], _job(log, "lint", None)),
    "build": ([], _job(log, "build", False)),
}
got = run(within(run_jobs(diamond)))
assert list(got) == ["deploy", "test", "lint", "build"] and got == {"deploy": 0, "test": "", "lint": "LINT", "build": False}
assert log.index("end build") < min(log.index("start test"), log.index("start lint"))
assert max(log.index("end test"), log.index("end lint")) < log.index("start deploy")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "in-dict-order"}
async def run_jobs(jobs):
    for name, (deps, _) in jobs.items():
        if any(d not in jobs for d in deps):
            raise ValueError(name)
    results = {}
    for name, (deps, make) in jobs.items():  # one at a time, and a job may come before its dependency
        results[name] = await make()
    return results

# %% course={"kind": "wrong", "id": "gather-keeps-going"}
async def run_jobs(jobs):
    for name, (deps, _) in jobs.items():
        if any(d not in jobs for d in deps):
            raise ValueError(name)
    finished = {name: asyncio.Event() for name in jobs}
    results = {}

    async def one(name):
        deps, make = jobs[name]
        for dep in deps:
            await finished[dep].wait()
        results[name] = await make()
        finished[name].set()

    await asyncio.gather(*(one(n) for n in jobs))  # on a failure the others keep running
    return {name: results[name] for name in jobs}

# %% course={"kind": "wrong", "id": "whole-levels"}
async def run_jobs(jobs):
    for name, (deps, _) in jobs.items():
        if any(d not in jobs for d in deps):
            raise ValueError(name)
    results, left = {}, dict(jobs)
    while left:
        ready = [n for n, (deps, _) in left.items() if all(d in results for d in deps)]
        async with asyncio.TaskGroup() as tg:  # a whole level at a time: c waits for b although it needs only a
            tasks = {n: tg.create_task(left[n][1]()) for n in ready}
        for n, t in tasks.items():
            results[n] = t.result()
            del left[n]
    return {n: results[n] for n in jobs}

# %% [markdown] course={"kind": "exercise", "id": "schedule", "item": "project-10-3-2"}
# ### Project core: one-time and recurring jobs, and a graceful shutdown
#
# The other half of the scheduler. Write `async def schedule(jobs, stop, sleep=asyncio.sleep)`. Each job is
# a tuple `(name, start, every, make)`: wait `start` seconds, then `await make()`. A one-time job (`every`
# is `None`) is then finished; a recurring one waits `every` seconds after each run has ended and runs
# again. `stop` is an `asyncio.Event`. Once it is set, no new run starts, a run already in progress is
# **not** cancelled but allowed to finish, and then `schedule` returns. It also returns by itself when every
# job is finished. It returns `{name: number of finished runs}` in the order of `jobs`, and when it
# returns, nothing it started is still running or sleeping.
#
# Do every wait with `await sleep(seconds)`, never `asyncio.sleep`: the tests pass the `sleep` of a
# `ManualClock`, a clock that moves only when the test calls `await clock.advance(seconds)`, so no test
# waits for real time and none depends on the machine's speed.
#
# ```python
# clock, stop = ManualClock(), asyncio.Event()
# task = asyncio.create_task(schedule([("ping", 1, 3, ping), ("backup", 5, None, backup)], stop, clock.sleep))
# await clock.advance(8)  # ping runs at 1, 4 and 7; backup at 5
# stop.set()
# await task              # {'ping': 3, 'backup': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# One task per job (in a `TaskGroup`), each a loop: wait, run, count, and leave the loop after one run if
# `every` is `None`.

# %% [markdown] course={"kind": "hint"}
# A job that waits with a bare `await sleep(delay)` does not notice `stop` until its wait is over. Race
# the two: `asyncio.wait([nap, halt], return_when=asyncio.FIRST_COMPLETED)` with `nap =
# asyncio.ensure_future(sleep(delay))` and `halt = asyncio.ensure_future(stop.wait())`; cancel both
# afterwards and start the run only if `stop` is not set.

# %% course={"kind": "solution"}
Job = tuple[str, float, float | None, Callable[[], Awaitable[Any]]]


async def schedule(
    jobs: list[Job], stop: asyncio.Event, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
) -> dict[str, int]:
    ### BEGIN SOLUTION
    runs = {name: 0 for name, _, _, _ in jobs}

    async def stopped_during(seconds: float) -> bool:
        """Wait `seconds`, or less if `stop` comes first; True if it did."""
        nap = asyncio.ensure_future(sleep(seconds))
        halt = asyncio.ensure_future(stop.wait())
        await asyncio.wait([nap, halt], return_when=asyncio.FIRST_COMPLETED)
        nap.cancel()
        halt.cancel()
        return stop.is_set()

    async def keep(name: str, start: float, every: float | None, make: Callable[[], Awaitable[Any]]) -> None:
        delay = start
        while not await stopped_during(delay):
            await make()  # a run in progress is never cancelled by stop
            runs[name] += 1
            if every is None:
                return
            delay = every

    async with asyncio.TaskGroup() as tg:
        for job in jobs:
            tg.create_task(keep(*job))
    return runs
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _logged(clock: ManualClock, log: list[tuple[float, str]], name: str, gate: asyncio.Event | None = None) -> Any:
    async def make() -> None:
        log.append((clock.now, name))
        if gate is not None:
            await gate.wait()
            log.append((clock.now, f"{name} done"))

    return make


async def _scheduled(plan: list[tuple[str, float, float | None]], advance: float, gate_for: str = "") -> dict[str, Any]:
    # schedule(...) on a manual clock, advanced by `advance`, then stop; the job named `gate_for` waits at a
    # gate during its runs, which opens only after stop. Returns what the tests look at.
    clock, stop, gate, log = ManualClock(), asyncio.Event(), asyncio.Event(), []
    before = asyncio.all_tasks()
    jobs = [(name, start, every, _logged(clock, log, name, gate if name == gate_for else None)) for name, start, every in plan]
    task = asyncio.create_task(schedule(jobs, stop, clock.sleep))
    await settle()
    await clock.advance(advance)
    finished_alone = task.done()
    left_alone = len(asyncio.all_tasks() - before - {task})  # what an answer that ended by itself left behind
    stop.set()
    await settle()
    waited_for_run = not task.done()
    gate.set()
    runs = await within(task)
    left = left_alone if finished_alone else len(asyncio.all_tasks() - before - {task})
    at_return = {"sleeping": clock.sleeping, "tasks": left}
    return {"runs": runs, "log": log, "alone": finished_alone, "waited": waited_for_run, **at_return}


got = run(_scheduled([("ping", 1, 3), ("backup", 5, None)], 8))
assert got["log"] == [(1, "ping"), (4, "ping"), (5, "backup"), (7, "ping")], f"ping at 1, 4, 7 and backup at 5: {got['log']}"
assert got["runs"] == {"ping": 3, "backup": 1} and list(got["runs"]) == ["ping", "backup"], got["runs"]
assert got["sleeping"] == 0, f"after stop no job may still be sleeping: {got['sleeping']} sleep(s) left"

# %% course={"kind": "test", "points": 2}
got = run(_scheduled([("report", 0, 10), ("ping", 2, 2)], 0, gate_for="report"))
assert got["waited"], "stop came while `report` was running: schedule must wait for that run to finish"
assert got["log"] == [(0, "report"), (0, "report done")], f"the run in progress finishes, and nothing new starts: {got['log']}"
assert got["runs"] == {"report": 1, "ping": 0}, got["runs"]
assert got["sleeping"] == 0 and got["tasks"] == 0, f"nothing left running: {got['sleeping']} sleeping, {got['tasks']} task(s)"

# %% course={"kind": "test", "points": 1}
got = run(_scheduled([("a", 2, None), ("b", 0, None)], 2))
assert got["alone"], "only one-time jobs, all done: schedule returns without waiting for stop"
assert got["log"] == [(0, "b"), (2, "a")] and got["runs"] == {"a": 1, "b": 1}, got
assert got["tasks"] == 0 and got["sleeping"] == 0, f"{got['tasks']} task(s) still running after schedule returned"
### BEGIN HIDDEN TESTS
got = run(_scheduled([], 0))
assert got["alone"] and got["runs"] == {} and type(got["runs"]) is dict, "no jobs: {} at once"
got = run(_scheduled([("late", 5, None), ("tick", 1, 1)], 0.5))
assert got["runs"] == {"late": 0, "tick": 0} and got["log"] == [] and got["sleeping"] == 0 and got["tasks"] == 0, "stop before any run"
got = run(_scheduled([("a", 0, 2), ("b", 0, 2.5), ("once", 3, None)], 5))
assert got["log"] == [(0, "a"), (0, "b"), (2, "a"), (2.5, "b"), (3, "once"), (4, "a"), (5, "b")], got["log"]
assert got["runs"] == {"a": 3, "b": 3, "once": 1} and got["tasks"] == 0 and got["sleeping"] == 0
got = run(_scheduled([(f"j{i}", i, 10) for i in range(30)], 29))
assert got["runs"] == {f"j{i}": 3 if i < 10 else 2 if i < 20 else 1 for i in range(30)} and got["tasks"] == 0 and got["sleeping"] == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sleeps-through-stop"}
async def schedule(jobs, stop, sleep=asyncio.sleep):
    runs = {name: 0 for name, _, _, _ in jobs}

    async def keep(name, start, every, make):
        delay = start
        while True:
            await sleep(delay)  # stop is noticed only when this wait is over
            if stop.is_set():
                return
            await make()
            runs[name] += 1
            if every is None:
                return
            delay = every

    async with asyncio.TaskGroup() as tg:
        for job in jobs:
            tg.create_task(keep(*job))
    return runs

# %% course={"kind": "wrong", "id": "cancels-running-runs"}
async def schedule(jobs, stop, sleep=asyncio.sleep):
    runs = {name: 0 for name, _, _, _ in jobs}

    async def keep(name, start, every, make):
        await sleep(start)
        while True:
            await make()
            runs[name] += 1
            if every is None:
                return
            await sleep(every)

    tasks = [asyncio.ensure_future(keep(*job)) for job in jobs]
    halt = asyncio.ensure_future(stop.wait())
    await asyncio.wait([halt, *tasks], return_when=asyncio.FIRST_COMPLETED)
    while not halt.done() and not all(t.done() for t in tasks):
        await asyncio.wait([halt, *tasks], return_when=asyncio.FIRST_COMPLETED)
    for t in [halt, *tasks]:
        t.cancel()  # a run in progress is cut off, too
    await asyncio.gather(halt, *tasks, return_exceptions=True)
    return runs

# %% course={"kind": "wrong", "id": "every-from-start"}
async def schedule(jobs, stop, sleep=asyncio.sleep):
    runs = {name: 0 for name, _, _, _ in jobs}

    async def stopped_during(seconds):
        nap = asyncio.ensure_future(sleep(seconds))
        halt = asyncio.ensure_future(stop.wait())
        await asyncio.wait([nap, halt], return_when=asyncio.FIRST_COMPLETED)
        nap.cancel()
        halt.cancel()
        return stop.is_set()

    async def keep(name, start, every, make):
        while not await stopped_during(start):  # waits `start` before every run, not `every`
            await make()
            runs[name] += 1
            if every is None:
                return

    async with asyncio.TaskGroup() as tg:
        for job in jobs:
            tg.create_task(keep(*job))
    return runs

# %% [markdown] course={"kind": "exercise", "id": "first-result", "item": "dsa-async-exercises"}
# ### Problem: the first answer wins (hedged requests)
#
# To cut tail latency a client asks several replicas the same question and uses whichever answers first.
# Write `async def first_result(calls)`: `calls` is a non-empty list of async functions of no arguments.
# Start them all, return the result of the one that finishes first (if several finish in the same round,
# the earliest in the list), and **cancel all the others** before returning, waiting until they have
# really stopped. If the first call to finish raised, raise its error (after cancelling the rest). An
# empty list raises `ValueError`.
#
# ```python
# async def fast(): return "replica-b"
# async def slow(): await asyncio.Event().wait()   # never answers
# run(first_result([slow, fast]))  # 'replica-b', and slow has been cancelled
# ```

# %% [markdown] course={"kind": "hint"}
# `done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)`.

# %% [markdown] course={"kind": "hint"}
# `done` is a set, with no order: walk `tasks` and take the first one that is in `done`. Cancel the
# others in `finally:` and `await asyncio.gather(*tasks, return_exceptions=True)` so they have stopped.

# %% course={"kind": "solution"}
async def first_result(calls: list[Callable[[], Awaitable[Any]]]) -> Any:
    ### BEGIN SOLUTION
    tasks = [asyncio.ensure_future(call()) for call in calls]
    try:  # asyncio.wait raises ValueError itself when there are no tasks (checked on 3.11 to 3.13)
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        winner = next(t for t in tasks if t in done)
        return winner.result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _replica(turns: int | None, value: Any, log: list[str]) -> Callable[[], Awaitable[Any]]:
    async def call() -> Any:
        try:
            if turns is None:
                await asyncio.Event().wait()  # never answers
            await settle(turns)
        except asyncio.CancelledError:
            log.append(f"cancelled {value}")
            raise
        if isinstance(value, Exception):
            raise value
        return value

    return call


log: list[str] = []
assert run(within(first_result([_replica(None, "a", log), _replica(3, "b", log)]))) == "b", "the call that finishes first wins"

# %% course={"kind": "test", "points": 2}
async def _others_stopped(replicas: list[tuple[int | None, Any]]) -> tuple[Any, list[str], int]:
    log: list[str] = []
    try:
        got = await within(first_result([_replica(t, v, log) for t, v in replicas]))
    except Exception as err:  # noqa: BLE001
        got = err
    left = len(asyncio.all_tasks()) - 1
    return got, list(log), left


got, log, left = run(_others_stopped([(None, "a"), (2, "b"), (9, "c")]))
assert got == "b" and sorted(log) == ["cancelled a", "cancelled c"], f"the losers must be cancelled: {log}"
assert left == 0, f"{left} task(s) still running after first_result returned"
### BEGIN HIDDEN TESTS
got, log, left = run(_others_stopped([(4, "x"), (4, "y"), (4, "z")]))
assert got == "x" and sorted(log) == [] and left == 0, "a tie goes to the earliest in the list"
got, log, left = run(_others_stopped([(9, "late"), (1, KeyError("boom"))]))
assert type(got) is KeyError and log == ["cancelled late"] and left == 0, "the first to finish raised: raise it"
got, log, left = run(_others_stopped([(0, 0)]))
assert got == 0 and log == [] and left == 0, "a falsy answer is an answer"
got, log, left = run(_others_stopped([(5, ""), (None, "never")] + [(50 + i, i) for i in range(20)]))
assert got == "" and len(log) == 21 and left == 0
try:
    run(first_result([]))
except ValueError:
    pass
else:
    raise AssertionError("no calls: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "losers-keep-running"}
async def first_result(calls):
    if not calls:
        raise ValueError("empty")
    tasks = [asyncio.ensure_future(c()) for c in calls]
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    return next(t for t in tasks if t in done).result()  # the others go on running

# %% course={"kind": "wrong", "id": "waits-for-all"}
async def first_result(calls):
    if not calls:
        raise ValueError("empty")
    return (await asyncio.gather(*(c() for c in calls)))[0]  # waits for every call, even one that never ends

# %% course={"kind": "wrong", "id": "cancel-without-waiting"}
async def first_result(calls):
    if not calls:
        raise ValueError("empty")
    tasks = [asyncio.ensure_future(c()) for c in calls]
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in tasks:
        t.cancel()  # asks them to stop, but returns before they have
    return next(t for t in tasks if t in done).result()

# %% [markdown] course={"kind": "answer", "question": "q-what-is-async-await"}
# `async def` defines a coroutine function: calling it returns a coroutine object and runs nothing yet.
# `await x` inside a coroutine suspends it until the awaitable `x` (a coroutine, Task or Future) has a
# result, and hands control back to the event loop meanwhile, so other coroutines run in the same thread.
# It is cooperative multitasking: switches happen only at `await`, which makes shared state easier to
# reason about than with threads, but any blocking call (`time.sleep`, `requests.get`, heavy CPU work)
# freezes everything. It pays off for I/O-bound work with many waits: HTTP calls, sockets, databases.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-the-event-loop-work"}
# The loop keeps a queue of ready callbacks and a heap of timers. Each iteration it runs every ready
# callback (a Task's step runs its coroutine up to the next `await` that is not ready), then asks the OS
# with `select`/`epoll` which sockets are ready, waiting at most until the next timer is due, and turns
# those events and due timers into new ready callbacks. A Task waiting on a Future registers a callback on
# it; `set_result` schedules that callback, so the Task resumes in a later iteration. One loop per thread;
# `asyncio.run` creates it, runs the main coroutine, cancels what remains and closes it.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-async-vs-threading"}
# Async: many concurrent I/O waits (thousands of connections) with libraries that are async (aiohttp,
# asyncpg, aiokafka); cheap tasks, explicit switch points, easy cancellation and timeouts. Threads: a few
# concurrent blocking calls with synchronous libraries (boto3, requests, a database driver without async
# support), or when you cannot change the calling code; preemptive switching means locks for shared data.
# Neither speeds up CPU-bound Python code under the GIL: use processes for that. They mix:
# `asyncio.to_thread` runs a blocking call from async code.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-cancellation"}
# `task.cancel()` (or a timeout, or a TaskGroup whose sibling failed) raises `CancelledError` in the task at
# its current `await`. Handle it with `try/finally` or `except asyncio.CancelledError:` to release
# resources (close connections, flush buffers, put work back) and then re-raise it; never swallow it, or the
# task looks finished and timeouts and task groups break. `except Exception` does not catch it (it is a
# `BaseException` since 3.8). Use `asyncio.timeout()`/`wait_for` for deadlines, `asyncio.shield()` for work
# that must finish anyway, and after cancelling, `await` the task so it has really stopped.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-task-and"}
# A Future is a low-level placeholder for a result that someone else will set (`set_result`,
# `set_exception`); awaiting it waits for that. A Task is a subclass of Future that drives a coroutine: it
# is scheduled on the loop as soon as it is created, runs the coroutine step by step and sets its own result
# from the coroutine's return value or exception. Application code creates Tasks (`create_task`, TaskGroup)
# to run coroutines concurrently; Futures appear mostly inside libraries that bridge callbacks or threads to
# `await`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-run-sync-code-in-async"}
# Never call blocking code directly in a coroutine: it stops the whole loop. Run it in a worker thread:
# `await asyncio.to_thread(func, *args)` (3.9+) or `await loop.run_in_executor(executor, func, *args)`,
# with a `ProcessPoolExecutor` for CPU-heavy work. The coroutine waits while other tasks keep running.
# The other direction, sync code calling async code, is `asyncio.run(coro)` at a program's entry point,
# or `asyncio.run_coroutine_threadsafe(coro, loop)` from another thread when a loop is already running.
