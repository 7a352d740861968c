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
# lesson 4. **There is no Vault server offline**: a small stand-in on `127.0.0.1` answers Vault's KV v2 read API
# (`course.runtime.vaultstub`, no policies, leases, logins or writes); everything else about Vault, GCP Secret Manager,
# Azure Key Vault, Kubernetes, truffleHog and git-secrets is explained, not run.
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

    ### BEGIN SOLUTION
    MASK = "*" * 10

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"a Secret holds a str, not {type(value).__name__}")
        if not value:
            raise ValueError("a Secret cannot be empty")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return self.MASK

    def __repr__(self) -> str:
        return f"Secret('{self.MASK}')"

    def __format__(self, spec: str) -> str:
        return self.MASK

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __reduce_ex__(self, protocol: object) -> Any:
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
# The empty string has entropy `0.0`. Return a `float` always.
#
# ```python
# >>> entropy("abab"), entropy("abcd"), entropy("aaaa")
# (1.0, 2.0, 0.0)
# ```

# %% [markdown] course={"kind": "hint"}
# `collections.Counter(text)` counts each character; `math.log2` is the base-2 logarithm.

# %% [markdown] course={"kind": "hint"}
# Divide by `len(text)` (all characters), not by the number of distinct ones; and return early for `""`
# (there is nothing to divide by). `-sum(...)` of an empty generator is `0`, an `int`: write `0.0`.

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

# %% course={"kind": "wrong", "id": "int-for-empty", "fails": ["t2"]}
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
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(f"#!{sys.executable}" + body, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | 0o111)
    return hook
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
hook_repo = new_repo("hook")
hook_path = install_hook(hook_repo)
assert hook_path == hook_repo / ".git" / "hooks" / "pre-commit", hook_path
assert os.access(hook_path, os.X_OK), "the hook must be executable, or git skips it without a word"
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
