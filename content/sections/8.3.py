# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can set up logging for a service the way production needs it:
# named loggers, levels, handlers with rotation, `dictConfig` per environment, JSON lines with
# request ids, secrets redacted, work kept off the hot path, and every handler you add removed again.

# %% course={"kind": "setup", "id": "fresh-logger"}
# The logging module keeps its loggers in one registry for the whole process, so a handler added in
# one cell is still there in the next. Every demo and test here uses its own logger name: fresh_logger
# hands it over clean, release_logger removes (and closes) what the cell added. queue_listener_threads
# lists the threads QueueListener objects are running, and no other thread.
import logging

from course.runtime.logs import fresh_logger, queue_listener_threads, release_logger

# %% [markdown] course={"kind": "lesson", "id": "logging-module", "covers": ["c-logging-module", "c-log-levels-debug-info-warning-error", "c-basicconfig-for-simple-setup", "c-logger-objects", "c-handlers-streamhandler-filehandler", "c-formatters-log-message-formatting", "c-filters-conditional-logging"]}
# ### The `logging` module: loggers, levels, handlers, formatters, filters
#
# `print()` writes text to one place, always. `logging` splits the job in four parts so that the
# *code* says what happened and the *configuration* decides what to keep and where it goes:
#
# | part | made with | decides |
# |---|---|---|
# | **logger** | `logging.getLogger("billing")` | the name and the first level check; your code calls `.info(...)` on it |
# | **handler** | `StreamHandler`, `FileHandler`, `RotatingFileHandler`, ... | where a record goes (stderr, a file, a queue, a socket), with its own level |
# | **formatter** | `logging.Formatter("%(levelname)s %(name)s: %(message)s")` | how a record becomes text |
# | **filter** | a `logging.Filter` subclass, or any function taking a record | drop a record (return false) or change it (add fields, redact); from Python 3.12 it may also return a new `LogRecord` to use instead |
#
# The **levels** are numbers: `DEBUG` 10, `INFO` 20, `WARNING` 30, `ERROR` 40, `CRITICAL` 50. A
# record passes a logger or handler whose level is at most its own. A logger with no level of its own
# (`NOTSET`, 0) uses its parent's, up to the root logger, whose default is `WARNING`: that is why
# `logger.info()` seems to print nothing at first.
#
# `logging.basicConfig(level=..., format=...)` is the one-line setup for scripts: it gives the
# **root** logger a `StreamHandler` to stderr. It does nothing at all when the root logger already
# has a handler (unless you pass `force=True`), which is the usual surprise in notebooks and in
# libraries that call it on import. In a DevOps tool you call it once in `main()`, never in a module
# other code imports. The thing people get wrong: they attach handlers in library code, or call
# `basicConfig` many times, and then wonder why lines appear twice or not at all.

# %% course={"kind": "demo"}
import io
import sys

log = fresh_logger("demo.deploy")
log.propagate = False  # keep this demo's lines out of the notebook's root logger
log.setLevel(logging.DEBUG)  # the logger lets everything through...

console = logging.StreamHandler(sys.stdout)
console.setLevel(logging.INFO)  # ...but this handler keeps INFO and above
console.setFormatter(logging.Formatter("[console] %(levelname)-8s %(name)s: %(message)s"))
log.addHandler(console)

debug_copy = io.StringIO()
everything = logging.StreamHandler(debug_copy)  # a second handler that keeps DEBUG too
everything.setFormatter(logging.Formatter("%(levelno)d|%(message)s"))
log.addHandler(everything)


def only_web(record: logging.LogRecord) -> bool:  # a filter can be a plain function (3.2+)
    return not record.getMessage().startswith("db:")


console.addFilter(only_web)

log.debug("resolved %d hosts", 3)
log.info("deploying %s to %s", "api", "staging")
log.info("db: migration 42 applied")  # filtered out of the console, kept in the copy
log.warning("canary error rate %.1f%%", 2.5)
print("the StringIO handler kept:", debug_copy.getvalue().splitlines())
print("levels are numbers:", [(name, logging.getLevelName(name)) for name in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")])
release_logger("demo.deploy")  # remove both handlers and the filter: the next cell starts clean
print("after clean-up:", log.handlers, log.level, log.propagate)

# %% [markdown] course={"kind": "text"}
# `basicConfig` changes the **root** logger, which everything shares. To show it without breaking
# the notebook we save the root logger's state and put it back afterwards. The second call is
# ignored because the first one already gave root a handler.

# %% course={"kind": "demo"}
root = logging.getLogger()
saved = (root.handlers[:], root.level)
first, second = io.StringIO(), io.StringIO()
try:
    logging.basicConfig(stream=first, level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s", force=True)
    logging.basicConfig(stream=second, level=logging.DEBUG)  # root has a handler now: ignored
    logging.getLogger("demo.basic").info("written by the first configuration")
    logging.getLogger("demo.basic").debug("root is still at INFO, so this is dropped")
finally:
    for handler in root.handlers[:]:
        root.removeHandler(handler)
        handler.close()
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
print("first stream: ", first.getvalue().splitlines())
print("second stream:", second.getvalue().splitlines())

# %% [markdown] course={"kind": "lesson", "id": "hierarchy", "covers": ["c-logger-hierarchy", "c-root-logger", "c-named-loggers", "c-logger-propagation"]}
# ### The logger hierarchy: root, named loggers, propagation
#
# Logger names are dotted paths, and the dots make a tree: `shop.db` is a child of `shop`, which
# is a child of the **root** logger (`logging.getLogger()`, no name). `getLogger(name)` always
# returns the same object for the same name, so the usual line at the top of a module,
# `log = logging.getLogger(__name__)`, gives every module a logger named after its import path
# (`myapp.storage.s3`) for free.
#
# A record created in `shop.db` is first checked against the *effective level* of `shop.db` (its own
# level, or the nearest ancestor's). If it passes, it goes to the handlers of `shop.db`, then
# **propagates** to the handlers of `shop`, then to root's, until a logger with `propagate = False`
# stops it. The ancestors' *levels* are not checked on the way up, only their handlers' levels.
#
# So the rule for applications: put handlers on **one** logger (root, or your app's top logger),
# and set levels on the others. The classic bug is a handler on both `shop` and root: every line
# appears twice. If no handler is found at all, Python's "last resort" handler prints
# `WARNING` and above to stderr, bare, without any format.

# %% course={"kind": "demo"}
shop = fresh_logger("demo.shop")
db = logging.getLogger("demo.shop.db")
print("parent of demo.shop.db:", db.parent.name, "| same object each time:", db is logging.getLogger("demo.shop.db"))
print("effective level before:", logging.getLevelName(db.getEffectiveLevel()), "= root's level:", logging.getLevelName(logging.getLogger().level))
shop.setLevel(logging.INFO)
print("effective level after shop.setLevel(INFO):", logging.getLevelName(db.getEffectiveLevel()))

lines = io.StringIO()
to_lines = logging.StreamHandler(lines)
to_lines.setFormatter(logging.Formatter("%(name)s | %(message)s"))
shop.addHandler(to_lines)
shop.propagate = False  # stop at demo.shop, the notebook's root handlers never see it
db.info("query took %d ms", 12)  # made in demo.shop.db, handled by demo.shop's handler
db.debug("dropped: below demo.shop.db's effective level INFO")

db.addHandler(to_lines)  # the classic mistake: a handler on the child too
db.info("this line appears twice")
release_logger("demo.shop")  # cleans demo.shop and demo.shop.db
print(lines.getvalue(), end="")

# %% [markdown] course={"kind": "lesson", "id": "configuration", "covers": ["c-configuration", "c-dictconfig-dictionary-configuration", "c-configuration-from-files", "c-environment-based-configuration"]}
# ### Configuration: `dictConfig`, files and environment variables
#
# Wiring handlers in code gets long, and it is the part that changes between a laptop, CI and
# production. `logging.config.dictConfig(config)` builds the whole setup from one dict with a fixed
# shape: `"version": 1`, then `formatters`, `filters`, `handlers` and `loggers` (and `root`), each
# a dict of named entries that refer to one another by name. A handler's `"class"` is a dotted
# import path; `"stream": "ext://sys.stdout"` names an object to import.
#
# Because it is a plain dict, the configuration can come from **a file** (`json.load`, or YAML with
# the PyYAML package; the older `logging.config.fileConfig` reads an INI file) and be adjusted from
# **environment variables** before it is applied, e.g. `LOG_LEVEL=DEBUG` for one run without a
# redeploy. Two things bite everyone:
#
# - `disable_existing_loggers` defaults to **`True`**: every logger that already exists and is not
#   named in the config is switched off, including those of libraries imported earlier. Set it to
#   `False` unless you really mean it.
# - `dictConfig` (not in `"incremental"` mode) closes **every** handler in the process before it
#   builds the new ones. Call it once, at start-up.

# %% course={"kind": "demo"}
import json
import logging.config
import os
import pathlib
import tempfile

config_text = """{
  "version": 1,
  "disable_existing_loggers": false,
  "formatters": {"short": {"format": "%(levelname)s %(name)s: %(message)s"}},
  "handlers": {"out": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "short"}},
  "loggers": {"demo.conf": {"level": "INFO", "handlers": ["out"], "propagate": false}}
}"""
with tempfile.TemporaryDirectory() as folder:
    path = pathlib.Path(folder) / "logging.json"
    path.write_text(config_text, encoding="utf-8")
    config = json.loads(path.read_text(encoding="utf-8"))  # configuration from a file

level_from_env = os.environ.get("DEMO_LOG_LEVEL", "").strip().upper()  # set it to DEBUG and rerun
if level_from_env:
    config["loggers"]["demo.conf"]["level"] = level_from_env
logging.config.dictConfig(config)
logging.getLogger("demo.conf").info("configured from %s", path.name)
logging.getLogger("demo.conf.cache").debug("shown only when DEMO_LOG_LEVEL=DEBUG")
release_logger("demo.conf")
print("handlers left on demo.conf:", logging.getLogger("demo.conf").handlers)

# %% [markdown] course={"kind": "text"}
# The `disable_existing_loggers` trap, shown and undone: `demo.earlier` exists before the
# configuration that does not name it, and is silenced by it.

# %% course={"kind": "demo"}
earlier = fresh_logger("demo.earlier")
disabled_before = {n: lg.disabled for n, lg in logging.root.manager.loggerDict.items() if isinstance(lg, logging.Logger)}
logging.config.dictConfig({"version": 1, "loggers": {"demo.other": {"level": "INFO"}}})  # the default: True
print("demo.earlier disabled by a config that never mentions it:", earlier.disabled)
for name, was in disabled_before.items():  # put every logger back as it was
    logging.getLogger(name).disabled = was
release_logger("demo.earlier")
release_logger("demo.other")
print("restored:", earlier.disabled)

# %% [markdown] course={"kind": "lesson", "id": "structured", "covers": ["c-structured-logging", "c-json-logging", "c-key-value-pairs", "c-structlog-library"]}
# ### Structured logging: JSON lines and key=value pairs
#
# A line like `payment failed for order 1142 after 3 retries` is easy to read and hard to query:
# to count failures per order you need a regular expression, and it breaks when someone rewords the
# message. **Structured** logs keep the data as fields: one JSON object per line (JSON Lines),
# or `key=value` pairs (the "logfmt" style). Loki, Elasticsearch, CloudWatch Logs Insights and
# `jq` can then filter `level="error" and order_id=1142` directly.
#
# The standard library has no JSON formatter, but writing one takes a few lines: a `Formatter`
# subclass whose `format(record)` builds a dict and returns `json.dumps(...)`. Fields you pass with
# `extra={"order_id": 1142}` become attributes of the `LogRecord`, so the formatter finds them in
# `record.__dict__`. Keep the message constant (`"payment failed"`) and put the changing values in
# fields: that is what makes logs groupable.
#
# The **`structlog`** library (a separate package; section 18.1 puts it to work) is built around
# the same idea: `log.info("deployed", version="1.4.2")` takes key-value pairs directly,
# `log.bind(service="api")` returns a logger that adds those pairs to every event, and a chain of
# *processors* (add the level, add a timestamp, render JSON) turns each event dict into the output
# line. We checked this configuration with structlog 26.1:
#
# ```python
# structlog.configure(processors=[structlog.contextvars.merge_contextvars,
#                                 structlog.processors.add_log_level,
#                                 structlog.processors.TimeStamper(fmt="iso", utc=True),
#                                 structlog.processors.JSONRenderer()])
# structlog.get_logger().bind(service="api").info("deployed", version="1.4.2")
# # {"service": "api", "version": "1.4.2", "event": "deployed", "level": "info", "timestamp": "..."}
# ```
#
# The common mistake: a field that `json.dumps` cannot encode (a `datetime`, a `Path`, a `Decimal`)
# raises inside the handler, and `logging` prints a "--- Logging error ---" report to stderr
# instead of your line. Pass `default=str` to `json.dumps`.

# %% course={"kind": "demo"}
import datetime

STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}  # taskName: a field from 3.12 on


class DemoJson(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        doc |= {k: v for k, v in vars(record).items() if k not in STANDARD}  # the extra= fields
        return json.dumps(doc, default=str)


class DemoKeyValue(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        pairs = {"level": record.levelname.lower(), "msg": record.getMessage()}
        pairs |= {k: v for k, v in vars(record).items() if k not in STANDARD}
        return " ".join(f"{k}={json.dumps(str(v)) if ' ' in str(v) else v}" for k, v in pairs.items())


pay = fresh_logger("demo.payments")
pay.propagate = False
for formatter in (DemoJson(), DemoKeyValue()):
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    pay.addHandler(handler)
    pay.warning("payment failed", extra={"order_id": 1142, "retries": 3, "due": datetime.date(2026, 1, 31)})
    pay.removeHandler(handler)
    handler.close()
release_logger("demo.payments")
print("fields not in a plain LogRecord:", sorted(set(vars(logging.makeLogRecord({"order_id": 1}))) - STANDARD))

# %% [markdown] course={"kind": "lesson", "id": "aggregation", "covers": ["c-log-aggregation", "c-centralized-logging-concepts", "c-log-shipping", "c-log-levels-in-production-72dd8c"]}
# ### Log aggregation: getting lines from many machines into one place
#
# With one server you `ssh` in and `grep`. With forty pods that restart and move, the logs must be
# **centralized**: every process writes, an agent **ships** the lines to a store, and people search
# there.
#
# ```text
#  app (JSON on stdout) --> container runtime file --> agent (Fluent Bit, Vector, Promtail,
#                                                      the CloudWatch / Datadog agent)
#                            --> store + index (Loki, Elasticsearch/OpenSearch, CloudWatch Logs)
#                            --> search, dashboards, alerts
# ```
#
# The application's part is small: write **one structured event per line to stdout** (the
# twelve-factor rule) or to a local file that rotates, and let the agent do the shipping, the
# retries and the buffering. Shipping straight from the app over the network (an HTTP handler, a
# `SysLogHandler`) is possible, but then a slow collector slows every request. If you must, put a
# queue in between: `QueueHandler` only puts the record on a `queue.Queue` (fast), and a
# `QueueListener` thread takes records off and calls the real, slow handlers. Stop the listener at
# shutdown, or the records still in the queue are lost.
#
# **Levels in production**: `INFO` for your own service (start-up, each request or job, decisions),
# `WARNING` for chatty libraries (`logging.getLogger("urllib3").setLevel(logging.WARNING)`),
# `DEBUG` only switched on for a while, for one component, when you are chasing a bug. The store
# charges by the gigabyte, and an alert is only as good as the `ERROR` lines behind it: log `ERROR`
# when someone should look, not for every retry that succeeded.

# %% course={"kind": "demo"}
import logging.handlers
import queue
import threading


class SlowCollector(logging.Handler):
    """Stands in for a network handler: it remembers which thread did the sending."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.received.append((threading.current_thread().name, record.getMessage()))


ship = fresh_logger("demo.ship")
ship.propagate = False
ship.setLevel(logging.INFO)  # without it, root's WARNING would drop these INFO lines
records: queue.Queue = queue.Queue()
collector = SlowCollector()
ship.addHandler(logging.handlers.QueueHandler(records))  # the request thread only enqueues
listener = logging.handlers.QueueListener(records, collector)
listener.start()
try:
    for n in range(3):
        ship.info("request %d served", n)
finally:
    listener.stop()  # waits until the queue is empty, then ends the thread
    release_logger("demo.ship")
print("logged from:", threading.current_thread().name)
for sender, message in collector.received:
    print(f"  {message!r} sent by {sender}")
print("QueueListener threads still running:", queue_listener_threads())

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-what-to-log", "c-what-not-to-log-pii-secrets", "c-log-levels-in-production-04e1f8", "c-performance-considerations", "c-correlation-ids"]}
# ### Best practices: what to log, what never to log, and what it costs
#
# **What to log**: events someone will ask about during an incident. Start-up with the effective
# configuration (version, environment, feature flags, never the secrets), each request or job with
# its outcome and duration, decisions the code made (retrying, falling back, skipping), and every
# error **with its traceback**: inside `except`, `logger.exception("upload failed")` logs at `ERROR`
# and appends the traceback; `logger.error(str(err))` throws the traceback away.
#
# **What NOT to log**: passwords, API keys, tokens, session cookies, `Authorization` headers,
# connection strings with passwords in them, and personal data (emails, names, addresses, card
# numbers) unless you have a reason and a retention policy. Logs are copied to many places and kept
# for months; a leaked token in a log is a leaked token. Do not log whole request bodies or whole
# config objects. A **redaction filter** on the handler is the safety net, not the plan.
#
# **Levels in production**: see the aggregation lesson: `INFO` for your code, `WARNING` for noisy
# libraries, `DEBUG` switched on briefly and narrowly.
#
# **Performance**: a disabled call costs little, *if you let logging do the formatting*. Write
# `log.debug("state: %s", state)`, not `log.debug(f"state: {state}")`: the f-string builds the text
# before `debug` even runs, while `%s` arguments are only formatted when a handler really emits the
# record. For a value that is expensive to *compute* (not just to format), guard it with
# `if log.isEnabledFor(logging.DEBUG):`. Handlers that write to the network belong behind a queue.
#
# **Correlation ids**: one request touches many functions, threads and services; give it an id
# (take the incoming `X-Request-ID` header or make one) and put it on every line, so that one search
# finds the whole story. A `contextvars.ContextVar` holds "the current request id" per thread and
# per asyncio task, and a filter copies it onto each record. `logging.LoggerAdapter(logger,
# {"request_id": ...})` does the same for one logger object you pass around; its dict replaces any
# `extra=` you give in a call (on 3.11 and 3.12 always; 3.13 adds `merge_extra=True` to merge them).

# %% course={"kind": "demo"}
class Expensive:
    """Counts how often logging turns it into text."""

    def __init__(self) -> None:
        self.str_calls = 0

    def __str__(self) -> str:
        self.str_calls += 1
        return "<a large model summary>"


perf = fresh_logger("demo.perf")
perf.setLevel(logging.INFO)  # DEBUG is switched off
state = Expensive()
for _ in range(1000):
    perf.debug(f"state: {state}")  # the f-string formats before debug() can say no
print("f-string: __str__ called", state.str_calls, "times for 0 lines written")
state = Expensive()
for _ in range(1000):
    perf.debug("state: %s", state)  # formatting waits for a handler that emits the record
release_logger("demo.perf")
print("%s args: __str__ called", state.str_calls, "times")

# %% course={"kind": "demo"}
import contextvars
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("demo_request_id", default="-")


def add_request_id(record: logging.LogRecord) -> bool:
    record.request_id = request_id.get()
    return True  # a filter that returns a false value drops the record


SECRET = re.compile(r"(?i)\b(password|token|api_key)=\S+")


def redact(record: logging.LogRecord) -> bool:
    record.msg, record.args = SECRET.sub(r"\1=***", record.getMessage()), None
    return True


api = fresh_logger("demo.api")
api.propagate = False
api.setLevel(logging.INFO)
out = logging.StreamHandler(sys.stdout)
out.setFormatter(logging.Formatter("%(levelname)s [%(request_id)s] %(message)s"))
out.addFilter(add_request_id)
out.addFilter(redact)
api.addHandler(out)

token = request_id.set("req-7f3a")
try:
    api.info("login user=%s password=%s", "ana", "hunter2")
    try:
        {"replicas": 3}["replica"]
    except KeyError:
        api.exception("scaling failed")  # ERROR plus the traceback
finally:
    request_id.reset(token)
api.info("outside any request")
adapter = logging.LoggerAdapter(api, {"job": "nightly-backup"})
adapter.warning("disk %d%% full", 91)  # through api's handler: the filters still run
release_logger("demo.api")
print("LoggerAdapter adds its dict as extra:", adapter.process("msg", {}))

# %% [markdown] course={"kind": "exercise", "id": "rotating-log", "item": "x-set-up-logging-with-file-rotation"}
# ### Log to a file that rotates, and clean up after yourself
#
# A job that runs for weeks must not fill the disk. Write the context manager
# `rotating_log(name, path, max_bytes, backups)`. For the duration of the `with` block:
#
# - logger `name` sends every record from `DEBUG` up to `path` through a
#   `logging.handlers.RotatingFileHandler` that starts a new file before one would reach
#   `max_bytes`, keeps `backups` old files (`path.1` is the newest of them, `path.<backups>` the
#   oldest) and writes UTF-8;
# - each line reads `LEVEL name: message`, e.g. `INFO etl.load: loaded 42 rows`;
# - the block receives the logger (`with rotating_log(...) as log:`).
#
# When the block ends, **also when it raises**, remove and close the handler you added and give the
# logger back the level it had. Leave its other handlers and its `propagate` alone. `backups` is at
# least 1.
#
# ```python
# with rotating_log("etl.load", folder / "etl.log", max_bytes=1000, backups=3) as log:
#     log.debug("loaded %d rows", 42)      # etl.log gets "DEBUG etl.load: loaded 42 rows"
# ```

# %% [markdown] course={"kind": "hint"}
# A `@contextlib.contextmanager` generator: set up, `yield` the logger inside `try:`, and undo
# everything in `finally:`. Remember the old level with `logger.level` before you change it.

# %% [markdown] course={"kind": "hint"}
# `RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")`. With the
# default `backupCount=0` it never rotates at all. Undo with `logger.removeHandler(handler)`, then
# `handler.close()` (it closes the file), then `logger.setLevel(old_level)`. (A single line longer
# than `maxBytes` is still written whole; Python 3.11 and 3.12 first rotate the empty file and leave
# an empty backup behind, 3.13 does not.)

# %% course={"kind": "solution"}
import contextlib
import logging
import logging.handlers
import pathlib
from collections.abc import Iterator


@contextlib.contextmanager
def rotating_log(name: str, path: pathlib.Path, max_bytes: int, backups: int) -> Iterator[logging.Logger]:
    ### BEGIN SOLUTION
    logger = logging.getLogger(name)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(old_level)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import pathlib, tempfile
quiet = fresh_logger("ex.rot")
quiet.propagate = False  # the tests' records stop at ex.rot
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / "etl.log"
    with rotating_log("ex.rot", path, max_bytes=105, backups=2) as log:
        assert log is logging.getLogger("ex.rot"), "the block receives logger `name`"
        for i in range(12):
            log.debug("row batch %02d loaded", i)  # each line is 34 bytes: 3 fit below 105
    files = sorted(p.name for p in pathlib.Path(tmp).iterdir())
    assert files == ["etl.log", "etl.log.1", "etl.log.2"], f"expected the file and 2 backups, found {files}"
    assert path.read_text(encoding="utf-8") == "DEBUG ex.rot: row batch 09 loaded\nDEBUG ex.rot: row batch 10 loaded\nDEBUG ex.rot: row batch 11 loaded\n", "etl.log holds the newest lines, as `LEVEL name: message`"
    ### BEGIN HIDDEN TESTS
    assert (pathlib.Path(tmp) / "etl.log.1").read_text(encoding="utf-8").splitlines() == [f"DEBUG ex.rot: row batch {i:02d} loaded" for i in (6, 7, 8)]
    assert (pathlib.Path(tmp) / "etl.log.2").read_text(encoding="utf-8").splitlines() == [f"DEBUG ex.rot: row batch {i:02d} loaded" for i in (3, 4, 5)]
    assert all((pathlib.Path(tmp) / f).stat().st_size < 105 for f in files)
    big = pathlib.Path(tmp) / "big.log"
    with rotating_log("ex.rot", big, max_bytes=10_000, backups=1) as log:
        for i in range(50):
            log.info("x %d", i)
    assert sorted(p.name for p in pathlib.Path(tmp).glob("big.log*")) == ["big.log"], "no rotation below max_bytes"
    one = pathlib.Path(tmp) / "one.log"
    with rotating_log("ex.rot", one, max_bytes=60, backups=1) as log:
        for i in range(6):
            log.warning("w %d", i)
    assert sorted(p.name for p in pathlib.Path(tmp).glob("one.log*")) == ["one.log", "one.log.1"]
    assert one.read_text(encoding="utf-8").splitlines()[-1] == "WARNING ex.rot: w 5"
    ### END HIDDEN TESTS
release_logger("ex.rot")

# %% course={"kind": "test", "points": 2}
import pathlib, tempfile
outer = fresh_logger("ex.rot")
outer.propagate = False
kept = logging.NullHandler()
outer.addHandler(kept)
outer.setLevel(logging.ERROR)
with tempfile.TemporaryDirectory() as tmp:
    try:
        with rotating_log("ex.rot", pathlib.Path(tmp) / "job.log", max_bytes=1000, backups=1) as log:
            added = [h for h in log.handlers if h is not kept]
            raise ValueError("job crashed")
    except ValueError as err:
        assert str(err) == "job crashed", "the block's exception reaches the caller"
    else:
        raise AssertionError("the exception must not be swallowed")
    assert outer.handlers == [kept], "after the block only the handlers that were there before remain"
    assert outer.level == logging.ERROR, "the logger gets its old level back"
    assert outer.propagate is False, "propagate is left alone"
    ### BEGIN HIDDEN TESTS
    assert len(added) == 1 and isinstance(added[0], logging.handlers.RotatingFileHandler)
    assert added[0].stream is None, "the handler is closed (its file is no longer open)"
    assert added[0].encoding.replace("-", "").lower() == "utf8"
    outer.setLevel(logging.NOTSET)
    with rotating_log("ex.rot", pathlib.Path(tmp) / "ok.log", max_bytes=1000, backups=1) as log:
        log.debug("é ✓ 日本")
        assert log.level == logging.DEBUG
    assert outer.level == logging.NOTSET and outer.handlers == [kept]
    assert (pathlib.Path(tmp) / "ok.log").read_text(encoding="utf-8") == "DEBUG ex.rot: é ✓ 日本\n"
    ### END HIDDEN TESTS
release_logger("ex.rot")

# %% course={"kind": "wrong", "id": "plain-file-handler", "fails": ["t1", "t2"]}
import pathlib
import contextlib
import logging


@contextlib.contextmanager
def rotating_log(name, path, max_bytes, backups):
    logger = logging.getLogger(name)
    handler = logging.FileHandler(path, encoding="utf-8")  # grows for ever
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(old_level)

# %% course={"kind": "wrong", "id": "no-backup-count", "fails": ["t1"]}
import pathlib
import contextlib
import logging
import logging.handlers


@contextlib.contextmanager
def rotating_log(name, path, max_bytes, backups):
    logger = logging.getLogger(name)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, encoding="utf-8")  # backupCount=0: never rotates
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(old_level)

# %% course={"kind": "wrong", "id": "level-left-alone", "fails": ["t1", "t2"]}
import pathlib
import contextlib
import logging
import logging.handlers


@contextlib.contextmanager
def rotating_log(name, path, max_bytes, backups):
    logger = logging.getLogger(name)  # still WARNING (from root): the DEBUG lines vanish
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        handler.close()

# %% course={"kind": "wrong", "id": "cleanup-without-finally", "fails": ["t2"]}
import pathlib
import contextlib
import logging
import logging.handlers


@contextlib.contextmanager
def rotating_log(name, path, max_bytes, backups):
    logger = logging.getLogger(name)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield logger  # an exception in the block skips the clean-up below
    logger.removeHandler(handler)
    handler.close()
    logger.setLevel(old_level)

# %% [markdown] course={"kind": "exercise", "id": "dict-config", "item": "x-create-a-logging-configuration-using"}
# ### A `dictConfig` for one service
#
# Write `service_config(service, log_file, console_level="INFO")`, which returns a dict for
# `logging.config.dictConfig` (and nothing but plain dicts, lists, strings and bools, so that it
# could be stored as a JSON file):
#
# - schema version 1, and loggers that already exist stay enabled;
# - a formatter `"brief"`: `%(levelname)s %(name)s: %(message)s`, and a formatter `"detailed"`:
#   `%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s` with dates like `2026-05-04T13:02:59`;
# - a handler `"console"`: a `logging.StreamHandler` writing to `ext://sys.stdout` with `"brief"`,
#   at `console_level` (any case: `"warning"` works too);
# - a handler `"file"`: a `logging.FileHandler` on `log_file`, UTF-8, with `"detailed"`, at `DEBUG`;
# - the logger `service` at `DEBUG` with both handlers, **not propagating**; the root logger is not
#   configured at all (no `"root"` key).
#
# ```python
# logging.config.dictConfig(service_config("billing", "/tmp/billing.log", "warning"))
# logging.getLogger("billing.api").warning("slow")  # stdout: WARNING billing.api: slow  (and the file)
# ```

# %% [markdown] course={"kind": "hint"}
# The top-level keys are `version`, `disable_existing_loggers`, `formatters`, `handlers` and
# `loggers`. Handlers name their formatter by its key; the logger lists its handlers by their keys.

# %% [markdown] course={"kind": "hint"}
# A formatter entry takes `"format"` and `"datefmt"` (`"%Y-%m-%dT%H:%M:%S"`). A handler entry takes
# `"class"`, `"level"`, `"formatter"`, and any other key is passed to the class: `"stream"`, or
# `"filename"` and `"encoding"`. `disable_existing_loggers` must be `False`: its default is `True`.

# %% course={"kind": "solution"}
from typing import Any


def service_config(service: str, log_file: str, console_level: str = "INFO") -> dict[str, Any]:
    ### BEGIN SOLUTION
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "brief": {"format": "%(levelname)s %(name)s: %(message)s"},
            "detailed": {
                "format": "%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s",
                "datefmt": "%Y-%m-%dT%H:%M:%S",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "brief",
                "level": console_level.upper(),
            },
            "file": {
                "class": "logging.FileHandler",
                "filename": log_file,
                "encoding": "utf-8",
                "formatter": "detailed",
                "level": "DEBUG",
            },
        },
        "loggers": {service: {"level": "DEBUG", "handlers": ["console", "file"], "propagate": False}},
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import contextlib, io, json, logging.config, pathlib, re, tempfile
release_logger("ex.cfg")
with tempfile.TemporaryDirectory() as tmp:
    log_file = str(pathlib.Path(tmp) / "svc.log")
    config = service_config("ex.cfg.svc", log_file)
    assert json.loads(json.dumps(config)) == config, "the config is plain data (it could live in a JSON file)"
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        logging.config.dictConfig(config)
        logging.getLogger("ex.cfg.svc.api").debug("cache warm")
        logging.getLogger("ex.cfg.svc.api").info("started on port %d", 8080)
    assert shown.getvalue() == "INFO ex.cfg.svc.api: started on port 8080\n", "the console shows INFO and above, as `LEVEL name: message`"
    release_logger("ex.cfg")  # closes the file handler
    lines = pathlib.Path(log_file).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2, "the file keeps DEBUG too"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d DEBUG ex\.cfg\.svc\.api:\d+ cache warm", lines[0]), f"detailed format expected, got {lines[0]!r}"
    ### BEGIN HIDDEN TESTS
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d INFO ex\.cfg\.svc\.api:\d+ started on port 8080", lines[1])
    assert config["handlers"]["file"]["encoding"].replace("-", "").lower() == "utf8"
    unicode_file = str(pathlib.Path(tmp) / "u.log")
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        logging.config.dictConfig(service_config("ex.cfg.ü", unicode_file, "warning"))
        logging.getLogger("ex.cfg.ü").info("not on the console")
        logging.getLogger("ex.cfg.ü").warning("naïve ✓")
        logging.getLogger("ex.cfg.ü").error("")
    assert shown.getvalue() == "WARNING ex.cfg.ü: naïve ✓\nERROR ex.cfg.ü: \n", "console_level in any case"
    release_logger("ex.cfg")
    assert [line.split(" ", 2)[1] for line in pathlib.Path(unicode_file).read_text(encoding="utf-8").splitlines()] == ["INFO", "WARNING", "ERROR"]
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        logging.config.dictConfig(service_config("ex.cfg.x", str(pathlib.Path(tmp) / "x.log"), "Error"))
        logging.getLogger("ex.cfg.x").warning("no")
        logging.getLogger("ex.cfg.x").critical("yes")
    assert shown.getvalue() == "CRITICAL ex.cfg.x: yes\n"
    ### END HIDDEN TESTS
release_logger("ex.cfg")

# %% course={"kind": "test", "points": 2}
import contextlib, io, logging.config, pathlib, tempfile
parent = fresh_logger("ex.cfg")
seen = io.StringIO()
parent.addHandler(logging.StreamHandler(seen))
bystander = fresh_logger("ex.bystander")
root_handlers = logging.getLogger().handlers[:]
with tempfile.TemporaryDirectory() as tmp:
    config = service_config("ex.cfg.svc", str(pathlib.Path(tmp) / "svc.log"))
    with contextlib.redirect_stdout(io.StringIO()):
        logging.config.dictConfig(config)
        logging.getLogger("ex.cfg.svc").error("disk full")
    assert bystander.disabled is False, "a logger that existed before must stay enabled"
    assert seen.getvalue() == "", "the service logger does not propagate to its parent's handlers"
    assert "root" not in config and logging.getLogger().handlers == root_handlers, "the root logger is left alone"
    ### BEGIN HIDDEN TESTS
    assert config["disable_existing_loggers"] is False and config["version"] == 1
    svc = logging.getLogger("ex.cfg.svc")
    assert svc.level == logging.DEBUG and svc.propagate is False
    assert sorted(type(h).__name__ for h in svc.handlers) == ["FileHandler", "StreamHandler"]
    assert set(config["loggers"]) == {"ex.cfg.svc"}
    ### END HIDDEN TESTS
release_logger("ex.cfg")
release_logger("ex.bystander")

# %% course={"kind": "wrong", "id": "disables-existing", "fails": ["t2"]}
def service_config(service, log_file, console_level="INFO"):
    return {
        "version": 1,  # disable_existing_loggers left at its default, True
        "formatters": {
            "brief": {"format": "%(levelname)s %(name)s: %(message)s"},
            "detailed": {"format": "%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "brief", "level": console_level.upper()},
            "file": {"class": "logging.FileHandler", "filename": log_file, "encoding": "utf-8", "formatter": "detailed", "level": "DEBUG"},
        },
        "loggers": {service: {"level": "DEBUG", "handlers": ["console", "file"], "propagate": False}},
    }

# %% course={"kind": "wrong", "id": "logger-at-console-level", "fails": ["t1", "t2"]}
def service_config(service, log_file, console_level="INFO"):
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "brief": {"format": "%(levelname)s %(name)s: %(message)s"},
            "detailed": {"format": "%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "brief"},
            "file": {"class": "logging.FileHandler", "filename": log_file, "encoding": "utf-8", "formatter": "detailed"},
        },
        # the logger's level filters before any handler: the file never sees DEBUG
        "loggers": {service: {"level": console_level.upper(), "handlers": ["console", "file"], "propagate": False}},
    }

# %% course={"kind": "wrong", "id": "configures-root", "fails": ["t2"]}
def service_config(service, log_file, console_level="INFO"):
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "brief": {"format": "%(levelname)s %(name)s: %(message)s"},
            "detailed": {"format": "%(asctime)s %(levelname)s %(name)s:%(lineno)d %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "brief", "level": console_level.upper()},
            "file": {"class": "logging.FileHandler", "filename": log_file, "encoding": "utf-8", "formatter": "detailed", "level": "DEBUG"},
        },
        "root": {"level": "DEBUG", "handlers": ["console", "file"]},  # every library's lines end up here too
        "loggers": {service: {"level": "DEBUG"}},
    }

# %% [markdown] course={"kind": "exercise", "id": "json-formatter", "item": "x-implement-structured-json-logging"}
# ### A JSON formatter: one event per line
#
# Finish `JsonFormatter.format(record)`. It returns **one line** of JSON (no newline inside, even
# for a traceback) holding an object with, in this order:
#
# - `"time"`: `record.created` as UTC ISO 8601 with milliseconds, `"2026-01-01T00:00:00.500+00:00"`;
# - `"level"` (`"INFO"`), `"logger"` (the record's name), `"message"` (the message **with its
#   `%` arguments filled in**);
# - every field passed with `extra=` (the record attributes not in `RECORD_FIELDS`), in the order
#   they were given; a value JSON cannot encode (a `date`, a `Path`) is written as its `str()`;
# - `"exc_info"`: the formatted traceback, only when the record carries an exception.
#
# Non-ASCII text stays readable (`"é"`, not `"\u00e9"`).
#
# ```python
# log.info("user %s logged in", "ana", extra={"ip": "10.0.0.7"})
# # {"time": "...", "level": "INFO", "logger": "auth", "message": "user ana logged in", "ip": "10.0.0.7"}
# ```

# %% [markdown] course={"kind": "hint"}
# `record.getMessage()` merges `record.msg` with `record.args`. `vars(record)` is a dict of every
# attribute; keep the ones whose name is not in `RECORD_FIELDS`.

# %% [markdown] course={"kind": "hint"}
# `datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds")`.
# `self.formatException(record.exc_info)` gives the traceback text; `json.dumps(doc,
# ensure_ascii=False, default=str)` escapes its newlines as `\n` and copes with odd values.

# %% course={"kind": "solution"}
import datetime
import json
import logging

# the attributes every LogRecord has (taskName is one from Python 3.12 on: listed here so that
# 3.11 gives the same set); "message" and "asctime" are added by Formatter.format
RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ### BEGIN SOLUTION
        doc = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in RECORD_FIELDS:
                doc[key] = value
        if record.exc_info:
            doc["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import json, logging
record = logging.makeLogRecord({"name": "auth", "levelno": 20, "levelname": "INFO", "msg": "user %s logged in", "args": ("ana",), "created": 1767225600.5, "msecs": 500.0, "ip": "10.0.0.7"})
line = JsonFormatter().format(record)
assert type(line) is str and "\n" not in line, "one line of text"
assert json.loads(line) == {"time": "2026-01-01T00:00:00.500+00:00", "level": "INFO", "logger": "auth", "message": "user ana logged in", "ip": "10.0.0.7"}, f"got {line}"
assert list(json.loads(line)) == ["time", "level", "logger", "message", "ip"], "keys in the stated order"
### BEGIN HIDDEN TESTS
zero = logging.makeLogRecord({"name": "z", "levelno": 40, "levelname": "ERROR", "msg": "done", "created": 0.0, "msecs": 0.0})
assert json.loads(JsonFormatter().format(zero)) == {"time": "1970-01-01T00:00:00.000+00:00", "level": "ERROR", "logger": "z", "message": "done"}
late = logging.makeLogRecord({"name": "z", "levelname": "DEBUG", "msg": "%d%%", "args": (50,), "created": 1767225599.999, "msecs": 999.0})
assert json.loads(JsonFormatter().format(late))["time"] == "2025-12-31T23:59:59.999+00:00"
assert json.loads(JsonFormatter().format(late))["message"] == "50%"
mapping = logging.makeLogRecord({"name": "z", "levelname": "INFO", "msg": "%(n)s items", "args": {"n": 3}, "created": 0.0, "msecs": 0.0})
assert json.loads(JsonFormatter().format(mapping))["message"] == "3 items"
import os, time
if hasattr(time, "tzset"):  # Unix: run the formatter as if the machine's clock were at UTC+05:30
    saved_tz = os.environ.get("TZ")
    os.environ["TZ"] = "XST-05:30"
    time.tzset()
    try:
        shifted = JsonFormatter().format(record)
    finally:
        if saved_tz is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved_tz
        time.tzset()
    assert json.loads(shifted)["time"] == "2026-01-01T00:00:00.500+00:00", f"the time is UTC whatever the machine's time zone, got {json.loads(shifted)['time']}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import datetime, io, json, logging, pathlib
JsonFormatter().format(logging.makeLogRecord({"msg": "probe"}))  # fails here, not inside a handler
log = fresh_logger("ex.json")
log.propagate = False
log.setLevel(logging.DEBUG)
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(JsonFormatter())
log.addHandler(handler)
log.warning("payment failed", extra={"order_id": 1142, "due": datetime.date(2026, 1, 31), "retries": 0, "note": ""})
doc = json.loads(stream.getvalue())
assert {k: doc[k] for k in ("order_id", "due", "retries", "note")} == {"order_id": 1142, "due": "2026-01-31", "retries": 0, "note": ""}, f"extra fields, a date as text, falsy values kept; got {doc}"
assert list(doc)[4:] == ["order_id", "due", "retries", "note"], "extra fields follow the four fixed keys, in the order given"
### BEGIN HIDDEN TESTS
stream.seek(0); stream.truncate()
log.info("déploiement ✓ %s", "東京", extra={"path": pathlib.PurePosixPath("/srv/app"), "tags": ["a", "é"], "none": None})
raw = stream.getvalue()
assert "déploiement ✓ 東京" in raw and "\\u" not in raw, "non-ASCII stays readable"
doc = json.loads(raw)
assert doc["path"] == "/srv/app" and doc["tags"] == ["a", "é"] and doc["none"] is None and "exc_info" not in doc
assert set(doc) == {"time", "level", "logger", "message", "path", "tags", "none"}
### END HIDDEN TESTS
release_logger("ex.json")

# %% course={"kind": "test", "points": 1}
import io, json, logging
JsonFormatter().format(logging.makeLogRecord({"msg": "probe"}))  # fails here, not inside a handler
log = fresh_logger("ex.json")
log.propagate = False
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(JsonFormatter())
log.addHandler(handler)
try:
    {"replicas": 3}["replica"]
except KeyError:
    log.exception("scaling failed")
lines = stream.getvalue().splitlines()
assert len(lines) == 1, "the traceback stays inside the one JSON line"
doc = json.loads(lines[0])
assert doc["level"] == "ERROR" and doc["exc_info"].startswith("Traceback (most recent call last):") and doc["exc_info"].endswith("KeyError: 'replica'"), f"exc_info holds the traceback, got {doc.get('exc_info')!r}"
### BEGIN HIDDEN TESTS
assert list(doc) == ["time", "level", "logger", "message", "exc_info"]
### END HIDDEN TESTS
release_logger("ex.json")

# %% course={"kind": "wrong", "id": "raw-msg", "fails": ["t1", "t2"]}
import datetime
import json
import logging

RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        doc = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.msg,  # the template, without its arguments
        }
        doc.update((k, v) for k, v in vars(record).items() if k not in RECORD_FIELDS)
        if record.exc_info:
            doc["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)

# %% course={"kind": "wrong", "id": "no-extras", "fails": ["t1", "t2"]}
import datetime
import json
import logging

RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        doc = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            doc["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)

# %% course={"kind": "wrong", "id": "no-default-str", "fails": ["t2"]}
import datetime
import json
import logging

RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        doc = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        doc.update((k, v) for k, v in vars(record).items() if k not in RECORD_FIELDS)
        if record.exc_info:
            doc["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(doc)  # a date raises TypeError; and "é" becomes "\u00e9"

# %% course={"kind": "wrong", "id": "super-format-traceback", "fails": ["t3"]}
import datetime
import json
import logging

RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        doc = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        doc.update((k, v) for k, v in vars(record).items() if k not in RECORD_FIELDS)
        line = json.dumps(doc, ensure_ascii=False, default=str)
        if record.exc_info:  # the traceback after the JSON, on lines of its own
            line += "\n" + self.formatException(record.exc_info)
        return line

# %% course={"kind": "wrong", "id": "local-time-labelled-utc", "fails": ["t1"]}
import datetime
import json
import logging

RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        local = datetime.datetime.fromtimestamp(record.created)  # the machine's time zone, only right on a UTC server
        doc = {
            "time": local.isoformat(timespec="milliseconds") + "+00:00",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        doc.update((k, v) for k, v in vars(record).items() if k not in RECORD_FIELDS)
        if record.exc_info:
            doc["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)

# %% [markdown] course={"kind": "exercise", "id": "request-ids", "item": "x-add-correlation-ids-to-log-messages"}
# ### Correlation ids with `contextvars`
#
# Every line a request writes should carry its id, without passing the id to every function.
# `request_id_var` (given) holds the current id; it is `"-"` outside any request. Write:
#
# - `RequestIdFilter`, a `logging.Filter` whose `filter(record)` copies the current id onto the
#   record as `record.request_id` and lets the record through, so that a format string can use
#   `%(request_id)s`;
# - `request_context(request_id=None)`, a context manager that makes `request_id` the current id
#   for the block (a new 12-character hex id from `uuid.uuid4().hex` when it is `None`; an empty
#   string is a given id too) and yields it. Afterwards the id is what it was before: nested blocks
#   restore the outer id, also when the block raises. Concurrent asyncio tasks each see their own id.
#
# ```python
# handler.addFilter(RequestIdFilter())              # format "%(request_id)s %(message)s"
# with request_context("req-1"):
#     log.info("charging card")                     # req-1 charging card
# log.info("idle")                                  # - idle
# ```

# %% [markdown] course={"kind": "hint"}
# `token = request_id_var.set(value)` returns a token; `request_id_var.reset(token)` puts back the
# value from before that `set`. Do the reset in a `finally:`.

# %% [markdown] course={"kind": "hint"}
# `if request_id is None:` (not `if not request_id:`, which would replace `""`). A filter drops the
# record when `filter()` returns a false value, so end with `return True`.

# %% course={"kind": "solution"}
import contextlib
import contextvars
import logging
import uuid
from collections.abc import Iterator

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        ### BEGIN SOLUTION
        record.request_id = request_id_var.get()
        return True
        ### END SOLUTION


@contextlib.contextmanager
def request_context(request_id: str | None = None) -> Iterator[str]:
    ### BEGIN SOLUTION
    if request_id is None:
        request_id = uuid.uuid4().hex[:12]
    token = request_id_var.set(request_id)
    try:
        yield request_id
    finally:
        request_id_var.reset(token)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import io, logging
log = fresh_logger("ex.rid")
log.propagate = False
log.setLevel(logging.INFO)
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(request_id)s %(message)s"))
handler.addFilter(RequestIdFilter())
log.addHandler(handler)
with request_context("req-1") as rid:
    log.info("charging card")
    with request_context("req-2"):
        log.info("calling the bank")
    log.info("card charged")
log.info("idle")
assert rid == "req-1", "the block receives the id"
assert stream.getvalue().splitlines() == ["req-1 charging card", "req-2 calling the bank", "req-1 card charged", "- idle"], f"got {stream.getvalue().splitlines()}"
### BEGIN HIDDEN TESTS
stream.seek(0); stream.truncate()
with request_context("") as empty:
    log.warning("blank id")
assert empty == "" and stream.getvalue() == " blank id\n", "an empty string is a given id"
stream.seek(0); stream.truncate()
try:
    with request_context("req-9"):
        raise ValueError("boom")
except ValueError:
    pass
else:
    raise AssertionError("the exception must reach the caller")
log.info("after failure")
assert stream.getvalue() == "- after failure\n", "the id is restored when the block raises"
assert request_id_var.get() == "-"
### END HIDDEN TESTS
release_logger("ex.rid")

# %% course={"kind": "test", "points": 1}
import re
with request_context() as first:
    assert request_id_var.get() == first
with request_context() as second:
    pass
assert type(first) is str and re.fullmatch(r"[0-9a-f]{12}", first), f"a new id is 12 hex characters, got {first!r}"
assert first != second, "each request gets its own new id"
assert request_id_var.get() == "-"

# %% course={"kind": "test", "points": 2}
import asyncio, io, logging, threading
with request_context("probe"):  # fails here, not inside the worker thread
    RequestIdFilter().filter(logging.makeLogRecord({}))
log = fresh_logger("ex.rid")
log.propagate = False
log.setLevel(logging.INFO)
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(request_id)s %(message)s"))
handler.addFilter(RequestIdFilter())
log.addHandler(handler)


async def serve(rid: str) -> None:
    with request_context(rid):
        for step in range(2):
            log.info("step %d", step)
            await asyncio.sleep(0)  # let the other request run


async def two_requests() -> None:
    await asyncio.gather(serve("a"), serve("b"))


worker = threading.Thread(target=asyncio.run, args=(two_requests(),))  # its own event loop, also inside Jupyter
worker.start()
worker.join()
assert stream.getvalue().splitlines() == ["a step 0", "b step 0", "a step 1", "b step 1"], f"each task keeps its own id, got {stream.getvalue().splitlines()}"
release_logger("ex.rid")

# %% course={"kind": "wrong", "id": "global-variable", "fails": ["t3"]}
import contextlib
import contextvars
import logging
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")

current = "-"


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current
        return True


@contextlib.contextmanager
def request_context(request_id=None):
    global current
    if request_id is None:
        request_id = uuid.uuid4().hex[:12]
    previous, current = current, request_id
    request_id_var.set(current)
    try:
        yield request_id
    finally:
        current = previous
        request_id_var.set(previous)

# %% course={"kind": "wrong", "id": "set-without-reset", "fails": ["t1", "t2"]}
import contextlib
import contextvars
import logging
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


@contextlib.contextmanager
def request_context(request_id=None):
    if request_id is None:
        request_id = uuid.uuid4().hex[:12]
    request_id_var.set(request_id)  # never put back
    yield request_id

# %% course={"kind": "wrong", "id": "empty-id-replaced", "fails": ["t1"]}
import contextlib
import contextvars
import logging
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


@contextlib.contextmanager
def request_context(request_id=None):
    request_id = request_id or uuid.uuid4().hex[:12]
    token = request_id_var.set(request_id)
    try:
        yield request_id
    finally:
        request_id_var.reset(token)

# %% course={"kind": "wrong", "id": "filter-returns-none", "fails": ["t1", "t3"]}
import contextlib
import contextvars
import logging
import uuid

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()  # no return: None drops every record


@contextlib.contextmanager
def request_context(request_id=None):
    if request_id is None:
        request_id = uuid.uuid4().hex[:12]
    token = request_id_var.set(request_id)
    try:
        yield request_id
    finally:
        request_id_var.reset(token)

# %% [markdown] course={"kind": "exercise", "id": "env-settings", "item": "x-create-environment-specific-logging"}
# ### Logging settings per environment
#
# The same image runs on a laptop, in staging and in production; only the environment variables
# differ. Write `settings_from_env(environ)`, which reads a mapping such as `os.environ` (and never
# changes it) and returns a `LogSettings(env, level, json)`:
#
# - `APP_ENV` is `dev`, `staging` or `prod`, in any case and with spaces around it ignored; when it
#   is missing **or empty** the environment is `dev`. Any other value raises `ValueError` whose
#   message names `APP_ENV`, the value as given, in quotes, and the allowed names:
#   `APP_ENV='qa': expected one of dev, staging, prod`.
# - The environment gives the defaults in `DEFAULTS`: `(level, json)`.
# - `LOG_LEVEL`, when set and not empty, overrides the level: one of the names in `LEVELS`, any
#   case, spaces ignored. Anything else (`"verbose"`, `"10"`, `"WARN"`) raises `ValueError` naming
#   `LOG_LEVEL` and the value as given, in quotes (`LOG_LEVEL='verbose'`).
#
# ```python
# settings_from_env({"APP_ENV": " Prod ", "LOG_LEVEL": "warning"})  # LogSettings(env='prod', level=30, json=True)
# ```

# %% [markdown] course={"kind": "hint"}
# Normalise first: `environ.get("APP_ENV", "").strip().lower()`, and then `or "dev"` turns the
# empty string into the default.

# %% [markdown] course={"kind": "hint"}
# Check a name with `in LEVELS` before you look it up. `getattr(logging, name)` is tempting but
# accepts `WARN`, `FATAL` and even `BASIC_FORMAT`, and `logging.getLevelName("verbose")` returns
# the string `"Level verbose"` instead of failing.

# %% course={"kind": "solution"}
import dataclasses
import logging
from collections.abc import Mapping

DEFAULTS = {"dev": (logging.DEBUG, False), "staging": (logging.DEBUG, True), "prod": (logging.INFO, True)}
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


@dataclasses.dataclass(frozen=True)
class LogSettings:
    env: str
    level: int
    json: bool


def settings_from_env(environ: Mapping[str, str]) -> LogSettings:
    ### BEGIN SOLUTION
    env = environ.get("APP_ENV", "").strip().lower() or "dev"
    if env not in DEFAULTS:
        raise ValueError(f"APP_ENV={environ['APP_ENV']!r}: expected one of {', '.join(DEFAULTS)}")
    level, as_json = DEFAULTS[env]
    wanted = environ.get("LOG_LEVEL", "").strip().upper()
    if wanted:
        if wanted not in LEVELS:
            raise ValueError(f"LOG_LEVEL={environ['LOG_LEVEL']!r}: expected one of {', '.join(LEVELS)}")
        level = LEVELS[wanted]
    return LogSettings(env, level, as_json)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert settings_from_env({"APP_ENV": "prod"}) == LogSettings("prod", logging.INFO, True), "prod: INFO, JSON"
assert settings_from_env({"APP_ENV": "staging"}) == LogSettings("staging", logging.DEBUG, True), "staging: DEBUG, JSON"
assert settings_from_env({}) == LogSettings("dev", logging.DEBUG, False), "no APP_ENV: dev"
### BEGIN HIDDEN TESTS
assert settings_from_env({"APP_ENV": "dev", "OTHER": "x"}) == LogSettings("dev", 10, False)
got = settings_from_env({"APP_ENV": "prod"})
assert type(got) is LogSettings and type(got.level) is int and type(got.json) is bool
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert settings_from_env({"APP_ENV": " Prod ", "LOG_LEVEL": "warning"}) == LogSettings("prod", logging.WARNING, True), "case and spaces do not matter"
assert settings_from_env({"APP_ENV": "", "LOG_LEVEL": ""}) == LogSettings("dev", logging.DEBUG, False), "empty values count as unset"
### BEGIN HIDDEN TESTS
assert settings_from_env({"APP_ENV": "STAGING\n", "LOG_LEVEL": " Error\t"}) == LogSettings("staging", 40, True)
assert settings_from_env({"APP_ENV": "  ", "LOG_LEVEL": "   "}) == LogSettings("dev", 10, False)
for name, number in (("debug", 10), ("INFO", 20), ("Critical", 50)):
    assert settings_from_env({"APP_ENV": "prod", "LOG_LEVEL": name}).level == number
import os, types, unittest.mock
env = {"APP_ENV": " Prod ", "LOG_LEVEL": "warning"}
settings_from_env(env)
assert env == {"APP_ENV": " Prod ", "LOG_LEVEL": "warning"}, "the mapping is not changed"
assert settings_from_env(types.MappingProxyType({"APP_ENV": "prod"})).env == "prod", "any read-only mapping works"
with unittest.mock.patch.dict(os.environ, {"APP_ENV": "prod", "LOG_LEVEL": "ERROR"}):
    assert settings_from_env({}) == LogSettings("dev", 10, False), "read the mapping given, not os.environ"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    settings_from_env({"APP_ENV": "qa"})
except ValueError as err:
    assert "APP_ENV" in str(err) and "'qa'" in str(err) and "prod" in str(err), f"the message names the variable, the value and the choices: {err}"
else:
    raise AssertionError("APP_ENV=qa must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("verbose", "10", "WARN", "FATAL", "BASIC_FORMAT", "NOTSET", "wärning"):
    try:
        settings_from_env({"APP_ENV": "dev", "LOG_LEVEL": bad})
    except ValueError as err:
        assert "LOG_LEVEL" in str(err) and repr(bad) in str(err), str(err)
    else:
        raise AssertionError(f"LOG_LEVEL={bad!r} must raise ValueError")
for bad_env in ("production", "dev2", "d e v"):
    try:
        settings_from_env({"APP_ENV": bad_env})
    except ValueError as err:
        assert repr(bad_env) in str(err)
    else:
        raise AssertionError(bad_env)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "empty-is-invalid", "fails": ["t2"]}
import dataclasses
import logging

DEFAULTS = {"dev": (logging.DEBUG, False), "staging": (logging.DEBUG, True), "prod": (logging.INFO, True)}
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


@dataclasses.dataclass(frozen=True)
class LogSettings:
    env: str
    level: int
    json: bool


def settings_from_env(environ):
    env = environ.get("APP_ENV", "dev").strip().lower()  # APP_ENV="" is not "dev"
    if env not in DEFAULTS:
        raise ValueError(f"APP_ENV={environ['APP_ENV']!r}: expected one of {', '.join(DEFAULTS)}")
    level, as_json = DEFAULTS[env]
    wanted = environ.get("LOG_LEVEL")
    if wanted is not None:
        wanted = wanted.strip().upper()
        if wanted not in LEVELS:
            raise ValueError(f"LOG_LEVEL={environ['LOG_LEVEL']!r}: expected one of {', '.join(LEVELS)}")
        level = LEVELS[wanted]
    return LogSettings(env, level, as_json)

# %% course={"kind": "wrong", "id": "getattr-logging", "fails": ["t3"]}
import dataclasses
import logging

DEFAULTS = {"dev": (logging.DEBUG, False), "staging": (logging.DEBUG, True), "prod": (logging.INFO, True)}
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


@dataclasses.dataclass(frozen=True)
class LogSettings:
    env: str
    level: int
    json: bool


def settings_from_env(environ):
    env = environ.get("APP_ENV", "").strip().lower() or "dev"
    if env not in DEFAULTS:
        raise ValueError(f"APP_ENV={environ['APP_ENV']!r}: expected one of {', '.join(DEFAULTS)}")
    level, as_json = DEFAULTS[env]
    wanted = environ.get("LOG_LEVEL", "").strip().upper()
    if wanted:
        level = getattr(logging, wanted)  # WARN and BASIC_FORMAT pass, "verbose" is an AttributeError
    return LogSettings(env, level, as_json)

# %% course={"kind": "wrong", "id": "no-normalising", "fails": ["t2"]}
import dataclasses
import logging

DEFAULTS = {"dev": (logging.DEBUG, False), "staging": (logging.DEBUG, True), "prod": (logging.INFO, True)}
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL}


@dataclasses.dataclass(frozen=True)
class LogSettings:
    env: str
    level: int
    json: bool


def settings_from_env(environ):
    env = environ.get("APP_ENV") or "dev"
    if env not in DEFAULTS:
        raise ValueError(f"APP_ENV={env!r}: expected one of {', '.join(DEFAULTS)}")
    level, as_json = DEFAULTS[env]
    wanted = environ.get("LOG_LEVEL")
    if wanted:
        if wanted not in LEVELS:
            raise ValueError(f"LOG_LEVEL={wanted!r}: expected one of {', '.join(LEVELS)}")
        level = LEVELS[wanted]
    return LogSettings(env, level, as_json)

# %% [markdown] course={"kind": "exercise", "id": "lazy-epoch-log"}
# ### Log a training epoch without paying for lines nobody reads
#
# A training loop logs every epoch. `str(metrics)` gives a short summary such as `loss=0.2500
# acc=0.900`, and `metrics.details()` builds a long per-layer report that is **slow**. Write
# `log_epoch(logger, epoch, metrics)`:
#
# - an `INFO` line `epoch <epoch> <str(metrics)>`, e.g. `epoch 3 loss=0.2500 acc=0.900`, with the
#   formatting left to `logging` (`%`-style arguments), so that nothing calls `str(metrics)` when
#   `INFO` is switched off;
# - a `DEBUG` line `epoch <epoch> details: <metrics.details()>`, and `details()` is called only when
#   the logger would really handle a `DEBUG` record, whether its level is set on the logger itself
#   or inherited from a parent.
#
# ```python
# log_epoch(logging.getLogger("train"), 3, metrics)   # train at INFO: one line, details() never runs
# ```

# %% [markdown] course={"kind": "hint"}
# `logger.info("epoch %d %s", epoch, metrics)` hands the object to logging, which calls `str()` only
# when a handler formats the record. An f-string formats at once.

# %% [markdown] course={"kind": "hint"}
# `logger.isEnabledFor(logging.DEBUG)` takes the effective level into account (the parent's, when
# the logger has none). `logger.level` is only the logger's own setting, `0` (`NOTSET`) by default.

# %% course={"kind": "solution"}
import logging
from typing import Protocol


class Metrics(Protocol):
    def details(self) -> str: ...


def log_epoch(logger: logging.Logger, epoch: int, metrics: Metrics) -> None:
    ### BEGIN SOLUTION
    logger.info("epoch %d %s", epoch, metrics)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("epoch %d details: %s", epoch, metrics.details())
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import io, logging


class CountingMetrics:
    """What the tests pass as metrics: counts str() and details() calls."""

    def __init__(self, loss: float, acc: float) -> None:
        self.loss, self.acc, self.str_calls, self.details_calls = loss, acc, 0, 0

    def __str__(self) -> str:
        self.str_calls += 1
        return f"loss={self.loss:.4f} acc={self.acc:.3f}"

    def details(self) -> str:
        self.details_calls += 1
        return "layer1=ok layer2=ok"


log = fresh_logger("ex.train")
log.propagate = False
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(handler)
log.setLevel(logging.DEBUG)
m = CountingMetrics(0.25, 0.9)
log_epoch(log, 3, m)
assert stream.getvalue().splitlines() == ["INFO epoch 3 loss=0.2500 acc=0.900", "DEBUG epoch 3 details: layer1=ok layer2=ok"], f"got {stream.getvalue().splitlines()}"
### BEGIN HIDDEN TESTS
assert m.details_calls == 1 and m.str_calls == 1
stream.seek(0); stream.truncate()
log_epoch(log, 0, CountingMetrics(0.0, 1.0))
assert stream.getvalue().splitlines() == ["INFO epoch 0 loss=0.0000 acc=1.000", "DEBUG epoch 0 details: layer1=ok layer2=ok"]
### END HIDDEN TESTS
release_logger("ex.train")

# %% course={"kind": "test", "points": 2}
import io, logging
log = fresh_logger("ex.train")
log.propagate = False
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
log.addHandler(handler)
log.setLevel(logging.WARNING)
m = CountingMetrics(0.5, 0.5)
for epoch in range(100):
    log_epoch(log, epoch, m)
assert stream.getvalue() == "", "nothing is written at WARNING"
assert (m.str_calls, m.details_calls) == (0, 0), f"with INFO off, str() ran {m.str_calls} times and details() {m.details_calls} times"
### BEGIN HIDDEN TESTS
log.setLevel(logging.INFO)
m = CountingMetrics(0.5, 0.5)
log_epoch(log, 7, m)
assert stream.getvalue() == "INFO epoch 7 loss=0.5000 acc=0.500\n" and (m.str_calls, m.details_calls) == (1, 0)
### END HIDDEN TESTS
release_logger("ex.train")

# %% course={"kind": "test", "points": 1}
import io, logging
parent = fresh_logger("ex.train")
parent.propagate = False
stream = io.StringIO()
parent.addHandler(logging.StreamHandler(stream))
child = logging.getLogger("ex.train.gpu0")  # no level of its own: NOTSET
parent.setLevel(logging.WARNING)
m = CountingMetrics(1.0, 0.0)
log_epoch(child, 1, m)
assert m.details_calls == 0, "the child inherits WARNING: details() must not run"
parent.setLevel(logging.DEBUG)
log_epoch(child, 2, m)
assert m.details_calls == 1, "the child inherits DEBUG: details() runs once"
### BEGIN HIDDEN TESTS
assert stream.getvalue().splitlines() == ["epoch 2 loss=1.0000 acc=0.000", "epoch 2 details: layer1=ok layer2=ok"]
### END HIDDEN TESTS
release_logger("ex.train")

# %% course={"kind": "wrong", "id": "f-strings", "fails": ["t2"]}
import logging


def log_epoch(logger, epoch, metrics):
    logger.info(f"epoch {epoch} {metrics}")  # str(metrics) runs before info() can say no
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(f"epoch {epoch} details: {metrics.details()}")

# %% course={"kind": "wrong", "id": "details-always", "fails": ["t2", "t3"]}
def log_epoch(logger, epoch, metrics):
    logger.info("epoch %d %s", epoch, metrics)
    logger.debug("epoch %d details: %s", epoch, metrics.details())  # lazy formatting, eager work

# %% course={"kind": "wrong", "id": "own-level-only", "fails": ["t3"]}
import logging


def log_epoch(logger, epoch, metrics):
    logger.info("epoch %d %s", epoch, metrics)
    if logger.level <= logging.DEBUG:  # NOTSET is 0: true even when the parent is at WARNING
        logger.debug("epoch %d details: %s", epoch, metrics.details())

# %% [markdown] course={"kind": "exercise", "id": "redact-secrets"}
# ### A filter that keeps secrets out of the logs
#
# Someone will, one day, log a connection string or a request with its token. Write the safety net:
#
# 1. `redact(text)` returns `text` with secret values replaced by `***`:
#    - in `key=value` and `key: value` pairs (spaces allowed around `=` and `:`) whose key (letters,
#      digits, `_` and `-`) **ends with** `password`, `passwd`, `token`, `secret`, `api_key` or
#      `apikey`, in any case: `DB_PASSWORD=x`, `github_token: abc`, but not `tokenizer=bert`. The
#      value runs up to the next whitespace, `&`, `,` or `;`;
#    - after the word `Bearer` (any case): `Authorization: Bearer eyJhbGci` keeps `Bearer ***`; the
#      token ends the same way as a value.
# 2. `RedactSecrets`, a `logging.Filter` that redacts the record's **final** message (the secret is
#    usually in the `%` arguments, not in the template), stores it so that every handler after it
#    sees the redacted text, and never drops a record.
#
# ```python
# redact("GET /v1?a=1&token=abc&b=2")                     # 'GET /v1?a=1&token=***&b=2'
# log.info("login user=%s password=%s", "ana", "hunter2")  # login user=ana password=***
# ```

# %% [markdown] course={"kind": "hint"}
# One pattern for the pairs, with three groups (key, separator, value), and the replacement
# `r"\1\2***"`: `(?i)\b([\w-]*(?:password|passwd|token|secret|api_?key))(\s*[=:]\s*)([^\s&,;]+)`.
# A second, smaller pattern for `Bearer`.

# %% [markdown] course={"kind": "hint"}
# In the filter, `record.getMessage()` is the message with its arguments merged. Store the redacted
# text in `record.msg` and set `record.args = ()`: otherwise logging applies the old arguments to
# your new text a second time. Return `True`.

# %% course={"kind": "solution"}
import logging
import re

### BEGIN SOLUTION
SECRET_PAIR = re.compile(r"(?i)\b([\w-]*(?:password|passwd|token|secret|api_?key))(\s*[=:]\s*)([^\s&,;]+)")
BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s&,;]+")
### END SOLUTION


def redact(text: str) -> str:
    ### BEGIN SOLUTION
    return BEARER.sub(r"\1***", SECRET_PAIR.sub(r"\1\2***", text))
    ### END SOLUTION


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        ### BEGIN SOLUTION
        record.msg = redact(record.getMessage())
        record.args = ()
        return True
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert redact("login user=ana password=hunter2") == "login user=ana password=***", "the value after password= is hidden"
assert redact("GET /v1?a=1&token=abc&b=2") == "GET /v1?a=1&token=***&b=2", "a value ends at &"
assert redact("Authorization: Bearer eyJhbGci.x.y") == "Authorization: Bearer ***", "bearer credentials are hidden"
assert redact("tokenizer=bert") == "tokenizer=bert", "only keys that end with a secret word"
### BEGIN HIDDEN TESTS
cases = {
    "DB_PASSWORD=x": "DB_PASSWORD=***",
    "github_token: abc123": "github_token: ***",
    "api_key = k-1, region=eu": "api_key = ***, region=eu",
    "ApiKey=zz;next": "ApiKey=***;next",
    "my-Secret:  s3 next": "my-Secret:  *** next",
    "passwd=ÄÖ ok": "passwd=*** ok",
    "password=x password=y": "password=*** password=***",
    "passwords=a secrets=b": "passwords=a secrets=b",
    "bearer abc, next": "bearer ***, next",
    "BEARER a.b.c&x=1": "BEARER ***&x=1",
    "secret=": "secret=",
    "": "",
    "nothing to hide: user=ana": "nothing to hide: user=ana",
}
for raw, expected in cases.items():
    assert redact(raw) == expected, f"redact({raw!r}) gave {redact(raw)!r}, expected {expected!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import io, logging
log = fresh_logger("ex.redact")
log.propagate = False
log.setLevel(logging.INFO)
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.addFilter(RedactSecrets())
log.addHandler(handler)
log.info("login user=%s password=%s", "ana", "hunter2")
log.warning("disk %d%% full, token=%s", 95, "abc")
assert stream.getvalue().splitlines() == ["login user=ana password=***", "disk 95% full, token=***"], f"got {stream.getvalue().splitlines()}"
### BEGIN HIDDEN TESTS
stream.seek(0); stream.truncate()
second = io.StringIO()
handler2 = logging.StreamHandler(second)
handler2.addFilter(RedactSecrets())
log.addHandler(handler2)
log.info("%s", "100% done, api_key=k1")
log.info("plain line")
assert stream.getvalue() == second.getvalue() == "100% done, api_key=***\nplain line\n", "two filtered handlers see the same text"
### END HIDDEN TESTS
release_logger("ex.redact")

# %% course={"kind": "test", "points": 1}
import logging, sys
record = logging.makeLogRecord({"name": "x", "levelno": 20, "levelname": "INFO", "msg": "connect %s", "args": ("postgres password=pw",)})
assert RedactSecrets().filter(record) is True, "the filter keeps every record"
assert record.getMessage() == "connect postgres password=***", "the record now carries the redacted message"
### BEGIN HIDDEN TESTS
try:
    1 / 0
except ZeroDivisionError:
    info = sys.exc_info()
with_exc = logging.makeLogRecord({"msg": "no secrets here", "exc_info": info})
assert RedactSecrets().filter(with_exc) is True and with_exc.getMessage() == "no secrets here" and with_exc.exc_info is info
mapping = logging.makeLogRecord({"msg": "%(user)s token=%(tok)s", "args": {"user": "bo", "tok": "t0"}})
assert RedactSecrets().filter(mapping) and mapping.getMessage() == "bo token=***"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "template-only", "fails": ["t2", "t3"]}
import logging
import re

SECRET_PAIR = re.compile(r"(?i)\b([\w-]*(?:password|passwd|token|secret|api_?key))(\s*[=:]\s*)([^\s&,;]+)")
BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s&,;]+")


def redact(text):
    return BEARER.sub(r"\1***", SECRET_PAIR.sub(r"\1\2***", text))


class RedactSecrets(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)  # "password=%s": the secret is in record.args
        return True

# %% course={"kind": "wrong", "id": "args-kept", "fails": ["t2", "t3"]}
import logging
import re

SECRET_PAIR = re.compile(r"(?i)\b([\w-]*(?:password|passwd|token|secret|api_?key))(\s*[=:]\s*)([^\s&,;]+)")
BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s&,;]+")


def redact(text):
    return BEARER.sub(r"\1***", SECRET_PAIR.sub(r"\1\2***", text))


class RedactSecrets(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.getMessage())  # the old args get applied to this text again
        return True

# %% course={"kind": "wrong", "id": "case-sensitive-greedy", "fails": ["t1"]}
import logging
import re

SECRET_PAIR = re.compile(r"\b(password|token|secret|api_key)=\S+")


def redact(text):
    return re.sub(r"Bearer \S+", "Bearer ***", SECRET_PAIR.sub(r"\1=***", text))


class RedactSecrets(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = ()
        return True

# %% [markdown] course={"kind": "exercise", "id": "queued-logging"}
# ### Move slow handlers off the request path
#
# A handler that talks to the network makes every `log.info()` wait for it. Write the context
# manager `queued(logger, *handlers)`: for the duration of the block, the logger gets one
# `logging.handlers.QueueHandler` (records only go onto a `queue.Queue`), and a
# `logging.handlers.QueueListener` thread passes them to `handlers`, **each handler's own level
# respected** (a `WARNING` handler gets no `INFO` records). When the block ends, also when it
# raises: remove the queue handler from the logger and stop the listener, so that every queued
# record has been handled and the thread is gone. The block receives nothing.
#
# ```python
# with queued(log, slow_http_handler):
#     log.info("request served")     # returns at once; the listener thread does the sending
# ```

# %% [markdown] course={"kind": "hint"}
# `QueueListener(q, *handlers, respect_handler_level=True)`: without that keyword, the listener
# hands every record to every handler, whatever the handler's level.

# %% [markdown] course={"kind": "hint"}
# `listener.start()` before the `try:`, `yield` inside it, and in `finally:`
# `logger.removeHandler(queue_handler)` then `listener.stop()`, which handles what is left in the
# queue and joins the thread.

# %% course={"kind": "solution"}
import contextlib
import logging
import logging.handlers
import queue
from collections.abc import Iterator


@contextlib.contextmanager
def queued(logger: logging.Logger, *handlers: logging.Handler) -> Iterator[None]:
    ### BEGIN SOLUTION
    records: queue.Queue[logging.LogRecord] = queue.Queue()
    queue_handler = logging.handlers.QueueHandler(records)
    listener = logging.handlers.QueueListener(records, *handlers, respect_handler_level=True)
    listener.start()
    logger.addHandler(queue_handler)
    try:
        yield
    finally:
        logger.removeHandler(queue_handler)
        listener.stop()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import logging, threading


class Collect(logging.Handler):
    """A handler that keeps (thread name, message) pairs."""

    def __init__(self, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.seen: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((threading.current_thread().name, record.getMessage()))


log = fresh_logger("ex.queue")
log.propagate = False
log.setLevel(logging.DEBUG)
sink = Collect()
listeners_before = queue_listener_threads()  # QueueListener threads only: other threads may come and go
with queued(log, sink):
    for n in range(200):
        log.info("request %d", n)
assert not set(queue_listener_threads()) - set(listeners_before), "the listener thread is stopped by the end of the block"
assert [message for _, message in sink.seen] == [f"request {n}" for n in range(200)], "every record arrives, in order, by the end of the block"
assert all(name != threading.current_thread().name for name, _ in sink.seen), "the listener's thread calls the handler"
assert log.handlers == [], "the queue handler is removed"
### BEGIN HIDDEN TESTS
with queued(log):
    log.info("nobody listens")
assert not set(queue_listener_threads()) - set(listeners_before) and log.handlers == []
### END HIDDEN TESTS
release_logger("ex.queue")

# %% course={"kind": "test", "points": 2}
import logging, threading
log = fresh_logger("ex.queue")
log.propagate = False
log.setLevel(logging.DEBUG)
everything, problems = Collect(), Collect(logging.WARNING)
with queued(log, everything, problems):
    log.debug("cache miss")
    log.warning("slow upstream")
    log.error("upstream down")
assert [m for _, m in problems.seen] == ["slow upstream", "upstream down"], "a WARNING handler gets WARNING and above only"
assert [m for _, m in everything.seen] == ["cache miss", "slow upstream", "upstream down"], "a NOTSET handler gets everything"
release_logger("ex.queue")

# %% course={"kind": "test", "points": 1}
import logging, threading
log = fresh_logger("ex.queue")
log.propagate = False
log.setLevel(logging.INFO)
kept = logging.NullHandler()
log.addHandler(kept)
sink = Collect()
listeners_before = queue_listener_threads()
try:
    with queued(log, sink):
        log.info("before the crash")
        raise ValueError("crash")
except ValueError:
    pass
else:
    raise AssertionError("the block's exception must reach the caller")
assert not set(queue_listener_threads()) - set(listeners_before), "the listener thread is stopped when the block raises too"
assert [m for _, m in sink.seen] == ["before the crash"], "records logged before the crash are delivered"
assert log.handlers == [kept], "the queue handler is removed when the block raises too"
release_logger("ex.queue")

# %% course={"kind": "wrong", "id": "listener-not-stopped"}
import contextlib
import logging.handlers
import queue


@contextlib.contextmanager
def queued(logger, *handlers):
    records = queue.Queue()
    queue_handler = logging.handlers.QueueHandler(records)
    listener = logging.handlers.QueueListener(records, *handlers, respect_handler_level=True)
    listener.start()
    logger.addHandler(queue_handler)
    try:
        yield
    finally:
        logger.removeHandler(queue_handler)  # the thread keeps waiting on the queue for ever

# %% course={"kind": "wrong", "id": "levels-ignored", "fails": ["t2"]}
import contextlib
import logging.handlers
import queue


@contextlib.contextmanager
def queued(logger, *handlers):
    records = queue.Queue()
    queue_handler = logging.handlers.QueueHandler(records)
    listener = logging.handlers.QueueListener(records, *handlers)  # every record to every handler
    listener.start()
    logger.addHandler(queue_handler)
    try:
        yield
    finally:
        logger.removeHandler(queue_handler)
        listener.stop()

# %% course={"kind": "wrong", "id": "stop-without-finally", "fails": ["t3"]}
import contextlib
import logging.handlers
import queue


@contextlib.contextmanager
def queued(logger, *handlers):
    records = queue.Queue()
    queue_handler = logging.handlers.QueueHandler(records)
    listener = logging.handlers.QueueListener(records, *handlers, respect_handler_level=True)
    listener.start()
    logger.addHandler(queue_handler)
    yield
    logger.removeHandler(queue_handler)
    listener.stop()

# %% [markdown] course={"kind": "exercise", "id": "timed-block", "item": "project-8-3-1"}
# ### Project core: time an operation and log the outcome
#
# The logging framework of Project 8.3.1 needs "performance timing". Write the context manager
# `timed(logger, operation, clock=time.perf_counter)`:
#
# - it reads `clock()` (seconds) exactly twice: when the block starts and when it ends;
# - on success it logs at `INFO`: `<operation> took <ms> ms` with the milliseconds to one decimal,
#   e.g. `load-model took 250.0 ms`, with the formatting left to `logging` (`%`-style arguments);
# - when the block raises an `Exception`, it logs at `ERROR`, **with the traceback**:
#   `<operation> failed after <ms> ms`, and lets the exception go on. Other `BaseException`s
#   (`KeyboardInterrupt`, `SystemExit`) pass through without a line;
# - either line carries the fields `operation` (the name) and `duration_ms` (a `float`, rounded to
#   one decimal) for a JSON formatter.
#
# ```python
# with timed(log, "load-model"):
#     model = load()                  # INFO load-model took 250.0 ms   (+ operation, duration_ms)
# ```

# %% [markdown] course={"kind": "hint"}
# `try: yield` / `except Exception:` log and `raise` / after the `try`, log the success. Pass the
# fields with `extra={"operation": ..., "duration_ms": ...}`.

# %% [markdown] course={"kind": "hint"}
# `logger.exception(...)` is `logger.error(..., exc_info=True)`. Format lazily:
# `logger.info("%s took %.1f ms", operation, ms, extra=...)` where `ms = float(clock() - start) * 1000`.

# %% course={"kind": "solution"}
import contextlib
import logging
import time
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def timed(logger: logging.Logger, operation: str, clock: Callable[[], float] = time.perf_counter) -> Iterator[None]:
    ### BEGIN SOLUTION
    start = clock()
    try:
        yield
    except Exception:
        ms = float(clock() - start) * 1000
        logger.exception("%s failed after %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})
        raise
    ms = float(clock() - start) * 1000
    logger.info("%s took %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import logging


class Keep(logging.Handler):
    """A handler that keeps the records themselves."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def fake_clock(*readings: float):
    """A clock that returns the given readings in turn, and fails when asked once too often."""
    return iter(readings).__next__


log = fresh_logger("ex.timed")
log.propagate = False
log.setLevel(logging.DEBUG)
keep = Keep()
log.addHandler(keep)
with timed(log, "load-model", clock=fake_clock(10.0, 10.25)):
    pass
(record,) = keep.records
assert (record.levelname, record.getMessage()) == ("INFO", "load-model took 250.0 ms"), f"got {record.levelname} {record.getMessage()!r}"
assert record.operation == "load-model" and record.duration_ms == 250.0 and type(record.duration_ms) is float, "the record carries operation and duration_ms"
### BEGIN HIDDEN TESTS
keep.records.clear()
with timed(log, "tiny", clock=fake_clock(0.0, 0.00004)):
    pass
with timed(log, "µ-step ✓", clock=fake_clock(5, 7)):
    pass
assert [r.getMessage() for r in keep.records] == ["tiny took 0.0 ms", "µ-step ✓ took 2000.0 ms"]
assert [r.duration_ms for r in keep.records] == [0.0, 2000.0] and all(type(r.duration_ms) is float for r in keep.records)
assert keep.records[0].args, "formatting is left to logging (% arguments)"
keep.records.clear()
with timed(log, "round", clock=fake_clock(1.0, 1.00126)):
    pass
assert keep.records[0].duration_ms == 1.3 and keep.records[0].getMessage() == "round took 1.3 ms"
### END HIDDEN TESTS
release_logger("ex.timed")

# %% course={"kind": "test", "points": 2}
import logging
log = fresh_logger("ex.timed")
log.propagate = False
keep = Keep()
log.addHandler(keep)
failure = ValueError("bad weights")
try:
    with timed(log, "load-model", clock=fake_clock(1.0, 1.5)):
        raise failure
except ValueError as err:
    assert err is failure, "the same exception reaches the caller"
else:
    raise AssertionError("the exception must not be swallowed")
(record,) = keep.records
assert (record.levelname, record.getMessage()) == ("ERROR", "load-model failed after 500.0 ms"), f"got {record.levelname} {record.getMessage()!r}"
assert record.exc_info and record.exc_info[1] is failure, "the record carries the traceback (logger.exception)"
### BEGIN HIDDEN TESTS
assert record.operation == "load-model" and record.duration_ms == 500.0
keep.records.clear()
for readings in ((2, 3), (1.0, 1.00126)):
    try:
        with timed(log, "step", clock=fake_clock(*readings)):
            raise OSError("io")
    except OSError:
        pass
assert [(r.getMessage(), r.duration_ms, type(r.duration_ms)) for r in keep.records] == [("step failed after 1000.0 ms", 1000.0, float), ("step failed after 1.3 ms", 1.3, float)]
### END HIDDEN TESTS
release_logger("ex.timed")

# %% course={"kind": "test", "points": 1}
import logging
log = fresh_logger("ex.timed")
log.propagate = False
keep = Keep()
log.addHandler(keep)
try:
    with timed(log, "train", clock=fake_clock(0.0, 3.0)):
        raise KeyboardInterrupt
except KeyboardInterrupt:
    pass
assert keep.records == [], "Ctrl-C is not an operation failure: no line"
release_logger("ex.timed")

# %% course={"kind": "wrong", "id": "error-without-traceback", "fails": ["t2"]}
import contextlib
import time


@contextlib.contextmanager
def timed(logger, operation, clock=time.perf_counter):
    start = clock()
    try:
        yield
    except Exception:
        ms = float(clock() - start) * 1000
        logger.error("%s failed after %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})
        raise
    ms = float(clock() - start) * 1000
    logger.info("%s took %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})

# %% course={"kind": "wrong", "id": "eager-f-string", "fails": ["t1"]}
import contextlib
import time


@contextlib.contextmanager
def timed(logger, operation, clock=time.perf_counter):
    start = clock()
    try:
        yield
    except Exception:
        ms = float(clock() - start) * 1000
        logger.exception(f"{operation} failed after {ms:.1f} ms", extra={"operation": operation, "duration_ms": round(ms, 1)})
        raise
    ms = float(clock() - start) * 1000
    logger.info(f"{operation} took {ms:.1f} ms", extra={"operation": operation, "duration_ms": round(ms, 1)})  # formatted even when INFO is off

# %% course={"kind": "wrong", "id": "catches-base-exception", "fails": ["t3"]}
import contextlib
import time


@contextlib.contextmanager
def timed(logger, operation, clock=time.perf_counter):
    start = clock()
    try:
        yield
    except BaseException:
        ms = float(clock() - start) * 1000
        logger.exception("%s failed after %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})
        raise
    ms = float(clock() - start) * 1000
    logger.info("%s took %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})

# %% course={"kind": "wrong", "id": "seconds-not-ms", "fails": ["t1", "t2"]}
import contextlib
import time


@contextlib.contextmanager
def timed(logger, operation, clock=time.perf_counter):
    start = clock()
    try:
        yield
    except Exception:
        s = float(clock() - start)
        logger.exception("%s failed after %.1f ms", operation, s, extra={"operation": operation, "duration_ms": round(s, 1)})
        raise
    s = float(clock() - start)
    logger.info("%s took %.1f ms", operation, s, extra={"operation": operation, "duration_ms": round(s, 1)})

# %% course={"kind": "wrong", "id": "success-in-finally", "fails": ["t2", "t3"]}
import contextlib
import time


@contextlib.contextmanager
def timed(logger, operation, clock=time.perf_counter):
    start = clock()
    try:
        yield
    finally:  # logs "took" even when the block failed
        ms = float(clock() - start) * 1000
        logger.info("%s took %.1f ms", operation, ms, extra={"operation": operation, "duration_ms": round(ms, 1)})

# %% [markdown] course={"kind": "task", "id": "logging-framework", "item": "project-8-3-1", "points": 3}
# ### Project 8.3.1: a reusable logging setup
#
# Put the pieces of this section together in a module `applog.py` with one entry point,
# `setup_logging(service, environ=os.environ)`, that:
#
# 1. reads `settings_from_env` and builds a `dictConfig` for the service logger: JSON lines
#    (`JsonFormatter`) on stdout in staging and prod, readable text in dev;
# 2. adds the request id and user id of the current request to every line (context variables and
#    a filter, or a `LoggerAdapter`), and redacts secrets;
# 3. offers `timed()` for performance timing;
# 4. can be called twice (tests, notebooks) without doubling handlers, and has a `teardown()`.
#
# Show a short session: the same three log calls under `APP_ENV=dev` and `APP_ENV=prod`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: one function configures everything from the environment through `dictConfig`
#   (`disable_existing_loggers: False`, the root logger untouched or configured on purpose);
#   dev gives text, staging/prod give JSON, `LOG_LEVEL` overrides.
# - 1 point: request and user ids come from context (not parameters threaded through every call)
#   and appear as fields in JSON; a secret in a message is redacted in both formats.
# - 1 point: calling the setup twice leaves one set of handlers; `teardown()` removes and closes
#   them; the session shows both environments.

# %% [markdown] course={"kind": "exercise", "id": "log-summary", "item": "project-8-3-2"}
# ### Project core: summarise a JSON log
#
# Write `summarize(lines, top=3)`, the heart of the log analyzer of Project 8.3.2. `lines` is any
# iterable of text lines (a list, a generator, an open file), read once. It returns a `LogSummary`:
#
# - blank lines (only whitespace) are skipped. Every other line must be a JSON object with a
#   string `"level"` and a string `"message"`; otherwise its **1-based line number** (counting
#   blank lines too) goes into `bad_lines`, in order, and the line is otherwise ignored;
# - `total` counts the good events; `levels` maps each level, upper-cased, to its count;
# - `top_errors`: the events at `ERROR` or `CRITICAL` are grouped by **pattern**, their message with
#   every run of the digits `0`-`9` replaced by `<n>` (`"timeout after 30 s"` becomes
#   `"timeout after <n> s"`). The `top` most frequent patterns as `(pattern, count)` pairs, most
#   frequent first, equal counts in alphabetical order of the pattern.
#
# ```python
# summarize(['{"level": "error", "message": "disk 91% full"}', "oops",
#            '{"level": "ERROR", "message": "disk 97% full"}'])
# # LogSummary(total=2, levels={'ERROR': 2}, top_errors=(('disk <n>% full', 2),), bad_lines=(2,))
# ```

# %% [markdown] course={"kind": "hint"}
# `for number, line in enumerate(lines, start=1):` numbers every line, blank or not. Catch
# `json.JSONDecodeError` (a `ValueError`) and also check that the result is a `dict` whose two
# fields are `str`.

# %% [markdown] course={"kind": "hint"}
# `re.sub(r"[0-9]+", "<n>", message)`; `\d` would also match other scripts' digits such as `٣`.
# Count with `collections.Counter` and sort its items by `(-count, pattern)`; `most_common()` keeps
# ties in the order they were first seen, not alphabetical.

# %% course={"kind": "solution"}
import collections
import dataclasses
import json
import re
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True)
class LogSummary:
    total: int
    levels: dict[str, int]
    top_errors: tuple[tuple[str, int], ...]
    bad_lines: tuple[int, ...]


def summarize(lines: Iterable[str], top: int = 3) -> LogSummary:
    ### BEGIN SOLUTION
    levels: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    bad: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            bad.append(number)
            continue
        if not (isinstance(event, dict) and isinstance(event.get("level"), str) and isinstance(event.get("message"), str)):
            bad.append(number)
            continue
        level = event["level"].upper()
        levels[level] += 1
        if level in ("ERROR", "CRITICAL"):
            errors[re.sub(r"[0-9]+", "<n>", event["message"])] += 1
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))
    return LogSummary(sum(levels.values()), dict(levels), tuple(ranked[:top]), tuple(bad))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
sample = [
    '{"level": "INFO", "message": "request 1 served"}',
    '{"level": "error", "message": "timeout after 30 s"}',
    "",
    '{"level": "ERROR", "message": "timeout after 5 s"}',
    '{"level": "CRITICAL", "message": "disk full"}',
    "Traceback (most recent call last):",
    '{"level": "WARNING", "message": "slow"}',
]
got = summarize(sample)
assert type(got) is LogSummary, "summarize returns a LogSummary"
assert got.total == 5 and got.levels == {"INFO": 1, "ERROR": 2, "CRITICAL": 1, "WARNING": 1}, f"levels counted, upper-cased: {got}"
assert got.top_errors == (("timeout after <n> s", 2), ("disk full", 1)), f"errors grouped by pattern: {got.top_errors}"
assert got.bad_lines == (6,), f"line 6 is not JSON (blank line 3 is skipped but counted): {got.bad_lines}"
### BEGIN HIDDEN TESTS
assert type(got.top_errors) is tuple and type(got.bad_lines) is tuple and type(got.levels) is dict and type(got.total) is int
assert summarize([]) == LogSummary(0, {}, (), ())
assert summarize(iter([])) == LogSummary(0, {}, (), ())
assert summarize(["  ", "\n", "\t\n"]) == LogSummary(0, {}, (), ())
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
events = ['{"level": "ERROR", "message": "b failed"}'] * 2 + ['{"level": "ERROR", "message": "a failed"}'] * 2 + ['{"level": "ERROR", "message": "c failed"}'] * 3
got = summarize(events, top=2)
assert got.top_errors == (("c failed", 3), ("a failed", 2)), f"most frequent first, ties alphabetical, at most top: {got.top_errors}"
### BEGIN HIDDEN TESTS
assert summarize(events, top=0).top_errors == ()
assert summarize(events, top=1).top_errors == (("c failed", 3),)
assert summarize(events, top=3).top_errors == (("c failed", 3), ("a failed", 2), ("b failed", 2))
assert summarize(events, top=10).top_errors == (("c failed", 3), ("a failed", 2), ("b failed", 2))
assert summarize(events).top_errors == (("c failed", 3), ("a failed", 2), ("b failed", 2))
digits = ['{"level": "ERROR", "message": "job 12 of 345 failed"}', '{"level": "ERROR", "message": "job 7 of 8 failed"}', '{"level": "ERROR", "message": "step ٣ failed: é"}', '{"level": "error", "message": "0"}', '{"level": "Critical", "message": ""}']
assert summarize(digits, top=5).top_errors == (("job <n> of <n> failed", 2), ("", 1), ("<n>", 1), ("step ٣ failed: é", 1))
assert summarize(['{"level": "WARNING", "message": "retry 1"}', '{"level": "errors", "message": "x"}']).top_errors == ()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import io
messy = io.StringIO('{"level": "INFO", "message": "ok"}\n[1, 2]\n{"level": 40, "message": "x"}\n{"message": "no level"}\n{"level": "INFO"}\n\n{"level": "INFO", "message": "ok"}\nnull\n{"level": "INFO", "message": 5}\n{bad json\n')
got = summarize(messy)
assert got.bad_lines == (2, 3, 4, 5, 8, 9, 10), f"every line that is not an event with string level and message: {got.bad_lines}"
assert got.total == 2 and got.levels == {"INFO": 2}, "the good lines around them still count"
### BEGIN HIDDEN TESTS
one_shot = (line for line in ['{"level": "info", "message": "a"}', "x", '{"level": "INFO", "message": "b"}'])
assert summarize(one_shot) == LogSummary(2, {"INFO": 2}, (), (2,))
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "most-common-ties", "fails": ["t2"]}
import collections
import dataclasses
import json
import re


@dataclasses.dataclass(frozen=True)
class LogSummary:
    total: int
    levels: dict
    top_errors: tuple
    bad_lines: tuple


def summarize(lines, top=3):
    levels, errors, bad = collections.Counter(), collections.Counter(), []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            bad.append(number)
            continue
        if not (isinstance(event, dict) and isinstance(event.get("level"), str) and isinstance(event.get("message"), str)):
            bad.append(number)
            continue
        level = event["level"].upper()
        levels[level] += 1
        if level in ("ERROR", "CRITICAL"):
            errors[re.sub(r"[0-9]+", "<n>", event["message"])] += 1
    return LogSummary(sum(levels.values()), dict(levels), tuple(errors.most_common(top)), tuple(bad))  # ties: first seen

# %% course={"kind": "wrong", "id": "numbers-skip-blanks", "fails": ["t1", "t3"]}
import collections
import dataclasses
import json
import re


@dataclasses.dataclass(frozen=True)
class LogSummary:
    total: int
    levels: dict
    top_errors: tuple
    bad_lines: tuple


def summarize(lines, top=3):
    levels, errors, bad = collections.Counter(), collections.Counter(), []
    lines = [line for line in lines if line.strip()]  # numbering after dropping blank lines
    for number, line in enumerate(lines, start=1):
        try:
            event = json.loads(line)
        except ValueError:
            bad.append(number)
            continue
        if not (isinstance(event, dict) and isinstance(event.get("level"), str) and isinstance(event.get("message"), str)):
            bad.append(number)
            continue
        level = event["level"].upper()
        levels[level] += 1
        if level in ("ERROR", "CRITICAL"):
            errors[re.sub(r"[0-9]+", "<n>", event["message"])] += 1
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))
    return LogSummary(sum(levels.values()), dict(levels), tuple(ranked[:top]), tuple(bad))

# %% course={"kind": "wrong", "id": "trusts-json-shape", "fails": ["t3"]}
import collections
import dataclasses
import json
import re


@dataclasses.dataclass(frozen=True)
class LogSummary:
    total: int
    levels: dict
    top_errors: tuple
    bad_lines: tuple


def summarize(lines, top=3):
    levels, errors, bad = collections.Counter(), collections.Counter(), []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
            level = str(event["level"]).upper()  # [1, 2], null and {"level": 40} slip through or crash
            message = str(event["message"])
        except (ValueError, KeyError):
            bad.append(number)
            continue
        levels[level] += 1
        if level in ("ERROR", "CRITICAL"):
            errors[re.sub(r"[0-9]+", "<n>", message)] += 1
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))
    return LogSummary(sum(levels.values()), dict(levels), tuple(ranked[:top]), tuple(bad))

# %% course={"kind": "wrong", "id": "error-only", "fails": ["t1", "t2"]}
import collections
import dataclasses
import json
import re


@dataclasses.dataclass(frozen=True)
class LogSummary:
    total: int
    levels: dict
    top_errors: tuple
    bad_lines: tuple


def summarize(lines, top=3):
    levels, errors, bad = collections.Counter(), collections.Counter(), []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError:
            bad.append(number)
            continue
        if not (isinstance(event, dict) and isinstance(event.get("level"), str) and isinstance(event.get("message"), str)):
            bad.append(number)
            continue
        levels[event["level"].upper()] += 1
        if event["level"] == "ERROR":  # misses "error" and CRITICAL
            errors[re.sub(r"[0-9]+", "<n>", event["message"])] += 1
    ranked = sorted(errors.items(), key=lambda item: (-item[1], item[0]))
    return LogSummary(sum(levels.values()), dict(levels), tuple(ranked[:top]), tuple(bad))

# %% [markdown] course={"kind": "task", "id": "log-analyzer-report", "item": "project-8-3-2", "points": 3}
# ### Project 8.3.2: the log analyzer as a tool
#
# Turn `summarize` into a command-line tool `loganalyze.py FILE... [--top N] [--since TIME]`:
#
# 1. reads one or more JSON-lines files (also `.gz`, with `gzip.open`) without loading a whole file
#    into memory;
# 2. prints a report: events per level, the top error patterns with counts, the busiest minute, and
#    the bad lines as `file:line`;
# 3. `--since` keeps only events whose `time` field is at or after the given ISO time;
# 4. exits with status 1 when there is any `CRITICAL` event (so a cron job or CI step can alert).
#
# Run it on a log made with this section's `JsonFormatter` and paste the report.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: streams the files line by line (also gzip), names bad lines as `file:line`, survives a
#   truncated last line.
# - 1 point: the report is correct and readable: levels, top patterns (ties stable), busiest minute
#   from the `time` field; `--since` compares times, not strings of different formats.
# - 1 point: the exit status follows the rule, and the pasted report comes from a real log file.

# %% [markdown] course={"kind": "answer", "question": "q-what-log-levels-should-you-use-in"}
# Run your own service at `INFO`: start-up with its configuration, one line per request or job with
# outcome and duration, and the decisions the code made. `WARNING` means something degraded but was
# handled (a retry, a fallback); `ERROR` means a request or job failed and someone may need to look,
# always with the traceback; `CRITICAL` means the service itself cannot go on. Turn noisy libraries
# down to `WARNING` by name. `DEBUG` stays off and is switched on for a while, for one logger, through
# configuration (`LOG_LEVEL` or a config reload), never by a redeploy with code changes. Alerts are
# built on `ERROR` and above, so do not log expected conditions at `ERROR`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-configure-logging-for-a-large"}
# Library and module code only does `log = logging.getLogger(__name__)` and calls it; it never adds
# handlers or calls `basicConfig`. The application configures logging once, at start-up, with
# `logging.config.dictConfig`: handlers on one logger (root or the app's top logger), levels per
# logger name (`"myapp.db": "DEBUG"`, `"urllib3": "WARNING"`), `disable_existing_loggers: False`.
# The dict lives in a file or in code, and environment variables (`APP_ENV`, `LOG_LEVEL`) pick or
# adjust it per environment. Output is structured (JSON lines to stdout) with a request id filter,
# and slow handlers sit behind a `QueueHandler`/`QueueListener`.

# %% [markdown] course={"kind": "answer", "question": "q-what-should-you-not-log"}
# Secrets and credentials: passwords, API keys, tokens, session cookies, `Authorization` headers,
# private keys, connection strings with passwords. Personal data (emails, names, addresses, phone
# numbers, card and account numbers, health data) unless there is a legal reason, and then masked
# and with a retention policy. Also whole request or response bodies and whole config objects, which
# carry both. Logs are copied into many systems and kept for a long time, with wider access than the
# database. Log an id instead (`user_id=4711`), and add a redaction filter as a safety net that
# catches `password=` and `Bearer` patterns.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-structured-logging"}
# Emit one machine-readable event per line, usually JSON: a constant message plus fields. With the
# standard library: a `logging.Formatter` subclass whose `format()` builds a dict (time in UTC,
# level, logger, `record.getMessage()`, the fields passed with `extra=`, the traceback from
# `formatException`) and returns `json.dumps(doc, default=str)`. Context such as the request id comes
# from a `contextvars.ContextVar` copied onto each record by a filter. Libraries such as `structlog`
# (key-value calls, `bind()`, a processor chain ending in a JSON renderer) or `python-json-logger`
# package the same idea. The log store then queries the fields directly.
