"""course.runtime.coursefolder: finding the course folder, reading metadata, writing tiny notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.progress.report import folder_report
from course.progress.store import read_ticks
from course.runtime.coursefolder import (
    course_folder,
    project_label,
    read_metadata,
    section_notebooks,
    write_raw_notebook,
    write_section_notebook,
)


def test_course_folder_is_the_parent_of_a_phase_folder(tmp_path: Path) -> None:
    (tmp_path / "phase-24").mkdir()
    assert course_folder(tmp_path / "phase-24") == tmp_path
    assert course_folder(tmp_path) == tmp_path
    assert course_folder(tmp_path / "phase-24" / "missing") is None
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert course_folder(other) is None


def test_course_folder_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    phase = tmp_path / "phase-03"
    phase.mkdir()
    monkeypatch.chdir(phase)
    assert course_folder() == tmp_path


def test_written_notebooks_are_read_back_by_the_course_readers(tmp_path: Path) -> None:
    path = write_section_notebook(tmp_path, "2.3", ["c-if", "project-2-3-1"], ["project-2-3-1"], title="Loops")
    assert path == tmp_path / "phase-02" / "2.3.ipynb"
    metadata, why = read_metadata(path)
    assert why == "" and metadata is not None
    assert metadata["course"]["title"] == "Loops"
    assert read_ticks(metadata, "2.3", metadata["course"]["items"]).ticked == ("project-2-3-1",)
    assert section_notebooks(tmp_path) == [path]
    report = folder_report(tmp_path)  # the same files `course progress` reads
    assert [(s.section, s.done, s.total) for p in report.phases for s in p.sections] == [("2.3", 1, 2)]


def test_no_progress_and_replaced_course_metadata(tmp_path: Path) -> None:
    fresh = write_section_notebook(tmp_path, "10.1", ["project-10-1-1"])
    metadata, _ = read_metadata(fresh)
    assert metadata is not None and "progress" not in metadata["course"]
    assert fresh.parent.name == "phase-10"
    bare = write_section_notebook(tmp_path, "10.2", [], course=...)
    metadata, _ = read_metadata(bare)
    assert metadata is not None and "course" not in metadata
    odd = write_section_notebook(tmp_path, "10.3", [], course=["x"], name="odd.ipynb")
    assert odd.name == "odd.ipynb"
    metadata, _ = read_metadata(odd)
    assert metadata is not None and metadata["course"] == ["x"]
    damaged = write_section_notebook(tmp_path, "10.4", ["project-10-4-1"], "project-10-4-1")
    metadata, _ = read_metadata(damaged)
    assert metadata is not None and metadata["course"]["progress"] == {"10.4": "project-10-4-1"}


def test_read_metadata_reports_instead_of_raising(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    metadata, why = read_metadata(broken)
    assert metadata is None and str(broken) in why
    listy = tmp_path / "listy.ipynb"
    listy.write_text(json.dumps({"cells": [], "metadata": [], "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    metadata, why = read_metadata(listy)
    assert metadata is None and str(listy) in why
    metadata, why = read_metadata(tmp_path / "missing.ipynb")
    assert metadata is None and "missing.ipynb" in why


def test_read_metadata_never_writes(tmp_path: Path) -> None:
    path = write_section_notebook(tmp_path, "1.1", ["project-1-1-1"], ["project-1-1-1", 3])
    before = path.read_bytes()
    read_metadata(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("project-22-3-1", "Project 22.3.1"),
        ("project-2-10-12", "Project 2.10.12"),
        ("x-grade", "x-grade"),
        ("project-", "project-"),
        ("project-1", "project-1"),
    ],
)
def test_project_label(given: str, expected: str) -> None:
    assert project_label(given) == expected


def test_read_metadata_of_odd_files(tmp_path: Path) -> None:
    not_a_dict = tmp_path / "list.ipynb"
    not_a_dict.write_text("[1, 2]", encoding="utf-8")
    metadata, why = read_metadata(not_a_dict)
    assert metadata is None and "list" in why
    latin = tmp_path / "latin.ipynb"
    latin.write_bytes(b'{"metadata": {"x": "\xe9"}}')
    metadata, why = read_metadata(latin)
    assert metadata is None and "cannot read" in why


def test_read_metadata_agrees_with_course_progress_on_the_built_course() -> None:
    folder = Path(__file__).resolve().parents[1] / "notebooks"
    paths = section_notebooks(folder)[:5]
    if not paths:
        pytest.skip("no built notebooks")
    from course.progress.report import _read_notebook

    for path in paths:
        data, _ = _read_notebook(path)
        metadata, why = read_metadata(path)
        assert data is not None and why == "" and metadata == data["metadata"]


def test_the_home_notebook_alone_makes_a_course_folder(tmp_path: Path) -> None:
    (tmp_path / "course-home.ipynb").write_text("{}", encoding="utf-8")
    assert course_folder(tmp_path) == tmp_path
    assert course_folder(tmp_path / "phase-07") == tmp_path, "a notebook in a phase folder of it"
    assert course_folder(tmp_path / "notes") is None, "a folder that is not a phase folder"


def test_raw_and_list_ticks_are_written_as_given(tmp_path: Path) -> None:
    broken = write_raw_notebook(tmp_path, "2.3", '{"cells": [')
    assert broken == tmp_path / "phase-02" / "2.3.ipynb" and broken.read_text(encoding="utf-8") == '{"cells": ['
    path = write_section_notebook(tmp_path, "2.4", ["a", "b"], ("b",))
    metadata, _ = read_metadata(path)
    assert metadata is not None and metadata["course"]["progress"] == {"2.4": ["b"]}
    report = folder_report(tmp_path)
    assert [(s.section, s.done) for p in report.phases for s in p.sections] == [("2.4", 1)]
    assert len(report.problems) == 1 and "2.3.ipynb" in report.problems[0]


def test_a_small_course_folder_reads_back_through_course_progress(tmp_path: Path) -> None:
    path = write_section_notebook(tmp_path, "1.10", ["a", "b", "c"], ["c", "a"], title="Later")
    assert path == tmp_path / "phase-01" / "1.10.ipynb"
    write_section_notebook(tmp_path, "1.9", ["x"], [])
    write_section_notebook(tmp_path, "12.1", ["y", "z"], ["z", "gone"])
    report = folder_report(tmp_path)
    assert [p.phase for p in report.phases] == [1, 12]
    first = report.phases[0].sections
    assert [(s.section, s.done, s.total) for s in first] == [("1.9", 0, 1), ("1.10", 2, 3)]
    assert first[1].title == "Later"
    later = report.phases[1].sections[0]
    assert (later.done, later.total) == (1, 2) and any("gone" in note for note in later.ignored)
    assert report.problems == ()


def test_damaged_progress_and_broken_files_are_reported_not_raised(tmp_path: Path) -> None:
    write_section_notebook(tmp_path, "2.1", ["a"], "a")  # a string, not a list
    write_section_notebook(tmp_path, "2.2", ["a"], None)  # no progress key at all
    write_raw_notebook(tmp_path, "2.3", '{"cells": [')
    report = folder_report(tmp_path)
    sections = report.phases[0].sections
    assert [(s.section, s.done, s.total) for s in sections] == [("2.1", 0, 1), ("2.2", 0, 1)]
    assert sections[0].ignored and not sections[1].ignored
    assert len(report.problems) == 1 and "2.3.ipynb" in report.problems[0]


def test_course_folder_is_the_folder_or_the_parent_of_its_phase_folder(tmp_path: Path) -> None:
    assert course_folder(tmp_path) is None
    write_section_notebook(tmp_path, "24.5", ["a"])
    assert course_folder(tmp_path) == tmp_path
    assert course_folder(tmp_path / "phase-24") == tmp_path
    assert course_folder(tmp_path / "phase-24" / "deeper") is None
