# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can say which variable a name refers to anywhere in a
# program (LEGB), change an outer variable with `nonlocal` or `global` when you must, and build
# closures and factories that carry their own state, without falling for late binding.

# %% [markdown] course={"kind": "lesson", "id": "namespaces-legb", "covers": ["c-namespaces-in-python", "c-built-in-namespace", "c-global-namespace-module-level", "c-enclosing-namespace-outer-function", "c-local-namespace-current-function", "c-legb-rule-for-name-resolution"]}
# ### Namespaces and the LEGB rule
#
# A **namespace** is a mapping from names to objects. In CPython the global and built-in ones
# are literally dicts (`globals()`, `vars(builtins)`); a function's locals are kept in a faster
# array, which `locals()` shows as a dict. Four kinds matter when Python looks a name up:
#
# | scope | what lives there | created | lasts |
# |---|---|---|---|
# | **L**ocal | parameters and names assigned inside the running function | each call | until the call returns |
# | **E**nclosing | locals of the functions *around* this one (nested `def`s) | each call of the outer function | as long as something still uses them |
# | **G**lobal | names assigned at the top level of the module | on import | as long as the module |
# | **B**uilt-in | `len`, `print`, `ValueError`, ... (the `builtins` module) | interpreter start | forever |
#
# To resolve a name that is *read*, Python searches **L, then E (innermost outwards), then G,
# then B** and takes the first match; if none matches you get `NameError`. The scope of a name
# is decided when the function is **compiled**, by where the name is assigned, not while it runs.
#
# Where it matters: a retry helper nested in a client factory reads `base_url` from its enclosing
# scope, `MAX_RETRIES` from the module, `len` from the built-ins. The common slip is believing
# that "global" means "visible in the whole program": it means *this module* only.

# %% course={"kind": "demo"}
import builtins

MAX_RETRIES = 3  # global (module level)


def make_client(base_url):  # base_url and timeout: enclosing scope for request()
    timeout = 5

    def request(path):  # path and url: local to request()
        url = base_url + path
        return f"GET {url} timeout={timeout} retries={MAX_RETRIES} length={len(url)}"

    return request


request = make_client("https://api.internal")
print(request("/health"))

code = request.__code__  # what the compiler decided for each name
for name in ["path", "url", "base_url", "timeout", "MAX_RETRIES", "len"]:
    if name in code.co_varnames:
        scope = "L local"
    elif name in code.co_freevars:
        scope = "E enclosing"
    elif name in globals():
        scope = "G global"
    else:
        scope = "B built-in" if hasattr(builtins, name) else "?"
    print(f"{name:12} -> {scope}")

# %% [markdown] course={"kind": "lesson", "id": "global-nonlocal", "covers": ["c-global-keyword", "c-when-to-use-rarely", "c-why-to-avoid", "c-nonlocal-keyword", "c-accessing-enclosing-scope", "c-use-in-closures"]}
# ### `global` and `nonlocal`
#
# **Reading** an outer name needs nothing special. **Assigning** to a name inside a function
# makes it local to that function, for the *whole* body, which is why this fails:
#
# ```python
# count = 0
# def bump():
#     count += 1   # UnboundLocalError: count is local here, and has no value yet
# ```
#
# Two declarations change that:
#
# - `global name`: assignments in this function go to the **module's** variable.
# - `nonlocal name`: assignments go to the variable of the **nearest enclosing function**
#   (never the module). This is how a closure keeps and updates state.
#
# Use `global` rarely: a function that rewrites module variables has hidden inputs and
# outputs, is hard to test (tests leak into each other) and is unsafe with threads. Reasonable
# uses are a module-level cache or a one-time configuration flag in a small script. Prefer
# returning values, passing objects in, or a closure with `nonlocal`.

# %% course={"kind": "demo"}
deploys = 0


def record_deploy_broken():
    deploys += 1  # assignment makes `deploys` local for the whole function


try:
    record_deploy_broken()
except UnboundLocalError as err:
    print("UnboundLocalError:", err)


def record_deploy():
    global deploys  # rebinds the module variable
    deploys += 1


record_deploy()
record_deploy()
print("module variable deploys =", deploys)


def make_tracker():
    failures = 0  # lives in make_tracker's scope

    def failed():
        nonlocal failures  # rebinds the enclosing variable, not a global
        failures += 1
        return failures

    return failed


failed = make_tracker()
print("failures:", failed(), failed(), failed())
print("no global named failures:", "failures" not in globals())

# %% [markdown] course={"kind": "lesson", "id": "closures", "covers": ["c-closures", "c-what-is-a-closure", "c-free-variables", "c-closure-attribute", "c-use-cases-for-closures", "c-closures-vs-classes", "c-factory-functions-using-closures"]}
# ### Closures and factory functions
#
# A **closure** is a function that remembers variables from the scope where it was *defined*,
# even after that scope has finished running. Those remembered names are its **free
# variables**: used in the function, but neither its parameters nor its locals.
#
# Python keeps each free variable in a **cell** object; the function's `__closure__` attribute
# is the tuple of those cells (and `__code__.co_freevars` their names). A cell holds the
# *variable*, not a frozen copy of the value: if the outer scope changes the variable, the
# closure sees the change.
#
# A **factory function** is an outer function whose job is to build and return such inner
# functions, each configured by the factory's arguments: `make_alert(threshold)`,
# `make_retry(times)`, `make_metric(name)`. In DevOps and MLOps code closures give you callbacks
# that carry context (a per-job logger, a metric with its labels), small stateful helpers (a
# counter, a rate limiter) and decorators (section 9).
#
# **Closures vs classes:** both bundle data with behaviour. A closure is lighter when there is
# one operation and a little state; a class is clearer once there are several operations,
# state you want to inspect, or subclassing and `repr`.

# %% course={"kind": "demo"}
def make_threshold_alert(metric, limit):
    def check(value):  # metric and limit are free variables of check
        return f"ALERT {metric}={value} > {limit}" if value > limit else None

    return check


cpu_alert = make_threshold_alert("cpu", 90)
disk_alert = make_threshold_alert("disk", 80)
print(cpu_alert(95), "|", disk_alert(95), "|", cpu_alert(50))
print("free variables:", cpu_alert.__code__.co_freevars)
print("cells:", [cell.cell_contents for cell in cpu_alert.__closure__])


class ThresholdAlert:  # the same thing as a class: more ceremony, but inspectable and extensible
    def __init__(self, metric, limit):
        self.metric, self.limit = metric, limit

    def __call__(self, value):
        return f"ALERT {self.metric}={value} > {self.limit}" if value > self.limit else None


print(ThresholdAlert("cpu", 90)(95))

# %% [markdown] course={"kind": "lesson", "id": "shadowing-binding", "covers": ["c-variable-shadowing", "c-name-binding-and-rebinding", "c-locals-and-globals-functions"]}
# ### Binding, rebinding, shadowing, `locals()` and `globals()`
#
# - **Binding** attaches a name to an object: `=`, `def`, `class`, `import`, `for x in`,
#   `with ... as x`, function parameters. **Rebinding** points the name at another object; the
#   old object is untouched (other names may still use it).
# - **Shadowing**: a name in an inner scope hides the same name further out. A parameter called
#   `id`, `type`, `input` or `list` shadows the built-in for the whole function, so calling
#   `list(...)` there fails.
# - `globals()` returns the module's namespace dict (live: writing to it creates globals).
#   `locals()` inside a function returns a **snapshot** of its local variables; writing to that
#   dict does not change the variables. Both are handy for debugging and templating; code that
#   creates variables through them is hard to read and should use a dict instead.

# %% course={"kind": "demo"}
def summarize(list):  # the parameter shadows the built-in list()
    try:
        return list(range(3))
    except TypeError as err:
        return f"TypeError: {err}"


print(summarize(["web", "db"]))

primary = ["10.0.0.1"]
backup = primary  # two names, one list
primary = primary + ["10.0.0.2"]  # rebinding: primary now names a new list
print("backup still:", backup, "| primary:", primary)


def show_scopes(service):
    replicas = 3
    snapshot = locals()
    snapshot["replicas"] = 99  # changes the snapshot only
    return snapshot, replicas


print(show_scopes("api"))
print("'show_scopes' in globals():", "show_scopes" in globals())

# %% [markdown] course={"kind": "lesson", "id": "late-binding", "covers": ["c-late-binding-in-closures-gotcha"]}
# ### Late binding in closures
#
# A closure looks its free variables up **when it is called**, not when it is created. A
# function created inside a loop therefore sees the loop variable's *final* value, because all
# the functions share the one variable. This bites when building callback tables, CLI command
# registries or one handler per service in a loop.
#
# Three fixes, all of which give each function its own variable:
#
# 1. a **factory**: a helper function whose parameter becomes a fresh variable per call;
# 2. a **default argument** `lambda x, name=name: ...`: defaults are evaluated at definition
#    time (handy, but callers could override it by passing `name=`);
# 3. `functools.partial(handler, name)`, which stores the argument value.

# %% course={"kind": "demo"}
import functools

services = ["api", "worker", "cron"]

broken = [lambda: f"restart {name}" for name in services]
print("late binding:", [f() for f in broken])


def make_restart(name):  # 1. factory: each call has its own `name`
    return lambda: f"restart {name}"


fixed = [make_restart(name) for name in services]
defaults = [lambda name=name: f"restart {name}" for name in services]  # 2. default argument
partials = [functools.partial("restart {}".format, name) for name in services]  # 3. partial
for label, funcs in [("factory", fixed), ("default", defaults), ("partial", partials)]:
    print(f"{label:8}", [f() for f in funcs])

# %% [markdown] course={"kind": "exercise", "id": "legb-lookup", "item": "x-demonstrate-legb-rule-with-nested"}
# ### Resolve a name the way Python does
#
# Write `legb_lookup(name, local, enclosing, global_ns)` that searches for `name` the way
# Python reads a variable and returns a pair `(scope, value)`:
#
# - `local` is a dict, `enclosing` a **list** of dicts ordered **innermost first**, and
#   `global_ns` a dict;
# - the built-in scope is the real `builtins` module;
# - `scope` is one of `"local"`, `"enclosing"`, `"global"`, `"builtin"`;
# - a name found nowhere raises `NameError` with a message containing the name.
#
# A name counts as found when it is **present**, whatever its value (`None` and `0` included).
#
# ```python
# legb_lookup("x", {}, [{"x": 1}, {"x": 2}], {"x": 3})   # ('enclosing', 1)
# legb_lookup("len", {}, [], {})                         # ('builtin', <built-in function len>)
# ```

# %% [markdown] course={"kind": "hint"}
# Check `name in local` first, then loop over `enclosing` in the order given, then `global_ns`,
# then `hasattr(builtins, name)` (after `import builtins`).

# %% [markdown] course={"kind": "hint"}
# Use `in` to test presence. `local.get(name)` returns `None` both for a missing name and for a
# name whose value is `None`.

# %% course={"kind": "solution"}
import builtins


def legb_lookup(name: str, local: dict, enclosing: list[dict], global_ns: dict) -> tuple[str, object]:
    """Find ``name`` in local, enclosing (innermost first), global, then built-in scope."""
    ### BEGIN SOLUTION
    if name in local:
        return "local", local[name]
    for scope in enclosing:
        if name in scope:
            return "enclosing", scope[name]
    if name in global_ns:
        return "global", global_ns[name]
    if hasattr(builtins, name):
        return "builtin", getattr(builtins, name)
    raise NameError(f"name {name!r} is not defined")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert legb_lookup("x", {"x": "L"}, [{"x": "E"}], {"x": "G"}) == ("local", "L"), "local wins over everything"
assert legb_lookup("x", {}, [], {"x": "G"}) == ("global", "G"), "with no local or enclosing x, the global one is found"

# %% course={"kind": "test", "points": 1}
assert legb_lookup("x", {}, [{"x": 1}, {"x": 2}], {"x": 3}) == ("enclosing", 1), "the innermost enclosing scope wins"
assert legb_lookup("y", {}, [{}, {"y": 2}], {"y": 3}) == ("enclosing", 2), "enclosing scopes come before the global one"
### BEGIN HIDDEN TESTS
assert legb_lookup("x", {}, [{"x": None}], {"x": 3}) == ("enclosing", None), "a name bound to None is still found"
assert legb_lookup("x", {"x": 0}, [], {"x": 3}) == ("local", 0), "a name bound to 0 is still found"
assert legb_lookup("x", {"x": ""}, [{"x": 1}], {}) == ("local", ""), "a name bound to '' is still found"
assert legb_lookup("x", {}, [{"x": False}, {"x": 2}], {}) == ("enclosing", False), "a name bound to False is still found"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert legb_lookup("len", {}, [], {}) == ("builtin", len), "len comes from the built-ins"
assert legb_lookup("len", {}, [], {"len": "mine"}) == ("global", "mine"), "a global shadows a built-in"
assert legb_lookup("len", {}, [], {"len": None}) == ("global", None), "a global bound to None is present: it still shadows the built-in"
try:
    legb_lookup("no_such_name", {}, [{}], {})
except NameError as err:
    assert "no_such_name" in str(err), "the NameError message should name the missing variable"
else:
    raise AssertionError("a name found nowhere must raise NameError")

# %% course={"kind": "wrong", "id": "outermost-first", "fails": ["t2"]}
import builtins


def legb_lookup(name, local, enclosing, global_ns):
    if name in local:
        return "local", local[name]
    for scope in reversed(enclosing):
        if name in scope:
            return "enclosing", scope[name]
    if name in global_ns:
        return "global", global_ns[name]
    if hasattr(builtins, name):
        return "builtin", getattr(builtins, name)
    raise NameError(name)

# %% course={"kind": "wrong", "id": "truthy-get", "fails": ["t2", "t3"]}
import builtins


def legb_lookup(name, local, enclosing, global_ns):
    if local.get(name):
        return "local", local[name]
    for scope in enclosing:
        if scope.get(name):
            return "enclosing", scope[name]
    if global_ns.get(name):
        return "global", global_ns[name]
    if hasattr(builtins, name):
        return "builtin", getattr(builtins, name)
    raise NameError(name)

# %% course={"kind": "wrong", "id": "global-not-none", "fails": ["t3"]}
import builtins


def legb_lookup(name, local, enclosing, global_ns):
    if name in local:
        return "local", local[name]
    for scope in enclosing:
        if name in scope:
            return "enclosing", scope[name]
    if global_ns.get(name) is not None:  # a global bound to None is missed
        return "global", global_ns[name]
    if hasattr(builtins, name):
        return "builtin", getattr(builtins, name)
    raise NameError(name)

# %% course={"kind": "wrong", "id": "global-before-enclosing", "fails": ["t2"]}
import builtins


def legb_lookup(name, local, enclosing, global_ns):
    if name in local:
        return "local", local[name]
    if name in global_ns:
        return "global", global_ns[name]
    for scope in enclosing:
        if name in scope:
            return "enclosing", scope[name]
    if hasattr(builtins, name):
        return "builtin", getattr(builtins, name)
    raise NameError(name)

# %% [markdown] course={"kind": "exercise", "id": "id-generator", "item": "x-create-a-closure-that-maintains-state"}
# ### A closure with state: job-id generator
#
# A CI runner names its jobs `build-1`, `build-2`, ... Write `make_id_generator(prefix, start=1)`
# that returns a function taking no arguments; each call returns the next id,
# `f"{prefix}-{number}"`, starting at `start`. Every generator counts on its own. Keep the count
# in the closure: a variable of `make_id_generator` that the inner function updates, not a
# global variable or an attribute. The tests look inside the closure.
#
# ```python
# next_build = make_id_generator("build")
# next_build(), next_build()    # ('build-1', 'build-2')
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a variable in `make_id_generator` and update it from the inner function. Reading it is
# free; assigning to it needs a declaration.

# %% [markdown] course={"kind": "hint"}
# `nonlocal number` in the inner function, then `number += 1`. Decide whether you increment
# before or after building the string so that the first id uses `start`.

# %% course={"kind": "solution"}
from typing import Callable


def make_id_generator(prefix: str, start: int = 1) -> Callable[[], str]:
    """Return a function that gives ``prefix-start``, ``prefix-start+1``, ... on successive calls."""
    ### BEGIN SOLUTION
    number = start - 1

    def next_id() -> str:
        nonlocal number
        number += 1
        return f"{prefix}-{number}"

    return next_id
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
next_build = make_id_generator("build")
assert [next_build() for _ in range(3)] == ["build-1", "build-2", "build-3"], "ids count up from 1"
assert make_id_generator("run", start=10)() == "run-10", "the first id uses start"
### BEGIN HIDDEN TESTS
assert make_id_generator("x", start=0)() == "x-0", "start=0 is a real start, not a missing one"
assert make_id_generator("x", start=-1)() == "x--1", "negative starts count up too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
a = make_id_generator("a")
b = make_id_generator("b")
got = [a(), a(), b(), a(), b()]
assert got == ["a-1", "a-2", "b-1", "a-3", "b-2"], f"each generator must count on its own, got {got}"


# %% course={"kind": "test", "points": 1}
def closure_contents(func):
    """What the function's closure cells hold right now, as text."""
    return [repr(cell.cell_contents) for cell in func.__closure__ or ()]


def module_values():
    """Every module-level name and its value, as text (this cell's own helpers left out)."""
    own = ("cells_before", "values_before", "changed")
    return {name: repr(value) for name, value in list(globals().items()) if name not in own}


next_job = make_id_generator("job")
next_job()
cells_before, values_before = closure_contents(next_job), module_values()
assert next_job() == "job-2", "the second call gives job-2"
changed = sorted(name for name, text in module_values().items() if values_before.get(name) != text)
assert changed == [], f"calling the generator changed the module-level name(s) {changed}: keep the count in the closure"
assert closure_contents(next_job) != cells_before, "the count should live in the closure: its cells did not change between calls"

# %% course={"kind": "wrong", "id": "forgot-nonlocal", "fails": ["t1", "t2", "t3"]}
def make_id_generator(prefix, start=1):
    number = start - 1

    def next_id():
        number += 1
        return f"{prefix}-{number}"

    return next_id

# %% course={"kind": "wrong", "id": "global-count", "fails": ["t2", "t3"]}
_number = 0


def make_id_generator(prefix, start=1):
    global _number
    _number = start - 1

    def next_id():
        global _number
        _number += 1
        return f"{prefix}-{_number}"

    return next_id

# %% course={"kind": "wrong", "id": "module-dict", "fails": ["t3"]}
_counts = {}  # one entry per generator: independent, but the state is a global


def make_id_generator(prefix, start=1):
    key = object()
    _counts[key] = start - 1

    def next_id():
        _counts[key] += 1
        return f"{prefix}-{_counts[key]}"

    return next_id

# %% course={"kind": "wrong", "id": "function-attribute", "fails": ["t3"]}
def make_id_generator(prefix, start=1):
    def next_id():
        next_id.number += 1
        return f"{prefix}-{next_id.number}"

    next_id.number = start - 1
    return next_id

# %% course={"kind": "wrong", "id": "or-default", "fails": ["t1"]}
def make_id_generator(prefix, start=1):
    number = (start or 1) - 1  # start=0 is taken as "not given"

    def next_id():
        nonlocal number
        number += 1
        return f"{prefix}-{number}"

    return next_id

# %% [markdown] course={"kind": "exercise", "id": "scaler-factory", "item": "x-create-a-function-factory-that-generates"}
# ### A function factory: feature scalers
#
# An ML preprocessing step rescales each feature to the range 0..1 using bounds learnt from
# training data. Write `make_scaler(low, high)` that returns a function `scale(x)` computing
# `(x - low) / (high - low)`; values outside the bounds are not clipped (they give results below
# 0 or above 1). Each scaler keeps its own bounds. Bad bounds (`high <= low`) are
# a configuration mistake, so `make_scaler` itself raises `ValueError` at once, before any
# scaler is returned.
#
# ```python
# scale_cpu = make_scaler(0, 200)
# scale_cpu(50)        # 0.25
# make_scaler(5, 5)    # ValueError
# ```

# %% [markdown] course={"kind": "hint"}
# Validate `low` and `high` in the outer function, then define and return the inner one.

# %% [markdown] course={"kind": "hint"}
# The inner function only reads `low` and `high`, so it needs no `nonlocal`.

# %% course={"kind": "solution"}
from typing import Callable


def make_scaler(low: float, high: float) -> Callable[[float], float]:
    """Return ``scale(x) = (x - low) / (high - low)``; raise ValueError unless low < high."""
    ### BEGIN SOLUTION
    if high <= low:
        raise ValueError(f"high ({high}) must be greater than low ({low})")
    span = high - low

    def scale(x: float) -> float:
        return (x - low) / span

    return scale
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
scale_cpu = make_scaler(0, 200)
assert scale_cpu(50) == 0.25, f"scale_cpu(50) gave {scale_cpu(50)}"
assert scale_cpu(0) == 0 and scale_cpu(200) == 1, "the bounds map to 0 and 1"

# %% course={"kind": "test", "points": 1}
temperature = make_scaler(-20, 40)
memory = make_scaler(0, 1024)
assert temperature(10) == 0.5, "each scaler keeps its own bounds"
assert memory(256) == 0.25, "creating a second scaler must not change the first"
assert temperature(-20) == 0.0, "the low bound maps to 0"
### BEGIN HIDDEN TESTS
assert make_scaler(10, 20)(25) == 1.5, "values outside the bounds are not clipped"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [(5, 5), (10, 1)]:
    try:
        make_scaler(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"make_scaler{bad} must raise ValueError immediately, not later when scaling")
assert make_scaler(1, 3)(2) == 0.5, "good bounds still work"

# %% course={"kind": "wrong", "id": "validates-late", "fails": ["t3"]}
def make_scaler(low, high):
    def scale(x):
        if high <= low:
            raise ValueError("bad bounds")
        return (x - low) / (high - low)

    return scale

# %% course={"kind": "wrong", "id": "clips", "fails": ["t2"]}
def make_scaler(low, high):
    if high <= low:
        raise ValueError("bad bounds")

    def scale(x):
        return min(1.0, max(0.0, (x - low) / (high - low)))  # the formula does not clip

    return scale

# %% course={"kind": "wrong", "id": "shared-bounds", "fails": ["t2"]}
BOUNDS = {}


def make_scaler(low, high):
    if high <= low:
        raise ValueError("bad bounds")
    BOUNDS["low"], BOUNDS["high"] = low, high

    def scale(x):
        return (x - BOUNDS["low"]) / (BOUNDS["high"] - BOUNDS["low"])

    return scale

# %% [markdown] course={"kind": "exercise", "id": "late-binding-hooks", "item": "x-debug-a-late-binding-closure-issue-and"}
# ### Debug a late-binding bug
#
# This hook registry is meant to give every event its own handler, yet every handler reports
# the last event:
#
# ```python
# def make_hooks(events):
#     hooks = {}
#     for event in events:
#         hooks[event] = lambda payload: f"[{event}] {payload}"
#     return hooks
#
# make_hooks(["deploy", "rollback"])["deploy"]("v1.2")   # '[rollback] v1.2'  <- bug
# ```
#
# Write a fixed `make_hooks(events)` whose handlers each take exactly one parameter, `payload`
# (so no caller can pass a different event by accident), and report their own event.
#
# ```python
# make_hooks(["deploy", "rollback"])["deploy"]("v1.2")   # '[deploy] v1.2'
# ```

# %% [markdown] course={"kind": "hint"}
# All the lambdas share one variable `event`, and read it when they are *called*, after the loop
# has finished.

# %% [markdown] course={"kind": "hint"}
# Give each handler its own variable: build it in a small factory function `make_handler(event)`
# that returns the lambda, and call that factory inside the loop.

# %% course={"kind": "solution"}
from typing import Callable


def make_hooks(events: list[str]) -> dict[str, Callable[[str], str]]:
    """One handler per event; each formats a payload as ``[event] payload``."""
    ### BEGIN SOLUTION
    def make_handler(event: str) -> Callable[[str], str]:
        return lambda payload: f"[{event}] {payload}"

    return {event: make_handler(event) for event in events}
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
hooks = make_hooks(["deploy", "rollback"])
assert hooks["deploy"]("v1.2") == "[deploy] v1.2", f"got {hooks['deploy']('v1.2')!r}: late binding?"
assert hooks["rollback"]("v1.1") == "[rollback] v1.1", "each handler reports its own event"
### BEGIN HIDDEN TESTS
many = make_hooks([f"e{i}" for i in range(20)])
assert [many[f"e{i}"]("x") for i in range(20)] == [f"[e{i}] x" for i in range(20)]
assert make_hooks([]) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import inspect

hooks = make_hooks(["start"])
params = list(inspect.signature(hooks["start"]).parameters)
assert params == ["payload"], f"a handler takes exactly one parameter, payload; it has {params}"
assert hooks["start"]("ok") == "[start] ok", f"got {hooks['start']('ok')!r}"

# %% course={"kind": "wrong", "id": "the-bug", "fails": ["t1"]}
def make_hooks(events):
    hooks = {}
    for event in events:
        hooks[event] = lambda payload: f"[{event}] {payload}"
    return hooks

# %% course={"kind": "wrong", "id": "factory-without-parameter", "fails": ["t1"]}
def make_hooks(events):
    hooks = {}
    for event in events:
        def make_handler():
            return lambda payload: f"[{event}] {payload}"

        hooks[event] = make_handler()
    return hooks

# %% course={"kind": "wrong", "id": "default-argument", "fails": ["t2"]}
def make_hooks(events):
    return {event: (lambda payload, event=event: f"[{event}] {payload}") for event in events}

# %% [markdown] course={"kind": "exercise", "id": "running-average", "item": "x-use-nonlocal-to-modify-enclosing-scope"}
# ### `nonlocal`: a running average
#
# A monitoring agent reports the mean response time so far after every new sample, without
# storing all the samples. Write `make_averager()` that returns a function `add(value)`; each
# call records one value and returns the mean of all values added to *that* averager so far, as
# a `float`. Keep only a running total and a count in the closure, updated with `nonlocal`: the
# memory used must not grow with the number of samples (the tests look inside the closure).
#
# ```python
# add = make_averager()
# add(10), add(20), add(60)    # (10.0, 15.0, 30.0)
# ```

# %% [markdown] course={"kind": "hint"}
# Two variables in `make_averager`: `total = 0` and `count = 0`.

# %% [markdown] course={"kind": "hint"}
# Without `nonlocal total, count`, the line `total += value` makes `total` a local variable of
# `add`, and Python raises `UnboundLocalError`.

# %% course={"kind": "solution"}
from typing import Callable


def make_averager() -> Callable[[float], float]:
    """Return ``add(value)``, which records a value and returns the mean so far."""
    ### BEGIN SOLUTION
    total = 0.0
    count = 0

    def add(value: float) -> float:
        nonlocal total, count
        total += value
        count += 1
        return total / count

    return add
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
add = make_averager()
got = [add(10), add(20), add(60), add(1)]
assert got == [10.0, 15.0, 30.0, 22.75], f"running means should be [10.0, 15.0, 30.0, 22.75], got {got}"
assert all(type(mean) is float for mean in got), f"return the mean as a float, got {[type(m).__name__ for m in got]}"

# %% course={"kind": "test", "points": 1}
first, second = make_averager(), make_averager()
first(100)
assert second(2) == 2.0, "a new averager starts from scratch"
assert first(0) == 50.0, "each averager keeps its own total and count"
### BEGIN HIDDEN TESTS
third = make_averager()
for v in range(1, 101):
    mean = third(v)
assert mean == 50.5, f"the mean of 1..100 is 50.5, got {mean}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def module_values():
    """Every module-level name and its value, as text (this cell's own names left out)."""
    own = ("values_before", "means", "changed", "held", "sizes")
    return {name: repr(value) for name, value in list(globals().items()) if name not in own}


add = make_averager()
add(3)
names = add.__code__.co_freevars
assert len(names) >= 1, "the state should live in the enclosing function (free variables of add)"
assert add(5) == 4.0, "the mean of 3 and 5 is 4.0"
values_before = module_values()
means = [add(v) for v in range(500)]
changed = sorted(name for name, text in module_values().items() if values_before.get(name) != text)
assert changed == [], f"adding values changed the module-level name(s) {changed}: keep the state in the closure"
held = {name: cell.cell_contents for name, cell in zip(names, add.__closure__)}
sizes = {name: len(value) for name, value in held.items() if hasattr(value, "__len__")}
assert all(size < 10 for size in sizes.values()), f"the closure keeps every sample ({sizes}): keep only a total and a count"
assert vars(add) == {}, f"keep the state in the closure, not in attributes of the function: {sorted(vars(add))}"

# %% course={"kind": "wrong", "id": "forgot-nonlocal", "fails": ["t1", "t2", "t3"]}
def make_averager():
    total = 0.0
    count = 0

    def add(value):
        total += value
        count += 1
        return total / count

    return add

# %% course={"kind": "wrong", "id": "keeps-samples", "fails": ["t3"]}
def make_averager():
    samples = []

    def add(value):
        samples.append(value)  # memory grows with every sample
        return sum(samples) / len(samples)

    return add

# %% course={"kind": "wrong", "id": "samples-in-module-dict", "fails": ["t3"]}
_samples = {}  # one list per averager, kept at module level


def make_averager():
    key = object()
    _samples[key] = []

    def add(value):
        _samples[key].append(value)
        return sum(_samples[key]) / len(_samples[key])

    return add

# %% course={"kind": "wrong", "id": "floor-division", "fails": ["t1", "t2"]}
def make_averager():
    total = 0
    count = 0

    def add(value):
        nonlocal total, count
        total += value
        count += 1
        return total // count

    return add

# %% course={"kind": "wrong", "id": "module-state", "fails": ["t2", "t3"]}
total = 0.0
count = 0


def make_averager():
    def add(value):
        global total, count
        total += value
        count += 1
        return total / count

    return add

# %% [markdown] course={"kind": "exercise", "id": "counter-factory", "item": "project-3-2-1"}
# ### Mini-project: Counter factory
#
# Write `make_counter(start=0, step=1)` that returns **four** functions sharing one count:
# `increment()`, `decrement()`, `reset()` and `value()`. The first three change the count (by
# `+step`, by `-step`, back to `start`) and return the new count; `value()` returns it unchanged.
# There is no lower limit: counting down past zero gives negative counts. Counters made by
# separate calls are independent, and each keeps its count in the closure (no global variable).
#
# ```python
# inc, dec, reset, value = make_counter(10, step=5)
# inc(), inc(), dec()    # (15, 20, 15)
# reset(), value()       # (10, 10)
# ```

# %% [markdown] course={"kind": "hint"}
# One variable `count` in `make_counter`; four inner functions; `return increment, decrement,
# reset, value`.

# %% [markdown] course={"kind": "hint"}
# Every inner function that *assigns* to `count` needs `nonlocal count`, including `reset`.

# %% course={"kind": "solution"}
from typing import Callable


def make_counter(start: int = 0, step: int = 1) -> tuple[Callable[[], int], ...]:
    """Return ``(increment, decrement, reset, value)`` functions sharing one count."""
    ### BEGIN SOLUTION
    count = start

    def increment() -> int:
        nonlocal count
        count += step
        return count

    def decrement() -> int:
        nonlocal count
        count -= step
        return count

    def reset() -> int:
        nonlocal count
        count = start
        return count

    def value() -> int:
        return count

    return increment, decrement, reset, value
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
inc, dec, reset, value = make_counter()
assert (inc(), inc(), dec()) == (1, 2, 1), "step 1 from 0"
assert value() == 1 and value() == 1, "value() returns the current count and does not change it"
assert (dec(), dec()) == (0, -1), "counting down goes below zero"

# %% course={"kind": "test", "points": 1}
inc, dec, reset, value = make_counter(10, step=5)
inc(), inc()
assert reset() == 10, "reset goes back to start, not to 0"
assert value() == 10, "after reset the count is start"
assert inc() == 15, "counting continues from start after a reset"

# %% course={"kind": "test", "points": 1}
one = make_counter()
two = make_counter(100)
one[0]()
one[0]()
two[1]()
assert one[3]() == 2 and two[3]() == 99, "two counters must not share their count"
### BEGIN HIDDEN TESTS
down = make_counter(0, step=-2)
assert down[0]() == -2 and down[1]() == 0
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
def module_values():
    """Every module-level name and its value, as text (this cell's own names left out)."""
    own = ("values_before", "cells_before", "changed")
    return {name: repr(value) for name, value in list(globals().items()) if name not in own}


inc, dec, reset, value = make_counter(5)
values_before = module_values()
cells_before = [repr(cell.cell_contents) for cell in inc.__closure__ or ()]
assert (inc(), inc()) == (6, 7), "counting from 5"
changed = sorted(name for name, text in module_values().items() if values_before.get(name) != text)
assert changed == [], f"counting changed the module-level name(s) {changed}: keep the count in the closure"
assert [repr(cell.cell_contents) for cell in inc.__closure__ or ()] != cells_before, "the count should live in the closure of the four functions"

# %% course={"kind": "wrong", "id": "reset-to-zero", "fails": ["t2"]}
def make_counter(start=0, step=1):
    count = start

    def increment():
        nonlocal count
        count += step
        return count

    def decrement():
        nonlocal count
        count -= step
        return count

    def reset():
        nonlocal count
        count = 0
        return count

    def value():
        return count

    return increment, decrement, reset, value

# %% course={"kind": "wrong", "id": "reset-without-nonlocal", "fails": ["t2"]}
def make_counter(start=0, step=1):
    count = start

    def increment():
        nonlocal count
        count += step
        return count

    def decrement():
        nonlocal count
        count -= step
        return count

    def reset():
        count = start  # a new local variable; the shared count is untouched
        return count

    def value():
        return count

    return increment, decrement, reset, value

# %% course={"kind": "wrong", "id": "class-attribute-state", "fails": ["t3", "t4"]}
class _State:
    count = 0


def make_counter(start=0, step=1):
    _State.count = start

    def increment():
        _State.count += step
        return _State.count

    def decrement():
        _State.count -= step
        return _State.count

    def reset():
        _State.count = start
        return _State.count

    def value():
        return _State.count

    return increment, decrement, reset, value

# %% course={"kind": "wrong", "id": "module-dict-state", "fails": ["t4"]}
_counts = {}  # one count per counter: independent, but kept at module level


def make_counter(start=0, step=1):
    key = object()
    _counts[key] = start

    def increment():
        _counts[key] += step
        return _counts[key]

    def decrement():
        _counts[key] -= step
        return _counts[key]

    def reset():
        _counts[key] = start
        return _counts[key]

    def value():
        return _counts[key]

    return increment, decrement, reset, value

# %% course={"kind": "wrong", "id": "never-negative", "fails": ["t1"]}
def make_counter(start=0, step=1):
    count = start

    def increment():
        nonlocal count
        count += step
        return count

    def decrement():
        nonlocal count
        count = max(0, count - step)
        return count

    def reset():
        nonlocal count
        count = start
        return count

    def value():
        return count

    return increment, decrement, reset, value

# %% [markdown] course={"kind": "task", "id": "counter-closure-vs-class", "item": "project-3-2-1", "points": 2}
# ### Closures vs a class
#
# Rewrite the counter as a class `Counter(start=0, step=1)` with the same four operations as
# methods. Then, in a few sentences, compare the two versions: where does the state live in
# each (show `inc.__closure__` and `vars(counter)`), which one is easier to inspect while
# debugging, and which you would choose if a fifth operation and a `repr` were needed.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a working class with the same behaviour (including reset to `start`), and the
#   printed `__closure__` cells next to the instance's `vars()`.
# - 1 point: the comparison names a real trade-off: closures are compact and hide state; the
#   class exposes state, gets a `repr`, and grows more gracefully as operations are added.

# %% [markdown] course={"kind": "exercise", "id": "config-validators", "item": "project-3-2-2"}
# ### Mini-project: Configuration validators
#
# Build validators for deployment configs (dicts) out of small factories. Each factory returns
# a validator: a function `check(config)` that returns an error message (a `str`) or `None`.
#
# - `required(key)`: error `"<key>: required"` when the key is missing.
# - `in_range(key, low, high)`: error `"<key>: <value> not in <low>..<high>"` when the value is
#   outside `low`..`high` (both inclusive). A missing key is **not** its business: `None`.
# - `one_of(key, choices)`: error `"<key>: <value> not allowed"` when the value is not one of
#   `choices`. Missing key: `None`. The allowed choices are fixed when the validator is made:
#   changing the caller's list afterwards must not change the validator.
# - `combine(*validators)`: a function `config -> list[str]` with every error, in the order of
#   the validators.
#
# ```python
# check = combine(required("image"), in_range("replicas", 1, 10), one_of("env", ["dev", "prod"]))
# check({"replicas": 0, "env": "qa"})
# # ['image: required', 'replicas: 0 not in 1..10', 'env: qa not allowed']
# ```

# %% [markdown] course={"kind": "hint"}
# Each factory is three lines: define `check(config)`, return it. `combine` keeps the tuple of
# validators and loops over it inside its own inner function.

# %% [markdown] course={"kind": "hint"}
# A closure captures the *variable* `choices`, which still names the caller's list. Make a copy
# (`frozenset(choices)` or `tuple(choices)`) in the factory and close over the copy.

# %% course={"kind": "solution"}
from typing import Callable, Iterable, Optional

Check = Callable[[dict], Optional[str]]


def required(key: str) -> Check:
    ### BEGIN SOLUTION
    def check(config: dict) -> Optional[str]:
        return None if key in config else f"{key}: required"

    return check
    ### END SOLUTION


def in_range(key: str, low: float, high: float) -> Check:
    ### BEGIN SOLUTION
    def check(config: dict) -> Optional[str]:
        if key not in config or low <= config[key] <= high:
            return None
        return f"{key}: {config[key]} not in {low}..{high}"

    return check
    ### END SOLUTION


def one_of(key: str, choices: Iterable) -> Check:
    ### BEGIN SOLUTION
    allowed = frozenset(choices)

    def check(config: dict) -> Optional[str]:
        if key not in config or config[key] in allowed:
            return None
        return f"{key}: {config[key]} not allowed"

    return check
    ### END SOLUTION


def combine(*validators: Check) -> Callable[[dict], list[str]]:
    ### BEGIN SOLUTION
    def check_all(config: dict) -> list[str]:
        errors = []
        for validator in validators:
            error = validator(config)
            if error is not None:
                errors.append(error)
        return errors

    return check_all
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert required("image")({}) == "image: required", "a missing key gives '<key>: required'"
assert required("image")({"image": "nginx"}) is None, "a present key is fine: None"
assert in_range("replicas", 1, 10)({"replicas": 0}) == "replicas: 0 not in 1..10", "0 is below the range"
assert in_range("replicas", 1, 10)({"replicas": 10}) is None, "the upper bound is inclusive"
assert in_range("replicas", 1, 10)({"replicas": 1}) is None, "the lower bound is inclusive"
assert in_range("replicas", 1, 10)({"replicas": 11}) == "replicas: 11 not in 1..10", "11 is above the range"
assert one_of("env", ["dev", "prod"])({"env": "qa"}) == "env: qa not allowed", "qa is not a choice"
assert one_of("env", ["dev", "prod"])({"env": "prod"}) is None, "prod is a choice: None"
assert required("image")({"image": ""}) is None and required("image")({"image": None}) is None, "a key that is present is fine, whatever its value"
assert one_of("env", ["dev"])({"env": None}) == "env: None not allowed", "a present None is checked like any other value"
assert one_of("env", ["dev", "prod"])({"env": "Prod"}) == "env: Prod not allowed", "choices are case-sensitive"

# %% course={"kind": "test", "points": 1}
check = combine(required("image"), in_range("replicas", 1, 10), one_of("env", ["dev", "prod"]))
got = check({"replicas": 0, "env": "qa"})
assert got == ["image: required", "replicas: 0 not in 1..10", "env: qa not allowed"], f"got {got}"
assert check({"image": "api:1.0"}) == [], "missing optional keys are not errors for in_range/one_of"
### BEGIN HIDDEN TESTS
assert combine()({"anything": 1}) == [], "no validators, no errors"
assert in_range("cpu", 0.5, 4)({"cpu": 0.5}) is None and in_range("cpu", 0.5, 4)({"cpu": 4.5}) == "cpu: 4.5 not in 0.5..4", "float bounds, both inclusive"
assert in_range("offset", -5, 5)({"offset": -6}) == "offset: -6 not in -5..5" and in_range("offset", -5, 5)({"offset": -5}) is None, "negative bounds"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
regions = ["eu-west-1", "us-east-1"]
region_check = one_of("region", regions)
regions.append("ap-south-1")  # the caller changes its list later
assert region_check({"region": "ap-south-1"}) == "region: ap-south-1 not allowed", "choices are fixed when the validator is made"
regions.clear()
assert region_check({"region": "eu-west-1"}) is None, "emptying the caller's list must not break the validator"
### BEGIN HIDDEN TESTS
from_generator = one_of("tier", (t for t in ["gold", "silver"]))
assert [from_generator({"tier": "silver"}), from_generator({"tier": "silver"})] == [None, None], "choices given as a generator are kept for every check"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-copy", "fails": ["t3"]}
def required(key):
    return lambda config: None if key in config else f"{key}: required"


def in_range(key, low, high):
    def check(config):
        if key not in config or low <= config[key] <= high:
            return None
        return f"{key}: {config[key]} not in {low}..{high}"

    return check


def one_of(key, choices):
    def check(config):
        if key not in config or config[key] in choices:
            return None
        return f"{key}: {config[key]} not allowed"

    return check


def combine(*validators):
    return lambda config: [e for e in (v(config) for v in validators) if e is not None]

# %% course={"kind": "wrong", "id": "get-is-none", "fails": ["t1"]}
def required(key):
    return lambda config: None if config.get(key) is not None else f"{key}: required"


def in_range(key, low, high):
    def check(config):
        value = config.get(key)
        if value is None or low <= value <= high:
            return None
        return f"{key}: {value} not in {low}..{high}"

    return check


def one_of(key, choices):
    allowed = tuple(choices)

    def check(config):
        value = config.get(key)
        if value is None or value in allowed:  # a present None is taken for a missing key
            return None
        return f"{key}: {value} not allowed"

    return check


def combine(*validators):
    return lambda config: [e for e in (v(config) for v in validators) if e is not None]

# %% course={"kind": "wrong", "id": "exclusive-low", "fails": ["t1", "t2"]}
def required(key):
    return lambda config: None if key in config else f"{key}: required"


def in_range(key, low, high):
    def check(config):
        if key not in config or low < config[key] <= high:
            return None
        return f"{key}: {config[key]} not in {low}..{high}"

    return check


def one_of(key, choices):
    allowed = tuple(choices)

    def check(config):
        if key not in config or config[key] in allowed:
            return None
        return f"{key}: {config[key]} not allowed"

    return check


def combine(*validators):
    return lambda config: [e for e in (v(config) for v in validators) if e is not None]

# %% course={"kind": "wrong", "id": "missing-key-crash", "fails": ["t2"]}
def required(key):
    return lambda config: None if key in config else f"{key}: required"


def in_range(key, low, high):
    def check(config):
        if low <= config[key] <= high:
            return None
        return f"{key}: {config[key]} not in {low}..{high}"

    return check


def one_of(key, choices):
    allowed = frozenset(choices)

    def check(config):
        if config.get(key) in allowed or key not in config:
            return None
        return f"{key}: {config[key]} not allowed"

    return check


def combine(*validators):
    return lambda config: [e for e in (v(config) for v in validators) if e is not None]

# %% [markdown] course={"kind": "exercise", "id": "memo-fib", "item": "dsa-fibonacci-number"}
# ### Problem: Fibonacci with a private memo (after LeetCode's *Fibonacci Number*)
#
# In the Fibonacci sequence `F(0) = 0`, `F(1) = 1`, and every later number is the sum of the
# two before it: 0, 1, 1, 2, 3, 5, 8, ...
#
# Write `make_fib(on_call=None)` that returns a **recursive** function `fib(n)` with its own
# memo (a dict kept in the closure), so each value is computed once. For testing, `fib` must
# call `on_call(n)` at the start of **every** call, including its own recursive calls, when
# `on_call` is given. Negative `n` raises `ValueError`.
#
# ```python
# fib = make_fib()
# fib(10)    # 55
# fib(90)    # 2880067194370816120   (instantly, thanks to the memo)
# ```
#
# The tests count the calls: with a memo, `fib(n)` makes about `2n` calls; without one, the
# count grows exponentially.

# %% [markdown] course={"kind": "hint"}
# Create `memo = {0: 0, 1: 1}` in `make_fib`, before defining `fib`. The memo must outlive a
# single call of `fib`, so it cannot be created inside `fib`.

# %% [markdown] course={"kind": "hint"}
# In `fib(n)`: call `on_call(n)` if it is not `None`; then, if `n` is not in the memo, store
# `fib(n - 1) + fib(n - 2)` in it; return `memo[n]`. Reading and changing the dict needs no
# `nonlocal`.

# %% course={"kind": "solution"}
from typing import Callable, Optional


def make_fib(on_call: Optional[Callable[[int], None]] = None) -> Callable[[int], int]:
    """Return a memoised recursive Fibonacci function with its own cache."""
    ### BEGIN SOLUTION
    memo = {0: 0, 1: 1}

    def fib(n: int) -> int:
        if on_call is not None:
            on_call(n)
        if n < 0:
            raise ValueError("n must not be negative")
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]

    return fib
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
fib = make_fib()
assert [fib(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34], "the first ten Fibonacci numbers"
assert fib(20) == 6765, "F(20) is 6765"

# %% course={"kind": "test", "points": 2}
calls = []


def count_call(n, budget=500):
    calls.append(n)
    if len(calls) > budget:
        raise RuntimeError(f"more than {budget} calls: is the memo being used?")


fib = make_fib(on_call=count_call)
assert fib(60) == 1548008755920, "fib(60) is 1548008755920"
assert len(calls) <= 2 * 60 + 1, f"fib(60) made {len(calls)} calls; a memoised version needs about 120"
calls.clear()
fib(60)
assert len(calls) <= 1, f"a second fib(60) should be answered from the memo, it made {len(calls)} calls"
### BEGIN HIDDEN TESTS
calls.clear()
fib(61)
assert len(calls) <= 3, "fib(61) after fib(60) needs only a couple of calls"
assert make_fib()(300) == 222232244629420445529739893461909967206666939096499764990979600
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    make_fib()(-1)
except ValueError:
    pass
else:
    raise AssertionError("fib(-1) must raise ValueError")
seen = []
make_fib(seen.append)(5)
assert seen and seen[0] == 5, "on_call(n) is called at the start of each call, first with the n you asked for"
assert {2, 3, 4} <= set(seen), f"on_call must run in the recursive calls too, it saw only {seen}"

# %% course={"kind": "test", "points": 1}
first_calls, second_calls = [], []
first, second = make_fib(first_calls.append), make_fib(second_calls.append)
assert first(20) == 6765, "F(20) is 6765"
assert second(20) == 6765 and len(second_calls) >= 15, (
    f"a second fib made by make_fib computed F(20) in {len(second_calls)} call(s): each fib needs its own memo, "
    "created in make_fib"
)

# %% course={"kind": "wrong", "id": "naive", "fails": ["t2"]}
def make_fib(on_call=None):
    def fib(n):
        if on_call is not None:
            on_call(n)
        if n < 0:
            raise ValueError("negative")
        if n < 2:
            return n
        return fib(n - 1) + fib(n - 2)

    return fib

# %% course={"kind": "wrong", "id": "memo-inside-fib", "fails": ["t2"]}
def make_fib(on_call=None):
    def fib(n):
        memo = {0: 0, 1: 1}  # a fresh memo on every call remembers nothing
        if on_call is not None:
            on_call(n)
        if n < 0:
            raise ValueError("negative")
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]

    return fib

# %% course={"kind": "wrong", "id": "module-memo", "fails": ["t3", "t4"]}
_memo = {0: 0, 1: 1}  # one memo shared by every fib


def make_fib(on_call=None):
    def fib(n):
        if on_call is not None:
            on_call(n)
        if n < 0:
            raise ValueError("negative")
        if n not in _memo:
            _memo[n] = fib(n - 1) + fib(n - 2)
        return _memo[n]

    return fib

# %% course={"kind": "wrong", "id": "on-call-top-only", "fails": ["t3", "t4"]}
def make_fib(on_call=None):
    memo = {0: 0, 1: 1}

    def compute(n):
        if n not in memo:
            memo[n] = compute(n - 1) + compute(n - 2)
        return memo[n]

    def fib(n):
        if on_call is not None:
            on_call(n)  # only the outer call is reported
        if n < 0:
            raise ValueError("negative")
        return compute(n)

    return fib

# %% course={"kind": "wrong", "id": "wrong-base", "fails": ["t1", "t2", "t4"]}
def make_fib(on_call=None):
    memo = {0: 1, 1: 1}

    def fib(n):
        if on_call is not None:
            on_call(n)
        if n < 0:
            raise ValueError("negative")
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]

    return fib

# %% [markdown] course={"kind": "exercise", "id": "create-counter", "item": "dsa-design-counter"}
# ### Problem: A counter from a closure (after LeetCode's *Counter*)
#
# Write `create_counter(n)` that returns a function taking no arguments. Its first call returns
# `n`, and every later call returns one more than the call before. Each counter is independent
# and keeps its number in the closure (no global variable).
#
# ```python
# counter = create_counter(10)
# counter(), counter(), counter()   # (10, 11, 12)
# ```

# %% [markdown] course={"kind": "hint"}
# Decide when to add one: return the current value, *then* move it on. Saving the value to
# return in a local variable first makes that easy.

# %% [markdown] course={"kind": "hint"}
# The inner function rebinds `n`, so it needs `nonlocal n`.

# %% course={"kind": "solution"}
from typing import Callable


def create_counter(n: int) -> Callable[[], int]:
    ### BEGIN SOLUTION
    def counter() -> int:
        nonlocal n
        current = n
        n += 1
        return current

    return counter
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
counter = create_counter(10)
got = [counter(), counter(), counter()]
assert got == [10, 11, 12], f"the first call returns n itself, got {got}"

# %% course={"kind": "test", "points": 1}
a, b = create_counter(0), create_counter(-5)
got = [a(), b(), a(), b(), a()]
assert got == [0, -5, 1, -4, 2], f"counters must be independent, got {got}"
### BEGIN HIDDEN TESTS
big = create_counter(10**20)
big()
assert big() == 10**20 + 1, "big numbers count on"
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
def module_values():
    """Every module-level name and its value, as text (this cell's own names left out)."""
    own = ("values_before", "cells_before", "changed")
    return {name: repr(value) for name, value in list(globals().items()) if name not in own}


counter = create_counter(0)
values_before = module_values()
cells_before = [repr(cell.cell_contents) for cell in counter.__closure__ or ()]
assert (counter(), counter()) == (0, 1), "a counter from 0 gives 0, then 1"
changed = sorted(name for name, text in module_values().items() if values_before.get(name) != text)
assert changed == [], f"counting changed the module-level name(s) {changed}: keep the number in the closure"
assert [repr(cell.cell_contents) for cell in counter.__closure__ or ()] != cells_before, "the number should live in the closure"

# %% course={"kind": "wrong", "id": "pre-increment", "fails": ["t1", "t2", "t3"]}
def create_counter(n):
    def counter():
        nonlocal n
        n += 1
        return n

    return counter

# %% course={"kind": "wrong", "id": "global-n", "fails": ["t2", "t3"]}
current = 0


def create_counter(n):
    global current
    current = n

    def counter():
        global current
        current += 1
        return current - 1

    return counter

# %% course={"kind": "wrong", "id": "module-dict", "fails": ["t3"]}
_numbers = {}  # one entry per counter: independent, but kept at module level


def create_counter(n):
    key = object()
    _numbers[key] = n

    def counter():
        _numbers[key] += 1
        return _numbers[key] - 1

    return counter

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-legb-rule"}
# It is the order in which Python searches scopes to find the object a name refers to when the
# name is read: **L**ocal (the current function), **E**nclosing (the functions around it, from
# the innermost outwards), **G**lobal (the module's top level), then **B**uilt-in (`len`,
# `print`...). The first scope that has the name wins; if none does, `NameError`. Which scope a
# name belongs to is fixed at compile time: assigning to a name anywhere in a function makes it
# local there unless it is declared `global` or `nonlocal`.

# %% [markdown] course={"kind": "answer", "question": "q-explain-closures-with-an-example"}
# A closure is an inner function that keeps access to variables of the function that created
# it, after that function has returned. For example `make_alert(limit)` defines and returns
# `check(value)`, which compares `value > limit`: `cpu = make_alert(90)` gives a function that
# still knows `limit == 90`. Python stores those free variables in cells listed in
# `cpu.__closure__`. Closures give you configured callbacks, small stateful helpers (counters,
# rate limiters) and decorators without writing a class.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-nonlocal"}
# When an inner function must **rebind** a variable of an enclosing function, typically a
# closure that updates its state (`count += 1`, `total = total + x`, `last_seen = now`). Without
# it the assignment creates a new local variable and reading it first raises
# `UnboundLocalError`. It is not needed just to read the variable, nor to mutate an object the
# variable refers to (`cache[key] = value` works without it). Use `global` only for module
# variables; `nonlocal` never reaches the module.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-late-binding-in-closures"}
# A closure reads its free variables when it is called, not when it is created. Functions
# created in a loop all share the loop variable, so after the loop they all see its last value:
# `[lambda: i for i in range(3)]` gives three functions returning 2. Fix it by giving each
# function its own variable: a factory function taking the value as a parameter, a default
# argument (`lambda i=i: i`), or `functools.partial`.

# %% course={"kind": "trap", "trap": "trap-late-binding-lambda-i-for-i-in-range-3"}
# Three lambdas, one shared variable i, read only when each lambda is called.
funcs = [lambda: i for i in range(3)]
print("expected [0, 1, 2], got", [f() for f in funcs])

funcs = [lambda i=i: i for i in range(3)]  # the default is evaluated at creation time
print("with a default argument:", [f() for f in funcs])

# %% course={"kind": "trap", "trap": "trap-using-global-when-nonlocal-is"}
# `global` jumps straight to the module: the enclosing variable is never updated,
# and a stray module variable appears (or is silently overwritten).
def make_retry_budget(limit):
    remaining = limit

    def spend():
        global remaining  # should have been nonlocal
        try:
            remaining -= 1
        except NameError as err:
            return f"NameError: {err}"
        return remaining

    return spend


spend = make_retry_budget(3)
print(spend())
remaining = 10  # some unrelated module variable with the same name...
print(spend(), "<- it decremented the module's variable, not the budget")
print("spend.__closure__ =", spend.__closure__, "-> the budget variable was never captured")

# %% course={"kind": "trap", "trap": "trap-not-understanding-that-closures-capture"}
# A closure holds the variable, not the value it had when the closure was made.
def make_banner():
    env = "staging"

    def banner():
        return f"deploying to {env}"

    env = "production"  # changed after banner was defined
    return banner


print(make_banner()())

cell = make_banner().__closure__[0]
print("the cell holds the variable's current value:", cell.cell_contents)
