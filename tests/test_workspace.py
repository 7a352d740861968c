"""A learner's workspace: `course start` / `course update` keep every answer, added cell and
tick; property-based tests over random learner work and random course changes; a kill test."""

from __future__ import annotations

import functools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat import NotebookNode

from course.cli import main
from course.content.load import load_section_content
from course.editions.cells import source_hash
from course.editions.pipeline import Course, build_notebooks
from course.roadmap.parse import parse_roadmap
from course.workspace.merge import merge_notebooks, owned_id
from tests.conftest import DATA, ROOT

SMALL = (DATA / "roadmaps" / "small.md").read_text()
CONTENT = (DATA / "content" / "good-1.1.py").read_text()
NB_11 = PurePosixPath("notebooks/phase-01/1.1-running-python.ipynb")

# Course changes between the learner's build and the new one (each can be on or off).
ROADMAP_CHANGES = {
    "add": ("- [ ] Scripts\n", "- [ ] Scripts\n- [ ] Modules and packages\n"),
    "remove": ("- [ ] Paths and folders\n", ""),
    "reorder": ("- [ ] The REPL\n- [ ] Scripts\n", "- [ ] Scripts\n- [ ] The REPL\n"),
    "reword": ("- [ ] Scripts\n", "- [ ] Python scripts\n"),
}
CONTENT_CHANGES = {
    "drop-exercise": (CONTENT[CONTENT.index("# %% [markdown] course={\"kind\": \"exercise\", \"id\": \"hello\""):CONTENT.index("# %% [markdown] course={\"kind\": \"answer\"")], ""),
    "reword-prompt": ("Write `double(x)` returning `2 * x`.", "Write `double(x)`: it returns twice `x`."),
    "new-starter": ("def double(x):\n    ### BEGIN SOLUTION", "def double(x: int) -> int:\n    ### BEGIN SOLUTION"),
}  # fmt: skip


@functools.cache
def build(roadmap_changes: frozenset[str] = frozenset(), content_changes: frozenset[str] = frozenset()) -> NotebookNode:
    """The self-study notebook of section 1.1 of the small roadmap, after some changes."""
    text = SMALL
    if "reword" in roadmap_changes and "add" in roadmap_changes:
        roadmap_changes = roadmap_changes - {"add"}  # both edit the same line; one of them is enough
    for name in sorted(roadmap_changes):
        old, new = ROADMAP_CHANGES[name]
        text = text.replace(old, new, 1)
    content = CONTENT
    for name in sorted(content_changes):
        old, new = CONTENT_CHANGES[name]
        content = content.replace(old, new, 1)
    roadmap = parse_roadmap(text, Path("roadmap.md"))
    path = Path(f"/tmp/course-ws-test-{os.getpid()}/1.1.py")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    course = Course(roadmap, {"1.1": load_section_content(path, roadmap)})
    return build_notebooks(course)[NB_11]


@st.composite
def learner_work(draw: st.DrawFn, base: NotebookNode) -> tuple[NotebookNode, dict[str, str], list[str], list[str]]:
    """A copy of ``base`` a learner has worked in: answers, own cells, ticks, outputs."""
    nb = nbformat.from_dict(json.loads(json.dumps(base)))
    text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40)
    answers: dict[str, str] = {}
    for cell in nb.cells:
        kind = cell.metadata["course"]["kind"]
        if kind == "answer" and draw(st.booleans()):
            cell.source = "# mine\n" + draw(text)
            answers[cell.id] = cell.source
        if cell.cell_type == "code" and draw(st.booleans()):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=draw(text))]
    added: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        source = f"learner note {len(added)}: " + draw(text)
        at = draw(st.integers(0, len(nb.cells)))
        new = nbformat.v4.new_markdown_cell(source) if draw(st.booleans()) else nbformat.v4.new_code_cell(source)
        nb.cells.insert(at, new)
        added.append(source)
    ids = list(nb.metadata["course"]["items"])
    ticks = draw(st.lists(st.sampled_from(ids), unique=True)) + draw(
        st.lists(st.sampled_from(["c-retired", "x-gone"]), unique=True)
    )
    nb.metadata["course"]["progress"] = {"1.1": ticks}
    return nb, answers, added, ticks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    data=st.data(),
    roadmap_changes=st.frozensets(st.sampled_from(sorted(ROADMAP_CHANGES))),
    content_changes=st.frozensets(st.sampled_from(sorted(CONTENT_CHANGES))),
)
def test_update_keeps_every_answer_added_cell_and_tick(
    data: st.DataObject, roadmap_changes: frozenset[str], content_changes: frozenset[str]
) -> None:
    old_build = build()
    mine, answers, added, ticks = data.draw(learner_work(old_build))
    new_build = build(roadmap_changes, content_changes)
    merged, report = merge_notebooks(mine, new_build)

    nbformat.validate(merged)
    ids = [c.id for c in merged.cells]
    assert len(ids) == len(set(ids)), "cell ids stay unique"
    sources = [c.source for c in merged.cells]
    for source in added:
        assert sources.count(source) == 1, f"learner cell lost or doubled: {source!r}"
    new_ids = {c.id for c in new_build.cells}
    for cid, source in answers.items():
        assert source in sources, f"answer {cid} lost"
        if cid not in new_ids:  # its exercise is gone: kept, and reported
            assert owned_id(next(c for c in mine.cells if c.id == cid)) in report.orphaned
    assert merged.metadata["course"]["progress"] == {"1.1": ticks}, "every tick kept, even ones without a home"
    assert merged.metadata["course"]["items"] == new_build.metadata["course"]["items"]
    edited_ids = set(answers)
    for cell in new_build.cells:  # everything the learner did not touch is the new build's
        if cell.id not in edited_ids:
            same = [c for c in merged.cells if c.id == cell.id]
            assert same and same[0].source == cell.source
    changed_by_both = {owned_id(c) for c in mine.cells if c.id in edited_ids and c.id in new_ids}
    changed_by_both = {
        cid for cid in changed_by_both
        if next(c for c in new_build.cells if owned_id(c) == cid).metadata["course"]["hash"]
        != next(c for c in old_build.cells if owned_id(c) == cid).metadata["course"]["hash"]
    }  # fmt: skip
    assert set(report.conflicts) == changed_by_both


def test_update_twice_changes_nothing_more() -> None:
    mine = nbformat.from_dict(json.loads(json.dumps(build())))
    mine.cells.insert(3, nbformat.v4.new_markdown_cell("mine"))
    once, _ = merge_notebooks(mine, build(frozenset({"add"})))
    twice, report = merge_notebooks(once, build(frozenset({"add"})))
    assert nbformat.writes(twice) == nbformat.writes(once)
    assert not report.changed


# --- the workspace commands -----------------------------------------------------------------


def _age(path: Path) -> None:
    """Make a workspace notebook look like it came from an older build of the course."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("course", {}).get("kind") in (
            "lesson",
            "roadmap",
            "header",
        ):
            cell.source += "\n\n(older wording)"
            cell.metadata["course"]["hash"] = source_hash(cell.source)
    nbformat.write(nb, path)


def _work_in(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("MY NOTES stay here"))
    answer = next((c for c in nb.cells if c.metadata.get("course", {}).get("kind") == "answer"), None)
    if answer is not None:
        answer.source += "\n# MY ANSWER"
    nb.metadata["course"]["progress"] = {nb.metadata["course"]["section"]: nb.metadata["course"].get("items", [])[:2]}
    nbformat.write(nb, path)


def test_start_then_update_keeps_work_backs_up_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws"
    assert main(["start", str(ws), "--root", str(ROOT), "--no-open"]) == 0
    assert (ws / "course-home.ipynb").is_file() and len(list(ws.rglob("*.ipynb"))) == 102
    target = ws / "phase-01" / "1.1-python-execution-model-repl.ipynb"
    _age(target)
    _work_in(target)
    before = target.read_bytes()
    capsys.readouterr()
    assert main(["update", str(ws), "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "updated   phase-01/1.1-python-execution-model-repl.ipynb" in out and "backup: .course-backups/" in out
    nb = nbformat.read(target, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "MY NOTES stay here" in text and "# MY ANSWER" in text and "(older wording)" not in text
    assert len(nb.metadata["course"]["progress"]["1.1"]) == 2
    (backup,) = (ws / ".course-backups").rglob("1.1-*.ipynb")
    assert backup.read_bytes() == before
    assert main(["update", str(ws), "--root", str(ROOT)]) == 0
    assert "0 notebook(s) brought up to date" in capsys.readouterr().out


def test_workspace_inside_the_repository_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["start", str(ROOT / "my-work"), "--root", str(ROOT), "--no-open"]) == 1
    assert "outside the course repository" in capsys.readouterr().err


def test_a_corrupt_notebook_in_the_workspace_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws"
    assert main(["start", str(ws), "--root", str(ROOT), "--no-open"]) == 0
    broken = ws / "phase-02" / "2.1-conditional-statements.ipynb"
    broken.write_text('{"cells": [ truncated')
    assert main(["update", str(ws), "--root", str(ROOT)]) == 0
    assert broken.read_text() == '{"cells": [ truncated'
    assert "kept-unreadable phase-02/2.1-conditional-statements.ipynb" in capsys.readouterr().out


@pytest.mark.slow
def test_update_killed_at_random_points_leaves_every_notebook_valid(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert main(["start", str(ws), "--root", str(ROOT), "--no-open", "-q"]) == 0
    notebooks = sorted(ws.rglob("*.ipynb"))
    for path in notebooks:
        _age(path)
        _work_in(path)
    rng = random.Random(7)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    killed = 0
    for _ in range(8):
        for path in notebooks:  # every round starts with work to do
            _age(path)
        proc = subprocess.Popen([sys.executable, "-m", "course", "update", str(ws), "--root", str(ROOT), "-q"], env=env)
        time.sleep(rng.uniform(0.15, 0.8))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)  # raises on a half-written file
            nbformat.validate(nb)
            assert "MY NOTES stay here" in "\n".join(c.source for c in nb.cells), path
    assert killed >= 3, "the kill test must actually interrupt updates"
    assert main(["update", str(ws), "--root", str(ROOT), "-q"]) == 0
    assert all("(older wording)" not in p.read_text() for p in notebooks), "a finished update brings everything"
