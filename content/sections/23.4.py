# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this capstone** you have built `obs`, a small observability backend in a real repository next to
# this notebook: it ingests JSON log lines and answers label queries, scrapes a real Prometheus `/metrics`
# endpoint and computes `rate` and `sum by`, turns OpenTelemetry spans into trees, critical paths and waterfalls,
# joins an alert to the logs and traces of the same requests, evaluates alert rules with `for`, routes and
# deduplicates notifications, and serves all of it over HTTP with retention enforced.
#
# **What is real and what is not.** The `/metrics` endpoint is the real `prometheus-client` library on a real HTTP
# server at 127.0.0.1; the spans come from the real OpenTelemetry SDK; your API is FastAPI on a real `uvicorn`,
# called over real HTTP with `httpx`. What stands in for the big systems: your own in-memory stores instead of
# Loki/Elasticsearch, Prometheus's TSDB and Jaeger's storage; a fake clock instead of wall time (so an alert's
# `for: 5m` takes no time at all); a list of messages instead of PagerDuty or Slack. Nothing leaves the machine.
#
# Six milestones, one module each, built in order: later ones import earlier ones, and the last is the end-to-end
# test of the whole system. Then a design document.

# %% course={"kind": "setup", "id": "repo"}
# The repository (23.4-obs/ beside this notebook: given files copied in, never over yours) and what the tests use:
# a fake clock, a real /metrics endpoint, real OpenTelemetry spans, uvicorn for the API.
import json

import httpx
from opentelemetry import trace
from opentelemetry.trace import StatusCode
from prometheus_client import CollectorRegistry, Counter

from course.runtime.aio import serve
from course.runtime.capstone import workspace
from course.runtime.clock import FakeClock
from course.runtime.loadsite import refused_url
from course.runtime.metrics import metrics_server, samples, scrape
from course.runtime.tracing import tracing

repo = workspace("23.4-obs")


def jl(*entries: object) -> str:
    """JSON lines: each entry dumped on its own line (a str is kept as it is: a bad line)."""
    return "\n".join(entry if isinstance(entry, str) else json.dumps(entry) for entry in entries) + "\n"


def page(value: float, route: str = "/a") -> str:
    """A /metrics page with one counter sample, hits_total{route=...}."""
    return f'# TYPE hits counter\nhits_total{{route="{route}"}} {value}\n'


def otel_checkout(seed: int = 7) -> list:
    """One real OpenTelemetry trace with fixed times (ms after 1_000_000 s): checkout 0-10, cart 1-3, charge 3-9 (error)."""
    base = 1_000_000 * 10**9
    ms = 10**6
    with tracing(service="shop", seed=seed) as (tracer, exporter):
        root = tracer.start_span("checkout", start_time=base)
        inside = trace.set_span_in_context(root)
        cart = tracer.start_span("cart", context=inside, start_time=base + 1 * ms)
        cart.end(end_time=base + 3 * ms)
        charge = tracer.start_span("charge", context=inside, start_time=base + 3 * ms)
        charge.set_status(StatusCode.ERROR, "card declined")
        charge.end(end_time=base + 9 * ms)
        root.end(end_time=base + 10 * ms)
        return list(exporter.get_finished_spans())


# %% [markdown] course={"kind": "lesson", "id": "what-and-layout", "covers": ["part-overview", "part-architecture"]}
# ## What you are building, and how it is laid out
#
# An observability platform answers one question on a bad night: *what is wrong, and where?* It does that with
# three kinds of telemetry that each see something the others miss:
#
# | signal | one record is | good at | blind to |
# |---|---|---|---|
# | logs | a line of text with labels (`app`, `level`, `trace_id`) | the *why*: an error message, a stack trace | trends: counting lines is slow and costly |
# | metrics | a number per series per scrape (`requests_total{route="/pay"} 42`) | the *how much*: rates, latencies, alerting | single requests |
# | traces | a tree of timed spans for one request | the *where*: which hop was slow or failed | anything not sampled |
#
# The roadmap draws four services behind one API (logs, metrics, traces, alerting) in front of Loki, Prometheus,
# Jaeger and PagerDuty. Our repository keeps that shape in one process, one module per box:
#
# ```
#            HTTP (FastAPI on uvicorn)          obs/app.py        milestone 6
#   ┌───────────┬──────────────┬──────────────┬───────────────┐
#   │ logs.py   │ metrics.py   │ traces.py    │ alerts.py     │   milestones 1, 2, 3, 5
#   │ LogStore  │ MetricStore  │ tree, path,  │ rules + for,  │
#   │ + index   │ rate, sum by │ waterfall    │ routing,dedup │
#   └─────┬─────┴──────┬───────┴──────┬───────┴───────┬───────┘
#         └────── correlate.py (trace_id joins them) ─┘          milestone 4
#   pulled:  a real /metrics endpoint (prometheus-client)    pushed: JSON log lines, OTel spans
# ```
#
# Metrics are **pulled** (the platform scrapes each target on a schedule, as Prometheus does); logs and spans are
# **pushed** (agents such as Promtail or an OpenTelemetry collector send them). The one thing people get wrong
# about the architecture: treating the three signals as three separate products. The value is in the **join**
# (an alert on a metric, then the traces in that window, then the log lines of those traces), which only works
# if every signal carries the same `service` name and the logs carry the `trace_id`.

# %% course={"kind": "demo"}
# The repository as the course gives it: the package, a README, a pyproject and a couple of plain pytest tests.
# Your milestones add obs/logs.py, metrics.py, traces.py, correlate.py, alerts.py and app.py.
for name in repo.files():
    print(name)

# %% [markdown] course={"kind": "lesson", "id": "real-and-stand-ins", "covers": ["part-tech-stack"]}
# ## The tech stack: the real tools and our stand-ins
#
# | roadmap tool | what it does in production | here |
# |---|---|---|
# | FastAPI | the platform's API | FastAPI, served by a real uvicorn on 127.0.0.1 |
# | Loki / Elasticsearch | log storage: Loki indexes only labels and greps compressed chunks; Elasticsearch indexes every word | `LogStore`: a label index and a substring filter, the Loki design in miniature |
# | Prometheus | scrapes targets, keeps series in a TSDB, evaluates PromQL and alert rules | `MetricStore` scraping a real `prometheus-client` endpoint; `rate` and `sum by` by hand |
# | Jaeger | stores spans, shows a trace as a waterfall | `traces.py` over spans from the real OpenTelemetry SDK |
# | Grafana | dashboards over all of these | the HTTP query endpoints (a dashboard is a list of such queries) |
# | Alertmanager, PagerDuty, Slack | grouping, deduplication, routing, paging | `alerts.py`: a list of messages instead of a page |
#
# Why build the small version when the real tools exist: interviewers ask how `rate()` handles a counter reset,
# why Loki refuses a query without a label matcher, what `for: 5m` does to an alert. After this capstone you have
# written each of those. What the real tools add is mostly scale and durability: compressed chunks on object
# storage, write-ahead logs, replication, a query planner. The demo below shows the real exposition format your
# scraper reads.

# %% course={"kind": "demo"}
# A real Prometheus endpoint (prometheus-client on a real HTTP server), scraped once: this text is what
# MetricStore.add_scrape receives. Counters gain a _total suffix and a _created sample.
shop_registry = CollectorRegistry()
served = Counter("requests", "Requests served", ["route"], registry=shop_registry)
served.labels("/pay").inc(3)
with metrics_server(shop_registry) as endpoint:
    body = scrape(endpoint.url)
print("\n".join(line for line in body.splitlines() if "requests" in line and "_created" not in line))
print({key: value for key, value in samples(body).items() if key.startswith("requests_total")})

# %% [markdown] course={"kind": "lesson", "id": "features-map", "covers": ["part-features", "f-dashboard-builder", "f-cost-management", "f-notification-routing", "f-slo-tracking"]}
# ## The features, milestone by milestone
#
# The roadmap lists ten features. Six are milestones below; the others are covered here and in the design doc:
#
# | feature | where |
# |---|---|
# | log ingestion and querying | milestone 1, `logs.py` |
# | metric collection and aggregation | milestone 2, `metrics.py` |
# | trace collection and visualisation | milestone 3, `traces.py` |
# | correlation across signals | milestone 4, `correlate.py` |
# | alert rules, notification routing | milestone 5, `alerts.py` |
# | retention policies (and the whole API) | milestone 6, `app.py` |
# | SLO tracking | section 18.4 built burn rates; an SLO alert is one more `Rule` whose query is a burn rate |
# | dashboard builder | a dashboard is a saved list of queries (`GET /logs?query=...`, `GET /rate?...`) and a layout: the design doc |
# | cost management | bytes ingested per label (`app`, `team`) times a price: the demo below |
#
# A trace is easiest to understand by looking at one. The spans below come from the real OpenTelemetry SDK; the
# parent of each span is a *span context* (trace id plus span id), and times are **nanoseconds** since the epoch.
# Milestone 3 turns exactly these objects into a tree and a waterfall.

# %% course={"kind": "demo"}
# Real SDK spans, as an exporter hands them to a backend (ids from a seeded generator, so they print the same).
for span in otel_checkout():
    parent = "root" if span.parent is None else format(span.parent.span_id, "016x")
    print(f"{span.name:9} trace={format(span.context.trace_id, '032x')[:8]}.. "
          f"span={format(span.context.span_id, '016x')} parent={parent:16} "
          f"{(span.end_time - span.start_time) / 1e6:.0f} ms {span.status.status_code.name}")

# %% course={"kind": "demo"}
# Cost management in one table: what each team's logs cost per month at an assumed $0.50 per GB ingested.
# A real platform reads these bytes from its ingestion counters; the lesson is that cost follows labels.
ingested = {"payments": 42e9, "search": 310e9, "web": 5e9}
for team, size in sorted(ingested.items(), key=lambda pair: -pair[1]):
    print(f"{team:9} {size / 1e9:6.0f} GB  ${size / 1e9 * 0.50:7.2f}")


# %% [markdown] course={"kind": "exercise", "id": "logs", "item": "f-log-ingestion-and-querying"}
# ### Milestone 1: log ingestion and querying (`obs/logs.py`)
#
# Logs arrive as **JSON lines**, one entry per line: `{"ts": 12.5, "labels": {"app": "api", "level": "error"},
# "line": "timeout talking to db"}`. Write, in the cell below (it writes the file `23.4-obs/obs/logs.py`):
#
# - `parse_query(query)`: the query language, a small LogQL. `{app="api", level!="debug"} |= "db"` gives
#   `({"app": "api"}, {"level": "debug"}, "db")`: the `=` matchers, the `!=` matchers and the optional text filter
#   (`None` without one). Raise `ValueError` for anything that is not a query, and for a query with no `=` matcher
#   (Loki refuses those too: they would read every line). The two regular expressions are given.
# - `valid(entry)`: a parsed line is an entry when it is a dict with a number `ts` (a `bool` is not a number here),
#   `labels` a dict of strings, and a string `line`.
# - `LogStore.ingest(text)`: add every valid line, count every other non-blank line in `self.bad` (a bad line never
#   stops the batch); return how many were added. `_add(entry)` appends and indexes: `self.index[(label, value)]`
#   is the list of positions in `self.entries` of the entries with that label.
# - `LogStore.query(query, start=None, end=None)`: the entries matching every `=` matcher (found through the
#   index), none of the `!=` matchers (an entry **without** the label matches `!=`), containing the text
#   (case-sensitive, as Loki's `|=` is), with `start <= ts < end` (a bound of `None` is no bound; `0` is a bound);
#   oldest first, arrival order among equal times.
# - `LogStore.drop_before(cutoff)`: retention: remove the entries with `ts < cutoff`, keep the index right, return
#   how many were removed.
#
# Example: after `ingest(jl({"ts": 2, "labels": {"app": "api"}, "line": "timeout"}, "oops"))`, `store.bad == 1`
# and `store.query('{app="api"} |= "time"')` is that one entry.

# %% [markdown] course={"kind": "hint"}
# In `query`, intersect the position sets of the `=` matchers (`set(self.index.get(pair, ()))`), then check each
# remaining entry against the rest. `dict.get(label)` is `None` for a missing label, which is never equal to a value.

# %% [markdown] course={"kind": "hint"}
# After removing entries in `drop_before`, every position in the index is stale: rebuild the index from the
# entries you keep (`_add` each of them into empty lists).

# %% course={"kind": "solution", "file": "23.4-obs/obs/logs.py"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    ### BEGIN SOLUTION
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)
    ### END SOLUTION


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    ### BEGIN SOLUTION
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)
    ### END SOLUTION


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        ### BEGIN SOLUTION
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added
        ### END SOLUTION

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        ### BEGIN SOLUTION
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)
        ### END SOLUTION

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        ### BEGIN SOLUTION
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])
        ### END SOLUTION

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        ### BEGIN SOLUTION
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
logs = repo.load("obs.logs")
store = logs.LogStore()
added = store.ingest(jl(
    {"ts": 2, "labels": {"app": "api", "level": "error"}, "line": "timeout talking to db"},
    {"ts": 1, "labels": {"app": "api", "level": "info"}, "line": "GET /cart 200"},
    "not json at all",
    {"ts": 3, "labels": {"app": "web"}, "line": "timeout rendering"},
))
assert (added, store.bad) == (3, 1), f"3 entries added and 1 bad line counted, got {(added, store.bad)}"
assert store.index[("app", "api")] == [0, 1], store.index
assert [e["line"] for e in store.query('{app="api"}')] == ["GET /cart 200", "timeout talking to db"], "oldest first"
assert [e["line"] for e in store.query('{app="api"} |= "timeout"')] == ["timeout talking to db"]
assert [e["line"] for e in store.query('{app="api", level!="info"}')] == ["timeout talking to db"]
assert logs.parse_query('{app="api", level!="debug"} |= "db"') == ({"app": "api"}, {"level": "debug"}, "db")
### BEGIN HIDDEN TESTS
assert logs.parse_query(' { app = "a" } ') == ({"app": "a"}, {}, None)
for bad_query in ['{level!="x"}', 'app="api"', "{app=api}", "{}", '{app="a"} |= x', '{app="a"} != "x"']:
    try:
        logs.parse_query(bad_query)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parse_query({bad_query!r}) should raise ValueError")
store = logs.LogStore()
bad_lines = [
    "", "   ", "[1, 2]", "null", "{broken", json.dumps({"ts": True, "labels": {}, "line": "x"}),
    json.dumps({"ts": "1", "labels": {}, "line": "x"}), json.dumps({"ts": 1, "labels": {"a": 1}, "line": "x"}),
    json.dumps({"ts": 1, "labels": ["a"], "line": "x"}), json.dumps({"ts": 1, "labels": {}, "line": 5}),
    json.dumps({"labels": {}, "line": "x"}),
]
assert store.ingest("\n".join(bad_lines)) == 0 and store.bad == 9, f"blank lines are skipped, 9 bad, got {store.bad}"
assert store.ingest(jl(
    {"ts": 5, "labels": {"app": "web", "pod": "b"}, "line": "five-b"},
    {"ts": 5.0, "labels": {"app": "web", "pod": "a", "level": "debug"}, "line": "five-a"},
    {"ts": 4, "labels": {"app": "web", "pod": "a"}, "line": "four-a"},
    {"ts": 9, "labels": {"app": "web", "pod": "a", "level": "error"}, "line": "nine-a ünïcode"},
)) == 4 and store.bad == 9
assert [e["line"] for e in store.query('{app="web"}')] == ["four-a", "five-b", "five-a", "nine-a ünïcode"]
assert [e["line"] for e in store.query('{app="web", pod="a"}')] == ["four-a", "five-a", "nine-a ünïcode"]
assert [e["line"] for e in store.query('{app="web", level!="debug"}')] == ["four-a", "five-b", "nine-a ünïcode"]
assert [e["line"] for e in store.query('{app="web"}', start=5, end=9)] == ["five-b", "five-a"], "start <= ts < end"
assert [e["line"] for e in store.query('{app="web"}', start=4.5)] == ["five-b", "five-a", "nine-a ünïcode"]
assert [e["line"] for e in store.query('{app="web"} |= "ünï"')] == ["nine-a ünïcode"]
assert store.query('{app="web"} |= "NINE"') == [], "the text filter is case-sensitive, like Loki's |="
assert store.query('{app="web"}', end=0) == [], "end=0 is a bound (only None means no bound): nothing is before 0"
assert len(store.query('{app="web"}', start=0)) == 4
assert store.query('{app="nope"}') == [] and store.query('{app="web", pod="c"}') == []
assert store.drop_before(5) == 1, "only ts 4 is older than 5"
assert [e["line"] for e in store.query('{app="web", pod="a"}')] == ["five-a", "nine-a ünïcode"], "index after retention"
assert store.index[("pod", "b")] == [0] and store.drop_before(0) == 0
assert logs.valid({"ts": 1, "labels": {"a": "b"}, "line": "x"}) is True
assert logs.valid([1]) is False and logs.valid({"ts": None, "labels": {}, "line": "x"}) is False
assert logs.valid({"ts": 1, "labels": {"a": 2}, "line": "x"}) is False and logs.valid({"ts": 1, "labels": {}}) is False
same = logs.LogStore()
same.ingest(jl(*({"ts": 0, "labels": {"app": "api", "user": str(i % 10)}, "line": f"s{i}"} for i in range(1000))))
assert [e["line"] for e in same.query('{app="api", user="3"}')] == [f"s{i}" for i in range(3, 1000, 10)], "arrival order"
big = logs.LogStore()
big.ingest(jl(*({"ts": i, "labels": {"app": "api", "user": str(i % 100)}, "line": f"n{i}"} for i in range(5000))))
assert [e["line"] for e in big.query('{app="api", user="7"}', start=4000)] == [f"n{i}" for i in range(4007, 5000, 100)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "not-equal-drops-missing-label"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k, v) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed

# %% course={"kind": "wrong", "id": "arrival-order"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed

# %% course={"kind": "wrong", "id": "stale-index"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries = kept
        return removed

# %% course={"kind": "wrong", "id": "end-inclusive"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] > end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed

# %% course={"kind": "wrong", "id": "only-json-checked"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed


# %% course={"kind": "wrong", "id": "text-filter-ignores-case"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text.lower() not in entry["line"].lower():
                continue
            if (start is not None and entry["ts"] < start) or (end is not None and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed

# %% course={"kind": "wrong", "id": "zero-bound-ignored"}
"""Log ingestion and querying: JSON lines in, a label index, `{app="api"} |= "text"` queries out."""

import json
import re

QUERY = re.compile(r'^\s*\{(.*)\}\s*(?:\|=\s*"([^"]*)")?\s*$')
MATCHER = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*"([^"]*)"\s*')


def parse_query(query: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """`{app="api", level!="debug"} |= "db"` -> ({"app": "api"}, {"level": "debug"}, "db").

    The text filter is None when there is none. ValueError for anything else, and for a query
    without an `=` matcher (it would read every line the store holds)."""
    found = QUERY.match(query)
    if found is None:
        raise ValueError(f"not a query: {query!r}")
    equal: dict[str, str] = {}
    not_equal: dict[str, str] = {}
    for part in found.group(1).split(","):
        matcher = MATCHER.fullmatch(part)
        if matcher is None:
            raise ValueError(f"not a label matcher: {part!r}")
        name, op, value = matcher.groups()
        (equal if op == "=" else not_equal)[name] = value
    if not equal:
        raise ValueError("a query needs at least one = matcher")
    return equal, not_equal, found.group(2)


def valid(entry: object) -> bool:
    """Whether a parsed line is an entry: {"ts": number (not bool), "labels": {str: str}, "line": str}."""
    if not isinstance(entry, dict):
        return False
    ts, labels = entry.get("ts"), entry.get("labels")
    if isinstance(ts, bool) or not isinstance(ts, int | float):
        return False
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        return False
    return isinstance(entry.get("line"), str)


class LogStore:
    """Entries in arrival order, and an index from (label, value) to their positions in `entries`."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.bad = 0

    def ingest(self, text: str) -> int:
        """Add every valid JSON line of `text`; count the others in `self.bad` (blank lines are skipped).
        Returns how many entries were added."""
        added = 0
        for raw in text.splitlines():
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            if not valid(entry):
                self.bad += 1
                continue
            self._add(entry)
            added += 1
        return added

    def _add(self, entry: dict) -> None:
        """Append one entry and index each of its labels."""
        position = len(self.entries)
        self.entries.append(entry)
        for pair in entry["labels"].items():
            self.index.setdefault(pair, []).append(position)

    def query(self, query: str, start: float | None = None, end: float | None = None) -> list[dict]:
        """The entries that match `query` with start <= ts < end (None: no bound), oldest first
        (arrival order among equal times). A `!=` matcher also matches an entry without that label."""
        equal, not_equal, text = parse_query(query)
        positions = None
        for pair in equal.items():
            found = set(self.index.get(pair, ()))
            positions = found if positions is None else positions & found
        result = []
        for position in sorted(positions or ()):
            entry = self.entries[position]
            if any(entry["labels"].get(k) == v for k, v in not_equal.items()):
                continue
            if text is not None and text not in entry["line"]:
                continue
            if (start and entry["ts"] < start) or (end and entry["ts"] >= end):
                continue
            result.append(entry)
        return sorted(result, key=lambda entry: entry["ts"])

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove every entry with ts < cutoff (the index too); returns how many went."""
        kept = [entry for entry in self.entries if entry["ts"] >= cutoff]
        removed = len(self.entries) - len(kept)
        self.entries, self.index = [], {}
        for entry in kept:
            self._add(entry)
        return removed


# %% [markdown] course={"kind": "exercise", "id": "metrics", "item": "f-metric-collection-and-aggregation"}
# ### Milestone 2: metric collection and aggregation (`obs/metrics.py`)
#
# The platform **pulls** metrics: it scrapes a `/metrics` page (the Prometheus text format), stamps every sample with
# the scrape time and the target's `job`, and stores points per series. `parse(text)` is given (it uses
# `prometheus_client`'s own parser). Write:
#
# - `MetricStore.add_scrape(text, ts, job)`: store each sample of the page at time `ts` under the key
#   `(name, tuple(sorted(labels.items())))`, where the labels include `job=<job>`; return the number of samples.
# - `MetricStore.rate(name, window, now, by=())`: PromQL's `sum by (...) (rate(name[window]))`, simplified. For each
#   series of `name`, take its points with `now - window < ts <= now` (left-open, as Prometheus 3's range selectors);
#   with fewer than two, leave the series out.
#   The increase adds `value - previous` at each step, or just `value` when the counter went **down** (the process
#   restarted and its counter began again at 0). The series' rate is the increase divided by the time between its
#   first and last point used. Sum the rates of the series with the same values of the labels `by` (`""` for a
#   missing label): return `{(values...): rate}`; `by=()` gives one key, `()`.
# - `MetricStore.drop_before(cutoff)`: retention: remove points with `ts < cutoff`, and series left with none; return
#   how many points were removed.
#
# Example: `hits_total{route="/a"}` scraped as 10, 30, 5 at 0, 10, 20 s: `rate("hits_total", 60, 20)` is
# `{(): 1.25}` (20 up, then a reset to 5: 25 over 20 s).

# %% [markdown] course={"kind": "hint"}
# Pair each point with the next one: `zip(used, used[1:])`. A counter never goes down except when it restarts,
# so a drop means everything it counts now happened since the restart.

# %% [markdown] course={"kind": "hint"}
# Divide by `used[-1][0] - used[0][0]`, not by the window: scrapes rarely line up with the window's edges, and the
# increase you measured covers only the time between your first and last point. (Prometheus itself extrapolates
# that increase out to the window's edges and then divides by the window; we skip the extrapolation.)

# %% course={"kind": "solution", "file": "23.4-obs/obs/metrics.py"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        ### BEGIN SOLUTION
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)
        ### END SOLUTION

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        ### BEGIN SOLUTION
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before if after >= before else after
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / (used[-1][0] - used[0][0])
        return result
        ### END SOLUTION

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        ### BEGIN SOLUTION
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
metrics = repo.load("obs.metrics")
shop = CollectorRegistry()
hits = Counter("requests", "Requests served", ["route"], registry=shop)
hits.labels("/cart").inc(5)
hits.labels("/pay").inc(1)
mstore = metrics.MetricStore()
with metrics_server(shop) as target:
    first = scrape(target.url)
    assert mstore.add_scrape(first, 0.0, "shop") == len(samples(first)), "one point per sample of the page"
    hits.labels("/cart").inc(20)
    mstore.add_scrape(scrape(target.url), 10.0, "shop")
assert mstore.series[("requests_total", (("job", "shop"), ("route", "/cart")))] == [(0.0, 5.0), (10.0, 25.0)]
assert mstore.rate("requests_total", 60, 10.0, by=("route",)) == {("/cart",): 2.0, ("/pay",): 0.0}
assert mstore.rate("requests_total", 60, 10.0) == {(): 2.0}, "by=() sums every series"
reset = metrics.MetricStore()
for ts, value in [(0, 10), (10, 30), (20, 5)]:
    reset.add_scrape(page(value), ts, "web")
assert reset.rate("hits_total", 60, 20) == {(): 1.25}, "a counter reset adds the new value, not a negative step"
### BEGIN HIDDEN TESTS
assert reset.rate("hits_total", 20, 20) == {(): 0.5}, "the window is open at its start: now - window < ts"
assert reset.rate("hits_total", 10, 20) == {}, "one point in the window: no rate"
assert reset.rate("hits_total", 60, 10) == {(): 2.0} and reset.rate("other", 60, 20) == {}
assert reset.rate("hits_total", 60, 20, by=("route", "pod")) == {("/a", ""): 1.25}, "missing label -> empty string"
jobs = metrics.MetricStore()
for ts, value in [(0, 0), (5, 10), (15, 30)]:
    jobs.add_scrape(page(value), ts, "blue")
    jobs.add_scrape(page(value * 2, route="/b"), ts, "green")
    jobs.add_scrape(page(value * 3), ts, "green")
assert jobs.rate("hits_total", 100, 15, by=("job",)) == {("blue",): 2.0, ("green",): 10.0}, "job is a label"
assert jobs.rate("hits_total", 100, 15, by=("route",)) == {("/a",): 8.0, ("/b",): 4.0}
assert jobs.rate("hits_total", 12, 15, by=("job",)) == {("blue",): 2.0, ("green",): 10.0}, "rate over 10 s"
assert jobs.add_scrape("", 20, "blue") == 0
mixed = metrics.MetricStore()
mixed.add_scrape("# TYPE aaa counter\naaa_total 1\n" + page(5, "/lonely"), 0, "m")
mixed.add_scrape("# TYPE aaa counter\naaa_total 2\n" + page(1), 10, "m")
mixed.add_scrape(page(3), 20, "m")
assert mixed.rate("hits_total", 100, 20, by=("route",)) == {("/a",): 0.2}, "other names and lone points are skipped"
assert jobs.drop_before(5) == 3 and jobs.drop_before(5) == 0, "ts 0 of three series"
assert jobs.drop_before(15.5) == 6 and jobs.series == {}, "series left empty are removed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reset-goes-negative"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / (used[-1][0] - used[0][0])
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed

# %% course={"kind": "wrong", "id": "divides-by-window"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before if after >= before else after
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / window
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed

# %% course={"kind": "wrong", "id": "job-label-forgotten"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted(labels.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before if after >= before else after
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / (used[-1][0] - used[0][0])
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed

# %% course={"kind": "wrong", "id": "window-closed-at-start"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window <= ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before if after >= before else after
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / (used[-1][0] - used[0][0])
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed


# %% course={"kind": "wrong", "id": "reset-only-at-end"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            first, last = used[0][1], used[-1][1]
            increase = last - first if last >= first else last
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result[group] = result.get(group, 0.0) + increase / (used[-1][0] - used[0][0])
        return result

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed

# %% course={"kind": "wrong", "id": "average-by"}
"""Metric collection and aggregation: scraped samples stored as series, `rate` and `sum by`."""

from prometheus_client.parser import text_string_to_metric_families


def parse(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Every sample of a `/metrics` page as (name, labels, value), read by prometheus_client's parser."""
    return [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(text) for s in f.samples]


class MetricStore:
    """`series` maps (name, sorted label pairs) to its points [(ts, value), ...], oldest first."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[float, float]]] = {}

    def add_scrape(self, text: str, ts: float, job: str) -> int:
        """Store every sample of `text` at time `ts`, with the label job=<job> added; returns how many."""
        found = parse(text)
        for name, labels, value in found:
            key = (name, tuple(sorted({**labels, "job": job}.items())))
            self.series.setdefault(key, []).append((ts, value))
        return len(found)

    def rate(self, name: str, window: float, now: float, by: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
        """The per-second increase of counter `name` over the points with now - window < ts <= now,
        summed by the labels `by`: {(value of each `by` label, "" when missing): rate}.

        Per series: fewer than two points in the window -> left out; the increase adds each step
        value - previous, or the value itself after a counter reset (value < previous); the rate is
        the increase divided by (last ts - first ts) of the points used."""
        result: dict[tuple[str, ...], float] = {}
        for (series_name, pairs), points in self.series.items():
            if series_name != name:
                continue
            used = [(ts, value) for ts, value in points if now - window < ts <= now]
            if len(used) < 2:
                continue
            increase = 0.0
            for (_, before), (_, after) in zip(used, used[1:]):
                increase += after - before if after >= before else after
            labels = dict(pairs)
            group = tuple(labels.get(label, "") for label in by)
            result.setdefault(group, []).append(increase / (used[-1][0] - used[0][0]))
        return {group: sum(rates) / len(rates) for group, rates in result.items()}

    def drop_before(self, cutoff: float) -> int:
        """Retention: remove the points with ts < cutoff, and series left empty; returns how many points went."""
        removed = 0
        for key in list(self.series):
            kept = [point for point in self.series[key] if point[0] >= cutoff]
            removed += len(self.series[key]) - len(kept)
            if kept:
                self.series[key] = kept
            else:
                del self.series[key]
        return removed


# %% [markdown] course={"kind": "exercise", "id": "traces", "item": "f-trace-collection-and-visualization"}
# ### Milestone 3: trace collection and visualisation (`obs/traces.py`)
#
# Spans arrive from the OpenTelemetry SDK (the demo above printed some). The given `Span` (in `obs/model.py`) is the
# platform's own shape: `Span(trace_id, span_id, parent_id, name, start, end, error=False)`, times in milliseconds.
# Write:
#
# - `from_otel(spans)`: SDK spans to `Span`s, same order: `format(id, "032x")` for trace ids and `"016x"` for span
#   ids, `parent_id` from `span.parent` (`None` for a root), times divided from nanoseconds to milliseconds,
#   `error` when `span.status.status_code == StatusCode.ERROR`.
# - `tree(spans)`: `(roots, children, orphans)`: spans without a parent, a dict from a span id to its children,
#   and the spans whose parent is **not** among the spans (lost in transit or not sampled); lists sorted by
#   `(start, name)`.
# - `critical_path(spans)`: from the first root (in `(start, name)` order), step into the child that **ends last**
#   (the one its parent waited for) until a leaf; the names. `ValueError` without a root.
# - `waterfall(spans)`: the text view of a trace. One line per span, depth first: two spaces per level, the name,
#   the start offset from the earliest span (root or orphan) and the duration, each rounded to the nearest whole ms
#   (`f"{ms:.0f}"`), and ` !` on an error; after the roots, each orphan with its subtree, every line prefixed `? `.
#   `""` for no spans.
#
# Example (the trace of `otel_checkout()`):
# ```
# checkout 0ms +10ms
#   cart 1ms +2ms
#   charge 3ms +6ms !
# ```

# %% [markdown] course={"kind": "hint"}
# The critical path is not the longest child: a short call that starts late and ends last is what the parent waited
# for. `max(below, key=lambda child: child.end)` keeps the first of equal ends.

# %% [markdown] course={"kind": "hint"}
# For the waterfall, a nested function `walk(span, depth, mark)` that appends a line and then walks
# `children.get(span.span_id, [])` with `depth + 1` does the whole tree.

# %% course={"kind": "solution", "file": "23.4-obs/obs/traces.py"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    ### BEGIN SOLUTION
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result
    ### END SOLUTION


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ### BEGIN SOLUTION
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans
    ### END SOLUTION


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    ### BEGIN SOLUTION
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    for _ in spans:  # a path visits each span at most once: a malformed trace cannot loop forever
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            break
        span = max(below, key=lambda child: child.end)
    return path
    ### END SOLUTION


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    ### BEGIN SOLUTION
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
traces = repo.load("obs.traces")
raw = otel_checkout()
spans = traces.from_otel(raw)
assert [s.name for s in spans] == ["cart", "charge", "checkout"], "same order as the SDK's spans"
cart, charge, checkout = spans
assert checkout.parent_id is None and cart.parent_id == charge.parent_id == checkout.span_id
assert len(checkout.trace_id) == 32 and len(checkout.span_id) == 16 and cart.trace_id == checkout.trace_id
assert (cart.start, cart.end) == (1_000_000_001.0, 1_000_000_003.0), f"milliseconds, got {cart.start}"
assert (charge.error, cart.error) == (True, False)
assert traces.critical_path(spans) == ["checkout", "charge"]
assert traces.waterfall(spans) == "checkout 0ms +10ms\n  cart 1ms +2ms\n  charge 3ms +6ms !"
### BEGIN HIDDEN TESTS
assert checkout.span_id == format(raw[2].context.span_id, "016x") and checkout.trace_id == format(raw[2].context.trace_id, "032x")
assert all(isinstance(s, traces.Span) for s in spans) and traces.from_otel([]) == []
S = traces.Span
lost = [
    S("t", "r", None, "root", 0, 20), S("t", "a", "r", "slow-early", 0, 8), S("t", "b", "r", "short-late", 7, 9),
    S("t", "c", "b", "leaf", 7.4, 8.6), S("t", "o", "gone", "orphan", 12, 13), S("t", "p", "o", "under-orphan", 12, 12.4, True),
]
roots, children, orphans = traces.tree(lost)
assert [s.name for s in roots] == ["root"] and [s.name for s in orphans] == ["orphan"]
assert {k: [s.name for s in v] for k, v in children.items()} == {"r": ["slow-early", "short-late"], "b": ["leaf"], "o": ["under-orphan"]}
assert traces.critical_path(lost) == ["root", "short-late", "leaf"], "the child that ends last, not the longest"
assert traces.waterfall(lost) == "\n".join([
    "root 0ms +20ms", "  slow-early 0ms +8ms", "  short-late 7ms +2ms", "    leaf 7ms +1ms",
    "? orphan 12ms +1ms", "?   under-orphan 12ms +0ms !",
])
assert traces.waterfall([]) == ""
spread = [S("t", "q", None, "later-root", 4, 5), S("t", "o", "gone", "early-orphan", 0, 1.7), S("t", "r", None, "late-root", 2.6, 10)]
assert traces.critical_path(spread) == ["late-root"], "the first root in (start, name) order, not in input order"
assert traces.waterfall(spread) == "late-root 3ms +7ms\nlater-root 4ms +1ms\n? early-orphan 0ms +2ms", (
    "offsets from the earliest span (here an orphan), rounded to the nearest ms: " + repr(traces.waterfall(spread)))
with tracing(service="fine", seed=3) as (fine_tracer, fine_exporter):
    fine_tracer.start_span("fine", start_time=10**15 + 1_500_000).end(end_time=10**15 + 2_250_000)
    fine = traces.from_otel(fine_exporter.get_finished_spans())
assert (fine[0].start, fine[0].end) == (1_000_000_001.5, 1_000_000_002.25), "sub-millisecond times are kept"
ties = [S("t", "r", None, "r", 0, 10), S("t", "y", "r", "y", 2, 6), S("t", "x", "r", "x", 2, 6), S("t", "z", "r", "z", 1, 6)]
assert traces.critical_path(ties) == ["r", "z"], "equal ends: the first in (start, name) order"
assert [s.name for s in traces.tree(ties)[1]["r"]] == ["z", "x", "y"]
try:
    traces.critical_path([S("t", "o", "gone", "orphan", 0, 1)])
except ValueError:
    pass
else:
    raise AssertionError("a trace without a root has no critical path: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "longest-child"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end - child.start)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "orphans-as-roots"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None or span.parent_id not in ids:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "nanoseconds-as-seconds"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e9, span.end_time / 1e9, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "orphans-hidden"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    return "\n".join(lines)


# %% course={"kind": "wrong", "id": "first-root-in-input-order"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], next(span for span in spans if span.parent_id is None)
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "truncated-ms"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = min(span.start for span in spans)
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {int(span.start - first)}ms +{int(span.end - span.start)}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "offset-from-first-root"}
"""Trace collection and visualisation: spans to trees, orphans, the critical path, a text waterfall."""

from opentelemetry.trace import StatusCode

from obs.model import Span


def from_otel(spans: list) -> list[Span]:
    """Finished OpenTelemetry SDK spans (`ReadableSpan`) as `Span`s, in the same order: ids as lowercase
    hex (32 digits for a trace, 16 for a span), parent_id None for a root, times in milliseconds
    (the SDK counts nanoseconds), error when the span's status code is ERROR."""
    result = []
    for span in spans:
        parent = None if span.parent is None else format(span.parent.span_id, "016x")
        result.append(Span(
            format(span.context.trace_id, "032x"), format(span.context.span_id, "016x"), parent, span.name,
            span.start_time / 1e6, span.end_time / 1e6, span.status.status_code == StatusCode.ERROR,
        ))
    return result


def tree(spans: list[Span]) -> tuple[list[Span], dict[str, list[Span]], list[Span]]:
    """(roots, children, orphans) of one trace: roots have no parent, orphans name a parent that is not
    among the spans (it was lost or not sampled); children maps a span id to its child spans. Every list
    is sorted by (start, name)."""
    ids = {span.span_id for span in spans}
    roots, orphans, children = [], [], {}
    for span in sorted(spans, key=lambda span: (span.start, span.name)):
        if span.parent_id is None:
            roots.append(span)
        elif span.parent_id not in ids:
            orphans.append(span)
        else:
            children.setdefault(span.parent_id, []).append(span)
    return roots, children, orphans


def critical_path(spans: list[Span]) -> list[str]:
    """Names from the first root down, at each step into the child that ends last (the one the parent
    waited for; the first in (start, name) order on a tie). ValueError when there is no root."""
    roots, children, _ = tree(spans)
    if not roots:
        raise ValueError("no root span")
    path, span = [], roots[0]
    while True:
        path.append(span.name)
        below = children.get(span.span_id)
        if not below:
            return path
        span = max(below, key=lambda child: child.end)


def waterfall(spans: list[Span]) -> str:
    """One line per span, depth first from the roots, then the orphans (each with its subtree) prefixed
    "? ": two spaces of indent per depth, the name, the start offset from the earliest span and the
    duration, both rounded to whole ms, and " !" for an error: `  charge 3ms +6ms !`. "" for no spans."""
    if not spans:
        return ""
    roots, children, orphans = tree(spans)
    first = (roots or orphans)[0].start
    lines = []

    def walk(span: Span, depth: int, mark: str) -> None:
        flag = " !" if span.error else ""
        lines.append(f"{mark}{'  ' * depth}{span.name} {span.start - first:.0f}ms +{span.end - span.start:.0f}ms{flag}")
        for child in children.get(span.span_id, []):
            walk(child, depth + 1, mark)

    for root in roots:
        walk(root, 0, "")
    for orphan in orphans:
        walk(orphan, 0, "? ")
    return "\n".join(lines)


# %% [markdown] course={"kind": "exercise", "id": "correlate", "item": "f-correlation-across-signals"}
# ### Milestone 4: correlation across signals (`obs/correlate.py`)
#
# An alert says *the checkout service is failing between 10:00 and 10:05*. The next two questions are *which
# requests?* and *what did they log?*. Services that log the current trace id (a `trace_id` label) make that a
# join. Write `correlate(logs, spans, service, start, end)`:
#
# - the log entries of `logs` (your `LogStore`) labelled `app=<service>` with `start <= ts < end` (use `query`),
#   keeping only those with a `trace_id` label;
# - grouped by trace id, in the order of each trace's first log line: `{trace_id: {"logs": [lines, oldest first],
#   "spans": [names of that trace's spans in `spans`, sorted by (start, name)]}}`;
# - a trace whose spans are not in `spans` (sampling dropped it) still appears, with `"spans": []`: the log lines
#   are still evidence.
#
# Example: logs `{"ts": 5, "labels": {"app": "shop", "trace_id": "t1"}, "line": "card declined"}` and spans
# `Span("t1", "a", None, "checkout", 0, 9)` give `{"t1": {"logs": ["card declined"], "spans": ["checkout"]}}`.

# %% [markdown] course={"kind": "hint"}
# Index the spans by trace id once (a dict of lists) before walking the log entries, so the join is linear.

# %% course={"kind": "solution", "file": "23.4-obs/obs/correlate.py"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    ### BEGIN SOLUTION
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.query(f'{{app="{service}"}}', start, end):
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None:
            continue
        if trace_id not in result:
            found = sorted(by_trace.get(trace_id, []), key=lambda span: (span.start, span.name))
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
correlate_module = repo.load("obs.correlate")
logs = repo.load("obs.logs")
model = repo.load("obs.model")
S = model.Span
evidence = logs.LogStore()
evidence.ingest(jl(
    {"ts": 4, "labels": {"app": "shop", "trace_id": "t0"}, "line": "before the window"},
    {"ts": 5, "labels": {"app": "shop", "trace_id": "t2"}, "line": "card declined"},
    {"ts": 6, "labels": {"app": "shop"}, "line": "no trace here"},
    {"ts": 7, "labels": {"app": "shop", "trace_id": "t1"}, "line": "retrying payment"},
    {"ts": 8, "labels": {"app": "shop", "trace_id": "t2"}, "line": "order failed"},
    {"ts": 8, "labels": {"app": "search", "trace_id": "t1"}, "line": "other service"},
    {"ts": 10, "labels": {"app": "shop", "trace_id": "t1"}, "line": "after the window"},
))
kept = [S("t2", "b", "a", "charge", 3, 8), S("t1", "c", None, "checkout", 6, 9), S("t2", "a", None, "checkout", 1, 9)]
assert correlate_module.correlate(evidence, kept, "shop", 5, 10) == {
    "t2": {"logs": ["card declined", "order failed"], "spans": ["checkout", "charge"]},
    "t1": {"logs": ["retrying payment"], "spans": ["checkout"]},
}
### BEGIN HIDDEN TESTS
assert correlate_module.correlate(evidence, kept[:1], "shop", 5, 10) == {
    "t2": {"logs": ["card declined", "order failed"], "spans": ["charge"]},
    "t1": {"logs": ["retrying payment"], "spans": []},
}, "a sampled-out trace keeps its log lines"
assert correlate_module.correlate(evidence, kept, "shop", 4, 5) == {"t0": {"logs": ["before the window"], "spans": []}}
assert correlate_module.correlate(evidence, [], "nobody", 0, 100) == {}
assert list(correlate_module.correlate(evidence, kept, "shop", 0, 100)) == ["t0", "t2", "t1"]
late = logs.LogStore()
late.ingest(jl(
    {"ts": 7, "labels": {"app": "shop", "trace_id": "t9"}, "line": "t9 second"},
    {"ts": 5, "labels": {"app": "shop", "trace_id": "t8"}, "line": "t8 only"},
    {"ts": 6, "labels": {"app": "shop", "trace_id": "t9"}, "line": "t9 first"},
))
assert correlate_module.correlate(late, [], "shop", 0, 10) == {
    "t8": {"logs": ["t8 only"], "spans": []}, "t9": {"logs": ["t9 first", "t9 second"], "spans": []},
}, "lines arrive out of order: oldest first by ts, traces in the order of their first (oldest) line"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "window-ignored"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.query(f'{{app="{service}"}}'):
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None:
            continue
        if trace_id not in result:
            found = sorted(by_trace.get(trace_id, []), key=lambda span: (span.start, span.name))
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result

# %% course={"kind": "wrong", "id": "every-span"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.query(f'{{app="{service}"}}', start, end):
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None:
            continue
        if trace_id not in result:
            found = sorted(spans, key=lambda span: (span.start, span.name))
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result

# %% course={"kind": "wrong", "id": "sampled-out-dropped"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.query(f'{{app="{service}"}}', start, end):
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None or trace_id not in by_trace:
            continue
        if trace_id not in result:
            found = sorted(by_trace.get(trace_id, []), key=lambda span: (span.start, span.name))
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result


# %% course={"kind": "wrong", "id": "entries-in-arrival-order"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.entries:
        if entry["labels"].get("app") != service or not start <= entry["ts"] < end:
            continue
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None:
            continue
        if trace_id not in result:
            found = sorted(by_trace.get(trace_id, []), key=lambda span: (span.start, span.name))
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result

# %% course={"kind": "wrong", "id": "spans-sorted-by-name"}
"""Correlation across signals: from an alert's service and time window to its logs and traces."""

from obs.logs import LogStore
from obs.model import Span


def correlate(logs: LogStore, spans: list[Span], service: str, start: float, end: float) -> dict[str, dict]:
    """The log entries labelled app=<service> with start <= ts < end that carry a trace_id label, grouped
    by that trace id: {trace_id: {"logs": [their lines, oldest first], "spans": [the names of that
    trace's spans, sorted by (start, name)]}}, trace ids in the order of their first log line.
    A trace whose spans were not kept (sampled out) still appears, with "spans": []."""
    by_trace: dict[str, list[Span]] = {}
    for span in spans:
        by_trace.setdefault(span.trace_id, []).append(span)
    result: dict[str, dict] = {}
    for entry in logs.query(f'{{app="{service}"}}', start, end):
        trace_id = entry["labels"].get("trace_id")
        if trace_id is None:
            continue
        if trace_id not in result:
            found = sorted(by_trace.get(trace_id, []), key=lambda span: span.name)
            result[trace_id] = {"logs": [], "spans": [span.name for span in found]}
        result[trace_id]["logs"].append(entry["line"])
    return result


# %% [markdown] course={"kind": "exercise", "id": "alerts", "item": "f-alert-rule-management"}
# ### Milestone 5: alert rules, routing and deduplication (`obs/alerts.py`)
#
# A `Rule` (given) is Prometheus's alerting rule in miniature: a `query(source, now)` giving a number (or `None`
# for no data), a `threshold`, a `for_seconds` the condition must **hold** before the alert fires (so one bad
# scrape pages nobody), and `labels` that routing reads. `Alerts(rules, clock, source)` keeps in `self.pending`
# when each breaching rule started breaching. Write:
#
# - `evaluate()`: read `clock()` once; for each rule, a value above the threshold keeps (or sets, the first time)
#   its start in `pending`; anything else (at or below, or `None`) removes it. Return the rules breaching for at
#   least `for_seconds`, sorted by name, as `{"name", "labels", "since", "value"}`.
# - `notify(firing, routes, default)`: Alertmanager in miniature. Each alert goes to the receiver of the **first**
#   route `(matchers, receiver)` whose matchers all equal the alert's labels, else to `default`. Alerts are grouped
#   by `(receiver, labels.get("service", ""))`; each group is one message `{"receiver", "group", "alerts": [sorted
#   names]}`, messages sorted by `(receiver, group)`. A message identical to one already sent (same receiver, group
#   and names, kept in `self.sent`) is not sent again: re-evaluating every 15 s must not page every 15 s.
#
# Example: a rule with `for_seconds=30` breaching from t=0 is pending at 0 and 20, fires at 30 with `since` 0.
#
# - `burn_rate(bad, total, objective)`: SLO tracking. The error budget of a 99.9 % objective is 0.1 % of requests;
#   the burn rate is the observed error ratio divided by that budget: `(bad / total) / (1 - objective)`, so 30 bad
#   of 10,000 at 0.999 burns at 3.0 (the month's budget gone in ten days). `None` for no traffic; `ValueError`
#   unless `0 < objective < 1`. An SLO alert is one more `Rule` whose query is a burn rate, with a threshold such
#   as 14.4 (2 % of a 30-day budget in one hour).

# %% [markdown] course={"kind": "hint"}
# `self.pending.setdefault(rule.name, now)` returns the start that is already there, or stores `now`.
# The breach has held long enough when `now - since >= rule.for_seconds`.

# %% [markdown] course={"kind": "hint"}
# `next((receiver for matchers, receiver in routes if ...), default)` picks the first matching route.

# %% course={"kind": "solution", "file": "23.4-obs/obs/alerts.py"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    ### BEGIN SOLUTION
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)
    ### END SOLUTION


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        ### BEGIN SOLUTION
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])
        ### END SOLUTION

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        ### BEGIN SOLUTION
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
alerts_module = repo.load("obs.alerts")
clock = FakeClock(0.0)
readings = {"errors": {0: 5, 20: 5, 30: 5, 40: 0, 50: 9, 60: None}, "latency": {0: 0.9, 20: 0.2, 30: 0.3, 40: 0.3, 50: 0.3, 60: 0.3}}
rules = [
    alerts_module.Rule("errors", lambda source, now: source["errors"][now], 1, 30, {"service": "shop", "team": "pay"}),
    alerts_module.Rule("latency", lambda source, now: source["latency"][now], 0.25, 0, {"service": "shop", "severity": "page"}),
]
engine = alerts_module.Alerts(rules, clock, readings)
seen = []
for moment in [0, 20, 30, 40, 50, 60]:
    clock.advance(moment - clock())
    seen.append([(a["name"], a["since"], a["value"]) for a in engine.evaluate()])
assert seen == [[("latency", 0, 0.9)], [], [("errors", 0, 5), ("latency", 30, 0.3)], [("latency", 30, 0.3)], [("latency", 30, 0.3)], [("latency", 30, 0.3)]], seen
routes = [({"team": "pay"}, "payments-pager"), ({"severity": "page"}, "oncall")]
firing = [{"name": "errors", "labels": rules[0].labels}, {"name": "latency", "labels": rules[1].labels}]
assert engine.notify(firing, routes, "email") == [
    {"receiver": "oncall", "group": "shop", "alerts": ["latency"]},
    {"receiver": "payments-pager", "group": "shop", "alerts": ["errors"]},
]
assert engine.notify(firing, routes, "email") == [], "the same alerts again: deduplicated"
assert abs(alerts_module.burn_rate(30, 10_000, 0.999) - 3.0) < 1e-9, "30 bad of 10,000 at 99.9 %: burn rate 3"
### BEGIN HIDDEN TESTS
assert alerts_module.burn_rate(5, 10, 0.5) == 1.0 and alerts_module.burn_rate(0, 7, 0.9) == 0.0
assert alerts_module.burn_rate(0, 0, 0.99) is None, "no traffic: no evidence"
for objective in [0, 1, 1.5, -0.1]:
    try:
        alerts_module.burn_rate(1, 10, objective)
    except ValueError:
        pass
    else:
        raise AssertionError(f"objective {objective} is not a fraction strictly between 0 and 1: ValueError")
assert engine.pending == {"latency": 30}, "errors stopped breaching at 40 (0) and had no data at 60"
both = {"team": "pay", "severity": "page", "service": "shop"}
more = [{"name": "disk", "labels": both}, {"name": "zz", "labels": {}}, {"name": "aa", "labels": {"team": "pay"}}]
assert engine.notify(more, routes, "email") == [
    {"receiver": "email", "group": "", "alerts": ["zz"]},
    {"receiver": "payments-pager", "group": "", "alerts": ["aa"]},
    {"receiver": "payments-pager", "group": "shop", "alerts": ["disk"]},
], "the first matching route wins"
assert engine.notify(firing + more[:1], routes, "email") == [{"receiver": "payments-pager", "group": "shop", "alerts": ["disk", "errors"]}]
assert engine.notify([], routes, "email") == []
pair = [{"name": "b", "labels": {"service": "s"}}, {"name": "a", "labels": {"service": "s"}}]
assert engine.notify(pair, [], "x") == [{"receiver": "x", "group": "s", "alerts": ["a", "b"]}]
assert engine.notify(pair[::-1], [], "x") == [], "the same alerts in another order: deduplicated"
backwards = alerts_module.Alerts([alerts_module.Rule(n, lambda source, now: 9.0, 1.0, 0, {}) for n in ["zeta", "alpha", "mid"]], FakeClock(1.0))
assert [a["name"] for a in backwards.evaluate()] == ["alpha", "mid", "zeta"], "sorted by name"
strict = [({"team": "pay", "severity": "page"}, "pay-pager")]
half = [{"name": "half", "labels": {"team": "pay"}}, {"name": "full", "labels": {"team": "pay", "severity": "page"}}]
assert backwards.notify(half, strict, "x") == [
    {"receiver": "pay-pager", "group": "", "alerts": ["full"]}, {"receiver": "x", "group": "", "alerts": ["half"]},
], "a route matches only when ALL its matchers equal the alert's labels"
edge = alerts_module.Alerts([alerts_module.Rule("edge", lambda source, now: 1.0, 1.0, 0, {})], FakeClock(5.0))
assert edge.evaluate() == [] and edge.pending == {}, "at the threshold is not above it"
hold = alerts_module.Alerts([alerts_module.Rule("hold", lambda source, now: 2.0, 1.0, 10, {"a": "b"})], clock)
clock.advance(1)
assert hold.evaluate() == [] and hold.pending == {"hold": 61}
clock.advance(10)
assert hold.evaluate() == [{"name": "hold", "labels": {"a": "b"}, "since": 61, "value": 2.0}], "held exactly for_seconds: fires"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "for-restarts"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending[rule.name] = now
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "for-strict"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since > rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "no-dedup"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "last-route-wins"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in reversed(routes) if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "burn-rate-without-budget"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return bad / total


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "pending-never-cleared"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                pass
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages


# %% course={"kind": "wrong", "id": "any-matcher"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if any(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent.add(key)
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages

# %% course={"kind": "wrong", "id": "remembers-last-only"}
"""Alert rules with `for`, routing to receivers, grouping and deduplication of notifications."""

from collections.abc import Callable
from typing import Any, NamedTuple


def burn_rate(bad: float, total: float, objective: float) -> float | None:
    """How fast the error budget burns: (bad / total) / (1 - objective); 1.0 spends it exactly over the SLO's
    period. None when total is 0 (no traffic, no evidence). ValueError unless 0 < objective < 1."""
    if not 0 < objective < 1:
        raise ValueError(f"objective must be between 0 and 1, got {objective}")
    if total == 0:
        return None
    return (bad / total) / (1 - objective)


class Rule(NamedTuple):
    """Fires when query(source, now) > threshold has held for `for_seconds`; None (no data) never breaches."""

    name: str
    query: Callable[[Any, float], float | None]
    threshold: float
    for_seconds: float
    labels: dict[str, str]


class Alerts:
    """Evaluates rules at the times `clock()` gives; `pending` maps a rule name to when it started breaching."""

    def __init__(self, rules: list[Rule], clock: Callable[[], float], source: Any = None) -> None:
        self.rules, self.clock, self.source = rules, clock, source
        self.pending: dict[str, float] = {}
        self.sent: set[tuple[str, str, tuple[str, ...]]] = set()

    def evaluate(self) -> list[dict]:
        """Read the clock once; for each rule: breaching -> keep (or set) its start in `pending`, else forget
        it. Returns the firing alerts (breaching for at least `for_seconds`, so `for_seconds=0` fires at
        once), sorted by name: {"name", "labels", "since", "value"}."""
        now = self.clock()
        firing = []
        for rule in self.rules:
            value = rule.query(self.source, now)
            if value is None or value <= rule.threshold:
                self.pending.pop(rule.name, None)
                continue
            since = self.pending.setdefault(rule.name, now)
            if now - since >= rule.for_seconds:
                firing.append({"name": rule.name, "labels": rule.labels, "since": since, "value": value})
        return sorted(firing, key=lambda alert: alert["name"])

    def notify(self, firing: list[dict], routes: list[tuple[dict[str, str], str]], default: str) -> list[dict]:
        """Route each alert to the receiver of the first route whose matchers all equal its labels (else
        `default`), group by (receiver, its "service" label, "" if none), and return one message per group
        not sent before with the same alert names: {"receiver", "group", "alerts": sorted names}, sorted
        by (receiver, group). Remember what was sent in `self.sent` (a repeat is deduplicated)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for alert in firing:
            labels = alert["labels"]
            receiver = next(
                (name for match, name in routes if all(labels.get(k) == v for k, v in match.items())), default
            )
            groups.setdefault((receiver, labels.get("service", "")), []).append(alert["name"])
        messages = []
        for (receiver, group), names in sorted(groups.items()):
            key = (receiver, group, tuple(sorted(names)))
            if key in self.sent:
                continue
            self.sent = {key}
            messages.append({"receiver": receiver, "group": group, "alerts": sorted(names)})
        return messages


# %% [markdown] course={"kind": "exercise", "id": "app", "item": "f-retention-policies"}
# ### Milestone 6: the API, end to end, with retention (`obs/app.py`)
#
# Put it together behind HTTP. `make_app(clock, rules, routes, retention)` makes one `LogStore`, one `MetricStore`
# and `Alerts(rules, clock, metrics)` (so a rule's query gets the metric store); write the routes between the
# markers:
#
# | route | body or query | answer |
# |---|---|---|
# | `POST /logs` | JSON lines as `text/plain` | `{"accepted": n, "bad": store.bad}` (`n` of this body; `bad` counts every bad line so far) |
# | `GET /logs` | `query`, optional `start`, `end` | `{"lines": [line, ...]}`; a query `parse_query` refuses: **400** |
# | `POST /scrape` | JSON `{"url": ..., "job": ...}` | fetch the page with `httpx` (`trust_env=False`), store it at `clock()`: `{"samples": n}`; unreachable, or an answer that is not 200: **502** |
# | `GET /rate` | `name`, `window`, optional `by=a,b` | `{"series": [{"labels": {"a": .., "b": ..}, "rate": r}, ...]}` sorted by the label values, at `clock()` |
# | `POST /retention` | | drop everything older than `clock() - retention` from both stores: `{"logs": n, "points": m}` |
# | `POST /evaluate` | | `{"firing": [names], "notifications": alerts.notify(firing, routes, "default")}` |
#
# The tests serve your app on a real uvicorn, scrape a real `/metrics` endpoint through it, fire and route an alert,
# and enforce retention, all through HTTP: they pass only when every milestone is right.

# %% [markdown] course={"kind": "hint"}
# Plain `def` routes are fine: FastAPI runs them in a thread pool, so a blocking `httpx.get` does not stall the
# server. A `str` parameter declared with `Body(...)` receives the raw text of a `text/plain` request (FastAPI
# decodes the body as JSON only when the content type is JSON); `media_type="text/plain"` says so in the OpenAPI
# docs.

# %% [markdown] course={"kind": "hint"}
# Turn errors into statuses where they happen: `except ValueError` around the query -> `HTTPException(400, ...)`,
# `except httpx.HTTPError` around the fetch -> `HTTPException(502, ...)`.

# %% course={"kind": "solution", "file": "23.4-obs/obs/app.py"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)
    ### BEGIN SOLUTION

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    ### END SOLUTION
    return app


# %% course={"kind": "test", "points": 4}
import os

app_module = repo.load("obs.app")
clock = FakeClock(1000.0)
registry = CollectorRegistry()
served = Counter("requests", "Requests served", ["route"], registry=registry)
busy = app_module.Rule(
    "busy", lambda store, now: sum(store.rate("requests_total", 60, now).values()) or None, 1.0, 10,
    {"service": "shop", "team": "pay"},
)
routes = [({"team": "pay", "service": "web"}, "web-pager"), ({"team": "pay"}, "payments-pager"), ({"service": "shop"}, "shop-chat")]
with metrics_server(registry) as target, serve(app_module.make_app(clock, [busy], routes, 300.0)) as base:
    with httpx.Client(base_url=base, trust_env=False, timeout=10) as client:
        sent = client.post("/logs", content=jl(
            {"ts": 900, "labels": {"app": "shop"}, "line": "old timeout"},
            {"ts": 1000, "labels": {"app": "shop", "trace_id": "t1"}, "line": "timeout calling bank"},
            "garbage",
        ), headers={"content-type": "text/plain"})
        assert sent.status_code == 200 and sent.json() == {"accepted": 2, "bad": 1}, sent.text
        found = client.get("/logs", params={"query": '{app="shop"} |= "timeout"', "start": 950})
        assert found.json() == {"lines": ["timeout calling bank"]}, found.text
        ### BEGIN HIDDEN TESTS
        before = client.get("/logs", params={"query": '{app="shop", level!="debug"}', "end": 1000}).json()
        assert before == {"lines": ["old timeout"]}, f"end is excluded, and a line without `level` matches level!=: {before}"
        ### END HIDDEN TESTS
        assert client.get("/logs", params={"query": "app=shop"}).status_code == 400, "a bad query is the client's error"
        again = client.post("/logs", content="more garbage\n", headers={"content-type": "text/plain"}).json()
        assert again == {"accepted": 0, "bad": 2}, f"bad is store.bad, every bad line so far: {again}"
        served.labels("/pay").inc(10)
        first = client.post("/scrape", json={"url": target.url, "job": "shop"})
        assert first.status_code == 200 and first.json()["samples"] > 0, first.text
        assert client.post("/evaluate").json() == {"firing": [], "notifications": []}, "one scrape: no rate yet"
        clock.advance(10)
        served.labels("/pay").inc(50)
        client.post("/scrape", json={"url": target.url, "job": "shop"})
        rate = client.get("/rate", params={"name": "requests_total", "window": 60, "by": "route"})
        assert rate.json() == {"series": [{"labels": {"route": "/pay"}, "rate": 5.0}]}, rate.text
        assert client.post("/evaluate").json() == {"firing": [], "notifications": []}, "pending: for 10 s"
        clock.advance(10)
        fired = client.post("/evaluate").json()
        assert fired == {"firing": ["busy"], "notifications": [{"receiver": "payments-pager", "group": "shop", "alerts": ["busy"]}]}, fired
        assert client.post("/evaluate").json() == {"firing": ["busy"], "notifications": []}, "deduplicated"
        ### BEGIN HIDDEN TESTS
        assert client.post("/scrape", json={"url": refused_url(), "job": "gone"}).status_code == 502
        assert client.post("/scrape", json={"url": base + "/missing", "job": "self"}).status_code == 502
        two = client.get("/rate", params={"name": "requests_total", "window": 60, "by": "job,route"}).json()
        assert two == {"series": [{"labels": {"job": "shop", "route": "/pay"}, "rate": 5.0}]}, two
        assert client.get("/rate", params={"name": "requests_total", "window": 60}).json() == {"series": [{"labels": {}, "rate": 5.0}]}
        served.labels("/cart").inc(4)
        client.post("/scrape", json={"url": target.url, "job": "shop"})
        clock.advance(2)
        served.labels("/cart").inc(6)
        saved = {name: os.environ.pop(name, None) for name in ["NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]}
        os.environ["HTTP_PROXY"] = os.environ["http_proxy"] = os.environ["ALL_PROXY"] = refused_url()
        try:
            proxied = client.post("/scrape", json={"url": target.url, "job": "shop"})
        finally:
            for name, value in saved.items():
                os.environ.pop(name, None)
                if value is not None:
                    os.environ[name] = value
        assert proxied.status_code == 200, "a scrape of 127.0.0.1 must ignore proxy settings (trust_env=False)"
        both_routes = client.get("/rate", params={"name": "requests_total", "window": 3, "by": "route"}).json()
        assert both_routes == {"series": [{"labels": {"route": "/cart"}, "rate": 3.0}, {"labels": {"route": "/pay"}, "rate": 0.0}]}, both_routes
        restarted = CollectorRegistry()
        Counter("requests", "Requests served", ["route"], registry=restarted).labels("/pay").inc(2)
        clock.advance(2)
        with metrics_server(restarted) as again_target:
            assert client.post("/scrape", json={"url": again_target.url, "job": "shop"}).status_code == 200
        after_restart = client.get("/rate", params={"name": "requests_total", "window": 5, "by": "route"}).json()
        assert after_restart == {"series": [{"labels": {"route": "/cart"}, "rate": 3.0}, {"labels": {"route": "/pay"}, "rate": 0.5}]}, (
            f"the target restarted (its /pay counter went 60 -> 2): a reset adds 2, it does not go negative: {after_restart}")
        clock.advance(281)
        per_scrape = first.json()["samples"]
        dropped = client.post("/retention").json()
        assert dropped == {"logs": 2, "points": per_scrape}, f"cutoff 1005: both log lines and the first scrape, got {dropped}"
        assert client.get("/logs", params={"query": '{app="shop"}'}).json() == {"lines": []}
        assert client.get("/rate", params={"name": "requests_total", "window": 200}).json() == {"series": []}
        assert client.post("/retention").json() == {"logs": 0, "points": 0}
        ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "status-not-checked"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app

# %% course={"kind": "wrong", "id": "retention-from-zero"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app

# %% course={"kind": "wrong", "id": "bad-query-500"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        found = logs.query(query, start, end)
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app

# %% course={"kind": "wrong", "id": "by-ignored"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = ()
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app


# %% course={"kind": "wrong", "id": "batch-bad-count"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        before = logs.bad
        accepted = logs.ingest(body)
        return {"accepted": accepted, "bad": logs.bad - before}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        firing = alerts.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app

# %% course={"kind": "wrong", "id": "alerts-per-request"}
"""The HTTP API of the platform (FastAPI): ingestion, queries, scraping, retention and alerts."""

from collections.abc import Callable

import httpx
from fastapi import Body, FastAPI, HTTPException

from obs.alerts import Alerts, Rule
from obs.logs import LogStore
from obs.metrics import MetricStore


def make_app(clock: Callable[[], float], rules: list[Rule], routes: list, retention: float) -> FastAPI:
    """An app over one LogStore, one MetricStore and Alerts(rules, clock, metrics):

    POST /logs (body: JSON lines as text/plain) -> {"accepted": n, "bad": store.bad}
    GET /logs?query=...[&start=..][&end=..] -> {"lines": [line, ...]}; a bad query -> 400
    POST /scrape {"url": ..., "job": ...} -> {"samples": n} stored at clock(); unreachable or not 200 -> 502
    GET /rate?name=..&window=..[&by=a,b] -> {"series": [{"labels": {a: .., b: ..}, "rate": r}, ...]} sorted
    POST /retention -> {"logs": n, "points": m} removed: everything older than clock() - retention
    POST /evaluate -> {"firing": [names], "notifications": [...]} (routes and "default" as receiver)"""
    app = FastAPI()
    logs, metrics = LogStore(), MetricStore()
    alerts = Alerts(rules, clock, metrics)

    @app.post("/logs")
    def ingest(body: str = Body(..., media_type="text/plain")) -> dict:
        return {"accepted": logs.ingest(body), "bad": logs.bad}

    @app.get("/logs")
    def query(query: str, start: float | None = None, end: float | None = None) -> dict:
        try:
            found = logs.query(query, start, end)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"lines": [entry["line"] for entry in found]}

    @app.post("/scrape")
    def scrape(target: dict) -> dict:
        try:
            response = httpx.get(target["url"], timeout=5.0, trust_env=False)
        except httpx.HTTPError as error:
            raise HTTPException(502, f"scrape failed: {error}") from None
        if response.status_code != 200:
            raise HTTPException(502, f"scrape answered {response.status_code}")
        return {"samples": metrics.add_scrape(response.text, clock(), target["job"])}

    @app.get("/rate")
    def rate(name: str, window: float, by: str = "") -> dict:
        labels = tuple(label for label in by.split(",") if label)
        found = metrics.rate(name, window, clock(), labels)
        return {"series": [{"labels": dict(zip(labels, key)), "rate": found[key]} for key in sorted(found)]}

    @app.post("/retention")
    def enforce() -> dict:
        cutoff = clock() - retention
        return {"logs": logs.drop_before(cutoff), "points": metrics.drop_before(cutoff)}

    @app.post("/evaluate")
    def evaluate() -> dict:
        engine = Alerts(rules, clock, metrics)
        firing = engine.evaluate()
        return {"firing": [alert["name"] for alert in firing], "notifications": alerts.notify(firing, routes, "default")}

    return app


# %% [markdown] course={"kind": "lesson", "id": "scaling-signals", "covers": ["part-scaling"]}
# ## Scaling: volume, cardinality, sampling, tiers
#
# - **High-volume log ingestion.** Your `LogStore` indexes every label value, which is fine for `app` and `level`
#   and ruinous for `user_id`. Loki's answer is to index only a few low-cardinality labels, write the lines into
#   compressed chunks per stream, and grep chunks at query time; ingestion is sharded by a hash of the label set,
#   and writes are batched. Elasticsearch indexes every word instead: faster text search, far more storage.
# - **Metric cardinality.** Every distinct label set is a series, with its own memory and index entries. A label
#   with unbounded values (user ids, URLs with ids in them, error messages) multiplies series; the demo counts it.
#   Real defences: a limit of series per scrape (Prometheus's `sample_limit`), relabelling to drop labels, and
#   recording rules that pre-aggregate.
# - **Trace sampling.** Keeping every span of every request costs more than the requests. Head sampling (decide
#   at the root, `TraceIdRatioBased`) is cheap but blind; tail sampling (a collector holds whole traces and keeps
#   the slow and failed ones) keeps what matters but must buffer. Milestone 4 already handles the result: a
#   trace with log lines but no spans.
# - **Storage tiering.** Recent data on fast disks, older data compacted and downsampled on object storage,
#   oldest deleted: milestone 6's retention is the last step of that pipeline.

# %% course={"kind": "demo"}
# Cardinality: the number of series is the product of the distinct values of each label.
routes_seen, statuses, pods = 12, 5, 30
for extra, values in [("(none)", 1), ("customer_tier", 3), ("user_id", 200_000)]:
    print(f"labels route x status x pod x {extra:13}: {routes_seen * statuses * pods * values:>13,} series")

# %% [markdown] course={"kind": "lesson", "id": "failure-modes", "covers": ["part-failure"]}
# ## Failure handling: buffer, degrade, deduplicate, escalate
#
# - **Buffer during outages.** An agent that cannot reach the platform keeps a bounded buffer (memory, then disk)
#   and retries with backoff; when the buffer is full it drops the **oldest** lines and counts the drops, because a
#   logging agent that blocks the application is worse than lost logs. The demo shows a bounded buffer.
# - **Graceful degradation.** One bad line must not reject a batch (milestone 1 counts it); one dead scrape target
#   must not stop the others (milestone 6 answers 502 for that target only); a query over too much data gets
#   refused (a query without a `=` matcher) instead of taking the store down.
# - **Alert deduplication.** Rules are evaluated every few seconds; `for` keeps a blip from paging, and
#   deduplication (milestone 5's `sent`) keeps a long incident from paging every cycle. Alertmanager also re-sends
#   after a `repeat_interval` and sends a *resolved* message: two extensions for your design doc.
# - **Escalation policies.** If the first receiver does not acknowledge within N minutes, page the next one (the
#   secondary, then the team lead). It is one more routing table keyed by time since firing, with the fake clock
#   the natural way to test it.
#
# The platform itself must be watched by something outside it (a "dead man's switch": an alert that always fires,
# whose *absence* pages someone): an observability system that fails silently fails at the worst moment.

# %% course={"kind": "demo"}
# A bounded buffer for an agent during an outage: the oldest lines go first, and the drops are counted.
from collections import deque

outbox = deque(maxlen=3)
dropped_lines = 0
for number in range(1, 6):
    if len(outbox) == outbox.maxlen:
        dropped_lines += 1
    outbox.append(f"line {number}")
print(list(outbox), "dropped:", dropped_lines)

# %% [markdown] course={"kind": "lesson", "id": "security-and-pii", "covers": ["part-security"]}
# ## Security: who sees what, and what never gets stored
#
# - **Data access control.** Logs contain the most sensitive text a company has. Real platforms are multi-tenant
#   (Loki's `X-Scope-OrgID`, Grafana's teams): every query is scoped to the caller's tenant, enforced by the
#   server by adding a `tenant="..."` matcher the caller cannot remove, never by the UI.
# - **PII handling.** Redact at the edge, before storage (the demo masks e-mails and card numbers); an index is
#   forever, and retention alone does not satisfy a deletion request. Keep user ids out of labels (cardinality)
#   and out of lines where you can.
# - **Audit logging.** Who queried what, when: an append-only log of queries, itself retained and protected.
# - **Secure integrations.** Webhook URLs and API tokens for PagerDuty or Slack are secrets (a secret store, not
#   the rule files); scrape targets use TLS and authentication; ingestion endpoints require a token per agent so
#   one leaked agent key can be revoked alone. Our `obs` has none of this: it listens on 127.0.0.1 only.

# %% course={"kind": "demo"}
# Redaction at ingestion: mask e-mail addresses and card-like numbers before a line is stored.
import re

SECRETS = [(re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "<email>"), (re.compile(r"\b(?:\d[ -]?){13,16}\b"), "<card>")]
incoming = "payment failed for ana.lopez@example.com card 4111 1111 1111 1111 amount 12.50"
for pattern, mask in SECRETS:
    incoming = pattern.sub(mask, incoming)
print(incoming)

# %% [markdown] course={"kind": "lesson", "id": "interview-story", "covers": ["part-talking-points"]}
# ## Talking about it in an interview
#
# Say what you built, what you measured, and what you would change at scale, with numbers you can defend:
#
# - *"I built a small observability backend: JSON-lines log ingestion with a label index and a LogQL-like query
#   language, Prometheus scraping with `rate` that survives counter resets, OpenTelemetry traces turned into
#   critical paths and waterfalls, and alert rules with `for`, routing and deduplication, all behind FastAPI."*
# - *"Correlation was the point: logs carry the trace id, so from an alert's window I get to the failing traces
#   and their log lines in one call."* (milestone 4)
# - *"Alert noise: `for` suppresses blips, grouping turns twenty alerts of one outage into one page, and
#   deduplication stops re-paging every evaluation."* (milestone 5; say how you would measure MTTR before and after)
# - *"At scale I would not index every label: I'd follow Loki, index a few, and put the rest in compressed
#   chunks; I'd cap series per target; and I'd tail-sample traces."* (the scaling lesson)
#
# Be honest about the stand-ins: in-memory stores, one process, a fake clock in tests. The design doc below is where
# you show you know what the real version needs.

# %% course={"kind": "demo"}
# "Cut MTTR from A to B": the mean time from the first alert to recovery, over incidents (made-up minutes)
minutes_to_recover_before = [95, 40, 180, 62, 75]  # five incidents before correlation and grouping
minutes_to_recover_after = [30, 22, 71, 18]  # four after
mean_before = sum(minutes_to_recover_before) / len(minutes_to_recover_before)
mean_after = sum(minutes_to_recover_after) / len(minutes_to_recover_after)
print(f"MTTR {mean_before:.0f} min -> {mean_after:.0f} min over {len(minutes_to_recover_before)} and "
      f"{len(minutes_to_recover_after)} incidents: say how few incidents that is when you quote it")

# %% [markdown] course={"kind": "task", "id": "design-doc", "points": 10}
# ### The design document
#
# Write a design document (2-4 pages, in `23.4-obs/DESIGN.md`) for turning `obs` into a platform for 200 services
# emitting 50,000 log lines, 2 million active series and 5,000 sampled traces per second. Cover: the architecture
# (what runs where, push and pull paths), storage and retention per signal (with your sizing arithmetic), how you
# scale ingestion and queries, cardinality limits, trace sampling, what happens when each component fails, alert
# routing and escalation, SLO tracking, access control and PII, and two trade-offs you made with the alternative
# you rejected.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: an architecture diagram or table naming each component, with the push (logs, spans) and pull
#   (metrics) paths.
# - 2 points: storage sizing per signal with the arithmetic shown (bytes per line/sample/span, compression,
#   retention days) and a tiering plan (hot, object storage, delete).
# - 1 point: ingestion scaling: sharding by stream or series, batching, backpressure.
# - 1 point: cardinality: a per-target series limit and what is done with a label that explodes.
# - 1 point: trace sampling: head versus tail, and which traces are always kept.
# - 1 point: failure handling for at least three components (agent buffer, ingester crash, alerting down), and how
#   the platform itself is monitored (a dead man's switch or an outside check).
# - 1 point: alerting: `for`, grouping, deduplication, escalation and at least one SLO burn-rate alert.
# - 1 point: security: tenant scoping enforced on the server, PII redaction at ingestion, audit log of queries,
#   secrets for integrations.
# - 1 point: two trade-offs, each with the rejected alternative and why.
