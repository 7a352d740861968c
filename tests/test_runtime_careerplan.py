"""course.runtime.careerplan: course folders built for 24.5, read back by course.progress."""

from __future__ import annotations

from pathlib import Path

from course.progress.report import folder_report
from course.runtime.careerplan import course_folder, write_raw_notebook, write_section_notebook


def test_written_notebooks_read_back_through_course_progress(tmp_path: Path) -> None:
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


def test_course_folder_is_the_folder_or_its_parent(tmp_path: Path) -> None:
    assert course_folder(tmp_path) is None
    write_section_notebook(tmp_path, "24.5", ["a"])
    assert course_folder(tmp_path) == tmp_path
    assert course_folder(tmp_path / "phase-24") == tmp_path
    assert course_folder(tmp_path / "phase-24" / "deeper") is None
