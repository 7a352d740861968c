# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this capstone** you have built `mlp`, a small MLOps platform in a real repository beside this
# notebook: experiment tracking in SQL, a model registry with aliases and lineage, a point-in-time feature store,
# drift detection with a retraining trigger, and a FastAPI serving app with a deterministic A/B split, wired
# together in one loop: train, register, promote, serve, detect drift, retrain, promote the new version.
#
# **What is real here and what is not.** The models are real scikit-learn models (tiny, trained in milliseconds),
# the serving app is real FastAPI on a real uvicorn at 127.0.0.1 (stopped when its `with` block ends), called with
# `httpx`. SQLite stands in for PostgreSQL (the same SQL, one file instead of a server), pickled models in the
# database stand in for S3 artifacts, and a plain function call stands in for a Kubernetes training Job. MLflow is
# deliberately not used: here you build the parts it gives you.

# %% course={"kind": "setup", "id": "repo"}
# The repository beside this notebook, and the tools the demos and tests use.
import hashlib

import httpx
import numpy as np
from sklearn.linear_model import LogisticRegression

from course.runtime.aio import serve
from course.runtime.capstone import workspace

repo = workspace("23.3-mlops")

# %% [markdown] course={"kind": "lesson", "id": "platform", "covers": ["part-overview", "part-architecture", "part-tech-stack"]}
# ### The platform and its parts
#
# An MLOps platform answers four questions about every model in production: *how was it made* (which run, which
# parameters, which data, which code), *which one is live* (versions and aliases), *is it still right* (drift) and
# *what happens when it is not* (retraining and promotion). The roadmap's architecture has an API in front of four
# services; ours keeps the same split, one module each:
#
# | roadmap box | real system | here (offline) | module |
# |---|---|---|---|
# | Experiment tracker | MLflow (its backend store in PostgreSQL), W&B | SQLite tables `runs`, `metrics` | `mlp/tracking.py` |
# | Model registry | MLflow registry, artifacts in S3/GCS | SQLite tables, pickled models as BLOBs | `mlp/registry.py` |
# | Feature store | Feast, Tecton (offline + online store) | an in-memory, time-indexed store | `mlp/features.py` |
# | Monitoring service | Prometheus + custom drift jobs | PSI and KS in numpy, a trigger object | `mlp/drift.py` |
# | Serving | FastAPI in Docker behind a load balancer | FastAPI on a real uvicorn | `mlp/serving.py` |
# | Training manager | Kubernetes Jobs | a function call in this kernel | (the end-to-end test; designed in the design document) |
#
# The course gives `pyproject.toml`, `README.md`, `mlp/__init__.py` and `tests/test_platform.py`; each milestone
# below is one module you write. Run the cell of a milestone and it writes the file; then
# `python -m pytest -q` in the repository folder runs the given tests in a terminal.

# %% course={"kind": "demo"}
print(*repo.files(), sep="\n")

# %% [markdown] course={"kind": "text"}
# SQLite versus PostgreSQL: the tracking schema is mostly portable SQL, but the move is more than a connection
# string. In PostgreSQL an `INTEGER PRIMARY KEY` is not filled in for you (write `GENERATED ALWAYS AS IDENTITY` and
# read the new id with `INSERT ... RETURNING id`, since `cursor.lastrowid` is SQLite's), `INSERT OR REPLACE` becomes
# `INSERT ... ON CONFLICT (run_id, key, step) DO UPDATE SET value = EXCLUDED.value`, a `BLOB` is a `BYTEA`, and
# psycopg's placeholders are `%s`, not `?`. What the server adds is concurrency: many training jobs writing
# metrics at once, which one SQLite file serialises (one writer at a time).

# %% [markdown] course={"kind": "exercise", "id": "tracking", "item": "f-experiment-tracking", "timeout": 60}
# ### Milestone 1: experiment tracking
#
# Complete `Tracker` in `mlp/tracking.py` (the schema and `params` are given):
#
# - `start_run(experiment, params)` stores a run (params as JSON) and returns its id: 1, 2, 3... in order,
#   counted across all experiments (the id is the `runs` table's key).
# - `log_metric(run_id, key, value, step=0)` records one value; logging the same `(run, key, step)` again
#   replaces it. A value that is not finite (NaN, infinity) raises `ValueError`; an unknown run raises `KeyError`.
#   Nothing is written in either case.
# - `metric(run_id, key)` is the value at the **highest step**; `KeyError` if the run never logged `key`.
# - `best_run(experiment, key, mode="max")` is the id of the run whose `metric` is best (`"max"` or `"min"`);
#   runs that never logged `key` are skipped, a tie goes to the **earlier** run; `ValueError` for another mode or
#   when no run qualifies.
#
# ```python
# t = Tracker()
# a = t.start_run("churn", {"C": 1.0}); b = t.start_run("churn", {"C": 0.1})
# t.log_metric(a, "auc", 0.7, step=0); t.log_metric(a, "auc", 0.9, step=1); t.log_metric(b, "auc", 0.8)
# t.metric(a, "auc"), t.best_run("churn", "auc")   # (0.9, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# `self.db.execute(...).fetchone()` is `None` when no row matched: that is how you tell an unknown run.

# %% [markdown] course={"kind": "hint"}
# For the tie rule, walk the runs in id order and replace the best only on a *strictly* better value.

# %% course={"kind": "solution", "file": "23.3-mlops/mlp/tracking.py"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        ### BEGIN SOLUTION
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        return cursor.lastrowid
        ### END SOLUTION

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        ### BEGIN SOLUTION
        if not math.isfinite(value):
            raise ValueError(f"{key}={value!r} is not a finite number")
        self.params(run_id)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))
        ### END SOLUTION

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        ### BEGIN SOLUTION
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]
        ### END SOLUTION

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        ### BEGIN SOLUTION
        if mode not in ("max", "min"):
            raise ValueError(f"mode must be 'max' or 'min', not {mode!r}")
        best = None
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                value = self.metric(run_id, key)
            except KeyError:
                continue
            if best is None or (value > best[0] if mode == "max" else value < best[0]):
                best = (value, run_id)
        if best is None:
            raise ValueError(f"no run of {experiment!r} logged {key!r}")
        return best[1]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
tracking = repo.load("mlp.tracking")
t = tracking.Tracker()
a = t.start_run("churn", {"C": 1.0})
b = t.start_run("churn", {"C": 0.1})
assert (a, b) == (1, 2), f"run ids count from 1: {(a, b)}"
assert t.params(b) == {"C": 0.1}, "params are stored as given"
t.log_metric(a, "auc", 0.7, step=0)
t.log_metric(a, "auc", 0.9, step=1)
t.log_metric(b, "auc", 0.8)
assert t.metric(a, "auc") == 0.9, "metric() is the value at the highest step"
assert t.best_run("churn", "auc") == a and t.best_run("churn", "auc", mode="min") == b
### BEGIN HIDDEN TESTS
t.log_metric(a, "auc", 0.5, step=1)
assert t.metric(a, "auc") == 0.5, "the same step again replaces the value"
t.log_metric(a, "auc", 0.95, step=-1)
assert t.metric(a, "auc") == 0.5, "the highest step wins, not the last one logged"
c, d = t.start_run("fraud", {}), t.start_run("fraud", {})
assert (c, d) == (3, 4), f"run ids count across all experiments (they are the runs table's keys): {(c, d)}"
t.log_metric(c, "loss", 0.0)
t.log_metric(d, "loss", 0.5)
assert t.best_run("fraud", "loss", mode="min") == c, "a best value of 0.0 is a value like any other"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tracking = repo.load("mlp.tracking")
t = tracking.Tracker()
runs = [t.start_run("e", {"i": i}) for i in range(4)]
t.log_metric(runs[1], "loss", 0.3)
t.log_metric(runs[2], "loss", 0.3)
t.log_metric(runs[3], "loss", 0.4)
assert t.best_run("e", "loss", mode="min") == runs[1], "runs without the metric are skipped; ties go to the earlier run"
assert t.best_run("e", "loss") == runs[3]
for bad in (float("nan"), float("inf"), float("-inf")):
    try:
        t.log_metric(runs[0], "loss", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"log_metric must refuse {bad}")
### BEGIN HIDDEN TESTS
assert t.best_run("e", "loss", mode="max") == runs[3]
t.log_metric(runs[0], "loss", 0.4)
assert t.best_run("e", "loss", mode="max") == runs[0], "a tie for max goes to the earlier run too"
for call, error in [
    (lambda: t.log_metric(99, "loss", 0.1), KeyError),
    (lambda: t.metric(runs[1], "auc"), KeyError),
    (lambda: t.best_run("e", "auc"), ValueError),
    (lambda: t.best_run("nothing", "loss"), ValueError),
    (lambda: t.best_run("e", "loss", mode="median"), ValueError),
]:
    try:
        call()
    except error:
        pass
    else:
        raise AssertionError(f"expected {error.__name__}")
assert t.db.execute("SELECT COUNT(*) FROM metrics").fetchone() == (4,), "refused values are not written"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "last-logged-wins"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        return cursor.lastrowid

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        if not math.isfinite(value):
            raise ValueError(value)
        self.params(run_id)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        # the row inserted last, not the highest step
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY rowid DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        if mode not in ("max", "min"):
            raise ValueError(mode)
        best = None
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                value = self.metric(run_id, key)
            except KeyError:
                continue
            if best is None or (value > best[0] if mode == "max" else value < best[0]):
                best = (value, run_id)
        if best is None:
            raise ValueError(key)
        return best[1]

# %% course={"kind": "wrong", "id": "max-of-tuples"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        return cursor.lastrowid

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        if not math.isfinite(value):
            raise ValueError(value)
        self.params(run_id)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        scores = []
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                scores.append((self.metric(run_id, key), run_id))
            except KeyError:
                continue
        if not scores:
            raise ValueError(key)
        # a tie compares the run ids: max picks the later run
        return (max(scores) if mode == "max" else min(scores))[1]

# %% course={"kind": "wrong", "id": "writes-nan"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        return cursor.lastrowid

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        # no check: NaN is written, and an unknown run gets metrics
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        if mode not in ("max", "min"):
            raise ValueError(mode)
        best = None
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                value = self.metric(run_id, key)
            except KeyError:
                continue
            if best is None or (value > best[0] if mode == "max" else value < best[0]):
                best = (value, run_id)
        if best is None:
            raise ValueError(key)
        return best[1]

# %% course={"kind": "wrong", "id": "run-id-per-experiment"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        # numbers runs within their experiment: a second experiment reuses ids 1, 2...
        return self.db.execute("SELECT COUNT(*) FROM runs WHERE experiment = ?", (experiment,)).fetchone()[0]

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        if not math.isfinite(value):
            raise ValueError(f"{key}={value!r} is not a finite number")
        self.params(run_id)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        if mode not in ("max", "min"):
            raise ValueError(f"mode must be 'max' or 'min', not {mode!r}")
        best = None
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                value = self.metric(run_id, key)
            except KeyError:
                continue
            if best is None or (value > best[0] if mode == "max" else value < best[0]):
                best = (value, run_id)
        if best is None:
            raise ValueError(f"no run of {experiment!r} logged {key!r}")
        return best[1]

# %% course={"kind": "wrong", "id": "zero-metric-falsy"}
"""Experiment tracking: runs, their parameters and metrics, in SQL."""

import json
import math
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, experiment TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
    run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
);
"""


class Tracker:
    """Runs and metrics in one SQLite database (``":memory:"`` or a file path)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.executescript(SCHEMA)

    def params(self, run_id: int) -> dict:
        """The parameters of a run; ``KeyError`` for an unknown run."""
        row = self.db.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return json.loads(row[0])

    def start_run(self, experiment: str, params: dict) -> int:
        """Store a new run of ``experiment`` with ``params`` (JSON); return its id."""
        with self.db:
            cursor = self.db.execute("INSERT INTO runs (experiment, params) VALUES (?, ?)", (experiment, json.dumps(params)))
        return cursor.lastrowid

    def log_metric(self, run_id: int, key: str, value: float, step: int = 0) -> None:
        """Record ``value`` of ``key`` at ``step``; replaces an earlier value at the same step."""
        if not math.isfinite(value):
            raise ValueError(f"{key}={value!r} is not a finite number")
        self.params(run_id)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO metrics VALUES (?, ?, ?, ?)", (run_id, key, step, value))

    def metric(self, run_id: int, key: str) -> float:
        """The value of ``key`` at the highest step the run logged."""
        row = self.db.execute(
            "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step DESC LIMIT 1", (run_id, key)
        ).fetchone()
        if row is None:
            raise KeyError((run_id, key))
        return row[0]

    def best_run(self, experiment: str, key: str, mode: str = "max") -> int:
        """The run of ``experiment`` with the best ``key`` (ties: the earlier run)."""
        if mode not in ("max", "min"):
            raise ValueError(f"mode must be 'max' or 'min', not {mode!r}")
        best = None
        for (run_id,) in self.db.execute("SELECT id FROM runs WHERE experiment = ? ORDER BY id", (experiment,)):
            try:
                value = self.metric(run_id, key)
            except KeyError:
                continue
            # `not best[0]`: a best value of 0.0 counts as no best yet
            if best is None or not best[0] or (value > best[0] if mode == "max" else value < best[0]):
                best = (value, run_id)
        if best is None:
            raise ValueError(f"no run of {experiment!r} logged {key!r}")
        return best[1]

# %% [markdown] course={"kind": "exercise", "id": "registry", "item": "f-model-versioning-and-registry"}
# ### Milestone 2: the model registry, with lineage
#
# Complete `Registry` in `mlp/registry.py`. It shares the tracker's database, so a model version can point at the
# run that made it (`data_hash` and the schema are given):
#
# - `register(name, model, run_id, data_hash, code_version)` stores the pickled model as the next version of
#   `name` (1 for the first; each name counts on its own) and returns that version; an unknown run is a `KeyError`
#   and registers nothing.
# - `set_alias(name, alias, version)` points `alias` (`"production"`, `"challenger"`...) at a version, moving it if
#   it pointed elsewhere, and adds a row `(name, alias, old version or None, new version)` to the `audit` table;
#   an unknown version is a `KeyError`.
# - `load(name, ref)` returns `(version, model)`; `ref` is a version number (`int`) or an alias (`str`);
#   `KeyError` when there is no such version or alias.
# - `lineage(name, version)` returns `{"run_id", "experiment", "params", "data_hash", "code_version"}`.
#
# ```python
# r = Registry(tracker); v = r.register("churn", model, run, data_hash(X, y), "abc123")   # 1
# r.set_alias("churn", "production", v); r.load("churn", "production")                  # (1, model)
# ```

# %% [markdown] course={"kind": "hint"}
# `SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?` is 0 for a name never registered.

# %% [markdown] course={"kind": "hint"}
# `INSERT OR REPLACE INTO aliases` moves an alias in one statement; read the old version *before* you replace it,
# for the audit row. `isinstance(ref, int)` tells a version from an alias.

# %% course={"kind": "solution", "file": "23.3-mlops/mlp/registry.py"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        ### BEGIN SOLUTION
        self.tracker.params(run_id)
        (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?", (name,)).fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, latest + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        return latest + 1
        ### END SOLUTION

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        ### BEGIN SOLUTION
        self.load(name, version)
        row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, alias)).fetchone()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))
            self.db.execute(
                "INSERT INTO audit (name, alias, old, new) VALUES (?, ?, ?, ?)",
                (name, alias, None if row is None else row[0], version),
            )
        ### END SOLUTION

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        ### BEGIN SOLUTION
        version = ref
        if isinstance(ref, str):
            row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, ref)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])
        ### END SOLUTION

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        ### BEGIN SOLUTION
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {
            "run_id": run_id,
            "experiment": experiment,
            "params": self.tracker.params(run_id),
            "data_hash": digest,
            "code_version": code,
        }
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
tracking, registry = repo.load("mlp.tracking"), repo.load("mlp.registry")
t = tracking.Tracker()
run = t.start_run("churn", {"C": 0.5})
r = registry.Registry(t)
assert r.register("churn", {"w": 1}, run, "h1", "abc") == 1
assert r.register("churn", {"w": 2}, run, "h2", "def") == 2
assert r.register("fraud", {"w": 3}, run, "h3", "abc") == 1, "each model name counts its versions on its own"
r.set_alias("churn", "production", 1)
assert r.load("churn", "production") == (1, {"w": 1})
assert r.load("churn", 2) == (2, {"w": 2}), "an int is a version number"
r.set_alias("churn", "production", 2)
assert r.load("churn", "production") == (2, {"w": 2}), "set_alias moves the alias"
assert r.lineage("churn", 1) == {"run_id": run, "experiment": "churn", "params": {"C": 0.5}, "data_hash": "h1", "code_version": "abc"}
### BEGIN HIDDEN TESTS
assert r.db.execute("SELECT name, alias, old, new FROM audit ORDER BY id").fetchall() == [
    ("churn", "production", None, 1),
    ("churn", "production", 1, 2),
], "every alias move is audited with its old and new version"
assert r.load("fraud", 1) == (1, {"w": 3})
r.set_alias("churn", "challenger", 1)
for call in (lambda: r.load("fraud", "challenger"), lambda: r.set_alias("fraud", "production", 2)):
    try:
        call()
    except KeyError:
        pass
    else:
        raise AssertionError("aliases and versions belong to one model name: churn's are not fraud's")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tracking, registry = repo.load("mlp.tracking"), repo.load("mlp.registry")
t = tracking.Tracker()
run = t.start_run("churn", {})
r = registry.Registry(t)
model = {"w": [1, 2]}
r.register("churn", model, run, "h", "c")
model["w"].append(3)
assert r.load("churn", 1) == (1, {"w": [1, 2]}), "the registry keeps a copy: the version must not change later"
for call in (
    lambda: r.register("churn", {}, run + 1, "h", "c"),
    lambda: r.load("churn", "production"),
    lambda: r.load("churn", 2),
    lambda: r.set_alias("churn", "production", 2),
):
    try:
        call()
    except KeyError:
        pass
    else:
        raise AssertionError("unknown runs, versions and aliases are KeyErrors")
### BEGIN HIDDEN TESTS
assert r.register("churn", {}, run, "h", "c") == 2, "a refused register takes no version number"
assert r.db.execute("SELECT COUNT(*) FROM aliases").fetchone() == (0,), "a refused alias is not stored"
assert r.db.execute("SELECT COUNT(*) FROM audit").fetchone() == (0,)
try:
    r.lineage("churn", 3)
except KeyError:
    pass
else:
    raise AssertionError("lineage of an unknown version is a KeyError")
r.set_alias("churn", "challenger", 2)
r.set_alias("churn", "challenger", 2)
assert r.db.execute("SELECT old, new FROM audit ORDER BY id").fetchall() == [(None, 2), (2, 2)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "global-version-count"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        self.tracker.params(run_id)
        # counts every model's versions, not this name's
        (count,) = self.db.execute("SELECT COUNT(*) FROM models").fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, count + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        return count + 1

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        self.load(name, version)
        row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, alias)).fetchone()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))
            self.db.execute(
                "INSERT INTO audit (name, alias, old, new) VALUES (?, ?, ?, ?)",
                (name, alias, None if row is None else row[0], version),
            )

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        version = ref
        if isinstance(ref, str):
            row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, ref)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {"run_id": run_id, "experiment": experiment, "params": self.tracker.params(run_id), "data_hash": digest, "code_version": code}

# %% course={"kind": "wrong", "id": "keeps-live-object"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)
        self.live = {}

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        self.tracker.params(run_id)
        (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?", (name,)).fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, latest + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        # a cache of the object itself: later changes to it change the "registered" version
        self.live[(name, latest + 1)] = model
        return latest + 1

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        self.load(name, version)
        row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, alias)).fetchone()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))
            self.db.execute(
                "INSERT INTO audit (name, alias, old, new) VALUES (?, ?, ?, ?)",
                (name, alias, None if row is None else row[0], version),
            )

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        version = ref
        if isinstance(ref, str):
            row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, ref)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        if (name, version) in self.live:
            return version, self.live[(name, version)]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {"run_id": run_id, "experiment": experiment, "params": self.tracker.params(run_id), "data_hash": digest, "code_version": code}

# %% course={"kind": "wrong", "id": "alias-without-check"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        self.tracker.params(run_id)
        (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?", (name,)).fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, latest + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        return latest + 1

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        # no check that the version exists, and no audit row
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        version = ref
        if isinstance(ref, str):
            row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, ref)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {"run_id": run_id, "experiment": experiment, "params": self.tracker.params(run_id), "data_hash": digest, "code_version": code}

# %% course={"kind": "wrong", "id": "alias-any-name"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        self.tracker.params(run_id)
        (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?", (name,)).fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, latest + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        return latest + 1

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        self.load(name, version)
        row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, alias)).fetchone()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))
            self.db.execute(
                "INSERT INTO audit (name, alias, old, new) VALUES (?, ?, ?, ?)",
                (name, alias, None if row is None else row[0], version),
            )

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        version = ref
        if isinstance(ref, str):
            # forgets the model name: another model's production alias answers
            row = self.db.execute("SELECT version FROM aliases WHERE alias = ?", (ref,)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {
            "run_id": run_id,
            "experiment": experiment,
            "params": self.tracker.params(run_id),
            "data_hash": digest,
            "code_version": code,
        }

# %% course={"kind": "wrong", "id": "alias-version-any-name"}
"""The model registry: versions, aliases, lineage and an audit trail, beside the tracker's tables."""

import hashlib
import pickle

import numpy as np

from mlp.tracking import Tracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    name TEXT NOT NULL, version INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    data_hash TEXT NOT NULL, code_version TEXT NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (name, version)
);
CREATE TABLE IF NOT EXISTS aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL,
    PRIMARY KEY (name, alias));
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, alias TEXT NOT NULL, old INTEGER, new INTEGER NOT NULL
);
"""


def data_hash(X: np.ndarray, y: np.ndarray) -> str:
    """A fingerprint of a training set: shapes, dtypes and bytes of ``X`` and ``y`` (sha256, hex)."""
    digest = hashlib.sha256()
    for array in (np.ascontiguousarray(X), np.ascontiguousarray(y)):
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Registry:
    """Model versions in the tracker's database."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.db = tracker.db
        self.db.executescript(SCHEMA)

    def register(self, name: str, model: object, run_id: int, data_hash: str, code_version: str) -> int:
        """Store ``model`` as the next version of ``name``; return the version."""
        self.tracker.params(run_id)
        (latest,) = self.db.execute("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = ?", (name,)).fetchone()
        with self.db:
            self.db.execute(
                "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?)",
                (name, latest + 1, run_id, data_hash, code_version, pickle.dumps(model)),
            )
        return latest + 1

    def set_alias(self, name: str, alias: str, version: int) -> None:
        """Point ``alias`` of ``name`` at ``version``, with a row in ``audit``."""
        # checks that the version exists for some model, not for this one
        if self.db.execute("SELECT 1 FROM models WHERE version = ?", (version,)).fetchone() is None:
            raise KeyError((name, version))
        row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, alias)).fetchone()
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", (name, alias, version))
            self.db.execute(
                "INSERT INTO audit (name, alias, old, new) VALUES (?, ?, ?, ?)",
                (name, alias, None if row is None else row[0], version),
            )

    def load(self, name: str, ref: int | str) -> tuple[int, object]:
        """``(version, model)`` for a version number or an alias."""
        version = ref
        if isinstance(ref, str):
            row = self.db.execute("SELECT version FROM aliases WHERE name = ? AND alias = ?", (name, ref)).fetchone()
            if row is None:
                raise KeyError((name, ref))
            version = row[0]
        row = self.db.execute("SELECT blob FROM models WHERE name = ? AND version = ?", (name, version)).fetchone()
        if row is None:
            raise KeyError((name, ref))
        return version, pickle.loads(row[0])

    def lineage(self, name: str, version: int) -> dict:
        """Where a version came from: its run, experiment, params, data hash and code version."""
        row = self.db.execute(
            "SELECT m.run_id, r.experiment, m.data_hash, m.code_version FROM models m JOIN runs r ON r.id = m.run_id"
            " WHERE m.name = ? AND m.version = ?",
            (name, version),
        ).fetchone()
        if row is None:
            raise KeyError((name, version))
        run_id, experiment, digest, code = row
        return {
            "run_id": run_id,
            "experiment": experiment,
            "params": self.tracker.params(run_id),
            "data_hash": digest,
            "code_version": code,
        }

# %% [markdown] course={"kind": "exercise", "id": "feature-store", "item": "f-feature-store-basic"}
# ### Milestone 3: a feature store with point-in-time reads
#
# A model trained on features from *after* the moment it predicts learns from the future and looks better offline
# than it ever will live (leakage). Complete `FeatureStore` in `mlp/features.py`:
#
# - `write(entity, ts, values)` stores a copy of the dict `values` for `entity` at time `ts` (any order of
#   writes; the same `ts` again replaces the whole row).
# - `get(entity, as_of, max_age=None)` returns a copy of the values with the **latest `ts <= as_of`**, or `None`
#   when there is none, or when that row is older than `max_age` (`as_of - ts > max_age`).
# - `training_rows(events, names, max_age=None)`: for each `(entity, ts)` event, in order, the list of the
#   features `names` as of `ts` (`None` for a feature missing or a row not found).
#
# ```python
# s = FeatureStore(); s.write("u1", 20, {"spend": 9.0}); s.write("u1", 10, {"spend": 5.0})
# s.get("u1", 15), s.get("u1", 9), s.training_rows([("u1", 25)], ["spend", "age"])   # {'spend': 5.0}, None, [[9.0, None]]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep, per entity, a sorted list of timestamps and a list of values beside it; `bisect` finds the place.

# %% [markdown] course={"kind": "hint"}
# `bisect.bisect_right(times, as_of) - 1` is the index of the latest timestamp `<= as_of` (`-1`: none).

# %% course={"kind": "solution", "file": "23.3-mlops/mlp/features.py"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        ### BEGIN SOLUTION
        times, rows = self._rows.setdefault(entity, ([], []))
        i = bisect.bisect_left(times, ts)
        if i < len(times) and times[i] == ts:
            rows[i] = dict(values)
        else:
            times.insert(i, ts)
            rows.insert(i, dict(values))
        ### END SOLUTION

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        ### BEGIN SOLUTION
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        i = bisect.bisect_right(times, as_of) - 1
        if i < 0:
            return None
        if max_age is not None and as_of - times[i] > max_age:
            return None
        return dict(rows[i])
        ### END SOLUTION

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        ### BEGIN SOLUTION
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
features = repo.load("mlp.features")
s = features.FeatureStore()
s.write("u1", 20, {"spend": 9.0})
s.write("u1", 10, {"spend": 5.0})
s.write("u2", 10, {"spend": 1.0, "age": 30})
assert s.get("u1", 15) == {"spend": 5.0}, "the latest row at or before as_of"
assert s.get("u1", 20) == {"spend": 9.0}, "a row at exactly as_of is visible"
assert s.get("u1", 9) is None and s.get("nobody", 50) is None
assert s.training_rows([("u1", 25), ("u2", 12), ("u1", 5)], ["spend", "age"]) == [[9.0, None], [1.0, 30], [None, None]]
### BEGIN HIDDEN TESTS
assert s.get("u1", 19.999) == {"spend": 5.0} and s.get("u1", 10) == {"spend": 5.0}
s.write("u1", 10, {"spend": 6.0})
assert s.get("u1", 15) == {"spend": 6.0}, "the same ts again replaces"
assert s.get("u1", 100) == {"spend": 9.0}, "replacing keeps one row per ts"
s.write("u2", 10, {"spend": 2.0})
assert s.get("u2", 10) == {"spend": 2.0}, "the same ts again replaces the whole row (it does not merge into it)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
features = repo.load("mlp.features")
s = features.FeatureStore()
given = {"spend": 1.0}
s.write("u", 10, given)
given["spend"] = 99.0
got = s.get("u", 10)
got["spend"] = 42.0
assert s.get("u", 10) == {"spend": 1.0}, "write and get copy: callers cannot change the stored row"
assert s.get("u", 15, max_age=5) == {"spend": 1.0}, "exactly max_age old is still fresh"
assert s.get("u", 15.5, max_age=5) is None, "older than max_age is stale"
### BEGIN HIDDEN TESTS
assert s.training_rows([("u", 15.5), ("u", 12)], ["spend"], max_age=5) == [[None], [1.0]]
assert s.training_rows([], ["spend"]) == []
assert s.get("u", 10, max_age=0) == {"spend": 1.0}
assert s.get("u", 11, max_age=0) is None, "max_age=0 is a limit too: only a row at exactly as_of is fresh"
for ts in range(0, 200, 2):
    s.write("v", 199 - ts, {"t": 199 - ts})
assert [s.get("v", t)["t"] for t in (1, 2, 100, 250)] == [1, 1, 99, 199], "out-of-order writes are still found by time"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "latest-not-as-of"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        times, rows = self._rows.setdefault(entity, ([], []))
        i = bisect.bisect_left(times, ts)
        if i < len(times) and times[i] == ts:
            rows[i] = dict(values)
        else:
            times.insert(i, ts)
            rows.insert(i, dict(values))

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        # the newest row, whatever its time: leaks the future into training
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        if max_age is not None and as_of - times[-1] > max_age:
            return None
        return dict(rows[-1])

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table

# %% course={"kind": "wrong", "id": "strictly-before"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        times, rows = self._rows.setdefault(entity, ([], []))
        i = bisect.bisect_left(times, ts)
        if i < len(times) and times[i] == ts:
            rows[i] = dict(values)
        else:
            times.insert(i, ts)
            rows.insert(i, dict(values))

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        # bisect_left: a row at exactly as_of is missed
        i = bisect.bisect_left(times, as_of) - 1
        if i < 0:
            return None
        if max_age is not None and as_of - times[i] > max_age:
            return None
        return dict(rows[i])

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table

# %% course={"kind": "wrong", "id": "append-unsorted"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        # appends in arrival order: bisect then searches an unsorted list
        times, rows = self._rows.setdefault(entity, ([], []))
        times.append(ts)
        rows.append(dict(values))

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        i = bisect.bisect_right(times, as_of) - 1
        if i < 0:
            return None
        if max_age is not None and as_of - times[i] > max_age:
            return None
        return dict(rows[i])

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table

# %% course={"kind": "wrong", "id": "max-age-zero-falsy"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        times, rows = self._rows.setdefault(entity, ([], []))
        i = bisect.bisect_left(times, ts)
        if i < len(times) and times[i] == ts:
            rows[i] = dict(values)
        else:
            times.insert(i, ts)
            rows.insert(i, dict(values))

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        i = bisect.bisect_right(times, as_of) - 1
        if i < 0:
            return None
        # `if max_age`: a max_age of 0 is taken as no limit
        if max_age and as_of - times[i] > max_age:
            return None
        return dict(rows[i])

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table

# %% course={"kind": "wrong", "id": "same-ts-merges"}
"""A basic feature store: values per entity over time, read as of a moment (no leakage from the future)."""

import bisect


class FeatureStore:
    """Feature values per entity, indexed by time."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[list[float], list[dict]]] = {}

    def write(self, entity: str, ts: float, values: dict) -> None:
        """Store a copy of ``values`` for ``entity`` at ``ts`` (the same ``ts`` again replaces it)."""
        times, rows = self._rows.setdefault(entity, ([], []))
        i = bisect.bisect_left(times, ts)
        if i < len(times) and times[i] == ts:
            # merges into the old row: a feature dropped by the new write survives
            rows[i].update(values)
        else:
            times.insert(i, ts)
            rows.insert(i, dict(values))

    def get(self, entity: str, as_of: float, max_age: float | None = None) -> dict | None:
        """A copy of the latest values at or before ``as_of`` (``None``: none, or older than ``max_age``)."""
        if entity not in self._rows:
            return None
        times, rows = self._rows[entity]
        i = bisect.bisect_right(times, as_of) - 1
        if i < 0:
            return None
        if max_age is not None and as_of - times[i] > max_age:
            return None
        return dict(rows[i])

    def training_rows(self, events: list[tuple[str, float]], names: list[str], max_age: float | None = None) -> list[list]:
        """For each ``(entity, ts)`` event, the features ``names`` as of ``ts`` (``None`` where missing)."""
        table = []
        for entity, ts in events:
            row = self.get(entity, ts, max_age) or {}
            table.append([row.get(name) for name in names])
        return table

# %% [markdown] course={"kind": "exercise", "id": "drift", "item": "f-drift-detection"}
# ### Milestone 4: drift scores and a retraining trigger
#
# Write three things in `mlp/drift.py`:
#
# - `psi(expected, actual, bins=10)`: the population stability index of `actual` against `expected`. Bucket edges
#   are the quantiles of `expected` at `0, 1/bins, ..., 1` (`np.quantile`), repeated edges dropped (`np.unique`),
#   the first and last edge replaced by `-inf` and `+inf`; each side's share per bucket is its `np.histogram`
#   count over its size, raised to at least `EPS`; PSI is `sum((a - e) * ln(a / e))`. An empty side is a
#   `ValueError`.
# - `ks(expected, actual)`: the two-sample Kolmogorov-Smirnov statistic, the largest gap between the two empirical
#   distribution functions (each `F(x)` = share of values `<= x`), checked at every value of either sample.
#   Both scores are plain `float`s.
# - `RetrainTrigger.observe(score)` (the constructor is given) returns `True` once when `score > high` for
#   `patience` observations in a row; after firing it is *disarmed* and fires again only after some score
#   `< low` re-arms it (hysteresis: one drift episode, one retraining). Re-arming starts a new count.
#
# ```python
# psi([1, 2, 3, 4] * 25, [1, 2, 3, 4] * 25), ks([1, 2, 3, 4], [3, 4, 5, 6])   # (0.0, 0.5)
# trigger = RetrainTrigger(high=0.25, low=0.1, patience=2)
# [trigger.observe(s) for s in (0.3, 0.3, 0.3, 0.05, 0.3, 0.3)]  # [False, True, False, False, False, True]
# ```

# %% [markdown] course={"kind": "hint"}
# `np.quantile(expected, np.linspace(0, 1, bins + 1))` gives `bins + 1` edges; `np.maximum(shares, EPS)` keeps
# the logarithm finite when a bucket is empty.

# %% [markdown] course={"kind": "hint"}
# For KS, sort both samples; `np.searchsorted(sorted_sample, grid, side="right") / size` is `F` at every grid
# point at once.

# %% course={"kind": "solution", "file": "23.3-mlops/mlp/drift.py"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    ### BEGIN SOLUTION
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))
    ### END SOLUTION


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    ### BEGIN SOLUTION
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    grid = np.concatenate([e, a])
    gaps = np.searchsorted(e, grid, side="right") / e.size - np.searchsorted(a, grid, side="right") / a.size
    return float(np.max(np.abs(gaps)))
    ### END SOLUTION


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        ### BEGIN SOLUTION
        if not self.armed:
            if score < self.low:
                self.armed = True
                self.streak = 0
            return False
        self.streak = self.streak + 1 if score > self.high else 0
        if self.streak >= self.patience:
            self.armed = False
            return True
        return False
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import math

drift = repo.load("mlp.drift")
rng = np.random.default_rng(7)
base, same, shifted = rng.normal(size=1000), rng.normal(size=1000), rng.normal(0.5, 1, size=1000)
assert drift.psi([1, 2, 3, 4] * 25, [1, 2, 3, 4] * 25) == 0.0, "identical samples do not drift"
assert math.isclose(drift.psi(base, same), 0.037753805576164354, rel_tol=1e-9), "same distribution: PSI well under 0.1"
assert math.isclose(drift.psi(base, shifted), 0.3424024083150039, rel_tol=1e-9), "a shift of half a standard deviation: PSI over 0.25"
assert drift.ks([1, 2, 3, 4], [3, 4, 5, 6]) == 0.5 and drift.ks([1, 2, 3], [4, 5, 6]) == 1.0
### BEGIN HIDDEN TESTS
assert math.isclose(drift.psi(base, shifted, bins=4), 0.2574082872688942, rel_tol=1e-9)
assert math.isclose(drift.psi([1, 2, 3, 4] * 25, [1, 1, 1, 5] * 25), 2.6778220375870285, rel_tol=1e-9), "repeated edges are dropped"
assert math.isclose(drift.psi([0, 10], [100, 200, 300]), 4.60431846666895, rel_tol=1e-9), "values past the edges land in the outer buckets"
assert math.isclose(drift.psi([0, 10], [-5]), 4.60431846666895, rel_tol=1e-9)
assert math.isclose(drift.psi([0, 0, 0, 0, 1], [0, 1, 1, 1, 1]), 1.663553233343869, rel_tol=1e-9)
assert math.isclose(drift.ks(base, same), 0.049, rel_tol=1e-9) and math.isclose(drift.ks(base, shifted), 0.242, rel_tol=1e-9)
assert drift.ks([1, 2, 3], [1, 2, 3]) == 0.0 and math.isclose(drift.ks([0, 0, 1], [0, 1, 1]), 1 / 3)
assert drift.ks([3, 1, 2], [2, 3, 1]) == 0.0, "samples need not arrive sorted"
assert math.isclose(drift.ks([4], [1, 2, 3, 4]), 0.75) and math.isclose(drift.ks([1, 2, 3, 4], [4]), 0.75), "samples of different sizes: each F divides by its own size, and the gap is checked at the values of both"
assert type(drift.psi([1, 2], [1, 2])) is float and type(drift.ks([1, 2], [1, 3])) is float, "plain floats, not numpy scalars"
for empty in ([], np.array([])):
    for args in ((empty, [1.0]), ([1.0], empty)):
        try:
            drift.psi(*args)
        except ValueError:
            pass
        else:
            raise AssertionError("psi of an empty sample is a ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
drift = repo.load("mlp.drift")
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
assert [trigger.observe(s) for s in (0.3, 0.3, 0.3, 0.05, 0.3, 0.3)] == [False, True, False, False, False, True]
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
assert [trigger.observe(s) for s in (0.3, 0.2, 0.3, 0.3)] == [False, False, False, True], "the scores above high must be in a row"
### BEGIN HIDDEN TESTS
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=3)
scores = (0.26, 0.26, 0.26, 0.3, 0.1, 0.3, 0.3, 0.09, 0.3, 0.3, 0.3)
assert [trigger.observe(s) for s in scores] == [False, False, True, False, False, False, False, False, False, False, True], "0.1 is not below low; 0.09 re-arms, and the count starts again"
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
assert [trigger.observe(s) for s in (0.3, 0.3, 0.1, 0.3, 0.3)] == [False, True, False, False, False], "exactly low does not re-arm"
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=1)
assert [trigger.observe(s) for s in (0.25, 0.2501, 0.26)] == [False, True, False], "exactly high is not drift"
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
assert [trigger.observe(s) for s in (0.3, 0.05, 0.3, 0.3)] == [False, False, False, True], "an armed trigger's streak resets on a low score"
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
assert [trigger.observe(s) for s in (0.3, 0.3, 0.3, 0.05, 0.3)] == [False, True, False, False, False], "re-arming starts a new count"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-hysteresis"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    grid = np.concatenate([e, a])
    gaps = np.searchsorted(e, grid, side="right") / e.size - np.searchsorted(a, grid, side="right") / a.size
    return float(np.max(np.abs(gaps)))


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        # fires on every score once the streak is long enough: a retraining storm
        self.streak = self.streak + 1 if score > self.high else 0
        return self.streak >= self.patience

# %% course={"kind": "wrong", "id": "psi-equal-width-bins"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    # equal-width buckets over the expected range, and values outside it dropped
    edges = np.linspace(expected.min(), expected.max(), bins + 1)
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    grid = np.concatenate([e, a])
    gaps = np.searchsorted(e, grid, side="right") / e.size - np.searchsorted(a, grid, side="right") / a.size
    return float(np.max(np.abs(gaps)))


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        if not self.armed:
            if score < self.low:
                self.armed = True
                self.streak = 0
            return False
        self.streak = self.streak + 1 if score > self.high else 0
        if self.streak >= self.patience:
            self.armed = False
            return True
        return False

# %% course={"kind": "wrong", "id": "ks-mean-gap"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    # compares the samples position by position: needs equal sizes, and is not a CDF gap
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    return float(np.mean(e != a))


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        if not self.armed:
            if score < self.low:
                self.armed = True
                self.streak = 0
            return False
        self.streak = self.streak + 1 if score > self.high else 0
        if self.streak >= self.patience:
            self.armed = False
            return True
        return False

# %% course={"kind": "wrong", "id": "ks-one-divisor"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    grid = np.concatenate([e, a])
    # divides both counts by the expected size: right only when the samples are the same size
    gaps = (np.searchsorted(e, grid, side="right") - np.searchsorted(a, grid, side="right")) / e.size
    return float(np.max(np.abs(gaps)))


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        if not self.armed:
            if score < self.low:
                self.armed = True
                self.streak = 0
            return False
        self.streak = self.streak + 1 if score > self.high else 0
        if self.streak >= self.patience:
            self.armed = False
            return True
        return False

# %% course={"kind": "wrong", "id": "ks-grid-expected-only"}
"""Drift detection: PSI and Kolmogorov-Smirnov scores, and a retraining trigger with hysteresis."""

import numpy as np

EPS = 1e-4


def psi(expected, actual, bins: int = 10) -> float:
    """The population stability index of ``actual`` against ``expected`` (quantile buckets of ``expected``)."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    if expected.size == 0 or actual.size == 0:
        raise ValueError("psi needs values on both sides")
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / expected.size, EPS)
    a = np.maximum(np.histogram(actual, edges)[0] / actual.size, EPS)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected, actual) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    e = np.sort(np.asarray(expected, dtype=float))
    a = np.sort(np.asarray(actual, dtype=float))
    # checks the gap only at the expected sample's values
    grid = e
    gaps = np.searchsorted(e, grid, side="right") / e.size - np.searchsorted(a, grid, side="right") / a.size
    return float(np.max(np.abs(gaps)))


class RetrainTrigger:
    """Fires once per drift episode: ``patience`` scores above ``high`` in a row; re-armed below ``low``."""

    def __init__(self, high: float = 0.25, low: float = 0.1, patience: int = 2) -> None:
        self.high, self.low, self.patience = high, low, patience
        self.armed = True
        self.streak = 0

    def observe(self, score: float) -> bool:
        """Take one drift score; ``True`` when retraining should start now."""
        if not self.armed:
            if score < self.low:
                self.armed = True
                self.streak = 0
            return False
        self.streak = self.streak + 1 if score > self.high else 0
        if self.streak >= self.patience:
            self.armed = False
            return True
        return False

# %% [markdown] course={"kind": "exercise", "id": "serving", "item": "f-model-serving-api", "timeout": 90}
# ### Milestone 5 (end to end): serving, A/B split and the retraining loop
#
# Complete `mlp/serving.py` (the request schema, the app and `/health` are given):
#
# - `bucket(user_id)` is the user's A/B bucket: the first 8 hex digits of `sha256(user_id)` (UTF-8) read as a
#   number, modulo 100. The same user always lands in the same bucket, on every replica, after every restart.
# - `POST /predict` with `{"user_id": ..., "features": [...]}`: users with `bucket < challenger_percent` get the
#   `"challenger"` alias, everyone else `"production"`. Load the alias's model **at request time** (so a promotion
#   is served at once, no restart). No challenger: fall back to production. No production either: HTTP 503. Answer
#   `{"variant", "version", "prediction"}` (`variant` the alias that answered, `prediction` a plain `int`) and append one dict per answered request to
#   `app.state.log` with `user_id`, `variant`, `version`, `features` and `prediction`.
#
# The tests drive the whole platform over real HTTP: train and track a run, register and promote it, serve live
# traffic that has drifted, detect the drift from the prediction log (one retraining per drift episode), build the
# retraining rows from the feature store as of each request, retrain, register and promote version 2, and check
# the very next request is served by it, with its lineage intact. So a slip in an earlier module can fail here.
#
# ```python
# bucket("alice"), bucket("bob")   # (1, 12)
# # POST /predict {"user_id": "alice", "features": [0.5, -1.0]} -> {"variant": "production", "version": 1, "prediction": 0}
# ```

# %% [markdown] course={"kind": "hint"}
# `int(hexdigest[:8], 16) % 100`. In `predict`, try the chosen alias, then `"production"`; `registry.load` raises
# `KeyError` for an alias that is not set.

# %% [markdown] course={"kind": "hint"}
# scikit-learn returns numpy integers; `int(...)` makes the answer and the log plain JSON.

# %% course={"kind": "solution", "file": "23.3-mlops/mlp/serving.py"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    ### BEGIN SOLUTION
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100
    ### END SOLUTION


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        ### BEGIN SOLUTION
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            try:
                version, model = registry.load(name, alias)
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")
        ### END SOLUTION

    return app

# %% course={"kind": "test", "points": 3}
tracking, registry, features, drift, serving = (repo.load(f"mlp.{m}") for m in ("tracking", "registry", "features", "drift", "serving"))
assert (serving.bucket("alice"), serving.bucket("bob")) == (1, 12)
rng = np.random.default_rng(3)
X = rng.normal(size=(300, 2))
y = (X[:, 0] + X[:, 1] > 0).astype(int)
t = tracking.Tracker()
reg = registry.Registry(t)
run = t.start_run("churn", {"C": 1.0})
model = LogisticRegression(C=1.0).fit(X, y)
t.log_metric(run, "accuracy", model.score(X, y))
reg.set_alias("churn", "production", reg.register("churn", model, run, registry.data_hash(X, y), "git:aaa111"))
app = serving.create_app(reg, "churn")
trigger = drift.RetrainTrigger(high=0.25, low=0.1, patience=2)
live = rng.normal(1.5, 1.0, size=(60, 2))
with serve(app) as url, httpx.Client(base_url=url) as client:
    assert client.get("/health").json() == {"status": "ok"}
    answers = [client.post("/predict", json={"user_id": f"user-{i}", "features": row.tolist()}).json() for i, row in enumerate(live)]
    assert {(a["variant"], a["version"]) for a in answers} == {("production", 1)}, "everyone gets production v1"
    assert [a["prediction"] for a in answers] == model.predict(live).tolist(), "predictions come from the registered model"
    seen = np.array([entry["features"] for entry in app.state.log])
    assert seen.shape == (60, 2) and [e["user_id"] for e in app.state.log] == [f"user-{i}" for i in range(60)]
    fired = [trigger.observe(drift.psi(X[:, 0], seen[part, 0])) for part in (slice(0, 20), slice(20, 40), slice(40, 60))]
    assert fired == [False, True, False], f"two drifted windows in a row start retraining, once per episode: {fired}"
    store = features.FeatureStore()
    for i, entry in enumerate(app.state.log):
        store.write(entry["user_id"], 1000, {"x0": 0.0, "x1": 0.0})  # a later correction, after the request
        store.write(entry["user_id"], i, {"x0": entry["features"][0], "x1": entry["features"][1]})
    rows = store.training_rows([(f"user-{i}", i) for i in range(60)], ["x0", "x1"])
    assert rows == live.tolist(), "the retraining rows are the features as they were at each request, not later values"
    X2 = np.vstack([X, rows])
    y2 = (X2.sum(axis=1) > 0).astype(int)
    run2 = t.start_run("churn", {"C": 0.5})
    model2 = LogisticRegression(C=0.5).fit(X2, y2)
    v2 = reg.register("churn", model2, run2, registry.data_hash(X2, y2), "git:bbb222")
    reg.set_alias("churn", "production", v2)
    after = client.post("/predict", json={"user_id": "user-0", "features": [0.1, -0.3]}).json()
    assert after == {"variant": "production", "version": 2, "prediction": int(model2.predict([[0.1, -0.3]])[0])}, f"the promotion is served at once: {after}"
assert reg.lineage("churn", 2) == {"run_id": run2, "experiment": "churn", "params": {"C": 0.5}, "data_hash": registry.data_hash(X2, y2), "code_version": "git:bbb222"}
### BEGIN HIDDEN TESTS
assert app.state.log[-1]["version"] == 2 and type(app.state.log[-1]["prediction"]) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
from sklearn.dummy import DummyClassifier

tracking, registry, serving = (repo.load(f"mlp.{m}") for m in ("tracking", "registry", "serving"))
Xd, yd = np.zeros((4, 2)), np.array([0, 1, 0, 1])
t = tracking.Tracker()
reg = registry.Registry(t)
run = t.start_run("ab", {})
reg.set_alias("other", "production", reg.register("other", DummyClassifier(strategy="constant", constant=1).fit(Xd, yd), run, "h", "c"))
zero = reg.register("ab", DummyClassifier(strategy="constant", constant=0).fit(Xd, yd), run, "h", "c")
one = reg.register("ab", DummyClassifier(strategy="constant", constant=1).fit(Xd, yd), run, "h", "c")
users = [f"user-{i}" for i in range(200)] + ["user-207"]  # user-18, -72, -207, -118: buckets 0, 29, 30, 99
expected = {u: int(hashlib.sha256(u.encode()).hexdigest()[:8], 16) % 100 for u in users}
assert [serving.bucket(u) for u in users] == list(expected.values()), "bucket: first 8 hex digits of sha256, modulo 100"
app = serving.create_app(reg, "ab", challenger_percent=30)
with serve(app) as url, httpx.Client(base_url=url) as client:
    assert client.post("/predict", json={"user_id": "user-1", "features": [0, 0]}).status_code == 503, "no production model for 'ab' (another model's production does not count): 503"
    reg.set_alias("ab", "production", zero)
    fallback = client.post("/predict", json={"user_id": "user-18", "features": [0, 0]}).json()
    assert fallback == {"variant": "production", "version": 1, "prediction": 0}, f"no challenger yet: production serves everyone ({fallback})"
    reg.set_alias("ab", "challenger", one)
    answers = {u: client.post("/predict", json={"user_id": u, "features": [0.0, 0.0]}).json() for u in users}
assert all(answers[u]["variant"] == ("challenger" if expected[u] < 30 else "production") for u in users), "buckets 0-29 get the challenger"
assert all(answers[u]["prediction"] == (1 if expected[u] < 30 else 0) for u in users)
### BEGIN HIDDEN TESTS
assert all(answers[u]["version"] == (2 if expected[u] < 30 else 1) for u in users)
assert len(app.state.log) == 202 and app.state.log[0]["variant"] == "production", "every answered request is logged, refusals are not"
for percent, variant in ((0, "production"), (100, "challenger")):
    edge = serving.create_app(reg, "ab", challenger_percent=percent)
    with serve(edge) as url, httpx.Client(base_url=url) as client:
        got = {client.post("/predict", json={"user_id": u, "features": [0, 0]}).json()["variant"] for u in ("user-18", "user-118")}
        assert got == {variant}, f"challenger_percent={percent}: buckets 0 and 99 get {variant}"
        assert client.post("/predict", json={"user_id": "x", "features": ["a"]}).status_code == 422
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "whole-digest-bucket"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    # the whole digest, not its first 8 hex digits: a different split from every other service
    return int(hashlib.sha256(user_id.encode()).hexdigest(), 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            try:
                version, model = registry.load(name, alias)
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app


# %% course={"kind": "wrong", "id": "model-loaded-at-start"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []
    # loaded once at start: a later promotion is never served
    loaded = {}
    for alias in ("production", "challenger"):
        try:
            loaded[alias] = registry.load(name, alias)
        except KeyError:
            pass

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            if alias not in loaded:
                continue
            version, model = loaded[alias]
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app


# %% course={"kind": "wrong", "id": "no-challenger-fallback"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        # no fallback: users in the challenger's buckets get 503 when there is no challenger
        for alias in [variant]:
            try:
                version, model = registry.load(name, alias)
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app


# %% course={"kind": "wrong", "id": "split-off-by-one"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        # <=: one bucket too many goes to the challenger, and 0 % still sends bucket 0 there
        variant = "challenger" if bucket(request.user_id) <= challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            try:
                version, model = registry.load(name, alias)
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app

# %% course={"kind": "wrong", "id": "cache-by-alias"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []
    cache = {}

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            try:
                # cached on first use, never refreshed: a promotion is not served
                if alias not in cache:
                    cache[alias] = registry.load(name, alias)
                version, model = cache[alias]
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            return {"variant": alias, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app

# %% course={"kind": "wrong", "id": "fallback-reports-requested-variant"}
"""The serving API: the registry's model by alias, a deterministic A/B split and a prediction log."""

import hashlib

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from mlp.registry import Registry


class PredictRequest(BaseModel):
    """One prediction request: who asks (the A/B split key) and the feature vector."""

    user_id: str
    features: list[float]


def bucket(user_id: str) -> int:
    """The user's A/B bucket, 0 to 99: the first 8 hex digits of sha256(user_id) as a number, modulo 100."""
    return int(hashlib.sha256(user_id.encode()).hexdigest()[:8], 16) % 100


def create_app(registry: Registry, name: str, challenger_percent: int = 0) -> FastAPI:
    """A FastAPI app serving model ``name``: ``challenger_percent`` of users (by bucket) get the challenger."""
    app = FastAPI(title=f"mlp serving: {name}")
    app.state.log = []

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.post("/predict")
    async def predict(request: PredictRequest) -> dict:
        """Route by bucket, load the alias's model now, predict, log and answer."""
        variant = "challenger" if bucket(request.user_id) < challenger_percent else "production"
        for alias in dict.fromkeys([variant, "production"]):
            try:
                version, model = registry.load(name, alias)
            except KeyError:
                continue
            prediction = int(model.predict([request.features])[0])
            app.state.log.append(
                {"user_id": request.user_id, "variant": alias, "version": version, "features": request.features, "prediction": prediction}
            )
            # reports the variant asked for, not the one that answered
            return {"variant": variant, "version": version, "prediction": prediction}
        raise HTTPException(status_code=503, detail=f"no production model for {name!r}")

    return app

# %% [markdown] course={"kind": "lesson", "id": "features-lesson", "covers": ["part-features"]}
# ### The features, and the loop they make
#
# The ten features of the roadmap are one loop, not ten boxes:
#
# | step | feature | milestone |
# |---|---|---|
# | try ideas, keep the numbers | experiment tracking; parameter and metric logging | 1 `tracking` |
# | freeze the winner, know its origin | model versioning and registry; model lineage tracking | 2 `registry` |
# | train on what was known *then* | feature store (basic) | 3 `features` |
# | notice the world moved | drift detection; automated retraining triggers | 4 `drift` |
# | answer, compare two models live | model serving API; A/B testing framework | 5 `serving` |
# | run training as a job | training job orchestration | the design document, part 2 (in the end-to-end test a function call stands in for the Job) |
#
# Two ideas carry most of the weight. **Aliases, not versions, are what serving reads**: promotion and rollback
# are one row moved in the registry, audited, with no redeploy. **Drift is measured on inputs**, because labels
# arrive late (a churn label weeks later): the population stability index compares how live values fill the
# training data's quantile buckets. A common rule of thumb reads PSI under 0.1 as stable and over 0.25 as a real
# shift. The demo shows PSI growing with the shift of a normal sample (numpy only, the same recipe as milestone 4).

# %% course={"kind": "demo"}
def psi_demo(expected, actual, bins=10):
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.maximum(np.histogram(expected, edges)[0] / len(expected), 1e-4)
    a = np.maximum(np.histogram(actual, edges)[0] / len(actual), 1e-4)
    return float(np.sum((a - e) * np.log(a / e)))


demo_rng = np.random.default_rng(0)
train_values = demo_rng.normal(size=2000)
for shift in (0.0, 0.25, 0.5, 1.0):
    print(f"live mean shifted by {shift:4.2f} sd: PSI = {psi_demo(train_values, demo_rng.normal(shift, 1, 2000)):.3f}")

# %% [markdown] course={"kind": "text"}
# Why a retraining trigger needs **hysteresis**: a score that hovers around the threshold would otherwise start
# a training job on every window. Firing once after `patience` high windows and re-arming only below a lower
# threshold gives one retraining per drift episode. And why the A/B split hashes the **user id** with sha256
# rather than Python's `hash()`: `hash()` of a string changes from process to process (`PYTHONHASHSEED`), so two
# replicas would put the same user in different arms.

# %% course={"kind": "demo"}
demo_users = ["alice", "bob", "carol"]
print({u: int(hashlib.sha256(u.encode()).hexdigest()[:8], 16) % 100 for u in demo_users}, "(the same on every replica)")

# %% [markdown] course={"kind": "lesson", "id": "scaling-failure", "covers": ["part-scaling", "part-failure"]}
# ### Scaling and failure handling
#
# | roadmap concern | in `mlp` | at scale |
# |---|---|---|
# | distributed training | one `fit` call | a Kubernetes Job per run (or a Ray/Spark cluster); the tracker's run id passed to every worker |
# | multi-model serving | one app per model name | one server loading many names by alias, an LRU of loaded models, per-model metrics |
# | feature store scaling | a dict of sorted lists | an offline store (Parquet/warehouse) for training joins, an online key-value store (Redis) for the latest values |
# | experiment data | SQLite rows | PostgreSQL with metrics partitioned by time, artifacts in object storage, retention rules |
# | training job recovery | rerun the function | Jobs with `backoffLimit`, checkpoints in S3, idempotent registration (the data hash and run id identify a retry) |
# | model fallback | challenger missing: production answers | a last-known-good version pinned as an alias; rollback is moving `production` back (audited) |
# | graceful degradation | 503 when nothing is promoted | a cached or rule-based answer with a flag, rather than an error, where the product allows it |
# | drift alerting | `RetrainTrigger` | the PSI per feature exported to Prometheus, an alert rule with `for:` doing the patience |
#
# The one mistake that hurts most in production is the model loaded **once at start-up**: the registry says
# version 2, the pods serve version 1 until someone restarts them. Loading by alias at request time (with a short
# cache keyed by version in a real server) makes promotion and rollback immediate, which the end-to-end test
# checks. The demo times nothing; it shows that a registry row, not a deploy, is what moves.

# %% course={"kind": "demo"}
import sqlite3

demo_db = sqlite3.connect(":memory:")
demo_db.execute("CREATE TABLE aliases (name TEXT, alias TEXT, version INTEGER, PRIMARY KEY (name, alias))")
for version in (1, 2, 1):  # promote v1, promote v2, roll back to v1
    demo_db.execute("INSERT OR REPLACE INTO aliases VALUES ('churn', 'production', ?)", (version,))
    print("production ->", demo_db.execute("SELECT version FROM aliases WHERE alias = 'production'").fetchone()[0])
demo_db.close()

# %% [markdown] course={"kind": "lesson", "id": "security-talking", "covers": ["part-security", "part-talking-points"]}
# ### Security, and how to talk about the platform
#
# - **Model access control**: who may *promote* is a different question from who may *register*; in a real
#   registry `set_alias("production")` is a privileged call behind authentication, and the `audit` table of
#   milestone 2 records every move (old and new version).
# - **Pickles are code**: `pickle.loads` runs whatever the blob says, so a registry must only load blobs it wrote.
#   Store a sha256 of each artifact beside it and check it before loading (the demo below), or use a format that
#   is data only (ONNX, safetensors) where the model allows.
# - **Data encryption**: metadata database and artifact bucket encrypted at rest (PostgreSQL on encrypted volumes,
#   S3 SSE-KMS), TLS between every service; features may be personal data, so the feature store needs retention
#   and deletion rules.
# - **Secure serving**: the prediction log holds user ids and inputs: restrict and expire it; validate input
#   (the pydantic schema answers 422 for a feature that is not a number, though in its default lax mode a numeric
#   string such as `"1.5"` is accepted and converted; it does not check the vector's length, so a wrong length
#   reaches `predict` and fails with 500 unless you compare it with the model's `n_features_in_`); rate-limit
#   per client.
#
# **Talking points** (the roadmap's, with numbers you can measure here rather than invent): "every production
# model has a lineage: run, parameters, data hash and commit" (milestone 2); "drift is measured per feature with
# PSI and retraining fires once per episode" (milestone 4); "A/B assignment is a pure function of the user id,
# identical on every replica" (milestone 5); "promotion and rollback are audited alias moves, served on the next
# request". In an interview say what you would change for scale (PostgreSQL, S3, Kubernetes Jobs, Prometheus) and
# why the small version was enough to prove the design.

# %% course={"kind": "demo"}
import pickle

blob = pickle.dumps({"weights": [0.5, -1.0]})
stored_digest = hashlib.sha256(blob).hexdigest()
tampered = blob.replace(b"weights", b"WEIGHTS")
for label, candidate in (("stored blob", blob), ("tampered blob", tampered)):
    ok = hashlib.sha256(candidate).hexdigest() == stored_digest
    print(f"{label}: digest matches = {ok}", "-> load" if ok else "-> refuse to unpickle")

# %% [markdown] course={"kind": "task", "id": "design-doc", "points": 10, "item": "f-training-job-orchestration"}
# ### Design document: `mlp` in production
#
# Write `23.3-mlops/DESIGN.md` (one to two pages) for running `mlp` for a team with 50 models in production.
# Cover: (1) the architecture with the real components (metadata database, artifact store, training jobs,
# serving, monitoring) and what replaces each offline stand-in; (2) how a training job is orchestrated and
# recovered (steps, retries, caching by data hash, idempotent registration); (3) scaling: multi-model serving,
# the feature store's offline and online halves, experiment data growth; (4) failure handling: model fallback,
# graceful degradation, drift alerting; (5) security: promotion rights, artifact integrity, encryption, audit,
# the prediction log's personal data; (6) two trade-offs you chose and what you gave up.

# %% [markdown] course={"kind": "rubric"}
# 10 points:
# - 2: architecture names a real component for each stand-in (PostgreSQL, S3/GCS, Kubernetes Jobs, Prometheus)
#   and says what changes in the code (connection, artifact URIs, job submission).
# - 2: orchestration: steps of a training pipeline, retries with a limit, caching or skipping by data hash and
#   code version, and why registering twice after a retry does not create two versions (or how it is detected).
# - 2: scaling: at least two of multi-model serving (loading by alias, cache by version), offline vs online
#   feature store, metrics partitioning/retention, distributed training; with a number or bound for each.
# - 2: failure and security: fallback to a pinned version and rollback by alias; drift alerts with patience;
#   who may promote; artifact checksums before unpickling; encryption at rest and in transit; audit trail.
# - 2: two trade-offs stated with what was given up (e.g. load per request vs latency; PSI on inputs vs
#   waiting for labels; hashing users vs per-request randomisation), in the learner's own words.
