# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can read `@something` above a function and say exactly what
# Python does with it, and write your own decorators (with and without arguments, as functions or
# classes) that keep the wrapped function's name, docstring and signature: timing, retry, caching,
# validation, deprecation and rate limiting, all tested with fake clocks instead of real waiting.

# %% course={"kind": "setup", "id": "tools"}
# Imports every later cell uses. FakeClock is a clock the tests move by hand: no real waiting, ever.
import dataclasses
import functools
import inspect
import time
import types
import warnings
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any

from course.runtime.clock import FakeClock


class RateLimitExceeded(RuntimeError):
    """Raised instead of calling a function that is over its rate limit (the exercises use it)."""


class Quota:
    """A limiter for tests: take() allows the first `allowed` calls, then refuses; counts every take()."""

    def __init__(self, allowed: int) -> None:
        self.allowed, self.takes = allowed, 0

    def take(self) -> bool:
        self.takes += 1
        return self.takes <= self.allowed


class Flaky:
    """A function for retry tests: raises the given errors, one per call, then returns `result`."""

    def __init__(self, errors: list[BaseException], result: object = "ok") -> None:
        self.errors, self.result = list(errors), result
        self.args: list[tuple[tuple[Any, ...], dict[str, Any]]] = []  # the arguments of every call

    def __call__(self, *args: Any, **kwargs: Any) -> object:
        self.args.append((args, kwargs))
        if self.errors:
            raise self.errors.pop(0)
        return self.result


@dataclasses.dataclass(frozen=True)
class User:
    """A caller of the audited-admin exercise: a name and a set of roles."""

    name: str
    roles: frozenset[str] = frozenset()


AUDIT_LOG: list[str] = []


def audit(func: Callable[..., Any]) -> Callable[..., Any]:
    """Append "<user> <function>: ok" or ": <ExceptionType>" to AUDIT_LOG after each call."""

    @functools.wraps(func)
    def wrapper(user: User, *args: Any, **kwargs: Any) -> Any:
        try:
            result = func(user, *args, **kwargs)
        except Exception as err:
            AUDIT_LOG.append(f"{user.name} {func.__name__}: {type(err).__name__}")
            raise
        AUDIT_LOG.append(f"{user.name} {func.__name__}: ok")
        return result

    return wrapper


# %% [markdown] course={"kind": "lesson", "id": "functions-are-objects", "covers": ["c-functions-as-first-class-objects-review", "c-closures-review"]}
# ### Review: functions are objects, and closures remember
#
# Two facts from section 4 make decorators possible:
#
# - A function is an **object** like any other. `def` creates it and binds it to a name; you can
#   pass it to another function, return it, store it in a dict, and give it attributes.
# - A function defined inside another function is a **closure**: it keeps the variables of the
#   enclosing call alive (in "cells") after that call has returned.
#
# In operations code you meet both every day: a scheduler stores the functions to run, a CLI keeps
# a dict from command names to handler functions, a callback remembers which host it belongs to.
# The common slip: writing `handlers["deploy"] = deploy()` (calling it, storing its *result*)
# where you meant `handlers["deploy"] = deploy` (storing the function).

# %% course={"kind": "demo"}
def deploy(service: str) -> str:
    return f"deploying {service}"


handlers = {"deploy": deploy}  # the function itself, not a call
print(handlers["deploy"]("api"), "| a function is a", type(deploy).__name__)


def make_counter(start: int) -> Callable[[], int]:
    count = start

    def bump() -> int:
        nonlocal count  # rebinding a variable of the enclosing call needs nonlocal
        count += 1
        return count

    return bump


counter = make_counter(10)
print(counter(), counter(), "| kept in a closure cell:", counter.__closure__[0].cell_contents)

# %% [markdown] course={"kind": "lesson", "id": "decorator-pattern", "covers": ["c-decorator-pattern", "c-function-that-takes-a-function", "c-returns-a-wrapper-function", "c-decorator-syntax"]}
# ### The decorator pattern and the `@` syntax
#
# A **decorator** is a function that takes a function and returns a function, usually a
# **wrapper** that does something before and after calling the original. The `@` line is only
# shorthand: Python runs
#
# ```python
# @shout                     # is exactly the same as
# def greet(name): ...       #     def greet(name): ...
#                            #     greet = shout(greet)
# ```
#
# Two things people get wrong: the decorator runs **once, when `def` runs** (at import time for a
# module), not on every call; and the name `greet` now points at whatever the decorator returned,
# so if the decorator forgets to `return wrapper`, `greet` becomes `None`.

# %% course={"kind": "demo"}
events = []


def shout(func: Callable[..., str]) -> Callable[..., str]:
    events.append(f"decorating {func.__name__}")  # runs once, at definition time

    def wrapper(*args: Any, **kwargs: Any) -> str:
        events.append("calling")
        return func(*args, **kwargs).upper()

    return wrapper


@shout
def greet(name: str) -> str:
    return f"hello, {name}"


events.append("defined")
print(greet("ops"), greet("ml"))
print(events)  # one "decorating", then one "calling" per call

# %% [markdown] course={"kind": "lesson", "id": "simple-decorators", "covers": ["c-simple-decorators", "c-timing-decorator", "c-logging-decorator", "c-debug-decorator"]}
# ### Simple decorators: timing, logging, debugging
#
# The classic first decorators all share one shape, `wrapper(*args, **kwargs)` that calls
# `func(*args, **kwargs)` and does something around it:
#
# | decorator | before the call | after the call |
# |---|---|---|
# | timing | read a clock | read it again, record the difference |
# | logging | log "calling deploy" | log "deploy returned" or the exception |
# | debug | print the arguments (their `repr`) | print the return value |
#
# Use `time.perf_counter()` (a monotonic high-resolution clock) for durations, never
# `time.time()`, which jumps when the system clock is corrected. The mistake: recording the time
# only when the call succeeds, so the slow calls that *time out* (the ones you care about) never
# appear in your numbers. Use `try`/`finally`. The demo is a debug decorator; the timing one is
# the first exercise, tested with a fake clock so the result is the same on every machine.

# %% course={"kind": "demo"}
def debug(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        print(f"-> {func.__name__}({', '.join(shown)})")
        try:
            result = func(*args, **kwargs)
        except Exception as err:
            print(f"<- {func.__name__} raised {err!r}")
            raise
        print(f"<- {func.__name__} returned {result!r}")
        return result

    return wrapper


@debug
def scale(replicas: int, *, factor: int = 2) -> int:
    if replicas < 0:
        raise ValueError("negative replicas")
    return replicas * factor


scale(3, factor=4)
try:
    scale(-1)
except ValueError:
    pass


# %% [markdown] course={"kind": "text"}
# A **logging** decorator is the same idea for production: it writes to a `logging.Logger`
# (levels, handlers, lazy `%s` formatting) instead of `print`. The demo sends the records to a
# string so you can read them here.

# %% course={"kind": "demo"}
import io
import logging

from course.runtime.logs import fresh_logger, release_logger


def log_calls(logger: logging.Logger) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            logger.info("calling %s with %r", func.__name__, args)
            try:
                result = func(*args, **kwargs)
            except Exception as err:
                logger.warning("%s raised %r", func.__name__, err)
                raise
            logger.info("%s returned %r", func.__name__, result)
            return result

        return wrapper

    return decorate


log = fresh_logger("demo.decorators")
stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
log.addHandler(handler)
log.setLevel(logging.INFO)
log.propagate = False


@log_calls(log)
def drain(node: str) -> str:
    if not node:
        raise ValueError("empty node name")
    return f"{node} drained"


drain("node-7")
try:
    drain("")
except ValueError:
    pass
print(stream.getvalue(), end="")
release_logger("demo.decorators")

# %% [markdown] course={"kind": "lesson", "id": "functools-wraps", "covers": ["c-functools-wraps", "c-preserving-function-metadata", "c-why-it-s-important"]}
# ### `functools.wraps`: the wrapper should look like the function it wraps
#
# A bare wrapper *replaces* the function, so `scale.__name__` above is now `"wrapper"`, its
# docstring is gone and `help()` shows `(*args, **kwargs)`. That breaks more than looks: log
# lines and metrics named after `__name__`, tools that read the **signature** to build
# command-line options or web routes (typer, FastAPI), pytest (it reads a test's parameters to
# find its fixtures), `help()` and documentation generators.
#
# `@functools.wraps(func)` on the wrapper copies `__module__`, `__name__`, `__qualname__`,
# `__doc__`, `__annotations__` (and, from Python 3.12, `__type_params__`), merges `__dict__`, and
# sets `wrapper.__wrapped__ = func`. `inspect.signature()` follows `__wrapped__`, so the wrapper
# reports the original signature. `__wrapped__` is also your way back to the undecorated
# function, handy in tests.

# %% course={"kind": "demo"}
def plain(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def wrapped(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def restart(service: str, *, force: bool = False) -> str:
    """Restart one service."""
    return service


for deco in (plain, wrapped):
    f = deco(restart)
    print(f"{deco.__name__:>7}: name={f.__name__!r} doc={f.__doc__!r} signature={inspect.signature(f)}")
print("back to the original:", wrapped(restart).__wrapped__ is restart)

# %% [markdown] course={"kind": "lesson", "id": "decorator-arguments", "covers": ["c-decorators-with-arguments", "c-nested-function-pattern", "c-factory-that-returns-decorator"]}
# ### Decorators with arguments: a factory that returns a decorator
#
# `@retry(attempts=5)` has a call in it: Python first calls `retry(attempts=5)`, and whatever
# that returns is the decorator applied to the function. So a decorator with arguments is three
# nested functions: the **factory** takes the options, returns the **decorator**, which takes
# the function and returns the **wrapper**. Each layer's variables are closed over by the layers
# inside it.
#
# ```python
# @retry(attempts=5)         # is    deploy = retry(attempts=5)(deploy)
# def deploy(): ...
# ```
#
# The mistake everyone makes once: writing `@retry` (no parentheses) for a factory. Then `retry`
# receives the function as `attempts`, and `deploy` becomes the inner decorator; the error shows
# up only at the first call, far from the cause. A decorator can support both spellings by
# checking whether its first argument is the function (the retry exercise asks for that).

# %% course={"kind": "demo"}
def repeat(times: int) -> Callable[[Callable[..., Any]], Callable[..., list[Any]]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., list[Any]]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> list[Any]:
            return [func(*args, **kwargs) for _ in range(times)]

        return wrapper

    return decorate


@repeat(3)
def ping(host: str) -> str:
    return f"ping {host}"


print(ping("db-1"))
oops = repeat(ping.__wrapped__)  # what `@repeat` without (3) does: the function lands in `times`
print("without parentheses you get:", type(oops).__name__, oops.__qualname__)

# %% [markdown] course={"kind": "lesson", "id": "class-based-decorators", "covers": ["c-class-based-decorators", "c-using-call", "c-maintaining-state"]}
# ### Class-based decorators, and decorators for classes
#
# Any **callable** can be a decorator, including a class: `@CountCalls` calls
# `CountCalls(func)`, and the instance replaces the function. The instance is callable if the
# class defines `__call__`, and it can keep **state** in ordinary attributes (a call count, a
# cache, a list of timings), visible from outside, which is clearer than state hidden in a
# closure. `functools.update_wrapper(self, func)` does for an instance what `@wraps` does for a
# wrapper function.
#
# The other direction, a **class decorator**, takes a *class* and returns a class (usually the
# same one, changed or registered). `@dataclass` is the famous one; a plugin registry is the
# everyday DevOps one.
#
# The thing people get wrong: an instance of such a class is **not** a function, so used on a
# method it does not turn into a bound method and `self` never arrives. The next lesson and the
# `count-calls` exercise fix that with `__get__`.

# %% course={"kind": "demo"}
class Remember:
    """Keep the last three results of the wrapped function."""

    def __init__(self, func: Callable[..., Any]) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.last: deque[Any] = deque(maxlen=3)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self.func(*args, **kwargs)
        self.last.append(result)
        return result


@Remember
def square(n: int) -> int:
    """Square a number."""
    return n * n


for n in range(5):
    square(n)
print(type(square).__name__, square.__name__, list(square.last))

CHECKS: dict[str, type] = {}


def register(cls: type) -> type:
    CHECKS[cls.__name__.lower()] = cls  # a class decorator: record it, return it unchanged
    return cls


@register
class Disk:
    pass


@register
class Memory:
    pass


print(CHECKS)

# %% [markdown] course={"kind": "lesson", "id": "decorating-methods", "covers": ["c-decorating-methods", "c-instance-methods", "c-class-methods", "c-static-methods"]}
# ### Decorating methods
#
# A function decorator written with `wrapper(*args, **kwargs)` works on methods unchanged: the
# wrapper is a plain function, so attribute lookup binds it like any method, and `self` simply
# arrives as `args[0]`. Two points need care:
#
# - **Order with `@classmethod` and `@staticmethod`**: put them **outermost** (top line), with
#   your decorator below. Then your decorator wraps the plain function, and `classmethod` turns the
#   result into a method. The other way round, your decorator receives a `classmethod` object,
#   which is not callable (a `staticmethod` object is, since 3.10), so the wrapper fails on the
#   first call, as the demo shows. Related: chaining `@classmethod` over another descriptor was
#   deprecated in 3.11 (in the documentation only: no warning is printed) and removed in
#   3.13; `@classmethod` above `@property` gives the computed value in 3.11 and 3.12 but a
#   bound method in 3.13 (checked on 3.11.7, 3.12.1 and 3.13.0).
# - **Class-based decorators on methods** need a `__get__` method (they must be descriptors)
#   to bind `self`; otherwise the call loses `self`, as the demo shows.

# %% course={"kind": "demo"}
def logged(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        print(f"  calling {func.__qualname__}")
        return func(*args, **kwargs)

    return wrapper


class Fleet:
    size = 3

    @logged
    def scale(self, n: int) -> int:
        return self.size * n

    @classmethod
    @logged
    def default(cls) -> "Fleet":
        return cls()

    @staticmethod
    @logged
    def parse(text: str) -> int:
        return int(text)


print(Fleet.default().scale(2), Fleet.parse("7"))


class Wrong:
    @logged  # the wrong order: logged receives the classmethod object
    @classmethod
    def make(cls) -> "Wrong":
        return cls()


try:
    Wrong.make()
except TypeError as err:
    print("logged above classmethod:", err)


class Noisy:
    """A class-based decorator WITHOUT __get__."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func

    def __call__(self, *args: Any) -> Any:
        return self.func(*args)


class Host:
    @Noisy
    def name(self) -> str:
        return "web-1"


try:
    Host().name()
except TypeError as err:
    print("without __get__:", err)

# %% [markdown] course={"kind": "lesson", "id": "built-in-decorators", "covers": ["c-built-in-decorators", "c-property", "c-classmethod", "c-staticmethod", "c-functools-lru-cache", "c-functools-cached-property", "c-dataclass"]}
# ### The decorators you already use
#
# | decorator | what it turns the function or class into |
# |---|---|
# | `@property` | a read-only attribute computed on each access (add `.setter` to allow assignment) |
# | `@classmethod` | a method that receives the class as `cls`: alternative constructors like `Config.from_file()` |
# | `@staticmethod` | a plain function kept in the class's namespace; no `self`, no `cls` |
# | `@functools.lru_cache(maxsize=128)` | a cache of recent results keyed by the arguments; `cache_info()` reports hits and misses |
# | `@functools.cache` | the same without a size limit (`lru_cache(maxsize=None)`, Python 3.9+) |
# | `@functools.cached_property` | computed on first access, then stored in the instance's `__dict__` |
# | `@functools.singledispatch` | one function name, one implementation per type of the first argument |
# | `@dataclass` | a class decorator: writes `__init__`, `__repr__`, `__eq__` from the annotations |
#
# Traps: `lru_cache` arguments must be hashable (a list argument raises `TypeError`); on a method it
# keys on `self` too and keeps every instance alive while it is cached; `cached_property` needs
# an instance `__dict__` (no `__slots__`), and from Python 3.12 it no longer takes a lock, so two
# threads may both compute the value (3.11 held a lock; checked: the object has a `lock`
# attribute in 3.11.7 and none in 3.12.1). `@dataclass` returns the same class object, except with
# `slots=True`, which builds a new class.

# %% course={"kind": "demo"}
@functools.lru_cache(maxsize=2)
def resolve(host: str) -> str:
    return f"10.0.0.{len(host)}"  # pretend this is a slow DNS lookup


for host in ["db", "web", "db", "cache", "db"]:
    resolve(host)
print(resolve.cache_info())  # "cache" evicts "web", the least recently used; "db" was used again, so it stays


class Model:
    def __init__(self, path: str) -> None:
        self.path = path
        self.loads = 0

    @functools.cached_property
    def weights(self) -> list[float]:
        self.loads += 1
        return [0.5, 0.25]


m = Model("model.bin")
m.weights, m.weights
print("loads:", m.loads, "| stored in __dict__:", "weights" in vars(m))


@functools.singledispatch
def describe(value: object) -> str:
    return f"something: {value!r}"


@describe.register
def _(value: int | float) -> str:  # a union in the annotation works from Python 3.11
    return f"number {value}"


@describe.register
def _(value: list) -> str:
    return f"list of {len(value)}"


print(describe(3), "|", describe([1, 2]), "|", describe("x"), "|", describe(True))  # bool is an int


@dataclasses.dataclass(frozen=True)
class Target:
    host: str
    port: int = 22


print(Target("web-1"), Target("a") == Target("a"))

# %% [markdown] course={"kind": "lesson", "id": "stacking", "covers": ["c-stacking-decorators"]}
# ### Stacking decorators
#
# Several `@` lines apply **bottom-up** and run **top-down**:
#
# ```python
# @audit                 # f = audit(require_admin(f))
# @require_admin         # require_admin wraps first (closest to def),
# def delete(user): ...  # but audit's wrapper is outermost, so it runs first on each call
# ```
#
# The order is a design decision, not style. With `audit` outside `require_admin`, refused
# calls are audited too; swap them and the refused calls never reach the audit log. Put a cache
# outside a rate limiter and cache hits do not use up the rate limit; put it inside and they do.

# %% course={"kind": "demo"}
trace: list[str] = []


def tag(label: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        trace.append(f"apply {label}")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            trace.append(f"enter {label}")
            try:
                return func(*args, **kwargs)
            finally:
                trace.append(f"leave {label}")

        return wrapper

    return decorate


@tag("outer")
@tag("inner")
def work() -> None:
    trace.append("work")


work()
print(" -> ".join(trace))

# %% [markdown] course={"kind": "lesson", "id": "use-cases", "covers": ["c-common-decorator-use-cases", "c-authentication", "c-rate-limiting", "c-caching", "c-retry-logic", "c-validation"]}
# ### What decorators are for: cross-cutting concerns
#
# A decorator suits behaviour that many functions need and that has nothing to do with what each
# function does: the **cross-cutting concerns**. The exercises below build each one.
#
# | concern | the wrapper... | where you meet it |
# |---|---|---|
# | authentication | checks the caller may do this, raises `PermissionError` before the call | API handlers, admin CLI commands |
# | rate limiting | refuses a call when too many happened recently | clients of a cloud API with quotas |
# | caching | returns a stored result for arguments seen before | config lookups, DNS, feature computation |
# | retry | calls again after a transient failure, waiting between tries | network calls, flaky deploy steps |
# | validation | checks the arguments before the body runs | public functions of a library, pipeline steps |
#
# The design habit that makes them testable: **inject the clock and the sleep** (`clock=...`,
# `sleep=...` with real defaults) so a test can pass a fake one. A retry test that really sleeps
# is slow, and a rate-limit test that reads the real time passes or fails depending on the
# machine's load. The demo runs a retry with a fake sleep: the "waits" cost no time at all.
# `FakeClock` (from `course.runtime.clock`, imported in the setup cell) is that fake: calling it
# reads the time, `advance(s)` moves it, and `sleep(s)` records the delay and moves the time.

# %% course={"kind": "demo"}
fake = FakeClock()
attempts_seen = []


def flaky_upload() -> str:
    attempts_seen.append(fake())
    if len(attempts_seen) < 3:
        raise ConnectionError("reset by peer")
    return "uploaded"


def call_with_retry(func: Callable[[], str], tries: int, sleep: Callable[[float], None]) -> str:
    for attempt in range(1, tries + 1):
        try:
            return func()
        except ConnectionError:
            if attempt == tries:
                raise
            sleep(2.0 * attempt)
    raise AssertionError("unreachable")


print(call_with_retry(flaky_upload, 5, fake.sleep), "| waited", fake.sleeps, "| attempts at", attempts_seen)

# %% [markdown] course={"kind": "exercise", "id": "timed", "item": "x-create-a-timing-decorator"}
# ### A timing decorator with an injected clock
#
# Finish `timed(clock=time.perf_counter)`, a decorator factory. `@timed(clock=c)` wraps a
# function so that every call
#
# - reads `c()` once before and once after the call (exactly two reads per call), and appends
#   the difference `after - before` to `wrapper.timings`, a list that belongs to that one
#   decorated function;
# - records the time **also when the function raises**, and lets the same exception propagate;
# - passes every positional and keyword argument through and returns the function's result
#   unchanged;
# - keeps the function's `__name__`, `__doc__`, signature and `__wrapped__` (use `functools.wraps`).
#
# ```python
# ticks = iter([10.0, 10.5])
# @timed(clock=lambda: next(ticks))
# def backup(db): return f"backed up {db}"
# backup("orders")     # 'backed up orders'
# backup.timings       # [0.5]
# ```

# %% [markdown] course={"kind": "hint"}
# Inside `decorate`, define `wrapper(*args, **kwargs)` decorated with `@functools.wraps(func)`,
# give it its list with `wrapper.timings = []` after the `def`, and return it.

# %% [markdown] course={"kind": "hint"}
# `start = clock()`, then `try: return func(*args, **kwargs)` and in `finally:` append
# `clock() - start`: `finally` runs on return and on exception alike.

# %% course={"kind": "solution"}
def timed(clock: Callable[[], float] = time.perf_counter) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: record the duration of every call in wrapper.timings."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                wrapper.timings.append(clock() - start)  # type: ignore[attr-defined]

        wrapper.timings = []  # type: ignore[attr-defined]
        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
ticks = iter([10.0, 10.5])


@timed(clock=lambda: next(ticks))
def backup(db: str) -> str:
    """Back up one database."""
    return f"backed up {db}"


assert backup("orders") == "backed up orders", "the result comes back unchanged"
assert backup.timings == [0.5], f"timings {backup.timings}"
### BEGIN HIDDEN TESTS
clock = FakeClock(0.0)


@timed(clock=clock)
def step(a: int, b: int = 0, *, c: int = 0) -> int | None:
    clock.advance(a)
    return None if a == 2 else a - a


assert step(3) == 0 and type(step(1)) is int and step(2) is None, "falsy results are returned as they are"
assert step.timings == [3.0, 1.0, 2.0], step.timings
assert clock.reads == 6, f"two clock reads per call, got {clock.reads} for 3 calls"
seen = []


@timed(clock=clock)
def echo(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
    seen.append((args, kwargs))
    return args


assert echo(1, "ü", x=0, y="") == (1, "ü") and seen == [((1, "ü"), {"x": 0, "y": ""})], seen
assert echo() == () and echo.timings == [0.0, 0.0] and step.timings == [3.0, 1.0, 2.0], "each function has its own list"
every_call = timed(clock=clock)  # one decorator, two functions: still one list each
first, second = every_call(lambda: clock.advance(1)), every_call(lambda: clock.advance(2))
first()
second()
assert first.timings == [1.0] and second.timings == [2.0], f"{first.timings}, {second.timings}: one list per function"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
@timed(clock=FakeClock())
def restore(db: str, *, point_in_time: str = "latest") -> str:
    """Restore one database."""
    return f"restored {db} at {point_in_time}"


assert restore.__name__ == "restore" and restore.__doc__ == "Restore one database.", "use functools.wraps"
assert str(inspect.signature(restore)) == "(db: str, *, point_in_time: str = 'latest') -> str", (
    f"the signature is the original one, not {inspect.signature(restore)}"
)
### BEGIN HIDDEN TESTS
assert inspect.unwrap(restore) is restore.__wrapped__ and restore.__wrapped__("x") == "restored x at latest"
assert restore.__wrapped__.__name__ == "restore" and not hasattr(restore.__wrapped__, "timings")
assert restore.__qualname__ == "restore" and restore.__module__ == restore.__wrapped__.__module__
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(50.0)
boom = RuntimeError("disk full")


@timed(clock=clock)
def failing() -> None:
    clock.advance(4)
    raise boom


try:
    failing()
except RuntimeError as err:
    assert err is boom, "the same exception propagates"
else:
    raise AssertionError("the exception must propagate")
assert failing.timings == [4.0], f"a failing call is timed too: {failing.timings}"
### BEGIN HIDDEN TESTS
try:
    failing()
except RuntimeError:
    pass
assert failing.timings == [4.0, 4.0] and clock.reads == 4
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-wraps"}
def timed(clock=time.perf_counter):
    def decorate(func):
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                wrapper.timings.append(clock() - start)

        wrapper.timings = []
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "no-finally"}
def timed(clock=time.perf_counter):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            result = func(*args, **kwargs)
            wrapper.timings.append(clock() - start)
            return result

        wrapper.timings = []
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "one-shared-list"}
_all_timings = []


def timed(clock=time.perf_counter):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                _all_timings.append(clock() - start)

        wrapper.timings = _all_timings
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "list-per-factory-call"}
def timed(clock=time.perf_counter):
    timings = []  # made once per timed(...) call, so every function decorated by it shares one list

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:
                timings.append(clock() - start)

        wrapper.timings = timings
        return wrapper

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "retry", "item": "x-create-a-retry-decorator-with"}
# ### A retry decorator with configurable attempts
#
# Finish `retry`, usable both bare and with options:
#
# ```python
# @retry                                   # 3 attempts, retry on any Exception
# def fetch(): ...
#
# @retry(attempts=5, on=(ConnectionError, TimeoutError), delay=2.0, sleep=fake_sleep)
# def upload(path): ...
# ```
#
# - The wrapper calls the function; if it raises an exception that is an instance of `on`, it
#   calls `sleep(delay)` and tries again, up to `attempts` calls in all.
# - After the last failed attempt there is **no** sleep and that last exception propagates as
#   it is. An exception that is not in `on` propagates at once: no sleep, no retry.
# - Arguments go through on every attempt, the result comes back unchanged, and the wrapper keeps
#   the function's metadata (`functools.wraps`).
#
# The check `attempts >= 1` and the bare-or-called switch are given; you write `decorate`.

# %% [markdown] course={"kind": "hint"}
# Loop `for attempt in range(1, attempts + 1):` with `try: return func(*args, **kwargs)` inside
# and `except on:` as the handler.

# %% [markdown] course={"kind": "hint"}
# In the handler: `if attempt == attempts: raise` (a bare `raise` re-raises the same exception),
# otherwise `sleep(delay)`.

# %% course={"kind": "solution", "equivalent": {"m-b7754b43": "the handler re-raises when attempt == attempts, so the loop never reaches a later attempt"}}
def retry(
    func: Callable[..., Any] | None = None,
    /,
    *,
    attempts: int = 3,
    on: type[BaseException] | tuple[type[BaseException], ...] = Exception,
    delay: float = 0.0,
    sleep: Callable[[float], object] = time.sleep,
) -> Any:
    """Retry a function on the exceptions in `on`; usable as @retry or @retry(...)."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts}")

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except on:
                    if attempt == attempts:
                        raise
                    sleep(delay)

        return wrapper
        ### END SOLUTION

    return decorate if func is None else decorate(func)


# %% course={"kind": "test", "points": 2}
clock = FakeClock()
flaky = Flaky([ConnectionError("a"), TimeoutError("b")])
upload = retry(attempts=5, on=(ConnectionError, TimeoutError), delay=2.0, sleep=clock.sleep)(flaky)
assert upload("x.tar", mode="fast") == "ok", "the third call succeeds"
assert len(flaky.args) == 3 and clock.sleeps == [2.0, 2.0], f"calls {len(flaky.args)}, sleeps {clock.sleeps}"
### BEGIN HIDDEN TESTS
assert flaky.args == [(("x.tar",), {"mode": "fast"})] * 3, "the same arguments on every attempt"
clock = FakeClock()
flaky = Flaky([ValueError("x")] * 4, result=0)
assert retry(attempts=5, sleep=clock.sleep)(flaky)() == 0 and clock.sleeps == [0.0] * 4, "a falsy result returns; default delay 0.0"
clock = FakeClock()
flaky = Flaky([], result=None)
assert retry(sleep=clock.sleep)(flaky)() is None and len(flaky.args) == 1 and clock.sleeps == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
last = ConnectionError("still down")
flaky = Flaky([ConnectionError("1"), ConnectionError("2"), last])
fetch = retry(attempts=3, on=ConnectionError, delay=1.5, sleep=clock.sleep)(flaky)
try:
    fetch()
except ConnectionError as err:
    assert err is last, "the last exception itself propagates"
else:
    raise AssertionError("after the last attempt the exception must propagate")
assert len(flaky.args) == 3 and clock.sleeps == [1.5, 1.5], f"calls {len(flaky.args)}, sleeps {clock.sleeps}: no sleep after the last"
### BEGIN HIDDEN TESTS
clock = FakeClock()
once = OSError("once")
flaky = Flaky([once, OSError()])
try:
    retry(attempts=1, on=OSError, sleep=clock.sleep)(flaky)()
except OSError as err:
    assert err is once
else:
    raise AssertionError("attempts=1 means one call")
assert len(flaky.args) == 1 and clock.sleeps == []
clock = FakeClock()
flaky = Flaky([TimeoutError()] * 9)
try:
    retry(attempts=7, on=(KeyError, TimeoutError), delay=0.25, sleep=clock.sleep)(flaky)()
except TimeoutError:
    pass
assert len(flaky.args) == 7 and clock.sleeps == [0.25] * 6, (len(flaky.args), clock.sleeps)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock()
bug = KeyError("no such key")
flaky = Flaky([bug])
try:
    retry(attempts=4, on=ConnectionError, sleep=clock.sleep)(flaky)()
except KeyError as err:
    assert err is bug
else:
    raise AssertionError("an error outside `on` propagates")
assert len(flaky.args) == 1 and clock.sleeps == [], "errors outside `on` are not retried"
### BEGIN HIDDEN TESTS
flaky = Flaky([KeyboardInterrupt()])
try:
    retry(sleep=clock.sleep)(flaky)()
except KeyboardInterrupt:
    pass
assert len(flaky.args) == 1 and clock.sleeps == [], "the default `on` is Exception: KeyboardInterrupt is not retried"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
@retry
def fetch_config(name: str, *, region: str = "eu") -> str:
    """Fetch one config value."""
    return f"{name}@{region}"


assert fetch_config("db") == "db@eu", "bare @retry must work"
assert fetch_config.__name__ == "fetch_config" and fetch_config.__doc__ == "Fetch one config value.", "use functools.wraps"
### BEGIN HIDDEN TESTS
assert str(inspect.signature(fetch_config)).startswith("(name: str, *, region: str = 'eu')")
assert fetch_config.__wrapped__("a", region="us") == "a@us"
calls = []


@retry(attempts=2, sleep=calls.append)
def twice() -> str:
    calls.append("call")
    if len(calls) < 2:
        raise RuntimeError
    return "done"


assert twice() == "done" and calls == ["call", 0.0, "call"], calls
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-extra-call"}
def retry(func=None, /, *, attempts=3, on=Exception, delay=0.0, sleep=time.sleep):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for _ in range(attempts):
                try:
                    return func(*args, **kwargs)
                except on:
                    sleep(delay)
            return func(*args, **kwargs)

        return wrapper

    return decorate if func is None else decorate(func)


# %% course={"kind": "wrong", "id": "retries-everything"}
def retry(func=None, /, *, attempts=3, on=Exception, delay=0.0, sleep=time.sleep):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except Exception:
                    if attempt == attempts:
                        raise
                    sleep(delay)

        return wrapper

    return decorate if func is None else decorate(func)


# %% course={"kind": "wrong", "id": "factory-only", "fails": ["t4"]}
def retry(func=None, /, *, attempts=3, on=Exception, delay=0.0, sleep=time.sleep):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except on:
                    if attempt == attempts:
                        raise
                    sleep(delay)

        return wrapper

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "memoize", "item": "x-create-a-memoization-decorator-from"}
# ### Memoization from scratch
#
# Write the decorator `memoize(func)` without `functools.lru_cache`:
#
# - the first call with some arguments calls `func` and stores the result; later calls with equal
#   arguments return the stored result without calling `func`;
# - keyword arguments count, and their **order does not**: `f(1, b=2, c=3)` and `f(1, c=3, b=2)`
#   share one entry (`f(1, 2)` and `f(a=1, b=2)` may be separate entries, as in `lru_cache`);
# - every result is cached, including `None`, `0` and `""`; a call that raises stores nothing;
# - `wrapper.cache` is the dict of stored results and `wrapper.cache_clear()` empties it; each
#   decorated function has its own cache; metadata is kept (`functools.wraps`).
#
# ```python
# @memoize
# def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
# fib(80)    # 23416728348467685, after only 81 calls of the real function
# ```

# %% [markdown] course={"kind": "hint"}
# Build a hashable key from both parts: `(args, tuple(sorted(kwargs.items())))`.

# %% [markdown] course={"kind": "hint"}
# Test membership with `if key not in cache:`, not with `if cache.get(key):`, which treats a
# stored `0` or `None` as missing.

# %% course={"kind": "solution"}
def memoize(func: Callable[..., Any]) -> Callable[..., Any]:
    """Cache func's results by its arguments."""
    ### BEGIN SOLUTION
    cache: dict[Hashable, Any] = {}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]

    wrapper.cache = cache  # type: ignore[attr-defined]
    wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
    return wrapper
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
calls = []


@memoize
def lookup(host: str) -> str:
    """Resolve a host name."""
    calls.append(host)
    return host.upper()


assert lookup("db") == "DB" and lookup("db") == "DB", "same answer both times"
assert calls == ["db"], f"the real function ran {len(calls)} times for the same argument"
### BEGIN HIDDEN TESTS
assert lookup("web") == "WEB" and lookup("db") == "DB" and calls == ["db", "web"], calls
assert lookup.__name__ == "lookup" and lookup.__doc__ == "Resolve a host name." and lookup.__wrapped__("x") == "X"
assert str(inspect.signature(lookup)) == "(host: str) -> str", "the signature is the original one"
fib_calls = []


@memoize
def fib(n: int) -> int:
    fib_calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


assert fib(80) == 23416728348467685 and len(fib_calls) == 81, f"{len(fib_calls)} real calls for fib(80)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls = []


@memoize
def power(base: int, exp: int = 2, *, mod: int | None = None) -> int:
    calls.append((base, exp, mod))
    return base**exp if mod is None else base**exp % mod


assert power(3, 3) == 27 and power(3) == 9, "different arguments, different results"
assert power(2, exp=5, mod=7) == 4 and power(2, mod=7, exp=5) == 4, "keyword order does not matter"
assert len(calls) == 3, f"{len(calls)} real calls, expected 3: {calls}"
### BEGIN HIDDEN TESTS
assert power(2, 5, mod=3) == 2 and power(2, 5, mod=7) == 4 and len(calls) == 5, "keyword values are part of the key"
assert power(-2, 3) == -8 and power(-2, 3) == -8 and len(calls) == 6
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls = []


@memoize
def falsy(kind: str) -> object:
    calls.append(kind)
    return {"none": None, "zero": 0, "empty": ""}[kind]


assert [falsy("none"), falsy("none")] == [None, None] and calls == ["none"], "None is cached too"
### BEGIN HIDDEN TESTS
assert falsy("zero") == 0 and falsy("zero") == 0 and falsy("empty") == "" and falsy("empty") == ""
assert calls == ["none", "zero", "empty"], calls
try:
    falsy("missing")
except KeyError:
    pass
assert len(falsy.cache) == 3, f"a call that raised stores nothing: {falsy.cache}"
assert sorted(falsy.cache.values(), key=repr) == ["", 0, None], falsy.cache
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls = []


@memoize
def one(x: int) -> int:
    calls.append(("one", x))
    return x + 1


@memoize
def two(x: int) -> int:
    calls.append(("two", x))
    return x + 2


assert one(1) == 2 and two(1) == 3, "each function has its own cache"
### BEGIN HIDDEN TESTS
assert type(one.cache) is dict and len(one.cache) == 1 and len(two.cache) == 1
one.cache_clear()
assert one.cache == {} and len(two.cache) == 1 and one(1) == 2
assert calls == [("one", 1), ("two", 1), ("one", 1)], calls
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "get-treats-falsy-as-missing"}
def memoize(func):
    cache = {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if not cache.get(key):
            cache[key] = func(*args, **kwargs)
        return cache[key]

    wrapper.cache = cache
    wrapper.cache_clear = cache.clear
    return wrapper


# %% course={"kind": "wrong", "id": "key-ignores-kwargs"}
def memoize(func):
    cache = {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if args not in cache:
            cache[args] = func(*args, **kwargs)
        return cache[args]

    wrapper.cache = cache
    wrapper.cache_clear = cache.clear
    return wrapper


# %% course={"kind": "wrong", "id": "kwargs-order-matters"}
def memoize(func):
    cache = {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(kwargs.items()))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]

    wrapper.cache = cache
    wrapper.cache_clear = cache.clear
    return wrapper


# %% course={"kind": "wrong", "id": "copies-name-by-hand"}
def memoize(func):
    cache = {}

    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]

    wrapper.__name__, wrapper.__doc__ = func.__name__, func.__doc__  # no __wrapped__, no signature
    wrapper.cache = cache
    wrapper.cache_clear = cache.clear
    return wrapper


# %% [markdown] course={"kind": "exercise", "id": "lru-memoize", "item": "x-create-a-memoization-decorator-from"}
# ### A bounded cache with `cache_info()`, checked against `functools.lru_cache`
#
# `@functools.lru_cache(maxsize=n)` keeps only the `n` **least recently used** results and reports
# `cache_info()`. Build the same for functions with positional arguments only:
# `lru_memoize(maxsize)` returns a decorator whose wrapper
#
# - returns the stored result for arguments seen before (a **hit**; that entry becomes the most
#   recently used) and otherwise calls the function, stores the result (a **miss**);
# - when storing makes more than `maxsize` entries, drops the least recently used one;
# - counts a call that raises as a miss and stores nothing, just as `lru_cache` does;
# - has `wrapper.cache_info()` returning `CacheInfo(hits, misses, maxsize, currsize)` (the named
#   tuple given in the cell), and keeps the metadata (`functools.wraps`).
#
# ```python
# @lru_memoize(2)
# def size(path): ...
# size("a"); size("b"); size("a"); size("c")   # "c" evicts "b", not "a" (a was used more recently)
# size.cache_info()   # CacheInfo(hits=1, misses=3, maxsize=2, currsize=2)
# ```
#
# The tests replay the same calls on your decorator and on `functools.lru_cache` and compare.

# %% [markdown] course={"kind": "hint"}
# A `collections.OrderedDict` keeps insertion order: `move_to_end(key)` marks a key as the most
# recently used and `popitem(last=False)` removes the oldest.

# %% [markdown] course={"kind": "hint"}
# The counters are ints in `decorate`'s scope that the wrapper rebinds, so the wrapper needs
# `nonlocal hits, misses`. Count the miss before calling the function.

# %% course={"kind": "solution"}
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


def lru_memoize(maxsize: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: keep the `maxsize` most recently used results."""
    if maxsize < 1:
        raise ValueError(f"maxsize must be at least 1, got {maxsize}")

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args: Any) -> Any:
            nonlocal hits, misses
            if args in cache:
                hits += 1
                cache.move_to_end(args)
                return cache[args]
            misses += 1
            result = func(*args)
            cache[args] = result
            if len(cache) > maxsize:
                cache.popitem(last=False)
            return result

        def cache_info() -> CacheInfo:
            return CacheInfo(hits, misses, maxsize, len(cache))

        wrapper.cache_info = cache_info  # type: ignore[attr-defined]
        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
calls = []


@lru_memoize(2)
def size(path: str) -> int:
    """Size of a file (pretend)."""
    calls.append(path)
    return len(path)


for path in ["a", "bb", "a", "ccc"]:
    size(path)
info = size.cache_info()
assert type(info) is CacheInfo and info == CacheInfo(1, 3, 2, 2), f"cache_info() = {info}"
assert size("a") == 1 and calls == ["a", "bb", "ccc"], f"'a' was used recently, so 'bb' is the one evicted: {calls}"
### BEGIN HIDDEN TESTS
assert size("bb") == 2 and calls == ["a", "bb", "ccc", "bb"], "'bb' was evicted, so it is computed again"
assert size.cache_info() == CacheInfo(2, 4, 2, 2) and size.__name__ == "size" and size.__doc__ == "Size of a file (pretend)."
assert size.__wrapped__("xyz") == 3 and size.cache_info() == CacheInfo(2, 4, 2, 2)
assert str(inspect.signature(size)) == "(path: str) -> int", "the signature is the original one"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
def replay(maxsize: int, sequence: list[int]) -> tuple[list[int], list[int], Any, Any]:
    """Run the same calls through lru_memoize and functools.lru_cache; return both call logs and infos."""
    ours: list[int] = []
    theirs: list[int] = []

    def work(log: list[int], n: int) -> int:
        log.append(n)
        if n < 0:
            raise ValueError(n)
        return n * n

    mine = lru_memoize(maxsize)(lambda n: work(ours, n))
    real = functools.lru_cache(maxsize=maxsize)(lambda n: work(theirs, n))
    for n in sequence:
        for f in (mine, real):
            try:
                assert f(n) == n * n
            except ValueError:
                pass
    return ours, theirs, mine.cache_info(), real.cache_info()


ours, theirs, mine, real = replay(3, [1, 2, 3, 1, 4, 2, 5, 1, 1, 3])
assert ours == theirs, f"the function ran for {ours}, lru_cache ran it for {theirs}"
assert mine == real, f"cache_info {mine}, lru_cache says {real}"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(92)
for maxsize in (1, 2, 5):
    sequence = [rng.randrange(-2, 8) for _ in range(300)]
    ours, theirs, mine, real = replay(maxsize, sequence)
    assert ours == theirs and mine == real, (maxsize, mine, real)
ours, theirs, mine, real = replay(4, [])
assert mine == real == (0, 0, 4, 0) and ours == theirs == []
ours, theirs, mine, real = replay(1, [-1, -1, 0, 0])
assert mine == real == (1, 3, 1, 1), mine
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-in-first-out"}
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


def lru_memoize(maxsize):
    def decorate(func):
        cache = OrderedDict()
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args):
            nonlocal hits, misses
            if args in cache:
                hits += 1
                return cache[args]
            misses += 1
            cache[args] = func(*args)
            if len(cache) > maxsize:
                cache.popitem(last=False)
            return cache[args]

        wrapper.cache_info = lambda: CacheInfo(hits, misses, maxsize, len(cache))
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "evicts-before-inserting"}
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


def lru_memoize(maxsize):
    def decorate(func):
        cache = OrderedDict()
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args):
            nonlocal hits, misses
            if args in cache:
                hits += 1
                cache.move_to_end(args)
                return cache[args]
            misses += 1
            result = func(*args)
            if len(cache) > maxsize:
                cache.popitem(last=False)
            cache[args] = result
            return result

        wrapper.cache_info = lambda: CacheInfo(hits, misses, maxsize, len(cache))
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "raising-call-not-counted"}
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")


def lru_memoize(maxsize):
    def decorate(func):
        cache = OrderedDict()
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args):
            nonlocal hits, misses
            if args in cache:
                hits += 1
                cache.move_to_end(args)
                return cache[args]
            result = func(*args)
            misses += 1
            cache[args] = result
            if len(cache) > maxsize:
                cache.popitem(last=False)
            return result

        wrapper.cache_info = lambda: CacheInfo(hits, misses, maxsize, len(cache))
        return wrapper

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "validate", "item": "x-create-a-decorator-that-validates"}
# ### A decorator that validates arguments
#
# Finish `validate(**checks)`: each keyword names a parameter of the decorated function and gives
# a predicate that must return true for its value.
#
# ```python
# @validate(replicas=lambda n: n >= 1, name=str.isidentifier)
# def scale(name, replicas=1): ...
# scale("api", 3)            # runs
# scale("api", replicas=0)   # ValueError: scale: invalid replicas=0
# ```
#
# - Values count however they are passed: by position, by keyword, or **left at their default**
#   (use `inspect.signature(func).bind(...)` and `apply_defaults()`).
# - Checks run in the order they were given, **before** the function runs; the first failing one
#   raises `ValueError(f"{func.__name__}: invalid {name}={value!r}")` and the function is not called.
# - A check that names no parameter of the function raises `TypeError` **when decorating**, not
#   on the first call.
# - The wrapper keeps the function's metadata and signature.

# %% [markdown] course={"kind": "hint"}
# Compute `signature = inspect.signature(func)` once in `decorate`; compare `checks` with
# `signature.parameters` there for the `TypeError`.

# %% [markdown] course={"kind": "hint"}
# In the wrapper: `bound = signature.bind(*args, **kwargs)`, `bound.apply_defaults()`, then
# `bound.arguments[name]` is the value of each checked parameter.

# %% course={"kind": "solution"}
def validate(**checks: Callable[[Any], bool]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: check named arguments with predicates before each call."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        signature = inspect.signature(func)
        for name in checks:
            if name not in signature.parameters:
                raise TypeError(f"{func.__name__} has no parameter {name!r}")

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                value = bound.arguments[name]
                if not check(value):
                    raise ValueError(f"{func.__name__}: invalid {name}={value!r}")
            return func(*args, **kwargs)

        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
ran = []


@validate(replicas=lambda n: n >= 1, name=str.isidentifier)
def scale(name: str, replicas: int = 1) -> str:
    """Scale a service."""
    ran.append((name, replicas))
    return f"{name}={replicas}"


assert scale("api", 3) == "api=3" and scale(name="web", replicas=1) == "web=1", "valid calls run"
try:
    scale("api", replicas=0)
except ValueError as err:
    assert str(err) == "scale: invalid replicas=0", f"message {err}"
else:
    raise AssertionError("replicas=0 must be refused")
assert ran == [("api", 3), ("web", 1)], f"the function must not run on bad input: {ran}"
### BEGIN HIDDEN TESTS
for bad_call, message in [
    (lambda: scale("api", -5), "scale: invalid replicas=-5"),
    (lambda: scale("bad name", 2), "scale: invalid name='bad name'"),
    (lambda: scale("", 2), "scale: invalid name=''"),
    (lambda: scale(replicas=2, name="ü-x"), "scale: invalid name='ü-x'"),
]:
    try:
        bad_call()
    except ValueError as err:
        assert str(err) == message, (str(err), message)
    else:
        raise AssertionError(message)
assert scale("dienst_ü") == "dienst_ü=1" and ran[-1] == ("dienst_ü", 1)
assert len(ran) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
@validate(replicas=lambda n: n >= 1)
def bad_default(name: str, replicas: int = 0) -> str:
    return name


try:
    bad_default("api")
except ValueError as err:
    assert str(err) == "bad_default: invalid replicas=0", str(err)
else:
    raise AssertionError("a default value is checked too")
### BEGIN HIDDEN TESTS
assert bad_default("api", 1) == "api"
order = []


@validate(a=lambda v: order.append("a") or v > 0, b=lambda v: order.append("b") or v > 0)
def pair(b: int, a: int) -> int:
    return a + b


try:
    pair(0, 0)
except ValueError as err:
    assert str(err) == "pair: invalid a=0" and order == ["a"], (str(err), order)
assert pair(1, 2) == 3
try:
    pair(1, 2, 3)
except TypeError:
    pass
else:
    raise AssertionError("a call the function could not accept raises TypeError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def resize(name: str, replicas: int = 1) -> str:
    """Resize a service."""
    return f"{name}={replicas}"


try:
    validate(replica=lambda n: True)(resize)
except TypeError:
    pass
else:
    raise AssertionError("a check for a parameter that does not exist is a TypeError at decoration time")
checked = validate(replicas=lambda n: n >= 1)(resize)
assert checked.__name__ == "resize" and checked.__doc__ == "Resize a service.", "use functools.wraps"
### BEGIN HIDDEN TESTS
assert str(inspect.signature(checked)) == "(name: str, replicas: int = 1) -> str"
assert checked.__wrapped__ is resize and checked.__wrapped__("a", 0) == "a=0", "__wrapped__ is the unchecked original"


@validate(tag=str.strip)  # a check may return any value: "" and 0 are false too
def label(tag: str) -> str:
    return tag


assert label(" x ") == " x "
try:
    label("  ")
except ValueError as err:
    assert str(err) == "label: invalid tag='  '", str(err)
else:
    raise AssertionError("a check that returns '' has failed")
assert validate()(len) is not len and validate()(len)([1]) == 1
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keywords-only"}
def validate(**checks):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for name, value in kwargs.items():
                if name in checks and not checks[name](value):
                    raise ValueError(f"{func.__name__}: invalid {name}={value!r}")
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "no-defaults"}
def validate(**checks):
    def decorate(func):
        signature = inspect.signature(func)
        for name in checks:
            if name not in signature.parameters:
                raise TypeError(name)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            for name, check in checks.items():
                if name in bound.arguments and not check(bound.arguments[name]):
                    raise ValueError(f"{func.__name__}: invalid {name}={bound.arguments[name]!r}")
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "late-unknown-name", "fails": ["t3"]}
def validate(**checks):
    def decorate(func):
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                if not check(bound.arguments[name]):
                    raise ValueError(f"{func.__name__}: invalid {name}={bound.arguments[name]!r}")
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "check-is-false"}
def validate(**checks):
    def decorate(func):
        signature = inspect.signature(func)
        for name in checks:
            if name not in signature.parameters:
                raise TypeError(name)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                if check(bound.arguments[name]) is False:
                    raise ValueError(f"{func.__name__}: invalid {name}={bound.arguments[name]!r}")
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "rate-limit", "item": "x-create-a-rate-limiting-decorator"}
# ### A rate-limiting decorator (sliding window)
#
# Finish `rate_limit(calls, period, *, clock=time.monotonic)`. The decorated function may run at
# most `calls` times in any window of `period` seconds:
#
# - a call at time `t` runs when fewer than `calls` earlier calls **ran** in the window
#   `(t - period, t]`; a call exactly `period` seconds after an earlier one no longer counts it;
# - otherwise the wrapper raises `RateLimitExceeded(f"{func.__name__}: more than {calls} calls in
#   {period} s")` (the class is defined in the setup cell, a `RuntimeError`) **without** calling
#   the function; refused calls do not use up the limit;
# - each decorated function has its own window; read the time from `clock()` (tests pass a
#   fake clock); keep the metadata (`functools.wraps`).
#
# ```python
# @rate_limit(2, 10.0, clock=clock)
# def query(): ...
# query(); query()     # at t=0 and t=1: both run
# query()              # at t=5: RateLimitExceeded: query: more than 2 calls in 10.0 s
#                      # at t=10: runs again (the call at t=0 has left the window)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the times of the calls that ran in a `collections.deque`, oldest first, created in
# `decorate` (one per function).

# %% [markdown] course={"kind": "hint"}
# On each call: `now = clock()`; drop times from the left while `recent[0] <= now - period`; if
# `len(recent) >= calls` raise, else append `now` and call the function.

# %% course={"kind": "solution"}
def rate_limit(
    calls: int, period: float, *, clock: Callable[[], float] = time.monotonic
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: allow at most `calls` calls in any `period` seconds."""
    if calls < 1 or period <= 0:
        raise ValueError(f"need calls >= 1 and period > 0, got {calls} and {period}")

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        recent: deque[float] = deque()

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            now = clock()
            while recent and recent[0] <= now - period:
                recent.popleft()
            if len(recent) >= calls:
                raise RateLimitExceeded(f"{func.__name__}: more than {calls} calls in {period} s")
            recent.append(now)
            return func(*args, **kwargs)

        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
ran = []


@rate_limit(2, 10.0, clock=clock)
def query(sql: str) -> str:
    """Run a query."""
    ran.append(sql)
    return sql.lower()


assert query("A") == "a", "the first call runs"
clock.advance(1)
assert query("B") == "b", "the second call in the window runs"
clock.advance(4)
try:
    query("C")
except RateLimitExceeded as err:
    assert str(err) == "query: more than 2 calls in 10.0 s", f"message {err}"
else:
    raise AssertionError("the third call within 10 s must be refused")
assert ran == ["A", "B"], f"a refused call must not run the function: {ran}"
### BEGIN HIDDEN TESTS
assert isinstance(RateLimitExceeded("x"), RuntimeError)
assert query.__name__ == "query" and query.__doc__ == "Run a query." and query.__wrapped__("Z") == "z"
assert str(inspect.signature(query)) == "(sql: str) -> str"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
ran = []


@rate_limit(2, 10.0, clock=clock)
def ping(n: int) -> int:
    ran.append(n)
    return n


ping(1)
clock.advance(1)
ping(2)
clock.advance(8.5)
try:
    ping(3)  # t = 9.5: both earlier calls are still in the window
except RateLimitExceeded:
    pass
else:
    raise AssertionError("at t=9.5 two calls are in the window")
clock.advance(0.5)
assert ping(4) == 4, "at t=10 the call from t=0 has left the window (a window is (t - period, t])"
### BEGIN HIDDEN TESTS
try:
    ping(5)  # t = 10: calls at 1 and 10 are in the window
except RateLimitExceeded:
    pass
else:
    raise AssertionError("at t=10 the calls at 1 and 10 fill the window")
clock.advance(1)
assert ping(6) == 6 and ran == [1, 2, 4, 6], ran
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)


@rate_limit(1, 5.0, clock=clock)
def first() -> str:
    return "first"


@rate_limit(3, 5.0, clock=clock)
def second() -> str:
    return ""


assert first() == "first" and second() == "", "each function has its own limit"
### BEGIN HIDDEN TESTS
for _ in range(20):
    clock.advance(1)
    try:
        first()
    except RateLimitExceeded:
        pass
clock.advance(5)
assert first() == "first", "refused calls do not use up the limit"
assert second() == "" and second() == "" and second() == ""
try:
    second()
except RateLimitExceeded as err:
    assert str(err) == "second: more than 3 calls in 5.0 s", str(err)
else:
    raise AssertionError("the fourth call of second() is refused")
one_a_second = rate_limit(1, 1.0, clock=clock)  # one decorator, two functions: still one window each
tick, tock = one_a_second(lambda: "tick"), one_a_second(lambda: "tock")
assert tick() == "tick" and tock() == "tock", "each decorated function has its own window"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "boundary-still-counts", "fails": ["t2"]}
def rate_limit(calls, period, *, clock=time.monotonic):
    def decorate(func):
        recent = deque()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while recent and recent[0] < now - period:
                recent.popleft()
            if len(recent) >= calls:
                raise RateLimitExceeded(f"{func.__name__}: more than {calls} calls in {period} s")
            recent.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "refused-calls-count"}
def rate_limit(calls, period, *, clock=time.monotonic):
    def decorate(func):
        recent = deque()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while recent and recent[0] <= now - period:
                recent.popleft()
            recent.append(now)
            if len(recent) > calls:
                raise RateLimitExceeded(f"{func.__name__}: more than {calls} calls in {period} s")
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "one-window-for-all"}
_recent = deque()


def rate_limit(calls, period, *, clock=time.monotonic):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while _recent and _recent[0] <= now - period:
                _recent.popleft()
            if len(_recent) >= calls:
                raise RateLimitExceeded(f"{func.__name__}: more than {calls} calls in {period} s")
            _recent.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "window-per-factory-call"}
def rate_limit(calls, period, *, clock=time.monotonic):
    recent = deque()  # made once per rate_limit(...) call: shared by every function it decorates

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            now = clock()
            while recent and recent[0] <= now - period:
                recent.popleft()
            if len(recent) >= calls:
                raise RateLimitExceeded(f"{func.__name__}: more than {calls} calls in {period} s")
            recent.append(now)
            return func(*args, **kwargs)

        return wrapper

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "count-calls"}
# ### A class-based decorator that keeps state and works on methods
#
# Finish the class `CountCalls` (its three methods), a decorator whose instance replaces the function:
#
# - `__init__(self, func)` stores the function, sets `self.calls = 0` and calls
#   `functools.update_wrapper(self, func)`;
# - `__call__` adds one to `self.calls` **before** calling the function (a call that raises is
#   counted too), then returns the function's result;
# - the instance looks like the function: `__name__`, `__doc__`, `__wrapped__` and the signature
#   (that is what `update_wrapper` copies);
# - it works on **methods**: `__get__(self, instance, owner)` returns `self` when looked up on
#   the class (`instance is None`) and otherwise a method bound to the instance,
#   `types.MethodType(self, instance)`, so that `self` of the decorated method arrives. The count
#   is shared by all instances of the class.
#
# ```python
# class Node:
#     @CountCalls
#     def drain(self, pods): return f"drained {pods}"
# Node().drain(3)          # 'drained 3'
# Node.drain.calls         # 1
# ```

# %% [markdown] course={"kind": "hint"}
# `__call__(self, *args, **kwargs)`: `self.calls += 1`, then `return self.func(*args, **kwargs)`.

# %% [markdown] course={"kind": "hint"}
# `MethodType(self, instance)` is a bound method whose call is `self(instance, *args)`, which is
# exactly what a method call needs.

# %% course={"kind": "solution"}
class CountCalls:
    """Count the calls of the decorated function (or method)."""

    def __init__(self, func: Callable[..., Any]) -> None:
        ### BEGIN SOLUTION
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0
        ### END SOLUTION

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        ### BEGIN SOLUTION
        self.calls += 1
        return self.func(*args, **kwargs)
        ### END SOLUTION

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        ### BEGIN SOLUTION
        if instance is None:
            return self
        return types.MethodType(self, instance)
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
@CountCalls
def restart(service: str, *, force: bool = False) -> str:
    """Restart a service."""
    return f"{service}{'!' if force else ''}"


assert restart("api") == "api" and restart("db", force=True) == "db!", "arguments pass through"
assert restart.calls == 2, f"calls = {restart.calls}"
### BEGIN HIDDEN TESTS
assert restart.__name__ == "restart" and restart.__doc__ == "Restart a service." and restart.__wrapped__("x") == "x"
assert inspect.signature(restart) == inspect.signature(restart.__wrapped__) and restart.calls == 2


@CountCalls
def explode() -> None:
    raise OSError("no")


for _ in range(3):
    try:
        explode()
    except OSError:
        pass
assert explode.calls == 3, "calls that raise are counted"


@CountCalls
def nothing() -> int:
    return 0


assert nothing() == 0 and nothing.calls == 1 and restart.calls == 2, "each decorated function counts on its own"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Node:
    def __init__(self, name: str) -> None:
        self.name = name

    @CountCalls
    def drain(self, pods: int) -> str:
        return f"{self.name} drained {pods}"


assert Node("n1").drain(3) == "n1 drained 3", "self must arrive: implement __get__"
### BEGIN HIDDEN TESTS
assert Node("n2").drain(pods=0) == "n2 drained 0"
assert type(Node.__dict__["drain"]) is CountCalls and Node.drain is Node.__dict__["drain"], "on the class: the decorator itself"
assert Node.drain.calls == 2, "the count is shared by all instances"
assert Node.drain(Node("n3"), 1) == "n3 drained 1" and Node.drain.calls == 3
bound = Node("n4").drain
assert isinstance(bound, types.MethodType) and bound.__self__.name == "n4"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-get"}
class CountCalls:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)


# %% course={"kind": "wrong", "id": "count-after-success"}
class CountCalls:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        result = self.func(*args, **kwargs)
        self.calls += 1
        return result

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return types.MethodType(self, instance)


# %% course={"kind": "wrong", "id": "partial-binding"}
class CountCalls:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)

    def __get__(self, instance, owner=None):
        return functools.partial(self, instance)


# %% course={"kind": "wrong", "id": "new-counter-per-lookup"}
class CountCalls:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func = func
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return CountCalls(types.MethodType(self.func, instance))


# %% [markdown] course={"kind": "exercise", "id": "register-class"}
# ### A class decorator: a registry of health checks
#
# A monitoring agent finds its checks by name. Finish `register(registry, name)`, a decorator
# factory for **classes**:
#
# - `@register(checks, "disk")` above `class DiskCheck` stores the class in the dict
#   `checks["disk"]`, sets the class attribute `DiskCheck.check_name = "disk"`, and returns the
#   **same class object** (not a subclass, not a wrapper function), so `isinstance` and the name
#   `DiskCheck` keep working;
# - a name that is empty or has spaces around it raises `ValueError` when decorating;
# - a name already in the registry raises `ValueError(f"check {name!r} is already registered
#   by {old.__name__}")` (`old` is the class registered first), leaving the registry and the
#   refused class unchanged.
#   Names are case-sensitive: `"disk"` and `"Disk"` are different checks.
#
# ```python
# checks = {}
# @register(checks, "disk")
# class DiskCheck: ...
# checks                  # {'disk': <class 'DiskCheck'>}
# DiskCheck.check_name    # 'disk'
# ```

# %% [markdown] course={"kind": "hint"}
# The same three layers as a decorator with arguments, but the middle one receives a class:
# `def decorate(cls: type) -> type:` and ends with `return cls`.

# %% [markdown] course={"kind": "hint"}
# Check the name (`not name or name != name.strip()`) and the duplicate (`name in registry`)
# before you change anything.

# %% course={"kind": "solution"}
def register(registry: dict[str, type], name: str) -> Callable[[type], type]:
    """Class decorator factory: record the class in `registry` under `name`."""
    ### BEGIN SOLUTION
    if not name or name != name.strip():
        raise ValueError(f"a check name must be non-empty without surrounding spaces, got {name!r}")

    def decorate(cls: type) -> type:
        if name in registry:
            raise ValueError(f"check {name!r} is already registered by {registry[name].__name__}")
        registry[name] = cls
        cls.check_name = name  # type: ignore[attr-defined]
        return cls

    return decorate
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
checks: dict[str, type] = {}


@register(checks, "disk")
class DiskCheck:
    """Warn when a disk is nearly full."""

    def run(self) -> str:
        return "ok"


assert checks == {"disk": DiskCheck}, f"registry {checks}"
assert type(DiskCheck) is type and DiskCheck.__name__ == "DiskCheck", "return the class itself"
assert DiskCheck.check_name == "disk" and DiskCheck().run() == "ok", "the class works as before"
### BEGIN HIDDEN TESTS
assert isinstance(DiskCheck(), DiskCheck) and DiskCheck.__doc__ == "Warn when a disk is nearly full."
assert DiskCheck.__bases__ == (object,), "not a subclass"


@register(checks, "Disk")
class UpperDisk:
    pass


@register(checks, "0")
class Zero:
    pass


assert checks == {"disk": DiskCheck, "Disk": UpperDisk, "0": Zero} and Zero.check_name == "0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
checks = {}


@register(checks, "memory")
class MemoryCheck:
    pass


try:

    @register(checks, "memory")
    class OtherMemoryCheck:
        pass

except ValueError as err:
    assert str(err) == "check 'memory' is already registered by MemoryCheck", f"message {err}"
else:
    raise AssertionError("a second class under the same name must be refused")
assert checks == {"memory": MemoryCheck}, f"the registry must be unchanged: {checks}"
### BEGIN HIDDEN TESTS
for bad in ("", " disk", "disk ", "\tload"):

    class Named:
        pass

    try:
        register(checks, bad)(Named)  # at the @ line: refused in the factory or in the decorator
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not a valid name")
    assert not hasattr(Named, "check_name"), "a refused class is not changed"
assert checks == {"memory": MemoryCheck}


class Plain:
    pass


try:
    register(checks, "memory")(Plain)
except ValueError:
    pass
assert not hasattr(Plain, "check_name"), "a refused class is not changed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "forgets-return"}
def register(registry, name):
    if not name or name != name.strip():
        raise ValueError(name)

    def decorate(cls):
        if name in registry:
            raise ValueError(f"check {name!r} is already registered by {registry[name].__name__}")
        registry[name] = cls
        cls.check_name = name

    return decorate


# %% course={"kind": "wrong", "id": "silently-overwrites"}
def register(registry, name):
    if not name or name != name.strip():
        raise ValueError(name)

    def decorate(cls):
        registry[name] = cls
        cls.check_name = name
        return cls

    return decorate


# %% course={"kind": "wrong", "id": "strips-the-name"}
def register(registry, name):
    name = name.strip()
    if not name:
        raise ValueError(name)

    def decorate(cls):
        if name in registry:
            raise ValueError(f"check {name!r} is already registered by {registry[name].__name__}")
        registry[name] = cls
        cls.check_name = name
        return cls

    return decorate


# %% [markdown] course={"kind": "exercise", "id": "to-env"}
# ### `@singledispatch`: one function, one rule per type
#
# A deploy tool writes settings into environment variables, which hold only strings. The cell
# gives the generic function `to_env(value)`, a `functools.singledispatch` function whose base
# case raises `TypeError`. **Register** one implementation per type on it (the tests look at
# `to_env.registry`; no `isinstance` chain):
#
# | type | result |
# |---|---|
# | `str` | the string itself (`""` stays `""`) |
# | `bool` | `"true"` or `"false"` |
# | `int` | its decimal digits: `-3` gives `"-3"` |
# | `float` | `repr(value)`: `0.1` gives `"0.1"` |
# | `list` or `tuple` | each item rendered by `to_env` itself, joined with `","` (empty gives `""`) |
# | `None` | `""` |
#
# Anything else (a `dict`, a `set`, `bytes`) keeps the base case's `TypeError`.
#
# ```python
# to_env(["web", 3, True, 0.5])    # 'web,3,true,0.5'
# ```

# %% [markdown] course={"kind": "hint"}
# `@to_env.register` above `def _(value: str) -> str:` registers by the annotation; a union such
# as `list | tuple` works from Python 3.11, and `@to_env.register(type(None))` takes the type as
# an argument.

# %% [markdown] course={"kind": "hint"}
# `bool` is a subclass of `int`: without its own registration `True` is dispatched to the `int`
# rule and becomes `"1"`. In the list rule call `to_env(item)`, not `str(item)`.

# %% course={"kind": "solution"}
@functools.singledispatch
def to_env(value: object) -> str:
    """Render a Python value as the text of an environment variable."""
    raise TypeError(f"cannot put a {type(value).__name__} in an environment variable")


### BEGIN SOLUTION
@to_env.register
def _(value: str) -> str:
    return value


@to_env.register
def _(value: bool) -> str:
    return "true" if value else "false"


@to_env.register
def _(value: int) -> str:
    return str(value)


@to_env.register
def _(value: float) -> str:
    return repr(value)


@to_env.register
def _(value: list | tuple) -> str:
    return ",".join(to_env(item) for item in value)


@to_env.register(type(None))
def _(value: None) -> str:
    return ""
### END SOLUTION


# %% course={"kind": "test", "points": 2}
assert to_env("eu-west-1") == "eu-west-1" and to_env(8080) == "8080", "strings stay, ints become digits"
assert to_env(True) == "true" and to_env(False) == "false", f"bools: {to_env(True)!r}, {to_env(False)!r}"
### BEGIN HIDDEN TESTS
assert to_env("") == "" and to_env(" ü ") == " ü " and to_env(0) == "0" and to_env(-3) == "-3"
assert type(to_env(7)) is str and to_env(10**20) == "100000000000000000000"
assert to_env(0.1) == "0.1" and to_env(1e-05) == "1e-05" and to_env(2.0) == "2.0" and to_env(-0.0) == "-0.0"
assert to_env(None) == ""
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert to_env(["web", 3, True, 0.5]) == "web,3,true,0.5", f"got {to_env(['web', 3, True, 0.5])!r}"
### BEGIN HIDDEN TESTS
assert to_env(()) == "" and to_env([]) == "" and to_env(("a",)) == "a"
assert to_env([None, "", False, 0]) == ",,false,0"
assert to_env((1, [2, (3, True)])) == "1,2,3,true", "nested lists go through to_env too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ({"a": 1}, {1, 2}, b"raw", [1, {"x"}]):
    try:
        to_env(bad)
    except TypeError:
        pass
    else:
        raise AssertionError(f"{bad!r} has no rule: TypeError expected")
### BEGIN HIDDEN TESTS
registered = set(to_env.registry)
assert {str, bool, int, float, list, tuple, type(None)} <= registered, f"registered types: {registered}"
assert to_env.dispatch(bool) is not to_env.dispatch(int), "bool has a rule of its own"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "bool-falls-to-int"}
@functools.singledispatch
def to_env(value):
    raise TypeError(type(value).__name__)


@to_env.register
def _(value: str):
    return value


@to_env.register
def _(value: int):
    return str(value)


@to_env.register
def _(value: float):
    return repr(value)


@to_env.register
def _(value: list | tuple):
    return ",".join(to_env(item) for item in value)


@to_env.register(type(None))
def _(value):
    return ""


# %% course={"kind": "wrong", "id": "items-through-str"}
@functools.singledispatch
def to_env(value):
    raise TypeError(type(value).__name__)


@to_env.register
def _(value: str):
    return value


@to_env.register
def _(value: bool):
    return "true" if value else "false"


@to_env.register
def _(value: int):
    return str(value)


@to_env.register
def _(value: float):
    return repr(value)


@to_env.register
def _(value: list | tuple):
    return ",".join(str(item) for item in value)


@to_env.register(type(None))
def _(value):
    return ""


# %% course={"kind": "wrong", "id": "isinstance-chain", "fails": ["t3"]}
def to_env(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ",".join(to_env(item) for item in value)
    if value is None:
        return ""
    raise TypeError(type(value).__name__)


# %% [markdown] course={"kind": "exercise", "id": "audited-admin"}
# ### Authentication, and stacking in the right order
#
# The setup cell at the top of the notebook gives you a `User` (a frozen dataclass with `name` and
# a frozenset of `roles`) and an `audit` decorator that appends `"<user> <function>: ok"` or
# `"<user> <function>: <ExceptionType>"` to `AUDIT_LOG` after each call. Write
#
# 1. `requires(role)`, a decorator factory for functions whose first argument is a `User`: when
#    `role` is not among the user's roles (roles are case-sensitive), raise
#    `PermissionError(f"{user.name} lacks role {role!r}")` without calling the function; keep
#    the metadata (`functools.wraps`: `audit` logs the name it sees);
# 2. `audited_admin(func)`, one decorator that applies both `audit` and `requires("admin")` to
#    `func`, in the order that **audits refused calls too**. Stacking `@a` over `@b` means
#    `func = a(b(func))`, so the body is one line.
#
# ```python
# @audited_admin
# def delete_cluster(user, cluster): return f"{cluster} deleted by {user.name}"
#
# delete_cluster(User("ana", frozenset({"admin"})), "prod")   # 'prod deleted by ana'
# delete_cluster(User("bo"), "prod")                          # PermissionError: bo lacks role 'admin'
# AUDIT_LOG    # ['ana delete_cluster: ok', 'bo delete_cluster: PermissionError']
# ```

# %% [markdown] course={"kind": "hint"}
# `requires` has the same three layers as `retry(...)`; its wrapper can take `user` as a named
# first parameter: `def wrapper(user, *args, **kwargs)`.

# %% [markdown] course={"kind": "hint"}
# Decorators apply bottom-up and run top-down. For `audit` to see the `PermissionError`, its
# wrapper must be the outer one: `audit(...)` around `requires("admin")(func)`.

# %% course={"kind": "solution"}
def requires(role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: refuse callers (the first argument, a User) who lack `role`."""
    ### BEGIN SOLUTION
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(user: User, *args: Any, **kwargs: Any) -> Any:
            if role not in user.roles:
                raise PermissionError(f"{user.name} lacks role {role!r}")
            return func(user, *args, **kwargs)

        return wrapper

    return decorate
    ### END SOLUTION


def audited_admin(func: Callable[..., Any]) -> Callable[..., Any]:
    """Admins only, and every call audited, refused ones included."""
    ### BEGIN SOLUTION
    return audit(requires("admin")(func))
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
@audited_admin
def delete_cluster(user: User, cluster: str) -> str:
    """Delete a cluster."""
    return f"{cluster} deleted by {user.name}"


AUDIT_LOG.clear()
ana = User("ana", frozenset({"admin", "dev"}))
assert delete_cluster(ana, "prod") == "prod deleted by ana", "an admin may delete"
assert AUDIT_LOG == ["ana delete_cluster: ok"], f"audit log {AUDIT_LOG} (did requires use functools.wraps?)"
### BEGIN HIDDEN TESTS
assert delete_cluster(user=ana, cluster="ü") == "ü deleted by ana"
assert inspect.unwrap(delete_cluster).__name__ == "delete_cluster" and delete_cluster.__doc__ == "Delete a cluster."
assert delete_cluster.__wrapped__.__name__ == "delete_cluster", "requires' wrapper carries the name too"
assert inspect.signature(delete_cluster) == inspect.signature(inspect.unwrap(delete_cluster))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
@audited_admin
def delete_cluster(user: User, cluster: str) -> str:
    """Delete a cluster."""
    return f"{cluster} deleted by {user.name}"


AUDIT_LOG.clear()
try:
    delete_cluster(User("bo", frozenset({"dev"})), "prod")
except PermissionError as err:
    assert str(err) == "bo lacks role 'admin'", f"message {err}"
else:
    raise AssertionError("a user without the admin role must be refused")
assert AUDIT_LOG == ["bo delete_cluster: PermissionError"], f"refused calls must be audited too: {AUDIT_LOG}"
### BEGIN HIDDEN TESTS
AUDIT_LOG.clear()
for user in (User("cy"), User("di", frozenset({"Admin", "admin "}))):
    try:
        delete_cluster(user, "x")
    except PermissionError:
        pass
    else:
        raise AssertionError(f"{user} is no admin")
assert AUDIT_LOG == ["cy delete_cluster: PermissionError", "di delete_cluster: PermissionError"], AUDIT_LOG
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
seen = []


@requires("deploy")
def rollout(user: User, version: str = "") -> str:
    """Roll out a version."""
    seen.append(version)
    return version


assert rollout(User("eve", frozenset({"deploy"})), "") == "", "requires works on any function"
try:
    rollout(User("fay", frozenset({"admin"})), "v2")
except PermissionError as err:
    assert str(err) == "fay lacks role 'deploy'", str(err)
else:
    raise AssertionError("admin is not deploy")
assert seen == [""], f"a refused call must not run the function: {seen}"
### BEGIN HIDDEN TESTS
assert rollout.__name__ == "rollout" and rollout.__doc__ == "Roll out a version."
assert inspect.unwrap(rollout) is rollout.__wrapped__ and rollout.__wrapped__.__name__ == "rollout"
assert inspect.signature(rollout) == inspect.signature(rollout.__wrapped__)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "audit-inside", "fails": ["t2"]}
def requires(role):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(user, *args, **kwargs):
            if role not in user.roles:
                raise PermissionError(f"{user.name} lacks role {role!r}")
            return func(user, *args, **kwargs)

        return wrapper

    return decorate


def audited_admin(func):
    return requires("admin")(audit(func))


# %% course={"kind": "wrong", "id": "requires-without-wraps"}
def requires(role):
    def decorate(func):
        def wrapper(user, *args, **kwargs):
            if role not in user.roles:
                raise PermissionError(f"{user.name} lacks role {role!r}")
            return func(user, *args, **kwargs)

        return wrapper

    return decorate


def audited_admin(func):
    return audit(requires("admin")(func))


# %% course={"kind": "wrong", "id": "refuse-by-returning-none"}
def requires(role):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(user, *args, **kwargs):
            if role not in user.roles:
                return None
            return func(user, *args, **kwargs)

        return wrapper

    return decorate


def audited_admin(func):
    return audit(requires("admin")(func))


# %% course={"kind": "wrong", "id": "role-as-substring"}
def requires(role):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(user, *args, **kwargs):
            if not any(role in r.lower() for r in user.roles):
                raise PermissionError(f"{user.name} lacks role {role!r}")
            return func(user, *args, **kwargs)

        return wrapper

    return decorate


def audited_admin(func):
    return audit(requires("admin")(func))


# %% [markdown] course={"kind": "exercise", "id": "deprecated", "item": "project-9-2-1"}
# ### Decorator library, part 1: `@deprecated`
#
# The decorator library of project 9.2.1 has `@timed`, `@retry`, `@memoize` (your `@cached`) and
# `@validate` from the exercises above; here is the last one. Finish `deprecated(reason)`:
#
# - every call of the decorated function issues a `DeprecationWarning` whose message is
#   `f"{func.__qualname__} is deprecated: {reason}"`, then runs the function and returns its
#   result;
# - the warning points at the **caller's** line, not at your wrapper (`stacklevel=2`), so the
#   person who sees it knows which call to change;
# - the wrapper keeps the metadata (`functools.wraps`) and carries the message in
#   `wrapper.__deprecated__`, as Python 3.13's own `warnings.deprecated` does.
#
# ```python
# @deprecated("use deploy_v2()")
# def deploy(service): return service
# deploy("api")   # DeprecationWarning: deploy is deprecated: use deploy_v2()   (at this line)
# ```

# %% [markdown] course={"kind": "hint"}
# `warnings.warn(message, DeprecationWarning, stacklevel=2)`: level 1 is the line that calls
# `warn` (inside your wrapper), level 2 is the line that called the wrapper.

# %% [markdown] course={"kind": "hint"}
# Build the message once in `decorate`; warn inside `wrapper` (on each call), not in `decorate`
# (that would warn once, at definition time).

# %% course={"kind": "solution"}
def deprecated(reason: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: warn on each call that the function is deprecated."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        message = f"{func.__qualname__} is deprecated: {reason}"

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return func(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]
        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
@deprecated("use deploy_v2()")
def deploy(service: str, *, wait: bool = True) -> str:
    """Deploy a service."""
    return f"{service}:{wait}"


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    assert deploy("api", wait=False) == "api:False", "the function still runs and returns"
assert len(caught) == 1, f"one warning per call, got {len(caught)}"
assert caught[0].category is DeprecationWarning, f"category {caught[0].category.__name__}"
assert str(caught[0].message) == "deploy is deprecated: use deploy_v2()", f"message {caught[0].message}"
### BEGIN HIDDEN TESTS
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    deploy("a")
    deploy("b")
    deploy("c")
assert [str(w.message) for w in caught] == ["deploy is deprecated: use deploy_v2()"] * 3, "every call warns"
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")

    @deprecated("")
    def quiet() -> int:
        return 0

assert caught == [], "decorating does not warn; calling does"
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        quiet()
    except DeprecationWarning as err:
        assert str(err) == "quiet is deprecated: ", str(err)
    else:
        raise AssertionError("with warnings as errors the call must raise")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
@deprecated("use promote_v2()")
def promote(build: str) -> str:
    return build


def caller() -> str:
    return promote("web")


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    caller()
assert len(caught) == 1, f"one warning per call, got {len(caught)}"
assert caught[0].filename == caller.__code__.co_filename, "the warning must point at the caller's file"
assert caught[0].lineno == caller.__code__.co_firstlineno + 1, "the warning must point at the caller's line: stacklevel=2"
### BEGIN HIDDEN TESTS
class Client:
    @deprecated("use Client.get_v2")
    def get(self, key: str) -> str:
        return key.upper()


def use_client() -> str:
    return Client().get("ü")


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    assert use_client() == "Ü"
assert str(caught[0].message) == "Client.get is deprecated: use Client.get_v2", "the qualified name names the class"
assert caught[0].lineno == use_client.__code__.co_firstlineno + 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
@deprecated("use rollback_v2()")
def rollback(release: str, *, keep: int = 3) -> str:
    """Roll back a release."""
    return release


assert rollback.__name__ == "rollback" and rollback.__doc__ == "Roll back a release.", "use functools.wraps"
assert rollback.__deprecated__ == "rollback is deprecated: use rollback_v2()", "the message is in __deprecated__"
### BEGIN HIDDEN TESTS
assert str(inspect.signature(rollback)) == "(release: str, *, keep: int = 3) -> str"
assert rollback.__wrapped__("r1") == "r1"


class Store:
    @deprecated("gone")
    def put(self) -> None:
        pass


assert Store.put.__deprecated__ == "Store.put is deprecated: gone" and Store.put.__name__ == "put"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "warns-at-the-wrapper", "fails": ["t2"]}
def deprecated(reason):
    def decorate(func):
        message = f"{func.__qualname__} is deprecated: {reason}"

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            warnings.warn(message, DeprecationWarning)
            return func(*args, **kwargs)

        wrapper.__deprecated__ = message
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "warns-once-when-decorating"}
def deprecated(reason):
    def decorate(func):
        message = f"{func.__qualname__} is deprecated: {reason}"
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        func.__deprecated__ = message
        return func

    return decorate


# %% course={"kind": "wrong", "id": "short-name-user-warning"}
def deprecated(reason):
    def decorate(func):
        message = f"{func.__name__} is deprecated: {reason}"

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            warnings.warn(message, UserWarning, stacklevel=2)
            return func(*args, **kwargs)

        wrapper.__deprecated__ = message
        return wrapper

    return decorate


# %% [markdown] course={"kind": "task", "id": "decorator-library", "item": "project-9-2-1", "points": 3}
# ### Project 9.2.1: package the decorator library
#
# Put `timed`, `retry`, `memoize` (as `cached`), `validate` and `deprecated` from this section
# into a small package `decokit/` with one module per decorator, a `decokit/__init__.py` that
# re-exports them, and a pytest file per module that uses fake clocks and sleeps (never real
# waiting). Add a `README.md` that shows each decorator in three lines and says in which order
# to stack `@retry` and `@timed` if you want the time of *all attempts together* (and why).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: five decorators, each keeps `__name__`, `__doc__`, `__wrapped__` and the signature,
#   with a test that checks it.
# - 1 point: the tests inject clocks and sleeps; no test sleeps or asserts a wall-clock time;
#   `pytest -q` is green and fast.
# - 1 point: the README's stacking answer is right: `@timed` above `@retry` times the whole
#   retried call (waits included); below, it records one timing per attempt.


# %% [markdown] course={"kind": "exercise", "id": "token-bucket", "item": "project-9-2-2"}
# ### API rate limiter, part 1: a token bucket
#
# A **token bucket** holds at most `capacity` tokens and gains `refill_per_second` tokens each
# second (continuously, fractions included). A request that finds at least one token takes it and
# is allowed; otherwise it is refused. Unlike the sliding window, it allows short bursts (up to
# `capacity`) while holding the average rate.
#
# Write `TokenBucket.take()`. The bucket starts full at the time of creation. On each `take()`:
# read `self.clock()` once, add `elapsed * refill_per_second` tokens since the last update
# (never more than `capacity`), remember the time, then take one token and return `True` if at
# least one is there, else return `False` (and take nothing).
#
# ```python
# bucket = TokenBucket(capacity=2, refill_per_second=0.5, clock=clock)   # clock at 0
# bucket.take(), bucket.take(), bucket.take()     # (True, True, False)
# clock.advance(2.0); bucket.take()               # True: 2 s x 0.5/s = one new token
# ```

# %% [markdown] course={"kind": "hint"}
# `now = self.clock()`, then
# `self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)`
# and `self.updated = now`.

# %% [markdown] course={"kind": "hint"}
# Allowed when `self.tokens >= 1`: then `self.tokens -= 1` and return `True`.

# %% course={"kind": "solution"}
class TokenBucket:
    """A token bucket: bursts up to `capacity`, `refill_per_second` tokens a second on average."""

    def __init__(self, capacity: int, refill_per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if capacity < 1 or refill_per_second <= 0:
            raise ValueError(f"need capacity >= 1 and refill_per_second > 0, got {capacity}, {refill_per_second}")
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = float(capacity)
        self.updated = clock()

    def take(self) -> bool:
        """Take one token if there is one; say whether the request is allowed."""
        ### BEGIN SOLUTION
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
bucket = TokenBucket(capacity=2, refill_per_second=0.5, clock=clock)
assert [bucket.take(), bucket.take(), bucket.take()] == [True, True, False], "a burst of 2, then refused"
clock.advance(2.0)
assert bucket.take() is True, "after 2 s at 0.5 tokens/s one token is back"
assert bucket.take() is False, "and only one"
### BEGIN HIDDEN TESTS
clock.advance(1.0)
assert bucket.take() is False and bucket.tokens == 0.5, "half a token is not enough"
clock.advance(1.0)
assert bucket.take() is True and bucket.tokens == 0.0, "the halves add up"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(0.0)
bucket = TokenBucket(capacity=3, refill_per_second=1.0, clock=clock)
assert bucket.take() is True
clock.advance(1000.0)
results = [bucket.take() for _ in range(4)]
assert results == [True, True, True, False], f"a long idle time refills only up to capacity: {results}"
### BEGIN HIDDEN TESTS
assert bucket.tokens == 0.0
clock.advance(0.25)
assert bucket.take() is False and bucket.tokens == 0.25
clock.advance(0.5)
assert bucket.take() is False and bucket.tokens == 0.75
clock.advance(0.25)
assert bucket.take() is True and bucket.tokens == 0.0, "exactly one token is enough"
reads = clock.reads
bucket.take()
assert clock.reads == reads + 1, "one clock read per take()"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(10.0)
bucket = TokenBucket(capacity=1, refill_per_second=4.0, clock=clock)
allowed = []
for _ in range(8):
    allowed.append(bucket.take())
    clock.advance(0.125)
assert allowed == [True, False, True, False, True, False, True, False], f"4 per second means one every 0.25 s: {allowed}"
### BEGIN HIDDEN TESTS
clock = FakeClock(0.0)
bucket = TokenBucket(capacity=2, refill_per_second=2.0, clock=clock)
pattern = []
for step in [0.0, 0.0, 0.0, 0.25, 0.25, 0.5, 0.0, 0.0]:
    clock.advance(step)
    pattern.append(bucket.take())
assert pattern == [True, True, False, False, True, True, False, False], pattern
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-cap"}
class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock=time.monotonic):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = float(capacity)
        self.updated = clock()

    def take(self):
        now = self.clock()
        self.tokens = self.tokens + (now - self.updated) * self.refill_per_second
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# %% course={"kind": "wrong", "id": "refill-from-creation"}
class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock=time.monotonic):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = float(capacity)
        self.updated = clock()

    def take(self):
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# %% course={"kind": "wrong", "id": "whole-tokens-only"}
class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock=time.monotonic):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = capacity
        self.updated = clock()

    def take(self):
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + int((now - self.updated) * self.refill_per_second))
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# %% [markdown] course={"kind": "exercise", "id": "limit-per-key", "item": "project-9-2-2"}
# ### API rate limiter, part 2: per-user or global limits, any strategy
#
# Finish `limit_per(key, make_limiter)`, a decorator factory:
#
# - on each call, `key(*args, **kwargs)` (called with the same arguments as the function) says
#   whose limit applies: the user's name for per-user limits, a constant for one global limit;
# - each key gets its own limiter, made by `make_limiter()` on that key's **first** call only
#   (and never for a key that is not used); any object with a `take() -> bool` method works, so
#   a `TokenBucket` or a sliding window is a strategy you pick by passing a different factory;
# - when `take()` returns `False`, raise `RateLimitExceeded(f"{func.__name__}: rate limit for {k!r}")`
#   (`k` is the key) without calling the function; otherwise call it and return its result;
# - `wrapper.limiters` is the dict from key to limiter; metadata is kept (`functools.wraps`).
#
# ```python
# @limit_per(key=lambda user, query: user, make_limiter=lambda: TokenBucket(5, 1.0))
# def search(user, query): ...
# ```
#
# The tests use `Quota(n)` from the setup cell: a limiter that allows its first `n` takes.

# %% [markdown] course={"kind": "hint"}
# `k = key(*args, **kwargs)`; `if k not in limiters: limiters[k] = make_limiter()`.

# %% [markdown] course={"kind": "hint"}
# `limiters.setdefault(k, make_limiter())` looks shorter but builds a new limiter on every call
# (the argument is evaluated first), and `limiters.get(k) or ...` breaks on a falsy limiter.

# %% course={"kind": "solution"}
def limit_per(
    key: Callable[..., Hashable], make_limiter: Callable[[], Any]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator factory: one limiter per key, made on the key's first call."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        ### BEGIN SOLUTION
        limiters: dict[Hashable, Any] = {}

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            k = key(*args, **kwargs)
            if k not in limiters:
                limiters[k] = make_limiter()
            if not limiters[k].take():
                raise RateLimitExceeded(f"{func.__name__}: rate limit for {k!r}")
            return func(*args, **kwargs)

        wrapper.limiters = limiters  # type: ignore[attr-defined]
        return wrapper
        ### END SOLUTION

    return decorate


# %% course={"kind": "test", "points": 2}
ran = []


@limit_per(key=lambda user, query: user, make_limiter=lambda: Quota(2))
def search(user: str, query: str) -> str:
    """Search the catalogue."""
    ran.append((user, query))
    return query.upper()


assert search("ana", "a") == "A" and search("ana", "b") == "B", "two calls are in ana's quota"
try:
    search("ana", "c")
except RateLimitExceeded as err:
    assert str(err) == "search: rate limit for 'ana'", f"message {err}"
else:
    raise AssertionError("ana's third call must be refused")
assert search("bo", "d") == "D", "bo has a quota of his own"
assert ran == [("ana", "a"), ("ana", "b"), ("bo", "d")], f"a refused call must not run: {ran}"
### BEGIN HIDDEN TESTS
assert search.__name__ == "search" and search.__doc__ == "Search the catalogue." and search.__wrapped__("x", "q") == "Q"
assert str(inspect.signature(search)) == "(user: str, query: str) -> str"
assert list(search.limiters) == ["ana", "bo"] and [q.takes for q in search.limiters.values()] == [3, 1]
assert search(query="e", user="bo") == "E", "the key function gets keyword arguments too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
made = []


def counting_factory() -> Quota:
    made.append("new")
    return Quota(1)


@limit_per(key=lambda *args, **kwargs: None, make_limiter=counting_factory)
def export(path: str) -> str:
    return path


assert export("a.csv") == "a.csv", "the first call is in the global quota"
try:
    export("b.csv")
except RateLimitExceeded as err:
    assert str(err) == "export: rate limit for None", str(err)
else:
    raise AssertionError("a global limit of one: the second call is refused")
assert made == ["new"], f"make_limiter runs once per key, on first use: {made}"
### BEGIN HIDDEN TESTS
for _ in range(5):
    try:
        export("c.csv")
    except RateLimitExceeded:
        pass
assert made == ["new"] and list(export.limiters) == [None]
made.clear()


@limit_per(key=lambda n: n % 3, make_limiter=counting_factory)
def job(n: int) -> int:
    return n


assert made == [], "no limiter before the first call"
assert [job(0), job(1), job(2)] == [0, 1, 2] and len(made) == 3
for n in (3, 4, 5):
    try:
        job(n)
    except RateLimitExceeded as err:
        assert str(err) == f"job: rate limit for {n % 3}", str(err)
    else:
        raise AssertionError(n)
assert len(made) == 3 and sorted(job.limiters) == [0, 1, 2]


@limit_per(key=lambda user: user.casefold(), make_limiter=lambda: Quota(1))
def login(user: str) -> str:
    return user


assert login("Straße") == "Straße"
try:
    login("STRASSE")
except RateLimitExceeded as err:
    assert str(err) == "login: rate limit for 'strasse'", str(err)
else:
    raise AssertionError("one key for both spellings: the second call is refused")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "setdefault-makes-new"}
def limit_per(key, make_limiter):
    def decorate(func):
        limiters = {}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            k = key(*args, **kwargs)
            if not limiters.setdefault(k, make_limiter()).take():
                raise RateLimitExceeded(f"{func.__name__}: rate limit for {k!r}")
            return func(*args, **kwargs)

        wrapper.limiters = limiters
        return wrapper

    return decorate


# %% course={"kind": "wrong", "id": "one-limiter-for-all-keys"}
def limit_per(key, make_limiter):
    def decorate(func):
        limiter = make_limiter()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            k = key(*args, **kwargs)
            if not limiter.take():
                raise RateLimitExceeded(f"{func.__name__}: rate limit for {k!r}")
            return func(*args, **kwargs)

        wrapper.limiters = {}
        return wrapper

    return decorate


# %% [markdown] course={"kind": "task", "id": "api-rate-limiter", "item": "project-9-2-2", "points": 3}
# ### Project 9.2.2: an API rate limiter you can configure
#
# Combine the two parts: a module `ratelimit.py` with `TokenBucket`, a `SlidingWindow` limiter
# with the same `take() -> bool` method (adapt the `rate_limit` exercise), and `limit_per`. Add
# a function `limiter_from_config(text)` that reads lines like `search per-user token-bucket 5 1.0`
# or `export global sliding-window 10 60` and returns the right `limit_per(...)` decorator,
# raising `ValueError` that names the line number for a bad line. Test both strategies with a
# fake clock: a burst, the steady rate, the refill or window boundary, two users, a global key.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: both strategies share one `take()` interface and `limit_per` works with either
#   unchanged; the tests show where they differ (a burst after an idle period).
# - 1 point: every test uses an injected clock; boundaries (exactly one token, exactly `period`
#   seconds later) are tested; no sleeping.
# - 1 point: a bad config line gives `ValueError` with its line number and what was expected.


# %% [markdown] course={"kind": "answer", "question": "q-how-do-decorators-work"}
# A decorator is any callable that takes a function (or class) and returns a replacement.
# `@deco` above `def f` is shorthand for `f = deco(f)`, run once when the `def` statement runs,
# usually at import time. The replacement is typically a closure, a `wrapper(*args, **kwargs)`
# that remembers `func` and calls it with extra behaviour before and after. Because functions are
# first-class objects, nothing special happens at call time: callers just call whatever the name
# now points at. With several decorators, the one nearest the `def` is applied first and the top
# one's wrapper runs first.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-functools-wraps-and-why-use-it"}
# `functools.wraps(func)` is a decorator for the wrapper that copies the wrapped function's
# `__module__`, `__name__`, `__qualname__`, `__doc__`, `__annotations__` (and `__type_params__`
# from 3.12), merges its `__dict__`, and sets `__wrapped__ = func`. Without it every decorated
# function is called `wrapper` with no docstring and a `(*args, **kwargs)` signature, which
# breaks logs and metrics keyed by name, `help()`, and tools that read signatures (typer, FastAPI,
# pytest). `inspect.signature` and `inspect.unwrap` follow `__wrapped__`, which also lets tests
# reach the undecorated function.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-a-decorator-with"}
# Add one more layer: a factory that takes the options and returns the real decorator.
# `@retry(attempts=5)` first calls `retry(attempts=5)`, then applies what it returned to the
# function, so the code is `def retry(attempts): def decorate(func): @wraps(func) def wrapper(...)`,
# each layer closing over the one outside. To allow both `@retry` and `@retry(...)`, take the
# function as an optional positional-only first parameter and options as keyword-only ones, and
# return `decorate(func)` when it was given. A class whose `__init__` takes the options and whose
# `__call__` takes the function works as well.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-some-common-use-cases-for"}
# Cross-cutting concerns: behaviour many functions need that is unrelated to what each does.
# Retry with backoff around network calls, timing and metrics, logging and tracing, caching
# (`functools.cache`, `lru_cache`), authentication and authorisation checks in web handlers and
# admin CLIs, rate limiting clients of quota-bound APIs, argument validation, deprecation
# warnings, and registration (Flask's `@app.route`, pytest's `@pytest.fixture`, a plugin
# registry). In the standard library: `@property`, `@classmethod`, `@staticmethod`,
# `@dataclass`, `@contextmanager`, `@singledispatch`.
