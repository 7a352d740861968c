"""Plain pytest tests of the platform: run ``python -m pytest -q`` in the repository folder."""

from mlp.drift import RetrainTrigger, psi
from mlp.features import FeatureStore
from mlp.registry import Registry
from mlp.tracking import Tracker


def test_best_run_and_registry() -> None:
    tracker = Tracker()
    first = tracker.start_run("demo", {"C": 1.0})
    second = tracker.start_run("demo", {"C": 0.1})
    tracker.log_metric(first, "auc", 0.80)
    tracker.log_metric(second, "auc", 0.85)
    assert tracker.best_run("demo", "auc") == second
    registry = Registry(tracker)
    version = registry.register("demo", {"weights": [1, 2]}, second, "hash", "abc123")
    registry.set_alias("demo", "production", version)
    assert registry.load("demo", "production") == (1, {"weights": [1, 2]})
    assert registry.lineage("demo", 1)["params"] == {"C": 0.1}


def test_point_in_time_and_drift() -> None:
    store = FeatureStore()
    store.write("u1", 10, {"spend": 5.0})
    store.write("u1", 20, {"spend": 9.0})
    assert store.get("u1", 15) == {"spend": 5.0}
    assert psi([1, 2, 3, 4] * 25, [1, 2, 3, 4] * 25) == 0.0
    trigger = RetrainTrigger(high=0.25, low=0.1, patience=2)
    assert [trigger.observe(s) for s in (0.3, 0.3, 0.3, 0.05, 0.3, 0.3)] == [False, True, False, False, False, True]
