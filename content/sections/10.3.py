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
# Helpers the demos and tests use.
# `run(coro)` runs a coroutine to the end and returns its result. In a plain script that is
# `asyncio.run(coro)`. In Jupyter an event loop is already running, so `asyncio.run` raises there; `run`
# then uses a fresh loop in a worker thread. (In a notebook you may also write `await coro` at the top
# level of a cell; a script may not.) `serve(app)` starts a real HTTP server (uvicorn) on 127.0.0.1 with a
# free port for one `with` block and stops it when the block ends.
# `settle()` lets every task that is ready run for a while: with nothing waiting on the network, the
# event loop runs them in a fixed order, so tests force interleavings with it instead of sleeping.
import asyncio
import collections
import gc
import sys
import warnings
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiohttp

from course.runtime.aio import run, serve


async def settle(turns: int = 200) -> None:
    """Give the event loop `turns` passes, so that every task that can make progress does."""
    for _ in range(turns):
        await asyncio.sleep(0)


class Site:
    """A tiny web site (an ASGI app, which uvicorn serves) that counts the requests for each path.

    /page/N      200 "page N"
    /flaky/K/X   503 for the first K requests of that path, then 200 "ok X"
    /down        503 always
    anything else 404
    """

    def __init__(self) -> None:
        self.hits: collections.Counter[str] = collections.Counter()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"]
        self.hits[path] += 1
        parts = path.strip("/").split("/")
        if parts[0] == "page" and len(parts) == 2:
            status, body = 200, f"page {parts[1]}"
        elif parts[0] == "flaky" and len(parts) == 3:
            ok = self.hits[path] > int(parts[1])
            status, body = (200, f"ok {parts[2]}") if ok else (503, "busy")
        elif path == "/down":
            status, body = 503, "busy"
        else:
            status, body = 404, "not found"
        headers = [(b"content-type", b"text/plain; charset=utf-8")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body.encode()})


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
# after another, and between rounds asks the operating system which sockets and timers are ready (with
# `select`/`epoll`), which makes more callbacks ready. A coroutine runs until its next `await` of something
# that is not ready, then hands control back. So nothing runs *in parallel*, and one coroutine that computes
# for a second (or calls `time.sleep`) stalls every other one.
#
# `asyncio.run(main())` creates a fresh loop, runs `main()` to the end, cancels what is left and closes the
# loop: use it once, at the entry point of a program. `asyncio.new_event_loop()` makes a loop you manage
# yourself (tests, a loop in a thread). `asyncio.get_event_loop()` is old API: inside a coroutine use
# `asyncio.get_running_loop()`. Outside a running loop, with no loop set, `get_event_loop()` creates one on
# 3.11.7 silently but emits a `DeprecationWarning` on 3.12.1 and 3.13.0 (checked), and 3.14 raises instead.

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


loop = asyncio.new_event_loop()
try:
    print("run_until_complete:", loop.run_until_complete(answer()))
finally:
    loop.close()


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
# readline()`/`read(n)`/`readexactly(n)`; a `StreamWriter` has `write(bytes)` (buffers only) and `await
# drain()` (waits until the buffer is flushed enough). Forgetting `drain()` lets a fast writer pile up
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
# shell, with the same injection risks as `shell=True` (7.3). A mistake: reading `proc.stdout` by hand
# while also waiting for the process; `communicate()` does both without deadlock.

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
