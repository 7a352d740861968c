# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can lay out a Python project (src or flat), write its
# `pyproject.toml`, control what a package exports and when it imports, declare console scripts and
# plugins as entry points, and build a wheel by hand and install it with pip, all without a network.

# %% course={"kind": "setup", "id": "scratch-packages"}
# Every demo and test below builds packages in a temporary folder. `scratch_modules(files)` (from the
# course's helpers) writes {relative path: text} into a new folder that is first on the import path
# for one `with` block; afterwards the folder is deleted and every module imported from it
# forgotten, so nothing stays installed in this notebook's Python. `write_tree` only writes files.
import sys
from pathlib import Path

from course.runtime.modules import scratch_modules


def write_tree(root: str | Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under root, making folders as needed; return root as a Path."""
    root = Path(root)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def show_tree(root: str | Path) -> None:
    """Print the files under root, one per line, sorted, as paths relative to root."""
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        print("  ", path.relative_to(root).as_posix())


# %% course={"kind": "setup", "id": "run-cli"}
# What the CLI tests use to capture what a main() prints.
import contextlib
import io


def run_cli(main_function, argv):
    """Call main_function(argv); return (its result, what it printed on stdout, on stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main_function(argv)
    return code, out.getvalue(), err.getvalue()

# %% [markdown] course={"kind": "lesson", "id": "what-is-a-package", "covers": ["c-what-is-a-package"]}
# ### Modules and packages
#
# A **module** is one file of Python code (`net.py`); importing it gives a module object whose
# globals are the file's top-level names. A **package** is a *folder* of modules that you import
# by its folder name (`tools`), and whose modules you reach with dots (`tools.net`). Packages nest:
# `tools.disk.usage` is the module `usage` inside the subpackage `disk` inside `tools`.
#
# Under the hood a package is just a module object with one extra attribute, `__path__`: the list
# of folders Python searches for its submodules. A plain module has no `__path__`, which is why
# `import net.something` fails on a module. In infrastructure work the package is the unit you
# share: an internal SDK, a set of Ansible helpers, a model-serving library all ship as packages.
#
# What people get wrong: thinking the folder alone is enough to import *across* projects. A
# package is found only if its **parent folder** is on `sys.path` (the script's folder, the
# current folder for `-m`, or `site-packages` once installed).

# %% course={"kind": "demo"}
with scratch_modules({
    "tools/__init__.py": "",
    "tools/net.py": "def ping(host):\n    return f'pong from {host}'\n",
    "tools/disk/__init__.py": "",
    "tools/disk/usage.py": "LIMIT = 80\n",
}) as tmp:
    show_tree(tmp)
    import tools.disk.usage
    import tools.net

    print("tools.net.ping('db1') ->", tools.net.ping("db1"))
    print("package tools    __path__:", [Path(p).relative_to(tmp).as_posix() for p in tools.__path__])
    print("module tools.net __path__:", getattr(tools.net, "__path__", "none: it is a plain module"))
    print("tools.disk.usage.__package__:", tools.disk.usage.__package__)

# %% [markdown] course={"kind": "lesson", "id": "init-py", "covers": ["c-init-py-files", "c-package-initialization", "c-namespace-control", "c-lazy-imports"]}
# ### `__init__.py`: what runs when a package is imported
#
# `tools/__init__.py` **is** the package's module: importing `tools` (or anything inside it) runs
# this file once, and its globals become the attributes of `tools`. Three jobs belong there:
#
# - **Initialisation**: cheap set-up the whole package needs, such as a `__version__` string or a
#   `logging.getLogger(__name__).addHandler(logging.NullHandler())`. Python caches the module in
#   `sys.modules`, so the file runs once per process, however often it is imported.
# - **Namespace control**: re-export the names users should call (`from .net import ping`), so they
#   write `tools.ping` and you can move code between submodules without breaking them. `__all__`
#   lists the public names; it decides what `from tools import *` copies and tells readers and
#   tools (documentation, linters) what the API is.
# - **Lazy imports**: a module-level `__getattr__(name)` (Python 3.7+, PEP 562) runs only when an
#   attribute is *missing*, so an expensive submodule (a large ML framework, say) is imported on
#   first use instead of at `import tools`. CLIs start faster that way.
#
# What people get wrong: putting real work in `__init__.py` (opening connections, reading config
# files, importing every heavy submodule): every `import tools.tiny_helper` then pays for it.

# %% course={"kind": "demo"}
init_py = '''
print("running tools/__init__.py")
__version__ = "1.4.0"
__all__ = ["ping", "train"]
from .net import ping            # re-export: users write tools.ping

def __getattr__(name):           # called only for names not found above
    if name == "train":
        from .heavy import train  # imported on first use
        return train
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
'''
with scratch_modules({
    "tools/__init__.py": init_py,
    "tools/net.py": "def ping(host):\n    return f'pong from {host}'\n",
    "tools/heavy.py": "print('  (importing the heavy module now)')\ndef train():\n    return 'trained'\n",
}):
    import tools
    import tools  # cached in sys.modules: __init__.py does not run again

    print("version:", tools.__version__, "| ping:", tools.ping("web1"))
    print("heavy loaded yet?", "tools.heavy" in sys.modules)
    print("tools.train() ->", tools.train())
    print("heavy loaded now?", "tools.heavy" in sys.modules)
    star: dict = {}
    exec("from tools import *", star)
    print("from tools import * gives:", sorted(k for k in star if k != "__builtins__"))

# %% [markdown] course={"kind": "lesson", "id": "namespace-packages", "covers": ["c-namespace-packages-implicit-no-init-py"]}
# ### Namespace packages: a package split across folders
#
# A folder **without** `__init__.py` can still be imported (Python 3.3+, PEP 420). Python then makes
# a **namespace package**: it collects *every* folder of that name on `sys.path` into one package,
# so `acme.billing` and `acme.storage` can be separate distributions, installed separately, that
# share the `acme.` prefix. Companies use this for many small internal packages under one name.
#
# The price: a namespace package has no `__init__.py`, so no initialisation code, and its
# `__file__` is `None` (3.11 to 3.13). What people get wrong: leaving out `__init__.py` by accident
# in a normal package (it "works", but tools that look for packages, such as setuptools'
# `find_packages()` as opposed to `find_namespace_packages()`, skip it), or adding one
# `__init__.py` to a namespace portion, which turns it into a regular package that hides all the
# other portions.

# %% course={"kind": "demo"}
# two folders, as two distributions would install them; the second is put first on sys.path
with scratch_modules({"acme/billing.py": "NAME = 'billing'\n"}) as billing_dist, \
        scratch_modules({"acme/storage.py": "NAME = 'storage'\n"}) as storage_dist:
    label = {billing_dist: "billing-dist", storage_dist: "storage-dist"}
    import acme.billing
    import acme.storage

    print("acme.__path__ :", [f"{label[Path(p).parent]}/acme" for p in acme.__path__])
    print("acme.__file__ :", acme.__file__)
    print("both portions :", acme.billing.NAME, acme.storage.NAME)

# %% [markdown] course={"kind": "text"}
# Add one `__init__.py` to one portion and the namespace is gone: a regular package anywhere on
# `sys.path` wins over namespace portions, even ones found earlier, and the other folders are never
# searched. Below the namespace-only folder comes *first* on the path and still loses.

# %% course={"kind": "demo"}
with scratch_modules({"acme/__init__.py": "", "acme/billing.py": "NAME = 'billing'\n"}) as billing_dist, \
        scratch_modules({"acme/storage.py": "NAME = 'storage'\n"}) as storage_dist:  # the __init__.py is the one extra file
    label = {billing_dist: "billing-dist", storage_dist: "storage-dist"}
    print("sys.path starts:", [label[Path(p)] for p in sys.path[:2]])
    import acme.billing

    print("acme is now a regular package:", f"{label[Path(acme.__file__).parent.parent]}/acme/__init__.py")
    try:
        import acme.storage
    except ModuleNotFoundError as err:
        print("ModuleNotFoundError:", err)

# %% [markdown] course={"kind": "lesson", "id": "structure", "covers": ["c-package-structure-best-practices"]}
# ### Structuring a package
#
# A few habits keep a package easy to use and to change:
#
# - **One idea per module**, named for what it holds (`config.py`, `client.py`, `cli.py`), and a
#   subpackage when a group of modules grows (`storage/s3.py`, `storage/gcs.py`).
# - **A small public API** re-exported from `__init__.py` and listed in `__all__`; internal helpers
#   in modules or names that start with `_`.
# - **Relative imports inside the package** (`from .config import load`): they keep working if
#   the package is renamed or vendored. Absolute imports (`from tools.config import load`) are fine
#   too; pick one style.
# - **Entry code in `__main__.py` or `cli.py`**, run with `python -m tools` or a console script.
#   Never run a file *inside* a package as a script (`python tools/cli.py`): Python then treats it
#   as a lone top-level file, its `__package__` is `None`, and every relative import fails.
# - **No import-time side effects** (see the previous lesson) and no circular imports between
#   modules: move what both need into a third module.

# %% course={"kind": "demo"}
import subprocess
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {
        "tools/__init__.py": "",
        "tools/config.py": "REGION = 'eu-west-1'\n",
        "tools/cli.py": "from .config import REGION\nprint('region', REGION)\n",
        "tools/__main__.py": "from . import cli\n",
    })
    for command in (["-m", "tools.cli"], ["-m", "tools"], ["tools/cli.py"]):
        run = subprocess.run([sys.executable, *command], cwd=tmp, capture_output=True, text=True)
        last = (run.stdout or run.stderr).strip().splitlines()[-1]
        print(f"python {' '.join(command):<14} -> {last}")

# %% [markdown] course={"kind": "lesson", "id": "pyproject", "covers": ["c-pyproject-toml", "c-project-metadata", "c-build-system", "c-dependencies", "c-tool-configuration"]}
# ### `pyproject.toml`: one file that describes the project
#
# `pyproject.toml` is a TOML file at the root of the project with three kinds of table:
#
# | table | what it says | read by |
# |---|---|---|
# | `[build-system]` | `requires` (what to install to build) and `build-backend` (the object that builds: `hatchling.build`, `setuptools.build_meta`, `flit_core.buildapi`, `pdm.backend`) | pip, `python -m build`, uv (PEP 517/518) |
# | `[project]` | the **metadata**: `name`, `version`, `description`, `readme`, `requires-python`, `license`, `authors`, **`dependencies`**, `optional-dependencies` (extras), `scripts`, `entry-points` | the build backend, which copies it into the wheel's `METADATA` (PEP 621) |
# | `[tool.<name>]` | each tool's own settings: `[tool.ruff]`, `[tool.pytest.ini_options]`, `[tool.mypy]` | that tool only |
#
# It replaced `setup.py` because it is **data, not code**: any tool can read it without running
# anything, and the build requirements are declared before the build starts. Dependencies are
# PEP 508 strings such as `"requests>=2.31,<3"` or `"tomli>=2; python_version < '3.11'"`. In a
# library, give **ranges** (a lower bound, an upper one only when you know a release breaks you);
# exact pins (`==`) belong in an application's lock file, not in a library people combine with
# others. Python reads TOML with the standard library's `tomllib` (3.11+): `tomllib.load` takes
# a file opened in **binary** mode, `tomllib.loads` a string.

# %% course={"kind": "demo"}
import io
import tomllib

pyproject_text = """
[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "acme-deploy"
version = "0.4.0"
description = "Roll out services to our clusters"
requires-python = ">=3.11"
dependencies = ["httpx>=0.27", "pyyaml>=6", "tomli>=2; python_version < '3.11'"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.scripts]
acme-deploy = "acme_deploy.cli:main"

[tool.ruff]
line-length = 100
"""
data = tomllib.loads(pyproject_text)
print("backend     :", data["build-system"]["build-backend"])
print("name/version:", data["project"]["name"], data["project"]["version"])
print("needs       :", data["project"]["dependencies"])
print("extras      :", data["project"]["optional-dependencies"])
print("ruff config :", data["tool"]["ruff"])
try:
    tomllib.loads('[project]\nname = "x"\nversion = 0.4.0\n')  # a version must be a string
except tomllib.TOMLDecodeError as err:
    print("TOMLDecodeError:", err)
try:
    tomllib.load(io.StringIO(pyproject_text))  # a text-mode file: open(path, "rb") is what load wants
except TypeError as err:
    print("TypeError:", err)

# %% [markdown] course={"kind": "lesson", "id": "legacy", "covers": ["c-setup-py-and-setup-cfg-legacy"]}
# ### `setup.py` and `setup.cfg`: what you will still meet
#
# Before `pyproject.toml`, a project was described by **`setup.py`**, a Python script calling
# `setuptools.setup(name=..., version=..., install_requires=[...], entry_points={...})`. Because it
# is code, nobody can learn a project's metadata or even its build requirements without running
# it, and it could do anything (read files, call git, import the package itself). **`setup.cfg`**
# moved the same arguments into an INI file read by setuptools, a halfway step.
#
# You will still maintain such projects. Today: keep metadata in `[project]`; a `setup.py` is
# only needed for what cannot be declared (compiling C extensions); `python setup.py install` and
# `python setup.py sdist` are deprecated, use `pip install .` and `python -m build`. The mapping is
# mostly one to one, as this small translation of a `setup.cfg` shows:

# %% course={"kind": "demo"}
import configparser

setup_cfg = """
[metadata]
name = acme-deploy
version = 0.4.0

[options]
python_requires = >=3.11
install_requires =
    httpx>=0.27
    pyyaml>=6

[options.entry_points]
console_scripts =
    acme-deploy = acme_deploy.cli:main
"""
cfg = configparser.ConfigParser()
cfg.read_string(setup_cfg)
project = {
    "name": cfg["metadata"]["name"],
    "version": cfg["metadata"]["version"],
    "requires-python": cfg["options"]["python_requires"],
    "dependencies": cfg["options"]["install_requires"].split(),
    "scripts": dict(
        (part.strip() for part in line.split("=", 1))
        for line in cfg["options.entry_points"]["console_scripts"].strip().splitlines()
    ),
}
for key, value in project.items():
    print(f"[project] {key} = {value!r}")

# %% [markdown] course={"kind": "lesson", "id": "entry-points", "covers": ["c-entry-points", "c-console-scripts", "c-plugin-discovery"]}
# ### Entry points: commands and plugins
#
# An **entry point** is a name that points at an object inside a package, written
# `module.path:attribute`, and filed under a **group**. The project declares them in
# `pyproject.toml`; the build copies them into `entry_points.txt` inside the wheel's `.dist-info`
# folder; once installed, any program can look them up with `importlib.metadata` without
# importing the package first. Two groups matter most:
#
# - **`console_scripts`** (from `[project.scripts]`): at install time pip writes a small
#   executable `bin/acme-deploy` (`Scripts\acme-deploy.exe` on Windows) that imports
#   `acme_deploy.cli` and runs `sys.exit(main())`. So `main()` should **return** an exit code
#   (`0`/`None` for success), not call `sys.exit` deep inside, which keeps it testable.
# - **your own group** (from `[project.entry-points."acme.exporters"]`): a **plugin** system.
#   pytest finds its plugins (group `pytest11`), and Airflow, MLflow and many CLIs find theirs,
#   by asking which installed distributions offer entry points in their group.
#
# What people get wrong: forgetting that entry points come from the *installed metadata*. Edit
# `pyproject.toml` and nothing changes until the package is installed again (also with
# `pip install -e .`).
#
# Below, a folder plays `site-packages`: it holds one installed distribution's `.dist-info`, and
# `importlib.metadata.distributions(path=[...])` reads only that folder.

# %% course={"kind": "demo"}
import importlib.metadata

with scratch_modules({
        "acme_plugins-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: acme-plugins\nVersion: 1.0\n",
        "acme_plugins-1.0.dist-info/entry_points.txt": (
            "[console_scripts]\nacme = acme_plugins.cli:main\n\n"
            "[acme.exporters]\ncsv = acme_plugins.export:to_csv\njson = acme_plugins.export:to_json\n"
        ),
        "acme_plugins/__init__.py": "",
        "acme_plugins/export.py": (
            "def to_csv(rows):\n    return '\\n'.join(','.join(map(str, r)) for r in rows)\n"
            "def to_json(rows):\n    import json\n    return json.dumps(rows)\n"
        ),
}) as site:
    (dist,) = importlib.metadata.distributions(path=[str(site)])
    print(dist.metadata["Name"], dist.version)
    for ep in dist.entry_points:
        print(f"  group {ep.group!r:18} name {ep.name!r:7} -> module {ep.module!r}, attr {ep.attr!r}")
    exporters = {ep.name: ep.load() for ep in dist.entry_points.select(group="acme.exporters")}  # site is on sys.path
    print("plugins found:", sorted(exporters), "| csv:", repr(exporters["csv"]([[1, 2], [3, 4]])))

# %% [markdown] course={"kind": "text"}
# The environment this notebook runs in has the course's own command among its console scripts
# when the course is installed (its `pyproject.toml` says `course = "course.cli:main"`):

# %% course={"kind": "demo"}
import importlib.metadata

for ep in importlib.metadata.entry_points(group="console_scripts", name="course"):
    print(ep.name, "=", ep.value, "| from the distribution", ep.dist.name if ep.dist else "?")
print(len(importlib.metadata.entry_points(group="console_scripts")), "console scripts in this environment in all")

# %% [markdown] course={"kind": "lesson", "id": "distribution", "covers": ["c-package-distribution", "c-source-distributions", "c-wheel-format", "c-publishing-to-pypi"]}
# ### Distributions: sdists, wheels and PyPI
#
# What you upload and install is a **distribution**, of two kinds:
#
# - a **source distribution** (sdist), `acme_deploy-0.4.0.tar.gz`: the source tree with
#   `pyproject.toml` and a `PKG-INFO` metadata file. Installing it means *building* it first, with
#   the backend named in `[build-system]`, which may need a compiler.
# - a **wheel**, `acme_deploy-0.4.0-py3-none-any.whl`: a zip file that is ready to unpack into
#   `site-packages`. Nothing runs at install time. It holds the package's files plus a
#   `acme_deploy-0.4.0.dist-info/` folder with `METADATA` (name, version, `Requires-Dist` lines),
#   `WHEEL` (format version, tag), `entry_points.txt`, and `RECORD`: every file with its sha256
#   hash (urlsafe base64, no `=` padding) and size. The installer writes its own RECORD of the
#   files it put into `site-packages`, and `pip uninstall` later reads it to know what to delete.
#   (pip does not check the wheel's RECORD hashes when it installs: we tried a tampered RECORD
#   with pip 23.2 and 26.3, and both installed it. A tampered wheel is caught by the hash *of the
#   wheel file* that you pin with `pip install --require-hashes`.)
#   The file name carries the **tags** `python-abi-platform`: `py3-none-any` means pure Python,
#   any platform; `cp311-cp311-manylinux_2_17_x86_64` means compiled for CPython 3.11 on Linux.
#
# You build both with `python -m build` (the `build` package) or `uv build`, into `dist/`.
# **Publishing** is uploading `dist/*` to PyPI with `twine upload` or `uv publish`, best from CI
# with PyPI's *trusted publishing* (no long-lived token), after a trial run on TestPyPI; an
# internal index (Artifactory, Nexus, GitLab, AWS CodeArtifact, devpi) works the same way with
# `--repository-url`, and installs then use `pip install --index-url ...`. PyPI never accepts
# a file name twice, even after you delete the file: to fix a release, bump the version.
#
# What people get wrong: shipping only an sdist (every install then builds), or a wheel tagged for
# one platform when the code is pure Python. The demo builds a wheel **by hand** with `zipfile`,
# then lets the real `pip` install it into a temporary folder (`--target`, no index, no network)
# and runs the console script pip wrote.

# %% course={"kind": "demo"}
import base64
import hashlib
import os
import subprocess
import tempfile
import zipfile


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


info = "hello_ops-0.1.0.dist-info"
files = {
    "hello_ops/__init__.py": b"",
    "hello_ops/cli.py": b"def main():\n    print('hello from the wheel')\n    return 0\n",
    f"{info}/METADATA": b"Metadata-Version: 2.1\nName: hello-ops\nVersion: 0.1.0\n",
    f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: by-hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    f"{info}/entry_points.txt": b"[console_scripts]\nhello-ops = hello_ops.cli:main\n",
}
record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in files.items())
record += f"{info}/RECORD,,\n"  # RECORD cannot hold its own hash

with tempfile.TemporaryDirectory() as tmp:
    wheel = Path(tmp, "hello_ops-0.1.0-py3-none-any.whl")
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr(f"{info}/RECORD", record)
    print(wheel.name)
    print(record.replace(",", "  "))
    target = Path(tmp, "target")
    # no PIP_* variables and no pip.conf: the same install on every machine
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-cache-dir",
         "--disable-pip-version-check", "--quiet", "--target", str(target), str(wheel)],
        capture_output=True, text=True, env=clean_env,
    )
    print("pip exit code:", pip.returncode, pip.stderr.strip() if pip.returncode else "")
    show_tree(target)
    script = target / "bin" / "hello-ops"
    print("the script pip wrote, after its #! line:", *script.read_text().splitlines()[1:], sep="\n    ")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(target)})
    print("$ hello-ops ->", run.stdout.strip(), "| exit code", run.returncode)

# %% [markdown] course={"kind": "text"}
# An sdist is a plain `.tar.gz` whose single top folder is `name-version/`. Its `PKG-INFO` holds
# the same metadata as the wheel's `METADATA`. Listing one needs only `tarfile`:

# %% course={"kind": "demo"}
import io
import tarfile

sdist = io.BytesIO()
with tarfile.open(fileobj=sdist, mode="w:gz") as tar:
    for name, text in {
        "hello_ops-0.1.0/PKG-INFO": "Metadata-Version: 2.1\nName: hello-ops\nVersion: 0.1.0\n",
        "hello_ops-0.1.0/pyproject.toml": '[project]\nname = "hello-ops"\nversion = "0.1.0"\n',
        "hello_ops-0.1.0/src/hello_ops/__init__.py": "",
    }.items():
        data = text.encode()
        member = tarfile.TarInfo(name)
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
sdist.seek(0)
with tarfile.open(fileobj=sdist, mode="r:gz") as tar:
    print("\n".join(tar.getnames()))

# %% [markdown] course={"kind": "lesson", "id": "layouts", "covers": ["c-recommended-project-layouts", "c-src-layout", "c-flat-layout"]}
# ### src layout and flat layout
#
# ```
# flat layout                    src layout
# acme-deploy/                   acme-deploy/
#   pyproject.toml                 pyproject.toml
#   acme_deploy/                   src/
#     __init__.py                    acme_deploy/
#     cli.py                           __init__.py
#   tests/                             cli.py
#     test_cli.py                  tests/
#                                    test_cli.py
# ```
#
# In the **flat layout** the package sits at the project root. It is simple, and fine for small
# tools and for applications you never install. In the **src layout** it sits one level down in
# `src/`. The point is what the project root does to imports: `python -m pytest`, `python -m ...`
# and `python -c` put the **current folder** first on `sys.path` (unless you pass `-P` or set
# `PYTHONSAFEPATH`, Python 3.11+). In a flat project, tests then import the *folder* next to
# them, not what was installed, so a wheel that forgot a module or a data file still passes every
# test. In a src project the package is importable only once it is
# installed (`pip install -e .` in development), so tests exercise what users get. setuptools
# (61 and later) finds a package under `src/` by itself; hatchling does when the folder is named
# after the project (`acme-deploy` -> `src/acme_deploy`), otherwise you list it in
# `[tool.hatch.build.targets.wheel] packages`.
#
# What people get wrong: thinking the src layout is about tidiness. It is about tests seeing the
# same package a user installs. The demo runs the same `import` from the project root in both
# layouts, with nothing installed:

# %% course={"kind": "demo"}
import subprocess
import tempfile

probe = "import acme_deploy, pathlib; print(pathlib.Path(acme_deploy.__file__).parent.name, 'imported')"
with tempfile.TemporaryDirectory() as tmp:
    for layout, package_dir in (("flat", "acme_deploy"), ("src", "src/acme_deploy")):
        root = write_tree(Path(tmp, layout), {f"{package_dir}/__init__.py": "", "pyproject.toml": "[project]\n"})
        run = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
        result = run.stdout.strip() or run.stderr.strip().splitlines()[-1]
        print(f"{layout:>4} layout, python -c 'import acme_deploy' at the root -> {result}")

# %% [markdown] course={"kind": "lesson", "id": "project-files", "covers": ["c-common-project-files", "c-readme-md", "c-license", "c-changelog-md", "c-gitignore", "c-requirements-txt-pyproject-toml", "c-makefile"]}
# ### The files around the code
#
# | file | what it is for | the common mistake |
# |---|---|---|
# | `README.md` | what the project does, how to install and run it; `readme = "README.md"` in `[project]` makes it the PyPI page | no copy-paste quick start |
# | `LICENSE` | the legal terms; name it in `[project]` too (`license = "MIT"` as an SPDX expression with recent backends) | none at all: then nobody may legally reuse the code |
# | `CHANGELOG.md` | what changed in each version, newest first, in sections such as Added / Changed / Fixed | generating it from raw commit messages |
# | `.gitignore` | keeps `__pycache__/`, `*.pyc`, `.venv/`, `dist/`, `build/`, `*.egg-info/`, `.pytest_cache/` out of git | committing a virtual environment or built wheels |
# | `requirements.txt` | a flat list of exact pins for *deploying an application* (`pip install -r`), often generated by `pip-compile` or `uv pip compile` from `pyproject.toml` | using it as a library's dependency list; libraries declare ranges in `[project] dependencies` |
# | `Makefile` | short names for the project's commands (`make test`, `make lint`, `make build`) that CI and people share | hiding long logic in make instead of a script |
#
# A `.gitignore` pattern without a slash matches at any depth; one ending in `/` matches only
# folders. The demo writes a skeleton project and sorts its files into "kept" and "ignored" with
# a small matcher for those two rules (git's full rules have more, such as `!` and `**`):

# %% course={"kind": "demo"}
import fnmatch
import tempfile

gitignore = ["__pycache__/", "*.pyc", ".venv/", "dist/", "*.egg-info/"]


def ignored(relative: Path, patterns: list[str]) -> bool:
    for pattern in patterns:
        folders_only = pattern.endswith("/")
        name_pattern = pattern.rstrip("/")
        parts = relative.parts[:-1] if folders_only else relative.parts
        if any(fnmatch.fnmatchcase(part, name_pattern) for part in parts):
            return True
    return False


with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {
        "README.md": "# acme-deploy\n", "LICENSE": "MIT License\n", "CHANGELOG.md": "## 0.4.0\n",
        ".gitignore": "\n".join(gitignore) + "\n", "Makefile": "test:\n\tpython -m pytest\n",
        "pyproject.toml": "[project]\n", "src/acme_deploy/__init__.py": "",
        "src/acme_deploy/__pycache__/__init__.cpython-311.pyc": "", "tests/test_cli.py": "",
        "dist/acme_deploy-0.4.0-py3-none-any.whl": "", "src/acme_deploy.egg-info/PKG-INFO": "",
        ".venv/bin/python": "",
    })
    paths = sorted(p.relative_to(tmp) for p in Path(tmp).rglob("*") if p.is_file())
    for label, keep in (("kept", False), ("ignored", True)):
        print(f"{label}:", ", ".join(p.as_posix() for p in paths if ignored(p, gitignore) is keep))

# %% [markdown] course={"kind": "exercise", "id": "make-package", "item": "x-create-a-package-with-multiple-modules"}
# ### Write a package from a list of modules
#
# Scaffolding tools (cookiecutter, `uv init`, your team's own `new-service` script) turn a short
# description into files. Write `make_package(root, modules)`: `modules` maps **dotted module names**
# to their source text; write each one as a file under the folder `root` and return the list of
# files written, as sorted relative POSIX paths (`str`).
#
# - `"tools.net"` is the module `net` in the package `tools`: the file `tools/net.py`.
# - **Every package on the way** gets an `__init__.py` (`tools/__init__.py`,
#   `tools/disk/__init__.py` for `"tools.disk.usage"`), empty unless `modules` also gives source for
#   that package's own name (`"tools": "VERSION = '1.0'"` goes into `tools/__init__.py`; no
#   `tools.py` is written). A name with nothing below it is a plain module file.
# - Every part of every name must be a Python identifier that is not a keyword (`str.isidentifier`,
#   `keyword.iskeyword`). Otherwise raise `ValueError` naming the bad name with its `repr` (so
#   that `''` or a trailing space shows), **before** writing anything.
#
# ```python
# make_package(root, {"tools.net": "def ping(): ...", "tools.disk.usage": "LIMIT = 80"})
# # ['tools/__init__.py', 'tools/disk/__init__.py', 'tools/disk/usage.py', 'tools/net.py']
# ```

# %% [markdown] course={"kind": "hint"}
# First collect the set of package names: every proper prefix of every dotted name
# (`"tools.disk.usage"` gives `"tools"` and `"tools.disk"`). A name in that set is a folder with an
# `__init__.py`; any other name is a `.py` file.

# %% [markdown] course={"kind": "hint"}
# Build a dict `{relative path: source}` first, then write it; that makes "validate before writing"
# and the sorted return value easy. `Path(*name.split("."), "__init__.py").as_posix()` is one path.

# %% course={"kind": "solution"}
import keyword
import os
from pathlib import Path


def make_package(root: Path | str, modules: dict[str, str]) -> list[str]:
    ### BEGIN SOLUTION
    for name in modules:
        if not all(part.isidentifier() and not keyword.iskeyword(part) for part in name.split(".")):
            raise ValueError(f"not a dotted module name: {name!r}")
    packages = set()
    for name in modules:
        parts = name.split(".")
        for end in range(1, len(parts)):
            packages.add(".".join(parts[:end]))
    files = {}
    for package in packages:
        files[Path(*package.split("."), "__init__.py").as_posix()] = modules.get(package, "")
    for name, source in modules.items():
        if name not in packages:
            files[Path(*name.split(".")).as_posix() + ".py"] = source
    for relative, source in files.items():
        path = Path(root, relative)
        os.makedirs(path.parent, exist_ok=True)  # with every missing parent, in any order
        path.write_text(source, encoding="utf-8")
    return sorted(files)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    got = make_package(tmp, {"tools.net": "def ping():\n    return 'pong'\n", "tools.disk.usage": "LIMIT = 80\n"})
    want = ["tools/__init__.py", "tools/disk/__init__.py", "tools/disk/usage.py", "tools/net.py"]
    assert got == want, f"files written: {got}"
    on_disk = sorted(p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*") if p.is_file())
    assert on_disk == want, f"files on disk: {on_disk}"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:
    got = make_package(tmp, {"solo": "X = 1\n"})
    assert type(got) is list and got == ["solo.py"], f"a lone top-level module is one file: {got}"
with tempfile.TemporaryDirectory() as tmp:
    got = make_package(tmp, {"a.b.c.d": "", "a.z": ""})
    assert got == ["a/__init__.py", "a/b/__init__.py", "a/b/c/__init__.py", "a/b/c/d.py", "a/z.py"], got
with tempfile.TemporaryDirectory() as tmp:
    assert make_package(tmp, {}) == [] and not any(Path(tmp).iterdir()), "no modules, no files"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with scratch_modules() as tmp:  # an empty folder, first on sys.path
    make_package(tmp, {"tools.net": "def ping():\n    return 'pong'\n", "tools.disk.usage": "LIMIT = 80\n"})
    import tools.disk.usage
    import tools.net

    assert tools.net.ping() == "pong" and tools.disk.usage.LIMIT == 80, "the package imports and runs"
### BEGIN HIDDEN TESTS
with scratch_modules() as tmp:
    make_package(str(tmp), {"café.menu": "ITEMS = ['crème']\n"})
    import café.menu

    assert café.menu.ITEMS == ["crème"], "unicode identifiers and text are fine"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    got = make_package(tmp, {"tools": "VERSION = '1.0'\n", "tools.net": ""})
    assert got == ["tools/__init__.py", "tools/net.py"], f"the package's own source goes in __init__.py: {got}"
    assert Path(tmp, "tools/__init__.py").read_text(encoding="utf-8") == "VERSION = '1.0'\n"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:
    make_package(tmp, {"tools.disk": "", "tools.disk.usage": "", "tools": "", "tools.net": "N = 1\n"})
    assert not Path(tmp, "tools.py").exists() and not Path(tmp, "tools/disk.py").exists()
    assert Path(tmp, "tools/net.py").read_text(encoding="utf-8") == "N = 1\n"
    assert Path(tmp, "tools/disk/__init__.py").read_text(encoding="utf-8") == ""
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile

for bad in ("tools..net", "1tools.net", "tools.class", "tools.my-net", "", "tools.", "tools.net "):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            make_package(tmp, {"tools.ok": "", bad: ""})
        except ValueError as err:
            assert repr(bad) in str(err), f"the error names the bad name: {err}"
        else:
            raise AssertionError(f"{bad!r} is not a dotted module name: ValueError expected")
        assert not any(Path(tmp).iterdir()), f"{bad!r}: nothing may be written when a name is bad"

# %% course={"kind": "wrong", "id": "top-init-only", "fails": ["t1", "t3"]}
import keyword
from pathlib import Path


def make_package(root, modules):
    for name in modules:
        if not all(part.isidentifier() and not keyword.iskeyword(part) for part in name.split(".")):
            raise ValueError(f"not a dotted module name: {name!r}")
    files = {}
    for name, source in modules.items():
        top = name.split(".")[0]
        if "." in name:
            files.setdefault(f"{top}/__init__.py", modules.get(top, ""))
        files[name.replace(".", "/") + ".py"] = source  # only the top package gets an __init__.py
    for relative, source in files.items():
        path = Path(root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return sorted(files)

# %% course={"kind": "wrong", "id": "package-as-file", "fails": ["t3"]}
import keyword
from pathlib import Path


def make_package(root, modules):
    for name in modules:
        if not all(part.isidentifier() and not keyword.iskeyword(part) for part in name.split(".")):
            raise ValueError(f"not a dotted module name: {name!r}")
    files = {}
    for name, source in modules.items():
        parts = name.split(".")
        for end in range(1, len(parts)):
            files.setdefault("/".join(parts[:end]) + "/__init__.py", "")
        files["/".join(parts) + ".py"] = source  # "tools" becomes tools.py beside the tools/ folder
    for relative, source in files.items():
        path = Path(root, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return sorted(files)

# %% course={"kind": "wrong", "id": "validates-while-writing", "fails": ["t3", "t4"]}
from pathlib import Path


def make_package(root, modules):
    written = []
    for name, source in modules.items():
        parts = name.split(".")
        if not all(part.isidentifier() for part in parts):  # checked one name at a time, keywords let through
            raise ValueError(f"not a dotted module name: {name!r}")
        for end in range(1, len(parts)):
            init = Path(root, *parts[:end], "__init__.py")
            init.parent.mkdir(parents=True, exist_ok=True)
            if not init.exists():
                init.write_text("", encoding="utf-8")
                written.append(init.relative_to(root).as_posix())
        path = Path(root, *parts[:-1], parts[-1] + ".py")
        path.write_text(source, encoding="utf-8")
        written.append(path.relative_to(root).as_posix())
    return sorted(written)

# %% [markdown] course={"kind": "exercise", "id": "find-layout", "item": "x-create-both-src-and-flat-layout-projects"}
# ### Which layout is this project?
#
# A CI check that refuses half-migrated projects needs to know a project's layout. Write
# `find_layout(root)` that returns `(layout, packages)`: `layout` is `"src"` or `"flat"`, and
# `packages` is the sorted list of the **import packages** it finds (a package here is a folder
# holding an `__init__.py` *file*):
#
# - `"src"`: packages directly inside `root/src/`;
# - `"flat"`: packages directly inside `root` itself;
# - skip folders named `tests`, `test` and `docs`, and folders whose name is not a Python
#   identifier (`.venv`, `my-tool`): they are never packages a build would ship;
# - raise `ValueError` naming `root` when neither place has a package, and also when **both** do
#   (a project half moved to `src/` ships the wrong code).
#
# ```python
# # root/pyproject.toml, root/src/acme/__init__.py, root/tests/__init__.py
# find_layout(root)   # ('src', ['acme'])
# ```

# %% [markdown] course={"kind": "hint"}
# Write one helper `packages_in(folder)` that returns the sorted names of the folders in `folder`
# that pass the rules, and call it for `root / "src"` and for `root`. A folder that does not exist
# has no packages.

# %% [markdown] course={"kind": "hint"}
# `(folder / "__init__.py").is_file()` is false for a missing file *and* for a folder called
# `__init__.py`. `name.isidentifier()` rules out `.venv` and `my-tool`.

# %% course={"kind": "solution", "equivalent": {"m-8124f37f": "a missing folder's result is only tested for truth and never returned; None and [] are both false"}}
from pathlib import Path

NOT_PACKAGES = {"tests", "test", "docs"}


def find_layout(root: Path | str) -> tuple[str, list[str]]:
    ### BEGIN SOLUTION
    def packages_in(folder: Path) -> list[str]:
        if not folder.is_dir():
            return []
        return sorted(
            child.name
            for child in folder.iterdir()
            if child.name.isidentifier() and child.name not in NOT_PACKAGES and (child / "__init__.py").is_file()
        )

    root = Path(root)
    in_src, flat = packages_in(root / "src"), packages_in(root)
    if in_src and flat:
        raise ValueError(f"{root}: packages both in src/ ({in_src}) and at the root ({flat}); pick one layout")
    if in_src:
        return "src", in_src
    if flat:
        return "flat", flat
    raise ValueError(f"{root}: no package found (a folder with __init__.py in src/ or at the root)")
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {"pyproject.toml": "", "src/acme/__init__.py": "", "tests/__init__.py": ""})
    got = find_layout(tmp)
    assert got == ("src", ["acme"]), f"a package under src/ is the src layout: {got}"
    assert type(got) is tuple and type(got[1]) is list, "return a tuple (layout, list of names)"
with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {"pyproject.toml": "", "acme/__init__.py": "", "acme/cli.py": ""})
    assert find_layout(Path(tmp)) == ("flat", ["acme"]), "a package at the root is the flat layout"
### BEGIN HIDDEN TESTS
from course.runtime.listing import listing_z_to_a  # every folder lists Z to A while active: unsorted answers fail everywhere

with tempfile.TemporaryDirectory() as tmp, listing_z_to_a():
    write_tree(tmp, {"src/zeta/__init__.py": "", "src/alpha/__init__.py": "", "src/données/__init__.py": "",
                     "src/mid/__init__.py": ""})
    assert find_layout(tmp) == ("src", ["alpha", "données", "mid", "zeta"]), f"sorted names: {find_layout(tmp)}"
with tempfile.TemporaryDirectory() as tmp, listing_z_to_a():
    write_tree(tmp, {"b/__init__.py": "", "a/__init__.py": "", "setup.py": "", "src.txt": ""})
    assert find_layout(tmp) == ("flat", ["a", "b"]), f"sorted names: {find_layout(tmp)}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {
        "acme/__init__.py": "", "tests/__init__.py": "", "docs/__init__.py": "", ".venv/__init__.py": "",
        "my-tool/__init__.py": "", "scripts/run.py": "",
    })
    got = find_layout(tmp)
    assert got == ("flat", ["acme"]), f"tests, docs, non-identifiers and folders without __init__.py are skipped: {got}"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {"src/test/__init__.py": "", "src/acme/__init__.py": "", "src/ns_only/mod.py": "",
                     "src/odd/__init__.py/x.py": "", "src/pkg.py": ""})
    assert find_layout(tmp) == ("src", ["acme"]), f"__init__.py must be a file: {find_layout(tmp)}"
with tempfile.TemporaryDirectory() as tmp:
    write_tree(tmp, {"src/README.md": "", "acme/__init__.py": ""})
    assert find_layout(tmp) == ("flat", ["acme"]), "an src/ folder with no package in it does not make a src layout"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile

for files in ({"pyproject.toml": ""}, {"src/acme/__init__.py": "", "acme/__init__.py": ""},
              {"tests/__init__.py": "", "src/tests/__init__.py": ""}):
    with tempfile.TemporaryDirectory() as tmp:
        write_tree(tmp, files)
        try:
            find_layout(tmp)
        except ValueError as err:
            assert str(tmp) in str(err), f"the error names the project folder: {err}"
        else:
            raise AssertionError(f"{sorted(files)}: ValueError expected (no package, or packages in both places)")

# %% course={"kind": "wrong", "id": "src-folder-decides", "fails": ["t2", "t3"]}
from pathlib import Path


def find_layout(root):
    root = Path(root)
    base = root / "src" if (root / "src").is_dir() else root  # an src/ folder alone decides
    names = sorted(
        c.name for c in base.iterdir()
        if c.name.isidentifier() and c.name not in {"tests", "test", "docs"} and (c / "__init__.py").is_file()
    )
    if not names:
        raise ValueError(f"{root}: no package found")
    return ("src" if base != root else "flat"), names

# %% course={"kind": "wrong", "id": "any-folder-is-a-package", "fails": ["t2"]}
from pathlib import Path


def find_layout(root):
    def packages_in(folder):
        if not folder.is_dir():
            return []
        return sorted(c.name for c in folder.iterdir() if c.is_dir() and c.name not in {"tests", "test", "docs"})

    root = Path(root)
    in_src, flat = packages_in(root / "src"), [n for n in packages_in(root) if n != "src"]
    if in_src and flat:
        raise ValueError(f"{root}: packages in both places")
    if in_src or flat:
        return ("src", in_src) if in_src else ("flat", flat)
    raise ValueError(f"{root}: no package found")

# %% course={"kind": "wrong", "id": "tests-shipped", "fails": ["t1", "t2"]}
from pathlib import Path


def find_layout(root):
    def packages_in(folder):
        if not folder.is_dir():
            return []
        return sorted(c.name for c in folder.iterdir() if c.name.isidentifier() and (c / "__init__.py").is_file())

    root = Path(root)
    in_src, flat = packages_in(root / "src"), packages_in(root)
    if in_src and flat:
        raise ValueError(f"{root}: packages in both places")
    if in_src or flat:
        return ("src", in_src) if in_src else ("flat", flat)
    raise ValueError(f"{root}: no package found")

# %% course={"kind": "wrong", "id": "listing-order", "fails": ["t1"]}
from pathlib import Path


def find_layout(root):
    def packages_in(folder):
        if not folder.is_dir():
            return []
        return [  # in the order the file system lists them
            c.name for c in folder.iterdir()
            if c.name.isidentifier() and c.name not in {"tests", "test", "docs"} and (c / "__init__.py").is_file()
        ]

    root = Path(root)
    in_src, flat = packages_in(root / "src"), packages_in(root)
    if in_src and flat:
        raise ValueError(f"{root}: packages in both places")
    if in_src or flat:
        return ("src", in_src) if in_src else ("flat", flat)
    raise ValueError(f"{root}: no package found")

# %% [markdown] course={"kind": "exercise", "id": "check-pyproject", "item": "x-set-up-a-project-with-pyproject-toml"}
# ### Lint a `pyproject.toml`
#
# Your platform team wants a pre-commit check for new projects. Write `check_pyproject(text)` that
# parses the text with `tomllib` and returns the list of keys that are **missing or invalid**,
# in this order (an empty list when all is well):
#
# | key | valid when |
# |---|---|
# | `build-system` | the table exists (if not, report only this key, none of the two below) |
# | `build-system.requires` | a list of strings (it may be empty) |
# | `build-system.build-backend` | a non-empty string |
# | `project` | the table exists (if not, report only this key, none of the three below) |
# | `project.name` | a string of ASCII letters, digits, `.`, `_`, `-` that starts and ends with a letter or digit |
# | `project.version` | a string and `"version"` not in `dynamic`, **or** absent and `"version"` in `dynamic` (the backend computes it, e.g. from git tags) |
# | `project.dependencies` | absent, or a list of strings |
#
# Text that is not TOML raises `ValueError` whose message starts with `pyproject.toml: ` followed
# by `tomllib`'s own message (it names the line and column).
#
# ```python
# check_pyproject('[build-system]\nrequires = ["hatchling"]\n[project]\nname = "my-tool"\n')
# # ['build-system.build-backend', 'project.version']
# ```

# %% [markdown] course={"kind": "hint"}
# `tomllib.loads(text)` gives nested dicts. Use `.get()` so a missing key is `None`, then test
# types with `isinstance`: in TOML, `version = 1.0` is a `float`, not a string.

# %% [markdown] course={"kind": "hint"}
# One regular expression does the name: `re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", name)`.
# Spell out `A-Za-z` instead of using `re.IGNORECASE` or `str.isalnum()`: both also accept
# letters that are not ASCII.

# %% course={"kind": "solution"}
import re
import tomllib
from typing import Any


def check_pyproject(text: str) -> list[str]:
    ### BEGIN SOLUTION
    valid_name = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")

    def strings(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"pyproject.toml: {err}") from None
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not strings(build.get("requires")):
            problems.append("build-system.requires")
        backend = build.get("build-backend")
        if not (isinstance(backend, str) and backend):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        problems.append("project")
        return problems
    name = project.get("name")
    if not (isinstance(name, str) and valid_name.fullmatch(name)):
        problems.append("project.name")
    dynamic = "version" in project.get("dynamic", [])
    if "version" in project:
        version_ok = isinstance(project["version"], str) and not dynamic
    else:
        version_ok = dynamic
    if not version_ok:
        problems.append("project.version")
    if "dependencies" in project and not strings(project["dependencies"]):
        problems.append("project.dependencies")
    return problems
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
good = '[build-system]\nrequires = ["hatchling>=1.21"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "acme-deploy"\nversion = "0.4.0"\ndependencies = ["httpx>=0.27"]\n'
got = check_pyproject(good)
assert type(got) is list and got == [], f"a complete file has no problems: {got}"
### BEGIN HIDDEN TESTS
assert check_pyproject(good + '\n[tool.ruff]\nline-length = 100\n') == [], "tool tables are not checked"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = check_pyproject('[build-system]\nrequires = ["hatchling"]\n[project]\nname = "my-tool"\n')
assert got == ["build-system.build-backend", "project.version"], f"the example: {got}"
got = check_pyproject('[project]\nname = "my-tool"\nversion = "1.0"\n')
assert got == ["build-system"], f"a missing table is reported once, not with its keys: {got}"
### BEGIN HIDDEN TESTS
assert check_pyproject("") == ["build-system", "project"], check_pyproject("")
assert check_pyproject('[build-system]\nrequires = []\nbuild-backend = "x"\n') == ["project"]
assert check_pyproject('[build-system]\n[project]\n') == [
    "build-system.requires", "build-system.build-backend", "project.name", "project.version"], check_pyproject('[build-system]\n[project]\n')
assert check_pyproject('build-system = 3\nproject = "x"\n') == ["build-system", "project"], "a table must be a table"
assert check_pyproject('[build-system]\nrequires = "setuptools"\nbuild-backend = ""\n[project]\nname = "a"\nversion = "1"\n') == [
    "build-system.requires", "build-system.build-backend"], "requires is a list; the backend is not empty"
assert check_pyproject('[build-system]\nrequires = ["a", 1]\nbuild-backend = 5\n[project]\nname = "a"\nversion = "1"\n') == [
    "build-system.requires", "build-system.build-backend"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
head = '[build-system]\nrequires = []\nbuild-backend = "b"\n[project]\nversion = "1"\n'
assert check_pyproject(head + 'name = "my-tool"\n') == [], "hyphens are allowed in a project name"
assert check_pyproject(head + 'name = "-tool"\n') == ["project.name"], "a name starts with a letter or digit"
### BEGIN HIDDEN TESTS
for name in ("a", "7", "My_Tool.2", "x-y_z.w", "ACME", "a--b"):
    assert check_pyproject(head + f'name = "{name}"\n') == [], f"{name!r} is a valid name"
for name in ('""', '"tool-"', '"my tool"', '"café"', '"tool!"', "5", '"\\u212a8s"', '".a"', '"a_"', '" a"', '"tool\\n"'):
    assert check_pyproject(head + f"name = {name}\n") == ["project.name"], f"{name} is not a valid name"
assert check_pyproject(head) == ["project.name"], "a missing name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
head = '[build-system]\nrequires = []\nbuild-backend = "b"\n[project]\nname = "t"\n'
assert check_pyproject(head + 'dynamic = ["version"]\n') == [], "a dynamic version needs no version key"
assert check_pyproject(head + "version = 1.0\n") == ["project.version"], "1.0 unquoted is a float, not a version string"
### BEGIN HIDDEN TESTS
assert check_pyproject(head + 'version = "2.0"\ndynamic = ["version"]\n') == ["project.version"], "static and dynamic at once"
assert check_pyproject(head + 'dynamic = ["readme"]\n') == ["project.version"], "dynamic without version"
assert check_pyproject(head + 'version = "1.0"\ndynamic = ["readme"]\n') == []
assert check_pyproject(head + 'version = ""\n') == [], "the spec only asks for a string here"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
head = '[build-system]\nrequires = []\nbuild-backend = "b"\n[project]\nname = "t"\nversion = "1"\n'
assert check_pyproject(head + 'dependencies = "requests"\n') == ["project.dependencies"], "dependencies is a list"
### BEGIN HIDDEN TESTS
assert check_pyproject(head + "dependencies = []\n") == [], "an empty list is fine"
assert check_pyproject(head + 'dependencies = ["a", 3]\n') == ["project.dependencies"]
assert check_pyproject('[project]\nname = "-"\ndependencies = {}\n') == [
    "build-system", "project.name", "project.version", "project.dependencies"], "every problem, in order"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    check_pyproject('[project]\nname = "x"\nversion = 0.4.0\n')
except ValueError as err:
    assert str(err).startswith("pyproject.toml: "), f"the message starts with the file name: {err}"
    assert "line 3" in str(err), f"and keeps tomllib's line number: {err}"
else:
    raise AssertionError("text that is not TOML raises ValueError")

# %% course={"kind": "wrong", "id": "name-is-identifier", "fails": ["t1", "t2", "t3"]}
import tomllib


def check_pyproject(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"pyproject.toml: {err}") from None
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not (isinstance(build.get("requires"), list) and all(isinstance(r, str) for r in build["requires"])):
            problems.append("build-system.requires")
        if not (isinstance(build.get("build-backend"), str) and build["build-backend"]):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        return [*problems, "project"]
    if not (isinstance(project.get("name"), str) and project["name"].isidentifier()):  # "my-tool" rejected
        problems.append("project.name")
    dynamic = "version" in project.get("dynamic", [])
    if not ((isinstance(project.get("version"), str) and not dynamic) or ("version" not in project and dynamic)):
        problems.append("project.version")
    deps = project.get("dependencies", [])
    if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
        problems.append("project.dependencies")
    return problems

# %% course={"kind": "wrong", "id": "dynamic-ignored", "fails": ["t4"]}
import re
import tomllib


def check_pyproject(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"pyproject.toml: {err}") from None
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not (isinstance(build.get("requires"), list) and all(isinstance(r, str) for r in build["requires"])):
            problems.append("build-system.requires")
        if not (isinstance(build.get("build-backend"), str) and build["build-backend"]):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        return [*problems, "project"]
    if not (isinstance(project.get("name"), str) and re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", project["name"])):
        problems.append("project.name")
    if "version" not in project:  # dynamic = ["version"] not consulted
        problems.append("project.version")
    deps = project.get("dependencies", [])
    if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
        problems.append("project.dependencies")
    return problems

# %% course={"kind": "wrong", "id": "decode-error-escapes", "fails": ["t6"]}
import re
import tomllib


def check_pyproject(text):
    data = tomllib.loads(text)  # TOMLDecodeError is a ValueError, but without the file name
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not (isinstance(build.get("requires"), list) and all(isinstance(r, str) for r in build["requires"])):
            problems.append("build-system.requires")
        if not (isinstance(build.get("build-backend"), str) and build["build-backend"]):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        return [*problems, "project"]
    if not (isinstance(project.get("name"), str) and re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", project["name"])):
        problems.append("project.name")
    dynamic = "version" in project.get("dynamic", [])
    if not ((isinstance(project.get("version"), str) and not dynamic) or ("version" not in project and dynamic)):
        problems.append("project.version")
    deps = project.get("dependencies", [])
    if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
        problems.append("project.dependencies")
    return problems

# %% course={"kind": "wrong", "id": "ignorecase-name", "fails": ["t3"]}
import re
import tomllib


def check_pyproject(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"pyproject.toml: {err}") from None
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not (isinstance(build.get("requires"), list) and all(isinstance(r, str) for r in build["requires"])):
            problems.append("build-system.requires")
        if not (isinstance(build.get("build-backend"), str) and build["build-backend"]):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        return [*problems, "project"]
    name = project.get("name")
    if not (isinstance(name, str) and re.fullmatch(r"[a-z0-9]([a-z0-9._-]*[a-z0-9])?", name, re.IGNORECASE)):
        problems.append("project.name")  # IGNORECASE lets the Kelvin sign through
    dynamic = "version" in project.get("dynamic", [])
    if not ((isinstance(project.get("version"), str) and not dynamic) or ("version" not in project and dynamic)):
        problems.append("project.version")
    deps = project.get("dependencies", [])
    if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
        problems.append("project.dependencies")
    return problems

# %% course={"kind": "wrong", "id": "dollar-anchor", "fails": ["t3"]}
import re
import tomllib


def check_pyproject(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"pyproject.toml: {err}") from None
    problems = []
    build = data.get("build-system")
    if not isinstance(build, dict):
        problems.append("build-system")
    else:
        if not (isinstance(build.get("requires"), list) and all(isinstance(r, str) for r in build["requires"])):
            problems.append("build-system.requires")
        if not (isinstance(build.get("build-backend"), str) and build["build-backend"]):
            problems.append("build-system.build-backend")
    project = data.get("project")
    if not isinstance(project, dict):
        return [*problems, "project"]
    name = project.get("name")
    if not (isinstance(name, str) and re.match(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$", name)):
        problems.append("project.name")  # $ also matches before a final newline: "tool\n" passes
    dynamic = "version" in project.get("dynamic", [])
    if not ((isinstance(project.get("version"), str) and not dynamic) or ("version" not in project and dynamic)):
        problems.append("project.version")
    deps = project.get("dependencies", [])
    if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
        problems.append("project.dependencies")
    return problems

# %% [markdown] course={"kind": "exercise", "id": "version-spec"}
# ### Does this version satisfy the requirement?
#
# `dependencies = ["httpx>=0.27,<1"]` only helps if you read the specifier the way pip does. Write
# `satisfies(version, spec)` for **release versions** (numbers joined by dots: `1`, `1.4`,
# `2.10.3`; no `rc`, no `+local`) and a `spec` of comma-separated clauses, all of which must hold:
#
# - `==V`, `!=V`, `<V`, `<=V`, `>V`, `>=V`: compare number by number, the shorter version padded
#   with zeros, so `1.10 > 1.9` and `1.0 == 1.0.0`;
# - `==V.*` / `!=V.*`: the version does / does not start with the numbers of `V` (`1.4.7` and `1.4`
#   match `==1.4.*`; `1.40` does not);
# - `~=V` (compatible release, `V` has at least two numbers): `>=V` and `==` `V` without its last
#   number `.*`; so `~=1.4.2` means `>=1.4.2, ==1.4.*` and `~=2.2` means `>=2.2, ==2.*`;
# - spaces around clauses and after the operator are allowed; an empty spec allows every version,
#   but an empty clause inside a spec (`>=1,,<2`, a trailing comma) is an error.
#
# Raise `ValueError` naming the bad text with its `repr` (the version, the clause or the whole spec)
# for a version that is not a release version and for any clause that does not follow these rules,
# **even when an earlier clause already fails**. Return a `bool`.
#
# ```python
# satisfies("1.10.2", ">=1.9, <2")   # True
# satisfies("1.5", "~=1.4.2")        # False
# ```
#
# (Real tools use the `packaging` library's `SpecifierSet`, which also knows pre-releases, epochs
# and local versions. The rules above are the part of PEP 440 that you meet daily.)

# %% [markdown] course={"kind": "hint"}
# Turn versions into tuples of ints (`tuple(int(p) for p in v.split("."))`) and pad the shorter one
# with `(0,) * n` before comparing: tuples compare number by number, strings character by character.

# %% [markdown] course={"kind": "hint"}
# Parse every clause first with one regular expression such as
# `re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause)` and keep
# `(operator, numbers, wildcard)` triples; check them against the version only afterwards.

# %% course={"kind": "solution"}
import re


def satisfies(version: str, spec: str) -> bool:
    ### BEGIN SOLUTION
    release = re.compile(r"[0-9]+(?:\.[0-9]+)*")
    clause_pattern = re.compile(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?")

    def padded(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        width = max(len(a), len(b))
        return a + (0,) * (width - len(a)), b + (0,) * (width - len(b))

    def starts_with(v: tuple[int, ...], prefix: tuple[int, ...]) -> bool:
        return padded(v, prefix)[0][: len(prefix)] == prefix

    if not release.fullmatch(version):
        raise ValueError(f"not a release version: {version!r}")
    have = tuple(int(part) for part in version.split("."))
    clauses = []
    if spec.strip():
        for clause in spec.split(","):
            match = clause_pattern.fullmatch(clause.strip())
            if match is None or (match[3] and match[1] not in ("==", "!=")) or (match[1] == "~=" and "." not in match[2]):
                raise ValueError(f"not a version clause: {clause.strip()!r}")
            clauses.append((match[1], tuple(int(part) for part in match[2].split(".")), bool(match[3])))
    for op, want, wildcard in clauses:
        if wildcard:
            ok = starts_with(have, want) == (op == "==")
        elif op == "~=":
            ok = padded(have, want)[0] >= padded(have, want)[1] and starts_with(have, want[:-1])
        else:
            a, b = padded(have, want)
            ok = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if not ok:
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert satisfies("1.10.2", ">=1.9, <2") is True, "1.10.2 is at least 1.9 and below 2"
assert satisfies("2.0", ">=1.9, <2") is False, "2.0 is not below 2"
### BEGIN HIDDEN TESTS
assert satisfies("1.9", ">=1.9,<2") is True and satisfies("1.8.99", ">=1.9,<2") is False
assert satisfies("3", "") is True and satisfies("0", "   ") is True, "an empty spec allows everything"
assert satisfies("1.2", " >= 1.2 ,  <  2 ") is True, "spaces around clauses and after the operator"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert satisfies("1.10", ">1.9") is True, "1.10 is newer than 1.9: numbers, not strings"
assert satisfies("1.0", "==1.0.0") is True, "missing numbers count as 0"
### BEGIN HIDDEN TESTS
assert satisfies("1.9", "<1.10") and not satisfies("1.10", "<1.9") and satisfies("10", ">9") and not satisfies("9", ">10")
assert satisfies("1", "==1.0.0") and satisfies("1.0.0", "==1") and not satisfies("1.0", "!=1.0.0")
assert satisfies("1.0.1", "!=1") and not satisfies("1.0.0", ">1.0") and satisfies("1.0.1", ">1.0")
assert satisfies("2", "<=2.0") and not satisfies("2.0.1", "<=2") and satisfies("1.99", "<2") and not satisfies("2.0.0", "<2")
assert satisfies("0.0", ">=0") and not satisfies("0", ">0.0.0") and satisfies("0.0.1", ">0")
assert satisfies("1.2.3", "==01.2.3"), "numbers are ints: 01 == 1"
assert not satisfies("1.2", "==1.2.1") and not satisfies("1.2.1", "==1.2") and satisfies("1.2.1", "!=1.2")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert satisfies("1.4.7", "==1.4.*") is True, "1.4.7 starts with 1.4"
assert satisfies("1.40", "==1.4.*") is False, "1.40 does not start with 1.4"
### BEGIN HIDDEN TESTS
assert satisfies("1.4", "==1.4.*") and satisfies("1", "==1.0.*") and satisfies("2", "==2.*")
assert not satisfies("1.3.9", "==1.4.*") and not satisfies("1.5", "==1.4.*")
assert satisfies("1.5", "!=1.4.*") and not satisfies("1.4.0", "!=1.4.*") and not satisfies("1.4.2.1", "!=1.4.*")
assert satisfies("1.4.2", "==1.4.2.*") and not satisfies("1.4.20", "==1.4.2.*")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert satisfies("1.4.9", "~=1.4.2") is True, "~=1.4.2 allows later 1.4 releases"
assert satisfies("1.5", "~=1.4.2") is False, "~=1.4.2 stops before 1.5"
### BEGIN HIDDEN TESTS
assert satisfies("1.4.2", "~=1.4.2") and not satisfies("1.4.1", "~=1.4.2") and not satisfies("2.0", "~=1.4.2")
assert satisfies("2.9", "~=2.2") and satisfies("2.2", "~=2.2") and not satisfies("3.0", "~=2.2") and not satisfies("2.1.9", "~=2.2")
assert satisfies("1.4.2.7", "~=1.4.2") and satisfies("1.4", "~=1.4.0") and not satisfies("1.3.9", "~=1.4.0")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for version, spec in (("1.x", ""), ("", ">=1"), ("v1.2", ">=1"), ("1..2", ""), ("１.2", ""), ("1.2 ", ""), ("1.2\n", ""), ("-1", ""),
                      ("1", "1.0"), ("1", "=>1"), ("1", "<=1.*"), ("1", "~=1"), ("1", "~=1.*"), ("1", ">=1,,<2"),
                      ("1", "==1.x"), ("1", "===1"), ("1", ">=1,"), ("1", "== 1 .0"), ("1", "==1.*.*"), ("0.1", ">=1, bogus")):
    try:
        satisfies(version, spec)
    except ValueError as err:
        assert repr(version) in str(err) or repr(spec) in str(err) or any(
            repr(c.strip()) in str(err) for c in spec.split(",")), f"the error names the bad text: {err}"
    else:
        raise AssertionError(f"satisfies({version!r}, {spec!r}) must raise ValueError")

# %% course={"kind": "wrong", "id": "string-compare", "fails": ["t1", "t2", "t3", "t4"]}
import re


def satisfies(version, spec):
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", version):
        raise ValueError(f"not a release version: {version!r}")
    clauses = []
    if spec.strip():
        for clause in spec.split(","):
            m = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause.strip())
            if m is None or (m[3] and m[1] not in ("==", "!=")) or (m[1] == "~=" and "." not in m[2]):
                raise ValueError(f"not a version clause: {clause.strip()!r}")
            clauses.append((m[1], m[2], bool(m[3])))
    for op, want, wildcard in clauses:  # compares the strings themselves
        if wildcard:
            ok = version.startswith(want) == (op == "==")
        elif op == "~=":
            ok = version >= want and version.startswith(want.rsplit(".", 1)[0])
        else:
            ok = {"==": version == want, "!=": version != want, "<": version < want, "<=": version <= want,
                  ">": version > want, ">=": version >= want}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "no-padding", "fails": ["t2", "t3", "t4"]}
import re


def satisfies(version, spec):
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", version):
        raise ValueError(f"not a release version: {version!r}")
    have = tuple(int(p) for p in version.split("."))
    clauses = []
    if spec.strip():
        for clause in spec.split(","):
            m = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause.strip())
            if m is None or (m[3] and m[1] not in ("==", "!=")) or (m[1] == "~=" and "." not in m[2]):
                raise ValueError(f"not a version clause: {clause.strip()!r}")
            clauses.append((m[1], tuple(int(p) for p in m[2].split(".")), bool(m[3])))
    for op, want, wildcard in clauses:  # (1, 0) != (1, 0, 0)
        if wildcard:
            ok = (have[: len(want)] == want) == (op == "==")
        elif op == "~=":
            ok = have >= want and have[: len(want) - 1] == want[:-1]
        else:
            ok = {"==": have == want, "!=": have != want, "<": have < want, "<=": have <= want,
                  ">": have > want, ">=": have >= want}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "caret-compatible", "fails": ["t4"]}
import re


def satisfies(version, spec):
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", version):
        raise ValueError(f"not a release version: {version!r}")
    have = tuple(int(p) for p in version.split("."))

    def pad(a, b):
        n = max(len(a), len(b))
        return a + (0,) * (n - len(a)), b + (0,) * (n - len(b))

    clauses = []
    if spec.strip():
        for clause in spec.split(","):
            m = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause.strip())
            if m is None or (m[3] and m[1] not in ("==", "!=")) or (m[1] == "~=" and "." not in m[2]):
                raise ValueError(f"not a version clause: {clause.strip()!r}")
            clauses.append((m[1], tuple(int(p) for p in m[2].split(".")), bool(m[3])))
    for op, want, wildcard in clauses:
        if wildcard:
            ok = (pad(have, want)[0][: len(want)] == want) == (op == "==")
        elif op == "~=":
            ok = pad(have, want)[0] >= pad(have, want)[1] and have[0] == want[0]  # like ^ in npm: same major
        else:
            a, b = pad(have, want)
            ok = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "checks-lazily", "fails": ["t5"]}
import re


def satisfies(version, spec):
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", version):
        raise ValueError(f"not a release version: {version!r}")
    have = tuple(int(p) for p in version.split("."))

    def pad(a, b):
        n = max(len(a), len(b))
        return a + (0,) * (n - len(a)), b + (0,) * (n - len(b))

    if not spec.strip():
        return True
    for clause in spec.split(","):  # returns False before the later clauses are even read
        m = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause.strip())
        if m is None or (m[3] and m[1] not in ("==", "!=")) or (m[1] == "~=" and "." not in m[2]):
            raise ValueError(f"not a version clause: {clause.strip()!r}")
        op, want, wildcard = m[1], tuple(int(p) for p in m[2].split(".")), bool(m[3])
        if wildcard:
            ok = (pad(have, want)[0][: len(want)] == want) == (op == "==")
        elif op == "~=":
            ok = pad(have, want)[0] >= pad(have, want)[1] and pad(have, want)[0][: len(want) - 1] == want[:-1]
        else:
            a, b = pad(have, want)
            ok = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "dollar-anchor-version", "fails": ["t5"]}
import re


def satisfies(version, spec):
    if not re.match(r"^[0-9]+(\.[0-9]+)*$", version):  # "1.2\n" matches: $ allows a final newline
        raise ValueError(f"not a release version: {version!r}")
    have = tuple(int(p) for p in version.split("."))  # int() ignores the newline

    def pad(a, b):
        n = max(len(a), len(b))
        return a + (0,) * (n - len(a)), b + (0,) * (n - len(b))

    clauses = []
    if spec.strip():
        for clause in spec.split(","):
            m = re.fullmatch(r"(~=|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?", clause.strip())
            if m is None or (m[3] and m[1] not in ("==", "!=")) or (m[1] == "~=" and "." not in m[2]):
                raise ValueError(f"not a version clause: {clause.strip()!r}")
            clauses.append((m[1], tuple(int(p) for p in m[2].split(".")), bool(m[3])))
    for op, want, wildcard in clauses:
        if wildcard:
            ok = (pad(have, want)[0][: len(want)] == want) == (op == "==")
        elif op == "~=":
            ok = pad(have, want)[0] >= pad(have, want)[1] and pad(have, want)[0][: len(want) - 1] == want[:-1]
        else:
            a, b = pad(have, want)
            ok = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        if not ok:
            return False
    return True

# %% [markdown] course={"kind": "exercise", "id": "wheel-name"}
# ### Read a wheel's file name
#
# An internal index, a cache cleaner or a "which platforms do we ship?" report all start from wheel
# file names, which follow one pattern: `name-version[-build]-python-abi-platform.whl`, five or six
# fields separated by `-` (the name and version inside them never contain `-`). Write
# `parse_wheel_filename(filename)` returning a `WheelName` (the named tuple below):
#
# - `name` is the project name in its **normalised** form: every run of `-`, `_` and `.` becomes
#   one `-`, and the result is lower-case (`My_Tool.Name` is `my-tool-name`, the way pip compares
#   names);
# - `version`, `python`, `abi`, `platform` are copied as they are; `build` is the optional build
#   tag (the sixth field, between the version and the python tag) or `None`;
# - raise `ValueError` naming the file name with its `repr` when it does not end in `.whl`, has
#   not five or six fields, has an empty field, or has a build tag that does not start with an
#   ASCII digit.
#
# ```python
# parse_wheel_filename("acme_deploy-0.4.0-py3-none-any.whl")
# # WheelName(name='acme-deploy', version='0.4.0', build=None, python='py3', abi='none', platform='any')
# ```

# %% [markdown] course={"kind": "hint"}
# Cut off `.whl` and `split("-")`. With six fields, the third one is the build tag; with five there
# is none. `WheelName(name, version, build, *last_three)` builds the result.

# %% [markdown] course={"kind": "hint"}
# `re.sub(r"[-_.]+", "-", name).lower()` normalises the name. For the build tag, `"0" <= tag[0] <= "9"`
# accepts only ASCII digits (`str.isdigit()` also accepts digits of other scripts).

# %% course={"kind": "solution"}
import re
from typing import NamedTuple


class WheelName(NamedTuple):
    name: str
    version: str
    build: str | None
    python: str
    abi: str
    platform: str


def parse_wheel_filename(filename: str) -> WheelName:
    ### BEGIN SOLUTION
    if not filename.endswith(".whl"):
        raise ValueError(f"{filename!r}: a wheel's file name ends with .whl")
    fields = filename.removesuffix(".whl").split("-")
    if len(fields) not in (5, 6) or not all(fields):
        raise ValueError(f"{filename!r}: expected name-version[-build]-python-abi-platform.whl")
    name, version, *tags = fields
    build = tags.pop(0) if len(tags) == 4 else None
    if build is not None and not "0" <= build[0] <= "9":
        raise ValueError(f"{filename!r}: a build tag starts with a digit, got {build!r}")
    return WheelName(re.sub(r"[-_.]+", "-", name).lower(), version, build, *tags)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = parse_wheel_filename("acme_deploy-0.4.0-py3-none-any.whl")
assert got == WheelName("acme-deploy", "0.4.0", None, "py3", "none", "any"), f"the example: {got}"
assert type(got) is WheelName, f"return a WheelName, not a {type(got).__name__}"
### BEGIN HIDDEN TESTS
got = parse_wheel_filename("numpy-2.1.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
assert got == WheelName("numpy", "2.1.3", None, "cp311", "cp311", "manylinux_2_17_x86_64.manylinux2014_x86_64"), got
assert parse_wheel_filename("six-1.16.0-py2.py3-none-any.whl").python == "py2.py3", "compressed tag sets stay as they are"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert parse_wheel_filename("My_Tool.Name-1.0-py3-none-any.whl").name == "my-tool-name", "normalise the name"
### BEGIN HIDDEN TESTS
assert parse_wheel_filename("A__b..C_.d-1.0rc1-py3-none-any.whl") == WheelName("a-b-c-d", "1.0rc1", None, "py3", "none", "any")
assert parse_wheel_filename("x-1-py3-none-any.whl").name == "x"
assert parse_wheel_filename("Café_Tool-1.0-py3-none-any.whl").name == "café-tool", "lower-case, other letters kept"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
got = parse_wheel_filename("acme-1.0-1-py3-none-any.whl")
assert got == WheelName("acme", "1.0", "1", "py3", "none", "any"), f"a build tag comes after the version: {got}"
### BEGIN HIDDEN TESTS
got = parse_wheel_filename("acme-1.0-20b-cp312-abi3-win_amd64.whl")
assert got == WheelName("acme", "1.0", "20b", "cp312", "abi3", "win_amd64"), got
assert parse_wheel_filename("acme-1.0-0-py3-none-any.whl").build == "0", "build tag 0 is present, not None"
assert parse_wheel_filename("acme-1.0-9x-py3-none-any.whl").build == "9x"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("acme-1.0-py3-none-any.zip", "acme-1.0-py3-none-any.WHL", "acme-1.0-py3-none.whl", ".whl",
            "acme-1.0-1-2-py3-none-any.whl", "acme--py3-none-any.whl", "acme-1.0-py3-none-.whl",
            "acme-1.0-x1-py3-none-any.whl", "acme-1.0-١-py3-none-any.whl", "acme-1.0-/-py3-none-any.whl",
            "acme-1.0-:-py3-none-any.whl", "acme-1.0-py3-none-any.whl.part"):
    try:
        parse_wheel_filename(bad)
    except ValueError as err:
        assert repr(bad) in str(err), f"the error names the file: {err}"
    else:
        raise AssertionError(f"{bad!r} is not a valid wheel file name: ValueError expected")

# %% course={"kind": "wrong", "id": "build-tag-last", "fails": ["t3"]}
import re
from typing import NamedTuple


class WheelName(NamedTuple):
    name: str
    version: str
    build: str | None
    python: str
    abi: str
    platform: str


def parse_wheel_filename(filename):
    if not filename.endswith(".whl"):
        raise ValueError(f"{filename!r}: not a wheel")
    fields = filename[:-4].split("-")
    if len(fields) not in (5, 6) or not all(fields):
        raise ValueError(f"{filename!r}: wrong number of fields")
    name, version, *tags = fields
    build = tags.pop() if len(tags) == 4 else None  # takes the last field as the build tag
    if build is not None and not "0" <= build[0] <= "9":
        raise ValueError(f"{filename!r}: bad build tag")
    return WheelName(re.sub(r"[-_.]+", "-", name).lower(), version, build, *tags)

# %% course={"kind": "wrong", "id": "name-as-is", "fails": ["t1", "t2"]}
from typing import NamedTuple


class WheelName(NamedTuple):
    name: str
    version: str
    build: str | None
    python: str
    abi: str
    platform: str


def parse_wheel_filename(filename):
    if not filename.endswith(".whl"):
        raise ValueError(f"{filename!r}: not a wheel")
    fields = filename[:-4].split("-")
    if len(fields) not in (5, 6) or not all(fields):
        raise ValueError(f"{filename!r}: wrong number of fields")
    name, version, *tags = fields
    build = tags.pop(0) if len(tags) == 4 else None
    if build is not None and not "0" <= build[0] <= "9":
        raise ValueError(f"{filename!r}: bad build tag")
    return WheelName(name.lower(), version, build, *tags)  # underscores and dots left in

# %% course={"kind": "wrong", "id": "isdigit-build", "fails": ["t4"]}
import re

from typing import NamedTuple


class WheelName(NamedTuple):
    name: str
    version: str
    build: str | None
    python: str
    abi: str
    platform: str




def parse_wheel_filename(filename):
    if not filename.endswith(".whl"):
        raise ValueError(f"{filename!r}: not a wheel")
    fields = filename[:-4].split("-")
    if len(fields) not in (5, 6) or not all(fields):
        raise ValueError(f"{filename!r}: wrong number of fields")
    name, version, *tags = fields
    build = tags.pop(0) if len(tags) == 4 else None
    if build is not None and not build[0].isdigit():  # '١' (Arabic-Indic one) is a digit too
        raise ValueError(f"{filename!r}: bad build tag")
    return WheelName(re.sub(r"[-_.]+", "-", name).lower(), version, build, *tags)

# %% course={"kind": "wrong", "id": "split-into-tuple", "fails": ["t1", "t2", "t3", "t4"]}
import re

from typing import NamedTuple


class WheelName(NamedTuple):
    name: str
    version: str
    build: str | None
    python: str
    abi: str
    platform: str




def parse_wheel_filename(filename):
    stem = filename.rsplit(".", 1)[0]  # any extension accepted
    name, version, *rest = stem.split("-")
    build = rest[0] if len(rest) > 3 else None
    return (re.sub(r"[-_.]+", "-", name).lower(), version, build, *rest[-3:])

# %% [markdown] course={"kind": "exercise", "id": "build-wheel", "item": "x-build-a-wheel-and-install-it-locally", "timeout": 30}
# ### Build a wheel by hand, then let pip install it
#
# A wheel is only a zip file with a fixed layout, so you can build one with the standard library,
# which also shows you exactly what a build backend produces. Write
# `build_wheel(package_dir, out_dir, name, version, scripts=None)` that packs the import package in
# the folder `package_dir` (say `src/hello_ops`) into `out_dir` and returns the wheel's `Path`:
#
# - `dist` is `name` normalised for file names: runs of `-`, `_`, `.` become one `_`, lower-case
#   (`Hello.Ops-tool` gives `hello_ops_tool`); the wheel is `out_dir/{dist}-{version}-py3-none-any.whl`
#   (create `out_dir` if needed) and its metadata folder is `{dist}-{version}.dist-info`;
# - entries, in this order: every file under `package_dir` as `{package_dir.name}/{relative path}`,
#   sorted by that name as a string (`pkg/data.json` before `pkg/data/x.json`), **skipping**
#   `__pycache__` folders and `*.pyc` files; then in the
#   dist-info folder `METADATA` (the three lines `Metadata-Version: 2.1`, `Name: {name}`,
#   `Version: {version}`), `WHEEL` (`Wheel-Version: 1.0`, `Generator: build_wheel`,
#   `Root-Is-Purelib: true`, `Tag: py3-none-any`), `entry_points.txt` **only if** `scripts` is
#   non-empty (a `[console_scripts]` line, then `command = module:function` lines sorted by
#   command), and last `RECORD`;
# - `RECORD` has one line `path,sha256=HASH,SIZE` per other entry, where HASH is the urlsafe
#   base64 of the sha256 digest without `=` padding, then `{dist}-{version}.dist-info/RECORD,,`;
# - the build is **reproducible**: every entry's timestamp is `(1980, 1, 1, 0, 0, 0)`, so two
#   builds of the same files are byte for byte the same (write `zipfile.ZipInfo` objects; a plain
#   `writestr(name, data)` stamps the current time).
#
# ```python
# build_wheel(root / "src/hello_ops", root / "dist", "hello-ops", "0.1.0", {"hello-ops": "hello_ops.cli:main"})
# # PosixPath('.../dist/hello_ops-0.1.0-py3-none-any.whl')
# ```
#
# The tests then install your wheel with the real `pip install --target` into a temporary folder.

# %% [markdown] course={"kind": "hint"}
# Collect `{entry name: bytes}` in a dict in the right order (dicts keep insertion order), then
# build RECORD from it, then write everything. The demo in the distribution lesson computes a
# RECORD hash.

# %% [markdown] course={"kind": "hint"}
# `for path in package_dir.rglob("*")`, keep `path.is_file()` whose
# `path.relative_to(package_dir).parts` has no `__pycache__` and whose suffix is not `.pyc`; then
# sort the entry *names*. (Sorting the `Path` objects compares part by part, which puts
# `pkg/data/x.json` before `pkg/data.json`.)
# `zf.writestr(zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0)), data)` writes one entry.

# %% course={"kind": "solution", "equivalent": {"m-e37f3c3c": "zip stores seconds in 2-second steps (seconds // 2), so 0:00:01 is written as 0:00:00: the same bytes (checked on 3.11-3.13)"}}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(
    package_dir: Path | str, out_dir: Path | str, name: str, version: str, scripts: dict[str, str] | None = None
) -> Path:
    ### BEGIN SOLUTION
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    package_files = {}
    for path in package_dir.rglob("*"):
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            package_files[f"{package_dir.name}/{relative.as_posix()}"] = path.read_bytes()
    # sorted by entry name, not by Path: "pkg/data.json" comes before "pkg/data/x.json"
    entries = dict(sorted(package_files.items()))
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{command} = {target}\n" for command, target in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for arcname, data in entries.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record += f"{arcname},sha256={digest},{len(data)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for arcname, data in entries.items():
            stamped = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            # a ZipInfo entry is stored uncompressed unless writestr is told otherwise
            zf.writestr(stamped, data, compress_type=zipfile.ZIP_DEFLATED)
    return wheel
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
import zipfile

with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"src/hello_ops/__init__.py": "", "src/hello_ops/cli.py": "def main():\n    print('hi')\n"})
    wheel = build_wheel(src / "src/hello_ops", src / "dist", "hello-ops", "0.1.0", {"hello-ops": "hello_ops.cli:main"})
    assert wheel == src / "dist/hello_ops-0.1.0-py3-none-any.whl" and wheel.is_file(), f"the wheel's path: {wheel}"
    names = zipfile.ZipFile(wheel).namelist()
    info = "hello_ops-0.1.0.dist-info"
    want = ["hello_ops/__init__.py", "hello_ops/cli.py", f"{info}/METADATA", f"{info}/WHEEL", f"{info}/entry_points.txt", f"{info}/RECORD"]
    assert names == want, f"entries and their order: {names}"
### BEGIN HIDDEN TESTS
from course.runtime.listing import listing_z_to_a  # every folder lists Z to A while active: unsorted answers fail everywhere

with tempfile.TemporaryDirectory() as tmp, listing_z_to_a():
    src = write_tree(tmp, {"pkg/z.py": "", "pkg/a.py": "", "pkg/sub/b.py": "", "pkg/data/conf.json": "{}", "pkg/data.json": "[]"})
    wheel = build_wheel(Path(tmp, "pkg"), Path(tmp, "out/deep"), "Hello.Ops-_tool", "2.0")
    assert wheel == Path(tmp, "out/deep/hello_ops_tool-2.0-py3-none-any.whl"), wheel
    names = zipfile.ZipFile(wheel).namelist()
    info = "hello_ops_tool-2.0.dist-info"
    want = ["pkg/a.py", "pkg/data.json", "pkg/data/conf.json", "pkg/sub/b.py", "pkg/z.py", f"{info}/METADATA", f"{info}/WHEEL", f"{info}/RECORD"]
    assert names == want, f"sorted by entry name ('.' < '/'), not by Path: {names}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import base64
import hashlib
import tempfile
import zipfile

with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"hello_ops/__init__.py": "GREETING = 'grüß dich'\n", "hello_ops/cli.py": "def main():\n    return 0\n"})
    with zipfile.ZipFile(build_wheel(src / "hello_ops", src, "hello-ops", "0.1.0", {"hello-ops": "hello_ops.cli:main"})) as zf:
        record = zf.read("hello_ops-0.1.0.dist-info/RECORD").decode()
        lines = record.splitlines()
        assert lines[-1] == "hello_ops-0.1.0.dist-info/RECORD,,", f"RECORD lists itself last, without a hash: {lines[-1]!r}"
        for line in lines[:-1]:
            path, digest, size = line.split(",")
            data = zf.read(path)
            want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, size) == (want, str(len(data))), f"RECORD line for {path} (size in bytes): {line!r}"
        assert sorted(line.split(",")[0] for line in lines) == sorted(zf.namelist()), "RECORD lists every entry once"
        assert zf.read("hello_ops-0.1.0.dist-info/METADATA") == b"Metadata-Version: 2.1\nName: hello-ops\nVersion: 0.1.0\n"
### BEGIN HIDDEN TESTS
        assert zf.read("hello_ops-0.1.0.dist-info/WHEEL") == b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        assert record.endswith("\n") and record.count("\n") == len(zf.namelist())
with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"t/__init__.py": ""})
    with zipfile.ZipFile(build_wheel(src / "t", src, "t", "1", {"zz": "t:z", "aa": "t.cli:main", "mm": "t:m"})) as zf:
        assert zf.read("t-1.dist-info/entry_points.txt") == b"[console_scripts]\naa = t.cli:main\nmm = t:m\nzz = t:z\n"
    with zipfile.ZipFile(build_wheel(src / "t", src, "t", "2", {})) as zf:
        assert "t-2.dist-info/entry_points.txt" not in zf.namelist(), "no scripts, no entry_points.txt"
        assert zf.read("t-2.dist-info/RECORD").decode().splitlines()[0].startswith("t/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile
import zipfile

with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"pkg/__init__.py": "", "pkg/__pycache__/__init__.cpython-311.pyc": "x", "pkg/old.pyc": "x",
                           "pkg/sub/__pycache__/m.cpython-311.pyc": "x", "pkg/sub/m.py": ""})
    with zipfile.ZipFile(build_wheel(src / "pkg", src, "pkg", "1.0")) as zf:
        names = zf.namelist()
        assert names[:2] == ["pkg/__init__.py", "pkg/sub/m.py"] and len(names) == 5, f"no __pycache__ or .pyc: {names}"
        stamps = {info.date_time for info in zf.infolist()}
        assert stamps == {(1980, 1, 1, 0, 0, 0)}, f"fixed timestamps make the build reproducible: {stamps}"
### BEGIN HIDDEN TESTS
with tempfile.TemporaryDirectory() as tmp:  # Python writes bytecode to a temporary name first, then renames it
    src = write_tree(tmp, {"pkg/__init__.py": "", "pkg/__pycache__/__init__.cpython-311.pyc.140233": "x"})
    with zipfile.ZipFile(build_wheel(src / "pkg", src, "pkg", "1.0")) as zf:
        assert zf.namelist()[0] == "pkg/__init__.py" and len(zf.namelist()) == 4, f"nothing from __pycache__: {zf.namelist()}"
with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"pkg/__init__.py": "A = 'ä'\n", "pkg/pycache_notes.py": ""})
    first = build_wheel(src / "pkg", Path(tmp, "a"), "pkg", "1.0", {"p": "pkg:main"}).read_bytes()
    second = build_wheel(src / "pkg", Path(tmp, "b"), "pkg", "1.0", {"p": "pkg:main"}).read_bytes()
    assert first == second, "two builds of the same files are identical"
    with zipfile.ZipFile(Path(tmp, "a/pkg-1.0-py3-none-any.whl")) as zf:
        assert "pkg/pycache_notes.py" in zf.namelist() and zf.read("pkg/__init__.py") == "A = 'ä'\n".encode()
    as_text = build_wheel(str(src / "pkg"), str(Path(tmp, "c")), "pkg", "1.0", {"p": "pkg:main"})
    assert type(as_text) is type(Path()) and as_text == Path(tmp, "c/pkg-1.0-py3-none-any.whl"), "str arguments work too"
    assert as_text.read_bytes() == first
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import importlib.metadata
import os
import subprocess
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    src = write_tree(tmp, {"hello_ops/__init__.py": "", "hello_ops/cli.py": "def main():\n    print('hello from my wheel')\n"})
    wheel = build_wheel(src / "hello_ops", Path(tmp, "dist"), "hello-ops", "0.1.0", {"hello-ops": "hello_ops.cli:main"})
    target = Path(tmp, "target")
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-cache-dir", "--quiet",
                          "--disable-pip-version-check", "--target", str(target), str(wheel)],
                         capture_output=True, text=True, env=clean_env)
    assert pip.returncode == 0, f"pip could not install the wheel: {pip.stderr[-500:]}"
    (dist,) = importlib.metadata.distributions(path=[str(target)])
    assert (dist.metadata["Name"], dist.version) == ("hello-ops", "0.1.0"), "pip reads the name and version you wrote"
    run = subprocess.run([sys.executable, str(target / "bin" / "hello-ops")], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(target)})
    assert run.stdout == "hello from my wheel\n", f"the console script pip made runs main(): {run.stdout!r} {run.stderr[-300:]}"

# %% course={"kind": "wrong", "id": "hex-digest", "fails": ["t2"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in sorted(package_dir.rglob("*"), key=lambda p: p.as_posix()):
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            entries[f"{package_dir.name}/{relative.as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = "".join(f"{a},sha256={hashlib.sha256(d).hexdigest()},{len(d)}\n" for a, d in entries.items())  # hex, not base64
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return wheel

# %% course={"kind": "wrong", "id": "hyphen-dist-info", "fails": ["t1", "t2", "t4"]}
import base64
import hashlib
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    info = f"{name}-{version}.dist-info"  # the name is not normalised: hello-ops-0.1.0.dist-info
    entries = {}
    for path in sorted(package_dir.rglob("*"), key=lambda p: p.as_posix()):
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            entries[f"{package_dir.name}/{relative.as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for a, d in entries.items():
        record += f"{a},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return wheel

# %% course={"kind": "wrong", "id": "ships-cache-and-clock", "fails": ["t1", "t3"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in sorted(package_dir.rglob("*.py")):  # .py only skips .pyc, but ...
        entries[f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for a, d in entries.items():
        record += f"{a},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(a, d)  # ... stamps every entry with the current time
    return wheel

# %% course={"kind": "wrong", "id": "path-order", "fails": ["t1"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in sorted(package_dir.rglob("*")):  # Path order: pkg/data/conf.json before pkg/data.json
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            entries[f"{package_dir.name}/{relative.as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for a, d in entries.items():
        record += f"{a},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return wheel

# %% course={"kind": "wrong", "id": "pyc-suffix-only", "fails": ["t3"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in sorted(package_dir.rglob("*"), key=lambda p: p.as_posix()):
        if path.is_file() and path.suffix != ".pyc":  # __pycache__ holds more than *.pyc files
            entries[f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for a, d in entries.items():
        record += f"{a},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return wheel

# %% course={"kind": "wrong", "id": "size-in-characters", "fails": ["t2"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in sorted(package_dir.rglob("*"), key=lambda p: p.as_posix()):
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            entries[f"{package_dir.name}/{relative.as_posix()}"] = path.read_text(encoding="utf-8")
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    entries[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        entries[f"{info}/entry_points.txt"] = "[console_scripts]\n" + "".join(f"{c} = {t}\n" for c, t in sorted(scripts.items()))
    record = ""
    for a, text in entries.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record += f"{a},sha256={digest},{len(text)}\n"  # characters, not bytes: 'grüß' is 4 of one, 6 of the other
    entries[f"{info}/RECORD"] = record + f"{info}/RECORD,,\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, text in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), text)
    return wheel

# %% course={"kind": "wrong", "id": "listing-order", "fails": ["t1"]}
import base64
import hashlib
import re
import zipfile
from pathlib import Path


def build_wheel(package_dir, out_dir, name, version, scripts=None):
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    dist = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{dist}-{version}.dist-info"
    entries = {}
    for path in package_dir.rglob("*"):  # in the order the file system lists them
        relative = path.relative_to(package_dir)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            entries[f"{package_dir.name}/{relative.as_posix()}"] = path.read_bytes()
    entries[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: build_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if scripts:
        lines = [f"{c} = {t}\n" for c, t in sorted(scripts.items())]
        entries[f"{info}/entry_points.txt"] = ("[console_scripts]\n" + "".join(lines)).encode()
    record = ""
    for a, d in entries.items():
        record += f"{a},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for a, d in entries.items():
            zf.writestr(zipfile.ZipInfo(a, date_time=(1980, 1, 1, 0, 0, 0)), d)
    return wheel

# %% [markdown] course={"kind": "exercise", "id": "load-entry-points", "item": "x-create-a-package-with-console-script"}
# ### Find commands and plugins through entry points
#
# Write `load_entry_points(site_dir, group)` for a plugin host: it looks at the distributions
# installed in the folder `site_dir` **only** (not the rest of the environment), loads every entry
# point of `group` they declare, and returns `{entry point name: loaded object}` with the names in
# sorted order. Two entry points with the same name (from two distributions) are a conflict: raise
# `ValueError` naming the entry point and both distributions. The caller has already put
# `site_dir` on `sys.path`, so loading (importing) works.
#
# ```python
# # site/acme_tool-1.0.dist-info/entry_points.txt holds
# #   [console_scripts]
# #   acme = acme_tool.cli:main
# load_entry_points(site, "console_scripts")   # {'acme': <function main at 0x...>}
# ```
#
# The console scripts pip makes for a wheel come from exactly this group: `acme` on your `PATH`
# imports `acme_tool.cli` and calls `main()`.

# %% [markdown] course={"kind": "hint"}
# `importlib.metadata.distributions(path=[str(site_dir)])` reads only that folder; each
# distribution's `.entry_points.select(group=group)` gives its entry points, and `ep.load()` imports
# the object. `dist.metadata["Name"]` names the distribution.

# %% [markdown] course={"kind": "hint"}
# Remember which distribution each name came from in a second dict, so a conflict can name both;
# finish with `dict(sorted(found.items()))`.

# %% course={"kind": "solution", "equivalent": {"m-eba18c2f": "importlib.metadata also takes a Path in its search list (checked on 3.11-3.13); str() only follows the documented list of str"}}
import importlib.metadata
from pathlib import Path
from typing import Any


def load_entry_points(site_dir: Path | str, group: str) -> dict[str, Any]:
    ### BEGIN SOLUTION
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for dist in importlib.metadata.distributions(path=[str(site_dir)]):
        for ep in dist.entry_points.select(group=group):
            if ep.name in owner:
                raise ValueError(f"entry point {ep.name!r} in {group!r} comes from both {owner[ep.name]!r} and {dist.metadata['Name']!r}")
            owner[ep.name] = dist.metadata["Name"]
            found[ep.name] = ep.load()
    return dict(sorted(found.items()))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with scratch_modules({
    "acme_tool-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: acme-tool\nVersion: 1.0\n",
    "acme_tool-1.0.dist-info/entry_points.txt": "[console_scripts]\nacme = acme_tool.cli:main\n\n[acme.exporters]\ncsv = acme_tool.cli:to_csv\n",
    "acme_tool/__init__.py": "", "acme_tool/cli.py": "def main():\n    return 0\ndef to_csv(rows):\n    return ''\n",
}) as site:
    got = load_entry_points(str(site), "console_scripts")
    assert type(got) is dict and list(got) == ["acme"], f"one console script, and only that group: {got}"
    assert got["acme"]() == 0, "the value is the loaded function itself, ready to call"
### BEGIN HIDDEN TESTS
    import acme_tool.cli

    assert got["acme"] is acme_tool.cli.main, "load() returns the object, not an EntryPoint"
    assert load_entry_points(site, "nothing.here") == {}, "a group nobody declares"
    assert list(load_entry_points(site, "acme.exporters")) == ["csv"], "site_dir may be a Path"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with scratch_modules({
    "p_one-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: p-one\nVersion: 1.0\n",
    "p_one-1.0.dist-info/entry_points.txt": "[acme.exporters]\nzeta = p_one:zeta\nalpha = p_one:alpha\n",
    "p_two-2.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: p-two\nVersion: 2.0\n",
    "p_two-2.0.dist-info/entry_points.txt": "[acme.exporters]\nmid = p_two.sub:Mid\n",
    "p_one.py": "def zeta():\n    return 'z'\ndef alpha():\n    return 'a'\n",
    "p_two/__init__.py": "", "p_two/sub.py": "class Mid:\n    pass\n",
}) as site:
    got = load_entry_points(site, "acme.exporters")
    assert list(got) == ["alpha", "mid", "zeta"], f"plugins from every distribution, sorted by name: {list(got)}"
    assert got["alpha"]() == "a" and got["zeta"]() == "z" and got["mid"].__name__ == "Mid", "each name loads its own object"

# %% course={"kind": "test", "points": 2}
def one_plugin(plugin):
    return {
        f"{plugin}-1.0.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {plugin}\nVersion: 1.0\n",
        f"{plugin}-1.0.dist-info/entry_points.txt": f"[acme.exporters]\n{plugin} = {plugin}:run\n",
        f"{plugin}.py": "def run():\n    return 1\n",
    }


with scratch_modules(one_plugin("mine")) as mine, scratch_modules(one_plugin("theirs")):
    got = load_entry_points(mine, "acme.exporters")
    assert list(got) == ["mine"], f"only the distributions in site_dir count, even when others are importable: {list(got)}"

# %% course={"kind": "test", "points": 1}
files = {}
for dist in ("a_one", "b_two"):
    files |= {
        f"{dist}-1.0.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n",
        f"{dist}-1.0.dist-info/entry_points.txt": f"[acme.exporters]\ncsv = {dist}:run\n",
        f"{dist}.py": "def run():\n    return 1\n",
    }
with scratch_modules(files) as site:
    try:
        load_entry_points(site, "acme.exporters")
    except ValueError as err:
        assert "csv" in str(err) and "a_one" in str(err) and "b_two" in str(err), f"name the plugin and both owners: {err}"
    else:
        raise AssertionError("two plugins called 'csv' are a conflict: ValueError expected")

# %% course={"kind": "wrong", "id": "path-not-a-list", "fails": ["t1", "t2", "t3", "t4"]}
import importlib.metadata


def load_entry_points(site_dir, group):
    found, owner = {}, {}
    for dist in importlib.metadata.distributions(path=str(site_dir)):  # a str is iterated letter by letter
        for ep in dist.entry_points.select(group=group):
            if ep.name in owner:
                raise ValueError(f"entry point {ep.name!r} comes from both {owner[ep.name]!r} and {dist.metadata['Name']!r}")
            owner[ep.name] = dist.metadata["Name"]
            found[ep.name] = ep.load()
    return dict(sorted(found.items()))

# %% course={"kind": "wrong", "id": "entry-point-objects", "fails": ["t1", "t2"]}
import importlib.metadata


def load_entry_points(site_dir, group):
    found, owner = {}, {}
    for dist in importlib.metadata.distributions(path=[str(site_dir)]):
        for ep in dist.entry_points.select(group=group):
            if ep.name in owner:
                raise ValueError(f"entry point {ep.name!r} comes from both {owner[ep.name]!r} and {dist.metadata['Name']!r}")
            owner[ep.name] = dist.metadata["Name"]
            found[ep.name] = ep  # never loaded
    return dict(sorted(found.items()))

# %% course={"kind": "wrong", "id": "last-one-wins", "fails": ["t4"]}
import importlib.metadata


def load_entry_points(site_dir, group):
    found = {}
    for dist in importlib.metadata.distributions(path=[str(site_dir)]):
        for ep in dist.entry_points.select(group=group):
            found[ep.name] = ep.load()  # a second 'csv' silently replaces the first
    return dict(sorted(found.items()))

# %% course={"kind": "wrong", "id": "unsorted", "fails": ["t2"]}
import importlib.metadata


def load_entry_points(site_dir, group):
    found, owner = {}, {}
    for dist in sorted(importlib.metadata.distributions(path=[str(site_dir)]), key=lambda d: d.metadata["Name"]):
        for ep in dist.entry_points.select(group=group):
            if ep.name in owner:
                raise ValueError(f"entry point {ep.name!r} comes from both {owner[ep.name]!r} and {dist.metadata['Name']!r}")
            owner[ep.name] = dist.metadata["Name"]
            found[ep.name] = ep.load()
    return found  # in file order, not sorted by name

# %% [markdown] course={"kind": "exercise", "id": "opsctl", "item": "project-6-2-1"}
# ### Project core: a CLI with subcommands, ready to be a console script
#
# The heart of an internal tool package is `cli.py` with one `main(argv=None) -> int` that a console
# script (`opsctl = "opsctl.cli:main"`) calls as `sys.exit(main())`. Write it with `argparse`
# subcommands (`add_subparsers`):
#
# - `opsctl version` prints `opsctl 1.2.0` and returns `0`;
# - `opsctl ports PORT [PORT ...]` checks each port: ASCII digits only, value 1 to 65535. It prints
#   `PORT ok` on **stdout** for a good one and `opsctl: bad port 'PORT'` on **stderr** for a bad
#   one, in the order given, checking all of them; it returns `0` when all are good, else `1`;
# - no subcommand at all: print the usage (`parser.format_usage()`) to **stderr** and return `2`;
# - `argv=None` means `sys.argv[1:]`. `main` returns its exit code; it never calls `sys.exit` itself
#   (argparse may still raise `SystemExit(2)` on an unknown subcommand, which is fine).
#
# ```python
# main(["ports", "443", "70000"])   # prints "443 ok", warns about '70000' on stderr, returns 1
# ```

# %% [markdown] course={"kind": "hint"}
# `sub = parser.add_subparsers(dest="command")`, then `sub.add_parser("version")` and
# `ports = sub.add_parser("ports"); ports.add_argument("port", nargs="+")`. After
# `args = parser.parse_args(argv)`, `args.command` is `None` when no subcommand was given.

# %% [markdown] course={"kind": "hint"}
# `text.isdigit()` also accepts digits of other scripts (`"٨٠"`). Test `text.isascii() and
# text.isdigit()`, then the range. `print(..., file=sys.stderr)` writes to stderr.

# %% course={"kind": "solution"}
import argparse
import sys

VERSION = "1.2.0"


def main(argv: list[str] | None = None) -> int:
    ### BEGIN SOLUTION
    parser = argparse.ArgumentParser(prog="opsctl", description="Small checks for operators.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("version", help="print the version")
    ports = sub.add_parser("ports", help="check that port numbers are valid")
    ports.add_argument("port", nargs="+")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "version":
        print(f"opsctl {VERSION}")
        return 0
    if args.command == "ports":
        status = 0
        for text in args.port:
            if text.isascii() and text.isdigit() and 1 <= int(text) <= 65535:
                print(f"{text} ok")
            else:
                print(f"opsctl: bad port {text!r}", file=sys.stderr)
                status = 1
        return status
    print(parser.format_usage(), end="", file=sys.stderr)
    return 2
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
code, out, err = run_cli(main, ["version"])
assert (code, out, err) == (0, "opsctl 1.2.0\n", ""), f"version: {(code, out, err)}"
assert type(code) is int, "main returns the exit code as an int"

# %% course={"kind": "test", "points": 2}
code, out, err = run_cli(main, ["ports", "443", "70000"])
assert out == "443 ok\n", f"good ports on stdout: {out!r}"
assert err == "opsctl: bad port '70000'\n", f"bad ports on stderr: {err!r}"
assert code == 1 and type(code) is int, f"any bad port makes the exit code 1 (an int, not True), got {code!r}"
### BEGIN HIDDEN TESTS
code, out, err = run_cli(main, ["ports", "1", "65535", "22"])
assert (code, out, err) == (0, "1 ok\n65535 ok\n22 ok\n", "") and type(code) is int, "both ends of the range are valid"
code, out, err = run_cli(main, ["ports", "0", "80", "65536", "http", "٨٠", "+1", " 9", "-1", "08"])
assert out == "80 ok\n08 ok\n", out
assert err.splitlines() == [f"opsctl: bad port {p!r}" for p in ("0", "65536", "http", "٨٠", "+1", " 9", "-1")], err
assert code == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
code, out, err = run_cli(main, [])
assert code == 2 and out == "", f"no subcommand: exit code 2 and nothing on stdout, got {(code, out)}"
assert err.startswith("usage: opsctl"), f"the usage goes to stderr: {err!r}"
### BEGIN HIDDEN TESTS
try:
    run_cli(main, ["deploy"])
except SystemExit as stop:
    assert stop.code == 2, "argparse exits with 2 on an unknown subcommand"
else:
    raise AssertionError("an unknown subcommand is a usage error")
saved = sys.argv
try:
    sys.argv = ["opsctl", "version"]
    assert run_cli(main, None) == (0, "opsctl 1.2.0\n", ""), "argv=None reads sys.argv[1:]"
finally:
    sys.argv = saved
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stops-at-first-bad", "fails": ["t2"]}
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="opsctl")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("version")
    sub.add_parser("ports").add_argument("port", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "version":
        print("opsctl 1.2.0")
        return 0
    if args.command == "ports":
        for text in args.port:
            if text.isdigit() and 0 <= int(text) <= 65535:  # 0 and unicode digits let through
                print(f"{text} ok")
            else:
                print(f"opsctl: bad port {text!r}", file=sys.stderr)
                return 1  # later ports never checked
        return 0
    parser.print_usage(sys.stderr)
    return 2

# %% course={"kind": "wrong", "id": "exits-itself", "fails": ["t1", "t3"]}
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="opsctl")
    sub = parser.add_subparsers(dest="command", required=True)  # argparse exits when it is missing
    sub.add_parser("version")
    sub.add_parser("ports").add_argument("port", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "version":
        print("opsctl 1.2.0")
        sys.exit(0)  # the caller never gets a return value
    status = 0
    for text in args.port:
        if text.isascii() and text.isdigit() and 1 <= int(text) <= 65535:
            print(f"{text} ok")
        else:
            print(f"opsctl: bad port {text!r}", file=sys.stderr)
            status = 1
    return status

# %% course={"kind": "wrong", "id": "errors-on-stdout", "fails": ["t2"]}
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="opsctl")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("version")
    sub.add_parser("ports").add_argument("port", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "version":
        print("opsctl 1.2.0")
        return 0
    if args.command == "ports":
        status = 0
        for text in args.port:
            if text.isascii() and text.isdigit() and 1 <= int(text) <= 65535:
                print(f"{text} ok")
            else:
                print(f"opsctl: bad port {text!r}")  # mixed into the normal output
                status = 1
        return status
    parser.print_usage(sys.stderr)
    return 2

# %% course={"kind": "wrong", "id": "bool-exit-code", "fails": ["t2"]}
import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="opsctl")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("version")
    sub.add_parser("ports").add_argument("port", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "version":
        print("opsctl 1.2.0")
        return 0
    if args.command == "ports":
        any_bad = False
        for text in args.port:
            if text.isascii() and text.isdigit() and 1 <= int(text) <= 65535:
                print(f"{text} ok")
            else:
                print(f"opsctl: bad port {text!r}", file=sys.stderr)
                any_bad = True
        return any_bad  # True == 1 and False == 0, but the exit code is an int
    print(parser.format_usage(), end="", file=sys.stderr)
    return 2

# %% [markdown] course={"kind": "task", "id": "opsctl-package", "item": "project-6-2-1", "points": 4}
# ### Finish the internal tool package
#
# Turn the core above into an installable project `opsctl/` in the **src layout**:
#
# 1. `src/opsctl/__init__.py` (with `__version__`), `cli.py` (the `main` above plus one subcommand
#    of your own, e.g. `opsctl env --prefix APP_` listing matching environment variables), and
#    `__main__.py` so that `python -m opsctl` works too;
# 2. `pyproject.toml` with `[build-system]`, full `[project]` metadata (name, version,
#    description, readme, requires-python, license, authors) and
#    `[project.scripts] opsctl = "opsctl.cli:main"`;
# 3. `tests/test_cli.py` (pytest) calling `main([...])` for each subcommand, and a `README.md` that
#    shows installing and using the tool;
# 4. build it (`python -m build`, which by default installs the backend into a fresh build
#    environment and so needs your package index; `python -m build --no-isolation` uses a backend
#    already installed; or the `build_wheel` function from this notebook), install the wheel into a
#    fresh virtual environment and run `opsctl version` there.
#
# Paste the project tree, the `pyproject.toml` and the terminal session of step 4.

# %% [markdown] course={"kind": "rubric"}
# - src layout with `__init__.py`, `cli.py`, `__main__.py`; `main(argv=None) -> int` never calls
#   `sys.exit` for normal results (1 point)
# - `pyproject.toml` parses, has a build backend, complete metadata and the console script (1 point)
# - tests cover every subcommand including an error path; README has install and usage (1 point)
# - the session shows the installed command working from a clean environment, not from the
#   project folder (1 point)

# %% [markdown] course={"kind": "exercise", "id": "check-exports", "item": "project-6-2-2"}
# ### Project core: keep a shared library's `__all__` honest
#
# A shared library promises its users the names in `__all__`. Two things go wrong as it grows: a
# name stays in `__all__` after its function was renamed (then `from shared import *` raises
# `AttributeError`), and a new public function is never added. Write `check_exports(module)` that
# returns `(undefined, unlisted)`, two sorted lists of names, each name at most once:
#
# - `undefined`: names in `module.__all__` that the module does not have (use `hasattr`, so a
#   lazily loaded name that the module's `__getattr__` can produce counts as defined);
# - `unlisted`: public names (not starting with `_`) in the module's namespace whose value is a
#   **function or class that belongs to this library**, its `__module__` being the module's own
#   name or a name inside it (`shared.text` for `shared`), and that are not in `__all__`. Names the
#   module merely imported from elsewhere (`Path`, `json`) are not its API; neither are constants
#   or submodules.
#
# Raise `ValueError` naming the module when it has no `__all__`.
#
# ```python
# # shared/__init__.py:  __all__ = ["slugify", "retry"];  from .text import slugify, Table
# check_exports(shared)   # (['retry'], ['Table'])
# ```

# %% [markdown] course={"kind": "hint"}
# `vars(module)` is the module's namespace. `inspect.isfunction(obj) or inspect.isclass(obj)` picks
# functions and classes; `obj.__module__` says where they were defined.

# %% [markdown] course={"kind": "hint"}
# `shared.textual` is not inside `shared.text`: compare with `name == module.__name__ or
# name.startswith(module.__name__ + ".")`, not with a bare `startswith`.

# %% course={"kind": "solution"}
import inspect
import types


def check_exports(module: types.ModuleType) -> tuple[list[str], list[str]]:
    ### BEGIN SOLUTION
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(name for name in listed if not hasattr(module, name))
    own = module.__name__
    unlisted = sorted(
        name
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and name not in listed
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and (obj.__module__ == own or obj.__module__.startswith(own + "."))
    )
    return undefined, unlisted
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with scratch_modules({
    "shared/__init__.py": "__all__ = ['slugify', 'retry']\nfrom .text import slugify, Table\n",
    "shared/text.py": "def slugify(s):\n    return s.lower()\nclass Table:\n    pass\n",
}):
    import shared

    got = check_exports(shared)
    assert got == (["retry"], ["Table"]), f"the example: {got}"
    assert type(got) is tuple and type(got[0]) is list and type(got[1]) is list, "a tuple of two lists"

# %% course={"kind": "test", "points": 2}
with scratch_modules({
    "shared/__init__.py": (
        "import json\nfrom pathlib import Path\nfrom collections import OrderedDict\nfrom . import text\n"
        "from .text import slugify\nVERSION = '1.0'\n__all__ = ['slugify', 'VERSION']\n"
        "def _helper():\n    pass\nclass _Hidden:\n    pass\n"
    ),
    "shared/text.py": "def slugify(s):\n    return s.lower()\n",
}):
    import shared

    assert check_exports(shared) == ([], []), f"imports from elsewhere, constants, submodules and _names are not API: {check_exports(shared)}"
### BEGIN HIDDEN TESTS
with scratch_modules({
    "shared/__init__.py": "__all__ = ['Retry']\nclass Retry:\n    def __call__(self, fn):\n        return fn\nretry_twice = Retry()\n",
}):
    import shared

    assert check_exports(shared) == ([], []), f"an instance is not a function or class, even a callable one: {check_exports(shared)}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with scratch_modules({
    "shared/__init__.py": "__all__ = ['train']\nfrom .net.http import get\nfrom shared_extras import extra\ndef train():\n    pass\n",
    "shared/net/__init__.py": "", "shared/net/http.py": "def get():\n    pass\n",
    "shared_extras.py": "def extra():\n    pass\n",
}):
    import shared

    got = check_exports(shared)
    assert got == ([], ["get"]), f"a sibling package called shared_extras is not inside shared: {got}"
### BEGIN HIDDEN TESTS
with scratch_modules({
    "shared/__init__.py": (
        "__all__ = ['lazy', 'zeta', 'alpha', 'gone', 'also_gone', 'gone']\nfrom .a import alpha, zeta, beta, Yak, Ant\n"
        "def __getattr__(name):\n    if name == 'lazy':\n        return 42\n    raise AttributeError(name)\n"
    ),
    "shared/a.py": "def alpha():\n    pass\ndef zeta():\n    pass\ndef beta():\n    pass\nclass Yak:\n    pass\nclass Ant:\n    pass\n",
}):
    import shared
    import shared.a

    assert check_exports(shared) == (["also_gone", "gone"], ["Ant", "Yak", "beta"]), check_exports(shared)
    shared.a.__all__ = []
    assert check_exports(shared.a) == ([], ["Ant", "Yak", "alpha", "beta", "zeta"]), "a submodule's own definitions"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import types

try:
    check_exports(types.ModuleType("no_all_here"))
except ValueError as err:
    assert "no_all_here" in str(err), f"the error names the module: {err}"
else:
    raise AssertionError("a module without __all__: ValueError expected")
empty = types.ModuleType("empty_api")
empty.__all__ = []
assert check_exports(empty) == ([], []), "an empty __all__ on an empty module is fine"

# %% course={"kind": "wrong", "id": "imports-count", "fails": ["t2", "t3"]}
import types
import inspect


def check_exports(module):
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(n for n in listed if not hasattr(module, n))
    unlisted = sorted(  # Path, OrderedDict, extra... everything public counts
        n for n, obj in vars(module).items()
        if not n.startswith("_") and n not in listed and (inspect.isfunction(obj) or inspect.isclass(obj))
    )
    return undefined, unlisted

# %% course={"kind": "wrong", "id": "functions-only", "fails": ["t1", "t3"]}
import types
import inspect


def check_exports(module):
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(n for n in listed if not hasattr(module, n))
    own = module.__name__
    unlisted = sorted(
        n for n, obj in vars(module).items()
        if not n.startswith("_") and n not in listed and inspect.isfunction(obj)  # classes forgotten
        and (obj.__module__ == own or obj.__module__.startswith(own + "."))
    )
    return undefined, unlisted

# %% course={"kind": "wrong", "id": "bare-startswith", "fails": ["t3"]}
import types
import inspect


def check_exports(module):
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(n for n in listed if not hasattr(module, n))
    unlisted = sorted(
        n for n, obj in vars(module).items()
        if not n.startswith("_") and n not in listed and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__.startswith(module.__name__)  # shared_extras starts with shared too
    )
    return undefined, unlisted

# %% course={"kind": "wrong", "id": "namespace-only", "fails": ["t3"]}
import types
import inspect


def check_exports(module):
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(n for n in listed if n not in vars(module))  # misses names __getattr__ provides
    own = module.__name__
    unlisted = sorted(
        n for n, obj in vars(module).items()
        if not n.startswith("_") and n not in listed and (inspect.isfunction(obj) or inspect.isclass(obj))
        and (obj.__module__ == own or obj.__module__.startswith(own + "."))
    )
    return undefined, unlisted

# %% course={"kind": "wrong", "id": "callable-is-api", "fails": ["t2"]}
import types
import inspect


def check_exports(module):
    if not hasattr(module, "__all__"):
        raise ValueError(f"module {module.__name__!r} has no __all__")
    listed = set(module.__all__)
    undefined = sorted(n for n in listed if not hasattr(module, n))
    own = module.__name__
    unlisted = sorted(
        n for n, obj in vars(module).items()
        if not n.startswith("_") and n not in listed and callable(obj)  # a callable instance is not a function
        and (obj.__module__ == own or obj.__module__.startswith(own + "."))
    )
    return undefined, unlisted

# %% [markdown] course={"kind": "task", "id": "shared-library", "item": "project-6-2-2", "points": 4}
# ### Finish the shared library
#
# Build `acme-common`, a library your team's services share:
#
# 1. the import package `acme_common` with at least two subpackages by topic (for instance
#    `acme_common.config` for loading settings and `acme_common.retry` for a retry decorator), each
#    with its own `__init__.py` re-exporting its public names and an `__all__`;
# 2. a top-level `__init__.py` that exposes the most used names (and `__version__`), imports any
#    heavy part lazily through a module `__getattr__`, and passes `check_exports` for every module;
# 3. `pyproject.toml` with dependencies given as **ranges**, an optional `[test]` extra, tool
#    configuration for your linter and test runner;
# 4. set up for internal distribution: a `CHANGELOG.md`, a `Makefile` target that builds the
#    wheel and sdist, and a short `README.md` section on installing from your company's index
#    (`pip install --index-url https://.../simple acme-common`).
#
# Paste the tree, the three `__init__.py` files, `pyproject.toml`, and the output of
# `check_exports` for each module.

# %% [markdown] course={"kind": "rubric"}
# - two or more subpackages with one topic each; public names re-exported, `__all__` everywhere and
#   `check_exports` clean (1 point)
# - a lazy import that is really lazy (shown, e.g. with `sys.modules`) (1 point)
# - dependencies as ranges, not `==` pins; an extra; tool configuration (1 point)
# - the changelog, Makefile build target and index instructions are usable as written (1 point)

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-a-module"}
# A module is one `.py` file; importing it runs the file once and gives a module object holding
# its top-level names. A package is a folder of modules (and subpackages) imported by the folder's
# name, with dots for what is inside (`tools.net`). Technically a package is a module with a
# `__path__`, the folders searched for its submodules. A regular package has an `__init__.py`,
# which runs on import and defines the package's own namespace (re-exports, `__all__`, lazy
# `__getattr__`); a namespace package has none and may be spread over several folders. And neither
# is a *distribution*: that is what pip installs (a wheel or sdist), which may hold many packages.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-pyproject-toml-and-why-is-it"}
# `pyproject.toml` is the standard file describing a Python project: `[build-system]` names the
# build backend and what it needs (PEP 517/518), `[project]` holds the metadata, dependencies,
# extras, scripts and entry points (PEP 621), and `[tool.*]` tables configure tools such as ruff,
# pytest and mypy. It is preferred over `setup.py` because it is declarative data, not code: any
# tool can read it without running anything, build requirements are known before the build, the
# backend is replaceable (hatchling, setuptools, flit, pdm), and one file replaces `setup.py`,
# `setup.cfg`, and many tool configuration files.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-a-console-script-entry"}
# Write a function, usually `main(argv=None) -> int` in `mypkg/cli.py`, that parses arguments and
# returns an exit code. Declare it in `pyproject.toml`:
# `[project.scripts]` `mytool = "mypkg.cli:main"`. The build writes it into the wheel's
# `entry_points.txt` (group `console_scripts`), and on install pip creates an executable `mytool`
# in the environment's `bin/` (`Scripts\` on Windows) that imports the module and runs
# `sys.exit(main())`. Reinstall after changing it (also for editable installs), and add a
# `__main__.py` so `python -m mypkg` works as well.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-src-layout-and-why-use-it"}
# In the src layout the import package lives in `src/<package>/` instead of at the project root.
# Since `python -m pytest` and friends put the current folder first on `sys.path`, a flat layout
# lets tests import the source folder directly, so they pass even when the built wheel is missing a
# module, a data file or a dependency. With `src/` the package can be imported only after it is
# installed (`pip install -e .` while developing), so tests run against what users get, and
# stray top-level files (`setup.py`, `conftest.py`, scripts) can never be imported by accident.
# The flat layout is fine for small applications and scripts that are never installed.
