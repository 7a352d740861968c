# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can write automation scripts that behave well when run twice, fail with the
# right exit code and a clear message, take their settings from files, the environment and the command line
# (validated), keep secrets out of code and logs, run on any operating system, and install as a command.

# %% course={"kind": "setup", "id": "scripting-helpers"}
# Helpers the demos and tests use. Every file the notebook writes goes below SCRATCH, a temporary
# folder removed when the kernel stops; fresh() hands out a new empty folder inside it, so every cell
# can run again on its own. Child processes are this notebook's own Python (PY), started inside a
# ProcessWatch block: whatever is still running when the block ends is killed and reaped.
import argparse
import contextlib
import hashlib
import io
import json
import logging
import os
import platform
import re
import stat
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal

import click
import typer
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from typer.testing import CliRunner as TyperRunner

from course.runtime.logs import fresh_logger, release_logger
from course.runtime.modules import scratch_modules
from course.runtime.processes import ProcessWatch
from course.runtime.scratch import scratch_dir

PY = sys.executable
SCRATCH = scratch_dir("15.1")


def fresh() -> Path:
    """A new empty folder below SCRATCH."""
    return Path(tempfile.mkdtemp(dir=SCRATCH))


def tree_hash(root: Path) -> str:
    """One hash of everything below root: every path, each file's bytes, each symlink's target, and
    each file's permission bits. Equal hashes before and after a run mean the run changed nothing."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        if path.is_symlink():
            digest.update(b"link:" + os.readlink(path).encode("utf-8"))
        elif path.is_file():
            digest.update(b"file:%o:" % stat.S_IMODE(path.stat().st_mode) + path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@contextlib.contextmanager
def spying(owner: Any, name: str, fail: BaseException | None = None) -> Any:
    """For one block, owner.name (e.g. os.replace) records the arguments of every call in the list
    yielded, then runs as usual, or raises `fail` instead when one is given."""
    real = getattr(owner, name)
    calls: list[tuple[Any, ...]] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if fail is not None:
            raise fail
        return real(*args, **kwargs)

    setattr(owner, name, spy)
    try:
        yield calls
    finally:
        setattr(owner, name, real)


def run_py(args: list[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run PY with args in a child process; stdout and stderr captured apart, decoded as UTF-8."""
    child_env = {**os.environ, "PYTHONUTF8": "1", "COLUMNS": "80", **(env or {})}
    with ProcessWatch() as watch:
        return watch.call(
            subprocess.run, [PY, *args], cwd=cwd, env=child_env, capture_output=True, text=True, encoding="utf-8"
        )

# %% [markdown] course={"kind": "lesson", "id": "design", "covers": ["c-script-design-principles", "c-idempotency", "c-error-handling", "c-logging", "c-configuration-management", "c-exit-codes"]}
# ### Script design principles
#
# An automation script is run by other programs (cron, a CI job, Ansible, a colleague's script) far more often
# than by a person watching it. That changes what "good" means:
#
# - **Idempotent**: running it twice leaves the system as running it once did. The second run finds nothing to
#   do and says so ("0 changed"). You get there by *checking before acting* (is the line already in the file?)
#   and by writing whole files atomically, so a crash never leaves half a file behind. Re-running after a
#   failure is then always safe, which is what makes automation restartable.
# - **Errors handled at the edge**: deep code raises exceptions with a message that names the file, key or host
#   at fault; one place at the top (`main`) turns them into a one-line message on stderr and an exit code.
#   A traceback is for bugs, not for "the config file is missing".
# - **Logging to stderr, results to stdout**: stdout is data another program may parse (`script | jq`);
#   progress, warnings and errors go to stderr through `logging`, with a level the user can raise.
# - **Configuration outside the code**: defaults in code, overridden by a file, the environment and finally the
#   command line, validated before any work starts.
# - **Exit codes are the API**: the caller sees only a number. `0` means success, anything else failure.
#   Conventions: `1` for a general failure, `2` for a usage error (argparse and click both use it), `126`/`127`
#   when a shell cannot run/find a command, and a process killed by signal *n* shows as `-n` in Python's
#   `returncode` (a shell reports `128 + n`).
#
# The one thing people get wrong: printing an error and then ending normally. The message scrolls by in a CI
# log, the exit code is `0`, and the pipeline carries on as if the step worked.
#
# Below, a small script is run as a real child process, five ways. Watch where each message goes.

# %% course={"kind": "demo"}
EXIT_DEMO = """
import argparse, os, signal, sys
parser = argparse.ArgumentParser(prog="exits")
parser.add_argument("how", choices=["ok", "message", "crash", "killed"])
args = parser.parse_args()
print("stdout: working on", args.how, flush=True)
if args.how == "message":
    sys.exit("error: config.yaml: no key 'region'")   # a string: printed to stderr, exit code 1
if args.how == "crash":
    {}["region"]                                        # an uncaught exception: traceback, exit code 1
if args.how == "killed":
    os.kill(os.getpid(), signal.SIGTERM)                # ended by a signal
"""
demo_dir = fresh()
(demo_dir / "exits.py").write_text(EXIT_DEMO, encoding="utf-8")
for how in ["ok", "message", "crash", "killed", "typo"]:
    done = run_py([str(demo_dir / "exits.py"), how])
    last_err = done.stderr.strip().splitlines()[-1] if done.stderr else ""
    print(f"{how:8} exit {done.returncode:4}  stdout={done.stdout.strip()!r:32} stderr ends {last_err!r}")

# %% [markdown] course={"kind": "text"}
# `ok` exits `0`; `sys.exit("...")` prints its message to stderr and exits `1`; an uncaught `KeyError` exits `1`
# with a traceback; the signal shows as `-15` (SIGTERM); and the usage error (`typo` is not a valid choice)
# exits `2` before the script printed anything. A caller can tell "you called me wrong" (`2`, fix the
# command) from "I tried and failed" (`1`, look at the system).
#
# Logging that goes to stderr with a level chosen by the user takes three lines; a script's `main()` then
# catches its own error family once, at the top:

# %% course={"kind": "demo"}
MAIN_DEMO = """
import logging, sys

class ScriptError(Exception):
    '''A failure the user can fix: the message says what and where.'''

def work(path):
    logging.getLogger("tool").info("reading %s", path)
    raise ScriptError(f"{path}: no such file")

def main(argv=None):
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        work("inventory.yaml")
    except ScriptError as error:
        logging.getLogger("tool").error("%s", error)
        return 1
    return 0

sys.exit(main())
"""
(demo_dir / "tool.py").write_text(MAIN_DEMO, encoding="utf-8")
done = run_py([str(demo_dir / "tool.py")])
print("exit code:", done.returncode, "| stdout:", repr(done.stdout))
print(done.stderr, end="")

# %% [markdown] course={"kind": "lesson", "id": "cli", "covers": ["c-cli-development", "c-argparse-standard-library", "c-click-decorator-based-cli", "c-typer-modern-cli-with-type-hints", "c-subcommands", "c-options-and-arguments", "c-help-text-and-documentation"]}
# ### Building command-line interfaces
#
# A CLI has **arguments** (positional, required by default: `deploy web`), **options** (named, optional, with a
# default: `--replicas 3`, `-n 3`), **flags** (options without a value: `--dry-run`) and often **subcommands**
# (`tool plan`, `tool apply`, each with its own options, as `git` has). Three libraries, one idea each:
#
# | library | how you declare the interface | comes with |
# |---|---|---|
# | `argparse` | build a parser object, call `add_argument` | the standard library: nothing to install |
# | `click` | decorators on the function: `@click.command`, `@click.option` | groups of subcommands, `CliRunner` for tests |
# | `typer` | type hints on the function's parameters | built on click, so the same runner and exit codes |
#
# All three write the `--help` text from what you declared (the docstring or `help=` strings become the
# documentation), reject bad input with a usage message on stderr and exit code `2`, and convert values
# (`type=int`, `replicas: int`). The mistake people make: parsing `sys.argv` by hand, which gets `--x=1`,
# `-abc` bundles and `--` wrong and never writes help (the problem at the end of this section shows how much
# there is to get right).
#
# The same small tool, `deploy ENV [--replicas N] [--dry-run]`, written with argparse:

# %% course={"kind": "demo"}
def argparse_deploy(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="deploy", description="Deploy the app to one environment.")
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="roll out the current release")
    up.add_argument("env", choices=["dev", "staging", "prod"], help="where to deploy")
    up.add_argument("-n", "--replicas", type=int, default=2, help="how many copies to run (default: 2)")
    up.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    args = parser.parse_args(argv)
    print(f"{args.command}: {args.env} x{args.replicas}{' (dry run)' if args.dry_run else ''}")
    return 0


argparse_deploy(["up", "prod", "-n", "3", "--dry-run"])
for bad in (["up", "qa"], ["up", "dev", "--replicas", "many"]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            argparse_deploy(bad)
        except SystemExit as stop:
            print(f"{bad} -> SystemExit({stop.code}); stderr ends: {err.getvalue().splitlines()[-1]}")

# %% [markdown] course={"kind": "text"}
# argparse ends the program with `SystemExit(2)` on bad input: fine in a script, surprising in a test (catch
# it, as above). With click the interface is declared on the function itself; a `click.group` holds the
# subcommands, and `CliRunner` runs the command in this process, as a shell would, capturing stdout and
# stderr apart and returning the exit code instead of ending the kernel:

# %% course={"kind": "demo"}
@click.group(help="Deploy the app to one environment.")
def click_deploy() -> None:
    pass


@click_deploy.command(help="Roll out the current release.")
@click.argument("env", type=click.Choice(["dev", "staging", "prod"]))
@click.option("-n", "--replicas", type=int, default=2, show_default=True, help="How many copies to run.")
@click.option("--dry-run", is_flag=True, help="Show the plan, change nothing.")
def up(env: str, replicas: int, dry_run: bool) -> None:
    click.echo(f"up: {env} x{replicas}{' (dry run)' if dry_run else ''}")


runner = CliRunner()
for argv in (["up", "prod", "-n", "3", "--dry-run"], ["up", "qa"], ["up"]):
    result = runner.invoke(click_deploy, argv)
    error = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    print(f"{argv} -> exit {result.exit_code}, stdout {result.stdout!r}, stderr {error}")
print(runner.invoke(click_deploy, ["up", "--help"]).stdout)

# %% [markdown] course={"kind": "text"}
# typer reads the same interface from type hints: a parameter without a default is an argument, one with a
# default is an option, a `bool` becomes a flag, an `Enum` becomes a choice. It is click underneath, so its
# test runner is click's, and a bad value exits `2` the same way.

# %% course={"kind": "demo"}
typer_deploy = typer.Typer(help="Deploy the app to one environment.", add_completion=False)


@typer_deploy.command()
def roll(env: str, replicas: int = 2, dry_run: bool = False) -> None:
    """Roll out the current release."""
    typer.echo(f"roll: {env} x{replicas}{' (dry run)' if dry_run else ''}")


@typer_deploy.command()
def status(env: str) -> None:
    """Show what runs where."""
    typer.echo(f"status of {env}")


typer_runner = TyperRunner()
for argv in (["roll", "prod", "--replicas", "3", "--dry-run"], ["roll", "prod", "--replicas", "many"]):
    result = typer_runner.invoke(typer_deploy, argv)
    print(f"{argv} -> exit {result.exit_code}, stdout {result.stdout!r}")
print(typer_runner.invoke(typer_deploy, ["roll", "--help"]).stdout)

# %% [markdown] course={"kind": "text"}
# An in-process runner is fast, but it is not what a user runs. Once, at least, run the tool the real way: as
# a program, in a child process. Here the notebook writes a package `shipit` (with a `__main__.py`, so
# `python -m shipit` runs it) into a temporary folder and calls it. Only a real process shows the real exit
# code, what went to stdout and what to stderr, and the `--help` a user will read.

# %% course={"kind": "demo"}
SHIPIT_MAIN = """
import click

@click.group(help="Ship releases.")
def cli():
    pass

@cli.command(help="Roll out RELEASE to ENV.")
@click.argument("env")
@click.argument("release")
@click.option("--dry-run", is_flag=True, help="Show the plan only.")
def up(env, release, dry_run):
    click.echo(f"{env} <- {release}")
    click.echo("plan only" if dry_run else "done", err=True)

if __name__ == "__main__":
    cli(prog_name="shipit")
"""
with scratch_modules({"shipit/__init__.py": "", "shipit/__main__.py": SHIPIT_MAIN}) as folder:
    for argv in (["up", "prod", "v42", "--dry-run"], ["up", "prod"], ["--help"]):
        done = run_py(["-m", "shipit", *argv], cwd=folder)
        print(f"$ python -m shipit {' '.join(argv)}   -> exit {done.returncode}")
        print("  stdout:", done.stdout.strip().replace("\n", "\n          "))
        print("  stderr:", done.stderr.strip().replace("\n", "\n          "))

# %% [markdown] course={"kind": "lesson", "id": "config", "covers": ["c-configuration-handling", "c-environment-variables", "c-config-files-yaml-toml-json", "c-command-line-overrides", "c-configuration-validation"]}
# ### Configuration: layers, formats, validation
#
# A script's settings come in **layers**, each overriding the one before:
#
# ```
# defaults in code  <  config file  <  environment variables  <  command-line options
#  (sane, safe)        (per site)       (per deployment / CI)     (this one run)
# ```
#
# The order follows how long a setting lives: a file is committed and reviewed, an environment variable is set
# by the platform that runs the script, an option is typed for one run. Environment variables are always
# strings (`"3"`, `"false"`) and share one namespace with everything else, so give yours a prefix
# (`DEPLOY_REPLICAS`).
#
# Formats: **YAML** (`yaml.safe_load`, from PyYAML) is what ops people write by hand; **TOML** (`tomllib`, in
# the standard library since Python 3.11, read-only) is what Python tooling uses (`pyproject.toml`); **JSON**
# (`json`) is what programs write. Two YAML facts bite: `yaml.load` with the full loader can build arbitrary
# Python objects from a file (always `safe_load`), and YAML 1.1, which PyYAML implements, reads `no`, `off`
# and `yes` as booleans and `010` as octal.
#
# **Validate everything before doing any work**, with a schema: a pydantic model states each setting's type,
# range and default, converts the environment's strings, refuses unknown keys (a typo like `replica: 3`
# silently ignored is a classic outage) and reports *every* problem with its location. The mistake people
# make: validating only the file, and then trusting the environment and the options that override it.

# %% course={"kind": "demo"}
samples = {
    "app.yaml": "country: no\nmode: 010\nregions: [eu, us]\n",
    "app.toml": 'country = "no"\nmode = "010"\nregions = ["eu", "us"]\n',
    "app.json": '{"country": "no", "mode": "010", "regions": ["eu", "us"]}',
}
readers = {".yaml": yaml.safe_load, ".toml": tomllib.loads, ".json": json.loads}
for name, text in samples.items():
    print(f"{name:9} -> {readers[Path(name).suffix](text)}")

try:
    yaml.safe_load("cwd: !!python/object/apply:os.getcwd []")
except yaml.YAMLError as error:
    print("safe_load refuses to build objects:", type(error).__name__, "-", str(error).splitlines()[0])

# %% [markdown] course={"kind": "text"}
# The YAML file says `country: no` and gets `False`; `mode: 010` became `8`. Quote such values in YAML
# (`"no"`), or let a schema with `country: str` refuse the boolean. Here is such a schema with pydantic v2:
# strings from the environment are converted (`"3"` to `3`), and every error has a `loc` (the key) and a
# message, which is what a good error report needs.

# %% course={"kind": "demo"}
class AppSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    replicas: int = Field(default=1, ge=1, le=10)
    region: str = "eu-west-1"


print(AppSettings.model_validate({"replicas": "3"}))
try:
    AppSettings.model_validate({"replicas": 0, "regoin": "us-east-1"})
except ValidationError as error:
    for problem in error.errors():
        print("config.yaml:", ".".join(map(str, problem["loc"])), "-", problem["msg"])

# %% [markdown] course={"kind": "lesson", "id": "secrets", "covers": ["c-secrets-management", "c-environment-variables-for-secrets", "c-secret-files", "c-vault-integration-basics", "c-never-hardcode-secrets"]}
# ### Secrets: where they come from, where they must never go
#
# A secret (a password, an API token, a private key) must never be written into the code: the code is copied,
# committed, reviewed and pasted into tickets, and a secret in git history stays there after you delete the
# line. A script *receives* secrets at run time, from one of:
#
# - **an environment variable** (`DB_PASSWORD`): simple and universal, but inherited by every child process
#   and visible to the same user in `/proc/<pid>/environ`;
# - **a secret file** (`DB_PASSWORD_FILE=/run/secrets/db`): what Docker and Kubernetes mount. Check its
#   permissions the way `ssh` checks a private key: if the group or others may read (or write) it, refuse;
# - **a secrets manager** such as HashiCorp Vault, asked over HTTPS with a token at start-up.
#
# Never pass a secret as a command-line argument: any user on the machine can read every process's arguments
# (`ps aux`, `/proc/<pid>/cmdline`). And never let one reach a log: logs are shipped, indexed and kept for
# months. A `logging.Filter` on the handler that replaces known secret values is the last line of defence
# (one of the exercises builds it).
#
# The child process below reads its own command line the way `ps` reads anyone's (Linux `/proc`):

# %% course={"kind": "demo"}
if Path("/proc/self/cmdline").exists():
    done = run_py(["-c", "print(open('/proc/self/cmdline', 'rb').read().split(b'\\0'))", "--password=hunter2"])
    print("what every user on the machine can see:", done.stdout.strip())
else:
    print("no /proc here; `ps` shows the same thing on any Unix")

# %% [markdown] course={"kind": "text"}
# A secret file's permission bits, read with `os.stat`. `0o600` (owner read/write) is safe; anything in the
# group or "other" bits (mask `0o077`) is not. The bits say who *may* read the file, so the check does not
# depend on who runs the script (even root sees the same bits).

# %% course={"kind": "demo"}
secret_dir = fresh()
for mode in (0o600, 0o400, 0o640, 0o644, 0o660):
    path = secret_dir / f"token-{mode:o}"
    path.write_text("s3cr3t\n", encoding="utf-8")
    os.chmod(path, mode)
    bits = stat.S_IMODE(path.stat().st_mode)
    print(f"{stat.filemode(path.stat().st_mode)}  {bits:04o}  ->", "ok" if not bits & 0o077 else "refuse: group or others have access")

# %% [markdown] course={"kind": "text"}
# **Vault basics.** HashiCorp Vault is a server (a Go program; it is not on PyPI, so nothing here runs a real
# one). Its key/value engine, version 2, is read with one HTTP request:
#
# ```
# GET https://vault.example:8200/v1/<mount>/data/<path>       e.g. /v1/secret/data/myapp/db
# X-Vault-Token: <token>                                       from VAULT_TOKEN, or a login (AppRole, Kubernetes...)
#
# 200 {"data": {"data": {"password": "..."}, "metadata": {"version": 3, ...}}, ...}
# 403 permission denied (token lacks a policy)     404 no such secret
# ```
#
# Note the `data/` inserted after the mount and the value nested twice (`data.data`): the outer `data` is
# Vault's envelope, the inner one your secret, next to its `metadata`. The Python client `hvac` wraps this
# (`client.secrets.kv.v2.read_secret_version(path=...)`). To show the read path working, the cell below
# starts a **small stand-in** that answers like Vault's KV v2 for one secret: plain HTTP on 127.0.0.1, one
# token. It is a stand-in written for this notebook, not Vault (no TLS, no policies, no leases).

# %% course={"kind": "demo"}
import urllib.error
import urllib.request

from course.runtime.httpserve import QuietHandler, base_url, local_server


class VaultStandIn(QuietHandler):
    """Answers GET /v1/secret/data/<path> like Vault's KV v2 engine, for the secrets in server.store."""

    def do_GET(self) -> None:
        if self.headers.get("X-Vault-Token") != self.server.token:  # type: ignore[attr-defined]
            self.send_body(403, b'{"errors": ["permission denied"]}', "application/json")
            return
        key = self.path.removeprefix("/v1/secret/data/")
        secret = self.server.store.get(key) if self.path.startswith("/v1/secret/data/") else None  # type: ignore[attr-defined]
        if secret is None:
            self.send_body(404, b'{"errors": []}', "application/json")
            return
        body = {"data": {"data": secret, "metadata": {"version": 1}}}
        self.send_body(200, json.dumps(body).encode(), "application/json")


def vault_read(url: str, token: str, path: str, mount: str = "secret") -> dict[str, str]:
    request = urllib.request.Request(f"{url}/v1/{mount}/data/{path}", headers={"X-Vault-Token": token})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]["data"]


with local_server(VaultStandIn, token="t-123", store={"myapp/db": {"password": "pa55"}}) as vault:
    url = base_url(vault)
    print("read:", vault_read(url, "t-123", "myapp/db"))
    for token, path in (("wrong", "myapp/db"), ("t-123", "myapp/cache")):
        try:
            vault_read(url, token, path)
        except urllib.error.HTTPError as error:
            print(f"token={token!r} path={path!r} -> HTTP {error.code}")

# %% [markdown] course={"kind": "lesson", "id": "cross-platform", "covers": ["c-cross-platform-scripting", "c-path-handling", "c-os-detection", "c-platform-specific-code"]}
# ### Cross-platform scripting
#
# The same script may run on a Linux server, a macOS laptop and a Windows build agent. Most differences are
# in paths: separators (`/` or `\`), drives (`C:`), case (Windows compares names without case), line endings
# (`\n` or `\r\n`), the path-list separator in `PATH` (`:` or `;`). `pathlib` handles them: build paths with `/`
# on `Path` objects, never by gluing strings. The *pure* classes (`PurePosixPath`, `PureWindowsPath`) apply one
# system's rules on any machine, without touching the disk, so you can see (and test) Windows behaviour on
# Linux:

# %% course={"kind": "demo"}
win = PureWindowsPath("C:/Users/ann") / "conf" / "app.yaml"
posix = PurePosixPath("/home/ann") / "conf" / "app.yaml"
print("Windows path:", win, "| parts", win.parts, "| as_posix", win.as_posix())
print("POSIX path:  ", posix, "| parts", posix.parts)
print("same name, other case? Windows:", PureWindowsPath("App.YAML") == PureWindowsPath("app.yaml"),
      "POSIX:", PurePosixPath("App.YAML") == PurePosixPath("app.yaml"))
print("joining an absolute path replaces the base:", PurePosixPath("/srv/app") / "/etc/passwd")
print("this machine:", f"sys.platform={sys.platform!r}", f"platform.system()={platform.system()!r}",
      f"os.name={os.name!r}", f"os.sep={os.sep!r}", f"os.pathsep={os.pathsep!r}", f"os.linesep={os.linesep!r}")

# %% [markdown] course={"kind": "text"}
# **Detecting the OS**: `sys.platform` (`"linux"`, `"darwin"`, `"win32"`) is the check type checkers
# understand (mypy skips the branches for other platforms); `platform.system()` gives `"Linux"`, `"Darwin"`,
# `"Windows"` for messages; `os.name` is only `"posix"` or `"nt"`. **Platform-specific code** belongs in one
# small function per difference, chosen once, not `if` tests scattered through the script. Better still, ask
# for the feature rather than the OS: `shutil.which("systemctl")` says whether a tool exists,
# `hasattr(os, "fork")` whether a call does. The trap: `path.startswith("/")` or `split("/")` on path strings
# works on your laptop and breaks on Windows; and a joined path that starts with `/` throws away the base (above),
# which is also how "stay inside this folder" checks are bypassed.

# %% course={"kind": "demo"}
def config_home(system: str, env: Mapping[str, str]) -> PurePosixPath | PureWindowsPath:
    """Where a tool keeps its settings, by each system's convention (one function holds the differences)."""
    if system == "win32":
        return PureWindowsPath(env.get("APPDATA", r"C:\Users\me\AppData\Roaming")) / "shipit"
    if system == "darwin":
        return PurePosixPath(env.get("HOME", "/Users/me")) / "Library" / "Application Support" / "shipit"
    return PurePosixPath(env.get("XDG_CONFIG_HOME") or f"{env.get('HOME', '/home/me')}/.config") / "shipit"


for system in ("linux", "darwin", "win32"):
    print(f"{system:6} -> {config_home(system, {})}")
print("here   ->", config_home(sys.platform, {"HOME": "/home/me"}))

# %% [markdown] course={"kind": "lesson", "id": "packaging", "covers": ["c-script-packaging", "c-making-scripts-installable", "c-entry-points", "c-distribution"]}
# ### Packaging a script as a command
#
# A script people install should not be run as `python ~/tools/deploy.py`: it becomes a command (`deploy`),
# with its dependencies declared, a version and an upgrade path. Three pieces:
#
# 1. **A package** with a function that is the program: `def main() -> int` in `shipit/cli.py`, returning the
#    exit code (so tests can call it), plus `shipit/__main__.py` holding `raise SystemExit(main())` so that
#    `python -m shipit` works too.
# 2. **`pyproject.toml`** with an **entry point** in `[project.scripts]`: a command name and `module:function`.
# 3. **A build** into a *wheel* (`python -m build` or `pip wheel .`), a zip file that `pip install` (or
#    `pipx install`, which gives each tool its own virtual environment) unpacks; publish it to PyPI or an
#    internal index.
#
# ```toml
# [build-system]
# requires = ["setuptools>=61"]
# build-backend = "setuptools.build_meta"
#
# [project]
# name = "shipit"
# version = "1.4.0"
# requires-python = ">=3.11"
# dependencies = ["click>=8.1", "pyyaml>=6"]
#
# [project.scripts]
# shipit = "shipit.cli:main"          # command = "module:function"
# ```
#
# At install time the installer writes a tiny launcher named `shipit` into the environment's `bin/` (an
# `.exe` on Windows) that imports `shipit.cli`, calls `main()`, and passes what it returns to `sys.exit`.
# The common mistake: a `main()` that prints an error and returns nothing, so the command always exits `0`.
# Entry points are recorded in the installed package's metadata, where `importlib.metadata` reads them. This
# course is installed the same way; here is its own `course` command, and the launcher pip wrote for it:

# %% course={"kind": "demo"}
from importlib.metadata import entry_points

(course_script,) = entry_points(group="console_scripts", name="course")
print(f"name={course_script.name!r} value={course_script.value!r} module={course_script.module!r} attr={course_script.attr!r}")
print("it loads as:", course_script.load())
launcher = Path(sys.executable).parent / "course"
if launcher.is_file():
    print(f"--- {launcher.name}, the launcher in {launcher.parent.name}/ ---")
    print(launcher.read_text(encoding="utf-8"))
