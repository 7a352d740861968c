"""course.runtime.metrics: a real /metrics endpoint that stops, and its scraper."""

from __future__ import annotations

import doctest
import threading
import urllib.error
from collections.abc import Iterable

import pytest
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from course.runtime import metrics
from course.runtime.metrics import metrics_server, samples, scrape, series_key, shared_metrics_server


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(metrics).failed == 0


def test_serves_its_own_registry_on_localhost_and_stops() -> None:
    registry = CollectorRegistry()
    Gauge("queue_depth", "Jobs waiting.", ["queue"], registry=registry).labels("email").set(7)
    before = set(threading.enumerate())
    with metrics_server(registry) as server:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/metrics")
        assert server.port > 0
        found = samples(scrape(server.url))
        assert found == {"queue_depth{queue=email}": 7.0}
        assert server.alive()
    assert not server.alive()
    assert set(threading.enumerate()) <= before
    with pytest.raises(urllib.error.URLError):
        scrape(server.url, timeout=1)
    server.stop()  # a second stop does nothing


def test_the_global_registry_is_not_served() -> None:
    with metrics_server(CollectorRegistry()) as server:
        text = scrape(server.url)
    assert text == ""
    assert any(REGISTRY.collect())  # the default registry has process/platform collectors we did not serve


def test_serve_switches_the_registry() -> None:
    first, second = CollectorRegistry(), CollectorRegistry()
    Counter("a", "A.", registry=first).inc()
    Counter("b", "B.", registry=second).inc(2)
    with metrics_server(first) as server:
        assert samples(scrape(server.url))["a_total"] == 1.0
        assert server.serve(second) is server and server.registry is second
        found = samples(scrape(server.url))
        assert "a_total" not in found and found["b_total"] == 2.0


def test_shared_server_is_one_per_process_and_remade_when_stopped() -> None:
    registry = CollectorRegistry()
    Counter("shared_hits", "Hits.", registry=registry).inc(5)
    one = shared_metrics_server(registry)
    assert shared_metrics_server() is one and one.registry is registry
    assert samples(scrape(one.url))["shared_hits_total"] == 5.0
    one.stop()
    two = shared_metrics_server()
    assert two is not one and two.alive()
    metrics._stop_shared()
    assert not two.alive()


class Broken(Collector):
    def collect(self) -> Iterable[Metric]:
        raise ConnectionError("source unreachable")


def test_a_failing_collector_gives_http_500_and_its_traceback_in_errors(capfd: pytest.CaptureFixture[str]) -> None:
    registry = CollectorRegistry()
    registry.register(Broken())
    with metrics_server(registry) as server:
        assert server.errors == ""
        with pytest.raises(urllib.error.HTTPError) as caught:
            scrape(server.url)
        assert caught.value.code == 500
        assert "ConnectionError: source unreachable" in server.errors
    assert "source unreachable" not in capfd.readouterr().err


def test_series_key_sorts_labels() -> None:
    assert series_key("up", {}) == "up"
    assert series_key("x", {"b": "2", "a": "1"}) == "x{a=1,b=2}"
