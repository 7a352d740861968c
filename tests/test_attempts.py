"""Attempts at exercises and their solve times, stored beside the ticks (``course.progress.attempts``): counted
by the kernel's checklist, merged into the metadata by its script with the same rule as Python, read back
defensively and by 24.1's practice mode."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from course.progress import attempts
from course.runtime import checklist as checklist_module
from course.runtime.checklist import Checklist
from course.runtime.coursefolder import write_section_notebook
from course.runtime.practice import practice_log

SCRIPT = Path(checklist_module.__file__).parent / "static" / "checklist.js"
GROUPS = [
    {
        "id": "problems",
        "title": "Problems",
        "items": [{"id": "dsa-two-sum", "label": "Two Sum", "depth": 0, "exercises": ["two-sum"]}],
    }
]


def _checklist(monkeypatch: pytest.MonkeyPatch, stamps: list[str]) -> Checklist:
    monkeypatch.setattr(checklist_module, "notebook_path", lambda: None)
    monkeypatch.setattr(attempts, "now", lambda: stamps.pop(0))
    return Checklist("1.1", GROUPS, {"two-sum": ["t1", "t2"]})


def _run(box: Checklist, test: str, ok: bool) -> None:
    with box.check("two-sum", test):
        assert ok


def test_tests_run_on_the_untouched_starter_are_no_attempt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    box = _checklist(monkeypatch, [])
    with box.check("two-sum", "t1"):
        raise NotImplementedError
    assert box.attempts == {} and "not started yet" in capsys.readouterr().out


def test_an_attempt_is_a_run_from_the_first_test_and_the_solve_is_timed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stamps = ["2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z", "2026-12-01T10:12:30Z", "2026-12-01T10:13:00Z"]
    box = _checklist(monkeypatch, stamps)
    _run(box, "t1", ok=False)
    assert box.attempts == {
        "two-sum": {"item": "dsa-two-sum", "attempts": 1, "first": "2026-12-01T10:00:00Z", "solved": ""}
    }
    _run(box, "t2", ok=True)  # a later test cell alone is no new attempt
    _run(box, "t1", ok=True)
    _run(box, "t2", ok=True)
    record = attempts.from_json("two-sum", box.attempts["two-sum"])
    assert record is not None
    assert (record.attempts, record.first, record.solved) == (2, "2026-12-01T10:00:00Z", "2026-12-01T10:12:30Z")
    assert record.minutes == 12.5
    assert box.checked == ["dsa-two-sum"]
    # solving again later keeps the first solve time
    monkeypatch.setattr(attempts, "now", lambda: "2026-12-02T09:00:00Z")
    _run(box, "t1", ok=True)
    _run(box, "t2", ok=True)
    assert box.attempts["two-sum"]["solved"] == "2026-12-01T10:12:30Z" and box.attempts["two-sum"]["attempts"] == 3
    capsys.readouterr()


def test_a_new_kernel_goes_on_counting_from_the_saved_notebook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    saved = {"two-sum": {"item": "dsa-two-sum", "attempts": 4, "first": "2026-11-30T08:00:00Z", "solved": ""}}
    path = write_section_notebook(
        tmp_path, "1.1", ["dsa-two-sum"], course={"section": "1.1", "attempts": {"1.1": saved}}
    )
    monkeypatch.setattr(checklist_module, "notebook_path", lambda: path)
    monkeypatch.setattr(attempts, "now", lambda: "2026-12-01T10:00:00Z")
    box = Checklist("1.1", GROUPS, {"two-sum": ["t1", "t2"]})
    assert box.attempts == saved
    with box.check("two-sum", "t1"):
        pass
    assert box.attempts["two-sum"]["attempts"] == 5 and box.attempts["two-sum"]["first"] == "2026-11-30T08:00:00Z"


@pytest.mark.parametrize(
    ("stored", "why"),
    [
        ("lots", "metadata.course.attempts is a str"),
        ({"1.1": [1, 2]}, "attempts for 1.1 are a list"),
        ({"1.1": {"two-sum": {"attempts": "3", "first": ""}}}, "attempts of two-sum are not a record"),
        ({"1.1": {"two-sum": {"attempts": True, "first": ""}}}, "attempts of two-sum are not a record"),
    ],
)
def test_records_of_the_wrong_shape_are_skipped_and_described(stored: Any, why: str) -> None:
    found, skipped = attempts.read_attempts({"course": {"attempts": stored}}, "1.1")
    assert found == {} and any(why in line for line in skipped), skipped


A = attempts.Attempt("x", "dsa-x", 3, "2026-12-01T10:00:00Z", "")
B = attempts.Attempt("x", "", 2, "2026-11-30T10:00:00Z", "2026-12-01T11:00:00Z")


def test_two_views_of_a_record_merge_to_the_larger_count_and_the_earlier_times() -> None:
    assert attempts.merge(A, B) == attempts.Attempt("x", "dsa-x", 3, "2026-11-30T10:00:00Z", "2026-12-01T11:00:00Z")
    assert attempts.merge(A, B) == attempts.merge(B, A)
    assert attempts.merge(A, None) == A


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_widget_script_merges_as_python_does(tmp_path: Path) -> None:
    """checklist.js stores the kernel's counts in the document with the rule of ``attempts.merge``, and keeps
    what it cannot read under ``course.ignored`` (never dropped)."""
    course = {
        "progress": {"1.1": ["dsa-x"]},
        "attempts": {"1.1": {"x": A.as_json(), "y": "junk"}},
    }
    kernel = {"x": B.as_json(), "y": {"item": "", "attempts": 1, "first": "2026-12-01T00:00:00Z", "solved": ""}}
    script = (
        f"import({json.dumps(SCRIPT.as_uri())}).then(m => console.log(JSON.stringify("
        f"m.withAttempts({json.dumps(course)}, '1.1', {json.dumps(kernel)}))))"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    merged = json.loads(out)
    expected = attempts.merge(A, B)
    assert expected is not None
    assert merged["attempts"]["1.1"]["x"] == expected.as_json()
    assert merged["attempts"]["1.1"]["y"] == kernel["y"]
    assert merged["ignored"] == {"attempts.1.1.y": "junk"}
    assert merged["progress"] == course["progress"]


def test_practice_mode_reads_attempts_of_problems_across_the_course(tmp_path: Path) -> None:
    solved = {"item": "dsa-two-sum", "attempts": 3, "first": "2026-12-01T10:00:00Z", "solved": "2026-12-01T10:20:00Z"}
    other = {"item": "x-practice", "attempts": 1, "first": "2026-12-01T10:00:00Z", "solved": ""}
    write_section_notebook(
        tmp_path, "2.2", [], course={"section": "2.2", "attempts": {"2.2": {"two-sum": solved, "warm-up": other}}}
    )
    write_section_notebook(tmp_path, "2.3", [], course={"section": "2.3", "attempts": "damaged"})
    log = practice_log(tmp_path)
    assert list(log) == [("2.2", "dsa-two-sum")]
    assert log[("2.2", "dsa-two-sum")].attempts == 3 and log[("2.2", "dsa-two-sum")].minutes == 20
    assert practice_log(None) == {}
