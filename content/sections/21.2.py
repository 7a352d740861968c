# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can decide what an ML run must record to be reproducible, log and compare
# runs with MLflow's tracking API on a SQLite store, register model versions and move aliases such as
# `champion` between them, read what an MLflow model directory and its signature contain, and tune
# hyper-parameters by grid, random and Bayesian (Optuna TPE) search, with code you can test.

# %% course={"kind": "setup", "id": "tracking-helpers"}
# What the demos and tests share. Everything runs offline: MLflow's telemetry is switched off *before* mlflow is
# imported (otherwise it looks up a telemetry host), and every store (MLflow's, Optuna's, your own) is a SQLite
# file in a scratch folder removed when the kernel stops (`scratch_dir`, course/runtime/scratch.py).
# `make_data` and `train` are a deliberately tiny "model": a line fitted by stochastic gradient descent in plain
# Python, so a run takes milliseconds and every number is reproducible.
import hashlib
import itertools
import json
import math
import os
import random
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import optuna
import pandas as pd

from course.runtime.scratch import scratch_dir

optuna.logging.set_verbosity(optuna.logging.WARNING)
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"] = "false"
SCRATCH = scratch_dir("21.2")


def make_data(n: int, seed: int) -> list[tuple[float, float]]:
    """n points near the line y = 3x + 1, with noise drawn from random.Random(seed)."""
    rng = random.Random(seed)
    return [(x, 3 * x + 1 + rng.gauss(0, 0.3)) for x in (rng.uniform(-1, 1) for _ in range(n))]


def train(params: Mapping[str, Any], data: list[tuple[float, float]], seed: int) -> list[tuple[int, float]]:
    """Fit y = w*x + b by SGD; return the mean squared error after each epoch as (step, loss) pairs."""
    rng = random.Random(seed)
    w = b = 0.0
    order = list(range(len(data)))
    history = []
    for epoch in range(int(params["epochs"])):
        rng.shuffle(order)
        for i in order:
            x, y = data[i]
            error = w * x + b - y
            w -= params["lr"] * error * x
            b -= params["lr"] * error
        loss = sum((w * x + b - y) ** 2 for x, y in data) / len(data)
        history.append((epoch, round(loss, 6)))
    return history


# The tables of the SQLite tracker exercise (runs, params, metrics by step, artifacts by content hash).
TRACKER_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS params (run_id INTEGER NOT NULL REFERENCES runs, key TEXT NOT NULL, value TEXT NOT NULL,
                                   PRIMARY KEY (run_id, key));
CREATE TABLE IF NOT EXISTS metrics (run_id INTEGER NOT NULL REFERENCES runs, key TEXT NOT NULL,
                                    step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, key, step));
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS artifacts (run_id INTEGER NOT NULL REFERENCES runs, name TEXT NOT NULL,
                                      sha256 TEXT NOT NULL REFERENCES blobs, PRIMARY KEY (run_id, name));
"""


def validation_loss(lr: float, depth: int) -> float:
    """A cheap, deterministic stand-in for a tuning trial: lowest near lr = 10**-2.2 and depth = 6."""
    return (math.log10(lr) + 2.2) ** 2 + 0.05 * (depth - 6) ** 2


# %% [markdown] course={"kind": "lesson", "id": "experiment-tracking", "covers": ["c-experiment-tracking", "c-what-to-track-parameters-metrics", "c-reproducibility", "c-comparison"]}
# ### Experiment tracking: what a run must record
#
# An **experiment** is a question ("which learning rate?"); a **run** is one attempt at answering it: one
# training job with one configuration. Tracking means every run writes down, automatically and in one place,
# enough to answer two questions later: *which run was best?* (comparison) and *can I get exactly that model
# again?* (reproducibility). A DevOps/MLOps engineer meets this as infrastructure: the tracking server the data
# scientists log to, the CI job that trains and logs, the deploy step that asks "which run produced the model
# we ship?".
#
# | record | examples | why |
# |---|---|---|
# | **parameters** (inputs, logged once) | learning rate, epochs, model type, feature list | what you chose |
# | **metrics** (outputs, many values, each with a **step**) | loss per epoch, accuracy, latency | what you got, and how it got there |
# | **artifacts** (files) | the model, plots, a confusion matrix, a sample of predictions | what you ship and show |
# | **code version** | git commit, and whether the work tree was dirty | same code |
# | **data version** | a hash of the training data (or a DVC/lakeFS revision) | same data |
# | **seed(s)** | Python, NumPy, framework, data split | same randomness |
# | **environment** | Python and library versions, hardware (GPU type) | same numbers from the same code |
#
# **The one thing people get wrong:** logging parameters and metrics but not the data and the seed. Two runs
# with the same `lr` can differ because the data changed under the same file name or because the shuffle was
# not seeded, and then the "best run" cannot be rebuilt. The demo shows it: same seed, data and code give
# the same metric to the last digit; change only the seed, or one data point, and the metric moves.

# %% course={"kind": "demo"}
def data_hash(rows: list[tuple[float, float]]) -> str:
    text = json.dumps(rows)  # the exact numbers, in order
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


params = {"lr": 0.05, "epochs": 5}
data = make_data(200, seed=7)
runs = {
    "first run": (data, 1),
    "same again": (make_data(200, seed=7), 1),
    "seed 2": (data, 2),
    "one point changed": ([(data[0][0], data[0][1] + 1.0), *data[1:]], 1),
}
print(f"{'run':<18} {'data hash':<13} seed  final loss")
for name, (rows, seed) in runs.items():
    print(f"{name:<18} {data_hash(rows):<13} {seed:>4}  {train(params, rows, seed)[-1][1]}")

# %% [markdown] course={"kind": "text"}
# The first two lines match because everything that decides the result matches; the data hash tells at a glance
# that the last run trained on other data although nothing else changed. **Comparison** is then a query over
# many such records: filter (same data hash), sort by a metric in the right *direction* (loss: lower is better;
# accuracy: higher), and look at which parameters differ between the best runs. MLflow does that with
# `search_runs`, next.

# %% [markdown] course={"kind": "lesson", "id": "mlflow", "covers": ["c-mlflow", "c-tracking-api", "c-projects", "c-models", "c-model-registry-90ddb9", "c-python-api"]}
# ### MLflow: tracking API, stores, Projects and the Python client
#
# **MLflow** is an open-source platform with four parts: **Tracking** (runs, params, metrics, artifacts),
# **Models** (a standard directory format for a trained model, with "flavors" that say how to load it),
# **Model Registry** (named models with numbered versions and aliases) and **Projects** (a convention for
# packaging training code so anyone can run it). In production it usually runs as a **tracking server**:
#
# ```
#  training job ──┐  mlflow client                     ┌── backend store (runs, params, metrics,
#  notebook ──────┼──► HTTP REST /api/2.0/mlflow/... ──►│    registry): PostgreSQL / MySQL / SQLite
#  CI pipeline ───┘   (MLFLOW_TRACKING_URI=http://..)  │
#                     mlflow server (UI + REST API)    └── artifact store (models, plots):
#                                                           S3 / GCS / Azure Blob / a shared folder
# ```
#
# Clients never open the database themselves; they talk REST to the server, which writes rows to the backend
# store and files to the artifact store (or hands the client a location to upload to). The client code is the
# same whichever store sits behind it: only the **tracking URI** changes. Here it is `sqlite:///<file>`, which
# makes the client write the database directly, with no server. (The `mlflow server` command ships with
# `mlflow-skinny` 3.17.2 and works offline: started by hand on the course's two-core test machine, with a SQLite
# backend store, it answered `/health` after about 20 s (a uvicorn worker, plus a job runner that reports the
# optional `huey` package missing) and a client logged a parameter, a metric and a text artifact through its REST
# API. That start-up alone is this notebook's whole time budget, so the notebook skips it; the task at the end
# of the section asks you to run one yourself. In MLflow 3.17 a plain folder (`file:`) store raises an error
# saying it is in maintenance mode, unless `MLFLOW_ALLOW_FILE_STORE=true` is set; SQLite is the default.)
#
# The **tracking API** (`mlflow.start_run`, `log_param(s)`, `log_metric(key, value, step=)`, `set_tag`,
# `log_text`/`log_artifact`) is the "fluent" one: it keeps a current run for you. The **Python API** proper,
# `MlflowClient`, takes explicit ids (`create_experiment`, `get_metric_history`, `search_runs`, registry calls)
# and is what services and CI scripts use. **The one thing people get wrong:** not setting the tracking URI,
# so runs land in the default, `sqlite:///mlflow.db` (or `./mlruns` where such a folder already exists) in
# whatever folder the job happened to start in, and the team never sees them. The same trap exists for artifacts: give the experiment an explicit `artifact_location`.
#
# The demo logs three runs of `train` with metrics by step, then compares them with `search_runs`, which
# returns a pandas DataFrame with `params.*`, `metrics.*` and `tags.*` columns (params come back as strings).
# Importing mlflow and creating the database's tables take a few seconds.

# %% course={"kind": "demo"}
import logging

import mlflow
from mlflow import MlflowClient

logging.getLogger("mlflow").setLevel(logging.WARNING)  # no INFO lines about creating the tables
mlflow.set_tracking_uri(f"sqlite:///{SCRATCH / 'mlflow.db'}")
client = MlflowClient()
existing = client.get_experiment_by_name("line-fit")  # None on the first run of this cell
experiment_id = existing.experiment_id if existing else client.create_experiment(
    "line-fit", artifact_location=str(SCRATCH / "artifacts")
)
mlflow.set_experiment(experiment_id=experiment_id)

fit_data = make_data(200, seed=7)
for lr in (0.005, 0.05, 0.3):
    with mlflow.start_run(run_name=f"lr={lr}"):
        mlflow.log_params({"lr": lr, "epochs": 4, "seed": 1})
        mlflow.set_tags({"data_sha256": data_hash(fit_data), "git_commit": "3f2c1ab"})
        for step, loss in train({"lr": lr, "epochs": 4}, fit_data, seed=1):
            mlflow.log_metric("loss", loss, step=step)

table = mlflow.search_runs(experiment_ids=[experiment_id], order_by=["metrics.loss ASC"])
print(table[["tags.mlflow.runName", "params.lr", "metrics.loss"]].to_string(index=False))
print("type of params.lr:", type(table["params.lr"][0]).__name__)
best_run_id = table["run_id"][0]
print("loss by step of the best run:", [(m.step, m.value) for m in client.get_metric_history(best_run_id, "loss")])

# %% [markdown] course={"kind": "text"}
# `metrics.loss` in the table is the **last** value logged (the one with the highest step), not the best one;
# the full curve is `get_metric_history`. The runs also got tags of MLflow's own (`mlflow.user`,
# `mlflow.source.name`): when the script that starts a run lives in a git checkout (and GitPython is
# installed), MLflow records the commit in `mlflow.source.git.commit` by itself. A notebook's source is the
# Jupyter kernel, so runs started from a notebook, like these, usually get no commit: one more reason training
# belongs in committed scripts.
#
# **MLflow Projects** package training code: an `MLproject` file at the root of a repository names the
# environment and the entry points with typed parameters, and `mlflow run <path or git URL> -P lr=0.05` runs
# it (creating the environment first) and logs the run with the commit. An example, for reading:
#
# ```yaml
# name: line-fit
# python_env: python_env.yaml        # or conda_env: / docker_env:
# entry_points:
#   main:
#     parameters:
#       lr: {type: float, default: 0.05}
#       epochs: {type: int, default: 5}
#     command: "python train.py --lr {lr} --epochs {epochs}"
# ```
#
# Many teams skip Projects and run training from CI or an orchestrator (Airflow, Argo, Kubeflow) instead; the
# idea that survives is the same: a pinned environment plus a commit plus parameters is a run you can repeat.

# %% [markdown] course={"kind": "lesson", "id": "wandb", "covers": ["c-weights-biases-basics", "c-experiment-logging", "c-visualizations", "c-sweeps"]}
# ### Weights & Biases: the hosted alternative
#
# **Weights & Biases (W&B)** is a commercial, mostly hosted service (a self-hosted server exists under licence)
# for the same job. It is not installed here: its client sends every run to W&B's servers (or needs a local
# server), so this lesson compares it with MLflow instead of running it.
#
# | need | W&B | MLflow |
# |---|---|---|
# | **experiment logging** | `wandb.init(project=, config=)`, then `wandb.log({"loss": x})` each step; system metrics (GPU, CPU) logged for you | `start_run`, `log_params`, `log_metric(..., step=)`; system metrics optional |
# | **visualizations** | rich hosted dashboards: live charts, parallel coordinates, tables of predictions, reports to share | the UI of `mlflow server`: run tables, metric charts, run comparison |
# | **sweeps** (hyper-parameter search) | a sweep config (grid, random or Bayes) and `wandb agent`s on many machines that ask the server for the next configuration | none of its own: use Optuna, Hyperopt or Ray Tune and log each trial as a (nested) run |
# | **artifacts and registry** | versioned Artifacts with lineage, a model registry | artifact store plus Model Registry |
# | **hosting** | SaaS by default: accounts, API keys, data leaves your network | self-hosted, open source (or managed by Databricks and clouds) |
#
# **The one thing people get wrong:** choosing by features alone. For an ops team the deciding questions are
# where the data may live (a regulated company may not send metrics off-site), who runs the server, and how
# the pipeline authenticates (a W&B API key in CI secrets versus a tracking URI inside the VPC).
#
# A "visualization" is only a view of the metric history; the demo draws the loss curves of the three runs
# above as text, on a log scale as loss charts usually are, which is what a dashboard's line chart shows: the
# slow run (lr=0.005) still falling, and the fast one (lr=0.3) getting worse after its first epoch.

# %% course={"kind": "demo"}
def bar(value: float, low: float, high: float, width: int = 30) -> str:
    """A bar from 1 to width characters, on a log scale from low to high."""
    return "#" * (1 + round((width - 1) * math.log(value / low) / math.log(high / low)))


curves = {row["tags.mlflow.runName"]: client.get_metric_history(row["run_id"], "loss") for _, row in table.iterrows()}
values = [m.value for history in curves.values() for m in history]
for name, history in curves.items():
    print(name)
    for m in history:
        print(f"  step {m.step}  {m.value:8.4f}  {bar(m.value, min(values), max(values))}")

# %% [markdown] course={"kind": "lesson", "id": "model-registry", "covers": ["c-model-registry-c0bcaf", "c-model-versioning", "c-model-stages-staging-production", "c-model-metadata", "c-model-artifacts"]}
# ### The model registry: versions, aliases, metadata
#
# A run produces a model **artifact** (files in the artifact store). A **registry** gives models a stable
# *name* (`line-fit`) with numbered **versions** (1, 2, 3...), each pointing at the artifact and the run that
# made it. Deployment code then asks for "the production model of `line-fit`" instead of a run id:
#
# ```
#  run 9a1f (lr=0.05) ──logs──► artifact ──register──► line-fit v1   ◄── @champion (serving loads this)
#  run 77c0 (lr=0.3)  ──logs──► artifact ──register──► line-fit v2   ◄── @challenger (shadow traffic, tests)
# ```
#
# **Stages versus aliases.** Older MLflow put each version in one **stage**: `None`, `Staging`, `Production`,
# `Archived`, moved with `transition_model_version_stage`. That call still works in 3.17 but warns that it is
# deprecated since 2.9 and stages will be removed. Its replacement is **aliases**: named, movable pointers
# (`champion`, `challenger`, `staging`, whatever your process needs), each pointing at exactly one version of a
# model, loaded as `models:/line-fit@champion`. Promotion is moving an alias; rollback is moving it back.
# **Metadata** lives in tags on the model and on each version (`validation_status=passed`, the dataset hash,
# who approved it) and in the version's description.
#
# **The one thing people get wrong:** deploying `models:/name/latest` (or a hard-coded version number). "Latest"
# is the last one *registered*, not the last one *approved*: a data scientist registering an experiment would
# ship it. Serving should load an alias that only a gated promotion step moves.
#
# The demo logs one model (a small `pyfunc` model: MLflow's generic flavor, a Python class with `predict`),
# registers it twice to get two versions, tags them, moves `champion`, and loads by alias. Logging a model is
# the slow call here (a second or more), so the notebook does it once. MLflow 3.17 prints two warnings on the
# way: a suggestion to add type hints to `predict` (this model keeps an explicit signature instead) and a
# caution about cloudpickle, which the packaging lesson explains.

# %% course={"kind": "demo"}
import mlflow.pyfunc
from mlflow.models import infer_signature


class LineModel(mlflow.pyfunc.PythonModel):
    """y = w*x + b, fitted elsewhere; the weights travel inside the pickled object."""

    def __init__(self, w: float, b: float) -> None:
        self.w, self.b = w, b

    def predict(self, context, model_input, params=None):
        return pd.Series([self.w * x + self.b for x in model_input["x"]], name="y")


example = pd.DataFrame({"x": [0.0, 0.5]})
line = LineModel(3.0, 1.0)
signature = infer_signature(example, line.predict(None, example))
with mlflow.start_run(run_name="package"):
    logged = mlflow.pyfunc.log_model(
        name="model", python_model=line, signature=signature, input_example=example, pip_requirements=["pandas"]
    )

first = mlflow.register_model(logged.model_uri, "line-fit")
second = mlflow.register_model(logged.model_uri, "line-fit")
client.set_model_version_tag("line-fit", first.version, "validation_status", "passed")
client.set_registered_model_alias("line-fit", "champion", first.version)
client.set_registered_model_alias("line-fit", "challenger", second.version)
for number in (first.version, second.version):
    v = client.get_model_version("line-fit", number)
    print(f"version {v.version} ({type(v.version).__name__})  aliases={v.aliases}  tags={v.tags}  run={v.run_id[:8]}")
champion = mlflow.pyfunc.load_model("models:/line-fit@champion")
print("champion predicts:", champion.predict(pd.DataFrame({"x": [1.0, 2.0]})).tolist())
client.set_registered_model_alias("line-fit", "champion", second.version)  # promotion = moving the alias
print("champion is now version", client.get_model_version_by_alias("line-fit", "champion").version)

# %% [markdown] course={"kind": "lesson", "id": "model-packaging", "covers": ["c-model-packaging", "c-mlflow-models", "c-onnx-format", "c-model-signatures"]}
# ### Packaging: the MLflow model directory, signatures and ONNX
#
# An **MLflow model** is a directory with an `MLmodel` file (YAML) that says which **flavors** can load it:
# `python_function` (pyfunc, the generic `predict(DataFrame)` interface every MLflow model offers) plus a
# native one such as `sklearn` or `pytorch`. Next to it: the serialized model, `requirements.txt`,
# `python_env.yaml` and `conda.yaml` (the environment to rebuild), and optionally an input example. A serving
# tool (`mlflow models serve`, a Docker image, SageMaker, your own FastAPI app) reads only this directory.
#
# A **signature** is the model's input and output schema (column names and types, or tensor shapes), made by
# `infer_signature(inputs, outputs)` and stored in `MLmodel`. pyfunc enforces it at `predict`: a missing column
# is an error instead of silent garbage, and so (in MLflow 3.17, shown below) is an `int64` column where the
# signature says `double`, because MLflow counts int64 to float64 as a conversion that can lose precision.
#
# **ONNX** (Open Neural Network Exchange) is another packaging format: the model becomes a framework-neutral
# graph of standard operators in one `.onnx` file, run by `onnxruntime` (C++, also from Java, C#, JavaScript,
# mobile) without the training library or Python at all. Converters exist for scikit-learn (`skl2onnx`),
# PyTorch (`torch.onnx.export`) and others. It is not installed in this course (onnx and onnxruntime would add
# tens of megabytes to every learner's start-up); section 21.3, on model serving, comes back to ONNX conversion.
#
# **The one thing people get wrong:** pickles. The `cloudpickle` format this notebook uses (and plain pickle or
# joblib) runs code when loaded and needs the same library versions, so load only models you trust and pin the
# environment; MLflow 3.17 warns about it and defaults scikit-learn models to `skops`. (A log call without
# `pip_requirements` infers the requirements in a subprocess: many seconds.)
#
# The demo lists the directory just logged, prints the parts of `MLmodel` that matter, and shows the
# signature at work.

# %% course={"kind": "demo"}
import yaml

model_dir = mlflow.artifacts.download_artifacts(logged.model_uri)  # a local store: the folder itself
print("files:", sorted(os.listdir(model_dir)))  # input_example.json and serving_input_example.json: the example
mlmodel = yaml.safe_load(open(os.path.join(model_dir, "MLmodel"), encoding="utf-8"))
print("flavors:", sorted(mlmodel["flavors"]), " loader:", mlmodel["flavors"]["python_function"]["loader_module"])
print("signature inputs :", mlmodel["signature"]["inputs"])
print("signature outputs:", mlmodel["signature"]["outputs"])
print("float column:", champion.predict(pd.DataFrame({"x": [2.0]})).tolist())
for label, frame in (("int column", pd.DataFrame({"x": [2]})), ("column named X", pd.DataFrame({"X": [2.0]}))):
    try:
        champion.predict(frame)
    except mlflow.exceptions.MlflowException as error:
        print(f"{label} refused:", str(error).split("Error: ")[-1])

# %% [markdown] course={"kind": "lesson", "id": "hyperparameter-tuning", "covers": ["c-hyperparameter-tuning", "c-grid-search", "c-random-search", "c-bayesian-optimization", "c-optuna-basics"]}
# ### Hyper-parameter tuning: grid, random, Bayesian (Optuna)
#
# Hyper-parameters are the settings you choose before training (learning rate, depth, regularisation). Tuning
# is a search over them, each trial a full training run, so the question is how few trials reach a good one.
#
# | method | how it picks the next trial | good at | weak at |
# |---|---|---|---|
# | **grid** | every combination of listed values | few parameters, few values, exhaustive answers | grows as the product of the value counts; wastes trials on parameters that do not matter |
# | **random** | independent draws from each range | many parameters, only some matter (it tries more distinct values of each) | ignores what it learnt |
# | **Bayesian** (TPE, Gaussian processes) | a model of "which regions gave good results" proposes the next point | expensive trials, a handful of parameters | the first trials are random; sequential by nature |
#
# **Optuna** is a Python library for this: an *objective* function receives a `trial` and asks it for values
# (`trial.suggest_float("lr", 1e-4, 1, log=True)`, `suggest_int`, `suggest_categorical`), a *study* runs it
# `n_trials` times with a *sampler* (`TPESampler`, a Bayesian method, is the default; `RandomSampler`,
# `GridSampler` also exist) and can stop bad trials early with a *pruner*. With `storage="sqlite:///..."`
# the study survives restarts and several workers can share it.
#
# **The one thing people get wrong:** a linear range for a scale parameter. Learning rates between 1e-4 and 1
# should be drawn with `log=True`; drawn uniformly, 90 % of trials land above 0.1. And seed the sampler
# (`TPESampler(seed=...)`) or no two tuning runs agree.
#
# The demo searches two parameters on a budget of 30 trials by each method. A real trial would be a training
# run; here it is `validation_loss(lr, depth)`, a cheap deterministic stand-in with one good region (lr near
# 0.006, depth near 6), so the comparison runs in a second. The TPE study keeps its trials in SQLite.

# %% course={"kind": "demo"}
TARGET = 0.1


def progress(losses: list[float]) -> str:
    hit = next((i + 1 for i, value in enumerate(losses) if value < TARGET), None)
    best = [min(losses[:n]) for n in (10, 20, 30)]
    return f"{hit!s:>13}   " + "  ".join(f"{b:8.4f}" for b in best)


grid = itertools.product([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0], [2, 4, 6, 8, 10])
grid_losses = [validation_loss(lr, depth) for lr, depth in grid]
draw = random.Random(0)
random_losses = [validation_loss(10 ** draw.uniform(-5, 0), draw.randint(1, 10)) for _ in range(30)]
study = optuna.create_study(
    study_name="tune-demo",
    storage=f"sqlite:///{SCRATCH / 'optuna.db'}",
    sampler=optuna.samplers.TPESampler(seed=1),
    direction="minimize",
)
study.optimize(
    lambda trial: validation_loss(trial.suggest_float("lr", 1e-5, 1.0, log=True), trial.suggest_int("depth", 1, 10)),
    n_trials=30,
)
tpe_losses = [trial.value for trial in study.trials]
print(f"method  first < {TARGET}   best@10   best@20   best@30")
for name, losses in (("grid", grid_losses), ("random", random_losses), ("TPE", tpe_losses)):
    print(f"{name:<7}{progress(losses)}")
print("TPE best:", {k: round(v, 4) for k, v in study.best_params.items()}, " trials stored:", len(study.trials))

# %% [markdown] course={"kind": "text"}
# The grid spends 30 trials on six learning rates, only one of them near the optimum, and can never do better
# than its own points. Random search draws 30 different learning rates but learns nothing from them. TPE's
# first 10 trials are random draws (its `n_startup_trials`); after that it samples where earlier good trials
# were, and its best keeps improving. With another seed the trial that first beats the target moves (one seed
# hits it by luck in its random start-up phase), which is why such comparisons use several seeds; what stays
# is that the model-based search ends far below the other two on the same budget.

# %% [markdown] course={"kind": "exercise", "id": "flatten-params", "item": "x-log-experiments-with-parameters-and"}
# ### Flatten a training config into run parameters
#
# Tracking stores parameters as a flat table of **strings** (`params.lr` came back as `"0.05"` above), but
# training configs are nested. Write `flatten_params(config, prefix="")` returning a new `dict` whose keys are
# the paths to every leaf joined by `"."` (with `prefix` in front of each) and whose values are `str(leaf)`.
# A nested mapping with no entries contributes nothing. A key that itself contains a `"."` would make two
# paths collide, so raise `ValueError` for it. Do not change `config`.
#
# ```python
# >>> flatten_params({"lr": 0.05, "model": {"depth": 6, "act": {"name": "relu"}}, "debug": False})
# {'lr': '0.05', 'model.depth': '6', 'model.act.name': 'relu', 'debug': 'False'}
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the items; a value that is itself a mapping (`isinstance(value, Mapping)`) is flattened the same way.

# %% [markdown] course={"kind": "hint"}
# Call `flatten_params(value, prefix + key + ".")` for a nested mapping and merge its result with `update`.

# %% course={"kind": "solution"}
def flatten_params(config: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    ### BEGIN SOLUTION
    flat: dict[str, str] = {}
    for key, value in config.items():
        if "." in key:
            raise ValueError(f"parameter name {key!r} contains a '.'")
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, prefix + key + "."))
        else:
            flat[prefix + key] = str(value)
    return flat
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_config = {"lr": 0.05, "model": {"depth": 6, "act": {"name": "relu"}}, "debug": False}
_flat = flatten_params(_config)
assert _flat == {"lr": "0.05", "model.depth": "6", "model.act.name": "relu", "debug": "False"}, f"got {_flat}"
assert type(_flat) is dict and all(type(v) is str for v in _flat.values()), "a dict of str values"

# %% course={"kind": "test", "points": 2}
assert flatten_params({"a": {"b": 1}}, "train.") == {"train.a.b": "1"}, "the prefix goes in front of every key"
assert flatten_params({"opt": {}, "seed": 0}) == {"seed": "0"}, "an empty section adds nothing"
### BEGIN HIDDEN TESTS
assert flatten_params({}) == {}, "an empty config"
assert flatten_params({"x": {"y": {"z": {"w": None}}}}) == {"x.y.z.w": "None"}, "four levels deep"
assert flatten_params({"layers": [64, 32], "name": "modèle"}) == {"layers": "[64, 32]", "name": "modèle"}
from types import MappingProxyType

_proxy = flatten_params({"opt": MappingProxyType({"name": "adam", "betas": {"b1": 0.9}})})
assert _proxy == {"opt.name": "adam", "opt.betas.b1": "0.9"}, f"any Mapping is a section, not only a dict: {_proxy}"
_before = {"model": {"depth": 6}}
flatten_params(_before, "p.")
assert _before == {"model": {"depth": 6}}, "config is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ({"model.depth": 3}, {"model": {"a.b": 1}}):
    try:
        flatten_params(_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_bad}: a key with a '.' raises ValueError")

# %% course={"kind": "wrong", "id": "one-level-only", "fails": ["t1", "t2", "t3"]}
def flatten_params(config, prefix=""):
    for key in config:
        if "." in key:
            raise ValueError(key)
    return {prefix + key: str(value) for key, value in config.items()}

# %% course={"kind": "wrong", "id": "values-not-strings", "fails": ["t1", "t2"]}
def flatten_params(config, prefix=""):
    flat = {}
    for key, value in config.items():
        if "." in key:
            raise ValueError(key)
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, prefix + key + "."))
        else:
            flat[prefix + key] = value
    return flat

# %% course={"kind": "wrong", "id": "prefix-lost-when-nesting", "fails": ["t1", "t2"]}
def flatten_params(config, prefix=""):
    flat = {}
    for key, value in config.items():
        if "." in key:
            raise ValueError(key)
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, key + "."))
        else:
            flat[prefix + key] = str(value)
    return flat

# %% course={"kind": "wrong", "id": "dict-only", "fails": ["t2"]}
def flatten_params(config, prefix=""):
    flat = {}
    for key, value in config.items():
        if "." in key:
            raise ValueError(key)
        if isinstance(value, dict):  # a MappingProxyType or another Mapping becomes one str leaf
            flat.update(flatten_params(value, prefix + key + "."))
        else:
            flat[prefix + key] = str(value)
    return flat

# %% course={"kind": "wrong", "id": "no-dot-check", "fails": ["t3"]}
def flatten_params(config, prefix=""):
    flat = {}
    for key, value in config.items():
        if isinstance(value, Mapping):
            flat.update(flatten_params(value, prefix + key + "."))
        else:
            flat[prefix + key] = str(value)
    return flat

# %% [markdown] course={"kind": "exercise", "id": "best-step", "item": "x-log-experiments-with-parameters-and"}
# ### The best point of a metric history
#
# `search_runs` shows a metric's *last* value; early stopping and checkpoint selection need its *best* one.
# Write `best_step(history, direction)`: `history` is an iterable (read it once) of `(step, value)` pairs in
# any order, `direction` is `"min"` or `"max"` (anything else: `ValueError`). Return the `(step, value)` tuple
# with the best value; among equal values, the one with the **smallest step**. A diverged run logs `nan`:
# skip NaN values, and raise `ValueError` when no value is left (an empty history included).
#
# ```python
# >>> best_step([(0, 0.9), (1, 0.4), (2, 0.5)], "min")
# (1, 0.4)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the pairs whose value is not NaN (`math.isnan`) in a list first, then look for the best one.

# %% [markdown] course={"kind": "hint"}
# `min(points, key=...)` with a key tuple `(value or -value, step)` handles both directions and ties; `min` of
# an empty list raises `ValueError` by itself.

# %% course={"kind": "solution"}
def best_step(history: Iterable[tuple[int, float]], direction: str) -> tuple[int, float]:
    ### BEGIN SOLUTION
    if direction not in ("min", "max"):
        raise ValueError(f"direction must be 'min' or 'max', not {direction!r}")
    points = [(step, value) for step, value in history if not math.isnan(value)]
    return min(points, key=lambda point: (point[1] if direction == "min" else -point[1], point[0]))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert best_step([(0, 0.9), (1, 0.4), (2, 0.5)], "min") == (1, 0.4), "lowest loss at step 1"
assert best_step([(0, 0.6), (1, 0.8), (2, 0.7)], "max") == (1, 0.8), "highest accuracy at step 1"
assert type(best_step([(0, 0.9)], "min")) is tuple, "a tuple (step, value)"

# %% course={"kind": "test", "points": 2}
assert best_step([(5, 0.3), (2, 0.3), (9, 0.3)], "min") == (2, 0.3), "a tie goes to the smallest step"
assert best_step([(3, 0.2), (1, 0.7), (0, 0.7)], "max") == (0, 0.7), "ties in 'max' too, in any order"
assert best_step(iter([(0, 2.0), (1, 1.0)]), "min") == (1, 1.0), "an iterator is fine"
### BEGIN HIDDEN TESTS
assert best_step([(0, -1.0), (1, -3.0), (2, 4.0)], "min") == (1, -3.0), "negative values"
assert best_step([(0, -1.0), (1, -3.0), (2, -0.5)], "max") == (2, -0.5), "negative values, max"
assert best_step([(7, 1.0)], "max") == (7, 1.0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_nan = float("nan")  # a NaN that is not the math.nan object: test with math.isnan, never `is math.nan`
assert best_step([(0, 0.5), (1, _nan), (2, 0.7)], "max") == (2, 0.7), "NaN is skipped"
assert best_step([(0, _nan), (1, 0.5), (2, 0.7)], "max") == (2, 0.7), "NaN is skipped, also in first place"
for _args in (([], "min"), ([(0, _nan)], "max"), ([(0, 1.0)], "minimize"), ([(0, 1.0)], "MIN")):
    try:
        best_step(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"best_step{_args} raises ValueError")
### BEGIN HIDDEN TESTS
assert best_step([(0, _nan), (1, 0.2), (2, math.nan)], "min") == (1, 0.2)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "last-tie-wins", "fails": ["t2"]}
def best_step(history, direction):
    if direction not in ("min", "max"):
        raise ValueError(direction)
    points = [(step, value) for step, value in history if not math.isnan(value)]
    if not points:
        raise ValueError("empty")
    best = points[0]
    for step, value in points[1:]:
        if (value <= best[1]) if direction == "min" else (value >= best[1]):
            best = (step, value)
    return best

# %% course={"kind": "wrong", "id": "nan-not-skipped", "fails": ["t3"]}
def best_step(history, direction):
    if direction not in ("min", "max"):
        raise ValueError(direction)
    points = list(history)
    if not points:
        raise ValueError("empty")
    return min(points, key=lambda p: (p[1] if direction == "min" else -p[1], p[0]))

# %% course={"kind": "wrong", "id": "nan-by-identity", "fails": ["t3"]}
def best_step(history, direction):
    if direction not in ("min", "max"):
        raise ValueError(direction)
    points = [(step, value) for step, value in history if value is not math.nan]  # only that one NaN object
    return min(points, key=lambda p: (p[1] if direction == "min" else -p[1], p[0]))

# %% course={"kind": "wrong", "id": "sorted-by-value-only", "fails": ["t2"]}
def best_step(history, direction):
    if direction not in ("min", "max"):
        raise ValueError(direction)
    points = sorted((p for p in history if not math.isnan(p[1])), key=lambda p: p[1], reverse=direction == "max")
    if not points:
        raise ValueError("empty")
    return points[0]

# %% [markdown] course={"kind": "exercise", "id": "param-diff", "item": "project-21-2-1"}
# ### What changed between two runs?
#
# The first question about two runs with different results: which parameters differ? Write
# `param_diff(first, second)` for two parameter dicts (as `search_runs` returns them: `str` values). Return a
# list of `(name, first_value, second_value)` tuples, **sorted by name** (plain string order: `"B"` before
# `"a"`), one for every name whose value differs,
# including names only one run has (the missing side is `None`). Equal parameters are left out.
#
# ```python
# >>> param_diff({"lr": "0.1", "seed": "1", "opt": "adam"}, {"lr": "0.01", "seed": "1", "layers": "3"})
# [('layers', None, '3'), ('lr', '0.1', '0.01'), ('opt', 'adam', None)]
# ```

# %% [markdown] course={"kind": "hint"}
# The names to look at are the union of both key sets; `dict.get(name)` gives `None` for a missing one.

# %% [markdown] course={"kind": "hint"}
# `for name in sorted(first.keys() | second.keys()):` and keep the tuples whose two values are not equal.

# %% course={"kind": "solution"}
def param_diff(first: Mapping[str, str], second: Mapping[str, str]) -> list[tuple[str, str | None, str | None]]:
    ### BEGIN SOLUTION
    names = sorted(first.keys() | second.keys())
    return [(n, first.get(n), second.get(n)) for n in names if first.get(n) != second.get(n)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_diff = param_diff({"lr": "0.1", "seed": "1", "opt": "adam"}, {"lr": "0.01", "seed": "1", "layers": "3"})
assert _diff == [("layers", None, "3"), ("lr", "0.1", "0.01"), ("opt", "adam", None)], f"got {_diff}"
assert type(_diff) is list and all(type(t) is tuple for t in _diff), "a list of tuples"

# %% course={"kind": "test", "points": 2}
assert param_diff({"z": "1", "m": "2", "a": "3"}, {"z": "0", "m": "0", "a": "0"}) == [
    ("a", "3", "0"), ("m", "2", "0"), ("z", "1", "0")
], "sorted by name, whatever the dicts' order"
assert param_diff({"lr": "0.1"}, {"lr": "0.1"}) == [], "identical runs: nothing differs"
### BEGIN HIDDEN TESTS
assert param_diff({}, {}) == []
assert param_diff({}, {"b": "x", "a": "y"}) == [("a", None, "y"), ("b", None, "x")], "only the second run has them"
assert param_diff({"tag": ""}, {}) == [("tag", "", None)], "an empty string is a value, not a missing one"
assert param_diff({"é": "1"}, {"é": "2"}) == [("é", "1", "2")]
_case = param_diff({"b": "1", "B": "1", "a": "1"}, {})
assert _case == [("B", "1", None), ("a", "1", None), ("b", "1", None)], f"plain string order, case kept: {_case}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-run-keys-only", "fails": ["t1", "t2"]}
def param_diff(first, second):
    return [(n, first.get(n), second.get(n)) for n in sorted(first) if first.get(n) != second.get(n)]

# %% course={"kind": "wrong", "id": "unsorted", "fails": ["t1", "t2"]}
def param_diff(first, second):
    names = list(first) + [n for n in second if n not in first]
    return [(n, first.get(n), second.get(n)) for n in names if first.get(n) != second.get(n)]

# %% course={"kind": "wrong", "id": "missing-as-empty-string", "fails": ["t1", "t2"]}
def param_diff(first, second):
    names = sorted(first.keys() | second.keys())
    return [(n, first.get(n, ""), second.get(n, "")) for n in names if first.get(n, "") != second.get(n, "")]

# %% [markdown] course={"kind": "exercise", "id": "comparison-report", "item": "x-create-model-comparison-reports"}
# ### A model comparison report from `search_runs`
#
# `mlflow.search_runs` returns a DataFrame with a `run_id`, a `tags.mlflow.runName` column, one `params.<name>`
# column per parameter (strings) and one `metrics.<name>` column per metric (floats, NaN where a run never
# logged it). Write `comparison_report(runs, metric, higher_is_better)` returning a **new** DataFrame for a
# review meeting:
#
# - columns `rank`, `run`, then every parameter column **sorted by name** with `params.` removed, then `metric`;
# - only runs that logged the metric, best first (by `higher_is_better`); equal metric values ordered by run
#   name; `rank` is 1, 2, 3... (`int`), and the index is `0..n-1`;
# - `runs` itself is not changed.
#
# ```python
# >>> comparison_report(table, "loss", higher_is_better=False)   # the three runs of the MLflow lesson
#    rank       run epochs     lr seed      loss
# 0     1   lr=0.05      4   0.05    1  0.102055
# 1     2    lr=0.3      4    0.3    1  0.164706
# 2     3  lr=0.005      4  0.005    1  0.307745
# ```

# %% [markdown] course={"kind": "hint"}
# Drop the rows where `runs[f"metrics.{metric}"]` is NaN first (`.dropna(subset=[...])` returns a new frame).

# %% [markdown] course={"kind": "hint"}
# Sort with `sort_values([metric_column, "tags.mlflow.runName"], ascending=[not higher_is_better, True])`,
# then build the new frame from the columns you need, `reset_index(drop=True)`, and insert `rank` with
# `range(1, len(frame) + 1)`.

# %% course={"kind": "solution"}
def comparison_report(runs: pd.DataFrame, metric: str, higher_is_better: bool) -> pd.DataFrame:
    ### BEGIN SOLUTION
    column = f"metrics.{metric}"
    logged = runs.dropna(subset=[column])
    ordered = logged.sort_values([column, "tags.mlflow.runName"], ascending=[not higher_is_better, True])
    params = sorted(c for c in runs.columns if c.startswith("params."))
    report = pd.DataFrame({"run": ordered["tags.mlflow.runName"]})
    for name in params:
        report[name.removeprefix("params.")] = ordered[name]
    report[metric] = ordered[column]
    report = report.reset_index(drop=True)
    report.insert(0, "rank", range(1, len(report) + 1))
    return report
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_runs = pd.DataFrame(
    {
        "run_id": ["r1", "r2", "r3", "r4"],
        "tags.mlflow.runName": ["small", "big", "broken", "mid"],
        "params.lr": ["0.1", "0.01", "0.5", "0.05"],
        "params.depth": ["2", "8", "4", "6"],
        "metrics.acc": [0.71, 0.93, math.nan, 0.88],
        "metrics.loss": [0.9, 0.2, math.nan, 0.3],
    }
)
_report = comparison_report(_runs, "acc", higher_is_better=True)
assert list(_report.columns) == ["rank", "run", "depth", "lr", "acc"], f"columns: {list(_report.columns)}"
assert _report["run"].tolist() == ["big", "mid", "small"], f"best first, the NaN run dropped: {_report['run'].tolist()}"
assert _report["rank"].tolist() == [1, 2, 3] and _report.index.tolist() == [0, 1, 2], "rank 1.. and index 0.."

# %% course={"kind": "test", "points": 2}
_low = comparison_report(_runs, "loss", higher_is_better=False)
assert _low["run"].tolist() == ["big", "mid", "small"] and _low["loss"].tolist() == [0.2, 0.3, 0.9], "lower is better"
assert _low["lr"].tolist() == ["0.01", "0.05", "0.1"], "parameter values travel with their run"
_ties = _runs.assign(**{"metrics.acc": [0.5, 0.5, 0.5, 0.7]})
assert comparison_report(_ties, "acc", True)["run"].tolist() == ["mid", "big", "broken", "small"], "ties by name"
### BEGIN HIDDEN TESTS
assert comparison_report(_ties, "acc", False)["run"].tolist() == ["big", "broken", "small", "mid"], "ties by name, low"
assert str(_report["rank"].dtype).startswith("int"), "rank is an integer column"
_none = comparison_report(_runs.assign(**{"metrics.acc": math.nan}), "acc", True)
assert len(_none) == 0 and list(_none.columns) == ["rank", "run", "depth", "lr", "acc"], "no run logged it"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_copy = _runs.copy()
comparison_report(_runs, "loss", higher_is_better=False)
assert _runs.equals(_copy) and list(_runs.index) == [0, 1, 2, 3], "the caller's DataFrame is unchanged"
### BEGIN HIDDEN TESTS
_shuffled = _runs.iloc[[3, 0, 2, 1]]
_r2 = comparison_report(_shuffled, "loss", False)
assert _r2.index.tolist() == [0, 1, 2] and _r2["rank"].tolist() == [1, 2, 3], "index reset whatever the input's"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keeps-nan-runs", "fails": ["t1", "t2", "t3"]}
def comparison_report(runs, metric, higher_is_better):
    column = f"metrics.{metric}"
    ordered = runs.sort_values([column, "tags.mlflow.runName"], ascending=[not higher_is_better, True])
    params = sorted(c for c in runs.columns if c.startswith("params."))
    report = pd.DataFrame({"run": ordered["tags.mlflow.runName"]})
    for name in params:
        report[name.removeprefix("params.")] = ordered[name]
    report[metric] = ordered[column]
    report = report.reset_index(drop=True)
    report.insert(0, "rank", range(1, len(report) + 1))
    return report

# %% course={"kind": "wrong", "id": "index-not-reset", "fails": ["t1", "t3"]}
def comparison_report(runs, metric, higher_is_better):
    column = f"metrics.{metric}"
    ordered = runs.dropna(subset=[column]).sort_values(
        [column, "tags.mlflow.runName"], ascending=[not higher_is_better, True]
    )
    report = pd.DataFrame({"run": ordered["tags.mlflow.runName"]})
    for name in sorted(c for c in runs.columns if c.startswith("params.")):
        report[name.removeprefix("params.")] = ordered[name]
    report[metric] = ordered[column]
    report.insert(0, "rank", range(1, len(report) + 1))
    return report

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t2", "t3"]}
def comparison_report(runs, metric, higher_is_better):
    column = f"metrics.{metric}"
    runs.sort_values([column, "tags.mlflow.runName"], ascending=[not higher_is_better, True], inplace=True)
    ordered = runs.dropna(subset=[column])
    report = pd.DataFrame({"run": ordered["tags.mlflow.runName"]})
    for name in sorted(c for c in runs.columns if c.startswith("params.")):
        report[name.removeprefix("params.")] = ordered[name]
    report[metric] = ordered[column]
    report = report.reset_index(drop=True)
    report.insert(0, "rank", range(1, len(report) + 1))
    return report

# %% [markdown] course={"kind": "exercise", "id": "resolve-model-uri", "item": "x-register-models-in-mlflow"}
# ### Resolve a `models:/` URI
#
# Serving code loads `models:/<name>/<version>`, `models:/<name>@<alias>` or `models:/<name>/latest`. Write
# `resolve_model_uri(uri, versions, aliases)` as a registry would: `versions` maps a model name to the list of
# its version numbers (`int`, in any order), `aliases` maps `(name, alias)` to a version number. Return
# `(name, version)` with an `int` version; `latest` is the highest version number. Raise `ValueError` for a
# malformed URI: one that does not start with `models:/` (lower case), has an empty name or no version/alias
# part, or whose version part is neither `latest` nor digits only (`"two"`, `"+1"`); raise `LookupError` for an
# unknown model, version or alias (also for `latest` of a model with no versions).
#
# ```python
# >>> resolve_model_uri("models:/fraud@champion", {"fraud": [1, 2, 3]}, {("fraud", "champion"): 2})
# ('fraud', 2)
# ```

# %% [markdown] course={"kind": "hint"}
# Strip `"models:/"` first. An `@` in the rest means an alias (`rest.partition("@")`); otherwise split once on
# `"/"` (`rest.partition("/")`).

# %% [markdown] course={"kind": "hint"}
# A version part is a number (`part.isdigit()`, then `int(part)`) or the word `latest` (`max(...)`). Check that
# the number is in `versions[name]` before returning it.

# %% course={"kind": "solution", "equivalent": {"m-be9fc05f": "without the check, aliases[(name, ref)] raises KeyError, itself a LookupError, for the same URIs"}}
def resolve_model_uri(
    uri: str, versions: Mapping[str, list[int]], aliases: Mapping[tuple[str, str], int]
) -> tuple[str, int]:
    ### BEGIN SOLUTION
    if not uri.startswith("models:/"):
        raise ValueError(f"not a models:/ URI: {uri!r}")
    rest = uri.removeprefix("models:/")
    if "@" in rest:
        name, _, ref = rest.partition("@")
    else:
        name, _, ref = rest.partition("/")
    if not name or not ref:
        raise ValueError(f"no version or alias in {uri!r}")
    if name not in versions:
        raise LookupError(f"no model named {name!r}")
    if "@" in rest:
        if (name, ref) not in aliases:
            raise LookupError(f"model {name!r} has no alias {ref!r}")
        return name, aliases[(name, ref)]
    if ref == "latest":
        if not versions[name]:
            raise LookupError(f"model {name!r} has no versions")
        return name, max(versions[name])
    if not ref.isdigit():
        raise ValueError(f"version must be a number or 'latest': {ref!r}")
    if int(ref) not in versions[name]:
        raise LookupError(f"model {name!r} has no version {ref}")
    return name, int(ref)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_versions = {"fraud": [3, 1, 2], "churn": [1], "empty": []}
_aliases = {("fraud", "champion"): 2, ("fraud", "challenger"): 3, ("churn", "champion"): 1}
assert resolve_model_uri("models:/fraud@champion", _versions, _aliases) == ("fraud", 2), "an alias"
assert resolve_model_uri("models:/fraud/1", _versions, _aliases) == ("fraud", 1), "a version number"
assert type(resolve_model_uri("models:/fraud/1", _versions, _aliases)[1]) is int, "the version is an int"

# %% course={"kind": "test", "points": 2}
assert resolve_model_uri("models:/fraud/latest", _versions, _aliases) == ("fraud", 3), "latest = highest number"
assert resolve_model_uri("models:/churn/latest", _versions, _aliases) == ("churn", 1)
assert resolve_model_uri("models:/fraud@challenger", _versions, _aliases) == ("fraud", 3)
_sales = resolve_model_uri("models:/sales@champion", {"sales": [1, 2]}, {("sales", "champion"): 2})
assert _sales == ("sales", 2), f"remove the prefix, not the characters m, o, d, e, l, s, :, / (str.lstrip): {_sales}"
### BEGIN HIDDEN TESTS
assert resolve_model_uri("models:/fraud/3", _versions, _aliases) == ("fraud", 3)
assert resolve_model_uri("models:/churn@champion", _versions, _aliases) == ("churn", 1), "aliases are per model"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _raises(error, uri):
    try:
        resolve_model_uri(uri, _versions, _aliases)
    except error:
        return True
    except NotImplementedError:
        raise
    except Exception as other:
        raise AssertionError(f"{uri}: expected {error.__name__}, got {type(other).__name__}") from other
    raise AssertionError(f"{uri}: expected {error.__name__}")


assert _raises(LookupError, "models:/fraud/9"), "an unknown version"
assert _raises(LookupError, "models:/fraud@staging"), "an unknown alias"
assert _raises(LookupError, "models:/nope/1"), "an unknown model"
assert _raises(ValueError, "runs:/abc/model"), "not a models:/ URI"
### BEGIN HIDDEN TESTS
assert _raises(LookupError, "models:/empty/latest"), "latest of a model with no versions"
assert _raises(LookupError, "models:/churn@challenger"), "an alias of another model"
assert _raises(LookupError, "models:/nope@champion"), "an unknown model, by alias"
assert _raises(ValueError, "models:/fraud"), "no version part"
assert _raises(ValueError, "models:/fraud/"), "an empty version part"
assert _raises(ValueError, "models:/fraud@"), "an empty alias"
assert _raises(ValueError, "models:/fraud/two"), "a version that is not a number"
assert _raises(ValueError, "models:/@champion"), "no name"
assert _raises(ValueError, "Models:/fraud/1"), "the scheme is lower case"
assert _raises(ValueError, "models:/fraud/ 1") and _raises(ValueError, "models:/fraud/+1"), "digits only"
try:
    resolve_model_uri("models:/ghost@champion", {}, {("ghost", "champion"): 1})
except LookupError:
    pass
else:
    raise AssertionError("an alias left over for a model that is not registered: LookupError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "latest-is-last-in-list", "fails": ["t2"]}
def resolve_model_uri(uri, versions, aliases):
    if not uri.startswith("models:/"):
        raise ValueError(uri)
    rest = uri.removeprefix("models:/")
    sep = "@" if "@" in rest else "/"
    name, _, ref = rest.partition(sep)
    if not name or not ref:
        raise ValueError(uri)
    if name not in versions:
        raise LookupError(name)
    if sep == "@":
        if (name, ref) not in aliases:
            raise LookupError(ref)
        return name, aliases[(name, ref)]
    if ref == "latest":
        if not versions[name]:
            raise LookupError(name)
        return name, versions[name][-1]
    if not ref.isdigit():
        raise ValueError(ref)
    if int(ref) not in versions[name]:
        raise LookupError(ref)
    return name, int(ref)

# %% course={"kind": "wrong", "id": "lstrip-prefix", "fails": ["t2"]}
def resolve_model_uri(uri, versions, aliases):
    if not uri.startswith("models:/"):
        raise ValueError(uri)
    rest = uri.lstrip("models:/")  # strips any of those characters: "sales@champion" -> "ales@champion"
    sep = "@" if "@" in rest else "/"
    name, _, ref = rest.partition(sep)
    if not name or not ref:
        raise ValueError(uri)
    if name not in versions:
        raise LookupError(name)
    if sep == "@":
        if (name, ref) not in aliases:
            raise LookupError(ref)
        return name, aliases[(name, ref)]
    if ref == "latest":
        if not versions[name]:
            raise LookupError(name)
        return name, max(versions[name])
    if not ref.isdigit():
        raise ValueError(ref)
    if int(ref) not in versions[name]:
        raise LookupError(ref)
    return name, int(ref)

# %% course={"kind": "wrong", "id": "version-not-checked", "fails": ["t3"]}
def resolve_model_uri(uri, versions, aliases):
    if not uri.startswith("models:/"):
        raise ValueError(uri)
    rest = uri.removeprefix("models:/")
    sep = "@" if "@" in rest else "/"
    name, _, ref = rest.partition(sep)
    if not name or not ref:
        raise ValueError(uri)
    if name not in versions:
        raise LookupError(name)
    if sep == "@":
        return name, aliases[(name, ref)]
    if ref == "latest":
        return name, max(versions[name])
    return name, int(ref)

# %% course={"kind": "wrong", "id": "version-as-string", "fails": ["t1", "t2"]}
def resolve_model_uri(uri, versions, aliases):
    if not uri.startswith("models:/"):
        raise ValueError(uri)
    rest = uri.removeprefix("models:/")
    sep = "@" if "@" in rest else "/"
    name, _, ref = rest.partition(sep)
    if not name or not ref:
        raise ValueError(uri)
    if name not in versions:
        raise LookupError(name)
    if sep == "@":
        if (name, ref) not in aliases:
            raise LookupError(ref)
        return name, aliases[(name, ref)]
    if ref == "latest":
        if not versions[name]:
            raise LookupError(name)
        return name, str(max(versions[name]))
    if not ref.isdigit():
        raise ValueError(ref)
    if int(ref) not in versions[name]:
        raise LookupError(ref)
    return name, ref

# %% [markdown] course={"kind": "exercise", "id": "sqlite-tracker", "item": "project-21-2-1"}
# ### Your own experiment tracker on SQLite
#
# MLflow's backend store is a handful of tables; build a small one. The schema is given (`TRACKER_SCHEMA` in
# the setup cell: read it first); `Tracker(conn)` creates it in the connection it gets. Write the class `Tracker` with:
#
# - `start_run(name, params)`: a new run (ids `1, 2, 3...`, as `INTEGER PRIMARY KEY` gives them); its params
#   stored as text (`str(value)`); returns the id;
# - `log_metric(run_id, key, value, step)`: one point; logging the same step again replaces its value;
# - `history(run_id, key)`: the `(step, value)` tuples **ordered by step** (`[]` when nothing was logged);
# - `log_artifact(run_id, name, data)`: stores the bytes **once per content** in `blobs` under their SHA-256 hex
#   digest (two runs saving the same bytes share one blob) and returns the digest; `artifact(run_id, name)`
#   returns the bytes (`LookupError` when there is no such artifact);
# - `best_run(key, direction)`: the id of the run whose **last** value of `key` (the one at its highest step, as
#   `search_runs` shows) is lowest (`"min"`) or highest (`"max"`); ties go to the smaller run id; runs that
#   never logged `key` are ignored; `None` when no run did.
#
# ```python
# >>> t = Tracker(sqlite3.connect(":memory:"))
# >>> run = t.start_run("baseline", {"lr": 0.1})
# >>> t.log_metric(run, "loss", 0.5, step=1); t.log_metric(run, "loss", 0.9, step=0); t.history(run, "loss")
# [(0, 0.9), (1, 0.5)]
# ```

# %% [markdown] course={"kind": "hint"}
# Every method is one or two SQL statements with `?` placeholders. `INSERT OR REPLACE` replaces a row with the
# same primary key; `INSERT OR IGNORE` keeps the blob that is already there. `hashlib.sha256(data).hexdigest()`.

# %% [markdown] course={"kind": "hint"}
# Without `ORDER BY` SQLite may return rows in any order (the tests make it return them backwards). For
# `best_run`, find each run's highest step first:
# `SELECT m.run_id, m.value FROM metrics m WHERE m.key = ? AND m.step = (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id AND key = m.key)`,
# then pick the best in Python (or with `ORDER BY value, run_id`).

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class Tracker:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(TRACKER_SCHEMA)

    def start_run(self, name: str, params: Mapping[str, Any]) -> int:
        with self.conn:
            run_id = self.conn.execute("INSERT INTO runs (name) VALUES (?)", (name,)).lastrowid
            self.conn.executemany(
                "INSERT INTO params VALUES (?, ?, ?)", [(run_id, k, str(v)) for k, v in params.items()]
            )
        return run_id

    def log_metric(self, run_id: int, key: str, value: float, step: int) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def history(self, run_id: int, key: str) -> list[tuple[int, float]]:
        sql = "SELECT step, value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step"
        return self.conn.execute(sql, (run_id, key)).fetchall()

    def log_artifact(self, run_id: int, name: str, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (digest, data))
            self.conn.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", (run_id, name, digest))
        return digest

    def artifact(self, run_id: int, name: str) -> bytes:
        row = self.conn.execute(
            "SELECT b.data FROM artifacts a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.run_id = ? AND a.name = ?",
            (run_id, name),
        ).fetchone()
        if row is None:
            raise LookupError(f"run {run_id} has no artifact {name!r}")
        return row[0]

    def best_run(self, key: str, direction: str) -> int | None:
        last = self.conn.execute(
            "SELECT m.run_id, m.value FROM metrics m WHERE m.key = ? AND m.step ="
            " (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id AND key = m.key)",
            (key,),
        ).fetchall()
        if not last:
            return None
        return min(last, key=lambda row: (row[1] if direction == "min" else -row[1], row[0]))[0]
### END SOLUTION


# %% course={"kind": "test", "points": 1}
def _tracker() -> Tracker:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA reverse_unordered_selects = ON")  # a query without ORDER BY comes back backwards
    return Tracker(conn)


_t = _tracker()
_run = _t.start_run("baseline", {"lr": 0.1, "layers": [64, 32], "opt": "adam", "nesterov": True})
assert _run == 1 and _t.start_run("second", {}) == 2, "run ids 1, 2..."
_stored = sorted(_t.conn.execute("SELECT key, value FROM params WHERE run_id = 1").fetchall())
assert _stored == [
    ("layers", "[64, 32]"), ("lr", "0.1"), ("nesterov", "True"), ("opt", "adam")
], f"params stored as str(value) (not repr or JSON): {_stored}"
for _step, _value in ((1, 0.5), (0, 0.9), (2, 0.4)):
    _t.log_metric(_run, "loss", _value, step=_step)
assert _t.history(_run, "loss") == [(0, 0.9), (1, 0.5), (2, 0.4)], f"ordered by step: {_t.history(_run, 'loss')}"
assert _t.history(_run, "acc") == [] and _t.history(2, "loss") == [], "nothing logged: []"

# %% course={"kind": "test", "points": 2}
_t = _tracker()
_a, _b = _t.start_run("a", {}), _t.start_run("b", {})
_digest = _t.log_artifact(_a, "model.pkl", b"weights")
assert _digest == hashlib.sha256(b"weights").hexdigest(), "the SHA-256 hex digest"
assert _t.log_artifact(_b, "best.pkl", b"weights") == _digest
assert _t.conn.execute("SELECT COUNT(*) FROM blobs").fetchone() == (1,), "the same bytes are stored once"
assert _t.artifact(_b, "best.pkl") == b"weights" and type(_t.artifact(_a, "model.pkl")) is bytes
try:
    _t.artifact(_a, "best.pkl")
except LookupError:
    pass
else:
    raise AssertionError("an artifact the run does not have: LookupError")
### BEGIN HIDDEN TESTS
_t.log_artifact(_a, "notes.txt", "näive".encode("utf-8"))
assert _t.artifact(_a, "notes.txt").decode("utf-8") == "näive"
assert _t.conn.execute("SELECT COUNT(*) FROM blobs").fetchone() == (2,)
assert _t.log_artifact(_a, "empty", b"") == hashlib.sha256(b"").hexdigest() and _t.artifact(_a, "empty") == b""
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_t = _tracker()
_runs = [_t.start_run(f"r{_i}", {}) for _i in range(4)]
for _r, _points in zip(_runs, ([(0, 0.2), (1, 0.6)], [(0, 0.5), (1, 0.4)], [], [(0, 0.9), (3, 0.4), (2, 0.1)])):
    for _step, _value in _points:
        _t.log_metric(_r, "loss", _value, step=_step)
_t.log_metric(_runs[1], "acc", 0.8, step=5)  # run 2 logs another metric at a higher step
assert _t.best_run("loss", "min") == 2, "by each run's last value of loss (run 1 ends at 0.6), ties to the smaller id"
assert _t.best_run("loss", "max") == 1, "highest last value"
assert _t.best_run("f1", "max") is None, "no run logged f1"
### BEGIN HIDDEN TESTS
_t.log_metric(_runs[0], "loss", 0.3, step=1)
assert _t.history(_runs[0], "loss") == [(0, 0.2), (1, 0.3)], "the same step again replaces its value"
assert _t.best_run("loss", "min") == 1, "run 1 now ends at 0.3"
_t.log_metric(_runs[0], "loss", 0.4, step=2)
assert _t.best_run("loss", "max") == 1, "runs 1, 2 and 4 all end at 0.4: a tie in 'max' goes to the smaller id too"
_t.log_metric(_runs[3], "loss", -1.0, step=4)
assert _t.best_run("loss", "min") == 4 and _t.best_run("loss", "max") == 1, "negative values"
_t.log_metric(_runs[2], "acc", 0.7, step=0)
assert _t.best_run("acc", "min") == 3 and _t.best_run("acc", "max") == 2, "acc: run 2 (0.8) and run 3 (0.7)"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-order-by", "fails": ["t1", "t3"]}
class Tracker:
    def __init__(self, conn):
        self.conn = conn
        conn.executescript(TRACKER_SCHEMA)

    def start_run(self, name, params):
        run_id = self.conn.execute("INSERT INTO runs (name) VALUES (?)", (name,)).lastrowid
        self.conn.executemany("INSERT INTO params VALUES (?, ?, ?)", [(run_id, k, str(v)) for k, v in params.items()])
        return run_id

    def log_metric(self, run_id, key, value, step):
        self.conn.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def history(self, run_id, key):
        return self.conn.execute("SELECT step, value FROM metrics WHERE run_id = ? AND key = ?", (run_id, key)).fetchall()

    def log_artifact(self, run_id, name, data):
        digest = hashlib.sha256(data).hexdigest()
        self.conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (digest, data))
        self.conn.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", (run_id, name, digest))
        return digest

    def artifact(self, run_id, name):
        row = self.conn.execute(
            "SELECT b.data FROM artifacts a JOIN blobs b USING (sha256) WHERE a.run_id = ? AND a.name = ?", (run_id, name)
        ).fetchone()
        if row is None:
            raise LookupError(name)
        return row[0]

    def best_run(self, key, direction):
        last = self.conn.execute(
            "SELECT m.run_id, m.value FROM metrics m WHERE m.key = ? AND m.step ="
            " (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id AND key = m.key)",
            (key,),
        ).fetchall()
        if not last:
            return None
        return min(last, key=lambda row: (row[1] if direction == "min" else -row[1], row[0]))[0]

# %% course={"kind": "wrong", "id": "best-value-not-last", "fails": ["t3"]}
class Tracker:
    def __init__(self, conn):
        self.conn = conn
        conn.executescript(TRACKER_SCHEMA)

    def start_run(self, name, params):
        run_id = self.conn.execute("INSERT INTO runs (name) VALUES (?)", (name,)).lastrowid
        self.conn.executemany("INSERT INTO params VALUES (?, ?, ?)", [(run_id, k, str(v)) for k, v in params.items()])
        return run_id

    def log_metric(self, run_id, key, value, step):
        self.conn.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def history(self, run_id, key):
        sql = "SELECT step, value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step"
        return self.conn.execute(sql, (run_id, key)).fetchall()

    def log_artifact(self, run_id, name, data):
        digest = hashlib.sha256(data).hexdigest()
        self.conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (digest, data))
        self.conn.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", (run_id, name, digest))
        return digest

    def artifact(self, run_id, name):
        row = self.conn.execute(
            "SELECT b.data FROM artifacts a JOIN blobs b USING (sha256) WHERE a.run_id = ? AND a.name = ?", (run_id, name)
        ).fetchone()
        if row is None:
            raise LookupError(name)
        return row[0]

    def best_run(self, key, direction):
        order = "ASC" if direction == "min" else "DESC"
        row = self.conn.execute(
            f"SELECT run_id FROM metrics WHERE key = ? ORDER BY value {order}, run_id LIMIT 1", (key,)
        ).fetchone()
        return None if row is None else row[0]

# %% course={"kind": "wrong", "id": "last-step-of-any-metric", "fails": ["t3"]}
class Tracker:
    def __init__(self, conn):
        self.conn = conn
        conn.executescript(TRACKER_SCHEMA)

    def start_run(self, name, params):
        run_id = self.conn.execute("INSERT INTO runs (name) VALUES (?)", (name,)).lastrowid
        self.conn.executemany("INSERT INTO params VALUES (?, ?, ?)", [(run_id, k, str(v)) for k, v in params.items()])
        return run_id

    def log_metric(self, run_id, key, value, step):
        self.conn.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def history(self, run_id, key):
        sql = "SELECT step, value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step"
        return self.conn.execute(sql, (run_id, key)).fetchall()

    def log_artifact(self, run_id, name, data):
        digest = hashlib.sha256(data).hexdigest()
        self.conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?)", (digest, data))
        self.conn.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", (run_id, name, digest))
        return digest

    def artifact(self, run_id, name):
        row = self.conn.execute(
            "SELECT b.data FROM artifacts a JOIN blobs b USING (sha256) WHERE a.run_id = ? AND a.name = ?", (run_id, name)
        ).fetchone()
        if row is None:
            raise LookupError(name)
        return row[0]

    def best_run(self, key, direction):
        last = self.conn.execute(  # the subquery forgets "AND key = m.key": the run's highest step of any metric
            "SELECT m.run_id, m.value FROM metrics m WHERE m.key = ? AND m.step ="
            " (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id)",
            (key,),
        ).fetchall()
        if not last:
            return None
        return min(last, key=lambda row: (row[1] if direction == "min" else -row[1], row[0]))[0]

# %% course={"kind": "wrong", "id": "blob-per-artifact", "fails": ["t2"]}
class Tracker:
    def __init__(self, conn):
        self.conn = conn
        conn.executescript(TRACKER_SCHEMA.replace("sha256 TEXT PRIMARY KEY", "sha256 TEXT"))

    def start_run(self, name, params):
        run_id = self.conn.execute("INSERT INTO runs (name) VALUES (?)", (name,)).lastrowid
        self.conn.executemany("INSERT INTO params VALUES (?, ?, ?)", [(run_id, k, str(v)) for k, v in params.items()])
        return run_id

    def log_metric(self, run_id, key, value, step):
        self.conn.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def history(self, run_id, key):
        sql = "SELECT step, value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step"
        return self.conn.execute(sql, (run_id, key)).fetchall()

    def log_artifact(self, run_id, name, data):
        digest = hashlib.sha256(data).hexdigest()
        self.conn.execute("INSERT INTO blobs VALUES (?, ?)", (digest, data))
        self.conn.execute("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", (run_id, name, digest))
        return digest

    def artifact(self, run_id, name):
        row = self.conn.execute(
            "SELECT b.data FROM artifacts a JOIN blobs b USING (sha256) WHERE a.run_id = ? AND a.name = ?", (run_id, name)
        ).fetchone()
        if row is None:
            raise LookupError(name)
        return row[0]

    def best_run(self, key, direction):
        last = self.conn.execute(
            "SELECT m.run_id, m.value FROM metrics m WHERE m.key = ? AND m.step ="
            " (SELECT MAX(step) FROM metrics WHERE run_id = m.run_id AND key = m.key)",
            (key,),
        ).fetchall()
        if not last:
            return None
        return min(last, key=lambda row: (row[1] if direction == "min" else -row[1], row[0]))[0]

# %% [markdown] course={"kind": "exercise", "id": "repro-check"}
# ### A reproducibility check for CI
#
# Before a training job is trusted, CI runs it more than once and compares. Write
# `reproducibility_report(train_once, runs=2)`: call `train_once()` (no arguments; it returns a dict of
# results such as `{"loss": 0.0934, "model_sha": "9af3..."}`) exactly `runs` times and return the **sorted**
# list of result names whose values are not the same in every run. A name missing from some runs differs. Two
# NaNs count as the same value (a run that diverges the same way every time is reproducible). `runs` below 2 is
# a `ValueError` (one run proves nothing).
#
# ```python
# >>> reproducibility_report(lambda: {"loss": train({"lr": 0.05, "epochs": 3}, make_data(50, 1), seed=0)[-1][1]})
# []
# ```

# %% [markdown] course={"kind": "hint"}
# Collect all the results in a list first, then look at every name that appears in any of them
# (`set().union(*results)`), comparing each run with the first.

# %% [markdown] course={"kind": "hint"}
# Use a sentinel (`missing = object()`) with `result.get(name, missing)` so a missing name differs from any
# value, and treat `a != a and b != b` (both NaN) as equal.

# %% course={"kind": "solution", "equivalent": {"m-612c29f4": "runs >= 2, and every run equals run 0 exactly when every run equals run 1 (same() is an equivalence)"}}
def reproducibility_report(train_once: Callable[[], Mapping[str, Any]], runs: int = 2) -> list[str]:
    ### BEGIN SOLUTION
    if runs < 2:
        raise ValueError("compare at least two runs")
    results = [train_once() for _ in range(runs)]
    missing = object()

    def same(a: Any, b: Any) -> bool:
        return a == b or (a != a and b != b)  # NaN is the only value not equal to itself

    names = set().union(*results)
    return sorted(
        name for name in names if not all(same(r.get(name, missing), results[0].get(name, missing)) for r in results)
    )
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def _scripted(*outputs):
    calls = []

    def train_once():
        calls.append(1)
        return dict(outputs[len(calls) - 1])

    return train_once, calls


_seeded = lambda: {"loss": train({"lr": 0.05, "epochs": 3}, make_data(50, 1), seed=0)[-1][1], "seed": 0}
assert reproducibility_report(_seeded) == [], "seeded training is reproducible"
_once, _calls = _scripted({"loss": 0.1, "acc": 0.9, "sha": "a"}, {"loss": 0.1, "acc": 0.8, "sha": "b"})
assert reproducibility_report(_once) == ["acc", "sha"], "sorted names of the values that differ"
assert len(_calls) == 2, "train_once is called exactly `runs` times"

# %% course={"kind": "test", "points": 2}
_once, _calls = _scripted({"z": 1, "m": 2, "a": 3}, {"z": 1, "m": 2, "a": 3}, {"z": 0, "m": 0, "a": 3})
assert reproducibility_report(_once, runs=3) == ["m", "z"], "the third run differs: every run is compared"
assert len(_calls) == 3, "three runs, three calls"
_once, _ = _scripted({_k: 0 for _k in "hdbfgaec"}, {_k: 1 for _k in "hdbfgaec"})
assert reproducibility_report(_once) == list("abcdefgh"), "sorted, whatever order the results list them in"
_once, _ = _scripted({"loss": math.nan, "steps": 3}, {"loss": float("nan"), "steps": 3})
assert reproducibility_report(_once) == [], "NaN in both runs is the same result"
### BEGIN HIDDEN TESTS
_once, _ = _scripted({"a": 1}, {"a": 1, "b": 2})
assert reproducibility_report(_once) == ["b"], "a name only the second run has"
_once, _ = _scripted({"a": 1, "b": 2}, {"a": 1})
assert reproducibility_report(_once) == ["b"], "a name only the first run has"
_once, _ = _scripted({"b": None}, {"b": None}, {})
assert reproducibility_report(_once, runs=3) == ["b"], "None is a value; missing differs from it"
_once, _ = _scripted({"loss": math.nan}, {"loss": 0.5})
assert reproducibility_report(_once) == ["loss"], "NaN against a number differs"
_once, _ = _scripted({}, {})
assert reproducibility_report(_once) == []
_once, _ = _scripted({"é": "x"}, {"é": "y"}, {"é": "x"}, {"é": "x"})
assert reproducibility_report(_once, runs=4) == ["é"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in (1, 0, -2):
    _once, _calls = _scripted({"a": 1})
    try:
        reproducibility_report(_once, runs=_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"runs={_bad}: ValueError")
    assert _calls == [], "the check comes before any training"

# %% course={"kind": "wrong", "id": "first-two-only", "fails": ["t2"]}
def reproducibility_report(train_once, runs=2):
    if runs < 2:
        raise ValueError(runs)
    first, second = train_once(), train_once()
    for _ in range(runs - 2):
        train_once()
    missing = object()
    same = lambda a, b: a == b or (a != a and b != b)
    return sorted(n for n in first.keys() | second.keys() if not same(first.get(n, missing), second.get(n, missing)))

# %% course={"kind": "wrong", "id": "nan-differs", "fails": ["t2"]}
def reproducibility_report(train_once, runs=2):
    if runs < 2:
        raise ValueError(runs)
    results = [train_once() for _ in range(runs)]
    missing = object()
    names = set().union(*results)
    return sorted(n for n in names if any(r.get(n, missing) != results[0].get(n, missing) for r in results))

# %% course={"kind": "wrong", "id": "first-run-names-only", "fails": ["t2"]}
def reproducibility_report(train_once, runs=2):
    if runs < 2:
        raise ValueError(runs)
    results = [train_once() for _ in range(runs)]

    def same(a, b):
        return a == b or (a != a and b != b)

    return sorted(n for n in results[0] if not all(n in r and same(r[n], results[0][n]) for r in results))

# %% [markdown] course={"kind": "exercise", "id": "registry-service", "item": "project-21-2-2"}
# ### A model registry with promotion rules and rollback
#
# Write a class `ModelRegistry` (in memory) with these methods:
#
# - `register(name, artifact_uri, **tags)` stores a new version of model `name` and returns its number: `1` for
#   a model's first version, then `2`, `3`... **per model**. The tags are kept (a copy) for that version.
# - `set_tag(name, version, key, value)` sets one tag of an existing version.
# - `promote(name, version)` makes that version the model's `champion`, but only if its tag `validation` is
#   `"passed"` (else `ValueError`). Promoting the current champion again changes nothing.
# - `champion(name)` returns the champion's version number, or `None` when there is none (also for a name
#   never registered: the one query that does not raise).
# - `rollback(name)` gives the `champion` back to the version that held it **before** the current one and
#   returns that number; several rollbacks walk further back. No earlier champion: `LookupError`.
# - `find(name, **tags)` returns the versions (ascending list) whose tags include every given key and value.
# - `artifact(name, ref)` returns the artifact URI of version `ref` (an `int`) or of the champion (`ref` is
#   `"champion"`): what a serving job downloads.
#
# Otherwise any unknown model or version (and `"champion"` when there is none) raises `LookupError`.
#
# ```python
# >>> reg = ModelRegistry()
# >>> reg.register("fraud", "s3://models/fraud/1", validation="passed")
# 1
# >>> reg.promote("fraud", 1); reg.artifact("fraud", "champion")
# 's3://models/fraud/1'
# ```

# %% [markdown] course={"kind": "hint"}
# Keep, per model, a list of versions (each a dict with the URI and the tags) and a list of the champions in
# the order they were promoted; the current champion is the last entry of that list.

# %% [markdown] course={"kind": "hint"}
# A rollback is not "version minus one": pop the last champion from the history and return the new last one.
# Write one private method that finds a version or raises `LookupError`, and use it everywhere.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class ModelRegistry:
    def __init__(self) -> None:
        self._versions: dict[str, list[dict[str, Any]]] = {}
        self._champions: dict[str, list[int]] = {}

    def _version(self, name: str, version: int) -> dict[str, Any]:
        versions = self._versions.get(name, [])
        if not 1 <= version <= len(versions):
            raise LookupError(f"{name} has no version {version}")
        return versions[version - 1]

    def register(self, name: str, artifact_uri: str, **tags: str) -> int:
        versions = self._versions.setdefault(name, [])
        versions.append({"uri": artifact_uri, "tags": dict(tags)})
        return len(versions)

    def set_tag(self, name: str, version: int, key: str, value: str) -> None:
        self._version(name, version)["tags"][key] = value

    def promote(self, name: str, version: int) -> None:
        if self._version(name, version)["tags"].get("validation") != "passed":
            raise ValueError(f"{name} v{version} has not passed validation")
        history = self._champions.setdefault(name, [])
        if not history or history[-1] != version:
            history.append(version)

    def champion(self, name: str) -> int | None:
        history = self._champions.get(name)
        return history[-1] if history else None

    def rollback(self, name: str) -> int:
        history = self._champions.get(name, [])
        if len(history) < 2:
            raise LookupError(f"{name} has no earlier champion")
        history.pop()
        return history[-1]

    def find(self, name: str, **tags: str) -> list[int]:
        return [  # an unknown name: KeyError, which is a LookupError
            number
            for number, version in enumerate(self._versions[name], start=1)
            if all(version["tags"].get(k) == v for k, v in tags.items())
        ]

    def artifact(self, name: str, ref: int | str) -> str:
        if ref == "champion":
            ref = self.champion(name)
            if ref is None:
                raise LookupError(f"{name} has no champion")
        return self._version(name, ref)["uri"]
### END SOLUTION


# %% course={"kind": "test", "points": 1}
_reg = ModelRegistry()
assert _reg.register("fraud", "s3://m/fraud/1", validation="passed") == 1, "first version is 1"
assert _reg.register("fraud", "s3://m/fraud/2") == 2, "then 2"
assert _reg.register("churn", "s3://m/churn/1") == 1, "version numbers are per model"
assert _reg.champion("fraud") is None, "no champion before a promotion"
_reg.promote("fraud", 1)
assert _reg.champion("fraud") == 1 and _reg.artifact("fraud", "champion") == "s3://m/fraud/1"
assert _reg.artifact("fraud", 2) == "s3://m/fraud/2", "an artifact by version number"

# %% course={"kind": "test", "points": 2}
_reg = ModelRegistry()
for _n in range(1, 5):
    _reg.register("fraud", f"s3://m/{_n}", validation="passed" if _n != 3 else "failed")
try:
    _reg.promote("fraud", 3)
except ValueError:
    pass
else:
    raise AssertionError("a version that failed validation cannot become champion")
_reg.promote("fraud", 2)
_reg.promote("fraud", 4)
_reg.promote("fraud", 1)
assert _reg.rollback("fraud") == 4 and _reg.champion("fraud") == 4, "rollback returns to the previous champion"
assert _reg.rollback("fraud") == 2, "and further back, in promotion order (not version order)"
### BEGIN HIDDEN TESTS
try:
    _reg.rollback("fraud")
except LookupError:
    pass
else:
    raise AssertionError("no earlier champion: LookupError")
assert _reg.champion("fraud") == 2, "a failed rollback leaves the champion alone"
_reg.promote("fraud", 2)
try:
    _reg.rollback("fraud")
except LookupError:
    pass
else:
    raise AssertionError("promoting the champion again must not add a step to roll back to")
_reg.set_tag("fraud", 3, "validation", "passed")
_reg.promote("fraud", 3)
assert _reg.champion("fraud") == 3, "a version can pass validation later"
_twice = ModelRegistry()
for _n in (1, 2):
    _twice.register("m", f"u{_n}", validation="passed")
_twice.promote("m", 1)
_twice.promote("m", 2)
_twice.promote("m", 2)
assert _twice.rollback("m") == 1, "promoting the champion twice is one promotion"
_untagged = ModelRegistry()
_untagged.register("m", "u")
try:
    _untagged.promote("m", 1)
except ValueError:
    pass
else:
    raise AssertionError("a version with no validation tag cannot become champion")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_reg = ModelRegistry()
_reg.register("fraud", "u1", data="v1", owner="ana")
_reg.register("fraud", "u2", data="v2", owner="ana")
_reg.register("fraud", "u3", data="v1", owner="bo")
assert _reg.find("fraud", data="v1") == [1, 3], "versions trained on data v1"
assert _reg.find("fraud", data="v1", owner="bo") == [3], "every tag must match"
assert _reg.find("fraud") == [1, 2, 3], "no filter: all versions"
### BEGIN HIDDEN TESTS
assert _reg.find("fraud", data="v9") == [], "nothing matches"
_tags = {"data": "v4"}
_reg.register("fraud", "u4", **_tags)
_tags["data"] = "changed"
assert _reg.find("fraud", data="v4") == [4], "the registry keeps its own copy of the tags"
_reg.set_tag("fraud", 1, "data", "v4")
assert _reg.find("fraud", data="v4") == [1, 4], "set_tag changes one version's tags"
assert _reg.find("fraud", data="v1") == [3], "and only that version's"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_reg = ModelRegistry()
_reg.register("fraud", "u1")
for _call in (
    lambda: _reg.artifact("fraud", 2),
    lambda: _reg.artifact("fraud", 0),
    lambda: _reg.artifact("nope", 1),
    lambda: _reg.artifact("fraud", "champion"),
    lambda: _reg.promote("fraud", 5),
    lambda: _reg.set_tag("fraud", 2, "k", "v"),
    lambda: _reg.rollback("fraud"),
    lambda: _reg.find("nope"),
):
    try:
        _call()
    except LookupError:
        pass
    else:
        raise AssertionError("an unknown model or version (or no champion) raises LookupError")
### BEGIN HIDDEN TESTS
assert _reg.champion("nope") is None
for _bad in (-1, 3):
    try:
        _reg.artifact("fraud", _bad)
    except LookupError:
        pass
    else:
        raise AssertionError(f"version {_bad} does not exist")
_reg.register("fraud", "u2")
assert _reg.artifact("fraud", 2) == "u2" and _reg.artifact("fraud", 1) == "u1", "both ends of the version range"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rollback-to-version-minus-one", "fails": ["t2"]}
class ModelRegistry:
    def __init__(self):
        self._versions, self._champion = {}, {}

    def _version(self, name, version):
        versions = self._versions.get(name, [])
        if not 1 <= version <= len(versions):
            raise LookupError(version)
        return versions[version - 1]

    def register(self, name, artifact_uri, **tags):
        self._versions.setdefault(name, []).append({"uri": artifact_uri, "tags": dict(tags)})
        return len(self._versions[name])

    def set_tag(self, name, version, key, value):
        self._version(name, version)["tags"][key] = value

    def promote(self, name, version):
        if self._version(name, version)["tags"].get("validation") != "passed":
            raise ValueError(version)
        self._champion[name] = version

    def champion(self, name):
        return self._champion.get(name)

    def rollback(self, name):
        current = self._champion.get(name)
        if current is None or current == 1:
            raise LookupError(name)
        self._champion[name] = current - 1
        return current - 1

    def find(self, name, **tags):
        if name not in self._versions:
            raise LookupError(name)
        return [i for i, v in enumerate(self._versions[name], 1) if all(v["tags"].get(k) == x for k, x in tags.items())]

    def artifact(self, name, ref):
        if ref == "champion":
            ref = self.champion(name)
            if ref is None:
                raise LookupError(name)
        return self._version(name, ref)["uri"]

# %% course={"kind": "wrong", "id": "one-counter-for-all-models", "fails": ["t1"]}
class ModelRegistry:
    def __init__(self):
        self._all, self._champions = [], {}

    def _version(self, name, version):
        if not 1 <= version <= len(self._all) or self._all[version - 1]["name"] != name:
            raise LookupError(version)
        return self._all[version - 1]

    def register(self, name, artifact_uri, **tags):
        self._all.append({"name": name, "uri": artifact_uri, "tags": dict(tags)})
        return len(self._all)

    def set_tag(self, name, version, key, value):
        self._version(name, version)["tags"][key] = value

    def promote(self, name, version):
        if self._version(name, version)["tags"].get("validation") != "passed":
            raise ValueError(version)
        history = self._champions.setdefault(name, [])
        if not history or history[-1] != version:
            history.append(version)

    def champion(self, name):
        history = self._champions.get(name)
        return history[-1] if history else None

    def rollback(self, name):
        history = self._champions.get(name, [])
        if len(history) < 2:
            raise LookupError(name)
        history.pop()
        return history[-1]

    def find(self, name, **tags):
        found = [i for i, v in enumerate(self._all, 1) if v["name"] == name]
        if not found:
            raise LookupError(name)
        return [i for i in found if all(self._all[i - 1]["tags"].get(k) == x for k, x in tags.items())]

    def artifact(self, name, ref):
        if ref == "champion":
            ref = self.champion(name)
            if ref is None:
                raise LookupError(name)
        return self._version(name, ref)["uri"]

# %% course={"kind": "wrong", "id": "negative-index-accepted", "fails": ["t4"]}
class ModelRegistry:
    def __init__(self):
        self._versions, self._champions = {}, {}

    def _version(self, name, version):
        try:
            return self._versions[name][version - 1]
        except IndexError:
            raise LookupError(version) from None

    def register(self, name, artifact_uri, **tags):
        self._versions.setdefault(name, []).append({"uri": artifact_uri, "tags": dict(tags)})
        return len(self._versions[name])

    def set_tag(self, name, version, key, value):
        self._version(name, version)["tags"][key] = value

    def promote(self, name, version):
        if self._version(name, version)["tags"].get("validation") != "passed":
            raise ValueError(version)
        history = self._champions.setdefault(name, [])
        if not history or history[-1] != version:
            history.append(version)

    def champion(self, name):
        history = self._champions.get(name)
        return history[-1] if history else None

    def rollback(self, name):
        history = self._champions.get(name, [])
        if len(history) < 2:
            raise LookupError(name)
        history.pop()
        return history[-1]

    def find(self, name, **tags):
        return [i for i, v in enumerate(self._versions[name], 1) if all(v["tags"].get(k) == x for k, x in tags.items())]

    def artifact(self, name, ref):
        if ref == "champion":
            ref = self.champion(name)
            if ref is None:
                raise LookupError(name)
        return self._version(name, ref)["uri"]

# %% [markdown] course={"kind": "exercise", "id": "grid-configs", "item": "x-implement-hyperparameter-tuning-with"}
# ### Grid search configurations
#
# Write `grid_configs(space, budget=None)`. `space` maps each parameter name to a list of values to try
# (hashable ones: numbers, strings, tuples). Return the list of every combination as dicts, in the order
# `itertools.product` gives when the names are taken in the space's order (the **last** name varies fastest).
# A value listed twice for one name is tried once (keep its first place), so no configuration repeats. With a
# `budget`, return only the first `budget` configurations; a negative budget is a `ValueError`. An empty space
# has one configuration, `{}`.
#
# ```python
# >>> grid_configs({"lr": [0.1, 0.01], "depth": [2, 4, 2]})
# [{'lr': 0.1, 'depth': 2}, {'lr': 0.1, 'depth': 4}, {'lr': 0.01, 'depth': 2}, {'lr': 0.01, 'depth': 4}]
# ```

# %% [markdown] course={"kind": "hint"}
# `itertools.product(*lists)` gives tuples of values; `dict(zip(names, values))` turns each into a config.

# %% [markdown] course={"kind": "hint"}
# `dict.fromkeys(values)` removes repeats and keeps the first occurrence's place (iterating it gives the
# values). Slice the result for the budget.

# %% course={"kind": "solution"}
def grid_configs(space: Mapping[str, list[Any]], budget: int | None = None) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    if budget is not None and budget < 0:
        raise ValueError(f"budget must be >= 0, not {budget}")
    choices = [dict.fromkeys(values) for values in space.values()]  # a dict's keys: first places kept
    configs = [dict(zip(space, combination)) for combination in itertools.product(*choices)]
    return configs if budget is None else configs[:budget]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_grid = grid_configs({"lr": [0.1, 0.01], "depth": [2, 4]})
assert _grid == [
    {"lr": 0.1, "depth": 2}, {"lr": 0.1, "depth": 4}, {"lr": 0.01, "depth": 2}, {"lr": 0.01, "depth": 4}
], f"the last name varies fastest: {_grid}"
assert type(_grid) is list and type(_grid[0]) is dict, "a list of dicts"

# %% course={"kind": "test", "points": 2}
assert grid_configs({"depth": [4, 2, 4], "opt": ["sgd"]}) == [{"depth": 4, "opt": "sgd"}, {"depth": 2, "opt": "sgd"}], "a repeated value is tried once, in its first place"
assert len(grid_configs({"a": [1, 2, 3], "b": [1, 2], "c": [True, False]})) == 12, "3 x 2 x 2"
### BEGIN HIDDEN TESTS
assert grid_configs({}) == [{}], "an empty space: one configuration with no parameters"
assert grid_configs({"a": [1], "b": []}) == [], "a parameter with no values: no configuration"
assert grid_configs({"z": [1, 2], "a": [3]}) == [{"z": 1, "a": 3}, {"z": 2, "a": 3}], "the space's order, not sorted"
_space = {"lr": [0.1, 0.1]}
grid_configs(_space)
assert _space == {"lr": [0.1, 0.1]}, "the space is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_space = {"lr": [0.1, 0.01, 0.001], "depth": [2, 4]}
assert grid_configs(_space, budget=2) == [{"lr": 0.1, "depth": 2}, {"lr": 0.1, "depth": 4}], "the first 2"
assert grid_configs(_space, budget=0) == [], "budget 0: nothing"
try:
    grid_configs(_space, budget=-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative budget raises ValueError")
### BEGIN HIDDEN TESTS
assert grid_configs(_space, budget=6) == grid_configs(_space) and len(grid_configs(_space, budget=99)) == 6
assert grid_configs(_space, budget=1) == [{"lr": 0.1, "depth": 2}]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-name-fastest", "fails": ["t1", "t3"]}
def grid_configs(space, budget=None):
    if budget is not None and budget < 0:
        raise ValueError(budget)
    names = list(space)[::-1]
    choices = [list(dict.fromkeys(space[name])) for name in names]
    configs = [dict(zip(names, values)) for values in itertools.product(*choices)]
    return configs if budget is None else configs[:budget]

# %% course={"kind": "wrong", "id": "repeats-kept", "fails": ["t2"]}
def grid_configs(space, budget=None):
    if budget is not None and budget < 0:
        raise ValueError(budget)
    names = list(space)
    configs = [dict(zip(names, values)) for values in itertools.product(*space.values())]
    return configs if budget is None else configs[:budget]

# %% course={"kind": "wrong", "id": "set-loses-order", "fails": ["t1", "t2", "t3"]}
def grid_configs(space, budget=None):
    if budget is not None and budget < 0:
        raise ValueError(budget)
    names = list(space)
    choices = [sorted(set(space[name]), key=str) for name in names]
    configs = [dict(zip(names, values)) for values in itertools.product(*choices)]
    return configs if budget is None else configs[:budget]

# %% course={"kind": "wrong", "id": "budget-zero-means-all", "fails": ["t3"]}
def grid_configs(space, budget=None):
    if budget is not None and budget < 0:
        raise ValueError(budget)
    names = list(space)
    choices = [list(dict.fromkeys(space[name])) for name in names]
    configs = [dict(zip(names, values)) for values in itertools.product(*choices)]
    return configs[:budget] if budget else configs

# %% [markdown] course={"kind": "exercise", "id": "random-configs", "item": "x-implement-hyperparameter-tuning-with", "timeout": 10}
# ### Random search without repeats
#
# Write `random_configs(space, n, seed)`: up to `n` **different** configurations drawn at random from `space`
# (each name maps to a list of distinct values), reproducible from `seed`. Draw exactly like this, so that
# every correct answer gives the same list: make `rng = random.Random(seed)`; for each new configuration call
# `rng.choice(values)` once per name, in the space's order; skip a configuration equal to one you already have;
# stop when you have `n`, or when every combination has been drawn (so asking for more than the grid holds
# returns the whole grid and does not loop for ever). `n < 0` is a `ValueError`. Leave Python's global random
# generator alone: a library that reseeds it changes the caller's random numbers.
#
# ```python
# >>> random_configs({"lr": [0.1, 0.01, 0.001], "depth": [2, 4]}, 4, seed=0)
# [{'lr': 0.01, 'depth': 4}, {'lr': 0.1, 'depth': 4}, {'lr': 0.001, 'depth': 4}, {'lr': 0.001, 'depth': 2}]
# ```

# %% [markdown] course={"kind": "hint"}
# The number of different configurations is the product of the list lengths (`math.prod`); loop while you
# have fewer than `min(n, that number)`.

# %% [markdown] course={"kind": "hint"}
# Inside the loop: `config = {name: rng.choice(values) for name, values in space.items()}`, appended only when
# `config not in drawn`.

# %% course={"kind": "solution"}
def random_configs(space: Mapping[str, list[Any]], n: int, seed: int) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    rng = random.Random(seed)
    wanted = min(n, math.prod(len(values) for values in space.values()))
    drawn: list[dict[str, Any]] = []
    while len(drawn) < wanted:
        config = {name: rng.choice(values) for name, values in space.items()}
        if config not in drawn:
            drawn.append(config)
    return drawn
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_space = {"lr": [0.1, 0.01, 0.001], "depth": [2, 4]}
_drawn = random_configs(_space, 4, seed=0)
assert _drawn == [
    {"lr": 0.01, "depth": 4}, {"lr": 0.1, "depth": 4}, {"lr": 0.001, "depth": 4}, {"lr": 0.001, "depth": 2}
], f"seed 0 gives: {_drawn}"
assert random_configs(_space, 4, seed=0) == _drawn, "the same seed gives the same configurations"

# %% course={"kind": "test", "points": 2}
_all = random_configs(_space, 50, seed=1)
assert len(_all) == 6, "more than the grid holds: the whole grid, once each"
assert sorted((c["lr"], c["depth"]) for c in _all) == sorted(itertools.product(_space["lr"], _space["depth"]))
### BEGIN HIDDEN TESTS
assert random_configs(_space, 6, seed=1) == _all, "exactly the grid size"
assert random_configs(_space, 5, seed=1) == _all[:5], "one fewer than the grid"
assert random_configs(_space, 0, seed=3) == [] and random_configs(_space, 1, seed=0) == [{"lr": 0.01, "depth": 4}]
assert random_configs({"a": [1]}, 3, seed=0) == [{"a": 1}], "a grid of one"
assert random_configs({"a": [1, 2], "b": []}, 3, seed=0) == [], "an empty list: nothing to draw"
assert random_configs({}, 2, seed=0) == [{}], "an empty space: the one empty configuration"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
random.seed(12345)
_state = random.getstate()
random_configs(_space, 3, seed=7)
assert random.getstate() == _state, "the global random generator is not touched (use random.Random(seed))"
try:
    random_configs(_space, -1, seed=0)
except ValueError:
    pass
else:
    raise AssertionError("n < 0 raises ValueError")

# %% course={"kind": "wrong", "id": "global-random", "fails": ["t3"]}
def random_configs(space, n, seed):
    if n < 0:
        raise ValueError(n)
    random.seed(seed)
    wanted = min(n, math.prod(len(values) for values in space.values()))
    drawn = []
    while len(drawn) < wanted:
        config = {name: random.choice(values) for name, values in space.items()}
        if config not in drawn:
            drawn.append(config)
    return drawn

# %% course={"kind": "wrong", "id": "repeats-allowed", "fails": ["t1", "t2"]}
def random_configs(space, n, seed):
    if n < 0:
        raise ValueError(n)
    rng = random.Random(seed)
    return [{name: rng.choice(values) for name, values in space.items()} for _ in range(n)]

# %% course={"kind": "wrong", "id": "loops-past-the-grid", "fails": ["t1", "t2", "t3"]}
def random_configs(space, n, seed):
    if n < 0:
        raise ValueError(n)
    rng = random.Random(seed)
    drawn = []
    while len(drawn) < n:
        config = {name: rng.choice(values) for name, values in space.items()}
        if config not in drawn:
            drawn.append(config)
    return drawn

# %% [markdown] course={"kind": "exercise", "id": "optuna-study", "item": "x-implement-hyperparameter-tuning-with"}
# ### Tune with Optuna
#
# Write `objective(trial)` and `tune(n_trials, seed)`.
#
# - `objective` asks the trial for `lr`, a float from `1e-5` to `1.0` on a **log** scale, `depth`, an int from
#   `1` to `10`, and `loss`, a choice of `"l2"` or `"l1"` (in that order), and returns the stand-in score
#   `validation_loss(lr, depth)` (from the setup cell), plus `0.25` when `loss` is `"l1"`.
# - `tune` runs `objective` for `n_trials` trials in a new in-memory study that **minimizes**, with a
#   `TPESampler` seeded with `seed`, and returns the study.
#
# ```python
# >>> objective(optuna.trial.FixedTrial({"lr": 0.01, "depth": 6, "loss": "l2"}))   # (log10(0.01) + 2.2)**2
# 0.04000000000000007
# >>> round(tune(40, seed=0).best_value, 3) < 0.05
# True
# ```

# %% [markdown] course={"kind": "hint"}
# `trial.suggest_float("lr", 1e-5, 1.0, log=True)`, `trial.suggest_int(...)`, `trial.suggest_categorical(...)`.

# %% [markdown] course={"kind": "hint"}
# `optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))`, then
# `study.optimize(objective, n_trials=n_trials)`.

# %% course={"kind": "solution"}
def objective(trial: optuna.Trial) -> float:
    ### BEGIN SOLUTION
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    depth = trial.suggest_int("depth", 1, 10)
    loss = trial.suggest_categorical("loss", ["l2", "l1"])
    return validation_loss(lr, depth) + (0.25 if loss == "l1" else 0.0)


def tune(n_trials: int, seed: int) -> optuna.Study:
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return study
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_fixed = optuna.trial.FixedTrial({"lr": 0.01, "depth": 6, "loss": "l2"})
assert math.isclose(objective(_fixed), 0.04), "lr 0.01, depth 6, l2: (log10(0.01) + 2.2)**2 = 0.04"
_fixed = optuna.trial.FixedTrial({"lr": 0.001, "depth": 1, "loss": "l1"})
assert math.isclose(objective(_fixed), 0.64 + 1.25 + 0.25), "l1 adds 0.25"
assert list(_fixed.distributions) == ["lr", "depth", "loss"], f"asked in this order: {list(_fixed.distributions)}"

# %% course={"kind": "test", "points": 2}
_study = tune(12, seed=0)
assert isinstance(_study, optuna.Study) and len(_study.trials) == 12, "a study with n_trials trials"
assert _study.direction == optuna.study.StudyDirection.MINIMIZE, "the study minimizes"
_expected = {
    "lr": optuna.distributions.FloatDistribution(1e-5, 1.0, log=True),
    "depth": optuna.distributions.IntDistribution(1, 10),
    "loss": optuna.distributions.CategoricalDistribution(["l2", "l1"]),
}
assert _study.trials[0].distributions == _expected, f"search space: {_study.trials[0].distributions}"

# %% course={"kind": "test", "points": 2}
assert isinstance(_study.sampler, optuna.samplers.TPESampler), "a TPE sampler"
assert [t.params for t in tune(12, seed=0).trials] == [t.params for t in _study.trials], "same seed, same trials"
assert [t.params for t in tune(12, seed=1).trials] != [t.params for t in _study.trials], "the seed is used"
### BEGIN HIDDEN TESTS
_long = tune(40, seed=0)
assert _long.best_value < 0.05 and _long.best_params["loss"] == "l2", "40 trials find the good region"
assert all(t.value == objective(optuna.trial.FixedTrial(t.params)) for t in _long.trials)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "linear-lr", "fails": ["t2", "t3"]}
def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1.0)
    depth = trial.suggest_int("depth", 1, 10)
    loss = trial.suggest_categorical("loss", ["l2", "l1"])
    return validation_loss(lr, depth) + (0.25 if loss == "l1" else 0.0)


def tune(n_trials, seed):
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return study

# %% course={"kind": "wrong", "id": "asks-depth-first", "fails": ["t1"]}
def objective(trial):
    depth = trial.suggest_int("depth", 1, 10)  # the same space, asked in another order: other trials
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    loss = trial.suggest_categorical("loss", ["l2", "l1"])
    return validation_loss(lr, depth) + (0.25 if loss == "l1" else 0.0)


def tune(n_trials, seed):
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return study

# %% course={"kind": "wrong", "id": "default-direction-max", "fails": ["t2", "t3"]}
def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    depth = trial.suggest_int("depth", 1, 10)
    loss = trial.suggest_categorical("loss", ["l2", "l1"])
    return validation_loss(lr, depth) + (0.25 if loss == "l1" else 0.0)


def tune(n_trials, seed):
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return study

# %% course={"kind": "wrong", "id": "unseeded-sampler", "fails": ["t3"]}
def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    depth = trial.suggest_int("depth", 1, 10)
    loss = trial.suggest_categorical("loss", ["l2", "l1"])
    return validation_loss(lr, depth) + (0.25 if loss == "l1" else 0.0)


def tune(n_trials, seed):
    random.seed(seed)
    study = optuna.create_study(direction="minimize")
    study.optimize(objective, n_trials=n_trials)
    return study

# %% [markdown] course={"kind": "task", "id": "tracking-server", "points": 2, "item": "x-set-up-mlflow-tracking-server"}
# ### Run an MLflow tracking server (written, graded by a reader)
#
# On your own machine (it is too slow to start inside this notebook), start a tracking server with a SQLite
# backend store and a local artifact folder, bound to 127.0.0.1, for example
# `mlflow server --backend-store-uri sqlite:///mlflow.db --artifacts-destination ./mlartifacts --host 127.0.0.1 --port 5000`.
# Point a client at it with `MLFLOW_TRACKING_URI=http://127.0.0.1:5000`, log one run with parameters, a metric
# over five steps and a text artifact, and find it in the UI. Hand in: the commands, a screenshot or the
# `search_runs` output, where the run's rows and its artifact ended up on disk, and a short paragraph on what
# you would change for a team (backend store, artifact store, authentication, how to stop and back it up).

# %% [markdown] course={"kind": "rubric"}
# 2 points: (1) the server runs with an explicit backend store and artifact destination, bound to localhost,
# and the client logs through the REST API (the tracking URI is the `http://` URL, not the SQLite file); the
# run, its metric history and its artifact are shown; (2) the team paragraph names a database server
# (PostgreSQL/MySQL) instead of SQLite, an object store (S3, GCS, Azure Blob) for artifacts, something in front
# for authentication/TLS (MLflow's basic auth app or a reverse proxy), and backups of both stores. One point off
# for a server on 0.0.0.0 with no word on access control.

# %% [markdown] course={"kind": "task", "id": "tracker-reports", "points": 3, "item": "project-21-2-1"}
# ### Project 21.2.1: an experiment tracker you can show
#
# Grow the pieces of this notebook (flattened parameters, metric histories, best steps, parameter differences,
# the comparison report) into a small package with a SQLite store: `log_params`, `log_metric(key, value, step)`,
# `log_artifact(name, data)` storing each artifact **once by its SHA-256** (two runs logging the same bytes share
# one file), `compare(run_ids)`, and two outputs for people: a chart of one metric's history for several runs
# (matplotlib PNG or text) and an exported report (Markdown or HTML) with the comparison table, the best run by
# a metric with a direction, and each run's data hash, seed and code version. Include tests.

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) the store records parameters, metrics by step, artifacts by content hash (stored once),
# and per run the data hash, seed and code version; (2) comparison and "best run" respect the metric's direction
# and handle runs without the metric; the chart and the exported report are readable without the code;
# (3) tests with a temporary database cover logging, deduplicated artifacts, and the report's ordering.

# %% [markdown] course={"kind": "task", "id": "registry-api", "points": 3, "item": "project-21-2-2"}
# ### Project 21.2.2: a model registry service with an API
#
# Put `ModelRegistry` (or MLflow's registry through `MlflowClient`) behind a small HTTP API, for example with
# FastAPI: `POST /models/{name}/versions` (register, with tags), `POST /models/{name}/versions/{v}/tags`,
# `POST /models/{name}/promote/{v}`, `POST /models/{name}/rollback`, `GET /models/{name}/versions?tag=value`
# (queries), and `GET /models/{name}/champion/artifact` that serves the champion's artifact bytes. Keep the
# state in SQLite so a restart loses nothing, and log every promotion and rollback with who did it.

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) the promotion rule (only validated versions become champion) and rollback to the *previous*
# champion are enforced on the server, with clear 4xx errors (404 unknown model/version, 409 or 422 for a refused
# promotion); (2) state survives a restart and promotions/rollbacks are audited; (3) tests drive the API
# (`TestClient`) through register, refuse, promote, serve the artifact and roll back.

# %% [markdown] course={"kind": "answer", "question": "q-what-should-you-track-in-ml-experiments"}
# Everything needed to compare runs and to rebuild any one of them. Inputs: hyper-parameters and configuration,
# the **data version** (a content hash or a DVC/lakeFS revision, plus the split), the **code version** (git commit
# and whether the tree was dirty), every **random seed**, and the **environment** (Python and library versions,
# hardware). Outputs: **metrics** with their step (the whole curve, not only the last value), evaluation on a
# fixed validation set, and **artifacts**: the model itself, its signature, plots, sample predictions. Plus
# context: who or what started the run (a CI job id), duration and cost. The parameters nobody forgets; the
# data hash and the seed are what usually go missing.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-a-model-registry-work"}
# A registry gives trained models a stable name with **numbered, immutable versions**; each version points at
# the artifact in an artifact store and at the run that produced it (so at its parameters, data and code). On
# top of versions sit **movable pointers**: MLflow's aliases (`champion`, `challenger`) or, in older MLflow, stages
# (Staging, Production, Archived). Deployments load a pointer (`models:/fraud@champion`), never "latest";
# promotion is a gated step (validation tags, an approval, a CI job) that moves the pointer, and rollback moves
# it back to the previous version without retraining. Tags and descriptions hold metadata (validation results,
# dataset, owner). "What was serving on Tuesday?" needs an audit log of promotions: MLflow stores only where
# each alias points now (no history of its moves), so the promotion job logs every move itself.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-ensure-reproducibility"}
# Pin and record every input of a run: code (a commit, refused or flagged if the tree is dirty), data (a
# version or a content hash, and a deterministic split), configuration (one config file logged as parameters),
# seeds for every random generator (Python, NumPy, the framework, the data loader, the tuning sampler), and the
# environment (a lock file or container image digest; the same hardware class, since some GPU kernels are not
# deterministic unless asked). Then prove it: rerun a run from its record in CI and compare the metrics, as the
# first lesson's demo did, exactly for CPU code or within a stated tolerance where hardware is not
# deterministic.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-mlflow-and-how-do-you-use-it"}
# MLflow is an open-source platform for the ML life cycle: **Tracking** (runs with parameters, metrics by step,
# tags and artifacts, searchable with `search_runs`), **Models** (a directory format with an `MLmodel` file,
# flavors such as `python_function` and `sklearn`, a signature and the environment), the **Model Registry**
# (named models, versions, aliases, tags) and **Projects** (an `MLproject` file to run training code
# reproducibly). In practice: a tracking server with a database backend store and an object-store artifact
# store; training jobs set `MLFLOW_TRACKING_URI`, wrap training in `mlflow.start_run()` and log; a CI step
# registers the model, validates it and moves the `champion` alias; serving loads `models:/name@champion`
# through pyfunc or an image built from the model directory. `MlflowClient` is the API for automation.
