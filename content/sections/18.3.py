# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can instrument Python code with OpenTelemetry (spans, attributes, events,
# status), carry a trace across threads and across a real HTTP call with W3C `traceparent`, decide what to keep
# with sampling, and read a trace like an engineer on call: which span is slow, which one only waits on its children.
#
# **What is real here and what is not.** `opentelemetry-api` and `opentelemetry-sdk` 1.45 are the real libraries,
# and the HTTP calls are real requests to a small service on `127.0.0.1` that this notebook starts and stops.
# There is **no collector, no Jaeger, no Zipkin and no cloud backend**: every span ends up in the SDK's own
# `InMemorySpanExporter`, a list in this kernel, so we can print and test it. What a backend would add (storage,
# search, a timeline UI, tail sampling) is explained, not run.

# %% course={"kind": "setup", "id": "tracing-helpers"}
# What the demos and tests share. `tracing(service=..., sampler=..., seed=...)` (course/runtime/tracing.py) gives a
# tracer of a NEW TracerProvider whose ended spans land in an in-memory exporter, for one `with` block: the global
# provider is never set (it can be set only once per process, lesson 2). `local_server(handler, **state)` serves a
# handler on 127.0.0.1 at a free port for one block (course/runtime/httpserve.py); `http_get(url, headers)` calls it
# with urllib, ignoring any proxy settings. `TracedService` below is the
# "other service" of the HTTP lessons: it continues the caller's trace from the `traceparent` header it receives.
import functools
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

from opentelemetry import baggage, context, propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON, ParentBased, TraceIdRatioBased
from opentelemetry.trace import SpanKind, Status, StatusCode

from course.runtime.httpserve import EchoHandler, QuietHandler, base_url, local_server
from course.runtime.tracing import by_name, tracing


class TracedService(QuietHandler):
    """GET any path: extract the caller's context from the headers, run a SERVER span in it, and answer JSON
    with what arrived (the `traceparent` and `baggage` headers) and the ids of the server's own span.
    The path `/fail` answers 500, `/missing` 404 (not an error of the server's), `/status/N` the status N. The server's tracer is `self.server.tracer` (`local_server(..., tracer=t)`)."""

    def do_GET(self) -> None:
        parent = propagate.extract(self.headers)  # a Context: the caller's span context and baggage, if any
        status = {"/fail": 500, "/missing": 404}.get(self.path, 200)
        if self.path.startswith("/status/"):  # /status/418 answers 418
            status = int(self.path.removeprefix("/status/"))
        with self.server.tracer.start_as_current_span(  # type: ignore[attr-defined]
            f"GET {self.path}", context=parent, kind=SpanKind.SERVER,
            attributes={"http.request.method": "GET", "url.path": self.path, "http.response.status_code": status},
        ) as span:
            if status >= 500:
                span.set_status(Status(StatusCode.ERROR))
            ids = span.get_span_context()
            answer = {
                "traceparent": self.headers.get("traceparent"),
                "baggage": self.headers.get("baggage"),
                "trace_id": format(ids.trace_id, "032x"),
                "span_id": format(ids.span_id, "016x"),
                "tenant": baggage.get_baggage("tenant", parent),
            }
        self.send_body(status, json.dumps(answer).encode(), "application/json")


class TraceParent(NamedTuple):
    """A parsed `traceparent` header (exercise "Read a traceparent header, strictly")."""

    version: str
    trace_id: str
    span_id: str
    sampled: bool


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 never goes through a proxy


def http_get(url: str, headers: Mapping[str, str]) -> tuple[int, bytes]:
    """GET `url` with these headers: (status code, body). A 4xx or 5xx answer is returned, not raised."""
    try:
        with NO_PROXY.open(urllib.request.Request(url, headers=dict(headers)), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def hex_ids(span: ReadableSpan) -> tuple[str, str, str | None]:
    """(trace id, span id, parent span id or None) of a finished span, as lowercase hex."""
    ctx = span.get_span_context()
    parent = span.parent
    return (format(ctx.trace_id, "032x"), format(ctx.span_id, "016x"),
            format(parent.span_id, "016x") if parent is not None else None)


def as_rows(spans: Iterable[ReadableSpan]) -> list[dict[str, Any]]:
    """Finished spans as plain dicts, the shape a trace backend's API returns: id, parent, name, service,
    start and end (nanoseconds since the epoch), and whether the status is ERROR."""
    return [
        {"id": hex_ids(s)[1], "parent": hex_ids(s)[2], "name": s.name,
         "service": s.resource.attributes.get("service.name"), "start": s.start_time, "end": s.end_time,
         "error": s.status.status_code is StatusCode.ERROR}
        for s in spans
    ]


def draw(spans: Sequence[ReadableSpan]) -> None:
    """Print a trace as an indented tree (children in start order), with each span's kind and duration."""
    children: dict[int | None, list[ReadableSpan]] = {}
    ids = {s.get_span_context().span_id for s in spans}
    for s in sorted(spans, key=lambda s: (s.start_time or 0, s.name)):
        parent = s.parent.span_id if s.parent is not None and s.parent.span_id in ids else None
        children.setdefault(parent, []).append(s)

    def show(parent: int | None, depth: int) -> None:
        for s in children.get(parent, []):
            took = ((s.end_time or 0) - (s.start_time or 0)) / 1e6
            print(f"{'  ' * depth}{s.name}  [{s.kind.name}, {took:.1f} ms, {s.status.status_code.name}]")
            show(s.get_span_context().span_id, depth + 1)

    show(None, 0)


# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-tracing-fundamentals", "c-what-is-distributed-tracing", "c-traces-spans-context", "c-trace-propagation"]}
# ### Traces, spans and context
#
# One user click can touch a gateway, three services, a database and a queue. Logs tell you what each one did;
# metrics tell you that the 99th percentile got worse. **Distributed tracing** tells you where the time of *this*
# request went: every unit of work records a **span** (a name, a start and an end, attributes, events, a status),
# and all spans of one request share a **trace id**. Each span also knows its **parent** span, so the spans form a
# tree: the root is the first thing that happened (the incoming request), the children are the calls it made.
#
# | piece | what it is |
# |---|---|
# | trace id | 16 random bytes (32 hex digits), the same for every span of one request |
# | span id | 8 random bytes (16 hex digits), unique per span; a child stores its parent's span id |
# | attributes | key/value facts about the work: `http.request.method`, `db.system.name`, your own `order.id` |
# | events | timestamped points inside a span ("cache miss", an exception with its stack trace) |
# | status | `UNSET` (the default), `OK` or `ERROR` |
# | kind | `INTERNAL` (default), `SERVER`, `CLIENT`, `PRODUCER`, `CONSUMER`: which side of a call this span is |
#
# The **context** is what links them: "which span is current right now". Inside one process OpenTelemetry keeps it
# in a `contextvars.ContextVar`, so a span started while another one is current becomes its child. Between
# processes nothing is shared, so the caller must **propagate** it: write the trace id and its own span id into the
# outgoing request (an HTTP header, a message header), and the receiver continues the trace from there.
#
# **The one thing people get wrong:** thinking a trace is a log with timestamps. The value is the *tree*: without
# correct parent links (a lost context), a trace breaks into unrelated pieces and nobody can see the whole request.
#
# The demo records one small request with nested spans, an attribute, an event and a failed step, then prints the
# tree. The `seed` makes the ids the same on every run (real ids are random).

# %% course={"kind": "demo"}
with tracing(service="shop", seed=1) as (tracer, exporter):
    with tracer.start_as_current_span("POST /checkout", kind=SpanKind.SERVER) as root:
        root.set_attribute("order.items", 3)
        with tracer.start_as_current_span("load cart"):
            pass
        with tracer.start_as_current_span("charge card", kind=SpanKind.CLIENT) as charge:
            charge.add_event("retrying", {"attempt": 2})
            charge.set_status(Status(StatusCode.ERROR, "card declined"))
    spans = exporter.get_finished_spans()
    print("export order (a span is exported when it ENDS):", [s.name for s in spans])
    draw(spans)
    for s in spans:
        print(s.name.ljust(15), "trace", hex_ids(s)[0][:8] + "...", "span", hex_ids(s)[1], "parent", hex_ids(s)[2])
    named = by_name(spans)
    print("attributes:", dict(named["POST /checkout"].attributes))
    print("events:", [(e.name, dict(e.attributes or {})) for e in named["charge card"].events])
    print("status:", named["charge card"].status.status_code.name, named["charge card"].status.description)

# %% [markdown] course={"kind": "lesson", "id": "opentelemetry", "covers": ["c-opentelemetry", "c-otel-architecture", "c-traces-metrics-logs", "c-python-sdk", "c-auto-instrumentation", "c-manual-instrumentation"]}
# ### OpenTelemetry: API, SDK, exporters
#
# **OpenTelemetry** (OTel) is the vendor-neutral standard for traces, metrics and logs: one API to instrument
# code, one wire protocol (OTLP) to ship the data, and any backend you like behind it. The pieces:
#
# ```
#  your code ──► API (opentelemetry-api) ──► SDK (opentelemetry-sdk): sampler ─► span processor ─► exporter ──► OTLP ──► Collector ──► Jaeger / Zipkin / Tempo / a cloud
#  libraries ──┘   no-op until an SDK is          TracerProvider, Resource     (batch/simple)     (otlp, console, in-memory)   (optional: batch, filter, tail-sample, fan out)
#                  installed and set
# ```
#
# - The **API** is what libraries call: `trace.get_tracer(...)`, `start_as_current_span(...)`. Without an SDK it
#   does nothing, cheaply, so a library can be instrumented without forcing anything on its users.
# - The **SDK** is what the *application* configures once: a `TracerProvider` with a **Resource** (who is
#   reporting: `service.name`, version, host), a **sampler**, and **span processors** feeding **exporters**.
#   `BatchSpanProcessor` exports in a background thread in batches (production); `SimpleSpanProcessor` exports each
#   span as it ends, in the calling thread (tests and demos, like here).
# - **Traces, metrics, logs** are three signals with the same resource and context: a log record written inside a
#   span can carry its trace id, and metrics can carry exemplars pointing at a trace. This section is about traces.
# - **Manual instrumentation** is what we do here: you call the API around your own work. **Auto-instrumentation**
#   is packages named `opentelemetry-instrumentation-<library>` (requests, flask, fastapi, psycopg, redis...) that
#   patch a library so that every call makes spans, plus the `opentelemetry-instrument python app.py` launcher that
#   sets up the SDK from `OTEL_*` environment variables. **Those packages are not installed in this course**
#   (the demo checks); the lessons below do by hand what they do for you.
#
# **The one thing people get wrong:** `trace.set_tracer_provider(...)` works **once per process**. A second call
# is ignored with only a logged warning, so a notebook cell or a test that "sets up tracing again" silently keeps
# sending spans to the first provider. That is why every demo here gets its tracer from its own provider and passes
# it around, instead of configuring the global one. The demo shows the trap in a separate Python process (so this
# kernel's global provider stays untouched).

# %% course={"kind": "demo"}
import importlib.util
import subprocess
import sys

print("auto-instrumentation installed?", importlib.util.find_spec("opentelemetry.instrumentation") is not None)
trap = """
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
first, second = TracerProvider(), TracerProvider()
trace.set_tracer_provider(first)
trace.set_tracer_provider(second)          # ignored: only a warning on stderr
print("global provider is the first one:", trace.get_tracer_provider() is first)
"""
done = subprocess.run([sys.executable, "-c", trap], capture_output=True, text=True, timeout=60)
print(done.stdout.strip())
print("stderr:", done.stderr.strip().splitlines()[-1])

# %% [markdown] course={"kind": "lesson", "id": "trace-context", "covers": ["c-trace-context", "c-w3c-trace-context", "c-context-propagation", "c-baggage"]}
# ### Trace context: `traceparent`, propagation and baggage
#
# The **W3C Trace Context** recommendation fixes how the context travels in HTTP: a `traceparent` header made of
# four lowercase-hex fields joined by `-`:
#
# ```
# traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
#              │  │                                │                └─ flags (2 hex): bit 0 = sampled
#              │  │                                └─ parent id: the caller's span id (16 hex, not all zero)
#              │  └─ trace id (32 hex, not all zero)
#              └─ version (2 hex; 00 today, ff is forbidden)
# ```
#
# plus an optional `tracestate` header for vendor data. **Baggage** (a separate W3C header, `baggage:
# tenant=acme,plan=pro`) carries *your* key/value pairs to every downstream service: handy for a tenant id or a
# feature flag, but it is sent on every call, so keep it small and never put secrets in it.
#
# **Propagation** has two halves: the caller **injects** the current context into a carrier (a dict of headers),
# the receiver **extracts** a `Context` from the carrier and starts its span in it. OpenTelemetry's default
# propagators are Trace Context and Baggage (`propagate.inject` / `propagate.extract`).
#
# Inside one process the context lives in a `ContextVar`. **The one thing people get wrong:** a
# `ThreadPoolExecutor` does not copy context variables into its worker threads (checked on Python 3.11; an
# `asyncio` task and `asyncio.to_thread` do copy them). Spans started in a pool worker have no parent: the trace
# falls apart. The fix is to capture `context.get_current()` in the caller and `context.attach(...)` it in the
# worker (then `context.detach(token)`), or to submit `contextvars.copy_context().run` per task.

# %% course={"kind": "demo"}
with tracing(service="api", seed=2) as (tracer, exporter):
    with tracer.start_as_current_span("handle request") as parent:
        headers: dict[str, str] = {}
        propagate.inject(headers, context=baggage.set_baggage("tenant", "acme"))
        print("injected headers:", headers)
        got = propagate.extract(headers)
        print("extracted span id:", format(trace.get_current_span(got).get_span_context().span_id, "016x"),
              "== parent's:", trace.get_current_span(got).get_span_context().span_id == parent.get_span_context().span_id,
              "| baggage:", baggage.get_all(got))
        bad = propagate.extract({"traceparent": "00-" + "0" * 32 + "-00f067aa0ba902b7-01"})
        print("all-zero trace id -> valid context?", trace.get_current_span(bad).get_span_context().is_valid)

        def work(name: str) -> None:
            with tracer.start_as_current_span(name):
                pass

        captured = context.get_current()

        def work_in(name: str) -> None:
            token = context.attach(captured)
            try:
                work(name)
            finally:
                context.detach(token)

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(work, ["pool task, context lost"]))
            list(pool.map(work_in, ["pool task, context attached"]))
    spans = by_name(exporter.get_finished_spans())
    for name in ["pool task, context lost", "pool task, context attached"]:
        same_trace = spans[name].get_span_context().trace_id == parent.get_span_context().trace_id
        print(f"{name}: has a parent: {spans[name].parent is not None}, same trace: {same_trace}")

# %% [markdown] course={"kind": "lesson", "id": "instrumentation", "covers": ["c-instrumentation", "c-http-client-server", "c-database-queries", "c-message-queues", "c-custom-spans"]}
# ### Instrumentation: HTTP, databases, queues, your own spans
#
# What to record is standardised by the **semantic conventions**, so that every backend understands them. The
# names below are the ones the installed `opentelemetry-semantic-conventions` package defines (the demo prints
# them from the package, not from memory):
#
# | where | span | kind | attributes |
# |---|---|---|---|
# | HTTP client | `GET` (method, plus the route when known) | `CLIENT` | `http.request.method`, `url.full`, `server.address`, `http.response.status_code` |
# | HTTP server | `GET /orders/{id}` | `SERVER` | `http.request.method`, `http.route`, `url.path`, `http.response.status_code` |
# | database | the operation and table: `SELECT orders` | `CLIENT` | `db.system.name`, `db.query.text` (parameterised, never the values), `db.operation.name` |
# | message queue | `send orders` / `process orders` | `PRODUCER` / `CONSUMER` | `messaging.system`, `messaging.destination.name`; the context goes in the *message* headers |
# | your own work | `score batch` | `INTERNAL` | your names, with a prefix you own (`shop.order.items`) |
#
# HTTP status: a server marks its span `ERROR` for 5xx only (a 404 is the client's problem); a client marks 4xx and
# 5xx. Errors also get `error.type`, and `record_exception` adds an `exception` event with the stack trace.
# **The one thing people get wrong:** high-cardinality or secret data in span names (`GET /users/48213` instead
# of the route `GET /users/{id}`, a full SQL string with values, a token): names are for grouping, attributes for
# details, and nothing secret belongs in either.
#
# The demo is a real HTTP call: the client injects `traceparent` into its request to `TracedService` on
# 127.0.0.1, the server extracts it and starts its `SERVER` span as a child of the client's `CLIENT` span. Then a
# database span around a real `sqlite3` query, and a message passed through a `queue.Queue` with the context in
# its headers (a stand-in for a broker: the same inject/extract works for Kafka or RabbitMQ headers).

# %% course={"kind": "demo"}
import queue
import sqlite3

from opentelemetry.semconv.attributes import db_attributes, http_attributes, url_attributes

print("semconv names:", http_attributes.HTTP_REQUEST_METHOD, http_attributes.HTTP_RESPONSE_STATUS_CODE,
      url_attributes.URL_FULL, db_attributes.DB_SYSTEM_NAME, db_attributes.DB_QUERY_TEXT)
with tracing(service="frontend", seed=3) as (tracer, exporter), local_server(TracedService, tracer=tracer) as server:
    url = base_url(server) + "/orders"
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT,
                                      attributes={"http.request.method": "GET", "url.full": url}) as client_span:
        headers = {}
        propagate.inject(headers)  # inside the CLIENT span: the server's parent is this span
        status, body = http_get(url, headers)
        answer = json.loads(body)
        client_span.set_attribute("http.response.status_code", status)
    print("the server received traceparent:", answer["traceparent"])
    with tracer.start_as_current_span("SELECT orders", kind=SpanKind.CLIENT, attributes={
            "db.system.name": "sqlite", "db.operation.name": "SELECT",
            "db.query.text": "SELECT count(*) FROM orders WHERE status = ?"}):
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE orders (status TEXT)")
        count = db.execute("SELECT count(*) FROM orders WHERE status = ?", ("open",)).fetchone()[0]
        db.close()
    broker: queue.Queue[dict[str, Any]] = queue.Queue()
    with tracer.start_as_current_span("send orders", kind=SpanKind.PRODUCER):
        message = {"headers": {}, "body": "order 7"}
        propagate.inject(message["headers"])
        broker.put(message)
    received = broker.get()
    with tracer.start_as_current_span("process orders", kind=SpanKind.CONSUMER,
                                      context=propagate.extract(received["headers"])):
        pass
    spans = exporter.get_finished_spans()
    draw(spans)
    named = by_name(spans)
    server_span, client_done = named["GET /orders"], named["GET"]
    print("server span's parent is the client span:", hex_ids(server_span)[2] == hex_ids(client_done)[1])
    print("one trace:", hex_ids(server_span)[0] == hex_ids(client_done)[0] == answer["trace_id"])

# %% [markdown] course={"kind": "lesson", "id": "backends", "covers": ["c-backends", "c-jaeger", "c-zipkin", "c-cloud-tracing-x-ray-cloud-trace"]}
# ### Backends: where traces go
#
# A backend stores spans, joins them by trace id and shows a trace as a timeline (a "waterfall"). Most setups
# send OTLP from the SDK to an **OpenTelemetry Collector** (a separate process that batches, filters, samples and
# forwards), and the Collector sends on to one or more backends:
#
# | backend | what it is | how spans reach it |
# |---|---|---|
# | **Jaeger** | open-source tracing system (CNCF), UI to search and view traces | OTLP directly (recent versions), or through a Collector |
# | **Zipkin** | the older open-source tracer; its simple JSON span format is still widely spoken | its HTTP API (`POST /api/v2/spans`, a JSON list of spans) or a Collector's Zipkin exporter |
# | **AWS X-Ray** | AWS's managed tracing | the AWS Distro for OpenTelemetry (a Collector build) converts to X-Ray's segment format |
# | **Google Cloud Trace** | Google Cloud's managed tracing | Google's exporter for the SDK, or a Collector with Google's exporter |
# | Grafana Tempo, Honeycomb, Datadog... | hosted or self-run stores | OTLP |
#
# Sending to a backend is exporter configuration, not code changes: that is the point of OpenTelemetry. None of
# these runs here (no Docker, no network): the exercise "Export spans in Zipkin's JSON format" converts our spans to
# Zipkin's JSON and posts them to a local stand-in that only stores what it receives. **The one thing people get
# wrong:** exporting spans synchronously from the request path in production (`SimpleSpanProcessor` with a remote
# exporter): every request then waits on the tracing backend. Use `BatchSpanProcessor` and a Collector nearby.
#
# The demo checks that no exporter package for OTLP, Zipkin or Jaeger is installed here, then uses the SDK's own
# `ConsoleSpanExporter` (writing into a string instead of the terminal) to show what an exporter is handed: each
# finished span (a `ReadableSpan`), which this exporter prints as the JSON of `span.to_json()`.

# %% course={"kind": "demo"}
import io

from opentelemetry.sdk.trace.export import ConsoleSpanExporter

for module in ["opentelemetry.exporter.otlp", "opentelemetry.exporter.zipkin", "opentelemetry.exporter.jaeger"]:
    print(f"{module} installed?", importlib.util.find_spec(module.rsplit(".", 1)[0]) is not None
          and importlib.util.find_spec(module) is not None)
printed = io.StringIO()
console_provider = TracerProvider(resource=Resource.create({"service.name": "shop"}))
console_provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=printed)))
with console_provider.get_tracer("demo").start_as_current_span("GET /orders", kind=SpanKind.SERVER,
                                                                attributes={"http.route": "/orders"}):
    pass
console_provider.shutdown()
exported = json.loads(printed.getvalue())
print("one finished span, as ConsoleSpanExporter prints it (the keys):", sorted(exported))
print("kind:", exported["kind"], "| attributes:", exported["attributes"],
      "| resource:", exported["resource"]["attributes"]["service.name"])

# %% [markdown] course={"kind": "lesson", "id": "sampling", "covers": ["c-sampling", "c-head-based-sampling", "c-tail-based-sampling", "c-rate-limiting"]}
# ### Sampling: which traces to keep
#
# Recording every span of every request costs CPU, network and storage. **Sampling** keeps a fraction.
#
# - **Head-based**: decided when the root span starts, before anyone knows how the request will go, and carried
#   downstream in the `sampled` flag of `traceparent`, so all services keep or drop the *same* traces. In the SDK:
#   `TraceIdRatioBased(0.1)` keeps about 10 % of traces, deciding from the trace id itself (the same id always
#   gets the same answer from the Python SDK; the Go and Java SDKs read the bits of the id slightly differently,
#   so across languages only the `sampled` flag keeps the decision whole); `ParentBased(root=...)` follows the
#   parent's flag when there is a parent and asks `root` only for new traces. The SDK's default is
#   `ParentBased(ALWAYS_ON)`.
# - **Tail-based**: decided after the whole trace has been seen ("keep every trace with an error or slower than
#   2 s, and 1 % of the rest"). It needs all spans of a trace in one place for a while, so it runs in a Collector
#   (the `tail_sampling` processor of the Collector's contrib distribution) or a backend, not in the SDK.
# - **Rate limiting**: "at most N traces per second", to cap cost under a traffic spike. The Python SDK ships no
#   such sampler (the demo lists what it ships); Jaeger's remote sampling and the Collector offer one.
#
# **The one thing people get wrong:** sampling each service independently with its own ratio (no `ParentBased`):
# service A keeps trace 1, service B drops it, and every stored trace is missing pieces.

# %% course={"kind": "demo"}
import opentelemetry.sdk.trace.sampling as sampling_module

print("samplers in the SDK:", sorted(name for name, value in vars(sampling_module).items()
                                     if isinstance(value, type) and issubclass(value, sampling_module.Sampler)))
with tracing(service="api", sampler=ParentBased(TraceIdRatioBased(0.25)), seed=4) as (tracer, exporter):
    for i in range(1000):
        with tracer.start_as_current_span("request"):
            with tracer.start_as_current_span("child"):
                pass
    kept = exporter.get_finished_spans()
    roots = [s for s in kept if s.parent is None]
    print(f"kept {len(roots)} of 1000 traces with ratio 0.25; every kept trace is whole:",
          sum(s.name == "child" for s in kept) == len(roots))
    ratio = TraceIdRatioBased(0.25)
    for trace_id in [0x1, (1 << 64) // 4 - 1, (1 << 64) // 4, 0xFFFF << 64]:
        decision = ratio.should_sample(None, trace_id, "x").decision.name
        print(f"trace id {trace_id:032x} -> {decision}")
    print("only the lower 64 bits count: bound =", ratio.bound, "= round(0.25 * 2**64)")

# %% [markdown] course={"kind": "exercise", "id": "setup-provider", "item": "x-set-up-opentelemetry-in-a-python-app"}
# ### Set up the SDK for an application
#
# Write `make_provider(service, rate)` that sets up tracing the way an application's start-up code would, but
# returns the pieces instead of installing them globally (the caller decides; tests make many):
#
# - a `TracerProvider` whose resource has `service.name` = `service`;
# - head sampling that keeps about `rate` of new traces and **follows the caller's decision** for traces that come
#   with a parent: `ParentBased` around `TraceIdRatioBased(rate)`;
# - every span exported **as soon as it ends** to a new `InMemorySpanExporter` (in production you would use a
#   `BatchSpanProcessor` with an OTLP exporter instead);
# - return `(provider, exporter)`; never call `trace.set_tracer_provider`.
#
# ```python
# >>> provider, exporter = make_provider("billing", 1.0)
# >>> provider.get_tracer("demo").start_span("x").end(); [s.name for s in exporter.get_finished_spans()]
# ['x']
# ```

# %% [markdown] course={"kind": "hint"}
# `TracerProvider(resource=Resource.create({...}), sampler=...)`, then `provider.add_span_processor(...)`.

# %% [markdown] course={"kind": "hint"}
# `SimpleSpanProcessor(exporter)` exports in the thread that ends the span; `BatchSpanProcessor` waits for a batch
# or a timer in a background thread, so a test that looks right after `end()` finds nothing yet.

# %% course={"kind": "solution"}
def make_provider(service: str, rate: float) -> tuple[TracerProvider, InMemorySpanExporter]:
    ### BEGIN SOLUTION
    provider = TracerProvider(resource=Resource.create({"service.name": service}),
                              sampler=ParentBased(TraceIdRatioBased(rate)))
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
before_global = trace.get_tracer_provider()
provider, exporter = make_provider("billing", 1.0)
assert type(provider) is TracerProvider and type(exporter) is InMemorySpanExporter, (type(provider), type(exporter))
provider.get_tracer("test").start_span("x").end()
assert [s.name for s in exporter.get_finished_spans()] == ["x"], "each span is exported as soon as it ends"
assert trace.get_tracer_provider() is before_global, "never set the global provider"
provider.shutdown()

# %% course={"kind": "test", "points": 2}
provider, exporter = make_provider("billing", 0.5)
assert provider.resource.attributes["service.name"] == "billing", "the resource names the service"
tracer_under_test = provider.get_tracer("test")
remote_parent = trace.set_span_in_context(trace.NonRecordingSpan(trace.SpanContext(
    trace_id=2**64 - 1, span_id=7, is_remote=True, trace_flags=trace.TraceFlags(trace.TraceFlags.SAMPLED))))
tracer_under_test.start_span("child of a sampled caller", context=remote_parent).end()
assert [s.name for s in exporter.get_finished_spans()] == ["child of a sampled caller"], (
    "a caller that sampled the trace is followed, whatever the ratio says (ParentBased)")
### BEGIN HIDDEN TESTS
unsampled_parent = trace.set_span_in_context(trace.NonRecordingSpan(trace.SpanContext(
    trace_id=1, span_id=7, is_remote=True, trace_flags=trace.TraceFlags(trace.TraceFlags.DEFAULT))))
tracer_under_test.start_span("child of an unsampled caller", context=unsampled_parent).end()
assert len(exporter.get_finished_spans()) == 1, "a caller that did not sample is followed too"
assert provider.sampler.get_description().startswith("ParentBased{root:TraceIdRatioBased{0.5}"), (
    provider.sampler.get_description())
provider.shutdown()
for service, rate in [("a", 0.0), ("b", 1.0), ("c", 0.25)]:
    p, e = make_provider(service, rate)
    assert p.resource.attributes["service.name"] == service
    assert p.sampler.get_description().startswith(f"ParentBased{{root:TraceIdRatioBased{{{rate}}}")
    p.shutdown()
first, first_spans = make_provider("one", 1.0)
second, second_spans = make_provider("two", 1.0)
first.get_tracer("t").start_span("only in one").end()
assert second_spans.get_finished_spans() == (), "every call makes its own exporter"
first.shutdown()
second.shutdown()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sets-global", "fails": ["t1"]}
def make_provider(service, rate):
    provider = TracerProvider(resource=Resource.create({"service.name": service}),
                              sampler=ParentBased(TraceIdRatioBased(rate)))
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)  # works once per process, and only with a warning afterwards
    return provider, exporter

# %% course={"kind": "wrong", "id": "ratio-without-parent", "fails": ["t2"]}
def make_provider(service, rate):
    provider = TracerProvider(resource=Resource.create({"service.name": service}), sampler=TraceIdRatioBased(rate))
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter

# %% course={"kind": "wrong", "id": "batch-processor", "fails": ["t1", "t2"]}
def make_provider(service, rate):
    provider = TracerProvider(resource=Resource.create({"service.name": service}),
                              sampler=ParentBased(TraceIdRatioBased(rate)))
    exporter = InMemorySpanExporter()
    provider.add_span_processor(BatchSpanProcessor(exporter, schedule_delay_millis=60_000))
    return provider, exporter

# %% [markdown] course={"kind": "exercise", "id": "parse-traceparent", "item": "x-propagate-context-across-services"}
# ### Read a `traceparent` header, strictly
#
# A service that continues a trace must refuse a malformed `traceparent` (and start a new trace instead), or one
# bad client poisons every trace behind it. Write `parse_traceparent(header)` that returns a `TraceParent`
# (the named tuple below) or raises `ValueError`. The rules:
#
# - whitespace around the value is ignored; the value is fields separated by `-`;
# - **version**: 2 lowercase hex digits, never `ff`. Version `00` has exactly 4 fields; a later version
#   (`01`...`fe`) has at least 4, and you ignore the fields after the fourth (so a newer sender still works);
# - **trace id**: 32 lowercase hex digits, not all zero; **parent id**: 16 lowercase hex digits, not all zero;
# - **flags**: 2 lowercase hex digits; `sampled` is `True` when bit 0 of the flags is set (`01`, `03`, `ff`...).
#
# ```python
# >>> parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
# TraceParent(version='00', trace_id='4bf92f3577b34da6a3ce929d0e0e4736', span_id='00f067aa0ba902b7', sampled=True)
# ```

# %% [markdown] course={"kind": "hint"}
# Split on `"-"`, then check each field with one small helper: its length and that every character is in
# `"0123456789abcdef"`. Be careful with `int(text, 16)`: it happily accepts `"AB"`, `"+a"` and `" a"`.

# %% [markdown] course={"kind": "hint"}
# The sampled bit: `int(flags, 16) & 1 == 1`. Comparing `flags == "01"` misses `03` (sampled plus another flag).

# %% course={"kind": "solution"}
def parse_traceparent(header: str) -> TraceParent:
    ### BEGIN SOLUTION
    def hex_field(text: str, size: int, what: str) -> str:
        if len(text) != size or not set(text) <= set("0123456789abcdef"):
            raise ValueError(f"{what} must be {size} lowercase hex digits, got {text!r}")
        return text

    parts = header.strip().split("-")
    if len(parts) < 4:
        raise ValueError(f"a traceparent has 4 fields, got {len(parts)}")
    version = hex_field(parts[0], 2, "the version")
    if version == "ff":
        raise ValueError("version ff is invalid")
    if version == "00" and len(parts) != 4:
        raise ValueError("version 00 has exactly 4 fields")
    trace_id = hex_field(parts[1], 32, "the trace id")
    span_id = hex_field(parts[2], 16, "the parent id")
    flags = hex_field(parts[3], 2, "the flags")
    if trace_id == "0" * 32 or span_id == "0" * 16:
        raise ValueError("an all-zero id is invalid")
    return TraceParent(version, trace_id, span_id, int(flags, 16) & 1 == 1)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
EXAMPLE_TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
got = parse_traceparent(EXAMPLE_TP)
assert got == TraceParent("00", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", True), got
assert type(got) is TraceParent and type(got.sampled) is bool, "return the TraceParent named tuple, sampled a bool"

# %% course={"kind": "test", "points": 2}
for flags, sampled in [("01", True), ("00", False), ("03", True), ("02", False)]:
    result = parse_traceparent(EXAMPLE_TP[:-2] + flags).sampled
    assert result is sampled, f"flags {flags}: sampled should be {sampled} (bit 0 only)"
### BEGIN HIDDEN TESTS
assert parse_traceparent(EXAMPLE_TP[:-2] + "ff").sampled is True and parse_traceparent(EXAMPLE_TP[:-2] + "fe").sampled is False
assert parse_traceparent("  " + EXAMPLE_TP + "\t") == got, "whitespace around the value is ignored"
every_digit = "00-0123456789abcdef0123456789abcdef-fedcba9876543210-01"
assert parse_traceparent(every_digit) == TraceParent("00", "0123456789abcdef0123456789abcdef", "fedcba9876543210", True)
assert parse_traceparent("00-00000000000000000000000000000001-0000000000000001-00").trace_id == "0" * 31 + "1"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def refused(header: str) -> bool:
    try:
        parse_traceparent(header)
    except ValueError:
        return True
    return False


assert refused("00-" + "0" * 32 + "-00f067aa0ba902b7-01"), "an all-zero trace id is invalid"
assert refused(EXAMPLE_TP.upper()) and refused(EXAMPLE_TP.replace("4bf9", "4BF9")), "hex digits must be lowercase"
assert refused("ff" + EXAMPLE_TP[2:]), "version ff is invalid"
### BEGIN HIDDEN TESTS
assert refused("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0" * 16 + "-01"), "an all-zero parent id is invalid"
assert refused(EXAMPLE_TP + "-extra") and refused(EXAMPLE_TP + "-"), "version 00 has exactly 4 fields"
assert refused("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"), "a 31-digit trace id"
assert refused("00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01"), "a 33-digit trace id"
assert refused("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01"), "a 15-digit parent id"
assert refused("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b77-01"), "a 17-digit parent id"
assert refused(EXAMPLE_TP[:-2] + "1") and refused(EXAMPLE_TP + "1"), "flags are 2 digits"
assert refused("0" + EXAMPLE_TP) and refused(EXAMPLE_TP[1:]), "the version is 2 digits"
assert refused(EXAMPLE_TP.replace("4bf9", "+bf9")) and refused(EXAMPLE_TP.replace("4bf9", " bf9")), "only hex digits"
assert refused(EXAMPLE_TP.replace("4bf9", "4bg9")) and refused(EXAMPLE_TP[:-2] + "0x")
assert refused("") and refused("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"), "too few fields"
assert refused("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01")
assert refused(EXAMPLE_TP.replace("-", "--", 1))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert parse_traceparent("01" + EXAMPLE_TP[2:] + "-what-comes-later") == TraceParent(
    "01", "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", True), "a later version may add fields: ignore them"
### BEGIN HIDDEN TESTS
assert parse_traceparent("fe" + EXAMPLE_TP[2:]).version == "fe", "versions 01-fe with exactly 4 fields are fine too"
assert refused("FE" + EXAMPLE_TP[2:]) and refused("0g" + EXAMPLE_TP[2:])
assert refused("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "int-accepts-anything"}
def parse_traceparent(header):
    version, trace_id, span_id, flags = header.strip().split("-")[:4]
    for text, size in [(version, 2), (trace_id, 32), (span_id, 16), (flags, 2)]:
        if len(text) != size:
            raise ValueError(text)
        int(text, 16)  # raises ValueError for non-hex... but accepts upper case and "+a"
    if version == "ff" or int(trace_id, 16) == 0 or int(span_id, 16) == 0:
        raise ValueError(header)
    if version == "00" and header.strip().count("-") != 3:
        raise ValueError(header)
    return TraceParent(version, trace_id, span_id, int(flags, 16) & 1 == 1)

# %% course={"kind": "wrong", "id": "sampled-means-01", "fails": ["t2"]}
def parse_traceparent(header):
    parts = header.strip().split("-")
    if len(parts) < 4 or parts[0] == "ff" or (parts[0] == "00" and len(parts) != 4):
        raise ValueError(header)
    for text, size in zip(parts, (2, 32, 16, 2)):
        if len(text) != size or not set(text) <= set("0123456789abcdef"):
            raise ValueError(text)
    if parts[1] == "0" * 32 or parts[2] == "0" * 16:
        raise ValueError(header)
    return TraceParent(parts[0], parts[1], parts[2], parts[3] == "01")

# %% course={"kind": "wrong", "id": "zero-ids-allowed", "fails": ["t3"]}
def parse_traceparent(header):
    parts = header.strip().split("-")
    if len(parts) < 4 or parts[0] == "ff" or (parts[0] == "00" and len(parts) != 4):
        raise ValueError(header)
    for text, size in zip(parts, (2, 32, 16, 2)):
        if len(text) != size or not set(text) <= set("0123456789abcdef"):
            raise ValueError(text)
    return TraceParent(parts[0], parts[1], parts[2], int(parts[3], 16) & 1 == 1)

# %% course={"kind": "wrong", "id": "always-four-fields", "fails": ["t4"]}
def parse_traceparent(header):
    parts = header.strip().split("-")
    if len(parts) != 4 or parts[0] == "ff":
        raise ValueError(header)
    for text, size in zip(parts, (2, 32, 16, 2)):
        if len(text) != size or not set(text) <= set("0123456789abcdef"):
            raise ValueError(text)
    if parts[1] == "0" * 32 or parts[2] == "0" * 16:
        raise ValueError(header)
    return TraceParent(parts[0], parts[1], parts[2], int(parts[3], 16) & 1 == 1)

# %% [markdown] course={"kind": "exercise", "id": "ratio-sampler"}
# ### Head sampling by trace id, the way the SDK does it
#
# A sampler must give the *same* keep-or-drop answer for a trace wherever it runs, without talking to anyone, so
# the decision is a pure function of the trace id (every Python service using the SDK agrees; other languages'
# SDKs use slightly different bits, which is why downstream services follow the `sampled` flag). Write `keep_trace(trace_id, rate)` with the rule of the SDK's
# `TraceIdRatioBased` (read it in `opentelemetry/sdk/trace/sampling.py`): take the **lower 64 bits** of the 128-bit
# trace id; the bound is `round(rate * 2**64)`; keep the trace (`True`) when those bits are **below** the bound.
# A `rate` outside `0.0 <= rate <= 1.0` raises `ValueError`. The result is a `bool`.
#
# ```python
# >>> keep_trace(0x00000000000000003fffffffffffffff, 0.25), keep_trace(0x00000000000000004000000000000000, 0.25)
# (True, False)
# ```

# %% [markdown] course={"kind": "hint"}
# The lower 64 bits: `trace_id & (2**64 - 1)` (or `% 2**64`). The upper half is ignored on purpose: some systems
# still make 64-bit trace ids, padded with zeros on the left.

# %% [markdown] course={"kind": "hint"}
# Strictly below: with `rate = 0` the bound is 0 and nothing is kept, not even a trace id whose lower bits are 0.

# %% course={"kind": "solution"}
def keep_trace(trace_id: int, rate: float) -> bool:
    ### BEGIN SOLUTION
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be between 0 and 1, got {rate}")
    return trace_id & (2**64 - 1) < round(rate * 2**64)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert keep_trace(0x3FFFFFFFFFFFFFFF, 0.25) is True and keep_trace(0x4000000000000000, 0.25) is False, (
    "below round(0.25 * 2**64) is kept, the bound itself is not")

# %% course={"kind": "test", "points": 2}
assert keep_trace(0xFFFF << 64, 0.25) is True, "only the lower 64 bits count: this id's lower half is 0"
assert keep_trace((1 << 127) | 0x4000000000000000, 0.25) is False
### BEGIN HIDDEN TESTS
import random as _random

_ids = _random.Random(183)
for _rate in [0.0, 2.0**-64, 0.001, 0.1, 0.25, 0.3, 0.5, 0.999, 1.0]:
    _sdk = TraceIdRatioBased(_rate)
    for _ in range(300):
        _tid = _ids.getrandbits(128)
        _want = _sdk.should_sample(None, _tid, "x").decision.is_sampled()
        assert keep_trace(_tid, _rate) is _want, f"rate {_rate}, trace id {_tid:032x}: the SDK says {_want}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert keep_trace(0, 0.0) is False, "rate 0 keeps nothing, not even lower bits 0"
assert keep_trace(2**128 - 1, 1.0) is True, "rate 1 keeps everything"
### BEGIN HIDDEN TESTS
assert keep_trace(1 << 64, 2.0**-64) is True and keep_trace(1, 2.0**-64) is False, "rate 2**-64: the bound is 1"
assert keep_trace(2, 2.5 * 2.0**-64) is False and keep_trace(1, 1.7 * 2.0**-64) is True, (
    "tiny rates: the bound is round(rate * 2**64), an int (not the float itself, not int() rounding down)")
assert keep_trace(2**64 - 1, 1.0) is True and keep_trace(2**64 - 1, 0.999) is False
assert keep_trace(0x7FFFFFFFFFFFFFFF, 0.5) is True and keep_trace(0x8000000000000000, 0.5) is False
for _bad in [-0.01, 1.01, -1.0, 2.0, float("inf")]:
    try:
        keep_trace(1, _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"rate {_bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "upper-bits"}
def keep_trace(trace_id, rate):
    if not 0.0 <= rate <= 1.0:
        raise ValueError(rate)
    return trace_id >> 64 < round(rate * 2**64)

# %% course={"kind": "wrong", "id": "at-or-below"}
def keep_trace(trace_id, rate):
    if not 0.0 <= rate <= 1.0:
        raise ValueError(rate)
    return trace_id & (2**64 - 1) <= round(rate * 2**64)

# %% course={"kind": "wrong", "id": "seeded-random"}
import random


def keep_trace(trace_id, rate):
    if not 0.0 <= rate <= 1.0:
        raise ValueError(rate)
    return random.Random(trace_id).random() < rate  # the same answer for the same id... but not the SDK's answer

# %% course={"kind": "wrong", "id": "float-bound", "fails": ["t3"]}
def keep_trace(trace_id, rate):
    if not 0.0 <= rate <= 1.0:
        raise ValueError(rate)
    return trace_id & (2**64 - 1) < rate * 2**64  # the same as round() except for the tiniest rates

# %% course={"kind": "wrong", "id": "no-range-check", "fails": ["t3"]}
def keep_trace(trace_id, rate):
    return trace_id & (2**64 - 1) < round(rate * 2**64)

# %% [markdown] course={"kind": "exercise", "id": "traced-decorator", "item": "x-add-custom-spans"}
# ### A decorator that traces a function
#
# Custom spans around your own functions are the first thing you add after the framework's spans. Write
# `traced(tracer, **attributes)`, a decorator factory:
#
# - each call of the decorated function runs inside a new span named after the function's `__qualname__`, made the
#   **current** span (so spans started inside the function are its children), with the given attributes (and,
#   on success, no others);
# - it returns what the function returns; the wrapper keeps the function's name and docstring (`functools.wraps`);
# - when the function raises, the same exception goes on to the caller, and the span has status `ERROR` with the
#   description `"<ExceptionType>: <message>"`, **exactly one** `exception` event, and the attribute `error.type`
#   set to the exception class's `__qualname__`; on success the status stays `UNSET` (the convention: only the
#   application marks success as `OK`).
#
# ```python
# >>> @traced(tracer, team="ml")
# ... def score(x): return x * 2
# >>> score(21)        # one span "score" with the attribute team="ml", status UNSET
# 42
# ```

# %% [markdown] course={"kind": "hint"}
# `tracer.start_as_current_span(name, attributes=...)` is a context manager; by default it already records an
# escaping exception as an event and sets the `ERROR` status with that description. Read its parameters
# (`record_exception`, `set_status_on_exception`) before you add your own `record_exception` call.

# %% [markdown] course={"kind": "hint"}
# Inside the `with`, wrap the call in `try` / `except Exception as error:`, set `error.type`, then `raise` (bare,
# so the caller gets the very same exception).

# %% course={"kind": "solution"}
def traced(tracer: trace.Tracer, **attributes: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    ### BEGIN SOLUTION
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with tracer.start_as_current_span(func.__qualname__, attributes=attributes) as span:
                try:
                    return func(*args, **kwargs)
                except Exception as error:
                    span.set_attribute("error.type", type(error).__qualname__)
                    raise

        return wrapper

    return decorate
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with tracing() as (tracer, exporter):
    @traced(tracer, team="ml")
    def score(x):
        """Double it."""
        return x * 2

    assert score(21) == 42, "the wrapper returns what the function returns"
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == ["score"], "one span per call, named after the function"
    assert dict(spans[0].attributes) == {"team": "ml"}, "the decorator's attributes, and no others on success"
    assert spans[0].status.status_code is StatusCode.UNSET, "success leaves the status UNSET"
    assert score.__name__ == "score" and score.__doc__ == "Double it.", "use functools.wraps"

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter):
    @traced(tracer)
    def outer():
        with tracer.start_as_current_span("inner"):
            return "done"

    assert outer() == "done"
    spans = by_name(exporter.get_finished_spans())
    assert spans["inner"].parent is not None and hex_ids(spans["inner"])[2] == hex_ids(spans["outer"])[1], (
        "the decorated function's span must be the current span while it runs")
### BEGIN HIDDEN TESTS
    assert spans["outer"].kind is SpanKind.INTERNAL and dict(spans["outer"].attributes) == {}
    class Model:
        @traced(tracer, version=3, gpu=False)
        def predict(self, *rows, scale=1):
            return [r * scale for r in rows]

    assert Model().predict(1, 2, scale=10) == [10, 20], "positional and keyword arguments are passed on"
    done = by_name(exporter.get_finished_spans())["Model.predict"]
    assert dict(done.attributes) == {"version": 3, "gpu": False}, "the span is named after __qualname__"
    assert Model.predict.__qualname__ == "Model.predict" and Model.predict.__wrapped__.__name__ == "predict"
    @traced(tracer)
    def nothing():
        return None

    assert nothing() is None and exporter.get_finished_spans()[-1].name == "nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class PaymentDeclined(Exception):
    pass


with tracing() as (tracer, exporter):
    @traced(tracer, step="charge")
    def charge():
        raise PaymentDeclined("card 42")

    problem = PaymentDeclined("x")
    try:
        charge()
    except PaymentDeclined as caught:
        problem = caught
    assert str(problem) == "card 42", "the caller gets the function's own exception"
    span = exporter.get_finished_spans()[0]
    assert span.status.status_code is StatusCode.ERROR, "a raised exception makes the status ERROR"
    assert span.status.description == "PaymentDeclined: card 42", span.status.description
    assert [e.name for e in span.events] == ["exception"], f"exactly one exception event, got {[e.name for e in span.events]}"
    assert span.attributes.get("error.type") == "PaymentDeclined" and span.attributes.get("step") == "charge"
### BEGIN HIDDEN TESTS
    class Outer:
        class Broken(KeyError):
            pass

    @traced(tracer)
    def lookup():
        raise Outer.Broken("k")

    try:
        lookup()
    except KeyError:
        pass
    else:
        raise AssertionError("the exception must reach the caller")
    last = exporter.get_finished_spans()[-1]
    assert last.attributes.get("error.type") == "Outer.Broken", "error.type is the class's __qualname__"
    assert last.events[0].attributes["exception.type"].endswith("Broken") and len(last.events) == 1
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "records-twice", "fails": ["t3"]}
def traced(tracer, **attributes):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with tracer.start_as_current_span(func.__qualname__, attributes=attributes) as span:
                try:
                    return func(*args, **kwargs)
                except Exception as error:
                    span.record_exception(error)  # the SDK records it again when it leaves the with
                    span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
                    span.set_attribute("error.type", type(error).__qualname__)
                    raise
        return wrapper
    return decorate

# %% course={"kind": "wrong", "id": "span-not-current", "fails": ["t2"]}
def traced(tracer, **attributes):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            span = tracer.start_span(func.__qualname__, attributes=attributes)  # not made current
            try:
                return func(*args, **kwargs)
            except Exception as error:
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
                span.set_attribute("error.type", type(error).__qualname__)
                raise
            finally:
                span.end()
        return wrapper
    return decorate

# %% course={"kind": "wrong", "id": "marks-ok"}
def traced(tracer, **attributes):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with tracer.start_as_current_span(func.__qualname__, attributes=attributes) as span:
                try:
                    result = func(*args, **kwargs)
                except Exception as error:
                    span.set_attribute("error.type", type(error).__qualname__)
                    raise
                span.set_status(Status(StatusCode.OK))
                return result
        return wrapper
    return decorate

# %% course={"kind": "wrong", "id": "name-not-qualname"}
def traced(tracer, **attributes):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with tracer.start_as_current_span(func.__name__, attributes=attributes) as span:
                try:
                    return func(*args, **kwargs)
                except Exception as error:
                    span.set_attribute("error.type", type(error).__name__)
                    raise
        return wrapper
    return decorate

# %% [markdown] course={"kind": "exercise", "id": "pool-context"}
# ### Keep the trace together in a thread pool
#
# A batch job fans work out to a `ThreadPoolExecutor`, and its traces come out as one parent with no children plus
# a heap of orphan spans. Write `map_in_spans(tracer, func, items, workers=4)`:
#
# - it calls `func(item)` for every item in a pool of `workers` threads (never in the caller's thread) and returns
#   the results as a `list`, in the order of `items` (any iterable, a generator too);
# - each call runs inside its own span `"item"`, with the attribute `item.index` (the item's position, from 0),
#   which is a **child of the span that was current when `map_in_spans` was called**, and is current while
#   `func` runs (so spans `func` starts are children of `"item"`).
#
# ```python
# >>> with tracer.start_as_current_span("batch"):
# ...     map_in_spans(tracer, lambda x: x * x, [1, 2, 3], workers=2)
# [1, 4, 9]          # and three "item" spans, each a child of "batch"
# ```

# %% [markdown] course={"kind": "hint"}
# Worker threads start with an empty context. Capture `context.get_current()` in the caller, before submitting.

# %% [markdown] course={"kind": "hint"}
# In the function you give the pool: `token = context.attach(captured)`, then start the `"item"` span with
# `start_as_current_span`, call `func`, and in a `finally` `context.detach(token)`. `pool.map` keeps the order.
# (One `contextvars.copy_context()` shared by every task fails: a context can be entered by one thread at a time.)

# %% course={"kind": "solution", "equivalent": {"m-f5d1f6bd": "the pool's threads end before map_in_spans returns, so a context left attached in them is never seen again"}}
def map_in_spans(tracer: trace.Tracer, func: Callable[[Any], Any], items: Iterable[Any], workers: int = 4) -> list[Any]:
    ### BEGIN SOLUTION
    captured = context.get_current()

    def run(index: int, item: Any) -> Any:
        token = context.attach(captured)
        try:
            with tracer.start_as_current_span("item", attributes={"item.index": index}):
                return func(item)
        finally:
            context.detach(token)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, *zip(*enumerate(items))))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with tracing() as (tracer, exporter):
    with tracer.start_as_current_span("batch"):
        got = map_in_spans(tracer, lambda x: x * x, [1, 2, 3], workers=2)
    assert got == [1, 4, 9] and type(got) is list, f"the results in input order, as a list: {got}"
    spans = exporter.get_finished_spans()
    batch = by_name([s for s in spans if s.name == "batch"])["batch"]
    items = [s for s in spans if s.name == "item"]
    assert len(items) == 3, "one span per item"
    assert all(s.parent is not None and hex_ids(s)[2] == hex_ids(batch)[1] for s in items), (
        "every item span is a child of the caller's span: attach the captured context in the worker")

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter):
    seen_threads = set()

    def work(x):
        seen_threads.add(threading.get_ident())
        with tracer.start_as_current_span(f"inside {x}"):
            return x

    with tracer.start_as_current_span("batch"):
        assert map_in_spans(tracer, work, iter("abc"), workers=1) == ["a", "b", "c"], "any iterable"
    assert threading.get_ident() not in seen_threads, "func runs in the pool, never in the caller's thread"
    spans = exporter.get_finished_spans()
    item_ids = {hex_ids(s)[1]: s for s in spans if s.name == "item"}
    for x in "abc":
        inner = by_name([s for s in spans if s.name == f"inside {x}"])[f"inside {x}"]
        assert hex_ids(inner)[2] in item_ids, "the item span is current while func runs"
    assert sorted(s.attributes["item.index"] for s in item_ids.values()) == [0, 1, 2], "item.index from 0"
### BEGIN HIDDEN TESTS
    parent_of = {hex_ids(s)[1]: hex_ids(s)[2] for s in spans}
    for x, index in zip("abc", range(3)):
        inner = by_name([s for s in spans if s.name == f"inside {x}"])[f"inside {x}"]
        assert item_ids[hex_ids(inner)[2]].attributes["item.index"] == index, "item.index is the item's position"
    assert map_in_spans(tracer, work, [], workers=3) == [] and map_in_spans(tracer, work, iter([]), workers=3) == []
    assert trace.get_current_span() is trace.INVALID_SPAN, "the caller's context is left as it was"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter):
    meet = threading.Barrier(3, timeout=5)

    def together(x):
        meet.wait()  # passes only when 3 calls run at the same time
        return x + 1

    with tracer.start_as_current_span("batch"):
        assert map_in_spans(tracer, together, range(3), workers=3) == [1, 2, 3], "workers calls run concurrently"
### BEGIN HIDDEN TESTS
    assert map_in_spans(tracer, str, range(50), workers=4) == [str(i) for i in range(50)]
    roots = [s for s in exporter.get_finished_spans() if s.parent is None]
    assert [s.name for s in roots] == ["batch"] + ["item"] * 50, "no caller span: the item spans are roots"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "context-lost"}
def map_in_spans(tracer, func, items, workers=4):
    def run(index, item):
        with tracer.start_as_current_span("item", attributes={"item.index": index}):
            return func(item)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, *zip(*enumerate(items))))

# %% course={"kind": "wrong", "id": "spans-in-caller"}
def map_in_spans(tracer, func, items, workers=4):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = []
        for index, item in enumerate(items):
            with tracer.start_as_current_span("item", attributes={"item.index": index}):
                futures.append(pool.submit(func, item))  # the span ends before func even runs
        return [f.result() for f in futures]

# %% course={"kind": "wrong", "id": "one-shared-context", "fails": ["t3"]}
import contextvars


def map_in_spans(tracer, func, items, workers=4):
    shared = contextvars.copy_context()

    def run(index, item):
        with tracer.start_as_current_span("item", attributes={"item.index": index}):
            return func(item)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda pair: shared.run(run, *pair), enumerate(items)))

# %% course={"kind": "wrong", "id": "no-pool"}
def map_in_spans(tracer, func, items, workers=4):
    results = []
    for index, item in enumerate(items):
        with tracer.start_as_current_span("item", attributes={"item.index": index}):
            results.append(func(item))
    return results

# %% [markdown] course={"kind": "exercise", "id": "http-client-span", "item": "x-propagate-context-across-services"}
# ### An HTTP call that carries the trace to the next service
#
# Write `call_service(tracer, url)`: one GET to another service, traced as the semantic conventions say, with the
# trace continued on the other side. Use the setup's `http_get(url, headers)` for the call itself (it returns
# `(status, body)` and never raises for 4xx or 5xx).
#
# - Make a span named `"GET"` of kind `CLIENT`, with `http.request.method` `"GET"` and `url.full` the URL, current
#   while the request is sent; **inject** the context into the request headers *inside* it, so the server's span
#   becomes a child of this client span (and baggage set by the caller travels too).
# - After the answer, set `http.response.status_code` (an `int`). A status of 400 or more sets the span's status to
#   `ERROR` and `error.type` to the status code as a string (`"404"`); below 400 the status stays `UNSET`.
# - No other attributes (the conventions also suggest `server.address` and more; the tests want exactly these).
# - Return `(status, data)`: the status code and the JSON body parsed.
#
# ```python
# >>> with local_server(TracedService, tracer=tracer) as server:
# ...     status, data = call_service(tracer, base_url(server) + "/orders")
# >>> status, data["traceparent"][:3]
# (200, '00-')          # and the server's "GET /orders" span is a child of our "GET" span
# ```

# %% [markdown] course={"kind": "hint"}
# `headers = {}` then `propagate.inject(headers)` writes `traceparent` (and `baggage` when the context has some)
# from the *current* context: call it after the client span became current, not before.

# %% [markdown] course={"kind": "hint"}
# `with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT, attributes={...}) as span:`, then
# `span.set_attribute(...)` and `span.set_status(Status(StatusCode.ERROR))` once you know the status.

# %% course={"kind": "solution"}
def call_service(tracer: trace.Tracer, url: str) -> tuple[int, Any]:
    ### BEGIN SOLUTION
    attributes = {"http.request.method": "GET", "url.full": url}
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT, attributes=attributes) as span:
        headers: dict[str, str] = {}
        propagate.inject(headers)
        status, body = http_get(url, headers)
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", str(status))
        return status, json.loads(body)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
with tracing(service="frontend") as (tracer, exporter), local_server(TracedService, tracer=tracer) as server:
    status, data = call_service(tracer, base_url(server) + "/orders")
    assert (status, type(data)) == (200, dict), f"return (status, parsed JSON), got {status!r}, {type(data)}"
    assert data["traceparent"] is not None, "the server received no traceparent header: inject into the headers"
    spans = by_name(exporter.get_finished_spans())
    client_span, server_span = spans["GET"], spans["GET /orders"]
    assert hex_ids(server_span)[0] == hex_ids(client_span)[0], "one trace on both sides"
    assert hex_ids(server_span)[2] == hex_ids(client_span)[1], (
        "the server's span must be a child of the CLIENT span: inject inside it, not before it")

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter), local_server(TracedService, tracer=tracer) as server:
    url = base_url(server) + "/orders?page=2"
    call_service(tracer, url)
    span = by_name(exporter.get_finished_spans())["GET"]
    assert span.kind is SpanKind.CLIENT, "an outgoing call is a CLIENT span"
    assert dict(span.attributes) == {"http.request.method": "GET", "url.full": url, "http.response.status_code": 200}, (
        dict(span.attributes))
    assert span.status.status_code is StatusCode.UNSET, "a 200 leaves the status UNSET"
### BEGIN HIDDEN TESTS
    assert type(span.attributes["http.response.status_code"]) is int
    assert span.parent is None, "no caller span: the client span is a root"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter), local_server(TracedService, tracer=tracer) as server:
    status, data = call_service(tracer, base_url(server) + "/fail")
    assert status == 500 and data["span_id"], "a 500 is returned, not raised"
    failed = by_name(exporter.get_finished_spans())["GET"]
    assert failed.status.status_code is StatusCode.ERROR and failed.attributes["error.type"] == "500", (
        "a 5xx marks the client span ERROR with error.type '500'")
### BEGIN HIDDEN TESTS
    status, _ = call_service(tracer, base_url(server) + "/missing")
    missing = [s for s in exporter.get_finished_spans() if s.name == "GET"][-1]
    assert status == 404 and missing.status.status_code is StatusCode.ERROR and missing.attributes["error.type"] == "404"
    assert missing.attributes["http.response.status_code"] == 404
    for code, error in [(399, False), (400, True), (401, True), (499, True)]:
        status, _ = call_service(tracer, f"{base_url(server)}/status/{code}")
        last = [s for s in exporter.get_finished_spans() if s.name == "GET"][-1]
        assert status == code and (last.status.status_code is StatusCode.ERROR) is error, f"status {code}: ERROR is {error}"
        assert ("error.type" in last.attributes) is error and last.attributes["http.response.status_code"] == code
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with tracing() as (tracer, exporter), local_server(TracedService, tracer=tracer) as server:
    with tracer.start_as_current_span("checkout") as caller:
        token = context.attach(baggage.set_baggage("tenant", "acme"))
        try:
            _, data = call_service(tracer, base_url(server) + "/orders")
        finally:
            context.detach(token)
    assert data["tenant"] == "acme", "the caller's baggage travels with the request"
    spans = by_name(exporter.get_finished_spans())
    assert hex_ids(spans["GET"])[2] == hex_ids(spans["checkout"])[1], "the client span is a child of the caller's span"
    assert data["trace_id"] == hex_ids(spans["checkout"])[0]

# %% course={"kind": "wrong", "id": "inject-before-span", "fails": ["t1"]}
def call_service(tracer, url):
    headers = {}
    propagate.inject(headers)  # the current span is still the caller's (or none)
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT,
                                      attributes={"http.request.method": "GET", "url.full": url}) as span:
        status, body = http_get(url, headers)
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", str(status))
        return status, json.loads(body)

# %% course={"kind": "wrong", "id": "hand-made-header"}
def call_service(tracer, url):
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT,
                                      attributes={"http.request.method": "GET", "url.full": url}) as span:
        ids = span.get_span_context()
        headers = {"traceparent": f"00-{ids.trace_id:032x}-{ids.span_id:016x}-01"}  # forgets baggage
        status, body = http_get(url, headers)
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", str(status))
        return status, json.loads(body)

# %% course={"kind": "wrong", "id": "only-5xx-is-error", "fails": ["t3"]}
def call_service(tracer, url):
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT,
                                      attributes={"http.request.method": "GET", "url.full": url}) as span:
        headers = {}
        propagate.inject(headers)
        status, body = http_get(url, headers)
        span.set_attribute("http.response.status_code", status)
        if status >= 500:  # the server's rule, not the client's
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", str(status))
        return status, json.loads(body)

# %% course={"kind": "wrong", "id": "internal-kind"}
def call_service(tracer, url):
    with tracer.start_as_current_span("GET", attributes={"http.request.method": "GET", "url.full": url}) as span:
        headers = {}
        propagate.inject(headers)
        status, body = http_get(url, headers)
        span.set_attribute("http.response.status_code", str(status))
        if status >= 400:
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", str(status))
        return status, json.loads(body)

# %% [markdown] course={"kind": "exercise", "id": "slowest-branch", "item": "x-analyze-traces-for-performance-issues"}
# ### Problem: follow the slowest branch of a trace (a tree walk)
#
# A backend's API hands you a trace as flat rows, one per span: `{"id", "parent", "name", "start", "end"}` (times
# in nanoseconds; `parent` is `None` for the root). Where did the time go? Write `slowest_branch(rows)`: starting
# at the root, step to the child with the **longest duration** (`end - start`), and from there again, until a span
# with no children. Return the `list` of names along the way, root first.
#
# - Ties: the child that started first; if they also started together, the one whose name sorts first.
# - Exactly one row has `parent` `None`; otherwise raise `ValueError`. Rows can come in any order.
# - Traces can be deep (a retry loop, a recursive pipeline): a chain of 10,000 spans must work, so no recursion.
#
# ```python
# >>> slowest_branch([
# ...     {"id": "a", "parent": None, "name": "GET /report", "start": 0, "end": 100},
# ...     {"id": "b", "parent": "a", "name": "auth", "start": 0, "end": 10},
# ...     {"id": "c", "parent": "a", "name": "query", "start": 10, "end": 90},
# ...     {"id": "d", "parent": "c", "name": "SELECT", "start": 15, "end": 80}])
# ['GET /report', 'query', 'SELECT']
# ```

# %% [markdown] course={"kind": "hint"}
# Build the tree once: a dict from a span id to the list of its child rows. Then walk with a loop, not a
# recursive call: `node = root`, and while `node` has children, `node = max(children, key=...)`.

# %% [markdown] course={"kind": "hint"}
# One sort key does all the tie-breaking: the longest duration first, then the earliest start, then the name:
# `min(children, key=lambda r: (-(r["end"] - r["start"]), r["start"], r["name"]))`.

# %% course={"kind": "solution"}
def slowest_branch(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    ### BEGIN SOLUTION
    roots = [row for row in rows if row["parent"] is None]
    if len(roots) != 1:
        raise ValueError(f"a trace has exactly one root, found {len(roots)}")
    children: dict[Any, list[Mapping[str, Any]]] = {}
    for row in rows:
        children.setdefault(row["parent"], []).append(row)
    node = roots[0]
    path = [node["name"]]
    while node["id"] in children:
        node = min(children[node["id"]], key=lambda r: (r["start"] - r["end"], r["start"], r["name"]))
        path.append(node["name"])
    return path
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
REPORT_TRACE = [
    {"id": "a", "parent": None, "name": "GET /report", "start": 0, "end": 100},
    {"id": "b", "parent": "a", "name": "auth", "start": 0, "end": 10},
    {"id": "c", "parent": "a", "name": "query", "start": 10, "end": 90},
    {"id": "d", "parent": "c", "name": "SELECT", "start": 15, "end": 80},
]
assert slowest_branch(REPORT_TRACE) == ["GET /report", "query", "SELECT"], slowest_branch(REPORT_TRACE)

# %% course={"kind": "test", "points": 2}
shuffled = [REPORT_TRACE[3], REPORT_TRACE[1], REPORT_TRACE[0], REPORT_TRACE[2]]
assert slowest_branch(shuffled) == ["GET /report", "query", "SELECT"], "rows come in any order"
ends_last = [
    {"id": "r", "parent": None, "name": "job", "start": 0, "end": 100},
    {"id": "x", "parent": "r", "name": "train", "start": 0, "end": 70},
    {"id": "y", "parent": "r", "name": "upload", "start": 80, "end": 95},
]
assert slowest_branch(ends_last) == ["job", "train"], "the LONGEST child, not the one that ends last"
### BEGIN HIDDEN TESTS
assert slowest_branch([{"id": 1, "parent": None, "name": "alone", "start": 5, "end": 9}]) == ["alone"]
assert type(slowest_branch(REPORT_TRACE)) is list
tied = [
    {"id": "r", "parent": None, "name": "root", "start": 0, "end": 50},
    {"id": "p", "parent": "r", "name": "zeta", "start": 5, "end": 25},
    {"id": "q", "parent": "r", "name": "alpha", "start": 6, "end": 26},
    {"id": "s", "parent": "r", "name": "beta", "start": 5, "end": 25},
    {"id": "t", "parent": "r", "name": "short", "start": 0, "end": 19},
]
assert slowest_branch(tied) == ["root", "beta"], "equal durations: the earliest start, then the name"
assert slowest_branch(tied[:3]) == ["root", "zeta"], "equal durations: the earliest start wins over the name"
negative = [{"id": "r", "parent": None, "name": "root", "start": -10, "end": -1},
            {"id": "c", "parent": "r", "name": "late", "start": -5, "end": -2},
            {"id": "d", "parent": "r", "name": "early", "start": -9, "end": -7}]
assert slowest_branch(negative) == ["root", "late"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def refused_trace(rows):
    try:
        slowest_branch(rows)
    except ValueError:
        return True
    return False


assert refused_trace(REPORT_TRACE + [{"id": "z", "parent": None, "name": "other", "start": 0, "end": 1}]), "two roots"
assert refused_trace([r for r in REPORT_TRACE if r["parent"] is not None]) and refused_trace([]), "no root"
### BEGIN HIDDEN TESTS
chain = [{"id": 0, "parent": None, "name": "s0", "start": 0, "end": 20_000}]
chain += [{"id": i, "parent": i - 1, "name": f"s{i}", "start": i, "end": 20_000 - i} for i in range(1, 10_000)]
chain.reverse()
assert slowest_branch(chain) == [f"s{i}" for i in range(10_000)], "a chain of 10,000 spans"
wide = [{"id": "r", "parent": None, "name": "fan-out", "start": 0, "end": 10**6}]
wide += [{"id": i, "parent": "r", "name": f"call {i}", "start": i, "end": i + (i * 7919) % 50_021} for i in range(50_000)]
assert slowest_branch(wide) == ["fan-out", "call 12191"], slowest_branch(wide)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "recursive-walk"}
def slowest_branch(rows):
    roots = [row for row in rows if row["parent"] is None]
    if len(roots) != 1:
        raise ValueError("one root")
    children = {}
    for row in rows:
        children.setdefault(row["parent"], []).append(row)

    def walk(node):
        kids = children.get(node["id"], [])
        if not kids:
            return [node["name"]]
        best = min(kids, key=lambda r: (r["start"] - r["end"], r["start"], r["name"]))
        return [node["name"]] + walk(best)

    return walk(roots[0])

# %% course={"kind": "wrong", "id": "ends-last"}
def slowest_branch(rows):
    roots = [row for row in rows if row["parent"] is None]
    if len(roots) != 1:
        raise ValueError("one root")
    children = {}
    for row in rows:
        children.setdefault(row["parent"], []).append(row)
    node, path = roots[0], [roots[0]["name"]]
    while node["id"] in children:
        node = max(children[node["id"]], key=lambda r: r["end"])  # the one the parent waited for last
        path.append(node["name"])
    return path

# %% course={"kind": "wrong", "id": "first-row-is-root", "fails": ["t2", "t3"]}
def slowest_branch(rows):
    children = {}
    for row in rows:
        children.setdefault(row["parent"], []).append(row)
    node, path = rows[0], [rows[0]["name"]]
    while node["id"] in children:
        node = min(children[node["id"]], key=lambda r: (r["start"] - r["end"], r["start"], r["name"]))
        path.append(node["name"])
    return path

# %% [markdown] course={"kind": "exercise", "id": "self-time", "item": "x-analyze-traces-for-performance-issues"}
# ### Problem: self time, when children run in parallel (interval union)
#
# A span that lasts 100 ms is not slow if its children took 95 of them: what matters is its **self time**, the
# time in which the span was running and none of its children were. Write `self_times(rows)` (rows as in the
# previous problem) returning a `dict` from every span's id to its self time (an `int`, nanoseconds):
#
# - the span's duration minus the length of the **union** of its children's intervals: two children running in
#   parallel over the same 30 ns take 30 ns away, not 60;
# - a child's interval counts only where it lies inside the parent's (an async child may outlive its parent);
# - only direct children count (a grandchild's time is inside its own parent already).
#
# ```python
# >>> self_times([{"id": "a", "parent": None, "name": "batch", "start": 0, "end": 100},
# ...             {"id": "b", "parent": "a", "name": "fetch 1", "start": 10, "end": 40},
# ...             {"id": "c", "parent": "a", "name": "fetch 2", "start": 20, "end": 50}])
# {'a': 60, 'b': 30, 'c': 30}
# ```

# %% [markdown] course={"kind": "hint"}
# Group the children by parent id. For one parent: clip each child to `[max(start, p_start), min(end, p_end)]`,
# drop empty ones, sort by start, and merge overlapping intervals while summing their lengths.

# %% [markdown] course={"kind": "hint"}
# The merge: keep `(cur_start, cur_end)`; for the next interval `(s, e)`, if `s <= cur_end` extend `cur_end =
# max(cur_end, e)`, else add `cur_end - cur_start` to the total and start a new current interval.

# %% course={"kind": "solution", "equivalent": {"m-a66e8f7b": "an empty interval (start == end) adds 0 to the union whether kept or dropped", "m-fc44042b": "intervals that only touch have the same total length merged or apart"}}
def self_times(rows: Sequence[Mapping[str, Any]]) -> dict[Any, int]:
    ### BEGIN SOLUTION
    by_id = {row["id"]: row for row in rows}
    children: dict[Any, list[tuple[int, int]]] = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is not None:
            start, end = max(row["start"], parent["start"]), min(row["end"], parent["end"])
            if start < end:
                children.setdefault(row["parent"], []).append((start, end))
    result = {}
    for row in rows:
        covered = 0
        current: tuple[int, int] | None = None
        for start, end in sorted(children.get(row["id"], [])):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
            else:
                if current is not None:
                    covered += current[1] - current[0]
                current = (start, end)
        if current is not None:
            covered += current[1] - current[0]
        result[row["id"]] = row["end"] - row["start"] - covered
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
BATCH_TRACE = [
    {"id": "a", "parent": None, "name": "batch", "start": 0, "end": 100},
    {"id": "b", "parent": "a", "name": "fetch 1", "start": 10, "end": 40},
    {"id": "c", "parent": "a", "name": "fetch 2", "start": 20, "end": 50},
]
assert self_times(BATCH_TRACE) == {"a": 60, "b": 30, "c": 30}, "parallel children: subtract their union (10..50)"

# %% course={"kind": "test", "points": 2}
report = [{"id": "a", "parent": None, "name": "GET /report", "start": 0, "end": 100},
          {"id": "b", "parent": "a", "name": "auth", "start": 0, "end": 10},
          {"id": "c", "parent": "a", "name": "query", "start": 10, "end": 90},
          {"id": "d", "parent": "c", "name": "SELECT", "start": 15, "end": 80}]
assert self_times(report) == {"a": 10, "b": 10, "c": 15, "d": 65}, "only direct children count"
outlives = [{"id": "p", "parent": None, "name": "enqueue", "start": 0, "end": 10},
            {"id": "q", "parent": "p", "name": "send async", "start": 5, "end": 500}]
assert self_times(outlives) == {"p": 5, "q": 495}, "a child counts only inside its parent's interval"
### BEGIN HIDDEN TESTS
got = self_times(BATCH_TRACE)
assert type(got) is dict and all(type(v) is int for v in got.values())
assert self_times([]) == {}
assert self_times([{"id": "x", "parent": None, "name": "x", "start": 3, "end": 7}]) == {"x": 4}
touching = [{"id": "r", "parent": None, "name": "r", "start": 0, "end": 100},
            {"id": "1", "parent": "r", "name": "1", "start": 10, "end": 20},
            {"id": "2", "parent": "r", "name": "2", "start": 20, "end": 30},
            {"id": "3", "parent": "r", "name": "3", "start": 40, "end": 45},
            {"id": "4", "parent": "r", "name": "4", "start": 41, "end": 44},
            {"id": "5", "parent": "r", "name": "5", "start": 90, "end": 130},
            {"id": "6", "parent": "r", "name": "6", "start": -20, "end": 5}]
assert self_times(touching)["r"] == 100 - (10 + 10 + 5 + 10 + 5), self_times(touching)
before_parent = [{"id": "r", "parent": None, "name": "r", "start": 50, "end": 60},
                 {"id": "c", "parent": "r", "name": "c", "start": 0, "end": 50},
                 {"id": "d", "parent": "r", "name": "d", "start": 60, "end": 70}]
assert self_times(before_parent) == {"r": 10, "c": 50, "d": 10}, "children wholly outside take nothing"
far_away = [{"id": "r", "parent": None, "name": "r", "start": 50, "end": 60},
            {"id": "c", "parent": "r", "name": "c", "start": 0, "end": 40},
            {"id": "d", "parent": "r", "name": "d", "start": 70, "end": 80}]
assert self_times(far_away) == {"r": 10, "c": 40, "d": 10}, "a child wholly outside (with a gap) takes nothing"
unordered = [BATCH_TRACE[2], BATCH_TRACE[1], BATCH_TRACE[0]]
assert self_times(unordered) == {"c": 30, "b": 30, "a": 60}
orphan = BATCH_TRACE + [{"id": "o", "parent": "lost", "name": "orphan", "start": 0, "end": 7}]
assert self_times(orphan) == {"a": 60, "b": 30, "c": 30, "o": 7}, "a span whose parent is missing still gets its own time"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
nested = [{"id": "r", "parent": None, "name": "r", "start": 0, "end": 1000}] + [
    {"id": i, "parent": "r", "name": f"c{i}", "start": i * 10, "end": i * 10 + 25} for i in range(50)]
assert self_times(nested)["r"] == 1000 - 515, "50 overlapping children: their union is 0..515"
### BEGIN HIDDEN TESTS
many = [{"id": "r", "parent": None, "name": "r", "start": 0, "end": 10**9}] + [
    {"id": i, "parent": "r", "name": str(i), "start": (i * 7919) % 10**6 * 1000, "end": (i * 7919) % 10**6 * 1000 + 500}
    for i in range(40_000)]
assert self_times(many)["r"] == 10**9 - 40_000 * 500, "40,000 children that never overlap"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sum-of-children"}
def self_times(rows):
    result = {row["id"]: row["end"] - row["start"] for row in rows}
    for row in rows:
        if row["parent"] in result:
            parent = next(p for p in rows if p["id"] == row["parent"])
            start, end = max(row["start"], parent["start"]), min(row["end"], parent["end"])
            result[row["parent"]] -= max(0, end - start)
    return result

# %% course={"kind": "wrong", "id": "keeps-negative-intervals", "fails": ["t2"]}
def self_times(rows):
    by_id = {row["id"]: row for row in rows}
    children = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is not None:  # clipped, but a child wholly outside becomes an interval with end < start
            children.setdefault(row["parent"], []).append(
                (max(row["start"], parent["start"]), min(row["end"], parent["end"])))
    result = {}
    for row in rows:
        covered, current = 0, None
        for start, end in sorted(children.get(row["id"], [])):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
            else:
                if current is not None:
                    covered += current[1] - current[0]
                current = (start, end)
        if current is not None:
            covered += current[1] - current[0]
        result[row["id"]] = row["end"] - row["start"] - covered
    return result

# %% course={"kind": "wrong", "id": "no-clipping", "fails": ["t2"]}
def self_times(rows):
    children = {}
    for row in rows:
        children.setdefault(row["parent"], []).append((row["start"], row["end"]))
    result = {}
    for row in rows:
        covered, current = 0, None
        for start, end in sorted(children.get(row["id"], [])):
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
            else:
                if current is not None:
                    covered += current[1] - current[0]
                current = (start, end)
        if current is not None:
            covered += current[1] - current[0]
        result[row["id"]] = row["end"] - row["start"] - covered
    return result

# %% [markdown] course={"kind": "exercise", "id": "zipkin-json", "item": "x-send-traces-to-jaeger"}
# ### Export spans in Zipkin's JSON format
#
# Zipkin's v2 API takes a JSON list of spans (`POST /api/v2/spans`), and Jaeger can be set up to accept the same
# format, so it is a common lowest denominator. We run neither here: the test posts your JSON to a local stand-in
# that only echoes what it receives. Write `to_zipkin(span)` turning a finished OpenTelemetry span into a dict
# with these keys and no others:
#
# - `traceId` (32 lowercase hex digits), `id` (16), and `parentId` (16) **only when the span has a parent**;
# - `name`; `kind`: `"CLIENT"`, `"SERVER"`, `"PRODUCER"` or `"CONSUMER"`, and **no** `kind` key for `INTERNAL`;
# - `timestamp`: the start in **microseconds** (the SDK's times are nanoseconds: divide, rounding down, as an
#   `int`); `duration`: the length in microseconds, rounded down, but at least 1;
# - `localEndpoint`: `{"serviceName": ...}` from the span's resource attribute `service.name`;
# - `tags`: every attribute as a **string** (`True` becomes `"true"`, `False` `"false"`, a list or tuple its items
#   converted the same way and joined with `","`, anything else `str(value)`); when the status is `ERROR`, also
#   the tag `"error"` with the status description (or `"true"` when it has none). Zipkin only asks for string
#   tags; how to write a list is our choice here (OpenTelemetry's own Zipkin exporter writes it as a JSON array,
#   `'["a","b"]'`).
#
# ```python
# >>> to_zipkin(span)   # a root CLIENT span "GET" of service "shop", 2.5 ms long, attribute retry=True
# {'traceId': '...', 'id': '...', 'name': 'GET', 'kind': 'CLIENT', 'timestamp': 1700000000000000,
#  'duration': 2500, 'localEndpoint': {'serviceName': 'shop'}, 'tags': {'retry': 'true'}}
# ```

# %% [markdown] course={"kind": "hint"}
# `span.get_span_context()` has `trace_id` and `span_id` (ints): `format(n, "032x")`. `span.parent` is `None` or
# a span context; `span.kind.name` is `"INTERNAL"`, `"CLIENT"`...; `span.start_time` and `span.end_time` are ns.

# %% [markdown] course={"kind": "hint"}
# Write one small `tag(value)` function: check `bool` **before** anything else (`str(True)` is `"True"`), then
# `list`/`tuple` (join the tags of the items), then `str(value)`.

# %% course={"kind": "solution"}
def to_zipkin(span: ReadableSpan) -> dict[str, Any]:
    ### BEGIN SOLUTION
    def tag(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return ",".join(tag(item) for item in value)
        return str(value)

    ids = span.get_span_context()
    start, end = span.start_time, span.end_time  # a finished span has both (nanoseconds)
    out: dict[str, Any] = {"traceId": format(ids.trace_id, "032x"), "id": format(ids.span_id, "016x")}
    if span.parent is not None:
        out["parentId"] = format(span.parent.span_id, "016x")
    out["name"] = span.name
    if span.kind is not SpanKind.INTERNAL:
        out["kind"] = span.kind.name
    out["timestamp"] = start // 1000
    out["duration"] = max(1, (end - start) // 1000)
    out["localEndpoint"] = {"serviceName": span.resource.attributes.get("service.name")}
    tags = {key: tag(value) for key, value in (span.attributes or {}).items()}
    if span.status.status_code is StatusCode.ERROR:
        tags["error"] = span.status.description or "true"
    out["tags"] = tags
    return out
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
with tracing(service="shop") as (tracer, exporter):
    with tracer.start_as_current_span("GET", kind=SpanKind.CLIENT, start_time=1_700_000_000_000_000_000,
                                      attributes={"retry": True}, end_on_exit=False) as root:
        pass
    root.end(end_time=1_700_000_000_002_500_000)
    done = exporter.get_finished_spans()[0]
    got = to_zipkin(done)
    assert got == {"traceId": hex_ids(done)[0], "id": hex_ids(done)[1], "name": "GET", "kind": "CLIENT",
                   "timestamp": 1_700_000_000_000_000, "duration": 2500, "localEndpoint": {"serviceName": "shop"},
                   "tags": {"retry": "true"}}, got
    assert type(got["timestamp"]) is int and type(got["duration"]) is int, "microseconds as int"

# %% course={"kind": "test", "points": 2}
with tracing(service="worker") as (tracer, exporter):
    with tracer.start_as_current_span("parent"):
        child = tracer.start_span("child", start_time=1_000_999, attributes={
            "ok": False, "n": 3, "ratio": 0.5, "tags": ["a", "b"], "flags": (True, False), "empty": ""})
        child.set_status(Status(StatusCode.ERROR, "timeout"))
        child.end(end_time=1_001_500)
    spans = by_name(exporter.get_finished_spans())
    got = to_zipkin(spans["child"])
    assert got["parentId"] == hex_ids(spans["parent"])[1], "parentId is the parent's span id"
    assert "kind" not in got and "kind" not in to_zipkin(spans["parent"]), "no kind key for INTERNAL spans"
    assert got["tags"] == {"ok": "false", "n": "3", "ratio": "0.5", "tags": "a,b", "flags": "true,false", "empty": "",
                           "error": "timeout"}, got["tags"]
    assert (got["timestamp"], got["duration"]) == (1000, 1), "rounded down; a duration under 1 µs becomes 1"
### BEGIN HIDDEN TESTS
    assert "parentId" not in to_zipkin(spans["parent"]), "a root span has no parentId"
    assert set(got) == {"traceId", "id", "parentId", "name", "timestamp", "duration", "localEndpoint", "tags"}
    for kind in [SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER]:
        one = tracer.start_span(kind.name.lower(), kind=kind, start_time=5_000, context=context.Context())
        one.set_status(Status(StatusCode.ERROR))
        one.end(end_time=5_000)
        z = to_zipkin(one)
        assert z["kind"] == kind.name and z["tags"] == {"error": "true"} and z["duration"] == 1 and z["timestamp"] == 5
        assert "parentId" not in z
    ok = tracer.start_span("fine", start_time=10_000, attributes={"x": 1})
    ok.set_status(Status(StatusCode.OK))
    ok.end(end_time=12_999)
    assert to_zipkin(ok)["tags"] == {"x": "1"} and to_zipkin(ok)["duration"] == 2
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with tracing(service="api") as (tracer, exporter), local_server(EchoHandler, seen=[]) as collector:
    with tracer.start_as_current_span("POST /predict", kind=SpanKind.SERVER, attributes={"model.version": 7}):
        with tracer.start_as_current_span("load features"):
            pass
    payload = json.dumps([to_zipkin(s) for s in exporter.get_finished_spans()]).encode()
    request = urllib.request.Request(base_url(collector) + "/api/v2/spans", data=payload, method="POST",
                                     headers={"Content-Type": "application/json"})
    with NO_PROXY.open(request, timeout=10) as response:
        received = json.loads(json.load(response)["body"])
    assert [z["name"] for z in received] == ["load features", "POST /predict"], "the spans travel as a JSON list"
    assert received[0]["parentId"] == received[1]["id"] and received[1]["tags"] == {"model.version": "7"}
    assert collector.seen[0][1:] == ("POST", "/api/v2/spans")

# %% course={"kind": "wrong", "id": "str-of-bool", "fails": ["t1", "t2"]}
def to_zipkin(span):
    ids = span.get_span_context()
    out = {"traceId": format(ids.trace_id, "032x"), "id": format(ids.span_id, "016x")}
    if span.parent is not None:
        out["parentId"] = format(span.parent.span_id, "016x")
    out["name"] = span.name
    if span.kind is not SpanKind.INTERNAL:
        out["kind"] = span.kind.name
    out["timestamp"] = span.start_time // 1000
    out["duration"] = max(1, (span.end_time - span.start_time) // 1000)
    out["localEndpoint"] = {"serviceName": span.resource.attributes.get("service.name")}
    out["tags"] = {key: str(value) for key, value in span.attributes.items()}  # "True", "('a', 'b')"
    if span.status.status_code is StatusCode.ERROR:
        out["tags"]["error"] = span.status.description or "true"
    return out

# %% course={"kind": "wrong", "id": "nanoseconds", "fails": ["t1", "t2"]}
def to_zipkin(span):
    def tag(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return ",".join(tag(item) for item in value)
        return str(value)

    ids = span.get_span_context()
    out = {"traceId": format(ids.trace_id, "032x"), "id": format(ids.span_id, "016x")}
    if span.parent is not None:
        out["parentId"] = format(span.parent.span_id, "016x")
    out["name"] = span.name
    if span.kind is not SpanKind.INTERNAL:
        out["kind"] = span.kind.name
    out["timestamp"] = span.start_time  # Zipkin wants microseconds
    out["duration"] = span.end_time - span.start_time
    out["localEndpoint"] = {"serviceName": span.resource.attributes.get("service.name")}
    out["tags"] = {key: tag(value) for key, value in span.attributes.items()}
    if span.status.status_code is StatusCode.ERROR:
        out["tags"]["error"] = span.status.description or "true"
    return out

# %% course={"kind": "wrong", "id": "internal-kind-kept"}
def to_zipkin(span):
    def tag(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return ",".join(tag(item) for item in value)
        return str(value)

    ids = span.get_span_context()
    parent = format(span.parent.span_id, "016x") if span.parent is not None else None
    tags = {key: tag(value) for key, value in span.attributes.items()}
    if span.status.status_code is StatusCode.ERROR:
        tags["error"] = span.status.description or "true"
    return {"traceId": format(ids.trace_id, "032x"), "id": format(ids.span_id, "016x"), "parentId": parent,
            "name": span.name, "kind": span.kind.name, "timestamp": span.start_time // 1000,
            "duration": max(1, (span.end_time - span.start_time) // 1000),
            "localEndpoint": {"serviceName": span.resource.attributes.get("service.name")}, "tags": tags}

# %% [markdown] course={"kind": "exercise", "id": "service-map", "item": "project-18-3-2"}
# ### Trace analyzer: a service dependency map with error counts
#
# Backends draw a "service map" from traces: an arrow from service A to service B whenever a span of A has a child
# span of B. Write `service_calls(rows)`, where each row is a span as in the problems above plus `"service"` (its
# `service.name`) and `"error"` (a `bool`: the span's status is `ERROR`), possibly from many traces:
#
# - for every span whose parent is in `rows` and belongs to a **different** service, count one call
#   `parent's service -> span's service`, and one error on that arrow when the *child* span has `"error": True`;
# - spans whose parent is missing (lost, or not fetched) are skipped; calls inside one service are not arrows;
# - return a `list` of `(caller, callee, calls, errors)` tuples sorted by caller, then callee.
#
# ```python
# >>> service_calls([
# ...     {"id": "1", "parent": None, "service": "web", "error": False, ...},
# ...     {"id": "2", "parent": "1", "service": "orders", "error": True, ...},
# ...     {"id": "3", "parent": "1", "service": "orders", "error": False, ...},
# ...     {"id": "4", "parent": "3", "service": "orders", "error": False, ...}])
# [('web', 'orders', 2, 1)]
# ```

# %% [markdown] course={"kind": "hint"}
# First a dict from span id to its row, so a parent is found in one step. Then a dict from
# `(caller, callee)` to `[calls, errors]`.

# %% [markdown] course={"kind": "hint"}
# `sorted(counts.items())` sorts by the `(caller, callee)` key; build the tuples from it. `True` counts as 1
# in a sum, but an explicit `if row["error"]:` reads better.

# %% course={"kind": "solution"}
def service_calls(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, int, int]]:
    ### BEGIN SOLUTION
    by_id = {row["id"]: row for row in rows}
    counts: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is None or parent["service"] == row["service"]:
            continue
        entry = counts.setdefault((parent["service"], row["service"]), [0, 0])
        entry[0] += 1
        if row["error"]:
            entry[1] += 1
    return [(caller, callee, calls, errors) for (caller, callee), (calls, errors) in sorted(counts.items())]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def span_row(id_, parent, service, error=False):
    return {"id": id_, "parent": parent, "name": f"{service} work", "service": service, "start": 0, "end": 1,
            "error": error}


SHOP = [span_row("1", None, "web"), span_row("2", "1", "orders", True), span_row("3", "1", "orders"),
        span_row("4", "3", "orders")]
assert service_calls(SHOP) == [("web", "orders", 2, 1)], service_calls(SHOP)

# %% course={"kind": "test", "points": 2}
rows = SHOP + [span_row("5", "4", "db"), span_row("6", "1", "auth", True), span_row("7", "6", "db", True),
               span_row("8", "missing", "cache", True), span_row("9", None, "batch"), span_row("10", "9", "db")]
assert service_calls(rows) == [("auth", "db", 1, 1), ("batch", "db", 1, 0), ("orders", "db", 1, 0),
                               ("web", "auth", 1, 1), ("web", "orders", 2, 1)], service_calls(rows)
### BEGIN HIDDEN TESTS
assert service_calls([]) == [] and service_calls([span_row("a", None, "x")]) == []
assert service_calls([span_row("a", None, "x"), span_row("b", "a", "x", True)]) == [], "inside one service: no arrow"
got = service_calls(rows)
assert type(got) is list and all(type(t) is tuple and len(t) == 4 for t in got)
assert all(type(t[2]) is int and type(t[3]) is int for t in got), "counts are ints"
back = [span_row("p", None, "a"), span_row("q", "p", "b"), span_row("r", "q", "a", True), span_row("s", "r", "b", True)]
assert service_calls(back) == [("a", "b", 2, 1), ("b", "a", 1, 1)], "both directions are separate arrows"
errors_on_parent = [span_row("p", None, "a", True), span_row("q", "p", "b")]
assert service_calls(errors_on_parent) == [("a", "b", 1, 0)], "the error counts only when the CHILD failed"
before = [dict(r) for r in rows]
service_calls(rows)
assert rows == before, "the rows are not changed"
many = [span_row("root", None, "gateway")] + [span_row(f"c{i}", "root", f"svc{i % 7}", i % 3 == 0) for i in range(7000)]
assert service_calls(many) == [("gateway", f"svc{k}", 1000, sum(1 for i in range(k, 7000, 7) if i % 3 == 0))
                               for k in range(7)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "self-calls-counted", "fails": ["t1", "t2"]}
def service_calls(rows):
    by_id = {row["id"]: row for row in rows}
    counts = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is None:
            continue
        entry = counts.setdefault((parent["service"], row["service"]), [0, 0])
        entry[0] += 1
        entry[1] += 1 if row["error"] else 0
    return [(a, b, c, e) for (a, b), (c, e) in sorted(counts.items())]

# %% course={"kind": "wrong", "id": "parent-error"}
def service_calls(rows):
    by_id = {row["id"]: row for row in rows}
    counts = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is None or parent["service"] == row["service"]:
            continue
        entry = counts.setdefault((parent["service"], row["service"]), [0, 0])
        entry[0] += 1
        entry[1] += 1 if parent["error"] else 0  # blames the caller
    return [(a, b, c, e) for (a, b), (c, e) in sorted(counts.items())]

# %% course={"kind": "wrong", "id": "first-seen-order", "fails": ["t2"]}
def service_calls(rows):
    by_id = {row["id"]: row for row in rows}
    counts = {}
    for row in rows:
        parent = by_id.get(row["parent"])
        if parent is None or parent["service"] == row["service"]:
            continue
        entry = counts.setdefault((parent["service"], row["service"]), [0, 0])
        entry[0] += 1
        entry[1] += 1 if row["error"] else 0
    return [(a, b, c, e) for (a, b), (c, e) in counts.items()]

# %% [markdown] course={"kind": "exercise", "id": "wsgi-middleware", "item": "project-18-3-1"}
# ### Tracing middleware for a WSGI app
#
# This is what an auto-instrumentation package does for a web framework, written by hand. WSGI is the interface
# under Flask and Django: an app is `app(environ, start_response)` returning an iterable of `bytes`, and request
# headers arrive in `environ` as `HTTP_<NAME>` (`traceparent` is `HTTP_TRACEPARENT`). Write
# `tracing_middleware(app, tracer)` returning a WSGI app that, for each request:
#
# - **continues the caller's trace**: extract the context from the request headers (so the caller's sampling
#   decision is kept too: an unsampled caller means no span is recorded);
# - runs a `SERVER` span named `"<METHOD> <route>"`, where the route is the path with every segment made only of
#   digits replaced by `{id}` (`/users/42/orders` becomes `/users/{id}/orders`: span names must not contain ids),
#   with `http.request.method`, `url.path` (the real path), `http.route`, and, once the app calls
#   `start_response`, `http.response.status_code` (an `int`), and no other attributes; a 5xx status sets the
#   span status `ERROR` and `error.type` to the code as a string;
# - keeps the span **current while the app runs and while its body is produced** (a body can be a generator that
#   does work lazily), returns the body as a `list` of `bytes`, and calls the body's `close()` when it has one;
# - when the app raises, the exception goes on to the server, the span gets `ERROR` and `error.type` (the class's
#   `__qualname__`).
#
# ```python
# >>> traced_app = tracing_middleware(app, tracer)
# >>> traced_app({"REQUEST_METHOD": "GET", "PATH_INFO": "/users/42", "HTTP_TRACEPARENT": "00-...-01"}, start_response)
# [b'hello']            # one SERVER span "GET /users/{id}", a child of the caller's span
# ```

# %% [markdown] course={"kind": "hint"}
# The headers: `{key[5:].lower().replace("_", "-"): value for key, value in environ.items() if
# key.startswith("HTTP_")}` gives `{"traceparent": ...}`, ready for `propagate.extract(...)`; pass the result as
# `context=` when you start the span.

# %% [markdown] course={"kind": "hint"}
# Give the app your own `start_response(status, headers, *rest)` that reads `int(status.split()[0])`, sets the
# attributes and calls the real one. Inside the span: `body = app(environ, my_start_response)`, then
# `try: return list(body)` / `finally:` call `body.close()` if it exists.

# %% course={"kind": "solution"}
def tracing_middleware(app: Callable[..., Iterable[bytes]], tracer: trace.Tracer) -> Callable[..., list[bytes]]:
    ### BEGIN SOLUTION
    def traced_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        headers = {key[5:].lower().replace("_", "-"): value for key, value in environ.items() if key.startswith("HTTP_")}
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        route = "/".join("{id}" if part.isdigit() else part for part in path.split("/"))
        attributes = {"http.request.method": method, "url.path": path, "http.route": route}
        with tracer.start_as_current_span(f"{method} {route}", context=propagate.extract(headers),
                                          kind=SpanKind.SERVER, attributes=attributes) as span:
            def recording_start_response(status: str, response_headers: Any, *rest: Any) -> Any:
                code = int(status.split()[0])
                span.set_attribute("http.response.status_code", code)
                if code >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                    span.set_attribute("error.type", str(code))
                return start_response(status, response_headers, *rest)

            try:
                body = app(environ, recording_start_response)
                try:
                    return list(body)
                finally:
                    if hasattr(body, "close"):
                        body.close()
            except Exception as error:
                span.set_attribute("error.type", type(error).__qualname__)
                raise

    return traced_app
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def hello_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


def wsgi_call(app, path="/", method="GET", **headers):
    """Call a WSGI app the way a server would; returns (status line, body list)."""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"}
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    answered = []
    body = app(environ, lambda status, response_headers, *rest: answered.append(status))
    return answered[0], body


CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
with tracing() as (tracer, exporter):
    status, body = wsgi_call(tracing_middleware(hello_app, tracer), "/users/42", traceparent=CALLER)
    assert (status, body) == ("200 OK", [b"hello"]) and type(body) is list, (status, body)
    span = exporter.get_finished_spans()[0]
    assert span.name == "GET /users/{id}" and span.kind is SpanKind.SERVER, (span.name, span.kind)
    assert hex_ids(span)[0] == "4bf92f3577b34da6a3ce929d0e0e4736" and hex_ids(span)[2] == "00f067aa0ba902b7", (
        "continue the caller's trace: the span's parent is the traceparent's parent id")
    assert dict(span.attributes) == {"http.request.method": "GET", "url.path": "/users/42", "http.route": "/users/{id}",
                                     "http.response.status_code": 200}, dict(span.attributes)

# %% course={"kind": "test", "points": 2}
def failing_app(environ, start_response):
    start_response("503 Service Unavailable", [])
    return [b"later"]


def not_found_app(environ, start_response):
    start_response("404 Not Found", [])
    return [b"?"]


with tracing() as (tracer, exporter):
    wsgi_call(tracing_middleware(failing_app, tracer), "/", method="POST")
    wsgi_call(tracing_middleware(not_found_app, tracer), "/a1/2024/x")
    unavailable, missing = exporter.get_finished_spans()
    assert unavailable.status.status_code is StatusCode.ERROR and unavailable.attributes["error.type"] == "503"
    assert missing.status.status_code is StatusCode.UNSET and "error.type" not in missing.attributes, (
        "a 404 is the client's problem: the server span stays UNSET")
    assert (unavailable.name, missing.name) == ("POST /", "GET /a1/{id}/x"), "only all-digit segments become {id}"
### BEGIN HIDDEN TESTS
    assert unavailable.parent is None, "no traceparent: a new trace"
    assert missing.attributes["http.response.status_code"] == 404 and type(missing.attributes["http.response.status_code"]) is int
    for code, error in [(499, False), (500, True), (599, True)]:
        def app(environ, start_response, code=code):
            start_response(f"{code} Whatever", [])
            return []
        assert wsgi_call(tracing_middleware(app, tracer), "/")[1] == []
        last = exporter.get_finished_spans()[-1]
        assert (last.status.status_code is StatusCode.ERROR) is error and ("error.type" in last.attributes) is error
    wsgi_call(tracing_middleware(hello_app, tracer), "/v2/models/007/ab12")
    assert exporter.get_finished_spans()[-1].name == "GET /v2/models/{id}/ab12"
    assert exporter.get_finished_spans()[-1].attributes["url.path"] == "/v2/models/007/ab12"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tracing() as (tracer, exporter):
    closed = []

    class Body:
        def __iter__(self):
            with tracer.start_as_current_span("render"):
                yield b"a"
            yield b"b"

        def close(self):
            closed.append(True)

    def lazy_app(environ, start_response):
        start_response("200 OK", [])
        return Body()

    _, body = wsgi_call(tracing_middleware(lazy_app, tracer), "/report")
    assert body == [b"a", b"b"] and closed == [True], "the body is returned as a list, and its close() is called"
    spans = by_name(exporter.get_finished_spans())
    assert hex_ids(spans["render"])[2] == hex_ids(spans["GET /report"])[1], (
        "the span must stay current while the body is produced")
### BEGIN HIDDEN TESTS
    def exploding(environ, start_response):
        raise ZeroDivisionError("no data")

    try:
        wsgi_call(tracing_middleware(exploding, tracer), "/boom")
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("the app's exception must reach the server")
    boom = exporter.get_finished_spans()[-1]
    assert boom.status.status_code is StatusCode.ERROR and boom.attributes["error.type"] == "ZeroDivisionError"
    def generator_app(environ, start_response):
        start_response("200 OK", [])
        yield b"x"
    assert wsgi_call(tracing_middleware(generator_app, tracer), "/")[1] == [b"x"], "a generator body has close() too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with tracing(sampler=ParentBased(ALWAYS_ON)) as (tracer, exporter):
    unsampled = CALLER[:-2] + "00"
    assert wsgi_call(tracing_middleware(hello_app, tracer), "/", traceparent=unsampled)[1] == [b"hello"]
    assert exporter.get_finished_spans() == (), "the caller did not sample this trace: record nothing"
### BEGIN HIDDEN TESTS
    wsgi_call(tracing_middleware(hello_app, tracer), "/", traceparent="garbage")
    assert [s.parent for s in exporter.get_finished_spans()] == [None], "a bad traceparent starts a new trace"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-lazy-body", "fails": ["t3"]}
def tracing_middleware(app, tracer):
    def traced_app(environ, start_response):
        headers = {k[5:].lower().replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        route = "/".join("{id}" if part.isdigit() else part for part in path.split("/"))
        with tracer.start_as_current_span(f"{method} {route}", context=propagate.extract(headers), kind=SpanKind.SERVER,
                                          attributes={"http.request.method": method, "url.path": path,
                                                      "http.route": route}) as span:
            def recording(status, response_headers, *rest):
                code = int(status.split()[0])
                span.set_attribute("http.response.status_code", code)
                if code >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                    span.set_attribute("error.type", str(code))
                return start_response(status, response_headers, *rest)

            return app(environ, recording)  # the body is produced after the span ended
    return traced_app

# %% course={"kind": "wrong", "id": "ignores-caller"}
def tracing_middleware(app, tracer):
    def traced_app(environ, start_response):
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        route = "/".join("{id}" if part.isdigit() else part for part in path.split("/"))
        with tracer.start_as_current_span(f"{method} {route}", kind=SpanKind.SERVER, attributes={
                "http.request.method": method, "url.path": path, "http.route": route}) as span:
            def recording(status, response_headers, *rest):
                code = int(status.split()[0])
                span.set_attribute("http.response.status_code", code)
                if code >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                    span.set_attribute("error.type", str(code))
                return start_response(status, response_headers, *rest)

            body = app(environ, recording)
            try:
                return list(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
    return traced_app

# %% course={"kind": "wrong", "id": "raw-path-name"}
def tracing_middleware(app, tracer):
    def traced_app(environ, start_response):
        headers = {k[5:].lower().replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        with tracer.start_as_current_span(f"{method} {path}", context=propagate.extract(headers), kind=SpanKind.SERVER,
                                          attributes={"http.request.method": method, "url.path": path,
                                                      "http.route": path}) as span:
            def recording(status, response_headers, *rest):
                code = int(status.split()[0])
                span.set_attribute("http.response.status_code", code)
                if code >= 400:
                    span.set_status(Status(StatusCode.ERROR))
                    span.set_attribute("error.type", str(code))
                return start_response(status, response_headers, *rest)

            body = app(environ, recording)
            try:
                return list(body)
            finally:
                if hasattr(body, "close"):
                    body.close()
    return traced_app

# %% [markdown] course={"kind": "task", "id": "tracing-middleware-project", "points": 3, "item": "project-18-3-1"}
# ### Project: tracing middleware for a real service
#
# Turn `tracing_middleware` into a small package for one of your services (WSGI or ASGI): auto-instrument every
# request (span name from the framework's route template when it has one), let the app add custom attributes
# (`current_span().set_attribute(...)` from a handler), propagate the context on the outgoing calls the service
# makes (wrap its HTTP client with `call_service`-style injection), record errors (exception events, `error.type`,
# 5xx as `ERROR`), and read the sampling configuration from the environment (`OTEL_TRACES_SAMPLER=parentbased_traceidratio`,
# `OTEL_TRACES_SAMPLER_ARG=0.1`), with the in-memory exporter in tests and an OTLP exporter in production.

# %% [markdown] course={"kind": "rubric"}
# - a test sends a request with a `traceparent` and checks the server span's parent and the outgoing call's header (1)
# - span names use route templates, never raw ids; errors and 5xx are `ERROR`, 4xx are not on the server side (1)
# - the sampler comes from configuration and `ParentBased` is used; the global provider is set once at start-up only (1)

# %% [markdown] course={"kind": "task", "id": "trace-analyzer-project", "points": 3, "item": "project-18-3-2"}
# ### Project: a trace analyzer report
#
# Build a command-line tool that reads traces as rows (from a JSON file exported from a backend's API, or from
# `as_rows(exporter.get_finished_spans())`), groups them by trace id, and prints a report: the slowest traces, for
# each the slowest branch (`slowest_branch`) and the spans with the largest self time (`self_times`); the service
# map with call and error counts (`service_calls`); and the most frequent error patterns (the same span name and
# `error.type` across traces). Output as a Markdown table so the report can be pasted into an incident ticket.

# %% [markdown] course={"kind": "rubric"}
# - the analysis functions are pure and tested on hand-made rows, including parallel children and missing parents (1)
# - the report names where the time went (self time, not only duration) and which service edges fail most (1)
# - error patterns group by span name and error type, with counts and one example trace id each (1)

# %% [markdown] course={"kind": "answer", "question": "q-what-is-distributed-tracing"}
# Recording the path of one request through every service it touches, as a tree of timed spans that share one
# trace id, with parent links between a caller's span and the spans of the work it caused. It answers what logs
# and metrics cannot easily: *where* the latency of this request went, which service called which, and where an
# error started. It needs context propagation between services, and it is usually sampled because recording
# everything is expensive.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-context-propagation-work"}
# Inside a process the current span lives in a context (in Python a `contextvars.ContextVar`), so new spans become
# its children automatically; code that hops threads must carry the context itself (a thread pool does not copy
# it). Between processes the caller **injects** the context into the outgoing request, for HTTP the W3C
# `traceparent` header (version, trace id, the caller's span id, sampled flag) plus `tracestate` and `baggage`; the
# receiver **extracts** it and starts its server span as a child. Message queues do the same with message headers.
# Every hop must do both halves, or the trace breaks into pieces.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-opentelemetry"}
# The CNCF's vendor-neutral standard for telemetry: APIs and SDKs for many languages for traces, metrics and logs,
# semantic conventions for attribute names, the OTLP protocol, auto-instrumentation for common libraries, and the
# Collector to receive, process and forward data to any backend (Jaeger, Zipkin, Tempo, X-Ray, Cloud Trace,
# commercial tools). Libraries instrument against the API, which is a no-op until the application installs and
# configures the SDK (resource, sampler, processors, exporters), so changing backends is configuration, not code.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-trace-sampling"}
# Head sampling in the SDK for a base rate: `ParentBased(TraceIdRatioBased(r))` at the entry services, so the
# decision is made once, derived from the trace id, and followed downstream through the `sampled` flag: traces stay
# whole. Then tail sampling in a Collector for what matters most: keep every trace with an error or above a latency
# threshold, plus a small share of normal ones, at the price of buffering spans of a trace in one place until it is
# complete. Rate limiting caps cost during spikes. Record the sampling rate so counts can be scaled back, and use
# metrics (not sampled traces) for exact rates and percentiles.
