"""Progress read from notebook metadata: the store, the CLI table and JSON, the dashboard,
and bad data (wrong types, unknown ids, foreign notebooks) that must never crash or wipe."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from course.cli import main
from course.progress.dashboard import Dashboard
from course.progress.report import folder_report, tracker_table
from course.progress.store import read_ticks
from course.runtime.checklist import MIME_TYPE
from course.runtime.labextension import BUILT, recorded_digest, source_digest
from course.verify.execute import execute_notebook
from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
S11 = "phase-01/1.1-python-execution-model-repl.ipynb"
S12 = "phase-01/1.2-variables-data-types-type-system.ipynb"
S01 = "phase-00/0.1-linux-shell-fundamentals.ipynb"


def _items(path: Path) -> list[str]:
    return list(json.loads(path.read_text())["metadata"]["course"]["items"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A workspace with the course home and three section notebooks with known ticks."""
    ws = tmp_path / "ws"
    for rel in ("course-home.ipynb", S11, S12, S01):
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(NOTEBOOKS / rel, ws / rel)
    for rel, section, n in ((S11, "1.1", 3), (S01, "0.1", 0)):
        nb = nbformat.read(ws / rel, as_version=4)
        nb.metadata["course"]["progress"] = {section: _items(ws / rel)[:n]}
        nbformat.write(nb, ws / rel)
    return ws


def test_read_ticks_keeps_order_and_reports_what_it_ignores() -> None:
    meta = {"course": {"progress": {"1.1": ["b", "zz-gone", 7, "a"]}}}
    ticks = read_ticks(meta, "1.1", ["a", "b", "c"])
    assert ticks.ticked == ("a", "b")
    assert any("not item ids" in n for n in ticks.ignored)
    assert any("no longer in this section (kept): zz-gone" in n for n in ticks.ignored)


@pytest.mark.parametrize(
    ("metadata", "note"),
    [
        ({"course": "oops"}, "metadata.course is a str"),
        ({"course": {"progress": ["a"]}}, "metadata.course.progress is a list"),
        ({"course": {"progress": {"1.1": "a"}}}, "progress for 1.1 is a str"),
        ([], "notebook metadata is not a mapping"),
    ],
)
def test_read_ticks_survives_wrong_types(metadata: object, note: str) -> None:
    ticks = read_ticks(metadata, "1.1", ["a"])
    assert ticks.ticked == ()
    assert any(note in n for n in ticks.ignored), ticks.ignored


def test_folder_report_counts_ticks_per_section_and_phase(folder: Path) -> None:
    report = folder_report(folder)
    phases = {p.phase: p for p in report.phases}
    assert phases[1].done == 3 and phases[1].total == len(_items(folder / S11)) + len(_items(folder / S12))
    assert phases[0].done == 0 and phases[0].status == "☐"
    assert phases[1].status == "◐" and phases[1].description == "Python Fundamentals"
    assert 2 in phases and phases[2].sections == () and phases[2].description == "Control Flow"
    table = tracker_table(report)
    assert "Python Fundamentals" in table and "3/" in table


def test_a_finished_phase_is_ticked_in_the_tracker(folder: Path) -> None:
    for rel, section in ((S11, "1.1"), (S12, "1.2")):
        nb = nbformat.read(folder / rel, as_version=4)
        nb.metadata["course"]["progress"] = {section: _items(folder / rel)}
        nbformat.write(nb, folder / rel)
    phase1 = next(p for p in folder_report(folder).phases if p.phase == 1)
    assert phase1.status == "☑" and phase1.percent == 100


def test_cli_prints_the_table_and_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"Progress in {folder.resolve()} (3 section notebooks)"
    assert out.splitlines()[1].split() == ["Phase", "Description", "Status", "Done"]
    assert "Python Fundamentals" in out
    assert main(["progress", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s11 = next(s for p in data["phases"] for s in p["sections"] if s["section"] == "1.1")
    assert s11["done"] == 3 and s11["path"] == S11


def test_corrupt_and_foreign_notebooks_never_crash_the_cli(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "phase-01" / "broken.ipynb").write_text("{ not json")
    (folder / "foreign.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {"course": 5}, "nbformat": 4, "nbformat_minor": 5})
    )
    nb = nbformat.read(folder / S12, as_version=4)
    nb.metadata["course"]["progress"] = {"1.2": {"not": "a list"}}
    nb.metadata["course"]["items"] = "garbage"
    nbformat.write(nb, folder / S12)
    before = (folder / S12).read_bytes()
    assert main(["progress", str(folder), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert any("broken.ipynb" in p for p in data["problems"])
    assert (folder / S12).read_bytes() == before, "reading progress never writes"


def test_backups_checkpoints_and_stray_notebooks_are_not_counted(folder: Path) -> None:
    before = folder_report(folder).to_json()
    for copy_to in (
        ".course-backups/20260101-000000/" + S11,
        "phase-01/.ipynb_checkpoints/x-checkpoint.ipynb",
        "old/" + S11,
    ):
        target = folder / copy_to
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / S11, target)
    after = folder_report(folder).to_json()
    assert after == before
    assert ".course-backups" not in json.dumps(after)


def test_progress_without_a_folder_or_workspace_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COURSE_WORKSPACE", str(tmp_path / "no-workspace"))
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / S11, tmp_path / "elsewhere" / "deep" / "x.ipynb")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["progress"]) == 1
    err = capsys.readouterr().err
    assert "no workspace here and this folder holds no course notebooks" in err and "course start" in err


def test_missing_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_dashboard_shows_a_chart_per_phase_and_the_tracker(folder: Path) -> None:
    html = Dashboard.for_folder(folder)._repr_html_()
    assert html.count("<details>") == 2  # phases 0 and 1 have notebooks here
    assert "Progress tracker" in html and "Python Fundamentals" in html and "3/" in html
    assert "Environment Setup" in repr(Dashboard.for_folder(folder))


def test_course_home_dashboard_runs_headless(folder: Path) -> None:
    result = execute_notebook(folder / "course-home.ipynb")
    assert result.ok, result.errors
    nb = nbformat.read(folder / "course-home.ipynb", as_version=4)  # not written by execution
    assert "progress" not in nb.metadata.get("course", {})


def test_section_runs_headless_and_says_ticks_are_not_saved(folder: Path, tmp_path: Path) -> None:
    """nbclient (like papermill or VS Code) has no JupyterLab document: the widget says so."""
    import nbformat as nbf
    from nbclient import NotebookClient

    nb = nbf.read(folder / S11, as_version=4)
    before = dict(nb.metadata["course"]["progress"])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    out = next(c for c in nb.cells if c.metadata["course"]["id"] == "checklist").outputs[0]
    assert "Ticks are saved where JupyterLab or Notebook 7" in out["data"]["text/plain"]
    assert nb.metadata["course"]["progress"] == before
    # what the extension draws a saved checklist from, the same in the top and bottom views
    views = [c.outputs[0]["data"] for c in nb.cells if c.metadata["course"]["kind"] == "checklist" and c.get("outputs")]
    assert len(views) == 2
    top, bottom = (v[MIME_TYPE] for v in views)
    assert top["key"] == "1.1" and [i["id"] for g in top["groups"] for i in g["items"]] == _items(folder / S11)
    assert len(top["instance"]) == 32 and top == bottom
    assert all("application/vnd.jupyter.widget-view+json" in v for v in views)


def test_committed_labextension_matches_its_source() -> None:
    assert (BUILT / "package.json").is_file() and list((BUILT / "static").glob("remoteEntry.*.js"))
    assert recorded_digest() == source_digest(ROOT / "labextension"), (
        "labextension/ changed since course/labextension/ was built: run labextension/build.sh"
    )
    built = json.loads((BUILT / "package.json").read_text())
    source = json.loads((ROOT / "labextension" / "package.json").read_text())
    assert built["name"] == source["name"] == "course-progress" and built["version"] == source["version"]
