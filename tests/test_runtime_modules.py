"""course.runtime.modules: scratch module files that leave nothing behind."""

from __future__ import annotations

import importlib
import sys
import types

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


@pytest.mark.parametrize("setting", [False, True])
def test_bytecode_setting_is_restored_also_after_nested_blocks_and_errors(
    setting: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", setting)
    with scratch_modules({"scratch_outer.py": ""}):
        assert sys.dont_write_bytecode is True
        with pytest.raises(KeyError), scratch_modules({"scratch_inner.py": ""}):
            raise KeyError("inner")
        assert sys.dont_write_bytecode is True, "the inner block restores the outer block's setting"
    assert sys.dont_write_bytecode is setting


def test_odd_entries_in_sys_modules_do_not_break_the_cleanup(monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = types.ModuleType("scratch_lazy")

    def refuse(name: str) -> object:
        raise RuntimeError(f"lazy attribute {name} looked up during cleanup")

    lazy.__getattr__ = refuse  # type: ignore[method-assign]  # PEP 562 hook, as lazy-loading libraries use
    monkeypatch.setitem(sys.modules, "scratch_lazy", lazy)
    odd = object()  # not even a module
    monkeypatch.setitem(sys.modules, "scratch_slotted", odd)
    with scratch_modules({"scratch_mod.py": ""}):
        importlib.import_module("scratch_mod")
    assert "scratch_mod" not in sys.modules
    assert sys.modules["scratch_lazy"] is lazy and sys.modules["scratch_slotted"] is odd


def test_off_path_and_outside_paths() -> None:
    with scratch_modules({"scratch_off.py": ""}, on_path=False) as folder:
        assert str(folder) not in sys.path
    with pytest.raises(ValueError, match="outside"), scratch_modules({"../evil.py": ""}):
        pass
