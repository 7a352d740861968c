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
import typing
import urllib.error
import urllib.request
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
from course.runtime.meters import count_steps
from course.runtime.modules import scratch_modules
from course.runtime.processes import ProcessWatch
from course.runtime.scratch import scratch_dir
from course.runtime.vaultstub import direct_opener, vault_stand_in

PY = sys.executable
SCRATCH = scratch_dir("15.1")


class ConfigError(Exception):
    """A configuration problem; the message names the file (and the key) at fault."""


class SecretError(Exception):
    """A secret cannot be read; the message says why, and never holds the secret."""


class DeployError(Exception):
    """A deployment cannot start or go on; the message says what and where."""


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


def capture_log(filters: Iterable[logging.Filter], emit: Callable[[logging.Logger], None]) -> str:
    """What a handler with these filters writes ("LEVEL message" lines) while emit(logger) logs to a
    fresh logger of its own; the logger is cleaned up afterwards."""
    name = "course.scripting.capture"
    logger = fresh_logger(name)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for one in filters:
        handler.addFilter(one)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        emit(logger)
    finally:
        release_logger(name)
    return stream.getvalue()


def run_py(args: list[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run PY with args in a child process; stdout and stderr captured apart, decoded as UTF-8."""
    child_env = {**os.environ, "PYTHONUTF8": "1", "COLUMNS": "80", **(env or {})}
    with ProcessWatch() as watch:
        return watch.call(
            subprocess.run, [PY, *args], cwd=cwd, env=child_env, capture_output=True, text=True, encoding="utf-8"
        )


# Test helpers: each test cell runs on its own after this cell; they call the learner's function when used.
def config_error(path: Path) -> str:
    """The message of the ConfigError read_config(path) must raise."""
    try:
        read_config(path)
    except ConfigError as error:
        return str(error)
    raise AssertionError(f"{path.name}: expected ConfigError")


def secret_error(name: str, environ: Mapping[str, str], secret: str = "hunter2") -> str:
    """The message of the SecretError read_secret must raise; it must not hold the secret."""
    try:
        read_secret(name, environ)
    except SecretError as error:
        message = str(error)
        assert secret not in message, f"the message must never show the secret: {message!r}"
        return message
    raise AssertionError(f"expected SecretError for {dict(environ)}")


def tool_project() -> Path:
    """A project folder with a package `tool` and three commands."""
    root = fresh()
    (root / "src" / "tool").mkdir(parents=True)
    (root / "src" / "tool" / "__init__.py").write_text("", encoding="utf-8")
    (root / "src" / "tool" / "cli.py").write_text(
        "import argparse, os, sys\n"
        "def main():\n"
        "    print('argv=' + repr(sys.argv))\n"
        "    print('utf8=' + str(sys.flags.utf8_mode))\n"
        "    print('note: to stderr', file=sys.stderr)\n"
        "    if sys.argv[1:] == ['fail']:\n"
        "        return 3\n"
        "    if sys.argv[1:] == ['message']:\n"
        "        return 'tool: nothing to deploy'\n"
        "    if sys.argv[1:] == ['path']:\n"
        "        print(os.environ['PYTHONPATH'])\n"
        "class App:\n"
        "    @staticmethod\n"
        "    def run():\n"
        "        parser = argparse.ArgumentParser()\n"
        "        parser.add_argument('env')\n"
        "        print('deploying', parser.parse_args().env)\n"
        "        return 0\n",
        encoding="utf-8",
    )
    (root / "pyproject.toml").write_text(
        '[project]\nname = "tool"\nversion = "1.0"\n\n[project.scripts]\ntool = "tool.cli:main"\ntool-app = "tool.cli:App.run"\n',
        encoding="utf-8",
    )
    return root


def bounded(func: Callable[..., Any], limit: int = 20_000) -> Callable[..., Any]:
    """func, except that a call running more than `limit` lines of Python fails at once with TooMuchWork
    (an AssertionError naming the line), instead of looping for ever."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return count_steps(func, *args, limit=limit, **kwargs)[0]

    return call


def usage_error(spec: Any, argv: list[str]) -> None:
    """parse(spec, argv) must raise UsageError with exit code 2 (and must not loop for ever)."""
    try:
        got = bounded(parse)(spec, argv)
    except UsageError as error:
        assert error.exit_code == 2
        return
    raise AssertionError(f"{argv}: expected UsageError, got {got!r}")


def make_releases(*names: str) -> Path:
    """A fresh root with releases/<name>/version.txt for each name."""
    root = fresh()
    for name in names:
        (root / "releases" / name).mkdir(parents=True)
        (root / "releases" / name / "version.txt").write_text(name, encoding="utf-8")
    return root


def plain_switcher(calls: list[tuple[str, str | None]]) -> Callable[[Path, str], str | None]:
    """A plain (not atomic) switch for these tests, recording (release, previous) for every call."""

    def switch(root: Path, release: str) -> str | None:
        current = root / "current"
        previous = Path(os.readlink(current)).name if current.is_symlink() else None
        if current.is_symlink():
            current.unlink()
        current.symlink_to(f"releases/{release}")
        calls.append((release, previous))
        return previous

    return switch


def deploy_logged(*args: Any, **kwargs: Any) -> tuple[Any, str]:
    """deploy(...)'s result (or the exception it raised) and what it logged."""
    outcome: list[Any] = []

    def run(log: logging.Logger) -> None:
        try:
            outcome.append(deploy(*args, log=log, **kwargs))
        except Exception as error:
            outcome.append(error)

    logged = capture_log([], run)
    return outcome[0], logged

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
    result = typer_runner.invoke(typer_deploy, argv, prog_name="deploy")
    print(f"{argv} -> exit {result.exit_code}, stdout {result.stdout!r}")
print(typer_runner.invoke(typer_deploy, ["roll", "--help"], prog_name="deploy").stdout)

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
# 200 {"request_id": "...", "lease_id": "", "lease_duration": 0, "renewable": false,
#      "data": {"data": {"password": "..."},
#               "metadata": {"created_time": "...", "deletion_time": "", "destroyed": false, "version": 3, ...}},
#      "wrap_info": null, "warnings": null, "auth": null}
# 403 {"errors": ["permission denied"]}  (no token, or its policy does not allow the path)
# 404 {"errors": []}                     (no secret there)
# ```
#
# Note the `data/` inserted after the mount (the version 1 engine has none: `/v1/<mount>/<path>`; and
# `/v1/<mount>/metadata/<path>` gives a secret's versions without its values) and the value nested twice:
# the response's `data` holds your secret as `data` next to that version's `metadata`, so the secret is
# `response["data"]["data"]`. The Python client `hvac` wraps this
# (`client.secrets.kv.v2.read_secret_version(path=...)`). To show the read path working, the cell below
# starts a **small stand-in** (`vault_stand_in` from `course.runtime.vaultstub`) that answers like Vault's KV v2 read:
# plain HTTP on 127.0.0.1, one token. It is a stand-in written for this notebook, not Vault (no TLS, no
# policies, no leases, no login). Three requests: the right token, a wrong one, a path with no secret.

# %% course={"kind": "demo"}
STORE = {"secret/myapp/db": {"password": "pa55", "user": "app"}}
with vault_stand_in("t-123", STORE) as vault:
    for token, path in (("t-123", "myapp/db"), ("wrong", "myapp/db"), ("t-123", "myapp/cache")):
        request = urllib.request.Request(f"{vault.url}/v1/secret/data/{path}", headers={"X-Vault-Token": token})
        try:
            with direct_opener().open(request, timeout=10) as response:  # no proxy for 127.0.0.1
                print(f"token={token!r} path={path!r} -> HTTP {response.status}: {json.load(response)}")
        except urllib.error.HTTPError as error:
            with error:
                print(f"token={token!r} path={path!r} -> HTTP {error.code}: {json.load(error)}")

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
# A wheel holds the package's files plus a `.dist-info` folder: `METADATA` (name, version, dependencies) and
# `entry_points.txt` (the `[project.scripts]` table, as the group `console_scripts`). At install time the
# installer writes a tiny launcher named `shipit` into the environment's `bin/` (an `.exe` on Windows) that
# imports `shipit.cli`, calls `main()`, and passes what it returns to `sys.exit`.
# The common mistake: a `main()` that prints an error and returns nothing, so the command always exits `0`.
# Entry points are recorded in the installed package's metadata, where `importlib.metadata` reads them. This
# course is installed the same way; here is its own `course` command, and the launcher pip wrote for it:

# %% course={"kind": "demo"}
from importlib.metadata import entry_points

(course_script,) = entry_points(group="console_scripts", name="course")
print(f"name={course_script.name!r} value={course_script.value!r} module={course_script.module!r} attr={course_script.attr!r}")
print("it loads as:", course_script.load())
if course_script.dist is not None:
    print(f"--- entry_points.txt of {course_script.dist.name}, as its .dist-info folder holds it ---")
    print(course_script.dist.read_text("entry_points.txt"))
launcher = Path(sys.executable).parent / "course"
if launcher.is_file():
    print(f"--- {launcher.name}, the launcher in {launcher.parent.name}/ ---")
    print(launcher.read_text(encoding="utf-8"))

# %% [markdown] course={"kind": "exercise", "id": "click-preflight", "item": "x-create-a-cli-tool-with-click"}
# ### Exercise: a preflight checker with click
#
# Give the click group `preflight` two subcommands that check a machine before a deployment runs:
#
# - `preflight env NAME...` (one or more names): a variable counts as set when it is in the environment and not
#   empty. For each name, in the order given, print `ok NAME` to **stdout** when it is set and `missing NAME` to
#   **stderr** when it is not. A NAME that is not a valid variable name (`[A-Z_][A-Z0-9_]*`) is a usage error.
# - `preflight files PATH...` (one or more): the same with `ok PATH` / `missing PATH` for paths that exist or not.
#   A missing path is a failed check, not a usage error.
#
# Both take `-q`/`--quiet` (print only what is missing) and end with exit code `0` when everything was found,
# `1` when something is missing, `2` for a usage error (no names, a bad name, an unknown option: click does this
# for you when you raise `click.BadParameter` or declare the arguments well). Give every command and option a
# help text.
#
# ```
# $ DB_URL=postgres://db preflight env DB_URL API_TOKEN      # stdout: ok DB_URL   stderr: missing API_TOKEN   exit 1
# ```

# %% [markdown] course={"kind": "hint"}
# `@click.argument("names", nargs=-1, required=True)` takes one or more values as a tuple. `click.echo(text, err=True)`
# writes to stderr.

# %% [markdown] course={"kind": "hint"}
# With click, the value a command returns is thrown away: to end with exit code 1, `raise SystemExit(1)` (or
# `click.get_current_context().exit(1)`). An argument's `callback=` can check each value and raise
# `click.BadParameter`, which click turns into a usage message and exit code 2. Do not use
# `click.Path(exists=True)` for `files`: it turns a missing path into a usage error.

# %% course={"kind": "solution"}
VARIABLE_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


@click.group(help="Check that a machine is ready before a deployment runs.")
def preflight() -> None:
    pass


### BEGIN SOLUTION
def _valid_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if not VARIABLE_NAME.fullmatch(value):
            raise click.BadParameter(f"{value!r} is not an environment variable name")
    return values


def _report(results: list[tuple[str, bool]], quiet: bool) -> None:
    missing = False
    for name, found in results:
        if not found:
            click.echo(f"missing {name}", err=True)
            missing = True
        elif not quiet:
            click.echo(f"ok {name}")
    if missing:
        raise SystemExit(1)


@preflight.command(help="Every NAME must be set in the environment, and not empty.")
@click.argument("names", nargs=-1, required=True, callback=_valid_names)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def env(names: tuple[str, ...], quiet: bool) -> None:
    _report([(name, bool(os.environ.get(name))) for name in names], quiet)


@preflight.command(help="Every PATH must exist.")
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def files(paths: tuple[str, ...], quiet: bool) -> None:
    _report([(path, Path(path).exists()) for path in paths], quiet)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
_pf = CliRunner().invoke(preflight, ["env", "PF_ONE", "PF_TWO"], env={"PF_ONE": "1", "PF_TWO": "x"})
assert (_pf.exit_code, _pf.stdout, _pf.stderr) == (0, "ok PF_ONE\nok PF_TWO\n", ""), f"all set: exit 0, one 'ok NAME' line each on stdout; got {_pf.exit_code} {_pf.stdout!r} {_pf.stderr!r}"

# %% course={"kind": "test", "points": 2}
_pf = CliRunner().invoke(preflight, ["env", "PF_EMPTY", "PF_SET", "PF_UNSET"], env={"PF_SET": "0", "PF_EMPTY": "", "PF_UNSET": None})
assert _pf.stderr == "missing PF_EMPTY\nmissing PF_UNSET\n", f"missing (or empty) variables go to stderr, in order; got {_pf.stderr!r}"
assert _pf.stdout == "ok PF_SET\n", f"'0' is a value: PF_SET is set; got stdout {_pf.stdout!r}"
assert _pf.exit_code == 1, f"something missing: exit code 1, got {_pf.exit_code}"
### BEGIN HIDDEN TESTS
_pf = CliRunner().invoke(preflight, ["env", "--quiet", "PF_SET", "PF_UNSET"], env={"PF_SET": "y", "PF_UNSET": None})
assert (_pf.exit_code, _pf.stdout, _pf.stderr) == (1, "", "missing PF_UNSET\n"), "--quiet hides the ok lines, never the missing ones"
_pf = CliRunner().invoke(preflight, ["env", "-q", "PF_SET"], env={"PF_SET": "y"})
assert (_pf.exit_code, _pf.stdout, _pf.stderr) == (0, "", ""), "-q is the short form of --quiet"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_dir = fresh()
(_dir / "present.txt").write_text("", encoding="utf-8")
_pf = CliRunner().invoke(preflight, ["files", str(_dir / "present.txt"), str(_dir / "absent.txt"), str(_dir)])
assert _pf.exit_code == 1, f"a missing path is a failed check (exit 1), not a usage error; got {_pf.exit_code}"
assert _pf.stdout == f"ok {_dir / 'present.txt'}\nok {_dir}\n", f"existing files and folders are ok; got {_pf.stdout!r}"
assert _pf.stderr == f"missing {_dir / 'absent.txt'}\n", f"got stderr {_pf.stderr!r}"
### BEGIN HIDDEN TESTS
_pf = CliRunner().invoke(preflight, ["files", "-q", str(_dir / "present.txt")])
assert (_pf.exit_code, _pf.stdout, _pf.stderr) == (0, "", ""), "files takes -q as well"
_pf = CliRunner().invoke(preflight, ["files", "--quiet", str(_dir / "absent.txt")])
assert (_pf.exit_code, _pf.stdout, _pf.stderr) == (1, "", f"missing {_dir / 'absent.txt'}\n"), "files --quiet still reports what is missing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for _argv in (["env"], ["files"], ["env", "db_url"], ["env", "PF_OK", "9LIVES"], ["env", "--loud", "PF_OK"], ["deploy"]):
    _pf = CliRunner().invoke(preflight, _argv, env={"PF_OK": "1"})
    assert _pf.exit_code == 2, f"{_argv}: a usage error exits with code 2, got {_pf.exit_code}"
    assert _pf.stdout == "" and "Usage:" in _pf.stderr, f"{_argv}: the usage message goes to stderr, nothing to stdout"
### BEGIN HIDDEN TESTS
_pf = CliRunner().invoke(preflight, ["env", "_PRIVATE", "A1_B"], env={"_PRIVATE": "1", "A1_B": "2"})
assert (_pf.exit_code, _pf.stdout) == (0, "ok _PRIVATE\nok A1_B\n"), "names may start with _ and hold digits after the first place"
_pf = CliRunner().invoke(preflight, ["env", "PF_OK", "PF-OK"], env={"PF_OK": "1"})
assert _pf.exit_code == 2 and _pf.stdout == "", "a bad name anywhere is a usage error before any check runs"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_help = CliRunner().invoke(preflight, ["--help"])
assert _help.exit_code == 0 and "env" in _help.stdout and "files" in _help.stdout, "--help lists both subcommands"
for _cmd in ("env", "files"):
    _help = CliRunner().invoke(preflight, [_cmd, "--help"])
    assert _help.exit_code == 0 and "-q, --quiet" in _help.stdout, f"{_cmd} --help documents -q, --quiet"
    assert preflight.commands[_cmd].help, f"{_cmd} needs a help text"

# %% course={"kind": "wrong", "id": "returns-exit-code"}
VARIABLE_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


@click.group(help="Check that a machine is ready before a deployment runs.")
def preflight() -> None:
    pass


def _check(results: list[tuple[str, bool]], quiet: bool) -> int:
    missing = 0
    for name, found in results:
        if not found:
            click.echo(f"missing {name}", err=True)
            missing += 1
        elif not quiet:
            click.echo(f"ok {name}")
    return 1 if missing else 0  # click throws the return value away: the exit code stays 0


@preflight.command(help="Every NAME must be set in the environment, and not empty.")
@click.argument("names", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def env(names: tuple[str, ...], quiet: bool) -> int:
    for name in names:
        if not VARIABLE_NAME.fullmatch(name):
            raise click.BadParameter(f"{name!r} is not an environment variable name")
    return _check([(name, bool(os.environ.get(name))) for name in names], quiet)


@preflight.command(help="Every PATH must exist.")
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def files(paths: tuple[str, ...], quiet: bool) -> int:
    return _check([(path, Path(path).exists()) for path in paths], quiet)

# %% course={"kind": "wrong", "id": "print-and-path-exists"}
VARIABLE_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


@click.group(help="Check that a machine is ready before a deployment runs.")
def preflight() -> None:
    pass


@preflight.command(help="Every NAME must be set in the environment, and not empty.")
@click.argument("names", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def env(names: tuple[str, ...], quiet: bool) -> None:
    missing = [name for name in names if name not in os.environ]  # an empty value counts as set
    for name in names:
        print(f"missing {name}" if name in missing else f"ok {name}")  # everything to stdout
    if missing:
        raise SystemExit(1)


@preflight.command(help="Every PATH must exist.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))  # missing: exit 2
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def files(paths: tuple[str, ...], quiet: bool) -> None:
    for path in paths:
        if not quiet:
            click.echo(f"ok {path}")

# %% course={"kind": "wrong", "id": "no-name-check"}
@click.group(help="Check that a machine is ready before a deployment runs.")
def preflight() -> None:
    pass


def _report(results: list[tuple[str, bool]], quiet: bool) -> None:
    missing = False
    for name, found in results:
        if not found:
            click.echo(f"missing {name}", err=True)
            missing = True
        elif not quiet:
            click.echo(f"ok {name}")
    if missing:
        raise SystemExit(1)


@preflight.command(help="Every NAME must be set in the environment, and not empty.")
@click.argument("names", nargs=-1)  # not required, and any text accepted as a name
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def env(names: tuple[str, ...], quiet: bool) -> None:
    _report([(name, bool(os.environ.get(name))) for name in names], quiet)


@preflight.command(help="Every PATH must exist.")
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="Print only what is missing.")
def files(paths: tuple[str, ...], quiet: bool) -> None:
    _report([(path, Path(path).exists()) for path in paths], quiet)

# %% [markdown] course={"kind": "exercise", "id": "typer-prune"}
# ### Exercise: a backup pruner with typer
#
# Give the typer app `prune_app` one command, declared with **type hints**: `prune BACKUP... [--keep N] [--dry-run]`.
# Backup names sort by their date (`db-2024-05-01.tar`), so the newest are the last in sorted order. The command
# prints `keep NAME` for the `N` newest (newest first), then `delete NAME` for the others (newest first too), or
# `would delete NAME` with `--dry-run`. `--keep` is an `int` from `1` to `100`, default `3`; at least one backup
# must be given. A bad value (`--keep 0`, `--keep many`, no backups) is a usage error with exit code `2`, which
# typer produces for you from the declaration. The function's docstring is the help text.
#
# ```
# $ prune db-2024-05-01.tar db-2024-05-03.tar db-2024-05-02.tar --keep 2
# keep db-2024-05-03.tar
# keep db-2024-05-02.tar
# delete db-2024-05-01.tar
# ```

# %% [markdown] course={"kind": "hint"}
# A parameter with no default is an argument (`backups: list[str]` takes one or more); one with a default is an
# option (`dry_run: bool = False` gives `--dry-run`).

# %% [markdown] course={"kind": "hint"}
# Limits go in the option's declaration: `keep: Annotated[int, typer.Option(min=1, max=100, help="...")] = 3`
# (`from typing import Annotated`). Then `ordered = sorted(backups, reverse=True)` and slice it at `keep`.

# %% course={"kind": "solution"}
from typing import Annotated

prune_app = typer.Typer(add_completion=False)

### BEGIN SOLUTION
@prune_app.command()
def prune(
    backups: list[str],
    keep: Annotated[int, typer.Option(min=1, max=100, help="How many of the newest backups to keep.")] = 3,
    dry_run: Annotated[bool, typer.Option(help="Say what would be deleted; delete nothing.")] = False,
) -> None:
    """Keep the newest KEEP backups and delete the others."""
    ordered = sorted(backups, reverse=True)
    for name in ordered[:keep]:
        typer.echo(f"keep {name}")
    for name in ordered[keep:]:
        typer.echo(f"{'would delete' if dry_run else 'delete'} {name}")
### END SOLUTION

# %% course={"kind": "test", "points": 2}
_backups = ["db-2024-05-01.tar", "db-2024-05-03.tar", "db-2024-05-02.tar"]
_r = TyperRunner().invoke(prune_app, [*_backups, "--keep", "2"], prog_name="prune")
assert (_r.exit_code, _r.stderr) == (0, ""), f"exit 0 and nothing on stderr; got {_r.exit_code} {_r.stderr!r}"
assert _r.stdout == "keep db-2024-05-03.tar\nkeep db-2024-05-02.tar\ndelete db-2024-05-01.tar\n", f"newest kept, newest first; got {_r.stdout!r}"

# %% course={"kind": "test", "points": 2}
_backups = ["b-04", "b-01", "b-03", "b-05", "b-02"]
_r = TyperRunner().invoke(prune_app, _backups, prog_name="prune")
assert _r.stdout == "keep b-05\nkeep b-04\nkeep b-03\ndelete b-02\ndelete b-01\n", f"--keep defaults to 3; got {_r.stdout!r}"
_r = TyperRunner().invoke(prune_app, [*_backups, "--dry-run", "--keep", "4"], prog_name="prune")
assert _r.stdout == "keep b-05\nkeep b-04\nkeep b-03\nkeep b-02\nwould delete b-01\n", f"--dry-run says 'would delete'; got {_r.stdout!r}"
### BEGIN HIDDEN TESTS
_r = TyperRunner().invoke(prune_app, ["only"], prog_name="prune")
assert (_r.exit_code, _r.stdout) == (0, "keep only\n"), "fewer backups than --keep: keep them all"
_r = TyperRunner().invoke(prune_app, [*(f"n-{i:03}" for i in range(102)), "--keep", "100"], prog_name="prune")
assert _r.exit_code == 0 and _r.stdout.count("keep ") == 100 and _r.stdout.endswith("delete n-001\ndelete n-000\n"), "--keep 100 is allowed (the top of the range)"
_r = TyperRunner().invoke(prune_app, ["x-2", "x-1", "--keep", "1", "--dry-run"], prog_name="prune")
assert _r.stdout == "keep x-2\nwould delete x-1\n", "--keep 1 is allowed (the bottom of the range)"
_r = TyperRunner().invoke(prune_app, ["x-2", "x-1", "--keep", "1", "--no-dry-run"], prog_name="prune")
assert _r.stdout == "keep x-2\ndelete x-1\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for _argv in ([], ["b-01", "--keep", "0"], ["b-01", "--keep", "101"], ["b-01", "--keep", "many"], ["b-01", "--keep", "-1"], ["b-01", "--force"]):
    _r = TyperRunner().invoke(prune_app, _argv, prog_name="prune")
    assert _r.exit_code == 2 and _r.stdout == "", f"{_argv}: a usage error, exit code 2, nothing on stdout; got {_r.exit_code} {_r.stdout!r}"

# %% course={"kind": "test", "points": 1}
# In a Jupyter kernel rich draws typer's --help as display output, not on stdout, so the runner would
# catch nothing: ask for click's plain help for this one call (it shows the same docstring and options).
_mode, prune_app.rich_markup_mode = prune_app.rich_markup_mode, None
try:
    _r = TyperRunner().invoke(prune_app, ["--help"], prog_name="prune", env={"COLUMNS": "100"})
finally:
    prune_app.rich_markup_mode = _mode
_help = _r.stdout
assert _r.exit_code == 0 and "Keep the newest KEEP backups" in _help, "the docstring is the help text"
assert "--keep" in _help and "--dry-run" in _help, "--help lists the options"
(_command,) = prune_app.registered_commands
_hints = typing.get_type_hints(_command.callback)
assert _hints.get("keep") is int and _hints.get("dry_run") is bool, f"the options are declared by type hints: keep: int, dry_run: bool; got {_hints}"

# %% course={"kind": "wrong", "id": "oldest-kept"}
from typing import Annotated

prune_app = typer.Typer(add_completion=False)


@prune_app.command()
def prune(
    backups: list[str],
    keep: Annotated[int, typer.Option(min=1, max=100, help="How many of the newest backups to keep.")] = 3,
    dry_run: Annotated[bool, typer.Option(help="Say what would be deleted; delete nothing.")] = False,
) -> None:
    """Keep the newest KEEP backups and delete the others."""
    ordered = sorted(backups)  # oldest first: the oldest are kept
    for name in ordered[:keep]:
        typer.echo(f"keep {name}")
    for name in ordered[keep:]:
        typer.echo(f"{'would delete' if dry_run else 'delete'} {name}")

# %% course={"kind": "wrong", "id": "unchecked-keep"}
from typing import Annotated

prune_app = typer.Typer(add_completion=False)


@prune_app.command()
def prune(backups: list[str], keep: int = 3, dry_run: bool = False) -> None:
    """Keep the newest KEEP backups and delete the others."""
    ordered = sorted(backups, reverse=True)  # --keep 0 deletes everything; --keep -1 keeps all but one
    for name in ordered[:keep]:
        typer.echo(f"keep {name}")
    for name in ordered[keep:]:
        typer.echo(f"{'would delete' if dry_run else 'delete'} {name}")

# %% course={"kind": "wrong", "id": "given-order"}
from typing import Annotated

prune_app = typer.Typer(add_completion=False)


@prune_app.command()
def prune(
    backups: list[str],
    keep: Annotated[int, typer.Option(min=1, max=100, help="How many of the newest backups to keep.")] = 3,
    dry_run: Annotated[bool, typer.Option(help="Say what would be deleted; delete nothing.")] = False,
) -> None:
    """Keep the newest KEEP backups and delete the others."""
    for name in backups[-keep:][::-1]:  # trusts the order given on the command line
        typer.echo(f"keep {name}")
    for name in backups[:-keep][::-1]:
        typer.echo(f"{'would delete' if dry_run else 'delete'} {name}")

# %% [markdown] course={"kind": "exercise", "id": "ensure-content", "item": "x-implement-idempotent-file-operations"}
# ### Exercise: write a file idempotently and atomically
#
# Write `ensure_content(path, text) -> bool` that makes the file at `path` hold exactly `text` (UTF-8) and
# reports whether it changed anything:
#
# - when the file already holds those bytes, it writes nothing and returns `False`;
# - otherwise it writes the bytes to a **temporary file in the same folder**, then moves it over `path` with
#   `os.replace` (atomic on one file system: a reader sees the old file or the new one, never half of one) and
#   returns `True`;
# - the new file keeps the permission bits of the file it replaces; a file that did not exist gets `0o644`
#   (a temporary file is created `0o600`, so set the mode yourself);
# - if anything fails, `path` is left as it was and no temporary file is left behind; the error propagates.
#
# ```python
# ensure_content(Path("motd"), "welcome\n")   # True: written
# ensure_content(Path("motd"), "welcome\n")   # False: already so, nothing written
# ```

# %% [markdown] course={"kind": "hint"}
# Compare first: `path.exists() and path.read_bytes() == data`. `tempfile.mkstemp(dir=path.parent)` gives an
# open descriptor and a name in the right folder.

# %% [markdown] course={"kind": "hint"}
# Encode before you create anything (`text.encode("utf-8")` can fail on a lone surrogate). Wrap the write,
# `os.chmod` and `os.replace` in `try`; in `except BaseException:` remove the temporary file and `raise`.

# %% course={"kind": "solution"}
def ensure_content(path: Path, text: str) -> bool:
    ### BEGIN SOLUTION
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_dir = fresh()
assert ensure_content(_dir / "motd", "welcome\n") is True, "a new file is a change: True"
assert (_dir / "motd").read_bytes() == b"welcome\n", "the file holds the text"
assert ensure_content(_dir / "motd", "welcome\n") is False, "the same text again: nothing to do, False"

# %% course={"kind": "test", "points": 2}
_dir = fresh()
ensure_content(_dir / "app.conf", "port = 80\n")
_before = tree_hash(_dir)
with spying(os, "replace") as _replaced:
    assert ensure_content(_dir / "app.conf", "port = 80\n") is False, "second run: False"
assert _replaced == [] and tree_hash(_dir) == _before, "a second run must write nothing at all"
with spying(os, "replace") as _replaced:
    assert ensure_content(_dir / "app.conf", "port = 8080\n") is True, "new text: True"
assert (_dir / "app.conf").read_text(encoding="utf-8") == "port = 8080\n"
assert len(_replaced) == 1 and Path(_replaced[0][1]) == _dir / "app.conf", "the file is put in place with one os.replace"
assert Path(_replaced[0][0]).parent == _dir, f"the temporary file must be in the same folder, not {Path(_replaced[0][0]).parent}"
assert sorted(p.name for p in _dir.iterdir()) == ["app.conf"], "no temporary file is left behind"
### BEGIN HIDDEN TESTS
_dir = fresh()
assert ensure_content(_dir / "empty", "") is True and (_dir / "empty").read_bytes() == b"", "an empty text is a content too"
assert ensure_content(_dir / "empty", "") is False, "an empty file that should be empty: no change"
assert ensure_content(_dir / "uni", "café ✓\n") is True and (_dir / "uni").read_bytes() == "café ✓\n".encode("utf-8")
assert ensure_content(_dir / "uni", "café ✓\n") is False, "compared as UTF-8 bytes"
assert ensure_content(_dir / "uni", "cafe ✓\n") is True, "one letter differs: a change"
assert ensure_content(_dir / "crlf", "a\r\nb\r\n") is True and (_dir / "crlf").read_bytes() == b"a\r\nb\r\n", "no newline translation"
assert ensure_content(_dir / "crlf", "a\nb\n") is True and (_dir / "crlf").read_bytes() == b"a\nb\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_dir = fresh()
_umask = os.umask(0o077)  # a strict umask, as on some servers: 0o644 must not depend on the umask
try:
    ensure_content(_dir / "new.conf", "x\n")
finally:
    os.umask(_umask)
assert stat.S_IMODE((_dir / "new.conf").stat().st_mode) == 0o644, "a new file gets mode 0o644 (set it: do not count on the umask)"
(_dir / "key").write_text("old\n", encoding="utf-8")
os.chmod(_dir / "key", 0o600)
ensure_content(_dir / "key", "new\n")
assert stat.S_IMODE((_dir / "key").stat().st_mode) == 0o600, "a replaced file keeps its mode (0o600 here)"
### BEGIN HIDDEN TESTS
os.chmod(_dir / "key", 0o751)
ensure_content(_dir / "key", "newer\n")
assert stat.S_IMODE((_dir / "key").stat().st_mode) == 0o751, "any mode is kept, 0o751 too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_dir = fresh()
(_dir / "hosts").write_bytes(b"127.0.0.1 localhost\n")
try:
    ensure_content(_dir / "hosts", "bad \ud800 text\n")
except UnicodeEncodeError:
    pass
else:
    raise AssertionError("text that cannot be encoded must raise UnicodeEncodeError")
assert (_dir / "hosts").read_bytes() == b"127.0.0.1 localhost\n", "a failed write leaves the old file untouched"
with spying(os, "replace", fail=PermissionError("refused")):
    try:
        ensure_content(_dir / "hosts", "10.0.0.1 db\n")
    except PermissionError:
        pass
    else:
        raise AssertionError("an error from os.replace must propagate")
assert (_dir / "hosts").read_bytes() == b"127.0.0.1 localhost\n", "the old file is still there"
assert sorted(p.name for p in _dir.iterdir()) == ["hosts"], "the temporary file was removed after the failure"

# %% course={"kind": "wrong", "id": "direct-write"}
def ensure_content(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    with open(path, "w", encoding="utf-8", newline="") as handle:  # truncates first: not atomic
        handle.write(text)
    return True

# %% course={"kind": "wrong", "id": "always-writes"}
def ensure_content(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, temp = tempfile.mkstemp(dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)  # rewrites even when nothing changed
    except BaseException:
        os.unlink(temp)
        raise
    return True

# %% course={"kind": "wrong", "id": "temp-elsewhere-no-mode"}
def ensure_content(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    fd, temp = tempfile.mkstemp()  # in /tmp: another file system, maybe; and mode 0o600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return True

# %% course={"kind": "wrong", "id": "leaves-temp"}
def ensure_content(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(data)  # no clean-up when the move fails
    os.chmod(temp, mode)
    os.replace(temp, path)
    return True

# %% course={"kind": "wrong", "id": "mode-from-umask", "fails": ["t3"]}
def ensure_content(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        else:
            os.chmod(temp, 0o666 & ~_current_umask())  # "what open() would give": 0o644 only under umask 022
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    return True


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

# %% [markdown] course={"kind": "exercise", "id": "read-config", "item": "x-create-a-script-with-yaml-configuration"}
# ### Exercise: read a config file, whatever its format
#
# Write `read_config(path) -> dict` that reads a configuration file by its suffix, in any case (`.yaml`/`.yml`
# with `yaml.safe_load`, `.toml` with `tomllib`, `.json` with `json`), decoding it as UTF-8. Every problem
# raises `ConfigError` (defined at the top of the notebook) with a message that **starts with the file's path**:
#
# - an unknown suffix (say which ones are known);
# - a file that does not parse (keep the parser's message: it has the line number);
# - a top level that is not a mapping (a list, a number...).
#
# An empty YAML file (or one with only comments) is an empty configuration: `{}`.
#
# ```python
# read_config(Path("deploy.yml"))     # {'environment': 'prod', 'replicas': 3}
# read_config(Path("deploy.ini"))     # ConfigError: deploy.ini: unknown config format '.ini' (use .yaml, .yml, .toml or .json)
# ```

# %% [markdown] course={"kind": "hint"}
# `path.suffix.lower()` picks the reader. `yaml.safe_load` of an empty document returns `None`.

# %% [markdown] course={"kind": "hint"}
# Catch the three parsers' errors together: `except (yaml.YAMLError, tomllib.TOMLDecodeError,
# json.JSONDecodeError) as error: raise ConfigError(f"{path}: {error}") from error`. Never `yaml.load` with
# the full or unsafe loader: a file could then build Python objects.

# %% course={"kind": "solution"}
def read_config(path: Path) -> dict[str, Any]:
    ### BEGIN SOLUTION
    readers: dict[str, Callable[[str], Any]] = {
        ".yaml": yaml.safe_load,
        ".yml": yaml.safe_load,
        ".toml": tomllib.loads,
        ".json": json.loads,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ConfigError(f"{path}: unknown config format {path.suffix!r} (use .yaml, .yml, .toml or .json)")
    try:
        data = reader(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    if data is None and reader is yaml.safe_load:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of keys to values, not {type(data).__name__}")
    return data
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_dir = fresh()
_files = {
    "a.yaml": "environment: prod\nreplicas: 3\n",
    "b.yml": "environment: prod\nreplicas: 3\n",
    "c.toml": 'environment = "prod"\nreplicas = 3\n',
    "d.json": '{"environment": "prod", "replicas": 3}',
}
for _name, _text in _files.items():
    (_dir / _name).write_text(_text, encoding="utf-8")
    _got = read_config(_dir / _name)
    assert _got == {"environment": "prod", "replicas": 3} and type(_got) is dict, f"{_name}: got {_got!r}"
    assert type(_got["replicas"]) is int, f"{_name}: numbers stay numbers"
### BEGIN HIDDEN TESTS
(_dir / "UP.YML").write_text("name: café\n", encoding="utf-8")
assert read_config(_dir / "UP.YML") == {"name": "café"}, "the suffix in capitals is the same format; the file is UTF-8"
(_dir / "Up.Toml").write_text('name = "café"\n', encoding="utf-8")
assert read_config(_dir / "Up.Toml") == {"name": "café"}
(_dir / "UP.JSON").write_text('{"name": "café"}', encoding="utf-8")
assert read_config(_dir / "UP.JSON") == {"name": "café"}
(_dir / "nested.yaml").write_text("db:\n  host: x\n  port: 5432\n", encoding="utf-8")
assert read_config(_dir / "nested.yaml") == {"db": {"host": "x", "port": 5432}}
(_dir / "empty.toml").write_text("", encoding="utf-8")
assert read_config(_dir / "empty.toml") == {}, "an empty TOML document is an empty table"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_dir = fresh()
for _name in ("empty.yaml", "comments.yml"):
    (_dir / _name).write_text("" if _name == "empty.yaml" else "# nothing set yet\n", encoding="utf-8")
    _got = read_config(_dir / _name)
    assert _got == {} and type(_got) is dict, f"{_name}: an empty YAML file is an empty configuration {{}}, got {_got!r}"

# %% course={"kind": "test", "points": 2}
_dir = fresh()
(_dir / "deploy.ini").write_text("[x]\n", encoding="utf-8")
_msg = config_error(_dir / "deploy.ini")
assert _msg.startswith(f"{_dir / 'deploy.ini'}:") and ".yaml" in _msg and ".toml" in _msg, f"unknown format: {_msg!r}"
(_dir / "broken.yaml").write_text("a: 1\nb: [2, 3\n", encoding="utf-8")
_msg = config_error(_dir / "broken.yaml")
assert _msg.startswith(f"{_dir / 'broken.yaml'}:") and "line" in _msg, f"a YAML syntax error names the file and keeps the line: {_msg!r}"
### BEGIN HIDDEN TESTS
(_dir / "broken.toml").write_text("a = \n", encoding="utf-8")
_msg = config_error(_dir / "broken.toml")
assert _msg.startswith(f"{_dir / 'broken.toml'}:") and "line 1" in _msg, _msg
(_dir / "broken.json").write_text('{"a": 1,}', encoding="utf-8")
_msg = config_error(_dir / "broken.json")
assert _msg.startswith(f"{_dir / 'broken.json'}:") and "line 1" in _msg, _msg
(_dir / "empty.json").write_text("", encoding="utf-8")
assert config_error(_dir / "empty.json").startswith(f"{_dir / 'empty.json'}:"), "an empty JSON file is not valid JSON"
(_dir / "noext").write_text("a: 1\n", encoding="utf-8")
assert config_error(_dir / "noext").startswith(f"{_dir / 'noext'}:"), "no suffix: unknown format"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_dir = fresh()
for _name, _text in (("list.yaml", "- a\n- b\n"), ("scalar.yml", "42\n"), ("list.json", "[1, 2]"), ("str.json", '"prod"')):
    (_dir / _name).write_text(_text, encoding="utf-8")
    _msg = config_error(_dir / _name)
    assert _msg.startswith(f"{_dir / _name}:"), f"{_name}: a top level that is not a mapping is an error naming the file: {_msg!r}"
(_dir / "evil.yaml").write_text("cwd: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
_msg = config_error(_dir / "evil.yaml")
assert _msg.startswith(f"{_dir / 'evil.yaml'}:"), "a YAML file must never build Python objects: use yaml.safe_load"
### BEGIN HIDDEN TESTS
for _name, _text in (("none.json", "null"), ("zero.json", "0"), ("no.json", "false"), ("empty-list.yaml", "[]\n"), ("empty-str.yaml", "''\n")):
    (_dir / _name).write_text(_text, encoding="utf-8")
    _msg = config_error(_dir / _name)
    assert _msg.startswith(f"{_dir / _name}:"), f"{_name}: a falsy top level that is not a mapping is still an error, not {{}}: {_msg!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "falsy-is-empty", "fails": ["t4"]}
def read_config(path: Path) -> dict[str, Any]:
    readers: dict[str, Callable[[str], Any]] = {".yaml": yaml.safe_load, ".yml": yaml.safe_load, ".toml": tomllib.loads, ".json": json.loads}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ConfigError(f"{path}: unknown config format {path.suffix!r} (use .yaml, .yml, .toml or .json)")
    try:
        data = reader(path.read_text(encoding="utf-8")) or {}  # [] or 0 or null becomes {} too
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping, not {type(data).__name__}")
    return data

# %% course={"kind": "wrong", "id": "unsafe-yaml-load"}
def read_config(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            data = yaml.load(text, Loader=yaml.UnsafeLoader) or {}  # runs the tags it finds
        elif suffix == ".toml":
            data = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            raise ConfigError(f"{path}: unknown config format {path.suffix!r} (use .yaml, .yml, .toml or .json)")
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping")
    return data

# %% course={"kind": "wrong", "id": "none-and-parse-errors-escape"}
def read_config(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):  # case matters here: UP.YML is unknown
        return yaml.safe_load(text)  # None for an empty file; a syntax error escapes as YAMLError
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    raise ConfigError(f"{path}: unknown config format {path.suffix!r} (use .yaml, .yml, .toml or .json)")

# %% course={"kind": "wrong", "id": "no-top-level-check"}
def read_config(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            return yaml.safe_load(text) or {}  # a list or a number comes back as the "config"
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    raise ConfigError(f"{path}: unknown config format {path.suffix!r} (use .yaml, .yml, .toml or .json)")

# %% [markdown] course={"kind": "exercise", "id": "layered-settings", "item": "x-create-a-script-with-yaml-configuration"}
# ### Exercise: layered, validated settings
#
# A deployment script's settings are the pydantic model `DeploySettings` (given: unknown keys are refused).
# Write `load_settings(file_values, source, environ, overrides) -> DeploySettings` that merges, each layer
# overriding the one before:
#
# 1. the model's defaults;
# 2. `file_values`, the mapping read from the config file named `source`;
# 3. environment variables `DEPLOY_<KEY>` from `environ` (`DEPLOY_REPLICAS=3` sets `replicas`; the rest of
#    the environment is ignored);
# 4. `overrides` from the command line, where `None` means "option not given" (but `0`, `False` and `""` are
#    given values).
#
# Validate the result with the model. On a `ValidationError` raise `ConfigError` (defined at the top of the
# notebook) whose message names, for **every** problem, where the bad value came from: `"<source>: <key>"` for the
# file, the variable's name (`DEPLOY_REPLICAS`) for the environment, `--<key with - for _>` for an option
# (`--dry-run`), and the key itself for a required key nobody set. Do not change the mappings you are given.
#
# ```python
# load_settings({"environment": "prod", "replicas": 3}, "deploy.yaml", {"DEPLOY_REPLICAS": "5"}, {"replicas": None})
# # DeploySettings(environment='prod', replicas=5, region='eu-west-1', dry_run=False)
# load_settings({"environment": "prod"}, "deploy.yaml", {"DEPLOY_REPLICAS": "lots"}, {})
# # ConfigError: DEPLOY_REPLICAS: Input should be a valid integer, unable to parse string as an integer
# ```

# %% [markdown] course={"kind": "hint"}
# Build one new dict of values and, next to it, a dict `origin` from key to where its value came from; each layer
# overwrites both. `name.removeprefix("DEPLOY_").lower()` gives the key of a variable.

# %% [markdown] course={"kind": "hint"}
# `error.errors()` lists every problem; `problem["loc"][0]` is the key and `problem["msg"]` the message. Join
# one `f"{origin.get(key, key)}: {problem['msg']}"` per problem with `"; "`. Test overrides with `is not None`,
# not with truthiness.

# %% course={"kind": "solution"}
class DeploySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    environment: Literal["dev", "staging", "prod"]
    replicas: int = Field(default=1, ge=1, le=20)
    region: str = "eu-west-1"
    dry_run: bool = False


def load_settings(
    file_values: Mapping[str, Any], source: str, environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> DeploySettings:
    ### BEGIN SOLUTION
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key, value in file_values.items():
        values[key] = value
        origin[key] = f"{source}: {key}"
    for name, value in environ.items():
        if name.startswith("DEPLOY_"):
            key = name.removeprefix("DEPLOY_").lower()
            values[key] = value
            origin[key] = name
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
            origin[key] = "--" + key.replace("_", "-")
    try:
        return DeploySettings.model_validate(values)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            key = problem["loc"][0]  # a field name: this model has no lists or nested models
            problems.append(f"{origin.get(key, key)}: {problem['msg']}")
        raise ConfigError("; ".join(problems)) from error
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_s = load_settings({"environment": "prod", "replicas": 3}, "deploy.yaml", {"DEPLOY_REPLICAS": "5"}, {"replicas": None})
assert _s == DeploySettings(environment="prod", replicas=5), f"the environment beats the file, an absent option changes nothing; got {_s!r}"
assert type(_s) is DeploySettings and type(_s.replicas) is int

# %% course={"kind": "test", "points": 2}
_file = {"environment": "dev", "replicas": 2, "region": "us-east-1", "dry_run": True}
_env = {"DEPLOY_REPLICAS": "4", "DEPLOY_REGION": "ap-south-1", "REPLICAS": "9", "HOME": "/root"}
_s = load_settings(_file, "d.yaml", _env, {"replicas": 7, "dry_run": None})
assert (_s.environment, _s.replicas, _s.region, _s.dry_run) == ("dev", 7, "ap-south-1", True), f"defaults < file < environment < options; got {_s!r}"
_s = load_settings({"environment": "staging"}, "d.yaml", {}, {})
assert (_s.replicas, _s.region, _s.dry_run) == (1, "eu-west-1", False), "unset keys keep the model's defaults"
### BEGIN HIDDEN TESTS
_s = load_settings({"environment": "dev", "dry_run": True}, "d.yaml", {}, {"dry_run": False})
assert _s.dry_run is False, "--no-dry-run given: False is a value, not 'not given'"
_s = load_settings({"environment": "dev", "region": "x"}, "d.yaml", {"DEPLOY_REGION": "y"}, {"region": ""})
assert _s.region == "", "an empty string given on the command line is a value"
_s = load_settings({"environment": "dev"}, "d.yaml", {"DEPLOY_DRY_RUN": "true", "DEPLOY_ENVIRONMENT": "prod"}, {})
assert (_s.dry_run, _s.environment) == (True, "prod"), "DEPLOY_DRY_RUN sets dry_run; strings from the environment are converted"
_s = load_settings({"environment": "dev"}, "d.yaml", {"deploy_replicas": "3", "XDEPLOY_REPLICAS": "4"}, {"environment": "staging"})
assert (_s.replicas, _s.environment) == (1, "staging"), "only names starting with DEPLOY_ count"
_file, _env, _over = {"environment": "dev"}, {"DEPLOY_REPLICAS": "2"}, {"replicas": 3}
load_settings(_file, "d.yaml", _env, _over)
assert (_file, _env, _over) == ({"environment": "dev"}, {"DEPLOY_REPLICAS": "2"}, {"replicas": 3}), "the inputs are not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _settings_error(*args: Any) -> str:
    try:
        load_settings(*args)
    except ConfigError as error:
        return str(error)
    raise AssertionError(f"expected ConfigError for {args}")


_msg = _settings_error({"environment": "prod", "replicas": 0}, "deploy.yaml", {}, {})
assert "deploy.yaml: replicas" in _msg, f"a bad value from the file names the file and the key: {_msg!r}"
_msg = _settings_error({"environment": "prod", "replicas": 3}, "deploy.yaml", {"DEPLOY_REPLICAS": "lots"}, {})
assert "DEPLOY_REPLICAS" in _msg and "deploy.yaml" not in _msg, f"a bad value from the environment names the variable: {_msg!r}"
_msg = _settings_error({"environment": "prod"}, "deploy.yaml", {}, {"replicas": 99})
assert "--replicas" in _msg, f"a bad option names the option: {_msg!r}"
### BEGIN HIDDEN TESTS
_msg = _settings_error({}, "deploy.yaml", {}, {})
assert "environment" in _msg, f"a required key that nobody set is named: {_msg!r}"
_msg = _settings_error({"environment": "prod"}, "deploy.yaml", {}, {"dry_run": "maybe"})
assert "--dry-run" in _msg, f"options are named with dashes: {_msg!r}"
_msg = _settings_error({"environment": "prod", "regoin": "x"}, "site.toml", {"DEPLOY_COLOUR": "red"}, {"replicas": 21})
assert "site.toml: regoin" in _msg and "DEPLOY_COLOUR" in _msg and "--replicas" in _msg, f"every problem is reported: {_msg!r}"
_msg = _settings_error({"environment": "qa"}, "deploy.yaml", {}, {"replicas": 20})
assert "deploy.yaml: environment" in _msg and "replicas" not in _msg, f"20 replicas is allowed (the top of the range): {_msg!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-overrides"}
class DeploySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    environment: Literal["dev", "staging", "prod"]
    replicas: int = Field(default=1, ge=1, le=20)
    region: str = "eu-west-1"
    dry_run: bool = False


def load_settings(
    file_values: Mapping[str, Any], source: str, environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> DeploySettings:
    values = dict(file_values)
    origin = {key: f"{source}: {key}" for key in values}
    for name, value in environ.items():
        if name.startswith("DEPLOY_"):
            values[name[7:].lower()] = value
            origin[name[7:].lower()] = name
    for key, value in overrides.items():
        if value:  # False, 0 and "" are dropped as if not given
            values[key] = value
            origin[key] = "--" + key.replace("_", "-")
    try:
        return DeploySettings.model_validate(values)
    except ValidationError as error:
        problems = [f"{origin.get(str(p['loc'][0]), p['loc'][0])}: {p['msg']}" for p in error.errors()]
        raise ConfigError("; ".join(problems)) from error

# %% course={"kind": "wrong", "id": "blames-the-file"}
class DeploySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    environment: Literal["dev", "staging", "prod"]
    replicas: int = Field(default=1, ge=1, le=20)
    region: str = "eu-west-1"
    dry_run: bool = False


def load_settings(
    file_values: Mapping[str, Any], source: str, environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> DeploySettings:
    values = {**file_values}
    values.update({name[7:].lower(): value for name, value in environ.items() if name.startswith("DEPLOY_")})
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return DeploySettings.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]  # one problem only, and always "in the file"
        raise ConfigError(f"{source}: {first['loc'][0]}: {first['msg']}") from error

# %% course={"kind": "wrong", "id": "wrong-layer-order"}
class DeploySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    environment: Literal["dev", "staging", "prod"]
    replicas: int = Field(default=1, ge=1, le=20)
    region: str = "eu-west-1"
    dry_run: bool = False


def load_settings(
    file_values: Mapping[str, Any], source: str, environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> DeploySettings:
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for name, value in environ.items():  # the environment first: the file then beats it
        if name.startswith("DEPLOY_"):
            values[name.removeprefix("DEPLOY_").lower()] = value
            origin[name.removeprefix("DEPLOY_").lower()] = name
    for key, value in file_values.items():
        values[key] = value
        origin[key] = f"{source}: {key}"
    for key, value in overrides.items():
        if value is not None:
            values[key] = value
            origin[key] = "--" + key.replace("_", "-")
    try:
        return DeploySettings.model_validate(values)
    except ValidationError as error:
        raise ConfigError("; ".join(f"{origin.get(str(p['loc'][0]), p['loc'][0])}: {p['msg']}" for p in error.errors())) from error

# %% [markdown] course={"kind": "exercise", "id": "read-secret", "item": "x-handle-secrets-securely"}
# ### Exercise: read a secret from the environment or a file
#
# Write `read_secret(name, environ) -> str` following the convention of the official Docker images:
#
# - if `environ` has `<name>_FILE`, the secret is the content of that file (UTF-8), with **one** trailing line
#   ending (`"\n"` or `"\r\n"`) removed and nothing else (spaces may belong to a password);
# - else, if `environ` has `<name>`, the secret is its value;
# - having both is an error (which one did the operator mean?), and so is having neither, or a secret that is empty.
#
# The file is refused, like `ssh` refuses a private key, when its permission bits give the group or others any
# access (any bit of `0o077`): the message names the file and its mode, and says how to fix it (`chmod 600`).
# Every problem raises `SecretError` (defined at the top of the notebook) and **no message ever contains the secret itself**. A file that does
# not exist is a `SecretError` naming the file too.
#
# ```python
# read_secret("DB_PASSWORD", {"DB_PASSWORD": "pa55"})                        # 'pa55'
# read_secret("DB_PASSWORD", {"DB_PASSWORD_FILE": "/run/secrets/db"})        # the file's content, newline removed
# ```

# %% [markdown] course={"kind": "hint"}
# `stat.S_IMODE(path.stat().st_mode)` is the permission bits; `mode & 0o077` is non-zero when the group or others
# have any access. Check the bits before you read the file. Format a mode with `f"{mode:04o}"`.

# %% [markdown] course={"kind": "hint"}
# `text.removesuffix("\n").removesuffix("\r")` removes one line ending of either kind, and `strip()` would remove
# too much. Catch `FileNotFoundError` from `stat` and raise `SecretError(f"{path}: no such file")` from it.

# %% course={"kind": "solution"}
def read_secret(name: str, environ: Mapping[str, str]) -> str:
    ### BEGIN SOLUTION
    file_key = f"{name}_FILE"
    if file_key in environ and name in environ:
        raise SecretError(f"both {name} and {file_key} are set: set only one")
    if file_key in environ:
        path = Path(environ[file_key])
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError as error:
            raise SecretError(f"{path}: no such file (from {file_key})") from error
        if mode & 0o077:
            raise SecretError(f"{path}: mode {mode:04o} lets others read it; run: chmod 600 {path}")
        value = path.read_text(encoding="utf-8").removesuffix("\n").removesuffix("\r")
    elif name in environ:
        value = environ[name]
    else:
        raise SecretError(f"secret {name} is not set: set {name} or {file_key}")
    if not value:
        raise SecretError(f"secret {name} is empty")
    return value
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert read_secret("DB_PASSWORD", {"DB_PASSWORD": "pa55", "PATH": "/bin"}) == "pa55", "from the environment"
_dir = fresh()
(_dir / "db").write_text("s3cr3t\n", encoding="utf-8")
os.chmod(_dir / "db", 0o600)
_got = read_secret("DB_PASSWORD", {"DB_PASSWORD_FILE": str(_dir / "db")})
assert _got == "s3cr3t", f"from the file, without its trailing newline; got {_got!r}"

# %% course={"kind": "test", "points": 2}
_dir = fresh()
for _content, _expected in (("pass word \n", "pass word "), ("x\r\n", "x"), ("two\n\n", "two\n"), ("no-newline", "no-newline"), ("zé ✓\n", "zé ✓"), (" 0\n", " 0")):
    (_dir / "s").unlink(missing_ok=True)  # the last round left it read-only
    (_dir / "s").write_text(_content, encoding="utf-8", newline="")
    os.chmod(_dir / "s", 0o400)
    _got = read_secret("TOKEN", {"TOKEN_FILE": str(_dir / "s")})
    assert _got == _expected, f"file {_content!r}: one line ending removed, nothing else; expected {_expected!r}, got {_got!r}"

# %% course={"kind": "test", "points": 2}
_dir = fresh()
(_dir / "key").write_text("hunter2\n", encoding="utf-8")
for _mode in (0o640, 0o644, 0o604, 0o660, 0o620, 0o602, 0o601, 0o610, 0o666):
    os.chmod(_dir / "key", _mode)
    _msg = secret_error("API_KEY", {"API_KEY_FILE": str(_dir / "key")})
    assert str(_dir / "key") in _msg and f"{_mode:04o}" in _msg and "chmod" in _msg, f"mode {_mode:04o}: refused, naming the file, the mode and the fix; got {_msg!r}"
### BEGIN HIDDEN TESTS
for _mode in (0o600, 0o400, 0o700, 0o500):
    os.chmod(_dir / "key", _mode)
    assert read_secret("API_KEY", {"API_KEY_FILE": str(_dir / "key")}) == "hunter2", f"mode {_mode:04o}: only the owner has access: fine"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_dir = fresh()
(_dir / "key").write_text("hunter2", encoding="utf-8")
os.chmod(_dir / "key", 0o600)
assert "API_KEY" in secret_error("API_KEY", {"OTHER": "x"}), "neither set: name the secret"
_msg = secret_error("API_KEY", {"API_KEY": "hunter2", "API_KEY_FILE": str(_dir / "key")})
assert "API_KEY" in _msg, "both set is an error"
### BEGIN HIDDEN TESTS
assert "API_KEY" in secret_error("API_KEY", {"API_KEY": ""}), "an empty secret is an error"
(_dir / "empty").write_text("\n", encoding="utf-8")
os.chmod(_dir / "empty", 0o600)
assert "API_KEY" in secret_error("API_KEY", {"API_KEY_FILE": str(_dir / "empty")}), "a file holding only a newline is empty"
assert str(_dir / "nope") in secret_error("API_KEY", {"API_KEY_FILE": str(_dir / "nope")}), "a missing file is named"
assert "API_KEY" in secret_error("API_KEY", {"api_key": "hunter2", "API_KEY_FILES": "x"}), "names are exact"
assert read_secret("API_KEY", {"API_KEY": "0"}) == "0", "'0' is a secret like any other"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strips-and-leaks"}
def read_secret(name: str, environ: Mapping[str, str]) -> str:
    if f"{name}_FILE" in environ:
        path = Path(environ[f"{name}_FILE"])
        value = path.read_text(encoding="utf-8").strip()  # strips spaces that belong to the password
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise SecretError(f"{path}: mode {mode:04o} is too open ({value[:3]}...); run: chmod 600 {path}")
        return value
    if environ.get(name):
        return environ[name]
    raise SecretError(f"secret {name} is not set: set {name} or {name}_FILE")

# %% course={"kind": "wrong", "id": "world-bits-only"}
def read_secret(name: str, environ: Mapping[str, str]) -> str:
    file_key = f"{name}_FILE"
    if file_key in environ and name in environ:
        raise SecretError(f"both {name} and {file_key} are set: set only one")
    if file_key in environ:
        path = Path(environ[file_key])
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError as error:
            raise SecretError(f"{path}: no such file (from {file_key})") from error
        if mode & 0o004:  # only "others may read": the group, and writers, are let through
            raise SecretError(f"{path}: mode {mode:04o} lets others read it; run: chmod 600 {path}")
        value = path.read_text(encoding="utf-8").removesuffix("\n").removesuffix("\r")
    elif name in environ:
        value = environ[name]
    else:
        raise SecretError(f"secret {name} is not set: set {name} or {file_key}")
    if not value:
        raise SecretError(f"secret {name} is empty")
    return value

# %% course={"kind": "wrong", "id": "env-wins-silently"}
def read_secret(name: str, environ: Mapping[str, str]) -> str:
    if name in environ:  # both set: the variable wins without a word
        value = environ[name]
    elif f"{name}_FILE" in environ:
        path = Path(environ[f"{name}_FILE"])
        if not path.exists():
            raise SecretError(f"{path}: no such file")
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise SecretError(f"{path}: mode {mode:04o} lets others read it; run: chmod 600 {path}")
        value = path.read_text(encoding="utf-8").rstrip("\r\n")  # all line endings, not one
    else:
        raise SecretError(f"secret {name} is not set: set {name} or {name}_FILE")
    if not value:
        raise SecretError(f"secret {name} is empty")
    return value

# %% [markdown] course={"kind": "exercise", "id": "redacting-filter", "item": "x-handle-secrets-securely"}
# ### Exercise: a logging filter that keeps secrets out of logs
#
# Complete `Redact.filter(record)`, a `logging.Filter` put on a handler: it replaces every secret the filter was
# given with `***` in what the handler writes, and keeps the record (returns `True`). Secrets hide in three places:
#
# - the message **after** formatting: `log.info("login with %s", token)` has the secret in `record.args`, not in
#   `record.msg`; format first (`record.getMessage()`), redact, store the result in `record.msg` and set
#   `record.args = None` so nobody formats it twice;
# - the traceback of `log.exception(...)`: format it yourself (`logging.Formatter().formatException(record.exc_info)`)
#   into `record.exc_text`, redacted; a handler's formatter uses `exc_text` when it is set;
# - overlapping secrets: when one secret contains another (`abc` and `abc123`), the longer must be hidden whole.
#
# Empty strings in the list of secrets are ignored.
#
# ```python
# handler.addFilter(Redact(["tok-123"]))
# log.warning("retrying with token %s", "tok-123")     # the handler writes: WARNING retrying with token ***
# ```

# %% [markdown] course={"kind": "hint"}
# Sort the non-empty secrets by length, longest first, and replace them one by one in the formatted message.

# %% [markdown] course={"kind": "hint"}
# For the traceback: `if record.exc_info and not record.exc_text: record.exc_text = logging.Formatter().formatException(record.exc_info)`,
# then redact `record.exc_text` if it is set.

# %% course={"kind": "solution"}
class Redact(logging.Filter):
    """Replaces every known secret in a log record with *** before a handler writes it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        ### BEGIN SOLUTION
        secrets = sorted((secret for secret in self.secrets if secret), key=len, reverse=True)

        def scrub(text: str) -> str:
            for secret in secrets:
                text = text.replace(secret, "***")
            return text

        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_out = capture_log([Redact(["tok-123"])], lambda log: log.warning("retrying with token tok-123"))
assert _out == "WARNING retrying with token ***\n", f"a secret in the message is replaced by ***; got {_out!r}"

# %% course={"kind": "test", "points": 2}
_out = capture_log([Redact(["tok-123"])], lambda log: log.info("login as %s with %s (try %d)", "ann", "tok-123", 2))
assert _out == "INFO login as ann with *** (try 2)\n", f"a secret passed as an argument is redacted too; got {_out!r}"
### BEGIN HIDDEN TESTS
_out = capture_log([Redact(["s3"])], lambda log: log.info("100%% of %s", "s3"))
assert _out == "INFO 100% of ***\n", f"the message is formatted once, not twice; got {_out!r}"
_out = capture_log([Redact(["s3"])], lambda log: log.info("no %s here", {"k": "v"}))
assert _out == "INFO no {'k': 'v'} here\n", f"records without secrets are kept as they were; got {_out!r}"
_out = capture_log([Redact(["pässwörd", "0"])], lambda log: log.error("%s=%s;%s", "pw", "pässwörd", 10))
assert _out == "ERROR pw=***;1***\n", f"unicode secrets, and '0' is a secret too; got {_out!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_out = capture_log([Redact(["abc", "abc123", ""])], lambda log: log.info("keys abc123 and abc"))
assert _out == "INFO keys *** and ***\n", f"the longer secret is hidden whole, empty secrets ignored; got {_out!r}"
### BEGIN HIDDEN TESTS
_out = capture_log([Redact(["", "xyz", "wxyz", "vwxyz"])], lambda log: log.info("vwxyz|wxyz|xyz"))
assert _out == "INFO ***|***|***\n", f"longest first, whatever the order given; got {_out!r}"
_out = capture_log([Redact([])], lambda log: log.info("nothing to hide %s", 1))
assert _out == "INFO nothing to hide 1\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _fails(log: logging.Logger) -> None:
    try:
        raise ValueError("upstream refused token tok-123")
    except ValueError:
        log.exception("call failed for %s", "tok-123")


_out = capture_log([Redact(["tok-123"])], _fails)
assert "tok-123" not in _out, f"the traceback must not show the secret either: {_out!r}"
assert _out.startswith("ERROR call failed for ***\nTraceback") and "ValueError: upstream refused token ***" in _out, f"the traceback is still there, redacted: {_out!r}"

# %% course={"kind": "wrong", "id": "redacts-msg-only"}
class Redact(logging.Filter):
    """Replaces every known secret in a log record with *** before a handler writes it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        for secret in sorted((s for s in self.secrets if s), key=len, reverse=True):
            record.msg = str(record.msg).replace(secret, "***")  # record.args still hold the secret
        return True

# %% course={"kind": "wrong", "id": "no-traceback-no-order"}
class Redact(logging.Filter):
    """Replaces every known secret in a log record with *** before a handler writes it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self.secrets:  # in the order given: "abc" spoils "abc123"
            if secret:
                message = message.replace(secret, "***")
        record.msg, record.args = message, None
        return True  # and the traceback goes out as it was

# %% course={"kind": "wrong", "id": "empty-secret"}
class Redact(logging.Filter):
    """Replaces every known secret in a log record with *** before a handler writes it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = sorted(self.secrets, key=len, reverse=True)  # "" replaces between every two letters
        message = record.getMessage()
        for secret in secrets:
            message = message.replace(secret, "***")
        record.msg, record.args = message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for secret in secrets:
                record.exc_text = record.exc_text.replace(secret, "***")
        return True

# %% [markdown] course={"kind": "exercise", "id": "vault-read", "item": "x-handle-secrets-securely"}
# ### Exercise: read a secret from Vault's KV v2 engine
#
# Write `vault_read(addr, token, path, mount="secret") -> dict` that reads one secret over Vault's HTTP API with
# `urllib.request.urlopen` (the tests use the stand-in from the lesson, on 127.0.0.1, and watch that call):
#
# - send `GET <addr>/v1/<mount>/data/<path>` with the header `X-Vault-Token: <token>` and a timeout; `addr` may end
#   with `/` and `path` may start or end with `/` (`"/myapp/db/"` is `myapp/db`);
# - return the secret itself: the inner `data` of the answer, not Vault's envelope;
# - raise `SecretError` for an empty token (without sending anything), for `403` (say `permission denied`), for
#   `404` (say `no such secret`) and for any other error status (give the status); every message names
#   `<mount>/<path>` and never the token.
#
# ```python
# vault_read("http://127.0.0.1:8200", "t-123", "myapp/db")     # {'password': 'pa55', 'user': 'app'}
# ```

# %% [markdown] course={"kind": "hint"}
# `urllib.request.Request(url, headers={"X-Vault-Token": token})` and `urllib.request.urlopen(request, timeout=10)`;
# `json.load(response)["data"]["data"]`. An error status raises `urllib.error.HTTPError`, whose `.code` is the status.

# %% [markdown] course={"kind": "hint"}
# `path.strip("/")` and `addr.rstrip("/")` normalise the pieces. Map the status to a reason with a small dict,
# `{403: "permission denied", 404: "no such secret"}.get(error.code, f"HTTP {error.code}")`.

# %% course={"kind": "solution", "equivalent": {"m-1908a53e": "the prompt asks for a timeout, not a particular number of seconds", "m-0482da6e": "the prompt asks for a timeout, not a particular number of seconds"}}
def vault_read(addr: str, token: str, path: str, mount: str = "secret") -> dict[str, Any]:
    ### BEGIN SOLUTION
    where = f"{mount}/{path.strip('/')}"
    if not token:
        raise SecretError(f"Vault {where}: no token (set VAULT_TOKEN)")
    request = urllib.request.Request(f"{addr.rstrip('/')}/v1/{mount}/data/{path.strip('/')}", headers={"X-Vault-Token": token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["data"]["data"]
    except urllib.error.HTTPError as error:
        reason = {403: "permission denied", 404: "no such secret"}.get(error.code, f"HTTP {error.code}")
        raise SecretError(f"Vault {where}: {reason}") from error
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_timeouts: list[Any] = []
_real_urlopen = urllib.request.urlopen


def _urlopen(*args: Any, **kwargs: Any) -> Any:
    _timeouts.append(kwargs.get("timeout", args[2] if len(args) > 2 else None))
    return _real_urlopen(*args, **kwargs)


with vault_stand_in("t-123", {"secret/myapp/db": {"password": "pa55", "user": "app"}}) as _vault:
    urllib.request.urlopen = _urlopen
    try:
        _got = vault_read(_vault.url, "t-123", "myapp/db")
    finally:
        urllib.request.urlopen = _real_urlopen
assert len(_timeouts) == 1 and isinstance(_timeouts[0], (int, float)), f"one urlopen call, with a timeout (a request to a dead server must not wait for ever); timeouts seen: {_timeouts}"
assert _got == {"password": "pa55", "user": "app"} and type(_got) is dict, f"the secret itself (the inner data), got {_got!r}"
assert _vault.seen == [("GET", "/v1/secret/data/myapp/db", "t-123")], f"one GET on /v1/<mount>/data/<path> with the token header; the stand-in saw {_vault.seen}"

# %% course={"kind": "test", "points": 2}
def _vault_error(server: Any, token: str, path: str, **kw: str) -> str:
    try:
        got = vault_read(server.url, token, path, **kw)
    except SecretError as error:
        assert token not in str(error) or not token, f"the message must not show the token: {error}"
        return str(error)
    raise AssertionError(f"token {token!r}, path {path!r}: expected SecretError, got {got!r}")


with vault_stand_in("t-123", {"secret/myapp/db": {"password": "pa55"}, "secret/sealed": 503}) as _vault:
    _msg = _vault_error(_vault, "t-999", "myapp/db")
    assert "permission denied" in _msg and "secret/myapp/db" in _msg, f"403: {_msg!r}"
    _msg = _vault_error(_vault, "t-123", "myapp/cache")
    assert "no such secret" in _msg and "secret/myapp/cache" in _msg and "permission" not in _msg, f"404: {_msg!r}"
    _msg = _vault_error(_vault, "t-123", "sealed")
    assert "503" in _msg and "secret/sealed" in _msg, f"another status: {_msg!r}"
### BEGIN HIDDEN TESTS
with vault_stand_in("t-123", {"secret/myapp/db": {"password": "pa55"}}) as _vault:
    _msg = _vault_error(_vault, "", "myapp/db")
assert "secret/myapp/db" in _msg and _vault.seen == [], "an empty token: an error, and no request sent"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with vault_stand_in("s.Abc", {"kv/team/app": {"clé": "välue ✓", "n": "0"}}) as _vault:
    _got = vault_read(_vault.url + "/", "s.Abc", "/team/app/", mount="kv")
assert _got == {"clé": "välue ✓", "n": "0"}, f"another mount, slashes around the path and after the address; got {_got!r}"
assert [path for _, path, _ in _vault.seen] == ["/v1/kv/data/team/app"], f"requested {_vault.seen}"

# %% course={"kind": "wrong", "id": "kv-v1-path"}
def vault_read(addr: str, token: str, path: str, mount: str = "secret") -> dict[str, Any]:
    if not token:
        raise SecretError(f"Vault {mount}/{path}: no token")
    request = urllib.request.Request(f"{addr.rstrip('/')}/v1/{mount}/{path.strip('/')}", headers={"X-Vault-Token": token})  # KV v1: no data/
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["data"]
    except urllib.error.HTTPError as error:
        raise SecretError(f"Vault {mount}/{path}: HTTP {error.code}") from error

# %% course={"kind": "wrong", "id": "envelope-and-raw-errors"}
def vault_read(addr: str, token: str, path: str, mount: str = "secret") -> dict[str, Any]:
    request = urllib.request.Request(f"{addr.rstrip('/')}/v1/{mount}/data/{path.strip('/')}", headers={"X-Vault-Token": token})
    with urllib.request.urlopen(request, timeout=10) as response:  # HTTPError escapes as it is
        return json.load(response)["data"]  # Vault's envelope: the secret plus its metadata

# %% course={"kind": "wrong", "id": "token-in-message"}
def vault_read(addr: str, token: str, path: str, mount: str = "secret") -> dict[str, Any]:
    request = urllib.request.Request(f"{addr}/v1/{mount}/data/{path}", headers={"X-Vault-Token": token})  # slashes kept
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["data"]["data"]
    except urllib.error.HTTPError as error:
        raise SecretError(f"Vault {mount}/{path} with token {token}: HTTP {error.code}") from error

# %% [markdown] course={"kind": "exercise", "id": "console-script", "item": "x-package-a-script-for-distribution"}
# ### Exercise: run a console script the way its installed launcher would
#
# A project in folder `project` has its code under `project/src` and declares its commands in
# `project/pyproject.toml`, under `[project.scripts]` (`name = "module:attribute"`, where the attribute may be
# dotted: `"tool.cli:App.run"`). Write `run_script(project, script, *args)` that runs the command `script` with
# `args` **in a new Python process**, exactly as the launcher `pip install` writes would, and returns the
# `subprocess.CompletedProcess` with stdout and stderr captured **apart**, as text decoded from UTF-8:
#
# - the child finds the code through `PYTHONPATH` (the `src` folder first, then whatever `PYTHONPATH` held), and
#   runs with `PYTHONUTF8=1` so its output is UTF-8 on every machine;
# - in the child, `sys.argv` is `[script, *args]` (so argparse's usage line names the command), the attribute is
#   loaded and called with no arguments, and its return value is handed to `sys.exit` (`None` gives exit code 0,
#   an int that code, a string goes to stderr with code 1);
# - a `script` the file does not declare raises `LookupError` naming the `pyproject.toml` file.
#
# ```python
# done = run_script(Path("tool"), "tool", "deploy", "prod")
# done.returncode, done.stdout, done.stderr       # (0, 'deploying prod\n', '')
# ```

# %% [markdown] course={"kind": "hint"}
# Read the table with `tomllib.load` (open the file in binary mode). The child's program can be a short string
# run with `[sys.executable, "-c", code, *args]`: with `-c`, `sys.argv[0]` is `"-c"`, so set it yourself.

# %% [markdown] course={"kind": "hint"}
# In the child, `importlib.metadata.EntryPoint(name=..., value=..., group="console_scripts").load()` resolves
# `"module:attr.attr"` for you. Build the child's code with `repr()` of the values (`f"sys.argv[0] = {script!r}"`),
# and pass `capture_output=True, encoding="utf-8"` (an encoding means text) and `env={**os.environ, ...}`.

# %% course={"kind": "solution"}
def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    ### BEGIN SOLUTION
    pyproject = project / "pyproject.toml"
    with open(pyproject, "rb") as handle:
        scripts = tomllib.load(handle).get("project", {}).get("scripts", {})
    if script not in scripts:
        raise LookupError(f"{pyproject}: [project.scripts] has no command {script!r}")
    code = (
        "import sys\n"
        "from importlib.metadata import EntryPoint\n"
        f"sys.argv[0] = {script!r}\n"
        f"main = EntryPoint(name={script!r}, value={scripts[script]!r}, group='console_scripts').load()\n"
        "sys.exit(main())\n"
    )
    search = [str(project / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(search), "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, encoding="utf-8")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_project = tool_project()
with ProcessWatch() as _watch:
    _done = _watch.call(run_script, _project, "tool", "a", "b c")
assert type(_done) is subprocess.CompletedProcess, f"return the CompletedProcess, not {type(_done).__name__}"
assert _done.returncode == 0, f"main() returned None: exit code 0, got {_done.returncode} (stderr {_done.stderr!r})"
assert _done.stdout == "argv=['tool', 'a', 'b c']\nutf8=1\n", f"sys.argv is [script, *args] and PYTHONUTF8=1; got stdout {_done.stdout!r}"
assert _done.stderr == "note: to stderr\n", f"stderr is captured apart from stdout; got {_done.stderr!r}"

# %% course={"kind": "test", "points": 2}
_project = tool_project()
with ProcessWatch() as _watch:
    _fail = _watch.call(run_script, _project, "tool", "fail")
    _message = _watch.call(run_script, _project, "tool", "message")
assert _fail.returncode == 3, f"main() returned 3: the exit code is 3, got {_fail.returncode}"
assert _message.returncode == 1 and _message.stderr.endswith("tool: nothing to deploy\n"), f"a returned string goes to stderr with exit code 1; got {_message.returncode} {_message.stderr!r}"

# %% course={"kind": "test", "points": 2}
_project = tool_project()
with ProcessWatch() as _watch:
    _ok = _watch.call(run_script, _project, "tool-app", "prod")
    _usage = _watch.call(run_script, _project, "tool-app")
assert (_ok.returncode, _ok.stdout) == (0, "deploying prod\n"), f"'tool.cli:App.run' is a dotted attribute; got {_ok.returncode} {_ok.stdout!r} {_ok.stderr!r}"
assert _usage.returncode == 2 and _usage.stderr.startswith("usage: tool-app"), f"argparse's usage error: exit 2, naming the command; got {_usage.returncode} {_usage.stderr!r}"
### BEGIN HIDDEN TESTS
with ProcessWatch() as _watch:
    _uni = _watch.call(run_script, _project, "tool-app", "café ✓")
assert _uni.stdout == "deploying café ✓\n", f"arguments and output are UTF-8; got {_uni.stdout!r}"
_before = os.environ.get("PYTHONPATH")
os.environ["PYTHONPATH"] = "/course-test/elsewhere"
try:
    with ProcessWatch() as _watch:
        _path = _watch.call(run_script, _project, "tool", "path")
finally:
    if _before is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = _before
assert _path.stdout.splitlines()[-1] == os.pathsep.join([str(_project / "src"), "/course-test/elsewhere"]), f"src first, then the PYTHONPATH there was; got {_path.stdout!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_project = tool_project()
try:
    run_script(_project, "deploy")
except LookupError as error:
    assert str(_project / "pyproject.toml") in str(error), f"name the file: {error}"
else:
    raise AssertionError("a command the project does not declare raises LookupError")
### BEGIN HIDDEN TESTS
(_project / "pyproject.toml").write_text('[project]\nname = "tool"\nversion = "1.0"\n', encoding="utf-8")
try:
    run_script(_project, "tool")
except LookupError as error:
    assert str(_project / "pyproject.toml") in str(error), f"name the file: {error}"
else:
    raise AssertionError("a project without [project.scripts] declares no command")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "return-value-dropped"}
def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    with open(project / "pyproject.toml", "rb") as handle:
        scripts = tomllib.load(handle)["project"]["scripts"]  # KeyError, not LookupError with the file
    module, _, attr = scripts[script].partition(":")
    code = f"import sys; sys.argv[0] = {script!r}; from {module} import {attr.split('.')[0]} as f; f()"  # exit code lost
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, encoding="utf-8")

# %% course={"kind": "wrong", "id": "argv-and-dotted-attr"}
def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    pyproject = project / "pyproject.toml"
    with open(pyproject, "rb") as handle:
        scripts = tomllib.load(handle).get("project", {}).get("scripts", {})
    if script not in scripts:
        raise LookupError(f"{pyproject}: [project.scripts] has no command {script!r}")
    module, _, attr = scripts[script].partition(":")
    code = f"import sys, importlib\nsys.exit(getattr(importlib.import_module({module!r}), {attr!r})())\n"  # no dotted names, argv[0] is '-c'
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, encoding="utf-8")

# %% course={"kind": "wrong", "id": "merged-output"}
def run_script(project: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    pyproject = project / "pyproject.toml"
    with open(pyproject, "rb") as handle:
        scripts = tomllib.load(handle).get("project", {}).get("scripts", {})
    if script not in scripts:
        raise LookupError(f"{pyproject}: [project.scripts] has no command {script!r}")
    code = (
        "import sys\nfrom importlib.metadata import EntryPoint\n"
        f"sys.argv[0] = {script!r}\n"
        f"sys.exit(EntryPoint(name={script!r}, value={scripts[script]!r}, group='console_scripts').load()())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(project / "src")}  # and no PYTHONUTF8
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    )  # stderr mixed into stdout

# %% [markdown] course={"kind": "exercise", "id": "argument-parser", "item": "dsa-implement-cli-argument-parser"}
# ### Problem: an argument parser from scratch
#
# Write `parse(spec, argv) -> dict` that reads a command line the way `argparse` does, for the interface
# described by `spec` (the classes are given). The result maps every option's long name (with `-` turned into
# `_`) and every positional's name to its value:
#
# - a **flag** (`takes_value=False`) is `False`, or `True` when given: `--verbose`, `-v`;
# - a **value option** is `None`, or the string given: `--name x`, `--name=x` (`--name=` gives `""`), `-n x`, `-nx`;
# - short flags **bundle**: `-va` is `-v -a`; the last letter of a bundle may take a value (`-van x`, `-vanx`);
# - a **positional** of arity `"1"` is a string; `"?"` a string or `None`; `"*"` a list; `"+"` a non-empty list.
#   Only the last positional can have `"?"`, `"*"` or `"+"`. Positionals may come before, between and after
#   options; `--` ends the options (every later token is positional); `-` alone is a positional;
# - an option given twice keeps its last value.
#
# Raise `UsageError` (its `exit_code` is `2`, as argparse exits) for: an unknown option (no abbreviations), a
# value option with no value after it or followed by a token that looks like an option (starts with `-` and is not
# `-` alone), a value given to a flag (`--verbose=yes`), too few or too many positionals. On such inputs, and
# on every input without `--`, your parser must agree with argparse's `parse_intermixed_args` (the tests compare them).
#
# ```python
# spec = Spec((Option("verbose", "v"), Option("name", "n", takes_value=True)), (Positional("src"), Positional("rest", "*")))
# parse(spec, ["a.txt", "-vn", "prod", "b.txt"])   # {'verbose': True, 'name': 'prod', 'src': 'a.txt', 'rest': ['b.txt']}
# ```
#
# (`parse_intermixed_args` mishandles some inputs with `--`: on Python 3.11.7, 3.12.1 and 3.13.0 it turns
# `-v -- -v -- x` into `files=['x']`, dropping tokens after `--`, where `parse_args` gives `['-v', '--', 'x']`;
# so the tests check inputs with `--` against the rules above instead.)

# %% [markdown] course={"kind": "hint"}
# Walk the tokens with an index (a value option consumes the next one). Collect every non-option token in a list
# and assign the positionals at the end: the fixed ones take one each, the last one takes what is left.

# %% [markdown] course={"kind": "hint"}
# For `-abc`: look at the letters one by one; a flag sets `True` and goes on; a value option takes the rest of the
# token as its value if there is any, else the next token, and ends the bundle. `token[2:].partition("=")`
# splits a long option from an inline value; keep whether `=` was there (`--name=` gives an empty value).

# %% course={"kind": "solution"}
class UsageError(Exception):
    """The command line does not fit the interface; a CLI prints the message and exits with exit_code."""

    exit_code = 2


@dataclass(frozen=True)
class Option:
    long: str  # "dry-run" is given as --dry-run and stored as dry_run
    short: str | None = None  # one letter: "n" is given as -n
    takes_value: bool = False


@dataclass(frozen=True)
class Positional:
    name: str
    arity: Literal["1", "?", "*", "+"] = "1"


@dataclass(frozen=True)
class Spec:
    options: tuple[Option, ...] = ()
    positionals: tuple[Positional, ...] = ()


def parse(spec: Spec, argv: list[str]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    longs = {option.long: option for option in spec.options}
    shorts = {option.short: option for option in spec.options if option.short}
    result: dict[str, Any] = {o.long.replace("-", "_"): None if o.takes_value else False for o in spec.options}
    loose: list[str] = []
    i = 0

    def next_value(shown: str) -> str:
        nonlocal i
        if i + 1 == len(argv) or (argv[i + 1].startswith("-") and argv[i + 1] != "-"):
            raise UsageError(f"{shown} expects a value")
        i += 1
        return argv[i]

    while i < len(argv):
        token = argv[i]
        if token == "--":
            loose += argv[i + 1 :]
            break
        if token.startswith("--"):
            name, inline, value = token[2:].partition("=")
            if name not in longs:
                raise UsageError(f"unknown option --{name}")
            option = longs[name]
            key = name.replace("-", "_")
            if option.takes_value:
                result[key] = value if inline else next_value(f"--{name}")
            elif inline:
                raise UsageError(f"--{name} takes no value")
            else:
                result[key] = True
        elif token.startswith("-") and token != "-":
            for j, letter in enumerate(token[1:], start=2):
                if letter not in shorts:
                    raise UsageError(f"unknown option -{letter} in {token}")
                option = shorts[letter]
                key = option.long.replace("-", "_")
                if option.takes_value:
                    result[key] = token[j:] or next_value(f"-{letter}")
                    break
                result[key] = True
        else:
            loose.append(token)
        i += 1
    needed = sum(1 for p in spec.positionals if p.arity in ("1", "+"))
    if len(loose) < needed:
        raise UsageError(f"expected at least {needed} positional argument(s), got {len(loose)}")
    for p in spec.positionals:
        if p.arity == "1":
            result[p.name] = loose.pop(0)
        elif p.arity == "?":
            result[p.name] = loose.pop(0) if loose else None
        else:
            result[p.name], loose = loose, []
    if loose:
        raise UsageError(f"unexpected argument(s): {' '.join(loose)}")
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_parse = bounded(parse)  # a parser that loops for ever fails at once
_spec = Spec((Option("verbose", "v"), Option("name", "n", takes_value=True)), (Positional("src"), Positional("rest", "*")))
_got = _parse(_spec, ["a.txt", "-vn", "prod", "b.txt"])
assert _got == {"verbose": True, "name": "prod", "src": "a.txt", "rest": ["b.txt"]}, f"the example; got {_got!r}"

# %% course={"kind": "test", "points": 2}
_parse = bounded(parse)  # a parser that loops for ever fails at once
_spec = Spec((Option("verbose", "v"), Option("all", "a"), Option("name", "n", True), Option("dry-run")), (Positional("src"),))
_cases = {
    ("x",): {"verbose": False, "all": False, "name": None, "dry_run": False, "src": "x"},
    ("--name", "q", "x"): {"verbose": False, "all": False, "name": "q", "dry_run": False, "src": "x"},
    ("--name=q", "x"): {"verbose": False, "all": False, "name": "q", "dry_run": False, "src": "x"},
    ("--name=", "x"): {"verbose": False, "all": False, "name": "", "dry_run": False, "src": "x"},
    ("-nq", "x"): {"verbose": False, "all": False, "name": "q", "dry_run": False, "src": "x"},
    ("-av", "x", "--dry-run"): {"verbose": True, "all": True, "name": None, "dry_run": True, "src": "x"},
    ("-van", "q", "x"): {"verbose": True, "all": True, "name": "q", "dry_run": False, "src": "x"},
    ("-vanq=", "x"): {"verbose": True, "all": True, "name": "q=", "dry_run": False, "src": "x"},
    ("-n", "a", "--name", "b", "x"): {"verbose": False, "all": False, "name": "b", "dry_run": False, "src": "x"},
    ("-",): {"verbose": False, "all": False, "name": None, "dry_run": False, "src": "-"},
    ("-n", "-", ""): {"verbose": False, "all": False, "name": "-", "dry_run": False, "src": ""},
}
for _argv, _expected in _cases.items():
    _got = _parse(_spec, list(_argv))
    assert _got == _expected, f"{list(_argv)}: expected {_expected}, got {_got}"

# %% course={"kind": "test", "points": 2}
_parse = bounded(parse)  # a parser that loops for ever fails at once
_spec = Spec((Option("verbose", "v"), Option("name", "n", True)), (Positional("src"),))
for _argv in ([], ["a", "b"], ["--bogus", "a"], ["-x", "a"], ["-vx", "a"], ["--name"], ["a", "--name", "-v"], ["-n"], ["--verbose=yes", "a"], ["--verb", "a"], ["a", "-vn"]):
    usage_error(_spec, _argv)

# %% course={"kind": "test", "points": 2}
_parse = bounded(parse)  # a parser that loops for ever fails at once
_spec = Spec((Option("verbose", "v"),), (Positional("first"), Positional("more", "+")))
assert _parse(_spec, ["a", "b", "c"]) == {"verbose": False, "first": "a", "more": ["b", "c"]}, "'+' takes the rest"
usage_error(_spec, ["a"])
_spec = Spec((Option("verbose", "v"),), (Positional("first"), Positional("maybe", "?")))
assert _parse(_spec, ["a"]) == {"verbose": False, "first": "a", "maybe": None}, "'?' not given: None"
assert _parse(_spec, ["a", "-v", "b"]) == {"verbose": True, "first": "a", "maybe": "b"}
usage_error(_spec, ["a", "b", "c"])
_spec = Spec((Option("verbose", "v"),), (Positional("files", "*"),))
_got = _parse(_spec, [])
assert _got == {"verbose": False, "files": []} and type(_got["files"]) is list, "'*' with nothing: an empty list"
assert _parse(_spec, ["-v", "--", "-v", "--", "x"]) == {"verbose": True, "files": ["-v", "--", "x"]}, "after --, everything is positional"
### BEGIN HIDDEN TESTS
assert _parse(Spec((Option("name", "n", True),), ()), ["--"]) == {"name": None}, "a lone -- ends nothing"
usage_error(Spec((Option("name", "n", True),), ()), ["--", "x"])
assert _parse(Spec((Option("name", "n", True),), (Positional("a"),)), ["--", "--name"]) == {"name": None, "a": "--name"}
assert _parse(Spec((), (Positional("a"), Positional("b"))), ["x", "y"]) == {"a": "x", "b": "y"}, "fixed positionals in order"
usage_error(Spec((), (Positional("a"), Positional("b"))), ["x"])
usage_error(Spec((), (Positional("a"), Positional("b"))), ["x", "y", "z"])
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
_parse = bounded(parse)  # a parser that loops for ever fails at once
_parsers: dict[Spec, argparse.ArgumentParser] = {}


def _argparse_says(spec: Spec, argv: list[str]) -> Any:
    if spec not in _parsers:  # one parser per spec: building them is most of this cell's time
        parser = argparse.ArgumentParser(prog="t", allow_abbrev=False, add_help=False)
        for option in spec.options:
            names = [f"--{option.long}"] + ([f"-{option.short}"] if option.short else [])
            parser.add_argument(*names, action="store" if option.takes_value else "store_true")
        for positional in spec.positionals:
            parser.add_argument(positional.name, nargs=None if positional.arity == "1" else positional.arity)
        _parsers[spec] = parser
    parser = _parsers[spec]
    with contextlib.redirect_stderr(io.StringIO()):
        try:
            return vars(parser.parse_intermixed_args(argv))
        except SystemExit as stop:
            return ("exit", stop.code)


def _ours(spec: Spec, argv: list[str]) -> Any:
    try:
        return _parse(spec, argv)
    except UsageError as error:
        return ("exit", error.exit_code)


_options = (Option("verbose", "v"), Option("all", "a"), Option("name", "n", True), Option("dry-run"))
_specs = [Spec(_options, (Positional("src"), Positional("rest", "*"))), Spec(_options, (Positional("a"), Positional("b", "?"))), Spec(_options, (Positional("files", "+"),)), Spec(_options, ())]
_tokens = ["-v", "-a", "-av", "-va", "-n", "-nx", "-avn", "--name", "--name=q", "--name=", "--verbose", "--dry-run", "-", "x", "y", "", "--bogus", "-z", "--verbose=1", "-vz", "--dry", "é"]
import random as _random

_rng = _random.Random(151)
for _ in range(300):
    for _spec in _specs:
        _argv = [_rng.choice(_tokens) for _ in range(_rng.randint(0, 5))]
        assert _ours(_spec, _argv) == _argparse_says(_spec, _argv), f"{_argv} with positionals {[(p.name, p.arity) for p in _spec.positionals]}: argparse says {_argparse_says(_spec, _argv)}, you say {_ours(_spec, _argv)}"

# %% course={"kind": "wrong", "id": "no-bundles-no-inline"}
class UsageError(Exception):
    """The command line does not fit the interface; a CLI prints the message and exits with exit_code."""

    exit_code = 2


@dataclass(frozen=True)
class Option:
    long: str
    short: str | None = None
    takes_value: bool = False


@dataclass(frozen=True)
class Positional:
    name: str
    arity: Literal["1", "?", "*", "+"] = "1"


@dataclass(frozen=True)
class Spec:
    options: tuple[Option, ...] = ()
    positionals: tuple[Positional, ...] = ()


def parse(spec: Spec, argv: list[str]) -> dict[str, Any]:
    by_name = {f"--{o.long}": o for o in spec.options} | {f"-{o.short}": o for o in spec.options if o.short}
    result: dict[str, Any] = {o.long.replace("-", "_"): None if o.takes_value else False for o in spec.options}
    loose: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            loose += list(tokens)
        elif token.startswith("-") and token != "-":
            if token not in by_name:  # "-va", "-nx" and "--name=x" are all "unknown"
                raise UsageError(f"unknown option {token}")
            option = by_name[token]
            if option.takes_value:
                value = next(tokens, None)
                if value is None or (value.startswith("-") and value != "-"):
                    raise UsageError(f"{token} expects a value")
                result[option.long.replace("-", "_")] = value
            else:
                result[option.long.replace("-", "_")] = True
        else:
            loose.append(token)
    for p in spec.positionals:
        if p.arity == "1":
            if not loose:
                raise UsageError(f"missing {p.name}")
            result[p.name] = loose.pop(0)
        elif p.arity == "?":
            result[p.name] = loose.pop(0) if loose else None
        else:
            if p.arity == "+" and not loose:
                raise UsageError(f"missing {p.name}")
            result[p.name], loose = loose, []
    if loose:
        raise UsageError(f"unexpected argument(s): {' '.join(loose)}")
    return result

# %% course={"kind": "wrong", "id": "value-swallows-options"}
class UsageError(Exception):
    """The command line does not fit the interface; a CLI prints the message and exits with exit_code."""

    exit_code = 2


@dataclass(frozen=True)
class Option:
    long: str
    short: str | None = None
    takes_value: bool = False


@dataclass(frozen=True)
class Positional:
    name: str
    arity: Literal["1", "?", "*", "+"] = "1"


@dataclass(frozen=True)
class Spec:
    options: tuple[Option, ...] = ()
    positionals: tuple[Positional, ...] = ()


def parse(spec: Spec, argv: list[str]) -> dict[str, Any]:
    longs = {option.long: option for option in spec.options}
    shorts = {option.short: option for option in spec.options if option.short}
    result: dict[str, Any] = {o.long.replace("-", "_"): None if o.takes_value else False for o in spec.options}
    loose: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token.startswith("--") and token != "--":
            name, inline, value = token[2:].partition("=")
            if name not in longs:
                raise UsageError(f"unknown option --{name}")
            if longs[name].takes_value:
                if not inline:
                    if i + 1 == len(argv):
                        raise UsageError(f"--{name} expects a value")
                    i += 1
                    value = argv[i]  # "--name -v" takes "-v" as the name
                result[name.replace("-", "_")] = value
            else:
                result[name.replace("-", "_")] = True  # "--verbose=yes" accepted
        elif token.startswith("-") and token not in ("-", "--"):
            for j, letter in enumerate(token[1:], start=2):
                if letter not in shorts:
                    raise UsageError(f"unknown option -{letter}")
                if shorts[letter].takes_value:
                    if token[j:]:
                        result[shorts[letter].long.replace("-", "_")] = token[j:]
                    elif i + 1 < len(argv):
                        i += 1
                        result[shorts[letter].long.replace("-", "_")] = argv[i]
                    else:
                        raise UsageError(f"-{letter} expects a value")
                    break
                result[shorts[letter].long.replace("-", "_")] = True
        elif token != "--":
            loose.append(token)
        i += 1
    needed = sum(1 for p in spec.positionals if p.arity in ("1", "+"))
    if len(loose) < needed:
        raise UsageError("too few arguments")
    for p in spec.positionals:
        if p.arity == "1":
            result[p.name] = loose.pop(0)
        elif p.arity == "?":
            result[p.name] = loose.pop(0) if loose else None
        else:
            result[p.name], loose = loose, []
    if loose:
        raise UsageError(f"unexpected argument(s): {' '.join(loose)}")
    return result

# %% course={"kind": "wrong", "id": "raises-systemexit"}
class UsageError(Exception):
    """The command line does not fit the interface; a CLI prints the message and exits with exit_code."""

    exit_code = 2


@dataclass(frozen=True)
class Option:
    long: str
    short: str | None = None
    takes_value: bool = False


@dataclass(frozen=True)
class Positional:
    name: str
    arity: Literal["1", "?", "*", "+"] = "1"


@dataclass(frozen=True)
class Spec:
    options: tuple[Option, ...] = ()
    positionals: tuple[Positional, ...] = ()


def parse(spec: Spec, argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)  # leaning on argparse: it exits
    for option in spec.options:
        names = [f"--{option.long}"] + ([f"-{option.short}"] if option.short else [])
        parser.add_argument(*names, action="store" if option.takes_value else "store_true")
    for positional in spec.positionals:
        parser.add_argument(positional.name, nargs=None if positional.arity == "1" else positional.arity)
    return vars(parser.parse_intermixed_args(argv))

# %% [markdown] course={"kind": "exercise", "id": "switch-current", "item": "project-15-1-1"}
# ### Project 15.1.1, part 1: switch the `current` release atomically
#
# The deployer keeps every release in its own folder and points a symbolic link at the live one:
#
# ```
# root/
#   releases/v1/...   releases/v2/...
#   current -> releases/v2          (a relative link: the tree can be moved or mounted elsewhere)
# ```
#
# Deploying or rolling back is then one step: repoint `current`. Write `switch_current(root, release)` that points
# `root/current` at `releases/<release>` and returns the release it pointed at before (`None` when there was no
# `current`). Requirements:
#
# - **atomic**: create the new link under a temporary name in `root`, then `os.replace` it onto `current`. Never
#   delete `current` first: between the delete and the new link, a web server would find no site;
# - the link's target is the relative path `releases/<release>`;
# - a release folder that does not exist, or a `current` that is not a symlink (a real folder someone made),
#   raises `DeployError` (given) and changes nothing; no temporary link is ever left behind;
# - when `current` already points at `release`, nothing is written (the function still returns `release`).
#
# ```python
# switch_current(root, "v1")    # None: there was no current
# switch_current(root, "v2")    # 'v1'; os.readlink(root / "current") == 'releases/v2'
# ```

# %% [markdown] course={"kind": "hint"}
# `os.readlink(root / "current")` gives the old target (`"releases/v1"`); `Path(target).name` its release.
# `os.symlink(f"releases/{release}", temp)` makes the new link; a name like `f".current-{uuid.uuid4().hex}"`
# will not collide with anything.

# %% [markdown] course={"kind": "hint"}
# Check everything (the release folder exists, `current` is absent or a symlink) before you create the temporary
# link; if `os.replace` fails anyway, remove the temporary link in an `except` block and raise again.

# %% course={"kind": "solution"}
import uuid


def switch_current(root: Path, release: str) -> str | None:
    ### BEGIN SOLUTION
    current = root / "current"
    if not (root / "releases" / release).is_dir():
        raise DeployError(f"{root / 'releases' / release}: no such release")
    previous = None
    if current.is_symlink():
        previous = Path(os.readlink(current)).name
    elif current.exists():
        raise DeployError(f"{current} is not a symlink: refusing to replace it")
    if previous == release:
        return release
    temp = root / f".current-{uuid.uuid4().hex}"
    os.symlink(f"releases/{release}", temp)
    try:
        os.replace(temp, current)
    except BaseException:
        os.unlink(temp)
        raise
    return previous
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_root = make_releases("v1", "v2")
assert switch_current(_root, "v1") is None, "no current before: None"
assert os.readlink(_root / "current") == "releases/v1", f"current -> releases/v1 (relative), got {os.readlink(_root / 'current')!r}"
assert switch_current(_root, "v2") == "v1", "returns the release current pointed at before"
assert (_root / "current" / "version.txt").read_text(encoding="utf-8") == "v2", "current now serves v2"
assert sorted(p.name for p in _root.iterdir()) == ["current", "releases"], "no temporary link is left behind"

# %% course={"kind": "test", "points": 2}
_root = make_releases("v1", "v2")
switch_current(_root, "v1")
with spying(os, "unlink") as _unlinked, spying(os, "remove") as _removed, spying(os, "replace") as _replaced:
    switch_current(_root, "v2")
assert not [c for c in _unlinked + _removed if Path(c[0]) == _root / "current"], "current must never be deleted, even for a moment"
assert len(_replaced) == 1 and Path(_replaced[0][1]) == _root / "current", f"one os.replace onto current, got {_replaced}"
assert Path(_replaced[0][0]).parent == _root, "the temporary link is made in root (the same folder, so the move is atomic)"
assert os.readlink(_root / "current") == "releases/v2"
### BEGIN HIDDEN TESTS
with spying(os, "replace") as _replaced, spying(os, "symlink") as _linked:
    assert switch_current(_root, "v2") == "v2", "already there: returns the release"
assert _replaced == [] and _linked == [], "already pointing at it: nothing is written"
_moved = _root.with_name(_root.name + "-moved")
_root.rename(_moved)
assert (_moved / "current" / "version.txt").read_text(encoding="utf-8") == "v2", "a relative link still works after the tree moves"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_root = make_releases("v1", "v2")
switch_current(_root, "v1")
for _bad in ("v3", "../v1"):
    try:
        switch_current(_root, _bad)
    except DeployError:
        pass
    else:
        raise AssertionError(f"release {_bad!r} does not exist: DeployError")
assert os.readlink(_root / "current") == "releases/v1" and sorted(p.name for p in _root.iterdir()) == ["current", "releases"], "a refused switch changes nothing"
### BEGIN HIDDEN TESTS
_root = make_releases("v1")
(_root / "current").mkdir()
try:
    switch_current(_root, "v1")
except DeployError:
    pass
else:
    raise AssertionError("a real folder named current must not be replaced")
assert (_root / "current").is_dir() and not (_root / "current").is_symlink()
_root = make_releases("v1", "v2")
switch_current(_root, "v1")
with spying(os, "replace", fail=PermissionError("no")):
    try:
        switch_current(_root, "v2")
    except PermissionError:
        pass
    else:
        raise AssertionError("an os.replace failure propagates")
assert sorted(p.name for p in _root.iterdir()) == ["current", "releases"] and os.readlink(_root / "current") == "releases/v1", "a failed switch leaves no temporary link and the old current"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unlink-then-link"}
import uuid


def switch_current(root: Path, release: str) -> str | None:
    current = root / "current"
    if not (root / "releases" / release).is_dir():
        raise DeployError(f"{root / 'releases' / release}: no such release")
    previous = Path(os.readlink(current)).name if current.is_symlink() else None
    if current.is_symlink():
        current.unlink()  # for a moment there is no current at all
    current.symlink_to(f"releases/{release}")
    return previous

# %% course={"kind": "wrong", "id": "absolute-unchecked"}
import uuid


def switch_current(root: Path, release: str) -> str | None:
    current = root / "current"
    previous = Path(os.readlink(current)).name if current.is_symlink() else None
    temp = root / f".current-{uuid.uuid4().hex}"
    os.symlink(root / "releases" / release, temp)  # absolute, and maybe dangling: no check that it exists
    os.replace(temp, current)
    return previous

# %% course={"kind": "wrong", "id": "clobbers-folder"}
import uuid


def switch_current(root: Path, release: str) -> str | None:
    current = root / "current"
    if not (root / "releases" / release).is_dir():
        raise DeployError(f"{root / 'releases' / release}: no such release")
    previous = Path(os.readlink(current)).name if current.is_symlink() else None
    if current.is_dir() and not current.is_symlink():
        os.rmdir(current)  # someone's real folder, removed
    temp = root / f".current-{uuid.uuid4().hex}"
    os.symlink(f"releases/{release}", temp)
    os.replace(temp, current)  # rewrites even when already there; a failure leaves temp behind
    return previous

# %% [markdown] course={"kind": "exercise", "id": "deploy-rollback", "item": "project-15-1-1"}
# ### Project 15.1.1, part 2: deploy, check, roll back
#
# Write `deploy(root, release, files, healthy, switch, log, dry_run=False) -> list[str]`, the core of the
# deployer. `files` maps relative paths to contents; `healthy(path)` checks the live release (say, an HTTP
# health check); `switch(root, release)` repoints `current` and returns the release before (part 1; the tests
# pass their own). It performs these steps and returns them, logging each line with `log.info` **before** doing it:
#
# 1. `write releases/<release> (<n> files)`: write the files into a **new** folder `root/releases/<release>`;
# 2. `switch current to <release>`;
# 3. `check <release>`: call `healthy(root / "current")`;
# 4. then `deployed <release>`; or, when the check returns false **or raises**, `rollback to <previous>` (switch
#    back) or, with no previous release, `rollback: no previous release` (remove `current`); then log the failure
#    with `log.error` and raise `DeployFailed` (given), chained `from` the check's exception if there was one.
#    The failed release folder stays, for debugging.
#
# Nothing is undone step by step here: releases are never changed once written, so the old release is still
# whole on disk and rolling back is one more switch of the link (fast, and it cannot half-fail).
#
# Before any step, validate: a release name is letters, digits, `.`, `_` and `-`, starting with a letter or digit;
# `files` is not empty; every path is relative and has no `..` part; the release does not exist yet (releases
# are never changed once written). A problem raises `DeployError` (given) and changes nothing.
#
# With `dry_run=True`, validate the same way, then return (and log) steps 1-3 prefixed with `[dry-run] `, and
# change nothing: no file written, `switch` and `healthy` not called.
#
# ```python
# deploy(root, "v2", {"app.py": "print('v2')\n"}, lambda p: True, switch_current, log)
# # ['write releases/v2 (1 files)', 'switch current to v2', 'check v2', 'deployed v2']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the steps in a list and log as you append: a small inner function `step(text)` does both. Validate with
# `re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", release)` and, for each path, `PurePosixPath(p).is_absolute()` and
# `".." in PurePosixPath(p).parts`.

# %% [markdown] course={"kind": "hint"}
# Wrap the check: `try: ok = healthy(root / "current")` / `except Exception as error: ok, cause = False, error`.
# After rolling back, `raise DeployFailed(...) from cause` (`from None` is fine when there is no cause).

# %% course={"kind": "solution"}
class DeployFailed(Exception):
    """The new release failed its check and was rolled back."""


def deploy(
    root: Path,
    release: str,
    files: Mapping[str, str],
    healthy: Callable[[Path], bool],
    switch: Callable[[Path, str], str | None],
    log: logging.Logger,
    dry_run: bool = False,
) -> list[str]:
    ### BEGIN SOLUTION
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", release):
        raise DeployError(f"release name {release!r}: use letters, digits, '.', '_' and '-'")
    if not files:
        raise DeployError(f"release {release}: no files to deploy")
    for name in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts:
            raise DeployError(f"release {release}: file {name!r} must be a relative path inside the release")
    target = root / "releases" / release
    if target.exists():
        raise DeployError(f"{target} already exists: releases are never changed once written")
    steps: list[str] = []
    prefix = "[dry-run] " if dry_run else ""

    def step(text: str) -> None:
        steps.append(prefix + text)
        log.info("%s", prefix + text)

    step(f"write releases/{release} ({len(files)} files)")
    if not dry_run:
        for name, content in files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(content, encoding="utf-8")
    step(f"switch current to {release}")
    previous = None if dry_run else switch(root, release)
    step(f"check {release}")
    if dry_run:
        return steps
    cause: Exception | None = None
    try:
        ok = healthy(root / "current")
    except Exception as error:
        ok, cause = False, error
    if ok:
        step(f"deployed {release}")
        return steps
    if previous is None:
        step("rollback: no previous release")
        (root / "current").unlink()
    else:
        step(f"rollback to {previous}")
        switch(root, previous)
    log.error("release %s failed its check", release)
    raise DeployFailed(f"release {release} failed its check; rolled back to {previous}") from cause
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_root, _calls = fresh(), []
_steps, _logged = deploy_logged(_root, "v1", {"app.py": "print(1)\n", "static/site.css": "b{}"}, lambda p: True, plain_switcher(_calls))
assert _steps == ["write releases/v1 (2 files)", "switch current to v1", "check v1", "deployed v1"], f"got {_steps!r}"
assert _logged == "".join(f"INFO {s}\n" for s in _steps), f"every step is logged at INFO; got {_logged!r}"
assert (_root / "current" / "static" / "site.css").read_text(encoding="utf-8") == "b{}", "files are written, folders included"
assert _calls == [("v1", None)], f"one switch; got {_calls}"

# %% course={"kind": "test", "points": 3}
_root, _calls, _checked = fresh(), [], []
_switch = plain_switcher(_calls)
deploy_logged(_root, "v1", {"app.py": "1"}, lambda p: True, _switch)


def _check(path: Path) -> bool:
    _checked.append((path, (path / "app.py").read_text(encoding="utf-8")))
    return False


_error, _logged = deploy_logged(_root, "v2", {"app.py": "2"}, _check, _switch)
assert type(_error) is DeployFailed, f"a failed check raises DeployFailed, got {_error!r}"
assert _checked == [(_root / "current", "2")], f"the check runs on root/current, serving the new release; got {_checked}"
assert _calls == [("v1", None), ("v2", "v1"), ("v1", "v2")], f"switch to v2, then back to v1; got {_calls}"
assert (_root / "current" / "app.py").read_text(encoding="utf-8") == "1", "v1 is live again"
assert _logged.splitlines() == ["INFO write releases/v2 (1 files)", "INFO switch current to v2", "INFO check v2", "INFO rollback to v1", "ERROR release v2 failed its check"], f"got {_logged!r}"
assert (_root / "releases" / "v2" / "app.py").exists(), "the failed release stays for debugging"
### BEGIN HIDDEN TESTS
def _explodes(path: Path) -> bool:
    raise ConnectionError("health endpoint refused")


_error, _logged = deploy_logged(_root, "v3", {"app.py": "3"}, _explodes, _switch)
assert type(_error) is DeployFailed and isinstance(_error.__cause__, ConnectionError), "a check that raises is a failure, chained from its error"
assert _calls[-2:] == [("v3", "v1"), ("v1", "v3")] and "INFO rollback to v1" in _logged.splitlines()
_root2, _calls2 = fresh(), []
_error, _logged = deploy_logged(_root2, "v1", {"app.py": "1"}, lambda p: 0, plain_switcher(_calls2))
assert type(_error) is DeployFailed and _error.__cause__ is None, "a falsy answer (0) fails the check too"
assert not (_root2 / "current").exists() and not (_root2 / "current").is_symlink(), "no previous release: current is removed"
assert _logged.splitlines()[-2:] == ["INFO rollback: no previous release", "ERROR release v1 failed its check"], f"got {_logged!r}"
_steps, _ = deploy_logged(_root2, "v1.0.1-rc_2", {"a": "", "b": "x"}, lambda p: 1, plain_switcher(_calls2))
assert _steps[-1] == "deployed v1.0.1-rc_2", "a truthy answer passes"
_seen: list[str] = []
_at: dict[str, list[str]] = {}


class _Seen(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _seen.append(record.getMessage())


_log = fresh_logger("course.scripting.order")
_log.addHandler(_Seen())
_log.setLevel(logging.INFO)
_log.propagate = False
_plain = plain_switcher([])
try:
    deploy(fresh(), "v1", {"a": "1"}, lambda p: bool(_at.setdefault("check", list(_seen))), lambda r, n: _at.setdefault("switch", list(_seen)) and _plain(r, n), _log)
finally:
    release_logger("course.scripting.order")
assert _at["switch"][-1:] == ["switch current to v1"] and _at["check"][-1:] == ["check v1"], f"each step is logged before it is done; logged before switching/checking: {_at}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_root, _calls = fresh(), []
_switch = plain_switcher(_calls)
deploy_logged(_root, "v1", {"app.py": "1"}, lambda p: True, _switch)
_before = tree_hash(_root)
for _release, _files in (("v1", {"app.py": "again"}), ("", {"a": "1"}), ("../x", {"a": "1"}), ("v2", {}), ("v2", {"../../etc/passwd": "x"}), ("v2", {"/etc/passwd": "x"})):
    _error, _logged = deploy_logged(_root, _release, _files, lambda p: True, _switch)
    assert type(_error) is DeployError, f"release {_release!r} with {_files}: DeployError before any step, got {_error!r}"
    assert tree_hash(_root) == _before and _logged == "", f"release {_release!r}: a refused deploy changes and logs nothing"
### BEGIN HIDDEN TESTS
for _release in ("-v2", ".v2", "v 2", "v2/x", "é"):
    _error, _ = deploy_logged(_root, _release, {"a": "1"}, lambda p: True, _switch)
    assert type(_error) is DeployError, f"release name {_release!r} is refused"
for _name in ("a/../../b", "sub/.."):
    _error, _ = deploy_logged(_root, "v9", {_name: "1"}, lambda p: True, _switch)
    assert type(_error) is DeployError, f"path {_name!r} is refused"
assert tree_hash(_root) == _before and _calls == [("v1", None)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_root, _calls, _checked = fresh(), [], []
_before = tree_hash(_root)
_steps, _logged = deploy_logged(_root, "v1", {"app.py": "1", "b.txt": "2"}, lambda p: _checked.append(p) or True, plain_switcher(_calls), dry_run=True)
assert _steps == ["[dry-run] write releases/v1 (2 files)", "[dry-run] switch current to v1", "[dry-run] check v1"], f"got {_steps!r}"
assert _logged == "".join(f"INFO {s}\n" for s in _steps), "dry-run steps are logged too"
assert tree_hash(_root) == _before and _calls == [] and _checked == [], "a dry run writes nothing, switches nothing, checks nothing"
### BEGIN HIDDEN TESTS
_error, _ = deploy_logged(_root, "../v1", {"a": "1"}, lambda p: True, plain_switcher(_calls), dry_run=True)
assert type(_error) is DeployError, "a dry run validates too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-rollback-on-raise"}
class DeployFailed(Exception):
    """The new release failed its check and was rolled back."""


def deploy(
    root: Path,
    release: str,
    files: Mapping[str, str],
    healthy: Callable[[Path], bool],
    switch: Callable[[Path, str], str | None],
    log: logging.Logger,
    dry_run: bool = False,
) -> list[str]:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", release) or not files:
        raise DeployError(f"bad release {release!r}")
    for name in files:
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
            raise DeployError(f"bad path {name!r}")
    if (root / "releases" / release).exists():
        raise DeployError(f"{release} exists")
    prefix = "[dry-run] " if dry_run else ""
    steps = [prefix + f"write releases/{release} ({len(files)} files)", prefix + f"switch current to {release}", prefix + f"check {release}"]
    for line in steps:
        log.info("%s", line)
    if dry_run:
        return steps
    for name, content in files.items():
        (root / "releases" / release / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "releases" / release / name).write_text(content, encoding="utf-8")
    previous = switch(root, release)
    if healthy(root / "current"):  # a check that raises escapes: no rollback
        steps.append(f"deployed {release}")
        log.info("%s", steps[-1])
        return steps
    steps.append(f"rollback to {previous}")
    log.info("%s", steps[-1])
    if previous is not None:
        switch(root, previous)
    log.error("release %s failed its check", release)
    raise DeployFailed(release)

# %% course={"kind": "wrong", "id": "dry-run-writes"}
class DeployFailed(Exception):
    """The new release failed its check and was rolled back."""


def deploy(
    root: Path,
    release: str,
    files: Mapping[str, str],
    healthy: Callable[[Path], bool],
    switch: Callable[[Path, str], str | None],
    log: logging.Logger,
    dry_run: bool = False,
) -> list[str]:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", release) or not files:
        raise DeployError(f"bad release {release!r}")
    target = root / "releases" / release
    steps: list[str] = []
    prefix = "[dry-run] " if dry_run else ""
    steps.append(prefix + f"write releases/{release} ({len(files)} files)")
    log.info("%s", steps[-1])
    for name, content in files.items():  # written even in a dry run, and "../" paths escape the release
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(content, encoding="utf-8")
    steps.append(prefix + f"switch current to {release}")
    log.info("%s", steps[-1])
    if dry_run:
        steps.append(prefix + f"check {release}")
        log.info("%s", steps[-1])
        return steps
    previous = switch(root, release)
    steps.append(f"check {release}")
    log.info("%s", steps[-1])
    try:
        ok = healthy(root / "current")
    except Exception:
        ok = False
    if ok:
        steps.append(f"deployed {release}")
        log.info("%s", steps[-1])
        return steps
    if previous is not None:
        steps.append(f"rollback to {previous}")
        log.info("%s", steps[-1])
        switch(root, previous)
    log.error("release %s failed its check", release)
    raise DeployFailed(release)

# %% course={"kind": "wrong", "id": "logs-after-acting"}
class DeployFailed(Exception):
    """The new release failed its check and was rolled back."""


def deploy(
    root: Path,
    release: str,
    files: Mapping[str, str],
    healthy: Callable[[Path], bool],
    switch: Callable[[Path, str], str | None],
    log: logging.Logger,
    dry_run: bool = False,
) -> list[str]:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", release) or not files:
        raise DeployError(f"bad release {release!r}")
    for name in files:
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
            raise DeployError(f"bad path {name!r}")
    target = root / "releases" / release
    if target.exists():
        raise DeployError(f"{target} exists")
    if dry_run:
        return [f"[dry-run] write releases/{release} ({len(files)} files)", f"[dry-run] switch current to {release}", f"[dry-run] check {release}"]  # not logged
    for name, content in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(content, encoding="utf-8")
    previous = switch(root, release)
    steps = [f"write releases/{release} ({len(files)} files)", f"switch current to {release}", f"check {release}"]
    try:
        ok = healthy(root / "current")
    except Exception:
        ok = False
    if not ok:
        if previous is None:
            (root / "current").unlink()
            steps.append("rollback: no previous release")
        else:
            switch(root, previous)
            steps.append(f"rollback to {previous}")
    else:
        steps.append(f"deployed {release}")
    for line in steps:
        log.info("%s", line)
    if not ok:
        log.error("release %s failed its check", release)
        raise DeployFailed(release)
    return steps

# %% [markdown] course={"kind": "task", "id": "deployer-cli", "points": 5, "item": "project-15-1-1"}
# ### Project 15.1.1, part 3: the multi-environment deployer as a command
#
# Put the pieces together into an installable command `shipit` (a package with `[project.scripts]`), built with
# click or typer:
#
# - `shipit deploy ENV RELEASE [--dry-run] [--config FILE]`, `shipit rollback ENV`, `shipit status ENV`;
# - one config file describes every environment (`dev`, `staging`, `prod`: root folder, health-check URL,
#   replicas...), read with `read_config` and validated with a pydantic model (per-environment settings
#   overridable by `SHIPIT_*` variables and options, errors naming the file and key);
# - every step logged to stderr (and to a file per environment), secrets redacted with `Redact`;
# - `switch_current` and `deploy` from parts 1 and 2; exit codes `0` deployed, `1` failed and rolled back,
#   `2` usage or configuration error;
# - tests through `CliRunner` and at least one through a real subprocess (`python -m shipit`).

# %% [markdown] course={"kind": "rubric"}
# - (1) Subcommands and options declared with click/typer, with help texts; `--help` is useful on its own.
# - (1) Configuration is layered (defaults < file < environment < options), validated before any step, and a bad
#   value is reported with the file and key; an unknown environment name is a usage error (exit 2).
# - (1) Deploy writes an immutable release, switches `current` atomically, checks, and rolls back on failure;
#   `rollback` repoints to the previous release; `--dry-run` changes nothing (checked by a test that hashes the tree).
# - (1) Logging: every step at INFO on stderr, results on stdout, no secret in any log line (a test shows it).
# - (1) Exit codes 0/1/2 as specified, shown by tests through `CliRunner` and one real subprocess run.

# %% [markdown] course={"kind": "exercise", "id": "provisioner", "item": "project-15-1-2"}
# ### Project 15.1.2: an idempotent server provisioner with a dry run
#
# Write `provision(root, plan, dry_run=False) -> list[Change]` that brings a server, here the folder `root`
# standing in for `/`, to the state `plan` describes (`Plan` and `Change` are given), and returns what it changed:
#
# - **packages**: the installed packages are listed in `root/var/lib/pkg/installed`, one name per line, sorted
#   (the file may not exist yet). Installing a package adds its name. One `Change("package", name)` per package
#   that was not installed, in plan order (a name given twice counts once);
# - **files**: each `(path, content)` makes `root/<path>` hold `content` (UTF-8, folders created). A
#   `Change("file", path)` for each file that was missing or different;
# - **services**: enabling service `web` means a symlink `root/etc/enabled/web.service` pointing at
#   `../services/web.service`. A `Change("service", name)` for each link that was missing or pointed elsewhere
#   (replace it).
#
# The changes come in that order: packages, files, services. **Validate the whole plan first** and raise
# `ProvisionError` (given) without changing anything if a package name does not match `[a-z0-9][a-z0-9+.-]*`,
# a file path is absolute or has a `..` part, or a service has no unit file `etc/services/<name>.service`
# (neither on disk nor among the plan's files). With `dry_run=True`, return exactly the changes a real run would
# make, and change nothing. A second run changes nothing and returns `[]`; so `provision(root, plan, dry_run=True)
# == []` is how you check that a server is set up as planned.
#
# ```python
# plan = Plan(packages=("nginx",), files=(("etc/services/web.service", "[Service]\n"),), services=("web",))
# provision(root, plan)   # [Change('package', 'nginx'), Change('file', 'etc/services/web.service'), Change('service', 'web')]
# provision(root, plan)   # []
# ```

# %% [markdown] course={"kind": "hint"}
# Work in two passes: first compute the changes (read the installed list, compare each file's bytes, `os.readlink`
# each link), then, unless it is a dry run, apply them. The dry run and the real run then cannot disagree.

# %% [markdown] course={"kind": "hint"}
# A link that exists but points elsewhere: `os.readlink(link) != "../services/web.service"`; remove it, then
# `os.symlink`. Use `link.is_symlink()` (not `exists()`, which follows the link) to see whether there is one.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class Plan:
    packages: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()  # (path relative to root, content)
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: Literal["package", "file", "service"]
    target: str


class ProvisionError(Exception):
    """The plan cannot be applied; nothing was changed."""


def provision(root: Path, plan: Plan, dry_run: bool = False) -> list[Change]:
    ### BEGIN SOLUTION
    planned_files = {path for path, _ in plan.files}
    for name in plan.packages:
        if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]*", name):
            raise ProvisionError(f"package name {name!r} is not valid")
    for path, _ in plan.files:
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            raise ProvisionError(f"file {path!r} must be a relative path inside the root")
    for service in plan.services:
        unit = f"etc/services/{service}.service"
        if unit not in planned_files and not (root / unit).is_file():
            raise ProvisionError(f"service {service!r}: no unit file {unit}")

    registry = root / "var" / "lib" / "pkg" / "installed"
    installed = set(registry.read_text(encoding="utf-8").split()) if registry.exists() else set()
    missing = [name for name in dict.fromkeys(plan.packages) if name not in installed]
    stale = [(path, content) for path, content in plan.files
             if not (root / path).is_file() or (root / path).read_bytes() != content.encode("utf-8")]
    links = {service: root / "etc" / "enabled" / f"{service}.service" for service in plan.services}
    unlinked = [service for service, link in links.items()
                if not link.is_symlink() or os.readlink(link) != f"../services/{service}.service"]
    changes = [Change("package", name) for name in missing]
    changes += [Change("file", path) for path, _ in stale]
    changes += [Change("service", service) for service in unlinked]
    if dry_run:
        return changes

    if missing:
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text("".join(f"{name}\n" for name in sorted(installed | set(missing))), encoding="utf-8")
    for path, content in stale:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(content, encoding="utf-8")
    for service in unlinked:
        links[service].parent.mkdir(exist_ok=True)  # etc/ exists: it holds the unit files
        if links[service].is_symlink():
            links[service].unlink()
        os.symlink(f"../services/{service}.service", links[service])
    return changes
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_plan = Plan(
    packages=("nginx", "curl", "nginx"),
    files=(("etc/services/web.service", "[Service]\nExecStart=/usr/bin/nginx\n"), ("etc/nginx/site.conf", "listen 80;\n")),
    services=("web",),
)
_root = fresh()
_changes = provision(_root, _plan)
_expected = [Change("package", "nginx"), Change("package", "curl"), Change("file", "etc/services/web.service"), Change("file", "etc/nginx/site.conf"), Change("service", "web")]
assert _changes == _expected, f"expected {_expected}, got {_changes}"
assert (_root / "var/lib/pkg/installed").read_text(encoding="utf-8") == "curl\nnginx\n", "installed packages: one per line, sorted"
assert (_root / "etc/nginx/site.conf").read_text(encoding="utf-8") == "listen 80;\n"
assert os.readlink(_root / "etc/enabled/web.service") == "../services/web.service", "the service link is relative"
assert (_root / "etc/enabled/web.service").read_text(encoding="utf-8").startswith("[Service]"), "and it resolves to the unit file"

# %% course={"kind": "test", "points": 2}
_plan = Plan(
    packages=("nginx", "curl", "nginx"),
    files=(("etc/services/web.service", "[Service]\nExecStart=/usr/bin/nginx\n"), ("etc/nginx/site.conf", "listen 80;\n")),
    services=("web",),
)
_root = fresh()
provision(_root, _plan)
_before = tree_hash(_root)
assert provision(_root, _plan) == [], "a second run changes nothing and says so"
assert tree_hash(_root) == _before, "a second run leaves every file as it was"
assert provision(_root, _plan, dry_run=True) == [], "after a run, the dry run finds nothing to do: the server is set up as planned"
### BEGIN HIDDEN TESTS
_root = fresh()
(_root / "var/lib/pkg").mkdir(parents=True)
(_root / "var/lib/pkg/installed").write_text("curl\nvim\n", encoding="utf-8")
(_root / "etc/nginx").mkdir(parents=True)
(_root / "etc/nginx/site.conf").write_text("listen 80;\n", encoding="utf-8")
_changes = provision(_root, _plan)
assert _changes == [Change("package", "nginx"), Change("file", "etc/services/web.service"), Change("service", "web")], f"only what is missing; got {_changes}"
assert (_root / "var/lib/pkg/installed").read_text(encoding="utf-8") == "curl\nnginx\nvim\n", "packages installed before are kept, the list sorted"
_names = [f"pkg{n:02d}" for n in range(12, 0, -1)]
_root = fresh()
provision(_root, Plan(packages=tuple(_names)))
assert (_root / "var/lib/pkg/installed").read_text(encoding="utf-8") == "".join(f"{n}\n" for n in sorted(_names)), "the list is sorted, whatever order a set happens to give"
_root = fresh()
assert provision(_root, Plan()) == [] and list(_root.iterdir()) == [], "an empty plan does nothing"
assert provision(_root, Plan(files=(("empty.txt", ""),))) == [Change("file", "empty.txt")] and (_root / "empty.txt").read_text(encoding="utf-8") == ""
assert provision(_root, Plan(files=(("empty.txt", ""),))) == [], "an empty file that should be empty is fine"
assert provision(_root, Plan(files=(("uni.txt", "café\n"),))) == [Change("file", "uni.txt")]
assert (_root / "uni.txt").read_bytes() == "café\n".encode("utf-8") and provision(_root, Plan(files=(("uni.txt", "café\n"),))) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_plan = Plan(
    packages=("nginx", "curl", "nginx"),
    files=(("etc/services/web.service", "[Service]\nExecStart=/usr/bin/nginx\n"), ("etc/nginx/site.conf", "listen 80;\n")),
    services=("web",),
)
_root = fresh()
_before = tree_hash(_root)
_planned = provision(_root, _plan, dry_run=True)
assert tree_hash(_root) == _before, "a dry run changes nothing"
assert _planned == provision(_root, _plan), "the dry run returns exactly what the real run then does"
### BEGIN HIDDEN TESTS
(_root / "etc/nginx/site.conf").write_text("listen 8080;\n", encoding="utf-8")
(_root / "etc/enabled/web.service").unlink()
os.symlink("../services/old.service", _root / "etc/enabled/web.service")
_before = tree_hash(_root)
_drift = [Change("file", "etc/nginx/site.conf"), Change("service", "web")]
assert provision(_root, _plan, dry_run=True) == _drift and tree_hash(_root) == _before, "the dry run reports the drift and fixes nothing"
assert provision(_root, _plan) == _drift, "a changed file and a link pointing elsewhere are fixed"
assert (_root / "etc/nginx/site.conf").read_text(encoding="utf-8") == "listen 80;\n" and os.readlink(_root / "etc/enabled/web.service") == "../services/web.service"
_disk = fresh()
(_disk / "etc/services").mkdir(parents=True)
(_disk / "etc/services/db.service").write_text("[Service]\n", encoding="utf-8")
assert provision(_disk, Plan(services=("db",))) == [Change("service", "db")], "a unit file already on disk is enough"
(_disk / "etc/services/cache.service").write_text("[Service]\n", encoding="utf-8")
assert provision(_disk, Plan(services=("cache", "db", "web"), files=(("etc/services/web.service", "x"),))) == [Change("file", "etc/services/web.service"), Change("service", "cache"), Change("service", "web")]
assert os.readlink(_disk / "etc/enabled/cache.service") == "../services/cache.service" and os.readlink(_disk / "etc/enabled/web.service") == "../services/web.service", "every service gets its own link"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def _provision_error(plan: Plan) -> None:
    root = fresh()
    (root / "var/lib/pkg").mkdir(parents=True)
    (root / "var/lib/pkg/installed").write_text("curl\n", encoding="utf-8")
    before = tree_hash(root)
    try:
        provision(root, plan)
    except ProvisionError:
        assert tree_hash(root) == before, f"{plan}: a refused plan changes nothing at all"
        return
    raise AssertionError(f"{plan}: expected ProvisionError")


_provision_error(Plan(packages=("nginx",), files=(("etc/a.conf", "x"),), services=("web",)))
_provision_error(Plan(packages=("nginx", "Bad Name")))
_provision_error(Plan(packages=("nginx",), files=(("../../etc/passwd", "x"),)))
_provision_error(Plan(files=(("/etc/passwd", "x"),)))
### BEGIN HIDDEN TESTS
for _bad in ("", "-rf", "Nginx", "a b", "é"):
    _provision_error(Plan(packages=("nginx", _bad)))
for _good in ("g++", "python3.11", "0ad", "lib-x"):
    assert provision(fresh(), Plan(packages=(_good,))) == [Change("package", _good)], f"{_good!r} is a valid package name"
_provision_error(Plan(files=(("etc/../../x", "x"),)))
_provision_error(Plan(files=(("etc/services/web.service", "x"),), services=("web", "db")))
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "dry-run-applies"}
@dataclass(frozen=True)
class Plan:
    packages: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: Literal["package", "file", "service"]
    target: str


class ProvisionError(Exception):
    """The plan cannot be applied; nothing was changed."""


def provision(root: Path, plan: Plan, dry_run: bool = False) -> list[Change]:
    for name in plan.packages:
        if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]*", name):
            raise ProvisionError(name)
    for path, _ in plan.files:
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            raise ProvisionError(path)
    for service in plan.services:
        unit = f"etc/services/{service}.service"
        if unit not in {p for p, _ in plan.files} and not (root / unit).is_file():
            raise ProvisionError(service)
    changes = []
    registry = root / "var/lib/pkg/installed"
    installed = set(registry.read_text(encoding="utf-8").split()) if registry.exists() else set()
    for name in dict.fromkeys(plan.packages):
        if name not in installed:
            changes.append(Change("package", name))
            installed.add(name)
            registry.parent.mkdir(parents=True, exist_ok=True)
            registry.write_text("".join(f"{n}\n" for n in sorted(installed)), encoding="utf-8")  # even in a dry run
    for path, content in plan.files:
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            changes.append(Change("file", path))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    for service in plan.services:
        link = root / "etc/enabled" / f"{service}.service"
        if not link.is_symlink() or os.readlink(link) != f"../services/{service}.service":
            changes.append(Change("service", service))
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.is_symlink():
                link.unlink()
            os.symlink(f"../services/{service}.service", link)
    return changes

# %% course={"kind": "wrong", "id": "validates-as-it-goes"}
@dataclass(frozen=True)
class Plan:
    packages: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: Literal["package", "file", "service"]
    target: str


class ProvisionError(Exception):
    """The plan cannot be applied; nothing was changed."""


def provision(root: Path, plan: Plan, dry_run: bool = False) -> list[Change]:
    changes = []
    registry = root / "var/lib/pkg/installed"
    installed = set(registry.read_text(encoding="utf-8").split()) if registry.exists() else set()
    for name in dict.fromkeys(plan.packages):
        if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]*", name):
            raise ProvisionError(name)  # packages before it are already installed
        if name not in installed:
            changes.append(Change("package", name))
            installed.add(name)
            if not dry_run:
                registry.parent.mkdir(parents=True, exist_ok=True)
                registry.write_text("".join(f"{n}\n" for n in sorted(installed)), encoding="utf-8")
    for path, content in plan.files:
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            raise ProvisionError(path)
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            changes.append(Change("file", path))
            if not dry_run:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
    for service in plan.services:
        if not (root / f"etc/services/{service}.service").is_file() and not dry_run:
            raise ProvisionError(service)
        link = root / "etc/enabled" / f"{service}.service"
        if not link.is_symlink() or os.readlink(link) != f"../services/{service}.service":
            changes.append(Change("service", service))
            if not dry_run:
                link.parent.mkdir(parents=True, exist_ok=True)
                if link.is_symlink():
                    link.unlink()
                os.symlink(f"../services/{service}.service", link)
    return changes

# %% course={"kind": "wrong", "id": "exists-follows-links"}
@dataclass(frozen=True)
class Plan:
    packages: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: Literal["package", "file", "service"]
    target: str


class ProvisionError(Exception):
    """The plan cannot be applied; nothing was changed."""


def provision(root: Path, plan: Plan, dry_run: bool = False) -> list[Change]:
    for name in plan.packages:
        if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]*", name):
            raise ProvisionError(name)
    for path, _ in plan.files:
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            raise ProvisionError(path)
    for service in plan.services:
        unit = f"etc/services/{service}.service"
        if unit not in {p for p, _ in plan.files} and not (root / unit).is_file():
            raise ProvisionError(service)
    registry = root / "var/lib/pkg/installed"
    installed = registry.read_text(encoding="utf-8").split() if registry.exists() else []
    missing = [name for name in plan.packages if name not in installed]  # "nginx" twice: installed twice
    stale = [(p, c) for p, c in plan.files if not (root / p).is_file() or (root / p).read_text(encoding="utf-8") != c]
    unlinked = [s for s in plan.services if not (root / "etc/enabled" / f"{s}.service").exists()]  # any link counts
    changes = [Change("package", n) for n in missing] + [Change("file", p) for p, _ in stale] + [Change("service", s) for s in unlinked]
    if dry_run:
        return changes
    if missing:
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text("".join(f"{n}\n" for n in sorted(installed + missing)), encoding="utf-8")
    for path, content in stale:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(content, encoding="utf-8")
    for service in unlinked:
        (root / "etc/enabled").mkdir(parents=True, exist_ok=True)
        os.symlink(f"../services/{service}.service", root / "etc/enabled" / f"{service}.service")
    return changes

# %% [markdown] course={"kind": "task", "id": "provisioner-cli", "points": 3, "item": "project-15-1-2"}
# ### Project 15.1.2, part 2: the provisioner as a script
#
# Wrap `provision` in a command `provision PLAN.yaml [--root DIR] [--dry-run] [--verbose]`: the plan is read
# with `read_config` and validated by a pydantic model (errors name the file and key); each change is logged
# (`would install nginx` in a dry run, `installed nginx` otherwise) and a summary line `N changed` printed on
# stdout; exit code `0` when the server matches the plan, `1` when a step failed, `2` for a usage or plan
# error. Add one service check after the run (`provision(..., dry_run=True) == []`, reported as "validated").

# %% [markdown] course={"kind": "rubric"}
# - (1) The plan file is validated before anything happens; a bad key or value is reported with the file and key.
# - (1) Dry run and real run share the computation of changes; a test shows the dry run changes nothing (tree hash)
#   and that a second real run reports `0 changed`.
# - (1) Exit codes and output as specified: summary on stdout, log lines on stderr, 0/1/2 tested.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-make-scripts-idempotent"}
# Every step checks the current state before acting and acts only on the difference: "ensure this line is in the
# file", not "append this line"; "ensure the package is installed", not "install it". Whole files are written to a
# temporary file in the same folder and moved into place with `os.replace`, so a crash leaves the old or the new
# file, never half of one; a step that finds nothing to do writes nothing and reports "unchanged". Releases go into
# new folders and a symlink is switched atomically. I prove it with a test: run twice, the second run reports zero
# changes and a hash of the tree is unchanged (hashes, not modification times). A dry run that shares the
# "what would change" computation with the real run is then free, and doubles as a drift check.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-secrets-in-scripts"}
# Never in the code, the repository, command-line arguments (visible in `ps` to every user) or logs. The script
# receives them at run time: from an environment variable, from a file (`NAME_FILE`, as Docker and Kubernetes
# mount them) whose permissions I check like `ssh` does (refuse anything the group or others can read), or from a
# secrets manager such as Vault (KV v2: `GET /v1/<mount>/data/<path>` with `X-Vault-Token`, value under
# `data.data`), authenticated by the platform (AppRole, Kubernetes service account) rather than a stored password.
# Secrets are read once, kept in memory, passed explicitly, and a redacting `logging.Filter` on every handler is the
# last line of defence. Error messages name which secret is missing, never its value.

# %% [markdown] course={"kind": "answer", "question": "q-what-makes-a-good-cli-tool"}
# It is predictable for both people and programs. For people: `--help` on every subcommand with examples and
# defaults, clear names, consistent options (`-n/--dry-run`, `-v/--verbose`), a dry-run for anything destructive,
# errors that say what to fix. For programs: results on stdout in a parseable form (`--json`), everything else on
# stderr, exit codes that mean something (0 ok, 1 failed, 2 usage error), no prompts when stdin is not a
# terminal, idempotent commands that are safe to re-run, configuration from files, environment and flags in a
# documented order. It installs as a command (an entry point), and it is tested through its real entry point:
# in process with `CliRunner` and at least once as a subprocess.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-errors-in-automation"}
# Validate everything up front (config, arguments, secrets present) so the script fails before it changes
# anything. Deep code raises specific exceptions whose messages name the file, key or host; one place in `main()`
# catches the expected family, logs one clear line and returns a non-zero exit code, while unexpected exceptions
# keep their traceback. Retries with backoff only for transient errors (network, 503), never for a bad config.
# Steps are idempotent, so re-running after a failure is safe; multi-step changes either roll back (switch back
# to the previous release) or leave a state the next run can repair. `set -e` thinking for Python: never print an
# error and exit 0.
