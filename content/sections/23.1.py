# %% [markdown] course={"kind": "intro"}
# **By the end of this capstone** you have built the backend of a small Internal Developer Platform in a real
# repository, `23.1-idp/`: signed tokens and a deny-by-default permission matrix, a service catalogue with
# validated templates, provisioning jobs with retries and idempotency keys, dev -> staging -> prod promotion,
# a tamper-evident audit log with costs per team, and a FastAPI app on a real uvicorn that ties them together.

# %% course={"kind": "setup", "id": "repo"}
# The repository next to this notebook: the given files are copied in where missing, never over yours.
import hashlib
import json

import httpx
import jwt

from course.runtime.aio import serve
from course.runtime.capstone import workspace
from course.runtime.clock import FakeClock

repo = workspace("23.1-idp")
NOW = 1_700_000_000  # the tests' "now" (Unix seconds): tokens are checked against it, not the machine's clock

# %% [markdown] course={"kind": "lesson", "id": "idp-parts", "covers": ["part-overview", "part-architecture", "part-tech-stack"]}
# ### The platform, its parts and what stands in for them here
#
# An Internal Developer Platform (IDP) is the paved road a platform team builds so that product teams can get
# a database, a service or a new environment **without filing a ticket**: they pick a template, fill in a few
# parameters, and the platform provisions it, with the company's rules (who may do what, what it costs, who
# did it) applied on the way. Backstage (open source), Port and Humanitec are products in this space; behind
# each sits a backend doing the jobs of the one you build here.
#
# The roadmap's architecture has a web UI over a FastAPI backend with four services, in front of PostgreSQL,
# Terraform, the Kubernetes API and Prometheus/Loki. This capstone builds the backend, one module per
# milestone, each importing the ones before it:
#
# ```
#  HTTP (uvicorn) ──> idp/api.py (milestone 6: routes, OpenAPI document)
#                        │
#     ┌──────────────────┼───────────────────┬───────────────────────┬──────────────────┐
#     ▼                  ▼                   ▼                       ▼                  ▼
#  auth.py (1)      catalog.py (2)      jobs.py (3)          environments.py (4)   audit.py (5)
#  JWT, RBAC        templates,          provisioning jobs,   dev→staging→prod,     hash-chained log,
#                   pydantic params     retries, idempotency promotion rules       costs per team
# ```
#
# | roadmap part | in production | here, offline |
# |---|---|---|
# | Auth: OAuth2/OIDC | tokens from the company's identity provider (Keycloak, Okta, Entra ID), checked against its public keys | `PyJWT` tokens signed with one shared HS256 secret; a fixed user table stands in for the identity provider |
# | Metadata: PostgreSQL + SQLAlchemy | tables for services, jobs, audit entries | Python dicts in the app's process (kept small so the notebook stays fast; the lesson on scaling says what moves to the database) |
# | Infrastructure: Terraform, Kubernetes | a job runs `terraform apply` or creates Kubernetes objects | the job calls a `provisioner(definition)` function you pass in; the tests make it fail on cue |
# | Queue: Redis/Celery | a worker process picks jobs off a queue | the API runs the job in the request, so a test sees every state change |
# | Observability: Prometheus, Loki, Grafana | dashboards per service | not built here (`f-monitoring-dashboard` stays open: section 18.2 serves Prometheus metrics, capstone 23.4 builds an observability platform) |
#
# The repository the course gave you:

# %% course={"kind": "demo"}
print("\n".join(str(path) for path in repo.files()))
print((repo.path("README.md")).read_text(encoding="utf-8").splitlines()[0])

# %% [markdown] course={"kind": "text"}
# Run its plain pytest tests in a terminal with `cd 23.1-idp && python -m pytest -q`; they pass once you
# have written milestones 1 and 5. Each milestone below is one module: running its cell writes the file
# (`%%repo_file`) and the tests under it import the file from disk.

# %% [markdown] course={"kind": "lesson", "id": "milestone-plan", "covers": ["part-features"]}
# ### The features, and why tokens are signed
#
# The roadmap lists nine features. The milestones build six of them; the monitoring dashboard and a full
# deployment pipeline are left to the design document.
#
# | milestone | module | feature |
# |---|---|---|
# | 1 | `auth.py` | user authentication with RBAC |
# | 2 | `catalog.py` | service catalogue with templates |
# | 3 | `jobs.py` | self-service resource provisioning |
# | 4 | `environments.py` | environment management (dev, staging, prod) |
# | 5 | `audit.py` | audit logging (and cost tracking per team) |
# | 6 | `api.py` | API documentation: the whole platform over HTTP, described by its OpenAPI document |
#
# A token is a claim the server wrote and signed: `{"sub": "ana", "role": "developer", ...}`. The client
# carries it; the server trusts it only when the signature checks out with its own key. Change one claim
# and the signature no longer matches, which is why the role inside a token can be trusted at all. A JWT is
# *signed, not encrypted*: anyone holding it can read the claims.

# %% course={"kind": "demo"}
secret = "demo-signing-key-of-at-least-32-bytes"
token = jwt.encode({"sub": "ana", "role": "viewer"}, secret, algorithm="HS256")
header, payload, signature = token.split(".")
print("claims anyone can read:", jwt.decode(token, options={"verify_signature": False}))
forged = jwt.encode({"sub": "ana", "role": "admin"}, "a-guessed-key-also-32-bytes-long!", algorithm="HS256")
for name, candidate in [("genuine", token), ("forged", forged)]:
    try:
        print(name, "->", jwt.decode(candidate, secret, algorithms=["HS256"]))
    except jwt.InvalidTokenError as err:
        print(name, "-> refused:", type(err).__name__)

# %% [markdown] course={"kind": "text"}
# `algorithms=["HS256"]` matters: a server must say which algorithms it accepts, or an attacker can pick one
# (the old `"none"` attack). PyJWT refuses to decode with a key unless you name them.

# %% [markdown] course={"kind": "lesson", "id": "scale-and-fail", "covers": ["part-scaling", "part-failure"]}
# ### Scaling and failure: what changes when there are many API servers
#
# This backend keeps its state in one process. To run **several API servers** behind a load balancer, every
# piece of state must move out of the process: services, jobs, idempotency keys and the audit log into
# PostgreSQL (an idempotency key becomes a `UNIQUE` column, so two servers racing on the same key cannot
# both insert), the catalogue into a cache (it changes rarely and is read on every request), and the jobs
# onto a queue that workers drain (Celery over Redis, or a `jobs` table read with `SELECT ... FOR UPDATE
# SKIP LOCKED`). Read-only pages (costs, audit trail) can go to a read replica, accepting that they lag a
# little. **Rate limiting per tenant** (a token bucket per team, in Redis) keeps one team's script from
# starving the others.
#
# Failures are mostly in the things the platform calls: the cloud API, Terraform, the cluster. The patterns:
#
# | failure | response |
# |---|---|
# | a transient error (timeout, connection reset) | retry with exponential backoff, a bounded number of times (real clients add random jitter so they do not all retry in step) |
# | a permanent error (quota exceeded, invalid name) | fail at once; retrying only delays the bad news |
# | a job that keeps failing | park it in a dead-letter queue for a human, with its error |
# | a dependency that is down | a circuit breaker stops calling it for a while and fails fast |
# | a half-done change | roll back (Terraform state, the previous Kubernetes revision) |
# | a client that retries after a timeout | an idempotency key makes the second request return the first one's job |
#
# Retry with backoff, on a fake clock (nothing waits): the delays double after each failed attempt.

# %% course={"kind": "demo"}
clock = FakeClock(0.0)
attempts = []


def flaky_provision() -> str:
    attempts.append(clock())
    if len(attempts) < 4:
        raise ConnectionError("cloud API timed out")
    return "provisioned"


for attempt in range(1, 6):
    try:
        print(f"attempt {attempt} at t={clock():4.1f}s ->", flaky_provision())
        break
    except ConnectionError as err:
        print(f"attempt {attempt} at t={clock():4.1f}s -> {err}; waiting {0.5 * 2 ** (attempt - 1)}s")
        clock.sleep(0.5 * 2 ** (attempt - 1))
print("delays:", clock.sleeps)

# %% [markdown] course={"kind": "lesson", "id": "security-and-pitch", "covers": ["part-security", "part-talking-points"]}
# ### Security, and how to talk about the project
#
# - **Authentication** comes from the identity provider (OAuth2/OIDC); the platform only checks tokens.
# - **RBAC, deny by default**: a role gets exactly the permissions listed for it; an unknown role or action
#   gets nothing. On top of the role, **team scoping**: a developer of `payments` cannot create a service for
#   `search`.
# - **Input validation** at the edge: template parameters go through a pydantic model with patterns and
#   bounds, so a name like `../../etc` never reaches Terraform.
# - **Secrets** (the signing key, cloud credentials) live in a secret manager (Vault, a cloud KMS), never in
#   the repository; the fixed secret in `auth.py` is a stand-in.
# - **Audit trail**: who did what, when. An append-only log where each entry carries the hash of the one
#   before is *tamper-evident*: editing or deleting an entry breaks the chain at that point.

# %% course={"kind": "demo"}
def link(prev: str, event: dict) -> str:
    return hashlib.sha256((prev + json.dumps(event, sort_keys=True)).encode("utf-8")).hexdigest()


events = [{"actor": "ana", "action": "create"}, {"actor": "cy", "action": "promote"}, {"actor": "ana", "action": "delete"}]
chain = []
prev = "0" * 64
for event in events:
    prev = link(prev, event)
    chain.append(prev)
events[1]["actor"] = "mallory"  # someone edits the middle entry
prev = "0" * 64
for position, event in enumerate(events):
    prev = link(prev, event)
    print(position, "ok" if prev == chain[position] else "BROKEN")

# %% [markdown] course={"kind": "text"}
# A hash chain shows tampering but cannot stop someone who rewrites the whole chain; real systems also ship
# the latest hash somewhere the writer cannot change (another account's storage, a WORM bucket).
#
# **Talking points** that hold up in an interview, because you can show the code:
#
# - "Built self-service provisioning with RBAC: a deny-by-default permission matrix plus team scoping,
#   checked on every route, with the refusals tested over HTTP."
# - "Made provisioning safe to retry: idempotency keys, bounded retries with exponential backoff for
#   transient errors only, and job states a client can poll."
# - "Built a tamper-evident audit trail (hash chain) and cost reporting per team from the service
#   definitions." Measure before claiming "reduced deployment time by X %": say what you measured and how.

# %% [markdown] course={"kind": "exercise", "id": "m1-auth", "item": "f-user-authentication-with-rbac"}
# ### Milestone 1: tokens and a deny-by-default permission matrix (`idp/auth.py`)
#
# The module gives the signing secret and the permission matrix `PERMISSIONS` (role -> set of actions).
# Write four functions:
#
# - `issue_token(user, role, team, now, ttl=3600)`: an HS256 JWT signed with `SECRET` whose claims are
#   `sub` (the user), `role`, `team`, `iat` (= `now`) and `exp` (= `now + ttl`). An unknown role raises
#   `ValueError`.
# - `read_token(token, now)`: the claims of a token signed with `SECRET`, still valid at `now` (valid while
#   `now < exp`). A malformed token, a wrong signature, a missing `exp`/`sub`/`role`/`team` claim or an
#   expired token raises `Unauthorized`. Check expiry against `now`, not the machine's clock.
# - `allowed(role, action)`: whether the role's permissions include the action; unknown roles get nothing.
# - `require(claims, action, team=None)`: raises `Forbidden` unless the claims' role allows the action and,
#   when `team` is given, the claims' team is that team (an `admin` may act for any team).
#
# Example: `read_token(issue_token("ana", "developer", "payments", now=100), now=200)["role"] == "developer"`,
# and `require({"sub": "ana", "role": "developer", "team": "payments"}, "service:create", team="search")`
# raises `Forbidden`.

# %% [markdown] course={"kind": "hint"}
# `jwt.decode(token, SECRET, algorithms=[ALGORITHM], options={"verify_exp": False, "require": [...]})`
# checks the signature and the claims' presence; then compare `now` with `claims["exp"]` yourself. (PyJWT
# still refuses an `iat` in the future of the machine's clock, `ImmatureSignatureError`; the tests' `now` is
# in 2023, so that never bites here.)

# %% [markdown] course={"kind": "hint"}
# Every PyJWT refusal is a subclass of `jwt.InvalidTokenError`: catch that one and raise `Unauthorized`
# from it. For `allowed`, `PERMISSIONS.get(role, frozenset())` denies unknown roles.

# %% course={"kind": "solution", "file": "23.1-idp/idp/auth.py"}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    ### BEGIN SOLUTION
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)
    ### END SOLUTION


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    ### BEGIN SOLUTION
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["exp", "sub", "role", "team"]},
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims
    ### END SOLUTION


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    ### BEGIN SOLUTION
    return action in PERMISSIONS.get(role, frozenset())
    ### END SOLUTION


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    ### BEGIN SOLUTION
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["role"] != "admin" and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2, "id": "tokens"}
auth = repo.load("idp.auth")
token = auth.issue_token("ana", "developer", "payments", now=NOW)
claims = auth.read_token(token, now=NOW + 10)
assert (claims["sub"], claims["role"], claims["team"]) == ("ana", "developer", "payments"), claims
assert (claims["iat"], claims["exp"]) == (NOW, NOW + 3600), "iat is now, exp is now + ttl"
try:
    auth.read_token(token, now=NOW + 3600)
    raise AssertionError("a token is no longer valid at exp")
except auth.Unauthorized:
    pass
### BEGIN HIDDEN TESTS
assert auth.read_token(token, now=NOW + 3599)["sub"] == "ana", "valid until the second before exp"
short = auth.issue_token("bo", "viewer", "search", now=NOW, ttl=60)
assert auth.read_token(short, now=NOW + 59)["exp"] == NOW + 60
forged = jwt.encode({"sub": "ana", "role": "admin", "team": "payments", "exp": NOW + 100}, "a-guessed-key-that-is-32-bytes-long", algorithm="HS256")
no_exp = jwt.encode({"sub": "ana", "role": "admin", "team": "payments"}, auth.SECRET, algorithm="HS256")
no_role = jwt.encode({"sub": "ana", "team": "payments", "exp": NOW + 100}, auth.SECRET, algorithm="HS256")
no_team = jwt.encode({"sub": "ana", "role": "admin", "exp": NOW + 100}, auth.SECRET, algorithm="HS256")
no_sub = jwt.encode({"role": "admin", "team": "payments", "exp": NOW + 100}, auth.SECRET, algorithm="HS256")
for what, bad in [("a wrong signature", forged), ("no exp", no_exp), ("no role", no_role), ("no team", no_team),
                  ("no sub", no_sub), ("not a JWT", "not-a-token"), ("a damaged signature", token[:-3] + "abc")]:
    try:
        auth.read_token(bad, now=NOW)
        raise AssertionError(f"accepted a token with {what}")
    except auth.Unauthorized:
        pass
try:
    auth.issue_token("eve", "root", "payments", now=NOW)
    raise AssertionError("an unknown role must raise ValueError")
except ValueError:
    pass
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2, "id": "rbac"}
auth = repo.load("idp.auth")
assert auth.allowed("developer", "service:create") is True
assert auth.allowed("viewer", "service:create") is False
assert auth.allowed("intern", "catalog:read") is False, "unknown roles are denied"
ana = {"sub": "ana", "role": "developer", "team": "payments"}
auth.require(ana, "service:create", team="payments")
try:
    auth.require(ana, "service:create", team="search")
    raise AssertionError("a developer may not act for another team")
except auth.Forbidden:
    pass
### BEGIN HIDDEN TESTS
assert auth.allowed("admin", "promote:prod") is True and auth.allowed("developer", "promote:prod") is False
assert auth.allowed("developer", "delete:everything") is False
auth.require(ana, "catalog:read")
auth.require({"sub": "cy", "role": "admin", "team": "platform"}, "promote:prod", team="payments")
for who, action, team in [
    ({"sub": "bo", "role": "viewer", "team": "payments"}, "service:create", "payments"),
    ({"sub": "bo", "role": "viewer", "team": "payments"}, "service:create", None),
    ({"sub": "x", "team": "payments"}, "catalog:read", None),
    (ana, "promote:prod", "payments"),
]:
    try:
        auth.require(who, action, team=team)
        raise AssertionError(f"{who} must not {action}")
    except auth.Forbidden:
        pass
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unverified-signature", "fails": ["tokens"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})  # reads the claims, trusts anyone
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if "exp" not in claims or now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["role"] != "admin" and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")

# %% course={"kind": "wrong", "id": "unknown-role-is-viewer", "fails": ["rbac"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["exp", "sub", "role", "team"]},
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, VIEWER)  # an unknown role falls back to read-only


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["role"] != "admin" and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")

# %% course={"kind": "wrong", "id": "team-ignored", "fails": ["rbac"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["exp", "sub", "role", "team"]},
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")

# %% course={"kind": "wrong", "id": "team-claim-not-required", "fails": ["tokens"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["exp", "role"]},
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["role"] != "admin" and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")

# %% course={"kind": "wrong", "id": "expiry-on-machine-clock", "fails": ["tokens"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "role", "team"]},  # PyJWT checks exp against time.time()
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["role"] != "admin" and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")

# %% course={"kind": "wrong", "id": "admin-bound-to-team", "fails": ["rbac"]}
"""Users, roles and permission checks (milestone 1)."""

import jwt

from idp.errors import Forbidden, Unauthorized

SECRET = "idp-course-signing-key-keep-it-in-a-vault"  # a stand-in: real keys come from a secret manager
ALGORITHM = "HS256"

VIEWER = frozenset({"catalog:read", "cost:read"})
DEVELOPER = VIEWER | {"service:create", "promote:staging"}
ADMIN = DEVELOPER | {"promote:prod", "audit:read"}
PERMISSIONS: dict[str, frozenset[str]] = {"viewer": VIEWER, "developer": DEVELOPER, "admin": ADMIN}


def issue_token(user: str, role: str, team: str, now: int, ttl: int = 3600) -> str:
    """A signed token for user: claims sub, role, team, iat=now, exp=now+ttl. Unknown role: ValueError."""
    if role not in PERMISSIONS:
        raise ValueError(f"unknown role {role!r}")
    claims = {"sub": user, "role": role, "team": team, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, SECRET, algorithm=ALGORITHM)


def read_token(token: str, now: int) -> dict:
    """The claims of a token we signed that is still valid at now; anything else: Unauthorized."""
    try:
        claims = jwt.decode(
            token,
            SECRET,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "require": ["exp", "sub", "role", "team"]},
        )
    except jwt.InvalidTokenError as err:
        raise Unauthorized("invalid token") from err
    if now >= claims["exp"]:
        raise Unauthorized("token expired")
    return claims


def allowed(role: str, action: str) -> bool:
    """Whether role may perform action (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def require(claims: dict, action: str, team: str | None = None) -> None:
    """Forbidden unless the role allows action and (when team is given) the user belongs to it or is admin."""
    if not allowed(claims.get("role", ""), action):
        raise Forbidden(f"{claims.get('sub')} may not {action}")
    if team is not None and claims["team"] != team:
        raise Forbidden(f"{claims.get('sub')} may not {action} for team {team}")

# %% [markdown] course={"kind": "exercise", "id": "m2-catalog", "item": "f-service-catalog-with-templates"}
# ### Milestone 2: the service catalogue (`idp/catalog.py`)
#
# The module gives the templates (`TEMPLATES`: kind, port and price per replica-hour in cents for 256 MB)
# and the pydantic model `ServiceParams` that says which parameters a developer may set. Write
# `render(template, params)`, which turns a template and a parameter dict into a service definition:
#
# - an unknown template raises `NotFound`, checked first (whatever the parameters);
# - parameters `ServiceParams` rejects raise `InvalidInput("invalid: <fields>")`, the names of the rejected
#   fields sorted and joined by `", "` (an unexpected parameter is a field too);
# - otherwise the definition is a dict with `name`, `team`, `template`, `kind`, `port`, `replicas`,
#   `memory_mb`, `image` = `"registry.internal/<team>/<name>"`, `labels` = `{"app": name, "team": team,
#   "managed-by": "idp"}` and `hourly_cents` = price × replicas × memory_mb // 256 (an `int`); defaults
#   come from the model.
#
# Example: `render("web-api", {"name": "pay-api", "team": "payments", "replicas": 2, "memory_mb": 512})`
# gives `hourly_cents == 4 * 2 * 512 // 256 == 16`, `kind == "Deployment"`, `port == 8080`, and
# `render("web-api", {"name": "X", "team": "payments", "replicas": 0})` raises
# `InvalidInput("invalid: name, replicas")`.

# %% [markdown] course={"kind": "hint"}
# `ServiceParams.model_validate(params)` raises `pydantic.ValidationError`; its `.errors()` is a list of
# dicts whose `"loc"` tuple starts with the field's name.

# %% course={"kind": "solution", "file": "23.1-idp/idp/catalog.py"}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    ### BEGIN SOLUTION
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    try:
        chosen = ServiceParams.model_validate(params)
    except ValidationError as err:
        fields = sorted(error["loc"][0] for error in err.errors())
        raise InvalidInput("invalid: " + ", ".join(fields)) from err
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas * chosen.memory_mb // 256,
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 2, "id": "render"}
catalog = repo.load("idp.catalog")
service = catalog.render("web-api", {"name": "pay-api", "team": "payments", "replicas": 2, "memory_mb": 512})
assert service == {
    "name": "pay-api", "team": "payments", "template": "web-api", "kind": "Deployment", "port": 8080,
    "replicas": 2, "memory_mb": 512, "image": "registry.internal/payments/pay-api",
    "labels": {"app": "pay-api", "team": "payments", "managed-by": "idp"}, "hourly_cents": 16,
}, service
### BEGIN HIDDEN TESTS
db = catalog.render("postgres", {"name": "ledger-db", "team": "search"})
assert (db["kind"], db["port"], db["replicas"], db["memory_mb"]) == ("StatefulSet", 5432, 1, 256), db
assert db["hourly_cents"] == 9 and type(db["hourly_cents"]) is int, "defaults: 1 replica of 256 MB"
big = catalog.render("worker", {"name": "etl", "team": "data", "replicas": 10, "memory_mb": 4096})
assert big["hourly_cents"] == 3 * 10 * 16 and type(big["hourly_cents"]) is int and big["port"] is None
assert catalog.render("worker", {"name": "etl", "team": "data", "replicas": 3, "memory_mb": 768})["hourly_cents"] == 27
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2, "id": "refusals"}
catalog = repo.load("idp.catalog")
try:
    catalog.render("web-api", {"name": "X", "team": "payments", "replicas": 0})
    raise AssertionError("a bad name and 0 replicas must be refused")
except catalog.InvalidInput as err:
    assert str(err) == "invalid: name, replicas", str(err)
try:
    catalog.render("lambda", {"name": "pay-api", "team": "payments"})
    raise AssertionError("an unknown template is NotFound")
except catalog.NotFound:
    pass
### BEGIN HIDDEN TESTS
for params, message in [
    ({"name": "pay-api", "team": "payments", "replicas": 11, "memory_mb": 300}, "invalid: memory_mb, replicas"),
    ({"name": "pay-api", "team": "payments", "privileged": True}, "invalid: privileged"),
    ({"name": "pay-api", "team": "payments", "replicas": "3"}, "invalid: replicas"),
    ({"name": "../../etc", "team": "Payments"}, "invalid: name, team"),
    ({"team": "payments"}, "invalid: name"),
]:
    try:
        catalog.render("web-api", params)
        raise AssertionError(f"{params} must be refused")
    except catalog.InvalidInput as err:
        assert str(err) == message, (str(err), message)
try:
    catalog.render("lambda", {})
    raise AssertionError("an unknown template is NotFound, whatever the parameters")
except catalog.NotFound:
    pass
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "validation-error-leaks", "fails": ["refusals"]}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    chosen = ServiceParams.model_validate(params)  # pydantic's ValidationError escapes as it is
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas * chosen.memory_mb // 256,
    }

# %% course={"kind": "wrong", "id": "cost-ignores-memory", "fails": ["render"]}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    try:
        chosen = ServiceParams.model_validate(params)
    except ValidationError as err:
        fields = sorted(error["loc"][0] for error in err.errors())
        raise InvalidInput("invalid: " + ", ".join(fields)) from err
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas,  # the price per replica, whatever its size
    }

# %% course={"kind": "wrong", "id": "fields-unsorted", "fails": ["refusals"]}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    try:
        chosen = ServiceParams.model_validate(params)
    except ValidationError as err:
        raise InvalidInput("invalid: " + ", ".join(str(e["loc"][0]) for e in err.errors())) from err
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas * chosen.memory_mb // 256,
    }

# %% course={"kind": "wrong", "id": "validates-before-template", "fails": ["refusals"]}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    try:
        chosen = ServiceParams.model_validate(params)
    except ValidationError as err:
        fields = sorted(error["loc"][0] for error in err.errors())
        raise InvalidInput("invalid: " + ", ".join(fields)) from err
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas * chosen.memory_mb // 256,
    }

# %% course={"kind": "wrong", "id": "cost-as-float", "fails": ["render"]}
"""The service catalogue: templates and validated parameters (milestone 2)."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idp.errors import InvalidInput, NotFound

TEMPLATES: dict[str, dict] = {
    "web-api": {"kind": "Deployment", "port": 8080, "cents_per_hour": 4},
    "worker": {"kind": "Deployment", "port": None, "cents_per_hour": 3},
    "postgres": {"kind": "StatefulSet", "port": 5432, "cents_per_hour": 9},
}


class ServiceParams(BaseModel):
    """What a developer may choose. Anything else is refused (extra="forbid"); no type coercion (strict)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9-]{2,29}$")
    team: str = Field(pattern=r"^[a-z]{2,20}$")
    replicas: int = Field(default=1, ge=1, le=10)
    memory_mb: int = Field(default=256, ge=256, le=4096, multiple_of=256)


def render(template: str, params: dict) -> dict:
    """The service definition of template with params; NotFound or InvalidInput("invalid: <fields>")."""
    if template not in TEMPLATES:
        raise NotFound(f"no template {template!r}")
    try:
        chosen = ServiceParams.model_validate(params)
    except ValidationError as err:
        fields = sorted(error["loc"][0] for error in err.errors())
        raise InvalidInput("invalid: " + ", ".join(fields)) from err
    spec = TEMPLATES[template]
    return {
        "name": chosen.name,
        "team": chosen.team,
        "template": template,
        "kind": spec["kind"],
        "port": spec["port"],
        "replicas": chosen.replicas,
        "memory_mb": chosen.memory_mb,
        "image": f"registry.internal/{chosen.team}/{chosen.name}",
        "labels": {"app": chosen.name, "team": chosen.team, "managed-by": "idp"},
        "hourly_cents": spec["cents_per_hour"] * chosen.replicas * chosen.memory_mb / 256,
    }

# %% [markdown] course={"kind": "exercise", "id": "m3-jobs", "item": "f-self-service-resource-provisioning"}
# ### Milestone 3: provisioning jobs with retries and idempotency keys (`idp/jobs.py`)
#
# A provisioning request becomes a **job**: a dict with `id` (`"job-1"`, `"job-2"`, ... in order of
# creation), `key`, `definition`, `state`, `attempts` and `error`. The class gives the constructor; write:
#
# - `submit(key, definition)`: a new job in state `"queued"` with 0 attempts and `error` `None`. The same
#   key with an equal definition returns **the same job** (a client retrying after a timeout must not get a
#   second database); the same key with a different definition raises `Conflict`.
# - `run(job_id)`: an unknown id raises `NotFound`; a job already `"succeeded"` or `"failed"` is returned
#   as it is (the provisioner is not called again). Otherwise, attempt after attempt: state `"running"`,
#   `attempts` + 1, call `self.provisioner(definition)`. It returns: `"succeeded"`. It raises
#   `ConnectionError` (transient): if attempts reached `self.max_attempts` the job is `"failed"` with
#   `error = str(err)`, else `self.sleep(self.base_delay * 2 ** (attempts - 1))` and try again. It raises
#   any other `Exception` (permanent): `"failed"` at once, with its message. Return the job.
#   (Here `ConnectionError` stands for every transient error; a real platform would also retry
#   `TimeoutError` and HTTP 429/503 answers.)
#
# Example: with a provisioner that raises `ConnectionError` twice and then returns, and the defaults
# (3 attempts, base delay 0.5 s), `run` ends `"succeeded"` with `attempts == 3` after sleeping 0.5 s then 1.0 s.

# %% [markdown] course={"kind": "hint"}
# Keep a second dict from idempotency key to job id. For the retries a `while True:` loop with
# `try` / `except ConnectionError` / `except Exception` / `else` says each outcome once.

# %% [markdown] course={"kind": "hint"}
# The delay after attempt *n* is `base_delay * 2 ** (n - 1)`; there is no sleep after the last attempt.

# %% course={"kind": "solution", "file": "23.1-idp/idp/jobs.py"}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        ### BEGIN SOLUTION
        if key in self.keys:
            job = self.jobs[self.keys[key]]
            if job["definition"] != definition:
                raise Conflict(f"idempotency key {key!r} was used for another request")
            return job
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job
        ### END SOLUTION

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        ### BEGIN SOLUTION
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except ConnectionError as err:
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
                self.sleep(self.base_delay * 2 ** (job["attempts"] - 1))
            except Exception as err:
                job["state"], job["error"] = "failed", str(err)
                return job
            else:
                job["state"] = "succeeded"
                return job
        ### END SOLUTION

# %% course={"kind": "test", "points": 2, "id": "idempotency"}
jobs = repo.load("idp.jobs")
calls = []
queue = jobs.JobQueue(calls.append)
first = queue.submit("req-1", {"name": "pay-api"})
assert first == {"id": "job-1", "key": "req-1", "definition": {"name": "pay-api"}, "state": "queued", "attempts": 0, "error": None}, first
assert queue.submit("req-1", {"name": "pay-api"}) is first, "the same key and request give the same job"
assert queue.submit("req-2", {"name": "pay-api"})["id"] == "job-2"
try:
    queue.submit("req-1", {"name": "other"})
    raise AssertionError("a key reused for another request is a Conflict")
except jobs.Conflict:
    pass
### BEGIN HIDDEN TESTS
assert len(queue.jobs) == 2 and queue.jobs["job-1"]["definition"] == {"name": "pay-api"}
for n in range(3, 40):
    assert queue.submit(f"req-{n}", {"name": f"svc-{n}"})["id"] == f"job-{n}"
assert queue.submit("req-7", {"name": "svc-7"})["id"] == "job-7" and len(queue.jobs) == 39
assert calls == [], "submitting does not provision"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3, "id": "retries"}
jobs = repo.load("idp.jobs")
clock = FakeClock(0.0)
outcomes = [ConnectionError("timeout"), ConnectionError("reset"), None]
seen_states = []


def provision(definition):
    seen_states.append(queue.jobs["job-1"]["state"])
    outcome = outcomes.pop(0)
    if outcome is not None:
        raise outcome


queue = jobs.JobQueue(provision, sleep=clock.sleep)
job = queue.run(queue.submit("k", {"name": "pay-db"})["id"])
assert (job["state"], job["attempts"], job["error"]) == ("succeeded", 3, None), job
assert clock.sleeps == [0.5, 1.0], clock.sleeps
assert seen_states == ["running"] * 3, "the job is running while the provisioner works"
assert queue.run("job-1") is job and outcomes == [], "a finished job is not provisioned again"
### BEGIN HIDDEN TESTS
clock = FakeClock(0.0)
queue = jobs.JobQueue(lambda d: (_ for _ in ()).throw(ConnectionError("cloud down")), max_attempts=4, base_delay=1.0, sleep=clock.sleep)
job = queue.run(queue.submit("k", {})["id"])
assert (job["state"], job["attempts"], job["error"]) == ("failed", 4, "cloud down"), job
assert clock.sleeps == [1.0, 2.0, 4.0], clock.sleeps
permanent = []


def quota(definition):
    permanent.append(1)
    raise ValueError("quota exceeded")


queue = jobs.JobQueue(quota, sleep=clock.sleep)
job = queue.run(queue.submit("q", {})["id"])
assert (job["state"], job["attempts"], job["error"]) == ("failed", 1, "quota exceeded") and permanent == [1], job
assert queue.run("job-1")["attempts"] == 1 and permanent == [1], "a failed job is not run again"
queue = jobs.JobQueue(lambda d: None, max_attempts=1, sleep=clock.sleep)
assert queue.run(queue.submit("one", {})["id"])["state"] == "succeeded"
try:
    queue.run("job-99")
    raise AssertionError("an unknown job is NotFound")
except jobs.NotFound:
    pass
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "key-ignores-content", "fails": ["idempotency"]}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        if key in self.keys:
            return self.jobs[self.keys[key]]  # whatever the request says this time
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except ConnectionError as err:
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
                self.sleep(self.base_delay * 2 ** (job["attempts"] - 1))
            except Exception as err:
                job["state"], job["error"] = "failed", str(err)
                return job
            else:
                job["state"] = "succeeded"
                return job

# %% course={"kind": "wrong", "id": "retries-everything", "fails": ["retries"]}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        if key in self.keys:
            job = self.jobs[self.keys[key]]
            if job["definition"] != definition:
                raise Conflict(f"idempotency key {key!r} was used for another request")
            return job
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except Exception as err:  # a quota error is retried like a timeout
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
                self.sleep(self.base_delay * 2 ** (job["attempts"] - 1))
            else:
                job["state"] = "succeeded"
                return job

# %% course={"kind": "wrong", "id": "sleeps-after-last-attempt", "fails": ["retries"]}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        if key in self.keys:
            job = self.jobs[self.keys[key]]
            if job["definition"] != definition:
                raise Conflict(f"idempotency key {key!r} was used for another request")
            return job
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except ConnectionError as err:
                self.sleep(self.base_delay * 2 ** (job["attempts"] - 1))  # back off, then decide
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
            except Exception as err:
                job["state"], job["error"] = "failed", str(err)
                return job
            else:
                job["state"] = "succeeded"
                return job

# %% course={"kind": "wrong", "id": "backoff-from-attempt", "fails": ["retries"]}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        if key in self.keys:
            job = self.jobs[self.keys[key]]
            if job["definition"] != definition:
                raise Conflict(f"idempotency key {key!r} was used for another request")
            return job
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except ConnectionError as err:
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
                self.sleep(self.base_delay * 2 ** job["attempts"])
            except Exception as err:
                job["state"], job["error"] = "failed", str(err)
                return job
            else:
                job["state"] = "succeeded"
                return job

# %% course={"kind": "wrong", "id": "transient-error-kept", "fails": ["retries"]}
"""Self-service provisioning as jobs: states, retries with backoff, idempotency keys (milestone 3)."""

import time
from collections.abc import Callable

from idp.errors import Conflict, NotFound


class JobQueue:
    """Jobs that call provisioner(definition): it returns when the resource exists, or raises."""

    def __init__(
        self,
        provisioner: Callable[[dict], object],
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.provisioner = provisioner
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sleep = sleep
        self.jobs: dict[str, dict] = {}  # job id -> job
        self.keys: dict[str, str] = {}  # idempotency key -> job id

    def submit(self, key: str, definition: dict) -> dict:
        """A new queued job, or the job this key made before (Conflict if its definition differs)."""
        if key in self.keys:
            job = self.jobs[self.keys[key]]
            if job["definition"] != definition:
                raise Conflict(f"idempotency key {key!r} was used for another request")
            return job
        job_id = f"job-{len(self.jobs) + 1}"
        job = {"id": job_id, "key": key, "definition": definition, "state": "queued", "attempts": 0, "error": None}
        self.jobs[job_id] = job
        self.keys[key] = job_id
        return job

    def run(self, job_id: str) -> dict:
        """Run a queued job to "succeeded" or "failed", retrying transient errors with backoff."""
        if job_id not in self.jobs:
            raise NotFound(f"no job {job_id!r}")
        job = self.jobs[job_id]
        if job["state"] in ("succeeded", "failed"):
            return job
        while True:
            job["state"] = "running"
            job["attempts"] += 1
            try:
                self.provisioner(job["definition"])
            except ConnectionError as err:
                job["error"] = str(err)
                if job["attempts"] >= self.max_attempts:
                    job["state"], job["error"] = "failed", str(err)
                    return job
                self.sleep(self.base_delay * 2 ** (job["attempts"] - 1))
            except Exception as err:
                job["state"], job["error"] = "failed", str(err)
                return job
            else:
                job["state"] = "succeeded"
                return job

# %% [markdown] course={"kind": "exercise", "id": "m4-environments", "item": "f-environment-management-dev-staging-prod"}
# ### Milestone 4: environments and promotion rules (`idp/environments.py`)
#
# Every service has at most one version in each of `dev`, `staging` and `prod`; a new build lands in dev
# (`deploy`, given). Write `promote(claims, service, team, source, target)`, which copies the service's
# version from `source` to `target` and returns it. The rules, checked in this order:
#
# 1. `source` and `target` are known environments and `target` is the one right after `source`
#    (dev -> staging, staging -> prod): otherwise `InvalidInput` (no skipping to prod, no going back);
# 2. the caller may do it: `require(claims, "promote:<target>", team=team)` from milestone 1 (`Forbidden`),
#    checked **before** looking the service up, so a refusal does not tell an outsider which services exist;
# 3. the service has a version in `source`: otherwise `NotFound`.
#
# Write also `where(service)`: `{environment: version}` for the environments that have it, in the order
# dev, staging, prod.
#
# Example: after `deploy("pay-api", "7")`, a developer of `payments` promotes it dev -> staging (returns
# `"7"`), but staging -> prod raises `Forbidden` (only admins hold `promote:prod`); then
# `where("pay-api") == {"dev": "7", "staging": "7"}`.

# %% [markdown] course={"kind": "hint"}
# `ORDER.index(target) == ORDER.index(source) + 1` says "the next one"; check membership first, or
# `index` raises `ValueError`.

# %% course={"kind": "solution", "file": "23.1-idp/idp/environments.py"}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        ### BEGIN SOLUTION
        if source not in ORDER or target not in ORDER or ORDER.index(target) != ORDER.index(source) + 1:
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")
        require(claims, f"promote:{target}", team=team)
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")
        self.versions[target][service] = version
        return version
        ### END SOLUTION

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        ### BEGIN SOLUTION
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}
        ### END SOLUTION

# %% course={"kind": "test", "points": 3, "id": "promotion"}
environments = repo.load("idp.environments")
from idp.errors import Forbidden, InvalidInput, NotFound  # the classes the fresh modules use
ana = {"sub": "ana", "role": "developer", "team": "payments"}
cy = {"sub": "cy", "role": "admin", "team": "platform"}
envs = environments.Environments()
envs.deploy("pay-api", "7")
assert envs.promote(ana, "pay-api", "payments", "dev", "staging") == "7"
try:
    envs.promote(ana, "pay-api", "payments", "staging", "prod")
    raise AssertionError("only admins promote to prod")
except Forbidden:
    pass
assert envs.where("pay-api") == {"dev": "7", "staging": "7"}, envs.where("pay-api")
assert envs.promote(cy, "pay-api", "payments", "staging", "prod") == "7"
### BEGIN HIDDEN TESTS
envs.deploy("pay-api", "8")
assert list(envs.where("pay-api").items()) == [("dev", "8"), ("staging", "7"), ("prod", "7")]
assert envs.where("nothing") == {}
for source, target in [("dev", "prod"), ("prod", "staging"), ("staging", "dev"), ("dev", "dev"), ("qa", "staging"), ("prod", "live")]:
    try:
        envs.promote(cy, "pay-api", "payments", source, target)
        raise AssertionError(f"{source} -> {target} must be refused")
    except InvalidInput:
        pass
assert envs.where("pay-api") == {"dev": "8", "staging": "7", "prod": "7"}, "a refused promotion changes nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2, "id": "promotion-refusals"}
environments = repo.load("idp.environments")
from idp.errors import Forbidden, InvalidInput, NotFound  # the classes the fresh modules use
ana = {"sub": "ana", "role": "developer", "team": "payments"}
dee = {"sub": "dee", "role": "developer", "team": "search"}
envs = environments.Environments()
envs.deploy("pay-api", "3")
try:
    envs.promote(dee, "pay-api", "payments", "dev", "staging")
    raise AssertionError("a developer of another team may not promote")
except Forbidden:
    pass
try:
    envs.promote(ana, "pay-db", "payments", "dev", "staging")
    raise AssertionError("a service not in dev cannot be promoted")
except NotFound:
    pass
### BEGIN HIDDEN TESTS
try:
    envs.promote(dee, "ghost", "payments", "dev", "staging")
    raise AssertionError("refuse before looking the service up")
except Forbidden:
    pass
try:
    envs.promote({"sub": "cy", "role": "admin", "team": "platform"}, "pay-api", "payments", "staging", "prod")
    raise AssertionError("nothing in staging yet")
except NotFound:
    pass
assert envs.where("pay-api") == {"dev": "3"}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "skips-allowed", "fails": ["promotion"]}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        if source not in ORDER or target not in ORDER or ORDER.index(target) <= ORDER.index(source):
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")  # forwards, any distance
        require(claims, f"promote:{target}", team=team)
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")
        self.versions[target][service] = version
        return version

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}

# %% course={"kind": "wrong", "id": "lookup-before-permission", "fails": ["promotion-refusals"]}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        if source not in ORDER or target not in ORDER or ORDER.index(target) != ORDER.index(source) + 1:
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")  # tells anyone what exists
        require(claims, f"promote:{target}", team=team)
        self.versions[target][service] = version
        return version

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}

# %% course={"kind": "wrong", "id": "role-only", "fails": ["promotion-refusals"]}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        if source not in ORDER or target not in ORDER or ORDER.index(target) != ORDER.index(source) + 1:
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")
        require(claims, f"promote:{target}")  # the role is checked, the team is not
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")
        self.versions[target][service] = version
        return version

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}

# %% course={"kind": "wrong", "id": "moves-not-copies", "fails": ["promotion"]}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        if source not in ORDER or target not in ORDER or ORDER.index(target) != ORDER.index(source) + 1:
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")
        require(claims, f"promote:{target}", team=team)
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")
        self.versions[target][service] = self.versions[source].pop(service)
        return version

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}

# %% course={"kind": "wrong", "id": "team-from-claims", "fails": ["promotion-refusals"]}
"""Environments dev, staging and prod, and the rules for promoting between them (milestone 4)."""

from idp.auth import require
from idp.errors import InvalidInput, NotFound

ORDER = ("dev", "staging", "prod")


class Environments:
    """Which version of each service runs in each environment."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, str]] = {env: {} for env in ORDER}

    def deploy(self, service: str, version: str) -> None:
        """A new build always lands in dev first."""
        self.versions["dev"][service] = version

    def promote(self, claims: dict, service: str, team: str, source: str, target: str) -> str:
        """Copy service's version from source to the next environment, target; the version promoted."""
        if source not in ORDER or target not in ORDER or ORDER.index(target) != ORDER.index(source) + 1:
            raise InvalidInput(f"cannot promote from {source!r} to {target!r}")
        require(claims, f"promote:{target}", team=claims["team"])
        version = self.versions[source].get(service)
        if version is None:
            raise NotFound(f"{service} has no version in {source}")
        self.versions[target][service] = version
        return version

    def where(self, service: str) -> dict[str, str]:
        """{environment: version} where service runs, in the order dev, staging, prod."""
        return {env: self.versions[env][service] for env in ORDER if service in self.versions[env]}

# %% [markdown] course={"kind": "exercise", "id": "m5-audit", "item": "f-audit-logging"}
# ### Milestone 5: a tamper-evident audit log, and costs per team (`idp/audit.py`)
#
# An audit entry is a dict `{"seq", "at", "actor", "action", "target", "prev", "hash"}`: `seq` counts from
# 0, `prev` is the previous entry's `hash` (`GENESIS`, 64 zeros, for the first) and `hash` is
# `entry_hash(entry)` (given: SHA-256 of the other fields). Write:
#
# - `AuditLog.append(actor, action, target, at)`: add the next entry and return a copy of it;
# - `AuditLog.entries()`: copies of all entries in order (changing them must not change the log);
# - `AuditLog.verify()`: `None` when the chain is intact, else the position in the log (0 for the first) of
#   the first entry that is wrong: its `seq` is not its position, its `prev` is not the hash before it, or its `hash` is not
#   `entry_hash(entry)`;
# - `costs_by_team(services, hours)`: `{team: sum of hourly_cents × hours}` over the service definitions,
#   teams in alphabetical order.
#
# Example: after two appends, editing the first entry's `actor` makes `verify()` return `0`; deleting the
# first entry makes it return `0` as well (the new first entry's `seq` is 1). Recomputing the edited
# entry's hash moves the break to `1`: the next entry's `prev` no longer matches.
# `costs_by_team([{"team": "search", "hourly_cents": 3}, {"team": "data", "hourly_cents": 2}], 10)` is
# `{"data": 20, "search": 30}`.

# %% [markdown] course={"kind": "hint"}
# In `verify`, walk the entries with `enumerate`, carrying the hash the next `prev` must equal.

# %% course={"kind": "solution", "file": "23.1-idp/idp/audit.py"}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        ### BEGIN SOLUTION
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return dict(entry)
        ### END SOLUTION

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        ### BEGIN SOLUTION
        return [dict(entry) for entry in self._entries]
        ### END SOLUTION

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        ### BEGIN SOLUTION
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["seq"] != position or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
                return position
            prev = entry["hash"]
        return None
        ### END SOLUTION


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    ### BEGIN SOLUTION
    totals: dict[str, int] = {}
    for service in services:
        totals[service["team"]] = totals.get(service["team"], 0) + service["hourly_cents"] * hours
    return dict(sorted(totals.items()))
    ### END SOLUTION

# %% course={"kind": "test", "points": 3, "id": "chain"}
audit = repo.load("idp.audit")
log = audit.AuditLog()
first = log.append("ana", "service.create", "pay-api", at=NOW)
second = log.append("cy", "service.promote:prod", "pay-api", at=NOW + 60)
assert first["seq"] == 0 and first["prev"] == audit.GENESIS and first["hash"] == audit.entry_hash(first), first
assert second["seq"] == 1 and second["prev"] == first["hash"] and second["hash"] == audit.entry_hash(second)
assert (second["at"], second["actor"], second["action"], second["target"]) == (NOW + 60, "cy", "service.promote:prod", "pay-api")
assert log.entries() == [first, second] and log.verify() is None
log._entries[0]["actor"] = "mallory"
assert log.verify() == 0, "an edited entry breaks the chain where it is"
### BEGIN HIDDEN TESTS
log._entries[0]["hash"] = audit.entry_hash(log._entries[0])
assert log.verify() == 1, "recomputing the edited hash breaks the next link"
log = audit.AuditLog()
for n in range(50):
    log.append(f"user-{n % 3}", "service.create", f"svc-{n}", at=NOW + n)
assert log.verify() is None and [e["seq"] for e in log.entries()] == list(range(50))
copy = log.entries()
copy[5]["actor"] = "mallory"
copy.append({})
returned = log.append("ana", "x", "y", at=1)
returned["actor"] = "mallory"
assert log.verify() is None and len(log.entries()) == 51, "copies out: callers cannot change the log"
del log._entries[20]
assert log.verify() == 20, "a deleted entry breaks the chain"
log = audit.AuditLog()
log.append("a", "b", "c", at=0)
log.append("a", "b", "c", at=0)
log._entries[1]["seq"] = 0
log._entries[1]["hash"] = audit.entry_hash(log._entries[1])
assert log.verify() == 1, "seq must be the entry's position"
log = audit.AuditLog()
log.append("a", "b", "c", at=0)
log._entries[0]["prev"] = "f" * 64
log._entries[0]["hash"] = audit.entry_hash(log._entries[0])
assert log.verify() == 0, "the first entry's prev is GENESIS"
assert audit.AuditLog().verify() is None and audit.AuditLog().entries() == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1, "id": "costs"}
audit = repo.load("idp.audit")
services = [{"team": "search", "hourly_cents": 3}, {"team": "data", "hourly_cents": 2}]
assert audit.costs_by_team(services, 10) == {"data": 20, "search": 30}
### BEGIN HIDDEN TESTS
many = [{"team": t, "hourly_cents": c} for t, c in [("zeta", 1), ("alpha", 4), ("zeta", 5), ("mid", 0)]]
result = audit.costs_by_team(iter(many), 720)
assert list(result.items()) == [("alpha", 2880), ("mid", 0), ("zeta", 4320)], result
assert audit.costs_by_team([], 720) == {} and audit.costs_by_team(many, 0) == {"alpha": 0, "mid": 0, "zeta": 0}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "hash-not-rechecked", "fails": ["chain"]}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return dict(entry)

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        return [dict(entry) for entry in self._entries]

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["prev"] != prev:  # the links are checked, the contents are not
                return position
            prev = entry["hash"]
        return None


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    totals: dict[str, int] = {}
    for service in services:
        totals[service["team"]] = totals.get(service["team"], 0) + service["hourly_cents"] * hours
    return dict(sorted(totals.items()))

# %% course={"kind": "wrong", "id": "entries-not-copied", "fails": ["chain"]}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return entry

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        return list(self._entries)  # a new list, but the same dicts

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["seq"] != position or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
                return position
            prev = entry["hash"]
        return None


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    totals: dict[str, int] = {}
    for service in services:
        totals[service["team"]] = totals.get(service["team"], 0) + service["hourly_cents"] * hours
    return dict(sorted(totals.items()))

# %% course={"kind": "wrong", "id": "costs-last-wins", "fails": ["costs"]}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return dict(entry)

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        return [dict(entry) for entry in self._entries]

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["seq"] != position or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
                return position
            prev = entry["hash"]
        return None


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    return dict(sorted((service["team"], service["hourly_cents"] * hours) for service in services))

# %% course={"kind": "wrong", "id": "costs-sorted-by-amount", "fails": ["costs"]}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return dict(entry)

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        return [dict(entry) for entry in self._entries]

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["seq"] != position or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
                return position
            prev = entry["hash"]
        return None


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    totals: dict[str, int] = {}
    for service in services:
        totals[service["team"]] = totals.get(service["team"], 0) + service["hourly_cents"] * hours
    return dict(sorted(totals.items(), key=lambda item: item[1]))

# %% course={"kind": "wrong", "id": "verify-returns-seq", "fails": ["chain"]}
"""An append-only, hash-chained audit log, and costs per team (milestone 5)."""

import hashlib
import json
from collections.abc import Iterable

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    """SHA-256 (hex) of the entry's fields other than "hash", as canonical JSON."""
    fields = {key: value for key, value in entry.items() if key != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditLog:
    """Who did what to what, and when; each entry chained to the one before by its hash."""

    def __init__(self) -> None:
        self._entries: list[dict] = []

    def append(self, actor: str, action: str, target: str, at: int) -> dict:
        """Add the next entry; a copy of it."""
        prev = self._entries[-1]["hash"] if self._entries else GENESIS
        entry = {"seq": len(self._entries), "at": at, "actor": actor, "action": action, "target": target, "prev": prev}
        entry["hash"] = entry_hash(entry)
        self._entries.append(entry)
        return dict(entry)

    def entries(self) -> list[dict]:
        """Copies of the entries, oldest first."""
        return [dict(entry) for entry in self._entries]

    def verify(self) -> int | None:
        """None when the chain is intact, else the position of the first broken entry."""
        prev = GENESIS
        for position, entry in enumerate(self._entries):
            if entry["seq"] != position or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
                return entry["seq"]
            prev = entry["hash"]
        return None


def costs_by_team(services: Iterable[dict], hours: int) -> dict[str, int]:
    """{team: cents over hours} for the service definitions, teams in alphabetical order."""
    totals: dict[str, int] = {}
    for service in services:
        totals[service["team"]] = totals.get(service["team"], 0) + service["hourly_cents"] * hours
    return dict(sorted(totals.items()))

# %% [markdown] course={"kind": "exercise", "id": "m6-api", "item": "f-api-documentation", "timeout": 60}
# ### Milestone 6, end to end: the platform over HTTP (`idp/api.py`)
#
# `create_app(provisioner, clock)` is given its state (an `AuditLog`, a `JobQueue` over `provisioner`,
# `Environments`, a `services` dict name -> definition), the error handler (every `IdpError` becomes its
# status with `{"detail": message}`) and the `caller` dependency (the claims of the `Authorization: Bearer
# <token>` header, checked at `clock()`). Write the routes; FastAPI documents each one in `/openapi.json`:
#
# | route | who | what |
# |---|---|---|
# | `POST /login` `{"username", "password"}` | anyone | `{"token": ...}` from `USERS` (role and team from there), else 401 |
# | `GET /templates` | `catalog:read` | the template names, sorted |
# | `POST /services` `{"template", "params"}`, header `Idempotency-Key` | `service:create` for the params' team | render (milestone 2), refuse a name already taken by another request (409), submit and run the job; succeeded: store the service, deploy version `"1"` to dev, audit `service.create` and answer **201** `{"service", "job"}`; failed: **502** `{"detail": job error}` and nothing stored |
# | `POST /services/{name}/promote` `{"source", "target"}` | milestone 4's rules; 404 for a service the platform does not have (the route needs the service's team before it can check the caller) | audit `service.promote:<target>`; `{"service", "environment", "version"}` |
# | `GET /audit` | `audit:read` | `{"intact": verify() is None, "entries": [...]}` |
# | `GET /costs?hours=720` | `cost:read` | `costs_by_team` over the stored services |
#
# Audit entries have `actor` = the caller's `sub`, `target` = the service name, `at` = `clock()`.
# Example: ana (developer, payments) logs in and `POST /services` `{"template": "web-api", "params":
# {"name": "pay-api", "team": "payments"}}` with `Idempotency-Key: k1` answers 201; the same request again
# answers 201 with the same job id and creates nothing new; bo (viewer) gets 403 for it.

# %% [markdown] course={"kind": "hint"}
# Take the caller with `who: dict = Depends(caller)` and check with `auth.require(who, ...)`: the error
# handler turns `Forbidden` into 403 for you. A header parameter `idempotency_key: str = Header()` reads
# `Idempotency-Key`.

# %% [markdown] course={"kind": "hint"}
# A name is taken by another request when it is in `services` and `queue.keys` has not seen this key.
# For the 502, `return JSONResponse({"detail": job["error"]}, status_code=502)`.

# %% course={"kind": "solution", "file": "23.1-idp/idp/api.py"}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    ### BEGIN SOLUTION
    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)
    ### END SOLUTION

    return app

# %% course={"kind": "test", "points": 4, "id": "journey"}
api = repo.load("idp.api")
with serve(api.create_app(clock=lambda: NOW)) as url, httpx.Client(base_url=url, timeout=10) as http:
    login = http.post("/login", json={"username": "ana", "password": "ana-pw"})
    assert login.status_code == 200, login.text
    ana = {"Authorization": "Bearer " + login.json()["token"]}
    cy = {"Authorization": "Bearer " + http.post("/login", json={"username": "cy", "password": "cy-pw"}).json()["token"]}
    assert http.get("/templates", headers=ana).json() == ["postgres", "web-api", "worker"]
    request = {"template": "web-api", "params": {"name": "pay-api", "team": "payments", "replicas": 2}}
    created = http.post("/services", json=request, headers={**ana, "Idempotency-Key": "k1"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["service"]["name"] == "pay-api" and body["service"]["hourly_cents"] == 8, body
    assert (body["job"]["id"], body["job"]["state"]) == ("job-1", "succeeded"), body["job"]
    again = http.post("/services", json=request, headers={**ana, "Idempotency-Key": "k1"})
    assert again.status_code == 201 and again.json()["job"]["id"] == "job-1", "a replayed request returns the same job"
    promoted = http.post("/services/pay-api/promote", json={"source": "dev", "target": "staging"}, headers=ana)
    assert promoted.json() == {"service": "pay-api", "environment": "staging", "version": "1"}, promoted.text
    prod = http.post("/services/pay-api/promote", json={"source": "staging", "target": "prod"}, headers=cy)
    assert prod.status_code == 200, prod.text
    trail = http.get("/audit", headers=cy).json()
    assert trail["intact"] is True, trail
    assert [(e["actor"], e["action"], e["target"]) for e in trail["entries"]] == [
        ("ana", "service.create", "pay-api"),
        ("ana", "service.promote:staging", "pay-api"),
        ("cy", "service.promote:prod", "pay-api"),
    ], trail["entries"]
    assert http.get("/costs", params={"hours": 10}, headers=ana).json() == {"payments": 80}
    paths = set(http.get("/openapi.json").json()["paths"])
    assert {"/login", "/templates", "/services", "/services/{name}/promote", "/audit", "/costs"} <= paths, paths
    ### BEGIN HIDDEN TESTS
    dee = {"Authorization": "Bearer " + http.post("/login", json={"username": "dee", "password": "dee-pw"}).json()["token"]}
    for n, template in enumerate(["worker", "worker"]):
        made = http.post("/services", json={"template": template, "params": {"name": f"idx-{n}", "team": "search"}}, headers={**dee, "Idempotency-Key": f"d{n}"})
        assert made.status_code == 201 and made.json()["job"]["id"] == f"job-{n + 2}", made.text
    assert http.get("/costs", headers=ana).json() == {"payments": 8 * 720, "search": 6 * 720}
    assert list(http.get("/costs", headers=ana).json()) == ["payments", "search"], "teams in alphabetical order"
    trail = http.get("/audit", headers=cy).json()
    assert [e["seq"] for e in trail["entries"]] == [0, 1, 2, 3, 4] and trail["entries"][3]["actor"] == "dee"
    assert trail["entries"][0]["at"] == NOW and trail["entries"][0]["prev"] == "0" * 64
    viewer = {"Authorization": "Bearer " + http.post("/login", json={"username": "bo", "password": "bo-pw"}).json()["token"]}
    assert http.get("/templates", headers=viewer).status_code == 200 and http.get("/costs", headers=viewer).status_code == 200
    verify = api.AuditLog.verify
    api.AuditLog.verify = lambda self: 2  # the test pretends the chain broke at entry 2
    try:
        broken = http.get("/audit", headers=cy).json()
    finally:
        api.AuditLog.verify = verify
    assert broken["intact"] is False, "intact is verify() is None: a broken chain must say so"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 4, "id": "refusals-over-http"}
api = repo.load("idp.api")
auth_module = api.auth
calls = []


def provisioner(definition):
    calls.append(definition["name"])
    if definition["name"] == "broken":
        raise ValueError("quota exceeded")


with serve(api.create_app(provisioner, clock=lambda: NOW)) as url, httpx.Client(base_url=url, timeout=10) as http:
    def bearer(user):
        token = http.post("/login", json={"username": user, "password": f"{user}-pw"}).json()["token"]
        return {"Authorization": "Bearer " + token}

    ana, bo, dee = bearer("ana"), bearer("bo"), bearer("dee")
    assert http.post("/login", json={"username": "ana", "password": "guess"}).status_code == 401
    assert http.get("/templates").status_code == 401, "no token, no catalogue"
    request = {"template": "web-api", "params": {"name": "pay-api", "team": "payments"}}
    assert http.post("/services", json=request, headers={**bo, "Idempotency-Key": "b"}).status_code == 403, "viewers do not create"
    assert http.post("/services", json=request, headers={**dee, "Idempotency-Key": "d"}).status_code == 403, "not for another team"
    assert http.post("/services", json=request, headers={**ana, "Idempotency-Key": "a"}).status_code == 201
    assert http.get("/audit", headers=ana).status_code == 403, "the audit trail is for admins"
    refused = http.post("/services/pay-api/promote", json={"source": "dev", "target": "staging"}, headers=dee)
    assert refused.status_code == 403 and "detail" in refused.json(), refused.text
    ### BEGIN HIDDEN TESTS
    assert http.post("/login", json={"username": "zed", "password": "zed-pw"}).status_code == 401
    intern = jwt.encode({"sub": "ivy", "role": "intern", "team": "payments", "exp": NOW + 60}, auth_module.SECRET, algorithm="HS256")
    for path in ["/templates", "/costs"]:
        assert http.get(path, headers={"Authorization": "Bearer " + intern}).status_code == 403, "a role nobody listed gets nothing"
    assert http.get("/templates", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    assert http.get("/templates", headers={"Authorization": ana["Authorization"].replace("Bearer", "Basic")}).status_code == 401
    assert http.post("/services", json=request, headers={**ana, "Idempotency-Key": "other"}).status_code == 409, "name taken"
    changed = {"template": "web-api", "params": {"name": "pay-api", "team": "payments", "replicas": 3}}
    assert http.post("/services", json=changed, headers={**ana, "Idempotency-Key": "a"}).status_code == 409, "key reused"
    bad = http.post("/services", json={"template": "web-api", "params": {"name": "Pay", "team": "payments"}}, headers={**ana, "Idempotency-Key": "p"})
    assert bad.status_code == 422 and bad.json()["detail"] == "invalid: name", bad.text
    missing = http.post("/services", json={"template": "lambda", "params": {}}, headers={**ana, "Idempotency-Key": "l"})
    assert missing.status_code == 404
    failed = http.post("/services", json={"template": "worker", "params": {"name": "broken", "team": "payments"}}, headers={**ana, "Idempotency-Key": "x"})
    assert failed.status_code == 502 and failed.json()["detail"] == "quota exceeded", failed.text
    assert http.post("/services/broken/promote", json={"source": "dev", "target": "staging"}, headers=ana).status_code == 404
    assert http.post("/services/pay-api/promote", json={"source": "dev", "target": "prod"}, headers=ana).status_code == 422
    assert http.post("/services/pay-api/promote", json={"source": "dev", "target": "staging"}, headers=ana).status_code == 200
    assert http.post("/services/pay-api/promote", json={"source": "staging", "target": "prod"}, headers=ana).status_code == 403
    assert http.get("/costs", headers=bo).json() == {"payments": 4 * 720}, "a failed job costs nothing"
    assert calls == ["pay-api", "broken"], calls
    cy = bearer("cy")
    trail = http.get("/audit", headers=cy).json()
    assert [e["action"] for e in trail["entries"]] == ["service.create", "service.promote:staging"], trail
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "create-checks-role-only", "fails": ["refusals-over-http"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create")  # any developer, for any team
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% course={"kind": "wrong", "id": "audit-unguarded", "fails": ["refusals-over-http"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        return {"intact": log.verify() is None, "entries": log.entries()}  # logged in is enough

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% course={"kind": "wrong", "id": "replay-audited-again", "fails": ["journey"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        services[name] = definition
        envs.deploy(name, "1")
        log.append(who["sub"], "service.create", name, clock())  # a replayed request is logged again
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% course={"kind": "wrong", "id": "failed-job-answered-201", "fails": ["refusals-over-http"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% course={"kind": "wrong", "id": "intact-always-true", "fails": ["journey"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": True, "entries": log.entries()}  # an append-only log cannot break, can it?

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% course={"kind": "wrong", "id": "costs-ignore-hours", "fails": ["journey"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, services[name]["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), 720)

    return app

# %% course={"kind": "wrong", "id": "promote-team-of-caller", "fails": ["refusals-over-http"]}
"""The platform over HTTP: the FastAPI app that wires milestones 1-5 together (milestone 6)."""

import hmac
from collections.abc import Callable

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from idp import auth, catalog
from idp.audit import AuditLog, costs_by_team
from idp.environments import Environments
from idp.errors import Conflict, IdpError, NotFound, Unauthorized
from idp.jobs import JobQueue

# username -> (password, role, team): a stand-in for the company's identity provider (OIDC in production)
USERS = {
    "ana": ("ana-pw", "developer", "payments"),
    "bo": ("bo-pw", "viewer", "payments"),
    "cy": ("cy-pw", "admin", "platform"),
    "dee": ("dee-pw", "developer", "search"),
}


class Login(BaseModel):
    username: str
    password: str


class CreateService(BaseModel):
    template: str
    params: dict


class Promotion(BaseModel):
    source: str
    target: str


def create_app(
    provisioner: Callable[[dict], object] = lambda definition: None,
    clock: Callable[[], int] = lambda: 1_700_000_000,
) -> FastAPI:
    """The IDP's HTTP API over fresh, empty state."""
    app = FastAPI(title="idp", description="A small Internal Developer Platform")
    log = AuditLog()
    queue = JobQueue(provisioner, sleep=lambda seconds: None)  # a real worker would back off on its own clock
    envs = Environments()
    services: dict[str, dict] = {}

    @app.exception_handler(IdpError)
    async def idp_error(request: Request, exc: IdpError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    def caller(authorization: str = Header("")) -> dict:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("a bearer token is required")
        return auth.read_token(token, clock())

    @app.post("/login")
    def login(body: Login) -> dict:
        user = USERS.get(body.username)
        if user is None or not hmac.compare_digest(user[0], body.password):
            raise Unauthorized("unknown user or wrong password")
        return {"token": auth.issue_token(body.username, user[1], user[2], clock())}

    @app.get("/templates")
    def templates(who: dict = Depends(caller)) -> list[str]:
        auth.require(who, "catalog:read")
        return sorted(catalog.TEMPLATES)

    @app.post("/services", status_code=201, response_model=None)
    def create_service(
        body: CreateService, who: dict = Depends(caller), idempotency_key: str = Header()
    ) -> dict | JSONResponse:
        definition = catalog.render(body.template, body.params)
        auth.require(who, "service:create", team=definition["team"])
        name = definition["name"]
        if name in services and idempotency_key not in queue.keys:
            raise Conflict(f"a service named {name!r} exists")
        job = queue.run(queue.submit(idempotency_key, definition)["id"])
        if job["state"] != "succeeded":
            return JSONResponse({"detail": job["error"]}, status_code=502)
        if name not in services:
            services[name] = definition
            envs.deploy(name, "1")
            log.append(who["sub"], "service.create", name, clock())
        return {"service": definition, "job": job}

    @app.post("/services/{name}/promote")
    def promote(name: str, body: Promotion, who: dict = Depends(caller)) -> dict:
        if name not in services:
            raise NotFound(f"no service {name!r}")
        version = envs.promote(who, name, who["team"], body.source, body.target)
        log.append(who["sub"], f"service.promote:{body.target}", name, clock())
        return {"service": name, "environment": body.target, "version": version}

    @app.get("/audit")
    def audit_trail(who: dict = Depends(caller)) -> dict:
        auth.require(who, "audit:read")
        return {"intact": log.verify() is None, "entries": log.entries()}

    @app.get("/costs")
    def costs(hours: int = 720, who: dict = Depends(caller)) -> dict[str, int]:
        auth.require(who, "cost:read")
        return costs_by_team(services.values(), hours)

    return app

# %% [markdown] course={"kind": "task", "id": "design-doc", "points": 10}
# ### The design document
#
# Write a design document (2-4 pages, in `23.1-idp/DESIGN.md`) for taking this backend to a company of 40
# teams. Cover:
#
# 1. **Architecture**: the components (API servers, workers, database, queue, identity provider, Terraform
#    runner, Kubernetes) as a diagram, and which of your modules moves where.
# 2. **Scaling**: what state leaves the process and where it goes; how idempotency keys stay unique with
#    several API servers; caching of the catalogue; read replicas; rate limiting per team.
# 3. **Failure handling**: transient versus permanent errors, retry limits and backoff, a dead-letter queue,
#    a circuit breaker in front of the cloud API, rollback of a half-provisioned resource, health checks.
# 4. **Security**: OIDC instead of the user table, where the signing keys and cloud credentials live, the
#    permission matrix and team scoping, input validation, the audit trail (and where its latest hash is kept).
# 5. **Trade-offs**: two decisions you made, the alternative for each and why you chose as you did; what is
#    not built yet (monitoring dashboard, deployment pipeline) and how you would add it.

# %% [markdown] course={"kind": "rubric"}
# Ten points, each earned by a specific, correct statement (not a list of buzzwords):
#
# - **1** a diagram naming the components, and where `auth`, `catalog`, `jobs`, `environments`, `audit` run.
# - **1** state out of the process: services, jobs and audit entries in PostgreSQL (or equivalent), jobs on a queue drained by workers.
# - **1** idempotency across servers: a unique constraint on the key (or an atomic set-if-absent), with what happens on a race.
# - **1** one more scaling measure justified by load: catalogue cache with invalidation, read replicas for costs/audit (accepting lag), or a per-team token bucket.
# - **1** transient versus permanent errors, bounded retries with exponential backoff (and jitter), and where failed jobs go (dead-letter queue with alerting).
# - **1** circuit breaker or rollback: when it opens/what is undone, and how a half-provisioned resource is found (Terraform state, labels `managed-by: idp`).
# - **1** authentication through OIDC: tokens verified against the provider's public keys (RS256/JWKS), short lifetimes, no passwords in the platform.
# - **1** secrets: signing keys and cloud credentials in a secret manager, rotated; the platform's own cloud role is least-privilege.
# - **1** audit trail: append-only storage, hash chain anchored outside the writer's reach (WORM bucket or another account), who may read it.
# - **1** two trade-offs, each with the alternative and the reason, plus a credible plan for one unbuilt feature (dashboard or pipeline).
