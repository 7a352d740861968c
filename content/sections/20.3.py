# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can keep a service up when the things it calls are slow or down: a circuit
# breaker that judges a failure *rate*, retries with capped exponential backoff and jitter inside a retry budget,
# bulkheads, rate limiters that stay correct with many clients, locks with fencing tokens, leases for leader
# election, and a caching strategy you can defend, plus the theory (CAP, PACELC, consistency models) to explain why.
#
# **What is real here and what is not.** The Valkey server is real (the open-source fork of Redis, started by this
# notebook on a Unix socket, stopped with the kernel), and so are `redis-py` (its `Lock`, `register_script`) and
# `tenacity` 9.2. Everything "distributed" beyond one Valkey is **simulated in this kernel**: the three-replica
# store, partitions, clocks (`FakeClock`), the majority arithmetic of Raft. There is **no ZooKeeper, no etcd, no
# Redlock cluster** here: they are explained, not run. Section 5.6 built a consecutive-failure breaker, a retry
# decorator and a bulkhead demo, 12.5 a token bucket and a sliding-window log, 13.4 a `SET NX` lock and cache-aside:
# this section builds on them rather than repeating.

# %% course={"kind": "setup", "id": "resilience"}
# What the demos and tests share. `fresh_client()` gives a client of the kernel's one real Valkey server
# (course/runtime/valkey.py) on an emptied database; set REDIS_URL to use your own server instead.
# `FakeClock` (course/runtime/clock.py) is a clock nobody waits on: `.advance(s)` moves it, `.sleep(s)` records.
# `Background` and `settled` (course/runtime/threads.py) let a test see a call that blocks instead of hanging on it.
import bisect
import functools
import hashlib
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

import redis
import tenacity

from course.runtime.clock import FakeClock
from course.runtime.redistest import Recording
from course.runtime.threads import Background, settled
from course.runtime.valkey import fresh_client, poll_until, redis_url

REDIS_URL = redis_url()
Layer = Callable[[Callable[..., Any]], Callable[..., Any]]  # a resilience layer: takes a function, returns a wrapper



def ring_hash(text: str) -> int:
    """A stable 64-bit hash (Python's own `hash()` of a str changes from run to run)."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:8], "big")


class CircuitOpenError(Exception):
    """The breaker refused the call without calling the dependency."""


class BulkheadFullError(Exception):
    """Every slot of the bulkhead is taken: the call was refused at once."""


class StaleTokenError(Exception):
    """A write carried a fencing token older than one the storage has already seen."""


# %% [markdown] course={"kind": "lesson", "id": "challenges", "covers": ["c-distributed-systems-challenges", "c-cap-theorem", "c-network-partitions", "c-consistency-models", "c-failure-modes"]}
# ### Why distributed is hard: partitions, CAP, consistency, failures
#
# Two machines talk only by messages, and a message can be lost, delayed or duplicated. A caller that hears nothing
# cannot tell "the server crashed" from "the network dropped the reply" from "the server is slow". Everything in this
# section is a way to live with that.
#
# **Failure modes**, from mild to worst: a **crash** (the process stops; maybe restarts), an **omission** (a message
# is lost), a **timing** failure (the answer comes, but too late to be useful), and a **byzantine** failure (a node
# answers wrongly or lies; bugs and corrupted disks look like this). The "fallacies of distributed computing"
# (L. Peter Deutsch and others at Sun) list what newcomers assume: the network is reliable, latency is zero,
# bandwidth is infinite, the network is secure, topology does not change, there is one administrator, transport
# cost is zero, the network is homogeneous.
#
# **A network partition** splits the nodes into groups that cannot reach each other while each keeps running.
# **CAP** (Brewer's conjecture, proved by Gilbert and Lynch in 2002) is a statement about that moment: *while a
# partition lasts*, a replicated store must choose between **consistency** (in CAP this means *linearizability*:
# every read sees the latest completed write) and **availability** (every request to a live node gets a non-error
# answer). It is not "pick any two of three": partitions are not optional, and without one you can have both.
# **PACELC** (Abadi) adds the normal case: if **P**artition, choose **A** or **C**; **E**lse choose **L**atency or
# **C**onsistency, because waiting for more replicas to confirm costs time even when the network is fine.
#
# **Consistency models**, strongest first: **linearizable** (one copy, real-time order), **sequential** (one order
# every node agrees on, respecting each client's own order, not real time), **causal** (if B could have seen A, all
# see A before B; unrelated writes may appear in different orders), **eventual** (replicas converge when writes
# stop). **Read-your-writes** is a per-client promise: you always see your own earlier writes. Dynamo-style stores
# tune this with a **quorum**: `N` replicas, a write waits for `W` acks, a read asks `R` replicas and takes the newest
# version. If `R + W > N` every read quorum overlaps every write quorum, so a read meets the latest write (in the
# simple model below; in real systems sloppy quorums, writes that failed half-way and concurrent writers weaken
# this, which is why Dynamo-style stores are not linearizable even with `R + W > N`).

# %% course={"kind": "demo"}
class Replica:
    def __init__(self, name: str) -> None:
        self.name, self.data, self.up = name, {}, True  # data: key -> (version, value)


def quorum_write(replicas: list[Replica], key: str, value: str, version: int, w: int) -> bool:
    reachable = [r for r in replicas if r.up]
    if len(reachable) < w:
        return False  # CP choice: refuse rather than accept a write too few replicas hold
    for r in reachable[:w]:  # the write "returns" after w acks; the others would catch up later
        r.data[key] = (version, value)
    return True


def quorum_read(replicas: list[Replica], key: str, r: int) -> str | None:
    asked = [rep for rep in replicas if rep.up][-r:]  # the read happens to ask the LAST r reachable replicas
    found = [rep.data[key] for rep in asked if key in rep.data]
    return max(found)[1] if found else None


for n_r, n_w in [(1, 1), (2, 2)]:
    nodes = [Replica(x) for x in "abc"]
    quorum_write(nodes, "model", "v1", 1, n_w)
    quorum_write(nodes, "model", "v2", 2, n_w)
    print(f"N=3 R={n_r} W={n_w} (R+W>N: {n_r + n_w > 3}): read sees {quorum_read(nodes, 'model', n_r)!r}")

nodes = [Replica(x) for x in "abc"]
nodes[1].up = nodes[2].up = False  # a partition: we can reach only replica a
print("partitioned, W=2 write accepted?", quorum_write(nodes, "model", "v3", 3, w=2), "(consistent, not available)")
print("partitioned, W=1 write accepted?", quorum_write(nodes, "model", "v3", 3, w=1), "(available, b and c are stale)")

# %% [markdown] course={"kind": "text"}
# Causal order needs more than a timestamp: machine clocks drift. Below, node b's clock is 50 ms behind a's. b reads
# a's write and then overwrites it, yet by the timestamps b's write looks *older*, so a store that keeps the "last
# write" by timestamp (last-write-wins) silently throws away the newer value. The exercise after this lesson builds
# the usual fix, **vector clocks**.

# %% course={"kind": "demo"}
skew_ms = {"a": 0, "b": -50}  # b's clock is 50 ms behind
true_time_ms = 1_000
writes = []
for node, value in [("a", "price=10"), ("b", "price=12")]:  # b writes 20 ms after a, having read a's value
    writes.append((true_time_ms + skew_ms[node], node, value))
    true_time_ms += 20
print("writes as stamped:", writes)
print("last-write-wins keeps:", max(writes)[2], "(but b's price=12 was written later)")

# %% [markdown] course={"kind": "exercise", "id": "vector-clocks"}
# ### Vector clocks: happened-before, concurrent, merge
#
# A vector clock is a dict `node -> counter`; a missing node counts as 0. Write two functions:
#
# - `vc_compare(x, y) -> str`: `"equal"` if every counter is the same; `"before"` if every counter of `x` is `<=`
#   the one of `y` (and they are not equal); `"after"` the other way round; otherwise `"concurrent"`.
# - `vc_merge(x, y) -> dict[str, int]`: a **new** dict with, for every node of either, the larger counter. Neither
#   argument is changed.
#
# ```python
# vc_compare({"a": 1}, {"a": 1, "b": 1})            # 'before'
# vc_compare({"a": 2}, {"a": 1, "b": 1})            # 'concurrent'
# vc_merge({"a": 2}, {"a": 1, "b": 1})              # {'a': 2, 'b': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# Go over `x.keys() | y.keys()` and use `.get(node, 0)` on both sides.

# %% [markdown] course={"kind": "hint"}
# Compute two booleans, "x <= y everywhere" and "x >= y everywhere"; the four answers follow from them.

# %% course={"kind": "solution"}
def vc_compare(x: Mapping[str, int], y: Mapping[str, int]) -> str:
    ### BEGIN SOLUTION
    nodes = x.keys() | y.keys()
    x_le = all(x.get(n, 0) <= y.get(n, 0) for n in nodes)
    x_ge = all(x.get(n, 0) >= y.get(n, 0) for n in nodes)
    if x_le and x_ge:
        return "equal"
    if x_le:
        return "before"
    if x_ge:
        return "after"
    return "concurrent"
    ### END SOLUTION


def vc_merge(x: Mapping[str, int], y: Mapping[str, int]) -> dict[str, int]:
    ### BEGIN SOLUTION
    return {n: max(x.get(n, 0), y.get(n, 0)) for n in x.keys() | y.keys()}
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert vc_compare({"a": 1}, {"a": 1, "b": 1}) == "before", "b saw a's write, then wrote"
assert vc_compare({"a": 1, "b": 1}, {"a": 1}) == "after"
assert vc_compare({"a": 2}, {"a": 1, "b": 1}) == "concurrent", "neither saw the other"
assert vc_compare({"a": 1, "b": 0}, {"a": 1}) == "equal", "a missing node counts as 0"
### BEGIN HIDDEN TESTS
assert vc_compare({}, {}) == "equal" and vc_compare({}, {"z": 1}) == "before" and vc_compare({"z": 1}, {}) == "after"
assert vc_compare({"a": 1, "b": 2}, {"a": 2, "b": 1}) == "concurrent"
assert vc_compare({"a": 3, "b": 5}, {"a": 3, "b": 6}) == "before"
assert vc_compare({"a": 3, "b": 6}, {"a": 3, "b": 5}) == "after"
assert vc_compare({"a": 1}, {"a": 1, "b": 0}) == "equal", "a zero only y knows is still zero"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
x, y = {"a": 2, "c": 1}, {"a": 1, "b": 1}
merged = vc_merge(x, y)
assert merged == {"a": 2, "b": 1, "c": 1} and type(merged) is dict, "the larger counter of every node"
assert x == {"a": 2, "c": 1} and y == {"a": 1, "b": 1} and merged is not x, "a new dict; inputs unchanged"
assert vc_compare(x, merged) == "before" and vc_compare(y, merged) == "before", "a merge comes after both"
### BEGIN HIDDEN TESTS
assert vc_merge({}, {}) == {} and vc_merge({"a": 0}, {}) == {"a": 0} and vc_merge({}, {"b": 0}) == {"b": 0}
assert vc_merge({"a": 5}, {"a": 7}) == {"a": 7} and vc_merge({"a": 7}, {"a": 5}) == {"a": 7}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-x-keys"}
def vc_compare(x, y):
    x_le = all(x[n] <= y.get(n, 0) for n in x)  # forgets nodes only y knows
    x_ge = all(x[n] >= y.get(n, 0) for n in x)
    if x_le and x_ge:
        return "equal"
    if x_le:
        return "before"
    if x_ge:
        return "after"
    return "concurrent"


def vc_merge(x, y):
    return {n: max(x.get(n, 0), y.get(n, 0)) for n in x.keys() | y.keys()}

# %% course={"kind": "wrong", "id": "merge-in-place"}
def vc_compare(x, y):
    nodes = x.keys() | y.keys()
    x_le = all(x.get(n, 0) <= y.get(n, 0) for n in nodes)
    x_ge = all(x.get(n, 0) >= y.get(n, 0) for n in nodes)
    if x_le and x_ge:
        return "equal"
    if x_le:
        return "before"
    if x_ge:
        return "after"
    return "concurrent"


def vc_merge(x, y):
    for n, count in y.items():  # updates the caller's clock
        x[n] = max(x.get(n, 0), count)
    return x

# %% course={"kind": "wrong", "id": "sum-compare"}
def vc_compare(x, y):
    total_x, total_y = sum(x.values()), sum(y.values())  # a total says nothing about concurrency
    if total_x == total_y:
        return "equal"
    return "before" if total_x < total_y else "after"


def vc_merge(x, y):
    return {n: max(x.get(n, 0), y.get(n, 0)) for n in x.keys() | y.keys()}

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-cap-theorem"}
# CAP says that when a network partition separates replicas of a store, the system cannot both answer every
# request (availability) and guarantee every read sees the latest write (linearizable consistency): it either
# refuses or delays some requests (CP: a quorum store like etcd or ZooKeeper stops answering writes on the minority
# side) or answers from possibly stale replicas (AP: Cassandra or DynamoDB with weak settings). It applies only
# during the partition; the rest of the time the trade-off is latency against consistency, which is what PACELC
# adds. "CA" is not a real choice for a distributed system, since you cannot decide not to have partitions.

# %% [markdown] course={"kind": "lesson", "id": "breaker", "covers": ["c-circuit-breaker", "c-states-closed-open-half-open", "c-failure-detection", "c-recovery", "c-implementation"]}
# ### Circuit breaker: stop calling what is down
#
# Section 5.6 built a breaker that opens after *N failures in a row*. Production breakers (resilience4j's
# `failureRateThreshold`, Polly v8's `FailureRatio`) judge a **failure rate** over a **sliding window** of recent
# calls, and only once a **minimum number of calls** is in the window, so one early error on a quiet service does
# not trip it.
#
# - **closed**: calls go through; outcomes enter the window. Rate at or above the threshold: **open**.
# - **open**: calls fail at once (`CircuitOpenError`), without touching the dependency. This is the point: a
#   dependency that times out after 2 s would otherwise hold a thread for 2 s per request.
# - **half-open** after a cool-down: **one probe** goes through. Success: closed (window emptied). Failure: open
#   again, with a fresh cool-down. Letting *every* call through in half-open would stampede a service that just
#   came back.
#
# **Failure detection** is the judgement "this call failed": an exception, a timeout, a 5xx status; a 404 is usually
# not the dependency's fault and should not count. The demo shows why a rate beats a run of failures, then what a
# breaker saves.

# %% course={"kind": "demo"}
outcomes = "xxoxxoxoxxoxxoxxox"  # a dependency failing about two calls in three, never three in a row
run = longest_run = 0
for outcome in outcomes:
    run = run + 1 if outcome == "x" else 0
    longest_run = max(longest_run, run)
last_ten = outcomes[-10:]
print(f"longest run of failures: {longest_run} -> a '3 in a row' breaker (5.6) never opens")
print(f"failure rate of the last 10 calls: {last_ten.count('x') / 10:.0%} -> a 50 % failure-rate breaker opens")

timeout_s, requests, threshold_calls = 2.0, 100, 5
without = requests * timeout_s  # every request waits for the timeout of a dead dependency
with_breaker = threshold_calls * timeout_s  # the first few fail slowly, then the breaker answers at once
print(f"{requests} requests to a dead dependency: {without:.0f} s of waiting without a breaker, "
      f"{with_breaker:.0f} s with one (it opens after {threshold_calls} failed calls)")

# %% [markdown] course={"kind": "exercise", "id": "rate-breaker", "item": "x-implement-circuit-breaker"}
# ### A circuit breaker that judges a failure rate, with a half-open probe
#
# Finish `CircuitBreaker(window=10, failure_rate=0.5, min_calls=4, open_seconds=30.0, clock=time.monotonic)`.
# `breaker.call(fn, *args, **kwargs)` calls `fn` through the breaker; `breaker.state` is `"closed"`, `"open"` or
# `"half-open"`.
#
# - **closed** (the start): call `fn`; its result is returned, its exception (any `Exception`) re-raised. Keep the
#   outcomes of the last `window` calls. After each call, if the window holds at least `min_calls` outcomes and
#   failures / outcomes `>= failure_rate`, the breaker **opens** at `clock()` and the window is emptied.
# - **open**: `call` raises `CircuitOpenError` without calling `fn`, until `open_seconds` have passed since it
#   opened; from that moment `state` reads `"half-open"`.
# - **half-open**: the next call is the **probe**: `fn` runs. Success: closed, window empty, result returned.
#   Failure: open again from `clock()` at the failure, exception re-raised. Any call made *while the probe runs*
#   (from another thread, or from inside `fn`) gets `CircuitOpenError`, and `state` reads `"half-open"` meanwhile.
#
# ```python
# clock = FakeClock(0.0)
# b = CircuitBreaker(window=4, failure_rate=0.5, min_calls=4, clock=clock)
# # ok, fail, ok, fail  ->  2 of 4 failed: "open";  clock.advance(30)  ->  "half-open"
# ```

# %% [markdown] course={"kind": "hint"}
# A `collections.deque(maxlen=window)` of booleans (True = failed) forgets old calls for you. Store *when* the breaker
# opened, not a state string: `state` can then be computed from the clock.

# %% [markdown] course={"kind": "hint"}
# Use a flag `_probing`, set before calling `fn` in half-open and cleared in a `finally`. While it is set, refuse.

# %% course={"kind": "solution"}
class CircuitBreaker:
    """Opens when the failure rate of the last `window` calls reaches `failure_rate` (with `min_calls` seen)."""

    def __init__(
        self,
        window: int = 10,
        failure_rate: float = 0.5,
        min_calls: int = 4,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window, self.failure_rate, self.min_calls = window, failure_rate, min_calls
        self.open_seconds, self.clock = open_seconds, clock
        ### BEGIN SOLUTION
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = the call failed
        self._opened_at: float | None = None
        self._probing = False
        ### END SOLUTION

    @property
    def state(self) -> str:
        ### BEGIN SOLUTION
        if self._opened_at is None:
            return "closed"
        if self._probing or self.clock() - self._opened_at >= self.open_seconds:
            return "half-open"
        return "open"
        ### END SOLUTION

    def _record(self, failed: bool) -> None:
        ### BEGIN SOLUTION
        self._outcomes.append(failed)
        calls = len(self._outcomes)
        if calls >= self.min_calls and sum(self._outcomes) >= self.failure_rate * calls:
            self._opened_at = self.clock()
            self._outcomes.clear()
        ### END SOLUTION

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        ### BEGIN SOLUTION
        state = self.state
        if state == "open" or self._probing:
            raise CircuitOpenError(state)
        if state == "half-open":
            self._probing = True
            try:
                result = fn(*args, **kwargs)
            except Exception:
                self._opened_at = self.clock()
                raise
            finally:
                self._probing = False
            self._opened_at = None
            return result
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record(True)
            raise
        self._record(False)
        return result
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def drive(breaker: Any, pattern: str) -> list[str]:
    """Call through the breaker: 'o' succeeds, 'x' raises ValueError; what each call gave."""
    seen = []
    for step in pattern:
        def dep(step: str = step) -> str:
            if step == "x":
                raise ValueError("down")
            return "ok"
        try:
            seen.append(breaker.call(dep))
        except ValueError:
            seen.append("failed")
        except CircuitOpenError:
            seen.append("refused")
    return seen


clock = FakeClock(0.0)
b = CircuitBreaker(window=4, failure_rate=0.5, min_calls=4, clock=clock)
assert drive(b, "xxx") == ["failed"] * 3 and b.state == "closed", "3 calls are fewer than min_calls=4: stay closed"
assert drive(b, "o") == ["ok"] and b.state == "open", "3 failed of 4 >= 0.5: open after the 4th call"
b = CircuitBreaker(window=4, failure_rate=0.5, min_calls=4, clock=clock)
assert drive(b, "oxoo") == ["ok", "failed", "ok", "ok"] and b.state == "closed", "1 of 4 failed: closed"
assert drive(b, "x") == ["failed"] and b.state == "open", "window of the LAST 4 calls: x o o x is 2 of 4"
### BEGIN HIDDEN TESTS
b = CircuitBreaker(window=4, failure_rate=0.75, min_calls=2, clock=clock)
assert drive(b, "ox") == ["ok", "failed"] and b.state == "closed", "1 of 2 < 0.75"
assert drive(b, "x") == ["failed"] and b.state == "closed", "2 of 3 is below 0.75"
assert drive(b, "x") == ["failed"] and b.state == "open", "3 of 4 reaches 0.75"
b = CircuitBreaker(window=10, failure_rate=0.5, min_calls=2, clock=clock)
assert drive(b, "ox") == ["ok", "failed"] and b.state == "open", "1 of 2 calls: the rate is over the calls seen"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(100.0)
b = CircuitBreaker(window=4, failure_rate=0.5, min_calls=2, open_seconds=30.0, clock=clock)
drive(b, "xx")
calls = []
try:
    b.call(lambda: calls.append("called"))
    raise AssertionError("an open breaker must raise CircuitOpenError")
except CircuitOpenError:
    pass
assert calls == [], "an open breaker must not call the dependency"
clock.advance(29.5)
assert b.state == "open", "29.5 s after opening the breaker is still open (open_seconds=30)"
clock.advance(0.5)
assert b.state == "half-open", "exactly open_seconds after opening: half-open"

# %% course={"kind": "test", "points": 3}
clock = FakeClock(0.0)
b = CircuitBreaker(window=4, failure_rate=0.5, min_calls=2, open_seconds=10.0, clock=clock)
drive(b, "xx")
clock.advance(10)
inner = []


def probe() -> str:
    inner.append(b.state)
    try:
        b.call(lambda: inner.append("second call ran"))
    except CircuitOpenError:
        inner.append("refused")
    return "probe ok"


assert b.call(probe) == "probe ok", "the half-open probe runs and its result is returned"
assert inner == ["half-open", "refused"], "while the probe runs, state is half-open and other calls are refused"
assert b.state == "closed", "a successful probe closes the breaker"
assert drive(b, "x") == ["failed"] and b.state == "closed", "after closing the window starts empty (1 call < 2)"
drive(b, "x")
clock.advance(10)
assert drive(b, "x") == ["failed"] and b.state == "open", "a failed probe opens the breaker again"
clock.advance(9.5)
assert b.state == "open", "the new cool-down counts from the failed probe"
clock.advance(0.5)
assert drive(b, "o") == ["ok"] and b.state == "closed"
### BEGIN HIDDEN TESTS
b = CircuitBreaker(window=3, failure_rate=0.5, min_calls=3, open_seconds=5.0, clock=clock)
try:
    b.call(lambda: 1 / 0)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("the dependency's own exception must reach the caller")
result = b.call(lambda: 0)
assert result == 0 and type(result) is int, "a falsy result is still a result"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "in-a-row"}
class CircuitBreaker:
    """Opens when the failure rate of the last `window` calls reaches `failure_rate` (with `min_calls` seen)."""

    def __init__(
        self,
        window: int = 10,
        failure_rate: float = 0.5,
        min_calls: int = 4,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window, self.failure_rate, self.min_calls = window, failure_rate, min_calls
        self.open_seconds, self.clock = open_seconds, clock
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = the call failed
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._probing or self.clock() - self._opened_at >= self.open_seconds:
            return "half-open"
        return "open"

    def _record(self, failed: bool) -> None:
        self._outcomes.append(failed)
        if not failed:
            self._outcomes.clear()  # counts failures IN A ROW, as in 5.6
        calls = len(self._outcomes)
        if calls >= self.min_calls and sum(self._outcomes) >= self.failure_rate * calls:
            self._opened_at = self.clock()
            self._outcomes.clear()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        state = self.state
        if state == "open" or self._probing:
            raise CircuitOpenError(state)
        if state == "half-open":
            self._probing = True
            try:
                result = fn(*args, **kwargs)
            except Exception:
                self._opened_at = self.clock()
                raise
            finally:
                self._probing = False
            self._opened_at = None
            return result
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record(True)
            raise
        self._record(False)
        return result

# %% course={"kind": "wrong", "id": "rate-over-window-size"}
class CircuitBreaker:
    """Opens when the failure rate of the last `window` calls reaches `failure_rate` (with `min_calls` seen)."""

    def __init__(
        self,
        window: int = 10,
        failure_rate: float = 0.5,
        min_calls: int = 4,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window, self.failure_rate, self.min_calls = window, failure_rate, min_calls
        self.open_seconds, self.clock = open_seconds, clock
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = the call failed
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._probing or self.clock() - self._opened_at >= self.open_seconds:
            return "half-open"
        return "open"

    def _record(self, failed: bool) -> None:
        self._outcomes.append(failed)
        calls = len(self._outcomes)
        if calls >= self.min_calls and sum(self._outcomes) / self.window >= self.failure_rate:  # over the size
            self._opened_at = self.clock()
            self._outcomes.clear()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        state = self.state
        if state == "open" or self._probing:
            raise CircuitOpenError(state)
        if state == "half-open":
            self._probing = True
            try:
                result = fn(*args, **kwargs)
            except Exception:
                self._opened_at = self.clock()
                raise
            finally:
                self._probing = False
            self._opened_at = None
            return result
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record(True)
            raise
        self._record(False)
        return result

# %% course={"kind": "wrong", "id": "probe-stampede"}
class CircuitBreaker:
    """Opens when the failure rate of the last `window` calls reaches `failure_rate` (with `min_calls` seen)."""

    def __init__(
        self,
        window: int = 10,
        failure_rate: float = 0.5,
        min_calls: int = 4,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window, self.failure_rate, self.min_calls = window, failure_rate, min_calls
        self.open_seconds, self.clock = open_seconds, clock
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = the call failed
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._probing or self.clock() - self._opened_at >= self.open_seconds:
            return "half-open"
        return "open"

    def _record(self, failed: bool) -> None:
        self._outcomes.append(failed)
        calls = len(self._outcomes)
        if calls >= self.min_calls and sum(self._outcomes) >= self.failure_rate * calls:
            self._opened_at = self.clock()
            self._outcomes.clear()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        state = self.state
        if state == "open":
            raise CircuitOpenError(state)
        if state == "half-open":
            try:
                result = fn(*args, **kwargs)
            except Exception:
                self._opened_at = self.clock()
                raise
            finally:
                self._probing = False
            self._opened_at = None
            return result
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record(True)
            raise
        self._record(False)
        return result

# %% course={"kind": "wrong", "id": "old-cooldown"}
class CircuitBreaker:
    """Opens when the failure rate of the last `window` calls reaches `failure_rate` (with `min_calls` seen)."""

    def __init__(
        self,
        window: int = 10,
        failure_rate: float = 0.5,
        min_calls: int = 4,
        open_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window, self.failure_rate, self.min_calls = window, failure_rate, min_calls
        self.open_seconds, self.clock = open_seconds, clock
        self._outcomes: deque[bool] = deque(maxlen=window)  # True = the call failed
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._probing or self.clock() - self._opened_at >= self.open_seconds:
            return "half-open"
        return "open"

    def _record(self, failed: bool) -> None:
        self._outcomes.append(failed)
        calls = len(self._outcomes)
        if calls >= self.min_calls and sum(self._outcomes) >= self.failure_rate * calls:
            self._opened_at = self.clock()
            self._outcomes.clear()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        state = self.state
        if state == "open" or self._probing:
            raise CircuitOpenError(state)
        if state == "half-open":
            self._probing = True
            try:
                result = fn(*args, **kwargs)
            except Exception:
                raise  # keeps the old opening time
            finally:
                self._probing = False
            self._opened_at = None
            return result
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._record(True)
            raise
        self._record(False)
        return result


# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-a-circuit-breaker"}
# Wrap every call to the dependency in an object with three states. Closed: calls pass, outcomes go into a sliding
# window (count- or time-based); when the failure rate over at least a minimum number of calls reaches the
# threshold, open and note the time. Open: fail fast with a distinct error (so the caller can fall back to a cached
# value or a default) until a cool-down passes. Half-open: let one probe (or a few) through; success closes and
# empties the window, failure reopens with a fresh cool-down. Decide what counts as a failure (timeouts and 5xx,
# not 4xx), keep one breaker per dependency (not one global), make the clock injectable for tests, and export the
# state as a metric so an alert fires when a breaker opens.

# %% [markdown] course={"kind": "lesson", "id": "retries", "covers": ["c-retry-patterns", "c-exponential-backoff", "c-jitter", "c-max-retries", "c-retry-budgets"]}
# ### Retries: backoff, jitter, a maximum, and a budget
#
# Retry only what can succeed next time (a timeout, a connection reset, HTTP 503) and only operations that are
# **idempotent** (doing them twice equals doing them once), or make them so with an idempotency key: a retried
# "charge the card" that had in fact succeeded charges twice.
#
# **Exponential backoff** waits `base * 2**k` before retry `k` (k = 0, 1, ...), **capped** at `cap`. If a thousand
# clients failed at the same instant, they would all come back at the same instants too, so add **jitter**. The AWS
# Architecture Blog post "Exponential Backoff And Jitter" (Marc Brooker, 2015) compares, with
# `temp = min(cap, base * 2**k)`:
#
# | name | sleep |
# |---|---|
# | full jitter | `uniform(0, temp)` |
# | equal jitter | `temp / 2 + uniform(0, temp / 2)` |
# | decorrelated jitter | `min(cap, uniform(base, previous_sleep * 3))` |
#
# `tenacity`'s `wait_random_exponential(multiplier, max)` is full jitter: in 9.2's source its `__call__` computes the
# capped exponential `multiplier * 2 ** (attempt_number - 1)` and returns `random.uniform(min, that)` (with `min=0`
# by default). **Max retries** bounds one request; a **retry budget** bounds the whole client: retries may be at most,
# say, 10 % of requests, so an outage does not multiply the load by the number of attempts (a *retry storm*).

# %% course={"kind": "demo"}
flaky_clock = FakeClock(0.0)
failures_left = [3]
random.seed(2015)  # tenacity draws its jitter from the module-level `random`: seeded, this output repeats


def flaky_fetch() -> str:
    if failures_left[0]:
        failures_left[0] -= 1
        raise ConnectionError("reset by peer")
    return "payload"


retrying = tenacity.Retrying(
    stop=tenacity.stop_after_attempt(5),
    wait=tenacity.wait_random_exponential(multiplier=0.5, max=3),
    retry=tenacity.retry_if_exception_type(ConnectionError),  # a ValueError would not be retried
    sleep=flaky_clock.sleep,  # record the waits instead of waiting
    reraise=True,
)
print("result:", retrying(flaky_fetch), "after attempts:", retrying.statistics["attempt_number"])
for k, slept in enumerate(flaky_clock.sleeps):
    print(f"retry {k}: slept {slept:.3f} s, window was [0, {min(3, 0.5 * 2**k)}]")

# %% [markdown] course={"kind": "text"}
# Why a budget: 3 layers of services, each making up to 4 attempts, turn one user request into up to 4**3 = 64
# calls at the bottom when it is down. The arithmetic below is the retry storm; a budget caps the extra load.

# %% course={"kind": "demo"}
for layers in (1, 2, 3):
    print(f"{layers} layer(s) of 4 attempts: up to {4**layers:>2} calls per user request; "
          f"with a 10 % budget per layer: about {1.1**layers:.2f} once the reserve is spent")


# %% [markdown] course={"kind": "exercise", "id": "jitter-retry", "item": "x-implement-retry-with-exponential-backoff"}
# ### Retry with capped exponential backoff and full jitter
#
# Write `retry_call(fn, *, attempts=4, base=0.1, cap=2.0, retry_on=(ConnectionError, TimeoutError), rng=None,
# sleep=time.sleep)`. It calls `fn()` (no arguments) and returns its result.
#
# - If `fn` raises an instance of one of `retry_on` and attempts are left, sleep and call again. The sleep before
#   retry `k` (k = 0 for the first retry) is **full jitter**: `rng.uniform(0, min(cap, base * 2**k))`, called once
#   per retry, and passed to `sleep`. `rng` defaults to a new `random.Random()`.
# - `fn` is called at most `attempts` times. When the last attempt fails, re-raise **that last exception** (the same
#   object), with no sleep after it.
# - Any other exception propagates at once: no sleep, no retry.
# - `attempts < 1` raises `ValueError` before calling `fn`.
#
# ```python
# retry_call(flaky, attempts=4, base=0.1, cap=2.0, rng=random.Random(1), sleep=clock.sleep)
# # flaky fails twice with ConnectionError, then returns "ok": two sleeps, from windows [0, 0.1] and [0, 0.2]
# ```

# %% [markdown] course={"kind": "hint"}
# Loop `for k in range(attempts)`: try, return on success; on a retryable error, re-raise if `k` is the last
# attempt, else sleep.

# %% [markdown] course={"kind": "hint"}
# `except retry_on as error:` catches any class of the tuple; other exceptions are simply not caught.

# %% course={"kind": "solution"}
def retry_call(
    fn: Callable[[], Any],
    *,
    attempts: int = 4,
    base: float = 0.1,
    cap: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    rng: random.Random | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    ### BEGIN SOLUTION
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    rng = rng or random.Random()
    for k in range(attempts - 1):
        try:
            return fn()
        except retry_on:
            sleep(rng.uniform(0, min(cap, base * 2**k)))
    return fn()  # the last attempt: its exception, whatever it is, goes to the caller
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class TopOfWindow(random.Random):
    """An rng whose uniform(a, b) records (a, b) and returns b: the test sees every window."""

    def __init__(self) -> None:
        super().__init__(0)
        self.windows: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.windows.append((a, b))
        return b


def failing(times: int, error: BaseException, result: object = "ok") -> Callable[[], object]:
    calls = {"n": 0}

    def fn() -> object:
        calls["n"] += 1
        if calls["n"] <= times:
            raise error
        return result

    fn.calls = calls  # type: ignore[attr-defined]
    return fn


clock, rng = FakeClock(0.0), TopOfWindow()
fn = failing(2, ConnectionError("reset"))
assert retry_call(fn, attempts=4, base=0.1, cap=2.0, rng=rng, sleep=clock.sleep) == "ok"
assert fn.calls["n"] == 3, "two failures then success: three calls"
assert rng.windows == [(0, 0.1), (0, 0.2)], "full jitter windows: [0, base * 2**k] for k = 0, 1"
assert clock.sleeps == [0.1, 0.2], "sleep exactly what the rng chose"

# %% course={"kind": "test", "points": 2}
clock, rng = FakeClock(0.0), TopOfWindow()
error = TimeoutError("slow")
fn = failing(99, error)
try:
    retry_call(fn, attempts=5, base=1.0, cap=3.0, rng=rng, sleep=clock.sleep)
    raise AssertionError("all attempts failed: the last error must be raised")
except TimeoutError as raised:
    assert raised is error, "re-raise the last exception itself"
assert fn.calls["n"] == 5, "attempts=5 means 5 calls"
assert clock.sleeps == [1.0, 2.0, 3.0, 3.0], "windows 1, 2, 4->3, 8->3 (capped); no sleep after the last attempt"
### BEGIN HIDDEN TESTS
clock, rng = FakeClock(0.0), TopOfWindow()
fn = failing(99, ConnectionError("x"))
try:
    retry_call(fn, attempts=1, rng=rng, sleep=clock.sleep)
except ConnectionError:
    pass
assert fn.calls["n"] == 1 and clock.sleeps == [], "attempts=1: one call, no sleep"
assert rng.windows == [], "no retry, no jitter drawn"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
fn = failing(1, ValueError("bad input"))
try:
    retry_call(fn, rng=TopOfWindow(), sleep=clock.sleep)
    raise AssertionError("a ValueError is not retryable: it must propagate")
except ValueError:
    pass
assert fn.calls["n"] == 1 and clock.sleeps == [], "a non-retryable error: one call, no sleep"
try:
    retry_call(failing(0, ValueError()), attempts=0)
    raise AssertionError("attempts=0 must raise ValueError")
except ValueError:
    pass
### BEGIN HIDDEN TESTS
clock = FakeClock(0.0)
assert retry_call(failing(1, ConnectionError()), sleep=clock.sleep) == "ok", "rng=None: a new random.Random()"
assert len(clock.sleeps) == 1 and 0 <= clock.sleeps[0] <= 0.1
fn = failing(1, KeyError("k"), result=0)
assert retry_call(fn, retry_on=(KeyError,), rng=TopOfWindow(), sleep=clock.sleep) == 0, "retry_on is honoured"
fn = failing(0, ValueError(), result=None)
assert retry_call(fn, attempts=1) is None and fn.calls["n"] == 1, "a None result is returned at once"
seeded = [retry_call(failing(3, ConnectionError()), rng=random.Random(5), sleep=clock.sleep) for _ in range(1)]
expected_rng = random.Random(5)
assert clock.sleeps[-3:] == [expected_rng.uniform(0, 0.1), expected_rng.uniform(0, 0.2), expected_rng.uniform(0, 0.4)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "window-starts-at-2base"}
def retry_call(
    fn: Callable[[], Any],
    *,
    attempts: int = 4,
    base: float = 0.1,
    cap: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    rng: random.Random | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    rng = rng or random.Random()
    for k in range(attempts - 1):
        try:
            return fn()
        except retry_on:
            sleep(rng.uniform(0, min(cap, base * 2 ** (k + 1))))
    return fn()  # the last attempt: its exception, whatever it is, goes to the caller

# %% course={"kind": "wrong", "id": "one-call-too-many"}
def retry_call(
    fn: Callable[[], Any],
    *,
    attempts: int = 4,
    base: float = 0.1,
    cap: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    rng: random.Random | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    rng = rng or random.Random()
    for k in range(attempts):
        try:
            return fn()
        except retry_on:
            sleep(rng.uniform(0, min(cap, base * 2**k)))
    return fn()  # the last attempt: its exception, whatever it is, goes to the caller

# %% course={"kind": "wrong", "id": "retries-everything"}
def retry_call(
    fn: Callable[[], Any],
    *,
    attempts: int = 4,
    base: float = 0.1,
    cap: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    rng: random.Random | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    rng = rng or random.Random()
    for k in range(attempts - 1):
        try:
            return fn()
        except Exception:
            sleep(rng.uniform(0, min(cap, base * 2**k)))
    return fn()  # the last attempt: its exception, whatever it is, goes to the caller


# %% [markdown] course={"kind": "exercise", "id": "retry-budget"}
# ### A retry budget that stops retry storms
#
# Write `RetryBudget(per_retry=10, reserve=3)`: a client may retry about once per `per_retry` requests, with a small
# reserve for quiet periods. It keeps whole-number **credits**:
#
# - it starts with `per_retry * reserve` credits, which is also the most it can hold;
# - `on_request()` is called once for every *original* request (not for retries) and adds 1 credit, never above
#   the maximum;
# - `try_retry()` returns `True` and spends `per_retry` credits if at least that many are there; otherwise it
#   returns `False` and spends nothing;
# - `retries_left` (a property) is how many retries the credits pay for now, an `int`.
#
# ```python
# budget = RetryBudget(per_retry=10, reserve=3)
# [budget.try_retry() for _ in range(4)]   # [True, True, True, False]
# for _ in range(10): budget.on_request()
# budget.try_retry()                        # True: ten requests earned one retry
# ```

# %% [markdown] course={"kind": "hint"}
# Keep one integer, `self._credits`. `min(self._credits + 1, self._max)` caps it.

# %% course={"kind": "solution"}
class RetryBudget:
    """At most about one retry per `per_retry` original requests, plus a reserve of `reserve` retries."""

    def __init__(self, per_retry: int = 10, reserve: int = 3) -> None:
        self.per_retry = per_retry
        ### BEGIN SOLUTION
        self._max = per_retry * reserve
        self._credits = self._max
        ### END SOLUTION

    def on_request(self) -> None:
        ### BEGIN SOLUTION
        self._credits = min(self._credits + 1, self._max)
        ### END SOLUTION

    def try_retry(self) -> bool:
        ### BEGIN SOLUTION
        if self._credits < self.per_retry:
            return False
        self._credits -= self.per_retry
        return True
        ### END SOLUTION

    @property
    def retries_left(self) -> int:
        ### BEGIN SOLUTION
        return self._credits // self.per_retry
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
budget = RetryBudget(per_retry=10, reserve=3)
assert budget.retries_left == 3 and type(budget.retries_left) is int, "a new budget holds `reserve` retries"
assert [budget.try_retry() for _ in range(4)] == [True, True, True, False], "the reserve is spent, then refused"
for _ in range(9):
    budget.on_request()
assert budget.try_retry() is False, "9 requests are not enough for one retry at per_retry=10"
budget.on_request()
assert budget.try_retry() is True, "the 10th request earns a retry"
assert budget.try_retry() is False and budget.retries_left == 0

# %% course={"kind": "test", "points": 2}
budget = RetryBudget(per_retry=4, reserve=2)
for _ in range(1000):
    budget.on_request()
assert budget.retries_left == 2, "credits are capped: 1000 quiet requests still buy only `reserve` retries"
assert [budget.try_retry() for _ in range(3)] == [True, True, False]
for _ in range(6):
    budget.on_request()
assert budget.retries_left == 1, "6 credits pay for one retry of 4 (2 left over)"
budget.on_request()
budget.on_request()
assert budget.retries_left == 2, "...and 2 more make a second"
### BEGIN HIDDEN TESTS
budget = RetryBudget(per_retry=5, reserve=1)
assert budget.try_retry() is True and budget.try_retry() is False
assert budget.retries_left == 0, "a refused retry spends nothing (no negative credits)"
for _ in range(5):
    budget.on_request()
assert budget.retries_left == 1, "after a refusal, 5 requests are exactly one retry again"
budget = RetryBudget(per_retry=1, reserve=2)
assert [budget.try_retry() for _ in range(3)] == [True, True, False]
budget.on_request()
assert budget.try_retry() is True and budget.retries_left == 0
budget = RetryBudget()
assert budget.retries_left == 3 and [budget.try_retry() for _ in range(4)] == [True, True, True, False], "defaults 10, 3"
for _ in range(10):
    budget.on_request()
assert budget.retries_left == 1
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-cap"}
class RetryBudget:
    """At most about one retry per `per_retry` original requests, plus a reserve of `reserve` retries."""

    def __init__(self, per_retry: int = 10, reserve: int = 3) -> None:
        self.per_retry = per_retry
        self._max = per_retry * reserve
        self._credits = self._max

    def on_request(self) -> None:
        self._credits += 1  # no cap

    def try_retry(self) -> bool:
        if self._credits < self.per_retry:
            return False
        self._credits -= self.per_retry
        return True

    @property
    def retries_left(self) -> int:
        return self._credits // self.per_retry

# %% course={"kind": "wrong", "id": "spends-when-refused"}
class RetryBudget:
    """At most about one retry per `per_retry` original requests, plus a reserve of `reserve` retries."""

    def __init__(self, per_retry: int = 10, reserve: int = 3) -> None:
        self.per_retry = per_retry
        self._max = per_retry * reserve
        self._credits = self._max

    def on_request(self) -> None:
        self._credits = min(self._credits + 1, self._max)

    def try_retry(self) -> bool:
        self._credits -= self.per_retry
        return self._credits >= 0  # spends even when it refuses

    @property
    def retries_left(self) -> int:
        return self._credits // self.per_retry

# %% course={"kind": "wrong", "id": "needs-more-than-enough"}
class RetryBudget:
    """At most about one retry per `per_retry` original requests, plus a reserve of `reserve` retries."""

    def __init__(self, per_retry: int = 10, reserve: int = 3) -> None:
        self.per_retry = per_retry
        self._max = per_retry * reserve
        self._credits = self._max

    def on_request(self) -> None:
        self._credits = min(self._credits + 1, self._max)

    def try_retry(self) -> bool:
        if self._credits <= self.per_retry:
            return False
        self._credits -= self.per_retry
        return True

    @property
    def retries_left(self) -> int:
        return self._credits // self.per_retry


# %% [markdown] course={"kind": "lesson", "id": "bulkheads", "covers": ["c-bulkhead-pattern", "c-isolation", "c-resource-limits", "c-failure-containment"]}
# ### Bulkheads and timeouts: contain the damage
#
# Recap (5.6): a ship's bulkheads stop one flooded compartment from sinking the ship. In a service: give each
# dependency its own bounded pool (threads, connections, a semaphore), so a slow payment API can tie up its 4 slots
# but never the threads that serve the catalogue. When the pool is full, **refuse at once** (or wait a short, bounded
# time): a queue without bound only moves the pile-up. **Timeouts** are the other half: every remote call needs one,
# and a request with a **deadline** passes what is *left* of it downstream (gRPC clients can propagate deadlines this
# way), so no callee keeps working for a caller that has already given up.

# %% course={"kind": "demo"}
payments, catalogue = threading.BoundedSemaphore(2), threading.BoundedSemaphore(2)
release_all = threading.Event()
holding = threading.Barrier(3)


def slow_payment() -> None:
    with payments:
        holding.wait()  # both slots are taken now
        release_all.wait()


workers = [threading.Thread(target=slow_payment) for _ in range(2)]
for worker in workers:
    worker.start()
holding.wait()
print("third payment call gets a slot?", payments.acquire(blocking=False), "-> refuse fast")
print("catalogue call gets a slot?   ", catalogue.acquire(blocking=False), "-> unaffected")
catalogue.release()
release_all.set()
for worker in workers:
    worker.join()
try:
    payments.release()  # one release too many
except ValueError as error:
    print("BoundedSemaphore catches a double release:", error)

budget_clock = FakeClock(0.0)
deadline = budget_clock() + 1.0  # the user's request has 1 s in all
budget_clock.advance(0.7)  # our own work took 0.7 s
print(f"timeout for the downstream call: {min(2.0, deadline - budget_clock()):.1f} s (not its usual 2.0 s)")


# %% [markdown] course={"kind": "exercise", "id": "bulkhead"}
# ### A bulkhead that refuses instead of queueing
#
# Write `Bulkhead(limit)`: at most `limit` calls may run through `bulkhead.call(fn, *args, **kwargs)` at the same
# time (from any threads). A call that finds every slot taken raises `BulkheadFullError` at once, without calling
# `fn`. A slot is given back when `fn` returns **or raises** (its exception goes to the caller). `in_flight` (a
# property, an `int`) is the number of calls running now. `limit < 1` raises `ValueError`.
#
# ```python
# payments = Bulkhead(2)
# payments.call(charge, order)   # runs charge(order); with 2 charges already running: BulkheadFullError
# ```

# %% [markdown] course={"kind": "hint"}
# A counter guarded by a `threading.Lock`: check and increment under the lock, call `fn` outside it.

# %% [markdown] course={"kind": "hint"}
# Give the slot back in a `finally:` block. (`threading.BoundedSemaphore(limit).acquire(blocking=False)` is
# another way to do it.)

# %% course={"kind": "solution"}
class Bulkhead:
    """At most `limit` calls at once; the next one is refused with BulkheadFullError."""

    def __init__(self, limit: int) -> None:
        ### BEGIN SOLUTION
        if limit < 1:
            raise ValueError("a bulkhead needs at least one slot")
        self.limit = limit
        self._lock = threading.Lock()
        self._in_flight = 0
        ### END SOLUTION

    @property
    def in_flight(self) -> int:
        ### BEGIN SOLUTION
        return self._in_flight
        ### END SOLUTION

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        ### BEGIN SOLUTION
        with self._lock:
            if self._in_flight >= self.limit:
                raise BulkheadFullError(f"all {self.limit} slots are busy")
            self._in_flight += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with self._lock:
                self._in_flight -= 1
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
pool = Bulkhead(2)
seen = []


def nested(depth: int) -> str:
    seen.append(pool.in_flight)
    if depth == 0:
        return "bottom"
    try:
        return pool.call(nested, depth - 1)
    except BulkheadFullError:
        return "refused"


outcome = Background(lambda: pool.call(nested, 5)).finish()  # a call that waits for a slot fails here, not hangs
assert outcome == "refused", "the third nested call finds 2 slots taken: refused at once, not made to wait"
assert seen == [1, 2], "in_flight counts the calls running now; the refused call never ran"
assert pool.in_flight == 0 and type(pool.in_flight) is int, "every slot is back afterwards"
assert pool.call(lambda x, y=0: x + y, 1, y=2) == 3, "arguments reach fn"

# %% course={"kind": "test", "points": 2}
pool = Bulkhead(1)
try:
    pool.call(lambda: 1 / 0)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("fn's exception must reach the caller")
assert pool.in_flight == 0, "a call that raised gives its slot back"
assert pool.call(lambda: "again") == "again", "so the next call runs"
try:
    Bulkhead(0)
    raise AssertionError("Bulkhead(0) must raise ValueError")
except ValueError:
    pass
### BEGIN HIDDEN TESTS
pool = Bulkhead(3)
inside, go = threading.Barrier(4), threading.Event()
threads = [threading.Thread(target=pool.call, args=(lambda: (inside.wait(), go.wait(10)),)) for _ in range(3)]
for thread in threads:
    thread.start()
inside.wait(10)  # all three worker calls are running
ran: list[str] = []
fourth = Background(lambda: pool.call(ran.append, "fourth"))
settled([fourth.thread])  # it ends (a correct answer refuses at once) or sits blocked, waiting for a slot
refused = fourth.done.is_set() and isinstance(fourth.error, BulkheadFullError)
go.set()
for thread in threads:
    thread.join(10)
fourth.thread.join(10)
assert refused and ran == [], "with 3 calls running in threads, a 4th is refused at once, without running"
assert pool.in_flight == 0
assert Bulkhead(1).call(lambda: None) is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "slot-lost-on-error"}
class Bulkhead:
    """At most `limit` calls at once; the next one is refused with BulkheadFullError."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a bulkhead needs at least one slot")
        self.limit = limit
        self._lock = threading.Lock()
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._in_flight >= self.limit:
                raise BulkheadFullError(f"all {self.limit} slots are busy")
            self._in_flight += 1
        result = fn(*args, **kwargs)
        with self._lock:
            self._in_flight -= 1
        return result

# %% course={"kind": "wrong", "id": "waits-for-a-slot"}
class Bulkhead:
    """At most `limit` calls at once; the next one is refused with BulkheadFullError."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a bulkhead needs at least one slot")
        self.limit = limit
        self._slots = threading.Semaphore(limit)
        self._lock = threading.Lock()
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._slots.acquire(timeout=3.0):  # queues for up to 3 s instead of refusing at once
            raise BulkheadFullError(f"all {self.limit} slots are busy")
        with self._lock:
            self._in_flight += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with self._lock:
                self._in_flight -= 1
            self._slots.release()

# %% course={"kind": "wrong", "id": "one-slot-too-many"}
class Bulkhead:
    """At most `limit` calls at once; the next one is refused with BulkheadFullError."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a bulkhead needs at least one slot")
        self.limit = limit
        self._lock = threading.Lock()
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._in_flight > self.limit:
                raise BulkheadFullError(f"all {self.limit} slots are busy")
            self._in_flight += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with self._lock:
                self._in_flight -= 1


# %% [markdown] course={"kind": "lesson", "id": "rate-limits", "covers": ["c-rate-limiting", "c-token-bucket", "c-sliding-window", "c-distributed-rate-limiting"]}
# ### Rate limiting, and doing it across many servers
#
# Recap (12.5): a **token bucket** refills `rate` tokens a second up to `capacity` and spends one per request
# (bursts allowed); a **sliding-window log** keeps each request's time (exact, memory grows with the limit). The
# **sliding-window counter** keeps only two counters, this fixed window's and the previous one's, and estimates
# `previous * (part of the previous window still inside the sliding window) + current`: constant memory, a small
# error.
#
# With ten API servers, each limiting on its own, a client gets ten times the limit: the counter must be shared,
# usually in Redis/Valkey. Then **read-check-write must be atomic**. Two real clients below read the same count,
# both decide "allowed", both write: the limit of 1 let 2 through. A Lua script runs on the server with no other
# command in between (Valkey runs scripts one at a time), so the same logic in a script cannot race.

# %% course={"kind": "demo"}
alice, bob = fresh_client(), redis.Redis.from_url(REDIS_URL, decode_responses=True)
alice.set("left:api", 1)
seen_a = int(alice.get("left:api"))  # both read 1 ...
seen_b = int(bob.get("left:api"))
if seen_a > 0:
    alice.set("left:api", seen_a - 1)
if seen_b > 0:
    bob.set("left:api", seen_b - 1)
print("non-atomic: both allowed:", seen_a > 0 and seen_b > 0, "| counter now", alice.get("left:api"))

take_one = alice.register_script(
    "local n = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if n > 0 then redis.call('DECR', KEYS[1]) return 1 end return 0"
)
alice.set("left:api", 1)
print("atomic script:", [take_one(keys=["left:api"]), take_one(keys=["left:api"], client=bob)], "(1 = allowed)")
bob.close()
alice.close()

# %% [markdown] course={"kind": "exercise", "id": "window-counter", "item": "x-implement-rate-limiting"}
# ### A sliding-window-counter limiter
#
# Write `WindowCounter(limit, window, clock=time.monotonic)` with `allow(key) -> bool`. Time is cut into fixed
# windows of `window` seconds: window `i` covers `[i * window, (i + 1) * window)`. For a request at `now` in
# window `i`, with `current` = requests of `key` already allowed in window `i` and `previous` = those allowed in
# window `i - 1` (0 if none):
#
# `estimate = previous * (1 - (now - i * window) / window) + current`
#
# If `estimate < limit` the request is allowed and counted in window `i`; otherwise it is refused and **not**
# counted. Keys are independent.
#
# ```python
# clock = FakeClock(0.0); lim = WindowCounter(4, 10.0, clock)
# # 4 allowed at t=0, the 5th refused; at t=15 the previous window weighs 0.5: estimate 2, so 2 more allowed
# ```

# %% [markdown] course={"kind": "hint"}
# `i = now // window`. Keep a dict `key -> {window index: count}`; only windows `i` and `i - 1` matter.

# %% [markdown] course={"kind": "hint"}
# The weight of the previous window is the part of it still inside the sliding window: `1 - elapsed / window`,
# where `elapsed` is the time since window `i` started (not since the previous one started).

# %% course={"kind": "solution"}
class WindowCounter:
    """Sliding-window counter: two fixed-window counts per key, the previous one weighted by its overlap."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        ### BEGIN SOLUTION
        self._counts: dict[str, dict[int, int]] = {}
        ### END SOLUTION

    def allow(self, key: str) -> bool:
        ### BEGIN SOLUTION
        now = self.clock()
        i = now // self.window
        counts = self._counts.setdefault(key, {})
        weight = 1 - (now - i * self.window) / self.window
        estimate = counts.get(i - 1, 0) * weight + counts.get(i, 0)
        if estimate >= self.limit:
            return False
        self._counts[key] = {i - 1: counts.get(i - 1, 0), i: counts.get(i, 0) + 1}  # older windows dropped
        return True
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
lim = WindowCounter(4, 10.0, clock)
got = []
for _ in range(5):
    got.append(lim.allow("alice"))
    clock.advance(0.5)
assert got == [True, True, True, True, False], "a limit of 4 in one window: the 5th is refused"
assert lim.allow("bob") is True, "keys are independent"

# %% course={"kind": "test", "points": 3}
clock = FakeClock(0.0)
lim = WindowCounter(4, 10.0, clock)
assert [lim.allow("k") for _ in range(4)] == [True] * 4
clock.advance(10.0)  # t = 10: window 1 starts, window 0 still weighs 1.0
assert lim.allow("k") is False, "at the very start of the next window the previous one counts in full"
clock.advance(5.0)  # t = 15: weight 0.5, estimate 2
assert [lim.allow("k") for _ in range(3)] == [True, True, False], "2 + 0.5 * 4 reaches 4 after two more"
clock.advance(7.5)  # t = 22.5: previous window (1) holds 2, weight 0.75 -> 1.5
assert [lim.allow("k") for _ in range(4)] == [True, True, True, False], "1.5 + 3 allowed = 4.5 >= 4"
### BEGIN HIDDEN TESTS
clock.advance(20.0)  # t = 42.5: window 4; window 3 is empty, window 2 is too old to count
assert [lim.allow("k") for _ in range(5)] == [True] * 4 + [False], "two windows later nothing old counts"
clock = FakeClock(9.999)
lim = WindowCounter(1, 10.0, clock)
assert lim.allow("a") is True and lim.allow("a") is False
clock.advance(0.001)
assert lim.allow("a") is False, "t = 10.0: the previous window weighs 1"
clock.advance(5.0)
assert lim.allow("a") is True, "t = 15: 0.5 < 1"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
clock = FakeClock(0.0)
lim = WindowCounter(2, 1.0, clock)
results = [lim.allow("x") for _ in range(50)]
clock.advance(1.5)
assert results.count(True) == 2 and lim.allow("x") is True, "refused requests are not counted: 0.5 * 2 < 2"
### BEGIN HIDDEN TESTS
assert lim.allow("x") is False, "1 + 0.5 * 2 = 2 >= 2"
clock.advance(100.0)
assert lim.allow("x") is True and lim.allow("x") is True and lim.allow("x") is False
assert type(lim.allow("y")) is bool
assert WindowCounter(1, 10.0, FakeClock(0.0)).allow("new") is True, "the first request ever, limit 1: allowed"
assert WindowCounter(1, 10.0, FakeClock(25.0)).allow("new") is True, "no previous window means 0 requests"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fixed-window"}
class WindowCounter:
    """Sliding-window counter: two fixed-window counts per key, the previous one weighted by its overlap."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._counts: dict[str, dict[int, int]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        i = now // self.window
        counts = self._counts.setdefault(key, {})
        weight = 1 - (now - i * self.window) / self.window
        estimate = counts.get(i, 0)  # a fixed window: the previous one is forgotten
        if estimate >= self.limit:
            return False
        self._counts[key] = {i - 1: counts.get(i - 1, 0), i: counts.get(i, 0) + 1}  # older windows dropped
        return True

# %% course={"kind": "wrong", "id": "weight-reversed"}
class WindowCounter:
    """Sliding-window counter: two fixed-window counts per key, the previous one weighted by its overlap."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._counts: dict[str, dict[int, int]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        i = now // self.window
        counts = self._counts.setdefault(key, {})
        weight = (now - i * self.window) / self.window  # the part that has passed
        estimate = counts.get(i - 1, 0) * weight + counts.get(i, 0)
        if estimate >= self.limit:
            return False
        self._counts[key] = {i - 1: counts.get(i - 1, 0), i: counts.get(i, 0) + 1}  # older windows dropped
        return True

# %% course={"kind": "wrong", "id": "counts-refusals"}
class WindowCounter:
    """Sliding-window counter: two fixed-window counts per key, the previous one weighted by its overlap."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._counts: dict[str, dict[int, int]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        i = now // self.window
        counts = self._counts.setdefault(key, {})
        weight = 1 - (now - i * self.window) / self.window
        estimate = counts.get(i - 1, 0) * weight + counts.get(i, 0)
        self._counts[key] = {i - 1: counts.get(i - 1, 0), i: counts.get(i, 0) + 1}  # counted even if refused
        return estimate < self.limit


# %% [markdown] course={"kind": "exercise", "id": "valkey-bucket", "item": "x-implement-rate-limiting"}
# ### A distributed token bucket on Valkey, atomic with Lua
#
# Every API server shares one Valkey. Write `ValkeyBucket(client, capacity, rate)` whose `allow(key, now) -> bool`
# runs **one Lua script** (made with `client.register_script(...)` in `__init__`), so that no other client can act
# between reading and writing the bucket:
#
# - the bucket of `key` lives in the hash `bucket:<key>` with fields `tokens` and `ts` (the time of the last call);
#   a missing hash is a full bucket (`capacity` tokens);
# - refill `(now - ts) * rate` tokens (nothing if `now < ts`), never above `capacity`; if at least 1 token is there,
#   spend it and allow; store `tokens` and `ts = now` either way;
# - give the hash an expiry (`PEXPIRE`, a positive time), so idle buckets vanish;
# - `allow` returns a `bool`, and sends exactly one command (`EVALSHA`) once the script is loaded.
#
# `now` is passed in by the caller here, so the tests are deterministic; in production every server must read the
# same clock, e.g. Valkey's own `TIME` inside the script.
#
# ```python
# bucket = ValkeyBucket(fresh_client(), capacity=3, rate=1.0)
# [bucket.allow("api", 100.0) for _ in range(4)]   # [True, True, True, False]
# bucket.allow("api", 101.0)                        # True: one token refilled in one second
# ```

# %% [markdown] course={"kind": "hint"}
# In Lua: `local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')`; `tonumber(state[1]) or capacity` handles
# a missing hash; `math.min` and `math.max` do the refill. Pass capacity, rate and now in `ARGV` (they arrive as
# strings: `tonumber` them).

# %% [markdown] course={"kind": "hint"}
# The script returns `1` or `0` (a Lua `true` would arrive as `1` too, a `false` as `None`): compare with `== 1`
# in Python to return a real `bool`. Call the script with `self._take(keys=[...], args=[...])`.

# %% course={"kind": "solution"}
class ValkeyBucket:
    """A token bucket per key, stored in Valkey and updated by one atomic script."""

    def __init__(self, client: redis.Redis, capacity: int, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        ### BEGIN SOLUTION
        self._take = client.register_script(
            """
            local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
            local allowed = 0
            if tokens >= 1 then
                tokens = tokens - 1
                allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
            return allowed
            """
        )
        ### END SOLUTION

    def allow(self, key: str, now: float) -> bool:
        ### BEGIN SOLUTION
        return self._take(keys=[f"bucket:{key}"], args=[self.capacity, self.rate, now]) == 1
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
client = fresh_client()
bucket = ValkeyBucket(client, capacity=3, rate=1.0)
assert [bucket.allow("api", 100.0) for _ in range(4)] == [True, True, True, False], "3 tokens, then refused"
assert bucket.allow("api", 100.5) is False, "half a second refills half a token: not enough"
assert bucket.allow("api", 101.0) is True, "0.5 + 0.5: one token"
assert bucket.allow("other", 101.0) is True, "another key has its own bucket"
assert client.hget("bucket:api", "ts") is not None and client.pttl("bucket:api") > 0, "bucket:<key> with an expiry"
client.close()

# %% course={"kind": "test", "points": 2}
client = fresh_client()
bucket = ValkeyBucket(client, capacity=2, rate=0.5)
assert [bucket.allow("k", 0.0) for _ in range(3)] == [True, True, False]
assert [bucket.allow("k", 1000.0) for _ in range(3)] == [True, True, False], "a long idle refills only up to capacity"
assert bucket.allow("k", 999.0) is False, "a clock behind ts refills nothing"
### BEGIN HIDDEN TESTS
assert bucket.allow("k", 1002.0) is True and bucket.allow("k", 1002.0) is False, "2 s * 0.5 = 1 token"
assert type(bucket.allow("fresh", 0.0)) is bool
client.close()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
fresh_client().close()
recording = Recording.from_url(REDIS_URL, decode_responses=True)
bucket = ValkeyBucket(recording, capacity=5, rate=1.0)
bucket.allow("shared", 0.0)  # the first call may load the script
recording.sent.clear()
bucket.allow("shared", 0.0)
assert recording.names() == ["EVALSHA"], f"one atomic command per call, not {recording.names()}"
recording.close()
### BEGIN HIDDEN TESTS
fresh_client().close()
results: list[bool] = []
lock = threading.Lock()


def worker() -> None:
    own = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    mine = ValkeyBucket(own, capacity=5, rate=0.001)
    got = [mine.allow("race", 50.0) for _ in range(10)]
    with lock:
        results.extend(got)
    own.close()


workers = [threading.Thread(target=worker) for _ in range(6)]
for thread in workers:
    thread.start()
for thread in workers:
    thread.join(30)
assert results.count(True) == 5 and len(results) == 60, "6 real clients at once share exactly 5 tokens"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-capacity-cap"}
class ValkeyBucket:
    """A token bucket per key, stored in Valkey and updated by one atomic script."""

    def __init__(self, client: redis.Redis, capacity: int, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        self._take = client.register_script(
            """
            local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = tokens + math.max(0, now - ts) * rate
            local allowed = 0
            if tokens >= 1 then
                tokens = tokens - 1
                allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
            return allowed
            """
        )

    def allow(self, key: str, now: float) -> bool:
        return self._take(keys=[f"bucket:{key}"], args=[self.capacity, self.rate, now]) == 1

# %% course={"kind": "wrong", "id": "read-then-write"}
class ValkeyBucket:
    """A token bucket per key, stored in Valkey and updated by one atomic script."""

    def __init__(self, client: redis.Redis, capacity: int, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        self.client = client
        self._take = None

    def allow(self, key: str, now: float) -> bool:
        name = f"bucket:{key}"  # read, decide, write: three round trips another client can slip between
        tokens, ts = self.client.hmget(name, "tokens", "ts")
        tokens = float(tokens) if tokens is not None else self.capacity
        ts = float(ts) if ts is not None else now
        tokens = min(self.capacity, tokens + max(0.0, now - ts) * self.rate)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self.client.hset(name, mapping={"tokens": tokens, "ts": now})
        self.client.pexpire(name, 60_000)
        return allowed

# %% course={"kind": "wrong", "id": "returns-int"}
class ValkeyBucket:
    """A token bucket per key, stored in Valkey and updated by one atomic script."""

    def __init__(self, client: redis.Redis, capacity: int, rate: float) -> None:
        self.capacity, self.rate = capacity, rate
        self._take = client.register_script(
            """
            local capacity, rate, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
            local allowed = 0
            if tokens >= 1 then
                tokens = tokens - 1
                allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
            return allowed
            """
        )

    def allow(self, key: str, now: float) -> bool:
        return self._take(keys=[f"bucket:{key}"], args=[self.capacity, self.rate, now])


# %% [markdown] course={"kind": "lesson", "id": "locks", "covers": ["c-distributed-locking", "c-redis-locks", "c-zookeeper-locks", "c-lock-timeouts", "c-redlock-algorithm"]}
# ### Distributed locks: timeouts, paused clients, fencing tokens, Redlock
#
# A **Redis lock** is `SET key owner NX PX ttl` (13.4), released by a script that deletes the key only if it still
# holds *our* owner value; redis-py's `Lock` does exactly that (its release and extend are Lua scripts). The
# **lock timeout** (TTL) is what frees the lock when its holder crashes, and also its weakness: a holder that is
# *paused* (a long GC, a swapped VM, a slow disk) longer than the TTL still believes it holds the lock after the
# server has given it to someone else. `Lock.extend()` renews, but a paused process cannot renew.
#
# Martin Kleppmann's answer ("How to do distributed locking", 2016): a **fencing token**, a number that rises with
# every grant, sent with every write; the storage remembers the highest token it has seen and rejects older ones.
# **Redlock** (the Redis docs) takes the lock on a majority of N independent Redis masters within a time limit;
# Kleppmann's critique is that it relies on bounded pauses and clock drift and produces no fencing token, so it is
# fine for efficiency (avoid doing work twice) but not for correctness. **ZooKeeper** locks use ephemeral sequential
# znodes (the lowest number holds the lock, the next one watches its predecessor; the node vanishes when the
# holder's session dies) and the znode's `zxid` can serve as a fencing token; **etcd** uses leases and revisions
# the same way. Neither server runs here: that paragraph is explanation only.

# %% course={"kind": "demo"}
holder = fresh_client()
other = redis.Redis.from_url(REDIS_URL, decode_responses=True)
lock_a = holder.lock("lock:report", timeout=0.05)  # a TTL of 50 ms
print("A acquires:", lock_a.acquire(blocking=False))
poll_until(lambda: not holder.exists("lock:report"), "the lock's TTL to run out")  # A is "paused" meanwhile
lock_b = other.lock("lock:report", timeout=5)
print("B acquires after the TTL:", lock_b.acquire(blocking=False))
try:
    lock_a.release()  # A wakes up and thinks it still holds the lock
except redis.exceptions.LockNotOwnedError as error:
    print("A's release fails:", type(error).__name__, "- but any write A did meanwhile is already done")
lock_b.release()
other.close()
holder.close()

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-distributed-locking"}
# First ask whether a lock is needed: an atomic operation (a Lua script, a conditional update, a unique constraint)
# is often enough. For a lock on Redis/Valkey: `SET key unique-owner NX PX ttl`, release and extend with scripts
# that check the owner, a TTL longer than the work with renewal for long jobs. If correctness depends on mutual
# exclusion, assume the TTL can expire under a paused holder: hand out a fencing token (a counter incremented on
# each grant, or ZooKeeper's zxid / etcd's revision) and have the protected storage reject stale tokens. Redlock
# across several Redis nodes improves availability, not safety. For strong guarantees use a consensus system
# (etcd, ZooKeeper) with leases and fencing. Avoid deadlocks by taking locks in a fixed order and giving every
# acquire a timeout; a lock service can also detect cycles in its wait-for graph.


# %% [markdown] course={"kind": "exercise", "id": "fencing", "item": "x-create-a-distributed-lock-with-redis"}
# ### A Valkey lock that hands out fencing tokens
#
# Two parts, for the paused-client problem of the lesson.
#
# 1. `FencedStorage()`: `write(key, value, token)` stores `value` under `key` in `self.data` (a dict), unless a
#    write to **that key** has already carried a higher token: then it raises `StaleTokenError` and changes nothing.
#    The same token twice is fine (one holder writing twice).
# 2. `acquire_fenced(client, name, owner, ttl_ms) -> int | None`: in **one Lua script**, `SET lock:<name> owner NX PX
#    ttl_ms`; if that worked, `INCR fence:<name>` and return the new counter as an `int`; if the lock is held, return
#    `None` and leave the counter alone.
#
# ```python
# acquire_fenced(client, "report", "a", 50)   # 1   ... a pauses, the lock expires ...
# acquire_fenced(client, "report", "b", 5000) # 2 ; storage.write("out", "b's", 2)
# storage.write("out", "a's", 1)               # StaleTokenError: b's write stays
# ```

# %% [markdown] course={"kind": "hint"}
# In Lua, `redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])` is a table when it worked and `false` when it
# did not; `return redis.call('INCR', KEYS[2])` returns an integer, `return false` arrives in Python as `None`.

# %% [markdown] course={"kind": "hint"}
# `FencedStorage` keeps a second dict, `key -> highest token seen`; compare with `<`, not `<=`.

# %% course={"kind": "solution"}
class FencedStorage:
    """A store that refuses writes carrying a fencing token older than one it has seen for the same key."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        ### BEGIN SOLUTION
        self._highest: dict[str, int] = {}
        ### END SOLUTION

    def write(self, key: str, value: object, token: int) -> None:
        ### BEGIN SOLUTION
        if token < self._highest.get(key, token):
            raise StaleTokenError(f"token {token} < {self._highest[key]} for {key!r}")
        self._highest[key] = token
        self.data[key] = value
        ### END SOLUTION


def acquire_fenced(client: redis.Redis, name: str, owner: str, ttl_ms: int) -> int | None:
    ### BEGIN SOLUTION
    grant = client.register_script(
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then "
        "return redis.call('INCR', KEYS[2]) end return false"
    )
    return grant(keys=[f"lock:{name}", f"fence:{name}"], args=[owner, ttl_ms])
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
storage = FencedStorage()
storage.write("report", "first", 1)
storage.write("report", "second", 2)
storage.write("report", "second again", 2)
try:
    storage.write("report", "late", 1)
    raise AssertionError("token 1 after token 2 must raise StaleTokenError")
except StaleTokenError:
    pass
assert storage.data == {"report": "second again"}, "a stale write changes nothing; the same token twice is fine"
storage.write("other", "x", 1)
assert storage.data["other"] == "x", "tokens are compared per key"
### BEGIN HIDDEN TESTS
storage = FencedStorage()
storage.write("k", None, 5)
storage.write("k", 0, 7)
try:
    storage.write("k", "old", 6)
    raise AssertionError("6 < 7 is stale")
except StaleTokenError:
    pass
try:
    storage.write("k", "old again", 6)
    raise AssertionError("a refused write must not lower the highest token: 6 is still stale")
except StaleTokenError:
    pass
assert storage.data == {"k": 0}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = fresh_client()
token = acquire_fenced(client, "report", "a", 10_000)
assert token == 1 and type(token) is int, "the first grant gets token 1, an int"
assert client.get("lock:report") == "a" and 0 < client.pttl("lock:report") <= 10_000, "SET lock:<name> owner PX ttl"
assert acquire_fenced(client, "report", "b", 10_000) is None, "a held lock is refused with None"
client.delete("lock:report")  # a released it
assert acquire_fenced(client, "report", "b", 10_000) == 2, "a refusal does not move the counter: the next grant is 2"
assert acquire_fenced(client, "nightly", "a", 10_000) == 1, "each lock name has its own counter"
client.close()

# %% course={"kind": "test", "points": 2}
client = fresh_client()
storage = FencedStorage()
token_a = acquire_fenced(client, "report", "a", 30)
poll_until(lambda: not client.exists("lock:report"), "a's lock to expire while a is paused")
token_b = acquire_fenced(client, "report", "b", 10_000)
storage.write("out.csv", "b's rows", token_b)
try:
    storage.write("out.csv", "a's rows", token_a)
    raise AssertionError("a woke up after its lock expired: its write must be refused")
except StaleTokenError:
    pass
assert storage.data == {"out.csv": "b's rows"} and (token_a, token_b) == (1, 2)
client.close()

# %% course={"kind": "wrong", "id": "refuses-repeat"}
class FencedStorage:
    """A store that refuses writes carrying a fencing token older than one it has seen for the same key."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self._highest: dict[str, int] = {}

    def write(self, key: str, value: object, token: int) -> None:
        if token <= self._highest.get(key, token - 1):  # refuses a repeat too
            raise StaleTokenError(f"token {token} < {self._highest[key]} for {key!r}")
        self._highest[key] = token
        self.data[key] = value


def acquire_fenced(client: redis.Redis, name: str, owner: str, ttl_ms: int) -> int | None:
    grant = client.register_script(
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then "
        "return redis.call('INCR', KEYS[2]) end return false"
    )
    return grant(keys=[f"lock:{name}", f"fence:{name}"], args=[owner, ttl_ms])

# %% course={"kind": "wrong", "id": "remembers-the-stale-token"}
class FencedStorage:
    """A store that refuses writes carrying a fencing token older than one it has seen for the same key."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self._highest: dict[str, int] = {}

    def write(self, key: str, value: object, token: int) -> None:
        highest = self._highest.get(key, token)
        self._highest[key] = token  # updated before the check: a refused token becomes the new highest
        if token < highest:
            raise StaleTokenError(f"token {token} < {highest} for {key!r}")
        self.data[key] = value


def acquire_fenced(client: redis.Redis, name: str, owner: str, ttl_ms: int) -> int | None:
    grant = client.register_script(
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then "
        "return redis.call('INCR', KEYS[2]) end return false"
    )
    return grant(keys=[f"lock:{name}", f"fence:{name}"], args=[owner, ttl_ms])

# %% course={"kind": "wrong", "id": "incr-first"}
class FencedStorage:
    """A store that refuses writes carrying a fencing token older than one it has seen for the same key."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self._highest: dict[str, int] = {}

    def write(self, key: str, value: object, token: int) -> None:
        if token < self._highest.get(key, token):
            raise StaleTokenError(f"token {token} < {self._highest[key]} for {key!r}")
        self._highest[key] = token
        self.data[key] = value


def acquire_fenced(client: redis.Redis, name: str, owner: str, ttl_ms: int) -> int | None:
    token = client.incr(f"fence:{name}")  # counted before we know we got the lock
    if client.set(f"lock:{name}", owner, nx=True, px=ttl_ms):
        return token
    return None
# %% course={"kind": "wrong", "id": "one-counter-for-all-keys"}
class FencedStorage:
    """A store that refuses writes carrying a fencing token older than one it has seen for the same key."""

    def __init__(self) -> None:
        self.data: dict[str, object] = {}
        self._highest: dict[str, int] = {}

    def write(self, key: str, value: object, token: int) -> None:
        if token < self._highest.get("any", token):  # one highest token for every key
            raise StaleTokenError(f"token {token} is stale")
        self._highest["any"] = token
        self.data[key] = value


def acquire_fenced(client: redis.Redis, name: str, owner: str, ttl_ms: int) -> int | None:
    grant = client.register_script(
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then "
        "return redis.call('INCR', KEYS[2]) end return false"
    )
    return grant(keys=[f"lock:{name}", f"fence:{name}"], args=[owner, ttl_ms])


# %% [markdown] course={"kind": "exercise", "id": "wait-for-cycles", "item": "project-20-3-2"}
# ### Deadlock detection in a lock service's wait-for graph
#
# A lock service knows, for every blocked client, whose lock it waits for: `waits = {"a": "b"}` means client `a`
# waits for a lock that `b` holds. Each client waits for at most one lock, so each has at most one outgoing edge.
# A **deadlock** is a cycle: `a` waits for `b`, `b` for `c`, `c` for `a`; none of them can ever go on.
#
# Write `deadlocked(waits) -> list[str]`: the clients that lie **on** a cycle, sorted. A client that only waits for
# a deadlocked one is stuck, but not on the cycle: leave it out (breaking the cycle frees it). A client waiting for
# itself is a cycle of one. Do not change `waits`. It must work for 10,000 clients in one chain (no recursion).
#
# ```python
# deadlocked({"x": "a", "a": "b", "b": "c", "c": "a", "d": "e"})   # ['a', 'b', 'c']
# ```

# %% [markdown] course={"kind": "hint"}
# Walk from each client along `waits` until you reach a client that waits for nobody or one you have seen. Mark the
# clients of the *current* walk differently from those of earlier walks.

# %% [markdown] course={"kind": "hint"}
# If a walk runs into a client of the same walk, the cycle is the part of the walk from that client on:
# `path[path.index(node):]`. Afterwards mark the whole walk as done, so each client is walked once.

# %% course={"kind": "solution"}
def deadlocked(waits: Mapping[str, str]) -> list[str]:
    ### BEGIN SOLUTION
    walk_of: dict[str, int] = {}  # client -> the number of the walk that first reached it
    on_cycle: list[str] = []
    for number, start in enumerate(waits):
        path, node = [], start
        while node in waits and node not in walk_of:
            walk_of[node] = number
            path.append(node)
            node = waits[node]
        if walk_of.get(node) == number:  # back on this walk: a new cycle
            on_cycle.extend(path[path.index(node):])
    return sorted(on_cycle)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert deadlocked({"x": "a", "a": "b", "b": "c", "c": "a", "d": "e"}) == ["a", "b", "c"], "x only waits on the cycle"
assert deadlocked({}) == [] and deadlocked({"a": "b", "b": "c"}) == [], "no cycle, no deadlock"
assert deadlocked({"solo": "solo"}) == ["solo"], "a client waiting for itself"

# %% course={"kind": "test", "points": 2}
waits = {"c": "a", "a": "b", "b": "c", "z": "y", "y": "z", "t": "z"}
before = dict(waits)
result = deadlocked(waits)
assert result == ["a", "b", "c", "y", "z"], "two cycles, sorted"
assert type(result) is list and waits == before, "a list, and waits is not changed"
### BEGIN HIDDEN TESTS
assert deadlocked({"p": "q", "q": "r", "r": "q"}) == ["q", "r"], "the tail p is left out"
assert deadlocked({"e": "d", "d": "c", "c": "b", "b": "a"}) == []
assert deadlocked({"a": "b", "b": "a", "c": "a", "d": "c"}) == ["a", "b"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
chain = {f"n{i}": f"n{i + 1}" for i in range(10_000)}
chain["n10000"] = "n9999"
assert deadlocked(chain) == ["n10000", "n9999"], "10,000 clients in a chain into a cycle of two"
### BEGIN HIDDEN TESTS
chain = {f"n{i}": f"n{i + 1}" for i in range(10_000)}
chain["n10000"] = "n0"
assert len(deadlocked(chain)) == 10_001, "one cycle of 10,001 clients"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "tail-included"}
def deadlocked(waits: Mapping[str, str]) -> list[str]:
    walk_of: dict[str, int] = {}  # client -> the number of the walk that first reached it
    on_cycle: list[str] = []
    for number, start in enumerate(waits):
        path, node = [], start
        while node in waits and node not in walk_of:
            walk_of[node] = number
            path.append(node)
            node = waits[node]
        if walk_of.get(node) == number:  # back on this walk: a new cycle
            on_cycle.extend(path)  # the tail that leads into the cycle too
    return sorted(on_cycle)

# %% course={"kind": "wrong", "id": "recursive-walk"}
def deadlocked(waits: Mapping[str, str]) -> list[str]:
    on_cycle: list[str] = []

    def back_to(start: str, node: str, seen: frozenset[str]) -> bool:
        if node == start:
            return True
        if node not in waits or node in seen:
            return False
        return back_to(start, waits[node], seen | {node})

    for client in waits:
        if back_to(client, waits[client], frozenset()):
            on_cycle.append(client)
    return sorted(on_cycle)
# %% course={"kind": "wrong", "id": "unsorted"}
def deadlocked(waits: Mapping[str, str]) -> list[str]:
    walk_of: dict[str, int] = {}  # client -> the number of the walk that first reached it
    on_cycle: list[str] = []
    for number, start in enumerate(waits):
        path, node = [], start
        while node in waits and node not in walk_of:
            walk_of[node] = number
            path.append(node)
            node = waits[node]
        if walk_of.get(node) == number:  # back on this walk: a new cycle
            on_cycle.extend(path[path.index(node):])
    return on_cycle


# %% [markdown] course={"kind": "task", "id": "lock-service-whole", "points": 4, "item": "project-20-3-2"}
# ### Project 20.3.2: the whole lock service
#
# Put the lock pieces of this section (and 13.4's owner-checked release) together as a small `LockService` on
# Valkey: `acquire(name, owner, ttl_ms)` returns a fencing token or `None` (your `acquire_fenced`), `release(name,
# owner)` and `extend(name, owner, ttl_ms)` each act only if the lock still holds `owner` (one Lua script each, so
# a holder whose lock expired cannot free or stretch the next holder's lock), locks expire by themselves when a
# holder dies, and a blocking `acquire(..., wait_ms=...)` records who waits for whom so that `deadlocked(...)` can
# name the clients to refuse. Write `pytest` tests against a real server (`valkey_server()` from
# `course.runtime.valkey`), with expiry shown by shortening a key's TTL rather than by sleeping.

# %% [markdown] course={"kind": "rubric"}
# - Acquire, release and extend are each one atomic command or script, and release/extend check the owner; a test
#   shows an expired holder failing to release or extend the new holder's lock (1 point).
# - Fencing tokens rise with every grant and never move on a refused acquire; a storage stand-in rejects a stale
#   token (1 point).
# - Expiry is tested without long sleeps (TTL shortened with `PEXPIRE`, or a short TTL and a wait on the key) (1 point).
# - Waiting clients are recorded and removed when they get the lock or give up; a cycle is reported by
#   `deadlocked` and resolved by refusing one waiter (1 point).

# %% [markdown] course={"kind": "lesson", "id": "leaders", "covers": ["c-leader-election", "c-consensus-algorithms", "c-zookeeper-etcd-basics"]}
# ### Leader election and consensus
#
# Many jobs need exactly one runner (a scheduler, a compaction, the controller of an operator in 17.3). A simple
# election is a **lease**: the candidate that `SET leader me NX PX ttl` wins; the leader renews well before the TTL;
# a leader that fails to renew (or finds someone else's name) **must stop working** at once. The same paused-process
# problem applies, so combine it with fencing where it matters. Kubernetes does this with `Lease` objects.
#
# **Consensus** makes several nodes agree on one log of decisions even if some crash. **Raft** (the algorithm inside
# etcd) in brief: time is split into numbered **terms**; a follower that hears no heartbeat for a random election
# timeout becomes a candidate, increments the term and asks for votes; a node votes once per term, only for a
# candidate whose log is at least as up to date as its own; a **majority** of votes makes a leader. The leader
# appends entries to its log and replicates them; an entry (of the leader's current term) is **committed** once a
# majority holds it. Any two majorities overlap, so a committed entry survives any minority of crashes: 3 nodes
# tolerate 1 failure, 5 tolerate 2. **etcd** exposes this as a key-value store with leases, watches and
# revisions; **ZooKeeper** uses its own protocol (Zab) with znodes, sessions and watches. The demo is the majority
# arithmetic, not a Raft.

# %% course={"kind": "demo"}
for cluster in (1, 2, 3, 4, 5):
    majority = cluster // 2 + 1
    print(f"{cluster} nodes: majority {majority}, survives {cluster - majority} crash(es)")


# %% [markdown] course={"kind": "exercise", "id": "leader-lease"}
# ### Leader election with a lease on Valkey
#
# Several replicas of a scheduler run; only the leader may schedule. Write `LeaderLease(client, name, me, ttl_ms)`:
#
# - `try_lead() -> bool`, called by every replica every few seconds, in **one Lua script**: if `leader:<name>` does
#   not exist, set it to `me` with a `ttl_ms` expiry and return `True`; if it holds `me`, renew its expiry to
#   `ttl_ms` and return `True`; if it holds someone else, change nothing and return `False` (a former leader that
#   gets `False` must stop working).
# - `resign() -> bool`: delete the key only if it holds `me` (one script); `True` if it did.
# - `leader() -> str | None`: who leads now.
#
# ```python
# a, b = LeaderLease(client, "scheduler", "a", 5000), LeaderLease(client, "scheduler", "b", 5000)
# a.try_lead(), b.try_lead()     # (True, False);  a.leader() == "a"
# # a stops renewing; 5 s later the key expires and b.try_lead() is True; then a.try_lead() is False
# ```

# %% [markdown] course={"kind": "hint"}
# `local holder = redis.call('GET', KEYS[1])`: `false` when missing. Then `SET KEYS[1] ARGV[1] PX ARGV[2]`, or
# `PEXPIRE KEYS[1] ARGV[2]` when `holder == ARGV[1]`.

# %% [markdown] course={"kind": "hint"}
# Register both scripts in `__init__`; compare each script's answer with `== 1` so the methods return `bool`.

# %% course={"kind": "solution"}
class LeaderLease:
    """A leadership lease: the key leader:<name> holds the leader's name and expires unless renewed."""

    def __init__(self, client: redis.Redis, name: str, me: str, ttl_ms: int) -> None:
        self.client, self.key, self.me, self.ttl_ms = client, f"leader:{name}", me, ttl_ms
        ### BEGIN SOLUTION
        self._claim = client.register_script(
            "local holder = redis.call('GET', KEYS[1]) "
            "if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            "return 0"
        )
        self._resign = client.register_script(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
        )
        ### END SOLUTION

    def try_lead(self) -> bool:
        ### BEGIN SOLUTION
        return self._claim(keys=[self.key], args=[self.me, self.ttl_ms]) == 1
        ### END SOLUTION

    def resign(self) -> bool:
        ### BEGIN SOLUTION
        return self._resign(keys=[self.key], args=[self.me]) == 1
        ### END SOLUTION

    def leader(self) -> str | None:
        ### BEGIN SOLUTION
        return self.client.get(self.key)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
client = fresh_client()
a, b = LeaderLease(client, "scheduler", "a", 10_000), LeaderLease(client, "scheduler", "b", 10_000)
assert a.try_lead() is True and b.try_lead() is False, "the first candidate wins, the second does not"
assert a.leader() == "a" == b.leader() and 0 < client.pttl("leader:scheduler") <= 10_000
client.pexpire("leader:scheduler", 200)  # time passes: little of the lease is left
assert a.try_lead() is True and client.pttl("leader:scheduler") > 5_000, "the leader renews its lease to ttl_ms"
client.pexpire("leader:scheduler", 200)
assert b.try_lead() is False and client.pttl("leader:scheduler") <= 200, "another candidate does not touch the lease"
client.close()

# %% course={"kind": "test", "points": 2}
client = fresh_client()
a, b = LeaderLease(client, "etl", "a", 10_000), LeaderLease(client, "etl", "b", 10_000)
a.try_lead()
client.pexpire("leader:etl", 1)  # a was paused: its lease runs out
poll_until(lambda: not client.exists("leader:etl"), "a's lease to expire")
assert a.leader() is None, "no leader while the key is gone"
assert b.try_lead() is True and a.try_lead() is False, "b takes over; a learns it must step down"
assert a.resign() is False and b.leader() == "b", "a cannot resign for b"
assert b.resign() is True and b.leader() is None, "the leader resigns: the key is deleted"
### BEGIN HIDDEN TESTS
assert b.resign() is False, "nothing to resign"
assert LeaderLease(client, "other", "a", 10_000).try_lead() is True, "each name is its own election"
client.close()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
fresh_client().close()
recording = Recording.from_url(REDIS_URL, decode_responses=True)
a = LeaderLease(recording, "cron", "a", 10_000)
a.try_lead()
recording.sent.clear()
a.try_lead()
a.resign()
assert recording.names() == ["EVALSHA", "EVALSHA"], f"renew and resign are one script each, not {recording.names()}"
recording.close()

# %% course={"kind": "wrong", "id": "set-nx-cannot-renew"}
class LeaderLease:
    """A leadership lease: the key leader:<name> holds the leader's name and expires unless renewed."""

    def __init__(self, client: redis.Redis, name: str, me: str, ttl_ms: int) -> None:
        self.client, self.key, self.me, self.ttl_ms = client, f"leader:{name}", me, ttl_ms
        self._claim = client.register_script(
            "local holder = redis.call('GET', KEYS[1]) "
            "if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            "return 0"
        )
        self._resign = client.register_script(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
        )

    def try_lead(self) -> bool:
        return bool(self.client.set(self.key, self.me, nx=True, px=self.ttl_ms))  # cannot renew its own lease

    def resign(self) -> bool:
        return self._resign(keys=[self.key], args=[self.me]) == 1

    def leader(self) -> str | None:
        return self.client.get(self.key)

# %% course={"kind": "wrong", "id": "resign-deletes-anyone"}
class LeaderLease:
    """A leadership lease: the key leader:<name> holds the leader's name and expires unless renewed."""

    def __init__(self, client: redis.Redis, name: str, me: str, ttl_ms: int) -> None:
        self.client, self.key, self.me, self.ttl_ms = client, f"leader:{name}", me, ttl_ms
        self._claim = client.register_script(
            "local holder = redis.call('GET', KEYS[1]) "
            "if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            "return 0"
        )
        self._resign = client.register_script(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
        )

    def try_lead(self) -> bool:
        return self._claim(keys=[self.key], args=[self.me, self.ttl_ms]) == 1

    def resign(self) -> bool:
        return self.client.delete(self.key) == 1  # deletes whoever leads

    def leader(self) -> str | None:
        return self.client.get(self.key)

# %% course={"kind": "wrong", "id": "steals-lease"}
class LeaderLease:
    """A leadership lease: the key leader:<name> holds the leader's name and expires unless renewed."""

    def __init__(self, client: redis.Redis, name: str, me: str, ttl_ms: int) -> None:
        self.client, self.key, self.me, self.ttl_ms = client, f"leader:{name}", me, ttl_ms
        self._claim = client.register_script(
            "local holder = redis.call('GET', KEYS[1]) "
            "if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            "if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end "
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1"
        )  # takes over a live lease
        self._resign = client.register_script(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
        )

    def try_lead(self) -> bool:
        return self._claim(keys=[self.key], args=[self.me, self.ttl_ms]) == 1

    def resign(self) -> bool:
        return self._resign(keys=[self.key], args=[self.me]) == 1

    def leader(self) -> str | None:
        return self.client.get(self.key)


# %% [markdown] course={"kind": "lesson", "id": "caching", "covers": ["c-caching-strategies", "c-cache-aside", "c-read-through-write-through", "c-cache-invalidation", "c-distributed-caching"]}
# ### Caching strategies
#
# - **Cache-aside** (13.4): the application reads the cache, on a miss reads the database and fills the cache.
# - **Read-through**: the cache library itself loads misses through a loader you give it; the code sees one store.
# - **Write-through**: a write goes to the database and the cache together, so reads right after see it.
# - **Write-behind** (write-back): the write goes to the cache, the database later in batches: fast, but a crash
#   loses the writes not yet flushed.
# - **Invalidation**: a TTL (staleness bounded by time), delete-on-write (delete, do not update, the cache entry
#   after the database commit, so two racing writers cannot leave the older value), or events (a change stream).
# - **Stampede**: when a hot key expires, a thousand requests recompute it at once. Protect with a lock (13.4's
#   exercise) or **probabilistic early expiry** ("XFetch", Vattani et al.): each reader recomputes early with a
#   probability that grows as expiry nears: `now - delta * beta * log(random()) >= expiry`, `delta` being the
#   recompute time.
# - **Distributed caching**: many cache nodes; keys spread by **consistent hashing**, so adding a node moves only
#   about 1/n of the keys instead of nearly all of them (as `hash % n` would).

# %% course={"kind": "demo"}
xfetch_rng = random.Random(7)
delta, beta, expiry = 0.2, 1.0, 60.0  # recomputing takes 0.2 s; the entry expires at t = 60
for now in (50.0, 59.0, 59.8):
    early = sum(now - delta * beta * math.log(xfetch_rng.random()) >= expiry for _ in range(1000))
    print(f"t = {now:>4}: {early / 10:.1f} % of readers recompute early")
moved = sum(ring_hash(f"user{i}") % 4 != ring_hash(f"user{i}") % 5 for i in range(10_000))
print(f"hash % n, 4 -> 5 nodes: {moved / 100:.0f} % of keys move (consistent hashing: about 20 %)")

# %% [markdown] course={"kind": "answer", "question": "q-what-caching-strategies-do-you-know"}
# Cache-aside (the app loads misses and fills the cache; the most common), read-through (the cache loads misses
# itself), write-through (write cache and database together: fresh reads, slower writes), write-behind (write the
# cache, flush to the database later: fast writes, risk of loss), and refresh-ahead. Around them: invalidation by TTL,
# by deleting on write, or by events; stampede protection with a lock, request coalescing or probabilistic early
# expiry; eviction policies (LRU, LFU); and, for a cluster of cache nodes, consistent hashing so that adding or
# losing a node remaps only a fraction of the keys. The choice follows the data: how stale may it be, how costly is
# a miss, how hot are the hottest keys.

# %% [markdown] course={"kind": "exercise", "id": "hash-ring", "item": "x-design-a-caching-strategy"}
# ### Consistent hashing with virtual nodes for a cache cluster
#
# Write `HashRing(nodes=(), vnodes=64)` that spreads cache keys over cache nodes. Each node owns `vnodes` points on
# a ring of 64-bit numbers: point `i` of node `n` is `ring_hash(f"{n}#{i}")` (`ring_hash` is in the setup). A key
# belongs to the node of the first point at or after `ring_hash(key)`, wrapping round to the smallest point.
#
# - `node_for(key) -> str`; on an empty ring it raises `LookupError`;
# - `add(node)` and `remove(node)` change the ring; keys of other nodes must not move.
#
# ```python
# ring = HashRing(["cache-a", "cache-b", "cache-c", "cache-d"])
# ring.node_for("user:42")   # one of the four; after ring.add("cache-e") it is the same node or "cache-e"
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a sorted list of `(point, node)` pairs. `bisect.bisect_left(points, (ring_hash(key), ""))` finds the first
# point at or after the key's hash; an index equal to `len(points)` wraps to 0.

# %% [markdown] course={"kind": "hint"}
# `bisect.insort` keeps the list sorted on `add`; `remove` can rebuild it without the node's points.

# %% course={"kind": "solution"}
class HashRing:
    """Consistent hashing: each node owns `vnodes` points; a key goes to the next point clockwise."""

    def __init__(self, nodes: tuple[str, ...] | list[str] = (), vnodes: int = 64) -> None:
        self.vnodes = vnodes
        ### BEGIN SOLUTION
        self._points: list[tuple[int, str]] = []
        for node in nodes:
            self.add(node)
        ### END SOLUTION

    def add(self, node: str) -> None:
        ### BEGIN SOLUTION
        for i in range(self.vnodes):
            bisect.insort(self._points, (ring_hash(f"{node}#{i}"), node))
        ### END SOLUTION

    def remove(self, node: str) -> None:
        ### BEGIN SOLUTION
        self._points = [point for point in self._points if point[1] != node]
        ### END SOLUTION

    def node_for(self, key: str) -> str:
        ### BEGIN SOLUTION
        if not self._points:
            raise LookupError("the ring has no nodes")
        at = bisect.bisect_left(self._points, (ring_hash(key), ""))
        return self._points[at % len(self._points)][1]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def brute_owner(nodes: list[str], vnodes: int, key: str) -> str:
    """The rule of the prompt, by brute force: the smallest point >= the key's hash, else the smallest point."""
    points = [(ring_hash(f"{n}#{i}"), n) for n in nodes for i in range(vnodes)]
    after = [p for p in points if p[0] >= ring_hash(key)]
    return min(after or points)[1]


CACHES = ["cache-a", "cache-b", "cache-c", "cache-d"]
KEYS = [f"user:{i}" for i in range(2000)]
ring = HashRing(CACHES)
owner = {key: ring.node_for(key) for key in KEYS}
assert all(owner[key] == brute_owner(CACHES, 64, key) for key in KEYS[:300]), "the first point at or after the key"
shares = sorted(list(owner.values()).count(node) / len(KEYS) for node in CACHES)
assert 0.175 < shares[0] and shares[-1] < 0.325, f"64 virtual nodes spread keys evenly, not {shares}"

# %% course={"kind": "test", "points": 3}
ring = HashRing(CACHES)
before = {key: ring.node_for(key) for key in KEYS}
ring.add("cache-e")
after = {key: ring.node_for(key) for key in KEYS}
moved = [key for key in KEYS if before[key] != after[key]]
assert all(after[key] == "cache-e" for key in moved), "adding a node moves keys only TO the new node"
assert 0.10 < len(moved) / len(KEYS) < 0.35, f"about 1/5 of the keys move, not {len(moved) / len(KEYS):.0%}"
ring.remove("cache-b")
again = {key: ring.node_for(key) for key in KEYS}
assert all(again[key] == after[key] for key in KEYS if after[key] != "cache-b"), "removing b moves only b's keys"
assert "cache-b" not in again.values()
### BEGIN HIDDEN TESTS
assert all(again[key] == brute_owner(["cache-a", "cache-c", "cache-d", "cache-e"], 64, key) for key in KEYS[:300])
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    HashRing().node_for("x")
    raise AssertionError("an empty ring must raise LookupError")
except LookupError:
    pass
### BEGIN HIDDEN TESTS
small = HashRing(["only"], vnodes=1)
top = max(KEYS, key=ring_hash)
assert small.node_for(top) == "only" and small.node_for("") == "only", "a key past the last point wraps round"
three = HashRing(("x", "y", "z"), vnodes=3)
assert all(three.node_for(key) == brute_owner(["x", "y", "z"], 3, key) for key in KEYS)
assert HashRing(["x", "y"], vnodes=5).node_for("x#0") == "x", "a key exactly on a point belongs to that point"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "modulo-hashing"}
class HashRing:
    """Consistent hashing: each node owns `vnodes` points; a key goes to the next point clockwise."""

    def __init__(self, nodes: tuple[str, ...] | list[str] = (), vnodes: int = 64) -> None:
        self.vnodes = vnodes
        self._points: list[tuple[int, str]] = []
        for node in nodes:
            self.add(node)

    def add(self, node: str) -> None:
        for i in range(self.vnodes):
            bisect.insort(self._points, (ring_hash(f"{node}#{i}"), node))

    def remove(self, node: str) -> None:
        self._points = [point for point in self._points if point[1] != node]

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        nodes = sorted({node for _, node in self._points})
        return nodes[ring_hash(key) % len(nodes)]  # hash mod n: most keys move when n changes

# %% course={"kind": "wrong", "id": "no-wrap"}
class HashRing:
    """Consistent hashing: each node owns `vnodes` points; a key goes to the next point clockwise."""

    def __init__(self, nodes: tuple[str, ...] | list[str] = (), vnodes: int = 64) -> None:
        self.vnodes = vnodes
        self._points: list[tuple[int, str]] = []
        for node in nodes:
            self.add(node)

    def add(self, node: str) -> None:
        for i in range(self.vnodes):
            bisect.insort(self._points, (ring_hash(f"{node}#{i}"), node))

    def remove(self, node: str) -> None:
        self._points = [point for point in self._points if point[1] != node]

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        at = bisect.bisect_left(self._points, (ring_hash(key), ""))
        return self._points[at][1]  # no wrap-around

# %% course={"kind": "wrong", "id": "one-point-per-node"}
class HashRing:
    """Consistent hashing: each node owns `vnodes` points; a key goes to the next point clockwise."""

    def __init__(self, nodes: tuple[str, ...] | list[str] = (), vnodes: int = 64) -> None:
        self.vnodes = vnodes
        self._points: list[tuple[int, str]] = []
        for node in nodes:
            self.add(node)

    def add(self, node: str) -> None:
        for i in range(1):  # one point per node
            bisect.insort(self._points, (ring_hash(f"{node}#{i}"), node))

    def remove(self, node: str) -> None:
        self._points = [point for point in self._points if point[1] != node]

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        at = bisect.bisect_left(self._points, (ring_hash(key), ""))
        return self._points[at % len(self._points)][1]


# %% [markdown] course={"kind": "lesson", "id": "composing", "covers": ["c-implementation"]}
# ### Putting the patterns together
#
# Real clients stack these patterns, and the **order matters**. A common order, outermost first: a rate limiter (do
# not even try beyond the quota), a bulkhead (bound what this dependency may hold), retries (each attempt...), a
# circuit breaker (...goes through the breaker, so an open breaker ends the retries quickly), and a timeout on each
# single attempt. The open breaker ends the retries only if `CircuitOpenError` is **not** on the retry list: a
# retry layer that retries every exception keeps knocking on an open breaker. Put retry *inside* the breaker and
# one user call counts as one failure however many attempts it made; put it outside and every attempt is judged.
# The demo shows the order of a stack of decorators by tracing.

# %% course={"kind": "demo"}
def traced(label: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            print(f"enter {label}")
            return fn(*args, **kwargs)
        return inner
    return wrap


@traced("limiter")
@traced("bulkhead")
@traced("retry")
@traced("breaker")
def get_model_card(name: str) -> str:
    return f"card of {name}"


print(get_model_card("resnet"))

# %% [markdown] course={"kind": "exercise", "id": "resilient", "item": "project-20-3-1"}
# ### A decorator-based resilience policy
#
# Write two functions for the resilience library of Project 20.3.1:
#
# - `resilient(*layers)`: a decorator. Each layer is a function `layer(fn) -> wrapped_fn`. `@resilient(a, b, c)`
#   on `f` gives `a(b(c(f)))`: the **first layer is the outermost**. The result keeps `f`'s `__name__`, `__doc__`
#   and `__wrapped__` (use `functools.wraps`), and passes all positional and keyword arguments through.
#   `@resilient()` with no layers still returns a wrapper that calls `f`.
# - `guard(obj)`: turn any object with a `call(fn, *args, **kwargs)` method (the breaker and the bulkhead of this
#   section) into a layer: the wrapped function calls `obj.call(fn, *args, **kwargs)`.
#
# ```python
# @resilient(guard(Bulkhead(4)), guard(CircuitBreaker()))
# def fetch(url): ...
# fetch("https://...")   # Bulkhead.call(<breaker-wrapped fetch>, "https://...")
# ```

# %% [markdown] course={"kind": "hint"}
# Apply the layers from the last to the first: `for layer in reversed(layers): wrapped = layer(wrapped)`.

# %% [markdown] course={"kind": "hint"}
# Put `functools.wraps(fn)` on the outer function you return, whose body is `return wrapped(*args, **kwargs)`.

# %% course={"kind": "solution"}
def resilient(*layers: Layer) -> Layer:
    ### BEGIN SOLUTION
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        wrapped = fn
        for layer in reversed(layers):
            wrapped = layer(wrapped)

        @functools.wraps(fn)
        def policy(*args: Any, **kwargs: Any) -> Any:
            return wrapped(*args, **kwargs)

        return policy

    return decorate
    ### END SOLUTION


def guard(obj: Any) -> Layer:
    ### BEGIN SOLUTION
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def through(*args: Any, **kwargs: Any) -> Any:
            return obj.call(fn, *args, **kwargs)

        return through

    return layer
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
trail: list[str] = []


def tracing_layer(label: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            trail.append(label)
            return fn(*args, **kwargs)
        return inner
    return layer


@resilient(tracing_layer("outer"), tracing_layer("middle"), tracing_layer("inner"))
def fetch(url: str, *, timeout: float = 1.0) -> tuple[str, float]:
    """Fetch a URL."""
    trail.append("fetch")
    return url, timeout


assert fetch("u", timeout=2.5) == ("u", 2.5), "arguments, keyword arguments and the result pass through"
assert trail == ["outer", "middle", "inner", "fetch"], "the first layer is the outermost"
assert fetch.__name__ == "fetch" and fetch.__doc__ == "Fetch a URL.", "functools.wraps keeps name and docstring"
assert fetch.__wrapped__("v") == ("v", 1.0) and trail[-1] == "fetch", "__wrapped__ is the original function"

# %% course={"kind": "test", "points": 2}
class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)


recorder = Recorder()


@resilient(guard(recorder))
def add(a: int, b: int = 0) -> int:
    return a + b


assert add(1, b=2) == 3 and recorder.calls == [("add", (1,), {"b": 2})], "guard calls obj.call(fn, *args, **kwargs)"
### BEGIN HIDDEN TESTS
@resilient()
def plain(x: int) -> int:
    return x * 2


assert plain(4) == 8 and plain.__name__ == "plain", "no layers: still a working wrapper"
assert plain.__wrapped__(5) == 10 and plain is not plain.__wrapped__, "no layers: a wrapper, not f itself"
trail.clear()
first, second = Recorder(), Recorder()


@resilient(guard(first), tracing_layer("t"), guard(second))
def leaf() -> None:
    trail.append("leaf")


assert leaf() is None and trail == ["t", "leaf"]
assert first.calls[0][0] != "leaf" and second.calls == [("leaf", (), {})], "guards wrap in order too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reversed-order"}
def resilient(*layers: Layer) -> Layer:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        wrapped = fn
        for layer in layers:  # the last layer ends up outermost
            wrapped = layer(wrapped)

        @functools.wraps(fn)
        def policy(*args: Any, **kwargs: Any) -> Any:
            return wrapped(*args, **kwargs)

        return policy

    return decorate


def guard(obj: Any) -> Layer:
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def through(*args: Any, **kwargs: Any) -> Any:
            return obj.call(fn, *args, **kwargs)

        return through

    return layer

# %% course={"kind": "wrong", "id": "no-wraps"}
def resilient(*layers: Layer) -> Layer:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        wrapped = fn
        for layer in reversed(layers):
            wrapped = layer(wrapped)

        def policy(*args: Any, **kwargs: Any) -> Any:
            return wrapped(*args, **kwargs)

        return policy

    return decorate


def guard(obj: Any) -> Layer:
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def through(*args: Any, **kwargs: Any) -> Any:
            return obj.call(fn, *args, **kwargs)

        return through

    return layer

# %% course={"kind": "wrong", "id": "no-layers-no-wrapper"}
def resilient(*layers: Layer) -> Layer:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        if not layers:
            return fn  # nothing to add, so no wrapper
        wrapped = fn
        for layer in reversed(layers):
            wrapped = layer(wrapped)

        @functools.wraps(fn)
        def policy(*args: Any, **kwargs: Any) -> Any:
            return wrapped(*args, **kwargs)

        return policy

    return decorate


def guard(obj: Any) -> Layer:
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def through(*args: Any, **kwargs: Any) -> Any:
            return obj.call(fn, *args, **kwargs)

        return through

    return layer

# %% course={"kind": "wrong", "id": "guard-hides-fn"}
def resilient(*layers: Layer) -> Layer:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        wrapped = fn
        for layer in reversed(layers):
            wrapped = layer(wrapped)

        @functools.wraps(fn)
        def policy(*args: Any, **kwargs: Any) -> Any:
            return wrapped(*args, **kwargs)

        return policy

    return decorate


def guard(obj: Any) -> Layer:
    def layer(fn: Callable[..., Any]) -> Callable[..., Any]:
        def through(*args: Any, **kwargs: Any) -> Any:
            return obj.call(lambda: fn(*args, **kwargs))  # obj.call never sees fn or its arguments

        return through

    return layer


# %% [markdown] course={"kind": "task", "id": "resilience-library-whole", "points": 4, "item": "project-20-3-1"}
# ### Project 20.3.1: the whole resilience library
#
# Package this section's pieces as a small library: `CircuitBreaker`, `retry_call` turned into a `retry(...)` layer
# that consults a shared `RetryBudget`, `Bulkhead`, a limiter layer (local `WindowCounter` or `ValkeyBucket`), and a
# per-attempt timeout for async code (`asyncio.timeout`, Python 3.11+) plus a deadline that shrinks the timeout of
# inner calls.
# Expose all of them through `resilient(...)`, count what each layer did (calls refused, retries, trips) so a metric
# can be exported, and write `pytest` tests with `FakeClock` for every layer and for one stacked policy.

# %% [markdown] course={"kind": "rubric"}
# - Each layer works alone, with an injected clock and sleep; tests never sleep for real (1 point).
# - The stacked order is documented and tested: an open breaker stops the retries at once; a retry is refused
#   when the budget is empty; the bulkhead refuses instead of queueing (1 point).
# - Only errors marked retryable are retried; the last error reaches the caller unchanged (1 point).
# - Counters per layer are exposed (e.g. as a dict or Prometheus metrics) and documented (1 point).
