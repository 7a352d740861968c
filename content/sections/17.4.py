# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can render Kubernetes manifests from a chart of templates and values, merge
# values files in Helm's order, check the result against a schema and against the mistakes that break real
# deployments (selectors, names, `latest` tags), build overlays the way Kustomize does, and reason about releases.

# %% course={"kind": "setup", "id": "helm-helpers"}
# What the demos and tests share. Jinja2 renders, PyYAML parses (safe loaders only), jsonschema checks values
# against a schema. `scratch_dir` gives a temporary folder removed when the kernel exits; `listing_z_to_a` makes
# every folder list from Z to A for one block, so code that forgets to sort shows it on every machine.
import copy
import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jsonschema
import yaml

from course.runtime.listing import listing_z_to_a
from course.runtime.scratch import scratch_dir

SCRATCH = scratch_dir("helm")


def write_tree(folder: Path, files: Mapping[str, str]) -> Path:
    """Write `files` ({relative path: text}) under a new `folder` (UTF-8) and return it."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


# %% [markdown] course={"kind": "lesson", "id": "helm-fundamentals", "covers": ["c-helm-fundamentals", "c-charts-and-releases", "c-values-and-templating", "c-chart-repositories"]}
# ### Helm: charts, values and releases
#
# Kubernetes takes YAML manifests, one per object (a Deployment, a Service, a ConfigMap...). Ten services in three
# environments means thirty near-identical files. **Helm** is the package manager that removes the copying:
#
# - a **chart** is a folder of *templates* (manifests with holes) plus `values.yaml` (the defaults for the holes);
# - **values** are the knobs: image tag, replicas, resources. You override them per environment with
#   `-f prod.yaml` files and `--set image.tag=1.4.2` flags;
# - a **release** is one installation of a chart into a cluster under a name (`helm install shop ./chart`).
#   Each `install`, `upgrade` or `rollback` makes a new numbered **revision** of the release; by default Helm
#   (since version 3) stores each revision as a Secret in the release's namespace (`HELM_DRIVER` can choose
#   ConfigMaps instead), so `helm history shop` can show them all;
# - a **chart repository** is a web server with an `index.yaml` listing packaged charts (`helm repo add`,
#   `helm repo update`), or an OCI registry (`helm push chart-1.0.0.tgz oci://registry/charts`, then
#   `helm install shop oci://registry/charts/chart --version 1.0.0`).
#
# Helm's templates are **Go templates** (`{{ .Values.image.tag }}`), with the Sprig function library. This
# course renders the same idea with **Jinja2** in Python, because the real `helm` binary is a separate download
# the course does not make. Where a `helm` binary is installed, the demo below runs it too (and says which
# version ran). Jinja2 is also what many teams use to template manifests *without* Helm.
#
# **The one thing people get wrong:** a template produces *text*, and YAML then guesses types from that text. A
# tag `1.10` written unquoted comes back as the float `1.1`; in YAML 1.1 parsers (PyYAML is one) `on`, `yes` and `no`
# come back as booleans and `0755` as the octal number 493. Quote every string value you put into a manifest.

# %% course={"kind": "demo"}
# YAML guesses types from text: the same characters, quoted or not.
unquoted = yaml.safe_load("tag: 1.10\nenabled: yes\nmode: 0755")
quoted = yaml.safe_load('tag: "1.10"\nenabled: "yes"\nmode: "0755"')
print("unquoted:", unquoted)
print("quoted:  ", quoted)

# %% [markdown] course={"kind": "text"}
# In Helm you write `{{ .Values.image.tag | quote }}`. In Jinja2 the filter `tojson` does the same job: it writes a
# JSON string, which YAML reads as a double-quoted string. `StrictUndefined` turns a misspelt value into an error
# instead of an empty string, which is what `helm`'s `required` function does for one value at a time. (A trap:
# `tojson` of a missing value raises `TypeError`, not `UndefinedError`, with Jinja2 3.1: the error names no value.)

# %% course={"kind": "demo"}
env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
template = env.from_string("image: {{ (Values.image.repo ~ ':' ~ Values.image.tag) | tojson }}\n")
print(template.render(Values={"image": {"repo": "shop", "tag": "1.10"}}), end="")
try:
    template.render(Values={"image": {"repo": "shop", "tga": "1.10"}})
except jinja2.UndefinedError as error:
    print("StrictUndefined:", error)

# %% [markdown] course={"kind": "text"}
# A Jinja2 surprise: `Values.items` is the dict's `items` *method*, not your key named `items`, because the dot
# looks for an attribute first. Use `Values["items"]` for keys that are also dict method names.

# %% course={"kind": "demo"}
print(env.from_string("{{ Values.items is callable }} | {{ Values['items'] }}").render(Values={"items": [1, 2]}))

# %% [markdown] course={"kind": "lesson", "id": "helm-python", "covers": ["c-helm-with-python", "c-helm-cli-wrapper", "c-programmatic-helm-operations", "c-values-generation"]}
# ### Helm from Python: build the command, generate the values
#
# Helm has no official Python library; automation calls the `helm` command line with `subprocess.run` and a
# **list** of arguments (never one string through a shell: a value with a space or `;` would change the command).
# The usual commands:
#
# | command | what it does |
# |---|---|
# | `helm template NAME CHART -f v.yaml` | render the manifests locally, print them; talks to no cluster |
# | `helm lint CHART` | check the chart's structure and that it renders |
# | `helm upgrade --install NAME CHART -n NS -f v.yaml --set k=v --wait` | install or upgrade, idempotent: the CI form |
# | `helm install NAME CHART --dry-run` | render and simulate without changing anything |
# | `helm history NAME` / `helm rollback NAME [REVISION]` | list revisions / go back (no revision, or 0: the previous one) |
# | `helm list -A -o json` | every release in every namespace, as JSON a program can read |
#
# **Values merge in a fixed order**: the chart's `values.yaml`, then each `-f` file left to right, then the `--set`
# flags left to right; later wins. The merge is deep for maps, but a **list is replaced whole**, and a key set to
# `null` is **deleted** from the defaults (Helm's documentation, "Deleting a default key"). Generating values
# files from Python (one per environment, from a small table of differences) beats editing YAML by hand.
#
# **The one thing people get wrong:** `--set` guesses types. `--set replicas=3` is the integer 3,
# `--set debug=TRUE` the boolean true, `--set tag=1.10` stays the *string* `1.10`, `--set id=0123` stays a string
# (a leading zero), and `--set x=null` deletes `x`. A comma separates two assignments (`--set a=1,b=2`), so a
# value containing a comma must be written `\,`. `--set-string` turns every guess off.

# %% course={"kind": "demo"}
# Build the command as a list; run the real helm only where one is installed (this course never downloads it).
chart = write_tree(SCRATCH / "demo-chart", {
    "Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"1.0\"\n",
    "values.yaml": "replicas: 1\n",
    "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\n"
                         "data:\n  replicas: {{ .Values.replicas | quote }}\n",
})
argv = ["helm", "template", "shop", str(chart), "--set", "replicas=3"]
print(" ".join(argv[:3]), "... (a list, no shell)")
helm = shutil.which("helm")
if helm is None:
    print("no helm binary on PATH: nothing run here; the rest of this section renders with Jinja2")
else:
    quiet = {"PATH": os.environ.get("PATH", ""), "HOME": str(SCRATCH), "HELM_CONFIG_HOME": str(SCRATCH / "helm"),
             "HELM_CACHE_HOME": str(SCRATCH / "helm"), "HELM_DATA_HOME": str(SCRATCH / "helm")}
    version = subprocess.run([helm, "version", "--short"], capture_output=True, text=True, encoding="utf-8",
                             timeout=60, env=quiet).stdout.strip()
    print(f"ran {helm} ({version or 'version unknown'}):")
    done = subprocess.run([helm, *argv[1:]], capture_output=True, text=True, encoding="utf-8", timeout=60, env=quiet)
    print(done.stdout or done.stderr)

# %% [markdown] course={"kind": "lesson", "id": "templating", "covers": ["c-templating-for-kubernetes", "c-jinja2-for-manifests", "c-kustomize-basics", "c-dynamic-manifest-generation"]}
# ### Templating manifests: Jinja2, Kustomize, and code
#
# Three ways to make many manifests from few files:
#
# 1. **Templates** (Helm, or Jinja2 from Python): text with holes, filled from values. Powerful, but the output is
#    only checked once it is rendered, so render in CI and validate what comes out.
# 2. **Overlays** (Kustomize, built into `kubectl` as `kubectl kustomize DIR` and `kubectl apply -k DIR`): plain,
#    valid manifests as a *base*, and per-environment *overlays* that patch them: `namePrefix: prod-`,
#    `commonLabels: {team: shop}`, and patches that name their target by kind and name. No template language at all.
# 3. **Code** (dynamic generation): Python builds the manifests as dicts and dumps them; good when the structure
#    itself varies (one Deployment per model in a list), and testable like any function.
#
# A rendered file holds several documents separated by `---`; read it with `yaml.safe_load_all`, which yields
# `None` for an empty document (a template whose `if` was false). `yaml.safe_load` refuses a stream of several.
#
# **The one thing people get wrong:** `commonLabels` in Kustomize also changes a Deployment's `spec.selector`, and
# a Deployment's selector cannot be changed after creation; adding a label later means recreating it. And the
# selector must match the Pod template's labels, or Kubernetes rejects the Deployment. (Kustomize 5 warns that
# `commonLabels` is deprecated in favour of `labels:`, which touches selectors only with `includeSelectors: true`.)

# %% course={"kind": "demo"}
# The real Kustomize, where kubectl is installed (it is built in: `kubectl kustomize DIR`); offline, local files only.
base = write_tree(SCRATCH / "kustomize-demo", {
    "kustomization.yaml": "resources:\n  - service.yaml\nnamePrefix: prod-\ncommonLabels:\n  team: shop\n",
    "service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n",
})
kubectl = shutil.which("kubectl")
if kubectl is None:
    print("no kubectl on PATH: nothing run here; the overlay exercise below models what Kustomize does")
else:
    alone = {"PATH": os.environ.get("PATH", ""), "HOME": str(SCRATCH)}  # reads no kubeconfig of yours
    about = subprocess.run([kubectl, "version", "--client", "-o", "json"], capture_output=True, text=True,
                           encoding="utf-8", timeout=60, env=alone).stdout
    versions = re.findall(r'"(?:gitVersion|kustomizeVersion)": "([^"]+)"', about)
    print(f"ran {kubectl} kustomize (kubectl, kustomize versions: {', '.join(versions) or 'unknown'}):")
    done = subprocess.run([kubectl, "kustomize", str(base)], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, env=alone)
    print(done.stdout, done.stderr.strip(), sep="")

# %% course={"kind": "demo"}
stream = "kind: ConfigMap\n---\n# nothing rendered here\n---\nkind: Service\n"
print(list(yaml.safe_load_all(stream)))
try:
    yaml.safe_load(stream)
except yaml.YAMLError as error:
    print("safe_load:", type(error).__name__, "-", str(error).splitlines()[0])

# %% [markdown] course={"kind": "lesson", "id": "chart-development", "covers": ["c-chart-development", "c-chart-structure", "c-template-functions", "c-values-schema-validation", "c-dependencies"]}
# ### Writing a chart
#
# ```
# web/
#   Chart.yaml            apiVersion: v2 (the chart format since Helm 3), name, version (SemVer), appVersion,
#                         dependencies
#   values.yaml           the defaults
#   values.schema.json    optional JSON Schema; install, upgrade, lint and template check the values against it
#   charts/               dependencies, fetched by `helm dependency update` (which also writes Chart.lock)
#   templates/            the manifests; files starting with `_` (like _helpers.tpl) hold named templates only
#   templates/NOTES.txt   text printed after install
#   templates/tests/      Pods annotated `helm.sh/hook: test`, run by `helm test RELEASE`
# ```
#
# Template functions you meet in every chart: `default` (`{{ .Values.tag | default .Chart.AppVersion }}`),
# `quote`, `required "msg" .Values.x`, `toYaml . | nindent 8` (a block of YAML at the right indentation),
# `include "web.fullname" .` (a named template from `_helpers.tpl`), and `trunc 63 | trimSuffix "-"`, because most
# object names must be DNS-1123 labels: lowercase letters, digits and `-`, starting and ending with a letter or
# digit, at most 63 characters. Helm itself limits release names to 53, keeping 10 characters for what charts
# append to them (its source says so).
#
# **Dependencies** are other charts listed in `Chart.yaml` (`name`, `version` range, `repository`); a parent sets
# their values under a key named after the dependency. **Hooks** are templates annotated
# `helm.sh/hook: pre-install,pre-upgrade` (a migration Job, say), ordered by `helm.sh/hook-weight`.
#
# **The one thing people get wrong:** schema validation checks the *values*, not the rendered manifests. A chart
# needs both: a schema so bad input fails with a clear message, and checks on the output.

# %% course={"kind": "demo"}
schema = {"type": "object", "required": ["image"],
          "properties": {"replicas": {"type": "integer", "minimum": 1},
                         "image": {"type": "object", "required": ["tag"], "properties": {"tag": {"type": "string"}}}}}
validator = jsonschema.Draft7Validator(schema)
for values in ({"replicas": 2, "image": {"tag": "1.4"}}, {"replicas": 0, "image": {"tag": 1.4}}):
    problems = sorted("/" + "/".join(map(str, e.absolute_path)) + " " + e.validator for e in validator.iter_errors(values))
    print(values, "->", problems or "valid")

# %% [markdown] course={"kind": "lesson", "id": "helm-automation", "covers": ["c-helm-automation", "c-helm-in-ci-cd", "c-release-management", "c-rollback-automation", "c-chart-testing"]}
# ### Helm in CI/CD: test, release, roll back
#
# A pipeline for a chart, cheapest check first:
#
# 1. `helm lint` and `helm template` with every environment's values: the chart renders;
# 2. validate the rendered manifests (schema, required fields, the team's rules: no `latest` tag, selectors
#    match, names fit in 63 characters); tools like `kubeconform` do the schema part against Kubernetes' own;
# 3. `helm upgrade --install --wait` into a test namespace, then `helm test` runs the chart's test Pods;
# 4. promote the same chart version and values to the next environment.
#
# **Release management**: every upgrade adds a revision; `helm history` lists them with their status (`deployed`,
# `superseded`, `failed`...). `helm rollback shop 3` does not delete revisions 4 and 5: it makes a *new* revision
# that holds revision 3's chart and values, so the history keeps growing (`--history-max` on `upgrade` and
# `rollback`, 10 by default in Helm 3, prunes the oldest). Rollback automation = upgrade, wait, check health, and roll back to the last
# `deployed` revision when the check fails.
#
# **The one thing people get wrong:** a rollback restores the chart and values, not the data. A hook that ran a
# database migration is not undone by `helm rollback`.

# %% course={"kind": "demo"}
# The shape of a release history, as `helm history shop -o json` prints it (trimmed), after a rollback to 1.
history = [{"revision": 1, "status": "superseded", "chart": "web-0.1.0", "description": "Install complete"},
           {"revision": 2, "status": "superseded", "chart": "web-0.2.0", "description": "Upgrade complete"},
           {"revision": 3, "status": "deployed", "chart": "web-0.1.0", "description": "Rollback to 1"}]
for row in history:
    print(f"{row['revision']:>3}  {row['status']:<11} {row['chart']:<10} {row['description']}")

# %% [markdown] course={"kind": "exercise", "id": "helm-argv", "item": "x-run-helm-commands-from-python"}
# ### Build a `helm upgrade --install` command
#
# Write `upgrade_argv(release, chart, *, namespace, values_files=(), sets=None, wait=True)` that returns the
# argument list (a `list[str]`) for an idempotent install:
# `["helm", "upgrade", "--install", release, chart, "--namespace", namespace]`, then `"--values", file` for each
# values file **in the order given**, then `"--set", "key=value"` for each entry of `sets` **sorted by key**, with
# every comma in a value escaped as `\,`; then `"--wait"` when `wait` is true.
#
# Refuse a bad release name with `ValueError` naming it, with Helm's own rule: at most 53 characters, made of
# parts separated by single dots, each part of lowercase letters, digits and `-`, starting and ending with a
# letter or digit (`shop`, `shop-2`, `shop.eu` are fine; `Shop`, `shop-`, `shop..eu` are not).
#
# ```python
# >>> upgrade_argv("shop", "./web", namespace="prod", sets={"image.tag": "1.4"}, wait=False)
# ['helm', 'upgrade', '--install', 'shop', './web', '--namespace', 'prod', '--set', 'image.tag=1.4']
# ```

# %% [markdown] course={"kind": "hint"}
# Check the name with `re.fullmatch` (not `re.match` with `$`: `$` also matches before a final newline). One part
# is `[a-z0-9]([-a-z0-9]*[a-z0-9])?`; the whole is a part followed by any number of `\.` + part.

# %% [markdown] course={"kind": "hint"}
# `value.replace(",", "\\,")` escapes commas; `sorted(sets)` gives the keys in order.

# %% course={"kind": "solution"}
def upgrade_argv(
    release: str,
    chart: str,
    *,
    namespace: str,
    values_files: Sequence[str] = (),
    sets: Mapping[str, str] | None = None,
    wait: bool = True,
) -> list[str]:
    ### BEGIN SOLUTION
    if len(release) > 53 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", release):
        raise ValueError(f"bad release name {release!r}: at most 53 of a-z, 0-9, '-' and '.' (see Helm's rule)")
    argv = ["helm", "upgrade", "--install", release, chart, "--namespace", namespace]
    for file in values_files:
        argv += ["--values", file]
    chosen = sets or {}
    for key in sorted(chosen):
        escaped = chosen[key].replace(",", "\\,")
        argv += ["--set", f"{key}={escaped}"]
    if wait:
        argv.append("--wait")
    return argv
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert upgrade_argv("shop", "./web", namespace="prod") == [
    "helm", "upgrade", "--install", "shop", "./web", "--namespace", "prod", "--wait"
], "the base command, with --wait by default"

# %% course={"kind": "test", "points": 2}
got = upgrade_argv("shop", "./web", namespace="prod", values_files=["z.yaml", "a.yaml"],
                   sets={"b": "2", "a": "x,y"}, wait=False)
assert got[7:] == ["--values", "z.yaml", "--values", "a.yaml", "--set", "a=x\\,y", "--set", "b=2"], (
    "values files in the given order, --set sorted by key, commas escaped"
)
### BEGIN HIDDEN TESTS
assert type(got) is list and all(type(part) is str for part in got)
assert upgrade_argv("s", "c", namespace="n", sets={"k": ""}, wait=False)[-2:] == ["--set", "k="]
assert upgrade_argv("s", "c", namespace="n", sets={}, wait=False) == ["helm", "upgrade", "--install", "s", "c", "--namespace", "n"]
assert upgrade_argv("s", "c", namespace="n", values_files=iter(["one.yaml"]), wait=False)[-2:] == ["--values", "one.yaml"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ("Shop", "-shop", "shop-", "", "sh_op", "shop\n", "shöp", "a" * 54, "shop..eu", ".shop", "shop.", "shop.-eu", "shop٣"):
    try:
        upgrade_argv(bad, "./web", namespace="prod")
    except ValueError:
        pass
    else:
        raise AssertionError(f"release name {bad!r} must be refused")
try:
    upgrade_argv("Shop-EU", "./web", namespace="prod")
except ValueError as error:
    assert "Shop-EU" in str(error), f"the error names the bad release name: {error}"
### BEGIN HIDDEN TESTS
assert upgrade_argv("a" * 53, "c", namespace="n")[3] == "a" * 53, "53 characters is allowed"
assert upgrade_argv("7", "c", namespace="n")[3] == "7" and upgrade_argv("a-1", "c", namespace="n")[3] == "a-1"
assert upgrade_argv("shop.eu", "c", namespace="n")[3] == "shop.eu" and upgrade_argv("a.b.c-d", "c", namespace="n")[3] == "a.b.c-d"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "dollar-anchor"}
def upgrade_argv(release, chart, *, namespace, values_files=(), sets=None, wait=True):
    if len(release) > 53 or not re.match(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", release):
        raise ValueError(release)
    argv = ["helm", "upgrade", "--install", release, chart, "--namespace", namespace]
    for file in values_files:
        argv += ["--values", file]
    for key in sorted(sets or {}):
        escaped = sets[key].replace(",", "\\,")
        argv += ["--set", f"{key}={escaped}"]
    if wait:
        argv.append("--wait")
    return argv

# %% course={"kind": "wrong", "id": "no-comma-escape"}
def upgrade_argv(release, chart, *, namespace, values_files=(), sets=None, wait=True):
    if len(release) > 53 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", release):
        raise ValueError(release)
    argv = ["helm", "upgrade", "--install", release, chart, "--namespace", namespace]
    for file in values_files:
        argv += ["--values", file]
    for key in sorted(sets or {}):
        argv += ["--set", f"{key}={sets[key]}"]
    if wait:
        argv.append("--wait")
    return argv

# %% course={"kind": "wrong", "id": "silent-error"}
def upgrade_argv(release, chart, *, namespace, values_files=(), sets=None, wait=True):
    if len(release) > 53 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", release):
        raise ValueError("invalid release name")
    argv = ["helm", "upgrade", "--install", release, chart, "--namespace", namespace]
    for file in values_files:
        argv += ["--values", file]
    for key in sorted(sets or {}):
        escaped = sets[key].replace(",", "\\,")
        argv += ["--set", f"{key}={escaped}"]
    if wait:
        argv.append("--wait")
    return argv

# %% course={"kind": "wrong", "id": "sorted-files"}
def upgrade_argv(release, chart, *, namespace, values_files=(), sets=None, wait=True):
    if len(release) > 53 or not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", release):
        raise ValueError(release)
    argv = ["helm", "upgrade", "--install", release, chart, "--namespace", namespace]
    for file in sorted(values_files):
        argv += ["--values", file]
    for key in sorted(sets or {}):
        escaped = sets[key].replace(",", "\\,")
        argv += ["--set", f"{key}={escaped}"]
    if wait:
        argv.append("--wait")
    return argv

# %% [markdown] course={"kind": "exercise", "id": "merge-values", "item": "x-generate-values-files-programmatically"}
# ### Merge values the way Helm does
#
# Write `merge_values(base, override)` returning a **new** dict: keys of `override` win; where both sides hold a
# dict, merge them the same way, at any depth; any other value (a list, a string, a number) **replaces** the old
# one whole; an override of `None` **deletes** the key (at any depth; a `None` for a missing key leaves nothing).
# Neither input may change, and changing the result later must not change them either.
#
# ```python
# >>> merge_values({"image": {"repo": "web", "tag": "1.0"}, "ports": [80, 443], "debug": True},
# ...              {"image": {"tag": "1.1"}, "ports": [8080], "debug": None})
# {'image': {'repo': 'web', 'tag': '1.1'}, 'ports': [8080]}
# ```

# %% [markdown] course={"kind": "hint"}
# Start from `copy.deepcopy(base)`, then walk `override` key by key.

# %% [markdown] course={"kind": "hint"}
# For a dict value, recurse with the old value if it is a dict and `{}` otherwise; that also drops `None`s inside
# a brand-new sub-dict.

# %% course={"kind": "solution"}
def merge_values(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    result = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            old = result.get(key)
            result[key] = merge_values(old if isinstance(old, dict) else {}, value)
        else:
            result[key] = copy.deepcopy(value)
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert merge_values({"image": {"repo": "web", "tag": "1.0"}}, {"image": {"tag": "1.1"}}) == {
    "image": {"repo": "web", "tag": "1.1"}
}, "nested maps merge: repo stays, tag changes"

# %% course={"kind": "test", "points": 2}
assert merge_values({"ports": [80, 443]}, {"ports": [8080]}) == {"ports": [8080]}, "a list is replaced whole"
assert merge_values({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"c": None}}) == {"a": 1, "b": {"d": 3}}, "null deletes"
### BEGIN HIDDEN TESTS
assert merge_values({"a": 1}, {"zzz": None}) == {"a": 1}
assert merge_values({}, {"x": {"y": None, "z": 0}}) == {"x": {"z": 0}}
assert merge_values({"x": "text"}, {"x": {"y": 1}}) == {"x": {"y": 1}}
assert merge_values({"x": {"y": 1}}, {"x": "text"}) == {"x": "text"}
assert merge_values({"a": 5, "b": "s", "c": True}, {"a": 0, "b": "", "c": False}) == {"a": 0, "b": "", "c": False}
assert merge_values({"a": {"b": {"c": {"d": 1, "e": 2}}}}, {"a": {"b": {"c": {"e": 3}}}}) == {"a": {"b": {"c": {"d": 1, "e": 3}}}}
assert merge_values({"k": 1}, {}) == {"k": 1} and merge_values({}, {}) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
base = {"image": {"tag": "1.0"}, "ports": [80]}
override = {"image": {"pull": "Always"}, "extra": {"list": [1]}}
merged = merge_values(base, override)
merged["image"]["tag"] = "changed"
merged["extra"]["list"].append(2)
assert base == {"image": {"tag": "1.0"}, "ports": [80]}, "merge_values must not change base, now or later"
assert override == {"image": {"pull": "Always"}, "extra": {"list": [1]}}, "nor override"
### BEGIN HIDDEN TESTS
merged2 = merge_values(base, {})
merged2["ports"].append(443)
assert base["ports"] == [80]
lists = {"l": [[1]]}
merged3 = merge_values({}, lists)
merged3["l"][0].append(2)
assert lists == {"l": [[1]]}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shallow-update"}
def merge_values(base, override):
    result = dict(base)
    result.update({k: v for k, v in override.items() if v is not None})
    for k, v in override.items():
        if v is None:
            result.pop(k, None)
    return result

# %% course={"kind": "wrong", "id": "lists-append"}
def merge_values(base, override):
    result = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict):
            old = result.get(key)
            result[key] = merge_values(old if isinstance(old, dict) else {}, value)
        elif isinstance(value, list) and isinstance(result.get(key), list):
            result[key] = result[key] + copy.deepcopy(value)
        else:
            result[key] = copy.deepcopy(value)
    return result

# %% course={"kind": "wrong", "id": "keeps-null"}
def merge_values(base, override):
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge_values(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result

# %% course={"kind": "wrong", "id": "mutates-base"}
def merge_values(base, override):
    for key, value in override.items():
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict):
            old = base.get(key)
            base[key] = merge_values(old if isinstance(old, dict) else {}, value)
        else:
            base[key] = value
    return base

# %% [markdown] course={"kind": "exercise", "id": "set-flags", "item": "x-generate-values-files-programmatically"}
# ### Read `--set` flags into values
#
# Write `values_from_sets(flags)`: each flag is `"dotted.key=value"` (split at the **first** `=`); the dotted key
# makes nested dicts; later flags win. Type the value as Helm's `--set` does: `true`/`false` in any case are
# booleans, `null` in any case is `None`, `0` is the int 0; text that does not start with `0` and is an optional
# `+` or `-` followed by ASCII digits is an `int` when it fits in 64 bits (from `-2**63` to `2**63 - 1`: Helm
# parses it with Go's `strconv.ParseInt`), so `-5`, `+5` and `-0` are ints; anything else stays a `str` (`1.10`,
# `0123`, `""`, a number too big for 64 bits). A flag without `=` raises `ValueError` naming the flag. (The real
# `--set` also reads list indexes `a[0]=x`, lists `{a,b}`, escaped dots `a\.b` and several assignments split at
# commas; this exercise leaves those out: one assignment per flag, dots always separate keys.)
#
# ```python
# >>> values_from_sets(["image.tag=1.10", "replicas=3", "debug=TRUE", "image.tag=1.11"])
# {'image': {'tag': '1.11'}, 'replicas': 3, 'debug': True}
# ```

# %% [markdown] course={"kind": "hint"}
# `flag.partition("=")` splits at the first `=`; `setdefault` walks down the dotted path.

# %% [markdown] course={"kind": "hint"}
# `int(text)` also accepts `" 5"`, `"1_000"` and digits of other scripts (`"٣"`); Helm turns none of those into
# numbers. Test the shape with `re.fullmatch(r"[+-]?[0-9]+", text)`, then the first character and the range.

# %% course={"kind": "solution"}
def values_from_sets(flags: Sequence[str]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    values: dict[str, Any] = {}
    for flag in flags:
        path, found, text = flag.partition("=")
        if not found:
            raise ValueError(f"--set {flag!r}: expected key=value")
        value: Any = text
        if text.lower() in ("true", "false"):
            value = text.lower() == "true"
        elif text.lower() == "null":
            value = None
        elif text == "0" or (not text.startswith("0") and re.fullmatch(r"[+-]?[0-9]+", text) and -(2**63) <= int(text) < 2**63):
            value = int(text)
        *parents, last = path.split(".")
        node = values
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return values
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert values_from_sets(["image.tag=1.4", "image.repo=web"]) == {"image": {"tag": "1.4", "repo": "web"}}, (
    "dotted keys build nested dicts"
)

# %% course={"kind": "test", "points": 2}
typed = values_from_sets(["a=3", "b=1.10", "c=TRUE", "d=false", "e=Null", "f=0123", "g=0", "h=-5", "i="])
assert typed == {"a": 3, "b": "1.10", "c": True, "d": False, "e": None, "f": "0123", "g": 0, "h": -5, "i": ""}, typed
assert [type(typed[k]) for k in "abcg"] == [int, str, bool, int], "exact types: int, str, bool, int"
### BEGIN HIDDEN TESTS
odd = values_from_sets(["p=+5", "q= 5", "r=1_000", "s=yes", "t=10", "u=-0", "v=9", "w=-05", "x=00", "y=٣", "z=5 "])
assert odd == {"p": 5, "q": " 5", "r": "1_000", "s": "yes", "t": 10, "u": 0, "v": 9, "w": -5, "x": "00", "y": "٣", "z": "5 "}, odd
assert type(odd["t"]) is int and type(odd["v"]) is int and type(odd["p"]) is int and type(odd["u"]) is int
ends = values_from_sets(["a=9223372036854775807", "b=9223372036854775808", "c=-9223372036854775808", "d=-9223372036854775809"])
assert ends == {"a": 2**63 - 1, "b": "9223372036854775808", "c": -(2**63), "d": "-9223372036854775809"}, ends
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert values_from_sets(["x=1", "x=2"]) == {"x": 2}, "a later flag wins"
assert values_from_sets(["url=a=b"]) == {"url": "a=b"}, "split at the first ="
try:
    values_from_sets(["replicas"])
except ValueError as error:
    assert "replicas" in str(error), "the error names the flag"
else:
    raise AssertionError("a flag without = must raise ValueError")
### BEGIN HIDDEN TESTS
assert values_from_sets([]) == {} and values_from_sets(iter(["k=v"])) == {"k": "v"}
assert values_from_sets(["a.b.c=1", "a.b.d=2", "a.e=3"]) == {"a": {"b": {"c": 1, "d": 2}, "e": 3}}
assert values_from_sets(["näme=ü"]) == {"näme": "ü"}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "int-anything"}
def values_from_sets(flags):
    values = {}
    for flag in flags:
        path, found, text = flag.partition("=")
        if not found:
            raise ValueError(flag)
        value = text
        if text.lower() in ("true", "false"):
            value = text.lower() == "true"
        elif text.lower() == "null":
            value = None
        else:
            try:
                value = int(text)
            except ValueError:
                try:
                    value = float(text)
                except ValueError:
                    pass
        *parents, last = path.split(".")
        node = values
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return values

# %% course={"kind": "wrong", "id": "split-every-equals"}
def values_from_sets(flags):
    values = {}
    for flag in flags:
        if "=" not in flag:
            raise ValueError(flag)
        path, text = flag.split("=")[:2]
        value = text
        if text in ("true", "false"):
            value = text == "true"
        elif text == "null":
            value = None
        elif text == "0" or re.fullmatch(r"-?[1-9][0-9]*", text):
            value = int(text)
        *parents, last = path.split(".")
        node = values
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return values

# %% course={"kind": "wrong", "id": "isdigit-no-range"}
def values_from_sets(flags):
    values = {}
    for flag in flags:
        path, found, text = flag.partition("=")
        if not found:
            raise ValueError(flag)
        value = text
        if text.lower() in ("true", "false"):
            value = text.lower() == "true"
        elif text.lower() == "null":
            value = None
        elif text == "0" or (text[:1] != "0" and text.lstrip("+-").isdigit()):
            value = int(text)
        *parents, last = path.split(".")
        node = values
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return values

# %% [markdown] course={"kind": "exercise", "id": "render-chart", "item": "x-create-a-helm-chart-from-scratch"}
# ### Render a chart folder with Jinja2
#
# A chart here is a folder with `Chart.yaml`, `values.yaml` and `templates/`. Write
# `render_chart(chart_dir, values=None, release="demo")` returning the list of manifests (dicts):
#
# - the template context is `Values` (`values` when given, else `values.yaml`'s content), `Chart` (the parsed
#   `Chart.yaml`) and `Release` (`{"Name": release}`);
# - render every `templates/*.yaml` whose name does not start with `_`, **in name order**, with a Jinja2
#   environment using `StrictUndefined` (a missing value must raise `jinja2.UndefinedError`) and a
#   `FileSystemLoader` on `templates/` (so `{% include "_labels.yaml" %}` works);
# - a rendered file may hold several documents: read each with `yaml.safe_load_all` and drop empty (`None`) ones.
#
# Read files as UTF-8.
#
# ```python
# >>> render_chart(folder)   # templates/a.yaml renders "kind: ConfigMap\n---\nkind: Service\n"
# [{'kind': 'ConfigMap'}, {'kind': 'Service'}]
# ```

# %% [markdown] course={"kind": "hint"}
# `sorted((chart_dir / "templates").glob("*.yaml"))`, skipping `path.name.startswith("_")`; `env.get_template(path.name)`.

# %% [markdown] course={"kind": "hint"}
# `jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"), undefined=jinja2.StrictUndefined)`.

# %% course={"kind": "solution"}
def render_chart(chart_dir: Path, values: dict[str, Any] | None = None, release: str = "demo") -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text(encoding="utf-8"))
    if values is None:
        values = yaml.safe_load((chart_dir / "values.yaml").read_text(encoding="utf-8")) or {}
    folder = chart_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"), undefined=jinja2.StrictUndefined)
    manifests = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        text = env.get_template(path.name).render(Values=values, Chart=chart, Release={"Name": release})
        manifests += [doc for doc in yaml.safe_load_all(text) if doc is not None]
    return manifests
    ### END SOLUTION


# %% course={"kind": "setup", "id": "small-chart"}
# For the tests of "Render a chart folder with Jinja2": small_chart(tag, templates, values) writes a chart folder
# (Chart.yaml of chart "web", appVersion "2.0") in the scratch folder and returns its path.
def small_chart(tag: str, templates: dict[str, str], values: str = "name: web\n") -> Path:
    files = {"Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"2.0\"\n", "values.yaml": values}
    files.update({f"templates/{name}": text for name, text in templates.items()})
    folder = SCRATCH / f"chart-{tag}"
    shutil.rmtree(folder, ignore_errors=True)
    return write_tree(folder, files)


# %% course={"kind": "test", "points": 1}
one = small_chart("one", {"cm.yaml": "kind: ConfigMap\nmetadata:\n  name: {{ Release.Name }}-{{ Values.name }}\n"})
assert render_chart(one, release="shop") == [{"kind": "ConfigMap", "metadata": {"name": "shop-web"}}], (
    "Values and Release fill the template"
)

# %% course={"kind": "test", "points": 2}
many = small_chart("many", {
    "b.yaml": "kind: Service\n---\n{% if Values.get('extra') %}kind: Extra\n{% endif %}",
    "a.yaml": "kind: ConfigMap\n---\nkind: Secret\n",
    "_labels.yaml": "app: {{ Chart.name }}\n",
    "c.yaml": "kind: Deployment\nmetadata:\n  labels:\n    {% include '_labels.yaml' %}\n",
    "NOTES.txt": "thanks for installing\n",
})
with listing_z_to_a():
    kinds = [doc["kind"] for doc in render_chart(many)]
assert kinds == ["ConfigMap", "Secret", "Service", "Deployment"], f"name order, several documents, no empties: {kinds}"
### BEGIN HIDDEN TESTS
with listing_z_to_a():
    docs = render_chart(many, values={"extra": True})
assert [d["kind"] for d in docs] == ["ConfigMap", "Secret", "Service", "Extra", "Deployment"]
assert docs[-1]["metadata"]["labels"] == {"app": "web"}
assert type(render_chart(many)) is list
given_empty = small_chart("given-empty", {"cm.yaml": "kind: ConfigMap\ndata:\n  name: {{ Values.get('name', 'none') | tojson }}\n"})
assert render_chart(given_empty, values={}) == [{"kind": "ConfigMap", "data": {"name": "none"}}], "values={} is given, not missing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
strict = small_chart("strict", {"cm.yaml": "kind: ConfigMap\ndata:\n  tag: \"{{ Values.image.tag }}\"\n"},
                     values="image:\n  tag: \"1.10\"\n")
assert render_chart(strict) == [{"kind": "ConfigMap", "data": {"tag": "1.10"}}], "values.yaml is the default"
try:
    render_chart(strict, values={"image": {"tga": "1.10"}})
except jinja2.UndefinedError:
    pass
else:
    raise AssertionError("a missing value must raise jinja2.UndefinedError (StrictUndefined)")
### BEGIN HIDDEN TESTS
assert render_chart(strict, values={"image": {"tag": "é€"}}) == [{"kind": "ConfigMap", "data": {"tag": "é€"}}]
uni = small_chart("uni", {"cm.yaml": "kind: ConfigMap\ndata:\n  who: {{ Values.who | tojson }}\n"}, values="who: Zoë\n")
assert render_chart(uni) == [{"kind": "ConfigMap", "data": {"who": "Zoë"}}]
empty = small_chart("empty", {"cm.yaml": "kind: {{ Chart.appVersion | tojson }}\n"}, values="")
assert render_chart(empty) == [{"kind": "2.0"}]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "lenient-undefined"}
def render_chart(chart_dir, values=None, release="demo"):
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text(encoding="utf-8"))
    if values is None:
        values = yaml.safe_load((chart_dir / "values.yaml").read_text(encoding="utf-8")) or {}
    folder = chart_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"))
    manifests = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        text = env.get_template(path.name).render(Values=values, Chart=chart, Release={"Name": release})
        manifests += [doc for doc in yaml.safe_load_all(text) if doc is not None]
    return manifests

# %% course={"kind": "wrong", "id": "empty-values-ignored"}
def render_chart(chart_dir, values=None, release="demo"):
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text(encoding="utf-8"))
    values = values or yaml.safe_load((chart_dir / "values.yaml").read_text(encoding="utf-8")) or {}
    folder = chart_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"), undefined=jinja2.StrictUndefined)
    manifests = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        text = env.get_template(path.name).render(Values=values, Chart=chart, Release={"Name": release})
        manifests += [doc for doc in yaml.safe_load_all(text) if doc is not None]
    return manifests

# %% course={"kind": "wrong", "id": "listing-order"}
def render_chart(chart_dir, values=None, release="demo"):
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text(encoding="utf-8"))
    if values is None:
        values = yaml.safe_load((chart_dir / "values.yaml").read_text(encoding="utf-8")) or {}
    folder = chart_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"), undefined=jinja2.StrictUndefined)
    manifests = []
    for path in folder.glob("*.yaml"):
        if path.name.startswith("_"):
            continue
        text = env.get_template(path.name).render(Values=values, Chart=chart, Release={"Name": release})
        manifests += [doc for doc in yaml.safe_load_all(text) if doc is not None]
    return manifests

# %% course={"kind": "wrong", "id": "keeps-empty-docs"}
def render_chart(chart_dir, values=None, release="demo"):
    chart = yaml.safe_load((chart_dir / "Chart.yaml").read_text(encoding="utf-8"))
    if values is None:
        values = yaml.safe_load((chart_dir / "values.yaml").read_text(encoding="utf-8")) or {}
    folder = chart_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder, encoding="utf-8"), undefined=jinja2.StrictUndefined)
    manifests = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        text = env.get_template(path.name).render(Values=values, Chart=chart, Release={"Name": release})
        manifests += list(yaml.safe_load_all(text))
    return manifests

# %% [markdown] course={"kind": "exercise", "id": "values-schema", "item": "x-implement-chart-testing"}
# ### Check values against `values.schema.json`
#
# Write `schema_problems(values, schema)` returning **every** problem as a sorted list of `(path, keyword)` tuples:
# `path` is a JSON pointer to the bad value (`"/image/tag"`, `"/ports/1"`, `""` for the top level; as RFC 6901
# says, `~` in a key is written `~0` and `/` is written `~1`, so the key `app.kubernetes.io/name` is
# `/app.kubernetes.io~1name`) and `keyword`
# the schema keyword that failed (`"type"`, `"minimum"`, `"required"`...). Use the JSON Schema draft the schema
# names in `$schema`, and draft 7 when it names none. A schema that is itself invalid raises
# `jsonschema.SchemaError` before any value is checked. Return `[]` for valid values.
#
# ```python
# >>> schema_problems({"replicas": 0}, {"properties": {"replicas": {"type": "integer", "minimum": 1}}})
# [('/replicas', 'minimum')]
# ```

# %% [markdown] course={"kind": "hint"}
# `jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)` picks the class; its
# `check_schema(schema)` checks the schema; `iter_errors(values)` yields every error, not just the first.

# %% [markdown] course={"kind": "hint"}
# An error's `absolute_path` is a deque of keys and list indexes; its `validator` attribute is the keyword. Escape
# `~` before `/` (`str(part).replace("~", "~0").replace("/", "~1")`), or `/` would come out as `~01`.

# %% course={"kind": "solution"}
def schema_problems(values: Any, schema: dict[str, Any]) -> list[tuple[str, str]]:
    ### BEGIN SOLUTION
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    problems = []
    for error in cls(schema).iter_errors(values):
        pointer = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in error.absolute_path)
        problems.append((pointer, error.validator))
    return sorted(problems)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "schema-fixture"}
# For the tests of "Check values against values.schema.json": a chart's values schema.
SCHEMA = {
    "type": "object",
    "required": ["image"],
    "properties": {
        "replicas": {"type": "integer", "minimum": 1, "maximum": 20},
        "image": {"type": "object", "required": ["tag"], "properties": {"tag": {"type": "string", "minLength": 1}}},
        "ports": {"type": "array", "items": {"type": "integer"}},
    },
}

# %% course={"kind": "test", "points": 1}
assert schema_problems({"replicas": 3, "image": {"tag": "1.0"}}, SCHEMA) == [], "valid values: no problems"

# %% course={"kind": "test", "points": 2}
found = schema_problems({"replicas": 0, "image": {"tag": 1}, "ports": [80, "443"]}, SCHEMA)
assert found == [("/image/tag", "type"), ("/ports/1", "type"), ("/replicas", "minimum")], found
### BEGIN HIDDEN TESTS
assert schema_problems({}, SCHEMA) == [("", "required")]
assert schema_problems({"image": {}}, SCHEMA) == [("/image", "required")]
assert schema_problems({"image": {"tag": ""}, "replicas": 20}, SCHEMA) == [("/image/tag", "minLength")]
assert schema_problems({"image": {"tag": "x"}, "replicas": 21}, SCHEMA) == [("/replicas", "maximum")]
assert schema_problems({"image": {"tag": "x"}, "replicas": 1}, SCHEMA) == []
assert type(found) is list and all(type(p) is tuple for p in found)
keyed = {"properties": {"labels": {"additionalProperties": {"type": "string"}}}}
assert schema_problems({"labels": {"app.kubernetes.io/name": 1, "a~b": 2, "ok": "x"}}, keyed) == [
    ("/labels/app.kubernetes.io~1name", "type"), ("/labels/a~0b", "type")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
new_draft = {"$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [{"type": "string"}]}
assert schema_problems([1], new_draft) == [("/0", "type")], "a 2020-12 schema is read as 2020-12 ($schema)"
assert schema_problems([1], {"prefixItems": [{"type": "string"}]}) == [], "no $schema: draft 7, which has no prefixItems"
try:
    schema_problems({}, {"type": "objekt"})
except jsonschema.SchemaError:
    pass
else:
    raise AssertionError("an invalid schema must raise jsonschema.SchemaError")

# %% course={"kind": "wrong", "id": "first-error-only"}
def schema_problems(values, schema):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    error = jsonschema.exceptions.best_match(cls(schema).iter_errors(values))
    if error is None:
        return []
    return [("".join(f"/{part}" for part in error.absolute_path), str(error.validator))]

# %% course={"kind": "wrong", "id": "unescaped-pointer"}
def schema_problems(values, schema):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return sorted(("".join(f"/{part}" for part in e.absolute_path), e.validator) for e in cls(schema).iter_errors(values))

# %% course={"kind": "wrong", "id": "latest-draft-always"}
def schema_problems(values, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    problems = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(values):
        problems.append(("".join(f"/{part}" for part in error.absolute_path), str(error.validator)))
    return sorted(problems)

# %% course={"kind": "wrong", "id": "dotted-path"}
def schema_problems(values, schema):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return sorted((".".join(map(str, e.absolute_path)), str(e.validator)) for e in cls(schema).iter_errors(values))

# %% [markdown] course={"kind": "exercise", "id": "dns-label", "item": "x-implement-chart-testing"}
# ### Is it a valid Kubernetes name?
#
# Most object names (Services, Namespaces, labels' values aside) must be **DNS-1123 labels**. Write
# `is_dns_label(name)` returning `True` when `name` is 1 to 63 characters of lowercase ASCII letters, digits and
# `-`, starting and ending with a letter or digit, and `False` otherwise.
#
# ```python
# >>> is_dns_label("web-1"), is_dns_label("Web"), is_dns_label("web-")
# (True, False, False)
# ```

# %% [markdown] course={"kind": "hint"}
# `str.isalnum()` and `str.islower()` accept letters from every alphabet: spell the characters out.

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)` plus a length check.

# %% course={"kind": "solution"}
def is_dns_label(name: str) -> bool:
    ### BEGIN SOLUTION
    return len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) is not None
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert is_dns_label("web-1") is True and is_dns_label("Web") is False, "lowercase letters, digits and -"

# %% course={"kind": "test", "points": 2}
assert is_dns_label("a" * 63) is True and is_dns_label("a" * 64) is False, "at most 63 characters"
for bad in ("", "-web", "web-", "web_1", "web.svc", "web\n", "wéb", "ｗｅｂ", " web", "web٣"):
    assert is_dns_label(bad) is False, f"{bad!r} is not a DNS-1123 label"
### BEGIN HIDDEN TESTS
for good in ("a", "0", "a-b", "1-2-3", "a--b", "z9"):
    assert is_dns_label(good) is True, good
assert is_dns_label("9" * 63) is True and is_dns_label("a" + "-" * 61 + "b") is True
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "match-dollar"}
def is_dns_label(name):
    return len(name) <= 63 and re.match(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name) is not None

# %% course={"kind": "wrong", "id": "isalnum"}
def is_dns_label(name):
    return 0 < len(name) < 64 and name == name.lower() and name[0] != "-" and name[-1] != "-" and all(
        c.isalnum() or c == "-" for c in name
    )

# %% course={"kind": "wrong", "id": "backslash-d"}
def is_dns_label(name):
    return len(name) <= 63 and re.fullmatch(r"[a-z\d]([-a-z\d]*[a-z\d])?", name) is not None

# %% course={"kind": "wrong", "id": "length-off-by-one"}
def is_dns_label(name):
    return len(name) < 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name) is not None

# %% [markdown] course={"kind": "exercise", "id": "image-tag", "item": "x-implement-chart-testing"}
# ### Catch unpinned images
#
# A Deployment should name exactly which image it runs. Write `image_problem(image)` returning `"no tag"` when the
# reference has neither a tag nor a digest, `"latest"` when its tag is `latest`, and `None` when it is pinned by
# another tag or by a digest (`@sha256:...`, which pins even next to `:latest`). Careful: a registry may have a
# port (`registry.local:5000/web`), and that colon is not a tag.
#
# ```python
# >>> image_problem("web"), image_problem("web:latest"), image_problem("registry.local:5000/web:1.4")
# ('no tag', 'latest', None)
# ```

# %% [markdown] course={"kind": "hint"}
# Deal with `@` first. Then the tag, if any, is after a `:` in the **last** `/`-separated part.

# %% course={"kind": "solution"}
def image_problem(image: str) -> str | None:
    ### BEGIN SOLUTION
    if "@" in image:
        return None
    last = image.split("/")[-1]
    name, colon, tag = last.partition(":")
    if not colon:
        return "no tag"
    if tag == "latest":
        return "latest"
    return None
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert image_problem("web:1.4") is None and image_problem("web") == "no tag", "a tag pins, no tag does not"

# %% course={"kind": "test", "points": 2}
assert image_problem("web:latest") == "latest", "latest is not a version"
assert image_problem("registry.local:5000/team/web") == "no tag", "the registry's port is not a tag"
assert image_problem("registry.local:5000/team/web:latest") == "latest"
assert image_problem("web@sha256:" + "a" * 64) is None, "a digest pins"
### BEGIN HIDDEN TESTS
assert image_problem("web:latest@sha256:" + "b" * 64) is None
assert image_problem("registry.local:5000/web:2") is None
assert image_problem("ghcr.io/org/web:latest-debug") is None
assert image_problem("ghcr.io/org/latest") == "no tag"
assert image_problem("localhost:5000/latest") == "no tag"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "any-colon"}
def image_problem(image):
    if "@" in image:
        return None
    if ":" not in image:
        return "no tag"
    return "latest" if image.endswith(":latest") else None

# %% course={"kind": "wrong", "id": "endswith-latest"}
def image_problem(image):
    last = image.rsplit("/", 1)[-1]
    if ":" not in last and "@" not in last:
        return "no tag"
    return "latest" if "latest" in last else None

# %% [markdown] course={"kind": "exercise", "id": "validate-manifests", "item": "x-implement-chart-testing"}
# ### A manifest validator
#
# Write `validate(stream)` for a multi-document YAML string (what `helm template` prints). Number documents from 0
# in the order of the stream; empty documents keep their number but have no findings. Return a sorted list of
# `Finding(doc, path, code)` (given below) for:
#
# - every document (non-empty): `"missing"` for each absent or empty `apiVersion`, `kind`, `metadata.name`;
#   `"bad-name"` at `metadata.name` when it is not a DNS-1123 label (the rule of the previous exercise);
# - a `Deployment`: `"missing"` for `spec.selector.matchLabels`, `spec.template.metadata.labels`; for each
#   key of `matchLabels` whose value the template labels do not hold, `"selector-mismatch"` at
#   `spec.selector.matchLabels.<key>`; for each container `i` whose image is `latest` or untagged, `"image-tag"` at
#   `spec.template.spec.containers[i].image`.
#
# ```python
# >>> validate("kind: Service\napiVersion: v1\nmetadata:\n  name: Web\n")
# [Finding(doc=0, path='metadata.name', code='bad-name')]
# ```

# %% [markdown] course={"kind": "hint"}
# Write a small `dig(doc, "a.b.c")` that returns `None` when any step is missing or not a dict.

# %% [markdown] course={"kind": "hint"}
# `enumerate(yaml.safe_load_all(stream))` numbers documents; `continue` on `None`. Sort at the end.

# %% course={"kind": "solution"}
@dataclass(frozen=True, order=True)
class Finding:
    doc: int
    path: str
    code: str


def validate(stream: str) -> list[Finding]:
    ### BEGIN SOLUTION
    def dig(node: Any, path: str) -> Any:
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    findings = []
    for index, doc in enumerate(yaml.safe_load_all(stream)):
        if doc is None:
            continue
        for path in ("apiVersion", "kind", "metadata.name"):
            if not dig(doc, path):
                findings.append(Finding(index, path, "missing"))
        name = dig(doc, "metadata.name")
        if name and not (
            isinstance(name, str) and len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)
        ):
            findings.append(Finding(index, "metadata.name", "bad-name"))
        if dig(doc, "kind") != "Deployment":
            continue
        selector = dig(doc, "spec.selector.matchLabels")
        labels = dig(doc, "spec.template.metadata.labels")
        for path, value in (("spec.selector.matchLabels", selector), ("spec.template.metadata.labels", labels)):
            if not value:
                findings.append(Finding(index, path, "missing"))
        for key, value in (selector or {}).items():
            if (labels or {}).get(key) != value or key not in (labels or {}):
                findings.append(Finding(index, f"spec.selector.matchLabels.{key}", "selector-mismatch"))
        for i, container in enumerate(dig(doc, "spec.template.spec.containers") or []):
            image = str(container.get("image", ""))
            last = image.split("/")[-1]
            if "@" not in image and (":" not in last or last.endswith(":latest")):
                findings.append(Finding(index, f"spec.template.spec.containers[{i}].image", "image-tag"))
    return sorted(findings)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "good-deployment"}
# For the tests of "A manifest validator": a Deployment with nothing wrong.
GOOD_DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n"
    "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: front\n"
    "    spec:\n      containers:\n        - name: web\n          image: web:1.4\n"
)

# %% course={"kind": "test", "points": 1}
assert validate(GOOD_DEPLOYMENT) == [], "a correct Deployment has no findings"

# %% course={"kind": "test", "points": 2}
stream = GOOD_DEPLOYMENT.replace("app: web\n  template", "app: website\n  template").replace("web:1.4", "web")
assert validate(stream) == [
    Finding(0, "spec.selector.matchLabels.app", "selector-mismatch"),
    Finding(0, "spec.template.spec.containers[0].image", "image-tag"),
], validate(stream)
### BEGIN HIDDEN TESTS
two = GOOD_DEPLOYMENT.replace("          image: web:1.4\n", "          image: web:1.4\n        - name: b\n          image: b:latest\n")
assert validate(two) == [Finding(0, "spec.template.spec.containers[1].image", "image-tag")]
for image, problem in (("registry.local:5000/web", True), ("registry.local:5000/web:2", False), ("5", True),
                       ("a/b:latest", True), ("a/b@sha256:" + "c" * 64, False)):
    found = validate(GOOD_DEPLOYMENT.replace("web:1.4", image))
    assert found == ([Finding(0, "spec.template.spec.containers[0].image", "image-tag")] if problem else []), image
extra_key = GOOD_DEPLOYMENT.replace("      app: web\n  template", "      app: web\n      zone: a\n  template")
assert validate(extra_key) == [Finding(0, "spec.selector.matchLabels.zone", "selector-mismatch")]
null_label = GOOD_DEPLOYMENT.replace("      app: web\n  template", "      app: web\n      opt: null\n  template")
assert validate(null_label) == [Finding(0, "spec.selector.matchLabels.opt", "selector-mismatch")]
no_sel = GOOD_DEPLOYMENT.replace("  selector:\n    matchLabels:\n      app: web\n", "")
assert validate(no_sel) == [Finding(0, "spec.selector.matchLabels", "missing")]
no_tpl_labels = GOOD_DEPLOYMENT.replace("      labels:\n        app: web\n        tier: front\n", "      labels: {}\n")
assert validate(no_tpl_labels) == [
    Finding(0, "spec.selector.matchLabels.app", "selector-mismatch"),
    Finding(0, "spec.template.metadata.labels", "missing"),
]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
multi = "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: Cfg\n---\n---\napiVersion: v1\nmetadata: {}\n"
assert validate(multi) == [
    Finding(0, "metadata.name", "bad-name"),
    Finding(2, "kind", "missing"),
    Finding(2, "metadata.name", "missing"),
], "empty documents keep their number; findings sorted by document, then path"
### BEGIN HIDDEN TESTS
assert validate("") == [] and validate("---\n---\n") == []
assert validate("just text\n---\n- a list\n") == [Finding(d, p, "missing") for d in (0, 1) for p in ("apiVersion", "kind", "metadata.name")]
assert validate("apiVersion: ''\nkind: Service\nmetadata:\n  name: " + "a" * 64 + "\n") == [
    Finding(0, "apiVersion", "missing"), Finding(0, "metadata.name", "bad-name")]
assert validate("apiVersion: v1\nkind: Service\nmetadata:\n  name: " + "a" * 63 + "\n") == []
assert validate("apiVersion: v1\nkind: Service\nmetadata:\n  name: 7\n") == [Finding(0, "metadata.name", "bad-name")]
assert validate("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n") == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "skips-empty-numbering"}
@dataclass(frozen=True, order=True)
class Finding:
    doc: int
    path: str
    code: str


def validate(stream):
    def dig(node, path):
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    findings = []
    docs = [d for d in yaml.safe_load_all(stream) if d is not None]
    for index, doc in enumerate(docs):
        for path in ("apiVersion", "kind", "metadata.name"):
            if not dig(doc, path):
                findings.append(Finding(index, path, "missing"))
        name = dig(doc, "metadata.name")
        if name and not (isinstance(name, str) and len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)):
            findings.append(Finding(index, "metadata.name", "bad-name"))
        if dig(doc, "kind") != "Deployment":
            continue
        selector = dig(doc, "spec.selector.matchLabels")
        labels = dig(doc, "spec.template.metadata.labels")
        for path, value in (("spec.selector.matchLabels", selector), ("spec.template.metadata.labels", labels)):
            if not value:
                findings.append(Finding(index, path, "missing"))
        for key, value in (selector or {}).items():
            if (labels or {}).get(key) != value or key not in (labels or {}):
                findings.append(Finding(index, f"spec.selector.matchLabels.{key}", "selector-mismatch"))
        for i, container in enumerate(dig(doc, "spec.template.spec.containers") or []):
            image = str(container.get("image", ""))
            last = image.split("/")[-1]
            if "@" not in image and (":" not in last or last.endswith(":latest")):
                findings.append(Finding(index, f"spec.template.spec.containers[{i}].image", "image-tag"))
    return sorted(findings)

# %% course={"kind": "wrong", "id": "labels-match-selector"}
@dataclass(frozen=True, order=True)
class Finding:
    doc: int
    path: str
    code: str


def validate(stream):
    def dig(node, path):
        for part in path.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    findings = []
    for index, doc in enumerate(yaml.safe_load_all(stream)):
        if doc is None:
            continue
        for path in ("apiVersion", "kind", "metadata.name"):
            if not dig(doc, path):
                findings.append(Finding(index, path, "missing"))
        name = dig(doc, "metadata.name")
        if name and not (isinstance(name, str) and len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)):
            findings.append(Finding(index, "metadata.name", "bad-name"))
        if dig(doc, "kind") != "Deployment":
            continue
        selector = dig(doc, "spec.selector.matchLabels")
        labels = dig(doc, "spec.template.metadata.labels")
        for path, value in (("spec.selector.matchLabels", selector), ("spec.template.metadata.labels", labels)):
            if not value:
                findings.append(Finding(index, path, "missing"))
        if selector != labels:  # the template may carry more labels than the selector asks for
            for key in selector or {}:
                findings.append(Finding(index, f"spec.selector.matchLabels.{key}", "selector-mismatch"))
        for i, container in enumerate(dig(doc, "spec.template.spec.containers") or []):
            image = str(container.get("image", ""))
            last = image.split("/")[-1]
            if "@" not in image and (":" not in last or last.endswith(":latest")):
                findings.append(Finding(index, f"spec.template.spec.containers[{i}].image", "image-tag"))
    return sorted(findings)

# %% [markdown] course={"kind": "exercise", "id": "kustomize-overlay"}
# ### A model of a Kustomize overlay
#
# Not Kustomize itself: a small model of three of its features. Write
# `overlay(resources, *, name_prefix="", common_labels=None, patches=())` returning **new** resources (the inputs
# must not change), in the same order:
#
# 1. each patch is a partial resource naming its target by `kind` and `metadata.name` (the name *before* the
#    prefix); merge it into that resource with Helm's values rules (maps merge, anything else replaces, `None`
#    deletes). A patch that matches no resource raises `ValueError` naming kind and name;
# 2. `name_prefix` goes in front of every `metadata.name`;
# 3. `common_labels` are added to every `metadata.labels`; for a `Deployment` also to `spec.selector.matchLabels`
#    and `spec.template.metadata.labels`, for a `Service` to `spec.selector` (as Kustomize does, so selectors keep
#    matching); create the dicts when absent.
#
# (Real Kustomize also sorts its output by kind; our model keeps the input order.)
#
# ```python
# >>> overlay([{"kind": "ConfigMap", "metadata": {"name": "cfg"}}], name_prefix="prod-", common_labels={"team": "a"})
# [{'kind': 'ConfigMap', 'metadata': {'name': 'prod-cfg', 'labels': {'team': 'a'}}}]
# ```

# %% [markdown] course={"kind": "hint"}
# Deep-copy the resources first; write the merge as a nested function (the same rules as `merge_values`).

# %% [markdown] course={"kind": "hint"}
# To add labels at a path, walk it with `node = node.setdefault(part, {})`, then `node.update(common_labels)`.

# %% course={"kind": "solution"}
def overlay(
    resources: Sequence[dict[str, Any]],
    *,
    name_prefix: str = "",
    common_labels: Mapping[str, str] | None = None,
    patches: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    def merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
        for key, value in patch.items():
            if value is None:
                base.pop(key, None)
            elif isinstance(value, dict):
                old = base.get(key)
                base[key] = merge(old if isinstance(old, dict) else {}, value)
            else:
                base[key] = copy.deepcopy(value)
        return base

    result = copy.deepcopy(list(resources))
    for patch in patches:
        target = (patch.get("kind"), patch.get("metadata", {}).get("name"))
        hits = [r for r in result if (r.get("kind"), r.get("metadata", {}).get("name")) == target]
        if not hits:
            raise ValueError(f"patch target {target[0]}/{target[1]} not found")
        for hit in hits:
            merge(hit, patch)
    for resource in result:
        metadata = resource.setdefault("metadata", {})
        metadata["name"] = name_prefix + metadata["name"]
        if not common_labels:
            continue
        paths = [("metadata", "labels")]
        if resource.get("kind") == "Deployment":
            paths += [("spec", "selector", "matchLabels"), ("spec", "template", "metadata", "labels")]
        elif resource.get("kind") == "Service":
            paths.append(("spec", "selector"))
        for path in paths:
            node = resource
            for part in path:
                node = node.setdefault(part, {})
            node.update(common_labels)
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert overlay([{"kind": "Service", "metadata": {"name": "web"}}], name_prefix="prod-") == [
    {"kind": "Service", "metadata": {"name": "prod-web"}}
], "namePrefix goes in front of the name"

# %% course={"kind": "setup", "id": "overlay-resources"}
# For the tests of "A model of a Kustomize overlay": a Deployment, a Service and a ConfigMap.
DEPLOY = {"kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
          "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                   "template": {"metadata": {"labels": {"app": "web"}},
                                "spec": {"containers": [{"name": "web", "image": "web:1.0"}]}}}}
SERVICE = {"kind": "Service", "metadata": {"name": "web"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}
CONFIG = {"kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"selector": "x"}}

# %% course={"kind": "test", "points": 2}
before = copy.deepcopy([DEPLOY, SERVICE, CONFIG])
out = overlay([DEPLOY, SERVICE, CONFIG], common_labels={"team": "shop"})
assert out[0]["spec"]["selector"]["matchLabels"] == {"app": "web", "team": "shop"}, "commonLabels reach the selector"
assert out[0]["spec"]["template"]["metadata"]["labels"] == {"app": "web", "team": "shop"}, "and the Pod template"
assert out[1]["spec"]["selector"] == {"app": "web", "team": "shop"}, "and a Service's selector"
assert out[2] == {"kind": "ConfigMap", "metadata": {"name": "cfg", "labels": {"team": "shop"}}, "data": {"selector": "x"}}, (
    "other kinds: metadata.labels only"
)
assert [DEPLOY, SERVICE, CONFIG] == before, "the input resources must not change"
### BEGIN HIDDEN TESTS
out[0]["spec"]["template"]["spec"]["containers"][0]["image"] = "x"
assert [DEPLOY, SERVICE, CONFIG] == before
assert overlay([{"kind": "Service", "metadata": {"name": "s"}}], common_labels={"t": "1"})[0]["spec"] == {"selector": {"t": "1"}}
bare = overlay([{"kind": "Deployment", "metadata": {"name": "d"}}], common_labels={"t": "1"})[0]
assert bare["spec"] == {"selector": {"matchLabels": {"t": "1"}}, "template": {"metadata": {"labels": {"t": "1"}}}}
assert overlay([], name_prefix="p-") == [] and type(overlay((SERVICE,))) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
patch = {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 3, "template": {"spec": {
    "containers": [{"name": "web", "image": "web:2.0"}]}}}}
got = overlay([SERVICE, DEPLOY], name_prefix="prod-", patches=[patch])
assert got[1]["metadata"]["name"] == "prod-web" and got[1]["spec"]["replicas"] == 3, "patch by kind and original name"
assert got[1]["spec"]["template"]["spec"]["containers"] == [{"name": "web", "image": "web:2.0"}], "a list replaces"
assert got[0]["spec"] == SERVICE["spec"], "a Service named web is not the Deployment named web"
try:
    overlay([DEPLOY], patches=[{"kind": "Deployment", "metadata": {"name": "api"}}])
except ValueError as error:
    assert "api" in str(error) and "Deployment" in str(error), f"the error names the target's kind and name: {error}"
else:
    raise AssertionError("a patch with no target must raise ValueError")
### BEGIN HIDDEN TESTS
gone = overlay([DEPLOY], patches=[{"kind": "Deployment", "metadata": {"name": "web", "labels": None}}])
assert "labels" not in gone[0]["metadata"] and DEPLOY["metadata"]["labels"] == {"app": "web"}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "labels-metadata-only"}
def overlay(resources, *, name_prefix="", common_labels=None, patches=()):
    def merge(base, patch):
        for key, value in patch.items():
            if value is None:
                base.pop(key, None)
            elif isinstance(value, dict):
                old = base.get(key)
                base[key] = merge(old if isinstance(old, dict) else {}, value)
            else:
                base[key] = copy.deepcopy(value)
        return base

    result = copy.deepcopy(list(resources))
    for patch in patches:
        target = (patch.get("kind"), patch.get("metadata", {}).get("name"))
        hits = [r for r in result if (r.get("kind"), r.get("metadata", {}).get("name")) == target]
        if not hits:
            raise ValueError(f"patch target {target} not found")
        for hit in hits:
            merge(hit, patch)
    for resource in result:
        metadata = resource.setdefault("metadata", {})
        metadata["name"] = name_prefix + metadata["name"]
        if common_labels:
            metadata.setdefault("labels", {}).update(common_labels)
    return result

# %% course={"kind": "wrong", "id": "prefix-before-patch"}
def overlay(resources, *, name_prefix="", common_labels=None, patches=()):
    def merge(base, patch):
        for key, value in patch.items():
            if value is None:
                base.pop(key, None)
            elif isinstance(value, dict):
                old = base.get(key)
                base[key] = merge(old if isinstance(old, dict) else {}, value)
            else:
                base[key] = copy.deepcopy(value)
        return base

    result = copy.deepcopy(list(resources))
    for resource in result:
        resource.setdefault("metadata", {})["name"] = name_prefix + resource["metadata"]["name"]
    for patch in patches:
        target = (patch.get("kind"), patch.get("metadata", {}).get("name"))
        hits = [r for r in result if (r.get("kind"), r.get("metadata", {}).get("name")) == target]
        if not hits:
            raise ValueError(f"patch target {target} not found")
        for hit in hits:
            merge(hit, patch)
    for resource in result:
        if not common_labels:
            continue
        paths = [("metadata", "labels")]
        if resource.get("kind") == "Deployment":
            paths += [("spec", "selector", "matchLabels"), ("spec", "template", "metadata", "labels")]
        elif resource.get("kind") == "Service":
            paths.append(("spec", "selector"))
        for path in paths:
            node = resource
            for part in path:
                node = node.setdefault(part, {})
            node.update(common_labels)
    return result

# %% course={"kind": "wrong", "id": "shallow-copy"}
def overlay(resources, *, name_prefix="", common_labels=None, patches=()):
    def merge(base, patch):
        for key, value in patch.items():
            if value is None:
                base.pop(key, None)
            elif isinstance(value, dict):
                old = base.get(key)
                base[key] = merge(old if isinstance(old, dict) else {}, value)
            else:
                base[key] = copy.deepcopy(value)
        return base

    result = [dict(r) for r in resources]
    for patch in patches:
        target = (patch.get("kind"), patch.get("metadata", {}).get("name"))
        hits = [r for r in result if (r.get("kind"), r.get("metadata", {}).get("name")) == target]
        if not hits:
            raise ValueError(f"patch target {target} not found")
        for hit in hits:
            merge(hit, patch)
    for resource in result:
        resource["metadata"] = dict(resource["metadata"], name=name_prefix + resource["metadata"]["name"])
        if not common_labels:
            continue
        paths = [("metadata", "labels")]
        if resource.get("kind") == "Deployment":
            paths += [("spec", "selector", "matchLabels"), ("spec", "template", "metadata", "labels")]
        elif resource.get("kind") == "Service":
            paths.append(("spec", "selector"))
        for path in paths:
            node = resource
            for part in path:
                node = node.setdefault(part, {})
            node.update(common_labels)
    return result

# %% [markdown] course={"kind": "exercise", "id": "rollback", "item": "x-automate-release-management"}
# ### Roll a release back, the way Helm records it
#
# A release's history is a tuple of `Revision(number, chart, values, status, description)` (a frozen dataclass,
# given: it is defined in the setup cells at the top of this notebook), numbered
# from 1 in order. Write `rollback(history, to=0)` returning the **new** history (a tuple; the input is not
# changed) after rolling back to revision `to` (`0` means the one before the latest):
#
# - a new revision is appended, numbered one more than the last, with the target's `chart` and `values`,
#   status `"deployed"` and description `f"Rollback to {to}"` (with the resolved number);
# - the revision that was `"deployed"` becomes `"superseded"`; other statuses (`"failed"`, `"superseded"`) stay;
# - an unknown revision, or `to=0` with fewer than two revisions, raises `ValueError`.
#
# ```python
# >>> h = (Revision(1, "web-0.1.0", "a", "superseded", "Install complete"),
# ...      Revision(2, "web-0.2.0", "b", "deployed", "Upgrade complete"))
# >>> rollback(h)[-1]
# Revision(number=3, chart='web-0.1.0', values='a', status='deployed', description='Rollback to 1')
# ```

# %% [markdown] course={"kind": "hint"}
# `dataclasses.replace(rev, status="superseded")` makes a changed copy of a frozen dataclass.

# %% [markdown] course={"kind": "hint"}
# Previous means `history[-2]`, whatever its status; the target is found by its number, not by its position.

# %% course={"kind": "setup", "id": "history"}
# For "Roll a release back": the revision record the exercise uses (given), and a three-revision history.
import dataclasses


@dataclass(frozen=True)
class Revision:
    number: int
    chart: str
    values: str
    status: str
    description: str


H = (
    Revision(1, "web-0.1.0", "v1", "superseded", "Install complete"),
    Revision(2, "web-0.2.0", "v2", "superseded", "Upgrade complete"),
    Revision(3, "web-0.3.0", "v3", "deployed", "Upgrade complete"),
)

# %% course={"kind": "solution"}
def rollback(history: tuple[Revision, ...], to: int = 0) -> tuple[Revision, ...]:
    ### BEGIN SOLUTION
    if to == 0:
        if len(history) < 2:
            raise ValueError("no previous revision to roll back to")
        to = history[-2].number
    target = next((rev for rev in history if rev.number == to), None)
    if target is None:
        raise ValueError(f"revision {to} not found")
    kept = [dataclasses.replace(r, status="superseded") if r.status == "deployed" else r for r in history]
    new = Revision(history[-1].number + 1, target.chart, target.values, "deployed", f"Rollback to {to}")
    return (*kept, new)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert rollback(H)[-1] == Revision(4, "web-0.2.0", "v2", "deployed", "Rollback to 2"), "to=0: the previous revision"

# %% course={"kind": "test", "points": 2}
back = rollback(H, to=1)
assert back[:3] == (H[0], H[1], dataclasses.replace(H[2], status="superseded")), "the deployed one is superseded"
assert back[3] == Revision(4, "web-0.1.0", "v1", "deployed", "Rollback to 1"), back[3]
assert type(back) is tuple and H[2].status == "deployed", "a new tuple; the input is unchanged"
### BEGIN HIDDEN TESTS
failed = (*H, Revision(4, "web-0.4.0", "v4", "failed", "Upgrade failed"))
after = rollback(failed)
assert after[3].status == "failed" and after[2].status == "superseded"
assert after[4] == Revision(5, "web-0.3.0", "v3", "deployed", "Rollback to 3")
odd = (H[0], Revision(2, "web-0.2.0", "v2", "failed", "Upgrade failed"), Revision(3, "web-0.1.0", "v1", "deployed", "Rollback to 1"))
assert rollback(odd)[-1] == Revision(4, "web-0.2.0", "v2", "deployed", "Rollback to 2"), "previous = number - 1"
assert rollback(H[:2])[-1] == Revision(3, "web-0.1.0", "v1", "deployed", "Rollback to 1"), "two revisions suffice"
pruned = H[1:]
assert rollback(pruned, to=2)[-1] == Revision(4, "web-0.2.0", "v2", "deployed", "Rollback to 2")
assert rollback(pruned, to=3)[-1].number == 4 and rollback(H, to=3)[-1].chart == "web-0.3.0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad_history, bad_to in ((H, 9), (H, -1), (H[:1], 0), ((), 0), (H[1:], 1)):
    try:
        rollback(bad_history, bad_to)
    except ValueError:
        pass
    else:
        raise AssertionError(f"rollback to {bad_to} must raise ValueError here")

# %% course={"kind": "wrong", "id": "index-not-number"}
def rollback(history, to=0):
    if to == 0:
        if len(history) < 2:
            raise ValueError("no previous revision")
        to = history[-2].number
    if not 1 <= to <= len(history):
        raise ValueError(to)
    target = history[to - 1]
    kept = tuple(dataclasses.replace(r, status="superseded") if r.status == "deployed" else r for r in history)
    return (*kept, Revision(history[-1].number + 1, target.chart, target.values, "deployed", f"Rollback to {to}"))

# %% course={"kind": "wrong", "id": "all-superseded"}
def rollback(history, to=0):
    if to == 0:
        if len(history) < 2:
            raise ValueError("no previous revision")
        to = history[-2].number
    target = next((rev for rev in history if rev.number == to), None)
    if target is None:
        raise ValueError(to)
    kept = tuple(dataclasses.replace(r, status="superseded") for r in history)
    return (*kept, Revision(history[-1].number + 1, target.chart, target.values, "deployed", f"Rollback to {to}"))

# %% course={"kind": "wrong", "id": "previous-deployed-one"}
def rollback(history, to=0):
    if to == 0:
        older = [r for r in history[:-1] if r.status in ("deployed", "superseded")]
        if not older:
            raise ValueError("no previous revision")
        to = older[-1].number
    target = next((rev for rev in history if rev.number == to), None)
    if target is None:
        raise ValueError(to)
    kept = tuple(dataclasses.replace(r, status="superseded") if r.status == "deployed" else r for r in history)
    return (*kept, Revision(history[-1].number + 1, target.chart, target.values, "deployed", f"Rollback to {to}"))

# %% [markdown] course={"kind": "exercise", "id": "release-diff", "item": "project-17-4-1"}
# ### Project core: what changed between two releases?
#
# Before an upgrade (or to explain a rollback) you compare the manifests two revisions render. Write
# `release_diff(old, new)` for two lists of manifests, identifying each by `"Kind/name"` (`kind` and
# `metadata.name`), returning `{"added": [...], "removed": [...], "changed": [...]}`: the keys only in `new`, only
# in `old`, and in both with different content, each list **sorted**. Two manifests are the same when they hold
# the same data: key order in a dict does not count, but the type of a value does (`1`, `1.0`, `true` and `"1"`
# are four different YAML values, though Python's `==` calls the first three equal).
#
# ```python
# >>> release_diff([{"kind": "Service", "metadata": {"name": "web"}}],
# ...              [{"kind": "Service", "metadata": {"name": "web"}, "spec": {}}, {"kind": "Secret", "metadata": {"name": "k"}}])
# {'added': ['Secret/k'], 'removed': [], 'changed': ['Service/web']}
# ```

# %% [markdown] course={"kind": "hint"}
# Index both sides in a dict keyed by `f"{kind}/{name}"`; `before.keys() - after.keys()` is a set difference.

# %% [markdown] course={"kind": "hint"}
# Compare a canonical text of each manifest instead of the dicts: `yaml.safe_dump(doc, sort_keys=True)` writes
# `1`, `1.0` and `true` differently and sorts the keys, so key order stops mattering.

# %% course={"kind": "solution"}
def release_diff(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    ### BEGIN SOLUTION
    def index(docs: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {f"{doc['kind']}/{doc['metadata']['name']}": doc for doc in docs}

    def canonical(doc: dict[str, Any]) -> str:
        return yaml.safe_dump(doc, sort_keys=True)

    before, after = index(old), index(new)
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": sorted(key for key in before.keys() & after.keys() if canonical(before[key]) != canonical(after[key])),
    }
    ### END SOLUTION


# %% course={"kind": "setup", "id": "release-manifests"}
# For the tests of "What changed between two releases?": two manifests.
WEB_SVC = {"kind": "Service", "metadata": {"name": "web"}, "spec": {"ports": [{"port": 80}]}}
WEB_DEP = {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 2}}

# %% course={"kind": "test", "points": 1}
assert release_diff([WEB_SVC], [WEB_SVC]) == {"added": [], "removed": [], "changed": []}, "same manifests: no change"

# %% course={"kind": "test", "points": 2}
moved = dict(WEB_DEP, spec={"replicas": 3})
got = release_diff([WEB_SVC, WEB_DEP, {"kind": "ConfigMap", "metadata": {"name": "old"}}],
                   [{"kind": "Secret", "metadata": {"name": "b"}}, moved, WEB_SVC, {"kind": "Secret", "metadata": {"name": "a"}}])
assert got == {"added": ["Secret/a", "Secret/b"], "removed": ["ConfigMap/old"], "changed": ["Deployment/web"]}, got
assert all(type(got[k]) is list for k in ("added", "removed", "changed")), "each value is a sorted list"
### BEGIN HIDDEN TESTS
assert release_diff([], []) == {"added": [], "removed": [], "changed": []}
reordered = {"spec": {"ports": [{"port": 80}]}, "metadata": {"name": "web"}, "kind": "Service"}
assert release_diff([WEB_SVC], [reordered])["changed"] == []
assert release_diff([WEB_SVC], [dict(WEB_SVC, spec={"ports": [{"port": 81}]})])["changed"] == ["Service/web"]
three = [{"kind": "Secret", "metadata": {"name": n}} for n in "cab"]
assert release_diff(three, [])["removed"] == ["Secret/a", "Secret/b", "Secret/c"]
assert release_diff(iter(three), iter(three[:1]))["removed"] == ["Secret/a", "Secret/b"]
for old_value, new_value in ((1, True), (1, 1.0), (0, False), (1, "1")):
    typed_diff = release_diff([dict(WEB_DEP, spec={"replicas": old_value})], [dict(WEB_DEP, spec={"replicas": new_value})])
    assert typed_diff["changed"] == ["Deployment/web"], (old_value, new_value)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
same_name = release_diff([WEB_SVC], [WEB_SVC, WEB_DEP])
assert same_name == {"added": ["Deployment/web"], "removed": [], "changed": []}, "kind and name together identify a manifest"

# %% course={"kind": "wrong", "id": "name-only"}
def release_diff(old, new):
    before = {doc["metadata"]["name"]: doc for doc in old}
    after = {doc["metadata"]["name"]: doc for doc in new}
    return {
        "added": sorted(f"{after[k]['kind']}/{k}" for k in after.keys() - before.keys()),
        "removed": sorted(f"{before[k]['kind']}/{k}" for k in before.keys() - after.keys()),
        "changed": sorted(f"{after[k]['kind']}/{k}" for k in before.keys() & after.keys() if before[k] != after[k]),
    }

# %% course={"kind": "wrong", "id": "python-equality"}
def release_diff(old, new):
    before = {f"{d['kind']}/{d['metadata']['name']}": d for d in old}
    after = {f"{d['kind']}/{d['metadata']['name']}": d for d in new}
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": sorted(k for k in before.keys() & after.keys() if before[k] != after[k]),
    }

# %% course={"kind": "wrong", "id": "compares-yaml-text"}
def release_diff(old, new):
    before = {f"{d['kind']}/{d['metadata']['name']}": yaml.safe_dump(d, sort_keys=False) for d in old}
    after = {f"{d['kind']}/{d['metadata']['name']}": yaml.safe_dump(d, sort_keys=False) for d in new}
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": sorted(k for k in before.keys() & after.keys() if before[k] != after[k]),
    }

# %% [markdown] course={"kind": "exercise", "id": "chart-files", "item": "project-17-4-2"}
# ### Project core: generate a chart from an application spec
#
# Write `chart_files(spec)` for a spec like `{"name": "web", "image": "web:1.10", "port": 8080, "replicas": 2}`,
# returning the chart as `{relative path: text}` with four files:
#
# - `Chart.yaml`: `apiVersion: v2`, `name` (the spec's name), `version: 0.1.0`, `appVersion` (the image's tag,
#   **as a string**: `1.10` must stay `"1.10"`);
# - `values.yaml`: `replicas`, `port`, and `image` with `repository` and `tag`;
# - `templates/deployment.yaml` and `templates/service.yaml`: Jinja2 templates (context `Values`, `Chart`,
#   `Release`, as in `render_chart`) that render a Deployment and a Service both named
#   `<Release.Name>-<Chart.name>` cut to 63 characters with any `-` at the cut end removed, sharing the labels
#   `{"app.kubernetes.io/name": <Chart.name>, "app.kubernetes.io/instance": <Release.Name>}` as Deployment
#   selector, Pod template labels and Service selector; the container's image is `repository:tag`, its
#   `containerPort` and the Service's `port` the port, replicas from the values.
#
# The image is split at the last `:` after the last `/` (a registry port is not a tag); a spec image without a
# tag raises `ValueError`.
#
# ```python
# >>> files = chart_files({"name": "web", "image": "web:1.10", "port": 8080, "replicas": 2})
# >>> sorted(files), yaml.safe_load(files["Chart.yaml"])["appVersion"]
# (['Chart.yaml', 'templates/deployment.yaml', 'templates/service.yaml', 'values.yaml'], '1.10')
# ```

# %% [markdown] course={"kind": "hint"}
# Write `Chart.yaml` and `values.yaml` with `yaml.safe_dump` (it quotes `"1.10"` for you); write the templates as
# text, with `| tojson` on every string.

# %% [markdown] course={"kind": "hint"}
# In Jinja2, `(Release.Name ~ "-" ~ Chart.name)[:63].rstrip("-")` computes the name; a `{% set %}` at the top of a
# template keeps it in one place.

# %% course={"kind": "solution"}
def chart_files(spec: Mapping[str, Any]) -> dict[str, str]:
    ### BEGIN SOLUTION
    image = spec["image"]
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon <= slash:
        raise ValueError(f"image {image!r} has no tag")
    repository, tag = image[:colon], image[colon + 1 :]
    chart = {"apiVersion": "v2", "name": spec["name"], "version": "0.1.0", "appVersion": tag}
    values = {"replicas": spec["replicas"], "port": spec["port"], "image": {"repository": repository, "tag": tag}}
    head = (
        '{% set name = (Release.Name ~ "-" ~ Chart.name)[:63].rstrip("-") %}'
        "{% set labels = {'app.kubernetes.io/name': Chart.name, 'app.kubernetes.io/instance': Release.Name} %}\n"
    )
    deployment = head + (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ name | tojson }}\n  labels: {{ labels | tojson }}\n"
        "spec:\n  replicas: {{ Values.replicas | tojson }}\n  selector:\n    matchLabels: {{ labels | tojson }}\n"
        "  template:\n    metadata:\n      labels: {{ labels | tojson }}\n    spec:\n      containers:\n"
        "        - name: {{ Chart.name | tojson }}\n"
        "          image: {{ (Values.image.repository ~ ':' ~ Values.image.tag) | tojson }}\n"
        "          ports:\n            - containerPort: {{ Values.port | tojson }}\n"
    )
    service = head + (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name | tojson }}\n  labels: {{ labels | tojson }}\n"
        "spec:\n  selector: {{ labels | tojson }}\n  ports:\n    - port: {{ Values.port | tojson }}\n"
    )
    return {
        "Chart.yaml": yaml.safe_dump(chart),
        "values.yaml": yaml.safe_dump(values),
        "templates/deployment.yaml": deployment,
        "templates/service.yaml": service,
    }
    ### END SOLUTION


# %% course={"kind": "setup", "id": "render-generated"}
# For the tests of "Generate a chart from an application spec": render the generated files in memory.
def rendered(files: Mapping[str, str], release: str) -> dict[str, Any]:
    """Render a generated chart in memory: {"Chart": ..., "Values": ..., "Deployment": ..., "Service": ...}."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    chart, values = yaml.safe_load(files["Chart.yaml"]), yaml.safe_load(files["values.yaml"])
    out = {"Chart": chart, "Values": values}
    for name in ("templates/deployment.yaml", "templates/service.yaml"):
        text = env.from_string(files[name]).render(Values=values, Chart=chart, Release={"Name": release})
        doc = yaml.safe_load(text)
        out[doc["kind"]] = doc
    return out


WEB_SPEC = {"name": "web", "image": "web:1.10", "port": 8080, "replicas": 2}

# %% course={"kind": "test", "points": 1}
chart_out = rendered(chart_files(WEB_SPEC), "shop")
assert chart_out["Chart"] == {"apiVersion": "v2", "name": "web", "version": "0.1.0", "appVersion": "1.10"}, (
    f"Chart.yaml, with appVersion the string '1.10': {chart_out['Chart']}"
)

# %% course={"kind": "test", "points": 2}
chart_out = rendered(chart_files(WEB_SPEC), "shop")
dep, svc = chart_out["Deployment"], chart_out["Service"]
labels = {"app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "shop"}
assert dep["metadata"]["name"] == svc["metadata"]["name"] == "shop-web", "both named <release>-<chart>"
assert dep["spec"]["selector"]["matchLabels"] == dep["spec"]["template"]["metadata"]["labels"] == labels, (
    "the Deployment's selector and Pod labels are the shared labels"
)
assert svc["spec"]["selector"] == labels, "the Service selects the same Pods"
### BEGIN HIDDEN TESTS
container = dep["spec"]["template"]["spec"]["containers"][0]
assert container["image"] == "web:1.10" and container["ports"] == [{"containerPort": 8080}]
assert dep["spec"]["replicas"] == 2 and type(dep["spec"]["replicas"]) is int
assert svc["spec"]["ports"] == [{"port": 8080}] and dep["apiVersion"] == "apps/v1" and svc["apiVersion"] == "v1"
assert chart_out["Values"] == {"replicas": 2, "port": 8080, "image": {"repository": "web", "tag": "1.10"}}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
reg = rendered(chart_files({"name": "api", "image": "registry.local:5000/team/api:2.0", "port": 80, "replicas": 1}), "r")
assert reg["Values"]["image"] == {"repository": "registry.local:5000/team/api", "tag": "2.0"}, "split at the tag's colon"
long_release = "a" * 58 + "-b"
long_name = rendered(chart_files(WEB_SPEC), long_release)["Service"]["metadata"]["name"]
assert long_name == "a" * 58 + "-b-we", f"cut to 63 characters: {long_name!r}"
try:
    chart_files({"name": "api", "image": "registry.local:5000/api", "port": 80, "replicas": 1})
except ValueError:
    pass
else:
    raise AssertionError("an image without a tag must raise ValueError")
### BEGIN HIDDEN TESTS
cut = rendered(chart_files(WEB_SPEC), "a" * 62 + "-x")["Deployment"]["metadata"]["name"]
assert cut == "a" * 62, cut
fits = rendered(chart_files(WEB_SPEC), "a" * 59)["Deployment"]["metadata"]["name"]
assert fits == "a" * 59 + "-web"
odd_spec = {"name": "y", "image": "y:on", "port": 1, "replicas": 0}
odd = rendered(chart_files(odd_spec), "n")
assert odd["Chart"]["appVersion"] == "on" and odd["Deployment"]["spec"]["replicas"] == 0
assert odd["Deployment"]["spec"]["template"]["spec"]["containers"][0]["image"] == "y:on"
for bad in ("plain", "host:5000/plain"):
    try:
        chart_files({"name": "z", "image": bad, "port": 1, "replicas": 1})
    except ValueError:
        pass
    else:
        raise AssertionError(bad)
assert sorted(chart_files(WEB_SPEC)) == ["Chart.yaml", "templates/deployment.yaml", "templates/service.yaml", "values.yaml"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fstring-chart-yaml"}
def chart_files(spec):
    repository, _, tag = spec["image"].rpartition(":")
    if not repository or "/" in tag:
        raise ValueError(spec["image"])
    head = (
        '{% set name = (Release.Name ~ "-" ~ Chart.name)[:63].rstrip("-") %}'
        "{% set labels = {'app.kubernetes.io/name': Chart.name, 'app.kubernetes.io/instance': Release.Name} %}\n"
    )
    return {
        "Chart.yaml": f"apiVersion: v2\nname: {spec['name']}\nversion: 0.1.0\nappVersion: {tag}\n",
        "values.yaml": f"replicas: {spec['replicas']}\nport: {spec['port']}\nimage:\n  repository: {repository}\n  tag: {tag}\n",
        "templates/deployment.yaml": head + (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ name }}\n  labels: {{ labels | tojson }}\n"
            "spec:\n  replicas: {{ Values.replicas }}\n  selector:\n    matchLabels: {{ labels | tojson }}\n"
            "  template:\n    metadata:\n      labels: {{ labels | tojson }}\n    spec:\n      containers:\n"
            "        - name: {{ Chart.name }}\n          image: {{ Values.image.repository }}:{{ Values.image.tag }}\n"
            "          ports:\n            - containerPort: {{ Values.port }}\n"
        ),
        "templates/service.yaml": head + (
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name }}\n  labels: {{ labels | tojson }}\n"
            "spec:\n  selector: {{ labels | tojson }}\n  ports:\n    - port: {{ Values.port }}\n"
        ),
    }

# %% course={"kind": "wrong", "id": "uncut-names"}
def chart_files(spec):
    image = spec["image"]
    slash, colon = image.rfind("/"), image.rfind(":")
    if colon <= slash:
        raise ValueError(image)
    repository, tag = image[:colon], image[colon + 1 :]
    chart = {"apiVersion": "v2", "name": spec["name"], "version": "0.1.0", "appVersion": tag}
    values = {"replicas": spec["replicas"], "port": spec["port"], "image": {"repository": repository, "tag": tag}}
    head = (
        '{% set name = Release.Name ~ "-" ~ Chart.name %}'
        "{% set labels = {'app.kubernetes.io/name': Chart.name, 'app.kubernetes.io/instance': Release.Name} %}\n"
    )
    return {
        "Chart.yaml": yaml.safe_dump(chart),
        "values.yaml": yaml.safe_dump(values),
        "templates/deployment.yaml": head + (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ name | tojson }}\n  labels: {{ labels | tojson }}\n"
            "spec:\n  replicas: {{ Values.replicas | tojson }}\n  selector:\n    matchLabels: {{ labels | tojson }}\n"
            "  template:\n    metadata:\n      labels: {{ labels | tojson }}\n    spec:\n      containers:\n"
            "        - name: {{ Chart.name | tojson }}\n"
            "          image: {{ (Values.image.repository ~ ':' ~ Values.image.tag) | tojson }}\n"
            "          ports:\n            - containerPort: {{ Values.port | tojson }}\n"
        ),
        "templates/service.yaml": head + (
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name | tojson }}\n  labels: {{ labels | tojson }}\n"
            "spec:\n  selector: {{ labels | tojson }}\n  ports:\n    - port: {{ Values.port | tojson }}\n"
        ),
    }

# %% course={"kind": "wrong", "id": "selector-name-only"}
def chart_files(spec):
    image = spec["image"]
    slash, colon = image.rfind("/"), image.rfind(":")
    if colon <= slash:
        raise ValueError(image)
    repository, tag = image[:colon], image[colon + 1 :]
    chart = {"apiVersion": "v2", "name": spec["name"], "version": "0.1.0", "appVersion": tag}
    values = {"replicas": spec["replicas"], "port": spec["port"], "image": {"repository": repository, "tag": tag}}
    head = (
        '{% set name = (Release.Name ~ "-" ~ Chart.name)[:63].rstrip("-") %}'
        "{% set labels = {'app.kubernetes.io/name': Chart.name, 'app.kubernetes.io/instance': Release.Name} %}\n"
    )
    return {
        "Chart.yaml": yaml.safe_dump(chart),
        "values.yaml": yaml.safe_dump(values),
        "templates/deployment.yaml": head + (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ name | tojson }}\n  labels: {{ labels | tojson }}\n"
            "spec:\n  replicas: {{ Values.replicas | tojson }}\n  selector:\n    matchLabels: {{ labels | tojson }}\n"
            "  template:\n    metadata:\n      labels: {{ labels | tojson }}\n    spec:\n      containers:\n"
            "        - name: {{ Chart.name | tojson }}\n"
            "          image: {{ (Values.image.repository ~ ':' ~ Values.image.tag) | tojson }}\n"
            "          ports:\n            - containerPort: {{ Values.port | tojson }}\n"
        ),
        "templates/service.yaml": head + (
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ name | tojson }}\n"
            "spec:\n  selector: {'app.kubernetes.io/name': {{ Chart.name | tojson }}}\n  ports:\n    - port: {{ Values.port | tojson }}\n"
        ),
    }

# %% [markdown] course={"kind": "task", "id": "release-manager", "points": 3, "item": "project-17-4-1"}
# ### Project: a Helm release manager
#
# Build on `upgrade_argv`, `rollback` and `validate`: a small tool (a module with a command line) that lists
# releases across several kube contexts (`helm list -A -o json --kube-context C`), installs or upgrades only after
# `render_chart` + `validate` report nothing, keeps each release's history (`helm history -o json`), rolls back
# automatically when a health check after `--wait` fails, and shows the difference between two revisions' rendered
# manifests by `(kind, name)`. Run `helm` through one function that takes the argument list, so tests can give it
# a fake runner; no test may need a cluster or a `helm` binary.

# %% [markdown] course={"kind": "rubric"}
# - every `helm` call goes through one runner function taking a list (no `shell=True`, no string commands) (1)
# - install/upgrade refuses to run when rendering or validation finds a problem, and says which document and path (1)
# - rollback automation and the release diff are tested with a fake runner and recorded histories, not a cluster (1)

# %% [markdown] course={"kind": "task", "id": "chart-generator", "points": 3, "item": "project-17-4-2"}
# ### Project: a chart generator
#
# From an application spec (`{"name": "web", "image": "web:1.4", "port": 8080, "replicas": 2}`), write a chart
# folder: `Chart.yaml` (apiVersion v2, a SemVer `version`, `appVersion` from the image tag), `values.yaml`,
# `values.schema.json`, and `templates/deployment.yaml` + `templates/service.yaml` with selectors built from one
# shared labels block. Best practices: names truncated to 63 characters, every string value quoted (`tojson`),
# resources requests set, no `latest`. Validate the output with `render_chart`, `schema_problems` and `validate`.

# %% [markdown] course={"kind": "rubric"}
# - the generated chart renders with `render_chart` and `validate` finds nothing, for at least two specs (1)
# - values.schema.json rejects a bad spec (e.g. replicas 0, a missing image) with `schema_problems` (1)
# - selectors and template labels come from one place, and the long-name case is tested (1)

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-automate-helm-deployments"}
# In the pipeline, after the image is built and pushed: `helm lint`, `helm template` with each environment's
# values, validation of the rendered manifests (schema and the team's rules), then
# `helm upgrade --install RELEASE CHART -n NS -f values/ENV.yaml --set image.tag=$SHA --wait` with a timeout,
# `helm test RELEASE`, and a rollback to the last good revision when the wait, the tests or a health check fail.
# The chart version and the values live in git; the pipeline passes only what changes per build (the image tag).
# With GitOps, the pipeline instead commits the new tag and Argo CD or Flux runs the same Helm render in-cluster.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-helm-values-across"}
# One `values.yaml` in the chart with safe defaults, and one small file per environment (`values/staging.yaml`,
# `values/prod.yaml`) that holds only the differences, passed with `-f` in a fixed order (later files win; maps
# merge, lists replace, `null` deletes a default). `--set` only for what a pipeline computes (the image tag).
# Secrets stay out of values files in git: use a secrets manager, External Secrets, or encrypted files (SOPS).
# A `values.schema.json` makes a typo fail at install time instead of rendering an empty field.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-test-helm-charts"}
# In layers: `helm lint`; render with `helm template` for every environment's values and validate the output
# (Kubernetes schemas with a tool like kubeconform, plus our own rules: selectors match, no `latest`, names fit);
# snapshot or unit tests on the rendered YAML (the helm-unittest plugin, or pytest on `helm template` output); a
# `values.schema.json` tested with good and bad values; then an install into a throwaway cluster (kind) and
# `helm test`, which runs the chart's test Pods; chart-testing (`ct lint`, `ct install`) runs these for changed charts.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-helm-and"}
# Helm is a package manager: charts are *templates* with values, versioned and published to repositories, and
# Helm tracks *releases* in the cluster (history, rollback, hooks). Kustomize has no templates and no releases:
# plain valid YAML as a base, plus overlays that patch it (name prefixes, common labels, patches), built into
# `kubectl` as `kubectl apply -k`. Helm suits software you distribute to others with many knobs; Kustomize suits
# your own manifests with a few per-environment differences. They combine: Kustomize can post-process
# Helm's rendered output, and Argo CD and Flux both support either.
