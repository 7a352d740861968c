"""A real Prometheus ``/metrics`` endpoint for one ``with`` block (or one per kernel), and a scraper for it.

>>> from prometheus_client import CollectorRegistry, Counter
>>> registry = CollectorRegistry()
>>> Counter("demo_events", "Events seen.", registry=registry).inc(3)
>>> with metrics_server(registry) as server:
...     samples(scrape(server.url))["demo_events_total"]
3.0

``metrics_server(registry)`` serves the library's own ``make_wsgi_app`` with its ``ThreadingWSGIServer`` (what
``start_http_server`` does, but with a short shutdown poll, so stopping takes milliseconds, not half a second) on
127.0.0.1 at a port the operating system picks, serving ``server.registry``: a registry of
the caller's, never the global default one. ``server.serve(other)`` switches the registry it serves, so one
server per kernel (``shared_metrics_server()``, stopped at exit) can show each demo's own registry. At the end
of the block the accept loop stops, the socket is closed and the thread is joined. ``scrape(url)`` is one
HTTP GET that ignores proxy settings; ``samples(text)`` parses exposition text with the library's parser into
``{"name{label=value,...}": value}``. A collector that raises makes the scrape answer HTTP 500; its traceback is
kept in ``server.errors`` rather than printed from the server's thread.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import threading
import urllib.request
from collections.abc import Iterable, Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

from prometheus_client import CollectorRegistry, make_wsgi_app
from prometheus_client.exposition import ThreadingWSGIServer
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import Collector

__all__ = ["MetricsServer", "metrics_server", "samples", "scrape", "series_key", "shared_metrics_server"]

LOCALHOST = "127.0.0.1"
POLL = 0.02  # seconds between the accept loop's checks for shutdown (the library's start_http_server uses 0.5)


class _Server(ThreadingWSGIServer):
    """The library's server, plus the text of the errors its requests raised (instead of stderr)."""

    errors: io.StringIO


class _Quiet(WSGIRequestHandler):
    """Log no request line to stderr (a notebook would show one per scrape); a collector's error goes to
    ``server.errors``, not to the notebook's stderr from a thread."""

    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def get_stderr(self) -> io.StringIO:
        return self.server.errors


class _Switch(Collector):
    """What the server really serves: whatever registry it was last told to."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterable[Metric]:
        return self.registry.collect()

    def restricted_registry(self, names: Iterable[str]) -> object:
        """``/metrics?name[]=...`` asks for a few metrics only: ask the current registry."""
        return self.registry.restricted_registry(names)


class MetricsServer:
    """A running ``/metrics`` endpoint: ``url``, the ``registry`` it serves, ``serve(other)``, ``stop()``."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._switch = _Switch(registry)
        self._httpd = make_server(LOCALHOST, 0, make_wsgi_app(self._switch), _Server, _Quiet)
        self._httpd.errors = io.StringIO()
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(POLL,), daemon=True)
        self._thread.start()
        self.port: int = self._httpd.server_address[1]
        self.url = f"http://{LOCALHOST}:{self.port}/metrics"
        self._stopped = False

    @property
    def registry(self) -> CollectorRegistry:
        return self._switch.registry

    def serve(self, registry: CollectorRegistry) -> MetricsServer:
        """Serve ``registry`` from now on (the next scrape sees it); returns the server."""
        self._switch.registry = registry
        return self

    @property
    def errors(self) -> str:
        """The tracebacks of scrapes that failed (a collector raised: the client got HTTP 500), oldest first."""
        return self._httpd.errors.getvalue()

    def alive(self) -> bool:
        """Whether it still answers: not stopped, and its thread is running."""
        return not self._stopped and self._thread.is_alive()

    def stop(self) -> None:
        """Stop accepting, close the listening socket and join the server's thread (again: nothing)."""
        if self._stopped:
            return
        self._stopped = True
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


@contextlib.contextmanager
def metrics_server(registry: CollectorRegistry) -> Iterator[MetricsServer]:
    """A real ``/metrics`` endpoint on 127.0.0.1 (free port) serving ``registry`` for one block."""
    server = MetricsServer(registry)
    try:
        yield server
    finally:
        server.stop()


_shared: list[MetricsServer] = []
_lock = threading.Lock()


def shared_metrics_server(registry: CollectorRegistry | None = None) -> MetricsServer:
    """One endpoint per process (a notebook's setup cell), made again if it was stopped, stopped at exit.
    With ``registry`` it serves that registry from now on."""
    with _lock:
        if _shared and not _shared[0].alive():
            _shared.pop().stop()
        if not _shared:
            _shared.append(MetricsServer(registry or CollectorRegistry()))
            atexit.register(_stop_shared)
        server = _shared[0]
    return server.serve(registry) if registry is not None else server


def _stop_shared() -> None:
    with _lock:
        while _shared:
            _shared.pop().stop()


def scrape(url: str, timeout: float = 5.0) -> str:
    """The body of one GET of ``url`` as text (UTF-8), ignoring any proxy the environment names."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


def series_key(name: str, labels: dict[str, str]) -> str:
    """``name{a=x,b=y}`` with labels sorted by name (just ``name`` without labels): a readable series id."""
    if not labels:
        return name
    return name + "{" + ",".join(f"{key}={labels[key]}" for key in sorted(labels)) + "}"


def samples(text: str) -> dict[str, float]:
    """Every sample of exposition ``text``, parsed by ``prometheus_client.parser``, keyed by ``series_key``."""
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[series_key(sample.name, dict(sample.labels))] = sample.value
    return found
