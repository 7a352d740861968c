# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can make your own value objects (versions, sizes, durations,
# money) behave like built-in ones: printable, comparable, hashable, summable, iterable, callable and
# usable in `with`, and you know which dunder method Python calls for each piece of syntax.

# %% course={"kind": "setup", "id": "query-db"}
# The query-builder exercise's tests run the generated SQL on a real engine: SQLite, in the standard library.
import sqlite3


def run_query(query):
    """Run a Query against a small in-memory database and return its rows, sorted."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(
            "CREATE TABLE teams (id INTEGER, name TEXT);"
            "INSERT INTO teams VALUES (1, 'ml'), (2, 'ops');"
            "CREATE TABLE users (id INTEGER, name TEXT, age INTEGER, team_id INTEGER, email TEXT);"
            "INSERT INTO users VALUES (1, 'ana', 34, 1, 'ana@x.io'), (2, 'bo', 17, 1, NULL), (3, 'cy', 51, 2, 'cy@x.io'),"
            " (4, 'di', 25, 2, NULL), (5, 'ed', 18, NULL, 'ed@x.io');"
        )
        text, params = query.sql()
        return sorted(db.execute(text, params).fetchall())
    finally:
        db.close()

# %% [markdown] course={"kind": "lesson", "id": "dunders", "covers": ["c-what-are-magic-dunder-methods"]}
# ### Dunder methods: the hooks behind the syntax
#
# A **magic** or **dunder** method ("double underscore") is a method whose name starts and ends with
# two underscores, such as `__len__` or `__add__`. You rarely call one yourself: Python calls it
# when your object meets a piece of syntax or a built-in function. `len(x)` runs
# `type(x).__len__(x)`, `a + b` tries `type(a).__add__(a, b)`, `print(x)` runs `__str__`.
# Define the method on your class and your object joins the protocol: `sorted()`, `sum()`, `in`,
# `with`, `for`, f-strings and dict keys all start working.
#
# In DevOps and MLOps code this is how value objects such as a `Version("1.2.3")`, a
# `ByteSize("512MiB")` or a metric tensor read like numbers instead of method chains. The thing
# people get wrong: Python looks the method up on the **class**, not on the instance, so
# assigning `obj.__len__ = ...` to one object does nothing for `len(obj)`.

# %% course={"kind": "demo"}
class Replicas:
    def __init__(self, count: int) -> None:
        self.count = count

    def __len__(self) -> int:
        return self.count


r = Replicas(3)
print("len(r) calls Replicas.__len__(r):", len(r), Replicas.__len__(r))
r.__len__ = lambda: 99  # set on the instance: the syntax ignores it
print("after setting r.__len__ on the instance: len(r) =", len(r), "| r.__len__() =", r.__len__())
print("some dunders every class inherits from object:", [n for n in ("__eq__", "__hash__", "__repr__", "__str__", "__len__") if hasattr(object, n)])

# %% [markdown] course={"kind": "lesson", "id": "creation", "covers": ["c-object-creation-and-initialization", "c-new-object-creation", "c-init-object-initialization", "c-del-destructor-avoid-relying-on-it"]}
# ### Creating objects: `__new__`, `__init__` and `__del__`
#
# `Port(8080)` runs two hooks: `__new__(cls, ...)` **creates** and returns the object, then
# `__init__(self, ...)` **fills** it (section 5.1). You need `__new__` only when `__init__` is too
# late: subclassing an immutable type (`int`, `str`, `tuple`: their value is fixed at creation), or
# returning an existing object instead of a new one (a cache of interned values). If `__new__`
# returns an object that is not an instance of the class, `__init__` is skipped.
#
# `__del__` runs when CPython frees the object, which may be late or, at interpreter exit, never:
# an object caught in a reference cycle waits for the cycle collector. Never put cleanup you rely
# on (closing files, deleting temp folders, releasing locks) in `__del__`; use a context manager
# (lesson "Context managers" below) or `weakref.finalize`.

# %% course={"kind": "demo"}
class Port(int):
    """An int that is a valid TCP port; int is immutable, so the check goes in __new__."""

    def __new__(cls, value: int) -> "Port":
        if not 0 < int(value) < 65536:
            raise ValueError(f"port out of range: {value}")
        return super().__new__(cls, value)


p = Port("8080")
print(repr(p), type(p).__name__, "| still an int:", p + 1, isinstance(p, int))
try:
    Port(70000)
except ValueError as err:
    print("refused in __new__:", err)


class Interned:
    """__new__ may hand back an object that already exists."""

    _cache: dict[str, "Interned"] = {}

    def __new__(cls, name: str) -> "Interned":
        if name not in cls._cache:
            cls._cache[name] = super().__new__(cls)
        return cls._cache[name]

    def __init__(self, name: str) -> None:
        self.name = name


print("Interned('gpu') is Interned('gpu'):", Interned("gpu") is Interned("gpu"))

# %% [markdown] course={"kind": "lesson", "id": "representation", "covers": ["c-string-representation", "c-str-user-friendly-string", "c-repr-unambiguous-representation", "c-format-custom-formatting"]}
# ### Text: `__repr__`, `__str__` and `__format__`
#
# - `__repr__` is for developers: logs, the REPL, debuggers, and the items inside a printed list
#   or dict. Make it unambiguous, and where you can, valid Python that rebuilds an equal object:
#   `ByteSize(1536)`. Use `{value!r}` inside it so strings get their quotes.
# - `__str__` is for people: `print(x)`, `str(x)`, `f"{x}"`. It defaults to `__repr__`, so
#   define `__repr__` first, and `__str__` only when the human text differs (`1.5 KiB`).
# - `__format__(self, spec)` receives the text after the colon in `f"{x:spec}"`. With no
#   `__format__` of yours, an empty spec gives `str(x)` and any other spec raises `TypeError`.
#
# The common mistake: printing a list of objects and expecting `__str__`: containers always show
# their items' `repr`.

# %% course={"kind": "demo"}
class ByteSize:
    UNITS = ("B", "KiB", "MiB", "GiB")

    def __init__(self, count: int) -> None:
        self.count = count

    def __repr__(self) -> str:
        return f"ByteSize({self.count!r})"

    def __str__(self) -> str:
        return format(self, "")

    def __format__(self, spec: str) -> str:
        if spec in self.UNITS:  # f"{size:MiB}" converts to that unit
            return f"{self.count / 1024 ** self.UNITS.index(spec):.1f} {spec}"
        value, unit = float(self.count), "B"
        for unit in self.UNITS:
            if value < 1024 or unit == self.UNITS[-1]:
                break
            value /= 1024
        return f"{value:.1f} {unit}"


size = ByteSize(1_572_864)
print("str:", str(size), "| repr:", repr(size), "| in a list:", [size])
print(f"f-string: {size} | {size:KiB} | {size!r}")
print("repr round-trips through eval:", eval(repr(size)).count == size.count)
try:
    f"{object():>10}"
except TypeError as err:
    print("object without __format__:", err)

# %% [markdown] course={"kind": "lesson", "id": "comparison", "covers": ["c-comparison-operators", "c-eq-ne", "c-lt-le-gt-ge", "c-functools-total-ordering"]}
# ### Comparisons: `__eq__`, `__lt__` and `@total_ordering`
#
# `a == b` calls `a.__eq__(b)`. Without it, `==` means "same object" (`is`). `__ne__` comes for
# free: Python's default `__ne__` inverts your `__eq__`. The orderings `<`, `<=`, `>`, `>=` call
# `__lt__`, `__le__`, `__gt__`, `__ge__`; `sorted()`, `min()` and `max()` only need `__lt__`.
# Writing all four is repetitive, so `@functools.total_ordering` fills in the other three from
# `__eq__` plus one of them.
#
# When the other operand is a type you do not understand, **return `NotImplemented`** (the
# built-in constant, not the exception `NotImplementedError`). Python then asks the other operand
# (`b.__eq__(a)`), and if nobody knows, `==` falls back to identity (`False`) while `<` raises
# `TypeError`. Returning `False` instead hides bugs; raising breaks `x in mixed_list`.
# A neat trick for several fields: compare tuples, `(self.major, self.minor) < (other.major,
# other.minor)`, which compares field by field.

# %% course={"kind": "demo"}
import functools


@functools.total_ordering
class Release:
    def __init__(self, major: int, minor: int) -> None:
        self.major, self.minor = major, minor

    def __repr__(self) -> str:
        return f"Release({self.major}, {self.minor})"

    def _key(self) -> tuple[int, int]:
        return (self.major, self.minor)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Release):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: "Release") -> bool:
        if not isinstance(other, Release):
            return NotImplemented
        return self._key() < other._key()


releases = [Release(1, 10), Release(1, 9), Release(2, 0)]
print("sorted:", sorted(releases), "| max:", max(releases))
print("1.9 <= 1.10:", Release(1, 9) <= Release(1, 10), f"(comparing the strings says {'1.9' <= '1.10'})")
print("!= derived from __eq__:", Release(1, 9) != Release(1, 9))
print("== with a str:", Release(1, 0) == "1.0", "(both sides said NotImplemented: identity)")
try:
    Release(1, 0) < "1.0"
except TypeError as err:
    print("< with a str:", err)
print("total_ordering added:", sorted(n for n in ("__le__", "__gt__", "__ge__") if n in vars(Release)))

# %% [markdown] course={"kind": "lesson", "id": "arithmetic", "covers": ["c-arithmetic-operators", "c-add-sub-mul-truediv", "c-floordiv-mod-pow", "c-radd-etc-reflected-operators", "c-iadd-etc-in-place-operators"]}
# ### Arithmetic: `__add__`, reflected and in-place operators
#
# `a + b` runs a small algorithm:
#
# 1. try `type(a).__add__(a, b)`; if it returns `NotImplemented`,
# 2. try the **reflected** `type(b).__radd__(b, a)`; if that is missing or returns
#    `NotImplemented` too, raise `TypeError`.
#
# (If `b`'s type is a subclass of `a`'s that overrides `__radd__`, step 2 goes first.) The same
# holds for `-` `*` `/` `//` `%` `**` `@` with `__sub__`, `__mul__`, `__truediv__`,
# `__floordiv__`, `__mod__`, `__pow__`, `__matmul__` and their `__r...__` twins.
# `sum(items)` starts from `0`, so `0 + first_item` only works if your class has `__radd__`.
#
# `a += b` tries the **in-place** `__iadd__` first: a mutable object may change itself and must
# return `self`. Without `__iadd__`, Python computes `a + b` and rebinds the name, which is right
# for immutable value objects.
#
# The mistake people make is to let a foreign operand crash inside the method (an
# `AttributeError` from `other.seconds`) or, worse, return junk; return `NotImplemented` and let
# Python raise the proper `TypeError`.

# %% course={"kind": "demo"}
class Seconds:
    def __init__(self, value: float) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Seconds({self.value!r})"

    def __add__(self, other: object) -> "Seconds":
        if not isinstance(other, Seconds):
            return NotImplemented
        return Seconds(self.value + other.value)

    def __radd__(self, other: object) -> "Seconds":
        if other == 0:  # sum() starts with the int 0
            return self
        return NotImplemented

    def __mul__(self, factor: object) -> "Seconds":
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return Seconds(self.value * factor)

    __rmul__ = __mul__  # 3 * s is the same as s * 3

    def __floordiv__(self, other: object) -> int:
        if not isinstance(other, Seconds):
            return NotImplemented
        return int(self.value // other.value)  # how many whole `other`s fit


steps = [Seconds(1.5), Seconds(2.0), Seconds(0.5)]
print("sum(steps):", sum(steps), "| 3 * Seconds(2):", 3 * Seconds(2), "| Seconds(2) * 3:", Seconds(2) * 3)
print("how many 40 s probes fit in 5 min:", Seconds(300) // Seconds(40))
try:
    Seconds(1) + 5
except TypeError as err:
    print("Seconds(1) + 5:", err)

total = Seconds(0)
alias = total
total += Seconds(10)  # no __iadd__: computes total + Seconds(10) and rebinds the name
print("after +=, a new object:", total, "| the alias still sees", alias)
jobs = ["build"]
same = jobs
jobs += ["test"]  # list has __iadd__: changes the list in place
print("list += changed it in place:", same)

# %% [markdown] course={"kind": "lesson", "id": "containers", "covers": ["c-container-methods", "c-len-length", "c-getitem-setitem-delitem", "c-contains-membership", "c-iter-next-iteration"]}
# ### Containers: `__len__`, `__getitem__`, `__contains__`, `__iter__`
#
# | syntax | method |
# |---|---|
# | `len(c)`, and `bool(c)` when there is no `__bool__` | `__len__` |
# | `c[k]`, `c[k] = v`, `del c[k]` | `__getitem__`, `__setitem__`, `__delitem__` |
# | `x in c` | `__contains__`; without it Python **iterates** looking for `x` |
# | `for x in c`, `list(c)` | `__iter__`, which returns an iterator (an object with `__next__`) |
#
# An **iterable** has `__iter__`; an **iterator** also has `__next__`, which returns the next item
# or raises `StopIteration`, and its `__iter__` returns `self`. Make containers iterable (each
# `for` gets a fresh iterator, often from a generator `__iter__` with `yield`), and only streams
# iterators. The common mistake: making the container its own iterator, so a second loop over it
# sees nothing. Another: forgetting `__contains__`, so `in` walks every item.

# %% course={"kind": "demo"}
class Labels:
    """Kubernetes-style labels: a read-mostly mapping with a few container hooks."""

    def __init__(self, **labels: str) -> None:
        self._labels = dict(labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __getitem__(self, key: str) -> str:
        return self._labels[key]  # a missing key raises KeyError, as dicts do

    def __setitem__(self, key: str, value: str) -> None:
        self._labels[key] = value

    def __delitem__(self, key: str) -> None:
        del self._labels[key]

    def __contains__(self, key: object) -> bool:
        print(f"    (__contains__ asked for {key!r})")
        return key in self._labels

    def __iter__(self):
        yield from sorted(self._labels)  # a fresh generator for every loop


labels = Labels(app="api", tier="web")
labels["team"] = "ml"
del labels["tier"]
print("len:", len(labels), "| app:", labels["app"], "| keys:", list(labels), "| again:", list(labels))
print("'team' in labels ->", "team" in labels)
print("empty is falsy through __len__:", bool(Labels()))


class Countdown:
    """An iterator: __next__ hands out values until it raises StopIteration."""

    def __init__(self, start: int) -> None:
        self.current = start

    def __iter__(self) -> "Countdown":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


c = Countdown(3)
print("first loop:", list(c), "| second loop over the same iterator:", list(c))

# %% [markdown] course={"kind": "lesson", "id": "callables", "covers": ["c-callable-objects", "c-call-making-objects-callable"]}
# ### Callable objects: `__call__`
#
# `obj(args)` runs `type(obj).__call__(obj, args)`. A callable object is a function that carries
# state you can inspect: a retry policy with its counters, a metric that accumulates, a model
# wrapper holding its weights, a feature transform that remembers the mean it was fitted on.
# Anything that accepts a function (`map`, `sorted(key=...)`, a callback argument) accepts it.
# Compared with a closure, the state is in plain attributes with a `__repr__`, which is easier to
# test and to log. `callable(x)` tells whether `x` has `__call__`. The mistake: putting the setup
# work in `__call__` so it reruns on every call; do it once in `__init__`.

# %% course={"kind": "demo"}
class Standardize:
    """A feature transform fitted once, then called on every value like a function."""

    def __init__(self, values: list[float]) -> None:
        self.mean = sum(values) / len(values)
        self.std = (sum((v - self.mean) ** 2 for v in values) / len(values)) ** 0.5
        self.calls = 0

    def __call__(self, value: float) -> float:
        self.calls += 1
        return (value - self.mean) / self.std

    def __repr__(self) -> str:
        return f"Standardize(mean={self.mean}, std={self.std})"


scale = Standardize([10.0, 20.0, 30.0, 40.0])
print(scale, "| callable:", callable(scale))
print("map() accepts it:", [round(z, 3) for z in map(scale, [10.0, 25.0, 40.0])], "| calls:", scale.calls)

# %% [markdown] course={"kind": "lesson", "id": "attribute-access", "covers": ["c-attribute-access", "c-getattr-setattr-delattr", "c-getattribute-low-level"]}
# ### Attribute access: `__getattr__`, `__setattr__`, `__delattr__`, `__getattribute__`
#
# - `__getattr__(self, name)` runs **only when normal lookup fails**. It is the safe hook for
#   proxies and config objects that expose dict keys as attributes (`cfg.timeout`). It must raise
#   `AttributeError` for names it does not know, or `hasattr()` and `getattr(x, n, default)` break.
# - `__setattr__(self, name, value)` and `__delattr__(self, name)` run on **every** assignment
#   and `del`. Inside them, store through `super().__setattr__(name, value)` (or `object.`), never
#   `self.name = value`, which would call `__setattr__` again for ever.
# - `__getattribute__` runs on **every** attribute read, even `self.__dict__`: almost never what you
#   want, and easy to make recursive.
#
# The usual mistake is to reach for `__getattribute__` when `__getattr__` is meant (see the trap
# at the end).

# %% course={"kind": "demo"}
class Settings:
    """Read keys as attributes; refuse writes after creation."""

    def __init__(self, values: dict[str, object]) -> None:
        super().__setattr__("_values", dict(values))  # our own __setattr__ would refuse it

    def __getattr__(self, name: str) -> object:  # only for names normal lookup cannot find
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"settings are read-only (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"settings are read-only (tried to delete {name!r})")


cfg = Settings({"timeout": 30, "region": "eu-west-1"})
print("cfg.timeout:", cfg.timeout, "| getattr with default:", getattr(cfg, "retries", 3), "| hasattr:", hasattr(cfg, "region"))
for action in (lambda: setattr(cfg, "timeout", 5), lambda: delattr(cfg, "region")):
    try:
        action()
    except AttributeError as err:
        print("refused:", err)

# %% [markdown] course={"kind": "lesson", "id": "context-managers", "covers": ["c-context-managers", "c-enter-exit"]}
# ### Context managers: `__enter__` and `__exit__`
#
# `with resource as r:` calls `resource.__enter__()` and binds its result to `r` (often `self`,
# but not always: `open()` returns the file, a lock returns `True`). When the block ends, normally
# or by an exception, Python calls `__exit__(exc_type, exc_value, traceback)`; the three are `None`
# when there was no exception. If `__exit__` returns a true value the exception is **swallowed**.
#
# This is the reliable cleanup tool: temp folders, locks, started servers, database
# transactions (commit on success, roll back on error). The mistake is returning `True` by
# accident (or `return self`), which silently eats every error; return `None`/`False` unless you
# really mean to suppress one specific exception type.

# %% course={"kind": "demo"}
class Transaction:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __enter__(self) -> "Transaction":
        self.log.append("BEGIN")
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.log.append("COMMIT" if exc_type is None else f"ROLLBACK ({exc_type.__name__})")
        return False  # never swallow: the caller must see the error


log: list[str] = []
with Transaction(log):
    log.append("UPDATE jobs SET state = 'done'")
try:
    with Transaction(log):
        raise ValueError("constraint violated")
except ValueError as err:
    print("the error still reached the caller:", err)
print(log)

# %% [markdown] course={"kind": "lesson", "id": "hashing", "covers": ["c-hashing", "c-hash", "c-relationship-with-eq"]}
# ### Hashing: `__hash__` and its contract with `__eq__`
#
# Sets and dict keys find an object by its `hash()` first and confirm with `==`. So the rule is
# one line: **objects that compare equal must have equal hashes**. (Unequal objects may share a
# hash; it only costs speed.) The easy way: hash the same tuple that `__eq__` compares,
# `hash((self.major, self.minor, self.patch))`.
#
# - By default an object is equal only to itself and hashes by identity: consistent.
# - Define `__eq__` and Python sets `__hash__ = None`: instances become unhashable, because the
#   identity hash would now break the rule. Add `__hash__` back yourself, or use
#   `@dataclass(frozen=True)`, which writes both.
# - Only hash what cannot change. If a key's fields change while it is in a set, the set looks in
#   the wrong bucket and "loses" it.

# %% course={"kind": "demo"}
class Host:
    def __init__(self, name: str) -> None:
        self.name = name.lower()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Host) and self.name == other.name

    def __hash__(self) -> int:
        return hash(self.name)  # the same field __eq__ compares


seen = {Host("WEB-1"), Host("web-1"), Host("db-1")}
print("two distinct hosts in the set:", len(seen), "| lookup by an equal object:", Host("Web-1") in seen)
moving = Host("cache-1")
pool = {moving}
moving.name = "cache-2"  # mutating a field that the hash uses
print("after mutating a member:", moving in pool, "<- same object, wrong bucket")

# %% [markdown] course={"kind": "exercise", "id": "version"}
# ### A `Version` that sorts, compares and hashes like a number
#
# Release tooling compares versions all day: "is the deployed model older than 2.0?", "which tags
# are newer than the last release?". As strings, `"1.10" < "1.9"`. Finish `Version(text)`:
#
# - `__init__` accepts `MAJOR[.MINOR[.PATCH]]` with an optional leading `v` and surrounding
#   whitespace ignored: `"1.2.3"`, `"v2"`, `" 1.4 "`. Parts are ASCII digits (`0`-`9`); missing parts
#   are `0`. It stores the ints in `self.major`, `self.minor`, `self.patch`. Anything else
#   (`""`, `"1.2.3.4"`, `"1.x"`, `"-1"`, `"1..2"`) raises `ValueError` naming the text.
# - `str(v)` is `"1.2.0"` (always three parts); `repr(v)` is `Version('1.2.0')`, which `eval`
#   turns back into an equal object.
# - `__eq__` and `__lt__` compare the three numbers; `@functools.total_ordering` (already on the
#   class) derives `<=`, `>`, `>=`. With anything that is not a `Version`, both return
#   `NotImplemented`, so `v == "1.2"` is `False` and `v < "1.2"` raises `TypeError`.
# - `__hash__` is consistent with `__eq__`: `Version("1.2") == Version("1.2.0")`, so their hashes
#   are equal too, and a set of versions drops such duplicates.
#
# ```python
# sorted([Version("1.10"), Version("v1.9"), Version("1.9.1")])
# # [Version('1.9.0'), Version('1.9.1'), Version('1.10.0')]
# Version("1.2") == Version("1.2.0"), len({Version("1.2"), Version("1.2.0")})   # (True, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# One regular expression does the parsing: `re.fullmatch(r"v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?", text.strip())`
# gives three groups, the missing ones `None`. (`\d` would also accept digits of other scripts.)

# %% [markdown] course={"kind": "hint"}
# Compare and hash the same tuple: `(self.major, self.minor, self.patch)`. Start both `__eq__` and
# `__lt__` with `if not isinstance(other, Version): return NotImplemented`.

# %% course={"kind": "solution"}
import functools
import re


@functools.total_ordering
class Version:
    """A semantic version MAJOR.MINOR.PATCH."""

    def __init__(self, text: str) -> None:
        ### BEGIN SOLUTION
        match = re.fullmatch(r"v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?", text.strip())
        if match is None:
            raise ValueError(f"not a version: {text!r} (expected MAJOR[.MINOR[.PATCH]], e.g. '1.2.3')")
        self.major, self.minor, self.patch = (int(part or 0) for part in match.groups())
        ### END SOLUTION

    def __str__(self) -> str:
        ### BEGIN SOLUTION
        return f"{self.major}.{self.minor}.{self.patch}"
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Version({str(self)!r})"
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) == (other.major, other.minor, other.patch)
        ### END SOLUTION

    def __lt__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash((self.major, self.minor, self.patch))
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
v = Version("1.2.3")
assert (v.major, v.minor, v.patch) == (1, 2, 3), f"parts of 1.2.3: {(v.major, v.minor, v.patch)}"
assert str(Version("v2")) == "2.0.0", "missing parts are 0 and str() always shows three"
assert repr(Version("1.4")) == "Version('1.4.0')", f"repr gave {Version('1.4')!r}"
### BEGIN HIDDEN TESTS
for text, parts in (("0", (0, 0, 0)), (" 1.4 ", (1, 4, 0)), ("v10.20.30", (10, 20, 30)), ("1.02", (1, 2, 0)), ("\t7.0.1\n", (7, 0, 1))):
    got = Version(text)
    assert (got.major, got.minor, got.patch) == parts, (text, got.major, got.minor, got.patch)
    assert all(type(p) is int for p in (got.major, got.minor, got.patch)), f"{text!r}: parts must be int"
assert str(Version("0.0.0")) == "0.0.0" and str(Version("v0.9")) == "0.9.0"
for text in ("0.1", "12.0.7"):
    back = eval(repr(Version(text)))
    assert type(back) is Version and back == Version(text), f"eval(repr(...)) for {text}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Version("1.2") == Version("1.2.0"), "1.2 and 1.2.0 are the same version"
assert hash(Version("1.2")) == hash(Version("1.2.0")), "equal versions need equal hashes"
assert len({Version("1.2"), Version("v1.2.0"), Version("1.3")}) == 2, "a set keeps one of the equal versions"
### BEGIN HIDDEN TESTS
assert Version("1.2.0") != Version("1.2.1") and not (Version("1.2") != Version("1.2.0"))
assert Version("1.2.0") != Version("1.3.0") and Version("1.2.0") != Version("2.2.0")
assert {Version("3"): "prod"}[Version("3.0.0")] == "prod", "dict lookup by an equal version"
assert Version("1.2.0").__eq__("1.2.0") is NotImplemented, "__eq__ returns NotImplemented for a str"
assert (Version("1.2.0") == "1.2.0") is False and Version("1") != 1
assert Version("0.0.0") == Version("0") and Version("1.2.3") == Version("1.2.3")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Version("1.9") < Version("1.10"), "1.9 is older than 1.10 (numbers, not strings)"
tags = [Version("1.10"), Version("v1.9"), Version("1.9.1"), Version("0.99")]
assert sorted(tags) == [Version("0.99"), Version("1.9"), Version("1.9.1"), Version("1.10")], f"sorted gave {sorted(tags)}"
### BEGIN HIDDEN TESTS
a, b, c = Version("1.2.3"), Version("1.2.3"), Version("1.2.4")
assert a <= b and a >= b and not a < b and not a > b, "equal versions: <= and >= hold, < and > do not"
assert a < c and a <= c and c > a and c >= a and not c < a and not c <= a
assert Version("2.0.0") > Version("1.99.99") and Version("1.3.0") > Version("1.2.99"), "major, then minor, then patch"
assert Version("0.0.1") > Version("0") and not Version("0") > Version("0.0.0")
assert max(tags) == Version("1.10.0") and min(tags) == Version("0.99.0")
assert Version("1.0").__lt__("2.0") is NotImplemented, "__lt__ returns NotImplemented for a str"
for bad in (lambda: Version("1.0") < "2.0", lambda: Version("1.0") >= 2):
    try:
        bad()
    except TypeError:
        pass
    else:
        raise AssertionError("ordering against a non-Version must raise TypeError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("", "   ", "1.2.3.4", "1.x", "-1", "1..2", "v", "1.", "V1.2", "１.2", "1 .2"):
    try:
        Version(bad)
    except ValueError as err:
        assert repr(bad) in str(err) or bad in str(err), f"the error names the text: {err}"
    else:
        raise AssertionError(f"Version({bad!r}) must raise ValueError")

# %% course={"kind": "wrong", "id": "string-compare", "fails": ["t1", "t2", "t3", "t4"]}
import functools


@functools.total_ordering
class Version:
    def __init__(self, text):
        text = text.strip().removeprefix("v")
        parts = text.split(".")
        if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
            raise ValueError(f"not a version: {text!r}")
        self.major, self.minor, self.patch = (int(p) for p in parts + ["0"] * (3 - len(parts)))
        self.text = text

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"

    def __repr__(self):
        return f"Version({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.text == other.text  # "1.2" vs "1.2.0"

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.text < other.text  # "1.10" < "1.9"

    def __hash__(self):
        return hash(self.text)

# %% course={"kind": "wrong", "id": "no-hash", "fails": ["t2"]}
import functools
import re


@functools.total_ordering
class Version:
    def __init__(self, text):
        match = re.fullmatch(r"v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?", text.strip())
        if match is None:
            raise ValueError(f"not a version: {text!r}")
        self.major, self.minor, self.patch = (int(part or 0) for part in match.groups())

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"

    def __repr__(self):
        return f"Version({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) == (other.major, other.minor, other.patch)

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)

    __hash__ = None  # what defining __eq__ alone leaves behind

# %% course={"kind": "wrong", "id": "false-for-foreign", "fails": ["t2", "t3"]}
import functools
import re


@functools.total_ordering
class Version:
    def __init__(self, text):
        match = re.fullmatch(r"v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?", text.strip())
        if match is None:
            raise ValueError(f"not a version: {text!r}")
        self.major, self.minor, self.patch = (int(part or 0) for part in match.groups())

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"

    def __repr__(self):
        return f"Version({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, Version):
            return False  # instead of NotImplemented
        return (self.major, self.minor, self.patch) == (other.major, other.minor, other.patch)

    def __lt__(self, other):
        if not isinstance(other, Version):
            return False  # so Version("1.0") < "2.0" quietly says False
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)

    def __hash__(self):
        return hash((self.major, self.minor, self.patch))

# %% course={"kind": "wrong", "id": "unicode-digits", "fails": ["t4"]}
import functools
import re


@functools.total_ordering
class Version:
    def __init__(self, text):
        match = re.fullmatch(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", text.strip())  # \d accepts "１"
        if match is None:
            raise ValueError(f"not a version: {text!r}")
        self.major, self.minor, self.patch = (int(part or 0) for part in match.groups())

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"

    def __repr__(self):
        return f"Version({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) == (other.major, other.minor, other.patch)

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)

    def __hash__(self):
        return hash((self.major, self.minor, self.patch))

# %% [markdown] course={"kind": "exercise", "id": "money", "item": "x-create-a-money-class-with-proper"}
# ### `Money` for a cloud-cost report
#
# A cost report adds up line items per currency. Floats drift (`0.1 + 0.2`), so amounts are whole
# **cents** (`int`). Finish `Money(cents, currency)` (the constructor is given: it checks the cents
# and upper-cases the 3-letter currency code):
#
# - `a + b` and `a - b` of the same currency give a new `Money`; two different currencies raise
#   `ValueError` naming both codes. `money * n` and `n * money` scale by an `int` (not `bool`, not
#   `float`).
# - `sum(items)` works: `sum()` starts from the int `0`, so `0 + money` must give the money back.
# - Any other operand (`money + 5`, `5 + money`, `money * 1.5`, `money + "1"`) is not understood:
#   return `NotImplemented` so that Python raises `TypeError`; never return a wrong value.
# - `==` is true for the same cents and currency (`Money(500, "USD") != Money(500, "EUR")`);
#   `hash` agrees with `==`. `<`, `<=`, `>`, `>=` order the same currency and raise `ValueError`
#   across currencies (use `@functools.total_ordering`, already on the class).
# - `bool(money)` is false only for zero; `repr` is `Money(1999, 'USD')` (it round-trips through
#   `eval`), `str` is `19.99 USD` (negative: `-0.05 USD`).
#
# ```python
# costs = [Money(1999, "usd"), Money(1, "USD"), Money(500, "USD")]
# sum(costs), str(sum(costs))            # (Money(2500, 'USD'), '25.00 USD')
# Money(1999, "USD") * 3                 # Money(5997, 'USD')
# Money(1999, "USD") + 5                 # TypeError: unsupported operand type(s) for +: 'Money' and 'int'
# ```

# %% [markdown] course={"kind": "hint"}
# Write a small helper `_same(other)` that returns `False` for a non-`Money` and raises
# `ValueError` for another currency; every binary method starts with
# `if not isinstance(other, Money): return NotImplemented`.

# %% [markdown] course={"kind": "hint"}
# `__radd__(self, other)` is called for `0 + money`: return `self` when `other == 0` (and is not a
# `bool`: `True == 1`, and `False == 0`), otherwise `NotImplemented`. For `str`, `divmod(abs(cents), 100)`
# gives euros and cents; put the minus sign in front yourself.

# %% course={"kind": "solution"}
import functools


@functools.total_ordering
class Money:
    """An amount in whole cents of one currency."""

    def __init__(self, cents: int, currency: str) -> None:
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise TypeError(f"cents must be an int, got {type(cents).__name__}")
        if not (isinstance(currency, str) and len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise ValueError(f"currency must be a 3-letter code, got {currency!r}")
        self.cents = cents
        self.currency = currency.upper()

    def _check(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other: object) -> "Money":
        ### BEGIN SOLUTION
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents + other.cents, self.currency)
        ### END SOLUTION

    def __radd__(self, other: object) -> "Money":
        ### BEGIN SOLUTION
        if type(other) is int and other == 0:
            return self
        return NotImplemented
        ### END SOLUTION

    def __sub__(self, other: object) -> "Money":
        ### BEGIN SOLUTION
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents - other.cents, self.currency)
        ### END SOLUTION

    def __mul__(self, factor: object) -> "Money":
        ### BEGIN SOLUTION
        if type(factor) is not int:
            return NotImplemented
        return Money(self.cents * factor, self.currency)
        ### END SOLUTION

    def __rmul__(self, factor: object) -> "Money":
        ### BEGIN SOLUTION
        return self.__mul__(factor)
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash((self.cents, self.currency))
        ### END SOLUTION

    def __lt__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return self.cents < other.cents
        ### END SOLUTION

    def __bool__(self) -> bool:
        ### BEGIN SOLUTION
        return self.cents != 0
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Money({self.cents!r}, {self.currency!r})"
        ### END SOLUTION

    def __str__(self) -> str:
        ### BEGIN SOLUTION
        units, cents = divmod(abs(self.cents), 100)
        sign = "-" if self.cents < 0 else ""
        return f"{sign}{units}.{cents:02d} {self.currency}"
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
a, b = Money(1999, "usd"), Money(1, "USD")
assert a + b == Money(2000, "USD"), f"19.99 + 0.01 gave {a + b!r}"
assert a - b == Money(1998, "USD") and b - a == Money(-1998, "USD"), "subtraction, both ways"
assert a * 3 == Money(5997, "USD") and 3 * a == Money(5997, "USD"), "money * int and int * money"
### BEGIN HIDDEN TESTS
total = a + b
assert type(total) is Money and total is not a and (a.cents, b.cents) == (1999, 1), "a new Money; operands unchanged"
assert type(a - b) is Money and type(a * 2) is Money and type(2 * a) is Money
assert a * 0 == Money(0, "USD") and a * -1 == Money(-1999, "USD") and 1 * a == a
assert Money(0, "EUR") + Money(0, "EUR") == Money(0, "EUR") and Money(-5, "EUR") - Money(-5, "EUR") == Money(0, "EUR")
for op in (lambda: a + Money(1, "EUR"), lambda: a - Money(1, "EUR"), lambda: Money(1, "EUR") + a):
    try:
        op()
    except ValueError as err:
        assert "USD" in str(err) and "EUR" in str(err), f"name both currencies: {err}"
    else:
        raise AssertionError("mixing currencies must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
costs = [Money(1999, "USD"), Money(1, "USD"), Money(500, "USD")]
assert sum(costs) == Money(2500, "USD"), "sum() works: it starts with 0 + the first item"
### BEGIN HIDDEN TESTS
assert type(sum(costs)) is Money and sum([Money(7, "EUR")]) == Money(7, "EUR")
assert sum(costs, Money(100, "USD")) == Money(2600, "USD"), "sum() with a Money start"
assert sum(costs[:0]) == 0, "an empty sum is Python's own 0"
m = Money(250, "GBP")
assert (0 + m) is m or (0 + m) == m
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
m = Money(1999, "USD")
try:
    m + 5
except TypeError:
    pass
else:
    raise AssertionError("money + 5 must raise TypeError, not return a value")
### BEGIN HIDDEN TESTS
for name, op in (("m + 5", lambda: m + 5), ("5 + m", lambda: 5 + m), ("m - 5", lambda: m - 5), ("5 - m", lambda: 5 - m),
                 ("m * 1.5", lambda: m * 1.5), ("1.5 * m", lambda: 1.5 * m), ("m * True", lambda: m * True),
                 ("True * m", lambda: True * m), ("m + '1'", lambda: m + "1"), ("False + m", lambda: False + m),
                 ("0.0 + m", lambda: 0.0 + m), ("m * m", lambda: m * m), ("m + 0", lambda: m + 0), ("m < 5", lambda: m < 5)):
    try:
        got = op()
    except TypeError:
        continue
    raise AssertionError(f"{name} must raise TypeError, gave {got!r}")
for method, arg in ((m.__add__, 5), (m.__radd__, 5), (m.__radd__, False), (m.__sub__, 1), (m.__mul__, 2.0), (m.__rmul__, True), (m.__eq__, 1999), (m.__lt__, 1)):
    assert method(arg) is NotImplemented, f"{method.__name__}({arg!r}) must return NotImplemented"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Money(500, "USD") != Money(500, "EUR"), "same cents, other currency: not equal"
assert Money(500, "usd") == Money(500, "USD") and hash(Money(500, "usd")) == hash(Money(500, "USD")), "equal, equal hashes"
assert Money(1, "USD") < Money(2, "USD") and max([Money(3, "USD"), Money(30, "USD")]) == Money(30, "USD")
assert eval(repr(Money(1999, "USD"))) == Money(1999, "USD") and repr(Money(1999, "USD")) == "Money(1999, 'USD')"
assert str(Money(1999, "USD")) == "19.99 USD", f"str gave {str(Money(1999, 'USD'))}"
### BEGIN HIDDEN TESTS
assert Money(500, "USD") != Money(501, "USD") and not (Money(500, "USD") != Money(500, "USD"))
assert (Money(5, "USD") == 5) is False and len({Money(5, "USD"), Money(5, "usd"), Money(5, "EUR")}) == 2
a, b = Money(7, "USD"), Money(7, "USD")
assert a <= b and a >= b and not a < b and not a > b
assert Money(-1, "USD") < Money(0, "USD") <= Money(0, "USD") < Money(1, "USD") and Money(2, "USD") > Money(1, "USD")
for op in (lambda: Money(1, "USD") < Money(2, "EUR"), lambda: Money(1, "USD") >= Money(2, "EUR")):
    try:
        op()
    except ValueError:
        pass
    else:
        raise AssertionError("ordering across currencies must raise ValueError")
assert bool(Money(0, "USD")) is False and bool(Money(1, "USD")) is True and bool(Money(-1, "USD")) is True
texts = {0: "0.00 USD", 5: "0.05 USD", -5: "-0.05 USD", 100: "1.00 USD", -1999: "-19.99 USD", 123456789: "1234567.89 USD", 10: "0.10 USD"}
for cents, text in texts.items():
    assert str(Money(cents, "usd")) == text, f"str(Money({cents})) gave {str(Money(cents, 'usd'))!r}, want {text!r}"
assert f"{Money(-100, 'EUR')}" == "-1.00 EUR" and repr(Money(-3, "eur")) == "Money(-3, 'EUR')"
assert eval(repr(Money(-42, "JPY"))) == Money(-42, "JPY")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-radd", "fails": ["t2", "t3"]}
import functools


@functools.total_ordering
class Money:
    def __init__(self, cents, currency):
        self.cents, self.currency = cents, currency.upper()

    def _check(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, factor):
        if type(factor) is not int:
            return NotImplemented
        return Money(self.cents * factor, self.currency)

    __rmul__ = __mul__  # but no __radd__: sum() fails on 0 + Money

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __hash__(self):
        return hash((self.cents, self.currency))

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return self.cents < other.cents

    def __bool__(self):
        return self.cents != 0

    def __repr__(self):
        return f"Money({self.cents!r}, {self.currency!r})"

    def __str__(self):
        units, cents = divmod(abs(self.cents), 100)
        return f"{'-' if self.cents < 0 else ''}{units}.{cents:02d} {self.currency}"

# %% course={"kind": "wrong", "id": "lenient-operands", "fails": ["t3"]}
import functools


@functools.total_ordering
class Money:
    def __init__(self, cents, currency):
        self.cents, self.currency = cents, currency.upper()

    def _check(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other):
        if isinstance(other, (int, float)):  # "helpfully" adds plain numbers as cents
            return Money(self.cents + int(other), self.currency)
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    __radd__ = __add__

    def __sub__(self, other):
        self._check(other)  # AttributeError for an int, not TypeError
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, factor):
        return Money(int(self.cents * factor), self.currency)  # 1.5 and True accepted

    __rmul__ = __mul__

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __hash__(self):
        return hash((self.cents, self.currency))

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return self.cents < other.cents

    def __bool__(self):
        return self.cents != 0

    def __repr__(self):
        return f"Money({self.cents!r}, {self.currency!r})"

    def __str__(self):
        units, cents = divmod(abs(self.cents), 100)
        return f"{'-' if self.cents < 0 else ''}{units}.{cents:02d} {self.currency}"

# %% course={"kind": "wrong", "id": "ignores-currency", "fails": ["t1", "t4"]}
import functools


@functools.total_ordering
class Money:
    def __init__(self, cents, currency):
        self.cents, self.currency = cents, currency.upper()

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents + other.cents, self.currency)  # USD + EUR "works"

    def __radd__(self, other):
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, factor):
        if type(factor) is not int:
            return NotImplemented
        return Money(self.cents * factor, self.currency)

    __rmul__ = __mul__

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents  # 5 USD == 5 EUR

    def __hash__(self):
        return hash(self.cents)

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents

    def __bool__(self):
        return self.cents != 0

    def __repr__(self):
        return f"Money({self.cents!r}, {self.currency!r})"

    def __str__(self):
        units, cents = divmod(abs(self.cents), 100)
        return f"{'-' if self.cents < 0 else ''}{units}.{cents:02d} {self.currency}"

# %% course={"kind": "wrong", "id": "sign-lost", "fails": ["t4"]}
import functools


@functools.total_ordering
class Money:
    def __init__(self, cents, currency):
        self.cents, self.currency = cents, currency.upper()

    def _check(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    def __radd__(self, other):
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return Money(self.cents - other.cents, self.currency)

    def __mul__(self, factor):
        if type(factor) is not int:
            return NotImplemented
        return Money(self.cents * factor, self.currency)

    __rmul__ = __mul__

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __hash__(self):
        return hash((self.cents, self.currency))

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        self._check(other)
        return self.cents < other.cents

    def __bool__(self):
        return self.cents != 0

    def __repr__(self):
        return f"Money({self.cents!r}, {self.currency!r})"

    def __str__(self):
        return f"{self.cents // 100}.{self.cents % 100:02d} {self.currency}"  # -5 cents -> "-1.95"

# %% [markdown] course={"kind": "exercise", "id": "port-range", "item": "x-implement-a-custom-range-class-with"}
# ### A `PortRange` that behaves like `range`
#
# Firewall rules and load-balancer configs speak in port ranges such as `8000-8010`, both ends
# included. Finish `PortRange(first, last)` (the constructor is given: it checks
# `0 <= first`, `last <= 65535` and allows an empty range, `last == first - 1`):
#
# - `len(r)` is the number of ports; an empty range is falsy through `__len__`.
# - `for port in r` gives the ports in ascending order, and every loop starts again from the
#   beginning (`__iter__` returns a fresh iterator each time).
# - `port in r` answers by arithmetic, **without walking the ports** (tests count). Only an `int`
#   can be in it: `True`, `8080.0` and `"8080"` are not.
# - `r[i]` returns the i-th port; negative `i` count from the end as in a list; out of range raises
#   `IndexError`, a non-`int` index (also `bool`) raises `TypeError`.
# - `repr(r)` is `PortRange(8000, 8010)` and round-trips through `eval`; `==` and `hash` use
#   `(first, last)`.
#
# ```python
# r = PortRange(8000, 8003)
# len(r), list(r), 8002 in r, r[-1]      # (4, [8000, 8001, 8002, 8003], True, 8003)
# ```

# %% [markdown] course={"kind": "hint"}
# `__contains__` is a type check plus one chained comparison: `self.first <= port <= self.last`.
# Check `isinstance(port, bool)` before `isinstance(port, int)`: `bool` is a subclass of `int`.

# %% [markdown] course={"kind": "hint"}
# A generator method is the easiest fresh iterator: `yield from range(self.first, self.last + 1)`.
# In `__getitem__`, turn a negative index into `index + len(self)` and then check `0 <= index < len(self)`.

# %% course={"kind": "solution"}
from collections.abc import Iterator


class PortRange:
    """The TCP/UDP ports first..last, both included."""

    def __init__(self, first: int, last: int) -> None:
        if not (0 <= first <= 65535 and -1 <= last <= 65535 and last >= first - 1):
            raise ValueError(f"bad port range {first}-{last}")
        self.first, self.last = first, last

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return self.last - self.first + 1
        ### END SOLUTION

    def __iter__(self) -> Iterator[int]:
        ### BEGIN SOLUTION
        yield from range(self.first, self.last + 1)
        ### END SOLUTION

    def __contains__(self, port: object) -> bool:
        ### BEGIN SOLUTION
        if isinstance(port, bool) or not isinstance(port, int):
            return False
        return self.first <= port <= self.last
        ### END SOLUTION

    def __getitem__(self, index: int) -> int:
        ### BEGIN SOLUTION
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"port index must be an int, not {type(index).__name__}")
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("port index out of range")
        return self.first + index
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"PortRange({self.first!r}, {self.last!r})"
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, PortRange):
            return NotImplemented
        return (self.first, self.last) == (other.first, other.last)
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash((self.first, self.last))
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
r = PortRange(8000, 8003)
assert len(r) == 4 and list(r) == [8000, 8001, 8002, 8003], f"len {len(r)}, ports {list(r)}"
assert list(r) == list(r), "a second loop sees every port again"
### BEGIN HIDDEN TESTS
assert iter(r) is not iter(r), "each loop gets its own iterator"
it = iter(r)
assert next(it) == 8000 and list(r) == [8000, 8001, 8002, 8003] and list(it) == [8001, 8002, 8003]
assert len(PortRange(0, 65535)) == 65536 and len(PortRange(22, 22)) == 1 and list(PortRange(22, 22)) == [22]
empty = PortRange(5, 4)
assert len(empty) == 0 and list(empty) == [] and not empty and bool(r), "an empty range is falsy"
assert list(PortRange(0, 2)) == [0, 1, 2] and list(PortRange(65534, 65535)) == [65534, 65535]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
r = PortRange(8000, 8010)
assert 8000 in r and 8010 in r and 7999 not in r and 8011 not in r, "both ends are included"
walked = []
saved_iter, saved_getitem = PortRange.__iter__, PortRange.__getitem__


def counting_iter(self):
    walked.append("__iter__")
    return saved_iter(self)


def counting_getitem(self, index):
    walked.append("__getitem__")
    return saved_getitem(self, index)


PortRange.__iter__, PortRange.__getitem__ = counting_iter, counting_getitem
try:
    big = PortRange(0, 65535)
    answers = [65535 in big, 0 in big, 70000 in big, -1 in big, 443 in PortRange(444, 443)]
finally:
    PortRange.__iter__, PortRange.__getitem__ = saved_iter, saved_getitem
assert walked == [], f"`in` walked the ports ({len(walked)} call(s) of __iter__/__getitem__): write __contains__"
assert answers == [True, True, False, False, False], f"membership answers {answers}"
### BEGIN HIDDEN TESTS
for value in (True, False, 8005.0, "8005", None, [8005]):
    assert (value in PortRange(0, 9000)) is False, f"{value!r} is not a port"
assert PortRange(1, 1).__contains__(1) is True and PortRange(1, 1).__contains__(0) is False
assert PortRange(0, 9).__contains__("5") is False, "__contains__ returns a real bool, False for a non-int"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
r = PortRange(8000, 8003)
assert r[0] == 8000 and r[3] == 8003 and r[-1] == 8003 and r[-4] == 8000, "indexes from both ends"
### BEGIN HIDDEN TESTS
for bad in (4, -5, 100, -100):
    try:
        got = r[bad]
    except IndexError:
        pass
    else:
        raise AssertionError(f"r[{bad}] must raise IndexError, gave {got}")
for bad in ("1", 1.0, True, None):
    try:
        r[bad]
    except TypeError:
        pass
    else:
        raise AssertionError(f"r[{bad!r}] must raise TypeError")
for bad in (0, -1):
    try:
        PortRange(3, 2)[bad]
    except IndexError:
        pass
    else:
        raise AssertionError("an empty range has no items")
assert PortRange(65535, 65535)[0] == 65535 and PortRange(65535, 65535)[-1] == 65535
assert PortRange(0, 65535)[-1] == 65535 and PortRange(0, 65535)[65535] == 65535
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
r = PortRange(8000, 8010)
assert repr(r) == "PortRange(8000, 8010)" and eval(repr(r)) == r, f"repr gave {r!r}"
assert PortRange(1, 2) == PortRange(1, 2) and hash(PortRange(1, 2)) == hash(PortRange(1, 2)), "equal ranges, equal hashes"
### BEGIN HIDDEN TESTS
assert PortRange(1, 2) != PortRange(1, 3) and PortRange(1, 2) != PortRange(0, 2) and not (PortRange(1, 2) != PortRange(1, 2))
assert len({PortRange(1, 2), PortRange(1, 2), PortRange(2, 2)}) == 2
assert PortRange(1, 2).__eq__((1, 2)) is NotImplemented and (PortRange(1, 2) == range(1, 3)) is False
assert repr(PortRange(0, 0)) == "PortRange(0, 0)" and eval(repr(PortRange(7, 6))) == PortRange(7, 6)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "contains-by-walking", "fails": ["t2"]}
class PortRange:
    def __init__(self, first, last):
        self.first, self.last = first, last

    def __len__(self):
        return self.last - self.first + 1

    def __iter__(self):
        yield from range(self.first, self.last + 1)

    # no __contains__: `in` falls back to __iter__ and walks up to 65536 ports

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError("port index must be an int")
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("port index out of range")
        return self.first + index

    def __repr__(self):
        return f"PortRange({self.first!r}, {self.last!r})"

    def __eq__(self, other):
        if not isinstance(other, PortRange):
            return NotImplemented
        return (self.first, self.last) == (other.first, other.last)

    def __hash__(self):
        return hash((self.first, self.last))

# %% course={"kind": "wrong", "id": "iterator-used-up", "fails": ["t1"]}
class PortRange:
    def __init__(self, first, last):
        self.first, self.last = first, last
        self._next = first

    def __len__(self):
        return self.last - self.first + 1

    def __iter__(self):
        return self  # the range is its own iterator: the second loop is empty

    def __next__(self):
        if self._next > self.last:
            raise StopIteration
        self._next += 1
        return self._next - 1

    def __contains__(self, port):
        if isinstance(port, bool) or not isinstance(port, int):
            return False
        return self.first <= port <= self.last

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError("port index must be an int")
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("port index out of range")
        return self.first + index

    def __repr__(self):
        return f"PortRange({self.first!r}, {self.last!r})"

    def __eq__(self, other):
        if not isinstance(other, PortRange):
            return NotImplemented
        return (self.first, self.last) == (other.first, other.last)

    def __hash__(self):
        return hash((self.first, self.last))

# %% course={"kind": "wrong", "id": "negative-index-unchecked", "fails": ["t3"]}
class PortRange:
    def __init__(self, first, last):
        self.first, self.last = first, last

    def __len__(self):
        return self.last - self.first + 1

    def __iter__(self):
        yield from range(self.first, self.last + 1)

    def __contains__(self, port):
        if isinstance(port, bool) or not isinstance(port, int):
            return False
        return self.first <= port <= self.last

    def __getitem__(self, index):
        if index < 0:
            return self.last + 1 + index  # r[-100] gives a port below the range
        if index >= len(self):
            raise IndexError("port index out of range")
        return self.first + index

    def __repr__(self):
        return f"PortRange({self.first!r}, {self.last!r})"

    def __eq__(self, other):
        if not isinstance(other, PortRange):
            return NotImplemented
        return (self.first, self.last) == (other.first, other.last)

    def __hash__(self):
        return hash((self.first, self.last))

# %% course={"kind": "wrong", "id": "bool-is-a-port", "fails": ["t2"]}
class PortRange:
    def __init__(self, first, last):
        self.first, self.last = first, last

    def __len__(self):
        return self.last - self.first + 1

    def __iter__(self):
        yield from range(self.first, self.last + 1)

    def __contains__(self, port):
        return self.first <= port <= self.last  # True counts as port 1; "8005" raises TypeError

    def __getitem__(self, index):
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError("port index must be an int")
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("port index out of range")
        return self.first + index

    def __repr__(self):
        return f"PortRange({self.first!r}, {self.last!r})"

    def __eq__(self, other):
        if not isinstance(other, PortRange):
            return NotImplemented
        return (self.first, self.last) == (other.first, other.last)

    def __hash__(self):
        return hash((self.first, self.last))

# %% [markdown] course={"kind": "exercise", "id": "batches", "item": "dsa-implement-custom-iterator"}
# ### Problem: a batching iterator (custom iterator)
#
# Bulk APIs (a metrics backend, a database `INSERT`, an embedding service) take records in
# batches. Write the iterator class `Batches(items, size)` by hand, with `__iter__` and `__next__`
# (no generator function, no `itertools.batched`, which arrives only in Python 3.12):
#
# - `items` is any iterable, possibly a generator of millions of records or an endless stream;
#   `Batches` pulls from it **lazily**: one `next()` pulls at most `size` items (tests count).
# - `next(b)` returns a `list` of the next `size` items; the last batch may be shorter; then
#   `StopIteration`, and again `StopIteration` on every later call. No empty batch, ever.
# - `iter(b)` returns `b` itself (an iterator is its own iterable).
# - `size` must be an `int` (not `bool`) of at least 1: otherwise `TypeError` / `ValueError`.
#
# ```python
# list(Batches(range(7), 3))    # [[0, 1, 2], [3, 4, 5], [6]]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `iter(items)` in `__init__`, not `items`: calling `iter()` on a list gives a fresh cursor,
# calling it on a generator gives the generator itself; either way you can pull with `next()`.

# %% [markdown] course={"kind": "hint"}
# `list(itertools.islice(self._source, self.size))` pulls at most `size` items. An empty list
# means the source is exhausted: `raise StopIteration`.

# %% course={"kind": "solution"}
import itertools
from collections.abc import Iterable
from typing import Any


class Batches:
    """Lists of up to `size` items, pulled lazily from `items`."""

    def __init__(self, items: Iterable[Any], size: int) -> None:
        ### BEGIN SOLUTION
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"size must be an int, got {type(size).__name__}")
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._source = iter(items)
        ### END SOLUTION

    def __iter__(self) -> "Batches":
        ### BEGIN SOLUTION
        return self
        ### END SOLUTION

    def __next__(self) -> list[Any]:
        ### BEGIN SOLUTION
        batch = list(itertools.islice(self._source, self.size))
        if not batch:
            raise StopIteration
        return batch
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert list(Batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]], f"got {list(Batches(range(7), 3))}"
b = Batches(["a", "b"], 5)
assert iter(b) is b, "iter() of an iterator is the iterator itself"
assert next(b) == ["a", "b"], "one short batch"
for _ in range(2):
    try:
        next(b)
    except StopIteration:
        pass
    else:
        raise AssertionError("an exhausted Batches keeps raising StopIteration")
### BEGIN HIDDEN TESTS
assert list(Batches(range(6), 3)) == [[0, 1, 2], [3, 4, 5]], "no empty batch when the size divides the length"
assert list(Batches([], 2)) == [] and list(Batches(iter(()), 1)) == [], "empty list and empty iterator give no batches"
assert list(Batches("abc", 1)) == [["a"], ["b"], ["c"]] and list(Batches([0, "", None], 2)) == [[0, ""], [None]]
assert all(type(x) is list for x in Batches(range(10), 4)) and list(Batches(range(3), 3)) == [[0, 1, 2]]
data = [1, 2, 3]
assert list(Batches(data, 2)) == [[1, 2], [3]] and data == [1, 2, 3], "the input list is not changed"
assert list(Batches(data, 2)) == [[1, 2], [3]], "a list can be batched again"
b = Batches(range(5), 2)
assert [next(b), list(b)] == [[0, 1], [[2, 3], [4]]], "a loop continues where next() left off"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
pulled = []


def records(n):
    for i in range(n):
        pulled.append(i)
        yield i


b = Batches(records(1_000_000), 3)
assert next(b) == [0, 1, 2] and len(pulled) == 3, f"one batch must pull 3 items, pulled {len(pulled)}"
### BEGIN HIDDEN TESTS
assert next(b) == [3, 4, 5] and len(pulled) == 6
endless = Batches(itertools.count(), 1000)
assert next(endless)[-1] == 999 and next(endless)[0] == 1000, "an endless stream is batched lazily"
pulled.clear()
small = Batches(records(4), 2)
assert pulled == [], "creating Batches pulls nothing yet"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad, error in ((0, ValueError), (-1, ValueError), (2.0, TypeError), ("2", TypeError), (True, TypeError), (None, TypeError)):
    try:
        Batches([1, 2], bad)
    except error:
        pass
    else:
        raise AssertionError(f"size={bad!r} must raise {error.__name__}")
assert list(Batches([1, 2], 1)) == [[1], [2]], "size 1 is allowed"

# %% course={"kind": "wrong", "id": "reads-everything", "fails": ["t2"]}
import itertools
class Batches:
    def __init__(self, items, size):
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("size must be an int")
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._items = list(items)  # reads the whole stream up front
        self._pos = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._pos >= len(self._items):
            raise StopIteration
        batch = self._items[self._pos:self._pos + self.size]
        self._pos += self.size
        return batch

# %% course={"kind": "wrong", "id": "empty-last-batch", "fails": ["t1", "t3"]}
import itertools


class Batches:
    def __init__(self, items, size):
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("size must be an int")
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._source = iter(items)
        self._done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        batch = list(itertools.islice(self._source, self.size))
        if len(batch) < self.size:  # stops only after a SHORT batch, so range(6) ends with []
            self._done = True
        return batch

# %% course={"kind": "wrong", "id": "generator-iter-no-next", "fails": ["t1", "t2"]}
import itertools


class Batches:
    def __init__(self, items, size):
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("size must be an int")
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._source = iter(items)

    def __iter__(self):  # a generator: iterable, but Batches itself has no __next__
        while batch := list(itertools.islice(self._source, self.size)):
            yield batch

# %% course={"kind": "wrong", "id": "bool-size", "fails": ["t3"]}
import itertools


class Batches:
    def __init__(self, items, size):
        if not isinstance(size, int):  # True slips through as size 1
            raise TypeError("size must be an int")
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._source = iter(items)

    def __iter__(self):
        return self

    def __next__(self):
        batch = list(itertools.islice(self._source, self.size))
        if not batch:
            raise StopIteration
        return batch

# %% [markdown] course={"kind": "exercise", "id": "alert", "item": "x-create-a-callable-class-for-function"}
# ### A callable `Alert` rule
#
# Monitoring rules look like functions ("is this sample bad?") but must remember the recent past:
# a CPU alert should fire only after several readings in a row above the limit, not on one spike.
# Finish the callable class `Alert(limit, consecutive=3)`:
#
# - `alert(value)` records one reading and returns `True` when the last `consecutive` readings
#   were **all strictly above** `limit`, else `False`. A reading at or below the limit resets the
#   streak.
# - `alert.fired` counts the calls that returned `True`.
# - `bool(alert)` is the answer of the latest call (`False` before any call).
# - `repr(alert)` is `Alert(limit=90.0, consecutive=3)` (both values with `!r`).
# - Each `Alert` keeps its own state. `consecutive` must be an `int` of at least 1
#   (`ValueError` otherwise; the check is given).
#
# ```python
# cpu = Alert(90.0, consecutive=2)
# [cpu(v) for v in [95, 97, 99, 50, 91]]   # [False, True, True, False, False]
# cpu.fired, bool(cpu)                       # (2, False)
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two counters in `__init__`: `self.streak` (readings above the limit in a row) and
# `self.fired`. `__call__` updates the streak first, then decides.

# %% [markdown] course={"kind": "hint"}
# Store the latest answer in `self.firing`; `__bool__` returns it. With `consecutive=1` a single
# reading above the limit fires.

# %% course={"kind": "solution"}
class Alert:
    """Fires when `consecutive` readings in a row are above `limit`."""

    def __init__(self, limit: float, consecutive: int = 3) -> None:
        if isinstance(consecutive, bool) or not isinstance(consecutive, int) or consecutive < 1:
            raise ValueError(f"consecutive must be an int >= 1, got {consecutive!r}")
        self.limit, self.consecutive = limit, consecutive
        ### BEGIN SOLUTION
        self.streak = 0
        self.fired = 0
        self.firing = False
        ### END SOLUTION

    def __call__(self, value: float) -> bool:
        ### BEGIN SOLUTION
        self.streak = self.streak + 1 if value > self.limit else 0
        self.firing = self.streak >= self.consecutive
        if self.firing:
            self.fired += 1
        return self.firing
        ### END SOLUTION

    def __bool__(self) -> bool:
        ### BEGIN SOLUTION
        return self.firing
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Alert(limit={self.limit!r}, consecutive={self.consecutive!r})"
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
cpu = Alert(90.0, consecutive=2)
answers = [cpu(v) for v in [95, 97, 99, 50, 91]]
assert answers == [False, True, True, False, False], f"answers {answers}"
assert cpu.fired == 2, f"fired {cpu.fired}"
### BEGIN HIDDEN TESTS
edge = Alert(90, consecutive=2)
assert [edge(v) for v in [90, 90.5, 90, 91, 92, 90.0001]] == [False, False, False, False, True, True], "strictly above; at the limit resets"
assert all(type(edge(v)) is bool for v in (1, 100)), "the call returns a real bool"
once = Alert(0, consecutive=1)
assert [once(v) for v in [1, 0, -1, 5, 5]] == [True, False, False, True, True] and once.fired == 3
neg = Alert(-10, consecutive=3)
assert [neg(v) for v in [-5, -9, -9.5, -10, -1, 0, 3]] == [False, False, True, False, False, False, True]
long = Alert(50, consecutive=4)
assert [long(v) for v in [60] * 6] == [False, False, False, True, True, True] and long.fired == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
cpu = Alert(90.0, consecutive=2)
assert not cpu and bool(cpu) is False, "no reading yet: falsy"
cpu(95)
cpu(96)
assert bool(cpu) is True, "truthy while firing"
assert repr(Alert(90.0, consecutive=3)) == "Alert(limit=90.0, consecutive=3)", f"repr {Alert(90.0)!r}"
### BEGIN HIDDEN TESTS
cpu(10)
assert bool(cpu) is False and cpu.fired == 1
assert repr(Alert(75)) == "Alert(limit=75, consecutive=3)" and callable(cpu)
a, b = Alert(1, consecutive=1), Alert(1, consecutive=1)
a(5)
a(5)
assert (a.fired, b.fired, bool(b)) == (2, 0, False), "each Alert keeps its own state"
assert [b(0), b(2)] == [False, True] and a.fired == 2
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-reset", "fails": ["t1", "t2"]}
class Alert:
    def __init__(self, limit, consecutive=3):
        self.limit, self.consecutive = limit, consecutive
        self.breaches, self.fired, self.firing = 0, 0, False

    def __call__(self, value):
        if value > self.limit:
            self.breaches += 1  # counts every breach, never resets on a good reading
        self.firing = self.breaches >= self.consecutive
        self.fired += self.firing
        return self.firing

    def __bool__(self):
        return self.firing

    def __repr__(self):
        return f"Alert(limit={self.limit!r}, consecutive={self.consecutive!r})"

# %% course={"kind": "wrong", "id": "at-limit-counts", "fails": ["t1"]}
class Alert:
    def __init__(self, limit, consecutive=3):
        self.limit, self.consecutive = limit, consecutive
        self.streak, self.fired, self.firing = 0, 0, False

    def __call__(self, value):
        self.streak = self.streak + 1 if value >= self.limit else 0  # 90 counts as above 90
        self.firing = self.streak >= self.consecutive
        self.fired += self.firing
        return self.firing

    def __bool__(self):
        return self.firing

    def __repr__(self):
        return f"Alert(limit={self.limit!r}, consecutive={self.consecutive!r})"

# %% course={"kind": "wrong", "id": "shared-state", "fails": ["t1", "t2"]}
class Alert:
    streak, fired, firing = 0, 0, False

    def __init__(self, limit, consecutive=3):
        self.limit, self.consecutive = limit, consecutive

    def __call__(self, value):
        Alert.streak = Alert.streak + 1 if value > self.limit else 0  # one streak for every rule
        Alert.firing = Alert.streak >= self.consecutive
        Alert.fired += Alert.firing
        return Alert.firing

    def __bool__(self):
        return self.firing

    def __repr__(self):
        return f"Alert(limit={self.limit!r}, consecutive={self.consecutive!r})"

# %% [markdown] course={"kind": "exercise", "id": "workspace"}
# ### A `Workspace` context manager that always cleans up
#
# Build steps, model exports and test fixtures need a scratch folder that disappears afterwards,
# **also when the step fails**, and without hiding the failure. Finish `Workspace(prefix,
# suppress=())`:
#
# - `__enter__` creates a new temporary folder (`tempfile.mkdtemp(prefix=...)`), stores it as a
#   `pathlib.Path` in `self.path` and returns that path (so `with Workspace("build-") as tmp:`
#   binds the folder, not the workspace).
# - `__exit__` deletes the folder and everything in it, sets `self.path` back to `None`, and
#   lets every exception through, except instances of the exception types in `suppress` (and their
#   subclasses), which it swallows.
#
# ```python
# with Workspace("build-") as tmp:
#     (tmp / "app.tar").write_bytes(b"...")
# tmp.exists()                      # False
# with Workspace("x-", suppress=(FileNotFoundError,)):
#     open("/no/such/file")          # swallowed: the with statement simply ends
# ```

# %% [markdown] course={"kind": "hint"}
# `shutil.rmtree(self.path)` removes a folder with its contents. Do it first thing in `__exit__`,
# whatever `exc_type` is.

# %% [markdown] course={"kind": "hint"}
# `__exit__` swallows an exception exactly when it returns a true value. Return
# `exc_type is not None and issubclass(exc_type, self.suppress)`: `issubclass` accepts a tuple, and
# covers subclasses (`FileNotFoundError` is an `OSError`).

# %% course={"kind": "solution"}
import pathlib
import shutil
import tempfile
from types import TracebackType


class Workspace:
    """A temporary folder for the duration of a `with` block."""

    def __init__(self, prefix: str, suppress: tuple[type[BaseException], ...] = ()) -> None:
        self.prefix, self.suppress = prefix, suppress
        self.path: pathlib.Path | None = None

    def __enter__(self) -> pathlib.Path:
        ### BEGIN SOLUTION
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))
        return self.path
        ### END SOLUTION

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        ### BEGIN SOLUTION
        shutil.rmtree(self.path)
        self.path = None
        return exc_type is not None and issubclass(exc_type, self.suppress)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile

from course.runtime.scratch import scratch_dir

tempfile.tempdir = None  # the tests make their folders in one scratch folder, removed when Python exits
tempfile.tempdir = str(scratch_dir("5.7-workspace"))
with Workspace("build-") as tmp:
    assert isinstance(tmp, pathlib.Path) and tmp.is_dir(), "__enter__ returns the new folder as a Path"
    (tmp / "sub").mkdir()
    (tmp / "sub" / "app.tar").write_bytes(b"payload")
assert not tmp.exists(), "the folder and its contents are gone after the block"
### BEGIN HIDDEN TESTS
ws = Workspace("ab-")
assert ws.path is None
with ws as inside:
    assert ws.path == inside and inside.name.startswith("ab-") and inside.parent == pathlib.Path(tempfile.gettempdir())
assert ws.path is None, "path is None again after the block"
with Workspace("one-") as first, Workspace("two-") as second:
    assert first != second and first.is_dir() and second.is_dir()
assert not first.exists() and not second.exists()
### END HIDDEN TESTS
tempfile.tempdir = None

# %% course={"kind": "test", "points": 2}
import tempfile

from course.runtime.scratch import scratch_dir

tempfile.tempdir = None  # the tests make their folders in one scratch folder, removed when Python exits
tempfile.tempdir = str(scratch_dir("5.7-workspace"))
failure = RuntimeError("step failed")
try:
    with Workspace("fail-") as tmp:
        (tmp / "partial.bin").write_bytes(b"x")
        raise failure
except RuntimeError as err:
    assert err is failure, "the same exception reaches the caller"
else:
    raise AssertionError("the exception must not be swallowed")
assert not tmp.exists(), "the folder is removed even when the block fails"
### BEGIN HIDDEN TESTS
ws = Workspace("ret-")
ws.__enter__()
assert not ws.__exit__(None, None, None), "a normal exit returns a false value"
for error in (KeyboardInterrupt, ValueError, OSError):
    try:
        with Workspace("raise-", suppress=(KeyError,)) as tmp:
            raise error("boom")
    except error:
        assert not tmp.exists()
    else:
        raise AssertionError(f"{error.__name__} is not in suppress and must propagate")
### END HIDDEN TESTS
tempfile.tempdir = None

# %% course={"kind": "test", "points": 1}
import tempfile

from course.runtime.scratch import scratch_dir

tempfile.tempdir = None  # the tests make their folders in one scratch folder, removed when Python exits
tempfile.tempdir = str(scratch_dir("5.7-workspace"))
reached = []
with Workspace("quiet-", suppress=(OSError, KeyError)) as tmp:
    reached.append("start")
    (tmp / "no-such-dir" / "f").read_text()  # FileNotFoundError, a subclass of OSError
    reached.append("never")
assert reached == ["start"] and not tmp.exists(), "a suppressed error ends the block quietly, folder removed"
### BEGIN HIDDEN TESTS
with Workspace("quiet-", suppress=(KeyError,)) as tmp:
    {}["missing"]
assert not tmp.exists()
ws = Workspace("flag-", suppress=(KeyError,))
ws.__enter__()
assert ws.__exit__(KeyError, KeyError("k"), None) is True, "__exit__ returns True to swallow"
### END HIDDEN TESTS
tempfile.tempdir = None

# %% course={"kind": "wrong", "id": "swallows-everything", "fails": ["t2"]}
import pathlib
import shutil
import tempfile


class Workspace:
    def __init__(self, prefix, suppress=()):
        self.prefix, self.suppress, self.path = prefix, suppress, None

    def __enter__(self):
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))
        return self.path

    def __exit__(self, exc_type, exc, tb):
        shutil.rmtree(self.path)
        self.path = None
        return True  # "handled": every error vanishes

# %% course={"kind": "wrong", "id": "cleanup-only-on-success", "fails": ["t2", "t3"]}
import pathlib
import shutil
import tempfile


class Workspace:
    def __init__(self, prefix, suppress=()):
        self.prefix, self.suppress, self.path = prefix, suppress, None

    def __enter__(self):
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))
        return self.path

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:  # the failing build leaves its folder behind
            shutil.rmtree(self.path)
            self.path = None
            return False
        return exc_type in self.suppress

# %% course={"kind": "wrong", "id": "exact-type-suppress", "fails": ["t3"]}
import pathlib
import shutil
import tempfile


class Workspace:
    def __init__(self, prefix, suppress=()):
        self.prefix, self.suppress, self.path = prefix, suppress, None

    def __enter__(self):
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))
        return self.path

    def __exit__(self, exc_type, exc, tb):
        shutil.rmtree(self.path)
        self.path = None
        return exc_type in self.suppress  # FileNotFoundError is not literally OSError

# %% course={"kind": "wrong", "id": "returns-workspace", "fails": ["t1", "t2", "t3"]}
import pathlib
import shutil
import tempfile


class Workspace:
    def __init__(self, prefix, suppress=()):
        self.prefix, self.suppress, self.path = prefix, suppress, None

    def __enter__(self):
        self.path = pathlib.Path(tempfile.mkdtemp(prefix=self.prefix))
        return self  # `as tmp` binds the Workspace, not the folder

    def __exit__(self, exc_type, exc, tb):
        shutil.rmtree(self.path)
        self.path = None
        return exc_type is not None and issubclass(exc_type, self.suppress)

# %% [markdown] course={"kind": "exercise", "id": "vector-arithmetic", "item": "x-create-a-vector-class-with-arithmetic"}
# ### `Vector` arithmetic for feature vectors
#
# Feature vectors, resource requests (`cpu, memory, gpu`) and gradients are added, scaled and
# measured. Finish the arithmetic of `Vector(*components)` (the constructor, which stores the
# components as a tuple of `float`s in `self.components`, and `__repr__` are given):
#
# - `v + w`, `v - w`: component by component; both vectors must have the same length, otherwise
#   `ValueError` naming both lengths.
# - `v * k`, `k * v`, `v / k` with a number `k` (`int` or `float`, not `bool`); `-v`.
# - `abs(v)` is the Euclidean length as a `float`; `v == w` compares components (a `Vector` is
#   never equal to a tuple or list).
# - A non-`Vector` where a vector belongs, or a non-number where a number belongs, gives
#   `NotImplemented` (so `v + 1` and `v * "2"` raise `TypeError`). Results are new vectors; the
#   operands never change.
#
# ```python
# v, w = Vector(1, 2), Vector(3, 4)
# v + w, 2 * w - v, abs(w), -v        # (Vector(4.0, 6.0), Vector(5.0, 6.0), 5.0, Vector(-1.0, -2.0))
# ```

# %% [markdown] course={"kind": "hint"}
# `zip(self.components, other.components)` pairs the components; build the result with
# `Vector(*(a + b for a, b in ...))`.

# %% [markdown] course={"kind": "hint"}
# `math.hypot(*self.components)` is the Euclidean length (for any number of components since
# Python 3.8); `__neg__` takes no argument besides `self`.

# %% course={"kind": "solution"}
import math


class Vector:
    """An n-dimensional vector of floats."""

    def __init__(self, *components: float) -> None:
        self.components = tuple(float(c) for c in components)

    def __repr__(self) -> str:
        return f"Vector({', '.join(map(repr, self.components))})"

    def _pairs(self, other: "Vector") -> zip:
        ### BEGIN SOLUTION
        if len(self.components) != len(other.components):
            raise ValueError(f"length mismatch: {len(self.components)} and {len(other.components)}")
        return zip(self.components, other.components)
        ### END SOLUTION

    def __add__(self, other: object) -> "Vector":
        ### BEGIN SOLUTION
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in self._pairs(other)))
        ### END SOLUTION

    def __sub__(self, other: object) -> "Vector":
        ### BEGIN SOLUTION
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in self._pairs(other)))
        ### END SOLUTION

    def __mul__(self, k: object) -> "Vector":
        ### BEGIN SOLUTION
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a * k for a in self.components))
        ### END SOLUTION

    def __rmul__(self, k: object) -> "Vector":
        ### BEGIN SOLUTION
        return self.__mul__(k)
        ### END SOLUTION

    def __truediv__(self, k: object) -> "Vector":
        ### BEGIN SOLUTION
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a / k for a in self.components))
        ### END SOLUTION

    def __neg__(self) -> "Vector":
        ### BEGIN SOLUTION
        return Vector(*(-a for a in self.components))
        ### END SOLUTION

    def __abs__(self) -> float:
        ### BEGIN SOLUTION
        return math.hypot(*self.components)
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Vector):
            return NotImplemented
        return self.components == other.components
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
v, w = Vector(1, 2), Vector(3, 4)
assert v + w == Vector(4, 6) and w - v == Vector(2, 2), f"v + w = {v + w!r}, w - v = {w - v!r}"
assert 2 * w - v == Vector(5, 6) and w * 2 == Vector(6, 8) and w / 2 == Vector(1.5, 2), "scaling by numbers"
assert abs(w) == 5.0 and -v == Vector(-1, -2), "length and negation"
### BEGIN HIDDEN TESTS
a, b = Vector(1.5, -2, 0, 7), Vector(-1.5, 2, 10, 0.25)
assert a + b == Vector(0, 0, 10, 7.25) and a - b == Vector(3, -4, -10, 6.75) and b - a == Vector(-3, 4, 10, -6.75)
assert a * 0 == Vector(0, 0, 0, 0) and a * -2.0 == Vector(-3, 4, 0, -14) and 0.5 * a == Vector(0.75, -1, 0, 3.5)
assert Vector(1, 1) / 4 == Vector(0.25, 0.25) and Vector(9) / -3 == Vector(-3)
assert abs(Vector(2, 3, 6)) == 7.0 and abs(Vector()) == 0.0 and abs(Vector(-5)) == 5.0 and type(abs(Vector(3, 4))) is float
assert -Vector() == Vector() and -Vector(0, -3) == Vector(0, 3) and Vector() + Vector() == Vector()
result = v + w
assert type(result) is Vector and result is not v and (v.components, w.components) == ((1.0, 2.0), (3.0, 4.0)), "operands unchanged"
assert all(type(r) is Vector for r in (v - w, v * 2, 2 * v, v / 2, -v))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    Vector(1, 2) + Vector(1, 2, 3)
except ValueError as err:
    assert "2" in str(err) and "3" in str(err), f"name both lengths: {err}"
else:
    raise AssertionError("vectors of different lengths must raise ValueError")
### BEGIN HIDDEN TESTS
for op in (lambda: Vector(1, 2, 3) - Vector(1, 2), lambda: Vector() + Vector(1)):
    try:
        op()
    except ValueError:
        pass
    else:
        raise AssertionError("length mismatch must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
v = Vector(1, 2)
try:
    v + 1
except TypeError:
    pass
else:
    raise AssertionError("v + 1 must raise TypeError")
assert v != (1.0, 2.0) and v == Vector(1.0, 2.0) and v != Vector(1, 3), "equal to vectors only"
### BEGIN HIDDEN TESTS
for name, op in (("v + (1, 2)", lambda: v + (1, 2)), ("(1, 2) + v", lambda: (1, 2) + v), ("v - 1", lambda: v - 1), ("v * '2'", lambda: v * "2"),
                 ("v * True", lambda: v * True), ("True * v", lambda: True * v), ("v * v", lambda: v * v), ("v / v", lambda: v / v),
                 ("v / False", lambda: v / False), ("2 / v", lambda: 2 / v), ("'2' * v", lambda: "2" * v)):
    try:
        got = op()
    except TypeError:
        continue
    raise AssertionError(f"{name} must raise TypeError, gave {got!r}")
for method, arg in ((v.__add__, 1), (v.__sub__, [1, 2]), (v.__mul__, v), (v.__rmul__, None), (v.__truediv__, "2"), (v.__eq__, (1.0, 2.0))):
    assert method(arg) is NotImplemented, f"{method.__name__}({arg!r}) must return NotImplemented"
assert not (Vector(1, 2) != Vector(1, 2)) and Vector(1, 2) != Vector(1, 2, 0) and Vector(0) != Vector()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zip-truncates", "fails": ["t2"]}
import math


class Vector:
    def __init__(self, *components):
        self.components = tuple(float(c) for c in components)

    def __repr__(self):
        return f"Vector({', '.join(map(repr, self.components))})"

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in zip(self.components, other.components)))  # silently drops the extra

    def __sub__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in zip(self.components, other.components)))

    def __mul__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a * k for a in self.components))

    __rmul__ = __mul__

    def __truediv__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a / k for a in self.components))

    def __neg__(self):
        return self * -1

    def __abs__(self):
        return math.hypot(*self.components)

    def __eq__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return self.components == other.components

# %% course={"kind": "wrong", "id": "no-rmul", "fails": ["t1", "t3"]}
import math


class Vector:
    def __init__(self, *components):
        self.components = tuple(float(c) for c in components)

    def __repr__(self):
        return f"Vector({', '.join(map(repr, self.components))})"

    def _pairs(self, other):
        if len(self.components) != len(other.components):
            raise ValueError(f"length mismatch: {len(self.components)} and {len(other.components)}")
        return zip(self.components, other.components)

    def __add__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in self._pairs(other)))

    def __sub__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in self._pairs(other)))

    def __mul__(self, k):  # no __rmul__: 2 * v raises TypeError
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a * k for a in self.components))

    def __truediv__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a / k for a in self.components))

    def __neg__(self):
        return self * -1

    def __abs__(self):
        return math.hypot(*self.components)

    def __eq__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return self.components == other.components

# %% course={"kind": "wrong", "id": "tuple-equality", "fails": ["t3"]}
import math


class Vector:
    def __init__(self, *components):
        self.components = tuple(float(c) for c in components)

    def __repr__(self):
        return f"Vector({', '.join(map(repr, self.components))})"

    def _pairs(self, other):
        if len(self.components) != len(other.components):
            raise ValueError(f"length mismatch: {len(self.components)} and {len(other.components)}")
        return zip(self.components, other.components)

    def __add__(self, other):
        other = getattr(other, "components", other)  # "helpfully" accepts tuples too
        return Vector(*(a + b for a, b in self._pairs(Vector(*other))))

    def __sub__(self, other):
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in self._pairs(other)))

    def __mul__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a * k for a in self.components))

    __rmul__ = __mul__

    def __truediv__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Vector(*(a / k for a in self.components))

    def __neg__(self):
        return self * -1

    def __abs__(self):
        return math.hypot(*self.components)

    def __eq__(self, other):
        return self.components == tuple(getattr(other, "components", other))  # Vector(1, 2) == (1.0, 2.0)

# %% [markdown] course={"kind": "exercise", "id": "vector-design", "item": "dsa-design-vector-class"}
# ### Problem: design an immutable, hashable vector
#
# The arithmetic above is half of a good vector class; the other half is the data model, so that a
# vector can be a dict key (a cache of embeddings), sliced, unpacked and logged. Design
# `Vec(*components)` with the components in a tuple of floats `self._data` (the constructor is
# given) and:
#
# - **sequence**: `len(v)`, `v[i]` (negative too, `IndexError` out of range), `v[1:3]` returns a
#   `Vec`, `for x in v` and `x, y = v` work;
# - **immutable**: assigning or deleting any attribute (`v.x = 1`, `del v._data`) raises
#   `AttributeError`;
# - **hashable**: `==` compares with another `Vec` (else `NotImplemented`); equal vectors have
#   equal hashes;
# - **dot product** with `@`: `Vec(1, 2) @ Vec(3, 4)` is `11.0`; different lengths raise
#   `ValueError`; a non-`Vec` gives `NotImplemented`;
# - `bool(v)` is false only for the zero vector (also the empty one); `repr(v)` is
#   `Vec(1.0, 2.0)` and round-trips through `eval`.
#
# ```python
# v = Vec(3, 4, 12)
# len(v), v[-1], v[:2], v @ v, {v: "cached"}[Vec(3.0, 4.0, 12.0)]
# # (3, 12.0, Vec(3.0, 4.0), 169.0, 'cached')
# ```

# %% [markdown] course={"kind": "hint"}
# `__getitem__` can delegate to the tuple: `item = self._data[index]`; if `index` was a slice,
# `item` is a tuple and you wrap it: `Vec(*item)`. The tuple already raises `IndexError` and
# `TypeError` for you.

# %% [markdown] course={"kind": "hint"}
# The constructor sets `_data` with `object.__setattr__(self, "_data", ...)`, so your
# `__setattr__` and `__delattr__` may simply raise. Hash the tuple: `hash(self._data)`.

# %% course={"kind": "solution"}
from collections.abc import Iterator


class Vec:
    """An immutable, hashable vector that is also a sequence of floats."""

    def __init__(self, *components: float) -> None:
        object.__setattr__(self, "_data", tuple(float(c) for c in components))

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._data)
        ### END SOLUTION

    def __getitem__(self, index: int | slice) -> "float | Vec":
        ### BEGIN SOLUTION
        item = self._data[index]
        if isinstance(index, slice):
            return Vec(*item)
        return item
        ### END SOLUTION

    def __iter__(self) -> Iterator[float]:
        ### BEGIN SOLUTION
        return iter(self._data)
        ### END SOLUTION

    def __setattr__(self, name: str, value: object) -> None:
        ### BEGIN SOLUTION
        raise AttributeError(f"Vec is immutable (tried to set {name!r})")
        ### END SOLUTION

    def __delattr__(self, name: str) -> None:
        ### BEGIN SOLUTION
        raise AttributeError(f"Vec is immutable (tried to delete {name!r})")
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Vec):
            return NotImplemented
        return self._data == other._data
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash(self._data)
        ### END SOLUTION

    def __matmul__(self, other: object) -> float:
        ### BEGIN SOLUTION
        if not isinstance(other, Vec):
            return NotImplemented
        if len(self) != len(other):
            raise ValueError(f"length mismatch: {len(self)} and {len(other)}")
        return sum(a * b for a, b in zip(self._data, other._data))
        ### END SOLUTION

    def __bool__(self) -> bool:
        ### BEGIN SOLUTION
        return any(self._data)
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Vec({', '.join(map(repr, self._data))})"
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
v = Vec(3, 4, 12)
assert len(v) == 3 and v[0] == 3.0 and v[-1] == 12.0, "length and indexing"
assert v[:2] == Vec(3, 4) and type(v[:2]) is Vec, "a slice is a Vec"
x, y, z = v
assert (x, y, z) == (3.0, 4.0, 12.0) and list(v) == [3.0, 4.0, 12.0], "unpacking and iteration"
### BEGIN HIDDEN TESTS
assert type(v[1]) is float and v[::-1] == Vec(12, 4, 3) and v[5:] == Vec() and len(Vec()) == 0 and list(Vec()) == []
assert v[-3] == 3.0 and v[2] == 12.0 and v[1:] == Vec(4, 12)
for bad in (3, -4):
    try:
        v[bad]
    except IndexError:
        pass
    else:
        raise AssertionError(f"v[{bad}] must raise IndexError")
assert list(v) == list(v), "iterate twice"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
v = Vec(1, 2)
for attempt in (lambda: setattr(v, "x", 1), lambda: setattr(v, "_data", (9.0,)), lambda: delattr(v, "_data")):
    try:
        attempt()
    except AttributeError:
        pass
    else:
        raise AssertionError("a Vec cannot be changed")
assert v == Vec(1, 2) and v[0] == 1.0, "still the same vector"
cache = {Vec(1, 2): "a"}
assert cache[Vec(1.0, 2.0)] == "a" and hash(Vec(1, 2)) == hash(Vec(1.0, 2.0)), "usable as a dict key"
### BEGIN HIDDEN TESTS
assert Vec(1, 2) != Vec(2, 1) and Vec(1, 2) != Vec(1, 2, 0) and not (Vec(1, 2) != Vec(1, 2)) and Vec() == Vec()
assert Vec(1, 2).__eq__((1.0, 2.0)) is NotImplemented and (Vec(1, 2) == (1.0, 2.0)) is False
assert len({Vec(0), Vec(0.0), Vec(-0.0), Vec(1)}) == 2
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert Vec(1, 2) @ Vec(3, 4) == 11.0, "dot product with @"
try:
    Vec(1, 2) @ Vec(1, 2, 3)
except ValueError:
    pass
else:
    raise AssertionError("@ of different lengths must raise ValueError")
### BEGIN HIDDEN TESTS
assert Vec(3, 4, 12) @ Vec(3, 4, 12) == 169.0 and Vec() @ Vec() == 0 and Vec(-1, 0.5) @ Vec(2, 4) == 0.0
assert type(Vec(1, 2) @ Vec(3, 4)) is float and Vec(2) @ Vec(-3) == -6.0
for bad in ((1, 2), [1, 2], 2):
    try:
        Vec(1, 2) @ bad
    except TypeError:
        pass
    else:
        raise AssertionError(f"Vec @ {bad!r} must raise TypeError")
assert Vec(1).__matmul__((1.0,)) is NotImplemented
try:
    Vec() @ Vec(1)
except ValueError:
    pass
else:
    raise AssertionError("empty @ one-element must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert bool(Vec(0, 0)) is False and bool(Vec()) is False and bool(Vec(0, 0.5)) is True, "only the zero vector is falsy"
assert repr(Vec(1, 2)) == "Vec(1.0, 2.0)" and eval(repr(Vec(1, -2.5))) == Vec(1, -2.5), f"repr {Vec(1, 2)!r}"
### BEGIN HIDDEN TESTS
assert bool(Vec(-1)) is True and bool(Vec(0.0, -0.0)) is False and repr(Vec()) == "Vec()" and repr(Vec(3)) == "Vec(3.0)"
assert eval(repr(Vec())) == Vec()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mutable-list", "fails": ["t2"]}
class Vec:
    def __init__(self, *components):
        self._data = tuple(float(c) for c in components)  # no __setattr__: anyone can reassign _data

    def __len__(self):
        return len(self._data)

    def __getitem__(self, index):
        item = self._data[index]
        return Vec(*item) if isinstance(index, slice) else item

    def __iter__(self):
        return iter(self._data)

    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return self._data == other._data

    def __hash__(self):
        return hash(self._data)

    def __matmul__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        if len(self) != len(other):
            raise ValueError("length mismatch")
        return sum(a * b for a, b in zip(self._data, other._data))

    def __bool__(self):
        return any(self._data)

    def __repr__(self):
        return f"Vec({', '.join(map(repr, self._data))})"

# %% course={"kind": "wrong", "id": "slice-gives-tuple", "fails": ["t1"]}
class Vec:
    def __init__(self, *components):
        object.__setattr__(self, "_data", tuple(float(c) for c in components))

    def __len__(self):
        return len(self._data)

    def __getitem__(self, index):
        return self._data[index]  # v[:2] is a tuple, not a Vec

    def __setattr__(self, name, value):
        raise AttributeError("immutable")

    def __delattr__(self, name):
        raise AttributeError("immutable")

    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return self._data == other._data

    def __hash__(self):
        return hash(self._data)

    def __matmul__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        if len(self) != len(other):
            raise ValueError("length mismatch")
        return sum(a * b for a, b in zip(self._data, other._data))

    def __bool__(self):
        return any(self._data)

    def __repr__(self):
        return f"Vec({', '.join(map(repr, self._data))})"

# %% course={"kind": "wrong", "id": "eq-without-hash", "fails": ["t2"]}
class Vec:
    def __init__(self, *components):
        object.__setattr__(self, "_data", tuple(float(c) for c in components))

    def __len__(self):
        return len(self._data)

    def __getitem__(self, index):
        item = self._data[index]
        return Vec(*item) if isinstance(index, slice) else item

    def __setattr__(self, name, value):
        raise AttributeError("immutable")

    def __delattr__(self, name):
        raise AttributeError("immutable")

    def __eq__(self, other):  # __eq__ without __hash__: Vec becomes unhashable
        if not isinstance(other, Vec):
            return NotImplemented
        return self._data == other._data

    def __matmul__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        if len(self) != len(other):
            raise ValueError("length mismatch")
        return sum(a * b for a, b in zip(self._data, other._data))

    def __bool__(self):
        return any(self._data)

    def __repr__(self):
        return f"Vec({', '.join(map(repr, self._data))})"

# %% course={"kind": "wrong", "id": "zip-dot", "fails": ["t3"]}
class Vec:
    def __init__(self, *components):
        object.__setattr__(self, "_data", tuple(float(c) for c in components))

    def __len__(self):
        return len(self._data)

    def __getitem__(self, index):
        item = self._data[index]
        return Vec(*item) if isinstance(index, slice) else item

    def __setattr__(self, name, value):
        raise AttributeError("immutable")

    def __delattr__(self, name):
        raise AttributeError("immutable")

    def __eq__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return self._data == other._data

    def __hash__(self):
        return hash(self._data)

    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self, other))  # zip stops at the shorter; tuples accepted

    def __bool__(self):
        return any(self._data)

    def __repr__(self):
        return f"Vec({', '.join(map(repr, self._data))})"

# %% [markdown] course={"kind": "exercise", "id": "matrix", "item": "x-implement-a-matrix-class-with-matrix"}
# ### A small `Matrix` with `@`
#
# A linear layer is `inputs @ weights`; a Markov chain of service states steps with `state @
# transitions`. Python reserves `@` (`__matmul__`) for exactly this. Finish `Matrix(rows)` (the
# constructor is given: it stores a non-empty rectangular list of lists as a tuple of tuples of
# floats in `self.rows`, and `self.shape` is `(row_count, column_count)`):
#
# - `m[i, j]` is the entry in row `i`, column `j` (Python passes the tuple `(i, j)` to
#   `__getitem__`); negative indexes work as in lists.
# - `m == other` compares two matrices entry by entry (else `NotImplemented`).
# - `a + b` adds entry by entry; shapes must be equal, otherwise `ValueError` naming both shapes.
# - `m * k` and `k * m` scale by a number (`int`/`float`, not `bool`). `m * other_matrix` is **not**
#   a matrix product: `NotImplemented`, so it raises `TypeError`.
# - `a @ b` is the matrix product: entry `(i, j)` is the sum over `k` of `a[i, k] * b[k, j]`;
#   `a`'s column count must equal `b`'s row count, otherwise `ValueError` naming both shapes.
# - `m.transpose()` swaps rows and columns. Every result is a new `Matrix`.
#
# ```python
# a = Matrix([[1, 2, 3], [4, 5, 6]])          # shape (2, 3)
# b = Matrix([[1, 0], [0, 1], [1, 1]])        # shape (3, 2)
# (a @ b).rows, a[1, -1], a.transpose().shape  # (((4.0, 5.0), (10.0, 11.0)), 6.0, (3, 2))
# ```

# %% [markdown] course={"kind": "hint"}
# The columns of `b` are `zip(*b.rows)`. Then entry `(i, j)` of the product is
# `sum(x * y for x, y in zip(row, column))`.

# %% [markdown] course={"kind": "hint"}
# Check shapes before computing: for `@`, `self.shape[1] != other.shape[0]` is the error. Build
# results as `Matrix([[...] for row in ...])` (lists are fine: the constructor converts them).

# %% course={"kind": "solution"}
class Matrix:
    """A dense matrix of floats."""

    def __init__(self, rows: list[list[float]]) -> None:
        if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("a matrix needs at least one row, all rows of the same non-zero length")
        self.rows = tuple(tuple(float(x) for x in row) for row in rows)
        self.shape = (len(self.rows), len(self.rows[0]))

    def __repr__(self) -> str:
        return f"Matrix({[list(r) for r in self.rows]!r})"

    def __getitem__(self, index: tuple[int, int]) -> float:
        ### BEGIN SOLUTION
        i, j = index
        return self.rows[i][j]
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows
        ### END SOLUTION

    def __add__(self, other: object) -> "Matrix":
        ### BEGIN SOLUTION
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape != other.shape:
            raise ValueError(f"cannot add shapes {self.shape} and {other.shape}")
        return Matrix([[x + y for x, y in zip(r, s)] for r, s in zip(self.rows, other.rows)])
        ### END SOLUTION

    def __mul__(self, k: object) -> "Matrix":
        ### BEGIN SOLUTION
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Matrix([[x * k for x in row] for row in self.rows])
        ### END SOLUTION

    def __rmul__(self, k: object) -> "Matrix":
        ### BEGIN SOLUTION
        return self.__mul__(k)
        ### END SOLUTION

    def __matmul__(self, other: object) -> "Matrix":
        ### BEGIN SOLUTION
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape[1] != other.shape[0]:
            raise ValueError(f"cannot multiply shapes {self.shape} and {other.shape}")
        columns = list(zip(*other.rows))
        return Matrix([[sum(x * y for x, y in zip(row, col)) for col in columns] for row in self.rows])
        ### END SOLUTION

    def transpose(self) -> "Matrix":
        ### BEGIN SOLUTION
        return Matrix(list(zip(*self.rows)))
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
a = Matrix([[1, 2, 3], [4, 5, 6]])
b = Matrix([[1, 0], [0, 1], [1, 1]])
assert (a @ b).rows == ((4.0, 5.0), (10.0, 11.0)), f"a @ b gave {(a @ b).rows}"
assert (b @ a).shape == (3, 3) and (b @ a)[2, 0] == 5.0, "b @ a is 3x3"
### BEGIN HIDDEN TESTS
assert (b @ a).rows == ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0), (5.0, 7.0, 9.0))
eye = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
assert a @ eye == a and type(a @ eye) is Matrix and (a @ eye) is not a
row, col = Matrix([[1, -2, 3]]), Matrix([[4], [5], [-6]])
assert (row @ col).rows == ((-24.0,),) and (col @ row).shape == (3, 3) and (col @ row)[2, 1] == 12.0
assert (Matrix([[2]]) @ Matrix([[3]])).rows == ((6.0,),)
assert (a.rows, b.rows) == (((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)), ((1.0, 0.0), (0.0, 1.0), (1.0, 1.0))), "operands unchanged"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    a @ a
except ValueError as err:
    assert "(2, 3)" in str(err), f"name the shapes: {err}"
else:
    raise AssertionError("(2, 3) @ (2, 3) must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in (lambda: b @ b, lambda: Matrix([[1, 2]]) @ Matrix([[1, 2]])):
    try:
        bad()
    except ValueError:
        pass
    else:
        raise AssertionError("inner sizes must match")
for bad in (lambda: a + b, lambda: a + Matrix([[1, 2, 3]])):
    try:
        bad()
    except ValueError as err:
        assert "(2, 3)" in str(err)
    else:
        raise AssertionError("+ of different shapes must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
a = Matrix([[1, 2, 3], [4, 5, 6]])
assert a[0, 0] == 1.0 and a[1, 2] == 6.0 and a[-1, -1] == 6.0 and a[0, -3] == 1.0, "m[i, j] with negatives"
assert a + a == Matrix([[2, 4, 6], [8, 10, 12]]) and 2 * a == a * 2 == a + a, "addition and scaling"
assert a.transpose() == Matrix([[1, 4], [2, 5], [3, 6]]), f"transpose gave {a.transpose()!r}"
### BEGIN HIDDEN TESTS
assert a[1, 0] == 4.0 and a[0, 1] == 2.0 and a[-2, 1] == 2.0
assert a.transpose().transpose() == a and Matrix([[7]]).transpose() == Matrix([[7]]) and type(a.transpose()) is Matrix
assert a * 0.5 == Matrix([[0.5, 1, 1.5], [2, 2.5, 3]]) and -1 * a == Matrix([[-1, -2, -3], [-4, -5, -6]]) and a * 0 == Matrix([[0, 0, 0], [0, 0, 0]])
assert a + Matrix([[-1, -2, -3], [0, 0, 0]]) == Matrix([[0, 0, 0], [4, 5, 6]])
assert a != a.transpose() and a != Matrix([[1, 2, 3], [4, 5, 7]]) and not (a != Matrix([[1, 2, 3], [4, 5, 6]]))
assert (a == [[1, 2, 3], [4, 5, 6]]) is False and a.__eq__(a.rows) is NotImplemented
for name, op in (("a * a", lambda: a * a), ("a * True", lambda: a * True), ("True * a", lambda: True * a), ("a + 1", lambda: a + 1),
                 ("1 + a", lambda: 1 + a), ("a @ 2", lambda: a @ 2), ("a * '2'", lambda: a * "2"), ("a @ [[1], [2], [3]]", lambda: a @ [[1], [2], [3]])):
    try:
        got = op()
    except TypeError:
        continue
    raise AssertionError(f"{name} must raise TypeError, gave {got!r}")
for method, arg in ((a.__add__, 1), (a.__mul__, a), (a.__rmul__, None), (a.__matmul__, 2)):
    assert method(arg) is NotImplemented, f"{method.__name__}({arg!r}) must return NotImplemented"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rows-times-rows", "fails": ["t1"]}
class Matrix:
    def __init__(self, rows):
        self.rows = tuple(tuple(float(x) for x in row) for row in rows)
        self.shape = (len(self.rows), len(self.rows[0]))

    def __repr__(self):
        return f"Matrix({[list(r) for r in self.rows]!r})"

    def __getitem__(self, index):
        i, j = index
        return self.rows[i][j]

    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows

    def __add__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape != other.shape:
            raise ValueError(f"cannot add shapes {self.shape} and {other.shape}")
        return Matrix([[x + y for x, y in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __mul__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Matrix([[x * k for x in row] for row in self.rows])

    __rmul__ = __mul__

    def __matmul__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape[1] != other.shape[0]:
            raise ValueError(f"cannot multiply shapes {self.shape} and {other.shape}")
        # pairs rows with ROWS of other (zip stops at the shorter), not with its columns
        return Matrix([[sum(x * y for x, y in zip(row, other_row)) for other_row in other.rows] for row in self.rows])

    def transpose(self):
        return Matrix([list(col) for col in zip(*self.rows)])

# %% course={"kind": "wrong", "id": "star-is-elementwise", "fails": ["t3"]}
class Matrix:
    def __init__(self, rows):
        self.rows = tuple(tuple(float(x) for x in row) for row in rows)
        self.shape = (len(self.rows), len(self.rows[0]))

    def __repr__(self):
        return f"Matrix({[list(r) for r in self.rows]!r})"

    def __getitem__(self, index):
        i, j = index
        return self.rows[i][j]

    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows

    def __add__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape != other.shape:
            raise ValueError(f"cannot add shapes {self.shape} and {other.shape}")
        return Matrix([[x + y for x, y in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __mul__(self, k):
        if isinstance(k, Matrix):  # a * a multiplies entry by entry instead of refusing
            return Matrix([[x * y for x, y in zip(r, s)] for r, s in zip(self.rows, k.rows)])
        return Matrix([[x * k for x in row] for row in self.rows])

    __rmul__ = __mul__

    def __matmul__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        if self.shape[1] != other.shape[0]:
            raise ValueError(f"cannot multiply shapes {self.shape} and {other.shape}")
        columns = list(zip(*other.rows))
        return Matrix([[sum(x * y for x, y in zip(row, col)) for col in columns] for row in self.rows])

    def transpose(self):
        return Matrix([list(col) for col in zip(*self.rows)])

# %% course={"kind": "wrong", "id": "no-shape-check", "fails": ["t2"]}
class Matrix:
    def __init__(self, rows):
        self.rows = tuple(tuple(float(x) for x in row) for row in rows)
        self.shape = (len(self.rows), len(self.rows[0]))

    def __repr__(self):
        return f"Matrix({[list(r) for r in self.rows]!r})"

    def __getitem__(self, index):
        i, j = index
        return self.rows[i][j]

    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows

    def __add__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return Matrix([[x + y for x, y in zip(r, s)] for r, s in zip(self.rows, other.rows)])  # zip hides the mismatch

    def __mul__(self, k):
        if isinstance(k, bool) or not isinstance(k, (int, float)):
            return NotImplemented
        return Matrix([[x * k for x in row] for row in self.rows])

    __rmul__ = __mul__

    def __matmul__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        columns = list(zip(*other.rows))
        return Matrix([[sum(x * y for x, y in zip(row, col)) for col in columns] for row in self.rows])

    def transpose(self):
        return Matrix([list(col) for col in zip(*self.rows)])

# %% [markdown] course={"kind": "exercise", "id": "units", "item": "project-5-7-2"}
# ### Mini-project: a units library for durations and sizes (tested core)
#
# Timeouts, retention periods, disk quotas and batch sizes are quantities with units, and
# half the incidents in config files are unit mistakes (`300` what? seconds? megabytes?). The
# classes below store every quantity in a **base unit** (`Duration`: milliseconds, `ByteSize`:
# bytes) in `self.base`, with the unit it was given in `self.unit`; the constructor, `amount`, the
# helper `_from_base(base, unit)` and `__repr__` are given. Write the operators of `Quantity`,
# which both classes inherit:
#
# - `==` compares the base amounts of two quantities **of the same class**:
#   `Duration(90, "min") == Duration(1.5, "h")`. Anything else is not equal (return
#   `NotImplemented`). `hash` agrees with `==`.
# - `<` (and, through `@total_ordering`, `<=`, `>`, `>=`) orders the same class; other operands
#   raise `TypeError` (return `NotImplemented`).
# - `a + b`, `a - b`: same class only; the result has the class and the **unit of the left
#   operand**: `Duration(1, "h") + Duration(30, "min")` is `Duration(1.5, 'h')`.
#   `sum(durations)` works: `0 + quantity` is the quantity (only the `int` `0`; `0.0 + q` and
#   `False + q` raise `TypeError` like any other number).
# - `q * n`, `n * q`, `q / n` scale by an `int` or `float` (not `bool`) and keep `q`'s unit;
#   `q / other` of the same class gives the plain ratio as a `float` (`ByteSize(1, "GiB") /
#   ByteSize(256, "MiB")` is `4.0`).
# - Everything else (`Duration + ByteSize`, `Duration + 5`, `Duration * Duration`) raises
#   `TypeError`, because your methods return `NotImplemented`.
#
# ```python
# timeout = Duration(1, "h") + Duration(30, "min")
# timeout, timeout > Duration(89, "min"), sum([Duration(500, "ms"), Duration(2, "s")])
# # (Duration(1.5, 'h'), True, Duration(2500, 'ms'))
# Duration(1, "s") + ByteSize(1, "KiB")   # TypeError
# ```

# %% [markdown] course={"kind": "hint"}
# One test decides most methods: `type(other) is type(self)` (a `Duration` is not a `ByteSize`,
# even though both are `Quantity`s). Build results with
# `self._from_base(self.base + other.base, self.unit)`.

# %% [markdown] course={"kind": "hint"}
# A number is `isinstance(x, (int, float)) and not isinstance(x, bool)`. In `__truediv__`, check
# "same class" first (return the ratio `self.base / other.base`), then "number", then
# `return NotImplemented`.

# %% course={"kind": "solution"}
import functools


@functools.total_ordering
class Quantity:
    """An amount with a unit, stored in the class's base unit."""

    UNITS: dict[str, int] = {}

    def __init__(self, amount: float, unit: str) -> None:
        if unit not in self.UNITS:
            raise ValueError(f"unknown {type(self).__name__} unit {unit!r} (expected one of {', '.join(self.UNITS)})")
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise TypeError(f"amount must be a number, got {type(amount).__name__}")
        self.base = amount * self.UNITS[unit]
        self.unit = unit

    @classmethod
    def _from_base(cls, base: float, unit: str) -> "Quantity":
        made = cls.__new__(cls)
        made.base, made.unit = base, unit
        return made

    @property
    def amount(self) -> float:
        size = self.UNITS[self.unit]
        if isinstance(self.base, int) and self.base % size == 0:
            return self.base // size
        return self.base / size

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.amount!r}, {self.unit!r})"

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if type(other) is not type(self):
            return NotImplemented
        return self.base == other.base
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash((type(self), self.base))
        ### END SOLUTION

    def __lt__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if type(other) is not type(self):
            return NotImplemented
        return self.base < other.base
        ### END SOLUTION

    def __add__(self, other: object) -> "Quantity":
        ### BEGIN SOLUTION
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base + other.base, self.unit)
        ### END SOLUTION

    def __radd__(self, other: object) -> "Quantity":
        ### BEGIN SOLUTION
        if type(other) is int and other == 0:
            return self
        return NotImplemented
        ### END SOLUTION

    def __sub__(self, other: object) -> "Quantity":
        ### BEGIN SOLUTION
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base - other.base, self.unit)
        ### END SOLUTION

    def __mul__(self, factor: object) -> "Quantity":
        ### BEGIN SOLUTION
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return self._from_base(self.base * factor, self.unit)
        ### END SOLUTION

    def __rmul__(self, factor: object) -> "Quantity":
        ### BEGIN SOLUTION
        return self.__mul__(factor)
        ### END SOLUTION

    def __truediv__(self, other: object) -> "Quantity | float":
        ### BEGIN SOLUTION
        if type(other) is type(self):
            return self.base / other.base
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return NotImplemented
        return self._from_base(self.base / other, self.unit)
        ### END SOLUTION


class Duration(Quantity):
    UNITS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}


class ByteSize(Quantity):
    UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}

# %% course={"kind": "test", "points": 2}
assert Duration(90, "min") == Duration(1.5, "h"), "90 min is 1.5 h"
assert hash(Duration(90, "min")) == hash(Duration(1.5, "h")), "equal quantities, equal hashes"
assert ByteSize(1, "GiB") == ByteSize(1024, "MiB") and ByteSize(1, "GB") != ByteSize(1, "GiB"), "GiB is 1024 MiB; GB is not GiB"
### BEGIN HIDDEN TESTS
assert ByteSize(1, "KiB") == ByteSize(1024, "B") and ByteSize(1, "KB") == ByteSize(1000, "B") and ByteSize(0, "GB") == ByteSize(0, "B")
assert Duration(1, "d") == Duration(24, "h") and Duration(1000, "ms") == Duration(1, "s") and Duration(1, "s") != Duration(1001, "ms")
assert not (Duration(1, "d") != Duration(1440, "min"))
assert len({Duration(60, "s"), Duration(1, "min"), Duration(60_000, "ms"), Duration(61, "s")}) == 2
assert Duration(1, "s").__eq__(ByteSize(1000, "B")) is NotImplemented, "a Duration is never equal to a ByteSize"
assert (Duration(1, "s") == ByteSize(1000, "B")) is False and (Duration(1, "s") == 1000) is False
assert (ByteSize(0, "B") == 0) is False and Duration(1, "s").__eq__(1000) is NotImplemented
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
total = Duration(1, "h") + Duration(30, "min")
assert total == Duration(90, "min") and total.unit == "h" and type(total) is Duration, f"1 h + 30 min gave {total!r}"
assert repr(total) == "Duration(1.5, 'h')", f"repr {total!r}"
assert sum([Duration(500, "ms"), Duration(2, "s")]) == Duration(2500, "ms"), "sum() works from 0"
### BEGIN HIDDEN TESTS
left = Duration(30, "min") + Duration(1, "h")
assert left.unit == "min" and repr(left) == "Duration(90, 'min')", f"result keeps the left unit: {left!r}"
diff = ByteSize(1, "GiB") - ByteSize(512, "MiB")
assert type(diff) is ByteSize and diff.unit == "GiB" and diff == ByteSize(512, "MiB") and repr(diff) == "ByteSize(0.5, 'GiB')"
assert ByteSize(1, "KiB") - ByteSize(2, "KiB") == ByteSize(-1024, "B"), "subtraction may go negative"
disks = [ByteSize(100, "GB"), ByteSize(50, "GB"), ByteSize(1, "KB")]
assert sum(disks) == ByteSize(150_000_001, "KB") and type(sum(disks)) is ByteSize and sum(disks).unit == "GB"
assert sum(disks, ByteSize(0, "B")).unit == "B" and sum(disks[:1]) is disks[0] or sum(disks[:1]) == disks[0]
a = Duration(10, "s")
assert (a + a, a.base) == (Duration(20, "s"), 10_000), "operands unchanged"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert ByteSize(1, "GiB") / ByteSize(256, "MiB") == 4.0 and type(ByteSize(1, "GiB") / ByteSize(256, "MiB")) is float, "ratio of two sizes"
assert Duration(2, "h") * 3 == Duration(6, "h") and 3 * Duration(2, "h") == Duration(6, "h"), "scale by a number, both sides"
assert Duration(1, "h") / 4 == Duration(15, "min") and (Duration(1, "h") / 4).unit == "h", "divide by a number"
### BEGIN HIDDEN TESTS
half = ByteSize(3, "MiB") * 0.5
assert type(half) is ByteSize and half.unit == "MiB" and half == ByteSize(1536, "KiB")
assert (Duration(2, "h") * 3).unit == "h" and type(3 * Duration(2, "h")) is Duration and (2.5 * Duration(2, "s")) == Duration(5, "s")
assert Duration(1, "s") * 0 == Duration(0, "ms") and Duration(1, "s") * -2 == Duration(-2, "s")
assert Duration(90, "s") / Duration(1, "min") == 1.5 and Duration(1, "s") / Duration(4, "s") == 0.25
assert Duration(1, "ms") / 2 == Duration(0.5, "ms") and (Duration(1, "s") / 8).base == 125.0, "true division, not floor"
assert type(Duration(3, "h") / 3) is Duration and Duration(3, "h") / 3.0 == Duration(1, "h") and Duration(3, "h") / -3 == Duration(-1, "h")
for bad in (lambda: Duration(1, "s") / 0, lambda: Duration(1, "s") / Duration(0, "ms")):
    try:
        bad()
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("dividing by zero raises ZeroDivisionError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    Duration(1, "s") + ByteSize(1, "KiB")
except TypeError:
    pass
else:
    raise AssertionError("a duration plus a size must raise TypeError")
### BEGIN HIDDEN TESTS
d, b = Duration(1, "s"), ByteSize(1, "KiB")
cases = {
    "d + b": lambda: d + b, "b + d": lambda: b + d, "d - b": lambda: d - b, "d + 5": lambda: d + 5, "5 + d": lambda: 5 + d,
    "d - 5": lambda: d - 5, "d * d": lambda: d * d, "d * b": lambda: d * b, "d * True": lambda: d * True, "True * d": lambda: True * d,
    "d / b": lambda: d / b, "d / '2'": lambda: d / "2", "d / False": lambda: d / False, "d < b": lambda: d < b, "d >= 5": lambda: d >= 5,
    "0.0 + d": lambda: 0.0 + d, "False + d": lambda: False + d, "d * '3'": lambda: d * "3", "d + 0": lambda: d + 0,
}
for name, op in cases.items():
    try:
        got = op()
    except TypeError:
        continue
    raise AssertionError(f"{name} must raise TypeError, gave {got!r}")
for method, arg in ((d.__add__, b), (d.__radd__, 1), (d.__sub__, 0), (d.__mul__, b), (d.__rmul__, None), (d.__truediv__, b), (d.__lt__, b)):
    assert method(arg) is NotImplemented, f"{method.__name__}({arg!r}) must return NotImplemented"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
steps = [Duration(2, "min"), Duration(90, "s"), Duration(1, "h"), Duration(500, "ms")]
assert sorted(steps) == [Duration(500, "ms"), Duration(90, "s"), Duration(2, "min"), Duration(1, "h")], f"sorted {sorted(steps)}"
### BEGIN HIDDEN TESTS
assert max(steps) == Duration(60, "min") and min(steps) == Duration(0.5, "s")
x, y = Duration(60, "s"), Duration(1, "min")
assert x <= y and x >= y and not x < y and not x > y, "equal amounts in other units"
assert Duration(59, "s") < y and Duration(59, "s") <= y and Duration(61, "s") > y and Duration(61, "s") >= y and not Duration(61, "s") < y
assert ByteSize(1, "GB") < ByteSize(1, "GiB") and ByteSize(-1, "B") < ByteSize(0, "B")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "compares-amounts", "fails": ["t1", "t2", "t3", "t5"]}
import functools


@functools.total_ordering
class Quantity:
    UNITS = {}

    def __init__(self, amount, unit):
        self.base, self.unit = amount * self.UNITS[unit], unit

    @classmethod
    def _from_base(cls, base, unit):
        made = cls.__new__(cls)
        made.base, made.unit = base, unit
        return made

    @property
    def amount(self):
        size = self.UNITS[self.unit]
        return self.base // size if isinstance(self.base, int) and self.base % size == 0 else self.base / size

    def __repr__(self):
        return f"{type(self).__name__}({self.amount!r}, {self.unit!r})"

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return (self.amount, self.unit) == (other.amount, other.unit)  # 90 min != 1.5 h

    def __hash__(self):
        return hash((self.amount, self.unit))

    def __lt__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.amount < other.amount  # 2 min < 90 s

    def __add__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base + other.base, self.unit)

    def __radd__(self, other):
        return self if type(other) is int and other == 0 else NotImplemented

    def __sub__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base - other.base, self.unit)

    def __mul__(self, factor):
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return self._from_base(self.base * factor, self.unit)

    __rmul__ = __mul__

    def __truediv__(self, other):
        if type(other) is type(self):
            return self.base / other.base
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return NotImplemented
        return self._from_base(self.base / other, self.unit)


class Duration(Quantity):
    UNITS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}


class ByteSize(Quantity):
    UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}

# %% course={"kind": "wrong", "id": "any-quantity-mixes", "fails": ["t1", "t4"]}
import functools


@functools.total_ordering
class Quantity:
    UNITS = {}

    def __init__(self, amount, unit):
        self.base, self.unit = amount * self.UNITS[unit], unit

    @classmethod
    def _from_base(cls, base, unit):
        made = cls.__new__(cls)
        made.base, made.unit = base, unit
        return made

    @property
    def amount(self):
        size = self.UNITS[self.unit]
        return self.base // size if isinstance(self.base, int) and self.base % size == 0 else self.base / size

    def __repr__(self):
        return f"{type(self).__name__}({self.amount!r}, {self.unit!r})"

    def __eq__(self, other):
        if not isinstance(other, Quantity):  # a Duration and a ByteSize are both Quantities...
            return NotImplemented
        return self.base == other.base

    def __hash__(self):
        return hash(self.base)

    def __lt__(self, other):
        if not isinstance(other, Quantity):
            return NotImplemented
        return self.base < other.base

    def __add__(self, other):
        if not isinstance(other, Quantity):  # ...so 1 s + 1 KiB "works"
            return NotImplemented
        return self._from_base(self.base + other.base, self.unit)

    def __radd__(self, other):
        return self if type(other) is int and other == 0 else NotImplemented

    def __sub__(self, other):
        if not isinstance(other, Quantity):
            return NotImplemented
        return self._from_base(self.base - other.base, self.unit)

    def __mul__(self, factor):
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return self._from_base(self.base * factor, self.unit)

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Quantity):
            return self.base / other.base
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return NotImplemented
        return self._from_base(self.base / other, self.unit)


class Duration(Quantity):
    UNITS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}


class ByteSize(Quantity):
    UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}

# %% course={"kind": "wrong", "id": "result-in-base-unit", "fails": ["t2", "t3"]}
import functools


@functools.total_ordering
class Quantity:
    UNITS = {}

    def __init__(self, amount, unit):
        self.base, self.unit = amount * self.UNITS[unit], unit

    @classmethod
    def _from_base(cls, base, unit):
        made = cls.__new__(cls)
        made.base, made.unit = base, unit
        return made

    @property
    def amount(self):
        size = self.UNITS[self.unit]
        return self.base // size if isinstance(self.base, int) and self.base % size == 0 else self.base / size

    def __repr__(self):
        return f"{type(self).__name__}({self.amount!r}, {self.unit!r})"

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.base == other.base

    def __hash__(self):
        return hash((type(self), self.base))

    def __lt__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.base < other.base

    def _base_unit(self):
        return next(iter(self.UNITS))

    def __add__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base + other.base, self._base_unit())  # 1 h + 30 min -> 5400000 ms

    def __radd__(self, other):
        return self if type(other) is int and other == 0 else NotImplemented

    def __sub__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._from_base(self.base - other.base, self._base_unit())

    def __mul__(self, factor):
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            return NotImplemented
        return self._from_base(self.base * factor, self._base_unit())

    __rmul__ = __mul__

    def __truediv__(self, other):
        if type(other) is type(self):
            return self.base / other.base
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return NotImplemented
        return self._from_base(self.base / other, self._base_unit())


class Duration(Quantity):
    UNITS = {"ms": 1, "s": 1000, "min": 60_000, "h": 3_600_000, "d": 86_400_000}


class ByteSize(Quantity):
    UNITS = {"B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}

# %% [markdown] course={"kind": "task", "id": "units-parse", "item": "project-5-7-2", "points": 3}
# ### Finish the units library
#
# Extend the tested core into a small module `units.py`:
#
# 1. `Duration.parse("1h30m")`, `ByteSize.parse("512MiB")` (and `"1.5 GB"`), raising `ValueError`
#    that names the text and the allowed units;
# 2. `__format__`: `f"{size:GiB}"` converts to that unit, `f"{size}"` picks the largest unit that
#    keeps the amount at least 1;
# 3. a third quantity of your choice (`Rate` = `ByteSize / Duration` for throughput, or `Length`
#    and `Weight` as in the roadmap), showing `Rate * Duration -> ByteSize`.
#
# Paste the module and a short session: parsing, formatting, one cross-type operation that works
# and one that raises `TypeError`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `parse` accepts the documented forms, rejects junk with a message naming the text and
#   the units; it builds through the class (no second copy of the unit tables).
# - 1 point: `__format__` handles an empty spec and every unit; an unknown spec raises
#   `ValueError`/`TypeError` instead of printing nonsense.
# - 1 point: the third quantity's cross-type operators return `NotImplemented` for everything they
#   do not define; the session shows both the working and the refused operation.

# %% [markdown] course={"kind": "exercise", "id": "query-builder", "item": "project-5-7-1"}
# ### Mini-project: a fluent SQL query builder (tested core)
#
# ORMs such as SQLAlchemy let you write `users.c.age >= 18` and get SQL, not a `bool`: the
# comparison operators are overloaded to build **conditions**. Build a small version. Values never
# go into the SQL text; they travel separately as parameters (`?` placeholders), which is what
# stops SQL injection. Given: `Condition(sql, params)` with `__repr__`, and a `__bool__` that
# refuses `and`/`or`/`if` (those cannot be overloaded), and `Query.__init__`/`select`. Write:
#
# - `Column(name)` comparisons `==`, `!=`, `<`, `<=`, `>`, `>=` returning `Condition`s:
#   `Column("age") >= 18` is `Condition('age >= ?', (18,))`; `!=` is written `<>`. Against another
#   `Column` no parameter is used: `Column("users.team_id") == Column("teams.id")` is
#   `Condition('users.team_id = teams.id', ())`. `== None` is `x IS NULL` and `!= None` is
#   `x IS NOT NULL` (in SQL, `x = NULL` is never true). Because `__eq__` is overloaded, give
#   `Column` a `__hash__` (of its name) so columns still work in sets and as dict keys. (Two
#   *different* `Column("a")` objects in one set would make Python call `==`, get a `Condition` and
#   ask for its truth value, which `__bool__` refuses: look columns up by the same object, as
#   SQLAlchemy users do.)
# - `c1 & c2` is `(c1) AND (c2)`, `c1 | c2` is `(c1) OR (c2)` (parameters concatenated in order),
#   `~c` is `NOT (c)`; a non-`Condition` operand gives `NotImplemented`.
# - `Query`: `where(condition)` and `join(table, on=condition)` return a **new** `Query` (the
#   original is unchanged, so a base query can be reused); several `where`s are combined with `&`.
#   `sql()` returns `(text, params)`:
#   `SELECT cols FROM table[ JOIN t ON cond]...[ WHERE cond]`, join parameters before where ones.
#   `where` with a non-`Condition` (a `bool`, because someone wrote `==` on plain values) raises `TypeError`.
#
# Python's `&` binds tighter than `>=`, so write parentheses: `(age >= 18) & (team == "ml")`.
#
# ```python
# age, team = Column("age"), Column("teams.name")
# q = Query("users").select("users.name").join("teams", on=Column("users.team_id") == Column("teams.id"))
# q.where((age >= 18) & (team == "ml")).sql()
# # ('SELECT users.name FROM users JOIN teams ON users.team_id = teams.id WHERE (age >= ?) AND (teams.name = ?)', (18, 'ml'))
# ```

# %% [markdown] course={"kind": "hint"}
# Write one helper `Column._compare(op, value)` that handles the three cases (another `Column`,
# `None`, a plain value), and make each comparison dunder one line: `return self._compare(">=", other)`.

# %% [markdown] course={"kind": "hint"}
# `functools.reduce(operator.and_, self.wheres)` combines several conditions with your own `&`.
# In `sql()`, collect the text parts in a list and the parameters in another, then
# `" ".join(parts), tuple(params)`.

# %% course={"kind": "solution"}
import functools
import operator
from typing import Any


class Condition:
    """A piece of SQL with `?` placeholders and the values that fill them."""

    def __init__(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.sql, self.params = sql, tuple(params)

    def __repr__(self) -> str:
        return f"Condition({self.sql!r}, {self.params!r})"

    def __bool__(self) -> bool:
        raise TypeError("combine conditions with & | ~ and parentheses, not and/or/not/if")

    def __and__(self, other: object) -> "Condition":
        ### BEGIN SOLUTION
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) AND ({other.sql})", self.params + other.params)
        ### END SOLUTION

    def __or__(self, other: object) -> "Condition":
        ### BEGIN SOLUTION
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) OR ({other.sql})", self.params + other.params)
        ### END SOLUTION

    def __invert__(self) -> "Condition":
        ### BEGIN SOLUTION
        return Condition(f"NOT ({self.sql})", self.params)
        ### END SOLUTION


class Column:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Column({self.name!r})"

    def _compare(self, op: str, value: object) -> Condition:
        ### BEGIN SOLUTION
        if isinstance(value, Column):
            return Condition(f"{self.name} {op} {value.name}")
        if value is None and op in ("=", "<>"):
            return Condition(f"{self.name} IS {'NOT ' if op == '<>' else ''}NULL")
        return Condition(f"{self.name} {op} ?", (value,))
        ### END SOLUTION

    def __eq__(self, other: object) -> Condition:  # type: ignore[override]
        ### BEGIN SOLUTION
        return self._compare("=", other)
        ### END SOLUTION

    def __ne__(self, other: object) -> Condition:  # type: ignore[override]
        ### BEGIN SOLUTION
        return self._compare("<>", other)
        ### END SOLUTION

    def __lt__(self, other: object) -> Condition:
        ### BEGIN SOLUTION
        return self._compare("<", other)
        ### END SOLUTION

    def __le__(self, other: object) -> Condition:
        ### BEGIN SOLUTION
        return self._compare("<=", other)
        ### END SOLUTION

    def __gt__(self, other: object) -> Condition:
        ### BEGIN SOLUTION
        return self._compare(">", other)
        ### END SOLUTION

    def __ge__(self, other: object) -> Condition:
        ### BEGIN SOLUTION
        return self._compare(">=", other)
        ### END SOLUTION

    def __hash__(self) -> int:
        ### BEGIN SOLUTION
        return hash(self.name)
        ### END SOLUTION


class Query:
    def __init__(self, table: str, columns: tuple[str, ...] = ("*",), joins: tuple = (), wheres: tuple = ()) -> None:
        self.table, self.columns, self.joins, self.wheres = table, columns, joins, wheres

    def select(self, *columns: str) -> "Query":
        return Query(self.table, columns or ("*",), self.joins, self.wheres)

    def where(self, condition: Condition) -> "Query":
        ### BEGIN SOLUTION
        if not isinstance(condition, Condition):
            raise TypeError(f"where() needs a Condition, got {type(condition).__name__}")
        return Query(self.table, self.columns, self.joins, self.wheres + (condition,))
        ### END SOLUTION

    def join(self, table: str, on: Condition) -> "Query":
        ### BEGIN SOLUTION
        return Query(self.table, self.columns, self.joins + ((table, on),), self.wheres)
        ### END SOLUTION

    def sql(self) -> tuple[str, tuple[Any, ...]]:
        ### BEGIN SOLUTION
        parts = [f"SELECT {', '.join(self.columns)} FROM {self.table}"]
        params: list[Any] = []
        for table, on in self.joins:
            parts.append(f"JOIN {table} ON {on.sql}")
            params.extend(on.params)
        if self.wheres:
            condition = functools.reduce(operator.and_, self.wheres)
            parts.append(f"WHERE {condition.sql}")
            params.extend(condition.params)
        return " ".join(parts), tuple(params)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
age = Column("age")
cond = age >= 18
assert type(cond) is Condition and (cond.sql, cond.params) == ("age >= ?", (18,)), f"age >= 18 gave {cond!r}"
link = Column("users.team_id") == Column("teams.id")
assert (link.sql, link.params) == ("users.team_id = teams.id", ()), f"column == column gave {link!r}"
assert ((Column("email") == None).sql, (Column("email") == None).params) == ("email IS NULL", ()), "== None is IS NULL"  # noqa: E711
### BEGIN HIDDEN TESTS
expected = {"==": ("x = ?", (0,)), "!=": ("x <> ?", (0,)), "<": ("x < ?", (0,)), "<=": ("x <= ?", (0,)), ">": ("x > ?", (0,)), ">=": ("x >= ?", (0,))}
x = Column("x")
got = {"==": x == 0, "!=": x != 0, "<": x < 0, "<=": x <= 0, ">": x > 0, ">=": x >= 0}
for op, want in expected.items():
    assert type(got[op]) is Condition and (got[op].sql, got[op].params) == want, f"x {op} 0 gave {got[op]!r}"
assert ((x != None).sql, (x != None).params) == ("x IS NOT NULL", ())  # noqa: E711
assert ((x == "") .sql, (x == "").params) == ("x = ?", ("",)) and (x == False).params == (False,), "falsy values are still parameters"  # noqa: E712
assert ((x < Column("y")).sql, (x != Column("y")).sql, (x >= Column("y")).params) == ("x < y", "x <> y", ())
assert (x > None).sql == "x > ?" and (x > None).params == (None,)
sneaky = "x' OR '1'='1"
assert (Column("name") == sneaky).sql == "name = ?" and (Column("name") == sneaky).params == (sneaky,), "values never go into the text"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
a, b, c = Column("a") == 1, Column("b") > 2, Column("c") < 3
both = a & b
assert (both.sql, both.params) == ("(a = ?) AND (b > ?)", (1, 2)), f"& gave {both!r}"
assert ((a | b).sql, (a | b).params) == ("(a = ?) OR (b > ?)", (1, 2)), f"| gave {a | b!r}"
assert ((~a).sql, (~a).params) == ("NOT (a = ?)", (1,)), f"~ gave {~a!r}"
### BEGIN HIDDEN TESTS
nested = (a | b) & ~c
assert (nested.sql, nested.params) == ("((a = ?) OR (b > ?)) AND (NOT (c < ?))", (1, 2, 3)), nested
assert ((c & a).params, (b | c | a).params) == ((3, 1), (2, 3, 1)), "parameters keep their order"
assert type(a & b) is Condition and type(~a) is Condition and (a.sql, a.params) == ("a = ?", (1,)), "operands unchanged"
for method, arg in ((a.__and__, True), (a.__or__, "b > 2")):
    assert method(arg) is NotImplemented, f"{method.__name__}({arg!r}) must return NotImplemented"
for op in (lambda: a & True, lambda: a | 1):
    try:
        op()
    except TypeError:
        pass
    else:
        raise AssertionError("combining with a non-Condition must raise TypeError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
users = Query("users").select("users.name")
q = users.where(Column("age") >= 18)
assert users.sql() == ("SELECT users.name FROM users", ()), "where() must not change the base query"
assert q.sql() == ("SELECT users.name FROM users WHERE age >= ?", (18,)), f"sql() gave {q.sql()}"
assert run_query(q) == [("ana",), ("cy",), ("di",), ("ed",)], f"SQLite returned {run_query(q)}"
### BEGIN HIDDEN TESTS
joined = users.join("teams", on=Column("users.team_id") == Column("teams.id"))
ml = joined.where(Column("teams.name") == "ml").where(Column("age") > 20)
assert ml.sql() == ("SELECT users.name FROM users JOIN teams ON users.team_id = teams.id WHERE (teams.name = ?) AND (age > ?)", ("ml", 20))
assert run_query(ml) == [("ana",)] and joined.sql()[0].endswith("teams.id") and run_query(joined) == [("ana",), ("bo",), ("cy",), ("di",)]
on_param = Query("users").join("teams", on=(Column("users.team_id") == Column("teams.id")) & (Column("teams.name") == "ops"))
assert on_param.where(Column("age") < 30).sql()[1] == ("ops", 30), "join parameters come before where parameters"
assert run_query(on_param.select("users.name").where(Column("age") < 30)) == [("di",)]
assert run_query(Query("users").select("name").where(Column("email") == None)) == [("bo",), ("di",)]  # noqa: E711
assert run_query(Query("users").select("name").where(Column("email") != None)) == [("ana",), ("cy",), ("ed",)]  # noqa: E711
tricky = Query("users").select("name").where((Column("age") < 18) | (Column("age") > 50)).where(Column("team_id") == 1)
assert run_query(tricky) == [("bo",)], "OR inside AND needs its parentheses"
assert run_query(Query("users").select("name").where(~(Column("age") >= 18))) == [("bo",)]
assert run_query(Query("users").select("name").where(Column("name") == "x' OR '1'='1")) == [], "no injection"
assert Query("t").sql() == ("SELECT * FROM t", ()) and Query("t").select("a", "b").sql() == ("SELECT a, b FROM t", ())
for bad in (True, "age > 3", None):
    try:
        Query("users").where(bad)
    except TypeError:
        pass
    else:
        raise AssertionError(f"where({bad!r}) must raise TypeError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
name = Column("name")
chosen = {name: "sort key"}
assert chosen[name] == "sort key" and name in {name}, "Column stays hashable: usable as a dict key and in a set"
assert hash(Column("a")) == hash(Column("a")) and len({Column("a"), Column("b"), name}) == 3, "hash by name"

# %% course={"kind": "wrong", "id": "no-parentheses", "fails": ["t2", "t3"]}
import functools
import operator


class Condition:
    def __init__(self, sql, params=()):
        self.sql, self.params = sql, tuple(params)

    def __repr__(self):
        return f"Condition({self.sql!r}, {self.params!r})"

    def __and__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"{self.sql} AND {other.sql}", self.params + other.params)  # a OR b AND c

    def __or__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"{self.sql} OR {other.sql}", self.params + other.params)

    def __invert__(self):
        return Condition(f"NOT {self.sql}", self.params)


class Column:
    def __init__(self, name):
        self.name = name

    def _compare(self, op, value):
        if isinstance(value, Column):
            return Condition(f"{self.name} {op} {value.name}")
        if value is None and op in ("=", "<>"):
            return Condition(f"{self.name} IS {'NOT ' if op == '<>' else ''}NULL")
        return Condition(f"{self.name} {op} ?", (value,))

    def __eq__(self, other):
        return self._compare("=", other)

    def __ne__(self, other):
        return self._compare("<>", other)

    def __lt__(self, other):
        return self._compare("<", other)

    def __le__(self, other):
        return self._compare("<=", other)

    def __gt__(self, other):
        return self._compare(">", other)

    def __ge__(self, other):
        return self._compare(">=", other)

    def __hash__(self):
        return hash(self.name)


class Query:
    def __init__(self, table, columns=("*",), joins=(), wheres=()):
        self.table, self.columns, self.joins, self.wheres = table, columns, joins, wheres

    def select(self, *columns):
        return Query(self.table, columns or ("*",), self.joins, self.wheres)

    def where(self, condition):
        if not isinstance(condition, Condition):
            raise TypeError("where() needs a Condition")
        return Query(self.table, self.columns, self.joins, self.wheres + (condition,))

    def join(self, table, on):
        return Query(self.table, self.columns, self.joins + ((table, on),), self.wheres)

    def sql(self):
        parts, params = [f"SELECT {', '.join(self.columns)} FROM {self.table}"], []
        for table, on in self.joins:
            parts.append(f"JOIN {table} ON {on.sql}")
            params.extend(on.params)
        if self.wheres:
            condition = functools.reduce(operator.and_, self.wheres)
            parts.append(f"WHERE {condition.sql}")
            params.extend(condition.params)
        return " ".join(parts), tuple(params)

# %% course={"kind": "wrong", "id": "values-in-text", "fails": ["t1", "t2", "t3"]}
import functools
import operator


class Condition:
    def __init__(self, sql, params=()):
        self.sql, self.params = sql, tuple(params)

    def __repr__(self):
        return f"Condition({self.sql!r}, {self.params!r})"

    def __and__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) AND ({other.sql})", self.params + other.params)

    def __or__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) OR ({other.sql})", self.params + other.params)

    def __invert__(self):
        return Condition(f"NOT ({self.sql})", self.params)


class Column:
    def __init__(self, name):
        self.name = name

    def _compare(self, op, value):
        if isinstance(value, Column):
            return Condition(f"{self.name} {op} {value.name}")
        return Condition(f"{self.name} {op} {value!r}")  # the value is pasted into the SQL text

    def __eq__(self, other):
        return self._compare("=", other)

    def __ne__(self, other):
        return self._compare("<>", other)

    def __lt__(self, other):
        return self._compare("<", other)

    def __le__(self, other):
        return self._compare("<=", other)

    def __gt__(self, other):
        return self._compare(">", other)

    def __ge__(self, other):
        return self._compare(">=", other)

    def __hash__(self):
        return hash(self.name)


class Query:
    def __init__(self, table, columns=("*",), joins=(), wheres=()):
        self.table, self.columns, self.joins, self.wheres = table, columns, joins, wheres

    def select(self, *columns):
        return Query(self.table, columns or ("*",), self.joins, self.wheres)

    def where(self, condition):
        if not isinstance(condition, Condition):
            raise TypeError("where() needs a Condition")
        return Query(self.table, self.columns, self.joins, self.wheres + (condition,))

    def join(self, table, on):
        return Query(self.table, self.columns, self.joins + ((table, on),), self.wheres)

    def sql(self):
        parts, params = [f"SELECT {', '.join(self.columns)} FROM {self.table}"], []
        for table, on in self.joins:
            parts.append(f"JOIN {table} ON {on.sql}")
            params.extend(on.params)
        if self.wheres:
            condition = functools.reduce(operator.and_, self.wheres)
            parts.append(f"WHERE {condition.sql}")
            params.extend(condition.params)
        return " ".join(parts), tuple(params)

# %% course={"kind": "wrong", "id": "where-mutates", "fails": ["t3"]}
import functools
import operator


class Condition:
    def __init__(self, sql, params=()):
        self.sql, self.params = sql, tuple(params)

    def __repr__(self):
        return f"Condition({self.sql!r}, {self.params!r})"

    def __and__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) AND ({other.sql})", self.params + other.params)

    def __or__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) OR ({other.sql})", self.params + other.params)

    def __invert__(self):
        return Condition(f"NOT ({self.sql})", self.params)


class Column:
    def __init__(self, name):
        self.name = name

    def _compare(self, op, value):
        if isinstance(value, Column):
            return Condition(f"{self.name} {op} {value.name}")
        if value is None and op in ("=", "<>"):
            return Condition(f"{self.name} IS {'NOT ' if op == '<>' else ''}NULL")
        return Condition(f"{self.name} {op} ?", (value,))

    def __eq__(self, other):
        return self._compare("=", other)

    def __ne__(self, other):
        return self._compare("<>", other)

    def __lt__(self, other):
        return self._compare("<", other)

    def __le__(self, other):
        return self._compare("<=", other)

    def __gt__(self, other):
        return self._compare(">", other)

    def __ge__(self, other):
        return self._compare(">=", other)

    def __hash__(self):
        return hash(self.name)


class Query:
    def __init__(self, table, columns=("*",), joins=(), wheres=()):
        self.table, self.columns, self.joins, self.wheres = table, columns, list(joins), list(wheres)

    def select(self, *columns):
        return Query(self.table, columns or ("*",), self.joins, self.wheres)

    def where(self, condition):
        if not isinstance(condition, Condition):
            raise TypeError("where() needs a Condition")
        self.wheres.append(condition)  # changes the base query and hands it back
        return self

    def join(self, table, on):
        self.joins.append((table, on))
        return self

    def sql(self):
        parts, params = [f"SELECT {', '.join(self.columns)} FROM {self.table}"], []
        for table, on in self.joins:
            parts.append(f"JOIN {table} ON {on.sql}")
            params.extend(on.params)
        if self.wheres:
            condition = functools.reduce(operator.and_, self.wheres)
            parts.append(f"WHERE {condition.sql}")
            params.extend(condition.params)
        return " ".join(parts), tuple(params)

# %% course={"kind": "wrong", "id": "column-unhashable", "fails": ["t4"]}
import functools
import operator


class Condition:
    def __init__(self, sql, params=()):
        self.sql, self.params = sql, tuple(params)

    def __repr__(self):
        return f"Condition({self.sql!r}, {self.params!r})"

    def __and__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) AND ({other.sql})", self.params + other.params)

    def __or__(self, other):
        if not isinstance(other, Condition):
            return NotImplemented
        return Condition(f"({self.sql}) OR ({other.sql})", self.params + other.params)

    def __invert__(self):
        return Condition(f"NOT ({self.sql})", self.params)


class Column:
    def __init__(self, name):
        self.name = name

    def _compare(self, op, value):
        if isinstance(value, Column):
            return Condition(f"{self.name} {op} {value.name}")
        if value is None and op in ("=", "<>"):
            return Condition(f"{self.name} IS {'NOT ' if op == '<>' else ''}NULL")
        return Condition(f"{self.name} {op} ?", (value,))

    def __eq__(self, other):  # and no __hash__: Python sets Column.__hash__ = None
        return self._compare("=", other)

    def __ne__(self, other):
        return self._compare("<>", other)

    def __lt__(self, other):
        return self._compare("<", other)

    def __le__(self, other):
        return self._compare("<=", other)

    def __gt__(self, other):
        return self._compare(">", other)

    def __ge__(self, other):
        return self._compare(">=", other)


class Query:
    def __init__(self, table, columns=("*",), joins=(), wheres=()):
        self.table, self.columns, self.joins, self.wheres = table, columns, joins, wheres

    def select(self, *columns):
        return Query(self.table, columns or ("*",), self.joins, self.wheres)

    def where(self, condition):
        if not isinstance(condition, Condition):
            raise TypeError("where() needs a Condition")
        return Query(self.table, self.columns, self.joins, self.wheres + (condition,))

    def join(self, table, on):
        return Query(self.table, self.columns, self.joins + ((table, on),), self.wheres)

    def sql(self):
        parts, params = [f"SELECT {', '.join(self.columns)} FROM {self.table}"], []
        for table, on in self.joins:
            parts.append(f"JOIN {table} ON {on.sql}")
            params.extend(on.params)
        if self.wheres:
            condition = functools.reduce(operator.and_, self.wheres)
            parts.append(f"WHERE {condition.sql}")
            params.extend(condition.params)
        return " ".join(parts), tuple(params)

# %% [markdown] course={"kind": "task", "id": "query-builder-more", "item": "project-5-7-1", "points": 3}
# ### Grow the query builder
#
# Extend the core into `querybuilder.py`:
#
# 1. `Column.in_(values)` (`x IN (?, ?, ?)`), `Column.like(pattern)`, and `order_by(column,
#    descending=False)` / `limit(n)` on `Query`, each returning a new `Query`;
# 2. quoting of identifiers (table and column names) so that a column called `order` works, and a
#    `ValueError` for names that are not plain identifiers;
# 3. a `Table` object whose attributes are columns (`users.age >= 18`) through `__getattr__`,
#    raising `AttributeError` for names not declared.
#
# Paste the module and a session that runs three generated queries against an SQLite database,
# including one with a value that would break naive string formatting (`"O'Brien"`).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `in_`, `like`, `order_by`, `limit` produce parameterised SQL (no values in the text)
#   and never change the query they are called on.
# - 1 point: identifiers are validated and quoted; a bad name fails with a clear `ValueError`.
# - 1 point: `Table.__getattr__` only runs for unknown names and raises `AttributeError`
#   correctly (so `hasattr` and `getattr(..., default)` work); the session shows the O'Brien query.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-str-and"}
# `__repr__` is for developers: it should be unambiguous and, where practical, valid Python that
# rebuilds an equal object (`Version('1.2.0')`); the REPL, debuggers, logs of containers and
# `{x!r}` use it. `__str__` is for people: `print()`, `str()` and f-strings use it
# (`1.2.0`, `19.99 USD`). If only `__repr__` is defined, `str()` falls back to it, not the other way
# round, so write `__repr__` first. Items inside a printed list or dict always show their `repr`.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-new-vs-init"}
# `__new__(cls, ...)` is a static method that creates and returns the object; `__init__(self, ...)`
# receives that object and sets its attributes, returning `None`. `__init__` runs only if
# `__new__` returned an instance of the class. You override `__new__` when initialising is too
# late: subclassing immutable types (`int`, `str`, `tuple`, whose value is fixed at creation),
# returning a cached or singleton object, or choosing a subclass to build. Everything else belongs
# in `__init__`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-make-a-class-iterable"}
# Give it an `__iter__` that returns a new iterator every time; the simplest is a generator method
# (`def __iter__(self): yield from self._items`). An iterator is an object with `__next__`, which
# returns the next item or raises `StopIteration`, and an `__iter__` that returns `self`. Keep the
# two apart: a container should be iterable many times; only a one-shot stream (a file, a socket,
# `Batches` above) should be its own iterator. The old fallback, `__getitem__` with indexes from
# 0 until `IndexError`, still works but is rarely what you want.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-make-objects-hashable"}
# Define `__hash__` together with `__eq__`, hashing exactly the fields `__eq__` compares, e.g.
# `return hash((self.major, self.minor, self.patch))`, so that equal objects have equal hashes.
# Those fields must not change while the object is in a set or a dict key, so make the class
# immutable (read-only properties, `__slots__` plus no setters, or `@dataclass(frozen=True)`,
# which writes `__eq__` and `__hash__` for you). Defining `__eq__` alone sets `__hash__` to `None`
# and the objects become unhashable.

# %% course={"kind": "trap", "trap": "trap-defining-eq-makes-objects-unhashable-by", "raises": "TypeError"}
# Defining __eq__ without __hash__ silently sets __hash__ = None.
class Node:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Node) and self.name == other.name


print("Node.__hash__ is", Node.__hash__)
pool = {Node("gpu-1")}  # TypeError: unhashable type: 'Node'

# %% course={"kind": "trap", "trap": "trap-del-is-not-reliably-called-don-t-use-for"}
# __del__ runs when CPython frees the object; an object in a reference cycle waits for the collector.
import gc

closed = []


class Connection:
    def __init__(self, name):
        self.name = name
        self.me = self  # a reference cycle, as parent/child links or callbacks easily make

    def __del__(self):
        closed.append(self.name)


gc.disable()  # the collector runs at unpredictable moments; switch it off to see the gap
try:
    conn = Connection("db")
    del conn
    print("after del conn:        closed =", closed, "<- the connection is still open")
    gc.collect()
    print("after gc.collect():    closed =", closed)
finally:
    gc.enable()
# And at interpreter exit, __del__ of objects still alive is not guaranteed to run at all.
# Use `with` (a context manager) for cleanup you depend on.

# %% course={"kind": "trap", "trap": "trap-getattr-vs-getattribute-confusion"}
# __getattr__: only for names normal lookup misses. __getattribute__: EVERY attribute read, even self.x.
class Proxy:
    def __init__(self, target):
        self.target = target

    def __getattr__(self, name):  # right: target is found normally, only unknown names come here
        return getattr(self.target, name)


print("__getattr__ proxy forwards:", Proxy("web-1").upper())


class BrokenProxy:
    def __init__(self, target):
        self.target = target

    def __getattribute__(self, name):  # wrong hook: self.target calls __getattribute__ again...
        return getattr(self.target, name)


try:
    BrokenProxy("web-1").upper()
except RecursionError as err:
    print("__getattribute__ proxy:", type(err).__name__, "-", err)

# %% course={"kind": "trap", "trap": "trap-forgetting-to-return-notimplemented-for"}
# Without `return NotImplemented`, a foreign operand crashes inside your method (or worse, "works").
class Gigabytes:
    def __init__(self, value):
        self.value = value

    def __add__(self, other):
        return Gigabytes(self.value + other.value)  # assumes other is Gigabytes

    def __eq__(self, other):
        return self.value == other.value  # same assumption


try:
    Gigabytes(1) + 5
except AttributeError as err:
    print("Gigabytes(1) + 5 -> AttributeError:", err, "(callers expect TypeError)")
try:
    print(Gigabytes(1) == None)  # noqa: E711
except AttributeError as err:
    print("Gigabytes(1) == None -> AttributeError:", err)
try:
    print(None in [Gigabytes(1)])  # list membership calls == on every item
except AttributeError as err:
    print("None in [Gigabytes(1)] -> AttributeError:", err)


class FixedGigabytes(Gigabytes):
    def __add__(self, other):
        if not isinstance(other, Gigabytes):
            return NotImplemented
        return FixedGigabytes(self.value + other.value)

    def __eq__(self, other):
        if not isinstance(other, Gigabytes):
            return NotImplemented
        return self.value == other.value

    __hash__ = None


try:
    FixedGigabytes(1) + 5
except TypeError as err:
    print("with NotImplemented -> TypeError:", err)
print("and comparisons with strangers just say False:", FixedGigabytes(1) == None, None in [FixedGigabytes(1)])  # noqa: E711
