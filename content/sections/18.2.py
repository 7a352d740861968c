# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can instrument Python code with the four Prometheus metric types, keep
# label cardinality under control, serve and scrape a real `/metrics` endpoint, write a custom exporter, and
# compute by hand what PromQL's `increase`, `rate`, `sum by` and `histogram_quantile` compute, so you can read
# dashboards, alerts and SLOs without guessing.

# %% course={"kind": "setup", "id": "metrics-helpers"}
# What the demos and tests share. `prometheus_client` is the real library. Every metric lives in a registry of
# its own (`CollectorRegistry()`), never the library's global default one, so no cell sees another cell's
# metrics and running a cell twice does not fail with "Duplicated timeseries". `shared_metrics_server()` is a
# real HTTP `/metrics` endpoint on 127.0.0.1 (a free port), one per kernel, stopped when the kernel stops;
# `metrics_server(registry)` is the same for one `with` block (course/runtime/metrics.py). `FakeClock` is a
# clock the tests move by hand (`clock.advance(0.5)`), so timings are exact. There is no Prometheus server here
# (it is a separate Go program, not a pip package): where this notebook "queries", the query engine is plain
# Python you write yourself.
import math
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Summary, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import Collector

from course.runtime.clock import FakeClock
from course.runtime.metrics import metrics_server, samples, scrape, shared_metrics_server

# Counters, histograms and summaries also export a `*_created` sample holding the wall-clock time they were
# made; it would make every printed exposition differ from run to run, so this notebook turns it off (for the
# whole kernel: it is a switch of the library, not of one registry).
prometheus_client.disable_created_metrics()
ENDPOINT = shared_metrics_server()


def exposition(registry: CollectorRegistry) -> str:
    """The text a scrape of `registry` would get, for printing."""
    return generate_latest(registry).decode("utf-8")


# %% [markdown] course={"kind": "lesson", "id": "metric-types", "covers": ["c-metrics-fundamentals", "c-types-counter-gauge-histogram-summary", "c-metric-naming-conventions", "c-python-prometheus-client", "c-prometheus-client-library", "c-counter-gauge-histogram-summary"]}
# ### Four metric types, and names that say their unit
#
# A **metric** is a number about your system sampled over time; unlike a log line it is cheap to keep for months
# because it is aggregated at the source. Prometheus knows four types, and `prometheus_client` has a class for
# each:
#
# | type | what it holds | you ask it | example |
# |---|---|---|---|
# | **Counter** | a total that only goes up (reset to 0 when the process restarts) | "how fast?" via `rate()` | requests served, bytes sent, errors |
# | **Gauge** | a value that goes up and down | "how much now?" | queue depth, memory in use, jobs running, temperature |
# | **Histogram** | counts of observations in fixed buckets (`le` = less or equal), plus their `_sum` and `_count` | "how slow for 95 % of requests?" (computed at query time, aggregatable across instances) | request duration, payload size |
# | **Summary** | `_sum` and `_count` (and, in some client libraries, quantiles computed in the process) | average (`_sum / _count`) | the Python client exposes no quantiles for it |
#
# **Naming.** `snake_case`, a prefix for the subsystem, the **base unit** as a suffix (`_seconds`, `_bytes`,
# never milliseconds or megabytes: dashboards convert), and `_total` on counters. A ratio is a 0–1 number
# named `_ratio`. The Python client adds `_total` to a counter's samples itself; naming it `jobs` or
# `jobs_total` gives the same series.
#
# **The one thing people get wrong:** using a gauge for something that counts events ("requests so far"). A
# gauge cannot tell a restart from a drop; a counter can, because counters only go down when they reset. And
# a counter refuses to go down, as the demo shows.
#
# The demo makes one of each in its own registry and prints the **exposition text**, what Prometheus reads.

# %% course={"kind": "demo"}
demo_registry = CollectorRegistry()
jobs = Counter("jobs", "Jobs finished.", ["queue"], registry=demo_registry)
depth = Gauge("queue_depth", "Jobs waiting right now.", registry=demo_registry)
latency = Histogram("job_duration_seconds", "Time per job.", buckets=(0.25, 1.0), registry=demo_registry)
payload = Summary("job_payload_bytes", "Size of job inputs.", registry=demo_registry)

jobs.labels("email").inc(3)
depth.set(7)
depth.dec(2)
for seconds in (0.25, 0.5, 2.0):  # 0.25 lands in le="0.25": the bound is included
    latency.observe(seconds)
payload.observe(1024)
print(exposition(demo_registry))
try:
    jobs.labels("email").inc(-1)
except ValueError as error:
    print("a counter refuses to go down:", error)

# %% [markdown] course={"kind": "text"}
# Read the histogram lines: the buckets are **cumulative** (`le="1.0"` counts everything up to one second,
# including what `le="0.25"` counted), the last bucket is always `+Inf` and equals `_count`, and `_sum` is the
# total of all observations. `time()` as a context manager or decorator (`with latency.time():`) observes
# elapsed seconds for you; the tests in this notebook pass a fake clock instead so the numbers are exact.

# %% [markdown] course={"kind": "lesson", "id": "labels-cardinality", "covers": ["c-labels-and-cardinality", "c-labels"]}
# ### Labels and cardinality
#
# Labels split one metric into **series**: `http_requests_total{path="/login", status="200"}` and
# `{path="/login", status="500"}` are two time series. Prometheus stores and indexes each series on its own
# and keeps every recently active one in memory, so the cost of a metric is the *product* of its labels' distinct values: 20 paths × 5
# statuses × 4 methods = 400 series per instance, fine; add a `user_id` label and it is 400 × the number of
# users, which is how a monitoring system runs out of memory (**cardinality explosion**).
#
# Rules of thumb: label values come from a small, closed set (status class, route template `/users/{id}`
# rather than the raw path, region, model name); anything unbounded (user or request ids, e-mail addresses,
# raw URLs, exception messages, timestamps) goes to logs or traces instead. Create the label values you know
# in advance (`.labels("ok")`) so a series exists at 0 before the first event, or `rate()` has nothing to work on.
#
# The demo counts the series one label of user ids creates.

# %% course={"kind": "demo"}
def series_after(requests: Iterable[tuple[str, str]], with_user: bool) -> int:
    registry = CollectorRegistry()
    labels = ["route", "user"] if with_user else ["route"]
    counter = Counter("http_requests", "Requests.", labels, registry=registry)
    for route, user in requests:
        counter.labels(*((route, user) if with_user else (route,))).inc()
    return len(samples(exposition(registry)))


traffic = [("/items/{id}" if n % 3 else "/login", f"user-{n % 1000}") for n in range(5000)]
print("route only       :", series_after(traffic, with_user=False), "series")
print("route and user id:", series_after(traffic, with_user=True), "series")

# %% [markdown] course={"kind": "lesson", "id": "prometheus-scraping", "covers": ["c-prometheus", "c-architecture", "c-scraping", "c-exposing-metrics-endpoint"]}
# ### Prometheus pulls: the `/metrics` endpoint and the exposition format
#
# ```
#   your app ── /metrics ◄──┐ scrape every 15-60 s        ┌──► Grafana (PromQL queries, dashboards)
#   node_exporter ◄─────────┤                              │
#   postgres_exporter ◄─────┼─── Prometheus server ────────┼──► Alertmanager ──► Slack, PagerDuty, e-mail
#   Pushgateway ◄───────────┘    (time-series database,    │    (groups, silences, routes alerts)
#     ▲ short batch jobs push     rules, service discovery) └──► recording rules write new series
# ```
#
# **Pull.** The server finds its targets (static list, Kubernetes or cloud service discovery), sends each an
# HTTP GET for `/metrics` on a schedule, and stores every sample with the scrape's timestamp. It also writes a
# synthetic `up` series: 1 when the scrape worked, 0 when it did not, so a dead target is itself visible.
# Pull keeps targets simple (they only hold current values) and the server in control of the load.
#
# **Push, for what cannot be scraped.** A batch job that lives ten seconds is gone before the next scrape. It
# pushes its final numbers to the **Pushgateway**, which keeps them and is scraped like any target
# (`prometheus_client.push_to_gateway`). The gateway never forgets a series on its own, so it suits per-job
# results ("last success time"), not per-instance metrics of long-running services.
#
# **The format** is plain text: `# HELP` and `# TYPE` comment lines, then one sample per line: name,
# optional `{label="value",...}` (a backslash, a double quote and a newline inside a value are written `\\`,
# `\"` and `\n`), a value (`+Inf`, `-Inf` and `NaN` allowed) and an optional timestamp in milliseconds. (The
# OpenMetrics text format is a close cousin: the Python client answers in it when the scraper's `Accept` header
# asks for it, and in this classic format otherwise.)
#
# **What is real here.** The endpoint below is the library's own WSGI app on a real HTTP server at 127.0.0.1,
# and the scrape is a real HTTP GET parsed by the library's parser. There is no Prometheus server, so nothing
# stores the samples over time or evaluates PromQL; later lessons do that in a few lines of Python.

# %% course={"kind": "demo"}
shop = CollectorRegistry()
orders = Counter("shop_orders", "Orders placed.", ["payment"], registry=shop)
orders.labels("card").inc(41)
orders.labels('gift "voucher"').inc()  # a quote inside a label value gets escaped on the wire
ENDPOINT.serve(shop)

body = scrape(ENDPOINT.url)
print("GET", ENDPOINT.url.replace(str(ENDPOINT.port), "<port>"))
print(body)
for family in text_string_to_metric_families(body):
    for sample in family.samples:
        print(f"{family.type:8} {sample.name} {sample.labels} -> {sample.value}")

# %% [markdown] course={"kind": "lesson", "id": "promql", "covers": ["c-promql-basics"]}
# ### PromQL basics: counters are read through `rate`, histograms through `histogram_quantile`
#
# PromQL works on series selected by name and labels: `http_requests_total{status=~"5.."}`. A **range
# vector** `[5m]` is each series' samples over the last five minutes. The functions you meet first:
#
# | query | means |
# |---|---|
# | `increase(c[1h])` | how much the counter grew in the hour, **counting a drop as a reset** (the process restarted, the counter began again at 0) |
# | `rate(c[5m])` | the same per second: increase / seconds, averaged over the window (graphs, alerts) |
# | `irate(c[5m])` | per second from the **last two** samples only: spiky, for fast-moving graphs |
# | `sum by (status) (rate(c[5m]))` | add series up, keeping only the `status` label; `sum without (instance)` keeps all labels but the listed ones |
# | `histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))` | the 95th percentile estimated from bucket counts, interpolating linearly inside the bucket where it falls |
#
# Two facts that decide correctness. **Never `sum` before `rate`**: summing raw counters of several instances
# hides each one's reset. And Prometheus's `rate`/`increase` **extrapolate** to the window's edges (the first
# and last samples rarely sit exactly on them), which is why `increase` of an integer counter can print
# 2.9997. The functions you write in the exercises are the exact, non-extrapolating version: the increase
# between the first and last sample, resets included.
#
# The demo computes an increase across a restart, the reset rule by hand.

# %% course={"kind": "demo"}
scraped = [(0, 100), (15, 130), (30, 4), (45, 19)]  # (seconds, counter value): the process restarted at ~30 s
naive = scraped[-1][1] - scraped[0][1]
with_resets = 0
for (_, before), (_, after) in zip(scraped, scraped[1:]):
    with_resets += after - before if after >= before else after  # a drop: it counted `after` since 0
print("last - first:", naive, "(nonsense: requests cannot un-happen)")
print("increase    :", with_resets, "requests;", Fraction(with_resets, 45), "per second over 45 s")

# %% [markdown] course={"kind": "lesson", "id": "red-use", "covers": ["c-application-metrics", "c-red-metrics-rate-errors-duration", "c-use-metrics-utilization-saturation", "c-business-metrics"]}
# ### What to measure: RED for services, USE for resources, and the business
#
# - **RED**, for anything that serves requests (an API, a model endpoint): **R**ate (requests per second),
#   **E**rrors (failed requests per second, or their ratio), **D**uration (a histogram of latency). One
#   counter labelled by status and one histogram give all three.
# - **USE**, for every resource (CPU, memory, disk, a connection pool, a GPU, a queue): **U**tilization (share
#   of time busy or capacity used), **S**aturation (work waiting: run queue, pool waiters, queue depth),
#   **E**rrors (device or allocation errors). Gauges, mostly, and exporters provide most of them.
# - **Business metrics** say whether the product works: orders, sign-ups, predictions served per model
#   version, training runs finished. They are counters and gauges like any other, and often the first to show a
#   silent failure (a 200 OK that sells nothing).
#
# An **SLI** (service level indicator) is usually a ratio of two counters: good events / all events over a
# window. The demo computes RED numbers from two snapshots of a request counter (what `rate` and a ratio of
# `increase`s give).

# %% course={"kind": "demo"}
at_0s = {"200": 9_000, "404": 100, "500": 20}
at_60s = {"200": 9_540, "404": 106, "500": 32}
served = {code: at_60s[code] - at_0s[code] for code in at_60s}
total = sum(served.values())
errors = sum(n for code, n in served.items() if code.startswith("5"))
print("Rate    :", Fraction(total, 60), "requests/s =", round(total / 60, 2))
print("Errors  :", Fraction(errors, total), "of requests (404 is the client's mistake, not an error of ours)")
print("SLI     :", f"{1 - errors / total:.4%} available")

# %% [markdown] course={"kind": "lesson", "id": "rules-grafana", "covers": ["c-alerting-rules", "c-grafana-integration", "c-dashboard-basics", "c-prometheus-data-source", "c-alert-rules"]}
# ### Rules, alerts and Grafana
#
# The Prometheus server evaluates two kinds of rules on a schedule, both written in YAML:
#
# - a **recording rule** stores the result of an expensive query as a new series (named
#   `level:metric:operation`, e.g. `job:http_requests:rate5m`) so dashboards and alerts read it cheaply;
# - an **alerting rule** is a PromQL condition with a `for:` duration: the alert is *pending* while the
#   condition holds and *firing* once it held for that long, then Alertmanager groups, silences and routes it.
#
# A rule file holding one of each is in the demo below.
#
# **Grafana** draws dashboards from **data sources**; for Prometheus you give it the server's URL and every
# panel is a PromQL query (time series for rates, heatmap for histogram buckets, stat for an SLI). A useful
# service dashboard is the RED row on top (rate, error ratio, p50/p95/p99 latency), USE rows for its resources
# below, and variables (`$job`, `$instance`) instead of copies per service. Grafana can alert too (Grafana-managed
# alert rules); keep one place for a given alert. Neither Prometheus nor Grafana runs in this notebook: the
# Grafana exercise below is a task you write, graded by a reader.
#
# The demo reads that rule file with PyYAML and plays the alert's `for: 10m` over one error ratio per
# minute, as if Prometheus evaluated the rule once a minute (its default `evaluation_interval`), to show
# *pending* turning into *firing* and a dip resetting it. Left out: the real server keeps sending a firing
# alert to Alertmanager (once a minute by default) and tells it when the alert is resolved.

# %% course={"kind": "demo"}
import yaml

RULES = """
groups:
  - name: api
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: HighErrorRatio
        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
        for: 10m
"""
rules = yaml.safe_load(RULES)["groups"][0]["rules"]
print([rule.get("record") or rule.get("alert") for rule in rules])

error_ratio_per_minute = [0.01, 0.08, 0.09, 0.07, 0.02] + [0.06] * 12
pending_since = None
for minute, ratio in enumerate(error_ratio_per_minute):
    if ratio <= 0.05:
        pending_since, state = None, "inactive"
    else:
        pending_since = minute if pending_since is None else pending_since
        state = "firing" if minute - pending_since >= 10 else "pending"
    print(f"minute {minute:2}: ratio {ratio:.2f} -> {state}")

# %% [markdown] course={"kind": "lesson", "id": "exporters", "covers": ["c-custom-exporters", "c-building-exporters", "c-collecting-external-metrics", "c-exporter-best-practices"]}
# ### Custom exporters: metrics for something you cannot instrument
#
# An **exporter** translates another system's state (a queue's admin API, a database's stats view, a vendor
# API) into Prometheus metrics. In `prometheus_client` it is a **custom collector**: a class with a
# `collect()` method, registered once, that Prometheus calls on *every scrape*; it fetches fresh numbers and
# yields `*MetricFamily` objects. Good practice:
#
# - fetch at scrape time, once per scrape, not in a background loop that serves stale numbers;
# - when the source is down, do not fail the whole scrape: export `<name>_up 0` (and nothing made up), so an
#   alert can fire on it;
# - follow the naming rules, document every metric in its HELP text, and keep labels bounded;
# - one exporter instance per monitored thing is normal (the `instance` label comes from Prometheus).
#
# The demo registers a collector that reads a dict standing in for an external API, serves it and scrapes it.

# %% course={"kind": "demo"}
class DiskExporter(Collector):
    def __init__(self, read: Callable[[], Mapping[str, int]]) -> None:
        self.read = read

    def collect(self) -> Iterable[GaugeMetricFamily]:
        free = GaugeMetricFamily("disk_free_bytes", "Free space per volume.", labels=["volume"])
        for volume, value in sorted(self.read().items()):
            free.add_metric([volume], value)
        yield free


volumes = {"/data": 120 * 2**30, "/": 8 * 2**30}
disk_registry = CollectorRegistry()
disk_registry.register(DiskExporter(lambda: volumes))
with metrics_server(disk_registry) as server:
    print(scrape(server.url))
    volumes["/data"] -= 2**30  # the next scrape sees the new value: collect() runs per scrape
    print(samples(scrape(server.url)))

# %% [markdown] course={"kind": "exercise", "id": "instrument-handler", "item": "x-add-prometheus-metrics-to-an-api"}
# ### Count and time every request of an API
#
# Write `instrument(handler, registry, clock)`. `handler(path)` answers a request and returns its status code
# (an `int`); it may raise. (`path` is a route template such as `/users/{id}`, never the raw URL, so the label
# stays bounded.) Create in `registry`:
#
# - a counter `http_requests_total` with labels `path` and `status` (the status as text, `"500"` when the
#   handler raised);
# - a histogram `http_request_duration_seconds` with the label `path` and exactly the buckets `0.25`, `0.5`,
#   `1.0` (and `+Inf`), observing `clock()` after minus `clock()` before, in seconds.
#
# Return `wrapped(path)`: it calls the handler, records both metrics every time (also when the handler raises)
# and returns the handler's status or lets its exception through. Calling `instrument` again with a new
# registry must work.
#
# ```python
# >>> wrapped = instrument(slow_ok, registry, clock)   # slow_ok takes 0.5 s of clock time, returns 200
# >>> wrapped("/a"), registry.get_sample_value("http_requests_total", {"path": "/a", "status": "200"})
# (200, 1.0)
# ```

# %% [markdown] course={"kind": "hint"}
# Make the two metrics inside `instrument` with `registry=registry`, then define `wrapped` inside it (a
# closure). `Histogram(..., buckets=(0.25, 0.5, 1.0))` adds `+Inf` itself.

# %% [markdown] course={"kind": "hint"}
# `try: ... finally:` records in both cases. Set `status = 500` before the call, overwrite it with what the
# handler returns; in `finally`, observe the time and increment `labels(path, str(status))`.

# %% course={"kind": "solution", "equivalent": {"m-ba2eee9f": "labels() turns every label value into str itself, so str(status) changes nothing"}}
def instrument(handler: Callable[[str], int], registry: CollectorRegistry, clock: Callable[[], float]) -> Callable[[str], int]:
    ### BEGIN SOLUTION
    requests = Counter("http_requests", "HTTP requests answered.", ["path", "status"], registry=registry)
    duration = Histogram(
        "http_request_duration_seconds", "Time to answer.", ["path"], buckets=(0.25, 0.5, 1.0), registry=registry
    )

    def wrapped(path: str) -> int:
        start = clock()
        status = 500
        try:
            status = handler(path)
            return status
        finally:
            duration.labels(path).observe(clock() - start)
            requests.labels(path, str(status)).inc()

    return wrapped
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def taking(clock: FakeClock, seconds: float, status: int) -> Callable[[str], int]:
    """A handler that spends `seconds` of fake clock time and answers `status`."""

    def handler(path: str) -> int:
        clock.advance(seconds)
        return status

    return handler


_clock, _reg = FakeClock(0.0), CollectorRegistry()
_wrapped = instrument(taking(_clock, 0.5, 200), _reg, _clock)
assert _wrapped("/a") == 200, "wrapped returns the handler's status"
assert _reg.get_sample_value("http_requests_total", {"path": "/a", "status": "200"}) == 1.0, (
    "one request counted, in the registry given to instrument (each metric needs registry=registry)"
)
assert _reg.get_sample_value("http_request_duration_seconds_count", {"path": "/a"}) == 1.0, "one duration observed"
assert _reg.get_sample_value("http_request_duration_seconds_sum", {"path": "/a"}) == 0.5, "0.5 s observed"

# %% course={"kind": "test", "points": 2}
_clock, _reg = FakeClock(0.0), CollectorRegistry()
_wrapped = instrument(taking(_clock, 0.5, 200), _reg, _clock)
_wrapped("/a")
_bucket = lambda le: _reg.get_sample_value("http_request_duration_seconds_bucket", {"path": "/a", "le": le})  # noqa: E731
assert (_bucket("0.25"), _bucket("0.5"), _bucket("1.0"), _bucket("+Inf")) == (0.0, 1.0, 1.0, 1.0), "0.5 s is in le=0.5"
assert _bucket("0.1") is None and _bucket("2.5") is None, "exactly the buckets 0.25, 0.5, 1.0 and +Inf"
### BEGIN HIDDEN TESTS
_clock, _reg = FakeClock(0.0), CollectorRegistry()
_wrapped = instrument(taking(_clock, 2.0, 404), _reg, _clock)
assert _wrapped("/b") == 404 and _wrapped("/b") == 404
assert _reg.get_sample_value("http_requests_total", {"path": "/b", "status": "404"}) == 2.0
_b = lambda le: _reg.get_sample_value("http_request_duration_seconds_bucket", {"path": "/b", "le": le})  # noqa: E731
assert (_b("0.25"), _b("0.5"), _b("1.0"), _b("+Inf")) == (0.0, 0.0, 0.0, 2.0), "2 s lands in +Inf only"
assert _reg.get_sample_value("http_request_duration_seconds_sum", {"path": "/b"}) == 4.0
_clock, _reg = FakeClock(100.0), CollectorRegistry()
_wrapped = instrument(taking(_clock, 0.25, 201), _reg, _clock)
_wrapped("/c")
assert _reg.get_sample_value("http_request_duration_seconds_bucket", {"path": "/c", "le": "0.25"}) == 1.0
assert _reg.get_sample_value("http_request_duration_seconds_sum", {"path": "/c"}) == 0.25, "after minus before"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def failing(clock: FakeClock) -> Callable[[str], int]:
    def handler(path: str) -> int:
        clock.advance(1.0)
        raise ConnectionError("database down")

    return handler


_clock, _reg = FakeClock(0.0), CollectorRegistry()
_wrapped = instrument(failing(_clock), _reg, _clock)
try:
    _wrapped("/pay")
except ConnectionError:
    pass
else:
    raise AssertionError("the handler's exception must reach the caller")
assert _reg.get_sample_value("http_requests_total", {"path": "/pay", "status": "500"}) == 1.0, "a raise counts as 500"
assert _reg.get_sample_value("http_request_duration_seconds_sum", {"path": "/pay"}) == 1.0, "and is timed too"
### BEGIN HIDDEN TESTS
assert _reg.get_sample_value("http_request_duration_seconds_bucket", {"path": "/pay", "le": "1.0"}) == 1.0
_reg2 = CollectorRegistry()
instrument(failing(_clock), _reg2, _clock)  # a second registry: no duplicate registration anywhere
assert _reg2.get_sample_value("http_requests_total", {"path": "/pay", "status": "500"}) is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "not-in-finally", "fails": ["t3"]}
def instrument(handler, registry, clock):
    requests = Counter("http_requests", "HTTP requests answered.", ["path", "status"], registry=registry)
    duration = Histogram(
        "http_request_duration_seconds", "Time to answer.", ["path"], buckets=(0.25, 0.5, 1.0), registry=registry
    )

    def wrapped(path):
        start = clock()
        status = handler(path)
        duration.labels(path).observe(clock() - start)
        requests.labels(path, str(status)).inc()
        return status

    return wrapped

# %% course={"kind": "wrong", "id": "default-buckets", "fails": ["t2"]}
def instrument(handler, registry, clock):
    requests = Counter("http_requests", "HTTP requests answered.", ["path", "status"], registry=registry)
    duration = Histogram("http_request_duration_seconds", "Time to answer.", ["path"], registry=registry)

    def wrapped(path):
        start = clock()
        status = 500
        try:
            status = handler(path)
            return status
        finally:
            duration.labels(path).observe(clock() - start)
            requests.labels(path, str(status)).inc()

    return wrapped

# %% course={"kind": "wrong", "id": "global-registry", "fails": ["t1", "t2", "t3"]}
# Registers in the library's global registry on purpose; a second call in the same process raises "Duplicated
# timeseries", which fails the tests too. The proof runs each section in its own worker process, and no other
# exercise here uses the global registry, so nothing else can meet these metrics.
def instrument(handler, registry, clock):
    requests = Counter("http_requests", "HTTP requests answered.", ["path", "status"])
    duration = Histogram("http_request_duration_seconds", "Time to answer.", ["path"], buckets=(0.25, 0.5, 1.0))

    def wrapped(path):
        start = clock()
        status = 500
        try:
            status = handler(path)
            return status
        finally:
            duration.labels(path).observe(clock() - start)
            requests.labels(path, str(status)).inc()

    return wrapped

# %% course={"kind": "wrong", "id": "milliseconds", "fails": ["t1", "t2", "t3"]}
def instrument(handler, registry, clock):
    requests = Counter("http_requests", "HTTP requests answered.", ["path", "status"], registry=registry)
    duration = Histogram(
        "http_request_duration_seconds", "Time to answer.", ["path"], buckets=(0.25, 0.5, 1.0), registry=registry
    )

    def wrapped(path):
        start = clock()
        status = 500
        try:
            status = handler(path)
            return status
        finally:
            duration.labels(path).observe((clock() - start) * 1000)
            requests.labels(path, str(status)).inc()

    return wrapped

# %% [markdown] course={"kind": "exercise", "id": "job-tracker", "item": "x-create-custom-counters-and-gauges"}
# ### A gauge for work in progress, a counter for work done
#
# Write a class `JobTracker(registry)` for a worker that runs jobs. In `registry` it creates:
#
# - a gauge `jobs_in_progress`: jobs started and not yet finished;
# - a counter `jobs_finished_total` with the label `outcome`, whose series `outcome="ok"` and
#   `outcome="failed"` both exist (at 0) as soon as the tracker is made.
#
# `start()` marks one job as started; `finish(ok)` marks one as finished, successfully when `ok` is true.
# `finish` with no job in progress raises `ValueError` and changes nothing.
#
# ```python
# >>> t = JobTracker(registry); t.start(); t.start(); t.finish(ok=False)
# >>> registry.get_sample_value("jobs_in_progress"), registry.get_sample_value("jobs_finished_total", {"outcome": "failed"})
# (1.0, 1.0)
# ```

# %% [markdown] course={"kind": "hint"}
# A gauge has `inc()` and `dec()`; a counter only `inc()`. `counter.labels("ok")` on its own creates the series
# at 0.

# %% [markdown] course={"kind": "hint"}
# Keep your own count of running jobs in an `int` attribute to decide whether `finish` is allowed; check it
# before touching any metric.

# %% course={"kind": "solution"}
class JobTracker:
    def __init__(self, registry: CollectorRegistry) -> None:
        ### BEGIN SOLUTION
        self.running = 0
        self.in_progress = Gauge("jobs_in_progress", "Jobs started and not finished.", registry=registry)
        self.finished = Counter("jobs_finished", "Jobs finished, by outcome.", ["outcome"], registry=registry)
        self.finished.labels("ok")
        self.finished.labels("failed")
        ### END SOLUTION

    def start(self) -> None:
        ### BEGIN SOLUTION
        self.running += 1
        self.in_progress.inc()
        ### END SOLUTION

    def finish(self, ok: bool) -> None:
        ### BEGIN SOLUTION
        if self.running == 0:
            raise ValueError("finish() without a job in progress")
        self.running -= 1
        self.in_progress.dec()
        self.finished.labels("ok" if ok else "failed").inc()
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_reg = CollectorRegistry()
_t = JobTracker(_reg)
_t.start()
_t.start()
_t.finish(ok=True)
assert _reg.get_sample_value("jobs_in_progress") == 1.0, "two started, one finished: one in progress"
assert _reg.get_sample_value("jobs_finished_total", {"outcome": "ok"}) == 1.0, "one finished ok"

# %% course={"kind": "test", "points": 1}
_reg = CollectorRegistry()
JobTracker(_reg)
assert _reg.get_sample_value("jobs_finished_total", {"outcome": "ok"}) == 0.0, "outcome=ok exists at 0 from the start"
assert _reg.get_sample_value("jobs_finished_total", {"outcome": "failed"}) == 0.0, "and outcome=failed too"
assert _reg.get_sample_value("jobs_in_progress") == 0.0, "nothing in progress yet"
### BEGIN HIDDEN TESTS
_t = JobTracker(_reg2 := CollectorRegistry())
for _ in range(3):
    _t.start()
_t.finish(ok=False)
_t.finish(ok=False)
_t.finish(ok=True)
assert _reg2.get_sample_value("jobs_finished_total", {"outcome": "failed"}) == 2.0
assert _reg2.get_sample_value("jobs_finished_total", {"outcome": "ok"}) == 1.0
assert _reg2.get_sample_value("jobs_in_progress") == 0.0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_reg = CollectorRegistry()
_t = JobTracker(_reg)
try:
    _t.finish(ok=True)
except ValueError:
    pass
else:
    raise AssertionError("finish() with nothing in progress must raise ValueError")
assert _reg.get_sample_value("jobs_in_progress") == 0.0, "the gauge never goes below zero"
### BEGIN HIDDEN TESTS
assert _reg.get_sample_value("jobs_finished_total", {"outcome": "ok"}) == 0.0, "a refused finish counts nothing"
_t.start()
_t.finish(ok=True)
try:
    _t.finish(ok=False)
except ValueError:
    pass
else:
    raise AssertionError("the second finish of one job must raise")
assert _reg.get_sample_value("jobs_finished_total", {"outcome": "failed"}) == 0.0
assert _reg.get_sample_value("jobs_in_progress") == 0.0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "series-appear-late", "fails": ["t2", "t3"]}
class JobTracker:
    def __init__(self, registry):
        self.running = 0
        self.in_progress = Gauge("jobs_in_progress", "Jobs started and not finished.", registry=registry)
        self.finished = Counter("jobs_finished", "Jobs finished, by outcome.", ["outcome"], registry=registry)

    def start(self):
        self.running += 1
        self.in_progress.inc()

    def finish(self, ok):
        if self.running == 0:
            raise ValueError("finish() without a job in progress")
        self.running -= 1
        self.in_progress.dec()
        self.finished.labels("ok" if ok else "failed").inc()

# %% course={"kind": "wrong", "id": "no-guard", "fails": ["t3"]}
class JobTracker:
    def __init__(self, registry):
        self.in_progress = Gauge("jobs_in_progress", "Jobs started and not finished.", registry=registry)
        self.finished = Counter("jobs_finished", "Jobs finished, by outcome.", ["outcome"], registry=registry)
        self.finished.labels("ok")
        self.finished.labels("failed")

    def start(self):
        self.in_progress.inc()

    def finish(self, ok):
        self.in_progress.dec()
        self.finished.labels("ok" if ok else "failed").inc()

# %% course={"kind": "wrong", "id": "counts-before-check", "fails": ["t3"]}
class JobTracker:
    def __init__(self, registry):
        self.running = 0
        self.in_progress = Gauge("jobs_in_progress", "Jobs started and not finished.", registry=registry)
        self.finished = Counter("jobs_finished", "Jobs finished, by outcome.", ["outcome"], registry=registry)
        self.finished.labels("ok")
        self.finished.labels("failed")

    def start(self):
        self.running += 1
        self.in_progress.inc()

    def finish(self, ok):
        self.finished.labels("ok" if ok else "failed").inc()
        if self.running == 0:
            raise ValueError("finish() without a job in progress")
        self.running -= 1
        self.in_progress.dec()

# %% [markdown] course={"kind": "exercise", "id": "bucket-counts", "item": "x-implement-histogram-for-latency-tracking"}
# ### What a histogram stores
#
# Write `bucket_counts(observations, bounds)`, the bucket samples a Prometheus histogram with upper bounds
# `bounds` would export after observing `observations` (any iterable of numbers, read once): a list of
# `(le, count)` tuples, one per bound in order and then `(math.inf, total)`, where `le` is a `float` and `count`
# (an `int`) counts the observations **less than or equal to** `le` (buckets are cumulative). `bounds` must be
# strictly increasing, else `ValueError`; the caller's `bounds` list is left unchanged.
#
# ```python
# >>> bucket_counts([0.1, 0.25, 0.7, 3], [0.25, 1])
# [(0.25, 2), (1.0, 3), (inf, 4)]
# ```

# %% [markdown] course={"kind": "hint"}
# Turn `observations` into a list first: an iterator can be read only once, and you need it for every bucket.

# %% [markdown] course={"kind": "hint"}
# For each bound of `[*bounds, math.inf]`, count `x <= bound`. Check neighbours with
# `zip(bounds, bounds[1:])` before counting.

# %% course={"kind": "solution"}
def bucket_counts(observations: Iterable[float], bounds: list[float]) -> list[tuple[float, int]]:
    ### BEGIN SOLUTION
    for low, high in zip(bounds, bounds[1:]):
        if low >= high:
            raise ValueError(f"bucket bounds must increase: {low} then {high}")
    seen = list(observations)
    return [(float(bound), sum(1 for x in seen if x <= bound)) for bound in [*bounds, math.inf]]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert bucket_counts([0.1, 0.25, 0.7, 3], [0.25, 1]) == [(0.25, 2), (1.0, 3), (math.inf, 4)], "cumulative, +Inf last"
_result = bucket_counts([0.1, 0.25, 0.7, 3], [0.25, 1])
assert type(_result) is list and all(type(le) is float and type(n) is int for le, n in _result), "list of (float, int)"

# %% course={"kind": "test", "points": 2}
assert bucket_counts([0.5], [0.5, 1.0]) == [(0.5, 1), (1.0, 1), (math.inf, 1)], "a value equal to a bound is in it"
assert bucket_counts(iter([0.2, 2.0]), [1.0]) == [(1.0, 1), (math.inf, 2)], "an iterator is read once"
### BEGIN HIDDEN TESTS
assert bucket_counts([], [0.1, 1]) == [(0.1, 0), (1.0, 0), (math.inf, 0)], "no observations: all zero"
assert bucket_counts([5, 5, 5], []) == [(math.inf, 3)], "no bounds: just +Inf"
_bounds = [0.5, 1.0]
bucket_counts([0.7], _bounds)
assert _bounds == [0.5, 1.0], "the caller's bounds are not changed (no +Inf appended to them)"
_obs = [0.004, 0.01, 0.3, 0.3, 0.75, 1.0, 9.9, 12.0]
_h_reg = CollectorRegistry()
_h = Histogram("check_seconds", "x", buckets=(0.01, 0.3, 1.0, 10.0), registry=_h_reg)
for _x in _obs:
    _h.observe(_x)
_library = [(float(s.labels["le"]), int(s.value)) for f in _h_reg.collect() for s in f.samples if s.name.endswith("_bucket")]
assert bucket_counts(_obs, [0.01, 0.3, 1.0, 10.0]) == _library, "the same numbers the library's Histogram exports"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ([1.0, 0.5], [0.5, 0.5], [0.1, 0.2, 0.2]):
    try:
        bucket_counts([1], _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"bounds {_bad} do not increase strictly: ValueError")
### BEGIN HIDDEN TESTS
assert bucket_counts([1], [0.1, 0.2]) == [(0.1, 0), (0.2, 0), (math.inf, 1)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strictly-less", "fails": ["t1", "t2"]}
def bucket_counts(observations, bounds):
    for low, high in zip(bounds, bounds[1:]):
        if low >= high:
            raise ValueError("bounds must increase")
    seen = list(observations)
    return [(float(bound), sum(1 for x in seen if x < bound)) for bound in [*bounds, math.inf]]

# %% course={"kind": "wrong", "id": "per-bucket-counts", "fails": ["t1", "t2"]}
def bucket_counts(observations, bounds):
    for low, high in zip(bounds, bounds[1:]):
        if low >= high:
            raise ValueError("bounds must increase")
    result, low = [], -math.inf
    seen = list(observations)
    for bound in [*bounds, math.inf]:
        result.append((float(bound), sum(1 for x in seen if low < x <= bound)))
        low = bound
    return result

# %% course={"kind": "wrong", "id": "iterator-twice", "fails": ["t2"]}
def bucket_counts(observations, bounds):
    for low, high in zip(bounds, bounds[1:]):
        if low >= high:
            raise ValueError("bounds must increase")
    return [(float(bound), sum(1 for x in observations if x <= bound)) for bound in [*bounds, math.inf]]

# %% course={"kind": "wrong", "id": "appends-inf-to-bounds", "fails": ["t2"]}
def bucket_counts(observations, bounds):
    for low, high in zip(bounds, bounds[1:]):
        if low >= high:
            raise ValueError("bounds must increase")
    seen = list(observations)
    bounds.append(math.inf)
    return [(float(bound), sum(1 for x in seen if x <= bound)) for bound in bounds]

# %% course={"kind": "wrong", "id": "only-decreasing-refused", "fails": ["t3"]}
def bucket_counts(observations, bounds):
    if bounds != sorted(bounds):
        raise ValueError("bounds must increase")
    seen = list(observations)
    return [(float(bound), sum(1 for x in seen if x <= bound)) for bound in [*bounds, math.inf]]

# %% [markdown] course={"kind": "exercise", "id": "parse-exposition"}
# ### Read the exposition format
#
# Write `parse_exposition(text)` returning every sample in Prometheus text-format `text` as a list of
# `(name, labels, value)` tuples in the order they appear: `name` a `str`, `labels` a `dict[str, str]` (empty
# when there are none), `value` a `float`. Ignore spaces around a line; skip blank lines and comment lines
# (`#`, which includes `# HELP` and `# TYPE`). A label value is in double quotes and may contain `\"`, `\\`
# and `\n` (a newline), as well as commas, `=` and `}`; the value may be `+Inf`, `-Inf` or `NaN`; an optional
# timestamp after the value is ignored. A line that is not a metric name (letters, digits, `_` and `:`, not
# starting with a digit), an optional closed label block and a value (say `up{job="api" 1`, whose label block
# is never closed, or `up` alone) raises `ValueError`. The starter gives you two regular expressions: `SAMPLE`
# splits a line into name, label block and value, and `PAIR` finds one `name="value"` pair in a label block
# (the value still escaped).
#
# ```python
# >>> parse_exposition('# TYPE up gauge\nup{job="api",note="a \\"b\\""} 1 1712000000000\n')
# [('up', {'job': 'api', 'note': 'a "b"'}, 1.0)]
# ```

# %% [markdown] course={"kind": "hint"}
# Splitting the label block on `,` or `"` breaks as soon as a value contains one. `PAIR.finditer(block)` walks
# it one whole `name="..."` pair at a time: its quoted part, `(?:[^"\\]|\\.)*`, steps over `\"` as one unit.

# %% [markdown] course={"kind": "hint"}
# `SAMPLE.match(line)` is `None` for a line that is not a sample (raise then); otherwise its three groups are
# the name, the label block (`None` without braces) and the value. Unescape a value with
# `re.sub(r"\\(.)", ...)`: `n` becomes a newline, any other character stands for itself. `float()` understands
# `+Inf`, `-Inf` and `NaN`.

# %% course={"kind": "solution"}
import re

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})?\s+(\S+)')
PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"')


def parse_exposition(text: str) -> list[tuple[str, dict[str, str], float]]:
    ### BEGIN SOLUTION
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if match is None:
            raise ValueError(f"not a sample line: {line!r}")
        name, block, value = match.groups()
        labels = {}
        for pair in PAIR.finditer(block or ""):
            labels[pair[1]] = re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], pair[2])
        found.append((name, labels, float(value)))
    return found
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_text = '# HELP up Whether the target answered.\n# TYPE up gauge\nup{job="api"} 1\n\nup{job="db"} 0\n'
assert parse_exposition(_text) == [("up", {"job": "api"}, 1.0), ("up", {"job": "db"}, 0.0)], "comments and blanks skipped"
assert parse_exposition("process_open_fds 12\n") == [("process_open_fds", {}, 12.0)], "no labels: an empty dict"
_one = parse_exposition("x 3\n")[0]
assert type(_one) is tuple and type(_one[1]) is dict and type(_one[2]) is float, "(str, dict, float) tuples"

# %% course={"kind": "test", "points": 2}
_tricky = r'req{path="/a,b=c}",msg="say \"hi\"\\n",multi="line1\nline2"} 7' + "\n"
assert parse_exposition(_tricky) == [("req", {"path": "/a,b=c}", "msg": 'say "hi"\\n', "multi": "line1\nline2"}, 7.0)], (
    "commas, = and } inside quotes; \\\" is a quote, \\\\ a backslash, \\n a newline"
)
### BEGIN HIDDEN TESTS
assert parse_exposition('a{x="\\\\"} 1\n') == [("a", {"x": "\\"}, 1.0)], "a lone escaped backslash"
assert parse_exposition('a{x=""} 1\n') == [("a", {"x": ""}, 1.0)], "an empty label value"
assert parse_exposition('a{x="1",} 2\n') == [("a", {"x": "1"}, 2.0)], "a trailing comma is allowed"
assert parse_exposition('a{x="caf\u00e9 \u2603"} 2\n') == [("a", {"x": "caf\u00e9 \u2603"}, 2.0)], "unicode"
assert parse_exposition("a{} 4\n") == [("a", {}, 4.0)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_special = parse_exposition('h_bucket{le="+Inf"} +Inf\ng -Inf\nratio NaN\nbig 1.5e3 1712000000000\n')
assert _special[0] == ("h_bucket", {"le": "+Inf"}, math.inf) and _special[1] == ("g", {}, -math.inf), "+Inf, -Inf"
assert _special[2][0] == "ratio" and math.isnan(_special[2][2]), "NaN"
assert _special[3] == ("big", {}, 1500.0), "1.5e3 with a timestamp after it, which is ignored"
### BEGIN HIDDEN TESTS
_reg = CollectorRegistry()
_g = Gauge("check_value", "x", ["k"], registry=_reg)
_g.labels('q"uo\\te\nnl').set(2.5)
_g.labels("").set(-1)
_lib = [(s.name, dict(s.labels), s.value) for f in text_string_to_metric_families(exposition(_reg)) for s in f.samples]
assert parse_exposition(exposition(_reg)) == _lib, "agrees with the library's parser on what the library writes"
assert parse_exposition("  up 1  \n\n   # indented comment\n") == [("up", {}, 1.0)], "surrounding spaces"
assert parse_exposition("") == []
for _bad in ('up{job="api" 1', '{job="api"} 1', "up", "9lives 1"):
    try:
        parse_exposition("ok 1\n" + _bad + "\n")
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_bad!r} is not a sample line: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-commas", "fails": ["t2", "t3"]}
import re


def parse_exposition(text):
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, value = line.split()[:2]
        labels = {}
        if "{" in head:
            name, block = head[:-1].split("{", 1)
            for pair in block.split(","):
                key, _, raw = pair.partition("=")
                labels[key] = raw.strip('"')
        else:
            name = head
        found.append((name, labels, float(value)))
    return found

# %% course={"kind": "wrong", "id": "no-unescape", "fails": ["t2", "t3"]}
import re

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})?\s+(\S+)')
PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"')


def parse_exposition(text):
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, block, value = SAMPLE.match(line).groups()
        labels = {pair[1]: pair[2] for pair in PAIR.finditer(block or "")}
        found.append((name, labels, float(value)))
    return found

# %% course={"kind": "wrong", "id": "last-field-is-value", "fails": ["t3"]}
import re

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})?\s+(\S+)')
PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"')


def parse_exposition(text):
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, block, _ = SAMPLE.match(line).groups()
        labels = {}
        for pair in PAIR.finditer(block or ""):
            labels[pair[1]] = re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], pair[2])
        found.append((name, labels, float(line.split()[-1])))
    return found

# %% [markdown] course={"kind": "exercise", "id": "cardinality-check"}
# ### Find the label that explodes
#
# Write `too_many_values(samples, limit)`. `samples` is a list of `(name, labels, value)` tuples, as
# `parse_exposition` returns. For every metric name and label name, count the **distinct values** that label
# takes in that metric's samples. Return the `(name, label, count)` tuples whose count is **greater than**
# `limit`, as a list sorted by name, then label.
#
# ```python
# >>> too_many_values([("hits", {"user": "u1"}, 1.0), ("hits", {"user": "u2"}, 1.0), ("hits", {"user": "u3"}, 1.0)], 2)
# [('hits', 'user', 3)]
# ```

# %% [markdown] course={"kind": "hint"}
# A dict from `(name, label)` to a set of values; one pass over the samples fills it.

# %% [markdown] course={"kind": "hint"}
# The same label name in two metrics is two different things: key by both. Sorting the tuples sorts by name,
# then label.

# %% course={"kind": "solution"}
def too_many_values(samples: list[tuple[str, dict[str, str], float]], limit: int) -> list[tuple[str, str, int]]:
    ### BEGIN SOLUTION
    values: dict[tuple[str, str], set[str]] = {}
    for name, labels, _value in samples:
        for label, value in labels.items():
            values.setdefault((name, label), set()).add(value)
    return sorted((name, label, len(seen)) for (name, label), seen in values.items() if len(seen) > limit)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_hits = [("hits", {"user": f"u{n}", "code": "200"}, 1.0) for n in range(5)]
assert too_many_values(_hits, 3) == [("hits", "user", 5)], "5 users over a limit of 3; one code value is fine"
assert too_many_values(_hits, 5) == [], "5 values is not more than 5"

# %% course={"kind": "test", "points": 2}
_mixed = [
    ("req", {"path": "/a", "status": "200"}, 1.0),
    ("req", {"path": "/a", "status": "500"}, 1.0),
    ("req", {"path": "/b", "status": "200"}, 1.0),
    ("lat", {"status": "x"}, 1.0),
]
assert too_many_values(_mixed, 1) == [("req", "path", 2), ("req", "status", 2)], "distinct values, not series"
### BEGIN HIDDEN TESTS
assert too_many_values(_mixed, 0) == [("lat", "status", 1), ("req", "path", 2), ("req", "status", 2)], "sorted"
assert too_many_values([], 0) == []
assert too_many_values([("up", {}, 1.0)], 0) == [], "no labels: nothing to report"
_by_metric = [("a", {"k": "1"}, 1.0), ("b", {"k": "2"}, 1.0)]
assert too_many_values(_by_metric, 1) == [], "one value per metric: a label is counted per metric"
_r = too_many_values(_hits, 0)
assert type(_r) is list and all(type(t) is tuple and type(t[2]) is int for t in _r)
assert _r == [("hits", "code", 1), ("hits", "user", 5)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-series", "fails": ["t1", "t2"]}
def too_many_values(samples, limit):
    counts = {}
    for name, labels, _value in samples:
        for label in labels:
            counts[(name, label)] = counts.get((name, label), 0) + 1
    return sorted((name, label, n) for (name, label), n in counts.items() if n > limit)

# %% course={"kind": "wrong", "id": "at-limit", "fails": ["t1", "t2"]}
def too_many_values(samples, limit):
    values = {}
    for name, labels, _value in samples:
        for label, value in labels.items():
            values.setdefault((name, label), set()).add(value)
    return sorted((name, label, len(seen)) for (name, label), seen in values.items() if len(seen) >= limit)

# %% course={"kind": "wrong", "id": "ignores-metric", "fails": ["t2"]}
def too_many_values(samples, limit):
    values = {}
    for name, labels, _value in samples:
        for label, value in labels.items():
            values.setdefault(label, (name, set()))[1].add(value)
    return sorted((name, label, len(seen)) for label, (name, seen) in values.items() if len(seen) > limit)

# %% [markdown] course={"kind": "exercise", "id": "counter-increase"}
# ### `increase` and `rate` across counter resets
#
# A counter was scraped at increasing times. Write:
#
# - `increase(values)`: how much the counter grew from its first to its last sample. A value lower than the one
#   before means the process restarted and the counter began again at 0, so that step added the new value
#   itself. An `int` for `int` values; 0 for fewer than two values.
# - `rate(points)`: `points` are `(seconds, value)` pairs; the increase divided by the seconds between the first
#   and last point, as an exact `Fraction`; `None` for fewer than two points.
#
# This is the exact, non-extrapolating version (Prometheus also stretches the result to the window's edges).
#
# ```python
# >>> increase([100, 130, 4, 19]), rate([(0, 100), (15, 130), (30, 4), (45, 19)])
# (49, Fraction(49, 45))
# ```

# %% [markdown] course={"kind": "hint"}
# Walk consecutive pairs with `zip(values, values[1:])`. A step up adds the difference; a step down adds the
# later value.

# %% [markdown] course={"kind": "hint"}
# `rate` can call `increase([v for _, v in points])` and divide by `points[-1][0] - points[0][0]` with
# `Fraction(a, b)`.

# %% course={"kind": "solution"}
def increase(values: list[int]) -> int:
    ### BEGIN SOLUTION
    total = 0
    for before, after in zip(values, values[1:]):
        total += after - before if after >= before else after
    return total
    ### END SOLUTION


def rate(points: list[tuple[int, int]]) -> Fraction | None:
    ### BEGIN SOLUTION
    if len(points) < 2:
        return None
    return Fraction(increase([value for _, value in points]), points[-1][0] - points[0][0])
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert increase([10, 15, 15, 22]) == 12, "no reset: last minus first"
assert rate([(0, 10), (30, 40)]) == Fraction(1), "30 more in 30 s: 1 per second"

# %% course={"kind": "test", "points": 2}
assert increase([100, 130, 4, 19]) == 49, "30, then a restart that counted 4, then 15"
assert increase([5, 0, 3]) == 3, "a reset to 0 adds 0"
### BEGIN HIDDEN TESTS
assert increase([7, 2, 1, 9]) == 11, "two resets in a row: 2 + 1 + 8"
assert increase([3, 3, 3]) == 0
assert increase([0, 5]) == 5
assert increase([50, 50, 1]) == 1
assert increase([9]) == 0 and increase([]) == 0, "fewer than two values: 0"
assert type(increase([1, 4])) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_r = rate([(0, 100), (15, 130), (30, 4), (45, 19)])
assert _r == Fraction(49, 45) and type(_r) is Fraction, "49 over 45 seconds, exact"
assert rate([(10, 1)]) is None and rate([]) is None, "one point says nothing about a rate"
### BEGIN HIDDEN TESTS
assert rate([(100, 0), (160, 30)]) == Fraction(1, 2), "seconds between first and last, not since 0"
assert rate([(0, 8), (20, 2), (40, 2)]) == Fraction(1, 20)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "last-minus-first", "fails": ["t2", "t3"]}
def increase(values):
    return values[-1] - values[0] if len(values) > 1 else 0


def rate(points):
    if len(points) < 2:
        return None
    return Fraction(increase([value for _, value in points]), points[-1][0] - points[0][0])

# %% course={"kind": "wrong", "id": "skip-reset-step", "fails": ["t2", "t3"]}
def increase(values):
    total = 0
    for before, after in zip(values, values[1:]):
        if after >= before:
            total += after - before
    return total


def rate(points):
    if len(points) < 2:
        return None
    return Fraction(increase([value for _, value in points]), points[-1][0] - points[0][0])

# %% course={"kind": "wrong", "id": "float-rate", "fails": ["t3"]}
def increase(values):
    total = 0
    for before, after in zip(values, values[1:]):
        total += after - before if after >= before else after
    return total


def rate(points):
    if len(points) < 2:
        return None
    return increase([value for _, value in points]) / (points[-1][0] - points[0][0])

# %% [markdown] course={"kind": "exercise", "id": "histogram-quantile"}
# ### `histogram_quantile` by hand
#
# Write `histogram_quantile(q, buckets)` the way Prometheus estimates a quantile from cumulative buckets.
# `buckets` is a list of `(le, count)` pairs sorted by `le`, cumulative counts, the last `le` normally
# `math.inf`. Return a `float`:
#
# - `-inf` for `q < 0`, `inf` for `q > 1`;
# - `nan` when the last bucket is not `+Inf`, when there are fewer than two buckets, or when there are no
#   observations (the `+Inf` count is 0);
# - otherwise let `rank = q * total` and find the first bucket whose count is at least `rank`. If that is the
#   `+Inf` bucket, return the upper bound of the bucket before it. Else interpolate linearly inside it: from
#   the previous bucket's upper bound (0 for the first bucket) to its own, by the share
#   `(rank - previous count) / (its count - previous count)`. (If the first bucket's upper bound is 0 or less,
#   return that bound. If the bucket found holds no observations, which happens only for `q = 0` with an
#   empty first bucket, that share is 0 / 0: return `nan`.)
#
# ```python
# >>> histogram_quantile(0.5, [(0.1, 10), (0.5, 30), (1.0, 40), (math.inf, 40)])   # rank 20: halfway from 0.1 to 0.5
# 0.3
# ```

# %% [markdown] course={"kind": "hint"}
# Deal with the special cases first, in the order listed. Then a loop over the buckets except the last finds the
# first `count >= rank`; falling off the end means the `+Inf` bucket.

# %% [markdown] course={"kind": "hint"}
# For bucket `i > 0`: `start, end = buckets[i-1][0], buckets[i][0]`, `below = buckets[i-1][1]`, and the answer
# is `start + (end - start) * (rank - below) / (buckets[i][1] - below)`. For `i == 0`, `start = 0` and `below = 0`.

# %% course={"kind": "solution"}
def histogram_quantile(q: float, buckets: list[tuple[float, int]]) -> float:
    ### BEGIN SOLUTION
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    if len(buckets) < 2 or buckets[-1][0] != math.inf or buckets[-1][1] == 0:
        return math.nan
    rank = q * buckets[-1][1]
    for i in range(len(buckets) - 1):
        end, count = buckets[i]
        if count >= rank:
            break
    else:
        return float(buckets[-2][0])
    if i == 0 and end <= 0:
        return float(end)
    start, below = (buckets[i - 1][0], buckets[i - 1][1]) if i > 0 else (0, 0)
    if count == below:
        return math.nan
    return start + (end - start) * (rank - below) / (count - below)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
_latency = [(0.1, 10), (0.5, 30), (1.0, 40), (math.inf, 40)]
assert math.isclose(histogram_quantile(0.5, _latency), 0.3, rel_tol=1e-9), "rank 20: halfway between 0.1 and 0.5"
assert math.isclose(histogram_quantile(0.25, _latency), 0.1, rel_tol=1e-9), "rank 10 ends the first bucket"
assert math.isclose(histogram_quantile(0.1, _latency), 0.04, rel_tol=1e-9), "first bucket: from 0 up to 0.1"
assert type(histogram_quantile(0.5, _latency)) is float

# %% course={"kind": "test", "points": 2}
_tail = [(0.1, 10), (0.5, 30), (1.0, 40), (math.inf, 50)]
assert histogram_quantile(0.9, _tail) == 1.0, "in the +Inf bucket: the last finite bound"
assert math.isclose(histogram_quantile(0.7, _tail), 0.75, rel_tol=1e-9), "rank 35: halfway between 0.5 and 1.0"
### BEGIN HIDDEN TESTS
assert histogram_quantile(1.0, _tail) == 1.0 and type(histogram_quantile(1.0, _tail)) is float
assert math.isclose(histogram_quantile(1.0, _latency), 1.0, rel_tol=1e-9), "all in finite buckets: the top bound"
assert math.isclose(histogram_quantile(0.8, _tail), 1.0, rel_tol=1e-9), "rank 40 is the top of le=1.0"
assert histogram_quantile(0.99, [(2, 5), (math.inf, 10)]) == 2.0 and type(histogram_quantile(0.99, [(2, 5), (math.inf, 10)])) is float
assert math.isclose(histogram_quantile(0.3, [(2, 5), (math.inf, 10)]), 1.2, rel_tol=1e-9), "0..2 holds ranks 0..5"
assert math.isclose(histogram_quantile(0.5, [(1, 0), (3, 4), (math.inf, 4)]), 2.0, rel_tol=1e-9), "empty first bucket"
assert math.isclose(histogram_quantile(0.75, [(1, 2), (2, 2), (4, 4), (math.inf, 4)]), 3.0, rel_tol=1e-9)
assert histogram_quantile(0.0, _latency) == 0.0
_neg = histogram_quantile(0.5, [(-1, 3), (0, 4), (math.inf, 4)])
assert _neg == -1.0 and type(_neg) is float, "a first bound of 0 or less is returned, as a float"
assert histogram_quantile(0.0, [(0, 0), (1, 4), (math.inf, 4)]) == 0.0, "an empty first bucket ending at 0: 0"
assert math.isnan(histogram_quantile(0.0, [(1, 0), (3, 4), (math.inf, 4)])), "q = 0, empty first bucket: 0 / 0"
assert histogram_quantile(1.0, [(1, 2), (2, 2), (math.inf, 2)]) == 1.0, "the FIRST bucket whose count reaches the rank"
assert histogram_quantile(0.5, [(0.1, 0), (math.inf, 6)]) == 0.1, "all in +Inf: the last finite bound, not NaN"
assert math.isclose(histogram_quantile(0.9, [(0, 3), (1, 4), (math.inf, 4)]), 0.6, rel_tol=1e-9)
assert histogram_quantile(0.5, [(0, 3), (1, 4), (math.inf, 4)]) == 0.0, "a first bound of exactly 0 is returned too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert math.isnan(histogram_quantile(0.5, [(0.1, 0), (math.inf, 0)])), "no observations: NaN"
assert histogram_quantile(-0.1, _latency) == -math.inf and histogram_quantile(1.5, _latency) == math.inf, "q out of 0..1"
### BEGIN HIDDEN TESTS
assert math.isnan(histogram_quantile(0.5, [(0.1, 3), (1.0, 5)])), "no +Inf bucket: NaN"
assert math.isnan(histogram_quantile(0.5, [(math.inf, 5)])), "a single bucket: NaN"
assert math.isnan(histogram_quantile(0.5, [(-1, 0), (0, 0), (math.inf, 0)])), "empty, even with bounds at or below 0"
assert math.isnan(histogram_quantile(0.5, [])), "no buckets: NaN"
assert histogram_quantile(-0.1, []) == -math.inf and histogram_quantile(1.01, []) == math.inf, "q is checked first"
assert histogram_quantile(1.0, [(1, 0), (math.inf, 0)]) != histogram_quantile(1.0, [(1, 0), (math.inf, 0)]), "NaN at q=1"
assert not math.isnan(histogram_quantile(0.0, [(1, 1), (math.inf, 1)])) and histogram_quantile(1.0, [(1, 1), (math.inf, 1)]) == 1.0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inf-bucket-returns-inf", "fails": ["t2"]}
def histogram_quantile(q, buckets):
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    if len(buckets) < 2 or buckets[-1][0] != math.inf or buckets[-1][1] == 0:
        return math.nan
    rank = q * buckets[-1][1]
    start, below = 0, 0
    for end, count in buckets:
        if count >= rank:
            if end == math.inf:
                return math.inf
            return float(start + (end - start) * (rank - below) / (count - below))
        start, below = end, count
    return math.nan

# %% course={"kind": "wrong", "id": "bucket-upper-bound", "fails": ["t1", "t2"]}
def histogram_quantile(q, buckets):
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    if len(buckets) < 2 or buckets[-1][0] != math.inf or buckets[-1][1] == 0:
        return math.nan
    rank = q * buckets[-1][1]
    for i in range(len(buckets) - 1):
        if buckets[i][1] >= rank:
            return float(buckets[i][0])
    return float(buckets[-2][0])

# %% course={"kind": "wrong", "id": "empty-divides", "fails": ["t2", "t3"]}
def histogram_quantile(q, buckets):
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    rank = q * buckets[-1][1]
    for i in range(len(buckets) - 1):
        end, count = buckets[i]
        if count >= rank:
            break
    else:
        return float(buckets[-2][0])
    start, below = (buckets[i - 1][0], buckets[i - 1][1]) if i > 0 else (0, 0)
    return float(start + (end - start) * (rank - below) / (count - below))

# %% [markdown] course={"kind": "exercise", "id": "sum-by"}
# ### `sum by (...)`
#
# Write `sum_by(samples, name, by)`, PromQL's `sum by (labels) (name)` over `(name, labels, value)` samples:
# take only the samples called `name`, group them by the values of the labels in `by` (a tuple of label names),
# and add up each group's values. Return a dict from the tuple of those label values, in the order of `by`,
# to the sum (a `float`). A sample without one of the `by` labels groups under `""` for it, as in PromQL.
#
# ```python
# >>> sum_by([("req", {"code": "200", "pod": "a"}, 3.0), ("req", {"code": "200", "pod": "b"}, 4.0)], "req", ("code",))
# {('200',): 7.0}
# ```

# %% [markdown] course={"kind": "hint"}
# The key is `tuple(labels.get(label, "") for label in by)`.

# %% [markdown] course={"kind": "hint"}
# `result[key] = result.get(key, 0.0) + value`, and skip samples with another name.

# %% course={"kind": "solution"}
def sum_by(samples: list[tuple[str, dict[str, str], float]], name: str, by: tuple[str, ...]) -> dict[tuple[str, ...], float]:
    ### BEGIN SOLUTION
    result: dict[tuple[str, ...], float] = {}
    for sample_name, labels, value in samples:
        if sample_name != name:
            continue
        key = tuple(labels.get(label, "") for label in by)
        result[key] = result.get(key, 0.0) + value
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_reqs = [
    ("req", {"code": "200", "pod": "a"}, 3.0),
    ("req", {"code": "200", "pod": "b"}, 4.0),
    ("req", {"code": "500", "pod": "a"}, 1.0),
    ("lat", {"code": "200", "pod": "a"}, 99.0),
]
assert sum_by(_reqs, "req", ("code",)) == {("200",): 7.0, ("500",): 1.0}, "only req, grouped by code"

# %% course={"kind": "test", "points": 2}
assert sum_by(_reqs, "req", ("pod", "code")) == {("a", "200"): 3.0, ("b", "200"): 4.0, ("a", "500"): 1.0}, "in by's order"
assert sum_by(_reqs, "req", ()) == {(): 8.0}, "by nothing: one total"
### BEGIN HIDDEN TESTS
assert sum_by(_reqs + [("req", {"pod": "c"}, 2.0)], "req", ("code",)) == {("200",): 7.0, ("500",): 1.0, ("",): 2.0}
assert sum_by(_reqs, "nope", ("code",)) == {}
_s = sum_by([("x", {}, 1.0), ("x", {}, 2.0)], "x", ())
assert _s == {(): 3.0} and type(_s[()]) is float
assert sum_by([("x", {"k": "1"}, 0.0)], "x", ("k",)) == {("1",): 0.0}, "a zero sum is still a group"
_ints = sum_by([("x", {"k": "1"}, 2)], "x", ("k",))  # type: ignore[list-item]
assert type(_ints[("1",)]) is float, "sums are floats even for int values"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "all-names", "fails": ["t1", "t2"]}
def sum_by(samples, name, by):
    result = {}
    for _name, labels, value in samples:
        key = tuple(labels.get(label, "") for label in by)
        result[key] = result.get(key, 0.0) + value
    return result

# %% course={"kind": "wrong", "id": "missing-label-raises", "fails": ["t2"]}
def sum_by(samples, name, by):
    result = {}
    for sample_name, labels, value in samples:
        if sample_name == name:
            key = tuple(labels[label] for label in by)
            result[key] = result.get(key, 0.0) + value
    return result

# %% course={"kind": "wrong", "id": "sorted-key", "fails": ["t2"]}
def sum_by(samples, name, by):
    result = {}
    for sample_name, labels, value in samples:
        if sample_name == name:
            key = tuple(labels.get(label, "") for label in sorted(by))
            result[key] = result.get(key, 0.0) + value
    return result

# %% [markdown] course={"kind": "exercise", "id": "availability-sli"}
# ### An availability SLI from two counter snapshots
#
# `before` and `after` are snapshots of `http_requests_total` split by status code (`{"200": 9000, "503": 4}`)
# taken at the start and end of a window. Write `availability(before, after)`: the share of requests in the
# window that did **not** fail on the server (5xx), as an exact `Fraction`, or `None` when no request was served.
# Use each code's increase: `after - before` (a code missing from `before` started at 0), and, where a value went
# down (a restart), the `after` value itself. A 4xx is the client's mistake and counts as good.
#
# ```python
# >>> availability({"200": 9000, "500": 20}, {"200": 9990, "500": 30})
# Fraction(99, 100)
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over `after.items()`; compute each code's increase; add it to the total, and to the errors when the code
# starts with `"5"`.

# %% [markdown] course={"kind": "hint"}
# The result is `Fraction(total - errors, total)`; check `total == 0` first.

# %% course={"kind": "solution"}
def availability(before: Mapping[str, int], after: Mapping[str, int]) -> Fraction | None:
    ### BEGIN SOLUTION
    total = errors = 0
    for code, now in after.items():
        then = before.get(code, 0)
        served = now - then if now >= then else now
        total += served
        if code.startswith("5"):
            errors += served
    if total == 0:
        return None
    return Fraction(total - errors, total)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_a = availability({"200": 9000, "500": 20}, {"200": 9990, "500": 30})
assert _a == Fraction(99, 100) and type(_a) is Fraction, "990 good of 1000: 99/100, exact"

# %% course={"kind": "test", "points": 2}
assert availability({"200": 10, "404": 5}, {"200": 20, "404": 15}) == Fraction(1), "404s are not our failures"
assert availability({"200": 10}, {"200": 10, "503": 10}) == Fraction(0), "a code new in the window started at 0"
assert availability({"200": 10}, {"200": 10}) is None, "no traffic: no verdict"
### BEGIN HIDDEN TESTS
assert availability({"200": 500, "502": 50}, {"200": 30, "502": 10}) == Fraction(3, 4), "a restart: the after values"
assert availability({}, {"200": 3, "500": 1}) == Fraction(3, 4)
assert availability({}, {}) is None
assert availability({"200": 5}, {"200": 5, "500": 0}) is None
assert availability({"500": 7}, {"500": 7, "201": 1}) == Fraction(1)
assert availability({"599": 0, "200": 0}, {"599": 1, "200": 3}) == Fraction(3, 4)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "lifetime-totals", "fails": ["t1", "t2"]}
def availability(before, after):
    total = sum(after.values())
    errors = sum(n for code, n in after.items() if code.startswith("5"))
    if total == 0:
        return None
    return Fraction(total - errors, total)

# %% course={"kind": "wrong", "id": "4xx-are-errors", "fails": ["t2"]}
def availability(before, after):
    total = errors = 0
    for code, now in after.items():
        then = before.get(code, 0)
        served = now - then if now >= then else now
        total += served
        if not code.startswith("2"):
            errors += served
    if total == 0:
        return None
    return Fraction(total - errors, total)

# %% course={"kind": "wrong", "id": "float-ratio", "fails": ["t1"]}
def availability(before, after):
    total = errors = 0
    for code, now in after.items():
        then = before.get(code, 0)
        served = now - then if now >= then else now
        total += served
        if code.startswith("5"):
            errors += served
    if total == 0:
        return None
    return 1 - errors / total

# %% [markdown] course={"kind": "exercise", "id": "queue-exporter", "item": "x-build-a-simple-exporter"}
# ### An exporter for a queue service
#
# `fetch()` calls a queue service's admin API and returns `{queue_name: {"depth": int, "consumers": int}}`,
# or raises when the service is down. Write a collector class `QueueExporter(fetch)` whose `collect()` calls
# `fetch()` **once per scrape** and yields gauges, each with a HELP text (its documentation, not empty):
#
# - `queue_depth` and `queue_consumers`, each with the label `queue`, one sample per queue;
# - `queue_exporter_up`: 1 when `fetch()` worked, 0 when it raised any `Exception`; then only this gauge is
#   exported (a scrape must still succeed, and no stale or invented numbers).
#
# The tests register it in a fresh registry, serve it on a real `/metrics` endpoint and scrape it over HTTP.
#
# ```python
# >>> registry.register(QueueExporter(lambda: {"email": {"depth": 4, "consumers": 2}}))
# >>> samples(scrape(server.url))
# {'queue_depth{queue=email}': 4.0, 'queue_consumers{queue=email}': 2.0, 'queue_exporter_up': 1.0}
# ```

# %% [markdown] course={"kind": "hint"}
# `GaugeMetricFamily("queue_depth", "help text", labels=["queue"])`, then `.add_metric([name], value)` per
# queue; `GaugeMetricFamily("queue_exporter_up", "help", value=1)` has no labels.

# %% [markdown] course={"kind": "hint"}
# `try: data = fetch()` / `except Exception: yield ...up 0...; return`. Fetch once into a variable and build both
# families from it.

# %% course={"kind": "solution"}
class QueueExporter(Collector):
    def __init__(self, fetch: Callable[[], Mapping[str, Mapping[str, int]]]) -> None:
        self.fetch = fetch

    def collect(self) -> Iterable[GaugeMetricFamily]:
        ### BEGIN SOLUTION
        try:
            queues = self.fetch()
        except Exception:
            yield GaugeMetricFamily("queue_exporter_up", "1 if the queue service answered the last scrape.", value=0)
            return
        depth = GaugeMetricFamily("queue_depth", "Messages waiting, per queue.", labels=["queue"])
        consumers = GaugeMetricFamily("queue_consumers", "Consumers attached, per queue.", labels=["queue"])
        for name, stats in queues.items():
            depth.add_metric([name], stats["depth"])
            consumers.add_metric([name], stats["consumers"])
        yield depth
        yield consumers
        yield GaugeMetricFamily("queue_exporter_up", "1 if the queue service answered the last scrape.", value=1)
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
class FakeQueueApi:
    """Stands in for the queue service's admin API: answers `state`, or raises while `down`; counts calls."""

    def __init__(self, state: dict[str, dict[str, int]]) -> None:
        self.state, self.down, self.calls = state, False, 0

    def __call__(self) -> dict[str, dict[str, int]]:
        self.calls += 1
        if self.down:
            raise ConnectionError("queue service unreachable")
        return self.state


# collect() called directly first: if it raises, you see its own traceback, not just the scrape's HTTP 500
assert list(QueueExporter(FakeQueueApi({"q": {"depth": 1, "consumers": 0}})).collect()), "collect() yields families"
_api = FakeQueueApi({"email": {"depth": 4, "consumers": 2}, "video": {"depth": 0, "consumers": 1}})
_reg = CollectorRegistry()
_reg.register(QueueExporter(_api))
with metrics_server(_reg) as _server:
    _got = samples(scrape(_server.url))
    assert _api.calls == 1, f"one fetch per scrape, saw {_api.calls}"
assert _got == {
    "queue_depth{queue=email}": 4.0, "queue_depth{queue=video}": 0.0,
    "queue_consumers{queue=email}": 2.0, "queue_consumers{queue=video}": 1.0, "queue_exporter_up": 1.0,
}, f"every queue's depth and consumers, and up 1: got {_got}"

# %% course={"kind": "test", "points": 2}
_down = FakeQueueApi({})
_down.down = True
assert [f.name for f in QueueExporter(_down).collect()] == ["queue_exporter_up"], "service down: only the up gauge"
_api = FakeQueueApi({"email": {"depth": 4, "consumers": 2}})
_reg = CollectorRegistry()
_reg.register(QueueExporter(_api))
with metrics_server(_reg) as _server:
    _api.down = True
    _got = samples(scrape(_server.url))
    assert _got == {"queue_exporter_up": 0.0}, f"service down: the scrape works and says up 0, nothing else: {_got}"
    _api.down = False
    _api.state["email"]["depth"] = 9
    _got = samples(scrape(_server.url))
    assert _got["queue_depth{queue=email}"] == 9.0 and _got["queue_exporter_up"] == 1.0, "fresh numbers on each scrape"
assert _api.calls == 2, f"one fetch per scrape, saw {_api.calls} for 2 scrapes"
### BEGIN HIDDEN TESTS
_reg = CollectorRegistry()
_reg.register(QueueExporter(FakeQueueApi({})))
with metrics_server(_reg) as _server:
    assert samples(scrape(_server.url)) == {"queue_exporter_up": 1.0}, "no queues: up 1 and nothing else"
_broken = FakeQueueApi({})
_broken.down = True
_fams = {f.name: f for f in QueueExporter(_broken).collect()}
assert list(_fams) == ["queue_exporter_up"] and _fams["queue_exporter_up"].type == "gauge"
for _error in (TimeoutError("slow"), ValueError("bad JSON"), KeyError("queues")):
    def _raising(error: Exception = _error) -> dict[str, dict[str, int]]:
        raise error

    _fams = {f.name: f for f in QueueExporter(_raising).collect()}
    assert list(_fams) == ["queue_exporter_up"] and _fams["queue_exporter_up"].samples[0].value == 0, repr(_error)
_fams = {f.name: f for f in QueueExporter(FakeQueueApi({"q": {"depth": 1, "consumers": 0}})).collect()}
assert all(f.type == "gauge" for f in _fams.values()) and set(_fams) == {"queue_depth", "queue_consumers", "queue_exporter_up"}
assert all(f.documentation for f in _fams.values()), "every metric documented in its HELP text"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fetch-per-metric", "fails": ["t1", "t2"]}
class QueueExporter(Collector):
    def __init__(self, fetch):
        self.fetch = fetch

    def collect(self):
        try:
            depth = GaugeMetricFamily("queue_depth", "Messages waiting.", labels=["queue"])
            for name, stats in self.fetch().items():
                depth.add_metric([name], stats["depth"])
            consumers = GaugeMetricFamily("queue_consumers", "Consumers attached.", labels=["queue"])
            for name, stats in self.fetch().items():
                consumers.add_metric([name], stats["consumers"])
        except Exception:
            yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=0)
            return
        yield depth
        yield consumers
        yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=1)

# %% course={"kind": "wrong", "id": "error-fails-scrape", "fails": ["t2"]}
class QueueExporter(Collector):
    def __init__(self, fetch):
        self.fetch = fetch

    def collect(self):
        queues = self.fetch()
        depth = GaugeMetricFamily("queue_depth", "Messages waiting.", labels=["queue"])
        consumers = GaugeMetricFamily("queue_consumers", "Consumers attached.", labels=["queue"])
        for name, stats in queues.items():
            depth.add_metric([name], stats["depth"])
            consumers.add_metric([name], stats["consumers"])
        yield depth
        yield consumers
        yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=1)

# %% course={"kind": "wrong", "id": "connection-errors-only", "fails": ["t2"]}
class QueueExporter(Collector):
    def __init__(self, fetch):
        self.fetch = fetch

    def collect(self):
        try:
            queues = self.fetch()
        except ConnectionError:
            yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=0)
            return
        depth = GaugeMetricFamily("queue_depth", "Messages waiting.", labels=["queue"])
        consumers = GaugeMetricFamily("queue_consumers", "Consumers attached.", labels=["queue"])
        for name, stats in queues.items():
            depth.add_metric([name], stats["depth"])
            consumers.add_metric([name], stats["consumers"])
        yield depth
        yield consumers
        yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=1)

# %% course={"kind": "wrong", "id": "stale-cache", "fails": ["t2"]}
class QueueExporter(Collector):
    def __init__(self, fetch):
        self.fetch = fetch
        self.last = {}

    def collect(self):
        up = 1
        try:
            self.last = self.fetch()
        except Exception:
            up = 0
        depth = GaugeMetricFamily("queue_depth", "Messages waiting.", labels=["queue"])
        consumers = GaugeMetricFamily("queue_consumers", "Consumers attached.", labels=["queue"])
        for name, stats in self.last.items():
            depth.add_metric([name], stats["depth"])
            consumers.add_metric([name], stats["consumers"])
        yield depth
        yield consumers
        yield GaugeMetricFamily("queue_exporter_up", "Service answered.", value=up)

# %% [markdown] course={"kind": "task", "id": "grafana-dashboard", "points": 2, "item": "x-create-grafana-dashboards"}
# ### Design a Grafana dashboard (written, graded by a reader)
#
# No Grafana runs here, so write the design down. For the API instrumented in the first exercise, list the
# panels of a one-screen dashboard: for each its title, panel type and the PromQL query (over
# `http_requests_total` and `http_request_duration_seconds_bucket`), in the order a tired on-call engineer
# reads them. Include request rate by path, error ratio, p50/p95/p99 latency, a `$path` variable, and one
# alert rule (condition, `for:` duration, and why that threshold). Say which data source settings you use.

# %% [markdown] course={"kind": "rubric"}
# 2 points: (1) the queries apply `rate()` (or `increase()`) to counters and bucket series before `sum by`,
# and the quantiles use `histogram_quantile(q, sum by (le) (rate(..._bucket[5m])))` keeping `le`; the error
# ratio is 5xx rate over total rate; (2) RED order (rate, errors, duration), units in seconds, a variable instead
# of one panel per path, and an alert with a `for:` duration and a reason for its threshold. One point off for
# a user-id-like label or a query on the raw counter value.

# %% [markdown] course={"kind": "task", "id": "metrics-library", "points": 3, "item": "project-18-2-1"}
# ### Project 18.2.1: an application metrics library
#
# Build a small package, tested with the techniques of this notebook (a fresh `CollectorRegistry` per test, a
# fake clock, a scrape of a real endpoint): an ASGI or WSGI middleware recording RED metrics with the route
# template (not the raw path) as a label; a decorator or context manager timing database queries by operation;
# cache hit and miss counters with a hit-ratio query in the README; one business counter; and a single
# `setup_metrics(app, registry=None)` that wires it all and serves `/metrics`.

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) every metric follows the naming rules (base units, `_total`) and no label is unbounded (route
# templates, not paths; no ids); (2) tests use their own registry and exact values (fake clock, known bucket
# counts), and errors raised by the app are still counted and timed; (3) integration is one call, the default
# registry is optional, and the README lists each metric with its type, labels and an example query.

# %% [markdown] course={"kind": "task", "id": "custom-exporter", "points": 3, "item": "project-18-2-2"}
# ### Project 18.2.2: a custom Prometheus exporter
#
# Grow `QueueExporter` into an exporter for a service of your choice with a JSON admin API (served in tests by a
# local stand-in): collect at scrape time with a timeout, export `<name>_up` and a
# `<name>_scrape_duration_seconds` gauge, add an info metric with the service version (`prometheus_client.Info`
# or a gauge at 1 with a `version` label), document each metric in HELP and a README table, and run as a
# small command (`--listen 127.0.0.1:9400 --target URL`).

# %% [markdown] course={"kind": "rubric"}
# 3 points: (1) one fetch per scrape, with a timeout, and a down or slow service gives `_up 0` and a successful
# scrape rather than an error or stale numbers; (2) names, units and labels follow the conventions, metadata in
# an info metric; (3) tests scrape a real endpoint against the stand-in, covering up, down and a changed value.

# %% [markdown] course={"kind": "answer", "question": "q-what-metric-types-does-prometheus"}
# Four. A **counter** only increases (and resets to 0 on restart): requests, errors, bytes; you read it with
# `rate()`/`increase()`. A **gauge** goes up and down: queue depth, memory, in-flight requests. A **histogram**
# counts observations into fixed cumulative buckets plus `_sum` and `_count`; quantiles are computed at query
# time with `histogram_quantile`, and buckets from many instances can be summed before that. A **summary**
# exposes `_sum` and `_count` and, in clients that support it, quantiles computed inside one process, which
# cannot be aggregated across instances (the Python client has no summary quantiles). Newer Prometheus versions
# also have native histograms with automatic buckets.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-red-and-use-metrics"}
# **RED** is for request-driven services: **Rate** (requests per second), **Errors** (failed requests per second
# or as a ratio), **Duration** (latency distribution, as a histogram). It tells you how users experience the
# service. **USE** is for resources: **Utilization** (how busy: CPU %, pool slots in use), **Saturation** (how
# much waits: run queue, pool waiters, queue depth), **Errors** (device or allocation errors). Use RED at the top
# of a service's dashboard and for alerts on symptoms, USE to find which resource causes them.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-avoid-cardinality-explosion"}
# Every distinct label combination is a separate series held in memory, so cost is the product of the labels'
# value counts. Keep label values to small closed sets: route templates not raw URLs, status classes, no user,
# request, session or trace ids, no e-mails, no error messages or timestamps (put those in logs and traces).
# Review new metrics, check counts (`count by (__name__)({__name__=~".+"})`, or a checker like the exercise's),
# drop or relabel bad labels at scrape time with `metric_relabel_configs`, and set `sample_limit` on scrape jobs
# so one bad deploy cannot take down the monitoring server.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-instrument-a-python"}
# With `prometheus_client`: define module-level `Counter`, `Gauge`, `Histogram` objects with names in base
# units and bounded labels; count and time requests in middleware (or with `.time()` and
# `.count_exceptions()`), pre-create known label values; expose `/metrics` with `start_http_server(port)` or by
# mounting `make_asgi_app()`/`make_wsgi_app()` in your web app; with several worker processes (gunicorn) use the
# client's multiprocess mode. Write a custom collector for values you read at scrape time. In tests, pass a
# fresh `CollectorRegistry` and check values with `registry.get_sample_value(...)`; short batch jobs push to a
# Pushgateway instead.
