# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can set up `structlog` so a service writes one JSON event per line with the
# request's correlation id in it (across threads and asyncio tasks), keep secrets out of those lines, keep noisy
# logs from flooding the pipeline, and work like a log shipper and an analyst: tail a file that rotates, parse mixed
# formats, query events and turn them into an error rate. Section 8.3 taught `logging` itself; this one is about
# running logs in production.

# %% course={"kind": "setup", "id": "log-helpers"}
# What the demos and tests share. Everything here is real Python and real files: `structlog` 26 and the standard
# `logging` module. No Elasticsearch, Loki, Fluent Bit or cloud service runs here: those are described in tables,
# and the "index" demo uses SQLite's full-text search as a small stand-in. `FakeClock` moves only when told, so
# time-based tests never depend on the machine; `scratch_dir` is a temporary folder removed at exit;
# `unclosed_files()` lists the files a block opened and dropped without closing.
import asyncio
import contextvars
import io
import json
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import structlog

from course.runtime.aio import run
from course.runtime.clock import FakeClock
from course.runtime.logs import fresh_logger, release_logger
from course.runtime.nosql import log_index
from course.runtime.scratch import scratch_dir
from course.runtime.threads import Background, settled
from course.runtime.unclosed import unclosed_files

# The correlation-id exercise's variable (given to the learner).
REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
LEVELS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every non-empty line of ``text`` read as JSON (for demos and tests)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def keys_in_order(line: str) -> list[str]:
    """The keys of one JSON line in the order they were written (``json.loads`` keeps it)."""
    return list(json.loads(line))


# %% [markdown] course={"kind": "lesson", "id": "production-logging", "covers": ["c-production-logging", "c-structured-logging-65a5d5", "c-log-levels-in-production", "c-log-aggregation", "c-log-retention"]}
# ### Production logging: events for machines first, people second
#
# On your laptop a log is something you read. In production nobody reads it line by line: thousands of lines a
# second from dozens of pods go to a **log aggregation** system (Elasticsearch, Loki, CloudWatch...) where people
# *query* them during an incident. That changes what a good line is:
#
# - **structured**: one event per line with named fields (`{"event": "payment failed", "order_id": 42}`), so a
#   query can say `order_id = 42` instead of guessing a regular expression;
# - **levels as a policy** the whole team shares, because alerts and costs hang on them:
#
# | level | in production means | who looks |
# |---|---|---|
# | `DEBUG` | internals; normally off, switched on for one service while debugging | the developer, briefly |
# | `INFO` | one line per meaningful business event (request served, job finished) | dashboards, investigations |
# | `WARNING` | something odd that the code handled (a retry, a fallback, a slow call) | trends |
# | `ERROR` | this request or job failed | alerts on the *rate* |
# | `CRITICAL` | the service cannot go on | paging |
#
# - **retention** is a decision, not a default: hot searchable storage for days (expensive), cheap archive (object
#   storage) for months when audits or regulations ask for it, then deletion. Stores do this with index lifecycle
#   policies (Elasticsearch ILM), retention periods (Loki, a CloudWatch log group's retention setting) or bucket
#   lifecycle rules.
#
# **The one thing people get wrong:** logging for the reader at the terminal (`f"user {u} failed to pay {n}"`):
# the numbers are then inside a sentence, every line is unique, and neither counting nor grouping works. The demo
# writes the same event both ways and shows what a machine can do with each.

# %% course={"kind": "demo"}
events = [("ana", 42, 19.99), ("bo", 43, 5.00), ("ana", 44, 7.50)]
prose = [f"user {user} failed to pay order {order} ({amount} EUR)" for user, order, amount in events]
structured = [json.dumps({"event": "payment failed", "user": u, "order_id": o, "amount": a}) for u, o, a in events]
print("prose lines, distinct messages:     ", len(set(prose)))
print("structured lines, distinct events:  ", len({json.loads(line)["event"] for line in structured}))
print("failures for ana (one field test):  ", [json.loads(line)["order_id"] for line in structured if json.loads(line)["user"] == "ana"])
print("sum of failed amounts:              ", round(sum(json.loads(line)["amount"] for line in structured), 2))

# %% [markdown] course={"kind": "lesson", "id": "structlog-json", "covers": ["c-structured-logging-7950b0", "c-structlog-library", "c-json-logging"]}
# ### `structlog`: a pipeline of processors ending in JSON
#
# `structlog` builds each event as a **dict** and passes it through a list of **processors**, plain functions
# `processor(logger, method_name, event_dict) -> event_dict`; the last one, the *renderer*, turns the dict into the
# line (`JSONRenderer()` for production, `ConsoleRenderer()` for a developer's terminal). Useful ones:
# `add_log_level`, `TimeStamper(fmt="iso", utc=True)`, `format_exc_info` (turns `exc_info` into an `exception`
# string), `structlog.contextvars.merge_contextvars` (adds what was bound for this request, next lesson).
#
# Two ways to set it up: `structlog.configure(...)` once at start-up for the whole process (what an application
# does), or `structlog.wrap_logger(sink, processors=[...])` for one logger (what a library, a test or this notebook
# does, so nothing global changes). `make_filtering_bound_logger("info")` gives a logger class whose `debug` calls
# return at once: filtered before any processor runs, so a disabled level costs almost nothing.
#
# **The one thing people get wrong:** putting variable data in the event name (`log.info(f"user {u} logged in")`):
# keep the event a constant string and the data in keyword arguments. The demo adds a processor of our own (a
# fixed timestamp so the output is the same on every run) and shows the debug call disappearing.

# %% course={"kind": "demo"}
def fixed_time(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    event_dict["ts"] = "2026-12-01T10:00:00Z"  # a real service uses structlog.processors.TimeStamper(fmt="iso", utc=True)
    return event_dict


sink = io.StringIO()
demo_log = structlog.wrap_logger(
    structlog.PrintLogger(file=sink),
    processors=[structlog.processors.add_log_level, fixed_time, structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer()],
    wrapper_class=structlog.make_filtering_bound_logger("info"),
).bind(service="checkout")
demo_log.debug("cache lookup", key="cart:7")  # below INFO: dropped before any processor runs
demo_log.info("order placed", order_id=7, items=3)
try:
    {}["missing"]
except KeyError:
    demo_log.exception("order failed", order_id=8)
for line in sink.getvalue().splitlines():
    print(line[:150])

# %% [markdown] course={"kind": "lesson", "id": "context", "covers": ["c-context-propagation", "c-correlation-ids"]}
# ### Context propagation and correlation ids
#
# A **correlation id** (request id) is one value made when a request enters the system (or read from the incoming
# `X-Request-ID` / `traceparent` header) and put on every log line that request causes, in every service it
# touches. During an incident you find one failing line, take its id, and query all lines with that id: the whole
# story of one request out of millions.
#
# Passing the id as an argument to every function is not practical, and a global variable is wrong as soon as two
# requests run at once. Python's answer is `contextvars.ContextVar`: each asyncio **task** starts with a *copy* of
# the context of the code that created it, so a value set inside one task is invisible to the others.
# `structlog.contextvars.bind_contextvars(request_id=...)` stores fields in such a variable and `merge_contextvars`
# adds them to every event. Threads are different: a new `threading.Thread` starts with an empty context (the demo
# shows it; so it is on Python 3.11 to 3.13 and on the usual build of 3.14. Python 3.14 adds an option,
# `-X thread_inherit_context`, on by default only in its free-threaded build, that lets new threads start with a
# copy of their creator's context), so code that hands work to a thread carries the context itself with
# `contextvars.copy_context().run(fn)` (`asyncio.to_thread` does that for you).

# %% course={"kind": "demo"}
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("demo_request_id", default=None)
seen: list[tuple[str, str | None]] = []


async def serve_request(rid: str) -> None:
    request_id.set(rid)
    await asyncio.sleep(0)  # let the other requests run in between
    seen.append((rid, request_id.get()))


async def main() -> None:
    await asyncio.gather(*(serve_request(f"req-{n}") for n in range(3)))


run(main())
print("each task saw its own id:", seen)
request_id.set("req-main")
plain: list[str | None] = []
worker = threading.Thread(target=lambda: plain.append(request_id.get()))
worker.start(); worker.join()
carried: list[str | None] = []
ctx = contextvars.copy_context()
worker = threading.Thread(target=lambda: ctx.run(lambda: carried.append(request_id.get())))
worker.start(); worker.join()
print("a new thread sees:", plain, "| with copy_context().run:", carried)

# %% [markdown] course={"kind": "lesson", "id": "shipping", "covers": ["c-log-shipping", "c-filebeat-fluentd-basics", "c-direct-shipping", "c-log-buffering"]}
# ### Log shipping: from the process to the store
#
# The **twelve-factor** view: routing and storing logs is the platform's job, not the app's. The app prints each
# event to **stdout** as it happens (no files, no buffering of its own) and something outside collects it. In
# Kubernetes the container runtime saves each container's stdout in a file on the node (under `/var/log/pods/`,
# with links in `/var/log/containers/`), and a **shipper** running on every node (a DaemonSet) tails those files
# and sends batches onwards. On plain virtual machines the app may write to a file with rotation
# (`RotatingFileHandler`, or `logrotate`) and the shipper tails that file.
#
# | way | how | good | watch out |
# |---|---|---|---|
# | stdout + node agent | Fluent Bit, Fluentd, Filebeat, Vector, Promtail/Alloy tail files, parse, add metadata (pod, namespace), batch and send | app stays simple; survives app crashes | the agent must follow rotation and remember its position (offset file) |
# | file + agent | app writes a rotating file | works without containers | disk fills if the agent stops |
# | direct shipping | the app sends over HTTP/TCP to the store (CloudWatch `PutLogEvents`, Elasticsearch `_bulk`, an OTLP exporter) | no agent | a slow or down store slows or breaks the app unless sending is buffered and off the request path |
#
# **Buffering** is everywhere: agents batch lines (by count or by time) and keep a buffer in memory or on disk for
# when the store is down; an app that ships directly should put records in a queue and send from another thread
# (`QueueHandler` + `QueueListener`, section 8.3). The one thing people get wrong: a tail that forgets rotation.
# When the file is renamed to `app.log.1` and a new `app.log` appears, a naive reader keeps reading the old file
# (or, after truncation, waits for an offset that will never be reached) and silently ships nothing. An exercise
# below builds a tail reader that gets this right. The demo shows what the position check sees on real files.

# %% course={"kind": "demo"}
folder = scratch_dir("logs-18-1-demo")
log_path = folder / "app.log"
log_path.write_text("one\ntwo\n", encoding="utf-8")
before = os.stat(log_path)
log_path.rename(folder / "app.log.1")  # what RotatingFileHandler and logrotate do
log_path.write_text("three\n", encoding="utf-8")
after = os.stat(log_path)
print("same file after rotation?", (before.st_dev, before.st_ino) == (after.st_dev, after.st_ino))
print("offset we had:", before.st_size, "| size of the new file:", after.st_size, "-> the size alone cannot tell")

# %% [markdown] course={"kind": "lesson", "id": "elk-cloud", "covers": ["c-elk-stack-integration", "c-elasticsearch-basics", "c-logstash-patterns", "c-kibana-queries", "c-cloud-logging", "c-cloudwatch-logs", "c-google-cloud-logging", "c-azure-monitor-logs"]}
# ### Where logs go: ELK, Loki and the clouds
#
# **ELK** is Elasticsearch (stores JSON *documents* in *indices*, for logs often one per day such as `logs-2026.12.01`
# or a data stream that rolls over to a new index by size or age,
# with an inverted index over every word so full-text search is fast), Logstash (a pipeline: `input` → `filter` →
# `output`; its `grok` filter turns plain lines into fields with named patterns such as
# `%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:msg}`) and Kibana (the UI; queries in KQL such as
# `level:error and service:"checkout"`). Shipping to it means sending documents to the `_bulk` API in batches.
# **Loki** (Grafana) indexes only a few labels and greps the rest: `{app="checkout"} |= "timeout" | json | level="error"`.
#
# | service | unit of storage | query language | notes |
# |---|---|---|---|
# | Elasticsearch / OpenSearch | index of JSON documents | KQL / Lucene, ES\|QL | full-text index: fast search, large storage |
# | Grafana Loki | streams by labels | LogQL | cheap storage, keep labels few (not user ids) |
# | AWS CloudWatch Logs | log group → log streams | Logs Insights (`fields @timestamp, @message \| filter level = "error"`) | retention set per log group; metric filters turn matches into metrics |
# | Google Cloud Logging | log entries per project | Logging query language (`severity>=ERROR`) | JSON printed to stdout on GKE/Cloud Run becomes a structured entry |
# | Azure Monitor Logs | Log Analytics workspace tables | KQL (Kusto) | `AppTraces \| where SeverityLevel >= 3` |
#
# Nothing here runs those servers. The demo shows the core idea of a search index with SQLite's FTS5, a real
# full-text index (`log_index` from `course.runtime.nosql`): it finds lines by *words* without scanning, and ranks
# them, which is what Elasticsearch does at a much larger scale, spread over shards. It is not Elasticsearch: no
# fields, no distribution, no analyzers beyond splitting words.

# %% course={"kind": "demo"}
index = log_index([
    ("web-1", "GET /cart 200 in 12 ms"),
    ("web-2", "payment timeout after 3000 ms for order 42"),
    ("web-1", "GET /health 200 in 1 ms"),
    ("web-3", "database timeout on connect"),
])
rows = index.execute("SELECT rowid, host, message FROM logs WHERE logs MATCH ? ORDER BY rank", ("timeout",)).fetchall()
for row in rows:
    print(row)
print("both words:", index.execute("SELECT host FROM logs WHERE logs MATCH 'timeout AND order'").fetchall())
index.close()

# %% [markdown] course={"kind": "lesson", "id": "analysis", "covers": ["c-log-analysis", "c-parsing-log-files", "c-pattern-extraction", "c-anomaly-detection"]}
# ### Log analysis: parse, group by pattern, spot what is unusual
#
# Real log files are mixed: JSON from new services, plain text from old ones, a few corrupt lines (a crash in the
# middle of a write). A parser must read both, **skip and count** what it cannot read (never crash on line 1,000,000),
# and normalise levels and times. **Pattern extraction** replaces the variable parts of a message (numbers, ids,
# addresses) with placeholders so that `timeout after 3000 ms` and `timeout after 2999 ms` count as one pattern:
# the ten most common patterns are the quickest summary of a log. **Anomaly detection** at its simplest compares a
# count in the current window with the usual counts: a pattern never seen before, or an error count far above
# its recent average. The demo extracts patterns with three regular expressions.

# %% course={"kind": "demo"}
messages = ["timeout after 3000 ms for order 42", "timeout after 2999 ms for order 7",
            "user 9f3a2c1b logged in from 10.0.0.7", "user 77aa01ff logged in from 10.0.0.9",
            "disk full on /var"]
PLACEHOLDERS = [(re.compile(r"\b\d+\.\d+\.\d+\.\d+\b"), "<IP>"), (re.compile(r"\b[0-9a-f]*\d[0-9a-f]*\b"), "<ID>")]


def pattern_of(message: str) -> str:
    for regex, placeholder in PLACEHOLDERS:
        message = regex.sub(placeholder, message)
    return message


counts: dict[str, int] = {}
for message in messages:
    counts[pattern_of(message)] = counts.get(pattern_of(message), 0) + 1
for pattern, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(count, pattern)

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-what-to-log", "c-log-sampling", "c-pii-handling", "c-log-costs"]}
# ### Best practices: what to log, sampling, PII and cost
#
# - **What to log:** requests at the edge (method, route, status, duration, request id), decisions and state
#   changes (a job started, a model version loaded, a retry and why), every error with its exception. Not: every
#   loop iteration, whole request bodies, anything a metric does better (a counter of cache hits is cheaper than a
#   line per hit).
# - **Sampling:** keep all errors and warnings, but only a share of routine lines (1 in 100 health checks), and
#   **rate-limit** repeats: the same message 10,000 times a second says nothing the first ten did not, so log the
#   first few per window and then one line saying how many were dropped.
# - **PII and secrets:** passwords, tokens, API keys, emails, card numbers must not reach the logs: logs are copied
#   to many systems, kept for months and read by many people, and GDPR-style rules apply to them. Redact in a
#   processor or filter *before* rendering, by key name and by value pattern, and test that it does not also wipe
#   harmless data (`token_count` is not a token).
# - **Cost:** hosted log stores charge per GB ingested and per GB-month stored. The demo does the arithmetic for a
#   modest service; the prices are placeholders to change for your provider, not quotes.

# %% course={"kind": "demo"}
line = json.dumps({"ts": "2026-12-01T10:00:00.123Z", "level": "info", "event": "request served", "route": "/api/cart",
                   "status": 200, "duration_ms": 12.3, "request_id": "5f2c0e9a7b1d4c3e"})
per_second, pods = 50, 20
gb_per_month = len(line.encode()) * per_second * pods * 86_400 * 30 / 1e9
ingest_price, store_price = 0.50, 0.03  # placeholder prices per GB
print(f"one line: {len(line.encode())} bytes; {gb_per_month:,.0f} GB a month")
print(f"ingest ≈ {gb_per_month * ingest_price:,.0f}, one month stored ≈ {gb_per_month * store_price:,.0f} (placeholder prices)")
print(f"sampling routine lines 1 in 10: ≈ {gb_per_month / 10:,.0f} GB a month")

# %% [markdown] course={"kind": "exercise", "id": "json-logger", "item": "x-set-up-structlog-for-a-project"}
# ### Set up structlog for a service
#
# Write `make_logger(stream, service, level="info")` that returns a `structlog` logger (made with
# `structlog.wrap_logger`, so nothing global changes) writing **one JSON object per line** to `stream`:
#
# - keys in this order: `level` (lower case), `service`, `event`, then every other key **sorted by name**;
# - fields bound for the request with `structlog.contextvars.bind_contextvars(...)` appear in the line;
# - `log.exception(...)` inside an `except` block adds an `exception` key holding the traceback text;
# - calls below `level` write nothing.
#
# Example: `make_logger(s, "api").info("login", user="ana", attempt=2)` writes
# `{"level": "info", "service": "api", "event": "login", "attempt": 2, "user": "ana"}`.

# %% [markdown] course={"kind": "hint"}
# Processors in order: `merge_contextvars`, `add_log_level`, `format_exc_info`, one processor of your own that
# reorders the dict, then `JSONRenderer()`. Bind the service with `.bind(service=service)`.

# %% [markdown] course={"kind": "hint"}
# `JSONRenderer` keeps the dict's order unless you pass `sort_keys=True` (which would put `attempt` first). Build a
# new dict: the three head keys, then `sorted(rest.items())`. The level filter is
# `wrapper_class=structlog.make_filtering_bound_logger(level)`.

# %% course={"kind": "solution"}
def make_logger(stream: Any, service: str, level: str = "info") -> Any:
    ### BEGIN SOLUTION
    def order_keys(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        head = {key: event_dict.pop(key) for key in ("level", "service", "event") if key in event_dict}
        return {**head, **dict(sorted(event_dict.items()))}

    return structlog.wrap_logger(
        structlog.PrintLogger(file=stream),
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.format_exc_info,
            order_keys,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
    ).bind(service=service)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_s = io.StringIO()
_config_before = structlog.get_config()
make_logger(_s, "api").info("login", user="ana", attempt=2)
assert structlog.get_config() == _config_before, "use wrap_logger: structlog's global configuration must not change"
assert _s.getvalue().count("\n") == 1, "one event is one line"
assert json.loads(_s.getvalue()) == {"level": "info", "service": "api", "event": "login", "attempt": 2, "user": "ana"}, _s.getvalue()
assert keys_in_order(_s.getvalue()) == ["level", "service", "event", "attempt", "user"], "head keys first, then the rest sorted"

# %% course={"kind": "test", "points": 1}
_s = io.StringIO()
structlog.contextvars.clear_contextvars()
try:
    structlog.contextvars.bind_contextvars(request_id="r-77")
    make_logger(_s, "api").warning("slow call", ms=900)
finally:
    structlog.contextvars.clear_contextvars()
assert json.loads(_s.getvalue()) == {"level": "warning", "service": "api", "event": "slow call", "ms": 900, "request_id": "r-77"}, _s.getvalue()
### BEGIN HIDDEN TESTS
_s = io.StringIO()
make_logger(_s, "api").info("after clear")
assert "request_id" not in json.loads(_s.getvalue()), "cleared context fields are gone"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_s = io.StringIO()
_log = make_logger(_s, "worker")
try:
    int("x")
except ValueError:
    _log.exception("bad input", job=3)
_event = json.loads(_s.getvalue())
assert _event["level"] == "error" and "ValueError" in _event["exception"], "log.exception adds the traceback as text"
### BEGIN HIDDEN TESTS
assert keys_in_order(_s.getvalue()) == ["level", "service", "event", "exception", "job"], _s.getvalue()
assert _event["exception"].startswith("Traceback"), _event["exception"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_s = io.StringIO()
_log = make_logger(_s, "api")
_log.debug("hidden")
assert _s.getvalue() == "", "debug is below the default level info"
_log = make_logger(_s, "api", level="warning")
_log.info("hidden too")
_log.error("shown")
assert [e["event"] for e in json_lines(_s.getvalue())] == ["shown"], _s.getvalue()
### BEGIN HIDDEN TESTS
_s = io.StringIO()
make_logger(_s, "api", level="debug").debug("now shown", z=1, a=0, m=None)
assert keys_in_order(_s.getvalue()) == ["level", "service", "event", "a", "m", "z"], _s.getvalue()
_s = io.StringIO()
make_logger(_s, "svc-2").critical("down")
assert json.loads(_s.getvalue()) == {"level": "critical", "service": "svc-2", "event": "down"}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sort-keys"}
def make_logger(stream, service, level="info"):
    return structlog.wrap_logger(
        structlog.PrintLogger(file=stream),
        processors=[structlog.contextvars.merge_contextvars, structlog.processors.add_log_level,
                    structlog.processors.format_exc_info, structlog.processors.JSONRenderer(sort_keys=True)],
        wrapper_class=structlog.make_filtering_bound_logger(level),
    ).bind(service=service)


# %% course={"kind": "wrong", "id": "no-contextvars"}
def make_logger(stream, service, level="info"):
    def order_keys(logger, method_name, event_dict):
        head = {key: event_dict.pop(key) for key in ("level", "service", "event") if key in event_dict}
        return {**head, **dict(sorted(event_dict.items()))}

    return structlog.wrap_logger(
        structlog.PrintLogger(file=stream),
        processors=[structlog.processors.add_log_level, structlog.processors.format_exc_info, order_keys,
                    structlog.processors.JSONRenderer()],
        wrapper_class=structlog.make_filtering_bound_logger(level),
    ).bind(service=service)


# %% course={"kind": "wrong", "id": "no-exc-info", "fails": ["t3"]}
def make_logger(stream, service, level="info"):
    def order_keys(logger, method_name, event_dict):
        head = {key: event_dict.pop(key) for key in ("level", "service", "event") if key in event_dict}
        return {**head, **dict(sorted(event_dict.items()))}

    return structlog.wrap_logger(
        structlog.PrintLogger(file=stream),
        processors=[structlog.contextvars.merge_contextvars, structlog.processors.add_log_level, order_keys,
                    structlog.processors.JSONRenderer(default=str)],
        wrapper_class=structlog.make_filtering_bound_logger(level),
    ).bind(service=service)


# %% [markdown] course={"kind": "exercise", "id": "redact"}
# ### A structlog processor that redacts secrets and PII
#
# Write the processor `redact(logger, method_name, event_dict)` that returns a **new** dict (the input is left as
# it was) where:
#
# - the value of a secret key becomes `"[REDACTED]"`, whatever its type. A key is secret when, lower-cased, it is
#   one of `password`, `secret`, `token`, `api_key`, `authorization`, or ends with `_password`, `_secret`,
#   `_token` or `_key`;
# - in every other **string** value, e-mail addresses (`name@domain.tld`) become `"[EMAIL]"` and the word after
#   `Bearer ` becomes `[REDACTED]` (`"Bearer abc.def"` → `"Bearer [REDACTED]"`);
# - nothing else changes: `token_count`, `keyboard` or an `@` that is not an address stay as they are, and
#   non-string values of other keys are kept as they are.
#
# Example: `redact(None, "info", {"event": "login for ana@example.com", "password": "hunter2", "token_count": 5})`
# returns `{"event": "login for [EMAIL]", "password": "[REDACTED]", "token_count": 5}`.

# %% [markdown] course={"kind": "hint"}
# Decide per key: is the key secret? Then replace the value. Otherwise, only if the value is a `str`, run two
# regular expression substitutions.

# %% [markdown] course={"kind": "hint"}
# `key.lower() in SECRET_NAMES or key.lower().endswith(("_password", "_secret", "_token", "_key"))`. An address:
# `[\w.+-]+@[\w-]+(\.[\w-]+)+`; a bearer token: `(Bearer )\S+` replaced by `\1[REDACTED]`.

# %% course={"kind": "solution"}
SECRET_NAMES = {"password", "secret", "token", "api_key", "authorization"}
SECRET_ENDINGS = ("_password", "_secret", "_token", "_key")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
BEARER = re.compile(r"(Bearer )\S+")


def redact(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    clean: dict[str, Any] = {}
    for key, value in event_dict.items():
        name = key.lower()
        if name in SECRET_NAMES or name.endswith(SECRET_ENDINGS):
            clean[key] = "[REDACTED]"
        elif isinstance(value, str):
            clean[key] = BEARER.sub(r"\1[REDACTED]", EMAIL.sub("[EMAIL]", value))
        else:
            clean[key] = value
    return clean
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert redact(None, "info", {"event": "login for ana@example.com", "password": "hunter2", "token_count": 5}) == {
    "event": "login for [EMAIL]", "password": "[REDACTED]", "token_count": 5}, "the example from the prompt"

# %% course={"kind": "test", "points": 1}
_d = {"event": "call", "api_key": "k-1", "db_password": 1234, "Authorization": "Bearer xyz", "github_token": None}
_out = redact(None, "info", _d)
assert _out == {"event": "call", "api_key": "[REDACTED]", "db_password": "[REDACTED]", "Authorization": "[REDACTED]",
                "github_token": "[REDACTED]"}, _out
assert _d["api_key"] == "k-1" and _out is not _d, "return a new dict and leave the input alone"
### BEGIN HIDDEN TESTS
assert redact(None, "info", {"SECRET": "s", "Token": "t", "ssh_key": "k", "aws_secret": "a"}) == {
    "SECRET": "[REDACTED]", "Token": "[REDACTED]", "ssh_key": "[REDACTED]", "aws_secret": "[REDACTED]"}
assert redact(None, "info", {"password": ""}) == {"password": "[REDACTED]"}, "an empty secret is still redacted"
assert redact(None, "info", {}) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_out = redact(None, "info", {"event": "retry", "header": "Bearer abc.def-1", "to": "a.b+c@mail.example.org, x@y.io"})
assert _out == {"event": "retry", "header": "Bearer [REDACTED]", "to": "[EMAIL], [EMAIL]"}, _out
### BEGIN HIDDEN TESTS
_out = redact(None, "info", {"note": "sent Bearer t1 then Bearer t2", "who": "ANA@EXAMPLE.COM"})
assert _out == {"note": "sent Bearer [REDACTED] then Bearer [REDACTED]", "who": "[EMAIL]"}, _out
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_keep = {"event": "tokenizer loaded", "token_count": 512, "keyboard": "us", "handle": "@ana", "at": "ana@", "n": 3,
         "passwords_checked": 2, "tags": ["ana@example.com"]}
assert redact(None, "info", dict(_keep)) == _keep, "do not over-redact harmless keys and values"

# %% course={"kind": "wrong", "id": "substring-keys"}
SECRET_NAMES = {"password", "secret", "token", "api_key", "authorization"}
SECRET_ENDINGS = ("_password", "_secret", "_token", "_key")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
BEARER = re.compile(r"(Bearer )\S+")


def redact(logger, method_name, event_dict):
    clean = {}
    for key, value in event_dict.items():
        if any(word in key.lower() for word in ("password", "secret", "token", "key", "authorization")):
            clean[key] = "[REDACTED]"
        elif isinstance(value, str):
            clean[key] = BEARER.sub(r"\1[REDACTED]", EMAIL.sub("[EMAIL]", value))
        else:
            clean[key] = value
    return clean


# %% course={"kind": "wrong", "id": "case-sensitive-and-in-place"}
SECRET_NAMES = {"password", "secret", "token", "api_key", "authorization"}
SECRET_ENDINGS = ("_password", "_secret", "_token", "_key")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
BEARER = re.compile(r"(Bearer )\S+")


def redact(logger, method_name, event_dict):
    for key, value in event_dict.items():
        if key in SECRET_NAMES or key.endswith(SECRET_ENDINGS):
            event_dict[key] = "[REDACTED]"
        elif isinstance(value, str):
            event_dict[key] = BEARER.sub(r"\1[REDACTED]", EMAIL.sub("[EMAIL]", value))
    return event_dict


# %% course={"kind": "wrong", "id": "str-everything"}
SECRET_NAMES = {"password", "secret", "token", "api_key", "authorization"}
SECRET_ENDINGS = ("_password", "_secret", "_token", "_key")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
BEARER = re.compile(r"(Bearer )\S+")


def redact(logger, method_name, event_dict):
    clean = {}
    for key, value in event_dict.items():
        name = key.lower()
        if name in SECRET_NAMES or name.endswith(SECRET_ENDINGS):
            clean[key] = "[REDACTED]"
        else:
            clean[key] = BEARER.sub(r"\1[REDACTED]", EMAIL.sub("[EMAIL]", str(value)))
    return clean


# %% [markdown] course={"kind": "exercise", "id": "correlation", "item": "x-implement-correlation-id-propagation"}
# ### Correlation ids across asyncio tasks and threads
#
# `REQUEST_ID` is given. Write three small pieces:
#
# - `request_scope(rid)`: a context manager that sets `REQUEST_ID` to `rid` for the `with` block and puts back
#   **whatever was there before** when the block ends (also when it raises), so scopes nest;
# - `add_request_id(logger, method_name, event_dict)`: a structlog processor that adds `request_id` when one is set
#   and the event does not already carry its own; with none set the event is returned unchanged (no key at all);
# - `in_thread(fn, *args)`: runs `fn(*args)` in a **new thread** that sees the caller's context, waits for it and
#   returns its result (a plain `threading.Thread` starts with an empty context: see the lesson).
#
# Example: inside `with request_scope("r-1"):`, `add_request_id(None, "info", {"event": "x"})` returns
# `{"event": "x", "request_id": "r-1"}`, and `in_thread(REQUEST_ID.get)` returns `"r-1"`.

# %% [markdown] course={"kind": "hint"}
# `token = REQUEST_ID.set(rid)` and, in a `finally`, `REQUEST_ID.reset(token)`: reset puts back the old value,
# which is what makes nesting and concurrent tasks work. A global variable would be shared by all tasks.

# %% [markdown] course={"kind": "hint"}
# A plain `threading.Thread` starts with an empty context. Take `ctx = contextvars.copy_context()` in the caller and
# run `ctx.run(fn, *args)` as the thread's target; keep the result in a list, `start()`, `join()`, return it.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
@contextmanager
def request_scope(rid: str) -> Iterator[None]:
    token = REQUEST_ID.set(rid)
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


def add_request_id(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    rid = REQUEST_ID.get()
    if rid is not None:
        event_dict.setdefault("request_id", rid)
    return event_dict


def in_thread(fn: Any, *args: Any) -> Any:
    ctx = contextvars.copy_context()
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(ctx.run(fn, *args)))
    worker.start()
    worker.join()
    return result[0]
### END SOLUTION


# %% course={"kind": "test", "points": 1}
with request_scope("r-1"):
    assert add_request_id(None, "info", {"event": "x"}) == {"event": "x", "request_id": "r-1"}
    assert add_request_id(None, "info", {"event": "x", "request_id": "own"}) == {"event": "x", "request_id": "own"}, "keep an explicit id"
assert REQUEST_ID.get() is None, "the id is gone after the block"
assert add_request_id(None, "info", {"event": "y"}) == {"event": "y"}, "no id set: no key"
### BEGIN HIDDEN TESTS
with request_scope("outer"):
    with request_scope("inner"):
        assert REQUEST_ID.get() == "inner"
    assert REQUEST_ID.get() == "outer", "an inner scope puts the outer id back"
    try:
        with request_scope("failing"):
            raise KeyError("boom")
    except KeyError:
        pass
    assert REQUEST_ID.get() == "outer", "an exception in the block still restores the id"
assert REQUEST_ID.get() is None
with request_scope(""):
    assert add_request_id(None, "info", {}) == {"request_id": ""}, "an empty id is still an id"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert callable(request_scope) and callable(add_request_id), "write request_scope and add_request_id above"
_lines: list[dict[str, Any]] = []


async def _handle(rid: str, steps: int) -> None:
    with request_scope(rid):
        for step in range(steps):
            await asyncio.sleep(0)  # every task runs a step in between
            _lines.append(add_request_id(None, "info", {"event": "step", "task": rid, "step": step}))


async def _many() -> None:
    await asyncio.gather(*(_handle(f"req-{n}", 3) for n in range(4)))


run(_many())
assert len(_lines) == 12 and all(line["request_id"] == line["task"] for line in _lines), "each task keeps its own id"
assert [line["task"] for line in _lines[:4]] == ["req-0", "req-1", "req-2", "req-3"], "the tasks really interleaved"

# %% course={"kind": "test", "points": 1}
with request_scope("r-thread"):
    assert in_thread(REQUEST_ID.get) == "r-thread", "the thread sees the caller's id"
    assert in_thread(lambda a, b: a + b, 2, 3) == 5, "arguments are passed and the result returned"
### BEGIN HIDDEN TESTS
_before = threading.active_count()
_names: list[str] = []
with request_scope("r-x"):
    assert in_thread(lambda: _names.append(threading.current_thread().name) or REQUEST_ID.get()) == "r-x"
assert _names and _names[0] != threading.current_thread().name, "fn runs in another thread"
assert threading.active_count() == _before, "the thread has finished when in_thread returns"
assert in_thread(lambda: None) is None
assert in_thread(REQUEST_ID.get) is None
_entered, _gate = threading.Event(), threading.Event()


def _slow() -> str | None:
    _entered.set()
    _gate.wait()
    return REQUEST_ID.get()


def _call() -> str | None:
    with request_scope("r-slow"):
        return in_thread(_slow)


_bg = Background(_call)
_entered.wait()
settled([_bg.thread])  # the caller now sits still: waiting for the worker, or finished too early
_waited = not _bg.done.is_set()
_gate.set()
assert _bg.finish() == "r-slow" and _waited, "in_thread waits until fn has returned"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "global-variable"}
_current = {"rid": None}


@contextmanager
def request_scope(rid):
    old = _current["rid"]
    _current["rid"] = rid
    REQUEST_ID.set(rid)
    try:
        yield
    finally:
        _current["rid"] = old
        REQUEST_ID.set(old)


def add_request_id(logger, method_name, event_dict):
    if _current["rid"] is not None:
        event_dict.setdefault("request_id", _current["rid"])
    return event_dict


def in_thread(fn, *args):
    ctx = contextvars.copy_context()
    result = []
    worker = threading.Thread(target=lambda: result.append(ctx.run(fn, *args)))
    worker.start()
    worker.join()
    return result[0]


# %% course={"kind": "wrong", "id": "plain-thread", "fails": ["t3"]}
# Wrong on CPython 3.11 to 3.13 and the usual 3.14 build; a free-threaded 3.14 lets new threads inherit the context.
@contextmanager
def request_scope(rid):
    token = REQUEST_ID.set(rid)
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


def add_request_id(logger, method_name, event_dict):
    if REQUEST_ID.get() is not None:
        event_dict.setdefault("request_id", REQUEST_ID.get())
    return event_dict


def in_thread(fn, *args):
    result = []
    worker = threading.Thread(target=lambda: result.append(fn(*args)))
    worker.start()
    worker.join()
    return result[0]


# %% course={"kind": "wrong", "id": "no-reset"}
@contextmanager
def request_scope(rid):
    REQUEST_ID.set(rid)
    yield


def add_request_id(logger, method_name, event_dict):
    event_dict["request_id"] = REQUEST_ID.get()
    return event_dict


def in_thread(fn, *args):
    ctx = contextvars.copy_context()
    result = []
    worker = threading.Thread(target=lambda: result.append(ctx.run(fn, *args)))
    worker.start()
    worker.join()
    return result[0]


# %% [markdown] course={"kind": "exercise", "id": "parse-lines", "item": "x-create-log-parsing-utilities"}
# ### Parse a mixed log: JSON and plain lines
#
# Write `parse_lines(lines)` for an iterable of lines (each may end with `"\n"` or `"\r\n"`; surrounding spaces
# do not count) in either of two formats:
#
# - JSON: an object with at least `ts`, `level`, `logger` and `msg` (any other keys are extra fields);
# - plain: `<ts> <LEVEL> <logger>: <message>`, e.g. `2026-12-01T10:00:03Z ERROR payments: card declined`, where
#   LEVEL is one of `DEBUG INFO WARNING ERROR CRITICAL`.
#
# Return `(records, skipped)`: `records` is a list of dicts in input order, each with `ts`, `level` (upper case),
# `logger` and `msg`, and for JSON lines their extra fields too; `skipped` (an `int`) counts the lines that are
# neither (bad JSON, JSON that is not an object or lacks a key, an unknown level, a plain line that does not
# match). Blank lines are ignored and not counted. Read the input once (it may be a generator).
#
# Example: `parse_lines(['{"ts": "t1", "level": "info", "logger": "api", "msg": "ok", "ms": 3}', "garbage"])`
# returns `([{"ts": "t1", "level": "INFO", "logger": "api", "msg": "ok", "ms": 3}], 1)`.

# %% [markdown] course={"kind": "hint"}
# Strip the line; skip it when empty. If it starts with `{`, try `json.loads` and check the result; otherwise
# try one regular expression. Anything that fails adds one to `skipped`.

# %% [markdown] course={"kind": "hint"}
# `re.compile(r"(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([^\s:]+): (.*)")` with `fullmatch`. For JSON, check
# `isinstance(obj, dict)`, that the four keys are present and that `str(obj["level"]).upper()` is a known level.

# %% course={"kind": "solution"}
PLAIN = re.compile(r"(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([^\s:]+): (.*)")
REQUIRED = ("ts", "level", "logger", "msg")


def parse_lines(lines: Iterable[str]) -> tuple[list[dict[str, Any]], int]:
    ### BEGIN SOLUTION
    records: list[dict[str, Any]] = []
    skipped = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                skipped += 1
                continue
            if not isinstance(obj, dict) or any(key not in obj for key in REQUIRED):
                skipped += 1
                continue
            level = str(obj["level"]).upper()
            if level not in LEVELS:
                skipped += 1
                continue
            records.append({**obj, "level": level})
            continue
        match = PLAIN.fullmatch(line)
        if match is None:
            skipped += 1
            continue
        ts, level, logger, msg = match.groups()
        records.append({"ts": ts, "level": level, "logger": logger, "msg": msg})
    return records, skipped
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = parse_lines(['{"ts": "t1", "level": "info", "logger": "api", "msg": "ok", "ms": 3}', "garbage"])
assert _got == ([{"ts": "t1", "level": "INFO", "logger": "api", "msg": "ok", "ms": 3}], 1), _got
assert type(_got) is tuple and type(_got[0]) is list and type(_got[1]) is int

# %% course={"kind": "test", "points": 1}
_got = parse_lines(["2026-12-01T10:00:03Z ERROR payments: card declined: code 51\n", "\n", "   \n"])
assert _got == ([{"ts": "2026-12-01T10:00:03Z", "level": "ERROR", "logger": "payments", "msg": "card declined: code 51"}], 0), _got
### BEGIN HIDDEN TESTS
assert parse_lines([]) == ([], 0)
assert parse_lines(iter(["x INFO a: b"])) == ([{"ts": "x", "level": "INFO", "logger": "a", "msg": "b"}], 0), "a generator works"
assert parse_lines(["t1 INFO a.b-c: x y\r\n"]) == ([{"ts": "t1", "level": "INFO", "logger": "a.b-c", "msg": "x y"}], 0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_bad = ['{"ts": "t", "level": "info", "logger": "a"', '[1, 2]', '{"ts": "t", "level": "info", "msg": "m"}',
        '{"ts": "t", "level": "loud", "logger": "a", "msg": "m"}', "t1 NOTICE api: hi", "t1 info api: hi",
        "t1 INFO api hi", "INFO api: hi", '"just a string"', "null", '{"ts": "t", "level": 40, "logger": "a", "msg": "m"}']
assert parse_lines(_bad) == ([], len(_bad)), "every one of these lines is corrupt and counted"
### BEGIN HIDDEN TESTS
_mixed = ["a INFO x: 1", "oops", '{"ts": "b", "level": "Warning", "logger": "y", "msg": "2", "level_no": 30}', "", "c DEBUG z: 3"]
_recs, _n = parse_lines(_mixed)
assert _n == 1 and [r["msg"] for r in _recs] == ["1", "2", "3"] and _recs[1]["level"] == "WARNING" and _recs[1]["level_no"] == 30
_src = '{"ts": "b", "level": "error", "logger": "y", "msg": "m"}'
_recs, _n = parse_lines([_src])
assert _recs == [{"ts": "b", "level": "ERROR", "logger": "y", "msg": "m"}]
_big = ["t INFO api: line %d" % i for i in range(5000)] + ["bad"] * 7
assert parse_lines(_big)[1] == 7 and len(parse_lines(_big)[0]) == 5000
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "crash-on-bad-json"}
PLAIN = re.compile(r"(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([^\s:]+): (.*)")
REQUIRED = ("ts", "level", "logger", "msg")


def parse_lines(lines):
    records, skipped = [], 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            obj = json.loads(line)
            records.append({**obj, "level": str(obj["level"]).upper()})
            continue
        match = PLAIN.fullmatch(line)
        if match is None:
            skipped += 1
            continue
        ts, level, logger, msg = match.groups()
        records.append({"ts": ts, "level": level, "logger": logger, "msg": msg})
    return records, skipped


# %% course={"kind": "wrong", "id": "search-not-fullmatch"}
PLAIN = re.compile(r"(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([^\s:]+): (.*)")
REQUIRED = ("ts", "level", "logger", "msg")


def parse_lines(lines):
    records, skipped = [], 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
            if isinstance(obj, dict) and all(key in obj for key in REQUIRED) and str(obj["level"]).upper() in LEVELS:
                records.append({**obj, "level": str(obj["level"]).upper()})
            else:
                skipped += 1
            continue
        except ValueError:
            pass
        match = re.search(r"(\S+) (\w+) ([^\s:]+): (.*)", line)
        if match is None:
            skipped += 1
            continue
        ts, level, logger, msg = match.groups()
        records.append({"ts": ts, "level": level.upper(), "logger": logger, "msg": msg})
    return records, skipped


# %% course={"kind": "wrong", "id": "blank-counted"}
PLAIN = re.compile(r"(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ([^\s:]+): (.*)")
REQUIRED = ("ts", "level", "logger", "msg")


def parse_lines(lines):
    records, skipped = [], 0
    for raw in lines:
        line = raw.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                skipped += 1
                continue
            if not isinstance(obj, dict) or any(key not in obj for key in REQUIRED) or str(obj["level"]).upper() not in LEVELS:
                skipped += 1
                continue
            records.append({**obj, "level": str(obj["level"]).upper()})
            continue
        match = PLAIN.fullmatch(line)
        if match is None:
            skipped += 1
            continue
        ts, level, logger, msg = match.groups()
        records.append({"ts": ts, "level": level, "logger": logger, "msg": msg})
    return records, skipped


# %% [markdown] course={"kind": "exercise", "id": "query", "item": "project-18-1-1"}
# ### Query parsed events: level, fields and a time window
#
# Write `query(records, *, level=None, since=None, until=None, **fields)` over records like those of
# `parse_lines` whose `ts` is an ISO-8601 time with a zone (`"2026-12-01T10:00:00Z"` or `"...+01:00"`). Return a
# new list of the records, in their order, that match **all** given conditions:
#
# - `level`: the record's level is at least this one (`"WARNING"` keeps WARNING, ERROR and CRITICAL); any case;
# - `since` / `until` (`datetime` with a zone): `since <= ts < until`, so windows that touch share no record;
# - each extra keyword: the record has that field and it equals the value (`status=500` does not match `"500"`).
#
# An unknown level raises `ValueError`. Example:
# `query(recs, level="error", since=datetime(2026, 12, 1, 10, tzinfo=timezone.utc), service="api")`.
# In LogQL (Loki) the same question reads `{service="api"} | json | level=~"error|critical"`; here it is a few lines
# of Python.

# %% [markdown] course={"kind": "hint"}
# Turn the level into a number once with `LEVELS[level.upper()]` (a `KeyError` becomes a `ValueError`). Compare
# times as `datetime`s (`datetime.fromisoformat` reads `Z` from Python 3.11), never as strings: zones differ.

# %% [markdown] course={"kind": "hint"}
# For a field test use a marker that no record holds: `record.get(name, MISSING) == value` with
# `MISSING = object()`, so `None` as a wanted value does not match a record that lacks the field.

# %% course={"kind": "solution"}
def query(records: list[dict[str, Any]], *, level: str | None = None, since: datetime | None = None,
          until: datetime | None = None, **fields: Any) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    floor = None
    if level is not None:
        if level.upper() not in LEVELS:
            raise ValueError(f"unknown level {level!r}")
        floor = LEVELS[level.upper()]
    missing = object()
    found = []
    for record in records:
        if floor is not None and LEVELS[record["level"]] < floor:
            continue
        when = datetime.fromisoformat(record["ts"])
        if since is not None and when < since:
            continue
        if until is not None and when >= until:
            continue
        if any(record.get(name, missing) != value for name, value in fields.items()):
            continue
        found.append(record)
    return found
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_recs = [
    {"ts": "2026-12-01T09:59:59Z", "level": "ERROR", "logger": "a", "msg": "1", "service": "api", "status": 500},
    {"ts": "2026-12-01T10:00:00Z", "level": "WARNING", "logger": "a", "msg": "2", "service": "api", "status": 429},
    {"ts": "2026-12-01T10:00:30Z", "level": "INFO", "logger": "b", "msg": "3", "service": "web"},
    {"ts": "2026-12-01T11:00:00+01:00", "level": "CRITICAL", "logger": "a", "msg": "4", "service": "api", "status": "500"},
    {"ts": "2026-12-01T10:01:00Z", "level": "ERROR", "logger": "b", "msg": "5", "service": "web", "status": None},
]
_ten = datetime(2026, 12, 1, 10, tzinfo=timezone.utc)
_msgs = lambda found: [r["msg"] for r in found]  # noqa: E731
assert _msgs(query(_recs, level="warning")) == ["1", "2", "4", "5"], "WARNING and above"
assert _msgs(query(_recs, service="api")) == ["1", "2", "4"], "field equality"
assert type(query(_recs)) is list and query(_recs) == _recs and query(_recs) is not _recs, "no condition: a new list of all"

# %% course={"kind": "test", "points": 2}
_eleven = datetime(2026, 12, 1, 10, 1, tzinfo=timezone.utc)
assert _msgs(query(_recs, since=_ten, until=_eleven)) == ["2", "3", "4"], "since is inclusive, until exclusive; 11:00+01:00 is 10:00Z"
### BEGIN HIDDEN TESTS
assert _msgs(query(_recs, until=_ten)) == ["1"]
assert _msgs(query(_recs, since=_eleven)) == ["5"]
assert _msgs(query(_recs, since=_ten, until=_ten)) == []
assert _msgs(query(_recs[::-1], until=_eleven)) == ["4", "3", "2", "1"], "records need not be in time order"
assert _msgs(query(_recs, level="ERROR", since=_ten)) == ["4", "5"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert _msgs(query(_recs, status=500)) == ["1"], "500 is not '500'"
assert _msgs(query(_recs, status=None)) == ["5"], "None matches only a record whose field is None"
### BEGIN HIDDEN TESTS
assert _msgs(query(_recs, service="api", level="critical")) == ["4"]
assert _msgs(query(_recs, level="debug")) == ["1", "2", "3", "4", "5"]
assert _msgs(query(_recs, level="Info")) == ["1", "2", "3", "4", "5"]
assert query([], level="error") == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    query(_recs, level="LOUD")
except ValueError:
    pass
else:
    raise AssertionError("an unknown level must raise ValueError")

# %% course={"kind": "wrong", "id": "string-times"}
def query(records, *, level=None, since=None, until=None, **fields):
    floor = LEVELS[level.upper()] if level is not None else None
    found = []
    for record in records:
        if floor is not None and LEVELS[record["level"]] < floor:
            continue
        if since is not None and record["ts"] < since.isoformat().replace("+00:00", "Z"):
            continue
        if until is not None and record["ts"] >= until.isoformat().replace("+00:00", "Z"):
            continue
        if any(record.get(name) != value for name, value in fields.items()):
            continue
        found.append(record)
    return found


# %% course={"kind": "wrong", "id": "missing-field-is-none", "fails": ["t3"]}
def query(records, *, level=None, since=None, until=None, **fields):
    if level is not None and level.upper() not in LEVELS:
        raise ValueError(level)
    found = []
    for record in records:
        if level is not None and LEVELS[record["level"]] < LEVELS[level.upper()]:
            continue
        when = datetime.fromisoformat(record["ts"])
        if since is not None and when < since:
            continue
        if until is not None and when >= until:
            continue
        if any(record.get(name) != value for name, value in fields.items()):
            continue
        found.append(record)
    return found


# %% course={"kind": "wrong", "id": "inclusive-until"}
def query(records, *, level=None, since=None, until=None, **fields):
    if level is not None and level.upper() not in LEVELS:
        raise ValueError(level)
    found = []
    for record in records:
        if level is not None and LEVELS[record["level"]] < LEVELS[level.upper()]:
            continue
        when = datetime.fromisoformat(record["ts"])
        if since is not None and when < since:
            continue
        if until is not None and when > until:
            continue
        if any(record.get(name, object()) != value for name, value in fields.items()):
            continue
        found.append(record)
    return found


# %% [markdown] course={"kind": "exercise", "id": "rate-limit", "item": "x-implement-log-sampling"}
# ### A filter that rate-limits repeated log lines
#
# Write `RateLimitFilter(limit, window, clock)`, a `logging.Filter`. Records with the same **key** (logger name,
# level and the message *template* `record.msg`, not the formatted message) may pass `limit` times per window;
# later ones in that window are dropped and counted. A key's window starts at its first record and lasts `window`
# seconds (`clock()` gives the time): a record at exactly `start + window` opens a new window. The first record
# that passes in a new window gets the attribute `suppressed` = how many were dropped in the key's previous
# window; every other passing record gets `suppressed = 0`. Records at `ERROR` and above always pass (and do not
# count). Example with `limit=2, window=10`: three `"retrying %s"` warnings at t=0, 1, 2 → pass, pass, drop; one at
# t=10 passes with `suppressed == 1`.

# %% [markdown] course={"kind": "hint"}
# Keep a dict `key -> [window_start, passed, dropped]`. In `filter(record)`: if the level is ERROR or above, set
# `suppressed = 0` and return `True`. Otherwise look up the key; when there is none or `now >= start + window`, open
# a new window and remember the old `dropped`.

# %% [markdown] course={"kind": "hint"}
# The key is `(record.name, record.levelno, record.msg)`: `record.getMessage()` differs for every argument, so
# repeated templates with different values would never be limited.

# %% course={"kind": "solution"}
class RateLimitFilter(logging.Filter):
    def __init__(self, limit: int, window: float, clock: Any) -> None:
        super().__init__()
        ### BEGIN SOLUTION
        self.limit = limit
        self.window = window
        self.clock = clock
        self.state: dict[tuple[str, int, Any], list[Any]] = {}
        ### END SOLUTION

    def filter(self, record: logging.LogRecord) -> bool:
        ### BEGIN SOLUTION
        if record.levelno >= logging.ERROR:
            record.suppressed = 0
            return True
        now = self.clock()
        key = (record.name, record.levelno, record.msg)
        entry = self.state.get(key)
        carried = 0
        if entry is None or now >= entry[0] + self.window:
            carried = entry[2] if entry is not None else 0
            entry = self.state[key] = [now, 0, 0]
        if entry[1] >= self.limit:
            entry[2] += 1
            return False
        entry[1] += 1
        record.suppressed = carried
        return True
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def _run_filter(flt: logging.Filter, clock: FakeClock, plan: list[tuple[float, int, str, Any]], name: str = "rl") -> list[tuple[str, int]]:
    """Log each (time, level, template, arg) through a fresh logger with the filter; return (message, suppressed) that passed."""
    got: list[tuple[str, int]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            got.append((record.getMessage(), record.suppressed))

    logger = fresh_logger(f"course.18-1.{name}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addFilter(flt)
    logger.addHandler(Keep())
    try:
        for at, level, template, arg in plan:
            clock.now = at
            if arg is None:
                logger.log(level, template)
            else:
                logger.log(level, template, arg)
    finally:
        release_logger(f"course.18-1.{name}")
    return got


_clock = FakeClock(0.0)
_W = logging.WARNING
assert _run_filter(RateLimitFilter(2, 10, _clock), _clock, [(0, _W, "retrying %s", "a"), (1, _W, "retrying %s", "b"), (2, _W, "retrying %s", "c"), (10, _W, "retrying %s", "d")]) == [
    ("retrying a", 0), ("retrying b", 0), ("retrying d", 1)], "the example: the third is dropped, the next window reports 1"

# %% course={"kind": "test", "points": 1}
_clock = FakeClock(100.0)
_got = _run_filter(RateLimitFilter(1, 5, _clock), _clock, [(100, _W, "x %s", 1), (104.999, _W, "x %s", 2), (105, _W, "x %s", 3), (105, _W, "x %s", 4), (110, _W, "x %s", 5)])
assert _got == [("x 1", 0), ("x 3", 1), ("x 5", 1)], f"window edges: 104.999 is inside, 105 opens a new window: {_got}"
### BEGIN HIDDEN TESTS
_clock = FakeClock(0.0)
_got = _run_filter(RateLimitFilter(1, 5, _clock), _clock, [(0, _W, "y", None), (1, _W, "y", None), (2, _W, "y", None), (20, _W, "y", None), (30, _W, "y", None)])
assert _got == [("y", 0), ("y", 2), ("y", 0)], f"a quiet window reports 0 in the next: {_got}"
_clock = FakeClock(0.0)
_got = _run_filter(RateLimitFilter(3, 60, _clock), _clock, [(t, _W, "z %d", t) for t in range(10)] + [(60, _W, "z %d", 60)])
assert _got == [("z 0", 0), ("z 1", 0), ("z 2", 0), ("z 60", 7)], _got
_clock = FakeClock(0.0)
assert _run_filter(RateLimitFilter(0, 60, _clock), _clock, [(0, _W, "q", None), (61, _W, "q", None)]) == [], "limit 0 drops everything below ERROR"
_clock = FakeClock(0.0)
_got = _run_filter(RateLimitFilter(1, 10, _clock), _clock, [(5, _W, "w", None), (12, _W, "w", None), (15, _W, "w", None)])
assert _got == [("w", 0), ("w", 1)], f"the window starts at the key's first record (5 to 15), not at a multiple of 10: {_got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_clock = FakeClock(0.0)
_I = logging.INFO
_got = _run_filter(RateLimitFilter(1, 10, _clock), _clock, [(0, _I, "a %s", 1), (1, _I, "b %s", 2), (2, _W, "a %s", 3), (3, _I, "a %s", 4)])
assert _got == [("a 1", 0), ("b 2", 0), ("a 3", 0)], "the key is (logger, level, template): other templates and levels have their own budget"
### BEGIN HIDDEN TESTS
_clock = FakeClock(0.0)
_flt = RateLimitFilter(1, 10, _clock)
_a = _run_filter(_flt, _clock, [(0, _I, "m", None)], name="one")
_b = _run_filter(_flt, _clock, [(1, _I, "m", None)], name="two")
assert _a == [("m", 0)] and _b == [("m", 0)], "another logger name is another key"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_clock = FakeClock(0.0)
_E = logging.ERROR
_got = _run_filter(RateLimitFilter(1, 10, _clock), _clock, [(0, _E, "db down %s", 1), (1, _E, "db down %s", 2), (2, logging.CRITICAL, "db down %s", 3)])
assert _got == [("db down 1", 0), ("db down 2", 0), ("db down 3", 0)], "errors are never dropped"
_flt = RateLimitFilter(1, 10, FakeClock(0.0))
_rec = logging.LogRecord("direct", logging.INFO, "app.py", 1, "hello %s", ("x",), None)
assert _flt.filter(_rec) is True and _flt.filter(_rec) is False, "filter() answers True or False"
### BEGIN HIDDEN TESTS
_clock = FakeClock(0.0)
_got = _run_filter(RateLimitFilter(1, 10, _clock), _clock, [(0, _E, "e", None), (1, _W, "e", None), (2, _W, "e", None), (3, _E, "e", None), (12, _W, "e", None)])
assert _got == [("e", 0), ("e", 0), ("e", 0), ("e", 1)], _got
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "formatted-message-key"}
class RateLimitFilter(logging.Filter):
    def __init__(self, limit, window, clock):
        super().__init__()
        self.limit, self.window, self.clock, self.state = limit, window, clock, {}

    def filter(self, record):
        if record.levelno >= logging.ERROR:
            record.suppressed = 0
            return True
        now = self.clock()
        key = (record.name, record.levelno, record.getMessage())
        entry = self.state.get(key)
        carried = 0
        if entry is None or now >= entry[0] + self.window:
            carried = entry[2] if entry is not None else 0
            entry = self.state[key] = [now, 0, 0]
        if entry[1] >= self.limit:
            entry[2] += 1
            return False
        entry[1] += 1
        record.suppressed = carried
        return True


# %% course={"kind": "wrong", "id": "strict-window-edge"}
class RateLimitFilter(logging.Filter):
    def __init__(self, limit, window, clock):
        super().__init__()
        self.limit, self.window, self.clock, self.state = limit, window, clock, {}

    def filter(self, record):
        if record.levelno >= logging.ERROR:
            record.suppressed = 0
            return True
        now = self.clock()
        key = (record.name, record.levelno, record.msg)
        entry = self.state.get(key)
        carried = 0
        if entry is None or now > entry[0] + self.window:
            carried = entry[2] if entry is not None else 0
            entry = self.state[key] = [now, 0, 0]
        if entry[1] >= self.limit:
            entry[2] += 1
            return False
        entry[1] += 1
        record.suppressed = carried
        return True


# %% course={"kind": "wrong", "id": "clock-aligned-windows", "fails": ["t2"]}
class RateLimitFilter(logging.Filter):
    def __init__(self, limit, window, clock):
        super().__init__()
        self.limit, self.window, self.clock, self.state = limit, window, clock, {}

    def filter(self, record):
        if record.levelno >= logging.ERROR:
            record.suppressed = 0
            return True
        now = self.clock()
        start = now - now % self.window  # fixed buckets: 0-10, 10-20, ...
        key = (record.name, record.levelno, record.msg)
        entry = self.state.get(key)
        carried = 0
        if entry is None or entry[0] != start:
            carried = entry[2] if entry is not None else 0
            entry = self.state[key] = [start, 0, 0]
        if entry[1] >= self.limit:
            entry[2] += 1
            return False
        entry[1] += 1
        record.suppressed = carried
        return True


# %% course={"kind": "wrong", "id": "errors-limited-too", "fails": ["t4"]}
class RateLimitFilter(logging.Filter):
    def __init__(self, limit, window, clock):
        super().__init__()
        self.limit, self.window, self.clock, self.state = limit, window, clock, {}

    def filter(self, record):
        now = self.clock()
        key = (record.name, record.levelno, record.msg)
        entry = self.state.get(key)
        carried = 0
        if entry is None or now >= entry[0] + self.window:
            carried = entry[2] if entry is not None else 0
            entry = self.state[key] = [now, 0, 0]
        if entry[1] >= self.limit:
            entry[2] += 1
            return False
        entry[1] += 1
        record.suppressed = carried
        return True


# %% [markdown] course={"kind": "exercise", "id": "error-rate", "item": "project-18-1-1"}
# ### A log-based metric: error rate per minute
#
# Write `error_rate(records, window=60)` over records with an ISO-8601 `ts` (with a zone) and a `level`. Cut time
# into windows of `window` seconds aligned to the Unix epoch (`10:00:00` to `10:00:59.999` is one minute). Return a
# list of `(start, errors, total)` tuples, one per window from the first record's window to the last record's,
# **including empty windows** as `(start, 0, 0)`, sorted by `start`; `start` is an `int` (Unix seconds), errors
# are records at `ERROR` or `CRITICAL`. No records: `[]`. Records need not be in time order.
#
# Example: records at 10:00:59 (ERROR), 10:01:00 (INFO) and 10:03:10 (INFO) on 2026-12-01 UTC give
# `[(1796119200, 1, 1), (1796119260, 0, 1), (1796119320, 0, 0), (1796119380, 0, 1)]`.

# %% [markdown] course={"kind": "hint"}
# Turn each `ts` into Unix seconds with `datetime.fromisoformat(ts).timestamp()`, find its window's start and count
# per start in a dict. Then walk every start with `range(first, last + window, window)` so empty windows appear.

# %% [markdown] course={"kind": "hint"}
# The start is the floor: `int(t // window) * window`. `int(t / window)` truncates toward zero, which is wrong for
# times before 1970, and `round` would put `10:00:59.9` into the next minute.

# %% course={"kind": "solution"}
def error_rate(records: list[dict[str, Any]], window: int = 60) -> list[tuple[int, int, int]]:
    ### BEGIN SOLUTION
    errors: dict[int, int] = {}
    totals: dict[int, int] = {}
    for record in records:
        start = int(datetime.fromisoformat(record["ts"]).timestamp() // window) * window
        totals[start] = totals.get(start, 0) + 1
        if LEVELS[record["level"]] >= LEVELS["ERROR"]:
            errors[start] = errors.get(start, 0) + 1
    if not totals:
        return []
    return [(start, errors.get(start, 0), totals.get(start, 0)) for start in range(min(totals), max(totals) + window, window)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_recs = [{"ts": "2026-12-01T10:00:59Z", "level": "ERROR"}, {"ts": "2026-12-01T10:01:00Z", "level": "INFO"},
         {"ts": "2026-12-01T10:03:10Z", "level": "INFO"}]
_got = error_rate(_recs)
assert _got == [(1796119200, 1, 1), (1796119260, 0, 1), (1796119320, 0, 0), (1796119380, 0, 1)], _got
assert all(type(start) is int and type(e) is int and type(t) is int for start, e, t in _got), "ints, not floats"

# %% course={"kind": "test", "points": 1}
_recs = [{"ts": "2026-12-01T10:00:59.999Z", "level": "CRITICAL"}, {"ts": "2026-12-01T10:00:00.000Z", "level": "WARNING"},
         {"ts": "2026-12-01T11:00:30+01:00", "level": "ERROR"}]
assert error_rate(_recs) == [(1796119200, 2, 3)], "both ends of the minute, any order, any zone"
### BEGIN HIDDEN TESTS
assert error_rate([]) == []
assert error_rate([{"ts": "2026-12-01T10:00:01Z", "level": "DEBUG"}]) == [(1796119200, 0, 1)]
_recs = [{"ts": "2026-12-01T10:04:00Z", "level": "ERROR"}, {"ts": "2026-12-01T10:00:00Z", "level": "ERROR"}]
assert error_rate(_recs, window=120) == [(1796119200, 1, 1), (1796119320, 0, 0), (1796119440, 1, 1)]
assert error_rate([{"ts": "1970-01-01T00:00:00Z", "level": "ERROR"}], window=60) == [(0, 1, 1)]
assert error_rate([{"ts": "1969-12-31T23:59:59Z", "level": "INFO"}], window=60) == [(-60, 0, 1)], "floor, not truncation, before 1970"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-empty-windows"}
def error_rate(records, window=60):
    errors, totals = {}, {}
    for record in records:
        start = int(datetime.fromisoformat(record["ts"]).timestamp() // window) * window
        totals[start] = totals.get(start, 0) + 1
        if LEVELS[record["level"]] >= LEVELS["ERROR"]:
            errors[start] = errors.get(start, 0) + 1
    return [(start, errors.get(start, 0), totals[start]) for start in sorted(totals)]


# %% course={"kind": "wrong", "id": "truncated-division", "fails": ["t2"]}
def error_rate(records, window=60):
    errors, totals = {}, {}
    for record in records:
        start = int(datetime.fromisoformat(record["ts"]).timestamp() / window) * window
        totals[start] = totals.get(start, 0) + 1
        if LEVELS[record["level"]] >= LEVELS["ERROR"]:
            errors[start] = errors.get(start, 0) + 1
    if not totals:
        return []
    return [(start, errors.get(start, 0), totals.get(start, 0)) for start in range(min(totals), max(totals) + window, window)]


# %% course={"kind": "wrong", "id": "rounded-start"}
def error_rate(records, window=60):
    errors, totals = {}, {}
    for record in records:
        start = round(datetime.fromisoformat(record["ts"]).timestamp() / window) * window
        totals[start] = totals.get(start, 0) + 1
        if LEVELS[record["level"]] >= LEVELS["ERROR"]:
            errors[start] = errors.get(start, 0) + 1
    if not totals:
        return []
    return [(start, errors.get(start, 0), totals.get(start, 0)) for start in range(min(totals), max(totals) + window, window)]


# %% [markdown] course={"kind": "exercise", "id": "patterns", "item": "project-18-1-1"}
# ### Pattern extraction: the most common message shapes
#
# Write `top_patterns(messages, n)` that turns each message into its **pattern** and returns the `n` most common
# patterns as a list of `(pattern, count)` tuples, most common first, ties in alphabetical order of the pattern.
# The pattern replaces, in this order:
#
# 1. UUIDs (`8-4-4-4-12` hex digits, any case) with `<UUID>`;
# 2. IPv4 addresses (four dot-separated numbers) with `<IP>`;
# 3. hex words of 8 or more hex digits that contain at least one digit (`9f3a2c1b`) with `<HEX>`;
# 4. numbers (`42`, `3.5`, `-7`) that stand alone as a word with `<NUM>`;
#
# and leaves everything else alone (`v2`, `h2o`, `deadbeefcafe` without a digit, `ERROR`). `n <= 0` gives `[]`.
#
# Example: `top_patterns(["took 12 ms", "took 7 ms", "from 10.0.0.1"], 5)` returns
# `[("took <NUM> ms", 2), ("from <IP>", 1)]`.

# %% [markdown] course={"kind": "hint"}
# Four compiled regular expressions applied one after the other with `.sub`, then a `collections.Counter`; sort its
# items with the key `(-count, pattern)` and slice `[:n]` (`Counter.most_common` breaks ties by first appearance).

# %% [markdown] course={"kind": "hint"}
# Word edges matter: `\b` on both sides. Numbers: `(?<![\w.-])-?\d+(\.\d+)?(?![\w.])` so that the `2` of `v2` and
# the parts of an address already replaced are not touched. UUID: `[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}`.

# %% course={"kind": "solution"}
UUID = re.compile(r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
HEXWORD = re.compile(r"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b")
NUMBER = re.compile(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.])")


def top_patterns(messages: Iterable[str], n: int) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    counts: Counter[str] = Counter()
    for message in messages:
        for regex, placeholder in ((UUID, "<UUID>"), (IPV4, "<IP>"), (HEXWORD, "<HEX>"), (NUMBER, "<NUM>")):
            message = regex.sub(placeholder, message)
        counts[message] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(n, 0)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = top_patterns(["took 12 ms", "took 7 ms", "from 10.0.0.1"], 5)
assert _got == [("took <NUM> ms", 2), ("from <IP>", 1)], _got
assert type(_got) is list and type(_got[0]) is tuple

# %% course={"kind": "test", "points": 2}
_msgs = ["job 3f2b8c1e-0a4d-4e5f-9a6b-7c8d9e0f1a2b done", "job 3F2B8C1E-0A4D-4E5F-9A6B-7C8D9E0F1A2B done",
         "user 9f3a2c1b in", "user 0000aaaa in", "temp -7 and 3.5", "temp 12 and -0.25"]
assert top_patterns(_msgs, 10) == [("job <UUID> done", 2), ("temp <NUM> and <NUM>", 2), ("user <HEX> in", 2)], top_patterns(_msgs, 10)
### BEGIN HIDDEN TESTS
_keep = ["v2 of h2o", "deadbeefcafe ERROR", "abc123 short", "x1.2.3y", "route /api/v1"]
assert top_patterns(_keep, 10) == sorted((m, 1) for m in _keep), top_patterns(_keep, 10)
assert top_patterns(["a 1", "b 2", "b 3", "a 4", "c 5"], 2) == [("a <NUM>", 2), ("b <NUM>", 2)], "ties alphabetical, then cut at n"
assert top_patterns(["up 1.2.3.4:80", "up 10.20.30.40:8080"], 3) == [("up <IP>:<NUM>", 2)]
assert top_patterns(["x"], 1) == [("x", 1)]
assert top_patterns([], 3) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert top_patterns(["z 1", "a 2"], 0) == [] and top_patterns(["z 1"], -1) == [], "n <= 0 gives an empty list"
### BEGIN HIDDEN TESTS
assert top_patterns(iter(["b 1", "a 1", "b 2"]), 1) == [("b <NUM>", 2)], "a generator works; most common first"
assert top_patterns(["b", "a", "c"], 2) == [("a", 1), ("b", 1)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "numbers-first"}
UUID = re.compile(r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
HEXWORD = re.compile(r"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b")
NUMBER = re.compile(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.])")


def top_patterns(messages, n):
    counts = Counter()
    for message in messages:
        for regex, placeholder in ((re.compile(r"\d+"), "<NUM>"), (UUID, "<UUID>"), (IPV4, "<IP>")):
            message = regex.sub(placeholder, message)
        counts[message] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


# %% course={"kind": "wrong", "id": "loose-hex-and-numbers", "fails": ["t2"]}
UUID = re.compile(r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
HEXWORD = re.compile(r"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b")
NUMBER = re.compile(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.])")


def top_patterns(messages, n):
    counts = Counter()
    for message in messages:
        message = UUID.sub("<UUID>", message)
        message = IPV4.sub("<IP>", message)
        message = re.sub(r"\b[0-9a-fA-F]{8,}\b", "<HEX>", message)
        message = re.sub(r"-?\d+(\.\d+)?", "<NUM>", message)
        counts[message] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(n, 0)]


# %% course={"kind": "wrong", "id": "most-common-ties", "fails": ["t2", "t3"]}
UUID = re.compile(r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
HEXWORD = re.compile(r"\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b")
NUMBER = re.compile(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.])")


def top_patterns(messages, n):
    counts = Counter()
    for message in messages:
        for regex, placeholder in ((UUID, "<UUID>"), (IPV4, "<IP>"), (HEXWORD, "<HEX>"), (NUMBER, "<NUM>")):
            message = regex.sub(placeholder, message)
        counts[message] += 1
    return counts.most_common(n) if n > 0 else []


# %% [markdown] course={"kind": "exercise", "id": "tail", "item": "project-18-1-2"}
# ### A shipper's tail reader that survives rotation
#
# Write `class Tail` with `Tail(path)`, `read()` and `close()`, the heart of a log shipper:
#
# - `read()` returns the **complete** new lines (a `list` of `str`, without `"\n"`) written since the last call;
#   a last line without its `"\n"` yet is kept back until it is complete. Lines come back exactly as written
#   otherwise (an empty line is `""`, a `"\r"` before the `"\n"` stays). A missing file gives `[]`.
# - **truncation** (the file at `path` is the same file but now shorter than what was read): start again at 0;
# - **rotation** (`path` now names a *different* file: another inode, see `os.stat`): first return the rest of the
#   old file's complete lines, then read the new file from its start, in the same call.
#   (A file truncated and then refilled past the old offset between two reads cannot be told apart by size: a
#   shipper that compares sizes has the same blind spot with `copytruncate`, one reason to prefer rotation by
#   renaming.)
# - `close()` closes the open file (calling it twice is fine), and a rotated file is closed before it is dropped.
#
# Example: write `"a\nb"`, `read()` → `["a"]`; append `"c\n"`, `read()` → `["bc"]`. Files are UTF-8.

# %% [markdown] course={"kind": "hint"}
# Keep the open file object, its `(st_dev, st_ino)` and a `pending` string. In `read()`: stat the path; if there is
# no open file, open it. Read what is new with `f.read()`. Split on `"\n"`: all parts but the last are lines, the
# last is the new `pending`.

# %% [markdown] course={"kind": "hint"}
# Rotation: when the path's identity differs from the open file's, read the rest of the old file first, close it and
# open the new one. Truncation: `os.fstat(f.fileno()).st_size < f.tell()` means `f.seek(0)` and drop `pending`.
# Open in text mode with `newline=""` (so `"\r\n"` is not turned into `"\n"` behind your back) or in binary and decode.

# %% course={"kind": "solution", "equivalent": {"m-417440cf": "identity is read only while a file is open, and opening one sets it first"}}
class Tail:
    def __init__(self, path: Path) -> None:
        ### BEGIN SOLUTION
        self.path = Path(path)
        self.file: Any = None
        self.identity: tuple[int, int] | None = None
        self.pending = ""
        ### END SOLUTION

    def read(self) -> list[str]:
        ### BEGIN SOLUTION
        text = ""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            info = None
        if self.file is not None and info is not None and (info.st_dev, info.st_ino) != self.identity:
            text += self.file.read()  # the rest of the rotated file
            self.file.close()
            self.file = None
        if self.file is None:
            if info is None:
                return self._lines(text)
            self.file = open(self.path, encoding="utf-8", newline="")  # noqa: SIM115
            stat = os.fstat(self.file.fileno())
            self.identity = (stat.st_dev, stat.st_ino)
        elif os.fstat(self.file.fileno()).st_size < self.file.tell():
            self.file.seek(0)
            self.pending = ""
        text += self.file.read()
        return self._lines(text)

    def _lines(self, text: str) -> list[str]:
        parts = (self.pending + text).split("\n")
        self.pending = parts.pop()
        return parts
        ### END SOLUTION

    def close(self) -> None:
        ### BEGIN SOLUTION
        if self.file is not None:
            self.file.close()
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_dir = scratch_dir("logs-18-1-tail")
_p = _dir / "t1.log"
_p.write_text("a\nb", encoding="utf-8")
_t = Tail(_p)
try:
    assert _t.read() == ["a"], "a line without its newline waits"
    with open(_p, "a", encoding="utf-8") as _f:
        _f.write("c\nd\n")
    assert _t.read() == ["bc", "d"], "the rest of the line joins what was kept back"
    assert _t.read() == [], "nothing new, nothing returned"
finally:
    _t.close()

# %% course={"kind": "test", "points": 1}
_p = _dir / "t2.log"
_t = Tail(_p)
try:
    assert _t.read() == [], "a missing file gives []"
    _p.write_text("é\n", encoding="utf-8")
    assert _t.read() == ["é"], "the file appeared; UTF-8"
finally:
    _t.close()
### BEGIN HIDDEN TESTS
_p = _dir / "t2b.log"
_p.write_text("x\r\ny\n\n", encoding="utf-8")
_t = Tail(_p)
try:
    assert _t.read() == ["x\r", "y", ""], "keep lines exactly as written, empty ones too"
    assert type(_t.read()) is list
finally:
    _t.close()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_p = _dir / "t3.log"
_p.write_text("one\ntwo\n", encoding="utf-8")
_t = Tail(_p)
try:
    assert _t.read() == ["one", "two"]
    with open(_p, "a", encoding="utf-8") as _f:
        _f.write("three\n")
    _p.rename(_dir / "t3.log.1")
    _p.write_text("new-1\nnew-2\n", encoding="utf-8")
    with unclosed_files() as _leaks:
        assert _t.read() == ["three", "new-1", "new-2"], "after rotation: the old file's rest, then the new file"
    assert _leaks == [], f"close the rotated file before you drop it: {_leaks}"
    with open(_p, "a", encoding="utf-8") as _f:
        _f.write("new-3\n")
    assert _t.read() == ["new-3"], "and then it follows the new file"
finally:
    _t.close()

# %% course={"kind": "test", "points": 2}
_p = _dir / "t4.log"
_p.write_text("long line one\nlong line two\n", encoding="utf-8")
_t = Tail(_p)
try:
    assert _t.read() == ["long line one", "long line two"]
    with open(_p, "w", encoding="utf-8") as _f:  # copytruncate: same file, emptied
        _f.write("fresh\n")
    assert _t.read() == ["fresh"], "after truncation, read from the start again"
finally:
    _t.close()
### BEGIN HIDDEN TESTS
_p = _dir / "t5.log"
_p.write_text("keep\npart", encoding="utf-8")
_t = Tail(_p)
try:
    assert _t.read() == ["keep"]
    with open(_p, "w", encoding="utf-8") as _f:
        _f.write("x\n")
    assert _t.read() == ["x"], "a kept-back half line does not survive truncation"
    _p.rename(_dir / "t5.log.1")
    assert _t.read() == [], "rotated away and no new file yet"
    _p.write_text("y\n", encoding="utf-8")
    assert _t.read() == ["y"]
    with unclosed_files() as _leaks:
        _t.close()
        _t.close()
        _t = None
    assert _leaks == [], f"close() must close the file: {_leaks}"
finally:
    if _t is not None:
        _t.close()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reopen-by-path-only"}
class Tail:
    def __init__(self, path):
        self.path, self.offset, self.pending, self.file = Path(path), 0, "", None

    def read(self):
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8", newline="") as f:
            if os.fstat(f.fileno()).st_size < self.offset:
                self.offset, self.pending = 0, ""
            f.seek(self.offset)
            text = f.read()
            self.offset = f.tell()
        parts = (self.pending + text).split("\n")
        self.pending = parts.pop()
        return parts

    def close(self):
        pass


# %% course={"kind": "wrong", "id": "rotation-drops-old-rest", "fails": ["t3"]}
class Tail:
    def __init__(self, path):
        self.path, self.file, self.identity, self.pending = Path(path), None, None, ""

    def read(self):
        info = os.stat(self.path) if self.path.exists() else None
        if self.file is not None and info is not None and (info.st_dev, info.st_ino) != self.identity:
            self.file.close()  # rotated: switch to the new file at once
            self.file, self.pending = None, ""
        if self.file is None:
            if info is None:
                return []
            self.file = open(self.path, encoding="utf-8", newline="")  # noqa: SIM115
            self.identity = (info.st_dev, info.st_ino)
        elif os.fstat(self.file.fileno()).st_size < self.file.tell():
            self.file.seek(0)
            self.pending = ""
        parts = (self.pending + self.file.read()).split("\n")
        self.pending = parts.pop()
        return parts

    def close(self):
        if self.file is not None:
            self.file.close()


# %% course={"kind": "wrong", "id": "rotated-file-left-open", "fails": ["t3"]}
class Tail:
    def __init__(self, path):
        self.path, self.file, self.identity, self.pending = Path(path), None, None, ""

    def read(self):
        text = ""
        info = os.stat(self.path) if self.path.exists() else None
        if self.file is not None and info is not None and (info.st_dev, info.st_ino) != self.identity:
            text += self.file.read()
            self.file = None  # dropped without close(): the descriptor stays open until garbage collection
        if self.file is None:
            if info is None:
                parts = (self.pending + text).split("\n")
                self.pending = parts.pop()
                return parts
            self.file = open(self.path, encoding="utf-8", newline="")  # noqa: SIM115
            self.identity = (info.st_dev, info.st_ino)
        elif os.fstat(self.file.fileno()).st_size < self.file.tell():
            self.file.seek(0)
            self.pending = ""
        text += self.file.read()
        parts = (self.pending + text).split("\n")
        self.pending = parts.pop()
        return parts

    def close(self):
        if self.file is not None:
            self.file.close()


# %% course={"kind": "wrong", "id": "no-truncation-check", "fails": ["t4"]}
class Tail:
    def __init__(self, path):
        self.path, self.file, self.identity, self.pending = Path(path), None, None, ""

    def read(self):
        text = ""
        info = os.stat(self.path) if self.path.exists() else None
        if self.file is not None and info is not None and (info.st_dev, info.st_ino) != self.identity:
            text += self.file.read()
            self.file.close()
            self.file = None
        if self.file is None:
            if info is None:
                parts = (self.pending + text).split("\n")
                self.pending = parts.pop()
                return parts
            self.file = open(self.path, encoding="utf-8", newline="")  # noqa: SIM115
            self.identity = (info.st_dev, info.st_ino)
        text += self.file.read()
        parts = (self.pending + text).split("\n")
        self.pending = parts.pop()
        return parts

    def close(self):
        if self.file is not None:
            self.file.close()
            self.file = None


# %% [markdown] course={"kind": "task", "id": "log-analysis-tool", "points": 3, "item": "project-18-1-1"}
# ### Project 18.1.1: a log analysis tool
#
# Put the pieces together as a command-line tool `loganalyze FILE... [--since T] [--level L] [--window 60]`:
# parse every file with `parse_lines` (report the skipped count per file), filter with `query`, print the ten most
# common message patterns (the placeholder idea of the analysis lesson), the error rate per window from
# `error_rate`, and flag as an anomaly every window whose error count is more than three times the mean of the
# windows before it (with at least five windows of history). Write the report as text and, with `--json`, as one
# JSON document. Test it on a file you generate with known anomalies.

# %% [markdown] course={"kind": "rubric"}
# Full marks: parsing and querying reuse the exercises' functions; corrupt lines are counted not fatal; the anomaly
# rule is stated and tested on a generated file (one injected spike found, no false alarm on a steady file);
# patterns group numbers and ids; the JSON output parses. Deduct for reading whole files into memory twice, or for
# an anomaly rule that looks at the window it is judging when computing its baseline.

# %% [markdown] course={"kind": "task", "id": "central-logging", "points": 3, "item": "project-18-1-2"}
# ### Project 18.1.2: a centralized logging setup
#
# Write a small package `applog` with `setup(service, *, json=True, level="info", sample=None)` that configures
# `structlog` once for an application: JSON to stdout (the twelve-factor default), the correlation id processor,
# the redaction processor, a rate limit or a 1-in-N sampler for routine events (`sample=`), and an optional second
# handler that writes to a rotating file. Then write a shipper script that follows that file with your `Tail`,
# batches lines (at most N lines or T seconds, whichever first) and sends each batch to a sink function (print it as
# an Elasticsearch `_bulk` body: an action line and a document line per event). Measure the cost per event of a
# disabled `debug` call and of an enabled `info` call with `timeit`, and explain the numbers.

# %% [markdown] course={"kind": "rubric"}
# Full marks: `setup` is idempotent (calling it twice does not double lines); the processors run in a sensible
# order (context before redaction, redaction before rendering); sampling never drops errors; the shipper survives
# rotation and flushes the last partial batch at exit; the `_bulk` body is valid NDJSON; the timing shows the
# disabled call far cheaper and the writeup says why. Deduct for global state that tests cannot reset.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-structured-logging"}
# Each log call produces an *event*: a constant event name plus key-value fields, rendered as one JSON object per
# line. In Python I use `structlog` (or a JSON formatter on stdlib `logging`): a processor chain adds the level, an
# ISO UTC timestamp, the service name and version, context bound for the request (`contextvars`), formats exception
# tracebacks into a field, redacts secrets and renders JSON in production (a readable console renderer in
# development). Configuration happens once at start-up; libraries only get a logger. Field names follow a shared
# schema (for example the Elastic Common Schema or OpenTelemetry's names) so queries work across services.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-log-volume-in"}
# Decide what a line is worth before paying for it: INFO for meaningful events only, DEBUG off in production but
# switchable per service at run time; metrics instead of lines for things you only count; sampling of routine
# success lines (keep all errors and a share of successes, or tail-based: keep whole requests that failed or were
# slow); rate-limiting of repeats with a "N suppressed" summary; buffering and batching in the shipper, dropping
# DEBUG first under back-pressure; short hot retention with cheap archive storage for the rest; dashboards of
# ingested GB per service so the noisiest sources are visible and owned.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-correlation-id-and-why-is-it"}
# A unique id given to one request (or job) when it enters the system, taken from an incoming header when present
# (`X-Request-ID`, or the trace id of W3C `traceparent`), passed on in the headers of every call it makes, and added
# to every log line it causes, in every service. It turns millions of interleaved lines from many pods into the
# story of one request: find one error, query its id, see everything that happened before it. In Python it lives in
# a `contextvars.ContextVar` so concurrent requests (asyncio tasks, threads given a copied context) never mix ids,
# and it is returned to the client so a support ticket can quote it.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-debug-issues-using-logs"}
# Start from the symptom's time and service: query errors in that window (level and service fields), group them by
# message pattern to see what is new or spiking compared with a normal hour, pick one failing request and follow
# its correlation id across services, then widen: the same pattern on other hosts, versions or customers (fields
# make that one query each). Compare with metrics and traces for the same window, form a hypothesis, and confirm it
# with a query that should return nothing if the hypothesis is wrong. Afterwards, add the log field or line that
# would have made it quicker.
