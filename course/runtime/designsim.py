"""Seeded workloads and a load-balancing simulation for the system design section (22.1).

:func:`zipf_requests` draws cache keys whose popularity falls with rank (key ``0`` is the most
requested), the skew that makes caches worth having. :func:`balance` replays one seeded workload
(random arrivals, service times with a long tail) against ``replicas`` single-worker FIFO replicas
and returns, for each request, the number of requests its replica already held when it arrived:
the queue it joined. Both depend only on their arguments (``random.Random(seed)``), so a notebook
prints the same numbers on every machine. A simulation shows the *shape* of a trade-off between
policies, not the numbers of a real system. :func:`cache_hit_ratio` replays a list of keys against a
cache of a fixed size under an eviction policy. Standard library only.
"""

from __future__ import annotations

import heapq
import random
from collections import OrderedDict
from collections.abc import Hashable, Sequence

POLICIES = ("round-robin", "power-of-two", "least-connections")
EVICTIONS = ("fifo", "lru", "lfu")


def zipf_requests(keys: int, count: int, seed: int, skew: float = 1.0) -> list[int]:
    """``count`` keys from ``range(keys)``, key ``k`` drawn with weight ``1 / (k + 1) ** skew``."""
    if keys < 1 or count < 0:
        raise ValueError("need keys >= 1 and count >= 0")
    weights = [1 / rank**skew for rank in range(1, keys + 1)]
    rng = random.Random(seed)  # noqa: S311  # a reproducible workload, not a secret
    return rng.choices(range(keys), weights=weights, k=count)


def balance(
    policy: str,
    *,
    replicas: int = 10,
    requests: int = 20_000,
    utilisation: float = 0.8,
    seed: int = 22,
) -> list[int]:
    """The queue length each request found at the replica ``policy`` sent it to, in arrival order.

    Arrivals are a Poisson process at ``utilisation * replicas`` requests per time unit; service
    times are Pareto (shape 2.5) scaled to a mean of 1, so a few requests are very slow. Policies:
    ``round-robin`` (in turn), ``least-connections`` (fewest held, lowest index on a tie) and
    ``power-of-two`` (the less loaded of two distinct random replicas, the first drawn on a tie).
    """
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {POLICIES}, not {policy!r}")
    if replicas < 2 or requests < 0 or not 0 < utilisation < 1:
        raise ValueError("need replicas >= 2, requests >= 0 and 0 < utilisation < 1")
    rng = random.Random(seed)  # noqa: S311  # a reproducible workload, not a secret
    finishing: list[list[float]] = [[] for _ in range(replicas)]  # finish times held by each replica
    last_finish = [0.0] * replicas
    now, turn, found = 0.0, 0, []
    for _ in range(requests):
        now += rng.expovariate(utilisation * replicas)
        work = rng.paretovariate(2.5) * 0.6  # a Pareto(2.5) has mean 2.5 / 1.5; times 0.6 gives 1.0
        for held in finishing:
            while held and held[0] <= now:
                heapq.heappop(held)
        loads = [len(held) for held in finishing]
        if policy == "round-robin":
            target, turn = turn, (turn + 1) % replicas
        elif policy == "least-connections":
            target = loads.index(min(loads))
        else:
            first, second = rng.sample(range(replicas), 2)
            target = second if loads[second] < loads[first] else first
        found.append(loads[target])
        last_finish[target] = max(now, last_finish[target]) + work
        heapq.heappush(finishing[target], last_finish[target])
    return found


def cache_hit_ratio(policy: str, capacity: int, requests: Sequence[Hashable]) -> float:
    """The share of ``requests`` found in a cache of ``capacity`` keys, starting empty.

    A miss inserts the key, first evicting one when the cache is full: ``fifo`` the key inserted
    longest ago, ``lru`` the key requested longest ago, ``lfu`` the key with the fewest requests
    since it entered (the one requested longest ago on a tie). Exact bookkeeping, for demos.
    """
    if policy not in EVICTIONS:
        raise ValueError(f"policy must be one of {EVICTIONS}, not {policy!r}")
    if capacity < 1 or not requests:
        raise ValueError("need capacity >= 1 and at least one request")
    cache: OrderedDict[Hashable, int] = OrderedDict()  # key -> its requests; order = eviction order
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
    return hits / len(requests)
