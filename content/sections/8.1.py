# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can read Python's exception hierarchy, write `try`/`except`/`else`/`finally`
# that catches only what you can handle and always cleans up, design a family of your own exceptions,
# chain errors so the root cause survives, retry transient failures with backoff, and collect several errors at once.

# %% course={"kind": "setup", "id": "imports"}
# Modules the exercises and their tests use.
import copy
import json
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# %% course={"kind": "setup", "id": "meters"}
# Stops a test whose code would loop forever, by counting executed lines (never by timing).
from course.runtime.meters import count_steps

# %% course={"kind": "setup", "id": "test-fakes"}
# Fakes the tests of the retry, chain, validation and API exercises use: nothing here sleeps,
# touches the network or depends on the clock.


class Flaky:
    """A fake operation: raises the given exceptions in turn, then returns result. Counts calls."""

    def __init__(self, errors, result="ok"):
        self.errors, self.result, self.calls = list(errors), result, 0

    def __call__(self):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return self.result


def raised(make):
    """Run make() and return the exception it raises."""
    try:
        make()
    except BaseException as err:
        return err
    raise AssertionError("make() did not raise")


class Scripted:
    """A fake transport: each call takes the next outcome (a (status, body) pair or an exception)."""

    def __init__(self, *outcomes):
        self.outcomes, self.paths = list(outcomes), []

    def __call__(self, path):
        self.paths.append(path)
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def api_failure(transport, **options):
    """The exception get_json raises for transport, with the delays it slept."""
    delays = []
    try:
        get_json(transport, "/v1/models", sleep=delays.append, **options)
    except BaseException as err:
        return err, delays
    raise AssertionError("get_json returned instead of raising")


def problems(spec: dict) -> list[tuple[str, str]] | None:
    """(field, problem) pairs from validate_service's group, or None when it raises nothing."""
    try:
        validate_service(spec)
    except ExceptionGroup as group:
        assert type(group) is ExceptionGroup, f"raise an ExceptionGroup, got {type(group).__name__}"
        assert group.message == f"{len(group.exceptions)} problem(s) in service spec", f"message {group.message!r}"
        assert all(type(e) is FieldError for e in group.exceptions), f"members {group.exceptions!r}"
        return [(e.field, e.problem) for e in group.exceptions]
    return None

# %% course={"kind": "setup", "id": "field-error"}
# The validation mini-project's error: one invalid field of a spec.
class FieldError(ValueError):
    """One field of a spec is invalid."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.field, self.problem = field, problem

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"

# %% course={"kind": "setup", "id": "api-errors"}
# The API client mini-project's exception family (the exercise "a robust API client" uses it).
class ApiError(Exception):
    """Root of every error the API client raises."""


class HttpStatusError(ApiError):
    """The server answered with a status the client does not accept."""

    def __init__(self, status: int, path: str) -> None:
        super().__init__(status, path)
        self.status, self.path = status, path

    def __str__(self) -> str:
        return f"GET {self.path} -> {self.status}"


class ClientError(HttpStatusError):
    """4xx: the request is wrong; retrying will not help."""


class NotFound(ClientError):
    """404: the resource does not exist."""


class TransientError(HttpStatusError):
    """429 or 5xx: worth retrying."""


class BadResponse(ApiError):
    """The server answered something the client cannot use."""


class ApiUnavailable(ApiError):
    """Every attempt failed with a transient error."""

# %% [markdown] course={"kind": "lesson", "id": "hierarchy", "covers": ["c-exception-hierarchy", "c-baseexception", "c-exception", "c-systemexit-keyboardinterrupt", "c-common-exceptions-valueerror-typeerror"]}
# ### The exception hierarchy: one tree, two halves
#
# Every exception is an instance of a class, and every one of those classes descends from
# **`BaseException`**. Right under it the tree splits in two:
#
# - **`Exception`**: the errors a program is expected to deal with: `ValueError` (right type, bad
#   value: `int("eight")`), `TypeError` (wrong type: `"3" + 4`), `KeyError` and `IndexError` (both are
#   `LookupError`s), `OSError` and its children (`FileNotFoundError`, `PermissionError`, `TimeoutError`,
#   `ConnectionError`...), `ZeroDivisionError`, `AttributeError`, and every exception you define yourself.
# - Signals that mean "stop", which are deliberately **not** `Exception`s: **`SystemExit`**
#   (`sys.exit()`), **`KeyboardInterrupt`** (Ctrl-C, or the notebook's stop button) and
#   **`GeneratorExit`** (thrown into a generator that is being closed).
#
# Because `except C` catches `C` *and every subclass of `C`*, where a class sits in the tree decides
# what a handler catches. `except LookupError` catches both `KeyError` and `IndexError`;
# `except OSError` catches a missing file, a refused connection and a timeout.
#
# In DevOps work this split is why `except Exception:` in a long-running worker still lets Ctrl-C and
# `sys.exit()` stop it. The thing people get wrong: they think `except Exception` catches
# *everything*. It catches everything that is an error, and nothing that is a request to stop.

# %% course={"kind": "demo"}
import sys


def ancestry(cls: type) -> str:
    """The chain of classes from cls up to BaseException."""
    return " -> ".join(c.__name__ for c in cls.__mro__ if c is not object)


for cls in (KeyError, FileNotFoundError, ConnectionRefusedError, TimeoutError, SystemExit, KeyboardInterrupt, GeneratorExit):
    print(f"{cls.__name__:24} is an Exception: {issubclass(cls, Exception)!s:5}  {ancestry(cls)}")

# %% [markdown] course={"kind": "text"}
# The common ones, each made by a one-line mistake:

# %% course={"kind": "demo"}
mistakes = {
    "int('eight')": lambda: int("eight"),
    "'3' + 4": lambda: "3" + 4,
    "{'a': 1}['b']": lambda: {"a": 1}["b"],
    "[1, 2][5]": lambda: [1, 2][5],
    "None.upper()": lambda: None.upper(),
    "10 / 0": lambda: 10 / 0,
    "open('/no/such/file')": lambda: open("/no/such/file"),
}
for code, make_error in mistakes.items():
    try:
        make_error()
    except Exception as err:
        print(f"{code:24} -> {type(err).__name__}: {err}")

# %% [markdown] course={"kind": "text"}
# And the proof that `except Exception` lets `sys.exit()` through: the inner handler never sees it.

# %% course={"kind": "demo"}
try:
    try:
        sys.exit(3)
    except Exception:
        print("never printed: SystemExit is not an Exception")
except SystemExit as stop:
    print("SystemExit got past `except Exception`, exit code", stop.code)

# %% [markdown] course={"kind": "lesson", "id": "try-except", "covers": ["c-try-except-blocks", "c-catching-specific-exceptions", "c-multiple-except-clauses", "c-catching-multiple-exceptions-except", "c-bare-except-avoid"]}
# ### `try`/`except`: catch what you can handle, by name
#
# Code that may fail goes in the `try` block; each `except` clause names the exception classes it
# handles. When something is raised, Python checks the clauses **top to bottom and runs the first one
# that matches** (by `isinstance`), then carries on after the whole statement. Nothing else runs:
# the rest of the `try` block is skipped.
#
# - **Catch specific exceptions**: `except KeyError:` says exactly which failure you expect. A broad
#   `except Exception:` also catches the typo in your own code (`NameError`, `AttributeError`) and
#   hides it.
# - **Several clauses** handle different failures differently. Put subclasses **before** their
#   parents: a clause for `LookupError` above one for `KeyError` makes the second unreachable.
# - **One clause for several types**: `except (TypeError, ValueError) as err:` takes a *tuple*.
# - **Bare `except:`** catches `BaseException`, so it also swallows Ctrl-C and `sys.exit()`.
#   Avoid it; if you really must catch everything (a top-level crash logger), write
#   `except BaseException:` and re-raise.
#
# A DevOps script uses this to turn the failures it expects (a missing key in a config, a port
# that is not a number) into clear messages, and to let every other failure crash loudly.

# %% course={"kind": "demo"}
def parse_replicas(config: dict) -> str:
    try:
        value = config["replicas"]
        count = int(value)
        return f"ok: {count} replicas"
    except KeyError:
        return "no 'replicas' key: using the default of 1"
    except (TypeError, ValueError) as err:
        return f"bad replicas value {value!r}: {type(err).__name__}"


for config in ({"replicas": "3"}, {}, {"replicas": "three"}, {"replicas": None}):
    print(f"{config!s:22} -> {parse_replicas(config)}")

# %% [markdown] course={"kind": "text"}
# Clause order matters: the first match wins, so a parent placed above its child steals its errors.

# %% course={"kind": "demo"}
def lookup(table: dict, key: str) -> str:
    try:
        return table[key]
    except LookupError:  # KeyError is a LookupError, so this matches first
        return "LookupError clause"
    except KeyError:  # unreachable: the clause above takes every KeyError
        return "KeyError clause"


print(lookup({}, "missing"))

# %% [markdown] course={"kind": "text"}
# A bare `except:` swallows the request to stop: this "retry until it works" loop would ignore
# Ctrl-C. Here `sys.exit()` stands in for the Ctrl-C.

# %% course={"kind": "demo"}
swallowed = []
for attempt in range(3):
    try:
        sys.exit("operator asked to stop")
    except:  # noqa: E722 - the point of the demo: never write this
        swallowed.append(attempt)
print("the exit request was swallowed", len(swallowed), "times; the loop went on")

# %% [markdown] course={"kind": "lesson", "id": "else-clause", "covers": ["c-else-clause", "c-runs-if-no-exception", "c-use-cases"]}
# ### `else`: the code that runs only when nothing went wrong
#
# `try: ... except ...: ... else: ...` runs the `else` block **only if the `try` block finished
# without raising**. Its use: keep the `try` block as small as the one call that may fail, and put
# what depends on its success in `else`. Exceptions raised *in* `else` are **not** caught by the
# clauses above it, which is exactly the point: you only meant to catch the failure of the one call.
#
# Typical uses: open a file in `try`, read it in `else`; make a request in `try`, parse the
# response in `else`; commit a transaction in `else` only if every statement succeeded.
#
# The thing people get wrong: they put everything in the `try` block "to be safe", and an
# unrelated `KeyError` three lines later gets reported as "config file missing".
#
# The trace below records which blocks run, in order, for a success, a handled failure and an
# error raised inside `else`:

# %% course={"kind": "demo"}
def traced(text: str) -> list[str]:
    trace = []
    try:
        try:
            trace.append("try")
            number = int(text)
        except ValueError:
            trace.append("except ValueError")
        else:
            trace.append("else")
            trace.append(f"100/{number} = {100 / number}")  # 0 raises ZeroDivisionError HERE, in else
        finally:
            trace.append("finally")
    except ZeroDivisionError:
        trace.append("(the outer handler caught ZeroDivisionError: the inner clauses did not)")
    return trace


for text in ("4", "four", "0"):
    print(f"{text!r:7}", " -> ".join(traced(text)))

# %% [markdown] course={"kind": "lesson", "id": "finally-clause", "covers": ["c-finally-clause", "c-always-runs", "c-cleanup-operations"]}
# ### `finally` and context managers: cleanup that always runs
#
# A `finally` block runs **whatever happens** in the `try`: normal end, a handled exception, an
# unhandled one (it runs, then the exception continues), a `return`, a `break` or `continue`. That
# makes it the place for cleanup: close a file or a socket, release a lock, delete a temporary
# directory, put a node back in rotation.
#
# Most cleanup is better written as a **context manager**: `with open(path) as f:` closes the file
# however the block ends, because the object's `__exit__` runs like a `finally`. To write your own,
# `contextlib.contextmanager` turns a generator into one: the code before `yield` is the setup, a
# `try`/`finally` around the `yield` is the cleanup. `__exit__` is told about the exception and
# returns a false value to let it continue, so cleanup does not hide errors.
#
# The thing people get wrong: a `return` (or `break`) **inside `finally`** replaces the exception
# that was on its way out, and the error vanishes without a trace. Linters flag it (ruff/flake8-bugbear
# rule B012), and from Python 3.14 the compiler itself warns with a `SyntaxWarning` (PEP 765; 3.11 to
# 3.13 say nothing). Keep `finally` to cleanup.

# %% course={"kind": "demo"}
def steps(how: str, log: list[str]) -> str:
    for _ in range(1):
        try:
            log.append("work")
            if how == "return":
                return "returned early"  # finally still runs before the caller gets this
            if how == "break":
                break
            if how == "raise":
                raise RuntimeError("disk full")
        finally:
            log.append("finally")
    return "reached the end"


for how in ("normal", "return", "break"):
    log = []
    result = steps(how, log)
    print(f"{how:7} -> ran {log}, result {result!r}")
log = []
try:
    steps("raise", log)
except RuntimeError as err:
    print(f"raise   -> ran {log}, then the error went on: {err!r}")

# %% [markdown] course={"kind": "text"}
# The same cleanup as a context manager. The log shows that the node goes back into rotation after
# both a good and a failed deploy, and that the failure is **not** swallowed.

# %% course={"kind": "demo"}
from contextlib import contextmanager


@contextmanager
def drained(node: str, rotation: set[str], log: list[str]):
    rotation.discard(node)
    log.append(f"drain {node}")
    try:
        yield node
    finally:
        rotation.add(node)
        log.append(f"restore {node}")


rotation, log = {"web-1", "web-2"}, []
with drained("web-1", rotation, log):
    log.append("deploy web-1: ok")
try:
    with drained("web-2", rotation, log):
        log.append("deploy web-2: failing")
        raise ConnectionError("registry unreachable")
except ConnectionError as err:
    log.append(f"caller sees: {err!r}")
print("\n".join(log))
print("rotation afterwards:", sorted(rotation))

# %% [markdown] course={"kind": "text"}
# The trap: a `return` in `finally` silently discards the exception.

# %% course={"kind": "demo"}
def swallowing() -> str:
    try:
        raise ValueError("important failure")
    finally:
        return "looks fine"  # noqa: B012 - this line is the bug being shown


print("swallowing() returned", repr(swallowing()), "and no ValueError reached us")

# %% [markdown] course={"kind": "lesson", "id": "raise", "covers": ["c-raise-statement", "c-raising-exceptions", "c-re-raising-exceptions", "c-exception-chaining-raise-from"]}
# ### `raise`: signal, re-raise, chain
#
# - **Raise** an instance with a message that helps: `raise ValueError(f"port must be 1-65535, got {port}")`.
#   (`raise ValueError` with the bare class also works: Python creates the instance.)
# - **Re-raise** with a bare `raise` inside an `except` block: the same exception object goes on,
#   with its original traceback, after you did something with it (logged it, added a note, cleaned up).
# - **Chain** with `raise NewError(...) from err` when you translate a low-level error into one of your
#   own: the new exception's `__cause__` is the original, and the traceback prints both, joined by
#   *"The above exception was the direct cause of the following exception"*.
# - Raising inside an `except` block *without* `from` still links the two, implicitly, through
#   `__context__`; the traceback then says *"During handling of the above exception, another exception
#   occurred"*, which reads like a bug in the handler. Use `from err` when translating on purpose.
# - `raise NewError(...) from None` hides the original, for when it is pure noise to the reader
#   (the `KeyError` inside your lookup table when you already say "unknown region 'eu-west-9'").
#
# The thing people get wrong: copying only the text, `raise NewError(str(err)) from None` (or keeping
# `str(err)` and raising later, outside the `except` block). Either way the original exception's type
# and traceback are gone: the one place that said where it really failed. Inside the handler, plain
# `from err` keeps them and reads right.

# %% course={"kind": "demo"}
REGIONS = {"eu-west-1": "Ireland", "us-east-1": "N. Virginia"}


def region_name(code: str, how: str) -> str:
    try:
        return REGIONS[code]
    except KeyError as err:
        if how == "from err":
            raise LookupError(f"unknown region {code!r}") from err
        if how == "from None":
            raise LookupError(f"unknown region {code!r}") from None
        if how == "implicit":
            raise LookupError(f"unknown region {code!r}")  # noqa: B904 - shown on purpose
        raise  # bare raise: the original KeyError goes on


for how in ("from err", "implicit", "from None", "re-raise"):
    try:
        region_name("eu-west-9", how)
    except LookupError as err:
        print(f"{how:9} -> {type(err).__name__}({err}) cause={err.__cause__!r} context={err.__context__!r} suppress={err.__suppress_context__}")

# %% [markdown] course={"kind": "text"}
# What the traceback module prints for the explicit chain (the two tracebacks are joined by the
# "direct cause" line). The exact caret lines (`~~^^`) under the code differ by version: 3.11 and 3.12
# leave them out when the failing expression is the whole line, 3.13 draws them there too and colours
# tracebacks in a terminal. Below we print only the lines that do not depend on the version.

# %% course={"kind": "demo"}
import traceback

try:
    region_name("eu-west-9", "from err")
except LookupError as err:
    report = traceback.format_exception(err)
    print("".join(line for line in report if not line.startswith("  ")))

# %% [markdown] course={"kind": "lesson", "id": "custom-exceptions", "covers": ["c-custom-exceptions", "c-creating-exception-classes", "c-exception-attributes-269c0a", "c-exception-hierarchies"]}
# ### Custom exceptions: a family of your own
#
# A custom exception is a class that inherits from `Exception` (or one of its subclasses); often the
# body is just a docstring. Give a tool or library **one root** (`DeployError`) and children for the
# failures a caller may want to treat differently (`ConfigError`, `ArtifactNotFound`). A caller can then
# catch exactly one kind, or everything from your tool with `except DeployError`, and never
# accidentally catch the `TypeError` from its own bug.
#
# - **Attributes** carry the facts a handler needs (`host`, `status`, `path`), so nobody has to parse
#   them back out of the message. Set them in `__init__` and pass the values on to
#   `super().__init__(...)`, positionally: that sets `args` (also when the caller wrote
#   `HealthCheckFailed(host="web-3", status=503)`), which `str()`, `copy` and `pickle` use.
# - **Also inherit a built-in** when your error is one: `class ConfigError(DeployError, ValueError)` is
#   still caught by old code that says `except ValueError`.
#
# The thing people get wrong: `super().__init__(f"... {host} ...")` with a *formatted message* while
# `__init__` takes `host`. Printing works, but `pickle` and `copy.copy` re-create an exception by calling
# `cls(*args)`, so sending it to another process (`multiprocessing`, `concurrent.futures`) fails.

# %% course={"kind": "demo"}
class DeployError(Exception):
    """Root of every error this deploy tool raises."""


class ConfigError(DeployError, ValueError):
    """The deploy configuration is invalid."""


class HealthCheckFailed(DeployError):
    """A host did not become healthy after the deploy."""

    def __init__(self, host: str, status: int) -> None:
        super().__init__(host, status)  # args = (host, status): pickle can rebuild it
        self.host, self.status = host, status

    def __str__(self) -> str:
        return f"{self.host} answered {self.status} on /healthz"


for err in (ConfigError("replicas must be >= 1"), HealthCheckFailed("web-3", 503)):
    try:
        raise err
    except DeployError as caught:
        clone = pickle.loads(pickle.dumps(caught))
        print(f"{type(caught).__name__:17} str={str(caught)!r:35} args={caught.args!r:18} pickled copy: {clone}")
print("old code with `except ValueError` still catches ConfigError:", isinstance(ConfigError("x"), ValueError))

# %% [markdown] course={"kind": "text"}
# The pickling trap, shown: the message-only `super().__init__` makes an exception that cannot be
# copied into another process.

# %% course={"kind": "demo"}
class FragileError(Exception):
    def __init__(self, host: str, status: int) -> None:
        super().__init__(f"{host} answered {status}")  # args = (message,) only
        self.host, self.status = host, status


try:
    pickle.loads(pickle.dumps(FragileError("web-3", 503)))
except TypeError as err:
    print("unpickling failed:", err)

# %% [markdown] course={"kind": "text"}
# #### Several errors at once: `ExceptionGroup` and `except*` (Python 3.11+)
#
# A validator that stops at the first bad field makes the user fix one field per run. Since Python 3.11
# you can raise them all at once: `ExceptionGroup(message, [err1, err2, ...])` wraps a list of
# exceptions (`BaseExceptionGroup` may also hold non-`Exception`s). `except* ValueError as group:` runs
# for the *matching part* of the group (itself a group; its `.exceptions` is the tuple of members),
# and **every** matching `except*` clause runs, unlike plain `except`. Members no clause matched are
# re-raised as a group. `group.split(ValueError)` does the same split by hand. `except` and `except*`
# cannot be mixed in one `try`. On 3.10 and older this is a `SyntaxError`.

# %% course={"kind": "demo"}
def check(spec: dict) -> None:
    problems = []
    if not isinstance(spec.get("replicas"), int):
        problems.append(TypeError(f"replicas must be an int, got {spec.get('replicas')!r}"))
    if spec.get("port", 0) not in range(1, 65536):
        problems.append(ValueError(f"port out of range: {spec.get('port')!r}"))
    if not spec.get("image"):
        problems.append(ValueError("image is missing"))
    if problems:
        raise ExceptionGroup(f"{len(problems)} problems in the spec", problems)


try:
    check({"replicas": "2", "port": 70000})
except* ValueError as group:
    print("value problems:", [str(e) for e in group.exceptions])
except* TypeError as group:
    print("type problems: ", [str(e) for e in group.exceptions])

# %% [markdown] course={"kind": "lesson", "id": "attributes", "covers": ["c-exception-attributes-529090", "c-args", "c-cause-context", "c-traceback"]}
# ### What an exception object carries
#
# | attribute | what it holds |
# |---|---|
# | `args` | the tuple of arguments given to the constructor; for most classes `str(err)` is `str(args[0])` for one argument, `str(args)` for several, `""` for none (`KeyError` shows the `repr` of its key, `OSError` formats `[Errno n] text`) |
# | `__cause__` | the exception named by `raise ... from err` (else `None`) |
# | `__context__` | the exception that was being handled when this one was raised (set automatically) |
# | `__suppress_context__` | `True` after `raise ... from ...` (either form): the traceback then hides `__context__` |
# | `__traceback__` | the traceback: a linked list of frames, from where it was caught down to where it was raised |
# | `__notes__` | (3.11+) strings added with `err.add_note(...)`; the traceback prints them under the message |
#
# `add_note` is how you add context on the way up without changing the exception's type: a retry
# loop notes "gave up after 3 attempts", a deploy loop notes "while deploying web-3", and handlers that
# catch the original type still work. The `traceback` module turns `__traceback__` into readable
# frames (`traceback.extract_tb`) or the full text (`traceback.format_exception`).
#
# The thing people get wrong: keeping only `str(err)`. `str(ValueError())` is the empty string and
# `str(KeyError("port"))` is just `'port'` with its quotes: no type, no cause, no frames. Log `repr(err)`, or better
# the whole traceback (`logging.exception` inside the handler).

# %% course={"kind": "demo"}
# The last one prints as FileNotFoundError: OSError(errno, text) picks the subclass that matches errno 2.
for err in (KeyError("port"), ValueError(), RuntimeError("a", "b", 3), OSError(2, "No such file or directory")):
    print(f"{type(err).__name__:18} args={err.args!r:35} str={str(err)!r}")

# %% course={"kind": "demo"}
def read_port(config: dict) -> int:
    return int(config["port"])


def deploy(host: str) -> None:
    try:
        read_port({"port": "80a"})
    except ValueError as err:
        err.add_note(f"while deploying {host}")
        raise


try:
    deploy("web-3")
except ValueError as err:
    frames = traceback.extract_tb(err.__traceback__)
    print("frames, outermost first:", [f.name for f in frames])
    print("raised at line         :", frames[-1].line)
    print("notes                  :", err.__notes__)
    print("the last lines of the traceback, message then note:")
    print("".join(traceback.format_exception_only(err)), end="")

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-catch-specific-exceptions", "c-don-t-silence-exceptions", "c-use-exceptions-for-exceptional-cases", "c-eafp-vs-lbyl"]}
# ### Best practices, and EAFP versus LBYL
#
# - **Catch specific exceptions**, at the level that can do something about them (retry, use a
#   default, turn it into a message for the user). Everything else should travel up.
# - **Don't silence exceptions.** `except Exception: pass` turns a crash you would have fixed in a
#   minute into wrong data you find in a month. If you catch to log, log *and* re-raise (or return a
#   value that says "failed").
# - **Exceptions are for exceptional cases.** A missing optional key is normal: `config.get("tag",
#   "latest")`. A config file that is not JSON is exceptional: raise.
# - **EAFP** ("easier to ask forgiveness than permission": try it and handle the failure) versus **LBYL**
#   ("look before you leap": check first, then act). Python code leans on EAFP, for two reasons:
#   the check and the action can disagree (a file deleted by another process *between* `exists()`
#   and `open()`: a race the check cannot close), and one `try` replaces several checks. LBYL is
#   right when the check is cheap and failing is common (`if key in cache`), or when an action
#   cannot be undone halfway.
#
# The race that LBYL cannot close, replayed deterministically: the "other process" removes the file
# between the check and the open.

# %% course={"kind": "demo"}
with tempfile.TemporaryDirectory() as tmp:
    lock = Path(tmp, "deploy.lock")

    def other_process_cleans_up() -> None:
        lock.unlink(missing_ok=True)

    def lbyl() -> str:
        lock.write_text("pid 4242")
        if lock.exists():  # look...
            other_process_cleans_up()  # ...the world changes...
            return lock.read_text()  # ...leap: FileNotFoundError escapes anyway
        return "no lock"

    def eafp() -> str:
        lock.write_text("pid 4242")
        other_process_cleans_up()
        try:
            return lock.read_text()
        except FileNotFoundError:
            return "no lock"

    try:
        print("LBYL:", lbyl())
    except FileNotFoundError as err:
        print("LBYL: checked, and still got", type(err).__name__)
    print("EAFP:", eafp())

# %% [markdown] course={"kind": "text"}
# Silencing, shown: the broad handler hides a typo (`conifg`) as if it were a missing file, and
# the function "works" while returning the wrong answer.

# %% course={"kind": "demo"}
def read_tag_silenced(config: dict) -> str:
    try:
        return conifg["tag"]  # noqa: F821 - the typo is the point
    except Exception:
        return "latest"


def read_tag_specific(config: dict) -> str:
    try:
        return conifg["tag"]  # noqa: F821
    except KeyError:
        return "latest"


print("silenced:", read_tag_silenced({"tag": "v2.4"}), "(wrong, and nobody is told)")
try:
    read_tag_specific({"tag": "v2.4"})
except NameError as err:
    print("specific:", type(err).__name__, err)

# %% [markdown] course={"kind": "exercise", "id": "deploy-family", "item": "x-create-a-custom-exception-hierarchy-for"}
# ### A family of exceptions for a deploy tool
#
# Define these classes (all of them yourself, in the cell below):
#
# - `DeployError(Exception)`: the root of the family, with no body but a docstring.
# - `ConfigError`: a `DeployError` **and** a `ValueError` (old callers catch `ValueError`).
# - `ArtifactNotFound`: a `DeployError` **and** a `LookupError`. `ArtifactNotFound("web:1.4")` has
#   `.name == "web:1.4"`, `args == ("web:1.4",)` and `str()` `"artifact not found: web:1.4"`.
# - `RemoteCommandFailed`: a `DeployError` only. `RemoteCommandFailed("web-3", 137)` has `.host`,
#   `.exit_code`, `args == ("web-3", 137)` and `str()` `"command failed on web-3 with exit code 137"`.
#
# ```python
# try:
#     raise ArtifactNotFound("web:1.4")
# except DeployError as err:
#     print(err, err.name)        # artifact not found: web:1.4 web:1.4
# ```
#
# No class may be anything it was not asked to be: a `RemoteCommandFailed` is not a `ValueError`, a
# `LookupError`, nor an `OSError`, and `ArtifactNotFound` is a `LookupError` but **not** a `KeyError`
# (a caller's `except KeyError` around a dict lookup must not catch it).

# %% [markdown] course={"kind": "hint"}
# Multiple inheritance lists both parents: `class ConfigError(DeployError, ValueError):`.

# %% [markdown] course={"kind": "hint"}
# For the two classes with data: `__init__` stores the attributes and calls
# `super().__init__(name)` (or `(host, exit_code)`) so `args` holds them; `__str__` builds the message.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class DeployError(Exception):
    """Root of every error the deploy tool raises."""


class ConfigError(DeployError, ValueError):
    """The deploy configuration is invalid."""


class ArtifactNotFound(DeployError, LookupError):
    """The artifact to deploy is not in the registry."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"artifact not found: {self.name}"


class RemoteCommandFailed(DeployError):
    """A command run on a host exited with a non-zero code."""

    def __init__(self, host: str, exit_code: int) -> None:
        super().__init__(host, exit_code)
        self.host = host
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"command failed on {self.host} with exit code {self.exit_code}"
### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert issubclass(DeployError, Exception) and DeployError.__bases__ == (Exception,), "DeployError derives from Exception directly"
for child in (ConfigError, ArtifactNotFound, RemoteCommandFailed):
    assert issubclass(child, DeployError), f"{child.__name__} must be a DeployError"
assert issubclass(ConfigError, ValueError), "old callers catch ConfigError as ValueError"
assert issubclass(ArtifactNotFound, LookupError), "ArtifactNotFound is a LookupError"
### BEGIN HIDDEN TESTS
assert not issubclass(DeployError, (ValueError, LookupError, OSError)), "the root is not broader than Exception"
assert not issubclass(RemoteCommandFailed, (ValueError, LookupError, OSError, ConfigError, ArtifactNotFound))
assert not issubclass(ConfigError, LookupError) and not issubclass(ArtifactNotFound, ValueError)
assert not issubclass(ArtifactNotFound, KeyError), "a LookupError, not a KeyError"
caught = []
for err in (ConfigError("bad"), ArtifactNotFound("a"), RemoteCommandFailed("h", 1)):
    try:
        raise err
    except ValueError:
        caught.append("ValueError")
    except LookupError:
        caught.append("LookupError")
    except DeployError:
        caught.append("DeployError")
assert caught == ["ValueError", "LookupError", "DeployError"], caught
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
missing = ArtifactNotFound("web:1.4")
assert str(missing) == "artifact not found: web:1.4", f"str gives {str(missing)!r}"
assert missing.name == "web:1.4" and missing.args == ("web:1.4",), f"name {missing.name!r}, args {missing.args!r}"
### BEGIN HIDDEN TESTS
failed = RemoteCommandFailed("web-3", 137)
assert str(failed) == "command failed on web-3 with exit code 137", str(failed)
assert (failed.host, failed.exit_code, failed.args) == ("web-3", 137, ("web-3", 137))
named = RemoteCommandFailed(host="web-3", exit_code=137)
assert named.args == ("web-3", 137) and str(named) == str(failed), "keyword arguments reach args through super().__init__"
assert ArtifactNotFound(name="x").args == ("x",)
zero = RemoteCommandFailed("", 0)
assert str(zero) == "command failed on  with exit code 0" and zero.exit_code == 0 and zero.args == ("", 0)
clone = copy.copy(failed)
assert type(clone) is RemoteCommandFailed and str(clone) == str(failed), "copy (and pickle) rebuild it from args"
clone = copy.copy(ArtifactNotFound("ü:1"))
assert type(clone) is ArtifactNotFound and clone.name == "ü:1" and str(clone) == "artifact not found: ü:1"
assert str(ConfigError("replicas must be >= 1")) == "replicas must be >= 1"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-root", "fails": ["t1"]}
class DeployError(Exception):
    pass


class ConfigError(ValueError):  # forgot the family's root
    pass


class ArtifactNotFound(DeployError, LookupError):
    def __init__(self, name):
        super().__init__(name)
        self.name = name

    def __str__(self):
        return f"artifact not found: {self.name}"


class RemoteCommandFailed(DeployError):
    def __init__(self, host, exit_code):
        super().__init__(host, exit_code)
        self.host, self.exit_code = host, exit_code

    def __str__(self):
        return f"command failed on {self.host} with exit code {self.exit_code}"

# %% course={"kind": "wrong", "id": "root-too-broad", "fails": ["t1"]}
class DeployError(ValueError):  # "most of our errors are bad values": now every one is a ValueError
    pass


class ConfigError(DeployError):
    pass


class ArtifactNotFound(DeployError, LookupError):
    def __init__(self, name):
        super().__init__(name)
        self.name = name

    def __str__(self):
        return f"artifact not found: {self.name}"


class RemoteCommandFailed(DeployError):
    def __init__(self, host, exit_code):
        super().__init__(host, exit_code)
        self.host, self.exit_code = host, exit_code

    def __str__(self):
        return f"command failed on {self.host} with exit code {self.exit_code}"

# %% course={"kind": "wrong", "id": "message-only-args", "fails": ["t2"]}
class DeployError(Exception):
    pass


class ConfigError(DeployError, ValueError):
    pass


class ArtifactNotFound(DeployError, LookupError):
    def __init__(self, name):
        super().__init__(f"artifact not found: {name}")  # args holds the message, not the name
        self.name = name


class RemoteCommandFailed(DeployError):
    def __init__(self, host, exit_code):
        super().__init__(f"command failed on {host} with exit code {exit_code}")
        self.host, self.exit_code = host, exit_code

# %% course={"kind": "wrong", "id": "keyerror-parent", "fails": ["t1"]}
class DeployError(Exception):
    pass


class ConfigError(DeployError, ValueError):
    pass


class ArtifactNotFound(DeployError, KeyError):  # "not found" sounds like a KeyError
    def __init__(self, name):
        super().__init__(name)
        self.name = name

    def __str__(self):
        return f"artifact not found: {self.name}"


class RemoteCommandFailed(DeployError):
    def __init__(self, host, exit_code):
        super().__init__(host, exit_code)
        self.host, self.exit_code = host, exit_code

    def __str__(self):
        return f"command failed on {self.host} with exit code {self.exit_code}"

# %% [markdown] course={"kind": "exercise", "id": "load-settings", "item": "x-write-error-handling-for-file-operations"}
# ### Load a settings file, failing clearly
#
# Write `load_settings(path)` that reads a UTF-8 JSON file and returns the dict in it. `SettingsError`
# is given; it takes the path and a message, keeps `.path` and `.message`, and `str()` is `"path: message"`.
#
# - The file does not exist: the settings are optional, return `{}`.
# - Any other `OSError` (the path is a directory, no permission...) is not yours to hide: let it
#   propagate unchanged.
# - The bytes are not UTF-8: raise `SettingsError(path, "not UTF-8 text")` chained **from** the
#   `UnicodeDecodeError`.
# - The text is not JSON: raise `SettingsError(path, f"line {err.lineno}: invalid JSON ({err.msg})")`
#   chained **from** the `json.JSONDecodeError` `err`.
# - The JSON is not an object (a list, a number...): raise
#   `SettingsError(path, f"expected a JSON object, got {type(data).__name__}")` with no cause and no context.
#
# ```python
# load_settings("missing.json")            # {}
# load_settings("bad.json")                # SettingsError: bad.json: line 2: invalid JSON (Expecting value)
# ```

# %% [markdown] course={"kind": "hint"}
# Use two `try` statements: one around reading the file (`except FileNotFoundError`, `except
# UnicodeDecodeError`), one around `json.loads`. Catch `FileNotFoundError`, not `OSError`.

# %% [markdown] course={"kind": "hint"}
# `raise SettingsError(...) from err` sets `__cause__`. For the last rule, raise *after* the `try`
# statements, not inside an `except` block, so `__context__` stays `None`.

# %% course={"kind": "solution"}
class SettingsError(Exception):
    """A settings file exists but cannot be used."""

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(path, message)  # args = (path, message): copy and pickle can rebuild it
        self.path, self.message = path, message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def load_settings(path: str | Path) -> dict:
    ### BEGIN SOLUTION
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as err:
        raise SettingsError(path, "not UTF-8 text") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SettingsError(path, f"line {err.lineno}: invalid JSON ({err.msg})") from err
    if not isinstance(data, dict):
        raise SettingsError(path, f"expected a JSON object, got {type(data).__name__}")
    return data
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with tempfile.TemporaryDirectory() as tmp:
    good = Path(tmp, "app.json")
    good.write_text('{"replicas": 3, "tag": "v2"}', encoding="utf-8")
    assert load_settings(good) == {"replicas": 3, "tag": "v2"}, "a good file gives its dict"
    assert load_settings(Path(tmp, "missing.json")) == {}, "a missing file gives {}"
    ### BEGIN HIDDEN TESTS
    assert type(load_settings(str(Path(tmp, "nope.json")))) is dict, "a str path works too"
    Path(tmp, "empty-object.json").write_text("{}", encoding="utf-8")
    assert load_settings(Path(tmp, "empty-object.json")) == {}
    Path(tmp, "uni.json").write_text('{"owner": "Zoë", "emoji": "🚀"}', encoding="utf-8")
    assert load_settings(Path(tmp, "uni.json")) == {"owner": "Zoë", "emoji": "🚀"}, "read as UTF-8"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as tmp:
    bad = Path(tmp, "bad.json")
    bad.write_text('{"replicas": 3,\n "tag": }', encoding="utf-8")
    try:
        load_settings(bad)
    except SettingsError as err:
        assert type(err) is SettingsError, f"raise SettingsError itself, got {type(err).__name__}"
        assert str(err) == f"{bad}: line 2: invalid JSON (Expecting value)", f"message {str(err)!r}"
        assert type(err.__cause__) is json.JSONDecodeError, f"__cause__ is {err.__cause__!r}"
    else:
        raise AssertionError("invalid JSON must raise SettingsError")
    ### BEGIN HIDDEN TESTS
    Path(tmp, "empty.json").write_text("", encoding="utf-8")
    try:
        load_settings(Path(tmp, "empty.json"))
    except SettingsError as err:
        assert str(err).endswith(": line 1: invalid JSON (Expecting value)") and err.path == Path(tmp, "empty.json")
        assert type(err.__cause__) is json.JSONDecodeError and err.__suppress_context__ is True
    else:
        raise AssertionError("an empty file is not JSON")
    Path(tmp, "latin.json").write_bytes('{"owner": "Zoë"}'.encode("latin-1"))
    try:
        load_settings(Path(tmp, "latin.json"))
    except SettingsError as err:
        assert str(err) == f"{Path(tmp, 'latin.json')}: not UTF-8 text", str(err)
        assert type(err.__cause__) is UnicodeDecodeError
    else:
        raise AssertionError("Latin-1 bytes must raise SettingsError")
    for text, kind in (("[1, 2]", "list"), ("3", "int"), ('"x"', "str"), ("null", "NoneType")):
        Path(tmp, "shape.json").write_text(text, encoding="utf-8")
        try:
            load_settings(Path(tmp, "shape.json"))
        except SettingsError as err:
            assert str(err) == f"{Path(tmp, 'shape.json')}: expected a JSON object, got {kind}", str(err)
            assert err.__cause__ is None and err.__context__ is None, "nothing to chain here"
        else:
            raise AssertionError(f"{text} is not an object")
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as tmp:
    try:
        load_settings(tmp)  # a directory, not a file
    except SettingsError:
        raise AssertionError("a directory is an OSError to propagate, not a SettingsError") from None
    except FileNotFoundError:
        raise AssertionError("a directory must not be reported as a missing file") from None
    except OSError as err:
        # IsADirectoryError on Linux; the test asks only for an OSError that is not a FileNotFoundError
        assert err.__context__ is None and err.__cause__ is None, "propagate it unchanged"
    else:
        raise AssertionError("a directory is not a settings file: the OSError must propagate")

# %% course={"kind": "wrong", "id": "swallow-oserror", "fails": ["t3"]}
class SettingsError(Exception):
    def __init__(self, path, message):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self):
        return f"{self.path}: {self.message}"


def load_settings(path):
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError:  # too broad: a directory or a permission problem becomes "no settings"
        return {}
    except UnicodeDecodeError as err:
        raise SettingsError(path, "not UTF-8 text") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SettingsError(path, f"line {err.lineno}: invalid JSON ({err.msg})") from err
    if not isinstance(data, dict):
        raise SettingsError(path, f"expected a JSON object, got {type(data).__name__}")
    return data

# %% course={"kind": "wrong", "id": "no-from", "fails": ["t2"]}
class SettingsError(Exception):
    def __init__(self, path, message):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self):
        return f"{self.path}: {self.message}"


def load_settings(path):
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as err:
        raise SettingsError(path, "not UTF-8 text")  # only implicitly chained (__context__)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SettingsError(path, f"line {err.lineno}: invalid JSON ({err.msg})")
    if not isinstance(data, dict):
        raise SettingsError(path, f"expected a JSON object, got {type(data).__name__}")
    return data

# %% course={"kind": "wrong", "id": "wrap-everything", "fails": ["t2", "t3"]}
class SettingsError(Exception):
    def __init__(self, path, message):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self):
        return f"{self.path}: {self.message}"


def load_settings(path):
    try:
        with open(path, encoding="utf-8") as file:
            data = json.loads(file.read())
    except FileNotFoundError:
        return {}
    except Exception as err:  # every other failure becomes a SettingsError
        raise SettingsError(path, f"line {getattr(err, 'lineno', 1)}: invalid JSON ({getattr(err, 'msg', err)})") from err
    if not isinstance(data, dict):
        raise SettingsError(path, f"expected a JSON object, got {type(data).__name__}")
    return data

# %% [markdown] course={"kind": "exercise", "id": "retry", "item": "x-implement-retry-logic-with-exception"}
# ### Retry with exponential backoff
#
# Finish `retry(func, *, attempts=3, retry_on=(ConnectionError, TimeoutError), base_delay=0.5,
# factor=2.0, sleep=time.sleep)`. It calls `func()` and returns its result. When `func` raises an
# exception that is an instance of `retry_on`, it calls `sleep(delay)` and tries again, with the
# delay starting at `base_delay` and multiplied by `factor` after each wait, up to `attempts` calls
# in all. Then:
#
# - after the last failed attempt there is **no** sleep; the last exception itself propagates
#   (same object, same type: not wrapped), carrying the note `f"gave up after {attempts} attempts"`
#   (`err.add_note(...)`, Python 3.11+);
# - any other exception propagates at once, with no sleep, no retry and no note.
#
# `sleep` is a parameter so tests (and you) can pass a fake that records the delays instead of
# waiting. The check of `attempts` is given.
#
# ```python
# delays = []
# retry(flaky_fetch, attempts=4, sleep=delays.append)   # flaky_fetch fails twice, then returns "ok"
# delays                                                 # [0.5, 1.0]
# ```

# %% [markdown] course={"kind": "hint"}
# A `for attempt in range(1, attempts + 1):` loop with `try: return func()` inside; the `except`
# clause takes the tuple: `except retry_on as err:`.

# %% [markdown] course={"kind": "hint"}
# In the handler: if this was the last attempt, `err.add_note(...)` and a bare `raise`; otherwise
# `sleep(delay)` and `delay *= factor`.

# %% course={"kind": "solution", "equivalent": {"m-b7754b43": "the handler re-raises when attempt == attempts, so the loop never reaches a later attempt"}}
def retry(
    func: Callable[[], T],
    *,
    attempts: int = 3,
    retry_on: type[BaseException] | tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    base_delay: float = 0.5,
    factor: float = 2.0,
    sleep: Callable[[float], object] = time.sleep,
) -> T:
    """Call func(), retrying the exceptions in retry_on with exponential backoff."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    ### BEGIN SOLUTION
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return func()
        except retry_on as err:
            if attempt == attempts:
                err.add_note(f"gave up after {attempts} attempts")
                raise
            sleep(delay)
            delay *= factor
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
delays = []
fetch = Flaky([ConnectionError("reset"), TimeoutError("slow")])
assert retry(fetch, attempts=4, sleep=delays.append) == "ok", "the third call succeeds"
assert fetch.calls == 3, f"func called {fetch.calls} times"
assert delays == [0.5, 1.0], f"slept {delays}"
### BEGIN HIDDEN TESTS
delays = []
assert retry(Flaky([]), sleep=delays.append) == "ok" and delays == [], "no failure, no sleep"
delays = []
fetch = Flaky([ConnectionRefusedError("refused")] * 3, result=0)
assert retry(fetch, attempts=5, base_delay=1, factor=3, sleep=delays.append) == 0, "a falsy result is returned"
assert delays == [1, 3, 9] and fetch.calls == 4, delays
delays = []
fetch = Flaky([TimeoutError()] * 4, result=None)
assert retry(fetch, attempts=5, base_delay=0.25, sleep=delays.append) is None
assert delays == [0.25, 0.5, 1.0, 2.0]
delays = []
fetch = Flaky([KeyError("k")], result="fine")
assert retry(fetch, retry_on=KeyError, base_delay=2, factor=1, sleep=delays.append) == "fine" and delays == [2], "a single class works as retry_on"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
delays = []
last = TimeoutError("still slow")
fetch = Flaky([ConnectionError("a"), ConnectionError("b"), last])
try:
    retry(fetch, attempts=3, sleep=delays.append)
except TimeoutError as err:
    assert err is last, "the last exception itself propagates, not a copy or a wrapper"
    assert err.__notes__ == ["gave up after 3 attempts"], f"notes {getattr(err, '__notes__', None)}"
else:
    raise AssertionError("after the last attempt the exception must propagate")
assert fetch.calls == 3 and delays == [0.5, 1.0], f"calls {fetch.calls}, delays {delays}: no sleep after the last attempt"
### BEGIN HIDDEN TESTS
delays = []
once = ConnectionError("down")
fetch = Flaky([once, ConnectionError()])
try:
    retry(fetch, attempts=1, sleep=delays.append)
except ConnectionError as err:
    assert err is once and type(err) is ConnectionError and err.__notes__ == ["gave up after 1 attempts"]
else:
    raise AssertionError("attempts=1 means one call")
assert fetch.calls == 1 and delays == []
delays = []
fetch = Flaky([OSError("x")] * 3)
try:
    retry(fetch, attempts=2, retry_on=OSError, base_delay=0, sleep=delays.append)
except OSError as err:
    assert type(err) is OSError and err.__notes__ == ["gave up after 2 attempts"]
assert fetch.calls == 2 and delays == [0]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
delays = []
bug = ValueError("bad request")
fetch = Flaky([bug])
try:
    retry(fetch, attempts=5, sleep=delays.append)
except ValueError as err:
    assert err is bug and not hasattr(err, "__notes__"), "other errors propagate untouched"
else:
    raise AssertionError("a ValueError is not transient: it must propagate")
assert fetch.calls == 1 and delays == [], f"no retry for a ValueError: calls {fetch.calls}, delays {delays}"
### BEGIN HIDDEN TESTS
delays = []
fetch = Flaky([ConnectionError(), KeyboardInterrupt()])
try:
    retry(fetch, attempts=5, sleep=delays.append)
except KeyboardInterrupt:
    pass
else:
    raise AssertionError("Ctrl-C must stop the retries")
assert fetch.calls == 2 and delays == [0.5]
fetch = Flaky([TimeoutError()])
try:
    retry(fetch, retry_on=ConnectionError, sleep=delays.append)
except TimeoutError as err:
    assert not hasattr(err, "__notes__") and fetch.calls == 1
else:
    raise AssertionError("retry only what retry_on names")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sleeps-after-last", "fails": ["t2"]}
def retry(func, *, attempts=3, retry_on=(ConnectionError, TimeoutError), base_delay=0.5, factor=2.0, sleep=time.sleep):
    delay, last = base_delay, None
    for _ in range(attempts):
        try:
            return func()
        except retry_on as err:
            last = err
            sleep(delay)  # also waits after the final failure, for nothing
            delay *= factor
    last.add_note(f"gave up after {attempts} attempts")
    raise last

# %% course={"kind": "wrong", "id": "retries-everything", "fails": ["t3"]}
def retry(func, *, attempts=3, retry_on=(ConnectionError, TimeoutError), base_delay=0.5, factor=2.0, sleep=time.sleep):
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return func()
        except Exception as err:  # a bug in the request is retried like a network blip
            if attempt == attempts:
                err.add_note(f"gave up after {attempts} attempts")
                raise
            sleep(delay)
            delay *= factor

# %% course={"kind": "wrong", "id": "wraps-last", "fails": ["t2"]}
def retry(func, *, attempts=3, retry_on=(ConnectionError, TimeoutError), base_delay=0.5, factor=2.0, sleep=time.sleep):
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return func()
        except retry_on as err:
            if attempt == attempts:
                raise RuntimeError(f"gave up after {attempts} attempts") from err  # callers lose the type
            sleep(delay)
            delay *= factor

# %% course={"kind": "wrong", "id": "constant-delay", "fails": ["t1", "t2"]}
def retry(func, *, attempts=3, retry_on=(ConnectionError, TimeoutError), base_delay=0.5, factor=2.0, sleep=time.sleep):
    for attempt in range(1, attempts + 1):
        try:
            return func()
        except retry_on as err:
            if attempt == attempts:
                err.add_note(f"gave up after {attempts} attempts")
                raise
            sleep(base_delay)  # never backs off

# %% [markdown] course={"kind": "exercise", "id": "step-failed", "item": "x-create-context-aware-exceptions-with"}
# ### An exception that knows where it happened
#
# A deploy runs named steps on hosts. Finish:
#
# - `StepFailed(step, host, attempt=1)`: keeps `.step`, `.host`, `.attempt`; `args` is
#   `(step, host, attempt)` (`copy.copy` and `pickle`, which sends exceptions between processes, rebuild
#   an exception by calling `StepFailed(*args)`); `str()` is
#   `"step 'migrate' failed on db-1 (attempt 2)"` (the step with `!r`).
# - `run_step(step, host, action)`: calls `action()` once and returns its result. If it raises an
#   `Exception`, raise `StepFailed(step, host)` chained **from** it. Anything that is not an
#   `Exception` (Ctrl-C, `sys.exit()`) propagates unchanged.
#
# ```python
# run_step("migrate", "db-1", lambda: 1 / 0)
# # StepFailed: step 'migrate' failed on db-1 (attempt 1)   (__cause__: ZeroDivisionError)
# ```

# %% [markdown] course={"kind": "hint"}
# In `__init__`, call `super().__init__(step, host, attempt)` (not a formatted message), then keep
# the three attributes; `__str__` formats them.

# %% [markdown] course={"kind": "hint"}
# `run_step`: `try: return action()` / `except Exception as err: raise StepFailed(step, host) from err`.

# %% course={"kind": "solution"}
class StepFailed(Exception):
    """A named deploy step failed on a host."""

    def __init__(self, step: str, host: str, attempt: int = 1) -> None:
        ### BEGIN SOLUTION
        super().__init__(step, host, attempt)
        self.step = step
        self.host = host
        self.attempt = attempt
        ### END SOLUTION

    def __str__(self) -> str:
        ### BEGIN SOLUTION
        return f"step {self.step!r} failed on {self.host} (attempt {self.attempt})"
        ### END SOLUTION


def run_step(step: str, host: str, action: Callable[[], T]) -> T:
    ### BEGIN SOLUTION
    try:
        return action()
    except Exception as err:
        raise StepFailed(step, host) from err
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
err = StepFailed("migrate", "db-1", 2)
assert str(err) == "step 'migrate' failed on db-1 (attempt 2)", f"str gives {str(err)!r}"
assert (err.step, err.host, err.attempt) == ("migrate", "db-1", 2), "keep the three attributes"
assert err.args == ("migrate", "db-1", 2), f"args {err.args!r}"
### BEGIN HIDDEN TESTS
first = StepFailed("pull", "web-1")
assert first.attempt == 1 and first.args == ("pull", "web-1", 1) and str(first) == "step 'pull' failed on web-1 (attempt 1)"
odd = StepFailed("", "", 0)
assert str(odd) == "step '' failed on  (attempt 0)" and odd.args == ("", "", 0)
assert str(StepFailed("bäckup", "nœud-1", 3)) == "step 'bäckup' failed on nœud-1 (attempt 3)"
assert issubclass(StepFailed, Exception) and not issubclass(StepFailed, (ValueError, RuntimeError, OSError))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
clone = copy.copy(StepFailed("migrate", "db-1", 2))  # copy and pickle both call StepFailed(*args)
assert type(clone) is StepFailed and str(clone) == "step 'migrate' failed on db-1 (attempt 2)", "it must survive copy and pickle"
### BEGIN HIDDEN TESTS
assert (clone.step, clone.host, clone.attempt, clone.args) == ("migrate", "db-1", 2, ("migrate", "db-1", 2))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    run_step("migrate", "db-1", lambda: 1 / 0)
except StepFailed as err:
    assert type(err) is StepFailed and (err.step, err.host, err.attempt) == ("migrate", "db-1", 1), f"got {err!r}"
    assert type(err.__cause__) is ZeroDivisionError, f"__cause__ is {err.__cause__!r}: chain with `from`"
else:
    raise AssertionError("a failing action must raise StepFailed")
assert run_step("count", "web-1", lambda: 42) == 42, "a good action's result is returned"
action = Flaky([], result="done")
assert run_step("count", "web-1", action) == "done" and action.calls == 1, f"call the action once, not {action.calls} times"
### BEGIN HIDDEN TESTS
assert run_step("count", "web-1", lambda: 0) == 0 and run_step("n", "h", lambda: None) is None
original = KeyError("image")
def fails():
    raise original
try:
    run_step("pull", "web-2", fails)
except StepFailed as err:
    assert err.__cause__ is original and err.__suppress_context__ and str(err) == "step 'pull' failed on web-2 (attempt 1)"
for stop in (KeyboardInterrupt(), SystemExit(2)):
    def halts():
        raise stop
    try:
        run_step("s", "h", halts)
    except StepFailed:
        raise AssertionError(f"{type(stop).__name__} must not be wrapped") from None
    except BaseException as err:
        assert err is stop, "propagate it unchanged"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "message-in-args", "fails": ["t1", "t2"]}
class StepFailed(Exception):
    def __init__(self, step, host, attempt=1):
        super().__init__(f"step {step!r} failed on {host} (attempt {attempt})")  # unpicklable
        self.step, self.host, self.attempt = step, host, attempt


def run_step(step, host, action):
    try:
        return action()
    except Exception as err:
        raise StepFailed(step, host) from err

# %% course={"kind": "wrong", "id": "wraps-baseexception", "fails": ["t3"]}
class StepFailed(Exception):
    def __init__(self, step, host, attempt=1):
        super().__init__(step, host, attempt)
        self.step, self.host, self.attempt = step, host, attempt

    def __str__(self):
        return f"step {self.step!r} failed on {self.host} (attempt {self.attempt})"


def run_step(step, host, action):
    try:
        return action()
    except BaseException as err:  # Ctrl-C becomes a "failed step"
        raise StepFailed(step, host) from err

# %% course={"kind": "wrong", "id": "lost-cause", "fails": ["t3"]}
class StepFailed(Exception):
    def __init__(self, step, host, attempt=1):
        super().__init__(step, host, attempt)
        self.step, self.host, self.attempt = step, host, attempt

    def __str__(self):
        return f"step {self.step!r} failed on {self.host} (attempt {self.attempt})"


def run_step(step, host, action):
    try:
        return action()
    except Exception:
        raise StepFailed(step, host) from None  # "cleaner" traceback, root cause gone

# %% course={"kind": "wrong", "id": "calls-twice", "fails": ["t3"]}
class StepFailed(Exception):
    def __init__(self, step, host, attempt=1):
        super().__init__(step, host, attempt)
        self.step, self.host, self.attempt = step, host, attempt

    def __str__(self):
        return f"step {self.step!r} failed on {self.host} (attempt {self.attempt})"


def run_step(step, host, action):
    try:
        action()  # first see whether it works...
    except Exception as err:
        raise StepFailed(step, host) from err
    return action()  # ...then run it again for the result: a deploy step now runs twice

# %% [markdown] course={"kind": "exercise", "id": "exception-chain", "item": "x-debug-an-exception-chain"}
# ### Walk an exception chain
#
# When a job fails with `ApiUnavailable`, the useful line is usually at the bottom of the chain.
# Write `exception_chain(exc)` returning the list of exceptions the traceback would print, **outermost
# first**: start with `exc`; from each exception go to its `__cause__` if that is not `None`;
# otherwise to its `__context__`, unless `__suppress_context__` is true (that is what `raise ... from
# None` sets); stop at `None`. An exception already in the list ends the walk (chains can be made
# into loops by hand).
#
# Then `root_cause(exc)` returns the last exception of that list.
#
# ```python
# try:
#     try:
#         {}["port"]
#     except KeyError as err:
#         raise ValueError("no port") from err
# except ValueError as top:
#     [type(e).__name__ for e in exception_chain(top)]   # ['ValueError', 'KeyError']
# ```

# %% [markdown] course={"kind": "hint"}
# Loop `while current is not None:`, append, then pick the next one with the three rules in order.

# %% [markdown] course={"kind": "hint"}
# For the loop guard, stop when `current in chain` (exceptions compare by identity, and chains are
# short, so the list itself is enough).

# %% course={"kind": "solution"}
def exception_chain(exc: BaseException) -> list[BaseException]:
    """exc and the exceptions it was caused by or raised during, outermost first."""
    ### BEGIN SOLUTION
    chain = []
    current = exc
    while current is not None and current not in chain:  # chains are short: a list is enough
        chain.append(current)
        if current.__cause__ is not None or current.__suppress_context__:
            current = current.__cause__  # None after `from None`
        else:
            current = current.__context__
    return chain
    ### END SOLUTION


def root_cause(exc: BaseException) -> BaseException:
    ### BEGIN SOLUTION
    return exception_chain(exc)[-1]
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def explicit():
    try:
        {}["port"]
    except KeyError as err:
        raise ValueError("no port") from err

top = raised(explicit)
chain = exception_chain(top)
assert type(chain) is list and [type(e) for e in chain] == [ValueError, KeyError], f"got {chain!r}"
assert chain[0] is top and chain[1] is top.__cause__, "the exceptions themselves, outermost first"
### BEGIN HIDDEN TESTS
lone = ValueError("alone")
assert exception_chain(lone) == [lone] and root_cause(lone) is lone
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def implicit():
    try:
        int("x")
    except ValueError:
        raise RuntimeError("handler broke")

top = raised(implicit)
assert [type(e) for e in exception_chain(top)] == [RuntimeError, ValueError], "follow __context__ when there is no cause"
### BEGIN HIDDEN TESTS
def three_deep():
    try:
        try:
            [][1]
        except IndexError:
            raise KeyError("k")
    except KeyError as err:
        raise OSError("disk") from err

top = raised(three_deep)
assert [type(e) for e in exception_chain(top)] == [OSError, KeyError, IndexError]
assert type(root_cause(top)) is IndexError
def cause_beats_context():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("v") from TypeError("t")

top = raised(cause_beats_context)
assert [type(e) for e in exception_chain(top)] == [ValueError, TypeError], "the cause wins over the context"
assert type(top.__context__) is ZeroDivisionError
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def hidden():
    try:
        {}["eu-west-9"]
    except KeyError:
        raise LookupError("unknown region") from None

top = raised(hidden)
assert exception_chain(top) == [top], "`from None` hides the context"
assert root_cause(top) is top
### BEGIN HIDDEN TESTS
a, b, c = ValueError("a"), KeyError("b"), OSError("c")
a.__context__, b.__context__, c.__context__ = b, c, a
chain, _ = count_steps(exception_chain, a, limit=10_000)  # a walk that never stops fails here
assert chain == [a, b, c] and root_cause(a) is c, "a loop ends the walk"
a.__cause__ = a
assert count_steps(exception_chain, a, limit=10_000)[0] == [a]
p, q, r = ValueError("p"), KeyError("q"), OSError("r")
p.__context__, q.__context__, r.__context__ = q, r, q  # the loop q -> r -> q never returns to p
chain, _ = count_steps(exception_chain, p, limit=10_000)  # a walk that never stops fails here
assert chain == [p, q, r], "stop at any exception already in the list, not only at the first"
d, e = ValueError("d"), ValueError("e")
d.__context__ = e
d.__suppress_context__ = True
e.__context__ = d
assert exception_chain(d) == [d] and exception_chain(e) == [e, d]
f, g, h = OSError("f"), KeyError("g"), IndexError("h")
f.__cause__, f.__context__ = g, h
f.__suppress_context__ = False  # set by hand: the cause still wins, as in the traceback module
assert exception_chain(f) == [f, g]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-cause", "fails": ["t2", "t3"]}
def exception_chain(exc):
    chain = [exc]
    while chain[-1].__cause__ is not None and chain[-1].__cause__ not in chain:
        chain.append(chain[-1].__cause__)
    return chain


def root_cause(exc):
    return exception_chain(exc)[-1]

# %% course={"kind": "wrong", "id": "ignores-suppress", "fails": ["t3"]}
def exception_chain(exc):
    chain, current = [], exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__  # shows what `from None` hid
    return chain


def root_cause(exc):
    return exception_chain(exc)[-1]

# %% course={"kind": "wrong", "id": "root-is-first", "fails": ["t1", "t2", "t3"]}
def exception_chain(exc):
    chain, current = [], exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ if current.__suppress_context__ else current.__context__
    return chain[::-1]  # innermost first


def root_cause(exc):
    return exception_chain(exc)[0]

# %% course={"kind": "wrong", "id": "guard-start-only", "fails": ["t3"]}
def exception_chain(exc):
    chain, current = [], exc
    while current is not None:
        chain.append(current)
        if current.__cause__ is not None or current.__suppress_context__:
            current = current.__cause__
        else:
            current = current.__context__
        if current is exc:  # back at the start: only this loop is caught
            break
    return chain


def root_cause(exc):
    return exception_chain(exc)[-1]

# %% [markdown] course={"kind": "exercise", "id": "held-lock"}
# ### A lock that is always released
#
# Deploys on one host must not overlap. A plain `set` of names stands in for the lock table.
# Finish the context manager `held_lock(locks, name)` (the `@contextmanager` decorator is given):
#
# - if `name` is already in `locks`, raise `LockHeld(name)` and leave `locks` exactly as it was (it
#   belongs to someone else);
# - otherwise add `name`, `yield name` to the `with` block, and remove `name` when the block ends,
#   **however** it ends;
# - an exception raised in the block must reach the caller unchanged: the lock is released, the error
#   is not swallowed.
#
# ```python
# locks = set()
# with held_lock(locks, "web-3") as name:
#     print(name, locks)      # web-3 {'web-3'}
# locks                       # set()
# ```

# %% [markdown] course={"kind": "hint"}
# Check and add *before* the `try`; `try: yield name` / `finally: locks.discard(name)`.

# %% [markdown] course={"kind": "hint"}
# If the check happens inside the `try`, the `finally` releases the lock that was already held by
# someone else. And do not write an `except` around the `yield`: catching there swallows the error.

# %% course={"kind": "solution"}
class LockHeld(Exception):
    """Someone else holds the lock."""


@contextmanager
def held_lock(locks: set[str], name: str) -> Iterator[str]:
    ### BEGIN SOLUTION
    if name in locks:
        raise LockHeld(name)
    locks.add(name)
    try:
        yield name
    finally:
        locks.discard(name)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
locks = set()
with held_lock(locks, "web-3") as name:
    assert name == "web-3" and locks == {"web-3"}, f"inside the block: name {name!r}, locks {locks}"
assert locks == set(), f"released afterwards: {locks}"
### BEGIN HIDDEN TESTS
locks = {"db-1"}
with held_lock(locks, ""):
    assert locks == {"db-1", ""}, "an empty name is still a name"
with held_lock(locks, "nœud"):
    assert locks == {"db-1", "nœud"}
assert locks == {"db-1"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
locks = set()
boom = RuntimeError("migration failed")
try:
    with held_lock(locks, "web-3"):
        raise boom
except RuntimeError as err:
    assert err is boom, "the caller gets the very exception raised in the block"
else:
    raise AssertionError("the error inside the block was swallowed")
assert locks == set(), f"the lock must be released after an error: {locks}"
### BEGIN HIDDEN TESTS
for stop in (KeyboardInterrupt(), SystemExit(1), GeneratorExit()):
    try:
        with held_lock(locks, "h"):
            raise stop
    except BaseException as err:
        assert err is stop and locks == set(), type(stop).__name__
    else:
        raise AssertionError(f"{type(stop).__name__} was swallowed")
def early():
    with held_lock(locks, "early"):
        return "returned"
assert early() == "returned" and locks == set()
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
locks = {"web-3"}
try:
    with held_lock(locks, "web-3"):
        raise AssertionError("the block must not run while someone holds the lock")
except LockHeld as err:
    assert type(err) is LockHeld and err.args == ("web-3",), f"raise LockHeld(name), got {err!r}"
else:
    raise AssertionError("a held lock must raise LockHeld")
assert locks == {"web-3"}, f"the other holder's lock must stay: {locks}"
### BEGIN HIDDEN TESTS
locks = {"a", "b"}
try:
    with held_lock(locks, "b"):
        pass
except LockHeld:
    pass
assert locks == {"a", "b"}
with held_lock(locks, "c"):
    try:
        with held_lock(locks, "c"):
            pass
    except LockHeld:
        assert locks == {"a", "b", "c"}, "a nested attempt leaves the outer lock in place"
assert locks == {"a", "b"}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "check-inside-try", "fails": ["t3"]}
class LockHeld(Exception):
    pass


@contextmanager
def held_lock(locks, name):
    try:
        if name in locks:
            raise LockHeld(name)
        locks.add(name)
        yield name
    finally:
        locks.discard(name)  # also runs when LockHeld was raised: frees the other holder's lock

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t2"]}
class LockHeld(Exception):
    pass


@contextmanager
def held_lock(locks, name):
    if name in locks:
        raise LockHeld(name)
    locks.add(name)
    yield name
    locks.discard(name)  # skipped when the block raises: the lock leaks

# %% course={"kind": "wrong", "id": "swallows", "fails": ["t2"]}
class LockHeld(Exception):
    pass


@contextmanager
def held_lock(locks, name):
    if name in locks:
        raise LockHeld(name)
    locks.add(name)
    try:
        yield name
    except Exception as err:
        print("deploy failed:", err)  # logged... and swallowed: the caller thinks it worked
    finally:
        locks.discard(name)

# %% [markdown] course={"kind": "exercise", "id": "validate-service", "item": "project-8-1-2"}
# ### Mini-project: validation that reports every problem at once (tested core, part 1)
#
# `FieldError(field, problem)` is given (in the setup cell at the top of the notebook: a `ValueError` with
# `.field` and `.problem`; `str()` is `"field: problem"`). Write `validate_service(spec)` for a service spec (a dict).
# It checks, **in this order**, and collects a `FieldError` for each failure:
#
# 1. `"name"`: required; a `str` that is not empty after `.strip()` (else `"must be a non-empty string"`);
# 2. `"replicas"`: required; an `int` (not a `bool`) from 1 to 50 inclusive
#    (else `f"must be an int from 1 to 50, got {value!r}"`);
# 3. `"port"`: optional; when present an `int` (not a `bool`) from 1 to 65535 inclusive
#    (else `f"must be an int from 1 to 65535, got {value!r}"`).
#
# A required key that is missing gives `FieldError(key, "is required")`. If any check failed, raise
# `ExceptionGroup(f"{n} problem(s) in service spec", errors)`; even one error goes in a group. A good
# spec returns `None`. Do not change `spec`.
#
# ```python
# validate_service({"name": " ", "replicas": 0})
# # ExceptionGroup: 2 problem(s) in service spec
# #   FieldError('name', 'must be a non-empty string'), FieldError('replicas', 'must be an int from 1 to 50, got 0')
# ```

# %% [markdown] course={"kind": "hint"}
# Write one small helper `int_in(value, low, high)` that says whether a value is a real `int` (use
# `type(value) is int`, which rejects `True`) in range.

# %% [markdown] course={"kind": "hint"}
# `errors = []`, one `if`/`elif` per field that appends, and at the end
# `if errors: raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)`.

# %% course={"kind": "solution"}
def validate_service(spec: dict) -> None:
    ### BEGIN SOLUTION
    def int_in(value, low, high):
        return type(value) is int and low <= value <= high

    errors = []
    name = spec.get("name")
    if "name" not in spec:
        errors.append(FieldError("name", "is required"))
    elif not isinstance(name, str) or not name.strip():
        errors.append(FieldError("name", "must be a non-empty string"))
    if "replicas" not in spec:
        errors.append(FieldError("replicas", "is required"))
    elif not int_in(spec["replicas"], 1, 50):
        errors.append(FieldError("replicas", f"must be an int from 1 to 50, got {spec['replicas']!r}"))
    if "port" in spec and not int_in(spec["port"], 1, 65535):
        errors.append(FieldError("port", f"must be an int from 1 to 65535, got {spec['port']!r}"))
    if errors:
        raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert validate_service({"name": "api", "replicas": 3}) is None, "a good spec raises nothing"
assert problems({"name": "api", "replicas": 3, "port": 8080}) is None
### BEGIN HIDDEN TESTS
for good in ({"name": "a", "replicas": 1}, {"name": "a", "replicas": 50, "port": 1}, {"name": " x ", "replicas": 7, "port": 65535}, {"name": "dé", "replicas": 2, "extra": None}):
    assert problems(good) is None, good
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
found = problems({"name": " ", "replicas": 0})
assert found == [("name", "must be a non-empty string"), ("replicas", "must be an int from 1 to 50, got 0")], f"got {found}"
assert problems({}) == [("name", "is required"), ("replicas", "is required")], "missing keys are required"
### BEGIN HIDDEN TESTS
assert problems({"replicas": 2}) == [("name", "is required")]
assert problems({"name": "", "replicas": 51}) == [("name", "must be a non-empty string"), ("replicas", "must be an int from 1 to 50, got 51")]
assert problems({"name": "\t\n", "replicas": 1}) == [("name", "must be a non-empty string")]
assert problems({"name": 5, "replicas": 1}) == [("name", "must be a non-empty string")]
assert problems({"name": None, "replicas": 1}) == [("name", "must be a non-empty string")]
assert problems({"name": "a", "replicas": True}) == [("replicas", "must be an int from 1 to 50, got True")]
assert problems({"name": "a", "replicas": 2.0}) == [("replicas", "must be an int from 1 to 50, got 2.0")]
assert problems({"name": "a", "replicas": "3"}) == [("replicas", "must be an int from 1 to 50, got '3'")]
assert problems({"name": "a", "replicas": -1}) == [("replicas", "must be an int from 1 to 50, got -1")]
assert problems({"name": "a", "replicas": None}) == [("replicas", "must be an int from 1 to 50, got None")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
found = problems({"name": "api", "replicas": 3, "port": 0})
assert found == [("port", "must be an int from 1 to 65535, got 0")], f"got {found}"
spec = {"replicas": 99, "port": 70000}
before = dict(spec)
assert problems(spec) == [("name", "is required"), ("replicas", "must be an int from 1 to 50, got 99"), ("port", "must be an int from 1 to 65535, got 70000")], "every problem, in order"
assert spec == before, "validation must not change the spec"
### BEGIN HIDDEN TESTS
for good in ({"name": " api ", "replicas": 3}, {"name": "api", "replicas": 3, "port": 8080}):
    before = dict(good)
    assert problems(good) is None and good == before, f"a good spec must not be changed either: {good}"
assert problems({"name": "a", "replicas": 1, "port": 65536}) == [("port", "must be an int from 1 to 65535, got 65536")]
assert problems({"name": "a", "replicas": 1, "port": -80}) == [("port", "must be an int from 1 to 65535, got -80")]
assert problems({"name": "a", "replicas": 1, "port": False}) == [("port", "must be an int from 1 to 65535, got False")]
assert problems({"name": "a", "replicas": 1, "port": True}) == [("port", "must be an int from 1 to 65535, got True")]
assert problems({"name": "a", "replicas": 1, "port": "80"}) == [("port", "must be an int from 1 to 65535, got '80'")]
assert problems({"name": "a", "replicas": 1, "port": None}) == [("port", "must be an int from 1 to 65535, got None")]
caught = []
try:
    validate_service({"name": "a", "replicas": 0, "port": 0})
except* FieldError as group:
    caught = [e.field for e in group.exceptions]
assert caught == ["replicas", "port"], "except* FieldError sees the members"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stops-at-first", "fails": ["t2", "t3"]}
def validate_service(spec):
    if "name" not in spec:
        raise ExceptionGroup("1 problem(s) in service spec", [FieldError("name", "is required")])
    if not isinstance(spec["name"], str) or not spec["name"].strip():
        raise ExceptionGroup("1 problem(s) in service spec", [FieldError("name", "must be a non-empty string")])
    replicas = spec.get("replicas")
    if "replicas" not in spec:
        raise ExceptionGroup("1 problem(s) in service spec", [FieldError("replicas", "is required")])
    if type(replicas) is not int or not 1 <= replicas <= 50:
        raise ExceptionGroup("1 problem(s) in service spec", [FieldError("replicas", f"must be an int from 1 to 50, got {replicas!r}")])
    port = spec.get("port", 80)
    if type(port) is not int or not 1 <= port <= 65535:
        raise ExceptionGroup("1 problem(s) in service spec", [FieldError("port", f"must be an int from 1 to 65535, got {port!r}")])

# %% course={"kind": "wrong", "id": "isinstance-int", "fails": ["t2", "t3"]}
def validate_service(spec):
    errors = []
    name = spec.get("name")
    if "name" not in spec:
        errors.append(FieldError("name", "is required"))
    elif not isinstance(name, str) or not name.strip():
        errors.append(FieldError("name", "must be a non-empty string"))
    for key, high, required in (("replicas", 50, True), ("port", 65535, False)):
        if key not in spec:
            if required:
                errors.append(FieldError(key, "is required"))
        elif not (isinstance(spec[key], int) and 1 <= spec[key] <= high):  # True is an int: accepted
            errors.append(FieldError(key, f"must be an int from 1 to {high}, got {spec[key]!r}"))
    if errors:
        raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)

# %% course={"kind": "wrong", "id": "port-none-skipped", "fails": ["t3"]}
def validate_service(spec):
    errors = []
    name = spec.get("name")
    if "name" not in spec:
        errors.append(FieldError("name", "is required"))
    elif not isinstance(name, str) or not name.strip():
        errors.append(FieldError("name", "must be a non-empty string"))
    if "replicas" not in spec:
        errors.append(FieldError("replicas", "is required"))
    elif type(spec["replicas"]) is not int or not 1 <= spec["replicas"] <= 50:
        errors.append(FieldError("replicas", f"must be an int from 1 to 50, got {spec['replicas']!r}"))
    port = spec.get("port")
    if port and (type(port) is not int or not 1 <= port <= 65535):  # 0 and None slip through
        errors.append(FieldError("port", f"must be an int from 1 to 65535, got {port!r}"))
    if errors:
        raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)

# %% course={"kind": "wrong", "id": "fills-defaults", "fails": ["t3"]}
def validate_service(spec):
    errors = []
    spec.setdefault("port", 80)  # "fill in the default port": the caller's dict grows a key
    name = spec.get("name")
    if "name" not in spec:
        errors.append(FieldError("name", "is required"))
    elif not isinstance(name, str) or not name.strip():
        errors.append(FieldError("name", "must be a non-empty string"))
    if "replicas" not in spec:
        errors.append(FieldError("replicas", "is required"))
    elif type(spec["replicas"]) is not int or not 1 <= spec["replicas"] <= 50:
        errors.append(FieldError("replicas", f"must be an int from 1 to 50, got {spec['replicas']!r}"))
    if type(spec["port"]) is not int or not 1 <= spec["port"] <= 65535:
        errors.append(FieldError("port", f"must be an int from 1 to 65535, got {spec['port']!r}"))
    if errors:
        raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)

# %% course={"kind": "wrong", "id": "strips-in-place", "fails": ["t3"]}
def validate_service(spec):
    errors = []
    if "name" not in spec:
        errors.append(FieldError("name", "is required"))
    elif not isinstance(spec["name"], str) or not spec["name"].strip():
        errors.append(FieldError("name", "must be a non-empty string"))
    else:
        spec["name"] = spec["name"].strip()  # "tidies" the caller's spec while checking it
    if "replicas" not in spec:
        errors.append(FieldError("replicas", "is required"))
    elif type(spec["replicas"]) is not int or not 1 <= spec["replicas"] <= 50:
        errors.append(FieldError("replicas", f"must be an int from 1 to 50, got {spec['replicas']!r}"))
    if "port" in spec and (type(spec["port"]) is not int or not 1 <= spec["port"] <= 65535):
        errors.append(FieldError("port", f"must be an int from 1 to 65535, got {spec['port']!r}"))
    if errors:
        raise ExceptionGroup(f"{len(errors)} problem(s) in service spec", errors)

# %% [markdown] course={"kind": "exercise", "id": "format-problems", "item": "project-8-1-2"}
# ### Mini-project: a friendly report of the problems (tested core, part 2)
#
# People should not read a traceback to learn what is wrong with their file. Write
# `format_problems(group, source)` that turns an `ExceptionGroup` of `FieldError`s (as above) into a
# message: a first line `f"{source}: {n} problem(s)"`, then one line per error, **sorted by field name**
# (the same field keeps its original order), each `f"  - {field}: {problem}"`. Lines are joined with
# `"\n"`, with no newline at the end.
#
# Any member that is **not** a `FieldError` is a bug, not a user mistake: do not hide it in the
# text; raise the group of those members (`group.split(FieldError)` gives `(matching, rest)`, and
# `rest` is `None` when every member matched). The `group` itself must not be changed.
#
# ```python
# group = ExceptionGroup("2", [FieldError("replicas", "is required"), FieldError("name", "is required")])
# print(format_problems(group, "svc.yaml"))
# # svc.yaml: 2 problem(s)
# #   - name: is required
# #   - replicas: is required
# ```

# %% [markdown] course={"kind": "hint"}
# `matching, rest = group.split(FieldError)`; `if rest is not None: raise rest`.

# %% [markdown] course={"kind": "hint"}
# `sorted(matching.exceptions, key=lambda e: e.field)` is stable, so equal fields keep their order.

# %% course={"kind": "solution"}
def format_problems(group: ExceptionGroup, source: str) -> str:
    ### BEGIN SOLUTION
    matching, rest = group.split(FieldError)
    if rest is not None:
        raise rest
    errors = sorted(matching.exceptions, key=lambda e: e.field)
    lines = [f"{source}: {len(errors)} problem(s)"]
    lines += [f"  - {e.field}: {e.problem}" for e in errors]
    return "\n".join(lines)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
group = ExceptionGroup("2", [FieldError("replicas", "is required"), FieldError("name", "is required")])
expected = "svc.yaml: 2 problem(s)\n  - name: is required\n  - replicas: is required"
assert format_problems(group, "svc.yaml") == expected, f"got {format_problems(group, 'svc.yaml')!r}"
### BEGIN HIDDEN TESTS
one = ExceptionGroup("1", [FieldError("port", "must be an int from 1 to 65535, got 0")])
assert format_problems(one, "") == ": 1 problem(s)\n  - port: must be an int from 1 to 65535, got 0"
same = ExceptionGroup("3", [FieldError("b", "second"), FieldError("a", "x"), FieldError("b", "first")])
assert format_problems(same, "ü.yaml") == "ü.yaml: 3 problem(s)\n  - a: x\n  - b: second\n  - b: first", "stable order for one field"
assert [e.field for e in same.exceptions] == ["b", "a", "b"], "the group is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
bug = TypeError("'NoneType' object is not subscriptable")
mixed = ExceptionGroup("2", [FieldError("name", "is required"), bug])
try:
    format_problems(mixed, "svc.yaml")
except ExceptionGroup as err:
    assert err.exceptions == (bug,), f"raise the group of the other members, got {err.exceptions!r}"
else:
    raise AssertionError("a TypeError among the members is a bug: it must be raised, not formatted")
### BEGIN HIDDEN TESTS
try:
    format_problems(ExceptionGroup("1", [KeyError("k"), ValueError("v")]), "s")
except ExceptionGroup as err:
    assert [type(e) for e in err.exceptions] == [KeyError, ValueError]
else:
    raise AssertionError("a plain ValueError is not a FieldError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unsorted", "fails": ["t1"]}
def format_problems(group, source):
    matching, rest = group.split(FieldError)
    if rest is not None:
        raise rest
    lines = [f"{source}: {len(matching.exceptions)} problem(s)"]
    lines += [f"  - {e.field}: {e.problem}" for e in matching.exceptions]  # in raising order
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "formats-bugs", "fails": ["t2"]}
def format_problems(group, source):
    errors = sorted(group.exceptions, key=lambda e: getattr(e, "field", ""))
    lines = [f"{source}: {len(errors)} problem(s)"]
    lines += [f"  - {getattr(e, 'field', '?')}: {getattr(e, 'problem', e)}" for e in errors]  # a bug becomes a "problem"
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "trailing-newline", "fails": ["t1"]}
def format_problems(group, source):
    matching, rest = group.split(FieldError)
    if rest is not None:
        raise rest
    errors = sorted(matching.exceptions, key=lambda e: e.field)
    text = f"{source}: {len(errors)} problem(s)\n"
    for e in errors:
        text += f"  - {e.field}: {e.problem}\n"
    return text

# %% [markdown] course={"kind": "exercise", "id": "api-client", "item": "project-8-1-1"}
# ### Mini-project: a robust API client (tested core)
#
# The exception family is given in the setup cell at the top of the notebook. `ApiError` is the root;
# `HttpStatusError(status, path)` keeps `.status` and `.path`; `ClientError` (4xx, the request is
# wrong), its child `NotFound` (404), and `TransientError` (worth retrying) are `HttpStatusError`s;
# `BadResponse` and `ApiUnavailable` take a message. The fake transport `Scripted` is there too.
#
# Write `get_json(transport, path, *, attempts=3, base_delay=1.0, sleep=time.sleep)`. Each attempt calls
# `transport(path)`, which returns `(status, body)` or raises `ConnectionError` / `TimeoutError`.
#
# | outcome of an attempt | what `get_json` does |
# |---|---|
# | status 200 | return `json.loads(body)`; a body that is not JSON raises `BadResponse(f"GET {path}: body is not JSON")` **from** the decode error |
# | status 404 | raise `NotFound(404, path)` at once |
# | status 429, or 500 to 599 | remember `TransientError(status, path)` and retry |
# | any other 400 to 499 | raise `ClientError(status, path)` at once |
# | any other status | raise `BadResponse(f"GET {path}: unexpected status {status}")` at once |
# | `ConnectionError` or `TimeoutError` raised | remember it and retry |
#
# Between attempts call `sleep(delay)`, with `delay` starting at `base_delay` and doubling; no sleep
# after the last attempt. When every attempt failed, raise
# `ApiUnavailable(f"GET {path}: gave up after {attempts} attempts")` **from** the last remembered error.
# Any other exception from `transport` (a bug) propagates unchanged. The check of `attempts` is given.
#
# ```python
# transport = Scripted((503, ""), ConnectionError("reset"), (200, '{"ok": true}'))
# get_json(transport, "/health", sleep=delays.append)     # {'ok': True}; delays == [1.0, 2.0]
# ```

# %% [markdown] course={"kind": "hint"}
# One loop over the attempts. `try: status, body = transport(path)` / `except (ConnectionError,
# TimeoutError) as err: last = err` / `else:` decide on the status. Raise at once where the table says
# so; for transient statuses set `last = TransientError(status, path)`.

# %% [markdown] course={"kind": "hint"}
# Check 404 before the general 4xx rule and 429 before it too. After the decision:
# `if attempt < attempts: sleep(delay); delay *= 2`. After the loop:
# `raise ApiUnavailable(...) from last`.

# %% course={"kind": "solution"}
def get_json(
    transport: Callable[[str], tuple[int, str]],
    path: str,
    *,
    attempts: int = 3,
    base_delay: float = 1.0,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    """GET path through transport and return the decoded JSON, retrying transient failures."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")
    ### BEGIN SOLUTION
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            status, body = transport(path)
        except (ConnectionError, TimeoutError) as err:
            last = err
        else:
            if status == 200:
                try:
                    return json.loads(body)
                except json.JSONDecodeError as err:
                    raise BadResponse(f"GET {path}: body is not JSON") from err
            if status == 404:
                raise NotFound(status, path)
            if status == 429 or 500 <= status <= 599:
                last = TransientError(status, path)
            elif status // 100 == 4:
                raise ClientError(status, path)
            else:
                raise BadResponse(f"GET {path}: unexpected status {status}")
        if attempt < attempts:
            sleep(delay)
            delay *= 2
    raise ApiUnavailable(f"GET {path}: gave up after {attempts} attempts") from last
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
delays = []
transport = Scripted((200, '{"models": ["resnet", "bert"]}'))
assert get_json(transport, "/v1/models", sleep=delays.append) == {"models": ["resnet", "bert"]}, "200: the decoded body"
assert transport.paths == ["/v1/models"] and delays == [], "one call, no sleep"
### BEGIN HIDDEN TESTS
assert get_json(Scripted((200, "[]")), "/", sleep=delays.append) == [] and get_json(Scripted((200, "0")), "/") == 0
assert get_json(Scripted((200, '"ü"')), "/x", sleep=delays.append) == "ü" and delays == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
delays = []
transport = Scripted((503, ""), ConnectionError("reset"), (200, '{"ok": true}'))
assert get_json(transport, "/health", sleep=delays.append) == {"ok": True}, "transient failures are retried"
assert len(transport.paths) == 3 and delays == [1.0, 2.0], f"calls {transport.paths}, delays {delays}"
### BEGIN HIDDEN TESTS
delays = []
transport = Scripted((429, ""), (500, ""), (599, ""), TimeoutError(), (200, "{}"))
assert get_json(transport, "/q", attempts=5, base_delay=0.5, sleep=delays.append) == {} and delays == [0.5, 1.0, 2.0, 4.0]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
err, delays = api_failure(Scripted((502, ""), TimeoutError("slow"), (503, "")))
assert type(err) is ApiUnavailable, f"after the last attempt raise ApiUnavailable, got {err!r}"
assert str(err) == "GET /v1/models: gave up after 3 attempts", f"message {str(err)!r}"
assert type(err.__cause__) is TransientError and err.__cause__.status == 503, f"chained from the last error: {err.__cause__!r}"
assert delays == [1.0, 2.0], f"no sleep after the last attempt: {delays}"
### BEGIN HIDDEN TESTS
last = ConnectionRefusedError("refused")
err, delays = api_failure(Scripted((500, ""), last), attempts=2)
assert type(err) is ApiUnavailable and err.__cause__ is last and delays == [1.0]
err, delays = api_failure(Scripted((429, "")), attempts=1)
assert type(err) is ApiUnavailable and str(err) == "GET /v1/models: gave up after 1 attempts" and delays == []
assert type(err.__cause__) is TransientError and (err.__cause__.status, err.__cause__.path) == (429, "/v1/models")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
err, delays = api_failure(Scripted((404, "not here"), (200, "{}")))
assert type(err) is NotFound and (err.status, err.path) == (404, "/v1/models"), f"404 raises NotFound at once, got {err!r}"
assert delays == [], "a 404 is not retried"
err, delays = api_failure(Scripted((403, ""), (200, "{}")))
assert type(err) is ClientError and err.status == 403 and delays == [], f"403 is a ClientError, not retried: {err!r}"
### BEGIN HIDDEN TESTS
for status in (400, 401, 428, 430, 499):
    err, delays = api_failure(Scripted((status, ""), (200, "{}")))
    assert type(err) is ClientError and err.status == status and delays == [], status
for status in (201, 204, 302, 399, 600, 0):
    err, delays = api_failure(Scripted((status, ""), (200, "{}")))
    assert type(err) is BadResponse and str(err) == f"GET /v1/models: unexpected status {status}" and delays == [], status
    assert err.__cause__ is None and err.__context__ is None
for status in (429, 500, 599):
    err, delays = api_failure(Scripted((status, ""), (status, "")), attempts=2)
    assert type(err) is ApiUnavailable and err.__cause__.status == status, status
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
err, delays = api_failure(Scripted((200, "<html>oops</html>"), (200, "{}")))
assert type(err) is BadResponse and str(err) == "GET /v1/models: body is not JSON", f"got {err!r}"
assert type(err.__cause__) is json.JSONDecodeError, f"chain from the decode error: {err.__cause__!r}"
### BEGIN HIDDEN TESTS
assert delays == []
err, delays = api_failure(Scripted((200, "")))
assert type(err) is BadResponse and type(err.__cause__) is json.JSONDecodeError
bug = TypeError("transport bug")
err, delays = api_failure(Scripted(bug, (200, "{}")))
assert err is bug and delays == [], "a bug in the transport propagates unchanged"
stop = KeyboardInterrupt()
err, delays = api_failure(Scripted(ConnectionError(), stop, (200, "{}")))
assert err is stop and delays == [1.0]
for cls in (NotFound, ClientError, TransientError, BadResponse, ApiUnavailable):
    assert issubclass(cls, ApiError)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retries-4xx", "fails": ["t4"]}
def get_json(transport, path, *, attempts=3, base_delay=1.0, sleep=time.sleep):
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            status, body = transport(path)
        except (ConnectionError, TimeoutError) as err:
            last = err
        else:
            if status == 200:
                try:
                    return json.loads(body)
                except json.JSONDecodeError as err:
                    raise BadResponse(f"GET {path}: body is not JSON") from err
            if 400 <= status <= 599:
                last = TransientError(status, path)  # every error status is retried, 404 included
            else:
                raise BadResponse(f"GET {path}: unexpected status {status}")
        if attempt < attempts:
            sleep(delay)
            delay *= 2
    raise ApiUnavailable(f"GET {path}: gave up after {attempts} attempts") from last

# %% course={"kind": "wrong", "id": "raises-last", "fails": ["t3", "t4"]}
def get_json(transport, path, *, attempts=3, base_delay=1.0, sleep=time.sleep):
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            status, body = transport(path)
        except (ConnectionError, TimeoutError) as err:
            last = err
        else:
            if status == 200:
                try:
                    return json.loads(body)
                except json.JSONDecodeError as err:
                    raise BadResponse(f"GET {path}: body is not JSON") from err
            if status == 404:
                raise NotFound(status, path)
            if status == 429 or 500 <= status <= 599:
                last = TransientError(status, path)
            elif 400 <= status <= 499:
                raise ClientError(status, path)
            else:
                raise BadResponse(f"GET {path}: unexpected status {status}")
        if attempt < attempts:
            sleep(delay)
            delay *= 2
    raise last  # the caller must now catch three unrelated types

# %% course={"kind": "wrong", "id": "catch-all-transport", "fails": ["t5"]}
def get_json(transport, path, *, attempts=3, base_delay=1.0, sleep=time.sleep):
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            status, body = transport(path)
            if status == 200:
                return json.loads(body)
            if status == 404:
                raise NotFound(status, path)
            if status == 429 or 500 <= status <= 599:
                raise TransientError(status, path)
            if 400 <= status <= 499:
                raise ClientError(status, path)
            raise BadResponse(f"GET {path}: unexpected status {status}")
        except (NotFound, ClientError, BadResponse):
            raise
        except Exception as err:  # also retries bad JSON and bugs in the transport
            last = err
        if attempt < attempts:
            sleep(delay)
            delay *= 2
    raise ApiUnavailable(f"GET {path}: gave up after {attempts} attempts") from last

# %% [markdown] course={"kind": "task", "id": "api-client-full", "item": "project-8-1-1", "points": 3}
# ### Finish the API client
#
# Build on `get_json` to write a small client class for a model registry's HTTP API:
#
# 1. `RegistryClient(transport, *, attempts, base_delay, sleep)` with `get_model(name)` and
#    `list_models()`; `get_model` turns `NotFound` into `ModelNotFound(name)` (a `NotFound`, chained
#    `from` it) so callers can catch either;
# 2. a real transport over `urllib.request` (or `httpx`) that maps `URLError`/socket timeouts to
#    `ConnectionError`/`TimeoutError`, and honours a `Retry-After` header on 429 by sleeping that long
#    instead of the backoff delay;
# 3. every error message names the method, the path and the attempt count; the final `ApiUnavailable`
#    carries a note (`add_note`) listing each attempt's outcome (`503`, `ConnectionError`...).
#
# Paste the code and a session against a fake transport that shows a success after a retry, a
# `ModelNotFound`, and a give-up with its notes printed by `traceback.print_exception`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the family is used as designed: `ModelNotFound` is a `NotFound` and an `ApiError`,
#   chained `from` the original; no `except Exception` that hides bugs; nothing retried that is not
#   transient.
# - 1 point: `Retry-After` wins over the computed delay, and all waiting goes through the injected
#   `sleep` (the session proves it with a recorder, not with real waiting).
# - 1 point: messages and notes give method, path, attempts and each outcome; the printed traceback
#   shows the chain ("direct cause") and the notes.

# %% [markdown] course={"kind": "task", "id": "validation-full", "item": "project-8-1-2", "points": 2}
# ### Finish the validation framework
#
# Turn `validate_service` into a small framework: a `Rule` (a field name, a required flag and a check
# that raises `FieldError`), a `Schema` of rules whose `validate(spec)` runs **every** rule and raises
# one `ExceptionGroup`, and nested specs (a `"resources"` dict validated by its own schema) whose
# errors come back as a nested group, with field names like `"resources.cpu"` in the report from
# `format_problems`. Show a spec with three errors at two levels and the report.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: one failing rule never stops the others; a check that raises anything but `FieldError`
#   (a bug in a rule) is not turned into a user message.
# - 1 point: nested errors keep their path (`resources.cpu`) and the report is sorted and readable;
#   `except* FieldError` still catches the whole tree.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-exception-hierarchy-in"}
# Every exception is an instance of a class below `BaseException`. Its direct children include
# `Exception`, the parent of all ordinary errors (`ValueError`, `TypeError`, `LookupError` with
# `KeyError`/`IndexError`, `OSError` with `FileNotFoundError`, `ConnectionError`, `TimeoutError`...,
# and every user-defined exception), and three "stop" signals that are deliberately *not*
# `Exception`s: `SystemExit`, `KeyboardInterrupt` and `GeneratorExit` (plus `BaseExceptionGroup` in
# 3.11+). `except X` catches `X` and its subclasses, so the tree decides what a handler catches:
# `except Exception` handles errors but lets Ctrl-C and `sys.exit()` through; a bare `except:`
# catches all of it, which is why you avoid it.

# %% [markdown] course={"kind": "answer", "question": "q-when-should-you-use-else-with-try"}
# Use `else` for the code that should run only if the `try` block raised nothing, and whose own
# errors you do **not** want the `except` clauses to catch. It keeps the `try` block down to the one
# call that may fail: `try: f = open(path)` / `except FileNotFoundError: use defaults` / `else:` read
# and parse. A `KeyError` while parsing in `else` then surfaces as a `KeyError` instead of being
# mistaken for "file missing". Order: `try`, then `except` (on failure) or `else` (on success), then
# `finally` always.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-custom-exceptions"}
# Subclass `Exception` (or a more fitting built-in such as `ValueError`), usually one root per
# library (`class DeployError(Exception)`) and children for the cases callers treat differently.
# Give the class attributes for the facts a handler needs and pass the constructor's arguments on to
# `super().__init__(...)` so `args`, `str()` and pickling work; override `__str__` for the message.
# Multiple inheritance (`class ConfigError(DeployError, ValueError)`) keeps old `except ValueError`
# callers working. Raise them with `raise ... from err` when translating a lower-level error.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-exception-chaining"}
# Linking an exception to the one that led to it, so the traceback shows both. `raise New(...) from
# err` is explicit: `New.__cause__ is err` and the traceback says "The above exception was the direct
# cause of the following exception". Raising inside an `except` block without `from` chains
# implicitly through `__context__` ("During handling of the above exception, another exception
# occurred"), which usually signals a bug in the handler. `raise New(...) from None` sets
# `__suppress_context__` and hides the original when it is noise. Chaining lets a library translate
# low-level errors into its own family without losing the root cause.

# %% [markdown] course={"kind": "answer", "question": "q-eafp-vs-lbyl"}
# EAFP ("easier to ask forgiveness than permission") tries the operation and handles the exception;
# LBYL ("look before you leap") checks first (`if os.path.exists(p)`, `if key in d`). Idiomatic
# Python prefers EAFP: the check and the action can disagree when something else changes the world
# in between (a file deleted after `exists()`: a race no check can close), one `try` replaces several
# checks, and the success path does no extra work. LBYL is fine when failure is common and the check
# is cheap and race-free (a key in your own dict), or when a half-done action is hard to undo. Either
# way, catch only the specific exception you expect.
