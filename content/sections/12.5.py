# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can make a FastAPI service fit for production: rate limits (in memory
# and in a real Redis-protocol server), cache headers, JSON logs with correlation ids, metrics, health probes,
# documented OpenAPI, compression, and the settings that matter behind uvicorn, gunicorn and a reverse proxy.

# %% course={"kind": "setup", "id": "web"}
# What the demos and tests share. Apps are tested in-process with TestClient (or httpx's ASGITransport when
# two requests must interleave on one event loop) and served for real with `serve(app)`: 127.0.0.1, a free
# port, stopped when the block ends. `shared_valkey()` starts one real Valkey server (the Redis protocol)
# for this kernel, on a Unix socket in a temporary folder; it stops when the kernel stops.
import asyncio
import contextvars
import json
import logging
import math
import re
import socket
import ssl
import time
import uuid
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Annotated

import httpx
import redis
from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

with warnings.catch_warnings():
    # Starlette 1.x would rather its TestClient ran on the new `httpx2` package and warns once when it
    # finds `httpx` instead; both work the same here.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from course.runtime.aio import run, serve
from course.runtime.clock import FakeClock
from course.runtime.logs import fresh_logger, release_logger
from course.runtime.valkey import shared_valkey

VALKEY_URL = shared_valkey()

# %% [markdown] course={"kind": "lesson", "id": "rate-limiting", "covers": ["c-rate-limiting", "c-token-bucket-algorithm", "c-sliding-window", "c-implementation-strategies", "c-redis-based-rate-limiting"]}
# ### Rate limiting: token bucket, sliding window, and Redis
#
# A **rate limit** caps how many requests one client (an API key, a user, an IP address) may make in some
# time. It protects a service from one noisy client, a retry storm or a scraper, and it is how a model
# endpoint shares scarce GPUs fairly. A request over the limit gets **`429 Too Many Requests`**, ideally with
# a **`Retry-After`** header that tells the client how many seconds to wait.
#
# Two algorithms cover almost every real limiter:
#
# - **Token bucket**: each client has a bucket of at most `capacity` tokens, refilled at `rate` tokens per
#   second. A request takes one token or is refused. It allows short **bursts** (up to `capacity` at once)
#   while holding the long-run average to `rate`. You store two numbers per client: tokens and last refill time.
# - **Sliding window**: at most `limit` requests in any `window` seconds. The exact form (a *log*) keeps the
#   time of each accepted request; the cheap form, the **fixed window** counter, counts per calendar window
#   (`12:00:00-12:00:59`) and allows up to twice the limit around a window edge.
#
# **Implementation strategies.** An in-memory limiter is right for one process; with four uvicorn workers
# or ten pods each has its own memory, so each client gets four or ten times the limit. Then the counters
# live in a shared store, usually **Redis**, and every check must be **atomic** there: `INCR` counts and
# reads in one step, where a `GET` followed by a `SET` loses updates when two workers interleave.
#
# The one thing people get wrong: reading the clock. Code that calls `time.time()` inside cannot be tested
# without sleeping. Take the clock as an argument (`clock=time.monotonic`) and tests pass a fake one that
# moves only when told. The demo shows a fixed window letting a burst through at the edge:

# %% course={"kind": "demo"}
def fixed_window_allows(times: list[float], limit: int, window: float) -> list[bool]:
    """A fixed-window counter: at most `limit` accepted requests per calendar window of `window` seconds."""
    counts: dict[int, int] = {}
    decisions = []
    for t in times:
        slot = int(t // window)
        counts[slot] = counts.get(slot, 0) + 1
        decisions.append(counts[slot] <= limit)
    return decisions


times = [59.0, 59.5, 59.9, 60.0, 60.1, 60.2]  # six requests within 1.2 seconds
print(fixed_window_allows(times, limit=3, window=60.0))
print("accepted within 1.2 s:", sum(fixed_window_allows(times, limit=3, window=60.0)), "although the limit is 3 per 60 s")

# %% [markdown] course={"kind": "text"}
# The same limit kept in a **real Redis-protocol server** (Valkey, started for this kernel). Two "workers"
# (two clients) share one counter per window; `INCR` returns the new count, so each worker decides from its
# own reply, and `EXPIRE` makes the key disappear once its window is over. Then the same two workers with
# `GET` + `SET`, their steps interleaved by hand the way two processes can interleave:

# %% course={"kind": "demo"}
worker_a, worker_b = redis.Redis.from_url(VALKEY_URL), redis.Redis.from_url(VALKEY_URL)
worker_a.delete("demo:incr", "demo:getset")
with worker_a.pipeline() as pipe:  # MULTI ... EXEC: both commands run together
    pipe.incr("demo:incr")
    pipe.expire("demo:incr", 60)
    count_a, _ = pipe.execute()
count_b = worker_b.incr("demo:incr")
print("INCR   : worker A saw", count_a, "| worker B saw", count_b, "| stored", int(worker_a.get("demo:incr")),
      "| ttl", worker_a.ttl("demo:incr"))

seen_a = int(worker_a.get("demo:getset") or 0)  # A reads 0
seen_b = int(worker_b.get("demo:getset") or 0)  # B reads 0 too, before A wrote
worker_a.set("demo:getset", seen_a + 1)
worker_b.set("demo:getset", seen_b + 1)
print("GET+SET: two requests counted as", int(worker_a.get("demo:getset")))
print("server:", worker_a.info("server")["redis_version"], "(the version Valkey reports to Redis clients)")
worker_a.close(), worker_b.close()

# %% [markdown] course={"kind": "exercise", "id": "token-bucket", "item": "x-implement-rate-limiting"}
# ### A token bucket with an injected clock
#
# Complete `TokenBucket(capacity, rate, clock=time.monotonic)`:
#
# - it starts **full**: `capacity` tokens; it gains `rate` tokens per second of `clock()` time, fractions
#   included, but never holds more than `capacity`;
# - `allow()` takes one token and returns `True` if at least one whole token is there, else returns `False`
#   and takes nothing;
# - `retry_after()` returns, as a `float`, how many seconds from now until `allow()` would succeed: `0.0` if
#   it would succeed now. It takes no token.
#
# ```python
# clock = FakeClock(1000.0)
# bucket = TokenBucket(capacity=2, rate=0.5, clock=clock)
# bucket.allow(), bucket.allow(), bucket.allow()   # (True, True, False)
# bucket.retry_after()                              # 2.0: half a token per second
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two things: the tokens you had, and the clock reading when you last counted them. Before every
# decision, add `(now - then) * rate`, cap it at `capacity`, and remember `now` as the new "then".

# %% [markdown] course={"kind": "hint"}
# Refill with `min(self.capacity, self.tokens + (now - self.updated) * self.rate)` and keep the fraction: an
# `int()` there throws away half a token every half second. `retry_after` is `(1 - tokens) / rate` when
# that is positive.

# %% course={"kind": "solution", "equivalent": {"m-edc017f3": "tokens only feed comparisons and a division by the float rate, so an int start behaves like a float one"}}
class TokenBucket:
    """At most `capacity` requests at once, `rate` per second in the long run."""

    def __init__(self, capacity: int, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError(f"need capacity >= 1 and rate > 0, got {capacity!r} and {rate!r}")
        self.capacity, self.rate, self.clock = capacity, rate, clock
        ### BEGIN SOLUTION
        self.tokens = float(capacity)
        self.updated = clock()
        ### END SOLUTION

    def allow(self) -> bool:
        ### BEGIN SOLUTION
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
        ### END SOLUTION

    def retry_after(self) -> float:
        ### BEGIN SOLUTION
        self._refill()
        return max(0.0, (1 - self.tokens) / self.rate)

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
clock = FakeClock(1000.0)
bucket = TokenBucket(capacity=3, rate=1.0, clock=clock)
decisions = [bucket.allow() for _ in range(4)]
assert decisions == [True, True, True, False], f"a full bucket of 3 allows 3 requests at once, then refuses: {decisions}"

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
bucket = TokenBucket(capacity=2, rate=0.5, clock=clock)
assert [bucket.allow(), bucket.allow(), bucket.allow()] == [True, True, False]
wait = bucket.retry_after()
assert type(wait) is float and wait == 2.0, f"an empty bucket at 0.5 tokens/s needs 2.0 s for one token, got {wait!r}"
clock.advance(1.0)
assert bucket.allow() is False, "after 1 s only half a token is back"
assert bucket.retry_after() == 1.0, f"the half token already gained counts: 1.0 s left, got {bucket.retry_after()!r}"
clock.advance(1.0)
assert bucket.allow() is True, "after 2 s in all one whole token is back"
### BEGIN HIDDEN TESTS
assert bucket.allow() is False and bucket.retry_after() == 2.0
clock.advance(0.5)
assert bucket.allow() is False
clock.advance(0.5)
assert bucket.allow() is False, "two quarter-token refills are half a token: fractions add up, nothing more"
clock.advance(1.0)
assert bucket.allow() is True, "four half-second steps make one token: a refill that rounds down never gets there"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
bucket = TokenBucket(capacity=3, rate=1.0, clock=clock)
assert bucket.retry_after() == 0.0 and type(bucket.retry_after()) is float, "a full bucket: 0.0 s to wait"
assert all(bucket.allow() for _ in range(3))
clock.advance(3600.0)
burst = [bucket.allow() for _ in range(5)]
assert burst == [True, True, True, False, False], f"after an hour idle the bucket holds capacity (3), no more: {burst}"
### BEGIN HIDDEN TESTS
assert bucket.retry_after() == 1.0, "retry_after takes no token and reports the wait for one"
assert bucket.retry_after() == 1.0, "asking twice changes nothing"
clock.advance(1.0)
assert bucket.retry_after() == 0.0
assert bucket.allow() is True and bucket.allow() is False
one = TokenBucket(capacity=1, rate=4.0, clock=clock)
assert one.allow() is True and one.allow() is False and one.retry_after() == 0.25
clock.advance(0.25)
assert one.retry_after() == 0.0 and one.allow() is True, "exactly one token is enough"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-cap"}
class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if capacity < 1 or rate <= 0:
            raise ValueError(f"need capacity >= 1 and rate > 0, got {capacity!r} and {rate!r}")
        self.capacity, self.rate, self.clock = capacity, rate, clock
        self.tokens = float(capacity)
        self.updated = clock()

    def _refill(self):
        now = self.clock()
        self.tokens += (now - self.updated) * self.rate  # no cap: an idle hour allows a burst of 3600
        self.updated = now

    def allow(self):
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        self._refill()
        return max(0.0, (1 - self.tokens) / self.rate)

# %% course={"kind": "wrong", "id": "whole-tokens"}
class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if capacity < 1 or rate <= 0:
            raise ValueError(f"need capacity >= 1 and rate > 0, got {capacity!r} and {rate!r}")
        self.capacity, self.rate, self.clock = capacity, rate, clock
        self.tokens = capacity
        self.updated = clock()

    def _refill(self):
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + int((now - self.updated) * self.rate))  # drops fractions
        self.updated = now

    def allow(self):
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        self._refill()
        return max(0.0, (1 - self.tokens) / self.rate)

# %% course={"kind": "wrong", "id": "refill-from-start"}
class TokenBucket:
    def __init__(self, capacity, rate, clock=time.monotonic):
        if capacity < 1 or rate <= 0:
            raise ValueError(f"need capacity >= 1 and rate > 0, got {capacity!r} and {rate!r}")
        self.capacity, self.rate, self.clock = capacity, rate, clock
        self.tokens = float(capacity)
        self.updated = clock()

    def _tokens_now(self):
        # forgets to move `updated`: the same elapsed time is added again on every call
        return min(self.capacity, self.tokens + (self.clock() - self.updated) * self.rate)

    def allow(self):
        self.tokens = self._tokens_now()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        return max(0.0, (1 - self._tokens_now()) / self.rate)

# %% [markdown] course={"kind": "exercise", "id": "sliding-window", "item": "x-implement-rate-limiting"}
# ### A sliding-window log, per client
#
# Complete `SlidingWindowLog(limit, window, clock=time.monotonic)`: at most `limit` accepted requests per
# client `key` in any `window` seconds.
#
# - `allow(key)` returns `True` and records the time if `key` had fewer than `limit` accepted requests in
#   the last `window` seconds, else `False`. A request accepted at time `t` counts until just before
#   `t + window`: at exactly `t + window` it no longer counts. **Refused requests are not recorded**
#   (a client that keeps knocking is not locked out for ever). Keys are independent.
# - `retry_after(key)` returns how many seconds from now (a `float`) until `allow(key)` would succeed, `0.0`
#   if now; it records nothing.
#
# ```python
# clock = FakeClock(1000.0)
# limiter = SlidingWindowLog(limit=2, window=10.0, clock=clock)
# limiter.allow("ci"), limiter.allow("ci"), limiter.allow("ci"), limiter.allow("bot")  # (True, True, False, True)
# clock.advance(4.0); limiter.retry_after("ci")                                       # 6.0
# ```

# %% [markdown] course={"kind": "hint"}
# A `deque` of accepted times per key: drop times from the left while they are too old, then compare its
# length with `limit`.

# %% [markdown] course={"kind": "hint"}
# "Too old" is `times[0] <= now - window`. When the window is full, the next slot opens when the oldest
# kept time leaves it: `times[0] + window - now` seconds from now.

# %% course={"kind": "solution"}
class SlidingWindowLog:
    """At most `limit` accepted requests per key in any `window` seconds."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError(f"need limit >= 1 and window > 0, got {limit!r} and {window!r}")
        self.limit, self.window, self.clock = limit, window, clock
        self.accepted: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        ### BEGIN SOLUTION
        now = self.clock()
        times = self._recent(key, now)
        if len(times) < self.limit:
            times.append(now)
            return True
        return False
        ### END SOLUTION

    def retry_after(self, key: str) -> float:
        ### BEGIN SOLUTION
        now = self.clock()
        times = self._recent(key, now)
        if len(times) < self.limit:
            return 0.0
        return times[0] + self.window - now

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.accepted.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
clock = FakeClock(1000.0)
limiter = SlidingWindowLog(limit=2, window=10.0, clock=clock)
got = [limiter.allow("ci"), limiter.allow("ci"), limiter.allow("ci")]
assert got == [True, True, False], f"a limit of 2 accepts two requests, then refuses: {got}"

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
limiter = SlidingWindowLog(limit=2, window=10.0, clock=clock)
assert limiter.allow("ci") and limiter.allow("ci")
assert limiter.allow("bot") is True, "another key has its own window"
clock.advance(9.5)
assert limiter.allow("ci") is False, "9.5 s later both requests are still inside the 10 s window"
clock.advance(0.5)
assert limiter.allow("ci") is True, "at exactly t + window the first requests no longer count"
### BEGIN HIDDEN TESTS
assert limiter.allow("ci") is True and limiter.allow("ci") is False
assert [limiter.allow("bot") for _ in range(3)] == [True, True, False], "bot's request at 1000 s has left its window"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
limiter = SlidingWindowLog(limit=3, window=60.0, clock=clock)
clock.advance(59.0)
accepted = [limiter.allow("k") for _ in range(3)]
clock.advance(1.0)
after_edge = [limiter.allow("k") for _ in range(3)]
assert accepted == [True] * 3 and after_edge == [False] * 3, (
    f"no burst at a minute boundary: 3 at 59 s, then none at 60 s; got {accepted} then {after_edge}")
### BEGIN HIDDEN TESTS
clock.advance(58.5)
assert limiter.allow("k") is False, "at 118.5 s the three requests from 59 s are still in the window"
clock.advance(0.5)
assert limiter.allow("k") is True, "59 + 60 = 119 s: refused requests at 60 s were not recorded"
knocks = FakeClock(0.5)
patient = SlidingWindowLog(limit=1, window=2.0, clock=knocks)
assert patient.allow("x") is True
for _ in range(3):
    knocks.advance(0.5)
    assert patient.allow("x") is False
knocks.advance(0.5)
assert patient.allow("x") is True, "refusals do not push the window forward"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
limiter = SlidingWindowLog(limit=2, window=10.0, clock=clock)
assert limiter.retry_after("new") == 0.0 and type(limiter.retry_after("new")) is float, "nothing recorded: 0.0"
limiter.allow("ci")
clock.advance(3.0)
limiter.allow("ci")
clock.advance(1.0)
wait = limiter.retry_after("ci")
assert wait == 6.0, f"the oldest request (4 s ago) leaves the 10 s window in 6.0 s, got {wait!r}"
### BEGIN HIDDEN TESTS
assert limiter.retry_after("ci") == 6.0 and limiter.allow("ci") is False, "retry_after records nothing"
clock.advance(6.0)
assert limiter.retry_after("ci") == 0.0
assert limiter.allow("ci") is True
assert limiter.retry_after("ci") == 3.0, "now the request at 3 s is the oldest: it leaves at 13 s"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fixed-window"}
class SlidingWindowLog:
    def __init__(self, limit, window, clock=time.monotonic):
        if limit < 1 or window <= 0:
            raise ValueError(f"need limit >= 1 and window > 0, got {limit!r} and {window!r}")
        self.limit, self.window, self.clock = limit, window, clock
        self.counts = {}

    def allow(self, key):
        slot = (key, int(self.clock() // self.window))  # a fixed window: resets at every multiple of window
        if self.counts.get(slot, 0) < self.limit:
            self.counts[slot] = self.counts.get(slot, 0) + 1
            return True
        return False

    def retry_after(self, key):
        now = self.clock()
        if self.counts.get((key, int(now // self.window)), 0) < self.limit:
            return 0.0
        return (int(now // self.window) + 1) * self.window - now

# %% course={"kind": "wrong", "id": "records-refusals"}
class SlidingWindowLog:
    def __init__(self, limit, window, clock=time.monotonic):
        if limit < 1 or window <= 0:
            raise ValueError(f"need limit >= 1 and window > 0, got {limit!r} and {window!r}")
        self.limit, self.window, self.clock = limit, window, clock
        self.accepted = {}

    def _recent(self, key, now):
        times = self.accepted.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def allow(self, key):
        now = self.clock()
        times = self._recent(key, now)
        times.append(now)  # every request is recorded, refused ones too
        return len(times) <= self.limit

    def retry_after(self, key):
        now = self.clock()
        times = self._recent(key, now)
        if len(times) < self.limit:
            return 0.0
        return times[-self.limit] + self.window - now

# %% course={"kind": "wrong", "id": "strict-edge"}
class SlidingWindowLog:
    def __init__(self, limit, window, clock=time.monotonic):
        if limit < 1 or window <= 0:
            raise ValueError(f"need limit >= 1 and window > 0, got {limit!r} and {window!r}")
        self.limit, self.window, self.clock = limit, window, clock
        self.accepted = {}

    def _recent(self, key, now):
        times = self.accepted.setdefault(key, deque())
        while times and times[0] < now - self.window:  # keeps a request that is exactly `window` old
            times.popleft()
        return times

    def allow(self, key):
        now = self.clock()
        times = self._recent(key, now)
        if len(times) < self.limit:
            times.append(now)
            return True
        return False

    def retry_after(self, key):
        now = self.clock()
        times = self._recent(key, now)
        return 0.0 if len(times) < self.limit else times[0] + self.window - now

# %% [markdown] course={"kind": "exercise", "id": "redis-window", "item": "x-implement-rate-limiting"}
# ### A rate limit shared through Redis
#
# Several workers share one limit through a Redis-protocol server. Write `redis_allow(r, key, limit, window,
# now)` for a **fixed window** counter:
#
# - the counter for `key` in the window that contains `now` is the Redis key `f"rl:{key}:{int(now // window)}"`;
# - count the request with one atomic `INCR` and return `True` if the new count is at most `limit`;
# - give the counter an expiry of `window` seconds (`EXPIRE`), so finished windows clean themselves up.
#
# `now` comes from the caller (tests pass fixed numbers); `window` is a whole number of seconds.
#
# ```python
# r = redis.Redis.from_url(VALKEY_URL)
# [redis_allow(r, "team-a", 2, 60, 125.0) for _ in range(3)]   # [True, True, False]; key "rl:team-a:2"
# redis_allow(r, "team-a", 2, 60, 180.0)                        # True: a new window
# ```

# %% [markdown] course={"kind": "hint"}
# `r.incr(name)` returns the count after adding one, in one step on the server; no `GET` needed.

# %% [markdown] course={"kind": "hint"}
# `count = r.incr(name)`, then `r.expire(name, window)`, then `return count <= limit`. (A pipeline with both
# commands sends them together; either way works here.)

# %% course={"kind": "solution"}
def redis_allow(r: redis.Redis, key: str, limit: int, window: int, now: float) -> bool:
    """Count one request for `key` in the fixed window containing `now`; True if within `limit`."""
    ### BEGIN SOLUTION
    name = f"rl:{key}:{int(now // window)}"
    count = r.incr(name)
    r.expire(name, window)
    return count <= limit
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
got = [redis_allow(r, "team-a", 2, 60, 125.0) for _ in range(3)]
assert got == [True, True, False], f"a limit of 2: two allowed, the third refused; got {got}"
assert r.get("rl:team-a:2") == b"3", f"the counter is the key rl:team-a:2 and counts every request: {r.keys('*')}"
r.close()

# %% course={"kind": "test", "points": 2}
r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
assert redis_allow(r, "team-a", 1, 60, 119.5) is True
assert redis_allow(r, "team-a", 1, 60, 119.9) is False, "same window (120 s not reached)"
assert redis_allow(r, "team-a", 1, 60, 120.0) is True, "at 120 s a new window starts"
assert redis_allow(r, "team-b", 1, 60, 119.9) is True, "keys are counted separately"
ttl = r.ttl("rl:team-a:2")
assert 0 < ttl <= 60, f"the counter must expire after the window (EXPIRE 60), ttl is {ttl}"
### BEGIN HIDDEN TESTS
assert sorted(r.keys("*")) == [b"rl:team-a:1", b"rl:team-a:2", b"rl:team-b:1"], r.keys("*")
assert 0 < r.ttl("rl:team-b:1") <= 60
assert redis_allow(r, "ünïcode key", 0, 5, 0.0) is False, "a limit of 0 refuses everything"
assert r.get("rl:ünïcode key:0") == b"1" and 0 < r.ttl("rl:ünïcode key:0") <= 5
assert redis_allow(r, "x", 3, 1, 7.0) is True and r.get("rl:x:7") == b"1"
### END HIDDEN TESTS
r.close()


# %% course={"kind": "test", "points": 2}
class Interleaved:
    """A client where another worker's request lands right after this worker's first command."""

    def __init__(self, real: redis.Redis, counter: str) -> None:
        self.real, self.counter, self.other_count = real, counter, None

    def __getattr__(self, name: str):
        attr = getattr(self.real, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            result = attr(*args, **kwargs)
            if self.other_count is None:
                self.other_count = self.real.incr(self.counter)  # the other worker counts its request
            return result

        return call


r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
racing = Interleaved(r, "rl:shared:0")
mine = redis_allow(racing, "shared", 1, 60, 30.0)
assert r.get("rl:shared:0") == b"2", (
    f"two requests were made in this window (ours and another worker's), the counter says {r.get('rl:shared:0')}:"
    " a read followed by a write loses the other worker's count; use INCR")
assert mine + (racing.other_count <= 1) == 1, "with a limit of 1 exactly one of the two requests may pass"
r.close()

# %% course={"kind": "wrong", "id": "get-then-set"}
def redis_allow(r, key, limit, window, now):
    name = f"rl:{key}:{int(now // window)}"
    count = int(r.get(name) or 0) + 1  # read, then write: two workers can both read the same count
    r.set(name, count, ex=window)
    return count <= limit

# %% course={"kind": "wrong", "id": "no-expiry"}
def redis_allow(r, key, limit, window, now):
    name = f"rl:{key}:{int(now // window)}"
    return r.incr(name) <= limit  # every window's counter stays in Redis for ever

# %% course={"kind": "wrong", "id": "one-counter"}
def redis_allow(r, key, limit, window, now):
    name = f"rl:{key}:{int(now // window)}"
    count = r.incr(f"rl:{key}")  # one counter per key: it never starts again in a new window
    r.expire(f"rl:{key}", window)
    return count <= limit

# %% [markdown] course={"kind": "lesson", "id": "caching", "covers": ["c-caching", "c-response-caching", "c-cache-headers", "c-redis-integration"]}
# ### Caching: headers for clients, Redis for the server
#
# There are two caches, and production APIs use both:
#
# - **Cache headers** tell *clients and proxies* what they may keep. `Cache-Control: public, max-age=60`:
#   anyone may reuse this answer for 60 s without asking; `private`: only the end user's browser;
#   `no-store`: never keep it (tokens, personal data). `no-cache` is the misleading one: it *may* be stored
#   but must be revalidated each time, which is what `ETag` + `If-None-Match` + `304 Not Modified` are for
#   (section 12.1 builds that in full). Errors should not be cached for long.
# - **Response caching on the server** keeps expensive results (a report, a feature lookup, a model's
#   metadata) in **Redis** with an expiry: *cache-aside* reads the cache, on a miss computes and stores
#   with `SET key value EX ttl`. Every worker and pod shares the one cache, and the TTL bounds how stale an
#   answer can be.
#
# What people get wrong: caching answers that depend on *who* asks under a key that does not say who, and
# caching failures (a 500 cached for an hour). The demo serves one endpoint with both caches:

# %% course={"kind": "demo"}
cache = redis.Redis.from_url(VALKEY_URL)
cache.delete("cache:prices:eu")
computed = []
shop = FastAPI()


@shop.get("/prices/{region}")
def prices(region: str, response: Response) -> dict[str, object]:
    key = f"cache:prices:{region}"
    stored = cache.get(key)
    if stored is None:
        computed.append(region)  # the expensive part
        body = {"region": region, "prices": {"gpu-hour": 2.5, "cpu-hour": 0.05}}
        cache.set(key, json.dumps(body), ex=30)
        response.headers["X-Cache"] = "MISS"
    else:
        body = json.loads(stored)
        response.headers["X-Cache"] = "HIT"
    response.headers["Cache-Control"] = "public, max-age=30"
    return body


client = TestClient(shop)
for _ in range(3):
    reply = client.get("/prices/eu")
    print(reply.status_code, reply.headers["x-cache"], reply.headers["cache-control"], reply.json()["prices"])
print("computed", len(computed), "time(s); the Redis entry expires in", cache.ttl("cache:prices:eu"), "s")
cache.close()

# %% [markdown] course={"kind": "exercise", "id": "report-cache"}
# ### Cache-aside in Redis, with the right headers
#
# Write `make_report_app(r, load, ttl)`: an app with `GET /reports/{name}` that answers `load(name)` (a
# dict) as JSON, cached in the Redis client `r`:
#
# - the cache key is `f"report:{name}"`; a hit answers the stored JSON **without calling `load`** and with
#   the header `X-Cache: HIT`; a miss calls `load(name)`, stores the JSON with an expiry of `ttl` seconds
#   and answers with `X-Cache: MISS`;
# - successful answers carry `Cache-Control: public, max-age=<ttl>`;
# - `load` raises `KeyError` for an unknown report: answer `404` with `{"detail": "no report 'NAME'"}`,
#   `Cache-Control: no-store`, and cache nothing.
#
# ```python
# client = TestClient(make_report_app(r, {"gpu": {"used": 7}}.__getitem__, ttl=60))
# client.get("/reports/gpu").headers["x-cache"], client.get("/reports/gpu").headers["x-cache"]  # ('MISS', 'HIT')
# ```

# %% [markdown] course={"kind": "hint"}
# Take a `response: Response` parameter to set headers on a normal answer. For the 404, raise
# `HTTPException(404, detail=..., headers={...})`.

# %% [markdown] course={"kind": "hint"}
# `stored = r.get(key)`; on `None`: `body = load(name)` inside `try`/`except KeyError`, then
# `r.set(key, json.dumps(body), ex=ttl)`; on a hit: `body = json.loads(stored)`.

# %% course={"kind": "solution"}
def make_report_app(r: redis.Redis, load: Callable[[str], dict], ttl: int) -> FastAPI:
    """GET /reports/{name}: load(name), cached in Redis for ttl seconds."""
    app = FastAPI()
    ### BEGIN SOLUTION

    @app.get("/reports/{name}")
    def report(name: str, response: Response) -> dict:
        key = f"report:{name}"
        stored = r.get(key)
        if stored is not None:
            response.headers["X-Cache"] = "HIT"
            body = json.loads(stored)
        else:
            try:
                body = load(name)
            except KeyError:
                raise HTTPException(404, detail=f"no report {name!r}", headers={"Cache-Control": "no-store"}) from None
            r.set(key, json.dumps(body), ex=ttl)
            response.headers["X-Cache"] = "MISS"
        response.headers["Cache-Control"] = f"public, max-age={ttl}"
        return body

    ### END SOLUTION
    return app


# %% course={"kind": "test", "points": 1}
def counting_loader(reports: dict[str, dict]) -> tuple[Callable[[str], dict], list[str]]:
    calls: list[str] = []

    def load(name: str) -> dict:
        calls.append(name)
        return reports[name]

    return load, calls


r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
load, calls = counting_loader({"gpu": {"used": 7, "free": 1}})
client = TestClient(make_report_app(r, load, ttl=60))
first, second = client.get("/reports/gpu"), client.get("/reports/gpu")
assert first.json() == second.json() == {"used": 7, "free": 1}, f"both answers are the report: {first.text}, {second.text}"
assert calls == ["gpu"], f"the second request must come from the cache, but load was called {calls}"
r.close()

# %% course={"kind": "test", "points": 2}
r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
load, calls = counting_loader({"gpu": {"used": 7}, "cpu": {"used": 0}})
client = TestClient(make_report_app(r, load, ttl=45))
first, second = client.get("/reports/gpu"), client.get("/reports/gpu")
assert (first.headers.get("x-cache"), second.headers.get("x-cache")) == ("MISS", "HIT"), dict(second.headers)
assert first.headers.get("cache-control") == second.headers.get("cache-control") == "public, max-age=45", (
    f"Cache-Control: public, max-age=45 on every successful answer, got {first.headers.get('cache-control')!r}")
assert 0 < r.ttl("report:gpu") <= 45, f"the Redis entry report:gpu must expire after ttl seconds: ttl {r.ttl('report:gpu')}"
### BEGIN HIDDEN TESTS
assert json.loads(r.get("report:gpu")) == {"used": 7}
assert client.get("/reports/cpu").json() == {"used": 0} and client.get("/reports/cpu").headers["x-cache"] == "HIT"
assert calls == ["gpu", "cpu"]
r.set("report:planted", json.dumps({"from": "cache"}))
assert client.get("/reports/planted").json() == {"from": "cache"}, "a hit answers what Redis holds"
assert calls == ["gpu", "cpu"], "a hit never calls load"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = redis.Redis.from_url(VALKEY_URL)
r.flushdb()
load, calls = counting_loader({"gpu": {"used": 7}})
client = TestClient(make_report_app(r, load, ttl=60))
reply = client.get("/reports/tpu")
assert reply.status_code == 404, f"an unknown report is a 404, got {reply.status_code}"
assert reply.json() == {"detail": "no report 'tpu'"}, reply.json()
assert reply.headers.get("cache-control") == "no-store", f"a 404 must not be cached: {reply.headers.get('cache-control')!r}"
assert r.keys("*") == [], f"nothing is cached for a missing report: {r.keys('*')}"
### BEGIN HIDDEN TESTS
assert client.get("/reports/tpu").status_code == 404 and calls == ["tpu", "tpu"], "a miss is asked again next time"
assert "x-cache" not in reply.headers or reply.headers["x-cache"] != "HIT"
assert TestClient(make_report_app(r, lambda name: {}, ttl=5)).get("/reports/e").json() == {}, "an empty report is a report"
assert TestClient(make_report_app(r, lambda name: {}, ttl=5)).get("/reports/e").headers["x-cache"] == "HIT", (
    "an empty dict stored in the cache is still a hit")
### END HIDDEN TESTS
r.close()

# %% course={"kind": "wrong", "id": "no-ttl"}
def make_report_app(r, load, ttl):
    app = FastAPI()

    @app.get("/reports/{name}")
    def report(name: str, response: Response) -> dict:
        stored = r.get(f"report:{name}")
        if stored is not None:
            response.headers["X-Cache"] = "HIT"
            body = json.loads(stored)
        else:
            try:
                body = load(name)
            except KeyError:
                raise HTTPException(404, detail=f"no report {name!r}", headers={"Cache-Control": "no-store"}) from None
            r.set(f"report:{name}", json.dumps(body))  # no expiry: stale for ever
            response.headers["X-Cache"] = "MISS"
        response.headers["Cache-Control"] = f"public, max-age={ttl}"
        return body

    return app

# %% course={"kind": "wrong", "id": "caches-the-404"}
def make_report_app(r, load, ttl):
    app = FastAPI()

    @app.get("/reports/{name}")
    def report(name: str, response: Response) -> dict:
        stored = r.get(f"report:{name}")
        if stored is not None:
            response.headers["X-Cache"] = "HIT"
            body = json.loads(stored)
        else:
            try:
                body = load(name)
            except KeyError:
                body = None
            r.set(f"report:{name}", json.dumps(body), ex=ttl)  # the miss is cached too
            response.headers["X-Cache"] = "MISS"
        if body is None:
            raise HTTPException(404, detail=f"no report {name!r}")
        response.headers["Cache-Control"] = f"public, max-age={ttl}"
        return body

    return app

# %% course={"kind": "wrong", "id": "truthy-hit"}
def make_report_app(r, load, ttl):
    app = FastAPI()

    @app.get("/reports/{name}")
    def report(name: str, response: Response) -> dict:
        stored = r.get(f"report:{name}")
        body = json.loads(stored) if stored else None
        if body:  # an empty report {} looks like a miss
            response.headers["X-Cache"] = "HIT"
        else:
            try:
                body = load(name)
            except KeyError:
                raise HTTPException(404, detail=f"no report {name!r}", headers={"Cache-Control": "no-store"}) from None
            r.set(f"report:{name}", json.dumps(body), ex=ttl)
            response.headers["X-Cache"] = "MISS"
        response.headers["Cache-Control"] = f"public, max-age={ttl}"
        return body

    return app

# %% [markdown] course={"kind": "lesson", "id": "logging-monitoring", "covers": ["c-logging-and-monitoring", "c-request-logging", "c-structured-logging", "c-correlation-ids", "c-metrics-collection"]}
# ### Request logs, JSON, correlation ids and metrics
#
# **Request logging** writes one line per request: method, path, status, duration, client. **Structured
# logging** writes that line as JSON, so a log system (Loki, Elasticsearch, CloudWatch) can filter on
# `status >= 500` instead of grepping text. A **correlation id** (request id) ties together every line one
# request caused, across functions and across services: take it from the incoming `X-Request-ID` header
# (a gateway may have set it), make one if there is none, put it on every log line, send it on to the
# services you call, and return it in the response so a user can quote it in a bug report.
#
# Where to keep the id while a request runs? Not in a global: one process serves many requests at once on
# one event loop, so a global is overwritten by whichever request started last. A
# **`contextvars.ContextVar`** has a separate value in each asyncio task (and is copied into the worker
# threads that run plain `def` endpoints), which is exactly "per request".
#
# **Metrics** are the numbers behind dashboards and alerts: requests per route and status, latency
# histograms, in-flight requests. Prometheus scrapes them as text from `GET /metrics`. The one rule people
# break: label by the **route template** (`/models/{name}`), never the raw path (`/models/bert-7`), or each
# new id makes a new time series and the metrics store runs out of memory.
#
# The demo: a JSON formatter that reads the request id from a context variable, a middleware that sets it,
# and two requests served at the same time:

# %% course={"kind": "demo"}
demo_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("demo_request_id", default="-")


class JsonLines(logging.Formatter):
    """One JSON object per record, with the current request id."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"level": record.levelname, "msg": record.getMessage(), "request_id": demo_request_id.get(),
                           **getattr(record, "fields", {})})


demo_log = fresh_logger("demo.api")
demo_lines: list[str] = []
sink = logging.Handler()
sink.emit = lambda record: demo_lines.append(sink.format(record))  # keep formatted lines in a list
sink.setFormatter(JsonLines())
demo_log.addHandler(sink)
demo_log.setLevel(logging.INFO)
demo_log.propagate = False

api = FastAPI()
both_inside = asyncio.Event()


@api.middleware("http")
async def correlate(request: Request, call_next):
    token = demo_request_id.set(request.headers.get("x-request-id") or uuid.uuid4().hex)
    try:
        response = await call_next(request)
        response.headers["X-Request-ID"] = demo_request_id.get()
        demo_log.info("request", extra={"fields": {"method": request.method, "path": request.url.path,
                                                   "status": response.status_code}})
        return response
    finally:
        demo_request_id.reset(token)


@api.get("/work/{n}")
async def work(n: int) -> dict[str, int]:
    demo_log.info("started")
    if n == 1:
        await both_inside.wait()  # request 1 waits here until request 2 has started too
    else:
        both_inside.set()
    demo_log.info("finished")
    return {"n": n}


async def two_at_once() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://api") as client:
        replies = await asyncio.gather(client.get("/work/1", headers={"X-Request-ID": "req-one"}),
                                       client.get("/work/2", headers={"X-Request-ID": "req-two"}))
    print("response headers:", [r.headers["x-request-id"] for r in replies])


run(two_at_once())
print("\n".join(demo_lines))
release_logger("demo.api")

# %% [markdown] course={"kind": "text"}
# Request one logged `started`, then waited while request two ran; when it finished, its `finished` line
# still carried `req-one`. With a plain global variable it would have said `req-two`: the next exercise's
# tests check exactly that. The `finally: reset(token)` matters too: without it the id stays set in the
# caller's context after the request (here, the test's own task).

# %% [markdown] course={"kind": "exercise", "id": "correlation-ids", "item": "x-add-comprehensive-logging"}
# ### Correlation ids in every log line
#
# Write `add_correlation(app, logger, new_id)`: it installs an HTTP middleware on `app` that
#
# - takes the request id from the `X-Request-ID` header if it is **1 to 64 characters, each a letter, digit
#   or `-`** (anything else, including a missing or empty header, is replaced by `new_id()`: a client must
#   not be able to inject newlines or megabytes into your logs);
# - sets the context variable `request_id` (given) to it while the request runs, and resets it afterwards;
# - adds the header `X-Request-ID` to the response;
# - after the response is made, logs `logger.info("request", extra={"fields": {...}})` with `method`, `path`
#   and `status` (an `int`).
#
# `JsonFormatter` (given) puts `request_id.get()` on every line, so the endpoints' own log lines carry the id too.
#
# ```python
# add_correlation(app, logger, new_id=lambda: "generated")
# TestClient(app).get("/ping", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]  # 'abc-123'
# # logged: {"level": "INFO", "msg": "request", "request_id": "abc-123", "method": "GET", "path": "/ping", "status": 200}
# ```

# %% [markdown] course={"kind": "hint"}
# `@app.middleware("http")` inside the function, then `token = request_id.set(...)` and
# `try: ... finally: request_id.reset(token)` around `await call_next(request)`.

# %% [markdown] course={"kind": "hint"}
# Check the header with `re.fullmatch(r"[A-Za-z0-9-]{1,64}", value)`. `fullmatch` matters: `match` accepts
# `"abc\nforged line"`, because it only needs a good start. Beware `\w`: it matches non-ASCII letters too.

# %% course={"kind": "solution"}
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"level": record.levelname, "msg": record.getMessage(), "request_id": request_id.get()}
        return json.dumps({**line, **getattr(record, "fields", {})})


def add_correlation(app: FastAPI, logger: logging.Logger, new_id: Callable[[], str] = lambda: uuid.uuid4().hex) -> None:
    """Give every request an id: in the context variable, in every log line and in the response."""
    ### BEGIN SOLUTION
    @app.middleware("http")
    async def correlate(request: Request, call_next):
        given = request.headers.get("x-request-id", "")
        rid = given if re.fullmatch(r"[A-Za-z0-9-]{1,64}", given) else new_id()
        token = request_id.set(rid)
        try:
            response = await call_next(request)
            response.headers["X-Request-ID"] = rid
            fields = {"method": request.method, "path": request.url.path, "status": response.status_code}
            logger.info("request", extra={"fields": fields})
            return response
        finally:
            request_id.reset(token)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
class ListHandler(logging.Handler):
    """Keeps every formatted line, parsed back from JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


def logged_app(name: str, new_id: Callable[[], str]) -> tuple[FastAPI, ListHandler]:
    logger = fresh_logger(name)
    handler = ListHandler()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, str]:
        logger.info("pinged")
        return {"pong": request_id.get()}

    @app.get("/fail")
    def fail() -> None:
        raise HTTPException(503, "down")

    add_correlation(app, logger, new_id)
    return app, handler


app, handler = logged_app("t.correlation", new_id=lambda: "generated")
reply = TestClient(app).get("/ping", headers={"X-Request-ID": "abc-123"})
assert reply.headers.get("x-request-id") == "abc-123", f"the response carries the request id: {dict(reply.headers)}"
assert reply.json() == {"pong": "abc-123"}, f"the endpoint sees the id in request_id: {reply.json()}"
assert handler.lines[-1] == {"level": "INFO", "msg": "request", "request_id": "abc-123", "method": "GET",
                             "path": "/ping", "status": 200}, f"the request line: {handler.lines}"
release_logger("t.correlation")

# %% course={"kind": "test", "points": 2}
ids = iter(["gen-1", "gen-2", "gen-3", "gen-4", "gen-5", "gen-6", "gen-7"])
app, handler = logged_app("t.correlation", new_id=lambda: next(ids))
client = TestClient(app)
assert client.get("/ping").headers.get("x-request-id") == "gen-1", "no header: new_id() makes one"
assert client.get("/ping", headers={"X-Request-ID": "abc\nforged"}).headers.get("x-request-id") == "gen-2", (
    "a header with a newline is replaced")
fail = client.get("/fail", headers={"X-Request-ID": "F-1"})
assert fail.status_code == 503 and fail.headers.get("x-request-id") == "F-1", "errors carry the id too"
assert handler.lines[-1]["status"] == 503 and type(handler.lines[-1]["status"]) is int, handler.lines[-1]
### BEGIN HIDDEN TESTS
assert client.get("/ping", headers={"X-Request-ID": ""}).json() == {"pong": "gen-3"}, "an empty header is replaced"
assert client.get("/ping", headers={"X-Request-ID": "a" * 64}).headers["x-request-id"] == "a" * 64, "64 chars are fine"
assert client.get("/ping", headers={"X-Request-ID": "a" * 65}).headers["x-request-id"] == "gen-4", "65 are too many"
assert client.get("/ping", headers={"X-Request-ID": "x"}).headers["x-request-id"] == "x", "one char is fine"
assert client.get("/ping", headers={"X-Request-ID": "has space"}).headers["x-request-id"] == "gen-5"
assert client.get("/ping", headers={"X-Request-ID": "UPPER-lower-09"}).headers["x-request-id"] == "UPPER-lower-09"
assert client.get("/ping", headers={"X-Request-ID": "café".encode()}).headers["x-request-id"] == "gen-6"
assert client.get("/ping", headers={"X-Request-ID": "under_score"}).headers["x-request-id"] == "gen-7"
ping_lines = [line for line in handler.lines if line["msg"] == "pinged"]
assert [line["request_id"] for line in ping_lines[-3:]] == ["UPPER-lower-09", "gen-6", "gen-7"], ping_lines[-3:]
### END HIDDEN TESTS
release_logger("t.correlation")

# %% course={"kind": "test", "points": 2}
logger = fresh_logger("t.concurrent")
handler = ListHandler()
logger.addHandler(handler)
logger.setLevel(logging.INFO)
logger.propagate = False
app = FastAPI()
second_started = asyncio.Event()


@app.get("/job/{n}")
async def job(n: int) -> dict[str, str]:
    if n == 1:
        await second_started.wait()  # request 1 waits until request 2 has set its own id
    else:
        second_started.set()
    logger.info("job done", extra={"fields": {"n": n}})
    return {"seen": request_id.get()}


add_correlation(app, logger, new_id=lambda: "generated")


async def two_requests() -> tuple[list[str], str]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        replies = await asyncio.gather(client.get("/job/1", headers={"X-Request-ID": "first"}),
                                       client.get("/job/2", headers={"X-Request-ID": "third"}))
        await client.get("/job/2", headers={"X-Request-ID": "fourth"})  # runs in this task: its id must not stay
        return [r.json()["seen"] for r in replies], request_id.get()


seen, after = run(two_requests())
assert seen == ["first", "third"], f"each request keeps its own id while the other runs (use a ContextVar): {seen}"
done = {line["n"]: line["request_id"] for line in handler.lines if line["msg"] == "job done"}  # the last per n
assert done == {1: "first", 2: "fourth"}, f"log lines of concurrent requests: {done}"
assert after == "-", f"after the requests the id is reset in the caller's context, not left as {after!r}"
release_logger("t.concurrent")

# %% course={"kind": "wrong", "id": "global-id"}
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
current = {"id": "-"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"level": record.levelname, "msg": record.getMessage(), "request_id": request_id.get()}
        return json.dumps({**line, **getattr(record, "fields", {})})


def add_correlation(app, logger, new_id=lambda: uuid.uuid4().hex):
    @app.middleware("http")
    async def correlate(request, call_next):
        given = request.headers.get("x-request-id", "")
        current["id"] = given if re.fullmatch(r"[A-Za-z0-9-]{1,64}", given) else new_id()
        response = await call_next(request)  # a global: the last request to start wins
        response.headers["X-Request-ID"] = current["id"]
        request_id.set(current["id"])
        logger.info("request", extra={"fields": {"method": request.method, "path": request.url.path,
                                                 "status": response.status_code}})
        request_id.set("-")
        return response

# %% course={"kind": "wrong", "id": "trusts-header"}
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"level": record.levelname, "msg": record.getMessage(), "request_id": request_id.get()}
        return json.dumps({**line, **getattr(record, "fields", {})})


def add_correlation(app, logger, new_id=lambda: uuid.uuid4().hex):
    @app.middleware("http")
    async def correlate(request, call_next):
        rid = request.headers.get("x-request-id") or new_id()  # any header at all is believed
        token = request_id.set(rid)
        try:
            response = await call_next(request)
            response.headers["X-Request-ID"] = rid
            logger.info("request", extra={"fields": {"method": request.method, "path": request.url.path,
                                                     "status": response.status_code}})
            return response
        finally:
            request_id.reset(token)

# %% course={"kind": "wrong", "id": "never-reset"}
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"level": record.levelname, "msg": record.getMessage(), "request_id": request_id.get()}
        return json.dumps({**line, **getattr(record, "fields", {})})


def add_correlation(app, logger, new_id=lambda: uuid.uuid4().hex):
    @app.middleware("http")
    async def correlate(request, call_next):
        given = request.headers.get("x-request-id", "")
        rid = given if re.match(r"[A-Za-z0-9-]{1,64}", given) else new_id()  # match, not fullmatch
        request_id.set(rid)  # and never reset
        response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        logger.info("request", extra={"fields": {"method": request.method, "path": request.url.path,
                                                 "status": response.status_code}})
        return response

# %% [markdown] course={"kind": "exercise", "id": "route-metrics", "item": "x-add-comprehensive-logging"}
# ### Request metrics in the Prometheus text format
#
# Write `add_metrics(app)`: it counts every request the app answers by method, **route template** and
# status, and adds `GET /metrics` answering the counts as plain text (`text/plain`) in Prometheus's format:
#
# ```text
# # HELP http_requests_total Requests answered, by method, route and status.
# # TYPE http_requests_total counter
# http_requests_total{method="GET",route="/models/{name}",status="200"} 2
# http_requests_total{method="GET",route="/models/{name}",status="404"} 1
# ```
#
# - the route is the template the request matched (`request.scope["route"].path` after `call_next`); a
#   request that matched no route (a 404 for an unknown path) is counted under `route="unmatched"`;
# - one line per (method, route, status) seen so far, **sorted by route, then method, then status**, the text
#   ending with a newline; with no requests yet only the two `#` lines;
# - a scrape of `/metrics` is counted after its answer is made (it shows up in the next scrape).

# %% [markdown] course={"kind": "hint"}
# A `collections.Counter` keyed by `(route, method, status)` tuples sorts in the required order. Count in a
# middleware, after `response = await call_next(request)`.

# %% [markdown] course={"kind": "hint"}
# `route = request.scope.get("route")`, then `path = route.path if route is not None else "unmatched"`.
# Build the lines with f-strings and `"\n".join(...) + "\n"`.

# %% course={"kind": "solution"}
from collections import Counter


def add_metrics(app: FastAPI) -> None:
    """Count requests per method, route template and status; serve them at GET /metrics."""
    ### BEGIN SOLUTION
    counts: Counter[tuple[str, str, int]] = Counter()

    @app.middleware("http")
    async def count(request: Request, call_next):
        response = await call_next(request)
        route = request.scope.get("route")
        counts[(route.path if route is not None else "unmatched", request.method, response.status_code)] += 1
        return response

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics() -> str:
        lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
                 "# TYPE http_requests_total counter"]
        for (route, method, status), n in sorted(counts.items()):
            lines.append(f'http_requests_total{{method="{method}",route="{route}",status="{status}"}} {n}')
        return "\n".join(lines) + "\n"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def model_app() -> FastAPI:
    app = FastAPI()

    @app.get("/models/{name}")
    def model(name: str) -> dict[str, str]:
        if name == "missing":
            raise HTTPException(404, "no such model")
        return {"name": name}

    @app.post("/models/{name}/reload")
    def reload(name: str) -> dict[str, bool]:
        return {"reloaded": True}

    add_metrics(app)
    return app


HEAD = "# HELP http_requests_total Requests answered, by method, route and status.\n# TYPE http_requests_total counter\n"
client = TestClient(model_app())
client.get("/models/bert")
client.get("/models/gpt-2")
text = client.get("/metrics").text
assert text == HEAD + 'http_requests_total{method="GET",route="/models/{name}",status="200"} 2\n', (
    f"two requests to one route template are one line counting 2:\n{text}")

# %% course={"kind": "test", "points": 2}
client = TestClient(model_app())
assert client.get("/metrics").text == HEAD, "no requests yet: only the HELP and TYPE lines"
assert client.get("/metrics").headers["content-type"].startswith("text/plain"), "metrics are plain text"
client.get("/models/missing")
client.post("/models/bert/reload")
client.get("/nowhere")
client.get("/models/bert")
expected = HEAD + "".join(f"http_requests_total{{{labels}}} {n}\n" for labels, n in [
    ('method="GET",route="/metrics",status="200"', 2),
    ('method="GET",route="/models/{name}",status="200"', 1),
    ('method="GET",route="/models/{name}",status="404"', 1),
    ('method="POST",route="/models/{name}/reload",status="200"', 1),
    ('method="GET",route="unmatched",status="404"', 1),
])
text = client.get("/metrics").text
assert text == expected, f"expected (sorted by route, method, status):\n{expected}\ngot:\n{text}"
### BEGIN HIDDEN TESTS
for _ in range(9):
    client.get("/models/missing")
client.delete("/models/bert")
client.get("/models/bert")
text = client.get("/metrics").text
assert 'http_requests_total{method="GET",route="/models/{name}",status="404"} 10\n' in text, text
assert 'http_requests_total{method="GET",route="/models/{name}",status="200"} 2\n' in text, text
assert 'http_requests_total{method="GET",route="/metrics",status="200"} 3\n' in text, text
assert 'route="/models/{name}",status="405"} 1\n' in text and 'method="DELETE"' in text, text
lines = text.splitlines()[2:]
keys = [re.search(r'method="(\w+)",route="([^"]+)",status="(\d+)"', line).group(2, 1, 3) for line in lines]
assert keys == sorted(keys), f"sorted by route, then method, then status: {keys}"
other = TestClient(model_app())
assert other.get("/metrics").text == HEAD, "each app counts its own requests"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "raw-path"}
from collections import Counter


def add_metrics(app):
    counts = Counter()

    @app.middleware("http")
    async def count(request, call_next):
        response = await call_next(request)
        counts[(request.url.path, request.method, response.status_code)] += 1  # one series per model name
        return response

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics():
        lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
                 "# TYPE http_requests_total counter"]
        for (route, method, status), n in sorted(counts.items()):
            lines.append(f'http_requests_total{{method="{method}",route="{route}",status="{status}"}} {n}')
        return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "counts-before-answer"}
from collections import Counter

counts = Counter()  # one counter for every app


def add_metrics(app):
    @app.middleware("http")
    async def count(request, call_next):
        response = await call_next(request)
        route = request.scope.get("route")
        counts[(route.path if route is not None else "unmatched", request.method, response.status_code)] += 1
        return response

    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics():
        lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
                 "# TYPE http_requests_total counter"]
        for (route, method, status), n in sorted(counts.items()):
            lines.append(f'http_requests_total{{method="{method}",route="{route}",status="{status}"}} {n}')
        return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "json-metrics"}
from collections import Counter


def add_metrics(app):
    counts = Counter()

    @app.middleware("http")
    async def count(request, call_next):
        response = await call_next(request)
        route = request.scope.get("route")
        counts[(route.path if route is not None else "unmatched", request.method, response.status_code)] += 1
        return response

    @app.get("/metrics")
    def metrics():  # no response_class: the text is sent as a JSON string
        lines = ["# HELP http_requests_total Requests answered, by method, route and status.",
                 "# TYPE http_requests_total counter"]
        for (route, method, status), n in sorted(counts.items()):
            lines.append(f'http_requests_total{{method="{method}",route="{route}",status="{status}"}} {n}')
        return "\n".join(lines) + "\n"

# %% [markdown] course={"kind": "lesson", "id": "health-checks", "covers": ["c-health-checks", "c-liveness-probes", "c-readiness-probes", "c-deep-health-checks"]}
# ### Health checks: liveness, readiness and deep checks
#
# An orchestrator (Kubernetes, a load balancer, ECS) asks your service two different questions, and mixing
# them up causes outages:
#
# - **Liveness** ("is the process stuck?"): `GET /health/live` answers 200 as long as the event loop can
#   answer at all. If it fails, the orchestrator **restarts** the container. It must **not** check the
#   database: when the database is down, restarting every API pod fixes nothing and turns a partial outage
#   into a full one.
# - **Readiness** ("may I send you traffic now?"): `GET /health/ready` answers 503 while the service is
#   starting (model still loading), draining for shutdown, or cut off from something it cannot work
#   without. A failing readiness probe only takes the pod **out of the load balancer**; nothing restarts.
# - **Deep checks** (`/health/deep`, for dashboards and on-call humans): actually call each dependency
#   (Redis `PING`, a `SELECT 1`, the model server) with a **timeout**, report each result by name, and
#   answer 503 if any failed. Run the checks concurrently, so the slowest dependency bounds the time, and
#   never let one hanging dependency hang the health endpoint.
#
# The demo checks a real dependency (our Valkey server) and one that is down (a connection to a socket
# path where nothing listens):

# %% course={"kind": "demo"}
async def ping_redis(url: str) -> None:
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
    finally:
        await client.aclose()


async def check_all(checks: dict[str, Callable[[], Awaitable[None]]], timeout: float) -> dict[str, str]:
    async def one(check: Callable[[], Awaitable[None]]) -> str:
        try:
            await asyncio.wait_for(check(), timeout)
            return "ok"
        except Exception as err:  # a health check reports every failure, whatever its kind
            return f"fail: {type(err).__name__}"

    results = await asyncio.gather(*(one(check) for check in checks.values()))
    return dict(zip(checks, results))


print(run(check_all({"cache": lambda: ping_redis(VALKEY_URL),
                     "sessions": lambda: ping_redis("unix:///nonexistent/valkey.sock")}, timeout=2.0)))

# %% [markdown] course={"kind": "exercise", "id": "health-endpoints", "item": "x-create-health-check-endpoints"}
# ### Liveness, readiness and deep health endpoints
#
# Write `make_health_app(checks, state, timeout)`. `checks` maps a dependency's name to an async function
# that returns normally when the dependency is fine and raises otherwise; `state` is a dict whose
# `"ready"` key the rest of the program sets (`False` while starting or draining). The app answers:
#
# - `GET /health/live`: always `200 {"status": "alive"}`, and it **calls no check**;
# - `GET /health/ready`: `200 {"status": "ready"}` if `state["ready"]` is true, else `503 {"status": "not ready"}`;
# - `GET /health/deep`: runs **every** check **concurrently**, each under `asyncio.wait_for(..., timeout)`;
#   answers `{"status": "ok" | "fail", "checks": {name: result}}` where a result is `"ok"`, `"timeout"` for a
#   check that took too long, or `"fail: <ExceptionType>"`; status code 200 if all are ok, else 503. The
#   `checks` keys are kept in their given order.
#
# ```python
# async def fine(): pass
# async def broken(): raise ConnectionError("refused")
# client = TestClient(make_health_app({"db": fine, "cache": broken}, {"ready": True}, timeout=1.0))
# client.get("/health/deep").json()  # {'status': 'fail', 'checks': {'db': 'ok', 'cache': 'fail: ConnectionError'}}
# ```

# %% [markdown] course={"kind": "hint"}
# Set the status code with `JSONResponse(body, status_code=503)`. For the deep check, write one inner
# `async def` that runs a check and turns the outcome into a string, and `asyncio.gather` it over all checks.

# %% [markdown] course={"kind": "hint"}
# Catch `TimeoutError` before `Exception` (since Python 3.11 `asyncio.TimeoutError` *is* `TimeoutError`).
# `dict(zip(checks, results))` keeps the names in order.

# %% course={"kind": "solution"}
def make_health_app(checks: dict[str, Callable[[], Awaitable[None]]], state: dict[str, bool], timeout: float) -> FastAPI:
    """Liveness, readiness and deep health endpoints."""
    app = FastAPI()
    ### BEGIN SOLUTION

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/health/ready")
    async def ready() -> JSONResponse:
        if state["ready"]:
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "not ready"}, status_code=503)

    async def outcome(check: Callable[[], Awaitable[None]]) -> str:
        try:
            await asyncio.wait_for(check(), timeout)
        except TimeoutError:
            return "timeout"
        except Exception as err:  # any failure of a dependency is reported, not raised
            return f"fail: {type(err).__name__}"
        return "ok"

    @app.get("/health/deep")
    async def deep() -> JSONResponse:
        results = dict(zip(checks, await asyncio.gather(*(outcome(c) for c in checks.values()))))
        healthy = all(result == "ok" for result in results.values())
        body = {"status": "ok" if healthy else "fail", "checks": results}
        return JSONResponse(body, status_code=200 if healthy else 503)

    ### END SOLUTION
    return app


# %% course={"kind": "test", "points": 1}
async def fine() -> None:
    pass


async def refused() -> None:
    raise ConnectionError("connection refused")


client = TestClient(make_health_app({"db": fine, "cache": refused}, {"ready": True}, timeout=3600.0))
reply = client.get("/health/deep")
assert (reply.status_code, reply.json()) == (503, {"status": "fail", "checks": {"db": "ok", "cache": "fail: ConnectionError"}}), (
    f"one failing dependency: 503 and its name with the error type; got {reply.status_code} {reply.json()}")

# %% course={"kind": "test", "points": 2}
calls: list[str] = []


async def counted() -> None:
    calls.append("called")
    raise RuntimeError("database is down")


state = {"ready": False}
client = TestClient(make_health_app({"db": counted}, state, timeout=3600.0))
live = client.get("/health/live")
assert (live.status_code, live.json()) == (200, {"status": "alive"}), f"liveness: {live.status_code} {live.json()}"
assert calls == [], "liveness must not call any dependency check (a database outage must not restart the pods)"
ready = client.get("/health/ready")
assert (ready.status_code, ready.json()) == (503, {"status": "not ready"}), f"not ready yet: {ready.status_code} {ready.json()}"
state["ready"] = True
ready = client.get("/health/ready")
assert (ready.status_code, ready.json()) == (200, {"status": "ready"}), "readiness follows state['ready'] on every request"
### BEGIN HIDDEN TESTS
assert calls == [], "readiness reads the flag; the deep check is what calls dependencies"
state["ready"] = False
assert client.get("/health/ready").status_code == 503, "draining: not ready again"
assert client.get("/health/live").status_code == 200 and calls == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_health_app({"db": fine, "cache": fine}, {"ready": True}, timeout=3600.0))
reply = client.get("/health/deep")
assert (reply.status_code, reply.json()) == (200, {"status": "ok", "checks": {"db": "ok", "cache": "ok"}}), reply.json()
### BEGIN HIDDEN TESTS
assert TestClient(make_health_app({}, {"ready": True}, 3600.0)).get("/health/deep").json() == {"status": "ok", "checks": {}}


async def value_error() -> None:
    raise ValueError("bad config")


order = {"z": fine, "a": value_error, "m": fine}
reply = TestClient(make_health_app(order, {"ready": True}, 3600.0)).get("/health/deep")
assert list(reply.json()["checks"]) == ["z", "a", "m"], "names keep the given order"
assert reply.json()["checks"]["a"] == "fail: ValueError" and reply.status_code == 503
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# No clock decides these verdicts: a check that would finish after 100 turns of the event loop meets
# `timeout=0.0` (so `wait_for` must give up on it at once), and concurrency is seen in loop turns, not seconds.
async def slow() -> None:
    for _ in range(100):  # a dependency that needs many turns of the event loop to answer
        await asyncio.sleep(0)


client = TestClient(make_health_app({"search": slow}, {"ready": True}, timeout=0.0))
reply = client.get("/health/deep")
assert (reply.status_code, reply.json()) == (503, {"status": "fail", "checks": {"search": "timeout"}}), (
    f"a check that does not finish within the timeout is reported as 'timeout' (here timeout=0): {reply.json()}")
started: set[str] = set()


def meets(me: str, other: str) -> Callable[[], Awaitable[None]]:
    async def check() -> None:
        started.add(me)
        for _ in range(50):  # gather starts every check before any resumes: the other one is running by now
            if other in started:
                return
            await asyncio.sleep(0)
        raise RuntimeError(f"{other} never started while {me} ran: the checks ran one after another")

    return check


client = TestClient(make_health_app({"queue": meets("queue", "cache"), "cache": meets("cache", "queue")}, {"ready": True}, timeout=3600.0))
reply = client.get("/health/deep")
assert reply.json() == {"status": "ok", "checks": {"queue": "ok", "cache": "ok"}}, (
    f"checks run concurrently (asyncio.gather), not one after another: {reply.json()}")

# %% course={"kind": "wrong", "id": "live-checks-deps"}
def make_health_app(checks, state, timeout):
    app = FastAPI()

    async def outcome(check):
        try:
            await asyncio.wait_for(check(), timeout)
        except TimeoutError:
            return "timeout"
        except Exception as err:
            return f"fail: {type(err).__name__}"
        return "ok"

    async def deep_results():
        return dict(zip(checks, await asyncio.gather(*(outcome(c) for c in checks.values()))))

    @app.get("/health/live")
    async def live():
        results = await deep_results()  # liveness fails when the database does: every pod restarts
        if any(r != "ok" for r in results.values()):
            return JSONResponse({"status": "dead"}, status_code=503)
        return {"status": "alive"}

    @app.get("/health/ready")
    async def ready():
        if state["ready"]:
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "not ready"}, status_code=503)

    @app.get("/health/deep")
    async def deep():
        results = await deep_results()
        healthy = all(r == "ok" for r in results.values())
        return JSONResponse({"status": "ok" if healthy else "fail", "checks": results}, status_code=200 if healthy else 503)

    return app

# %% course={"kind": "wrong", "id": "one-after-another"}
def make_health_app(checks, state, timeout):
    app = FastAPI()

    @app.get("/health/live")
    async def live():
        return {"status": "alive"}

    @app.get("/health/ready")
    async def ready():
        if state["ready"]:
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "not ready"}, status_code=503)

    @app.get("/health/deep")
    async def deep():
        results = {}
        for name, check in checks.items():  # sequential: slow checks add up, and waiting checks never meet
            try:
                await asyncio.wait_for(check(), timeout)
                results[name] = "ok"
            except TimeoutError:
                results[name] = "timeout"
            except Exception as err:
                results[name] = f"fail: {type(err).__name__}"
        healthy = all(r == "ok" for r in results.values())
        return JSONResponse({"status": "ok" if healthy else "fail", "checks": results}, status_code=200 if healthy else 503)

    return app

# %% course={"kind": "wrong", "id": "no-timeout", "fails": ["t4"]}
def make_health_app(checks, state, timeout):
    app = FastAPI()

    @app.get("/health/live")
    async def live():
        return {"status": "alive"}

    @app.get("/health/ready")
    async def ready():
        if state["ready"]:
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "not ready"}, status_code=503)

    async def outcome(check):
        try:
            await check()  # no timeout: one hanging dependency hangs the health endpoint with it
        except Exception as err:
            return f"fail: {type(err).__name__}"
        return "ok"

    @app.get("/health/deep")
    async def deep():
        results = dict(zip(checks, await asyncio.gather(*(outcome(c) for c in checks.values()))))
        healthy = all(r == "ok" for r in results.values())
        return JSONResponse({"status": "ok" if healthy else "fail", "checks": results}, status_code=200 if healthy else 503)

    return app

# %% course={"kind": "wrong", "id": "always-200"}
def make_health_app(checks, state, timeout):
    app = FastAPI()

    @app.get("/health/live")
    async def live():
        return {"status": "alive"}

    @app.get("/health/ready")
    async def ready():
        return {"status": "ready" if state["ready"] else "not ready"}  # 200 either way: traffic keeps coming

    async def outcome(check):
        try:
            await asyncio.wait_for(check(), timeout)
        except TimeoutError:
            return "timeout"
        except Exception as err:
            return f"fail: {type(err).__name__}"
        return "ok"

    @app.get("/health/deep")
    async def deep():
        results = dict(zip(checks, await asyncio.gather(*(outcome(c) for c in checks.values()))))
        healthy = all(r == "ok" for r in results.values())
        return {"status": "ok" if healthy else "fail", "checks": results}

    return app

# %% [markdown] course={"kind": "lesson", "id": "versioning", "covers": ["c-versioning", "c-url-versioning", "c-header-versioning", "c-query-parameter-versioning"]}
# ### Versioning, briefly
#
# Section 12.1 (*API design principles*) compares the three ways to name a version: in the **URL**
# (`/v1/models`: visible, cacheable, easy to route at a proxy; the usual choice), in a **header**
# (`Accept: application/vnd.acme.v2+json` or `API-Version: 2`: clean URLs, harder to try in a browser)
# and in a **query parameter** (`?version=2`: easy, but mixes versions with filters). In production the
# part that matters is running two versions *at once* while clients move: both routers served by one app,
# and the old one announcing its end with a `Deprecation` header (RFC 9745: since when, as `@` and a Unix time;
# early drafts sent `true`) and a `Sunset` header (RFC 8594: the HTTP date it stops answering). With FastAPI that is two
# `APIRouter`s with prefixes:

# %% course={"kind": "demo"}
from fastapi import APIRouter

v1, v2 = APIRouter(prefix="/v1", tags=["v1"]), APIRouter(prefix="/v2", tags=["v2"])


@v1.get("/models/{name}")
def model_v1(name: str, response: Response) -> dict[str, str]:
    response.headers["Deprecation"] = "@1793491200"  # RFC 9745: "@" and the Unix time it was deprecated (2026-11-01)
    response.headers["Sunset"] = "Wed, 30 Jun 2027 00:00:00 GMT"
    return {"name": name, "stage": "production"}


@v2.get("/models/{name}")
def model_v2(name: str, api_version: Annotated[str | None, Header()] = None) -> dict[str, object]:
    return {"name": name, "stage": {"name": "production", "since": "2026-11-01"}, "asked_for": api_version}


versioned = FastAPI()
versioned.include_router(v1)
versioned.include_router(v2)
client = TestClient(versioned)
old = client.get("/v1/models/bert")
print(old.json(), "| Sunset:", old.headers["sunset"])
print(client.get("/v2/models/bert", headers={"API-Version": "2"}).json())

# %% [markdown] course={"kind": "lesson", "id": "documentation", "covers": ["c-documentation", "c-openapi-customization", "c-redoc-and-swagger-ui", "c-examples-and-descriptions"]}
# ### Documentation: shaping the OpenAPI schema
#
# FastAPI writes the OpenAPI schema from your code and serves two viewers of it: **Swagger UI** at `/docs`
# (try requests in the browser) and **ReDoc** at `/redoc` (a readable reference). Production APIs usually
# customise it:
#
# - the app's `title`, `version` and `description` (Markdown) become the schema's `info`;
# - **tags** group operations; `openapi_tags=[{"name": ..., "description": ...}]` describes the groups and
#   fixes their order;
# - each operation gets a `summary`, a `description` (the docstring is used by default) and its
#   **documented error responses** with `responses={404: {"description": ...}}`: by default only 200 and
#   422 are listed, so clients learn about your 404 in production;
# - **examples**: `Field(examples=[...])` on a model field, or `json_schema_extra` for a whole model;
# - `include_in_schema=False` hides internal endpoints; `docs_url=None` / `redoc_url=None` switch a viewer off
#   (some teams serve no docs on the public side at all, and publish the schema elsewhere).
#
# What people get wrong: they check the docs page by eye and never the schema. The schema is data; test it
# (`app.openapi()`), because clients are generated from it:

# %% course={"kind": "demo"}
class Deployment(BaseModel):
    service: str = Field(description="Service name as in the catalogue", examples=["billing-api"])
    replicas: int = Field(ge=0, le=50, description="Pods to run", examples=[3])


documented = FastAPI(title="Deploy API", version="0.3.0", description="Starts and scales **deployments**.",
                     openapi_tags=[{"name": "deployments", "description": "What runs where."}])


@documented.post("/deployments", tags=["deployments"], summary="Start a deployment", status_code=201,
                 responses={409: {"description": "A deployment of this service is already running"}})
def start_deployment(deployment: Deployment) -> Deployment:
    """Starts `replicas` pods of `service`. Idempotent per service."""
    return deployment


schema = documented.openapi()
operation = schema["paths"]["/deployments"]["post"]
print(schema["info"])
print(operation["tags"], operation["summary"], "|", operation["description"])
print("responses:", sorted(operation["responses"]))
print("field docs:", schema["components"]["schemas"]["Deployment"]["properties"]["replicas"])
print("viewers:", TestClient(documented).get("/docs").status_code, TestClient(documented).get("/redoc").status_code)

# %% [markdown] course={"kind": "exercise", "id": "openapi-docs", "item": "x-set-up-api-documentation"}
# ### A documented model registry
#
# Write `make_registry_app(models)` (`models` maps a name to a `ModelCard`, given) whose OpenAPI schema says:
#
# - `info`: title `"Model Registry"`, version `"2.0.0"`, description `REGISTRY_DESCRIPTION` (given);
# - tags, in this order: `{"name": "models", "description": "Registered models and their stages."}` and
#   `{"name": "health", "description": "Probes for the orchestrator."}`;
# - `GET /models/{name}`: tag `models`, summary `"Get one model"`, returns a `ModelCard`; an unknown name is a
#   `404` with `{"detail": "no model 'NAME'"}`, documented in the schema with the description
#   `"No model with this name"`;
# - `GET /health/live`: tag `health`, answers `{"status": "alive"}`;
# - `POST /internal/reload`: answers `{"reloaded": true}` but does **not** appear in the schema;
# - Swagger UI stays at `/docs`; ReDoc is switched off.
#
# ```python
# app = make_registry_app(MODELS)
# app.openapi()["paths"]["/models/{name}"]["get"]["summary"]   # 'Get one model'
# ```

# %% [markdown] course={"kind": "hint"}
# Most of it goes into `FastAPI(...)`: `title`, `version`, `description`, `openapi_tags`, `redoc_url`. The
# rest goes into the route decorators: `tags`, `summary`, `responses`, `include_in_schema`.

# %% [markdown] course={"kind": "hint"}
# `@app.get("/models/{name}", tags=["models"], summary="Get one model", responses={404: {"description":
# "No model with this name"}})` and `@app.post("/internal/reload", include_in_schema=False)`.

# %% course={"kind": "solution"}
REGISTRY_DESCRIPTION = "Which model versions exist, and which stage each one is in."


class ModelCard(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"name": "bert", "version": 7, "stage": "production"}]}}

    name: str = Field(description="Registry name", examples=["bert"])
    version: int = Field(ge=1, description="Version number, counting from 1")
    stage: str = Field(description="staging, production or archived", examples=["production"])


MODELS = {"bert": ModelCard(name="bert", version=7, stage="production"),
          "resnet": ModelCard(name="resnet", version=2, stage="staging")}


def make_registry_app(models: dict[str, ModelCard]) -> FastAPI:
    """The registry with a customised OpenAPI schema."""
    ### BEGIN SOLUTION
    app = FastAPI(
        title="Model Registry",
        version="2.0.0",
        description=REGISTRY_DESCRIPTION,
        openapi_tags=[
            {"name": "models", "description": "Registered models and their stages."},
            {"name": "health", "description": "Probes for the orchestrator."},
        ],
        redoc_url=None,
    )

    @app.get("/models/{name}", tags=["models"], summary="Get one model",
             responses={404: {"description": "No model with this name"}})
    def get_model(name: str) -> ModelCard:
        if name not in models:
            raise HTTPException(404, detail=f"no model {name!r}")
        return models[name]

    @app.get("/health/live", tags=["health"])
    def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.post("/internal/reload", include_in_schema=False)
    def reload() -> dict[str, bool]:
        return {"reloaded": True}

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
schema = make_registry_app(MODELS).openapi()
assert schema["info"] == {"title": "Model Registry", "description": REGISTRY_DESCRIPTION, "version": "2.0.0"}, (
    f"info: {schema['info']}")

# %% course={"kind": "test", "points": 2}
app = make_registry_app(MODELS)
schema = app.openapi()
assert schema.get("tags") == [{"name": "models", "description": "Registered models and their stages."},
                              {"name": "health", "description": "Probes for the orchestrator."}], (
    f"the tag groups, described, models first: {schema.get('tags')}")
operation = schema["paths"]["/models/{name}"]["get"]
assert (operation.get("tags"), operation.get("summary")) == (["models"], "Get one model"), operation
assert operation["responses"].get("404", {}).get("description") == "No model with this name", (
    f"document the 404: {sorted(operation['responses'])}")
assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ModelCard"}
assert schema["paths"]["/health/live"]["get"].get("tags") == ["health"], schema["paths"]["/health/live"]
### BEGIN HIDDEN TESTS
assert sorted(schema["paths"]) == ["/health/live", "/models/{name}"], f"exactly these two public paths: {sorted(schema['paths'])}"
assert sorted(operation["responses"]) == ["200", "404", "422"]
assert schema["components"]["schemas"]["ModelCard"]["examples"] == [{"name": "bert", "version": 7, "stage": "production"}]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
client = TestClient(make_registry_app(MODELS))
assert client.get("/models/resnet").json() == {"name": "resnet", "version": 2, "stage": "staging"}
missing = client.get("/models/gpt")
assert (missing.status_code, missing.json()) == (404, {"detail": "no model 'gpt'"}), f"{missing.status_code} {missing.json()}"
assert client.post("/internal/reload").json() == {"reloaded": True}, "the hidden endpoint still works"
assert client.get("/docs").status_code == 200, "Swagger UI at /docs"
assert client.get("/redoc").status_code == 404, "ReDoc is switched off"
assert "/internal/reload" not in client.get("/openapi.json").json()["paths"], "the internal endpoint is not documented"
### BEGIN HIDDEN TESTS
assert client.get("/health/live").json() == {"status": "alive"}
assert TestClient(make_registry_app({})).get("/models/bert").status_code == 404, "the app serves the models it is given"
assert client.get("/models/BERT").status_code == 404
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "internal-documented"}
REGISTRY_DESCRIPTION = "Which model versions exist, and which stage each one is in."


class ModelCard(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"name": "bert", "version": 7, "stage": "production"}]}}

    name: str = Field(description="Registry name", examples=["bert"])
    version: int = Field(ge=1, description="Version number, counting from 1")
    stage: str = Field(description="staging, production or archived", examples=["production"])


MODELS = {"bert": ModelCard(name="bert", version=7, stage="production"),
          "resnet": ModelCard(name="resnet", version=2, stage="staging")}


def make_registry_app(models):
    app = FastAPI(title="Model Registry", version="2.0.0", description=REGISTRY_DESCRIPTION, redoc_url=None,
                  openapi_tags=[{"name": "models", "description": "Registered models and their stages."},
                                {"name": "health", "description": "Probes for the orchestrator."}])

    @app.get("/models/{name}", tags=["models"], summary="Get one model",
             responses={404: {"description": "No model with this name"}})
    def get_model(name: str) -> ModelCard:
        if name not in models:
            raise HTTPException(404, detail=f"no model {name!r}")
        return models[name]

    @app.get("/health/live", tags=["health"])
    def live():
        return {"status": "alive"}

    @app.post("/internal/reload")  # shows up in the public docs
    def reload():
        return {"reloaded": True}

    return app

# %% course={"kind": "wrong", "id": "undocumented-404"}
REGISTRY_DESCRIPTION = "Which model versions exist, and which stage each one is in."


class ModelCard(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{"name": "bert", "version": 7, "stage": "production"}]}}

    name: str = Field(description="Registry name", examples=["bert"])
    version: int = Field(ge=1, description="Version number, counting from 1")
    stage: str = Field(description="staging, production or archived", examples=["production"])


MODELS = {"bert": ModelCard(name="bert", version=7, stage="production"),
          "resnet": ModelCard(name="resnet", version=2, stage="staging")}


def make_registry_app(models):
    app = FastAPI(title="Model Registry", version="2.0.0", description=REGISTRY_DESCRIPTION,
                  openapi_tags=[{"name": "health", "description": "Probes for the orchestrator."},
                                {"name": "models", "description": "Registered models and their stages."}])

    @app.get("/models/{name}", tags=["models"], summary="Get one model")  # the 404 is raised but not documented
    def get_model(name: str) -> ModelCard:
        if name not in models:
            raise HTTPException(404, detail=f"no model {name!r}")
        return models[name]

    @app.get("/health/live", tags=["health"])
    def live():
        return {"status": "alive"}

    @app.post("/internal/reload", include_in_schema=False)
    def reload():
        return {"reloaded": True}

    return app

# %% [markdown] course={"kind": "lesson", "id": "performance", "covers": ["c-performance", "c-async-endpoints", "c-connection-pooling", "c-response-compression"]}
# ### Performance: async endpoints, connection pools, compression
#
# - **Async endpoints** pay off when a request mostly *waits* (another service, Redis, a database with an
#   async driver): one process keeps many requests in flight. Section 12.2 shows the rule that matters:
#   never call blocking code inside `async def`; use plain `def` for blocking libraries.
# - **Connection pooling**: opening a TCP (and TLS) connection costs round trips. Create **one**
#   `httpx.AsyncClient` (or Redis client, or database engine) when the app starts and reuse it for every
#   request; a client made per request pays the handshake every time and can exhaust the other side's
#   connection limit. The demo counts the connections a server sees.
# - **Response compression**: `GZipMiddleware` compresses answers bigger than `minimum_size` bytes when the
#   client sends `Accept-Encoding: gzip`. JSON compresses several times over; tiny answers and images are
#   not worth it (the middleware skips them). Often the reverse proxy compresses instead.

# %% course={"kind": "demo"}
connections: list[tuple[str, int]] = []


async def counting_app(scope, receive, send):
    """An ASGI app that records which client connection (address, port) each request came on."""
    connections.append(tuple(scope["client"]))
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


# Making a client builds an SSL context and loads a CA bundle, even for http:// (about 0.1 s each time here):
# one more cost of a client per request. These clients share one context, made once, verification left on.
TLS = ssl.create_default_context()


async def per_request_clients(url: str) -> None:
    for _ in range(5):
        async with httpx.AsyncClient(verify=TLS) as one_off:  # a new pool, so a new connection, every time
            await one_off.get(url)


async def one_pooled_client(url: str) -> None:
    async with httpx.AsyncClient(verify=TLS) as pooled:  # made once, reused: keep-alive keeps the connection open
        for _ in range(5):
            await pooled.get(url)


with serve(counting_app) as url:
    run(per_request_clients(url))
    print("a client per request: 5 requests on", len(set(connections)), "connections")
    connections.clear()
    run(one_pooled_client(url))
    print("one pooled client:    5 requests on", len(set(connections)), "connection")

# %% course={"kind": "demo"}
zipped = FastAPI()
zipped.add_middleware(GZipMiddleware, minimum_size=500)


@zipped.get("/predictions")
def predictions(n: int) -> list[dict[str, object]]:
    return [{"id": i, "label": "cat" if i % 3 else "dog", "score": 0.5} for i in range(n)]


with serve(zipped) as url, httpx.Client(base_url=url) as web:
    for n, encoding in [(200, "gzip"), (200, "identity"), (3, "gzip")]:
        reply = web.get("/predictions", params={"n": n}, headers={"Accept-Encoding": encoding})
        on_wire = reply.headers.get("content-length")
        print(f"n={n:3} asked {encoding:8} -> Content-Encoding {reply.headers.get('content-encoding', '-'):4}"
              f" {on_wire:>5} bytes on the wire, {len(reply.content):5} bytes of JSON")

# %% [markdown] course={"kind": "lesson", "id": "deployment", "covers": ["c-deployment", "c-asgi-servers-uvicorn-hypercorn", "c-process-managers-gunicorn", "c-container-deployment", "c-reverse-proxy-configuration"]}
# ### Deployment: servers, workers, containers and the proxy in front
#
# - **ASGI servers.** Uvicorn (uvloop and httptools when installed) is the common choice; Hypercorn does the
#   same job and adds HTTP/2 and HTTP/3. Both call the same `app`. One process uses one CPU core for Python
#   code, so production runs several **worker processes**.
# - **Process managers.** `uvicorn app:app --workers 4` starts a supervisor that binds the socket once and
#   starts worker processes (with `multiprocessing`'s *spawn*) that share it; in uvicorn 0.54 it replaces a
#   worker that dies and restarts them all on `SIGHUP`. The long-standing alternative is **gunicorn** as the
#   manager running uvicorn workers (`gunicorn app:app -k uvicorn_worker.UvicornWorker -w 4`, from the
#   `uvicorn-worker` package; uvicorn 0.54's own `uvicorn.workers` module warns that it is deprecated):
#   gunicorn adds worker timeouts, `--max-requests` recycling and a long record in production. (It is not
#   installed here.) A common rule of thumb is one
#   worker per core. Each worker has its **own memory**: in-process caches and rate limiters are per worker,
#   which is why the shared ones live in Redis.
# - **Containers.** In Kubernetes the usual shape is *one* uvicorn process per container (`--workers 1`) and
#   more replicas, because the orchestrator already restarts and scales; run it as PID 1 with `exec` form
#   (`CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]`) so `SIGTERM` reaches it and it
#   finishes in-flight requests, and point the probes at the health endpoints of this section.
# - **Reverse proxy.** nginx, Envoy or a cloud load balancer terminates TLS and forwards to uvicorn. Your
#   app then sees the proxy's address as the client. The proxy adds `X-Forwarded-For` (the client chain) and
#   `X-Forwarded-Proto` (`https`); uvicorn believes them only from addresses in `--forwarded-allow-ips`
#   (`--proxy-headers` is on by default; the default trusted list is `127.0.0.1,::1`, uvicorn 0.54). Trusting them from
#   anyone lets every client claim any IP address and walk around your per-IP rate limit.
#
# What `uvicorn app:app --workers 2` looks like from the outside (not run here: starting two interpreters costs
# seconds, and the processes are the whole point):
#
# ```text
# $ uvicorn app:app --workers 2 --uds /run/api.sock & ps -o pid,ppid,args --ppid $!
#   PID  PPID COMMAND
#  4812  4790 python -c from multiprocessing.spawn import spawn_main; spawn_main(...)   <- worker 1
#  4813  4790 python -c from multiprocessing.spawn import spawn_main; spawn_main(...)   <- worker 2
# $ kill -HUP 4790    # replaces the workers one at a time, each new one answering before its old one stops
# $ kill -TERM 4790   # workers finish their requests, then everything exits
# ```
#
# Behind a proxy, the client address the app sees is decided by `ProxyHeadersMiddleware`, the middleware
# behind uvicorn's `--proxy-headers`. (`serve()` runs uvicorn with its defaults, so that middleware is already
# on there, trusting `127.0.0.1` and `::1`, or the list in the `FORWARDED_ALLOW_IPS` environment variable.) Below it
# wraps the app by hand and is called through httpx's `ASGITransport`, which lets us choose the peer address
# the proxy connects from: `10.0.0.5`. The middleware reads `X-Forwarded-For` from the right and stops at
# the first address it does not trust:

# %% course={"kind": "demo"}
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

whoami = FastAPI()


@whoami.get("/whoami")
def who(request: Request) -> dict[str, str]:
    return {"client": request.client.host, "scheme": request.url.scheme}


async def ask_through_proxy(trusted: list[str]) -> dict[str, str]:
    behind = ProxyHeadersMiddleware(whoami, trusted_hosts=trusted)
    transport = httpx.ASGITransport(app=behind, client=("10.0.0.5", 40000))  # the proxy's own address
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as proxy:
        reply = await proxy.get("/whoami", headers={"X-Forwarded-For": "203.0.113.7, 10.0.0.9",
                                                    "X-Forwarded-Proto": "https"})
        return reply.json()


for trusted in [["127.0.0.1"], ["10.0.0.5"], ["10.0.0.5", "10.0.0.9"]]:
    print(f"trusting {trusted!s:24} -> {run(ask_through_proxy(trusted))}")

# %% [markdown] course={"kind": "exercise", "id": "client-ip", "item": "x-configure-for-production-deployment"}
# ### The real client address behind proxies
#
# Behind one or more reverse proxies, per-client rate limits and audit logs need the client's address, not
# the proxy's. Write `client_ip(peer, forwarded_for, trusted)` the way uvicorn's proxy headers do it:
#
# - `peer` is the address that connected to us; `forwarded_for` is the `X-Forwarded-For` header (`None` if
#   absent); `trusted` is the set of our proxies' addresses;
# - if `peer` is not trusted, the header is ignored (anyone can send one): return `peer`;
# - otherwise split the header on commas, strip spaces, drop empty entries, and walk it **from the right**
#   (each proxy appends the address it saw): return the first address that is not trusted. If every entry is
#   trusted, return the leftmost one; if there are no entries at all, return `peer`.
#
# (One difference from uvicorn 0.54: it keeps empty entries, and an empty entry it meets stops the walk, so
# for `"203.0.113.7,,"` uvicorn reports the peer where this function reports `203.0.113.7`.)
#
# ```python
# client_ip("10.0.0.5", "1.1.1.1, 203.0.113.7", {"10.0.0.5"})   # '203.0.113.7' (1.1.1.1 was sent by the client)
# client_ip("198.51.100.4", "1.1.1.1", {"10.0.0.5"})            # '198.51.100.4' (not from our proxy)
# ```

# %% [markdown] course={"kind": "hint"}
# The leftmost entries are whatever the client claimed; only entries added by *your* proxies can be
# believed. So start at the right end and skip your own proxies.

# %% [markdown] course={"kind": "hint"}
# `hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]`, then `for hop in reversed(hops):`.

# %% course={"kind": "solution"}
def client_ip(peer: str, forwarded_for: str | None, trusted: set[str]) -> str:
    """The client's address: `peer`, or the nearest untrusted hop of X-Forwarded-For from a trusted proxy."""
    ### BEGIN SOLUTION
    if peer not in trusted or forwarded_for is None:
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return hops[0] if hops else peer
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = client_ip("10.0.0.5", "203.0.113.7", {"10.0.0.5"})
assert got == "203.0.113.7", f"one trusted proxy in front: the client is the address it forwarded, got {got!r}"

# %% course={"kind": "test", "points": 2}
proxies = {"10.0.0.5", "10.0.0.9"}
got = client_ip("10.0.0.5", "1.1.1.1, 203.0.113.7", proxies)
assert got == "203.0.113.7", f"the leftmost entry is whatever the client sent: walk from the right, got {got!r}"
got = client_ip("198.51.100.4", "1.1.1.1", proxies)
assert got == "198.51.100.4", f"a header from someone who is not our proxy is ignored, got {got!r}"
got = client_ip("10.0.0.5", "203.0.113.7, 10.0.0.9", proxies)
assert got == "203.0.113.7", f"two of our proxies in a row are both skipped, got {got!r}"
### BEGIN HIDDEN TESTS
assert client_ip("10.0.0.5", "  203.0.113.7 ,10.0.0.9  ", proxies) == "203.0.113.7", "spaces around entries"
assert client_ip("10.0.0.5", "203.0.113.7,,", proxies) == "203.0.113.7", "empty entries are dropped"
assert client_ip("10.0.0.5", "2001:db8::1, 10.0.0.9", proxies) == "2001:db8::1", "IPv6 addresses work the same"
assert client_ip("10.0.0.5", "8.8.8.8, 9.9.9.9, 10.0.0.9", proxies) == "9.9.9.9", "the nearest untrusted hop wins"
assert client_ip("198.51.100.4", None, proxies) == "198.51.100.4"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
proxies = {"10.0.0.5", "10.0.0.9"}
assert client_ip("10.0.0.5", None, proxies) == "10.0.0.5", "no header: the peer itself (a health check from the proxy)"
assert client_ip("10.0.0.5", "", proxies) == "10.0.0.5", "an empty header: the peer"
assert client_ip("10.0.0.5", "10.0.0.9, 10.0.0.5", proxies) == "10.0.0.9", (
    "every entry trusted: the leftmost one (the proxy nearest the client)")
### BEGIN HIDDEN TESTS
assert client_ip("10.0.0.5", " , ", proxies) == "10.0.0.5", "only blanks: the peer"
assert client_ip("10.0.0.5", "10.0.0.5", proxies) == "10.0.0.5"
assert client_ip("10.0.0.5", "10.0.0.9", set()) == "10.0.0.5", "nothing trusted: the header never counts"
assert client_ip("10.0.0.5", "10.0.0.9, 10.0.0.5, 10.0.0.9", proxies) == "10.0.0.9"
assert client_ip("10.0.0.5", "10.0.0.9,10.0.0.5,10.0.0.9,1.2.3.4", proxies) == "1.2.3.4"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "leftmost"}
def client_ip(peer, forwarded_for, trusted):
    if peer not in trusted or not forwarded_for:
        return peer
    return forwarded_for.split(",")[0].strip()  # the first entry: exactly what a client can forge

# %% course={"kind": "wrong", "id": "trusts-anyone"}
def client_ip(peer, forwarded_for, trusted):
    if forwarded_for is None:  # believes the header whoever sent it
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return hops[0] if hops else peer

# %% course={"kind": "wrong", "id": "rightmost"}
def client_ip(peer, forwarded_for, trusted):
    if peer not in trusted or not forwarded_for:
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    return hops[-1] if hops else peer  # the last hop may be one of our own proxies

# %% [markdown] course={"kind": "exercise", "id": "production-api", "item": "project-12-5-1"}
# ### Project: a production-ready API (the tested core)
#
# Write `make_production_app(api_keys, limit, window, clock)`. `api_keys` maps an API key to a client name.
#
# - `GET /health/live`: `{"status": "alive"}`, no key needed, never rate limited;
# - `GET /v1/models`: needs the header `X-API-Key` with a known key, declared with FastAPI's
#   `APIKeyHeader(name="X-API-Key", auto_error=False)` so the OpenAPI schema documents it. A missing or
#   unknown key: `401 {"detail": "missing or unknown API key"}` (not counted against any limit);
# - each **client name** may make at most `limit` requests to `/v1/...` per **fixed window** of `window`
#   seconds of `clock()` (the window number is `int(clock() // window)`). Past it: `429 {"detail": "rate limit
#   exceeded"}` with the header `Retry-After`: the seconds until the window ends, rounded **up** to a whole
#   number (e.g. `"20"`), at least `1`;
# - a served request answers `{"client": NAME, "models": ["bert", "resnet"]}`.
#
# ```python
# clock = FakeClock(1000.0)
# client = TestClient(make_production_app({"k-ci": "ci"}, limit=2, window=60, clock=clock))
# [client.get("/v1/models", headers={"X-API-Key": "k-ci"}).status_code for _ in range(3)]   # [200, 200, 429]
# # the 429 says Retry-After: 20 (1000 s is in the window 960-1020)
# ```

# %% [markdown] course={"kind": "hint"}
# Write two dependencies: `client_name(key = Depends(scheme))` that raises the 401, and `limited(name =
# Depends(client_name))` that counts and raises the 429 with `headers={"Retry-After": ...}`. The endpoint
# takes `Annotated[str, Depends(limited)]`.

# %% [markdown] course={"kind": "hint"}
# Count in a dict keyed by `(name, int(now // window))`. The window ends at `(int(now // window) + 1) * window`;
# `math.ceil` of the difference, then `max(1, ...)`.

# %% course={"kind": "solution", "equivalent": {"m-ac0c1693": "now // window is already a whole number (a float): as a dict key and in (slot + 1) * window it behaves exactly like its int"}}
from fastapi.security import APIKeyHeader


def make_production_app(api_keys: dict[str, str], limit: int, window: float,
                        clock: Callable[[], float] = time.monotonic) -> FastAPI:
    """Health, API-key authentication and a per-client fixed-window rate limit."""
    app = FastAPI(title="Model API", version="1.0.0")
    scheme = APIKeyHeader(name="X-API-Key", auto_error=False)
    ### BEGIN SOLUTION
    counts: dict[tuple[str, int], int] = {}

    def client_name(key: Annotated[str | None, Depends(scheme)]) -> str:
        if key is None or key not in api_keys:
            raise HTTPException(401, detail="missing or unknown API key")
        return api_keys[key]

    def limited(name: Annotated[str, Depends(client_name)]) -> str:
        now = clock()
        slot = int(now // window)
        counts[(name, slot)] = counts.get((name, slot), 0) + 1
        if counts[(name, slot)] > limit:
            wait = max(1, math.ceil((slot + 1) * window - now))
            raise HTTPException(429, detail="rate limit exceeded", headers={"Retry-After": str(wait)})
        return name

    @app.get("/health/live")
    def live() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/v1/models")
    def models(name: Annotated[str, Depends(limited)]) -> dict[str, object]:
        return {"client": name, "models": ["bert", "resnet"]}

    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
clock = FakeClock(1000.0)
client = TestClient(make_production_app({"k-ci": "ci"}, limit=2, window=60, clock=clock))
reply = client.get("/v1/models", headers={"X-API-Key": "k-ci"})
assert (reply.status_code, reply.json()) == (200, {"client": "ci", "models": ["bert", "resnet"]}), reply.text
assert client.get("/health/live").json() == {"status": "alive"}, "the liveness probe needs no key"

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000.0)
client = TestClient(make_production_app({"k-ci": "ci", "k-web": "web"}, limit=3, window=60, clock=clock))
for headers in [{}, {"X-API-Key": "nope"}, {"X-API-Key": ""}, {"X-API-Key": "K-CI"}]:
    reply = client.get("/v1/models", headers=headers)
    assert (reply.status_code, reply.json()) == (401, {"detail": "missing or unknown API key"}), (
        f"headers {headers}: expected 401, got {reply.status_code} {reply.text}")
assert all(client.get("/v1/models", headers={"X-API-Key": "k-ci"}).status_code == 200 for _ in range(3)), (
    "failed logins are not counted against the client's limit")
schema = client.get("/openapi.json").json()
assert schema.get("components", {}).get("securitySchemes") == {
    "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}, "declare the key with APIKeyHeader"
### BEGIN HIDDEN TESTS
assert schema["paths"]["/v1/models"]["get"].get("security") == [{"APIKeyHeader": []}]
assert "security" not in schema["paths"]["/health/live"]["get"], "health needs no key"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
clock = FakeClock(1000.0)
client = TestClient(make_production_app({"k-ci": "ci", "k-ci-2": "ci", "k-web": "web"}, limit=2, window=60, clock=clock))
codes = [client.get("/v1/models", headers={"X-API-Key": "k-ci"}).status_code for _ in range(2)]
limited_reply = client.get("/v1/models", headers={"X-API-Key": "k-ci"})
assert codes == [200, 200] and limited_reply.status_code == 429, f"limit 2: {codes + [limited_reply.status_code]}"
assert limited_reply.json() == {"detail": "rate limit exceeded"}, limited_reply.json()
assert limited_reply.headers.get("retry-after") == "20", (
    f"1000 s lies in the window 960-1020: Retry-After is 20, got {limited_reply.headers.get('retry-after')!r}")
assert client.get("/v1/models", headers={"X-API-Key": "k-web"}).status_code == 200, "each client has its own limit"
### BEGIN HIDDEN TESTS
assert client.get("/v1/models", headers={"X-API-Key": "k-ci-2"}).status_code == 429, "the limit is per client name, not per key"
assert all(client.get("/health/live").status_code == 200 for _ in range(5)), "health is never limited"
clock.advance(19.5)
late = client.get("/v1/models", headers={"X-API-Key": "k-ci"})
assert late.status_code == 429 and late.headers["retry-after"] == "1", "half a second left rounds up to 1"
clock.advance(0.5)
assert client.get("/v1/models", headers={"X-API-Key": "k-ci"}).status_code == 200, "a new window at 1020 s"
clock.advance(0.25)
assert client.get("/v1/models", headers={"X-API-Key": "k-ci"}).status_code == 200
third = client.get("/v1/models", headers={"X-API-Key": "k-ci"})
assert third.status_code == 429 and third.headers["retry-after"] == "60", "59.75 s left rounds up to 60"
other = FakeClock(59.0)
client = TestClient(make_production_app({"k": "a"}, limit=1, window=30, clock=other))
assert client.get("/v1/models", headers={"X-API-Key": "k"}).status_code == 200
assert client.get("/v1/models", headers={"X-API-Key": "k"}).headers["retry-after"] == "1", "exactly 1 s left: 1"
tenth = FakeClock(0.95)
client = TestClient(make_production_app({"k": "a"}, limit=1, window=0.1, clock=tenth))
assert client.get("/v1/models", headers={"X-API-Key": "k"}).status_code == 200
tenth.advance(0.05)  # 1.0 // 0.1 == 9.0 in floating point (while 1.0 / 0.1 == 10.0): still window 9
edge = client.get("/v1/models", headers={"X-API-Key": "k"})
assert edge.status_code == 429 and edge.headers["retry-after"] == "1", "the window number is int(now // window); never 0 s"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-failed-logins"}
from fastapi.security import APIKeyHeader


def make_production_app(api_keys, limit, window, clock=time.monotonic):
    app = FastAPI(title="Model API", version="1.0.0")
    scheme = APIKeyHeader(name="X-API-Key", auto_error=False)
    counts = {}

    @app.middleware("http")
    async def limit_everything(request, call_next):  # counts by key before checking it, and health too
        now = clock()
        slot = (request.headers.get("x-api-key"), int(now // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            wait = max(1, math.ceil((slot[1] + 1) * window - now))
            return JSONResponse({"detail": "rate limit exceeded"}, status_code=429, headers={"Retry-After": str(wait)})
        return await call_next(request)

    def client_name(key: Annotated[str | None, Depends(scheme)]) -> str:
        if key is None or key not in api_keys:
            raise HTTPException(401, detail="missing or unknown API key")
        return api_keys[key]

    @app.get("/health/live")
    def live():
        return {"status": "alive"}

    @app.get("/v1/models")
    def models(name: Annotated[str, Depends(client_name)]):
        return {"client": name, "models": ["bert", "resnet"]}

    return app

# %% course={"kind": "wrong", "id": "retry-after-window"}
from fastapi.security import APIKeyHeader


def make_production_app(api_keys, limit, window, clock=time.monotonic):
    app = FastAPI(title="Model API", version="1.0.0")
    scheme = APIKeyHeader(name="X-API-Key", auto_error=False)
    counts = {}

    def client_name(key: Annotated[str | None, Depends(scheme)]) -> str:
        if key is None or key not in api_keys:
            raise HTTPException(401, detail="missing or unknown API key")
        return api_keys[key]

    def limited(name: Annotated[str, Depends(client_name)]) -> str:
        slot = int(clock() // window)
        counts[(name, slot)] = counts.get((name, slot), 0) + 1
        if counts[(name, slot)] > limit:  # tells every client to wait a whole window
            raise HTTPException(429, detail="rate limit exceeded", headers={"Retry-After": str(int(window))})
        return name

    @app.get("/health/live")
    def live():
        return {"status": "alive"}

    @app.get("/v1/models")
    def models(name: Annotated[str, Depends(limited)]):
        return {"client": name, "models": ["bert", "resnet"]}

    return app

# %% course={"kind": "wrong", "id": "header-by-hand"}
from fastapi.security import APIKeyHeader


def make_production_app(api_keys, limit, window, clock=time.monotonic):
    app = FastAPI(title="Model API", version="1.0.0")
    counts = {}

    def client_name(x_api_key: Annotated[str | None, Header()] = None) -> str:  # works, but undocumented as security
        if x_api_key is None or x_api_key not in api_keys:
            raise HTTPException(401, detail="missing or unknown API key")
        return api_keys[x_api_key]

    def limited(name: Annotated[str, Depends(client_name)]) -> str:
        now = clock()
        slot = int(now // window)
        counts[(name, slot)] = counts.get((name, slot), 0) + 1
        if counts[(name, slot)] > limit:
            wait = max(1, math.ceil((slot + 1) * window - now))
            raise HTTPException(429, detail="rate limit exceeded", headers={"Retry-After": str(wait)})
        return name

    @app.get("/health/live")
    def live():
        return {"status": "alive"}

    @app.get("/v1/models")
    def models(name: Annotated[str, Depends(limited)]):
        return {"client": name, "models": ["bert", "resnet"]}

    return app

# %% [markdown] course={"kind": "task", "id": "production-api-whole", "points": 5, "item": "project-12-5-1"}
# ### Project 12.5.1: the whole production-ready API
#
# Grow `make_production_app` into a service you would deploy: add the correlation-id middleware and JSON
# request logs from this section, `/metrics`, readiness and deep health checks (one of them against Redis),
# a rate limit kept in Redis (so it holds across workers), OpenAPI tags, descriptions and examples, and a
# `pytest` file that covers each of these with `TestClient`. Write down how you would run it (workers,
# proxy headers, container command) and why.

# %% [markdown] course={"kind": "rubric"}
# - Authentication runs before rate limiting and failed logins are not counted; the limit lives in Redis with
#   an atomic `INCR` (or a script) and an expiry, `Retry-After` is right, and its tests use an injected clock,
#   not sleeps (1 point).
# - Every response carries `X-Request-ID`; every log line is JSON with the request id; ids are validated (1 point).
# - Liveness calls nothing; readiness follows a flag; the deep check runs checks concurrently with timeouts (1 point).
# - The OpenAPI schema has tags, summaries, documented 401/429 responses and the API-key security scheme;
#   the tests check the schema, not only the endpoints (1 point).
# - The deployment note names the worker model (one process per container, or gunicorn/uvicorn workers),
#   `--forwarded-allow-ips` limited to the real proxies, and graceful shutdown on SIGTERM (1 point).

# %% [markdown] course={"kind": "exercise", "id": "api-gateway", "item": "project-12-5-2", "timeout": 60}
# ### Project: an API gateway in front of two services (the tested core)
#
# Write `make_gateway(services, limit, window, clock, log)`: a FastAPI app that forwards
# `/{service}/{path}` to the service's base URL from `services` (e.g. `{"users": "http://127.0.0.1:8001"}`):
#
# - methods `GET` and `POST`; the upstream request gets the same method, the rest of the path
#   (`/users/accounts/7?full=1` goes to `<users URL>/accounts/7?full=1`), the query string, the body, and the
#   client's headers except `Host`; the gateway adds `X-Forwarded-For` with the client's address (appended
#   with `", "` if the client already sent one);
# - the answer is the upstream's status code, body and `Content-Type`;
# - an unknown service: `404 {"detail": "unknown service 'NAME'"}`; a service that cannot be reached:
#   `502 {"detail": "service 'NAME' unavailable"}`;
# - each client address may make at most `limit` requests per fixed window of `window` seconds of `clock()`
#   (window number `int(clock() // window)`), whatever the answer was: past that, `429 {"detail": "rate limit exceeded"}` (nothing is forwarded);
# - every request appends `{"client": ..., "method": ..., "service": ..., "status": ...}` to the list `log`.
#
# Use **one** `httpx.AsyncClient` for all forwarding (a connection pool), opened and closed in the app's
# `lifespan`. The tests use `with TestClient(gateway) as client:` (that runs the lifespan) against two real
# services started with `serve()`.

# %% [markdown] course={"kind": "hint"}
# One route with `@app.api_route("/{service}/{path:path}", methods=["GET", "POST"])` and an `async def`
# taking `request: Request`. `await request.body()` is the body, `request.url.query` the query string,
# `request.client.host` the address.

# %% [markdown] course={"kind": "hint"}
# Forward with `await pool.request(method, url, params=request.url.query, content=body, headers=headers)` and
# catch `httpx.TransportError` for the 502. Answer with `Response(content=up.content, status_code=up.status_code,
# media_type=up.headers.get("content-type"))`. Log in every branch; a `try`/`finally` helps.

# %% course={"kind": "solution", "equivalent": {"m-5d5d83ff": "clock() // window is already a whole number (a float), and as part of a dict key it behaves exactly like its int"}}
import contextlib


def make_gateway(services: dict[str, str], limit: int, window: float, clock: Callable[[], float],
                 log: list[dict[str, object]]) -> FastAPI:
    """Route /{service}/{path} to the services, with a per-client rate limit and a request log."""
    ### BEGIN SOLUTION
    pool: dict[str, httpx.AsyncClient] = {}
    counts: dict[tuple[str, int], int] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        async with httpx.AsyncClient(timeout=10.0) as client:
            pool["client"] = client
            yield

    app = FastAPI(lifespan=lifespan)

    async def forward(service: str, path: str, request: Request, who: str) -> Response:
        slot = (who, int(clock() // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            return JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        if service not in services:
            return JSONResponse({"detail": f"unknown service {service!r}"}, status_code=404)
        headers = {k: v for k, v in request.headers.items() if k != "host"}
        before = request.headers.get("x-forwarded-for")
        headers["x-forwarded-for"] = f"{before}, {who}" if before else who
        try:
            up = await pool["client"].request(request.method, f"{services[service]}/{path}", params=request.url.query,
                                              content=await request.body(), headers=headers)
        except httpx.TransportError:
            return JSONResponse({"detail": f"service {service!r} unavailable"}, status_code=502)
        return Response(content=up.content, status_code=up.status_code, media_type=up.headers.get("content-type"))

    @app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
    async def route(service: str, path: str, request: Request) -> Response:
        who = request.client.host
        response = await forward(service, path, request, who)
        log.append({"client": who, "method": request.method, "service": service, "status": response.status_code})
        return response

    ### END SOLUTION
    return app


# %% course={"kind": "test", "points": 1}
def upstream(name: str) -> FastAPI:
    """A small service that echoes what it received."""
    service = FastAPI()

    @service.api_route("/{path:path}", methods=["GET", "POST"])
    async def echo(path: str, request: Request) -> JSONResponse:
        if path == "teapot":
            return JSONResponse({"service": name, "error": "short and stout"}, status_code=418)
        return JSONResponse({"service": name, "method": request.method, "path": "/" + path,
                             "query": request.url.query, "body": (await request.body()).decode(),
                             "forwarded_for": request.headers.get("x-forwarded-for"),
                             "host": request.headers.get("host"), "trace": request.headers.get("x-trace")})

    return service


with serve(upstream("users")) as users_url, serve(upstream("orders")) as orders_url:
    log: list[dict[str, object]] = []
    gateway = make_gateway({"users": users_url, "orders": orders_url}, 100, 60.0, FakeClock(1000.0), log)
    with TestClient(gateway) as client:
        reply = client.get("/users/accounts/7")
        assert reply.status_code == 200, f"GET /users/accounts/7 through the gateway: {reply.status_code} {reply.text}"
        assert (reply.json()["service"], reply.json()["path"]) == ("users", "/accounts/7"), reply.json()

# %% course={"kind": "test", "points": 3}
with serve(upstream("users")) as users_url, serve(upstream("orders")) as orders_url:
    log = []
    gateway = make_gateway({"users": users_url, "orders": orders_url}, 100, 60.0, FakeClock(1000.0), log)
    with TestClient(gateway) as client:
        got = client.post("/orders/orders?priority=high&tag=a&tag=b", content=b'{"sku": "gpu"}',
                          headers={"X-Trace": "t-1", "Content-Type": "application/json"}).json()
        assert got["service"] == "orders" and got["method"] == "POST" and got["path"] == "/orders", got
        assert got["query"] == "priority=high&tag=a&tag=b", f"the query string is passed on as it came: {got['query']!r}"
        assert got["body"] == '{"sku": "gpu"}', f"the body is passed on: {got['body']!r}"
        assert got["trace"] == "t-1", "the client's own headers are passed on"
        assert got["forwarded_for"] == "testclient", f"X-Forwarded-For names the client: {got['forwarded_for']!r}"
        assert got["host"] == orders_url.removeprefix("http://"), (
            f"the Host header must be the upstream's (don't copy the client's): {got['host']!r}")
        teapot = client.get("/users/teapot")
        assert (teapot.status_code, teapot.json()) == (418, {"service": "users", "error": "short and stout"}), (
            "the upstream's status and body come back unchanged")
        assert teapot.headers["content-type"] == "application/json"
        ### BEGIN HIDDEN TESTS
        chained = client.get("/users/x", headers={"X-Forwarded-For": "203.0.113.7"}).json()
        assert chained["forwarded_for"] == "203.0.113.7, testclient", chained
        assert client.get("/users/").json()["path"] == "/", "an empty rest of path"
        assert client.get("/users/a/b/c").json()["path"] == "/a/b/c"
        assert client.get("/orders/x").json()["query"] == "" and client.get("/orders/x").json()["body"] == ""
        assert client.get("/users/café").json()["path"] == "/café"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
closed = socket.socket()
closed.bind(("127.0.0.1", 0))  # bound, not listening: Linux refuses connections to it, and no one else takes the port
down_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
clock = FakeClock(1000.0)
try:
    with serve(upstream("users")) as users_url:
        log = []
        gateway = make_gateway({"users": users_url, "billing": down_url}, 3, 60.0, clock, log)
        with TestClient(gateway) as client:
            unknown = client.get("/search/q")
            assert (unknown.status_code, unknown.json()) == (404, {"detail": "unknown service 'search'"}), unknown.text
            down = client.get("/billing/invoices")
            assert (down.status_code, down.json()) == (502, {"detail": "service 'billing' unavailable"}), down.text
            third = client.get("/users/1")
            fourth = client.get("/users/1")
            assert (third.status_code, fourth.status_code) == (200, 429), (
                f"limit 3 per client per window, every request counts: {third.status_code}, {fourth.status_code}")
            assert fourth.json() == {"detail": "rate limit exceeded"}
            assert log == [{"client": "testclient", "method": "GET", "service": "search", "status": 404},
                           {"client": "testclient", "method": "GET", "service": "billing", "status": 502},
                           {"client": "testclient", "method": "GET", "service": "users", "status": 200},
                           {"client": "testclient", "method": "GET", "service": "users", "status": 429}], log
            ### BEGIN HIDDEN TESTS
            clock.advance(19.5)
            assert client.get("/users/1").status_code == 429, "1019.5 s is still the window 960-1020"
            clock.advance(0.5)
            assert client.get("/users/1").status_code == 200, "a new window at 1020 s"
            assert [entry["status"] for entry in log[-2:]] == [429, 200]
        tenth = FakeClock(0.95)
        with TestClient(make_gateway({"users": users_url}, 1, 0.1, tenth, [])) as client:
            assert client.get("/users/1").status_code == 200
            tenth.advance(0.05)  # 1.0 // 0.1 == 9.0 in floating point: the same window
            assert client.get("/users/1").status_code == 429, "the window number is int(clock() // window)"
            ### END HIDDEN TESTS
finally:
    closed.close()

# %% course={"kind": "test", "points": 1}
# Every AsyncClient made while the gateway runs is counted (also one imported as `from httpx import AsyncClient`).
RealAsyncClient = httpx.AsyncClient
made: list[httpx.AsyncClient] = []


class CountedAsyncClient(RealAsyncClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        made.append(self)


imported_name = globals().get("AsyncClient") is RealAsyncClient
with serve(upstream("users")) as users_url:
    httpx.AsyncClient = CountedAsyncClient
    if imported_name:
        AsyncClient = CountedAsyncClient
    try:
        gateway = make_gateway({"users": users_url}, 100, 60.0, FakeClock(1000.0), [])
        with TestClient(gateway) as client:
            statuses = [client.get(f"/users/{n}").status_code for n in range(3)]
    finally:
        httpx.AsyncClient = RealAsyncClient
        if imported_name:
            AsyncClient = RealAsyncClient
assert statuses == [200, 200, 200], f"three requests through the gateway: {statuses}"
assert len(made) == 1, f"one AsyncClient (one connection pool) serves all forwarding; {len(made)} were made for 3 requests"
assert made[0].is_closed, "the pool is closed when the app shuts down: open and close it in the lifespan"

# %% course={"kind": "wrong", "id": "copies-host-header"}
def make_gateway(services, limit, window, clock, log):
    app = FastAPI()
    counts = {}

    @app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
    async def route(service: str, path: str, request: Request):
        who = request.client.host
        slot = (who, int(clock() // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            response = JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        elif service not in services:
            response = JSONResponse({"detail": f"unknown service {service!r}"}, status_code=404)
        else:
            async with httpx.AsyncClient() as client:  # a pool per request, and every header copied, Host too
                up = await client.request(request.method, f"{services[service]}/{path}", params=request.url.query,
                                          content=await request.body(), headers=dict(request.headers))
            response = Response(content=up.content, status_code=up.status_code,
                                media_type=up.headers.get("content-type"))
        log.append({"client": who, "method": request.method, "service": service, "status": response.status_code})
        return response

    return app

# %% course={"kind": "wrong", "id": "no-502-no-log"}
import contextlib


def make_gateway(services, limit, window, clock, log):
    pool = {}
    counts = {}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async with httpx.AsyncClient(timeout=10.0) as client:
            pool["client"] = client
            yield

    app = FastAPI(lifespan=lifespan)

    @app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
    async def route(service: str, path: str, request: Request):
        who = request.client.host
        if service not in services:
            raise HTTPException(404, detail=f"unknown service {service!r}")  # not logged, not counted
        slot = (who, int(clock() // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            raise HTTPException(429, detail="rate limit exceeded")
        headers = {k: v for k, v in request.headers.items() if k != "host"}
        headers["x-forwarded-for"] = who
        up = await pool["client"].request(request.method, f"{services[service]}/{path}", params=request.url.query,
                                          content=await request.body(), headers=headers)  # a down service: 500
        log.append({"client": who, "method": request.method, "service": service, "status": up.status_code})
        return Response(content=up.content, status_code=up.status_code, media_type=up.headers.get("content-type"))

    return app

# %% course={"kind": "wrong", "id": "drops-query"}
import contextlib


def make_gateway(services, limit, window, clock, log):
    pool = {}
    counts = {}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async with httpx.AsyncClient(timeout=10.0) as client:
            pool["client"] = client
            yield

    app = FastAPI(lifespan=lifespan)

    @app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
    async def route(service: str, path: str, request: Request):
        who = request.client.host
        slot = (who, int(clock() // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            response = JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        elif service not in services:
            response = JSONResponse({"detail": f"unknown service {service!r}"}, status_code=404)
        else:
            headers = {k: v for k, v in request.headers.items() if k != "host"}
            before = request.headers.get("x-forwarded-for")
            headers["x-forwarded-for"] = f"{before}, {who}" if before else who
            try:
                up = await pool["client"].request(request.method, f"{services[service]}/{path}",  # query string lost
                                                  content=await request.body(), headers=headers)
                response = Response(content=up.content, status_code=up.status_code,
                                    media_type=up.headers.get("content-type"))
            except httpx.TransportError:
                response = JSONResponse({"detail": f"service {service!r} unavailable"}, status_code=502)
        log.append({"client": who, "method": request.method, "service": service, "status": response.status_code})
        return response

    return app

# %% course={"kind": "wrong", "id": "pool-per-request", "fails": ["t4"]}
def make_gateway(services, limit, window, clock, log):
    app = FastAPI()
    counts = {}

    @app.api_route("/{service}/{path:path}", methods=["GET", "POST"])
    async def route(service: str, path: str, request: Request):
        who = request.client.host
        slot = (who, int(clock() // window))
        counts[slot] = counts.get(slot, 0) + 1
        if counts[slot] > limit:
            response = JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        elif service not in services:
            response = JSONResponse({"detail": f"unknown service {service!r}"}, status_code=404)
        else:
            headers = {k: v for k, v in request.headers.items() if k != "host"}
            before = request.headers.get("x-forwarded-for")
            headers["x-forwarded-for"] = f"{before}, {who}" if before else who
            try:
                async with httpx.AsyncClient() as client:  # a new pool, a new connection, for every request
                    up = await client.request(request.method, f"{services[service]}/{path}", params=request.url.query,
                                              content=await request.body(), headers=headers)
                response = Response(content=up.content, status_code=up.status_code,
                                    media_type=up.headers.get("content-type"))
            except httpx.TransportError:
                response = JSONResponse({"detail": f"service {service!r} unavailable"}, status_code=502)
        log.append({"client": who, "method": request.method, "service": service, "status": response.status_code})
        return response

    return app

# %% [markdown] course={"kind": "task", "id": "api-gateway-whole", "points": 5, "item": "project-12-5-2"}
# ### Project 12.5.2: the whole gateway
#
# Extend `make_gateway` into a gateway you could put in front of two internal services: authentication
# (a bearer token checked at the gateway, the caller's identity passed on in a header the services trust,
# and that header stripped from incoming requests), a rate limit kept in Redis per identity, a correlation id
# created at the gateway and sent on to the services, one JSON log line per request with the upstream's
# latency, per-service timeouts, and a `/health/ready` that reports which services answer. Serve it and the
# two services with `serve()` and show each feature with a request.

# %% [markdown] course={"kind": "rubric"}
# - Authentication at the edge: missing or bad tokens get 401 before anything is forwarded; an incoming
#   identity header from the client is removed, not trusted (1 point).
# - Rate limit in Redis with atomic `INCR` + expiry, per identity, with `Retry-After`; 429s are logged (1 point).
# - `X-Request-ID` validated or created, sent upstream and returned; every log line is JSON and has it (1 point).
# - Timeouts per service; an unreachable or slow service gives 502/504, never a hang; one shared `AsyncClient`
#   opened in the lifespan (1 point).
# - Readiness reports each service, concurrently and with timeouts; the demonstration runs offline and stops
#   every server it started (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-rate-limiting"}
# First decide **who** is limited (API key or user, not just IP behind a NAT) and **what**: requests per
# window, or cost (tokens for an LLM endpoint). Then the algorithm: a **token bucket** when short bursts are
# fine (capacity = burst, refill rate = average), a **sliding window** log or a sliding-window counter when
# the limit must hold in any interval; a fixed window is cheapest but lets up to twice the limit through at
# a window edge. With more than one process the state lives in **Redis**, updated atomically (`INCR` +
# `EXPIRE`, or a Lua script for a bucket), keyed by client and window, with TTLs so old keys vanish.
# Over the limit: `429` with `Retry-After` (and often `RateLimit-*` headers), checked *after*
# authentication. I test it with an injected clock, never sleeps, and decide what happens when Redis is down
# (usually fail open with an alert, for a limiter that protects capacity rather than money).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-monitor-api-health"}
# Three probe endpoints with different jobs: **liveness** (the process answers; restarts it if not; checks no
# dependency), **readiness** (may it take traffic: startup finished, not draining, critical dependencies
# reachable; failing it only removes the pod from the load balancer) and a **deep check** that calls each
# dependency concurrently with a timeout and reports them by name. Beyond probes: **metrics** per route
# template and status (rate, errors, latency histograms: the RED method), scraped by Prometheus with
# alerts on SLOs such as error ratio and p99 latency; **structured logs** with a correlation id, so one
# failing request can be followed through every service; tracing for latency across services; and a
# synthetic check from outside that calls a real endpoint the way users do.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-version-apis-in-production"}
# Usually a major version in the URL (`/v1/...`), because it is visible, easy to route at the proxy and to
# cache; a header (`API-Version`, or a media type in `Accept`) where URLs must stay stable. Only breaking
# changes get a new version: adding optional fields or endpoints does not. Both versions run side by side,
# often as two routers in one app sharing the same business code with different schemas at the edge. The
# old version announces its end (`Deprecation` and `Sunset` headers, docs, emails), its traffic is measured
# per client so you know who still calls it, and it is removed only when that traffic is gone. Contract
# tests against the OpenAPI schema of each version catch accidental breaking changes before release.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-best-practices-for-api"}
# Run an ASGI server (uvicorn) with one process per container and scale with replicas, or with several
# workers (uvicorn `--workers` or gunicorn with uvicorn workers) on a VM; containers run the server as PID 1
# so `SIGTERM` triggers a graceful shutdown within the orchestrator's grace period. Put a reverse proxy or
# load balancer in front for TLS, compression and timeouts, and trust `X-Forwarded-*` only from it
# (`--forwarded-allow-ips`). Wire liveness and readiness probes, configuration from the environment,
# secrets from a secret store, JSON logs to stdout, metrics at `/metrics`. Keep shared state (rate limits,
# caches, sessions) out of process memory, in Redis or a database. Deploy with rolling or canary releases
# that watch error rate and latency, and keep rollback one command away.
