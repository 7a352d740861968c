"""course.runtime.designsim: seeded Zipf keys and the load-balancing simulation of 22.1."""

from __future__ import annotations

import math
import statistics
from collections import Counter

import pytest

from course.runtime.designsim import EVICTIONS, POLICIES, balance, cache_hit_ratio, zipf_requests


def _p99(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def test_zipf_requests_is_seeded_and_skewed() -> None:
    keys = zipf_requests(100, 20_000, seed=1)
    assert keys == zipf_requests(100, 20_000, seed=1)
    assert keys != zipf_requests(100, 20_000, seed=2)
    assert len(keys) == 20_000 and set(keys) <= set(range(100))
    counts = Counter(keys)
    assert counts.most_common(1)[0][0] == 0
    # weight 1 against 1/2: key 0 is drawn about twice as often as key 1
    assert 1.7 < counts[0] / counts[1] < 2.3
    assert zipf_requests(3, 0, seed=1) == []


def test_zipf_skew_zero_is_uniform() -> None:
    counts = Counter(zipf_requests(4, 40_000, seed=3, skew=0.0))
    assert all(9_000 < counts[k] < 11_000 for k in range(4))


@pytest.mark.parametrize("bad", [(0, 10), (5, -1)])
def test_zipf_refuses_bad_sizes(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="need keys"):
        zipf_requests(*bad, seed=1)


def test_balance_is_deterministic_and_counts_every_request() -> None:
    for policy in POLICIES:
        found = balance(policy, requests=3_000, seed=5)
        assert found == balance(policy, requests=3_000, seed=5)
        assert len(found) == 3_000 and min(found) >= 0 and found[0] == 0


def test_policies_order_by_tail() -> None:
    results = {policy: balance(policy, requests=20_000, seed=22) for policy in POLICIES}
    p99 = {policy: _p99(found) for policy, found in results.items()}
    assert p99["least-connections"] <= p99["power-of-two"] < p99["round-robin"]
    means = {policy: statistics.fmean(found) for policy, found in results.items()}
    assert means["least-connections"] < means["power-of-two"] < means["round-robin"]


def test_least_connections_never_picks_a_busier_replica_than_needed() -> None:
    # with as many replicas as the load allows, least connections mostly finds an idle replica
    found = balance("least-connections", replicas=20, utilisation=0.3, requests=5_000, seed=9)
    assert Counter(found)[0] > 0.95 * len(found)


@pytest.mark.parametrize(
    ("policy", "kwargs", "match"),
    [("random", {}, "policy must be"), ("round-robin", {"replicas": 1}, "need"), ("lru", {}, "policy must be")],
)
def test_balance_refuses_bad_arguments(policy: str, kwargs: dict[str, int], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        balance(policy, **kwargs)


def test_balance_refuses_a_full_system() -> None:
    with pytest.raises(ValueError, match="utilisation"):
        balance("round-robin", utilisation=1.0)


def test_cache_hit_ratio_follows_each_policy() -> None:
    # capacity 2: FIFO drops a at c (inserted first), LRU drops b (a was just read), LFU drops b (1 use to a's 2)
    requests = ["a", "b", "a", "c", "a", "b"]
    assert [cache_hit_ratio(p, 2, requests) for p in EVICTIONS] == [1 / 6, 2 / 6, 2 / 6]
    assert cache_hit_ratio("lru", 2, ["a", "a", "b", "c", "a"]) == 1 / 5
    assert cache_hit_ratio("lfu", 2, ["a", "a", "b", "c", "a"]) == 2 / 5
    # an LFU tie evicts the key requested longest ago: a and b both have 2 uses, b was read last before a, so b
    # goes for c and the final a is a hit (the newest-first tie-break would evict a and score 2 / 6)
    assert cache_hit_ratio("lfu", 2, ["a", "b", "b", "a", "c", "a"]) == 3 / 6


def test_cache_hit_ratio_ranks_policies_under_a_skewed_workload() -> None:
    workload = zipf_requests(keys=1000, count=30_000, seed=221)
    ratios = {policy: cache_hit_ratio(policy, 50, workload) for policy in EVICTIONS}
    assert ratios["fifo"] < ratios["lru"] < ratios["lfu"]
    assert cache_hit_ratio("lru", 1000, workload) == 1 - len(set(workload)) / len(workload)


@pytest.mark.parametrize(("policy", "capacity", "requests"), [("random", 2, ["a"]), ("lru", 0, ["a"]), ("lfu", 2, [])])
def test_cache_hit_ratio_refuses_bad_arguments(policy: str, capacity: int, requests: list[str]) -> None:
    with pytest.raises(ValueError, match=r"policy must be|need capacity"):
        cache_hit_ratio(policy, capacity, requests)
