"""Binder: pinned files that agree with pyproject.toml, a launch link, and a stand-in for
Binder's build (a fresh venv from binder/ alone, postBuild, then in it: every module the notebooks
and the course's runtime import, and the notebooks that between them import all of those, run
top to bottom; tests/test_execute.py runs every notebook in the test environment)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.conftest import ROOT
from tests.notebook_imports import covering_sample, third_party_imports

BINDER = ROOT / "binder"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _pins() -> dict[str, str]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", f"binder/requirements.txt must pin exactly: {line}"
            pins[req.name.lower()] = spec.version
    return pins


def test_binder_pins_agree_with_pyproject() -> None:
    pins = _pins()
    deps = [Requirement(d) for d in PYPROJECT["project"]["dependencies"]]
    assert {d.name.lower() for d in deps} == set(pins), "binder pins exactly the package's dependencies"
    for dep in deps:
        assert Version(pins[dep.name.lower()]) in dep.specifier, f"{dep.name}=={pins[dep.name.lower()]} outside {dep}"


def test_binder_python_is_new_enough_for_nbgrader() -> None:
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"runtime.txt must read python-X.Y, not {runtime!r}"
    assert Version(match.group(1) + ".0") in SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert Version(match.group(1)) >= Version("3.11"), "nbgrader 0.9 needs Python 3.11+ (repo2docker defaults to 3.10)"


def test_readme_links_binder_and_nbgitpuller() -> None:
    repo = PYPROJECT["project"]["urls"]["Repository"].removeprefix("https://github.com/")
    readme = (ROOT / "README.md").read_text()
    assert f"https://mybinder.org/v2/gh/{repo}/HEAD?urlpath=lab/tree/notebooks/course-home.ipynb" in readme
    assert "git-pull?repo=" in readme and "urlpath=lab/tree/" in readme


@pytest.mark.slow
def test_binder_environment_builds_and_runs_the_notebooks(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    env_dir = tmp_path / "binder-env"
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    py = env_dir / "bin" / "python"
    env = dict(os.environ, PATH=f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}", VIRTUAL_ENV=str(env_dir))
    env.pop("PYTHONPATH", None)
    # --no-compile: Binder's pip writes .pyc files for every installed module; here only what the
    # checks below import gets compiled (at import), which saves about a third of the install's time
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-compile"]
    subprocess.run([*pip, "-r", str(BINDER / "requirements.txt")], check=True, env=env)
    subprocess.run(["bash", str(BINDER / "postBuild")], check=True, env=env, cwd=tmp_path)
    installed = time.monotonic() - start
    listing = subprocess.run(
        [str(env_dir / "bin" / "jupyter"), "labextension", "list"], env=env, capture_output=True, text=True, check=True
    )
    assert re.search(r"course-progress v\S+ .*enabled.*OK", listing.stdout + listing.stderr), listing.stderr
    # learners on Binder get the learner's UI, as with 'course start'
    assert re.search(r"@jupyter/nbgrader v\S+ .*disabled", listing.stdout + listing.stderr), listing.stderr
    assert "@jupyterlab/apputils-extension:announcements" in listing.stdout + listing.stderr

    # every module a notebook imports, and every module of the course's runtime, imports in it
    everything = sorted((ROOT / "notebooks").rglob("*.ipynb"))
    modules = sorted(set().union(*(third_party_imports(p) for p in everything)))
    check = (
        "import importlib, pkgutil, sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "import course.runtime\n"
            "for info in pkgutil.iter_modules(course.runtime.__path__, 'course.runtime.'):\n"
            "    importlib.import_module(info.name)\n"
        )
    )
    imported = subprocess.run([str(py), "-c", check], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr[-2000:]

    # the notebooks that between them use every one of those modules run top to bottom in it
    sample = covering_sample(everything, always=[ROOT / "notebooks" / "course-home.ipynb"])
    workdir = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", workdir)
    keep = {workdir / p.relative_to(ROOT / "notebooks") for p in sample}
    for path in workdir.rglob("*.ipynb"):
        if path not in keep:
            path.unlink()
    run = subprocess.run(
        [str(py), "-m", "course.verify.execute", str(workdir), "--workers", "2"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    results = json.loads(run.stdout)
    failed = [r for r in results if r["errors"]]
    assert len(results) == len(sample) and not failed, failed[:3]
    size = sum(f.stat().st_size for f in env_dir.rglob("*") if f.is_file() and not f.is_symlink())
    record_property(
        "measured",
        f"binder stand-in: installed in {installed:.0f} s, environment {size / 2**20:.0f} MiB, "
        f"{len(modules)} modules imported, {len(results)} of {len(everything)} notebooks ran "
        f"in {sum(r['seconds'] for r in results):.0f} s of kernel time",
    )
