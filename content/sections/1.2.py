# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can explain what a Python variable really is (a name bound
# to an object), tell equal values from identical objects, predict what arithmetic, comparisons
# and conversions do (the float and truthiness surprises included), slice and format strings,
# and annotate a function's types knowing what annotations do and do not check.

# %% [markdown] course={"kind": "lesson", "id": "names-and-objects", "covers": ["c-variables-as-name-bindings-not-boxes", "c-dynamic-typing-variables-can-change", "c-strong-typing-operations-require"]}
# ### Names, objects, and Python's kind of typing
#
# `servers = ["web-1", "web-2"]` does two things: it creates a list **object**, then binds the
# **name** `servers` to it. A name is a label attached to an object, not a box that holds a
# copy. `backup = servers` therefore attaches a second label to the *same* list; nothing is
# copied, and a change made through one name is visible through the other.
#
# - **Dynamic typing.** The type belongs to the object, not to the name. `port = "8080"` and,
#   a line later, `port = int(port)` is legal: the name now points at an `int` object.
# - **Strong typing.** Python does not quietly convert between unrelated types. `"port " + 8080`
#   is a `TypeError`, not `"port 8080"`. The conversions it does make are between numbers
#   (`1 + 2.5` is `3.5`, `True + 1` is `2`).
#
# Why it matters in DevOps work: environment variables, CLI arguments and YAML values often
# arrive as text. Strong typing makes a forgotten `int()` fail loudly at the `+`, instead of
# producing a wrong port number three steps later. The one thing people get wrong: believing
# `backup = servers` made a copy.

# %% course={"kind": "demo"}
servers = ["web-1", "web-2"]
backup = servers              # a second name for the SAME list
backup.append("web-3")
print("servers:", servers, "| same object:", backup is servers)

port = "8080"                 # dynamic typing: the name can be rebound to another type
print("before:", type(port).__name__, repr(port))
port = int(port)
print("after: ", type(port).__name__, repr(port))

try:
    "port " + port            # strong typing: str + int is refused
except TypeError as err:
    print("TypeError:", err)
print("numbers mix freely:", 1 + 2.5, True + 1)

# %% [markdown] course={"kind": "lesson", "id": "inspecting-objects", "covers": ["c-type-function-to-check-types", "c-id-function-to-check-object-identity", "c-isinstance-for-type-checking"]}
# ### Asking an object what it is: `type()`, `id()`, `isinstance()`
#
# - `type(obj)` returns the object's exact class; `type(obj).__name__` is its name as text,
#   handy in error messages (`expected int, got str`).
# - `id(obj)` returns an integer that is unique to the object **while it is alive** (in CPython,
#   its memory address). Two names share one object exactly when their ids are equal, which
#   `a is b` asks more readably. Ids of dead objects are reused, so never store them.
# - `isinstance(obj, cls)` asks "is `obj` an instance of `cls` or of one of its subclasses?",
#   and accepts a tuple of classes: `isinstance(x, (int, float))`. Prefer it to
#   `type(x) == int` when validating input.
#
# The one thing people get wrong: `bool` is a subclass of `int`, so `isinstance(True, int)` is
# `True`. A config validator that wants a number but not a flag must rule out `bool` itself.

# %% course={"kind": "demo"}
for value in [42, 4.2, True, "42", None]:
    print(f"{value!r:6} type={type(value).__name__:9} isinstance(value, int)={isinstance(value, int)}")

a = [1, 2]
b = a
c = [1, 2]
print()
print("a == c:", a == c, "  a is c:", a is c, "  a is b:", a is b)
print("id(a) == id(b):", id(a) == id(b), "  id(a) == id(c):", id(a) == id(c))

# %% [markdown] course={"kind": "lesson", "id": "basic-types", "covers": ["c-basic-data-types"]}
# ### The five basic types
#
# | type | examples | what to remember |
# |---|---|---|
# | `int` | `0`, `-17`, `10**100` | **unlimited precision**: it grows as needed and never overflows; only memory and speed limit it |
# | `float` | `3.14`, `1e-9`, `float("inf")` | a 64-bit **IEEE 754** double: about 15–17 significant digits, stored in binary, so `0.1` is only approximated |
# | `bool` | `True`, `False` | a subclass of `int`: `True == 1`, `sum([True, True])` is `2` |
# | `str` | `"api"`, `'ok'`, `""` | an **immutable** sequence of Unicode characters |
# | `NoneType` | `None` | exactly one object, meaning "no value"; test it with `is None` |
#
# In MLOps code the float row matters most: metrics, losses and money are floats, and
# comparing them with `==` is a bug waiting to happen (use `math.isclose`). Integers above
# 2\*\*53 cannot all be represented as floats, so converting a large id or byte count to
# `float` silently changes it. Floats do have a largest value (about `1.8e308`): `+`, `-`, `*`
# and `/` past it give `inf` without a word, while `**` and the conversion of a huge `int` raise
# `OverflowError`.

# %% course={"kind": "demo"}
import sys

print("2 ** 100        =", 2 ** 100)  # exact, no overflow
print("float(2**53)+1  == float(2**53):", float(2 ** 53) + 1 == float(2 ** 53))
print("largest float   =", sys.float_info.max)
print("largest float*2 =", sys.float_info.max * 2, "  <- * (and + - /) overflow quietly to inf")
try:
    2.0 ** 10000
except OverflowError as err:
    print("2.0 ** 10000    -> OverflowError:", err)
try:
    float(10 ** 400)
except OverflowError as err:
    print("float(10**400)  -> OverflowError:", err)
print("nan == nan      :", float("nan") == float("nan"))
print("True + True     =", True + True, "| issubclass(bool, int):", issubclass(bool, int))
print("type(None)      :", type(None).__name__, "| a new NoneType() is None:", type(None)() is None)

# %% [markdown] course={"kind": "lesson", "id": "arithmetic", "covers": ["c-numeric-operations", "c-integer-division-vs-true-division", "c-operator-precedence"]}
# ### Arithmetic, the two divisions, and precedence
#
# | operator | meaning | note |
# |---|---|---|
# | `+` `-` `*` | add, subtract, multiply | `int` with `int` stays `int`; one `float` makes the result a `float` |
# | `/` | true division | **always** a `float`: `6 / 3` is `2.0` |
# | `//` | floor division | rounds **down**, towards minus infinity: `-7 // 2` is `-4`, not `-3` |
# | `%` | remainder | takes the sign of the divisor, so `a == (a // b) * b + a % b` always holds |
# | `**` | power | `2 ** -1` is `0.5` |
#
# Everyday uses: `seconds // 60` and `seconds % 60` to split a duration, `shard = key_hash % 8`
# to spread work, `-(-items // batch)` to round a batch count up.
#
# **Precedence**, from tightest to loosest: `**`, then unary `-`, then `* / // %`, then `+ -`,
# then comparisons, then `not`, `and`, `or`. Two results surprise people: `-2 ** 2` is `-4`
# (the power happens before the minus), and `**` groups from the right, so `2 ** 3 ** 2` is
# `2 ** 9`. Parentheses cost nothing; add them whenever a reader might hesitate.

# %% course={"kind": "demo"}
for a, b in [(7, 2), (-7, 2), (7, -2)]:
    print(f"{a:>2} / {b:<2} = {a / b:<5}   {a:>2} // {b:<2} = {a // b:<3}   {a:>2} % {b:<2} = {a % b}")

print()
for expression in ["-2 ** 2", "(-2) ** 2", "2 ** 3 ** 2", "1 + 2 * 3", "(1 + 2) * 3", "10 - 4 - 3"]:
    print(f"{expression:<12} = {eval(expression)}")

# %% [markdown] course={"kind": "lesson", "id": "assignment-forms", "covers": ["c-augmented-assignment-etc", "c-multiple-assignment-a-b-1-2", "c-swap-without-temp-a-b-b-a"]}
# ### Augmented, multiple and swapping assignment
#
# - **Augmented assignment** (`+=`, `-=`, `*=`, `//=`...): `retries += 1` means
#   `retries = retries + 1` for immutable values such as `int` and `str`: a new object is made
#   and the name rebound. A **list** is different: `hosts += ["web-2"]` extends the existing
#   list in place, so every other name for that list sees the change.
# - **Multiple assignment**: `host, port = "db.internal", 5432` builds the right-hand side (a
#   tuple) first, then unpacks it into the names from left to right. The counts must match or
#   you get a `ValueError`; this is also how you take apart `"user:pass".split(":")`.
# - **Swap**: because the whole right side is evaluated before anything is assigned,
#   `a, b = b, a` swaps two names without a temporary variable.

# %% course={"kind": "demo"}
retries = 3
before = id(retries)
retries += 1
print("int  += made a new object:", id(retries) != before)

hosts = ["web-1"]
alias = hosts
hosts += ["web-2"]             # lists are extended in place
print("list += changed the alias too:", alias)

primary, replica = "db-a", "db-b"
primary, replica = replica, primary   # a failover swaps the roles
print("primary:", primary, "| replica:", replica)

try:
    user, password = "admin:s3cret:extra".split(":")
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] course={"kind": "lesson", "id": "comparisons-and-logic", "covers": ["c-chained-comparison-1-x-10", "c-boolean-operations-and-or-not", "c-truthy-and-falsy-values", "c-short-circuit-evaluation"]}
# ### Comparisons, truthiness and the boolean operators
#
# - **Chained comparisons**: `1 <= port <= 65535` means `1 <= port and port <= 65535`, with
#   `port` evaluated only once. It reads like the maths and is the idiomatic range check.
# - **Truthy and falsy**: every object can stand in a condition. The falsy ones are `False`,
#   `None`, zero of every number type (`0`, `0.0`), and every empty container (`""`, `[]`,
#   `()`, `{}`, `set()`). Everything else is truthy, including `"0"`, `"False"`, `" "` and `[0]`.
# - **`and`, `or`, `not`**: `not` always gives a `bool`, but `and` and `or` give back **one of
#   their operands**: `a or b` is `a` if `a` is truthy, else `b`; `a and b` is `a` if `a` is
#   falsy, else `b`.
# - **Short-circuit evaluation**: `and` stops at the first falsy operand, `or` at the first
#   truthy one; the rest is never evaluated. That makes guards like
#   `if items and items[0] == "x"` or `count and total / count` safe.
#
# The one thing people get wrong: `timeout = configured or 30` replaces a deliberate `0` with
# `30`, because `0` is falsy. When only "missing" should fall back, test `is None`.

# %% course={"kind": "demo"}
samples = [0, 0.0, "", "0", " ", [], [0], {}, None, False, "False"]
print("falsy :", [s for s in samples if not s])
print("truthy:", [s for s in samples if s])
print()
print("'' or 'default'  ->", repr("" or "default"))
print("'web' and 80     ->", repr("web" and 80))
print("0 or 30          ->", 0 or 30, "  (a deliberate 0 is lost)")
port = 8080
print("1 <= port <= 65535:", 1 <= port <= 65535)


def expensive_check() -> bool:
    print("   ...expensive_check() ran")
    return True


for left in (False, True):
    print(f"\n{left} and expensive_check():")
    result = left and expensive_check()
    print("   result:", result)

# %% [markdown] course={"kind": "lesson", "id": "type-conversion", "covers": ["c-type-conversion-int-float-str-bool"]}
# ### Converting between types
#
# Everything that comes from outside a program (environment variables, `sys.argv`, files,
# HTTP bodies, `input()`) arrives as `str`. Converting it is usually the first thing a script
# does, and the place where bad data shows up.
#
# - `int(x)` accepts text made of digits (with an optional sign, surrounding whitespace and `_`
#   between digits), or a number. From a float it **truncates towards zero**: `int(-3.9)` is
#   `-3`. `int("3.5")` is a `ValueError`. `int("ff", 16)` reads other bases.
# - `float(x)` accepts `"3.5"`, `"1e-3"`, and also `"inf"` and `"nan"`.
# - `str(x)` always works and gives the human-readable text.
# - `bool(x)` gives the truth value, so `bool("False")` is `True` (a non-empty string). To read
#   a yes/no setting, compare the text instead.
#
# A bad value raises `ValueError`; wrap conversions of outside data in `try`/`except ValueError`.

# %% course={"kind": "demo"}
attempts = [
    (int, "42"), (int, " -7 "), (int, "1_000"), (int, "3.5"), (int, 3.99), (int, -3.99),
    (float, "1e-3"), (float, "nan"), (bool, "False"), (bool, ""), (str, 0.1),
]
for convert, value in attempts:
    try:
        result = repr(convert(value))
    except ValueError as err:
        result = f"ValueError: {err}"
    print(f"{convert.__name__}({value!r})".ljust(15), "->", result)
print('int("ff", 16)   ->', int("ff", 16))

# %% [markdown] course={"kind": "lesson", "id": "strings", "covers": ["c-string-basics"]}
# ### Strings
#
# **Literals.** `'single'` and `"double"` quotes make the same kind of string; pick the one that
# avoids escaping (`"it's"`). Triple quotes (`"""..."""`) may span several lines: docstrings,
# templates, SQL. **`+`** joins two strings and **`*`** repeats one (`"-" * 20` draws a rule);
# to join many pieces use `"".join(pieces)`.
#
# **Indexing and slicing.** `s[0]` is the first character, `s[-1]` the last. `s[start:stop:step]`
# takes characters from `start` up to but **not including** `stop`; any part can be left out,
# and a negative step walks backwards (`s[::-1]` reverses). An index out of range is an
# `IndexError`, but a slice out of range just gives what exists.

# %% course={"kind": "demo"}
tag = "v1.4.2-rc1"
for expression in ["tag[0]", "tag[-1]", "tag[1:6]", "tag[:2]", "tag[-3:]", "tag[::2]", "tag[::-1]", "tag[4:100]"]:
    print(f"{expression:<11} -> {eval(expression)!r}")
print("'=' * 12 + ' end' ->", "=" * 12 + " end")

# %% [markdown] course={"kind": "text"}
# **Immutability.** A string can never change: `s[0] = "x"` is a `TypeError`, and every method
# returns a **new** string, leaving the original alone. Forgetting to keep the result
# (`line.strip()` on a line of its own) is the classic slip.
#
# **Five methods you use daily**: `upper()`/`lower()` for case-insensitive comparisons,
# `strip()` to drop surrounding whitespace (newlines included), `split()` to break a line into
# fields and `sep.join(items)` to glue strings back together. `split()` with no argument splits
# on any run of whitespace and drops empty pieces; `split(",")` splits on each comma and keeps
# empty fields.

# %% course={"kind": "demo"}
line = "  WARN  disk /var at 91%  \n"
clean = line.strip()
print(repr(clean), "| the original is unchanged:", repr(line))
try:
    clean[0] = "w"
except TypeError as err:
    print("TypeError:", err)
words = clean.split()
print(words, "->", "-".join(word.lower() for word in words))
print("'a,,b'.split(',') =", "a,,b".split(","), "  'a  b'.split() =", "a  b".split())

# %% [markdown] course={"kind": "text"}
# **Three ways to format.** f-strings (`f"{host} {load:.1%}"`) are the modern default: the
# expressions sit where their values go. `str.format` (`"{} {:.1%}".format(host, load)`) suits
# templates written before the values are known, such as a message kept in a config file.
# `%`-formatting (`"%s %.1f%%" % (host, pct)`) is the oldest; you meet it in older code and in
# the `logging` module, which fills it in only when a message is actually emitted.
#
# **Raw strings**, `r"..."`, keep backslashes as typed: essential for regular expressions and
# Windows paths, where `"\n"` or `"\t"` would otherwise become a newline or a tab.
#
# **Unicode.** A `str` is a sequence of Unicode characters; files and sockets carry **bytes**.
# `text.encode("utf-8")` turns text into bytes and `data.decode("utf-8")` back. One character
# can take several bytes, so `len()` differs between the two, and decoding with the wrong
# codec either fails or, worse, gives the wrong characters (`latin-1` accepts any bytes).

# %% course={"kind": "demo"}
host, load = "web-1", 0.8734
print(f"{host} load {load:.1%}")
print("{} load {:.1%}".format(host, load))
print("%s load %.1f%%" % (host, load * 100))
print()
print(len("C:\new\table"), repr("C:\new\table"), "  <- \\n and \\t became control characters")
print(len(r"C:\new\table"), repr(r"C:\new\table"))
print()
word = "naïve ☕"
data = word.encode("utf-8")
print(len(word), "characters ->", len(data), "bytes:", data)
try:
    data.decode("ascii")
except UnicodeDecodeError as err:
    print("decode as ascii fails:", err.reason)
print("decode as latin-1 'works':", repr(data.decode("latin-1")))

# %% [markdown] course={"kind": "lesson", "id": "type-annotations", "covers": ["c-type-annotations-introduction"]}
# ### Type annotations
#
# Annotations write down the types you intend: `def scale(replicas: int, factor: float) -> int:`
# for parameters and the return value, `region: str = "eu-west-1"` for a variable. Python stores
# them (in `__annotations__`) and otherwise **ignores them at run time**: passing a `str` where
# an `int` is annotated raises nothing by itself. Their value comes from tools that read them:
# type checkers such as mypy or pyright find the mismatch before the code runs, editors
# complete and navigate with them, and libraries such as pydantic and FastAPI use them to
# validate data on purpose. In infrastructure code they serve as the contract between
# functions.

# %% course={"kind": "demo"}
def double(replicas: int) -> int:
    return replicas * 2


region: str = "eu-west-1"
print("stored annotations:", double.__annotations__)
print("double(3)    ->", repr(double(3)))
print("double('ab') ->", repr(double("ab")), "  (no error: annotations are not enforced)")
region = 42  # also accepted at run time; a type checker would report it
print("region is now", type(region).__name__)

# %% [markdown] course={"kind": "exercise", "id": "type-table", "item": "x-create-variables-of-each-basic-type-and"}
# ### What type is each value?
#
# Write `type_table(values)` that returns one line per value: the value's `repr()`, a colon and
# a space, then the **name** of its type.
#
# ```python
# type_table([42, "42", None, True])
# # ['42: int', "'42': str", 'None: NoneType', 'True: bool']
# ```

# %% [markdown] course={"kind": "hint"}
# `type(value)` gives the class; a class's `__name__` attribute is its name as a string.

# %% [markdown] course={"kind": "hint"}
# An f-string can show a repr with `!r`: `f"{value!r}: ..."`. Avoid an `isinstance` chain:
# `isinstance(True, int)` is `True`, so a bool would be reported as an int.

# %% course={"kind": "solution"}
def type_table(values: list) -> list[str]:
    """One 'repr: typename' line per value."""
    ### BEGIN SOLUTION
    return [f"{value!r}: {type(value).__name__}" for value in values]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert type_table([42, 3.5]) == ["42: int", "3.5: float"], f"got {type_table([42, 3.5])}"
assert type_table([]) == [], "no values, no lines"

# %% course={"kind": "test", "points": 2}
result = type_table(["42", None, True])
assert result[0] == "'42': str", f"a string is shown with quotes (its repr), got {result[0]!r}"
assert result[1] == "None: NoneType", f"got {result[1]!r}"
assert result[2] == "True: bool", f"True is a bool, even though bool is a subclass of int; got {result[2]!r}"
### BEGIN HIDDEN TESTS
assert type_table([[1, "a"], (2,), {"k": 1}]) == ["[1, 'a']: list", "(2,): tuple", "{'k': 1}: dict"], "containers: repr and type name"
assert type_table([""]) == ["'': str"], "an empty string still shows its quotes"
assert type_table([0, False, 0.0]) == ["0: int", "False: bool", "0.0: float"], "falsy values get a line too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "str-not-repr", "fails": ["t2"]}
def type_table(values):
    return [f"{value}: {type(value).__name__}" for value in values]

# %% course={"kind": "wrong", "id": "isinstance-chain", "fails": ["t2"]}
def type_table(values):
    lines = []
    for value in values:
        for cls in (int, float, str, list, tuple, dict, bool, type(None)):
            if isinstance(value, cls):
                lines.append(f"{value!r}: {cls.__name__}")
                break
    return lines

# %% course={"kind": "wrong", "id": "class-text", "fails": ["t1", "t2"]}
def type_table(values):
    return [f"{value!r}: {type(value)}" for value in values]

# %% [markdown] course={"kind": "exercise", "id": "shared-names", "item": "x-experiment-with-id-to-understand-object"}
# ### Which names share an object?
#
# Write `shared_names(namespace)` that takes a dict mapping names to objects and returns the
# names grouped by **identity**: names bound to the very same object end up in one group. Return
# a list of lists: groups in the order their first name appears in the dict, names inside a
# group in dict order. A name alone with its object is a group of one. Objects that are merely
# *equal* are different objects.
#
# ```python
# config = {"debug": False}
# shared_names({"a": config, "b": {"debug": False}, "c": config})
# # [['a', 'c'], ['b']]
# ```

# %% [markdown] course={"kind": "hint"}
# `id(obj)` is a number unique to each live object, and numbers can be dict keys, even when the
# objects themselves (lists, dicts) cannot.

# %% [markdown] course={"kind": "hint"}
# Build a dict from `id(obj)` to a list of names with `groups.setdefault(key, []).append(name)`;
# dicts keep insertion order, so `list(groups.values())` is already in the right order.

# %% course={"kind": "solution"}
def shared_names(namespace: dict) -> list[list[str]]:
    """Group the names of ``namespace`` by the identity of the objects they are bound to."""
    ### BEGIN SOLUTION
    groups: dict[int, list[str]] = {}
    for name, obj in namespace.items():
        groups.setdefault(id(obj), []).append(name)
    return list(groups.values())
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
config = {"debug": False}
result = shared_names({"a": config, "b": {"debug": False}, "c": config})
assert result == [["a", "c"], ["b"]], f"a and c are one object, b only an equal copy; got {result}"

# %% course={"kind": "test", "points": 2}
first, second = [1, 2], [1, 2]
result = shared_names({"x": first, "y": second, "z": first})
assert result == [["x", "z"], ["y"]], f"equal lists are still two objects; got {result}"
result = shared_names({"one": 1, "flag": True, "real": 1.0})
assert result == [["one"], ["flag"], ["real"]], f"1 == True == 1.0, but they are three objects; got {result}"
result = shared_names({"zeta": first, "alpha": second, "mid": first})
assert result == [["zeta", "mid"], ["alpha"]], f"keep the dict's order, do not sort; got {result}"
### BEGIN HIDDEN TESTS
assert shared_names({}) == [], "an empty namespace has no groups"
hosts = ["web-1"]
assert shared_names({"h1": hosts, "h2": hosts, "h3": hosts}) == [["h1", "h2", "h3"]], "three names, one object, one group"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "by-equality", "fails": ["t1", "t2"]}
def shared_names(namespace):
    groups = []
    for name, obj in namespace.items():
        for group in groups:
            if namespace[group[0]] == obj:
                group.append(name)
                break
        else:
            groups.append([name])
    return groups

# %% course={"kind": "wrong", "id": "pairs-only", "fails": ["t1", "t2"]}
def shared_names(namespace):
    groups = {}
    for name, obj in namespace.items():
        groups.setdefault(id(obj), []).append(name)
    return [names for names in groups.values() if len(names) > 1]

# %% [markdown] course={"kind": "exercise", "id": "keep-falsy", "item": "x-write-code-demonstrating-truthy-and"}
# ### Defaults that respect a deliberate zero
#
# Write `with_defaults(settings, defaults)` that returns a **new** dict holding every key of
# both dicts. A key takes its value from `settings` when it is there and not `None`; otherwise
# it takes the default (a key that is `None` in `settings` and has no default stays `None`).
# Falsy values such as `0`, `False`, `""` and `[]` are real choices and must be kept. Neither
# argument may be modified.
#
# ```python
# with_defaults({"retries": 0, "timeout": None}, {"retries": 3, "timeout": 30, "verbose": False})
# # {'retries': 0, 'timeout': 30, 'verbose': False}
# ```

# %% [markdown] course={"kind": "hint"}
# `value or default` is the tempting one-liner, and exactly the bug: `0 or 3` is `3`.

# %% [markdown] course={"kind": "hint"}
# Start from `dict(defaults)` (a copy), then walk through `settings.items()` and overwrite a key
# when `value is not None` or when the key has no default yet.

# %% course={"kind": "solution"}
def with_defaults(settings: dict, defaults: dict) -> dict:
    """Merge ``settings`` over ``defaults``; only missing or None settings fall back."""
    ### BEGIN SOLUTION
    merged = dict(defaults)
    for key, value in settings.items():
        if value is not None or key not in merged:
            merged[key] = value
    return merged
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = with_defaults({"timeout": None}, {"retries": 3, "timeout": 30})
assert result == {"retries": 3, "timeout": 30}, f"missing and None settings take the default; got {result}"

# %% course={"kind": "test", "points": 2}
result = with_defaults({"retries": 0, "verbose": False, "prefix": "", "tags": []},
                       {"retries": 3, "verbose": True, "prefix": "app-", "tags": ["x"]})
assert result["retries"] == 0, "0 is a deliberate setting, not a missing one"
assert result["verbose"] is False, "False is a deliberate setting"
assert result["prefix"] == "" and result["tags"] == [], "empty values are deliberate settings too"

# %% course={"kind": "test", "points": 1}
settings = {"retries": 0, "timeout": None}
defaults = {"retries": 3, "timeout": 30}
result = with_defaults(settings, defaults)
assert settings == {"retries": 0, "timeout": None}, "settings must not be modified"
assert defaults == {"retries": 3, "timeout": 30}, "defaults must not be modified"
assert result is not settings and result is not defaults, "return a new dict"
### BEGIN HIDDEN TESTS
assert with_defaults({"region": "eu"}, {}) == {"region": "eu"}, "keys only in settings are kept"
assert with_defaults({"owner": None}, {}) == {"owner": None}, "None with no default stays None"
assert with_defaults({}, {}) == {}, "nothing in, nothing out"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "uses-or", "fails": ["t2"]}
def with_defaults(settings, defaults):
    keys = list(defaults) + [k for k in settings if k not in defaults]
    return {key: settings.get(key) or defaults.get(key) for key in keys}

# %% course={"kind": "wrong", "id": "mutates-defaults", "fails": ["t3"]}
def with_defaults(settings, defaults):
    for key, value in settings.items():
        if value is not None or key not in defaults:
            defaults[key] = value
    return defaults

# %% course={"kind": "wrong", "id": "plain-update", "fails": ["t1"]}
def with_defaults(settings, defaults):
    merged = dict(defaults)
    merged.update(settings)
    return merged

# %% [markdown] course={"kind": "exercise", "id": "mask-secret", "item": "x-practice-string-slicing-with-various"}
# ### Mask a secret, keep its tail
#
# Logs must never show a whole token, but the last few characters help to tell tokens apart.
# Write `mask(secret, keep=4)` that returns a string **of the same length** in which every
# character except the last `keep` is replaced by `*`. When the secret is not longer than `keep`
# (or `keep` is 0), mask every character: never reveal a whole secret.
#
# ```python
# mask("ghp_abcdef1234")   # '**********1234'
# mask("abc")              # '***'
# ```

# %% [markdown] course={"kind": "hint"}
# `secret[-keep:]` is the tail. Try it with `keep = 0` before you trust it: `-0` is `0`, and
# `secret[0:]` is the whole string.

# %% [markdown] course={"kind": "hint"}
# Deal with the "mask everything" cases first (`keep <= 0 or len(secret) <= keep`), then build
# `"*" * (len(secret) - keep) + secret[-keep:]`.

# %% course={"kind": "solution"}
def mask(secret: str, keep: int = 4) -> str:
    """Hide all but the last ``keep`` characters of ``secret`` behind '*'."""
    ### BEGIN SOLUTION
    if keep <= 0 or len(secret) <= keep:
        return "*" * len(secret)
    return "*" * (len(secret) - keep) + secret[-keep:]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert mask("ghp_abcdef1234") == "**********1234", f"got {mask('ghp_abcdef1234')!r}"
assert mask("password", keep=2) == "******rd", f"got {mask('password', keep=2)!r}"

# %% course={"kind": "test", "points": 1}
assert mask("password", keep=0) == "********", f"keep=0 shows nothing; got {mask('password', keep=0)!r}"

# %% course={"kind": "test", "points": 2}
assert mask("abc") == "***", f"a secret shorter than keep is fully masked; got {mask('abc')!r}"
assert mask("abcd") == "****", f"a secret exactly keep long is fully masked; got {mask('abcd')!r}"
### BEGIN HIDDEN TESTS
assert mask("") == "", "an empty secret gives an empty mask"
assert mask("abcde") == "*bcde", "one character longer than keep: exactly one star"
assert mask("token", keep=1) == "****n", f"got {mask('token', keep=1)!r}"
assert mask("clé-secrète", keep=3) == "********ète", "works for any characters"
assert len(mask("x" * 1000, keep=10)) == 1000, "the length never changes"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "naive-tail", "fails": ["t2", "t3"]}
def mask(secret, keep=4):
    return "*" * (len(secret) - keep) + secret[-keep:]

# %% course={"kind": "wrong", "id": "forgot-short", "fails": ["t3"]}
def mask(secret, keep=4):
    if keep == 0:
        return "*" * len(secret)
    return "*" * (len(secret) - keep) + secret[-keep:]

# %% [markdown] course={"kind": "exercise", "id": "parse-flag", "item": "x-convert-between-types-and-observe"}
# ### Read a yes/no setting
#
# Flags in environment variables and config files arrive as text, and `bool(text)` is `True` for
# every non-empty string, `"false"` included. Write `parse_flag(text)` that returns `True` for
# `"1"`, `"true"`, `"yes"`, `"on"` and `False` for `"0"`, `"false"`, `"no"`, `"off"` and the
# empty string, ignoring upper/lower case and surrounding whitespace. Any other text raises
# `ValueError` with a message that contains the text.
#
# ```python
# parse_flag(" Yes ")   # True
# parse_flag("False")   # False   (bool("False") would say True)
# ```

# %% [markdown] course={"kind": "hint"}
# Normalise first: `word = text.strip().lower()`. Then check membership in two tuples of words.

# %% [markdown] course={"kind": "hint"}
# Raise with `raise ValueError(f"not a yes/no value: {text!r}")` when the word is in neither.

# %% course={"kind": "solution"}
def parse_flag(text: str) -> bool:
    """Interpret a yes/no setting written as text."""
    ### BEGIN SOLUTION
    word = text.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"not a yes/no value: {text!r}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert all(parse_flag(word) is True for word in ("1", "true", "yes", "on")), "the four 'yes' words give True"

# %% course={"kind": "test", "points": 1}
for word in ("0", "false", "no", "off", ""):
    assert parse_flag(word) is False, f"{word!r} must give False (bool({word!r}) would not help)"

# %% course={"kind": "test", "points": 1}
assert parse_flag(" Yes ") is True and parse_flag("FALSE") is False, "ignore case and surrounding whitespace"
assert parse_flag("On\n") is True, "a trailing newline (from a file) is whitespace too"

# %% course={"kind": "test", "points": 1}
try:
    parse_flag("maybe")
except ValueError as err:
    assert "maybe" in str(err), "the error message should show the bad value"
else:
    raise AssertionError("unknown words must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("2", "-1", "01", "y", "enabled", "truthy", "yes please"):
    try:
        parse_flag(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not a known flag word")
assert parse_flag("   ") is False, "whitespace only counts as empty"
assert parse_flag("\tOFF\t") is False and parse_flag("tRuE") is True, "tabs and mixed case"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "plain-bool", "fails": ["t2", "t3", "t4"]}
def parse_flag(text):
    return bool(text)

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t3", "t4"]}
def parse_flag(text):
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"not a yes/no value: {text!r}")

# %% course={"kind": "wrong", "id": "unknown-is-false", "fails": ["t4"]}
def parse_flag(text):
    return text.strip().lower() in ("1", "true", "yes", "on")

# %% [markdown] course={"kind": "exercise", "id": "status-line", "item": "x-write-a-script-that-uses-f-strings-with"}
# ### A status line with f-strings
#
# Write `status_line(service, uptime, requests, latency_ms)` that returns one dashboard line,
# four fields joined by `" | "`:
#
# 1. the service name, left-aligned in 10 characters;
# 2. `uptime` (a fraction such as `0.9995`) as a percentage with 2 decimals, right-aligned in 7;
# 3. `requests` with thousands separators, right-aligned in 10, followed by ` req`;
# 4. `latency_ms` with 1 decimal, right-aligned in 6, followed by ` ms`.
#
# ```python
# status_line("api", 0.9995, 1234567, 12.34)
# # 'api        |  99.95% |  1,234,567 req |   12.3 ms'
# ```
#
# Values wider than their field are shown in full (f-strings never cut them).

# %% [markdown] course={"kind": "hint"}
# A format spec goes after a colon: `{value:>7.2%}` is "right-aligned, width 7, percentage with
# 2 decimals" (the `%` type multiplies by 100 for you).

# %% [markdown] course={"kind": "hint"}
# `{n:>10,}` adds thousands separators, `{x:>6.1f}` fixes one decimal, and `{name:<10}` pads a
# string on the right.

# %% course={"kind": "solution"}
def status_line(service: str, uptime: float, requests: int, latency_ms: float) -> str:
    """One fixed-width dashboard line."""
    ### BEGIN SOLUTION
    return f"{service:<10} | {uptime:>7.2%} | {requests:>10,} req | {latency_ms:>6.1f} ms"
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
line = status_line("api", 0.9995, 1234567, 12.34)
assert line == "api        |  99.95% |  1,234,567 req |   12.3 ms", f"got {line!r}"

# %% course={"kind": "test", "points": 1}
line = status_line("db", 1.0, 0, 3.0)
assert line == "db         | 100.00% |          0 req |    3.0 ms", f"trailing zeros are kept; got {line!r}"
line = status_line("cache", 0.5, 999, 0.04)
assert line == "cache      |  50.00% |        999 req |    0.0 ms", f"got {line!r}"
### BEGIN HIDDEN TESTS
line = status_line("authentication", 0.12345, 1000000000, 1234.56)
assert line == "authentication |  12.35% | 1,000,000,000 req | 1234.6 ms", f"wide values are shown in full; got {line!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-grouping", "fails": ["t1", "t2"]}
def status_line(service, uptime, requests, latency_ms):
    return f"{service:<10} | {uptime:>7.2%} | {requests:>10} req | {latency_ms:>6.1f} ms"

# %% course={"kind": "wrong", "id": "rounds-instead", "fails": ["t2"]}
def status_line(service, uptime, requests, latency_ms):
    percent = str(round(uptime * 100, 2)) + "%"
    latency = str(round(latency_ms, 1))
    return f"{service:<10} | {percent:>7} | {requests:>10,} req | {latency:>6} ms"

# %% [markdown] course={"kind": "exercise", "id": "digit-stats", "item": "x-explore-integer-precision-calculate-2"}
# ### `2 ** 1000`, digit by digit
#
# Python's `int` has no size limit, so `2 ** 1000` is computed exactly. Write `digit_stats(n)`
# that returns a tuple `(number_of_digits, sum_of_digits)` for a non-negative whole number `n`,
# exactly, for numbers of up to a few thousand digits. (Above 4,300 digits, Python refuses by
# default to turn an `int` into text, a guard against very slow conversions;
# `sys.set_int_max_str_digits()` lifts it.)
#
# ```python
# digit_stats(2 ** 10)     # (4, 7)   because 2 ** 10 is 1024
# digit_stats(2 ** 1000)   # (302, ...)  the digit sum is yours to find
# ```

# %% [markdown] course={"kind": "hint"}
# `str(n)` writes out every digit; each character turns back into a number with `int(ch)`.

# %% [markdown] course={"kind": "hint"}
# Shortcuts through floats (`math.log10(n)`, `float(n)`) are approximate: they go wrong for
# numbers like `10 ** 30 - 1`. And do not forget `n = 0`, which has one digit.

# %% course={"kind": "solution"}
def digit_stats(n: int) -> tuple[int, int]:
    """(number of decimal digits, sum of the digits) of a non-negative int."""
    ### BEGIN SOLUTION
    digits = str(n)
    return len(digits), sum(int(ch) for ch in digits)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert digit_stats(1024) == (4, 7), f"1024 has 4 digits summing to 7; got {digit_stats(1024)}"
assert digit_stats(0) == (1, 0), f"0 is written with one digit; got {digit_stats(0)}"

# %% course={"kind": "test", "points": 1}
count, total = digit_stats(2 ** 1000)
assert count == 302, f"2 ** 1000 has 302 digits, got {count}"
assert total == 1366, f"wrong digit sum for 2 ** 1000: {total}"

# %% course={"kind": "test", "points": 1}
assert digit_stats(10 ** 30 - 1) == (30, 270), f"thirty nines; got {digit_stats(10 ** 30 - 1)}"
### BEGIN HIDDEN TESTS
assert digit_stats(10 ** 100) == (101, 1), "a googol: a 1 and a hundred zeros"
assert digit_stats(7) == (1, 7), f"a single digit; got {digit_stats(7)}"
big = 3 ** 2000
count, total = digit_stats(big)
rest, check_sum, check_count = big, 0, 0
while rest:
    rest, digit = divmod(rest, 10)
    check_sum += digit
    check_count += 1
assert (count, total) == (check_count, check_sum), "3 ** 2000 checked digit by digit"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "log10-count", "fails": ["t3"]}
import math


def digit_stats(n):
    count = int(math.log10(n)) + 1 if n else 1
    return count, sum(int(ch) for ch in str(n))

# %% course={"kind": "wrong", "id": "loop-forgets-zero", "fails": ["t1"]}
def digit_stats(n):
    count = total = 0
    while n > 0:
        n, digit = divmod(n, 10)
        count += 1
        total += digit
    return count, total

# %% [markdown] course={"kind": "exercise", "id": "type-inspector", "item": "project-1-2-1"}
# ### Mini-project: Type Inspector
#
# The core of a tool that tells the user what they typed. Write `inspect_input(text)` that
# **never raises** and returns a dict with five keys:
#
# | key | value |
# |---|---|
# | `"detected"` | `"int"` if `int(text)` succeeds, else `"float"` if `float(text)` succeeds, else `"str"` |
# | `"int"` | `int(text)`, or `None` when that conversion fails |
# | `"float"` | `float(text)`, or `None` when that conversion fails |
# | `"bool"` | `bool(text)` |
# | `"str"` | the text itself |
#
# ```python
# inspect_input("42")
# # {'detected': 'int', 'int': 42, 'float': 42.0, 'bool': True, 'str': '42'}
# inspect_input("3.5")["int"]   # None  (int("3.5") is a ValueError)
# ```
#
# Let Python's own conversions decide; they accept more than digits (try `" -7 "` and `"1e3"`).

# %% [markdown] course={"kind": "hint"}
# Write a small helper `try_convert(convert, text)` that returns `convert(text)` or `None` when
# it raises `ValueError`. Then `detected` follows from which results are not `None`.

# %% [markdown] course={"kind": "hint"}
# Test `int` **before** `float`: every text `int()` accepts is also accepted by `float()`. And
# compare with `is not None`, because `0` and `0.0` are valid, falsy results.

# %% course={"kind": "solution"}
def inspect_input(text: str) -> dict:
    """Detect what ``text`` holds and convert it to every basic type it allows."""
    ### BEGIN SOLUTION
    def try_convert(convert, value):
        try:
            return convert(value)
        except ValueError:
            return None

    as_int = try_convert(int, text)
    as_float = try_convert(float, text)
    if as_int is not None:
        detected = "int"
    elif as_float is not None:
        detected = "float"
    else:
        detected = "str"
    return {"detected": detected, "int": as_int, "float": as_float, "bool": bool(text), "str": text}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = inspect_input("42")
assert result == {"detected": "int", "int": 42, "float": 42.0, "bool": True, "str": "42"}, f"got {result}"
assert type(result["int"]) is int and type(result["float"]) is float, "the int entry is an int, the float entry a float"

# %% course={"kind": "test", "points": 1}
result = inspect_input("3.5")
assert result["detected"] == "float" and result["int"] is None and result["float"] == 3.5, f"got {result}"
result = inspect_input("hello")
assert result["detected"] == "str", f"got {result}"
assert result["int"] is None and result["float"] is None, "failed conversions are None, not an exception"

# %% course={"kind": "test", "points": 2}
result = inspect_input(" -7 ")
assert result["detected"] == "int" and result["int"] == -7, f"int() accepts a sign and spaces; got {result}"
result = inspect_input("1e3")
assert result["detected"] == "float" and result["float"] == 1000.0, f"'1e3' is a float; got {result}"
result = inspect_input("0")
assert result["detected"] == "int" and result["int"] == 0, f"0 is a valid int even though it is falsy; got {result}"
assert result["bool"] is True, "bool('0') is True: it is a non-empty string"
### BEGIN HIDDEN TESTS
import math

result = inspect_input("")
assert result == {"detected": "str", "int": None, "float": None, "bool": False, "str": ""}, f"got {result}"
result = inspect_input("nan")
assert result["detected"] == "float" and math.isnan(result["float"]), "float('nan') succeeds"
assert inspect_input("1_000")["int"] == 1000, "underscores between digits are allowed"
assert inspect_input("0.0")["detected"] == "float", "0.0 is falsy but still a float"
result = inspect_input("\t12\n")
assert result["int"] == 12 and result["str"] == "\t12\n", "conversions ignore tabs and newlines; str keeps the text as given"
result = inspect_input("-0")
assert result["detected"] == "int" and type(result["int"]) is int and result["bool"] is True, f"got {result}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "isdigit-detection", "fails": ["t3"]}
def inspect_input(text):
    def try_convert(convert, value):
        try:
            return convert(value)
        except ValueError:
            return None

    if text.isdigit():
        detected = "int"
    elif text.replace(".", "", 1).isdigit():
        detected = "float"
    else:
        detected = "str"
    return {"detected": detected, "int": try_convert(int, text), "float": try_convert(float, text),
            "bool": bool(text), "str": text}

# %% course={"kind": "wrong", "id": "float-first", "fails": ["t1", "t3"]}
def inspect_input(text):
    def try_convert(convert, value):
        try:
            return convert(value)
        except ValueError:
            return None

    as_int, as_float = try_convert(int, text), try_convert(float, text)
    detected = "float" if as_float is not None else "int" if as_int is not None else "str"
    return {"detected": detected, "int": as_int, "float": as_float, "bool": bool(text), "str": text}

# %% course={"kind": "wrong", "id": "truthy-detection", "fails": ["t3"]}
def inspect_input(text):
    def try_convert(convert, value):
        try:
            return convert(value)
        except ValueError:
            return None

    as_int, as_float = try_convert(int, text), try_convert(float, text)
    detected = "int" if as_int else "float" if as_float else "str"
    return {"detected": detected, "int": as_int, "float": as_float, "bool": bool(text), "str": text}

# %% [markdown] course={"kind": "task", "id": "type-inspector-cli", "item": "project-1-2-1", "points": 2}
# ### Make the Type Inspector interactive
#
# Write a script `inspector.py` that asks for a value with `input()`, calls your
# `inspect_input`, and prints the report as aligned lines (`detected: int`, `int: 42`, ...),
# then asks again until the user enters `quit`. Run it and try at least `42`, `3.50`, `-0`,
# `1e3`, `nan`, `yes` and an empty line. Paste the session below and note the one result that
# surprised you most, with a sentence on why Python behaves that way.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the script loops until `quit`, never crashes on any input (including an empty
#   line), and prints every key of the report in aligned lines.
# - 1 point: the session covers the listed inputs and the explanation is correct (for example
#   `bool("0")` is `True` because any non-empty string is truthy, or `"nan"` is a valid float).

# %% [markdown] course={"kind": "exercise", "id": "percent-to-format", "item": "project-1-2-2"}
# ### Mini-project: String Formatter, one template in every style
#
# Older scripts are full of `%`-templates; newer code uses `str.format` and f-strings. Write
# `percent_to_format(template)` that converts a `%`-template into a `str.format` template that
# produces **the same text** for the same positional arguments. Support these placeholders:
#
# | `%` style | meaning | a `str.format` equivalent |
# |---|---|---|
# | `%s`, `%d`, `%f` | text, whole number, float (6 decimals) | `{}`, `{:d}`, `{:f}` |
# | `%.2f` | a precision | `{:.2f}` |
# | `%8s`, `%5d`, `%8.2f` | a width: **right**-aligned | `{:>8}`, `{:5d}`, `{:8.2f}` |
# | `%-8s`, `%-5d`, `%-8.2f` | `-` flag: **left**-aligned | `{:<8}`, `{:<5d}`, `{:<8.2f}` |
# | `%%` | a literal percent sign | `%` |
#
# Literal braces must survive too: `{` and `}` mean something to `str.format`, so they become
# `{{` and `}}`.
#
# ```python
# percent_to_format("%-8s uses %.1f%% CPU")   # '{:<8} uses {:.1f}% CPU'
# "%-8s uses %.1f%% CPU" % ("web", 12.34) == "{:<8} uses {:.1f}% CPU".format("web", 12.34)   # True
# ```

# %% [markdown] course={"kind": "hint"}
# Walk through the template one placeholder at a time. A regular expression finds them all:
# `re.finditer(r"%(-?)(\d*)(?:\.(\d+))?([sdf%])", template)` gives the flag, width, precision
# and type of each.

# %% [markdown] course={"kind": "hint"}
# Copy the text *between* placeholders with its braces doubled
# (`text.replace("{", "{{").replace("}", "}}")`). Strings are left-aligned by default in
# `str.format` but right-aligned by `%8s`, so a width on `%s` needs an explicit `>`.

# %% course={"kind": "solution"}
import re

PLACEHOLDER = re.compile(r"%(-?)(\d*)(?:\.(\d+))?([sdf%])")


def percent_to_format(template: str) -> str:
    """Translate a %-style template into an equivalent str.format template."""
    ### BEGIN SOLUTION
    def literal(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    out = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        out.append(literal(template[position:match.start()]))
        left, width, precision, kind = match.groups()
        if kind == "%":
            out.append("%")
        else:
            align = "<" if left else (">" if width else "")
            spec = align + width + (f".{precision}" if precision is not None else "")
            if kind == "s":
                out.append("{:" + spec + "}" if spec else "{}")
            else:
                out.append("{:" + spec + kind + "}")
        position = match.end()
    out.append(literal(template[position:]))
    return "".join(out)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
cases = [("%s is %d years old", ("Ada", 36)), ("load %.2f", (0.12345,)), ("ratio %f", (1.5,))]
for template, args in cases:
    converted = percent_to_format(template)
    assert converted.format(*args) == template % args, f"{template!r} became {converted!r}"

# %% course={"kind": "test", "points": 2}
template = "|%8s|%-8s|%5d|%-5d|%8.2f|%-8.2f|"
args = ("api", "db", 42, 7, 3.14159, 2.5)
converted = percent_to_format(template)
assert converted.format(*args) == template % args, f"widths and '-' flags: {converted!r} gives {converted.format(*args)!r}"

# %% course={"kind": "test", "points": 2}
template = "{%s} at 100%%"
converted = percent_to_format(template)
assert converted.format("cpu") == "{cpu} at 100%", f"{template!r} became {converted!r}"
### BEGIN HIDDEN TESTS
assert percent_to_format("") == "", "an empty template stays empty"
assert percent_to_format("plain text") == "plain text", "text without placeholders is unchanged"
template = '{"cpu": %.1f, "host": "%s"} %%%d'
args = (97.25, "web-1", 5)
assert percent_to_format(template).format(*args) == template % args, "JSON-like braces and %% next to a placeholder"
template = "%-12s%10.3f%6d%%"
args = ("latency", 0.000123, 99)
assert percent_to_format(template).format(*args) == template % args, f"{template!r} became {percent_to_format(template)!r}"
template = "%%s is literal, %s is not; %5d|%-6.1f|"
args = ("this", -42, -2.25)
assert percent_to_format(template).format(*args) == template % args, f"{template!r} became {percent_to_format(template)!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-brace-escape", "fails": ["t3"]}
import re


def percent_to_format(template):
    def replace(match):
        left, width, precision, kind = match.groups()
        if kind == "%":
            return "%"
        align = "<" if left else (">" if width else "")
        spec = align + width + (f".{precision}" if precision else "")
        return "{:" + spec + ("" if kind == "s" else kind) + "}"

    return re.sub(r"%(-?)(\d*)(?:\.(\d+))?([sdf%])", replace, template)

# %% course={"kind": "wrong", "id": "width-without-align", "fails": ["t2"]}
import re


def percent_to_format(template):
    def replace(match):
        left, width, precision, kind = match.groups()
        if kind == "%":
            return "%"
        spec = ("<" if left else "") + width + (f".{precision}" if precision else "")
        return "{:" + spec + ("" if kind == "s" else kind) + "}"

    escaped = template.replace("{", "{{").replace("}", "}}")
    return re.sub(r"%(-?)(\d*)(?:\.(\d+))?([sdf%])", replace, escaped)

# %% [markdown] course={"kind": "task", "id": "formatter-performance", "item": "project-1-2-2", "points": 2}
# ### Compare the three styles: output and speed
#
# Pick one realistic log line with at least three values (a string, an int and a float with a
# precision). Write it with an f-string, with `str.format` and with `%`, check with `assert`
# that all three give the same text, then time each with
# `timeit.timeit(lambda: ..., number=200_000)`. Paste your code and the three timings, and
# explain in two or three sentences which was fastest, why that might be, and why the `logging`
# module still uses `%`-style templates.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the three versions are checked to be identical and timed with `timeit` (same
#   values, same number of runs).
# - 1 point: the explanation is sound: f-strings are usually fastest because they are compiled
#   into direct formatting steps with no method call or template parsing at run time; `logging`
#   keeps `%`-templates so the formatting only happens when a record is actually emitted.

# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "item": "dsa-arithmetic-operators"}
# ### Problem: Three results from two numbers (after HackerRank's *Arithmetic Operators*)
#
# A capacity planner compares two node counts. Write `sum_diff_product(a, b)` that takes two
# whole numbers and returns a tuple `(a + b, a - b, a * b)`. The order matters: the difference
# is the first number minus the second.
#
# ```python
# sum_diff_product(7, 3)   # (10, 4, 21)
# ```

# %% [markdown] course={"kind": "hint"}
# A tuple is written with commas: `return x, y, z`.

# %% course={"kind": "solution"}
def sum_diff_product(a: int, b: int) -> tuple[int, int, int]:
    ### BEGIN SOLUTION
    return a + b, a - b, a * b
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert sum_diff_product(7, 3) == (10, 4, 21), f"got {sum_diff_product(7, 3)}"

# %% course={"kind": "test", "points": 1}
assert sum_diff_product(3, 7) == (10, -4, 21), f"a - b can be negative; got {sum_diff_product(3, 7)}"
assert sum_diff_product(-2, 5) == (3, -7, -10), f"got {sum_diff_product(-2, 5)}"
### BEGIN HIDDEN TESTS
big = 10 ** 20
assert sum_diff_product(big, 1) == (big + 1, big - 1, big), "ints of any size are exact"
assert sum_diff_product(0, 0) == (0, 0, 0), f"got {sum_diff_product(0, 0)}"
assert all(type(x) is int for x in sum_diff_product(4, 2)), "whole numbers in, whole numbers out"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "absolute-difference", "fails": ["t2"]}
def sum_diff_product(a, b):
    return a + b, abs(a - b), a * b

# %% course={"kind": "wrong", "id": "swapped-difference", "fails": ["t1", "t2"]}
def sum_diff_product(a, b):
    return a + b, b - a, a * b

# %% [markdown] course={"kind": "exercise", "id": "both-divisions", "item": "dsa-python-division"}
# ### Problem: Both kinds of division (after HackerRank's *Python: Division*)
#
# Write `both_divisions(a, b)` that returns a tuple `(floor_quotient, true_quotient)` for two
# whole numbers: the floor quotient as an `int` (rounded **down**, towards minus infinity) and
# the exact quotient as a `float`. Dividing by zero must raise `ZeroDivisionError`.
#
# ```python
# both_divisions(7, 2)    # (3, 3.5)
# both_divisions(-7, 2)   # (-4, -3.5)
# ```

# %% [markdown] course={"kind": "hint"}
# Python has an operator for each: `//` and `/`.

# %% [markdown] course={"kind": "hint"}
# `int(a / b)` is not the same as `a // b`: it rounds towards zero, and it goes through a float,
# which loses digits for very large numbers.

# %% course={"kind": "solution"}
def both_divisions(a: int, b: int) -> tuple[int, float]:
    ### BEGIN SOLUTION
    return a // b, a / b
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert both_divisions(7, 2) == (3, 3.5), f"got {both_divisions(7, 2)}"
floor, true = both_divisions(6, 3)
assert type(floor) is int and type(true) is float, "the floor quotient is an int, the true quotient a float (2.0)"

# %% course={"kind": "test", "points": 2}
assert both_divisions(-7, 2) == (-4, -3.5), f"floor division rounds down, towards minus infinity; got {both_divisions(-7, 2)}"
assert both_divisions(7, -2) == (-4, -3.5), f"got {both_divisions(7, -2)}"
### BEGIN HIDDEN TESTS
big = 10 ** 18 + 1
assert both_divisions(big, 1)[0] == big, "the floor quotient must be exact, even for huge numbers"
assert both_divisions(0, 5) == (0, 0.0), f"got {both_divisions(0, 5)}"
assert both_divisions(-7, -2) == (3, 3.5), f"got {both_divisions(-7, -2)}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    both_divisions(1, 0)
except ZeroDivisionError:
    pass
else:
    raise AssertionError("dividing by zero must raise ZeroDivisionError")

# %% course={"kind": "wrong", "id": "truncates", "fails": ["t2"]}
def both_divisions(a, b):
    return int(a / b), a / b

# %% course={"kind": "wrong", "id": "rounds", "fails": ["t1", "t2"]}
def both_divisions(a, b):
    return round(a / b), a / b

# %% course={"kind": "wrong", "id": "hides-zero", "fails": ["t3"]}
def both_divisions(a, b):
    if b == 0:
        return 0, 0.0
    return a // b, a / b

# %% [markdown] course={"kind": "exercise", "id": "swap-case", "item": "dsa-swap-case"}
# ### Problem: Flip the case (after HackerRank's *sWAP cASE*)
#
# Write `swap_case(text)` that returns the text with every lowercase letter turned uppercase
# and every uppercase letter turned lowercase. Everything that is not a letter (digits, spaces,
# punctuation) stays as it is. Letters outside English count too.
#
# ```python
# swap_case("Deploy v2.0 NOW")   # 'dEPLOY V2.0 now'
# ```

# %% [markdown] course={"kind": "hint"}
# Go character by character: `ch.islower()`, `ch.isupper()`, `ch.upper()`, `ch.lower()`.
# Collect the pieces in a list and `"".join()` them.

# %% [markdown] course={"kind": "hint"}
# Comparing with `"a" <= ch <= "z"` only knows the 26 English letters; the string methods know
# every alphabet. (There is also a built-in method that does the whole job: find it in
# `help(str)` once you have written your own.)

# %% course={"kind": "solution"}
def swap_case(text: str) -> str:
    ### BEGIN SOLUTION
    out = []
    for ch in text:
        if ch.islower():
            out.append(ch.upper())
        elif ch.isupper():
            out.append(ch.lower())
        else:
            out.append(ch)
    return "".join(out)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert swap_case("Deploy v2.0 NOW") == "dEPLOY V2.0 now", f"got {swap_case('Deploy v2.0 NOW')!r}"

# %% course={"kind": "test", "points": 1}
assert swap_case("web-01_PROD!") == "WEB-01_prod!", "digits and punctuation stay as they are"
assert swap_case("") == "", "an empty string stays empty"

# %% course={"kind": "test", "points": 1}
assert swap_case("Ünïcode Ωmega") == "üNÏCODE ωMEGA", f"every alphabet counts; got {swap_case('Ünïcode Ωmega')!r}"
### BEGIN HIDDEN TESTS
sample = "The Quick Brown Fox, 42 times! " * 200
assert swap_case(swap_case(sample)) == sample, "swapping twice gives the original back"
assert swap_case("ÀÉÎõü") == "àéîÕÜ", "accented letters have cases too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ascii-only", "fails": ["t3"]}
def swap_case(text):
    out = ""
    for ch in text:
        if "a" <= ch <= "z":
            out += ch.upper()
        elif "A" <= ch <= "Z":
            out += ch.lower()
        else:
            out += ch
    return out

# %% course={"kind": "wrong", "id": "ord-arithmetic", "fails": ["t1", "t2", "t3"]}
def swap_case(text):
    return "".join(chr(ord(ch) - 32) if ch.islower() else chr(ord(ch) + 32) for ch in text)

# %% [markdown] course={"kind": "exercise", "id": "hyphenate", "item": "dsa-string-split-and-join"}
# ### Problem: Words to a hyphenated name (after HackerRank's *String Split and Join*)
#
# Resource names cannot contain spaces. Write `hyphenate(line)` that splits a line into words at
# **any run** of whitespace (spaces, tabs, newlines) and joins the words with single hyphens.
# Leading and trailing whitespace produce no empty words.
#
# ```python
# hyphenate("payments api  staging")   # 'payments-api-staging'
# ```

# %% [markdown] course={"kind": "hint"}
# `str.split()` and `str.split(" ")` are different: compare them on `"a  b"`.

# %% course={"kind": "solution"}
def hyphenate(line: str) -> str:
    ### BEGIN SOLUTION
    return "-".join(line.split())
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert hyphenate("payments api staging") == "payments-api-staging", f"got {hyphenate('payments api staging')!r}"

# %% course={"kind": "test", "points": 2}
assert hyphenate("payments api  staging") == "payments-api-staging", "a run of spaces is one separator"
result = hyphenate("  web\tserver\n")
assert result == "web-server", f"tabs, newlines and the edges count as whitespace too; got {result!r}"
### BEGIN HIDDEN TESTS
assert hyphenate("") == "", "no words, no name"
assert hyphenate("   ") == "", "only whitespace: no words"
assert hyphenate("single") == "single", "one word needs no hyphen"
assert hyphenate("café \t crème brûlée") == "café-crème-brûlée", "any letters are kept"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "replace-spaces", "fails": ["t2"]}
def hyphenate(line):
    return line.replace(" ", "-")

# %% course={"kind": "wrong", "id": "split-on-space", "fails": ["t2"]}
def hyphenate(line):
    return "-".join(line.split(" "))

# %% [markdown] course={"kind": "exercise", "id": "welcome", "item": "dsa-what-s-your-name"}
# ### Problem: A personal welcome (after HackerRank's *What's Your Name?*)
#
# Write `welcome(first, last)` that **returns** the message
# `Hello <first> <last>! Your workspace is ready.` for a new team member. Names come from a
# form, so remove whitespace around each of them first.
#
# ```python
# welcome("Ada", "Lovelace")   # 'Hello Ada Lovelace! Your workspace is ready.'
# ```

# %% [markdown] course={"kind": "hint"}
# An f-string puts both names in place; `.strip()` cleans each one.

# %% course={"kind": "solution"}
def welcome(first: str, last: str) -> str:
    ### BEGIN SOLUTION
    return f"Hello {first.strip()} {last.strip()}! Your workspace is ready."
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
message = welcome("Ada", "Lovelace")
assert message == "Hello Ada Lovelace! Your workspace is ready.", f"got {message!r}"

# %% course={"kind": "test", "points": 1}
message = welcome("  Grace ", "Hopper\n")
assert message == "Hello Grace Hopper! Your workspace is ready.", f"strip each name; got {message!r}"
### BEGIN HIDDEN TESTS
assert welcome("José", "Núñez-Ortega") == "Hello José Núñez-Ortega! Your workspace is ready.", "any letters, hyphens kept"
assert welcome("Mary Ann", "van Dyke") == "Hello Mary Ann van Dyke! Your workspace is ready.", "inner spaces stay"
assert welcome("\tAda", "Lovelace  ") == "Hello Ada Lovelace! Your workspace is ready.", "tabs count as whitespace too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "prints", "fails": ["t1", "t2"]}
def welcome(first, last):
    print(f"Hello {first.strip()} {last.strip()}! Your workspace is ready.")

# %% course={"kind": "wrong", "id": "no-strip", "fails": ["t2"]}
def welcome(first, last):
    return "Hello " + first + " " + last + "! Your workspace is ready."

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-and-is"}
# `==` asks whether two objects have equal **values**; it calls the objects' `__eq__`, so
# each type decides what "equal" means. `is` asks whether two names refer to the **same
# object** (the same identity, the same `id()`), and no type can change its meaning. Two
# separately built lists `[1, 2]` are `==` but not `is`. Use `is` only for singletons (`x is
# None`, `x is True` in rare cases, sentinel objects) and `==` for everything else, because
# whether equal numbers or strings happen to share one object is an implementation detail.

# %% [markdown] course={"kind": "answer", "question": "q-is-python-strongly-typed-or-weakly-typed"}
# Strongly and dynamically typed. Dynamic: types belong to objects and are checked at run time,
# so one name can refer to values of different types over its life. Strong: Python refuses to
# combine incompatible types implicitly, so `"3" + 4` raises `TypeError` instead of guessing a
# result. The only implicit conversions are between numeric types (`int` to `float`, `bool` to
# `int`), and every other conversion is an explicit call such as `int("3")`.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-truthy-and-falsy-values-in"}
# Every object has a truth value used by `if`, `while`, `and`, `or` and `not`. Falsy ones are
# `False`, `None`, numeric zeros (`0`, `0.0`, `0j`, `Decimal(0)`) and empty containers and
# strings (`""`, `[]`, `()`, `{}`, `set()`, `range(0)`); everything else is truthy, including
# `"0"`, `"False"` and `[None]`. Classes decide through `__bool__` or, failing that, `__len__`.
# The practical danger is using truthiness where you mean "is missing": `value or default`
# throws away a legitimate `0` or empty string, so test `is None` in that case.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-handle-integer-overflow"}
# Python's `int` does not overflow: it is an arbitrary-precision integer that grows to as many
# digits as needed, limited only by memory (and speed, since arithmetic on huge numbers takes
# longer). `2 ** 1000` is exact. Overflow still exists at the edges: `float` is a fixed 64-bit
# type, and what happens at its limit depends on the operation: `+`, `-`, `*` and `/` on floats
# quietly give `inf` (`sys.float_info.max * 2`), while `**`, `math.pow()`, `math.exp()` and
# converting a huge int (`2.0 ** 10000`, `float(10 ** 400)`) raise `OverflowError` (the demo in
# *The five basic types* shows both). Fixed-size integer arrays in NumPy (`int64`) wrap around
# without an error, and since Python 3.11 converting an int of more than 4,300 digits to or from
# text raises `ValueError` by default, a guard against denial-of-service through very slow
# conversions (`sys.set_int_max_str_digits()` changes the limit).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-string-interning"}
# Interning means keeping a single shared copy of equal strings so that they can be compared by
# identity and stored once. CPython interns identifiers automatically (names of variables,
# attributes and functions, and string constants in code that look like identifiers), and
# `sys.intern()` lets you intern strings yourself, which saves memory and speeds up dictionary
# look-ups when the same keys repeat millions of times. Strings built at run time are usually
# not interned, so `a is b` can be `False` for equal strings: always compare text with `==`.

# %% course={"kind": "trap", "trap": "trap-compares-values-is-compares-identity"}
# Two separately built lists are equal in value but are two objects.
expected = ["web-1", "web-2"]
actual = "web-1 web-2".split()
print("actual == expected:", actual == expected)
print("actual is expected:", actual is expected)
# The same goes for any computed value: checking a status with `is` "works" only by accident.
status = "".join(["o", "k"])
wanted = "ok"
print("status == wanted:", status == wanted, "| status is wanted:", status is wanted)

# %% course={"kind": "trap", "trap": "trap-small-integers-5-to-256-are-cached"}
# CPython keeps one shared object for each int from -5 to 256; other ints are made on demand.
# int(text) builds each number at run time, as values from files and networks are built.
for text in ["-6", "-5", "100", "256", "257", "10000"]:
    a, b = int(text), int(text)
    print(f"{text:>6}:  a == b -> {a == b}   a is b -> {a is b}")

# %% course={"kind": "trap", "trap": "trap-string-interning-happens-for-identifier"}
# String constants that look like identifiers are interned when code is compiled;
# others, and strings built at run time, generally are not.
import sys

for literal in ["'deploy_prod'", "'deploy prod!'"]:
    first, second = eval(literal), eval(literal)  # two separate compilations
    print(f"{literal:<16} is-identical: {first is second}")
built = "_".join(["deploy", "prod"])
print("built at run time   is-identical:", built is eval("'deploy_prod'"))
print("after sys.intern()  is-identical:", sys.intern(built) is eval("'deploy_prod'"))

# %% course={"kind": "trap", "trap": "trap-0-1-0-2-0-3-due-to-floating-point"}
# 0.1 and 0.2 have no exact binary form, so their sum is a hair off 0.3.
import math
from decimal import Decimal

total = 0.1 + 0.2
print("0.1 + 0.2 =", repr(total), "| == 0.3:", total == 0.3)
print("math.isclose(total, 0.3):", math.isclose(total, 0.3))
print("what 0.1 really stores:", Decimal(0.1))
print("Decimal('0.1') + Decimal('0.2') == Decimal('0.3'):", Decimal("0.1") + Decimal("0.2") == Decimal("0.3"))
