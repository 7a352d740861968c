# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can walk through a system design question with a checklist, and back every
# box in your diagram with a number you computed: requests per second and storage from a few assumptions,
# availability of a chain of replicas, waiting time from utilisation, the hit ratio of a cache, the spread of keys
# over shards, and how much data a backup schedule can lose.
#
# Design is judged, not unit-tested, but much of it can be computed. Everything here is plain Python (`random`
# with fixed seeds, `statistics`, `math`): the "servers", "caches" and "shards" are small simulations,
# not real machines, so they show the shape of a trade-off, not the numbers of your production system.
# Consistent hashing, quorums and rate limiters were built in 20.3, cache-aside in 13.4 and SLOs in 18.4: this
# section builds on them and does not repeat them.

# %% course={"kind": "setup", "id": "design-imports"}
# The standard library and `course.runtime.designsim` (seeded workloads, a load-balancing simulation and a cache
# replay, plain Python): every simulation below is seeded, so it prints the same numbers on every run.
import bisect
import math
import random
import re
import statistics
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from fractions import Fraction

from course.runtime.designsim import balance, cache_hit_ratio, zipf_requests

# %% [markdown] course={"kind": "lesson", "id": "design-process", "covers": ["c-system-design-process", "c-requirements-gathering", "c-high-level-design", "c-deep-dive", "c-trade-offs"]}
# ### The design process: a checklist you apply
#
# A design question ("design a URL shortener", "design the feature store") is open on purpose: the interviewer or
# your team wants to see *how* you narrow it down. The usual mistake is to draw boxes in the first minute. Work
# through five steps, and write down what you decided at each:
#
# 1. **Requirements.** *Functional*: what the system does (shorten a URL, redirect, count clicks). *Non-functional*:
#    how well (p99 latency under 50 ms, 99.95 % availability, data kept 5 years, read-heavy 100:1). Ask; do not
#    assume. Write down what is out of scope.
# 2. **Estimates.** Users, requests per second (average and peak), storage per day and over the retention period,
#    bandwidth. Rough is fine: the point is the order of magnitude (does it fit on one machine?).
# 3. **High-level design.** A few boxes: clients, load balancer, stateless services, caches, databases, queues.
#    Show the path of the main read and the main write, and the API (endpoints and their payloads).
# 4. **Deep dive.** Pick the two or three hardest parts (the hot key, the database that does not fit, the
#    fan-out) and design them properly: data model, sharding key, cache policy, failure modes.
# 5. **Trade-offs.** Every choice costs something: say what you gave up (consistency for availability, cost for
#    latency, simplicity for scale) and what would make you change your mind.
#
# ```text
#   requirements ──> estimates ──> high-level design ──> deep dive ──> trade-offs
#        ^                                                   │
#        └──────────── numbers change the design ────────────┘
# ```
#
# The rest of this section gives you the tools for steps 2 and 4: each is a small function you can run.

# %% course={"kind": "demo"}
# The checklist as data: tick what a draft design covers and print what is still missing.
design_steps = {
    "requirements": ["functional list", "non-functional targets in numbers", "out of scope"],
    "estimates": ["QPS average and peak", "storage over retention", "bandwidth"],
    "high-level design": ["boxes and arrows", "read path", "write path", "API"],
    "deep dive": ["data model", "sharding key", "cache policy", "failure modes"],
    "trade-offs": ["what we gave up", "what would change the decision"],
}
draft_covers = {"functional list", "QPS average and peak", "boxes and arrows", "API", "data model"}
for step_name, step_items in design_steps.items():
    still_missing = [item for item in step_items if item not in draft_covers]
    print(f"{step_name:18} {len(step_items) - len(still_missing)}/{len(step_items)}  missing: {', '.join(still_missing) or '-'}")

# %% [markdown] course={"kind": "lesson", "id": "scalability", "covers": ["c-scalability", "c-vertical-vs-horizontal-scaling", "c-load-balancing", "c-stateless-vs-stateful", "c-database-scaling"]}
# ### Scalability
#
# **Vertical scaling** is a bigger machine: no code change, but a ceiling (the largest instance) and still one
# machine that can fail. **Horizontal scaling** is more machines behind a load balancer: no ceiling in principle,
# but only for **stateless** services, where any replica can answer any request because the state lives
# elsewhere (a database, a cache, a token the client carries). A **stateful** service (a session kept in memory,
# a WebSocket, a database) needs sticky routing, replication or sharding before it can grow sideways.
#
# **Load balancing** decides which replica gets the next request:
#
# | algorithm | needs to know | weakness |
# |---|---|---|
# | round-robin | nothing | a slow request still gets its share of the next ones |
# | least connections | every replica's open requests | the balancer must see all of them (one balancer, or shared state) |
# | power of two choices | the load of 2 random replicas | random picks: much of least connections' gain, not all of it |
# | hash of a key (client IP, user id) | the key | uneven when keys are skewed; keeps a user on one replica |
#
# The demo sends the same seeded workload (random arrivals, service times with a long tail) to 10 replicas and
# measures the queue each request joins. The 99th percentile shows the difference far more than the mean.
#
# **Database scaling**, in the order you usually try it: indexes and query fixes; a cache in front; **read
# replicas** (reads spread, writes still go to one primary, replicas lag behind); **vertical** growth of the
# primary; **partitioning** of tables; and finally **sharding** (several primaries, each owning a range or a hash
# of the keys: writes scale, but cross-shard queries and transactions become your problem). A shard key with a
# skewed distribution makes a **hotspot**: one shard gets most of the traffic.

# %% course={"kind": "demo"}
# `balance` (course/runtime/designsim.py) replays one seeded workload against 10 single-worker replicas, 80 % busy,
# with long-tailed service times, and returns the queue length each request found at the replica it was sent to.
for lb_policy in ("round-robin", "power-of-two", "least-connections"):
    found_queues = sorted(balance(lb_policy, replicas=10, requests=20_000, utilisation=0.8, seed=22))
    lb_p99 = found_queues[math.ceil(0.99 * len(found_queues)) - 1]
    print(f"{lb_policy:18} queue found: mean {statistics.fmean(found_queues):4.2f}  p99 {lb_p99}")

# %% [markdown] course={"kind": "text"}
# Least connections gives the shortest queues because it looks at every replica; two random choices get most of
# that gain while reading only two numbers, which is why it suits many balancers that cannot share state cheaply.
# Round-robin ignores load, and its tail shows it. (A simulation with one workload: it shows the ordering, not the
# numbers you will see in production.)

# %% [markdown] course={"kind": "exercise", "id": "pick-replica"}
# ### Least connections and the power of two choices
#
# `loads` is a list of open requests per replica (ints `>= 0`). Write:
#
# - `least_connections(loads)`: the index of the least loaded replica; on a tie, the **lowest** index;
# - `power_of_two(loads, rng)`: draw two *different* replicas with `i, j = rng.sample(range(len(loads)), 2)` (one
#   call, exactly this way, so a seeded run is reproducible) and return the less loaded one; on a tie, `i` (the
#   first drawn). With one replica, return `0` without drawing.
#
# Both raise `ValueError` on an empty list and must not change `loads`.
#
# ```python
# >>> least_connections([3, 1, 4, 1]), power_of_two([3, 1, 4, 1], random.Random(5))  # draws replicas 2 and 3
# (1, 3)
# ```

# %% [markdown] course={"kind": "hint"}
# `min(loads)` gives the smallest load; `loads.index(value)` gives its first position.

# %% [markdown] course={"kind": "hint"}
# Compare with `<`, not `<=`: on a tie the first drawn replica must win.

# %% course={"kind": "solution"}
def least_connections(loads: Sequence[int]) -> int:
    ### BEGIN SOLUTION
    return loads.index(min(loads))  # min() of an empty sequence raises ValueError itself
    ### END SOLUTION


def power_of_two(loads: Sequence[int], rng: random.Random) -> int:
    ### BEGIN SOLUTION
    if not loads:
        raise ValueError("no replicas")
    if len(loads) == 1:
        return 0
    i, j = rng.sample(range(len(loads)), 2)
    return j if loads[j] < loads[i] else i
    ### END SOLUTION


# %% course={"kind": "setup", "id": "drawn-stub"}
class Drawn:
    """A stand-in for random.Random in the tests: sample() returns the pairs it is given, in order, and records calls."""

    def __init__(self, *pairs: tuple[int, int]) -> None:
        self.pairs, self.calls = list(pairs), []

    def sample(self, population: range, k: int) -> list[int]:
        self.calls.append((population, k))
        return list(self.pairs.pop(0))


# %% course={"kind": "test", "points": 1}
assert least_connections([3, 1, 4, 1]) == 1, "replica 1 has the fewest open requests (ties go to the lowest index)"
assert least_connections([0]) == 0 and least_connections([5, 0]) == 1



# %% course={"kind": "test", "points": 2}
drawn = Drawn((2, 0))
assert power_of_two([3, 1, 4, 1], drawn) == 0, "of replicas 2 (load 4) and 0 (load 3), replica 0 is less loaded"
assert drawn.calls == [(range(4), 2)], "draw with rng.sample(range(len(loads)), 2), once"
assert power_of_two([3, 1, 4, 1], Drawn((1, 3))) == 1, "a tie goes to the first drawn"
assert power_of_two([3, 1, 4, 1], Drawn((3, 1))) == 3, "a tie goes to the first drawn"
### BEGIN HIDDEN TESTS
assert power_of_two([3, 1, 4, 1], Drawn((0, 2))) == 0
assert power_of_two([3, 1, 4, 1], Drawn((2, 1))) == 1
single = Drawn()
assert power_of_two([7], single) == 0 and single.calls == [], "one replica: no draw"
assert power_of_two([3, 1, 4, 1], random.Random(5)) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for pick in (least_connections, lambda loads: power_of_two(loads, random.Random(1))):
    try:
        pick([])
    except ValueError:
        pass
    else:
        raise AssertionError("an empty list of replicas must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    power_of_two([], Drawn())
except ValueError:
    pass
else:
    raise AssertionError("power_of_two([]) must raise ValueError before drawing")
kept = [2, 2, 0, 9]
assert least_connections(kept) == 2 and power_of_two(kept, random.Random(3)) in range(4) and kept == [2, 2, 0, 9]
assert least_connections([4, 2, 2, 1, 1]) == 3 and least_connections([1, 1, 1]) == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "tie-to-second", "fails": ["t2"]}
def least_connections(loads):
    if not loads:
        raise ValueError("no replicas")
    return loads.index(min(loads))


def power_of_two(loads, rng):
    if not loads:
        raise ValueError("no replicas")
    if len(loads) == 1:
        return 0
    i, j = rng.sample(range(len(loads)), 2)
    return j if loads[j] <= loads[i] else i

# %% course={"kind": "wrong", "id": "two-randints", "fails": ["t2"]}
def least_connections(loads):
    if not loads:
        raise ValueError("no replicas")
    return loads.index(min(loads))


def power_of_two(loads, rng):
    if not loads:
        raise ValueError("no replicas")
    i = rng.randrange(len(loads))  # may draw the same replica twice
    j = rng.randrange(len(loads))
    return j if loads[j] < loads[i] else i

# %% course={"kind": "wrong", "id": "last-of-ties"}
def least_connections(loads):
    if not loads:
        raise ValueError("no replicas")
    return max(range(len(loads)), key=lambda index: (-loads[index], index))


def power_of_two(loads, rng):
    if not loads:
        raise ValueError("no replicas")
    if len(loads) == 1:
        return 0
    i, j = rng.sample(range(len(loads)), 2)
    return j if loads[j] < loads[i] else i

# %% [markdown] course={"kind": "exercise", "id": "shard-router"}
# ### Hash or range: a shard router with a hotspot report
#
# Write three functions:
#
# - `hash_shard(key, shards)`: `zlib.crc32` of the key's UTF-8 bytes, modulo `shards` (CRC32 is the same in every
#   process; Python's `hash()` of a string is not);
# - `range_shard(key, bounds)`: `bounds` is a sorted list of split points; shard 0 holds keys below `bounds[0]`,
#   shard `i` holds `bounds[i - 1] <= key < bounds[i]`, the last shard (`len(bounds)`) everything from the last
#   bound up;
# - `hotspots(keys, route, shards, factor)`: route every key with `route(key)` (a function returning a shard
#   number in `range(shards)`), and return the sorted list of shards that got **more than** `factor` times the
#   mean (`len(keys) / shards`). No keys: no hotspots.
#
# `shards < 1` raises `ValueError` in `hash_shard` and `hotspots`.
#
# ```python
# >>> range_shard("melon", ["g", "p"]), hotspots(["a", "a", "a", "b"], lambda k: 0 if k == "a" else 1, 4, 2)
# (1, [0])
# ```

# %% [markdown] course={"kind": "hint"}
# `bisect.bisect_right(bounds, key)` counts the bounds that are `<= key`: that is the shard number.

# %% [markdown] course={"kind": "hint"}
# A `Counter` of routed shards; a shard is hot when `count > factor * len(keys) / shards`. Compare in that
# direction to avoid dividing by zero, and mind the strict `>`.

# %% course={"kind": "solution"}
def hash_shard(key: str, shards: int) -> int:
    ### BEGIN SOLUTION
    if shards < 1:
        raise ValueError("need at least one shard")
    return zlib.crc32(key.encode("utf-8")) % shards
    ### END SOLUTION


def range_shard(key: str, bounds: Sequence[str]) -> int:
    ### BEGIN SOLUTION
    return bisect.bisect_right(bounds, key)
    ### END SOLUTION


def hotspots(keys: Sequence[str], route: Callable[[str], int], shards: int, factor: float) -> list[int]:
    ### BEGIN SOLUTION
    if shards < 1:
        raise ValueError("need at least one shard")
    counts = Counter(route(key) for key in keys)
    return sorted(shard for shard, count in counts.items() if count * shards > factor * len(keys))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert range_shard("melon", ["g", "p"]) == 1, "g <= melon < p: the middle shard"
assert hash_shard("user:42", 8) == zlib.crc32(b"user:42") % 8, "crc32 of the UTF-8 bytes, modulo the shard count"
assert hotspots(["a", "a", "a", "b"], lambda k: 0 if k == "a" else 1, 4, 2) == [0], "3 keys > 2 x mean of 1"

# %% course={"kind": "test", "points": 2}
assert range_shard("g", ["g", "p"]) == 1, "a key equal to a bound belongs to the shard above it"
assert range_shard("a", ["g", "p"]) == 0 and range_shard("p", ["g", "p"]) == 2 and range_shard("zz", ["g", "p"]) == 2
assert hash_shard("café", 1000) == zlib.crc32("café".encode("utf-8")) % 1000, "encode as UTF-8"
assert hash_shard("x", 1) == 0
### BEGIN HIDDEN TESTS
assert range_shard("", ["g"]) == 0 and range_shard("anything", []) == 0
assert [hash_shard(f"k{n}", 7) for n in range(5)] == [zlib.crc32(f"k{n}".encode()) % 7 for n in range(5)]
assert type(hash_shard("k", 3)) is int and type(range_shard("k", ["a"])) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
by_first = {"a": 0, "b": 1, "c": 2, "d": 3}
even = ["a", "b", "c", "d"] * 5
assert hotspots(even, lambda k: by_first[k], 4, 1) == [], "an even spread has no shard above the mean"
assert hotspots(["a"] * 10 + ["b"] * 10, lambda k: by_first[k], 4, 2) == [], "exactly 2 x the mean is not more than it"
assert hotspots([], lambda k: 0, 4, 2) == [], "no keys, no hotspots"
### BEGIN HIDDEN TESTS
assert hotspots(["a"] * 11 + ["b"] * 9, lambda k: by_first[k], 4, 2) == [0]
assert hotspots(["d"] * 9 + ["b"] * 9 + ["a"], lambda k: by_first[k], 4, 1.5) == [1, 3]
assert hotspots(["a", "b"], lambda k: by_first[k], 2, 0.5) == [0, 1]
assert hotspots(["a", "a"], lambda k: 0, 1, 0.5) == [0], "one shard is allowed"
assert hotspots(["a"] * 6 + ["b"] * 4, lambda k: by_first[k], 2, 1.1) == [0]
assert hotspots(["a"] * 7, lambda k: 0, 2, 2) == [], "7 is exactly 2 x the mean of 3.5: not more"
for bad_call in (lambda: hash_shard("k", 0), lambda: hotspots(["a"], lambda k: 0, 0, 2)):
    try:
        bad_call()
    except ValueError:
        pass
    else:
        raise AssertionError("shards < 1 must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "bisect-left"}
def hash_shard(key, shards):
    if shards < 1:
        raise ValueError("need at least one shard")
    return zlib.crc32(key.encode("utf-8")) % shards


def range_shard(key, bounds):
    return bisect.bisect_left(bounds, key)


def hotspots(keys, route, shards, factor):
    if shards < 1:
        raise ValueError("need at least one shard")
    counts = Counter(route(key) for key in keys)
    return sorted(shard for shard, count in counts.items() if count * shards > factor * len(keys))

# %% course={"kind": "wrong", "id": "at-least-factor"}
def hash_shard(key, shards):
    if shards < 1:
        raise ValueError("need at least one shard")
    return zlib.crc32(key.encode("utf-8")) % shards


def range_shard(key, bounds):
    return bisect.bisect_right(bounds, key)


def hotspots(keys, route, shards, factor):
    if shards < 1:
        raise ValueError("need at least one shard")
    counts = Counter(route(key) for key in keys)
    return sorted(shard for shard, count in counts.items() if count * shards >= factor * len(keys))

# %% course={"kind": "wrong", "id": "integer-mean"}
def hash_shard(key, shards):
    if shards < 1:
        raise ValueError("need at least one shard")
    return zlib.crc32(key.encode("utf-8")) % shards


def range_shard(key, bounds):
    return bisect.bisect_right(bounds, key)


def hotspots(keys, route, shards, factor):
    if shards < 1:
        raise ValueError("need at least one shard")
    mean = len(keys) // shards  # rounds the mean down
    counts = Counter(route(key) for key in keys)
    return sorted(shard for shard, count in counts.items() if count > factor * mean)

# %% [markdown] course={"kind": "lesson", "id": "reliability", "covers": ["c-reliability", "c-availability", "c-fault-tolerance", "c-redundancy", "c-disaster-recovery"]}
# ### Reliability
#
# **Availability** is the share of time (or of requests) the service answers correctly: 99.9 % ("three nines").
# **Reliability** is how long it runs without failing (mean time between failures): a service that fails for one
# second every minute is about 98 % available and very unreliable. **Fault tolerance** means a failure of one part does
# not become a failure of the whole, usually through **redundancy**: more than one of everything that can fail.
#
# Availability composes. Parts in **series** (a request needs all of them) multiply: `A = a1 * a2 * ...`, never
# better than the weakest part. Redundant parts in **parallel** (any one is enough) fail only together:
# `A = 1 - (1 - a1) * (1 - a2) * ...`, if their failures are independent, which shared power, shared config and
# shared deployments often make false.
#
# ```text
#                    ┌── app 99.5 % ──┐        ┌── db 99.9 % ──┐
#  client ── LB 99.99 %                ├── ─────┤               ├──>  A = 0.9999 × (1 − 0.005²) × (1 − 0.001²)
#                    └── app 99.5 % ──┘        └── db 99.9 % ──┘
# ```
#
# **Disaster recovery** is what happens when a whole site or the data is lost. Two numbers: **RPO** (recovery
# point objective), the most data you may lose, measured in time; **RTO** (recovery time objective), how long until
# you are serving again. A nightly backup means an RPO of a day or more (the exercise below shows why);
# replication to another region makes it seconds (the replication lag), at a price.

# %% course={"kind": "demo"}
minutes_per_year, minutes_per_month = 365 * 24 * 60, 30 * 24 * 60
for nines in (2, 3, 4, 5):
    avail = 1 - 10**-nines
    print(f"{avail:8.3%}  down {(1 - avail) * minutes_per_year:9.1f} min/year  {(1 - avail) * minutes_per_month:7.2f} min/month")
two_apps = 1 - (1 - 0.995) ** 2
print(f"one app 99.5 %, two in parallel {two_apps:.6%}; LB + 2 apps + 2 dbs in series {0.9999 * two_apps * (1 - 0.001**2):.4%}")

# %% [markdown] course={"kind": "exercise", "id": "availability", "item": "x-design-for-high-availability"}
# ### Availability of a design, and its downtime
#
# Availabilities are numbers in `[0, 1]`. Write:
#
# - `serial(*parts)`: the availability of parts that are all needed;
# - `parallel(*parts)`: the availability of redundant parts of which one is enough (independent failures);
# - `downtime_minutes(availability, days)`: the expected minutes of downtime over `days` days.
#
# All three return a `float`. `serial()` and `parallel()` with no parts, or any availability outside `[0, 1]`
# (in any of the three), raise `ValueError`; so does a negative `days`. Tests compare with `math.isclose` at a
# relative tolerance of `1e-9`, so any correct order of operations passes.
#
# ```python
# >>> round(serial(0.9999, parallel(0.995, 0.995), parallel(0.999, 0.999)), 6), downtime_minutes(0.999, 30)
# (0.999874, 43.2...)
# ```

# %% [markdown] course={"kind": "hint"}
# `math.prod` multiplies an iterable. In parallel, multiply the *unavailabilities* `1 - a`.

# %% [markdown] course={"kind": "hint"}
# `math.prod(())` is `1` (an `int`), and `math.prod([1, 1])` is `1` too: wrap the result in `float()`.

# %% course={"kind": "solution"}
def _check_parts(parts: Sequence[float]) -> None:
    if not parts:
        raise ValueError("no parts")
    for part in parts:
        if not 0 <= part <= 1:
            raise ValueError(f"an availability is in [0, 1], not {part}")


def serial(*parts: float) -> float:
    ### BEGIN SOLUTION
    _check_parts(parts)
    return float(math.prod(parts))
    ### END SOLUTION


def parallel(*parts: float) -> float:
    ### BEGIN SOLUTION
    _check_parts(parts)
    return float(1 - math.prod(1 - part for part in parts))
    ### END SOLUTION


def downtime_minutes(availability: float, days: float) -> float:
    ### BEGIN SOLUTION
    _check_parts([availability])
    if days < 0:
        raise ValueError("days must be >= 0")
    return float((1 - availability) * days * 24 * 60)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert math.isclose(serial(0.99, 0.99), 0.9801, rel_tol=1e-9), "two 99 % parts in series: 98.01 %"
assert math.isclose(parallel(0.99, 0.99), 0.9999, rel_tol=1e-9), "two 99 % replicas in parallel: 99.99 %"
assert math.isclose(downtime_minutes(0.999, 30), 43.2, rel_tol=1e-9), "99.9 % over 30 days: 43.2 minutes"

# %% course={"kind": "test", "points": 2}
mixed = serial(0.9999, parallel(0.995, 0.995), parallel(0.999, 0.999))
assert math.isclose(mixed, 0.9999 * (1 - 0.005**2) * (1 - 0.001**2), rel_tol=1e-9), "a mixed design composes"
assert type(serial(1, 1)) is float and type(parallel(0, 0)) is float and type(downtime_minutes(1, 365)) is float
assert serial(1, 1) == 1.0 and parallel(0, 0) == 0.0 and downtime_minutes(1, 365) == 0.0, "the ends of [0, 1]"
### BEGIN HIDDEN TESTS
assert math.isclose(serial(0.9, 0.8, 0.5), 0.36, rel_tol=1e-9) and math.isclose(serial(0.25), 0.25)
assert math.isclose(parallel(0.9, 0.8, 0.5), 0.99, rel_tol=1e-9) and math.isclose(parallel(0.25), 0.25)
assert math.isclose(downtime_minutes(0.99999, 365), 5.256, rel_tol=1e-9)
assert math.isclose(downtime_minutes(0.5, 2), 1440.0, rel_tol=1e-9) and downtime_minutes(0.0, 0) == 0.0
assert math.isclose(downtime_minutes(0.0, 1), 1440.0) and math.isclose(parallel(1.0, 0.3), 1.0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad_call in (
    lambda: serial(),
    lambda: parallel(),
    lambda: serial(0.9, 1.01),
    lambda: parallel(-0.01, 0.9),
    lambda: downtime_minutes(1.5, 30),
    lambda: downtime_minutes(0.99, -1),
):
    try:
        bad_call()
    except ValueError:
        pass
    else:
        raise AssertionError("no parts, an availability outside [0, 1] or negative days must raise ValueError")
### BEGIN HIDDEN TESTS
for bad_call in (lambda: downtime_minutes(-0.5, 1), lambda: serial(1.5), lambda: parallel(0.5, 2.0)):
    try:
        bad_call()
    except ValueError:
        pass
    else:
        raise AssertionError("availability out of range")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "parallel-adds"}
def _check_parts(parts):
    if not parts:
        raise ValueError("no parts")
    for part in parts:
        if not 0 <= part <= 1:
            raise ValueError(part)


def serial(*parts):
    _check_parts(parts)
    return float(math.prod(parts))


def parallel(*parts):
    _check_parts(parts)
    return float(min(1.0, sum(parts)))  # "two replicas double the availability"


def downtime_minutes(availability, days):
    _check_parts([availability])
    if days < 0:
        raise ValueError(days)
    return float((1 - availability) * days * 24 * 60)

# %% course={"kind": "wrong", "id": "downtime-in-hours"}
def _check_parts(parts):
    if not parts:
        raise ValueError("no parts")
    for part in parts:
        if not 0 <= part <= 1:
            raise ValueError(part)


def serial(*parts):
    _check_parts(parts)
    return float(math.prod(parts))


def parallel(*parts):
    _check_parts(parts)
    return float(1 - math.prod(1 - part for part in parts))


def downtime_minutes(availability, days):
    _check_parts([availability])
    if days < 0:
        raise ValueError(days)
    return float((1 - availability) * days * 24)

# %% course={"kind": "wrong", "id": "serial-min"}
def _check_parts(parts):
    if not parts:
        raise ValueError("no parts")
    for part in parts:
        if not 0 <= part <= 1:
            raise ValueError(part)


def serial(*parts):
    _check_parts(parts)
    return float(min(parts))  # "as available as the weakest link"


def parallel(*parts):
    _check_parts(parts)
    return float(1 - math.prod(1 - part for part in parts))


def downtime_minutes(availability, days):
    _check_parts([availability])
    if days < 0:
        raise ValueError(days)
    return float((1 - availability) * days * 24 * 60)

# %% [markdown] course={"kind": "exercise", "id": "rpo-rto", "item": "x-design-for-high-availability"}
# ### RPO and RTO from a backup schedule
#
# A database is backed up every `interval_min` minutes; each backup takes `backup_min` minutes and captures the
# data as it was when it **started**. If the disk dies, a backup is useful only once it has finished. Restoring
# reads the whole backup at `restore_gb_per_hour`, after someone noticed the failure (`detect_min` minutes).
#
# Write `recovery_objectives(interval_min, backup_min, data_gb, restore_gb_per_hour, detect_min)` returning
# `(worst_rpo_min, rto_min)` as two `Fraction`s:
#
# - worst-case RPO: the failure strikes just before a backup finishes, so the data written since the *previous*
#   backup started is lost: `interval_min + backup_min`;
# - RTO: `detect_min` plus the restore time in minutes.
#
# All arguments are ints. Raise `ValueError` if `interval_min < 1`, `restore_gb_per_hour < 1`, any other argument
# is negative, or `backup_min > interval_min` (backups would overlap).
#
# ```python
# >>> recovery_objectives(1440, 60, 500, 200, 15)
# (Fraction(1500, 1), Fraction(165, 1))
# ```

# %% [markdown] course={"kind": "hint"}
# Restore minutes are `data_gb / restore_gb_per_hour` hours, times 60. Use `Fraction(data_gb * 60, rate)` to stay
# exact.

# %% course={"kind": "solution"}
def recovery_objectives(
    interval_min: int, backup_min: int, data_gb: int, restore_gb_per_hour: int, detect_min: int
) -> tuple[Fraction, Fraction]:
    ### BEGIN SOLUTION
    if interval_min < 1 or restore_gb_per_hour < 1 or min(backup_min, data_gb, detect_min) < 0:
        raise ValueError("interval and restore speed >= 1, the rest >= 0")
    if backup_min > interval_min:
        raise ValueError("backups would overlap")
    rpo = Fraction(interval_min + backup_min)
    rto = detect_min + Fraction(data_gb * 60, restore_gb_per_hour)
    return rpo, rto
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert recovery_objectives(1440, 60, 500, 200, 15) == (Fraction(1500), Fraction(165)), "a nightly backup loses up to 25 h"

# %% course={"kind": "test", "points": 2}
rpo, rto = recovery_objectives(60, 5, 10, 40, 3)
assert rpo == 65 and rto == 18, "hourly backups of 5 min lose up to 65 min; 10 GB at 40 GB/h is 15 min, plus 3"
assert type(rpo) is Fraction and type(rto) is Fraction, "both are Fractions"
assert recovery_objectives(7, 2, 1, 3, 0) == (Fraction(9), Fraction(20)), "1 GB at 3 GB/h is 20 minutes, exactly"
### BEGIN HIDDEN TESTS
assert recovery_objectives(1, 1, 0, 1, 0) == (Fraction(2), Fraction(0))
assert recovery_objectives(10, 0, 7, 6, 2) == (Fraction(10), Fraction(72))
assert recovery_objectives(30, 30, 2, 1, 1) == (Fraction(60), Fraction(121))
assert recovery_objectives(10, 0, 1, 7, 0)[1] == Fraction(60, 7), "60 / 7 minutes exactly, not a float's approximation"
assert type(recovery_objectives(10, 0, 0, 1, 0)[0]) is Fraction and type(recovery_objectives(10, 0, 0, 1, 0)[1]) is Fraction
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad_args in ((0, 0, 1, 1, 1), (10, 11, 1, 1, 1), (10, 1, 1, 0, 1), (10, -1, 1, 1, 1), (10, 1, -1, 1, 1), (10, 1, 1, 1, -1)):
    try:
        recovery_objectives(*bad_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"recovery_objectives{bad_args} must raise ValueError")

# %% course={"kind": "wrong", "id": "rpo-is-interval"}
def recovery_objectives(interval_min, backup_min, data_gb, restore_gb_per_hour, detect_min):
    if interval_min < 1 or restore_gb_per_hour < 1 or min(backup_min, data_gb, detect_min) < 0:
        raise ValueError("bad")
    if backup_min > interval_min:
        raise ValueError("overlap")
    return Fraction(interval_min), detect_min + Fraction(data_gb * 60, restore_gb_per_hour)

# %% course={"kind": "wrong", "id": "float-restore"}
def recovery_objectives(interval_min, backup_min, data_gb, restore_gb_per_hour, detect_min):
    if interval_min < 1 or restore_gb_per_hour < 1 or min(backup_min, data_gb, detect_min) < 0:
        raise ValueError("bad")
    if backup_min > interval_min:
        raise ValueError("overlap")
    return Fraction(interval_min + backup_min), detect_min + data_gb / restore_gb_per_hour * 60

# %% course={"kind": "wrong", "id": "fraction-of-a-float"}
def recovery_objectives(interval_min, backup_min, data_gb, restore_gb_per_hour, detect_min):
    if interval_min < 1 or restore_gb_per_hour < 1 or min(backup_min, data_gb, detect_min) < 0:
        raise ValueError("bad")
    if backup_min > interval_min:
        raise ValueError("overlap")
    return Fraction(interval_min + backup_min), Fraction(detect_min + data_gb / restore_gb_per_hour * 60)

# %% [markdown] course={"kind": "lesson", "id": "performance", "covers": ["c-performance", "c-latency-vs-throughput", "c-caching", "c-cdns", "c-optimization-strategies"]}
# ### Performance: latency, throughput, queues and caches
#
# **Latency** is how long one request takes; **throughput** is how many requests finish per second. They are
# linked by **Little's law**: the average number of requests in a system `L` equals the arrival rate `λ` times the
# average time each spends inside `W` (`L = λW`), for any stable system, whatever the distributions. 200 requests
# per second that each take 50 ms means 10 in flight: size your worker pool and connection pool from that.
#
# Queues are why latency explodes before a server is "full". In the simplest model (M/M/1: random arrivals at
# rate `λ`, one server, random service at rate `μ`, utilisation `ρ = λ/μ`) the mean wait in the queue is
# `Wq = ρ / (μ − λ)`: at 50 % busy a request waits one service time, at 90 % nine, at 99 % ninety-nine. Keep
# utilisation well below 1 on anything latency matters for.
#
# **The tail at scale**: a page that fans out to `n` backends is as slow as the slowest. If each is slow with
# probability `p`, the page is slow with probability `1 − (1 − p)^n`: 1 % slow backends make 63 % of pages slow at
# `n = 100`. Hence hedged requests, timeouts and caring about p99, not the mean.
#
# **Caching** keeps answers close: in the process, in Redis (cache-aside, 13.4), in a **CDN** (copies of static
# and cacheable responses at edge locations near users, so a request from far away is served from nearby, and
# your origin sees only misses). A cache is only as good as its **hit ratio**, which depends on the workload and
# the **eviction policy**: LRU (evict the least recently used), LFU (least frequently used), FIFO (oldest
# inserted). Other **optimisation strategies**, cheapest first: measure, fix the query or the algorithm, batch,
# cache, compress, move work off the request path (a queue), and only then add machines.

# %% course={"kind": "demo"}
# Waiting time against utilisation (M/M/1, closed form) and the tail-at-scale fan-out.
for busy in (0.5, 0.8, 0.9, 0.95, 0.99):
    print(f"utilisation {busy:4.0%}: mean wait in queue {busy / (1 - busy):6.1f} service times")
for fan_out in (1, 10, 100):
    print(f"fan-out to {fan_out:3} backends, each slow 1 % of the time: {1 - 0.99**fan_out:5.1%} of pages slow")

# %% course={"kind": "demo"}
# Hit ratios of three eviction policies under a skewed (Zipf-like) workload: a few keys are very popular.
# `cache_hit_ratio` (course/runtime/designsim.py) replays the keys against a cache of a given size.
workload = zipf_requests(keys=1000, count=30_000, seed=221)  # key k drawn with weight 1 / (k + 1)
for cache_size in (10, 50, 200):
    ratios = "  ".join(f"{p} {cache_hit_ratio(p, cache_size, workload):.1%}" for p in ("fifo", "lru", "lfu"))
    print(f"cache of {cache_size:3} keys: {ratios}")

# %% [markdown] course={"kind": "text"}
# Under a steady skewed workload LFU wins, by most when the cache is small: it keeps the popular keys whatever
# passed by in between, while LRU lets a burst of rare keys push them out. The gap shrinks as the cache grows, and
# LRU adapts when popularity changes (LFU keeps yesterday's favourites until their counts are beaten); FIFO
# forgets a popular key as soon as it is old, even while it is being read. Real caches (Redis's `allkeys-lfu`, Caffeine's W-TinyLFU) use cheap
# approximations of these (sampled victims, small frequency counters) instead of exact bookkeeping.

# %% [markdown] course={"kind": "exercise", "id": "littles-law", "item": "x-calculate-throughput-requirements"}
# ### Little's law, solved for the missing number
#
# Write `littles_law(*, in_system=None, rate=None, time=None)` where exactly **one** of the three keyword arguments
# is `None`: return the missing one from `in_system = rate * time`, as a `float`. Units are the caller's (requests
# per second and seconds give requests). Any other number of `None`s raises `ValueError`, and so does a given
# value that is not `> 0`.
#
# ```python
# >>> littles_law(rate=200, time=0.05), littles_law(in_system=10, time=0.05)
# (10.0, 200.0)
# ```

# %% [markdown] course={"kind": "hint"}
# Count the `None`s first: `[in_system, rate, time].count(None)`.

# %% course={"kind": "solution"}
def littles_law(*, in_system: float | None = None, rate: float | None = None, time: float | None = None) -> float:
    ### BEGIN SOLUTION
    given = [value for value in (in_system, rate, time) if value is not None]
    if len(given) != 2:
        raise ValueError("give exactly two of in_system, rate, time")
    if min(given) <= 0:
        raise ValueError("values must be > 0")
    if in_system is None:
        return float(rate * time)
    if rate is None:
        return in_system / time
    return in_system / rate
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert littles_law(rate=200, time=0.05) == 10.0, "200 per second for 50 ms each: 10 in flight"
assert littles_law(in_system=10, time=0.05) == 200.0, "10 workers busy 50 ms each serve 200 per second"
assert littles_law(in_system=10, rate=200) == 0.05, "10 in flight at 200 per second: 50 ms each"

# %% course={"kind": "test", "points": 2}
assert type(littles_law(rate=3, time=4)) is float and littles_law(rate=3, time=4) == 12.0, "a float, even from ints"
assert type(littles_law(in_system=8, rate=2)) is float and littles_law(in_system=8, rate=2) == 4.0
assert type(littles_law(in_system=8, time=2)) is float and littles_law(in_system=9, time=3) == 3.0
for bad in ({}, {"rate": 1}, {"rate": 1, "time": 1, "in_system": 1}, {"rate": 0, "time": 1}, {"in_system": 5, "rate": -1}):
    try:
        littles_law(**bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"littles_law(**{bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert littles_law(rate=0.5, time=0.5) == 0.25 and littles_law(in_system=1, rate=4) == 0.25
for bad in ({"time": 1}, {"in_system": 1}, {"in_system": 1, "time": 0}, {"in_system": 0, "rate": 1}, {"rate": 2, "time": -3}):
    try:
        littles_law(**bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"littles_law(**{bad}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "divides-wrong-way"}
def littles_law(*, in_system=None, rate=None, time=None):
    given = [value for value in (in_system, rate, time) if value is not None]
    if len(given) != 2 or min(given) <= 0:
        raise ValueError("bad")
    if in_system is None:
        return float(rate * time)
    if rate is None:
        return float(time / in_system)
    return float(rate / in_system)

# %% course={"kind": "wrong", "id": "truthiness"}
def littles_law(*, in_system=None, rate=None, time=None):
    if not in_system:
        return float(rate * time)
    if not rate:
        return float(in_system / time)
    return float(in_system / rate)

# %% [markdown] course={"kind": "exercise", "id": "mm1-queue", "item": "x-calculate-throughput-requirements"}
# ### Simulate a queue and check it against the formula
#
# Write two functions:
#
# - `p99(values)`: the 99th percentile by **nearest rank**: sort, then take the value at position
#   `ceil(0.99 × n)` counting from 1. Empty input raises `ValueError`; the input is not changed.
# - `mm1_waits(arrival_rate, service_rate, customers, seed)`: simulate one FIFO server and return the list of the
#   `customers` waiting times in the queue (before service starts), in arrival order. Use
#   `rng = random.Random(seed)`, and for each customer after the first draw, in this order, the gap since the
#   previous arrival `rng.expovariate(arrival_rate)`, then the previous customer's service time
#   `rng.expovariate(service_rate)`. The first customer waits `0.0`; then
#   `wait = max(0.0, previous_wait + previous_service - gap)` (Lindley's recursion). Raise `ValueError` unless
#   `0 < arrival_rate < service_rate` (an unstable queue grows for ever) and `customers >= 1`.
#
# The mean should come close to the closed form `ρ / (μ − λ)` and the p99 to `ln(100ρ) / (μ − λ)`.
#
# ```python
# >>> waits = mm1_waits(0.5, 1.0, 40_000, seed=1); round(statistics.fmean(waits), 1), round(p99(waits), 1)
# (1.0, 7.5)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two variables, the previous wait and nothing else: draw `gap`, draw `service`, compute the new wait, append.

# %% [markdown] course={"kind": "hint"}
# Nearest rank counts from 1: the index in a 0-based sorted list is `math.ceil(0.99 * n) - 1`.

# %% course={"kind": "solution"}
def p99(values: Sequence[float]) -> float:
    ### BEGIN SOLUTION
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]
    ### END SOLUTION


def mm1_waits(arrival_rate: float, service_rate: float, customers: int, seed: int) -> list[float]:
    ### BEGIN SOLUTION
    if not 0 < arrival_rate < service_rate or customers < 1:
        raise ValueError("need 0 < arrival_rate < service_rate and customers >= 1")
    rng = random.Random(seed)
    waits = [0.0]
    for _ in range(customers - 1):
        gap = rng.expovariate(arrival_rate)
        service = rng.expovariate(service_rate)
        waits.append(max(0.0, waits[-1] + service - gap))
    return waits
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert p99(list(range(1, 101))) == 99, "the 99th of 100 sorted values"
assert mm1_waits(0.5, 1.0, 1, seed=3) == [0.0], "the first customer never waits"

# %% course={"kind": "test", "points": 2}
assert p99([5.0, 1.0, 3.0]) == 5.0 and p99(list(range(200, 0, -1))) == 198, "sort first; nearest rank"
assert p99(list(range(1, 102))) == 100, "101 values: rank ceil(99.99) = 100"
assert p99([7]) == 7
unsorted = [3.0, 1.0, 2.0]
p99(unsorted)
assert unsorted == [3.0, 1.0, 2.0], "p99 must not sort the caller's list"
### BEGIN HIDDEN TESTS
assert p99(list(range(1000))) == 989 and p99(list(range(1, 1001))) == 990
try:
    p99([])
except ValueError:
    pass
else:
    raise AssertionError("p99([]) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
reference_rng = random.Random(9)
expected_waits = [0.0]
for _ in range(4):
    gap_drawn = reference_rng.expovariate(0.8)
    service_drawn = reference_rng.expovariate(1.0)
    expected_waits.append(max(0.0, expected_waits[-1] + service_drawn - gap_drawn))
assert mm1_waits(0.8, 1.0, 5, seed=9) == expected_waits, "draw the gap, then the service time, then apply Lindley"
assert mm1_waits(0.8, 1.0, 300, seed=4) == mm1_waits(0.8, 1.0, 300, seed=4), "the same seed gives the same waits"
### BEGIN HIDDEN TESTS
assert all(type(w) is float and w >= 0 for w in mm1_waits(0.9, 1.0, 500, seed=2))
assert len(mm1_waits(0.9, 1.0, 500, seed=2)) == 500
for bad_args in ((1.0, 1.0, 10), (1.2, 1.0, 10), (0.0, 1.0, 10), (-0.5, 1.0, 10), (0.5, 1.0, 0)):
    try:
        mm1_waits(*bad_args, seed=1)
    except ValueError:
        pass
    else:
        raise AssertionError(f"mm1_waits{bad_args} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
for lam, mu, sim_seed in ((0.5, 1.0, 3), (0.6, 1.0, 3), (1.0, 2.5, 1)):
    rho = lam / mu
    sim = mm1_waits(lam, mu, 60_000, seed=sim_seed)
    mean_formula, p99_formula = rho / (mu - lam), math.log(100 * rho) / (mu - lam)
    assert math.isclose(statistics.fmean(sim), mean_formula, rel_tol=0.05), f"mean wait at rho={rho:.2f}: {mean_formula:.2f}"
    assert math.isclose(p99(sim), p99_formula, rel_tol=0.05), f"p99 wait at rho={rho:.2f}: {p99_formula:.2f}"

# %% course={"kind": "wrong", "id": "sojourn-not-wait"}
def p99(values):
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def mm1_waits(arrival_rate, service_rate, customers, seed):
    if not 0 < arrival_rate < service_rate or customers < 1:
        raise ValueError("bad")
    rng = random.Random(seed)
    waits = [0.0]
    for _ in range(customers - 1):
        gap = rng.expovariate(arrival_rate)
        service = rng.expovariate(service_rate)
        waits.append(max(0.0, waits[-1] + service - gap) + service)  # adds its own service: time in system
    return waits

# %% course={"kind": "wrong", "id": "rates-swapped"}
def p99(values):
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def mm1_waits(arrival_rate, service_rate, customers, seed):
    if not 0 < arrival_rate < service_rate or customers < 1:
        raise ValueError("bad")
    rng = random.Random(seed)
    waits = [0.0]
    for _ in range(customers - 1):
        gap = rng.expovariate(1 / arrival_rate)  # expovariate takes a rate, not a mean
        service = rng.expovariate(1 / service_rate)
        waits.append(max(0.0, waits[-1] + service - gap))
    return waits

# %% course={"kind": "wrong", "id": "sorts-in-place"}
def p99(values):
    if not values:
        raise ValueError("no values")
    values.sort()
    return values[math.ceil(0.99 * len(values)) - 1]


def mm1_waits(arrival_rate, service_rate, customers, seed):
    if not 0 < arrival_rate < service_rate or customers < 1:
        raise ValueError("bad")
    rng = random.Random(seed)
    waits = [0.0]
    for _ in range(customers - 1):
        gap = rng.expovariate(arrival_rate)
        service = rng.expovariate(service_rate)
        waits.append(max(0.0, waits[-1] + service - gap))
    return waits

# %% [markdown] course={"kind": "exercise", "id": "lru-cache", "item": "x-design-a-caching-strategy"}
# ### An LRU cache that counts its hits
#
# Write a class `LRUCache(capacity)` (`capacity >= 1`, else `ValueError`) with:
#
# - `get(key)`: the value, or `None` when absent; a found key becomes the most recently used; counts one hit
#   (`self.hits`) or one miss (`self.misses`);
# - `put(key, value)`: store or replace; the key becomes the most recently used; when the cache then holds more
#   than `capacity` keys, drop the least recently used one. `put` counts neither a hit nor a miss;
# - `len(cache)`: the number of keys held.
#
# `collections.OrderedDict` keeps the order and moves a key to the end in O(1), so both operations stay O(1) (a
# plain list of keys would make every `remove` or `pop(0)` O(n)). The tests check behaviour, not speed.
#
# ```python
# >>> c = LRUCache(2); c.put("a", 1); c.put("b", 2); c.get("a"); c.put("c", 3); c.get("b"), c.hits, c.misses
# (None, 1, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the least recently used key first: `move_to_end(key)` on every use, `popitem(last=False)` to evict.

# %% [markdown] course={"kind": "hint"}
# A stored value can be falsy (`0`, `""`): test `key in self.data`, not the value.

# %% course={"kind": "solution"}
class LRUCache:
    def __init__(self, capacity: int) -> None:
        ### BEGIN SOLUTION
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.data: OrderedDict[object, object] = OrderedDict()
        self.hits = 0
        self.misses = 0
        ### END SOLUTION

    def get(self, key: object) -> object:
        ### BEGIN SOLUTION
        if key not in self.data:
            self.misses += 1
            return None
        self.hits += 1
        self.data.move_to_end(key)
        return self.data[key]
        ### END SOLUTION

    def put(self, key: object, value: object) -> None:
        ### BEGIN SOLUTION
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self.data)
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
cache = LRUCache(2)
cache.put("a", 1)
cache.put("b", 2)
assert cache.get("a") == 1, "a stored value comes back"
cache.put("c", 3)
assert cache.get("b") is None, "b was the least recently used when c arrived"
assert (cache.hits, cache.misses, len(cache)) == (1, 1, 2), "one hit, one miss, two keys held"

# %% course={"kind": "test", "points": 2}
cache = LRUCache(2)
cache.put("a", 1)
cache.put("b", 2)
cache.put("a", 10)
cache.put("c", 3)
assert cache.get("a") == 10 and cache.get("b") is None, "replacing a key makes it the most recently used"
assert (cache.hits, cache.misses) == (1, 1) and len(cache) == 2
cache = LRUCache(1)
cache.put("zero", 0)
assert cache.get("zero") == 0 and cache.hits == 1 and cache.misses == 0, "a falsy value is a hit"
cache.put("other", "")
assert cache.get("zero") is None and cache.get("other") == "" and len(cache) == 1
cache = LRUCache(2)
cache.put("a", 1)
cache.put("b", 2)
cache.put("b", 20)
assert cache.get("a") == 1 and cache.get("b") == 20 and len(cache) == 2, "replacing a key in a full cache evicts nothing"
### BEGIN HIDDEN TESTS
cache = LRUCache(3)
for k in "abc":
    cache.put(k, k.upper())
assert cache.get("a") == "A"
cache.put("d", "D")
assert cache.get("b") is None and cache.get("c") == "C" and cache.get("a") == "A" and cache.get("d") == "D"
cache.put("e", "E")
assert cache.get("c") is None and len(cache) == 3 and (cache.hits, cache.misses) == (4, 2)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad_capacity in (0, -1):
    try:
        LRUCache(bad_capacity)
    except ValueError:
        pass
    else:
        raise AssertionError("capacity < 1 must raise ValueError")
empty = LRUCache(1)
assert len(empty) == 0 and (empty.hits, empty.misses) == (0, 0), "a new cache is empty, with no hits or misses"
### BEGIN HIDDEN TESTS
big = LRUCache(50_000)
for n in range(100_000):
    big.put(n, n)
assert len(big) == 50_000 and big.get(49_999) is None and big.get(50_000) == 50_000
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "get-does-not-refresh"}
class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity")
        self.capacity, self.data, self.hits, self.misses = capacity, OrderedDict(), 0, 0

    def get(self, key):
        if key not in self.data:
            self.misses += 1
            return None
        self.hits += 1
        return self.data[key]  # a read does not count as a use: this is FIFO

    def put(self, key, value):
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def __len__(self):
        return len(self.data)

# %% course={"kind": "wrong", "id": "falsy-is-miss", "fails": ["t2"]}
class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity")
        self.capacity, self.data, self.hits, self.misses = capacity, OrderedDict(), 0, 0

    def get(self, key):
        value = self.data.get(key)
        if not value:
            self.misses += 1
            return None
        self.hits += 1
        self.data.move_to_end(key)
        return value

    def put(self, key, value):
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.capacity:
            self.data.popitem(last=False)

    def __len__(self):
        return len(self.data)

# %% course={"kind": "wrong", "id": "evicts-newest"}
class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity")
        self.capacity, self.data, self.hits, self.misses = capacity, OrderedDict(), 0, 0

    def get(self, key):
        if key not in self.data:
            self.misses += 1
            return None
        self.hits += 1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        if len(self.data) >= self.capacity and key not in self.data:
            self.data.popitem()  # last=True: drops the most recently used
        self.data[key] = value
        self.data.move_to_end(key)

    def __len__(self):
        return len(self.data)

# %% course={"kind": "wrong", "id": "evicts-on-replace", "fails": ["t2"]}
class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity")
        self.capacity, self.data, self.hits, self.misses = capacity, OrderedDict(), 0, 0

    def get(self, key):
        if key not in self.data:
            self.misses += 1
            return None
        self.hits += 1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        if len(self.data) >= self.capacity:
            self.data.popitem(last=False)  # makes room even when the key is already there
        self.data[key] = value
        self.data.move_to_end(key)

    def __len__(self):
        return len(self.data)

# %% [markdown] course={"kind": "exercise", "id": "eviction-policies", "item": "x-design-a-caching-strategy"}
# ### Which eviction policy? Measure the hit ratio
#
# Write `hit_ratio(policy, capacity, requests)`: replay `requests` (a list of keys) against an empty cache of
# `capacity` keys and return hits / requests as a `Fraction`. On a miss the key is inserted; if the cache is
# full, one key is evicted first:
#
# - `"fifo"`: the key inserted longest ago (a hit changes nothing);
# - `"lru"`: the key requested longest ago;
# - `"lfu"`: the key with the fewest requests since it entered the cache (its insertion counts as one); on a tie,
#   the one requested longest ago.
#
# An unknown policy, `capacity < 1` or no requests raise `ValueError`.
#
# ```python
# >>> [hit_ratio(p, 2, ["a", "b", "a", "c", "a", "b"]) for p in ("fifo", "lru", "lfu")]
# [Fraction(1, 6), Fraction(1, 3), Fraction(1, 3)]
# ```

# %% [markdown] course={"kind": "hint"}
# One `OrderedDict` from key to its request count does all three: its order is the eviction order for FIFO
# (never reorder) and LRU (move a hit to the end).

# %% [markdown] course={"kind": "hint"}
# For LFU, `min(cache, key=cache.__getitem__)` returns the *first* key with the smallest count in the dict's
# order, which is the least recently requested if you move hits to the end.

# %% course={"kind": "solution", "equivalent": {"m-a77b06f1": "LFU only compares counts with each other: counting 1, 3, 5... keeps their order", "m-4e0c5fda": "starting every count at 0 instead of 1 shifts all counts alike: same order", "m-71b3a481": "starting every count at 2 instead of 1 shifts all counts alike: same order"}}
def hit_ratio(policy: str, capacity: int, requests: Sequence[str]) -> Fraction:
    ### BEGIN SOLUTION
    if policy not in ("fifo", "lru", "lfu") or capacity < 1 or not requests:
        raise ValueError("bad policy, capacity or requests")
    cache: OrderedDict[str, int] = OrderedDict()
    hits = 0
    for key in requests:
        if key in cache:
            hits += 1
            cache[key] += 1
            if policy != "fifo":
                cache.move_to_end(key)
            continue
        if len(cache) == capacity:
            victim = min(cache, key=cache.__getitem__) if policy == "lfu" else next(iter(cache))
            del cache[victim]
        cache[key] = 1
    return Fraction(hits, len(requests))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
example = ["a", "b", "a", "c", "a", "b"]
assert [hit_ratio(p, 2, example) for p in ("fifo", "lru", "lfu")] == [Fraction(1, 6), Fraction(1, 3), Fraction(1, 3)]

# %% course={"kind": "test", "points": 2}
assert hit_ratio("lfu", 2, ["a", "a", "b", "c", "b", "a"]) == Fraction(1, 3), "LFU keeps a (2 uses), evicts b for c"
assert hit_ratio("lru", 2, ["a", "a", "b", "c", "a"]) == Fraction(1, 5), "LRU evicts a (used longer ago than b) for c"
assert hit_ratio("lfu", 2, ["a", "a", "b", "c", "a"]) == Fraction(2, 5), "LFU evicts b (1 use, a has 2) for c"
assert hit_ratio("lfu", 2, ["a", "b", "b", "a", "c", "a"]) == Fraction(1, 2), "a tie in LFU evicts the one used longest ago"
assert type(hit_ratio("lru", 1, ["x"])) is Fraction and hit_ratio("lru", 1, ["x", "x"]) == Fraction(1, 2)
### BEGIN HIDDEN TESTS
assert hit_ratio("lfu", 2, ["a", "b", "a", "b", "c", "b", "a"]) == Fraction(3, 7)
assert hit_ratio("lfu", 2, ["b", "a", "b", "a", "c", "b", "a"]) == Fraction(3, 7)
assert hit_ratio("fifo", 3, list("abcabcdabcd")) == Fraction(3, 11)
assert hit_ratio("lru", 3, list("abcabcdabcd")) == Fraction(3, 11)
assert hit_ratio("lru", 2, list("abab")) == Fraction(1, 2) and hit_ratio("fifo", 1, list("aab")) == Fraction(1, 3)
assert hit_ratio("lfu", 3, list("aaabbcdcdcd")) == Fraction(3, 11), "LFU thrashes when new keys never reach old counts"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad_args in (("random", 2, ["a"]), ("lru", 0, ["a"]), ("lfu", 2, []), ("LRU", 2, ["a"])):
    try:
        hit_ratio(*bad_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"hit_ratio{bad_args} must raise ValueError")

# %% course={"kind": "wrong", "id": "fifo-refreshes"}
def hit_ratio(policy, capacity, requests):
    if policy not in ("fifo", "lru", "lfu") or capacity < 1 or not requests:
        raise ValueError("bad")
    cache = OrderedDict()
    hits = 0
    for key in requests:
        if key in cache:
            hits += 1
            cache[key] += 1
            cache.move_to_end(key)
            continue
        if len(cache) == capacity:
            victim = min(cache, key=cache.__getitem__) if policy == "lfu" else next(iter(cache))
            del cache[victim]
        cache[key] = 1
    return Fraction(hits, len(requests))

# %% course={"kind": "wrong", "id": "lfu-ties-newest"}
def hit_ratio(policy, capacity, requests):
    if policy not in ("fifo", "lru", "lfu") or capacity < 1 or not requests:
        raise ValueError("bad")
    cache = OrderedDict()
    hits = 0
    for key in requests:
        if key in cache:
            hits += 1
            cache[key] += 1
            if policy != "fifo":
                cache.move_to_end(key)
            continue
        if len(cache) == capacity:
            if policy == "lfu":
                victim = min(reversed(cache), key=cache.__getitem__)
            else:
                victim = next(iter(cache))
            del cache[victim]
        cache[key] = 1
    return Fraction(hits, len(requests))

# %% course={"kind": "wrong", "id": "lfu-counts-forever"}
def hit_ratio(policy, capacity, requests):
    if policy not in ("fifo", "lru", "lfu") or capacity < 1 or not requests:
        raise ValueError("bad")
    cache, seen = OrderedDict(), Counter()  # counts kept across evictions, not since the key entered
    hits = 0
    for key in requests:
        seen[key] += 1
        if key in cache:
            hits += 1
            if policy != "fifo":
                cache.move_to_end(key)
            continue
        if len(cache) == capacity:
            victim = min(cache, key=seen.__getitem__) if policy == "lfu" else next(iter(cache))
            del cache[victim]
        cache[key] = True
    return Fraction(hits, len(requests))

# %% [markdown] course={"kind": "lesson", "id": "data-storage", "covers": ["c-data-storage", "c-sql-vs-nosql", "c-choosing-the-right-database", "c-sharding", "c-replication"]}
# ### Data storage: which database, and how it grows
#
# | need | lean towards | why |
# |---|---|---|
# | relations, joins, transactions across rows, ad-hoc queries | SQL (PostgreSQL, MySQL) | schema and ACID guarantees; decades of tooling |
# | huge write volume by one key, simple lookups | wide-column / key-value (Cassandra, DynamoDB) | partitions by key, scales writes horizontally |
# | documents of varying shape read as a whole | document store (MongoDB) | no joins needed; schema can evolve per document |
# | counters, sessions, leaderboards, a cache | in-memory key-value (Redis, Valkey) | sub-millisecond, rich data types, bounded by RAM |
# | relationships are the query (friends of friends) | graph database (Neo4j) | traversals instead of many self-joins |
# | time-stamped metrics, retention by age | time-series (Prometheus, TimescaleDB) | compression by time, retention by age, downsampling in some |
# | full-text search, relevance | search engine (OpenSearch) | inverted indexes |
#
# **Choosing** starts from the access patterns (which queries, how often, how big, how consistent) and the team
# (what can you operate at 3 a.m.?), not from fashion. The safe default for most services is PostgreSQL until a
# measured need says otherwise; many systems use two stores (SQL as the source of truth, a cache or search index
# derived from it).
#
# **Replication** copies data to other nodes: for reads (replicas), for failover (a standby promoted when the
# primary dies) and for distance (another region). *Synchronous* replication waits for the copy (no data loss,
# slower writes); *asynchronous* does not (fast, but a replica lags, so a user may not see their own write, and a
# failover can lose the last seconds). **Sharding** splits data by a key: by *hash* (even spread, but range scans
# hit every shard) or by *range* (range scans stay local, but sequential keys such as timestamps all land on the
# last shard: a hotspot). Consistent hashing (20.3) limits how many keys move when shards are added.

# %% course={"kind": "demo"}
# The same 30,000 keys, sharded by range and by hash: sequential ids (an auto-increment, a timestamp) pile onto the
# newest range, while a hash spreads them. Then replication lag: reads that hit a replica too soon are stale.
recent_ids = [f"order-{n:07d}" for n in range(970_000, 1_000_000)]
range_bounds = ["order-0250000", "order-0500000", "order-0750000"]
by_range = Counter(bisect.bisect_right(range_bounds, key) for key in recent_ids)
by_hash = Counter(zlib.crc32(key.encode()) % 4 for key in recent_ids)
print("range shards:", [by_range[s] for s in range(4)])
print("hash shards: ", [by_hash[s] for s in range(4)])  # CRC32 happens to spread these ids exactly evenly
lag_rng = random.Random(7)
lags = [lag_rng.expovariate(1 / 0.2) for _ in range(10_000)]  # replica lag, mean 200 ms
for read_after in (0.05, 0.2, 1.0):
    stale = sum(lag > read_after for lag in lags) / len(lags)
    print(f"read from a replica {read_after * 1000:4.0f} ms after the write: {stale:5.1%} stale")

# %% [markdown] course={"kind": "task", "id": "choose-database", "points": 2, "item": "x-choose-database-for-a-use-case"}
# ### Task: choose the database for three use cases
#
# For each, name the store you would pick, the data model (tables and keys, or documents, or partition and sort
# keys), the two most frequent queries and how the model serves them, the consistency you need, and what you
# would do when it outgrows one node: (1) orders and payments of a web shop; (2) 50,000 sensor readings per
# second, kept 90 days, queried per device and time range; (3) the feature store serving model features by
# entity id in under 10 ms, rebuilt nightly from the warehouse.

# %% [markdown] course={"kind": "rubric"}
# - each choice is justified by the access pattern and a number (rate, size, latency), not by popularity (1)
# - names the scaling step (replicas, a shard key with its hotspot risk, or TTL/partition by time) and its cost (1)

# %% [markdown] course={"kind": "lesson", "id": "communication", "covers": ["c-communication", "c-synchronous-vs-asynchronous", "c-rest-vs-grpc", "c-message-queues", "c-pub-sub"]}
# ### Communication between services
#
# | style | how | use when | cost |
# |---|---|---|---|
# | synchronous request/response | the caller waits for the answer | the user needs the answer now (read a profile, authorise a payment) | failures and latency chain: A is down when B is; needs timeouts, retries, breakers (20.3) |
# | asynchronous | the caller hands work over and goes on | the work can finish later (send e-mail, resize images, train a model) | eventual results, harder debugging, duplicate deliveries to handle |
# | REST over HTTP/JSON | resources and verbs, text payloads | public APIs, browsers, simple internal calls | bigger payloads, no enforced schema unless you add OpenAPI |
# | gRPC over HTTP/2 | Protocol Buffers contract, generated clients, streaming | internal service-to-service calls, many small calls, streaming | needs code generation; browsers cannot call it directly (gRPC-Web, through a proxy or server support) |
# | message queue (one consumer per message) | producers put tasks, a pool of workers takes them | spread work, absorb bursts, retry failed jobs | one more system to run; ordering only per queue/partition |
# | pub/sub (every subscriber gets every message) | publishers emit events to a topic | several independent reactions to one event (audit, search index, e-mail) | subscribers must be idempotent; schema changes affect all of them |
#
# The trade-off in one line: synchronous is simpler to reason about, asynchronous is more resilient to load and
# failures. A queue in front of a slow service turns a spike into a backlog instead of errors, and the backlog
# divided by the spare throughput says how long it takes to drain (below: 200 jobs at 40 per second, 5 s). Kafka
# (librdkafka's mock brokers, over the real protocol) and a real NATS server are in 20.1.

# %% course={"kind": "demo"}
# A burst of 600 jobs arriving in 10 s into a worker pool that handles 40 per second: with a queue nothing is
# refused and the backlog drains; calling synchronously with no queue, whatever the pool cannot take now is refused.
burst_per_second, pool_per_second, seconds = 60, 40, 10
backlog, refused = 0, 0
for second in range(1, 16):
    arriving = burst_per_second if second <= seconds else 0
    refused += max(0, arriving - pool_per_second)
    backlog = max(0, backlog + arriving - pool_per_second)
    if second in (5, 10, 12, 15):
        print(f"t={second:2}s  queue backlog {backlog:3}   synchronous calls refused so far {refused:3}")

# %% [markdown] course={"kind": "exercise", "id": "capacity-estimate", "item": "x-estimate-system-requirements-for-a"}
# ### Back of the envelope: a capacity estimator
#
# Write `estimate(dau, requests_per_user, peak_factor, payload_bytes)` returning a dict of five `int`s:
#
# | key | meaning | rule |
# |---|---|---|
# | `qps_avg` | average requests per second | `dau * requests_per_user / 86_400`, rounded **up** |
# | `qps_peak` | peak requests per second | `dau * requests_per_user * peak_factor / 86_400`, rounded up (do not multiply the rounded average) |
# | `storage_day_bytes` | bytes stored per day | one payload per request |
# | `storage_5y_bytes` | bytes over 5 years | `storage_day_bytes * 1825` (a year is 365 days here) |
# | `bandwidth_peak_bytes_per_s` | bytes per second at peak | `qps_peak * payload_bytes` |
#
# All arguments are ints; `dau`, `requests_per_user` and `payload_bytes` must be `>= 0`, `peak_factor >= 1`, else
# `ValueError`. Use integer arithmetic only (floats lose exactness above 2**53).
#
# ```python
# >>> estimate(10_000_000, 20, 3, 2_000)["qps_avg"], estimate(10_000_000, 20, 3, 2_000)["qps_peak"]
# (2315, 6945)
# ```

# %% [markdown] course={"kind": "hint"}
# Ceiling division in integers: `-(-a // b)`.

# %% [markdown] course={"kind": "hint"}
# `2315 * 3 = 6945` here by luck: try `dau=1`, `requests_per_user=1`, `peak_factor=3`. The rounded average times 3
# is 3; the real peak, `3 / 86,400` rounded up, is 1.

# %% course={"kind": "solution"}
def estimate(dau: int, requests_per_user: int, peak_factor: int, payload_bytes: int) -> dict[str, int]:
    ### BEGIN SOLUTION
    if min(dau, requests_per_user, payload_bytes) < 0 or peak_factor < 1:
        raise ValueError("counts must be >= 0 and the peak factor >= 1")
    per_day = dau * requests_per_user
    peak = -(-per_day * peak_factor // 86_400)
    return {
        "qps_avg": -(-per_day // 86_400),
        "qps_peak": peak,
        "storage_day_bytes": per_day * payload_bytes,
        "storage_5y_bytes": per_day * payload_bytes * 1825,
        "bandwidth_peak_bytes_per_s": peak * payload_bytes,
    }
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert estimate(10_000_000, 20, 3, 2_000) == {
    "qps_avg": 2315,
    "qps_peak": 6945,
    "storage_day_bytes": 400_000_000_000,
    "storage_5y_bytes": 730_000_000_000_000,
    "bandwidth_peak_bytes_per_s": 13_890_000,
}, "10 M users x 20 requests of 2 kB, peak 3x"

# %% course={"kind": "test", "points": 2}
assert estimate(1, 1, 3, 10)["qps_peak"] == 1, "round the real peak up, not the rounded average times the factor"
assert estimate(86_400, 1, 1, 1)["qps_avg"] == 1 and estimate(86_401, 1, 1, 1)["qps_avg"] == 2, "round up"
assert estimate(86_400 * 10**15 + 1, 1, 1, 1)["qps_avg"] == 10**15 + 1, "exact integers: a float division loses the + 1"
assert estimate(0, 5, 1, 100) == dict.fromkeys(
    ["qps_avg", "qps_peak", "storage_day_bytes", "storage_5y_bytes", "bandwidth_peak_bytes_per_s"], 0
), "no users, nothing to serve"
assert all(type(v) is int for v in estimate(123_457, 7, 2, 99).values()), "every value is an int"
### BEGIN HIDDEN TESTS
assert estimate(43_200, 1, 2, 5) == {
    "qps_avg": 1,
    "qps_peak": 1,
    "storage_day_bytes": 216_000,
    "storage_5y_bytes": 394_200_000,
    "bandwidth_peak_bytes_per_s": 5,
}
assert estimate(43_201, 1, 2, 5)["qps_peak"] == 2 and estimate(86_399, 1, 1, 1)["qps_avg"] == 1
assert estimate(10**12, 10**3, 5, 10**4)["storage_5y_bytes"] == 10**19 * 1825
assert estimate(10**12, 10**3, 5, 10**4)["qps_peak"] == -(-(10**15) * 5 // 86_400)
assert estimate(5, 0, 1, 7)["qps_avg"] == 0 and estimate(5, 2, 1, 0)["bandwidth_peak_bytes_per_s"] == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad_args in ((-1, 1, 1, 1), (1, -1, 1, 1), (1, 1, 0, 1), (1, 1, 1, -1)):
    try:
        estimate(*bad_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"estimate{bad_args} must raise ValueError")

# %% course={"kind": "wrong", "id": "peak-from-rounded-avg"}
def estimate(dau, requests_per_user, peak_factor, payload_bytes):
    if min(dau, requests_per_user, payload_bytes) < 0 or peak_factor < 1:
        raise ValueError("bad")
    per_day = dau * requests_per_user
    avg = -(-per_day // 86_400)
    return {
        "qps_avg": avg,
        "qps_peak": avg * peak_factor,
        "storage_day_bytes": per_day * payload_bytes,
        "storage_5y_bytes": per_day * payload_bytes * 1825,
        "bandwidth_peak_bytes_per_s": avg * peak_factor * payload_bytes,
    }

# %% course={"kind": "wrong", "id": "float-ceil"}
def estimate(dau, requests_per_user, peak_factor, payload_bytes):
    if min(dau, requests_per_user, payload_bytes) < 0 or peak_factor < 1:
        raise ValueError("bad")
    per_day = dau * requests_per_user
    peak = math.ceil(per_day * peak_factor / 86_400)
    return {
        "qps_avg": math.ceil(per_day / 86_400),
        "qps_peak": peak,
        "storage_day_bytes": per_day * payload_bytes,
        "storage_5y_bytes": per_day * payload_bytes * 1825,
        "bandwidth_peak_bytes_per_s": peak * payload_bytes,
    }

# %% course={"kind": "wrong", "id": "rounds-down"}
def estimate(dau, requests_per_user, peak_factor, payload_bytes):
    if min(dau, requests_per_user, payload_bytes) < 0 or peak_factor < 1:
        raise ValueError("bad")
    per_day = dau * requests_per_user
    peak = per_day * peak_factor // 86_400
    return {
        "qps_avg": per_day // 86_400,
        "qps_peak": peak,
        "storage_day_bytes": per_day * payload_bytes,
        "storage_5y_bytes": per_day * payload_bytes * 1825,
        "bandwidth_peak_bytes_per_s": peak * payload_bytes,
    }

# %% [markdown] course={"kind": "exercise", "id": "design-doc-check", "item": "project-22-1-1"}
# ### A linter for design documents
#
# Before a review, a script checks that a design document (Markdown text) is complete. Write
# `check_design_doc(text)` returning a list of problems (strings), empty when the document passes:
#
# - the required sections, in this order: `Requirements`, `Estimates`, `Architecture`, `Data model`,
#   `API design`, `Scaling strategy`, `Trade-offs`. A section is a Markdown heading line: one to six `#`, at least
#   one space, then the title; titles compare ignoring case and surrounding spaces (`## data MODEL ` counts).
#   For each one missing, one problem `"missing section: <name>"` with the name as written above, in that order;
# - then, if the `Estimates` section exists but its body (the lines up to the next heading of any level) holds no
#   digit, the problem `"no number in Estimates"`.
#
# ```python
# >>> check_design_doc("# Requirements\nfast\n## Estimates\nabout 300 QPS\n")[:2]
# ['missing section: Architecture', 'missing section: Data model']
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the lines once; keep the current heading's title (case-folded) and collect the body lines under it in a
# dict from title to lines.

# %% [markdown] course={"kind": "hint"}
# `re.match(r"#{1,6} +(.*)", line)` finds a heading (then `.strip().casefold()` its title); `re.search(r"\d", body)`
# finds a digit. `#hashtag` with no space is not a heading.

# %% course={"kind": "solution"}
REQUIRED_SECTIONS = ("Requirements", "Estimates", "Architecture", "Data model", "API design", "Scaling strategy", "Trade-offs")


def check_design_doc(text: str) -> list[str]:
    ### BEGIN SOLUTION
    bodies: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"#{1,6} +(.*)", line)
        if heading:
            current = heading.group(1).strip().casefold()
            bodies.setdefault(current, [])
        elif current is not None:
            bodies[current].append(line)
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if name.casefold() not in bodies]
    estimates = bodies.get("estimates")
    if estimates is not None and not re.search(r"\d", "\n".join(estimates)):
        problems.append("no number in Estimates")
    return problems
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
good_doc = "\n".join(
    [
        "# Link shortener",
        "## Requirements",
        "Shorten and redirect; p99 redirect < 50 ms.",
        "## Estimates",
        "100 M redirects a day: about 1,160 QPS, peak 3,500.",
        "## Architecture",
        "LB -> stateless API -> cache -> PostgreSQL",
        "## Data model",
        "links(code PK, url, created)",
        "## API design",
        "POST /links, GET /{code}",
        "## Scaling strategy",
        "Read replicas, then shard by code.",
        "## Trade-offs",
        "Eventual click counts.",
    ]
)
assert check_design_doc(good_doc) == [], "a complete document has no problems"
assert check_design_doc("# Requirements\nfast\n## Estimates\nabout 300 QPS\n")[:2] == [
    "missing section: Architecture",
    "missing section: Data model",
]

# %% course={"kind": "test", "points": 2}
no_numbers = good_doc.replace("100 M redirects a day: about 1,160 QPS, peak 3,500.", "Lots of traffic.")
assert check_design_doc(no_numbers) == ["no number in Estimates"], "the estimates section must hold a number"
later_number = no_numbers.replace("## Trade-offs", "## Trade-offs\nWe pick 2 of 3.")
assert check_design_doc(later_number) == ["no number in Estimates"], "a number in another section does not count"
assert check_design_doc("") == [f"missing section: {name}" for name in REQUIRED_SECTIONS], "all seven, in order"
### BEGIN HIDDEN TESTS
assert check_design_doc(good_doc.replace("## Data model", "### DATA MODEL  ")) == [], "case and spaces are ignored"
assert check_design_doc(good_doc.replace("## Data model", "##Data model")) == ["missing section: Data model"]
assert check_design_doc(good_doc.replace("## Data model", "####### Data model")) == ["missing section: Data model"]
assert check_design_doc(good_doc.replace("## Data model", "Data model")) == ["missing section: Data model"]
assert check_design_doc(good_doc.replace("## Estimates", "## Estimate")) == ["missing section: Estimates"]
assert check_design_doc(good_doc.replace("## Estimates", "###### Estimates")) == []
assert check_design_doc(no_numbers.replace("Lots of traffic.", "Lots of traffic.\n### Method\n3 servers")) == [
    "no number in Estimates"
], "a sub-heading ends the Estimates body too"
moved = no_numbers.replace("## Requirements", "## Trade-offs\nsee below").replace("## Trade-offs\nEventual", "## Requirements\n5 Eventual")
assert check_design_doc(moved) == ["no number in Estimates"]
shuffled = "\n".join(["## Trade-offs", "## Scaling strategy", "## Estimates", "1", "## API design"])
assert check_design_doc(shuffled) == ["missing section: Requirements", "missing section: Architecture", "missing section: Data model"]
assert check_design_doc("2 servers\n## Estimates\n## Notes\n3") == [f"missing section: {n}" for n in REQUIRED_SECTIONS if n != "Estimates"] + ["no number in Estimates"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "digit-anywhere", "fails": ["t2"]}
REQUIRED_SECTIONS = ("Requirements", "Estimates", "Architecture", "Data model", "API design", "Scaling strategy", "Trade-offs")


def check_design_doc(text):
    titles = {line.lstrip("#").strip().casefold() for line in text.splitlines() if line.startswith("#")}
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if name.casefold() not in titles]
    if "estimates" in titles and not re.search(r"\d", text):
        problems.append("no number in Estimates")
    return problems

# %% course={"kind": "wrong", "id": "substring-match", "fails": ["t2"]}
REQUIRED_SECTIONS = ("Requirements", "Estimates", "Architecture", "Data model", "API design", "Scaling strategy", "Trade-offs")


def check_design_doc(text):
    lowered = text.casefold()
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if name.casefold() not in lowered]
    start = lowered.find("estimates")
    if start >= 0 and not re.search(r"\d", text[start : text.find("\n#", start) if "\n#" in text[start:] else None]):
        problems.append("no number in Estimates")
    return problems

# %% course={"kind": "wrong", "id": "subsections-stay-in-estimates"}
REQUIRED_SECTIONS = ("Requirements", "Estimates", "Architecture", "Data model", "API design", "Scaling strategy", "Trade-offs")


def check_design_doc(text):
    titles, estimates, level = set(), None, None
    for line in text.splitlines():
        heading = re.match(r"(#{1,6}) +(.*)", line)
        if heading:
            title = heading.group(2).strip().casefold()
            titles.add(title)
            if level is not None and len(heading.group(1)) <= level:
                level = None  # only a heading of the same or a higher level ends the section
            if title == "estimates":
                estimates, level = [], len(heading.group(1))
        elif level is not None:
            estimates.append(line)
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if name.casefold() not in titles]
    if estimates is not None and not re.search(r"\d", "\n".join(estimates)):
        problems.append("no number in Estimates")
    return problems

# %% [markdown] course={"kind": "task", "id": "design-document", "points": 5, "item": "project-22-1-1"}
# ### Project: a system design document
#
# Write a design document for one system you know or would like to build (a link shortener, a model-serving
# platform, a CI service, a metrics pipeline), with the sections `check_design_doc` asks for, and run it through
# the checker. In **Requirements** list functional and non-functional needs with numbers; in **Estimates** use
# `estimate` (and Little's law for pool sizes); in **Architecture** draw the boxes and arrows in a text diagram
# and show the read and write paths; give the **Data model** (tables or documents, keys, indexes) and the **API
# design** (endpoints or RPCs with request and response); in **Scaling strategy** say what you scale first and
# when (thresholds), how you shard and replicate, and where the caches sit with their eviction policy; compute the
# availability of your design with `serial`/`parallel` and its RPO/RTO. End with **Trade-offs**: at least three,
# each with what you gave up and what would make you change your mind.

# %% [markdown] course={"kind": "rubric"}
# - every number in the document comes from a stated assumption and a computation the reader can redo (1)
# - the architecture diagram shows the main read and write paths and every stateful component (1)
# - the data model and API serve the two most frequent requests without a scan or a cross-shard join, or say why
#   not (1)
# - the scaling strategy names the first bottleneck, the metric that reveals it and the threshold that triggers the
#   next step (1)
# - trade-offs are real choices with their cost (consistency, money, complexity), not a list of advantages (1)

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-approach-a-system-design"}
# I follow the same five steps every time and say them out loud. First requirements: what the system must do,
# then the non-functional targets in numbers (latency, availability, data size, read/write ratio), and what is
# out of scope. Then a quick estimate: requests per second at peak, storage over the retention period,
# bandwidth, which tells me whether one database is enough. Then a high-level diagram with the read and write
# paths and the API. Then I go deep on the two hardest parts (the data model and sharding key, the cache, the
# hot spots and failure modes). I finish with the trade-offs I made and what would change them, and I keep
# checking back with the interviewer instead of designing alone.
#
# ```text
#  client ─> LB ─> stateless API (N) ─> cache ─> primary DB ─> replicas
#                         └──> queue ─> workers
# ```

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-scale-a-database"}
# Measure first: most "the database is slow" problems are a missing index or a bad query. Then take load off it:
# a cache for hot reads, connection pooling, moving heavy work to a queue. Next add read replicas for read-heavy
# traffic, accepting replication lag (read your own writes from the primary). Grow the primary vertically while
# that is cheap. Partition large tables by time or key. Only when writes or data outgrow one primary, shard: pick
# a key that spreads load and keeps the common queries on one shard (hash for spread, range for scans, never a
# monotonically increasing key by range), and plan for resharding (consistent hashing) and cross-shard queries.
#
# ```text
#  writes ─> primary ──async──> replica 1 <─ reads
#                    └─async──> replica 2 <─ reads
# ```

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between"}
# Availability is the share of time (or requests) the system is up and answering correctly: 99.9 % allows about
# 8.8 hours of downtime a year. Reliability is the probability it runs without failure for a given time, often
# given as mean time between failures: it is about how *often* it fails. A system that fails for a second every
# few minutes can have high availability and poor reliability; one that fails once a year for a week is reliable
# most of the time yet poorly available. Redundancy raises availability (parallel parts), fast recovery (low MTTR)
# raises it too, while reliability improves by removing the causes of failure.
#
# ```text
#  A: up ▮▮▮▮▮▮▮▮▮ down▯ up ▮▮▮▮▮▮▮▮▮ down▯ ...   many short failures: available, not reliable
#  B: up ▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮ down▯▯▯▯▯▯▯▯   one long failure: reliable, less available
#  availability ≈ MTBF / (MTBF + MTTR)
# ```

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-sql-vs-nosql"}
# SQL by default: when the data is relational, I need transactions across rows or tables, constraints, and
# flexible queries that I cannot all predict (orders, payments, users, inventory). NoSQL when an access pattern
# that I know in advance dominates and SQL would fight it: very high write volume by a single key (events,
# sensor data: a wide-column or time-series store), documents read and written as a whole with a changing shape
# (a document store), microsecond lookups of small values (a key-value store such as Redis), or graph traversals.
# I state the cost: fewer ad-hoc queries, consistency and joins done in the application, and denormalised data to
# keep in sync.
#
# ```text
#  transactions / joins / ad-hoc queries? ──yes──> SQL (PostgreSQL)
#        │ no
#        v
#  one dominant key-based access pattern at huge scale? ──yes──> key-value / wide-column
#        │ no
#        v
#  whole documents of varying shape? ──yes──> document store      (else: SQL, until a measurement says otherwise)
# ```
