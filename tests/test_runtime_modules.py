"""course.runtime.modules: scratch module files that leave nothing behind."""

from __future__ import annotations

import importlib
import sys

import pytest

from course.runtime.modules import scratch_modules


def test_modules_import_inside_and_are_forgotten_after() -> None:
    path_before = list(sys.path)
    files = {"scratch_greet.py": "WORD = 'hi'\n", "scratch_pkg/__init__.py": "", "scratch_pkg/util.py": "X = 1\n"}
    with scratch_modules(files) as folder:
        assert sys.path[0] == str(folder)
        assert importlib.import_module("scratch_greet").WORD == "hi"
        assert importlib.import_module("scratch_pkg.util").X == 1
        assert not any(folder.rglob("*.pyc")), "no bytecode is written while the block runs"
    assert not folder.exists()
    assert sys.path == path_before
    assert not {"scratch_greet", "scratch_pkg", "scratch_pkg.util"} & set(sys.modules)
    assert str(folder) not in sys.path_importer_cache
    with scratch_modules({"scratch_greet.py": "WORD = 'again'\n"}):
        assert importlib.import_module("scratch_greet").WORD == "again", "a second block imports afresh"


def test_cleans_up_when_the_block_raises_and_leaves_other_modules_alone() -> None:
    seen = []

    def boom() -> None:
        with scratch_modules({"scratch_boom.py": "N = 1\n"}) as folder:
            seen.append(folder)
            importlib.import_module("scratch_boom")
            importlib.import_module("json")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        boom()
    (folder,) = seen
    assert "scratch_boom" not in sys.modules and str(folder) not in sys.path
    assert "json" in sys.modules
    assert sys.dont_write_bytecode is False or sys.flags.dont_write_bytecode


def test_off_path_and_outside_paths() -> None:
    with scratch_modules({"scratch_off.py": ""}, on_path=False) as folder:
        assert str(folder) not in sys.path
    with pytest.raises(ValueError, match="outside"), scratch_modules({"../evil.py": ""}):
        pass
