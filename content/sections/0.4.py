# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can tell which Python is running and where it came from,
# keep several versions side by side with pyenv, isolate every project in a virtual environment,
# and manage dependencies reproducibly: `requirements.txt`, lock files, `pyproject.toml`.
# Everything here inspects the running interpreter or works in temporary folders; nothing is
# downloaded and nothing is installed into your system.

# %% [markdown] course={"kind": "lesson", "id": "install-methods", "covers": ["c-python-installation-methods", "c-system-python-why-not-to-use-it", "c-official-installer-python-org", "c-pyenv-for-version-management", "c-homebrew-macos", "c-apt-yum-linux", "c-conda-miniconda"]}
# ### Ways to install Python, and which one you are running
#
# | method | where it lands (typical) | good for | watch out |
# |---|---|---|---|
# | **system Python** | `/usr/bin/python3` | the operating system's own tools | belongs to the OS: its version is fixed, and `pip install` into it can break `apt`/`dnf` tools (recent distros refuse it: "externally managed") |
# | **apt / yum / dnf** (`python3.11`, `python3-venv`) | `/usr/bin/python3.11` | servers, Docker base layers | only the versions the distro packages |
# | **python.org installer** | `%LOCALAPPDATA%\Programs\Python\Python312\`, `/Library/Frameworks/Python.framework/` | Windows and macOS desktops | tick "Add to PATH" on Windows |
# | **Homebrew** (macOS) | `/opt/homebrew/bin/python3` | quick macOS setup | `brew upgrade` may move you to a new minor version and break venvs |
# | **pyenv** | `~/.pyenv/versions/3.11.9/` | several versions per machine, per project | builds from source: needs compilers and headers |
# | **conda / miniconda** | `~/miniconda3/envs/<name>/` | data science stacks with non-Python libraries (CUDA, MKL) | its own package world; do not mix `conda install` and `pip install` casually |
#
# For project work, use a Python *you* installed (pyenv, python.org, Homebrew, conda, or the
# official Docker image), never the OS's own, and always inside a virtual environment. The first
# question when something behaves strangely is "which interpreter is this?":

# %% course={"kind": "demo"}
import sys


def guess_source(executable: str) -> str:
    path = executable.replace("\\", "/").lower()
    rules = [("/.pyenv/", "pyenv"), ("conda", "conda"), ("/opt/homebrew/", "Homebrew"), ("/cellar/", "Homebrew"),
             ("python.framework", "python.org installer"), ("/appdata/local/programs/python/", "python.org installer"),
             ("/usr/bin/", "system / distro package")]
    return next((source for marker, source in rules if marker in path), "something else (a venv, a container...)")


for sample in ["/usr/bin/python3", "/home/ada/.pyenv/versions/3.11.9/bin/python3", "/opt/homebrew/bin/python3.12",
               "/Library/Frameworks/Python.framework/Versions/3.12/bin/python3", "/home/ada/miniconda3/envs/ml/bin/python",
               "C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python312\\python.exe"]:
    print(f"{guess_source(sample):24} <- {sample}")
print()
print("this notebook runs:        ", sys.executable)
print("its base installation:     ", sys.base_prefix, "->", guess_source(sys.base_prefix + "/"))

# %% [markdown] course={"kind": "lesson", "id": "versions", "covers": ["c-understanding-python-versioning-3-9-3-10"]}
# ### Python version numbers
#
# `3.11.7` is *major.minor.micro*. A new **minor** version (3.12, 3.13) comes every October and
# may add syntax and remove deprecated things; **micro** releases (3.11.7 → 3.11.8) only fix bugs
# and security issues, so upgrading them is safe. Each minor version gets about five years of
# support:
#
# | version | released | end of life | you will notice |
# |---|---|---|---|
# | 3.9 | Oct 2020 | Oct 2025 | `dict1 \| dict2`, `list[int]` in annotations |
# | 3.10 | Oct 2021 | Oct 2026 | `match` statements, `int \| None` types, better error messages |
# | 3.11 | Oct 2022 | Oct 2027 | 10-60 % faster, `tomllib`, exception groups |
# | 3.12 | Oct 2023 | Oct 2028 | f-string freedom, `type` aliases, `distutils` removed |
# | 3.13 | Oct 2024 | Oct 2029 | new interactive shell, experimental free-threading build |
#
# Pin the **minor** version per project (in `.python-version`, `requires-python`, the Docker
# tag) and let micro versions move. The mistake: comparing versions as strings. `"3.10"` sorts
# before `"3.9"`; compare tuples of numbers (`sys.version_info`) instead:

# %% course={"kind": "demo"}
import sys

print("sys.version_info:", tuple(sys.version_info[:3]), sys.version_info.releaselevel)
print("'3.10' > '3.9' as text:   ", "3.10" > "3.9")
print("(3, 10) > (3, 9) as tuples:", (3, 10) > (3, 9))
print("has tomllib (3.11+):       ", sys.version_info >= (3, 11))
print("sorted as text: ", sorted(["3.9", "3.10", "3.12", "3.11"]))
print("sorted properly:", sorted(["3.9", "3.10", "3.12", "3.11"], key=lambda v: tuple(map(int, v.split(".")))))

# %% [markdown] course={"kind": "lesson", "id": "python-vs-python3", "covers": ["c-python-vs-python3-command-differences"]}
# ### `python` or `python3`?
#
# On Linux and macOS, `python3` is the Python 3 interpreter. Plain `python` may be missing, may
# be Python 2 on very old systems, or may be a link to `python3` (Debian/Ubuntu's
# `python-is-python3` package); PEP 394 leaves it to the distribution. Inside an **activated
# virtual environment** both names point to the environment's interpreter. On Windows, the
# python.org installer provides `python` and the `py` launcher (`py -3.12`).
#
# The same ambiguity applies to `pip` and `pip3`: which interpreter do they install into? That is
# why `python3 -m pip install ...` is the safe habit: the packages go to exactly the interpreter
# you named. In scripts, a shebang of `#!/usr/bin/env python3` is the portable choice. Where each
# name leads on this machine:

# %% course={"kind": "demo"}
import os
import shutil
import sys

for name in ("python", "python3", "pip", "pip3"):
    found = shutil.which(name)
    print(f"{name:8} -> {found or 'not on PATH'}" + (f"  (really {os.path.realpath(found)})" if found and os.path.realpath(found) != found else ""))
print("this kernel: ", sys.executable)

# %% [markdown] course={"kind": "lesson", "id": "pyenv", "covers": ["c-pyenv", "c-installation", "c-pyenv-install-list", "c-pyenv-install-3-11-0", "c-pyenv-global-pyenv-local-pyenv-shell", "c-python-version-file"]}
# ### pyenv: many Pythons, one per project
#
# **Install** it with `curl https://pyenv.run | bash` (or `brew install pyenv`), add the lines it
# prints to `~/.bashrc`, and install the build dependencies your OS needs (compilers, `libssl-dev`,
# `zlib1g-dev`...), because pyenv **builds Python from source**. Then:
#
# | command | does |
# |---|---|
# | `pyenv install --list` | every version it can build (filter with `\| grep '^  3\.11'`) |
# | `pyenv install 3.11.9` | build and install it under `~/.pyenv/versions/3.11.9` |
# | `pyenv versions` | what is installed; `*` marks the active one |
# | `pyenv global 3.12.4` | default for your user (writes `~/.pyenv/version`) |
# | `pyenv local 3.11.9` | for this folder and below (writes `.python-version`, commit it) |
# | `pyenv shell 3.10.14` | for this terminal only (sets `PYENV_VERSION`) |
#
# It works through **shims**: `~/.pyenv/shims/python3` is a tiny script first on `PATH` that asks
# "which version applies here?" and runs that interpreter. The most specific setting wins:
# `pyenv shell`, then the nearest `.python-version` (searching up from the current folder), then
# `pyenv global`, then the system Python. The mistake: forgetting that `cd` into another project
# silently switches Python. `pyenv version` always tells you which one and why.

# %% course={"kind": "demo"}
import os
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(tmp, "projects", "model-api")
    (project / "src" / "api").mkdir(parents=True)
    (project / ".python-version").write_text("3.11.9\n")  # what `pyenv local 3.11.9` writes
    here = project / "src" / "api"
    print("working in:", here.relative_to(tmp))
    print("pyenv checks, in order:")
    print("  1. the PYENV_VERSION variable (pyenv shell):", os.environ.get("PYENV_VERSION", "<not set>"))
    for i, folder in enumerate([here, *here.parents][:4], start=2):
        candidate = folder / ".python-version"
        status = f"found -> {candidate.read_text().strip()}" if candidate.exists() else "no file"
        print(f"  {i}. {candidate.relative_to(tmp) if folder != Path(tmp) else '<tmp>/.python-version'}: {status}")
    print("  ... then ~/.pyenv/version (pyenv global), then the system Python")
print("\npyenv on this machine:", shutil.which("pyenv") or "not installed")

# %% [markdown] course={"kind": "lesson", "id": "venvs", "covers": ["c-virtual-environments", "c-why-virtual-environments-exist", "c-venv-module-python-m-venv-venv", "c-activation-source-venv-bin-activate", "c-deactivation-deactivate", "c-virtualenv-package-older-alternative"]}
# ### Virtual environments
#
# Every project needs its own set of packages at its own versions: the training code pins
# `numpy==1.26`, the new API wants `numpy>=2`. A **virtual environment** is a folder with its own
# `site-packages` and a link to a base interpreter, so each project installs into its own folder
# and nothing leaks between projects or into the system Python.
#
# | step | Linux / macOS | Windows |
# |---|---|---|
# | create | `python3 -m venv .venv` | `py -m venv .venv` |
# | activate | `source .venv/bin/activate` | `.venv\Scripts\activate` |
# | use | `python`, `pip` now mean the venv's | same |
# | deactivate | `deactivate` | `deactivate` |
#
# Activation is only a convenience: it puts `.venv/bin` first on `PATH` and sets `VIRTUAL_ENV`.
# Running `.venv/bin/python` directly works the same without it, which is what cron jobs,
# systemd units and Dockerfiles should do. The older `virtualenv` package does the same job
# (faster, with extra features) and predates the built-in `venv` module.
#
# The mistakes: committing `.venv/` to git (it is machine-specific; commit the requirements
# instead), and moving or renaming a venv folder (its scripts hold absolute paths; recreate it).
# Inside a venv, `sys.prefix` (the venv) differs from `sys.base_prefix` (the base install):

# %% course={"kind": "demo"}
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    env_dir = Path(tmp, ".venv")
    venv.create(env_dir, with_pip=False, symlinks=(sys.platform != "win32"))  # python -m venv --without-pip
    print("pyvenv.cfg:\n  " + "\n  ".join(env_dir.joinpath("pyvenv.cfg").read_text().replace(tmp, "<tmp>").splitlines()))
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    probe = "import sys, sysconfig; print(sys.prefix); print(sys.base_prefix); print(sysconfig.get_path('purelib'))"
    prefix, base, purelib = subprocess.run([python, "-c", probe], capture_output=True, text=True).stdout.split("\n")[:3]
    print("in the venv: sys.prefix      =", prefix.replace(tmp, "<tmp>"))
    print("             sys.base_prefix =", base)
    print("             site-packages   =", purelib.replace(tmp, "<tmp>"))
    activate = env_dir / "bin" / "activate"
    if activate.exists():
        lines = [line.strip() for line in activate.read_text().splitlines()
                 if line.strip().startswith("VIRTUAL_ENV=") or (line.strip().startswith("PATH=") and "$VIRTUAL_ENV/" in line)]
        print("what `source .venv/bin/activate` sets:", [line.replace(tmp, "<tmp>") for line in lines[:2]])
print("\nthis notebook itself is in a venv:", sys.prefix != sys.base_prefix)

# %% [markdown] course={"kind": "lesson", "id": "pip", "covers": ["c-package-management", "c-pip-install-pip-uninstall-pip-list-pip", "c-pip-freeze-requirements-txt", "c-pip-install-r-requirements-txt", "c-pip-install-upgrade", "c-pip-install-e-editable-install", "c-understanding-pypi-python-package-index"]}
# ### pip and PyPI
#
# **PyPI** (pypi.org) is the public index of Python packages; `pip` downloads from it (or from a
# private mirror set with `--index-url`) and installs into the **current interpreter's**
# `site-packages`, preferring ready-built **wheels** over building from source.
#
# | command | does |
# |---|---|
# | `pip install requests` / `"requests>=2.31,<3"` | install the newest match, plus its dependencies |
# | `pip install --upgrade requests` (`-U`) | move to the newest allowed version |
# | `pip uninstall requests` | remove it (not its dependencies) |
# | `pip list`, `pip show requests` | what is installed; one package's version, location, requirements |
# | `pip freeze > requirements.txt` | every installed package as `name==version` |
# | `pip install -r requirements.txt` | install everything the file lists (plus their dependencies), e.g. into a fresh venv; it removes nothing |
# | `pip install -e .` | an **editable** install of the project in this folder: code changes apply without reinstalling |
# | `pip check` | report installed packages whose requirements are not met |
#
# The mistake: `pip freeze` lists **everything**, including your tools and stray experiments, and
# nothing says which packages you depend on directly. Keep a short list of direct dependencies
# (`pyproject.toml` or `requirements.in`) and generate the pinned list from it. Python can read
# the installed-package database itself with `importlib.metadata`:

# %% course={"kind": "demo"}
import importlib.metadata
import importlib.util
import json

dists = sorted(importlib.metadata.distributions(), key=lambda d: d.metadata["Name"].lower())
print(f"{len(dists)} distributions installed for this interpreter; `pip freeze` would start with:")
for dist in dists[:4]:
    print(f"  {dist.metadata['Name']}=={dist.version}")
sample = dists[0]
print(f"\n`pip show {sample.metadata['Name']}`:")
print("  Version:", sample.version)
print("  Summary:", sample.metadata.get("Summary"))
print("  Requires:", ", ".join(req.split(";")[0] for req in (sample.requires or [])[:4]) or "nothing")
editable = []
for dist in dists:
    info = dist.read_text("direct_url.json")
    if info and json.loads(info).get("dir_info", {}).get("editable"):
        editable.append(dist.metadata["Name"])
print("\neditable installs (pip install -e):", editable or "none")
print("pip itself is installed here:", importlib.util.find_spec("pip") is not None)

# %% [markdown] course={"kind": "lesson", "id": "dependency-tools", "covers": ["c-advanced-dependency-management", "c-pip-tools-pip-compile-pip-sync", "c-poetry-pyproject-toml-poetry-lock", "c-pipenv-pipfile-pipfile-lock", "c-uv-new-fast-package-manager"]}
# ### Lock files: pip-tools, Poetry, Pipenv, uv
#
# All of these split dependencies into two files: what you **ask for** (loose: `requests>=2.31`)
# and what you **get** (a lock: every package, direct and indirect, at one exact version, usually
# with hashes). You edit the first, the tool generates the second, and CI and production install
# from the lock, so every install is identical.
#
# | tool | you edit | it writes | install from the lock | ...and also remove what the lock lacks |
# |---|---|---|---|---|
# | pip-tools | `requirements.in` | `requirements.txt` (`pip-compile`) | `pip install -r requirements.txt` | `pip-sync requirements.txt` |
# | Poetry | `pyproject.toml` (`[project]` in Poetry 2, `[tool.poetry.dependencies]` before) | `poetry.lock` | `poetry install` | `poetry sync` (Poetry 2; `poetry install --sync` in 1.2 to 1.8) |
# | Pipenv | `Pipfile` | `Pipfile.lock` | `pipenv sync` | `pipenv clean` afterwards |
# | uv | `pyproject.toml` | `uv.lock` | `uv sync` | `uv sync` (it removes extras unless you add `--inexact`) |
#
# Poetry's `poetry install` installs the main dependencies **and every non-optional group**, so
# the usual `dev` group comes along by default; `--without dev` or `--only main` leaves groups
# out, and `--with docs` is only needed for a group declared `optional = true`. uv also replaces
# `pip-compile` (`uv pip compile`), `virtualenv` (`uv venv`) and pyenv (`uv python install`).
#
# uv (from Astral, the makers of Ruff) does the jobs of pip, pip-tools, virtualenv and pyenv in
# one fast tool and is quickly becoming the default for new projects. The mistake: editing a lock
# file by hand, or committing the input file without the lock. A lock file is just data:

# %% course={"kind": "demo"}
import tomllib

lock_text = "\n".join([
    "[[package]]",
    'name = "requests"',
    'version = "2.31.0"',
    'dependencies = [{ name = "certifi" }, { name = "idna" }, { name = "urllib3" }]',
    'wheels = [{ url = "https://files.example/requests-2.31.0-py3-none-any.whl", hash = "sha256:58cd21..." }]',
    "",
    "[[package]]",
    'name = "urllib3"',
    'version = "2.2.1"',
    'wheels = [{ url = "https://files.example/urllib3-2.2.1-py3-none-any.whl", hash = "sha256:450b20..." }]',
])
lock = tomllib.loads(lock_text)
for package in lock["package"]:
    deps = [d["name"] for d in package.get("dependencies", [])]
    print(f"{package['name']}=={package['version']}  wheels with hashes: {len(package['wheels'])}  needs: {deps or '-'}")

pip_compile_output = "certifi==2024.2.2\n    # via requests\nidna==3.6\n    # via requests\nrequests==2.31.0\n    # via -r requirements.in\n"
print("\npip-compile turned 'requests>=2.31' into:")
print(pip_compile_output)

# %% [markdown] course={"kind": "lesson", "id": "pyproject", "covers": ["c-understanding-pyproject-toml", "c-understanding-setup-py-and-setup-cfg"]}
# ### `pyproject.toml` (and the older `setup.py` / `setup.cfg`)
#
# `pyproject.toml` is the one configuration file of a modern Python project:
#
# - `[build-system]` says which tool builds the package (`requires = ["hatchling"]`,
#   `build-backend = "hatchling.build"`; or setuptools, flit-core, poetry-core);
# - `[project]` holds the metadata everyone understands (PEP 621): `name`, `version`,
#   `requires-python`, `dependencies`, `optional-dependencies` (extras such as `dev`),
#   `scripts` (command-line entry points);
# - `[tool.<name>]` tables configure tools: `[tool.ruff]`, `[tool.pytest.ini_options]`, `[tool.mypy]`.
#
# Before it, `setup.py` (a Python script calling `setuptools.setup(...)`) and `setup.cfg` (the
# same arguments in INI form) described packages. You will still meet them in older projects; a
# `setup.py` runs arbitrary code at install time, which is one reason the declarative file won.
# The mistake: putting runtime dependencies in `optional-dependencies` (or dev tools in
# `dependencies`), so production either lacks a package or installs pytest.

# %% course={"kind": "demo"}
import configparser
import tomllib

pyproject_text = "\n".join([
    "[build-system]",
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    "",
    "[project]",
    'name = "log-tools"',
    'version = "0.3.0"',
    'requires-python = ">=3.11"',
    'dependencies = ["click>=8.1", "rich>=13"]',
    "",
    "[project.optional-dependencies]",
    'dev = ["pytest>=8", "ruff"]',
    "",
    "[project.scripts]",
    'log-tools = "log_tools.cli:main"',
    "",
    "[tool.ruff]",
    "line-length = 100",
])
project = tomllib.loads(pyproject_text)
meta = project["project"]
print(f"{meta['name']} {meta['version']} (Python {meta['requires-python']}), built by {project['build-system']['build-backend']}")
print("installs:", meta["dependencies"], "| with [dev]:", meta["optional-dependencies"]["dev"])
print("commands:", meta["scripts"], "| tools configured:", list(project["tool"]))

setup_cfg = "[metadata]\nname = log-tools\nversion = 0.3.0\n\n[options]\npython_requires = >=3.11\ninstall_requires =\n    click>=8.1\n    rich>=13\n"
legacy = configparser.ConfigParser()
legacy.read_string(setup_cfg)
print("\nthe same in setup.cfg:", legacy["metadata"]["name"], legacy["options"]["install_requires"].split())

# %% [markdown] course={"kind": "lesson", "id": "import-path", "covers": ["c-pythonpath-environment-variable", "c-site-packages-directory"]}
# ### Where imports come from: `sys.path`, `site-packages`, `PYTHONPATH`
#
# `import x` searches the folders in `sys.path`, in order, and takes the first match:
#
# 1. the folder of the script you ran (or the current folder for `python -c` / `python -m`);
# 2. the folders listed in the **`PYTHONPATH`** environment variable (`:`-separated; `;` on Windows);
# 3. the standard library;
# 4. **`site-packages`**, where `pip` installs: the venv's own when a venv is active.
#
# `sysconfig.get_paths()` names these folders for the running interpreter. `PYTHONPATH` is a
# blunt tool: it applies to **every** Python you start in that shell, including tools in other
# venvs. Prefer `pip install -e .` for your own code. The classic mistake: a file named like a
# library (`random.py`, `requests.py`) in your project folder shadows the real one, because the
# script's folder comes first.

# %% course={"kind": "demo"}
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

paths = sysconfig.get_paths()
print("site-packages (purelib):", paths["purelib"])
print("scripts (console commands):", paths["scripts"])
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "shared_utils.py").write_text("GREETING = 'imported via PYTHONPATH'\n")
    probe = "import sys, shared_utils; print(shared_utils.GREETING); print(sys.path[1])"
    plain = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    print("\nwithout PYTHONPATH:", plain.stderr.strip().splitlines()[-1])
    env = {**os.environ, "PYTHONPATH": tmp}
    with_path = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    message, entry = with_path.stdout.splitlines()
    print("with PYTHONPATH:   ", message, "| sys.path[1] =", entry.replace(tmp, "<tmp>"))

# %% [markdown] course={"kind": "exercise", "id": "make-venv", "item": "x-create-a-virtual-environment-and-install"}
# ### Create a virtual environment from Python
#
# Write two functions:
#
# - `venv_python(venv_dir, os_name)` returns the `Path` of the interpreter inside a venv:
#   `venv_dir/bin/python` when `os_name` is `"posix"` (Linux, macOS) and
#   `venv_dir/Scripts/python.exe` when it is `"nt"` (Windows). Other names raise `ValueError`.
# - `create_venv(path)` creates an **isolated** virtual environment at `path` (no access to the
#   base installation's packages) with the standard library's `venv` module, **without pip**
#   (so it works offline and fast), and returns the path of its interpreter for this machine
#   (`os.name`).
#
# ```python
# venv_python(Path("proj/.venv"), "nt")     # Path('proj/.venv/Scripts/python.exe')
# python = create_venv(Path("/tmp/demo/.venv"))
# # subprocess.run([python, "-c", "import sys; print(sys.prefix)"])  -> /tmp/demo/.venv
# ```

# %% [markdown] course={"kind": "hint"}
# `venv.create(path, with_pip=False)` makes the environment (`symlinks=True` makes it link to the
# base interpreter, as `python -m venv` does on Linux and macOS; a copy works too).
# `system_site_packages` must stay `False`.

# %% [markdown] course={"kind": "hint"}
# `create_venv` can end with `return venv_python(Path(path), os.name)`.

# %% course={"kind": "solution"}
import os
import venv
from pathlib import Path


def venv_python(venv_dir: Path, os_name: str) -> Path:
    """The interpreter inside ``venv_dir`` on a platform named like ``os.name``."""
    ### BEGIN SOLUTION
    if os_name == "posix":
        return Path(venv_dir) / "bin" / "python"
    if os_name == "nt":
        return Path(venv_dir) / "Scripts" / "python.exe"
    raise ValueError(f"unknown platform {os_name!r}")
    ### END SOLUTION


def create_venv(path: Path) -> Path:
    """Create an isolated venv (without pip) at ``path``; return its interpreter."""
    ### BEGIN SOLUTION
    venv.create(path, with_pip=False, system_site_packages=False)
    return venv_python(Path(path), os.name)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
from pathlib import Path

assert venv_python(Path("proj/.venv"), "posix") == Path("proj/.venv/bin/python"), f"got {venv_python(Path('proj/.venv'), 'posix')}"
assert venv_python(Path("proj/.venv"), "nt") == Path("proj/.venv/Scripts/python.exe"), "Windows keeps it in Scripts, with .exe"
try:
    venv_python(Path(".venv"), "java")
except ValueError:
    pass
else:
    raise AssertionError("an unknown platform must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("Posix", "NT", "", "windows"):
    try:
        venv_python(Path(".venv"), bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"os.name values are lower case: {bad!r} must raise ValueError")
assert venv_python("p/.venv", "posix") == Path("p/.venv/bin/python"), "a str folder works too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import subprocess
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    env_dir = Path(tmp, "demo", ".venv")
    python = create_venv(env_dir)
    assert isinstance(python, Path), f"return a Path, got {python!r}"
    assert python.exists(), f"the interpreter {python} must exist"
    probe = "import sys; print(sys.prefix); print(sys.base_prefix)"
    prefix, base = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, timeout=60).stdout.split()
    assert Path(prefix).resolve() == env_dir.resolve(), f"the interpreter must belong to the venv, its prefix is {prefix}"
    assert prefix != base, "in a venv, sys.prefix differs from sys.base_prefix"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    env_dir = Path(tmp, ".venv")
    create_venv(env_dir)
    config = dict(line.split(" = ", 1) for line in (env_dir / "pyvenv.cfg").read_text().splitlines() if " = " in line)
    assert config.get("include-system-site-packages") == "false", "the venv must not see the base installation's packages"
    assert not any(env_dir.rglob("pip")), "create it without pip"

# %% course={"kind": "wrong", "id": "always-bin", "fails": ["t1"]}
import venv
from pathlib import Path


def venv_python(venv_dir, os_name):
    return Path(venv_dir) / "bin" / "python"


def create_venv(path):
    venv.create(path, with_pip=False, symlinks=True)
    return venv_python(path, "posix")

# %% course={"kind": "wrong", "id": "returns-folder", "fails": ["t2"]}
import os
import venv
from pathlib import Path


def venv_python(venv_dir, os_name):
    if os_name not in ("posix", "nt"):
        raise ValueError(os_name)
    return Path(venv_dir) / ("bin/python" if os_name == "posix" else "Scripts/python.exe")


def create_venv(path):
    venv.create(path, with_pip=False, symlinks=(os.name != "nt"))
    return Path(path)

# %% course={"kind": "wrong", "id": "system-site-packages", "fails": ["t3"]}
import os
import venv
from pathlib import Path


def venv_python(venv_dir, os_name):
    if os_name not in ("posix", "nt"):
        raise ValueError(os_name)
    return Path(venv_dir) / ("bin/python" if os_name == "posix" else "Scripts/python.exe")


def create_venv(path):
    venv.create(path, with_pip=False, symlinks=(os.name != "nt"), system_site_packages=True)
    return venv_python(path, os.name)

# %% [markdown] course={"kind": "exercise", "id": "parse-requirements", "item": "x-generate-a-requirements-txt-and-recreate"}
# ### Read a `requirements.txt`
#
# Write `parse_requirements(text)` that reads the text of a requirements file and returns a dict
# from each package's **normalised name** to its version specifier (`""` when there is none).
#
# - Names are compared the way pip does: lower case, with every run of `-`, `_` and `.` turned
#   into one `-` (`Flask_SQLAlchemy` and `flask-sqlalchemy` are the same package).
# - Drop extras (`requests[socks]`), environment markers (everything after `;`) and inline
#   comments (a `#` after a space or a tab, as pip reads them); remove spaces inside the
#   specifier (`>= 1.0 , < 2` → `>=1.0,<2`).
# - Skip blank lines, comment lines, and option lines that start with `-` (`-r other.txt`,
#   `--index-url ...`, `-e .`).
# - A package listed twice raises `ValueError`, as pip refuses "double requirements"; so does a
#   line that does not start with a package name (`>=2.0`, `[socks]`).
#
# ```python
# parse_requirements("requests==2.31.0\nFlask_SQLAlchemy >= 3.0  # ORM\n-r dev.txt\n")
# # {'requests': '==2.31.0', 'flask-sqlalchemy': '>=3.0'}
# ```

# %% [markdown] course={"kind": "hint"}
# Clean a line in steps: cut at the comment (`re.split(r"\s#", raw, maxsplit=1)[0]`: a space
# *or a tab* before `#`) and at `";"`, strip it; then
# `re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)` finds the name at the start.

# %% [markdown] course={"kind": "hint"}
# After the name, skip an optional `[...]` for extras; what remains, with spaces removed, is the
# specifier. Normalise with `re.sub(r"[-_.]+", "-", name).lower()`.

# %% course={"kind": "solution"}
import re


def parse_requirements(text: str) -> dict[str, str]:
    """Normalised package name -> version specifier for each line of a requirements file."""
    ### BEGIN SOLUTION
    result: dict[str, str] = {}
    for raw in text.splitlines():
        line = re.split(r"\s#", raw)[0].split(";")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        if not match:
            raise ValueError(f"cannot read requirement {raw!r}")
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if name in result:
            raise ValueError(f"{name} is listed twice")
        result[name] = re.sub(r"\s+", "", match.group(3))
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
frozen = "certifi==2024.2.2\ncharset-normalizer==3.3.2\nidna==3.6\nrequests==2.31.0\nurllib3==2.2.1\n"
expected = {"certifi": "==2024.2.2", "charset-normalizer": "==3.3.2", "idna": "==3.6", "requests": "==2.31.0", "urllib3": "==2.2.1"}
assert parse_requirements(frozen) == expected, f"pip freeze output: got {parse_requirements(frozen)}"
assert parse_requirements("rich\n") == {"rich": ""}, "no specifier gives an empty string"

# %% course={"kind": "test", "points": 1}
text = "Flask_SQLAlchemy >= 3.0 , < 4\nzope.interface==6.2\nPyYAML==6.0.1\n"
assert parse_requirements(text) == {"flask-sqlalchemy": ">=3.0,<4", "zope-interface": "==6.2", "pyyaml": "==6.0.1"}, (
    f"normalise names, remove spaces in specifiers; got {parse_requirements(text)}")

# %% course={"kind": "test", "points": 2}
text = "\n".join([
    "# runtime dependencies",
    "-r base.txt",
    "--index-url https://pypi.example.com/simple",
    "",
    "requests[socks]==2.31.0  # proxies need socks",
    'pywin32==306 ; sys_platform == "win32"',
    "-e .",
    "numpy>=1.26",
])
assert parse_requirements(text) == {"requests": "==2.31.0", "pywin32": "==306", "numpy": ">=1.26"}, (
    f"skip comments and options; drop extras, markers, inline comments; got {parse_requirements(text)}")
tabbed = "rich>=13\t# after a tab\n  -e .\nruff\t\t==0.4.1\n"
assert parse_requirements(tabbed) == {"rich": ">=13", "ruff": "==0.4.1"}, f"a tab before # starts a comment too: {parse_requirements(tabbed)}"
### BEGIN HIDDEN TESTS
assert parse_requirements("") == {} and parse_requirements("# nothing\n\n") == {}
assert parse_requirements("My__Pkg..Name-_x==1\n") == {"my-pkg-name-x": "==1"}, "every run of - _ . becomes one -"
assert parse_requirements("a[b,c] >=1 ; python_version<'3.12'  # why\n") == {"a": ">=1"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    parse_requirements("Flask==3.0.0\nrequests\nflask>=2\n")
except ValueError:
    pass
else:
    raise AssertionError("Flask and flask are the same package: listing it twice must raise ValueError")
for bad in (">=2.0\n", "[socks]\n"):
    try:
        parse_requirements(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} has no package name: ValueError")

# %% course={"kind": "wrong", "id": "no-normalising", "fails": ["t2", "t3", "t4"]}
import re


def parse_requirements(text):
    result = {}
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].split(";", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        if match.group(1) in result:
            raise ValueError(match.group(1))
        result[match.group(1)] = re.sub(r"\s+", "", match.group(3))
    return result

# %% course={"kind": "wrong", "id": "space-before-hash-only", "fails": ["t3", "t4"]}
import re


def parse_requirements(text):
    result = {}
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].split(";", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if name in result:
            raise ValueError(name)
        result[name] = re.sub(r"\s+", "", match.group(3))
    return result

# %% course={"kind": "wrong", "id": "keeps-extras-and-comments", "fails": ["t3", "t4"]}
import re


def parse_requirements(text):
    result = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(.*)", line)
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if name in result:
            raise ValueError(name)
        result[name] = re.sub(r"\s+", "", match.group(2))
    return result

# %% [markdown] course={"kind": "exercise", "id": "unpinned", "item": "x-understand-the-difference-between"}
# ### Is this file reproducible?
#
# A lock file pins **every** package to one exact version; a hand-written `requirements.txt`
# often does not. Write `unpinned(text)` that returns the sorted normalised names of the packages
# in a requirements file that are **not** pinned to one exact version. Exact means `==X` with no
# wildcard, or `===X`. Everything else is unpinned: no specifier, ranges (`>=`, `<`, `!=`), `~=`,
# and `==1.*`.
#
# Lock-style files spread one requirement over several lines with a trailing backslash,
# followed by `--hash=...` options (pip-compile `--generate-hashes`): join continued lines first,
# then read the requirement from the joined line. Skip blank lines, comments and lines starting
# with `-`; ignore extras, markers and inline comments as before; raise `ValueError` for a line
# without a package name, as before. Each name appears once.
#
# ```python
# unpinned("requests>=2.31\nidna==3.6\nurllib3==2.*\nrich\n")   # ['requests', 'rich', 'urllib3']
# ```

# %% [markdown] course={"kind": "hint"}
# Join continuations with `text.replace("\\\n", " ")` before splitting into lines. Then take
# the specifier after the name, as in the previous exercise, and cut it at the first space: what
# follows is `--hash` options.

# %% [markdown] course={"kind": "hint"}
# A specifier is an exact pin when `re.fullmatch(r"===?[^,*]+", spec)` matches: one clause, `==`
# or `===`, no `*`.

# %% course={"kind": "solution"}
import re


def unpinned(text: str) -> list[str]:
    """Sorted normalised names of requirements not pinned to one exact version."""
    ### BEGIN SOLUTION
    loose = set()
    for raw in text.replace("\\\n", " ").splitlines():
        line = re.split(r"\s#", raw)[0].split(";")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        if not match:
            raise ValueError(f"cannot read requirement {raw!r}")
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        spec = re.split(r"\s--", match.group(3))[0]
        if not re.fullmatch(r"===?[^,*]+", re.sub(r"\s+", "", spec)):
            loose.add(name)
    return sorted(loose)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = unpinned("requests>=2.31\nidna==3.6\nurllib3==2.*\nrich\n")
assert result == ["requests", "rich", "urllib3"], f"a range, a wildcard and no specifier are all unpinned; got {result}"
assert unpinned("idna==3.6\ncertifi===2024.2.2\n") == [], "== and === are exact pins"

# %% course={"kind": "test", "points": 1}
text = "flask~=3.0\nnumpy>=1.26,<2\npandas!=2.1.0\nscipy==1.12.0,<2\nPyYAML==6.0.1\n"
assert unpinned(text) == ["flask", "numpy", "pandas", "scipy"], f"~=, ranges, != and extra clauses are not pins; got {unpinned(text)}"

# %% course={"kind": "test", "points": 2}
locked = "\n".join([
    "# generated by pip-compile --generate-hashes",
    "certifi==2024.2.2 \\",
    "    --hash=sha256:0569859f95fc761b18b45ef421b1290a0f65f147e92a1e5eb3e635f9a5e4e66f \\",
    "    --hash=sha256:dc383c07b76109f368f6106eee2b593b04a011ea4d55f652c6ca24a754d1cdd1",
    "requests[socks]==2.31.0 \\",
    "    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f",
    'colorama==0.4.6 ; sys_platform == "win32"  # via rich',
])
assert unpinned(locked) == [], f"a hashed lock file is fully pinned; got {unpinned(locked)}"
assert unpinned("requests \\\n    >=2.31\n") == ["requests"], "a continued line is read as one requirement"
### BEGIN HIDDEN TESTS
assert unpinned("a>=1\nA>=2\nb==1\n") == ["a"], "each name once"
assert unpinned("") == [] and unpinned("# only comments\n-r x.txt\n") == []
assert unpinned("x == 1.0\t# pinned, spaced\ny ==1.0.*\n") == ["y"], "spaces inside a pin are fine; a wildcard is not a pin"
assert type(unpinned("z\n")) is list
assert unpinned("# first a comment\n-r base.txt\nrich\n   flask>=2  \n") == ["flask", "rich"], "every line after a skipped one counts; indented too"
try:
    unpinned("==1.0\n")
except ValueError:
    pass
else:
    raise AssertionError("a line without a package name raises ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "startswith-equals", "fails": ["t1", "t2", "t3"]}
import re


def unpinned(text):
    loose = []
    for raw in text.replace("\\\n", " ").splitlines():
        line = raw.split(" #", 1)[0].split(";", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        if not match.group(3).startswith("=="):
            loose.append(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return sorted(loose)

# %% course={"kind": "wrong", "id": "repeats-names", "fails": ["t3"]}
import re


def unpinned(text):
    loose = []
    for raw in text.replace("\\\n", " ").splitlines():
        line = re.split(r"\s#", raw, maxsplit=1)[0].split(";", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        spec = re.sub(r"\s+", "", re.split(r"\s--", match.group(3), maxsplit=1)[0])
        if not re.fullmatch(r"===?[^,*]+", spec):
            loose.append(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return sorted(loose)

# %% course={"kind": "wrong", "id": "line-by-line", "fails": ["t3"]}
import re


def unpinned(text):
    loose = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].split(";", 1)[0].strip().rstrip("\\").strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)", line)
        spec = match.group(3).replace(" ", "")
        if not re.fullmatch(r"===?[^,*]+", spec):
            loose.append(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return sorted(loose)

# %% [markdown] course={"kind": "exercise", "id": "version-check", "item": "project-0-4-2"}
# ### Does this Python satisfy `requires-python`?
#
# A project that must run on 3.9, 3.10 and 3.11 declares `requires-python = ">=3.9,<3.12"`, and
# tools check interpreters against it. Write two functions:
#
# - `parse_version(text)` turns a version into a tuple that compares correctly: numbers compare
#   as numbers (`3.10 > 3.9`), missing parts count as 0 (`3.9 == 3.9.0`), and pre-releases come
#   before the final release, in the order `a` (alpha) < `b` (beta) < `rc` (`3.12.0a7 < 3.12.0b1
#   < 3.12.0rc2 < 3.12.0`). Raise `ValueError` for anything else (`"3.x"`, `""`).
# - `satisfies(version, spec)` checks a version against a comma-separated specifier whose clauses
#   use `>=`, `<=`, `>`, `<`, `==`, `!=`; `==3.10.*` and `!=3.10.*` match (or exclude) every
#   version starting with 3.10 (a wildcard with any other operator raises `ValueError`). Spaces
#   around clauses and operators are allowed. All clauses must hold; an empty specifier allows
#   everything. An unknown operator raises `ValueError`. Return `True` or `False`. (pip also
#   treats pre-releases specially; ignore that here.)
#
# ```python
# parse_version("3.10") > parse_version("3.9")   # True
# satisfies("3.10.4", ">=3.9,<3.12")             # True
# satisfies("3.12.1", ">=3.9,<3.12")             # False
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?", text)` splits a version into its release
# numbers and an optional pre-release. Drop trailing zeros from the numbers (so `3.9.0` and `3.9`
# become the same `(3, 9)`; padding to a fixed length breaks on longer versions), and pair them
# with `(0, n)`, `(1, n)`, `(2, n)` for a, b, rc or `(3, 0)` for a final release.

# %% [markdown] course={"kind": "hint"}
# For a wildcard clause, compare only the first parts: `==3.10.*` holds when the version's
# release numbers start with `(3, 10)`.

# %% course={"kind": "solution"}
import math
import re

PRE_RELEASE_RANK = {"a": 0, "b": 1, "rc": 2}


def parse_version(text: str) -> tuple:
    """A sortable tuple for a version such as 3.10, 3.9.18 or 3.12.0rc2."""
    ### BEGIN SOLUTION
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?", text)
    if not match:
        raise ValueError(f"not a version: {text!r}")
    numbers, pre, pre_number = match.groups()
    release = [int(part) for part in numbers.split(".")]
    while release and release[-1] == 0:  # 3.9.0 is 3.9
        release.pop()
    stage = (PRE_RELEASE_RANK[pre], int(pre_number)) if pre else (math.inf,)  # a final release comes last
    return (tuple(release), stage)
    ### END SOLUTION


def satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` meets every clause of the comma-separated ``spec``."""
    ### BEGIN SOLUTION
    have = parse_version(version)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        match = re.fullmatch(r"(>=|<=|==|!=|>|<)\s*(.+)", clause)
        if not match:
            raise ValueError(f"unsupported clause {clause!r}")
        op, target = match.groups()
        if target.endswith(".*"):
            if op not in ("==", "!="):
                raise ValueError(f"a wildcard only works with == and !=: {clause!r}")
            prefix = [int(p) for p in target[:-2].split(".")]
            numbers = [int(p) for p in re.match(r"\d+(?:\.\d+)*", version).group().split(".")]
            same = (numbers + [0] * len(prefix))[: len(prefix)] == prefix  # 3 counts as 3.0 for ==3.0.*
            ok = same if op == "==" else not same
        else:
            want = parse_version(target)
            ok = {">=": have >= want, "<=": have <= want, ">": have > want,
                  "<": have < want, "==": have == want, "!=": have != want}[op]
        if not ok:
            return False
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert parse_version("3.10") > parse_version("3.9"), "3.10 is newer than 3.9: compare numbers, not text"
assert parse_version("3.9") == parse_version("3.9.0"), "missing parts count as 0"
assert parse_version("3.11.10") > parse_version("3.11.9")
assert sorted(["3.9", "3.12", "3.10.4", "3.10"], key=parse_version) == ["3.9", "3.10", "3.10.4", "3.12"]
assert satisfies("3.10.4", ">=3.9,<3.12") is True and satisfies("3.8", ">=3.9") is False, "satisfies returns True or False"
### BEGIN HIDDEN TESTS
assert parse_version("1.0.0.0.1") > parse_version("1.0.0.0") and parse_version("1.0.0.0.0") == parse_version("1"), "any length"
assert parse_version("0") < parse_version("0.0.1") and parse_version("10") > parse_version("9.99.99")
assert parse_version("3.12.0rc2") < parse_version("3.12.0rc10") and parse_version("1.0a9") < parse_version("1.0a10"), "pre-release numbers are numbers"
assert len({parse_version("3.9"), parse_version("3.9.0")}) == 1, "equal versions are equal keys (a tuple of tuples is hashable)"
for bad in (" 3.9", "3.9 ", "3..9", "3.9.", "3.9rc"):
    try:
        parse_version(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parse_version({bad!r}) must raise ValueError")
assert satisfies("3", "==3.0.*") is True and satisfies("3.1", "==3.0.*") is False, "3 counts as 3.0 for a wildcard"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
order = ["3.12.0a7", "3.12.0b1", "3.12.0rc2", "3.12.0", "3.12.1"]
assert sorted(reversed(order), key=parse_version) == order, f"a < b < rc < final: {sorted(reversed(order), key=parse_version)}"
for bad in ("3.x", "", "three"):
    try:
        parse_version(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"parse_version({bad!r}) must raise ValueError")

# %% course={"kind": "test", "points": 2}
assert satisfies("3.10.4", ">=3.9,<3.12"), "3.10.4 is in the range"
assert not satisfies("3.12.1", ">=3.9,<3.12"), "3.12.1 is too new"
assert not satisfies("3.8.18", ">=3.9"), "3.8 is too old"
assert satisfies("3.9", ">=3.9") and satisfies("3.11", "!=3.10,>3.9"), "every clause must hold"
assert not satisfies("3.12.0rc1", ">=3.12"), "a release candidate comes before the final release"
### BEGIN HIDDEN TESTS
assert satisfies("3.11.0", "==3.11") and not satisfies("3.11.1", "==3.11"), "== compares the whole version"
assert satisfies("2.0", "") is True, "an empty specifier allows everything"
assert satisfies("3.12", "<=3.12") is True and satisfies("3.12", ">3.12") is False and satisfies("3.12.0", "<3.12") is False
assert satisfies("3.12.0.1", ">3.12") is True and satisfies("3.9", " >= 3.9 , < 3.12 ") is True, "boundaries; spaces"
assert satisfies("3.10.0rc1", "!=3.10.0") is True and satisfies("3.10.0", "!=3.10.0") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert satisfies("3.10.14", "==3.10.*") and not satisfies("3.11.0", "==3.10.*"), "==3.10.* means any 3.10"
assert satisfies("3.11.2", ">=3.9,!=3.10.*") and not satisfies("3.10.0", ">=3.9,!=3.10.*"), "!=3.10.* excludes all of 3.10"
for bad in ("~>3.9", "=3.9", ">=3.9.*", "3.9"):
    try:
        satisfies("3.10", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"the clause {bad!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "string-compare", "fails": ["t1", "t2", "t3", "t4"]}
import re


def parse_version(text):
    if not re.fullmatch(r"\d+(\.\d+)*((a|b|rc)\d+)?", text):
        raise ValueError(text)
    return text


def satisfies(version, spec):
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        match = re.fullmatch(r"(>=|<=|==|!=|>|<)\s*(.+)", clause)
        if not match:
            raise ValueError(clause)
        op, target = match.groups()
        if target.endswith(".*"):
            same = version.startswith(target[:-1])
            ok = same if op == "==" else not same
        else:
            ok = {">=": version >= target, "<=": version <= target, ">": version > target,
                  "<": version < target, "==": version == target, "!=": version != target}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "pads-to-four", "fails": ["t1"]}
import re


def parse_version(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?", text.strip())
    if not match:
        raise ValueError(text)
    release = [int(p) for p in match.group(1).split(".")]
    release += [0] * (4 - len(release))  # fine for 3.9.0, wrong for 1.0.0.0.1
    stage = ({"a": 0, "b": 1, "rc": 2}[match.group(2)], int(match.group(3))) if match.group(2) else (3, 0)
    return (*release, *stage)


def satisfies(version, spec):
    have = parse_version(version)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        match = re.fullmatch(r"(>=|<=|==|!=|>|<)\s*(.+)", clause)
        if not match:
            raise ValueError(clause)
        op, target = match.groups()
        if target.endswith(".*"):
            if op not in ("==", "!="):
                raise ValueError(clause)
            prefix = tuple(int(p) for p in target[:-2].split("."))
            same = have[: len(prefix)] == prefix
            ok = same if op == "==" else not same
        else:
            want = parse_version(target)
            ok = {">=": have >= want, "<=": have <= want, ">": have > want,
                  "<": have < want, "==": have == want, "!=": have != want}[op]
        if not ok:
            return False
    return True

# %% course={"kind": "wrong", "id": "ignores-prerelease", "fails": ["t1", "t2", "t3", "t4"]}
import re


def parse_version(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?", text.strip())
    if not match:
        raise ValueError(text)
    release = [int(p) for p in match.group(1).split(".")]
    return tuple(release + [0] * (4 - len(release)))


def satisfies(version, spec):
    have = parse_version(version)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        match = re.fullmatch(r"(>=|<=|==|!=|>|<)\s*(.+)", clause)
        if not match:
            raise ValueError(clause)
        op, target = match.groups()
        if target.endswith(".*"):
            prefix = tuple(int(p) for p in target[:-2].split("."))
            same = have[: len(prefix)] == prefix
            ok = same if op == "==" else not same
        else:
            want = parse_version(target)
            ok = {">=": have >= want, "<=": have <= want, ">": have > want,
                  "<": have < want, "==": have == want, "!=": have != want}[op]
        if not ok:
            return False
    return True

# %% [markdown] course={"kind": "task", "id": "multi-version", "item": "project-0-4-2", "points": 3}
# ### Test one project on three Pythons
#
# With pyenv (or `uv python install`), install 3.9, 3.10 and 3.11. Create a tiny project that
# declares `requires-python = ">=3.9,<3.12"` and uses one feature that differs between them
# (a `match` statement, `tomllib`, or `int | None` annotations). Make a venv per version, run the
# tests in each (or use `tox`/`nox`), and write down what broke where and how you fixed it.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: three interpreters are used, shown by `python --version` output from each venv.
# - 1 point: at least one real version-specific failure is shown with its error message.
# - 1 point: the fix is explained (a fallback import, `from __future__ import annotations`, or a
#   raised minimum version) and `requires-python` agrees with it.

# %% [markdown] course={"kind": "exercise", "id": "pyenv-resolution", "item": "x-install-pyenv-and-set-up-python-3-11"}
# ### Which version will pyenv pick?
#
# Write `pyenv_version(cwd, env, pyenv_root)` that decides, like `pyenv version`, which Python
# applies in the folder `cwd` and why. Return a pair `(version, origin)`:
#
# 1. if `env` (a dict of environment variables) has a non-empty `PYENV_VERSION`, that value,
#    origin `"shell"`;
# 2. else the nearest `.python-version` file in `cwd` or any folder above it: its version is
#    the first word of its first line that is neither blank nor a comment (starting with `#`),
#    as pyenv reads it (`3.11.9  # team default` gives `3.11.9`; a `\r` from Windows line
#    endings is not part of it); origin `"local"`. Files with no version in them are skipped
#    and the search goes on upwards. (pyenv also allows more versions on later lines; only
#    the first matters here.)
# 3. else the version in the file `version` in `pyenv_root` (if it exists), read the same way,
#    origin `"global"`;
# 4. else `("system", "default")`.
#
# ```python
# # ~/work/api/.python-version contains "3.11.9\n"
# pyenv_version(Path("~/work/api/src").expanduser(), {}, Path("~/.pyenv").expanduser())
# # ('3.11.9', 'local')
# ```

# %% [markdown] course={"kind": "hint"}
# `[cwd, *cwd.parents]` lists `cwd` and every folder above it, nearest first.

# %% [markdown] course={"kind": "hint"}
# Write a helper `first_version(path)` that returns the first word (`line.split()[0]`) of the
# first line that is not blank and does not start with `#`, or `None`; use it for the local and
# the global file.

# %% course={"kind": "solution"}
from pathlib import Path


def pyenv_version(cwd: Path, env: dict[str, str], pyenv_root: Path) -> tuple[str, str]:
    """(version, origin) as pyenv resolves it: shell, local, global, or the system default."""
    ### BEGIN SOLUTION
    def first_version(path: Path) -> str | None:
        if not path.is_file():
            return None
        for line in path.read_text().splitlines():
            words = line.split()
            if words and not words[0].startswith("#"):
                return words[0]
        return None

    if env.get("PYENV_VERSION"):
        return env["PYENV_VERSION"], "shell"
    cwd = Path(cwd)
    for folder in [cwd, *cwd.parents]:
        found = first_version(folder / ".python-version")
        if found:
            return found, "local"
    found = first_version(Path(pyenv_root) / "version")
    if found:
        return found, "global"
    return "system", "default"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(tmp, "work", "api")
    project.mkdir(parents=True)
    (project / ".python-version").write_text("3.11.9\n")
    result = pyenv_version(project, {}, Path(tmp, "pyenv-root"))
    assert result == ("3.11.9", "local"), f"a .python-version in cwd wins over the default; got {result}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(tmp, "work", "api")
    (project / "src" / "api" / "routes").mkdir(parents=True)
    (project / ".python-version").write_text("3.11.9\n")
    result = pyenv_version(str(project / "src" / "api" / "routes"), {}, str(Path(tmp, "pyenv-root")))
    assert result == ("3.11.9", "local"), f"look in every folder above cwd too (cwd may be a str); got {result}"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "pyenv-root")
    root.mkdir()
    (root / "version").write_text("3.12.4\n")
    project = Path(tmp, "work", "api")
    project.mkdir(parents=True)
    assert pyenv_version(project, {}, root) == ("3.12.4", "global"), "no local file: the global version"
    (project / ".python-version").write_text("3.11.9\n")
    assert pyenv_version(project, {}, root) == ("3.11.9", "local"), "local beats global"
    assert pyenv_version(project, {"PYENV_VERSION": "3.10.14"}, root) == ("3.10.14", "shell"), "PYENV_VERSION beats everything"
    assert pyenv_version(project, {"PYENV_VERSION": ""}, root) == ("3.11.9", "local"), "an empty PYENV_VERSION does not count"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    outer = Path(tmp, "work")
    inner = outer / "api"
    inner.mkdir(parents=True)
    (outer / ".python-version").write_text("# team default\n\n3.10.14\n")
    (inner / ".python-version").write_text("\n# nothing here yet\n")
    assert pyenv_version(inner, {}, Path(tmp, "no-root")) == ("3.10.14", "local"), (
        "skip blank and comment lines, and files without a version")
    assert pyenv_version(Path(tmp), {}, Path(tmp, "no-root")) == ("system", "default"), "nothing set: system"
    (inner / ".python-version").write_bytes(b"  3.12.4  # pinned for the API\r\n3.11.9\r\n")
    result = pyenv_version(inner, {}, Path(tmp, "no-root"))
    assert result == ("3.12.4", "local") and type(result) is tuple, f"the first word only; no spaces, comment or \\r: {result!r}"
    ### BEGIN HIDDEN TESTS
    root = Path(tmp, "root")
    root.mkdir()
    (root / "version").write_text("\n# global\n3.10.14 extra words\n")
    assert pyenv_version(Path(tmp), {}, root) == ("3.10.14", "global"), "the global file is read the same way"
    (root / "version").write_text("")
    assert pyenv_version(Path(tmp), {}, root) == ("system", "default"), "an empty global file: system"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "whole-line", "fails": ["t4"]}
from pathlib import Path


def pyenv_version(cwd, env, pyenv_root):
    def first_line(path):
        if path.is_file():
            for line in path.read_text().splitlines():
                if line.strip() and not line.strip().startswith("#"):
                    return line.strip()  # keeps "3.12.4  # pinned for the API"
        return None

    if env.get("PYENV_VERSION"):
        return env["PYENV_VERSION"], "shell"
    for folder in [Path(cwd), *Path(cwd).parents]:
        found = first_line(folder / ".python-version")
        if found:
            return found, "local"
    found = first_line(Path(pyenv_root) / "version")
    return (found, "global") if found else ("system", "default")

# %% course={"kind": "wrong", "id": "cwd-only", "fails": ["t2", "t4"]}
from pathlib import Path


def pyenv_version(cwd, env, pyenv_root):
    if env.get("PYENV_VERSION"):
        return env["PYENV_VERSION"], "shell"
    for path, origin in ((Path(cwd) / ".python-version", "local"), (Path(pyenv_root) / "version", "global")):
        if path.is_file():
            lines = [l.strip() for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]
            if lines:
                return lines[0], origin
    return "system", "default"

# %% course={"kind": "wrong", "id": "raw-file-content", "fails": ["t1", "t2", "t3", "t4"]}
from pathlib import Path


def pyenv_version(cwd, env, pyenv_root):
    if env.get("PYENV_VERSION"):
        return env["PYENV_VERSION"], "shell"
    for folder in [Path(cwd), *Path(cwd).parents]:
        if (folder / ".python-version").is_file():
            return (folder / ".python-version").read_text(), "local"
    if (Path(pyenv_root) / "version").is_file():
        return (Path(pyenv_root) / "version").read_text(), "global"
    return "system", "default"

# %% [markdown] course={"kind": "exercise", "id": "pyproject-check", "item": "x-create-a-pyproject-toml-for-a-sample"}
# ### Write and check a `pyproject.toml`
#
# Two parts, both graded:
#
# 1. `pyproject_problems(text)` returns the problems of a `pyproject.toml` as codes, in this
#    order (an empty list means it is fine):
#
#    | code | when |
#    |---|---|
#    | `"invalid-toml"` | the text is not valid TOML (then return only this code) |
#    | `"no-build-system"` | `[build-system]` is missing, or lacks `requires` or `build-backend` |
#    | `"no-name"` | `[project]` has no `name` |
#    | `"no-version"` | `[project]` has no `version` and `"version"` is not listed in `dynamic` |
#    | `"bad-dependencies"` | `dependencies` is present but not a list of strings |
#    | `"no-requires-python"` | `[project]` has no `requires-python` |
#
# 2. `SAMPLE_PYPROJECT`: the text of a `pyproject.toml` for a project `log-tools`, version
#    `0.1.0`, for Python 3.11 or newer, built with `hatchling`, depending on `click>=8.1`, with a
#    `dev` extra containing `pytest>=8`, and a command `log-tools` that runs `log_tools.cli:main`.
#
# ```python
# pyproject_problems('[project]\nname = "x"\n')   # ['no-build-system', 'no-version', 'no-requires-python']
# ```

# %% [markdown] course={"kind": "hint"}
# `try: data = tomllib.loads(text) except tomllib.TOMLDecodeError: return ["invalid-toml"]`.
# Then `project = data.get("project", {})`.

# %% [markdown] course={"kind": "hint"}
# For the sample, the tables you need are `[build-system]`, `[project]`,
# `[project.optional-dependencies]` and `[project.scripts]` (see the lesson on `pyproject.toml`).

# %% course={"kind": "solution"}
import tomllib


def pyproject_problems(text: str) -> list[str]:
    """Problem codes for a pyproject.toml, in a fixed order; [] when it is fine."""
    ### BEGIN SOLUTION
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return ["invalid-toml"]
    problems = []
    build = data.get("build-system", {})
    if "requires" not in build or "build-backend" not in build:
        problems.append("no-build-system")
    project = data.get("project", {})
    if "name" not in project:
        problems.append("no-name")
    if "version" not in project and "version" not in project.get("dynamic", []):
        problems.append("no-version")
    deps = project.get("dependencies", [])
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
        problems.append("bad-dependencies")
    if "requires-python" not in project:
        problems.append("no-requires-python")
    return problems
    ### END SOLUTION


### BEGIN SOLUTION
SAMPLE_PYPROJECT = "\n".join([
    "[build-system]",
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    "",
    "[project]",
    'name = "log-tools"',
    'version = "0.1.0"',
    'requires-python = ">=3.11"',
    'dependencies = ["click>=8.1"]',
    "",
    "[project.optional-dependencies]",
    'dev = ["pytest>=8"]',
    "",
    "[project.scripts]",
    'log-tools = "log_tools.cli:main"',
    "",
])
### END SOLUTION

# %% course={"kind": "test", "points": 1}
good = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "x"\nversion = "1.0"\nrequires-python = ">=3.11"\n'
assert pyproject_problems(good) == [], f"a complete file has no problems; got {pyproject_problems(good)}"
assert pyproject_problems('[project]\nname = "x"\n') == ["no-build-system", "no-version", "no-requires-python"], (
    f"got {pyproject_problems('[project]')}")
assert pyproject_problems("[project\nname = x") == ["invalid-toml"], "invalid TOML: only that code"

# %% course={"kind": "test", "points": 1}
dynamic = '[build-system]\nrequires = ["setuptools>=69", "setuptools-scm"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "x"\ndynamic = ["version"]\nrequires-python = ">=3.9"\n'
assert pyproject_problems(dynamic) == [], "a version computed by the build backend (dynamic) is fine"
bad_deps = dynamic + 'dependencies = "requests"\n'
assert pyproject_problems(bad_deps) == ["bad-dependencies"], "dependencies must be a list, not one string"
### BEGIN HIDDEN TESTS
assert pyproject_problems(dynamic + "dependencies = [1, 2]\n") == ["bad-dependencies"]
assert pyproject_problems(dynamic + "dependencies = []\n") == [], "an empty list of dependencies is fine"
assert pyproject_problems(dynamic.replace('build-backend = "setuptools.build_meta"\n', "")) == ["no-build-system"], "requires alone is not enough"
assert pyproject_problems(dynamic.replace('requires = ["setuptools>=69", "setuptools-scm"]\n', "")) == ["no-build-system"], "nor is build-backend alone"
assert pyproject_problems(dynamic + 'dependencies = ["a", 2]\n') == ["bad-dependencies"], "every item must be a string"
assert pyproject_problems("") == ["no-build-system", "no-name", "no-version", "no-requires-python"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tomllib

data = tomllib.loads(SAMPLE_PYPROJECT)
project = data["project"]
assert project["name"] == "log-tools" and project["version"] == "0.1.0", "name and version"
assert project["requires-python"] == ">=3.11", f"requires-python is {project.get('requires-python')!r}"
assert project["dependencies"] == ["click>=8.1"], f"dependencies: {project.get('dependencies')}"
assert project["optional-dependencies"] == {"dev": ["pytest>=8"]}, "a dev extra with pytest>=8"
assert project["scripts"] == {"log-tools": "log_tools.cli:main"}, "the log-tools command"
assert data["build-system"]["build-backend"] == "hatchling.build" and data["build-system"]["requires"] == ["hatchling"]
assert pyproject_problems(SAMPLE_PYPROJECT) == [], "your own checker accepts your file"

# %% course={"kind": "wrong", "id": "ignores-dynamic", "fails": ["t2"]}
import tomllib


def pyproject_problems(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return ["invalid-toml"]
    build, project, problems = data.get("build-system", {}), data.get("project", {}), []
    if "requires" not in build or "build-backend" not in build:
        problems.append("no-build-system")
    if "name" not in project:
        problems.append("no-name")
    if "version" not in project:
        problems.append("no-version")
    deps = project.get("dependencies", [])
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
        problems.append("bad-dependencies")
    if "requires-python" not in project:
        problems.append("no-requires-python")
    return problems


SAMPLE_PYPROJECT = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "log-tools"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8.1"]\n[project.optional-dependencies]\ndev = ["pytest>=8"]\n[project.scripts]\nlog-tools = "log_tools.cli:main"\n'

# %% course={"kind": "wrong", "id": "dev-in-dependencies", "fails": ["t3"]}
import tomllib


def pyproject_problems(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return ["invalid-toml"]
    build, project, problems = data.get("build-system", {}), data.get("project", {}), []
    if "requires" not in build or "build-backend" not in build:
        problems.append("no-build-system")
    if "name" not in project:
        problems.append("no-name")
    if "version" not in project and "version" not in project.get("dynamic", []):
        problems.append("no-version")
    deps = project.get("dependencies", [])
    if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
        problems.append("bad-dependencies")
    if "requires-python" not in project:
        problems.append("no-requires-python")
    return problems


SAMPLE_PYPROJECT = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "log-tools"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["click>=8.1", "pytest>=8"]\n[project.scripts]\nlog-tools = "log_tools.cli:main"\n'

# %% [markdown] course={"kind": "exercise", "id": "poetry-requirements", "item": "x-set-up-a-project-with-poetry-including"}
# ### From Poetry's dependencies to pip requirements
#
# Poetry 1 wrote dependencies in its own tables with its own shorthand, `^` (caret) and `~`
# (tilde); Poetry 2 writes the main ones into the standard `[project] dependencies` list as PEP 508
# strings such as `"click (>=8.1.8,<9.0.0)"`, and keeps the dev group in its own table. Write:
#
# - `convert_constraint(c)` that turns one Poetry constraint into a pip (PEP 440) specifier:
#
#   | Poetry | means | pip |
#   |---|---|---|
#   | `^1.2.3`, `^1.2` | up to the next change of the first **non-zero** part | `>=1.2.3,<2.0.0`, `>=1.2,<2.0` |
#   | `^0.2.3` | (first non-zero part is the second) | `>=0.2.3,<0.3.0` |
#   | `^0.0.3` | | `>=0.0.3,<0.0.4` |
#   | `~1.2.3`, `~1.2` | up to the next minor version | `>=1.2.3,<1.3.0`, `>=1.2,<1.3` |
#   | `~1` | up to the next major version | `>=1,<2` |
#   | `1.2.3`, `1.2.*` (bare) | exactly / any 1.2 | `==1.2.3`, `==1.2.*` |
#   | `*` | anything | `""` |
#   | `^1.2 \|\| ^2.0` | either range | no pip equivalent: raise `ValueError` |
#   | anything else (`>= 1.0, < 2`, `==2.1`, `~=1.4`) | already pip syntax | unchanged, spaces removed |
#
#   The upper bound has as many parts as the version given (parts after the one that is
#   increased become 0). If every part is 0 (`^0.0`), increase the last one (`<0.1`).
# - `poetry_requirements(pyproject_text, include_dev=False)` that returns the requirement lines
#   `name` + `[extras]` if any + specifier (+ `; marker` if there is one), sorted by name
#   (ignoring case), from both layouts:
#   - **runtime**: when `[project]` has a `dependencies` list (Poetry 2), those PEP 508 strings:
#     drop the parentheses Poetry puts around the version and every space outside the marker
#     (`"requests[socks] (>=2.31,<3.0) ; sys_platform == 'linux'"` becomes
#     `"requests[socks]>=2.31,<3.0; sys_platform == 'linux'"`). Poetry 2 then uses
#     `[tool.poetry.dependencies]` only to add details such as a package source, so ignore it.
#     Otherwise (Poetry 1, or `dependencies` listed in `dynamic`), read
#     `[tool.poetry.dependencies]` without its `python` entry: a value is a constraint string, or
#     a table with `version` and optionally `extras` and `markers`;
#   - **dev**, only when `include_dev` is true: `[tool.poetry.group.dev.dependencies]`, the older
#     `[tool.poetry.dev-dependencies]`, and the `dev` list of the standard `[dependency-groups]`
#     table (PEP 735, which newer Poetry releases read too; PEP 508 strings again).
#
#   A PEP 508 string that does not start with a package name raises `ValueError`.
#
# ```python
# convert_constraint("^2.31")                               # '>=2.31,<3.0'
# poetry_requirements('[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n')
# # ['requests>=2.31,<3.0']
# poetry_requirements('[project]\nname = "x"\ndependencies = ["requests (>=2.31,<3.0)"]\n')
# # ['requests>=2.31,<3.0']
# ```

# %% [markdown] course={"kind": "hint"}
# Split the version into integer parts. For `^`, the part to increase is the first non-zero one
# (or the last one if all are 0); for `~`, it is the second part when there are at least two,
# else the first. Build the upper bound: parts before it unchanged, it plus one, the rest 0.

# %% [markdown] course={"kind": "hint"}
# With `tomllib`, `data["tool"]["poetry"].get("group", {}).get("dev", {}).get("dependencies", {})`
# reaches the dev group, and `"dependencies" in data.get("project", {})` tells the layouts apart.
# One regular expression reads a PEP 508 string:
# `re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:\(([^)]*)\)|([^;]*?))\s*(?:;\s*(.*?))?\s*", text)`
# gives the name, the extras, the version in parentheses or without them, and the marker.

# %% course={"kind": "solution"}
import re
import tomllib


def convert_constraint(constraint: str) -> str:
    """A Poetry constraint (^, ~, bare, *) as a pip version specifier."""
    ### BEGIN SOLUTION
    c = re.sub(r"\s+", "", constraint)
    if c in ("", "*"):
        return ""
    if "||" in c:
        raise ValueError(f"{constraint!r} has no pip equivalent")
    if re.fullmatch(r"\d+(\.\d+)*(\.\*)?", c):
        return f"=={c}"
    if c[0] not in "^~" or not re.fullmatch(r"\d+(\.\d+)*", c[1:]):
        return c
    version = c[1:]
    parts = [int(p) for p in version.split(".")]
    if c[0] == "^":
        bump = next((i for i, p in enumerate(parts) if p != 0), len(parts) - 1)
    else:
        bump = 1 if len(parts) >= 2 else 0
    upper = parts[:bump] + [parts[bump] + 1] + [0] * (len(parts) - bump - 1)
    return f">={version},<{'.'.join(map(str, upper))}"
    ### END SOLUTION


def poetry_requirements(pyproject_text: str, include_dev: bool = False) -> list[str]:
    """pip requirement lines for a Poetry 1 or Poetry 2 project (and its dev group if asked)."""
    ### BEGIN SOLUTION
    data = tomllib.loads(pyproject_text)
    poetry = data.get("tool", {}).get("poetry", {})
    lines: dict[str, str] = {}

    def from_pep508(text: str) -> None:
        parsed = re.fullmatch(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:\(([^)]*)\)|([^;]*?))\s*(?:;\s*(.*?))?\s*", text)
        if not parsed:
            raise ValueError(f"cannot read requirement {text!r}")
        name, extras, in_parens, bare, marker = parsed.groups()
        spec = re.sub(r"\s+", "", in_parens if in_parens is not None else bare)
        extras = re.sub(r"\s+", "", extras or "")
        lines[name] = f"{name}{extras}{spec}" + (f"; {marker}" if marker else "")

    def from_poetry_table(table: dict) -> None:
        for name, value in table.items():
            if name == "python":
                continue
            if isinstance(value, dict):
                extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
                spec = convert_constraint(value.get("version", "*"))
                marker = f"; {value['markers']}" if value.get("markers") else ""
            else:
                extras, spec, marker = "", convert_constraint(value), ""
            lines[name] = f"{name}{extras}{spec}{marker}"

    project = data.get("project", {})
    if "dependencies" in project:
        for requirement in project["dependencies"]:
            from_pep508(requirement)
    else:
        from_poetry_table(poetry.get("dependencies", {}))
    if include_dev:
        from_poetry_table(poetry.get("group", {}).get("dev", {}).get("dependencies", {}))
        from_poetry_table(poetry.get("dev-dependencies", {}))
        for requirement in data.get("dependency-groups", {}).get("dev", []):
            from_pep508(requirement)
    return [lines[name] for name in sorted(lines, key=str.lower)]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
cases = {"^1.2.3": ">=1.2.3,<2.0.0", "^1.2": ">=1.2,<2.0", "^2.31": ">=2.31,<3.0", "^0.2.3": ">=0.2.3,<0.3.0",
         "^0.0.3": ">=0.0.3,<0.0.4", "^0": ">=0,<1", "^0.0": ">=0.0,<0.1", "^10.0.1": ">=10.0.1,<11.0.0"}
for poetry, pip in cases.items():
    assert convert_constraint(poetry) == pip, f"{poetry} should become {pip}, got {convert_constraint(poetry)!r}"

# %% course={"kind": "test", "points": 1}
cases = {"~1.2.3": ">=1.2.3,<1.3.0", "~1.2": ">=1.2,<1.3", "~1": ">=1,<2", "1.2.3": "==1.2.3", "*": "",
         ">=1.0,<2": ">=1.0,<2", "==2.1": "==2.1", "1.2.*": "==1.2.*", ">= 1.2, < 1.5": ">=1.2,<1.5", "~=1.4": "~=1.4"}
for poetry, pip in cases.items():
    assert convert_constraint(poetry) == pip, f"{poetry} should become {pip!r}, got {convert_constraint(poetry)!r}"
### BEGIN HIDDEN TESTS
assert convert_constraint("~0.9") == ">=0.9,<0.10" and convert_constraint("^0.9.9") == ">=0.9.9,<0.10.0", "numbers, not digits"
assert convert_constraint("2") == "==2" and convert_constraint(" ^1.0 ") == ">=1.0,<2.0"
for bad in ("^1.2 || ^2.0", ">=1,<2 || >=3"):
    try:
        convert_constraint(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} has no pip equivalent: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
pyproject = "\n".join([
    "[tool.poetry.dependencies]",
    'python = "^3.11"',
    'requests = { version = "^2.31", extras = ["socks"] }',
    'Click = "~8.1"',
    "",
    "[tool.poetry.group.dev.dependencies]",
    'pytest = "^8.0"',
    "",
    "[tool.poetry.dev-dependencies]",
    'ruff = "*"',
])
assert poetry_requirements(pyproject) == ["Click>=8.1,<8.2", "requests[socks]>=2.31,<3.0"], (
    f"runtime dependencies only, sorted by name, python left out; got {poetry_requirements(pyproject)}")
assert poetry_requirements(pyproject, include_dev=True) == ["Click>=8.1,<8.2", "pytest>=8.0,<9.0", "requests[socks]>=2.31,<3.0", "ruff"], (
    f"with dev: both the dev group and the old dev-dependencies table; got {poetry_requirements(pyproject, include_dev=True)}")
### BEGIN HIDDEN TESTS
assert poetry_requirements('[tool.poetry]\nname = "x"\n') == [], "no dependencies table: no lines"
assert poetry_requirements("") == [] and poetry_requirements("", include_dev=True) == []
marked = '[tool.poetry.dependencies]\npywin32 = { version = "^306", markers = "sys_platform == \'win32\'" }\n'
assert poetry_requirements(marked) == ["pywin32>=306,<307; sys_platform == 'win32'"], poetry_requirements(marked)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
poetry2 = "\n".join([
    "[project]",
    'name = "log-tools"',
    'requires-python = ">=3.11"',
    "dependencies = [",
    '    "rich>=13",',
    '    "click (>=8.1.8,<9.0.0)",',
    '    "requests[socks] (>=2.31,<3.0)",',
    '    "pywin32 (>=306) ; sys_platform == \'win32\'",',
    "]",
    "",
    "[tool.poetry.dependencies]",
    'requests = { source = "internal-mirror" }',
    "",
    "[tool.poetry.group.dev.dependencies]",
    'pytest = "^8.0"',
])
expected = ["click>=8.1.8,<9.0.0", "pywin32>=306; sys_platform == 'win32'", "requests[socks]>=2.31,<3.0", "rich>=13"]
assert poetry_requirements(poetry2) == expected, (
    f"Poetry 2 keeps the main dependencies in [project]; [tool.poetry.dependencies] only adds details; got {poetry_requirements(poetry2)}")
assert poetry_requirements(poetry2, include_dev=True) == expected[:1] + ["pytest>=8.0,<9.0"] + expected[1:], (
    f"the dev group still lives in [tool.poetry.group.dev.dependencies]; got {poetry_requirements(poetry2, include_dev=True)}")
### BEGIN HIDDEN TESTS
dynamic = '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.poetry.dependencies]\npython = "^3.11"\nhttpx = "^0.27"\n'
assert poetry_requirements(dynamic) == ["httpx>=0.27,<0.28"], "dependencies listed in dynamic: read [tool.poetry.dependencies]"
assert poetry_requirements('[project]\nname = "x"\ndependencies = []\n[tool.poetry.dependencies]\nflask = "^3"\n') == [], (
    "an empty [project] dependencies list is still the Poetry 2 layout")
pep735 = '[project]\nname = "x"\ndependencies = ["Flask >= 3.0"]\n[dependency-groups]\ndev = ["pytest (>=8)", "ruff"]\ndocs = ["mkdocs"]\n'
assert poetry_requirements(pep735, include_dev=True) == ["Flask>=3.0", "pytest>=8", "ruff"], poetry_requirements(pep735, include_dev=True)
assert poetry_requirements(pep735) == ["Flask>=3.0"]
try:
    poetry_requirements('[project]\nname = "x"\ndependencies = [">=1.0"]\n')
except ValueError:
    pass
else:
    raise AssertionError("a requirement without a name must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "caret-always-major", "fails": ["t1", "t2", "t4"]}
import re
import tomllib


def convert_constraint(constraint):
    c = re.sub(r"\s+", "", constraint)
    if c in ("", "*"):
        return ""
    if "||" in c:
        raise ValueError(c)
    if re.fullmatch(r"\d+(\.\d+)*(\.\*)?", c):
        return "==" + c
    if c[0] not in "^~" or not re.fullmatch(r"\d+(\.\d+)*", c[1:]):
        return c
    parts = [int(p) for p in c[1:].split(".")]
    bump = 0 if c[0] == "^" else (1 if len(parts) >= 2 else 0)
    upper = parts[:bump] + [parts[bump] + 1] + [0] * (len(parts) - bump - 1)
    return f">={c[1:]},<{'.'.join(map(str, upper))}"


def poetry_requirements(pyproject_text, include_dev=False):
    data = tomllib.loads(pyproject_text)
    poetry = data.get("tool", {}).get("poetry", {})
    lines = {}

    def from_pep508(text):
        name, extras, in_parens, bare, marker = re.fullmatch(
            r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:\(([^)]*)\)|([^;]*?))\s*(?:;\s*(.*?))?\s*", text).groups()
        spec = re.sub(r"\s+", "", in_parens if in_parens is not None else bare)
        lines[name] = name + re.sub(r"\s+", "", extras or "") + spec + (f"; {marker}" if marker else "")

    def from_table(table):
        for name, value in table.items():
            if name == "python":
                continue
            if isinstance(value, dict):
                extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
                marker = f"; {value['markers']}" if value.get("markers") else ""
                lines[name] = name + extras + convert_constraint(value.get("version", "*")) + marker
            else:
                lines[name] = name + convert_constraint(value)

    if "dependencies" in data.get("project", {}):
        for requirement in data["project"]["dependencies"]:
            from_pep508(requirement)
    else:
        from_table(poetry.get("dependencies", {}))
    if include_dev:
        from_table(poetry.get("group", {}).get("dev", {}).get("dependencies", {}))
        from_table(poetry.get("dev-dependencies", {}))
        for requirement in data.get("dependency-groups", {}).get("dev", []):
            from_pep508(requirement)
    return [lines[n] for n in sorted(lines, key=str.lower)]

# %% course={"kind": "wrong", "id": "poetry-1-only", "fails": ["t4"]}
import re
import tomllib


def convert_constraint(constraint):
    c = re.sub(r"\s+", "", constraint)
    if c in ("", "*"):
        return ""
    if "||" in c:
        raise ValueError(c)
    if re.fullmatch(r"\d+(\.\d+)*(\.\*)?", c):
        return "==" + c
    if c[0] not in "^~" or not re.fullmatch(r"\d+(\.\d+)*", c[1:]):
        return c
    parts = [int(p) for p in c[1:].split(".")]
    bump = next((i for i, p in enumerate(parts) if p), len(parts) - 1) if c[0] == "^" else (1 if len(parts) >= 2 else 0)
    upper = parts[:bump] + [parts[bump] + 1] + [0] * (len(parts) - bump - 1)
    return f">={c[1:]},<{'.'.join(map(str, upper))}"


def poetry_requirements(pyproject_text, include_dev=False):
    poetry = tomllib.loads(pyproject_text).get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {})]  # Poetry 2 projects keep their dependencies in [project]
    if include_dev:
        tables += [poetry.get("group", {}).get("dev", {}).get("dependencies", {}), poetry.get("dev-dependencies", {})]
    lines = {}
    for table in tables:
        for name, value in table.items():
            if name == "python":
                continue
            if isinstance(value, dict):
                extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
                marker = f"; {value['markers']}" if value.get("markers") else ""
                lines[name] = name + extras + convert_constraint(value.get("version", "*")) + marker
            else:
                lines[name] = name + convert_constraint(value)
    return [lines[n] for n in sorted(lines, key=str.lower)]

# %% course={"kind": "wrong", "id": "new-group-only", "fails": ["t3", "t4"]}
import re
import tomllib


def convert_constraint(constraint):
    c = re.sub(r"\s+", "", constraint)
    if c in ("", "*"):
        return ""
    if "||" in c:
        raise ValueError(c)
    if re.fullmatch(r"\d+(\.\d+)*(\.\*)?", c):
        return "==" + c
    if c[0] not in "^~" or not re.fullmatch(r"\d+(\.\d+)*", c[1:]):
        return c
    parts = [int(p) for p in c[1:].split(".")]
    bump = next((i for i, p in enumerate(parts) if p), len(parts) - 1) if c[0] == "^" else (1 if len(parts) >= 2 else 0)
    upper = parts[:bump] + [parts[bump] + 1] + [0] * (len(parts) - bump - 1)
    return f">={c[1:]},<{'.'.join(map(str, upper))}"


def poetry_requirements(pyproject_text, include_dev=False):
    data = tomllib.loads(pyproject_text)
    poetry = data.get("tool", {}).get("poetry", {})
    lines = {}

    def from_table(table):
        for name, value in table.items():
            if name == "python":
                continue
            if isinstance(value, dict):
                extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
                marker = f"; {value['markers']}" if value.get("markers") else ""
                lines[name] = name + extras + convert_constraint(value.get("version", "*")) + marker
            else:
                lines[name] = name + convert_constraint(value)

    if "dependencies" in data.get("project", {}):
        for requirement in data["project"]["dependencies"]:
            name, extras, in_parens, bare, marker = re.fullmatch(
                r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:\(([^)]*)\)|([^;]*?))\s*(?:;\s*(.*?))?\s*", requirement).groups()
            spec = re.sub(r"\s+", "", in_parens if in_parens is not None else bare)
            lines[name] = name + (extras or "") + spec + (f"; {marker}" if marker else "")
    else:
        from_table(poetry.get("dependencies", {}))
    if include_dev:
        from_table(poetry.get("group", {}).get("dev", {}).get("dependencies", {}))  # forgets the old table
    return [lines[n] for n in sorted(lines, key=str.lower)]

# %% course={"kind": "wrong", "id": "keeps-parentheses", "fails": ["t3", "t4"]}
import re
import tomllib


def convert_constraint(constraint):
    c = re.sub(r"\s+", "", constraint)
    if c in ("", "*"):
        return ""
    if "||" in c:
        raise ValueError(c)
    if re.fullmatch(r"\d+(\.\d+)*(\.\*)?", c):
        return "==" + c
    if c[0] not in "^~" or not re.fullmatch(r"\d+(\.\d+)*", c[1:]):
        return c
    parts = [int(p) for p in c[1:].split(".")]
    bump = next((i for i, p in enumerate(parts) if p), len(parts) - 1) if c[0] == "^" else (1 if len(parts) >= 2 else 0)
    upper = parts[:bump] + [parts[bump] + 1] + [0] * (len(parts) - bump - 1)
    return f">={c[1:]},<{'.'.join(map(str, upper))}"


def poetry_requirements(pyproject_text, include_dev=False):
    data = tomllib.loads(pyproject_text)
    poetry = data.get("tool", {}).get("poetry", {})
    lines = {}

    def from_table(table):
        for name, value in table.items():
            if name != "python":
                extras = f"[{','.join(value['extras'])}]" if isinstance(value, dict) and value.get("extras") else ""
                version = value.get("version", "*") if isinstance(value, dict) else value
                lines[name] = name + extras + convert_constraint(version)

    if "dependencies" in data.get("project", {}):
        for requirement in data["project"]["dependencies"]:
            lines[re.match(r"[A-Za-z0-9._-]+", requirement).group()] = requirement  # "click (>=8.1.8,<9.0.0)" as written
    else:
        from_table(poetry.get("dependencies", {}))
    if include_dev:
        from_table(poetry.get("group", {}).get("dev", {}).get("dependencies", {}))
        from_table(poetry.get("dev-dependencies", {}))
    return [lines[n] for n in sorted(lines, key=str.lower)]

# %% [markdown] course={"kind": "task", "id": "poetry-for-real", "item": "x-set-up-a-project-with-poetry-including", "points": 2}
# ### A Poetry project with a dev group
#
# Install Poetry (with `pipx install poetry`), run `poetry new log-tools`, add a runtime
# dependency (`poetry add click`) and dev dependencies (`poetry add --group dev pytest ruff`),
# then `poetry install` (it installs the dev group too: only groups marked optional are left
# out) and `poetry run pytest`. Paste `pyproject.toml`, the first lines of `poetry.lock`, the
# output of `poetry --version`, and the output of `poetry_requirements(..., include_dev=True)` on
# your file.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: runtime and dev dependencies sit in the right tables (Poetry 2: `click` in `[project]
#   dependencies`; Poetry 1: in `[tool.poetry.dependencies]`; the dev tools in
#   `[tool.poetry.group.dev.dependencies]`), and `poetry.lock` exists.
# - 1 point: the learner explains why the lock file is committed and what `poetry install --only main` would skip.

# %% [markdown] course={"kind": "exercise", "id": "setup-plan", "item": "project-0-4-1"}
# ### Environment setup script: decide what to run
#
# The heart of a setup script is deciding which steps are still needed. Write
# `setup_plan(state, python_version, venv_dir=".venv")` that returns the shell commands, in
# order, that bring a project to a working environment. `state` describes the machine:
#
# ```python
# state = {"pyenv": True,                 # is pyenv installed?
#          "installed": ["3.12.4"],       # versions pyenv already has
#          "venv_version": None,          # Python version of the existing venv, None if there is none
#          "requirements": True}          # does requirements.txt exist?
# setup_plan(state, "3.11.9")
# # ['pyenv install 3.11.9', 'pyenv local 3.11.9', 'pyenv exec python -m venv .venv',
# #  '.venv/bin/python -m pip install -r requirements.txt', '.venv/bin/python --version']
# ```
#
# Rules: without pyenv, raise `RuntimeError` (the script cannot continue). `pyenv install` only
# when the version is missing. `pyenv local` always. Create the venv when there is none; when it
# exists with a **different** version, first `rm -rf <venv_dir>`, then create it; when it has the
# right version, keep it. Install requirements only if the file exists. Always end with the
# version check. Quote `venv_dir` for the shell wherever it appears (a folder name with a space
# or a `$` must not break the script): the tests read each command the way a POSIX shell splits
# it, so any correct quoting is accepted.

# %% [markdown] course={"kind": "hint"}
# Build a list step by step with `if` statements; it reads like the bash script it will become.
# `shlex.quote(venv_dir)` quotes the folder. For the interpreter, `shlex.quote(venv_dir) +
# "/bin/python"` and `shlex.quote(f"{venv_dir}/bin/python")` are both right: the shell joins
# `'my env'/bin/python` into the single word `my env/bin/python`. What breaks is no quoting, or
# quoting with `"..."` by hand (a `$` or `"` in the name still counts inside double quotes).

# %% [markdown] course={"kind": "hint"}
# The venv's version matters, not only its existence: a venv made with 3.12 keeps using 3.12
# after you switch pyenv to 3.11.

# %% course={"kind": "solution"}
import shlex


def setup_plan(state: dict, python_version: str, venv_dir: str = ".venv") -> list[str]:
    """Shell commands, in order, that set up pyenv, a venv and the requirements."""
    ### BEGIN SOLUTION
    if not state.get("pyenv"):
        raise RuntimeError("pyenv is not installed: install it first (https://github.com/pyenv/pyenv)")
    venv_q = shlex.quote(venv_dir)
    python_q = shlex.quote(f"{venv_dir}/bin/python")
    plan = []
    if python_version not in state.get("installed", []):
        plan.append(f"pyenv install {python_version}")
    plan.append(f"pyenv local {python_version}")
    current = state.get("venv_version")
    if current is not None and current != python_version:
        plan.append(f"rm -rf {venv_q}")
    if current != python_version:
        plan.append(f"pyenv exec python -m venv {venv_q}")
    if state.get("requirements"):
        plan.append(f"{python_q} -m pip install -r requirements.txt")
    plan.append(f"{python_q} --version")
    return plan
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import shlex

state = {"pyenv": True, "installed": ["3.12.4"], "venv_version": None, "requirements": True}
plan = setup_plan(state, "3.11.9")
expected = [["pyenv", "install", "3.11.9"], ["pyenv", "local", "3.11.9"], ["pyenv", "exec", "python", "-m", "venv", ".venv"],
             [".venv/bin/python", "-m", "pip", "install", "-r", "requirements.txt"], [".venv/bin/python", "--version"]]
assert type(plan) is list and all(type(command) is str for command in plan), f"a list of command strings, got {plan!r}"
assert [shlex.split(command) for command in plan] == expected, f"a fresh machine needs every step; got {plan}"

# %% course={"kind": "test", "points": 1}
import shlex

state = {"pyenv": True, "installed": ["3.11.9"], "venv_version": "3.11.9", "requirements": False}
plan = setup_plan(state, "3.11.9")
assert [shlex.split(command) for command in plan] == [["pyenv", "local", "3.11.9"], [".venv/bin/python", "--version"]], (
    f"everything in place: only set the local version and verify; got {plan}")
### BEGIN HIDDEN TESTS
plan = setup_plan({"pyenv": True, "installed": ["3.11.9"], "venv_version": None, "requirements": False}, "3.11.9")
assert [shlex.split(c) for c in plan] == [["pyenv", "local", "3.11.9"], ["pyenv", "exec", "python", "-m", "venv", ".venv"],
                                         [".venv/bin/python", "--version"]], f"no venv yet, no requirements: {plan}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import shlex

state = {"pyenv": True, "installed": ["3.11.9", "3.12.4"], "venv_version": "3.12.4", "requirements": True}
plan = setup_plan(state, "3.11.9")
assert [shlex.split(command) for command in plan[:3]] == [["pyenv", "local", "3.11.9"], ["rm", "-rf", ".venv"],
                                                          ["pyenv", "exec", "python", "-m", "venv", ".venv"]], (
    f"a venv with the wrong version is removed and made again; got {plan}")

# %% course={"kind": "test", "points": 1}
import shlex

state = {"pyenv": True, "installed": [], "venv_version": "3.10.14", "requirements": True}
for folder in ("my env", "env$HOME", "it's"):
    words = [shlex.split(command) for command in setup_plan(state, "3.11.9", venv_dir=folder)]
    assert ["rm", "-rf", folder] in words and ["pyenv", "exec", "python", "-m", "venv", folder] in words, (
        f"the shell must see the folder {folder!r} as one word, unchanged: {words}")
    assert words[-1] == [f"{folder}/bin/python", "--version"], f"...and the interpreter too: {words[-1]}"
### BEGIN HIDDEN TESTS
import shutil
import subprocess

if shutil.which("sh"):  # a real shell agrees: printf shows every word of each command between brackets
    seen = [subprocess.run(["sh", "-c", "printf '[%s]' " + command], capture_output=True, text=True, timeout=10).stdout
            for command in setup_plan(state, "3.11.9", venv_dir="my $env")]
    assert "[rm][-rf][my $env]" in seen and seen[-1] == "[my $env/bin/python][--version]", (
        f"sh must see the folder 'my $env' unchanged ($ is still special inside double quotes): {seen}")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    setup_plan({"pyenv": False, "installed": [], "venv_version": None, "requirements": True}, "3.11.9")
except RuntimeError as err:
    assert "pyenv" in str(err), "say what is missing"
else:
    raise AssertionError("without pyenv the plan cannot start: raise RuntimeError")

# %% course={"kind": "wrong", "id": "always-install", "fails": ["t2", "t3"]}
import shlex


def setup_plan(state, python_version, venv_dir=".venv"):
    if not state.get("pyenv"):
        raise RuntimeError("pyenv is not installed")
    python_q = shlex.quote(f"{venv_dir}/bin/python")
    plan = [f"pyenv install {python_version}", f"pyenv local {python_version}"]
    if state.get("venv_version") not in (None, python_version):
        plan.append(f"rm -rf {shlex.quote(venv_dir)}")
    if state.get("venv_version") != python_version:
        plan.append(f"pyenv exec python -m venv {shlex.quote(venv_dir)}")
    if state.get("requirements"):
        plan.append(f"{python_q} -m pip install -r requirements.txt")
    return plan + [f"{python_q} --version"]

# %% course={"kind": "wrong", "id": "no-quoting", "fails": ["t4"]}
import shlex
def setup_plan(state, python_version, venv_dir=".venv"):
    if not state.get("pyenv"):
        raise RuntimeError("pyenv is not installed")
    plan = []
    if python_version not in state.get("installed", []):
        plan.append(f"pyenv install {python_version}")
    plan.append(f"pyenv local {python_version}")
    if state.get("venv_version") not in (None, python_version):
        plan.append(f"rm -rf {venv_dir}")
    if state.get("venv_version") != python_version:
        plan.append(f"pyenv exec python -m venv {venv_dir}")
    if state.get("requirements"):
        plan.append(f"{venv_dir}/bin/python -m pip install -r requirements.txt")
    return plan + [f"{venv_dir}/bin/python --version"]

# %% course={"kind": "wrong", "id": "double-quotes-by-hand", "fails": ["t4"]}
import shlex
def setup_plan(state, python_version, venv_dir=".venv"):
    if not state.get("pyenv"):
        raise RuntimeError("pyenv is not installed")
    plan = []
    if python_version not in state.get("installed", []):
        plan.append(f"pyenv install {python_version}")
    plan.append(f"pyenv local {python_version}")
    if state.get("venv_version") not in (None, python_version):
        plan.append(f'rm -rf "{venv_dir}"')
    if state.get("venv_version") != python_version:
        plan.append(f'pyenv exec python -m venv "{venv_dir}"')
    if state.get("requirements"):
        plan.append(f'"{venv_dir}/bin/python" -m pip install -r requirements.txt')
    return plan + [f'"{venv_dir}/bin/python" --version']

# %% course={"kind": "wrong", "id": "keeps-any-venv", "fails": ["t3", "t4"]}
import shlex


def setup_plan(state, python_version, venv_dir=".venv"):
    if not state.get("pyenv"):
        raise RuntimeError("pyenv is not installed")
    python_q = shlex.quote(f"{venv_dir}/bin/python")
    plan = []
    if python_version not in state.get("installed", []):
        plan.append(f"pyenv install {python_version}")
    plan.append(f"pyenv local {python_version}")
    if state.get("venv_version") is None:
        plan.append(f"pyenv exec python -m venv {shlex.quote(venv_dir)}")
    if state.get("requirements"):
        plan.append(f"{python_q} -m pip install -r requirements.txt")
    return plan + [f"{python_q} --version"]

# %% [markdown] course={"kind": "task", "id": "setup-script-for-real", "item": "project-0-4-1", "points": 3}
# ### The setup script, in bash
#
# Turn the plan into `setup.sh`: check `command -v pyenv`, install the version named in
# `.python-version` if `pyenv versions --bare` lacks it, create or recreate `.venv`, install
# `requirements.txt`, and verify with `.venv/bin/python --version` and `.venv/bin/python -m pip check`.
# Start it with `set -euo pipefail`. Run it twice in a row and paste both outputs: the second run
# should skip the install and the venv creation.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the script stops with a clear message when pyenv is missing.
# - 1 point: it is idempotent (the second run does no installation work), shown by the two outputs.
# - 1 point: quoting and `set -euo pipefail` are used; the verification step runs `pip check`.

# %% [markdown] course={"kind": "task", "id": "pyenv-for-real", "item": "x-install-pyenv-and-set-up-python-3-11", "points": 2}
# ### pyenv on your machine
#
# Install pyenv and its build dependencies, `pyenv install 3.11` (the latest 3.11.x), and make
# it the local version of a project folder. Paste the output of `pyenv versions`, `cat .python-version`,
# `pyenv version` inside the project and outside it, and `pyenv_version(...)` from this notebook
# for the same two folders.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: 3.11 is installed through pyenv and set with `pyenv local`.
# - 1 point: the notebook's answer matches `pyenv version` in both folders (or the learner explains a difference).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-a-virtual-environment-and-why-do"}
# A virtual environment is a folder with its own `site-packages` and a link to a base Python
# interpreter: packages installed into it are visible only to programs run with its interpreter.
# We need them because projects need different, often conflicting, versions of the same packages,
# because installing into the system Python can break OS tools, and because a project's
# environment should be reproducible from its requirements, not from whatever accumulated on a
# machine. They are cheap: create one per project (`python3 -m venv .venv`) and throw it away freely.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-different-python"}
# With a version manager: pyenv (`pyenv install 3.11.9`, then `pyenv local` per project, which
# writes `.python-version`), or `uv python install` / `uv venv --python 3.11`, or conda
# environments where native libraries matter. Each project gets a venv built from the version it
# needs, and `requires-python` in `pyproject.toml` states the range. CI tests each supported
# version in a matrix, and production pins the version in the Docker base image
# (`python:3.11-slim`). The system Python is left to the operating system.

# %% [markdown] course={"kind": "answer", "question": "q-what-s-the-difference-between"}
# `requirements.txt` is just a list of requirement lines; it may be loose (`requests>=2`) or
# fully pinned by `pip freeze`/`pip-compile`, and nothing says which lines are direct
# dependencies. `poetry.lock` is generated by Poetry's resolver from the constraints in
# `pyproject.toml`: it pins every package, direct and transitive, with hashes and with the
# metadata needed to install the same set on any platform, and is updated only by
# `poetry lock`/`poetry update`. In short: a requirements file is whatever you put in it; a lock
# file is the resolver's complete, reproducible answer. pip-tools gives the same split with
# `requirements.in` and a compiled `requirements.txt`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-conflicting"}
# First read the resolver's error: it names the two packages and their incompatible ranges.
# `pipdeptree` (or `uv tree`, `poetry show --tree`) shows who requires what. Then: upgrade the
# package with the outdated upper bound (newer releases often relax it), loosen your own pins,
# or pin a version of the shared dependency both accept, using a constraints file if it is
# indirect. If two tools truly cannot share an environment, give them separate ones (pipx for
# CLI tools, separate services). Run `pip check` in CI and commit a lock file so a conflict is
# found once, at resolve time, not in production.

# %% course={"kind": "trap", "trap": "trap-installing-packages-globally-instead-of"}
# Where would `pip install` put files right now? Outside a venv, into the base installation
# that every script on the machine shares (or not at all, on distros that mark it "externally managed").
import sys
import sysconfig
from pathlib import Path

in_venv = sys.prefix != sys.base_prefix
print("this kernel is in a virtual environment:", in_venv)
print("pip install would write to:", sysconfig.get_paths()["purelib"])
base_stdlib = Path(sysconfig.get_paths()["stdlib"])
marker = base_stdlib / "EXTERNALLY-MANAGED"
print("the base installation is marked EXTERNALLY-MANAGED (PEP 668):", marker.exists())
for system_lib in sorted(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))[:1]:
    print("the system Python here is:", system_lib.parent, "-> pip refuses to install into it")
print("habit: always a venv; and export PIP_REQUIRE_VIRTUALENV=1 makes pip refuse to run outside one")

# %% course={"kind": "trap", "trap": "trap-not-pinning-dependency-versions-causes"}
# The same unpinned requirement installs different versions on different days.
from datetime import date

releases = {"2.28.2": date(2023, 1, 12), "2.31.0": date(2023, 5, 22), "2.32.3": date(2024, 5, 29)}


def resolve(minimum: tuple, on: date) -> str:
    available = [v for v, released in releases.items() if released <= on]
    allowed = [v for v in available if tuple(map(int, v.split("."))) >= minimum]
    return max(allowed, key=lambda v: tuple(map(int, v.split("."))))


for day in (date(2023, 3, 1), date(2023, 9, 1), date(2024, 9, 1)):
    print(f"on {day}: pip install 'requests>=2.28' gets {resolve((2, 28), day)}")
print("'requests==2.31.0' gets 2.31.0 every time, from its release on")
print("same file, three different environments: pin (or lock) what you deploy")

# %% course={"kind": "trap", "trap": "trap-confusing-system-python-with-project"}
# `python3` on PATH is not necessarily the interpreter your project uses. Ask each one who it is.
import shutil
import subprocess
import sys

probe = ("import sys, importlib.util; "
         "print(sys.executable, sys.prefix != sys.base_prefix, importlib.util.find_spec('ipykernel') is not None)")
candidates = {"this notebook's kernel": sys.executable, "`python3` on PATH": shutil.which("python3"),
              "/usr/bin/python3": "/usr/bin/python3" if shutil.which("/usr/bin/python3") else None}
for label, exe in candidates.items():
    if not exe:
        print(f"{label:24} -> not present")
        continue
    out = subprocess.run([exe, "-c", probe], capture_output=True, text=True, timeout=30).stdout.split()
    if len(out) == 3:
        print(f"{label:24} -> {out[0]} | in a venv: {out[1]} | can import ipykernel: {out[2]}")
print("fix: run the project's interpreter explicitly (.venv/bin/python, python -m pip), or activate the venv first")
