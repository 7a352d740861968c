# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this capstone** you have built a small CI/CD server in a real repository, `23.2-cicd/`: it reads
# YAML pipelines, checks signed git webhooks, runs build jobs as real processes with secrets masked, keeps
# artifacts by their sha256, deploys with promotion and rollback, and answers over HTTP on a real uvicorn.

# %% course={"kind": "setup", "id": "repo"}
# The capstone's repository, next to this notebook: `workspace` copies the files the course gives into
# 23.2-cicd/ (never over a file you changed) and puts it first on sys.path. Each milestone's answer cell
# starts with %%repo_file and *is* that module: running the cell writes the file.
import hashlib
import hmac
import itertools
import json
import subprocess
from pathlib import Path

import httpx

from course.runtime import gitscratch
from course.runtime.aio import serve
from course.runtime.capstone import workspace
from course.runtime.clock import FakeClock
from course.runtime.scratch import scratch_dir

repo = workspace("23.2-cicd")
_scratch = scratch_dir("cicd")
_numbers = itertools.count(1)


def fresh_dir(tag):
    """A new empty folder in this notebook's scratch space (removed at exit)."""
    path = _scratch / f"{tag}-{next(_numbers)}"
    path.mkdir()
    return path


def yml(*lines):
    """YAML text from lines (tests keep no multi-line strings)."""
    return "\n".join(lines) + "\n"


def pipeline_error(parse, text):
    """The message of the PipelineError (a ValueError) that parse(text) raises."""
    try:
        parse(text)
    except ValueError as error:
        return str(error)
    raise AssertionError("no PipelineError for:\n" + text)


def make_pipeline(model, jobs, tags=False):
    """A model.Pipeline from (name, run, needs) triples already in dependency order."""
    built = {name: model.Job(name, run, tuple(needs), (), i + 1) for i, (name, run, needs) in enumerate(jobs)}
    return model.Pipeline("test", ("main",), tags, built, tuple(built))


def ticking_clock(start=100.0):
    """A fake clock that moves on by 1, 2, 3... seconds after each read: run durations of 1, 3, 5..."""
    clock = FakeClock(start)

    def read():
        now = clock()
        clock.advance(clock.reads)
        return now

    return read


def send_push(client, ref, after, delivery, secret=b"hook-secret", event="push"):
    """POST a GitHub-style push delivery, signed with secret."""
    body = json.dumps({"ref": ref, "after": after}).encode()
    signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": signature}
    return client.post("/webhook", content=body, headers=headers)

# %% [markdown] course={"kind": "lesson", "id": "system-map", "covers": ["part-overview", "part-architecture", "part-tech-stack"]}
# ### The system: what a CI/CD server does, and the parts you build
#
# A CI/CD server turns *a push* into *a running release*. GitHub or GitLab sends an HTTP request (a webhook) for
# every push; the server checks that the request really comes from the git host, reads the pipeline file of the
# pushed commit, runs its jobs (test, build, package) on runners, keeps what the jobs build (artifacts), deploys
# the result to a first environment and, on request, promotes it to the next one or rolls it back. Everything
# it does is counted, so a team can see how often builds fail and how long they take.
#
# The roadmap's architecture has four managers behind one API. In this capstone each becomes a module you write
# in `23.2-cicd/cicd/`:
#
# | roadmap box | module (milestone) | what it does here |
# |---|---|---|
# | Pipeline Manager | `pipeline.py` (1) | YAML in, a checked `Pipeline` with a run order out |
# | Git Webhooks | `webhook.py` (2) | HMAC signature check, push/tag events to triggers, replays ignored |
# | Build Manager | `runner.py` (3) | jobs as real `sh` processes in a workspace, logs masked |
# | artifact storage | `artifacts.py` (4) | content-addressed blobs (sha256), retention |
# | Deploy Manager | `deploy.py` (5) | environments in order, promotion, rollback |
# | Pipeline API | `server.py` (6) | FastAPI on a real uvicorn, wiring it all, metrics |
#
# **Tech stack, and what stands in for what.** The API is real FastAPI served by a real uvicorn on 127.0.0.1;
# the git repository is real (`git` in a scratch folder, made with `course.runtime.gitscratch`); jobs are real
# processes. The stand-ins: state lives in Python objects and files instead of PostgreSQL (a real server would
# keep runs, deliveries and deployments in tables so a restart loses nothing); jobs run one after the other in
# the server's process instead of on Celery workers fed by Redis, in Docker containers or Kubernetes pods; the
# "environments" are folders, where a real deploy would roll a Kubernetes Deployment; and the Notification
# Service is left to your design document (Slack and e-mail need the network).

# %% course={"kind": "demo"}
# The repository as the course gives it: you add one module per milestone.
print("\n".join(repo.files()))
print()
print(repo.path("README.md").read_text(encoding="utf-8").split("## Layout")[0])

# %% [markdown] course={"kind": "lesson", "id": "pipelines-as-data", "covers": ["part-features"]}
# ### Pipelines as data: reading YAML the way CI services do
#
# A pipeline file is data before it is code: the server reads it, checks it and only then runs anything. Two
# details decide whether users trust the error messages:
#
# - **Say where.** `jobs: build: needs: [tests]` with no job `tests` should fail with `line 3: ...`, not with a
#   `KeyError` from deep inside the runner. PyYAML's *compose* step keeps the line of every node;
#   `cicd.model.key_lines` (given) returns the line of each job's key.
# - **Read YAML 1.2 booleans.** PyYAML follows YAML 1.1, where `on`, `yes` and `no` are booleans, so a key `on:`
#   loads as `True`. `course.runtime.ciconfig.load_yaml` reads only `true`/`false` as booleans, as GitHub does.
#
# The run order is a topological order of the `needs` graph. A cycle (`a` needs `c`, `c` needs `a`) has no
# order at all: the server must refuse it before starting anything.

# %% course={"kind": "demo"}
import yaml

from cicd.model import key_lines
from course.runtime.ciconfig import load_yaml

text = yml("on:", "  branches: [main]", "jobs:", "  test:", "    run: pytest", "  build:", "    needs: [test]", "    run: make")
print("PyYAML 1.1 keys:", list(yaml.safe_load(text)))
print("load_yaml keys: ", list(load_yaml(text)))
print("job lines:      ", key_lines(text))

# %% [markdown] course={"kind": "lesson", "id": "scaling-failure", "covers": ["part-scaling", "part-failure"]}
# ### Scaling and failure: queues, parallel jobs, partial failure
#
# **Scaling.** One server running jobs in its own process stops at a few builds at a time. Real platforms put
# each ready job on a *build queue* (Redis/Celery, a database table with `SELECT ... FOR UPDATE SKIP LOCKED`)
# and let a pool of *distributed runners* take them; the pool grows with the queue length. Jobs whose needs are
# done can run *in parallel*: the waves of the `needs` graph below show how many runners one pipeline can keep
# busy. Artifact storage scales by being content-addressed: the same bytes are stored once whatever their name,
# blobs go to object storage (S3), and retention deletes what no name still keeps.
#
# **Failure.** A failed job must not stop the world: its *dependents* are skipped (their input is missing), its
# independent siblings still run (*partial failure*), and the run is reported failed. A deploy that goes wrong
# is answered by a *rollback* to the previous digest, which is cheap because the artifact is still in the store.
# What this capstone leaves to your design: retries with backoff for flaky jobs (only for idempotent steps),
# job timeouts (careful: `subprocess.run(timeout=...)` kills only the `sh` it started, and the commands that `sh`
# started keep running; a real runner starts each job in its own process group, `start_new_session=True`, and
# kills the whole group with `os.killpg`, or throws the job's container away), and a runner that dies mid-job (the
# queue hands the job to another runner after its lease expires).

# %% course={"kind": "demo"}
from graphlib import TopologicalSorter

graph = {"lint": [], "unit": [], "build": ["lint", "unit"], "image": ["build"], "docs": [], "deploy": ["image", "docs"]}
sorter = TopologicalSorter(graph)
sorter.prepare()
wave = 1
while sorter.is_active():
    ready = sorted(sorter.get_ready())
    print(f"wave {wave}: {len(ready)} runner(s) busy: {', '.join(ready)}")
    sorter.done(*ready)
    wave += 1

# %% [markdown] course={"kind": "lesson", "id": "webhook-security", "covers": ["part-security"]}
# ### Security: signed webhooks, secrets, isolation, audit
#
# - **Webhook validation.** GitHub signs each delivery: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of
#   the body, keyed by a shared secret>` (other hosts differ: GitLab has long sent the shared secret itself in
#   an `X-Gitlab-Token` header, so read your host's documentation before trusting a header). The server recomputes it over the *raw bytes* (never re-serialised
#   JSON) and compares with `hmac.compare_digest`, whose time does not depend on where the strings first differ,
#   so an attacker cannot find the right signature byte by byte. Each delivery has an id
#   (`X-GitHub-Delivery`); a server that remembers the ids it has processed ignores a captured request sent
#   again (a replay).
# - **Secret injection.** Secrets reach jobs as environment variables, never in the pipeline file; whatever a job
#   prints is masked before it is stored (longest value first, so a secret that contains another is hidden
#   whole). Masking is a safety net, not a guarantee: `echo $TOKEN | base64` leaks it anyway.
# - **Runner isolation.** Here jobs run as your user in a scratch folder. A real runner gives each job a fresh
#   container or VM with no access to other jobs' workspaces and short-lived credentials.
# - **Audit logging.** Who triggered, promoted or rolled back what, and when: append-only, in the database.

# %% course={"kind": "demo"}
secret_key = b"shared-with-the-git-host"
body = b'{"ref": "refs/heads/main", "after": "abc"}'
header = "sha256=" + hmac.new(secret_key, body, hashlib.sha256).hexdigest()
print("header :", header[:30] + "...")
print("genuine:", hmac.compare_digest(header, "sha256=" + hmac.new(secret_key, body, hashlib.sha256).hexdigest()))
edited = body.replace(b"main", b"prod")
print("edited body:", hmac.compare_digest(header, "sha256=" + hmac.new(secret_key, edited, hashlib.sha256).hexdigest()))

# %% [markdown] course={"kind": "lesson", "id": "interview-points", "covers": ["part-talking-points"]}
# ### Talking about it in an interview
#
# Numbers make a talking point; give the ones you measured and say how.
#
# - *"Built a CI/CD server that turns signed webhooks into pipeline runs"*: explain the signature check, the
#   replay protection, and why the branch filter comes before any work is done.
# - *"Designed the artifact flow so a release is promoted, never rebuilt"*: the same sha256 goes from staging to
#   production, so what was tested is what runs; rollback is a pointer move to the previous digest.
# - *"Distributed runners with auto-scaling"*: the queue, the lease that hands a dead runner's job to another,
#   and scaling on queue length.
# - *"Blue-green and canary"*: deploy beside the old version, move traffic (all at once, or 5 % then more while
#   the error rate stays low), keep the old version until the new one is proven.
# - *"Reduced deployment failures by X %"*: the metrics endpoint counts runs, failures and durations; the
#   failure rate before and after the change is your X.

# %% course={"kind": "demo"}
# "Reduced deployment failures by X %": X from run counts, and the number of runs behind it (made-up counts)
runs_before, failed_before = 412, 37  # the month before the change
runs_after, failed_after = 398, 12  # the month after
rate_before, rate_after = failed_before / runs_before, failed_after / runs_after
print(f"failure rate {rate_before:.1%} -> {rate_after:.1%}: {1 - rate_after / rate_before:.0%} fewer failed deployments")
print(f"over {runs_before + runs_after} runs; with fewer than ~100 runs a change of a few failures is noise")

# %% [markdown] course={"kind": "exercise", "id": "pipeline", "item": "f-pipeline-definition-yaml-based"}
# ### Milestone 1: pipelines from YAML
#
# Write `parse_pipeline(text)` in `cicd/pipeline.py`: it reads a `.cicd.yml` text into the given
# `cicd.model.Pipeline` (with `Job`s), or raises the given `PipelineError` whose message starts with `line N:`.
#
# - `name` is kept as text (`name: 7` gives `"7"`); `on.branches` is a tuple of glob patterns (default
#   `("main",)`, also when `on` is missing, empty or has no `branches`); `on.tags` is `True` only for the YAML boolean `true`.
# - `jobs` must be a non-empty mapping, each job a mapping with a `run` string; `needs` and `artifacts` are
#   optional lists, kept as tuples; `line` is the job's line (`key_lines`).
# - Errors: no usable `jobs` -> `line 1: ...`; a job without a `run` string, or needing an unknown job -> the
#   job's line; a cycle -> the line of the first job (file order) that can never run, and the word `cycle`.
# - `order`: again and again, take the first job in file order whose needs are all already placed.
#
# Example: jobs `build` (needs `test`), `test`, `lint` in that file order give `order == ("test", "build", "lint")`.

# %% [markdown] course={"kind": "hint"}
# Use `load_yaml` (not `yaml.safe_load`: `on:` would become `True`) and check the shape before building `Job`s.

# %% [markdown] course={"kind": "hint"}
# For the order, loop while some job is unplaced: collect the unplaced jobs whose needs are all placed; none means a cycle, otherwise place the *first* one and look again (not the whole wave: `lint` must come after `build`).

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/pipeline.py"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    ### BEGIN SOLUTION
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
pipeline = repo.load("cicd.pipeline")
text = yml("name: app", "on:", "  branches: [main, 'release/*']", "  tags: true", "jobs:", "  build:", "    run: make",
           "    needs: [test]", "    artifacts: [dist/app.txt]", "  test:", "    run: pytest", "  lint:", "    run: ruff check")
p = pipeline.parse_pipeline(text)
assert p.order == ("test", "build", "lint"), f"order: first job in file order whose needs are placed, got {p.order}"
assert (p.name, p.branches, p.tags) == ("app", ("main", "release/*"), True), (p.name, p.branches, p.tags)
assert p.jobs["build"] == pipeline.Job("build", "make", ("test",), ("dist/app.txt",), 6), p.jobs["build"]
assert p.jobs["test"] == pipeline.Job("test", "pytest", (), (), 10), p.jobs["test"]
### BEGIN HIDDEN TESTS
d = pipeline.parse_pipeline(yml("name: 7", "jobs:", "  only:", "    run: echo hi"))
assert d.name == "7" and d.branches == ("main",) and type(d.branches) is tuple and d.tags is False, d
assert d.order == ("only",) and type(d.order) is tuple
assert pipeline.parse_pipeline(yml("jobs:", "  a:", "    run: x")).name == "pipeline"
assert pipeline.parse_pipeline(yml("on:", "  tags: yes", "jobs:", "  a:", "    run: x")).tags is False, "only true turns tags on"
assert pipeline.parse_pipeline(yml("on:", "  tags: false", "jobs:", "  a:", "    run: x")).tags is False
only_tags = pipeline.parse_pipeline(yml("on:", "  tags: true", "jobs:", "  a:", "    run: x"))
assert only_tags.branches == ("main",), f"an on: without branches keeps the default ('main',), got {only_tags.branches}"
empty_on = pipeline.parse_pipeline(yml("on:", "jobs:", "  a:", "    run: x"))
assert (empty_on.branches, empty_on.tags) == (("main",), False), "an empty on: keeps the defaults"
lines = ["jobs:"]
for i in reversed(range(30)):
    lines += [f"  j{i}:", "    run: echo", *([f"    needs: [j{i - 1}]"] if i else [])]
chain = pipeline.parse_pipeline(yml(*lines))
assert chain.order == tuple(f"j{i}" for i in range(30)), chain.order
assert chain.jobs["j1"].needs == ("j0",) and type(chain.jobs["j1"].needs) is tuple
diamond = yml("jobs:", "  d:", "    run: x", "    needs: [b, c]", "  c:", "    run: x", "    needs: [a]",
              "  b:", "    run: x", "    needs: [a]", "  a:", "    run: x")
assert pipeline.parse_pipeline(diamond).order == ("a", "c", "b", "d")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
pipeline = repo.load("cicd.pipeline")
message = pipeline_error(pipeline.parse_pipeline, yml("name: app", "jobs:", "  build:", "    run: make", "    needs: [tests]"))
assert message.startswith("line 3:") and "tests" in message, message
cycle = yml("jobs:", "  a:", "    run: x", "    needs: [c]", "  b:", "    run: y", "  c:", "    run: z", "    needs: [a]")
message = pipeline_error(pipeline.parse_pipeline, cycle)
assert message.startswith("line 2:") and "cycle" in message, message
assert isinstance(pipeline.PipelineError("x"), ValueError)
### BEGIN HIDDEN TESTS
for bad in (yml("name: app"), yml("name: app", "jobs: {}"), yml("jobs: [a, b]"), yml("- a"), yml("jobs:")):
    assert pipeline_error(pipeline.parse_pipeline, bad).startswith("line 1:"), bad
assert pipeline_error(pipeline.parse_pipeline, yml("jobs:", "  a:", "    needs: []")).startswith("line 2:")
assert pipeline_error(pipeline.parse_pipeline, yml("jobs:", "  a:", "    run: x", "  b: just text")).startswith("line 4:")
assert pipeline_error(pipeline.parse_pipeline, yml("jobs:", "  a:", "    run: 5")).startswith("line 2:")
assert pipeline_error(pipeline.parse_pipeline, yml("jobs:", "  ok:", "    run: x", "  a:", "    run: x", "    needs: [a]")).startswith("line 4:")
late = yml("jobs:", "  c:", "    run: x", "    needs: [a]", "  a:", "    run: x", "    needs: [b]", "  b:", "    run: x", "    needs: [a]")
message = pipeline_error(pipeline.parse_pipeline, late)
assert message.startswith("line 2:") and "cycle" in message, message
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "waves"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.extend(ready)
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% course={"kind": "wrong", "id": "safe-load-on-key"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
import yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% course={"kind": "wrong", "id": "truthy-tags"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, bool(trigger.get("tags")), jobs, tuple(order))

# %% course={"kind": "wrong", "id": "cycle-not-detected"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            break
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% course={"kind": "wrong", "id": "unknown-need-keyerror"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% course={"kind": "wrong", "id": "branches-default-without-on"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on") or {}
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ())) if "on" in data else ("main",)
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% course={"kind": "wrong", "id": "empty-on-crashes"}
"""Milestone 1: a pipeline file (YAML) read into a `Pipeline`, checked before anything runs."""

from __future__ import annotations

from cicd.model import Job, Pipeline, PipelineError, key_lines
from course.runtime.ciconfig import load_yaml


def parse_pipeline(text: str) -> Pipeline:
    """Read the text of a `.cicd.yml` file into a `Pipeline`.

    Keys: `name` (kept as text), `on.branches` (glob patterns, default `("main",)`), `on.tags` (only the
    boolean `true` turns tag builds on), `jobs` (a non-empty mapping: name -> `run` command, optional
    `needs` and `artifacts` lists). `order` puts every job after the jobs it needs: take, again and again,
    the first job in file order whose needs are all placed. Any problem raises `PipelineError` whose
    message starts with `line N:` (the job's line from `key_lines`; line 1 for the file as a whole).
    """
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), dict) or not data["jobs"]:
        raise PipelineError("line 1: a pipeline needs a non-empty 'jobs' mapping")
    lines = key_lines(text)
    trigger = data.get("on", {})
    jobs: dict[str, Job] = {}
    for name, spec in data["jobs"].items():
        line = lines[name]
        if not isinstance(spec, dict) or not isinstance(spec.get("run"), str):
            raise PipelineError(f"line {line}: job {name!r} needs a 'run' command")
        needs = tuple(spec.get("needs") or ())
        jobs[name] = Job(name, spec["run"], needs, tuple(spec.get("artifacts") or ()), line)
    for job in jobs.values():
        for need in job.needs:
            if need not in jobs:
                raise PipelineError(f"line {job.line}: job {job.name!r} needs unknown job {need!r}")
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [job.name for job in jobs.values() if job.name not in order and all(n in order for n in job.needs)]
        if not ready:
            stuck = [job for job in jobs.values() if job.name not in order]
            names = ", ".join(job.name for job in stuck)
            raise PipelineError(f"line {stuck[0].line}: a cycle: {names} can never run")
        order.append(ready[0])
    branches = tuple(trigger.get("branches", ["main"]))
    return Pipeline(str(data.get("name", "pipeline")), branches, trigger.get("tags") is True, jobs, tuple(order))

# %% [markdown] course={"kind": "exercise", "id": "webhook", "item": "f-git-webhook-integration"}
# ### Milestone 2: signed git webhooks
#
# Write `verify` and `trigger` in `cicd/webhook.py`.
#
# - `verify(secret, body, header)`: `True` exactly when `header` is `"sha256="` followed by the lower-case hex
#   HMAC-SHA256 of the raw `body` bytes keyed by `secret`. Compare with `hmac.compare_digest`; a header that is
#   not even ASCII is simply `False`.
# - `trigger(pipeline, event, payload, delivery, seen)`: a delivery id already in `seen` is a replay (`None`);
#   otherwise add it to `seen`. Then `ping` -> `None`; any event but `push` -> `ValueError`; a push whose
#   `payload["after"]` is `DELETED` (forty zeros) -> `None`; `refs/tags/T` -> `Trigger("tag", T, after)` if
#   `pipeline.tags` else `None`; `refs/heads/B` -> `Trigger("branch", B, after)` when `B` matches one of
#   `pipeline.branches` with `fnmatch.fnmatchcase`; anything else -> `None`.
#
# Example: branches `("main", "release/*")`, a push of `refs/heads/release/2.0` with delivery `"d2"` gives
# `Trigger("branch", "release/2.0", after)` and `"d2"` joins `seen`; the same delivery again gives `None`.

# %% [markdown] course={"kind": "hint"}
# `hmac.new(secret, body, hashlib.sha256).hexdigest()` is the hex signature. `compare_digest` accepts two `str` only when both are ASCII: compare bytes.

# %% [markdown] course={"kind": "hint"}
# Check the replay first and record the id before the other checks, so a replayed `ping` is a replay too.

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/webhook.py"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    ### BEGIN SOLUTION
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())
    ### END SOLUTION


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    ### BEGIN SOLUTION
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
webhook = repo.load("cicd.webhook")
body = b'{"ref": "refs/heads/main"}'
good = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
assert webhook.verify(b"s3cret", body, good) is True
assert webhook.verify(b"s3cret", body + b" ", good) is False, "the signature covers the exact bytes"
assert webhook.verify(b"other", body, good) is False, "a different secret"
### BEGIN HIDDEN TESTS
assert webhook.verify(b"s3cret", body, good.removeprefix("sha256=")) is False
assert webhook.verify(b"s3cret", body, "") is False
assert webhook.verify(b"s3cret", body, "sha1=" + hmac.new(b"s3cret", body, hashlib.sha1).hexdigest()) is False
assert webhook.verify(b"s3cret", body, "sha256=\u00e9" + good[8:]) is False
assert webhook.verify(b"s3cret", body, "sha1=" + good.removeprefix("sha256=")) is False, "only the sha256= prefix names this signature"
assert webhook.verify(b"s3cret", body, good.upper()) is False, "exactly sha256= and lower-case hex, as GitHub sends it"
assert webhook.verify(b"", b"", "sha256=" + hmac.new(b"", b"", hashlib.sha256).hexdigest()) is True
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
calls = []
real_compare = hmac.compare_digest


def spying_compare(a, b):
    calls.append((a, b))
    return real_compare(a, b)


hmac.compare_digest = spying_compare
try:
    webhook = repo.load("cicd.webhook")
    body = b"payload"
    assert webhook.verify(b"k", body, "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()) is True
finally:
    hmac.compare_digest = real_compare
assert calls, "compare signatures with hmac.compare_digest: == returns as soon as one character differs"

# %% course={"kind": "test", "points": 2}
webhook = repo.load("cicd.webhook")
pipe = webhook.Pipeline("app", ("main", "release/*"), False)
sha = "a" * 40
seen = set()
assert webhook.trigger(pipe, "push", {"ref": "refs/heads/main", "after": sha}, "d1", seen) == webhook.Trigger("branch", "main", sha)
assert webhook.trigger(pipe, "push", {"ref": "refs/heads/main", "after": sha}, "d1", seen) is None, "a replayed delivery"
got = webhook.trigger(pipe, "push", {"ref": "refs/heads/release/2.0", "after": sha}, "d2", seen)
assert got == webhook.Trigger("branch", "release/2.0", sha), got
assert webhook.trigger(pipe, "push", {"ref": "refs/heads/feature", "after": sha}, "d3", seen) is None
assert seen == {"d1", "d2", "d3"}, seen
### BEGIN HIDDEN TESTS
assert webhook.trigger(pipe, "push", {"ref": "refs/tags/v1", "after": sha}, "t1", seen) is None, "tags are off"
tagged = webhook.Pipeline("app", ("main",), True)
assert webhook.trigger(tagged, "push", {"ref": "refs/tags/v1.2", "after": sha}, "t2", seen) == webhook.Trigger("tag", "v1.2", sha)
assert webhook.trigger(tagged, "push", {"ref": "refs/heads/main", "after": webhook.DELETED}, "t3", seen) is None
assert webhook.trigger(tagged, "push", {"ref": "refs/tags/v1", "after": webhook.DELETED}, "t4", seen) is None
assert webhook.trigger(pipe, "ping", {}, "p1", seen) is None and "p1" in seen
assert webhook.trigger(pipe, "ping", {}, "p1", seen) is None
everything = webhook.Pipeline("app", ("*",), False)
assert webhook.trigger(everything, "push", {"ref": "refs/notes/commits", "after": sha}, "n1", seen) is None
assert webhook.trigger(everything, "push", {"ref": "refs/heads/x", "after": sha}, "n2", seen) == webhook.Trigger("branch", "x", sha)
assert webhook.trigger(webhook.Pipeline("app", ("main",), False), "push", {"ref": "refs/heads/mainline", "after": sha}, "n3", seen) is None
try:
    webhook.trigger(pipe, "issues", {}, "i1", seen)
except ValueError:
    pass
else:
    raise AssertionError("an unsupported event raises ValueError")
assert webhook.trigger(pipe, "issues", {}, "i1", seen) is None, "the delivery was recorded"
assert webhook.trigger(pipe, "push", {"ref": "refs/heads/main", "after": sha}, "d9", set()) is not None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "plain-equals"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return expected == header


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "hex-without-prefix"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.removeprefix("sha256=").encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "no-replay-check"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "exact-branch-names"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and branch in pipeline.branches:
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "tags-always"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha)
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "any-algorithm-prefix"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    _, _, signature = header.partition("=")
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% course={"kind": "wrong", "id": "upper-case-accepted"}
"""Milestone 2: git webhooks: signed deliveries in, pipeline triggers out."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from dataclasses import dataclass

from cicd.model import Pipeline

DELETED = "0" * 40  # the `after` commit of a push that deleted its branch or tag


@dataclass(frozen=True)
class Trigger:
    kind: str  # "branch" or "tag"
    ref: str  # the branch or tag name, without refs/heads/ or refs/tags/
    sha: str  # the commit to build


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """True when `header` is `"sha256="` + the hex HMAC-SHA256 of `body` keyed by `secret`.

    Compare with `hmac.compare_digest` (constant time); any other header, even a non-ASCII one, is False.
    """
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.lower().encode())


def trigger(pipeline: Pipeline, event: str, payload: dict, delivery: str, seen: set[str]) -> Trigger | None:
    """What one verified delivery asks the server to build, or None.

    A `delivery` id already in `seen` is a replay: None. Otherwise add it to `seen`, then: a `ping` event
    -> None; a `push` whose `after` is `DELETED` -> None; `refs/tags/T` -> `Trigger("tag", T, after)` when
    `pipeline.tags`; `refs/heads/B` -> `Trigger("branch", B, after)` when B matches one of
    `pipeline.branches` (`fnmatch.fnmatchcase`); anything else pushed -> None. Other events: ValueError.
    """
    if delivery in seen:
        return None
    seen.add(delivery)
    if event == "ping":
        return None
    if event != "push":
        raise ValueError(f"unsupported event {event!r}")
    ref, sha = payload["ref"], payload["after"]
    if sha == DELETED:
        return None
    if ref.startswith("refs/tags/"):
        return Trigger("tag", ref.removeprefix("refs/tags/"), sha) if pipeline.tags else None
    branch = ref.removeprefix("refs/heads/")
    if ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, p) for p in pipeline.branches):
        return Trigger("branch", branch, sha)
    return None

# %% [markdown] course={"kind": "exercise", "id": "runner", "item": "f-build-job-execution"}
# ### Milestone 3: build jobs as real processes
#
# Write `mask` and `run_pipeline` in `cicd/runner.py`.
#
# - `mask(text, secrets)`: every non-empty secret *value* replaced by `***`, longest values first (so with
#   values `"abc"` and `"abcdef"`, `"abcdef"` becomes `***`, not `***def`).
# - `run_pipeline(pipeline, workspace, secrets)`: for each name in `pipeline.order`, run the job's `run` as
#   `["sh", "-c", run]` with `cwd=workspace` and an environment of this process's variables plus `CI=true` plus
#   the secrets (name -> value). Exit status 0 -> `JobResult("success", 0, log)`, any other `n` ->
#   `JobResult("failed", n, log)` (a job killed by signal 9 has `returncode` -9: failed too), where `log` is stdout then stderr, masked. A job with a need whose status is
#   not `"success"` is not started: `JobResult("skipped", None, "")`. Return the results by name, in order.
#
# Example: jobs `test` (`echo ok`), `build` (needs `test`, `echo $TOKEN; exit 3`), `deploy` (needs `build`) with
# secrets `{"TOKEN": "hunter2"}` give `success/0/"ok\n"`, `failed/3/"***\n"`, `skipped/None/""`.

# %% [markdown] course={"kind": "hint"}
# `subprocess.run(..., capture_output=True, text=True)` gives `returncode`, `stdout` and `stderr`; do not use `check=True`: a failed job is a result, not an exception.

# %% [markdown] course={"kind": "hint"}
# Keep going after a failure: only the jobs that need a failed (or skipped) job are skipped; independent jobs still run.

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/runner.py"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    ### BEGIN SOLUTION
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text
    ### END SOLUTION


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed" (killed by a signal: a negative code); the log is stdout then stderr,
    masked. A job with a need that did not succeed is "skipped" (not started, `exit_code` None, log "").
    Returns the results by job name, in `pipeline.order`.
    """
    ### BEGIN SOLUTION
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
model = repo.load("cicd.model")
runner = repo.load("cicd.runner")
ws = fresh_dir("run")
jobs = [("test", 'test "$CI" = true && echo tests passed', ()), ("build", "echo token=$TOKEN; echo oops >&2; exit 3", ("test",)),
        ("deploy", "touch deployed", ("build",)), ("docs", "echo docs > site.txt", ())]
results = runner.run_pipeline(make_pipeline(model, jobs), ws, {"TOKEN": "hunter2"})
assert list(results) == ["test", "build", "deploy", "docs"], list(results)
assert results["test"] == runner.JobResult("success", 0, "tests passed\n"), results["test"]
assert results["build"] == runner.JobResult("failed", 3, "token=***\noops\n"), results["build"]
assert results["deploy"] == runner.JobResult("skipped", None, ""), results["deploy"]
assert not (ws / "deployed").exists(), "a skipped job never starts"
assert results["docs"].status == "success" and (ws / "site.txt").read_text() == "docs\n", "jobs run in the workspace"
### BEGIN HIDDEN TESTS
jobs = [("a", "exit 1", ()), ("b", "echo b", ("a",)), ("c", "echo c", ("b",)), ("d", "echo $X >&2", ()), ("e", "exit 0", ("d",))]
results = runner.run_pipeline(make_pipeline(model, jobs), fresh_dir("run"), {"X": "s3cr3t", "EMPTY": ""})
assert [r.status for r in results.values()] == ["failed", "skipped", "skipped", "success", "success"], results
assert results["a"].exit_code == 1 and results["d"].log == "***\n" and results["e"].exit_code == 0
many = [(f"j{i}", f"echo {i} >> out.txt", (f"j{i - 1}",) if i else ()) for i in range(12)]
ws = fresh_dir("run")
results = runner.run_pipeline(make_pipeline(model, many), ws, {})
assert all(r.status == "success" for r in results.values())
assert (ws / "out.txt").read_text().split() == [str(i) for i in range(12)], "in pipeline order"
import os

jobs = [("streams", "echo first-to-stderr >&2; echo then-to-stdout", ()), ("killed", "kill -9 $$", ()),
        ("env", 'echo "$CICD_FROM_SERVER"', ())]
os.environ["CICD_FROM_SERVER"] = "inherited"
try:
    results = runner.run_pipeline(make_pipeline(model, jobs), fresh_dir("run"), {})
finally:
    del os.environ["CICD_FROM_SERVER"]
assert results["streams"].log == "then-to-stdout\nfirst-to-stderr\n", f"the log is stdout, then stderr: {results['streams'].log!r}"
assert results["killed"] == runner.JobResult("failed", -9, ""), f"a job killed by a signal failed: {results['killed']}"
assert results["env"].log == "inherited\n", "a job sees this process's environment variables too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
runner = repo.load("cicd.runner")
assert runner.mask("user=admin pass=abcdef", {"USER": "admin", "SHORT": "abc", "LONG": "abcdef"}) == "user=*** pass=***"
assert runner.mask("nothing here", {"EMPTY": ""}) == "nothing here", "an empty secret masks nothing"
assert runner.mask("plain", {}) == "plain"
### BEGIN HIDDEN TESTS
assert runner.mask("tok tok", {"T": "tok"}) == "*** ***"
assert runner.mask("xyz-xy", {"A": "xy", "B": "xyz"}) == "***-***"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "check-true"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=True
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% course={"kind": "wrong", "id": "stop-at-first-failure"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(result.status != "success" for result in results.values()):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% course={"kind": "wrong", "id": "mask-in-dict-order"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in secrets.values():
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% course={"kind": "wrong", "id": "stdout-only"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout, secrets))
    return results

# %% course={"kind": "wrong", "id": "secrets-not-passed"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true"}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% course={"kind": "wrong", "id": "merged-output"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout, secrets))
    return results

# %% course={"kind": "wrong", "id": "signal-is-success"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {**os.environ, "CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "failed" if done.returncode > 0 else "success"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% course={"kind": "wrong", "id": "no-inherited-env"}
"""Milestone 3: build jobs run as real processes, in dependency order, with secrets masked in the logs."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cicd.model import Pipeline


@dataclass(frozen=True)
class JobResult:
    status: str  # "success", "failed" or "skipped"
    exit_code: int | None  # None for a skipped job
    log: str  # stdout then stderr, secrets masked


def mask(text: str, secrets: dict[str, str]) -> str:
    """`text` with every non-empty secret value replaced by `***`, the longest values first."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if value:
            text = text.replace(value, "***")
    return text


def run_pipeline(pipeline: Pipeline, workspace: Path, secrets: dict[str, str]) -> dict[str, JobResult]:
    """Run the jobs in `pipeline.order`, each as `sh -c <run>` in `workspace`.

    Environment: this process's, plus `CI=true`, plus the secrets (name -> value). Exit status 0 is
    "success", anything else "failed"; a job with a need that did not succeed is "skipped" (not started,
    `exit_code` None, log ""). Returns the results by job name, in `pipeline.order`.
    """
    env = {"CI": "true", **secrets}
    results: dict[str, JobResult] = {}
    for name in pipeline.order:
        job = pipeline.jobs[name]
        if any(results[need].status != "success" for need in job.needs):
            results[name] = JobResult("skipped", None, "")
            continue
        done = subprocess.run(
            ["sh", "-c", job.run], cwd=workspace, env=env, capture_output=True, text=True, check=False
        )
        status = "success" if done.returncode == 0 else "failed"
        results[name] = JobResult(status, done.returncode, mask(done.stdout + done.stderr, secrets))
    return results

# %% [markdown] course={"kind": "exercise", "id": "artifacts", "item": "f-artifact-management"}
# ### Milestone 4: a content-addressed artifact store
#
# Write `put`, `get` and `prune` of `ArtifactStore` in `cicd/artifacts.py`.
#
# - `put(name, data)`: the digest is `hashlib.sha256(data).hexdigest()`; the bytes go to `self.blob(digest)`
#   once (the same content under two names is one file); the digest becomes the newest entry of
#   `self.history[name]` (oldest first), moved there if `name` already had it. Returns the digest.
# - `get(digest)`: the bytes; `KeyError` when there is no blob, `ValueError` when the bytes on disk no longer
#   hash to `digest`.
# - `prune(keep, protect=frozenset())`: `keep < 1` -> `ValueError`. Each name keeps its newest `keep` versions
#   and its older versions that are in `protect`; a blob that no name keeps any more is deleted. Returns the
#   deleted digests, sorted.
#
# Example: five versions of `app` (v0..v4) and `lib` holding v0's bytes: `prune(2)` deletes v1 and v2 (v0 stays
# for `lib`) and leaves `history["app"] == [d3, d4]`.

# %% [markdown] course={"kind": "hint"}
# `self.history.setdefault(name, [])` gives the list to update in place.

# %% [markdown] course={"kind": "hint"}
# In `prune`, compute the set of all digests before and after trimming the histories: what disappeared is what to delete.

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/artifacts.py"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        ### BEGIN SOLUTION
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest
        ### END SOLUTION

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        ### BEGIN SOLUTION
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data
        ### END SOLUTION

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        ### BEGIN SOLUTION
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            self.history[name] = [d for d in versions[:-keep] if d in protect] + versions[-keep:]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
artifacts = repo.load("cicd.artifacts")
store = artifacts.ArtifactStore(fresh_dir("store") / "not" / "made" / "yet")
d1 = store.put("app.txt", b"v1")
assert d1 == hashlib.sha256(b"v1").hexdigest(), d1
assert store.get(d1) == b"v1" and store.blob(d1).read_bytes() == b"v1"
d2 = store.put("app.txt", b"v2")
assert store.put("other", b"v1") == d1
assert store.history == {"app.txt": [d1, d2], "other": [d1]}, store.history
assert sorted(p.name for p in (store.root / "blobs").iterdir()) == sorted([d1, d2]), "one file per distinct content"
### BEGIN HIDDEN TESTS
assert store.put("app.txt", b"v1") == d1 and store.history["app.txt"] == [d2, d1], "re-stored content becomes newest"
assert store.put("app.txt", b"v1") == d1 and store.history["app.txt"] == [d2, d1]
assert store.put("empty", b"") == hashlib.sha256(b"").hexdigest() and store.get(hashlib.sha256(b"").hexdigest()) == b""
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
artifacts = repo.load("cicd.artifacts")
store = artifacts.ArtifactStore(fresh_dir("store"))
good = store.put("app", b"release 1")
try:
    store.get(hashlib.sha256(b"never stored").hexdigest())
except KeyError:
    pass
else:
    raise AssertionError("a missing artifact raises KeyError")
store.blob(good).write_bytes(b"release 1 + a backdoor")
try:
    store.get(good)
except ValueError:
    pass
else:
    raise AssertionError("bytes that no longer match their digest raise ValueError")

# %% course={"kind": "test", "points": 2}
artifacts = repo.load("cicd.artifacts")
store = artifacts.ArtifactStore(fresh_dir("store"))
ds = [store.put("app", f"v{i}".encode()) for i in range(5)]
assert store.put("lib", b"v0") == ds[0]
removed = store.prune(2)
assert removed == sorted(ds[1:3]), removed
assert store.history == {"app": ds[3:], "lib": [ds[0]]}, store.history
assert [store.blob(d).exists() for d in ds] == [True, False, False, True, True]
### BEGIN HIDDEN TESTS
store = artifacts.ArtifactStore(fresh_dir("store"))
a = [store.put("app", f"a{i}".encode()) for i in range(4)]
assert store.prune(1, protect=frozenset({a[2], a[3]})) == sorted([a[0], a[1]])
assert store.history == {"app": [a[2], a[3]]}, store.history
assert store.prune(1) == [a[2]] and store.history == {"app": [a[3]]}
assert store.prune(1) == [] and store.get(a[3]) == b"a3"
for bad in (0, -1):
    try:
        store.prune(bad)
    except ValueError:
        pass
    else:
        raise AssertionError("keep < 1 raises ValueError")
assert store.history == {"app": [a[3]]}
store = artifacts.ArtifactStore(fresh_dir("store"))
r = [store.put("rel", f"r{i}".encode()) for i in range(6)]
assert r[:5] != sorted(r[:5]), "this test needs versions whose digests are not already sorted"
assert store.prune(1) == sorted(r[:5]), "the deleted digests, sorted (not in history order)"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "history-duplicates"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            self.history[name] = [d for d in versions[:-keep] if d in protect] + versions[-keep:]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% course={"kind": "wrong", "id": "trust-the-disk"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            self.history[name] = [d for d in versions[:-keep] if d in protect] + versions[-keep:]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% course={"kind": "wrong", "id": "keep-oldest"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            self.history[name] = versions[:keep]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% course={"kind": "wrong", "id": "delete-shared-blobs"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            self.history[name] = [d for d in versions[:-keep] if d in protect] + versions[-keep:]
        after = set(self.history[name])
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% course={"kind": "wrong", "id": "removed-in-history-order"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = [digest for versions in self.history.values() for digest in versions]
        for name, versions in self.history.items():
            self.history[name] = [d for d in versions[:-keep] if d in protect] + versions[-keep:]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = [digest for digest in dict.fromkeys(before) if digest not in after]
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% course={"kind": "wrong", "id": "protect-on-top-of-keep"}
"""Milestone 4: a content-addressed artifact store with retention."""

from __future__ import annotations

import hashlib
from pathlib import Path


class ArtifactStore:
    """Blobs stored once each, under `blobs/<sha256 hex>`; `history` keeps each name's versions."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.history: dict[str, list[str]] = {}  # artifact name -> digests, oldest first

    def blob(self, digest: str) -> Path:
        return self.root / "blobs" / digest

    def put(self, name: str, data: bytes) -> str:
        """Store `data` (one file per distinct content) as the newest version of `name`; return its
        sha256 hex digest. Content that `name` already has moves to the newest place (never twice)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.blob(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        versions = self.history.setdefault(name, [])
        if digest in versions:
            versions.remove(digest)
        versions.append(digest)
        return digest

    def get(self, digest: str) -> bytes:
        """The bytes of `digest`: KeyError when there is no such blob, ValueError when its bytes no longer
        hash to `digest` (a corrupted artifact is never handed out)."""
        path = self.blob(digest)
        if not path.exists():
            raise KeyError(digest)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise ValueError(f"artifact {digest[:12]} is corrupted")
        return data

    def prune(self, keep: int, protect: frozenset[str] = frozenset()) -> list[str]:
        """Keep the newest `keep` versions of every name, and any older version in `protect` (what is
        deployed); delete the blobs no name keeps; return their digests, sorted. `keep` < 1: ValueError."""
        if keep < 1:
            raise ValueError("keep at least one version of each artifact")
        before = {digest for versions in self.history.values() for digest in versions}
        for name, versions in self.history.items():
            unprotected = [d for d in versions if d not in protect]
            kept = set(unprotected[-keep:]) | (set(versions) & protect)
            self.history[name] = [d for d in versions if d in kept]
        after = {digest for versions in self.history.values() for digest in versions}
        removed = sorted(before - after)
        for digest in removed:
            self.blob(digest).unlink()
        return removed

# %% [markdown] course={"kind": "exercise", "id": "deploy", "item": "f-deployment-orchestration"}
# ### Milestone 5: deployments, promotion and rollback
#
# Write `deploy`, `promote` and `rollback` of `Deployer` in `cicd/deploy.py` (environments in promotion order,
# `("staging", "production")` by default; `install(env, digest)` and `current(env)` are given).
#
# - `deploy(env, digest)`: unknown `env` -> `KeyError`. Past the first environment, `digest` must be what
#   runs in the environment just before, or `PromotionError`. If `digest` already runs in `env`, nothing
#   happens; otherwise `install` it first (a missing or corrupted artifact raises and changes nothing), then
#   append it to `self.history[env]`.
# - `promote(source, target)`: deploy what runs in `source` to `target`, return its digest;
#   `PromotionError` when `source` runs nothing.
# - `rollback(env)`: fewer than two deployments -> `PromotionError`; otherwise install the previous digest,
#   drop the current one from the history and return the digest now running.
#
# Example: deploy d1 then d2 to staging; `deploy("production", d1)` raises `PromotionError` (d2 runs in
# staging); `promote("staging", "production")` returns d2; `rollback("staging")` returns d1 and
# `root/staging/app` holds d1's bytes again.

# %% [markdown] course={"kind": "hint"}
# `self.environments.index(env)` is the position; the environment before is at `position - 1`.

# %% [markdown] course={"kind": "hint"}
# In `rollback`, install before you change the history: if the install fails, the history must still be true.

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/deploy.py"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        ### BEGIN SOLUTION
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[position - 1]
            if self.current(before) != digest:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)
        ### END SOLUTION

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        ### BEGIN SOLUTION
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest
        ### END SOLUTION

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        ### BEGIN SOLUTION
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
deploy = repo.load("cicd.deploy")
store = deploy.ArtifactStore(fresh_dir("dstore"))
d1, d2, d3 = (store.put("app", version) for version in (b"v1", b"v2", b"v3"))
root = fresh_dir("envs")
deployer = deploy.Deployer(store, root)
deployer.deploy("staging", d1)
assert (root / "staging" / "app").read_bytes() == b"v1" and deployer.current("staging") == d1
try:
    deployer.deploy("production", d2)
except deploy.PromotionError:
    pass
else:
    raise AssertionError("production only takes what runs in staging")
assert not (root / "production").exists() and deployer.current("production") is None
assert deployer.promote("staging", "production") == d1 and (root / "production" / "app").read_bytes() == b"v1"
### BEGIN HIDDEN TESTS
deployer.deploy("staging", d1)
assert deployer.history == {"staging": [d1], "production": [d1]}, "redeploying what runs changes nothing"
try:
    deployer.deploy("qa", d1)
except KeyError:
    pass
else:
    raise AssertionError("an unknown environment raises KeyError")
chain = deploy.Deployer(store, fresh_dir("envs"), ("dev", "qa", "prod"))
chain.deploy("dev", d1)
chain.deploy("qa", d1)
chain.deploy("dev", d2)
try:
    chain.deploy("prod", d2)
except deploy.PromotionError:
    pass
else:
    raise AssertionError("prod takes what runs in qa, not in dev")
chain.deploy("prod", d1)
assert chain.history == {"dev": [d1, d2], "qa": [d1], "prod": [d1]}, chain.history
try:
    chain.promote("qa", "qa")
except deploy.PromotionError:
    pass
else:
    raise AssertionError("qa takes what runs in dev")
empty = deploy.Deployer(store, fresh_dir("envs"))
try:
    empty.promote("staging", "production")
except deploy.PromotionError:
    pass
else:
    raise AssertionError("promoting from an empty environment raises PromotionError")
try:
    empty.deploy("production", d1)
except deploy.PromotionError:
    pass
else:
    raise AssertionError("production takes nothing while staging runs nothing: PromotionError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
deploy = repo.load("cicd.deploy")
store = deploy.ArtifactStore(fresh_dir("dstore"))
d1, d2, d3 = (store.put("app", version) for version in (b"v1", b"v2", b"v3"))
root = fresh_dir("envs")
deployer = deploy.Deployer(store, root)
for digest in (d1, d2, d3):
    deployer.deploy("staging", digest)
assert deployer.rollback("staging") == d2 and (root / "staging" / "app").read_bytes() == b"v2"
assert deployer.history["staging"] == [d1, d2], deployer.history
### BEGIN HIDDEN TESTS
assert deployer.rollback("staging") == d1 and (root / "staging" / "app").read_bytes() == b"v1"
try:
    deployer.rollback("staging")
except deploy.PromotionError:
    pass
else:
    raise AssertionError("nothing to roll back to")
assert deployer.history["staging"] == [d1]
store.blob(d2).write_bytes(b"corrupted")
try:
    deployer.deploy("staging", d2)
except ValueError:
    pass
else:
    raise AssertionError("a corrupted artifact is never deployed")
assert deployer.history["staging"] == [d1] and (root / "staging" / "app").read_bytes() == b"v1"
deployer.deploy("staging", d3)
store.blob(d1).write_bytes(b"corrupted too")
try:
    deployer.rollback("staging")
except ValueError:
    pass
else:
    raise AssertionError("rolling back to a corrupted artifact fails")
assert deployer.history["staging"] == [d1, d3] and (root / "staging" / "app").read_bytes() == b"v3"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-promotion-rule"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]

# %% course={"kind": "wrong", "id": "rollback-keeps-current"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[position - 1]
            if self.current(before) != digest:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        return versions[-2]

# %% course={"kind": "wrong", "id": "record-before-install"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[position - 1]
            if self.current(before) != digest:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.history[env].append(digest)
        self.install(env, digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]

# %% course={"kind": "wrong", "id": "promotion-from-first-env"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[0]
            if self.current(before) != digest:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]

# %% course={"kind": "wrong", "id": "empty-previous-env-indexerror"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[position - 1]
            if self.history[before][-1] != digest:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]

# %% course={"kind": "wrong", "id": "ever-deployed-before"}
"""Milestone 5: deployments, promotion from one environment to the next, and rollback."""

from __future__ import annotations

from pathlib import Path

from cicd.artifacts import ArtifactStore


class PromotionError(RuntimeError):
    """A deployment the promotion rules forbid, or a rollback with nothing to go back to."""


class Deployer:
    """Environments in promotion order; deploying writes the artifact to `<root>/<env>/app`."""

    def __init__(self, store: ArtifactStore, root: Path, environments: tuple[str, ...] = ("staging", "production")):
        self.store = store
        self.root = Path(root)
        self.environments = tuple(environments)
        self.history: dict[str, list[str]] = {env: [] for env in self.environments}  # digests, oldest first

    def current(self, env: str) -> str | None:
        versions = self.history[env]
        return versions[-1] if versions else None

    def install(self, env: str, digest: str) -> None:
        target = self.root / env / "app"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.store.get(digest))  # KeyError / ValueError for a missing or corrupted one

    def deploy(self, env: str, digest: str) -> None:
        """Deploy `digest` to `env` (KeyError for an unknown env). Past the first environment, `digest`
        must be what runs in the environment before it, or PromotionError. Install first (so a bad
        artifact changes nothing), then record it; the digest already running there: nothing happens."""
        if env not in self.history:
            raise KeyError(env)
        position = self.environments.index(env)
        if position > 0:
            before = self.environments[position - 1]
            if digest not in self.history[before]:
                raise PromotionError(f"{digest[:12]} does not run in {before}: promote it through {before} first")
        if self.current(env) == digest:
            return
        self.install(env, digest)
        self.history[env].append(digest)

    def promote(self, source: str, target: str) -> str:
        """Deploy what runs in `source` to `target` and return its digest; PromotionError when `source`
        runs nothing."""
        digest = self.current(source)
        if digest is None:
            raise PromotionError(f"nothing runs in {source}")
        self.deploy(target, digest)
        return digest

    def rollback(self, env: str) -> str:
        """Reinstall the version deployed before the current one in `env` and return its digest; the
        current one leaves the history. PromotionError when `env` has fewer than two deployments."""
        versions = self.history[env]
        if len(versions) < 2:
            raise PromotionError(f"{env} has no earlier version to roll back to")
        self.install(env, versions[-2])
        versions.pop()
        return versions[-1]

# %% [markdown] course={"kind": "exercise", "id": "server", "item": "f-metrics-and-reporting"}
# ### Milestone 6: the server, end to end
#
# Write `Server.handle` and `Server.metrics` in `cicd/server.py`; `create_app` (the FastAPI routes `POST /webhook`,
# `GET /metrics`, `POST /promote/{source}/{target}`, `POST /rollback/{env}`), `pipeline_of(rev)` and
# `checkout(sha)` are given. The tests serve the app on a real uvicorn and drive it over HTTP with a real git
# repository, so they pass only when every milestone is right.
#
# `handle(event, delivery, signature, body)` returns `(HTTP status, JSON body)`:
#
# 1. `verify` fails -> `401, {"error": "bad signature"}` (before anything else, even reading the JSON, so a
#    forged request cannot use up a delivery id);
# 2. `trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)` is `None` ->
#    `202, {"status": "ignored"}`;
# 3. otherwise read `self.clock()`, `checkout` the commit, run *its* pipeline (`pipeline_of(sha)`) with
#    `self.secrets`, read the clock again: the difference is the run's `duration` (read it exactly twice per run);
# 4. for each job in order that succeeded, `self.store.put(path, bytes)` each of its `artifacts` (files in the
#    workspace) -> `artifacts[path] = digest`; when every job succeeded and there is an artifact, deploy the
#    first one stored to `"staging"` (`deployed`, else `None`);
# 5. append `{"status": ..., "duration": ...}` to `self.runs` and answer `200` with `run` (its number from 1),
#    `status` (`"success"`/`"failed"`), `jobs` (name -> status), `logs` (name -> log), `artifacts`, `deployed`,
#    `duration`.
#
# `metrics()` returns `runs`, `succeeded`, `failed`, `total_seconds` and `longest_seconds` (`0.0` with no run).
#
# Example: a push of a commit whose `test` and `build` pass answers `200` with `status "success"`,
# `artifacts {"dist/app.txt": <sha256>}` and that digest deployed to staging; the same delivery again: `202`.

# %% [markdown] course={"kind": "hint"}
# Each step is one call to an earlier milestone; keep `handle` a straight line of them.

# %% [markdown] course={"kind": "hint"}
# Skipped jobs are not successes: a run with a skipped job is `failed`, stores nothing for it and deploys nothing.

# %% course={"kind": "solution", "file": "23.2-cicd/cicd/server.py"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else (even `json.loads`). The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        ### BEGIN SOLUTION
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }
        ### END SOLUTION

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        ### BEGIN SOLUTION
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }
        ### END SOLUTION


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "test", "points": 2}
server = repo.load("cicd.server")
origin = gitscratch.new_repo("cicd-origin")
pipeline_text = yml("name: app", "on:", "  branches: [main]", "jobs:", "  test:", '    run: test "$CI" = true && sh check.sh',
                    "  build:", "    needs: [test]", "    artifacts: [dist/app.txt]",
                    "    run: mkdir -p dist && cp version.txt dist/app.txt && echo deploying with $DEPLOY_TOKEN")
c1 = gitscratch.commit(origin, "v1", {".cicd.yml": pipeline_text, "check.sh": "echo all good\n", "version.txt": "app v1\n"})
srv = server.Server(b"hook-secret", origin, fresh_dir("cicd-work"), {"DEPLOY_TOKEN": "tok-123"}, ticking_clock())
assert srv.metrics() == {"runs": 0, "succeeded": 0, "failed": 0, "total_seconds": 0, "longest_seconds": 0.0}
v1 = hashlib.sha256(b"app v1\n").hexdigest()
with serve(server.create_app(srv)) as url, httpx.Client(base_url=url, timeout=60) as client:
    answer = send_push(client, "refs/heads/main", c1, "d-1")
    assert answer.status_code == 200, answer.text
    run = answer.json()
    assert run["run"] == 1 and run["status"] == "success" and run["jobs"] == {"test": "success", "build": "success"}, run
    assert run["artifacts"] == {"dist/app.txt": v1} and run["deployed"] == v1, run
    assert run["logs"]["test"] == "all good\n" and run["logs"]["build"] == "deploying with ***\n", run["logs"]
    assert run["duration"] == 1, run["duration"]
    assert (srv.work / "deploy" / "staging" / "app").read_bytes() == b"app v1\n"
    assert send_push(client, "refs/heads/main", c1, "d-1").status_code == 202, "a replayed delivery is ignored"
    forged = send_push(client, "refs/heads/main", c1, "d-2", secret=b"guess")
    assert forged.status_code == 401 and forged.json() == {"error": "bad signature"}, forged.text
    assert send_push(client, "refs/heads/feature", c1, "d-3").json() == {"status": "ignored"}
    assert client.get("/metrics").json() == {"runs": 1, "succeeded": 1, "failed": 0, "total_seconds": 1, "longest_seconds": 1}
### BEGIN HIDDEN TESTS
    again = send_push(client, "refs/heads/main", c1, "d-2")
    assert again.status_code == 200, "a forged request does not use up the delivery id"
    assert again.json()["duration"] == 3 and again.json()["run"] == 2, "the clock is read twice per run, never for ignored deliveries"
    forged_junk = {"X-GitHub-Event": "push", "X-GitHub-Delivery": "d-4", "X-Hub-Signature-256": "sha256=" + "0" * 64}
    junk = client.post("/webhook", content=b"{not json", headers=forged_junk)
    assert junk.status_code == 401, f"check the signature before reading the body as JSON: {junk.status_code}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
server = repo.load("cicd.server")
origin = gitscratch.new_repo("cicd-origin")
pipeline_text = yml("name: app", "on:", "  branches: [main]", "jobs:", "  test:", "    run: sh check.sh",
                    "  build:", "    needs: [test]", "    artifacts: [dist/app.txt, dist/notes.txt]",
                    "    run: mkdir -p dist && cp version.txt dist/app.txt && echo notes > dist/notes.txt",
                    "  docs:", "    run: echo docs")
c1 = gitscratch.commit(origin, "v1", {".cicd.yml": pipeline_text, "check.sh": "exit 0\n", "version.txt": "app v1\n"})
srv = server.Server(b"hook-secret", origin, fresh_dir("cicd-work"), {}, ticking_clock())
assert srv.metrics()["runs"] == 0
v1, v3 = (hashlib.sha256(text).hexdigest() for text in (b"app v1\n", b"app v3\n"))
staging = srv.work / "deploy" / "staging" / "app"
with serve(server.create_app(srv)) as url, httpx.Client(base_url=url, timeout=60) as client:
    first = send_push(client, "refs/heads/main", c1, "a")
    assert first.status_code == 200 and first.json()["deployed"] == v1, first.text
    c2 = gitscratch.commit(origin, "broken", {"check.sh": "echo 1 failed; exit 1\n", "version.txt": "app v2\n"})
    run = send_push(client, "refs/heads/main", c2, "b").json()
    assert run["status"] == "failed" and run["jobs"] == {"test": "failed", "build": "skipped", "docs": "success"}, run
    assert run["artifacts"] == {} and run["deployed"] is None and run["run"] == 2, run
    assert staging.read_bytes() == b"app v1\n", "a failed run deploys nothing"
    c3 = gitscratch.commit(origin, "fixed", {"check.sh": "exit 0\n", "version.txt": "app v3\n"})
    run = send_push(client, "refs/heads/main", c3, "c").json()
    assert run["deployed"] == v3 and list(run["artifacts"]) == ["dist/app.txt", "dist/notes.txt"], run
    promoted = client.post("/promote/staging/production")
    assert promoted.status_code == 200 and promoted.json() == {"deployed": v3}, promoted.text
    assert (srv.work / "deploy" / "production" / "app").read_bytes() == b"app v3\n"
    rolled = client.post("/rollback/staging")
    assert rolled.json() == {"deployed": v1} and staging.read_bytes() == b"app v1\n", rolled.text
    assert client.post("/rollback/staging").status_code == 409
    metrics = client.get("/metrics").json()
    assert metrics == {"runs": 3, "succeeded": 2, "failed": 1, "total_seconds": 9, "longest_seconds": 5}, metrics
### BEGIN HIDDEN TESTS
    tagged = gitscratch.commit(origin, "tag builds on", {".cicd.yml": pipeline_text.replace("[main]", "[main]\n  tags: true")})
    run = send_push(client, "refs/tags/v3", tagged, "d").json()
    assert run["status"] == "success" and run["run"] == 4, run
    assert send_push(client, "refs/heads/main", "0" * 40, "e").status_code == 202
    before = staging.read_bytes()
    docs_fail = gitscratch.commit(origin, "docs break", {".cicd.yml": pipeline_text.replace("echo docs", "exit 4"), "version.txt": "app v5\n"})
    run = send_push(client, "refs/heads/main", docs_fail, "f").json()
    assert run["status"] == "failed" and run["jobs"]["docs"] == "failed" and list(run["artifacts"]) == ["dist/app.txt", "dist/notes.txt"], run
    assert run["deployed"] is None and staging.read_bytes() == before, "a failed run deploys nothing, even with artifacts"
    run = send_push(client, "refs/heads/main", c1, "g").json()
    assert run["status"] == "success" and run["jobs"]["docs"] == "success", f"a pushed commit runs its own .cicd.yml, not HEAD's: {run}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignore-failures"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = results[pipeline.order[-1]].status != "failed"
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "wrong", "id": "replay-before-verify"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "wrong", "id": "clock-read-for-every-delivery"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        start = self.clock()
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "wrong", "id": "deploy-last-artifact"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = list(artifacts.values())[-1] if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "wrong", "id": "head-pipeline-for-run"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, json.loads(body), delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of("HEAD")
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% course={"kind": "wrong", "id": "parse-before-verify"}
"""Milestone 6: the CI/CD server end to end, as a FastAPI app over the other modules."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cicd.artifacts import ArtifactStore
from cicd.deploy import Deployer, PromotionError
from cicd.model import Pipeline
from cicd.pipeline import parse_pipeline
from cicd.runner import run_pipeline
from cicd.webhook import trigger, verify


class Server:
    def __init__(self, secret: bytes, repo: Path, work: Path, secrets: dict[str, str], clock: Callable[[], float]):
        self.secret, self.repo, self.work, self.secrets, self.clock = secret, Path(repo), Path(work), secrets, clock
        self.store = ArtifactStore(self.work / "artifacts")
        self.deployer = Deployer(self.store, self.work / "deploy")
        self.seen: set[str] = set()
        self.runs: list[dict] = []  # {"status": ..., "duration": ...} per run, oldest first

    def pipeline_of(self, rev: str) -> Pipeline:
        shown = subprocess.run(["git", "show", f"{rev}:.cicd.yml"], cwd=self.repo, capture_output=True, text=True)
        return parse_pipeline(shown.stdout)

    def checkout(self, sha: str) -> Path:
        path = self.work / "runs" / f"{len(self.runs) + 1}-{sha[:12]}"
        subprocess.run(["git", "clone", "-q", "--no-checkout", str(self.repo), str(path)], check=True, capture_output=True)
        subprocess.run(["git", "checkout", "-q", sha], cwd=path, check=True, capture_output=True)
        return path

    def handle(self, event: str, delivery: str, signature: str, body: bytes) -> tuple[int, dict]:
        """One webhook delivery -> (HTTP status, JSON body).

        Bad signature: 401 `{"error": "bad signature"}`, before anything else. The branch filters are
        those of the repository's `HEAD` pipeline; no trigger: 202 `{"status": "ignored"}`. Otherwise read
        the clock, check the commit out, run its own pipeline with `self.secrets`, read the clock again
        (the run's duration). Store every artifact of each successful job in the store (name = its path);
        when every job succeeded and there is an artifact, deploy the first one stored to "staging".
        Append `{"status", "duration"}` to `self.runs` and answer 200 with `run` (its number, from 1),
        `status` ("success"/"failed"), `jobs` (name -> status), `logs` (name -> log), `artifacts`
        (path -> digest), `deployed` (the digest or None) and `duration`.
        """
        payload = json.loads(body)
        if not verify(self.secret, body, signature):
            return 401, {"error": "bad signature"}
        wanted = trigger(self.pipeline_of("HEAD"), event, payload, delivery, self.seen)
        if wanted is None:
            return 202, {"status": "ignored"}
        start = self.clock()
        workspace = self.checkout(wanted.sha)
        pipeline = self.pipeline_of(wanted.sha)
        results = run_pipeline(pipeline, workspace, self.secrets)
        duration = self.clock() - start
        artifacts: dict[str, str] = {}
        for name in pipeline.order:
            if results[name].status == "success":
                for path in pipeline.jobs[name].artifacts:
                    artifacts[path] = self.store.put(path, (workspace / path).read_bytes())
        ok = all(result.status == "success" for result in results.values())
        deployed = next(iter(artifacts.values())) if ok and artifacts else None
        if deployed is not None:
            self.deployer.deploy("staging", deployed)
        status = "success" if ok else "failed"
        self.runs.append({"status": status, "duration": duration})
        return 200, {
            "run": len(self.runs),
            "status": status,
            "jobs": {name: result.status for name, result in results.items()},
            "logs": {name: result.log for name, result in results.items()},
            "artifacts": artifacts,
            "deployed": deployed,
            "duration": duration,
        }

    def metrics(self) -> dict:
        """`runs`, `succeeded`, `failed` (counts), `total_seconds` and `longest_seconds` (0.0 with no run)."""
        durations = [run["duration"] for run in self.runs]
        succeeded = sum(run["status"] == "success" for run in self.runs)
        return {
            "runs": len(self.runs),
            "succeeded": succeeded,
            "failed": len(self.runs) - succeeded,
            "total_seconds": sum(durations),
            "longest_seconds": max(durations, default=0.0),
        }


def create_app(server: Server) -> FastAPI:
    app = FastAPI(title="cicd")

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        body = await request.body()
        headers = request.headers
        event, delivery = headers.get("X-GitHub-Event", ""), headers.get("X-GitHub-Delivery", "")
        args = (event, delivery, headers.get("X-Hub-Signature-256", ""), body)
        status, answer = await run_in_threadpool(server.handle, *args)
        return JSONResponse(answer, status_code=status)

    @app.get("/metrics")
    def metrics() -> dict:
        return server.metrics()

    @app.post("/promote/{source}/{target}")
    def promote(source: str, target: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.promote(source, target)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    @app.post("/rollback/{env}")
    def rollback(env: str) -> JSONResponse:
        try:
            return JSONResponse({"deployed": server.deployer.rollback(env)})
        except PromotionError as error:
            return JSONResponse({"error": str(error)}, status_code=409)

    return app

# %% [markdown] course={"kind": "task", "id": "design-doc", "points": 10}
# ### Task: the design document of your CI/CD platform
#
# Write a design document (1–2 pages, in `23.2-cicd/DESIGN.md`) for taking this server to a team of 200
# engineers running 5,000 pipelines a day. Cover:
#
# 1. **Architecture**: the boxes and arrows (API, queue, runners, database, artifact storage, notifications), and
#    the path of one push from webhook to production.
# 2. **Scaling**: the build queue, distributed runners and how they scale, parallel jobs, artifact storage and
#    retention; numbers (runs per minute at peak, runner count, storage per month).
# 3. **Failure handling**: job retries (which jobs may be retried), timeouts, a runner dying mid-job, partial
#    failure, pipeline and deployment rollback, a webhook the server missed while down.
# 4. **Security**: webhook validation and replay, secret storage and injection, runner isolation, who may promote
#    to production, audit logging.
# 5. **Notifications** (Slack, e-mail): what is sent to whom, and how a broken notifier must not fail a build.
# 6. **Trade-offs**: at least three, each with what you gave up and what would make you change your mind.

# %% [markdown] course={"kind": "rubric"}
# - architecture diagram with every component and the push-to-production path described step by step (2)
# - scaling: a queue with leases or `SKIP LOCKED`, runner auto-scaling on queue length, at least two numbers derived from the load (2)
# - failure: retries limited to idempotent jobs with backoff, timeouts, lost-runner recovery, rollback by digest (2)
# - security: constant-time HMAC check and replay protection, secrets never in pipeline files or logs, isolated runners, audit log (2)
# - notifications sent asynchronously (a queue or outbox), failures there never fail a build (1)
# - three real trade-offs, each with its cost and the condition that would change the decision (1)
