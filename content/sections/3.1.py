# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can design a function's signature on purpose (positional,
# keyword, default, `*args`, `**kwargs`, keyword-only and positional-only parameters), document
# and type-hint it, return one or several values, and predict exactly what happens to the
# objects you pass in, including the mutable-default trap.

# %% [markdown] course={"kind": "lesson", "id": "def-and-naming", "covers": ["c-function-definition-with-def", "c-function-naming-conventions-snake-case"]}
# ### Defining a function with `def`
#
# `def name(parameters):` followed by an indented body creates a **function object** and binds
# it to `name`. Nothing in the body runs until you **call** the function with parentheses.
# The body ends at the first line that is indented less.
#
# Functions are how automation stops being a 400-line script: `rotate_logs()`,
# `fetch_secret()`, `render_manifest()` each do one job, have a name that says what, and can be
# tested on their own.
#
# **Naming:** PEP 8 uses `snake_case` for functions. Name a function after what it *does*, with
# a verb: `restart_service`, `parse_duration`, `is_healthy` (a yes/no question reads well as
# `is_`/`has_`). Avoid `data()`, `do_stuff()`, `process2()`.
#
# The usual slip: writing the name without parentheses. `check_disk` is the function object
# itself, which is always truthy; `check_disk()` is its result.

# %% course={"kind": "demo"}
def parse_duration(text):
    """Turn '90s', '5m' or '2h' into a number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    return int(text[:-1]) * units[text[-1]]


print(parse_duration("5m"), parse_duration("2h"))
print(type(parse_duration).__name__, parse_duration.__name__)  # a function is an object with a name

# the classic slip: no parentheses, so the test is about the object, not its result
def is_healthy():
    return False


print("is_healthy  ->", bool(is_healthy), "(the function object is truthy)")
print("is_healthy()->", is_healthy())

# %% [markdown] course={"kind": "lesson", "id": "docstrings", "covers": ["c-docstrings", "c-single-line-docstrings", "c-multi-line-docstrings", "c-google-style-docstrings", "c-numpy-style-docstrings", "c-sphinx-style-docstrings"]}
# ### Docstrings
#
# A **docstring** is a string literal written as the first statement of the function body.
# Python stores it in `__doc__`; `help()`, IDEs and documentation generators (Sphinx, mkdocs)
# read it from there. A comment explains *how* the code works to someone reading it; a
# docstring explains *how to use* the function to someone calling it.
#
# - **single-line**: one sentence in the imperative, on one line, quotes included:
#   `"""Return the number of healthy replicas."""`
# - **multi-line**: a summary line, a blank line, then the details.
#
# Multi-line docstrings usually follow one of three conventions for describing parameters.
# Pick the one your team (and its doc tooling) uses and stay consistent:
#
# | style | parameters look like | common in |
# |---|---|---|
# | Google | `Args:` then `name: what it is` | many company codebases, readable as plain text |
# | NumPy | `Parameters` underlined with `----------` | NumPy, pandas, scikit-learn, data tooling |
# | Sphinx (reST) | `:param name: ...` and `:returns: ...` | older libraries, plain Sphinx projects |
#
# What people get wrong: restating the name ("`get_user`: gets the user") instead of saying
# what matters to a caller: units, what is returned when nothing is found, which errors are raised.

# %% course={"kind": "demo"}
import inspect


def to_bytes_google(size: float, unit: str = "MiB") -> int:
    """Convert a size in a binary unit to bytes.

    Args:
        size: How many units.
        unit: One of "KiB", "MiB", "GiB".

    Returns:
        The size in bytes, rounded down.

    Raises:
        KeyError: If the unit is unknown.
    """
    factors = {"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
    return int(size * factors[unit])


def to_bytes_numpy(size, unit="MiB"):
    """Convert a size in a binary unit to bytes.

    Parameters
    ----------
    size : float
        How many units.
    unit : str, optional
        One of "KiB", "MiB", "GiB" (default "MiB").

    Returns
    -------
    int
        The size in bytes, rounded down.
    """


def to_bytes_sphinx(size, unit="MiB"):
    """Convert a size in a binary unit to bytes.

    :param size: How many units.
    :param unit: One of "KiB", "MiB", "GiB".
    :returns: The size in bytes, rounded down.
    :raises KeyError: If the unit is unknown.
    """


print(to_bytes_google(1.5, "GiB"))
for fn in (to_bytes_google, to_bytes_numpy, to_bytes_sphinx):
    doc = inspect.getdoc(fn)  # __doc__ with the indentation cleaned up
    print(f"--- {fn.__name__}: summary = {doc.splitlines()[0]!r}, {len(doc.splitlines())} lines")
print(inspect.getdoc(to_bytes_sphinx))

# %% [markdown] course={"kind": "lesson", "id": "parameters-and-arguments", "covers": ["c-parameters-vs-arguments", "c-positional-arguments", "c-keyword-arguments", "c-default-parameter-values"]}
# ### Parameters, arguments, positions, keywords and defaults
#
# - A **parameter** is a name in the `def` line: a placeholder.
# - An **argument** is the value you supply in a call. Calling binds each argument to a parameter.
#
# Arguments can be matched **by position** (`scale("web", 3)`: first to first, second to
# second) or **by keyword** (`scale(replicas=3, name="web")`: order no longer matters, and the
# call documents itself). Positional arguments must come before keyword ones in a call.
#
# A parameter with a **default value** (`timeout=30`) may be left out. Parameters with
# defaults must come after those without. Keyword arguments shine for the optional knobs of
# automation helpers: `deploy("api", dry_run=True)` says far more than `deploy("api", True)`.
#
# The mistake: passing the same parameter twice, once by position and once by keyword.
# `inspect.signature(...).bind(...)` shows exactly how a call is matched, without running it:

# %% course={"kind": "demo"}
import inspect


def scale(name, replicas, namespace="default", wait=False):
    return f"scale {namespace}/{name} to {replicas} (wait={wait})"


sig = inspect.signature(scale)
for args, kwargs in [(("web", 3), {}), (("web",), {"replicas": 5, "wait": True}), ((), {"replicas": 2, "name": "db"})]:
    bound = sig.bind(*args, **kwargs)
    bound.apply_defaults()
    print(dict(bound.arguments), "->", scale(*args, **kwargs))

try:
    scale("web", 3, replicas=4)
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "mutable-default", "covers": ["c-mutable-default-argument-trap"]}
# ### The mutable default argument trap
#
# A default value is evaluated **once**, when the `def` statement runs, and that one object is
# stored on the function (in `__defaults__`). Every call that leaves the argument out gets *the
# same object*. For numbers, strings and `None` that is harmless because they cannot change. For
# a list, dict or set it means every call shares, and grows, one container: the "my function
# remembers the previous call" bug, which in a long-running service looks like a memory leak.
#
# The fix is a sentinel: default to `None` and make a fresh container inside the body.

# %% course={"kind": "demo"}
def add_label_shared(label, labels=[]):  # the bug
    labels.append(label)
    return labels


def add_label(label, labels=None):  # the fix
    if labels is None:
        labels = []
    labels.append(label)
    return labels


print(add_label_shared("team=web"), add_label_shared("env=prod"))  # the same list, twice
print("the stored default is now:", add_label_shared.__defaults__)
print(add_label("team=web"), add_label("env=prod"))

# %% [markdown] course={"kind": "lesson", "id": "flexible-signatures", "covers": ["c-args-variable-positional-arguments", "c-kwargs-variable-keyword-arguments", "c-argument-order-positional-args-keyword", "c-keyword-only-arguments-after", "c-positional-only-arguments-before"]}
# ### `*args`, `**kwargs`, keyword-only and positional-only parameters
#
# - `*args` collects **extra positional** arguments into a tuple.
# - `**kwargs` collects **extra keyword** arguments into a dict.
# - Parameters after `*args` (or after a bare `*`) are **keyword-only**: callers must name them.
#   Use this for flags: `delete(path, *, recursive=False)` cannot be called as
#   `delete(path, True)`, which nobody could read.
# - Parameters before a `/` are **positional-only**: callers cannot name them, so you may rename
#   them later without breaking anyone (many built-ins work this way, e.g. `len(obj, /)`).
#
# The full order in a `def` line is:
#
# ```
# def f(pos_only, /, normal, *args, kw_only, **kwargs)
# ```
#
# In DevOps code `**kwargs` is how wrappers pass options through untouched: a `run(cmd,
# **subprocess_options)` helper forwarding `cwd=`, `env=`, `timeout=`. The thing people get
# wrong: the names `args` and `kwargs` are only conventions; the stars do the work, and the same
# stars in a **call** do the opposite (unpack a sequence or a dict into arguments).

# %% course={"kind": "demo"}
def run(command, /, *args, timeout=30, **options):
    return f"command={command!r} args={args} timeout={timeout} options={options}"


print(run("kubectl", "get", "pods", timeout=5, namespace="prod", output="json"))

base_args = ["logs", "api-7f9c"]
settings = {"timeout": 10, "follow": True}
print(run("kubectl", *base_args, **settings))  # stars in a call unpack

for bad_call in ("run(command='ls')", "run('ls', 'a', 5, 6, timeout=1, timeout=2)"):
    try:
        eval(bad_call)
    except (TypeError, SyntaxError) as err:
        print(type(err).__name__, "for", bad_call, "->", err)

# %% [markdown] course={"kind": "lesson", "id": "return-values", "covers": ["c-return-values", "c-single-return-value", "c-multiple-return-values-tuple-unpacking", "c-none-as-implicit-return", "c-early-returns-for-guard-clauses"]}
# ### Return values
#
# - `return value` ends the call and hands `value` back.
# - `return a, b` returns **one tuple**; the caller unpacks it: `host, port = split_address(...)`.
#   Past three values, return a dict or a named tuple so callers do not have to remember positions.
# - A function that ends without `return` (or with a bare `return`) returns **`None`**.
# - **Guard clauses** return early for the special cases, so the main logic is not nested
#   three `if`s deep.
#
# The mistake: a branch that forgets its `return`. The function then quietly gives `None`
# for that case, and the error shows up far away (`TypeError: 'NoneType' object is not
# subscriptable`).

# %% course={"kind": "demo"}
def split_address(address, default_port=80):
    if ":" not in address:  # guard clause: the simple case first, then leave
        return address, default_port
    host, _, port = address.rpartition(":")
    return host, int(port)


host, port = split_address("db.internal:5432")
print(host, port, "| raw result:", split_address("web"))


def status_word(code):
    if code < 400:
        return "ok"
    if code < 500:
        "client error"  # forgot the return: the expression is computed and thrown away


print(status_word(200), status_word(404))  # None for 404

# %% [markdown] course={"kind": "lesson", "id": "type-hints", "covers": ["c-function-annotations-type-hints", "c-parameter-type-hints", "c-return-type-hints", "c-typing-module-basics", "c-optional-union-list-dict-tuple"]}
# ### Type hints
#
# `def retry(times: int, delay: float = 1.0) -> bool:` annotates each parameter and the return
# value. Python stores the hints in `__annotations__` and otherwise **ignores them at run time**:
# they are for readers, editors and checkers such as mypy, which catch wrong calls before the
# code runs in CI.
#
# Older code imports the names from `typing`; since Python 3.9/3.10 built-in forms are preferred:
#
# | `typing` form | modern spelling | means |
# |---|---|---|
# | `List[str]` | `list[str]` | a list of strings |
# | `Dict[str, int]` | `dict[str, int]` | a dict from str to int |
# | `Tuple[str, int]` | `tuple[str, int]` | a 2-tuple: str then int |
# | `Union[int, str]` | `int \| str` | either type |
# | `Optional[str]` | `str \| None` | a str, or None |
#
# `Optional` does **not** mean "optional argument"; it means "may be `None`". A parameter with
# a default is optional whatever its hint says.

# %% course={"kind": "demo"}
import typing
from typing import Dict, List, Optional, Tuple, Union


def find_port(services: Dict[str, int], name: str) -> Optional[int]:
    return services.get(name)


def parse_pairs(text: str) -> List[Tuple[str, Union[int, str]]]:
    pairs = []
    for item in text.split(","):
        key, _, value = item.partition("=")
        pairs.append((key, int(value) if value.isdigit() else value))
    return pairs


print(find_port.__annotations__)
print(typing.get_type_hints(parse_pairs)["return"])
print(parse_pairs("replicas=3,env=prod"))
print("hints are not enforced:", find_port({"web": 80}, 12345))  # no error at run time
print("Optional[int] == Union[int, None] == int | None:", Optional[int] == Union[int, None] == (int | None))

# %% [markdown] course={"kind": "lesson", "id": "object-reference", "covers": ["c-pass-by-object-reference", "c-how-python-passes-arguments", "c-mutable-vs-immutable-argument-behavior", "c-common-mutations-and-side-effects"]}
# ### How arguments are passed: by object reference
#
# A call binds each parameter name to **the same object** the caller passed. Nothing is copied.
# What happens next depends on what the function does with its name:
#
# - **mutate** the object (`items.append(x)`, `config["debug"] = True`, `items.sort()`): the
#   caller sees the change, because there is only one object;
# - **rebind** the name (`items = items + [x]`, `count += 1` on an int): the local name now
#   points somewhere else; the caller's object is untouched.
#
# Immutable objects (int, str, tuple, frozenset) can only be rebound, so they feel "passed by
# value"; mutable ones (list, dict, set) can be changed in place, so they feel "passed by
# reference". It is one rule in both cases. Side effects to watch for: `.sort()`, `.pop()`,
# `.update()`, `del d[k]` on a dict the caller still uses, such as a shared config.

# %% course={"kind": "demo"}
def rebind(items, count):
    print("  inside, same object as caller?", id(items) == id(outer_items))
    items = items + ["rebound"]  # new list, local name only
    count += 1  # new int, local name only


def mutate(items):
    items.append("mutated")  # changes the one shared list


outer_items, outer_count = ["a"], 0
rebind(outer_items, outer_count)
print("after rebind:", outer_items, outer_count)
mutate(outer_items)
print("after mutate:", outer_items)

# %% [markdown] course={"kind": "lesson", "id": "pure-functions", "covers": ["c-pure-functions", "c-no-side-effects", "c-same-input-same-output", "c-benefits-for-testing-and-debugging"]}
# ### Pure functions
#
# A function is **pure** when
#
# 1. its result depends only on its arguments (same input, same output: no clock, no random,
#    no global settings, no files), and
# 2. it has **no side effects**: it changes nothing outside itself (no mutated arguments, no
#    globals, no printing, no network).
#
# Pure functions are trivial to test (call, compare, done), safe to cache and to run in
# parallel, and when one gives a wrong answer, the bug is inside it. Real programs need side
# effects, so the habit is to push them to the edges: a pure `plan_changes(current, desired)`
# that computes *what* to do, and a small impure `apply(plan)` that does it. That is the shape
# of `terraform plan` / `apply`.

# %% course={"kind": "demo"}
import datetime

audit_log = []


def plan_scaling(current: dict, desired: dict) -> dict:
    """Pure: only looks at its arguments and returns a new dict."""
    return {name: n - current.get(name, 0) for name, n in desired.items() if n != current.get(name, 0)}


def apply_scaling(current: dict, plan: dict) -> None:
    """Impure: mutates its argument and writes to a global log."""
    for name, delta in plan.items():
        current[name] = current.get(name, 0) + delta
        audit_log.append(f"{datetime.date(2024, 1, 1)} {name} {delta:+d}")


state = {"web": 2, "worker": 4}
plan = plan_scaling(state, {"web": 5, "worker": 4, "cron": 1})
print("plan:", plan, "| state untouched:", state)
print("same input, same output:", plan == plan_scaling(state, {"web": 5, "worker": 4, "cron": 1}))
apply_scaling(state, plan)
print("after apply:", state, audit_log)

# %% [markdown] course={"kind": "exercise", "id": "compound-interest", "item": "x-write-a-function-that-calculates"}
# ### Compound interest with a default rate
#
# Write `compound_interest(principal, years, rate=0.05, *, periods_per_year=1)` that returns the
# final amount after compounding, rounded to 2 decimal places:
#
# `amount = principal * (1 + rate / periods_per_year) ** (periods_per_year * years)`
#
# `rate` is a fraction (`0.05` means 5 %). `periods_per_year` is **keyword-only**. A negative
# `principal` or `years`, or `periods_per_year` below 1, raises `ValueError`.
#
# ```python
# compound_interest(1000, 2)                         # 1102.5
# compound_interest(1000, 1, 0.12, periods_per_year=12)  # 1126.83
# ```

# %% [markdown] course={"kind": "hint"}
# Put the `*` in the parameter list right before `periods_per_year`; everything after it must be
# passed by name.

# %% [markdown] course={"kind": "hint"}
# Check the bad inputs first (guard clauses), then compute and `return round(amount, 2)`.

# %% course={"kind": "solution"}
def compound_interest(principal: float, years: float, rate: float = 0.05, *, periods_per_year: int = 1) -> float:
    """Return the amount after compounding ``principal`` for ``years``, rounded to cents."""
    ### BEGIN SOLUTION
    if principal < 0 or years < 0:
        raise ValueError("principal and years must not be negative")
    if periods_per_year < 1:
        raise ValueError("periods_per_year must be at least 1")
    amount = principal * (1 + rate / periods_per_year) ** (periods_per_year * years)
    return round(amount, 2)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert compound_interest(1000, 2) == 1102.5, "the default rate is 5 %, compounded once a year"
assert compound_interest(1000, 0) == 1000, "after 0 years you keep the principal"

# %% course={"kind": "test", "points": 1}
assert compound_interest(1000, 1, 0.12, periods_per_year=12) == 1126.83, "monthly compounding at 12 %"
assert compound_interest(500, 3, rate=0.1) == 665.5, "rate can be passed by keyword"
assert compound_interest(500, 3, rate=0) == 500, "a rate of 0 is a real rate: the money stays as it is"
### BEGIN HIDDEN TESTS
assert compound_interest(2500, 10, 0.03, periods_per_year=4) == 3370.87
assert compound_interest(0, 5) == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    compound_interest(1000, 1, 0.12, 12)
except TypeError:
    pass
else:
    raise AssertionError("periods_per_year must be keyword-only: passing it by position should raise TypeError")
for bad in [dict(principal=-1, years=1), dict(principal=100, years=-2), dict(principal=100, years=1, periods_per_year=0)]:
    try:
        compound_interest(**bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} must raise ValueError")

# %% course={"kind": "wrong", "id": "simple-interest", "fails": ["t1", "t2"]}
def compound_interest(principal, years, rate=0.05, *, periods_per_year=1):
    if principal < 0 or years < 0 or periods_per_year < 1:
        raise ValueError("bad input")
    return round(principal * (1 + rate * years), 2)

# %% course={"kind": "wrong", "id": "not-keyword-only", "fails": ["t3"]}
def compound_interest(principal, years, rate=0.05, periods_per_year=1):
    if principal < 0 or years < 0 or periods_per_year < 1:
        raise ValueError("bad input")
    return round(principal * (1 + rate / periods_per_year) ** (periods_per_year * years), 2)

# %% course={"kind": "wrong", "id": "rate-or-default", "fails": ["t2"]}
def compound_interest(principal, years, rate=None, *, periods_per_year=1):
    rate = rate or 0.05  # a rate of 0 is taken as "not given"
    if principal < 0 or years < 0 or periods_per_year < 1:
        raise ValueError("bad input")
    return round(principal * (1 + rate / periods_per_year) ** (periods_per_year * years), 2)

# %% course={"kind": "wrong", "id": "percent-rate", "fails": ["t2"]}
def compound_interest(principal, years, rate=5, *, periods_per_year=1):
    if principal < 0 or years < 0 or periods_per_year < 1:
        raise ValueError("bad input")
    return round(principal * (1 + rate / 100 / periods_per_year) ** (periods_per_year * years), 2)

# %% [markdown] course={"kind": "exercise", "id": "total-any", "item": "x-create-a-function-that-accepts-any"}
# ### Add up any number of arguments
#
# Write `total(*values, start=0)` that returns `start` plus the sum of all positional arguments.
# With no positional arguments it returns `start`.
#
# ```python
# total(1, 2, 3)            # 6
# total(2.5, 2.5, start=10) # 15.0
# total()                   # 0
# ```

# %% [markdown] course={"kind": "hint"}
# Inside the function `values` is a tuple, so the built-in `sum()` works on it directly.

# %% [markdown] course={"kind": "hint"}
# `start` sits after `*values`, so it is already keyword-only. `sum(values, start)` uses it.

# %% course={"kind": "solution"}
def total(*values: float, start: float = 0) -> float:
    """Return ``start`` plus every positional argument."""
    ### BEGIN SOLUTION
    return sum(values, start)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert total(1, 2, 3) == 6, "total(1, 2, 3) takes three separate arguments, not a list"
assert total() == 0, "with no arguments the total is 0"
### BEGIN HIDDEN TESTS
assert total(7) == 7
assert total(*range(101)) == 5050, "unpacking a range into arguments must work"
assert total(-1.5, 1.5, -2) == -2.0, "negative numbers"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert total(2.5, 2.5, start=10) == 15.0, "start is added to the sum"
assert total(start=4) == 4, "with only start, return start"
### BEGIN HIDDEN TESTS
assert total(1, start=-3) == -2 and total(start=0.5) == 0.5, "any start, negative or fractional"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "takes-a-list", "fails": ["t1", "t2"]}
def total(values=(), start=0):
    return sum(values) + start

# %% course={"kind": "wrong", "id": "ignores-start", "fails": ["t2"]}
def total(*values, start=0):
    return sum(values)

# %% [markdown] course={"kind": "exercise", "id": "mutable-default-fix", "item": "x-demonstrate-the-mutable-default-argument"}
# ### Fix the mutable default
#
# A deploy tool builds its list of `kubectl` flags like this, and the flags from one call keep
# turning up in the next:
#
# ```python
# def with_flag(flag, flags=[]):
#     flags.append(flag)
#     return flags
# ```
#
# Write a fixed `with_flag(flag, flags=None)` that returns a **new** list: the given `flags`
# (if any) followed by `flag`. It must not share state between calls and must not change the
# list the caller passed in.
#
# ```python
# with_flag("--dry-run")                  # ['--dry-run']
# with_flag("--wait")                     # ['--wait']   (not ['--dry-run', '--wait'])
# base = ["-n", "prod"]
# with_flag("--wait", base)               # ['-n', 'prod', '--wait'];  base is still ['-n', 'prod']
# ```

# %% [markdown] course={"kind": "hint"}
# Use `None` as the default and test it with `is None` inside the function.

# %% [markdown] course={"kind": "hint"}
# `list(flags) + [flag]` (or `[*flags, flag]`) builds a new list and leaves the caller's alone.

# %% course={"kind": "solution"}
def with_flag(flag: str, flags: list[str] | None = None) -> list[str]:
    """Return a new list: ``flags`` (if given) followed by ``flag``."""
    ### BEGIN SOLUTION
    if flags is None:
        flags = []
    return [*flags, flag]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
first = with_flag("--dry-run")
second = with_flag("--wait")
assert first == ["--dry-run"], f"first call returned {first}"
assert second == ["--wait"], f"the second call must not see the first call's flag, got {second}"

# %% course={"kind": "test", "points": 1}
base = ["-n", "prod"]
result = with_flag("--wait", base)
assert result == ["-n", "prod", "--wait"], f"got {result}"
assert base == ["-n", "prod"], f"the caller's list was changed to {base}"
### BEGIN HIDDEN TESTS
assert result is not base, "return a new list, not the caller's"
empty: list = []
assert with_flag("-v", empty) == ["-v"] and empty == [], "an empty list passed in must stay empty"
assert with_flag("-q") == ["-q"], "still no shared state after passing a list"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shared-default", "fails": ["t1", "t2"]}
def with_flag(flag, flags=[]):
    flags.append(flag)
    return flags

# %% course={"kind": "wrong", "id": "or-then-append", "fails": ["t2"]}
def with_flag(flag, flags=None):
    flags = flags or []
    flags.append(flag)
    return flags

# %% [markdown] course={"kind": "exercise", "id": "latency-stats", "item": "x-create-a-function-that-returns-multiple"}
# ### Return several values at once
#
# Write `latency_stats(samples)` that takes a non-empty list of response times in milliseconds
# and returns a **tuple** `(fastest, slowest, mean)`, with the mean rounded to 1 decimal place.
# The caller's list is not changed (it is in arrival order, which matters to the caller). An
# empty list raises `ValueError` (there is no meaningful mean of nothing).
#
# ```python
# fastest, slowest, mean = latency_stats([120, 80, 95, 300])
# # fastest=80, slowest=300, mean=148.8
# ```

# %% [markdown] course={"kind": "hint"}
# `min()`, `max()`, `sum()` and `len()` do the work; `return a, b, c` returns a tuple.

# %% [markdown] course={"kind": "hint"}
# Check for the empty list first, before dividing by its length.

# %% course={"kind": "solution", "equivalent": {"m-6cbd02cf": "without the check, min() of an empty list raises ValueError too"}}
def latency_stats(samples: list[float]) -> tuple[float, float, float]:
    """Return ``(fastest, slowest, mean)`` of ``samples``; the mean rounded to 1 decimal."""
    ### BEGIN SOLUTION
    if not samples:
        raise ValueError("no samples")
    return min(samples), max(samples), round(sum(samples) / len(samples), 1)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = latency_stats([120, 80, 95, 300])
assert isinstance(result, tuple), f"return a tuple, not a {type(result).__name__}"
fastest, slowest, mean = result
assert (fastest, slowest) == (80, 300), f"fastest/slowest wrong: {fastest}, {slowest}"
assert mean == 148.8, f"mean should be 148.8, got {mean}"
arrivals = [120, 80, 95, 300]
latency_stats(arrivals)
assert arrivals == [120, 80, 95, 300], f"the caller's list was reordered to {arrivals}"

# %% course={"kind": "test", "points": 1}
try:
    latency_stats([])
except ValueError:
    pass
else:
    raise AssertionError("an empty list must raise ValueError")
### BEGIN HIDDEN TESTS
assert latency_stats([42]) == (42, 42, 42.0), "one sample is its own min, max and mean"
assert latency_stats([1, 2]) == (1, 2, 1.5), "the mean is a true division"
assert latency_stats([0, 0, 1]) == (0, 1, 0.3), "zeros are samples too; 1/3 rounds to 0.3"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-dict", "fails": ["t1", "t2"]}
def latency_stats(samples):
    if not samples:
        raise ValueError("no samples")
    return {"fastest": min(samples), "slowest": max(samples), "mean": round(sum(samples) / len(samples), 1)}

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t1"]}
def latency_stats(samples):
    if not samples:
        raise ValueError("no samples")
    samples.sort()  # reorders the caller's list
    return samples[0], samples[-1], round(sum(samples) / len(samples), 1)

# %% course={"kind": "wrong", "id": "no-empty-check", "fails": ["t2"]}
def latency_stats(samples):
    return min(samples, default=0), max(samples, default=0), round(sum(samples) / max(len(samples), 1), 1)

# %% [markdown] course={"kind": "exercise", "id": "documented-parser", "item": "x-write-a-function-with-proper-docstrings"}
# ### A documented, type-hinted function
#
# Write `parse_memory(text: str) -> int` that turns a Kubernetes-style memory size into bytes:
# a whole number followed by one of the suffixes `Ki`, `Mi`, `Gi` (powers of **1024**) or none
# (plain bytes). Anything else raises `ValueError`: the suffixes are case-sensitive (`"512mi"` is
# wrong), and spaces, signs and decimal points are not allowed.
#
# Give it **type hints** for the parameter and the return value, and a **Google-style
# docstring** with a summary line and `Args:`, `Returns:` and `Raises:` sections. The tests
# read the hints and the docstring too.
#
# ```python
# parse_memory("512Mi")   # 536870912
# parse_memory("2Gi")     # 2147483648
# parse_memory("100")     # 100
# ```

# %% [markdown] course={"kind": "hint"}
# A dict `{"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}` and `text.endswith(suffix)` do most of
# the parsing. `str.isdigit()` tells you whether what remains is a whole number.

# %% [markdown] course={"kind": "hint"}
# The docstring goes right under the `def` line, before any code. The section headers are lines
# reading `Args:`, `Returns:` and `Raises:`.

# %% course={"kind": "solution", "equivalent": {"m-ab5b175d": "a text ends with at most one of Ki, Mi, Gi, so the loop finds no second match"}}
### BEGIN SOLUTION
def parse_memory(text: str) -> int:
    """Convert a memory size such as "512Mi" to a number of bytes.

    Args:
        text: A whole number, optionally followed by "Ki", "Mi" or "Gi"
            (binary units, powers of 1024).

    Returns:
        The size in bytes.

    Raises:
        ValueError: If the text is not a whole number with a known suffix.
    """
    units = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}
    number, factor = text, 1
    for suffix, size in units.items():
        if text.endswith(suffix):
            number, factor = text[: -len(suffix)], size
            break
    if not number.isdigit():
        raise ValueError(f"not a memory size: {text!r}")
    return int(number) * factor
### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert parse_memory("512Mi") == 536870912, "Mi is 1024 * 1024 bytes"
assert parse_memory("2Gi") == 2 * 1024**3, "Gi is 1024 ** 3 bytes"
assert parse_memory("64Ki") == 65536, "Ki is 1024 bytes"
assert parse_memory("100") == 100, "no suffix means bytes"
assert parse_memory("0Mi") == 0 and parse_memory("0") == 0, "zero is a size"
for bad in ["512mi", "512 Mi", " 1Gi"]:
    try:
        parse_memory(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError (case-sensitive suffix, no spaces)")
### BEGIN HIDDEN TESTS
for bad in ["", "Mi", "12MB", "1.5Gi", "-3Ki", "ten", "+5", "1_000", "5Ti", "7\t"]:
    try:
        parse_memory(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import typing

hints = typing.get_type_hints(parse_memory)
assert hints.get("text") is str, "annotate the parameter: text: str"
assert hints.get("return") is int, "annotate the return value: -> int"

# %% course={"kind": "test", "points": 1}
import inspect

doc = inspect.getdoc(parse_memory) or ""
assert doc, "write a docstring"
assert doc.splitlines()[0].strip(), "start with a one-line summary"
for section in ("Args:", "Returns:", "Raises:"):
    assert section in doc, f"the Google-style docstring needs a {section} section"

# %% course={"kind": "wrong", "id": "decimal-units", "fails": ["t1"]}
def parse_memory(text: str) -> int:
    """Convert a memory size such as "512Mi" to a number of bytes.

    Args:
        text: A size.

    Returns:
        The size in bytes.

    Raises:
        ValueError: If the text is not a size.
    """
    units = {"Ki": 1000, "Mi": 1000**2, "Gi": 1000**3}
    for suffix, size in units.items():
        if text.endswith(suffix) and text[:-2].isdigit():
            return int(text[:-2]) * size
    if text.isdigit():
        return int(text)
    raise ValueError(text)

# %% course={"kind": "wrong", "id": "ignores-case-and-spaces", "fails": ["t1"]}
def parse_memory(text: str) -> int:
    """Convert a memory size such as "512Mi" to a number of bytes.

    Args:
        text: A size.

    Returns:
        The size in bytes.

    Raises:
        ValueError: If the text is not a size.
    """
    text = text.strip()
    units = {"ki": 1024, "mi": 1024**2, "gi": 1024**3}
    for suffix, size in units.items():
        if text.lower().endswith(suffix):
            return int(text[:-2]) * size  # int() also accepts " 512", "+5" and "1_000"
    return int(text)

# %% course={"kind": "wrong", "id": "comment-not-docstring", "fails": ["t2", "t3"]}
def parse_memory(text):
    # Convert a memory size such as "512Mi" to bytes. Args: text. Returns: int. Raises: ValueError.
    units = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}
    for suffix, size in units.items():
        if text.endswith(suffix) and text[:-2].isdigit():
            return int(text[:-2]) * size
    if text.isdigit():
        return int(text)
    raise ValueError(text)

# %% [markdown] course={"kind": "exercise", "id": "pure-vs-impure", "item": "x-write-a-pure-function-and-a-function"}
# ### A pure function and its impure twin
#
# A capacity script doubles replica counts before a traffic peak. Write **two** functions:
#
# - `scaled(replicas, factor)`: **pure**. Takes a dict `{service: count}` and returns a **new**
#   dict where every count is multiplied by `factor` and rounded **up** to a whole number
#   (at least 1). The input dict is not changed.
# - `scale_in_place(replicas, factor, log)`: **impure on purpose**. Updates `replicas` in place
#   with the same numbers, appends one line `"<service>: <old> -> <new>"` to the list `log` for
#   each service whose count changed (lines already in `log` stay), and returns `None`.
#
# ```python
# current = {"web": 3, "worker": 2}
# scaled(current, 1.5)     # {'web': 5, 'worker': 3};  current is unchanged
# log = []
# scale_in_place(current, 1.5, log)
# # current == {'web': 5, 'worker': 3};  log == ['web: 3 -> 5', 'worker: 2 -> 3']
# ```

# %% [markdown] course={"kind": "hint"}
# `math.ceil(count * factor)` rounds up; `max(1, ...)` keeps at least one replica.

# %% [markdown] course={"kind": "hint"}
# Let the impure function reuse the pure one: compute `new = scaled(replicas, factor)` first,
# then write the changes into `replicas` and `log`.

# %% course={"kind": "solution"}
import math


def scaled(replicas: dict[str, int], factor: float) -> dict[str, int]:
    """Return new replica counts, each multiplied by ``factor`` and rounded up (at least 1)."""
    ### BEGIN SOLUTION
    return {name: max(1, math.ceil(count * factor)) for name, count in replicas.items()}
    ### END SOLUTION


def scale_in_place(replicas: dict[str, int], factor: float, log: list[str]) -> None:
    """Apply :func:`scaled` to ``replicas`` in place, logging every change."""
    ### BEGIN SOLUTION
    new = scaled(replicas, factor)
    for name, count in new.items():
        if count != replicas[name]:
            log.append(f"{name}: {replicas[name]} -> {count}")
            replicas[name] = count
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
current = {"web": 3, "worker": 2}
assert scaled(current, 1.5) == {"web": 5, "worker": 3}, "multiply, then round up"
assert scaled({"cron": 1}, 0.1) == {"cron": 1}, "never scale below one replica"
assert scaled({"idle": 0}, 3) == {"idle": 1}, "a service at 0 replicas still gets at least one"

# %% course={"kind": "test", "points": 1}
current = {"web": 3, "worker": 2}
snapshot = dict(current)
first = scaled(current, 2)
assert current == snapshot, f"scaled() must not change its argument, it became {current}"
assert first is not current, "scaled() returns a new dict"
assert scaled(current, 2) == first, "same input, same output"

# %% course={"kind": "test", "points": 2}
current = {"web": 3, "worker": 2, "cron": 1}
log: list = []
result = scale_in_place(current, 1.5, log)
assert result is None, "scale_in_place changes its arguments and returns None"
assert current == {"web": 5, "worker": 3, "cron": 2}, f"replicas not updated in place: {current}"
assert log == ["web: 3 -> 5", "worker: 2 -> 3", "cron: 1 -> 2"], f"log is {log}"
### BEGIN HIDDEN TESTS
log2: list = ["earlier line"]
scale_in_place(current, 1, log2)
assert log2 == ["earlier line"], "nothing changed, so nothing is logged, and earlier lines stay"
scale_in_place(current, 0.5, log2)
assert log2 == ["earlier line", "web: 5 -> 3", "worker: 3 -> 2", "cron: 2 -> 1"], f"scaling down is logged too: {log2}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "pure-mutates", "fails": ["t2"]}
import math


def scaled(replicas, factor):
    for name in replicas:
        replicas[name] = max(1, math.ceil(replicas[name] * factor))
    return replicas


def scale_in_place(replicas, factor, log):
    old = dict(replicas)
    scaled(replicas, factor)
    for name in replicas:
        if replicas[name] != old[name]:
            log.append(f"{name}: {old[name]} -> {replicas[name]}")

# %% course={"kind": "wrong", "id": "rebinds-not-mutates", "fails": ["t3"]}
import math


def scaled(replicas, factor):
    return {name: max(1, math.ceil(count * factor)) for name, count in replicas.items()}


def scale_in_place(replicas, factor, log):
    new = scaled(replicas, factor)
    for name in new:
        if new[name] != replicas[name]:
            log.append(f"{name}: {replicas[name]} -> {new[name]}")
    replicas = new  # only rebinds the local name

# %% course={"kind": "wrong", "id": "replaces-log", "fails": ["t3"]}
import math


def scaled(replicas, factor):
    return {name: max(1, math.ceil(count * factor)) for name, count in replicas.items()}


def scale_in_place(replicas, factor, log):
    new = scaled(replicas, factor)
    lines = [f"{name}: {replicas[name]} -> {count}" for name, count in new.items() if count != replicas[name]]
    replicas.update(new)
    log[:] = lines  # throws away what the log held before

# %% course={"kind": "wrong", "id": "truncates", "fails": ["t1", "t3"]}
def scaled(replicas, factor):
    return {name: max(1, int(count * factor)) for name, count in replicas.items()}


def scale_in_place(replicas, factor, log):
    new = scaled(replicas, factor)
    for name, count in new.items():
        if count != replicas[name]:
            log.append(f"{name}: {replicas[name]} -> {count}")
            replicas[name] = count

# %% [markdown] course={"kind": "exercise", "id": "util-strings", "item": "project-3-1-1"}
# ### Mini-project: Utility library, part 1: strings
#
# Start a small utility module. Write three string helpers:
#
# - `slugify(text)`: lower-case, every run of characters that are not ASCII letters or digits
#   becomes one `-`, and no `-` at either end. `slugify("Hello, World!")` → `'hello-world'`.
# - `truncate(text, width, *, suffix="...")`: return `text` unchanged if it fits in `width`
#   characters; otherwise cut it so that the result **including** the suffix is exactly `width`
#   characters (you may assume `width >= len(suffix)`; an empty suffix is allowed).
#   `truncate("deployment-controller", 10)` → `'deploym...'`.
# - `capitalize_words(text)`: upper-case the first letter of each space-separated word and leave
#   the rest of each word alone (unlike `str.title()`). `capitalize_words("use gRPC api")` →
#   `'Use GRPC Api'`.

# %% [markdown] course={"kind": "hint"}
# For `slugify`, `re.sub(r"[^a-z0-9]+", "-", text.lower())` followed by `.strip("-")`.

# %% [markdown] course={"kind": "hint"}
# For `truncate`, keep `width - len(suffix)` characters. For `capitalize_words`, split on `" "`
# (not on all whitespace) so that double spaces survive, and use `word[:1].upper() + word[1:]`.

# %% course={"kind": "solution"}
import re


def slugify(text: str) -> str:
    """Return a URL- and file-name-safe version of ``text``."""
    ### BEGIN SOLUTION
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    ### END SOLUTION


def truncate(text: str, width: int, *, suffix: str = "...") -> str:
    """Shorten ``text`` to at most ``width`` characters, marking the cut with ``suffix``."""
    ### BEGIN SOLUTION
    if len(text) <= width:
        return text
    return text[: max(width - len(suffix), 0)] + suffix
    ### END SOLUTION


def capitalize_words(text: str) -> str:
    """Upper-case the first letter of every space-separated word."""
    ### BEGIN SOLUTION
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert slugify("Hello, World!") == "hello-world", f"got {slugify('Hello, World!')!r}"
assert slugify("  Release v2.0 -- Notes ") == "release-v2-0-notes", "runs of separators collapse, ends are stripped"
### BEGIN HIDDEN TESTS
assert slugify("") == "" and slugify("!!!") == ""
assert slugify("API_Gateway") == "api-gateway", "underscores are separators too"
assert slugify("Café Menü 2") == "caf-men-2", "only ASCII letters and digits are kept"
assert slugify("a\tb\nc") == "a-b-c", "tabs and newlines are separators"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert truncate("deployment-controller", 10) == "deploym...", f"got {truncate('deployment-controller', 10)!r}"
assert truncate("short", 10) == "short", "text that fits is returned unchanged"
assert truncate("abcdefghij", 10) == "abcdefghij", "exactly width characters fits"
assert truncate("abcdefghijk", 10) == "abcdefg...", "one character too many: cut"
assert truncate("abcdef", 3) == "...", "width == len(suffix): only the suffix is left"
### BEGIN HIDDEN TESTS
assert truncate("abcdefghijk", 5, suffix="~") == "abcd~"
assert truncate("abcdefghijk", 5, suffix="") == "abcde", "an empty suffix is a real suffix, not a missing one"
assert len(truncate("x" * 50, 12)) == 12
assert truncate("", 0) == "", "empty text fits in any width"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert capitalize_words("use gRPC api") == "Use GRPC Api", f"got {capitalize_words('use gRPC api')!r}"
### BEGIN HIDDEN TESTS
assert capitalize_words("") == ""
assert capitalize_words("two  spaces") == "Two  Spaces", "keep the spacing as it was"
assert capitalize_words(" lead 3d élan") == " Lead 3d Élan", "leading space kept; digits unchanged; non-ASCII letters too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "uses-title", "fails": ["t3"]}
import re


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate(text, width, *, suffix="..."):
    return text if len(text) <= width else text[: width - len(suffix)] + suffix


def capitalize_words(text):
    return text.title()

# %% course={"kind": "wrong", "id": "suffix-not-counted", "fails": ["t2"]}
import re


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate(text, width, *, suffix="..."):
    return text if len(text) <= width else text[:width] + suffix


def capitalize_words(text):
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))

# %% course={"kind": "wrong", "id": "isalnum-keeps-accents", "fails": ["t1"]}
import re


def slugify(text):
    kept = "".join(c.lower() if c.isalnum() else "-" for c in text)  # isalnum() is true for é, ü...
    return re.sub("-+", "-", kept).strip("-")


def truncate(text, width, *, suffix="..."):
    return text if len(text) <= width else text[: width - len(suffix)] + suffix


def capitalize_words(text):
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))

# %% course={"kind": "wrong", "id": "suffix-or-default", "fails": ["t2"]}
import re


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def truncate(text, width, *, suffix="..."):
    suffix = suffix or "..."  # an empty suffix is taken as "not given"
    return text if len(text) <= width else text[: width - len(suffix)] + suffix


def capitalize_words(text):
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))

# %% course={"kind": "wrong", "id": "slug-per-char", "fails": ["t1"]}
import re


def slugify(text):
    return re.sub(r"[^a-z0-9]", "-", text.lower())


def truncate(text, width, *, suffix="..."):
    return text if len(text) <= width else text[: width - len(suffix)] + suffix


def capitalize_words(text):
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))

# %% [markdown] course={"kind": "exercise", "id": "util-numbers", "item": "project-3-1-1"}
# ### Mini-project: Utility library, part 2: numbers
#
# Three number helpers:
#
# - `clamp(value, low, high)`: `value` limited to the range `[low, high]`; raises `ValueError`
#   if `low > high` (`low == high` is a valid, one-value range). `clamp(120, 0, 100)` → `100`.
# - `round_to(value, step)`: the nearest multiple of `step`; a value exactly halfway goes to the
#   **higher** multiple, also for negative values. `round_to(37, 5)` → `35`, `round_to(38, 5)` →
#   `40`, `round_to(7.5, 5)` → `10`, `round_to(-7.5, 5)` → `-5`.
# - `is_prime(n)`: `True` for primes. Numbers below 2 are not prime. Test divisors only up to
#   the square root of `n`, so `is_prime(1_000_000_007)` answers at once.

# %% [markdown] course={"kind": "hint"}
# `clamp` is `max(low, min(value, high))` after the check. For `round_to`,
# `math.floor(value / step + 0.5) * step` rounds halves up; Python's `round()` rounds halves to
# the nearest *even* number, which is not what is asked.

# %% [markdown] course={"kind": "hint"}
# For `is_prime`, `math.isqrt(n)` gives the largest whole number whose square is at most `n`:
# try divisors from 2 to that (inclusive).

# %% course={"kind": "solution"}
import math


def clamp(value: float, low: float, high: float) -> float:
    """Limit ``value`` to the range ``low``..``high``."""
    ### BEGIN SOLUTION
    if low > high:
        raise ValueError(f"empty range: {low} > {high}")
    return max(low, min(value, high))
    ### END SOLUTION


def round_to(value: float, step: float) -> float:
    """Round ``value`` to the nearest multiple of ``step``; halves go up."""
    ### BEGIN SOLUTION
    return math.floor(value / step + 0.5) * step
    ### END SOLUTION


def is_prime(n: int) -> bool:
    """Return True when ``n`` is a prime number."""
    ### BEGIN SOLUTION
    if n < 2:
        return False
    for divisor in range(2, math.isqrt(n) + 1):
        if n % divisor == 0:
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert clamp(120, 0, 100) == 100 and clamp(-5, 0, 100) == 0 and clamp(42, 0, 100) == 42, "limit to the range"
assert clamp(0, 0, 100) == 0 and clamp(100, 0, 100) == 100, "both ends belong to the range"
assert clamp(9, 3, 3) == 3 and clamp(-9, -8, -2) == -8, "a one-value range, and a negative range"
try:
    clamp(5, 10, 1)
except ValueError:
    pass
else:
    raise AssertionError("low > high must raise ValueError")

# %% course={"kind": "test", "points": 1}
assert round_to(37, 5) == 35 and round_to(38, 5) == 40, "round to the nearest multiple"
assert round_to(7.5, 5) == 10, "a half rounds up"
assert round_to(-7, 5) == -5 and round_to(-8, 5) == -10, "negative values round to the nearest multiple too"
### BEGIN HIDDEN TESTS
assert round_to(2.5, 5) == 5 and round_to(12.5, 5) == 15, "halves always round up, never to even"
assert round_to(-7.5, 5) == -5 and round_to(-12.5, 5) == -10, "negative halves go to the higher multiple"
assert round_to(250, 100) == 300 and round_to(0, 5) == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert [n for n in range(20) if is_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19], "primes below 20"
assert is_prime(49) is False, "49 = 7 * 7: include the square root itself"
assert is_prime(2) is True and is_prime(4) is False, "2 is the only even prime"
### BEGIN HIDDEN TESTS
assert is_prime(-7) is False and is_prime(0) is False and is_prime(1) is False
assert is_prime(1_000_000_007) is True, "check divisors only up to the square root"
assert is_prime(1_000_003 * 1_000_033) is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "bankers-rounding", "fails": ["t2"]}
import math


def clamp(value, low, high):
    if low > high:
        raise ValueError("empty range")
    return max(low, min(value, high))


def round_to(value, step):
    return round(value / step) * step


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))

# %% course={"kind": "wrong", "id": "truncates-toward-zero", "fails": ["t2"]}
import math


def clamp(value, low, high):
    if low > high:
        raise ValueError("empty range")
    return max(low, min(value, high))


def round_to(value, step):
    return int(value / step + 0.5) * step  # int() cuts toward zero: wrong below zero


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))

# %% course={"kind": "wrong", "id": "equal-bounds-rejected", "fails": ["t1"]}
import math


def clamp(value, low, high):
    if low >= high:
        raise ValueError("empty range")
    return max(low, min(value, high))


def round_to(value, step):
    return math.floor(value / step + 0.5) * step


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))

# %% course={"kind": "wrong", "id": "sqrt-exclusive", "fails": ["t3"]}
import math


def clamp(value, low, high):
    if low > high:
        raise ValueError("empty range")
    return max(low, min(value, high))


def round_to(value, step):
    return math.floor(value / step + 0.5) * step


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n)))

# %% [markdown] course={"kind": "exercise", "id": "util-lists", "item": "project-3-1-1"}
# ### Mini-project: Utility library, part 3: lists
#
# Three list helpers. None of them may change the list they are given.
#
# - `chunk(items, size)`: split into lists of `size` items; the last may be shorter (never
#   empty). `size` below 1 raises `ValueError`. `chunk([1, 2, 3, 4, 5], 2)` → `[[1, 2], [3, 4], [5]]`.
# - `flatten(list_of_lists)`: one level of nesting removed. `flatten([[1, 2], [3], []])` →
#   `[1, 2, 3]`.
# - `unique(items)`: the items without repeats, **keeping the order of first appearance**.
#   `unique(["b", "a", "b", "c", "a"])` → `['b', 'a', 'c']`.

# %% [markdown] course={"kind": "hint"}
# `chunk`: a list comprehension over `range(0, len(items), size)` with slices.

# %% [markdown] course={"kind": "hint"}
# `unique`: a `set()` of what you have seen plus a result list. `list(set(items))` loses the
# order.

# %% course={"kind": "solution", "equivalent": {"m-9d5e3a0a": "for size 0, range() with step 0 raises ValueError itself"}}
def chunk(items: list, size: int) -> list[list]:
    """Split ``items`` into consecutive lists of ``size`` items."""
    ### BEGIN SOLUTION
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[i : i + size] for i in range(0, len(items), size)]
    ### END SOLUTION


def flatten(list_of_lists: list[list]) -> list:
    """Remove one level of nesting."""
    ### BEGIN SOLUTION
    return [item for inner in list_of_lists for item in inner]
    ### END SOLUTION


def unique(items: list) -> list:
    """Drop repeated items, keeping the first occurrence of each."""
    ### BEGIN SOLUTION
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]], f"got {chunk([1, 2, 3, 4, 5], 2)}"
assert chunk([], 3) == [], "no items, no chunks"
assert chunk([1, 2, 3, 4], 2) == [[1, 2], [3, 4]], "an exact multiple leaves no empty chunk at the end"
assert chunk([1, 2], 5) == [[1, 2]], "a size larger than the list gives one chunk"
assert chunk([1, 2], 1) == [[1], [2]], "size 1 is the smallest valid size"
for bad_size in (0, -2):
    try:
        chunk([1], bad_size)
    except ValueError:
        pass
    else:
        raise AssertionError(f"size {bad_size} must raise ValueError")

# %% course={"kind": "test", "points": 1}
nested = [[1, 2], [3], []]
assert flatten(nested) == [1, 2, 3], f"got {flatten(nested)}"
assert nested == [[1, 2], [3], []], "flatten must not change its argument"

# %% course={"kind": "test", "points": 1}
items = ["b", "a", "b", "c", "a"]
assert unique(items) == ["b", "a", "c"], "keep first occurrences, in order"
assert items == ["b", "a", "b", "c", "a"], "unique must not change its argument"
### BEGIN HIDDEN TESTS
assert unique(list(range(50, 0, -1)) * 2) == list(range(50, 0, -1)), "order of first appearance, not sorted"
assert unique([]) == []
assert unique([0, "", None, 0, "", None]) == [0, "", None], "falsy items are items too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "set-order", "fails": ["t3"]}
def chunk(items, size):
    if size < 1:
        raise ValueError("size")
    return [items[i : i + size] for i in range(0, len(items), size)]


def flatten(list_of_lists):
    return [x for inner in list_of_lists for x in inner]


def unique(items):
    return sorted(set(items))

# %% course={"kind": "wrong", "id": "only-zero-rejected", "fails": ["t1"]}
def chunk(items, size):
    if size == 0:
        raise ValueError("size")
    return [items[i : i + size] for i in range(0, len(items), size)]


def flatten(list_of_lists):
    return [x for inner in list_of_lists for x in inner]


def unique(items):
    return list(dict.fromkeys(items))

# %% course={"kind": "wrong", "id": "flatten-extends-first", "fails": ["t2"]}
def chunk(items, size):
    if size < 1:
        raise ValueError("size")
    return [items[i : i + size] for i in range(0, len(items), size)]


def flatten(list_of_lists):
    if not list_of_lists:
        return []
    result = list_of_lists[0]
    for inner in list_of_lists[1:]:
        result.extend(inner)
    return result


def unique(items):
    return list(dict.fromkeys(items))

# %% [markdown] course={"kind": "task", "id": "util-module", "item": "project-3-1-1", "points": 3}
# ### Package the utility library
#
# Put the nine helpers from the three parts (plus at least one more of your own, such as
# `human_bytes(n)` or `parse_bool(text)`) into a module `utils.py`. Every function gets a
# docstring in one style (Google, NumPy or Sphinx, but the same throughout) and type hints. Add
# a short usage example to each docstring, written as `>>>` lines, and check them with
# `python -m doctest -v utils.py`. Paste the last lines of the doctest output below.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: at least ten functions, all with type hints on every parameter and the return value.
# - 1 point: one docstring style used consistently, each with a summary line and the parameters
#   described (units, edge cases, errors raised).
# - 1 point: doctest examples in every docstring, and the pasted output shows them all passing.

# %% [markdown] course={"kind": "exercise", "id": "cli-parser", "item": "project-3-1-2"}
# ### Mini-project: A small command-line argument parser
#
# Write `parse_cli(argv)` that sorts a list of command-line words into a dict with three keys:
#
# - `"positional"`: plain words, in order (a word with a single dash, such as `-n`, is a plain
#   word here);
# - `"flags"`: the names of words starting with `--` **without** a `=` (`"--verbose"` gives
#   `"verbose"`), in order, no repeats;
# - `"options"`: `key=value` pairs, from both `--key=value` and bare `key=value` words, as a
#   dict of strings (an empty value, as in `tag=`, is kept as `""`); a later value for the same
#   key wins.
#
# A lone `--` ends parsing: every word after it is positional, whatever it looks like. The
# input list must not be changed.
#
# ```python
# parse_cli(["deploy", "--dry-run", "env=prod", "--replicas=3", "api"])
# # {'positional': ['deploy', 'api'], 'flags': ['dry-run'], 'options': {'env': 'prod', 'replicas': '3'}}
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over the words with one `if`/`elif` chain: the `--` case first, then `--` prefixes, then
# words containing `=`, then everything else.

# %% [markdown] course={"kind": "hint"}
# `word.partition("=")` splits at the first `=` only, so `url=http://x?a=b` keeps the rest of
# the value intact. Keep a boolean `only_positional` that turns on at `--`.

# %% course={"kind": "solution"}
def parse_cli(argv: list[str]) -> dict:
    """Split command-line words into positional words, flags and key=value options."""
    ### BEGIN SOLUTION
    result: dict = {"positional": [], "flags": [], "options": {}}
    only_positional = False
    for word in argv:
        if only_positional:
            result["positional"].append(word)
        elif word == "--":
            only_positional = True
        elif word.startswith("--") and "=" not in word:
            name = word[2:]
            if name not in result["flags"]:
                result["flags"].append(name)
        elif "=" in word:
            key, _, value = word.removeprefix("--").partition("=")
            result["options"][key] = value
        else:
            result["positional"].append(word)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = parse_cli(["deploy", "--dry-run", "env=prod", "--replicas=3", "api"])
assert got["positional"] == ["deploy", "api"], f"positional: {got['positional']}"
assert got["flags"] == ["dry-run"], f"flags: {got['flags']}"
assert got["options"] == {"env": "prod", "replicas": "3"}, f"options: {got['options']}"

# %% course={"kind": "test", "points": 1}
got = parse_cli(["--v", "--v", "url=http://x/?a=b", "url=http://y", "--quiet"])
assert got["flags"] == ["v", "quiet"], "flags keep their order and appear once"
assert got["options"] == {"url": "http://y"}, "later values win; split at the first '=' only"
assert parse_cli([]) == {"positional": [], "flags": [], "options": {}}, "empty input gives empty parts"
got = parse_cli(["-n", "prod", "--tag=", "note="])
assert got["positional"] == ["-n", "prod"] and got["flags"] == [], f"a single dash is a plain word, got {got}"
assert got["options"] == {"tag": "", "note": ""}, f"empty values are kept as empty strings, got {got['options']}"
### BEGIN HIDDEN TESTS
assert parse_cli(["a=1=2"])["options"] == {"a": "1=2"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
words = ["run", "--", "--not-a-flag", "x=1"]
got = parse_cli(words)
assert got["positional"] == ["run", "--not-a-flag", "x=1"], f"after '--' everything is positional, got {got}"
assert got["flags"] == [] and got["options"] == {}, "nothing after '--' is a flag or an option"
assert words == ["run", "--", "--not-a-flag", "x=1"], "the input list must not change"
### BEGIN HIDDEN TESTS
assert parse_cli(["--", "--"])["positional"] == ["--"], "only the first '--' is special"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-every-equals", "fails": ["t2"]}
def parse_cli(argv):
    result = {"positional": [], "flags": [], "options": {}}
    rest = False
    for word in argv:
        if rest:
            result["positional"].append(word)
        elif word == "--":
            rest = True
        elif word.startswith("--") and "=" not in word:
            if word[2:] not in result["flags"]:
                result["flags"].append(word[2:])
        elif "=" in word:
            key, value = word.removeprefix("--").split("=")[:2]
            result["options"][key] = value
        else:
            result["positional"].append(word)
    return result

# %% course={"kind": "wrong", "id": "single-dash-flags", "fails": ["t2"]}
def parse_cli(argv):
    result = {"positional": [], "flags": [], "options": {}}
    rest = False
    for word in argv:
        if rest:
            result["positional"].append(word)
        elif word == "--":
            rest = True
        elif word.startswith("-") and "=" not in word:  # takes -n for a flag too
            name = word.lstrip("-")
            if name not in result["flags"]:
                result["flags"].append(name)
        elif "=" in word:
            key, _, value = word.removeprefix("--").partition("=")
            result["options"][key] = value
        else:
            result["positional"].append(word)
    return result

# %% course={"kind": "wrong", "id": "no-double-dash", "fails": ["t3"]}
def parse_cli(argv):
    result = {"positional": [], "flags": [], "options": {}}
    for word in argv:
        if word.startswith("--") and "=" not in word:
            if word[2:] and word[2:] not in result["flags"]:
                result["flags"].append(word[2:])
        elif "=" in word:
            key, _, value = word.removeprefix("--").partition("=")
            result["options"][key] = value
        elif word != "--":
            result["positional"].append(word)
    return result

# %% [markdown] course={"kind": "task", "id": "cli-parser-script", "item": "project-3-1-2", "points": 2}
# ### Wire the parser to a real command line
#
# Save `parse_cli` in a script `cli.py` whose `main()` calls `parse_cli(sys.argv[1:])` and
# prints the result as JSON (`json.dumps(result, indent=2)`), guarded by
# `if __name__ == "__main__":`. Run it with a mix of words, including a quoted value with a space
# (`python3 cli.py deploy --wait "msg=hello world" -- --raw`) and paste the command and output.
# In one sentence: who split the words before Python saw them?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the script runs and prints JSON with the three keys; the quoted value arrives as one
#   option `msg` with the value `hello world`.
# - 1 point: the explanation says the shell splits the command line (respecting quotes) and
#   Python receives the pieces in `sys.argv`.

# %% [markdown] course={"kind": "exercise", "id": "leap-year", "item": "dsa-write-a-function"}
# ### Problem: Is it a leap year? (after HackerRank's *Write a function*)
#
# Write `is_leap(year)` that returns `True` when `year` is a leap year in the Gregorian
# calendar:
#
# - a year divisible by 4 is a leap year,
# - **except** a year divisible by 100, which is not,
# - **except** a year divisible by 400, which is one after all.
#
# ```python
# is_leap(2024)   # True
# is_leap(1900)   # False   (divisible by 100)
# is_leap(2000)   # True    (divisible by 400)
# ```

# %% [markdown] course={"kind": "hint"}
# Test the most specific rule first: 400, then 100, then 4.

# %% [markdown] course={"kind": "hint"}
# It fits in one boolean expression:
# `year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)`.

# %% course={"kind": "solution"}
def is_leap(year: int) -> bool:
    ### BEGIN SOLUTION
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_leap(2024) is True, "2024 is divisible by 4"
assert is_leap(2023) is False, "2023 is not divisible by 4"

# %% course={"kind": "test", "points": 1}
assert is_leap(1900) is False, "1900 is divisible by 100 and not by 400"
assert is_leap(2000) is True, "2000 is divisible by 400"
### BEGIN HIDDEN TESTS
import calendar

assert all(is_leap(y) == calendar.isleap(y) for y in range(1583, 2500)), "compare with calendar.isleap"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-four", "fails": ["t2"]}
def is_leap(year):
    return year % 4 == 0

# %% course={"kind": "wrong", "id": "forgot-400", "fails": ["t2"]}
def is_leap(year):
    return year % 4 == 0 and year % 100 != 0

# %% [markdown] course={"kind": "exercise", "id": "balanced-brackets", "item": "dsa-valid-parentheses"}
# ### Problem: Balanced brackets (after LeetCode's *Valid Parentheses*)
#
# A config templating tool must reject expressions whose brackets do not match. Write
# `is_balanced(text)` that returns `True` when every `(`, `[` and `{` in `text` is closed by the
# matching bracket in the right order, and no closing bracket appears without its opener. Other
# characters are ignored.
#
# ```python
# is_balanced("{env: [a, (b)]}")   # True
# is_balanced("([)]")              # False  (closed in the wrong order)
# is_balanced("((")                # False  (never closed)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a stack (a list) of the openers you have seen. A closer must match the opener on top.

# %% [markdown] course={"kind": "hint"}
# Three ways to fail: a closer arrives when the stack is empty, a closer does not match the top,
# or the stack is not empty at the end.

# %% course={"kind": "solution"}
def is_balanced(text: str) -> bool:
    ### BEGIN SOLUTION
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_balanced("{env: [a, (b)]}") is True, "properly nested brackets are balanced"
assert is_balanced("") is True, "no brackets at all is balanced"
assert is_balanced("()[]{}") is True, "three pairs side by side are balanced"

# %% course={"kind": "test", "points": 1}
assert is_balanced("([)]") is False, "([)] closes in the wrong order"
assert is_balanced("((") is False, "openers that are never closed"
assert is_balanced(")(") is False, "a closer before its opener"
### BEGIN HIDDEN TESTS
assert is_balanced("]") is False and is_balanced("{") is False
assert is_balanced("(" * 500 + ")" * 500) is True
assert is_balanced("(" * 500 + ")" * 499 + "]") is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-only", "fails": ["t2"]}
def is_balanced(text):
    return all(text.count(o) == text.count(c) for o, c in ["()", "[]", "{}"])

# %% course={"kind": "wrong", "id": "forgets-leftovers", "fails": ["t2"]}
def is_balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "merge-sorted", "item": "dsa-merge-two-sorted-lists"}
# ### Problem: Merge two sorted lists (after LeetCode's *Merge Two Sorted Lists*)
#
# Two log shippers each send you a list of timestamps, already sorted. Write
# `merge_sorted(first, second)` that returns **one new sorted list** with every item of both
# (a new list even when one input is empty). Do it in a single pass: compare the front items,
# take the smaller, move on. When two items are equal, the one from `first` comes first. Neither
# input list may be changed.
#
# The tests count comparisons: a single pass needs at most `len(first) + len(second) - 1`.
# Sorting the concatenation needs more.
#
# ```python
# merge_sorted([1, 4, 9], [2, 3, 10, 11])   # [1, 2, 3, 4, 9, 10, 11]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two indexes `i` and `j`. While both lists have items left, append the smaller front item
# and advance its index. Use `<=` when deciding whether to take from `first`, so ties keep
# `first` in front.

# %% [markdown] course={"kind": "hint"}
# When one list runs out, the rest of the other is already sorted: `result.extend(first[i:])`
# and `result.extend(second[j:])`.

# %% course={"kind": "solution"}
def merge_sorted(first: list, second: list) -> list:
    ### BEGIN SOLUTION
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        if second[j] < first[i]:
            result.append(second[j])
            j += 1
        else:
            result.append(first[i])
            i += 1
    result.extend(first[i:])
    result.extend(second[j:])
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert merge_sorted([1, 4, 9], [2, 3, 10, 11]) == [1, 2, 3, 4, 9, 10, 11], f"got {merge_sorted([1, 4, 9], [2, 3, 10, 11])}"
assert merge_sorted([], [1, 2]) == [1, 2] and merge_sorted([3], []) == [3], "one side may be empty"
assert merge_sorted([5, 6], [1, 2]) == [1, 2, 5, 6], "the leftover of either list must be kept"

# %% course={"kind": "test", "points": 1}
a, b = [1, 3, 5], [2, 4, 6]
merge_sorted(a, b)
assert a == [1, 3, 5] and b == [2, 4, 6], f"the inputs were changed to {a} and {b}"
empty, full = [], [1, 2]
assert merge_sorted(empty, full) is not full and merge_sorted(full, empty) is not full, "return a new list, not one of the inputs"
assert merge_sorted([], []) == [] and merge_sorted([-3, 0, 0], [-5, 0]) == [-5, -3, 0, 0, 0], "negatives and duplicates"

# %% course={"kind": "test", "points": 2}
class Stamp:
    comparisons = 0

    def __init__(self, value, source):
        self.value, self.source = value, source

    def __lt__(self, other):
        Stamp.comparisons += 1
        return self.value < other.value

    def __le__(self, other):
        Stamp.comparisons += 1
        return self.value <= other.value

    def __gt__(self, other):
        Stamp.comparisons += 1
        return self.value > other.value

    def __ge__(self, other):
        Stamp.comparisons += 1
        return self.value >= other.value


left = [Stamp(v, "first") for v in range(0, 200, 2)]
right = [Stamp(v, "second") for v in range(1, 200, 2)]
limit = len(left) + len(right) - 1
merged = merge_sorted(left, right)
assert [s.value for s in merged] == list(range(200)), "merged values are out of order"
assert Stamp.comparisons <= limit, f"{Stamp.comparisons} comparisons; one pass needs at most {limit}"
tied = merge_sorted([Stamp(1, "first"), Stamp(2, "first")], [Stamp(1, "second"), Stamp(2, "second")])
assert [s.source for s in tied] == ["first", "second", "first", "second"], "on a tie, the item from first goes first"

# %% course={"kind": "wrong", "id": "sort-concatenation", "fails": ["t3"]}
def merge_sorted(first, second):
    return sorted(first + second)

# %% course={"kind": "wrong", "id": "pops-inputs", "fails": ["t2"]}
def merge_sorted(first, second):
    result = []
    while first and second:
        result.append(second.pop(0) if second[0] < first[0] else first.pop(0))
    return result + first + second

# %% course={"kind": "wrong", "id": "returns-other-input", "fails": ["t2"]}
def merge_sorted(first, second):
    if not first:
        return second  # the caller's own list, not a new one
    if not second:
        return first
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        if second[j] < first[i]:
            result.append(second[j])
            j += 1
        else:
            result.append(first[i])
            i += 1
    return result + first[i:] + second[j:]

# %% course={"kind": "wrong", "id": "ties-from-second", "fails": ["t3"]}
def merge_sorted(first, second):
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        if first[i] < second[j]:  # on a tie, takes from second
            result.append(first[i])
            i += 1
        else:
            result.append(second[j])
            j += 1
    return result + first[i:] + second[j:]

# %% course={"kind": "wrong", "id": "drops-leftover", "fails": ["t1", "t2", "t3"]}
def merge_sorted(first, second):
    result = []
    i = j = 0
    while i < len(first) and j < len(second):
        if second[j] < first[i]:
            result.append(second[j])
            j += 1
        else:
            result.append(first[i])
            i += 1
    return result

# %% [markdown] course={"kind": "exercise", "id": "power-of-two", "item": "dsa-power-of-two"}
# ### Problem: Is it a power of two? (after LeetCode's *Power of Two*)
#
# Buffer sizes and shard counts are often required to be powers of two. Write
# `is_power_of_two(n)` for any integer `n` (possibly zero, negative or huge) that returns `True`
# when `n == 2**k` for some whole `k >= 0`.
#
# ```python
# is_power_of_two(1)     # True   (2**0)
# is_power_of_two(64)    # True
# is_power_of_two(96)    # False
# is_power_of_two(0)     # False
# ```

# %% [markdown] course={"kind": "hint"}
# A loop works: while `n` is even and positive, halve it; a power of two ends at 1.

# %% [markdown] course={"kind": "hint"}
# The bit trick: a power of two has exactly one 1-bit, and `n & (n - 1)` clears the lowest
# 1-bit. Do not forget that 0 and negative numbers are never powers of two.

# %% course={"kind": "solution"}
def is_power_of_two(n: int) -> bool:
    ### BEGIN SOLUTION
    return n > 0 and n & (n - 1) == 0
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_power_of_two(1) is True, "1 is 2**0"
assert is_power_of_two(64) is True and is_power_of_two(1024) is True, "64 and 1024 are powers of two"
assert is_power_of_two(96) is False and is_power_of_two(6) is False, "even is not enough"

# %% course={"kind": "test", "points": 1}
assert is_power_of_two(0) is False, "0 is not a power of two"
assert is_power_of_two(-8) is False, "negative numbers are not powers of two"
### BEGIN HIDDEN TESTS
assert is_power_of_two(2**200) is True and is_power_of_two(2**200 + 2) is False
assert [n for n in range(-5, 70) if is_power_of_two(n)] == [1, 2, 4, 8, 16, 32, 64]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "forgets-zero", "fails": ["t2"]}
def is_power_of_two(n):
    return n & (n - 1) == 0

# %% course={"kind": "wrong", "id": "even-check", "fails": ["t1", "t2"]}
def is_power_of_two(n):
    return n > 0 and n % 2 == 0

# %% [markdown] course={"kind": "exercise", "id": "add-digit-lists", "item": "dsa-add-two-numbers"}
# ### Problem: Add numbers stored digit by digit (after LeetCode's *Add Two Numbers*)
#
# A legacy system stores big counters as lists of decimal digits, **least significant digit
# first**: 342 is `[2, 4, 3]`. Write `add_digits(a, b)` that returns the sum in the same form,
# working digit by digit with a carry (as you would on paper: Python's big integers would let
# you convert and add, but the point is the carry loop that other languages and fixed-width
# counters need). The lists may have different lengths; neither input may be changed. Zero is
# `[0]`.
#
# ```python
# add_digits([2, 4, 3], [5, 6, 4])   # [7, 0, 8]        (342 + 465 = 807)
# add_digits([9, 9], [1])            # [0, 0, 1]        (99 + 1 = 100)
# ```

# %% [markdown] course={"kind": "hint"}
# Walk an index `i` from 0 while either list still has a digit at `i` **or** there is a carry.
# A missing digit counts as 0.

# %% [markdown] course={"kind": "hint"}
# `carry, digit = divmod(x + y + carry, 10)` gives both parts at once.

# %% course={"kind": "solution"}
def add_digits(a: list[int], b: list[int]) -> list[int]:
    ### BEGIN SOLUTION
    result = []
    carry = 0
    i = 0
    while i < len(a) or i < len(b) or carry:
        x = a[i] if i < len(a) else 0
        y = b[i] if i < len(b) else 0
        carry, digit = divmod(x + y + carry, 10)
        result.append(digit)
        i += 1
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert add_digits([2, 4, 3], [5, 6, 4]) == [7, 0, 8], "342 + 465 = 807"
assert add_digits([0], [0]) == [0], "0 + 0 = 0"

# %% course={"kind": "test", "points": 1}
assert add_digits([9, 9], [1]) == [0, 0, 1], "99 + 1 = 100: the last carry becomes a new digit"
assert add_digits([1], [9, 9, 9]) == [0, 0, 0, 1], "the second list may be the longer one"
### BEGIN HIDDEN TESTS
a, b = [9] * 300, [1]
assert add_digits(a, b) == [0] * 300 + [1], "a long carry chain"
assert a == [9] * 300 and b == [1], "inputs unchanged"
import random

rng = random.Random(31)
for _ in range(50):
    x, y = rng.randrange(10**40), rng.randrange(10**25)
    digits = lambda n: [int(c) for c in reversed(str(n))]
    assert add_digits(digits(x), digits(y)) == digits(x + y), f"{x} + {y}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zip-stops-short", "fails": ["t2"]}
def add_digits(a, b):
    result, carry = [], 0
    for x, y in zip(a, b):
        carry, digit = divmod(x + y + carry, 10)
        result.append(digit)
    if carry:
        result.append(carry)
    return result

# %% course={"kind": "wrong", "id": "drops-final-carry", "fails": ["t2"]}
def add_digits(a, b):
    result, carry = [], 0
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else 0
        y = b[i] if i < len(b) else 0
        carry, digit = divmod(x + y + carry, 10)
        result.append(digit)
    return result

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between"}
# A **parameter** is a name in the function's definition (`def deploy(service, replicas=1)` has
# the parameters `service` and `replicas`); an **argument** is the value supplied for it in a
# particular call (`deploy("api", 3)` passes the arguments `"api"` and `3`). Calling a function
# binds arguments to parameters, by position or by keyword.

# %% [markdown] course={"kind": "answer", "question": "q-explain-args-and-kwargs"}
# In a definition, `*args` gathers any extra positional arguments into a tuple and `**kwargs`
# gathers any extra keyword arguments into a dict; the names are convention, the stars are the
# syntax. They let a function accept a variable number of inputs (`total(*values)`) or forward
# options it does not care about to another function (a wrapper passing `**kwargs` to
# `subprocess.run`). In a call the stars work the other way round: `f(*items, **options)`
# unpacks a sequence into positional arguments and a dict into keyword arguments.

# %% [markdown] course={"kind": "answer", "question": "q-what-happens-with-mutable-default"}
# The default is evaluated once, when the `def` runs, and the same object is reused by every
# call that omits the argument. If the function mutates it (appends to a default list, sets a
# key in a default dict), the change persists into later calls, so calls leak state into each
# other. The fix is `param=None` and creating a new list or dict inside the function when
# `param is None`.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-pass-arguments-to"}
# By object reference (sometimes called "call by sharing"): the parameter becomes a new name for
# the very object the caller passed; nothing is copied. Mutating that object (`append`, item
# assignment) is visible to the caller; rebinding the parameter (`x = ...`) only changes the
# local name. Immutable objects therefore behave as if passed by value and mutable ones as if
# passed by reference, but it is one mechanism. Unlike true pass-by-reference, the function can
# never make the caller's *variable* point to a different object.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-pure-function"}
# A function whose result depends only on its arguments and which has no side effects: no
# mutation of its inputs or of global state, no I/O, no reliance on time or randomness. Called
# twice with the same arguments it returns the same value and leaves the world as it was. Such
# functions are easy to test, to cache (`functools.lru_cache`) and to run in parallel, which is
# why good code keeps the impure parts (files, network, printing) thin and at the edges.

# %% course={"kind": "trap", "trap": "trap-def-func-data-mutable-default-creates"}
# One default list is created when `def` runs, and every call that leaves `seen` out shares it.
def record_alert(alert, seen=[]):
    seen.append(alert)
    return len(seen)


print("alerts so far:", record_alert("disk full"))
print("alerts so far:", record_alert("cpu high"))  # 2, although this call passed one alert
print("the shared default:", record_alert.__defaults__[0])

# %% course={"kind": "trap", "trap": "trap-confusing-pass-by-reference-with-pass-by"}
# With real pass-by-reference, assigning to the parameter would change the caller's variable.
# In Python it only rebinds the local name; only mutation reaches the caller's object.
def reset(config):
    config = {}  # rebinding: the caller never sees this


def clear(config):
    config.clear()  # mutation: the caller sees this


settings = {"debug": True}
reset(settings)
print("after reset():", settings)
clear(settings)
print("after clear():", settings)

# %% course={"kind": "trap", "trap": "trap-modifying-mutable-arguments"}
# A helper that "just sorts to find the median" reorders the caller's list as a side effect.
def median(values):
    values.sort()  # in place!
    return values[len(values) // 2]


latencies = [250, 30, 120]  # in arrival order, which matters for the caller
print("median:", median(latencies))
print("caller's list is now:", latencies)


def median_safe(values):
    ordered = sorted(values)  # a new list
    return ordered[len(ordered) // 2]


latencies = [250, 30, 120]
print("median_safe:", median_safe(latencies), "| list kept:", latencies)

# %% course={"kind": "trap", "trap": "trap-not-returning-anything-when-a-value-is"}
# The function computes the right value, but forgets to hand it back.
def image_tag(service, version):
    tag = f"registry.local/{service}:{version}"  # no return statement


tag = image_tag("api", "1.4.2")
print("tag is", repr(tag))
try:
    print(tag.split(":"))
except AttributeError as err:
    print("AttributeError far from the bug:", err)
