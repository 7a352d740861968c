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
# **What is real here and what is not.** `pip` and `pip-audit` 2.10 are the real tools, run as real processes (checked
# with pip 23.2 and pip-audit 2.10.1; other pip versions word their messages a little differently).
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
import re
import subprocess
import sys
import tempfile
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
QUIET_ENV = {**os.environ, "NO_PROXY": "127.0.0.1"}


def tool(*args: str, show: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `pip ...` or `pip-audit ...` (the first argument) from this environment; print the exit code, the
    time it took and the last lines it wrote (when `show`). pip runs `--isolated` (no pip.conf, no PIP_* variables),
    so its check for a newer pip, which would ask the demo's indexes for `pip`, is turned off on the command line."""
    if args[0] == "pip":
        command = [sys.executable, "-m", "pip", "--isolated", "--no-cache-dir", "--disable-pip-version-check", *args[1:]]
    else:
        command = [str(BIN / args[0]), *args[1:]]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=QUIET_ENV, timeout=120, check=False)
    if show:
        print(f"$ {' '.join(args[:2])} ...  -> exit code {done.returncode} in {time.perf_counter() - started:.1f} s")
        lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        print("\n".join(lines[-6:]))
    return done


def semver_key(text: str) -> tuple[tuple[int, ...], int, tuple[tuple[int, int, str], ...]]:
    """A sort key for a Semantic Versioning 2.0 string (`1.2.3`, `1.0.0-rc.1`, `2.0.0+build`; a short `1` or
    `0` is padded with zeros): a pre-release sorts before its release, numeric identifiers before words."""
    core, _, pre = text.split("+", 1)[0].partition("-")
    numbers = tuple(int(part) for part in (core.split(".") + ["0", "0"])[:3])
    if not pre:
        return numbers, 1, ()
    return numbers, 0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))


def page_of(name: str, files: list[tuple[str, object]]) -> dict:
    """A PEP 691 project page (the JSON a simple index answers) with these (file name, yanked) entries."""
    return {"meta": {"api-version": "1.0"}, "name": name,
            "files": [{"filename": f, "url": f"/files/{f}", "hashes": {}, "yanked": y} for f, y in files]}


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
# | `safety` | Safety's own database (an account for the full one) | your machine, CI | fetches its database over the network, so it cannot run offline: **not used here** |
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
# Neither the sentence nor the exit code tells an empty database from a clean project: the second run passes CI
# exactly as a clean project would. What helps is a **canary**: one pin you know is vulnerable, scanned on every run,
# whose finding must appear (when it does not, the database is the problem). Two more things the runs above show:
# pip-audit sends one query per pinned package (the stub recorded them), and the fix version it reports comes from
# the advisory's `fixed` event. A package the PyPI database does not know (answer 404) is *skipped* with a note,
# and the exit code stays 0 unless you pass `--strict` (`-S`), which makes a skip fatal (pip-audit's source,
# `_cli.py`, 2.10.1). In CI, use `--strict`.

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
# --no-warn-conflicts: skip pip's scan of this kernel's whole environment after installing (seconds, not the point)
installed = tool("pip", "install", "--no-index", "--find-links", str(wheels), "--require-hashes", "--no-warn-conflicts",
                 "--target", str(SCRATCH / "site1"), "-r", str(locked))

# %% course={"kind": "demo"}
tiny_wheel(wheels, "acme-utils", "1.0", code="import os  # someone changed the file, same name and version")
refused = tool("pip", "install", "--no-index", "--find-links", str(wheels), "--require-hashes", "--no-warn-conflicts",
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

# %% [markdown] course={"kind": "text"}
# An update bot keeps a bump only when the project's tests pass on it (the `update-bot` exercise). Here is the
# "run the tests" step for real: a tiny project in scratch whose test reads its own pin, run by `pytest` in a
# separate process. The bot reads only the exit code: 0 keeps the update, anything else reverts it.

# %% course={"kind": "demo"}
bot_project = SCRATCH / "bot-demo"
bot_project.mkdir()
(bot_project / "requirements.txt").write_text("acme-yaml==2.0.0\n", encoding="utf-8")
(bot_project / "test_pins.py").write_text(
    "from pathlib import Path\n\n\ndef test_still_on_major_1():\n"
    "    pin = Path(__file__).with_name('requirements.txt').read_text().split('==')[1]\n"
    "    assert pin.startswith('1.'), f'our code supports acme-yaml 1.x only, got {pin.strip()}'\n",
    encoding="utf-8",
)
(bot_project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # so no configuration above it is read
pytest_env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # this kernel's plugins would cost seconds
pytest_run = subprocess.run([sys.executable, "-m", "pytest", "-q", "--color=no", "-p", "no:cacheprovider", str(bot_project)],
                            capture_output=True, text=True, cwd=bot_project, env=pytest_env, timeout=120, check=False)
print("pytest exit code:", pytest_run.returncode, "->", "keep the bump" if pytest_run.returncode == 0 else "revert it")
print(pytest_run.stdout.strip().splitlines()[-1])

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
    print(fetch(private.url + "acme-utils/").decode().strip().splitlines()[2])  # PEP 503: one link per file
    print(json.loads(fetch(private.url + "acme-utils/", accept=JSON_TYPE))["files"][0])  # PEP 691: the same as JSON
    tool("pip", "download", "--no-deps", "-d", str(SCRATCH / "dl-both"), "--index-url", private.url,
         "--extra-index-url", public.url, "acme-utils")
    print("the private index was asked for:", private.requests, "the public one for:", public.requests)
print("with --extra-index-url pip took:", sorted(os.listdir(SCRATCH / "dl-both")))

# %% [markdown] course={"kind": "exercise", "id": "parse-requirements", "item": "x-audit-dependencies-for-a-project"}
# ### Read a requirements file into records
#
# Every scanner starts by reading `requirements.txt`. Write `parse_requirements(files, name)`: `files` maps file
# names to their text (no disk), `name` is the file to read. Return a `list` of `Req` records (the class is given),
# one per requirement line, in file order:
#
# - `file` and `line`: the file name and the 1-based line number in *that* file;
# - `name`: the canonical name (`packaging.utils.canonicalize_name`); `specifier`: `str()` of packaging's
#   specifier set (`""` when there is none); `extras`: sorted tuple; `marker`: `str()` of the marker or `None`;
# - `hashes`: the values of `--hash=` options on the line, in order (`("sha256:ab12",)`).
#
# Blank lines and comments (`#` at the start of a line, or after whitespace) are skipped. A line `-r other.txt`
# (or `--requirement other.txt`) includes that file's records at that point. A line `packaging` cannot read, or
# an include of a file not in `files`, raises `RequirementsError` whose message starts with `file:line:`.
#
# ```python
# parse_requirements({"r.txt": "# app\nAcme_YAML[fast]>=1.4 ; python_version < '3.12'\n"}, "r.txt")
# [Req(file='r.txt', line=2, name='acme-yaml', specifier='>=1.4', extras=('fast',),
#      marker='python_version < "3.12"', hashes=())]
# ```

# %% [markdown] course={"kind": "hint"}
# `packaging.requirements.Requirement(text)` gives `.name`, `.specifier`, `.extras` and `.marker`, and raises
# `InvalidRequirement` for a line it cannot read. Count lines with `enumerate(..., start=1)` *before* skipping any.

# %% [markdown] course={"kind": "hint"}
# Remove comments with `re.sub(r"(^|\s)#.*", "", line)`. Split the rest on `" --hash="`: the first piece is the
# requirement, the others are hashes. For `-r`, call `parse_requirements` again and `extend` the result.

# %% course={"kind": "solution"}
def parse_requirements(files: Mapping[str, str], name: str) -> list[Req]:
    ### BEGIN SOLUTION
    records: list[Req] = []
    for number, raw in enumerate(files[name].splitlines(), start=1):
        text = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not text:
            continue
        option, _, target = text.partition(" ")
        if option in ("-r", "--requirement"):
            target = target.strip()
            if target not in files:
                raise RequirementsError(f"{name}:{number}: no such file {target!r}")
            records.extend(parse_requirements(files, target))
            continue
        requirement_text, *hashes = text.split(" --hash=")
        try:
            requirement = Requirement(requirement_text)
        except InvalidRequirement as error:
            raise RequirementsError(f"{name}:{number}: {error}") from None
        marker = str(requirement.marker) if requirement.marker is not None else None
        records.append(Req(name, number, canonicalize_name(requirement.name), str(requirement.specifier),
                           tuple(sorted(requirement.extras)), marker, tuple(h.strip() for h in hashes)))
    return records
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
simple_file = {"r.txt": "# our app\n\nAcme_YAML[fast,cli]>=1.4,<2 ; python_version < '3.12'\ntinyhttp-lite==2.4  # pinned\n"}
got = parse_requirements(simple_file, "r.txt")
assert type(got) is list and all(type(r) is Req for r in got), "a list of Req records"
assert [(r.line, r.name) for r in got] == [(3, "acme-yaml"), (4, "tinyhttp-lite")], "line numbers count every line; names are canonical"
assert got[0].specifier == str(SpecifierSet(">=1.4,<2")) and got[0].extras == ("cli", "fast"), got[0]
assert got[0].marker == 'python_version < "3.12"' and got[1].marker is None, "marker as packaging prints it, or None"
assert got[1] == Req("r.txt", 4, "tinyhttp-lite", "==2.4", (), None, ()), got[1]
assert type(got[1].specifier) is str and type(got[1].extras) is tuple and type(got[1].hashes) is tuple, "plain str and tuples"
### BEGIN HIDDEN TESTS
assert parse_requirements({"e.txt": ""}, "e.txt") == [] and parse_requirements({"e.txt": "\n# x\n   \n"}, "e.txt") == []
plain = parse_requirements({"p.txt": "Flask\n"}, "p.txt")[0]
assert plain.specifier == "" and plain.extras == () and plain.hashes == ()
assert parse_requirements({"t.txt": "a==1\t# tab comment\n"}, "t.txt")[0].specifier == "==1"
assert parse_requirements({"x.txt": "a[h,c,f,b,g,e,a,d]==1\n"}, "x.txt")[0].extras == tuple("abcdefgh"), "extras sorted"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
nested = {"base.txt": "acme-yaml==1.4.1\n", "dev.txt": "tinyhttp-lite==2.4\n-r base.txt\nzz-top==1\n"}
got = parse_requirements(nested, "dev.txt")
assert [(r.file, r.line, r.name) for r in got] == [("dev.txt", 1, "tinyhttp-lite"), ("base.txt", 1, "acme-yaml"), ("dev.txt", 3, "zz-top")], got
### BEGIN HIDDEN TESTS
deeper = {"a.txt": "--requirement b.txt\n", "b.txt": "\n-r   c.txt\n", "c.txt": "\n\nx==1\n"}
assert [(r.file, r.line) for r in parse_requirements(deeper, "a.txt")] == [("c.txt", 3)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
hashed = {"lock.txt": "acme-yaml==1.4.2 --hash=sha256:aa11 --hash=sha256:bb22\n"}
assert parse_requirements(hashed, "lock.txt")[0].hashes == ("sha256:aa11", "sha256:bb22"), "hashes in order, without --hash="
assert parse_requirements(hashed, "lock.txt")[0].specifier == "==1.4.2", "the hashes are not part of the specifier"
### BEGIN HIDDEN TESTS
assert parse_requirements({"l.txt": "a==1 --hash=sha256:x1  --hash=sha256:y2\n"}, "l.txt")[0].hashes == ("sha256:x1", "sha256:y2")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for broken, where in [({"r.txt": "ok==1\n\nnot a requirement!!\n"}, "r.txt:3:"), ({"r.txt": "# x\n-r missing.txt\n"}, "r.txt:2:")]:
    try:
        parse_requirements(broken, "r.txt")
    except RequirementsError as error:
        assert str(error).startswith(where), f"the message should start with {where!r}: {error}"
    else:
        raise AssertionError(f"{broken} should raise RequirementsError")
### BEGIN HIDDEN TESTS
try:
    parse_requirements({"m.txt": "a==1\n-r n.txt\n", "n.txt": "ok==1\n==2\n"}, "m.txt")
except RequirementsError as error:
    assert str(error).startswith("n.txt:2:"), "an error inside an included file names that file and its line"
else:
    raise AssertionError("a bad line in an included file must raise")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counts-only-requirements", "fails": ["t1", "t2", "t3", "t4"]}
def parse_requirements(files, name):
    records = []
    lines = [re.sub(r"(^|\s)#.*", "", raw).strip() for raw in files[name].splitlines()]
    for number, text in enumerate([t for t in lines if t], start=1):
        option, _, target = text.partition(" ")
        if option in ("-r", "--requirement"):
            if target.strip() not in files:
                raise RequirementsError(f"{name}:{number}: no such file")
            records.extend(parse_requirements(files, target.strip()))
            continue
        requirement_text, *hashes = text.split(" --hash=")
        try:
            requirement = Requirement(requirement_text)
        except InvalidRequirement as error:
            raise RequirementsError(f"{name}:{number}: {error}") from None
        marker = str(requirement.marker) if requirement.marker is not None else None
        records.append(Req(name, number, canonicalize_name(requirement.name), str(requirement.specifier),
                           tuple(sorted(requirement.extras)), marker, tuple(hashes)))
    return records


# %% course={"kind": "wrong", "id": "raw-names-no-includes", "fails": ["t1", "t2", "t3", "t4"]}
def parse_requirements(files, name):
    records = []
    for number, raw in enumerate(files[name].splitlines(), start=1):
        text = raw.split("#")[0].strip()
        if not text or text.startswith("-"):
            continue
        requirement_text, *hashes = text.split(" --hash=")
        try:
            requirement = Requirement(requirement_text)
        except InvalidRequirement as error:
            raise RequirementsError(f"{name}:{number}: {error}") from None
        marker = str(requirement.marker) if requirement.marker is not None else None
        records.append(Req(name, number, requirement.name, str(requirement.specifier),
                           tuple(sorted(requirement.extras)), marker, tuple(hashes)))
    return records


# %% [markdown] course={"kind": "exercise", "id": "osv-ranges", "item": "x-audit-dependencies-for-a-project"}
# ### Is this version affected? OSV ranges
#
# An OSV advisory lists, per package, an explicit `versions` list and/or `ranges`. A range has a `type` and
# `events`: `{"introduced": v}` (affected from `v` on, `"0"` means from the start), `{"fixed": v}` (not affected
# from `v` on), `{"last_affected": v}` (affected up to and including `v`). To evaluate one range, go through its
# events **sorted by version** and, for every event at or below the version you check (`last_affected`: strictly
# below), switch the state: introduced turns it on, fixed and last_affected turn it off. The version is affected
# when the state ends on for some range. Compare `ECOSYSTEM` versions with `packaging.version.Version` (PEP 440) and
# `SEMVER` versions with the given `semver_key`; ignore other types (`GIT`).
#
# Write `is_affected(affected, version) -> bool` for one `affected` entry: `True` if `version` is in its
# `versions` list or in one of its ranges.
#
# ```python
# entry = {"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.4.2"}]}]}
# is_affected(entry, "1.4.1"), is_affected(entry, "1.4.2"), is_affected(entry, "1.10")   # (True, False, False)
# ```

# %% [markdown] course={"kind": "hint"}
# Versions are not strings: `"1.10" < "1.4.2"` is true for strings, false for versions. Pick a key function per
# range type (`Version` or `semver_key`) and use it both to sort events and to compare.

# %% [markdown] course={"kind": "hint"}
# Each event is a one-entry dict: `kind, at = next(iter(event.items()))`.

# %% course={"kind": "solution"}
def is_affected(affected: Mapping, version: str) -> bool:
    ### BEGIN SOLUTION
    if version in affected.get("versions", []):
        return True
    for span in affected.get("ranges", []):
        key = {"ECOSYSTEM": Version, "SEMVER": semver_key}.get(span["type"])
        if key is None:
            continue
        here = key(version)
        inside = False
        for event in sorted(span["events"], key=lambda e: key(next(iter(e.values())))):
            kind, at = next(iter(event.items()))
            if kind == "introduced" and key(at) <= here:
                inside = True
            elif kind == "fixed" and key(at) <= here:
                inside = False
            elif kind == "last_affected" and key(at) < here:
                inside = False
        if inside:
            return True
    return False
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
yaml_entry = ADVISORIES[0]["affected"][0]
only_ranges = {"ranges": yaml_entry["ranges"]}
assert is_affected(only_ranges, "1.4.1") is True and is_affected(only_ranges, "0.1") is True, "below the fix: affected"
assert is_affected(only_ranges, "1.4.2") is False, "the fixed version itself is safe"
assert is_affected(only_ranges, "1.10") is False, "1.10 is after 1.4.2: compare versions, not strings"
### BEGIN HIDDEN TESTS
assert is_affected(only_ranges, "1.4.2rc1") is True and is_affected(only_ranges, "1.4.2.post1") is False
assert is_affected({}, "1.0") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
two_ranges = {"ranges": ADVISORIES[1]["affected"][0]["ranges"]}
checks = {"1.9": False, "2.0": True, "2.3.0": True, "2.3.1": False, "2.9": False, "2.10": False, "3.0": True, "3.0.3": True, "3.0.4": False}
assert {v: is_affected(two_ranges, v) for v in checks} == checks, "each range on its own; introduced is inclusive, fixed exclusive"
### BEGIN HIDDEN TESTS
unsorted = {"ranges": [{"type": "ECOSYSTEM", "events": [{"fixed": "2.0"}, {"introduced": "3.0"}, {"introduced": "1.0"}, {"fixed": "4.0"}]}]}
assert [is_affected(unsorted, v) for v in ["0.9", "1.0", "1.5", "2.0", "2.5", "3.0", "3.9", "4.0"]] == [False, True, True, False, False, True, True, False]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
semver = {"ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0-alpha"}, {"last_affected": "1.0.0-x.7"}]}]}
assert is_affected(semver, "1.0.0-x.7") is True, "last_affected is included"
assert is_affected(semver, "1.0.0-x.8") is False and is_affected(semver, "1.0.0") is False
assert is_affected(semver, "0.9.9") is False and is_affected(semver, "1.0.0-beta") is True
assert is_affected({"versions": ["9.9"], "ranges": [{"type": "GIT", "events": [{"introduced": "abc123"}]}]}, "9.9") is True
assert is_affected({"ranges": [{"type": "GIT", "events": [{"introduced": "0"}]}]}, "9.9") is False, "GIT ranges are ignored"
git_first = {"ranges": [{"type": "GIT", "events": [{"introduced": "abc"}]}, {"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}
assert is_affected(git_first, "9.9") is True, "a GIT range is skipped, the next range still counts"

# %% course={"kind": "wrong", "id": "string-compare", "fails": ["t1", "t2", "t3"]}
def is_affected(affected, version):
    if version in affected.get("versions", []):
        return True
    for span in affected.get("ranges", []):
        if span["type"] not in ("ECOSYSTEM", "SEMVER"):
            continue
        inside = False
        for event in sorted(span["events"], key=lambda e: next(iter(e.values()))):
            kind, at = next(iter(event.items()))
            if kind == "introduced" and at <= version:
                inside = True
            elif kind in ("fixed", "last_affected") and at <= version:
                inside = False
        if inside:
            return True
    return False


# %% course={"kind": "wrong", "id": "fixed-still-affected", "fails": ["t1", "t2"]}
def is_affected(affected, version):
    if version in affected.get("versions", []):
        return True
    for span in affected.get("ranges", []):
        key = {"ECOSYSTEM": Version, "SEMVER": semver_key}.get(span["type"])
        if key is None:
            continue
        here = key(version)
        inside = False
        for event in sorted(span["events"], key=lambda e: key(next(iter(e.values())))):
            kind, at = next(iter(event.items()))
            if kind == "introduced" and key(at) <= here:
                inside = True
            elif kind in ("fixed", "last_affected") and key(at) < here:
                inside = False
        if inside:
            return True
    return False


# %% course={"kind": "wrong", "id": "first-range-decides", "fails": ["t2", "t3"]}
def is_affected(affected, version):
    if version in affected.get("versions", []):
        return True
    for span in affected.get("ranges", []):
        key = {"ECOSYSTEM": Version, "SEMVER": semver_key}.get(span["type"])
        if key is None:
            return False
        inside = False
        for event in sorted(span["events"], key=lambda e: key(next(iter(e.values())))):
            kind, at = next(iter(event.items()))
            if kind == "introduced" and key(at) <= key(version):
                inside = True
            elif kind == "fixed" and key(at) <= key(version):
                inside = False
            elif kind == "last_affected" and key(at) < key(version):
                inside = False
        return inside
    return False


# %% [markdown] course={"kind": "exercise", "id": "typosquat"}
# ### Problem: edit distance, and a typosquat detector built on it
#
# A typosquat is a name one slip away from a popular one: a letter dropped, added, changed, or two neighbours
# swapped (`reqeusts`). Count slips with the **optimal string alignment distance** (Damerau-Levenshtein restricted
# so that no substring is edited twice): the fewest insertions, deletions, substitutions and transpositions of two
# *adjacent* characters turning `a` into `b`. Compute it by dynamic programming over prefixes in O(len(a)·len(b)).
#
# 1. `edit_distance(a, b) -> int`.
# 2. `typosquat_targets(name, popular, limit=2) -> list[str]`: the popular names (canonical, PEP 503) whose
#    distance to `name` (canonical too) is between 1 and `limit`, nearest first, ties by name. A name equal to a
#    popular one after normalisation is that package, not a squat: distance 0 is not reported.
#
# ```python
# edit_distance("ab", "ba"), edit_distance("kitten", "sitting")          # (1, 3)
# typosquat_targets("Reqeusts", ["requests", "urllib3", "request"])       # ['requests', 'request']
# ```

# %% [markdown] course={"kind": "hint"}
# `d[i][j]` is the distance between the first `i` characters of `a` and the first `j` of `b`. `d[i][0] = i`,
# `d[0][j] = j`; otherwise the minimum of deleting, inserting and substituting (cost 0 when the characters match).

# %% [markdown] course={"kind": "hint"}
# The transposition case: when `i > 1`, `j > 1`, `a[i-1] == b[j-2]` and `a[i-2] == b[j-1]`, also try
# `d[i-2][j-2] + 1`. For the detector, sort `(distance, name)` pairs.

# %% course={"kind": "solution", "equivalent": {"m-93480c0f": "every cell is written before it is read (first row and column by the loops, the rest by the DP)", "m-fb73e6d8": "an extra last column is never read: the answer is d[len(a)][len(b)]", "m-eb80bb95": "an extra last row is never read: the answer is d[len(a)][len(b)]"}}
def edit_distance(a: str, b: str) -> int:
    ### BEGIN SOLUTION
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]
    ### END SOLUTION


def typosquat_targets(name: str, popular: list[str], limit: int = 2) -> list[str]:
    ### BEGIN SOLUTION
    wanted = canonicalize_name(name)
    scored = []
    for candidate in popular:
        known = canonicalize_name(candidate)
        distance = edit_distance(wanted, known)
        if 1 <= distance <= limit:
            scored.append((distance, known))
    return [known for _, known in sorted(scored)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
assert edit_distance("kitten", "sitting") == 3 and type(edit_distance("a", "b")) is int
assert edit_distance("", "abc") == 3 and edit_distance("abc", "") == 3 and edit_distance("", "") == 0
assert edit_distance("ab", "ba") == 1, "swapping two neighbours is one slip"
assert edit_distance("reqeusts", "requests") == 1
### BEGIN HIDDEN TESTS
assert edit_distance("ca", "abc") == 3, "restricted: a transposed pair is not edited again"
assert edit_distance("abcdef", "abcdfe") == 1 and edit_distance("xabc", "abc") == 1 and edit_distance("abc", "abd") == 1
assert edit_distance("a", "aaa") == 2 and edit_distance("aaa", "a") == 2, "no transposition at the first character"
assert edit_distance("flaw", "lawn") == 2 and edit_distance("abcd", "badc") == 2
big_a, big_b = "ab" * 150, "ba" * 150
assert edit_distance(big_a, big_b) == 2, "300-character names: plain recursion without a table (or a cache) never finishes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
popular = ["requests", "urllib3", "request", "python-dateutil", "numpy", "NumPy-Financial"]
assert typosquat_targets("Reqeusts", popular) == ["requests", "request"], "nearest first"
assert typosquat_targets("Requests", ["requests", "urllib3"]) == [], "the same package after normalisation is not a squat"
assert typosquat_targets("python_dateutils", popular) == ["python-dateutil"]
### BEGIN HIDDEN TESTS
assert typosquat_targets("numpyy", popular, limit=1) == ["numpy"]
assert typosquat_targets("nunpi", ["numpz", "numpy", "numpa"], limit=1) == [], "two slips away"
assert typosquat_targets("nunpi", ["numpz", "numpy", "numpa"]) == ["numpa", "numpy", "numpz"], "ties by name"
assert typosquat_targets("x", [], limit=3) == []
assert typosquat_targets("numpy_financal", popular) == ["numpy-financial"], "report the popular name in its canonical form"
assert typosquat_targets("abcd", ["abce", "abcf"], limit=0) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "plain-levenshtein", "fails": ["t1", "t2"]}
def edit_distance(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
    return d[len(a)][len(b)]


def typosquat_targets(name, popular, limit=2):
    wanted = canonicalize_name(name)
    scored = [(edit_distance(wanted, canonicalize_name(c)), canonicalize_name(c)) for c in popular]
    return [known for distance, known in sorted(scored) if 1 <= distance <= limit]


# %% course={"kind": "wrong", "id": "raw-names-and-zero", "fails": ["t2"]}
def edit_distance(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def typosquat_targets(name, popular, limit=2):
    return [c for c in popular if edit_distance(name.lower(), c.lower()) <= limit]


# %% course={"kind": "wrong", "id": "given-spelling", "fails": ["t2"]}
def edit_distance(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def typosquat_targets(name, popular, limit=2):
    scored = []
    for candidate in popular:
        distance = edit_distance(canonicalize_name(name), canonicalize_name(candidate))
        if 1 <= distance <= limit:
            scored.append((distance, candidate))
    return [candidate for _, candidate in sorted(scored)]


# %% [markdown] course={"kind": "exercise", "id": "outdated-report", "item": "x-set-up-private-pypi"}
# ### Which pins are behind? Read a private index's JSON pages
#
# A PEP 691 index answers `GET /simple/<project>/` with `Accept: application/vnd.pypi.simple.v1+json` as JSON:
# `{"name": ..., "files": [{"filename": ..., "yanked": false or true or "a reason", ...}]}`. Write
# `outdated(pins, pages) -> list[tuple[str, str, str]]`: `pins` maps project names (any spelling) to pinned
# versions, `pages` maps canonical names to such JSON pages. For each pin whose page exists, find the newest
# version among its files, **skipping yanked files and pre-releases** (read the version from the file name with
# `packaging.utils.parse_wheel_filename` for `.whl`, `parse_sdist_filename` otherwise). Report
# `(canonical name, pinned, newest as str)` when the newest is greater than the pin, sorted by name.
#
# ```python
# page = {"name": "acme-yaml", "files": [{"filename": "acme_yaml-1.4.2-py3-none-any.whl", "yanked": False}]}
# outdated({"Acme_YAML": "1.4.1"}, {"acme-yaml": page})        # [('acme-yaml', '1.4.1', '1.4.2')]
# ```

# %% [markdown] course={"kind": "hint"}
# `parse_wheel_filename(name)[1]` and `parse_sdist_filename(name)[1]` are `Version` objects, which compare
# correctly (`1.10 > 1.9`) and know `.is_prerelease`. A `yanked` value is yanked when it is truthy.

# %% course={"kind": "solution"}
def outdated(pins: Mapping[str, str], pages: Mapping[str, dict]) -> list[tuple[str, str, str]]:
    ### BEGIN SOLUTION
    report = []
    for raw_name, pinned in pins.items():
        name = canonicalize_name(raw_name)
        if name not in pages:
            continue
        versions = []
        for file in pages[name]["files"]:
            filename = file["filename"]
            if file.get("yanked"):
                continue
            if filename.endswith(".whl"):
                version = parse_wheel_filename(filename)[1]
            else:
                version = parse_sdist_filename(filename)[1]
            if not version.is_prerelease:
                versions.append(version)
        if versions and max(versions) > Version(pinned):
            report.append((name, pinned, str(max(versions))))
    return sorted(report)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
pages = {
    "acme-yaml": page_of("acme-yaml", [("acme_yaml-1.4.1-py3-none-any.whl", False), ("acme_yaml-1.10.0.tar.gz", False),
                                       ("acme_yaml-1.9.0-py3-none-any.whl", False)]),
    "tinyhttp-lite": page_of("tinyhttp-lite", [("tinyhttp_lite-2.4-py3-none-any.whl", False)]),
}
got = outdated({"Acme.YAML": "1.4.1", "tinyhttp-lite": "2.4", "not-on-index": "1.0"}, pages)
assert got == [("acme-yaml", "1.4.1", "1.10.0")], f"1.10.0 is the newest (versions, not strings); up-to-date and unknown pins are left out: {got}"
assert type(got) is list and type(got[0]) is tuple and type(got[0][2]) is str

# %% course={"kind": "test", "points": 2}
tricky = {"acme-yaml": page_of("acme-yaml", [("acme_yaml-1.4.1-py3-none-any.whl", False), ("acme_yaml-2.0.0rc1-py3-none-any.whl", False),
                                             ("acme_yaml-1.5.0-py3-none-any.whl", True), ("acme_yaml-1.4.3.tar.gz", False)])}
assert outdated({"acme-yaml": "1.4.1"}, tricky) == [("acme-yaml", "1.4.1", "1.4.3")], "no pre-releases, no yanked files"
### BEGIN HIDDEN TESTS
reason = {"acme-yaml": page_of("acme-yaml", [("acme_yaml-1.4.1-py3-none-any.whl", False), ("acme_yaml-1.6-py3-none-any.whl", "broken wheel")])}
assert outdated({"acme-yaml": "1.4.1"}, reason) == [], "a yanked reason string means yanked"
dev = {"a": page_of("a", [("a-1.0-py3-none-any.whl", False), ("a-1.1.dev1.tar.gz", False)])}
assert outdated({"a": "1.0"}, dev) == []
assert outdated({"a": "0.9"}, {"a": page_of("a", [])}) == [], "a page with no files"
many = {n: page_of(n, [(f"{n}-2.0-py3-none-any.whl", False)]) for n in ["zeta", "alpha", "mid"]}
assert outdated({"zeta": "1", "Alpha": "1", "mid": "2.0"}, many) == [("alpha", "1", "2.0"), ("zeta", "1", "2.0")], "sorted by name"
assert outdated({"b": "1.0"}, {"b": page_of("b", [("b-1.0.post1-py3-none-any.whl", False)])}) == [("b", "1.0", "1.0.post1")]
assert outdated({"unknown": "1", "zeta": "1"}, many) == [("zeta", "1", "2.0")], "an unknown pin does not stop the report"
assert outdated({"zeta": "3.0", "mid": "2.0.1"}, many) == [], "a pin newer than the index is not behind"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "string-versions", "fails": ["t1", "t2"]}
def outdated(pins, pages):
    report = []
    for raw_name, pinned in pins.items():
        name = canonicalize_name(raw_name)
        if name not in pages:
            continue
        versions = [f["filename"].split("-")[1].removesuffix(".tar.gz") for f in pages[name]["files"]
                    if not f.get("yanked") and "rc" not in f["filename"]]
        if versions and max(versions) > pinned:
            report.append((name, pinned, max(versions)))
    return sorted(report)


# %% course={"kind": "wrong", "id": "keeps-yanked-and-pre", "fails": ["t2"]}
def outdated(pins, pages):
    report = []
    for raw_name, pinned in pins.items():
        name = canonicalize_name(raw_name)
        if name not in pages:
            continue
        versions = []
        for file in pages[name]["files"]:
            filename = file["filename"]
            if filename.endswith(".whl"):
                versions.append(parse_wheel_filename(filename)[1])
            else:
                versions.append(parse_sdist_filename(filename)[1])
        if versions and max(versions) > Version(pinned):
            report.append((name, pinned, str(max(versions))))
    return sorted(report)


# %% course={"kind": "wrong", "id": "different-is-behind", "fails": ["t2"]}
def outdated(pins, pages):
    report = []
    for raw_name, pinned in pins.items():
        name = canonicalize_name(raw_name)
        if name not in pages:
            continue
        versions = []
        for file in pages[name]["files"]:
            filename = file["filename"]
            if file.get("yanked"):
                continue
            if filename.endswith(".whl"):
                version = parse_wheel_filename(filename)[1]
            else:
                version = parse_sdist_filename(filename)[1]
            if not version.is_prerelease:
                versions.append(version)
        if versions and max(versions) != Version(pinned):
            report.append((name, pinned, str(max(versions))))
    return sorted(report)


# %% [markdown] course={"kind": "exercise", "id": "update-policy", "item": "x-create-a-dependency-update-policy"}
# ### An update policy: which bumps may merge on their own?
#
# A common policy: patch updates merge automatically once tests pass, minor updates need one review, major
# updates are planned work, and some packages (a database driver, your ML framework) are held tighter. Write:
#
# 1. `bump_kind(old, new) -> str`: `"major"`, `"minor"` or `"patch"`, comparing the numbers of the release (`1.2` is
#    `1.2.0`). Semantic versioning makes no promise below 1.0 (`0.x` may break anything), so
#    this policy calls a change of the second number `"major"` there. When the first two numbers stay the same (`1.2.3` to
#    `1.2.4`, `1.0` to `1.0.post1`, `2.0rc1` to `2.0`), it is a `"patch"`. Raise `ValueError` when `new` is
#    not greater than `old`.
# 2. `auto_merge(name, old, new, rules, default="minor") -> bool`: `rules` maps project names (any spelling) to the
#    largest bump merged automatically (`"none"`, `"patch"`, `"minor"` or `"major"`); projects without a rule get
#    `default`. `True` when the bump is at most that.
#
# ```python
# bump_kind("1.4.1", "1.5"), bump_kind("0.3.0", "0.4.0")                     # ('minor', 'major')
# auto_merge("NumPy", "1.26.0", "1.26.4", {"numpy": "patch"})                 # True
# ```

# %% [markdown] course={"kind": "hint"}
# `Version(v).release` is a tuple of ints, as long as the version string: pad it with a zero (`release + (0,)`) so that `[1]` exists. Only the first two numbers decide. A post-release (`1.0.post1`)
# has the same three numbers: call that a patch.

# %% [markdown] course={"kind": "hint"}
# Rank the kinds: `ORDER = ["none", "patch", "minor", "major"]` and compare positions.

# %% course={"kind": "solution"}
def bump_kind(old: str, new: str) -> str:
    ### BEGIN SOLUTION
    if Version(new) <= Version(old):
        raise ValueError(f"{new} is not newer than {old}")
    a = Version(old).release + (0,)
    b = Version(new).release + (0,)
    if a[0] != b[0] or (a[0] == 0 and a[1] != b[1]):
        return "major"
    if a[1] != b[1]:
        return "minor"
    return "patch"
    ### END SOLUTION


def auto_merge(name: str, old: str, new: str, rules: Mapping[str, str], default: str = "minor") -> bool:
    ### BEGIN SOLUTION
    order = ["none", "patch", "minor", "major"]
    limits = {canonicalize_name(k): v for k, v in rules.items()}
    allowed = limits.get(canonicalize_name(name), default)
    return order.index(bump_kind(old, new)) <= order.index(allowed)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
assert bump_kind("1.4.1", "1.4.2") == "patch" and bump_kind("1.4.1", "1.5") == "minor" and bump_kind("1.9", "2.0") == "major"
assert bump_kind("1.2", "1.2.1") == "patch", "1.2 means 1.2.0"
assert bump_kind("0.3.0", "0.4.0") == "major", "below 1.0 the second number breaks things"
assert bump_kind("0.3.0", "0.3.1") == "patch"
### BEGIN HIDDEN TESTS
assert bump_kind("1.0", "1.0.post1") == "patch" and bump_kind("1", "1.0.0.1") == "patch"
assert bump_kind("0.9", "1.0") == "major" and bump_kind("1.9.9", "1.10.0") == "minor" and bump_kind("0.0.1", "0.0.2") == "patch"
assert bump_kind("2.0rc1", "2") == "patch" and bump_kind("1.1.dev0", "1.1") == "patch", "a pre-release to its release: same numbers"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for old, new in [("1.0", "1.0"), ("2.0", "1.9")]:
    try:
        bump_kind(old, new)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{old} -> {new} is not an update: ValueError")

# %% course={"kind": "test", "points": 2}
rules = {"NumPy": "patch", "psycopg": "none", "ruff": "major"}
assert auto_merge("numpy", "1.26.0", "1.26.4", rules) is True
assert auto_merge("numpy", "1.26.0", "1.27.0", rules) is False, "numpy: patches only"
assert auto_merge("psycopg", "3.1.0", "3.1.1", rules) is False and auto_merge("ruff", "0.4", "0.5", rules) is True
assert auto_merge("requests", "2.31", "2.32", rules) is True and auto_merge("requests", "2.31", "3.0", rules) is False, "default: minor"
### BEGIN HIDDEN TESTS
assert auto_merge("Acme_Utils", "1.26.0", "1.26.4", {"acme.utils": "none"}) is False, "rule names are normalised"
assert auto_merge("x", "1.0", "1.0.1", {}, default="none") is False and auto_merge("x", "1.0", "2.0", {}, default="major") is True
assert auto_merge("x", "1.0", "1.0.1", {}, default="patch") is True
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-zero-rule", "fails": ["t1"]}
def bump_kind(old, new):
    if Version(new) <= Version(old):
        raise ValueError("not newer")
    a = (Version(old).release + (0, 0, 0))[:3]
    b = (Version(new).release + (0, 0, 0))[:3]
    if a[0] != b[0]:
        return "major"
    if a[1] != b[1]:
        return "minor"
    return "patch"


def auto_merge(name, old, new, rules, default="minor"):
    order = ["none", "patch", "minor", "major"]
    limits = {canonicalize_name(k): v for k, v in rules.items()}
    return order.index(bump_kind(old, new)) <= order.index(limits.get(canonicalize_name(name), default))


# %% course={"kind": "wrong", "id": "raw-rule-names", "fails": ["t3"]}
def bump_kind(old, new):
    if Version(new) <= Version(old):
        raise ValueError("not newer")
    a = (Version(old).release + (0, 0, 0))[:3]
    b = (Version(new).release + (0, 0, 0))[:3]
    if a[0] != b[0] or (a[0] == 0 and a[1] != b[1]):
        return "major"
    if a[1] != b[1]:
        return "minor"
    return "patch"


def auto_merge(name, old, new, rules, default="minor"):
    order = ["none", "patch", "minor", "major"]
    return order.index(bump_kind(old, new)) <= order.index(rules.get(name, default))


# %% [markdown] course={"kind": "exercise", "id": "ci-verdict", "item": "x-run-vulnerability-scans-with-safety"}
# ### From a scan report to a CI verdict, with ignores that expire
#
# (The roadmap names `safety`; it needs the network for its database, so we scan with `pip-audit`, whose JSON
# report is below. The verdict logic is the same for any scanner.) `pip-audit -f json` writes
# `{"dependencies": [...], "fixes": [...]}`; an audited dependency is `{"name", "version", "vulns": [{"id",
# "fix_versions", "aliases", "description"}]}`, one it could not audit is `{"name", "skip_reason"}`.
#
# Write `ci_verdict(report, ignores, today) -> tuple[int, list[str]]`: the exit code (1 when anything blocks, else
# 0) and the blocking lines, sorted: `"name==version: ID"` for each vulnerability not ignored, and
# `"name: not audited"` for each skipped dependency (a dependency nobody checked must not pass silently). An
# `Ignore(id, until, reason)` covers a vulnerability whose id **or one of its aliases** equals `id`, up to and
# including the day `until`; after that it no longer counts.
#
# ```python
# report = {"dependencies": [{"name": "acme-yaml", "version": "1.4.1", "vulns": [{"id": "COURSE-2026-0001",
#           "fix_versions": ["1.4.2"], "aliases": [], "description": "..."}]}], "fixes": []}
# ci_verdict(report, [], datetime.date(2026, 3, 1))       # (1, ['acme-yaml==1.4.1: COURSE-2026-0001'])
# ```

# %% [markdown] course={"kind": "hint"}
# First collect the ids of the ignores still valid today (`today <= ignore.until`). A vulnerability is ignored
# when `{vuln["id"], *vuln["aliases"]}` meets that set.

# %% course={"kind": "solution"}
def ci_verdict(report: Mapping, ignores: list[Ignore], today: datetime.date) -> tuple[int, list[str]]:
    ### BEGIN SOLUTION
    active = {ignore.id for ignore in ignores if today <= ignore.until}
    blocking = []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            blocking.append(f"{dependency['name']}: not audited")
            continue
        for vuln in dependency["vulns"]:
            if {vuln["id"], *vuln.get("aliases", [])} & active:
                continue
            blocking.append(f"{dependency['name']}=={dependency['version']}: {vuln['id']}")
    return (1 if blocking else 0), sorted(blocking)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def vuln(vid: str, *aliases: str) -> dict:
    return {"id": vid, "fix_versions": [], "aliases": list(aliases), "description": "fixture"}
scan_report = {"dependencies": [
    {"name": "tinyhttp-lite", "version": "2.1", "vulns": [vuln("COURSE-2026-0002")]},
    {"name": "acme-yaml", "version": "1.4.1", "vulns": [vuln("COURSE-2026-0001", "COURSE-ALIAS-0001")]},
    {"name": "safe-pkg", "version": "1.0", "vulns": []},
], "fixes": []}
day = datetime.date(2026, 3, 1)
assert ci_verdict(scan_report, [], day) == (1, ["acme-yaml==1.4.1: COURSE-2026-0001", "tinyhttp-lite==2.1: COURSE-2026-0002"])
clean = {"dependencies": [{"name": "safe-pkg", "version": "1.0", "vulns": []}], "fixes": []}
verdict = ci_verdict(clean, [], day)
assert verdict == (0, []) and type(verdict) is tuple and type(verdict[1]) is list, "nothing found: exit code 0"
assert type(ci_verdict(scan_report, [], day)[0]) is int and type(verdict[0]) is int, "the exit code is an int (1 or 0), not a bool"
assert ci_verdict({"dependencies": [], "fixes": []}, [], day) == (0, [])

# %% course={"kind": "test", "points": 2}
accepted = [Ignore("COURSE-2026-0002", datetime.date(2026, 3, 1), "not reachable from our code")]
assert ci_verdict(scan_report, accepted, day) == (1, ["acme-yaml==1.4.1: COURSE-2026-0001"]), "ignored until the end of its last day"
later = ci_verdict(scan_report, accepted, datetime.date(2026, 3, 2))[1]
assert "tinyhttp-lite==2.1: COURSE-2026-0002" in later, "an expired ignore no longer hides the finding"
both = accepted + [Ignore("COURSE-ALIAS-0001", datetime.date(2026, 12, 31), "mitigated")]
assert ci_verdict(scan_report, both, day) == (0, []), "an alias matches too"

# %% course={"kind": "test", "points": 1}
skipped = {"dependencies": [{"name": "acme-private", "skip_reason": "Dependency not found on PyPI and could not be audited"}], "fixes": []}
assert ci_verdict(skipped, [], day) == (1, ["acme-private: not audited"]), "unaudited is not clean"
### BEGIN HIDDEN TESTS
mixed = {"dependencies": [skipped["dependencies"][0], {"name": "b", "version": "1", "vulns": [vuln("X-1"), vuln("X-2")]}], "fixes": []}
assert ci_verdict(mixed, [Ignore("X-1", day, "ok")], day) == (1, ["acme-private: not audited", "b==1: X-2"]), "go on after a skip and after an ignore"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "until-exclusive", "fails": ["t2", "t3"]}
def ci_verdict(report, ignores, today):
    active = {ignore.id for ignore in ignores if today < ignore.until}
    blocking = []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            blocking.append(f"{dependency['name']}: not audited")
            continue
        for v in dependency["vulns"]:
            if {v["id"], *v.get("aliases", [])} & active:
                continue
            blocking.append(f"{dependency['name']}=={dependency['version']}: {v['id']}")
    return (1 if blocking else 0), sorted(blocking)


# %% course={"kind": "wrong", "id": "skips-pass", "fails": ["t1", "t2", "t3"]}
def ci_verdict(report, ignores, today):
    active = {ignore.id for ignore in ignores if today <= ignore.until}
    blocking = []
    for dependency in report["dependencies"]:
        for v in dependency.get("vulns", []):
            if v["id"] not in active:
                blocking.append(f"{dependency['name']}=={dependency['version']}: {v['id']}")
    return (1 if blocking else 0), blocking


# %% course={"kind": "wrong", "id": "bool-exit-code", "fails": ["t1"]}
def ci_verdict(report, ignores, today):
    active = {ignore.id for ignore in ignores if today <= ignore.until}
    blocking = []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            blocking.append(f"{dependency['name']}: not audited")
            continue
        for v in dependency["vulns"]:
            if {v["id"], *v.get("aliases", [])} & active:
                continue
            blocking.append(f"{dependency['name']}=={dependency['version']}: {v['id']}")
    return bool(blocking), sorted(blocking)


# %% course={"kind": "wrong", "id": "id-only-no-aliases", "fails": ["t2"]}
def ci_verdict(report, ignores, today):
    active = {ignore.id for ignore in ignores if today <= ignore.until}
    blocking = []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            blocking.append(f"{dependency['name']}: not audited")
            continue
        for v in dependency["vulns"]:
            if v["id"] not in active:
                blocking.append(f"{dependency['name']}=={dependency['version']}: {v['id']}")
    return (1 if blocking else 0), sorted(blocking)


# %% [markdown] course={"kind": "exercise", "id": "dependabot-config", "item": "x-set-up-dependabot"}
# ### Generate a Dependabot configuration for a monorepo
#
# Write `dependabot_config(folders, interval="weekly") -> dict`: the data of `.github/dependabot.yml` for a
# repository whose `folders` map a folder (`"services/api"`, `""` for the root) to its package ecosystem (`"pip"`,
# `"docker"`, `"github-actions"`...). Requirements:
#
# - `"version": 2` (the integer) and one entry in `"updates"` per folder, **sorted by folder**;
# - each entry: `"package-ecosystem"`, `"directory"` as Dependabot wants it (starting with `/`: `"/services/api"`,
#   `"/"` for the root), `"schedule": {"interval": interval}`, `"open-pull-requests-limit": 5`;
# - `pip` entries also group patch updates into one pull request:
#   `"groups": {"pip-patches": {"update-types": ["patch"]}}`;
# - `interval` must be `"daily"`, `"weekly"` or `"monthly"`, else `ValueError`.
#
# The result must pass the JSON schema of `dependabot.yml` (`schema_errors(validator("dependabot"), data) == []`).
#
# ```python
# dependabot_config({"": "github-actions"})["updates"][0]["directory"]     # '/'
# ```

# %% [markdown] course={"kind": "hint"}
# `"/" + folder.strip("/")` handles both the root and nested folders. Build each entry as a dict, add `"groups"`
# when the ecosystem is `"pip"`, and loop over `sorted(folders)`.

# %% course={"kind": "solution"}
def dependabot_config(folders: Mapping[str, str], interval: str = "weekly") -> dict:
    ### BEGIN SOLUTION
    if interval not in ("daily", "weekly", "monthly"):
        raise ValueError(f"unknown interval {interval!r}")
    updates = []
    for folder in sorted(folders):
        entry = {
            "package-ecosystem": folders[folder],
            "directory": "/" + folder.strip("/"),
            "schedule": {"interval": interval},
            "open-pull-requests-limit": 5,
        }
        if folders[folder] == "pip":
            entry["groups"] = {"pip-patches": {"update-types": ["patch"]}}
        updates.append(entry)
    return {"version": 2, "updates": updates}
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
config = dependabot_config({"services/api": "pip", "": "github-actions", "images/base": "docker"})
assert schema_errors(validator("dependabot"), config) == [], schema_errors(validator("dependabot"), config)
assert config["version"] == 2 and type(config["version"]) is int
assert [(u["directory"], u["package-ecosystem"]) for u in config["updates"]] == [("/", "github-actions"), ("/images/base", "docker"), ("/services/api", "pip")], "sorted by folder, directories start with /"

# %% course={"kind": "test", "points": 2}
api = config["updates"][2]
assert api["schedule"] == {"interval": "weekly"} and api["open-pull-requests-limit"] == 5
assert api["groups"] == {"pip-patches": {"update-types": ["patch"]}}, "pip patches grouped"
assert "groups" not in config["updates"][0], "only pip entries are grouped"
### BEGIN HIDDEN TESTS
monthly = dependabot_config({"/app/": "pip"}, interval="monthly")
assert monthly["updates"][0]["directory"] == "/app" and monthly["updates"][0]["schedule"] == {"interval": "monthly"}
assert dependabot_config({"x": "npm"}, "daily")["updates"][0]["schedule"] == {"interval": "daily"}
assert dependabot_config({}) == {"version": 2, "updates": []}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ["hourly", "Weekly", ""]:
    try:
        dependabot_config({"": "pip"}, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"interval {bad!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "string-version-raw-dirs", "fails": ["t1", "t2"]}
def dependabot_config(folders, interval="weekly"):
    if interval not in ("daily", "weekly", "monthly"):
        raise ValueError(interval)
    updates = []
    for folder in sorted(folders):
        entry = {"package-ecosystem": folders[folder], "directory": folder or "/",
                 "schedule": {"interval": interval}, "open-pull-requests-limit": 5}
        if folders[folder] == "pip":
            entry["groups"] = {"pip-patches": {"update-types": ["patch"]}}
        updates.append(entry)
    return {"version": "2", "updates": updates}


# %% course={"kind": "wrong", "id": "unsorted-no-check", "fails": ["t1", "t2", "t3"]}
def dependabot_config(folders, interval="weekly"):
    updates = []
    for folder, ecosystem in folders.items():
        entry = {"package-ecosystem": ecosystem, "directory": "/" + folder.strip("/"),
                 "schedule": {"interval": interval}, "open-pull-requests-limit": 5}
        if ecosystem == "pip":
            entry["groups"] = {"pip-patches": {"update-types": ["patch"]}}
        updates.append(entry)
    return {"version": 2, "updates": updates}


# %% [markdown] course={"kind": "exercise", "id": "dependency-scanner", "item": "project-19-4-1"}
# ### Project: a dependency scanner, end to end
#
# Put the pieces together against a real HTTP vulnerability service (the OSV stub). Write
# `scan(requirements, osv_url) -> tuple[list[Finding], list[str]]`:
#
# - read `requirements` (the text of one file; skip blank lines and `#` comments, no includes here);
# - a requirement **pinned** with exactly one `==` specifier (no `*`) is checked: POST OSV's query
#   `{"package": {"name": <canonical name>, "ecosystem": "PyPI"}, "version": <pinned>}` to `osv_url` (the given
#   `query(url, name, version)` does it) and make one `Finding(name, version, id, fixed)` per advisory returned,
#   where `fixed` is the tuple of `"fixed"` event versions of the advisory's `affected` entries for this package
#   (in order);
# - any other requirement is **unpinned**: its canonical name goes to the second list (it cannot be audited);
# - both lists sorted (findings by name, then id).
#
# ```python
# with osv_server(ADVISORIES) as osv:
#     scan("acme-yaml==1.4.1\nflask>=3\n", osv.url)
# # ([Finding(name='acme-yaml', version='1.4.1', id='COURSE-2026-0001', fixed=('1.4.2',))], ['flask'])
# ```
#
# A CI job would then exit 1 when either list is non-empty (the `ci-verdict` exercise).

# %% [markdown] course={"kind": "hint"}
# `req.specifier` is a set of `Specifier` objects: `specs = list(req.specifier)`; pinned means `len(specs) == 1`,
# `specs[0].operator == "=="` and no `"*"` in `specs[0].version`.

# %% [markdown] course={"kind": "hint"}
# For `fixed`: loop over `advisory["affected"]`, keep those whose `package.name` is your canonical name, then over
# their `ranges` and `events`, collecting `event["fixed"]` where present.

# %% course={"kind": "solution"}
def scan(requirements: str, osv_url: str) -> tuple[list[Finding], list[str]]:
    ### BEGIN SOLUTION
    findings, unpinned = [], []
    for raw in requirements.splitlines():
        text = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not text:
            continue
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        specs = list(requirement.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            unpinned.append(name)
            continue
        version = specs[0].version
        for advisory in query(osv_url, name, version).get("vulns", []):
            fixed = tuple(
                event["fixed"]
                for affected in advisory["affected"]
                if canonicalize_name(affected["package"]["name"]) == name
                for span in affected.get("ranges", [])
                for event in span["events"]
                if "fixed" in event
            )
            findings.append(Finding(name, version, advisory["id"], fixed))
    return sorted(findings), sorted(unpinned)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
with osv_server(ADVISORIES) as osv:
    got = scan("# service deps\nAcme_YAML==1.4.1\ntinyhttp-lite==3.0.3  # old\nsafe-pkg==1.0\n", osv.url)
    asked = [(q["package"]["name"], q["version"]) for q in osv.queries]
assert got == ([Finding("acme-yaml", "1.4.1", "COURSE-2026-0001", ("1.4.2",)),
                Finding("tinyhttp-lite", "3.0.3", "COURSE-2026-0002", ("2.3.1", "3.0.4"))], []), got
assert type(got) is tuple and type(got[0]) is list and type(got[0][0]) is Finding
assert asked == [("acme-yaml", "1.4.1"), ("tinyhttp-lite", "3.0.3"), ("safe-pkg", "1.0")], f"one query per pin, canonical names: {asked}"

# %% course={"kind": "test", "points": 2}
with osv_server(ADVISORIES) as osv:
    got = scan("flask>=3\nacme-yaml==1.*\nZZ_top\nrange-pkg>=1,==1.2\nacme-yaml==1.4.2\n", osv.url)
    asked = [q["package"]["name"] for q in osv.queries]
assert got == ([], ["acme-yaml", "flask", "range-pkg", "zz-top"]), f"only exact single == pins are audited: {got}"
assert asked == ["acme-yaml"], "unpinned requirements are not sent"
### BEGIN HIDDEN TESTS
with osv_server(ADVISORIES) as osv:
    assert scan("", osv.url) == ([], []) and scan("\n   \n# nothing\n", osv.url) == ([], [])
    many = scan("tinyhttp-lite==2.1\nacme-yaml==1.3.0\nb==1\na==1\n", osv.url)
    assert [f.name for f in many[0]] == ["acme-yaml", "tinyhttp-lite"] and many[1] == []
twice = [{**ADVISORIES[0], "id": "COURSE-B"}, {**ADVISORIES[0], "id": "COURSE-A"}]
with osv_server(twice) as osv:
    assert [f.id for f in scan("acme-yaml==1.4.1\n", osv.url)[0]] == ["COURSE-A", "COURSE-B"], "sorted by id within a package"
other = [{**ADVISORIES[0], "affected": [ADVISORIES[1]["affected"][0], {**ADVISORIES[0]["affected"][0]}]}]
with osv_server(other) as osv:
    assert scan("acme-yaml==1.4.0\n", osv.url)[0][0].fixed == ("1.4.2",), "fixed versions of this package only"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "any-equals-is-pinned", "fails": ["t2"]}
def scan(requirements, osv_url):
    findings, unpinned = [], []
    for raw in requirements.splitlines():
        text = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not text:
            continue
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        pins = [s for s in requirement.specifier if s.operator == "=="]
        if not pins:
            unpinned.append(name)
            continue
        for advisory in query(osv_url, name, pins[0].version).get("vulns", []):
            fixed = tuple(e["fixed"] for a in advisory["affected"] if a["package"]["name"] == name
                          for r in a.get("ranges", []) for e in r["events"] if "fixed" in e)
            findings.append(Finding(name, pins[0].version, advisory["id"], fixed))
    return sorted(findings), sorted(unpinned)


# %% course={"kind": "wrong", "id": "raw-name-query", "fails": ["t1", "t2"]}
def scan(requirements, osv_url):
    findings, unpinned = [], []
    for raw in requirements.splitlines():
        text = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not text:
            continue
        requirement = Requirement(text)
        specs = list(requirement.specifier)
        if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            unpinned.append(canonicalize_name(requirement.name))
            continue
        for advisory in query(osv_url, requirement.name, specs[0].version).get("vulns", []):
            fixed = tuple(e["fixed"] for a in advisory["affected"] for r in a.get("ranges", []) for e in r["events"] if "fixed" in e)
            findings.append(Finding(requirement.name, specs[0].version, advisory["id"], fixed))
    return sorted(findings), sorted(unpinned)


# %% [markdown] course={"kind": "exercise", "id": "update-bot", "item": "project-19-4-2"}
# ### Project: the core of an update bot
#
# An update bot (Dependabot, Renovate, your own cron job) does the same few steps for every update: change the pin,
# run the project's tests, and then either keep the change with a changelog entry (and open a pull request) or put
# everything back. Write `try_update(project, name, new_version, run_tests) -> bool`:
#
# - `project` is a folder with `requirements.txt`; find the line pinning `name` (names compared canonically; the
#   line is `<name>==<version>`, maybe with a `#` comment) and replace the whole line with
#   `<name as written in the file>==<new_version>`; other lines stay byte for byte. A name not pinned there raises
#   `LookupError`.
# - call `run_tests(project)` **after** writing the new pin (it returns `True` when the tests pass);
# - tests pass: put `- Bump <name as written> from <old> to <new_version>` as the **first** line of
#   `CHANGELOG.md` (create it when missing; earlier entries stay below) and return `True`;
# - tests fail: restore `requirements.txt` exactly as it was, leave `CHANGELOG.md` untouched, return `False`.
#
# Read and write files as UTF-8.
#
# ```python
# (project / "requirements.txt").write_text("acme-yaml==1.4.1\n")
# try_update(project, "acme_yaml", "1.4.2", lambda folder: True)    # True
# (project / "CHANGELOG.md").read_text()                            # '- Bump acme-yaml from 1.4.1 to 1.4.2\n'
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the original **bytes** (`path.read_bytes()`: `read_text` would turn `\r\n` into `\n`), work on
# `original.decode("utf-8").splitlines(keepends=True)`, and parse each line's requirement part with `Requirement`
# to compare `canonicalize_name(...)`.

# %% [markdown] course={"kind": "hint"}
# On failure write the original bytes back. On success read the old changelog (or `""`) and write the new line in front.

# %% course={"kind": "solution"}
def try_update(project: Path, name: str, new_version: str, run_tests: Callable[[Path], bool]) -> bool:
    ### BEGIN SOLUTION
    path = project / "requirements.txt"
    original = path.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if not text:
            continue
        requirement = Requirement(text)
        specs = list(requirement.specifier)
        if canonicalize_name(requirement.name) == canonicalize_name(name) and len(specs) == 1 and specs[0].operator == "==":
            old = specs[0].version
            lines[index] = f"{requirement.name}=={new_version}\n"
            break
    else:
        raise LookupError(f"{name} is not pinned in {path}")
    path.write_text("".join(lines), encoding="utf-8")
    if not run_tests(project):
        path.write_bytes(original)
        return False
    changelog = project / "CHANGELOG.md"
    earlier = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    changelog.write_text(f"- Bump {requirement.name} from {old} to {new_version}\n" + earlier, encoding="utf-8")
    return True
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def new_project(tag: str, requirements: str, changelog: str | None = None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=tag, dir=SCRATCH))
    (folder / "requirements.txt").write_text(requirements, encoding="utf-8")
    if changelog is not None:
        (folder / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return folder
seen = []
project = new_project("bot-ok", "flask>=3\nacme-yaml==1.4.1  # parser\ntinyhttp-lite==2.4\n", "- Bump flask from 2 to 3\n")
result = try_update(project, "Acme_YAML", "1.4.2", lambda folder: seen.append((folder / "requirements.txt").read_text(encoding="utf-8")) or True)
assert result is True
assert seen == ["flask>=3\nacme-yaml==1.4.2\ntinyhttp-lite==2.4\n"], f"the tests must run on the new pin, other lines unchanged: {seen}"
assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == "- Bump acme-yaml from 1.4.1 to 1.4.2\n- Bump flask from 2 to 3\n", "newest entry first"
### BEGIN HIDDEN TESTS
project = new_project("bot-prefix", "acme-yaml-cli==2.0\nacme-yaml==1.4.1\n")
assert try_update(project, "acme-yaml", "1.4.2", lambda folder: True) is True
assert (project / "requirements.txt").read_text(encoding="utf-8") == "acme-yaml-cli==2.0\nacme-yaml==1.4.2\n", "acme-yaml-cli is another project"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
original = "acme-yaml==1.4.1\r\ntinyhttp-lite==2.4\n"
project = new_project("bot-fail", original)
assert try_update(project, "tinyhttp-lite", "3.0.4", lambda folder: False) is False
assert (project / "requirements.txt").read_bytes() == original.encode(), "a failed update leaves requirements.txt exactly as it was"
assert not (project / "CHANGELOG.md").exists(), "no changelog entry for a failed update"
### BEGIN HIDDEN TESTS
project = new_project("bot-fail-2", "a==1\n", "- old\n")
assert try_update(project, "a", "2", lambda folder: False) is False
assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == "- old\n"
project = new_project("bot-new-log", "x==1\n\n# c\nzzz==0.1\n")
assert try_update(project, "ZZZ", "0.2", lambda folder: True) is True
assert (project / "requirements.txt").read_text(encoding="utf-8") == "x==1\n\n# c\nzzz==0.2\n"
assert (project / "CHANGELOG.md").read_text(encoding="utf-8") == "- Bump zzz from 0.1 to 0.2\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
project = new_project("bot-missing", "flask>=3\nacme-yaml==1.4.1\n")
for absent in ["flask", "numpy"]:
    try:
        try_update(project, absent, "9", lambda folder: True)
    except LookupError:
        pass
    else:
        raise AssertionError(f"{absent} is not pinned with ==: LookupError")
assert (project / "requirements.txt").read_text(encoding="utf-8") == "flask>=3\nacme-yaml==1.4.1\n"

# %% course={"kind": "wrong", "id": "tests-before-write", "fails": ["t1"]}
def try_update(project, name, new_version, run_tests):
    path = project / "requirements.txt"
    before = path.read_text(encoding="utf-8")
    lines = before.splitlines(keepends=True)
    for index, line in enumerate(lines):
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if text and canonicalize_name(Requirement(text).name) == canonicalize_name(name) and "==" in text:
            requirement = Requirement(text)
            old = list(requirement.specifier)[0].version
            lines[index] = f"{requirement.name}=={new_version}\n"
            break
    else:
        raise LookupError(name)
    if not run_tests(project):
        return False
    path.write_text("".join(lines), encoding="utf-8")
    changelog = project / "CHANGELOG.md"
    earlier = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    changelog.write_text(f"- Bump {requirement.name} from {old} to {new_version}\n" + earlier, encoding="utf-8")
    return True


# %% course={"kind": "wrong", "id": "no-revert-log-appended", "fails": ["t1", "t2"]}
def try_update(project, name, new_version, run_tests):
    path = project / "requirements.txt"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if text and canonicalize_name(Requirement(text).name) == canonicalize_name(name) and "==" in text:
            requirement = Requirement(text)
            old = list(requirement.specifier)[0].version
            lines[index] = f"{requirement.name}=={new_version}\n"
            break
    else:
        raise LookupError(name)
    path.write_text("".join(lines), encoding="utf-8")
    if not run_tests(project):
        return False
    with open(project / "CHANGELOG.md", "a", encoding="utf-8") as log:
        log.write(f"- Bump {requirement.name} from {old} to {new_version}\n")
    return True


# %% course={"kind": "wrong", "id": "restores-text", "fails": ["t2"]}
def try_update(project, name, new_version, run_tests):
    path = project / "requirements.txt"
    before = path.read_text(encoding="utf-8")
    lines = before.splitlines(keepends=True)
    for index, line in enumerate(lines):
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if text and canonicalize_name(Requirement(text).name) == canonicalize_name(name) and "==" in text:
            requirement = Requirement(text)
            old = list(requirement.specifier)[0].version
            lines[index] = f"{requirement.name}=={new_version}\n"
            break
    else:
        raise LookupError(name)
    path.write_text("".join(lines), encoding="utf-8")
    if not run_tests(project):
        path.write_text(before, encoding="utf-8")
        return False
    changelog = project / "CHANGELOG.md"
    earlier = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    changelog.write_text(f"- Bump {requirement.name} from {old} to {new_version}\n" + earlier, encoding="utf-8")
    return True


# %% course={"kind": "wrong", "id": "startswith-name", "fails": ["t1"]}
def try_update(project, name, new_version, run_tests):
    path = project / "requirements.txt"
    original = path.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if canonicalize_name(line).startswith(canonicalize_name(name)) and "==" in line:
            written, old = line.split("#")[0].strip().split("==")
            lines[index] = f"{written}=={new_version}\n"
            break
    else:
        raise LookupError(name)
    path.write_text("".join(lines), encoding="utf-8")
    if not run_tests(project):
        path.write_bytes(original)
        return False
    changelog = project / "CHANGELOG.md"
    earlier = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    changelog.write_text(f"- Bump {written} from {old} to {new_version}\n" + earlier, encoding="utf-8")
    return True


# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-dependency-security"}
# In layers. Keep few dependencies and prefer well-maintained ones. Declare ranges in the package, but deploy a lock
# file with exact pins and hashes (`--require-hashes`), installed from one trusted index (a proxy we control).
# Scan the lock file in CI on every change and on a schedule, and fail the build on findings, with an ignore list
# whose entries carry a reason and an expiry date. Let a bot open update pull requests weekly, merge patches
# automatically when tests pass, review minors, plan majors. And check that "no findings" means the scan really
# ran: a skipped or unknown package must not pass silently.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-supply-chain-security"}
# Protecting everything that goes into what we ship and that we did not write in this commit: third-party packages
# and their own dependencies, the index they come from, build tools, CI actions and base images. The threats are
# known vulnerabilities, typosquatted or confusable names, malicious install code, hijacked maintainer accounts and
# tampered files. The defences are pins with hashes, a controlled index, scanning, provenance (Sigstore, PEP 740
# attestations, SLSA), an SBOM so we know what we run, and least privilege for the tokens that publish.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-vulnerable"}
# First triage: is the vulnerable code reachable in how we use the package, and how severe is it? If a fixed
# version exists, bump to it (the smallest bump that fixes), run the tests, ship. If the fix is a major version or
# does not exist yet, mitigate (disable the feature, validate input, pin a patched fork) and record an ignore with
# a reason, an owner and an expiry date, so the decision comes back for review. Then check that the scan is green
# again, and look at why we were exposed (a stale lock file, a missing schedule).

# %% [markdown] course={"kind": "answer", "question": "q-what-tools-do-you-use-for-dependency"}
# `pip-audit` in CI (PyPA's tool, PyPI or OSV data, JSON output, exit code 1 on findings); Dependabot or Renovate for
# update pull requests and alerts; GitHub's advisory database or osv.dev as sources; Snyk or a commercial scanner
# where the company already pays for one (also for containers); `safety` where its database is licensed. For the
# rest: `pip-compile --generate-hashes` or `uv lock` for lock files, `bandit` for our own code, and an SBOM tool
# (CycloneDX) for the inventory. Whatever the tool, I check which database it asked and what it skipped.
