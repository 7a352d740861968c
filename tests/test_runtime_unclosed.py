"""course.runtime.unclosed: files dropped without close() are reported, closed ones are not."""

from __future__ import annotations

import warnings
from pathlib import Path

from course.runtime.unclosed import unclosed_files


def test_a_dropped_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with unclosed_files() as leaks:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
        del handle
    assert len(leaks) == 1
    assert leaks[0].startswith("unclosed file") and "a.txt" in leaks[0]


def test_closed_files_are_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("x", encoding="utf-8")
    with unclosed_files() as leaks:
        with open(path, encoding="utf-8") as handle:
            handle.read()
        other = open(path, "rb")  # noqa: SIM115
        other.close()
        del other
    assert leaks == []


def test_a_file_in_a_cycle_is_found_by_the_final_collection(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("x", encoding="utf-8")
    with unclosed_files() as leaks:
        box: list[object] = []
        box.append(box)
        box.append(open(path, encoding="utf-8"))  # noqa: SIM115
        del box
    assert len(leaks) == 1


def test_other_warnings_pass_through() -> None:
    with warnings.catch_warnings(record=True) as outer:
        warnings.simplefilter("always")
        with unclosed_files() as leaks:
            warnings.warn("something else", UserWarning, stacklevel=1)
    assert leaks == []
    assert [str(w.message) for w in outer] == ["something else"]


def test_the_list_is_filled_when_the_block_ends_even_if_it_raises(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("x", encoding="utf-8")
    seen_inside: list[int] = []
    leaks: list[str] = []
    try:
        with unclosed_files() as leaks:
            handle = open(path, encoding="utf-8")  # noqa: SIM115
            del handle
            seen_inside.append(len(leaks))
            raise KeyError("boom")
    except KeyError:
        pass
    assert seen_inside == [0]
    assert len(leaks) == 1 and "d.txt" in leaks[0]
