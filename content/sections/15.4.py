# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can keep a deployment's desired state in git and write the loop that makes
# the running system match it, roll out new versions rolling, blue-green or canary with a rollback that works,
# gate features behind stable percentage flags, cut releases from conventional commits, and migrate a database
# without breaking the version of the code that is still running.

# %% course={"kind": "setup", "id": "gitops-helpers"}
# Helpers the demos and tests share (read their docstrings: `help(commit)`, `help(FakePool)`...).
# `git(repo, ...)`, `new_repo()`, `commit(repo, message, files)` run the real git command line with a configuration
# of our own: nothing is read from your ~/.gitconfig or /etc/gitconfig, and every commit has the same author and
# date, so commit ids are the same on every machine (course/runtime/gitscratch.py). `serve(app)` runs an ASGI app
# on a real uvicorn at 127.0.0.1 on a free port for one `with` block (course/runtime/aio.py). The models and the
# recording stand-ins the exercises deploy to (FakePool, FakeRouter, FakeLauncher, StepLog...) are in
# course/runtime/deploys.py; `FakeClock` moves only when told.
import contextlib
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import yaml
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from course.runtime.aio import run, serve
from course.runtime.clock import FakeClock
from course.runtime.deploys import (
    USERS_V1, Action, DirEnvironment, FakeLauncher, FakePool, FakeRouter, Flag, Report, ServerState, Service,
    SleepLimit, Step, StepLog, counted_check, final_add, manifest, new_add, new_names, old_add, old_names,
    old_rename, users_v1, version_app,
)
from course.runtime.gitscratch import commit, git, git_version, new_repo, scratch

with warnings.catch_warnings():  # Starlette 1.10 warns on import that its TestClient prefers `httpx2`; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SCRATCH = scratch()

# %% [markdown] course={"kind": "lesson", "id": "gitops", "covers": ["c-gitops-principles", "c-git-as-source-of-truth", "c-declarative-configuration", "c-automated-reconciliation", "c-pull-vs-push-deployments"]}
# ### GitOps: git says what should run, a loop makes it so
#
# GitOps is a way of running deployments with four habits:
#
# 1. **Declarative configuration.** You describe the end state ("service `web`, version 1.4.0, 3 replicas"), not
#    the steps to get there ("stop two, start one..."). The file is the same whether the system is empty or
#    already half right.
# 2. **Git as the source of truth.** Those files live in a repository. Every change is a commit: reviewed,
#    attributed, and undone with `git revert`. "What runs in production?" is answered by one commit id.
# 3. **Automated reconciliation.** An agent compares the *desired* state (the files at a commit) with the
#    *actual* state (what is running), computes the difference and applies it, again and again. Applying a
#    state that already holds changes nothing, so running the loop twice is safe (it is *idempotent*).
# 4. **Drift detection.** When someone changes the system by hand, the next comparison sees a difference
#    and either reports it or puts the declared state back.
#
# **Pull vs push.** In a *push* deployment the CI pipeline holds the cluster's credentials and runs
# `kubectl apply` or `ansible-playbook` after a merge: simple, but only as current as the last pipeline run, and
# the credentials live outside the cluster. In a *pull* deployment an agent inside the environment (Argo CD,
# Flux) watches the repository and pulls changes itself: nothing outside needs write access, and drift is
# corrected even when nobody pushes.
#
# | | push (CI runs the deploy) | pull (an agent reconciles) |
# |---|---|---|
# | who has credentials | the CI system | only the agent, inside |
# | when it runs | after a pipeline | continuously, on a timer or a webhook |
# | manual drift | stays until the next deploy | found and reverted on the next loop |
# | examples | GitHub Actions + `kubectl apply`, Fabric | Argo CD, Flux |
#
# The mistake people make: "GitOps = deploy from CI when main changes". Without a loop that compares and
# converges, a hand-made change or a failed half-apply goes unnoticed; the repository then describes a
# system that does not exist.
#
# The demo below keeps manifests in a real git repository, reads the desired state *from a commit* (not from the
# working folder), and converges a fleet of real uvicorn services on 127.0.0.1 to it: a new version replaces the
# old one replica by replica (start, health-check, then stop the old: a rolling update), a hand-made change is
# found and repaired, and a broken version halts the rollout with the old replicas still serving.

# %% course={"kind": "demo"}
def desired_at(repo: Path, rev: str) -> dict[str, Service]:
    """The manifests under apps/ at commit `rev` (the demo's version: no checking)."""
    names = git(repo, "ls-tree", "-r", "--name-only", rev, "--", "apps").split()
    docs = [yaml.safe_load(git(repo, "show", f"{rev}:{name}")) for name in names]
    return {d["name"]: Service(d["name"], d["version"], d["replicas"]) for d in docs}


class Fleet:
    """Actual state: one real uvicorn server per replica; observe() asks each one over HTTP who it is."""

    def __init__(self) -> None:
        self.replicas: list[tuple[str, contextlib.ExitStack]] = []
        self.client = httpx.Client()  # one client for every request: creating one costs more than a request

    def start(self, service: Service) -> str:
        """Start one replica; in this demo a version whose name says "broken" fails its health check."""
        stack = contextlib.ExitStack()
        app = version_app(service.name, service.version, healthy="broken" not in service.version)
        url = stack.enter_context(serve(app))
        self.replicas.append((url, stack))
        return url

    def stop(self, url: str) -> None:
        stack = next(s for u, s in self.replicas if u == url)
        self.replicas = [(u, s) for u, s in self.replicas if u != url]
        stack.close()

    def observe(self) -> dict[str, list[tuple[str, str]]]:
        seen: dict[str, list[tuple[str, str]]] = {}
        for url, _ in self.replicas:
            who = self.client.get(url + "/").json()
            seen.setdefault(who["service"], []).append((url, who["version"]))
        return seen

    def close(self) -> None:
        for url, _ in list(self.replicas):
            self.stop(url)
        self.client.close()


def start_healthy(fleet: Fleet, service: Service) -> str | None:
    """Start a replica and check /healthz; an unhealthy one is stopped again (returns None)."""
    url = fleet.start(service)
    if fleet.client.get(url + "/healthz").status_code == 200:
        return url
    fleet.stop(url)
    return None


def reconcile_once(desired: dict[str, Service], fleet: Fleet) -> list[str]:
    """Converge the fleet: replace wrong versions one at a time (start the new one, check it, then stop the
    old one: a rolling update), start missing replicas, stop extra ones. Halt at the first unhealthy start."""
    done = []
    for name, service in sorted(desired.items()):
        replicas = fleet.observe().get(name, [])
        keep = [url for url, version in replicas if version == service.version]
        for url in keep[service.replicas:]:
            fleet.stop(url)
            done.append(f"stop extra {name}")
        for url, version in replicas:
            if version != service.version:
                new = start_healthy(fleet, service)
                if new is None:
                    return done + [f"{service.version} failed its health check: halted, {version} still serving"]
                fleet.stop(url)
                done.append(f"replace {version} by {service.version}")
                keep.append(new)
        for _ in range(service.replicas - len(keep)):
            if start_healthy(fleet, service) is None:
                return done + [f"{service.version} failed its health check: halted"]
            done.append(f"start {name} {service.version}")
    return done


repo = new_repo("gitops-demo")
first = commit(repo, "deploy web 1.0.0", {"apps/web.yaml": manifest("web", "1.0.0", 1)})
second = commit(repo, "web 1.1.0, two replicas", {"apps/web.yaml": manifest("web", "1.1.0", 2)})
third = commit(repo, "web 1.2.0", {"apps/web.yaml": manifest("web", "1.2.0-broken", 2)})
(repo / "apps/web.yaml").write_text(manifest("web", "9.9.9", 5), encoding="utf-8")  # not committed: ignored
if git_version() >= (2, 26):  # --show-scope came with git 2.26; an older git gets a message instead
    scopes = sorted({line.split()[0] for line in git(repo, "config", "--list", "--show-scope").splitlines()})
    print("git config scopes in use:", scopes, "(only the repository's own file: nothing from ~/.gitconfig)")
else:
    print("git", ".".join(map(str, git_version())), "is older than 2.26: no --show-scope to show where config comes from")
fleet = Fleet()
try:
    print("sync to", first[:7], reconcile_once(desired_at(repo, first), fleet))
    print("sync again", reconcile_once(desired_at(repo, first), fleet), "(nothing to do: idempotent)")
    print("sync to", second[:7], reconcile_once(desired_at(repo, second), fleet))
    fleet.stop(fleet.replicas[0][0])  # someone stops a replica by hand: drift
    print("drift found:", {n: len(r) for n, r in fleet.observe().items()}, "replicas running, 2 declared")
    print("sync again", reconcile_once(desired_at(repo, second), fleet))
    print("sync to", third[:7], reconcile_once(desired_at(repo, third), fleet))
    print("still serving:", [version for _, version in fleet.observe()["web"]])
finally:
    fleet.close()

# %% [markdown] course={"kind": "text"}
# YAML reads more than strings, and a manifest that says `version: 1.10` deploys version `1.1`: unquoted, the
# value is a float. YAML 1.1 (what PyYAML implements) also turns `on`/`off`/`yes`/`no` into booleans and `010`
# into 8. Quote versions, and check the types of what you load.

# %% course={"kind": "demo"}
print(yaml.safe_load("version: 1.10\nenabled: on\nport: 010\nquoted: '1.10'"))

# %% [markdown] course={"kind": "lesson", "id": "strategies", "covers": ["c-deployment-strategies", "c-rolling-deployment", "c-blue-green-deployment", "c-canary-deployment", "c-feature-flags-cc4daf"]}
# ### Deployment strategies: rolling, blue-green, canary, flags
#
# | strategy | how | capacity needed | rollback | both versions live at once? |
# |---|---|---|---|---|
# | **rolling** | replace instances one (or a few) at a time, health-check each before the next | N (+1) | roll the replaced ones back, one at a time | yes, during the rollout |
# | **blue-green** | start the new version beside the old (green next to blue), test it, switch the router in one step | 2N | switch the router back: blue is still running | no: traffic flips at once |
# | **canary** | send a small, stable share of traffic to the new version, watch its error rate, then promote or roll back | N + a few | route the share back to stable | yes, on purpose |
# | **feature flag** | ship the code dark, turn the feature on for a percentage of users at run time | none extra | turn the flag off (no deploy) | one binary, two behaviours |
#
# What people get wrong: a rolling update that does not stop at the first unhealthy instance keeps replacing
# healthy instances with broken ones; a blue-green switch that stops blue at once throws away the fast rollback;
# and a canary that picks requests at random (`random.random() < 0.1`) sends the same user to both versions on
# successive requests, and a flaky error rate decides the promotion. Split by **hashing a stable id** (a user or
# request id): the same id always lands on the same side.
#
# The demo runs a tiny routing layer (an ASGI app that forwards every request to one target) in front of a real
# "blue" and a real "green" service. The switch is one assignment of `router.target`: a request sees the old
# target or the new one, never half of each. After the switch, blue still answers: rolling back is one more
# assignment.

# %% course={"kind": "demo"}
class Router:
    """The routing layer: forwards every GET to `self.target` (a base URL)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.app = FastAPI()
        self.app.add_api_route("/{path:path}", self.forward)

    async def forward(self, path: str) -> JSONResponse:
        async with httpx.AsyncClient() as client:
            answer = await client.get(f"{self.target}/{path}")
        return JSONResponse(answer.json(), status_code=answer.status_code)


with (
    serve(version_app("blue", "1.0.0")) as blue,
    serve(version_app("green", "1.1.0")) as green,
):
    router = Router(blue)
    with serve(router.app) as front, httpx.Client() as client:
        print("before:", client.get(front + "/").json())
        print("green healthy?", client.get(green + "/healthz").status_code == 200)
        router.target = green  # the switch: one assignment
        print("after: ", client.get(front + "/").json())
        print("blue still up for a rollback:", client.get(blue + "/").json())


# %% [markdown] course={"kind": "text"}
# A canary on real services: 20 % of request ids (by hash) go to version 1.2.0, which fails a fixed 30 % of
# the ids it gets. The router records `(side, status)` for every answer; the canary's error rate over the
# budget (5 %) means roll back.

# %% course={"kind": "demo"}
def bucket(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % 100


def side(request_id: str, percent: int) -> str:
    return "canary" if bucket(request_id) < percent else "stable"


def release_app(version: str, fault_percent: int) -> FastAPI:
    """A service that answers 500 for a fixed `fault_percent` of request ids."""
    app = FastAPI()

    @app.get("/")
    def hello(request_id: str) -> JSONResponse:
        failed = bucket(f"fault:{request_id}") < fault_percent
        return JSONResponse({"version": version}, status_code=500 if failed else 200)

    return app


users = [f"user-{i}" for i in range(10_000)]
print("a 10 % canary gets", sum(side(u, 10) == "canary" for u in users), "of 10000 users;",
      "user-42 goes to", {side("user-42", 10) for _ in range(5)}, "every time")
records = []
with serve(release_app("1.1.0", 0)) as stable, serve(release_app("1.2.0", 30)) as canary, httpx.Client() as client:
    for i in range(120):
        where = side(f"req-{i}", 20)
        answer = client.get((canary if where == "canary" else stable) + "/", params={"request_id": f"req-{i}"})
        records.append((where, answer.status_code))
for name in ("stable", "canary"):
    statuses = [status for where, status in records if where == name]
    errors = sum(status >= 500 for status in statuses)
    print(f"{name}: {len(statuses)} requests, {errors} errors ({errors / len(statuses):.0%})")
print("verdict: roll back the canary (over the 5 % budget); stable users never saw 1.2.0")

# %% [markdown] course={"kind": "lesson", "id": "releases", "covers": ["c-release-management", "c-semantic-versioning", "c-changelog-generation", "c-release-automation", "c-rollback-procedures"]}
# ### Release management: versions, changelogs, tags, rollbacks
#
# **Semantic versioning** (`MAJOR.MINOR.PATCH`): a change that breaks callers bumps MAJOR, a new feature bumps
# MINOR, a fix bumps PATCH, and each bump resets the numbers to its right (`1.4.2` + feature = `1.5.0`). No leading
# zeros; `1.0.0-rc.1` is a pre-release that sorts *before* `1.0.0`. Versions compare as numbers: `1.10.0` is newer
# than `1.9.0`, although the string `"1.10.0"` sorts first.
#
# **Conventional commits** make the bump computable: `feat: ...` (minor), `fix(scope): ...` (patch), `!` after the
# type or a `BREAKING CHANGE:` footer (major); `docs:`, `chore:`, `test:` release nothing. Tools such as
# semantic-release, release-please and commitizen read `git log` since the last tag, pick the bump, write the
# **changelog** section and create the tag: that is **release automation**. An *annotated* tag (`git tag -a`) is
# an object with its own author, date and message; a lightweight tag is just a name for a commit.
#
# **Rollback procedures**: roll back by redeploying the previous *artifact* (the image or wheel of the last good
# tag), never by rebuilding old source on today's machine; in GitOps, `git revert` the commit that changed the
# manifest and let the loop converge. A rollback must be rehearsed and must not need a database downgrade
# (see the migrations lesson). The mistake: `git reset --hard` on a shared branch to "undo" a release rewrites
# history everyone else has; a revert is a new commit that undoes the change.

# %% course={"kind": "demo"}
repo = new_repo("release-demo")
commit(repo, "feat: first endpoint")
git(repo, "tag", "-a", "v1.9.0", "-m", "Release v1.9.0")
commit(repo, "fix(api): handle empty body")
git(repo, "tag", "-a", "v1.10.0", "-m", "Release v1.10.0")
commit(repo, "feat(deploy)!: new manifest format\n\nBREAKING CHANGE: replicas is now required")
commit(repo, "docs: explain canaries")
tags = git(repo, "tag", "-l", "v*").split()
print("newest tag as text:    max(tags) =", max(tags), " (the string '1.9' > '1.10')")
print("tags sorted as version:", git(repo, "tag", "-l", "v*", "--sort=-v:refname").split(), "(git's version sort)")
print("git describe:", git(repo, "describe", "--tags").strip(), " (last tag, commits since it, g + short commit id)")
print("since v1.10.0:")
print(git(repo, "log", "--reverse", "--format=  %s", "v1.10.0..HEAD"), end="")
print("tag object type:", git(repo, "cat-file", "-t", "v1.10.0").strip())
manifest_repo = new_repo("rollback-demo")
commit(manifest_repo, "web 1.0.0", {"apps/web.yaml": manifest("web", "1.0.0", 2)})
commit(manifest_repo, "web 1.1.0", {"apps/web.yaml": manifest("web", "1.1.0", 2)})
git(manifest_repo, "revert", "--no-edit", "HEAD")
print("after git revert:", git(manifest_repo, "log", "--format=%s").splitlines(), "->",
      yaml.safe_load((manifest_repo / "apps/web.yaml").read_text(encoding="utf-8"))["version"])

# %% [markdown] course={"kind": "lesson", "id": "python-deploy", "covers": ["c-python-deployment-tools", "c-deploying-python-applications", "c-wsgi-asgi-servers", "c-process-managers", "c-health-checks"]}
# ### Deploying Python services: servers, process managers, health checks
#
# A Python web app is a callable: **WSGI** (`app(environ, start_response)`, synchronous: Flask, Django) or
# **ASGI** (`async app(scope, receive, send)`: FastAPI, Starlette, Django's async side). A *server* owns the
# sockets and calls it:
#
# | server | speaks | workers | notes |
# |---|---|---|---|
# | gunicorn | WSGI | pre-fork processes, `-w 4` (default 1) | `--timeout` and `--graceful-timeout` default to 30 s; SIGTERM = graceful stop, SIGHUP = reload config and replace workers |
# | uvicorn | ASGI | `--workers 4` | `--timeout-graceful-shutdown`; with gunicorn as manager, use the `uvicorn-worker` package (`-k uvicorn_worker.UvicornWorker`): `uvicorn.workers` is deprecated |
# | hypercorn, granian | ASGI (granian also WSGI) | yes | HTTP/2 |
#
# A **process manager** starts the server at boot, restarts it when it dies and stops it cleanly: **systemd**
# (`ExecStart=`; `Restart=` is `no` unless you set it, so write `Restart=on-failure`, and `RestartSec=` waits
# 100 ms by default; on stop it sends `KillSignal=` (SIGTERM by default), waits `TimeoutStopSec=` (the manager's
# `DefaultTimeoutStopSec=`, 90 s unless changed) and then sends SIGKILL), **supervisor** (`[program:x]`;
# `autorestart=unexpected` by default: restarted only when the exit code is not in `exitcodes`; `stopsignal` TERM
# and `stopwaitsecs` 10 by default), or in containers the orchestrator itself.
#
# **Health checks** come in two kinds, and mixing them up causes outages:
#
# - **liveness** (`/livez`): "is this process stuck?" It checks nothing outside the process. If it fails, the
#   manager *restarts* the process.
# - **readiness** (`/readyz`): "should traffic come here now?" It checks the database, the model is loaded, we
#   are not shutting down. If it fails, the load balancer *stops sending* traffic, and nothing is restarted.
#
# Put the database check in the liveness probe and a database outage restarts every instance in a loop, which
# fixes nothing. **Graceful shutdown**: on SIGTERM, report not-ready first (so the balancer drains you), finish
# the requests in flight, then exit; uvicorn does the last two and gives up after `--timeout-graceful-shutdown`.

# %% course={"kind": "demo"}
draining = {"now": False}
health_app = FastAPI()


@health_app.get("/livez")
def livez() -> dict[str, str]:
    return {"status": "alive"}


@health_app.get("/readyz")
def readyz() -> JSONResponse:
    return JSONResponse({"ready": not draining["now"]}, status_code=503 if draining["now"] else 200)


with serve(health_app) as url, httpx.Client(base_url=url) as client:
    print("serving:  livez", client.get("/livez").status_code, " readyz", client.get("/readyz").status_code)
    draining["now"] = True  # SIGTERM arrived: stop taking new traffic, keep living
    print("draining: livez", client.get("/livez").status_code, " readyz", client.get("/readyz").status_code)
print("server stopped when the block ended; a new connection is refused:", end=" ")
try:
    httpx.get(url + "/livez")
except httpx.ConnectError:
    print("ConnectError")

# %% [markdown] course={"kind": "lesson", "id": "migrations", "covers": ["c-database-migrations-in-deployments", "c-migration-ordering", "c-backward-compatibility", "c-rollback-strategies"]}
# ### Database migrations in a deployment: expand, migrate, contract
#
# During every rolling or blue-green deploy, old and new code run *at the same time* against *one* database. So
# a migration must leave the schema usable by both. The recipe is **expand / contract** (also "parallel change"):
#
# | step | schema | code running |
# |---|---|---|
# | 1. expand | add the new column/table (nullable), backfill it, keep both in sync (a trigger, or the new code writes both) | old |
# | 2. deploy | unchanged | old and new, then new (new code reads the new column, writes both) |
# | 3. contract | drop the old column and the sync | new only, once no old instance is left |
#
# **Ordering**: migrations that *add* run before the code that needs them; migrations that *remove* run after
# the last code that used them is gone, usually a release later. **Backward compatibility**: every schema must
# work with the code version before it. **Rollback strategies**: after the expand step, rolling the code back is
# free (the old code still works); "down" migrations that drop data are a last resort, so roll forward with a
# fix instead. The mistake: `ALTER TABLE ... RENAME COLUMN` in one step. The new code works; every old instance
# still serving traffic breaks at once. The demo shows it on SQLite.

# %% course={"kind": "demo"}
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL)")
db.execute("INSERT INTO users (fullname) VALUES ('Ada')")
db.execute("ALTER TABLE users RENAME COLUMN fullname TO display_name")  # the one-step rename
print("new code:", db.execute("SELECT display_name FROM users").fetchall())
try:
    db.execute("SELECT fullname FROM users")  # an old instance, still serving
except sqlite3.OperationalError as err:
    print("old code:", type(err).__name__, err)
db.close()

# %% [markdown] course={"kind": "lesson", "id": "flags", "covers": ["c-feature-flags-32e5a4", "c-flag-implementation", "c-launchdarkly-basics", "c-gradual-rollouts"]}
# ### Feature flags: deploy is not release
#
# A feature flag is a run-time switch around new code: the code ships *dark* with a deploy, and the feature is
# *released* by changing the flag, for some users first. A flag evaluation takes the flag's rules and a user (a
# "context") and answers on or off:
#
# 1. the flag is **off** (a kill switch): off for everyone;
# 2. the user is on an **allow list** (the team, a beta customer): on;
# 3. otherwise a **percentage rollout**: hash the flag key and the user id into a bucket 0..99 and turn the
#    feature on when the bucket is below the percentage.
#
# Two properties make a rollout *gradual* rather than random: the same user always gets the same answer (no
# flicker between requests, on any server), and raising 10 % to 20 % only *adds* users (the first 10 % keep the
# feature). Hashing the flag key with the user id gives each flag its own 10 %, so one unlucky group of users
# does not get every experiment. The trap is Python's `hash()`: for strings it is salted per process
# (`PYTHONHASHSEED`), so two servers, or one server after a restart, bucket the same user differently.
#
# **LaunchDarkly** is a hosted flag service; its server-side Python SDK (`pip install launchdarkly-server-sdk`)
# keeps the flag rules in memory, streamed from the service, and evaluates locally:
#
# ```python
# import ldclient
# from ldclient import Context
# from ldclient.config import Config
#
# ldclient.set_config(Config("sdk-key-from-the-dashboard"))
# client = ldclient.get()
# context = Context.builder("user-42").set("plan", "pro").build()
# if client.variation("new-checkout", context, False):   # False is the fallback when the flag is unknown
#     ...
# client.close()
# ```
#
# Its percentage rollouts hash the flag key, a salt and the context key, the same idea as ours. Open-source
# alternatives: Unleash, Flagsmith, OpenFeature (a vendor-neutral API). Not installed here; the demo is ours.

# %% course={"kind": "demo"}
def flag_bucket(flag: str, user: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{flag}:{user}".encode("utf-8")).digest()[:8], "big") % 100


people = [f"user-{i}" for i in range(1000)]
on_at = {p: {pct for pct in (10, 25, 50) if flag_bucket("new-checkout", p) < pct} for p in people}
print({pct: sum(pct in s for s in on_at.values()) for pct in (10, 25, 50)}, "users on at 10/25/50 %")
print("everyone on at 10 % is still on at 25 %:",
      all(25 in s for s in on_at.values() if 10 in s))
other = {p for p in people if flag_bucket("dark-mode", p) < 10}
print("overlap of two 10 % flags:", len(other & {p for p, s in on_at.items() if 10 in s}), "users of about 100")
seeds = [subprocess.run([sys.executable, "-c", "print(hash('user-42') % 100)"], capture_output=True, text=True,
                        env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")]
print("hash('user-42') % 100 in two processes:", seeds)

# %% [markdown] course={"kind": "exercise", "id": "desired-state"}
# ### Read the desired state from a commit
#
# Write `desired_state(repo, rev)`: the applications declared at commit `rev` of the git repository `repo`, as a
# dict `{name: Service}`. Every file under `apps/` whose name ends in `.yaml` is one manifest with exactly the keys
# `name` (text), `version` (text) and `replicas` (a whole number, 0 or more). Read the files **from the
# commit** with the git command line (`git(repo, "ls-tree", ...)`, `git(repo, "show", f"{rev}:{path}")`), never
# from the working folder, which may hold uncommitted edits. Other files (a `README.md`, `apps/notes.txt`) are
# ignored. Refuse a bad manifest with `ValueError` naming the file and the key: a missing key, a `version` that
# is not a string (`version: 1.10` is the float 1.1!), `replicas` that is not an `int` (`True` is not a number of
# replicas), a negative count, or two manifests with the same `name`.
#
# ```python
# repo = new_repo()
# rev = commit(repo, "web", {"apps/web.yaml": manifest("web", "1.0.0", 2)})
# desired_state(repo, rev)   # {'web': Service(name='web', version='1.0.0', replicas=2)}
# ```

# %% [markdown] course={"kind": "hint"}
# `git ls-tree -r --name-only REV -- apps` lists the paths in that folder at that commit, one a line; `git show
# REV:apps/web.yaml` prints one file as it was then. `yaml.safe_load` turns the text into a dict.
#
# git quotes a path with non-ASCII letters (`"apps/\303\274.yaml"`) unless you ask for `-z`: then the paths
# come as they are, each ended by a NUL character (`"\0"`).

# %% [markdown] course={"kind": "hint"}
# Check the types with `type(x) is int` or `isinstance(x, bool)` first: `isinstance(True, int)` is `True`.

# %% course={"kind": "solution"}
def desired_state(repo: Path, rev: str) -> dict[str, Service]:
    ### BEGIN SOLUTION
    found: dict[str, Service] = {}
    for path in git(repo, "ls-tree", "-r", "-z", "--name-only", rev, "--", "apps").split("\0"):
        if not path.endswith(".yaml"):
            continue
        data = yaml.safe_load(git(repo, "show", f"{rev}:{path}"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with name, version and replicas")
        for key in ("name", "version", "replicas"):
            if key not in data:
                raise ValueError(f"{path}: missing key {key!r}")
        name, version, replicas = data["name"], data["version"], data["replicas"]
        if not isinstance(name, str):
            raise ValueError(f"{path}: 'name' must be text, got {name!r}")
        if not isinstance(version, str):
            raise ValueError(f"{path}: 'version' must be text (quote it), got {version!r}")
        if type(replicas) is not int or replicas < 0:
            raise ValueError(f"{path}: 'replicas' must be a whole number >= 0, got {replicas!r}")
        if name in found:
            raise ValueError(f"{path}: a second manifest for {name!r}")
        found[name] = Service(name, version, replicas)
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_repo = new_repo()
_rev = commit(_repo, "web", {"apps/web.yaml": manifest("web", "1.0.0", 2), "README.md": "# apps\n"})
assert desired_state(_repo, _rev) == {"web": Service("web", "1.0.0", 2)}, "one manifest, one Service"

# %% course={"kind": "test", "points": 2}
_repo = new_repo()
_old = commit(_repo, "v1", {"apps/web.yaml": manifest("web", "1.0.0", 2), "apps/api.yaml": manifest("api", "3.1.0", 0)})
_new = commit(_repo, "v2", {"apps/web.yaml": manifest("web", "1.1.0", 3), "apps/api.yaml": None})
(_repo / "apps/web.yaml").write_text(manifest("web", "6.6.6", 9), encoding="utf-8")  # not committed
(_repo / "apps/db.yaml").write_text(manifest("db", "1", 1), encoding="utf-8")  # not committed
assert desired_state(_repo, _old) == {"web": Service("web", "1.0.0", 2), "api": Service("api", "3.1.0", 0)}, (
    "the state at the older commit, not the working folder"
)
assert desired_state(_repo, _new) == {"web": Service("web", "1.1.0", 3)}, "api was deleted in the newer commit"
### BEGIN HIDDEN TESTS
assert desired_state(_repo, "HEAD~1") == desired_state(_repo, _old), "any revision git understands"
_repo = new_repo()
_rev = commit(_repo, "nested", {
    "apps/team-a/web.yaml": manifest("web", "2.0.0", 1),
    "apps/notes.txt": "name: x\n",
    "apps/worker.yml.bak": "oops",
    "apps/web.yaml.orig": "oops",
    "other/api.yaml": manifest("api", "1.0.0", 1),
    "apps/ümlaut.yaml": manifest("zähler", "0.1.0", 1),
})
_got = desired_state(_repo, _rev)
assert _got == {"web": Service("web", "2.0.0", 1), "zähler": Service("zähler", "0.1.0", 1)}, _got
assert all(type(s) is Service and type(s.replicas) is int for s in _got.values())
_empty = new_repo()
assert desired_state(_empty, commit(_empty, "nothing yet", {"README.md": "x\n"})) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_bad_repo = new_repo()
commit(_bad_repo, "good", {"apps/good.yaml": manifest("good", "1.0.0", 1)})


def _refused(text: str, *words: str, repo: Path = _bad_repo) -> None:
    rev = commit(repo, "bad", {"apps/bad.yaml": text})
    try:
        desired_state(repo, rev)
    except ValueError as err:
        for word in ("apps/bad.yaml", *words):
            assert word in str(err), f"the error should name {word!r}: {err}"
    else:
        raise AssertionError(f"accepted a bad manifest: {text!r}")


_refused("name: web\nversion: 1.10\nreplicas: 2\n", "version")
_refused("name: web\nversion: '1.0'\nreplicas: true\n", "replicas")
_refused("name: web\nversion: '1.0'\n", "replicas")
### BEGIN HIDDEN TESTS
_refused("name: web\nversion: '1.0'\nreplicas: -1\n", "replicas")
_refused("name: 7\nversion: '1.0'\nreplicas: 1\n", "name")
_refused("")
_repo = new_repo()
_rev = commit(_repo, "twice", {"apps/a.yaml": manifest("web", "1", 1), "apps/b.yaml": manifest("web", "2", 1)})
try:
    desired_state(_repo, _rev)
except ValueError as err:
    assert "web" in str(err) and "apps/b.yaml" in str(err), f"name the second file and the name: {err}"
else:
    raise AssertionError("two manifests for 'web' accepted")
_repo = new_repo()
assert desired_state(_repo, commit(_repo, "zero", {"apps/w.yaml": manifest("w", "", 0)})) == {"w": Service("w", "", 0)}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-working-folder"}
def desired_state(repo: Path, rev: str) -> dict[str, Service]:
    found: dict[str, Service] = {}
    for path in sorted((repo / "apps").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = path.relative_to(repo).as_posix()
        for key in ("name", "version", "replicas"):
            if key not in data:
                raise ValueError(f"{name}: missing key {key!r}")
        if not isinstance(data["version"], str) or type(data["replicas"]) is not int or data["replicas"] < 0:
            raise ValueError(f"{name}: bad version or replicas")
        if not isinstance(data["name"], str) or data["name"] in found:
            raise ValueError(f"{name}: bad name")
        found[data["name"]] = Service(data["name"], data["version"], data["replicas"])
    return found

# %% course={"kind": "wrong", "id": "isinstance-int"}
def desired_state(repo: Path, rev: str) -> dict[str, Service]:
    found: dict[str, Service] = {}
    for path in git(repo, "ls-tree", "-r", "--name-only", rev, "--", "apps").splitlines():
        if not path.endswith(".yaml"):
            continue
        data = yaml.safe_load(git(repo, "show", f"{rev}:{path}"))
        for key in ("name", "version", "replicas"):
            if key not in data:
                raise ValueError(f"{path}: missing key {key!r}")
        if not isinstance(data["replicas"], int) or data["replicas"] < 0:  # True passes
            raise ValueError(f"{path}: bad replicas")
        found[data["name"]] = Service(data["name"], str(data["version"]), data["replicas"])
    return found

# %% course={"kind": "wrong", "id": "yaml-anywhere-in-name"}
def desired_state(repo: Path, rev: str) -> dict[str, Service]:
    found: dict[str, Service] = {}
    for path in git(repo, "ls-tree", "-r", "-z", "--name-only", rev, "--", "apps").split("\0"):
        if ".yaml" not in path:  # also takes web.yaml.orig
            continue
        data = yaml.safe_load(git(repo, "show", f"{rev}:{path}"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with name, version and replicas")
        for key in ("name", "version", "replicas"):
            if key not in data:
                raise ValueError(f"{path}: missing key {key!r}")
        name, version, replicas = data["name"], data["version"], data["replicas"]
        if not isinstance(name, str):
            raise ValueError(f"{path}: 'name' must be text, got {name!r}")
        if not isinstance(version, str):
            raise ValueError(f"{path}: 'version' must be text (quote it), got {version!r}")
        if type(replicas) is not int or replicas < 0:
            raise ValueError(f"{path}: 'replicas' must be a whole number >= 0, got {replicas!r}")
        if name in found:
            raise ValueError(f"{path}: a second manifest for {name!r}")
        found[name] = Service(name, version, replicas)
    return found

# %% [markdown] course={"kind": "exercise", "id": "reconcile"}
# ### A reconciler: plan, sync, and a second sync that does nothing
#
# Write two functions.
#
# - `plan(desired, actual)`: both are dicts `{name: Service}`. Return the list of `Action`s that turns `actual`
#   into `desired`, **sorted by name**: `Action("create", name, service)` for an application that is declared but
#   not deployed, `Action("update", name, service)` for one deployed differently (version or replicas) from its
#   declaration, `Action("delete", name, None)` for one deployed but no longer declared (GitOps *prunes*). An
#   application that already matches gets no action. Do not change the dicts.
# - `sync(desired, env)`: read the environment's actual state with `env.actual()`, apply the plan's actions one
#   by one with `env.apply(action)`, and return the actions applied. Once converged, a second `sync` with the
#   same desired state applies nothing and returns `[]`; after someone edits the environment by hand (drift), it
#   puts the declared state back.
#
# The tests use `DirEnvironment` from the setup cell: the actual state is one JSON file per deployed
# application in a temporary folder (starting real servers for every check took about 0.45 s each here, so the
# lesson's demo does that once, and the tests use files).
#
# ```python
# plan({"web": Service("web", "2", 1)}, {"web": Service("web", "1", 1), "old": Service("old", "1", 1)})
# # [Action(kind='delete', name='old', service=None), Action(kind='update', name='web', service=Service(...'2'...))]
# ```

# %% [markdown] course={"kind": "hint"}
# Walk `sorted(desired.keys() | actual.keys())`; for each name there are four cases: only declared, only
# deployed, both and equal, both and different.

# %% [markdown] course={"kind": "hint"}
# `sync` must look at `env.actual()` *every* time it runs: a sync that applies every declared service blindly
# is not idempotent (its second run still applies things) and never deletes.

# %% course={"kind": "solution"}
def plan(desired: dict[str, Service], actual: dict[str, Service]) -> list[Action]:
    ### BEGIN SOLUTION
    actions = []
    for name in sorted(desired.keys() | actual.keys()):
        want, have = desired.get(name), actual.get(name)
        if want is None:
            actions.append(Action("delete", name, None))
        elif have is None:
            actions.append(Action("create", name, want))
        elif want != have:
            actions.append(Action("update", name, want))
    return actions
    ### END SOLUTION


def sync(desired: dict[str, Service], env: DirEnvironment) -> list[Action]:
    ### BEGIN SOLUTION
    actions = plan(desired, env.actual())
    for action in actions:
        env.apply(action)
    return actions
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_web1, _web2, _api = Service("web", "1.0.0", 2), Service("web", "1.1.0", 2), Service("api", "3.0.0", 1)
assert plan({"web": _web1}, {}) == [Action("create", "web", _web1)], "declared, not deployed: create"
assert plan({"web": _web2}, {"web": _web1}) == [Action("update", "web", _web2)], "another version: update"
assert plan({}, {"api": _api}) == [Action("delete", "api", None)], "deployed, no longer declared: delete"
assert plan({"web": _web1}, {"web": Service("web", "1.0.0", 2)}) == [], "already right: nothing to do"

# %% course={"kind": "test", "points": 2}
_desired = {"web": Service("web", "1.1.0", 2), "cache": Service("cache", "7.2", 1), "api": Service("api", "3.0.0", 4)}
_actual = {"zeta": Service("zeta", "1", 1), "web": Service("web", "1.0.0", 2), "api": Service("api", "3.0.0", 3)}
_before = (dict(_desired), dict(_actual))
_got = plan(_desired, _actual)
assert _got == [
    Action("update", "api", _desired["api"]),
    Action("create", "cache", _desired["cache"]),
    Action("update", "web", _desired["web"]),
    Action("delete", "zeta", None),
], f"sorted by name, every kind: {_got}"
assert type(_got) is list and (_desired, _actual) == _before, "a list, and the inputs unchanged"
### BEGIN HIDDEN TESTS
assert plan({}, {}) == []
assert plan({"w": Service("w", "1", 0)}, {"w": Service("w", "1", 1)}) == [Action("update", "w", Service("w", "1", 0))]
assert plan({"w": Service("w", "1", 0)}, {}) == [Action("create", "w", Service("w", "1", 0))], "0 replicas is declared"
_web1 = Service("web", "1.0.0", 2)
assert plan({"b": _web1, "a": _web1}, {}) == [Action("create", "a", _web1), Action("create", "b", _web1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_env = DirEnvironment(Path(tempfile.mkdtemp(dir=SCRATCH)))
_env.apply(Action("create", "old", Service("old", "0.9", 1)))
_env.applied.clear()
_desired = {"web": Service("web", "1.1.0", 2), "api": Service("api", "3.0.0", 1)}
_first = sync(_desired, _env)
assert _env.actual() == _desired, f"after a sync the environment matches git: {_env.actual()}"
assert _first == _env.applied and len(_first) == 3, "sync returns the actions it applied"
assert sync(_desired, _env) == [] and len(_env.applied) == 3, "a second sync changes nothing"
### BEGIN HIDDEN TESTS
(_env.folder / "web.json").write_text(json.dumps({"version": "1.1.0", "replicas": 5}), encoding="utf-8")  # drift
assert sync(_desired, _env) == [Action("update", "web", _desired["web"])], "drift is found and reverted"
assert _env.actual() == _desired
assert sync({}, _env) == [Action("delete", "api", None), Action("delete", "web", None)] and _env.actual() == {}
assert sync({}, _env) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "never-prunes"}
def plan(desired: dict[str, Service], actual: dict[str, Service]) -> list[Action]:
    actions = []
    for name in sorted(desired):
        if name not in actual:
            actions.append(Action("create", name, desired[name]))
        elif desired[name] != actual[name]:
            actions.append(Action("update", name, desired[name]))
    return actions


def sync(desired: dict[str, Service], env: DirEnvironment) -> list[Action]:
    actions = plan(desired, env.actual())
    for action in actions:
        env.apply(action)
    return actions

# %% course={"kind": "wrong", "id": "applies-blindly"}
def plan(desired: dict[str, Service], actual: dict[str, Service]) -> list[Action]:
    actions = []
    for name in sorted(desired.keys() | actual.keys()):
        if name not in desired:
            actions.append(Action("delete", name, None))
        elif name not in actual:
            actions.append(Action("create", name, desired[name]))
        elif desired[name] != actual[name]:
            actions.append(Action("update", name, desired[name]))
    return actions


def sync(desired: dict[str, Service], env: DirEnvironment) -> list[Action]:
    actual = env.actual()
    actions = [Action("update" if name in actual else "create", name, s) for name, s in sorted(desired.items())]
    for action in actions:
        env.apply(action)
    return actions

# %% course={"kind": "wrong", "id": "unsorted"}
def plan(desired: dict[str, Service], actual: dict[str, Service]) -> list[Action]:
    actions = [Action("delete", name, None) for name in actual if name not in desired]
    for name, want in desired.items():
        if name not in actual:
            actions.append(Action("create", name, want))
        elif want != actual[name]:
            actions.append(Action("update", name, want))
    return actions


def sync(desired: dict[str, Service], env: DirEnvironment) -> list[Action]:
    actions = plan(desired, env.actual())
    for action in actions:
        env.apply(action)
    return actions

# %% [markdown] course={"kind": "exercise", "id": "rolling-deploy", "item": "x-implement-a-deployment-script-with"}
# ### A rolling deployment that rolls itself back
#
# Write `rolling_deploy(pool, version)`. The pool has `names()` (in no particular order), `version(name)`,
# `replace(name, version)` and `healthy(name)`. Go through the instances **in name order**, one at a time:
# skip an instance already at `version`; otherwise replace it, then health-check it before touching the next.
# At the **first** failed check, stop: replace every instance you changed back to its old version, the most
# recently changed first (the failed one included), and return `False`. Return `True` when all are done.
#
# The tests pass a `FakePool` (from `course/runtime/deploys.py`): no servers, it only records every call in
# `pool.log`, so a test can check the exact order. The GitOps demo above did the same rolling replacement on real
# uvicorn services; your function works on either, as long as it has these four methods.
#
# ```python
# pool = FakePool({"web-1": "1.0", "web-2": "1.0"}, broken={("web-2", "2.0")})
# rolling_deploy(pool, "2.0")     # False
# pool.log   # ['replace web-1 1.0->2.0', 'check web-1 ok', 'replace web-2 1.0->2.0', 'check web-2 FAILED',
#            #  'replace web-2 2.0->1.0', 'replace web-1 2.0->1.0']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a list of `(name, old version)` for every instance you replaced; the rollback walks it backwards.

# %% [markdown] course={"kind": "hint"}
# Check right after each replace, inside the loop: replacing everything first and checking afterwards is a
# "big bang" deploy, and every instance is broken before you notice.

# %% course={"kind": "solution"}
def rolling_deploy(pool: FakePool, version: str) -> bool:
    ### BEGIN SOLUTION
    changed: list[tuple[str, str]] = []
    for name in sorted(pool.names()):
        old = pool.version(name)
        if old == version:
            continue
        pool.replace(name, version)
        changed.append((name, old))
        if not pool.healthy(name):
            for done, previous in reversed(changed):
                pool.replace(done, previous)
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_pool = FakePool({"web-2": "1.0", "web-1": "1.0"})
assert rolling_deploy(_pool, "2.0") is True, "all healthy: True"
assert _pool.log == ["replace web-1 1.0->2.0", "check web-1 ok", "replace web-2 1.0->2.0", "check web-2 ok"], (
    f"one at a time, in name order, each checked before the next: {_pool.log}"
)

# %% course={"kind": "test", "points": 2}
_pool = FakePool({"web-1": "1.0", "web-2": "1.0", "web-3": "1.0"}, broken={("web-2", "2.0")})
assert rolling_deploy(_pool, "2.0") is False, "a failed check: False"
assert _pool.versions == {"web-1": "1.0", "web-2": "1.0", "web-3": "1.0"}, f"all back to 1.0: {_pool.versions}"
assert _pool.log == [
    "replace web-1 1.0->2.0", "check web-1 ok", "replace web-2 1.0->2.0", "check web-2 FAILED",
    "replace web-2 2.0->1.0", "replace web-1 2.0->1.0",
], f"stop at the first failure, undo newest first, never touch web-3: {_pool.log}"
### BEGIN HIDDEN TESTS
_pool = FakePool({"a": "1", "b": "2", "c": "0"}, broken={("c", "2")})
assert rolling_deploy(_pool, "2") is False
assert _pool.log == ["replace a 1->2", "check a ok", "replace c 0->2", "check c FAILED", "replace c 2->0", "replace a 2->1"]
assert _pool.versions == {"a": "1", "b": "2", "c": "0"}, "each back to its own old version"
_pool = FakePool({"a": "1"}, broken={("a", "2")})
assert rolling_deploy(_pool, "2") is False and _pool.log == ["replace a 1->2", "check a FAILED", "replace a 2->1"]
_pool = FakePool({f"n{i:02}": "1" for i in range(12)}, broken={("n11", "2")})
assert rolling_deploy(_pool, "2") is False and _pool.log[-1] == "replace n00 2->1" and len(_pool.log) == 24 + 12
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_pool = FakePool({"web-1": "2.0", "web-2": "1.0"})
assert rolling_deploy(_pool, "2.0") is True and _pool.log == ["replace web-2 1.0->2.0", "check web-2 ok"], (
    "an instance already at the version is skipped"
)
### BEGIN HIDDEN TESTS
_pool = FakePool({"web-1": "2.0", "web-2": "2.0"}, broken={("web-1", "2.0")})
assert rolling_deploy(_pool, "2.0") is True and _pool.log == [], "nothing to do is a success"
assert rolling_deploy(FakePool({}), "1") is True
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "big-bang"}
def rolling_deploy(pool: FakePool, version: str) -> bool:
    old = {name: pool.version(name) for name in sorted(pool.names())}
    for name in old:
        if old[name] != version:
            pool.replace(name, version)
    if all(pool.healthy(name) for name in old if old[name] != version):
        return True
    for name in reversed(list(old)):
        if old[name] != version:
            pool.replace(name, old[name])
    return False

# %% course={"kind": "wrong", "id": "undo-only-failed"}
def rolling_deploy(pool: FakePool, version: str) -> bool:
    for name in sorted(pool.names()):
        old = pool.version(name)
        if old == version:
            continue
        pool.replace(name, version)
        if not pool.healthy(name):
            pool.replace(name, old)
            return False
    return True

# %% course={"kind": "wrong", "id": "undo-oldest-first"}
def rolling_deploy(pool: FakePool, version: str) -> bool:
    changed: list[tuple[str, str]] = []
    for name in sorted(pool.names()):
        old = pool.version(name)
        if old == version:
            continue
        pool.replace(name, version)
        changed.append((name, old))
        if not pool.healthy(name):
            for done, previous in changed:
                pool.replace(done, previous)
            return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "blue-green", "item": "x-create-a-blue-green-deployment-system"}
# ### Blue-green: switch in one step, keep the old colour for a rollback
#
# Complete the class `BlueGreen`. It is given a router (`router.switch(url)` points all traffic at `url` in one
# step) and three functions: `launch(color, version) -> url` starts an instance, `healthy(url) -> bool` checks
# one, `stop(url)` stops one. `self.urls` maps a colour to the URL of its running instance; `self.live` is the
# colour receiving traffic (`None` before the first deploy). The tests pass a `FakeRouter` and a `FakeLauncher`
# (from `course/runtime/deploys.py`) that record what they were asked to do instead of starting servers; the
# strategies demo switched a real router between two real uvicorn services the same way.
#
# - `deploy(version) -> bool`: the *idle* colour is `"blue"` when `live` is `None` or `"green"`, else `"green"`.
#   If the idle colour still runs an instance (from two deploys ago, or one rolled back from), stop it first.
#   Launch the new version in the idle colour and check it. Unhealthy: stop it, leave the router and `live`
#   alone, return `False`. Healthy: switch the router to it, make it `live`, and **leave the old colour running**,
#   return `True`.
# - `rollback() -> bool`: if the other colour has a running instance, switch the router back to it, make it live
#   and return `True`; otherwise (nothing to go back to) return `False` and change nothing.
#
# ```python
# router, fleet = FakeRouter(), FakeLauncher()
# bg = BlueGreen(router, fleet.launch, fleet.healthy, fleet.stop)
# bg.deploy("1.0"), bg.deploy("1.1")   # (True, True)
# router.target, sorted(fleet.running)  # ('http://green-1.1.local', ['http://blue-1.0.local', 'http://green-1.1.local'])
# ```

# %% [markdown] course={"kind": "hint"}
# Only call `router.switch` once the new instance passed its check: a switch is what users see.

# %% [markdown] course={"kind": "hint"}
# After a rollback the colour you left still runs; the next `deploy` goes into that colour, so it stops that
# instance before launching: `if idle in self.urls: self.stop(self.urls.pop(idle))`.

# %% course={"kind": "solution"}
class BlueGreen:
    def __init__(
        self,
        router: FakeRouter,
        launch: Callable[[str, str], str],
        healthy: Callable[[str], bool],
        stop: Callable[[str], None],
    ) -> None:
        self.router, self.launch, self.healthy, self.stop = router, launch, healthy, stop
        self.urls: dict[str, str] = {}
        self.live: str | None = None

    def deploy(self, version: str) -> bool:
        ### BEGIN SOLUTION
        idle = "green" if self.live == "blue" else "blue"
        if idle in self.urls:
            self.stop(self.urls.pop(idle))
        url = self.launch(idle, version)
        if not self.healthy(url):
            self.stop(url)
            return False
        self.urls[idle] = url
        self.router.switch(url)
        self.live = idle
        return True
        ### END SOLUTION

    def rollback(self) -> bool:
        ### BEGIN SOLUTION
        other = "green" if self.live == "blue" else "blue"
        if self.live is None or other not in self.urls:
            return False
        self.router.switch(self.urls[other])
        self.live = other
        return True
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_router, _fleet = FakeRouter(), FakeLauncher()
_bg = BlueGreen(_router, _fleet.launch, _fleet.healthy, _fleet.stop)
assert _bg.deploy("1.0") is True and _router.target == "http://blue-1.0.local", "the first deploy goes to blue"
assert _bg.deploy("1.1") is True and _router.target == "http://green-1.1.local", "the next one to green"
assert _fleet.running == {"http://blue-1.0.local", "http://green-1.1.local"}, "blue stays up after the switch"
assert _bg.live == "green" and _router.switches == 2

# %% course={"kind": "test", "points": 2}
_router, _fleet = FakeRouter(), FakeLauncher(broken={"1.1"})
_bg = BlueGreen(_router, _fleet.launch, _fleet.healthy, _fleet.stop)
_bg.deploy("1.0")
assert _bg.deploy("1.1") is False, "an unhealthy green: False"
assert _router.target == "http://blue-1.0.local" and _router.switches == 1, "the router never pointed at it"
assert _fleet.running == {"http://blue-1.0.local"} and _bg.live == "blue", "the broken instance is stopped"
assert _fleet.log[-2:] == ["check http://green-1.1.local", "stop http://green-1.1.local"]
### BEGIN HIDDEN TESTS
assert _bg.urls == {"blue": "http://blue-1.0.local"}
assert _bg.deploy("1.2") is True and _router.target == "http://green-1.2.local" and _bg.live == "green"
_router, _fleet = FakeRouter(), FakeLauncher(broken={"0.1"})
_bg = BlueGreen(_router, _fleet.launch, _fleet.healthy, _fleet.stop)
assert _bg.deploy("0.1") is False and _router.target is None and _bg.live is None and _fleet.running == set()
assert _bg.rollback() is False and _router.switches == 0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_router, _fleet = FakeRouter(), FakeLauncher()
_bg = BlueGreen(_router, _fleet.launch, _fleet.healthy, _fleet.stop)
assert _bg.rollback() is False and _router.switches == 0, "nothing deployed: nothing to roll back to"
_bg.deploy("1.0")
assert _bg.rollback() is False and _router.target == "http://blue-1.0.local", "one colour only: no rollback"
_bg.deploy("1.1")
assert _bg.rollback() is True and _router.target == "http://blue-1.0.local" and _bg.live == "blue", (
    "rollback switches back to the colour still running"
)
assert _fleet.running == {"http://blue-1.0.local", "http://green-1.1.local"}, "a rollback stops nothing"
### BEGIN HIDDEN TESTS
assert _bg.deploy("1.2") is True and _router.target == "http://green-1.2.local"
assert _fleet.running == {"http://blue-1.0.local", "http://green-1.2.local"}, "green 1.1 was stopped first"
assert _fleet.log.index("stop http://green-1.1.local") < _fleet.log.index("launch http://green-1.2.local")
assert _bg.deploy("1.3") is True and _fleet.running == {"http://blue-1.3.local", "http://green-1.2.local"}
assert _bg.rollback() is True and _bg.rollback() is True and _router.target == "http://blue-1.3.local"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stops-old-colour"}
class BlueGreen:
    def __init__(self, router, launch, healthy, stop) -> None:
        self.router, self.launch, self.healthy, self.stop = router, launch, healthy, stop
        self.urls: dict[str, str] = {}
        self.live: str | None = None

    def deploy(self, version: str) -> bool:
        idle = "green" if self.live == "blue" else "blue"
        url = self.launch(idle, version)
        if not self.healthy(url):
            self.stop(url)
            return False
        self.router.switch(url)
        if self.live is not None:
            self.stop(self.urls.pop(self.live))  # "clean up" the old colour: no rollback left
        self.urls[idle] = url
        self.live = idle
        return True

    def rollback(self) -> bool:
        other = "green" if self.live == "blue" else "blue"
        if self.live is None or other not in self.urls:
            return False
        self.router.switch(self.urls[other])
        self.live = other
        return True

# %% course={"kind": "wrong", "id": "switch-before-check"}
class BlueGreen:
    def __init__(self, router, launch, healthy, stop) -> None:
        self.router, self.launch, self.healthy, self.stop = router, launch, healthy, stop
        self.urls: dict[str, str] = {}
        self.live: str | None = None

    def deploy(self, version: str) -> bool:
        idle = "green" if self.live == "blue" else "blue"
        if idle in self.urls:
            self.stop(self.urls.pop(idle))
        url = self.launch(idle, version)
        self.router.switch(url)
        if not self.healthy(url):
            self.stop(url)
            if self.live is not None:
                self.router.switch(self.urls[self.live])
            return False
        self.urls[idle] = url
        self.live = idle
        return True

    def rollback(self) -> bool:
        other = "green" if self.live == "blue" else "blue"
        if self.live is None or other not in self.urls:
            return False
        self.router.switch(self.urls[other])
        self.live = other
        return True

# %% [markdown] course={"kind": "exercise", "id": "canary-split"}
# ### Canary routing: a stable, weighted split
#
# Write `canary_side(request_id, percent)`: `"canary"` or `"stable"` for a request. Hash the id's UTF-8 bytes
# with SHA-256, read the first 8 bytes of the digest as a big-endian unsigned number, take it modulo 100: that is
# the id's *bucket*, 0 to 99. The request goes to the canary when its bucket is **below** `percent`. So `0` sends
# nobody, `100` everybody, the same id always goes the same way, and raising the percentage only moves ids from
# stable to canary. Raise `ValueError` for a `percent` outside 0..100 or not an `int` (a `bool` neither).
#
# ```python
# canary_side("user-42", 0), canary_side("user-42", 100)    # ('stable', 'canary')
# ```

# %% [markdown] course={"kind": "hint"}
# `hashlib.sha256(text.encode("utf-8")).digest()[:8]` and `int.from_bytes(..., "big")`.

# %% [markdown] course={"kind": "hint"}
# Not `hash(request_id)`: Python salts string hashes per process, so another server (or a restart) would send
# the same user the other way.

# %% course={"kind": "solution"}
def canary_side(request_id: str, percent: int) -> str:
    ### BEGIN SOLUTION
    if type(percent) is not int or not 0 <= percent <= 100:
        raise ValueError(f"percent must be a whole number 0..100, got {percent!r}")
    bucket = int.from_bytes(hashlib.sha256(request_id.encode("utf-8")).digest()[:8], "big") % 100
    return "canary" if bucket < percent else "stable"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert canary_side("user-42", 0) == "stable" and canary_side("user-42", 100) == "canary", "0 % and 100 %"
_ids = [f"req-{i}" for i in range(2000)]
_share = sum(canary_side(i, 10) == "canary" for i in _ids)
assert 150 <= _share <= 250, f"about 10 % of 2000 ids go to the canary, got {_share}"

# %% course={"kind": "test", "points": 2}
def _bucket(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % 100


for _id in ("user-42", "", "Ünïcødé-✓", "req-7", " user-42"):
    for _pct in (0, 1, _bucket(_id), _bucket(_id) + 1, 99, 100):
        if _pct <= 100:
            _want = "canary" if _bucket(_id) < _pct else "stable"
            assert canary_side(_id, _pct) == _want, f"{_id!r} (bucket {_bucket(_id)}) at {_pct} %: {_want}"
### BEGIN HIDDEN TESTS
_ids = [f"req-{i}" for i in range(2000)]
assert all(canary_side(i, _bucket(i) + 1) == "canary" and canary_side(i, _bucket(i)) == "stable" for i in _ids)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in (-1, 101, 10.0, True, "10"):
    try:
        canary_side("user-42", _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"percent={_bad!r} should raise ValueError")

# %% course={"kind": "wrong", "id": "python-hash"}
def canary_side(request_id: str, percent: int) -> str:
    if type(percent) is not int or not 0 <= percent <= 100:
        raise ValueError(f"percent must be a whole number 0..100, got {percent!r}")
    return "canary" if hash(request_id) % 100 < percent else "stable"

# %% course={"kind": "wrong", "id": "inclusive"}
def canary_side(request_id: str, percent: int) -> str:
    if type(percent) is not int or not 0 <= percent <= 100:
        raise ValueError(f"percent must be a whole number 0..100, got {percent!r}")
    bucket = int.from_bytes(hashlib.sha256(request_id.encode("utf-8")).digest()[:8], "big") % 100
    return "canary" if bucket <= percent else "stable"

# %% course={"kind": "wrong", "id": "little-endian"}
def canary_side(request_id: str, percent: int) -> str:
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be 0..100, got {percent!r}")
    bucket = int.from_bytes(hashlib.sha256(request_id.encode("utf-8")).digest()[:8], "little") % 100
    return "canary" if bucket < percent else "stable"

# %% [markdown] course={"kind": "exercise", "id": "canary-verdict"}
# ### Canary analysis: promote, roll back, or wait
#
# Write `canary_verdict(records, max_error_rate, min_requests)`. `records` is an iterable of `(side, status)`
# pairs recorded by the router, `side` being `"canary"` or `"stable"` and `status` the HTTP status answered. Only
# the canary's records count. A response is an error when its status is 500 or more (a 404 is the client's
# mistake, not the canary's). Return:
#
# - `"wait"` while the canary has answered fewer than `min_requests` requests (too few to judge), unless it
#   already has **more** errors than `max_error_rate * min_requests` allows (then no later success can save it:
#   `"rollback"` at once);
# - otherwise `"rollback"` when its error rate (errors / canary requests) is above `max_error_rate`, and
#   `"promote"` when it is at or below it.
#
# `records` may be a generator: read it once.
#
# ```python
# canary_verdict([("canary", 200)] * 19 + [("canary", 503)], 0.05, 20)   # 'promote'  (1 error in 20 = 5 %)
# ```

# %% [markdown] course={"kind": "hint"}
# Count two numbers in one pass: canary requests and canary errors. Compare `errors > max_error_rate * n`
# rather than dividing, so zero requests never divides by zero.

# %% course={"kind": "solution"}
def canary_verdict(records: Any, max_error_rate: float, min_requests: int) -> str:
    ### BEGIN SOLUTION
    requests = errors = 0
    for side, status in records:
        if side == "canary":
            requests += 1
            errors += status >= 500
    if requests < min_requests:
        return "rollback" if errors > max_error_rate * min_requests else "wait"
    return "rollback" if errors > max_error_rate * requests else "promote"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert canary_verdict([("canary", 200)] * 19 + [("canary", 503)], 0.05, 20) == "promote", "5 % of 20 is allowed"
assert canary_verdict([("canary", 200)] * 18 + [("canary", 500)] * 2, 0.05, 20) == "rollback", "10 % is not"
assert canary_verdict([("canary", 200)] * 5, 0.05, 20) == "wait", "5 requests are too few to judge"

# %% course={"kind": "test", "points": 2}
_stable_errors = [("stable", 500)] * 50
assert canary_verdict(_stable_errors + [("canary", 200)] * 20, 0.05, 20) == "promote", "only the canary counts"
assert canary_verdict([("canary", 404)] * 10 + [("canary", 499)] * 10, 0.05, 20) == "promote", "4xx are not errors"
assert canary_verdict((r for r in [("canary", 599)] * 2 + [("canary", 200)] * 18), 0.05, 20) == "rollback", (
    "a generator, read once; 599 is an error"
)
### BEGIN HIDDEN TESTS
assert canary_verdict([("canary", 200)] * 19 + [("canary", 500)] * 2, 0.05, 20) == "rollback", "2 of 21"
assert canary_verdict([("canary", 200)] * 39 + [("canary", 500)] * 2, 0.05, 20) == "promote", "2 of 41"
assert canary_verdict([("canary", 200)] * 19, 0.05, 20) == "wait", "one short of the minimum"
assert canary_verdict([("canary", 200)] * 20, 0.0, 20) == "promote" and canary_verdict([], 0.1, 1) == "wait"
assert canary_verdict([("canary", 200)] * 3 + [("stable", 200)] * 30, 0.05, 0) == "promote"
assert canary_verdict([("canary", 500)] * 20, 1.0, 20) == "promote", "a 100 % budget allows everything"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert canary_verdict([("canary", 500)] * 2, 0.05, 20) == "rollback", "2 errors already exceed 5 % of 20"
assert canary_verdict([("canary", 500)], 0.05, 20) == "wait", "1 error is still within 5 % of 20"
### BEGIN HIDDEN TESTS
assert canary_verdict([("canary", 500)] * 2 + [("canary", 200)] * 5, 0.1, 20) == "wait", "2 is 10 % of 20"
assert canary_verdict([("canary", 500)] * 3 + [("canary", 200)] * 5, 0.1, 20) == "rollback"
assert canary_verdict([("canary", 500)] + [("canary", 200)] * 2, 0.0, 20) == "rollback", "no errors allowed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-stable"}
def canary_verdict(records: Any, max_error_rate: float, min_requests: int) -> str:
    records = list(records)
    errors = sum(status >= 500 for side, status in records)
    requests = len(records)
    if requests < min_requests:
        return "rollback" if errors > max_error_rate * min_requests else "wait"
    return "rollback" if errors > max_error_rate * requests else "promote"

# %% course={"kind": "wrong", "id": "reads-twice"}
def canary_verdict(records: Any, max_error_rate: float, min_requests: int) -> str:
    requests = sum(side == "canary" for side, _ in records)
    errors = sum(side == "canary" and status >= 500 for side, status in records)
    if requests < min_requests:
        return "rollback" if errors > max_error_rate * min_requests else "wait"
    return "rollback" if errors > max_error_rate * requests else "promote"

# %% course={"kind": "wrong", "id": "always-waits"}
def canary_verdict(records: Any, max_error_rate: float, min_requests: int) -> str:
    requests = errors = 0
    for side, status in records:
        if side == "canary":
            requests += 1
            errors += status >= 500
    if requests < min_requests:
        return "wait"
    return "rollback" if errors / requests >= max_error_rate else "promote"

# %% [markdown] course={"kind": "exercise", "id": "feature-flags", "item": "x-implement-feature-flags"}
# ### Feature flags with a gradual rollout
#
# Write `is_enabled(flag, user)` for a `Flag(key, on, percent, allow)` (from the setup cell):
#
# 1. a flag that is not `on` is off for everyone, allowed users included (the kill switch wins);
# 2. a user in `flag.allow` gets it;
# 3. otherwise the user's bucket for this flag decides: hash the text `f"{flag.key}:{user}"` (UTF-8) with
#    SHA-256, read the first 8 bytes big-endian, modulo 100; on when the bucket is below `flag.percent`.
#
# Including the flag key makes each flag choose its own users. The result is a `bool`.
#
# ```python
# is_enabled(Flag("new-checkout", True, 0, frozenset({"ada"})), "ada")   # True: allowed
# is_enabled(Flag("new-checkout", False, 100), "ada")                    # False: the kill switch
# ```

# %% [markdown] course={"kind": "hint"}
# Order matters: check `on` first, then the allow list, then the bucket.

# %% course={"kind": "solution"}
def is_enabled(flag: Flag, user: str) -> bool:
    ### BEGIN SOLUTION
    if not flag.on:
        return False
    if user in flag.allow:
        return True
    digest = hashlib.sha256(f"{flag.key}:{user}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < flag.percent
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_enabled(Flag("new-checkout", True, 0, frozenset({"ada"})), "ada") is True, "allowed users get it"
assert is_enabled(Flag("new-checkout", False, 100, frozenset({"ada"})), "ada") is False, "off means off"
assert is_enabled(Flag("new-checkout", True, 100), "bob") is True, "100 %: everyone"
assert is_enabled(Flag("new-checkout", True, 0), "bob") is False, "0 %: nobody"

# %% course={"kind": "test", "points": 2}
def _flag_bucket(key: str, user: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{key}:{user}".encode("utf-8")).digest()[:8], "big") % 100


for _user in ("ada", "bob", "", "Zoë", "ada "):
    _b = _flag_bucket("new-checkout", _user)
    assert is_enabled(Flag("new-checkout", True, _b + 1), _user) is True, f"{_user!r} has bucket {_b}: on at {_b + 1} %"
    assert is_enabled(Flag("new-checkout", True, _b), _user) is False, f"{_user!r} has bucket {_b}: off at {_b} %"
### BEGIN HIDDEN TESTS
_users = [f"user-{i}" for i in range(400)]
_a = {u for u in _users if is_enabled(Flag("flag-a", True, 20), u)}
_b2 = {u for u in _users if is_enabled(Flag("flag-b", True, 20), u)}
assert _a != _b2, "two flags at 20 % pick different users: the key is part of the hash"
assert _a == {u for u in _users if _flag_bucket("flag-a", u) < 20}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
from hypothesis import given, settings, strategies as st

assert is_enabled(Flag("k", True, 100), "u") is True, "100 %: on"  # an unfinished answer fails here, at once


@settings(derandomize=True, database=None, deadline=None, max_examples=60)
@given(st.text(max_size=12), st.text(max_size=20), st.integers(0, 100), st.integers(0, 100))
def _rollout_is_stable_and_only_grows(key: str, user: str, low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    first = is_enabled(Flag(key, True, low), user)
    assert is_enabled(Flag(key, True, low), user) is first, "the same user gets the same answer"
    if first:
        assert is_enabled(Flag(key, True, high), user) is True, "raising the percentage only adds users"


_rollout_is_stable_and_only_grows()

# %% course={"kind": "wrong", "id": "allow-beats-kill-switch"}
def is_enabled(flag: Flag, user: str) -> bool:
    if user in flag.allow:
        return True
    if not flag.on:
        return False
    digest = hashlib.sha256(f"{flag.key}:{user}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < flag.percent

# %% course={"kind": "wrong", "id": "no-flag-key"}
def is_enabled(flag: Flag, user: str) -> bool:
    if not flag.on:
        return False
    if user in flag.allow:
        return True
    digest = hashlib.sha256(user.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < flag.percent

# %% course={"kind": "wrong", "id": "top-down-buckets"}
def is_enabled(flag: Flag, user: str) -> bool:
    if not flag.on:
        return False
    if user in flag.allow:
        return True
    digest = hashlib.sha256(f"{flag.key}:{user}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 >= 100 - flag.percent

# %% [markdown] course={"kind": "exercise", "id": "next-version", "item": "project-15-4-2"}
# ### Semantic version bump from conventional commits
#
# Write `next_version(current, messages)`. `current` is a version `MAJOR.MINOR.PATCH` (whole numbers without
# leading zeros: `"1.04.0"`, `"1.4"`, `"v1.4.0"` raise `ValueError`). `messages` are the full commit messages
# since the last release (subject line, then perhaps a body). A message counts when its subject looks like
# `type: description` or `type(scope): description`, with an optional `!` before the colon; the type is letters,
# matched without regard to case (`Feat:` is `feat:`). Then:
#
# - breaking (a `!` before the colon, or a body line starting `BREAKING CHANGE:` or `BREAKING-CHANGE:`, upper
#   case only): bump MAJOR;
# - otherwise type `feat`: bump MINOR; type `fix`: bump PATCH; other types (`docs`, `chore`...) and messages
#   that are not conventional at all release nothing.
#
# The biggest bump wins and resets the numbers to its right. Return the new version as a string, or `None`
# when nothing calls for a release.
#
# ```python
# next_version("1.4.2", ["fix: retry", "feat(api): add /readyz", "docs: typo"])   # '1.5.0'
# ```

# %% [markdown] course={"kind": "hint"}
# One regular expression for the subject: `([A-Za-z]+)(\([^()]*\))?(!)?: \S` with `re.match`; then
# `.lower()` the type.

# %% [markdown] course={"kind": "hint"}
# Keep the bump as a level (0 none, 1 patch, 2 minor, 3 major) and take the `max` over all messages.
# `1.4.2` + minor is `1.5.0`, not `1.5.2`.

# %% course={"kind": "solution"}
def next_version(current: str, messages: list[str]) -> str | None:
    ### BEGIN SOLUTION
    found = re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", current)
    if found is None:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {current!r}")
    major, minor, patch = (int(part) for part in found.groups())
    level = 0
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(\([^()]*\))?(!)?: \S", subject)
        if head is None:
            continue
        kind = head.group(1).lower()
        if head.group(3) or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            level = max(level, 3)
        elif kind == "feat":
            level = max(level, 2)
        elif kind == "fix":
            level = max(level, 1)
    if level == 3:
        return f"{major + 1}.0.0"
    if level == 2:
        return f"{major}.{minor + 1}.0"
    if level == 1:
        return f"{major}.{minor}.{patch + 1}"
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert next_version("1.4.2", ["fix: retry"]) == "1.4.3", "a fix bumps PATCH"
assert next_version("1.4.2", ["fix: retry", "feat(api): add /readyz"]) == "1.5.0", "a feature bumps MINOR, PATCH to 0"
assert next_version("1.4.2", ["feat!: new config format"]) == "2.0.0", "! bumps MAJOR"
assert next_version("1.4.2", ["docs: typo", "chore: bump deps"]) is None, "nothing to release"

# %% course={"kind": "test", "points": 2}
assert next_version("0.9.9", ["fix(db): retry\n\nBREAKING CHANGE: the pool size is now required"]) == "1.0.0", (
    "a BREAKING CHANGE footer bumps MAJOR"
)
assert next_version("2.3.4", ["refactor(api)!: drop /v1"]) == "3.0.0", "any type with ! is breaking"
assert next_version("1.9.0", ["feat: x"]) == "1.10.0", "numbers, not text: 1.9 + 1 is 1.10"
assert next_version("1.4.2", ["feature: not a type we know", "fixes a bug", "feat:missing space"]) is None, (
    "only conventional feat/fix subjects count"
)
### BEGIN HIDDEN TESTS
assert next_version("1.4.2", ["Feat: capital letter"]) == "1.5.0" and next_version("1.4.2", ["FIX: x"]) == "1.4.3"
assert next_version("1.4.2", ["feat: x\n\nbreaking change: lower case is not a footer"]) == "1.5.0"
assert next_version("1.4.2", ["chore: x\n\nBREAKING-CHANGE: the hyphen form"]) == "2.0.0"
assert next_version("1.4.2", ["docs: mention BREAKING CHANGE: in the subject"]) is None
assert next_version("1.4.2", ["feat!: a", "fix: b", "feat: c"]) == "2.0.0" and next_version("1.4.2", ["fix: b", "feat!: a"]) == "2.0.0"
assert next_version("1.4.2", ["feat: c", "fix: b"]) == "1.5.0"
assert next_version("0.0.0", ["fix(a-b_c): ünïcode"]) == "0.0.1" and next_version("10.20.30", []) is None
assert next_version("1.4.2", iter(["fix: from a generator"])) == "1.4.3"
assert next_version("1.4.2", ["", "\n", "fix: after an empty message"]) == "1.4.3"
assert next_version("1.0.9", ["fix: x"]) == "1.0.10" and next_version("9.9.9", ["feat!: y"]) == "10.0.0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ("1.4", "v1.4.2", "1.04.2", "01.4.2", "1.4.2 ", "1.4.2\n", "1.4.x", "", "1.4.2.0", "-1.4.2", "١.4.2"):
    try:
        next_version(_bad, ["fix: x"])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_bad!r} is not a version: ValueError expected")
assert next_version("0.0.0", ["feat: x"]) == "0.1.0", "0.0.0 is a version"

# %% course={"kind": "wrong", "id": "no-reset"}
def next_version(current: str, messages: list[str]) -> str | None:
    if not re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", current):
        raise ValueError(current)
    major, minor, patch = (int(part) for part in current.split("."))
    level = 0
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(\([^()]*\))?(!)?: \S", subject)
        if head is None:
            continue
        if head.group(3) or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            level = max(level, 3)
        elif head.group(1).lower() == "feat":
            level = max(level, 2)
        elif head.group(1).lower() == "fix":
            level = max(level, 1)
    if level == 0:
        return None
    return f"{major + (level == 3)}.{minor + (level == 2)}.{patch + (level == 1)}"

# %% course={"kind": "wrong", "id": "startswith"}
def next_version(current: str, messages: list[str]) -> str | None:
    if not re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", current):
        raise ValueError(current)
    major, minor, patch = (int(part) for part in current.split("."))
    if any("!:" in m or "BREAKING CHANGE:" in m for m in messages):
        return f"{major + 1}.0.0"
    if any(m.lower().startswith("feat") for m in messages):
        return f"{major}.{minor + 1}.0"
    if any(m.lower().startswith("fix") for m in messages):
        return f"{major}.{minor}.{patch + 1}"
    return None

# %% course={"kind": "wrong", "id": "last-message-wins"}
def next_version(current: str, messages: list[str]) -> str | None:
    if not re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", current):
        raise ValueError(current)
    major, minor, patch = (int(part) for part in current.split("."))
    level = 0
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(\([^()]*\))?(!)?: \S", subject)
        if head is None:
            continue
        if head.group(3) or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            level = 3
        elif head.group(1).lower() == "feat":
            level = 2
        elif head.group(1).lower() == "fix":
            level = 1
    return {3: f"{major + 1}.0.0", 2: f"{major}.{minor + 1}.0", 1: f"{major}.{minor}.{patch + 1}"}.get(level)

# %% course={"kind": "wrong", "id": "dollar-anchor"}
def next_version(current: str, messages: list[str]) -> str | None:
    found = re.match(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$", current)  # $ matches before a final "\n"
    if found is None:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {current!r}")
    major, minor, patch = (int(part) for part in found.groups())
    level = 0
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(\([^()]*\))?(!)?: \S", subject)
        if head is None:
            continue
        kind = head.group(1).lower()
        if head.group(3) or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            level = max(level, 3)
        elif kind == "feat":
            level = max(level, 2)
        elif kind == "fix":
            level = max(level, 1)
    if level == 3:
        return f"{major + 1}.0.0"
    if level == 2:
        return f"{major}.{minor + 1}.0"
    if level == 1:
        return f"{major}.{minor}.{patch + 1}"
    return None

# %% [markdown] course={"kind": "exercise", "id": "changelog", "item": "x-automate-changelog-generation"}
# ### Generate the changelog section of a release
#
# Write `changelog(version, day, messages)`: the Markdown section for one release, from the commit messages
# since the last one (oldest first). Use the same rules as above for what a conventional subject is and what
# is breaking. Each counted commit becomes one bullet `- description`, or `- **scope:** description` when the
# subject has a scope, under exactly one heading: `### Breaking changes` (any breaking commit, whatever its
# type), `### Features` (`feat`), `### Bug fixes` (`fix`). Other commits are left out. Headings come in that
# order, empty ones are left out, bullets keep the commits' order. When nothing is left, the section says
# `No notable changes.` The text is exactly this shape (one blank line between blocks, one `\n` at the end):
#
# ```python
# print(changelog("1.5.0", "2026-01-05", ["fix(deploy): retry health check", "feat: add canary weights",
#                                         "docs: typo", "feat(api)!: drop v1 endpoints"]))
# ```
# ```text
# ## 1.5.0 (2026-01-05)
#
# ### Breaking changes
#
# - **api:** drop v1 endpoints
#
# ### Features
#
# - add canary weights
#
# ### Bug fixes
#
# - **deploy:** retry health check
# ```

# %% [markdown] course={"kind": "hint"}
# Capture the description too: `([A-Za-z]+)(?:\(([^()]*)\))?(!)?: (.+)`. Collect three lists, then join the
# non-empty blocks with `"\n\n"`.

# %% course={"kind": "solution"}
def changelog(version: str, day: str, messages: list[str]) -> str:
    ### BEGIN SOLUTION
    groups: dict[str, list[str]] = {"Breaking changes": [], "Features": [], "Bug fixes": []}
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(?:\(([^()]*)\))?(!)?: (\S.*)", subject)
        if head is None:
            continue
        kind, scope, bang, text = head.groups()
        entry = f"- **{scope}:** {text}" if scope else f"- {text}"
        if bang or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            groups["Breaking changes"].append(entry)
        elif kind.lower() == "feat":
            groups["Features"].append(entry)
        elif kind.lower() == "fix":
            groups["Bug fixes"].append(entry)
    blocks = [f"## {version} ({day})"]
    for title, entries in groups.items():
        if entries:
            blocks.append(f"### {title}")
            blocks.append("\n".join(entries))
    if len(blocks) == 1:
        blocks.append("No notable changes.")
    return "\n\n".join(blocks) + "\n"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_text = changelog("1.4.3", "2026-01-05", ["fix: retry on 503"])
assert _text == "## 1.4.3 (2026-01-05)\n\n### Bug fixes\n\n- retry on 503\n", f"one fix:\n{_text}"

# %% course={"kind": "test", "points": 2}
_text = changelog("1.5.0", "2026-01-05", [
    "fix(deploy): retry health check", "feat: add canary weights", "docs: typo", "feat(api)!: drop v1 endpoints",
])
_want = (
    "## 1.5.0 (2026-01-05)\n\n### Breaking changes\n\n- **api:** drop v1 endpoints\n\n"
    "### Features\n\n- add canary weights\n\n### Bug fixes\n\n- **deploy:** retry health check\n"
)
assert _text == _want, f"the example, exactly:\n{_text}"
### BEGIN HIDDEN TESTS
_text = changelog("2.0.0", "2026-02-01", [
    "feat: b first", "merge branch 'x'", "Fix(db): a second", "feat(ui): c third\n\nBREAKING CHANGE: colours",
    "FEAT: d fourth", "chore!: drop Python 3.10",
])
_want = (
    "## 2.0.0 (2026-02-01)\n\n### Breaking changes\n\n- **ui:** c third\n- drop Python 3.10\n\n"
    "### Features\n\n- b first\n- d fourth\n\n### Bug fixes\n\n- **db:** a second\n"
)
assert _text == _want, _text
assert changelog("0.1.0", "d", ["feat: ✓ ünïcode"]) == "## 0.1.0 (d)\n\n### Features\n\n- ✓ ünïcode\n"
assert changelog("0.1.0", "d", ["fix(): empty scope"]) == "## 0.1.0 (d)\n\n### Bug fixes\n\n- empty scope\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert changelog("1.0.1", "2026-01-05", ["docs: x", "chore(ci): y"]) == "## 1.0.1 (2026-01-05)\n\nNo notable changes.\n", (
    "nothing notable: say so"
)
assert changelog("1.0.1", "2026-01-05", []) == "## 1.0.1 (2026-01-05)\n\nNo notable changes.\n"
### BEGIN HIDDEN TESTS
assert changelog("1.0.1", "x", ["feat!: only breaking"]) == "## 1.0.1 (x)\n\n### Breaking changes\n\n- only breaking\n"
assert changelog("1.0.1", "x", [""]) == "## 1.0.1 (x)\n\nNo notable changes.\n"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "breaking-also-listed-by-type"}
def changelog(version: str, day: str, messages: list[str]) -> str:
    groups: dict[str, list[str]] = {"Breaking changes": [], "Features": [], "Bug fixes": []}
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(?:\(([^()]*)\))?(!)?: (\S.*)", subject)
        if head is None:
            continue
        kind, scope, bang, text = head.groups()
        entry = f"- **{scope}:** {text}" if scope else f"- {text}"
        if bang or any(line.startswith("BREAKING CHANGE:") for line in body):
            groups["Breaking changes"].append(entry)
        if kind.lower() == "feat":
            groups["Features"].append(entry)
        elif kind.lower() == "fix":
            groups["Bug fixes"].append(entry)
    blocks = [f"## {version} ({day})"]
    for title, entries in groups.items():
        if entries:
            blocks += [f"### {title}", "\n".join(entries)]
    if len(blocks) == 1:
        blocks.append("No notable changes.")
    return "\n\n".join(blocks) + "\n"

# %% course={"kind": "wrong", "id": "empty-headings"}
def changelog(version: str, day: str, messages: list[str]) -> str:
    groups: dict[str, list[str]] = {"Breaking changes": [], "Features": [], "Bug fixes": []}
    for message in messages:
        subject, *body = message.splitlines() or [""]
        head = re.match(r"([A-Za-z]+)(?:\(([^()]*)\))?(!)?: (\S.*)", subject)
        if head is None:
            continue
        kind, scope, bang, text = head.groups()
        entry = f"- **{scope}:** {text}" if scope else f"- {text}"
        if bang or any(line.startswith(("BREAKING CHANGE:", "BREAKING-CHANGE:")) for line in body):
            groups["Breaking changes"].append(entry)
        elif kind.lower() == "feat":
            groups["Features"].append(entry)
        elif kind.lower() == "fix":
            groups["Bug fixes"].append(entry)
    text = f"## {version} ({day})\n"
    for title, entries in groups.items():
        text += f"\n### {title}\n\n" + "".join(e + "\n" for e in entries)
    return text

# %% [markdown] course={"kind": "exercise", "id": "cut-release", "item": "project-15-4-2"}
# ### Release manager: cut a release in a real git repository
#
# Write `cut_release(repo, bump)`, the core of a release tool, with the `git(repo, ...)` helper:
#
# 1. The last release is the **highest** tag of the form `vMAJOR.MINOR.PATCH` (numbers without leading zeros),
#    compared as numbers (`v1.10.0` is above `v1.9.0`). Other tags (`nightly`, `v2.0.0-rc.1`, `v1.2`) are not
#    releases. With no release tag yet, the current version is `"0.0.0"` and every commit counts.
# 2. Collect the full messages (`%B`: subject and body, with surrounding whitespace stripped) of the commits
#    after that tag up to `HEAD`, **oldest first**.
# 3. Call `bump(current, messages)` (a function like your `next_version`). If it returns `None`, change nothing
#    and return `None`.
# 4. Otherwise write the new version and a newline to the file `VERSION`, commit it with the message
#    `chore(release): vNEW`, create an **annotated** tag `vNEW` (message `Release vNEW`) on that commit, and
#    return the tag's name.
#
# ```python
# repo = new_repo()
# commit(repo, "feat: first")
# cut_release(repo, lambda current, messages: "0.1.0")   # 'v0.1.0'
# ```

# %% [markdown] course={"kind": "hint"}
# `git tag --list` prints one tag a line; keep those matching a regular expression and take the `max` with
# a key of three ints. `git log --reverse --format=%B%x00 v1.2.0..HEAD` prints the messages oldest first, each
# followed by a NUL character (`%x00`), so split on `"\0"`.

# %% [markdown] course={"kind": "hint"}
# `git tag NAME` makes a lightweight tag; `git tag -a NAME -m MESSAGE` an annotated one.

# %% course={"kind": "solution"}
def cut_release(repo: Path, bump: Callable[[str, list[str]], str | None]) -> str | None:
    ### BEGIN SOLUTION
    pattern = re.compile(r"v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
    releases = [tag for tag in git(repo, "tag", "--list").split() if pattern.fullmatch(tag)]
    latest = max(releases, key=lambda tag: tuple(int(part) for part in tag[1:].split(".")), default=None)
    span = f"{latest}..HEAD" if latest else "HEAD"
    log = git(repo, "log", "--reverse", "--format=%B%x00", span)
    messages = [text.strip() for text in log.split("\0") if text.strip()]
    new = bump(latest[1:] if latest else "0.0.0", messages)
    if new is None:
        return None
    tag = f"v{new}"
    (repo / "VERSION").write_text(new + "\n", encoding="utf-8")
    git(repo, "add", "VERSION")
    git(repo, "commit", "-q", "-m", f"chore(release): {tag}")
    git(repo, "tag", "-a", tag, "-m", f"Release {tag}")
    return tag
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_repo = new_repo()
commit(_repo, "feat: first")
assert cut_release(_repo, lambda current, messages: "0.1.0") == "v0.1.0", "returns the new tag"
assert git(_repo, "show", "v0.1.0:VERSION") == "0.1.0\n", "VERSION is committed at the tag"
assert git(_repo, "log", "-1", "--format=%s") == "chore(release): v0.1.0\n", "the release commit"
assert git(_repo, "cat-file", "-t", "v0.1.0").strip() == "tag", "an annotated tag (an object), not a lightweight one"

# %% course={"kind": "test", "points": 2}
_calls: list[tuple[str, list[str]]] = []


def _recording_bump(current: str, messages: list[str]) -> str | None:
    _calls.append((current, messages))
    return next_patch(current) if messages else None


def next_patch(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


_repo = new_repo()
commit(_repo, "feat: one")
git(_repo, "tag", "-a", "v1.9.0", "-m", "old")
commit(_repo, "fix: two")
git(_repo, "tag", "-a", "v1.10.0", "-m", "newer, but sorts first as text")
commit(_repo, "fix: three\n\nwith a body\nof two lines")
commit(_repo, "feat: four")
assert cut_release(_repo, _recording_bump) == "v1.10.1", "the highest release tag is v1.10.0"
assert _calls == [("1.10.0", ["fix: three\n\nwith a body\nof two lines", "feat: four"])], (
    f"bump gets the version and the full messages since the tag, oldest first: {_calls}"
)
### BEGIN HIDDEN TESTS
assert git(_repo, "rev-parse", "v1.10.1^{commit}") == git(_repo, "rev-parse", "HEAD"), "the tag is on the release commit"
assert git(_repo, "status", "--porcelain") == "", "nothing left uncommitted"
assert git(_repo, "tag", "-l", "--format=%(contents:subject)", "v1.10.1").strip() == "Release v1.10.1"
_calls.clear()
assert cut_release(_repo, _recording_bump) is None and _calls == [("1.10.1", [])], "nothing since the last release"
commit(_repo, "docs: five")
git(_repo, "tag", "v9.0.0-rc.1")
git(_repo, "tag", "nightly")
git(_repo, "tag", "v10.0")
git(_repo, "tag", "v01.0.0")
_calls.clear()
assert cut_release(_repo, _recording_bump) == "v1.10.2" and _calls == [("1.10.1", ["docs: five"])]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_repo = new_repo()
commit(_repo, "chore: a")
commit(_repo, "chore: b")
_head = git(_repo, "rev-parse", "HEAD")
_seen: list[tuple[str, list[str]]] = []
assert cut_release(_repo, lambda current, messages: _seen.append((current, messages))) is None, "bump said None"
assert _seen == [("0.0.0", ["chore: a", "chore: b"])], f"no tag yet: 0.0.0 and every commit: {_seen}"
assert git(_repo, "rev-parse", "HEAD") == _head and git(_repo, "tag", "--list") == "", "and nothing changed"
assert not (_repo / "VERSION").exists()

# %% course={"kind": "wrong", "id": "text-max-tag"}
def cut_release(repo: Path, bump: Callable[[str, list[str]], str | None]) -> str | None:
    releases = [t for t in git(repo, "tag", "--list").split() if re.fullmatch(r"v\d+\.\d+\.\d+", t)]
    latest = max(releases, default=None)  # "v1.9.0" > "v1.10.0" as text
    log = git(repo, "log", "--reverse", "--format=%B%x00", f"{latest}..HEAD" if latest else "HEAD")
    messages = [text.strip() for text in log.split("\0") if text.strip()]
    new = bump(latest[1:] if latest else "0.0.0", messages)
    if new is None:
        return None
    (repo / "VERSION").write_text(new + "\n", encoding="utf-8")
    git(repo, "add", "VERSION")
    git(repo, "commit", "-q", "-m", f"chore(release): v{new}")
    git(repo, "tag", "-a", f"v{new}", "-m", f"Release v{new}")
    return f"v{new}"

# %% course={"kind": "wrong", "id": "lightweight-newest-first"}
def cut_release(repo: Path, bump: Callable[[str, list[str]], str | None]) -> str | None:
    pattern = re.compile(r"v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
    releases = [tag for tag in git(repo, "tag", "--list").split() if pattern.fullmatch(tag)]
    latest = max(releases, key=lambda tag: tuple(int(part) for part in tag[1:].split(".")), default=None)
    log = git(repo, "log", "--format=%B%x00", f"{latest}..HEAD" if latest else "HEAD")
    messages = [text.strip() for text in log.split("\0") if text.strip()]
    new = bump(latest[1:] if latest else "0.0.0", messages)
    if new is None:
        return None
    (repo / "VERSION").write_text(new + "\n", encoding="utf-8")
    git(repo, "add", "VERSION")
    git(repo, "commit", "-q", "-m", f"chore(release): v{new}")
    git(repo, "tag", f"v{new}")
    return f"v{new}"

# %% course={"kind": "wrong", "id": "subjects-only"}
def cut_release(repo: Path, bump: Callable[[str, list[str]], str | None]) -> str | None:
    pattern = re.compile(r"v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
    releases = [tag for tag in git(repo, "tag", "--list").split() if pattern.fullmatch(tag)]
    latest = max(releases, key=lambda tag: tuple(int(part) for part in tag[1:].split(".")), default=None)
    log = git(repo, "log", "--reverse", "--format=%s", f"{latest}..HEAD" if latest else "HEAD")
    new = bump(latest[1:] if latest else "0.0.0", log.splitlines())
    if new is None:
        return None
    (repo / "VERSION").write_text(new + "\n", encoding="utf-8")
    git(repo, "add", "VERSION")
    git(repo, "commit", "-q", "-m", f"chore(release): v{new}")
    git(repo, "tag", "-a", f"v{new}", "-m", f"Release v{new}")
    return f"v{new}"

# %% [markdown] course={"kind": "task", "id": "release-manager", "points": 3, "item": "project-15-4-2"}
# ### Project 15.4.2: Release Manager
#
# Put your `next_version`, `changelog` and `cut_release` together into a command `release.py` that, run in a
# repository, (1) refuses to run with uncommitted changes or off the `main` branch, (2) computes the next
# version, (3) prepends the `changelog` section to `CHANGELOG.md` and writes `VERSION` in the same release
# commit, (4) creates the annotated tag with the changelog section as its message, and (5) prints release
# notes and a one-line notification (for a chat webhook; print it, do not send it). Add `--dry-run`, which
# prints what would happen and changes nothing. Show it on a scratch repository with a dozen conventional
# commits and two releases.

# %% [markdown] course={"kind": "rubric"}
# - (1 point) Refuses a dirty working folder and another branch with a clear message and a non-zero exit
#   code; `--dry-run` leaves `git status` and `git tag` exactly as they were.
# - (1 point) The release commit holds both `VERSION` and `CHANGELOG.md`, the new section on top; the tag is
#   annotated, on that commit, and its message is the section.
# - (1 point) The demonstration shows two releases in a row with the right bumps (one minor, one major or
#   patch), and the second release's notes list only the commits since the first.

# %% [markdown] course={"kind": "exercise", "id": "health-endpoints", "item": "x-create-health-check-endpoints"}
# ### Liveness and readiness endpoints
#
# Write `health_app(checks, state)`: a FastAPI app with two endpoints. `checks` maps a dependency's name to a
# function returning `True` when it is usable (the database answers, the model is loaded); `state.draining`
# becomes `True` when shutdown begins.
#
# - `GET /livez`: always `200` with `{"status": "alive"}`. It calls **no** check: a database outage must not
#   make the process manager restart every instance.
# - `GET /readyz`: while draining, `503` with `{"status": "draining", "failing": []}` (and no check is called).
#   Otherwise call every check once; a check that returns anything but `True` or **raises** is failing. All
#   passing: `200` with `{"status": "ready", "failing": []}`; else `503` with `{"status": "not ready",
#   "failing": [...]}`, the failing names sorted.
#
# ```python
# client = TestClient(health_app({"db": lambda: True}, ServerState()))
# client.get("/readyz").json()    # {'status': 'ready', 'failing': []}
# ```

# %% [markdown] course={"kind": "hint"}
# `JSONResponse(body, status_code=503)` sends a status other than 200. Call each check inside `try`/`except
# Exception`, so a check that raises counts as failing instead of turning into a 500.

# %% [markdown] course={"kind": "hint"}
# A check that returns `None` or `"ok"` is not `True`: compare with `is True`.

# %% course={"kind": "solution"}
def health_app(checks: dict[str, Callable[[], bool]], state: ServerState) -> FastAPI:
    app = FastAPI()
    ### BEGIN SOLUTION
    @app.get("/livez")
    def livez() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        if state.draining:
            return JSONResponse({"status": "draining", "failing": []}, status_code=503)
        failing = []
        for name, check in checks.items():
            try:
                ok = check() is True
            except Exception:
                ok = False
            if not ok:
                failing.append(name)
        if failing:
            return JSONResponse({"status": "not ready", "failing": sorted(failing)}, status_code=503)
        return JSONResponse({"status": "ready", "failing": []}, status_code=200)
    ### END SOLUTION
    return app

# %% course={"kind": "test", "points": 1}
_client = TestClient(health_app({"db": lambda: True}, ServerState()))
_answer = _client.get("/livez")
assert (_answer.status_code, _answer.json()) == (200, {"status": "alive"}), "/livez: 200 alive"
_answer = _client.get("/readyz")
assert (_answer.status_code, _answer.json()) == (200, {"status": "ready", "failing": []}), "/readyz: 200 ready"

# %% course={"kind": "test", "points": 2}
_calls = {"db": 0, "cache": 0}
_checks = {"db": counted_check(_calls, "db", False), "cache": counted_check(_calls, "cache", True)}
_client = TestClient(health_app(_checks, ServerState()))
_answer = _client.get("/livez")
assert _answer.status_code == 200 and _calls == {"db": 0, "cache": 0}, "liveness checks no dependency"
_answer = _client.get("/readyz")
assert (_answer.status_code, _answer.json()) == (503, {"status": "not ready", "failing": ["db"]}), _answer.json()
assert _calls == {"db": 1, "cache": 1}, f"each check called once per probe: {_calls}"
### BEGIN HIDDEN TESTS
def _boom() -> bool:
    raise ConnectionError("db down")


_client = TestClient(
    health_app({"zeta": _boom, "alpha": lambda: None, "mid": lambda: "ok", "x": lambda: 1, "ok": lambda: True}, ServerState()),
    raise_server_exceptions=False,
)
_answer = _client.get("/readyz")
assert (_answer.status_code, _answer.json()) == (503, {"status": "not ready", "failing": ["alpha", "mid", "x", "zeta"]}), (
    _answer.text
)
_client = TestClient(health_app({}, ServerState()))
assert _client.get("/readyz").status_code == 200, "no dependencies: ready"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_calls = {"db": 0}
_state = ServerState()
_client = TestClient(health_app({"db": counted_check(_calls, "db", True)}, _state))
assert _client.get("/readyz").status_code == 200
_state.draining = True
_answer = _client.get("/readyz")
assert (_answer.status_code, _answer.json()) == (503, {"status": "draining", "failing": []}), "draining: not ready"
assert _client.get("/livez").status_code == 200 and _calls == {"db": 1}, "but still alive, and no check called"
### BEGIN HIDDEN TESTS
_state.draining = False
assert _client.get("/readyz").status_code == 200 and _calls == {"db": 2}, "the state is read on every request"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "liveness-checks-db"}
def health_app(checks: dict[str, Callable[[], bool]], state: ServerState) -> FastAPI:
    app = FastAPI()

    def failing() -> list[str]:
        bad = []
        for name, check in sorted(checks.items()):
            try:
                if check() is not True:
                    bad.append(name)
            except Exception:
                bad.append(name)
        return bad

    @app.get("/livez")
    def livez() -> JSONResponse:
        return JSONResponse({"status": "alive"}, status_code=503 if failing() else 200)

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        if state.draining:
            return JSONResponse({"status": "draining", "failing": []}, status_code=503)
        bad = failing()
        if bad:
            return JSONResponse({"status": "not ready", "failing": bad}, status_code=503)
        return JSONResponse({"status": "ready", "failing": []})
    return app

# %% course={"kind": "wrong", "id": "body-not-status"}
def health_app(checks: dict[str, Callable[[], bool]], state: ServerState) -> FastAPI:
    app = FastAPI()

    @app.get("/livez")
    def livez() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz")
    def readyz() -> dict[str, Any]:
        if state.draining:
            return {"status": "draining", "failing": []}
        bad = sorted(name for name, check in checks.items() if not check())
        return {"status": "not ready" if bad else "ready", "failing": bad}
    return app

# %% course={"kind": "wrong", "id": "check-raises"}
def health_app(checks: dict[str, Callable[[], bool]], state: ServerState) -> FastAPI:
    app = FastAPI()

    @app.get("/livez")
    def livez() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        if state.draining:
            return JSONResponse({"status": "draining", "failing": []}, status_code=503)
        bad = sorted(name for name, check in checks.items() if check() is not True)
        if bad:
            return JSONResponse({"status": "not ready", "failing": bad}, status_code=503)
        return JSONResponse({"status": "ready", "failing": []})
    return app

# %% [markdown] course={"kind": "exercise", "id": "wait-ready"}
# ### Wait until ready, with a deadline
#
# A deploy script starts a service and must wait for its readiness probe before sending traffic or moving to
# the next instance, but not for ever. Write `wait_until_ready(probe, timeout, interval, clock, sleep)`:
#
# - call `probe()`; if it returns `True`, return `True` at once. A probe that raises (`ConnectionError` while the
#   server is still starting) or returns anything else means "not yet";
# - the deadline is `clock()` when you start plus `timeout` seconds. When a probe fails and the deadline has
#   been reached, return `False`; otherwise `sleep(...)` for `interval` seconds, or for **what is left** until
#   the deadline if that is shorter, and try again;
# - the probe is always tried at least once (even with `timeout=0`), and once more right at the deadline.
#
# Take the time only from `clock` and wait only with `sleep`: the tests pass a `SleepLimit` (a `FakeClock` whose
# `sleep` fails after 100 calls: a loop that never ends fails at once), so nothing waits.
#
# ```python
# clock = FakeClock()
# answers = iter([False, False, True])
# wait_until_ready(lambda: next(answers), 10, 2, clock, clock.sleep), clock.sleeps    # (True, [2, 2])
# ```

# %% [markdown] course={"kind": "hint"}
# `deadline = clock() + timeout` once, before the loop; in the loop read `now = clock()` after each failed probe
# and sleep `min(interval, deadline - now)`.

# %% course={"kind": "solution"}
def wait_until_ready(
    probe: Callable[[], bool],
    timeout: float,
    interval: float,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
) -> bool:
    ### BEGIN SOLUTION
    deadline = clock() + timeout
    while True:
        try:
            if probe() is True:
                return True
        except Exception:
            pass
        now = clock()
        if now >= deadline:
            return False
        sleep(min(interval, deadline - now))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_clock = SleepLimit()
_answers = iter([False, False, True])
assert wait_until_ready(lambda: next(_answers), 10, 2, _clock, _clock.sleep) is True, "ready on the third try"
assert _clock.sleeps == [2, 2], f"slept twice, 2 s each: {_clock.sleeps}"

# %% course={"kind": "test", "points": 2}
_clock = SleepLimit()
_tries = []
assert wait_until_ready(lambda: _tries.append(_clock.now) or False, 5, 2, _clock, _clock.sleep) is False, "never ready"
assert _clock.sleeps == [2, 2, 1], f"the last sleep is only what is left of the 5 s: {_clock.sleeps}"
assert _tries == [1000.0, 1002.0, 1004.0, 1005.0], f"one last try right at the deadline: {_tries}"
### BEGIN HIDDEN TESTS
_clock = SleepLimit(0.0)
_tries = []
assert wait_until_ready(lambda: _tries.append(1) or False, 0, 1, _clock, _clock.sleep) is False
assert _tries == [1] and _clock.sleeps == [], "timeout 0: one try, no sleep"
_clock = SleepLimit()
assert wait_until_ready(lambda: True, 0, 1, _clock, _clock.sleep) is True and _clock.sleeps == []
_clock = SleepLimit()
assert wait_until_ready(lambda: False, 6, 3, _clock, _clock.sleep) is False and _clock.sleeps == [3, 3]
_clock = SleepLimit()
assert wait_until_ready(lambda: False, 2.5, 1, _clock, _clock.sleep) is False and _clock.sleeps == [1, 1, 0.5]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_clock = SleepLimit()
_script = iter([ConnectionError("refused"), None, "yes", 1, True])


def _probe() -> Any:
    answer = next(_script)
    if isinstance(answer, Exception):
        raise answer
    return answer


assert wait_until_ready(_probe, 60, 1, _clock, _clock.sleep) is True, "errors and non-True answers mean 'not yet'"
assert _clock.sleeps == [1, 1, 1, 1], _clock.sleeps
### BEGIN HIDDEN TESTS
_clock = SleepLimit()


_cost = [4]


def _slow_probe() -> bool:
    _clock.advance(_cost[0])  # each probe itself takes time (a connect timeout)
    return False


assert wait_until_ready(_slow_probe, 10, 3, _clock, _clock.sleep) is False
assert _clock.sleeps == [3] and _clock.now == 1000.0 + 4 + 3 + 4, f"time spent probing counts: {_clock}"
_clock, _cost[0] = SleepLimit(), 1
assert wait_until_ready(_slow_probe, 10, 3, _clock, _clock.sleep) is False
assert _clock.sleeps == [3, 3, 1] and _clock.now == 1011.0, f"what is left after the probes' own time: {_clock}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-tries"}
def wait_until_ready(probe, timeout, interval, clock, sleep) -> bool:
    for _ in range(int(timeout // interval) + 1):
        try:
            if probe() is True:
                return True
        except Exception:
            pass
        sleep(interval)
    return False

# %% course={"kind": "wrong", "id": "full-interval"}
def wait_until_ready(probe, timeout, interval, clock, sleep) -> bool:
    deadline = clock() + timeout
    while True:
        try:
            if probe():
                return True
        except Exception:
            pass
        if clock() >= deadline:
            return False
        sleep(interval)

# %% course={"kind": "wrong", "id": "lets-errors-out"}
def wait_until_ready(probe, timeout, interval, clock, sleep) -> bool:
    deadline = clock() + timeout
    while True:
        if probe() is True:
            return True
        now = clock()
        if now >= deadline:
            return False
        sleep(min(interval, deadline - now))

# %% [markdown] course={"kind": "exercise", "id": "expand-contract"}
# ### Expand and contract: rename a column with both versions running
#
# The table is `users (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL)` (`USERS_V1`). Version 2 of the app calls
# the column `display_name`. During the deploy, version 1 (`old_add`, `old_rename`, `old_names` from the setup
# cell) and version 2 (`new_add`, which writes both columns, and `new_names`, which reads `display_name`) run
# side by side. Write two migrations for an `sqlite3` connection:
#
# - `expand(conn)`: add the nullable column `display_name`, copy every existing `fullname` into it, and keep it
#   up to date while version 1 still writes only `fullname`: a row that version 1 inserts, or a `fullname` that
#   version 1 changes, must show up in `display_name` (SQLite triggers: `AFTER INSERT` / `AFTER UPDATE OF
#   fullname`). Old and new code must both work afterwards. Do not rename or drop anything here.
# - `contract(conn)`: once only version 3 (`final_add`) runs, remove what the expand step added for the old code
#   (your triggers) and the column `fullname` (`ALTER TABLE ... DROP COLUMN`, SQLite 3.35 and later).
#
# ```python
# conn = sqlite3.connect(":memory:"); conn.execute(USERS_V1); old_add(conn, "Ada")
# expand(conn); old_add(conn, "Grace")
# new_names(conn), old_names(conn)      # (['Ada', 'Grace'], ['Ada', 'Grace'])
# ```

# %% [markdown] course={"kind": "hint"}
# Three statements for the data: `ALTER TABLE users ADD COLUMN display_name TEXT`, then an `UPDATE` that copies,
# then the triggers. `conn.executescript("...;...;")` runs several at once.

# %% [markdown] course={"kind": "hint"}
# `CREATE TRIGGER users_v1_insert AFTER INSERT ON users WHEN NEW.display_name IS NULL BEGIN UPDATE users SET
# display_name = NEW.fullname WHERE id = NEW.id; END;` and the same idea for `AFTER UPDATE OF fullname`.
# SQLite refuses to drop a column a trigger still uses: drop the triggers first.

# %% course={"kind": "solution"}
def expand(conn: sqlite3.Connection) -> None:
    ### BEGIN SOLUTION
    conn.executescript(
        "ALTER TABLE users ADD COLUMN display_name TEXT;"
        "UPDATE users SET display_name = fullname;"
        "CREATE TRIGGER users_v1_insert AFTER INSERT ON users WHEN NEW.display_name IS NULL"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
        "CREATE TRIGGER users_v1_update AFTER UPDATE OF fullname ON users"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
    )
    ### END SOLUTION


def contract(conn: sqlite3.Connection) -> None:
    ### BEGIN SOLUTION
    conn.executescript(
        "DROP TRIGGER users_v1_insert;"
        "DROP TRIGGER users_v1_update;"
        "ALTER TABLE users DROP COLUMN fullname;"
    )
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_conn = users_v1("Ada", "Linus")
expand(_conn)
assert old_names(_conn) == ["Ada", "Linus"], "version 1 still reads its column after the expand step"
assert new_names(_conn) == ["Ada", "Linus"], "existing rows are copied into display_name"

# %% course={"kind": "test", "points": 2}
_conn = users_v1("Ada")
expand(_conn)
old_add(_conn, "Grace")
new_add(_conn, "Zoë")
assert new_names(_conn) == ["Ada", "Grace", "Zoë"], f"a row version 1 adds is visible to version 2: {new_names(_conn)}"
assert old_names(_conn) == ["Ada", "Grace", "Zoë"], "and a row version 2 adds is visible to version 1"
old_rename(_conn, 1, "Ada Lovelace")
assert new_names(_conn)[0] == "Ada Lovelace", "a rename by version 1 reaches display_name"
### BEGIN HIDDEN TESTS
old_add(_conn, "")
assert new_names(_conn)[-1] == "" and old_names(_conn)[-1] == "", "an empty name is a name"
_conn.execute("UPDATE users SET fullname = fullname || '!' WHERE id > 1")
assert new_names(_conn) == ["Ada Lovelace", "Grace!", "Zoë!", "!"]
_empty = users_v1()
expand(_empty)
assert new_names(_empty) == [] and old_names(_empty) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_conn = users_v1("Ada")
expand(_conn)
old_add(_conn, "Grace")
contract(_conn)
final_add(_conn, "Linus")
assert new_names(_conn) == ["Ada", "Grace", "Linus"], "after contract, version 3 works and nothing was lost"
_columns = [row[1] for row in _conn.execute("PRAGMA table_info(users)")]
assert _columns == ["id", "display_name"], f"fullname is gone: {_columns}"
assert _conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone() == (0,), "no triggers left"

# %% course={"kind": "wrong", "id": "rename-in-one-step"}
def expand(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE users RENAME COLUMN fullname TO display_name")


def contract(conn: sqlite3.Connection) -> None:
    pass

# %% course={"kind": "wrong", "id": "no-backfill"}
def expand(conn: sqlite3.Connection) -> None:
    conn.executescript(
        "ALTER TABLE users ADD COLUMN display_name TEXT;"
        "CREATE TRIGGER users_v1_insert AFTER INSERT ON users WHEN NEW.display_name IS NULL"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
        "CREATE TRIGGER users_v1_update AFTER UPDATE OF fullname ON users"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
    )


def contract(conn: sqlite3.Connection) -> None:
    conn.executescript("DROP TRIGGER users_v1_insert; DROP TRIGGER users_v1_update; ALTER TABLE users DROP COLUMN fullname;")

# %% course={"kind": "wrong", "id": "no-sync-for-old-writes"}
def expand(conn: sqlite3.Connection) -> None:
    conn.executescript("ALTER TABLE users ADD COLUMN display_name TEXT; UPDATE users SET display_name = fullname;")


def contract(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE users DROP COLUMN fullname")

# %% course={"kind": "wrong", "id": "contract-keeps-triggers"}
def expand(conn: sqlite3.Connection) -> None:
    conn.executescript(
        "ALTER TABLE users ADD COLUMN display_name TEXT;"
        "UPDATE users SET display_name = fullname;"
        "CREATE TRIGGER users_v1_insert AFTER INSERT ON users WHEN NEW.display_name IS NULL"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
        "CREATE TRIGGER users_v1_update AFTER UPDATE OF fullname ON users"
        " BEGIN UPDATE users SET display_name = NEW.fullname WHERE id = NEW.id; END;"
    )


def contract(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE users DROP COLUMN fullname")

# %% [markdown] course={"kind": "exercise", "id": "orchestrator", "item": "project-15-4-1"}
# ### Deployment orchestrator: checks, steps, and automatic rollback
#
# Write `orchestrate(prechecks, steps)`, the core of a deployment orchestrator. Both are lists of `Step`s
# (setup cell: `name`, `run`, `undo`); a `run()` that raises has failed.
#
# 1. Run every pre-deployment check in order. If one fails, stop: no deployment step runs, nothing is undone,
#    and the report names the check as `failed`.
# 2. Run the steps in order (migrate the database, deploy the app, verify health...). Each one that finishes is
#    *done*.
# 3. When a step fails, **undo the done steps in reverse order** (not the failed one: it did not finish). A step
#    whose `undo` is `None` cannot be undone (a contract migration that dropped a column, an e-mail sent): it is a
#    **point of no return**. The rollback stops when it reaches one, leaving that step and every step before it in
#    place (`rolled_back` shows how far it got). An undo that raises does not stop the rollback: record
#    `"name: message"` (the exception's `str`) in `errors` and go on with the next.
# 4. Return a `Report(ok, done, failed, rolled_back, errors)`: `done` the names of the steps that finished, in
#    order; `failed` the name of the check or step that failed (`None` when all went well); `rolled_back` the
#    names undone successfully, in the order undone; tuples everywhere.
#
# Only `Exception`s count as failures: a `KeyboardInterrupt` (someone pressed Ctrl-C) goes straight through.
#
# What this adds to the rollbacks of 15.1 (switch a link back) and 15.3 (put old file contents back): here the undo
# actions are *compensations* run by the orchestrator, and the two ways they end early in real deployments (an
# undo that fails, a step that cannot be undone) must leave a report an operator can act on.
#
# ```python
# log = []
# steps = [Step("migrate", lambda: log.append("migrate"), lambda: log.append("undo migrate")),
#          Step("deploy", lambda: 1 / 0)]
# orchestrate([], steps)   # Report(ok=False, done=('migrate',), failed='deploy', rolled_back=('migrate',), errors=())
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the list of done steps; on failure walk `reversed(done)`, each undo in its own `try`/`except Exception as
# err`, `break` at the first step without an undo, and return from inside the step loop.

# %% course={"kind": "solution"}
def orchestrate(prechecks: list[Step], steps: list[Step]) -> Report:
    ### BEGIN SOLUTION
    for check in prechecks:
        try:
            check.run()
        except Exception:
            return Report(False, (), check.name, (), ())
    done: list[Step] = []
    for step in steps:
        try:
            step.run()
        except Exception:
            rolled_back, errors = [], []
            for previous in reversed(done):
                if previous.undo is None:
                    break
                try:
                    previous.undo()
                except Exception as err:
                    errors.append(f"{previous.name}: {err}")
                else:
                    rolled_back.append(previous.name)
            return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), tuple(errors))
        done.append(step)
    return Report(True, tuple(s.name for s in done), None, (), ())
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_steps = StepLog()
_step, _log = _steps.step, _steps.lines
_report = orchestrate([_step("disk-space")], [_step("migrate"), _step("deploy"), _step("verify")])
assert _report == Report(True, ("migrate", "deploy", "verify"), None, (), ()), f"all went well: {_report}"
assert _log == ["run disk-space", "run migrate", "run deploy", "run verify"], _log

# %% course={"kind": "test", "points": 2}
_steps = StepLog()
_step, _log = _steps.step, _steps.lines
_report = orchestrate([], [_step("migrate"), _step("deploy"), _step("verify", fail=True), _step("notify")])
assert _report == Report(False, ("migrate", "deploy"), "verify", ("deploy", "migrate"), ()), _report
assert _log == ["run migrate", "run deploy", "run verify", "undo deploy", "undo migrate"], (
    f"undo the done steps newest first, not the failed one, and never run what comes after: {_log}"
)
### BEGIN HIDDEN TESTS
_log.clear()
_report = orchestrate([], [_step("a", fail=True), _step("b")])
assert _report == Report(False, (), "a", (), ()) and _log == ["run a"]
_log.clear()
assert orchestrate([], []) == Report(True, (), None, (), ()) and orchestrate([_step("c")], []).ok is True
assert type(orchestrate([], [_step("x")]).done) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_steps = StepLog()
_step, _log = _steps.step, _steps.lines
_report = orchestrate([_step("disk-space"), _step("db-reachable", fail=True), _step("quota")], [_step("migrate")])
assert _report == Report(False, (), "db-reachable", (), ()), f"a failed check stops everything: {_report}"
assert _log == ["run disk-space", "run db-reachable"], _log
_log.clear()
_report = orchestrate([], [_step("migrate"), _step("contract", undo=False), _step("deploy"), _step("verify", fail=True)])
assert _report == Report(False, ("migrate", "contract", "deploy"), "verify", ("deploy",), ()), (
    f"the rollback stops at 'contract' (no undo: a point of no return), so 'migrate' is not undone: {_report}"
)
assert _log[-1] == "undo deploy", _log
### BEGIN HIDDEN TESTS
_log.clear()
_report = orchestrate([], [_step("a"), _step("b", undo=False), _step("c", undo=False), _step("d", fail=True)])
assert _report == Report(False, ("a", "b", "c"), "d", (), ()) and _log[-1] == "run d", _report
_log.clear()
_report = orchestrate([], [_step("migrate", undo_fails=True), _step("deploy"), _step("verify", fail=True)])
assert _report == Report(False, ("migrate", "deploy"), "verify", ("deploy",), ("migrate: cannot undo migrate",)), _report
assert _log == ["run migrate", "run deploy", "run verify", "undo deploy", "undo migrate"], _log
_log.clear()
_report = orchestrate([], [_step("a", undo_fails=True), _step("b", undo_fails=True), _step("c"), _step("d", fail=True)])
assert _report.rolled_back == ("c",) and _report.errors == ("b: cannot undo b", "a: cannot undo a"), _report


def _interrupted() -> None:
    raise KeyboardInterrupt


_log.clear()
try:
    orchestrate([], [_step("a"), Step("ctrl-c", _interrupted)])
except KeyboardInterrupt:
    pass
else:
    raise AssertionError("KeyboardInterrupt must not be caught")
assert _log == ["run a"], "and nothing is undone behind the user's back"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "undo-in-order"}
def orchestrate(prechecks: list[Step], steps: list[Step]) -> Report:
    for check in prechecks:
        try:
            check.run()
        except Exception:
            return Report(False, (), check.name, (), ())
    done: list[Step] = []
    for step in steps:
        try:
            step.run()
        except Exception:
            rolled_back, errors = [], []
            for previous in done:
                if previous.undo is None:
                    break
                try:
                    previous.undo()
                except Exception as err:
                    errors.append(f"{previous.name}: {err}")
                else:
                    rolled_back.append(previous.name)
            return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), tuple(errors))
        done.append(step)
    return Report(True, tuple(s.name for s in done), None, (), ())

# %% course={"kind": "wrong", "id": "rollback-stops-at-error"}
def orchestrate(prechecks: list[Step], steps: list[Step]) -> Report:
    for check in prechecks:
        try:
            check.run()
        except Exception:
            return Report(False, (), check.name, (), ())
    done: list[Step] = []
    for step in steps:
        try:
            step.run()
        except Exception:
            rolled_back: list[str] = []
            try:
                for previous in reversed(done):
                    if previous.undo is not None:
                        previous.undo()
                        rolled_back.append(previous.name)
            except Exception as err:
                return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), (f"{previous.name}: {err}",))
            return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), ())
        done.append(step)
    return Report(True, tuple(s.name for s in done), None, (), ())

# %% course={"kind": "wrong", "id": "bare-except"}
def orchestrate(prechecks: list[Step], steps: list[Step]) -> Report:
    for check in prechecks:
        try:
            check.run()
        except Exception:
            return Report(False, (), check.name, (), ())
    done: list[Step] = []
    for step in steps:
        try:
            step.run()
        except BaseException:
            rolled_back, errors = [], []
            for previous in reversed(done):
                if previous.undo is None:
                    break
                try:
                    previous.undo()
                except Exception as err:
                    errors.append(f"{previous.name}: {err}")
                else:
                    rolled_back.append(previous.name)
            return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), tuple(errors))
        done.append(step)
    return Report(True, tuple(s.name for s in done), None, (), ())

# %% course={"kind": "wrong", "id": "rolls-back-past-no-return"}
def orchestrate(prechecks: list[Step], steps: list[Step]) -> Report:
    for check in prechecks:
        try:
            check.run()
        except Exception:
            return Report(False, (), check.name, (), ())
    done: list[Step] = []
    for step in steps:
        try:
            step.run()
        except Exception:
            rolled_back, errors = [], []
            for previous in reversed(done):
                if previous.undo is None:
                    continue  # skips the step that cannot be undone and undoes what it depends on
                try:
                    previous.undo()
                except Exception as err:
                    errors.append(f"{previous.name}: {err}")
                else:
                    rolled_back.append(previous.name)
            return Report(False, tuple(s.name for s in done), step.name, tuple(rolled_back), tuple(errors))
        done.append(step)
    return Report(True, tuple(s.name for s in done), None, (), ())

# %% [markdown] course={"kind": "task", "id": "deployment-orchestrator", "points": 3, "item": "project-15-4-1"}
# ### Project 15.4.1: Deployment Orchestrator
#
# Build a real deployment with your `orchestrate`, `expand`, `health_app` (or a `version_app`) and
# `wait_until_ready`, on this machine: the pre-deployment checks (the git working folder is clean, the target
# version's manifest parses, there is disk space), the **database migration** (your `expand` on an SQLite file
# in a temporary folder, undone by restoring a copy taken before it), the **application deployment** (start the
# new version with `serve(...)` beside the old one, inside a `contextlib.ExitStack` so it stops with the block),
# the **health verification** (`wait_until_ready` on `/readyz` with a real clock and a short timeout) and the
# **switch** (a `Router`). Run it twice: once with a healthy new version, once with one whose `/readyz` answers
# 503, and show that the second run rolls back automatically: the router still points at the old version, the
# database file is back as it was, and no server is left running.

# %% [markdown] course={"kind": "rubric"}
# - (1 point) Each phase is a `Step` with a working `undo`; the pre-checks run before anything changes and a
#   failed check changes nothing.
# - (1 point) The failing run ends with the old version serving through the router, the database restored
#   (compare its rows or a checksum), and every server stopped (a request to the new one's URL is refused).
# - (1 point) Nothing waits longer than it must (a deadline, not a fixed sleep), everything lives in temporary
#   folders, and the log printed tells an operator which step failed and what was undone.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-gitops"}
# GitOps runs operations from a git repository: the desired state of the system (manifests, Helm values, config)
# is declared in files, every change is a reviewed commit, and an automated agent (Argo CD, Flux) continuously
# compares that declared state with what actually runs and converges the system to it. Consequences: the
# answer to "what is deployed?" is a commit id; rollback is `git revert`; manual drift is detected and
# reverted; and in the pull model the cluster's credentials never leave the cluster, since the agent pulls
# rather than CI pushing. It is declarative + versioned + automatically reconciled, not merely "deploy from CI".

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-zero-downtime"}
# Keep enough healthy instances serving at every moment and never send traffic to one that is not ready:
# rolling (replace one at a time, readiness-gated, with maxUnavailable 0 / maxSurge 1) or blue-green (start the
# new fleet beside the old one, switch the load balancer atomically). Each instance needs a readiness probe and
# graceful shutdown: on SIGTERM it reports not-ready, is drained from the balancer, finishes in-flight requests,
# then exits. Database changes go expand/contract so old and new code both work during the overlap. Add
# connection draining at the load balancer, an automatic health-based rollback, and rehearse the rollback.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-database-migrations"}
# Decouple schema changes from code changes with expand/contract: first an additive, backward-compatible
# migration (new nullable column or table, backfill in batches, keep old and new in sync with triggers or dual
# writes), then deploy the code that uses it, and only in a later release the contracting migration that drops
# the old column. Migrations run once, as their own step before the deploy (not on every instance's start-up),
# are versioned in the repository (Alembic, Django migrations), and are tested against a copy of production
# data. Rollback means redeploying the old code (which still works on the expanded schema); destructive down
# migrations are a last resort. Watch for long locks: add indexes concurrently, avoid table rewrites.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-canary-deployment"}
# A canary deployment releases a new version to a small, stable slice of traffic first (1-10 %, chosen by
# hashing a user or request id so the same user stays on one side), while the rest stays on the stable
# version. You compare the canary's error rate and latency with the baseline over enough requests; if it stays
# within the thresholds you raise its share step by step and finally promote it, otherwise you route everything
# back to stable. The blast radius of a bad release is the canary's share. Tools: Argo Rollouts, Flagger, a
# service mesh's weighted routes; ML teams use the same pattern (shadow, then canary) for new models.
