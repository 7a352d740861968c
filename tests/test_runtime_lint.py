"""course.runtime.lint: the real ruff, mypy and bandit on a folder, read as rule codes."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path

import pytest

from course.runtime import lint
from course.runtime.lint import (
    Finding,
    bandit_check,
    bandit_report,
    mypy_check,
    project,
    ruff_check,
    ruff_formatted,
    ruff_unformatted,
    silencers,
    write_files,
)

RISKY = "import os\n\n\ndef add(tag, tags=[]):\n    if tag == None:\n        return tags\n    return tags\n"


def test_project_writes_files_in_a_new_folder_each_time() -> None:
    first = project({"a.py": "x = 1\n", "pkg/b.py": "y = 2\n"})
    second = project({"a.py": "x = 3\n"})
    assert first != second
    assert (first / "pkg" / "b.py").read_text(encoding="utf-8") == "y = 2\n"
    assert (second / "a.py").read_text(encoding="utf-8") == "x = 3\n"


def test_write_files_refuses_paths_outside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        write_files(tmp_path / "inner", {"../escape.py": ""})
    assert not (tmp_path / "escape.py").exists()


def test_ruff_check_reports_codes_sorted_and_obeys_a_config() -> None:
    folder = project({"tags.py": RISKY, "pkg/__init__.py": "from os import path\n"})
    found = ruff_check(folder, "--select", "E,F,B")
    assert found == (
        Finding("pkg/__init__.py", 1, "F401", "ruff"),
        Finding("tags.py", 1, "F401", "ruff"),
        Finding("tags.py", 4, "B006", "ruff"),
        Finding("tags.py", 5, "E711", "ruff"),
    )
    config = '[tool.ruff.lint]\nselect = ["F"]\n\n[tool.ruff.lint.per-file-ignores]\n"__init__.py" = ["F401"]\n'
    write_files(folder, {"pyproject.toml": config})
    assert ruff_check(folder, config="pyproject.toml") == (Finding("tags.py", 1, "F401", "ruff"),)


def test_ruff_check_without_config_ignores_a_pyproject_in_the_folder() -> None:
    folder = project({"tags.py": RISKY, "pyproject.toml": '[tool.ruff.lint]\nignore = ["F401"]\n'})
    assert [f.code for f in ruff_check(folder, "--select", "F401")] == ["F401"]


def test_ruff_formatting_is_compared_without_changing_files() -> None:
    messy = "x = {'a':1}\n"
    folder = project({"messy.py": messy, "clean.py": 'x = {"a": 1}\n'})
    assert ruff_formatted(messy) == 'x = {"a": 1}\n'
    assert ruff_unformatted(folder) == ("messy.py",)
    assert (folder / "messy.py").read_text(encoding="utf-8") == messy


def test_mypy_check_gives_error_codes_strict_adds_more_and_reads_only_the_config_named() -> None:
    # default runs first, then the strict ones: the shared cache reads the standard library twice, not four times
    source = "def f(x: int) -> str:\n    return x\n\n\ndef g(y):\n    return y\n"
    folder = project({"m.py": source})
    configured = project({"m.py": "def g(y):\n    return y\n", "pyproject.toml": "[tool.mypy]\nstrict = true\n"})
    assert mypy_check(folder) == (Finding("m.py", 2, "return-value", "mypy"),)
    assert mypy_check(configured) == ()
    assert mypy_check(folder, strict=True) == (
        Finding("m.py", 2, "return-value", "mypy"),
        Finding("m.py", 5, "no-untyped-def", "mypy"),
    )
    assert [f.code for f in mypy_check(configured, config="pyproject.toml")] == ["no-untyped-def"]


def test_no_configuration_outside_the_folder_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a hostile user configuration, a pyproject.toml in a parent folder of the project, and environment
    # variables the tools read: a stub folder that says int is str, ruff's output format and rule choice
    stubs = tmp_path / "stubs"
    write_files(stubs, {"helper.pyi": "VALUE: int\n"})
    monkeypatch.setenv("MYPYPATH", str(stubs))
    monkeypatch.setenv("MYPY_CACHE_DIR", str(tmp_path / "mypy-cache"))
    monkeypatch.setenv("RUFF_OUTPUT_FILE", str(tmp_path / "ruff-output"))
    monkeypatch.setenv("RUFF_CACHE_DIR", str(tmp_path / "ruff-cache"))
    home = tmp_path / "home"
    write_files(home, {".config/ruff/ruff.toml": 'lint.ignore = ["F401", "E711"]\n', ".config/ruff/pyproject.toml": ""})
    write_files(
        home, {".config/mypy/config": "[mypy]\nignore_errors = True\n", ".mypy.ini": "[mypy]\nignore_errors = True\n"}
    )
    write_files(home, {".config/bandit": "[bandit]\nskips = B602,B404\n"})
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    parent = project(
        {"pyproject.toml": '[tool.ruff.lint]\nignore = ["F401", "E711"]\n[tool.mypy]\nignore_errors = true\n'}
    )
    hostile = '[tool.ruff]\nextend = "../pyproject.toml"\n[tool.bandit]\nskips = ["B602", "B404"]\n'
    inner = "def f(x: int) -> str:\n    return x\n"
    write_files(
        parent, {"inner/tags.py": RISKY, "inner/m.py": inner, "inner/setup.cfg": "[mypy]\nignore_errors = True\n"}
    )
    folder = parent / "inner"
    shell = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n"
    write_files(folder, {"run.py": shell, "hostile/pyproject.toml": hostile})
    assert [f.code for f in ruff_check(folder, "--select", "E711,F401")] == ["F401", "E711"]
    assert mypy_check(folder, "m.py", strict=True) == (Finding("m.py", 2, "return-value", "mypy"),)
    assert [f.code for f in bandit_check(folder)] == ["B404", "B602"]
    assert ruff_formatted("x = {'a':1}\n", folder=folder) == 'x = {"a": 1}\n'
    assert ruff_unformatted(folder) == ()
    uses = project({"uses.py": "from helper import VALUE\n\nx: str = VALUE\n"})
    assert [f.code for f in mypy_check(uses)] == ["import-not-found"], "MYPYPATH is the caller's, not the project's"
    assert not any((tmp_path / name).exists() for name in ("mypy-cache", "ruff-cache", "ruff-output"))


def test_bandit_finds_the_classics_with_severity() -> None:
    source = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n"
    folder = project({"run.py": source})
    assert [(f.line, f.code) for f in bandit_check(folder)] == [(1, "B404"), (5, "B602")]
    severities = {r["test_id"]: r["issue_severity"] for r in bandit_report(folder)["results"]}
    assert severities == {"B404": "LOW", "B602": "HIGH"}


def test_bandit_can_ignore_nosec_comments() -> None:
    source = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)  #nosec\n"
    folder = project({"run.py": source})
    assert [f.code for f in bandit_check(folder)] == ["B404"]
    assert [f.code for f in bandit_check(folder, honor_nosec=False)] == ["B404", "B602"]
    report = bandit_report(folder, honor_nosec=False)
    assert report["errors"] == [] and report["results"][0]["filename"] == "./run.py"


def test_silencers_finds_every_spelling_and_nothing_in_strings() -> None:
    source = (
        "import typing\n"
        "from typing import cast as c  # NOQA: F401\n"
        "x: typing.Any = 1  #type:ignore\n"
        "y = subprocess.run('x', shell=True)  #nosec B602\n"
        "# mypy: ignore-errors\n"
        "text = '# noqa and Any in a string'\n"
    )
    assert silencers(source) == (
        "line 2: cast",
        "line 2: # NOQA: F401",
        "line 3: Any",
        "line 3: #type:ignore",
        "line 4: #nosec B602",
        "line 5: # mypy: ignore-errors",
    )
    assert silencers("def f(x: int) -> int:\n    return x  # a comment\n") == ()
    assert silencers("def f(:\n") == ("unparsable",)


def test_mypy_leaves_the_process_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # mypy raises the recursion limit, slows the garbage collector and sets MYPY_CONFIG_FILE_DIR for
    # the whole process; a kernel running other exercises afterwards must not inherit any of it
    monkeypatch.delenv("MYPY_CONFIG_FILE_DIR", raising=False)
    limit, thresholds, environ = sys.getrecursionlimit(), gc.get_threshold(), dict(os.environ)
    folder = project({"m.py": "def f(x: int) -> str:\n    return x\n"})
    mypy_check(folder, strict=True)
    write_files(folder, {"mypy.ini": "[mypy]\nwarn_unreachable = True\n"})
    mypy_check(folder, config="mypy.ini")
    assert (sys.getrecursionlimit(), gc.get_threshold(), gc.isenabled()) == (limit, thresholds, True)
    assert dict(os.environ) == environ


def test_mypy_results_do_not_leak_between_runs_in_one_process() -> None:
    # the same module name in new folders and in the same folder after an edit: each run sees its own code
    bad, good = "def f(x: int) -> str:\n    return x\n", "def f(x: int) -> str:\n    return str(x)\n"
    first, second = project({"m.py": bad}), project({"m.py": good})
    assert [f.code for f in mypy_check(first)] == ["return-value"]
    assert mypy_check(second) == ()
    write_files(first, {"m.py": good})
    assert mypy_check(first) == ()
    write_files(second, {"m.py": "\n" + bad})
    assert mypy_check(second) == (Finding("m.py", 3, "return-value", "mypy"),)


def test_each_set_of_mypy_options_keeps_its_own_cache() -> None:
    # a strict run must not overwrite what a default run cached (or the next default run reads the
    # standard library again); --strict and a config saying strict = true are the same options
    folder = project(
        {"m.py": "def f(x: int) -> int:\n    return x\n", "pyproject.toml": "[tool.mypy]\nstrict = true\n"}
    )
    caches = lint._cache_dir()
    mypy_check(folder)
    after_default = {p.name for p in caches.glob("cache-*")}
    mypy_check(folder, strict=True)
    after_strict = {p.name for p in caches.glob("cache-*")}
    mypy_check(folder, config="pyproject.toml")
    mypy_check(folder)
    assert len(after_strict - after_default) <= 1 and {p.name for p in caches.glob("cache-*")} == after_strict
    strict_args = ["--config-file", str(folder / "pyproject.toml"), "m.py"]
    with contextlib.chdir(folder):
        assert lint._mypy_cache_for([*strict_args]) == lint._mypy_cache_for(
            ["--config-file", str(folder / "pyproject.toml"), "--strict", "m.py"]
        )
        assert lint._mypy_cache_for(["--config-file", str(caches / "empty-mypy.ini"), "m.py"]) != lint._mypy_cache_for(
            strict_args
        )


def test_ruff_unformatted_names_every_file_from_one_run() -> None:
    files = {
        "a.py": "x = {'a':1}\n",
        "b.py": 'x = {"a": 1}\n',
        "pkg/c.py": "def f( ):\n  return 1\n",
        "d.py": "x = {'a': 1}\n",
        "notes.txt": "x  =  1\n",
    }
    folder = project(files)
    assert ruff_unformatted(folder) == ("a.py", "d.py", "pkg/c.py")
    assert all((folder / name).read_text(encoding="utf-8") == text for name, text in files.items())
    assert ruff_unformatted(project({"README.md": "# none\n"})) == ()
    write_files(folder, {"pyproject.toml": "[tool.ruff.format]\nquote-style = 'single'\n"})
    assert ruff_unformatted(folder, config="pyproject.toml") == ("a.py", "b.py", "pkg/c.py")
