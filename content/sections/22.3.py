# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can sketch an ML system end to end (ingestion, features, training, serving,
# monitoring), choose between batch and real-time inference with numbers, estimate what it costs, size an A/B test
# and read its result, join features without leaking the future, spot training/serving skew and feedback loops, and
# walk an interviewer through a recommendation, fraud, search or platform design.
#
# **What is real here and what is not.** Everything runs in plain Python (`math`, `statistics.NormalDist`, seeded
# `random`, `heapq`, `bisect`): no numpy, no ML framework, no GPU, no feature store, no serving server. The
# "models" are tiny hand-written scorers and the traffic is simulated with fixed seeds, so every number is the same
# on every machine. **All prices in this notebook are placeholders** chosen to make the arithmetic readable, not
# quotes from any cloud: put your provider's current prices in before you trust a total. Design is judged, not
# unit-tested: the design exercises are rubric-graded tasks, each after a worked answer.

# %% course={"kind": "setup", "id": "ml-design"}
# The standard library is the whole toolbox of this section.
import bisect
import heapq
import math
import random
from collections.abc import Callable, Sequence
from statistics import NormalDist, fmean, pstdev

STD_NORMAL = NormalDist()  # mean 0, standard deviation 1: z-scores and p-values come from it

# %% [markdown] course={"kind": "lesson", "id": "components", "covers": ["c-ml-system-components", "c-data-ingestion", "c-feature-pipeline", "c-training-pipeline", "c-serving-infrastructure", "c-monitoring"]}
# ### The parts of an ML system
#
# The model is a small box in a big diagram. Five parts carry the rest, and each has its own failure modes:
#
# ```
#   events, DBs, logs ──► [1 ingestion] ──► raw store (append-only, partitioned by day)
#                                               │
#                                               ▼
#                          [2 feature pipeline]  batch (daily)  +  streaming (seconds)
#                            │ same feature code for both │
#                            ▼                            ▼
#                     offline store (history)       online store (latest value per key)
#                            │                            │
#                            ▼                            │
#   labels ──► [3 training pipeline] ──► model registry ──┼──► [4 serving] ◄── request
#             (point-in-time join, train,    (versions,    │      │ prediction + log
#              evaluate, gate)                stages)      │      ▼
#                                                          └── [5 monitoring]: data drift, skew,
#                                                               latency, business metric ──► retrain / alert
# ```
#
# 1. **Data ingestion** lands raw data (events from a queue as in 20.1, database snapshots, logs) in a store you can
#    replay. Keep it raw and immutable: every feature and label is derived, so a bug can be fixed by recomputing.
# 2. **Feature pipeline** turns raw data into features. Batch jobs write history to an *offline* store for training;
#    a streaming job or the same code keeps the *latest* value per key in an *online* store (a key-value store such
#    as the Valkey of 13.4) for serving. One definition of each feature, used by both, is how you avoid skew.
# 3. **Training pipeline** builds a training set (labels joined to features *as they were* at label time), trains,
#    evaluates against the current model on the same held-out data, and registers the result only if it passes a gate.
# 4. **Serving** answers predictions: a batch job that writes scores to a table, or a service behind an API with a
#    latency budget. It logs every input and output, because those logs are tomorrow's training data and today's
#    debugging record.
# 5. **Monitoring** watches what ordinary services watch (latency, errors, as in 18.x) *and* what only ML has: input
#    distributions drifting, serving features differing from training features, prediction distributions, and the
#    business metric, which often arrives days later (a chargeback confirms fraud weeks after the payment).
#
# **What people get wrong:** spending the effort on the model and none on the pipeline. Most production incidents
# in ML are data incidents: a column changes unit, a join leaks the future, a feature stops updating and the model
# keeps answering, confidently, with stale inputs. The demo shows that last one: nothing crashes.

# %% course={"kind": "demo"}
# A "model" that scores a payment by how unusual it is for the card. The feature pipeline stops updating the
# card's average: serving keeps working, and the scores quietly go wrong.
def fraud_score(amount: float, card_avg_amount: float) -> float:
    return round(min(1.0, amount / (10 * card_avg_amount)), 2)

fresh_avg, stale_avg = 400.0, 40.0  # the card's real recent average vs the value frozen a month ago
for amount in (120.0, 300.0, 900.0):
    print(f"payment {amount:6.1f}: score with fresh feature {fraud_score(amount, fresh_avg):.2f}, "
          f"with stale feature {fraud_score(amount, stale_avg):.2f}")

# %% [markdown] course={"kind": "text"}
# Every payment above would be flagged with the stale feature, and no error log would say why. That is why
# monitoring checks *feature freshness* (the age of the newest value) as well as error rates.

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-design-patterns", "c-offline-training-online-serving", "c-online-training", "c-batch-vs-real-time", "c-embedded-vs-remote-serving"]}
# ### Design patterns: when to train, when to predict, where the model lives
#
# - **Offline training, online serving** (the default): train on a schedule (daily, weekly) from the offline
#   store, ship a model file, serve it behind an API that reads fresh features from the online store.
# - **Online training**: the model updates continuously from a stream of new labels (a click-through model that
#   learns within minutes). Fresher, but a bad batch of data reaches production at once, and rollback means
#   restoring a *state*, not redeploying a file: keep snapshots and gate updates on a held-out check.
# - **Batch inference**: score every entity on a schedule and store the results (a nightly "churn risk" per
#   customer); serving is a key lookup. **Real-time inference**: score on request, with request-time data (the
#   basket being paid for right now).
# - **Embedded serving**: the model runs inside the calling process or on the device (a library call, a phone).
#   **Remote serving**: a separate model service called over the network.
#
# | choice | you gain | you pay | pick it when |
# |---|---|---|---|
# | batch inference | cheap per prediction, simple, easy to inspect before use | results are as old as the last run; scores entities nobody asks about | the entity set is known and hours of staleness are fine (emails, churn lists) |
# | real-time inference | uses request-time context; scores only what is asked | a latency budget, an always-on service, online features | the answer depends on the request (fraud at payment, search ranking) |
# | online training | reacts to change in minutes | harder to test, to reproduce and to roll back | the world shifts faster than a retrain cycle (news, ads) |
# | embedded serving | no network hop, works offline | the model ships with the app: updates need a release; same language/runtime | tight latency or on-device privacy; small models |
# | remote serving | independent deploys and scaling, GPUs where needed, one model for many callers | a network hop, a service to run | large models, many callers, frequent model updates |
#
# **What people get wrong:** choosing real-time "because it is modern". If the inputs only change daily, a
# real-time service re-computes the same answer on every request. Exercise 11 turns this into rules with reasons.

# %% [markdown] course={"kind": "lesson", "id": "scale", "covers": ["c-scale-considerations", "c-data-scale", "c-training-scale", "c-serving-scale", "c-cost-optimization"]}
# ### Scale: data, training, serving, cost, in numbers
#
# - **Data scale**: size = events per day × bytes per event × retention. 200 M events a day at 1 KB kept for a
#   year is about 73 TB raw; partition by date so a training job reads only the days it needs.
# - **Training scale**: GPU-hours ≈ examples × epochs ÷ (examples per second per GPU) ÷ 3600. More GPUs shorten the
#   wall clock, not the GPU-hours (and a bit worse than linearly, since gradients must be synchronised). Data
#   parallelism (each GPU a copy of the model, a slice of each batch) is the first step; splitting the model across
#   GPUs is for models that do not fit in one.
# - **Serving scale**: by Little's law the requests in flight = arrival rate × time each spends inside. 400 QPS at
#   50 ms keeps 20 requests in flight; if one replica handles 4 at once and you run it at most 70 % busy, you need
#   ⌈20 ÷ (4 × 0.7)⌉ = 8 replicas.
# - **Cost optimisation**: batch what can be batched, right-size replicas from the formula instead of guessing,
#   use cheaper interruptible machines for training that checkpoints, retrain only as often as the metric needs, and
#   cache predictions for repeated keys.
#
# **What people get wrong:** sizing serving by average QPS. Size it by the peak (or a high percentile) and keep
# headroom; the utilisation target is where that headroom lives. The demo shows why 100 % is not a target: with
# random arrivals, waiting grows without bound as a server nears full load (the M/M/1 queue: time in system
# = service time ÷ (1 − utilisation)).

# %% course={"kind": "demo"}
service_ms = 50
for utilisation in (0.5, 0.7, 0.9, 0.95, 0.99):
    print(f"{utilisation:4.0%} busy -> average time in system {service_ms / (1 - utilisation):7.1f} ms")

# %% [markdown] course={"kind": "exercise", "id": "serving-replicas", "item": "x-calculate-ml-infrastructure-costs"}
# ### Exercise 1: how many serving replicas?
#
# Write `serving_replicas(qps, latency_ms, concurrency, target_util_pct=70)`: the number of replicas a model
# service needs, from Little's law. In flight = `qps × latency_ms / 1000`; each replica handles `concurrency`
# requests at once and should be at most `target_util_pct` percent busy; round **up**, and never return fewer than
# 1 (a service with no replica cannot answer its first request). All arguments are `int`; use integer arithmetic
# so that no float rounding puts you one replica off. Raise `ValueError` if `qps < 0`, `latency_ms <= 0`,
# `concurrency < 1` or `target_util_pct` is outside 1..100.
#
# ```python
# serving_replicas(400, 50, 4)  # 20 in flight / (4 x 0.70) = 7.14... -> 8
# ```

# %% [markdown] course={"kind": "hint"}
# Ceiling division of integers: `-(-a // b)`. Multiply everything out first: `qps * latency_ms * 100` over
# `1000 * concurrency * target_util_pct`.

# %% [markdown] course={"kind": "hint"}
# `math.ceil(6 * 0.1 / 0.6)` is 2, because the float quotient is `1.0000000000000002`: stay with integers.

# %% course={"kind": "solution"}
def serving_replicas(qps: int, latency_ms: int, concurrency: int, target_util_pct: int = 70) -> int:
    ### BEGIN SOLUTION
    if qps < 0 or latency_ms <= 0 or concurrency < 1 or not 1 <= target_util_pct <= 100:
        raise ValueError("qps >= 0, latency_ms > 0, concurrency >= 1, target_util_pct in 1..100")
    needed = -(-(qps * latency_ms * 100) // (1000 * concurrency * target_util_pct))
    return max(1, needed)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert serving_replicas(400, 50, 4) == 8, "20 in flight / (4 x 0.7) = 7.14 rounds UP to 8"
assert type(serving_replicas(400, 50, 4)) is int, "a replica count is an int"

# %% course={"kind": "test", "points": 1}
assert serving_replicas(6, 100, 1, 60) == 1, "0.6 in flight / 0.6 = exactly 1 replica (float math gives 1.0000000000000002 -> 2)"
assert serving_replicas(0, 50, 4) == 1, "at least one replica, even with no traffic"
### BEGIN HIDDEN TESTS
assert serving_replicas(1, 1, 64, 1) == 1
assert serving_replicas(56, 100, 1, 80) == 7  # 5.6 / 0.8 = 7 exactly
assert serving_replicas(57, 100, 1, 80) == 8
assert serving_replicas(1000, 20, 2) == 15  # 20 / 1.4 = 14.28
assert serving_replicas(10, 1000, 1, 100) == 10
assert serving_replicas(11, 1000, 1, 100) == 11
assert serving_replicas(30, 100, 2, 50) == 3
assert serving_replicas(70, 100, 1) == 10
assert serving_replicas(71, 100, 1) == 11
assert serving_replicas(10_000, 1000, 1, 100) == 10_000  # exact: no rounding slack at all
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [(-1, 50, 4, 70), (10, 0, 4, 70), (10, 50, 0, 70), (10, 50, 4, 0), (10, 50, 4, 101)]:
    try:
        serving_replicas(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"serving_replicas{bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert serving_replicas(0, 1, 1, 1) == 1 and serving_replicas(5, 1000, 1, 100) == 5
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "float-ceil", "fails": ["t2"]}
def serving_replicas(qps: int, latency_ms: int, concurrency: int, target_util_pct: int = 70) -> int:
    if qps < 0 or latency_ms <= 0 or concurrency < 1 or not 1 <= target_util_pct <= 100:
        raise ValueError("bad argument")
    return max(1, math.ceil(qps * (latency_ms / 1000) / (concurrency * target_util_pct / 100)))

# %% course={"kind": "wrong", "id": "floor-not-ceil", "fails": ["t1", "t2", "t3"]}
def serving_replicas(qps: int, latency_ms: int, concurrency: int, target_util_pct: int = 70) -> int:
    if qps < 0 or latency_ms <= 0 or concurrency < 1 or not 1 <= target_util_pct <= 100:
        raise ValueError("bad argument")
    return qps * latency_ms * 100 // (1000 * concurrency * target_util_pct)

# %% [markdown] course={"kind": "exercise", "id": "ml-cost", "item": "x-calculate-ml-infrastructure-costs"}
# ### Exercise 2: a monthly ML infrastructure bill
#
# Write `ml_monthly_cost(...)` (keyword arguments only) that estimates one model's monthly cost in three parts:
#
# - **training**: GPU-hours per retrain = `examples × epochs ÷ examples_per_gpu_second ÷ 3600`, times
#   `retrains_per_month`, times `gpu_hour_price`;
# - **serving**: `replicas × replica_hour_price × hours_per_month` (default 730 hours, a year's 8760 ÷ 12);
# - **storage**: `storage_gb × storage_gb_month_price`.
#
# Return a `dict` with the keys `"gpu_hours"` (per month), `"training"`, `"serving"`, `"storage"`, `"total"`, in that
# order, every value a `float` rounded to 2 decimals; compute `"total"` from the **unrounded** parts. The prices are
# yours to pass in: the ones in the examples are placeholders.
#
# ```python
# ml_monthly_cost(examples=36_000_000, epochs=2, examples_per_gpu_second=5_000, retrains_per_month=4,
#                 gpu_hour_price=2.5, replicas=8, replica_hour_price=0.2, storage_gb=500,
#                 storage_gb_month_price=0.02)
# # {'gpu_hours': 16.0, 'training': 40.0, 'serving': 1168.0, 'storage': 10.0, 'total': 1218.0}
# ```

# %% [markdown] course={"kind": "hint"}
# Compute the three parts as plain floats first; round only when you build the result.

# %% [markdown] course={"kind": "hint"}
# `round(a) + round(b)` can differ from `round(a + b)` by a cent: `"total"` must be `round(training + serving +
# storage, 2)` of the unrounded parts.

# %% course={"kind": "solution"}
def ml_monthly_cost(*, examples: int, epochs: int, examples_per_gpu_second: float, retrains_per_month: int,
                    gpu_hour_price: float, replicas: int, replica_hour_price: float, storage_gb: float,
                    storage_gb_month_price: float, hours_per_month: float = 730) -> dict[str, float]:
    ### BEGIN SOLUTION
    gpu_hours = examples * epochs / examples_per_gpu_second / 3600 * retrains_per_month
    training = gpu_hours * gpu_hour_price
    serving = replicas * replica_hour_price * hours_per_month
    storage = storage_gb * storage_gb_month_price
    parts = {"gpu_hours": gpu_hours, "training": training, "serving": serving, "storage": storage,
             "total": training + serving + storage}
    return {key: round(float(value), 2) for key, value in parts.items()}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
example = dict(examples=36_000_000, epochs=2, examples_per_gpu_second=5_000, retrains_per_month=4, gpu_hour_price=2.5,
               replicas=8, replica_hour_price=0.2, storage_gb=500, storage_gb_month_price=0.02)
got = ml_monthly_cost(**example)
assert got == {"gpu_hours": 16.0, "training": 40.0, "serving": 1168.0, "storage": 10.0, "total": 1218.0}, got
assert list(got) == ["gpu_hours", "training", "serving", "storage", "total"], "keys in the stated order"
assert all(type(v) is float for v in got.values()), "every value is a float"

# %% course={"kind": "test", "points": 1}
got = ml_monthly_cost(**{**example, "hours_per_month": 720})
assert got["serving"] == 1152.0, "hours_per_month must be used for serving (8 x 0.2 x 720)"
### BEGIN HIDDEN TESTS
got = ml_monthly_cost(examples=1_000_000, epochs=3, examples_per_gpu_second=700, retrains_per_month=5,
                      gpu_hour_price=3.07, replicas=3, replica_hour_price=0.137, storage_gb=123.4,
                      storage_gb_month_price=0.023)
assert got == {"gpu_hours": 5.95, "training": 18.27, "serving": 300.03, "storage": 2.84, "total": 321.14}, got
got = ml_monthly_cost(examples=0, epochs=1, examples_per_gpu_second=1, retrains_per_month=1, gpu_hour_price=1,
                      replicas=0, replica_hour_price=1, storage_gb=0, storage_gb_month_price=1)
assert got == {"gpu_hours": 0.0, "training": 0.0, "serving": 0.0, "storage": 0.0, "total": 0.0}
assert all(type(v) is float for v in got.values())
got = ml_monthly_cost(examples=1000, epochs=1, examples_per_gpu_second=3, retrains_per_month=1, gpu_hour_price=3600,
                      replicas=0, replica_hour_price=1, storage_gb=0, storage_gb_month_price=1)
assert got["training"] == 333.33, got
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
got = ml_monthly_cost(examples=3600, epochs=1, examples_per_gpu_second=1, retrains_per_month=1, gpu_hour_price=0.004,
                      replicas=1, replica_hour_price=0.004, storage_gb=1, storage_gb_month_price=0.004,
                      hours_per_month=1)
assert got["total"] == 0.01, "0.004 x 3 = 0.012 -> 0.01; summing rounded parts gives 0.00"
### BEGIN HIDDEN TESTS
got = ml_monthly_cost(examples=3600, epochs=1, examples_per_gpu_second=1, retrains_per_month=1, gpu_hour_price=0.006,
                      replicas=1, replica_hour_price=0.006, storage_gb=1, storage_gb_month_price=0.006,
                      hours_per_month=1)
assert got == {"gpu_hours": 1.0, "training": 0.01, "serving": 0.01, "storage": 0.01, "total": 0.02}, got
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sum-rounded", "fails": ["t2", "t3"]}
def ml_monthly_cost(*, examples: int, epochs: int, examples_per_gpu_second: float, retrains_per_month: int,
                    gpu_hour_price: float, replicas: int, replica_hour_price: float, storage_gb: float,
                    storage_gb_month_price: float, hours_per_month: float = 730) -> dict[str, float]:
    gpu_hours = round(examples * epochs / examples_per_gpu_second / 3600 * retrains_per_month, 2)
    training = round(gpu_hours * gpu_hour_price, 2)
    serving = round(replicas * replica_hour_price * hours_per_month, 2)
    storage = round(storage_gb * storage_gb_month_price, 2)
    return {"gpu_hours": gpu_hours, "training": training, "serving": serving, "storage": storage,
            "total": round(training + serving + storage, 2)}

# %% course={"kind": "wrong", "id": "hours-hardcoded", "fails": ["t2", "t3"]}
def ml_monthly_cost(*, examples: int, epochs: int, examples_per_gpu_second: float, retrains_per_month: int,
                    gpu_hour_price: float, replicas: int, replica_hour_price: float, storage_gb: float,
                    storage_gb_month_price: float, hours_per_month: float = 730) -> dict[str, float]:
    gpu_hours = examples * epochs / examples_per_gpu_second / 3600 * retrains_per_month
    training = gpu_hours * gpu_hour_price
    serving = replicas * replica_hour_price * 730
    storage = storage_gb * storage_gb_month_price
    total = training + serving + storage
    return {"gpu_hours": round(gpu_hours, 2), "training": round(training, 2), "serving": round(serving, 2),
            "storage": round(storage, 2), "total": round(total, 2)}

