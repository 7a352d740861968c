# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run the real quality tools (ruff for linting and formatting, mypy
# for types, bandit for security) on a project, configure them in `pyproject.toml`, fix what they find
# without silencing it, measure complexity, and wire all of it into pre-commit and a CI quality gate.

# %% course={"kind": "setup", "id": "tools"}
# What the demos and tests share. `project(files)` writes a small project into a new folder inside a
# temporary folder of this kernel (removed when it stops); `ruff_check`, `ruff_unformatted`, `mypy_check`
# and `bandit_check` run the real tools on such a folder and return `Finding(path, line, code, tool)`
# tuples, read from the tools' JSON output. Tests compare rule codes, never message text: the wording
# changes between tool versions, the codes do not.
import ast
import io
import json
import pickle
import re
import subprocess
import textwrap
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from ruff.__main__ import find_ruff_bin

from course.runtime.lint import (
    Finding,
    bandit_check,
    bandit_report,
    mypy_check,
    project,
    ruff_check,
    ruff_formatted,
    ruff_unformatted,
    silencers,
)


def load(source: str, name: str = "learner") -> dict[str, Any]:
    """Run module source in a fresh namespace and return it (how tests call the functions in it)."""
    namespace: dict[str, Any] = {"__name__": name}
    exec(compile(source, f"{name}.py", "exec"), namespace)
    return namespace


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]

# %% [markdown] course={"kind": "lesson", "id": "formatting", "covers": ["c-code-formatting", "c-black-opinionated-formatter", "c-isort-import-sorting", "c-autopep8", "c-editor-integration"]}
# ### Formatting: let a tool decide the layout
#
# A **formatter** rewrites the layout of code (line breaks, quotes, spaces, trailing commas) and never its
# meaning. The point is not beauty: it is that nobody argues about layout in review again, and that diffs
# show only real changes.
#
# | tool | what it does |
# |---|---|
# | `black` | the opinionated formatter: almost no options (line length, target versions), one style for everyone |
# | `ruff format` | a reimplementation of black's style in Rust, much faster; what this notebook runs |
# | `isort` | sorts and groups imports (standard library, third party, first party); in ruff: the `I` rules (`I001`), fixed by `ruff check --fix` |
# | `autopep8` | fixes only what pycodestyle reports, leaves the rest of the layout alone: a gentler first step for an old code base |
#
# **Editor integration**: the editor runs the same formatter on save (the ruff or black extension of
# VS Code, PyCharm's file watchers, `ruff server` as a language server) and reads the same
# `pyproject.toml`, so the editor, pre-commit and CI can never disagree.
#
# **The one thing people get wrong**: formatting is not linting. A formatter does not remove an unused
# import or catch `== None`; a linter does not reflow your lines. You need both, and the formatter's check
# mode (`ruff format --check`, `black --check`) is what CI runs: it changes nothing, it fails.

# %% course={"kind": "demo"}
messy = "import sys,os\ndef  area(w,h) :\n  return w*h\nprint( area(2,3),'cm2' )\n"
print(ruff_formatted(messy))

# %% [markdown] course={"kind": "text"}
# The meaning is untouched (the unsorted imports are still there: sorting them is the linter's job, rule
# `I001`). Formatting twice gives the same text, which is why a check can simply compare:

# %% course={"kind": "demo"}
once = ruff_formatted(messy)
print("stable:", ruff_formatted(once) == once)
folder = project({"app.py": messy, "clean.py": once})
print("ruff format would change:", ruff_unformatted(folder))
print("ruff check --select I:", codes(ruff_check(folder, "--select", "I")))

# %% [markdown] course={"kind": "lesson", "id": "linting", "covers": ["c-linting", "c-flake8-style-checker", "c-pylint-comprehensive-linter", "c-ruff-fast-linter", "c-configuration-and-rules", "c-ignoring-rules"]}
# ### Linting: rules with codes
#
# A **linter** reads code without running it and reports patterns that are wrong or risky. Every finding
# has a **rule code**, and the code, not the message, is what you configure, ignore and search for.
#
# | tool | what it is |
# |---|---|
# | `flake8` | a driver around pycodestyle (`E`/`W`: style), pyflakes (`F`: real mistakes) and mccabe (`C90`); plugins add more (`B` from flake8-bugbear) |
# | `pylint` | a deeper, slower linter that infers types across modules; codes like `W0102` (dangerous default), `R0913` (too many arguments) |
# | `ruff` | flake8, its popular plugins, isort, pyupgrade and more reimplemented in Rust (`ruff rule --all` lists 977 in ruff 0.17.6, 145 of them preview-only); one tool, one config |
#
# Codes worth knowing by heart: `F401` unused import, `F841` unused variable, `F821` undefined name,
# `E711` comparison to `None` with `==`, `E722` bare `except:`, `B006` mutable default argument,
# `B008` function call in a default argument, `I001` unsorted imports, `C901` too complex.
#
# **Configuration** lives in `pyproject.toml` under `[tool.ruff.lint]`: `select` (which rule families or
# codes), `ignore` (codes to drop), `per-file-ignores` (a glob to a list of codes, e.g. `F401` in
# `__init__.py`, where imports are re-exports). **Ignoring one line**: `# noqa: F401` after it.
#
# **The one thing people get wrong**: a bare `# noqa` (no code) silences *every* rule on that line,
# including the ones nobody has seen yet. Always name the code, and prefer fixing.

# %% course={"kind": "demo"}
risky = textwrap.dedent(
    """\
    import os


    def add_tag(tag, tags=[]):
        if tag == None:
            return tags
        tags.append(tag)
        return tags
    """
)
folder = project({"tags.py": risky})
for finding in ruff_check(folder, "--select", "E,F,B"):
    print(finding)

# %% [markdown] course={"kind": "text"}
# `B006` is not style: the default list is made once, when `def` runs, and shared by every call.

# %% course={"kind": "demo"}
tags = load(risky)
print(tags["add_tag"]("a"), tags["add_tag"]("b"))  # the second call still sees "a"

# %% [markdown] course={"kind": "text"}
# A bare `# noqa` hides every finding on its line; `# noqa: E711` hides only that one:

# %% course={"kind": "demo"}
quiet = risky.replace("if tag == None:", "if tag == None:  # noqa").replace("tags=[]):", "tags=[]):  # noqa: E711")
print(codes(ruff_check(project({"tags.py": quiet}), "--select", "E,F,B")))

# %% [markdown] course={"kind": "lesson", "id": "typing", "covers": ["c-type-checking", "c-mypy-static-type-checker", "c-type-annotations", "c-strict-mode", "c-common-type-errors", "c-typing-module", "c-type-stubs"]}
# ### Type checking with mypy
#
# **Type annotations** (`def retries(job: Job) -> int`) do nothing at run time; a **type checker** such as
# `mypy` reads them and proves, before anything runs, that every call fits. In a pipeline that runs for an
# hour before it reaches the line with `None.strip()`, that is an hour saved.
#
# mypy only checks functions that have annotations; an unannotated function is silently skipped (its
# arguments are `Any`). **Strict mode** (`--strict`, or `strict = true` under `[tool.mypy]`) turns on
# the flags that close those gaps: `disallow_untyped_defs` (every function annotated), `no_implicit_reexport`,
# `warn_return_any`, `disallow_any_generics` (`list` must say `list[str]`) and more.
#
# Common errors, by mypy's error code: `union-attr` (using a `str | None` as a `str` before narrowing),
# `arg-type`, `return-value`, `no-untyped-def` (strict), `typeddict-item` (a key a `TypedDict` does not
# have), `attr-defined`, `import-untyped` (a library with no types).
#
# The `typing` module gives the vocabulary: `X | None` (also spelled `Optional[X]`), `TypedDict` (a dict
# with known keys, for JSON), `Protocol` (any object with these methods: structural typing, "duck typing
# checked"), `TypeVar` / generics (`def first(xs: list[T]) -> T`), `Literal`, `Callable`, `Final`.
#
# **Type stubs** (`.pyi` files) describe a module's types without its code. Typed libraries ship a
# `py.typed` marker; for the others there are stub packages (`types-requests`, `types-PyYAML`), and a
# `.pyi` next to a `.py` wins over it for mypy.
#
# **The one thing people get wrong**: silencing instead of fixing. `# type: ignore`, `Any` and `cast()`
# make the error go away and the bug stay. Narrow instead (`if job is None: ...`), and keep `Any` at the
# edges where data really is unknown.

# %% course={"kind": "demo"}
typed = textwrap.dedent(
    """\
    def find(names: list[str], prefix: str) -> str | None:
        for name in names:
            if name.startswith(prefix):
                return name
        return None


    def shout(names: list[str]) -> str:
        return find(names, "a").upper()


    def untyped(x):
        return x + 1
    """
)
folder = project({"names.py": typed})
print("default:", mypy_check(folder))
print("strict: ", mypy_check(folder, strict=True))

# %% [markdown] course={"kind": "text"}
# Without `--strict` only `union-attr` appears: `untyped` has no annotations, so mypy does not look
# inside it. Strict mode reports it as `no-untyped-def`. A stub file shows how mypy sees a module it
# cannot read: here `legacy.pyi` says what `legacy.py` (untyped) returns, and mypy believes the stub.

# %% course={"kind": "demo"}
folder = project(
    {
        "legacy.py": "def port(name):\n    return {'http': 80}.get(name)\n",
        "legacy.pyi": "def port(name: str) -> int | None: ...\n",
        "use.py": "from legacy import port\n\nnext_port: int = port('http') + 1\n",
    }
)
print(mypy_check(folder, "use.py", strict=True))

# %% [markdown] course={"kind": "lesson", "id": "security", "covers": ["c-security-scanning", "c-bandit-security-linter", "c-common-security-issues", "c-severity-levels"]}
# ### Security scanning with bandit
#
# `bandit` walks the syntax tree of every file looking for known-dangerous calls. Each finding has a
# **test id**, a **severity** (how bad it is if real) and a **confidence** (how sure bandit is), each
# `LOW`, `MEDIUM` or `HIGH`.
#
# | id | what | the fix |
# |---|---|---|
# | `B602` | `subprocess` call with `shell=True` (command injection through a file name or argument) | pass a list of arguments, no shell |
# | `B105`, `B106` | a hard-coded password string (assigned / passed as an argument) | read it from the environment or a secret store |
# | `B301`, `B403` | `pickle.loads` / `import pickle`: unpickling runs code chosen by whoever wrote the bytes | JSON for data |
# | `B307` | `eval` | `ast.literal_eval`, or a parser |
# | `B506` | `yaml.load` without a safe loader | `yaml.safe_load` |
# | `B108` | a hard-coded `/tmp` path | `tempfile` |
#
# `bandit -r src -f json` gives a report to parse; `-l`, `-ll`, `-lll` keep only LOW+, MEDIUM+, HIGH
# findings; `# nosec B602` silences one line. Ruff carries many of the same checks as its `S` rules.
#
# **The one thing people get wrong**: treating the severity as a verdict. It rates the pattern, not your
# data: `B105` fires on any string assigned to a name like `password` (a test fixture too), and a
# `LOW` finding on input from a user can be the real hole. Read each finding; fix the real ones;
# silence the rest with `# nosec` *and* a test id, never blanket. Below, `B404` (LOW) only says that
# `subprocess` is imported: a reminder to look, nothing to fix. And a clean report proves little:
# bandit 1.9 says nothing about `env.get("DB_PASSWORD", "hunter2")`, a default password all the same.

# %% course={"kind": "demo"}
unsafe = textwrap.dedent(
    """\
    import pickle
    import subprocess

    DB_PASSWORD = "hunter2"


    def lines_in(path):
        return subprocess.run(f"wc -l {path}", shell=True, capture_output=True).stdout


    def restore(blob):
        return pickle.loads(blob)
    """
)
folder = project({"jobs.py": unsafe})
for result in bandit_report(folder)["results"]:
    print(result["test_id"], result["line_number"], result["issue_severity"], result["issue_confidence"])

# %% [markdown] course={"kind": "lesson", "id": "complexity", "covers": ["c-complexity-analysis", "c-cyclomatic-complexity", "c-radon-complexity-metrics", "c-code-maintainability"]}
# ### Complexity: counting the paths through a function
#
# **Cyclomatic complexity** (McCabe, 1976) is the number of independent paths through a function: 1 for
# the straight line, plus 1 for every decision point (`if`, `elif`, a loop, an `except` clause...). It is
# roughly the number of tests you need to run every branch once. Above 10 a function is hard to test and
# risky to change.
#
# Tools differ on what counts. Ruff's `C901` (its port of flake8's mccabe plugin) counts
# statements that branch; `and`/`or`, `x if c else y` and the `if` of a comprehension do not count.
# `radon cc` also counts boolean operators, and grades functions `A` (1-5), `B` (6-10), `C` (11-20) up to
# `F`; `radon mi` computes a **maintainability index** (0-100) from complexity, size and Halstead volume.
#
# Maintainable code is more than a number: short functions with one job, names that say what, no deep
# nesting (return early), and tests. The metric is a smoke detector, not the fire.
#
# **The one thing people get wrong**: gaming the metric. Moving three `if`s into a dict of lambdas or a
# chain of `and`/`or` lowers the number and makes the code harder to read; split by meaning instead.

# %% course={"kind": "demo"}
branchy = textwrap.dedent(
    """\
    def grade(score):
        if score < 0 or score > 100:
            raise ValueError(score)
        if score >= 90:
            return "A"
        elif score >= 75:
            return "B"
        for bonus in (5, 10):
            if score + bonus >= 75:
                return "B-"
        return "C" if score >= 50 else "F"
    """
)
folder = project({"grade.py": branchy})
pyproject = "[tool.ruff.lint]\nselect = ['C901']\n\n[tool.ruff.lint.mccabe]\nmax-complexity = {}\n"
for limit in range(3, 7):
    write = folder / "pyproject.toml"
    write.write_text(pyproject.format(limit), encoding="utf-8")
    print(f"max-complexity = {limit}:", codes(ruff_check(folder, config="pyproject.toml")))

# %% [markdown] course={"kind": "text"}
# `grade` scores 6 (1 + `if` + `if` + `elif` + `for` + `if`): flagged while the limit is below 6. The
# `or` and the final conditional expression add nothing in ruff's count; radon would count the `or`.

# %% [markdown] course={"kind": "lesson", "id": "pre-commit", "covers": ["c-pre-commit-hooks", "c-pre-commit-framework", "c-hook-configuration", "c-common-hooks", "c-ci-integration"]}
# ### Pre-commit hooks
#
# Git runs `.git/hooks/pre-commit` before every commit and refuses the commit when it fails. The
# **pre-commit framework** (`pip install pre-commit`) manages those hooks from one file in the repository,
# `.pre-commit-config.yaml`: a list of `repos`, each with the `repo` URL, a `rev` (a tag or commit: pinned,
# so everyone runs the same version) and the `hooks` to use from it, each by `id` with optional `args`,
# `files`, `exclude`. `repo: local` hooks run a command of your own (`entry`, `language`, `name`).
#
# `pre-commit install` writes the git hook (once per clone); from then on the hooks run on the *staged*
# files. `pre-commit run --all-files` runs them on everything: that is the **CI integration** (the same
# file, so CI and laptops agree), and `pre-commit autoupdate` bumps the `rev`s.
#
# Common hooks: `ruff` (with `--fix`) and `ruff-format` from `astral-sh/ruff-pre-commit`, `mypy` from
# `pre-commit/mirrors-mypy`, and from `pre-commit/pre-commit-hooks`: `trailing-whitespace`,
# `end-of-file-fixer`, `check-yaml`, `check-added-large-files`, `detect-private-key`.
#
# **The one thing people get wrong**: hooks are a convenience, not a gate. Anyone can commit with
# `--no-verify` or never run `pre-commit install`; only CI running the same checks enforces them. (And
# this notebook does not run `pre-commit install`: it clones each repo from the network.)

# %% course={"kind": "demo"}
config_text = textwrap.dedent(
    """\
    repos:
      - repo: https://github.com/astral-sh/ruff-pre-commit
        rev: v0.6.9
        hooks:
          - id: ruff
            args: [--fix]
          - id: ruff-format
      - repo: local
        hooks:
          - id: bandit
            name: bandit
            entry: bandit -q -ll
            language: system
            types: [python]
    """
)
config = yaml.safe_load(config_text)
for repo in config["repos"]:
    print(repo["repo"], repo.get("rev"), [hook["id"] for hook in repo["hooks"]])

# %% [markdown] course={"kind": "text"}
# YAML reads an unquoted version that looks like a number as a number: `rev: 1.10` is the float `1.1`,
# which names a different tag. Quote it (`rev: "1.10"`), or use the `v` prefix most tags have.

# %% course={"kind": "demo"}
print(yaml.safe_load("rev: 1.10"), yaml.safe_load("rev: '1.10'"), yaml.safe_load("rev: v1.10"))

# %% [markdown] course={"kind": "lesson", "id": "review-tools", "covers": ["c-code-review-tools", "c-automated-review-comments", "c-pr-checks", "c-quality-gates"]}
# ### Code review tools, PR checks and quality gates
#
# - **Automated review comments**: the tools print findings in a format the code host understands, and the
#   finding appears as a comment on the changed line. `ruff check --output-format github` prints GitHub
#   Actions annotations; reviewdog, SonarQube or CodeRabbit-style bots post comments on pull requests.
# - **PR checks**: a CI job per pull request; the branch protection rule marks it *required*, so a red
#   check blocks the merge.
# - **A quality gate** is the rule that decides red or green: "no lint findings, the formatter changes
#   nothing, mypy strict passes, no bandit finding of MEDIUM or above, no function over complexity 10".
#   A CI step fails through its **exit code**: 0 passes, anything else fails. Every tool here follows
#   that (ruff and mypy exit 1 on findings, bandit too), so a gate script is a few lines.
#
# On legacy code, a gate that fails on everything is switched off within a week. Gate the *new* code
# (per-file ignores for old modules, mypy overrides per package, ruff's `--add-noqa` once to baseline),
# then shrink the exceptions.
#
# **The one thing people get wrong**: a gate that reports but never fails (`|| true`, `continue-on-error`).

# %% course={"kind": "demo"}
# ruff's own binary, run directly, to show its exit code and the annotation format
folder = project({"tags.py": risky})
run = subprocess.run(
    [find_ruff_bin(), "check", "--isolated", "--no-cache", "--select", "F,B", "--output-format", "github", "."],
    cwd=folder,
    capture_output=True,
    text=True,
    encoding="utf-8",
)
print("exit code:", run.returncode)
print(run.stdout)

# %% [markdown] course={"kind": "exercise", "id": "fix-lint-findings", "item": "x-set-up-black-isort-and-flake8"}
# ### Exercise: make ruff happy without silencing it
#
# `BROKEN` below is a module with lint findings (`F401`, `B006`, `E711`, `E701`) and layout that
# `ruff format` would change. Write `FIXED`: the same module with the same behaviour, for which
# `ruff check --select E,F,B,I` finds nothing and `ruff format` changes nothing. No `# noqa` anywhere.
#
# Behaviour to keep: `tally(words, counts=None)` counts the words that are not `None` into `counts`
# (a new dict when none is given, the caller's dict when one is) and returns it;
# `first_set(names, env)` returns the value of the first name present in the mapping `env` whose value
# is not `None` (an empty string counts: it is present), else `None`.
#
# ```python
# >>> tally(["a", None, "a"])      # twice in a row: the same answer, no memory between calls
# {'a': 2}
# ```

# %% [markdown] course={"kind": "hint"}
# Run the checks on your text as you go: `ruff_check(project({"m.py": FIXED}), "--select", "E,F,B,I")`
# and `ruff_formatted(FIXED) == FIXED`.

# %% [markdown] course={"kind": "hint"}
# The mutable default becomes `counts=None` plus `if counts is None: counts = {}` inside. `== None` becomes
# `is None`; `!= None` becomes `is not None` (not a truth test: `""` is a value that is set).

# %% course={"kind": "solution"}
BROKEN = '''\
import os
import sys
from collections import Counter


def tally(words, counts={}):
    for w in words:
        if w == None: continue
        counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        value = env.get(n)
        if value != None:
            return value
    return None
'''
FIXED = BROKEN  # the starting point: copy BROKEN's text into FIXED below and fix it there
### BEGIN SOLUTION
FIXED = '''\
def tally(words, counts=None):
    if counts is None:
        counts = {}
    for w in words:
        if w is None:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        value = env.get(n)
        if value is not None:
            return value
    return None
'''
### END SOLUTION

# %% course={"kind": "test", "points": 2}
lint_folder = project({"m.py": FIXED})
left = ruff_check(lint_folder, "--select", "E,F,B,I", "--ignore-noqa")
assert left == (), f"ruff still finds (a # noqa hides nothing here): {left}"
assert silencers(FIXED) == (), f"fix the findings instead of hiding them: {silencers(FIXED)}"

# %% course={"kind": "test", "points": 1}
assert ruff_unformatted(lint_folder) == (), "ruff format would still change the layout: compare with ruff_formatted(FIXED)"

# %% course={"kind": "test", "points": 4}
fixed = load(FIXED)
assert fixed["tally"](["a", None, "a"]) == {"a": 2}, "count the words, skip None"
assert fixed["tally"](["b"]) == {"b": 1}, "a second call must start from a new dict (B006)"
assert fixed["first_set"](["A", "B"], {"B": "2"}) == "2", "skip names that are missing"
assert fixed["first_set"](["A", "B"], {"A": "", "B": "2"}) == "", "an empty string is a value that is set"
### BEGIN HIDDEN TESTS
mine = {"a": 1}
assert fixed["tally"](["a", "", 0], mine) is mine and mine == {"a": 2, "": 1, 0: 1}, "the caller's dict is filled; '' and 0 are words"
assert fixed["tally"]([]) == {} and fixed["tally"](iter([])) == {}
empty: dict[str, int] = {}
assert fixed["tally"](["x"], empty) is empty and empty == {"x": 1}, "an empty dict passed in is still the caller's dict"
assert fixed["first_set"](["A", "B"], {"A": None, "B": "2"}) == "2"
assert fixed["first_set"](["A"], {}) is None and fixed["first_set"]([], {"A": "1"}) is None
assert fixed["first_set"](["B", "A"], {"A": "1", "B": "0"}) == "0", "the order of names decides"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "noqa-everything"}
FIXED = '''\
import os  # noqa


def tally(words, counts=None):
    if counts is None:
        counts = {}
    for w in words:
        if w is None:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        value = env.get(n)
        if value is not None:
            return value
    return None
'''

# %% course={"kind": "wrong", "id": "truthy-instead-of-none"}
FIXED = '''\
def tally(words, counts=None):
    counts = counts or {}
    for w in words:
        if w is None:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        value = env.get(n)
        if value:
            return value
    return None
'''

# %% course={"kind": "wrong", "id": "one-line-if-kept"}
FIXED = '''\
def tally(words, counts=None):
    if counts is None: counts = {}
    for w in words:
        if w is not None:
            counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        if env.get(n) is not None:
            return env.get(n)
    return None
'''

# %% course={"kind": "wrong", "id": "noqa-upper-case"}
FIXED = '''\
# ruff: noqa: F401
import os


def tally(words, counts=None):
    if counts is None:
        counts = {}
    for w in words:
        if w is None:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts


def first_set(names, env):
    for n in names:
        value = env.get(n)
        if value != None:  # NOQA: E711
            return value
    return None
'''

# %% course={"kind": "wrong", "id": "dropped-a-function"}
FIXED = '''\
def tally(words, counts=None):
    if counts is None:
        counts = {}
    for w in words:
        if w is None:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts
'''

# %% [markdown] course={"kind": "exercise", "id": "ruff-config", "item": "x-set-up-black-isort-and-flake8"}
# ### Exercise: write the ruff configuration a project obeys
#
# Write `ruff_pyproject(select, ignore, per_file_ignores, line_length)` that returns the text of a
# `pyproject.toml` configuring ruff: `line-length` under `[tool.ruff]`, and `select`, `ignore` and
# `per-file-ignores` (a glob -> list of codes) under `[tool.ruff.lint]` (the place current ruff reads
# them from; top-level `select` is deprecated). Leave out `ignore` when it is empty and the
# `per-file-ignores` table when there are none. Strings may hold any character (quote them properly).
#
# ```python
# >>> print(ruff_pyproject(["E", "F"], ["E501"], {"__init__.py": ["F401"]}, 100))
# [tool.ruff]
# line-length = 100
#
# [tool.ruff.lint]
# select = ["E", "F"]
# ignore = ["E501"]
#
# [tool.ruff.lint.per-file-ignores]
# "__init__.py" = ["F401"]
# ```
#
# Tests read your text with `tomllib` and then run ruff with it on a small project.

# %% [markdown] course={"kind": "hint"}
# A TOML basic string is written like a JSON string: `json.dumps(code)` quotes and escapes it, and
# `json.dumps(["E", "F"])` is a valid TOML array too.

# %% [markdown] course={"kind": "hint"}
# Keys like `tests/*.py` or `__init__.py` contain `.` and `/`: as bare keys they would mean nested tables
# or be invalid. Quote them too.

# %% course={"kind": "solution"}
def ruff_pyproject(select: list[str], ignore: list[str], per_file_ignores: dict[str, list[str]], line_length: int) -> str:
    ### BEGIN SOLUTION
    lines = ["[tool.ruff]", f"line-length = {line_length}", "", "[tool.ruff.lint]", f"select = {json.dumps(select)}"]
    if ignore:
        lines.append(f"ignore = {json.dumps(ignore)}")
    if per_file_ignores:
        lines += ["", "[tool.ruff.lint.per-file-ignores]"]
        lines += [f"{json.dumps(glob)} = {json.dumps(codes)}" for glob, codes in per_file_ignores.items()]
    return "\n".join(lines) + "\n"
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
parsed = tomllib.loads(ruff_pyproject(["E", "F"], ["E501"], {"__init__.py": ["F401"]}, 100))
assert parsed == {
    "tool": {"ruff": {"line-length": 100, "lint": {"select": ["E", "F"], "ignore": ["E501"], "per-file-ignores": {"__init__.py": ["F401"]}}}}
}, f"tomllib reads {parsed}"
### BEGIN HIDDEN TESTS
parsed = tomllib.loads(ruff_pyproject(["B"], [], {}, 88))
assert parsed == {"tool": {"ruff": {"line-length": 88, "lint": {"select": ["B"]}}}}, "no empty ignore list, no empty table"
parsed = tomllib.loads(ruff_pyproject([], [], {"tests/*.py": ["S101", "B"], "a.py": []}, 1))
assert parsed == {"tool": {"ruff": {"line-length": 1, "lint": {"select": [], "per-file-ignores": {"tests/*.py": ["S101", "B"], "a.py": []}}}}}
odd = 'dir "x"\\ünï.py'
parsed = tomllib.loads(ruff_pyproject(["F"], ["E"], {odd: ["F401"]}, 120))
assert parsed["tool"]["ruff"]["lint"]["per-file-ignores"] == {odd: ["F401"]} and parsed["tool"]["ruff"]["lint"]["ignore"] == ["E"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
sample = {
    "pkg/__init__.py": "from os import path\n",
    "pkg/core.py": "import sys\n\n\ndef check(x):\n    return x == None\n",
    "tests/test_core.py": "import os\n",
}
config_folder = project({**sample, "pyproject.toml": ruff_pyproject(["E", "F"], ["E711"], {"tests/*.py": ["F401"], "__init__.py": ["F401"]}, 100)})
found = ruff_check(config_folder, config="pyproject.toml")
assert found == (Finding("pkg/core.py", 1, "F401", "ruff"),), f"ruff should report only sys unused in pkg/core.py, found {found}"
### BEGIN HIDDEN TESTS
config_folder = project({**sample, "pyproject.toml": ruff_pyproject(["E711"], [], {}, 100)})
assert ruff_check(config_folder, config="pyproject.toml") == (Finding("pkg/core.py", 5, "E711", "ruff"),)
long_line = "x = " + " + ".join(["1"] * 30) + "\n"
config_folder = project({"a.py": long_line, "pyproject.toml": ruff_pyproject(["E501"], [], {}, len(long_line) - 1)})
assert ruff_check(config_folder, config="pyproject.toml") == (), "a line exactly line-length long is allowed"
config_folder = project({"a.py": long_line, "pyproject.toml": ruff_pyproject(["E501"], [], {}, len(long_line) - 2)})
assert codes(ruff_check(config_folder, config="pyproject.toml")) == ["E501"], "one character over line-length is reported"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unquoted-keys"}
def ruff_pyproject(select: list[str], ignore: list[str], per_file_ignores: dict[str, list[str]], line_length: int) -> str:
    lines = ["[tool.ruff]", f"line-length = {line_length}", "", "[tool.ruff.lint]", f"select = {json.dumps(select)}"]
    if ignore:
        lines.append(f"ignore = {json.dumps(ignore)}")
    if per_file_ignores:
        lines += ["", "[tool.ruff.lint.per-file-ignores]"]
        lines += [f"{glob} = {json.dumps(codes)}" for glob, codes in per_file_ignores.items()]
    return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "top-level-select"}
def ruff_pyproject(select: list[str], ignore: list[str], per_file_ignores: dict[str, list[str]], line_length: int) -> str:
    lines = ["[tool.ruff]", f"line-length = {line_length}", f"select = {json.dumps(select)}"]
    if ignore:
        lines.append(f"ignore = {json.dumps(ignore)}")
    if per_file_ignores:
        lines += ["", "[tool.ruff.per-file-ignores]"]
        lines += [f"{json.dumps(glob)} = {json.dumps(codes)}" for glob, codes in per_file_ignores.items()]
    return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "python-repr-quotes"}
def ruff_pyproject(select: list[str], ignore: list[str], per_file_ignores: dict[str, list[str]], line_length: int) -> str:
    lines = ["[tool.ruff]", f"line-length = {line_length}", "", "[tool.ruff.lint]", f"select = {select}"]
    lines.append(f"ignore = {ignore}")
    if per_file_ignores:
        lines += ["", "[tool.ruff.lint.per-file-ignores]"]
        lines += [f"'{glob}' = {codes}" for glob, codes in per_file_ignores.items()]
    return "\n".join(lines) + "\n"

# %% [markdown] course={"kind": "exercise", "id": "fix-type-errors", "item": "x-fix-type-errors-in-sample-code", "timeout": 120}
# ### Exercise: pass `mypy --strict` honestly
#
# `BROKEN` is a small module about CI jobs. mypy in strict mode rejects it, and it hides a real bug that
# mypy would have found if `find_job` had annotations. Write `FIXED`: the module with full annotations and
# the bugs fixed, so that `mypy --strict` finds nothing, *without* `# type: ignore`, `Any`, `cast` or any
# other off switch (`# mypy:` comments, `no_type_check`).
#
# - `find_job(jobs, name)` returns the first `Job` with that name, or `None`;
# - `retries_of(jobs, name, default=0)` returns that job's `retries`, or `default` when there is no such job;
# - `first(items, default)` is generic: `first([1, 2], 0)` is an `int` to mypy, `first(["a"], "")` a `str`;
# - `report(jobs, sink)` writes one line `"<name>: <retries>\n"` per job to `sink` (anything with a
#   `write(str) -> int` method: the `Sink` protocol) and returns the sum of what `write` returned.
#
# ```python
# >>> retries_of([{"name": "build", "retries": 2}], "build")
# 2
# ```

# %% [markdown] course={"kind": "hint"}
# Run `mypy_check(project({"jobs.py": FIXED}), strict=True)` and fix one code at a time. Annotating
# `find_job` first makes mypy see the wrong key in `retries_of`.

# %% [markdown] course={"kind": "hint"}
# `find_job(jobs: list[Job], name: str) -> Job | None`. mypy narrows `Job | None` to `Job` after
# `if job is None: return default`; an `assert job is not None` narrows too, but crashes on a missing job.

# %% [markdown] course={"kind": "hint"}
# For `first`, use the type variable `T` for the items, the default and the result. In `report`, an f-string
# turns the `int` into text: `f"{job['name']}: {job['retries']}\n"`.

# %% course={"kind": "solution"}
BROKEN = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs, name):
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    return job["retry"]


def first(items: list, default=None):
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(job["name"] + ": " + job["retries"] + "\\n")
    return total
'''
FIXED = BROKEN  # the starting point: copy BROKEN's text into FIXED below and fix it there
### BEGIN SOLUTION
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    if job is None:
        return default
    return job["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''
### END SOLUTION

# %% course={"kind": "test", "points": 2}
typed_folder = project({"jobs.py": FIXED})
assert mypy_check(typed_folder, strict=True) == (), f"mypy --strict still reports {mypy_check(typed_folder, strict=True)}"
assert silencers(FIXED) == (), f"no # type: ignore, Any or cast: fix the types instead ({silencers(FIXED)})"

# %% course={"kind": "test", "points": 2}
uses = "from jobs import first, report, retries_of\nimport io\n\nn: int = first([1, 2], 0)\ns: str = first(['a'], '')\nr: int = retries_of([{'name': 'a', 'retries': 1}], 'a')\nw: int = report([], io.StringIO())\n"
typed_folder = project({"jobs.py": FIXED, "uses.py": uses})
assert mypy_check(typed_folder, "uses.py", strict=True) == (), "first must be generic, report must accept any object with write(str) -> int"
### BEGIN HIDDEN TESTS
misuse = "from jobs import first, report, retries_of\n\nbad: str = first([1], 0)\nr = retries_of([{'name': 'a'}], 'a')\nw = report([], 42)\n"
typed_folder = project({"jobs.py": FIXED, "misuse.py": misuse})
lines = [f.line for f in mypy_check(typed_folder, "misuse.py", strict=True)]
assert 3 in lines, "first([1], 0) is an int: mypy must reject it as a str (a generic, not Any or object)"
assert 4 in lines, "a job without 'retries' is not a Job"
assert 5 in lines, "42 has no write method: it is not a Sink"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
jobs_module = load(FIXED)
build = {"name": "build", "retries": 2}
assert jobs_module["retries_of"]([build], "build") == 2, "retries of a job that exists"
assert jobs_module["retries_of"]([build], "deploy") == 0, "a missing job gives the default"
### BEGIN HIDDEN TESTS
zero = {"name": "lint", "retries": 0}
assert jobs_module["retries_of"]([zero, build], "lint", 5) == 0, "a job with 0 retries exists: 0, not the default"
assert jobs_module["retries_of"]([], "x", 7) == 7 and jobs_module["retries_of"]([build, {"name": "build", "retries": 9}], "build") == 2
assert jobs_module["find_job"]([zero, build], "build") is build and jobs_module["find_job"]([], "build") is None
assert jobs_module["first"]([], "") == "" and jobs_module["first"]([0, 1], 5) == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
out = io.StringIO()
assert jobs_module["report"]([build, {"name": "ünï", "retries": 0}], out) == len("build: 2\nünï: 0\n"), "the sum of what write returned"
assert out.getvalue() == "build: 2\nünï: 0\n", f"one line per job, got {out.getvalue()!r}"
### BEGIN HIDDEN TESTS
out = io.StringIO()
assert jobs_module["report"]([], out) == 0 and out.getvalue() == ""
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "type-ignore"}
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    if job is None:
        return default
    return job["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(job["name"] + ": " + job["retries"] + "\\n")  # type: ignore
    return total
'''

# %% course={"kind": "wrong", "id": "assert-not-none"}
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    assert job is not None
    return job["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% course={"kind": "wrong", "id": "object-not-generic"}
FIXED = '''\
from typing import Protocol, TypedDict


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    if job is None:
        return default
    return job["retries"]


def first(items: list[object], default: object) -> object:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% course={"kind": "wrong", "id": "truthy-job"}
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    return job["retries"] if job and job["retries"] else default


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% course={"kind": "wrong", "id": "typing-dot-any"}
FIXED = '''\
import typing
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    if job is None:
        return default
    return job["retries"]


def first(items: list[typing.Any], default: typing.Any) -> typing.Any:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% course={"kind": "wrong", "id": "type-ignore-no-space"}
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    if job is None:
        return default
    return job["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(job["name"] + ": " + job["retries"] + "\\n")  #type:ignore
    return total
'''

# %% course={"kind": "wrong", "id": "cast-renamed"}
FIXED = '''\
from typing import Protocol, TypedDict, TypeVar
from typing import cast as as_job

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    return as_job(Job, job)["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% course={"kind": "wrong", "id": "mypy-inline-config"}
FIXED = '''\
# mypy: ignore-errors
from typing import Protocol, TypedDict, TypeVar

T = TypeVar("T")


class Job(TypedDict):
    name: str
    retries: int


class Sink(Protocol):
    def write(self, text: str) -> int: ...


def find_job(jobs: list[Job], name: str) -> Job | None:
    for job in jobs:
        if job["name"] == name:
            return job
    return None


def retries_of(jobs: list[Job], name: str, default: int = 0) -> int:
    job = find_job(jobs, name)
    return job["retries"]


def first(items: list[T], default: T) -> T:
    return items[0] if items else default


def report(jobs: list[Job], sink: Sink) -> int:
    total = 0
    for job in jobs:
        total += sink.write(f"{job['name']}: {job['retries']}\\n")
    return total
'''

# %% [markdown] course={"kind": "exercise", "id": "mypy-config", "item": "x-configure-mypy-for-a-project", "timeout": 120}
# ### Exercise: strict for new code, quiet for the legacy packages
#
# A team turns on `mypy --strict` for the whole project, except some old packages it will type later.
# Write `mypy_pyproject(legacy)` that returns the `pyproject.toml` text: `[tool.mypy]` with
# `strict = true`, and, when `legacy` (a list of package names) is not empty, one `[[tool.mypy.overrides]]`
# table whose `module` is the list of patterns `"<name>.*"` (in the order given) with
# `ignore_errors = true`. With no legacy packages there is no overrides table at all.
#
# ```python
# >>> print(mypy_pyproject(["legacy"]))
# [tool.mypy]
# strict = true
#
# [[tool.mypy.overrides]]
# module = ["legacy.*"]
# ignore_errors = true
# ```
#
# The tests run mypy with your configuration on a project with a new package `app` and old ones.

# %% [markdown] course={"kind": "hint"}
# `[[...]]` (double brackets) is a TOML *array of tables*: mypy reads `overrides` as a list of tables.
# `ignore_errors` silences a module; `disallow_untyped_defs = false` would only lift one strict flag.

# %% [markdown] course={"kind": "hint"}
# TOML booleans are lower case and unquoted: `true`, not `True` or `"true"`.

# %% course={"kind": "solution"}
def mypy_pyproject(legacy: list[str]) -> str:
    ### BEGIN SOLUTION
    lines = ["[tool.mypy]", "strict = true"]
    if legacy:
        patterns = json.dumps([f"{name}.*" for name in legacy])
        lines += ["", "[[tool.mypy.overrides]]", f"module = {patterns}", "ignore_errors = true"]
    return "\n".join(lines) + "\n"
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
parsed = tomllib.loads(mypy_pyproject(["legacy"]))
assert parsed == {"tool": {"mypy": {"strict": True, "overrides": [{"module": ["legacy.*"], "ignore_errors": True}]}}}, f"tomllib reads {parsed}"
### BEGIN HIDDEN TESTS
assert tomllib.loads(mypy_pyproject([])) == {"tool": {"mypy": {"strict": True}}}, "no legacy packages: no overrides table"
parsed = tomllib.loads(mypy_pyproject(["zeta", "alpha", "mid"]))
assert parsed["tool"]["mypy"]["overrides"] == [{"module": ["zeta.*", "alpha.*", "mid.*"], "ignore_errors": True}], "one table, patterns in the order given"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
mypy_project = {
    "app/__init__.py": "",
    "app/core.py": "def total(xs: list[int]) -> int:\n    return sum(xs)\n\n\ndef untyped(x):\n    return x\n\n\nbad: int = total(['1'])\n",
    "legacy/__init__.py": "",
    "legacy/old.py": "def old(a, b=None):\n    return a + b\n\n\nx: int = 'no'\n",
    "vendor/__init__.py": "",
    "vendor/lib.py": "def helper(v):\n    return v\n",
}
mypy_folder = project({**mypy_project, "pyproject.toml": mypy_pyproject(["legacy", "vendor"])})
found = mypy_check(mypy_folder, "app", "legacy", "vendor", config="pyproject.toml")
expected = (Finding("app/core.py", 5, "no-untyped-def", "mypy"), Finding("app/core.py", 9, "list-item", "mypy"))
assert found == expected, f"mypy should report the strict errors in app only, found {found}"
### BEGIN HIDDEN TESTS
mypy_folder = project({**mypy_project, "pyproject.toml": mypy_pyproject(["vendor"])})
found = mypy_check(mypy_folder, "app", "legacy", "vendor", config="pyproject.toml")
assert [(f.path, f.line) for f in found] == [("app/core.py", 5), ("app/core.py", 9), ("legacy/old.py", 1), ("legacy/old.py", 5)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "only-lift-untyped-defs"}
def mypy_pyproject(legacy: list[str]) -> str:
    lines = ["[tool.mypy]", "strict = true"]
    if legacy:
        patterns = json.dumps([f"{name}.*" for name in legacy])
        lines += ["", "[[tool.mypy.overrides]]", f"module = {patterns}", "disallow_untyped_defs = false"]
    return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "single-brackets"}
def mypy_pyproject(legacy: list[str]) -> str:
    lines = ["[tool.mypy]", "strict = true"]
    if legacy:
        patterns = json.dumps([f"{name}.*" for name in legacy])
        lines += ["", "[tool.mypy.overrides]", f"module = {patterns}", "ignore_errors = true"]
    return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "empty-overrides-table"}
def mypy_pyproject(legacy: list[str]) -> str:
    patterns = json.dumps([f"{name}.*" for name in legacy])
    lines = ["[tool.mypy]", "strict = true", "", "[[tool.mypy.overrides]]", f"module = {patterns}", "ignore_errors = true"]
    return "\n".join(lines) + "\n"

# %% course={"kind": "wrong", "id": "python-true"}
def mypy_pyproject(legacy: list[str]) -> str:
    lines = ["[tool.mypy]", "strict = 'true'"]
    for name in legacy:
        lines += ["", "[[tool.mypy.overrides]]", f"module = '{name}.*'", "ignore_errors = 'true'"]
    return "\n".join(lines) + "\n"

# %% [markdown] course={"kind": "exercise", "id": "precommit-check", "item": "x-create-a-pre-commit-configuration"}
# ### Exercise: check a `.pre-commit-config.yaml` before anyone installs it
#
# Write `precommit_problems(text)` that reads the YAML text (with `yaml.safe_load`) and returns the list
# of problems with its structure, in document order (each repo's own problems before its hooks'), as
# these exact strings (`i`, `j` count from 0):
#
# | problem | string |
# |---|---|
# | not YAML at all | `"not valid YAML"` (and nothing else) |
# | the top is not a mapping with a list under `repos` | `"'repos' must be a list"` (and nothing else) |
# | a repo that is not a mapping | `"repos[i]: expected a mapping"` (nothing more about it) |
# | `repo` missing or not a string | `"repos[i]: 'repo' must be a string"` |
# | a repo other than `local`/`meta` without `rev` | `"repos[i]: missing 'rev'"` |
# | a `rev` that is not a string (YAML made `1.10` a float) | `"repos[i]: 'rev' must be a string"` |
# | `hooks` missing, not a list, or empty | `"repos[i]: 'hooks' must be a non-empty list"` |
# | a hook that is not a mapping | `"repos[i].hooks[j]: expected a mapping"` |
# | a hook without a string `id` | `"repos[i].hooks[j]: missing 'id'"` |
# | a hook of `repo: local` without `name`, `entry` or `language` (in that order) | `"repos[i].hooks[j]: local hook needs 'entry'"` |
# | an `id` already used earlier in the file | `"repos[i].hooks[j]: duplicate id 'ruff'"` |
#
# ```python
# >>> precommit_problems("repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n      - id: ruff\n")
# ["repos[0]: missing 'rev'"]
# ```
#
# (This checks the shape only; `pre-commit validate-config` does the full check, offline.)

# %% [markdown] course={"kind": "hint"}
# `yaml.safe_load("")` is `None`, and `yaml.YAMLError` is what a broken text raises. Check types with
# `isinstance(x, dict)`, `isinstance(x, list)`, `isinstance(x, str)`.

# %% [markdown] course={"kind": "hint"}
# Keep one `set` of the ids seen so far across all repos. For a local repo, loop over
# `("name", "entry", "language")` and report each one missing.

# %% course={"kind": "solution"}
def precommit_problems(text: str) -> list[str]:
    ### BEGIN SOLUTION
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return ["not valid YAML"]
    if not isinstance(config, dict) or not isinstance(config.get("repos"), list):
        return ["'repos' must be a list"]
    problems: list[str] = []
    seen: set[str] = set()
    for i, repo in enumerate(config["repos"]):
        where = f"repos[{i}]"
        if not isinstance(repo, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        url = repo.get("repo")
        if not isinstance(url, str):
            problems.append(f"{where}: 'repo' must be a string")
        local = url in ("local", "meta")
        if not local and "rev" not in repo:
            problems.append(f"{where}: missing 'rev'")
        elif not local and not isinstance(repo["rev"], str):
            problems.append(f"{where}: 'rev' must be a string")
        hooks = repo.get("hooks")
        if not isinstance(hooks, list) or not hooks:
            problems.append(f"{where}: 'hooks' must be a non-empty list")
            continue
        for j, hook in enumerate(hooks):
            spot = f"{where}.hooks[{j}]"
            if not isinstance(hook, dict):
                problems.append(f"{spot}: expected a mapping")
                continue
            hook_id = hook.get("id")
            if not isinstance(hook_id, str):
                problems.append(f"{spot}: missing 'id'")
            elif hook_id in seen:
                problems.append(f"{spot}: duplicate id '{hook_id}'")
            else:
                seen.add(hook_id)
            if url == "local":
                problems += [f"{spot}: local hook needs '{key}'" for key in ("name", "entry", "language") if key not in hook]
    return problems
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
good = "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.9\n    hooks:\n      - id: ruff\n        args: [--fix]\n      - id: ruff-format\n  - repo: local\n    hooks:\n      - id: bandit\n        name: bandit\n        entry: bandit -q\n        language: system\n"
assert precommit_problems(good) == [], f"a good config has no problems, got {precommit_problems(good)}"

# %% course={"kind": "test", "points": 2}
no_rev = "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks:\n      - id: ruff\n"
assert precommit_problems(no_rev) == ["repos[0]: missing 'rev'"], "a remote repo needs a pinned rev"
float_rev = no_rev.replace("    hooks:", "    rev: 1.10\n    hooks:")
assert precommit_problems(float_rev) == ["repos[0]: 'rev' must be a string"], "rev: 1.10 is read as the float 1.1"
### BEGIN HIDDEN TESTS
assert precommit_problems(no_rev.replace("    hooks:", "    rev: '1.10'\n    hooks:")) == []
assert precommit_problems(no_rev.replace("    hooks:", "    rev: ''\n    hooks:")) == [], "an empty string is a string (pre-commit will complain later)"
assert precommit_problems(no_rev.replace("    hooks:", "    rev: 0\n    hooks:")) == ["repos[0]: 'rev' must be a string"], "0 is present but not a string"
assert precommit_problems(no_rev.replace("    hooks:", "    rev: null\n    hooks:")) == ["repos[0]: 'rev' must be a string"]
assert precommit_problems("repos:\n  - repo: meta\n    hooks:\n      - id: check-hooks-apply\n") == [], "meta needs no rev"
assert precommit_problems("repos:\n  - repo: local\n    rev: 1\n    hooks:\n      - {id: x, name: x, entry: x, language: system}\n") == [], "rev of a local repo is not checked"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
local_bad = "repos:\n  - repo: local\n    hooks:\n      - id: gate\n        entry: python gate.py\n"
assert precommit_problems(local_bad) == ["repos[0].hooks[0]: local hook needs 'name'", "repos[0].hooks[0]: local hook needs 'language'"], "local hooks need name, entry and language"
### BEGIN HIDDEN TESTS
assert precommit_problems("repos:\n  - repo: local\n    hooks:\n      - {}\n") == [
    "repos[0].hooks[0]: missing 'id'",
    "repos[0].hooks[0]: local hook needs 'name'",
    "repos[0].hooks[0]: local hook needs 'entry'",
    "repos[0].hooks[0]: local hook needs 'language'",
]
assert precommit_problems("repos:\n  - repo: meta\n    hooks:\n      - id: identity\n") == [], "meta hooks need no entry"
assert precommit_problems("repos:\n  - repo: x\n    rev: v1\n    hooks:\n      - id: 7\n      - id: ''\n") == ["repos[0].hooks[0]: missing 'id'"], "7 is not a string id; '' is one"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
dup = good.replace("id: bandit", "id: ruff")
assert precommit_problems(dup) == ["repos[1].hooks[0]: duplicate id 'ruff'"], "ids are unique across the whole file"
### BEGIN HIDDEN TESTS
assert precommit_problems("repos:\n  - repo: x\n    rev: v1\n    hooks:\n      - id: a\n      - id: a\n      - id: a\n      - id: A\n") == [
    "repos[0].hooks[1]: duplicate id 'a'",
    "repos[0].hooks[2]: duplicate id 'a'",
]
assert precommit_problems("repos:\n  - repo: x\n    rev: v1\n    hooks:\n      - 5\n      - id: b\n      - id: b\n") == ["repos[0].hooks[0]: expected a mapping", "repos[0].hooks[2]: duplicate id 'b'"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert precommit_problems("repos: [\n") == ["not valid YAML"], "broken YAML is one problem"
assert precommit_problems("") == ["'repos' must be a list"], "an empty file has no repos"
### BEGIN HIDDEN TESTS
assert precommit_problems("repos: {}\n") == ["'repos' must be a list"] and precommit_problems("- repos\n") == ["'repos' must be a list"]
assert precommit_problems("repos: []\n") == [], "no repos is a valid (useless) config"
assert precommit_problems("repos:\n  - just-a-string\n  - repo: 3\n    rev: v1\n    hooks: []\n  - repo: x\n    rev: v1\n") == [
    "repos[0]: expected a mapping",
    "repos[1]: 'repo' must be a string",
    "repos[1]: 'hooks' must be a non-empty list",
    "repos[2]: 'hooks' must be a non-empty list",
]
assert precommit_problems("repos:\n  - rev: v1\n    hooks: {id: x}\n") == ["repos[0]: 'repo' must be a string", "repos[0]: 'hooks' must be a non-empty list"]
assert precommit_problems("repos:\n  - repo: ünï\n    hooks:\n      - id: é\n  - repo: local\n    hooks:\n      - {id: é, name: n, entry: e, language: system}\n") == [
    "repos[0]: missing 'rev'",
    "repos[1].hooks[0]: duplicate id 'é'",
]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-rev"}
def precommit_problems(text: str) -> list[str]:
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return ["not valid YAML"]
    if not isinstance(config, dict) or not isinstance(config.get("repos"), list):
        return ["'repos' must be a list"]
    problems: list[str] = []
    seen: set[str] = set()
    for i, repo in enumerate(config["repos"]):
        where = f"repos[{i}]"
        if not isinstance(repo, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        url = repo.get("repo")
        if not isinstance(url, str):
            problems.append(f"{where}: 'repo' must be a string")
        if url not in ("local", "meta") and not repo.get("rev"):
            problems.append(f"{where}: missing 'rev'")
        hooks = repo.get("hooks")
        if not isinstance(hooks, list) or not hooks:
            problems.append(f"{where}: 'hooks' must be a non-empty list")
            continue
        for j, hook in enumerate(hooks):
            spot = f"{where}.hooks[{j}]"
            if not isinstance(hook, dict):
                problems.append(f"{spot}: expected a mapping")
                continue
            hook_id = hook.get("id")
            if not isinstance(hook_id, str):
                problems.append(f"{spot}: missing 'id'")
            elif hook_id in seen:
                problems.append(f"{spot}: duplicate id '{hook_id}'")
            else:
                seen.add(hook_id)
            if url == "local":
                problems += [f"{spot}: local hook needs '{key}'" for key in ("name", "entry", "language") if key not in hook]
    return problems

# %% course={"kind": "wrong", "id": "ids-per-repo"}
def precommit_problems(text: str) -> list[str]:
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        return ["not valid YAML"]
    if not isinstance(config, dict) or not isinstance(config.get("repos"), list):
        return ["'repos' must be a list"]
    problems: list[str] = []
    for i, repo in enumerate(config["repos"]):
        where = f"repos[{i}]"
        if not isinstance(repo, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        url = repo.get("repo")
        if not isinstance(url, str):
            problems.append(f"{where}: 'repo' must be a string")
        local = url in ("local", "meta")
        if not local and "rev" not in repo:
            problems.append(f"{where}: missing 'rev'")
        elif not local and not isinstance(repo["rev"], str):
            problems.append(f"{where}: 'rev' must be a string")
        hooks = repo.get("hooks")
        if not isinstance(hooks, list) or not hooks:
            problems.append(f"{where}: 'hooks' must be a non-empty list")
            continue
        seen: set[str] = set()
        for j, hook in enumerate(hooks):
            spot = f"{where}.hooks[{j}]"
            if not isinstance(hook, dict):
                problems.append(f"{spot}: expected a mapping")
                continue
            hook_id = hook.get("id")
            if not isinstance(hook_id, str):
                problems.append(f"{spot}: missing 'id'")
            elif hook_id in seen:
                problems.append(f"{spot}: duplicate id '{hook_id}'")
            else:
                seen.add(hook_id)
            if url == "local":
                problems += [f"{spot}: local hook needs '{key}'" for key in ("name", "entry", "language") if key not in hook]
    return problems

# %% course={"kind": "wrong", "id": "crashes-on-bad-shapes"}
def precommit_problems(text: str) -> list[str]:
    config = yaml.safe_load(text)
    problems: list[str] = []
    seen: set[str] = set()
    for i, repo in enumerate(config["repos"]):
        where = f"repos[{i}]"
        if repo["repo"] not in ("local", "meta") and "rev" not in repo:
            problems.append(f"{where}: missing 'rev'")
        elif repo["repo"] not in ("local", "meta") and not isinstance(repo["rev"], str):
            problems.append(f"{where}: 'rev' must be a string")
        for j, hook in enumerate(repo["hooks"]):
            spot = f"{where}.hooks[{j}]"
            if hook["id"] in seen:
                problems.append(f"{spot}: duplicate id '{hook['id']}'")
            seen.add(hook["id"])
            if repo["repo"] == "local":
                problems += [f"{spot}: local hook needs '{key}'" for key in ("name", "entry", "language") if key not in hook]
    return problems

# %% [markdown] course={"kind": "exercise", "id": "bandit-fix", "item": "x-run-security-scanning-with-bandit"}
# ### Exercise: fix what bandit finds (for real)
#
# `BROKEN` has the three classics: `shell=True` with a file name pasted into the command (`B602`), a
# hard-coded password (`B105`), and `pickle` for data that comes from outside (`B301`, `B403`). Write
# `FIXED` so that bandit reports none of `B602`, `B105`, `B301`, `B403` and nothing of MEDIUM or HIGH
# severity, with no `# nosec`, and:
#
# - `line_count(path)` returns the number of lines `wc -l` counts in the file, for any file name
#   (spaces, quotes, parentheses, unicode);
# - `db_password(env)` returns `env["DB_PASSWORD"]`, and raises `RuntimeError` when it is missing or empty
#   (no default password, anywhere);
# - `save_state(state)` turns a dict of JSON-friendly values into bytes and `load_state(blob)` back;
#   `load_state` of anything that is not such bytes (a pickle, say) raises `ValueError`.
#
# ```python
# >>> load_state(save_state({"step": 3}))
# {'step': 3}
# ```

# %% [markdown] course={"kind": "hint"}
# `bandit_check(project({"jobs.py": FIXED}))` shows what is left. LOW findings such as `B404` (importing
# subprocess) and `B603` (a subprocess without a shell) may stay: they ask you to look, not to change.

# %% [markdown] course={"kind": "hint"}
# `subprocess.run(["wc", "-l", path], capture_output=True, text=True, check=True)` passes the name as one
# argument: no shell reads it. `json.dumps(...).encode("utf-8")` and `json.loads(blob)`; a decoding error
# of either kind is already a `ValueError`.

# %% course={"kind": "solution"}
BROKEN = '''\
import pickle
import subprocess
from collections.abc import Mapping

DEFAULT_PASSWORD = "hunter2"


def line_count(path: str) -> int:
    done = subprocess.run(f"wc -l {path}", shell=True, capture_output=True, text=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    return env.get("DB_PASSWORD", DEFAULT_PASSWORD)


def save_state(state: dict) -> bytes:
    return pickle.dumps(state)


def load_state(blob: bytes) -> dict:
    return pickle.loads(blob)
'''
FIXED = BROKEN  # the starting point: copy BROKEN's text into FIXED below and fix it there
### BEGIN SOLUTION
FIXED = '''\
import json
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run(["wc", "-l", path], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    password = env.get("DB_PASSWORD", "")
    if not password:
        raise RuntimeError("DB_PASSWORD is not set")
    return password


def save_state(state: dict) -> bytes:
    return json.dumps(state).encode("utf-8")


def load_state(blob: bytes) -> dict:
    return json.loads(blob)
'''
### END SOLUTION

# %% course={"kind": "test", "points": 3}
bandit_folder = project({"jobs.py": FIXED})
report = bandit_report(bandit_folder, honor_nosec=False)
left = [(r["test_id"], r["line_number"], r["issue_severity"]) for r in report["results"]]
assert not [r for r in left if r[0] in {"B602", "B105", "B301", "B403"} or r[2] != "LOW"], f"bandit still finds (a # nosec hides nothing here): {left}"
assert silencers(FIXED) == (), f"fix the code instead of silencing bandit: {silencers(FIXED)}"

# %% course={"kind": "test", "points": 2}
safe = load(FIXED)
odd_names = {"plain.txt": "a\nb\n", "my data (v2).txt": "1\n2\n3\n", "it's ünï.txt": "x\n"}
files_folder = project(odd_names)
assert safe["line_count"](str(files_folder / "plain.txt")) == 2, "count the lines of a plain file"
assert safe["line_count"](str(files_folder / "my data (v2).txt")) == 3, "a name with spaces and parentheses is one argument"
### BEGIN HIDDEN TESTS
assert safe["line_count"](str(files_folder / "it's ünï.txt")) == 1
assert safe["line_count"](str(files_folder / "plain.txt")) == 2
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert safe["db_password"]({"DB_PASSWORD": "s3cret"}) == "s3cret", "the password comes from the environment"
try:
    safe["db_password"]({})
except RuntimeError:
    pass
else:
    raise AssertionError("a missing DB_PASSWORD must raise RuntimeError, not fall back to a default")
### BEGIN HIDDEN TESTS
try:
    safe["db_password"]({"DB_PASSWORD": ""})
except RuntimeError:
    pass
else:
    raise AssertionError("an empty DB_PASSWORD must raise RuntimeError too")
assert safe["db_password"]({"DB_PASSWORD": " ", "OTHER": "x"}) == " "
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
state = {"step": 3, "done": ["lint", "ünï"], "ok": True, "none": None}
blob = safe["save_state"](state)
assert type(blob) is bytes and safe["load_state"](blob) == state, "a round trip gives the same dict"
assert json.loads(blob) == state, "the bytes are JSON, readable by any language (not a pickle)"
### BEGIN HIDDEN TESTS
try:
    safe["load_state"](pickle.dumps({"step": 3}))
except ValueError:
    pass
else:
    raise AssertionError("load_state must refuse a pickle")
assert safe["load_state"](safe["save_state"]({})) == {}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "nosec-everything"}
FIXED = '''\
import pickle  # nosec
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run(["wc", "-l", path], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    password = env.get("DB_PASSWORD", "")
    if not password:
        raise RuntimeError("DB_PASSWORD is not set")
    return password


def save_state(state: dict) -> bytes:
    return pickle.dumps(state)


def load_state(blob: bytes) -> dict:
    return pickle.loads(blob)  # nosec
'''

# %% course={"kind": "wrong", "id": "quoted-but-shell"}
FIXED = '''\
import json
import shlex
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run("wc -l " + shlex.quote(path), shell=True, capture_output=True, text=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    password = env.get("DB_PASSWORD", "")
    if not password:
        raise RuntimeError("DB_PASSWORD is not set")
    return password


def save_state(state: dict) -> bytes:
    return json.dumps(state).encode("utf-8")


def load_state(blob: bytes) -> dict:
    return json.loads(blob)
'''

# %% course={"kind": "wrong", "id": "default-from-env"}
FIXED = '''\
import json
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run(["wc", "-l", path], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    return env.get("DB_PASSWORD", "hunter2")


def save_state(state: dict) -> bytes:
    return json.dumps(state).encode("utf-8")


def load_state(blob: bytes) -> dict:
    return json.loads(blob)
'''

# %% course={"kind": "wrong", "id": "split-command"}
FIXED = '''\
import json
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run(f"wc -l {path}".split(), capture_output=True, text=True)
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    password = env.get("DB_PASSWORD", "")
    if not password:
        raise RuntimeError("DB_PASSWORD is not set")
    return password


def save_state(state: dict) -> bytes:
    return json.dumps(state).encode("utf-8")


def load_state(blob: bytes) -> dict:
    return json.loads(blob)
'''

# %% course={"kind": "wrong", "id": "nosec-no-space"}
FIXED = '''\
import json
import subprocess
from collections.abc import Mapping


def line_count(path: str) -> int:
    done = subprocess.run(f"wc -l '{path}'", shell=True, capture_output=True, text=True)  #nosec
    return int(done.stdout.split()[0])


def db_password(env: Mapping[str, str]) -> str:
    password = env.get("DB_PASSWORD", "")
    if not password:
        raise RuntimeError("DB_PASSWORD is not set")
    return password


def save_state(state: dict) -> bytes:
    return json.dumps(state).encode("utf-8")


def load_state(blob: bytes) -> dict:
    return json.loads(blob)
'''

# %% [markdown] course={"kind": "exercise", "id": "bandit-triage", "item": "x-run-security-scanning-with-bandit"}
# ### Exercise: triage a bandit report by severity and confidence
#
# `bandit -f json` gives a report whose `"results"` list holds one dict per finding, with (among others)
# `"filename"`, `"line_number"`, `"test_id"`, `"issue_severity"` and `"issue_confidence"` (each `"LOW"`,
# `"MEDIUM"` or `"HIGH"`). Write `triage(report, severity="LOW", confidence="LOW")` that keeps the
# findings at or above both levels and returns them as `(severity, filename, line, test_id)` tuples,
# most severe first, then by file name, line and test id. The levels may be given in any case
# (`"medium"`); any other level raises `ValueError`. The report is not changed.
#
# ```python
# >>> triage(bandit_report(project({"jobs.py": unsafe})), "medium")
# [('HIGH', './jobs.py', 8, 'B602'), ('MEDIUM', './jobs.py', 12, 'B301')]
# ```

# %% [markdown] course={"kind": "hint"}
# Give the levels numbers: `RANK = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}`, and compare numbers, never the
# strings (`"HIGH" < "LOW" < "MEDIUM"` alphabetically).

# %% [markdown] course={"kind": "hint"}
# Sort with a key: `(-RANK[severity], filename, line, test_id)`.

# %% course={"kind": "solution", "equivalent": {"m-3a8939ab": "only the order of the ranks is used: LOW 0 < MEDIUM 2 < HIGH 3 keeps it", "m-151b5869": "only the order of the ranks is used: HIGH 4 > MEDIUM 2 keeps it"}}
def triage(report: dict[str, Any], severity: str = "LOW", confidence: str = "LOW") -> list[tuple[str, str, int, str]]:
    ### BEGIN SOLUTION
    rank = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}
    if severity.upper() not in rank or confidence.upper() not in rank:
        raise ValueError(f"levels are LOW, MEDIUM or HIGH, not {severity!r} / {confidence!r}")
    low_sev, low_conf = rank[severity.upper()], rank[confidence.upper()]
    kept = [
        (r["issue_severity"], r["filename"], r["line_number"], r["test_id"])
        for r in report["results"]
        if rank[r["issue_severity"]] >= low_sev and rank[r["issue_confidence"]] >= low_conf
    ]
    return sorted(kept, key=lambda f: (-rank[f[0]], f[1], f[2], f[3]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
unsafe_code = "import pickle\nimport subprocess\n\nDB_PASSWORD = 'hunter2'\n\n\ndef lines_in(path):\n    return subprocess.run(f'wc -l {path}', shell=True)\n\n\ndef restore(blob):\n    return pickle.loads(blob)\n"
real_report = bandit_report(project({"jobs.py": unsafe_code}))
assert triage(real_report, "medium") == [("HIGH", "./jobs.py", 8, "B602"), ("MEDIUM", "./jobs.py", 12, "B301")], "MEDIUM and above, most severe first"
### BEGIN HIDDEN TESTS
assert triage(real_report) == [
    ("HIGH", "./jobs.py", 8, "B602"),
    ("MEDIUM", "./jobs.py", 12, "B301"),
    ("LOW", "./jobs.py", 1, "B403"),
    ("LOW", "./jobs.py", 2, "B404"),
    ("LOW", "./jobs.py", 4, "B105"),
]
assert triage(real_report, "LOW", "high") == [("HIGH", "./jobs.py", 8, "B602"), ("MEDIUM", "./jobs.py", 12, "B301"), ("LOW", "./jobs.py", 1, "B403"), ("LOW", "./jobs.py", 2, "B404")], "B105 has MEDIUM confidence"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def finding(sev: str, conf: str, name: str = "a.py", line: int = 1, tid: str = "B101") -> dict[str, Any]:
    return {"issue_severity": sev, "issue_confidence": conf, "filename": name, "line_number": line, "test_id": tid, "issue_text": "x"}


made = {"results": [finding("LOW", "HIGH", "b.py", 3), finding("HIGH", "LOW", "a.py", 9), finding("MEDIUM", "MEDIUM", "a.py", 2)]}
assert triage(made, "HIGH") == [("HIGH", "a.py", 9, "B101")], "only HIGH severity"
assert triage(made, "LOW", "MEDIUM") == [("MEDIUM", "a.py", 2, "B101"), ("LOW", "b.py", 3, "B101")], "confidence filters too"
### BEGIN HIDDEN TESTS
assert triage(made, "MEDIUM", "MEDIUM") == [("MEDIUM", "a.py", 2, "B101")] and triage(made, "High", "High") == []
assert triage({"results": []}, "LOW") == [] and triage(made, "low", "low") == triage(made)
ties = {"results": [finding("LOW", "LOW", "b.py", 2, "B2"), finding("LOW", "LOW", "b.py", 2, "B1"), finding("LOW", "LOW", "b.py", 10), finding("LOW", "LOW", "a.py", 99), finding("MEDIUM", "LOW", "z.py", 1)]}
assert triage(ties) == [("MEDIUM", "z.py", 1, "B101"), ("LOW", "a.py", 99, "B101"), ("LOW", "b.py", 2, "B1"), ("LOW", "b.py", 2, "B2"), ("LOW", "b.py", 10, "B101")]
before = json.dumps(ties, sort_keys=True)
triage(ties, "MEDIUM")
assert json.dumps(ties, sort_keys=True) == before, "the report is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad_level in ("CRITICAL", "", "med"):
    try:
        triage(made, bad_level)
    except ValueError:
        pass
    else:
        raise AssertionError(f"severity {bad_level!r} must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    triage(made, "LOW", "sure")
except ValueError:
    pass
else:
    raise AssertionError("a bad confidence level must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "string-comparison"}
def triage(report: dict[str, Any], severity: str = "LOW", confidence: str = "LOW") -> list[tuple[str, str, int, str]]:
    kept = [
        (r["issue_severity"], r["filename"], r["line_number"], r["test_id"])
        for r in report["results"]
        if r["issue_severity"] >= severity.upper() and r["issue_confidence"] >= confidence.upper()
    ]
    return sorted(kept, reverse=True)

# %% course={"kind": "wrong", "id": "ignores-confidence"}
def triage(report: dict[str, Any], severity: str = "LOW", confidence: str = "LOW") -> list[tuple[str, str, int, str]]:
    rank = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}
    if severity.upper() not in rank:
        raise ValueError(severity)
    kept = [(r["issue_severity"], r["filename"], r["line_number"], r["test_id"]) for r in report["results"] if rank[r["issue_severity"]] >= rank[severity.upper()]]
    return sorted(kept, key=lambda f: (-rank[f[0]], f[1], f[2], f[3]))

# %% course={"kind": "wrong", "id": "exact-level-only"}
def triage(report: dict[str, Any], severity: str = "LOW", confidence: str = "LOW") -> list[tuple[str, str, int, str]]:
    rank = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}
    if severity.upper() not in rank or confidence.upper() not in rank:
        raise ValueError(severity)
    kept = [
        (r["issue_severity"], r["filename"], r["line_number"], r["test_id"])
        for r in report["results"]
        if r["issue_severity"] == severity.upper() and rank[r["issue_confidence"]] >= rank[confidence.upper()]
    ]
    return sorted(kept, key=lambda f: (-rank[f[0]], f[1], f[2], f[3]))

# %% [markdown] course={"kind": "exercise", "id": "mccabe", "item": "project-14-4-1"}
# ### Exercise: a McCabe counter of your own (checked against ruff's C901)
#
# The complexity check of the quality pipeline. Write `complexity(source)` that returns, for every
# function defined at the top level of the module and every method of a top-level class (named
# `"Class.method"`), its cyclomatic complexity as ruff's `C901` counts it: 1, plus 1 for every `if` and
# `elif`, every `for` / `async for` loop, every `while` loop and every `except` clause, wherever they sit
# in the function. Nothing else counts: not `else` or `finally`, not `with`, not `and` / `or`, not a
# conditional expression (`a if c else b`), not the `for` or `if` inside a comprehension. (The functions
# given hold no nested functions or classes, no `match` and no `try ... else`: ruff has its own rules there.)
#
# ```python
# >>> complexity("def f(x):\n    if x and x > 2:\n        return 1\n    return [y for y in x if y]\n")
# {'f': 2}
# ```

# %% [markdown] course={"kind": "hint"}
# `ast.parse(source).body` holds the top-level statements; a `ClassDef`'s `.body` holds its methods.
# `ast.walk(node)` visits every node below a function, however deeply nested.

# %% [markdown] course={"kind": "hint"}
# `elif` is an `ast.If` inside the `orelse` of the first one, so counting `ast.If` nodes counts both. A
# conditional expression is `ast.IfExp`, a comprehension's `if` is part of `ast.comprehension`: neither
# is an `ast.If`. An `except` clause is an `ast.ExceptHandler`.

# %% course={"kind": "solution"}
def complexity(source: str) -> dict[str, int]:
    ### BEGIN SOLUTION
    branches = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler)
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)

    def score(function: ast.AST) -> int:
        return 1 + sum(isinstance(node, branches) for node in ast.walk(function))

    result: dict[str, int] = {}
    for node in ast.parse(source).body:
        if isinstance(node, functions):
            result[node.name] = score(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, functions):
                    result[f"{node.name}.{item.name}"] = score(item)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert complexity("def f(x):\n    if x and x > 2:\n        return 1\n    return [y for y in x if y]\n") == {"f": 2}, "if counts; and, comprehension do not"
assert complexity("def f(x):\n    if x:\n        pass\n    elif x > 1:\n        pass\n    else:\n        pass\n") == {"f": 3}, "if and elif count, else does not"
### BEGIN HIDDEN TESTS
assert complexity("") == {} and complexity("x = 1\n") == {}
assert complexity("def f():\n    return 1\n") == {"f": 1}
assert complexity("def f(x):\n    return 1 if x else 2\n") == {"f": 1}, "a conditional expression does not count"
assert complexity("def f(x):\n    return x or (x and x)\n") == {"f": 1}, "boolean operators do not count"
assert complexity("def f(x):\n    with x:\n        assert x\n    try:\n        pass\n    finally:\n        pass\n") == {"f": 1}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
loops = "def g(xs):\n    for x in xs:\n        while x:\n            x -= 1\n    try:\n        pass\n    except ValueError:\n        pass\n    except (KeyError, TypeError):\n        pass\n"
assert complexity(loops) == {"g": 5}, "for, while and each except clause count 1"
### BEGIN HIDDEN TESTS
assert complexity("async def h(xs):\n    async for x in xs:\n        if x:\n            break\n    else:\n        pass\n") == {"h": 3}
deep = "def d(x):\n    if x:\n        for i in x:\n            if i:\n                while i:\n                    if i > 1:\n                        i -= 1\n"
assert complexity(deep) == {"d": 6}, "decisions nested deep inside still count"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
classy = "class Job:\n    size = 1\n\n    def run(self, x):\n        if x:\n            return 1\n        return 0\n\n    async def wait(self):\n        pass\n\n\ndef top():\n    pass\n"
assert complexity(classy) == {"Job.run": 2, "Job.wait": 1, "top": 1}, "methods are named Class.method"
### BEGIN HIDDEN TESTS
assert list(complexity(classy)) == ["Job.run", "Job.wait", "top"], "in source order"
assert complexity("class Empty:\n    pass\n") == {}
assert complexity("def ünï(x):\n    if x:\n        pass\n") == {"ünï": 2}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
def ruff_flags(source: str, limit: int) -> set[int]:
    folder = project({"m.py": source, "pyproject.toml": f"[tool.ruff.lint]\nselect = ['C901']\nmccabe.max-complexity = {limit}\n"})
    return {f.line for f in ruff_check(folder, config="pyproject.toml")}


def def_lines(source: str) -> dict[str, int]:
    lines = {}
    for node in ast.parse(source).body:
        for item in [node, *node.body] if isinstance(node, ast.ClassDef) else [node]:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines[item.name if item is node else f"{node.name}.{item.name}"] = item.lineno
    return lines


mixed = "def grade(score):\n    if score < 0 or score > 100:\n        raise ValueError(score)\n    if score >= 90:\n        return 'A'\n    elif score >= 75:\n        return 'B'\n    for bonus in (5, 10):\n        if score + bonus >= 75:\n            return 'B-'\n    return 'C' if score >= 50 else 'F'\n\n\n" + loops + "\n\n" + classy
ours = complexity(mixed)
where = def_lines(mixed)
for limit in range(0, 8):
    expected_flags = {where[name] for name, value in ours.items() if value > limit}
    assert ruff_flags(mixed, limit) == expected_flags, f"ruff's C901 with max-complexity = {limit} flags lines {sorted(ruff_flags(mixed, limit))}, your counts say {sorted(expected_flags)}"

# %% course={"kind": "wrong", "id": "counts-boolean-operators"}
def complexity(source: str) -> dict[str, int]:
    branches = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.BoolOp, ast.IfExp)
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    result: dict[str, int] = {}
    for node in ast.parse(source).body:
        if isinstance(node, functions):
            result[node.name] = 1 + sum(isinstance(n, branches) for n in ast.walk(node))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, functions):
                    result[f"{node.name}.{item.name}"] = 1 + sum(isinstance(n, branches) for n in ast.walk(item))
    return result

# %% course={"kind": "wrong", "id": "top-statements-only"}
def complexity(source: str) -> dict[str, int]:
    branches = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try)
    result: dict[str, int] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            result[node.name] = 1 + sum(isinstance(stmt, branches) for stmt in node.body)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    result[f"{node.name}.{item.name}"] = 1 + sum(isinstance(stmt, branches) for stmt in item.body)
    return result

# %% course={"kind": "wrong", "id": "counts-comprehensions-and-else"}
def complexity(source: str) -> dict[str, int]:
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)

    def score(function: ast.AST) -> int:
        total = 1
        for node in ast.walk(function):
            if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.comprehension)):
                total += 1
            if isinstance(node, (ast.If, ast.For, ast.While)) and node.orelse:
                total += 1
        return total

    result: dict[str, int] = {}
    for node in ast.parse(source).body:
        if isinstance(node, functions):
            result[node.name] = score(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, functions):
                    result[f"{node.name}.{item.name}"] = score(item)
    return result

# %% [markdown] course={"kind": "exercise", "id": "quality-gate", "item": "project-14-4-1", "timeout": 120}
# ### Exercise: the quality gate CI runs
#
# Write `quality_gate(folder)` that runs the four checks on a project folder and returns
# `(exit_code, counts)`. `counts` is a dict with exactly these keys, in this order:
#
# | key | what is counted |
# |---|---|
# | `"lint"` | findings of `ruff_check(folder, "--select", "E,F,B")` |
# | `"format"` | files `ruff_unformatted(folder)` names |
# | `"types"` | findings of `mypy_check(folder, strict=True)` |
# | `"security"` | bandit results (`bandit_report(folder)["results"]`) of MEDIUM or HIGH severity |
#
# The exit code is `0` when every count is 0, else `1`: a CI step `python gate.py` then fails exactly when
# the gate does. LOW bandit findings are reported by bandit but never fail the gate.
#
# ```python
# >>> quality_gate(project({"ok.py": "def one() -> int:\n    return 1\n"}))
# (0, {'lint': 0, 'format': 0, 'types': 0, 'security': 0})
# ```

# %% [markdown] course={"kind": "hint"}
# Build the dict first, then derive the exit code from it: `1 if any(counts.values()) else 0`.

# %% course={"kind": "solution"}
def quality_gate(folder: Path) -> tuple[int, dict[str, int]]:
    ### BEGIN SOLUTION
    counts = {
        "lint": len(ruff_check(folder, "--select", "E,F,B")),
        "format": len(ruff_unformatted(folder)),
        "types": len(mypy_check(folder, strict=True)),
        "security": sum(r["issue_severity"] in ("MEDIUM", "HIGH") for r in bandit_report(folder)["results"]),
    }
    return (1 if any(counts.values()) else 0), counts
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
clean_code = "import subprocess\n\n\ndef run_tests() -> int:\n    return subprocess.run([\"pytest\", \"-q\"], check=False).returncode\n"
verdict = quality_gate(project({"ci.py": clean_code}))
assert verdict == (0, {"lint": 0, "format": 0, "types": 0, "security": 0}), f"a clean project passes (LOW bandit findings do not count): {verdict}"
assert type(verdict[0]) is int and list(verdict[1]) == ["lint", "format", "types", "security"], "an int exit code; the keys in order"

# %% course={"kind": "test", "points": 3}
dirty_code = "import os\nimport subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n\n\ndef size(x: int) -> str:\n    return x\n"
verdict = quality_gate(project({"ci.py": clean_code, "bad.py": dirty_code, "ugly.py": "x = {'a':1}\n"}))
assert verdict == (1, {"lint": 1, "format": 1, "types": 2, "security": 1}), f"each check counts its own findings: {verdict}"
### BEGIN HIDDEN TESTS
verdict = quality_gate(project({"ci.py": clean_code, "ugly.py": "x = {'a':1}\n"}))
assert verdict == (1, {"lint": 0, "format": 1, "types": 0, "security": 0}), "a formatting problem alone fails the gate"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "low-severity-fails"}
def quality_gate(folder: Path) -> tuple[int, dict[str, int]]:
    counts = {
        "lint": len(ruff_check(folder, "--select", "E,F,B")),
        "format": len(ruff_unformatted(folder)),
        "types": len(mypy_check(folder, strict=True)),
        "security": len(bandit_report(folder)["results"]),
    }
    return (1 if any(counts.values()) else 0), counts

# %% course={"kind": "wrong", "id": "format-only-reported"}
def quality_gate(folder: Path) -> tuple[int, dict[str, int]]:
    counts = {
        "lint": len(ruff_check(folder, "--select", "E,F,B")),
        "format": len(ruff_unformatted(folder)),
        "types": len(mypy_check(folder, strict=True)),
        "security": sum(r["issue_severity"] in ("MEDIUM", "HIGH") for r in bandit_report(folder)["results"]),
    }
    return (1 if counts["lint"] or counts["types"] or counts["security"] else 0), counts

# %% course={"kind": "wrong", "id": "mypy-not-strict"}
def quality_gate(folder: Path) -> tuple[int, dict[str, int]]:
    counts = {
        "lint": len(ruff_check(folder, "--select", "E,F,B")),
        "format": len(ruff_unformatted(folder)),
        "types": len(mypy_check(folder)),
        "security": sum(r["issue_severity"] in ("MEDIUM", "HIGH") for r in bandit_report(folder)["results"]),
    }
    return (1 if any(counts.values()) else 0), counts

# %% [markdown] course={"kind": "exercise", "id": "custom-rule", "item": "project-14-4-2"}
# ### Exercise: a project rule of your own, flake8-style
#
# The core of a custom linter plugin: a function from source text to findings. Write
# `project_rules(source)` that returns `(line, column, code)` tuples (line from 1, column from 1 as
# flake8 prints them), sorted, for:
#
# - `PRJ001`: a call to `print(...)`: library code logs, it does not print;
# - `PRJ002`: a call to `subprocess.run(...)` without a `check=` keyword argument (a failed command would
#   pass unnoticed). Only the spelling `subprocess.run` counts.
#
# A comment `# noqa: PRJ001` (or several codes separated by commas, `# noqa: PRJ001, PRJ002`) on the line
# of the call silences those codes on that line, and only those.
#
# ```python
# >>> project_rules("import subprocess\nprint('hi')\nsubprocess.run(['ls'])\n")
# [(2, 1, 'PRJ001'), (3, 1, 'PRJ002')]
# ```

# %% [markdown] course={"kind": "hint"}
# `ast.walk(ast.parse(source))` and look at every `ast.Call`: `print` is `ast.Name(id="print")`,
# `subprocess.run` is `ast.Attribute(value=ast.Name(id="subprocess"), attr="run")`. `call.keywords` holds
# the keyword arguments (`kw.arg` is the name). `call.col_offset` counts from 0.

# %% [markdown] course={"kind": "hint"}
# For `noqa`, read the line (`source.splitlines()[call.lineno - 1]`) and find the codes after `# noqa:`
# with a regular expression; split on commas and strip the spaces.

# %% course={"kind": "solution"}
def project_rules(source: str) -> list[tuple[int, int, str]]:
    ### BEGIN SOLUTION
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            code = "PRJ001"
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "run"
            and isinstance(func.value, ast.Name)
            and func.value.id == "subprocess"
            and not any(kw.arg == "check" for kw in node.keywords)
        ):
            code = "PRJ002"
        else:
            continue
        noqa = re.search(r"#\s*noqa:\s*([A-Z0-9, ]+)", lines[node.lineno - 1])
        if noqa and code in {c.strip() for c in noqa.group(1).split(",")}:
            continue
        found.append((node.lineno, node.col_offset + 1, code))
    return sorted(found)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert project_rules("import subprocess\nprint('hi')\nsubprocess.run(['ls'])\n") == [(2, 1, "PRJ001"), (3, 1, "PRJ002")], "one print, one run without check"
assert project_rules("import subprocess\nsubprocess.run(['ls'], check=True)\n") == [], "check=True is fine"
### BEGIN HIDDEN TESTS
assert project_rules("") == [] and project_rules("x = 1\n") == []
assert project_rules("import subprocess\nsubprocess.run(['ls'], check=False)\n") == [], "check=False is a decision too: it is written down"
assert project_rules("def f():\n    if True:\n        print(1, print(2))\n") == [(3, 9, "PRJ001"), (3, 18, "PRJ001")], "nested calls, 1-based columns"
assert project_rules("log.print('x')\nsubprocess.call('x')\nrun(['x'])\nsp.run(['x'])\nsubprocess.run.__doc__\n") == [], "only print(...) and subprocess.run(...)"
assert project_rules("subprocess.run(['x'], **options)\n") == [(1, 1, "PRJ002")], "**options may or may not hold check"
assert project_rules("a = 1\nsubprocess.run(['ünï'])\nprint()\n") == [(2, 1, "PRJ002"), (3, 1, "PRJ001")]
assert project_rules("len('x')\nprint(1)\n") == [(2, 1, "PRJ001")], "other calls are skipped, not the end of the search"
assert project_rules("if x:\n    print(1)\nprint(2)\n") == [(2, 5, "PRJ001"), (3, 1, "PRJ001")], "sorted by line, however deep the call sits"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert project_rules("print('x')  # noqa: PRJ001\n") == [], "noqa with the code silences it"
assert project_rules("print('x')  # noqa: PRJ002\n") == [(1, 1, "PRJ001")], "noqa for another code does not"
### BEGIN HIDDEN TESTS
both = "print(subprocess.run(['x']))  # noqa: PRJ002, PRJ001\n"
assert project_rules(both) == [] and project_rules(both.replace(", PRJ001", "")) == [(1, 1, "PRJ001")]
assert project_rules("print('x')  # noqa: PRJ0011\n") == [(1, 1, "PRJ001")], "PRJ0011 is another code"
assert project_rules("print('x')\nprint('y')  # noqa: PRJ001\n") == [(1, 1, "PRJ001")], "noqa works on its own line only"
assert project_rules("print('x')  # noqa: PRJ001\nprint('y')\n") == [(2, 1, "PRJ001")], "a silenced line does not end the search"
assert project_rules("print('x')  #noqa:PRJ001\n") == [], "spaces around noqa are optional"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "text-search"}
def project_rules(source: str) -> list[tuple[int, int, str]]:
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        if "noqa" in line:
            continue
        if "print(" in line:
            found.append((number, line.index("print(") + 1, "PRJ001"))
        if "subprocess.run(" in line and "check=" not in line:
            found.append((number, line.index("subprocess.run(") + 1, "PRJ002"))
    return sorted(found)

# %% course={"kind": "wrong", "id": "zero-based-columns"}
def project_rules(source: str) -> list[tuple[int, int, str]]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            code = "PRJ001"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run" and not any(kw.arg == "check" for kw in node.keywords):
            code = "PRJ002"
        else:
            continue
        if f"noqa: {code}" in lines[node.lineno - 1]:
            continue
        found.append((node.lineno, node.col_offset, code))
    return sorted(found)

# %% course={"kind": "wrong", "id": "noqa-substring"}
def project_rules(source: str) -> list[tuple[int, int, str]]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            code = "PRJ001"
        elif isinstance(func, ast.Attribute) and func.attr == "run" and isinstance(func.value, ast.Name) and func.value.id == "subprocess" and not any(kw.arg == "check" for kw in node.keywords):
            code = "PRJ002"
        else:
            continue
        if code in lines[node.lineno - 1].partition("#")[2]:
            continue
        found.append((node.lineno, node.col_offset + 1, code))
    return sorted(found)

# %% [markdown] course={"kind": "task", "id": "quality-pipeline-whole", "points": 5, "item": "project-14-4-1"}
# ### Project 14.4.1: the whole code quality pipeline
#
# Put the pieces of this section together in a small repository of your own: a `pyproject.toml` with the
# ruff, mypy (strict, with overrides for any legacy package) and bandit settings; a
# `.pre-commit-config.yaml` running ruff (lint with `--fix`, and format), mypy and bandit, which
# `precommit_problems` accepts; a `gate.py` that runs the four checks and the complexity limit
# (`C901`, max 10) and exits with `quality_gate`'s code; and a CI workflow (GitHub Actions or GitLab CI)
# that runs `pre-commit run --all-files` and `python gate.py` on every pull request as a required check.
# Show one pull request (or a local run) that the gate turns red, and the fix that turns it green.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `pyproject.toml` configures all tools in one place; ruff uses `[tool.ruff.lint]`, mypy is strict, legacy code is excluded by overrides, not by turning strict off.
# - 1 point: the pre-commit config pins every `rev` as a string and uses the common hooks; no hook duplicates.
# - 1 point: `gate.py` fails (exit code 1) on any finding of any check, LOW bandit findings excepted, and prints which check failed.
# - 1 point: CI runs the same commands as pre-commit and the gate; the job is required for merging (or explained how).
# - 1 point: the red-then-green demonstration is real (tool output shown), and nothing was silenced with a bare `noqa`, `type: ignore` or `nosec`.

# %% [markdown] course={"kind": "task", "id": "custom-linter-package", "points": 5, "item": "project-14-4-2"}
# ### Project 14.4.2: custom linter rules as a package
#
# Turn `project_rules` into a flake8 plugin package: a class with `name`, `version` and
# `__init__(self, tree)` / `run(self)` yielding `(line, col, message, type)` (flake8 calls `run` with the
# tree it parsed and wants a 0-based column there), registered under the `flake8.extension` entry point
# group for the `PRJ` prefix in `pyproject.toml`. Add a third rule your team needs (for example: no
# `requests` call without `timeout=`), tests for each rule with good and bad snippets, a README that
# documents every code with a wrong and a right example, and build a wheel (`python -m build`).
# Publishing to a package index is optional; installing the wheel in a fresh venv and seeing
# `flake8 --select PRJ` report your codes is required.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the plugin class follows flake8's interface and the entry point registers the `PRJ` prefix; `flake8 --select PRJ` finds the codes after installing the wheel.
# - 1 point: three rules, each with tests on code that should and should not be reported (including `noqa`).
# - 1 point: rules use the syntax tree, not text search (a `print(` inside a string is not reported).
# - 1 point: the README documents each code with a bad and a fixed example.
# - 1 point: the package builds to a wheel with a version, and installs cleanly in a fresh venv.

# %% [markdown] course={"kind": "answer", "question": "q-what-code-quality-tools-do-you-use"}
# One configuration in `pyproject.toml`, the same checks on laptops (pre-commit) and in CI (a required PR
# check). Ruff for linting (pyflakes, pycodestyle, bugbear, isort rules, complexity `C901`) and for
# formatting (black's style), because one fast tool replaces five. mypy in strict mode for new code, with
# per-module overrides for legacy code. bandit (or ruff's `S` rules) for security, failing on MEDIUM and
# above. pytest with coverage for behaviour. And a gate: every tool's non-zero exit code fails the
# pipeline; nothing runs with `|| true`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-enforce-type-safety"}
# Annotate every function (mypy skips unannotated ones), run mypy with `strict = true` in CI as a
# required check and in pre-commit, and forbid the escape hatches in review: a `# type: ignore` must name
# its error code (`# type: ignore[import-untyped]`, enforced by `warn_unused_ignores` and the
# `ignore-without-code` error code), `Any` stays at the edges where data really is unknown (parse JSON into
# a `TypedDict` or a pydantic model at once), and `Optional` values are narrowed with `if x is None`, never
# asserted away. Typed libraries (`py.typed`) or stub packages (`types-...`) for the dependencies.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-benefit-of-static-analysis"}
# It finds whole classes of bugs without running the code and without writing a test for each: a
# `None` used as a string, a wrong dict key, a mutable default shared across calls, `shell=True` with
# user input, an unused import that hides a typo. It runs in seconds on every commit, so the feedback
# arrives before review, and it makes review about design instead of style. It also documents: type
# annotations are checked documentation. Its limit: it proves the absence of *patterns*, not correctness;
# tests are still needed.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-legacy-code-without"}
# Gradually, and new code first. Turn on mypy strict for the new packages and put the legacy ones under
# `[[tool.mypy.overrides]]` with `ignore_errors = true` (or looser flags), then remove one override at a
# time. Annotate the most-called functions first (a typed boundary helps every caller), write `.pyi`
# stubs for modules you cannot change yet, and let tools draft annotations (`monkeytype` or
# `pyannotate` from real runs, `stubgen` for stubs). For lint, baseline once (`ruff check --add-noqa`) so
# the gate is green today, and fail only on new findings; delete the `noqa`s as code is touched.
