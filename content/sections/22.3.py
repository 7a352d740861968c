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
from collections.abc import Callable, Iterable, Sequence
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
# With the stale feature every score is ten times too high (the 120 payment scores 0.30 instead of 0.03): at a
# review threshold of 0.5 the fresh feature flags none of these ordinary payments and the stale one flags two, and
# no error log says why. That is why monitoring checks *feature freshness* (the age of the newest value) as well as error rates.

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
# real-time service re-computes the same answer on every request. Exercise 12 turns this into rules with reasons.

# %% course={"kind": "demo"}
# Predictions a day for a nightly churn score: batch scores every customer once; real-time scores each app visit.
customers, visits_per_day = 2_000_000, 150_000
print(f"batch: {customers:,} predictions a day (most for customers who never look at them)")
print(f"real-time: {visits_per_day:,} predictions a day, but a service that is up all day and a latency budget")
print(f"share of batch predictions ever read (at most): {visits_per_day / customers:.1%}")

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
assert serving_replicas(6, 100, 1, 60) == 1, "0.6 in flight / 0.6 = exactly 1 (float math: 1.0000000000000002 -> 2)"
assert serving_replicas(0, 50, 4) == 1, "at least one replica, even with no traffic"
assert serving_replicas(7, 300, 1) == 3, "2.1 in flight / 0.7 = exactly 3 (a chain of float divisions gives 4)"
### BEGIN HIDDEN TESTS
assert serving_replicas(6, 300, 1, 60) == 3  # 1.8 / 0.6 = 3 exactly
assert serving_replicas(14, 150, 1) == 3  # 2.1 / 0.7 = 3 exactly
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

# %% course={"kind": "wrong", "id": "float-division-chain", "fails": ["t2"]}
def serving_replicas(qps: int, latency_ms: int, concurrency: int, target_util_pct: int = 70) -> int:
    if qps < 0 or latency_ms <= 0 or concurrency < 1 or not 1 <= target_util_pct <= 100:
        raise ValueError("bad argument")
    in_flight = qps * latency_ms / 1000
    return max(1, math.ceil(in_flight / (concurrency * target_util_pct / 100)))

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

# %% [markdown] course={"kind": "lesson", "id": "challenges", "covers": ["c-ml-specific-challenges", "c-training-data-management", "c-model-versioning", "c-a-b-testing", "c-feedback-loops"]}
# ### What only ML systems get wrong
#
# - **Training data management.** A model is code *plus* data: record which data (snapshot, date range, query,
#   row count, a hash) each model was trained on, or you cannot reproduce it. Two traps live here. **Label leakage**:
#   a feature that was only known *after* the moment you predict (joining today's account status to last month's
#   fraud label) makes offline metrics look wonderful and production useless; the fix is a *point-in-time* join
#   (exercise 5). **Training/serving skew**: the feature computed one way offline and another way online (a unit, a
#   default for nulls, a time zone); the fix is one feature definition and a monitor that compares the two
#   distributions (exercise 6).
# - **Model versioning.** Every model gets a version with its data, code commit, parameters and metrics, and a
#   stage (staging, production, archived) in a *registry*; promotion is a recorded step, and rollback is promoting
#   the previous version back, not retraining (exercise 11).
# - **A/B testing.** Offline metrics choose candidates; only an online experiment shows the business effect.
#   Decide the sample size *before* starting (exercise 3), split users (not requests) stably, run to the planned
#   size, then test (exercise 4). Peeking at the p-value every day and stopping when it dips under 0.05 inflates false
#   positives well beyond 5 %: the demo below measures it.
# - **Feedback loops.** The model's outputs shape its next training data: a recommender that shows item A gets
#   clicks only on A, learns that A is popular and shows it more. Items never shown never get a chance (exercise 9).
#   Exploration (show something else some of the time) and logging *what was shown* (so you learn from exposure, not
#   just clicks) break the loop.

# %% course={"kind": "demo"}
# A/A tests (no real difference, both arms convert at 10 %) looked at after every 100 users per arm, up to 2000:
# "stop as soon as p < 0.05" declares a winner far more often than the 5 % the test promises.
def aa_p_value(conv_a: int, conv_b: int, n: int) -> float:
    pooled = (conv_a + conv_b) / (2 * n)
    se = math.sqrt(pooled * (1 - pooled) * 2 / n)
    return 1.0 if se == 0 else 2 * (1 - STD_NORMAL.cdf(abs(conv_a - conv_b) / n / se))

rng_demo = random.Random(7)
experiments, peeking_wins, final_wins = 300, 0, 0
for _ in range(experiments):
    conv = [0, 0]
    stopped = False
    for users in range(100, 2001, 100):
        conv = [c + sum(rng_demo.random() < 0.10 for _ in range(100)) for c in conv]
        if not stopped and aa_p_value(conv[0], conv[1], users) < 0.05:
            stopped = True
    peeking_wins += stopped
    final_wins += aa_p_value(conv[0], conv[1], 2000) < 0.05
print(f"false winners with daily peeking: {peeking_wins / experiments:.0%}; testing once at the end: "
      f"{final_wins / experiments:.0%}")

# %% [markdown] course={"kind": "text"}
# **Label leakage, measured.** A "feature" that is really the label in disguise (the account was *closed for fraud*
# a few days after the payment) looks perfect when joined by "latest value", and carries no signal when joined
# with only what was known at the label's time. The first join is what a naive `JOIN ... ON entity` gives.
# (The as-of lookup here scans every row: fine for six accounts; exercise 5 does it properly.)

# %% course={"kind": "demo"}
leak_labels = [(f"acct{i}", 100, i % 2) for i in range(6)]  # (account, time, label): odd accounts were fraud
leak_rows = [(f"acct{i}", 90, 0.0) for i in range(6)] + [(f"acct{i}", 104, 1.0) for i in range(6) if i % 2]
def closed_flag(account: str, at: int | None) -> float:
    """The account's 'closed' flag: its newest value overall (at=None) or the newest at or before `at`."""
    return max((t, v) for a, t, v in leak_rows if a == account and (at is None or t <= at))[1]
for name, at_label_time in (("naive latest-value join", False), ("point-in-time join", True)):
    agree = sum(closed_flag(a, t if at_label_time else None) == y for a, t, y in leak_labels) / len(leak_labels)
    print(f"{name:24}: 'closed' flag agrees with the label for {agree:.0%} of rows")

# %% [markdown] course={"kind": "text"}
# **Popularity collapse, measured.** A recommender shows one of five items per round: the one with the best click
# rate so far (an item with fewer than 20 shows counts as 0). Without exploration it never leaves the item it
# started with; with 10 % random shows the best item (10 % click rate, index 2) is found and takes over.

# %% course={"kind": "demo"}
def popularity_run(ctr: list[float], rounds: int, explore: float, seed: int) -> list[int]:
    rng_pop = random.Random(seed)
    shown_count, click_count = [0] * len(ctr), [0] * len(ctr)
    for _ in range(rounds):
        if rng_pop.random() < explore:
            pick = rng_pop.randrange(len(ctr))
        else:  # the most clicked item, judged by click RATE once it has a few shows
            pick = max(range(len(ctr)), key=lambda i: click_count[i] / shown_count[i] if shown_count[i] >= 20 else 0.0)
        shown_count[pick] += 1
        click_count[pick] += rng_pop.random() < ctr[pick]
    return shown_count
demo_ctr = [0.03, 0.05, 0.10, 0.04, 0.08]
for explore in (0.0, 0.1):
    shown = popularity_run(demo_ctr, 5000, explore, 42)
    print(f"exploration {explore}: shows per item {shown}, expected clicks "
          f"{sum(n * c for n, c in zip(shown, demo_ctr)):.0f}")

# %% [markdown] course={"kind": "exercise", "id": "ab-sample-size"}
# ### Exercise 3: users per arm for an A/B test
#
# Before an experiment, decide how many users each arm needs to detect a change in a conversion rate. For a
# two-sided test at significance `alpha` with power `power`, baseline rate `p1` and `p2 = p1 + mde` (`mde`, the
# minimum detectable effect, is *absolute*: 0.02 means two percentage points, and may be negative):
#
# `n = (z_a · sqrt(2·p̄·(1 − p̄)) + z_b · sqrt(p1·(1 − p1) + p2·(1 − p2)))² / (p2 − p1)²`, rounded **up**,
#
# where `p̄ = (p1 + p2) / 2`, `z_a = NormalDist().inv_cdf(1 − alpha/2)` and `z_b = NormalDist().inv_cdf(power)`.
# Write `sample_size_per_arm(baseline, mde, alpha=0.05, power=0.8) -> int`. Raise `ValueError` unless
# `0 < p1 < 1`, `0 < p2 < 1`, `mde != 0`, `0 < alpha < 1` and `0 < power < 1`.
#
# ```python
# sample_size_per_arm(0.10, 0.02)  # 3841 users in each arm to see 10 % -> 12 %
# ```

# %% [markdown] course={"kind": "hint"}
# `STD_NORMAL` from the setup cell is `NormalDist()`; `STD_NORMAL.inv_cdf(0.975)` is about 1.96.

# %% [markdown] course={"kind": "hint"}
# A two-sided test splits `alpha` over both tails: `inv_cdf(1 - alpha / 2)`, not `inv_cdf(1 - alpha)`. And `int(x)`
# rounds down: use `math.ceil`.

# %% course={"kind": "solution", "equivalent": {"m-96d96b81": "alpha 0 reaches inv_cdf(1.0), which raises StatisticsError, a ValueError subclass", "m-18c33f22": "power 0 reaches inv_cdf(0.0), which raises StatisticsError, a ValueError subclass", "m-b597a46f": "power 1 reaches inv_cdf(1.0), which raises StatisticsError, a ValueError subclass", "m-1242fe0b": "power in [1, 2) reaches inv_cdf(p >= 1), which raises StatisticsError, a ValueError subclass"}}
def sample_size_per_arm(baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    ### BEGIN SOLUTION
    p1, p2 = baseline, baseline + mde
    if not (0 < p1 < 1 and 0 < p2 < 1 and mde != 0 and 0 < alpha < 1 and 0 < power < 1):
        raise ValueError("need 0 < p1, p2 < 1, mde != 0, 0 < alpha < 1 and 0 < power < 1")
    z_a = STD_NORMAL.inv_cdf(1 - alpha / 2)
    z_b = STD_NORMAL.inv_cdf(power)
    p_bar = (p1 + p2) / 2
    top = z_a * math.sqrt(2 * p_bar * (1 - p_bar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top**2 / (p2 - p1) ** 2)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert sample_size_per_arm(0.10, 0.02) == 3841, "10 % -> 12 %, alpha 0.05, power 0.8: 3841 per arm"
assert type(sample_size_per_arm(0.10, 0.02)) is int, "a number of users is an int"

# %% course={"kind": "test", "points": 1}
assert sample_size_per_arm(0.20, 0.05) == 1094, "20 % -> 25 %: 1094 per arm"
assert sample_size_per_arm(0.20, 0.05, alpha=0.01, power=0.9) > sample_size_per_arm(0.20, 0.05), "stricter needs more"
### BEGIN HIDDEN TESTS
assert sample_size_per_arm(0.05, 0.01) == 8158
assert sample_size_per_arm(0.5, 0.1) == 388
assert sample_size_per_arm(0.5, -0.1) == 388, "a drop of the same size is as hard to see at 50 %"
assert sample_size_per_arm(0.20, -0.05) == 906, "a drop from 20 % needs fewer users than a rise"
assert sample_size_per_arm(0.20, 0.05, alpha=0.01, power=0.9) == 2074
assert sample_size_per_arm(0.20, 0.05, alpha=0.10) == 862
assert sample_size_per_arm(0.30, 0.05, power=0.95) == 2278
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [(0.0, 0.02), (1.0, -0.1), (0.95, 0.05), (0.01, -0.01), (0.1, 0.0), (0.1, 0.02, 0.0), (0.1, 0.02, 1.0),
            (0.1, 0.02, 0.05, 0.0), (0.1, 0.02, 0.05, 1.0)]:
    try:
        sample_size_per_arm(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"sample_size_per_arm{bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert sample_size_per_arm(0.001, 0.998) == 3 and sample_size_per_arm(0.999, -0.998) == 3
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-sided-z", "fails": ["t1", "t2", "t3"]}
def sample_size_per_arm(baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = baseline, baseline + mde
    if not (0 < p1 < 1 and 0 < p2 < 1 and mde != 0 and 0 < alpha < 1 and 0 < power < 1):
        raise ValueError("bad argument")
    z_a = STD_NORMAL.inv_cdf(1 - alpha)
    z_b = STD_NORMAL.inv_cdf(power)
    p_bar = (p1 + p2) / 2
    top = z_a * math.sqrt(2 * p_bar * (1 - p_bar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top**2 / (p2 - p1) ** 2)

# %% course={"kind": "wrong", "id": "relative-mde", "fails": ["t1", "t2", "t3"]}
def sample_size_per_arm(baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = baseline, baseline * (1 + mde)
    if not (0 < p1 < 1 and 0 < p2 < 1 and 0 < alpha < 1 and 0 < power < 1):
        raise ValueError("bad argument")
    z_a = STD_NORMAL.inv_cdf(1 - alpha / 2)
    z_b = STD_NORMAL.inv_cdf(power)
    p_bar = (p1 + p2) / 2
    top = z_a * math.sqrt(2 * p_bar * (1 - p_bar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top**2 / (p2 - p1) ** 2)

# %% [markdown] course={"kind": "lesson", "id": "ab-check", "covers": ["c-a-b-testing"]}
# ### Checking the sample-size formula
#
# Two checks. Lehr's rule of thumb (alpha 0.05, power 0.8) says about `16·p̄(1 − p̄) / mde²`
# per arm; for 20 % → 25 % that is 1116, near our 1094. And a simulation: run many experiments with 1094 users per
# arm where the true rates really are 20 % and 25 %, and count how often the test finds the difference. It should
# be close to the promised 80 % (the exact share wobbles with the seed).

# %% course={"kind": "demo"}
n_arm = 1094
print("Lehr's rule:", round(16 * 0.225 * 0.775 / 0.05**2))
rng_power = random.Random(2203)
found = 0
for _ in range(400):
    conv_a = sum(rng_power.random() < 0.20 for _ in range(n_arm))
    conv_b = sum(rng_power.random() < 0.25 for _ in range(n_arm))
    found += aa_p_value(conv_a, conv_b, n_arm) < 0.05
print(f"simulated power at {n_arm} per arm: {found / 400:.0%}")

# %% [markdown] course={"kind": "exercise", "id": "ab-z-test"}
# ### Exercise 4: did the new model win? The two-proportion z-test
#
# After the experiment, arm A had `conv_a` conversions out of `n_a` users and arm B `conv_b` out of `n_b`. Write
# `two_proportion_p_value(conv_a, n_a, conv_b, n_b) -> float`, the **two-sided** p-value of the pooled z-test:
#
# `p = (conv_a + conv_b) / (n_a + n_b)`, `se = sqrt(p·(1 − p)·(1/n_a + 1/n_b))`, `z = (conv_b/n_b − conv_a/n_a) / se`,
# p-value `= 2·(1 − Φ(|z|))` with `Φ = NormalDist().cdf`. If `se` is 0 (nobody or everybody converted in both
# arms) there is no evidence of a difference: return `1.0`. Raise `ValueError` if a count is negative, an `n` is 0,
# or conversions exceed users.
#
# ```python
# round(two_proportion_p_value(200, 2000, 250, 2000), 4)  # 0.0124: 10 % vs 12.5 % is unlikely to be chance
# ```

# %% [markdown] course={"kind": "hint"}
# Pool both arms to estimate the rate *if there were no difference*; that rate gives the standard error.

# %% [markdown] course={"kind": "hint"}
# Two-sided: take `abs(z)` and double the tail. A B arm that is *worse* by the same amount gives the same p-value.

# %% course={"kind": "solution"}
def two_proportion_p_value(conv_a: int, n_a: int, conv_b: int, n_b: int) -> float:
    ### BEGIN SOLUTION
    if min(conv_a, conv_b) < 0 or n_a <= 0 or n_b <= 0 or conv_a > n_a or conv_b > n_b:
        raise ValueError("need 0 <= conversions <= users and users > 0 in each arm")
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se == 0:
        return 1.0
    z = (conv_b / n_b - conv_a / n_a) / se
    return 2 * (1 - STD_NORMAL.cdf(abs(z)))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = two_proportion_p_value(200, 2000, 250, 2000)
assert type(got) is float and abs(got - 0.012351) < 1e-5, f"10 % vs 12.5 % of 2000 each: p is about 0.0124, got {got}"

# %% course={"kind": "test", "points": 1}
assert two_proportion_p_value(250, 2000, 200, 2000) == two_proportion_p_value(200, 2000, 250, 2000), "two-sided"
assert two_proportion_p_value(100, 1000, 100, 1000) == 1.0, "identical arms: p = 1"
### BEGIN HIDDEN TESTS
assert abs(two_proportion_p_value(30, 100, 45, 120) - 0.242584) < 1e-5
assert abs(two_proportion_p_value(0, 50, 5, 50) - 0.021781) < 1e-5
assert abs(two_proportion_p_value(48, 50, 50, 50) - 0.153127) < 1e-5
assert abs(two_proportion_p_value(1, 3, 2, 3) - 0.414216) < 1e-5
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert two_proportion_p_value(0, 10, 0, 20) == 1.0 and two_proportion_p_value(10, 10, 7, 7) == 1.0, "se = 0 -> 1.0"
for bad in [(-1, 10, 0, 10), (0, 10, -1, 10), (-1, 10, 5, 10), (5, 10, -1, 10), (0, 0, 0, 10), (0, 10, 0, 0),
            (11, 10, 0, 10), (0, 10, 11, 10)]:
    try:
        two_proportion_p_value(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"two_proportion_p_value{bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert two_proportion_p_value(0, 1, 0, 1) == 1.0 and type(two_proportion_p_value(1, 1, 1, 1)) is float
assert two_proportion_p_value(1, 1, 0, 1) < 1.0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-tailed", "fails": ["t1", "t2"]}
def two_proportion_p_value(conv_a: int, n_a: int, conv_b: int, n_b: int) -> float:
    if min(conv_a, conv_b) < 0 or n_a <= 0 or n_b <= 0 or conv_a > n_a or conv_b > n_b:
        raise ValueError("bad counts")
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se == 0:
        return 1.0
    z = (conv_b / n_b - conv_a / n_a) / se
    return 1 - STD_NORMAL.cdf(z)

# %% course={"kind": "wrong", "id": "no-zero-guard", "fails": ["t3"]}
def two_proportion_p_value(conv_a: int, n_a: int, conv_b: int, n_b: int) -> float:
    if min(conv_a, conv_b) < 0 or n_a <= 0 or n_b <= 0 or conv_a > n_a or conv_b > n_b:
        raise ValueError("bad counts")
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (conv_b / n_b - conv_a / n_a) / se
    return 2 * (1 - STD_NORMAL.cdf(abs(z)))

# %% [markdown] course={"kind": "exercise", "id": "point-in-time-join", "timeout": 20}
# ### Exercise 5: a point-in-time feature join (no peeking at the future)
#
# Each label row is `(entity, ts, label)`: "card `c1` at time 105 turned out to be fraud (1)". Each feature row is
# `(entity, ts, value)`: "from time 100 on, card `c1`'s 7-day spend was 300.0". Write
# `point_in_time_join(labels, features)` that returns, for each label **in the labels' order**, a tuple
# `(entity, ts, value, label)` where `value` is the entity's feature value with the **latest `ts` at or before** the
# label's `ts` (never after: that would leak the future into training), or `None` if the entity had no value yet.
# If two feature rows have the same entity and `ts`, the one later in `features` wins (it was written last).
# `features` is in no particular order. Either input may be a list or a one-pass iterator (a generator reading a
# file): go over each once, and do not change either. With `n` features and `m` labels, stay near
# `O((n + m) log n)`: sort once and use `bisect`, do not scan all features for every label.
#
# ```python
# point_in_time_join([("c1", 105, 1)], [("c1", 100, 300.0), ("c1", 110, 900.0)])  # [("c1", 105, 300.0, 1)]
# ```

# %% [markdown] course={"kind": "hint"}
# Group the feature rows by entity, each group sorted by `ts`, with a parallel list of just the timestamps.

# %% [markdown] course={"kind": "hint"}
# `bisect.bisect_right(times, ts) - 1` is the index of the last time `<= ts` (or -1 if there is none).
# `sorted` is stable, so equal times keep the input order and the last of them is the one written last.

# %% course={"kind": "solution"}
def point_in_time_join(labels: Iterable[tuple[str, int, int]],
                       features: Iterable[tuple[str, int, float]]) -> list[tuple[str, int, float | None, int]]:
    ### BEGIN SOLUTION
    by_entity: dict[str, list[tuple[int, float]]] = {}
    for entity, ts, value in sorted(features, key=lambda row: row[1]):
        by_entity.setdefault(entity, []).append((ts, value))
    times = {entity: [ts for ts, _ in rows] for entity, rows in by_entity.items()}
    joined: list[tuple[str, int, float | None, int]] = []
    for entity, ts, label in labels:
        rows = by_entity.get(entity, [])
        i = bisect.bisect_right(times.get(entity, []), ts) - 1
        joined.append((entity, ts, rows[i][1] if i >= 0 else None, label))
    return joined
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = point_in_time_join([("c1", 105, 1)], [("c1", 100, 300.0), ("c1", 110, 900.0)])
assert got == [("c1", 105, 300.0, 1)], f"the value from 110 is in the label's future: {got}"
assert type(got) is list and type(got[0]) is tuple, "a list of tuples"

# %% course={"kind": "test", "points": 2}
labels = [("c2", 50, 0), ("c1", 100, 1), ("c1", 99, 0), ("c3", 10, 0)]
features = [("c1", 100, 7.0), ("c2", 60, 5.0), ("c1", 20, 1.0), ("c1", 99, 2.0), ("c2", 40, 4.0)]
before = (list(labels), list(features))
assert point_in_time_join(labels, features) == [
    ("c2", 50, 4.0, 0), ("c1", 100, 7.0, 1), ("c1", 99, 2.0, 0), ("c3", 10, None, 0)
], "labels' order; a value AT the label's ts counts; unknown entity -> None"
assert (labels, features) == before, "the inputs must not change"
### BEGIN HIDDEN TESTS
assert point_in_time_join([("c1", 19, 1)], features) == [("c1", 19, None, 1)], "before the first value: None"
assert point_in_time_join([], features) == []
assert point_in_time_join([("c1", 5, 1)], []) == [("c1", 5, None, 1)]
assert point_in_time_join([("a", 5, 1), ("a", 6, 0)], [("a", 5, 1.0), ("a", 5, 2.0), ("a", 3, 0.0)]) == [
    ("a", 5, 2.0, 1), ("a", 6, 2.0, 0)], "same ts: the row later in the input wins"
assert point_in_time_join([("a", 5, 1)], [("a", 5, 2.0), ("a", 5, 1.0)]) == [("a", 5, 1.0, 1)]
assert point_in_time_join([("a", 0, 1)], [("a", 0, 0.0)]) == [("a", 0, 0.0, 1)], "a present falsy value is not None"
assert point_in_time_join(iter([("a", 1, 1)]), iter([("a", 0, 3.0)])) == [("a", 1, 3.0, 1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
rng_join = random.Random(5)
big_features = [(f"e{rng_join.randrange(50)}", rng_join.randrange(10**6), float(i)) for i in range(60_000)]
big_labels = [(f"e{rng_join.randrange(50)}", rng_join.randrange(10**6), 0) for _ in range(60_000)]
got = point_in_time_join(big_labels, big_features)
assert len(got) == 60_000, "one row per label"
### BEGIN HIDDEN TESTS
latest: dict[str, tuple[int, float]] = {}
for entity, ts, value in big_features:
    if entity == "e7" and ts <= 500_000 and (entity not in latest or ts >= latest[entity][0]):
        latest[entity] = (ts, value)
assert point_in_time_join([("e7", 500_000, 1)], big_features) == [("e7", 500_000, latest["e7"][1], 1)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "latest-overall", "fails": ["t1", "t2", "t3"]}
def point_in_time_join(labels: Iterable[tuple[str, int, int]],
                       features: Iterable[tuple[str, int, float]]) -> list[tuple[str, int, float | None, int]]:
    latest: dict[str, tuple[int, float]] = {}
    for entity, ts, value in features:
        if entity not in latest or ts >= latest[entity][0]:
            latest[entity] = (ts, value)
    return [(entity, ts, latest[entity][1] if entity in latest else None, label) for entity, ts, label in labels]

# %% course={"kind": "wrong", "id": "strictly-before", "fails": ["t2"]}
def point_in_time_join(labels: Iterable[tuple[str, int, int]],
                       features: Iterable[tuple[str, int, float]]) -> list[tuple[str, int, float | None, int]]:
    by_entity: dict[str, list[tuple[int, float]]] = {}
    for entity, ts, value in sorted(features, key=lambda row: row[1]):
        by_entity.setdefault(entity, []).append((ts, value))
    times = {entity: [ts for ts, _ in rows] for entity, rows in by_entity.items()}
    joined: list[tuple[str, int, float | None, int]] = []
    for entity, ts, label in labels:
        rows = by_entity.get(entity, [])
        i = bisect.bisect_left(times.get(entity, []), ts) - 1
        joined.append((entity, ts, rows[i][1] if i >= 0 else None, label))
    return joined

# %% [markdown] course={"kind": "exercise", "id": "skew-detector"}
# ### Exercise 6: a training/serving skew detector
#
# Compare each feature's values in the training set with the values the serving path logged. `train` and `serving`
# map a feature name to a list of values (`float` or `None` for a missing value). Write
# `skew_report(train, serving, max_shift=0.5, max_null_gap=0.05)` returning a **sorted** list of
# `(feature, problem)` tuples, where problem is:
#
# - `"missing"`: the feature is in `train` but absent from `serving` or its serving list is empty (then check
#   nothing else for it); `"unexpected"`: in `serving` but not in `train`;
# - `"null-rate"`: the share of `None` values differs by **more than** `max_null_gap` (0.02 vs 0.10: a gap of 0.08);
# - `"mean-shift"`: using the non-`None` values, `|mean_serving − mean_train| / pstdev_train` is **more than**
#   `max_shift` (a shift measured in training standard deviations). If the training values do not vary (pstdev
#   0), any change of mean is a shift. Skip this check if either side has no non-`None` value.
#
# Raise `ValueError` if a training list is empty.
#
# ```python
# skew_report({"amount": [10.0, 20.0, 30.0]}, {"amount": [1000.0, 2000.0, 3000.0]})  # [("amount", "mean-shift")]
# ```
# (A classic cause: training stored amounts in euros, the serving path sends cents.)

# %% [markdown] course={"kind": "hint"}
# `fmean` and `pstdev` are imported in the setup cell; filter out the `None` values before using them.

# %% [markdown] course={"kind": "hint"}
# Exactly at a threshold is *not* skew (`>` not `>=`). A constant training feature has pstdev 0: compare the means
# directly instead of dividing.

# %% course={"kind": "solution"}
def skew_report(train: dict[str, list[float | None]], serving: dict[str, list[float | None]],
                max_shift: float = 0.5, max_null_gap: float = 0.05) -> list[tuple[str, str]]:
    ### BEGIN SOLUTION
    problems = [(name, "unexpected") for name in serving if name not in train]
    for name, train_values in train.items():
        if not train_values:
            raise ValueError(f"no training values for {name!r}")
        serving_values = serving.get(name)
        if not serving_values:
            problems.append((name, "missing"))
            continue
        null_t = train_values.count(None) / len(train_values)
        null_s = serving_values.count(None) / len(serving_values)
        if abs(null_s - null_t) > max_null_gap:
            problems.append((name, "null-rate"))
        present_t = [v for v in train_values if v is not None]
        present_s = [v for v in serving_values if v is not None]
        if present_t and present_s:
            gap = abs(fmean(present_s) - fmean(present_t))
            spread = pstdev(present_t)
            if (gap / spread > max_shift) if spread else gap > 0:
                problems.append((name, "mean-shift"))
    return sorted(problems)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = skew_report({"amount": [10.0, 20.0, 30.0]}, {"amount": [1000.0, 2000.0, 3000.0]})
assert got == [("amount", "mean-shift")], f"euros vs cents is a mean shift: {got}"
assert skew_report({"x": [1.0, 2.0]}, {"x": [2.0, 1.0]}) == [], "same values: no skew"

# %% course={"kind": "test", "points": 2}
train = {"age": [0.0, 2.0, 0.0, 2.0], "city": [1.0, None, 1.0, 1.0], "spend": [5.0, 5.0]}
assert skew_report(train, {"age": [1.75, 1.75], "city": [1.0, 1.0, 1.0, 1.0], "spend": [5.0]}) == [
    ("age", "mean-shift"), ("city", "null-rate")], "age moved 0.75 sd; city's nulls went from 25 % to 0 %"
### BEGIN HIDDEN TESTS
assert skew_report(train, {"age": [1.75, 1.75], "city": [1.0, None, 1.0, 1.0], "spend": [5.0]}) == [
    ("age", "mean-shift")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert skew_report({"age": [0.0, 2.0]}, {"age": [1.5]}) == [], "mean 1 -> 1.5 with pstdev 1 is exactly 0.5: not skew"
assert skew_report({"n": [None, 1.0]}, {"n": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, None]}, 0.5, 0.4) == [], \
    "null rates 0.5 vs 0.1: a gap of exactly 0.4 is not skew"
### BEGIN HIDDEN TESTS
assert skew_report({"age": [0.0, 2.0]}, {"age": [0.5]}) == []
assert skew_report({"age": [0.0, 4.0]}, {"age": [2.8]}) == [], "0.8 / pstdev 2 = 0.4 sd: not skew"
assert skew_report({"age": [0.0, 2.0]}, {"age": [0.49]}) == [("age", "mean-shift")]
assert skew_report({"age": [0.0, 2.0]}, {"age": [1.51]}) == [("age", "mean-shift")]
assert skew_report({"age": [0.0, 2.0]}, {"age": [2.0]}, max_shift=1.0) == []
assert skew_report({"age": [0.0, 2.0]}, {"age": [2.5]}, max_shift=1.0) == [("age", "mean-shift")]
assert skew_report({"n": [None, 1.0]}, {"n": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, None]}, 0.5, 0.39) == [
    ("n", "null-rate")]
assert skew_report({"n": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, None]}, {"n": [None, 1.0]}, 0.5, 0.39) == [
    ("n", "null-rate")], "fewer nulls or more nulls: the gap is absolute"
assert skew_report({"n": [1.0, 2.0, 3.0, 4.0]}, {"n": [1.0, 2.0, 3.0, 4.0, None]}) == [("n", "null-rate")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = skew_report({"b": [1.0], "a": [1.0], "z": [3.0]}, {"c": [1.0], "a": [], "z": [3.0]})
assert got == [("a", "missing"), ("b", "missing"), ("c", "unexpected")], f"missing/unexpected, sorted: {got}"
assert skew_report({"k": [4.0, 4.0]}, {"k": [4.0]}) == [] and skew_report({"k": [4.0, 4.0]}, {"k": [4.1]}) == [
    ("k", "mean-shift")], "a constant training feature: any change of mean is a shift"
### BEGIN HIDDEN TESTS
assert skew_report({"k": [None, None]}, {"k": [None, None]}) == []
assert skew_report({"k": [None, 1.0]}, {"k": [None, None, 1.0, 9.0]}) == [("k", "mean-shift")]
assert skew_report({"k": [0.0, 0.0]}, {"k": [-1.0]}) == [("k", "mean-shift")]
assert skew_report({"k": [0.0, 4.0]}, {"k": [-1.0]}) == [("k", "mean-shift")]
assert skew_report({"k": [1.0]}, {"k": [None]}) == [("k", "null-rate")]
assert skew_report({}, {}) == []
try:
    skew_report({"k": []}, {"k": [1.0]})
except ValueError:
    pass
else:
    raise AssertionError("an empty training list must raise ValueError")
train_copy = {"k": [1.0, None]}
skew_report(train_copy, {"k": [None]})
assert train_copy == {"k": [1.0, None]}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "nulls-in-mean", "fails": ["t2", "t3", "t4"]}
def skew_report(train: dict[str, list[float | None]], serving: dict[str, list[float | None]],
                max_shift: float = 0.5, max_null_gap: float = 0.05) -> list[tuple[str, str]]:
    problems = [(name, "unexpected") for name in serving if name not in train]
    for name, train_values in train.items():
        if not train_values:
            raise ValueError(name)
        serving_values = serving.get(name)
        if not serving_values:
            problems.append((name, "missing"))
            continue
        null_t = train_values.count(None) / len(train_values)
        null_s = serving_values.count(None) / len(serving_values)
        if abs(null_s - null_t) > max_null_gap:
            problems.append((name, "null-rate"))
        as_zero_t = [v or 0.0 for v in train_values]
        as_zero_s = [v or 0.0 for v in serving_values]
        spread = pstdev(as_zero_t)
        gap = abs(fmean(as_zero_s) - fmean(as_zero_t))
        if (gap / spread > max_shift) if spread else gap > 0:
            problems.append((name, "mean-shift"))
    return sorted(problems)

# %% course={"kind": "wrong", "id": "divide-by-zero-spread", "fails": ["t4"]}
def skew_report(train: dict[str, list[float | None]], serving: dict[str, list[float | None]],
                max_shift: float = 0.5, max_null_gap: float = 0.05) -> list[tuple[str, str]]:
    problems = [(name, "unexpected") for name in serving if name not in train]
    for name, train_values in train.items():
        if not train_values:
            raise ValueError(name)
        serving_values = serving.get(name)
        if not serving_values:
            problems.append((name, "missing"))
            continue
        if abs(serving_values.count(None) / len(serving_values) - train_values.count(None) / len(train_values)) > max_null_gap:
            problems.append((name, "null-rate"))
        present_t = [v for v in train_values if v is not None]
        present_s = [v for v in serving_values if v is not None]
        if present_t and present_s and abs(fmean(present_s) - fmean(present_t)) / (pstdev(present_t) or 1.0) > max_shift:
            problems.append((name, "mean-shift"))
    return sorted(problems)

# %% [markdown] course={"kind": "exercise", "id": "ranking-metrics"}
# ### Exercise 7: ranking metrics (precision@k, recall@k, MRR)
#
# A search or recommendation model returns a ranked list of item ids (no repeats); a judge says which ids are
# relevant. Write:
#
# - `precision_at_k(ranked, relevant, k)`: relevant items among the first `k`, divided by `k` (a list shorter than
#   `k` still divides by `k`: empty slots are misses);
# - `recall_at_k(ranked, relevant, k)`: relevant items among the first `k`, divided by the number of relevant
#   items (`0.0` if there are none);
# - `mean_reciprocal_rank(queries)`: `queries` is a list of `(ranked, relevant)` pairs; each scores `1 / position`
#   of its first relevant item (positions start at 1), or 0 if none; return the mean (`0.0` for no queries).
#
# Every result is a `float`; a `k` below 1 raises `ValueError`.
#
# ```python
# precision_at_k(["a", "b", "c", "d"], {"b", "d", "x"}, 3)  # 1/3: only "b" is in the top 3
# ```

# %% [markdown] course={"kind": "hint"}
# `sum(item in relevant for item in ranked[:k])` counts the hits in the top `k`.

# %% [markdown] course={"kind": "hint"}
# For MRR, `enumerate(ranked, start=1)` gives 1-based positions; stop at the first hit.

# %% course={"kind": "solution"}
def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    ### BEGIN SOLUTION
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(item in relevant for item in ranked[:k]) / k
    ### END SOLUTION


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    ### BEGIN SOLUTION
    if k < 1:
        raise ValueError("k must be at least 1")
    if not relevant:
        return 0.0
    return sum(item in relevant for item in ranked[:k]) / len(relevant)
    ### END SOLUTION


def mean_reciprocal_rank(queries: Sequence[tuple[Sequence[str], set[str]]]) -> float:
    ### BEGIN SOLUTION
    total = 0.0
    for ranked, relevant in queries:
        for position, item in enumerate(ranked, start=1):
            if item in relevant:
                total += 1 / position
                break
    return total / len(queries) if queries else 0.0
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert precision_at_k(["a", "b", "c", "d"], {"b", "d", "x"}, 3) == 1 / 3, "one hit in the top 3"
assert recall_at_k(["a", "b", "c", "d"], {"b", "d", "x"}, 4) == 2 / 3, "2 of the 3 relevant items found"
assert type(precision_at_k(["a"], {"a"}, 1)) is float and type(recall_at_k(["a"], {"a"}, 1)) is float

# %% course={"kind": "test", "points": 1}
assert precision_at_k(["a", "b"], {"a", "b"}, 5) == 0.4, "only 2 results for k=5: 2/5, not 2/2"
assert recall_at_k(["a"], set(), 3) == 0.0 and type(recall_at_k(["a"], set(), 3)) is float, "no relevant items: 0.0"
### BEGIN HIDDEN TESTS
assert precision_at_k([], {"a"}, 1) == 0.0
assert precision_at_k(["a", "b", "c"], {"c"}, 2) == 0.0 and precision_at_k(["a", "b", "c"], {"c"}, 3) == 1 / 3
assert recall_at_k(["a", "b", "c"], {"c"}, 2) == 0.0 and recall_at_k(["a", "b", "c"], {"c"}, 3) == 1.0
assert recall_at_k(["a", "b", "c"], {"a", "c"}, 1) == 0.5
for f in (precision_at_k, recall_at_k):
    for k in (0, -1):
        try:
            f(["a"], {"a"}, k)
        except ValueError:
            pass
        else:
            raise AssertionError(f"{f.__name__} with k={k} must raise ValueError")
assert precision_at_k(["a"], {"a"}, 1) == 1.0 and recall_at_k(["a"], {"a"}, 1) == 1.0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
queries = [(["x", "a"], {"a"}), (["b", "y"], {"b"}), (["p", "q", "r"], {"z"})]
assert mean_reciprocal_rank(queries) == 0.5, "(1/2 + 1 + 0) / 3"
### BEGIN HIDDEN TESTS
assert mean_reciprocal_rank([]) == 0.0 and type(mean_reciprocal_rank([])) is float
assert mean_reciprocal_rank([(["a", "b", "c"], {"b", "c"})]) == 0.5, "only the FIRST relevant item counts"
assert mean_reciprocal_rank([(["a", "b", "c"], {"c"})]) == 1 / 3
assert mean_reciprocal_rank([(["a"], {"a"})]) == 1.0 and type(mean_reciprocal_rank([(["a"], {"a"})])) is float
assert mean_reciprocal_rank([([], {"a"}), (["a"], {"a"})]) == 0.5
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "divide-by-returned", "fails": ["t2"]}
def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    top = ranked[:k]
    return sum(item in relevant for item in top) / len(top) if top else 0.0


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(item in relevant for item in ranked[:k]) / len(relevant) if relevant else 0.0


def mean_reciprocal_rank(queries: Sequence[tuple[Sequence[str], set[str]]]) -> float:
    ranks = [next((1 / p for p, item in enumerate(r, start=1) if item in rel), 0.0) for r, rel in queries]
    return sum(ranks) / len(ranks) if ranks else 0.0

# %% course={"kind": "wrong", "id": "mrr-sums-all-hits", "fails": ["t3"]}
def precision_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(item in relevant for item in ranked[:k]) / k


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    return sum(item in relevant for item in ranked[:k]) / len(relevant) if relevant else 0.0


def mean_reciprocal_rank(queries: Sequence[tuple[Sequence[str], set[str]]]) -> float:
    total = sum(1 / p for ranked, rel in queries for p, item in enumerate(ranked, start=1) if item in rel)
    return total / len(queries) if queries else 0.0

# %% [markdown] course={"kind": "exercise", "id": "ndcg"}
# ### Exercise 8: NDCG@k, for graded relevance
#
# Precision treats every hit alike; search results are judged on a scale (3 = perfect, 1 = somewhat, 0 = not
# relevant) and a perfect result at position 1 is worth more than at position 5. **DCG@k** adds each result's gain
# divided by `log2(position + 1)` (positions from 1, so position 1 is divided by 1, position 2 by `log2 3`...).
# **NDCG@k** divides that by the DCG@k of the best possible order of the judged items (all gains sorted from high
# to low), so 1.0 is a perfect ranking. Write `ndcg_at_k(ranked, gains, k)`: `gains` maps item ids to their gain
# (items not in it have gain 0). Return a `float`; `0.0` when no judged item has a positive gain; `k < 1` raises
# `ValueError`. (This is the linear-gain form; some libraries use `2**gain − 1` instead: same idea, other numbers.)
#
# ```python
# ndcg_at_k(["b", "a"], {"a": 1.0}, 2)  # (0 + 1/log2(3)) / (1/log2(2)) = 0.6309...
# ```

# %% [markdown] course={"kind": "hint"}
# With `enumerate(ranked[:k])` the index `i` starts at 0, so the discount is `math.log2(i + 2)`.

# %% [markdown] course={"kind": "hint"}
# The ideal DCG uses the gains themselves: `sorted(gains.values(), reverse=True)[:k]`, not the ranked items.

# %% course={"kind": "solution"}
def ndcg_at_k(ranked: Sequence[str], gains: dict[str, float], k: int) -> float:
    ### BEGIN SOLUTION
    if k < 1:
        raise ValueError("k must be at least 1")
    dcg = sum(gains.get(item, 0.0) / math.log2(i + 2) for i, item in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum(gain / math.log2(i + 2) for i, gain in enumerate(ideal))
    return dcg / best if best > 0 else 0.0
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = ndcg_at_k(["b", "a"], {"a": 1.0}, 2)
assert type(got) is float and abs(got - 1 / math.log2(3)) < 1e-12, f"the one relevant item at position 2: {got}"
assert ndcg_at_k(["a", "b"], {"a": 1.0}, 2) == 1.0, "best possible order: 1.0"

# %% course={"kind": "test", "points": 2}
gains = {"p": 3.0, "s": 1.0, "q": 2.0}
got = ndcg_at_k(["q", "x", "p", "s"], gains, 3)
expected = (2.0 + 0.0 / math.log2(3) + 3.0 / 2.0) / (3.0 + 2.0 / math.log2(3) + 1.0 / 2.0)
assert abs(got - expected) < 1e-12, f"graded gains, log2 discount, ideal from the gains: {got} vs {expected}"
### BEGIN HIDDEN TESTS
assert abs(ndcg_at_k(["q", "x", "p", "s"], gains, 1) - 2.0 / 3.0) < 1e-12
assert abs(ndcg_at_k(["s", "q", "p"], gains, 2) - (1.0 + 2.0 / math.log2(3)) / (3.0 + 2.0 / math.log2(3))) < 1e-12
assert abs(ndcg_at_k(["q", "x", "p", "s"], gains, 10) - (2.0 + 1.5 + 1.0 / math.log2(5)) / (3.0 + 2.0 / math.log2(3) + 0.5)) < 1e-12
assert ndcg_at_k(["x", "y"], gains, 2) == 0.0
assert abs(ndcg_at_k(["a", "b", "c"], {"c": 1.0}, 3) - 0.5) < 1e-12, "position 3 is divided by log2(4) = 2"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert ndcg_at_k(["a"], {}, 1) == 0.0 and type(ndcg_at_k(["a"], {}, 1)) is float, "nothing relevant: 0.0"
assert ndcg_at_k(["a"], {"a": 0.0}, 1) == 0.0, "zero gains only: 0.0"
### BEGIN HIDDEN TESTS
assert ndcg_at_k([], {"a": 2.0}, 3) == 0.0
for k in (0, -2):
    try:
        ndcg_at_k(["a"], {"a": 1.0}, k)
    except ValueError:
        pass
    else:
        raise AssertionError("k < 1 must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "log2-of-position", "fails": ["t1", "t2"]}
def ndcg_at_k(ranked: Sequence[str], gains: dict[str, float], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    dcg = sum(gains.get(item, 0.0) / math.log2(i + 1) if i else gains.get(item, 0.0) for i, item in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum(gain / math.log2(i + 1) if i else gain for i, gain in enumerate(ideal))
    return dcg / best if best > 0 else 0.0

# %% course={"kind": "wrong", "id": "ideal-from-ranked", "fails": ["t2"]}
def ndcg_at_k(ranked: Sequence[str], gains: dict[str, float], k: int) -> float:
    if k < 1:
        raise ValueError("k must be at least 1")
    dcg = sum(gains.get(item, 0.0) / math.log2(i + 2) for i, item in enumerate(ranked[:k]))
    ideal = sorted((gains.get(item, 0.0) for item in ranked[:k]), reverse=True)
    best = sum(gain / math.log2(i + 2) for i, gain in enumerate(ideal))
    return dcg / best if best > 0 else 0.0

# %% [markdown] course={"kind": "exercise", "id": "feedback-loop"}
# ### Exercise 9: a feedback loop, simulated
#
# A recommender shows one of `len(true_ctr)` items per round; item `i` is clicked with probability `true_ctr[i]`
# (which the system does not know). It estimates each item's click rate as `clicks / shows` (0.0 for an item never
# shown) and, with probability `1 − epsilon`, shows the item with the highest estimate (lowest index on ties);
# with probability `epsilon` it explores and shows a random item. Write
# `simulate_feedback(true_ctr, rounds, epsilon, seed) -> list[int]`, the number of times each item was shown.
# Use one `random.Random(seed)` and, so that results are reproducible, exactly these calls each round, in order:
# `rng.random() < epsilon` (explore?), then `rng.randrange(len(true_ctr))` **only when exploring**, then
# `rng.random() < true_ctr[item]` (clicked?).
#
# ```python
# simulate_feedback([0.1, 0.5], 1000, 0.0, 1)  # [1000, 0]: item 1 is better but is never shown, so never learned
# ```

# %% [markdown] course={"kind": "hint"}
# `max(range(n), key=lambda i: (estimate(i), -i))` picks the highest estimate and, among equals, the lowest index.

# %% [markdown] course={"kind": "hint"}
# Draw the click with `rng.random()` *every* round, explored or not, or your sequence of random numbers drifts
# from the reference one.

# %% course={"kind": "solution", "equivalent": {"m-15c0ef16": "random() equals epsilon exactly with probability about 2**-53; no seed used here hits it", "m-3eb267a3": "random() equals a click rate exactly with probability about 2**-53", "m-6bc75df0": "doubling every click count doubles every estimate, so the greedy choice (and the shows returned) never change"}}
def simulate_feedback(true_ctr: Sequence[float], rounds: int, epsilon: float, seed: int) -> list[int]:
    ### BEGIN SOLUTION
    rng = random.Random(seed)
    n = len(true_ctr)
    shows = [0] * n
    clicks = [0] * n
    for _ in range(rounds):
        if rng.random() < epsilon:
            item = rng.randrange(n)
        else:
            item = max(range(n), key=lambda i: (clicks[i] / shows[i] if shows[i] else 0.0, -i))
        shows[item] += 1
        if rng.random() < true_ctr[item]:
            clicks[item] += 1
    return shows
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert simulate_feedback([0.1, 0.5], 1000, 0.0, 1) == [1000, 0], "no exploration: the better item is never tried"
assert sum(simulate_feedback([0.1, 0.5, 0.3], 500, 0.2, 3)) == 500, "one show per round"

# %% course={"kind": "test", "points": 2}
got = simulate_feedback([0.1, 0.5, 0.3], 500, 0.2, 3)
assert got == [40, 417, 43], f"seeded reference run (0.2 exploration): {got}"
assert got[1] > got[0] and got[1] > got[2], "with exploration the best item ends up shown most"
### BEGIN HIDDEN TESTS
assert simulate_feedback([0.0, 0.0, 0.9], 300, 0.1, 11) == [54, 10, 236]
assert simulate_feedback([0.3, 0.6], 200, 1.0, 4) == [100, 100]
assert simulate_feedback([0.2, 0.2], 50, 0.0, 9) == [50, 0]
assert simulate_feedback([0.5], 0, 0.5, 1) == [0]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "click-only-when-greedy", "fails": ["t2"]}
def simulate_feedback(true_ctr: Sequence[float], rounds: int, epsilon: float, seed: int) -> list[int]:
    rng = random.Random(seed)
    n = len(true_ctr)
    shows, clicks = [0] * n, [0] * n
    for _ in range(rounds):
        if rng.random() < epsilon:
            item = rng.randrange(n)
            shows[item] += 1
            continue
        item = max(range(n), key=lambda i: (clicks[i] / shows[i] if shows[i] else 0.0, -i))
        shows[item] += 1
        clicks[item] += rng.random() < true_ctr[item]
    return shows

# %% course={"kind": "wrong", "id": "ties-to-last", "fails": ["t1", "t2"]}
def simulate_feedback(true_ctr: Sequence[float], rounds: int, epsilon: float, seed: int) -> list[int]:
    rng = random.Random(seed)
    n = len(true_ctr)
    shows, clicks = [0] * n, [0] * n
    for _ in range(rounds):
        if rng.random() < epsilon:
            item = rng.randrange(n)
        else:
            item = max(range(n), key=lambda i: clicks[i] / shows[i] if shows[i] else 0.0)
            item = max(i for i in range(n) if (clicks[i] / shows[i] if shows[i] else 0.0) == (clicks[item] / shows[item] if shows[item] else 0.0))
        shows[item] += 1
        if rng.random() < true_ctr[item]:
            clicks[item] += 1
    return shows

# %% [markdown] course={"kind": "exercise", "id": "two-stage-ranking"}
# ### Exercise 10: candidate generation + ranking, with `heapq`
#
# Large recommenders work in two stages: a **cheap** score over every item picks a few hundred candidates, and an
# **expensive** model scores only those. Write `two_stage(user, embeddings, rank_score, n_candidates, k)`:
#
# 1. the cheap score of an item is the dot product of `user` and `embeddings[item]`; keep the `n_candidates` items
#    with the highest cheap score;
# 2. call `rank_score(item)` **once for each candidate and for nothing else**, and return the ids of the `k`
#    candidates with the highest rank score, best first, as a `list`.
#
# Ties (in either stage) go to the smaller item id. Raise `ValueError` unless `1 <= k <= n_candidates`.
# Sorting all `N` items would give the same answer; `heapq.nlargest`/`nsmallest` keep only the best few while they
# scan, so stage 1 costs `O(N log n_candidates)` instead of `O(N log N)` (the tests check results and calls, not
# which of the two you used).
#
# ```python
# emb = {"a": [1.0, 0.0], "b": [0.0, 1.0], "c": [0.9, 0.1]}
# two_stage([1.0, 0.0], emb, {"a": 0.2, "c": 0.7, "b": 0.9}.get, 2, 1)  # ["c"]: a and c are candidates, c ranks higher
# ```

# %% [markdown] course={"kind": "hint"}
# `heapq.nsmallest(n, items, key=lambda item: (-score(item), item))` gives the highest scores first and breaks
# ties by the smaller id; `nsmallest` computes each key once.

# %% [markdown] course={"kind": "hint"}
# Score stage 2 over `candidates` only, not over `embeddings`: the expensive model must not see the rest.

# %% course={"kind": "solution"}
def two_stage(user: Sequence[float], embeddings: dict[str, Sequence[float]], rank_score: Callable[[str], float],
              n_candidates: int, k: int) -> list[str]:
    ### BEGIN SOLUTION
    if not 1 <= k <= n_candidates:
        raise ValueError("need 1 <= k <= n_candidates")
    def cheap(item: str) -> float:
        return sum(u * e for u, e in zip(user, embeddings[item]))
    candidates = heapq.nsmallest(n_candidates, embeddings, key=lambda item: (-cheap(item), item))
    return heapq.nsmallest(k, candidates, key=lambda item: (-rank_score(item), item))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
emb = {"a": [1.0, 0.0], "b": [0.0, 1.0], "c": [0.9, 0.1]}
assert two_stage([1.0, 0.0], emb, {"a": 0.2, "c": 0.7, "b": 0.9}.get, 2, 1) == ["c"], "b is never a candidate"

# %% course={"kind": "test", "points": 2}
calls: list[str] = []
def counted_score(item: str) -> float:
    calls.append(item)
    return {"a": 0.2, "c": 0.7, "b": 0.9}[item]
got = two_stage([1.0, 0.0], emb, counted_score, 2, 2)
assert got == ["c", "a"] and type(got) is list, f"best first, a list: {got}"
assert sorted(calls) == ["a", "c"], f"the expensive model scores each candidate once and nothing else: {calls}"
### BEGIN HIDDEN TESTS
tie = {"z": [1.0], "y": [1.0], "x": [1.0], "w": [0.5]}
assert two_stage([1.0], tie, lambda item: 1.0, 2, 2) == ["x", "y"], "ties in both stages: smaller id first"
assert two_stage([1.0], tie, {"z": 1.0, "y": 2.0, "x": 3.0, "w": 9.0}.get, 3, 3) == ["x", "y", "z"]
assert two_stage([1.0], tie, {"z": 1.0, "y": 2.0, "x": 3.0, "w": 9.0}.get, 4, 1) == ["w"]
assert two_stage([-1.0], tie, {"z": 1.0, "y": 2.0, "x": 3.0, "w": 0.0}.get, 1, 1) == ["w"], "negative dot products"
assert two_stage([2.0, -1.0], {"p": [1.0, 3.0], "q": [0.0, -1.0]}, {"p": 5.0, "q": 1.0}.get, 1, 1) == ["q"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [(0, 0), (2, 3), (1, 0)]:
    try:
        two_stage([1.0], {"a": [1.0]}, lambda item: 0.0, *bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"n_candidates, k = {bad} must raise ValueError")
### BEGIN HIDDEN TESTS
rng_items = random.Random(8)
many = {f"i{n:05d}": [rng_items.uniform(-1, 1) for _ in range(4)] for n in range(20_000)}
calls.clear()
def late_is_worse(item: str) -> float:
    calls.append(item)
    return -float(len(calls))
got = two_stage([0.5, -0.2, 0.1, 0.9], many, late_is_worse, 50, 5)
assert len(calls) == 50 and len(got) == 5
best_cheap = sorted(many, key=lambda item: (-sum(u * e for u, e in zip([0.5, -0.2, 0.1, 0.9], many[item])), item))[:50]
assert sorted(calls) == sorted(best_cheap)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rank-everything", "fails": ["t2", "t3"]}
def two_stage(user: Sequence[float], embeddings: dict[str, Sequence[float]], rank_score: Callable[[str], float],
              n_candidates: int, k: int) -> list[str]:
    if not 1 <= k <= n_candidates:
        raise ValueError("need 1 <= k <= n_candidates")
    scored = {item: rank_score(item) for item in embeddings}
    def cheap(item: str) -> float:
        return sum(u * e for u, e in zip(user, embeddings[item]))
    candidates = heapq.nsmallest(n_candidates, embeddings, key=lambda item: (-cheap(item), item))
    return heapq.nsmallest(k, candidates, key=lambda item: (-scored[item], item))

# %% course={"kind": "wrong", "id": "ties-by-insertion", "fails": ["t2"]}
def two_stage(user: Sequence[float], embeddings: dict[str, Sequence[float]], rank_score: Callable[[str], float],
              n_candidates: int, k: int) -> list[str]:
    if not 1 <= k <= n_candidates:
        raise ValueError("need 1 <= k <= n_candidates")
    def cheap(item: str) -> float:
        return sum(u * e for u, e in zip(user, embeddings[item]))
    candidates = heapq.nlargest(n_candidates, embeddings, key=cheap)
    return heapq.nlargest(k, candidates, key=rank_score)

# %% [markdown] course={"kind": "exercise", "id": "model-registry"}
# ### Exercise 11: a model registry with stages and rollback
#
# Write a class `ModelRegistry` for the versions of one model:
#
# - `register(metrics)` stores a **copy** of the metrics dict and returns the new version number (1, 2, 3...); a
#   new version is in stage `"none"`. `stage(version)` returns its stage; `metrics(version)` a copy of its metrics;
#   both raise `KeyError` for an unknown version.
# - `promote(version, stage)` allows only `none → staging`, `staging → production`, and any stage except
#   `archived` `→ archived`; anything else raises `ValueError` (so nothing goes to production without staging).
#   At most one version is in production: promoting one archives the one there before.
# - `production()` returns the production version or `None`.
# - `rollback()` archives the current production version and puts back the version it replaced (the most recent
#   one that was replaced by a promotion and not yet restored), returning it. Without a production version, or
#   with nothing to go back to, raise `ValueError`. Rolling back twice goes two versions back.
#
# ```python
# reg = ModelRegistry(); v1 = reg.register({"auc": 0.81}); v2 = reg.register({"auc": 0.84})
# for v in (v1, v2): reg.promote(v, "staging"); reg.promote(v, "production")
# reg.rollback()  # 1: v2 archived, v1 back in production
# ```

# %% [markdown] course={"kind": "hint"}
# In `__init__` keep a dict version → stage, a dict version → metrics, and a stack (a list) of the versions that
# production replaced.

# %% [markdown] course={"kind": "hint"}
# Allowed moves fit in a set of `(from, to)` pairs; `rollback` pops the stack, and the popped version goes straight
# back to `"production"` (it was there before, so it skips staging).

# %% course={"kind": "solution"}
class ModelRegistry:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._moves = {("none", "staging"), ("staging", "production"), ("none", "archived"),
                       ("staging", "archived"), ("production", "archived")}
        self._stages: dict[int, str] = {}
        self._metrics: dict[int, dict[str, float]] = {}
        self._replaced: list[int] = []
        ### END SOLUTION

    def register(self, metrics: dict[str, float]) -> int:
        ### BEGIN SOLUTION
        version = len(self._stages) + 1
        self._stages[version] = "none"
        self._metrics[version] = dict(metrics)
        return version
        ### END SOLUTION

    def stage(self, version: int) -> str:
        ### BEGIN SOLUTION
        return self._stages[version]
        ### END SOLUTION

    def metrics(self, version: int) -> dict[str, float]:
        ### BEGIN SOLUTION
        return dict(self._metrics[version])
        ### END SOLUTION

    def production(self) -> int | None:
        ### BEGIN SOLUTION
        return next((v for v, s in self._stages.items() if s == "production"), None)
        ### END SOLUTION

    def promote(self, version: int, stage: str) -> None:
        ### BEGIN SOLUTION
        if (self._stages[version], stage) not in self._moves:
            raise ValueError(f"cannot move version {version} from {self._stages[version]} to {stage}")
        if stage == "production":
            current = self.production()
            if current is not None:
                self._stages[current] = "archived"
                self._replaced.append(current)
        self._stages[version] = stage
        ### END SOLUTION

    def rollback(self) -> int:
        ### BEGIN SOLUTION
        current = self.production()
        if current is None or not self._replaced:
            raise ValueError("nothing to roll back")
        previous = self._replaced.pop()
        self._stages[current] = "archived"
        self._stages[previous] = "production"
        return previous
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
reg = ModelRegistry()
v1, v2 = reg.register({"auc": 0.81}), reg.register({"auc": 0.84})
assert (v1, v2) == (1, 2) and reg.stage(v1) == "none", "versions count from 1 and start in 'none'"
for v in (v1, v2):
    reg.promote(v, "staging")
    reg.promote(v, "production")
assert reg.production() == 2 and reg.stage(1) == "archived", "one production version: the old one is archived"
assert reg.rollback() == 1 and reg.production() == 1 and reg.stage(2) == "archived", "rollback restores v1"

# %% course={"kind": "test", "points": 2}
reg = ModelRegistry()
assert reg.production() is None
for _ in range(3):
    reg.register({})
try:
    reg.promote(1, "production")
except ValueError:
    pass
else:
    raise AssertionError("none -> production must be refused: staging first")
### BEGIN HIDDEN TESTS
for bad_move in [("none", "production"), ("none", "none"), ("staging", "none"), ("staging", "staging")]:
    r = ModelRegistry()
    r.register({})
    if bad_move[0] == "staging":
        r.promote(1, "staging")
    try:
        r.promote(1, bad_move[1])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad_move} must raise ValueError")
r = ModelRegistry()
r.register({})
r.promote(1, "archived")
assert r.stage(1) == "archived"
for target in ("archived", "staging", "production", "none"):
    try:
        r.promote(1, target)
    except ValueError:
        pass
    else:
        raise AssertionError(f"archived -> {target} must raise ValueError")
r = ModelRegistry()
r.register({})
r.promote(1, "staging")
r.promote(1, "archived")
assert r.stage(1) == "archived"
r = ModelRegistry()
r.register({})
r.promote(1, "staging")
r.promote(1, "production")
for target in ("staging", "production", "none"):
    try:
        r.promote(1, target)
    except ValueError:
        pass
    else:
        raise AssertionError(f"production -> {target} must raise ValueError")
r.promote(1, "archived")
assert r.production() is None and r.stage(1) == "archived"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
reg = ModelRegistry()
for n in range(3):
    reg.register({"auc": 0.8 + n / 100})
    reg.promote(n + 1, "staging")
    reg.promote(n + 1, "production")
assert reg.rollback() == 2 and reg.rollback() == 1, "each rollback goes one version further back"
assert [reg.stage(v) for v in (1, 2, 3)] == ["production", "archived", "archived"]
try:
    reg.rollback()
except ValueError:
    pass
else:
    raise AssertionError("nothing left to roll back to: ValueError")
### BEGIN HIDDEN TESTS
empty = ModelRegistry()
try:
    empty.rollback()
except ValueError:
    pass
else:
    raise AssertionError("empty registry: ValueError")
r = ModelRegistry()
for _ in range(2):
    r.register({})
r.promote(1, "staging")
r.promote(1, "production")
r.promote(2, "staging")
r.promote(2, "production")
r.promote(2, "archived")
try:
    r.rollback()
except ValueError:
    pass
else:
    raise AssertionError("no production version: ValueError")
assert r.stage(1) == "archived" and r.production() is None
r = ModelRegistry()
for _ in (1, 2, 3):
    r.register({})
r.promote(1, "staging")
r.promote(1, "production")
r.promote(2, "staging")
r.promote(2, "production")
assert r.rollback() == 1
r.promote(3, "staging")
r.promote(3, "production")
assert r.rollback() == 1 and r.stage(3) == "archived" and r.stage(2) == "archived"
r = ModelRegistry()
for v in (1, 2):
    r.register({})
    r.promote(v, "staging")
r.promote(1, "production")
r.promote(2, "production")
assert r.stage(1) == "archived" and r.production() == 2, "two versions staged first: still one production"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
reg = ModelRegistry()
given = {"auc": 0.9}
reg.register(given)
given["auc"] = 0.1
assert reg.metrics(1) == {"auc": 0.9}, "register stores a copy"
reg.metrics(1)["auc"] = 0.2
assert reg.metrics(1) == {"auc": 0.9}, "metrics() returns a copy"
### BEGIN HIDDEN TESTS
for call in (lambda: reg.stage(2), lambda: reg.metrics(0), lambda: reg.promote(5, "staging")):
    try:
        call()
    except KeyError:
        pass
    else:
        raise AssertionError("unknown version: KeyError")
assert reg.register({}) == 2 and reg.metrics(2) == {}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-staging-gate", "fails": ["t2"]}
class ModelRegistry:
    def __init__(self) -> None:
        self._stages: dict[int, str] = {}
        self._metrics: dict[int, dict[str, float]] = {}
        self._replaced: list[int] = []

    def register(self, metrics: dict[str, float]) -> int:
        version = len(self._stages) + 1
        self._stages[version] = "none"
        self._metrics[version] = dict(metrics)
        return version

    def stage(self, version: int) -> str:
        return self._stages[version]

    def metrics(self, version: int) -> dict[str, float]:
        return dict(self._metrics[version])

    def production(self) -> int | None:
        return next((v for v, s in self._stages.items() if s == "production"), None)

    def promote(self, version: int, stage: str) -> None:
        if self._stages[version] == "archived":
            raise ValueError("archived")
        if stage == "production":
            current = self.production()
            if current is not None:
                self._stages[current] = "archived"
                self._replaced.append(current)
        self._stages[version] = stage

    def rollback(self) -> int:
        current = self.production()
        if current is None or not self._replaced:
            raise ValueError("nothing to roll back")
        previous = self._replaced.pop()
        self._stages[current] = "archived"
        self._stages[previous] = "production"
        return previous

# %% course={"kind": "wrong", "id": "rollback-to-highest", "fails": ["t3"]}
class ModelRegistry:
    def __init__(self) -> None:
        self._stages: dict[int, str] = {}
        self._metrics: dict[int, dict[str, float]] = {}

    def register(self, metrics: dict[str, float]) -> int:
        version = len(self._stages) + 1
        self._stages[version] = "none"
        self._metrics[version] = dict(metrics)
        return version

    def stage(self, version: int) -> str:
        return self._stages[version]

    def metrics(self, version: int) -> dict[str, float]:
        return dict(self._metrics[version])

    def production(self) -> int | None:
        return next((v for v, s in self._stages.items() if s == "production"), None)

    def promote(self, version: int, stage: str) -> None:
        allowed = {("none", "staging"), ("staging", "production"), ("none", "archived"), ("staging", "archived"),
                   ("production", "archived")}
        if (self._stages[version], stage) not in allowed:
            raise ValueError("bad move")
        if stage == "production" and self.production() is not None:
            self._stages[self.production()] = "archived"
        self._stages[version] = stage

    def rollback(self) -> int:
        current = self.production()
        archived = [v for v, s in self._stages.items() if s == "archived" and v < (current or 0)]
        if current is None or not archived:
            raise ValueError("nothing to roll back")
        self._stages[current] = "archived"
        self._stages[max(archived)] = "production"
        return max(archived)

# %% [markdown] course={"kind": "exercise", "id": "batch-or-real-time"}
# ### Exercise 12: batch or real-time inference? A decision helper
#
# Write `inference_mode(needs_request_data, max_staleness_s, batch_period_s, entities, daily_requests,
# realtime_cost_ratio=5.0)` returning `(mode, reasons)`: `mode` is `"batch"` or `"real-time"`, `reasons` a list of
# codes, in this order:
#
# - `"request-data"` if the prediction needs data known only at request time;
# - `"freshness"` if `max_staleness_s < batch_period_s` (batch results can be a whole period old);
# - if either applies the answer is `"real-time"` with those reasons. Otherwise compare daily cost in "batch
#   prediction units" (placeholders: tune the ratio to your prices): batch scores every entity each period,
#   `entities × 86400 / batch_period_s`; real-time costs `daily_requests × realtime_cost_ratio`. Strictly cheaper
#   real-time → `("real-time", ["cost"])`, else `("batch", ["cost"])` (a tie goes to batch: simpler to run).
#
# Raise `ValueError` if `batch_period_s < 1`, or `max_staleness_s`, `entities` or `daily_requests` is negative.
#
# ```python
# inference_mode(False, 86_400, 86_400, 1_000_000, 50_000)  # ("real-time", ["cost"]): 50 000 x 5 = 250 000 units
# # a day on request, against 1 000 000 to score every entity once a day
# ```

# %% [markdown] course={"kind": "hint"}
# Collect the "must be real-time" reasons first; only if there are none does cost decide.

# %% [markdown] course={"kind": "hint"}
# A staleness limit equal to the batch period is fine for batch (`<`, not `<=`), and a cost tie goes to batch.

# %% course={"kind": "solution"}
def inference_mode(needs_request_data: bool, max_staleness_s: int, batch_period_s: int, entities: int,
                   daily_requests: int, realtime_cost_ratio: float = 5.0) -> tuple[str, list[str]]:
    ### BEGIN SOLUTION
    if batch_period_s < 1 or min(max_staleness_s, entities, daily_requests) < 0:
        raise ValueError("batch_period_s >= 1 and no negative staleness, entities or requests")
    reasons = []
    if needs_request_data:
        reasons.append("request-data")
    if max_staleness_s < batch_period_s:
        reasons.append("freshness")
    if reasons:
        return "real-time", reasons
    batch_cost = entities * 86_400 / batch_period_s
    realtime_cost = daily_requests * realtime_cost_ratio
    return ("real-time" if realtime_cost < batch_cost else "batch"), ["cost"]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert inference_mode(False, 86_400, 86_400, 1_000_000, 50_000) == ("real-time", ["cost"]), "250 k < 1 M units"
assert inference_mode(False, 86_400, 86_400, 1_000, 50_000) == ("batch", ["cost"]), "1 k batch units < 250 k"
assert type(inference_mode(False, 1, 1, 1, 1)) is tuple, "a (mode, reasons) tuple"

# %% course={"kind": "test", "points": 2}
assert inference_mode(True, 60, 3600, 10, 10) == ("real-time", ["request-data", "freshness"]), "both reasons, in order"
assert inference_mode(False, 3600, 3600, 10, 10**9) == ("batch", ["cost"]), "staleness equal to the period is fine"
### BEGIN HIDDEN TESTS
assert inference_mode(True, 3600, 3600, 10, 10) == ("real-time", ["request-data"])
assert inference_mode(False, 3599, 3600, 10, 10) == ("real-time", ["freshness"])
assert inference_mode(False, 3601, 3600, 10, 10**9) == ("batch", ["cost"])
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert inference_mode(False, 86_400, 86_400, 500, 100) == ("batch", ["cost"]), "a tie (500 = 100 x 5) goes to batch"
### BEGIN HIDDEN TESTS
assert inference_mode(False, 86_400, 86_400, 501, 100) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 43_200, 250, 100) == ("batch", ["cost"])  # 500 = 500
assert inference_mode(False, 86_400, 43_200, 251, 100) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 3600, 10, 48, 5.0) == ("batch", ["cost"])  # 240 = 240
assert inference_mode(False, 86_400, 3600, 10, 47, 5.0) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 86_400, 100, 100, 1.0) == ("batch", ["cost"])
assert inference_mode(False, 86_400, 86_400, 100, 99, 1.0) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 86_400, 300, 100, 2.5) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 86_400, 0, 0) == ("batch", ["cost"])
assert inference_mode(False, 0, 1, 0, 0) == ("real-time", ["freshness"])
assert inference_mode(False, 86_400, 86_400, 1, 1, 0.999995) == ("real-time", ["cost"])
assert inference_mode(False, 86_400, 50_000, 1, 1, 1.5) == ("real-time", ["cost"])  # 1.5 < 1.728
### END HIDDEN TESTS
for bad in [(False, 10, 0, 1, 1), (False, -1, 10, 1, 1), (False, 10, 10, -1, 1), (False, 10, 10, 1, -1)]:
    try:
        inference_mode(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"inference_mode{bad} must raise ValueError")

# %% course={"kind": "wrong", "id": "first-reason-only", "fails": ["t2"]}
def inference_mode(needs_request_data: bool, max_staleness_s: int, batch_period_s: int, entities: int,
                   daily_requests: int, realtime_cost_ratio: float = 5.0) -> tuple[str, list[str]]:
    if batch_period_s < 1 or min(max_staleness_s, entities, daily_requests) < 0:
        raise ValueError("bad argument")
    if needs_request_data:
        return "real-time", ["request-data"]
    if max_staleness_s < batch_period_s:
        return "real-time", ["freshness"]
    cheaper = daily_requests * realtime_cost_ratio < entities * 86_400 / batch_period_s
    return ("real-time" if cheaper else "batch"), ["cost"]

# %% course={"kind": "wrong", "id": "tie-to-real-time", "fails": ["t3"]}
def inference_mode(needs_request_data: bool, max_staleness_s: int, batch_period_s: int, entities: int,
                   daily_requests: int, realtime_cost_ratio: float = 5.0) -> tuple[str, list[str]]:
    if batch_period_s < 1 or min(max_staleness_s, entities, daily_requests) < 0:
        raise ValueError("bad argument")
    reasons = ["request-data"] * needs_request_data + ["freshness"] * (max_staleness_s < batch_period_s)
    if reasons:
        return "real-time", reasons
    cheaper = daily_requests * realtime_cost_ratio <= entities * 86_400 / batch_period_s
    return ("real-time" if cheaper else "batch"), ["cost"]

# %% [markdown] course={"kind": "lesson", "id": "design-recsys", "covers": ["c-ml-system-components", "c-offline-training-online-serving", "c-serving-scale"]}
# ### Worked design: a recommendation system
#
# **Requirements.** "More like this" and a home feed for a shop: 20 M users, 2 M items, 5 k feed requests per
# second at peak, p99 under 150 ms; new items recommendable within an hour; success = click-through and orders,
# measured by A/B test.
#
# **Estimates.** Scoring 2 M items per request is 10^10 scores a second: impossible, hence two stages (exercise
# 10): retrieve ~500 candidates with an approximate nearest-neighbour search over item embeddings, rank those
# with a heavier model: 5 k × 500 = 2.5 M rankings a second, spread over replicas sized by exercise 1. Events:
# ~300 M a day × 200 B ≈ 60 GB a day raw.
#
# ```
#  clicks, views, orders ──► queue ──► raw events (daily partitions) ──► batch features (user history, item stats)
#        ▲                                  │                                   │
#        │                          streaming counts (last hour)                ▼
#        │                                  └────────► online store ◄── offline store ──► training (daily):
#        │                                                  │                    two-tower retrieval + ranker
#  request ──► feed service ──► retrieval (ANN index) ──► ranker ──► re-rank rules (diversity, stock) ──► response
#                                                                        │ log what was SHOWN, with model version
#                                                                        ▼
#                                                       monitoring: CTR per model version, coverage, latency, drift
# ```
#
# **Data/features**: user history, item popularity (streaming counts for freshness), item text and category
# embeddings for new items (cold start). **Training**: daily, on impressions *with* their outcome, joined point in
# time (exercise 5). **Serving**: retrieval index rebuilt hourly so new items appear; ranker as a remote service.
# **Monitoring**: CTR by model version, share of catalogue ever shown (collapse, exercise 9), feature freshness.
# **Trade-offs**: exploration costs a little CTR now for better data later; batch-precomputed feeds are cheap but
# stale; a bigger ranker is better offline but must fit the latency budget.

# %% course={"kind": "demo"}
# The estimates of the design, recomputed.
peak_qps, candidates, catalogue = 5_000, 500, 2_000_000
print(f"scoring the whole catalogue: {peak_qps * catalogue:.1e} scores a second")
print(f"two stages: {peak_qps * candidates:,} ranker scores a second")
print(f"raw events: {300_000_000 * 200 / 1e9:.0f} GB a day")

# %% [markdown] course={"kind": "task", "id": "recsys-design", "points": 3, "item": "x-design-a-recommendation-system"}
# ### Your design: recommendations for a video app
#
# Design the recommender of a short-video app (50 M users, videos uploaded every second, users judge a video in two
# seconds). Write one page: requirements with numbers, estimates (requests, candidates, storage), a text diagram,
# features (including fresh ones), how training avoids leakage, serving in two stages, what you monitor, and two
# trade-offs you chose. Reuse this notebook's calculators for the numbers.

# %% [markdown] course={"kind": "rubric"}
# - Numbers: peak QPS, candidates per request and replicas (or a cost) are computed, not guessed (1 point).
# - Two-stage serving with a cold-start answer for brand-new videos, and freshness of features stated (1 point).
# - Feedback loop named and handled (exploration, logging impressions) and an online metric chosen for A/B tests
#   (1 point).

# %% [markdown] course={"kind": "lesson", "id": "design-fraud", "covers": ["c-batch-vs-real-time", "c-monitoring", "c-training-data-management"]}
# ### Worked design: fraud detection for card payments
#
# **Requirements.** Decide approve / review / decline within 100 ms of a payment, 2 k payments a second at peak
# (1 k on average); fraud is ~0.1 % of payments; confirmed labels (chargebacks) arrive up to 60 days later.
#
# **Estimates.** 2 k/s × 20 ms model time = 40 in flight; at 8 per replica and 70 % busy, 8 replicas (exercise
# 1). 1 k/s × 86 400 s ≈ 86 M payments a day, of which ~86 k fraud: the classes are very unbalanced, so accuracy
# is useless (99.9 % by approving everything): use precision/recall at the decision threshold, and money saved.
#
# ```
#  payment ──► API ──► feature lookup (online store: card's spend last 1h/24h, merchant risk, device seen?)
#                  └─► rules (hard blocks) ──► model score ──► threshold ──► approve / review queue / decline
#                                                   │ log features + score + decision
#  payments stream ──► streaming aggregates (per card, per merchant) ──► online store
#  chargebacks (days later) ──► labels ──► point-in-time join with logged features ──► weekly training ──► registry
#  monitoring: score distribution, decline rate, review queue length, feature freshness, precision once labels land
# ```
#
# **Key points.** Real-time inference is forced (the answer depends on this payment). Velocity features (spend in
# the last hour) need streaming aggregation and are the classic skew source (exercise 6). Labels are delayed and
# biased: declined payments never get a label (a feedback loop), so keep a small random holdout that is reviewed
# instead of declined. Thresholds are a business decision (cost of a missed fraud vs an annoyed customer).
# **Trade-offs**: rules are explainable and instant to change; models catch new patterns; run both.

# %% course={"kind": "demo"}
# Why accuracy misleads with rare fraud: a "model" that approves everything.
payments, fraud_rate = 1_000 * 86_400, 0.001  # a day at the average rate
frauds = round(payments * fraud_rate)
print(f"approve-all accuracy: {(payments - frauds) / payments:.1%}, frauds caught: 0 of {frauds:,}")
in_flight = 2_000 * 0.020
print(f"in flight at peak: {in_flight:.0f}; replicas at 8 each, 70 % busy: {math.ceil(in_flight / (8 * 0.7))}")

# %% [markdown] course={"kind": "task", "id": "fraud-design", "points": 3, "item": "x-design-a-fraud-detection-system"}
# ### Your design: fraud checks for account sign-ups
#
# Design fraud detection for new account sign-ups of a marketplace (bots, stolen identities), decided within 300 ms.
# Cover requirements, estimates, a diagram, features (which need streaming), label sources and their delay, the
# metric you judge the model on, thresholds, and what you monitor.

# %% [markdown] course={"kind": "rubric"}
# - Real-time path with a latency budget and a fallback when the model is down (rules or approve-with-review) (1 point).
# - Label delay and selection bias discussed, with a holdout or review sample to keep learning (1 point).
# - A metric suited to rare positives (precision/recall, cost) instead of accuracy, and monitoring of drift (1 point).

# %% [markdown] course={"kind": "lesson", "id": "design-search", "covers": ["c-serving-infrastructure", "c-a-b-testing"]}
# ### Worked design: search ranking
#
# **Requirements.** A product search box: 1 k queries a second, p95 under 200 ms, 10 M products; results must match
# the query (recall) and put the best matches first (precision at the top).
#
# ```
#  query ──► query understanding (spelling, synonyms, category) ──► retrieval: inverted index (BM25) + vector search
#        ──► ~1000 candidates ──► learning-to-rank model (query-product features) ──► top 50 ──► business rules ──► page
#  judged queries (human grades 0-3) ──► offline NDCG@10 (exercise 8) ──► gate ──► A/B test on clicks/orders per search
#  logs: query, shown results, positions, clicks (position bias: top results get clicks for being on top)
# ```
#
# **Data/training**: human relevance grades for a query sample plus click logs (corrected for position bias, or
# with occasional shuffling of close results). **Evaluation**: offline NDCG@10 and MRR (exercise 7) decide what is
# worth an A/B test; the A/B test decides what ships. **Serving**: the index is updated as the catalogue changes;
# the ranker runs on the candidates only. **Trade-offs**: a heavier ranker vs latency; personalisation vs caching
# (personal results cannot be shared between users).

# %% course={"kind": "demo"}
# A latency budget per stage must add up to less than the p95 target (numbers are a plan, not measurements).
budget_ms = {"query understanding": 15, "retrieval": 40, "feature lookup": 30, "ranking 1000 candidates": 70,
             "rules and page": 15}
for stage_name, ms in budget_ms.items():
    print(f"{stage_name:24} {ms:4d} ms")
print(f"{'total':24} {sum(budget_ms.values()):4d} ms of a 200 ms target")

# %% [markdown] course={"kind": "task", "id": "search-design", "points": 3, "item": "x-design-a-search-ranking-system"}
# ### Your design: search over a help-centre
#
# Design search for 50 k help articles with 200 queries a second. State requirements, retrieval and ranking
# stages, how you get relevance labels, offline and online metrics with the sample size your A/B test needs
# (exercise 3), and what you monitor after launch.

# %% [markdown] course={"kind": "rubric"}
# - Retrieval and ranking separated, with candidate counts and a latency budget per stage (1 point).
# - Offline metric (NDCG@k or MRR on judged queries) and an online metric, with a computed sample size (1 point).
# - Position bias or the feedback loop of click labels addressed (1 point).

# %% [markdown] course={"kind": "lesson", "id": "design-platform", "covers": ["c-model-versioning", "c-training-scale", "c-data-scale", "c-cost-optimization", "c-online-training", "c-embedded-vs-remote-serving"]}
# ### Worked design: an ML platform for many teams
#
# **Requirements.** 30 teams, 200 models; each team should go from notebook to a monitored production model
# without building infrastructure; reproducible training; safe rollout and rollback; costs visible per team.
#
# ```
#  data lake (raw, partitioned) ──► feature store: definitions in code ──► offline store (history) + online store
#                                                     │ same definitions for both (no skew)
#  pipelines (scheduler: retrain on schedule or on drift) ──► training jobs on a shared GPU pool (queue, quotas)
#        └─► experiment tracking (params, metrics, data version) ──► model registry: staging ─► production ─► archived
#                                                                        │ promotion = reviewed, recorded step
#  serving: batch scoring jobs | model server (remote, autoscaled) | embedded library ◄──┘
#  monitoring: per model latency, drift, skew, business metric; cost per team (GPU-hours, replicas, storage)
# ```
#
# **Scale and cost**: data scale by retention and partitioning; training scale by a shared GPU queue with quotas
# and interruptible machines for jobs that checkpoint; serving scale by autoscaling on in-flight requests (Little's
# law again); cost shown per team (exercise 2) so teams see what a daily retrain costs. **Versioning**: every model
# has its data version, code commit, metrics and a stage; rollback is a registry step. **Trade-offs**: a paved
# road (one way to train and serve) is cheaper to run but some teams need escape hatches; online training only for
# the few models that need minutes of freshness.

# %% course={"kind": "demo"}
# Cost per team with placeholder prices (GPU hour 2.50, replica hour 0.20, GB-month 0.02): make them visible.
teams = {"search": (120, 6, 800), "fraud": (40, 10, 300), "growth": (300, 2, 2000)}  # GPU-h, replicas, GB
for team, (gpu_h, replicas_used, gb) in teams.items():
    bill = gpu_h * 2.5 + replicas_used * 0.2 * 730 + gb * 0.02
    print(f"{team:7} {bill:9.2f} a month  (training {gpu_h * 2.5:7.2f}, serving {replicas_used * 0.2 * 730:7.2f})")

# %% [markdown] course={"kind": "task", "id": "platform-design", "points": 3, "item": "x-design-an-ml-platform"}
# ### Your design: the first version of an ML platform
#
# Your company has 5 teams with models in cron jobs and notebooks. Design the first platform version you would
# build in six months: what you build first and why, a diagram, how a model gets from training to production and
# back (rollback), how costs are reported, and what you deliberately leave out.

# %% [markdown] course={"kind": "rubric"}
# - A prioritised scope (registry and reproducible training before exotic features) with reasons (1 point).
# - A promotion and rollback path with recorded versions, data versions and metrics (1 point).
# - Cost per team computed from GPU-hours, replicas and storage, and one cost-saving measure (1 point).

# %% [markdown] course={"kind": "task", "id": "design-document", "points": 6, "item": "project-22-3-1"}
# ### Project 22.3.1: an ML system design document
#
# Pick a problem you know (or: churn prediction for a subscription service) and write a design document of 3–5
# pages: **problem definition** (the decision the model supports, success metric, constraints), **data pipeline**
# (sources, ingestion, volumes, retention), **feature engineering** (features, offline/online, point-in-time
# correctness), **training pipeline** (schedule, evaluation, gate, registry), **serving infrastructure** (batch or
# real-time with reasons, replicas and monthly cost from this notebook's functions, placeholder prices named as
# such), **monitoring** (drift, skew, freshness, business metric, alerts), and an **experiment plan** (A/B sample
# size). Include at least one text diagram and a list of risks.

# %% [markdown] course={"kind": "rubric"}
# - Problem definition states the decision, an online success metric and an offline proxy (1 point).
# - Data and feature sections give volumes and show how leakage and skew are prevented (1 point).
# - Training pipeline has a reproducible data version, an evaluation gate and a registry with rollback (1 point).
# - Serving choice (batch vs real-time, embedded vs remote) is justified with numbers; replicas and cost computed (1 point).
# - Monitoring covers data drift, skew, feature freshness and the business metric, with who is alerted (1 point).
# - Experiment plan with a computed sample size and a fixed duration (no peeking), plus a risk list (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-design-a-recommendation"}
# Start with the goal and the numbers: users, items, requests per second, latency budget, how fresh
# recommendations must be, and the metric (CTR, orders, watch time). Then two stages: cheap retrieval (embeddings
# plus nearest-neighbour search, popular and fresh items) narrows millions of items to hundreds; a ranking model
# with user, item and context features orders them; business rules add diversity and remove unavailable items.
# Training uses logged impressions with outcomes, joined point in time; serving logs what was shown with the model
# version. Cover cold start (content features for new items and users), the feedback loop (exploration), offline
# metrics (recall@k for retrieval, NDCG for ranking) and an A/B test as the final judge.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-model-training-at"}
# First reduce the need: sample or down-weight easy negatives, train incrementally from the last checkpoint, and
# retrain only as often as the metric decays. Then scale out: read only the needed partitions of the data,
# stream it to the trainers, use data parallelism across GPUs (model parallelism only when the model does not fit
# on one), checkpoint regularly so interruptible machines are usable, and track GPU-hours as a cost. Make runs
# reproducible: data version, code commit, parameters and seed recorded with the model in a registry, and an
# evaluation gate before promotion.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-a-b-testing-for-ml"}
# Choose one primary online metric and guardrails (latency, errors, revenue). Compute the sample size per arm from
# baseline, minimum detectable effect, alpha and power before starting, and fix the duration (whole weeks, to
# cover weekly cycles). Randomise by user with a stable hash so a user always sees the same model, check that the
# arms got the expected split (a sample-ratio mismatch usually means a bug in assignment or logging), log the
# model version with every prediction, and test once at the planned size (a two-proportion z-test for rates). Peeking and stopping early inflates false
# positives (the demo in this notebook measured it). Shadow deployment and offline replay come first to catch
# errors before real users see the new model.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-challenges-of-real-time-ml"}
# Latency: features and model together must fit a budget of tens of milliseconds, so features are precomputed in
# an online store and models are sized to it. Freshness: streaming aggregates (spend in the last hour) need a
# stream processor and can lag or break silently, so monitor feature age. Consistency: the online computation must
# equal the offline one used in training, or training/serving skew appears. Availability: the model service needs
# a fallback (a rule, a cached score, a default) when it is slow or down. Labels arrive late, so quality is known
# only later; monitor input and score distributions meanwhile. And cost: an always-on service at peak capacity.
