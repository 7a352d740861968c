# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run real Ansible playbooks with your own module, filter and dynamic inventory,
# drive SSH hosts with Fabric, plan changes the way Terraform and Pulumi do, and render per-environment Jinja2 configs.

# %% course={"kind": "setup", "id": "iac-helpers"}
# Helpers the demos and tests use.
# - `ssh_host(name)` / `ssh_hosts(*names)` (course/runtime/ssh.py): a real SSH server on 127.0.0.1 for one
#   `with` block, each host with its own empty folder (`host.root`); `host.connect()` is a fabric Connection
#   that trusts only that host's key. Stopped (commands killed, folder removed) when the block ends.
# - `ansible(tool, *args, cwd=...)` runs a real ansible command (course/runtime/ansible_sandbox.py) with its
#   configuration, home, temp files and collections inside a temporary folder: your ~/.ansible is not used.
# - `run_module(main, args)`: run an Ansible module's main() the way Ansible does (arguments in as JSON, the
#   answer out as JSON on stdout) and get the answer as a dict; `module_file(main, path)` writes it as a file.
import contextlib
import copy
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent
from typing import Any
from unittest.mock import Mock

import jinja2
import yaml

from course.runtime.ansible_sandbox import cell_source, module_file, run_ansible, run_module, sandboxed
from course.runtime.clock import FakeClock
from course.runtime.scratch import scratch_dir
from course.runtime.ssh import ssh_host, ssh_hosts

WORK = scratch_dir("iac")


@dataclass(frozen=True)
class Host:
    """One machine of a cloud inventory (project 15.3.2), whatever cloud it runs in."""

    name: str
    ip: str
    provider: str
    region: str
    labels: Mapping[str, str] = field(default_factory=dict)


ROLES: dict[str, tuple[str, ...]] = {"web": ("nginx.conf",), "db": ("pg_hba.conf", "postgresql.conf")}
"""The files each server type must have (project 15.3.1)."""


@dataclass(frozen=True)
class ServerConfig:
    """One server's desired configuration (project 15.3.1): its role and its files (relative path -> text)."""

    role: str
    files: Mapping[str, str]


def ansible(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `ansible-<tool> args...` (playbook, inventory...) in cwd, sandboxed under WORK."""
    return run_ansible(tool, *args, root=WORK / "ansible", cwd=cwd)


# Test data the exercises' test cells share (defined here so that every test cell runs on its own).
FLEET = [
    {"name": "web2", "ip": "10.0.0.12", "role": "web", "env": "prod", "state": "running"},
    {"name": "db1", "ip": "10.0.0.21", "role": "db", "env": "prod", "state": "running"},
    {"name": "web1", "ip": "10.0.0.11", "role": "web", "env": "staging", "state": "running"},
    {"name": "web9", "ip": "10.0.0.19", "role": "web", "env": "prod", "state": "stopped"},
]
"""Machines as a cloud API lists them (exercise inventory-script)."""
BASE = {"port": 80, "debug": True, "db": {"host": "localhost", "port": 5432, "opts": {"ssl": False, "pool": 5}}}
OVERLAYS = {"dev": {}, "prod": {"port": 443, "debug": False, "db": {"host": "db.internal", "opts": {"ssl": True}}}}
"""Base values and per-environment overlays (exercise env-config)."""
WEB = ServerConfig("web", {"nginx.conf": "events {}\n", "sites/app.conf": "server { listen 80; }\n"})
"""A web server's configuration (exercise config-apply)."""
AWS_DOC = json.loads(Path("data", "15.3", "aws-instances.json").read_text(encoding="utf-8"))
GCP_DOC = json.loads(Path("data", "15.3", "gcp-instances.json").read_text(encoding="utf-8"))
"""The two clouds' API answers (exercise cloud-hosts)."""
FLEET_A = [
    Host("web-1", "10.1.0.11", "aws", "eu-west-1", {"role": "web", "env": "prod"}),
    Host("db-1", "10.1.0.21", "aws", "eu-west-1", {"role": "db", "env": "prod"}),
    Host("gpu-7", "10.1.0.31", "aws", "us-east-1", {"role": "gpu"}),
]
FLEET_G = [Host("trainer-1", "10.2.0.5", "gcp", "europe-west4", {"role": "gpu", "env": "prod"})]
"""Hosts the two providers' APIs return (exercise cached-inventory)."""


def source(hosts: list[Host]) -> Mock:
    """A provider's API for cached-inventory: `.call_count` counts calls; set `.side_effect` to an exception
    to make it fail, or to another function to change what it returns. Each call returns a new list."""
    return Mock(side_effect=lambda: list(hosts))


# %% [markdown] course={"kind": "lesson", "id": "iac", "covers": ["c-infrastructure-as-code-concepts", "c-declarative-vs-imperative", "c-state-management-068e87", "c-idempotency", "c-version-control-for-infra"]}
# ### Infrastructure as Code: desired state, state files, idempotency
#
# Infrastructure as Code (IaC) means the servers, networks, users and config files you run are described in
# text files that live in git, reviewed and applied by a tool, instead of being clicked or typed by hand. Four
# ideas carry the whole field:
#
# | idea | what it means | where you meet it |
# |---|---|---|
# | **declarative vs imperative** | *declarative*: you write the end state ("nginx installed, port 8080"), the tool works out the steps; *imperative*: you write the steps ("install, then edit, then restart") | Terraform, Pulumi, Ansible modules are declarative; shell scripts and Fabric tasks are imperative |
# | **state** | what the tool believes exists: Terraform/Pulumi keep it in a *state file* (local or in a remote backend with locking); Ansible keeps none and looks at the machine every run | `terraform.tfstate`, Pulumi's backend, S3 + DynamoDB lock |
# | **idempotency** | applying the same description twice changes nothing the second time; a run reports *what it changed* | Ansible's `changed=0` on a second run; `terraform plan` saying "No changes" |
# | **version control** | the description is code: reviewed in pull requests, tagged, rolled back by reverting; the state file is *not* committed (it holds secrets and changes on every apply) | git, CI running `plan` on every PR |
#
# The mistake people make: writing "declarative" code out of imperative steps that are not idempotent, such
# as `echo line >> file` in a task. It works the first time and adds a duplicate line on every later run. The
# demo shows the difference on a small in-memory "machine".

# %% course={"kind": "demo"}
machine: dict[str, list[str]] = {"/etc/hosts": ["127.0.0.1 localhost"]}


def imperative_add(line: str) -> None:
    machine["/etc/hosts"].append(line)  # a step: "append this line"


def declarative_ensure(line: str) -> bool:
    """A desired state: "this line is present". Returns whether anything changed."""
    if line in machine["/etc/hosts"]:
        return False
    machine["/etc/hosts"].append(line)
    return True


for run in (1, 2):
    imperative_add("10.0.0.5 db")
print("imperative, run twice:", machine["/etc/hosts"])

machine["/etc/hosts"] = ["127.0.0.1 localhost"]
print("declarative, changed per run:", [declarative_ensure("10.0.0.5 db") for run in (1, 2)])
print("declarative, run twice:", machine["/etc/hosts"])

# %% [markdown] course={"kind": "lesson", "id": "ansible", "covers": ["c-ansible-with-python", "c-ansible-architecture", "c-playbooks-and-tasks", "c-inventory-management", "c-ansible-python-api", "c-dynamic-inventory-scripts", "c-custom-modules-in-python", "c-ansible-filters-and-plugins"]}
# ### Ansible: playbooks, inventories, modules and plugins
#
# Ansible is written in Python and is *agentless*: the **control node** (your laptop, a CI runner) reads an
# **inventory** (which hosts exist, in which groups, with which variables) and a **playbook** (YAML: a list of
# *plays*, each mapping a host pattern to a list of *tasks*), and for every task it ships a small Python program,
# a **module**, to each host over SSH, runs it there and reads back one JSON answer (`changed`, `failed`, data).
# A module is written to be idempotent: it looks at the host first and changes something only when the host
# differs from what the task declares, so the play recap counts `changed` tasks and a second run shows
# `changed=0`. Everything around the modules is a **plugin** running on the control node: inventory plugins
# (INI/YAML files, *dynamic inventory scripts* that print JSON, cloud APIs), connection plugins (`ssh`,
# `local`), filter plugins (Jinja2 filters used in `{{ ... }}`), lookup, callback (the output you read) plugins.
#
# | piece | where it lives in a project | language |
# |---|---|---|
# | inventory | `hosts.ini`, `inventory.yml`, or an executable printing JSON for `--list` | INI/YAML/any |
# | playbook, tasks, handlers | `site.yml`, `roles/<name>/tasks/main.yml` | YAML + Jinja2 |
# | custom module | `library/<name>.py` next to the playbook | Python (`AnsibleModule`) |
# | filter plugin | `filter_plugins/<file>.py` with a `FilterModule` class | Python |
#
# "Ansible with Python" means three things: writing these plugins and modules; generating playbooks and
# inventories as data (a playbook is just a list of dicts dumped to YAML); and driving Ansible from Python.
# For the last one the supported road is the separate `ansible-runner` package (what AWX uses) or simply
# running the `ansible-playbook` command; the classes inside `ansible` itself (`DataLoader`,
# `InventoryManager`, `VariableManager`) are an internal API that changes between releases, fine for reading
# an inventory as below, risky to build a product on. The mistake people make: calling `shell:` or
# `command:` for everything, which is never idempotent unless told so (`creates:`), and reports `changed` on
# every run.
#
# The commands in this section run the real `ansible-core` from this Python, with its configuration, home
# folder and temp files inside a temporary folder (`ansible(...)` from the setup cell), and on `localhost`
# with `ansible_connection=local`: no SSH needed. First, the Python API reading an inventory:

# %% course={"kind": "demo"}
project = WORK / "inventory-demo"
project.mkdir(exist_ok=True)
(project / "hosts.ini").write_text(
    dedent("""\
    [web]
    web1 ansible_host=10.0.0.11
    web2 ansible_host=10.0.0.12 http_port=8081

    [db]
    db1 ansible_host=10.0.0.21

    [prod:children]
    web
    db

    [web:vars]
    http_port=8080
    """),
    encoding="utf-8",
)
with sandboxed(WORK / "ansible"):  # Ansible reads its configuration on first import: import it in the sandbox
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.vars.manager import VariableManager

    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[str(project / "hosts.ini")])
    variables = VariableManager(loader=loader, inventory=inventory)
    print("groups:", sorted(inventory.groups))
    for host in inventory.get_hosts("prod"):
        hostvars = variables.get_vars(host=host)
        print(f"{host.name}: {hostvars['ansible_host']}, http_port={hostvars.get('http_port')}")

# %% [markdown] course={"kind": "text"}
# Now a whole project, run twice: a **dynamic inventory script** (an executable that prints the inventory as
# JSON when called with `--list`; `_meta.hostvars` carries every host's variables), a **custom module**
# `ensure_line` in `library/`, a **filter plugin** `env_line` in `filter_plugins/`, and a one-task playbook
# that uses all three: the inventory gives `app_port`, the filter turns it into `APP_PORT=8080`, the module
# makes sure the file holds that line. Both runs are real `ansible-playbook` runs (each starts Ansible, runs
# the inventory script and ships the module, about a second of CPU, so the play is kept to one task). The
# first run changes the file; the second finds nothing to do: `changed=0`.

# %% course={"kind": "demo"}
site = WORK / "site-demo"
for sub in ("library", "filter_plugins"):
    (site / sub).mkdir(parents=True, exist_ok=True)
(site / "inventory.py").write_text(
    dedent(f"""\
    #!{sys.executable}
    import json, sys
    inventory = {{
        "web": {{"hosts": ["localhost"]}},
        "_meta": {{"hostvars": {{"localhost": {{"ansible_connection": "local", "app_port": 8080}}}}}},
    }}
    print(json.dumps(inventory if sys.argv[1:] == ["--list"] else {{}}))
    """),
    encoding="utf-8",
)
(site / "inventory.py").chmod(0o755)
(site / "library" / "ensure_line.py").write_text(
    dedent("""\
    from ansible.module_utils.basic import AnsibleModule

    def main():
        module = AnsibleModule(
            argument_spec={"path": {"type": "path", "required": True}, "line": {"type": "str", "required": True}},
            supports_check_mode=True,
        )
        path, line = module.params["path"], module.params["line"]
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
        if line in lines:
            module.exit_json(changed=False)          # already as declared: touch nothing
        if not module.check_mode:
            with open(path, "a", encoding="utf-8") as f:
                f.write(line + "\\n")
        module.exit_json(changed=True, msg=f"added {line!r}")

    if __name__ == "__main__":
        main()
    """),
    encoding="utf-8",
)
(site / "filter_plugins" / "envfile.py").write_text(
    dedent("""\
    def env_line(value, key):
        return f"{key.upper()}={value}"

    class FilterModule:
        def filters(self):
            return {"env_line": env_line}
    """),
    encoding="utf-8",
)
(site / "site.yml").write_text(
    dedent("""\
    - name: configure the app
      hosts: web
      gather_facts: false
      tasks:
        - name: the app's port in its env file, rendered by our filter, kept by our module
          ensure_line: {path: "{{ playbook_dir }}/app.env", line: "{{ app_port | env_line('app_port') }}"}
    """),
    encoding="utf-8",
)
(site / "app.env").unlink(missing_ok=True)  # a fresh start, also when this cell runs again
for run in (1, 2):
    result = ansible("playbook", "-i", "inventory.py", "site.yml", cwd=site)
    recap = re.search(r"localhost\s+:\s+(.*)", result.stdout)
    print(f"run {run}: exit {result.returncode},", recap.group(1).split("unreachable")[0] if recap else result.stdout[-500:])
print("app.env:", (site / "app.env").read_text(encoding="utf-8"), end="")

# %% [markdown] course={"kind": "exercise", "id": "playbook-as-data", "item": "x-create-an-ansible-playbook-with-python"}
# ### Generate a playbook from Python
#
# A playbook is data: a list of plays, each a dict. Write `config_playbook(app, files, root)` that returns
# the playbook deploying an app's config files on the control node itself, as a list with **one play**:
#
# - keys `name` (`"configure <app>"`), `hosts` (`"localhost"`), `connection` (`"local"`), `gather_facts`
#   (`False`) and `tasks`;
# - first task: `{"name": "folder <root>/<app>", "ansible.builtin.file": {"path": "<root>/<app>", "state":
#   "directory", "mode": "0755"}}`;
# - then one task per file, **in file-name order**: `{"name": "write <file>", "ansible.builtin.copy":
#   {"dest": "<root>/<app>/<file>", "content": <text>, "mode": "0644"}}`;
# - modes are **strings** (`"0644"`); a bare `644` in YAML is the decimal number 644, i.e. mode `0o1204`;
# - raise `ValueError` for an app name that is not lower-case letters, digits and `-` (starting with a
#   letter), or a file name containing `/` or equal to `..` or `.`; do not change `files`.
#
# ```python
# >>> config_playbook("api", {"app.ini": "port=1\n"}, "/srv")[0]["tasks"][1]
# {'name': 'write app.ini', 'ansible.builtin.copy': {'dest': '/srv/api/app.ini', 'content': 'port=1\n', 'mode': '0644'}}
# ```
#
# The last test dumps your playbook to YAML and has the real `ansible-playbook --syntax-check` load it.

# %% [markdown] course={"kind": "hint"}
# Build the list of tasks first: the folder task, then a comprehension over `sorted(files.items())`.

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"[a-z][a-z0-9-]*", app)` checks the app name; check every file name before building
# anything.

# %% course={"kind": "solution"}
def config_playbook(app: str, files: Mapping[str, str], root: str) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    if not re.fullmatch(r"[a-z][a-z0-9-]*", app):
        raise ValueError(f"app name {app!r}: lower-case letters, digits and '-' only, starting with a letter")
    for name in files:
        if "/" in name or name in (".", ".."):
            raise ValueError(f"file name {name!r} must be a plain name")
    folder = f"{root}/{app}"
    tasks: list[dict[str, Any]] = [
        {"name": f"folder {folder}", "ansible.builtin.file": {"path": folder, "state": "directory", "mode": "0755"}}
    ]
    for name, text in sorted(files.items()):
        copy_args = {"dest": f"{folder}/{name}", "content": text, "mode": "0644"}
        tasks.append({"name": f"write {name}", "ansible.builtin.copy": copy_args})
    play = {"name": f"configure {app}", "hosts": "localhost", "connection": "local", "gather_facts": False}
    return [{**play, "tasks": tasks}]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
book = config_playbook("api", {"app.ini": "port=1\n"}, "/srv")
assert book == [
    {
        "name": "configure api",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "tasks": [
            {"name": "folder /srv/api", "ansible.builtin.file": {"path": "/srv/api", "state": "directory", "mode": "0755"}},
            {
                "name": "write app.ini",
                "ansible.builtin.copy": {"dest": "/srv/api/app.ini", "content": "port=1\n", "mode": "0644"},
            },
        ],
    }
], "one play: the folder task, then one copy task per file"

# %% course={"kind": "test", "points": 2}
files = {"z.conf": "", "a.conf": "a=1\n", "m.env": "X=ü\n"}
tasks = config_playbook("web-2", files, "/opt")[0]["tasks"]
assert [t["name"] for t in tasks] == ["folder /opt/web-2", "write a.conf", "write m.env", "write z.conf"], (
    "copy tasks come in file-name order"
)
### BEGIN HIDDEN TESTS
assert all(type(t[m]["mode"]) is str for t in tasks for m in t if m != "name"), "modes are strings like '0644'"
assert tasks[3]["ansible.builtin.copy"]["content"] == "" and tasks[2]["ansible.builtin.copy"]["content"] == "X=ü\n"
assert files == {"z.conf": "", "a.conf": "a=1\n", "m.env": "X=ü\n"} and list(files) == ["z.conf", "a.conf", "m.env"]
assert config_playbook("x", {}, "/srv")[0]["tasks"] == [
    {"name": "folder /srv/x", "ansible.builtin.file": {"path": "/srv/x", "state": "directory", "mode": "0755"}}
]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad_app in ("API", "-api", "9api", "a_b", "", "api "):
    try:
        config_playbook(bad_app, {}, "/srv")
    except ValueError:
        pass
    else:
        raise AssertionError(f"app name {bad_app!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad_file in ("etc/passwd", "..", ".", "/abs"):
    try:
        config_playbook("api", {"ok.conf": "", bad_file: ""}, "/srv")
    except ValueError:
        pass
    else:
        raise AssertionError(f"file name {bad_file!r} must raise ValueError")
assert config_playbook("a", {".env": "", "..x": ""}, "/r")[0]["tasks"][1]["name"] == "write ..x", "'..x' is a plain name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder = WORK / "playbook-check"
folder.mkdir(exist_ok=True)
(folder / "site.yml").write_text(yaml.safe_dump(config_playbook("api", {"app.ini": "port=1\n"}, str(folder))), encoding="utf-8")
checked = ansible("playbook", "--syntax-check", "-i", "localhost,", "site.yml", cwd=folder)
assert checked.returncode == 0, f"ansible-playbook --syntax-check refused the playbook:\n{checked.stdout}{checked.stderr}"

# %% course={"kind": "wrong", "id": "numeric-modes"}
def config_playbook(app, files, root):
    if not re.fullmatch(r"[a-z][a-z0-9-]*", app):
        raise ValueError(app)
    for name in files:
        if "/" in name or name in (".", ".."):
            raise ValueError(name)
    folder = f"{root}/{app}"
    tasks = [{"name": f"folder {folder}", "ansible.builtin.file": {"path": folder, "state": "directory", "mode": 755}}]
    for name, text in sorted(files.items()):
        tasks.append({"name": f"write {name}", "ansible.builtin.copy": {"dest": f"{folder}/{name}", "content": text, "mode": 644}})
    return [{"name": f"configure {app}", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]

# %% course={"kind": "wrong", "id": "dict-order"}
def config_playbook(app, files, root):
    if not re.fullmatch(r"[a-z][a-z0-9-]*", app):
        raise ValueError(app)
    for name in files:
        if "/" in name or name in (".", ".."):
            raise ValueError(name)
    folder = f"{root}/{app}"
    tasks = [{"name": f"folder {folder}", "ansible.builtin.file": {"path": folder, "state": "directory", "mode": "0755"}}]
    for name, text in files.items():  # the caller's order, not the file names'
        tasks.append({"name": f"write {name}", "ansible.builtin.copy": {"dest": f"{folder}/{name}", "content": text, "mode": "0644"}})
    return [{"name": f"configure {app}", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]

# %% course={"kind": "wrong", "id": "re-match-not-fullmatch"}
def config_playbook(app, files, root):
    if not re.match(r"[a-z][a-z0-9-]*", app):  # accepts "api " and "a_b": only the start must match
        raise ValueError(app)
    for name in files:
        if "/" in name or name in (".", ".."):
            raise ValueError(name)
    folder = f"{root}/{app}"
    tasks = [{"name": f"folder {folder}", "ansible.builtin.file": {"path": folder, "state": "directory", "mode": "0755"}}]
    for name, text in sorted(files.items()):
        tasks.append({"name": f"write {name}", "ansible.builtin.copy": {"dest": f"{folder}/{name}", "content": text, "mode": "0644"}})
    return [{"name": f"configure {app}", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]

# %% [markdown] course={"kind": "exercise", "id": "env-module", "item": "x-write-a-custom-ansible-module"}
# ### A custom module: one variable in an env file
#
# Write the Ansible module `env_var` as the function `main()`: it makes sure a file of `KEY=value` lines
# holds one variable, like `lineinfile` but for env files. Arguments: `path` (type `path`, required), `key`
# (`str`, required), `value` (`str`, required when `state` is `present`), `state` (`present` (default) or
# `absent`).
#
# - `present`: the first line starting with `KEY=` becomes `KEY=value`; later `KEY=` lines are removed; if
#   there is none, `KEY=value` is appended. `absent`: every `KEY=` line is removed. Other lines stay as they
#   are, in order. A missing file counts as empty; the file is written (each line ending in `\n`) only when
#   something changed.
# - Answer with `exit_json(changed=..., previous=...)`: `changed` says whether the file differs, `previous`
#   is the old value of the first `KEY=` line (`None` if there was none).
# - Support **check mode**: report what would change, write nothing.
# - `fail_json(msg=...)` for a key that is not letters, digits and `_` (not starting with a digit).
#
# ```python
# >>> run_module(main, {"path": "/tmp/app.env", "key": "PORT", "value": "8080"})   # file was "PORT=80\n"
# {'changed': True, 'previous': '80', 'invocation': {...}}
# ```
#
# `run_module` (setup cell) runs your `main()` the way Ansible does: the arguments arrive as JSON and the
# answer leaves as JSON. A module is one file: the last test writes this whole cell to `library/env_var.py`,
# runs it as `python env_var.py args.json`, then through Ansible itself (`ansible localhost -m env_var`),
# so import what you need inside this cell.

# %% [markdown] course={"kind": "hint"}
# `AnsibleModule(argument_spec=..., required_if=[("state", "present", ["value"])], supports_check_mode=True)`
# checks the arguments for you; `module.params` holds them and `module.check_mode` says whether to write.

# %% [markdown] course={"kind": "hint"}
# Build the new list of lines, compare it with the old one: that comparison *is* `changed`. Match
# `line.startswith(key + "=")`, not `startswith(key)`: `PORTS=...` is not the variable `PORT`.

# %% course={"kind": "solution"}
import re

from ansible.module_utils.basic import AnsibleModule


def main() -> None:
    ### BEGIN SOLUTION
    module = AnsibleModule(
        argument_spec={
            "path": {"type": "path", "required": True},
            "key": {"type": "str", "required": True},
            "value": {"type": "str"},
            "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        },
        required_if=[("state", "present", ["value"])],
        supports_check_mode=True,
    )
    path, key, state = module.params["path"], module.params["key"], module.params["state"]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        module.fail_json(msg=f"invalid key {key!r}: use letters, digits and _, not starting with a digit")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    prefix = key + "="
    previous = None
    new_lines = []
    for line in lines:
        if not line.startswith(prefix):
            new_lines.append(line)
        elif previous is None:
            previous = line[len(prefix) :]
            if state == "present":
                new_lines.append(prefix + module.params["value"])
    if state == "present" and previous is None:
        new_lines.append(prefix + module.params["value"])
    changed = new_lines != lines
    if changed and not module.check_mode:
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in new_lines))
    module.exit_json(changed=changed, previous=previous)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
env = WORK / "module-t1.env"
env.unlink(missing_ok=True)
first = run_module(main, {"path": str(env), "key": "PORT", "value": "8080"})
assert first["changed"] is True and env.read_text(encoding="utf-8") == "PORT=8080\n", "a missing file gets the line"
again = run_module(main, {"path": str(env), "key": "PORT", "value": "8080"})
assert again["changed"] is False, "a second run with the same arguments changes nothing (idempotency)"

# %% course={"kind": "test", "points": 2}
env = WORK / "module-t2.env"
env.write_text("PORTS=1-2\nPORT=80\nHOST=a\nPORT=81\n", encoding="utf-8")
answer = run_module(main, {"path": str(env), "key": "PORT", "value": "8080"})
assert env.read_text(encoding="utf-8") == "PORTS=1-2\nPORT=8080\nHOST=a\n", (
    "the first PORT= line is replaced in place, the later one removed, PORTS= left alone"
)
assert answer["changed"] is True and answer["previous"] == "80", "previous is the old value of the first PORT= line"
### BEGIN HIDDEN TESTS
env.write_text("URL=http://x/?a=b\nEMPTY=\n# comment\n\nLAST=1", encoding="utf-8")
assert run_module(main, {"path": str(env), "key": "URL", "value": "http://x/?a=b"}) == {
    "changed": False,
    "previous": "http://x/?a=b",
    "invocation": {"module_args": {"path": str(env), "key": "URL", "value": "http://x/?a=b", "state": "present"}},
}, "a value containing '=' is compared whole"
assert env.read_text(encoding="utf-8") == "URL=http://x/?a=b\nEMPTY=\n# comment\n\nLAST=1", "unchanged: not rewritten"
assert run_module(main, {"path": str(env), "key": "EMPTY", "value": ""}) == {
    "changed": False,
    "previous": "",
    "invocation": {"module_args": {"path": str(env), "key": "EMPTY", "value": "", "state": "present"}},
}, "an empty value is a value: EMPTY= is already as declared"
assert run_module(main, {"path": str(env), "key": "NEW", "value": "ü x"})["previous"] is None
assert env.read_text(encoding="utf-8").endswith("LAST=1\nNEW=ü x\n"), "a new key is appended at the end"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
env = WORK / "module-t3.env"
env.write_text("A=1\nB=2\n", encoding="utf-8")
dry = run_module(main, {"path": str(env), "key": "B", "value": "3"}, check_mode=True)
assert dry["changed"] is True and env.read_text(encoding="utf-8") == "A=1\nB=2\n", (
    "check mode reports the change but writes nothing"
)
### BEGIN HIDDEN TESTS
assert run_module(main, {"path": str(env), "key": "A", "state": "absent"}, check_mode=True)["changed"] is True
assert env.read_text(encoding="utf-8") == "A=1\nB=2\n"
gone = run_module(main, {"path": str(env), "key": "A", "state": "absent"})
assert (gone["changed"], gone["previous"], env.read_text(encoding="utf-8")) == (True, "1", "B=2\n")
assert run_module(main, {"path": str(env), "key": "A", "state": "absent"})["changed"] is False
env.write_text("A=1\nA=2\n", encoding="utf-8")
assert run_module(main, {"path": str(env), "key": "A", "state": "absent"})["changed"] is True
assert env.read_text(encoding="utf-8") == "", "absent removes every A= line"
missing = WORK / "module-t3-missing.env"
missing.unlink(missing_ok=True)
assert run_module(main, {"path": str(missing), "key": "A", "state": "absent"})["changed"] is False
assert run_module(main, {"path": str(missing), "key": "A", "value": "1"}, check_mode=True)["changed"] is True
assert not missing.exists(), "neither absent on a missing file nor check mode creates it"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
env = WORK / "module-t4.env"
env.write_text("A=1\n", encoding="utf-8")
for bad in ("9LIVES", "A-B", "", "A=B", "Ä"):
    answer = run_module(main, {"path": str(env), "key": bad, "value": "x"})
    assert answer.get("failed") is True and bad in answer["msg"], f"key {bad!r} must fail with a message naming it"
assert env.read_text(encoding="utf-8") == "A=1\n", "a failed run writes nothing"
### BEGIN HIDDEN TESTS
assert run_module(main, {"path": str(env), "key": "_ok9", "value": "x"})["changed"] is True
answer = run_module(main, {"path": str(env), "key": "B"})
assert answer.get("failed") is True and "value" in answer["msg"], "state=present without a value must fail"
assert run_module(main, {"path": str(env), "key": "B", "value": "1", "state": "gone"}).get("failed") is True
for needed in ("path", "key"):
    partial = {k: v for k, v in {"path": str(env), "key": "B", "value": "1"}.items() if k != needed}
    answer = run_module(main, partial)
    assert answer.get("failed") is True and needed in answer["msg"], f"{needed} is a required argument"
env.write_text("A=1\n", encoding="utf-8")
args = WORK / "module-args.json"
args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": {"path": str(env), "key": "A", "value": "2"}}), encoding="utf-8")
(WORK / "library").mkdir(exist_ok=True)
script = module_file(main, WORK / "library" / "env_var.py")
done = subprocess.run([sys.executable, str(script), str(args)], capture_output=True, text=True, timeout=120)
assert done.returncode == 0, f"the module file failed on its own: {done.stdout}{done.stderr}"
assert json.loads(done.stdout)["changed"] is True and env.read_text(encoding="utf-8") == "A=2\n"
module_args = json.dumps({"path": str(env), "key": "B", "value": "ü"})
adhoc = ["localhost", "-c", "local", "-i", "localhost,", "-M", "library", "-m", "env_var", "-a", module_args]
done = ansible("adhoc", *adhoc, cwd=WORK)  # and once through Ansible itself
assert done.stdout.startswith("localhost | CHANGED"), f"ansible localhost -m env_var: {done.stdout}{done.stderr}"
assert env.read_text(encoding="utf-8") == "A=2\nB=ü\n"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "always-changed"}
import re

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec={
            "path": {"type": "path", "required": True},
            "key": {"type": "str", "required": True},
            "value": {"type": "str"},
            "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        },
        required_if=[("state", "present", ["value"])],
        supports_check_mode=True,
    )
    path, key, state = module.params["path"], module.params["key"], module.params["state"]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        module.fail_json(msg=f"invalid key {key!r}")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    old = [line for line in lines if line.startswith(key + "=")]
    lines = [line for line in lines if not line.startswith(key + "=")]
    if state == "present":
        lines.append(f"{key}={module.params['value']}")  # moves the line to the end, and always "changes"
    if not module.check_mode:
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
    module.exit_json(changed=True, previous=old[0].split("=", 1)[1] if old else None)

# %% course={"kind": "wrong", "id": "ignores-check-mode"}
import re

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec={
            "path": {"type": "path", "required": True},
            "key": {"type": "str", "required": True},
            "value": {"type": "str"},
            "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        },
        required_if=[("state", "present", ["value"])],
        supports_check_mode=True,
    )
    path, key, state = module.params["path"], module.params["key"], module.params["state"]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        module.fail_json(msg=f"invalid key {key!r}")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    prefix, previous, new_lines = key + "=", None, []
    for line in lines:
        if not line.startswith(prefix):
            new_lines.append(line)
        elif previous is None:
            previous = line[len(prefix) :]
            if state == "present":
                new_lines.append(prefix + module.params["value"])
    if state == "present" and previous is None:
        new_lines.append(prefix + module.params["value"])
    changed = new_lines != lines
    if changed:  # writes in check mode too: a --check run changes the server
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in new_lines))
    module.exit_json(changed=changed, previous=previous)

# %% course={"kind": "wrong", "id": "prefix-without-equals"}
import re

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec={
            "path": {"type": "path", "required": True},
            "key": {"type": "str", "required": True},
            "value": {"type": "str"},
            "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        },
        required_if=[("state", "present", ["value"])],
        supports_check_mode=True,
    )
    path, key, state = module.params["path"], module.params["key"], module.params["state"]
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        module.fail_json(msg=f"invalid key {key!r}")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    previous, new_lines = None, []
    for line in lines:
        if not line.startswith(key):  # PORTS=... counts as PORT
            new_lines.append(line)
        elif previous is None:
            previous = line.split("=", 1)[1]
            if state == "present":
                new_lines.append(f"{key}={module.params['value']}")
    if state == "present" and previous is None:
        new_lines.append(f"{key}={module.params['value']}")
    changed = new_lines != lines
    if changed and not module.check_mode:
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in new_lines))
    module.exit_json(changed=changed, previous=previous)

# %% [markdown] course={"kind": "exercise", "id": "inventory-script", "item": "x-create-a-dynamic-inventory-script"}
# ### A dynamic inventory script
#
# Ansible runs an inventory script as `inventory.py --list` and reads one JSON object: each group name maps
# to `{"hosts": [...]}`, and `_meta.hostvars` maps every host to its variables (without `_meta`, Ansible
# would call `inventory.py --host NAME` once per host). Write:
#
# - `inventory(machines)`: `machines` is an iterable (maybe a generator) of dicts with `name`, `ip`, `role`,
#   `env`, `state`. Only machines whose `state` is `"running"` count. One group per role (`"web"`), one per
#   environment named `"env_<env>"` (`"env_prod"`), host names sorted in each; `_meta.hostvars[name]` is
#   `{"ansible_host": ip, "role": role, "env": env}`. Two running machines with one name: `ValueError`.
# - `cli(argv, machines)`: returns the text to print: for `["--list"]` the inventory as JSON; for
#   `["--host", name]` that host's variables as JSON (`{}` for an unknown host); for anything else raise
#   `SystemExit` with a usage message.
#
# ```python
# >>> inventory([{"name": "web1", "ip": "10.0.0.11", "role": "web", "env": "prod", "state": "running"}])
# {'web': {'hosts': ['web1']}, 'env_prod': {'hosts': ['web1']},
#  '_meta': {'hostvars': {'web1': {'ansible_host': '10.0.0.11', 'role': 'web', 'env': 'prod'}}}}
# ```
#
# The last test writes this cell as a real script and asks the real `ansible-inventory --list` what it sees.

# %% [markdown] course={"kind": "hint"}
# Collect the running machines into `hostvars` first (that is where a duplicate shows), then build the
# groups from `hostvars`, and sort each group's list at the end.

# %% [markdown] course={"kind": "hint"}
# `groups.setdefault(role, {"hosts": []})["hosts"].append(name)`; iterate `machines` only once: a
# generator cannot be read twice.

# %% course={"kind": "solution"}
def inventory(machines: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    hostvars: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, list[str]]] = {}
    for machine in machines:
        if machine["state"] != "running":
            continue
        name = machine["name"]
        if name in hostvars:
            raise ValueError(f"two running machines are called {name!r}")
        hostvars[name] = {"ansible_host": machine["ip"], "role": machine["role"], "env": machine["env"]}
        for group in (machine["role"], "env_" + machine["env"]):
            groups.setdefault(group, {"hosts": []})["hosts"].append(name)
    for members in groups.values():
        members["hosts"].sort()
    return {**groups, "_meta": {"hostvars": hostvars}}
    ### END SOLUTION


def cli(argv: list[str], machines: Iterable[Mapping[str, str]]) -> str:
    ### BEGIN SOLUTION
    if argv == ["--list"]:
        return json.dumps(inventory(machines))
    if len(argv) == 2 and argv[0] == "--host":
        return json.dumps(inventory(machines)["_meta"]["hostvars"].get(argv[1], {}))
    raise SystemExit("usage: inventory.py --list | --host NAME")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
found = inventory(FLEET)
assert found["web"] == {"hosts": ["web1", "web2"]}, "group web: the running web machines, sorted (web9 is stopped)"
assert found["_meta"]["hostvars"]["db1"] == {"ansible_host": "10.0.0.21", "role": "db", "env": "prod"}, (
    "_meta.hostvars holds every host's variables"
)

# %% course={"kind": "test", "points": 2}
assert inventory(FLEET) == {
    "web": {"hosts": ["web1", "web2"]},
    "db": {"hosts": ["db1"]},
    "env_prod": {"hosts": ["db1", "web2"]},
    "env_staging": {"hosts": ["web1"]},
    "_meta": {
        "hostvars": {
            "web2": {"ansible_host": "10.0.0.12", "role": "web", "env": "prod"},
            "db1": {"ansible_host": "10.0.0.21", "role": "db", "env": "prod"},
            "web1": {"ansible_host": "10.0.0.11", "role": "web", "env": "staging"},
        }
    },
}, "groups per role and per env_<env>, and hostvars for the running machines only"
### BEGIN HIDDEN TESTS
assert inventory(iter(FLEET)) == inventory(FLEET), "a generator of machines works too"
assert inventory([]) == {"_meta": {"hostvars": {}}} and inventory(iter([])) == {"_meta": {"hostvars": {}}}
only_stopped = [dict(FLEET[0], state="Running"), dict(FLEET[1], state="")]
assert inventory(only_stopped) == {"_meta": {"hostvars": {}}}, "only the state 'running' counts"
twins = FLEET + [dict(FLEET[0], ip="10.9.9.9")]
try:
    inventory(twins)
except ValueError:
    pass
else:
    raise AssertionError("two running machines with one name must raise ValueError")
assert inventory(FLEET + [dict(FLEET[0], state="stopped")])["web"] == {"hosts": ["web1", "web2"]}, (
    "a stopped twin of a running machine is not a duplicate"
)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert json.loads(cli(["--list"], FLEET)) == inventory(FLEET), "--list prints the inventory as JSON"
assert json.loads(cli(["--host", "web1"], FLEET)) == {"ansible_host": "10.0.0.11", "role": "web", "env": "staging"}
### BEGIN HIDDEN TESTS
assert type(cli(["--list"], FLEET)) is str and cli(["--host", "web9"], FLEET) == "{}"
for argv in ([], ["--host"], ["--list", "x"], ["--hosts", "web1"], ["list"]):
    try:
        cli(argv, FLEET)
    except SystemExit as stop:
        assert "usage" in str(stop.code), "the SystemExit carries a usage message"
    else:
        raise AssertionError(f"{argv} must raise SystemExit")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
script = WORK / "inventory-check" / "inventory.py"
script.parent.mkdir(exist_ok=True)
header = "import json\nimport sys\nfrom collections.abc import Iterable, Mapping\nfrom typing import Any\n"
tail = f"\nprint(cli(sys.argv[1:], {FLEET!r}))\n"
script.write_text(f"#!{sys.executable}\n{header}{cell_source(cli)}{tail}", encoding="utf-8")
script.chmod(0o755)
seen = ansible("inventory", "-i", "inventory.py", "--list", cwd=script.parent)
assert seen.returncode == 0, f"ansible-inventory failed:\n{seen.stdout}{seen.stderr}"
view = json.loads(seen.stdout)
assert (view["web"], view["env_prod"]) == ({"hosts": ["web1", "web2"]}, {"hosts": ["db1", "web2"]}), view
assert view["_meta"]["hostvars"]["web2"] == {"ansible_host": "10.0.0.12", "role": "web", "env": "prod"}, view

# %% course={"kind": "wrong", "id": "no-meta"}
def inventory(machines):
    groups = {}
    for m in machines:
        if m["state"] == "running":
            for group in (m["role"], "env_" + m["env"]):
                groups.setdefault(group, {"hosts": []})["hosts"].append(m["name"])
    for members in groups.values():
        members["hosts"].sort()
    return groups  # no _meta: Ansible must call --host for every host


def cli(argv, machines):
    machines = list(machines)
    if argv == ["--list"]:
        return json.dumps(inventory(machines))
    if len(argv) == 2 and argv[0] == "--host":
        for m in machines:
            if m["name"] == argv[1] and m["state"] == "running":
                return json.dumps({"ansible_host": m["ip"], "role": m["role"], "env": m["env"]})
        return "{}"
    raise SystemExit("usage: inventory.py --list | --host NAME")

# %% course={"kind": "wrong", "id": "stopped-included"}
def inventory(machines):
    hostvars, groups = {}, {}
    for m in machines:  # every machine, running or not
        if m["name"] in hostvars:
            raise ValueError(m["name"])
        hostvars[m["name"]] = {"ansible_host": m["ip"], "role": m["role"], "env": m["env"]}
        for group in (m["role"], "env_" + m["env"]):
            groups.setdefault(group, {"hosts": []})["hosts"].append(m["name"])
    for members in groups.values():
        members["hosts"].sort()
    return {**groups, "_meta": {"hostvars": hostvars}}


def cli(argv, machines):
    if argv == ["--list"]:
        return json.dumps(inventory(machines))
    if len(argv) == 2 and argv[0] == "--host":
        return json.dumps(inventory(machines)["_meta"]["hostvars"].get(argv[1], {}))
    raise SystemExit("usage: inventory.py --list | --host NAME")

# %% course={"kind": "wrong", "id": "unsorted-hosts"}
def inventory(machines):
    hostvars, groups = {}, {}
    for m in machines:
        if m["state"] != "running":
            continue
        if m["name"] in hostvars:
            raise ValueError(m["name"])
        hostvars[m["name"]] = {"ansible_host": m["ip"], "role": m["role"], "env": m["env"]}
        for group in (m["role"], "env_" + m["env"]):
            groups.setdefault(group, {"hosts": []})["hosts"].append(m["name"])  # in the order the API listed them
    return {**groups, "_meta": {"hostvars": hostvars}}


def cli(argv, machines):
    if argv == ["--list"]:
        return json.dumps(inventory(machines))
    if len(argv) == 2 and argv[0] == "--host":
        return json.dumps(inventory(machines)["_meta"]["hostvars"].get(argv[1], {}))
    raise SystemExit("usage: inventory.py --list | --host NAME")

# %% [markdown] course={"kind": "lesson", "id": "fabric", "covers": ["c-fabric-for-ssh-automation", "c-connection-management", "c-running-commands", "c-file-transfers", "c-task-definitions"]}
# ### Fabric: Python functions that run over SSH
#
# Fabric (built on `paramiko`, a pure-Python SSH client, and `invoke`, a task runner) is the imperative end of
# the toolbox: you write Python that runs commands on remote machines and moves files, with loops, `if`s and
# error handling of your own. It is the right tool for an ordered procedure (drain, deploy, restart, check)
# on a few hosts; Ansible is better at keeping many hosts in a declared state.
#
# - **Connection management**: `Connection(host, user=, port=, connect_kwargs={"key_filename": ...})` opens
#   lazily on first use and is closed by `close()` or a `with` block. Reuse one connection for many commands
#   (each new connection is a TCP + key exchange handshake). Check host keys: a `known_hosts` entry, never
#   `AutoAddPolicy` in production (it trusts whatever answers).
# - **Running commands**: `conn.run(cmd, hide=True)` returns a `Result` with `.stdout`, `.stderr`,
#   `.exited` and `.ok`. A non-zero exit raises `UnexpectedExit` unless you pass `warn=True`, after which
#   checking `.exited` is your job. Commands go through the remote shell: quote paths with `shlex.quote`.
# - **File transfers**: `conn.put(local, remote)` and `conn.get(remote, local)` use SFTP on the same
#   connection; relative remote paths are relative to the login folder.
# - **Task definitions**: `@task def deploy(c): ...` in a `fabfile.py` makes it runnable as
#   `fab -H web1,web2 deploy`; `SerialGroup`/`ThreadingGroup` run one command on many hosts and return a
#   `GroupResult` (a dict from connection to result, with `.failed`). Keep the logic in plain functions that
#   take a `Connection`: those you can call from a task, a test or a notebook alike.
#
# The hosts here are real SSH servers on 127.0.0.1 (`ssh_hosts` from the setup cell), each with its own
# folder, stopped when the block ends. The mistake people make: forgetting that `run` raises on a non-zero
# exit, or catching it and then ignoring `.exited`, so a failed step looks like success.

# %% course={"kind": "demo"}
from fabric import SerialGroup

upload = WORK / "motd.txt"
upload.write_text("deployed by the course\n", encoding="utf-8")
with ssh_hosts("web1", "web2") as (web1, web2), web1.connect() as conn:
    result = conn.run("echo running on $COURSE_HOST; uname -s", hide=True)
    print("stdout:", result.stdout.strip().splitlines(), "exit:", result.exited)
    try:
        conn.run("ls /no/such/folder", hide=True)
    except Exception as failure:  # invoke's UnexpectedExit, which carries the result
        print(type(failure).__name__, "exit", failure.result.exited)
    print("with warn=True:", conn.run("ls /no/such/folder", hide=True, warn=True).exited)
    conn.put(str(upload), "motd.txt")  # SFTP: relative to the login folder
    print("remote file:", conn.run("cat motd.txt", hide=True).stdout.strip())
    conn.get("motd.txt", str(WORK / "motd-back.txt"))
    print("fetched back:", (WORK / "motd-back.txt").read_text(encoding="utf-8").strip())
    (web2.root / "maintenance").touch()  # web2 is in maintenance
    group = SerialGroup.from_connections([conn, web2.connect()])
    results = group.run("test ! -f maintenance && echo ready", hide=True, warn=True)  # {Connection: Result}
    name_of = {web1.port: "web1", web2.port: "web2"}  # both hosts are 127.0.0.1: the port tells them apart
    for connection, outcome in sorted(results.items(), key=lambda item: name_of[item[0].port]):
        print(name_of[connection.port], "exit", outcome.exited, outcome.stdout.strip() or "-")
    group.close()

# %% [markdown] course={"kind": "exercise", "id": "fabric-deploy", "item": "x-use-fabric-for-remote-operations"}
# ### Deploy a file and check it, over SSH
#
# Write `deploy(conn, local, remote_dir, check)`: with the Fabric connection `conn`,
#
# 1. create the folder `remote_dir` on the host if it is missing (with its parents);
# 2. upload the local file `local` (a `Path`) into it under the same name;
# 3. run the shell command `check` **inside** `remote_dir`;
# 4. if `check` exits non-zero: delete the uploaded file and raise `DeployError` (given) with a message
#    containing the exit code and the check's stderr; otherwise return the check's stdout.
#
# Folder names may contain spaces: quote them for the shell (`shlex.quote`). Print nothing: the host's output
# belongs in the return value or the error, not on the screen (`hide=True`).
#
# ```python
# >>> deploy(conn, Path("app.conf"), "releases/v1", "grep -q ^port= app.conf && echo ok")
# 'ok\n'
# ```

# %% [markdown] course={"kind": "hint"}
# `conn.run(..., hide=True, warn=True)` returns the result even when the command fails; look at
# `result.ok` / `result.exited` yourself.

# %% [markdown] course={"kind": "hint"}
# `folder = shlex.quote(remote_dir)`; `conn.run(f"mkdir -p {folder}")`, `conn.put(str(local),
# f"{remote_dir}/{local.name}")`, then `conn.run(f"cd {folder} && {check}", ...)`.

# %% course={"kind": "solution", "equivalent": {"m-706411eb": "rm -f of the file just uploaded prints nothing: it cannot fail here"}}
import shlex


class DeployError(Exception):
    """A deployment step failed on the host."""


def deploy(conn: Any, local: Path, remote_dir: str, check: str) -> str:
    ### BEGIN SOLUTION
    folder = shlex.quote(remote_dir)
    conn.run(f"mkdir -p {folder}", hide=True)
    target = f"{remote_dir}/{local.name}"
    conn.put(local, target)
    result = conn.run(f"cd {folder} && {check}", hide=True, warn=True)
    if not result.ok:
        conn.run(f"rm -f {shlex.quote(target)}", hide=True)
        raise DeployError(f"check {check!r} failed with exit {result.exited}: {result.stderr.strip()}")
    return result.stdout
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
conf = WORK / "app.conf"
conf.write_text("port=8080\nname=café\n", encoding="utf-8")
with ssh_host("web1") as host, host.connect() as conn:
    out = deploy(conn, conf, "releases/v1", "grep -q ^port= app.conf && echo ok")
    assert out == "ok\n", "deploy returns the check's stdout"
    assert (host.root / "releases/v1/app.conf").read_text(encoding="utf-8") == "port=8080\nname=café\n", (
        "the file is uploaded into the folder, under its own name"
    )

# %% course={"kind": "test", "points": 2}
conf = WORK / "app.conf"
conf.write_text("port=8080\nname=café\n", encoding="utf-8")
with ssh_host("web1") as host, host.connect() as conn:
    try:
        deploy(conn, conf, "releases/v2", "echo 'no listen line' >&2; exit 3")
    except DeployError as error:
        assert "3" in str(error) and "no listen line" in str(error), f"the message names exit and stderr: {error}"
    else:
        raise AssertionError("a failing check must raise DeployError")
    assert (host.root / "releases/v2").is_dir() and not (host.root / "releases/v2/app.conf").exists(), (
        "a file that failed its check is removed again"
    )
### BEGIN HIDDEN TESTS
    try:
        deploy(conn, conf, "releases/v3", "exit 42")
    except DeployError as error:
        assert "42" in str(error)
    else:
        raise AssertionError("exit 42 must raise DeployError")
    assert deploy(conn, conf, "releases/v1", "true") == "", "an empty stdout is returned as ''"
    assert deploy(conn, conf, "releases/v1", "pwd").strip() == str(host.root / "releases/v1"), "check runs inside"
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
        deploy(conn, conf, "releases/v4", "echo out; echo err >&2")
        try:
            deploy(conn, conf, "releases/v5", "echo out; echo err >&2; exit 1")
        except DeployError:
            pass
        (host.root / "blocker").write_text("a file where a folder must go\n", encoding="utf-8")
        try:
            deploy(conn, conf, "blocker/v6", "true")  # mkdir -p fails: any error, but nothing printed
        except Exception:
            pass
        else:
            raise AssertionError("deploying under a file must fail: mkdir -p cannot make the folder")
    assert shown.getvalue() == "", f"deploy prints nothing, not even a failing mkdir's error: {shown.getvalue()!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
spaced = WORK / "my app.conf"
spaced.write_text("port=1\n", encoding="utf-8")
with ssh_host("web1") as host, host.connect() as conn:
    assert deploy(conn, spaced, "my releases/v 1", "cat 'my app.conf'") == "port=1\n", "folder names with spaces work"
    assert (host.root / "my releases" / "v 1" / "my app.conf").exists()
### BEGIN HIDDEN TESTS
    try:
        deploy(conn, spaced, "my releases/v 2", "exit 1")
    except DeployError:
        pass
    assert not (host.root / "my releases" / "v 2" / "my app.conf").exists(), "the failed file is removed, spaces or not"
    assert (host.root / "my releases" / "v 2").is_dir()
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-warn"}
import shlex


class DeployError(Exception):
    """A deployment step failed on the host."""


def deploy(conn, local, remote_dir, check):
    folder = shlex.quote(remote_dir)
    conn.run(f"mkdir -p {folder}", hide=True)
    conn.put(str(local), f"{remote_dir}/{local.name}")
    result = conn.run(f"cd {folder} && {check}", hide=True)  # raises UnexpectedExit, not DeployError
    return result.stdout

# %% course={"kind": "wrong", "id": "leaves-bad-file"}
import shlex


class DeployError(Exception):
    """A deployment step failed on the host."""


def deploy(conn, local, remote_dir, check):
    folder = shlex.quote(remote_dir)
    conn.run(f"mkdir -p {folder}", hide=True)
    conn.put(str(local), f"{remote_dir}/{local.name}")
    result = conn.run(f"cd {folder} && {check}", hide=True, warn=True)
    if not result.ok:
        raise DeployError(f"exit {result.exited}: {result.stderr}")  # the bad file stays live
    return result.stdout

# %% course={"kind": "wrong", "id": "unquoted-folder"}
import shlex


class DeployError(Exception):
    """A deployment step failed on the host."""


def deploy(conn, local, remote_dir, check):
    conn.run(f"mkdir -p {remote_dir}", hide=True)  # "my releases/v 1" makes two folders
    target = f"{remote_dir}/{local.name}"
    conn.put(str(local), target)
    result = conn.run(f"cd {remote_dir} && {check}", hide=True, warn=True)
    if not result.ok:
        conn.run(f"rm -f {target}", hide=True)
        raise DeployError(f"exit {result.exited}: {result.stderr}")
    return result.stdout

# %% [markdown] course={"kind": "exercise", "id": "fabric-fanout", "item": "x-use-fabric-for-remote-operations"}
# ### One command on every host, a result per host
#
# Write `run_everywhere(hosts, command)`: `hosts` maps a host name to a Fabric connection. Run `command` once
# on each host, in the order of `hosts`, and return a dict (same order) from host name to
# `(exit code, stdout with surrounding whitespace stripped)`. A host whose command fails does not stop the
# others. A host that cannot be reached at all (the connection raises `OSError` or
# `paramiko.SSHException`) gets `(255, "unreachable")`, as the `ssh` command exits with 255. Print nothing
# (`hide=True`): the results are the output.
#
# ```python
# >>> run_everywhere({"web1": c1, "web2": c2}, "test -f maintenance; echo $?")
# {'web1': (0, '1'), 'web2': (0, '0')}
# ```

# %% [markdown] course={"kind": "hint"}
# `warn=True` turns a failing command into a result with `.exited`; a refused connection still raises,
# from inside `run`, so wrap each host's call in its own `try`.

# %% course={"kind": "solution"}
import paramiko


def run_everywhere(hosts: Mapping[str, Any], command: str) -> dict[str, tuple[int, str]]:
    ### BEGIN SOLUTION
    results: dict[str, tuple[int, str]] = {}
    for name, conn in hosts.items():
        try:
            result = conn.run(command, hide=True, warn=True)
        except (OSError, paramiko.SSHException):
            results[name] = (255, "unreachable")
        else:
            results[name] = (result.exited, result.stdout.strip())
    return results
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ssh_hosts("web1", "web2") as (web1, web2), web1.connect() as c1, web2.connect() as c2:
    (web2.root / "maintenance").touch()
    got = run_everywhere({"web1": c1, "web2": c2}, "test ! -f maintenance && echo ready on $COURSE_HOST")
    assert got == {"web1": (0, "ready on web1"), "web2": (1, "")}, f"one (exit, stdout) per host: {got}"

# %% course={"kind": "test", "points": 2}
with ssh_hosts("a", "b", "c") as (a, b, c), a.connect() as ca, b.connect() as cb, c.connect() as cc:
    (a.root / "maintenance").touch()
    got = run_everywhere({"c": cc, "a": ca, "b": cb}, "test ! -f maintenance && echo '  up  '")
    assert list(got) == ["c", "a", "b"] and got["a"] == (1, "") and got["b"] == got["c"] == (0, "up"), (
        f"a failing host does not stop the others, and results keep the order of hosts: {got}"
    )
    assert a.commands == b.commands == c.commands == ["test ! -f maintenance && echo '  up  '"], "once per host"
### BEGIN HIDDEN TESTS
    assert run_everywhere({}, "true") == {}
    assert run_everywhere({"b": cb}, "printf 'ü\\n\\n'; exit 7") == {"b": (7, "ü")}
    assert type(run_everywhere({"b": cb}, "exit 0")["b"][0]) is int
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
        run_everywhere({"b": cb}, "echo out; echo err >&2")
    assert shown.getvalue() == "", f"run_everywhere prints nothing: {shown.getvalue()!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with ssh_host("gone") as gone:
    lost = gone.connect()  # opens on first use: after the host stopped
with ssh_host("live") as live, live.connect() as alive:
    got = run_everywhere({"gone": lost, "live": alive}, "echo hi")
    assert got == {"gone": (255, "unreachable"), "live": (0, "hi")}, f"an unreachable host is reported, not raised: {got}"
lost.close()

# %% course={"kind": "wrong", "id": "raises-on-failure"}
import paramiko


def run_everywhere(hosts, command):
    results = {}
    for name, conn in hosts.items():
        try:
            result = conn.run(command, hide=True)  # UnexpectedExit on the first failing host
        except OSError:
            results[name] = (255, "unreachable")
        else:
            results[name] = (result.exited, result.stdout.strip())
    return results

# %% course={"kind": "wrong", "id": "unreachable-raises"}
import paramiko


def run_everywhere(hosts, command):
    results = {}
    for name, conn in hosts.items():
        result = conn.run(command, hide=True, warn=True)
        results[name] = (result.exited, result.stdout.strip())
    return results

# %% course={"kind": "wrong", "id": "stops-at-first-failure"}
import paramiko


def run_everywhere(hosts, command):
    results = {}
    for name, conn in hosts.items():
        try:
            result = conn.run(command, hide=True, warn=True)
        except (OSError, paramiko.SSHException):
            results[name] = (255, "unreachable")
            continue
        results[name] = (result.exited, result.stdout.strip())
        if not result.ok:
            break  # "stop the rollout": but the task asks for every host's result
    return results

# %% [markdown] course={"kind": "lesson", "id": "pulumi", "covers": ["c-pulumi-python-iac", "c-resources-and-providers", "c-stacks-and-configurations", "c-state-management-26979b", "c-python-native-iac"]}
# ### Pulumi: infrastructure as a Python program
#
# Pulumi lets you declare cloud resources with ordinary Python: a program creates resource objects, and the
# Pulumi engine (a separate CLI, not a pip package, so it is not installed in this course) compares them with
# the last recorded state and calls the cloud APIs to close the gap. The vocabulary:
#
# - **resource**: one thing in the cloud (`aws.s3.BucketV2("logs")`), with input properties; its outputs
#   (an ARN, an IP) are known only after it is created, so Pulumi hands them around as `Output` values;
# - **provider**: the plugin that knows one API (AWS, Kubernetes, ...) and does the create/update/delete calls;
# - **stack**: one deployed copy of the program (`dev`, `prod`), each with its own configuration file
#   `Pulumi.<stack>.yaml` (`pulumi config set replicas 3`, secrets encrypted) and its **own state**;
# - **state**: the engine's record of what it created, in a backend (Pulumi Cloud, an S3 bucket, a local
#   folder). `pulumi preview` diffs program against state and shows the plan; `pulumi up` applies it;
#   `pulumi refresh` re-reads the real cloud to find *drift* (changes made behind the tool's back).
#
# A Pulumi program looks like this (not run here: it needs the Pulumi CLI and a cloud account):
#
# ```python
# import pulumi
# import pulumi_aws as aws
#
# config = pulumi.Config()
# bucket = aws.s3.BucketV2("artifacts", tags={"env": pulumi.get_stack()})
# site = aws.s3.BucketWebsiteConfigurationV2("site", bucket=bucket.id, index_document={"suffix": "index.html"})
# pulumi.export("bucket_name", bucket.bucket)
# ```
#
# "Python-native" means loops, functions, classes and tests of plain Python build the desired state; the
# engine is still declarative: it never runs your program's steps against the cloud, it runs the *plan*.
# The one thing people get wrong: thinking the Python code executes the changes in the order it is written.
# The engine orders them by **dependencies** (`site` needs `bucket.id`, so the bucket comes first, and is
# deleted last). The demo does what every such engine does at its core, in a few lines of our own: diff the
# desired resources against the recorded state. (This is how Pulumi and Terraform plan, not Pulumi itself.)

# %% course={"kind": "demo"}
recorded = {"bucket": {"versioning": False}, "old-queue": {"fifo": True}}
wanted = {"bucket": {"versioning": True}, "site": {"index": "index.html"}}
for name in sorted(wanted.keys() | recorded.keys()):
    if name not in recorded:
        print(f"+ create {name} {wanted[name]}")
    elif name not in wanted:
        print(f"- delete {name}")
    elif wanted[name] != recorded[name]:
        print(f"~ update {name} {recorded[name]} -> {wanted[name]}")

# %% [markdown] course={"kind": "exercise", "id": "plan-changes"}
# ### Plan changes like an IaC engine
#
# (This is the core of how Terraform and Pulumi plan, written in plain Python; it is not Pulumi itself.)
#
# Write `plan(desired, current)`: both map a resource name to a `Resource(kind, props, depends_on)` (a frozen
# dataclass, given). Return the list of steps `(action, name)` that turns `current` into `desired`:
#
# - `("create", name)` for a resource only in `desired`; `("update", name)` for one in both that differs in
#   anything (kind, props or dependencies); nothing for one that is identical;
# - creates and updates first, in **dependency order** of `desired`: a resource comes after every resource it
#   depends on; among the resources that are ready, the alphabetically first goes first;
# - then `("delete", name)` for every resource only in `current`, in exactly the **reverse** of the order in
#   which `current`'s resources would be created (dependents are deleted before what they depend on);
# - raise `ValueError` when a resource depends on a name missing from its own mapping, or on a cycle; its
#   message contains the names that cannot be placed as a sorted list, so that it reads the same on every run
#   (`ValueError: undeclared or cyclic dependencies among ['alpha', 'beta']`);
# - do not change `desired` or `current`.
#
# ```python
# >>> plan({"vpc": Resource("network", {}), "app": Resource("vm", {"size": 2}, ("vpc",))}, {})
# [('create', 'vpc'), ('create', 'app')]
# ```

# %% [markdown] course={"kind": "hint"}
# Write a helper that orders one mapping: repeatedly pick, from the resources whose dependencies are all
# already placed, the alphabetically first. If none is ready while some remain, there is a cycle.

# %% [markdown] course={"kind": "hint"}
# Walk `order(desired)` for creates and updates; walk `reversed(order(current))` for deletes.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class Resource:
    """One declared resource: its kind, its input properties and the names it depends on."""

    kind: str
    props: Mapping[str, Any] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()


def plan(desired: Mapping[str, Resource], current: Mapping[str, Resource]) -> list[tuple[str, str]]:
    ### BEGIN SOLUTION
    def order(resources: Mapping[str, Resource]) -> list[str]:
        placed: list[str] = []
        while len(placed) < len(resources):
            ready = [
                name
                for name, resource in resources.items()
                if name not in placed and all(d in placed for d in resource.depends_on)
            ]
            if not ready:
                stuck = sorted(set(resources) - set(placed))
                raise ValueError(f"undeclared or cyclic dependencies among {stuck}")
            placed.append(min(ready))
        return placed

    steps = []
    for name in order(desired):
        if name not in current:
            steps.append(("create", name))
        elif current[name] != desired[name]:
            steps.append(("update", name))
    for name in reversed(order(current)):
        if name not in desired:
            steps.append(("delete", name))
    return steps
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
net, vm = Resource("network", {"cidr": "10.0.0.0/16"}), Resource("vm", {"size": 2}, ("vpc",))
assert plan({"vpc": net, "app": vm}, {}) == [("create", "vpc"), ("create", "app")], (
    "app depends on vpc, so vpc is created first even though 'app' < 'vpc'"
)

# %% course={"kind": "test", "points": 2}
state = {"vpc": Resource("network", {"cidr": "10.0.0.0/16"}), "db": Resource("db", {"gb": 10}, ("vpc",))}
wanted = {"vpc": Resource("network", {"cidr": "10.0.0.0/16"}), "db": Resource("db", {"gb": 20}, ("vpc",))}
assert plan(wanted, state) == [("update", "db")], "only db differs: one update, nothing for the identical vpc"
### BEGIN HIDDEN TESTS
assert plan(state, state) == [] and plan({}, {}) == [], "nothing to do gives an empty plan"
moved = {"vpc": Resource("network", {"cidr": "10.0.0.0/16"}), "db": Resource("db", {"gb": 10})}
assert plan(moved, state) == [("update", "db")], "a changed dependency list is an update too"
kind = {"vpc": Resource("subnet", {"cidr": "10.0.0.0/16"}), "db": state["db"]}
assert plan(kind, state) == [("update", "vpc")], "a changed kind is an update too"
result = plan({"a": Resource("x")}, {})
assert type(result) is list and result == [("create", "a")] and type(result[0]) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
state = {
    "vpc": Resource("network"),
    "subnet": Resource("subnet", {}, ("vpc",)),
    "app": Resource("vm", {}, ("subnet",)),
    "zlog": Resource("bucket"),
}
assert plan({"vpc": Resource("network")}, state) == [("delete", "zlog"), ("delete", "app"), ("delete", "subnet")], (
    "deletes run in the reverse of the creation order vpc, subnet, app, zlog: dependents go first"
)
### BEGIN HIDDEN TESTS
assert plan({}, state) == [("delete", "zlog"), ("delete", "app"), ("delete", "subnet"), ("delete", "vpc")]
wanted = {"b": Resource("x", {}, ("c",)), "c": Resource("x"), "a": Resource("x", {}, ("c",)), "d": Resource("x")}
assert plan(wanted, {"old": Resource("x")}) == [
    ("create", "c"),
    ("create", "a"),
    ("create", "b"),
    ("create", "d"),
    ("delete", "old"),
], "among ready resources the alphabetically first goes first; deletes come after every create"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    plan({"app": Resource("vm", {}, ("vpc",))}, {})
except ValueError:
    pass
else:
    raise AssertionError("a dependency on an undeclared resource must raise ValueError")
### BEGIN HIDDEN TESTS
cycles = {"alpha": Resource("x", {}, ("beta",)), "beta": Resource("x", {}, ("alpha",)), "ok": Resource("x")}
ring = {"zeta": Resource("x", {}, ("mid",)), "ok": Resource("x"), "mid": Resource("x", {}, ("alpha",))}
ring["alpha"] = Resource("x", {}, ("zeta",))
for broken in (cycles, ring, {"self": Resource("x", {}, ("self",))}):
    for args in ((broken, {}), ({}, broken)):
        try:
            plan(*args)
        except ValueError as error:
            stuck = sorted(name for name in broken if name != "ok")
            assert repr(stuck) in str(error), f"the error names the stuck resources as the sorted list {stuck}: {error}"
        else:
            raise AssertionError(f"a dependency cycle must raise ValueError: {args}")
try:
    plan({}, {"app": Resource("vm", {}, ("gone",))})
except ValueError:
    pass
else:
    raise AssertionError("a recorded state with a dangling dependency must raise ValueError too")
desired = {"b": Resource("x", {"n": 1}, ("a",)), "a": Resource("x")}
current = {"a": Resource("x"), "z": Resource("x")}
before = (copy.deepcopy(desired), copy.deepcopy(current), list(desired), list(current))
plan(desired, current)
assert (desired, current, list(desired), list(current)) == before, "plan must not change its arguments"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "alphabetical-only"}
@dataclass(frozen=True)
class Resource:
    kind: str
    props: Mapping[str, Any] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()


def plan(desired, current):
    steps = []
    for name in sorted(desired):  # ignores dependencies
        if name not in current:
            steps.append(("create", name))
        elif current[name] != desired[name]:
            steps.append(("update", name))
    for name in sorted(current):
        if name not in desired:
            steps.append(("delete", name))
    return steps

# %% course={"kind": "wrong", "id": "deletes-forward"}
@dataclass(frozen=True)
class Resource:
    kind: str
    props: Mapping[str, Any] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()


def plan(desired, current):
    def order(resources):
        placed = []
        while len(placed) < len(resources):
            ready = [n for n, r in resources.items() if n not in placed and all(d in placed for d in r.depends_on)]
            if not ready:
                raise ValueError("cycle")
            placed.append(min(ready))
        return placed

    steps = [("create", n) for n in order(desired) if n not in current]
    steps += [("update", n) for n in order(desired) if n in current and current[n] != desired[n]]
    steps += [("delete", n) for n in order(current) if n not in desired]  # deletes what others still need first
    return steps

# %% [markdown] course={"kind": "lesson", "id": "templating", "covers": ["c-configuration-templating", "c-jinja2-templates", "c-dynamic-configuration-generation", "c-environment-specific-configs"]}
# ### Configuration templating with Jinja2
#
# Config files (nginx, systemd units, Prometheus rules, app `.ini`s) differ between environments only in a
# few values, so you keep **one template** and **values per environment**, and render. Jinja2 is the engine
# behind Ansible's `template` module, Helm-like tools and many Python generators: `{{ expr }}` prints,
# `{% for %}` / `{% if %}` control, filters transform (`{{ hosts | join(",") }}`, `{{ d | dictsort }}`).
#
# - **Environment-specific configs**: a base set of values plus an overlay per environment (`dev`, `prod`),
#   merged so the overlay wins; the merge must be *deep*, or an overlay that changes `db.host` loses `db.port`.
# - **Dynamic generation**: the values come from data (an inventory, a service catalogue), so adding a host
#   regenerates every config that lists hosts.
# - **Settings that matter for configs**: `undefined=StrictUndefined` (a missing value raises instead of
#   printing nothing), `keep_trailing_newline=True` (Jinja2 drops one final newline by default), autoescape
#   **off** (it is for HTML; in a config it would turn `&` into `&amp;`).
#
# The mistake people make: the default `Undefined`, which renders a typo as an empty string, so
# `listen {{ prot }};` becomes `listen ;` and the error surfaces only when the service fails to start.

# %% course={"kind": "demo"}
template = "upstream app {\n{% for host in hosts %}  server {{ host }}:{{ port }};\n{% endfor %}}\nlisten {{ prot }};\n"
values = {"hosts": ["10.0.0.11", "10.0.0.12"], "port": 8080}
print(jinja2.Environment().from_string(template).render(values))  # the typo `prot` renders as nothing
try:
    jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template).render(values)
except jinja2.UndefinedError as error:
    print("StrictUndefined:", error)
print(repr(jinja2.Environment().from_string("port = 1\n").render()), "vs",
      repr(jinja2.Environment(keep_trailing_newline=True).from_string("port = 1\n").render()))

# %% [markdown] course={"kind": "exercise", "id": "env-config", "item": "x-create-jinja2-templates-for-configs"}
# ### Render a config per environment
#
# Write `render_config(template, values, overlays, env)`:
#
# - merge `overlays[env]` into `values` **deeply**: where both hold a dict under one key, merge those dicts
#   the same way; otherwise the overlay's value wins (lists are replaced, not joined; `0`, `""`, `False` in
#   an overlay win too);
# - render `template` with the merged values plus the variable `env` (the environment's name), using
#   `StrictUndefined` (a missing value raises `jinja2.UndefinedError`), keeping the template's final newline,
#   without HTML escaping;
# - raise `ValueError` naming the environment for an `env` that `overlays` does not have;
# - change neither `values` nor `overlays`.
#
# ```python
# >>> render_config("{{ env }}: {{ db.host }}:{{ db.port }}\n", {"db": {"host": "localhost", "port": 5432}},
# ...               {"prod": {"db": {"host": "db.internal"}}}, "prod")
# 'prod: db.internal:5432\n'
# ```

# %% [markdown] course={"kind": "hint"}
# Write `merge(base, overlay)` returning a new dict: start from `dict(base)`; for each overlay key, recurse
# when both sides are mappings, else take the overlay's value.

# %% [markdown] course={"kind": "hint"}
# `jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)`, then
# `.from_string(template).render({**merged, "env": env})`.

# %% course={"kind": "solution"}
def render_config(
    template: str, values: Mapping[str, Any], overlays: Mapping[str, Mapping[str, Any]], env: str
) -> str:
    ### BEGIN SOLUTION
    def merge(base: Mapping[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(base)
        for key, value in overlay.items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
                merged[key] = merge(merged[key], value)
            else:
                merged[key] = value
        return merged

    if env not in overlays:
        raise ValueError(f"unknown environment {env!r}; known: {', '.join(sorted(overlays))}")
    engine = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return engine.from_string(template).render({**merge(values, overlays[env]), "env": env})
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert render_config("port={{ port }}", BASE, OVERLAYS, "prod") == "port=443", "the prod overlay wins"
assert render_config("port={{ port }}", BASE, OVERLAYS, "dev") == "port=80", "dev has no overrides"

# %% course={"kind": "test", "points": 2}
text = render_config("{{ db.host }}:{{ db.port }} ssl={{ db.opts.ssl }} pool={{ db.opts.pool }}", BASE, OVERLAYS, "prod")
assert text == "db.internal:5432 ssl=True pool=5", f"nested values merge key by key, at every depth: {text!r}"
### BEGIN HIDDEN TESTS
snapshot = copy.deepcopy((BASE, OVERLAYS))
assert render_config("{{ debug }} {{ env }}", BASE, OVERLAYS, "prod") == "False prod", "False in an overlay wins"
assert (BASE, OVERLAYS) == snapshot, "values and overlays are not changed"
lists = render_config("{{ hosts }}", {"hosts": ["a", "b"]}, {"x": {"hosts": ["c"]}}, "x")
assert lists == "['c']", "a list in an overlay replaces the base list"
swap = render_config("{{ db }}|{{ port }}|{{ name }}", {"db": "sqlite", "port": 1}, {"x": {"db": {"h": 1}, "port": 0, "name": ""}}, "x")
assert swap == "{'h': 1}|0|", f"a dict replaces a non-dict, and 0 and '' win: {swap!r}"
swap = render_config("{{ db }}", {"db": {"h": 1}}, {"x": {"db": "sqlite"}}, "x")
assert swap == "sqlite", "a non-dict replaces a dict"
assert render_config("{{ env }}", {"env": "base"}, {"ü": {}}, "ü") == "ü", "the env variable is the environment's name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    render_config("listen {{ prot }};", BASE, OVERLAYS, "prod")
except jinja2.UndefinedError:
    pass
else:
    raise AssertionError("a missing value must raise jinja2.UndefinedError, not render as ''")
### BEGIN HIDDEN TESTS
for broken in ("{{ db.nope }}", "{% for h in hosts %}{{ h }}{% endfor %}", "{{ db.opts.nope }}"):
    try:
        render_config(broken, BASE, OVERLAYS, "dev")
    except jinja2.UndefinedError:
        pass
    else:
        raise AssertionError(f"{broken!r} must raise jinja2.UndefinedError")
for env in ("staging", "Prod", "prod ", ""):
    try:
        render_config("x", BASE, OVERLAYS, env)
    except ValueError as error:
        assert repr(env) in str(error) or env in str(error), f"the error names the environment: {error}"
    else:
        raise AssertionError(f"unknown environment {env!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
out = render_config("url = {{ url }}\n", {"url": "https://x/?a=1&b=<2>"}, {"dev": {}}, "dev")
assert out == "url = https://x/?a=1&b=<2>\n", f"the final newline stays and nothing is HTML-escaped: {out!r}"
### BEGIN HIDDEN TESTS
assert render_config("a\n\n", {}, {"d": {}}, "d") == "a\n\n" and render_config("", {}, {"d": {}}, "d") == ""
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "default-undefined"}
def render_config(template, values, overlays, env):
    def merge(base, overlay):
        merged = dict(base)
        for key, value in overlay.items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
                merged[key] = merge(merged[key], value)
            else:
                merged[key] = value
        return merged

    if env not in overlays:
        raise ValueError(env)
    engine = jinja2.Environment(keep_trailing_newline=True)  # a typo renders as ''
    return engine.from_string(template).render({**merge(values, overlays[env]), "env": env})

# %% course={"kind": "wrong", "id": "shallow-merge"}
def render_config(template, values, overlays, env):
    if env not in overlays:
        raise ValueError(env)
    engine = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return engine.from_string(template).render({**values, **overlays[env], "env": env})  # db loses its port

# %% course={"kind": "wrong", "id": "merge-in-place"}
def render_config(template, values, overlays, env):
    def merge(base, overlay):
        for key, value in overlay.items():
            if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
                merge(base[key], value)
            else:
                base[key] = value  # writes the prod values into the caller's base
        return base

    if env not in overlays:
        raise ValueError(env)
    engine = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return engine.from_string(template).render({**merge(values, overlays[env]), "env": env})

# %% course={"kind": "wrong", "id": "drops-final-newline"}
def render_config(template, values, overlays, env):
    def merge(base, overlay):
        merged = dict(base)
        for key, value in overlay.items():
            if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
                merged[key] = merge(merged[key], value)
            else:
                merged[key] = value
        return merged

    if env not in overlays:
        raise ValueError(env)
    engine = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return engine.from_string(template).render({**merge(values, overlays[env]), "env": env})

# %% [markdown] course={"kind": "exercise", "id": "config-validate", "item": "project-15-3-1"}
# ### Project 15.3.1, part 1: validate a server configuration
#
# The configuration manager's input is a `ServerConfig(role, files)` (setup cell): `files` maps a path,
# relative to the server's folder, to the file's content. `ROLES` (setup cell) lists the files each server
# type must have. Write `validate(config)` returning the list of problems, **sorted**, empty when the
# config is fine:
#
# - `"unknown role 'x'"` for a role not in `ROLES` (then no "missing" problems for it);
# - `"missing <name>"` for each file the role requires that `files` lacks;
# - `"unsafe path '<path>'"` for a path that is empty, absolute (starts with `/`), or has a `..` part
#   (`a/../b`; but `..a` and `a..b` are ordinary names);
# - `"empty file '<path>'"` for content that is empty or only whitespace.
#
# ```python
# >>> validate(ServerConfig("web", {"/etc/passwd": "x", "nginx.conf": " "}))
# ["empty file 'nginx.conf'", "unsafe path '/etc/passwd'"]
# ```

# %% [markdown] course={"kind": "hint"}
# `path.split("/")` gives the parts; `".." in parts` is the check, not `".." in path`.

# %% [markdown] course={"kind": "hint"}
# Collect the problems in a list and `return sorted(problems)`; `content.strip() == ""` catches both empty
# and blank files.

# %% course={"kind": "solution"}
def validate(config: ServerConfig) -> list[str]:
    ### BEGIN SOLUTION
    problems = []
    if config.role not in ROLES:
        problems.append(f"unknown role {config.role!r}")
    else:
        problems += [f"missing {name}" for name in ROLES[config.role] if name not in config.files]
    for path, content in config.files.items():
        if not path or path.startswith("/") or ".." in path.split("/"):
            problems.append(f"unsafe path {path!r}")
        if not content.strip():
            problems.append(f"empty file {path!r}")
    return sorted(problems)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert validate(ServerConfig("web", {"nginx.conf": "events {}\n"})) == [], "a complete web config is fine"
assert validate(ServerConfig("web", {"/etc/passwd": "x", "nginx.conf": " "})) == [
    "empty file 'nginx.conf'",
    "unsafe path '/etc/passwd'",
], "every problem, sorted"

# %% course={"kind": "test", "points": 2}
assert validate(ServerConfig("db", {"postgresql.conf": "port = 5432\n"})) == ["missing pg_hba.conf"], (
    "each server type has its own required files"
)
assert validate(ServerConfig("cache", {"x.conf": "a\n"})) == ["unknown role 'cache'"], "an unknown role is reported once"
### BEGIN HIDDEN TESTS
assert validate(ServerConfig("db", {})) == ["missing pg_hba.conf", "missing postgresql.conf"]
assert validate(ServerConfig("Web", {"nginx.conf": "x"})) == ["unknown role 'Web'"] and type(validate(ServerConfig("web", {"nginx.conf": "x"}))) is list
assert validate(ServerConfig("", {})) == ["unknown role ''"]
assert validate(ServerConfig("web", {"conf/nginx.conf": "x"})) == ["missing nginx.conf"], "the required file is at the top"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
unsafe = ["/abs", "../up", "a/../../b", "a/..", "..", ""]
found = validate(ServerConfig("web", {"nginx.conf": "x", **{p: "x" for p in unsafe}}))
assert found == sorted(f"unsafe path {p!r}" for p in unsafe), f"absolute, empty and '..' paths are unsafe: {found}"
### BEGIN HIDDEN TESTS
fine = {"nginx.conf": "x", "..a": "x", "a..b/c": "x", "sites/ü app.conf": "x", ".env": "x", "a/./b": "x"}
assert validate(ServerConfig("web", fine)) == [], "..a, a..b and ./ are ordinary names"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
blank = {"nginx.conf": "x", "a": "", "b": " \n\t", "c": "0", "d": "\n# comment\n"}
assert validate(ServerConfig("web", blank)) == ["empty file 'a'", "empty file 'b'"], "empty and blank files are problems"

# %% course={"kind": "wrong", "id": "substring-dotdot"}
def validate(config):
    problems = []
    if config.role not in ROLES:
        problems.append(f"unknown role {config.role!r}")
    else:
        problems += [f"missing {name}" for name in ROLES[config.role] if name not in config.files]
    for path, content in config.files.items():
        if not path or path.startswith("/") or ".." in path:  # flags "..a" too
            problems.append(f"unsafe path {path!r}")
        if not content.strip():
            problems.append(f"empty file {path!r}")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "blank-is-content"}
def validate(config):
    problems = []
    if config.role not in ROLES:
        problems.append(f"unknown role {config.role!r}")
    else:
        problems += [f"missing {name}" for name in ROLES[config.role] if name not in config.files]
    for path, content in config.files.items():
        if not path or path.startswith("/") or ".." in path.split("/"):
            problems.append(f"unsafe path {path!r}")
        if not content:  # "  \n" passes
            problems.append(f"empty file {path!r}")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "unsorted"}
def validate(config):
    problems = []
    if config.role not in ROLES:
        problems.append(f"unknown role {config.role!r}")
    else:
        problems += [f"missing {name}" for name in ROLES[config.role] if name not in config.files]
    for path, content in config.files.items():
        if not path or path.startswith("/") or ".." in path.split("/"):
            problems.append(f"unsafe path {path!r}")
        if not content.strip():
            problems.append(f"empty file {path!r}")
    return problems

# %% [markdown] course={"kind": "exercise", "id": "config-apply", "item": "project-15-3-1"}
# ### Project 15.3.1, part 2: dry run, apply, roll back, over SSH
#
# Write the class `ConfigManager(conn)` that manages one server's files through the Fabric connection `conn`
# (paths relative to the login folder; assume the config was validated; print nothing, `hide=True`):
#
# - `read(path)`: the remote file's text (UTF-8), or `None` if it does not exist;
# - `plan(config)`: the dry run: a dict from path to `"create"` or `"update"`, in path order, for the files
#   whose remote content differs from `config.files`; identical files are left out; nothing is written;
# - `apply(config)`: for each planned path, in order: remember the old content (`None` if new), make the
#   parent folders, write the new content. If any step fails, undo everything recorded (as `rollback` does)
#   and re-raise the error. Return the plan;
# - `rollback()`: undo every recorded change of every `apply`, **newest first** (a file that was new is
#   deleted, any other gets its old content back), forget them, and return the paths in the order undone.
#   But first look for **drift**: if any recorded file no longer holds what this manager last wrote to it
#   (someone edited it by hand since), change nothing and raise `RuntimeError` naming those paths. A
#   rollback must not silently throw away a fix made on the server; a person decides. (A failed `apply`
#   undoes its own writes at once, without this check: nobody could have edited them in between.)
#
# ```python
# >>> manager = ConfigManager(conn); manager.apply(ServerConfig("web", {"nginx.conf": "..."}))
# {'nginx.conf': 'create'}
# >>> manager.rollback()
# ['nginx.conf']
# ```

# %% [markdown] course={"kind": "hint"}
# Reading and writing go through SFTP: `with self.conn.sftp().open(path) as f: f.read().decode("utf-8")`
# (a missing file raises `FileNotFoundError`), `self.conn.put(io.BytesIO(text.encode("utf-8")), path)`.

# %% [markdown] course={"kind": "hint"}
# Keep `self.changes: list[tuple[str, str | None, str]]`: `(path, old, new)`, appended *before* writing, so a
# write that fails half-way is undone too. Undoing walks `reversed(self.changes)`; the drift check compares
# each path's current text with the `new` of its last entry, before anything is undone.

# %% course={"kind": "solution", "equivalent": {"m-09d694cb": "rm -f of a file this manager created prints nothing, whether it still exists or not"}}
import posixpath
import shlex


class ConfigManager:
    def __init__(self, conn: Any) -> None:
        self.conn = conn
        ### BEGIN SOLUTION
        self.changes: list[tuple[str, str | None, str]] = []
        ### END SOLUTION

    def read(self, path: str) -> str | None:
        ### BEGIN SOLUTION
        try:
            with self.conn.sftp().open(path) as remote:
                return remote.read().decode("utf-8")
        except FileNotFoundError:
            return None
        ### END SOLUTION

    def plan(self, config: ServerConfig) -> dict[str, str]:
        ### BEGIN SOLUTION
        steps = {}
        for path in sorted(config.files):
            old = self.read(path)
            if old != config.files[path]:
                steps[path] = "create" if old is None else "update"
        return steps
        ### END SOLUTION

    def apply(self, config: ServerConfig) -> dict[str, str]:
        ### BEGIN SOLUTION
        steps = self.plan(config)
        try:
            for path in steps:
                self.changes.append((path, self.read(path), config.files[path]))
                self._write(path, config.files[path])
        except Exception:
            self._undo()
            raise
        return steps

    def _write(self, path: str, text: str) -> None:
        folder = posixpath.dirname(path)
        if folder:
            self.conn.run(f"mkdir -p {shlex.quote(folder)}", hide=True)
        self.conn.put(io.BytesIO(text.encode("utf-8")), path)
        ### END SOLUTION

    def rollback(self) -> list[str]:
        ### BEGIN SOLUTION
        last_written = {path: new for path, _, new in self.changes}
        drifted = sorted(path for path, new in last_written.items() if self.read(path) != new)
        if drifted:
            raise RuntimeError(f"changed on the server since apply, not rolled back: {drifted}")
        return self._undo()

    def _undo(self) -> list[str]:
        undone = []
        for path, old, _ in reversed(self.changes):
            if old is None:
                self.conn.run(f"rm -f {shlex.quote(path)}", hide=True)
            else:
                self._write(path, old)
            undone.append(path)
        self.changes.clear()
        return undone
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with ssh_host("web1") as host, host.connect() as conn:
    manager = ConfigManager(conn)
    assert manager.plan(WEB) == {"nginx.conf": "create", "sites/app.conf": "create"}, "on an empty host: create all"
    assert not (host.root / "nginx.conf").exists(), "plan is a dry run: nothing written"
    assert manager.apply(WEB) == {"nginx.conf": "create", "sites/app.conf": "create"}, "apply returns its plan"
    assert (host.root / "sites/app.conf").read_text(encoding="utf-8") == "server { listen 80; }\n", "files written"

# %% course={"kind": "test", "points": 2}
with ssh_host("web1") as host, host.connect() as conn:
    (host.root / "nginx.conf").write_text("events {}\n", encoding="utf-8")
    (host.root / "sites").mkdir()
    (host.root / "sites/app.conf").write_text("server { listen 8080; }\n", encoding="utf-8")
    manager = ConfigManager(conn)
    assert manager.read("nginx.conf") == "events {}\n" and manager.read("nope.conf") is None, "read: text or None"
    assert manager.plan(WEB) == {"sites/app.conf": "update"}, "identical files are left out, changed ones updated"
    manager.apply(WEB)
    assert ConfigManager(conn).apply(WEB) == {}, "a second apply finds nothing to do (idempotent)"
### BEGIN HIDDEN TESTS
    assert ConfigManager(conn).rollback() == [], "a manager that changed nothing has nothing to undo"
    odd = ServerConfig("web", {"b.conf": "", "a b/ü.conf": "ü\n", "nginx.conf": "events {}\n"})
    assert manager.plan(odd) == {"a b/ü.conf": "create", "b.conf": "create"}, "an empty file differs from no file"
    manager.apply(odd)
    assert (host.root / "a b" / "ü.conf").read_text(encoding="utf-8") == "ü\n" and manager.read("b.conf") == ""
    assert list(manager.plan(ServerConfig("web", {"z": "1", "m": "2", "a": "3"}))) == ["a", "m", "z"], "path order"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with ssh_host("web1") as host, host.connect() as conn:
    (host.root / "nginx.conf").write_text("old\n", encoding="utf-8")
    manager = ConfigManager(conn)
    manager.apply(WEB)
    assert manager.rollback() == ["sites/app.conf", "nginx.conf"], "rollback undoes newest first, returns the paths"
    assert (host.root / "nginx.conf").read_text(encoding="utf-8") == "old\n", "an updated file gets its old content"
    assert not (host.root / "sites/app.conf").exists(), "a created file is removed"
    assert manager.rollback() == [], "a rollback forgets what it undid"
### BEGIN HIDDEN TESTS
    manager.apply(ServerConfig("web", {"nginx.conf": "v1\n", "new.conf": "n1\n"}))
    manager.apply(ServerConfig("web", {"nginx.conf": "v2\n", "new.conf": "n2\n"}))
    assert manager.rollback() == ["nginx.conf", "new.conf", "nginx.conf", "new.conf"], "newest first, across applies"
    assert (host.root / "nginx.conf").read_text(encoding="utf-8") == "old\n" and not (host.root / "new.conf").exists(), (
        "two applies are undone back to the state before the first"
    )
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with ssh_host("web1") as host, host.connect() as conn:
    (host.root / "b.conf").write_text("keep me\n", encoding="utf-8")
    (host.root / "blocker").write_text("a file where a folder must go\n", encoding="utf-8")
    broken = ServerConfig("web", {"a.conf": "A\n", "b.conf": "B\n", "blocker/x.conf": "X\n"})
    manager = ConfigManager(conn)
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown), contextlib.redirect_stderr(shown):
            manager.apply(broken)
    except Exception:
        pass
    else:
        raise AssertionError("writing blocker/x.conf must fail: blocker is a file")
    assert shown.getvalue() == "", f"the manager prints nothing, not even the host's error: {shown.getvalue()!r}"
    assert not (host.root / "a.conf").exists() and (host.root / "b.conf").read_text(encoding="utf-8") == "keep me\n", (
        "a failed apply undoes the files it already wrote"
    )
    assert manager.rollback() == [], "and forgets them"

# %% course={"kind": "test", "points": 2}
with ssh_host("web1") as host, host.connect() as conn:
    (host.root / "nginx.conf").write_text("old\n", encoding="utf-8")
    manager = ConfigManager(conn)
    manager.apply(WEB)
    (host.root / "nginx.conf").write_text("hotfix made by hand\n", encoding="utf-8")  # drift
    try:
        manager.rollback()
    except RuntimeError as error:
        assert "nginx.conf" in str(error) and "sites/app.conf" not in str(error), f"names the drifted path: {error}"
    else:
        raise AssertionError("a file edited since apply must stop the rollback with RuntimeError")
    assert (host.root / "nginx.conf").read_text(encoding="utf-8") == "hotfix made by hand\n", "the hand fix is kept"
    assert (host.root / "sites/app.conf").exists(), "nothing at all is undone when something drifted"
### BEGIN HIDDEN TESTS
    (host.root / "nginx.conf").write_text("events {}\n", encoding="utf-8")  # the drift is resolved by hand
    assert manager.rollback() == ["sites/app.conf", "nginx.conf"], "after the drift is gone, the rollback runs"
    assert (host.root / "nginx.conf").read_text(encoding="utf-8") == "old\n"
    manager.apply(ServerConfig("web", {"a.conf": "v1\n"}))
    manager.apply(ServerConfig("web", {"a.conf": "v2\n"}))
    assert manager.rollback() == ["a.conf", "a.conf"], "drift is judged against the last text written, v2"
    assert not (host.root / "a.conf").exists()
    manager.apply(ServerConfig("web", {"b.conf": "x\n"}))
    (host.root / "b.conf").unlink()  # deleted by hand: drift too
    try:
        manager.rollback()
    except RuntimeError as error:
        assert "b.conf" in str(error)
    else:
        raise AssertionError("a file deleted since apply is drift too")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rollback-oldest-first"}
import posixpath
import shlex


class ConfigManager:
    def __init__(self, conn):
        self.conn = conn
        self.changes = []

    def read(self, path):
        try:
            with self.conn.sftp().open(path) as remote:
                return remote.read().decode("utf-8")
        except FileNotFoundError:
            return None

    def plan(self, config):
        steps = {}
        for path in sorted(config.files):
            old = self.read(path)
            if old != config.files[path]:
                steps[path] = "create" if old is None else "update"
        return steps

    def apply(self, config):
        steps = self.plan(config)
        try:
            for path in steps:
                self.changes.append((path, self.read(path)))
                self._write(path, config.files[path])
        except Exception:
            self.rollback()
            raise
        return steps

    def _write(self, path, text):
        if posixpath.dirname(path):
            self.conn.run(f"mkdir -p {shlex.quote(posixpath.dirname(path))}", hide=True)
        self.conn.put(io.BytesIO(text.encode("utf-8")), path)

    def rollback(self):
        undone = []
        for path, old in self.changes:  # oldest first: a file changed twice ends at its middle version
            if old is None:
                self.conn.run(f"rm -f {shlex.quote(path)}", hide=True)
            else:
                self._write(path, old)
            undone.append(path)
        self.changes.clear()
        return undone

# %% course={"kind": "wrong", "id": "no-undo-on-failure"}
import posixpath
import shlex


class ConfigManager:
    def __init__(self, conn):
        self.conn = conn
        self.changes = []

    def read(self, path):
        try:
            with self.conn.sftp().open(path) as remote:
                return remote.read().decode("utf-8")
        except FileNotFoundError:
            return None

    def plan(self, config):
        steps = {}
        for path in sorted(config.files):
            old = self.read(path)
            if old != config.files[path]:
                steps[path] = "create" if old is None else "update"
        return steps

    def apply(self, config):
        steps = self.plan(config)
        for path in steps:  # a failure half-way leaves the server half-configured
            self.changes.append((path, self.read(path)))
            self._write(path, config.files[path])
        return steps

    def _write(self, path, text):
        if posixpath.dirname(path):
            self.conn.run(f"mkdir -p {shlex.quote(posixpath.dirname(path))}", hide=True)
        self.conn.put(io.BytesIO(text.encode("utf-8")), path)

    def rollback(self):
        undone = []
        for path, old in reversed(self.changes):
            if old is None:
                self.conn.run(f"rm -f {shlex.quote(path)}", hide=True)
            else:
                self._write(path, old)
            undone.append(path)
        self.changes.clear()
        return undone

# %% course={"kind": "wrong", "id": "plan-without-compare"}
import posixpath
import shlex


class ConfigManager:
    def __init__(self, conn):
        self.conn = conn
        self.changes = []

    def read(self, path):
        try:
            with self.conn.sftp().open(path) as remote:
                return remote.read().decode("utf-8")
        except FileNotFoundError:
            return None

    def plan(self, config):
        return {path: "create" if self.read(path) is None else "update" for path in sorted(config.files)}  # never unchanged

    def apply(self, config):
        steps = self.plan(config)
        try:
            for path in steps:
                self.changes.append((path, self.read(path)))
                self._write(path, config.files[path])
        except Exception:
            self.rollback()
            raise
        return steps

    def _write(self, path, text):
        if posixpath.dirname(path):
            self.conn.run(f"mkdir -p {shlex.quote(posixpath.dirname(path))}", hide=True)
        self.conn.put(io.BytesIO(text.encode("utf-8")), path)

    def rollback(self):
        undone = []
        for path, old in reversed(self.changes):
            if old is None:
                self.conn.run(f"rm -f {shlex.quote(path)}", hide=True)
            else:
                self._write(path, old)
            undone.append(path)
        self.changes.clear()
        return undone

# %% course={"kind": "wrong", "id": "rollback-ignores-drift"}
import posixpath
import shlex


class ConfigManager:
    def __init__(self, conn):
        self.conn = conn
        self.changes = []

    def read(self, path):
        try:
            with self.conn.sftp().open(path) as remote:
                return remote.read().decode("utf-8")
        except FileNotFoundError:
            return None

    def plan(self, config):
        steps = {}
        for path in sorted(config.files):
            old = self.read(path)
            if old != config.files[path]:
                steps[path] = "create" if old is None else "update"
        return steps

    def apply(self, config):
        steps = self.plan(config)
        try:
            for path in steps:
                self.changes.append((path, self.read(path)))
                self._write(path, config.files[path])
        except Exception:
            self.rollback()
            raise
        return steps

    def _write(self, path, text):
        if posixpath.dirname(path):
            self.conn.run(f"mkdir -p {shlex.quote(posixpath.dirname(path))}", hide=True)
        self.conn.put(io.BytesIO(text.encode("utf-8")), path)

    def rollback(self):
        undone = []
        for path, old in reversed(self.changes):  # overwrites a hand-made hotfix without a word
            if old is None:
                self.conn.run(f"rm -f {shlex.quote(path)}", hide=True)
            else:
                self._write(path, old)
            undone.append(path)
        self.changes.clear()
        return undone

# %% [markdown] course={"kind": "task", "id": "config-manager", "points": 3, "item": "project-15-3-1"}
# ### Project 15.3.1, part 3: the configuration manager as a tool
#
# Join the parts into a command line tool: `configmgr validate|plan|apply|rollback CONFIG.yaml --host NAME`,
# where the YAML file holds the role and the files (or Jinja2 templates rendered per environment with your
# `render_config`). `apply` refuses an invalid config, prints the plan and asks for confirmation unless
# `--yes`; the record of changes is kept on disk so that `rollback` works from a new process. Demonstrate it
# on two hosts of different types from `ssh_hosts("web1", "db1")`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `validate` and `plan` write nothing; `apply` runs only on a valid config, after showing the plan.
# - 1 point: the change record survives the process (a file per host, written before each change), and
#   `rollback` from a fresh process restores the host exactly (compare the files before and after).
# - 1 point: two server types are handled by data (the required files per role), not by `if role == ...`
#   branches spread through the code; errors name the host, the file and what was expected.

# %% [markdown] course={"kind": "exercise", "id": "cloud-hosts", "item": "project-15-3-2"}
# ### Project 15.3.2, part 1: one host model for two clouds
#
# A dynamic inventory reads every cloud's own API and turns its answer into one model. Here the two "cloud
# APIs" are local JSON files in the shapes of AWS EC2 `DescribeInstances` and GCP Compute `instances.list`
# (`data/15.3/aws-instances.json`, `data/15.3/gcp-instances.json`: no cloud is called). Write
# `from_aws(doc)` and `from_gcp(doc)`, each returning a list of `Host` (from the setup cell) **sorted by name**:
#
# - only running machines: AWS `State.Name == "running"`, GCP `status == "RUNNING"`;
# - AWS: `name` is the `Name` tag, or the `InstanceId` when there is no `Name` tag; `ip` is
#   `PrivateIpAddress`; `region` is the availability zone without its final letter (`eu-west-1a` ->
#   `eu-west-1`); `labels` are the other tags as a dict; `provider` is `"aws"`;
# - GCP: `name`; `ip` is the first network interface's `networkIP`; `region` is the zone (the last part of
#   the `zone` URL, `europe-west4-a`) without its final `-<letter>` (`europe-west4`); `labels` are `labels`
#   (`{}` when missing); `provider` is `"gcp"`.
#
# ```python
# >>> from_aws(json.loads(Path("data/15.3/aws-instances.json").read_text(encoding="utf-8")))[0]
# Host(name='db-1', ip='10.1.0.21', provider='aws', region='eu-west-1', labels={'role': 'db', 'env': 'prod'})
# ```

# %% [markdown] course={"kind": "hint"}
# AWS nests instances in reservations: `for reservation in doc["Reservations"]: for item in
# reservation["Instances"]`. Tags are a list of `{"Key": ..., "Value": ...}`: turn them into a dict first.

# %% [markdown] course={"kind": "hint"}
# `zone.split("/")[-1]` is the zone's name; `name.rsplit("-", 1)[0]` drops `-a`; for AWS `az[:-1]`.

# %% course={"kind": "solution"}
def from_aws(doc: Mapping[str, Any]) -> list[Host]:
    ### BEGIN SOLUTION
    hosts = []
    for reservation in doc["Reservations"]:
        for item in reservation["Instances"]:
            if item["State"]["Name"] != "running":
                continue
            tags = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
            name = tags.pop("Name", item["InstanceId"])
            region = item["Placement"]["AvailabilityZone"][:-1]
            hosts.append(Host(name, item["PrivateIpAddress"], "aws", region, tags))
    return sorted(hosts, key=lambda host: host.name)
    ### END SOLUTION


def from_gcp(doc: Mapping[str, Any]) -> list[Host]:
    ### BEGIN SOLUTION
    hosts = []
    for item in doc.get("items", []):
        if item["status"] != "RUNNING":
            continue
        zone = item["zone"].split("/")[-1]
        ip = item["networkInterfaces"][0]["networkIP"]
        hosts.append(Host(item["name"], ip, "gcp", zone.rsplit("-", 1)[0], dict(item.get("labels", {}))))
    return sorted(hosts, key=lambda host: host.name)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert [h.name for h in from_aws(AWS_DOC)] == ["db-1", "i-0a1b2c3d4e5f60004", "web-1"], (
    "running AWS machines, by name; one without a Name tag is called by its InstanceId"
)
assert from_gcp(GCP_DOC)[0] == Host("trainer-1", "10.2.0.5", "gcp", "europe-west4", {"role": "gpu", "env": "prod"})

# %% course={"kind": "test", "points": 2}
assert from_aws(AWS_DOC) == [
    Host("db-1", "10.1.0.21", "aws", "eu-west-1", {"role": "db", "env": "prod"}),
    Host("i-0a1b2c3d4e5f60004", "10.1.0.31", "aws", "us-east-1", {"role": "gpu", "env": "staging"}),
    Host("web-1", "10.1.0.11", "aws", "eu-west-1", {"role": "web", "env": "prod"}),
], "the Name tag is the name, not a label; the region drops the zone letter"
### BEGIN HIDDEN TESTS
snapshot = copy.deepcopy(AWS_DOC)
from_aws(AWS_DOC)
assert AWS_DOC == snapshot, "the API answer is not changed (the Name tag stays in it)"
assert from_aws({"Reservations": []}) == [] and from_aws({"Reservations": [{"Instances": []}]}) == []
bare = {"InstanceId": "i-9", "PrivateIpAddress": "10.9.9.9", "State": {"Name": "running"}, "Placement": {"AvailabilityZone": "ap-south-2c"}}
assert from_aws({"Reservations": [{"Instances": [bare]}]}) == [Host("i-9", "10.9.9.9", "aws", "ap-south-2", {})]
pending = dict(bare, State={"Name": "pending"})
assert from_aws({"Reservations": [{"Instances": [pending]}]}) == [], "only 'running' counts"
later = dict(bare, InstanceId="i-0", Tags=[{"Key": "Name", "Value": "a-first"}])
assert [h.name for h in from_aws({"Reservations": [{"Instances": [pending, bare, later]}]})] == ["a-first", "i-9"], (
    "a machine that is not running is skipped, and the ones after it still count"
)
assert type(from_aws(AWS_DOC)) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert from_gcp(GCP_DOC) == [
    Host("trainer-1", "10.2.0.5", "gcp", "europe-west4", {"role": "gpu", "env": "prod"}),
    Host("web-3", "10.2.0.6", "gcp", "europe-west4", {"role": "web", "env": "staging"}),
], "running GCP machines (old-batch is TERMINATED), region without the zone letter"
### BEGIN HIDDEN TESTS
snapshot = copy.deepcopy(GCP_DOC)
from_gcp(GCP_DOC)
assert GCP_DOC == snapshot
assert from_gcp({}) == [] and from_gcp({"items": []}) == [], "an empty project has no 'items' at all"
one = {"name": "b", "zone": "zones/us-central1-f", "status": "RUNNING", "networkInterfaces": [{"networkIP": "1.2.3.4"}, {"networkIP": "5.6.7.8"}]}
two = dict(one, name="a", status="STOPPING")
assert from_gcp({"items": [two, one]}) == [Host("b", "1.2.3.4", "gcp", "us-central1", {})], "no labels: {}"
three = dict(one, name="a", zone="https://x/zones/asia-east1-b")
assert [(h.name, h.region) for h in from_gcp({"items": [one, three]})] == [("a", "asia-east1"), ("b", "us-central1")]
assert type(from_gcp({"items": [one]})[0].labels) is dict
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "name-tag-kept-as-label"}
def from_aws(doc):
    hosts = []
    for reservation in doc["Reservations"]:
        for item in reservation["Instances"]:
            if item["State"]["Name"] == "running":
                tags = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
                name = tags.get("Name", item["InstanceId"])  # Name stays among the labels
                hosts.append(Host(name, item["PrivateIpAddress"], "aws", item["Placement"]["AvailabilityZone"][:-1], tags))
    return sorted(hosts, key=lambda h: h.name)


def from_gcp(doc):
    hosts = []
    for item in doc.get("items", []):
        if item["status"] == "RUNNING":
            zone = item["zone"].rsplit("/", 1)[-1]
            hosts.append(Host(item["name"], item["networkInterfaces"][0]["networkIP"], "gcp", zone.rsplit("-", 1)[0], dict(item.get("labels", {}))))
    return sorted(hosts, key=lambda h: h.name)

# %% course={"kind": "wrong", "id": "zone-as-region"}
def from_aws(doc):
    hosts = []
    for reservation in doc["Reservations"]:
        for item in reservation["Instances"]:
            if item["State"]["Name"] == "running":
                tags = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
                name = tags.pop("Name", item["InstanceId"])
                hosts.append(Host(name, item["PrivateIpAddress"], "aws", item["Placement"]["AvailabilityZone"], tags))
    return sorted(hosts, key=lambda h: h.name)


def from_gcp(doc):
    hosts = []
    for item in doc.get("items", []):
        if item["status"] == "RUNNING":
            zone = item["zone"].rsplit("/", 1)[-1]  # the zone, not the region
            hosts.append(Host(item["name"], item["networkInterfaces"][0]["networkIP"], "gcp", zone, dict(item.get("labels", {}))))
    return sorted(hosts, key=lambda h: h.name)

# %% course={"kind": "wrong", "id": "gcp-items-required"}
def from_aws(doc):
    hosts = []
    for reservation in doc["Reservations"]:
        for item in reservation["Instances"]:
            if item["State"]["Name"] == "running":
                tags = {tag["Key"]: tag["Value"] for tag in item.get("Tags", [])}
                name = tags.pop("Name", item["InstanceId"])
                hosts.append(Host(name, item["PrivateIpAddress"], "aws", item["Placement"]["AvailabilityZone"][:-1], tags))
    return sorted(hosts, key=lambda h: h.name)


def from_gcp(doc):
    hosts = []
    for item in doc["items"]:  # an empty project's answer has no "items"
        if item["status"] == "RUNNING":
            zone = item["zone"].rsplit("/", 1)[-1]
            hosts.append(Host(item["name"], item["networkInterfaces"][0]["networkIP"], "gcp", zone.rsplit("-", 1)[0], item.get("labels", {})))
    return sorted(hosts, key=lambda h: h.name)

# %% [markdown] course={"kind": "exercise", "id": "cached-inventory", "item": "project-15-3-2"}
# ### Project 15.3.2, part 2: cache, group, filter
#
# Cloud APIs are slow and rate-limited, so an inventory caches each provider's answer. Write the class
# `CloudInventory(sources, clock, ttl=300.0)`: `sources` maps a provider name to a function returning that
# provider's `list[Host]`; `clock()` returns the time in seconds.
#
# - `hosts()`: every source's hosts together, sorted by name. A source is called again only when its cached
#   answer is `ttl` seconds old or older (first use: always called). If a call raises and an earlier answer
#   exists, keep using the earlier answer (a stale inventory beats none); without one, let the error out.
# - `groups(key)`: a dict from each value of `key` to the sorted names of the hosts having it, keys sorted;
#   `key` is `"provider"` or `"region"` (the host's field) or a label name (hosts without it are left out).
# - `select(**labels)`: the sorted names of the hosts whose labels hold all the given pairs.
#
# ```python
# >>> inv = CloudInventory({"aws": lambda: [Host("web-1", "10.1.0.11", "aws", "eu-west-1", {"role": "web"})]}, clock)
# >>> inv.groups("role"), inv.select(role="web")
# ({'web': ['web-1']}, ['web-1'])
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `self._cache = {provider: (time fetched, hosts)}`; in `hosts()`, for each source decide "fresh enough?"
# with `clock() - fetched < ttl`.

# %% [markdown] course={"kind": "hint"}
# `getattr(host, key)` for `provider`/`region`, else `host.labels.get(key)`; build the groups from
# `self.hosts()` so they use the cache too.

# %% course={"kind": "solution"}
class CloudInventory:
    def __init__(
        self, sources: Mapping[str, Callable[[], list[Host]]], clock: Callable[[], float], ttl: float = 300.0
    ) -> None:
        ### BEGIN SOLUTION
        self.sources = dict(sources)
        self.clock = clock
        self.ttl = ttl
        self._cache: dict[str, tuple[float, list[Host]]] = {}
        ### END SOLUTION

    def hosts(self) -> list[Host]:
        ### BEGIN SOLUTION
        found: list[Host] = []
        for provider, fetch in self.sources.items():
            now = self.clock()
            cached = self._cache.get(provider)
            if cached is None or now - cached[0] >= self.ttl:
                try:
                    cached = (now, fetch())
                except Exception:
                    if cached is None:
                        raise
                else:
                    self._cache[provider] = cached
            found.extend(cached[1])
        return sorted(found, key=lambda host: host.name)
        ### END SOLUTION

    def groups(self, key: str) -> dict[str, list[str]]:
        ### BEGIN SOLUTION
        groups: dict[str, list[str]] = {}
        for host in self.hosts():
            value = getattr(host, key) if key in ("provider", "region") else host.labels.get(key)
            if value is not None:
                groups.setdefault(value, []).append(host.name)
        return dict(sorted(groups.items()))
        ### END SOLUTION

    def select(self, **labels: str) -> list[str]:
        ### BEGIN SOLUTION
        return [host.name for host in self.hosts() if all(host.labels.get(k) == v for k, v in labels.items())]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
aws, gcp, clock = source(FLEET_A), source(FLEET_G), FakeClock()
inv = CloudInventory({"aws": aws, "gcp": gcp}, clock, ttl=60)
assert [h.name for h in inv.hosts()] == ["db-1", "gpu-7", "trainer-1", "web-1"], "all providers' hosts, by name"
inv.hosts()
assert (aws.call_count, gcp.call_count) == (1, 1), "a second call within the ttl uses the cache"

# %% course={"kind": "test", "points": 2}
aws, gcp, clock = source(FLEET_A), source(FLEET_G), FakeClock()
inv = CloudInventory({"aws": aws, "gcp": gcp}, clock, ttl=60)
inv.hosts()
clock.advance(59.5)
inv.hosts()
assert aws.call_count == 1, "59.5 s old: still fresh"
clock.advance(0.5)
inv.hosts()
assert (aws.call_count, gcp.call_count) == (2, 2), "60 s old (= ttl): fetched again"
### BEGIN HIDDEN TESTS
aws.side_effect = lambda: FLEET_A[:1]
clock.advance(60)
assert [h.name for h in inv.hosts()] == ["trainer-1", "web-1"], "a refetch replaces the cached answer"
clock.advance(30)
aws.side_effect = ConnectionError("API unavailable")
assert [h.name for h in inv.hosts()] == ["trainer-1", "web-1"] and aws.call_count == 3, "within the ttl, no call at all"
clock.advance(30)
assert [h.name for h in inv.hosts()] == ["trainer-1", "web-1"] and aws.call_count == 4, "a failing API: the stale answer"
aws.side_effect = lambda: FLEET_A[:1]  # the API is back
assert [h.name for h in inv.hosts()] == ["trainer-1", "web-1"] and aws.call_count == 5, "a failure is not cached as fresh"
assert inv.hosts() and aws.call_count == 5, "the good answer is cached again"
fresh = source(FLEET_A)
fresh.side_effect = ConnectionError("API unavailable")
try:
    CloudInventory({"aws": fresh}, FakeClock()).hosts()
except ConnectionError:
    pass
else:
    raise AssertionError("without an earlier answer, the API's error comes out")
default = source(FLEET_A)
later = FakeClock()
lazy = CloudInventory({"aws": default}, later)
lazy.hosts()
later.advance(299)
lazy.hosts()
later.advance(1)
lazy.hosts()
assert default.call_count == 2, "the default ttl is 300 s"
assert CloudInventory({}, FakeClock()).hosts() == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
inv = CloudInventory({"aws": source(FLEET_A), "gcp": source(FLEET_G)}, FakeClock())
assert inv.groups("role") == {"db": ["db-1"], "gpu": ["gpu-7", "trainer-1"], "web": ["web-1"]}, "groups by a label"
assert inv.groups("provider") == {"aws": ["db-1", "gpu-7", "web-1"], "gcp": ["trainer-1"]}, "and by provider"
### BEGIN HIDDEN TESTS
assert list(inv.groups("region")) == ["eu-west-1", "europe-west4", "us-east-1"]
assert inv.groups("env") == {"prod": ["db-1", "trainer-1", "web-1"]}, "hosts without the label are left out"
assert inv.groups("nope") == {}
empty_label = CloudInventory({"x": source([Host("h", "1.1.1.1", "x", "r", {"team": ""})])}, FakeClock())
assert empty_label.groups("team") == {"": ["h"]}, "an empty label value is a value"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
inv = CloudInventory({"aws": source(FLEET_A), "gcp": source(FLEET_G)}, FakeClock())
assert inv.select(role="gpu") == ["gpu-7", "trainer-1"], "select by one label"
assert inv.select(role="gpu", env="prod") == ["trainer-1"], "all the given labels must match"
### BEGIN HIDDEN TESTS
assert inv.select() == ["db-1", "gpu-7", "trainer-1", "web-1"] and inv.select(role="GPU") == []
assert inv.select(env="prod", role="web") == ["web-1"] and type(inv.select()) is list
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "never-refreshes"}
class CloudInventory:
    def __init__(self, sources, clock, ttl=300.0):
        self.sources, self.clock, self.ttl, self._cache = dict(sources), clock, ttl, {}

    def hosts(self):
        found = []
        for provider, fetch in self.sources.items():
            if provider not in self._cache:  # cached for ever
                self._cache[provider] = list(fetch())
            found.extend(self._cache[provider])
        return sorted(found, key=lambda h: h.name)

    def groups(self, key):
        groups = {}
        for host in self.hosts():
            value = getattr(host, key) if key in ("provider", "region") else host.labels.get(key)
            if value is not None:
                groups.setdefault(value, []).append(host.name)
        return dict(sorted(groups.items()))

    def select(self, **labels):
        return [h.name for h in self.hosts() if all(h.labels.get(k) == v for k, v in labels.items())]

# %% course={"kind": "wrong", "id": "failure-drops-provider"}
class CloudInventory:
    def __init__(self, sources, clock, ttl=300.0):
        self.sources, self.clock, self.ttl, self._cache = dict(sources), clock, ttl, {}

    def hosts(self):
        found = []
        for provider, fetch in self.sources.items():
            now = self.clock()
            cached = self._cache.get(provider)
            if cached is None or now - cached[0] >= self.ttl:
                try:
                    cached = (now, list(fetch()))
                except Exception:
                    cached = (now, [])  # the provider's hosts vanish while its API is down
                self._cache[provider] = cached
            found.extend(cached[1])
        return sorted(found, key=lambda h: h.name)

    def groups(self, key):
        groups = {}
        for host in self.hosts():
            value = getattr(host, key) if key in ("provider", "region") else host.labels.get(key)
            if value is not None:
                groups.setdefault(value, []).append(host.name)
        return dict(sorted(groups.items()))

    def select(self, **labels):
        return [h.name for h in self.hosts() if all(h.labels.get(k) == v for k, v in labels.items())]

# %% course={"kind": "wrong", "id": "falsy-label-dropped"}
class CloudInventory:
    def __init__(self, sources, clock, ttl=300.0):
        self.sources, self.clock, self.ttl, self._cache = dict(sources), clock, ttl, {}

    def hosts(self):
        found = []
        for provider, fetch in self.sources.items():
            now = self.clock()
            cached = self._cache.get(provider)
            if cached is None or now - cached[0] >= self.ttl:
                try:
                    cached = (now, list(fetch()))
                except Exception:
                    if cached is None:
                        raise
                else:
                    self._cache[provider] = cached
            found.extend(cached[1])
        return sorted(found, key=lambda h: h.name)

    def groups(self, key):
        groups = {}
        for host in self.hosts():
            value = getattr(host, key) if key in ("provider", "region") else host.labels.get(key)
            if value:  # drops the label value ""
                groups.setdefault(value, []).append(host.name)
        return dict(sorted(groups.items()))

    def select(self, **labels):
        return [h.name for h in self.hosts() if all(h.labels.get(k) == v for k, v in labels.items())]

# %% [markdown] course={"kind": "task", "id": "inventory-system", "points": 3, "item": "project-15-3-2"}
# ### Project 15.3.2, part 3: the inventory as Ansible sees it
#
# Put the two parts together into a dynamic inventory script (`inventory.py --list`) over the two JSON
# fixtures: groups per provider, region and `role` label, `_meta.hostvars` with `ansible_host` and the
# labels, a cache on disk (a JSON file with the time each provider was fetched) so that two runs within the
# ttl read the fixtures once, and a `--refresh` flag that ignores the cache. Check it with
# `ansible-inventory -i inventory.py --graph` (run it through `ansible(...)` from the setup cell) and write
# three sentences on what would change with real cloud APIs (credentials, pagination, rate limits).

# %% [markdown] course={"kind": "rubric"}
# - 1 point: `ansible-inventory --list` shows the provider, region and role groups and every running host
#   with `ansible_host`; stopped machines are absent.
# - 1 point: the disk cache is used within the ttl (shown, e.g. by counting reads or by the cache file's
#   time) and `--refresh` bypasses it; a corrupt or missing cache file is treated as "no cache".
# - 1 point: the three sentences name real concerns: credentials from the environment or a role (never in
#   the script), pagination (`NextToken` / `pageToken`), and rate limits or timeouts per provider.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-infrastructure-as-code"}
# Infrastructure as Code is describing servers, networks, permissions and configuration in text files kept
# in version control, and letting a tool apply them, instead of changing systems by hand. The files are
# reviewed in pull requests, tested in CI, and applied the same way to every environment, so dev, staging
# and prod differ only in their variables. The tools are mostly declarative (Terraform, Pulumi,
# CloudFormation, Ansible's modules): you state the end result and the tool computes the changes, applying
# them idempotently. The gains: repeatability, an audit trail (git history), fast recovery (re-apply), and
# no snowflake servers nobody dares to touch.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-infrastructure-state"}
# Terraform and Pulumi record what they created in a state file, which maps each declared resource to its
# real id. That file is shared through a remote backend (S3 with DynamoDB locking, GCS, Terraform Cloud,
# Pulumi Cloud) so the team and CI see one truth, with a lock so two applies never run at once; it is
# encrypted and never committed to git (it contains secrets). Separate state per environment and per
# component (network, database, app) keeps each plan small and limits the damage of a mistake. Changes go
# through `plan` in CI, reviewed, then `apply`; `import` adopts hand-made resources and `state mv` renames
# without recreating. Ansible keeps no state: it inspects the hosts on every run.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-ansible-vs-terraform"}
# Terraform (or Pulumi) to **provision**: create and delete cloud resources (VPCs, VMs, databases, DNS)
# with a state file, a plan, and a dependency graph that also knows how to destroy. Ansible to
# **configure** what exists: packages, files, users and services inside machines, over SSH, with no state
# and an ordered list of tasks, and for procedures (rolling restarts, one-off operations). They are
# commonly combined: Terraform creates the machines and outputs their addresses; a dynamic inventory feeds
# them to Ansible. With immutable images or Kubernetes, much of Ansible's role moves into image builds
# (Packer) and manifests.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-configuration-drift"}
# Drift is the real system differing from the code, after a hot fix by hand, a console click or another
# tool. Detect it on a schedule: `terraform plan -detailed-exitcode` (exit 2 means changes),
# `pulumi refresh --preview-only`, `ansible-playbook --check --diff`, or AWS Config rules; alert on any
# difference. Then decide: either re-apply to put the system back, or, if the change was right, put it into
# the code and apply so both agree. Prevent it by removing write access outside the pipeline, making every
# change a pull request, and preferring immutable infrastructure (replace instead of modify), where drift
# cannot accumulate.
