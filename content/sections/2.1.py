# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write branching logic that reads like the rule it
# implements: `if`/`elif`/`else`, conditional expressions, `match`/`case`, guard clauses and
# chained comparisons, choosing correctly between `==`, `is` and `in` and knowing what `and`/`or` return.

# %% [markdown] course={"kind": "lesson", "id": "if-elif-else", "covers": ["c-if-statement-syntax-and-semantics", "c-else-clause", "c-elif-for-multiple-conditions", "c-nested-conditionals"]}
# ### `if`, `elif`, `else` and nesting
#
# An `if` statement evaluates a condition and runs the indented block under it only when the
# condition is true. `elif` ("else if") adds more conditions, tried **top to bottom**; the
# **first** true one wins and the rest are skipped, even if they are true too. `else` catches
# everything that no branch claimed, and it has no condition of its own.
#
# ```python
# if disk_percent >= 95:
#     level = "critical"
# elif disk_percent >= 80:      # only reached when the first test was False
#     level = "warning"
# else:
#     level = "ok"
# ```
#
# Because the first match wins, **order matters**: put the most specific (or most severe)
# condition first. Writing `>= 80` above `>= 95` would make "critical" unreachable.
#
# Blocks can be **nested**: an `if` inside another `if`. That is fine for one level; at three
# levels a reader has to keep a stack of conditions in their head, and guard clauses (later in
# this section) are usually clearer. In DevOps code this is the shape of every deployment gate:

# %% course={"kind": "demo"}
def rollout_decision(env: str, tests_passed: bool, approved: bool) -> str:
    if not tests_passed:
        return "blocked: tests failed"
    if env == "prod":
        if approved:  # nested: only production needs a human approval
            return "deploy to prod"
        else:
            return "waiting for approval"
    elif env in ("staging", "dev"):
        return f"deploy to {env}"
    else:
        return f"unknown environment {env!r}"


cases = [("prod", True, True), ("prod", True, False), ("staging", True, False),
         ("prod", False, True), ("qa", True, True)]
for env, passed, approved in cases:
    print(f"{env:8} tests={passed!s:5} approved={approved!s:5} -> {rollout_decision(env, passed, approved)}")

# %% [markdown] course={"kind": "text"}
# The demo below shows why order matters: the same three branches, two orders.

# %% course={"kind": "demo"}
def level_good(percent: float) -> str:
    if percent >= 95:
        return "critical"
    elif percent >= 80:
        return "warning"
    return "ok"


def level_bad(percent: float) -> str:
    if percent >= 80:  # claims 97 before the 'critical' branch can see it
        return "warning"
    elif percent >= 95:
        return "critical"
    return "ok"


for percent in (50, 85, 97):
    print(f"{percent:3}%  good order: {level_good(percent):8}  bad order: {level_bad(percent)}")

# %% [markdown] course={"kind": "lesson", "id": "ternary", "covers": ["c-conditional-expressions-ternary-operator"]}
# ### Conditional expressions: `a if condition else b`
#
# An `if` statement *does* something; a **conditional expression** *is* a value. It reads
# "`a` if the condition holds, otherwise `b`", and only the chosen side is evaluated. Because it
# is an expression you can use it where statements are not allowed: inside an f-string, a
# function argument, a comprehension, a `return`.
#
# Use it for short either/or choices such as `replicas = 3 if env == "prod" else 1`. The thing
# people get wrong is chaining them (`a if x else b if y else c`): it works, but an `if`/`elif`
# reads better beyond two outcomes.

# %% course={"kind": "demo"}
for env in ("prod", "dev"):
    replicas = 3 if env == "prod" else 1
    print(f"{env}: {replicas} replica{'' if replicas == 1 else 's'}")

# only the chosen side runs: the division by zero below never happens
count = 0
print("average:", 0 if count == 0 else 100 / count)

# %% [markdown] course={"kind": "lesson", "id": "truthiness", "covers": ["c-truthy-and-falsy-value-evaluation-in"]}
# ### Truthy and falsy values
#
# A condition does not have to be a `bool`. Python asks any object "are you true?" by calling
# `bool()` on it. The **falsy** values are few and worth memorising:
#
# - `False` and `None`;
# - zero of any number type: `0`, `0.0`, `0j`, `Decimal(0)`;
# - empty containers: `""`, `[]`, `()`, `{}`, `set()`, `range(0)`.
#
# Everything else is **truthy**, including `"0"`, `"False"`, `[0]` and `" "`. So `if hosts:`
# means "if the list is not empty", which is idiomatic and reads well.
#
# The mistake: using truthiness when a falsy value is *valid*. `if not timeout:` treats a
# timeout of `0` exactly like a missing one. When you mean "was a value given?", test
# `is None`.

# %% course={"kind": "demo"}
samples = [0, 0.0, "", "0", "False", [], [0], {}, None, " ", range(0)]
for value in samples:
    print(f"{value!r:10} -> {'truthy' if value else 'falsy'}")

# %% [markdown] course={"kind": "lesson", "id": "comparing", "covers": ["c-comparison-operators", "c-identity-operators-is-is-not", "c-membership-operators-in-not-in"]}
# ### Comparing: `==` and friends, `is`, and `in`
#
# **Comparison operators** `==`, `!=`, `<`, `>`, `<=`, `>=` compare *values* and return a `bool`.
# Numbers of different types compare by value (`1 == 1.0`), strings compare character by
# character (so `"10" < "9"`: a classic bug when comparing version numbers as text), and
# ordering unrelated types (`3 < "4"`) raises `TypeError`.
#
# **Identity operators** `is` / `is not` ask whether two names point at the **same object**,
# not whether the objects are equal. Use them for singletons: `x is None`, `x is not None`,
# sometimes `is True` in tests. For everything else use `==`.
#
# **Membership operators** `in` / `not in` ask whether a container holds a value. What "holds"
# means depends on the container: a substring for `str`, an element for `list`/`tuple`/`set`,
# a **key** (not a value) for `dict`. Cost differs too: `in` on a list scans it, `in` on a set
# or dict is a hash lookup (section 2.3).

# %% course={"kind": "demo"}
print("1 == 1.0          ", 1 == 1.0)
print("'10' < '9'        ", "10" < "9", "  <- text order, not numeric order")
print("(1, 10) < (1, 9)  ", (1, 10) < (1, 9), " <- compare versions as tuples of ints")

a = [1, 2, 3]
b = [1, 2, 3]
print("a == b            ", a == b, "  same value")
print("a is b            ", a is b, " two different list objects")

config = {"port": 8080}
print("'port' in config  ", "port" in config, "  dict: looks at keys")
print("8080 in config    ", 8080 in config, " ... not at values")
print("'err' in 'stderr' ", "err" in "stderr", "  str: substring")
try:
    print(3 < "4")
except TypeError as err:
    print("3 < '4'            TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "boolean-logic", "covers": ["c-combining-conditions-with-and-or-not", "c-short-circuit-evaluation-in-conditionals"]}
# ### `and`, `or`, `not`, and short-circuit evaluation
#
# `not x` always returns a `bool`. `and` and `or` do not: they return **one of their operands**.
#
# - `a and b`: if `a` is falsy the answer is `a` (and `b` is never evaluated); otherwise it is `b`.
# - `a or b`: if `a` is truthy the answer is `a` (and `b` is never evaluated); otherwise it is `b`.
#
# Skipping the right-hand side is **short-circuit evaluation**. It is what makes
# `if user is not None and user.is_admin:` safe (the attribute is read only when there is a
# user) and what lets you put a cheap test before an expensive one. Precedence is `not`, then
# `and`, then `or`; add parentheses whenever you mix `and` with `or`.

# %% course={"kind": "demo"}
def check(name: str, result: bool) -> bool:
    print(f"  evaluated {name}")
    return result


print("False and ...:", check("left", False) and check("right", True))
print("True or ...:", check("left", True) or check("right", False))
print("values, not bools:", repr("" or "fallback"), repr("x" and "y"), repr(0 and 1 / 0), repr(not "x"))

# %% [markdown] course={"kind": "lesson", "id": "chained", "covers": ["c-chained-comparisons-0-x-10"]}
# ### Chained comparisons
#
# Python lets you write a range check the way mathematics does: `0 <= x < 10`. A chain
# `a op1 b op2 c` means `a op1 b and b op2 c`, except that `b` is evaluated **only once**, and
# the chain stops at the first false link (short-circuit again). Any comparison operators can be
# chained, which allows legal but confusing code such as `1 < 3 > 2` (true!). Keep chains to
# the readable cases: ranges (`low <= value <= high`) and equal-to-all (`a == b == c`).

# %% course={"kind": "demo"}
calls = 0


def reading() -> int:
    global calls
    calls += 1
    return 42


print("0 < reading() < 100:", 0 < reading() < 100, "| reading() called", calls, "time")
for port in (0, 80, 8080, 70000):
    print(f"port {port:5} valid? {1 <= port <= 65535}")
print("1 < 3 > 2 is", 1 < 3 > 2, " (legal, but do not write this)")

# %% [markdown] course={"kind": "lesson", "id": "match-case", "covers": ["c-pattern-matching-with-match-case-python", "c-literal-patterns", "c-capture-patterns", "c-wildcard-pattern", "c-class-patterns", "c-guard-clauses-with-if"]}
# ### Pattern matching with `match` / `case` (Python 3.10+)
#
# `match subject:` compares one value against a list of **patterns**, top to bottom, and runs
# the block of the first `case` that matches. Unlike a C `switch`, it matches *shapes*, not
# only constants, and it can pull values out while it matches:
#
# | pattern | example | matches when | binds |
# |---|---|---|---|
# | literal | `case 404:` / `case "stop":` | subject `== 404` (for `None`/`True`/`False`: `is`) | nothing |
# | or-pattern | `case "y" \| "yes":` | any alternative matches | nothing |
# | capture | `case name:` | always | `name = subject` |
# | wildcard | `case _:` | always | nothing (the "default") |
# | sequence | `case ["deploy", service]:` | a 2-item sequence starting with "deploy" | `service` |
# | class | `case Alert(level="critical"):` | `isinstance(subject, Alert)` and the attribute matches | as written |
# | guard | `case Alert(level=l) if l != "info":` | the pattern matches **and** the condition is true | as written |
#
# The one thing everyone gets wrong once: a **bare name is a capture pattern**, not a
# comparison. `case PROD:` matches *anything* and assigns it to `PROD`. To compare with a
# constant, use a dotted name (`case Env.PROD:`) or a literal.
#
# In ops code `match` shines for dispatching commands and events: parsed CLI words, webhook
# payloads, messages from a queue.

# %% course={"kind": "demo"}
from dataclasses import dataclass


@dataclass
class Alert:
    service: str
    level: str


def handle(event: object) -> str:
    match event:
        case "ping":  # literal
            return "pong"
        case ["deploy", service]:  # sequence with a capture
            return f"deploying {service}"
        case ["deploy", *_]:  # wildcard soaks up the rest
            return "usage: deploy <service>"
        case Alert(level="critical", service=svc):  # class pattern
            return f"page the on-call engineer about {svc}"
        case Alert(level=level) if level != "info":  # class pattern with a guard
            return f"open a ticket ({level})"
        case _:  # wildcard: everything else
            return "ignored"


events = ["ping", ["deploy", "api"], ["deploy"], Alert("db", "critical"),
          Alert("web", "warning"), Alert("web", "info"), 42]
for event in events:
    print(f"{event!r:40} -> {handle(event)}")

# %% course={"kind": "demo"}
# The capture-pattern mistake, and the fix.
PROD = "prod"


def is_prod_wrong(env: str) -> bool:
    match env:
        case PROD:  # NOT a comparison: captures env into a new local name PROD
            return True
    return False


class Env:
    PROD = "prod"


def is_prod_right(env: str) -> bool:
    match env:
        case Env.PROD:  # a dotted name is a value pattern: compared with ==
            return True
    return False


print("wrong:", is_prod_wrong("dev"), "| right:", is_prod_right("dev"), is_prod_right("prod"))

# %% [markdown] course={"kind": "lesson", "id": "conditional-patterns", "covers": ["c-common-conditional-patterns", "c-guard-clauses-early-return", "c-default-values-with-or", "c-null-checking-patterns"]}
# ### Everyday conditional patterns
#
# **Guard clauses (early return).** Check what would make the work impossible first, and leave
# the function right there. The main path then runs at one indentation level, and each special
# case sits next to its reason:
#
# ```python
# def restart(service):
#     if service is None:
#         return "nothing to restart"
#     if not service.enabled:
#         return "disabled"
#     ...  # the real work, not nested
# ```
#
# **Default values with `or`.** `name = given or "default"` keeps `given` when it is truthy.
# That is right when every falsy value means "not set" (an empty string from an environment
# variable, say) and wrong when `0`, `False` or `""` are valid settings.
#
# **Null checking.** Test for "no value" with `is None` / `is not None`; the explicit default
# is `value if value is not None else default`. `dict.get(key, default)` and
# `getattr(obj, name, default)` do the lookup and the check in one call.

# %% course={"kind": "demo"}
settings = {"region": "", "retries": 0, "timeout": None}

region = settings["region"] or "eu-west-1"  # fine: an empty region is not a usable region
retries_or = settings["retries"] or 3  # bug: 0 retries was a deliberate choice
retries = settings["retries"] if settings["retries"] is not None else 3
timeout = settings.get("timeout") if settings.get("timeout") is not None else 30
owner = settings.get("owner", "platform-team")  # missing key -> default

print(f"region={region!r}  retries with or={retries_or}  retries with is None={retries}")
print(f"timeout={timeout}  owner={owner!r}")

# %% [markdown] course={"kind": "exercise", "id": "sign-of", "item": "x-write-a-program-that-classifies-a-number"}
# ### Positive, negative or zero
#
# Write `sign_of(x)` that returns `"positive"`, `"negative"` or `"zero"` for a number (`int` or
# `float`). `-0.0` is zero. A float NaN ("not a number") has no sign: raise `ValueError` for it.
#
# ```python
# sign_of(7)      # 'positive'
# sign_of(-0.5)   # 'negative'
# sign_of(0)      # 'zero'
# ```

# %% [markdown] course={"kind": "hint"}
# Three outcomes: `if` / `elif` / `else`. Which of the three should be the `else`?

# %% [markdown] course={"kind": "hint"}
# NaN is neither `> 0`, `< 0` nor `== 0`, so if "zero" is your `else` branch, NaN lands in it.
# Check it first with `math.isnan(x)` (for floats), or make zero an explicit `== 0` test.

# %% course={"kind": "solution"}
import math


def sign_of(x: float) -> str:
    """Return 'positive', 'negative' or 'zero'; raise ValueError for NaN."""
    ### BEGIN SOLUTION
    if isinstance(x, float) and math.isnan(x):
        raise ValueError("NaN has no sign")
    if x > 0:
        return "positive"
    if x < 0:
        return "negative"
    return "zero"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert sign_of(7) == "positive", "7 is positive"
assert sign_of(-3) == "negative", "-3 is negative"
assert sign_of(0) == "zero", "0 is zero, not positive"

# %% course={"kind": "test", "points": 1}
assert sign_of(0.25) == "positive" and sign_of(-0.001) == "negative", "floats work like ints"
assert sign_of(-0.0) == "zero", "-0.0 equals 0, so it is zero"
### BEGIN HIDDEN TESTS
assert sign_of(float("inf")) == "positive" and sign_of(float("-inf")) == "negative", "infinities have a sign"
assert sign_of(10**100) == "positive" and sign_of(-(10**100)) == "negative", "very large ints"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    sign_of(float("nan"))
except ValueError:
    pass
else:
    raise AssertionError("NaN is not positive, negative or zero: raise ValueError")

# %% course={"kind": "wrong", "id": "zero-is-positive", "fails": ["t1", "t2"]}
import math


def sign_of(x):
    if isinstance(x, float) and math.isnan(x):
        raise ValueError("NaN")
    if x >= 0:
        return "positive"
    if x < 0:
        return "negative"
    return "zero"

# %% course={"kind": "wrong", "id": "nan-falls-into-else", "fails": ["t3"]}
def sign_of(x):
    if x > 0:
        return "positive"
    elif x < 0:
        return "negative"
    else:
        return "zero"

# %% [markdown] course={"kind": "exercise", "id": "letter-grade", "item": "x-create-a-grade-calculator-a-b-c-d-f"}
# ### Grade calculator
#
# Write `letter_grade(score)` for a score from 0 to 100 (an `int` or a `float`):
#
# | score | grade |
# |---|---|
# | 90 to 100 | `"A"` |
# | 80 up to (not including) 90 | `"B"` |
# | 70 up to 80 | `"C"` |
# | 60 up to 70 | `"D"` |
# | below 60 | `"F"` |
#
# No rounding: `89.9` is a B. A score outside 0..100 is a data error: raise `ValueError`.
#
# ```python
# letter_grade(91)     # 'A'
# letter_grade(59.5)   # 'F'
# ```

# %% [markdown] course={"kind": "hint"}
# Check the range first (a guard clause), then the grades from the top down: `>= 90`,
# `>= 80`, ... Because the first true branch wins, each branch only needs a lower bound.

# %% [markdown] course={"kind": "hint"}
# `not 0 <= score <= 100` is a chained comparison that catches both ends of a bad range.

# %% course={"kind": "solution"}
def letter_grade(score: float) -> str:
    """Letter grade A-F for a score from 0 to 100."""
    ### BEGIN SOLUTION
    if not 0 <= score <= 100:
        raise ValueError(f"score must be between 0 and 100, got {score}")
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
for score, grade in [(95, "A"), (85, "B"), (75, "C"), (65, "D"), (30, "F")]:
    assert letter_grade(score) == grade, f"{score} should be {grade}, got {letter_grade(score)!r}"

# %% course={"kind": "test", "points": 2}
for score, grade in [(90, "A"), (89.9, "B"), (80, "B"), (79, "C"), (70, "C"), (69.5, "D"), (60, "D"), (59.99, "F")]:
    assert letter_grade(score) == grade, f"boundary {score} should be {grade}, got {letter_grade(score)!r}"
### BEGIN HIDDEN TESTS
assert letter_grade(100) == "A" and letter_grade(0) == "F", "both ends of the range are valid scores"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (-1, 100.5, 250):
    try:
        letter_grade(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} is outside 0..100: raise ValueError")

# %% course={"kind": "wrong", "id": "strict-bounds", "fails": ["t2"]}
def letter_grade(score):
    if not 0 <= score <= 100:
        raise ValueError(score)
    if score > 90:
        return "A"
    if score > 80:
        return "B"
    if score > 70:
        return "C"
    if score > 60:
        return "D"
    return "F"

# %% course={"kind": "wrong", "id": "bottom-up", "fails": ["t1", "t2"]}
def letter_grade(score):
    if not 0 <= score <= 100:
        raise ValueError(score)
    if score >= 60:
        return "D"
    elif score >= 70:
        return "C"
    elif score >= 80:
        return "B"
    elif score >= 90:
        return "A"
    return "F"

# %% course={"kind": "wrong", "id": "no-range-check", "fails": ["t3"]}
def letter_grade(score):
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"

# %% [markdown] course={"kind": "exercise", "id": "login", "item": "x-implement-a-simple-login-validation"}
# ### Login check
#
# Write `login(users, username, password)`. `users` maps lower-case usernames to passwords.
# Return exactly one of these messages, checking in this order:
#
# 1. `"missing username"` when the username is empty or only spaces;
# 2. `"missing password"` when the password is `""`;
# 3. `"invalid credentials"` when the user does not exist **or** the password is wrong: the
#    same message for both, so an attacker cannot learn which usernames exist;
# 4. `"welcome, <name>"` otherwise.
#
# Usernames are forgiving: ignore surrounding spaces and letter case (`" Alice "` is `alice`).
# Passwords are exact: case matters and spaces are part of the password.
#
# ```python
# users = {"alice": "s3cret!"}
# login(users, " Alice", "s3cret!")   # 'welcome, alice'
# login(users, "alice", "S3CRET!")    # 'invalid credentials'
# ```

# %% [markdown] course={"kind": "hint"}
# Write the checks as guard clauses, one `if ...: return ...` per rule, in the order given.
# Normalise first: `name = username.strip().lower()`.

# %% [markdown] course={"kind": "hint"}
# `users.get(name)` returns `None` for an unknown user instead of raising `KeyError`. Compare
# passwords with `==`, never with `is`: two equal strings are often different objects.

# %% course={"kind": "solution"}
def login(users: dict[str, str], username: str, password: str) -> str:
    """Check a username and password against ``users``; return a message."""
    ### BEGIN SOLUTION
    name = username.strip().lower()
    if not name:
        return "missing username"
    if password == "":
        return "missing password"
    if users.get(name) != password:
        return "invalid credentials"
    return f"welcome, {name}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
users = {"alice": "s3cret!", "bob": "hunter2"}
typed = "".join(["s3", "cret!"])  # built at run time, like text read from a form
assert login(users, "alice", typed) == "welcome, alice", "the right password must log in (compare with ==)"
assert login(users, "alice", "S3CRET!") == "invalid credentials", "passwords are case-sensitive"

# %% course={"kind": "test", "points": 1}
users = {"alice": "s3cret!", "bob": "hunter2"}
assert login(users, "  Alice ", "s3cret!") == "welcome, alice", "ignore spaces and case in the username"
assert login(users, "   ", "s3cret!") == "missing username", "a blank username is missing"
assert login(users, "bob", "") == "missing password", "an empty password is missing"
### BEGIN HIDDEN TESTS
assert login(users, "", "") == "missing username", "the username is checked first"
assert login(users, "bob", " hunter2") == "invalid credentials", "spaces in a password are significant"
assert login(users, "bob", "   ") == "invalid credentials", "a password of spaces is not empty: it is just wrong"
assert login(users, "\tBOB\n", "hunter2") == "welcome, bob", "tabs and newlines around a username are ignored"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
users = {"alice": "s3cret!", "bob": "hunter2"}
unknown = login(users, "mallory", "hunter2")
wrong = login(users, "bob", "hunter3")
assert wrong == "invalid credentials", f"a wrong password gives {wrong!r}"
assert unknown == wrong, "an unknown user must get the same message as a wrong password"
### BEGIN HIDDEN TESTS
before = dict(users)
login(users, "Carol", "x")
assert users == before, "login must not change the users dict"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "leaks-usernames", "fails": ["t3"]}
def login(users, username, password):
    name = username.strip().lower()
    if not name:
        return "missing username"
    if password == "":
        return "missing password"
    if name not in users:
        return "unknown user"
    if users[name] != password:
        return "invalid credentials"
    return f"welcome, {name}"

# %% course={"kind": "wrong", "id": "compares-with-is", "fails": ["t1"]}
def login(users, username, password):
    name = username.strip().lower()
    if not name:
        return "missing username"
    if password == "":
        return "missing password"
    if users.get(name) is not password:
        return "invalid credentials"
    return f"welcome, {name}"

# %% course={"kind": "wrong", "id": "no-normalising", "fails": ["t2"]}
def login(users, username, password):
    if not username:
        return "missing username"
    if not password:
        return "missing password"
    if users.get(username) != password:
        return "invalid credentials"
    return f"welcome, {username}"

# %% [markdown] course={"kind": "exercise", "id": "leap-year", "item": "x-write-a-leap-year-checker"}
# ### Leap years
#
# Write `is_leap(year)` for the Gregorian calendar: a year is a leap year when it is divisible
# by 4, **except** years divisible by 100, which are leap years only when they are also
# divisible by 400.
#
# ```python
# is_leap(2024)   # True
# is_leap(1900)   # False  (divisible by 100, not by 400)
# is_leap(2000)   # True   (divisible by 400)
# ```

# %% [markdown] course={"kind": "hint"}
# Test the most specific rule first: 400, then 100, then 4.

# %% [markdown] course={"kind": "hint"}
# As a single expression: `year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)`.

# %% course={"kind": "solution"}
def is_leap(year: int) -> bool:
    """Whether ``year`` is a leap year in the Gregorian calendar."""
    ### BEGIN SOLUTION
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_leap(2024) is True, "2024 is divisible by 4"
assert is_leap(2023) is False, "2023 is not divisible by 4"

# %% course={"kind": "test", "points": 2}
assert is_leap(1900) is False, "1900 is divisible by 100 but not by 400: not a leap year"
assert is_leap(2100) is False, "2100 is divisible by 100 but not by 400"
assert is_leap(2000) is True, "2000 is divisible by 400: a leap year"
### BEGIN HIDDEN TESTS
import calendar

assert is_leap(2400) is True, "2400 is divisible by 400"
assert all(is_leap(y) == calendar.isleap(y) for y in range(1583, 3001)), "check every year from 1583 to 3000"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "every-fourth", "fails": ["t2"]}
def is_leap(year):
    return year % 4 == 0

# %% course={"kind": "wrong", "id": "forgot-400", "fails": ["t2"]}
def is_leap(year):
    return year % 4 == 0 and year % 100 != 0

# %% [markdown] course={"kind": "exercise", "id": "match-calculator", "item": "x-create-a-simple-calculator-using-match"}
# ### A `match`/`case` calculator
#
# Write `calculate(expression)` for expressions of the form `"<int> <op> <int>"`, tokens
# separated by whitespace, where `<op>` is one of `+`, `-`, `*`, `/` (true division) or `//`
# (floor division). Numbers may be negative (`"-4 * 2"`).
#
# - Any other operator: raise `ValueError` with a message that contains the operator.
# - Not exactly three tokens: raise `ValueError`.
# - Division by zero: let Python's `ZeroDivisionError` happen.
#
# ```python
# calculate("6 * 7")     # 42
# calculate("7 / 2")     # 3.5
# calculate("2 ^ 3")     # ValueError: unknown operator '^'
# ```

# %% [markdown] course={"kind": "hint"}
# `expression.split()` gives a list of tokens. A sequence pattern matches its shape and
# captures the parts: `case [left, "+", right]:`.

# %% [markdown] course={"kind": "hint"}
# Convert the numbers with `int(...)` before doing arithmetic. End with `case [_, op, _]:` for
# an unknown operator and `case _:` for a wrong number of tokens.

# %% course={"kind": "solution"}
def calculate(expression: str) -> float:
    """Evaluate '<int> <op> <int>' with + - * / //."""
    ### BEGIN SOLUTION
    match expression.split():
        case [left, "+", right]:
            return int(left) + int(right)
        case [left, "-", right]:
            return int(left) - int(right)
        case [left, "*", right]:
            return int(left) * int(right)
        case [left, "/", right]:
            return int(left) / int(right)
        case [left, "//", right]:
            return int(left) // int(right)
        case [_, op, _]:
            raise ValueError(f"unknown operator {op!r}")
        case _:
            raise ValueError(f"expected '<number> <operator> <number>', got {expression!r}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert calculate("3 + 4") == 7, f"3 + 4 gave {calculate('3 + 4')!r}: convert the tokens to numbers"
assert calculate("10 - 12") == -2, "subtraction can go below zero"
assert calculate("6 * 7") == 42, "multiplication"
assert type(calculate("6 * 7")) is int, "int operands give an int result (convert with int(), not float())"

# %% course={"kind": "test", "points": 1}
assert calculate("7 / 2") == 3.5, "/ is true division"
assert calculate("7 // 2") == 3, "// is floor division"
assert calculate("-7 // 2") == -4, "negative numbers work; floor division rounds down"
### BEGIN HIDDEN TESTS
assert calculate("   8    -  3 ") == 5, "extra spaces do not matter"
assert calculate("8\t//\t-3") == -3, "tabs separate tokens too; 8 // -3 rounds down to -3"
result = calculate("-9 // 2")
assert result == -5 and type(result) is int, f"// of two ints is an int; got {result!r}"
assert type(calculate("6 / 3")) is float, "/ always gives a float"
try:
    calculate("5 / 0")
except ZeroDivisionError:
    pass
else:
    raise AssertionError("division by zero must raise ZeroDivisionError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    calculate("2 ^ 3")
except ValueError as err:
    assert "^" in str(err), "the error message must name the unknown operator"
else:
    raise AssertionError("an unknown operator must raise ValueError")
for bad in ("2 +", "1 + 2 + 3", ""):
    try:
        calculate(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} does not have three tokens: raise ValueError")
### BEGIN HIDDEN TESTS
for op in ("**", "%", "x", "+-"):
    try:
        calculate(f"2 {op} 3")
    except ValueError as err:
        assert op in str(err), f"the message must name {op!r}"
    else:
        raise AssertionError(f"{op!r} is not one of + - * / //: raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-none", "fails": ["t3"]}
def calculate(expression):
    match expression.split():
        case [left, "+", right]:
            return int(left) + int(right)
        case [left, "-", right]:
            return int(left) - int(right)
        case [left, "*", right]:
            return int(left) * int(right)
        case [left, "/", right]:
            return int(left) / int(right)
        case [left, "//", right]:
            return int(left) // int(right)
        case _:
            return None

# %% course={"kind": "wrong", "id": "no-conversion", "fails": ["t1"]}
def calculate(expression):
    match expression.split():
        case [left, "+", right]:
            return left + right
        case [left, "-", right]:
            return int(left) - int(right)
        case [left, "*", right]:
            return int(left) * int(right)
        case [left, "/", right]:
            return int(left) / int(right)
        case [left, "//", right]:
            return int(left) // int(right)
        case [_, op, _]:
            raise ValueError(f"unknown operator {op!r}")
        case _:
            raise ValueError("bad expression")

# %% course={"kind": "wrong", "id": "float-numbers", "fails": ["t1", "t2"]}
def calculate(expression):
    match expression.split():
        case [left, "+", right]:
            return float(left) + float(right)
        case [left, "-", right]:
            return float(left) - float(right)
        case [left, "*", right]:
            return float(left) * float(right)
        case [left, "/", right]:
            return float(left) / float(right)
        case [left, "//", right]:
            return float(left) // float(right)
        case [_, op, _]:
            raise ValueError(f"unknown operator {op!r}")
        case _:
            raise ValueError(f"bad expression {expression!r}")

# %% [markdown] course={"kind": "exercise", "id": "fizzbuzz-print", "item": "x-implement-fizzbuzz-classic-programming"}
# ### FizzBuzz, the program
#
# Write `print_fizzbuzz(n)` that **prints** one line for each number from 1 to `n`: `Fizz`
# when the number is divisible by 3, `Buzz` when divisible by 5, `FizzBuzz` when divisible by
# both, and the number itself otherwise. It returns nothing; for `n <= 0` it prints nothing.
#
# ```python
# print_fizzbuzz(5)
# # 1
# # 2
# # Fizz
# # 4
# # Buzz
# ```

# %% [markdown] course={"kind": "hint"}
# `for i in range(1, n + 1):` visits 1 to `n`; `range(n)` would start at 0.

# %% [markdown] course={"kind": "hint"}
# The first true branch wins, so the "both" case must come before the single ones:
# `if i % 15 == 0` (or `i % 3 == 0 and i % 5 == 0`) first.

# %% course={"kind": "solution"}
def print_fizzbuzz(n: int) -> None:
    """Print the FizzBuzz sequence from 1 to n."""
    ### BEGIN SOLUTION
    for i in range(1, n + 1):
        if i % 15 == 0:
            print("FizzBuzz")
        elif i % 3 == 0:
            print("Fizz")
        elif i % 5 == 0:
            print("Buzz")
        else:
            print(i)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    returned = print_fizzbuzz(5)
assert out.getvalue() == "1\n2\nFizz\n4\nBuzz\n", f"printed {out.getvalue()!r}"
assert returned is None, "print the lines; do not return them"

# %% course={"kind": "test", "points": 2}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_fizzbuzz(15)
lines = out.getvalue().splitlines()
assert len(lines) == 15, f"15 numbers give 15 lines, got {len(lines)}"
assert lines[14] == "FizzBuzz", f"15 is divisible by 3 and 5: expected FizzBuzz, got {lines[14]!r}"
assert lines[9] == "Buzz" and lines[8] == "Fizz", "10 is Buzz and 9 is Fizz"
### BEGIN HIDDEN TESTS
out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_fizzbuzz(0)
    print_fizzbuzz(-3)
assert out.getvalue() == "", "n <= 0 prints nothing"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "three-before-fifteen", "fails": ["t2"]}
def print_fizzbuzz(n):
    for i in range(1, n + 1):
        if i % 3 == 0:
            print("Fizz")
        elif i % 5 == 0:
            print("Buzz")
        elif i % 15 == 0:
            print("FizzBuzz")
        else:
            print(i)

# %% course={"kind": "wrong", "id": "starts-at-zero", "fails": ["t1", "t2"]}
def print_fizzbuzz(n):
    for i in range(n):
        if i % 15 == 0:
            print("FizzBuzz")
        elif i % 3 == 0:
            print("Fizz")
        elif i % 5 == 0:
            print("Buzz")
        else:
            print(i)

# %% [markdown] course={"kind": "exercise", "id": "cli-menu", "item": "project-2-1-1"}
# ### Mini-project: CLI Menu System
#
# Build the logic of a small service-control menu, without `input()`: `menu_session(inputs,
# services)` gets the lines a user typed (a list of strings) and the starting state of the
# services (a dict `name -> running?`), and returns the lines the program would print.
#
# | typed | prints |
# |---|---|
# | `1` | one line per service, sorted by name: `nginx: running` / `redis: stopped` (or `no services`) |
# | `2 <name>` | `started <name>`; `<name> is already running` if it was |
# | `3 <name>` | `stopped <name>`; `<name> is not running` if it was not |
# | `2` or `3` without a name | `usage: 2 <service>` (or `3`) |
# | `2`/`3` with an unknown name | `no such service: <name>` |
# | `q` | nothing; the session ends and later lines are **not** read |
# | a blank line | nothing |
# | anything else | `invalid choice: <what was typed, stripped>` |
#
# The session always ends by printing `bye` (after `q`, or when the input runs out). Do not
# change the caller's dict: work on a copy.
#
# ```python
# menu_session(["2 redis", "1", "q"], {"nginx": True, "redis": False})
# # ['started redis', 'nginx: running', 'redis: running', 'bye']
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over the inputs; for each one, `words = line.split()`. Skip blank lines with
# `if not words: continue`, and leave the loop on `q` with `break`.

# %% [markdown] course={"kind": "hint"}
# Guard clauses keep each command flat: for `2`, first `if len(words) < 2:` (usage), then
# `if name not in state:` (unknown), then `if state[name]:` (already running), then do it.

# %% [markdown] course={"kind": "hint"}
# `match words:` with `case ["1"]:`, `case ["2", name]:`, `case ["2"]:`, `case ["q"]:` and
# `case _:` is a neat way to dispatch.

# %% course={"kind": "solution"}
def menu_session(inputs: list[str], services: dict[str, bool]) -> list[str]:
    """Run the service menu on the typed ``inputs``; return the printed lines."""
    ### BEGIN SOLUTION
    state = dict(services)
    out: list[str] = []

    def set_running(name: str, running: bool) -> str:
        if name not in state:
            return f"no such service: {name}"
        if state[name] == running:
            return f"{name} is already running" if running else f"{name} is not running"
        state[name] = running
        return f"started {name}" if running else f"stopped {name}"

    for line in inputs:
        words = line.split()
        match words:
            case []:
                continue
            case ["q"]:
                break
            case ["1"]:
                if not state:
                    out.append("no services")
                for name in sorted(state):
                    out.append(f"{name}: {'running' if state[name] else 'stopped'}")
            case ["2" | "3" as command]:
                out.append(f"usage: {command} <service>")
            case ["2" | "3" as command, name]:
                out.append(set_running(name, command == "2"))
            case _:
                out.append(f"invalid choice: {line.strip()}")
    out.append("bye")
    return out
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
services = {"nginx": True, "redis": False}
got = menu_session(["1", "2 redis", "3 nginx", "1"], services)
expected = ["nginx: running", "redis: stopped", "started redis", "stopped nginx",
            "nginx: stopped", "redis: running", "bye"]
assert got == expected, f"got {got}"
got = menu_session(["1"], {"redis": False, "api": True})
assert got == ["api: running", "redis: stopped", "bye"], f"list the services sorted by name; got {got}"

# %% course={"kind": "test", "points": 2}
services = {"nginx": True, "redis": False}
assert menu_session(["5"], services) == ["invalid choice: 5", "bye"], "unknown menu choice"
assert menu_session(["2"], services) == ["usage: 2 <service>", "bye"], "2 needs a service name"
assert menu_session(["3 mysql"], services) == ["no such service: mysql", "bye"], "unknown service"
assert menu_session(["2 nginx", "3 redis"], services) == ["nginx is already running", "redis is not running", "bye"], "starting a running service or stopping a stopped one"
assert menu_session(["", "   "], services) == ["bye"], "blank lines print nothing"
### BEGIN HIDDEN TESTS
assert menu_session(["1"], {}) == ["no services", "bye"], "listing with no services"
assert menu_session(["  hello world "], services) == ["invalid choice: hello world", "bye"], "an invalid choice is echoed stripped"
assert menu_session(["3"], services) == ["usage: 3 <service>", "bye"], "3 needs a service name"
assert menu_session(["2 nginx redis"], services) == ["invalid choice: 2 nginx redis", "bye"], "one name only"
assert menu_session(["Q", "1 nginx"], services) == ["invalid choice: Q", "invalid choice: 1 nginx", "bye"], "Q is not q"
assert menu_session(["", "2 redis"], services) == ["started redis", "bye"], "a blank line is skipped; the session goes on"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
services = {"nginx": True, "redis": False}
got = menu_session(["3 nginx", "q", "2 redis", "1"], services)
assert got == ["stopped nginx", "bye"], f"nothing after q may run: got {got}"
assert services == {"nginx": True, "redis": False}, "the caller's dict must not change"
### BEGIN HIDDEN TESTS
assert menu_session([], services) == ["bye"], "no input at all still says bye"
assert menu_session(["  q  ", "1"], services) == ["bye"], "q with spaces around it still quits"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mutates-caller", "fails": ["t3"]}
def menu_session(inputs, services):
    out = []
    for line in inputs:
        words = line.split()
        if not words:
            continue
        if words[0] == "q":
            break
        if words == ["1"]:
            out += [f"{n}: {'running' if services[n] else 'stopped'}" for n in sorted(services)] or ["no services"]
        elif words[0] in ("2", "3") and len(words) == 2:
            cmd, name = words
            if name not in services:
                out.append(f"no such service: {name}")
            elif services[name] == (cmd == "2"):
                out.append(f"{name} is already running" if cmd == "2" else f"{name} is not running")
            else:
                services[name] = cmd == "2"
                out.append(f"started {name}" if cmd == "2" else f"stopped {name}")
        elif words in (["2"], ["3"]):
            out.append(f"usage: {words[0]} <service>")
        else:
            out.append(f"invalid choice: {line.strip()}")
    out.append("bye")
    return out

# %% course={"kind": "wrong", "id": "crashes-without-name", "fails": ["t2"]}
def menu_session(inputs, services):
    state = dict(services)
    out = []
    for line in inputs:
        words = line.split()
        if not words:
            continue
        if words[0] == "q":
            break
        if words[0] == "1":
            out += [f"{n}: {'running' if state[n] else 'stopped'}" for n in sorted(state)] or ["no services"]
        elif words[0] in ("2", "3"):
            cmd, name = words[0], words[1]
            if name not in state:
                out.append(f"no such service: {name}")
            elif state[name] == (cmd == "2"):
                out.append(f"{name} is already running" if cmd == "2" else f"{name} is not running")
            else:
                state[name] = cmd == "2"
                out.append(f"started {name}" if cmd == "2" else f"stopped {name}")
        else:
            out.append(f"invalid choice: {line.strip()}")
    out.append("bye")
    return out

# %% course={"kind": "wrong", "id": "ignores-quit", "fails": ["t3"]}
def menu_session(inputs, services):
    state = dict(services)
    out = []
    for line in inputs:
        words = line.split()
        if not words or words == ["q"]:
            continue
        if words == ["1"]:
            out += [f"{n}: {'running' if state[n] else 'stopped'}" for n in sorted(state)] or ["no services"]
        elif words in (["2"], ["3"]):
            out.append(f"usage: {words[0]} <service>")
        elif words[0] in ("2", "3") and len(words) == 2:
            cmd, name = words
            if name not in state:
                out.append(f"no such service: {name}")
            elif state[name] == (cmd == "2"):
                out.append(f"{name} is already running" if cmd == "2" else f"{name} is not running")
            else:
                state[name] = cmd == "2"
                out.append(f"started {name}" if cmd == "2" else f"stopped {name}")
        else:
            out.append(f"invalid choice: {line.strip()}")
    out.append("bye")
    return out

# %% [markdown] course={"kind": "task", "id": "cli-menu-interactive", "item": "project-2-1-1", "points": 3}
# ### Make the menu interactive
#
# Save your `menu_session` logic in a script `menu.py` and add an interactive front end: a
# `main()` that prints the menu, reads one line at a time with `input("> ")`, prints what the
# logic answers, and stops on `q`. Typing Ctrl-D (end of input) must end the program with `bye`
# instead of a traceback. Run it, try at least one invalid choice and one unknown service, and
# paste the session below.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the program reads with `input()` in a loop and stops on `q` (a `while True` with
#   `break`, or equivalent), guarded by `if __name__ == "__main__":`.
# - 1 point: end of input (`EOFError`) is caught and ends the session politely with `bye`.
# - 1 point: the pasted session shows an invalid choice and an unknown service handled with a
#   message, not a crash; the command logic is reused, not duplicated.

# %% [markdown] course={"kind": "exercise", "id": "file-kind", "item": "project-2-1-2"}
# ### Mini-project: File Type Classifier
#
# Write `file_kind(path)` that classifies a file by the extension of its **name** (the part
# after the last `/`). The extension is the text after the name's last dot, compared without
# regard to case. A name that starts with a dot and has no other dot (`.bashrc`), has no dot at
# all (`README`), or ends with a dot (`notes.`) has no extension.
#
# | kind | extensions |
# |---|---|
# | `"image"` | png, jpg, jpeg, gif, svg, webp |
# | `"document"` | pdf, doc, docx, txt, md |
# | `"code"` | py, sh, js, ts, go, rs, java |
# | `"config"` | yaml, yml, json, toml, ini, cfg, conf |
# | `"archive"` | zip, tar, gz, tgz, bz2, xz |
# | `"unknown"` | anything else, and names without an extension |
#
# ```python
# file_kind("photos/cat.JPG")       # 'image'
# file_kind("backup.2024.tar.gz")   # 'archive'
# file_kind("releases.d/NOTES")     # 'unknown'   (the dot is in the folder, not the name)
# ```

# %% [markdown] course={"kind": "hint"}
# `path.rsplit("/", 1)[-1]` is the name. `name.rpartition(".")` splits at the last dot and
# returns `("", "", name)` when there is none.

# %% [markdown] course={"kind": "hint"}
# Or-patterns make the table a `match`: `case "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp":`.

# %% course={"kind": "solution", "equivalent": {"m-8d598a91": "any maxsplit of 1 or more leaves the file name as the last piece"}}
def file_kind(path: str) -> str:
    """Classify a file as image, document, code, config, archive or unknown by its extension."""
    ### BEGIN SOLUTION
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:  # no dot at all, or only a leading dot (.bashrc)
        return "unknown"
    match ext.lower():
        case "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp":
            return "image"
        case "pdf" | "doc" | "docx" | "txt" | "md":
            return "document"
        case "py" | "sh" | "js" | "ts" | "go" | "rs" | "java":
            return "code"
        case "yaml" | "yml" | "json" | "toml" | "ini" | "cfg" | "conf":
            return "config"
        case "zip" | "tar" | "gz" | "tgz" | "bz2" | "xz":
            return "archive"
        case _:
            return "unknown"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
cases = {"cat.png": "image", "report.pdf": "document", "deploy.sh": "code",
         "values.yaml": "config", "logs.zip": "archive", "data.parquet": "unknown"}
for path, kind in cases.items():
    assert file_kind(path) == kind, f"{path} is {kind}, got {file_kind(path)!r}"

# %% course={"kind": "test", "points": 1}
assert file_kind("photos/cat.JPG") == "image", "extensions are case-insensitive"
assert file_kind("backup.2024.tar.gz") == "archive", "only the text after the LAST dot counts"
assert file_kind("app.v2.yaml") == "config", "only the text after the LAST dot counts"
### BEGIN HIDDEN TESTS
assert file_kind("./scripts/Build.Sh") == "code", "a relative path with a mixed-case extension"
assert file_kind(".env.json") == "config", "a leading dot plus another dot: the extension is json"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for path in ("README", ".bashrc", "releases.d/NOTES", "notes."):
    assert file_kind(path) == "unknown", f"{path!r} has no extension, so it is unknown, got {file_kind(path)!r}"
### BEGIN HIDDEN TESTS
assert file_kind("config.d/.gitignore") == "unknown", "a dot file in a folder with a dot"
assert file_kind("") == "unknown", "an empty name"
assert file_kind("configs.d/.yaml") == "unknown", "look at the name only: '.yaml' is a dot file without an extension"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-first-dot", "fails": ["t2"]}
def file_kind(path):
    parts = path.split(".")
    ext = parts[1].lower() if len(parts) > 1 else ""
    kinds = {"image": "png jpg jpeg gif svg webp", "document": "pdf doc docx txt md",
             "code": "py sh js ts go rs java", "config": "yaml yml json toml ini cfg conf",
             "archive": "zip tar gz tgz bz2 xz"}
    for kind, exts in kinds.items():
        if ext in exts.split():
            return kind
    return "unknown"

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t2"]}
def file_kind(path):
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return "unknown"
    kinds = {"image": "png jpg jpeg gif svg webp", "document": "pdf doc docx txt md",
             "code": "py sh js ts go rs java", "config": "yaml yml json toml ini cfg conf",
             "archive": "zip tar gz tgz bz2 xz"}
    for kind, exts in kinds.items():
        if ext in exts.split():
            return kind
    return "unknown"

# %% [markdown] course={"kind": "exercise", "id": "solve-me-first", "item": "dsa-solve-me-first"}
# ### Problem: Add two numbers from the input (after HackerRank's *Solve Me First*)
#
# A program's standard input arrives as **text**. Write `solve_me_first(stdin_text)`: the text
# holds two whole numbers, one per line (there may be a trailing newline or stray spaces).
# Return their sum as an `int`. If the text does not hold exactly two numbers, raise
# `ValueError`.
#
# ```python
# solve_me_first("2\n3\n")     # 5
# solve_me_first("-10\n 4")    # -6
# ```

# %% [markdown] course={"kind": "hint"}
# `stdin_text.split()` splits on any whitespace, newlines included, and drops empty pieces.

# %% [markdown] course={"kind": "hint"}
# The pieces are strings: `"2" + "3"` is `"23"`. Convert each with `int()`, and check
# `len(...) != 2` first.

# %% course={"kind": "solution"}
def solve_me_first(stdin_text: str) -> int:
    """Sum of the two whole numbers in ``stdin_text``."""
    ### BEGIN SOLUTION
    words = stdin_text.split()
    if len(words) != 2:
        raise ValueError(f"expected two numbers, got {len(words)}")
    return int(words[0]) + int(words[1])
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = solve_me_first("2\n3\n")
assert result == 5 and type(result) is int, f"2 + 3 is the int 5, got {result!r} (text must be converted to numbers)"

# %% course={"kind": "test", "points": 1}
assert solve_me_first("-10\n 4") == -6, "negative numbers and stray spaces"
assert solve_me_first("1000000000\n1000000000\n") == 2000000000, "numbers with many digits"
### BEGIN HIDDEN TESTS
assert solve_me_first("0\n0") == 0, "zeros"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("5\n", "1\n2\n3\n", "", "two\n3\n"):
    try:
        solve_me_first(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} does not hold exactly two numbers: raise ValueError")

# %% course={"kind": "wrong", "id": "adds-strings", "fails": ["t1", "t2", "t3"]}
def solve_me_first(stdin_text):
    a, b = stdin_text.split()
    return a + b

# %% course={"kind": "wrong", "id": "single-characters", "fails": ["t2", "t3"]}
def solve_me_first(stdin_text):
    return int(stdin_text[0]) + int(stdin_text[2])

# %% [markdown] course={"kind": "exercise", "id": "simple-array-sum", "item": "dsa-simple-array-sum"}
# ### Problem: Sum a counted list (after HackerRank's *Simple Array Sum*)
#
# Input in programming puzzles often states a count first. Write `array_sum(stdin_text)`: the
# first line is how many numbers follow, the second line holds the numbers separated by
# spaces. Return their sum. When the count is `0` the second line may be missing. If the count
# does not match the numbers given, raise `ValueError`.
#
# ```python
# array_sum("4\n1 2 3 4\n")   # 10
# array_sum("0\n")            # 0
# array_sum("3\n1 2\n")       # ValueError: 3 numbers announced, 2 given
# ```

# %% [markdown] course={"kind": "hint"}
# `lines = stdin_text.splitlines()`; the count is `int(lines[0])`, the numbers are
# `lines[1].split()` when there is a second line and `[]` otherwise.

# %% [markdown] course={"kind": "hint"}
# Compare `len(numbers)` with the count before summing. An accumulator loop
# (`total = 0`, then `total += int(word)`) or `sum(...)` both work.

# %% course={"kind": "solution"}
def array_sum(stdin_text: str) -> int:
    """Sum of the numbers on line 2, whose count is announced on line 1."""
    ### BEGIN SOLUTION
    lines = stdin_text.splitlines()
    count = int(lines[0])
    words = lines[1].split() if len(lines) > 1 else []
    if len(words) != count:
        raise ValueError(f"{count} numbers announced, {len(words)} given")
    total = 0
    for word in words:
        total += int(word)
    return total
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = array_sum("4\n1 2 3 4\n")
assert result == 10 and type(result) is int, f"1 + 2 + 3 + 4 is the int 10 (the count itself is not summed); got {result!r}"
assert array_sum("3\n-5 10 -5") == 0, "negative numbers"

# %% course={"kind": "test", "points": 1}
assert array_sum("0\n") == 0, "no numbers: the sum is 0"
assert array_sum("1\n42\n") == 42, "one number"
### BEGIN HIDDEN TESTS
assert array_sum("0\n\n") == 0, "an empty second line is fine for a count of 0"
assert array_sum("5\n1000000000 1000000000 1000000000 1000000000 1000000000\n") == 5000000000, "large numbers"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("3\n1 2\n", "1\n1 2\n"):
    try:
        array_sum(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r}: the count does not match the numbers, raise ValueError")

# %% course={"kind": "wrong", "id": "sums-the-count", "fails": ["t1", "t2", "t3"]}
def array_sum(stdin_text):
    return sum(int(word) for word in stdin_text.split())

# %% course={"kind": "wrong", "id": "trusts-the-count", "fails": ["t2", "t3"]}
def array_sum(stdin_text):
    lines = stdin_text.splitlines()
    return sum(int(word) for word in lines[1].split())

# %% [markdown] course={"kind": "exercise", "id": "compare-triplets", "item": "dsa-compare-the-triplets"}
# ### Problem: Score the head-to-head (after HackerRank's *Compare the Triplets*)
#
# Two reviewers rated the same release on several criteria. Write `compare_scores(alice, bob)`
# that compares the ratings position by position: whoever is strictly higher at a position
# earns one point, a tie earns nothing. Return `(alice_points, bob_points)`. The two sequences
# must be the same length, otherwise raise `ValueError`.
#
# ```python
# compare_scores([5, 6, 7], [3, 6, 10])   # (1, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# `zip(alice, bob)` walks both at once. Then `if a > b: ... elif b > a: ...`: no `else`,
# because a tie scores for nobody.

# %% [markdown] course={"kind": "hint"}
# `zip` silently stops at the shorter input; compare the lengths yourself first (or use
# `zip(alice, bob, strict=True)`, which raises `ValueError` for you).

# %% course={"kind": "solution"}
def compare_scores(alice: list[int], bob: list[int]) -> tuple[int, int]:
    """Points for Alice and Bob: one per position where their rating is strictly higher."""
    ### BEGIN SOLUTION
    if len(alice) != len(bob):
        raise ValueError("both reviewers must rate the same number of criteria")
    alice_points = bob_points = 0
    for a, b in zip(alice, bob):
        if a > b:
            alice_points += 1
        elif b > a:
            bob_points += 1
    return alice_points, bob_points
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = compare_scores([5, 6, 7], [3, 6, 10])
assert result == (1, 1) and type(result) is tuple, f"one win each, one tie: the tuple (1, 1); got {result!r}"
assert compare_scores([17, 28, 30], [99, 16, 8]) == (2, 1), "Alice wins two positions, Bob one"

# %% course={"kind": "test", "points": 1}
assert compare_scores([4, 4, 4], [4, 4, 4]) == (0, 0), "ties score for nobody"
assert compare_scores([], []) == (0, 0), "no criteria, no points"
### BEGIN HIDDEN TESTS
assert compare_scores([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) == (2, 2), "any length works, not only 3"
assert compare_scores((0, -1), (-1, 0)) == (1, 1), "tuples and negative ratings work too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    compare_scores([1, 2, 3], [1, 2])
except ValueError:
    pass
else:
    raise AssertionError("different lengths must raise ValueError, not be silently cut")

# %% course={"kind": "wrong", "id": "tie-goes-to-alice", "fails": ["t1", "t2"]}
def compare_scores(alice, bob):
    if len(alice) != len(bob):
        raise ValueError("lengths differ")
    a_points = b_points = 0
    for a, b in zip(alice, bob):
        if a >= b:
            a_points += 1
        else:
            b_points += 1
    return a_points, b_points

# %% course={"kind": "wrong", "id": "zip-truncates", "fails": ["t3"]}
def compare_scores(alice, bob):
    a_points = b_points = 0
    for a, b in zip(alice, bob):
        if a > b:
            a_points += 1
        elif b > a:
            b_points += 1
    return a_points, b_points

# %% course={"kind": "wrong", "id": "returns-list", "fails": ["t1", "t2"]}
def compare_scores(alice, bob):
    if len(alice) != len(bob):
        raise ValueError("lengths differ")
    points = [0, 0]
    for a, b in zip(alice, bob):
        if a > b:
            points[0] += 1
        elif b > a:
            points[1] += 1
    return points

# %% [markdown] course={"kind": "exercise", "id": "fizzbuzz-rules", "item": "dsa-fizzbuzz"}
# ### Problem: FizzBuzz with pluggable rules (after LeetCode's *Fizz Buzz*)
#
# Write `fizzbuzz(n, rules=((3, "Fizz"), (5, "Buzz")))` that **returns** a list of `n`
# strings, one for each number `i` from 1 to `n`. For each `i`, take the words of **every**
# rule `(divisor, word)` whose divisor divides `i`, in the order the rules are given, and join
# them; if no rule applies, use `str(i)`. `n = 0` gives `[]`; a negative `n` raises
# `ValueError`.
#
# ```python
# fizzbuzz(5)                                  # ['1', '2', 'Fizz', '4', 'Buzz']
# fizzbuzz(6, ((2, "Ping"), (3, "Pong")))      # ['1', 'Ping', 'Pong', 'Ping', '5', 'PingPong']
# ```
#
# With the default rules this is the classic game, and 15 comes out as `FizzBuzz` without a
# special case for 15.

# %% [markdown] course={"kind": "hint"}
# For each `i`, build `word = ""`, then `for divisor, text in rules: if i % divisor == 0:
# word += text`. Afterwards `word or str(i)` picks the number when no rule matched.

# %% [markdown] course={"kind": "hint"}
# Do not stop at the first matching rule (`break` or `elif`): 15 needs both words.

# %% course={"kind": "solution"}
def fizzbuzz(n: int, rules: tuple[tuple[int, str], ...] = ((3, "Fizz"), (5, "Buzz"))) -> list[str]:
    """FizzBuzz from 1 to n, with the words given by ``rules``."""
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("n must not be negative")
    answer = []
    for i in range(1, n + 1):
        word = ""
        for divisor, text in rules:
            if i % divisor == 0:
                word += text
        answer.append(word or str(i))
    return answer
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
expected = ["1", "2", "Fizz", "4", "Buzz", "Fizz", "7", "8", "Fizz", "Buzz", "11", "Fizz", "13", "14", "FizzBuzz"]
got = fizzbuzz(15)
assert got == expected, f"got {got}"

# %% course={"kind": "test", "points": 2}
got = fizzbuzz(6, ((2, "Ping"), (3, "Pong")))
assert got == ["1", "Ping", "Pong", "Ping", "5", "PingPong"], f"custom rules: got {got}"
### BEGIN HIDDEN TESTS
three = fizzbuzz(105, ((3, "Fizz"), (5, "Buzz"), (7, "Bazz")))
assert three[104] == "FizzBuzzBazz" and three[20] == "FizzBazz" and three[34] == "BuzzBazz", "three rules combine"
assert fizzbuzz(6, ((3, "Pong"), (2, "Ping")))[5] == "PongPing", "words follow the order of the rules"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert fizzbuzz(0) == [], "n = 0 gives an empty list"
assert fizzbuzz(3, ()) == ["1", "2", "3"], "no rules: just the numbers"
try:
    fizzbuzz(-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative n must raise ValueError")

# %% course={"kind": "wrong", "id": "first-rule-wins", "fails": ["t1", "t2"]}
def fizzbuzz(n, rules=((3, "Fizz"), (5, "Buzz"))):
    if n < 0:
        raise ValueError(n)
    answer = []
    for i in range(1, n + 1):
        word = str(i)
        for divisor, text in rules:
            if i % divisor == 0:
                word = text
                break
        answer.append(word)
    return answer

# %% course={"kind": "wrong", "id": "ignores-rules", "fails": ["t2", "t3"]}
def fizzbuzz(n, rules=((3, "Fizz"), (5, "Buzz"))):
    if n < 0:
        raise ValueError(n)
    answer = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            answer.append("FizzBuzz")
        elif i % 3 == 0:
            answer.append("Fizz")
        elif i % 5 == 0:
            answer.append("Buzz")
        else:
            answer.append(str(i))
    return answer

# %% [markdown] course={"kind": "exercise", "id": "count-ones", "item": "dsa-number-of-1-bits"}
# ### Problem: Count the set bits (after LeetCode's *Number of 1 Bits*)
#
# Unix file permissions, feature-flag masks and network masks are all numbers whose **bits**
# mean something. Write `count_ones(n)` that returns how many 1s there are in the binary form
# of a non-negative integer `n` (of any size). A negative `n` has no finite binary form in
# Python (`-1` is "infinitely many 1s"), so raise `ValueError` for it.
#
# ```python
# count_ones(11)          # 3     (11 is 0b1011)
# count_ones(0o755)       # 7     (rwxr-xr-x: seven permission bits set)
# count_ones(2**64 - 1)   # 64
# ```

# %% [markdown] course={"kind": "hint"}
# Look at the lowest bit with `n & 1` (or `n % 2`), then drop it with `n >>= 1`, until `n` is 0.

# %% [markdown] course={"kind": "hint"}
# A neat trick: `n & (n - 1)` clears the lowest 1 bit, so counting how many times you can do
# that before `n` becomes 0 takes one step per 1 bit.

# %% course={"kind": "solution"}
def count_ones(n: int) -> int:
    """Number of 1 bits in the binary form of a non-negative integer."""
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("negative numbers have no finite binary form")
    count = 0
    while n:
        n &= n - 1  # clear the lowest set bit
        count += 1
    return count
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert count_ones(11) == 3, "11 is 0b1011: three 1 bits"
assert count_ones(128) == 1, "128 is 0b10000000"
assert count_ones(0o755) == 7, "rwxr-xr-x (0b111101101) has seven bits set"

# %% course={"kind": "test", "points": 1}
assert count_ones(0) == 0, "0 has no 1 bits"
assert count_ones(1) == 1, "1 is a single 1 bit: do not lose the last bit"
assert count_ones(2**64 - 1) == 64, "Python ints are not limited to 32 or 64 bits"
### BEGIN HIDDEN TESTS
assert count_ones(2**100) == 1 and count_ones(2**200 - 1) == 200, "very large numbers"
assert all(count_ones(k) == bin(k).count("1") for k in range(2048)), "check every n below 2048"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    count_ones(-5)
except ValueError:
    pass
else:
    raise AssertionError("a negative number must raise ValueError")

# %% course={"kind": "wrong", "id": "loses-last-bit", "fails": ["t1", "t2"]}
def count_ones(n):
    if n < 0:
        raise ValueError(n)
    count = 0
    while n > 1:
        count += n & 1
        n >>= 1
    return count

# %% course={"kind": "wrong", "id": "bin-without-check", "fails": ["t3"]}
def count_ones(n):
    return bin(n).count("1")

# %% [markdown] course={"kind": "answer", "question": "q-what-is-short-circuit-evaluation"}
# `and` and `or` evaluate their right-hand side only when they need it. `a and b` stops at a
# falsy `a` and returns it; `a or b` stops at a truthy `a` and returns it. Chained comparisons
# stop at the first false link too. It matters for correctness (`if user and user.is_admin`
# never touches an attribute of `None`) and for cost (put the cheap, most often decisive test
# first, so the expensive one runs only when needed).

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-is-vs"}
# `==` asks "equal value?" and can be customised by a class with `__eq__`; `is` asks "the very
# same object?" and cannot be overridden. Use `is` for singletons (`None`, and sentinel objects
# you create yourself), and `==` for everything else: numbers, strings, lists, enums compared
# by value. `x is 1000` or `name is "prod"` may happen to work because of caching and interning
# in CPython, but it is an implementation detail and Python warns about it with a
# `SyntaxWarning`.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-evaluate-chained"}
# `a < b < c` means `a < b and b < c`, with `b` evaluated only once, evaluated left to right and
# stopping at the first comparison that is false. It works for any comparison operators, so
# `a == b == c` tests that all three are equal and `0 <= i < len(items)` is a bounds check. It
# also means `1 < 3 > 2` is true, which is why chains should stay in one direction.

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-match-case-statement"}
# `match` (Python 3.10+) takes one subject and tries each `case` pattern in order, running the
# first one that matches. Patterns test **structure** and **bind names**: literals compare
# values, a bare name captures, `_` matches anything, sequence and mapping patterns look inside
# lists and dicts, class patterns check `isinstance` and attributes, `|` gives alternatives, and
# an `if` guard adds a condition. It is not a C-style switch: there is no fall-through, and a
# bare name like `case PROD:` captures instead of comparing, so constants need a dotted name.

# %% course={"kind": "trap", "trap": "trap-using-is-to-compare-values-instead-of"}
# `is` checks identity. Equal values are often different objects, so `is` gives answers that
# depend on how the value was made.
expected = "prod"
from_config = "".join(["pr", "od"])  # the same text, built at run time
print("== :", from_config == expected)
print("is :", from_config is expected)

big = 10**6
parsed = int("1000000")
print("1000000 == int('1000000'):", big == parsed, "| is:", big is parsed)

# %% course={"kind": "trap", "trap": "trap-forgetting-that-and-or-return-values-not"}
# `and`/`or` hand back one of their operands, which can be any type.
print(repr("" or "default"), repr(["a"] or ["b"]), repr(0 and "never"), repr(None or 0))

# The classic bug: `or` as a default replaces a valid 0 as well as a missing value.
for configured in (5, 0, None):
    with_or = configured or 3
    with_is_none = configured if configured is not None else 3
    print(f"configured retries={configured!r:5}  `or` gives {with_or}  `is None` gives {with_is_none}")

# %% course={"kind": "trap", "trap": "trap-not-leveraging-short-circuit-evaluation"}
# Ordering the operands of `and` decides how often the expensive check runs.
calls = {"expensive": 0}


def expensive_check(host: str) -> bool:
    calls["expensive"] += 1  # imagine a network probe
    return host.endswith("1")


hosts = [f"web-{i}" for i in range(100)]
in_maintenance = {f"web-{i}" for i in range(0, 100, 10)}

slow = [h for h in hosts if expensive_check(h) and h in in_maintenance]
print("expensive first:", calls["expensive"], "probes")
calls["expensive"] = 0
fast = [h for h in hosts if h in in_maintenance and expensive_check(h)]
print("cheap first:    ", calls["expensive"], "probes, same answer:", slow == fast)

# %% course={"kind": "trap", "trap": "trap-deep-nesting-when-guard-clauses-would-be"}
# Two versions of the same rule. Same answers, very different amount of indentation to follow.
nested_src = (
    "def can_deploy(user, env, frozen):\n"
    "    if user is not None:\n"
    "        if user.get('active'):\n"
    "            if env != 'prod' or 'admin' in user.get('roles', []):\n"
    "                if not frozen:\n"
    "                    return True\n"
    "    return False\n"
)
guarded_src = (
    "def can_deploy(user, env, frozen):\n"
    "    if user is None or not user.get('active'):\n"
    "        return False\n"
    "    if frozen:\n"
    "        return False\n"
    "    return env != 'prod' or 'admin' in user.get('roles', [])\n"
)
versions = {}
for label, src in (("nested", nested_src), ("guard clauses", guarded_src)):
    ns: dict = {}
    exec(src, ns)
    versions[label] = ns["can_deploy"]
    depth = max((len(line) - len(line.lstrip())) // 4 for line in src.splitlines())
    print(f"{label:14} deepest indentation: {depth} levels")

cases = [(None, "dev", False), ({"active": True}, "dev", False), ({"active": True}, "prod", False),
         ({"active": True, "roles": ["admin"]}, "prod", True), ({"active": False}, "dev", False)]
print("same answers:", all(versions["nested"](*c) == versions["guard clauses"](*c) for c in cases))
