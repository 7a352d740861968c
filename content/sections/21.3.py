# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can serve a model four ways (batch, real-time over HTTP, streaming, on the
# edge), put it behind a FastAPI service with schemas, versions, batching and clean errors, shrink it (int8
# quantization, pruning) and prove an exported copy gives the same answers, roll it out safely (blue-green, canary
# with automatic rollback, shadow, sticky A/B), and package it in a container that loads models on demand.
#
# **What is real here and what is not.** The model is a real scikit-learn `LogisticRegression` trained in the setup
# cell (seeded, well under a second). The HTTP service is real FastAPI on a real uvicorn on 127.0.0.1 (a free port,
# stopped when its `with` block ends), called with `httpx`. TF Serving, TorchServe, Triton, ONNX Runtime and
# TensorRT are *not* installed (they are large, and some need a GPU): they are described in tables, and the
# discipline they need (export to a portable format, then prove parity) is practised with a format you write
# yourself. Docker is not used: Dockerfiles are checked as text. The outputs and error bodies shown were produced
# with fastapi 0.165, pydantic 2.14, uvicorn 0.54 and scikit-learn 1.9.1.

# %% course={"kind": "setup", "id": "serving"}
# One small model for the whole section, plus the tools the demos and tests use.
import csv
import hashlib
import json
import os
import tempfile
from collections import OrderedDict, deque
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from course.runtime.aio import serve
from course.runtime.clock import FakeClock
from course.runtime.dockerfile import parse_dockerfile

FEATURES = ["f0", "f1", "f2", "f3"]
X_ALL, Y_ALL = make_classification(
    n_samples=800, n_features=4, n_informative=3, n_redundant=0, random_state=213
)
X_TRAIN, Y_TRAIN, X_HOLD, Y_HOLD = X_ALL[:600], Y_ALL[:600], X_ALL[600:], Y_ALL[600:]
MODEL = LogisticRegression(max_iter=200).fit(X_TRAIN, Y_TRAIN)


def positive_proba(rows: np.ndarray) -> np.ndarray:
    """The model's probability of class 1 for each row (an array of shape (n,))."""
    return MODEL.predict_proba(np.asarray(rows, dtype=float))[:, 1]


print(f"trained: hold-out accuracy {MODEL.score(X_HOLD, Y_HOLD):.3f} on {len(X_HOLD)} rows")

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-serving-patterns", "c-batch-inference", "c-real-time-inference", "c-streaming-inference", "c-edge-inference"]}
# ### Serving patterns: who asks, and how fast they need the answer
#
# The same trained model can reach its users in four shapes. The model does not change; what changes is *when*
# the prediction is made, *what triggers it*, and *what a late answer costs*.
#
# | pattern | trigger | latency that matters | typical example | what you operate |
# |---|---|---|---|---|
# | **batch** | a schedule (nightly, hourly) | the whole job's run time | churn score for every customer, written to a table | a job (cron, Airflow), input and output files or tables |
# | **real-time** | a request | each request: tens of ms at p99 | fraud score while the card is being charged | an always-on service behind a load balancer |
# | **streaming** | an event on a queue (Kafka, NATS, 20.1) | seconds from event to result | flag a sensor reading as anomalous | a consumer group; offsets; back-pressure |
# | **edge** | the device itself | on-device, no network | keyword spotting on a phone, defect detection on a camera | model files shipped with app or firmware updates |
#
# Edge inference has its own constraints, and they decide the model more than accuracy does:
#
# | constraint | typical limit | what it forces |
# |---|---|---|
# | memory | tens of MB, sometimes less than 1 MB on microcontrollers | quantized (int8) and pruned models |
# | compute | a phone CPU/NPU, no datacentre GPU | small architectures; runtimes such as TensorFlow Lite (renamed LiteRT in 2024), ONNX Runtime Mobile, Core ML |
# | power | battery | fewer, cheaper inferences (run on a trigger, not continuously) |
# | updates | app store or firmware release cycles | versioned model files, a fallback when a new model fails to load |
# | connectivity | may be offline | no call to a feature store: every input must be on the device |
#
# **What people get wrong:** treating streaming as "real-time without HTTP". A streaming consumer has no caller
# waiting, so it can micro-batch and retry; but it must keep up with the arrival rate or the queue grows without
# bound. The demo runs one model in the first three shapes: a batch over a CSV text, one request, and a generator
# that consumes a queue of events.

# %% course={"kind": "demo"}
import io

# batch: a file in, a file of predictions out, one model call for many rows
batch_in = "id,f0,f1,f2,f3\n" + "\n".join(
    f"c{i},{','.join(f'{v:.3f}' for v in X_HOLD[i])}" for i in range(5)
)
batch_rows = list(csv.DictReader(io.StringIO(batch_in)))
batch_scores = positive_proba([[float(r[name]) for name in FEATURES] for r in batch_rows])
print("batch output:")
print("id,score")
for r, p in zip(batch_rows, batch_scores):
    print(f"{r['id']},{p:.4f}")

# real-time: one request, one answer, now
print(f"\nreal-time: request {X_HOLD[0].round(3).tolist()} -> {positive_proba([X_HOLD[0]])[0]:.4f}")


# streaming: a consumer that pulls events off a queue and emits results as they come
def score_stream(events: deque) -> Iterator[tuple[str, float]]:
    while events:
        key, features = events.popleft()
        yield key, float(positive_proba([features])[0])


queue_of_events = deque((f"sensor-{i}", X_HOLD[i]) for i in range(5, 8))
for key, p in score_stream(queue_of_events):
    print(f"stream: {key} -> {p:.4f} (queue left: {len(queue_of_events)})")

# %% [markdown] course={"kind": "text"}
# The five batch scores came from **one** call to the model; the stream made one call per event. Per-row calls
# waste the vectorised maths of numpy: the next exercise chunks a file into batches instead.

# %% [markdown] course={"kind": "exercise", "id": "batch-score", "item": "x-implement-batch-prediction-api"}
# ### Exercise 1: a batch scoring job
#
# Write `batch_score(in_path, out_path, predict, batch_size=64)`. The input is a UTF-8 CSV file with a header
# `id,f0,f1,f2,f3`. For every row whose four features all parse as `float`, collect them; rows where any feature is
# missing or does not parse are **skipped and counted** (a batch job must not die on one bad row). Call
# `predict(array)` with a numpy array of shape `(k, 4)`, **at most `batch_size` rows per call**, in file order, and
# never with zero rows. Write `out_path` as a CSV with header `id,score` and one line per scored row, in input
# order, the score formatted with 4 decimals (`f"{p:.4f}"`). Return a dict
# `{"scored": int, "skipped": int, "batches": int}` (batches = number of `predict` calls). Raise `ValueError` if
# `batch_size < 1`, before opening either file (a bad argument must not clobber last night's output).
#
# ```python
# # a file with 130 good rows and 1 bad one, batch_size=64
# batch_score("in.csv", "out.csv", positive_proba)  # {'scored': 130, 'skipped': 1, 'batches': 3}
# ```

# %% [markdown] course={"kind": "hint"}
# Read everything first (ids and feature rows in two lists that stay aligned), then loop over
# `range(0, len(rows), batch_size)`.

# %% [markdown] course={"kind": "hint"}
# Append the id only *after* the features parsed, or a skipped row shifts every later id by one. A missing
# column comes back from `csv.DictReader` as `None`, and `float(None)` raises `TypeError`, not `ValueError`.

# %% course={"kind": "solution", "equivalent": {"m-64b658be": "zip stops at the end of scores, which has exactly this batch's length", "m-1bb8c19c": "zip stops at the end of scores, which has exactly this batch's length"}}
def batch_score(in_path, out_path, predict, batch_size=64):
    ### BEGIN SOLUTION
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids, rows, skipped = [], [], 0
    with open(in_path, newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            try:
                rows.append([float(record[name]) for name in FEATURES])
            except (TypeError, ValueError):
                skipped += 1
                continue
            ids.append(record["id"])
    batches = 0
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "score"])
        for start in range(0, len(rows), batch_size):
            scores = predict(np.array(rows[start : start + batch_size]))
            batches += 1
            for row_id, p in zip(ids[start : start + batch_size], scores):
                out.writerow([row_id, f"{p:.4f}"])
    return {"scored": len(rows), "skipped": skipped, "batches": batches}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _bs_write(folder, lines):
    path = Path(folder) / "in.csv"
    path.write_text("id,f0,f1,f2,f3\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _bs_rows(n, start=0):
    return [f"r{i},{i},1,2,3" for i in range(start, start + n)]


_bs_sizes = []


def _bs_predict(x):
    _bs_sizes.append(x.shape)
    return x[:, 0] / 1000


with tempfile.TemporaryDirectory() as d:
    _bs_sizes.clear()
    result = batch_score(_bs_write(d, _bs_rows(3)), Path(d) / "out.csv", _bs_predict)
    out_lines = (Path(d) / "out.csv").read_text(encoding="utf-8").splitlines()
assert result == {"scored": 3, "skipped": 0, "batches": 1}, f"3 good rows, one batch: got {result}"
assert out_lines == ["id,score", "r0,0.0000", "r1,0.0010", "r2,0.0020"], f"output file: {out_lines}"
assert _bs_sizes == [(3, 4)], f"predict gets one (3, 4) array: {_bs_sizes}"

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as d:
    _bs_sizes.clear()
    result = batch_score(_bs_write(d, _bs_rows(130)), Path(d) / "out.csv", _bs_predict)
assert result["batches"] == 3 and _bs_sizes == [(64, 4), (64, 4), (2, 4)], f"130 rows in 64s: {_bs_sizes}"
with tempfile.TemporaryDirectory() as d:
    _bs_sizes.clear()
    result = batch_score(_bs_write(d, _bs_rows(4)), Path(d) / "out.csv", _bs_predict, batch_size=2)
assert _bs_sizes == [(2, 4), (2, 4)], f"4 rows, batch_size 2: exactly two full batches, no empty one: {_bs_sizes}"
### BEGIN HIDDEN TESTS
for n, size, want in [(64, 64, [64]), (65, 64, [64, 1]), (1, 64, [1]), (5, 1, [1] * 5)]:
    with tempfile.TemporaryDirectory() as d:
        _bs_sizes.clear()
        result = batch_score(_bs_write(d, _bs_rows(n)), Path(d) / "out.csv", _bs_predict, batch_size=size)
    assert [s[0] for s in _bs_sizes] == want and result["batches"] == len(want), (n, size, _bs_sizes)
    assert result["scored"] == n and type(result["scored"]) is int
with tempfile.TemporaryDirectory() as d:
    _bs_sizes.clear()
    result = batch_score(_bs_write(d, []), Path(d) / "out.csv", _bs_predict)
    assert (Path(d) / "out.csv").read_text(encoding="utf-8").splitlines() == ["id,score"]
assert result == {"scored": 0, "skipped": 0, "batches": 0} and _bs_sizes == []
with tempfile.TemporaryDirectory() as d:
    batch_score(_bs_write(d, _bs_rows(7, start=1)), Path(d) / "out.csv", _bs_predict, batch_size=3)
    got = (Path(d) / "out.csv").read_text(encoding="utf-8").splitlines()
assert got == ["id,score"] + [f"r{i},{i / 1000:.4f}" for i in range(1, 8)], got
for bad in (0, -1):
    try:
        batch_score("unused.csv", "unused-out.csv", _bs_predict, batch_size=bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"batch_size={bad} must raise ValueError")
    with tempfile.TemporaryDirectory() as d:
        try:
            batch_score(_bs_write(d, _bs_rows(3)), Path(d) / "out.csv", _bs_predict, batch_size=bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"batch_size={bad} must raise ValueError")
        assert not (Path(d) / "out.csv").exists(), "validate batch_size before writing the output file"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as d:
    lines = ["a,1,1,1,1", "bad,x,1,1,1", "b,2,1,1,1", "short,3,1", "é-ü,4,1,1,1"]
    result = batch_score(_bs_write(d, lines), Path(d) / "out.csv", _bs_predict)
    out_lines = (Path(d) / "out.csv").read_text(encoding="utf-8").splitlines()
assert result == {"scored": 3, "skipped": 2, "batches": 1}, f"two bad rows are skipped and counted: {result}"
assert out_lines == ["id,score", "a,0.0010", "b,0.0020", "é-ü,0.0040"], f"ids stay with their rows: {out_lines}"

# %% course={"kind": "wrong", "id": "id-before-parse", "fails": ["t3"]}
def batch_score(in_path, out_path, predict, batch_size=64):
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids, rows, skipped = [], [], 0
    with open(in_path, newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            ids.append(record["id"])  # appended before we know the row is good
            try:
                rows.append([float(record[name]) for name in FEATURES])
            except (TypeError, ValueError):
                skipped += 1
    batches = 0
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "score"])
        for start in range(0, len(rows), batch_size):
            scores = predict(np.array(rows[start : start + batch_size]))
            batches += 1
            for row_id, p in zip(ids[start : start + batch_size], scores):
                out.writerow([row_id, f"{p:.4f}"])
    return {"scored": len(rows), "skipped": skipped, "batches": batches}

# %% course={"kind": "wrong", "id": "whole-file-one-call", "fails": ["t2"]}
def batch_score(in_path, out_path, predict, batch_size=64):
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids, rows, skipped = [], [], 0
    with open(in_path, newline="", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            try:
                rows.append([float(record[name]) for name in FEATURES])
            except (TypeError, ValueError):
                skipped += 1
                continue
            ids.append(record["id"])
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "score"])
        if rows:
            for row_id, p in zip(ids, predict(np.array(rows))):  # batch_size ignored: memory grows with the file
                out.writerow([row_id, f"{p:.4f}"])
    return {"scored": len(rows), "skipped": skipped, "batches": 1 if rows else 0}

# %% [markdown] course={"kind": "lesson", "id": "frameworks", "covers": ["c-model-serving-frameworks", "c-fastapi-for-ml", "c-tensorflow-serving-basics", "c-torchserve-basics", "c-triton-inference-server-basics"]}
# ### Model serving frameworks: FastAPI, and the dedicated servers
#
# **FastAPI** is a general web framework, not an ML server: you load the model yourself (once, at start-up, never
# per request), declare the request and response with pydantic models, and get validation, a 422 for bad input and
# an OpenAPI description for free. It suits small and medium models, Python pre-processing and business rules next
# to the model. It does *not* give you dynamic batching, GPU scheduling or model hot-swap: you write those (this
# section does) or you pick a dedicated server.
#
# | server | serves | protocol (default ports) | batching | model layout |
# |---|---|---|---|---|
# | **TensorFlow Serving** | TensorFlow SavedModels | gRPC (8500) and REST (8501, `/v1/models/<name>:predict`) | server-side batching when started with `--enable_batching` | `<base>/<name>/<version number>/saved_model.pb`: a new version folder is picked up and served without restart |
# | **TorchServe** | PyTorch models packed as `.mar` archives (`torch-model-archiver`) with a Python handler | REST inference (8080), management (8081), metrics (8082); gRPC too | per model: `batch_size` and `max_batch_delay` | a model store folder; models registered through the management API |
# | **Triton Inference Server** (NVIDIA) | many backends: TensorRT, ONNX Runtime, PyTorch (TorchScript), TensorFlow, Python | HTTP (8000) and gRPC (8001) with the KServe v2 inference protocol, Prometheus metrics (8002) | `dynamic_batching` in the model's `config.pbtxt` (preferred sizes, a maximum queue delay) | `<repo>/<model>/config.pbtxt` and `<repo>/<model>/<version>/model.*` |
#
# All three are usually run as containers, and all three share the ideas this section builds by hand: a model
# repository with numbered versions, a predict endpoint per model and version, server-side batching, and health
# and metrics endpoints for the orchestrator. (TorchServe's repository was moved to limited maintenance in 2025;
# check its status before choosing it for something new.)
#
# **What people get wrong:** loading the model inside the request handler. It works in a demo and turns every
# request into a disk read and a deserialisation. Load once per process; here the app closes over `MODEL`. The
# demo serves the model on a real uvicorn and measures latency from 200 real HTTP calls as percentiles.

# %% course={"kind": "demo"}
class Features(BaseModel):
    features: list[float] = Field(min_length=4, max_length=4)


class Prediction(BaseModel):
    probability: float


demo_app = FastAPI()


@demo_app.post("/predict")
def demo_predict(body: Features) -> Prediction:
    p = float(positive_proba([body.features])[0])
    return Prediction(probability=round(p, 4))  # Exercise 2 adds the label, the version and /health


timings_ms = []
with serve(demo_app) as base, httpx.Client(base_url=base, trust_env=False) as client:
    first = client.post("/predict", json={"features": X_HOLD[0].tolist()})
    print(first.status_code, first.json())
    for row in X_HOLD[:200]:
        response = client.post("/predict", json={"features": row.tolist()})
        timings_ms.append(response.elapsed.total_seconds() * 1000)
p50, p95, p99 = np.percentile(timings_ms, [50, 95, 99])
print(f"{len(timings_ms)} calls: p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms (this machine, this run)")

# %% [markdown] course={"kind": "text"}
# Read the percentiles, not the mean: p99 is what one request in a hundred waits, and a page that makes ten model
# calls meets it about one time in ten. The numbers change from run to run and machine to machine, which is why
# no test in this notebook asserts on time. httpx measures `response.elapsed` from sending the request until the
# response has been read and closed, so it includes the local network stack and JSON work, as a real client sees it.

# %% [markdown] course={"kind": "exercise", "id": "fastapi-endpoint", "item": "x-create-a-fastapi-model-serving-endpoint"}
# ### Exercise 2: a FastAPI model endpoint
#
# Write `make_app(predict, version)` returning a `FastAPI` app with two routes:
#
# - `GET /health` answers `{"status": "ok", "model_version": version}`;
# - `POST /predict` takes `{"features": [f0, f1, f2, f3]}` (exactly four numbers; anything else is a **422**, which
#   pydantic gives you when the schema says so) and answers
#   `{"probability": p, "label": l, "model_version": version}`, where `p = float(predict([features])[0])` rounded
#   to 4 decimals and `l` is the `int` 1 when `p >= 0.5` (on the unrounded value), else 0.
#
# ```python
# with serve(make_app(positive_proba, "2026-12-01")) as url:
#     httpx.post(url + "/predict", json={"features": [0.1, 0.2, 0.3, 0.4]}).json()
#     # {'probability': 0.659, 'label': 1, 'model_version': '2026-12-01'}   (0.65904975 rounded to 4 places)
# ```

# %% [markdown] course={"kind": "hint"}
# Two pydantic models, one for the body and one for the answer; `Field(min_length=..., max_length=...)` bounds a
# list's length.

# %% [markdown] course={"kind": "hint"}
# `version` is a variable of `make_app`, so the route functions defined inside it can use it. `int(p >= 0.5)`
# turns the comparison into 0 or 1.

# %% course={"kind": "solution", "equivalent": {"m-d515575c": "PredictResponse's int field turns True/False into 1/0"}}
def make_app(predict, version):
    ### BEGIN SOLUTION
    class PredictRequest(BaseModel):
        features: list[float] = Field(min_length=4, max_length=4)

    class PredictResponse(BaseModel):
        probability: float
        label: int
        model_version: str

    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_version": version}

    @app.post("/predict")
    def predict_route(body: PredictRequest) -> PredictResponse:
        p = float(predict([body.features])[0])
        return PredictResponse(probability=round(p, 4), label=int(p >= 0.5), model_version=version)

    return app
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _fa_call(app, *requests):
    with serve(app) as url, httpx.Client(base_url=url, trust_env=False) as client:
        return [client.request(method, path, json=body) for method, path, body in requests]


_fa_seen = []


def _fa_predict(rows):
    _fa_seen.append([list(r) for r in rows])
    return [rows[0][0]]  # "probability" = the first feature, so tests choose the answer


_fa_seen.clear()
health, ok = _fa_call(
    make_app(_fa_predict, "v7"), ("GET", "/health", None), ("POST", "/predict", {"features": [0.91234, 0, 0, 0]})
)
assert health.status_code == 200 and health.json() == {"status": "ok", "model_version": "v7"}, health.text
assert ok.status_code == 200, f"a good request is a 200: {ok.status_code} {ok.text}"
assert ok.json() == {"probability": 0.9123, "label": 1, "model_version": "v7"}, ok.json()
assert _fa_seen == [[[0.91234, 0.0, 0.0, 0.0]]], f"predict gets a list holding one row of 4 floats: {_fa_seen}"

# %% course={"kind": "test", "points": 2}
replies = _fa_call(
    make_app(_fa_predict, "v7"),
    ("POST", "/predict", {"features": [1, 2, 3]}),
    ("POST", "/predict", {"features": [1, 2, 3, 4, 5]}),
    ("POST", "/predict", {"features": ["a", 2, 3, 4]}),
    ("POST", "/predict", {"rows": [1, 2, 3, 4]}),
)
assert [r.status_code for r in replies] == [422, 422, 422, 422], [(r.status_code, r.text) for r in replies]
### BEGIN HIDDEN TESTS
edge = _fa_call(
    make_app(_fa_predict, "ß-1"),
    ("POST", "/predict", {"features": [0.5, 0, 0, 0]}),
    ("POST", "/predict", {"features": [0.49999, 0, 0, 0]}),
    ("POST", "/predict", {"features": [0.499996, 0, 0, 0]}),
    ("GET", "/health", None),
)
assert edge[0].json() == {"probability": 0.5, "label": 1, "model_version": "ß-1"}, edge[0].text
assert edge[1].json() == {"probability": 0.5, "label": 0, "model_version": "ß-1"}, edge[1].text
assert edge[2].json()["label"] == 0 and edge[2].json()["probability"] == 0.5, "label decided on the unrounded p"
assert edge[3].json() == {"status": "ok", "model_version": "ß-1"}
assert type(edge[0].json()["label"]) is int
(f32,) = _fa_call(
    make_app(lambda rows: np.array([rows[0][0]], dtype=np.float32), "v7"),
    ("POST", "/predict", {"features": [0.91234, 0, 0, 0]}),
)
assert f32.json()["probability"] == 0.9123, f"a float32 model: round float(p), not the float32 itself: {f32.text}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-schema", "fails": ["t2"]}
def make_app(predict, version):
    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_version": version}

    @app.post("/predict")
    def predict_route(body: dict) -> dict:  # any JSON object is accepted
        features = [float(v) for v in body.get("features", [0, 0, 0, 0])]
        p = float(predict([features])[0])
        return {"probability": round(p, 4), "label": int(p >= 0.5), "model_version": version}

    return app

# %% course={"kind": "wrong", "id": "label-from-rounded", "fails": ["t2"]}
def make_app(predict, version):
    class PredictRequest(BaseModel):
        features: list[float] = Field(min_length=4, max_length=4)

    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_version": version}

    @app.post("/predict")
    def predict_route(body: PredictRequest) -> dict:
        p = round(float(predict([body.features])[0]), 4)  # rounds first: 0.49999 becomes 0.5, label 1
        return {"probability": p, "label": int(p >= 0.5), "model_version": version}

    return app

# %% course={"kind": "wrong", "id": "rounds-float32", "fails": ["t2"]}
def make_app(predict, version):
    class PredictRequest(BaseModel):
        features: list[float] = Field(min_length=4, max_length=4)

    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_version": version}

    @app.post("/predict")
    def predict_route(body: PredictRequest) -> dict:
        p = predict([body.features])[0]  # a numpy float32 from an ONNX or torch model stays float32
        return {"probability": float(round(p, 4)), "label": int(p >= 0.5), "model_version": version}

    return app

# %% [markdown] course={"kind": "lesson", "id": "api-design", "covers": ["c-model-api-design", "c-input-output-schemas", "c-versioning", "c-batching", "c-error-handling"]}
# ### Model API design: schemas, versions, batching, errors
#
# A model API is a contract with callers who never see the model. Four decisions make it one:
#
# - **Input/output schemas.** Declare every field, its type and its bounds, and reject the rest before the model
#   sees it: a model happily returns a confident number for garbage (a negative age, a missing feature sent as 0).
#   The response schema names the model version and, for classifiers, both the probability and the label, so
#   callers can change their threshold without a redeploy.
# - **Versioning.** Two different things carry versions: the **API** (the shape of request and response: `/v1/`,
#   `/v2/` in the path; a breaking change gets a new path and the old one stays until callers moved) and the
#   **model** (new weights behind the same API: a `model_version` in every response and every log line, and
#   optionally a header such as `X-Model-Version` to pin one). Never change what `/v1` returns in shape.
# - **Batching.** Models compute many rows almost as fast as one, so servers gather concurrent requests into one
#   model call: *dynamic micro-batching*, "up to N requests or until the oldest has waited T ms, whichever comes
#   first" (Exercise 4 builds it). Clients can batch too: a `/predict:batch` route that takes a list, with a
#   maximum size.
# - **Error handling.** A 422 with the field that is wrong for bad input; a 500 with a short message and a request
#   id (never a stack trace: it leaks code paths and library versions) when the model fails; a 503 while the model
#   is still loading, so the load balancer waits. Log the full error server-side under the same request id.
#
# **What people get wrong:** echoing exceptions to the caller, or returning 200 with `{"error": ...}`, which
# breaks every retry, alert and dashboard that reads status codes. The demo serves v1 and v2 of one API, pins a
# model version by header, and shows a 422 and a clean 500.

# %% course={"kind": "demo"}
class V1Request(BaseModel):
    features: list[float] = Field(min_length=4, max_length=4)


class V2Request(BaseModel):
    rows: list[list[float]] = Field(min_length=1, max_length=32)  # v2: a batch of rows per call


def broken_model(rows: list) -> list:
    raise RuntimeError("weights file truncated at byte 4096 (/srv/models/secret-path.bin)")


demo_models = {"2026-11": positive_proba, "2026-12": broken_model}
server_log = []
api = FastAPI()


@api.post("/v1/predict")
def v1_predict(body: V1Request) -> dict:
    return {"probability": round(float(positive_proba([body.features])[0]), 4), "model_version": "2026-11"}


@api.post("/v2/predict")
def v2_predict(body: V2Request, x_model_version: str = Header(default="2026-11")) -> JSONResponse:
    if x_model_version not in demo_models:
        return JSONResponse({"error": f"unknown model version {x_model_version!r}"}, status_code=404)
    try:
        scores = demo_models[x_model_version](body.rows)
    except Exception as err:  # noqa: BLE001 - the caller gets a short message, the log gets the detail
        request_id = f"req-{len(server_log) + 1:04d}"  # unique per failure (a real service uses a uuid per request)
        server_log.append((request_id, repr(err)))
        return JSONResponse({"error": "prediction failed", "request_id": request_id}, status_code=500)
    return JSONResponse({"probabilities": [round(float(p), 4) for p in scores], "model_version": x_model_version})


two_rows = [X_HOLD[0].tolist(), X_HOLD[1].tolist()]
with serve(api) as base, httpx.Client(base_url=base, trust_env=False) as client:
    calls = [
        ("v1, one row", client.post("/v1/predict", json={"features": two_rows[0]})),
        ("v2, a batch", client.post("/v2/predict", json={"rows": two_rows})),
        ("v1, 3 features", client.post("/v1/predict", json={"features": [1.0, 2.0, 3.0]})),
        ("v2, unknown version", client.post("/v2/predict", json={"rows": two_rows}, headers={"X-Model-Version": "1999"})),
        ("v2, broken model", client.post("/v2/predict", json={"rows": two_rows}, headers={"X-Model-Version": "2026-12"})),
    ]
for label, response in calls:
    print(f"{label:20} {response.status_code} {response.text[:150]}")
print("server log:", server_log)

# %% [markdown] course={"kind": "text"}
# The 422 body comes from pydantic through FastAPI: it names the field (`features`), the rule (`too_short`) and
# echoes the input; the caller can fix the request without reading your code. The 500 says only "prediction failed"
# and a request id; the file path inside the exception stays in the server log. The unknown model version is a 404
# that says which version was asked for.

# %% [markdown] course={"kind": "exercise", "id": "model-versions", "item": "x-set-up-model-versioning-in-api"}
# ### Exercise 3: a version table for the API
#
# A serving process holds several model versions and must route each request. Write the class `ModelVersions`:
#
# - `load(version, predict)` adds (or replaces) a version; versions are strings `"v<number>"` (`"v1"`, `"v12"`);
# - `versions()` returns the loaded versions as a list, **oldest to newest by their number** (`"v2"` before `"v10"`);
# - `set_default(version)` pins the default (it must be loaded, else `KeyError`); without a pin, the default is
#   the newest loaded version;
# - `predict(rows, version=None)` returns `(version_used, predict(rows))`, with the default when `version` is
#   `None`; an unknown version, or no version at all, raises `KeyError`;
# - `unload(version)` removes a version (`KeyError` if it is not loaded); unloading the **pinned** default raises
#   `ValueError` (pin another one first), so a careless unload cannot leave production without its model.
#
# ```python
# table = ModelVersions()
# table.load("v2", lambda rows: ["old"]); table.load("v10", lambda rows: ["new"])
# table.versions()          # ['v2', 'v10']
# table.predict([[0, 0]])   # ('v10', ['new'])
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a dict from version to function and a pin that is `None` until `set_default`. Sort with a key:
# `int(version[1:])`.

# %% [markdown] course={"kind": "hint"}
# `sorted(["v2", "v10"])` is `['v10', 'v2']`: strings compare character by character.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class ModelVersions:
    def __init__(self):
        self._models = {}
        self._pinned = None

    def load(self, version, predict):
        self._models[version] = predict

    def versions(self):
        return sorted(self._models, key=lambda v: int(v[1:]))

    def set_default(self, version):
        if version not in self._models:
            raise KeyError(version)
        self._pinned = version

    def default(self):
        if self._pinned is not None:
            return self._pinned
        if not self._models:
            raise KeyError("no model loaded")
        return self.versions()[-1]

    def predict(self, rows, version=None):
        chosen = self.default() if version is None else version
        return chosen, self._models[chosen](rows)

    def unload(self, version):
        if version == self._pinned:
            raise ValueError(f"{version} is the pinned default: pin another version first")
        del self._models[version]
### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _mv_model(tag):
    return lambda rows: [f"{tag}:{len(rows)}"]


table = ModelVersions()
table.load("v2", _mv_model("two"))
table.load("v10", _mv_model("ten"))
table.load("v1", _mv_model("one"))
assert table.versions() == ["v1", "v2", "v10"], f"numeric order, not string order: {table.versions()}"
assert table.predict([[0], [1]]) == ("v10", ["ten:2"]), "no pin: the newest version answers"
assert table.predict([[0]], version="v2") == ("v2", ["two:1"]), "an explicit version wins"

# %% course={"kind": "test", "points": 2}
table = ModelVersions()
for tag in ("v3", "v4"):
    table.load(tag, _mv_model(tag))
table.set_default("v3")
assert table.predict([[0]]) == ("v3", ["v3:1"]), "the pinned default answers requests without a version"
try:
    table.unload("v3")
except ValueError:
    pass
else:
    raise AssertionError("unloading the pinned default must raise ValueError")
table.unload("v4")
assert table.versions() == ["v3"], table.versions()
### BEGIN HIDDEN TESTS
for call in (lambda: table.predict([[0]], version="v4"), lambda: table.unload("v4"), lambda: table.set_default("v9")):
    try:
        call()
    except KeyError:
        pass
    else:
        raise AssertionError("unknown versions raise KeyError")
empty = ModelVersions()
assert empty.versions() == []
try:
    empty.predict([[0]])
except KeyError:
    pass
else:
    raise AssertionError("no model loaded: KeyError")
t2 = ModelVersions()
t2.load("v1", _mv_model("a"))
t2.load("v1", _mv_model("b"))
assert t2.predict([]) == ("v1", ["b:0"]), "load replaces a version"
t2.load("v9", _mv_model("nine"))
t2.load("v11", _mv_model("eleven"))
t2.unload("v11")
assert t2.predict([[1]]) == ("v9", ["nine:1"]), "after unloading the newest, the next newest answers"
t2.set_default("v1")
t2.load("v20", _mv_model("twenty"))
assert t2.predict([[1]])[0] == "v1", "a pin holds when newer versions arrive"
t2.unload("v9")
assert t2.versions() == ["v1", "v20"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "string-sort", "fails": ["t1", "t2"]}
class ModelVersions:
    def __init__(self):
        self._models = {}
        self._pinned = None

    def load(self, version, predict):
        self._models[version] = predict

    def versions(self):
        return sorted(self._models)  # "v10" < "v2"

    def set_default(self, version):
        if version not in self._models:
            raise KeyError(version)
        self._pinned = version

    def predict(self, rows, version=None):
        chosen = version or self._pinned or self.versions()[-1]
        return chosen, self._models[chosen](rows)

    def unload(self, version):
        if version == self._pinned:
            raise ValueError("pinned")
        del self._models[version]

# %% course={"kind": "wrong", "id": "unload-anything", "fails": ["t2"]}
class ModelVersions:
    def __init__(self):
        self._models = {}
        self._pinned = None

    def load(self, version, predict):
        self._models[version] = predict

    def versions(self):
        return sorted(self._models, key=lambda v: int(v[1:]))

    def set_default(self, version):
        if version not in self._models:
            raise KeyError(version)
        self._pinned = version

    def predict(self, rows, version=None):
        chosen = version or self._pinned or self.versions()[-1]
        return chosen, self._models[chosen](rows)

    def unload(self, version):
        del self._models[version]  # the pinned default can disappear
        if version == self._pinned:
            self._pinned = None

# %% [markdown] course={"kind": "exercise", "id": "micro-batcher", "item": "project-21-3-1"}
# ### Exercise 4: a dynamic micro-batcher (tested with a fake clock)
#
# Write `MicroBatcher(max_size, max_wait, clock)`. Requests arrive one by one; the batcher hands out a batch as
# soon as it holds `max_size` items, or once the **oldest** waiting item has waited at least `max_wait` seconds,
# whichever comes first. `clock()` returns the current time in seconds (in tests a `FakeClock`: nothing sleeps).
#
# - `submit(item)` adds the item and returns the batch (a new `list`, in arrival order) if it is now full,
#   else `None`;
# - `poll()` returns the batch if its oldest item has waited `>= max_wait`, else `None` (also `None` when empty);
# - `flush()` returns whatever is waiting (possibly `[]`), e.g. at shutdown;
# - after any batch is handed out, the batcher starts empty and the next item starts a new wait.
#
# Raise `ValueError` if `max_size < 1` or `max_wait < 0`.
#
# ```python
# clock = FakeClock(100.0); b = MicroBatcher(3, 0.010, clock)
# b.submit("a"); clock.advance(0.004); b.submit("b")   # both None
# clock.advance(0.006); b.poll()                        # ['a', 'b']: 'a' has waited 10 ms
# ```

# %% [markdown] course={"kind": "hint"}
# Remember the time the *first* item of the current batch arrived; later arrivals do not reset it.

# %% [markdown] course={"kind": "hint"}
# `batch = self._items; self._items.clear(); return batch` hands out an empty list: both names point at one
# list. Make a new list for the next batch instead.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class MicroBatcher:
    def __init__(self, max_size, max_wait, clock):
        if max_size < 1 or max_wait < 0:
            raise ValueError("max_size >= 1 and max_wait >= 0")
        self.max_size = max_size
        self.max_wait = max_wait
        self.clock = clock
        self._items = []

    def submit(self, item):
        if not self._items:
            self._first_at = self.clock()
        self._items.append(item)
        if len(self._items) >= self.max_size:
            return self.flush()
        return None

    def poll(self):
        if self._items and self.clock() - self._first_at >= self.max_wait:
            return self.flush()
        return None

    def flush(self):
        batch, self._items = self._items, []
        return batch
### END SOLUTION

# %% course={"kind": "test", "points": 1}
clock = FakeClock(100.0)
b = MicroBatcher(3, 0.010, clock)
assert b.submit("a") is None and b.submit("b") is None, "not full yet"
assert b.submit("c") == ["a", "b", "c"], "the third item fills the batch"
assert b.poll() is None, "a handed-out batch is gone"

# %% course={"kind": "test", "points": 2}
clock = FakeClock(100.0)
b = MicroBatcher(3, 0.5, clock)
b.submit("a")
clock.advance(0.25)
b.submit("b")
clock.advance(0.125)
assert b.poll() is None, "oldest has waited 375 ms of 500"
clock.advance(0.125)
assert b.poll() == ["a", "b"], "the wait counts from the OLDEST item, and exactly 500 ms of 500 is enough"
b.submit("c")
clock.advance(0.375)
assert b.poll() is None, "after a batch, the next item starts a new wait"
### BEGIN HIDDEN TESTS
clock = FakeClock(5.0)
b = MicroBatcher(1, 1.0, clock)
first = b.submit("x")
assert first == ["x"] and type(first) is list
assert b.submit("y") == ["y"] and first == ["x"], "each batch is its own list"
b0 = MicroBatcher(4, 0, clock)
assert b0.poll() is None, "nothing waiting: None even with max_wait 0"
b0.submit(1)
assert b0.poll() == [1], "max_wait 0 hands out at the first poll"
clock = FakeClock(0.5)
b = MicroBatcher(2, 2.0, clock)
b.submit("p")
clock.advance(1.0)
assert b.flush() == ["p"] and b.flush() == [] and b.poll() is None
b.submit("q")
clock.advance(1.5)
assert b.poll() is None, "the wait restarted at q, 1.5 s ago"
b.submit("r")
b2 = MicroBatcher(2, 2.0, clock)
b2.submit("s")
clock.advance(0.5)
assert b2.submit("t") == ["s", "t"]
for bad in [(0, 1.0), (-1, 1.0), (2, -0.001)]:
    try:
        MicroBatcher(bad[0], bad[1], clock)
    except ValueError:
        pass
    else:
        raise AssertionError(f"MicroBatcher{bad} must raise ValueError")
MicroBatcher(1, 0.0, clock)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "wait-from-newest", "fails": ["t2"]}
class MicroBatcher:
    def __init__(self, max_size, max_wait, clock):
        if max_size < 1 or max_wait < 0:
            raise ValueError("max_size >= 1 and max_wait >= 0")
        self.max_size, self.max_wait, self.clock = max_size, max_wait, clock
        self._items, self._last_at = [], None

    def submit(self, item):
        self._last_at = self.clock()  # every arrival restarts the wait: a steady trickle never flushes
        self._items.append(item)
        if len(self._items) >= self.max_size:
            return self.flush()
        return None

    def poll(self):
        if self._items and self.clock() - self._last_at >= self.max_wait:
            return self.flush()
        return None

    def flush(self):
        batch, self._items = self._items, []
        return batch

# %% course={"kind": "wrong", "id": "clear-shared-list", "fails": ["t1", "t2"]}
class MicroBatcher:
    def __init__(self, max_size, max_wait, clock):
        if max_size < 1 or max_wait < 0:
            raise ValueError("max_size >= 1 and max_wait >= 0")
        self.max_size, self.max_wait, self.clock = max_size, max_wait, clock
        self._items, self._first_at = [], None

    def submit(self, item):
        if not self._items:
            self._first_at = self.clock()
        self._items.append(item)
        if len(self._items) >= self.max_size:
            return self.flush()
        return None

    def poll(self):
        if self._items and self.clock() - self._first_at >= self.max_wait:
            return self.flush()
        return None

    def flush(self):
        batch = self._items
        self._items.clear()  # the caller's batch is emptied too
        return batch

# %% [markdown] course={"kind": "lesson", "id": "optimization", "covers": ["c-model-optimization", "c-model-quantization", "c-model-pruning", "c-onnx-conversion", "c-tensorrt-basics"]}
# ### Model optimization: smaller, faster, and provably the same
#
# Optimization trades a little accuracy (or none) for latency, memory and cost. Four tools, from the simplest:
#
# - **Quantization** stores weights (and often activations) as 8-bit integers instead of 32- or 64-bit floats:
#   `w ≈ scale × q` with `q` in −127..127. Four to eight times smaller, and integer maths is faster on CPUs and
#   accelerators that support it. *Post-training* quantization needs only the trained model (and, for activations,
#   a small calibration set); *quantization-aware training* simulates the rounding during training when the
#   post-training loss is too large.
# - **Pruning** sets the least important weights (smallest magnitude) to zero. It helps only if something exploits
#   the zeros: sparse storage, or *structured* pruning that removes whole neurons or channels so the dense maths
#   itself shrinks. Usually followed by a little fine-tuning.
# - **ONNX conversion** exports the model to ONNX, an open file format for computation graphs, so that a runtime
#   other than the training framework runs it: `skl2onnx` for scikit-learn, `torch.onnx.export` for PyTorch,
#   `tf2onnx` for TensorFlow; **ONNX Runtime** then serves it from Python, C++, Java, C# or JavaScript, on CPU or
#   GPU, with graph optimizations applied when the session loads. The file pins an *opset* version; the
#   runtime must support it.
# - **TensorRT** is NVIDIA's compiler for its GPUs: it takes an ONNX graph (or a framework model) and builds an
#   *engine*: fused layers, FP16/INT8 kernels chosen by timing on the exact GPU model. An engine is specific to the
#   GPU architecture and TensorRT version it was built with, so you build it on (or for) the serving hardware.
#
# | step | input → output | runs where | the check you owe |
# |---|---|---|---|
# | quantize | float weights → int8 + scale | anywhere | accuracy on a hold-out set before and after |
# | prune | dense → sparse (or smaller) model | anywhere | accuracy vs sparsity curve; real speed-up measured |
# | ONNX | framework model → `.onnx` graph | any ONNX Runtime | **parity**: same inputs, outputs equal within a tolerance |
# | TensorRT | ONNX → engine for one GPU | NVIDIA GPUs only | parity at FP16/INT8 tolerance; rebuild per GPU type |
#
# ONNX itself is not installed in this course (onnxruntime, onnx and skl2onnx add about 110 MB). The
# discipline is the same without it: **export to a portable format, load it with a different runtime, prove
# parity on real inputs before anything is served.** Exercise 5 does that with a JSON export and numpy.
#
# **What people get wrong:** reporting the size win without the accuracy cost, and measuring accuracy on the
# training data. The demo quantizes and prunes a 40-feature logistic regression and measures both on held-out rows.

# %% course={"kind": "demo"}
wide_X, wide_y = make_classification(n_samples=1200, n_features=40, n_informative=10, random_state=7)
wide = LogisticRegression(max_iter=500).fit(wide_X[:900], wide_y[:900])
wide_w, wide_b = wide.coef_[0], wide.intercept_[0]
test_X, test_y = wide_X[900:], wide_y[900:]


def accuracy_with(weights: np.ndarray) -> float:
    return float((((test_X @ weights + wide_b) > 0).astype(int) == test_y).mean())


scale = np.abs(wide_w).max() / 127
q8 = np.round(wide_w / scale).astype(np.int8)
print(f"float64 weights: {wide_w.nbytes} bytes, accuracy {accuracy_with(wide_w):.4f}")
print(f"int8 weights:    {q8.nbytes} bytes + one scale, accuracy {accuracy_with(q8 * scale):.4f}, "
      f"largest weight error {np.abs(q8 * scale - wide_w).max():.5f} (at most scale/2 = {scale / 2:.5f})")
print("\nsparsity  nonzero  accuracy")
for sparsity in (0.0, 0.5, 0.75, 0.9, 0.95):
    cut = np.quantile(np.abs(wide_w), sparsity)
    pruned = np.where(np.abs(wide_w) >= cut, wide_w, 0.0) if sparsity else wide_w
    print(f"{sparsity:8.0%}  {np.count_nonzero(pruned):7d}  {accuracy_with(pruned):.4f}")

# %% [markdown] course={"kind": "text"}
# The int8 copy is 8 times smaller, and every weight moved by less than half a scale step; accuracy changed by one
# row in 300 (here in the model's favour, by luck). Pruning half the weights cost nothing: the data has 10
# informative features out of 40. At 10 weights left accuracy slips, and below that it falls. A real network is
# less forgiving than this linear model, which is exactly why the before/after number belongs in the release notes.

# %% [markdown] course={"kind": "exercise", "id": "portable-export"}
# ### Exercise 5: a portable export with a parity proof
#
# Write two functions:
#
# - `export_linear(model)` returns a JSON **string** describing a fitted binary `LogisticRegression`:
#   `{"format": "linear-v1", "classes": [...], "coef": [...], "intercept": x}` with plain Python numbers
#   (`classes` as the model's two class labels, `coef` the weights of its single row);
# - `portable_proba(doc, rows)` takes that string and a 2-D array of rows and returns a numpy array with the
#   probability of the **second** class (`classes[1]`) for every row, using only numpy: the logistic function
#   of `rows @ coef + intercept`. Raise `ValueError` if `format` is not `"linear-v1"`.
#
# The tests prove parity: your numbers must equal `model.predict_proba(rows)[:, 1]` within `1e-9`.
#
# ```python
# doc = export_linear(MODEL)
# np.abs(portable_proba(doc, X_HOLD) - MODEL.predict_proba(X_HOLD)[:, 1]).max()  # about 1e-16
# ```

# %% [markdown] course={"kind": "hint"}
# `model.coef_` has shape `(1, n_features)`: take row 0. `.tolist()` turns numpy arrays and numbers into plain
# Python ones that `json.dumps` writes.

# %% [markdown] course={"kind": "hint"}
# The logistic function is `1 / (1 + np.exp(-z))`; `predict_proba(...)[:, 1]` is the probability of
# `classes_[1]`, the positive side of `z`.

# %% course={"kind": "solution", "equivalent": {"m-d2ef2ed3": "np.float64 is a float subclass: json.dumps writes the same text"}}
def export_linear(model):
    ### BEGIN SOLUTION
    return json.dumps(
        {
            "format": "linear-v1",
            "classes": model.classes_.tolist(),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        }
    )
    ### END SOLUTION


def portable_proba(doc, rows):
    ### BEGIN SOLUTION
    spec = json.loads(doc)
    if spec["format"] != "linear-v1":
        raise ValueError(f"unknown format {spec['format']!r}")
    z = np.asarray(rows, dtype=float) @ np.array(spec["coef"]) + spec["intercept"]
    return 1 / (1 + np.exp(-z))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
doc = export_linear(MODEL)
assert type(doc) is str, "the export is a JSON string, ready to write to a file"
spec = json.loads(doc)
assert spec["format"] == "linear-v1" and spec["classes"] == [0, 1], spec
assert type(spec["intercept"]) is float and len(spec["coef"]) == 4, spec

# %% course={"kind": "test", "points": 2}
got = portable_proba(export_linear(MODEL), X_HOLD)
want = MODEL.predict_proba(X_HOLD)[:, 1]
assert isinstance(got, np.ndarray) and got.shape == want.shape, f"one probability per row: {getattr(got, 'shape', got)}"
assert np.abs(got - want).max() <= 1e-9, f"parity broken: largest difference {np.abs(got - want).max():.3g}"
### BEGIN HIDDEN TESTS
other_X, other_y = make_classification(n_samples=300, n_features=6, n_informative=4, random_state=3)
other = LogisticRegression(max_iter=300).fit(other_X, np.where(other_y == 1, "spam", "ham"))
other_doc = export_linear(other)
assert json.loads(other_doc)["classes"] == ["ham", "spam"]
assert np.abs(portable_proba(other_doc, other_X) - other.predict_proba(other_X)[:, 1]).max() <= 1e-9
shifted = LogisticRegression(max_iter=300).fit(other_X, other_y)
shifted.intercept_ = shifted.intercept_ + 2.5  # a model whose intercept matters
assert np.abs(portable_proba(export_linear(shifted), other_X[:1]) - shifted.predict_proba(other_X[:1])[:, 1]).max() <= 1e-9
assert np.abs(portable_proba(export_linear(MODEL), X_HOLD[:1].tolist()) - want[:1]).max() <= 1e-9, "lists of rows work"
bad = json.loads(export_linear(MODEL))
bad["format"] = "linear-v2"
try:
    portable_proba(json.dumps(bad), X_HOLD)
except ValueError:
    pass
else:
    raise AssertionError("an unknown format must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-intercept", "fails": ["t2"]}
def export_linear(model):
    return json.dumps(
        {"format": "linear-v1", "classes": model.classes_.tolist(), "coef": model.coef_[0].tolist(), "intercept": 0.0}
    )


def portable_proba(doc, rows):
    spec = json.loads(doc)
    if spec["format"] != "linear-v1":
        raise ValueError("unknown format")
    z = np.asarray(rows, dtype=float) @ np.array(spec["coef"])  # the intercept is forgotten
    return 1 / (1 + np.exp(-z))

# %% course={"kind": "wrong", "id": "first-class-probability", "fails": ["t2"]}
def export_linear(model):
    return json.dumps(
        {
            "format": "linear-v1",
            "classes": model.classes_.tolist(),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        }
    )


def portable_proba(doc, rows):
    spec = json.loads(doc)
    if spec["format"] != "linear-v1":
        raise ValueError("unknown format")
    z = np.asarray(rows, dtype=float) @ np.array(spec["coef"]) + spec["intercept"]
    return 1 / (1 + np.exp(z))  # sign flipped: the probability of classes[0]

# %% [markdown] course={"kind": "exercise", "id": "quantize-int8"}
# ### Exercise 6: int8 quantization with an error bound
#
# Write `quantize(weights)` and `dequantize(q, scale)` for symmetric per-tensor int8 quantization:
#
# - `scale = max(|w|) / 127` (as a Python `float`); `q = round(w / scale)` as a numpy array of dtype `int8`, so
#   the largest weight in magnitude maps to `127` or `-127`. An all-zero array gets `scale = 1.0` and zeros.
#   Return `(q, scale)`; do not modify `weights`.
# - `dequantize(q, scale)` returns `q * scale` as a `float64` array.
#
# Every weight then comes back within `scale / 2` of its original value.
#
# ```python
# q, s = quantize(np.array([0.5, -1.27, 0.01]))   # s = 0.01, q = array([ 50, -127, 1], dtype=int8)
# dequantize(q, s)                                  # array([ 0.5 , -1.27,  0.01])
# ```

# %% [markdown] course={"kind": "hint"}
# Use `np.abs(w).max()`, not `w.max()`: the largest weight may be negative.

# %% [markdown] course={"kind": "hint"}
# `.astype(np.int8)` truncates towards zero and wraps around past 127: round first with `np.round`. Multiply an
# `int8` array by a Python float and numpy gives `float64`; `q.astype(np.float64) * scale` says so explicitly.

# %% course={"kind": "solution"}
def quantize(weights):
    ### BEGIN SOLUTION
    w = np.asarray(weights, dtype=np.float64)
    largest = float(np.abs(w).max()) if w.size else 0.0
    scale = largest / 127 if largest > 0 else 1.0
    return np.round(w / scale).astype(np.int8), scale
    ### END SOLUTION


def dequantize(q, scale):
    ### BEGIN SOLUTION
    return q.astype(np.float64) * scale
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
q, s = quantize(np.array([0.5, -1.27, 0.01]))
assert q.dtype == np.int8, f"int8 weights: {q.dtype}"
assert q.tolist() == [50, -127, 1] and abs(s - 0.01) < 1e-12, (q, s)
assert type(s) is float, f"scale is a Python float: {type(s)}"
back = dequantize(q, s)
assert back.dtype == np.float64 and np.allclose(back, [0.5, -1.27, 0.01]), back

# %% course={"kind": "test", "points": 2}
rng = np.random.default_rng(21)
w = rng.normal(0, 0.3, size=500)
original = w.copy()
q, s = quantize(w)
assert np.array_equal(w, original), "quantize must not modify the weights it is given"
assert int(np.abs(q).max()) == 127, "the largest weight maps to +-127"
assert np.abs(dequantize(q, s) - w).max() <= s / 2 + 1e-12, "every weight within scale/2: round, do not truncate"
### BEGIN HIDDEN TESTS
q, s = quantize(np.array([-2.54, 1.0, 0.0]))
assert q.tolist() == [-127, 50, 0] and abs(s - 0.02) < 1e-12, "a negative weight can be the largest"
q, s = quantize(np.array([0.3, 0.1, 0.2]))
assert q.tolist() == [127, 42, 85], q.tolist()
q, s = quantize(np.zeros(3))
assert q.tolist() == [0, 0, 0] and q.dtype == np.int8 and s == 1.0 and type(s) is float, (q, s)
q, s = quantize(np.array([-0.7]))
assert q.tolist() == [-127] and dequantize(q, s).tolist() == [-0.7]
q, s = quantize(np.array([[1.0, -0.5], [0.25, 0.0]]))
assert q.shape == (2, 2) and q.tolist() == [[127, -64], [32, 0]], q.tolist()
assert dequantize(np.array([2, -3], dtype=np.int8), 0.5).tolist() == [1.0, -1.5]
big = np.array([1000.0, -3.0])
q, s = quantize(big)
assert q.tolist() == [127, 0] and abs(s - 1000 / 127) < 1e-9
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "max-not-abs", "fails": ["t1", "t2"]}
def quantize(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(w.max())  # ignores a larger negative weight: -1.27 / 0.0039 wraps around in int8
    scale = largest / 127 if largest > 0 else 1.0
    return np.round(w / scale).astype(np.int8), scale


def dequantize(q, scale):
    return q.astype(np.float64) * scale

# %% course={"kind": "wrong", "id": "truncate", "fails": ["t2"]}
def quantize(weights):
    w = np.asarray(weights, dtype=np.float64)
    largest = float(np.abs(w).max())
    scale = largest / 127 if largest > 0 else 1.0
    return (w / scale).astype(np.int8), scale  # truncates: errors up to a whole scale


def dequantize(q, scale):
    return q.astype(np.float64) * scale

# %% [markdown] course={"kind": "lesson", "id": "strategies", "covers": ["c-deployment-strategies", "c-blue-green-for-models", "c-canary-deployments", "c-shadow-deployments", "c-a-b-testing"]}
# ### Deployment strategies: who meets the new model first
#
# A new model can pass every offline check and still fail in production: a feature arrives in another unit, the
# latency doubles under real traffic, the users react differently. The strategies differ in how many requests the
# new model answers before you know, and what "back" costs.
#
# | strategy | who gets the new model's answers | rollback | extra cost | what it catches |
# |---|---|---|---|---|
# | **blue-green** | everyone, at the switch | flip the router back: seconds, the old (blue) fleet is still warm | two full fleets during the switch | load failures, wrong artefacts, crashes, before any user (smoke tests on green) |
# | **canary** | a growing share (1 % → 5 % → 25 % → 100 %) | set the share to 0 | a few replicas | errors and latency regressions with a small blast radius, gated automatically per step |
# | **shadow** (mirroring) | **nobody**: it gets a copy of the traffic, its answers are logged and dropped | nothing to roll back | double inference for mirrored traffic | crashes, latency, and how often it disagrees with production, on real inputs |
# | **A/B test** | a fixed random share of *users*, for a planned time | end the experiment | the analysis; the planned duration | the effect on the business metric (clicks, revenue), which no offline metric shows |
#
# Models add two twists to these familiar patterns (15.4 deploys services the same way): the new version can be
# *worse without failing* (no errors, just wrong answers), so gates need model signals (score distribution,
# disagreement rate) next to error rate and latency; and an A/B test needs **sticky** assignment by user, hashed
# with the experiment's name so that experiments do not share their splits, and a sample size decided in advance
# (computed in 22.3, not repeated here).
#
# **What people get wrong:** randomising A/B per *request*. A user then sees both models, the effects blur, and
# any metric measured per user is no longer comparable between arms. The demo shows a sticky split by hash and a
# canary that rolls itself back.

# %% course={"kind": "demo"}
def bucket_of(user_id: str, experiment: str) -> int:
    digest = hashlib.sha256(f"{experiment}:{user_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000


users = [f"user-{i}" for i in range(20_000)]
arm = {u: "new" if bucket_of(u, "ranker-2026-12") < 2_000 else "old" for u in users}
print(f"share on the new model: {sum(a == 'new' for a in arm.values()) / len(users):.3f} (target 0.200)")
print("user-42's bucket on five requests:", {bucket_of("user-42", "ranker-2026-12") for _ in range(5)},
      "(one value: sticky, in this process and any other)")
overlap = sum(bucket_of(u, "ranker-2026-12") < 2_000 and bucket_of(u, "pricing-test") < 2_000 for u in users)
print(f"users in the 20 % arm of both experiments: {overlap / len(users):.3f} (independent: about 0.2 x 0.2 = 0.04)")

# A canary whose new model fails 3 % of requests, against a gate of 1 %.
rng = np.random.default_rng(5)
for share in (1, 5, 25, 100):
    requests = 40 * share
    errors = int(rng.binomial(requests, 0.03))
    rate = errors / requests
    print(f"canary at {share:3d} %: {errors:3d}/{requests:4d} errors = {rate:.3f}", "-> pass" if rate <= 0.01 else "-> ROLL BACK to 0 %")
    if rate > 0.01:
        break

# %% [markdown] course={"kind": "text"}
# This run caught the bad model at the first step (2 errors in 40 requests). It could have missed it: with a 3 %
# error rate, 40 requests have no error at all with probability 0.97^40 ≈ 0.30, and then the 1 % gate passes. That
# is why gates also need a *minimum number of requests* per step, and why the first step often runs longest.
# Exercise 9 writes the controller.

# %% [markdown] course={"kind": "exercise", "id": "ab-assign", "item": "x-implement-a-b-testing-for-models"}
# ### Exercise 7: sticky A/B assignment
#
# Write `assign(user_id, experiment, treatment_pct)` returning `"treatment"` or `"control"`. Compute
# `bucket = int.from_bytes(hashlib.sha256(f"{experiment}:{user_id}".encode("utf-8")).digest()[:8], "big") % 10_000`
# and put the user in treatment when `bucket < treatment_pct * 100`. `treatment_pct` is a whole percentage from 0
# to 100 (0: nobody, 100: everybody); a value outside that range raises `ValueError`. The same user and experiment must get the same
# answer in every process, on every machine (so no built-in `hash()`, which is salted per process for strings).
#
# ```python
# assign("user-42", "ranker-2026-12", 20)  # the same answer every time, for everyone who computes it
# ```

# %% [markdown] course={"kind": "hint"}
# The formula in the prompt is the whole algorithm; the only decision left is the comparison at the boundary.

# %% [markdown] course={"kind": "hint"}
# With `treatment_pct = 0`, `bucket < 0` is never true, so nobody is in treatment; `<=` would put bucket 0 there.

# %% course={"kind": "solution"}
def assign(user_id, experiment, treatment_pct):
    ### BEGIN SOLUTION
    if not 0 <= treatment_pct <= 100:
        raise ValueError("treatment_pct must be between 0 and 100")
    digest = hashlib.sha256(f"{experiment}:{user_id}".encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 10_000
    return "treatment" if bucket < treatment_pct * 100 else "control"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _ab_bucket(user, exp):
    return int.from_bytes(hashlib.sha256(f"{exp}:{user}".encode("utf-8")).digest()[:8], "big") % 10_000


_ab_users = [f"u{i}" for i in range(3000)]
got = [assign(u, "exp-a", 30) for u in _ab_users]
want = ["treatment" if _ab_bucket(u, "exp-a") < 3000 else "control" for u in _ab_users]
assert got == want, "follow the formula exactly: sha256 of 'experiment:user', first 8 bytes, mod 10000"
assert 0.27 < got.count("treatment") / 3000 < 0.33, "about 30 % in treatment"

# %% course={"kind": "test", "points": 2}
assert all(assign(u, "exp-a", 0) == "control" for u in _ab_users), "0 % puts nobody in treatment"
assert all(assign(u, "exp-a", 100) == "treatment" for u in _ab_users), "100 % puts everybody in treatment"
for bad in (-1, 101):
    try:
        assign("u1", "exp-a", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"treatment_pct={bad} must raise ValueError")
### BEGIN HIDDEN TESTS
edge_user = next(u for u in (f"e{i}" for i in range(100_000)) if _ab_bucket(u, "exp-b") % 100 == 0)
k = _ab_bucket(edge_user, "exp-b") // 100
assert assign(edge_user, "exp-b", k) == "control" and assign(edge_user, "exp-b", k + 1) == "treatment"
zero_user = next(u for u in (f"z{i}" for i in range(100_000)) if _ab_bucket(u, "exp-c") < 100)
assert assign(zero_user, "exp-c", 0) == "control" and assign(zero_user, "exp-c", 1) == "treatment"
last_user = next(u for u in (f"l{i}" for i in range(100_000)) if _ab_bucket(u, "exp-d") >= 9900)
assert assign(last_user, "exp-d", 99) == "control" and assign(last_user, "exp-d", 100) == "treatment"
for u in ["ユーザー-7", "josé", "🙂"]:
    assert assign(u, "exp-ü", 50) == ("treatment" if _ab_bucket(u, "exp-ü") < 5000 else "control")
assert [assign(u, "exp-e", 50) for u in _ab_users[:300]] != [assign(u, "exp-f", 50) for u in _ab_users[:300]], "the experiment name salts the split"
assert assign("u1", "exp-a", 0) == "control" and assign("u1", "exp-a", 100) == "treatment"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "builtin-hash", "fails": ["t1", "t2"]}
def assign(user_id, experiment, treatment_pct):
    if not 0 <= treatment_pct <= 100:
        raise ValueError("treatment_pct must be between 0 and 100")
    bucket = hash(f"{experiment}:{user_id}") % 10_000  # different in every Python process
    return "treatment" if bucket < treatment_pct * 100 else "control"

# %% course={"kind": "wrong", "id": "inclusive-boundary", "fails": ["t2"]}
def assign(user_id, experiment, treatment_pct):
    if not 0 <= treatment_pct <= 100:
        raise ValueError("treatment_pct must be between 0 and 100")
    digest = hashlib.sha256(f"{experiment}:{user_id}".encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 10_000
    return "treatment" if bucket <= treatment_pct * 100 else "control"

# %% [markdown] course={"kind": "exercise", "id": "shadow-router"}
# ### Exercise 8: a shadow router
#
# Write `shadow_call(primary, shadow, request, log)`. It returns `primary(request)`, always; the shadow model
# gets the same request **after** the primary answered, and its answer never reaches the caller. If the shadow
# raises an `Exception`, swallow it and append `{"request": request, "error": "<ExceptionTypeName>"}` to `log`; if
# its answer differs from the primary's, append `{"request": request, "primary": p, "shadow": s}`; if they agree,
# log nothing. An exception from the **primary** propagates to the caller, and then the shadow is not called.
#
# ```python
# log = []
# shadow_call(lambda r: 1, lambda r: 0, {"id": 7}, log)  # 1
# log                                                    # [{'request': {'id': 7}, 'primary': 1, 'shadow': 0}]
# ```

# %% [markdown] course={"kind": "hint"}
# `try: ... except Exception as err:` and `type(err).__name__` give the name.

# %% [markdown] course={"kind": "hint"}
# Call the primary first, outside any `try`; keep its answer in a variable and return that variable at the end.

# %% course={"kind": "solution"}
def shadow_call(primary, shadow, request, log):
    ### BEGIN SOLUTION
    answer = primary(request)
    try:
        candidate = shadow(request)
    except Exception as err:
        log.append({"request": request, "error": type(err).__name__})
        return answer
    if candidate != answer:
        log.append({"request": request, "primary": answer, "shadow": candidate})
    return answer
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
log = []
assert shadow_call(lambda r: 1, lambda r: 0, {"id": 7}, log) == 1, "the caller gets the primary's answer"
assert log == [{"request": {"id": 7}, "primary": 1, "shadow": 0}], log
assert shadow_call(lambda r: "a", lambda r: "a", 3, log) == "a" and len(log) == 1, "agreement is not logged"

# %% course={"kind": "test", "points": 2}
def _sh_broken(request):
    raise ZeroDivisionError("shadow bug")


log = []
assert shadow_call(lambda r: 0.25, _sh_broken, [1, 2], log) == 0.25, "a failing shadow never hurts the caller"
assert log == [{"request": [1, 2], "error": "ZeroDivisionError"}], log
### BEGIN HIDDEN TESTS
order = []


def _sh_primary(r):
    order.append("primary")
    return None


def _sh_shadow(r):
    order.append("shadow")
    return 0


log = []
result = shadow_call(_sh_primary, _sh_shadow, "r", log)
assert result is None and order == ["primary", "shadow"], order
assert log == [{"request": "r", "primary": None, "shadow": 0}], "None vs 0 differ"


def _sh_fail_primary(r):
    raise KeyError("primary down")


order.clear()
log = []
try:
    shadow_call(_sh_fail_primary, _sh_shadow, "r", log)
except KeyError:
    pass
else:
    raise AssertionError("the primary's error reaches the caller")
assert order == [] and log == [], "no shadow call when the primary failed"
log = []
assert shadow_call(lambda r: 0, lambda r: False, "x", log) == 0 and log == [], "0 == False: equal answers"
assert shadow_call(lambda r: [1], lambda r: (_ for _ in ()).throw(ValueError()), "y", log) == [1]
assert log == [{"request": "y", "error": "ValueError"}]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shadow-error-propagates", "fails": ["t2"]}
def shadow_call(primary, shadow, request, log):
    answer = primary(request)
    candidate = shadow(request)  # a shadow bug now breaks production
    if candidate != answer:
        log.append({"request": request, "primary": answer, "shadow": candidate})
    return answer

# %% course={"kind": "wrong", "id": "returns-shadow", "fails": ["t1", "t2"]}
def shadow_call(primary, shadow, request, log):
    answer = primary(request)
    try:
        candidate = shadow(request)
    except Exception as err:
        log.append({"request": request, "error": str(err)})
        return answer
    if candidate != answer:
        log.append({"request": request, "primary": answer, "shadow": candidate})
    return candidate  # the shadow's answer leaks to the caller

# %% [markdown] course={"kind": "exercise", "id": "canary-controller", "item": "project-21-3-2"}
# ### Exercise 9: a canary controller with automatic rollback
#
# Write `run_canary(steps, observe, max_error_rate, max_p95_ms)`. `steps` is a non-empty list of traffic
# percentages, strictly increasing, each from 1 to 100 (else `ValueError`). For each step, call `observe(pct)`; it
# returns `{"requests": int, "errors": int, "p95_ms": float}` for that step. The step passes when `requests > 0`
# (no traffic is no evidence), `errors / requests <= max_error_rate` and `p95_ms <= max_p95_ms`.
#
# Return `(verdict, history)`: `history` lists the percentages the canary was set to, in order. When a step fails,
# append `0` (all traffic back to the old model), stop observing, and return `("rolled-back", history)`. When all
# pass, append `100` if the last step was not already 100, and return `("promoted", history)`.
#
# ```python
# run_canary([5, 25], lambda pct: {"requests": 100, "errors": 0, "p95_ms": 40.0}, 0.01, 80)
# # ('promoted', [5, 25, 100])
# ```

# %% [markdown] course={"kind": "hint"}
# Validate `steps` before observing anything. `zip(steps, steps[1:])` gives neighbouring pairs.

# %% [markdown] course={"kind": "hint"}
# A step with 0 requests must roll back, not divide by zero: check `requests > 0` first, and let `and` stop there.

# %% course={"kind": "solution"}
def run_canary(steps, observe, max_error_rate, max_p95_ms):
    ### BEGIN SOLUTION
    if not steps or any(not 1 <= pct <= 100 for pct in steps) or any(a >= b for a, b in zip(steps, steps[1:])):
        raise ValueError("steps must be strictly increasing percentages from 1 to 100")
    history = []
    for pct in steps:
        history.append(pct)
        m = observe(pct)
        healthy = (
            m["requests"] > 0 and m["errors"] / m["requests"] <= max_error_rate and m["p95_ms"] <= max_p95_ms
        )
        if not healthy:
            history.append(0)
            return "rolled-back", history
    if history[-1] != 100:
        history.append(100)
    return "promoted", history
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _cn_observer(table):
    seen = []

    def observe(pct):
        seen.append(pct)
        return table.get(pct, {"requests": 100, "errors": 0, "p95_ms": 40.0})

    return observe, seen


observe, seen = _cn_observer({})
assert run_canary([5, 25], observe, 0.01, 80) == ("promoted", [5, 25, 100]), "healthy steps promote to 100"
observe, seen = _cn_observer({25: {"requests": 200, "errors": 9, "p95_ms": 41.0}})
assert run_canary([5, 25, 50], observe, 0.01, 80) == ("rolled-back", [5, 25, 0]), "4.5 % errors > 1 %: back to 0"
assert seen == [5, 25], f"nothing is observed after a rollback: {seen}"

# %% course={"kind": "test", "points": 2}
observe, seen = _cn_observer({5: {"requests": 100, "errors": 1, "p95_ms": 80.0}})
assert run_canary([5, 100], observe, 0.01, 80) == ("promoted", [5, 100]), "exactly at both limits passes; no second 100"
observe, seen = _cn_observer({5: {"requests": 100, "errors": 0, "p95_ms": 80.5}})
assert run_canary([5, 50], observe, 0.01, 80) == ("rolled-back", [5, 0]), "p95 over the limit rolls back"
observe, seen = _cn_observer({1: {"requests": 0, "errors": 0, "p95_ms": 0.0}})
assert run_canary([1, 10], observe, 0.01, 80) == ("rolled-back", [1, 0]), "no requests, no evidence: roll back"
### BEGIN HIDDEN TESTS
for bad in ([], [0, 50], [50, 101], [10, 10], [20, 10], [5, 50, 50]):
    observe, seen = _cn_observer({})
    try:
        run_canary(bad, observe, 0.01, 80)
    except ValueError:
        pass
    else:
        raise AssertionError(f"steps {bad} must raise ValueError")
    assert seen == [], "validate before observing"
observe, seen = _cn_observer({})
assert run_canary([1], observe, 0.0, 40.0) == ("promoted", [1, 100])
observe, seen = _cn_observer({})
assert run_canary([100], observe, 0.0, 40.0) == ("promoted", [100])
observe, seen = _cn_observer({100: {"requests": 1000, "errors": 11, "p95_ms": 10.0}})
assert run_canary([1, 99, 100], observe, 0.01, 80) == ("rolled-back", [1, 99, 100, 0]) and seen == [1, 99, 100]
observe, seen = _cn_observer({1: {"requests": 1, "errors": 1, "p95_ms": 1.0}})
assert run_canary([1, 2], observe, 0.99, 80) == ("rolled-back", [1, 0])
observe, seen = _cn_observer({p: {"requests": 1, "errors": 0, "p95_ms": 1.0} for p in (1, 2)})
result = run_canary([1, 2], observe, 0.0, 1.0)
assert result == ("promoted", [1, 2, 100]) and type(result) is tuple and type(result[1]) is list
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strict-gate", "fails": ["t2"]}
def run_canary(steps, observe, max_error_rate, max_p95_ms):
    if not steps or any(not 1 <= pct <= 100 for pct in steps) or any(a >= b for a, b in zip(steps, steps[1:])):
        raise ValueError("bad steps")
    history = []
    for pct in steps:
        history.append(pct)
        m = observe(pct)
        if m["requests"] == 0 or m["errors"] / m["requests"] >= max_error_rate or m["p95_ms"] >= max_p95_ms:
            history.append(0)
            return "rolled-back", history
    if history[-1] != 100:
        history.append(100)
    return "promoted", history

# %% course={"kind": "wrong", "id": "keeps-going", "fails": ["t1", "t2"]}
def run_canary(steps, observe, max_error_rate, max_p95_ms):
    if not steps or any(not 1 <= pct <= 100 for pct in steps) or any(a >= b for a, b in zip(steps, steps[1:])):
        raise ValueError("bad steps")
    history, failed = [], False
    for pct in steps:
        history.append(pct)
        m = observe(pct)
        if m["requests"] == 0 or m["errors"] / m["requests"] > max_error_rate or m["p95_ms"] > max_p95_ms:
            failed = True  # remembers the failure but lets the rollout continue
    if failed:
        return "rolled-back", history + [0]
    if history[-1] != 100:
        history.append(100)
    return "promoted", history

# %% [markdown] course={"kind": "lesson", "id": "containers", "covers": ["c-model-containers", "c-dockerizing-models", "c-gpu-containers", "c-multi-model-serving"]}
# ### Model containers: one image, any number of models, sometimes a GPU
#
# **Dockerizing a model** is dockerizing a Python service (17.1) plus three model-specific decisions:
#
# 1. *Where the weights live.* Baked into the image (simple, immutable, one image per model version; large images)
#    or pulled at start-up from a registry or object store (one image for all versions; start-up depends on the
#    store, so cache and verify a checksum). Either way, the image tag or the start-up log must name the model version.
# 2. *Start-up and health.* Loading takes seconds to minutes: a readiness check that turns green only once the
#    model is loaded, so no traffic arrives before; a liveness check that does not call the model.
# 3. *Resources.* Workers × model size must fit the memory limit (each uvicorn worker process loads its own copy);
#    pin the numeric libraries' thread counts (`OMP_NUM_THREADS`) to the CPU limit, or replicas fight for cores.
#
# **GPU containers.** The image carries the CUDA user-space libraries (start from an `nvidia/cuda:<version>-cudnn-
# runtime-...` base or a framework image that includes them); the **host** carries the NVIDIA driver, and the
# **NVIDIA Container Toolkit** makes the GPUs visible inside the container (`docker run --gpus all`; on Kubernetes,
# the NVIDIA device plugin and a `nvidia.com/gpu: 1` resource limit). The driver must be new enough for the
# image's CUDA version (a newer driver runs images built for older CUDA, not the reverse). GPU images are
# gigabytes: use the `runtime` variants, not `devel`, in production.
#
# **Multi-model serving** puts many models behind one server: load on first request, keep the recently used
# ones in memory up to a limit, evict the least recently used (Triton's explicit model control, KServe's
# ModelMesh and TorchServe's management API all offer a form of this). Worth it when you have many small,
# rarely-used models (one per customer); not for one hot model.
#
# **What people get wrong:** running as root with an unpinned `latest` base and no health check: the image
# rebuilds differently next month, any exploit owns the container, and the orchestrator sends traffic to a
# process still loading its weights. The demo reads a Dockerfile for a model server as data and lists its
# instructions; Exercise 10 turns the checks into code.

# %% course={"kind": "demo"}
model_dockerfile = "\n".join([
    "FROM python:3.12-slim",
    "ENV OMP_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE=1",
    "WORKDIR /srv",
    "COPY requirements.txt .",
    "RUN pip install --no-cache-dir -r requirements.txt",
    "COPY model/model-2026-12.json model/",
    "COPY app.py .",
    "RUN useradd --uid 10001 app",
    "USER app",
    "EXPOSE 8000",
    'HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen(\'http://127.0.0.1:8000/health\')"]',
    'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]',
])
for instruction in parse_dockerfile(model_dockerfile):
    form = "exec form" if instruction.exec_form is not None else ""
    print(f"{instruction.line:2d} {instruction.keyword:12} {instruction.args[:60]:62} {form}")

# %% [markdown] course={"kind": "text"}
# Requirements are copied and installed *before* the model and the code, so a new model version rebuilds only the
# last layers. The exec-form `CMD` makes uvicorn process 1, so `docker stop`'s SIGTERM reaches it directly and it
# can finish the requests in flight.

# %% [markdown] course={"kind": "exercise", "id": "dockerfile-check", "item": "x-containerize-a-model-for-serving"}
# ### Exercise 10: lint a model server's Dockerfile
#
# Write `check_model_dockerfile(text)` returning the **sorted** list of problems (each at most once) among:
#
# - `"unpinned-base"`: some `FROM` image has no tag, or the tag `latest`, and no digest (`@sha256:...`). The
#   image is the first word of `FROM`'s arguments that does not start with `--` (`--platform=...` is a flag). A
#   tag is a `:` in the part after the last `/` (so the port in `localhost:5000/img` is not a tag);
# - `"runs-as-root"`: there is no `USER`, or the **last** `USER` is `root` or `0` (a `:group` suffix is ignored);
# - `"no-healthcheck"`: no `HEALTHCHECK`, or the last one is `HEALTHCHECK NONE`;
# - `"no-cmd"`: no `CMD`; `"shell-form-cmd"`: the last `CMD` is in shell form (its `exec_form` is `None`).
#
# Use `parse_dockerfile(text)` (already imported): a list of instructions with `.keyword` (upper case), `.args`
# and `.exec_form`.
#
# ```python
# check_model_dockerfile("FROM python\nCMD uvicorn app:app")
# # ['no-healthcheck', 'runs-as-root', 'shell-form-cmd', 'unpinned-base']
# ```

# %% [markdown] course={"kind": "hint"}
# Group the instructions by keyword first (`[i for i in parsed if i.keyword == "USER"]`); "the last one" is then
# `[-1]` of a non-empty list.

# %% [markdown] course={"kind": "hint"}
# For the image: `name.split("/")[-1]` is the part after the last slash; check `"@" in name` for a digest. For
# the user: `args.split(":")[0]`.

# %% course={"kind": "solution"}
def check_model_dockerfile(text):
    ### BEGIN SOLUTION
    parsed = parse_dockerfile(text)

    def last(keyword):
        found = [i for i in parsed if i.keyword == keyword]
        return found[-1] if found else None

    problems = set()
    for instruction in parsed:
        if instruction.keyword != "FROM":
            continue
        image = next(word for word in instruction.args.split() if not word.startswith("--"))
        tail = image.split("/")[-1]
        if "@" not in image and (":" not in tail or tail.endswith(":latest")):
            problems.add("unpinned-base")
    user = last("USER")
    if user is None or user.args.split(":")[0] in ("root", "0"):
        problems.add("runs-as-root")
    health = last("HEALTHCHECK")
    if health is None or health.args.upper() == "NONE":
        problems.add("no-healthcheck")
    cmd = last("CMD")
    if cmd is None:
        problems.add("no-cmd")
    elif cmd.exec_form is None:
        problems.add("shell-form-cmd")
    return sorted(problems)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_df_good = [
    "FROM python:3.12-slim",
    "USER app",
    'HEALTHCHECK CMD ["curl", "-f", "http://127.0.0.1:8000/health"]',
    'CMD ["uvicorn", "app:app"]',
]
assert check_model_dockerfile("\n".join(_df_good)) == [], "a good Dockerfile has no problems"
got = check_model_dockerfile("FROM python\nCMD uvicorn app:app")
assert got == ["no-healthcheck", "runs-as-root", "shell-form-cmd", "unpinned-base"], f"sorted codes: {got}"


def _df_with(index, line):
    lines = list(_df_good)
    lines[index] = line
    return "\n".join(lines)

# %% course={"kind": "test", "points": 2}
assert check_model_dockerfile(_df_with(0, "FROM python:latest")) == ["unpinned-base"], "latest is not a pin"
assert check_model_dockerfile(_df_with(0, "FROM localhost:5000/models/server")) == ["unpinned-base"], "a registry port is not a tag"
assert check_model_dockerfile(_df_with(0, "FROM localhost:5000/server:1.4")) == []
assert check_model_dockerfile(_df_with(1, "USER root")) == ["runs-as-root"]
assert check_model_dockerfile(_df_good[0] + "\nUSER app\nUSER 0:0\n" + "\n".join(_df_good[2:])) == ["runs-as-root"], "the LAST USER counts"
### BEGIN HIDDEN TESTS
assert check_model_dockerfile(_df_with(0, "FROM python@sha256:" + "a" * 64)) == [], "a digest pins"
assert check_model_dockerfile("ARG V=1\n" + _df_with(0, "FROM python")) == ["unpinned-base"], "ARG may come first"
assert check_model_dockerfile(_df_with(0, "FROM --platform=linux/amd64 python:3.12 AS build")) == []
assert check_model_dockerfile(_df_with(0, "FROM --platform=linux/amd64 python AS build")) == ["unpinned-base"]
two_stage = "FROM python:3.12 AS build\nFROM python\n" + "\n".join(_df_good[1:])
assert check_model_dockerfile(two_stage) == ["unpinned-base"], "every FROM must be pinned"
two_stage = "FROM python\nFROM python:3.12\n" + "\n".join(_df_good[1:])
assert check_model_dockerfile(two_stage) == ["unpinned-base"], "every FROM must be pinned"
assert check_model_dockerfile("FROM a\nFROM b:latest\n" + "\n".join(_df_good[1:])) == ["unpinned-base"], "each code once"
assert check_model_dockerfile(_df_good[0] + "\nUSER root\nUSER app\n" + "\n".join(_df_good[2:])) == []
assert check_model_dockerfile(_df_with(1, "USER 10001:0")) == [], "group 0 is not user 0"
assert check_model_dockerfile(_df_with(1, "USER root:root")) == ["runs-as-root"]
assert check_model_dockerfile(_df_with(1, "USER rooty")) == []
assert check_model_dockerfile(_df_with(2, "HEALTHCHECK NONE")) == ["no-healthcheck"]
assert check_model_dockerfile(_df_with(2, "HEALTHCHECK none")) == ["no-healthcheck"]
assert check_model_dockerfile(_df_with(2, "EXPOSE 8000")) == ["no-healthcheck"]
assert check_model_dockerfile(_df_with(3, "EXPOSE 8000")) == ["no-cmd"]
assert check_model_dockerfile("\n".join(_df_good) + "\nCMD python app.py") == ["shell-form-cmd"], "the LAST CMD counts"
assert check_model_dockerfile("\n".join(_df_good[:3]) + "\nCMD python app.py\n" + _df_good[3]) == []
assert check_model_dockerfile("") == ["no-cmd", "no-healthcheck", "runs-as-root"]
assert check_model_dockerfile(_df_with(0, "FROM registry.example/ml/server:latest")) == ["unpinned-base"]
assert check_model_dockerfile(_df_with(0, "FROM ml/server:latest-gpu")) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "colon-anywhere", "fails": ["t2"]}
def check_model_dockerfile(text):
    parsed = parse_dockerfile(text)
    problems = set()
    for i in parsed:
        if i.keyword == "FROM":
            image = i.args.split()[0]
            if ":" not in image or image.endswith(":latest"):  # the registry port counts as a tag
                problems.add("unpinned-base")
    users = [i.args for i in parsed if i.keyword == "USER"]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problems.add("runs-as-root")
    health = [i.args for i in parsed if i.keyword == "HEALTHCHECK"]
    if not health or health[-1].upper() == "NONE":
        problems.add("no-healthcheck")
    cmds = [i for i in parsed if i.keyword == "CMD"]
    if not cmds:
        problems.add("no-cmd")
    elif cmds[-1].exec_form is None:
        problems.add("shell-form-cmd")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "first-user", "fails": ["t2"]}
def check_model_dockerfile(text):
    parsed = parse_dockerfile(text)
    problems = set()
    for i in parsed:
        if i.keyword == "FROM":
            image = next(w for w in i.args.split() if not w.startswith("--"))
            tail = image.rsplit("/", 1)[-1]
            if "@" not in image and (":" not in tail or tail.endswith(":latest")):
                problems.add("unpinned-base")
    users = [i.args for i in parsed if i.keyword == "USER"]
    if not users or users[0] in ("root", "0"):  # the first USER, not the one the process runs as
        problems.add("runs-as-root")
    health = [i.args for i in parsed if i.keyword == "HEALTHCHECK"]
    if not health or health[-1].upper() == "NONE":
        problems.add("no-healthcheck")
    cmds = [i for i in parsed if i.keyword == "CMD"]
    if not cmds:
        problems.add("no-cmd")
    elif cmds[-1].exec_form is None:
        problems.add("shell-form-cmd")
    return sorted(problems)

# %% [markdown] course={"kind": "exercise", "id": "model-cache", "item": "project-21-3-1"}
# ### Exercise 11: load models on demand, keep the recent ones
#
# Write `ModelCache(loader, capacity)`: `get(name)` returns the model called `name`, calling `loader(name)` only
# when it is not in memory. At most `capacity` models stay loaded; loading one more evicts the **least recently
# used** (a `get` that finds a model counts as a use). `loaded()` returns the names in memory as a list, least
# recently used first. Raise `ValueError` if `capacity < 1`. A `loader` that raises leaves the cache as it was.
#
# ```python
# cache = ModelCache(lambda name: f"<model {name}>", capacity=2)
# cache.get("fraud"); cache.get("churn"); cache.get("fraud"); cache.get("spam")  # evicts churn
# cache.loaded()  # ['fraud', 'spam']
# ```

# %% [markdown] course={"kind": "hint"}
# `collections.OrderedDict` (imported) keeps insertion order; `move_to_end(key)` marks a use and
# `popitem(last=False)` removes the oldest.

# %% [markdown] course={"kind": "hint"}
# Call the loader before evicting anything, so a failing load does not cost you a model.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class ModelCache:
    def __init__(self, loader, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.loader = loader
        self.capacity = capacity
        self._models = OrderedDict()

    def get(self, name):
        if name in self._models:
            self._models.move_to_end(name)
            return self._models[name]
        model = self.loader(name)
        self._models[name] = model
        if len(self._models) > self.capacity:
            self._models.popitem(last=False)
        return model

    def loaded(self):
        return list(self._models)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
_mc_loads = []


def _mc_loader(name):
    _mc_loads.append(name)
    if name == "corrupt":
        raise OSError("bad weights")
    return {"name": name}


_mc_loads.clear()
cache = ModelCache(_mc_loader, capacity=2)
assert cache.get("fraud") == {"name": "fraud"}
cache.get("churn")
cache.get("fraud")
cache.get("spam")
assert cache.loaded() == ["fraud", "spam"], f"churn was the least recently used: {cache.loaded()}"
assert _mc_loads == ["fraud", "churn", "spam"], f"a cached model is not loaded again: {_mc_loads}"

# %% course={"kind": "test", "points": 2}
_mc_loads.clear()
cache = ModelCache(_mc_loader, capacity=2)
first = cache.get("a")
cache.get("b")
assert cache.get("a") is first, "the same object comes back"
try:
    cache.get("corrupt")
except OSError:
    pass
else:
    raise AssertionError("the loader's error reaches the caller")
assert cache.loaded() == ["b", "a"], f"a failed load evicts nothing: {cache.loaded()}"
### BEGIN HIDDEN TESTS
_mc_loads.clear()
one = ModelCache(_mc_loader, capacity=1)
one.get("x")
one.get("x")
one.get("y")
one.get("x")
assert _mc_loads == ["x", "y", "x"] and one.loaded() == ["x"]
three = ModelCache(_mc_loader, capacity=3)
for name in ["m1", "m2", "m3", "m1", "m4", "m2"]:
    three.get(name)
assert three.loaded() == ["m1", "m4", "m2"], three.loaded()
assert type(three.loaded()) is list
for bad in (0, -2):
    try:
        ModelCache(_mc_loader, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"capacity {bad} must raise ValueError")
ModelCache(_mc_loader, 1)
_mc_loads.clear()
falsy = ModelCache(lambda name: _mc_loads.append(name) or 0, capacity=2)
assert falsy.get("zero") == 0 and falsy.get("zero") == 0 and falsy.loaded() == ["zero"]
assert _mc_loads == ["zero"], f"a cached model that is falsy (0, an empty dict) is still cached: {_mc_loads}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fifo-eviction", "fails": ["t1", "t2"]}
class ModelCache:
    def __init__(self, loader, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.loader, self.capacity, self._models = loader, capacity, OrderedDict()

    def get(self, name):
        if name in self._models:
            return self._models[name]  # a hit does not count as a use: first in, first out
        model = self.loader(name)
        self._models[name] = model
        if len(self._models) > self.capacity:
            self._models.popitem(last=False)
        return model

    def loaded(self):
        return list(self._models)

# %% course={"kind": "wrong", "id": "evict-before-load", "fails": ["t2"]}
class ModelCache:
    def __init__(self, loader, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.loader, self.capacity, self._models = loader, capacity, OrderedDict()

    def get(self, name):
        if name in self._models:
            self._models.move_to_end(name)
            return self._models[name]
        if len(self._models) >= self.capacity:
            self._models.popitem(last=False)  # evicted even if the load below fails
        model = self.loader(name)
        self._models[name] = model
        return model

    def loaded(self):
        return list(self._models)

# %% [markdown] course={"kind": "exercise", "id": "promote-pipeline", "item": "project-21-3-2"}
# ### Exercise 12: the promotion step of a deployment pipeline
#
# A small file-based model registry: `registry/<name>/v<version>.json` holds each version's exported model (the
# JSON of Exercise 5, say), and `registry/<name>/production` holds the production version number as text (absent
# until the first promotion). Write `promote(registry, name, version, evaluate, min_score)` that validates a
# candidate and promotes it or refuses, returning one of these strings:
#
# - `"missing"` when the candidate's file does not exist;
# - `"below-threshold"` when `evaluate(doc) < min_score` (`doc` is the file's JSON, parsed; `evaluate` scores it on
#   a hold-out set);
# - `"worse-than-production"` when a production version exists and the candidate scores **lower** than it (a tie
#   is promoted: the newer model, equally good);
# - `"promoted"` otherwise, after writing the version number to `production` **atomically**: write a temporary
#   file in the same folder, then `os.replace` it onto `production`, so a reader never sees a half-written file.
#   Leave no temporary file behind.
#
# A refusal leaves `production` untouched. `registry` is a `pathlib.Path`; read and write text as UTF-8.
#
# ```python
# promote(reg, "fraud", 3, lambda doc: doc["accuracy"], 0.9)   # 'promoted'; reg/fraud/production holds '3'
# ```

# %% [markdown] course={"kind": "hint"}
# Work in order: the file, its score against the threshold, then the production version's score (read its
# number, load *its* file, evaluate it too).

# %% [markdown] course={"kind": "hint"}
# `tmp = folder / "production.tmp"; tmp.write_text(str(version), encoding="utf-8"); os.replace(tmp, folder /
# "production")`: the rename moves the temporary file, so nothing is left behind.

# %% course={"kind": "solution"}
def promote(registry, name, version, evaluate, min_score):
    ### BEGIN SOLUTION
    folder = registry / name
    candidate = folder / f"v{version}.json"
    if not candidate.exists():
        return "missing"
    score = evaluate(json.loads(candidate.read_text(encoding="utf-8")))
    if score < min_score:
        return "below-threshold"
    production = folder / "production"
    if production.exists():
        current = production.read_text(encoding="utf-8").strip()
        current_doc = json.loads((folder / f"v{current}.json").read_text(encoding="utf-8"))
        if score < evaluate(current_doc):
            return "worse-than-production"
    tmp = folder / "production.tmp"
    tmp.write_text(str(version), encoding="utf-8")
    os.replace(tmp, production)
    return "promoted"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _pr_registry(root, scores):
    folder = Path(root) / "fraud"
    folder.mkdir()
    for version, accuracy in scores.items():
        (folder / f"v{version}.json").write_text(json.dumps({"accuracy": accuracy, "note": "modèle"}), encoding="utf-8")
    return Path(root)


def _pr_eval(doc):
    return doc["accuracy"]


def _pr_production(reg):
    path = reg / "fraud" / "production"
    return path.read_text(encoding="utf-8") if path.exists() else None


_pr_replaced = []
_pr_os_replace = os.replace


def _pr_recording_replace(src, dst):
    _pr_replaced.append((Path(src).parent.name, Path(dst).name))
    return _pr_os_replace(src, dst)


with tempfile.TemporaryDirectory() as d:
    reg = _pr_registry(d, {1: 0.91, 2: 0.95})
    os.replace = _pr_recording_replace
    try:
        assert promote(reg, "fraud", 1, _pr_eval, 0.9) == "promoted"
    finally:
        os.replace = _pr_os_replace
    assert _pr_replaced == [("fraud", "production")], f"production is written with os.replace: {_pr_replaced}"
    assert _pr_production(reg) == "1", "production names version 1"
    assert promote(reg, "fraud", 2, _pr_eval, 0.9) == "promoted" and _pr_production(reg) == "2"
    assert sorted(p.name for p in (reg / "fraud").iterdir()) == ["production", "v1.json", "v2.json"], "no temporary file left"

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as d:
    reg = _pr_registry(d, {1: 0.95, 2: 0.93, 3: 0.85})
    assert promote(reg, "fraud", 1, _pr_eval, 0.9) == "promoted"
    assert promote(reg, "fraud", 2, _pr_eval, 0.9) == "worse-than-production", "0.93 < production's 0.95"
    assert promote(reg, "fraud", 3, _pr_eval, 0.9) == "below-threshold"
    assert promote(reg, "fraud", 7, _pr_eval, 0.9) == "missing"
    assert _pr_production(reg) == "1", "refusals leave production alone"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as d:
    reg = _pr_registry(d, {1: 0.9, 2: 0.9, 10: 0.92})
    assert promote(reg, "fraud", 1, _pr_eval, 0.9) == "promoted", "exactly the threshold passes"
    assert promote(reg, "fraud", 2, _pr_eval, 0.9) == "promoted", "a tie with production is promoted"
    assert _pr_production(reg) == "2"
    assert promote(reg, "fraud", 10, _pr_eval, 0.95) == "below-threshold" and _pr_production(reg) == "2"
    assert promote(reg, "fraud", 10, _pr_eval, 0.0) == "promoted" and _pr_production(reg) == "10"
    assert promote(reg, "fraud", 1, _pr_eval, 0.0) == "worse-than-production"
    assert promote(reg, "churn", 1, _pr_eval, 0.0) == "missing"
    assert sorted(p.name for p in (reg / "fraud").iterdir()) == ["production", "v1.json", "v10.json", "v2.json"]
with tempfile.TemporaryDirectory() as d:
    reg = _pr_registry(d, {1: 0.5, 2: 0.6})
    (reg / "fraud" / "production").write_text("2\n", encoding="utf-8")
    assert promote(reg, "fraud", 1, _pr_eval, 0.0) == "worse-than-production", "production file with a newline"
    assert promote(reg, "fraud", 1, _pr_eval, 0.5) == "worse-than-production"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-production", "fails": ["t1", "t2"]}
def promote(registry, name, version, evaluate, min_score):
    folder = registry / name
    candidate = folder / f"v{version}.json"
    if not candidate.exists():
        return "missing"
    if evaluate(json.loads(candidate.read_text(encoding="utf-8"))) < min_score:
        return "below-threshold"
    (folder / "production").write_text(str(version), encoding="utf-8")  # any good-enough model replaces production
    return "promoted"

# %% course={"kind": "wrong", "id": "tie-refused", "fails": ["t2"]}
def promote(registry, name, version, evaluate, min_score):
    folder = registry / name
    candidate = folder / f"v{version}.json"
    if not candidate.exists():
        return "missing"
    score = evaluate(json.loads(candidate.read_text(encoding="utf-8")))
    if score < min_score:
        return "below-threshold"
    production = folder / "production"
    if production.exists():
        current = production.read_text(encoding="utf-8").strip()
        if score <= evaluate(json.loads((folder / f"v{current}.json").read_text(encoding="utf-8"))):
            return "worse-than-production"
    tmp = folder / "production.tmp"
    tmp.write_text(str(version), encoding="utf-8")
    os.replace(tmp, production)
    return "promoted"

# %% [markdown] course={"kind": "task", "id": "serving-platform", "points": 6, "item": "project-21-3-1"}
# ### Project 21.3.1: a model serving platform
#
# Combine this section's pieces into one FastAPI service and describe how you would run it. It must: **load models
# dynamically** from a registry folder like Exercise 12's (`ModelCache` of Exercise 11, a loader that reads the
# portable JSON of Exercise 5); **serve several models** at `POST /v1/models/{name}/predict` with a pydantic
# schema; **version** them (`X-Model-Version` header, production version by default, `model_version` in every
# answer); **batch** requests (`MicroBatcher` of Exercise 4 in front of the model call, or a batch route with a
# maximum size); **collect metrics** (request count, errors and a latency histogram per model and version, for
# example with `prometheus_client` on your own registry as in 18.2) and answer `GET /health`. Include a test run:
# start it with `serve(app)`, send 200 requests to two models, print p50/p95/p99 and the metrics, and show a 422
# and a clean 500. Finish with a Dockerfile for it that passes `check_model_dockerfile`, and a paragraph on how the
# service would run with a GPU (base image, toolkit, resource limit).

# %% [markdown] course={"kind": "rubric"}
# - Models load on first use through the cache, with a capacity limit and no reload on a hit; the registry's
#   production version is the default (1 point).
# - Request and response schemas reject bad input with 422; a failing model gives a 500 with a short body and a
#   request id, the detail only in the server log (1 point).
# - Versioning: a pinned version via header works, an unknown one is a 404 with a clear message, and every answer
#   names the version (1 point).
# - Batching is real (several concurrent requests reach the model in one call, shown by a counter) and bounded
#   (a maximum batch size and wait) (1 point).
# - Metrics per model and version, scraped from a real endpoint; latency printed as percentiles from real HTTP
#   calls, not asserted on (1 point).
# - A Dockerfile that passes the linter, copies requirements before code and model, runs as a non-root user with
#   a health check; a correct GPU paragraph (driver on the host, CUDA libraries in the image, toolkit) (1 point).

# %% [markdown] course={"kind": "task", "id": "deploy-pipeline", "points": 4, "item": "project-21-3-2"}
# ### Project 21.3.2: a model deployment pipeline
#
# Write the pipeline as one Python function (or a CI workflow calling small functions) with the stages **pull from
# the model registry** (Exercise 12's layout, or an MLflow alias as in 21.2), **build the container** (render the
# Dockerfile and lint it; a real `docker build` only where Docker exists), **deploy to staging** (start the
# service with `serve(app)` and run smoke requests), **run validation** (parity of the served answers with the
# exported model within a tolerance, and hold-out accuracy), and **promote to production** through a canary
# (`run_canary` of Exercise 9) with automatic rollback. Each stage logs what it did and stops the pipeline with a
# clear reason when it fails.

# %% [markdown] course={"kind": "rubric"}
# - The stages run in order and a failure at any stage stops the pipeline with a named reason; nothing after it
#   runs (1 point).
# - Staging uses a real HTTP server and checks served answers against the exported model within a stated
#   tolerance, plus a hold-out score against a threshold and against production (1 point).
# - Promotion goes through canary steps with error-rate and latency gates and rolls back automatically; the
#   production pointer is written atomically (1 point).
# - The run is reproducible and offline: seeded data, no network, every server stopped at the end; a test shows one
#   rejected candidate and one promoted one (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-what-are-different-model-serving"}
# Four, by what triggers a prediction. **Batch**: a scheduled job scores a whole dataset and writes the results
# where the application reads them; cheap and easy to check, but results are as old as the last run.
# **Real-time** (online): a service answers each request synchronously over HTTP or gRPC within a latency budget;
# it can use request-time data but must be always on and sized for the peak. **Streaming**: a consumer scores
# events from a queue (Kafka) as they arrive and publishes results; seconds of latency, micro-batching and
# back-pressure instead of a waiting caller. **Edge**: the model runs on the device (phone, camera, browser), no
# network hop and works offline, but it must be small (quantized) and updates ship with app or firmware releases.
# Many systems mix them: batch scores as a fallback and cache, real-time for the requests that need fresh context.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-model-versioning-in"}
# Separate the API version from the model version. The API (request/response shape) is versioned in the path
# (`/v1`, `/v2`), and a breaking change gets a new path while the old one stays until its callers moved. Models
# are immutable, numbered artefacts in a registry (MLflow, or versioned folders as TF Serving and Triton use),
# each with its training data version, code commit, parameters and metrics; "production" is a pointer (an alias or
# a file) moved by a pipeline after validation, so rollback is moving the pointer back. The serving process can
# hold several versions, routes by an explicit version (a header) or the default, and puts `model_version` in
# every response and log line, so any prediction can be traced to the model that made it. New versions reach
# users through shadow, canary or A/B rollouts rather than a switch for everyone.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-a-b-testing-for"}
# Decide the primary metric, guardrails (latency, errors) and the sample size before starting (22.3 computes it
# from the baseline rate and the smallest effect worth detecting). Assign by **user**, not by request, with a
# stable hash of the experiment name and the user id into buckets (Exercise 7), so a user always sees the same
# model and experiments do not share their splits. Route at the serving layer (both models loaded, the arm
# chosen per request from the assignment), log the arm and model version with every prediction and every outcome
# event, check the observed split matches the planned one (a sample-ratio mismatch means a bug), and analyse once
# at the planned size. Shadow-test the new model first so that the A/B test measures the effect, not crashes.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-model-optimization"}
# Making a trained model cheaper to run (smaller, faster, less memory or power) while keeping its accuracy within
# an agreed loss. The main tools: **quantization** (weights, and often activations, as int8 or FP16 instead of
# FP32: 2–4 times smaller, faster integer kernels), **pruning** (remove the least important weights or whole
# channels), **distillation** (train a small model to imitate a large one), and **compilation** for the target:
# export to ONNX and run it with ONNX Runtime's graph optimizations, or build a TensorRT engine for a specific
# NVIDIA GPU (layer fusion, FP16/INT8 kernels). Serving-side tricks (dynamic batching, caching) help throughput
# too. Every step is validated: accuracy on a hold-out set before and after, and parity of outputs between the
# original and the optimized model within a tolerance, plus a latency measurement on the real hardware.
