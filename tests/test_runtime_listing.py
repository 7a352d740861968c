"""listing_z_to_a: every way of listing a folder comes back Z to A inside it, and as before after."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

from course.runtime.listing import listing_z_to_a

NAMES = ["b.txt", "a.txt", "c.txt"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in NAMES:
        (tmp_path / name).write_text("")
    return tmp_path


def test_every_listing_is_z_to_a_inside(folder: Path) -> None:
    z_to_a = ["c.txt", "b.txt", "a.txt"]
    with listing_z_to_a():
        assert os.listdir(folder) == z_to_a
        with os.scandir(folder) as entries:
            assert [e.name for e in entries] == z_to_a
        assert [p.name for p in folder.iterdir()] == z_to_a
        assert [p.name for p in folder.glob("*.txt")] == z_to_a
        assert [p.name for p in folder.rglob("*.txt")] == z_to_a
        assert next(os.walk(folder))[2] == z_to_a
        assert [Path(p).name for p in glob.glob(str(folder / "*.txt"))] == z_to_a


def test_everything_is_restored_after_even_on_error(folder: Path) -> None:
    before = (os.scandir, os.listdir)
    with pytest.raises(RuntimeError), listing_z_to_a():
        raise RuntimeError("boom")
    assert (os.scandir, os.listdir) == before
    assert sorted(os.listdir(folder)) == sorted(NAMES)
