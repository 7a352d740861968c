# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write pytest suites that catch real bugs: plain `assert`s, fixtures with
# teardown, parametrized edge cases with readable ids, markers, `raises`/`warns`/`approx`, shared `conftest.py`,
# and you can judge a suite by what it catches (planted bugs, coverage, order independence), not by how green it is.

# %% course={"kind": "setup", "id": "runner"}
# Every demo and exercise runs real pytest, in this kernel, on files written to a temporary folder (or on a
# test class written in a cell): `run_files({...})`, `run_class(TestX, given={...})` and
# `run_variants(TestX, "fixture", {"correct": ..., "bug": ...})` return each test's outcome as data.
import re
import sqlite3
import sys
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from course.runtime.pytester import Report, run_class, run_files, run_variants


def show(report: Report) -> None:
    """One line per test (name and outcome), then the tally: a readable summary of a pytest run."""
    for outcome in report.outcomes:
        print(f"{outcome.outcome:8} {outcome.name}")
    print("exit code", report.exit_code, report.counts())


def failures(report: Report) -> str:
    """Each test that failed or errored with pytest's first `E` line for it (or its last line), and any file that
    did not import: why a suite is not green, in one line for an assertion message."""
    def first_e(text: str) -> str:
        lines = text.strip().splitlines() or [""]
        return next((line[1:].strip() for line in lines if line.startswith("E ")), lines[-1])

    why = [f"{o.name}: {first_e(o.message)}" for o in report.outcomes if o.outcome in ("failed", "error")]
    return "; ".join(why + [f"{e.split(':', 1)[0]}: {first_e(e)}" for e in report.errors]) or "no test ran"


def verdicts(reports: dict[str, Report]) -> dict[str, str]:
    """For run_variants: "green" or "caught" (or "broken") per variant, to read in an assertion message."""
    return {k: "green" if r.green else "caught" if r.caught else "broken" for k, r in reports.items()}


# %% course={"kind": "setup", "id": "given-code"}
# The code under test in the exercises: each correct version, and the bugs your tests must catch.
def parse_duration(text: str) -> int:
    """'1h30m' -> 5400. Units h, m, s in that order, each optional (at least one), any case, spaces around."""
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text.strip().lower())
    if match is None or not text.strip():
        raise ValueError(f"not a duration: {text!r}")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _duration_bug(kind: str) -> Any:
    def parse(text: str) -> Any:
        cleaned = text if kind == "no-strip" else text.strip()
        cleaned = cleaned if kind == "case-sensitive" else cleaned.lower()
        if kind == "bare-number" and cleaned.isdigit():
            return int(cleaned)  # "5" taken as 5 seconds
        number = r"(-?\d+)" if kind == "negative-ok" else r"(\d+)"
        match = re.fullmatch(rf"(?:{number}h)?(?:{number}m)?(?:{number}s)?", cleaned)
        if kind == "any-order" and re.fullmatch(r"(?:\d+[hms])+", cleaned):
            units = {unit: int(n) for n, unit in re.findall(r"(\d+)([hms])", cleaned)}  # "30m1h" accepted
            return units.get("h", 0) * 3600 + units.get("m", 0) * 60 + units.get("s", 0)
        if match is None or (not cleaned and kind != "empty-is-zero"):
            error = TypeError if kind == "wrong-type" else ValueError
            raise error("bad input" if kind == "vague-error" else f"not a duration: {text!r}")
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        total = hours * (60 if kind == "hours-as-minutes" else 3600) + minutes * (100 if kind == "minutes-100" else 60)
        total += seconds
        return float(total) if kind == "float-result" else total

    return parse


DURATION_BUGS = {k: _duration_bug(k) for k in ("minutes-100", "hours-as-minutes", "float-result", "empty-is-zero",
                                                 "vague-error", "case-sensitive", "no-strip", "bare-number",
                                                 "any-order", "negative-ok", "wrong-type")}


def two_sum(nums: list[int], target: int) -> tuple[int, int] | None:
    """Indices (i, j), i < j, of two different elements adding up to target, or None."""
    seen: dict[int, int] = {}
    for j, x in enumerate(nums):
        if target - x in seen:
            return (seen[target - x], j)
        seen[x] = j
    return None


def _reuses_element(nums: list[int], target: int) -> tuple[int, int] | None:
    seen: dict[int, int] = {}
    for j, x in enumerate(nums):
        seen[x] = j  # stored before the look-up: x can pair with itself
        if target - x in seen:
            return (seen[target - x], j)
    return None


def _reversed_pair(nums: list[int], target: int) -> tuple[int, int] | None:
    found = two_sum(nums, target)
    return None if found is None else (found[1], found[0])


def _empty_tuple(nums: list[int], target: int) -> Any:
    found = two_sum(nums, target)
    return () if found is None else found


def _skips_big(nums: list[int], target: int) -> tuple[int, int] | None:
    seen: dict[int, int] = {}
    for j, x in enumerate(nums):
        if x > target:  # "too big to be part of the sum": wrong once negatives exist
            continue
        if target - x in seen:
            return (seen[target - x], j)
        seen[x] = j
    return None


def _falsy_index(nums: list[int], target: int) -> tuple[int, int] | None:
    seen: dict[int, int] = {}
    for j, x in enumerate(nums):
        if seen.get(target - x):  # index 0 is falsy: a pair that starts at 0 is missed
            return (seen[target - x], j)
        seen[x] = j
    return None


def _last_pair(nums: list[int], target: int) -> tuple[int, int] | None:
    seen: dict[int, int] = {}
    found = None
    for j, x in enumerate(nums):
        if target - x in seen:
            found = (seen[target - x], j)  # keeps looking: the last pair wins, not the first
        seen[x] = j
    return found


def _smallest_i(nums: list[int], target: int) -> tuple[int, int] | None:
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return (i, j)  # the pair with the smallest i, not the smallest j
    return None


TWO_SUM_BUGS = {"reuses-element": _reuses_element, "reversed-pair": _reversed_pair, "empty-tuple": _empty_tuple,
                "skips-big": _skips_big, "falsy-index": _falsy_index, "last-pair": _last_pair,
                "smallest-i": _smallest_i}


class LRUCache:
    """At most `capacity` keys; get(key) -> value or -1; a get or put makes a key the most recent;
    a put of a new key into a full cache first drops the least recently used key."""

    def __init__(self, capacity: int, bug: str = "") -> None:
        self.capacity, self.bug, self.items = capacity, bug, OrderedDict[Any, Any]()

    def get(self, key: Any) -> Any:
        if key not in self.items:
            return -1
        if self.bug != "get-no-refresh":
            self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: Any, value: Any) -> None:
        if key in self.items:
            if self.bug == "update-evicts" and len(self.items) >= self.capacity:
                del self.items[next(k for k in self.items if k != key)]  # as if a new key came in
            if self.bug != "update-no-refresh":
                self.items.move_to_end(key)
        self.items[key] = value
        limit = self.capacity + (1 if self.bug == "one-extra" else 0)
        if len(self.items) > limit:
            self.items.popitem(last=self.bug == "evicts-newest")


def _lru_bug(kind: str) -> Any:
    return lambda capacity: LRUCache(capacity, bug=kind)


LRU_BUGS = {k: _lru_bug(k) for k in ("evicts-newest", "get-no-refresh", "update-no-refresh", "one-extra",
                                      "update-evicts")}

SCHEMA = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"


class UserStore:
    """Users in SQLite: add(name) -> new id (1, 2, ...); get(id) -> name or None; count() -> int.
    A name already there raises sqlite3.IntegrityError."""

    def __init__(self, conn: sqlite3.Connection, bug: str = "") -> None:
        self.conn, self.bug = conn, bug

    def add(self, name: str) -> int:
        verb = "INSERT OR IGNORE" if self.bug == "ignores-duplicates" else "INSERT"
        cursor = self.conn.execute(f"{verb} INTO users (name) VALUES (?)", (name,))
        self.conn.commit()
        return int(cursor.lastrowid or 0) - (1 if self.bug == "ids-from-zero" else 0)

    def get(self, user_id: int) -> str | None:
        row = self.conn.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()
        if row:
            return row if self.bug == "row-not-name" else row[0]
        return "" if self.bug == "missing-is-empty" else None

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM users").fetchone()[0])


def _store_bug(kind: str) -> Any:
    return lambda conn: UserStore(conn, bug=kind)


STORE_BUGS = {k: _store_bug(k) for k in ("ids-from-zero", "missing-is-empty", "ignores-duplicates", "row-not-name")}


class ConnectionLog:
    """connect(path) opens a real sqlite3 connection and remembers it (and its path)."""

    def __init__(self) -> None:
        self.opened: list[tuple[Path, sqlite3.Connection]] = []

    def connect(self, path: Any) -> sqlite3.Connection:
        conn = sqlite3.connect(path)
        self.opened.append((Path(path), conn))
        return conn

    def still_open(self) -> list[Path]:
        left = []
        for path, conn in self.opened:
            try:
                conn.execute("SELECT 1")
            except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
                continue
            left.append(path)
            conn.close()
        return left


def chunked(items: list[Any], size: int) -> list[list[Any]]:
    """Split a list into lists of `size` items (the last may be shorter); size < 1 raises ValueError."""
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    return [items[i : i + size] for i in range(0, len(items), size)]


def _drops_tail(items: list[Any], size: int) -> list[list[Any]]:
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[i : i + size] for i in range(0, len(items) - size + 1, size)]


def _empty_chunk(items: list[Any], size: int) -> list[list[Any]]:
    return chunked(items, size) or [[]]


def _negative_ok(items: list[Any], size: int) -> list[list[Any]]:
    if size == 0:
        raise ValueError("size must not be 0")
    return [items[i : i + size] for i in range(0, len(items), size)] if size > 0 else []


def _tuples(items: list[Any], size: int) -> Any:
    return [tuple(chunk) for chunk in chunked(items, size)]


def _last_gets_rest(items: list[Any], size: int) -> list[list[Any]]:
    chunks = chunked(items, size)
    if len(chunks) > 1 and len(chunks[-1]) < size:  # "merge the short tail into the previous chunk"
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    return chunks


def _short_list_empty(items: list[Any], size: int) -> list[list[Any]]:
    return [] if len(items) < size else chunked(items, size)  # "not enough items for one chunk"


CHUNK_BUGS = {"drops-tail": _drops_tail, "empty-chunk": _empty_chunk, "negative-ok": _negative_ok,
              "tuples": _tuples, "merges-tail": _last_gets_rest, "short-list-empty": _short_list_empty}


class Inventory:
    """Units in stock per SKU: add(sku, n) (n >= 1), remove(sku, n) (ValueError if fewer in stock), total()."""

    def __init__(self, bug: str = "") -> None:
        self.stock: dict[str, int] = {}
        self.bug = bug

    def add(self, sku: str, n: int) -> None:
        if n < 1:
            raise ValueError(f"add at least one unit, not {n}")
        self.stock[sku] = n if self.bug == "add-replaces" else self.stock.get(sku, 0) + n

    def remove(self, sku: str, n: int) -> None:
        have = self.stock.get(sku, 0)
        too_many = {"remove-below-zero": False, "unknown-only": sku not in self.stock, "off-by-one": have < n - 1,
                    "refuses-all": have <= n}.get(self.bug, have < n)
        if too_many:
            raise ValueError(f"only {have} of {sku} in stock")
        self.stock[sku] = have + n if self.bug == "remove-adds" else have - n

    def total(self) -> int:
        return len(self.stock) if self.bug == "total-skus" else sum(self.stock.values())


INVENTORY_BUGS = {k: (lambda kind: lambda: Inventory(bug=kind))(k) for k in (
    "add-replaces", "remove-below-zero", "total-skus", "remove-adds", "unknown-only", "off-by-one", "refuses-all")}

class ClientError(Exception):
    """The server said the request itself is wrong (4xx): retrying cannot help."""


class ServiceError(Exception):
    """The server kept failing (5xx or timeouts) after every retry."""


def fetch_json(get: Any, url: str, *, retries: int = 2, sleep: Any = None, timeout: float = 2.0) -> Any:
    """get(url, timeout=...) -> (status, body) or raises TimeoutError. 2xx: the parsed JSON body; 4xx: ClientError
    at once; 5xx or a timeout: sleep 0.5, 1.0, 2.0 ... seconds and try again, at most `retries` more times, then
    ServiceError."""
    return _fetch(get, url, retries=retries, sleep=sleep, timeout=timeout)


def _fetch(get: Any, url: str, *, retries: int, sleep: Any, timeout: float, bug: str = "") -> Any:
    import json
    import time

    sleep = sleep or time.sleep
    attempts = retries + (0 if bug == "one-retry-short" else 1)
    for attempt in range(attempts):
        try:
            status, body = get(url) if bug == "timeout-not-passed" else get(url, timeout=2.0 if bug == "timeout-fixed" else timeout)
        except TimeoutError:
            if bug == "timeout-not-retried":
                raise
            status, body = None, ""
        if status is not None and (status == 200 if bug == "only-200" else 200 <= status < 300):
            return body if bug == "raw-body" else json.loads(body)
        if status is not None and (401 if bug == "400-retried" else 400) <= status < 500 and bug != "retries-4xx":
            raise ClientError(f"{url}: {status}")
        if bug == "gateway-only" and status is not None and status not in (502, 503, 504):
            raise ServiceError(f"{url}: {status}")  # retries only 502, 503 and 504, not every 5xx
        if attempt + 1 < attempts:
            sleep(0.5 if bug == "no-backoff" else 0.5 * 2**attempt)
    if bug == "retries-4xx" and status is not None and 400 <= status < 500:
        raise ClientError(f"{url}: {status}")
    raise ServiceError(f"{url}: still failing after {attempts} attempts")


def _fetch_bug(kind: str) -> Any:
    def fetch(get: Any, url: str, *, retries: int = 2, sleep: Any = None, timeout: float = 2.0) -> Any:
        return _fetch(get, url, retries=retries, sleep=sleep, timeout=timeout, bug=kind)

    return fetch


FETCH_BUGS = {k: _fetch_bug(k) for k in ("retries-4xx", "timeout-not-retried", "one-retry-short", "no-backoff",
                                          "raw-body", "timeout-not-passed", "timeout-fixed", "only-200", "400-retried",
                                          "gateway-only")}

# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-testing-fundamentals", "c-why-test", "c-test-pyramid-unit-integration-e2e", "c-test-driven-development-tdd", "c-behavior-driven-development-bdd"]}
# ### Why test, and which tests
#
# A test is a small program that states what your code must do and checks it, every time, in seconds. For an
# engineer who ships automation, a deploy script or a feature pipeline, tests are what lets you change code on a
# Friday: the change either keeps every promise the tests state or a red line names the one it broke.
#
# The **test pyramid** is about cost. Many **unit** tests at the bottom (one function or class, no network, each
# in milliseconds), fewer **integration** tests in the middle (your code with a real database, a real HTTP
# server on 127.0.0.1), a handful of **end-to-end** tests at the top (the deployed system, a browser, a real
# cloud account): the higher, the slower, the flakier, the harder to tell *where* the bug is.
#
# **TDD** (test-driven development) writes the test first, watches it fail (red), writes the least code that
# passes (green), then cleans up (refactor). **BDD** (behaviour-driven development) writes the same idea in the
# words of the business: *given* a state, *when* an action, *then* an outcome (tools such as `behave` or
# `pytest-bdd` run such sentences); in plain pytest, name tests after the behaviour and lay out their body in
# those three steps.
#
# The one thing people get wrong: a test that has never failed proves nothing. Below, one TDD step: the test
# exists before the code, fails for the right reason, then passes.

# %% course={"kind": "demo"}
tdd_test = """
from slug import slugify

def test_given_a_title_when_slugified_then_lowercase_words_joined_by_dashes():
    assert slugify("Deploy  Notes 2024") == "deploy-notes-2024"
"""
red = run_files({"slug.py": "def slugify(title):\n    raise NotImplementedError\n", "test_slug.py": tdd_test})
green = run_files({"slug.py": "def slugify(title):\n    return '-'.join(title.lower().split())\n",
                   "test_slug.py": tdd_test})
print("red:  ", red.by_outcome("failed"), red.outcomes[0].message.splitlines()[-1])
print("green:", green.by_outcome("passed"))

# %% [markdown] course={"kind": "lesson", "id": "basics", "covers": ["c-pytest-basics", "c-test-discovery", "c-test-functions-and-naming-conventions", "c-assertions-6aeb6d", "c-running-tests", "c-test-output-and-verbosity"]}
# ### pytest basics: discovery, names, `assert`, running, output
#
# pytest **discovers** tests by name: in the folders you give it (default: the current one) it imports files named
# `test_*.py` or `*_test.py`, and in them collects functions named `test*` and methods named `test*` of classes
# named `Test*` (without an `__init__`). Nothing else runs, which is the usual reason a test "passes": it was
# never collected. You run it with `pytest` (or `python -m pytest`, which also puts the current folder on
# `sys.path`); `pytest path/test_x.py::test_name` runs one test, `-k "expr"` selects by name, `-x` stops at the
# first failure, `-q` / `-v` make the report shorter or longer, `-ra` lists why tests were skipped or failed.
#
# You write checks with the plain `assert` statement. pytest rewrites the asserts of test modules when it imports
# them, so a failure shows the values on both sides (and a diff for lists, dicts and strings) without
# `assertEqual` helpers. Its exit code is what CI reads: 0 all passed, 1 some failed, 5 nothing collected.

# %% course={"kind": "demo"}
found = run_files({
    "test_names.py": """
        def test_counted(): assert True
        def check_not_counted(): assert False
        class TestGroup:
            def test_method(self): assert True
        class Helper:
            def test_ignored(self): assert False
    """,
    "names_test.py": "def test_other_pattern(): assert True\n",
    "helpers.py": "def test_not_a_test_file(): assert False\n",
})
show(found)
failing = run_files({"test_diff.py": "def test_config():\n    assert {'replicas': 3, 'image': 'api:1.4'} == {'replicas': 2, 'image': 'api:1.4'}\n"})
print([line for line in failing.outcomes[0].message.splitlines() if "replicas" in line][-1])
print("nothing collected -> exit code", run_files({"test_empty.py": "x = 1\n"}).exit_code)

# %% [markdown] course={"kind": "text"}
# What `-v` prints is one line per test with its outcome; `-q` prints dots. The line counts differ; the verdict
# (exit code and outcomes) does not, which is why scripts and CI read the exit code, never the wording:

# %% course={"kind": "demo"}
for flag in ("-q", "-v"):
    quiet_or_verbose = run_files({"test_two.py": "def test_a(): pass\ndef test_b(): pass\n"}, flag)
    print(flag, "exit", quiet_or_verbose.exit_code, "| lines printed:", len(quiet_or_verbose.output.splitlines()))

# %% [markdown] course={"kind": "lesson", "id": "features", "covers": ["c-pytest-features", "c-fixtures-pytest-fixture", "c-fixture-scopes-function-class-module", "c-fixture-dependencies", "c-conftest-py", "c-parametrized-tests-pytest-mark", "c-markers-pytest-mark-skip-pytest-mark", "c-custom-markers"]}
# ### Fixtures, parametrize and markers
#
# A **fixture** is a function marked `@pytest.fixture` that prepares something a test needs; a test asks for it by
# naming it as a parameter, and pytest calls the fixture first and passes its result. With `yield` instead of
# `return`, the code after the `yield` is the **teardown**, and it runs even when the test fails. Fixtures can ask
# for other fixtures (**dependencies**: a `store` fixture asks for `db`), and pytest ships useful ones:
# `tmp_path` (a fresh folder per test), `monkeypatch` (set an attribute or environment variable for one test,
# undone afterwards), `capsys`, `caplog`. A fixture that returns a function is a **factory**: the test builds as
# many objects as it needs.
#
# The **scope** says how often a fixture is made: `function` (default, once per test), `class`, `module`,
# `package` or `session` (once per run). A wider scope is faster and *shared*: one test's changes leak into the
# next, which is what people get wrong. Fixtures in a **`conftest.py`** are visible to every test file in its
# folder and below, with no import.
#
# `@pytest.mark.parametrize("a,b", [...], ids=[...])` runs one test once per case, each case named by its id.
# **Markers** label tests: `skip` (never run, with a reason), `skipif(condition, reason=...)`, `xfail` (expected to
# fail: a failure is reported as *xfailed*, a pass as *xpassed*, and with `strict=True` a pass fails the run).
# **Custom markers** (`@pytest.mark.slow`) are yours: declare them in the configuration and select with
# `-m "not slow"`.
#
# Below: one `server` for the module, a fresh `client` per test (it depends on `server`), each teardown right after
# its test, the failing test's included; a session fixture prints the record at the very end.

# %% course={"kind": "demo"}
order = run_files({
    "conftest.py": """
        import pytest
        EVENTS = []
        @pytest.fixture(scope="module")
        def server():
            EVENTS.append("server up"); yield "srv"; EVENTS.append("server down")
        @pytest.fixture
        def client(server):
            EVENTS.append("client made"); yield server; EVENTS.append("client closed")
        @pytest.fixture(scope="session", autouse=True)
        def report():
            yield
            print("EVENTS", EVENTS)
    """,
    "test_api.py": """
        def test_one(client): pass
        def test_two(client): assert False
        def test_three(client): pass
    """,
}, "-s")
line = next(line for line in order.output.splitlines() if "EVENTS" in line)
print(order.by_outcome("failed"), line[line.index("EVENTS"):])

# %% course={"kind": "demo"}
marked = run_files({
    "pytest.ini": "[pytest]\nmarkers =\n    slow: takes more than a second\n",
    "test_marks.py": """
        import sys
        import pytest

        @pytest.mark.parametrize("text,expected", [("", 0), ("a b", 2), ("  a  ", 1)], ids=["empty", "two", "spaces"])
        def test_words(text, expected):
            assert len(text.split()) == expected

        @pytest.mark.skip(reason="needs a GPU")
        def test_training(): ...

        @pytest.mark.skipif(sys.version_info < (3, 11), reason="needs 3.11")
        def test_new_syntax(): ...

        @pytest.mark.xfail(reason="known bug #12")
        def test_known_bug(): assert 0.1 + 0.2 == 0.3

        @pytest.mark.xfail(strict=True, reason="should fail, but passes: strict makes that an error")
        def test_fixed_bug(): assert True

        @pytest.mark.slow
        def test_big_download(): ...
    """,
}, "-m", "not slow")
show(marked)

# %% [markdown] course={"kind": "lesson", "id": "assertions", "covers": ["c-assertions-10c22b", "c-basic-assertions", "c-exception-testing-pytest-raises", "c-warning-testing-pytest-warns", "c-approximate-comparisons-pytest-approx"]}
# ### Assertions: values, errors, warnings, floats
#
# Basic assertions compare exact values and types: `assert result == 5400` also passes for `5400.0` (they are
# equal), so add `assert type(result) is int` when the type is part of the promise. `with pytest.raises(ValueError,
# match="duration"):` passes only if the block raises that exception (or a subclass) and its message matches the
# regular expression (`re.search`); without `match`, *any* `ValueError` passes, including one raised for a
# different reason. `pytest.warns(DeprecationWarning, match=...)` does the same for warnings. Floats are compared
# with `pytest.approx` (relative tolerance 1e-6 by default), never with `==`.

# %% course={"kind": "demo"}
print(0.1 + 0.2 == 0.3, 0.1 + 0.2 == pytest.approx(0.3), [0.1 + 0.2, 1.0] == pytest.approx([0.3, 1.0]))
with pytest.raises(ValueError, match=r"not a duration") as caught:
    parse_duration("soon")
print(type(caught.value).__name__, caught.value)
try:
    with pytest.raises(ValueError, match="negative"):
        parse_duration("soon")
except AssertionError as error:  # a message that does not match fails the block with AssertionError
    print("match failed:", str(error).splitlines()[0])
with pytest.warns(DeprecationWarning, match="v2"):
    warnings.warn("use the v2 API", DeprecationWarning, stacklevel=1)
print(5400 == 5400.0, type(5400.0) is int)

# %% [markdown] course={"kind": "lesson", "id": "organization", "covers": ["c-test-organization", "c-test-file-structure", "c-test-classes", "c-setup-and-teardown"]}
# ### Organising tests
#
# Keep tests in a `tests/` folder next to the package (`src/app/...`, `tests/unit/`, `tests/integration/`),
# one test file per module under test, shared fixtures in `tests/conftest.py` and narrower ones in the
# subfolders' own `conftest.py`. A **test class** (`class TestParser:`) groups tests about one thing; it has no
# `__init__`, and pytest makes a **new instance for every test**, so attributes set in one test are gone in the
# next. Setup and teardown belong in fixtures (`yield`); the xunit-style methods `setup_method` /
# `teardown_method` (and `setup_module`, `setup_class`) also work and are common in older suites.

# %% course={"kind": "demo"}
grouped = run_files({
    "test_classes.py": """
        import pytest

        class TestCounter:
            def setup_method(self):
                self.items = []               # fresh before every test

            def test_add(self):
                self.items.append(1)
                assert self.items == [1]

            def test_still_empty(self):
                assert self.items == []       # a new instance: test_add's item is gone

            def test_instances_differ(self):
                assert id(self) != getattr(type(self), "last_id", None)
                type(self).last_id = id(self)
    """,
    "tests/unit/conftest.py": "import pytest\n@pytest.fixture\ndef answer():\n    return 42\n",
    "tests/unit/test_deep.py": "def test_uses_conftest(answer):\n    assert answer == 42\n",
    "tests/other/test_blind.py": "def test_no_fixture_here(answer):\n    pass\n",
})
show(grouped)

# %% [markdown] course={"kind": "lesson", "id": "plugins", "covers": ["c-pytest-plugins", "c-pytest-cov-coverage", "c-pytest-xdist-parallel-execution", "c-pytest-asyncio-async-testing", "c-pytest-mock-mocking", "c-pytest-benchmark-performance-testing"]}
# ### Plugins: coverage, parallel runs, async, mocks, benchmarks (and property-based tests)
#
# pytest's features are plugins, and more install with pip; each registers itself when installed (which is also
# why two machines with different plugins can run the same suite differently: pin them in your dev dependencies).
#
# | plugin | what it adds | typical command |
# |---|---|---|
# | `pytest-cov` | runs `coverage.py` around the tests: which lines ran, which never did | `pytest --cov=app --cov-report=term-missing --cov-fail-under=90` |
# | `pytest-xdist` | runs tests in several worker processes | `pytest -n auto` (one worker per CPU) |
# | `pytest-asyncio` | runs `async def` tests in an event loop | `@pytest.mark.asyncio` on the test, or `asyncio_mode = auto` |
# | `pytest-mock` | the `mocker` fixture: `unittest.mock.patch` undone after each test | `mocker.patch("app.client.send")` |
# | `pytest-benchmark` | the `benchmark` fixture: times a call over many rounds, compares runs | `benchmark(parse, text)` |
#
# None of these five is installed with this course: here we *measure* coverage ourselves (the exercise
# "covered lines" builds the core of it with `sys.settrace`), we run suites in reversed order to find the shared
# state that breaks under `xdist`, and we use pytest's built-in `monkeypatch` where `mocker` would go (section
# 14.2 is about mocks). The one thing people get wrong with `xdist`: tests that pass one after another can fail
# in parallel, because each worker has its own process (module globals are not shared) and the order is not yours.
#
# Without an async plugin, pytest does not run an `async def` test at all: it fails it with a hint (pytest 8.4
# and later; older versions skipped it with a warning). And one tool beyond the list that finds the edge cases you
# did not think of: **hypothesis** generates inputs for a *property* (`@given(st.integers())`) and, when one fails,
# shrinks it to the smallest failing example. The course pins `derandomize=True` and `database=None` so every run
# tries the same inputs and writes no `.hypothesis/` folder.

# %% course={"kind": "demo"}
plugin_free = run_files({
    "test_async.py": "import asyncio\nasync def test_fetch():\n    await asyncio.sleep(0)\n",
    "test_property.py": """
        from hypothesis import given, settings, strategies as st

        def clamp(x, low, high):            # a planted bug: 7 slips through
            return x if x == 7 else max(low, min(x, high))

        @settings(derandomize=True, database=None)
        @given(st.integers(), st.integers(0, 5), st.integers(5, 10))
        def test_clamp_stays_in_range(x, low, high):
            assert low <= clamp(x, low, high) <= high
    """,
    "test_env.py": """
        import os
        def test_reads_region(monkeypatch):
            monkeypatch.setenv("REGION", "eu-west-1")     # undone after the test
            assert os.environ["REGION"] == "eu-west-1"
    """,
})
print(plugin_free.counts())
for outcome in plugin_free.outcomes:
    first = next((line for line in outcome.message.splitlines() if line.startswith(("E ", "async"))), "")
    print(f"{outcome.outcome:7} {outcome.name}: {first}")
prop = next(o for o in plugin_free.outcomes if o.name == "test_clamp_stays_in_range")
print("hypothesis's smallest failing x:", re.findall(r"x=(-?\d+)", prop.message)[-1])

# %% [markdown] course={"kind": "lesson", "id": "configuration", "covers": ["c-configuration", "c-pytest-ini", "c-pyproject-toml-configuration", "c-command-line-options"]}
# ### Configuration: `pytest.ini`, `pyproject.toml`, the command line
#
# pytest looks upward from the folders you name for its configuration: a `pytest.ini` (section `[pytest]`), or
# `pyproject.toml` with a `[tool.pytest.ini_options]` table, or `tox.ini` / `setup.cfg` (section `[tool:pytest]`
# in `setup.cfg`). The folder where it finds it is the *rootdir*, and node ids are relative to it. The usual keys:
# `testpaths` (where to look when no path is given), `addopts` (options added to every run, such as
# `--strict-markers -ra`), `markers` (the custom markers you allow), `filterwarnings`, `python_files`.
# The same options on the command line win: `-o key=value` overrides one ini key for one run, `-p no:name`
# turns a plugin off, and `PYTEST_ADDOPTS` adds options from the environment (handy in CI).
#
# ```toml
# [tool.pytest.ini_options]
# testpaths = ["tests"]
# addopts = ["--strict-markers", "-ra"]
# markers = ["slow: takes more than a second", "integration: needs the database"]
# ```
#
# The one thing people get wrong: without `--strict-markers`, a typo such as `@pytest.mark.slwo` is only a
# warning, and `-m "not slow"` quietly keeps running that slow test.

# %% course={"kind": "demo"}
suite = {"test_m.py": "import pytest\n@pytest.mark.slwo\ndef test_typo(): pass\ndef test_fine(): pass\n"}
lenient = run_files({**suite, "pytest.ini": "[pytest]\nmarkers =\n    slow: a slow test\n"}, "-m", "not slow")
strict = run_files({**suite, "pytest.ini": "[pytest]\naddopts = --strict-markers\nmarkers =\n    slow: a slow test\n"})
print("lenient: exit", lenient.exit_code, lenient.counts(), "| still ran the typo'd test:", "test_typo" in lenient.by_outcome("passed"))
print("strict:  exit", strict.exit_code, "|", strict.errors[0].splitlines()[-1][:90] if strict.errors else "")
overridden = run_files({**suite, "pytest.ini": "[pytest]\naddopts = --strict-markers\n"}, "-o", "addopts=")
print("-o addopts= turns it off for one run: exit", overridden.exit_code)

# %% [markdown] course={"kind": "exercise", "id": "duration-tests", "item": "x-write-unit-tests-for-a-utility-module"}
# ### Write the tests: a utility that parses durations
#
# Here *you* write the tests. `parse_duration(text)` (given at the top of the notebook) turns `"1h30m"` into
# `5400` seconds. Its promises:
#
# - units `h`, `m`, `s` in that order, each at most once and each optional, but at least one; the result is an
#   `int` (`"2m"` -> `120`, `"1h"` -> `3600`, `"1h5m10s"` -> `3910`);
# - any case (`"1H30M"`) and spaces around (`" 45s "`) are accepted;
# - anything else (`""`, `"5"`, `"30m1h"`, `"-5s"`) raises `ValueError` with `"duration"` in its message.
#
# Write a class `TestParseDuration` whose test methods ask for a fixture named `parse_duration` (the tests give
# it: the real function, or a version with one planted bug). Your tests must all pass on the real function and
# fail on each of these bugs: minutes counted as 100 seconds, hours counted as 60 seconds, a `float` result,
# `""` giving `0`, a `ValueError` with a vague message, a `TypeError` instead of a `ValueError`, upper case
# refused, spaces refused, a bare number (`"5"`) taken as seconds, units accepted in any order, negative numbers
# accepted. The starter holds one failing placeholder test: replace the whole class.
#
# ```python
# class TestParseDuration:
#     def test_minutes(self, parse_duration):
#         assert parse_duration("2m") == 120
# ```

# %% [markdown] course={"kind": "hint"}
# One test per promise. `@pytest.mark.parametrize("text,seconds", [...])` covers the valid examples in one method;
# another parametrized method covers the invalid ones with `pytest.raises`.

# %% [markdown] course={"kind": "hint"}
# `5400.0 == 5400` is true: check `type(result) is int` too. `pytest.raises(ValueError)` alone accepts any
# message: add `match="duration"`. And put `""` among the invalid inputs.

# %% course={"kind": "solution"}
import pytest


class TestParseDuration:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, parse_duration):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestParseDuration:
    @pytest.mark.parametrize(
        "text,seconds",
        [("2m", 120), ("1h", 3600), ("1h5m10s", 3910), ("1H30M", 5400), (" 45s ", 45)],
        ids=["minutes", "hours", "all-units", "upper-case", "spaces"],
    )
    def test_valid(self, parse_duration, text, seconds):
        result = parse_duration(text)
        assert result == seconds
        assert type(result) is int

    @pytest.mark.parametrize("text", ["", "5", "30m1h", "-5s"], ids=["empty", "no-unit", "wrong-order", "negative"])
    def test_invalid(self, parse_duration, text):
        with pytest.raises(ValueError, match="duration"):
            parse_duration(text)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
runs = run_variants(TestParseDuration, "parse_duration", {"correct": parse_duration})
assert runs["correct"].green, f"your tests must pass on the real parse_duration: {failures(runs['correct'])}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestParseDuration, "parse_duration", {"correct": parse_duration, **{
    k: DURATION_BUGS[k] for k in ("minutes-100", "hours-as-minutes", "float-result")}})
assert runs["correct"].green, "your tests must pass on the real parse_duration"
assert runs["minutes-100"].caught, "no test notices minutes counted as 100 seconds: try '2m'"
assert runs["hours-as-minutes"].caught, f"no test notices hours counted as minutes: {verdicts(runs)}"
assert runs["float-result"].caught, "5400.0 passed your tests: the promise is an int (check the type)"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestParseDuration, "parse_duration", {"correct": parse_duration, **{
    k: DURATION_BUGS[k] for k in ("empty-is-zero", "vague-error", "case-sensitive", "no-strip")}})
assert runs["correct"].green, "your tests must pass on the real parse_duration"
assert runs["empty-is-zero"].caught, "'' gave 0 and your tests did not notice: '' must raise ValueError"
assert runs["vague-error"].caught, "a ValueError('bad input') passed: use pytest.raises(..., match='duration')"
assert runs["case-sensitive"].caught, f"a parser that refuses '1H30M' passed your tests: {verdicts(runs)}"
assert runs["no-strip"].caught, f"a parser that refuses ' 45s ' passed your tests: {verdicts(runs)}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestParseDuration, "parse_duration", {"correct": parse_duration, **{
    k: DURATION_BUGS[k] for k in ("wrong-type", "bare-number", "any-order", "negative-ok")}})
assert runs["correct"].green, "your tests must pass on the real parse_duration"
assert runs["wrong-type"].caught, "a TypeError passed where ValueError is promised: pytest.raises(ValueError, ...)"
assert runs["bare-number"].caught, "a parser that reads '5' as 5 seconds passed: a number needs its unit"
assert runs["any-order"].caught, "a parser that accepts '30m1h' passed: the units come in the order h, m, s"
assert runs["negative-ok"].caught, f"a parser that accepts '-5s' passed your tests: {verdicts(runs)}"

# %% course={"kind": "wrong", "id": "no-match"}
import pytest


class TestParseDuration:
    @pytest.mark.parametrize("text,seconds", [("2m", 120), ("1h", 3600), ("1H30M", 5400), (" 45s ", 45)])
    def test_valid(self, parse_duration, text, seconds):
        result = parse_duration(text)
        assert result == seconds and type(result) is int

    @pytest.mark.parametrize("text", ["", "5", "30m1h"])
    def test_invalid(self, parse_duration, text):
        with pytest.raises(ValueError):  # any ValueError passes, whatever its message
            parse_duration(text)

# %% course={"kind": "wrong", "id": "equality-only"}
import pytest


class TestParseDuration:
    @pytest.mark.parametrize("text,seconds", [("2m", 120), ("1h", 3600), ("1H30M", 5400), (" 45s ", 45)])
    def test_valid(self, parse_duration, text, seconds):
        assert parse_duration(text) == seconds  # 120.0 == 120: a float result slips through

    @pytest.mark.parametrize("text", ["", "5", "30m1h"])
    def test_invalid(self, parse_duration, text):
        with pytest.raises(ValueError, match="duration"):
            parse_duration(text)

# %% course={"kind": "wrong", "id": "any-exception", "fails": ["t4"]}
import pytest


class TestParseDuration:
    @pytest.mark.parametrize("text,seconds", [("2m", 120), ("1h", 3600), ("1H30M", 5400), (" 45s ", 45)])
    def test_valid(self, parse_duration, text, seconds):
        result = parse_duration(text)
        assert result == seconds and type(result) is int

    @pytest.mark.parametrize("text", ["", "5", "30m1h", "-5s"])
    def test_invalid(self, parse_duration, text):
        with pytest.raises(Exception, match="duration"):  # any exception type passes
            parse_duration(text)

# %% course={"kind": "wrong", "id": "happy-path-only"}
import pytest


class TestParseDuration:
    def test_examples(self, parse_duration):
        assert parse_duration("2m") == 120
        assert parse_duration("1h") == 3600
        assert type(parse_duration("1h")) is int

    def test_garbage(self, parse_duration):
        with pytest.raises(ValueError, match="duration"):
            parse_duration("soon")  # never tries '', upper case or spaces

# %% [markdown] course={"kind": "exercise", "id": "two-sum-tests", "item": "dsa-write-tests-for-two-sum-solution"}
# ### Problem: tests first for Two Sum (after the classic *Two Sum*)
#
# Practise TDD: write the tests before you look at any solution. `two_sum(nums, target)` returns the indices
# `(i, j)` with `i < j` of two *different* elements of `nums` that add up to `target`, as a `tuple`, or `None`
# when no two elements do. When several pairs work, it returns the one whose second index `j` is smallest.
# Numbers may be negative, zero or repeated.
#
# Write a class `TestTwoSum` whose tests ask for a fixture `two_sum`. They must pass on a correct solution and
# catch seven wrong ones: one that may pair an element with itself, one that returns `(j, i)`, one that returns
# `()` instead of `None`, one that skips numbers larger than the target (wrong once negatives appear), one
# that misses every pair starting at index 0 (`if seen.get(...)` on an index that is 0), one that returns the
# *last* pair instead of the first, and a brute force (`for i ...: for j in range(i + 1, ...)`) that returns the
# pair with the smallest `i` instead of the smallest `j`. The starter holds one failing placeholder test.
#
# ```python
# two_sum([2, 7, 11, 15], 9)    # (0, 1)
# two_sum([3], 6)               # None: 3 cannot be used twice
# ```

# %% [markdown] course={"kind": "hint"}
# Each wrong solution fails on some small input: think of one input per bug, then write the expected answer by hand.

# %% [markdown] course={"kind": "hint"}
# `[3, 4]` with target `6` tempts "pair with itself"; `[-3, 8]` with target `5` has an element larger than the target;
# "no answer" needs `assert two_sum(...) is None`, since `() == None` is false but `not ()` is true. For "first pair",
# take a list with two pairs where the smaller `i` comes with the larger `j`: `[4, 1, 5, 2]` and `6` gives `(1, 2)`.

# %% course={"kind": "solution", "equivalent": {"m-c7cd8d72": "11 and 15 pair with nothing for target 9: any other such value keeps the case (0, 1)", "m-53e967ad": "11 and 15 pair with nothing for target 9: any other such value keeps the case (0, 1)", "m-ccf214c9": "11 and 15 pair with nothing for target 9: any other such value keeps the case (0, 1)", "m-4400a7fc": "11 and 15 pair with nothing for target 9: any other such value keeps the case (0, 1)", "m-09d866bf": "[3, 5] with 6 is still 'no pair unless 3 pairs with itself', the same case as [3, 4]", "m-3950afc6": "an empty list has no pair whatever the target", "m-e67060f7": "an empty list has no pair whatever the target"}}
import pytest


class TestTwoSum:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, two_sum):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestTwoSum:
    @pytest.mark.parametrize(
        "nums,target,expected",
        [([2, 7, 11, 15], 9, (0, 1)), ([4, 1, 5, 2], 6, (1, 2)), ([-3, 8], 5, (0, 1))],
        ids=["classic", "earliest-j", "negative"],
    )
    def test_finds_the_pair(self, two_sum, nums, target, expected):
        assert two_sum(nums, target) == expected

    @pytest.mark.parametrize("nums,target", [([3, 4], 6), ([], 1)], ids=["no-reuse", "empty"])
    def test_no_pair_is_none(self, two_sum, nums, target):
        assert two_sum(nums, target) is None
### END SOLUTION

# %% course={"kind": "test", "points": 1}
runs = run_variants(TestTwoSum, "two_sum", {"correct": two_sum, "reversed-pair": TWO_SUM_BUGS["reversed-pair"],
                                            "falsy-index": TWO_SUM_BUGS["falsy-index"]})
assert runs["correct"].green, f"your tests must pass on a correct two_sum: {failures(runs['correct'])}"
assert runs["reversed-pair"].caught, "a two_sum returning (j, i) passed: compare with the exact tuple (i, j)"
assert runs["falsy-index"].caught, f"a two_sum missing pairs at index 0 passed: {verdicts(runs)}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestTwoSum, "two_sum", {"correct": two_sum, **{
    k: TWO_SUM_BUGS[k] for k in ("reuses-element", "empty-tuple", "skips-big")}})
assert runs["correct"].green, "your tests must pass on a correct two_sum"
assert runs["reuses-element"].caught, "a two_sum that pairs an element with itself passed: try [3, 4] and 6"
assert runs["empty-tuple"].caught, "a two_sum returning () for 'no pair' passed: assert ... is None"
assert runs["skips-big"].caught, f"a two_sum that skips numbers above the target passed: {verdicts(runs)}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestTwoSum, "two_sum", {"correct": two_sum, **{k: TWO_SUM_BUGS[k] for k in ("last-pair", "smallest-i")}})
assert runs["correct"].green, "your tests must pass on a correct two_sum"
assert runs["last-pair"].caught, "a two_sum returning the last pair passed: try a list with two pairs"
assert runs["smallest-i"].caught, f"a two_sum returning the smallest i, not the smallest j, passed: {verdicts(runs)}"

# %% course={"kind": "wrong", "id": "truthiness"}
import pytest


class TestTwoSum:
    @pytest.mark.parametrize("nums,target,expected", [([2, 7, 11, 15], 9, (0, 1)), ([-3, 8], 5, (0, 1)),
                                                      ([4, 1, 5], 6, (1, 2))])
    def test_finds_the_pair(self, two_sum, nums, target, expected):
        assert two_sum(nums, target) == expected

    def test_no_pair(self, two_sum):
        assert not two_sum([3, 4], 6)  # () is falsy too

# %% course={"kind": "wrong", "id": "one-pair-inputs", "fails": ["t3"]}
import pytest


class TestTwoSum:
    @pytest.mark.parametrize("nums,target,expected", [([2, 7, 11, 15], 9, (0, 1)), ([1, 5, 3, 3], 6, (0, 1)),
                                                      ([-3, 8], 5, (0, 1)), ([4, 1, 5], 6, (1, 2))])
    def test_finds_the_pair(self, two_sum, nums, target, expected):
        assert two_sum(nums, target) == expected  # [1, 5, 3, 3]: smallest i and smallest j agree

    @pytest.mark.parametrize("nums,target", [([3, 4], 6), ([], 1)])
    def test_no_pair_is_none(self, two_sum, nums, target):
        assert two_sum(nums, target) is None

# %% course={"kind": "wrong", "id": "positive-only"}
import pytest


class TestTwoSum:
    @pytest.mark.parametrize("nums,target,expected", [([2, 7, 11, 15], 9, (0, 1)), ([4, 1, 5], 6, (1, 2))])
    def test_finds_the_pair(self, two_sum, nums, target, expected):
        assert two_sum(nums, target) == expected  # never a negative number

    def test_no_pair(self, two_sum):
        assert two_sum([3, 4], 6) is None

# %% course={"kind": "wrong", "id": "set-of-indices"}
import pytest


class TestTwoSum:
    @pytest.mark.parametrize("nums,target,expected", [([2, 7, 11, 15], 9, {0, 1}), ([-3, 8], 5, {0, 1}),
                                                      ([4, 1, 5], 6, {1, 2})])
    def test_finds_the_pair(self, two_sum, nums, target, expected):
        assert set(two_sum(nums, target)) == expected  # the order of the pair is never checked

    def test_no_pair(self, two_sum):
        assert two_sum([3, 4], 6) is None

# %% [markdown] course={"kind": "exercise", "id": "lru-tests", "item": "dsa-write-tests-for-lru-cache"}
# ### Problem: tests for an LRU cache (after the classic *LRU Cache*)
#
# `LRUCache(capacity)` keeps at most `capacity` keys. `get(key)` returns the value, or `-1` for a missing key;
# `get` and `put` both make the key the *most recently used*; `put` of a new key into a full cache first drops the
# *least* recently used key; `put` of a key already there replaces its value and drops nothing.
#
# Write a class `TestLRUCache` whose tests ask for a fixture `make_cache`: a factory, `make_cache(2)` gives an
# empty cache of capacity 2. They must pass on a correct cache and catch five broken ones: it drops the newest
# key instead of the oldest; `get` does not refresh; `put` of an existing key does not refresh; it keeps one key
# too many; `put` of an existing key into a full cache drops another key.
#
# ```python
# cache = make_cache(2); cache.put("a", 1); cache.put("b", 2); cache.get("a"); cache.put("c", 3)
# cache.get("b")    # -1: "b" was the least recently used
# ```

# %% [markdown] course={"kind": "hint"}
# Write each test as a short story (given a full cache, when ..., then ...) and check every key after it, not only
# the one you expect gone.

# %% [markdown] course={"kind": "hint"}
# Refresh tests: fill a capacity-2 cache with a, b; touch a (by `get`, or by `put` in another test); add c; now b
# must be gone and a kept. "Existing key into a full cache": `put("a", 10)` on a full cache keeps both keys.

# %% course={"kind": "solution", "equivalent": {"m-96ef33c1": "test_get_refreshes tells the same story with one more get: every eviction bug fails its assert too"}}
import pytest


class TestLRUCache:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, make_cache):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestLRUCache:
    @pytest.fixture
    def full(self, make_cache):
        cache = make_cache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        return cache

    def test_drops_least_recent(self, full):
        full.put("c", 3)
        assert [full.get("a"), full.get("b"), full.get("c")] == [-1, 2, 3]

    def test_get_refreshes(self, full):
        full.get("a")
        full.put("c", 3)
        assert [full.get("a"), full.get("b"), full.get("c")] == [1, -1, 3]

    def test_update_drops_nothing(self, full):
        full.put("a", 10)
        assert [full.get("a"), full.get("b")] == [10, 2]

    def test_update_refreshes(self, full):
        full.put("a", 10)
        full.put("c", 3)
        assert [full.get("a"), full.get("b"), full.get("c")] == [10, -1, 3]
### END SOLUTION

# %% course={"kind": "test", "points": 1}
runs = run_variants(TestLRUCache, "make_cache", {"correct": LRUCache, "evicts-newest": LRU_BUGS["evicts-newest"],
                                                 "one-extra": LRU_BUGS["one-extra"]})
assert runs["correct"].green, f"your tests must pass on a correct cache: {failures(runs['correct'])}"
assert runs["evicts-newest"].caught, "a cache that drops the newest key passed your tests"
assert runs["one-extra"].caught, "a cache that keeps capacity + 1 keys passed: check the dropped key is gone"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestLRUCache, "make_cache", {"correct": LRUCache, **{
    k: LRU_BUGS[k] for k in ("get-no-refresh", "update-no-refresh", "update-evicts")}})
assert runs["correct"].green, "your tests must pass on a correct cache"
assert runs["get-no-refresh"].caught, "a cache whose get does not refresh the key passed your tests"
assert runs["update-no-refresh"].caught, f"a cache whose put of an existing key does not refresh passed: {verdicts(runs)}"
assert runs["update-evicts"].caught, "a cache that drops a key when you update another passed your tests"

# %% course={"kind": "wrong", "id": "happy-path"}
import pytest


class TestLRUCache:
    def test_put_then_get(self, make_cache):
        cache = make_cache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        assert cache.get("a") == 1 and cache.get("b") == 2 and cache.get("zzz") == -1

    def test_eviction(self, make_cache):
        cache = make_cache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.put("c", 3)
        assert cache.get("a") == -1  # but b and c are never looked at

# %% course={"kind": "wrong", "id": "no-update-story"}
import pytest


class TestLRUCache:
    @pytest.fixture
    def full(self, make_cache):
        cache = make_cache(2)
        cache.put("a", 1)
        cache.put("b", 2)
        return cache

    def test_drops_least_recent(self, full):
        full.put("c", 3)
        assert [full.get("a"), full.get("b"), full.get("c")] == [-1, 2, 3]

    def test_get_refreshes(self, full):
        full.get("a")
        full.put("c", 3)
        assert [full.get("a"), full.get("b"), full.get("c")] == [1, -1, 3]

# %% [markdown] course={"kind": "exercise", "id": "db-fixtures", "item": "x-create-fixtures-for-database-testing"}
# ### Fixtures for database tests
#
# `UserStore(conn)` (given at the top) keeps users in SQLite: `add(name)` returns the new id (`1`, `2`, ...),
# `get(user_id)` returns the name or `None`, a name already there raises `sqlite3.IntegrityError`. Write a class
# `TestUserStore` with:
#
# - a fixture `db` that opens a database **file inside `tmp_path`** with the fixture `connect` (the tests give
#   it: `connect(path)` works like `sqlite3.connect`), creates the table with `conn.executescript(SCHEMA)`,
#   yields the connection and **closes it** after the test (a `yield` fixture);
# - a fixture `store` that depends on `db` and on the fixture `UserStore` (the class under test) and returns
#   `UserStore(db)`;
# - tests that pass on the real store and catch four broken ones: ids starting at 0, `""` instead of `None` for an
#   unknown id, `get` returning the whole row `("ana",)` instead of the name, and a duplicate name silently ignored.
#
# The starter holds one failing placeholder test: replace the whole class.
#
# Every test must get its own fresh database: at least three tests, each opening its own file.
#
# ```python
# def test_first_id_is_one(self, store):
#     assert store.add("ana") == 1
# ```

# %% [markdown] course={"kind": "hint"}
# `conn = connect(tmp_path / "users.db")`, then `conn.executescript(SCHEMA)`, `yield conn`, `conn.close()`.
# A fixture method of the class takes `self` first: `def db(self, tmp_path, connect):`.

# %% [markdown] course={"kind": "hint"}
# The duplicate test: `with pytest.raises(sqlite3.IntegrityError): store.add("ana")` after a first `add("ana")`.
# For an unknown id, `assert store.get(99) is None` (`""` is not `None`, though both are falsy).

# %% course={"kind": "solution", "equivalent": {"m-a96a68a2": "any id never added is unknown: 100 and 99 behave alike", "m-e69383c6": "any id never added is unknown: 98 and 99 behave alike"}}
import sqlite3

import pytest


class TestUserStore:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, UserStore):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestUserStore:
    @pytest.fixture
    def db(self, tmp_path, connect):
        conn = connect(tmp_path / "users.db")
        conn.executescript(SCHEMA)
        yield conn
        conn.close()

    @pytest.fixture
    def store(self, db, UserStore):
        return UserStore(db)

    def test_ids_count_up_from_one(self, store):
        assert [store.add("ana"), store.add("bo")] == [1, 2]
        assert store.get(2) == "bo"

    def test_unknown_id_is_none(self, store):
        assert store.get(99) is None

    def test_duplicate_name_raises(self, store):
        store.add("ana")
        with pytest.raises(sqlite3.IntegrityError):
            store.add("ana")
### END SOLUTION


# %% course={"kind": "test", "points": 2}
def db_runs(bugs: tuple[str, ...]) -> tuple[dict[str, Report], ConnectionLog]:
    log = ConnectionLog()
    variants = {"correct": UserStore, **{k: STORE_BUGS[k] for k in bugs}}
    return run_variants(TestUserStore, "UserStore", variants, given={"connect": log.connect}), log


runs, log = db_runs(("ids-from-zero", "missing-is-empty", "row-not-name"))
assert runs["correct"].green, f"your tests must pass on the real store: {failures(runs['correct'])}"
assert runs["ids-from-zero"].caught, "a store whose ids start at 0 passed your tests"
assert runs["missing-is-empty"].caught, "a store that returns '' for an unknown id passed: assert ... is None"
assert runs["row-not-name"].caught, "a store whose get returns the row ('bo',) passed: check what get gives for a known id"

# %% course={"kind": "test", "points": 2}
runs, log = db_runs(("ignores-duplicates",))
assert runs["correct"].green, "your tests must pass on the real store"
assert runs["ignores-duplicates"].caught, "a store that ignores a duplicate name passed: expect sqlite3.IntegrityError"
assert len(runs["correct"].outcomes) >= 3, f"write at least three tests, not {len(runs['correct'].outcomes)}"
assert not log.still_open(), f"connections left open after the tests: {log.still_open()} (close them after yield)"
paths = [path for path, _ in log.opened]
assert len(paths) == len(set(paths)) == 2 * len(runs["correct"].outcomes), f"each test needs its own database file: {paths}"
assert all("basetemp" in path.parts for path in paths), f"open the database inside tmp_path: {paths}"

# %% course={"kind": "wrong", "id": "no-teardown"}
import sqlite3

import pytest


class TestUserStore:
    @pytest.fixture
    def db(self, tmp_path, connect):
        conn = connect(tmp_path / "users.db")
        conn.executescript(SCHEMA)
        return conn  # never closed

    @pytest.fixture
    def store(self, db, UserStore):
        return UserStore(db)

    def test_ids_count_up_from_one(self, store):
        assert [store.add("ana"), store.add("bo")] == [1, 2]

    def test_unknown_id_is_none(self, store):
        assert store.get(99) is None

    def test_duplicate_name_raises(self, store):
        store.add("ana")
        with pytest.raises(sqlite3.IntegrityError):
            store.add("ana")

# %% course={"kind": "wrong", "id": "falsy-unknown"}
import sqlite3

import pytest


class TestUserStore:
    @pytest.fixture
    def db(self, tmp_path, connect):
        conn = connect(tmp_path / "users.db")
        conn.executescript(SCHEMA)
        yield conn
        conn.close()

    @pytest.fixture
    def store(self, db, UserStore):
        return UserStore(db)

    def test_ids_count_up_from_one(self, store):
        assert [store.add("ana"), store.add("bo")] == [1, 2]

    def test_unknown_id(self, store):
        assert not store.get(99)  # "" passes as well as None

    def test_duplicate_name_raises(self, store):
        store.add("ana")
        with pytest.raises(sqlite3.IntegrityError):
            store.add("ana")

# %% course={"kind": "wrong", "id": "one-shared-db"}
import sqlite3

import pytest


class TestUserStore:
    @pytest.fixture(scope="class")
    def db(self, tmp_path_factory, connect):  # one database for the whole class
        conn = connect(tmp_path_factory.mktemp("shared") / "users.db")
        conn.executescript(SCHEMA)
        yield conn
        conn.close()

    @pytest.fixture
    def store(self, db, UserStore):
        return UserStore(db)

    def test_ids_count_up_from_one(self, store):
        assert [store.add("ana"), store.add("bo")] == [1, 2]

    def test_unknown_id_is_none(self, store):
        assert store.get(99) is None

    def test_duplicate_name_raises(self, store):
        store.add("ana")
        with pytest.raises(sqlite3.IntegrityError):
            store.add("ana")

# %% [markdown] course={"kind": "exercise", "id": "chunk-edges", "item": "x-write-parametrized-tests-for-edge-cases"}
# ### Parametrized tests for the edge cases
#
# `chunked(items, size)` (given at the top) splits a list into lists of `size` items; the last one may be shorter;
# `size` below 1 raises `ValueError`. Write a class `TestChunked` with exactly two test methods, each parametrized
# with these **ids** (so a failure names the case):
#
# - `test_chunks`, ids `empty`, `shorter`, `exact`, `remainder`, `size-one`: the input list, the size and the
#   exact expected list of lists;
# - `test_bad_size`, ids `zero`, `negative`: `pytest.raises(ValueError)`.
#
# Both ask for the fixture `chunked`. They must pass on the real function and catch six broken ones: the short
# tail dropped, `[[]]` for an empty list, a negative size accepted, tuples instead of lists, the short tail merged
# into the chunk before it, `[]` for a list shorter than one chunk. The starter holds one failing placeholder test.
#
# ```python
# chunked([1, 2, 3, 4, 5], 2)    # [[1, 2], [3, 4], [5]]
# ```

# %% [markdown] course={"kind": "hint"}
# `@pytest.mark.parametrize("items,size,expected", [(...), ...], ids=["empty", ...])`: one tuple per case, in the
# order of the ids. Compare with `==` against lists of lists: `[(1, 2)] == [[1, 2]]` is `False`.

# %% [markdown] course={"kind": "hint"}
# "remainder" needs a tail shorter than `size` after at least two full chunks, e.g. `[1, 2, 3, 4, 5]` by 2; "shorter"
# is a list shorter than one chunk; "negative" is a size such as `-2`.

# %% course={"kind": "solution", "equivalent": {"m-e299b982": "an empty list gives [] whatever the size", "m-52da2a2f": "an empty list gives [] whatever the size", "m-82739a7e": "[1, 2] is shorter than 4 as it is than 3: the same 'shorter' case", "m-5e8e5493": "-1 and -2 are both negative sizes: the same case for every version of chunked", "m-1bbce520": "-3 and -2 are both negative sizes: the same case for every version of chunked"}}
import pytest


class TestChunked:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, chunked):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestChunked:
    @pytest.mark.parametrize(
        "items,size,expected",
        [([], 3, []), ([1, 2], 3, [[1, 2]]), ([1, 2, 3, 4], 2, [[1, 2], [3, 4]]),
         ([1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]), (["a", "b"], 1, [["a"], ["b"]])],
        ids=["empty", "shorter", "exact", "remainder", "size-one"],
    )
    def test_chunks(self, chunked, items, size, expected):
        assert chunked(items, size) == expected

    @pytest.mark.parametrize("size", [0, -2], ids=["zero", "negative"])
    def test_bad_size(self, chunked, size):
        with pytest.raises(ValueError):
            chunked(["a", "b", "c"], size)
### END SOLUTION


# %% course={"kind": "test", "points": 1}
def case_ids(report: Report) -> list[str]:
    """The test method and the parametrize id of each test that ran, without the variant's id."""
    names = [o.name.split("::")[-1] for o in report.outcomes]
    return sorted(re.sub(r"\[correct-?", "[", name) for name in names)


runs = run_variants(TestChunked, "chunked", {"correct": chunked})
assert runs["correct"].green, f"your tests must pass on the real chunked: {failures(runs['correct'])}"
expected_ids = ["test_bad_size[negative]", "test_bad_size[zero]", "test_chunks[empty]", "test_chunks[exact]",
                "test_chunks[remainder]", "test_chunks[shorter]", "test_chunks[size-one]"]
assert case_ids(runs["correct"]) == expected_ids, f"tests and ids: expected {expected_ids}, got {case_ids(runs['correct'])}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestChunked, "chunked", {"correct": chunked, **CHUNK_BUGS})
assert runs["correct"].green, "your tests must pass on the real chunked"
assert runs["drops-tail"].caught, "a chunked that drops the short tail passed: the 'remainder' case catches it"
assert runs["empty-chunk"].caught, "a chunked giving [[]] for [] passed: 'empty' expects []"
assert runs["negative-ok"].caught, "a chunked that accepts size -2 passed: the 'negative' case must raise"
assert runs["tuples"].caught, "a chunked returning tuples passed: compare with lists of lists"
assert runs["merges-tail"].caught, f"a chunked that merges the tail into the chunk before passed: {verdicts(runs)}"
assert runs["short-list-empty"].caught, "a chunked giving [] for a list shorter than size passed: 'shorter' expects one chunk"

# %% course={"kind": "wrong", "id": "no-remainder-case"}
import pytest


class TestChunked:
    @pytest.mark.parametrize(
        "items,size,expected",
        [([], 3, []), ([1, 2], 3, [[1, 2]]), ([1, 2, 3, 4], 2, [[1, 2], [3, 4]]), ([1, 2, 3], 3, [[1, 2, 3]]),
         (["a", "b"], 1, [["a"], ["b"]])],
        ids=["empty", "shorter", "exact", "remainder", "size-one"],  # "remainder" has none
    )
    def test_chunks(self, chunked, items, size, expected):
        assert chunked(items, size) == expected

    @pytest.mark.parametrize("size", [0, -2], ids=["zero", "negative"])
    def test_bad_size(self, chunked, size):
        with pytest.raises(ValueError):
            chunked([1, 2, 3], size)

# %% course={"kind": "wrong", "id": "no-ids"}
import pytest


class TestChunked:
    @pytest.mark.parametrize(
        "items,size,expected",
        [([], 3, []), ([1, 2], 3, [[1, 2]]), ([1, 2, 3, 4], 2, [[1, 2], [3, 4]]),
         ([1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]), (["a", "b"], 1, [["a"], ["b"]])],
    )  # the cases are named items0-size0-expected0 ...: a failure says nothing
    def test_chunks(self, chunked, items, size, expected):
        assert chunked(items, size) == expected

    @pytest.mark.parametrize("size", [0, -2])
    def test_bad_size(self, chunked, size):
        with pytest.raises(ValueError):
            chunked([1, 2, 3], size)

# %% course={"kind": "wrong", "id": "length-only"}
import pytest


class TestChunked:
    @pytest.mark.parametrize(
        "items,size,expected",
        [([], 3, 0), ([1, 2], 3, 1), ([1, 2, 3, 4], 2, 2), ([1, 2, 3, 4, 5], 2, 3), (["a", "b"], 1, 2)],
        ids=["empty", "shorter", "exact", "remainder", "size-one"],
    )
    def test_chunks(self, chunked, items, size, expected):
        assert len(chunked(items, size)) == expected  # counts chunks, never looks inside them

    @pytest.mark.parametrize("size", [0, -2], ids=["zero", "negative"])
    def test_bad_size(self, chunked, size):
        with pytest.raises(ValueError):
            chunked([1, 2, 3], size)

# %% [markdown] course={"kind": "exercise", "id": "covered-lines", "item": "x-set-up-test-coverage-reporting"}
# ### Measure coverage yourself: which lines ran?
#
# `pytest-cov` and `coverage.py` are not installed with this course, and what they do at heart fits in a dozen
# lines: Python calls a *trace function* on every line it runs. Write `covered_lines(func, *args, **kwargs)` that
# calls `func(*args, **kwargs)` and returns the `set` of line numbers (as in the file: `frame.f_lineno`) of
# `func`'s own body that ran, not lines of the functions it calls. Install your tracer with `sys.settrace` and put
# back whatever trace function was there before (`sys.gettrace()`; a debugger or a coverage tool may have one),
# also when `func` raises, in which case the exception goes on to the caller.
#
# ```python
# def sign(x):
#     if x < 0:
#         return "-"
#     return "+"
# covered_lines(sign, 5)     # the lines of `if x < 0:` and `return "+"`: `return "-"` never ran
# ```

# %% [markdown] course={"kind": "hint"}
# The global tracer gets a `"call"` event for every new frame; return a local tracer (or itself) for the frames you
# want lines of, `None` for the others. Compare `frame.f_code is func.__code__`.

# %% [markdown] course={"kind": "hint"}
# `previous = sys.gettrace()`, then `sys.settrace(tracer)`, then `try: func(...)` / `finally: sys.settrace(previous)`.
# In the tracer: `if event == "line": lines.add(frame.f_lineno)`, and `return tracer`.

# %% course={"kind": "solution"}
import sys
from collections.abc import Callable


def covered_lines(func: Callable[..., Any], *args: Any, **kwargs: Any) -> set[int]:
    ### BEGIN SOLUTION
    code, lines = func.__code__, set()

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code is not code:
            return None
        if event == "line":
            lines.add(frame.f_lineno)
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return lines
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def sign(x: int) -> str:
    if x < 0:
        return "-"
    return "+"


first = sign.__code__.co_firstlineno
got = covered_lines(sign, 5)
assert got == {first + 1, first + 3}, f"sign(5) runs the if and the last return: lines {first + 1}, {first + 3}; got {got}"
assert covered_lines(sign, -5) == {first + 1, first + 2}, "sign(-5) runs the if and the first return"

# %% course={"kind": "test", "points": 2}
def helper(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def caller(n: int) -> int:
    result = helper(n)
    return result * 2


start = caller.__code__.co_firstlineno
assert covered_lines(caller, 3) == {start + 1, start + 2}, "only caller's own lines count, not helper's"
h = helper.__code__.co_firstlineno
assert covered_lines(helper, 0) == {h + 1, h + 2, h + 4}, "with n=0 the loop body never runs"
assert type(covered_lines(helper, 2)) is set, "return a set"
### BEGIN HIDDEN TESTS
assert covered_lines(lambda: None) == {sys._getframe().f_lineno}, "a lambda's one line"
assert covered_lines(sign, x=0) == {first + 1, first + 3}, "keyword arguments are passed on"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def boom(x: int) -> None:
    if x:
        raise KeyError(x)


seen_calls: list[str] = []


def outer_tracer(frame: Any, event: str, arg: Any) -> None:
    seen_calls.append(frame.f_code.co_name)


old = sys.gettrace()
sys.settrace(outer_tracer)
try:
    covered_lines(sign, 1)
    after_ok = sys.gettrace()
    try:
        covered_lines(boom, 7)
        raised = None
    except KeyError as error:
        raised = error
    after_error = sys.gettrace()
finally:
    sys.settrace(old)
assert after_ok is outer_tracer, f"put back the trace function that was there before, not {after_ok}"
assert isinstance(raised, KeyError) and raised.args == (7,), f"func's exception goes on to the caller: {raised!r}"
assert after_error is outer_tracer, "put back the previous trace function also when func raises (try/finally)"
assert sys.gettrace() is old

# %% course={"kind": "wrong", "id": "leaves-tracer"}
import sys
from collections.abc import Callable


def covered_lines(func: Callable[..., Any], *args: Any, **kwargs: Any) -> set[int]:
    lines = set()

    def tracer(frame, event, arg):
        if frame.f_code is not func.__code__:
            return None
        if event == "line":
            lines.add(frame.f_lineno)
        return tracer

    sys.settrace(tracer)
    func(*args, **kwargs)
    sys.settrace(None)  # drops a debugger's tracer; and never reached when func raises
    return lines

# %% course={"kind": "wrong", "id": "every-frame"}
import sys
from collections.abc import Callable


def covered_lines(func: Callable[..., Any], *args: Any, **kwargs: Any) -> set[int]:
    lines = set()

    def tracer(frame, event, arg):
        if event == "line":
            lines.add(frame.f_lineno)  # also the lines of every function func calls
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return lines

# %% course={"kind": "wrong", "id": "call-event-only"}
import sys
from collections.abc import Callable


def covered_lines(func: Callable[..., Any], *args: Any, **kwargs: Any) -> set[int]:
    lines = set()

    def tracer(frame, event, arg):
        if frame.f_code is func.__code__:
            lines.add(frame.f_lineno)  # only the "call" event: the def line, no body lines
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        func(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return lines

# %% [markdown] course={"kind": "exercise", "id": "isolated-tests", "item": "x-run-tests-in-parallel-with-pytest-xdist"}
# ### Make a suite safe for `pytest -n auto`
#
# This suite passes when run top to bottom, and fails under `pytest-xdist` (each worker process runs a share of
# the tests, in its own order) or `pytest-randomly`, because its tests share one module-level inventory:
#
# ```python
# inv = Inventory()
# def test_add():      inv.add("bolt", 5); assert inv.total() == 5
# def test_add_more(): inv.add("nut", 3);  assert inv.total() == 8    # needs test_add first
# def test_remove():   inv.remove("bolt", 5); assert inv.total() == 3 # needs both
# ```
#
# Rewrite it as a class `TestInventory` whose tests each get a fresh inventory from a fixture `inventory` of your
# own, built from the fixture `Inventory` (the tests give it: the class under test, or a broken one). Keep the
# three behaviours (adding adds, adding again adds more, removing takes away) and add one more: removing more
# units than in stock raises `ValueError`. The tests check that your suite passes in its order **and in reverse**,
# and that it catches seven broken inventories: `add` replacing the count instead of adding, `total` counting SKUs
# instead of units, `remove` adding instead of taking away, and four wrong stock checks in `remove`: none at all,
# only for an unknown SKU, one unit too lenient (stock may reach -1), one unit too strict (removing *all* the
# stock refused). The starter holds one failing placeholder test: replace the whole class.
#
# ```python
# class TestInventory:
#     @pytest.fixture
#     def inventory(self, Inventory):
#         return Inventory()
# ```

# %% [markdown] course={"kind": "hint"}
# A function-scoped fixture (the default) is made again for every test: each test sets up exactly the stock it needs,
# as if it ran alone.

# %% [markdown] course={"kind": "hint"}
# "Adding again adds more" must add the same SKU twice (`add("bolt", 5)` then `add("bolt", 2)` gives `7`), or an
# `add` that replaces the count still passes; and use two SKUs somewhere so counting SKUs differs from units.
# Check both ends of the stock rule: removing exactly what is there works (total 0), one more unit raises.

# %% course={"kind": "solution", "equivalent": {"m-fe035852": "test_add_more repeats this first add and checks the total after it: no bug changes one total and not the other"}}
import pytest


class TestInventory:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, Inventory):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestInventory:
    @pytest.fixture
    def inventory(self, Inventory):
        return Inventory()

    def test_add(self, inventory):
        inventory.add("bolt", 5)
        assert inventory.total() == 5

    def test_add_more(self, inventory):
        inventory.add("bolt", 5)
        inventory.add("bolt", 2)
        inventory.add("nut", 3)
        assert inventory.total() == 10

    def test_remove(self, inventory):
        inventory.add("bolt", 5)
        inventory.remove("bolt", 4)
        assert inventory.total() == 1
        inventory.remove("bolt", 1)  # all that is left: allowed (a check one unit too strict raises here)

    def test_remove_too_many(self, inventory):
        inventory.add("bolt", 1)
        with pytest.raises(ValueError):
            inventory.remove("bolt", 2)
### END SOLUTION

# %% course={"kind": "test", "points": 2}
forward = run_variants(TestInventory, "Inventory", {"correct": Inventory})["correct"]
backward = run_variants(TestInventory, "Inventory", {"correct": Inventory}, reverse=True)["correct"]
assert forward.green, f"your tests must pass on the real Inventory: {failures(forward)}"
assert backward.green, f"run in reverse order, these failed: {failures(backward)}: do they share an inventory?"
assert len(forward.outcomes) >= 4, f"keep the three behaviours and add the ValueError one: {len(forward.outcomes)} tests"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestInventory, "Inventory", {"correct": Inventory, **{
    k: INVENTORY_BUGS[k] for k in ("add-replaces", "total-skus", "remove-adds")}}, reverse=True)
assert runs["correct"].green, "your tests must pass on the real Inventory, in any order"
assert runs["add-replaces"].caught, "an add that replaces the count passed: add the same SKU twice"
assert runs["total-skus"].caught, "a total that counts SKUs, not units, passed your tests"
assert runs["remove-adds"].caught, f"a remove that adds the units passed: check the total after a remove {verdicts(runs)}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestInventory, "Inventory", {"correct": Inventory, **{
    k: INVENTORY_BUGS[k] for k in ("remove-below-zero", "unknown-only", "off-by-one", "refuses-all")}})
assert runs["correct"].green, "your tests must pass on the real Inventory"
assert runs["remove-below-zero"].caught, "a remove that goes below zero passed: expect ValueError"
assert runs["unknown-only"].caught, "a remove that only refuses unknown SKUs passed: remove too many of a SKU in stock"
assert runs["off-by-one"].caught, "a remove that lets the stock reach -1 passed: remove exactly one unit too many"
assert runs["refuses-all"].caught, f"a remove that refuses to take all the stock passed: {verdicts(runs)}"

# %% course={"kind": "wrong", "id": "class-attribute"}
import pytest


class TestInventory:
    shared = None  # one inventory kept on the class: the order of the tests matters again

    @pytest.fixture
    def inventory(self, Inventory):
        if TestInventory.shared is None:
            TestInventory.shared = Inventory()
        return TestInventory.shared

    def test_add(self, inventory):
        inventory.add("bolt", 5)
        assert inventory.total() == 5

    def test_add_more(self, inventory):
        inventory.add("bolt", 2)
        inventory.add("nut", 3)
        assert inventory.total() == 10

    def test_remove(self, inventory):
        inventory.remove("bolt", 4)
        assert inventory.total() == 6

    def test_remove_too_many(self, inventory):
        with pytest.raises(ValueError):
            inventory.remove("bolt", 99)

# %% course={"kind": "wrong", "id": "one-end-only", "fails": ["t3"]}
import pytest


class TestInventory:
    @pytest.fixture
    def inventory(self, Inventory):
        return Inventory()

    def test_add(self, inventory):
        inventory.add("bolt", 5)
        assert inventory.total() == 5

    def test_add_more(self, inventory):
        inventory.add("bolt", 5)
        inventory.add("bolt", 2)
        inventory.add("nut", 3)
        assert inventory.total() == 10

    def test_remove(self, inventory):
        inventory.add("bolt", 5)
        inventory.remove("bolt", 4)  # never removes all the stock: a check with <= still passes
        assert inventory.total() == 1

    def test_remove_too_many(self, inventory):
        with pytest.raises(ValueError):
            inventory.remove("bolt", 99)  # an unknown SKU, far too many: only the easiest case

# %% course={"kind": "wrong", "id": "different-skus-only"}
import pytest


class TestInventory:
    @pytest.fixture
    def inventory(self, Inventory):
        return Inventory()

    def test_add(self, inventory):
        inventory.add("bolt", 5)
        assert inventory.total() == 5

    def test_add_more(self, inventory):
        inventory.add("bolt", 5)
        inventory.add("nut", 3)  # never the same SKU twice: an add that replaces still passes
        assert inventory.total() == 8

    def test_remove(self, inventory):
        inventory.add("bolt", 5)
        inventory.remove("bolt", 4)
        assert inventory.total() == 1

    def test_remove_too_many(self, inventory):
        inventory.add("bolt", 1)
        with pytest.raises(ValueError):
            inventory.remove("bolt", 2)

# %% [markdown] course={"kind": "exercise", "id": "api-client-tests", "item": "project-14-1-1"}
# ### Project 14.1.1, tested core: a test suite for an HTTP client with retries
#
# `fetch_json(get, url, *, retries=2, sleep=None, timeout=2.0)` (given at the top) calls `get(url, timeout=timeout)`,
# which returns `(status, body)` or raises `TimeoutError`. On a 2xx it returns the parsed JSON body; on a 4xx it
# raises `ClientError` at once (no retry); on a 5xx or a timeout it calls `sleep(0.5)`, then `sleep(1.0)`, ...
# (doubling) and tries again, at most `retries` more times, then raises `ServiceError`.
#
# Write a class `TestFetchJson` whose tests ask for the fixture `fetch_json`. Hand it a fake `get` of your own that
# plays scripted replies and records its calls, and `sleep=` a recorder (nothing may really wait, nothing may touch
# the network). Your tests must pass on the real client and catch ten broken ones: a 4xx retried; a `400` (the
# first 4xx) retried; only `200` taken as success (a `201` retried); only `502`/`503`/`504` retried (a `500` gives
# up at once); a timeout not retried; one attempt too few; no backoff (always 0.5 s); the body returned as text;
# the `timeout` not passed on; `timeout=2.0` passed whatever the caller asked. The starter holds one failing
# placeholder test: replace the whole class.
#
# ```python
# get, calls = script((503, ""), (200, '{"ok": true}'))    # your fixture: a fake get and its record of calls
# sleeps = []
# assert fetch_json(get, "/cfg", sleep=sleeps.append) == {"ok": True} and sleeps == [0.5]
# ```

# %% [markdown] course={"kind": "hint"}
# A factory fixture: `script(*replies)` returns `(get, calls)`, where `get(url, timeout)` appends `(url, timeout)` to
# `calls` and returns the next reply, or raises it when the reply is an exception (`TimeoutError()`).

# %% [markdown] course={"kind": "hint"}
# One test per promise: success (a `201`) parses and passes your own `timeout=1.5` (check `calls`); a `400` must
# raise `ClientError` with no second call (script an `AssertionError` as the next reply: a reply that must never be
# asked for fails the test by itself); 503, timeout, 200 gives the JSON with `sleeps == [0.5, 1.0]`; 500, 502, 503
# with `retries=2` raise `ServiceError` after exactly three calls.

# %% course={"kind": "solution", "equivalent": {"m-7a2dfd73": "202 is a 2xx other than 200, like 201: the same success case", "m-33fc06dd": "502 and 503 are both gateway errors every version retries: the same case", "m-3f7a2f55": "504 and 503 are both gateway errors every version retries: the same case", "m-53100921": "201 in place of 200 is still success (and only-200 is caught by the success test)", "m-0164dbbc": "501, like 500, is a 5xx outside 502-504: the same give-up case", "m-7af270a4": "the first reply (500) already tells gateway-only apart; the second only has to be a 5xx", "m-149dcd27": "the first reply (500) already tells gateway-only apart; the second only has to be a 5xx", "m-3e0c7997": "the first reply (500) already tells gateway-only apart; the third only has to be a 5xx", "m-03e2c802": "the first reply (500) already tells gateway-only apart; the third only has to be a 5xx"}}
import pytest


class TestFetchJson:  # the starting point: one failing test. Replace the whole class with yours.
    def test_write_me(self, fetch_json):
        pytest.fail("no tests written yet")

### BEGIN SOLUTION
class TestFetchJson:
    @pytest.fixture
    def script(self):
        def make(*replies):
            calls = []

            def get(url, timeout):
                calls.append((url, timeout))
                reply = replies[len(calls) - 1]
                if isinstance(reply, BaseException):
                    raise reply
                return reply

            return get, calls

        return make

    def test_success_parses_json_and_passes_timeout(self, fetch_json, script):
        get, calls = script((201, '{"ok": true}'))
        assert fetch_json(get, "/cfg", sleep=None, timeout=1.5) == {"ok": True}
        assert calls == [("/cfg", 1.5)]

    def test_client_error_is_not_retried(self, fetch_json, script):
        get, calls = script((400, "bad request"), AssertionError("a 4xx was retried"))  # fails if ever asked for
        with pytest.raises(ClientError):
            fetch_json(get, "/cfg", sleep=lambda s: None)

    def test_retries_5xx_and_timeouts_with_backoff(self, fetch_json, script):
        get, calls = script((503, ""), TimeoutError(), (200, "[1]"))
        sleeps = []
        assert fetch_json(get, "/cfg", sleep=sleeps.append) == [1]
        assert sleeps == [0.5, 1.0]

    def test_gives_up_after_the_retries(self, fetch_json, script):
        get, calls = script((500, ""), (502, ""), (503, ""), AssertionError("one attempt too many"))
        with pytest.raises(ServiceError):
            fetch_json(get, "/cfg", retries=2, sleep=lambda s: None)
        assert len(calls) == 3
### END SOLUTION

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestFetchJson, "fetch_json", {"correct": fetch_json, **{
    k: FETCH_BUGS[k] for k in ("raw-body", "timeout-not-passed", "retries-4xx")}})
assert runs["correct"].green, f"your tests must pass on the real client: {failures(runs['correct'])}"
assert runs["raw-body"].caught, "a client returning the body as text passed: compare with the parsed JSON"
assert runs["timeout-not-passed"].caught, "a client that never passes timeout= to get passed: record the calls"
assert runs["retries-4xx"].caught, f"a client that retries a 404 passed: script a 404 then a 200 {verdicts(runs)}"

# %% course={"kind": "test", "points": 2}
runs = run_variants(TestFetchJson, "fetch_json", {"correct": fetch_json, **{
    k: FETCH_BUGS[k] for k in ("timeout-fixed", "only-200", "400-retried", "gateway-only")}})
assert runs["correct"].green, "your tests must pass on the real client"
assert runs["timeout-fixed"].caught, "a client that always passes timeout=2.0 passed: pass another timeout, check calls"
assert runs["only-200"].caught, "a client that takes only 200 as success passed: a 201 is a 2xx too"
assert runs["400-retried"].caught, "a client that retries a 400 passed: 400 is the first 4xx, test that end"
assert runs["gateway-only"].caught, f"a client that gives up at once on a 500 passed: count the calls {verdicts(runs)}"

# %% course={"kind": "test", "points": 3}
runs = run_variants(TestFetchJson, "fetch_json", {"correct": fetch_json, **{
    k: FETCH_BUGS[k] for k in ("timeout-not-retried", "one-retry-short", "no-backoff")}})
assert runs["correct"].green, "your tests must pass on the real client"
assert runs["timeout-not-retried"].caught, "a client that gives up at the first TimeoutError passed your tests"
assert runs["one-retry-short"].caught, "a client that makes one attempt too few passed: count the calls"
assert runs["no-backoff"].caught, f"a client that always sleeps 0.5 s passed: record the sleeps {verdicts(runs)}"

# %% course={"kind": "wrong", "id": "happy-path-client"}
import pytest


class TestFetchJson:
    def test_success(self, fetch_json):
        assert fetch_json(lambda url, timeout: (200, '{"ok": true}'), "/cfg") == {"ok": True}

    def test_not_found(self, fetch_json):
        with pytest.raises(ClientError):
            fetch_json(lambda url, timeout: (404, ""), "/cfg")  # every call is a 404: retrying is never seen

    def test_server_down(self, fetch_json):
        with pytest.raises(ServiceError):
            fetch_json(lambda url, timeout: (503, ""), "/cfg", sleep=lambda s: None)

# %% course={"kind": "wrong", "id": "sleeps-ignored"}
import pytest


class TestFetchJson:
    @pytest.fixture
    def script(self):
        def make(*replies):
            calls = []

            def get(url, timeout):
                calls.append((url, timeout))
                reply = replies[len(calls) - 1]
                if isinstance(reply, BaseException):
                    raise reply
                return reply

            return get, calls

        return make

    def test_success_parses_json_and_passes_timeout(self, fetch_json, script):
        get, calls = script((200, '{"ok": true}'))
        assert fetch_json(get, "/cfg", timeout=1.5) == {"ok": True}
        assert calls == [("/cfg", 1.5)]

    def test_client_error_is_not_retried(self, fetch_json, script):
        get, calls = script((404, "missing"), (200, "{}"))
        with pytest.raises(ClientError):
            fetch_json(get, "/cfg", sleep=lambda s: None)
        assert len(calls) == 1

    def test_retries(self, fetch_json, script):
        get, calls = script((503, ""), TimeoutError(), (200, "[1]"))
        assert fetch_json(get, "/cfg", sleep=lambda s: None) == [1]  # the delays are never looked at

    def test_gives_up_after_the_retries(self, fetch_json, script):
        get, calls = script((500, ""), (502, ""), (503, ""), (200, "{}"))
        with pytest.raises(ServiceError):
            fetch_json(get, "/cfg", retries=2, sleep=lambda s: None)
        assert len(calls) == 3

# %% course={"kind": "wrong", "id": "middle-statuses", "fails": ["t2"]}
import pytest


class TestFetchJson:
    @pytest.fixture
    def script(self):
        def make(*replies):
            calls = []

            def get(url, timeout):
                calls.append((url, timeout))
                reply = replies[len(calls) - 1]
                if isinstance(reply, BaseException):
                    raise reply
                return reply

            return get, calls

        return make

    def test_success_parses_json_and_passes_timeout(self, fetch_json, script):
        get, calls = script((200, '{"ok": true}'))
        assert fetch_json(get, "/cfg", timeout=1.5) == {"ok": True}
        assert calls == [("/cfg", 1.5)]

    def test_client_error_is_not_retried(self, fetch_json, script):
        get, calls = script((404, "missing"), (200, "{}"))  # 200 and 404: never the ends of 2xx and 4xx
        with pytest.raises(ClientError):
            fetch_json(get, "/cfg", sleep=lambda s: None)
        assert len(calls) == 1

    def test_retries(self, fetch_json, script):
        get, calls = script((503, ""), TimeoutError(), (200, "[1]"))
        sleeps = []
        assert fetch_json(get, "/cfg", sleep=sleeps.append) == [1]
        assert sleeps == [0.5, 1.0]

    def test_gives_up_after_the_retries(self, fetch_json, script):
        get, calls = script((503, ""), (503, ""), (503, ""), (200, "{}"))
        with pytest.raises(ServiceError):
            fetch_json(get, "/cfg", retries=2, sleep=lambda s: None)
        assert len(calls) == 3

# %% [markdown] course={"kind": "task", "id": "api-client-suite-review", "points": 3, "item": "project-14-1-1"}
# ### Project 14.1.1, the rest: a suite you would trust in CI
#
# Take your `TestFetchJson` further as a real test module for a real client (yours, or `fetch_json` wrapped around
# `httpx`): test it against a local server on 127.0.0.1 (`course.runtime.aio.serve` starts one) for one
# integration test, keep the unit tests on fakes, and measure coverage (`pip install pytest-cov`, then
# `pytest --cov=yourmodule --cov-report=term-missing`) until every branch that matters has run (the roadmap asks for
# more than 90 %). Write down which lines stay uncovered and why that is acceptable.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: success, 4xx, 5xx, timeout and give-up cases each have a test that fails on the matching bug (not
#   only status codes: the parsed value, the number of calls, the delays).
# - 1 point: no test waits for real time or touches the network beyond 127.0.0.1; the integration test starts and
#   stops its own server.
# - 1 point: a coverage report above 90 % with the uncovered lines explained; no test exists only to raise coverage
#   (each asserts something).

# %% [markdown] course={"kind": "task", "id": "test-harness", "points": 4, "item": "project-14-1-2"}
# ### Project 14.1.2: a reusable test harness
#
# Build a small harness your team could drop into any service repository: a `conftest.py` with the common fixtures
# (a temporary config folder, an in-memory or `tmp_path` SQLite database with teardown, an environment set with
# `monkeypatch`, a factory fixture for test data), a command-line option `--env` (`pytest_addoption`; values
# `local`, `staging`) that a session fixture turns into the base URL and credentials of that environment, markers
# `integration` and `slow` declared with `--strict-markers`, and a JUnit XML report for CI (`--junitxml=report.xml`).
# Show it working with `run_files({...})` from this notebook: the same tests run with `--env local` and
# `--env staging`, and `-m "not integration"` deselects what needs a network.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: fixtures are small, function-scoped unless sharing is safe, and every resource has a `yield` teardown.
# - 1 point: `--env` is validated (an unknown value stops the run with a clear message) and no test reads the
#   environment directly: they ask for a fixture.
# - 1 point: markers declared, `--strict-markers` on, and a deselected run shown.
# - 1 point: the JUnit XML report is produced and read back (test count, failures) rather than parsed from stdout.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-test-pyramid"}
# A picture of how many tests of each kind a healthy suite has. At the bottom, many fast **unit** tests: one function
# or class, no network, milliseconds each; a failure points at a few lines. In the middle, fewer **integration**
# tests: your code with a real database, queue or HTTP server (started locally), checking the seams that fakes
# hide. At the top, a handful of **end-to-end** tests through the deployed system, which are slow, flaky and hard to
# diagnose. Going up buys realism and costs speed and precision, so each behaviour is tested as low as it can be;
# an "ice-cream cone" (mostly manual or e2e tests) is the anti-pattern.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-pytest-fixtures-work"}
# A fixture is a function decorated with `@pytest.fixture`; a test (or another fixture) asks for it by naming it as
# a parameter, and pytest resolves the whole graph of fixtures, calls each once per its **scope** (`function`
# by default, or `class`, `module`, `package`, `session`) and caches the value for that scope. A `yield` fixture
# runs its code after the `yield` as teardown, in reverse order of setup, even when the test failed. Fixtures come
# from the test module, any `conftest.py` above it, plugins and pytest itself (`tmp_path`, `monkeypatch`, `capsys`);
# `autouse=True` applies one without asking, `params=[...]` runs every test that uses it once per value.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-test-async-code"}
# pytest alone does not run `async def` tests (pytest 8.4+ fails them with a hint), so use a plugin:
# `pytest-asyncio` (`@pytest.mark.asyncio`, or `asyncio_mode = "auto"`) or `anyio`'s pytest plugin, which run each
# test in an event loop and allow async fixtures. Or call `asyncio.run(...)` inside a plain test. For speed and
# determinism, never sleep for real: inject the clock or `sleep`, and force interleavings with events instead of
# timeouts; for HTTP, use `httpx.ASGITransport` or a local server on 127.0.0.1, and check that tasks are cancelled
# and connections closed when the test ends.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-test-coverage-and-how-much-is"}
# Coverage is the share of your code that ran during the tests: lines (statement coverage) or also both sides of
# every `if` (branch coverage, `--cov-branch`), measured by `coverage.py` (through `pytest-cov`) with a trace hook.
# It shows what is **not** tested, never that what ran was checked: a test without assertions covers lines too.
# A common bar is 80–90 % with branch coverage, enforced in CI with `--cov-fail-under` so it does not slip, plus a
# look at *which* lines are missing: error handling and retries matter more than the last percent. Mutation testing
# (planting bugs, as this section's exercises do) measures what coverage cannot: whether the tests notice.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-organize-tests-in-a-large"}
# Mirror the package: `tests/unit/<package path>/test_<module>.py`, with `tests/integration/` and `tests/e2e/`
# apart so CI can run them as separate, differently timed jobs (or select them with markers). Shared fixtures go
# in the nearest `conftest.py` that covers every user, and no higher; factories instead of big shared objects.
# Configure once in `pyproject.toml` (`testpaths`, `--strict-markers`, declared markers, `filterwarnings = error`).
# Keep tests independent (they must pass alone, in any order, under `pytest -n auto`), name them after behaviour,
# and quarantine (mark and track) flaky ones instead of retrying them silently.

# %% course={"kind": "trap", "trap": "trap-100-coverage-doesn-t-mean-bug-free-code"}
# Every line of `average` runs in this test, so a coverage tool reports 100 %. The bug (an empty list) is still there.
covered = run_files({
    "stats.py": "def average(values):\n    return sum(values) / len(values)\n",
    "test_stats.py": "from stats import average\ndef test_average():\n    assert average([2, 4]) == 3\n",
})
print("suite:", covered.counts(), "| every line of average ran")
try:
    print(sum([]) / len([]))
except ZeroDivisionError as error:
    print("average([]) ->", type(error).__name__, error)

# %% course={"kind": "trap", "trap": "trap-testing-implementation-details-vs"}
# A test that reads the private `items` of LRUCache breaks when the cache is rewritten, though it behaves the same.
class DictLRU:  # the same behaviour, another inside: a plain dict kept in recency order, no `items` attribute
    def __init__(self, capacity: int) -> None:
        self.capacity, self.data = capacity, {}

    def get(self, key: Any) -> Any:
        if key not in self.data:
            return -1
        self.data[key] = self.data.pop(key)
        return self.data[key]

    def put(self, key: Any, value: Any) -> None:
        self.data.pop(key, None)
        self.data[key] = value
        if len(self.data) > self.capacity:
            del self.data[next(iter(self.data))]


class TestInternals:
    def test_order(self, make):
        cache = make(2)
        cache.put("a", 1)
        cache.put("b", 2)
        assert list(cache.items) == ["a", "b"]  # reads the private OrderedDict


class TestBehaviour:
    def test_order(self, make):
        cache = make(2)
        cache.put("a", 1)
        cache.put("b", 2)
        cache.put("c", 3)
        assert [cache.get("a"), cache.get("b"), cache.get("c")] == [-1, 2, 3]


for suite in (TestInternals, TestBehaviour):
    runs = run_variants(suite, "make", {"LRUCache": LRUCache, "DictLRU": DictLRU})
    print(f"{suite.__name__:14}", verdicts(runs))  # "caught": the suite fails on that implementation


# %% course={"kind": "trap", "trap": "trap-slow-tests-in-ci-cd-pipelines"}
# Mark the slow tests and let the fast lane deselect them; the full run happens less often (nightly, before release).
slow_suite = {
    "pytest.ini": "[pytest]\naddopts = --strict-markers\nmarkers =\n    slow: minutes, not seconds\n",
    "test_model.py": """
        import pytest
        def test_schema(): pass
        def test_tokenizer(): pass
        @pytest.mark.slow
        def test_full_training_run(): pass
        @pytest.mark.slow
        def test_end_to_end_deploy(): pass
    """,
}
fast_lane = run_files(slow_suite, "-m", "not slow")
print("every push:", fast_lane.by_outcome("passed"))
print("nightly:   ", run_files(slow_suite).by_outcome("passed"))

# %% course={"kind": "trap", "trap": "trap-flaky-tests"}
# A test that depends on another test's leftovers passes or fails with the order: the same code, two verdicts.
# (Randomness without a seed, real sleeps and set iteration order make tests flaky the same way.)
leaky = {"test_cache.py": """
    CACHE = {}
    def test_fill():
        CACHE["model"] = "v2"
        assert CACHE["model"] == "v2"
    def test_read():
        assert CACHE.get("model") == "v2"   # only true if test_fill ran first, in this process
"""}
print("in file order:", run_files(leaky).counts())
print("reversed:     ", run_files(leaky, reverse=True).counts())
