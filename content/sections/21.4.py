# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can log predictions so they can be audited and joined with late labels,
# detect data drift with the right test per column (KS, chi-square, PSI) without being fooled by huge samples,
# tell data drift from concept drift, decide when to retrain, export model metrics to a real `/metrics`
# endpoint, write alerts that do not flap, and find the slices where a model fails.
#
# **What is real here and what is not.** The statistics are the real `scipy.stats`, `numpy`, `pandas` and
# `scikit-learn`; the metrics endpoint is the real `prometheus_client` served over HTTP on 127.0.0.1 and
# scraped. Evidently and whylogs are not installed (one is about 1 GB with its dependencies, the other has had
# no release since 2024, conflicts with our other tools and phones home), so this notebook builds their core
# ideas by hand. The data are small seeded simulations: every number is the same on every run.

# %% course={"kind": "setup", "id": "monitoring-helpers"}
# What the demos and tests share. Every metric lives in a registry of its own (never the library's global one),
# and `metrics_server(registry)` is a real /metrics endpoint for one `with` block (course/runtime/metrics.py).
# `FakeClock` is a clock moved by hand, so latencies are exact.
import hashlib
import io
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from scipy import stats
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression

from course.runtime.clock import FakeClock
from course.runtime.metrics import metrics_server, samples, scrape

prometheus_client.disable_created_metrics()  # no wall-clock `*_created` samples in printed output

# %% [markdown] course={"kind": "lesson", "id": "model-monitoring", "covers": ["c-model-monitoring", "c-prediction-monitoring", "c-performance-monitoring", "c-resource-monitoring"]}
# ### Model monitoring: predictions, performance, resources
#
# A model in production fails quietly: it keeps answering HTTP 200 with confident numbers while the world it
# learned from moves on. Monitoring it means watching three layers:
#
# | layer | what you watch | available | typical signal |
# |---|---|---|---|
# | **prediction** | the inputs and outputs themselves: feature distributions, share of each class, score histogram, invalid inputs | at once, on every request | "the fraud rate predicted jumped from 2 % to 9 %" |
# | **performance** | accuracy, precision/recall, error of a regression, business KPI | only when the **labels** arrive: minutes (a click), weeks (a chargeback), months (a loan default) | "precision last week fell from 0.91 to 0.78" |
# | **resource** | latency, throughput, error rate, CPU, memory, GPU, queue depth | at once (the RED and USE metrics of 18.2) | "p95 latency 40 ms → 300 ms after the new model" |
#
# The foundation is a **prediction log**: one JSON line per prediction with a request id (to join the label
# later), the model version, the inputs (or a hash of them when they are personal data), the output, and the
# latency. At high traffic you **sample**: log a fixed share of requests, chosen by a hash of the request id
# so that the same request is always in or always out (a retry or a label join finds it again), unlike
# `random.random()`.
#
# **The one thing people get wrong:** computing accuracy over the predictions whose label has arrived *as if*
# they were all predictions. Labels arrive late and not at random (a disputed payment is labelled "fraud" when
# the customer complains, while "not fraud" is only known once the dispute window has closed), so report
# **label coverage** next to every performance number, and count a missing label as unknown, never as wrong.
#
# The demo logs six predictions as JSON lines, then joins the labels that arrived a week later.

# %% course={"kind": "demo"}
rng = np.random.default_rng(7)
log_buffer = io.StringIO()
for n in range(6):
    features = {"amount": round(float(rng.gamma(2.0, 40.0)), 2), "country": str(rng.choice(["DE", "FR", "US"]))}
    score = round(1 / (1 + math.exp(-(features["amount"] - 80) / 20)), 3)
    record = {
        "request_id": f"req-{n}",
        "model_version": "fraud-v3",
        "input_hash": hashlib.sha256(json.dumps(features, sort_keys=True).encode()).hexdigest()[:12],
        "features": features,
        "prediction": int(score > 0.5),
        "score": score,
        "latency_ms": round(float(rng.uniform(3, 12)), 1),
    }
    log_buffer.write(json.dumps(record) + "\n")
print(log_buffer.getvalue())

logged = pd.read_json(io.StringIO(log_buffer.getvalue()), lines=True)
late_labels = pd.DataFrame({"request_id": ["req-0", "req-2", "req-3", "req-5"], "label": [0, 1, 0, 0]})
joined = logged[["request_id", "prediction"]].merge(late_labels, on="request_id", how="left")
print(joined)
known = joined["label"].notna()
print(f"label coverage {known.mean():.0%}; accuracy on labelled rows {(joined.prediction == joined.label)[known].mean():.0%}")
print(f"(counting missing labels as wrong would claim {(joined.prediction == joined.label).mean():.0%})")

# %% [markdown] course={"kind": "text"}
# **Resource monitoring** uses the same tools as any service (18.2). `prometheus_client` even ships a collector
# for the process's own CPU time, memory and open files, read from `/proc` (so on Linux only); these are the
# series names a dashboard queries (a counter's name ends in `_total` on the wire):

# %% course={"kind": "demo"}
process_registry = CollectorRegistry()
prometheus_client.ProcessCollector(registry=process_registry)
print(sorted({sample.name for family in process_registry.collect() for sample in family.samples}))

# %% [markdown] course={"kind": "lesson", "id": "data-drift", "covers": ["c-data-drift", "c-what-is-data-drift", "c-feature-drift-detection", "c-statistical-tests", "c-drift-monitoring-tools"]}
# ### Data drift: the inputs no longer look like the training data
#
# **Data drift** (covariate shift) is a change in the distribution of the inputs, P(x): a new customer segment,
# a sensor recalibrated, an upstream team that now sends kilometres instead of miles, a holiday. The model was
# never shown such inputs, so its answers there are guesses. **Feature drift detection** compares each feature
# in a *current* window (today's requests) with a *reference* (the training set, or a known-good week):
#
# | column type | test or score | what it says | use it for |
# |---|---|---|---|
# | number | **Kolmogorov-Smirnov** two-sample (`scipy.stats.ks_2samp`): statistic = the largest gap between the two cumulative distributions, 0 to 1 | p-value: could both samples come from one distribution? | continuous features |
# | category | **chi-square** test of independence on a 2 × k table of counts (`scipy.stats.chi2_contingency`) | p-value: are the category shares the same? | country, device, plan |
# | either | **PSI**, population stability index: bin the reference into quantiles, compare the shares per bin: Σ (cur − ref) · ln(cur / ref) | a size of change, no p-value; a common rule of thumb is < 0.1 stable, 0.1–0.25 moderate, > 0.25 large | dashboards, credit-risk tradition |
# | either | Wasserstein distance, Jensen-Shannon distance (`scipy.stats.wasserstein_distance`, `scipy.spatial.distance.jensenshannon`) | a distance in the feature's units / a bounded score (0 to 1 with `base=2`; the default natural log tops out at √ln 2 ≈ 0.83) | when you need a magnitude |
#
# **Drift monitoring tools** (Evidently, whylogs, NannyML, the cloud model monitors) run exactly these tests per
# column on a schedule and draw the results; a later lesson compares them.
#
# **The one thing people get wrong:** reading a p-value as the *size* of the drift. With enough rows every
# difference is "significant"; decide on an effect size (KS statistic, PSI, share difference) and use the
# p-value only to rule out noise. The demo checks the tests against seeded samples whose answer we know.

# %% course={"kind": "demo"}
rng = np.random.default_rng(21)
reference_amounts = rng.normal(50, 10, 5_000)
same_amounts = rng.normal(50, 10, 5_000)
shifted_amounts = rng.normal(55, 10, 5_000)  # the mean moved by half a standard deviation
for name, current_amounts in [("no shift", same_amounts), ("mean +5", shifted_amounts)]:
    result = stats.ks_2samp(reference_amounts, current_amounts)
    print(f"KS {name:9}: statistic {result.statistic:.3f}, p-value {result.pvalue:.3g}")

reference_counts = [500, 300, 200]  # web, ios, android in the reference window
for name, current_counts in [("same shares", [510, 290, 200]), ("android up", [400, 280, 320])]:
    chi2, p_value, dof, _ = stats.chi2_contingency([reference_counts, current_counts])
    print(f"chi-square {name:11}: chi2 {chi2:.1f} with {dof} degrees of freedom, p-value {p_value:.3g}")

# %% [markdown] course={"kind": "text"}
# **The empty-bin trap of PSI.** A bin that is empty in one window has a share of 0, and ln(0 / p) or
# ln(p / 0) is infinite: one new value range makes the whole score `inf` (or `nan`). Implementations raise
# every share below a small epsilon (here 0.0001) to that epsilon, which keeps the score finite and still large:

# %% course={"kind": "demo"}
reference_share = np.array([0.25, 0.25, 0.25, 0.25])
current_share = np.array([0.40, 0.35, 0.25, 0.00])  # nothing fell in the top bin today
with np.errstate(divide="ignore", invalid="ignore"):
    print("raw PSI        :", np.sum((current_share - reference_share) * np.log(current_share / reference_share)))
clipped = np.clip(current_share, 1e-4, None)
print("with epsilon   :", round(float(np.sum((clipped - reference_share) * np.log(clipped / reference_share))), 3))

# %% [markdown] course={"kind": "text"}
# **The large-sample trap.** With 100,000 rows per window, a shift of 2 % of a standard deviation (nobody's
# model cares) gets a tiny p-value, while the effect sizes say "nothing happened":

# %% course={"kind": "demo"}
rng = np.random.default_rng(4)
big_reference = rng.normal(0.0, 1.0, 100_000)
big_current = rng.normal(0.02, 1.0, 100_000)
big = stats.ks_2samp(big_reference, big_current)
cuts = np.quantile(big_reference, np.linspace(0.1, 0.9, 9))
ref_share = np.bincount(np.searchsorted(cuts, big_reference, side="right"), minlength=10) / 100_000
cur_share = np.bincount(np.searchsorted(cuts, big_current, side="right"), minlength=10) / 100_000
print(f"p-value {big.pvalue:.2g} (significant), KS statistic {big.statistic:.4f}, "
      f"PSI {np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)):.5f} (negligible)")

# %% [markdown] course={"kind": "lesson", "id": "model-drift", "covers": ["c-model-drift", "c-concept-drift", "c-model-degradation", "c-retraining-triggers"]}
# ### Model drift: when the answers change, not the questions
#
# **Concept drift** is a change in P(y | x): the same input now deserves a different answer. Fraudsters adapt
# to the rules, a pandemic changes what a "normal" purchase is, a competitor's price changes who churns. The
# inputs may look exactly as before, so *input* drift detectors see nothing; only performance on fresh labels
# (or a proxy such as the business KPI) shows it. **Model degradation** is the result you measure: accuracy
# or calibration falling over time, suddenly (a broken pipeline, a policy change), gradually (slow concept
# drift) or seasonally (it comes back).
#
# The demo trains on one labelling rule, then changes the rule and keeps the input distribution: the KS test
# sees no input drift while accuracy falls.

# %% course={"kind": "demo"}
def draw(seed: int, rule_angle: float, rows: int = 4_000) -> tuple[np.ndarray, np.ndarray]:
    """Two standard-normal features; the label says which side of a line through 0 the point is on."""
    points = np.random.default_rng(seed).normal(size=(rows, 2))
    direction = np.array([math.cos(rule_angle), math.sin(rule_angle)])
    return points, (points @ direction > 0).astype(int)


train_x, train_y = draw(seed=1, rule_angle=0.0)
model = LogisticRegression().fit(train_x, train_y)
print("week  KS p-value (feature 0)  accuracy")
for week, angle in enumerate([0.0, 0.0, 0.3, 0.6, 0.9, 1.2]):  # the rule turns from week 2 on
    week_x, week_y = draw(seed=100 + week, rule_angle=angle)
    input_p = stats.ks_2samp(train_x[:, 0], week_x[:, 0]).pvalue
    print(f"{week:4}  {input_p:22.2f}  {model.score(week_x, week_y):8.3f}")

# %% [markdown] course={"kind": "text"}
# **Retraining triggers.** When to retrain is a policy, and most teams combine three triggers:
#
# | trigger | fires when | good at | weak at |
# |---|---|---|---|
# | **scheduled** | the model is older than N days (a nightly or weekly job) | simple, predictable cost, catches slow drift | wastes runs when nothing changed; too late for a sudden change |
# | **drift-based** | an input-drift score (PSI, KS statistic) passes a limit | reacts before labels arrive | blind to concept drift; drift in an unimportant feature retrains for nothing |
# | **performance-based** | a metric on fresh labels falls below a floor | measures what matters | labels may take weeks to come |
#
# A **cool-down** (no automatic retrain within N days of the last one) stops a trigger that stays true from
# retraining every hour, and gives the new model time to collect labels. A retrain is not a deploy: the new
# model still goes through the evaluation gate and the registry of 21.2, and retraining on data from a broken
# pipeline only teaches the model the bug: check data quality first.

# %% [markdown] course={"kind": "lesson", "id": "monitoring-tools", "covers": ["c-monitoring-tools", "c-evidently-ai", "c-whylogs", "c-custom-monitoring"]}
# ### Monitoring tools: Evidently, whylogs, or your own
#
# | tool | what it does | cost | why it is not installed here |
# |---|---|---|---|
# | **Evidently** (open source, Apache-2.0) | reports and test suites over two DataFrames (reference, current): drift per column with an automatic test choice, data quality, classification and regression quality; HTML reports, JSON output, a self-hosted UI | heavy: about 1 GB installed with its dependencies (plotly, pyarrow, statsmodels...) | over this course's install budget |
# | **whylogs** (open source) | **profiles**: small, mergeable statistical summaries of a dataset (counts, missing values, types, quantile sketches, frequent items) written per batch and compared later; raw data never leaves | small, but no release since December 2024 (1.6.4), which pins `platformdirs<4` (conflicts with our other tools) and sends usage statistics unless told not to | stale, conflicts, not offline by default |
# | **custom monitoring** | the same core in your own code: scipy tests, PSI, profiles, metrics exported with `prometheus_client`, alerts in Prometheus, dashboards in Grafana | your time; but no new dependency, and it fits the metrics stack you already run | what this notebook does |
# | cloud monitors (SageMaker Model Monitor, Vertex AI Model Monitoring, Azure ML) | scheduled drift and quality jobs over logged requests | per job and per GB; tied to that cloud | need an account |
#
# **The one thing people get wrong:** thinking the tool is the monitoring. Every tool needs the same three
# decisions from you: the **reference** window, the **threshold** per feature (from the model's importance and
# your history of false alarms), and **who acts** on the alert. The idea worth stealing from whylogs is the
# *mergeable profile*: per-batch summaries you can add up, so a day's profile is the sum of its hours' and you
# never keep raw requests. The demo builds a tiny one.

# %% course={"kind": "demo"}
def profile(values: Sequence[float | None]) -> dict[str, float]:
    """A mergeable summary of one batch: counts and sums, never the raw values."""
    present = [v for v in values if v is not None]
    return {"count": len(values), "missing": len(values) - len(present), "sum": float(sum(present)),
            "min": min(present, default=math.inf), "max": max(present, default=-math.inf)}


def merge(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
    return {"count": a["count"] + b["count"], "missing": a["missing"] + b["missing"], "sum": a["sum"] + b["sum"],
            "min": min(a["min"], b["min"]), "max": max(a["max"], b["max"])}


morning, evening = [3.0, None, 5.0, 4.0], [9.0, 1.0, None, None]
print("merged :", merge(profile(morning), profile(evening)))
print("direct :", profile(morning + evening))
# Quantiles are not mergeable this way: real profiles keep a quantile sketch (KLL, t-digest) instead.

# %% [markdown] course={"kind": "lesson", "id": "ml-alerting", "covers": ["c-alerting-for-ml", "c-prediction-latency-alerts", "c-drift-alerts", "c-error-rate-alerts", "c-data-quality-alerts"]}
# ### Alerting for ML: metrics out, rules that do not flap
#
# The serving app exports metrics; Prometheus scrapes them and evaluates alert rules (18.2, 18.4). The four
# alerts every model endpoint needs, written as PromQL over the metrics the demo below exports:
#
# | alert | expression (sketch) | `for` | why that shape |
# |---|---|---|---|
# | **prediction latency** | `histogram_quantile(0.95, sum by (le) (rate(model_latency_seconds_bucket[5m]))) > 0.2` | 10m | p95, not the mean: the slow tail is what users feel |
# | **error rate** | `sum(rate(model_requests_total{outcome="error"}[5m])) / sum(rate(model_requests_total[5m])) > 0.01` | 5m | a ratio, so traffic changes do not move it |
# | **drift** | `max by (feature) (model_feature_psi) > 0.25` | 6h | drift is slow; a drift job writes the gauge every hour |
# | **data quality** | `sum by (reason) (rate(model_invalid_inputs_total[15m])) > 0.1` | 15m | missing or out-of-range fields usually mean an upstream change; the floor above 0 ignores the odd bad client |
#
# Two mechanisms keep an alert steady: a **`for` duration** (the condition must stay true at every evaluation
# for that long before the alert fires, so one spike does not page anyone) and **hysteresis** (fire above one
# level, resolve only below a lower one: fire at PSI > 0.25, clear at < 0.15, so a value hovering at the
# threshold does not **flap**, firing and resolving every few minutes).
# Prometheus rules have `for` (and, in recent versions, `keep_firing_for`, which holds a firing alert for a
# while after its condition stops); a true two-level hysteresis you write into the expression (the high
# threshold, `or` the low one while the alert's own `ALERTS` series is firing) or into your own evaluator, as in
# an exercise below.
#
# **The one thing people get wrong:** alerting on every feature's p-value. With 200 features tested hourly,
# some test is "significant" by chance every day, and the team learns to ignore the channel. Alert on effect
# sizes of the features that matter, page only for what needs a human now, and send the rest to a dashboard.
#
# The demo is a model endpoint instrumented with `prometheus_client` (latency histogram, request counter by
# outcome, invalid-input counter by reason, a drift gauge), served on a real `/metrics` endpoint and scraped.

# %% course={"kind": "demo"}
serving_registry = CollectorRegistry()
model_latency = Histogram("model_latency_seconds", "Time to answer one prediction.", ["model_version"],
                          buckets=(0.01, 0.05, 0.2), registry=serving_registry)
model_requests = Counter("model_requests", "Prediction requests.", ["model_version", "outcome"], registry=serving_registry)
invalid_inputs = Counter("model_invalid_inputs", "Rejected inputs.", ["reason"], registry=serving_registry)
feature_psi = Gauge("model_feature_psi", "PSI of each feature against the reference.", ["feature"],
                    registry=serving_registry)
serving_clock = FakeClock(0.0)


def serve_prediction(payload: Mapping[str, object], work_seconds: float) -> int | None:
    start = serving_clock()
    try:
        amount = payload.get("amount")
        if amount is None:
            invalid_inputs.labels("missing_amount").inc()
            model_requests.labels("v3", "error").inc()
            return None
        serving_clock.advance(work_seconds)
        model_requests.labels("v3", "ok").inc()
        return int(float(amount) > 80)  # type: ignore[arg-type]
    finally:
        model_latency.labels("v3").observe(serving_clock() - start)


for n in range(20):  # requests 0, 7 and 14 lack "amount"; 5, 10 and 15 take 0.3 s
    serve_prediction({"amount": 10 * n} if n % 7 else {}, work_seconds=0.03 if n % 5 else 0.3)
# `finally` times the refused requests too: they took 0 s here, so they are the 3 in the 0.01 bucket.
feature_psi.labels("amount").set(0.31)
with metrics_server(serving_registry) as server:
    scraped = samples(scrape(server.url))
for key in sorted(scraped):
    print(f"{key:58} {scraped[key]:g}")

# %% [markdown] course={"kind": "lesson", "id": "model-debugging", "covers": ["c-model-debugging", "c-prediction-explanations", "c-error-analysis", "c-slice-based-evaluation"]}
# ### Model debugging: why this prediction, and where does the model fail?
#
# When an alert fires or a customer complains, three tools narrow it down:
#
# - **Prediction explanations.** *Global*: which features the model relies on. **Permutation importance**
#   (`sklearn.inspection.permutation_importance`) shuffles one feature at a time on held-out data and measures
#   how much the score drops: model-agnostic and honest about what the model uses. *Local*: why this one
#   prediction. For a linear model it is exact: coefficient × (value − average value) per feature, adding up to
#   the log-odds' difference from an average input. SHAP generalises that to any model (not installed here).
# - **Error analysis.** Look at the mistakes, not the average: sort by confidence (confident and wrong is the
#   interesting kind), group by input properties, read examples.
# - **Slice-based evaluation.** Compute the metric per slice (region, device, new vs returning users). An overall
#   accuracy of 90 % can hide a slice at 50 %. Require a **minimum support**: a slice of 3 rows at 0 % is noise.
#
# **The one thing people get wrong:** trusting importance computed on the training data, or trusting one
# overall metric. The demo trains on data where one region follows a different rule; the overall accuracy looks
# fine, the slices find the region, and the explanations show what the model learned.

# %% course={"kind": "demo"}
rng = np.random.default_rng(11)
rows = 3_000
applicants = pd.DataFrame({
    "income": rng.normal(0, 1, rows), "debt": rng.normal(0, 1, rows), "noise": rng.normal(0, 1, rows),
    "region": rng.choice(["north", "south", "east", "west"], rows, p=[0.1, 0.3, 0.3, 0.3]),
})
repays = (applicants.income - applicants.debt > 0).astype(int)
repays[applicants.region == "north"] = (applicants.debt[applicants.region == "north"] < 0.5).astype(int)
columns = ["income", "debt", "noise"]
train_rows, test_rows = applicants.index < 2_000, applicants.index >= 2_000
credit_model = LogisticRegression().fit(applicants.loc[train_rows, columns], repays[train_rows])
held_out = applicants.loc[test_rows].assign(y_true=repays[test_rows])
held_out["y_pred"] = credit_model.predict(held_out[columns])

importance = permutation_importance(credit_model, held_out[columns], held_out.y_true, n_repeats=5, random_state=0)
print("permutation importance (accuracy lost when shuffled):", dict(zip(columns, importance.importances_mean.round(3).tolist())))
first = held_out[columns].iloc[0]
contributions = credit_model.coef_[0] * (first - applicants.loc[train_rows, columns].mean())
print(f"why row 0 got {held_out.y_pred.iloc[0]} (log-odds per feature vs an average applicant):", contributions.round(2).to_dict())

print(f"overall accuracy {(held_out.y_true == held_out.y_pred).mean():.3f}")
by_region = (held_out.y_true == held_out.y_pred).groupby(held_out.region).agg(["size", "mean"])
print(by_region.rename(columns={"size": "support", "mean": "accuracy"}).sort_values("accuracy").round(3))

# %% [markdown] course={"kind": "exercise", "id": "psi", "item": "x-implement-drift-detection"}
# ### PSI with bins from the reference's quantiles
#
# Write `psi(reference, current, bins=10, eps=1e-4)` returning the population stability index as a `float`:
#
# 1. cut points: `np.quantile(reference, [1/bins, 2/bins, ..., (bins-1)/bins])` (numpy's default method), so
#    each bin holds about the same share of the reference; the outer bins are open (`-inf`, `+inf`), so current
#    values outside the reference's range still count;
# 2. bins are half-open `[left, right)`: a value equal to a cut point belongs to the bin above it;
# 3. the share of each sample per bin (count / length), with every share below `eps` replaced by `eps`;
# 4. `sum((cur - ref) * ln(cur / ref))` over the bins.
#
# Raise `ValueError` when `bins < 2` or either sample is empty. Inputs may be lists or arrays; do not change them.
#
# ```python
# >>> psi(list(range(1, 11)), [1, 2, 3, 4, 10], bins=2)   # cut 5.5: shares (0.5, 0.5) vs (0.8, 0.2)
# 0.41588830833596724
# ```

# %% [markdown] course={"kind": "hint"}
# `np.histogram(values, edges)` counts per bin with half-open bins `[left, right)` (the last bin is closed, but
# its right edge will be `+inf`); build `edges` as `-inf`, the cut points, `+inf`.

# %% [markdown] course={"kind": "hint"}
# `np.arange(1, bins) / bins` gives the quantile levels; `np.clip(shares, eps, None)` applies the epsilon;
# return `float(...)` of the sum.

# %% course={"kind": "solution"}
def psi(reference: Sequence[float], current: Sequence[float], bins: int = 10, eps: float = 1e-4) -> float:
    ### BEGIN SOLUTION
    if bins < 2:
        raise ValueError("need at least two bins")
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need values")
    cuts = np.quantile(ref, np.arange(1, bins) / bins)
    edges = np.concatenate(([-np.inf], cuts, [np.inf]))
    ref_share = np.clip(np.histogram(ref, edges)[0] / ref.size, eps, None)
    cur_share = np.clip(np.histogram(cur, edges)[0] / cur.size, eps, None)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = psi(list(range(1, 11)), [1, 2, 3, 4, 10], bins=2)
assert type(_got) is float, f"return a float, got {type(_got).__name__}"
assert math.isclose(_got, 0.3 * math.log(4)), f"cut at 5.5, shares (0.5, 0.5) vs (0.8, 0.2): expected 0.4159, got {_got}"
assert psi([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], bins=2) == 0.0, "identical samples: PSI 0"

# %% course={"kind": "test", "points": 2}
_rng = np.random.default_rng(3)
_ref, _same, _moved = _rng.normal(0, 1, 4000), _rng.normal(0, 1, 4000), _rng.normal(1, 1, 4000)
assert psi(_ref, _same) < 0.02 and psi(_ref, _moved) > 0.5, "no shift: near 0; a shift of one std: large"
_expected = 0.5 * math.log(2) + (1e-4 - 0.5) * math.log(1e-4 / 0.5)
_got = psi(list(range(1, 11)), [1, 2, 3], bins=2)
assert math.isfinite(_got) and math.isclose(_got, _expected), f"an empty bin takes the share eps: expected {_expected}, got {_got}"
### BEGIN HIDDEN TESTS
_ref_list = [0.0, 1.0, 1.0, 2.0]
_expected = (1e-4 - 0.25) * math.log(1e-4 / 0.25) + 0.25 * math.log(1 / 0.75)
assert math.isclose(psi(_ref_list, [1.0, 1.0, 1.0, 1.0], bins=2), _expected), "a value equal to the cut goes above it"
assert _ref_list == [0.0, 1.0, 1.0, 2.0], "the input is not changed"
_quarters = list(range(100))
assert math.isclose(psi(_quarters, [10, 30, 60, 80], bins=4), 0.0, abs_tol=1e-12), "bins=4: cuts at 24.75, 49.5, 74.25"
assert math.isclose(psi(_quarters, [10, 20, 30, 60], bins=4), 0.25 * math.log(2) + (1e-4 - 0.25) * math.log(1e-4 / 0.25)), "bins=4"
assert math.isclose(psi(_quarters, [-500, 30, 60, 500], bins=4), 0.0, abs_tol=1e-12), "outer bins are open"
assert math.isclose(psi(_quarters, [10, 10, 10, 10], bins=4, eps=0.3), 0.7 * math.log(1 / 0.3)), "shares below eps=0.3 become 0.3"
assert math.isclose(psi(_quarters, [10, 20, 30, 60], bins=4, eps=0.01), 0.25 * math.log(2) + (0.01 - 0.25) * math.log(0.01 / 0.25)), "eps is used"
assert math.isclose(psi([5.0], [5.0, 6.0], bins=2), 0.0, abs_tol=1e-12), "one reference value: all in the bin above the cut"
assert math.isclose(psi(_quarters, [10] * 9 + [30], bins=4, eps=0.3), 0.6 * math.log(3)), (
    "every share below eps becomes eps, not only the empty ones: (0.9, 0.1, 0, 0) -> (0.9, 0.3, 0.3, 0.3)")
_arr = np.array([3.0, 1.0, 2.0, 0.0])
psi(_arr, np.array([0.5, 2.5]), bins=2)
assert _arr.tolist() == [3.0, 1.0, 2.0, 0.0], "a numpy array passed in is not changed either (no in-place sort)"
for _bad in (1, 0):
    try:
        psi([1.0, 2.0], [1.0], bins=_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"bins={_bad} must raise ValueError")
for _a, _b in (([], [1.0]), ([1.0], []), (np.array([]), np.array([2.0]))):
    try:
        psi(_a, _b)
    except ValueError:
        pass
    else:
        raise AssertionError("an empty sample must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "equal-width-bins", "fails": ["t2"]}
def psi(reference, current, bins=10, eps=1e-4):
    if bins < 2:
        raise ValueError("need at least two bins")
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need values")
    edges = np.linspace(ref.min(), ref.max(), bins + 1)
    ref_share = np.clip(np.histogram(ref, edges)[0] / ref.size, eps, None)
    cur_share = np.clip(np.histogram(cur, edges)[0] / cur.size, eps, None)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))

# %% course={"kind": "wrong", "id": "no-epsilon", "fails": ["t2"]}
def psi(reference, current, bins=10, eps=1e-4):
    if bins < 2:
        raise ValueError("need at least two bins")
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need values")
    cuts = np.quantile(ref, np.arange(1, bins) / bins)
    edges = np.concatenate(([-np.inf], cuts, [np.inf]))
    ref_share = np.histogram(ref, edges)[0] / ref.size
    cur_share = np.histogram(cur, edges)[0] / cur.size
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))

# %% course={"kind": "wrong", "id": "value-on-cut-goes-below", "fails": ["t2"]}
def psi(reference, current, bins=10, eps=1e-4):
    if bins < 2:
        raise ValueError("need at least two bins")
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need values")
    cuts = np.quantile(ref, np.arange(1, bins) / bins)
    ref_share = np.clip(np.bincount(np.searchsorted(cuts, ref), minlength=bins) / ref.size, eps, None)
    cur_share = np.clip(np.bincount(np.searchsorted(cuts, cur), minlength=bins) / cur.size, eps, None)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))

# %% course={"kind": "wrong", "id": "eps-only-for-empty-bins", "fails": ["t2"]}
def psi(reference, current, bins=10, eps=1e-4):
    if bins < 2:
        raise ValueError("need at least two bins")
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    if ref.size == 0 or cur.size == 0:
        raise ValueError("both samples need values")
    cuts = np.quantile(ref, np.arange(1, bins) / bins)
    edges = np.concatenate(([-np.inf], cuts, [np.inf]))
    ref_share = np.histogram(ref, edges)[0] / ref.size
    cur_share = np.histogram(cur, edges)[0] / cur.size
    ref_share[ref_share == 0] = eps
    cur_share[cur_share == 0] = eps
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))

# %% [markdown] course={"kind": "exercise", "id": "drift-report", "item": "x-implement-drift-detection"}
# ### A drift report that picks the test per column and asks for an effect size
#
# Write `drift_report(reference, current, alpha=0.05, min_effect=0.1)`. Both are DataFrames with the same
# columns, each numeric (int or float) or text, without missing values. Return a dict with one entry per column, **in the
# reference's column order**, each a dict:
#
# - numeric column: `"test": "ks"`, `"p_value"` from `stats.ks_2samp(ref, cur)`, `"effect"`: its statistic;
# - text column: `"test": "chi2"`, `"p_value"` from `stats.chi2_contingency` on a 2-row table of counts per
#   category (every category seen in either window, 0 where absent), `"effect"`: the total
#   variation distance, half the sum of the absolute differences of the two windows' category shares;
# - `"drift"`: `True` only when `p_value < alpha` **and** `effect >= min_effect` (significant *and* large).
#
# `p_value` and `effect` are Python `float`s, `drift` a Python `bool`.
#
# ```python
# >>> ref = pd.DataFrame({"device": ["web"] * 500 + ["ios"] * 500})
# >>> cur = pd.DataFrame({"device": ["web"] * 300 + ["ios"] * 700})
# >>> drift_report(ref, cur)["device"]
# {'test': 'chi2', 'p_value': 1.0555881644886102e-19, 'effect': 0.19999999999999998, 'drift': True}
# ```

# %% [markdown] course={"kind": "hint"}
# `pd.api.types.is_numeric_dtype(series)` tells numbers from text. `pd.concat([a.value_counts(),
# b.value_counts()], axis=1)` aligns two windows' counts on the categories of both (`NaN` where one has none).

# %% [markdown] course={"kind": "hint"}
# `stats.chi2_contingency([ref_counts, cur_counts])` returns `(statistic, p_value, dof, expected)`. Shares are
# counts divided by each window's length. Wrap numpy values with `float()` and `bool()`.

# %% course={"kind": "solution"}
def drift_report(reference: pd.DataFrame, current: pd.DataFrame, alpha: float = 0.05,
                 min_effect: float = 0.1) -> dict[str, dict[str, object]]:
    ### BEGIN SOLUTION
    report: dict[str, dict[str, object]] = {}
    for column in reference.columns:
        ref, cur = reference[column], current[column]
        if pd.api.types.is_numeric_dtype(ref):
            result = stats.ks_2samp(ref, cur)
            test, p_value, effect = "ks", float(result.pvalue), float(result.statistic)
        else:
            counts = pd.concat([ref.value_counts(), cur.value_counts()], axis=1).fillna(0)  # categories x 2
            p_value = float(stats.chi2_contingency(counts.T.to_numpy())[1])
            shares = counts / counts.sum()
            effect = float((shares.iloc[:, 0] - shares.iloc[:, 1]).abs().sum() / 2)
            test = "chi2"
        report[column] = {"test": test, "p_value": p_value, "effect": effect,
                          "drift": bool(p_value < alpha and effect >= min_effect)}
    return report
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_rng = np.random.default_rng(5)
_ref = pd.DataFrame({"amount": _rng.normal(50, 10, 2000), "device": ["web", "ios"] * 1000})
_cur = pd.DataFrame({"amount": _rng.normal(50, 10, 2000), "device": ["ios", "web"] * 1000})
_report = drift_report(_ref, _cur)
assert list(_report) == ["amount", "device"], f"one entry per column in the reference's order, got {list(_report)}"
assert _report["amount"]["test"] == "ks" and _report["device"]["test"] == "chi2", "KS for numbers, chi2 for text"
assert _report["amount"]["drift"] is False and _report["device"]["drift"] is False, "same distributions: no drift"
assert _report["device"]["effect"] == 0.0 and _report["device"]["p_value"] == 1.0, "identical shares: effect 0, p 1"

# %% course={"kind": "test", "points": 2}
_ref = pd.DataFrame({"device": ["web"] * 500 + ["ios"] * 500})
_cur = pd.DataFrame({"device": ["web"] * 300 + ["ios"] * 700})
_entry = drift_report(_ref, _cur)["device"]
assert math.isclose(_entry["effect"], 0.2), f"shares 0.5/0.5 vs 0.3/0.7: effect 0.2, got {_entry['effect']}"
_expected_p = stats.chi2_contingency([[500, 500], [300, 700]])[1]
assert math.isclose(_entry["p_value"], _expected_p), f"p-value of the 2x2 table, got {_entry['p_value']}"
assert _entry["drift"] is True, "significant and large: drift"
assert type(_entry["p_value"]) is float and type(_entry["effect"]) is float, "Python floats, not numpy's"
_ref = pd.DataFrame({"device": ["web", "ios"] * 50})
_cur = pd.DataFrame({"device": ["web", "ios", "android", "web"] * 25})
_entry = drift_report(_ref, _cur)["device"]
assert math.isclose(_entry["effect"], 0.25), "a category new in the current window counts: effect 0.25"
assert math.isclose(_entry["p_value"], stats.chi2_contingency([[0, 50, 50], [25, 25, 50]])[1]), "android 0 in ref"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(8)
_big_ref = pd.DataFrame({"x": _rng.normal(0, 1, 100_000)})
_big_cur = pd.DataFrame({"x": _rng.normal(0.03, 1, 100_000)})
_entry = drift_report(_big_ref, _big_cur)["x"]
assert _entry["p_value"] < 0.001 and _entry["effect"] < 0.1 and _entry["drift"] is False, "significant but tiny: no drift"
_ref = pd.DataFrame({"z": _rng.normal(0, 1, 300), "a": _rng.normal(0, 1, 300), "m": ["x"] * 300})
_cur = pd.DataFrame({"z": _rng.normal(1, 1, 300), "a": _rng.normal(0, 1, 300), "m": ["x"] * 300})
_report = drift_report(_ref, _cur)
assert list(_report) == ["z", "a", "m"], "the reference's column order, not sorted"
assert list(drift_report(_ref, _cur[["m", "a", "z"]])) == ["z", "a", "m"], "the reference's order, not the current's"
_ks = stats.ks_2samp(_ref.z, _cur.z)
assert _report["z"] == {"test": "ks", "p_value": float(_ks.pvalue), "effect": float(_ks.statistic), "drift": True}
assert type(_report["z"]["p_value"]) is float and type(_report["z"]["effect"]) is float
assert type(_report["z"]["drift"]) is bool and type(_report["a"]["drift"]) is bool and _report["a"]["drift"] is False
assert _report["m"] == {"test": "chi2", "p_value": 1.0, "effect": 0.0, "drift": False}, "one category: no drift"
assert type(_report["m"]["effect"]) is float and type(_report["m"]["p_value"]) is float
_ks = stats.ks_2samp(_ref.z, _cur.z)
_limit = float(_ks.statistic)
assert drift_report(_ref[["z"]], _cur[["z"]], min_effect=_limit)["z"]["drift"] is True, "effect == min_effect counts"
assert drift_report(_ref[["z"]], _cur[["z"]], alpha=float(_ks.pvalue))["z"]["drift"] is False, "p == alpha: not below"
_ref = pd.DataFrame({"c": ["b"] * 60 + ["a"] * 40})
_cur = pd.DataFrame({"c": ["a"] * 70 + ["b"] * 30})
_entry = drift_report(_ref, _cur, alpha=0.5, min_effect=0.25)["c"]
assert math.isclose(_entry["effect"], 0.3) and _entry["drift"] is True
assert math.isclose(_entry["p_value"], stats.chi2_contingency([[40, 60], [70, 30]])[1])
_cur2 = pd.DataFrame({"c": ["a"] * 35 + ["b"] * 15})
assert math.isclose(drift_report(_ref, _cur2)["c"]["effect"], 0.3), "shares: each window divided by its own length"
assert drift_report(_ref, _ref.copy())["c"]["drift"] is False
_ref = pd.DataFrame({"c": ["a"] * 40 + ["b"] * 40 + ["c"] * 10 + ["d"] * 10, "n": list(range(100))})
_cur = pd.DataFrame({"c": ["a"] * 10 + ["b"] * 10 + ["c"] * 40 + ["d"] * 40, "n": list(range(50, 150))})
_report = drift_report(_ref, _cur)
assert math.isclose(_report["c"]["effect"], 0.6), "half the sum of all the share differences, not the largest one"
assert _report["n"]["test"] == "ks" and _report["n"]["effect"] == 0.5, "an int column is numeric too: KS"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "p-value-only", "fails": ["t2"]}
def drift_report(reference, current, alpha=0.05, min_effect=0.1):
    report = {}
    for column in reference.columns:
        ref, cur = reference[column], current[column]
        if pd.api.types.is_numeric_dtype(ref):
            result = stats.ks_2samp(ref, cur)
            test, p_value, effect = "ks", float(result.pvalue), float(result.statistic)
        else:
            categories = sorted(set(ref) | set(cur))
            ref_counts = ref.value_counts().reindex(categories, fill_value=0)
            cur_counts = cur.value_counts().reindex(categories, fill_value=0)
            p_value = float(stats.chi2_contingency([ref_counts.to_numpy(), cur_counts.to_numpy()])[1])
            effect = float((ref_counts / len(ref) - cur_counts / len(cur)).abs().sum() / 2)
            test = "chi2"
        report[column] = {"test": test, "p_value": p_value, "effect": effect, "drift": bool(p_value < alpha)}
    return report

# %% course={"kind": "wrong", "id": "largest-share-gap", "fails": ["t2"]}
def drift_report(reference, current, alpha=0.05, min_effect=0.1):
    report = {}
    for column in reference.columns:
        ref, cur = reference[column], current[column]
        if pd.api.types.is_numeric_dtype(ref):
            result = stats.ks_2samp(ref, cur)
            test, p_value, effect = "ks", float(result.pvalue), float(result.statistic)
        else:
            counts = pd.concat([ref.value_counts(), cur.value_counts()], axis=1).fillna(0)
            p_value = float(stats.chi2_contingency(counts.T.to_numpy())[1])
            shares = counts / counts.sum()
            effect = float((shares.iloc[:, 0] - shares.iloc[:, 1]).abs().max())  # like KS: the largest gap
            test = "chi2"
        report[column] = {"test": test, "p_value": p_value, "effect": effect,
                          "drift": bool(p_value < alpha and effect >= min_effect)}
    return report

# %% course={"kind": "wrong", "id": "unaligned-counts", "fails": ["t2"]}
def drift_report(reference, current, alpha=0.05, min_effect=0.1):
    report = {}
    for column in reference.columns:
        ref, cur = reference[column], current[column]
        if pd.api.types.is_numeric_dtype(ref):
            result = stats.ks_2samp(ref, cur)
            test, p_value, effect = "ks", float(result.pvalue), float(result.statistic)
        else:
            ref_counts, cur_counts = ref.value_counts(), cur.value_counts()
            p_value = float(stats.chi2_contingency([ref_counts.to_numpy(), cur_counts.to_numpy()])[1])
            effect = float(abs(ref_counts.to_numpy() / len(ref) - cur_counts.to_numpy() / len(cur)).sum() / 2)
            test = "chi2"
        report[column] = {"test": test, "p_value": p_value, "effect": effect,
                          "drift": bool(p_value < alpha and effect >= min_effect)}
    return report

# %% course={"kind": "wrong", "id": "numpy-types", "fails": ["t1", "t2"]}
def drift_report(reference, current, alpha=0.05, min_effect=0.1):
    report = {}
    for column in reference.columns:
        ref, cur = reference[column], current[column]
        if pd.api.types.is_numeric_dtype(ref):
            result = stats.ks_2samp(ref, cur)
            test, p_value, effect = "ks", result.pvalue, result.statistic
        else:
            categories = sorted(set(ref) | set(cur))
            ref_counts = ref.value_counts().reindex(categories, fill_value=0)
            cur_counts = cur.value_counts().reindex(categories, fill_value=0)
            p_value = stats.chi2_contingency([ref_counts.to_numpy(), cur_counts.to_numpy()])[1]
            effect = (ref_counts / len(ref) - cur_counts / len(cur)).abs().sum() / 2
            test = "chi2"
        report[column] = {"test": test, "p_value": p_value, "effect": effect,
                          "drift": p_value < alpha and effect >= min_effect}
    return report

# %% [markdown] course={"kind": "exercise", "id": "prediction-logger", "item": "x-set-up-prediction-logging"}
# ### A prediction logger with deterministic sampling
#
# Complete `PredictionLogger.log(request_id, features, prediction, latency_seconds)`. It writes **one JSON
# line** (a JSON object, then `"\n"`) to `self.stream` for a sampled request and returns `True`; for a request
# not sampled it writes nothing and returns `False`.
#
# - **Sampling:** take the SHA-256 of the request id (UTF-8), read its first 8 hex digits as an integer `h`;
#   the request is sampled when `h / 2**32 < self.sample_rate`. So the same id always gets the same answer, in
#   every process, and about `sample_rate` of all ids are sampled.
# - **The record** has exactly these keys: `request_id`, `model_version` (`self.model_version`), `input_hash`
#   (the first 16 hex digits of the SHA-256 of `json.dumps(features, sort_keys=True)`, so the key order of
#   `features` does not matter, and raw features, maybe personal data, are not stored), `prediction`, and
#   `latency_ms` (`latency_seconds * 1000` rounded to 3 decimals).
#
# ```python
# >>> out = io.StringIO(); logger = PredictionLogger(out, "fraud-v3", sample_rate=1.0)
# >>> logger.log("req-1", {"amount": 12.5}, 0, 0.0042), json.loads(out.getvalue())["latency_ms"]
# (True, 4.2)
# ```

# %% [markdown] course={"kind": "hint"}
# `hashlib.sha256(text.encode("utf-8")).hexdigest()` is the digest as 64 hex digits; `int(digits, 16)` reads hex.

# %% [markdown] course={"kind": "hint"}
# Return `False` before building anything when not sampled. Then `self.stream.write(json.dumps(record) + "\n")`.

# %% course={"kind": "solution"}
class PredictionLogger:
    def __init__(self, stream: io.TextIOBase, model_version: str, sample_rate: float) -> None:
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError("sample_rate is a share between 0 and 1")
        self.stream, self.model_version, self.sample_rate = stream, model_version, sample_rate

    def log(self, request_id: str, features: Mapping[str, object], prediction: object, latency_seconds: float) -> bool:
        ### BEGIN SOLUTION
        position = int(hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:8], 16) / 2**32
        if not position < self.sample_rate:
            return False
        input_hash = hashlib.sha256(json.dumps(features, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        record = {
            "request_id": request_id,
            "model_version": self.model_version,
            "input_hash": input_hash,
            "prediction": prediction,
            "latency_ms": round(latency_seconds * 1000, 3),
        }
        self.stream.write(json.dumps(record) + "\n")
        return True
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_out = io.StringIO()
_logger = PredictionLogger(_out, "fraud-v3", sample_rate=1.0)
assert _logger.log("req-1", {"amount": 12.5, "country": "DE"}, 1, 0.0042) is True, "rate 1.0: every request logged"
_text = _out.getvalue()
assert _text.endswith("\n") and _text.count("\n") == 1, f"one JSON line ending in a newline, got {_text!r}"
_record = json.loads(_text)
_hash = hashlib.sha256(b'{"amount": 12.5, "country": "DE"}').hexdigest()[:16]
assert _record == {"request_id": "req-1", "model_version": "fraud-v3", "input_hash": _hash, "prediction": 1,
                   "latency_ms": 4.2}, f"exactly the five fields, got {_record}"

# %% course={"kind": "test", "points": 2}
def _sampled(request_id: str, rate: float) -> bool:
    return int(hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:8], 16) / 2**32 < rate


_ids = [f"req-{n}" for n in range(400)]
_out = io.StringIO()
_logger = PredictionLogger(_out, "v1", sample_rate=0.25)
_answers = [_logger.log(i, {"x": 1}, 0, 0.001) for i in _ids]
assert _answers == [_sampled(i, 0.25) for i in _ids], "sampled exactly when sha256(id)[:8] / 2**32 < rate"
assert [json.loads(line)["request_id"] for line in _out.getvalue().splitlines()] == [
    i for i in _ids if _sampled(i, 0.25)], "one line per sampled request, nothing for the others"
_out0 = io.StringIO()
assert PredictionLogger(_out0, "v1", 0.0).log("req-3", {}, 0, 0.1) is False and _out0.getvalue() == "", "rate 0"
### BEGIN HIDDEN TESTS
_h = int(hashlib.sha256("req-7".encode("utf-8")).hexdigest()[:8], 16)
_out = io.StringIO()
assert PredictionLogger(_out, "v1", _h / 2**32).log("req-7", {}, 0, 0.0) is False, "position == rate: not below"
assert PredictionLogger(_out, "v1", (_h + 1) / 2**32).log("req-7", {}, 0, 0.0) is True and _out.getvalue()
for _id in ("grüße-✓", "日本-42", "req\nnext"):
    _out = io.StringIO()
    assert PredictionLogger(_out, "v1", 0.5).log(_id, {}, 0, 0.0) is _sampled(_id, 0.5), repr(_id)
    if _sampled(_id, 1.0):
        PredictionLogger(_out, "v1", 1.0).log(_id, {}, 0, 0.0)
        assert json.loads(_out.getvalue().splitlines()[-1])["request_id"] == _id
_a, _b = io.StringIO(), io.StringIO()
PredictionLogger(_a, "v2", 1.0).log("r", {"b": 2, "a": [1, "é"]}, "yes", 0.00123456)
PredictionLogger(_b, "v2", 1.0).log("r", {"a": [1, "é"], "b": 2}, "yes", 0.00123456)
assert json.loads(_a.getvalue())["input_hash"] == json.loads(_b.getvalue())["input_hash"], "key order does not matter"
_rec = json.loads(_a.getvalue())
assert _rec["input_hash"] == hashlib.sha256(json.dumps({"a": [1, "é"], "b": 2}, sort_keys=True).encode("utf-8")).hexdigest()[:16]
assert _rec["latency_ms"] == 1.235 and _rec["model_version"] == "v2" and _rec["prediction"] == "yes"
_out = io.StringIO()
_logger = PredictionLogger(_out, "v1", 1.0)
for _n in range(3):
    _logger.log(f"r{_n}", {"n": _n}, _n, 0.0)
assert len(_out.getvalue().splitlines()) == 3 and _out.getvalue().count("\n") == 3, "one line per call, appended"
_share = sum(_sampled(f"id-{n}", 0.1) for n in range(5000)) / 5000
_got = sum(PredictionLogger(io.StringIO(), "v", 0.1).log(f"id-{n}", {}, 0, 0.0) for n in range(5000)) / 5000
assert _got == _share and 0.08 < _got < 0.12
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "random-sampling", "fails": ["t2"]}
import random


class PredictionLogger:
    def __init__(self, stream, model_version, sample_rate):
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError("sample_rate is a share between 0 and 1")
        self.stream, self.model_version, self.sample_rate = stream, model_version, sample_rate

    def log(self, request_id, features, prediction, latency_seconds):
        if random.random() >= self.sample_rate:
            return False
        input_hash = hashlib.sha256(json.dumps(features, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        record = {"request_id": request_id, "model_version": self.model_version, "input_hash": input_hash,
                  "prediction": prediction, "latency_ms": round(latency_seconds * 1000, 3)}
        self.stream.write(json.dumps(record) + "\n")
        return True

# %% course={"kind": "wrong", "id": "builtin-hash", "fails": ["t2"]}
class PredictionLogger:
    def __init__(self, stream, model_version, sample_rate):
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError("sample_rate is a share between 0 and 1")
        self.stream, self.model_version, self.sample_rate = stream, model_version, sample_rate

    def log(self, request_id, features, prediction, latency_seconds):
        if (hash(request_id) % 2**32) / 2**32 >= self.sample_rate:
            return False
        input_hash = hashlib.sha256(json.dumps(features, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        record = {"request_id": request_id, "model_version": self.model_version, "input_hash": input_hash,
                  "prediction": prediction, "latency_ms": round(latency_seconds * 1000, 3)}
        self.stream.write(json.dumps(record) + "\n")
        return True

# %% course={"kind": "wrong", "id": "hash-depends-on-key-order", "fails": ["t2"]}
class PredictionLogger:
    def __init__(self, stream, model_version, sample_rate):
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError("sample_rate is a share between 0 and 1")
        self.stream, self.model_version, self.sample_rate = stream, model_version, sample_rate

    def log(self, request_id, features, prediction, latency_seconds):
        position = int(hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:8], 16) / 2**32
        if position >= self.sample_rate:
            return False
        input_hash = hashlib.sha256(json.dumps(features).encode("utf-8")).hexdigest()[:16]
        record = {"request_id": request_id, "model_version": self.model_version, "input_hash": input_hash,
                  "prediction": prediction, "latency_ms": round(latency_seconds * 1000, 3)}
        self.stream.write(json.dumps(record) + "\n")
        return True

# %% [markdown] course={"kind": "exercise", "id": "daily-performance", "item": "project-21-4-1"}
# ### Performance with delayed labels
#
# Write `daily_performance(predictions, labels)`. `predictions` has columns `request_id`, `day` and `prediction`
# (one row per logged prediction); `labels` has `request_id` and `label`, for the requests whose outcome is
# known so far (each at most once; ids that were never logged may appear and are ignored). Return a DataFrame
# indexed by `day` (sorted ascending) with the columns, in this order:
#
# - `predictions` (`int64`): predictions made that day;
# - `labelled` (`int64`): how many of them have a label;
# - `accuracy` (`float64`): correct / labelled, `NaN` when none is labelled. A missing label is unknown, not wrong.
#
# Do not change the input frames.
#
# ```python
# >>> daily_performance(pd.DataFrame({"request_id": ["a", "b", "c"], "day": ["mon", "mon", "tue"], "prediction": [1, 0, 1]}),
# ...                   pd.DataFrame({"request_id": ["a"], "label": [0]}))
#      predictions  labelled  accuracy
# day
# mon            2         1       0.0
# tue            1         0       NaN
# ```

# %% [markdown] course={"kind": "hint"}
# A **left** join keeps every prediction: `predictions.merge(labels, on="request_id", how="left")`.

# %% [markdown] course={"kind": "hint"}
# After the join, `label.notna()` marks labelled rows and `prediction == label` the correct ones (a missing
# label is never equal). Group by `day` and take `size()`, `sum()` and `sum()`; divide.

# %% course={"kind": "solution"}
def daily_performance(predictions: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    ### BEGIN SOLUTION
    joined = predictions.merge(labels, on="request_id", how="left")
    labelled = joined["label"].notna()
    correct = labelled & (joined["prediction"] == joined["label"])
    days = joined["day"]
    result = pd.DataFrame({
        "predictions": labelled.groupby(days).size().astype("int64"),
        "labelled": labelled.groupby(days).sum().astype("int64"),
    })
    result["accuracy"] = correct.groupby(days).sum() / result["labelled"]  # 0 / 0 is NaN in pandas
    return result.sort_index()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_preds = pd.DataFrame({"request_id": ["a", "b", "c"], "day": ["mon", "mon", "tue"], "prediction": [1, 0, 1]})
_labels = pd.DataFrame({"request_id": ["a"], "label": [0]})
_got = daily_performance(_preds, _labels)
assert list(_got.columns) == ["predictions", "labelled", "accuracy"], f"columns in order, got {list(_got.columns)}"
assert list(_got.index) == ["mon", "tue"] and _got.index.name == "day", "indexed by day"
assert _got["predictions"].tolist() == [2, 1], "every logged prediction counts, labelled or not"
assert _got["labelled"].tolist() == [1, 0] and _got.loc["mon", "accuracy"] == 0.0, "mon: one labelled, wrong"
assert math.isnan(_got.loc["tue", "accuracy"]), "no label yet: accuracy NaN, not 0"

# %% course={"kind": "test", "points": 2}
_preds = pd.DataFrame({"request_id": [f"r{n}" for n in range(8)], "day": [3, 1, 2, 1, 1, 2, 3, 3],
                       "prediction": [1, 1, 0, 0, 1, 1, 0, 0]})
_labels = pd.DataFrame({"request_id": ["r1", "r3", "r2", "r9"], "label": [1, 1, 0, 1]})
_before = (_preds.copy(), _labels.copy())
_got = daily_performance(_preds, _labels)
assert list(_got.index) == [1, 2, 3], "days sorted ascending"
assert _got["predictions"].tolist() == [3, 2, 3] and _got["labelled"].tolist() == [2, 1, 0]
assert _got.loc[1, "accuracy"] == 0.5 and _got.loc[2, "accuracy"] == 1.0, "accuracy over labelled rows only"
assert [str(t) for t in _got.dtypes] == ["int64", "int64", "float64"], f"dtypes: got {list(_got.dtypes)}"
pd.testing.assert_frame_equal(_preds, _before[0])
pd.testing.assert_frame_equal(_labels, _before[1])
### BEGIN HIDDEN TESTS
_preds = pd.DataFrame({"request_id": ["x", "y", "z"], "day": ["2026-01-02", "2026-01-01", "2026-01-02"],
                       "prediction": [0, 0, 1]})
_labels = pd.DataFrame({"request_id": ["z", "y", "x"], "label": [1, 0, 0]})
_got = daily_performance(_preds, _labels)
assert list(_got.index) == ["2026-01-01", "2026-01-02"] and _got["accuracy"].tolist() == [1.0, 1.0]
assert _got["labelled"].tolist() == [1, 2] and _got["predictions"].tolist() == [1, 2]
_got = daily_performance(_preds, pd.DataFrame({"request_id": pd.Series([], dtype=object), "label": pd.Series([], dtype="int64")}))
assert _got["labelled"].tolist() == [0, 0] and _got["accuracy"].isna().all() and str(_got["accuracy"].dtype) == "float64"
assert str(_got["labelled"].dtype) == "int64" and str(_got["predictions"].dtype) == "int64"
_got = daily_performance(_preds, pd.DataFrame({"request_id": ["x", "z"], "label": [1, 0]}))
assert _got.loc["2026-01-02", "accuracy"] == 0.0 and _got.loc["2026-01-02", "labelled"] == 2
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inner-join", "fails": ["t1", "t2"]}
def daily_performance(predictions, labels):
    joined = predictions.merge(labels, on="request_id")
    grouped = joined.assign(correct=joined.prediction == joined.label).groupby("day")
    result = pd.DataFrame({"predictions": grouped.size(), "labelled": grouped.size()})
    result["accuracy"] = grouped["correct"].mean()
    return result.sort_index()

# %% course={"kind": "wrong", "id": "missing-label-is-wrong", "fails": ["t1", "t2"]}
def daily_performance(predictions, labels):
    joined = predictions.merge(labels, on="request_id", how="left")
    joined["correct"] = joined["prediction"] == joined["label"]
    grouped = joined.groupby("day")
    result = pd.DataFrame({"predictions": grouped.size(), "labelled": grouped["label"].count()})
    result["accuracy"] = grouped["correct"].mean()
    return result.sort_index()

# %% [markdown] course={"kind": "exercise", "id": "alert-states", "item": "x-set-up-alerts-for-model-issues"}
# ### An alert that neither flaps nor fires on one spike
#
# Write `alert_states(values, fire_above, clear_below, for_samples)`: `values` is an iterable of numbers
# sampled at a fixed interval (a drift score, an error ratio). Return one state per value, a list of `"ok"`,
# `"pending"` or `"firing"`:
#
# - while not firing, a value **above** `fire_above` extends a run of consecutive high values; once the run
#   reaches `for_samples` values the alert is `"firing"` (from that value on); a shorter run is `"pending"`; any
#   value not above `fire_above` ends the run (`"ok"`);
# - while firing, it stays `"firing"` until a value **below** `clear_below` (hysteresis), which gives `"ok"`
#   and starts counting from zero again.
#
# Raise `ValueError` when `clear_below > fire_above` or `for_samples < 1`.
#
# ```python
# >>> alert_states([0.3, 0.3, 0.1, 0.3, 0.3, 0.3, 0.2, 0.1], fire_above=0.25, clear_below=0.15, for_samples=3)
# ['pending', 'pending', 'ok', 'pending', 'pending', 'firing', 'firing', 'ok']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two variables across the loop: the length of the current run and whether the alert is firing.

# %% [markdown] course={"kind": "hint"}
# Check `firing` first: then only `value < clear_below` matters. Otherwise `value > fire_above` adds one to the
# run (firing when it reaches `for_samples`), anything else sets it to 0.

# %% course={"kind": "solution"}
def alert_states(values: Iterable[float], fire_above: float, clear_below: float, for_samples: int) -> list[str]:
    ### BEGIN SOLUTION
    if clear_below > fire_above:
        raise ValueError("clear_below must not be above fire_above")
    if for_samples < 1:
        raise ValueError("for_samples must be at least 1")
    states, run, firing = [], 0, False
    for value in values:
        if firing:
            if value < clear_below:
                firing, run = False, 0
        elif value > fire_above:
            run += 1
            firing = run >= for_samples
        else:
            run = 0
        states.append("firing" if firing else "pending" if run else "ok")
    return states
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = alert_states([0.3, 0.3, 0.1, 0.3, 0.3, 0.3, 0.2, 0.1], fire_above=0.25, clear_below=0.15, for_samples=3)
assert _got == ["pending", "pending", "ok", "pending", "pending", "firing", "firing", "ok"], f"got {_got}"
assert alert_states([], 1.0, 0.5, 2) == [], "no samples: no states"

# %% course={"kind": "test", "points": 2}
_got = alert_states([0.3, 0.2, 0.3, 0.2, 0.3, 0.2], fire_above=0.25, clear_below=0.15, for_samples=1)
assert _got == ["firing"] * 6, f"between the two levels a firing alert stays firing (no flapping): got {_got}"
_got = alert_states([0.3, 0.2, 0.3, 0.3], fire_above=0.25, clear_below=0.15, for_samples=2)
assert _got == ["pending", "ok", "pending", "firing"], f"not firing yet, a value between the levels ends the run: {_got}"
_got = alert_states(iter([5, 5, 1, 5]), fire_above=4, clear_below=4, for_samples=1)
assert _got == ["firing", "firing", "ok", "firing"], f"any iterable; without a gap it clears below the level: {_got}"
### BEGIN HIDDEN TESTS
assert alert_states([0.25, 0.25, 0.25], 0.25, 0.1, 1) == ["ok", "ok", "ok"], "equal to fire_above is not above"
assert alert_states([0.5, 0.1, 0.5], 0.25, 0.1, 1) == ["firing", "firing", "firing"], "equal to clear_below is not below"
assert alert_states([0.5, 0.09], 0.25, 0.1, 1) == ["firing", "ok"]
assert alert_states([9, 9, 9, 9, 0, 9, 9], 1, 0.5, 4) == ["pending"] * 3 + ["firing", "ok", "pending", "pending"]
assert alert_states([9, 9, 0, 9, 9, 9, 9], 1, 0.5, 4) == ["pending", "pending", "ok", "pending", "pending", "pending", "firing"]
assert alert_states([9] * 2, 1, 1, 3) == ["pending", "pending"]
assert alert_states((v for v in [-1.0, 3.0]), -2.0, -5.0, 1) == ["firing", "firing"], "negatives and generators"
for _args in ((0.5, 0.6, 1), (0.5, 0.1, 0), (0.5, 0.1, -1)):
    try:
        alert_states([1.0], *_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_args} must raise ValueError")
assert alert_states([1.0], 0.5, 0.5, 1) == ["firing"], "clear_below == fire_above is allowed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-hysteresis", "fails": ["t1", "t2"]}
def alert_states(values, fire_above, clear_below, for_samples):
    if clear_below > fire_above:
        raise ValueError("clear_below must not be above fire_above")
    if for_samples < 1:
        raise ValueError("for_samples must be at least 1")
    states, run = [], 0
    for value in values:
        run = run + 1 if value > fire_above else 0
        states.append("firing" if run >= for_samples else "pending" if run else "ok")
    return states

# %% course={"kind": "wrong", "id": "run-not-reset", "fails": ["t1", "t2"]}
def alert_states(values, fire_above, clear_below, for_samples):
    if clear_below > fire_above:
        raise ValueError("clear_below must not be above fire_above")
    if for_samples < 1:
        raise ValueError("for_samples must be at least 1")
    states, run, firing = [], 0, False
    for value in values:
        if firing:
            if value < clear_below:
                firing, run = False, 0
        elif value > fire_above:
            run += 1
            firing = run >= for_samples
        states.append("firing" if firing else "pending" if value > fire_above else "ok")
    return states

# %% course={"kind": "wrong", "id": "fires-one-late", "fails": ["t1", "t2"]}
def alert_states(values, fire_above, clear_below, for_samples):
    if clear_below > fire_above:
        raise ValueError("clear_below must not be above fire_above")
    if for_samples < 1:
        raise ValueError("for_samples must be at least 1")
    states, run, firing = [], 0, False
    for value in values:
        if firing:
            if value < clear_below:
                firing, run = False, 0
        elif value > fire_above:
            firing = run >= for_samples
            run += 1
        else:
            run = 0
        states.append("firing" if firing else "pending" if run else "ok")
    return states

# %% course={"kind": "wrong", "id": "pending-waits-for-clear", "fails": ["t2"]}
def alert_states(values, fire_above, clear_below, for_samples):
    if clear_below > fire_above:
        raise ValueError("clear_below must not be above fire_above")
    if for_samples < 1:
        raise ValueError("for_samples must be at least 1")
    states, run, firing = [], 0, False
    for value in values:
        if value > fire_above:
            run += 1
            firing = firing or run >= for_samples
        elif value < clear_below:
            firing, run = False, 0
        states.append("firing" if firing else "pending" if run else "ok")
    return states

# %% [markdown] course={"kind": "exercise", "id": "model-metrics", "item": "project-21-4-1"}
# ### Export a model's metrics, with input checks, to a real `/metrics`
#
# Write `instrument_model(predict, registry, clock, model_version, required)`. `predict(features)` returns a
# class (an `int`); `required` is a list of feature names. Create in `registry`:
#
# - a counter `model_predictions_total` with labels `model_version` and `label` (the predicted class);
# - a counter `model_invalid_inputs_total` with the label `reason`, whose two series `reason="missing"` and
#   `reason="not_finite"` exist at 0 before the first bad request (so `rate()` has a series to work on);
# - a histogram `model_latency_seconds` with the label `model_version` and exactly the buckets `0.01`, `0.05`,
#   `0.2` (and `+Inf`), observing `clock()` after `predict` minus `clock()` before it.
#
# Return `serve(features)`: when a required feature is absent, count `missing` and return `None`; otherwise, when
# a required value is `nan` or infinite, count `not_finite` and return `None`. An invalid request never calls
# `predict` and is not timed. A valid one is timed and counted, and `serve` returns the class. Extra features are
# allowed; `0.0` is a value, not a missing one.
#
# ```python
# >>> serve = instrument_model(lambda f: int(f["amount"] > 80), registry, clock, "v3", ["amount"])
# >>> serve({"amount": 120.0}), serve({}), registry.get_sample_value("model_invalid_inputs_total", {"reason": "missing"})
# (1, None, 1.0)
# ```

# %% [markdown] course={"kind": "hint"}
# Make the three metrics inside `instrument_model` with `registry=registry`; calling `.labels(reason)` once per
# reason, without `.inc()`, creates a series at 0. Then define `serve` inside it (a closure).

# %% [markdown] course={"kind": "hint"}
# Test presence with `name not in features` (not with truthiness: 0.0 is falsy) and finiteness with
# `math.isfinite(value)`, which is `False` for `nan`, `inf` and `-inf`.

# %% course={"kind": "solution"}
def instrument_model(predict: Callable[[Mapping[str, float]], int], registry: CollectorRegistry,
                     clock: Callable[[], float], model_version: str,
                     required: Sequence[str]) -> Callable[[Mapping[str, float]], int | None]:
    ### BEGIN SOLUTION
    predictions = Counter("model_predictions", "Predictions served, by class.", ["model_version", "label"],
                          registry=registry)
    invalid = Counter("model_invalid_inputs", "Requests refused by the input checks.", ["reason"], registry=registry)
    latency = Histogram("model_latency_seconds", "Time spent in the model.", ["model_version"],
                        buckets=(0.01, 0.05, 0.2), registry=registry)
    for reason in ("missing", "not_finite"):
        invalid.labels(reason)

    def serve(features: Mapping[str, float]) -> int | None:
        if any(name not in features for name in required):
            invalid.labels("missing").inc()
            return None
        if not all(math.isfinite(features[name]) for name in required):
            invalid.labels("not_finite").inc()
            return None
        start = clock()
        label = predict(features)
        latency.labels(model_version).observe(clock() - start)
        predictions.labels(model_version, label).inc()
        return label

    return serve
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
class _TimedModel:
    """A model that spends `seconds` of fake clock time per call and counts its calls."""

    def __init__(self, clock: FakeClock, seconds: float) -> None:
        self.clock, self.seconds, self.calls = clock, seconds, 0

    def __call__(self, features: Mapping[str, float]) -> int:
        self.calls += 1
        self.clock.advance(self.seconds)
        return int(features["amount"] > 80)


_clock, _reg = FakeClock(0.0), CollectorRegistry()
_serve = instrument_model(_TimedModel(_clock, 0.03), _reg, _clock, "v3", ["amount"])
assert _serve({"amount": 120.0}) == 1 and _serve({"amount": 10.0}) == 0, "serve returns the model's class"
with metrics_server(_reg) as _server:
    _got = samples(scrape(_server.url))
assert _got["model_predictions_total{label=1,model_version=v3}"] == 1.0, f"one prediction of class 1: {_got}"
assert _got["model_latency_seconds_count{model_version=v3}"] == 2.0, "two predictions timed"
assert math.isclose(_got["model_latency_seconds_sum{model_version=v3}"], 0.06), "0.03 s each, from the clock"
assert _got["model_invalid_inputs_total{reason=missing}"] == 0.0, "the invalid-input series exist at 0"
assert _got["model_invalid_inputs_total{reason=not_finite}"] == 0.0, "the invalid-input series exist at 0"

# %% course={"kind": "test", "points": 2}
_clock, _reg = FakeClock(0.0), CollectorRegistry()
_model = _TimedModel(_clock, 0.03)
_serve = instrument_model(_model, _reg, _clock, "v4", ["amount", "age"])
assert _serve({"amount": 5.0}) is None and _serve({"age": 30.0}) is None, "a required feature is absent: None"
assert _serve({"amount": float("nan"), "age": 1.0}) is None and _serve({"amount": 1.0, "age": float("-inf")}) is None
assert _model.calls == 0, "invalid requests never reach the model"
assert _serve({"amount": 0.0, "age": 0.0, "extra": "ignored"}) == 0, "0.0 is a value; extra features are fine"
_value = lambda name, labels: _reg.get_sample_value(name, labels)  # noqa: E731
assert _value("model_invalid_inputs_total", {"reason": "missing"}) == 2.0, "two missing"
assert _value("model_invalid_inputs_total", {"reason": "not_finite"}) == 2.0, "two not finite"
assert _value("model_latency_seconds_count", {"model_version": "v4"}) == 1.0, "only the valid request is timed"
### BEGIN HIDDEN TESTS
assert _value("model_predictions_total", {"model_version": "v4", "label": "0"}) == 1.0
assert _serve({"amount": float("inf")}) is None, "missing is checked before finiteness"
assert _value("model_invalid_inputs_total", {"reason": "missing"}) == 3.0
assert _value("model_invalid_inputs_total", {"reason": "not_finite"}) == 2.0
_bucket = lambda le: _value("model_latency_seconds_bucket", {"model_version": "v4", "le": le})  # noqa: E731
assert (_bucket("0.01"), _bucket("0.05"), _bucket("0.2"), _bucket("+Inf")) == (0.0, 1.0, 1.0, 1.0)
assert _bucket("0.1") is None and _bucket("0.005") is None, "exactly the buckets 0.01, 0.05, 0.2 and +Inf"
_clock2, _reg2 = FakeClock(5.0), CollectorRegistry()
_serve2 = instrument_model(_TimedModel(_clock2, 0.5), _reg2, _clock2, "v5", [])
assert _serve2({"amount": 100.0}) == 1 and _serve2({"amount": 100.0}) == 1, "a second instrument_model works too"
assert _reg2.get_sample_value("model_predictions_total", {"model_version": "v5", "label": "1"}) == 2.0
assert _reg2.get_sample_value("model_latency_seconds_bucket", {"model_version": "v5", "le": "0.2"}) == 0.0
assert _reg2.get_sample_value("model_latency_seconds_sum", {"model_version": "v5"}) == 1.0
assert _reg.get_sample_value("model_predictions_total", {"model_version": "v5", "label": "1"}) is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "falsy-is-missing", "fails": ["t2"]}
def instrument_model(predict, registry, clock, model_version, required):
    predictions = Counter("model_predictions", "Predictions.", ["model_version", "label"], registry=registry)
    invalid = Counter("model_invalid_inputs", "Refused requests.", ["reason"], registry=registry)
    latency = Histogram("model_latency_seconds", "Model time.", ["model_version"], buckets=(0.01, 0.05, 0.2),
                        registry=registry)
    for reason in ("missing", "not_finite"):
        invalid.labels(reason)

    def serve(features):
        if not all(features.get(name) for name in required):
            invalid.labels("missing").inc()
            return None
        if not all(math.isfinite(features[name]) for name in required):
            invalid.labels("not_finite").inc()
            return None
        start = clock()
        label = predict(features)
        latency.labels(model_version).observe(clock() - start)
        predictions.labels(model_version, label).inc()
        return label

    return serve

# %% course={"kind": "wrong", "id": "series-appear-late", "fails": ["t1"]}
def instrument_model(predict, registry, clock, model_version, required):
    predictions = Counter("model_predictions", "Predictions.", ["model_version", "label"], registry=registry)
    invalid = Counter("model_invalid_inputs", "Refused requests.", ["reason"], registry=registry)
    latency = Histogram("model_latency_seconds", "Model time.", ["model_version"], buckets=(0.01, 0.05, 0.2),
                        registry=registry)

    def serve(features):
        if any(name not in features for name in required):
            invalid.labels("missing").inc()
            return None
        if not all(math.isfinite(features[name]) for name in required):
            invalid.labels("not_finite").inc()
            return None
        start = clock()
        label = predict(features)
        latency.labels(model_version).observe(clock() - start)
        predictions.labels(model_version, label).inc()
        return label

    return serve

# %% course={"kind": "wrong", "id": "times-invalid-requests", "fails": ["t2"]}
def instrument_model(predict, registry, clock, model_version, required):
    predictions = Counter("model_predictions", "Predictions.", ["model_version", "label"], registry=registry)
    invalid = Counter("model_invalid_inputs", "Refused requests.", ["reason"], registry=registry)
    latency = Histogram("model_latency_seconds", "Model time.", ["model_version"], buckets=(0.01, 0.05, 0.2),
                        registry=registry)
    for reason in ("missing", "not_finite"):
        invalid.labels(reason)

    def serve(features):
        start = clock()
        try:
            if any(name not in features for name in required):
                invalid.labels("missing").inc()
                return None
            if not all(math.isfinite(features[name]) for name in required):
                invalid.labels("not_finite").inc()
                return None
            label = predict(features)
            predictions.labels(model_version, label).inc()
            return label
        finally:
            latency.labels(model_version).observe(clock() - start)

    return serve

# %% [markdown] course={"kind": "exercise", "id": "retrain-triggers", "item": "x-implement-automated-retraining-triggers"}
# ### Retraining triggers with a cool-down
#
# The model was trained on day 0. Write `retrain_days(observations, *, cooldown=7, max_age=30, psi_limit=0.2,
# min_accuracy=0.8)`. `observations` are `(day, psi, accuracy)` tuples in increasing day order; `accuracy` is
# `None` while that day's labels have not arrived. Go through them and return the retrains as a list of
# `(day, reason)` tuples. On each day, with `last` the day of the last training:
#
# 1. if `day - last < cooldown`, nothing happens (cool-down);
# 2. otherwise retrain with the first reason that holds: `"performance"` when `accuracy` is known and below
#    `min_accuracy`; `"drift"` when `psi > psi_limit`; `"schedule"` when `day - last >= max_age`;
# 3. after a retrain, `last` is that day.
#
# ```python
# >>> retrain_days([(3, 0.5, None), (8, 0.5, 0.9), (10, 0.3, 0.7), (40, 0.0, None)])
# [(8, 'drift'), (40, 'schedule')]        # day 3: cool-down; day 10: cool-down after day 8
# ```

# %% [markdown] course={"kind": "hint"}
# One loop, one variable `last = 0` and one result list. Skip a day with `continue` during the cool-down.

# %% [markdown] course={"kind": "hint"}
# `accuracy is not None and accuracy < min_accuracy` must be checked before the drift test; append and move
# `last` only when a reason was found.

# %% course={"kind": "solution"}
def retrain_days(observations: Iterable[tuple[int, float, float | None]], *, cooldown: int = 7, max_age: int = 30,
                 psi_limit: float = 0.2, min_accuracy: float = 0.8) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    last = 0
    retrains: list[tuple[int, str]] = []
    for day, drift, accuracy in observations:
        if day - last < cooldown:
            continue
        if accuracy is not None and accuracy < min_accuracy:
            reason = "performance"
        elif drift > psi_limit:
            reason = "drift"
        elif day - last >= max_age:
            reason = "schedule"
        else:
            continue
        retrains.append((day, reason))
        last = day
    return retrains
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = retrain_days([(3, 0.5, None), (8, 0.5, 0.9), (10, 0.3, 0.7), (40, 0.0, None)])
assert _got == [(8, "drift"), (40, "schedule")], f"got {_got}"
assert retrain_days([]) == [], "no observations: no retrain"

# %% course={"kind": "test", "points": 2}
_got = retrain_days([(7, 0.5, 0.5), (14, 0.0, 0.79), (20, 0.0, 0.5), (21, 0.21, 0.95)])
assert _got == [(7, "performance"), (14, "performance"), (21, "drift")], f"cool-down ends exactly after 7 days: {_got}"
assert retrain_days([(d, 0.3, None) for d in range(1, 30)]) == [(7, "drift"), (14, "drift"), (21, "drift"), (28, "drift")], (
    "a trigger that stays true retrains once per cool-down, no more")
### BEGIN HIDDEN TESTS
assert retrain_days([(29, 0.0, 0.8), (30, 0.2, 0.8)]) == [(30, "schedule")], "0.8 is not below 0.8, 0.2 not above 0.2"
assert retrain_days([(30, 0.9, 0.1)]) == [(30, "performance")], "performance comes first"
assert retrain_days([(30, 0.9, None)]) == [(30, "drift")], "drift before schedule"
assert retrain_days([(6, 0.9, 0.1), (29, 0.0, None), (60, 0.0, None)]) == [(60, "schedule")]
assert retrain_days([(10, 0.9, None), (39, 0.0, 0.9), (40, 0.0, 0.9), (70, 0.0, 0.9)]) == [(10, "drift"), (40, "schedule"), (70, "schedule")]
assert retrain_days([(1, 0.5, 0.5), (2, 0.5, 0.5)], cooldown=1) == [(1, "performance"), (2, "performance")]
assert retrain_days([(3, 0.0, None), (5, 0.0, None)], cooldown=0, max_age=4) == [(5, "schedule")]
assert retrain_days([(9, 0.35, 0.85)], psi_limit=0.4, min_accuracy=0.9) == [(9, "performance")]
assert retrain_days([(9, 0.45, 0.95)], psi_limit=0.4, min_accuracy=0.9) == [(9, "drift")]
assert retrain_days(iter([(9, 0.45, 0.95)])) == [(9, "drift")], "any iterable"
assert retrain_days([(10, 0.0, 0.0)]) == [(10, "performance")], "accuracy 0.0 is known (and bad), not missing"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-cooldown", "fails": ["t1", "t2"]}
def retrain_days(observations, *, cooldown=7, max_age=30, psi_limit=0.2, min_accuracy=0.8):
    last, retrains = 0, []
    for day, drift, accuracy in observations:
        if accuracy is not None and accuracy < min_accuracy:
            reason = "performance"
        elif drift > psi_limit:
            reason = "drift"
        elif day - last >= max_age:
            reason = "schedule"
        else:
            continue
        retrains.append((day, reason))
        last = day
    return retrains

# %% course={"kind": "wrong", "id": "cooldown-from-day-zero-only", "fails": ["t1", "t2"]}
def retrain_days(observations, *, cooldown=7, max_age=30, psi_limit=0.2, min_accuracy=0.8):
    retrains = []
    for day, drift, accuracy in observations:
        if day < cooldown:
            continue
        if accuracy is not None and accuracy < min_accuracy:
            reason = "performance"
        elif drift > psi_limit:
            reason = "drift"
        elif day >= max_age:
            reason = "schedule"
        else:
            continue
        retrains.append((day, reason))
    return retrains

# %% course={"kind": "wrong", "id": "cooldown-inclusive", "fails": ["t2"]}
def retrain_days(observations, *, cooldown=7, max_age=30, psi_limit=0.2, min_accuracy=0.8):
    last, retrains = 0, []
    for day, drift, accuracy in observations:
        if day - last <= cooldown:
            continue
        if accuracy is not None and accuracy < min_accuracy:
            reason = "performance"
        elif drift > psi_limit:
            reason = "drift"
        elif day - last >= max_age:
            reason = "schedule"
        else:
            continue
        retrains.append((day, reason))
        last = day
    return retrains

# %% course={"kind": "wrong", "id": "falsy-accuracy", "fails": ["t2"]}
def retrain_days(observations, *, cooldown=7, max_age=30, psi_limit=0.2, min_accuracy=0.8):
    last, retrains = 0, []
    for day, drift, accuracy in observations:
        if day - last < cooldown:
            continue
        if accuracy and accuracy < min_accuracy:
            reason = "performance"
        elif drift > psi_limit:
            reason = "drift"
        elif day - last >= max_age:
            reason = "schedule"
        else:
            continue
        retrains.append((day, reason))
        last = day
    return retrains

# %% [markdown] course={"kind": "exercise", "id": "health-check", "item": "project-21-4-2"}
# ### A model health checker against a baseline
#
# Write `health_check(latencies, errors, requests, psi_by_feature, baseline, *, latency_factor=1.5,
# error_margin=0.01, psi_limit=0.2)` returning the **issues** as a list of `(check, observed, limit)` tuples
# (`observed` and `limit` Python `float`s), in this order:
#
# 1. `"latency_p95"`: `float(np.percentile(latencies, 95))` against `baseline["latency_p95"] * latency_factor`
#    (skipped when there are no latencies);
# 2. `"error_rate"`: `errors / requests` against `baseline["error_rate"] + error_margin` (skipped when
#    `requests` is 0);
# 3. `"drift:<feature>"`: each feature's PSI against `psi_limit`, features in sorted name order.
#
# A check is an issue only when `observed > limit`. No issue: an empty list.
#
# ```python
# >>> health_check([0.1] * 18 + [0.9] * 2, 3, 100, {"amount": 0.31, "age": 0.05}, {"latency_p95": 0.2, "error_rate": 0.01})
# [('latency_p95', 0.9, 0.30000000000000004), ('error_rate', 0.03, 0.02), ('drift:amount', 0.31, 0.2)]
# ```

# %% [markdown] course={"kind": "hint"}
# Build the list step by step: one `if` per check, appending a tuple when it fails.

# %% [markdown] course={"kind": "hint"}
# For the features, loop over `sorted(psi_by_feature)`: a dict keeps the order its keys were inserted in, which
# is whatever order the drift job wrote them.

# %% course={"kind": "solution"}
def health_check(latencies: Sequence[float], errors: int, requests: int, psi_by_feature: Mapping[str, float],
                 baseline: Mapping[str, float], *, latency_factor: float = 1.5, error_margin: float = 0.01,
                 psi_limit: float = 0.2) -> list[tuple[str, float, float]]:
    ### BEGIN SOLUTION
    issues: list[tuple[str, float, float]] = []
    if len(latencies) > 0:
        p95 = float(np.percentile(latencies, 95))
        limit = float(baseline["latency_p95"] * latency_factor)
        if p95 > limit:
            issues.append(("latency_p95", p95, limit))
    if requests > 0:
        rate = errors / requests
        limit = float(baseline["error_rate"] + error_margin)
        if rate > limit:
            issues.append(("error_rate", float(rate), limit))
    for feature in sorted(psi_by_feature):
        if psi_by_feature[feature] > psi_limit:
            issues.append((f"drift:{feature}", float(psi_by_feature[feature]), float(psi_limit)))
    return issues
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_baseline = {"latency_p95": 0.2, "error_rate": 0.01}
_got = health_check([0.1] * 18 + [0.9] * 2, 3, 100, {"amount": 0.31, "age": 0.05}, _baseline)
assert _got == [("latency_p95", 0.9, 0.2 * 1.5), ("error_rate", 0.03, 0.02), ("drift:amount", 0.31, 0.2)], f"got {_got}"
assert health_check([0.1] * 20, 1, 100, {"amount": 0.1}, _baseline) == [], "healthy: no issue"

# %% course={"kind": "test", "points": 2}
_got = health_check([], 0, 0, {"zip": 0.5, "age": 0.3, "income": 0.1, "city": 0.25}, _baseline)
assert _got == [("drift:age", 0.3, 0.2), ("drift:city", 0.25, 0.2), ("drift:zip", 0.5, 0.2)], (
    f"no traffic: only drift, features sorted by name: {_got}")
assert all(type(v) is float for _, o, lim in _got for v in (o, lim)), "observed and limit are floats"
### BEGIN HIDDEN TESTS
_got = health_check([0.1] * 18 + [0.9] * 2, 3, 100, {}, _baseline)
assert all(type(v) is float for _, o, lim in _got for v in (o, lim)) and len(_got) == 2
assert health_check([0.3] * 5, 2, 100, {"a": 0.2}, _baseline) == [], "equal to the limit is not an issue"
assert health_check([0.3, 0.3, 0.3, 0.3, 0.31], 0, 5, {}, _baseline) == [("latency_p95", float(np.percentile([0.3] * 4 + [0.31], 95)), 0.2 * 1.5)]
assert health_check([1.0], 5, 5, {"é": 0.9}, {"latency_p95": 1.0, "error_rate": 0.5}) == [("error_rate", 1.0, 0.51), ("drift:é", 0.9, 0.2)]
assert health_check([2.0], 0, 1, {}, {"latency_p95": 1.0, "error_rate": 0.0}, latency_factor=2.0) == []
assert health_check([2.1], 0, 1, {}, {"latency_p95": 1.0, "error_rate": 0.0}, latency_factor=2.0) == [("latency_p95", 2.1, 2.0)]
assert health_check([], 3, 100, {}, {"latency_p95": 1.0, "error_rate": 0.01}, error_margin=0.02) == []
assert health_check([], 4, 100, {}, {"latency_p95": 1.0, "error_rate": 0.01}, error_margin=0.02) == [("error_rate", 0.04, 0.03)]
assert health_check([], 0, 0, {"b": 0.5, "a": 0.35}, _baseline, psi_limit=0.4) == [("drift:b", 0.5, 0.4)]
_got = health_check(np.array([0.1, 0.2, 5.0]), 0, 3, {}, _baseline)
assert _got == [("latency_p95", float(np.percentile([0.1, 0.2, 5.0], 95)), 0.2 * 1.5)], "a numpy array of latencies"
assert type(_got[0][1]) is float
_got = health_check([2.0], np.int64(3), np.int64(4), {"a": np.float64(0.9)},
                    {"latency_p95": np.float64(1.0), "error_rate": np.float64(0.1)}, psi_limit=np.float64(0.5))
assert _got == [("latency_p95", 2.0, 1.5), ("error_rate", 0.75, 0.1 + 0.01), ("drift:a", 0.9, 0.5)]
assert all(type(v) is float for _, o, lim in _got for v in (o, lim)), "numpy inputs, Python float outputs"
assert health_check([], 1, 1, {}, _baseline) == [("error_rate", 1.0, 0.02)], "one request, failed"
assert health_check([0.1], 1, 100, {"a": 0.1}, {"latency_p95": 0.2, "error_rate": 0}) == [], "1 % is not above 0 + 1 %"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "insertion-order", "fails": ["t2"]}
def health_check(latencies, errors, requests, psi_by_feature, baseline, *, latency_factor=1.5, error_margin=0.01,
                 psi_limit=0.2):
    issues = []
    if len(latencies) > 0:
        p95 = float(np.percentile(latencies, 95))
        limit = baseline["latency_p95"] * latency_factor
        if p95 > limit:
            issues.append(("latency_p95", p95, limit))
    if requests > 0:
        rate = errors / requests
        limit = baseline["error_rate"] + error_margin
        if rate > limit:
            issues.append(("error_rate", rate, limit))
    for feature, value in psi_by_feature.items():
        if value > psi_limit:
            issues.append((f"drift:{feature}", value, psi_limit))
    return issues

# %% course={"kind": "wrong", "id": "mean-latency", "fails": ["t1", "t2"]}
def health_check(latencies, errors, requests, psi_by_feature, baseline, *, latency_factor=1.5, error_margin=0.01,
                 psi_limit=0.2):
    issues = []
    if len(latencies) > 0:
        mean = float(np.mean(latencies))
        limit = baseline["latency_p95"] * latency_factor
        if mean > limit:
            issues.append(("latency_p95", mean, limit))
    if requests > 0:
        rate = errors / requests
        limit = baseline["error_rate"] + error_margin
        if rate > limit:
            issues.append(("error_rate", rate, limit))
    for feature in sorted(psi_by_feature):
        if psi_by_feature[feature] > psi_limit:
            issues.append((f"drift:{feature}", psi_by_feature[feature], psi_limit))
    return issues

# %% course={"kind": "wrong", "id": "empty-window-crashes", "fails": ["t2"]}
def health_check(latencies, errors, requests, psi_by_feature, baseline, *, latency_factor=1.5, error_margin=0.01,
                 psi_limit=0.2):
    issues = []
    p95 = float(np.percentile(latencies, 95))
    limit = baseline["latency_p95"] * latency_factor
    if p95 > limit:
        issues.append(("latency_p95", p95, limit))
    rate = errors / requests
    limit = baseline["error_rate"] + error_margin
    if rate > limit:
        issues.append(("error_rate", rate, limit))
    for feature in sorted(psi_by_feature):
        if psi_by_feature[feature] > psi_limit:
            issues.append((f"drift:{feature}", psi_by_feature[feature], psi_limit))
    return issues

# %% [markdown] course={"kind": "exercise", "id": "worst-slices", "item": "project-21-4-1"}
# ### Slice-based evaluation: the worst slices with enough support
#
# `frame` has the columns `y_true`, `y_pred` and some text columns to slice by. Write
# `worst_slices(frame, columns, min_support, k)` returning up to `k` tuples `(column, value, support, accuracy)`:
# for every column in `columns` and every value it takes, the rows with that value (their count is the
# `support`, an `int`) and the share of them where `y_true == y_pred` (a `float`). Keep only slices with
# `support >= min_support`; order by accuracy (worst first), then by support (larger first), then by column
# name, then by value.
#
# ```python
# >>> frame = pd.DataFrame({"region": ["north"] * 4 + ["south"] * 6, "device": ["ios", "web"] * 5,
# ...                       "y_true": [1, 1, 0, 0, 1, 1, 1, 0, 0, 0], "y_pred": [0, 0, 0, 1, 1, 1, 1, 0, 0, 1]})
# >>> worst_slices(frame, ["region", "device"], min_support=1, k=2)
# [('region', 'north', 4, 0.25), ('device', 'web', 5, 0.4)]
# ```

# %% [markdown] course={"kind": "hint"}
# `correct = frame["y_true"] == frame["y_pred"]`; then `correct.groupby(frame[column])` yields `(value, rows)`
# for each value of the column.

# %% [markdown] course={"kind": "hint"}
# Collect every tuple, filter by support, then `sort(key=lambda s: (s[3], -s[2], s[0], s[1]))` and slice `[:k]`.

# %% course={"kind": "solution"}
def worst_slices(frame: pd.DataFrame, columns: Sequence[str], min_support: int,
                 k: int) -> list[tuple[str, str, int, float]]:
    ### BEGIN SOLUTION
    correct = frame["y_true"] == frame["y_pred"]
    found = []
    for column in columns:
        for value, hits in correct.groupby(frame[column]):
            if len(hits) >= min_support:
                found.append((column, value, len(hits), float(hits.mean())))
    found.sort(key=lambda s: (s[3], -s[2], s[0]))  # stable: groupby already gave each column's values sorted
    return found[:k]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_frame = pd.DataFrame({
    "region": ["north"] * 4 + ["south"] * 6,
    "device": ["ios", "web"] * 5,
    "y_true": [1, 1, 0, 0, 1, 1, 1, 0, 0, 0],
    "y_pred": [0, 0, 0, 1, 1, 1, 1, 0, 0, 1],
})
_got = worst_slices(_frame, ["region", "device"], min_support=1, k=2)
assert _got == [("region", "north", 4, 0.25), ("device", "web", 5, 0.4)], f"got {_got}"
assert type(_got[0][2]) is int and type(_got[0][3]) is float, "support is an int, accuracy a float"

# %% course={"kind": "test", "points": 2}
_frame = pd.DataFrame({
    "plan": ["free"] * 3 + ["pro"] * 20 + ["team"] * 20,
    "y_true": [1] * 43,
    "y_pred": [0] * 3 + [1] * 12 + [0] * 8 + [1] * 14 + [0] * 6,
})
_got = worst_slices(_frame, ["plan"], min_support=10, k=5)
assert _got == [("plan", "pro", 20, 0.6), ("plan", "team", 20, 0.7)], f"the 3-row slice at 0 % is below min_support: {_got}"
_got = worst_slices(_frame, ["plan"], min_support=10, k=1)
assert _got == [("plan", "pro", 20, 0.6)], f"drop the small slices first, then take the k worst: {_got}"
### BEGIN HIDDEN TESTS
assert worst_slices(_frame, ["plan"], min_support=3, k=1) == [("plan", "free", 3, 0.0)], "support == min_support is kept"
assert worst_slices(_frame, ["plan"], min_support=21, k=3) == [], "no slice large enough"
assert worst_slices(_frame, ["plan"], min_support=1, k=0) == []
_frame = pd.DataFrame({
    "b": ["x"] * 4 + ["y"] * 2, "a": ["z"] * 2 + ["é"] * 4,
    "y_true": [1, 0, 1, 0, 1, 0], "y_pred": [1, 1, 1, 1, 0, 1],
})
_got = worst_slices(_frame, ["b", "a"], min_support=1, k=10)
assert _got == [("b", "y", 2, 0.0), ("a", "é", 4, 0.25), ("b", "x", 4, 0.5), ("a", "z", 2, 0.5)], f"ties: {_got}"
_frame = pd.DataFrame({"s": ["q", "p", "q", "p"], "t": ["p", "q", "p", "q"], "y_true": [1, 1, 1, 1], "y_pred": [1, 0, 0, 1]})
assert worst_slices(_frame, ["t", "s"], 1, 4) == [("s", "p", 2, 0.5), ("s", "q", 2, 0.5), ("t", "p", 2, 0.5), ("t", "q", 2, 0.5)]
assert worst_slices(_frame, ["s"], 1, 1) == [("s", "p", 2, 0.5)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-min-support", "fails": ["t2"]}
def worst_slices(frame, columns, min_support, k):
    correct = frame["y_true"] == frame["y_pred"]
    found = []
    for column in columns:
        for value, hits in correct.groupby(frame[column]):
            found.append((column, value, len(hits), float(hits.mean())))
    found.sort(key=lambda s: (s[3], -s[2], s[0], s[1]))
    return found[:k]

# %% course={"kind": "wrong", "id": "top-k-then-support", "fails": ["t2"]}
def worst_slices(frame, columns, min_support, k):
    correct = frame["y_true"] == frame["y_pred"]
    found = []
    for column in columns:
        for value, hits in correct.groupby(frame[column]):
            found.append((column, value, len(hits), float(hits.mean())))
    found.sort(key=lambda s: (s[3], -s[2], s[0], s[1]))
    return [s for s in found[:k] if s[2] >= min_support]

# %% course={"kind": "wrong", "id": "best-first", "fails": ["t1", "t2"]}
def worst_slices(frame, columns, min_support, k):
    correct = frame["y_true"] == frame["y_pred"]
    found = []
    for column in columns:
        for value, hits in correct.groupby(frame[column]):
            if len(hits) >= min_support:
                found.append((column, value, len(hits), float(hits.mean())))
    found.sort(key=lambda s: (s[3], s[2]), reverse=True)
    return found[:k]

# %% course={"kind": "wrong", "id": "ties-in-input-order", "fails": ["t2"]}
def worst_slices(frame, columns, min_support, k):
    correct = frame["y_true"] == frame["y_pred"]
    found = []
    for column in columns:
        for value, hits in correct.groupby(frame[column]):
            if len(hits) >= min_support:
                found.append((column, value, len(hits), float(hits.mean())))
    found.sort(key=lambda s: s[3])
    return found[:k]

# %% [markdown] course={"kind": "task", "id": "monitoring-dashboard", "points": 2, "item": "x-create-model-monitoring-dashboard"}
# ### Design a model monitoring dashboard (written, graded by a reader)
#
# For the endpoint of the alerting lesson's demo (metrics `model_latency_seconds`, `model_requests_total`,
# `model_invalid_inputs_total`, `model_feature_psi`), write the panels of a one-screen Grafana dashboard, top to
# bottom: for each its title, panel type and PromQL query. Include traffic by model version, error ratio, p50 and
# p95 latency, invalid inputs by reason, PSI per feature with the alert threshold drawn, and one panel for
# performance on delayed labels (say which job writes that metric, and how the panel shows label coverage).

# %% [markdown] course={"kind": "rubric"}
# 2 points: (1) counters and histogram buckets go through `rate()` before `sum by`, quantiles through
# `histogram_quantile(q, sum by (le) (rate(..._bucket[5m])))`, error ratio as a ratio of rates, a
# `model_version` variable or legend instead of copied panels; (2) the performance panel shows accuracy *and*
# label coverage (or the labelled count), written by a scheduled job that joins labels to the prediction log,
# and the PSI panel marks the threshold. One point off for a query on a raw counter value.

# %% [markdown] course={"kind": "task", "id": "monitoring-system", "points": 3, "item": "project-21-4-1"}
# ### Project 21.4.1: an ML monitoring system
#
# Put the exercises together into a small package for one model: the `PredictionLogger` writing JSON lines to a
# daily file; an hourly job that reads the last day's log, runs `drift_report` and `psi` against a stored
# reference, writes `model_feature_psi` gauges and a JSON report; a daily job joining delayed labels
# (`daily_performance`) and the worst slices; the serving metrics of the alerting lesson on `/metrics`; alert rules
# (as a Prometheus rules file) for latency, error rate, drift and data quality; and the dashboard of the task
# above. Tests use seeded data with and without a planted shift and a planted broken slice.

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) the log is sampled by request id and joins to labels; the drift job uses reference-quantile bins
# with an epsilon and flags drift on an effect size, not a p-value alone; (2) the rules have `for` durations and
# thresholds with a reason, and the data-quality alert exists; (3) tests plant a known shift and a bad slice and
# assert they are found, and a no-shift sample raises no alert.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-data-drift-and-concept-drift"}
# **Data drift** is a change in the distribution of the inputs, P(x): new kinds of users, a changed upstream unit,
# seasonality. It is visible without labels, by comparing each feature's current distribution with a reference
# (KS for numbers, chi-square for categories, PSI or a distance for a size). **Concept drift** is a change in the
# relation between inputs and target, P(y | x): the same input now deserves another answer (fraudsters adapt, a
# policy changes). The inputs can look unchanged, so only performance on fresh labels, or a business proxy,
# shows it. Data drift may or may not hurt the model (drift in an unused feature does nothing); concept drift
# nearly always does (the mapping the model learned is now wrong somewhere, if maybe where little traffic goes).
# Both can happen at once, suddenly, gradually or seasonally.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-monitor-models-in-production"}
# In three layers. **Service**: RED metrics of the endpoint (request rate, error ratio, latency histogram) and
# resource use, exported with a Prometheus client and alerted on with `for` durations. **Data and predictions**:
# a sampled prediction log (request id, model version, inputs or their hash, output, latency); hourly drift jobs
# per feature against a training reference using effect sizes (PSI, KS statistic), data-quality checks (missing,
# out-of-range, new categories), and the distribution of the predictions themselves. **Performance**: join the
# labels as they arrive, report the metric with its label coverage, per slice with a minimum support, next to a
# business KPI. Dashboards show all three; alerts page only for what needs a human now, and drift or
# performance alerts feed the retraining policy.

# %% [markdown] course={"kind": "answer", "question": "q-when-should-you-retrain-a-model"}
# When the expected gain beats the cost and risk. In practice a policy of triggers: **performance** below a floor
# on fresh labels (the strongest signal), **drift** of important features past an effect-size limit (early, before
# labels), and a **schedule** as a backstop for slow change; with a **cool-down** so a persistent trigger does not
# retrain every hour, and a data-quality check first so you do not retrain on a broken pipeline. The retrained
# model must pass the same evaluation gate as any candidate (better than the current model on recent data and on
# key slices) before it is promoted through the registry. If labels never come, rely on drift, proxies and
# periodic human labelling of a sample.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-debug-model-issues-in"}
# Start from the symptom and rule out the boring causes first: is it the service (latency, errors, a new
# deploy, the wrong model version loaded), the data (a missing or renamed feature, unit change, nulls, a
# training/serving skew between the offline and online feature code), or the model (drift, concept change)?
# Compare the prediction log's inputs with the training reference per feature; replay logged requests through
# the offline pipeline to find skew; compute the metric per slice with a minimum support to find where it fails;
# read the confident mistakes; use permutation importance and per-prediction explanations (linear
# contributions, SHAP) to see what the model relies on. Fix the data or code first; retrain only when the
# world really changed, and add a test or a monitor for the cause you found.
