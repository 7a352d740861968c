# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can keep secrets out of code, logs, shells and git history; read them from a
# secret manager the way production code does (AWS Secrets Manager and Parameter Store, Vault's HTTP API); rotate
# them without downtime, a real database password included; and stop a leaked key at `git commit` time.
#
# **What is real here and what is not.** `cryptography`'s Fernet, `python-dotenv`, `git` (its real commit hooks)
# and PostgreSQL 16 (from the `pgserver` wheel, its real `ALTER ROLE ... PASSWORD` and password check) are the real
# things. AWS Secrets Manager and SSM Parameter Store are **moto 5.2.5**, an emulator on `127.0.0.1` that the real
# `boto3` talks to over HTTP: no encryption with KMS, no IAM policies, no rotation Lambdas, and one quirk shown in
# the lesson on cloud secret managers. **There is no Vault server offline**: a small stand-in on `127.0.0.1`
# answers Vault's KV v2 read API (`course.runtime.vaultstub`, no policies, leases, logins or writes); everything
# else about Vault, GCP Secret Manager, Azure Key Vault, Kubernetes, truffleHog and git-secrets is explained, not run.
#
# | Domain | Why secrets management matters |
# |---|---|
# | DevOps | CI/CD pipelines hold deploy keys and cloud credentials; infrastructure code needs database and API passwords |
# | Platform Engineering | a shared secret platform (Vault, a cloud manager, External Secrets) that every team uses the same way |
# | MLOps | API keys for model providers and feature stores, tokens for registries and experiment trackers |
# | ML Infra | cloud credentials of training clusters and object storage |
# | Production systems | application secrets: database passwords, signing keys, third-party tokens |

# %% course={"kind": "setup", "id": "secrets-helpers"}
# What the demos and tests share. `course.runtime.aws` runs moto's server in this kernel (`shared_moto()`) and gives
# boto3 clients that never read your real ~/.aws (`aws.client(...)`); `course.runtime.postgres` runs a real
# PostgreSQL; `course.runtime.pglogin.password_role(url, password)` makes a role that really needs its password there
# (`can_login(url, role, password)` tries it); `course.runtime.gitscratch` makes real git repositories that read no
# configuration of yours; `course.runtime.vaultstub` is the Vault KV v2 read stand-in; `FakeClock` is a clock tests move by hand.
import base64
import hmac
import json
import logging
import math
import os
import pickle
import re
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import psycopg
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from dotenv import dotenv_values
from psycopg import sql

from course.runtime import aws
from course.runtime.clock import FakeClock
from course.runtime.gitscratch import commit, git, new_repo
from course.runtime.pglogin import can_login, password_role
from course.runtime.postgres import shared_postgres
from course.runtime.scratch import scratch_dir
from course.runtime.vaultstub import direct_opener, vault_stand_in


class SecretNotFound(LookupError):
    """No backend has the secret (the message names the secret, never a value)."""


class SettingsError(ValueError):
    """Some settings are missing or malformed; `problems` lists one line per variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class RotationFailed(RuntimeError):
    """A rotation was rolled back (the message names the secret, never a password)."""


class Finding(NamedTuple):
    path: str
    line: int
    kind: str


class Setting(NamedTuple):
    name: str
    type: type = str
    required: bool = True
    default: Any = None
    secret: bool = False


class AuditEvent(NamedTuple):
    time: float
    name: str
    source: str | None  # the backend that answered, "cache", or None when nobody had it

# %% [markdown] course={"kind": "lesson", "id": "secrets-in-apps", "covers": ["c-secrets-in-applications", "c-types-of-secrets", "c-secret-lifecycle", "c-secret-rotation"]}
# ### Secrets in applications: kinds, lifecycle, rotation
#
# A **secret** is any value that grants access or proves identity: whoever holds it *is* you as far as the other
# side can tell. The usual kinds:
#
# | kind | examples | typical lifetime |
# |---|---|---|
# | passwords | database users, admin accounts | months, unless rotated automatically |
# | API keys and tokens | a model provider's key, a GitHub token, a Slack webhook URL | until revoked (often forever: the problem) |
# | cloud credentials | an AWS access key pair, a GCP service-account JSON key | long-lived keys; better: short-lived role credentials |
# | private keys and certificates | TLS keys, SSH keys, JWT signing keys | a certificate's validity (90 days to years) |
# | encryption keys | a Fernet key, a KMS data key | years, with rotation of the key that wraps them |
# | connection strings | `postgresql://user:pw@host/db` | as long as the password inside |
#
# Every secret goes through one **lifecycle**: *create* (generated by a machine, long and random, never chosen by a
# person), *store* (in one place built for it, encrypted at rest, access-controlled), *distribute* (to the processes
# that need it, at run time, not baked into images or repositories), *use* (in memory, never logged), *rotate*
# (replace it on a schedule and at once after a suspected leak) and *revoke/destroy* (the old value stops working).
# The step teams skip is the last one: a rotated secret whose old value still works has not been rotated.
#
# **Rotation without downtime** needs a moment where both the old and the new value work, or clients that fetch
# the new one before the old one dies. The standard pattern has four steps (AWS Secrets Manager names them
# `createSecret`, `setSecret`, `testSecret`, `finishSecret`): make a new value and store it as *pending*; set it in
# the system that checks it (`ALTER ROLE ... PASSWORD`); test it by logging in with it; then make it *current*.
# Project 19.2.2 builds exactly that on a real PostgreSQL.
#
# The one thing people get wrong: treating a secret like configuration. Configuration may be printed, diffed,
# committed and copied into tickets; a secret may not, so it needs a type and a path of its own (lesson 2 and the
# first exercise).

# %% course={"kind": "demo"}
# Housekeeping, not part of the lesson: start the two local servers that later cells use (moto for the lesson on
# cloud secret managers, PostgreSQL for project 19.2.2) in a background thread, so they boot while you read. Cells
# that need them wait for them.
import threading


def start_servers_early() -> None:
    try:
        aws.shared_moto()
        shared_postgres()
    except Exception:  # a cell that needs the server starts it again and shows the error there
        pass


threading.Thread(target=start_servers_early, name="servers-warm-up", daemon=True).start()

# %% course={"kind": "demo"}
# Create: long, random, from the operating system's generator (`secrets`, never `random`).
import secrets

db_password = secrets.token_urlsafe(24)  # 24 random bytes: 32 URL-safe characters
api_token = "tok_" + secrets.token_hex(16)
fernet_key = Fernet.generate_key()  # 32 random bytes, URL-safe base64
print(len(db_password), len(api_token), len(fernet_key), "characters; entropy from os.urandom")
print("two calls never agree:", secrets.token_urlsafe(24) != secrets.token_urlsafe(24))

# %% [markdown] course={"kind": "lesson", "id": "env-vars", "covers": ["c-environment-variables", "c-using-env-vars-for-secrets", "c-env-files-development-only", "c-never-commit-secrets"]}
# ### Environment variables: the usual carrier, and its leaks
#
# The twelve-factor habit is to pass secrets to a process in **environment variables**: no file to protect, the
# same code in every environment, and every platform (systemd, Docker, Kubernetes, CI) can set them. Section 12.3
# read them with pydantic-settings and 15.1 with the Docker `_FILE` convention; here is what they do *not* protect:
#
# - **every child process inherits them**: a subprocess you start (a shell command, a plugin, a crash reporter) gets
#   the whole environment unless you pass `env=` yourself;
# - on Linux, `/proc/<pid>/environ` holds a process's start-up environment, readable by the same user (and root),
#   and `ps e` (BSD-style `e`) prints it next to the command line;
# - crash reports, core dumps and debug pages (`phpinfo`, Django's debug page, some error trackers) include them;
# - they are set by people in shells, so they end up in `~/.bash_history` and CI logs (`set -x`, `env`, `printenv`).
#
# So: environment variables are acceptable for a container's secrets, set by the platform from a secret manager,
# never typed in a shell and never inherited further than needed. Where you can, prefer a file mounted by the
# platform (the `_FILE` convention of 15.1, Kubernetes secret volumes) or fetching from the manager at start-up.
#
# A **`.env` file** is for **development only**: it saves typing `export` on your laptop, and `python-dotenv` or
# pydantic-settings read it. It must never be committed: put `.env` in `.gitignore` *before* the first commit, commit
# a `.env.example` with the names and fake values instead, and in production set real variables (or use a manager).
# `.gitignore` only stops *untracked* files from being added: a file already committed stays tracked, and every
# old commit keeps it. A leaked secret in history is leaked: rotate it, then (only then) clean the history.

# %% course={"kind": "demo"}
# What a child process sees: the whole environment of its parent, unless you choose.
child_code = "import os; print(os.environ.get('DEMO_DB_PASSWORD', '<not set>'))"
parent_env = {**os.environ, "DEMO_DB_PASSWORD": "pa55-in-env"}
inherited = subprocess.run([sys.executable, "-c", child_code], env=parent_env, capture_output=True, text=True, check=True)
print("child started with the parent's environment sees:", inherited.stdout.strip())
trimmed_env = {key: value for key, value in parent_env.items() if key in ("PATH", "LANG", "HOME")}
trimmed = subprocess.run([sys.executable, "-c", child_code], env=trimmed_env, capture_output=True, text=True, check=True)
print("child started with env= an allowlist sees:        ", trimmed.stdout.strip())

# /proc/<pid>/environ: NUL-separated NAME=value pairs of a running process (Linux only).
with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], env=parent_env,
                      stdin=subprocess.PIPE) as waiting_child:
    environ_file = Path(f"/proc/{waiting_child.pid}/environ")
    if environ_file.exists():
        pairs = environ_file.read_bytes().split(b"\0")
        print(f"/proc/{{pid}}/environ of the child holds:", [p.decode() for p in pairs if p.startswith(b"DEMO_")])
    else:
        print("no /proc here (not Linux): `ps eww <pid>` shows the same on Linux and macOS")
    waiting_child.stdin.close()  # the child's read ends, it exits; the with block waits for it

# %% course={"kind": "demo"}
# .env for development, .gitignore before the first commit, in a real scratch repository.
env_repo = new_repo("dotenv-demo")
(env_repo / ".env").write_text("DATABASE_URL=postgresql://app:dev-only@localhost/app\nAPI_KEY=dev-key\n", encoding="utf-8")
print("python-dotenv reads it:", dotenv_values(env_repo / ".env"))
commit(env_repo, "app skeleton", {".gitignore": ".env\n", ".env.example": "DATABASE_URL=\nAPI_KEY=\n"})
print("tracked files:", git(env_repo, "ls-files").split(), "| ignored because:", git(env_repo, "check-ignore", "-v", ".env").strip())

# The trap: a file committed BEFORE it was ignored stays tracked, and history keeps it after `git rm --cached`.
late_repo = new_repo("late-ignore")
commit(late_repo, "oops", {".env": "API_KEY=real-key-123\n"})
commit(late_repo, "ignore .env", {".gitignore": ".env\n", ".env": "API_KEY=real-key-456\n"})
print("still tracked after .gitignore:", git(late_repo, "ls-files").split())
git(late_repo, "rm", "-q", "--cached", ".env")
commit(late_repo, "stop tracking .env")
print("tracked now:", git(late_repo, "ls-files").split(), "| but history still has:",
      git(late_repo, "show", "HEAD~2:.env").strip())

# %% [markdown] course={"kind": "exercise", "id": "secret-type", "item": "x-create-a-secrets-management-wrapper"}
# ### A `Secret` type that never shows its value
#
# Most leaks are accidents: an f-string in a log line, a `repr` in a traceback or a debug print, a settings object
# dumped as JSON, a pickle written to a cache. Make those accidents harmless with a wrapper type. Write the class
# `Secret`:
#
# - `Secret(value)` takes a non-empty `str` (a `TypeError` for any other type, a `ValueError` for `""`); the message
#   never contains the value;
# - `.reveal()` returns the value: the one deliberate way out;
# - `str(s)`, `f"{s}"`, `f"{s:>12}"` (any format spec) and `"%s" % s` give `**********` (ten stars); `repr(s)` gives
#   `Secret('**********')`, so a list or dict of secrets prints safely too, and `json.dumps(x, default=str)` writes stars;
# - two secrets are equal when their values are (compare with `hmac.compare_digest`, which takes the same time
#   wherever the first difference is); a `Secret` is never equal to a plain `str`;
# - `pickle.dumps(s)` raises `TypeError` (a secret must not land in a cache file by accident).
#
# ```python
# >>> token = Secret("tok-123")
# >>> print(f"calling the API with {token}", [token])
# calling the API with ********** [Secret('**********')]
# >>> token.reveal()
# 'tok-123'
# ```

# %% [markdown] course={"kind": "hint"}
# Three methods decide what text an object becomes: `__str__`, `__repr__` and `__format__(self, spec)`. The
# default `__format__` calls `str()` only for an empty spec and raises `TypeError` for `">12"`: define it.

# %% [markdown] course={"kind": "hint"}
# Pickle asks `__reduce_ex__(protocol)` how to rebuild an object: make it raise `TypeError`. For equality, return
# `NotImplemented` when the other object is not a `Secret` (Python then answers `False` for `==`), else
# `hmac.compare_digest(self._value.encode(), other._value.encode())`.

# %% course={"kind": "solution"}
class Secret:
    """A string that hides itself from str, repr, format and pickle; `.reveal()` gives the value."""

    MASK = "*" * 10

    def __init__(self, value: str) -> None:
        ### BEGIN SOLUTION
        if not isinstance(value, str):
            raise TypeError(f"a Secret holds a str, not {type(value).__name__}")
        if not value:
            raise ValueError("a Secret cannot be empty")
        self._value = value
        ### END SOLUTION

    def reveal(self) -> str:
        ### BEGIN SOLUTION
        return self._value
        ### END SOLUTION

    def __str__(self) -> str:
        ### BEGIN SOLUTION
        return self.MASK
        ### END SOLUTION

    def __repr__(self) -> str:
        ### BEGIN SOLUTION
        return f"Secret('{self.MASK}')"
        ### END SOLUTION

    def __format__(self, spec: str) -> str:
        ### BEGIN SOLUTION
        return self.MASK
        ### END SOLUTION

    def __eq__(self, other: object) -> bool:
        ### BEGIN SOLUTION
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())
        ### END SOLUTION

    def __reduce_ex__(self, protocol: object) -> Any:
        ### BEGIN SOLUTION
        raise TypeError("a Secret cannot be pickled")
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
token = Secret("tok-123")
assert token.reveal() == "tok-123", "reveal() gives the value back"
assert str(token) == "**********" and repr(token) == "Secret('**********')", (str(token), repr(token))
assert f"calling with {token}" == "calling with **********", "an f-string must not show the value"

# %% course={"kind": "test", "points": 2}
token = Secret("tok-123")
assert f"{token:>12}" == "**********", "a format spec must not break or reveal: f'{token:>12}'"
assert "%s and %r" % (token, token) == "********** and Secret('**********')"
assert "tok-123" not in json.dumps({"token": token}, default=str), "json.dumps(default=str) writes stars"
### BEGIN HIDDEN TESTS
assert f"{token!r}" == "Secret('**********')" and f"{token:x}" == "**********" and format(token, "") == "**********"
assert str([token, {"k": token}]) == "[Secret('**********'), {'k': Secret('**********')}]"
assert "{}".format(token) == "**********" and "{:^30}".format(token) == "**********"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log_lines = []
capture = logging.Handler()
capture.emit = lambda record: log_lines.append(capture.format(record))  # type: ignore[method-assign]
secret_log = logging.getLogger("course-19-2-secret")
secret_log.addHandler(capture)
secret_log.propagate = False
try:
    secret_log.warning("retrying with %s (%r)", Secret("pa55"), Secret("pa55"))
finally:
    secret_log.removeHandler(capture)
assert log_lines == ["retrying with ********** (Secret('**********'))"], log_lines
try:
    pickle.dumps(Secret("pa55"))
except TypeError:
    pass
else:
    raise AssertionError("pickle.dumps(Secret(...)) must raise TypeError")

# %% course={"kind": "test", "points": 2}
assert Secret("same") == Secret("same") and Secret("same") != Secret("other"), "equal values, equal secrets"
assert (Secret("same") == "same") is False and (Secret("same") != "same") is True, "never equal to a plain str"
for bad, error in [(b"bytes", TypeError), (None, TypeError), (123, TypeError), ("", ValueError)]:
    try:
        Secret(bad)
    except error:
        pass
    else:
        raise AssertionError(f"Secret({bad!r}) must raise {error.__name__}")
### BEGIN HIDDEN TESTS
assert Secret("a") != Secret("b") and not (Secret("ab") == Secret("a")), "compare whole values"
assert Secret(" ").reveal() == " " and Secret("é").reveal() == "é", "any non-empty str is a value"
import secrets as secrets_module  # secrets.compare_digest is hmac's, under another name

compared = []
real_compare_digest = hmac.compare_digest
hmac.compare_digest = secrets_module.compare_digest = lambda a, b: compared.append(1) or real_compare_digest(a, b)
try:
    Secret("same") == Secret("same")
finally:
    hmac.compare_digest = secrets_module.compare_digest = real_compare_digest
assert compared, "compare the values with hmac.compare_digest (constant time), not with =="
for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    try:
        pickle.dumps([Secret("x")], protocol=protocol)
    except TypeError:
        continue
    raise AssertionError(f"pickle protocol {protocol} must refuse too")
try:
    Secret(b"raw-bytes-value")
except TypeError as raised:
    assert "raw-bytes-value" not in str(raised), "the message names the type, never the value"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "repr-only", "fails": ["t2"]}
class Secret:
    def __init__(self, value):
        if not isinstance(value, str):
            raise TypeError("a Secret holds a str")
        if not value:
            raise ValueError("empty")
        self._value = value

    def reveal(self):
        return self._value

    def __repr__(self):  # str() falls back to __repr__... but format with a spec does not
        return "Secret('**********')"

    def __str__(self):
        return "**********"

    def __eq__(self, other):
        return isinstance(other, Secret) and hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None

    def __reduce_ex__(self, protocol):
        raise TypeError("no pickling")

# %% course={"kind": "wrong", "id": "plain-equality", "fails": ["t4"]}
class Secret:
    def __init__(self, value):
        if not isinstance(value, str):
            raise TypeError("a Secret holds a str")
        if not value:
            raise ValueError("empty")
        self._value = value

    def reveal(self):
        return self._value

    def __str__(self):
        return "**********"

    def __repr__(self):
        return "Secret('**********')"

    def __format__(self, spec):
        return "**********"

    def __eq__(self, other):  # right answers, but == stops at the first difference: a timing side channel
        return isinstance(other, Secret) and self._value == other._value

    __hash__ = None

    def __reduce_ex__(self, protocol):
        raise TypeError("no pickling")

# %% course={"kind": "wrong", "id": "dataclass-repr-false", "fails": ["t1", "t2", "t3", "t4"]}
from dataclasses import dataclass, field


@dataclass
class Secret:  # repr=False hides the field, but str() is the repr "Secret()" and pickling works
    _value: str = field(repr=False)

    def reveal(self):
        return self._value

# %% course={"kind": "wrong", "id": "equal-to-str", "fails": ["t4"]}
class Secret:
    def __init__(self, value):
        if not isinstance(value, str):
            raise TypeError("a Secret holds a str")
        if not value:
            raise ValueError("empty")
        self._value = value

    def reveal(self):
        return self._value

    def __str__(self):
        return "**********"

    def __repr__(self):
        return "Secret('**********')"

    def __format__(self, spec):
        return "**********"

    def __eq__(self, other):  # lets `secret == "guess"` be a password oracle
        other_value = other._value if isinstance(other, Secret) else other
        return hmac.compare_digest(self._value.encode(), str(other_value).encode())

    __hash__ = None

    def __reduce_ex__(self, protocol):
        raise TypeError("no pickling")

# %% [markdown] course={"kind": "lesson", "id": "detection", "covers": ["c-secret-detection", "c-trufflehog", "c-git-secrets", "c-pre-commit-hooks"]}
# ### Secret detection: before the commit, in CI, and in history
#
# Scanners look for secrets in two ways. **Patterns** find keys whose format is known: an AWS access key id is
# `AKIA` (long-term) or `ASIA` (temporary) and 16 more upper-case letters or digits; a private key starts with a
# `-----BEGIN ... PRIVATE KEY-----` line; GitHub's tokens start with `ghp_`, `gho_`, `ghu_`, `ghs_` or `ghr_`. Such
# prefixes exist *so that* scanners can find them with few false alarms. **Entropy** finds the rest: a random token
# uses many different characters evenly, so its Shannon entropy (bits per character) is high, while words, names
# and hex digests score lower. Entropy alone raises false alarms (test fixtures, hashes, ids), which is why tools
# support **allowlist comments** (detect-secrets' `# pragma: allowlist secret`, gitleaks' `gitleaks:allow`).
#
# | tool | what it does | where it runs |
# |---|---|---|
# | **truffleHog** | scans git history, file systems, and more, with hundreds of detectors; can *verify* a found credential by calling the provider's API, so it reports live keys separately | CI, audits of old history |
# | **gitleaks** | regex rules (a TOML file) plus entropy over git history or staged changes; fast, one binary | pre-commit hook, CI |
# | **git-secrets** (AWS Labs) | shell script installed as git hooks (`pre-commit`, `commit-msg`, `prepare-commit-msg`) that rejects commits matching prohibited patterns (`git secrets --register-aws` adds AWS's) | every developer's clone |
# | **detect-secrets** (Yelp) | a baseline file of known findings, so only *new* secrets fail the hook | pre-commit framework |
#
# None of them is installed here: exercises 3 and 4 build the core of such a scanner and a real git
# `pre-commit` hook. A **pre-commit hook** is an executable `.git/hooks/pre-commit`; git runs it before it records
# a commit, and a non-zero exit status refuses the commit. It lives in each clone (it is not committed), can be
# skipped with `git commit --no-verify`, and therefore is a convenience for developers, never the control: the
# same scan must run in CI on every push (and the provider's own push protection, where it exists, helps too).
# What a hook must check is the **staged** content (`git diff --cached`, `git show :path`), not the working tree.

# %% course={"kind": "demo"}
# Entropy in bits per character: how evenly a string uses its characters.
def bits_per_char(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


for sample in ["password", "correct-horse-battery-staple", "0123456789abcdef" * 4,
               "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", secrets.token_urlsafe(30)]:
    print(f"{bits_per_char(sample):5.2f}  {sample[:44]}")

# %% [markdown] course={"kind": "exercise", "id": "shannon-entropy"}
# ### Shannon entropy of a string
#
# Write `entropy(text) -> float`: the Shannon entropy of the characters of `text` in **bits per character**,
# `-sum(p * log2(p))` over the distinct characters, where `p` is a character's count divided by the length.
# The empty string has entropy `0.0`. Return a `float` always, and never `-0.0` (a string of one repeated
# character gives `-(1.0 * log2(1.0))`, which is `-0.0`: it prints as `-0.0` in a report).
#
# ```python
# >>> entropy("abab"), entropy("abcd"), entropy("aaaa")
# (1.0, 2.0, 0.0)
# ```

# %% [markdown] course={"kind": "hint"}
# `collections.Counter(text)` counts each character; `math.log2` is the base-2 logarithm.

# %% [markdown] course={"kind": "hint"}
# Divide by `len(text)` (all characters), not by the number of distinct ones; and return early for `""`
# (there is nothing to divide by). `-sum(...)` of an empty generator is `0`, an `int`: write `0.0`; and `-0.0 + 0.0`
# is `0.0`.

# %% course={"kind": "solution"}
def entropy(text: str) -> float:
    ### BEGIN SOLUTION
    if not text:
        return 0.0
    total = len(text)
    return -sum(count / total * math.log2(count / total) for count in Counter(text).values()) + 0.0
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert entropy("abab") == 1.0 and entropy("abcd") == 2.0, (entropy("abab"), entropy("abcd"))
assert entropy("aaaa") == 0.0 and type(entropy("aaaa")) is float, "one character only: 0.0 bits, a float"
assert str(entropy("aaaa")) == "0.0", f"print 0.0, not {entropy('aaaa')}: adding 0.0 turns -0.0 into 0.0"

# %% course={"kind": "test", "points": 1}
assert entropy("") == 0.0 and type(entropy("")) is float, "the empty string has entropy 0.0"
assert abs(entropy("aab") - 0.9182958340544896) < 1e-12, entropy("aab")
### BEGIN HIDDEN TESTS
assert entropy("0123456789abcdef" * 4) == 4.0 and entropy("x") == 0.0 and type(entropy("x")) is float
assert abs(entropy("aaab") - 0.8112781244591328) < 1e-12 and abs(entropy("ééa") - 0.9182958340544896) < 1e-12
assert abs(entropy("".join(chr(0x4E00 + i) for i in range(64))) - 6.0) < 1e-12, "any unicode character counts"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "divide-by-distinct", "fails": ["t1", "t2"]}
def entropy(text):
    if not text:
        return 0.0
    counts = Counter(text)
    return -sum(c / len(counts) * math.log2(c / len(counts)) for c in counts.values()) + 0.0

# %% course={"kind": "wrong", "id": "natural-log"}
def entropy(text):
    if not text:
        return 0.0
    return -sum(c / len(text) * math.log(c / len(text)) for c in Counter(text).values()) + 0.0

# %% course={"kind": "wrong", "id": "int-for-empty", "fails": ["t1", "t2"]}
def entropy(text):
    return -sum(c / len(text) * math.log2(c / len(text)) for c in Counter(text).values())

# %% [markdown] course={"kind": "exercise", "id": "secret-scanner", "item": "x-set-up-secret-detection-in-ci"}
# ### A secret scanner with patterns, entropy and an allowlist
#
# Write `scan(files) -> list[Finding]`. `files` maps a path to the file's text; `Finding(path, line, kind)` is the
# named tuple defined at the top (lines count from 1). The rules, per line:
#
# | kind | what matches |
# |---|---|
# | `aws-access-key-id` | `AKIA` or `ASIA` followed by exactly 16 characters `A-Z` or `0-9`, as a whole word (`\b` on both sides) |
# | `private-key` | `-----BEGIN PRIVATE KEY-----`, or with `RSA `, `EC `, `DSA ` or `OPENSSH ` before `PRIVATE` |
# | `github-token` | `ghp_`, `gho_`, `ghu_`, `ghs_` or `ghr_` followed by exactly 36 letters or digits, as a whole word |
# | `high-entropy` | a string in quotes (`"..."` or `'...'`) of **20 or more** characters from `A-Z a-z 0-9 + / = _ -` whose entropy is **above 4.0** bits per character; only on a line where no rule above matched |
#
# A line that contains `pragma: allowlist secret` is skipped. A line reports each kind at most once. Return the
# findings sorted by path, line, then kind. `entropy(text)` (the previous exercise's answer) is given again in the
# solution cell.
#
# ```python
# >>> scan({"app/settings.py": 'DEBUG = True\nAWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n'})
# [Finding(path='app/settings.py', line=2, kind='aws-access-key-id')]
# ```

# %% [markdown] course={"kind": "hint"}
# One compiled regex per named kind, e.g. `re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")`; for quoted strings
# `re.compile(r"""(["'])([A-Za-z0-9+/=_-]{20,})\1""")` and check `entropy(match[2]) > 4.0`.

# %% [markdown] course={"kind": "hint"}
# `text.splitlines()` with `enumerate(..., start=1)`; collect `Finding`s in a set (one per kind and line), then
# `sorted(...)`: named tuples sort field by field.

# %% course={"kind": "solution"}
def entropy(text: str) -> float:
    if not text:
        return 0.0
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values()) + 0.0


NAMED_RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
}
QUOTED = re.compile(r"""(["'])([A-Za-z0-9+/=_-]{20,})\1""")


def scan(files: Mapping[str, str]) -> list[Finding]:
    ### BEGIN SOLUTION
    found = set()
    for path, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if "pragma: allowlist secret" in line:
                continue
            kinds = {kind for kind, rule in NAMED_RULES.items() if rule.search(line)}
            if not kinds and any(entropy(match[2]) > 4.0 for match in QUOTED.finditer(line)):
                kinds.add("high-entropy")
            found.update(Finding(path, number, kind) for kind in kinds)
    return sorted(found)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = scan({"app/settings.py": 'DEBUG = True\nAWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n'})
assert got == [Finding("app/settings.py", 2, "aws-access-key-id")], got
assert type(got) is list and type(got[0]) is Finding, "a list of Finding tuples"

# %% course={"kind": "test", "points": 2}
KEY_FILE = "note\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n"
GH = "ghp_" + "A1b2C3d4E5" * 3 + "F6g7H8"
got = scan({"z.txt": KEY_FILE, "a.py": f"token = '{GH}'\n", "m.py": "SECRET = 'Zx9Qm2Lr7Tk4Wv8Np3Hs'\n"})
assert got == [Finding("a.py", 1, "github-token"), Finding("m.py", 1, "high-entropy"), Finding("z.txt", 2, "private-key")], got
### BEGIN HIDDEN TESTS
for header in ["-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
               "-----BEGIN DSA PRIVATE KEY-----"]:
    assert scan({"k.pem": header}) == [Finding("k.pem", 1, "private-key")], header
assert scan({"k.pem": "-----BEGIN PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----"}) == [], "public keys are not secrets"
for prefix in ["gho_", "ghu_", "ghs_", "ghr_"]:
    assert scan({"t": prefix + "x" * 36}) == [Finding("t", 1, "github-token")], prefix
assert scan({"t": "ghp_" + "x" * 35, "u": "ghp_" + "x" * 37, "v": "ghx_" + "x" * 36}) == [], "exactly 36 after a known prefix"
assert scan({"k": "ASIAIOSFODNN7EXAMPL3"}) == [Finding("k", 1, "aws-access-key-id")], "ASIA: temporary keys too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
NOT_SECRETS = {
    "readme.md": "Set AKIA_EXAMPLE in your shell; the akiaiosfodnn7example key is lower case\n",
    "ids.py": "DIGEST = '" + "0123456789abcdef" * 4 + "'\nNAME = 'correct-horse-battery-staple'\n",
    "long.py": "WORD = 'XAKIAIOSFODNN7EXAMPLE'\nK = 'AKIAIOSFODNN7EXAMPLE1'\n",
}
assert scan(NOT_SECRETS) == [], scan(NOT_SECRETS)
### BEGIN HIDDEN TESTS
assert scan({"s": "x = 'Zx9Qm2Lr7Tk4Wv8Np3H'"}) == [], "19 characters are too short, even at entropy 4.25"
assert scan({"s": 'x = "Zx9Qm2Lr7Tk4Wv8Np3Hs"'}) == [Finding("s", 1, "high-entropy")], "20 in double quotes count"
assert scan({"s": "x = 'Zx9Qm2Lr7Tk4Wv8Np3Hs\""}) == [], "quotes must match"
assert scan({"s": "x = 'Zx9Qm2Lr7Tk4 v8Np3Hs12345'"}) == [], "a space is not a token character"
assert scan({}) == [] and scan({"empty": ""}) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
MIXED = ("KEY = 'AKIAIOSFODNN7EXAMPLE'  # pragma: allowlist secret\n"
         "pair = ('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')\n"
         "again = 'AKIAIOSFODNN7EXAMPLE' + 'AKIAI0SF0DNN7EXAMPLE'\n")
got = scan({"conf.py": MIXED})
assert got == [Finding("conf.py", 2, "aws-access-key-id"), Finding("conf.py", 3, "aws-access-key-id")], got
### BEGIN HIDDEN TESTS
got = scan({"b": f"'{GH}' 'AKIAIOSFODNN7EXAMPLE'\r\nok\r\n'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'", "a": "x"})
assert got == [Finding("b", 1, "aws-access-key-id"), Finding("b", 1, "github-token"), Finding("b", 3, "high-entropy")], got
assert scan({"c": "'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' 'Zx9Qm2Lr7Tk4Wv8Np3Hs'"}) == [Finding("c", 1, "high-entropy")]
assert scan({"d": "# pragma: allowlist secret\n'Zx9Qm2Lr7Tk4Wv8Np3Hs'"}) == [Finding("d", 2, "high-entropy")], "only that line"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-word-boundary", "fails": ["t3"]}
def entropy(text):
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values()) + 0.0 if text else 0.0


NAMED_RULES = {
    "aws-access-key-id": re.compile(r"(?:AKIA|ASIA)[A-Z0-9]{16}"),
    "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
}
QUOTED = re.compile(r"""(["'])([A-Za-z0-9+/=_-]{20,})\1""")


def scan(files):
    found = set()
    for path, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if "pragma: allowlist secret" in line:
                continue
            kinds = {kind for kind, rule in NAMED_RULES.items() if rule.search(line)}
            if not kinds and any(entropy(m[2]) > 4.0 for m in QUOTED.finditer(line)):
                kinds.add("high-entropy")
            found.update(Finding(path, number, kind) for kind in kinds)
    return sorted(found)

# %% course={"kind": "wrong", "id": "one-finding-per-match", "fails": ["t2", "t4"]}
def entropy(text):
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values()) + 0.0 if text else 0.0


NAMED_RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
}
QUOTED = re.compile(r"""(["'])([A-Za-z0-9+/=_-]{20,})\1""")


def scan(files):
    found = []  # every match, and the entropy rule on every line
    for path, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if "pragma: allowlist secret" in line:
                continue
            for kind, rule in NAMED_RULES.items():
                found += [Finding(path, number, kind) for _ in rule.finditer(line)]
            found += [Finding(path, number, "high-entropy") for m in QUOTED.finditer(line) if entropy(m[2]) > 4.0]
    return sorted(found)

# %% course={"kind": "wrong", "id": "entropy-at-least-4", "fails": ["t3"]}
def entropy(text):
    return -sum(n / len(text) * math.log2(n / len(text)) for n in Counter(text).values()) + 0.0 if text else 0.0


NAMED_RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
}
QUOTED = re.compile(r"""(["'])([A-Za-z0-9+/=_-]{20,})\1""")


def scan(files):
    found = set()
    for path, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if "pragma: allowlist secret" in line:
                continue
            kinds = {kind for kind, rule in NAMED_RULES.items() if rule.search(line)}
            if not kinds and any(entropy(m[2]) >= 4.0 for m in QUOTED.finditer(line)):  # a hex digest is exactly 4.0
                kinds.add("high-entropy")
            found.update(Finding(path, number, kind) for kind in kinds)
    return sorted(found)

# %% [markdown] course={"kind": "exercise", "id": "pre-commit-hook", "item": "x-set-up-secret-detection-in-ci", "timeout": 60}
# ### A real git `pre-commit` hook that refuses a key
#
# Write `install_hook(repo) -> Path`. It writes `<repo>/.git/hooks/pre-commit`, a Python script that git runs before
# every commit (its first line `#!` followed by `sys.executable`, the Python of this kernel), makes it executable
# (add the execute bits `0o111` to its mode), and returns its path. The hook:
#
# - reads every **staged** file (added, copied, modified or renamed; `git diff --cached --name-only --diff-filter=ACMR`)
#   from the index with `git show :<path>`, not from the working tree (what is committed is the index);
# - finds AWS access key ids and private key headers (the first two rules of the scanner exercise), skipping lines
#   that contain `pragma: allowlist secret`;
# - prints one line `<path>:<line>: <kind>` per finding to stderr and exits with status 1, which makes git refuse
#   the commit; with no finding it exits 0.
#
# ```python
# >>> repo = new_repo("demo"); install_hook(repo)
# PosixPath('/tmp/.../demo-1/.git/hooks/pre-commit')
# >>> commit(repo, "add config", {"config.py": "KEY = 'AKIAIOSFODNN7EXAMPLE'\n"})
# RuntimeError: commit 'add config' failed: config.py:1: aws-access-key-id
# ```
#
# (`new_repo`, `commit` and `git` come from `course.runtime.gitscratch`: real repositories in a scratch folder;
# `commit` writes files, runs `git add -A` and `git commit`, and raises `RuntimeError` with git's output on failure.)

# %% [markdown] course={"kind": "hint"}
# Build the script as a string: `f"#!{sys.executable}\n" + body`, write it with `path.write_text(...)`, then
# `path.chmod(path.stat().st_mode | 0o111)`. Git silently skips a hook that is not executable (it prints a hint
# only when `advice.ignoredHook` is on), so the commit goes through: the classic "my hook does nothing".

# %% [markdown] course={"kind": "hint"}
# Inside the hook, `subprocess.run(["git", "show", f":{name}"], capture_output=True, check=True).stdout` is the
# staged content as bytes (decode with `errors="replace"`: a binary file must not crash the hook). Git runs the
# hook at the top of the working tree, so `git` there talks to the right repository.

# %% course={"kind": "solution"}
def install_hook(repo: Path) -> Path:
    ### BEGIN SOLUTION
    body = r'''
import re
import subprocess
import sys

RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----"),
}


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout


names = git("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR").decode("utf-8").split("\0")
problems = []
for name in filter(None, names):
    text = git("show", ":" + name).decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if "pragma: allowlist secret" in line:
            continue
        problems += [f"{name}:{number}: {kind}" for kind, rule in RULES.items() if rule.search(line)]
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
'''
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!{sys.executable}" + body, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | 0o111)
    return hook
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
hook_repo = new_repo("hook")
hook_path = install_hook(hook_repo)
assert hook_path == hook_repo / ".git" / "hooks" / "pre-commit", hook_path
assert os.access(hook_path, os.X_OK), "the hook must be executable, or git skips it without a word"
assert stat.S_IMODE(hook_path.stat().st_mode) & 0o111 == 0o111, "add all three execute bits (0o111)"
assert hook_path.read_text(encoding="utf-8").startswith(f"#!{sys.executable}\n"), "first line: #! and sys.executable"
commit(hook_repo, "clean", {"app.py": "print('hello')\n"})
assert git(hook_repo, "log", "--format=%s").split() == ["clean"], "a clean commit goes through"

# %% course={"kind": "test", "points": 2}
hook_repo = new_repo("hook")
install_hook(hook_repo)
try:
    commit(hook_repo, "add config", {"config.py": "DEBUG = True\nKEY = 'AKIAIOSFODNN7EXAMPLE'\n"})
except RuntimeError as refused:
    assert "config.py:2: aws-access-key-id" in str(refused), f"name the file, line and kind: {refused}"
else:
    raise AssertionError("a commit with an AWS key id must be refused")
assert git(hook_repo, "rev-list", "--all").strip() == "", "nothing was committed"
### BEGIN HIDDEN TESTS
try:
    commit(hook_repo, "keys", {"config.py": "ok\n", "deploy/id_rsa": "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n",
                               "b.txt": "x\nASIAIOSFODNN7EXAMPL3 and -----BEGIN PRIVATE KEY-----\n"})
except RuntimeError as refused:
    for expected in ["deploy/id_rsa:1: private-key", "b.txt:2: aws-access-key-id", "b.txt:2: private-key"]:
        assert expected in str(refused), f"{expected} missing from: {refused}"
else:
    raise AssertionError("private keys must be refused")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
hook_repo = new_repo("hook")
install_hook(hook_repo)
(hook_repo / "settings.py").write_text("KEY = 'AKIAIOSFODNN7EXAMPLE'\n", encoding="utf-8")
git(hook_repo, "add", "settings.py")
(hook_repo / "settings.py").write_text("KEY = os.environ['KEY']\n", encoding="utf-8")  # cleaned, but not staged
try:
    git(hook_repo, "commit", "-q", "-m", "staged key")
except RuntimeError:
    pass
else:
    raise AssertionError("the STAGED content has the key: the commit must be refused, whatever the working tree says")
git(hook_repo, "add", "settings.py")
(hook_repo / "settings.py").write_text("KEY = 'AKIAIOSFODNN7EXAMPLE'\n", encoding="utf-8")  # dirty, not staged
git(hook_repo, "commit", "-q", "-m", "staged clean")
assert git(hook_repo, "show", "HEAD:settings.py") == "KEY = os.environ['KEY']\n"
### BEGIN HIDDEN TESTS
git(hook_repo, "add", "settings.py")
git(hook_repo, "commit", "-q", "--no-verify", "-m", "bypassed")  # --no-verify skips the hook: why CI scans too
git(hook_repo, "rm", "-q", "settings.py")
git(hook_repo, "commit", "-q", "-m", "deleting a file with a key is fine")
commit(hook_repo, "allowlisted", {"doc.md": "Example: AKIAIOSFODNN7EXAMPLE  <!-- pragma: allowlist secret -->\n"})
assert git(hook_repo, "log", "--format=%s").splitlines()[0] == "allowlisted"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-working-tree", "fails": ["t3"]}
def install_hook(repo):
    body = r'''
import pathlib, re, subprocess, sys
RULES = {"aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
         "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----")}
names = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"], capture_output=True,
                       text=True, check=True).stdout.split()
problems = []
for name in names:
    for number, line in enumerate(pathlib.Path(name).read_text().splitlines(), start=1):  # the working tree!
        if "pragma: allowlist secret" not in line:
            problems += [f"{name}:{number}: {kind}" for kind, rule in RULES.items() if rule.search(line)]
print(*problems, sep="\n", file=sys.stderr)
sys.exit(1 if problems else 0)
'''
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!{sys.executable}" + body, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | 0o111)
    return hook

# %% course={"kind": "wrong", "id": "not-executable", "fails": ["t1", "t2", "t3"]}
def install_hook(repo):
    body = r'''
import re, subprocess, sys
RULES = {"aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
         "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----")}
names = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"], capture_output=True,
                       text=True, check=True).stdout.split()
problems = []
for name in names:
    text = subprocess.run(["git", "show", ":" + name], capture_output=True, text=True, check=True).stdout
    for number, line in enumerate(text.splitlines(), start=1):
        if "pragma: allowlist secret" not in line:
            problems += [f"{name}:{number}: {kind}" for kind, rule in RULES.items() if rule.search(line)]
print(*problems, sep="\n", file=sys.stderr)
sys.exit(1 if problems else 0)
'''
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!{sys.executable}" + body, encoding="utf-8")  # forgot chmod: git skips the hook
    return hook

# %% course={"kind": "wrong", "id": "prints-but-exits-0", "fails": ["t2", "t3"]}
def install_hook(repo):
    body = r'''
import re, subprocess, sys
RULES = {"aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
         "private-key": re.compile(r"-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH) )?PRIVATE KEY-----")}
names = subprocess.run(["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"], capture_output=True,
                       text=True, check=True).stdout.split()
for name in names:
    text = subprocess.run(["git", "show", ":" + name], capture_output=True, text=True, check=True).stdout
    for number, line in enumerate(text.splitlines(), start=1):
        for kind, rule in RULES.items():
            if rule.search(line) and "pragma: allowlist secret" not in line:
                print(f"WARNING {name}:{number}: {kind}", file=sys.stderr)  # warns, but the commit goes on
'''
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!{sys.executable}" + body, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | 0o111)
    return hook

# %% [markdown] course={"kind": "lesson", "id": "encryption-at-rest", "covers": ["c-rotation-policies"]}
# ### Encrypting a config file, and rotating the key: Fernet and MultiFernet
#
# Sometimes a secret must sit in a file (a config shipped with an app, a cache of tokens). Then encrypt it, and keep
# the *key* where secrets belong. `cryptography`'s **Fernet** is authenticated symmetric encryption made hard to
# misuse: AES-128-CBC plus an HMAC-SHA256, a random IV, and the creation time inside the token. `decrypt` refuses a
# token that was changed or made with another key (`InvalidToken`), and `decrypt(token, ttl=seconds)` refuses one
# older than `ttl`.
#
# **Key rotation** with **`MultiFernet([new, old])`**: it encrypts with the first key and decrypts with any of them,
# so the change is gradual: deploy the new key first in the list, re-encrypt the stored tokens with
# `MultiFernet.rotate(token)` (decrypts with whichever key works, encrypts again with the first, **keeping the
# original timestamp**), and drop the old key once nothing needs it. A **rotation policy** says how often each kind
# of secret rotates (for example every 30 to 90 days for passwords and API keys, and at once when a person with
# access leaves or a leak is suspected) and who or what does it. Automate it: a rotation that is manual and risky
# gets postponed, and one that never runs is no policy at all.

# %% course={"kind": "demo"}
old_key, new_key = Fernet.generate_key(), Fernet.generate_key()
token_v1 = Fernet(old_key).encrypt_at_time(b'{"db_password": "pa55"}', current_time=1_700_000_000)
print("a token:", token_v1[:24], "... version byte 0x80, then the time:", Fernet(old_key).extract_timestamp(token_v1))
keyring = MultiFernet([Fernet(new_key), Fernet(old_key)])
print("MultiFernet reads the old token:", keyring.decrypt(token_v1))
token_v2 = keyring.rotate(token_v1)
print("after rotate(): the new key alone reads it:", Fernet(new_key).decrypt(token_v2), "| timestamp kept:",
      Fernet(new_key).extract_timestamp(token_v2))
for name, reader in [("old key alone", Fernet(old_key)), ("a tampered token", Fernet(new_key))]:
    try:
        reader.decrypt(token_v2 if name == "old key alone" else token_v2[:-4] + b"AAAA")
    except InvalidToken:
        print(f"{name}: InvalidToken")

# %% [markdown] course={"kind": "exercise", "id": "fernet-config", "item": "x-implement-secret-rotation"}
# ### An encrypted config file with key rotation
#
# Write three functions over Fernet keys (the `bytes` that `Fernet.generate_key()` returns):
#
# - `seal_config(config, key) -> bytes`: the dict as JSON (`json.dumps(config, sort_keys=True)`, UTF-8), encrypted
#   with `key`;
# - `open_config(token, keys) -> dict`: decrypt with any of `keys` (newest first, as `MultiFernet` expects) and
#   parse the JSON; a token no key opens raises `InvalidToken` (let it through);
# - `rotate_tokens(tokens, keys) -> list[bytes]`: every token re-encrypted under `keys[0]`, readable by that key
#   alone afterwards, each keeping its original timestamp, in the same order; the caller's list is not changed.
#
# ```python
# >>> old, new = Fernet.generate_key(), Fernet.generate_key()
# >>> token = seal_config({"db_password": "pa55"}, old)
# >>> open_config(rotate_tokens([token], [new, old])[0], [new])
# {'db_password': 'pa55'}
# ```

# %% [markdown] course={"kind": "hint"}
# `MultiFernet([Fernet(k) for k in keys])` does the key handling for both `open_config` and `rotate_tokens`.

# %% [markdown] course={"kind": "hint"}
# Decrypting and encrypting again gives a token with *today's* timestamp, and then `decrypt(..., ttl=...)` judges
# it by the wrong age; `MultiFernet.rotate(token)` keeps the time. Build a new list: `[multi.rotate(t) for t in tokens]`.

# %% course={"kind": "solution"}
def seal_config(config: Mapping[str, Any], key: bytes) -> bytes:
    ### BEGIN SOLUTION
    return Fernet(key).encrypt(json.dumps(config, sort_keys=True).encode("utf-8"))
    ### END SOLUTION


def open_config(token: bytes, keys: Sequence[bytes]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    return json.loads(MultiFernet([Fernet(key) for key in keys]).decrypt(token).decode("utf-8"))
    ### END SOLUTION


def rotate_tokens(tokens: Sequence[bytes], keys: Sequence[bytes]) -> list[bytes]:
    ### BEGIN SOLUTION
    keyring = MultiFernet([Fernet(key) for key in keys])
    return [keyring.rotate(token) for token in tokens]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
OLD_KEY, NEW_KEY = Fernet.generate_key(), Fernet.generate_key()
sealed = seal_config({"db_password": "pa55", "port": 5432}, OLD_KEY)
assert type(sealed) is bytes and b"pa55" not in sealed, "a Fernet token (bytes) that does not show the value"
assert open_config(sealed, [OLD_KEY]) == {"db_password": "pa55", "port": 5432}
assert json.loads(Fernet(OLD_KEY).decrypt(sealed)) == {"db_password": "pa55", "port": 5432}, "plain JSON inside"

# %% course={"kind": "test", "points": 2}
OLD_KEY, NEW_KEY = Fernet.generate_key(), Fernet.generate_key()
sealed = seal_config({"token": "tok-ü"}, OLD_KEY)
assert open_config(sealed, [NEW_KEY, OLD_KEY]) == {"token": "tok-ü"}, "any key of the list opens a token"
try:
    open_config(sealed, [NEW_KEY])
except InvalidToken:
    pass
else:
    raise AssertionError("a token no key opens must raise InvalidToken")
### BEGIN HIDDEN TESTS
assert Fernet(OLD_KEY).decrypt(seal_config({"b": 1, "a": "é"}, OLD_KEY)) == b'{"a": "\\u00e9", "b": 1}'
assert open_config(seal_config({}, NEW_KEY), [OLD_KEY, NEW_KEY]) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
OLD_KEY, NEW_KEY = Fernet.generate_key(), Fernet.generate_key()
originals = [Fernet(OLD_KEY).encrypt_at_time(b'{"n": 1}', 1_000), Fernet(NEW_KEY).encrypt_at_time(b'{"n": 2}', 2_000)]
given = list(originals)
rotated = rotate_tokens(given, [NEW_KEY, OLD_KEY])
assert given == originals, "do not change the caller's list"
assert type(rotated) is list and [open_config(t, [NEW_KEY]) for t in rotated] == [{"n": 1}, {"n": 2}], "new key only"
assert [Fernet(NEW_KEY).extract_timestamp(t) for t in rotated] == [1_000, 2_000], "keep each token's timestamp"
### BEGIN HIDDEN TESTS
assert rotate_tokens([], [NEW_KEY]) == [] and type(rotate_tokens((), [NEW_KEY])) is list
try:
    Fernet(OLD_KEY).decrypt(rotated[0])
except InvalidToken:
    pass
else:
    raise AssertionError("after rotation the old key must not open the token")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "decrypt-encrypt-again", "fails": ["t3"]}
def seal_config(config, key):
    return Fernet(key).encrypt(json.dumps(config, sort_keys=True).encode("utf-8"))


def open_config(token, keys):
    return json.loads(MultiFernet([Fernet(k) for k in keys]).decrypt(token))


def rotate_tokens(tokens, keys):  # new timestamps: a ttl check now sees fresh tokens
    keyring = MultiFernet([Fernet(k) for k in keys])
    return [Fernet(keys[0]).encrypt(keyring.decrypt(t)) for t in tokens]

# %% course={"kind": "wrong", "id": "newest-key-only", "fails": ["t2"]}
def seal_config(config, key):
    return Fernet(key).encrypt(json.dumps(config, sort_keys=True).encode("utf-8"))


def open_config(token, keys):
    return json.loads(Fernet(keys[0]).decrypt(token))  # only the newest key: old tokens stop working


def rotate_tokens(tokens, keys):
    keyring = MultiFernet([Fernet(k) for k in keys])
    return [keyring.rotate(t) for t in tokens]

# %% [markdown] course={"kind": "exercise", "id": "env-settings"}
# ### Settings from the environment, with errors that name the variable
#
# Write `load_settings(spec, environ) -> dict`. `spec` is a list of `Setting(name, type=str, required=True,
# default=None, secret=False)` (the named tuple at the top); `environ` maps variable names to strings. The result maps
# each setting's name to its value:
#
# - `type` is `str`, `int`, `float` or `bool`; convert with `int(...)` / `float(...)`, and for `bool` accept
#   `true/false`, `yes/no`, `on/off`, `1/0` in any case (anything else is an error);
# - a variable that is absent **or empty** is *missing*: a required one is an error, an optional one gets `default`
#   (as given, not converted);
# - do not stop at the first problem: collect one message per bad variable, in the order of `spec`, and raise
#   `SettingsError(problems)` (defined at the top). The messages are exactly `"<NAME>: required but not set"` and
#   `"<NAME>: expected <type name>, got '<value>'"`, except that a `secret` setting never shows its value:
#   `"<NAME>: expected <type name>"`.
#
# ```python
# >>> load_settings([Setting("PORT", int), Setting("DEBUG", bool, required=False, default=False)], {"PORT": "8080"})
# {'PORT': 8080, 'DEBUG': False}
# >>> load_settings([Setting("PORT", int), Setting("API_KEY", secret=True)], {"PORT": "80a"})
# SettingsError: PORT: expected int, got '80a'; API_KEY: required but not set
# ```

# %% [markdown] course={"kind": "hint"}
# A dict of converters: `{"true": True, "yes": True, "on": True, "1": True, "false": False, ...}[raw.lower()]` for
# `bool` (a `KeyError` means a bad value); `type.__name__` gives `"int"`. `bool("false")` is `True`: never use it.

# %% [markdown] course={"kind": "hint"}
# Catch `ValueError` and `KeyError` around the conversion, append a message, `continue`; raise once after the loop
# when the list of problems is not empty.

# %% course={"kind": "solution"}
def load_settings(spec: Sequence[Setting], environ: Mapping[str, str]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    truth = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
    values: dict[str, Any] = {}
    problems = []
    for setting in spec:
        raw = environ.get(setting.name, "")
        if raw == "":
            if setting.required:
                problems.append(f"{setting.name}: required but not set")
            else:
                values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = truth[raw.lower()] if setting.type is bool else setting.type(raw)
        except (ValueError, KeyError):
            shown = "" if setting.secret else f", got {raw!r}"
            problems.append(f"{setting.name}: expected {setting.type.__name__}{shown}")
    if problems:
        raise SettingsError(problems)
    return values
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = load_settings([Setting("PORT", int), Setting("DEBUG", bool, required=False, default=False)], {"PORT": "8080"})
assert got == {"PORT": 8080, "DEBUG": False} and type(got["PORT"]) is int, got

# %% course={"kind": "test", "points": 2}
def problems_of(spec, environ):
    try:
        load_settings(spec, environ)
    except SettingsError as error:
        return error.problems
    raise AssertionError("expected a SettingsError")


assert problems_of([Setting("PORT", int), Setting("API_KEY", secret=True)], {"PORT": "80a"}) == [
    "PORT: expected int, got '80a'", "API_KEY: required but not set"], "every problem, in the spec's order"
assert problems_of([Setting("API_KEY", int, secret=True)], {"API_KEY": "tok-123"}) == ["API_KEY: expected int"], "no value"
### BEGIN HIDDEN TESTS
assert problems_of([Setting("A"), Setting("B", float), Setting("C", bool)], {"A": "", "B": "x", "C": "maybe"}) == [
    "A: required but not set", "B: expected float, got 'x'", "C: expected bool, got 'maybe'"]
assert problems_of([Setting("RATE", float, required=False, default=0.5)], {"RATE": "fast"}) == [
    "RATE: expected float, got 'fast'"], "an optional variable that is set must still be valid"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
FLAGS = {"A": "TRUE", "B": "no", "C": "On", "D": "0", "E": "1", "F": "off", "G": "yes", "H": "False"}
got = load_settings([Setting(name, bool) for name in FLAGS], FLAGS)
assert got == {"A": True, "B": False, "C": True, "D": False, "E": True, "F": False, "G": True, "H": False}, got
assert all(type(value) is bool for value in got.values()), "booleans, not strings or ints"
### BEGIN HIDDEN TESTS
got = load_settings([Setting("X", float), Setting("Y", required=False, default="dflt"), Setting("Z", int, required=False)],
                    {"X": "1e3", "Y": ""})
assert got == {"X": 1000.0, "Y": "dflt", "Z": None} and type(got["X"]) is float, got
assert load_settings([Setting("NAME")], {"NAME": " spaced "}) == {"NAME": " spaced "}, "a str is kept as it is"
assert load_settings([], {"ANY": "1"}) == {}
assert load_settings([Setting("N", int, required=False, default="7")], {}) == {"N": "7"}, "the default, as given"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "bool-constructor", "fails": ["t2", "t3"]}
def load_settings(spec, environ):
    values, problems = {}, []
    for s in spec:
        raw = environ.get(s.name, "")
        if raw == "":
            if s.required:
                problems.append(f"{s.name}: required but not set")
            else:
                values[s.name] = s.default
            continue
        try:
            values[s.name] = s.type(raw)  # bool("false") is True
        except ValueError:
            problems.append(f"{s.name}: expected {s.type.__name__}" + ("" if s.secret else f", got {raw!r}"))
    if problems:
        raise SettingsError(problems)
    return values

# %% course={"kind": "wrong", "id": "first-error-only", "fails": ["t2"]}
def load_settings(spec, environ):
    truth = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
    values = {}
    for s in spec:
        raw = environ.get(s.name, "")
        if raw == "":
            if s.required:
                raise SettingsError([f"{s.name}: required but not set"])
            values[s.name] = s.default
            continue
        try:
            values[s.name] = truth[raw.lower()] if s.type is bool else s.type(raw)
        except (ValueError, KeyError):
            raise SettingsError([f"{s.name}: expected {s.type.__name__}" + ("" if s.secret else f", got {raw!r}")])
    return values

# %% course={"kind": "wrong", "id": "shows-secret-value", "fails": ["t2"]}
def load_settings(spec, environ):
    truth = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
    values, problems = {}, []
    for s in spec:
        raw = environ.get(s.name, "")
        if raw == "":
            if s.required:
                problems.append(f"{s.name}: required but not set")
            else:
                values[s.name] = s.default
            continue
        try:
            values[s.name] = truth[raw.lower()] if s.type is bool else s.type(raw)
        except (ValueError, KeyError):
            problems.append(f"{s.name}: expected {s.type.__name__}, got {raw!r}")
    if problems:
        raise SettingsError(problems)
    return values

# %% [markdown] course={"kind": "lesson", "id": "vault", "covers": ["c-hashicorp-vault", "c-vault-architecture", "c-python-vault-client-hvac", "c-kv-secrets-engine", "c-dynamic-secrets", "c-authentication-methods"]}
# ### HashiCorp Vault: architecture, KV, dynamic secrets, auth methods
#
# **Vault** is a server whose only job is secrets. Its parts, from the outside in:
#
# ```text
#  client ──HTTPS──▶ API ──▶ auth method (who are you?) ──▶ token + policies (what may you do?)
#                       │
#                       └──▶ router ──▶ secrets engines mounted at paths:  secret/ (KV v2)   database/   pki/   aws/  transit/
#                                               │
#                                   barrier (everything encrypted) ──▶ storage backend (integrated Raft, Consul...)
#                                   audit devices (every request logged, values HMAC'd)
# ```
#
# Everything Vault stores passes an encryption **barrier**; at start-up Vault is **sealed** and cannot read its own
# storage until it is **unsealed** (with key shares, Shamir's scheme, or *auto-unseal* by a cloud KMS). A client logs
# in with an **auth method** and gets a **token** carrying **policies** (HCL rules: which paths, which capabilities):
#
# | auth method | who uses it | proves identity with |
# |---|---|---|
# | `token` | bootstrapping, humans in a pinch | a token issued before |
# | `approle` | apps and CI jobs outside a cloud | a role id plus a secret id (delivered separately) |
# | `kubernetes` | pods | the pod's service-account JWT, checked with the Kubernetes API |
# | `aws` / `gcp` / `azure` | workloads in a cloud | the cloud's signed identity (IAM, instance metadata) |
# | `jwt` / `oidc` | CI (GitHub Actions' OIDC tokens), people via SSO | a signed JWT from a trusted issuer |
# | `userpass` / `ldap` | people | a password |
#
# **Secrets engines**: the **KV v2** engine stores versioned key-value secrets (`GET /v1/secret/data/<path>`
# reads, `POST` the same path writes a new version, `/v1/secret/metadata/<path>` lists versions; old versions can be
# read with `?version=N`, soft-deleted and destroyed). **Dynamic secrets** are made on demand: the `database` engine
# creates a fresh database user for each request (`GET /v1/database/creds/<role>`) with a **lease**: a lease id and
# a duration; the app renews it (`PUT /v1/sys/leases/renew`) or fetches new credentials, and when the lease ends or is
# revoked, Vault drops the user. A leak is then worth minutes, and every credential names one client.
#
# **The Python client `hvac`** wraps this HTTP API (`hvac.Client(url=..., token=...)`,
# `client.secrets.kv.v2.read_secret_version(path=...)`, `client.auth.approle.login(...)`). It is not installed here,
# and there is no Vault server offline; below, the stand-in from 15.1 answers the KV v2 **read** API, and we call it
# with plain HTTP: the request and answer shapes are what hvac sends and parses. (With a real Vault: `vault server
# -dev` gives a local one with a root token, for learning only.)

# %% course={"kind": "demo"}
VAULT_TOKEN = "hvs.demo-token"  # a made-up token: the stand-in accepts this one only
with vault_stand_in(VAULT_TOKEN, {"secret/myapp/db": {"username": "app", "password": "pa55"}}) as vault:
    def vault_get(path: str, token: str = VAULT_TOKEN) -> tuple[int, dict[str, Any]]:
        request = urllib.request.Request(f"{vault.url}/v1/{path}", headers={"X-Vault-Token": token})
        try:
            with direct_opener().open(request, timeout=10) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    status, body = vault_get("secret/data/myapp/db")
    print(status, "envelope keys:", sorted(body), "\n    the secret:", body["data"]["data"],
          "\n    its version:", body["data"]["metadata"]["version"], "| lease_duration:", body["lease_duration"], "(KV: no lease)")
    print(vault_get("secret/data/myapp/db", token="wrong"), vault_get("secret/data/myapp/cache"))
    print("what the server saw (method, path, token):", vault.seen[0])

# %% [markdown] course={"kind": "text"}
# A dynamic database credential comes back in the same envelope, with the lease filled in. This is the shape Vault's
# documentation gives for `GET /v1/database/creds/<role>` (values made up, not from a server):
#
# ```json
# {"lease_id": "database/creds/readonly/2f6a614c-4aa2-7b19-24b9-ad944a8d4de6", "renewable": true,
#  "lease_duration": 3600, "data": {"username": "v-token-readonly-8fa5x", "password": "A1a-...."}}
# ```
#
# A client keeps it for part of the lease and renews or refetches before the end, never exactly at the end: clocks
# and networks are not exact. The next exercise does the refetching against a fake clock.

# %% [markdown] course={"kind": "exercise", "id": "leased-credential", "item": "x-set-up-vault-and-access-from-python"}
# ### Dynamic credentials with a lease: fetch again before it ends
#
# Write the class `LeasedCredential(fetch, clock)`. `fetch()` returns a Vault answer (a dict with `lease_id`,
# `lease_duration` in seconds, `renewable`, `data`); `clock()` returns the time in seconds. `.get()` returns the
# `data` dict:
#
# - the first `.get()` calls `fetch()`; later calls reuse that answer until **two thirds** of its `lease_duration`
#   have passed since it was fetched (at exactly two thirds, fetch again; compare with whole numbers,
#   `elapsed * 3 >= duration * 2`, so no rounding decides);
# - an answer with `lease_duration` `0` has no lease (a KV secret): keep it until `.invalidate()`;
# - `.invalidate()` forgets the answer, so the next `.get()` fetches;
# - `.lease_ids` is the list of the lease ids fetched so far, in order (so they can be revoked at shutdown);
# - if `fetch()` raises, the error goes to the caller and nothing is cached.
#
# ```python
# >>> clock = FakeClock(0); cred = LeasedCredential(vault_fetch, clock)
# >>> cred.get()["username"]        # fetch 1
# 'v-app-1'
# >>> clock.advance(2399); cred.get()["username"], clock.advance(1), cred.get()["username"]
# ('v-app-1', None, 'v-app-2')     # 3600 s lease: fetched again at 2400 s
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two attributes: the last answer (or `None`) and the time it was fetched. In `get`, decide whether it is
# stale, fetch if so, then return `self._answer["data"]`.

# %% [markdown] course={"kind": "hint"}
# Store the answer only after `fetch()` returned: `answer = self._fetch()` first, then assign; an exception leaves
# the old state as it was (or `None` after `invalidate`).

# %% course={"kind": "solution"}
class LeasedCredential:
    """Vault dynamic credentials, fetched again after two thirds of their lease."""

    def __init__(self, fetch: Callable[[], Mapping[str, Any]], clock: Callable[[], float]) -> None:
        ### BEGIN SOLUTION
        self._fetch = fetch
        self._clock = clock
        self._answer: Mapping[str, Any] | None = None
        self.lease_ids: list[str] = []
        ### END SOLUTION

    def get(self) -> dict[str, Any]:
        ### BEGIN SOLUTION
        answer = self._answer
        if answer is None or (answer["lease_duration"] > 0 and
                              (self._clock() - self._fetched_at) * 3 >= answer["lease_duration"] * 2):
            answer = self._fetch()
            self._answer, self._fetched_at = answer, self._clock()
            self.lease_ids.append(answer["lease_id"])
        return answer["data"]
        ### END SOLUTION

    def invalidate(self) -> None:
        ### BEGIN SOLUTION
        self._answer = None
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
def vault_like(duration=3600, fail_on=()):
    """A fake `GET /v1/database/creds/app`: each call makes new credentials, like the database engine."""
    calls = []

    def fetch():
        calls.append(len(calls) + 1)
        if len(calls) in fail_on:
            raise ConnectionError("vault unreachable")
        n = len(calls)
        return {"lease_id": f"database/creds/app/{n}", "lease_duration": duration, "renewable": True,
                "data": {"username": f"v-app-{n}", "password": f"pw-{n}"}}
    return fetch, calls


fetch, calls = vault_like()
clock = FakeClock(0)
cred = LeasedCredential(fetch, clock)
assert calls == [], "nothing is fetched before the first get()"
assert cred.get() == {"username": "v-app-1", "password": "pw-1"} and cred.get()["username"] == "v-app-1"
assert calls == [1], "the second get() reuses the answer"

# %% course={"kind": "test", "points": 2}
fetch, calls = vault_like(duration=3600)
clock = FakeClock(100)
cred = LeasedCredential(fetch, clock)
cred.get()
clock.advance(2399)
assert cred.get()["username"] == "v-app-1", "2399 s of a 3600 s lease: less than two thirds, keep it"
clock.advance(1)
assert cred.get()["username"] == "v-app-2", "at exactly two thirds (2400 s), fetch again"
assert cred.lease_ids == ["database/creds/app/1", "database/creds/app/2"], cred.lease_ids
### BEGIN HIDDEN TESTS
clock.advance(2399)
assert cred.get()["username"] == "v-app-2", "the age counts from the last fetch"
clock.advance(1)
assert cred.get()["username"] == "v-app-3" and len(calls) == 3
odd, _ = vault_like(duration=7)
clock = FakeClock(0)
cred = LeasedCredential(odd, clock)
cred.get()
clock.advance(4.6)
assert cred.get()["username"] == "v-app-1", "4.6 s of 7 s is less than two thirds (4.67 s)"
clock.advance(0.1)
assert cred.get()["username"] == "v-app-2", "4.7 s of 7 s is more"
short, _ = vault_like(duration=1)
clock = FakeClock(0)
cred = LeasedCredential(short, clock)
cred.get()
clock.advance(0.6)
assert cred.get()["username"] == "v-app-1", "0.6 s of a 1 s lease is less than two thirds"
clock.advance(0.1)
assert cred.get()["username"] == "v-app-2", "a 1 s lease is a lease too: 0.7 s is more than two thirds"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
fetch, calls = vault_like(duration=0)
clock = FakeClock(0)
cred = LeasedCredential(fetch, clock)
cred.get()
clock.advance(10**9)
assert cred.get()["username"] == "v-app-1" and calls == [1], "lease_duration 0: no lease, keep the answer"
cred.invalidate()
assert cred.get()["username"] == "v-app-2", "after invalidate() the next get() fetches"
### BEGIN HIDDEN TESTS
fetch, calls = vault_like(duration=60, fail_on=(2,))
clock = FakeClock(0)
cred = LeasedCredential(fetch, clock)
cred.get()
clock.advance(40)
try:
    cred.get()
except ConnectionError:
    pass
else:
    raise AssertionError("a failing fetch must reach the caller")
assert cred.get()["username"] == "v-app-3" and cred.lease_ids == ["database/creds/app/1", "database/creds/app/3"]
fetch, calls = vault_like(fail_on=(1,))
cred = LeasedCredential(fetch, FakeClock(0))
try:
    cred.get()
except ConnectionError:
    pass
assert cred.get()["username"] == "v-app-2" and cred.lease_ids == ["database/creds/app/2"], "nothing cached on failure"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "wait-for-full-lease", "fails": ["t2", "t3"]}
class LeasedCredential:
    def __init__(self, fetch, clock):
        self._fetch, self._clock, self._answer, self._at, self.lease_ids = fetch, clock, None, 0.0, []

    def get(self):
        if self._answer is None or (self._answer["lease_duration"] and
                                    self._clock() - self._at >= self._answer["lease_duration"]):  # too late
            self._answer, self._at = self._fetch(), self._clock()
            self.lease_ids.append(self._answer["lease_id"])
        return self._answer["data"]

    def invalidate(self):
        self._answer = None

# %% course={"kind": "wrong", "id": "zero-means-always", "fails": ["t3"]}
class LeasedCredential:
    def __init__(self, fetch, clock):
        self._fetch, self._clock, self._answer, self._at, self.lease_ids = fetch, clock, None, 0.0, []

    def get(self):  # lease_duration 0 makes every call stale: a KV secret is fetched on every get()
        if self._answer is None or (self._clock() - self._at) * 3 >= self._answer["lease_duration"] * 2:
            answer = self._fetch()
            self._answer, self._at = answer, self._clock()
            self.lease_ids.append(answer["lease_id"])
        return self._answer["data"]

    def invalidate(self):
        self._answer = None

# %% [markdown] course={"kind": "lesson", "id": "cloud-managers", "covers": ["c-cloud-secret-managers", "c-aws-secrets-manager", "c-gcp-secret-manager", "c-azure-key-vault"]}
# ### Cloud secret managers: AWS, GCP, Azure
#
# Each cloud sells a managed secret store: no server to run or unseal, access through the cloud's own identity
# (IAM roles, service accounts, managed identities), encryption with the cloud's KMS, audit in the cloud's log.
#
# | | AWS Secrets Manager | GCP Secret Manager | Azure Key Vault |
# |---|---|---|---|
# | unit | a secret with versions (string or binary, up to 64 KB) | a secret with numbered versions | a vault holding secrets, keys and certificates |
# | versions | staging labels: `AWSCURRENT`, `AWSPENDING`, `AWSPREVIOUS`, your own | numbers and the alias `latest`; versions enabled, disabled, destroyed | version ids; the newest is current |
# | rotation | built in: a Lambda function called with the four steps, on a schedule | a schedule that publishes to Pub/Sub: you write the rotator | rotation policies for keys; for secrets, Event Grid events to your function |
# | access control | IAM policies and resource policies per secret | IAM roles on the project or secret | Azure RBAC (or older access policies) |
# | audit | CloudTrail | Cloud Audit Logs | Azure Monitor diagnostic logs |
# | cheaper sibling | SSM Parameter Store (`SecureString`: KMS-encrypted, no rotation) | | |
#
# **AWS version stages** are how rotation works without downtime: `AWSCURRENT` is what readers get by default;
# a rotation stores the new value as `AWSPENDING`, tests it, then moves `AWSCURRENT` to it, and the version that
# lost `AWSCURRENT` gets `AWSPREVIOUS` (so a rollback is one stage move). Below, moto shows the moves. **One quirk of
# moto 5.2.5, checked here**: after `update_secret_version_stage` moves `AWSCURRENT`, a read *without*
# `VersionStage` still returns the version that was created as current; real AWS returns the version labelled
# `AWSCURRENT`. Pass `VersionStage="AWSCURRENT"` explicitly and both agree (and the intent is clear in the code).
# The move touches only the label it names: the new version keeps its `AWSPENDING` too (see below). The rotation
# tool of project 19.2.2 removes that label itself, so no version is left pending for the next rotation to trip over.

# %% course={"kind": "demo"}
moto_url = aws.shared_moto()
demo_sm = aws.client("secretsmanager", moto_url)
demo_sm.create_secret(Name="demo/db", SecretString='{"password": "v1"}', ClientRequestToken="version-one-" + "0" * 24)
demo_sm.put_secret_value(SecretId="demo/db", SecretString='{"password": "v2"}', VersionStages=["AWSPENDING"],
                         ClientRequestToken="version-two-" + "0" * 24)


def stages(secret_id: str) -> dict[str, list[str]]:
    return {v[:11]: sorted(s) for v, s in sorted(demo_sm.describe_secret(SecretId=secret_id)["VersionIdsToStages"].items())}


print("after put_secret_value(AWSPENDING):", stages("demo/db"))
demo_sm.update_secret_version_stage(SecretId="demo/db", VersionStage="AWSCURRENT",
                                    MoveToVersionId="version-two-" + "0" * 24, RemoveFromVersionId="version-one-" + "0" * 24)
print("after moving AWSCURRENT:           ", stages("demo/db"))
for stage in ["AWSCURRENT", "AWSPREVIOUS"]:
    print(f"  read {stage}:", demo_sm.get_secret_value(SecretId="demo/db", VersionStage=stage)["SecretString"])
print("  read with no stage (moto's quirk):", demo_sm.get_secret_value(SecretId="demo/db")["SecretString"])

demo_ssm = aws.client("ssm", moto_url)
demo_ssm.put_parameter(Name="/demo/api-key", Value="tok-123", Type="SecureString")
# Without decryption real AWS returns KMS ciphertext (base64); moto encrypts nothing: "kms:<key id>:<value>".
print("SSM SecureString without decryption:", demo_ssm.get_parameter(Name="/demo/api-key")["Parameter"]["Value"])
print("with WithDecryption=True:           ", demo_ssm.get_parameter(Name="/demo/api-key", WithDecryption=True)["Parameter"]["Value"])
try:
    demo_sm.get_secret_value(SecretId="demo/nope")
except demo_sm.exceptions.ResourceNotFoundException as missing:
    print("a missing secret:", missing.response["Error"]["Code"])

# %% [markdown] course={"kind": "exercise", "id": "fetch-secret", "item": "x-use-aws-secrets-manager"}
# ### Fetch a secret by reference from Secrets Manager or Parameter Store
#
# Configuration should name *where* a secret lives, not hold it. Write `fetch_secret(sm, ssm, ref) -> str` for
# references of three forms (`sm` and `ssm` are boto3 clients, here on moto):
#
# - `aws-sm:<secret id>`: the secret's `SecretString`, stage `AWSCURRENT`;
# - `aws-sm:<secret id>#<field>`: the secret is a JSON object; return that field as a `str` (`5432` becomes `"5432"`);
# - `aws-ssm:<parameter name>`: the parameter's value, decrypted (a `SecureString` too).
#
# A secret, parameter or field that does not exist raises `SecretNotFound` (defined at the top) whose message
# contains the reference; any other reference raises `ValueError`. Secret ids may contain `/` (`prod/db`) but never
# `#` (AWS does not allow it in names), so the field is everything after the **first** `#` (a JSON key may hold a `#`). Other AWS errors (throttling, access denied) are not "not found": let them through.
#
# ```python
# >>> fetch_secret(sm, ssm, "aws-sm:prod/db#password"), fetch_secret(sm, ssm, "aws-ssm:/prod/api-key")
# ('pa55', 'tok-123')
# ```

# %% [markdown] course={"kind": "hint"}
# `ref.partition(":")` splits the scheme; `rest.partition("#")` the field. `sm.get_secret_value(SecretId=...,
# VersionStage="AWSCURRENT")["SecretString"]` and `ssm.get_parameter(Name=..., WithDecryption=True)["Parameter"]["Value"]`.

# %% [markdown] course={"kind": "hint"}
# Catch only the "not found" errors: `sm.exceptions.ResourceNotFoundException` and
# `ssm.exceptions.ParameterNotFound` (a `KeyError` for a missing field), and raise `SecretNotFound(ref) from error`.

# %% course={"kind": "solution"}
def fetch_secret(sm: Any, ssm: Any, ref: str) -> str:
    ### BEGIN SOLUTION
    scheme, _, rest = ref.partition(":")
    if scheme == "aws-ssm" and rest:
        try:
            return ssm.get_parameter(Name=rest, WithDecryption=True)["Parameter"]["Value"]
        except ssm.exceptions.ParameterNotFound as error:
            raise SecretNotFound(ref) from error
    if scheme != "aws-sm" or not rest:
        raise ValueError(f"unknown secret reference {ref!r}")
    secret_id, hash_mark, field = rest.partition("#")
    try:
        text = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
    except sm.exceptions.ResourceNotFoundException as error:
        raise SecretNotFound(ref) from error
    if not hash_mark:
        return text
    try:
        return str(json.loads(text)[field])
    except KeyError as error:
        raise SecretNotFound(ref) from error
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
moto_url = aws.shared_moto()
test_sm, test_ssm = aws.client("secretsmanager", moto_url), aws.client("ssm", moto_url)
for secret_id, value in [("ex/prod/db", '{"username": "app", "password": "pa55", "port": 5432}'), ("ex/plain", "tok#1")]:
    try:
        test_sm.create_secret(Name=secret_id, SecretString=value)
    except test_sm.exceptions.ResourceExistsException:
        pass
test_ssm.put_parameter(Name="/ex/prod/api-key", Value="tok-123", Type="SecureString", Overwrite=True)
got = fetch_secret(test_sm, test_ssm, "aws-sm:ex/prod/db#password")
assert got == "pa55" and type(got) is str, got
assert fetch_secret(test_sm, test_ssm, "aws-ssm:/ex/prod/api-key") == "tok-123", "decrypt SecureString parameters"

# %% course={"kind": "test", "points": 2}
assert fetch_secret(test_sm, test_ssm, "aws-sm:ex/prod/db#port") == "5432", "a field as a str"
assert fetch_secret(test_sm, test_ssm, "aws-sm:ex/plain") == "tok#1", "no field: the whole SecretString"
assert json.loads(fetch_secret(test_sm, test_ssm, "aws-sm:ex/prod/db"))["username"] == "app"
### BEGIN HIDDEN TESTS
test_ssm.put_parameter(Name="/ex/plain-param", Value="visible", Type="String", Overwrite=True)
assert fetch_secret(test_sm, test_ssm, "aws-ssm:/ex/plain-param") == "visible"
try:
    test_sm.create_secret(Name="ex/hashed", SecretString='{"c": "d", "a#b": "x", "a": "no"}')
except test_sm.exceptions.ResourceExistsException:
    pass
assert fetch_secret(test_sm, test_ssm, "aws-sm:ex/hashed#a#b") == "x", "the field is everything after the FIRST #"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for ref in ["aws-sm:ex/missing", "aws-sm:ex/prod/db#nope", "aws-ssm:/ex/missing"]:
    try:
        fetch_secret(test_sm, test_ssm, ref)
    except SecretNotFound as error:
        assert ref in str(error), f"name the reference: {error}"
    else:
        raise AssertionError(f"{ref} does not exist: SecretNotFound")
for ref in ["vault:secret/db", "ex/prod/db", "aws-sm:", "aws-ssm:"]:
    try:
        fetch_secret(test_sm, test_ssm, ref)
    except ValueError as error:
        assert not isinstance(error, SecretNotFound) and type(error) is ValueError, f"{ref}: a ValueError"
    else:
        raise AssertionError(f"{ref!r} is not a reference this function knows: ValueError")
### BEGIN HIDDEN TESTS
with aws.throttled(test_sm, "GetSecretValue", times=1):
    try:
        fetch_secret(test_sm, test_ssm, "aws-sm:ex/plain")
    except SecretNotFound:
        raise AssertionError("throttling is not 'not found': let the ClientError through") from None
    except Exception as error:
        assert type(error).__name__ in ("ClientError", "ThrottlingException"), type(error)
    else:
        raise AssertionError("the throttled call should have raised")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-decryption", "fails": ["t1"]}
def fetch_secret(sm, ssm, ref):
    scheme, _, rest = ref.partition(":")
    if scheme == "aws-ssm" and rest:
        try:
            return ssm.get_parameter(Name=rest)["Parameter"]["Value"]  # the encrypted form of a SecureString
        except ssm.exceptions.ParameterNotFound as error:
            raise SecretNotFound(ref) from error
    if scheme != "aws-sm" or not rest:
        raise ValueError(ref)
    secret_id, mark, field = rest.partition("#")
    try:
        text = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
    except sm.exceptions.ResourceNotFoundException as error:
        raise SecretNotFound(ref) from error
    try:
        return str(json.loads(text)[field]) if mark else text
    except KeyError as error:
        raise SecretNotFound(ref) from error

# %% course={"kind": "wrong", "id": "catch-everything", "fails": ["t3"]}
def fetch_secret(sm, ssm, ref):
    scheme, _, rest = ref.partition(":")
    try:
        if scheme == "aws-ssm":
            return ssm.get_parameter(Name=rest, WithDecryption=True)["Parameter"]["Value"]
        secret_id, mark, field = rest.partition("#")
        text = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
        return str(json.loads(text)[field]) if mark else text
    except Exception as error:  # every failure becomes "not found", even throttling and bad references
        raise SecretNotFound(ref) from error

# %% course={"kind": "wrong", "id": "last-hash", "fails": ["t2"]}
def fetch_secret(sm, ssm, ref):
    scheme, _, rest = ref.partition(":")
    if scheme == "aws-ssm" and rest:
        try:
            return ssm.get_parameter(Name=rest, WithDecryption=True)["Parameter"]["Value"]
        except ssm.exceptions.ParameterNotFound as error:
            raise SecretNotFound(ref) from error
    if scheme != "aws-sm" or not rest:
        raise ValueError(ref)
    secret_id, mark, field = rest.rpartition("#") if "#" in rest else (rest, "", "")  # the LAST #
    try:
        text = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
    except sm.exceptions.ResourceNotFoundException as error:
        raise SecretNotFound(ref) from error
    try:
        return str(json.loads(text)[field]) if mark else text
    except KeyError as error:
        raise SecretNotFound(ref) from error

# %% [markdown] course={"kind": "lesson", "id": "kubernetes-secrets", "covers": ["c-kubernetes-secrets", "c-k8s-secrets", "c-external-secrets-operator", "c-sealed-secrets"]}
# ### Kubernetes Secrets, External Secrets Operator, Sealed Secrets
#
# A Kubernetes **Secret** is an API object whose `data` values are **base64**-encoded. Base64 is an *encoding*, so
# that binary values fit in JSON and YAML; anyone who can read the object reads the value (demo below). What does
# protect a Secret: RBAC (who may `get`/`list` Secrets in a namespace: `list` returns every value), encryption at
# rest in etcd (an `EncryptionConfiguration`, off by default in a self-managed cluster), and delivery as a mounted
# volume rather than environment variables. A Secret manifest in git is therefore a leaked secret.
#
# Two common ways to keep secrets out of git while still deploying with GitOps:
#
# | | **External Secrets Operator** (ESO) | **Sealed Secrets** (Bitnami) |
# |---|---|---|
# | in git | an `ExternalSecret`: *which* key of *which* store (AWS, GCP, Azure, Vault...) to copy into which Secret | a `SealedSecret`: the value encrypted with the cluster controller's public key (`kubeseal`) |
# | in the cluster | the operator reads the store (with a `SecretStore`'s credentials) and writes a normal Secret, refreshed every `refreshInterval` | the controller decrypts with its private key and writes a normal Secret |
# | source of truth | the external secret manager (rotation there reaches the cluster) | git (rotate by sealing again) |
# | risk to mind | the operator's credentials can read the store | lose the controller's private key and nothing can be decrypted |
#
# Either way, pods still see an ordinary Secret: the pod side does not change, only where the value comes from.

# %% course={"kind": "demo"}
manifest = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db-credentials"}, "type": "Opaque",
            "data": {"username": base64.b64encode(b"app").decode(), "password": base64.b64encode(b"pa55-w0rd").decode()}}
print(json.dumps(manifest["data"]))
print("what anyone with `kubectl get secret -o yaml` gets back:",
      {key: base64.b64decode(value).decode() for key, value in manifest["data"].items()})

# %% [markdown] course={"kind": "lesson", "id": "best-practices", "covers": ["c-best-practices", "c-never-log-secrets", "c-least-privilege-access", "c-audit-trails"]}
# ### Best practices: never log, least privilege, audit
#
# - **Never log secrets.** Section 15.1 built a logging filter that redacts known values and 18.1 a structlog
#   processor that redacts by key name; the `Secret` type of this section stops the accident at its source. Watch
#   the less obvious paths too: exception messages that echo input (`ValueError(f"bad token {token}")`), HTTP client
#   debug logs that print headers, `repr` of settings objects, and SQL statement logs: `ALTER ROLE ... PASSWORD '...'`
#   is plain text in the server log when statement logging is on (PostgreSQL's `\password` in psql sends a hash instead).
# - **Least privilege.** Each workload reads only its own secrets (a policy per path or per secret, not `secret/*`),
#   can only read (rotation jobs write), and gets short-lived credentials where possible (dynamic secrets, cloud
#   roles instead of access keys). Separate environments: the staging service has no path to production secrets.
# - **Audit trails.** Every read and change of a secret is recorded with who, what, when and from where (Vault's
#   audit devices, CloudTrail, Cloud Audit Logs), *never the value*, and someone alerts on the unusual: a secret read
#   by a new identity, reads at 3 a.m., a burst of reads. The project below records such events in the application.
# - **Rotate** on a schedule and on every suspicion; automate it (project 19.2.2); make apps re-read secrets (a TTL
#   cache) instead of holding them until the next deploy.

# %% course={"kind": "demo"}
# Two everyday leaks and their fixes: a connection URL in a log line, and an exception message that echoes input.
from urllib.parse import urlsplit

dsn = "postgresql://app:pa55-w0rd@db.internal:5432/orders"
parts = urlsplit(dsn)
masked = parts._replace(netloc=f"{parts.username}:***@{parts.hostname}:{parts.port}").geturl()
print("logged as:", masked)


def parse_port_leaky(value: str) -> int:
    return int(value)  # int("tok-123") -> ValueError: invalid literal for int() with base 10: 'tok-123'


def parse_port_safe(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} is not a whole number") from None  # the name, never the value


for parse in (lambda: parse_port_leaky("tok-123"), lambda: parse_port_safe("DB_PORT", "tok-123")):
    try:
        parse()
    except ValueError as error:
        print("error message:", error)

# %% [markdown] course={"kind": "exercise", "id": "secrets-manager", "item": "project-19-2-1"}
# ### Project 19.2.1 (tested core): one secrets interface over several backends
#
# Write the class `SecretsManager(backends, *, ttl, clock)`:
#
# - `backends` is a list of `(name, lookup)` pairs; `lookup(secret_name)` returns the value (a `str`) or `None`
#   when that backend does not have it. `.get(name)` asks the backends **in order** and returns the first value
#   that is not `None` (an empty string is a value);
# - a value found is cached for `ttl` seconds of `clock()`: a `.get` less than `ttl` after the backend answered is
#   served from the cache; at `ttl` or later the backends are asked again (that is how a rotated secret arrives);
#   a missing secret is never cached; `.invalidate(name)` forgets one secret, `.invalidate()` all;
# - **audit**: every `.get` appends one `AuditEvent(time, name, source)` to the list `.audit`, where `time` is
#   `clock()` at that call and `source` is the backend's name, `"cache"`, or `None` when no backend had it. Events
#   never hold a value;
# - no backend has it: raise `SecretNotFound` with the message `"<name>: not found in <backend names, comma-separated>"`;
# - a backend that raises (unreachable, access denied) is **not** "not found": the error reaches the caller, later
#   backends are not asked (fail closed: a fallback would quietly serve a stale or development value), nothing is cached.
#
# ```python
# >>> manager = SecretsManager([("env", {"API_KEY": "from-env"}.get), ("dotenv", {}.get)], ttl=300, clock=FakeClock(0))
# >>> manager.get("API_KEY"), manager.get("API_KEY"), manager.audit
# ('from-env', 'from-env', [AuditEvent(time=0, name='API_KEY', source='env'), AuditEvent(time=0, name='API_KEY', source='cache')])
# ```

# %% [markdown] course={"kind": "hint"}
# Cache entries `name -> (value, fetched_at)`. In `get`: read `now = self._clock()` once; if the entry exists and
# `now - fetched_at < ttl`, log `"cache"` and return; otherwise loop over the backends.

# %% [markdown] course={"kind": "hint"}
# Test the lookup's answer with `is not None`, never with truthiness (`""` is a value). Do not wrap the lookups in
# `try/except`: letting the exception out *is* the requirement. Append the audit event with source `None` before
# raising `SecretNotFound`.

# %% course={"kind": "solution"}
class SecretsManager:
    """Secrets from several backends, in order, with a TTL cache and an audit list (never values)."""

    def __init__(self, backends: Sequence[tuple[str, Callable[[str], str | None]]], *, ttl: float,
                 clock: Callable[[], float]) -> None:
        ### BEGIN SOLUTION
        self._backends = backends
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[str, float]] = {}
        self.audit: list[AuditEvent] = []
        ### END SOLUTION

    def get(self, name: str) -> str:
        ### BEGIN SOLUTION
        now = self._clock()
        cached = self._cache.get(name)
        if cached is not None and now - cached[1] < self._ttl:
            self.audit.append(AuditEvent(now, name, "cache"))
            return cached[0]
        for backend, lookup in self._backends:
            value = lookup(name)
            if value is not None:
                self._cache[name] = (value, now)
                self.audit.append(AuditEvent(now, name, backend))
                return value
        self.audit.append(AuditEvent(now, name, None))
        raise SecretNotFound(f"{name}: not found in {', '.join(backend for backend, _ in self._backends)}")
        ### END SOLUTION

    def invalidate(self, name: str | None = None) -> None:
        ### BEGIN SOLUTION
        if name is None:
            self._cache.clear()
        else:
            self._cache.pop(name, None)
        ### END SOLUTION


# %% course={"kind": "test", "points": 1}
clock = FakeClock(0)
manager = SecretsManager([("env", {"API_KEY": "from-env"}.get), ("dotenv", {"API_KEY": "x", "DB": "db-pw"}.get)],
                         ttl=300, clock=clock)
assert manager.get("API_KEY") == "from-env" and manager.get("DB") == "db-pw", "the first backend that has it wins"
assert manager.audit == [AuditEvent(0, "API_KEY", "env"), AuditEvent(0, "DB", "dotenv")], manager.audit

# %% course={"kind": "test", "points": 2}
store = {"TOKEN": "v1"}
asked = []
clock = FakeClock(1000)
manager = SecretsManager([("vault", lambda name: asked.append(name) or store.get(name))], ttl=60, clock=clock)
assert manager.get("TOKEN") == "v1"
store["TOKEN"] = "v2"  # rotated in the backend
clock.advance(59)
assert manager.get("TOKEN") == "v1" and asked == ["TOKEN"], "59 s < ttl: from the cache, the backend is not asked"
clock.advance(1)
assert manager.get("TOKEN") == "v2" and asked == ["TOKEN", "TOKEN"], "at ttl the backend is asked again"
assert [event.source for event in manager.audit] == ["vault", "cache", "vault"], manager.audit
assert manager.audit[1] == AuditEvent(1059, "TOKEN", "cache"), f"a cache hit is logged at the time of the get(): {manager.audit[1]}"
### BEGIN HIDDEN TESTS
store["TOKEN"] = "v3"
manager.invalidate("TOKEN")
assert manager.get("TOKEN") == "v3", "invalidate(name) forgets that secret"
store.update(TOKEN="v4", OTHER="o")
manager.get("OTHER")
manager.invalidate()
assert manager.get("TOKEN") == "v4" and len(asked) == 5, "invalidate() forgets everything"
manager.invalidate("NEVER-CACHED")
no_cache = SecretsManager([("vault", lambda name: asked.append(name) or store.get(name))], ttl=0, clock=clock)
no_cache.get("TOKEN")
no_cache.get("TOKEN")
assert len(asked) == 7 and [e.source for e in no_cache.audit] == ["vault", "vault"], "ttl 0: never from the cache"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(5)
manager = SecretsManager([("env", {"EMPTY": ""}.get), ("dotenv", {"EMPTY": "not me"}.get)], ttl=10, clock=clock)
assert manager.get("EMPTY") == "", "an empty string is a value: do not fall through to the next backend"
try:
    manager.get("MISSING")
except SecretNotFound as error:
    assert str(error) == "MISSING: not found in env, dotenv", error
else:
    raise AssertionError("a secret no backend has: SecretNotFound")
assert manager.audit[-1] == AuditEvent(5, "MISSING", None), manager.audit
### BEGIN HIDDEN TESTS
later = {}
manager = SecretsManager([("env", later.get)], ttl=10, clock=clock)
try:
    manager.get("LATE")
except SecretNotFound:
    pass
later["LATE"] = "arrived"
assert manager.get("LATE") == "arrived", "a missing secret is never cached"
assert "not me" not in repr(manager.audit) and all(len(e) == 3 for e in manager.audit)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
fallback_asked = []


def unreachable(name):
    raise ConnectionError("vault: connection refused")


manager = SecretsManager([("vault", unreachable), ("env", lambda name: fallback_asked.append(name) or "dev-value")],
                         ttl=10, clock=FakeClock(0))
try:
    manager.get("DB_PASSWORD")
except ConnectionError:
    pass
else:
    raise AssertionError("an unreachable backend must fail the call (fail closed), not fall back")
assert fallback_asked == [], "later backends are not asked after an error"
### BEGIN HIDDEN TESTS
flaky = {"calls": 0}


def sometimes(name):
    flaky["calls"] += 1
    if flaky["calls"] == 1:
        raise ConnectionError("blip")
    return "ok"


manager = SecretsManager([("vault", sometimes)], ttl=10, clock=FakeClock(0))
try:
    manager.get("K")
except ConnectionError:
    pass
assert manager.get("K") == "ok" and flaky["calls"] == 2, "nothing cached after an error"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
# The four real backends of the roadmap's project: environment, a .env file, AWS Secrets Manager (moto), Vault (stand-in).
moto_url = aws.shared_moto()
project_sm = aws.client("secretsmanager", moto_url)
for secret_id, value in [("proj/DB_PASSWORD", "from-aws"), ("proj/SHARED", "aws-shared")]:
    try:
        project_sm.create_secret(Name=secret_id, SecretString=value)
    except project_sm.exceptions.ResourceExistsException:
        pass


def aws_lookup(name):
    try:
        return project_sm.get_secret_value(SecretId=f"proj/{name}", VersionStage="AWSCURRENT")["SecretString"]
    except project_sm.exceptions.ResourceNotFoundException:
        return None


dotenv_file = scratch_dir("secrets-project") / ".env"
dotenv_file.write_text("API_KEY=from-dotenv\nSHARED=dotenv-shared\n", encoding="utf-8")
with vault_stand_in("t-1", {"secret/app/VAULT_ONLY": {"value": "from-vault"}}) as vault:
    def vault_lookup(name):
        request = urllib.request.Request(f"{vault.url}/v1/secret/data/app/{name}", headers={"X-Vault-Token": "t-1"})
        try:
            with direct_opener().open(request, timeout=10) as answer:
                return json.load(answer)["data"]["data"]["value"]
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    manager = SecretsManager([("env", {"ENV_ONLY": "from-env"}.get), ("dotenv", dotenv_values(dotenv_file).get),
                              ("aws", aws_lookup), ("vault", vault_lookup)], ttl=300, clock=FakeClock(0))
    got = [manager.get(name) for name in ["ENV_ONLY", "API_KEY", "DB_PASSWORD", "VAULT_ONLY", "SHARED"]]
assert got == ["from-env", "from-dotenv", "from-aws", "from-vault", "dotenv-shared"], got
assert [e.source for e in manager.audit] == ["env", "dotenv", "aws", "vault", "dotenv"], manager.audit

# %% course={"kind": "wrong", "id": "truthy-check", "fails": ["t3"]}
class SecretsManager:
    def __init__(self, backends, *, ttl, clock):
        self._backends, self._ttl, self._clock, self._cache, self.audit = list(backends), ttl, clock, {}, []

    def get(self, name):
        now = self._clock()
        if name in self._cache and now - self._cache[name][1] < self._ttl:
            self.audit.append(AuditEvent(now, name, "cache"))
            return self._cache[name][0]
        for backend, lookup in self._backends:
            value = lookup(name)
            if value:  # "" falls through to the next backend
                self._cache[name] = (value, now)
                self.audit.append(AuditEvent(now, name, backend))
                return value
        self.audit.append(AuditEvent(now, name, None))
        raise SecretNotFound(f"{name}: not found in {', '.join(b for b, _ in self._backends)}")

    def invalidate(self, name=None):
        if name is None:
            self._cache.clear()
        else:
            self._cache.pop(name, None)

# %% course={"kind": "wrong", "id": "fallback-on-error", "fails": ["t4"]}
class SecretsManager:
    def __init__(self, backends, *, ttl, clock):
        self._backends, self._ttl, self._clock, self._cache, self.audit = list(backends), ttl, clock, {}, []

    def get(self, name):
        now = self._clock()
        if name in self._cache and now - self._cache[name][1] < self._ttl:
            self.audit.append(AuditEvent(now, name, "cache"))
            return self._cache[name][0]
        for backend, lookup in self._backends:
            try:
                value = lookup(name)
            except Exception:  # "resilient": serves the development value when Vault is down
                continue
            if value is not None:
                self._cache[name] = (value, now)
                self.audit.append(AuditEvent(now, name, backend))
                return value
        self.audit.append(AuditEvent(now, name, None))
        raise SecretNotFound(f"{name}: not found in {', '.join(b for b, _ in self._backends)}")

    def invalidate(self, name=None):
        if name is None:
            self._cache.clear()
        else:
            self._cache.pop(name, None)

# %% course={"kind": "wrong", "id": "cache-event-fetch-time", "fails": ["t2"]}
class SecretsManager:
    def __init__(self, backends, *, ttl, clock):
        self._backends, self._ttl, self._clock, self._cache, self.audit = list(backends), ttl, clock, {}, []

    def get(self, name):
        now = self._clock()
        if name in self._cache and now - self._cache[name][1] < self._ttl:
            value, fetched_at = self._cache[name]
            self.audit.append(AuditEvent(fetched_at, name, "cache"))  # when it was fetched, not when it was read
            return value
        for backend, lookup in self._backends:
            value = lookup(name)
            if value is not None:
                self._cache[name] = (value, now)
                self.audit.append(AuditEvent(now, name, backend))
                return value
        self.audit.append(AuditEvent(now, name, None))
        raise SecretNotFound(f"{name}: not found in {', '.join(b for b, _ in self._backends)}")

    def invalidate(self, name=None):
        if name is None:
            self._cache.clear()
        else:
            self._cache.pop(name, None)

# %% course={"kind": "wrong", "id": "ttl-inclusive", "fails": ["t2"]}
class SecretsManager:
    def __init__(self, backends, *, ttl, clock):
        self._backends, self._ttl, self._clock, self._cache, self.audit = list(backends), ttl, clock, {}, []

    def get(self, name):
        now = self._clock()
        if name in self._cache and now - self._cache[name][1] <= self._ttl:  # one tick too long
            self.audit.append(AuditEvent(now, name, "cache"))
            return self._cache[name][0]
        for backend, lookup in self._backends:
            value = lookup(name)
            if value is not None:
                self._cache[name] = (value, now)
                self.audit.append(AuditEvent(now, name, backend))
                return value
        self.audit.append(AuditEvent(now, name, None))
        raise SecretNotFound(f"{name}: not found in {', '.join(b for b, _ in self._backends)}")

    def invalidate(self, name=None):
        if name is None:
            self._cache.clear()
        else:
            self._cache.pop(name, None)

# %% [markdown] course={"kind": "exercise", "id": "rotate-db-password", "item": "project-19-2-2", "timeout": 60}
# ### Project 19.2.2 (tested core): rotate a real database password through Secrets Manager
#
# Write `rotate_db_password(sm, secret_id, admin_url, new_password, check=can_login) -> str`, the four steps of an
# AWS rotation function done by hand, against moto and a real PostgreSQL. The secret's `AWSCURRENT` value is JSON
# `{"username": ..., "password": ...}` (other fields kept as they are); `admin_url` connects as an administrator.
#
# 1. **create**: store the same JSON with the new password as a new version labelled `AWSPENDING`
#    (`put_secret_value(..., VersionStages=["AWSPENDING"])`);
# 2. **set**: `ALTER ROLE <username> PASSWORD <new>` on the database (quote both with `psycopg.sql`: a password may
#    contain `'`);
# 3. **test**: `check(admin_url, username, new_password)` must return `True` (the default really logs in);
# 4. **finish**: move `AWSCURRENT` to the new version (the old one becomes `AWSPREVIOUS`), remove `AWSPENDING`, and
#    return the new version id.
#
# **Rollback**: if the test step fails, set the old password again, remove `AWSPENDING` from the new version, and
# raise `RotationFailed`; if the set step fails (a `psycopg.Error`: no such role...), remove `AWSPENDING` and raise
# `RotationFailed` from it. Either way `AWSCURRENT` stays where it was, and no message contains a password (name the
# secret id). After any call, no version carries `AWSPENDING`.
#
# ```python
# >>> version = rotate_db_password(sm, "prod/db", admin_url, "n3w-pa55")
# >>> can_login(admin_url, "app", "n3w-pa55"), can_login(admin_url, "app", "old-pa55")
# (True, False)
# ```
#
# "Update applications" is what the other half of the system does: apps that read the secret through a TTL cache
# (project 19.2.1) pick the new value up within one TTL, and the `AWSPREVIOUS` value stays readable for a rollback.

# %% [markdown] course={"kind": "hint"}
# Read the current version first: `sm.get_secret_value(SecretId=..., VersionStage="AWSCURRENT")` gives `VersionId`
# and `SecretString`. The finish step is `sm.update_secret_version_stage(SecretId=..., VersionStage="AWSCURRENT",
# MoveToVersionId=new, RemoveFromVersionId=old)`; removing a label is the same call with only `RemoveFromVersionId`.

# %% [markdown] course={"kind": "hint"}
# `sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(user), sql.Literal(password))` with
# `with psycopg.connect(admin_url) as admin:` (psycopg 3 commits when the block ends without an error). Put the set-password code in a small inner function: the rollback
# calls it again with the old password.

# %% course={"kind": "solution"}
def rotate_db_password(sm: Any, secret_id: str, admin_url: str, new_password: str,
                       check: Callable[[str, str, str], bool] = can_login) -> str:
    ### BEGIN SOLUTION
    current = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")
    old = json.loads(current["SecretString"])
    pending = sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps({**old, "password": new_password}),
                                  VersionStages=["AWSPENDING"])["VersionId"]

    def set_password(password: str) -> None:
        with psycopg.connect(admin_url) as admin:  # the with block commits at its end
            admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(old["username"]), sql.Literal(password)))

    def drop_pending() -> None:
        sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)

    try:
        set_password(new_password)
    except psycopg.Error as error:
        drop_pending()
        raise RotationFailed(f"{secret_id}: could not set the new password") from error
    if not check(admin_url, old["username"], new_password):
        set_password(old["password"])
        drop_pending()
        raise RotationFailed(f"{secret_id}: the new password did not work; rolled back")
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSCURRENT", MoveToVersionId=pending,
                                   RemoveFromVersionId=current["VersionId"])
    drop_pending()
    return pending
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def rotation_fixture(role, password, extra=None):
    """A secret for `role` in moto, named after the role (unique per test); returns (sm, secret id, version id)."""
    rot_sm = aws.client("secretsmanager", aws.shared_moto())
    secret_id = f"rotation/{role}"
    created = rot_sm.create_secret(Name=secret_id, SecretString=json.dumps({"username": role, "password": password, **(extra or {})}))
    return rot_sm, secret_id, created["VersionId"]


def stage_map(rot_sm, secret_id):
    return {version: sorted(labels) for version, labels in rot_sm.describe_secret(SecretId=secret_id)["VersionIdsToStages"].items()}


admin_url = shared_postgres()
with password_role(admin_url, "old-pa55") as role:
    rot_sm, secret_id, first_version = rotation_fixture(role, "old-pa55", {"host": "db.internal"})
    new_version = rotate_db_password(rot_sm, secret_id, admin_url, "n3w-pa55")
    assert type(new_version) is str and new_version != first_version, new_version
    assert can_login(admin_url, role, "n3w-pa55"), "the database accepts the new password"
    assert not can_login(admin_url, role, "old-pa55"), "and no longer the old one"
    current = json.loads(rot_sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"])
    assert current == {"username": role, "password": "n3w-pa55", "host": "db.internal"}, "AWSCURRENT holds the new JSON"

# %% course={"kind": "test", "points": 2}
with password_role(admin_url, "old-pa55") as role:
    rot_sm, secret_id, first_version = rotation_fixture(role, "old-pa55")
    new_version = rotate_db_password(rot_sm, secret_id, admin_url, "n3w-pa55")
    stages_now = stage_map(rot_sm, secret_id)
    assert stages_now == {first_version: ["AWSPREVIOUS"], new_version: ["AWSCURRENT"]}, f"stages: {stages_now}"
    previous = rot_sm.get_secret_value(SecretId=secret_id, VersionStage="AWSPREVIOUS")["SecretString"]
    assert json.loads(previous)["password"] == "old-pa55", "the old value stays readable as AWSPREVIOUS"

# %% course={"kind": "test", "points": 3}
checked = []
with password_role(admin_url, "old-pa55") as role:
    rot_sm, secret_id, first_version = rotation_fixture(role, "old-pa55")
    try:
        rotate_db_password(rot_sm, secret_id, admin_url, "n3w-pa55", check=lambda *args: checked.append(args) or False)
    except RotationFailed as error:
        assert secret_id in str(error) and "pa55" not in str(error), f"name the secret, never a password: {error}"
    else:
        raise AssertionError("a failing test step must raise RotationFailed")
    assert checked == [(admin_url, role, "n3w-pa55")], f"the test step gets (admin_url, username, new password): {checked}"
    assert can_login(admin_url, role, "old-pa55") and not can_login(admin_url, role, "n3w-pa55"), "roll the password back"
    stages_now = stage_map(rot_sm, secret_id)
    assert stages_now[first_version] == ["AWSCURRENT"], "AWSCURRENT stays on the old version"
    assert all("AWSPENDING" not in labels for labels in stages_now.values()), f"no AWSPENDING left: {stages_now}"

# %% course={"kind": "test", "points": 2}
with password_role(admin_url, "old-pa55") as role:
    rot_sm, secret_id, first_version = rotation_fixture(role + "_gone", "old-pa55")
    try:
        rotate_db_password(rot_sm, secret_id, admin_url, "n3w-pa55")
    except RotationFailed as error:
        assert isinstance(error.__cause__, psycopg.Error) and "pa55" not in str(error), repr(error)
    else:
        raise AssertionError("a role that does not exist: RotationFailed from the database error")
    stages_now = stage_map(rot_sm, secret_id)
    assert stages_now[first_version] == ["AWSCURRENT"] and all("AWSPENDING" not in v for v in stages_now.values()), stages_now
### BEGIN HIDDEN TESTS
with password_role(admin_url, "old'pa55") as role:
    rot_sm, secret_id, first_version = rotation_fixture(role, "old'pa55")
    rotate_db_password(rot_sm, secret_id, admin_url, "it's-n3w; DROP ROLE x")
    assert can_login(admin_url, role, "it's-n3w; DROP ROLE x"), "quote the password with sql.Literal"
    rotate_db_password(rot_sm, secret_id, admin_url, "third")
    stages_now = stage_map(rot_sm, secret_id)
    assert sorted(map(tuple, stages_now.values())) == [(), ("AWSCURRENT",), ("AWSPREVIOUS",)], stages_now
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-password-rollback", "fails": ["t3"]}
def rotate_db_password(sm, secret_id, admin_url, new_password, check=can_login):
    current = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")
    old = json.loads(current["SecretString"])
    pending = sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps({**old, "password": new_password}),
                                  VersionStages=["AWSPENDING"])["VersionId"]
    try:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(old["username"]), sql.Literal(new_password)))
    except psycopg.Error as error:
        sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
        raise RotationFailed(secret_id) from error
    if not check(admin_url, old["username"], new_password):  # the stage is cleaned up, the database is not
        sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
        raise RotationFailed(secret_id)
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSCURRENT", MoveToVersionId=pending,
                                   RemoveFromVersionId=current["VersionId"])
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
    return pending

# %% course={"kind": "wrong", "id": "finish-before-test", "fails": ["t3"]}
def rotate_db_password(sm, secret_id, admin_url, new_password, check=can_login):
    current = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")
    old = json.loads(current["SecretString"])
    pending = sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps({**old, "password": new_password}),
                                  VersionStages=["AWSPENDING"])["VersionId"]

    def set_password(password):
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(old["username"]), sql.Literal(password)))

    try:
        set_password(new_password)
    except psycopg.Error as error:
        sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
        raise RotationFailed(secret_id) from error
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSCURRENT", MoveToVersionId=pending,
                                   RemoveFromVersionId=current["VersionId"])  # published before it was tested
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)
    if not check(admin_url, old["username"], new_password):
        set_password(old["password"])
        raise RotationFailed(secret_id)
    return pending

# %% course={"kind": "wrong", "id": "f-string-sql", "fails": ["t4"]}
def rotate_db_password(sm, secret_id, admin_url, new_password, check=can_login):
    current = sm.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")
    old = json.loads(current["SecretString"])
    pending = sm.put_secret_value(SecretId=secret_id, SecretString=json.dumps({**old, "password": new_password}),
                                  VersionStages=["AWSPENDING"])["VersionId"]

    def set_password(password):
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"ALTER ROLE \"{old['username']}\" PASSWORD '{password}'")  # a ' in the password breaks it

    def drop_pending():
        sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSPENDING", RemoveFromVersionId=pending)

    try:
        set_password(new_password)
    except psycopg.Error as error:
        drop_pending()
        raise RotationFailed(secret_id) from error
    if not check(admin_url, old["username"], new_password):
        set_password(old["password"])
        drop_pending()
        raise RotationFailed(secret_id)
    sm.update_secret_version_stage(SecretId=secret_id, VersionStage="AWSCURRENT", MoveToVersionId=pending,
                                   RemoveFromVersionId=current["VersionId"])
    drop_pending()
    return pending

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-secrets-in-production"}
# In one secret manager (Vault, or the cloud's manager), never in code, images or git. Workloads authenticate with
# their platform identity (IAM role, Kubernetes service account, OIDC in CI) instead of a stored key, and read only
# their own secrets (least privilege, per-environment separation). Secrets reach the app at run time: fetched by
# the app through a cached client, or synced into the platform by External Secrets and mounted as files. Prefer
# short-lived or dynamic credentials; rotate the rest automatically; never log them (a wrapper type, redaction);
# audit every access; and scan commits and CI for leaks, with a practised plan to revoke and rotate when one happens.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-secret-rotation"}
# Replacing a secret's value with a new one and retiring the old, on a schedule and at once after a suspected leak,
# so a stolen value stops working. Doing it without downtime needs an overlap: create the new value as pending, set
# it in the system that checks it, test it, then switch readers to it (AWS: `createSecret`, `setSecret`, `testSecret`,
# `finishSecret` and the `AWSPENDING`/`AWSCURRENT`/`AWSPREVIOUS` labels), keep the previous one for a rollback, and
# make clients re-read (TTL caches). Encryption keys rotate the same way with a key list (`MultiFernet`): new key
# first, re-encrypt, drop the old key last.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-prevent-secrets-from-being"}
# Layers, because each one can be skipped: a `.gitignore` for `.env` files and key files from the first commit, with
# a `.env.example` instead; a pre-commit hook (gitleaks, detect-secrets, git-secrets) that scans the *staged*
# content; the same scan in CI on every push and pull request, which `--no-verify` cannot skip; the hosting
# provider's push protection; and code that never needs a literal secret (references to a manager). When one gets
# through anyway: rotate it first (history is already public), then clean the history.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-vault-and"}
# Vault is a server you run (or buy as HCP Vault) that works in any cloud and on premises: many secrets engines
# (dynamic database and cloud credentials, PKI certificates, encryption as a service with `transit`), many auth
# methods, fine-grained policies, leases on everything; the price is operating it (storage, unsealing, upgrades,
# high availability). A cloud manager (AWS Secrets Manager, GCP Secret Manager, Azure Key Vault) is fully managed,
# tied to one cloud's identity, KMS and audit log, cheaper to start, mostly static secrets with versions and
# rotation hooks. One cloud and simple needs: the cloud manager; several clouds, on premises, or dynamic secrets at
# scale: Vault (sometimes both, with External Secrets syncing into Kubernetes).
