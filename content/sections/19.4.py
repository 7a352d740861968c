# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can audit a Python project's dependencies with `pip-audit`, read what it
# did and did not check, pin and hash-lock requirements so that `pip` refuses a changed file, run a private package
# index and see how dependency confusion happens, and turn scan results into a CI verdict and an update policy.
#
# **What is real here and what is not.** `pip` and `pip-audit` 2.10 are the real tools, run as real processes.
# The vulnerability database is **not** the real OSV service: it is `course.runtime.osvstub`, a small HTTP server on
# `127.0.0.1` that answers OSV's `POST /v1/query` from `data/advisories.json`. Every advisory in that file is an
# **invented fixture** for invented packages (`acme-yaml`, `tinyhttp-lite`, ids `COURSE-2026-...`): none of it is
# a real CVE. The stub matches only the explicit `versions` list of an advisory (no range evaluation, no batch
# queries). The package index is `course.runtime.pyindex`, a PEP 503/691 "simple" index on `127.0.0.1` serving
# wheels this notebook builds; it has no uploads and no login. Nothing here talks to PyPI or the internet.

# %% course={"kind": "setup", "id": "deps-helpers"}
# What the demos and tests share. `osv_server(advisories)` (course/runtime/osvstub.py) serves OSV's query API on
# 127.0.0.1 for one `with` block; `package_index(files)` and `tiny_wheel(...)` (course/runtime/pyindex.py) serve and
# build wheels; `scratch_dir(tag)` is a temporary folder removed with the kernel. `tool(...)` runs pip or pip-audit
# from this kernel's environment, isolated from your own pip configuration, and returns the finished process.
import datetime
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from course.runtime.ciconfig import load_yaml, schema_errors, validator
from course.runtime.osvstub import load_advisories, osv_server, query
from course.runtime.pyindex import JSON_TYPE, fetch, package_index, sha256_file, tiny_wheel
from course.runtime.scratch import scratch_dir

ADVISORIES = load_advisories("data/advisories.json")  # invented fixtures, see the top of the notebook
SCRATCH = scratch_dir("deps194")
BIN = Path(sys.executable).parent
QUIET_ENV = {**os.environ, "NO_PROXY": "127.0.0.1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def tool(*args: str, show: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `pip ...` or `pip-audit ...` (the first argument) from this environment; print the exit code, the
    time it took and the last lines it wrote (when `show`). pip runs `--isolated`: no pip.conf, no PIP_* variables."""
    if args[0] == "pip":
        command = [sys.executable, "-m", "pip", "--isolated", "--no-cache-dir", *args[1:]]
    else:
        command = [str(BIN / args[0]), *args[1:]]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=QUIET_ENV, timeout=120, check=False)
    if show:
        print(f"$ {' '.join(args[:2])} ...  -> exit code {done.returncode} in {time.perf_counter() - started:.1f} s")
        lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        print("\n".join(lines[-6:]))
    return done


class Req(NamedTuple):
    """One requirement line: where it is, the canonical name, the specifier as packaging prints it, the extras
    (sorted), the marker (or None) and the `--hash` values (in file order)."""

    file: str
    line: int
    name: str
    specifier: str
    extras: tuple[str, ...]
    marker: str | None
    hashes: tuple[str, ...]


class RequirementsError(ValueError):
    """A requirements file line we cannot read; the message starts with `file:line:`."""


class Finding(NamedTuple):
    """One vulnerability found in one pinned dependency."""

    name: str
    version: str
    id: str
    fixed: tuple[str, ...]


class Ignore(NamedTuple):
    """An accepted risk: ignore vulnerability `id` (or any of its aliases) until the end of day `until`."""

    id: str
    until: datetime.date
    reason: str


# %% [markdown] course={"kind": "lesson", "id": "supply-chain", "covers": ["c-supply-chain-security", "c-dependency-risks", "c-typosquatting", "c-malicious-packages"]}
# ### The supply chain: code you did not write runs with your permissions
#
# A `pip install` runs other people's code on your machine, in your CI runner (with its deploy keys) and in your
# production image. **Supply-chain security** is the work of deciding which of that code you trust and noticing
# when it changes. The main ways it goes wrong:
#
# | risk | what happens | what helps |
# |---|---|---|
# | known vulnerability | a version you pinned has a published flaw | scanners, regular updates |
# | typosquatting | `reqeusts` or `python-dateutils` uploaded by an attacker, installed by a typo | review new names, allow-lists, distance checks |
# | dependency confusion | your internal `acme-utils` also exists on the public index with a higher version | one index that proxies, or names you own publicly |
# | malicious install code | an sdist's `setup.py` runs at install; a wheel can ship a `.pth` file that runs at every interpreter start | prefer wheels, hashes, `--only-binary`, review |
# | compromised maintainer | a real project's account publishes a bad release | pins + hashes, delay adopting new releases, provenance |
#
# Names are compared **after PEP 503 normalisation**: case is ignored and runs of `-`, `_`, `.` are one `-`.
# So `Acme.Utils` and `acme_utils` are the *same* project, and a typosquat has to differ by more than that.
# The one thing people get wrong: they think a package is only dangerous when they `import` it. The demo builds a
# wheel and lists what `pip` would place in `site-packages`: a `.pth` file there would run at *every* start.

# %% course={"kind": "demo"}
for spelling in ["Acme.Utils", "acme_utils", "ACME--utils", "acme-utiles"]:
    print(f"{spelling:12} -> {canonicalize_name(spelling)}")
demo_wheel = tiny_wheel(SCRATCH, "acme-utils", "1.0", code="def greet():\n    return 'hello'")
import zipfile  # noqa: E402  (only this demo needs it)

with zipfile.ZipFile(demo_wheel) as archive:
    print(demo_wheel.name, "would install:", archive.namelist())

# %% [markdown] course={"kind": "lesson", "id": "scanning", "covers": ["c-vulnerability-scanning", "c-safety-python-security-checker", "c-pip-audit", "c-snyk", "c-dependabot"]}
# ### Vulnerability scanning: which database, and what did it actually check?
#
# A scanner takes your list of `name==version` and asks a vulnerability database which of them have advisories.
#
# | tool | database | runs where | notes |
# |---|---|---|---|
# | `pip-audit` (PyPA) | PyPI's JSON API (default) or OSV (`-s osv`) | your machine, CI | free; exit code 1 on findings; `--fix`, `-f json`, `--ignore-vuln` |
# | `safety` | Safety's own database (an account for the full one) | your machine, CI | needs the network to fetch its database; **not used here** (offline it fails with a connection error) |
# | Snyk | Snyk's database | SaaS + CLI | also scans containers and code; needs an account |
# | Dependabot | GitHub Advisory Database | GitHub | alerts and pull requests; configured by `.github/dependabot.yml` |
# | OSV / osv-scanner | osv.dev, which aggregates many sources (PyPA advisories, GitHub, ...) | API / CLI | one open schema for advisories |
#
# `pip-audit -r requirements.txt` normally builds a temporary virtual environment and runs `pip` in it to resolve
# dependencies, which needs an index. With `--no-deps --disable-pip` it audits exactly the pinned lines of the
# file (and refuses a line that is not pinned with `==`). We also give it `--cache-dir` in scratch, and point
# `--osv-url` at our stub, so nothing leaves this machine.
#
# **The trap:** "No known vulnerabilities found" means *the database you asked* had nothing. A database that does
# not know your packages (a private name, an empty or wrong mirror, a feed that is down and answering empty) gives
# the same happy line and exit code 0. The second run below asks a stub with no advisories at all.

# %% course={"kind": "demo"}
audit_requirements = SCRATCH / "audit-requirements.txt"
audit_requirements.write_text("acme-yaml==1.4.1\ntinyhttp-lite==2.4\n", encoding="utf-8")
audit_args = ["--no-deps", "--disable-pip", "-r", str(audit_requirements), "--progress-spinner", "off",
              "--cache-dir", str(SCRATCH / "audit-cache"), "-s", "osv", "--osv-url"]
with osv_server(ADVISORIES) as osv:
    found = tool("pip-audit", *audit_args, osv.url, "-f", "json", show=False)
    print("exit code", found.returncode, "| queries the stub received:", [q["package"]["name"] for q in osv.queries])
    for dependency in json.loads(found.stdout)["dependencies"]:
        print(dependency["name"], dependency["version"], [(v["id"], v["fix_versions"]) for v in dependency["vulns"]])

# %% [markdown] course={"kind": "text"}
# Now the same file against a database that knows nothing (as a private mirror that was never filled would):

# %% course={"kind": "demo"}
with osv_server([]) as empty_osv:
    nothing = tool("pip-audit", *audit_args, empty_osv.url)
print("the same requirements, exit code", nothing.returncode, "- nothing was really checked")

# %% [markdown] course={"kind": "text"}
# Read the exit code, not the sentence: CI should also fail when the scan could not check a dependency. Two more
# things the runs above show: pip-audit sends one query per pinned package (the stub recorded them), and the fix
# version it reports comes from the advisory's `fixed` event. A package the PyPI database does not know (answer
# 404) is *skipped* with a note, and the exit code stays 0 (pip-audit's source, `_cli.py`, 2.10.1).

# %% [markdown] course={"kind": "lesson", "id": "managing", "covers": ["c-dependency-management", "c-pinning-versions", "c-lock-files", "c-regular-updates", "c-minimal-dependencies"]}
# ### Pinning, lock files and hashes
#
# A **range** (`acme-utils>=1.0`) says what your code works with; a **pin** (`acme-utils==1.0`) says what you
# deploy. Applications deploy pins for every package, direct and indirect: that list is a **lock file**
# (`pip-compile` output, `uv.lock`, `poetry.lock`, `pylock.toml` of PEP 751). A pin names a version, but a
# version is only a label on an index: a **hash** (`--hash=sha256:...`) names the exact bytes. With a hash on every
# line (or `--require-hashes`), pip refuses any file whose sha256 differs, whatever the index or mirror serves.
#
# Pins go stale, so **regular updates** (a weekly bot, a monthly review) are part of the deal: a pinned project
# that never updates collects known vulnerabilities. And every dependency is more code to trust and update:
# **minimal dependencies** (the standard library first, small packages, no "utility" package for one function)
# is a security measure. Below: a real `pip install --require-hashes` from a local folder of wheels
# (`--no-index --find-links`), then the same install after the wheel's bytes changed.

# %% course={"kind": "demo"}
wheels = SCRATCH / "wheels"
wheels.mkdir()
good_wheel = tiny_wheel(wheels, "acme-utils", "1.0", code="def greet():\n    return 'hello'")
locked = SCRATCH / "locked.txt"
locked.write_text(f"acme-utils==1.0 --hash=sha256:{sha256_file(good_wheel)}\n", encoding="utf-8")
print(locked.read_text(encoding="utf-8"))
installed = tool("pip", "install", "--no-index", "--find-links", str(wheels), "--require-hashes",
                 "--target", str(SCRATCH / "site1"), "-r", str(locked))

# %% course={"kind": "demo"}
tiny_wheel(wheels, "acme-utils", "1.0", code="import os  # someone changed the file, same name and version")
refused = tool("pip", "install", "--no-index", "--find-links", str(wheels), "--require-hashes",
               "--target", str(SCRATCH / "site2"), "-r", str(locked))
print("installed anything?", (SCRATCH / "site2").exists())

# %% [markdown] course={"kind": "lesson", "id": "verification", "covers": ["c-package-verification", "c-checksums", "c-signatures", "c-trusted-sources"]}
# ### Verifying what you download: checksums and signatures
#
# A **checksum** (sha256) proves the bytes are the ones somebody wrote down; it does not say *who* wrote them
# down. Indexes publish the sha256 of each file (the `#sha256=` fragment of a PEP 503 link, the `hashes` of PEP
# 691 JSON), and pip checks it on download. A **signature** adds who: a private key signs the bytes, anyone with
# the public key can check. PyPI dropped PGP signatures; today the route is **Sigstore**: a CI job signs with a
# short-lived certificate tied to its identity (for example a GitHub Actions workflow of a given repository), and
# **PEP 740** attestations on PyPI publish that provenance next to each file. Checking it answers "was this built
# by the project's own workflow?", which a hash alone cannot. **Trusted sources** means installing only from
# indexes you chose (your proxy, PyPI), over HTTPS, never `--trusted-host` for convenience. The demo shows the
# idea of a detached signature with Ed25519 from `cryptography` (the mechanism, not Sigstore itself).

# %% course={"kind": "demo"}
from cryptography.exceptions import InvalidSignature  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

signing_key = Ed25519PrivateKey.generate()
public_key = signing_key.public_key()
payload = good_wheel.read_bytes()  # the wheel as it is now (changed by the previous demo)
signature = signing_key.sign(payload)
print("sha256:", sha256_file(good_wheel)[:16], "... signature:", signature.hex()[:16], "...", len(signature), "bytes")
public_key.verify(signature, payload)
print("signature checks on the same bytes")
try:
    public_key.verify(signature, payload + b" ")
except InvalidSignature:
    print("one byte more: InvalidSignature")

# %% [markdown] course={"kind": "lesson", "id": "ci", "covers": ["c-ci-cd-integration", "c-automated-scanning", "c-blocking-vulnerable-deps", "c-automatic-prs-for-updates"]}
# ### In CI: scan every build, block on findings, let a bot open the updates
#
# A CI step blocks a merge when its command exits non-zero, so `pip-audit` (exit 1 on findings) blocks by itself.
# What teams add: a report artefact (`-f json -o audit.json`), an **ignore list with expiry dates** for accepted
# risks (`--ignore-vuln ID` without a date is forgotten for ever), and a schedule (a nightly scan catches
# advisories published after the merge). **Automatic update PRs** come from Dependabot or Renovate: Dependabot reads
# `.github/dependabot.yml`. The demo writes one and validates it, as data, against the JSON schema that
# check-jsonschema ships (the same check its pre-commit hook runs). GitHub itself is not involved.

# %% course={"kind": "demo"}
dependabot_yml = "\n".join([
    "version: 2",
    "updates:",
    "  - package-ecosystem: pip",
    "    directory: /",
    "    schedule:",
    "      interval: weekly",
    "    open-pull-requests-limit: 5",
    "    groups:",
    "      patches:",
    "        update-types: [patch]",
    "  - package-ecosystem: github-actions",
    "    directory: /",
    "    schedule:",
    "      interval: monthly",
])
(SCRATCH / ".github").mkdir()
(SCRATCH / ".github" / "dependabot.yml").write_text(dependabot_yml + "\n", encoding="utf-8")
dependabot_schema = validator("dependabot")
print("errors:", schema_errors(dependabot_schema, load_yaml(dependabot_yml)))
print("with a typo:", schema_errors(dependabot_schema, load_yaml(dependabot_yml.replace("weekly", "weekely")))[0])

# %% [markdown] course={"kind": "lesson", "id": "private", "covers": ["c-private-packages", "c-private-pypi", "c-package-signing", "c-access-control"]}
# ### A private index, and how dependency confusion happens
#
# Internal packages live on a **private index** (devpi, a cloud artifact registry, Nexus, Artifactory, or a plain
# folder served over HTTPS): all pip needs is the "simple" API of PEP 503 (HTML links) or PEP 691 (JSON).
# **Access control** there means who may upload (CI only, with a scoped token), who may read (a token per
# consumer, revoked when they leave), and **package signing** or attestations on upload so consumers can check
# provenance. The trap is `--extra-index-url`: pip treats every index as equal and takes the **highest version**
# from any of them. If an attacker uploads your internal name to the public index with version 99, it wins. The
# fix is one index that proxies the public one and never serves a public file for a name you own, or names you
# also register publicly. Below: a real private index and a "public" one, both on `127.0.0.1`, and one `pip download` that may use both.

# %% course={"kind": "demo"}
private_dir, public_dir = SCRATCH / "private", SCRATCH / "public"
private_dir.mkdir()
public_dir.mkdir()
ours = tiny_wheel(private_dir, "acme-utils", "1.2")
theirs = tiny_wheel(public_dir, "acme-utils", "99.0", code="print('attacker code ran')")
with package_index([ours]) as private, package_index([theirs]) as public:
    print(fetch(private.url + "acme-utils/").decode().strip().splitlines()[2])
    tool("pip", "download", "--no-deps", "-d", str(SCRATCH / "dl-both"), "--index-url", private.url,
         "--extra-index-url", public.url, "acme-utils")
    print("the private index was asked for:", private.requests, "the public one for:", public.requests)
print("with --extra-index-url pip took:", sorted(os.listdir(SCRATCH / "dl-both")))
