"""course.runtime.environ: variables changed in a block are put back, set or unset, even when the block raises."""

from __future__ import annotations

import os

import pytest

from course.runtime.environ import preserved_environ


def test_set_and_unset_variables_come_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_T_SET", "before")
    monkeypatch.delenv("COURSE_T_UNSET", raising=False)
    with preserved_environ("COURSE_T_SET", "COURSE_T_UNSET") as saved:
        assert saved == {"COURSE_T_SET": "before", "COURSE_T_UNSET": None}
        os.environ["COURSE_T_SET"] = "changed"
        os.environ["COURSE_T_UNSET"] = "made"
    assert os.environ["COURSE_T_SET"] == "before"
    assert "COURSE_T_UNSET" not in os.environ


def test_restored_when_the_block_raises_and_after_a_removal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_T_SET", "before")

    def remove_then_fail() -> None:
        with preserved_environ("COURSE_T_SET"):
            del os.environ["COURSE_T_SET"]
            raise RuntimeError

    with pytest.raises(RuntimeError):
        remove_then_fail()
    assert os.environ["COURSE_T_SET"] == "before"


def test_other_variables_are_not_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COURSE_T_OTHER", raising=False)
    with preserved_environ("COURSE_T_SET"):
        os.environ["COURSE_T_OTHER"] = "stays"
    assert os.environ.pop("COURSE_T_OTHER") == "stays"
