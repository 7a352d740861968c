"""course.runtime.lint: the real ruff, mypy and bandit on a folder, read as rule codes."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    # a hostile user configuration and a pyproject.toml in a parent folder of the project
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
