# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can use Redis from Python for what teams really use it for: a cache with
# expiry and invalidation, rate limits, locks, leaderboards, notifications and job queues, each correct when
# several workers share one server at once, and you can say which caching pattern and eviction policy fits.

# %% course={"kind": "setup", "id": "redis"}
# What the demos and tests share. `redis_url()` starts one real Valkey server for this kernel (Valkey is the
# open-source fork of Redis and speaks the same protocol), on a Unix socket in a temporary folder; it stops when
# the kernel stops. Set REDIS_URL (e.g. redis://127.0.0.1:6379/15) to use your own server instead.
# `fresh_client()` empties its database before each test, but only a database that is empty or carries the
# course's mark key (course:scratch-database, set by an earlier run): a database holding other data is refused.
import json
import time
import uuid
from collections.abc import Callable

import redis
import redis.asyncio

from course.runtime.aio import run
from course.runtime.clock import FakeClock
from course.runtime.redistest import Meddling, Recording, no_endless_reads
from course.runtime.valkey import fresh_client, poll_until, redis_url, valkey_server

REDIS_URL = redis_url()



# %% [markdown] course={"kind": "lesson", "id": "redis-basics", "covers": ["c-redis-basics", "c-key-value-store", "c-data-types-strings-lists-sets-hashes", "c-commands"]}
# ### Redis: a key-value store of data structures
#
# **Redis** keeps a dictionary in memory: every **key** is a string and every value has a **type**: a
# string (text, bytes or a number), a hash (a small dict), a list, a set, a sorted set, and a few more
# (streams, bitmaps, HyperLogLogs). Each type has its own **commands**: `SET`/`GET`/`INCR` for strings,
# `HSET`/`HGETALL` for hashes, `RPUSH`/`LPOP` for lists, `SADD`/`SISMEMBER` for sets, `ZADD`/`ZRANGE` for sorted
# sets, and `DEL`, `EXISTS`, `EXPIRE`, `TTL`, `TYPE` for any key. Every command runs **alone**: the server
# executes one command at a time, so `INCR` from a hundred workers never loses a count.
#
# A DevOps or MLOps engineer meets Redis as the cache in front of a slow database or model, the shared
# counter behind a rate limit, the place sessions live, the broker of a job queue (Celery, RQ) and the
# store of online features. This notebook runs **Valkey 9.1**, the Linux Foundation's fork of Redis 7.2 (its
# `INFO` reports `redis_version:7.2.4` so that clients treat it as Redis 7.2); every command used here behaves
# as in Redis 7.0 and later. Where the two differ, the text says so (one default, under eviction below).
#
# What people get wrong: treating Redis as a database of record. It holds everything in memory, may drop
# keys when memory runs out (see eviction below) and persists only if configured to; keep the truth
# somewhere durable and let Redis hold what you can rebuild. The demo speaks the protocol itself: a command
# is an array of strings, and the reply's first byte says its kind (`+` status, `:` integer, `$` string,
# `*` array, `-` error):

# %% course={"kind": "demo"}
import socket

with valkey_server() as own_url, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as raw:  # a server of its own
    raw.connect(own_url.removeprefix("unix://"))
    for command in ([b"DEL", b"demo:visits"], [b"INCR", b"demo:visits"], [b"INCR", b"demo:visits"],
                    [b"GET", b"demo:visits"], [b"LPUSH", b"demo:visits", b"x"]):
        wire = b"*%d\r\n" % len(command) + b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in command)
        raw.sendall(wire)
        print(f"{b' '.join(command).decode():28} -> {raw.recv(200)!r}")

# %% [markdown] course={"kind": "text"}
# The last reply is an error: `demo:visits` holds a string, and list commands refuse it (`WRONGTYPE`). Keys
# are named by convention with colons, `service:object:id`, so one prefix groups an application's keys.

# %% [markdown] course={"kind": "lesson", "id": "data-structures", "covers": ["c-redis-data-structures", "c-strings-for-caching", "c-hashes-for-objects", "c-lists-for-queues", "c-sets-for-unique-items", "c-sorted-sets-for-rankings"]}
# ### Choosing the data structure by what you do with it
#
# | you need | type | commands | why this type |
# |---|---|---|---|
# | a cached answer, a counter | string | `SET key value EX 60`, `GET`, `INCR` | one value, one expiry; `INCR` is atomic |
# | an object you update field by field | hash | `HSET user:7 plan pro`, `HGET`, `HINCRBY` | change one field without rewriting the rest |
# | a queue of work | list | `RPUSH` to the tail, `LPOP`/`BLPOP` from the head | FIFO order; `BLPOP` waits for work |
# | "have I seen this?" | set | `SADD` answers 1 (new) or 0 (already there), `SCARD` | members are unique |
# | a ranking, a time index | sorted set | `ZADD`, `ZINCRBY`, `ZRANGE ... REV`, `ZRANK` | kept ordered by score: top N is cheap |
#
# The mistake: one big JSON string for an object that is updated in parts (read, change, write back: two
# workers lose each other's change), or a list where members must be unique (a set says so in one reply).
# Every type below in one demo; `decode_responses=True` makes the client return `str` instead of `bytes`:

# %% course={"kind": "demo"}
r = fresh_client()
r.set("cache:forecast:eu", json.dumps({"rain": 0.2}), ex=300)  # string: a cached answer
r.hset("user:7", mapping={"name": "Ada", "plan": "free", "gpus": 0})  # hash: an object
r.hset("user:7", "plan", "pro")  # one field changes, the others stay
r.hincrby("user:7", "gpus", 2)
r.rpush("jobs", "train-a", "train-b", "eval-a")  # list: a queue
first = r.lpop("jobs")
seen = [r.sadd("seen:ips", ip) for ip in ["10.0.0.1", "10.0.0.2", "10.0.0.1"]]  # set: unique items
r.zadd("latency:p99", {"api": 120.0, "search": 340.0, "auth": 45.0})  # sorted set: a ranking
print("string     ", r.get("cache:forecast:eu"), "expires in", r.ttl("cache:forecast:eu"), "s")
print("hash       ", r.hgetall("user:7"))
print("list       ", "took", first, "| left", r.lrange("jobs", 0, -1))
print("set        ", "SADD replies", seen, "| members", r.scard("seen:ips"))
print("sorted set ", r.zrange("latency:p99", 0, 1, desc=True, withscores=True), "(the two slowest)")
print("types      ", {key: r.type(key) for key in ["cache:forecast:eu", "user:7", "jobs", "seen:ips", "latency:p99"]})
r.close()

# %% [markdown] course={"kind": "text"}
# **Serialization.** Redis stores bytes; what they mean is your choice, and it is part of your cache's
# contract. **JSON** is readable from any language and safe to load, but it has no tuples, no `datetime`, and
# turns integer dict keys into strings. **pickle** round-trips almost any Python object, but only to Python,
# breaks when the class changes between deploys, and *loading a pickle runs code*: never unpickle what another
# service could have written. (msgpack or protobuf are the compact, cross-language choices.) What JSON changes:

# %% course={"kind": "demo"}
import datetime
import pickle

features = {"user": 7, "window": (1, 7), "by_day": {1: 0.5, 2: 0.25}}
print("json  :", json.loads(json.dumps(features)), f"({len(json.dumps(features))} bytes)")
print("pickle:", pickle.loads(pickle.dumps(features)), f"({len(pickle.dumps(features))} bytes)")
try:
    json.dumps({"at": datetime.datetime(2026, 1, 1)})
except TypeError as err:
    print("json refuses a datetime:", err)
print("with default=str     :", json.dumps({"at": datetime.datetime(2026, 1, 1)}, default=str))

# %% [markdown] course={"kind": "lesson", "id": "python-client", "covers": ["c-python-redis-client", "c-redis-py-library", "c-connection-and-connection-pools", "c-basic-operations", "c-async-support"]}
# ### redis-py: connections, pools, pipelines, transactions and asyncio
#
# **redis-py** (`pip install redis`) is the client: `redis.Redis.from_url("redis://host:6379/0")` (or
# `unix:///path.sock`) gives an object with one method per command (`r.set`, `r.hgetall`, `r.zadd`...).
# It answers `bytes` unless you pass `decode_responses=True`.
#
# - **Connection pools.** A `Redis` object does not hold one connection: it has a **pool** and borrows a
#   connection for each command, so one client object is safe to share between threads. Make it **once** per
#   process (module level, or the app's startup) and reuse it; a new client per request opens a new
#   connection per request. `max_connections=` caps the pool.
# - **Pipelines** send many commands in one round trip: `with r.pipeline() as pipe: pipe.incr(...);
#   pipe.expire(...); pipe.execute()`. By default the pipeline is also a **transaction** (`MULTI`/`EXEC`):
#   the server runs the commands together, with no other client's command in between.
# - **Optimistic locking.** A transaction cannot read in the middle, so "read, decide, write" uses `WATCH`:
#   watch the key, read it, queue the writes after `MULTI`, `EXEC`. If any other client changed the key
#   after `WATCH`, `EXEC` does nothing and redis-py raises `WatchError`: read again and retry.
# - **Async.** `redis.asyncio.Redis` has the same methods as coroutines, for FastAPI and other asyncio code;
#   a blocking `redis.Redis` call inside an `async def` stalls the event loop.
#
# What people get wrong: making a client per call (hundreds of connections, each a file descriptor on the
# server), and believing `MULTI` makes read-then-write safe without `WATCH`. The demo counts the server's
# connections with `CLIENT LIST`:

# %% course={"kind": "demo"}
probe = redis.Redis.from_url(REDIS_URL, decode_responses=True)
before = len(probe.client_list())
per_call = [redis.Redis.from_url(REDIS_URL) for _ in range(5)]
for client in per_call:
    client.ping()
print("5 clients, one command each :", len(probe.client_list()) - before, "new connections")
for client in per_call:
    client.close()
shared = redis.Redis.from_url(REDIS_URL)
for _ in range(5):
    shared.ping()
print("1 client, five commands     :", len(probe.client_list()) - before, "new connection")
shared.close()

with probe.pipeline() as pipe:  # MULTI, five commands, EXEC: one round trip
    pipe.delete("demo:n")
    for _ in range(3):
        pipe.incr("demo:n")
    pipe.expire("demo:n", 60)
    print("pipeline replies            :", pipe.execute())


async def async_demo() -> list[object]:
    client = redis.asyncio.Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        async with client.pipeline() as pipe:
            pipe.set("demo:model", "resnet-50", ex=60).get("demo:model").ttl("demo:model")
            return await pipe.execute()
    finally:
        await client.aclose()


print("asyncio pipeline            :", run(async_demo()))
probe.close()

# %% [markdown] course={"kind": "text"}
# `WATCH` at work. Two workers both read a stock of 5 and both sell 3; the second worker's `EXEC` fails
# because the key changed after its `WATCH`, so it must read again (it would see 2 and refuse):

# %% course={"kind": "demo"}
a, b = fresh_client(), fresh_client()
a.set("stock:gpu", 5)
pipe_a, pipe_b = a.pipeline(), b.pipeline()
for name, pipe in [("A", pipe_a), ("B", pipe_b)]:
    pipe.watch("stock:gpu")
    print(f"worker {name} reads stock", pipe.get("stock:gpu"))
for name, pipe in [("A", pipe_a), ("B", pipe_b)]:
    pipe.multi()
    pipe.decrby("stock:gpu", 3)
    try:
        print(f"worker {name} EXEC ->", pipe.execute())
    except redis.WatchError:
        print(f"worker {name} EXEC -> WatchError: someone changed the stock, read again:", a.get("stock:gpu"))
pipe_a.reset(), pipe_b.reset(), a.close(), b.close()

# %% [markdown] course={"kind": "exercise", "id": "cache-ops", "item": "x-implement-basic-cache-operations"}
# ### Basic cache operations, JSON and milliseconds
#
# Write three functions over a client `r` made with `decode_responses=True`:
#
# - `cache_set(r, key, value, ttl_ms)` stores any JSON value under the Redis key `f"cache:{key}"` as JSON text,
#   expiring after `ttl_ms` **milliseconds**; a `ttl_ms` below 1 raises `ValueError` (and stores nothing);
# - `cache_get(r, key)` returns the stored value, decoded, or the given object `MISS` when there is none.
#   Stored `0`, `""`, `[]`, `False` and `None` are hits and come back as exactly those values;
# - `cache_delete(r, key)` removes the entry and returns `True` if there was one, else `False` (a `bool`).
#
# ```python
# cache_set(r, "model:v3", {"auc": 0.91}, ttl_ms=30_000)
# cache_get(r, "model:v3"), cache_get(r, "model:v4") is MISS   # ({'auc': 0.91}, True)
# ```

# %% [markdown] course={"kind": "hint"}
# `json.dumps` on the way in, `json.loads` on the way out; Redis returns `None` for a missing key, which is
# why the miss needs its own marker: `null` stored as JSON is the text `"null"`, never `None`.

# %% [markdown] course={"kind": "hint"}
# `r.set(name, text, px=ttl_ms)` sets the expiry in milliseconds (`ex=` is seconds). `r.delete(name)` returns how
# many keys it removed: compare it with 1.

# %% course={"kind": "solution"}
MISS = object()


def cache_set(r: redis.Redis, key: str, value: object, ttl_ms: int) -> None:
    ### BEGIN SOLUTION
    if ttl_ms < 1:
        raise ValueError(f"ttl_ms must be at least 1, got {ttl_ms!r}")
    r.set(f"cache:{key}", json.dumps(value), px=ttl_ms)
    ### END SOLUTION


def cache_get(r: redis.Redis, key: str) -> object:
    ### BEGIN SOLUTION
    text = r.get(f"cache:{key}")
    return MISS if text is None else json.loads(text)
    ### END SOLUTION


def cache_delete(r: redis.Redis, key: str) -> bool:
    ### BEGIN SOLUTION
    return r.delete(f"cache:{key}") == 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
cache_set(r, "model:v3", {"auc": 0.91, "tags": ["prod"]}, ttl_ms=30_000)
assert cache_get(r, "model:v3") == {"auc": 0.91, "tags": ["prod"]}, f"a stored value comes back: {cache_get(r, 'model:v3')!r}"
assert cache_get(r, "model:v4") is MISS, "a key never stored is MISS"
assert json.loads(r.get("cache:model:v3")) == {"auc": 0.91, "tags": ["prod"]}, f"stored as JSON under cache:model:v3: {r.keys('*')}"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
for i, value in enumerate([0, "", [], False, None, {}, 0.0, "ünï 🚀"]):
    cache_set(r, f"falsy:{i}", value, ttl_ms=60_000)
    back = cache_get(r, f"falsy:{i}")
    assert back == value and type(back) is type(value), f"{value!r} is a hit and comes back as {value!r}, got {back!r}"
### BEGIN HIDDEN TESTS
assert cache_get(r, "") is MISS and cache_get(r, " falsy:0") is MISS and cache_get(r, "FALSY:0") is MISS
cache_set(r, "", 1, ttl_ms=1000)
assert cache_get(r, "") == 1 and r.get("cache:") == "1"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
cache_set(r, "report", [1, 2], ttl_ms=60_000)
pttl = r.pttl("cache:report")
assert 30_000 < pttl <= 60_000, f"ttl_ms is milliseconds: 60000 ms is one minute, PTTL says {pttl} ms"
cache_set(r, "blink", "soon gone", ttl_ms=1)
assert r.pttl("cache:blink") in (-2, 0, 1), f"ttl_ms=1 is one millisecond: PTTL {r.pttl('cache:blink')}"
poll_until(lambda: cache_get(r, "blink") is MISS, "a 1 ms entry to expire")
### BEGIN HIDDEN TESTS
for bad in (0, -5):
    try:
        cache_set(r, "bad", "x", ttl_ms=bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"ttl_ms={bad} must raise ValueError")
    assert r.exists("cache:bad") == 0, "nothing is stored for a bad ttl"
cache_set(r, "report", [3], ttl_ms=90_000)
assert cache_get(r, "report") == [3] and r.pttl("cache:report") > 80_000, "setting again replaces value and expiry"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 1}
r = fresh_client()
cache_set(r, "k", 0, ttl_ms=10_000)
first, second = cache_delete(r, "k"), cache_delete(r, "k")
assert (first, second) == (True, False) and type(first) is bool, f"True when something was removed, then False: {first!r}, {second!r}"
assert cache_get(r, "k") is MISS, "a deleted entry is a miss"
### BEGIN HIDDEN TESTS
r.set("k", "planted")
assert cache_delete(r, "k") is False and r.get("k") == "planted", "cache_delete only touches cache:<key>"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "wrong", "id": "seconds-not-ms"}
MISS = object()


def cache_set(r, key, value, ttl_ms):
    if ttl_ms < 1:
        raise ValueError(ttl_ms)
    r.set(f"cache:{key}", json.dumps(value), ex=ttl_ms)  # ex is seconds: 5000 ms becomes 83 minutes


def cache_get(r, key):
    text = r.get(f"cache:{key}")
    return MISS if text is None else json.loads(text)


def cache_delete(r, key):
    return r.delete(f"cache:{key}") == 1

# %% course={"kind": "wrong", "id": "str-not-json"}
MISS = object()


def cache_set(r, key, value, ttl_ms):
    if ttl_ms < 1:
        raise ValueError(ttl_ms)
    r.set(f"cache:{key}", str(value), px=ttl_ms)  # 0 comes back as the text "0"


def cache_get(r, key):
    text = r.get(f"cache:{key}")
    return MISS if text is None else text


def cache_delete(r, key):
    return r.delete(f"cache:{key}") == 1

# %% course={"kind": "wrong", "id": "falsy-is-miss"}
MISS = object()


def cache_set(r, key, value, ttl_ms):
    if ttl_ms < 1:
        raise ValueError(ttl_ms)
    r.set(f"cache:{key}", json.dumps(value), px=ttl_ms)


def cache_get(r, key):
    text = r.get(f"cache:{key}")
    value = json.loads(text) if text else None
    return MISS if value is None else value  # a stored null looks like a miss


def cache_delete(r, key):
    return r.delete(f"cache:{key}")  # the count, 1 or 0, not a bool

# %% [markdown] course={"kind": "lesson", "id": "caching-patterns", "covers": ["c-caching-patterns", "c-cache-aside", "c-write-through", "c-write-behind", "c-read-through"]}
# ### Caching patterns: who fills the cache, and when
#
# | pattern | read | write | good for | the catch |
# |---|---|---|---|---|
# | **cache-aside** (lazy loading) | app reads cache; on a miss reads the database and fills the cache | app writes the database, then **deletes** the cache entry | most services; only what is read gets cached | first read is slow; a stampede when a hot key expires |
# | **read-through** | app asks the cache only; the cache layer loads misses itself | (as one of the others) | one place for the loading logic (a library, a decorator) | the cache layer must know how to load |
# | **write-through** | as read-through | every write goes to the cache **and** the database before it returns | data read right after it is written | writes are slower; caches data nobody reads |
# | **write-behind** (write-back) | as read-through | write the cache now, the database later in batches | write-heavy counters, metrics | a crash before the flush loses writes |
#
# **Cache-aside** is the default in Python services (section 12.5 put it behind an HTTP endpoint, with `X-Cache`
# headers). Its two subtle points: on a write, *delete* the entry
# rather than setting it (two concurrent writers could otherwise leave the older value cached), and protect
# hot keys from a **stampede**: when a popular entry expires, a hundred requests miss at once and all hit the
# database. The cure is to let one request rebuild (a short lock with `SET NX`) while the others wait briefly or
# serve the old value. What people get wrong: caching without an expiry, so a missed invalidation is stale for
# ever. The demo shows write-behind: four writes reach the cache at once, the database in one flush:

# %% course={"kind": "demo"}
r = fresh_client()
database: dict[str, int] = {}
database_writes = []


def write_behind(key: str, value: int) -> None:
    r.set(f"wb:{key}", value)
    r.sadd("wb:dirty", key)  # remember what the database has not seen yet


def flush() -> None:
    keys = sorted(r.spop("wb:dirty", 1000))
    values = r.mget([f"wb:{key}" for key in keys])
    database_writes.append(dict(zip(keys, map(int, values), strict=True)))
    database.update(database_writes[-1])


for key, value in [("a", 1), ("b", 2), ("a", 3), ("c", 4)]:
    write_behind(key, value)
print("cache now   :", {k: r.get(f"wb:{k}") for k in "abc"}, "| database:", database)
flush()
print("after flush :", database, "in", len(database_writes), "database write")
r.close()

# %% [markdown] course={"kind": "exercise", "id": "cached-decorator", "item": "project-13-4-1"}
# ### Project core: a caching decorator with any backend, invalidation and statistics
#
# A **backend** has three methods: `get(key) -> str | None`, `set(key, value: str, ttl: int)` and
# `delete(key) -> bool`. `RedisBackend(r)` (given) is one. Write `cached(backend, ttl, prefix)`, a decorator
# (read-through caching) for functions of positional, JSON-able arguments that return JSON-able results:
#
# - the cache key of a call `f(*args)` is `f"{prefix}:{json.dumps(list(args))}"`; results are stored as JSON
#   with `backend.set(key, text, ttl)`; a hit returns the stored result without calling `f`;
# - a result of `None` (or `0`, `""`, `[]`) is cached too: a stored `"null"` is a hit;
# - if `f` raises, nothing is stored and the error reaches the caller;
# - the wrapped function has `.stats`, a dict `{"hits": int, "misses": int}` counting its calls (a call that
#   finds nothing cached is a miss, even when `f` then raises), and
#   `.invalidate(*args)`, which deletes that call's entry and returns the backend's `bool`; it keeps `f`'s
#   `__name__` and `__doc__` (`functools.wraps`).
#
# ```python
# @cached(RedisBackend(r), ttl=60, prefix="price")
# def price(sku): ...
# price("gpu"); price("gpu"); price.stats         # {'hits': 1, 'misses': 1}
# ```

# %% [markdown] course={"kind": "hint"}
# Inside the decorator define `wrapper(*args)`, then set `wrapper.stats = {"hits": 0, "misses": 0}` and
# `wrapper.invalidate = ...` before returning it.

# %% [markdown] course={"kind": "hint"}
# Test the backend's reply with `is not None`, never with truthiness. `json.loads("null")` is `None`, so decide
# hit or miss *before* decoding.

# %% course={"kind": "solution"}
import functools


class RedisBackend:
    """The backend interface on a Redis client made with decode_responses=True."""

    def __init__(self, r: redis.Redis) -> None:
        self.r = r

    def get(self, key: str) -> str | None:
        return self.r.get(key)

    def set(self, key: str, value: str, ttl: int) -> None:
        self.r.set(key, value, ex=ttl)

    def delete(self, key: str) -> bool:
        return self.r.delete(key) == 1


def cached(backend, ttl: int, prefix: str) -> Callable[[Callable], Callable]:
    ### BEGIN SOLUTION
    def decorate(f: Callable) -> Callable:
        def key_of(args: tuple) -> str:
            return f"{prefix}:{json.dumps(list(args))}"

        @functools.wraps(f)
        def wrapper(*args):
            key = key_of(args)
            stored = backend.get(key)
            if stored is not None:
                wrapper.stats["hits"] += 1
                return json.loads(stored)
            wrapper.stats["misses"] += 1
            result = f(*args)
            backend.set(key, json.dumps(result), ttl)
            return result

        wrapper.stats = {"hits": 0, "misses": 0}
        wrapper.invalidate = lambda *args: backend.delete(key_of(args))
        return wrapper

    return decorate
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
calls = []


@cached(RedisBackend(r), ttl=60, prefix="price")
def price(sku: str) -> dict:
    """Look a price up (slowly)."""
    calls.append(sku)
    return {"sku": sku, "eur": 2.5}


assert price("gpu") == price("gpu") == {"sku": "gpu", "eur": 2.5}, "the same answer twice"
assert calls == ["gpu"], f"the second call is a hit and must not call the function: calls {calls}"
assert price.stats == {"hits": 1, "misses": 1}, f"one miss, then one hit: {price.stats}"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
calls = []


@cached(RedisBackend(r), ttl=45, prefix="feat")
def features(user: int, day: str) -> list:
    calls.append((user, day))
    return [user, day]


features(7, "mon"), features(7, "tue"), features(8, "mon"), features(7, "mon")
assert calls == [(7, "mon"), (7, "tue"), (8, "mon")], f"each argument tuple is its own entry: {calls}"
assert sorted(r.keys("feat*")) == ['feat:[7, "mon"]', 'feat:[7, "tue"]', 'feat:[8, "mon"]'], f"keys are prefix:json.dumps(list(args)): {r.keys('*')}"
assert 0 < r.ttl('feat:[7, "mon"]') <= 45, "entries expire after ttl seconds"
assert r.get('feat:[8, "mon"]') == '[8, "mon"]', "results are stored as JSON"
### BEGIN HIDDEN TESTS
assert features.stats == {"hits": 1, "misses": 3}
assert features.__name__ == "features" and price.__doc__ == "Look a price up (slowly).", "functools.wraps keeps the name and docstring"
assert type(features.stats["hits"]) is int
### END HIDDEN TESTS
r.close()


# %% course={"kind": "test", "points": 2}
class DictBackend:
    """A second backend: a dict whose entries expire on a FakeClock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.data = clock, {}

    def get(self, key):
        value, until = self.data.get(key, (None, 0.0))
        return value if self.clock() < until else None

    def set(self, key, value, ttl):
        self.data[key] = (value, self.clock() + ttl)

    def delete(self, key):
        return self.data.pop(key, None) is not None


clock = FakeClock(0.0)
calls = []


@cached(DictBackend(clock), ttl=10, prefix="p")
def lookup(name):
    calls.append(name)
    return None if name == "nobody" else len(name)


assert lookup("nobody") is None and lookup("nobody") is None, "None is a result"
assert calls == ["nobody"], f"a cached None is a hit, not a miss: calls {calls}"
### BEGIN HIDDEN TESTS
assert lookup("") == 0 and lookup("") == 0 and calls == ["nobody", ""], "0 is cached too"
clock.advance(10)
assert lookup("") == 0 and calls == ["nobody", "", ""], "an expired entry is loaded again"
assert lookup.invalidate("") is True and lookup.invalidate("") is False, "invalidate returns the backend's bool"
assert lookup("") == 0 and calls == ["nobody", "", "", ""], "after invalidate the next call loads again"
assert lookup.stats == {"hits": 2, "misses": 4}, lookup.stats
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
r = fresh_client()
attempts = []


@cached(RedisBackend(r), ttl=60, prefix="flaky")
def flaky(n):
    attempts.append(n)
    if len(attempts) == 1:
        raise ConnectionError("model server down")
    return n * 2


try:
    flaky(21)
except ConnectionError:
    pass
else:
    raise AssertionError("the function's error must reach the caller")
assert r.keys("flaky*") == [], f"a failed call caches nothing: {r.keys('*')}"
assert flaky(21) == 42 and flaky(21) == 42 and attempts == [21, 21], f"the next call tries again, then hits: {attempts}"
assert flaky.invalidate(21) is True and r.keys("flaky*") == [], "invalidate deletes that call's entry"
assert flaky(21) == 42 and attempts == [21, 21, 21], "after invalidation the function runs again"
### BEGIN HIDDEN TESTS
assert flaky.stats == {"hits": 1, "misses": 3}, flaky.stats
assert flaky.invalidate(99) is False
### END HIDDEN TESTS
r.close()

# %% course={"kind": "wrong", "id": "none-means-miss"}
import functools


class RedisBackend:
    def __init__(self, r):
        self.r = r

    def get(self, key):
        return self.r.get(key)

    def set(self, key, value, ttl):
        self.r.set(key, value, ex=ttl)

    def delete(self, key):
        return self.r.delete(key) == 1


def cached(backend, ttl, prefix):
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args):
            key = f"{prefix}:{json.dumps(list(args))}"
            stored = backend.get(key)
            result = json.loads(stored) if stored is not None else None
            if result is not None:  # a cached None looks like a miss and is loaded every time
                wrapper.stats["hits"] += 1
                return result
            wrapper.stats["misses"] += 1
            result = f(*args)
            backend.set(key, json.dumps(result), ttl)
            return result

        wrapper.stats = {"hits": 0, "misses": 0}
        wrapper.invalidate = lambda *args: backend.delete(f"{prefix}:{json.dumps(list(args))}")
        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "key-without-args"}
import functools


class RedisBackend:
    def __init__(self, r):
        self.r = r

    def get(self, key):
        return self.r.get(key)

    def set(self, key, value, ttl):
        self.r.set(key, value, ex=ttl)

    def delete(self, key):
        return self.r.delete(key) == 1


def cached(backend, ttl, prefix):
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args):
            stored = backend.get(prefix)  # one entry for every argument: price("cpu") answers the GPU price
            if stored is not None:
                wrapper.stats["hits"] += 1
                return json.loads(stored)
            wrapper.stats["misses"] += 1
            result = f(*args)
            backend.set(prefix, json.dumps(result), ttl)
            return result

        wrapper.stats = {"hits": 0, "misses": 0}
        wrapper.invalidate = lambda *args: backend.delete(prefix)
        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "no-wraps"}
class RedisBackend:
    def __init__(self, r):
        self.r = r

    def get(self, key):
        return self.r.get(key)

    def set(self, key, value, ttl):
        self.r.set(key, value, ex=ttl)

    def delete(self, key):
        return self.r.delete(key) == 1


def cached(backend, ttl, prefix):
    def decorate(f):
        def wrapper(*args):  # no functools.wraps: every cached function is called "wrapper"
            key = f"{prefix}:{json.dumps(list(args))}"
            stored = backend.get(key)
            if stored is not None:
                wrapper.stats["hits"] += 1
                return json.loads(stored)
            wrapper.stats["misses"] += 1
            result = f(*args)
            backend.set(key, json.dumps(result), ttl)
            return result

        wrapper.stats = {"hits": 0, "misses": 0}
        wrapper.invalidate = lambda *args: backend.delete(f"{prefix}:{json.dumps(list(args))}")
        return wrapper

    return decorate

# %% course={"kind": "wrong", "id": "miss-after-success", "fails": ["t4"]}
import functools


class RedisBackend:
    def __init__(self, r):
        self.r = r

    def get(self, key):
        return self.r.get(key)

    def set(self, key, value, ttl):
        self.r.set(key, value, ex=ttl)

    def delete(self, key):
        return self.r.delete(key) == 1


def cached(backend, ttl, prefix):
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args):
            key = f"{prefix}:{json.dumps(list(args))}"
            stored = backend.get(key)
            if stored is not None:
                wrapper.stats["hits"] += 1
                return json.loads(stored)
            result = f(*args)
            wrapper.stats["misses"] += 1  # a call whose f raised is never counted
            backend.set(key, json.dumps(result), ttl)
            return result

        wrapper.stats = {"hits": 0, "misses": 0}
        wrapper.invalidate = lambda *args: backend.delete(f"{prefix}:{json.dumps(list(args))}")
        return wrapper

    return decorate

# %% [markdown] course={"kind": "task", "id": "caching-layer-whole", "points": 4, "item": "project-13-4-1"}
# ### Project 13.4.1: the whole caching layer
#
# Grow `cached` into a small library: a `MemoryBackend` with an injected clock and a size limit that drops the
# least recently used entry, the `RedisBackend`, keyword arguments in the key (sorted, so `f(a=1, b=2)` and
# `f(b=2, a=1)` share an entry), a stampede guard (one caller rebuilds a missing entry while the others wait
# on a short `SET NX PX` lock, with a bounded wait), and statistics that include the hit ratio and the number
# of loads. Write `pytest` tests that run the same suite against both backends.

# %% [markdown] course={"kind": "rubric"}
# - One test suite, parametrized over both backends, passes on each; expiry is tested with a fake clock
#   (memory) and with `PTTL`/short expiries polled to a deadline (Redis), never with fixed sleeps (1 point).
# - The memory backend evicts the least recently *used* entry (a `get` refreshes it), and its size limit holds (1 point).
# - The stampede guard is shown by a test that forces two concurrent misses (events or a barrier, not sleeps)
#   and sees exactly one load; the lock has an expiry and a waiting caller gives up after a bound (1 point).
# - Keys are stable (sorted keyword arguments, JSON), namespaced by prefix, and invalidation deletes exactly
#   one entry; statistics are correct after errors (1 point).

# %% [markdown] course={"kind": "exercise", "id": "stampede-guard", "item": "x-implement-basic-cache-operations"}
# ### Cache-aside that survives a stampede
#
# When a hot entry expires, every request misses at once. Write `fetch(r, key, load, ttl, pause, max_waits=50)`
# so that only **one** caller rebuilds it:
#
# - the cached value is JSON text at `key`; if it is there, return it decoded (`0`, `None`, `""` are values);
# - on a miss, take the rebuild lock `f"{key}:lock"`: set it to a new random token (`uuid.uuid4().hex`) with
#   `SET ... NX PX 10000` (the lock expires after 10 s if its holder dies). If you got it: call `load()` once,
#   store its JSON at `key` with an expiry of `ttl` seconds, release the lock and return the value. Release it
#   even when `load()` raises (the error reaches the caller, nothing is cached);
# - release with the given `release(r, lock, token)`, never a plain `DEL`: a `load()` slower than 10 s outlives
#   its lock, another caller takes the lock, and a plain `DEL` would delete *that* caller's lock. `release`
#   deletes the lock only if it still holds your token, in one step on the server (the lock exercise below
#   builds it);
# - if another caller holds the lock, call `pause()` and look again from the top (the value may be there now,
#   or the lock may be free again because the other caller failed). After `max_waits` calls of `pause()` with
#   the value still missing and the lock still held, raise `TimeoutError`.
#
# In a service, `pause` is `lambda: time.sleep(0.05)`; tests pass a function that makes things happen.
#
# ```python
# fetch(r, "gpu-prices", load_prices, ttl=60, pause=lambda: time.sleep(0.05))   # loads once, then hits
# ```

# %% [markdown] course={"kind": "hint"}
# A `while True` loop: `get`; on a miss `r.set(lock, token, nx=True, px=10_000)`; when that returns `True`, do
# the load in `try:` with `release(r, lock, token)` in `finally:`. Otherwise count the wait, `pause()`, and go round.

# %% [markdown] course={"kind": "hint"}
# Check the count **before** pausing: with `max_waits=0` the first held lock raises `TimeoutError` at once,
# and with `max_waits=3` exactly three pauses happen before it.

# %% course={"kind": "solution"}
def release(r: redis.Redis, lock: str, token: str) -> bool:
    """Delete `lock` only if it still holds `token` (a Lua script runs as one step on the server)."""
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r: redis.Redis, key: str, load: Callable[[], object], ttl: int, pause: Callable[[], None],
          max_waits: int = 50) -> object:
    ### BEGIN SOLUTION
    lock, token, waits = f"{key}:lock", uuid.uuid4().hex, 0
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True, px=10_000):
            try:
                value = load()
                r.set(key, json.dumps(value), ex=ttl)
                return value
            finally:
                release(r, lock, token)
        if waits == max_waits:
            raise TimeoutError(f"{key} is being rebuilt by someone else after {waits} waits")
        pause()
        waits += 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
loads = []


def load_prices() -> dict:
    loads.append(r.pttl("prices:lock"))  # the lock's time left, seen while loading
    return {"gpu": 2.5}


assert fetch(r, "prices", load_prices, ttl=60, pause=lambda: None) == {"gpu": 2.5}, "a miss loads the value"
assert fetch(r, "prices", load_prices, ttl=60, pause=lambda: None) == {"gpu": 2.5} and len(loads) == 1, (
    f"the second call is a hit: load ran {len(loads)} times")
assert 0 < r.ttl("prices") <= 60 and r.exists("prices:lock") == 0, "the value expires after ttl; the lock is gone"
assert 5_000 < loads[0] <= 10_000, f"the rebuild lock is held (PX 10000) while loading: PTTL {loads[0]}"
r.close()
### BEGIN HIDDEN TESTS
spy = Recording.from_url(REDIS_URL, decode_responses=True)
fetch(spy, "fresh", lambda: 1, ttl=60, pause=lambda: None)
lock_sets = [[str(part).upper() for part in command] for command in spy.sent if command[:2] == ("SET", "fresh:lock")]
assert len(lock_sets) == 1, spy.sent
words = lock_sets[0]
expiry_ms = int(words[words.index("PX") + 1]) if "PX" in words else 1000 * int(words[words.index("EX") + 1])
assert expiry_ms == 10_000 and "NX" in words, f"the lock is taken with NX and a 10 s expiry: {lock_sets[0]}"
fetch(spy, "fresh2", lambda: 2, ttl=60, pause=lambda: None)
tokens = [command[2] for command in spy.sent if command[0] == "SET" and str(command[1]).endswith(":lock")]
assert len(tokens) == 2 and tokens[0] != tokens[1], f"each rebuild takes the lock with a new random token: {tokens}"
assert not any(str(command[0]).upper() == "DEL" for command in spy.sent), "the lock is released with release(), not DEL"
spy.close()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
r = fresh_client()
r.set("prices:lock", "another-worker", px=60_000)  # another worker is rebuilding right now
loads, pauses = [], []


def other_worker_finishes() -> None:
    pauses.append(1)
    r.set("prices", json.dumps({"gpu": 3.0}), ex=60)


got = fetch(r, "prices", lambda: loads.append(1), ttl=60, pause=other_worker_finishes)
assert loads == [], "while another worker holds the rebuild lock, this caller must not load"
assert (got, len(pauses)) == ({"gpu": 3.0}, 1), f"it pauses once, then finds the other worker's value: {got}, {len(pauses)} pauses"
### BEGIN HIDDEN TESTS
assert r.get("prices:lock") == "another-worker", "the other worker's lock is not touched"
r.set("zero", "0")
assert fetch(r, "zero", lambda: loads.append(1), ttl=5, pause=lambda: None) == 0 and loads == [], "0 is a hit"
assert fetch(r, "none", lambda: None, ttl=5, pause=lambda: None) is None and r.get("none") == "null"
assert fetch(r, "none", lambda: loads.append(1), ttl=5, pause=lambda: None) is None and loads == [], "null is a hit"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
r.set("report:lock", "stuck", px=60_000)
pauses = []


def counted_pause() -> None:
    pauses.append(1)
    assert len(pauses) <= 10, "far more pauses than max_waits allows: does the wait count grow by one each time?"


try:
    fetch(r, "report", lambda: "never", ttl=60, pause=counted_pause, max_waits=3)
except TimeoutError:
    pass
else:
    raise AssertionError("a lock held for ever must end in TimeoutError")
assert len(pauses) == 3, f"max_waits=3 allows exactly 3 pauses, got {len(pauses)}"
r.set("report:lock", "failing-worker", px=60_000)
got = fetch(r, "report", lambda: "rebuilt", ttl=60, pause=lambda: r.delete("report:lock"))
assert got == "rebuilt" and r.get("report") == '"rebuilt"', "when the other worker gives up its lock, this caller rebuilds"
### BEGIN HIDDEN TESTS
pauses.clear()
r.set("x:lock", "held", px=60_000)
try:
    fetch(r, "x", lambda: 1, ttl=60, pause=counted_pause, max_waits=0)
except TimeoutError:
    assert pauses == [], "max_waits=0: no pause at all"
else:
    raise AssertionError("max_waits=0 with a held lock raises TimeoutError")
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()


def broken() -> object:
    raise ConnectionError("database down")


try:
    fetch(r, "users", broken, ttl=60, pause=lambda: None)
except ConnectionError:
    pass
else:
    raise AssertionError("load's error must reach the caller")
assert r.exists("users:lock") == 0, "the lock is deleted even when load fails, or every caller waits 10 s"
assert r.exists("users") == 0, "nothing is cached when load fails"
assert fetch(r, "users", lambda: ["ada"], ttl=60, pause=lambda: None) == ["ada"], "the next caller rebuilds"


def slower_than_the_lock() -> str:
    r.pexpire("users2:lock", 1)  # this load outlives its lock ...
    poll_until(lambda: r.exists("users2:lock") == 0, "the lock to expire during the load")
    r.set("users2:lock", "next-rebuilder", px=10_000)  # ... and another caller takes it
    return "late"


assert fetch(r, "users2", slower_than_the_lock, ttl=60, pause=lambda: None) == "late"
assert r.get("users2:lock") == "next-rebuilder", (
    "a load slower than the lock's 10 s: the lock passed to another caller, and this caller's release must not "
    "delete it (release with the token, not a plain DEL)")
r.close()

# %% course={"kind": "wrong", "id": "no-lock"}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    text = r.get(key)
    if text is not None:
        return json.loads(text)
    value = load()  # every caller that misses loads at once: the stampede
    r.set(key, json.dumps(value), ex=ttl)
    return value

# %% course={"kind": "wrong", "id": "lock-kept-on-error"}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    lock, token, waits = f"{key}:lock", uuid.uuid4().hex, 0
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True, px=10_000):
            value = load()  # if this raises, the lock stays for 10 s
            r.set(key, json.dumps(value), ex=ttl)
            release(r, lock, token)
            return value
        if waits == max_waits:
            raise TimeoutError(key)
        pause()
        waits += 1

# %% course={"kind": "wrong", "id": "lock-without-expiry"}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    lock, token, waits = f"{key}:lock", uuid.uuid4().hex, 0
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True):  # a worker that dies while loading blocks this key for ever
            try:
                value = load()
                r.set(key, json.dumps(value), ex=ttl)
                return value
            finally:
                release(r, lock, token)
        if waits == max_waits:
            raise TimeoutError(key)
        pause()
        waits += 1

# %% course={"kind": "wrong", "id": "plain-del-release", "fails": ["t1", "t4"]}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    lock, token, waits = f"{key}:lock", uuid.uuid4().hex, 0
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True, px=10_000):
            try:
                value = load()
                r.set(key, json.dumps(value), ex=ttl)
                return value
            finally:
                r.delete(lock)  # after a slow load this may be another caller's lock
        if waits == max_waits:
            raise TimeoutError(key)
        pause()
        waits += 1

# %% course={"kind": "wrong", "id": "same-token", "fails": ["t1"]}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    lock, token, waits = f"{key}:lock", "1", 0  # the same token for every caller: release cannot tell them apart
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True, px=10_000):
            try:
                value = load()
                r.set(key, json.dumps(value), ex=ttl)
                return value
            finally:
                release(r, lock, token)
        if waits == max_waits:
            raise TimeoutError(key)
        pause()
        waits += 1

# %% course={"kind": "wrong", "id": "one-pause-too-many"}
def release(r, lock, token):
    script = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'
    return r.eval(script, 1, lock, token) == 1


def fetch(r, key, load, ttl, pause, max_waits=50):
    lock, token, waits = f"{key}:lock", uuid.uuid4().hex, 0
    while True:
        text = r.get(key)
        if text is not None:
            return json.loads(text)
        if r.set(lock, token, nx=True, px=10_000):
            try:
                value = load()
                r.set(key, json.dumps(value), ex=ttl)
                return value
            finally:
                release(r, lock, token)
        pause()
        waits += 1
        if waits > max_waits:  # max_waits + 1 pauses
            raise TimeoutError(key)

# %% [markdown] course={"kind": "lesson", "id": "cache-strategies", "covers": ["c-cache-strategies", "c-ttl-time-to-live", "c-lru-eviction", "c-cache-invalidation"]}
# ### Expiry, eviction and invalidation
#
# - **TTL.** `SET key value EX 60` (seconds) or `PX 60000` (milliseconds), or `EXPIRE`/`PEXPIRE` on an
#   existing key. `TTL`/`PTTL` answer the time left: `-1` for a key with no expiry, `-2` for a missing key.
#   `EXPIRETIME` (Redis 7.0 and later, and Valkey) answers the Unix time it will expire. A plain `SET` **removes** an existing expiry
#   unless you pass `KEEPTTL`: a classic way to make a cache entry immortal by accident.
# - **Eviction.** With `maxmemory` set, a full server makes room according to `maxmemory-policy`:
#   `noeviction` (the default: writes fail with an `OOM` error), `allkeys-lru` (drop the least recently used
#   key: the usual choice for a pure cache), `volatile-lru` (only keys with a TTL), `allkeys-lfu` (least
#   *frequently* used), `volatile-ttl`, `allkeys-random`. Redis's LRU is approximate: it samples a few keys
#   (`maxmemory-samples`, 5) and evicts the oldest of the sample.
# - **Invalidation.** Three tools, usually combined: a TTL as the upper bound of staleness; deleting the
#   entry when the source changes (in the same code path as the write, or from a change event); and
#   **versioned keys** (`user:7:v12`), where a write bumps the version and old entries simply expire.
#
# What people get wrong: a cache server with the default `noeviction`, which starts refusing writes when it
# is full instead of dropping old entries. The first demo shows TTLs on the server; the second starts a
# separate server with 2 MB of memory and writes 5 MB into it under three policies. (Which keys `allkeys-lru`
# drops depends on its sampling; `allkeys-lfu` counts reads, so the key read before every write stays.)
#
# Between policies the demo empties the server with `FLUSHDB SYNC`. A plain `FLUSHDB` follows the setting
# `lazyfree-lazy-user-flush`: with `yes` the keys vanish at once but their memory is freed by a background
# thread, so it may still count against `maxmemory` when the next write arrives. Valkey 8.0 made `yes` the
# default for all the `lazyfree-*` settings; Redis keeps `no` (a synchronous `FLUSHDB`). Write `SYNC` or `ASYNC`
# when it matters, instead of relying on a default that differs between the two servers. For the same reason the
# demo turns `lazyfree-lazy-eviction` off, so that its counts do not depend on how fast a background thread runs.

# %% course={"kind": "demo"}
r = fresh_client()
r.set("session:a", "x", ex=600)
r.set("session:b", "y", px=1)
r.set("config", "z")
print("TTL with EX 600 :", r.ttl("session:a"), "s; EXPIRETIME is a Unix time,",
      round((r.expiretime("session:a") - int(r.time()[0])) / 60), "minutes from the server's TIME")
print("no expiry       :", r.ttl("config"))
r.set("session:a", "changed")
print("after plain SET :", r.ttl("session:a"), "(the expiry is gone)")
poll_until(lambda: r.exists("session:b") == 0, "session:b to expire")
print("PX 1, a moment later:", r.get("session:b"), r.pttl("session:b"), "(-2: no such key)")
r.close()

# %% course={"kind": "demo"}
with valkey_server() as small_url:  # a server of its own: changing its configuration touches nobody else
    small = redis.Redis.from_url(small_url, decode_responses=True)
    print("this Valkey's defaults:", small.config_get("lazyfree-lazy-*"))
    small.config_set("lazyfree-lazy-eviction", "no")  # evicted keys are freed at once, not by a background thread
    for policy in ["noeviction", "allkeys-lru", "allkeys-lfu"]:
        small.config_set("maxmemory-policy", policy)
        small.config_set("maxmemory", "2mb")
        small.flushdb(asynchronous=False)  # FLUSHDB SYNC: on Valkey a plain FLUSHDB frees memory in the background
        small.set("hot", "read often")
        replies = []
        for start in range(0, 500, 50):  # 50 reads and 50 writes per round trip, run in order by the server
            with small.pipeline(transaction=False) as pipe:
                for i in range(start, start + 50):
                    pipe.get("hot")  # "hot" is read before every write
                    pipe.set(f"blob:{i}", "x" * 10_000)
                replies += pipe.execute(raise_on_error=False)[1::2]  # a refused write's reply is its exception
        refused = [type(reply).__name__ for reply in replies if isinstance(reply, Exception)]
        written = len(replies) - len(refused)
        print(f"{policy:12}: {written:4} writes, {len(refused):3} refused {sorted(set(refused))}; {small.dbsize()} keys kept")
    print("under allkeys-lfu the key read 500 times survives:", small.get("hot") == "read often")
    small.close()

# %% [markdown] course={"kind": "lesson", "id": "use-cases", "covers": ["c-use-cases", "c-session-storage", "c-rate-limiting", "c-leaderboards", "c-pub-sub", "c-distributed-locks"]}
# ### What Redis is used for: sessions, rate limits, leaderboards, pub/sub, locks
#
# - **Session storage**: a hash per session (`session:<random id>`) with an expiry that each request renews
#   (a sliding session); every web worker sees the same sessions, and logout is one `DEL`.
# - **Rate limiting**: a fixed window is `INCR` + `EXPIRE` on a key per client and window (section 12.5 built
#   it); a **sliding window** keeps each accepted request's time in a sorted set and counts the ones inside
#   the last `window` seconds, which removes the burst a fixed window allows at its edge.
# - **Leaderboards**: a sorted set with `ZINCRBY` to add points and `ZRANGE ... REV` for the top N, both
#   `O(log n)`-ish, so millions of players are fine.
# - **Pub/Sub**: `PUBLISH channel message` delivers to every client subscribed **right now**; nobody listening
#   means the message is gone. When every message must be processed, use a list or a **stream** (`XADD`,
#   consumer groups with `XREADGROUP` and `XACK`), which keeps messages until they are acknowledged.
# - **Distributed locks**: `SET lock:name <random token> NX PX 30000` takes a lock that expires if its holder
#   dies; releasing must check the token and delete **in one step** (a Lua script), or a slow holder whose
#   lock already expired deletes the next holder's lock.
#
# The one thing people get wrong, for all of them: doing "read, then decide, then write" in three commands
# while other workers do the same. Use one atomic command (`INCR`, `SET NX`, `ZINCRBY`), a transaction with
# `WATCH`, or a script. The demo shows a session that slides and pub/sub losing what nobody heard:

# %% course={"kind": "demo"}
r = fresh_client()
sid = uuid.uuid4().hex
with r.pipeline() as pipe:  # the hash and its expiry together
    pipe.hset(f"session:{sid}", mapping={"user": "ada", "role": "admin"})
    pipe.expire(f"session:{sid}", 1800)
    pipe.execute()
r.expire(f"session:{sid}", 60)  # as if 29 minutes had passed
r.expire(f"session:{sid}", 1800)  # the next request renews the session
print("session", r.hgetall(f"session:{sid}"), "ttl", r.ttl(f"session:{sid}"))

print("published with nobody subscribed, receivers:", r.publish("alerts", "disk full"))
listener = r.pubsub()
listener.subscribe("alerts")
poll_until(lambda: r.pubsub_numsub("alerts") == [("alerts", 1)], "the subscription to reach the server")
print("published with one subscriber, receivers:", r.publish("alerts", "disk full again"))
heard = [listener.get_message(timeout=5.0) for _ in range(2)]
print("the subscriber got:", [(m["type"], m["data"]) for m in heard], "(the first message was lost)")
listener.close()
r.close()

# %% [markdown] course={"kind": "text"}
# Both rate limiters on the server, for a limit of 3 per 60 s and six requests around the minute mark: the
# fixed window counts per calendar minute (`INCR` + `EXPIRE` in one transaction) and lets all six through within
# two seconds; the sliding window counts the last 60 s and refuses the second half:

# %% course={"kind": "demo"}
r = fresh_client()


def fixed(now: float) -> bool:
    with r.pipeline() as pipe:
        name = f"fw:ci:{int(now // 60)}"
        count, _ = pipe.incr(name).expire(name, 60).execute()
    return count <= 3


def sliding(now: float) -> bool:
    with r.pipeline() as pipe:
        member = uuid.uuid4().hex
        pipe.zremrangebyscore("sw:ci", "-inf", now - 60).zadd("sw:ci", {member: now})
        count = pipe.zcard("sw:ci").expire("sw:ci", 60).execute()[2]
    if count > 3:
        r.zrem("sw:ci", member)
    return count <= 3


times = [59.0, 59.5, 59.9, 60.0, 60.5, 61.0]
print("times  :", times)
print("fixed  :", [fixed(t) for t in times])
print("sliding:", [sliding(t) for t in times])
r.close()

# %% [markdown] course={"kind": "text"}
# A **stream** with a consumer group keeps what pub/sub loses: each message goes to one consumer of the group,
# stays **pending** until that consumer acknowledges it, and a message whose consumer died can be claimed by
# another:

# %% course={"kind": "demo"}
r = fresh_client()
for event in ["deploy api v2", "deploy web v7", "rollback api"]:
    r.xadd("events", {"what": event})
r.xgroup_create("events", "notifier", id="0")
got = r.xreadgroup("notifier", "worker-1", {"events": ">"}, count=2)
ids = [message_id for message_id, _ in got[0][1]]
print("worker-1 read :", [fields["what"] for _, fields in got[0][1]])
r.xack("events", "notifier", ids[0])
print("pending       :", r.xpending("events", "notifier")["pending"], "(read, not yet acknowledged)")
claimed = r.xautoclaim("events", "notifier", "worker-2", min_idle_time=0, start_id="0")
print("worker-2 claims:", [fields["what"] for _, fields in claimed[1]])
print("still unread  :", [f["what"] for _, f in r.xreadgroup("notifier", "worker-2", {"events": ">"})[0][1]])
r.close()

# %% [markdown] course={"kind": "exercise", "id": "sliding-window", "item": "x-create-a-rate-limiter-with-redis"}
# ### A sliding-window rate limiter in a sorted set
#
# Section 12.5 kept a sliding-window log in memory, a deque per client inside one process. Here the log lives
# in Redis, so every worker of a service shares it, and the hard part is doing it atomically.
#
# Write `sliding_allow(r, key, limit, window, now)`: may a request of client `key` at time `now` (seconds, from
# the caller) pass, if at most `limit` requests may pass in any `window` seconds?
#
# - the accepted requests' times are the scores of a sorted set at the Redis key `f"sw:{key}"`; the window of
#   a request at `now` is `(now - window, now]`: a request exactly `window` seconds old no longer counts;
# - an accepted request is added with a member unique to it (two requests at the same `now` are two members);
#   a refused request leaves **no** trace; the key expires `window` seconds (`EXPIRE`, a whole number) after
#   the last accepted request;
# - several workers call this at once: the read and the write must not be separate steps another worker can
#   get between. Do it in one `MULTI`/`EXEC` transaction: remove old times, add this request, count; if the
#   count is over `limit`, remove this request again (or use a Lua script).
#
# ```python
# [sliding_allow(r, "ci", 2, 10, t) for t in (100, 101, 105, 110, 110.5)]   # [True, True, False, True, False]
# ```

# %% [markdown] course={"kind": "hint"}
# `ZREMRANGEBYSCORE key -inf now-window` removes times up to and including `now - window`. `uuid.uuid4().hex`
# makes a unique member.

# %% [markdown] course={"kind": "hint"}
# ```python
# with r.pipeline() as pipe:   # transaction=True by default: MULTI ... EXEC
#     pipe.zremrangebyscore(name, "-inf", now - window)
#     pipe.zadd(name, {member: now})
#     pipe.zcard(name)
#     pipe.expire(name, window)
#     count = pipe.execute()[2]
# ```
# then `r.zrem(name, member)` when `count > limit`.

# %% course={"kind": "solution"}
def sliding_allow(r: redis.Redis, key: str, limit: int, window: int, now: float) -> bool:
    ### BEGIN SOLUTION
    name, member = f"sw:{key}", uuid.uuid4().hex
    with r.pipeline() as pipe:
        pipe.zremrangebyscore(name, "-inf", now - window)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, window)
        count = pipe.execute()[2]
    if count > limit:
        r.zrem(name, member)
        return False
    return True
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
got = [sliding_allow(r, "ci", 2, 10, t) for t in (100, 101, 105)]
assert got == [True, True, False], f"2 per 10 s: the third request within 10 s is refused, got {got}"
assert sorted(r.zrange("sw:ci", 0, -1, withscores=True), key=lambda m: m[1])[0][1] == 100.0, "accepted times are the scores of sw:ci"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
got = [sliding_allow(r, "ci", 2, 10, t) for t in (100, 101, 105, 110, 110.5, 111, 121)]
assert got == [True, True, False, True, False, True, True], (
    f"at 110 the request of 100 is exactly 10 s old and no longer counts; at 110.5 101 still counts; got {got}")
### BEGIN HIDDEN TESTS
assert [score for _, score in r.zrange("sw:ci", 0, -1, withscores=True)] == [121.0], "at 121 the request of 111 is out"
assert [sliding_allow(r, "edge", 1, 5, t) for t in (0, 4.999, 5)] == [True, False, True], "both ends of (now - window, now]"
assert [sliding_allow(r, "neg", 1, 5, t) for t in (-3, -2, 2)] == [True, False, True], "negative times work too"
assert [sliding_allow(r, "zero", 0, 5, t) for t in (1, 2)] == [False, False] and r.exists("sw:zero") == 0, "limit 0 refuses all"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
got = [sliding_allow(r, "batch", 3, 60, 5.0) for _ in range(4)]
assert got == [True, True, True, False], f"requests at the same moment are separate requests: {got}"
assert r.zcard("sw:batch") == 3, f"refused requests leave no trace: {r.zcard('sw:batch')} members"
assert 0 < r.ttl("sw:batch") <= 60, f"the key expires after the window: ttl {r.ttl('sw:batch')}"
### BEGIN HIDDEN TESTS
assert [sliding_allow(r, "batch", 3, 60, 65.0) for _ in range(4)] == [True, True, True, False]
assert r.zcard("sw:batch") == 3
assert sliding_allow(r, "other", 3, 7, 65.0) is True and 0 < r.ttl("sw:other") <= 7
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
plain = fresh_client()
other_worker = []
racing = Meddling.from_url(REDIS_URL, decode_responses=True).plan(
    {"ZCARD", "ZCOUNT", "ZRANGE", "ZRANGEBYSCORE", "ZSCORE"},
    lambda: other_worker.append(sliding_allow(plain, "shared", 1, 60, 30.0)),
)
mine = sliding_allow(racing, "shared", 1, 60, 30.0)
racing.after("ZCARD")  # if nothing ran between our steps, the other worker comes now
assert [mine, *other_worker].count(True) == 1, (
    f"limit 1 and two workers at once: exactly one may pass, got {mine} and {other_worker}: a count read in "
    "one step and an add in another lets both through")
assert r.zcard("sw:shared") == 1
### BEGIN HIDDEN TESTS
spy = Recording.from_url(REDIS_URL, decode_responses=True)
sliding_allow(spy, "spied", 2, 10, 100.0)
scripted = {"EVAL", "EVALSHA", "FCALL"} & set(spy.names())
together = [names for names in ([str(c[0]).upper() for c in t] for t in spy.transactions()) if "ZADD" in names]
assert scripted or (together and {"ZCARD", "ZCOUNT", "ZRANGE", "ZRANGEBYSCORE"} & set(together[0])), (
    f"add and count in one MULTI/EXEC transaction (or one script): a plain pipeline lets another worker's "
    f"commands run between them; sent {spy.names()}")
spy.close()
### END HIDDEN TESTS
racing.close(), plain.close(), r.close()

# %% course={"kind": "wrong", "id": "old-edge-counts"}
def sliding_allow(r, key, limit, window, now):
    name, member = f"sw:{key}", uuid.uuid4().hex
    with r.pipeline() as pipe:
        pipe.zremrangebyscore(name, "-inf", f"({now - window}")  # keeps a request exactly window seconds old
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, window)
        count = pipe.execute()[2]
    if count > limit:
        r.zrem(name, member)
        return False
    return True

# %% course={"kind": "wrong", "id": "time-as-member"}
def sliding_allow(r, key, limit, window, now):
    name, member = f"sw:{key}", str(now)  # two requests at the same moment are one member
    with r.pipeline() as pipe:
        pipe.zremrangebyscore(name, "-inf", now - window)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, window)
        count = pipe.execute()[2]
    if count > limit:
        r.zrem(name, member)
        return False
    return True

# %% course={"kind": "wrong", "id": "count-then-add"}
def sliding_allow(r, key, limit, window, now):
    name = f"sw:{key}"
    r.zremrangebyscore(name, "-inf", now - window)
    if r.zcard(name) >= limit:  # another worker can add between this count and the add below
        return False
    r.zadd(name, {uuid.uuid4().hex: now})
    r.expire(name, window)
    return True

# %% course={"kind": "wrong", "id": "refused-recorded"}
def sliding_allow(r, key, limit, window, now):
    name, member = f"sw:{key}", uuid.uuid4().hex
    with r.pipeline() as pipe:
        pipe.zremrangebyscore(name, "-inf", now - window)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, window)
        count = pipe.execute()[2]
    return count <= limit  # refused requests stay in the set and keep a busy client locked out

# %% course={"kind": "wrong", "id": "plain-pipeline", "fails": ["t4"]}
def sliding_allow(r, key, limit, window, now):
    name, member = f"sw:{key}", uuid.uuid4().hex
    with r.pipeline(transaction=False) as pipe:  # one round trip, but no MULTI: others can get in between
        pipe.zremrangebyscore(name, "-inf", now - window)
        pipe.zadd(name, {member: now})
        pipe.zcard(name)
        pipe.expire(name, window)
        count = pipe.execute()[2]
    if count > limit:
        r.zrem(name, member)
        return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "distributed-lock", "item": "x-implement-distributed-locking"}
# ### A distributed lock with a token and a safe release
#
# Write two functions for a lock shared by workers on different machines:
#
# - `acquire_lock(r, name, ttl_ms)` takes the lock `f"lock:{name}"` if nobody holds it: the key is set, **only if
#   it does not exist**, to a new random token (a `str`, different on every call), expiring after `ttl_ms`
#   milliseconds so a crashed holder cannot block everyone for ever. It returns the token, or `None` if the lock
#   is held;
# - `release_lock(r, name, token)` deletes the lock **only if it still holds `token`**, as one atomic step on the
#   server, and returns `True` if it deleted it. A holder whose lock expired (and was taken by someone else)
#   must not delete the new holder's lock.
#
# ```python
# token = acquire_lock(r, "nightly-train", 30_000)     # 'f3c1...'
# acquire_lock(r, "nightly-train", 30_000)             # None: held
# release_lock(r, "nightly-train", token)              # True
# ```

# %% [markdown] course={"kind": "hint"}
# `r.set(key, token, nx=True, px=ttl_ms)` returns `True` when it set the key and `None` when the key existed.

# %% [markdown] course={"kind": "hint"}
# Checking with `GET` and then calling `DEL` is two steps: the lock can expire and change hands between them.
# Run both on the server in one Lua script:
# `r.eval('if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0', 1, key, token)`.

# %% course={"kind": "solution"}
RELEASE = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'


def acquire_lock(r: redis.Redis, name: str, ttl_ms: int) -> str | None:
    ### BEGIN SOLUTION
    token = uuid.uuid4().hex
    return token if r.set(f"lock:{name}", token, nx=True, px=ttl_ms) else None
    ### END SOLUTION


def release_lock(r: redis.Redis, name: str, token: str) -> bool:
    ### BEGIN SOLUTION
    return r.eval(RELEASE, 1, f"lock:{name}", token) == 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
token = acquire_lock(r, "nightly", 30_000)
assert type(token) is str and r.get("lock:nightly") == token, f"the token is a str stored at lock:nightly: {token!r}"
assert acquire_lock(r, "nightly", 30_000) is None, "a held lock cannot be taken again"
assert release_lock(r, "nightly", token) is True and r.exists("lock:nightly") == 0, "the holder releases it"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
token = acquire_lock(r, "backup", 20_000)
pttl = r.pttl("lock:backup")
assert 15_000 < pttl <= 20_000, f"the lock expires after ttl_ms milliseconds: PTTL {pttl}"
assert release_lock(r, "backup", "not-the-token") is False and r.get("lock:backup") == token, "a wrong token releases nothing"
### BEGIN HIDDEN TESTS
assert release_lock(r, "backup", token) is True and release_lock(r, "backup", token) is False, "a second release finds nothing"
tokens = {acquire_lock(r, f"l{i}", 1000) for i in range(20)}
assert len(tokens) == 20 and None not in tokens, "a fresh token on every call"
again = acquire_lock(r, "l0", 1000)
assert again is None
acquire_lock(r, "quick", 1)
poll_until(lambda: r.exists("lock:quick") == 0, "a 1 ms lock to expire")
assert acquire_lock(r, "quick", 1000) is not None, "an expired lock can be taken"
assert release_lock(r, "never-taken", "x") is False
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
slow_worker = acquire_lock(r, "migrate", 60_000)
r.pexpire("lock:migrate", 1)  # the slow worker paused too long: its lock expires
poll_until(lambda: r.exists("lock:migrate") == 0, "the slow worker's lock to expire")
next_worker = acquire_lock(r, "migrate", 60_000)
assert next_worker is not None and next_worker != slow_worker, "the next worker takes the lock with its own token"
assert release_lock(r, "migrate", slow_worker) is False, "the slow worker's release must find someone else's lock"
assert r.get("lock:migrate") == next_worker, "and must leave the next worker's lock in place"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
slow_token = acquire_lock(r, "deploy", 60_000)
racing = Meddling.from_url(REDIS_URL, decode_responses=True).plan(
    {"GET"}, lambda: (r.delete("lock:deploy"), r.set("lock:deploy", "next-holder", px=60_000)))
released = release_lock(racing, "deploy", slow_token)
if racing.meddled:  # the release read the lock with GET, and the lock changed hands right after that read
    assert r.get("lock:deploy") == "next-holder", (
        "the lock expired and changed hands between the release's GET and its DEL: the DEL removed the next "
        "holder's lock; compare and delete in one step (a Lua script)")
else:
    assert released is True and r.exists("lock:deploy") == 0, "the holder's own release deletes its lock"
racing.close(), r.close()

# %% course={"kind": "wrong", "id": "plain-delete"}
RELEASE = ""


def acquire_lock(r, name, ttl_ms):
    token = uuid.uuid4().hex
    return token if r.set(f"lock:{name}", token, nx=True, px=ttl_ms) else None


def release_lock(r, name, token):
    return r.delete(f"lock:{name}") == 1  # deletes whoever holds it now

# %% course={"kind": "wrong", "id": "get-then-delete"}
RELEASE = ""


def acquire_lock(r, name, ttl_ms):
    token = uuid.uuid4().hex
    return token if r.set(f"lock:{name}", token, nx=True, px=ttl_ms) else None


def release_lock(r, name, token):
    if r.get(f"lock:{name}") == token:  # the lock can change hands right here
        return r.delete(f"lock:{name}") == 1
    return False

# %% course={"kind": "wrong", "id": "no-nx"}
RELEASE = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'


def acquire_lock(r, name, ttl_ms):
    token = uuid.uuid4().hex
    r.set(f"lock:{name}", token, px=ttl_ms)  # overwrites the holder's lock
    return token


def release_lock(r, name, token):
    return r.eval(RELEASE, 1, f"lock:{name}", token) == 1

# %% course={"kind": "wrong", "id": "seconds-ttl"}
RELEASE = 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0'


def acquire_lock(r, name, ttl_ms):
    token = uuid.uuid4().hex
    return token if r.set(f"lock:{name}", token, nx=True, ex=ttl_ms) else None  # 20 000 s, not 20 s


def release_lock(r, name, token):
    return r.eval(RELEASE, 1, f"lock:{name}", token) == 1

# %% [markdown] course={"kind": "exercise", "id": "reserve-stock"}
# ### Read, decide, write: `WATCH` and a transaction
#
# Write `reserve(r, sku, qty)`, used by many workers at once. The stock of `sku` is an integer at the key
# `f"stock:{sku}"` (a missing key means 0), and `f"sold:{sku}"` counts units sold:
#
# - if the stock is at least `qty`, take `qty` from the stock **and** add `qty` to the sold count, both in one
#   `MULTI`/`EXEC` transaction, and return `True`; otherwise change nothing and return `False`;
# - `WATCH` the stock key before reading it; if another worker changed it before your `EXEC`, redis-py raises
#   `redis.WatchError`: read again and decide again, until it succeeds;
# - `qty` below 1 raises `ValueError`.
#
# ```python
# r.set("stock:gpu", 5)
# reserve(r, "gpu", 3), reserve(r, "gpu", 3), r.get("stock:gpu"), r.get("sold:gpu")   # (True, False, '2', '3')
# ```

# %% [markdown] course={"kind": "hint"}
# In a loop: `pipe = r.pipeline()`, `pipe.watch(key)`, read with `pipe.get(key)` (while watching, commands run
# at once), then `pipe.multi()`, queue the two writes, `pipe.execute()`. Catch `redis.WatchError` and go round again.

# %% [markdown] course={"kind": "hint"}
# `r.transaction(func, key)` runs that loop for you: `func(pipe)` reads, then calls `pipe.multi()` and queues
# the writes. Either way, return `False` before `multi()` when the stock is short.

# %% course={"kind": "solution"}
def reserve(r: redis.Redis, sku: str, qty: int) -> bool:
    ### BEGIN SOLUTION
    if qty < 1:
        raise ValueError(f"qty must be at least 1, got {qty!r}")
    key = f"stock:{sku}"
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch(key)
                stock = int(pipe.get(key) or 0)
                if stock < qty:
                    return False  # leaving the with block resets the pipeline, which ends the WATCH
                pipe.multi()
                pipe.decrby(key, qty)
                pipe.incrby(f"sold:{sku}", qty)
                pipe.execute()
                return True
            except redis.WatchError:
                continue
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
r.set("stock:gpu", 5)
got = (reserve(r, "gpu", 3), reserve(r, "gpu", 3))
assert got == (True, False), f"5 in stock: 3 can be reserved, then 3 more cannot; got {got}"
assert (r.get("stock:gpu"), r.get("sold:gpu")) == ("2", "3"), f"stock 2 and sold 3, got {r.get('stock:gpu')}, {r.get('sold:gpu')}"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
r.set("stock:tpu", 4)
assert reserve(r, "tpu", 4) is True and r.get("stock:tpu") == "0", "the whole stock can be reserved"
assert reserve(r, "tpu", 1) is False and r.get("stock:tpu") == "0" and r.get("sold:tpu") == "4", "nothing changes when short"
assert reserve(r, "unknown", 1) is False and r.keys("*unknown*") == [], "a missing stock is 0"
### BEGIN HIDDEN TESTS
for bad in (0, -2):
    try:
        reserve(r, "tpu", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"qty={bad} must raise ValueError")
r.set("stock:ünï", 1)
assert reserve(r, "ünï", 1) is True and r.get("sold:ünï") == "1"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
r.set("stock:gpu", 5)


def another_buyer_takes(n: int) -> Callable[[], None]:
    def buy() -> None:
        r.decrby("stock:gpu", n)
        r.incrby("sold:gpu", n)

    return buy


racing = Meddling.from_url(REDIS_URL, decode_responses=True).plan({"GET"}, another_buyer_takes(3))
result = reserve(racing, "gpu", 3)
assert racing.meddled, "reserve must read the stock (GET) before deciding"
assert (result, r.get("stock:gpu"), r.get("sold:gpu")) == (False, "2", "3"), (
    f"another buyer took 3 of 5 right after our read: only 2 are left, so our 3 must be refused; got {result}, "
    f"stock {r.get('stock:gpu')}: WATCH the key and retry when EXEC fails")
r.set("stock:gpu", 10)
racing.plan({"GET"}, another_buyer_takes(3))
result = reserve(racing, "gpu", 3)
assert (result, r.get("stock:gpu"), r.get("sold:gpu")) == (True, "4", "9"), (
    f"after a conflict, read again: 7 left is enough; got {result}, stock {r.get('stock:gpu')}, sold {r.get('sold:gpu')}")
### BEGIN HIDDEN TESTS
spy = Recording.from_url(REDIS_URL, decode_responses=True)
spy.set("stock:cpu", 2)
assert reserve(spy, "cpu", 2) is True
keys_written = [{str(command[1]) for command in t if len(command) > 1} for t in spy.transactions()]
assert any({"stock:cpu", "sold:cpu"} <= keys for keys in keys_written), (
    f"the stock and the sold count change in one MULTI/EXEC transaction: transactions {spy.transactions()}")
spy.close()
### END HIDDEN TESTS
racing.close(), r.close()

# %% course={"kind": "wrong", "id": "no-watch"}
def reserve(r, sku, qty):
    if qty < 1:
        raise ValueError(qty)
    key = f"stock:{sku}"
    stock = int(r.get(key) or 0)  # nobody watches: another buyer can take the stock after this read
    if stock < qty:
        return False
    with r.pipeline() as pipe:
        pipe.decrby(key, qty)
        pipe.incrby(f"sold:{sku}", qty)
        pipe.execute()
    return True

# %% course={"kind": "wrong", "id": "no-retry"}
def reserve(r, sku, qty):
    if qty < 1:
        raise ValueError(qty)
    key = f"stock:{sku}"
    with r.pipeline() as pipe:
        pipe.watch(key)
        stock = int(pipe.get(key) or 0)
        if stock < qty:
            return False
        pipe.multi()
        pipe.decrby(key, qty)
        pipe.incrby(f"sold:{sku}", qty)
        pipe.execute()  # a conflict raises WatchError to the caller instead of trying again
        return True

# %% course={"kind": "wrong", "id": "strictly-more"}
def reserve(r, sku, qty):
    if qty < 1:
        raise ValueError(qty)
    key = f"stock:{sku}"

    def attempt(pipe):
        stock = int(pipe.get(key) or 0)
        if stock <= qty:  # the last units can never be reserved
            return False
        pipe.multi()
        pipe.decrby(key, qty)
        pipe.incrby(f"sold:{sku}", qty)
        return True

    return r.transaction(attempt, key, value_from_callable=True)

# %% course={"kind": "wrong", "id": "sold-outside-transaction", "fails": ["t3"]}
def reserve(r, sku, qty):
    if qty < 1:
        raise ValueError(qty)
    key = f"stock:{sku}"
    with r.pipeline() as pipe:
        while True:
            try:
                pipe.watch(key)
                stock = int(pipe.get(key) or 0)
                if stock < qty:
                    return False
                pipe.multi()
                pipe.decrby(key, qty)
                pipe.execute()
                break
            except redis.WatchError:
                continue
    r.incrby(f"sold:{sku}", qty)  # a crash right before this line loses the sale
    return True

# %% [markdown] course={"kind": "exercise", "id": "leaderboard", "item": "x-create-a-leaderboard"}
# ### A leaderboard in a sorted set
#
# Write three functions for a board of model evaluations, kept in the sorted set `f"board:{board}"`:
#
# - `add_points(r, board, player, points)` adds `points` (an `int`, may be negative) to `player`'s total and
#   returns the new total as an `int`;
# - `top(r, board, n)` returns the best `n` as a list of `(player, total)` tuples, highest total first; **equal
#   totals in alphabetical order of the player**; `n` of 0 or less gives `[]`;
# - `rank(r, board, player)` returns the player's 1-based place in that same order, or `None` if absent.
#
# ```python
# for who, pts in [("bert", 5), ("ada", 7), ("cy", 5)]: add_points(r, "auc", who, pts)
# top(r, "auc", 2), rank(r, "auc", "cy")   # ([('ada', 7), ('bert', 5)], 3)
# ```

# %% [markdown] course={"kind": "hint"}
# Redis orders equal scores by member, A to Z going up, so with `REV` equal scores come out Z to A. Storing
# the **negated** total makes the plain ascending order exactly the one asked for.

# %% [markdown] course={"kind": "hint"}
# Store `-total`: `r.zincrby(name, -points, player)`, `r.zrange(name, 0, n - 1, withscores=True)`,
# `r.zrank(name, player)` (0-based). Turn scores back with `int(-score)`.

# %% course={"kind": "solution"}
def add_points(r: redis.Redis, board: str, player: str, points: int) -> int:
    ### BEGIN SOLUTION
    return int(-r.zincrby(f"board:{board}", -points, player))
    ### END SOLUTION


def top(r: redis.Redis, board: str, n: int) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    if n <= 0:
        return []
    return [(player, int(-score)) for player, score in r.zrange(f"board:{board}", 0, n - 1, withscores=True)]
    ### END SOLUTION


def rank(r: redis.Redis, board: str, player: str) -> int | None:
    ### BEGIN SOLUTION
    place = r.zrank(f"board:{board}", player)
    return None if place is None else place + 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
for who, pts in [("bert", 5), ("ada", 7), ("cy", 2), ("ada", 1)]:
    total = add_points(r, "auc", who, pts)
assert total == 8 and type(total) is int, f"add_points returns the new total as an int: {total!r}"
assert top(r, "auc", 2) == [("ada", 8), ("bert", 5)], f"the best two, highest first: {top(r, 'auc', 2)}"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
for who, pts in [("cy", 5), ("ada", 5), ("bert", 5), ("dan", 9), ("eve", -1)]:
    add_points(r, "f1", who, pts)
board = top(r, "f1", 10)
assert board == [("dan", 9), ("ada", 5), ("bert", 5), ("cy", 5), ("eve", -1)], f"equal totals alphabetically: {board}"
assert all(type(total) is int for _, total in board), f"totals are ints: {board}"
### BEGIN HIDDEN TESTS
assert top(r, "f1", 1) == [("dan", 9)] and top(r, "f1", 3) == [("dan", 9), ("ada", 5), ("bert", 5)]
assert top(r, "f1", 0) == [] and top(r, "f1", -1) == [] and top(r, "empty", 3) == []
assert add_points(r, "f1", "eve", 1) == 0 and top(r, "f1", 5)[-1] == ("eve", 0)
assert add_points(r, "f1", "Zoë", 0) == 0 and top(r, "f1", 6)[-2:] == [("Zoë", 0), ("eve", 0)], "code-point order: Z before e"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
for who, pts in [("cy", 5), ("ada", 5), ("dan", 9)]:
    add_points(r, "f1", who, pts)
places = [rank(r, "f1", who) for who in ("dan", "ada", "cy")]
assert places == [1, 2, 3], f"1-based places in the order of top(): {places}"
assert rank(r, "f1", "nobody") is None, "an absent player has no rank"
### BEGIN HIDDEN TESTS
assert rank(r, "missing-board", "dan") is None
add_points(r, "f1", "cy", 10)
assert [rank(r, "f1", who) for who in ("cy", "dan", "ada")] == [1, 2, 3]
### END HIDDEN TESTS
r.close()

# %% course={"kind": "wrong", "id": "rev-order-ties"}
def add_points(r, board, player, points):
    return int(r.zincrby(f"board:{board}", points, player))


def top(r, board, n):
    if n <= 0:
        return []
    rows = r.zrange(f"board:{board}", 0, n - 1, desc=True, withscores=True)  # ties come out Z to A
    return [(player, int(score)) for player, score in rows]


def rank(r, board, player):
    place = r.zrevrank(f"board:{board}", player)
    return None if place is None else place + 1

# %% course={"kind": "wrong", "id": "float-totals"}
def add_points(r, board, player, points):
    return -r.zincrby(f"board:{board}", -points, player)  # 8.0, a float


def top(r, board, n):
    if n <= 0:
        return []
    return [(player, -score) for player, score in r.zrange(f"board:{board}", 0, n - 1, withscores=True)]


def rank(r, board, player):
    place = r.zrank(f"board:{board}", player)
    return None if place is None else place + 1

# %% course={"kind": "wrong", "id": "zero-based-rank"}
def add_points(r, board, player, points):
    return int(-r.zincrby(f"board:{board}", -points, player))


def top(r, board, n):
    return [(player, int(-score)) for player, score in r.zrange(f"board:{board}", 0, n - 1, withscores=True)]


def rank(r, board, player):
    return r.zrank(f"board:{board}", player)  # 0 for the leader, and 0 is falsy

# %% [markdown] course={"kind": "exercise", "id": "notifications", "item": "x-use-pub-sub-for-notifications"}
# ### Notifications over pub/sub
#
# Write two functions:
#
# - `notify(r, channel, event)` publishes the dict `event` as JSON text on `channel` and returns the number
#   of subscribers that received it (an `int`);
# - `next_events(pubsub, n, timeout)` reads the next `n` events from a `PubSub` object (made with
#   `decode_responses=True`) and returns them as a list of `(channel, event_dict)` tuples in arrival order.
#   Only messages count (`type` `"message"`, or `"pmessage"` for pattern subscriptions); confirmations such as
#   `"subscribe"` are skipped. If `n` events have not arrived within `timeout` seconds in total, raise
#   `TimeoutError`. `n` of 0 returns `[]` at once.
#
# ```python
# p = r.pubsub(); p.subscribe("deploys")
# notify(r, "deploys", {"service": "api", "version": 7})     # 1
# next_events(p, 1, timeout=5.0)                              # [('deploys', {'service': 'api', 'version': 7})]
# ```

# %% [markdown] course={"kind": "hint"}
# `pubsub.get_message(timeout=seconds)` waits up to `seconds` for one message and returns a dict (or `None`).
# Keep a deadline from `time.monotonic()` and pass what is left of it each time.

# %% [markdown] course={"kind": "hint"}
# A `None` from `get_message` does not mean "no more messages" (with `ignore_subscribe_messages=True` a
# skipped confirmation also gives `None`): only the deadline ends the wait.

# %% course={"kind": "solution", "equivalent": {"m-a1bef220": "left exactly 0.0: get_message(timeout=0) polls once without waiting, and the next pass raises"}}
def notify(r: redis.Redis, channel: str, event: dict) -> int:
    ### BEGIN SOLUTION
    return r.publish(channel, json.dumps(event))
    ### END SOLUTION


def next_events(pubsub, n: int, timeout: float) -> list[tuple[str, dict]]:
    ### BEGIN SOLUTION
    events: list[tuple[str, dict]] = []
    deadline = time.monotonic() + timeout
    while len(events) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"{len(events)} of {n} events arrived within {timeout} s")
        message = pubsub.get_message(timeout=left)
        if message is not None and message["type"] in ("message", "pmessage"):
            events.append((message["channel"], json.loads(message["data"])))
    return events
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r, deploys = fresh_client(), f"deploys-{uuid.uuid4().hex[:6]}"  # a channel no earlier run listens to
p = r.pubsub()
p.subscribe(deploys)
poll_until(lambda: r.pubsub_numsub(deploys) == [(deploys, 1)], "the subscription to reach the server")
receivers = notify(r, deploys, {"service": "api", "version": 7})
assert receivers == 1 and type(receivers) is int, f"one subscriber received it: {receivers!r}"
got = next_events(p, 1, timeout=5.0)
assert got == [(deploys, {"service": "api", "version": 7})], f"one event as (channel, dict): {got}"
p.close(), r.close()

# %% course={"kind": "test", "points": 2}
r, tag = fresh_client(), uuid.uuid4().hex[:6]
p = r.pubsub()
p.psubscribe(f"jobs-{tag}:*")
p.subscribe(f"a-{tag}")  # after the pattern on the same connection: once it counts, the pattern does too
poll_until(lambda: r.pubsub_numsub(f"a-{tag}") == [(f"a-{tag}", 1)], "both subscriptions")
notify(r, f"a-{tag}", {"n": 1})
notify(r, f"jobs-{tag}:train", {"n": 2, "tag": "ünï"})
notify(r, f"a-{tag}", {})
assert next_events(p, 2, timeout=5.0) == [(f"a-{tag}", {"n": 1}), (f"jobs-{tag}:train", {"n": 2, "tag": "ünï"})], (
    "confirmations skipped, pattern messages included, in arrival order")
assert next_events(p, 1, timeout=5.0) == [(f"a-{tag}", {})], "the third event stays for the next call; {} is an event"
### BEGIN HIDDEN TESTS
assert next_events(p, 0, timeout=5.0) == []
assert notify(r, f"nobody-listens-{tag}", {"x": 1}) == 0
notify(r, f"a-{tag}", {"n": 3})
assert p.connection.can_read(timeout=5.0), "the event has reached the subscriber's connection"
assert next_events(p, 1, timeout=0.9) == [(f"a-{tag}", {"n": 3})], "a waiting event is returned within a timeout under 1 s"
### END HIDDEN TESTS
p.close(), r.close()

# %% course={"kind": "test", "points": 2}
r, quiet = fresh_client(), f"quiet-{uuid.uuid4().hex[:6]}"
p = no_endless_reads(r.pubsub(), longest=5.0)  # a read with no (or too long a) time limit fails at once
p.subscribe(quiet)
poll_until(lambda: r.pubsub_numsub(quiet) == [(quiet, 1)], "the subscription")
try:
    next_events(p, 1, timeout=0.2)
except TimeoutError:
    pass
else:
    raise AssertionError("no event within the timeout must raise TimeoutError")
raw = r.pubsub()
raw.subscribe(quiet)
poll_until(lambda: r.pubsub_numsub(quiet) == [(quiet, 2)], "the second subscription")
assert notify(r, quiet, {"ok": True, "v": None}) == 2
assert next_events(p, 1, timeout=5.0) == [(quiet, {"ok": True, "v": None})]
message = raw.get_message(timeout=5.0)
message = raw.get_message(timeout=5.0) if message["type"] == "subscribe" else message
assert json.loads(message["data"]) == {"ok": True, "v": None}, f"the payload is JSON text: {message['data']!r}"
raw.close(), p.close(), r.close()

# %% course={"kind": "wrong", "id": "python-repr"}
def notify(r, channel, event):
    return r.publish(channel, str(event))  # Python's repr, not JSON


def next_events(pubsub, n, timeout):
    import ast

    events = []
    deadline = time.monotonic() + timeout
    while len(events) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(n)
        message = pubsub.get_message(timeout=left)
        if message is not None and message["type"] in ("message", "pmessage"):
            events.append((message["channel"], ast.literal_eval(message["data"])))
    return events

# %% course={"kind": "wrong", "id": "none-means-done"}
def notify(r, channel, event):
    return r.publish(channel, json.dumps(event))


def next_events(pubsub, n, timeout):
    events = []
    while len(events) < n:
        message = pubsub.get_message(ignore_subscribe_messages=True, timeout=timeout)
        if message is None:  # a skipped confirmation also gives None
            raise TimeoutError(n)
        events.append((message["channel"], json.loads(message["data"])))
    return events

# %% course={"kind": "wrong", "id": "plain-messages-only"}
def notify(r, channel, event):
    return r.publish(channel, json.dumps(event))


def next_events(pubsub, n, timeout):
    events = []
    deadline = time.monotonic() + timeout
    while len(events) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(n)
        message = pubsub.get_message(timeout=left)
        if message is not None and message["type"] == "message":  # pattern subscriptions never arrive
            events.append((message["channel"], json.loads(message["data"])))
    return events

# %% course={"kind": "wrong", "id": "listen-ignores-timeout", "fails": ["t3"]}
def notify(r, channel, event):
    return r.publish(channel, json.dumps(event))


def next_events(pubsub, n, timeout):
    events = []
    if n == 0:
        return events
    for message in pubsub.listen():  # waits for ever: the timeout is never looked at
        if message["type"] in ("message", "pmessage"):
            events.append((message["channel"], json.loads(message["data"])))
            if len(events) == n:
                return events

# %% [markdown] course={"kind": "exercise", "id": "job-queue", "item": "project-13-4-2"}
# ### Project core: a job queue with priorities, retries and status
#
# Complete `JobQueue(r, name)`. Jobs are ids (`str`); each has a status hash `f"{name}:job:{job_id}"` with the
# fields `status`, `priority` and `attempts`, and waits in one Redis list per priority: `f"{name}:high"`,
# `f"{name}:normal"`, `f"{name}:low"`.
#
# - `submit(job_id, priority="normal")`: a priority outside `PRIORITIES` raises `ValueError`; the job gets
#   status `"queued"`, `attempts` 0 and joins the **tail** of its list;
# - `take()`: the job at the head of the highest-priority non-empty list (first in, first out within a
#   priority), removed from it in **one** command (`LMPOP` over the three lists in priority order; Redis 7.0 and
#   later, and Valkey); its status becomes `"running"` and `attempts` grows by 1. Returns the job id, or `None` when all lists are empty;
# - `done(job_id)`: status `"done"`;
# - `fail(job_id)`: if the job has had fewer than `max_attempts` attempts, it is queued again (status
#   `"queued"`, tail of its list); otherwise its status becomes `"failed"`. Returns the new status;
# - `status(job_id)`: the status, or `None` for an unknown job.
#
# ```python
# q = JobQueue(r, "q"); q.submit("a", "low"); q.submit("b", "high")
# q.take(), q.status("b"), q.take()     # ('b', 'running', 'a')
# ```

# %% [markdown] course={"kind": "hint"}
# `r.lmpop(3, high, normal, low, direction="LEFT")` returns `[list_name, [job_id]]` or `None`; `RPUSH` adds at
# the tail. `r.hset(key, mapping={...})`, `r.hincrby(key, "attempts", 1)`, `r.hget(key, "status")`.

# %% [markdown] course={"kind": "hint"}
# In `fail`, compare `int(r.hget(key, "attempts"))` with `self.max_attempts`: with `max_attempts=3` the third
# failure is final. Push the job back to the list named by its own `priority` field.

# %% course={"kind": "solution"}
PRIORITIES = ("high", "normal", "low")


class JobQueue:
    def __init__(self, r: redis.Redis, name: str, max_attempts: int = 3) -> None:
        self.r, self.name, self.max_attempts = r, name, max_attempts

    def _job(self, job_id: str) -> str:
        return f"{self.name}:job:{job_id}"

    def submit(self, job_id: str, priority: str = "normal") -> None:
        ### BEGIN SOLUTION
        if priority not in PRIORITIES:
            raise ValueError(f"priority must be one of {PRIORITIES}, got {priority!r}")
        self.r.hset(self._job(job_id), mapping={"status": "queued", "priority": priority, "attempts": 0})
        self.r.rpush(f"{self.name}:{priority}", job_id)
        ### END SOLUTION

    def take(self) -> str | None:
        ### BEGIN SOLUTION
        popped = self.r.lmpop(len(PRIORITIES), *[f"{self.name}:{p}" for p in PRIORITIES], direction="LEFT")
        if popped is None:
            return None
        job_id = popped[1][0]
        self.r.hset(self._job(job_id), "status", "running")
        self.r.hincrby(self._job(job_id), "attempts", 1)
        return job_id
        ### END SOLUTION

    def done(self, job_id: str) -> None:
        ### BEGIN SOLUTION
        self.r.hset(self._job(job_id), "status", "done")
        ### END SOLUTION

    def fail(self, job_id: str) -> str:
        ### BEGIN SOLUTION
        job = self.r.hgetall(self._job(job_id))
        if int(job["attempts"]) < self.max_attempts:
            self.r.hset(self._job(job_id), "status", "queued")
            self.r.rpush(f"{self.name}:{job['priority']}", job_id)
            return "queued"
        self.r.hset(self._job(job_id), "status", "failed")
        return "failed"
        ### END SOLUTION

    def status(self, job_id: str) -> str | None:
        ### BEGIN SOLUTION
        return self.r.hget(self._job(job_id), "status")
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
r = fresh_client()
q = JobQueue(r, "q")
q.submit("a", "low")
q.submit("b", "high")
q.submit("c")
got = [q.take(), q.take(), q.take(), q.take()]
assert got == ["b", "c", "a", None], f"high, then normal, then low; None when empty: {got}"
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
q = JobQueue(r, "ml")
for job in ["n1", "h1", "n2", "h2", "l1", "n3"]:
    q.submit(job, {"n": "normal", "h": "high", "l": "low"}[job[0]])
assert [q.take() for _ in range(6)] == ["h1", "h2", "n1", "n2", "n3", "l1"], "first in, first out within a priority"
assert q.status("n1") == "running" and r.hget("ml:job:n1", "attempts") == "1", "a taken job is running, attempt 1"
### BEGIN HIDDEN TESTS
assert q.take() is None and r.keys("ml:high") == []
q.submit("x", "high")
assert r.hgetall("ml:job:x") == {"status": "queued", "priority": "high", "attempts": "0"}, r.hgetall("ml:job:x")
assert r.lrange("ml:high", 0, -1) == ["x"]
for bad in ("urgent", "HIGH", " high", ""):
    try:
        q.submit("y", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"priority {bad!r} must raise ValueError")
assert q.status("y") is None and q.status("unknown") is None, "a refused or unknown job has no status"
other = JobQueue(r, "other")
assert other.take() is None, "queues of other names are separate"
### END HIDDEN TESTS

spy = Recording.from_url(REDIS_URL, decode_responses=True)
q = JobQueue(spy, "spied")
q.submit("only", "low")
spy.sent = []
assert q.take() == "only"
names = [str(command[0]).upper() for command in spy.sent]
assert [name for name in names if name.startswith(("L", "BL", "R"))] == ["LMPOP"], (
    f"take() pops from the three lists in one command (LMPOP), sent {names}")
spy.close()
r.close()

# %% course={"kind": "test", "points": 2}
r = fresh_client()
q = JobQueue(r, "q", max_attempts=2)
q.submit("flaky", "low")
q.submit("later", "low")
assert q.take() == "flaky" and q.fail("flaky") == "queued", "a first failure queues the job again"
assert q.status("flaky") == "queued" and r.lrange("q:low", 0, -1) == ["later", "flaky"], "at the tail of its own list"
assert q.take() == "later" and q.take() == "flaky" and r.hget("q:job:flaky", "attempts") == "2"
assert q.fail("flaky") == "failed" and q.status("flaky") == "failed", "max_attempts=2: the second failure is final"
assert q.take() is None, "a failed job is not queued again"
### BEGIN HIDDEN TESTS
q.done("later")
assert q.status("later") == "done"
q3 = JobQueue(r, "q3")
q3.submit("j", "high")
assert [q3.take() == "j" and q3.fail("j") for _ in range(3)] == ["queued", "queued", "failed"], "max_attempts defaults to 3"
### END HIDDEN TESTS
r.close()

# %% course={"kind": "wrong", "id": "lifo"}
PRIORITIES = ("high", "normal", "low")


class JobQueue:
    def __init__(self, r, name, max_attempts=3):
        self.r, self.name, self.max_attempts = r, name, max_attempts

    def _job(self, job_id):
        return f"{self.name}:job:{job_id}"

    def submit(self, job_id, priority="normal"):
        if priority not in PRIORITIES:
            raise ValueError(priority)
        self.r.hset(self._job(job_id), mapping={"status": "queued", "priority": priority, "attempts": 0})
        self.r.lpush(f"{self.name}:{priority}", job_id)  # head, and take() pops the head: last in, first out

    def take(self):
        popped = self.r.lmpop(3, *[f"{self.name}:{p}" for p in PRIORITIES], direction="LEFT")
        if popped is None:
            return None
        job_id = popped[1][0]
        self.r.hset(self._job(job_id), "status", "running")
        self.r.hincrby(self._job(job_id), "attempts", 1)
        return job_id

    def done(self, job_id):
        self.r.hset(self._job(job_id), "status", "done")

    def fail(self, job_id):
        job = self.r.hgetall(self._job(job_id))
        if int(job["attempts"]) < self.max_attempts:
            self.r.hset(self._job(job_id), "status", "queued")
            self.r.lpush(f"{self.name}:{job['priority']}", job_id)
            return "queued"
        self.r.hset(self._job(job_id), "status", "failed")
        return "failed"

    def status(self, job_id):
        return self.r.hget(self._job(job_id), "status")

# %% course={"kind": "wrong", "id": "one-retry-too-many"}
PRIORITIES = ("high", "normal", "low")


class JobQueue:
    def __init__(self, r, name, max_attempts=3):
        self.r, self.name, self.max_attempts = r, name, max_attempts

    def _job(self, job_id):
        return f"{self.name}:job:{job_id}"

    def submit(self, job_id, priority="normal"):
        if priority not in PRIORITIES:
            raise ValueError(priority)
        self.r.hset(self._job(job_id), mapping={"status": "queued", "priority": priority, "attempts": 0})
        self.r.rpush(f"{self.name}:{priority}", job_id)

    def take(self):
        popped = self.r.lmpop(3, *[f"{self.name}:{p}" for p in PRIORITIES], direction="LEFT")
        if popped is None:
            return None
        job_id = popped[1][0]
        self.r.hset(self._job(job_id), "status", "running")
        self.r.hincrby(self._job(job_id), "attempts", 1)
        return job_id

    def done(self, job_id):
        self.r.hset(self._job(job_id), "status", "done")

    def fail(self, job_id):
        job = self.r.hgetall(self._job(job_id))
        if int(job["attempts"]) <= self.max_attempts:  # one attempt more than allowed
            self.r.hset(self._job(job_id), "status", "queued")
            self.r.rpush(f"{self.name}:{job['priority']}", job_id)
            return "queued"
        self.r.hset(self._job(job_id), "status", "failed")
        return "failed"

    def status(self, job_id):
        return self.r.hget(self._job(job_id), "status")

# %% course={"kind": "wrong", "id": "lpop-each-list"}
PRIORITIES = ("high", "normal", "low")


class JobQueue:
    def __init__(self, r, name, max_attempts=3):
        self.r, self.name, self.max_attempts = r, name, max_attempts

    def _job(self, job_id):
        return f"{self.name}:job:{job_id}"

    def submit(self, job_id, priority="normal"):
        if priority not in PRIORITIES:
            raise ValueError(priority)
        self.r.hset(self._job(job_id), mapping={"status": "queued", "priority": priority, "attempts": 0})
        self.r.rpush(f"{self.name}:{priority}", job_id)

    def take(self):
        for priority in PRIORITIES:  # three round trips: a high job can arrive after its list was checked
            job_id = self.r.lpop(f"{self.name}:{priority}")
            if job_id is not None:
                self.r.hset(self._job(job_id), "status", "running")
                self.r.hincrby(self._job(job_id), "attempts", 1)
                return job_id
        return None

    def done(self, job_id):
        self.r.hset(self._job(job_id), "status", "done")

    def fail(self, job_id):
        job = self.r.hgetall(self._job(job_id))
        if int(job["attempts"]) < self.max_attempts:
            self.r.hset(self._job(job_id), "status", "queued")
            self.r.rpush(f"{self.name}:{job['priority']}", job_id)
            return "queued"
        self.r.hset(self._job(job_id), "status", "failed")
        return "failed"

    def status(self, job_id):
        return self.r.hget(self._job(job_id), "status")

# %% [markdown] course={"kind": "task", "id": "job-queue-whole", "points": 4, "item": "project-13-4-2"}
# ### Project 13.4.2: the whole job queue
#
# Turn `JobQueue` into a queue you could run workers on: make `take` atomic as a whole (pop, mark running and
# count the attempt in one Lua script or `MULTI`), let workers block waiting for work (`BLMPOP` with a timeout),
# record a job's payload, result and last error in its hash, give running jobs a visibility timeout so a job
# whose worker died is queued again, and write a small worker loop with a graceful stop. Compare your design
# with a Redis **stream** and a consumer group (`XREADGROUP`, `XACK`, `XAUTOCLAIM`): what does each give for free?

# %% [markdown] course={"kind": "rubric"}
# - `take` leaves no window in which a job is off every list but not yet marked running; shown by a test that
#   stops a worker between steps (or by a script) (1 point).
# - A crashed worker's job comes back after the visibility timeout, tested with expiries polled to a deadline
#   or an injected clock, not sleeps (1 point).
# - Results, errors and attempts are recorded; failed jobs stay inspectable (a dead-letter list) (1 point).
# - The comparison with streams is specific: pending entries list, acknowledgements, claiming idle messages,
#   consumer groups versus hand-made bookkeeping (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-redis"}
# When many processes need to share small, hot, rebuildable state fast: a cache in front of a database or a
# model (with TTLs), sessions that every web worker sees, counters for rate limits and quotas, leaderboards and
# "top N" views (sorted sets), locks and leader election with expiries, a lightweight job queue or event stream,
# pub/sub for notifications, and online feature lookups for ML serving. I would not use it as the only copy of
# data I cannot lose (memory first, persistence optional, eviction possible), for data larger than memory, or
# for queries across many keys (no joins, no secondary indexes without modules): that is a database's job.

# %% [markdown] course={"kind": "answer", "question": "q-what-caching-strategies-do-you-know"}
# **Cache-aside** (the app reads the cache, loads misses from the source and stores them; on writes it deletes
# the entry): simple, only caches what is read. **Read-through**: the cache layer itself loads misses (a
# decorator or a library), so the loading logic lives in one place. **Write-through**: every write updates the
# source and the cache together, so reads right after writes are fresh, at the cost of slower writes.
# **Write-behind**: writes go to the cache and reach the source later in batches: fast, but a crash can lose
# them. Around them: TTLs to bound staleness, an eviction policy (`allkeys-lru` for a pure cache), stampede
# protection for hot keys (one rebuilder behind a short lock, or refreshing early), and negative caching of
# "not found" for a short time.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-cache-invalidation"}
# I make staleness bounded first, then small: every entry gets a TTL chosen from how stale the business can
# tolerate. On writes I **delete** the entry (not overwrite it) after the source is updated, in the same code
# path, so the next read reloads; for data changed by other systems I invalidate from change events (a
# message, CDC). Where deletes are hard to target, **versioned keys** (`user:7:v12`, bump the version on write)
# make old entries unreachable and let them expire. For hot keys I add stampede protection, and I test it all
# with forced orderings: a write between a reader's miss and its fill must not leave the old value cached.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-rate-limiting-with"}
# A **fixed window**: `INCR rl:<client>:<window number>` and `EXPIRE` it for the window length; allowed while
# the count is at most the limit. Cheap, but up to twice the limit can pass around a window edge. A **sliding
# window log**: a sorted set per client with each accepted request's time as its score; in one transaction
# remove times older than the window, add this request, count, and take it back if over the limit: exact, at
# the cost of one member per request. A **token bucket** keeps tokens and the last refill time in a hash,
# updated by a Lua script so the read-modify-write is atomic. Always: the clock comes from the caller (or the
# server's `TIME`), keys expire, the reply is `429` with `Retry-After`, and I decide up front whether a Redis
# outage lets requests through or refuses them.
