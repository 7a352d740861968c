"""Capstone milestones whose answers are module files (``course.runtime.capstone``, docs/content-format.md):
the learner's repository is made without overwriting anything, a cell is its module, proofs and mutants run with
the other milestones' reference files in place, and a real kernel and nbgrader treat the cell as the answer."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course.cli import main
from course.content.load import load_section_content
from course.editions.pipeline import Inputs, load_course
from course.errors import ContentError, CourseError
from course.model import Roadmap
from course.mutation.check import check_course
from course.proof import prove_course
from course.roadmap.parse import load_roadmap
from course.runtime import capstone
from course.verify.roundtrip import roundtrip_all, solutions_by_notebook
from tests.conftest import DATA, ROOT, cut_roadmap

FIXTURE = DATA / "capstone"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A notebook's folder with the given files of a capstone in ``data/23.1-demo``; sys.path put back after."""
    shutil.copytree(FIXTURE / "data" / "phase-23", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    path = list(sys.path)
    yield tmp_path
    sys.path[:] = path
    capstone.forget("demo")


# --- the runtime: the learner's repository -------------------------------------------------


def test_workspace_copies_the_given_files_but_never_over_a_learners_file(here: Path) -> None:
    (here / "23.1-demo" / "demo").mkdir(parents=True)
    (here / "23.1-demo" / "demo" / "__init__.py").write_text("MINE = 1\n")
    repo = capstone.workspace("23.1-demo")
    assert repo.root == (here / "23.1-demo").resolve()
    assert (here / "23.1-demo" / "demo" / "__init__.py").read_text() == "MINE = 1\n", "a learner's file was replaced"
    assert repo.files() == ["demo/__init__.py", "pyproject.toml"]
    assert sys.path[0] == str(repo.root)
    assert repo.load("demo").MINE == 1


def test_workspace_without_its_given_files_says_what_is_missing(here: Path) -> None:
    with pytest.raises(CourseError, match=r"data/23\.9-nothing.*rebuild or update the course"):
        capstone.workspace("23.9-nothing")


def test_a_cell_writes_its_module_and_keeps_what_was_edited_outside_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = capstone.workspace("23.1-demo")
    target = capstone.write_module("23.1-demo/demo/catalog.py", "VALUE = 1\n")
    assert target.read_text() == "VALUE = 1\n" and repo.load("demo.catalog").VALUE == 1
    # the cell again, changed: no backup (the file is what the cell wrote last)
    capstone.write_module("23.1-demo/demo/catalog.py", "VALUE = 2\n")
    assert repo.load("demo.catalog").VALUE == 2 and not list(target.parent.glob("*.edited-*"))
    assert capsys.readouterr().out == ""
    # the learner edits the file in the editor, then runs the cell: the edit is kept, the cell wins
    target.write_text("VALUE = 'mine'\n")
    capstone.write_module("23.1-demo/demo/catalog.py", "VALUE = 3\n")
    assert (target.parent / "catalog.py.edited-1").read_text() == "VALUE = 'mine'\n"
    assert repo.load("demo.catalog").VALUE == 3
    assert "catalog.py.edited-1" in capsys.readouterr().out
    # a damaged record is read as empty: the safe side (a backup), never an error
    (repo.root / ".course" / "written.json").write_text("{not json")
    target.write_text("VALUE = 'again'\n")
    capstone.write_module("23.1-demo/demo/catalog.py", "VALUE = 4\n")
    assert (target.parent / "catalog.py.edited-2").read_text() == "VALUE = 'again'\n"


def test_a_module_with_a_syntax_error_names_its_file_and_line(here: Path) -> None:
    capstone.workspace("23.1-demo")
    with pytest.raises(SyntaxError) as caught:
        capstone.write_module("23.1-demo/demo/broken.py", "x = 1\ndef f(:\n")
    assert caught.value.filename.endswith("23.1-demo/demo/broken.py") and caught.value.lineno == 2


@pytest.mark.parametrize("path", ["/abs/demo/x.py", "23.1-demo/x.py", "23.1-demo/../demo/x.py", "23.1-demo/demo/x.txt"])
def test_only_module_paths_inside_a_repository_are_milestone_files(path: str) -> None:
    with pytest.raises(CourseError, match="not a milestone file"):
        capstone.split_path(path)


# --- the content: loading, proofs, mutants -------------------------------------------------


def _roadmap(tmp_path: Path) -> Path:
    """The course's roadmap cut down to phase 23."""
    return cut_roadmap(tmp_path, "## Phase 23:", "## Phase 24:")


@pytest.fixture
def project(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    root = make_project(roadmap=_roadmap(tmp_path), content={"23.1.py": FIXTURE / "23.1.py"})
    shutil.copytree(FIXTURE / "data", root / "content" / "data")
    (root / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    return root


def _load(tmp_path: Path, text: str) -> Roadmap:
    roadmap = load_roadmap(_roadmap(tmp_path))
    path = tmp_path / "23.1.py"
    path.write_text(text, encoding="utf-8")
    load_section_content(path, roadmap)
    return roadmap


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('"file": "23.1-demo/demo/api.py"', '"file": "23.1-demo/api.py"', "not a milestone file"),
        (
            '"file": "23.1-demo/demo/api.py"',
            '"file": "23.2-demo/demo/api.py"',
            "not in a folder named after section 23.1",
        ),
        ('"file": "23.1-demo/demo/api.py"', '"file": "23.1-demo/demo/catalog.py"', "already the answer of another"),
    ],
)
def test_a_bad_milestone_file_is_refused_naming_the_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = (FIXTURE / "23.1.py").read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(ContentError) as caught:
        _load(tmp_path, text.replace(old, new))
    assert f"23.1.py:{line}:" in str(caught.value) and expected in str(caught.value), str(caught.value)


def test_milestones_are_proven_with_the_other_milestones_reference_files(project: Path) -> None:
    course = load_course(Inputs(project / "content" / "roadmap.md", project / "content" / "sections"))
    results = {r.exercise: r for r in prove_course(course, project / "content" / "data")}
    assert all(r.ok for r in results.values()), [r.message for r in results.values()]
    # the end-to-end milestone imports the catalogue: without the reference file of milestone 1 it could not pass
    text = (project / "content" / "sections" / "23.1.py").read_text()
    (project / "content" / "sections" / "23.1.py").write_text(text.replace("return sorted(catalog)", "return []"))
    course = load_course(Inputs(project / "content" / "roadmap.md", project / "content" / "sections"))
    results = {r.exercise: r for r in prove_course(course, project / "content" / "data")}
    assert not results["api"].ok and "fails on the solution" in results["api"].message


def test_mutants_of_a_milestone_module_are_run_as_that_module(project: Path) -> None:
    course = load_course(Inputs(project / "content" / "roadmap.md", project / "content" / "sections"))
    report = check_course(course, project / "content" / "data", jobs=1)
    (catalog,) = [e for e in report.exercises if e.exercise == "catalog"]
    after = {r.mutant.after: r for r in catalog.results}
    assert after["return catalog"].status == "killed" and after["return catalog"].killed_by.startswith("t1:")
    assert report.ok, report.failures()


# --- the editions in a real kernel and in nbgrader --------------------------------------------


def _notebook(folder: Path) -> Path:
    (path,) = folder.glob("23.1-*.ipynb")
    return path


def test_the_notebook_cell_is_the_module_in_a_real_kernel(project: Path, tmp_path: Path) -> None:
    assert main(["build", "--root", str(project), "-q"]) == 0
    work = tmp_path / "learner"
    shutil.copytree(project / "notebooks" / "phase-23", work)
    path = _notebook(work)
    nb = nbformat.read(path, as_version=4)
    answers = [c for c in nb.cells if c.metadata.get("course", {}).get("kind") == "answer"]
    assert answers[0].source.startswith("%%repo_file 23.1-demo/demo/catalog.py\n")
    assert "raise NotImplementedError()" in answers[0].source
    # the learner solves milestone 1 in the cell, and also scribbled in the file of milestone 2 beforehand
    answers[0].source = answers[0].source.replace(
        "    # YOUR CODE HERE\n    raise NotImplementedError()", "    catalog.add(name)\n    return sorted(catalog)"
    )
    (work / "23.1-demo" / "demo").mkdir(parents=True)
    (work / "23.1-demo" / "demo" / "api.py").write_text("# my notes\n")
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    texts = {c.metadata["course"]["id"]: "".join(o.get("text", "") for o in c.get("outputs", [])) for c in nb.cells}
    passed = [k for k, v in texts.items() if "passed" in v.lower() and k.endswith("-t1")]
    failed = [k for k, v in texts.items() if "fail" in v.lower() or "notimplemented" in v.lower()]
    assert any("catalog" in k for k in passed), texts
    assert any("api" in k for k in failed), texts
    assert (work / "23.1-demo" / "demo" / "catalog.py").read_text().count("return sorted(catalog)") == 1
    assert (work / "23.1-demo" / "demo" / "api.py.edited-1").read_text() == "# my notes\n"
    assert json.loads((work / "23.1-demo" / ".course" / "written.json").read_text()).keys() == {
        "demo/catalog.py",
        "demo/api.py",
    }


@pytest.mark.slow
def test_the_classroom_round_trip_grades_milestones(project: Path) -> None:
    assert main(["build", "--root", str(project), "-q"]) == 0
    course = load_course(Inputs(project / "content" / "roadmap.md", project / "content" / "sections"))
    source = project / "source"
    release = project / "release" / "phase-23"
    answer = next(
        c
        for c in nbformat.read(_notebook(release), as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("solution")
    )
    assert answer.source.startswith("%%repo_file ") and "return sorted(catalog)" not in answer.source
    config = (ROOT / "nbgrader_config.py").read_text()
    (trip,) = roundtrip_all(source, solutions_by_notebook(course), workers=1, config=config, untouched=True)
    assert trip.problems == () and trip.perfect == trip.max_points == 3 and trip.untouched == 0
