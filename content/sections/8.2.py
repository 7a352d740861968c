# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can find a bug by method instead of luck: walk a traceback, drive `pdb` (also
# after a crash), trace and count calls, find a leak with `tracemalloc`, bisect a regression, and make a race repeatable.

# %% course={"kind": "setup", "id": "no-blocking-breakpoints"}
# A notebook cannot sit at an interactive (Pdb) prompt: a stray breakpoint() in this kernel does nothing.
import os
import pdb

os.environ["PYTHONBREAKPOINT"] = "0"
# Jupyter's kernel swaps pdb.Pdb for IPython's debugger (an `ipdb>` prompt, colours); the lessons and
# tests drive the standard one, as a terminal shows it. Outside a kernel this line changes nothing;
# in one, `%debug` and `pdb.set_trace` keep IPython's debugger.
pdb.Pdb = next(cls for cls in pdb.Pdb.__mro__ if cls.__module__ == "pdb" and cls.__name__ == "Pdb")

# %% [markdown] course={"kind": "lesson", "id": "print-debugging", "covers": ["c-print-debugging", "c-strategic-print-statements", "c-using-f-strings-with-for-variable-names", "c-limitations"]}
# ### `print()` debugging, and when to switch to `logging`
#
# The quickest probe is a print: put one where you *expect* a value to change and one where you
# expect it to be used, so a single run tells you on which side of the line the bug is. Make each
# print say where it is and what it shows: `f"{name=}"` (Python 3.8+) prints the expression itself,
# then `=`, then its `repr`, so `f"{port=}"` gives `port='8080'` and you see at once that the port is a
# string. Send debug prints to `sys.stderr` so they do not mix with a script's real output (a pipe
# into `jq` breaks on a stray line in stdout).
#
# The limits: prints must be added and removed by hand (and one always reaches production), they
# have no level, no timestamp, no module name, they cannot be switched off without editing code, and
# in a server with many threads their lines interleave. As soon as a probe is worth keeping, make it a
# `logging.debug(...)` call: it is off by default, on with one setting, and carries time, logger name
# and level. The mistake people make: `print(f"{x}")` for a value whose type is the bug; `str` hides
# the difference between `8080` and `'8080'`, `repr` (which `=` uses) shows it.

# %% course={"kind": "demo"}
import io
import logging
import sys

config = {"port": "8080", "replicas": 3}
port = config["port"]
print(f"{port=} {config['replicas']=} {len(config)=}")  # the = form shows the expression and repr
print(f"plain: {port}  vs  with =: {port=}  vs  !r: {port!r}")

# The same probe as a log record: off unless the logger is set to DEBUG, and it says who and where.
stream = io.StringIO()
log = logging.getLogger("deploy.probe")
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(funcName)s: %(message)s"))
log.addHandler(handler)
log.propagate = False


def choose_port(cfg: dict) -> int:
    log.debug("raw port %r", cfg["port"])
    return int(cfg["port"])


choose_port(config)
print("logger at WARNING, captured:", repr(stream.getvalue()))
log.setLevel(logging.DEBUG)
choose_port(config)
print("logger at DEBUG, captured:  ", repr(stream.getvalue()))
log.removeHandler(handler)

# %% [markdown] course={"kind": "lesson", "id": "pdb", "covers": ["c-pdb-debugger", "c-breakpoint-function", "c-common-commands-n-s-c-q-l-p-pp", "c-conditional-breakpoints-cc9e04", "c-post-mortem-debugging"]}
# ### `pdb`: stop the program and look around
#
# `pdb` is the debugger in the standard library. `breakpoint()` (Python 3.7+) stops the program at
# that line and opens the `(Pdb)` prompt; it calls `sys.breakpointhook()`, which reads the environment
# variable `PYTHONBREAKPOINT` **at each call**: unset means `pdb.set_trace`, `0` turns every
# `breakpoint()` into a no-op (what this notebook's setup cell does, because a notebook kernel must
# never wait at a prompt), and a dotted name such as `PYTHONBREAKPOINT=ipdb.set_trace` picks another
# debugger. `python -m pdb script.py` starts a whole script under the debugger.
#
# | command | does |
# |---|---|
# | `n` (next) | run the current line, stepping *over* calls |
# | `s` (step) | run the current line, stepping *into* a call |
# | `c` (continue) | run until the next breakpoint |
# | `q` (quit) | stop the program (raises `BdbQuit` in it) |
# | `l` (list) | show the source around the current line (`ll`: the whole function) |
# | `p expr` / `pp expr` | print / pretty-print a value |
# | `w` (where), `u`, `d` | show the call stack, move up and down it |
# | `b 42, count > 100` | a **conditional breakpoint**: stop at line 42 only when the condition holds |
#
# **Post-mortem** debugging opens the debugger on a traceback *after* a crash, in the frame that
# raised, with every local variable intact: `python -m pdb script.py` does it automatically on an
# uncaught exception, `pdb.pm()` does it for the last exception in a REPL, `pdb.post_mortem(tb)` for
# one you caught. It is the fastest way to see *why* an exception happened.
#
# The debugger reads commands from a file-like `stdin` and writes to `stdout`, so we can drive it
# from a string and show you the session. (Jupyter replaces `pdb.Pdb` with IPython's debugger, which
# prompts `ipdb>` and colours its output; this notebook's setup cell puts the standard one back.) The thing people get wrong: `n` at a line that calls your
# function runs the whole call; use `s` to go inside.

# %% course={"kind": "demo"}
import inspect
import pdb


def mean_latency(samples: list[float]) -> float:
    total = 0.0
    for i in range(1, len(samples)):
        total += samples[i]
    return total / len(samples)


first = inspect.getsourcelines(mean_latency)[1]
loop_body = first + 3  # the line `total += samples[i]`
commands = "\n".join([
    f"b {loop_body}, i == 1",  # stop in the loop, but only on its first pass
    "c",
    "p i, total",  # total is still 0.0: samples[0] was never added
    "pp samples",
    "n",
    "p total",
    "c",
])
transcript = io.StringIO()
debugger = pdb.Pdb(stdin=io.StringIO(commands + "\n"), stdout=transcript, nosigint=True, readrc=False)
result = debugger.runcall(mean_latency, [10.0, 20.0, 30.0])
debugger.clear_all_breaks()  # breakpoints live in a table shared by every Pdb: remove ours
print(transcript.getvalue().replace(inspect.getsourcefile(mean_latency), "<cell>"))
print("returned", result, "but the mean of 10, 20, 30 is 20.0: the loop starts at 1")

# %% [markdown] course={"kind": "text"}
# Post-mortem on a caught exception: `interaction(None, traceback)` is what `pdb.post_mortem` runs.
# We land in the frame that raised and print its locals.

# %% course={"kind": "demo"}
def shard_for(key: str, shards: int) -> int:
    digest = sum(map(ord, key))
    return digest % shards


try:
    shard_for("user-42", 0)
except ZeroDivisionError as err:
    transcript = io.StringIO()
    debugger = pdb.Pdb(stdin=io.StringIO("p key, shards, digest\nq\n"), stdout=transcript, nosigint=True, readrc=False)
    debugger.reset()
    debugger.interaction(None, err.__traceback__)
    print(transcript.getvalue().replace(inspect.getsourcefile(shard_for), "<cell>"))

# %% [markdown] course={"kind": "text"}
# And the real thing, a script run with `python -m pdb` in a child process, commands on its stdin:
# an uncaught exception puts pdb into post-mortem mode by itself. With `PYTHONBREAKPOINT=0` the same
# script's `breakpoint()` is skipped.

# %% course={"kind": "demo"}
import subprocess
import tempfile
from pathlib import Path

script = "def ratio(done, total):\n    breakpoint()\n    return done / total\n\nprint(ratio(3, 0))\n"
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "job.py").write_text(script)
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}
    run = subprocess.run([sys.executable, "-m", "pdb", "job.py"], input="c\np done, total\nq\nq\n",
                         capture_output=True, text=True, cwd=tmp, env=env, timeout=60)
    print(run.stdout.replace(tmp, "<tmp>"))
    env.pop("PYTHONBREAKPOINT")
    run = subprocess.run([sys.executable, "job.py"], input="p done, total\nc\n", capture_output=True, text=True,
                         cwd=tmp, env=env, timeout=60)
    print("without PYTHONBREAKPOINT=0, breakpoint() stops:\n" + run.stdout.replace(tmp, "<tmp>"))

# %% [markdown] course={"kind": "lesson", "id": "ide", "covers": ["c-ide-debugging", "c-vs-code-debugger-setup", "c-breakpoints-watches-call-stack", "c-conditional-breakpoints-03e758", "c-remote-debugging"]}
# ### IDE debugging: the same debugger with a window around it
#
# VS Code's Python debugger (the *Python Debugger* extension, built on the `debugpy` package) does
# what pdb does, with the state on screen: click left of a line number for a **breakpoint**;
# right-click it for a **conditional** one (an expression, a hit count, or a *logpoint* that prints a
# message without stopping); the **Watch** panel re-evaluates expressions at every stop; the **Call
# Stack** panel is pdb's `where`, and clicking a frame is `up`/`down`.
#
# The setup lives in `.vscode/launch.json`, one entry per way of starting your program. Current
# versions of the extension use `"type": "debugpy"` (older ones used `"python"`). A `launch` entry
# starts the program: a file (`"program"`) or a module (`"module"`, like `python -m`), with `"args"`,
# `"env"` and `"cwd"`. Set `"justMyCode": false` to step into library code.
#
# **Remote debugging** is an `attach` entry: the program runs elsewhere (a container, a VM, a pod
# behind `kubectl port-forward`) under `python -m debugpy --listen 0.0.0.0:5678 --wait-for-client
# -m myservice`, and VS Code connects to that port. `"pathMappings"` tells it which local folder is
# which remote folder, or breakpoints never hit. The mistake people make: opening that port to the
# network. Whoever connects can run any code in your process; listen on `127.0.0.1` and tunnel (ssh
# `-L`, `kubectl port-forward`).
#
# The demo writes such a file for a project; it is plain JSON (VS Code also accepts comments in it).

# %% course={"kind": "demo"}
import json

launch = {
    "version": "0.2.0",
    "configurations": [
        {
            "name": "sync job (module)",
            "type": "debugpy",
            "request": "launch",
            "module": "inventory.sync",
            "args": ["--dry-run", "--region", "eu-west-1"],
            "env": {"LOG_LEVEL": "DEBUG"},
            "cwd": "${workspaceFolder}",
            "justMyCode": False,
        },
        {
            "name": "attach to the pod (kubectl port-forward 5678)",
            "type": "debugpy",
            "request": "attach",
            "connect": {"host": "127.0.0.1", "port": 5678},
            "pathMappings": [{"localRoot": "${workspaceFolder}/src", "remoteRoot": "/app/src"}],
        },
    ],
}
with tempfile.TemporaryDirectory() as tmp:
    target = Path(tmp, ".vscode", "launch.json")
    target.parent.mkdir()
    target.write_text(json.dumps(launch, indent=2))
    print(target.relative_to(tmp), "\n" + target.read_text())
print("server side, in the container:  python -m debugpy --listen 127.0.0.1:5678 --wait-for-client -m inventory.sync")

# %% [markdown] course={"kind": "lesson", "id": "traceback", "covers": ["c-traceback-module", "c-traceback-print-exc", "c-traceback-format-exc", "c-traceback-print-stack"]}
# ### The `traceback` module: keep the evidence
#
# A traceback is the most useful text a failure leaves behind, read **bottom up**: the last line is
# the exception, the frame just above it is where it was raised, the frames above that are who called
# it. Inside an `except` block:
#
# - `traceback.print_exc()` prints the current exception's traceback (to stderr, or `file=`);
# - `traceback.format_exc()` returns the same text as a string, to log it or send it to a ticket;
# - `traceback.format_exception(err)` (the one-argument form is Python 3.10+) does it for any
#   exception object, also outside the `except` block, including chained causes
#   (`raise ... from err`);
# - `traceback.print_stack()` / `format_stack()` show how the program got *here*, with no exception
#   at all: handy for "who calls this function?".
#
# To work with frames instead of text, `traceback.extract_tb(err.__traceback__)` gives a list of
# `FrameSummary` objects (`filename`, `lineno`, `name`, `line`), outermost first; `err.__traceback__`
# itself is a linked list of `tb_frame`/`tb_lineno`/`tb_next`. In services, `logger.exception("...")`
# logs at ERROR with the traceback attached. The mistake people make: logging only `str(err)`,
# which for a `KeyError` is just `'region'` and says nothing about where.

# %% course={"kind": "demo"}
import traceback


def load_region(cfg: dict) -> str:
    return cfg["region"]


def deploy(cfg: dict) -> str:
    try:
        return load_region(cfg)
    except KeyError as err:
        raise RuntimeError("deploy config is incomplete") from err


try:
    deploy({"zone": "a"})
except RuntimeError as err:
    print("str(err) alone:", repr(str(err)), "| str(cause):", repr(str(err.__cause__)))
    text = "".join(traceback.format_exception(err))
    print("format_exception has", text.count("Traceback (most recent call last)"), "tracebacks (cause and effect):")
    print(text.replace(inspect.getsourcefile(deploy), "<cell>"))
    for frame in traceback.extract_tb(err.__cause__.__traceback__):
        print(f"cause frame: {frame.name}() line {frame.lineno}: {frame.line}")

stack_text = io.StringIO()


def who_calls_me() -> None:
    traceback.print_stack(limit=2, file=stack_text)  # no exception needed


def caller() -> None:
    who_calls_me()


caller()
print("print_stack, last two frames:\n" + stack_text.getvalue().replace(inspect.getsourcefile(caller), "<cell>"))

# %% [markdown] course={"kind": "lesson", "id": "inspect", "covers": ["c-inspect-module", "c-examining-objects", "c-getting-source-code", "c-stack-inspection"]}
# ### `inspect`: ask the running program about itself
#
# - **Examining objects**: `inspect.signature(f)` gives the parameters and defaults,
#   `inspect.getmembers(obj, predicate)` lists attributes, `inspect.isfunction`, `isclass`,
#   `iscoroutinefunction` tell what a thing is. Faster than reading docs when a library hands you an
#   object you do not know.
# - **Getting source code**: `inspect.getsource(f)` and `getsourcelines(f)` (the lines and the first
#   line number), `getsourcefile`, `getmodule`. They need the source file (or, in a notebook, the cell
#   cache): for a built-in written in C they raise `TypeError`, for code without a file `OSError`.
# - **Stack inspection**: `inspect.currentframe()` is the running frame; `frame.f_back` its caller;
#   `frame.f_locals`, `f_code.co_name`, `f_lineno` what it holds and where it is; `inspect.stack()`
#   lists them all. This is how debuggers, loggers (`%(funcName)s`) and test tools see your code.
#
# Related tools in the standard library: `sys.settrace(fn)` calls `fn(frame, event, arg)` on every
# `call`, `line`, `return` and `exception` event of Python code (pdb and coverage are built on it) and
# `python -m trace --trace script.py` prints every executed line. The mistake people make: keeping a
# frame object (or a traceback) around: it keeps all its locals alive; `del frame` when done.

# %% course={"kind": "demo"}
def resize(volume_id: str, size_gb: int = 100, *, dry_run: bool = True) -> str:
    """Resize a volume."""
    caller_frame = inspect.currentframe().f_back
    try:
        return f"{volume_id}->{size_gb}G asked by {caller_frame.f_code.co_name}() line {caller_frame.f_lineno}"
    finally:
        del caller_frame  # do not keep frames alive


def nightly_job() -> str:
    return resize("vol-1", 200)


print("signature:", inspect.signature(resize))
print("parameters:", {n: p.kind.name for n, p in inspect.signature(resize).parameters.items()})
print("source, first two lines:", inspect.getsource(resize).splitlines()[:2])
print("stack inspection:", nightly_job())
try:
    inspect.getsource(len)
except TypeError as err:
    print("a built-in has no Python source:", err)

def traced_events(func) -> list[str]:
    """The call and return events of func() and everything it calls."""
    events: list[str] = []

    def tracer(frame, event, arg):
        if event in ("call", "return"):
            events.append(f"{event} {frame.f_code.co_name}")
        return tracer

    sys.settrace(tracer)
    try:
        func()
    finally:
        sys.settrace(None)
    return events


print("sys.settrace saw:", traced_events(nightly_job))

# %% [markdown] course={"kind": "lesson", "id": "strategies", "covers": ["c-debugging-strategies", "c-reproduce-the-issue", "c-isolate-the-problem", "c-binary-search-debugging", "c-rubber-duck-debugging"]}
# ### Debugging strategies: a method instead of staring
#
# 1. **Reproduce it.** A bug you can trigger on demand is half fixed. Capture the input (the request,
#    the config file, the random seed, the Python and library versions) and turn it into a failing
#    test before touching the code: the test tells you when you are done and stops it coming back.
# 2. **Isolate it.** Shrink the reproduction: fewer input rows, fewer services, one function instead
#    of the pipeline. Measure instead of guessing where time or calls go: `cProfile` counts every call
#    of every function (`pstats` sorts and prints them).
# 3. **Binary search.** When "it worked last week", the change that broke it lies between a good and
#    a bad version: test the middle one and throw away half, so 1000 commits take about 10 tests.
#    `git bisect` automates this over commits (phase 0); the same idea works over config keys, input
#    lines or package versions, and you can write it in ten lines of Python.
# 4. **Rubber duck.** Explain the code line by line to someone, or to a rubber duck: saying what each
#    line *should* do makes you notice the one that does something else.
#
# The mistake people make: changing several things at once "to see if it helps". Change one thing,
# rerun the reproduction, keep notes.

# %% course={"kind": "demo"}
import cProfile
import pstats


def slow_lookup(hosts: list[str], wanted: list[str]) -> int:
    return sum(1 for w in wanted if is_known(hosts, w))


def is_known(hosts: list[str], name: str) -> bool:
    return name in hosts  # a scan of the list each time


hosts = [f"node-{i}" for i in range(200)]
profiler = cProfile.Profile()
profiler.runcall(slow_lookup, hosts, hosts[::2])
stats = pstats.Stats(profiler)
counts = {name: calls for (_file, _line, name), (_cc, calls, *_rest) in stats.stats.items()}
print("calls per function (count, never time, when you compare runs):", {n: counts[n] for n in ("slow_lookup", "is_known")})

# Binary search over releases: which one broke the checksum?
releases = [f"1.{minor}.0" for minor in range(40)]
tested: list[str] = []


def is_good(release: str) -> bool:
    tested.append(release)
    return int(release.split(".")[1]) < 27  # pretend 1.27.0 introduced the bug


good, bad = 0, len(releases) - 1  # known good, known bad
while bad - good > 1:
    middle = (good + bad) // 2
    if is_good(releases[middle]):
        good = middle
    else:
        bad = middle
print(f"first bad release {releases[bad]}, found with {len(tested)} tests out of {len(releases)}: {tested}")

# %% [markdown] course={"kind": "lesson", "id": "scenarios", "covers": ["c-common-debugging-scenarios", "c-logic-errors", "c-off-by-one-errors", "c-race-conditions", "c-memory-issues"]}
# ### Common scenarios: logic, off-by-one, races, memory
#
# - **Logic errors** raise nothing; the program answers wrongly. Find them by checking an invariant
#   at each step (an `assert`, a log line) and looking for the first step where it fails.
# - **Off-by-one errors** hide at the ends: `range(1, n)` skips the first item, `<` versus `<=`
#   drops the last one, `items[i + 1]` runs past the end. Always test the first item, the last item,
#   one item and none.
# - **Race conditions**: two threads read the same value, both add one, both write: one update is
#   lost. `x += 1` is a read, an add and a write, and a thread switch can fall between them. A race
#   shows up rarely, so do not debug it by rerunning: make it **repeatable** by forcing the bad
#   interleaving (a `threading.Barrier` or `Event` at the suspect spot), watch it fail every time,
#   then fix it with a `threading.Lock` held across the whole read-modify-write.
# - **Memory issues**: a cache that only grows, a list of every request ever seen, a frame or
#   traceback kept alive. `tracemalloc` records where each block was allocated: take a snapshot,
#   run the suspect code, take another, and `snapshot.compare_to(old, "lineno")` names the line
#   that **allocated** the memory still alive (not the line that keeps it alive: from there you
#   look for who holds a reference). For crashes *below* Python (a C extension segfaults, a deadlock in native code),
#   `faulthandler` (`python -X faulthandler`, or `faulthandler.enable()`) prints every thread's
#   Python stack when the process dies, and `faulthandler.dump_traceback_later(seconds)` dumps it
#   when a job hangs.
#
# The mistake people make with races: adding a `print` or a `sleep` "and now it works". Timing
# changes hide the race; they do not remove it.

# %% course={"kind": "demo"}
import threading


class HitCounter:
    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()

    def add_unsafe(self, pause) -> None:
        current = self.value
        pause()  # the spot where a thread switch hurts
        self.value = current + 1

    def add_safe(self, pause) -> None:
        with self.lock:
            current = self.value
            pause()
            self.value = current + 1


def run_two(method, pause) -> None:
    workers = [threading.Thread(target=method, args=(pause,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


both_have_read = threading.Barrier(2)  # each thread waits here until the other has read too
counter = HitCounter()
run_two(counter.add_unsafe, both_have_read.wait)
print("two increments, forced interleaving, no lock:", counter.value)

counter = HitCounter()
switch_often = sys.getswitchinterval()
sys.setswitchinterval(1e-6)  # make the interpreter switch threads as often as it can
try:
    workers = [threading.Thread(target=lambda: [counter.add_safe(lambda: None) for _ in range(2000)]) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
finally:
    sys.setswitchinterval(switch_often)
print("8000 increments from 4 threads with the lock:", counter.value)

# %% [markdown] course={"kind": "text"}
# Memory: `tracemalloc` names the line that keeps growing; `faulthandler` shows the Python stack of a
# process that crashed in C code (here a child process reads address 0 through `ctypes`).

# %% course={"kind": "demo"}
import linecache
import tracemalloc

_seen_requests: list[bytes] = []


def handle(request_id: int) -> int:
    body = bytes(4096)  # tracemalloc blames this line: it allocated the bytes
    _seen_requests.append(body)  # the real culprit: every body is kept for ever
    return len(body)


tracemalloc.start()
try:
    before = tracemalloc.take_snapshot()
    for request_id in range(200):
        handle(request_id)
    after = tracemalloc.take_snapshot()
finally:
    tracemalloc.stop()
ignore = [tracemalloc.Filter(False, tracemalloc.__file__)]
top = after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "lineno")[0]
frame = top.traceback[0]
print(f"allocated most of the new memory: line {frame.lineno - inspect.getsourcelines(handle)[1] + 1} of handle(), "
      f"+{top.size_diff // 1024} KiB in {top.count_diff} new blocks")
print("that line is:", linecache.getline(frame.filename, frame.lineno).strip())
_seen_requests.clear()

crash = subprocess.run([sys.executable, "-X", "faulthandler", "-c",
                        "import ctypes\ndef read_config():\n    return ctypes.string_at(0)\nread_config()\n"],
                       capture_output=True, text=True, timeout=60)
print("exit code", crash.returncode, "| stderr:")
print("\n".join(crash.stderr.splitlines()[:6]))

# %% [markdown] course={"kind": "exercise", "id": "where-it-failed"}
# ### Where did it fail? The innermost frame of a traceback
#
# An alerting bot posts one line per crash: the function, line number and source line where the
# exception was **raised**, not where it was caught. Write `where_it_failed(err)` that returns
# `(function_name, line_number, source_line)` for the innermost frame of `err`'s traceback, the source
# line stripped of surrounding whitespace (`""` if the source is unknown). For a chained exception
# (`raise B from A`) it describes `err` itself, not its cause. An exception that was never raised has
# no traceback: raise `ValueError` saying so.
#
# ```python
# def parse(text): return int(text)
# def load(): return parse("x1")
# try:
#     load()
# except ValueError as err:
#     where_it_failed(err)   # ('parse', <line of parse>, 'def parse(text): return int(text)')
# ```
#
# `int()` is written in C, so the innermost *Python* frame is `parse`'s.

# %% [markdown] course={"kind": "hint"}
# `traceback.extract_tb(err.__traceback__)` lists the frames from the outermost (where the exception
# was caught) to the innermost (where it was raised).

# %% [markdown] course={"kind": "hint"}
# Each item is a `FrameSummary` with `.name`, `.lineno` and `.line`. Check `err.__traceback__ is None`
# first.

# %% course={"kind": "solution"}
import traceback


def where_it_failed(err: BaseException) -> tuple[str, int, str]:
    """(function, line number, source line) of the frame that raised err."""
    ### BEGIN SOLUTION
    if err.__traceback__ is None:
        raise ValueError(f"{type(err).__name__} was never raised: it has no traceback")
    frame = traceback.extract_tb(err.__traceback__)[-1]
    return (frame.name, frame.lineno, frame.line)  # FrameSummary.line is already stripped
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import inspect


def _parse_port(text):
    return int(text)


def _load_config(raw):
    settings = {"port": _parse_port(raw)}
    return settings


def _start(raw):
    return _load_config(raw)


try:
    _start("80x")
except ValueError as _err:
    _got = where_it_failed(_err)
_line = inspect.getsourcelines(_parse_port)[1] + 1
assert _got == ("_parse_port", _line, "return int(text)"), f"expected the frame of _parse_port, got {_got}"
### BEGIN HIDDEN TESTS
assert type(_got) is tuple and type(_got[1]) is int, "a tuple (str, int, str)"


def _deep(n):
    if n == 0:
        raise KeyError("region")
    return _deep(n - 1)


try:
    _deep(3)
except KeyError as _err:
    assert where_it_failed(_err) == ("_deep", inspect.getsourcelines(_deep)[1] + 2, 'raise KeyError("region")')
try:
    raise OSError("disk full")
except OSError as _err:
    _name, _lineno, _text = where_it_failed(_err)
    assert _text == 'raise OSError("disk full")' and _name == "<module>", (_name, _text)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _wrap():
    try:
        _parse_port("x")
    except ValueError as err:
        raise RuntimeError("config broken") from err


try:
    _wrap()
except RuntimeError as _err:
    _got, _cause = where_it_failed(_err), _err.__cause__
assert _got[0] == "_wrap" and _got[2] == 'raise RuntimeError("config broken") from err', f"describe err itself, not its cause: {_got}"
assert where_it_failed(_cause)[0] == "_parse_port", "the cause has its own traceback"

# %% course={"kind": "test", "points": 1}
try:
    where_it_failed(ValueError("never raised"))
except ValueError as _err:
    assert "traceback" in str(_err), f"say why: {_err}"
else:
    raise AssertionError("an exception that was never raised must give ValueError")

# %% course={"kind": "wrong", "id": "outermost-frame"}
def where_it_failed(err):
    tb = err.__traceback__  # the first traceback entry is where it was caught, not raised
    frame = traceback.extract_tb(tb)[0]
    return (frame.name, frame.lineno, frame.line)

# %% course={"kind": "wrong", "id": "current-stack"}
def where_it_failed(err):
    if err.__traceback__ is None:
        raise ValueError("no traceback")
    frame = traceback.extract_stack()[-2]  # the stack of the caller, not of the exception
    return (frame.name, frame.lineno, frame.line)

# %% [markdown] course={"kind": "exercise", "id": "log-exceptions", "item": "x-use-traceback-to-capture-and-log"}
# ### Capture and log exceptions with their traceback
#
# A nightly job runs many steps and must not die on the first failure, but every failure must land in
# the logs with its full traceback. Write `call_logged(logger, func, *args)`:
#
# - it returns `(result, None)` when `func(*args)` succeeds;
# - when it raises an `Exception`, it logs **one** record at `ERROR` level on `logger`, with the message
#   `"<func name> failed: <ExceptionType>: <message>"` and the exception attached as `exc_info` (so
#   every handler prints the traceback), and returns `(None, report)` where `report` is the full
#   traceback text, exactly as `traceback.format_exception` gives it (chained causes included);
# - `KeyboardInterrupt` and `SystemExit` are not failures of the step: let them through.
#
# ```python
# call_logged(log, int, "42")      # (42, None)
# call_logged(log, int, "4x2")     # (None, 'Traceback (most recent call last):\n ... ValueError: ...')
# # and log got: ERROR "int failed: ValueError: invalid literal for int() with base 10: '4x2'"
# ```

# %% [markdown] course={"kind": "hint"}
# `except Exception as err:` catches failures but not `KeyboardInterrupt`. `logger.error(msg, exc_info=err)`
# (or `logger.exception(msg)` inside the `except` block) attaches the traceback.

# %% [markdown] course={"kind": "hint"}
# `"".join(traceback.format_exception(err))` is the report; the name is `func.__name__`.

# %% course={"kind": "solution"}
import logging
import traceback


def call_logged(logger: logging.Logger, func, *args):
    """Run func(*args); on failure log it with its traceback and return (None, traceback text)."""
    ### BEGIN SOLUTION
    try:
        return func(*args), None
    except Exception as err:
        logger.error("%s failed: %s: %s", func.__name__, type(err).__name__, err, exc_info=err)
        return None, "".join(traceback.format_exception(err))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import logging


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def _fresh_logger(name):
    logger = logging.getLogger(name)
    logger.handlers.clear()
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    collect = _Collect()
    logger.addHandler(collect)
    return logger, collect.records


_log, _records = _fresh_logger("course.8-2.job")
assert call_logged(_log, int, "42") == (42, None), "success returns (result, None)"
assert _records == [], "nothing is logged on success"
### BEGIN HIDDEN TESTS
assert call_logged(_log, max, 3, 9, 4) == (9, None), "all the arguments are passed on"
assert call_logged(_log, str.strip, "  ") == ("", None), "a falsy result is still a result"
assert _records == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_log, _records = _fresh_logger("course.8-2.job2")
_result, _report = call_logged(_log, int, "4x2")
assert _result is None and _report.startswith("Traceback (most recent call last):"), f"report: {_report!r}"
assert _report.endswith("ValueError: invalid literal for int() with base 10: '4x2'\n"), f"report ends with the exception: {_report[-80:]!r}"
assert len(_records) == 1 and _records[0].levelno == logging.ERROR, f"one ERROR record, got {[r.levelname for r in _records]}"
assert _records[0].getMessage() == "int failed: ValueError: invalid literal for int() with base 10: '4x2'", _records[0].getMessage()
### BEGIN HIDDEN TESTS
assert _records[0].exc_info is not None and isinstance(_records[0].exc_info[1], ValueError), "attach the exception (exc_info)"
assert "Traceback" in logging.Formatter().format(_records[0]), "a handler can print the traceback"


def _step_upload(bucket):
    try:
        return {"models": 1}[bucket]
    except KeyError as err:
        raise RuntimeError(f"no bucket {bucket}") from err


_result, _report = call_logged(_log, _step_upload, "datä")
assert _result is None and "KeyError: 'datä'" in _report and "direct cause" in _report, "chained causes are in the report"
assert _report.rstrip().endswith("RuntimeError: no bucket datä") and _report.count("Traceback") == 2
assert _records[1].getMessage() == "_step_upload failed: RuntimeError: no bucket datä"
assert _records[1].exc_info[1].__cause__ is not None
assert "_step_upload" in _report and 'return {"models": 1}[bucket]' in _report, "the report names the failing line"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _interrupted():
    raise KeyboardInterrupt


_log, _records = _fresh_logger("course.8-2.job3")
try:
    call_logged(_log, _interrupted)
except KeyboardInterrupt:
    pass
else:
    raise AssertionError("KeyboardInterrupt must not be swallowed")
assert _records == [], "an interrupt is not logged as a failure"

# %% course={"kind": "wrong", "id": "message-only"}
import logging
def call_logged(logger, func, *args):
    try:
        return func(*args), None
    except Exception as err:
        logger.error(f"{func.__name__} failed: {type(err).__name__}: {err}")  # no exc_info, no traceback
        return None, str(err)

# %% course={"kind": "wrong", "id": "catches-everything"}
import logging
def call_logged(logger, func, *args):
    try:
        return func(*args), None
    except BaseException as err:  # also swallows Ctrl-C
        logger.error("%s failed: %s: %s", func.__name__, type(err).__name__, err, exc_info=err)
        return None, "".join(traceback.format_exception(err))

# %% course={"kind": "wrong", "id": "stack-not-traceback"}
import logging
def call_logged(logger, func, *args):
    try:
        return func(*args), None
    except Exception as err:
        logger.exception("%s failed: %s: %s", func.__name__, type(err).__name__, err)
        return None, "".join(traceback.format_stack())  # where we are now, not where it failed

# %% [markdown] course={"kind": "exercise", "id": "debug-session", "item": "x-debug-a-provided-buggy-script-using-pdb"}
# ### Drive `pdb` from a script
#
# To debug in a notebook, in CI logs or in a bug report, a pdb session must run without a person at the
# keyboard. Write `debug_session(func, args, commands)` that runs `func(*args)` under a **fresh**
# `pdb.Pdb` which reads the given commands (a list of strings, one pdb command each) instead of the
# keyboard and writes everything it prints into a string. After the last of your commands the session
# must `continue`, so the function always runs to its end. Return `(result, transcript)`. Call `func`
# exactly once; if it raises, let the exception through. Do not read the user's `.pdbrc`
# (`readrc=False`) and do not install a Ctrl-C handler (`nosigint=True`). Leave no breakpoint behind:
# pdb keeps breakpoints in a table shared by **every** `Pdb` object, and a `Pdb` created later loads
# every breakpoint still in it and stops there, old condition included (checked on Python 3.11.7, 3.12.1
# and 3.13.0); clear them when the session ends, also when `func` raises.
#
# ```python
# def double(n):
#     twice = n * 2
#     return twice
# debug_session(double, (21,), ["n", "p twice"])
# # (42, '> ...(2)double()\n-> twice = n * 2\n(Pdb) > ...(3)double()\n-> return twice\n(Pdb) 42\n(Pdb) ')
# ```

# %% [markdown] course={"kind": "hint"}
# `pdb.Pdb(stdin=io.StringIO(text), stdout=buffer, nosigint=True, readrc=False)` reads commands from
# `text`, one per line. `debugger.runcall(func, *args)` stops at the function's first line, runs the
# commands and returns what `func` returns.

# %% [markdown] course={"kind": "hint"}
# When the commands run out, pdb reads end-of-file and **quits**: `runcall` then returns `None`.
# Append `"continue"` to the commands, and end the text with a newline. `debugger.clear_all_breaks()`
# in a `finally:` removes the breakpoints this debugger set.

# %% course={"kind": "solution"}
import io
import pdb


def debug_session(func, args: tuple, commands: list[str]) -> tuple:
    """Run func(*args) under pdb fed with commands; return (result, transcript)."""
    ### BEGIN SOLUTION
    transcript = io.StringIO()
    script = io.StringIO("\n".join([*commands, "continue"]) + "\n")
    debugger = pdb.Pdb(stdin=script, stdout=transcript, nosigint=True, readrc=False)
    try:
        result = debugger.runcall(func, *args)
    finally:
        debugger.clear_all_breaks()
    return result, transcript.getvalue()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _double(n):
    twice = n * 2
    return twice


_result, _text = debug_session(_double, (21,), ["n", "p twice"])
assert _result == 42, f"the function must run to its end and its result come back, got {_result!r}"
assert "(Pdb) 42\n" in _text, f"`p twice` after `n` prints 42; transcript:\n{_text}"
### BEGIN HIDDEN TESTS
assert type(_text) is str and _text.startswith("> ") and "_double()" in _text, _text
_result, _text = debug_session(_double, (-4,), [])
assert _result == -8 and _text.count("(Pdb) ") == 1, f"no commands: it stops once, then continues; {_result!r} {_text!r}"
_result, _text = debug_session(_double, ("ab",), ["p n", "pp [n] * 2", "n", "n", "p twice"])
assert _result == "abab" and "'ab'\n" in _text and "['ab', 'ab']" in _text and "'abab'" in _text, _text
_result, _text = debug_session(_double, (0,), ["c"])
assert _result == 0, "a falsy result is returned too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import inspect


def _total(values):
    acc = 0
    for v in values:
        acc += v
    return acc


_line = inspect.getsourcelines(_total)[1] + 3
_result, _text = debug_session(_total, ([5, 7, 9],), [f"b {_line}, v == 9", "c", "p acc"])
assert _result == 21, f"result {_result!r}"
assert "(Pdb) 12\n" in _text, f"the conditional breakpoint stops when v == 9, where acc is 12:\n{_text}"
### BEGIN HIDDEN TESTS
_result, _text = debug_session(_total, ([5, 7, 9],), [f"b {_line}, v == 5", "c", "p acc", "c", "p acc"])
assert _result == 21 and "(Pdb) 0\n" in _text and "(Pdb) 12\n" not in _text, "a condition true only once stops once"
_result, _text = debug_session(_total, ([],), ["c"])
assert _result == 0 and _text.count("(Pdb) ") == 1, "an empty list never reaches the loop body"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_calls = []


def _boom(x):
    _calls.append(x)
    return 1 / x


assert debug_session(_boom, (4,), ["n"])[0] == 0.25 and _calls == [4], f"call func exactly once, calls: {_calls}"
try:
    debug_session(_boom, (0,), [])
except ZeroDivisionError:
    pass
else:
    raise AssertionError("an exception from func comes through")
assert _calls == [4, 0], _calls

# %% course={"kind": "test", "points": 1}
import os
import signal
import tempfile

_handler = signal.getsignal(signal.SIGINT)
_home = os.getcwd()
with tempfile.TemporaryDirectory() as _tmp:
    os.chdir(_tmp)
    try:
        with open(".pdbrc", "w") as _rc:
            _rc.write("p 'read from .pdbrc'\n")
        _result, _text = debug_session(_double, (1,), ["c"])
    finally:
        os.chdir(_home)
        _changed = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, _handler)
assert "read from .pdbrc" not in _text, "readrc=False: a .pdbrc in the current folder must not run"
assert _changed is _handler, "nosigint=True: the session must not replace the Ctrl-C handler"

# %% course={"kind": "wrong", "id": "no-continue"}
def debug_session(func, args, commands):
    transcript = io.StringIO()
    debugger = pdb.Pdb(stdin=io.StringIO("\n".join(commands) + "\n"), stdout=transcript, nosigint=True, readrc=False)
    try:
        result = debugger.runcall(func, *args)  # commands run out: pdb quits, result None
    finally:
        debugger.clear_all_breaks()
    return result, transcript.getvalue()

# %% course={"kind": "wrong", "id": "runs-twice"}
def debug_session(func, args, commands):
    result = func(*args)  # "to be sure to get the result"
    transcript = io.StringIO()
    debugger = pdb.Pdb(stdin=io.StringIO("\n".join(commands) + "\ncontinue\n"), stdout=transcript, nosigint=True, readrc=False)
    try:
        debugger.runcall(func, *args)
    finally:
        debugger.clear_all_breaks()
    return result, transcript.getvalue()


# %% course={"kind": "wrong", "id": "breakpoints-left-behind"}
def debug_session(func, args, commands):
    transcript = io.StringIO()
    debugger = pdb.Pdb(stdin=io.StringIO("\n".join([*commands, "continue"]) + "\n"), stdout=transcript, nosigint=True, readrc=False)
    return debugger.runcall(func, *args), transcript.getvalue()

# %% [markdown] course={"kind": "exercise", "id": "fix-rolling-max", "item": "x-debug-a-provided-buggy-script-using-pdb"}
# ### Find the bug with pdb, then fix it
#
# A capacity report takes the peak load of every window of `window` consecutive samples. Its
# `rolling_max` below gives `[3, 3]` for `[1, 3, 2, 5]` with a window of 2, and the peak `5` never shows
# up. Run it under your `debug_session` (or look at the session below), then write the fixed
# `rolling_max(values, window)`: a new list with the maximum of every window, in order; `[]` when the
# window is longer than the data; `ValueError` for a window below 1. Do not change `values`.
#
# ```python
# def rolling_max_buggy(values, window):
#     peaks = []
#     for start in range(len(values) - window):
#         peaks.append(max(values[start:start + window]))
#     return peaks
#
# # with `def` on line 1, line 4 is the append:
# # debug_session(rolling_max_buggy, ([1, 3, 2, 5], 2), ["b 4", "c", "p start, len(values) - window", "c", "p start"])
# # ... (Pdb) (0, 2) ... (Pdb) 1 ... and the next `continue` ends the function: start never reaches 2
# rolling_max([1, 3, 2, 5], 2)    # [3, 3, 5]
# ```

# %% [markdown] course={"kind": "hint"}
# How many windows of 2 are there in 4 values? The last window starts at index `len(values) - window`,
# and `range` stops *before* its end.

# %% [markdown] course={"kind": "hint"}
# `range(len(values) - window + 1)`, and check `window < 1` before the loop.

# %% course={"kind": "solution"}
def rolling_max(values: list, window: int) -> list:
    """The maximum of every run of `window` consecutive values."""
    ### BEGIN SOLUTION
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    return [max(values[start:start + window]) for start in range(len(values) - window + 1)]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert rolling_max([1, 3, 2, 5], 2) == [3, 3, 5], f"the last window counts too: {rolling_max([1, 3, 2, 5], 2)}"
### BEGIN HIDDEN TESTS
assert rolling_max([4, 1, 7, 2, 9, 3], 3) == [7, 7, 9, 9]
assert rolling_max([-5, -2, -9], 2) == [-2, -2], "negative loads"
assert rolling_max([0, 0, 0], 1) == [0, 0, 0] and rolling_max([6, 2], 1) == [6, 2], "a window of 1 is every value"
assert rolling_max(list(range(100)), 10) == list(range(9, 100))
_data = [3, 1, 2]
assert rolling_max(_data, 2) == [3, 2] and _data == [3, 1, 2], "values unchanged"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert rolling_max([1, 3, 2, 5], 4) == [5], "a window as long as the data: one window"
assert rolling_max([1, 3], 3) == [] and rolling_max([], 1) == [], "a window longer than the data: no windows"
### BEGIN HIDDEN TESTS
assert type(rolling_max((2, 8, 5), 2)) is list and rolling_max((2, 8, 5), 2) == [8, 8], "a tuple works too, the result is a list"
assert rolling_max(["b", "a", "c"], 2) == ["b", "c"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in (0, -1):
    try:
        rolling_max([1, 2, 3], _bad)
    except ValueError as _err:
        assert str(_bad) in str(_err), f"name the bad window: {_err}"
    else:
        raise AssertionError(f"window {_bad} must raise ValueError")

# %% course={"kind": "wrong", "id": "the-original-bug"}
def rolling_max(values, window):
    if window < 1:
        raise ValueError(f"bad window {window}")
    peaks = []
    for start in range(len(values) - window):
        peaks.append(max(values[start:start + window]))
    return peaks

# %% course={"kind": "wrong", "id": "slice-too-short"}
def rolling_max(values, window):
    if window < 1:
        raise ValueError(f"bad window {window}")
    return [max(values[start:start + window - 1]) for start in range(len(values) - window + 1)]

# %% course={"kind": "wrong", "id": "no-window-check"}
def rolling_max(values, window):
    return [max(values[start:start + window]) for start in range(len(values) - window + 1)]

# %% [markdown] course={"kind": "exercise", "id": "crash-locals", "item": "x-practice-post-mortem-debugging"}
# ### Post-mortem: the variables at the moment of the crash
#
# `pdb.post_mortem` shows the frame that raised, with its variables. A batch job cannot stop for a
# prompt, so it records the same evidence instead. Write `crash_locals(func, *args)`: run
# `func(*args)`; if it returns, return `None`; if it raises an `Exception`, return the local variables of
# the **innermost Python frame** of the traceback (where the exception was raised; for an error inside a
# C function such as `int()`, the Python frame that called it) as a new dict `{name: repr(value)}`.
#
# ```python
# def shard(key, count):
#     total = sum(map(ord, key))
#     return total % count
# crash_locals(shard, "ab", 0)    # {'key': "'ab'", 'count': '0', 'total': '195'}
# crash_locals(shard, "ab", 2)    # None
# ```

# %% [markdown] course={"kind": "hint"}
# `err.__traceback__` is a chain: follow `tb.tb_next` until it is `None`; the last one's `tb.tb_frame` is
# the frame that raised. Its `f_locals` is a dict of its variables.

# %% [markdown] course={"kind": "hint"}
# `{name: repr(value) for name, value in frame.f_locals.items()}`. The first traceback entry is the
# frame of `crash_locals` itself, where you called `func`.

# %% course={"kind": "solution"}
def crash_locals(func, *args) -> dict[str, str] | None:
    """The variables of the frame that raised, as reprs; None if func returned."""
    ### BEGIN SOLUTION
    try:
        func(*args)
    except Exception as err:
        tb = err.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        return {name: repr(value) for name, value in tb.tb_frame.f_locals.items()}
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _shard(key, count):
    total = sum(map(ord, key))
    return total % count


_got = crash_locals(_shard, "ab", 0)
assert _got == {"key": "'ab'", "count": "0", "total": "195"}, f"the variables of _shard when it raised: {_got}"
assert crash_locals(_shard, "ab", 2) is None, "no crash: None"
### BEGIN HIDDEN TESTS
assert type(_got) is dict


def _outer(rows):
    batch = rows[:2]
    return _inner(batch, "gpü")


def _inner(batch, device):
    count = len(batch)
    return batch[count]


assert crash_locals(_outer, [1, 2, 3]) == {"batch": "[1, 2]", "device": "'gpü'", "count": "2"}, "the innermost frame, not the outer ones"


def _returns_falsy():
    return 0


assert crash_locals(_returns_falsy) is None and crash_locals(lambda: "") is None, "a falsy result is still no crash"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _parse(text):
    cleaned = text.strip()
    return int(cleaned)


assert crash_locals(_parse, " 4x ") == {"text": "' 4x '", "cleaned": "'4x'"}, "an error inside int(): the Python frame that called it"
### BEGIN HIDDEN TESTS
def _raises_directly(flag):
    raise LookupError(flag)


assert crash_locals(_raises_directly, None) == {"flag": "None"}
assert crash_locals(_raises_directly, "") == {"flag": "''"}, "an empty string is a value"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-frame"}
def crash_locals(func, *args):
    try:
        func(*args)
    except Exception as err:
        frame = err.__traceback__.tb_frame  # crash_locals' own frame
        return {name: repr(value) for name, value in frame.f_locals.items()}
    return None

# %% course={"kind": "wrong", "id": "values-not-reprs"}
def crash_locals(func, *args):
    try:
        func(*args)
    except Exception as err:
        tb = err.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        return dict(tb.tb_frame.f_locals)
    return None

# %% [markdown] course={"kind": "exercise", "id": "count-calls"}
# ### A tracer that counts calls
#
# "Why is the sync job slow?" often has the answer "it calls `fetch` 4000 times". Write
# `count_calls(func, *args)` that runs `func(*args)` with a trace function installed by `sys.settrace`
# and returns `(result, counts)`: `counts` is a plain `dict` from function name (`frame.f_code.co_name`)
# to how many times a frame of that function started (the `"call"` event), `func` itself included.
# Afterwards the trace function that was installed before (`sys.gettrace()`, often `None`, but a
# debugger or coverage tool may have one) must be back, also when `func` raises (let the exception
# through).
#
# ```python
# def fib(n):
#     return n if n < 2 else fib(n - 1) + fib(n - 2)
# count_calls(fib, 5)     # (5, {'fib': 15})
# ```

# %% [markdown] course={"kind": "hint"}
# The trace function gets `(frame, event, arg)`. Count only `event == "call"`. What it returns becomes
# the *local* trace function of that frame; return `None` if you do not need `"line"` events.

# %% [markdown] course={"kind": "hint"}
# `previous = sys.gettrace()`, then `sys.settrace(tracer)`, and `sys.settrace(previous)` in a `finally:`.

# %% course={"kind": "solution"}
import sys


def count_calls(func, *args) -> tuple:
    """Run func(*args) and count the calls of every Python function it makes."""
    ### BEGIN SOLUTION
    counts: dict[str, int] = {}

    def tracer(frame, event, arg):
        if event == "call":
            name = frame.f_code.co_name
            counts[name] = counts.get(name, 0) + 1

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = func(*args)
    finally:
        sys.settrace(previous)
    return result, counts
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


_got = count_calls(_fib, 5)
assert _got == (5, {"_fib": 15}), f"fib(5) makes 15 calls of _fib in all, got {_got}"
### BEGIN HIDDEN TESTS
assert type(_got[1]) is dict, "a plain dict"
assert count_calls(_fib, 10) == (55, {"_fib": 177})
assert count_calls(_fib, 0) == (0, {"_fib": 1}), "func itself counts"


def _fetch(node):
    return f"{node}:ok"


def _sync(nodes):
    out = []
    for node in nodes:
        out.append(_fetch(node))
    return _summary(out)


def _summary(rows):
    return len(rows)


assert count_calls(_sync, ["a", "b", "c"]) == (3, {"_sync": 1, "_fetch": 3, "_summary": 1})
assert count_calls(_sync, []) == (0, {"_sync": 1, "_summary": 1}), "no nodes, no fetches"
assert count_calls(len, "abc") == (3, {}), "a C function makes no Python call"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import sys


def _other_tracer(frame, event, arg):
    return None


sys.settrace(_other_tracer)
try:
    count_calls(_fib, 3)
    _after = sys.gettrace()
finally:
    sys.settrace(None)
assert _after is _other_tracer, f"the trace function installed before must be back, found {_after}"
try:
    count_calls(_fib, "x")
except TypeError:
    pass
else:
    raise AssertionError("the exception from func comes through")
assert sys.gettrace() is None, "and the tracer is removed after an exception too"

# %% course={"kind": "wrong", "id": "counts-every-event"}
import sys
def count_calls(func, *args):
    counts = {}

    def tracer(frame, event, arg):
        name = frame.f_code.co_name
        counts[name] = counts.get(name, 0) + 1  # "line" and "return" events too
        return tracer

    sys.settrace(tracer)
    try:
        result = func(*args)
    finally:
        sys.settrace(None)
    return result, counts

# %% course={"kind": "wrong", "id": "tracer-not-restored"}
import sys
def count_calls(func, *args):
    counts = {}

    def tracer(frame, event, arg):
        if event == "call":
            counts[frame.f_code.co_name] = counts.get(frame.f_code.co_name, 0) + 1

    sys.settrace(tracer)
    result = func(*args)
    sys.settrace(None)  # forgets the previous tracer, and is skipped when func raises
    return result, counts

# %% [markdown] course={"kind": "exercise", "id": "profile-counts"}
# ### Profile by counting: `cProfile` and `pstats`
#
# Profiler *times* change from run to run; its *call counts* do not, so they are what you compare
# before and after a fix (and what a test can assert). Write `most_called(func, *args, top=3)`: run
# `func(*args)` under `cProfile.Profile`, and return a list of `(function_name, calls)` for the `top`
# Python functions with the most calls, most first, equal counts by name. `calls` is the **total** number
# of calls, recursive ones included (the first number of pstats' `ncalls` column, e.g. `177` in
# `177/1`). Leave out built-in functions (pstats files them under the file name `"~"`). The function
# names in the tests are unique.
#
# ```python
# def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
# def report(): return [fib(10), len("x")]
# most_called(report)      # [('fib', 177), ('report', 1)]
# ```

# %% [markdown] course={"kind": "hint"}
# `profiler = cProfile.Profile(); profiler.runcall(func, *args)`, then `pstats.Stats(profiler).stats`:
# a dict from `(filename, line, name)` to `(primitive_calls, total_calls, ...)`.

# %% [markdown] course={"kind": "hint"}
# `sorted(pairs, key=lambda p: (-p[1], p[0]))[:top]`. Primitive calls (the first number) count a
# recursive function once; you want the second.

# %% course={"kind": "solution"}
import cProfile
import pstats


def most_called(func, *args, top: int = 3) -> list[tuple[str, int]]:
    """The `top` most called Python functions of func(*args), as (name, total calls)."""
    ### BEGIN SOLUTION
    profiler = cProfile.Profile()
    profiler.runcall(func, *args)
    stats = pstats.Stats(profiler).stats
    pairs = [(name, calls) for (file, _line, name), (_prim, calls, *_rest) in stats.items() if file != "~"]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _fib(n):
    return n if n < 2 else _fib(n - 1) + _fib(n - 2)


def _report():
    return [_fib(10), len("x")]


_got = most_called(_report)
assert _got == [("_fib", 177), ("_report", 1)], f"total calls, recursive ones included, no built-ins: {_got}"
### BEGIN HIDDEN TESTS
assert type(_got) is list and type(_got[0]) is tuple


def _lookup(hosts, name):
    return name in hosts


def _check(hosts):
    found = 0
    for name in ("a", "b", "c", "zz"):
        found += _lookup(hosts, name)
    return found + _audit() + _audit() + len(hosts)


def _audit():
    return 0


assert most_called(_check, ["a", "b", "c"], top=2) == [("_lookup", 4), ("_audit", 2)], most_called(_check, ["a", "b", "c"], top=5)
assert most_called(_check, ["a"], top=5) == [("_lookup", 4), ("_audit", 2), ("_check", 1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _b():
    return 1


def _a():
    return _b() + _c()


def _c():
    return 2


assert most_called(_a, top=2) == [("_a", 1), ("_b", 1)], f"equal counts in name order, and only `top` of them: {most_called(_a, top=2)}"
### BEGIN HIDDEN TESTS
assert most_called(_a) == [("_a", 1), ("_b", 1), ("_c", 1)], "top defaults to 3"
assert most_called(_a, top=1) == [("_a", 1)] and most_called(_a, top=0) == []
assert most_called(_a, top=10) == [("_a", 1), ("_b", 1), ("_c", 1)], "fewer functions than top: all of them"


def _zeta():
    return 0


def _alpha():
    return 0


def _main():
    return _zeta() + _alpha() + _zeta() + _alpha()


assert most_called(_main) == [("_alpha", 2), ("_zeta", 2), ("_main", 1)], f"ties by name, not by call order: {most_called(_main)}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "primitive-calls"}
def most_called(func, *args, top=3):
    profiler = cProfile.Profile()
    profiler.runcall(func, *args)
    stats = pstats.Stats(profiler).stats
    pairs = [(name, prim) for (file, _line, name), (prim, *_rest) in stats.items() if file != "~"]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]

# %% course={"kind": "wrong", "id": "keeps-built-ins"}
def most_called(func, *args, top=3):
    profiler = cProfile.Profile()
    profiler.runcall(func, *args)
    stats = pstats.Stats(profiler).stats
    pairs = [(name, calls) for (_file, _line, name), (_prim, calls, *_rest) in stats.items()]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:top]

# %% [markdown] course={"kind": "exercise", "id": "leak-finder"}
# ### A memory-leak finder with `tracemalloc` snapshots
#
# A worker's memory grows with every request. Write `grows_most(func, repeat)` that calls `func()`
# `repeat` times between two `tracemalloc` snapshots and returns `(filename, line, size_diff)` for the
# source line whose live allocations **grew** the most (`size_diff` in bytes, positive), or `None` if no
# line grew. Count only allocations made by lines of the file where `func` is defined
# (`func.__code__.co_filename`): that leaves out tracemalloc's own bookkeeping and whatever else the
# process is doing. A line whose memory *shrank* (something was freed) is not a leak, however large
# the change. Tracing costs memory and time: start `tracemalloc` only if it is not running yet, and stop
# it afterwards only if you started it.
#
# ```python
# kept = []
# def handle():
#     kept.append(bytes(20_000))       # say this is line 3 of cell.py
# grows_most(handle, 10)               # ('cell.py', 3, 200_0xx): a little more than 10 * 20 000
# ```

# %% [markdown] course={"kind": "hint"}
# `tracemalloc.is_tracing()`, `tracemalloc.start()`, `tracemalloc.take_snapshot()`; put the calls and
# the second snapshot in a `try:` and stop tracing in the `finally:`.

# %% [markdown] course={"kind": "hint"}
# `keep = [tracemalloc.Filter(True, func.__code__.co_filename)]`, then
# `after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno")` gives `StatisticDiff`s,
# sorted by the **size** of the change (frees included); keep those with `size_diff > 0` and take the
# largest. `stat.traceback[0]` has `.filename` and `.lineno`.

# %% course={"kind": "solution"}
import tracemalloc


def grows_most(func, repeat: int) -> tuple[str, int, int] | None:
    """The line of func's file whose allocations grew most over `repeat` calls of func()."""
    ### BEGIN SOLUTION
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(repeat):
            func()
        after = tracemalloc.take_snapshot()
    finally:
        if started:
            tracemalloc.stop()
    keep = [tracemalloc.Filter(True, func.__code__.co_filename)]
    changes = after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno")
    grown = [stat for stat in changes if stat.size_diff > 0]
    if not grown:
        return None
    top = max(grown, key=lambda stat: stat.size_diff)
    return (top.traceback[0].filename, top.traceback[0].lineno, top.size_diff)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import inspect
import tracemalloc

_kept = []


def _handle():
    _kept.append(bytes(20_000))


_got = grows_most(_handle, 10)
_line = inspect.getsourcelines(_handle)[1] + 1
assert _got is not None and _got[:2] == (_handle.__code__.co_filename, _line), f"the leak is the line `_kept.append(bytes(20_000))`, got {_got}"
assert 200_000 <= _got[2] < 240_000, f"10 leaks of 20 000 bytes: size_diff {_got[2]}"
### BEGIN HIDDEN TESTS
assert type(_got) is tuple and type(_got[2]) is int
_kept.clear()
_got = grows_most(_handle, 50)
assert _got[1] == _line and 1_000_000 <= _got[2] < 1_100_000, f"repeat is used: {_got}"
_kept.clear()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_big = [bytes(100_000) for _ in range(20)]
_big_line = inspect.currentframe().f_lineno - 1


def _free_and_leak():
    _big.pop()
    _kept.append(bytes(20_000))


_got = grows_most(_free_and_leak, 10)
assert _got is not None and _got[1] == inspect.getsourcelines(_free_and_leak)[1] + 2, f"1 MB freed is not a leak; the 200 kB kept is: {_got}"
### BEGIN HIDDEN TESTS
assert 200_000 <= _got[2] < 240_000, _got
_kept.clear()
_big.clear()


def _nothing():
    return None


assert grows_most(_nothing, 10) is None, "no line grew: None"
assert grows_most(_handle, 0) is None, "no calls, no growth"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
if tracemalloc.is_tracing():
    tracemalloc.stop()
grows_most(lambda: None, 3)
assert not tracemalloc.is_tracing(), "stop tracing if you started it"
tracemalloc.start()
try:
    _got = grows_most(_handle, 5)
    assert tracemalloc.is_tracing(), "tracing that was running before must keep running"
finally:
    tracemalloc.stop()
    _kept.clear()
assert _got[1] == _line and _got[2] >= 100_000, f"works when tracing was already on: {_got}"
### BEGIN HIDDEN TESTS
_state = {"n": 10}


def _grow_by_one():
    _state["n"] += 1
    _state["text"] = "x" * _state["n"]  # replaces a string one character shorter


tracemalloc.start()
try:
    _grow_by_one()
    _got = grows_most(_grow_by_one, 1)
finally:
    tracemalloc.stop()
assert _got is not None and _got[1:] == (inspect.getsourcelines(_grow_by_one)[1] + 2, 1), f"a growth of one byte is growth: {_got}"
def _idle():
    return None


tracemalloc.start()
try:
    _unchanged = bytes(5000)  # in _idle's file: traced, alive, the same size in both snapshots
    _got = grows_most(_idle, 3)
finally:
    tracemalloc.stop()
assert _got is None, f"a line whose memory did not change is no leak: {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "largest-change"}
import tracemalloc
def grows_most(func, repeat):
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(repeat):
        func()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    keep = [tracemalloc.Filter(True, func.__code__.co_filename)]
    changes = after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno")
    if not changes:
        return None
    top = changes[0]  # the biggest change, which may be memory that was freed
    return (top.traceback[0].filename, top.traceback[0].lineno, top.size_diff)

# %% course={"kind": "wrong", "id": "always-stops"}
import tracemalloc
def grows_most(func, repeat):
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(repeat):
            func()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()  # also stops a trace someone else started
    keep = [tracemalloc.Filter(True, func.__code__.co_filename)]
    grown = [s for s in after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno") if s.size_diff > 0]
    if not grown:
        return None
    top = max(grown, key=lambda s: s.size_diff)
    return (top.traceback[0].filename, top.traceback[0].lineno, top.size_diff)

# %% [markdown] course={"kind": "exercise", "id": "first-bad-release"}
# ### Bisect a regression: the first bad release
#
# (The idea of LeetCode's *First Bad Version*, and of `git bisect`.) Model accuracy dropped somewhere
# in a list of releases, oldest first. `is_good(release)` runs the slow evaluation for one release;
# every release before the first bad one is good and every release from it on is bad. Write
# `first_bad(releases, is_good)` that returns the first bad release, calling `is_good` at most
# `len(releases).bit_length()` times (about log2 of the length: 10 calls for 1000 releases) and never
# twice for the same release. Do not assume the first release is good: it may be bad too. If every
# release is good (or the list is empty), raise `ValueError`.
#
# ```python
# releases = ["1.0", "1.1", "1.2", "1.3", "1.4"]
# first_bad(releases, lambda r: r < "1.3")      # '1.3' (with at most 3 calls)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a range `lo, hi` where the answer's index must lie, starting with `0, len(releases)` (`hi ==
# len` stands for "nothing is bad"). Test the middle; a good middle moves `lo` past it, a bad one
# moves `hi` to it.

# %% [markdown] course={"kind": "hint"}
# `while lo < hi: mid = (lo + hi) // 2; if is_good(releases[mid]): lo = mid + 1 else: hi = mid`.
# Afterwards `lo == hi`; if it equals `len(releases)`, nothing was bad.

# %% course={"kind": "solution"}
def first_bad(releases: list, is_good) -> object:
    """The first release for which is_good is False, by binary search."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(releases)
    while lo < hi:
        mid = (lo + hi) // 2
        if is_good(releases[mid]):
            lo = mid + 1
        else:
            hi = mid
    if lo == len(releases):
        raise ValueError(f"no bad release among {len(releases)}")
    return releases[lo]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _checker(first_bad_index, releases):
    calls = []

    def is_good(release):
        calls.append(release)
        return releases.index(release) < first_bad_index

    return is_good, calls


_releases = ["1.0", "1.1", "1.2", "1.3", "1.4"]
_is_good, _calls = _checker(3, _releases)
assert first_bad(_releases, _is_good) == "1.3", "1.3 is the first bad release"
### BEGIN HIDDEN TESTS
for _n in (1, 2, 3, 7, 8, 64, 100):
    _rel = [f"v{i}" for i in range(_n)]
    for _bad in range(_n):
        _is_good, _calls = _checker(_bad, _rel)
        assert first_bad(_rel, _is_good) == f"v{_bad}", (_n, _bad)
        assert len(_calls) <= _n.bit_length(), f"{_n} releases, first bad {_bad}: {len(_calls)} calls"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_releases = [f"2.{i}" for i in range(1000)]
_is_good, _calls = _checker(617, _releases)
assert first_bad(_releases, _is_good) == "2.617"
assert len(_calls) <= 10, f"binary search: at most 10 calls for 1000 releases, made {len(_calls)}"
assert len(set(_calls)) == len(_calls), "never evaluate the same release twice"
### BEGIN HIDDEN TESTS
for _bad in (0, 1, 998, 999):
    _is_good, _calls = _checker(_bad, _releases)
    assert first_bad(_releases, _is_good) == f"2.{_bad}" and len(_calls) <= 10, (_bad, len(_calls))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_is_good, _calls = _checker(0, ["a", "b"])
assert first_bad(["a", "b"], _is_good) == "a", "the very first release can be the bad one"
for _rel in (["a", "b", "c"], []):
    _is_good, _calls = _checker(len(_rel), _rel)
    try:
        first_bad(_rel, _is_good)
    except ValueError:
        pass
    else:
        raise AssertionError(f"all good ({_rel}): ValueError")
### BEGIN HIDDEN TESTS
_is_good, _calls = _checker(0, [0])
assert first_bad([0], _is_good) == 0 and _calls == [0], "a falsy release is a release"
_is_good, _calls = _checker(1, [""])
try:
    first_bad([""], _is_good)
except ValueError:
    pass
else:
    raise AssertionError("one good release: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "linear-scan"}
def first_bad(releases, is_good):
    for release in releases:
        if not is_good(release):
            return release
    raise ValueError("no bad release")

# %% course={"kind": "wrong", "id": "assumes-last-is-bad"}
def first_bad(releases, is_good):
    lo, hi = 0, len(releases) - 1  # "the newest one is bad anyway"
    while lo < hi:
        mid = (lo + hi) // 2
        if is_good(releases[mid]):
            lo = mid + 1
        else:
            hi = mid
    return releases[lo]

# %% course={"kind": "wrong", "id": "returns-last-good"}
def first_bad(releases, is_good):
    lo, hi = -1, len(releases)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if is_good(releases[mid]):
            lo = mid
        else:
            hi = mid
    if hi == len(releases):
        raise ValueError("no bad release")
    return releases[max(lo, 0)]

# %% [markdown] course={"kind": "exercise", "id": "race-fix", "item": "x-debug-a-race-condition-scenario"}
# ### Make a race repeatable, then fix it
#
# A web server's worker threads all call `stats.record(status)` to count responses per status code.
# The version below loses counts under load: two threads read the same count, both add one, both write.
# The `pause` hook sits where a thread switch does the damage. The tests use it to force the bad
# interleaving: while the first thread is paused between its read and its write, they start a second
# `record` and let the first thread write only once the second has read the count too (or is waiting for
# the lock). So the race happens on **every** run instead of once a week, and a fix passes every time.
#
# ```python
# class RequestStats:                     # the racy version
#     def __init__(self, pause=lambda: None):
#         self.counts, self._pause = {}, pause
#     def record(self, status):
#         current = self.counts.get(status, 0)
#         self._pause()
#         self.counts[status] = current + 1
# ```
#
# Finish the fixed `RequestStats`: keep one `threading.Lock` in `self._lock` (created once, in
# `__init__`), and in `record` hold it across the whole read, `self._pause()` (called exactly once per
# record) and write. `snapshot()` returns a copy of the counts taken under the lock, so a caller cannot
# change the live dict.
#
# ```python
# stats = RequestStats()
# stats.record(200); stats.record(200); stats.record(503)
# stats.snapshot()      # {200: 2, 503: 1}
# ```

# %% [markdown] course={"kind": "hint"}
# `with self._lock:` around the three steps. A lock created inside `record` is a new lock for every
# call: it protects nothing.

# %% [markdown] course={"kind": "hint"}
# With the lock held across read, pause and write, the second thread waits at `with self._lock:` until
# the first has written, so it reads the new count. A lock taken only around the write (or only around
# the read) still lets both threads read the same old count.

# %% course={"kind": "solution"}
import threading


class RequestStats:
    """Response counts per status code, safe to update from many threads."""

    def __init__(self, pause=lambda: None) -> None:
        self.counts: dict[int, int] = {}
        self._pause = pause  # the tests force a thread switch here
        ### BEGIN SOLUTION
        self._lock = threading.Lock()
        ### END SOLUTION

    def record(self, status: int) -> None:
        ### BEGIN SOLUTION
        with self._lock:
            current = self.counts.get(status, 0)
            self._pause()
            self.counts[status] = current + 1
        ### END SOLUTION

    def snapshot(self) -> dict[int, int]:
        ### BEGIN SOLUTION
        with self._lock:
            return dict(self.counts)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_stats = RequestStats()
for _status in (200, 200, 503, 200):
    _stats.record(_status)
assert _stats.snapshot() == {200: 3, 503: 1}, f"counts per status: {_stats.snapshot()}"
### BEGIN HIDDEN TESTS
assert RequestStats().snapshot() == {}, "no requests yet"
_copy = _stats.snapshot()
_copy[200] = 0
_copy[404] = 9
assert _stats.snapshot() == {200: 3, 503: 1} and type(_copy) is dict, "snapshot() is a copy"
assert _stats.snapshot() is not _stats.snapshot()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
import threading


class _WatchedLock:
    # wraps the object's lock and reports when a thread has to wait for it

    def __init__(self, lock, on_wait) -> None:
        self._lock, self._on_wait = lock, on_wait

    def acquire(self, blocking=True, timeout=-1):
        if self._lock.acquire(False):
            return True
        if not blocking:
            return False
        self._on_wait()  # the lock is held by someone else: this thread now waits for it
        return self._lock.acquire(True, timeout)

    def release(self) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def _forced_interleaving(stats_factory):
    # Thread A (this thread) records 200; while A sits at pause(), between its read and its write, thread B
    # records 200. A writes only once B has either read the count too (B reached pause(): the race, every
    # time) or is waiting for the lock A holds (the fix). No sleeps, and no timeout on either path.
    second_moved = threading.Event()
    calls = []

    def pause():
        calls.append(threading.current_thread())
        if len(calls) == 1:  # thread A, between its read and its write
            second.start()
            assert second_moved.wait(timeout=60), "the second record() neither read the count nor waited for the lock"
        else:
            second_moved.set()  # thread B has read the count too

    def record_then_report():
        try:
            stats.record(200)
        finally:
            second_moved.set()  # whatever happened in B, A must not wait for ever

    stats = stats_factory(pause)
    assert hasattr(stats, "_lock"), "RequestStats keeps its lock in self._lock"
    stats._lock = _WatchedLock(stats._lock, second_moved.set)
    second = threading.Thread(target=record_then_report)
    stats.record(200)  # thread A is this thread
    second.join(timeout=60)
    assert not second.is_alive(), "the second record() never finished (is the lock released?)"
    return stats.snapshot()


_got = _forced_interleaving(RequestStats)
assert _got == {200: 2}, f"two threads record 200 at the same time: a lost update leaves {_got}"

# %% course={"kind": "test", "points": 1}
_held = []
_stats = RequestStats(pause=lambda: _held.append(_stats._lock.locked()))
_stats.record(404)
_stats.record(404)
assert _held == [True, True], f"pause() runs once per record, with self._lock held: {_held}"
assert type(_stats._lock) is type(threading.Lock()), "self._lock is a threading.Lock"
### BEGIN HIDDEN TESTS
_first = _stats._lock
_stats.record(500)
assert _stats._lock is _first, "one lock for the object's whole life"
assert not _first.locked(), "the lock is released after record"
_stats2 = RequestStats(pause=lambda: 1 / 0)
try:
    _stats2.record(200)
except ZeroDivisionError:
    pass
assert not _stats2._lock.locked() and _stats2.snapshot() == {}, "an error inside releases the lock (use `with`)"


class _CountingLock:  # counts how often the object takes its lock
    def __init__(self, lock) -> None:
        self.lock, self.taken = lock, 0

    def acquire(self, blocking=True, timeout=-1):
        self.taken += 1
        return self.lock.acquire(blocking, timeout)

    def release(self) -> None:
        self.lock.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


_stats3 = RequestStats()
_stats3.record(201)
_stats3._lock = _CountingLock(_stats3._lock)
assert _stats3.snapshot() == {201: 1} and _stats3._lock.taken == 1, "snapshot() copies the counts under self._lock"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "lock-per-call"}
import threading
class RequestStats:
    def __init__(self, pause=lambda: None):
        self.counts = {}
        self._pause = pause
        self._lock = threading.Lock()

    def record(self, status):
        with threading.Lock():  # a new lock each call: nobody else ever waits for it
            current = self.counts.get(status, 0)
            self._pause()
            self.counts[status] = current + 1

    def snapshot(self):
        return dict(self.counts)

# %% course={"kind": "wrong", "id": "lock-around-write-only"}
import threading
class RequestStats:
    def __init__(self, pause=lambda: None):
        self.counts = {}
        self._pause = pause
        self._lock = threading.Lock()

    def record(self, status):
        current = self.counts.get(status, 0)
        self._pause()
        with self._lock:  # too late: the value read above may already be stale
            self.counts[status] = current + 1

    def snapshot(self):
        with self._lock:
            return dict(self.counts)

# %% course={"kind": "wrong", "id": "lock-around-read-only"}
import threading
class RequestStats:
    def __init__(self, pause=lambda: None):
        self.counts = {}
        self._pause = pause
        self._lock = threading.Lock()

    def record(self, status):
        with self._lock:  # released before the write: another thread can read the same count meanwhile
            current = self.counts.get(status, 0)
        self._pause()
        self.counts[status] = current + 1

    def snapshot(self):
        with self._lock:
            return dict(self.counts)

# %% course={"kind": "wrong", "id": "snapshot-without-lock"}
import threading
class RequestStats:
    def __init__(self, pause=lambda: None):
        self.counts = {}
        self._pause = pause
        self._lock = threading.Lock()

    def record(self, status):
        with self._lock:
            current = self.counts.get(status, 0)
            self._pause()
            self.counts[status] = current + 1

    def snapshot(self):
        return dict(self.counts)  # a copy, but not under the lock: readers and writers no longer take turns

# %% course={"kind": "wrong", "id": "live-dict"}
import threading
class RequestStats:
    def __init__(self, pause=lambda: None):
        self.counts = {}
        self._pause = pause
        self._lock = threading.Lock()

    def record(self, status):
        with self._lock:
            current = self.counts.get(status, 0)
            self._pause()
            self.counts[status] = current + 1

    def snapshot(self):
        return self.counts  # the live dict: callers can change it, and read it mid-update

# %% [markdown] course={"kind": "exercise", "id": "call-recorder", "item": "project-8-2-1"}
# ### Project core: record the execution path
#
# The first half of the *Debug Logger* project: a decorator that records which traced functions ran,
# in which order, how deep, with which arguments and results, and sends the same lines to an existing
# `logging.Logger`. Finish `CallRecorder(logger)`; `recorder.trace` decorates a function so that each
# call appends to `recorder.events`:
#
# - `("call", depth, name, args_text)` before the call; `name` is the function's `__qualname__`,
#   `args_text` the positional arguments' reprs, then `key=repr` for keyword arguments, joined by `", "`;
# - `("return", depth, name, repr(result))` when it returns, or `("raise", depth, name, "Type: message")`
#   when it raises, and then the **same** exception goes on up;
# - `depth` is how many traced calls are running around this one: 0 for the outermost, 1 inside it, ...
#   (back to the right value after an exception too).
#
# Each event is also logged at `DEBUG` on the logger, as one line: two spaces per depth level, then
# `call name(args_text)`, `return name -> value` or `raise name !! Type: message`. The decorated function
# keeps its name and docstring (`functools.wraps`).
#
# ```python
# rec = CallRecorder(logging.getLogger("job"))
# @rec.trace
# def fetch(node, retries=1): return f"{node}:ok"
# @rec.trace
# def sync(nodes): return [fetch(n, retries=2) for n in nodes]
# sync(["a"])
# rec.events == [("call", 0, "sync", "['a']"), ("call", 1, "fetch", "'a', retries=2"),
#                ("return", 1, "fetch", "'a:ok'"), ("return", 0, "sync", "['a:ok']")]
# # logged:  call sync(['a']) /   call fetch('a', retries=2) /   return fetch -> 'a:ok' / return sync -> ['a:ok']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the current depth on the recorder (`self.depth = 0`). The wrapper records the call at
# `self.depth`, adds one, calls the function inside `try:`/`finally:` (which subtracts one again), and
# records the return or the raise at the depth of the call.

# %% [markdown] course={"kind": "hint"}
# One helper `_record(self, kind, depth, name, text)` that appends the tuple and logs the line keeps the
# three cases short: the log text is `"  " * depth + {"call": f"call {name}({text})", "return": f"return
# {name} -> {text}", "raise": f"raise {name} !! {text}"}[kind]`.

# %% course={"kind": "solution"}
import functools
import logging


class CallRecorder:
    """Records the call path of decorated functions and logs it."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger
        self.events: list[tuple[str, int, str, str]] = []
        self.depth = 0

    def _record(self, kind: str, depth: int, name: str, text: str) -> None:
        ### BEGIN SOLUTION
        self.events.append((kind, depth, name, text))
        line = {"call": f"call {name}({text})", "return": f"return {name} -> {text}", "raise": f"raise {name} !! {text}"}[kind]
        self.logger.debug("%s%s", "  " * depth, line)
        ### END SOLUTION

    def trace(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            ### BEGIN SOLUTION
            depth, name = self.depth, func.__qualname__
            args_text = ", ".join([repr(a) for a in args] + [f"{key}={value!r}" for key, value in kwargs.items()])
            self._record("call", depth, name, args_text)
            self.depth += 1
            try:
                result = func(*args, **kwargs)
            except Exception as err:
                self._record("raise", depth, name, f"{type(err).__name__}: {err}")
                raise
            finally:
                self.depth -= 1
            self._record("return", depth, name, repr(result))
            return result
            ### END SOLUTION

        return wrapper

# %% course={"kind": "test", "points": 2}
import logging


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append((record.levelno, record.getMessage()))


def _recorder(name):
    logger = logging.getLogger(name)
    logger.handlers.clear()
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    lines = _Lines()
    logger.addHandler(lines)
    return CallRecorder(logger), lines.lines


_rec, _lines = _recorder("course.8-2.rec1")


@_rec.trace
def _fetch(node, retries=1):
    return f"{node}:ok"


@_rec.trace
def _sync(nodes):
    out = []
    for node in nodes:
        out.append(_fetch(node, retries=2))
    return out


assert _sync(["a"]) == ["a:ok"], "the decorated function still returns its result"
assert _rec.events == [("call", 0, "_sync", "['a']"), ("call", 1, "_fetch", "'a', retries=2"), ("return", 1, "_fetch", "'a:ok'"), ("return", 0, "_sync", "['a:ok']")], _rec.events
### BEGIN HIDDEN TESTS
_rec.events.clear()
assert _sync([]) == [] and _rec.events == [("call", 0, "_sync", "[]"), ("return", 0, "_sync", "[]")]
_rec.events.clear()
assert _fetch("ü", retries=0) == "ü:ok" and _rec.events == [("call", 0, "_fetch", "'ü', retries=0"), ("return", 0, "_fetch", "'ü:ok'")]
_rec.events.clear()
_sync(["x", "y"])
assert [e[:2] for e in _rec.events] == [("call", 0), ("call", 1), ("return", 1), ("call", 1), ("return", 1), ("return", 0)]


@_rec.trace
def _none():
    return None


_rec.events.clear()
assert _none() is None and _rec.events == [("call", 0, "_none", ""), ("return", 0, "_none", "None")], "no arguments: empty text"


class _Svc:
    @_rec.trace
    def ping(self, n):
        return n


_rec.events.clear()
_Svc().ping(0)
assert _rec.events[0][2] == "_Svc.ping" and _rec.events[1] == ("return", 0, "_Svc.ping", "0"), "__qualname__ names the class too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert _lines[:4] == [(logging.DEBUG, "call _sync(['a'])"), (logging.DEBUG, "  call _fetch('a', retries=2)"), (logging.DEBUG, "  return _fetch -> 'a:ok'"), (logging.DEBUG, "return _sync -> ['a:ok']")], _lines[:4]
assert _fetch.__name__ == "_fetch" and _sync.__wrapped__ is not None, "functools.wraps keeps the name"
### BEGIN HIDDEN TESTS
_rec2, _lines2 = _recorder("course.8-2.rec2")


@_rec2.trace
def _leaf(x):
    return x * 2


@_rec2.trace
def _mid(x):
    return _leaf(x) + 1


@_rec2.trace
def _top(x):
    return _mid(x)


_top(3)
assert [text for _level, text in _lines2] == ["call _top(3)", "  call _mid(3)", "    call _leaf(3)", "    return _leaf -> 6", "  return _mid -> 7", "return _top -> 7"], _lines2
assert len(_rec2.events) == len(_lines2) == 6, "one log line per event"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_rec, _lines = _recorder("course.8-2.rec3")


@_rec.trace
def _parse(text):
    return int(text)


@_rec.trace
def _load(text):
    return _parse(text)


try:
    _load("4x")
except ValueError as _err:
    _caught = _err
else:
    raise AssertionError("the exception must go on up")
assert _rec.events[-2:] == [("raise", 1, "_parse", "ValueError: invalid literal for int() with base 10: '4x'"), ("raise", 0, "_load", "ValueError: invalid literal for int() with base 10: '4x'")], _rec.events
assert _lines[-1] == (logging.DEBUG, "raise _load !! ValueError: invalid literal for int() with base 10: '4x'"), _lines[-1]
### BEGIN HIDDEN TESTS
assert _caught.__traceback__ is not None and _caught.__cause__ is None, "re-raise the same exception"
_rec.events.clear()
assert _load("7") == 7 and _rec.events[0] == ("call", 0, "_load", "'7'"), "depth is back to 0 after an exception"
assert _rec.events[1] == ("call", 1, "_parse", "'7'")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "depth-not-restored"}
import logging
import functools


class CallRecorder:
    def __init__(self, logger):
        self.logger = logger
        self.events = []
        self.depth = 0

    def _record(self, kind, depth, name, text):
        self.events.append((kind, depth, name, text))
        line = {"call": f"call {name}({text})", "return": f"return {name} -> {text}", "raise": f"raise {name} !! {text}"}[kind]
        self.logger.debug("%s%s", "  " * depth, line)

    def trace(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            depth, name = self.depth, func.__qualname__
            self._record("call", depth, name, ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]))
            self.depth += 1
            try:
                result = func(*args, **kwargs)
            except Exception as err:
                self._record("raise", depth, name, f"{type(err).__name__}: {err}")
                raise  # self.depth stays one too high for ever
            self.depth -= 1
            self._record("return", depth, name, repr(result))
            return result

        return wrapper

# %% course={"kind": "wrong", "id": "str-not-repr"}
import logging
import functools


class CallRecorder:
    def __init__(self, logger):
        self.logger = logger
        self.events = []
        self.depth = 0

    def _record(self, kind, depth, name, text):
        self.events.append((kind, depth, name, text))
        line = {"call": f"call {name}({text})", "return": f"return {name} -> {text}", "raise": f"raise {name} !! {text}"}[kind]
        self.logger.debug("%s%s", "  " * depth, line)

    def trace(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            depth, name = self.depth, func.__name__  # loses the class name of methods
            self._record("call", depth, name, ", ".join([str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()]))
            self.depth += 1
            try:
                result = func(*args, **kwargs)
            except Exception as err:
                self._record("raise", depth, name, f"{type(err).__name__}: {err}")
                raise
            finally:
                self.depth -= 1
            self._record("return", depth, name, str(result))
            return result

        return wrapper

# %% [markdown] course={"kind": "exercise", "id": "capture-state", "item": "project-8-2-1"}
# ### Project core: capture variable states
#
# The second half of the *Debug Logger*: a call you drop into any function to record its variables at
# that point, without passing them in. Write `capture_state(*names)` that returns a dict of the **calling
# function's** local variables as `{name: repr(value)}`, keys in alphabetical order. With names given,
# only those, and a name the caller does not have maps to `"<undefined>"`. Use `inspect.currentframe()`,
# and keep no frame object around after the call (a frame kept alive keeps all its variables alive).
#
# ```python
# def resize(volume, size_gb):
#     ratio = size_gb / 100
#     return capture_state()
# resize("vol-1", 250)                # {'ratio': '2.5', 'size_gb': '250', 'volume': "'vol-1'"}
# def step():
#     attempt = 0
#     return capture_state("attempt", "error")
# step()                              # {'attempt': '0', 'error': '<undefined>'}
# ```

# %% [markdown] course={"kind": "hint"}
# `inspect.currentframe()` is `capture_state`'s own frame; its `.f_back` is the caller's, and
# `.f_locals` is a dict of the caller's variables.

# %% [markdown] course={"kind": "hint"}
# `wanted = names or sorted(local_vars)`; build `{name: repr(local_vars[name]) if name in local_vars
# else "<undefined>" for name in wanted}`. Return plain strings, never the frame or its `f_locals`.

# %% course={"kind": "solution"}
import inspect


def capture_state(*names: str) -> dict[str, str]:
    """The caller's local variables (all, or the given names) as reprs, sorted by name."""
    ### BEGIN SOLUTION
    local_vars = inspect.currentframe().f_back.f_locals
    wanted = sorted(names) if names else sorted(local_vars)
    return {name: repr(local_vars[name]) if name in local_vars else "<undefined>" for name in wanted}
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def _resize(volume, size_gb):
    ratio = size_gb / 100
    return capture_state()


_got = _resize("vol-1", 250)
assert _got == {"ratio": "2.5", "size_gb": "250", "volume": "'vol-1'"}, f"the caller's variables as reprs: {_got}"
assert list(_got) == ["ratio", "size_gb", "volume"], f"keys in alphabetical order: {list(_got)}"
### BEGIN HIDDEN TESTS
assert type(_got) is dict


def _outer():
    secret = "outer"
    return _inner()


def _inner():
    mine = [1, "ü"]
    return capture_state()


assert _outer() == {"mine": "[1, 'ü']"}, "only the direct caller's variables"


def _empty():
    return capture_state()


assert _empty() == {}, "no variables: an empty dict"


def _falsy():
    zero, blank, nothing = 0, "", None
    return capture_state()


assert _falsy() == {"blank": "''", "nothing": "None", "zero": "0"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def _step():
    attempt = 0
    error = None
    del error
    return capture_state("error", "attempt")


_got = _step()
assert _got == {"attempt": "0", "error": "<undefined>"}, f"only the names asked for; unknown ones are <undefined>: {_got}"
assert list(_got) == ["attempt", "error"], "sorted by name"
### BEGIN HIDDEN TESTS
def _pick(a, b, c):
    return capture_state("c", "a")


assert _pick(1, 2, 3) == {"a": "1", "c": "3"} and list(_pick(1, 2, 3)) == ["a", "c"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "own-frame"}
def capture_state(*names):
    local_vars = inspect.currentframe().f_locals  # capture_state's own variables
    wanted = sorted(names) if names else sorted(local_vars)
    return {name: repr(local_vars[name]) if name in local_vars else "<undefined>" for name in wanted}

# %% course={"kind": "wrong", "id": "unsorted-and-missing"}
def capture_state(*names):
    frame = inspect.currentframe().f_back
    local_vars = frame.f_locals
    wanted = names or local_vars
    return {name: repr(local_vars[name]) for name in wanted}  # KeyError for an unknown name, caller's order

# %% [markdown] course={"kind": "task", "id": "debug-logger", "item": "project-8-2-1", "points": 3}
# ### Project 8.2.1: the Debug Logger, assembled
#
# Put the two cores together into a `DebugLogger` you would really use in a job script:
#
# - `@dbg.trace` records the execution path (your `CallRecorder`), and `dbg.state(*names)` inside a
#   traced function records a `("vars", depth, function, "a=1, b='x'")` event at the current depth;
# - `dbg.report()` returns the whole path as indented text, and `dbg.write_report(path)` saves it;
# - it integrates with existing logging: it takes a `logging.Logger` (or a name), logs at `DEBUG`, and
#   costs next to nothing when that logger is not enabled for `DEBUG` (check `logger.isEnabledFor`
#   before building any text);
# - demonstrate it on a small buggy pipeline of three functions: show the report that points at the
#   bug, then the fix.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `trace` and `state` events share one depth counter; the report indents them correctly,
#   including after an exception (try one).
# - 1 point: it uses the given logger (no `print`, no `basicConfig` inside the library), and with the
#   logger at `INFO` no argument is `repr`-ed (a test with an object whose `__repr__` counts calls, or
#   equivalent reasoning).
# - 1 point: the demonstration: the report makes the bug visible (a wrong variable value at a named
#   depth), and the fix is shown with the report after it.

# %% [markdown] course={"kind": "task", "id": "vscode-setup", "item": "x-set-up-vs-code-debugging-for-a-project", "points": 2}
# ### Set up VS Code debugging for a project
#
# On your own machine, in a project of yours (or a folder with one package and one test), create
# `.vscode/launch.json` with three configurations: run the package as a module with arguments and an
# environment variable; run the current test file under pytest (`"module": "pytest"`, `"args":
# ["${file}"]`); attach to `python -m debugpy --listen 127.0.0.1:5678 --wait-for-client -m <your
# module>`. Then, in a session: stop at a conditional breakpoint, add a watch expression, move up the call
# stack one frame, and turn one breakpoint into a logpoint. Hand in the file and three screenshots (or a
# short screen recording).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `launch.json` is valid and has the three entries with `"type": "debugpy"`, the right
#   `"request"` (`launch`/`attach`), `"module"`, `"args"`, `"env"`, and `"connect"` for the attach entry
#   on `127.0.0.1` (not `0.0.0.0`).
# - 1 point: the screenshots show the conditional breakpoint hit with its condition visible, the watch
#   panel with a value, an outer frame selected in the call stack, and the logpoint's message in the
#   debug console.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-debug-python-code"}
# I start by reproducing the bug with the smallest input I can, ideally as a failing test. Then I read
# the traceback bottom up: the last frame is where it raised, the frames above are the path there. For a
# wrong answer with no exception I add `f"{x=}"` prints or `logging.debug` at the boundaries to find the
# first step whose output is wrong, then stop there with `breakpoint()` (or `python -m pdb`, or the IDE)
# and inspect the variables. For crashes I use post-mortem (`pdb.pm()` or `python -m pdb script.py`).
# If it "worked last week", I bisect over commits or versions. Once fixed, the failing test stays.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-pdb-and-how-do-you-use-it"}
# `pdb` is Python's built-in command-line debugger. I enter it with `breakpoint()` in the code, with
# `python -m pdb script.py` for a whole script, or after a crash with `pdb.pm()` / `pdb.post_mortem()`.
# At the `(Pdb)` prompt: `n` runs the next line, `s` steps into a call, `c` continues to the next
# breakpoint, `l`/`ll` lists source, `p`/`pp` print values, `w` shows the stack and `u`/`d` move along
# it, `b file:line, condition` sets a conditional breakpoint, `q` quits. `PYTHONBREAKPOINT=0` disables
# all `breakpoint()` calls, which is what you want in CI and production.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-debug-production-issues"}
# Not with a debugger attached to a live service. First the evidence: logs with tracebacks
# (`logger.exception`), metrics and traces around the incident time, the exact version and config that
# ran. Then reproduce it outside production with the same inputs (a captured request, the data file,
# the seed). For hangs and native crashes, `faulthandler` (or `py-spy dump`) shows every thread's
# stack; for memory growth, `tracemalloc` snapshots compare where memory was allocated. If I must debug
# in place, I raise the log level of one logger temporarily, or attach `debugpy` over a tunnel to one
# instance taken out of the load balancer. Afterwards: a test for the bug and a log line that would have
# made it obvious.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-approach-debugging-an-unknown"}
# I get it running first (README, tests, a minimal command) and find the entry point for the failing
# behaviour. I read from the outside in: run it under `python -m trace --trace` or a profiler, or set a
# breakpoint at the entry and step, to see which code paths actually run instead of reading everything.
# `inspect.getsource`, `inspect.signature` and `w` in pdb answer "what is this object and who called
# it?". I write down what I learn, reduce the problem to a small reproduction, and change one thing at a
# time. `git log -p` / `git blame` on the lines involved tell me why they are the way they are.
