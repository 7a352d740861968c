"""The generated editions: valid, stable, complete, and checked against what is committed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from course.cli import main
from course.editions.layout import RELEASE, SELF_STUDY, SOURCE
from course.editions.pipeline import Inputs, load_course
from course.editions.writer import diff_files
from tests.conftest import DATA, ROOT, cut_roadmap


def _nb(data: bytes) -> nbformat.NotebookNode:
    return nbformat.reads(data.decode(), as_version=4)


def test_every_edition_has_every_section(built: dict[PurePosixPath, bytes]) -> None:
    counts = {
        e: sum(1 for p in built if p.parts[0] == e and p.suffix == ".ipynb") for e in (SELF_STUDY, SOURCE, RELEASE)
    }
    assert counts == {SELF_STUDY: 102, SOURCE: 101, RELEASE: 101}  # + the course home
    assert PurePosixPath("notebooks/course-home.ipynb") in built
    assert PurePosixPath("source/phase-23/23.1-internal-developer-platform-idp.ipynb") in built


def test_every_notebook_is_valid_for_nbformat_and_nbgrader(built: dict[PurePosixPath, bytes]) -> None:
    validator = MetadataValidator()
    for path, data in built.items():
        if path.suffix != ".ipynb":
            continue
        nb = _nb(data)
        nbformat.validate(nb)
        if path.parts[0] in (SOURCE, RELEASE):
            validator.validate_nb(nb)  # raises on a schema problem
            ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
            assert len(ids) == len(set(ids)), f"{path}: duplicate grade_id"


def test_cell_ids_are_unique_and_every_generated_cell_is_labelled(built: dict[PurePosixPath, bytes]) -> None:
    for path, data in built.items():
        if path.parts[0] == RELEASE or path.suffix != ".ipynb":
            continue
        nb = _nb(data)
        ids = [c.id for c in nb.cells]
        assert len(ids) == len(set(ids)), path
        for cell in nb.cells:
            course = cell.metadata.get("course", {})
            assert {"section", "kind", "id", "hash"} <= set(course), f"{path}: {cell.id}"


def test_committed_files_are_what_the_generator_makes(built: dict[PurePosixPath, bytes]) -> None:
    """Same input, same bytes: the build in this test equals the build committed earlier."""
    problems = diff_files(ROOT, built, (SELF_STUDY, SOURCE, RELEASE))
    assert problems == [], "run 'course build' and commit:\n" + "\n".join(problems[:20])


def test_section_notebook_has_every_part(built: dict[PurePosixPath, bytes]) -> None:
    nb = _nb(built[PurePosixPath("notebooks/phase-01/1.1-python-execution-model-repl.ipynb")])
    kinds = [c.metadata["course"]["kind"] for c in nb.cells]
    pieces = [c.metadata["course"]["id"] for c in nb.cells]
    text = "\n".join(c.source for c in nb.cells)
    assert kinds[0] == "header" and "Python Absolute Fundamentals" in nb.cells[0].source
    assert "[← 0.4 Python Installation" in nb.cells[0].source and "[Course home](../course-home.ipynb)" in text
    assert "[1.2 Variables, Data Types & Type System →](1.2-variables-data-types-type-system.ipynb)" in text
    for piece in ("why", "checklist", "concepts", "practice", "projects", "problems", "quiz", "checklist-view"):
        assert piece in pieces, piece
    assert kinds.count("lesson") >= 6 and kinds.count("demo") >= 6
    assert kinds.count("exercise") >= 4 and kinds.count("answer") == kinds.count("exercise")
    assert kinds.count("trap") == 3 and "Our answer" in text
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text


def test_section_without_content_builds_from_the_roadmap(make_project: Callable[..., Path], tmp_path: Path) -> None:
    # every part of a section that has no content file comes from the roadmap alone: the real
    # roadmap's Phase 20 up to 20.1's end (a section with all four checklist groups), no content
    text = (ROOT / "content" / "roadmap.md").read_text(encoding="utf-8")
    roadmap = tmp_path / "roadmap.md"
    title = text.splitlines()[0] + "\n\n"
    roadmap.write_text(title + text[text.index("## Phase 20:") : text.index("### 20.2 ")], encoding="utf-8")
    root = make_project(roadmap=roadmap)
    assert main(["build", "--root", str(root), "-q"]) == 0
    nb = nbformat.read(root / "notebooks" / "phase-20" / "20.1-message-queues-kafka.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    for expected in ("## Concepts", "### What to learn", "## Practical exercises", "### Project 20.1.1", "**Q:**"):
        assert expected in text, expected
    checklist = next(c for c in nb.cells if c.metadata["course"]["id"] == "checklist")
    data = json.loads(checklist.source.split("Checklist.from_json(", 1)[1].rsplit(")", 1)[0])
    assert [g["id"] for g in data["groups"]] == ["concepts", "exercises", "projects", "problems"]


def test_capstone_and_career_sections_keep_their_own_parts(built: dict[PurePosixPath, bytes]) -> None:
    capstone = "\n".join(
        c.source
        for c in _nb(built[PurePosixPath("notebooks/phase-23/23.1-internal-developer-platform-idp.ipynb")]).cells
    )
    assert "## Architecture" in capstone and "FastAPI Backend" in capstone and "## Features to Implement" in capstone
    career = "\n".join(
        c.source
        for c in _nb(built[PurePosixPath("notebooks/phase-24/24.2-system-design-interview-preparation.ipynb")]).cells
    )
    assert "## Framework" in career and "Functional requirements" in career


CAREER_CONTENT = """# %% [markdown] course={"kind": "intro"}
# Tell a story an interviewer can score.

# %% [markdown] course={"kind": "lesson", "id": "star-lesson", "covers": ["part-star"]}
# ### STAR, part by part
#
# Situation, task, action, result.

# %% course={"kind": "demo"}
print("STAR has", len("STAR"), "parts")

# %% [markdown] course={"kind": "lesson", "id": "bank-lesson", "covers": ["story-mentoring-story"]}
# ### One story, several questions

# %% course={"kind": "demo"}
print(sorted({"leadership", "failure"}))

# %% [markdown] course={"kind": "answer", "question": "bq-tell-me-about-yourself"}
# Our model answer: present, past, future.

# %% [markdown] course={"kind": "exercise", "id": "parts", "item": "story-mentoring-story"}
# ### Count the parts
#
# `parts()` returns 4.

# %% course={"kind": "solution"}
def parts():
    ### BEGIN SOLUTION
    return 4
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert parts() == 4
"""


def _phase_24(tmp_path: Path) -> Path:
    return cut_roadmap(tmp_path, "## Phase 24:", "### 24.4 ")


def test_a_career_section_places_lessons_answers_and_exercises_at_their_parts(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """Sections with no "Concepts to Learn" (phases 23-24): a lesson covers a part (``part-star``) or an item of one,
    and sits under that part; an interview question of a "Common Questions" part gets our folded answer."""
    content = tmp_path / "24.3.py"
    content.write_text(CAREER_CONTENT, encoding="utf-8")
    root = make_project(roadmap=_phase_24(tmp_path), content={"24.3.py": content})
    assert main(["build", "--root", str(root), "-q"]) == 0
    nb = nbformat.read(root / "notebooks" / "phase-24" / "24.3-behavioral-interview-preparation.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    order = [
        "## STAR Method",
        "### STAR, part by part",
        "## Common Questions",
        "**Q:** Tell me about yourself",
        "Our model answer: present, past, future.",
        "**Q:** Why this company/role?",
        "## Stories to Prepare",
        "### One story, several questions",
        "Count the parts",
    ]
    at = [text.find(piece) for piece in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))
    assert "Not written yet" not in text
    assert text.count("### STAR, part by part") == 1, "a lesson is placed once"


def test_a_career_lesson_must_name_a_part_or_item_of_its_section(
    make_project: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "24.3.py"
    content.write_text(CAREER_CONTENT.replace('"covers": ["part-star"]', '"covers": ["part-stra"]'), encoding="utf-8")
    root = make_project(roadmap=_phase_24(tmp_path), content={"24.3.py": content})
    assert main(["build", "--root", str(root), "-q"]) != 0
    err = capsys.readouterr().err
    assert "24.3.py:4:" in err and "unknown part or item 'part-stra'" in err and "part-star" in err, err


def test_course_home_lists_every_section_and_the_appendices(built: dict[PurePosixPath, bytes]) -> None:
    nb = _nb(built[PurePosixPath("notebooks/course-home.ipynb")])
    text = "\n".join(c.source for c in nb.cells)
    assert text.count("](phase-") == 101
    for title in (
        "Appendix A: Recommended Resources",
        "Appendix B: Daily Practice Schedule",
        "Appendix C: Checklist Summary",
    ):
        assert title in text
    assert nb.metadata["course"]["tracker"][0] == ["0", "Environment Setup"]


def test_build_twice_gives_the_same_bytes(make_project: Callable[..., Path]) -> None:
    root = make_project(content={"1.1.py": DATA / "content" / "good-1.1.py"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    first = {p: p.read_bytes() for p in sorted(root.rglob("*.ipynb"))}
    assert main(["build", "--root", str(root), "-q"]) == 0
    assert {p: p.read_bytes() for p in sorted(root.rglob("*.ipynb"))} == first
    assert main(["build", "--root", str(root), "--check", "-q"]) == 0


def test_check_names_the_files_that_differ(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert main(["build", "--root", str(root), "-q"]) == 0
    target = root / "source" / "phase-01" / "1.1-running-python.ipynb"
    target.write_text(target.read_text().replace("Running Python", "Running Pithon"))
    (root / "release" / "phase-00" / "stray.ipynb").write_text("{}")
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--check"]) == 1
    err = capsys.readouterr().err
    assert "source/phase-01/1.1-running-python.ipynb: differs" in err
    assert "release/phase-00/stray.ipynb: not made by the generator" in err


def test_rebuild_keeps_learner_work_in_the_self_study_folder(make_project: Callable[..., Path]) -> None:
    root = make_project(content={"1.1.py": DATA / "content" / "good-1.1.py"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    path = root / "notebooks" / "phase-01" / "1.1-running-python.ipynb"
    nb = nbformat.read(path, as_version=4)
    answer = next(c for c in nb.cells if c.metadata["course"]["kind"] == "answer")
    answer.source = "def double(x):\n    return x * 2  # mine"
    nb.cells.append(nbformat.v4.new_markdown_cell("my own notes"))
    nb.metadata["course"]["progress"] = {"1.1": ["c-the-repl"]}
    nbformat.write(nb, path)
    (root / "notebooks" / "scratch.txt").write_text("mine")
    assert main(["build", "--root", str(root), "-q"]) == 0
    again = nbformat.read(path, as_version=4)
    assert "return x * 2  # mine" in "\n".join(c.source for c in again.cells)
    assert again.cells[-1].source == "my own notes"
    assert again.metadata["course"]["progress"] == {"1.1": ["c-the-repl"]}
    assert (root / "notebooks" / "scratch.txt").read_text() == "mine"


def test_a_changed_data_file_is_replaced_quietly(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Data files are copied beside the notebooks; only notebooks go through the learner-work merge."""
    root = make_project(content={"1.1.py": DATA / "content" / "good-1.1.py"})
    helper = root / "content" / "data" / "phase-01" / "tasks.py"
    helper.parent.mkdir(parents=True)
    helper.write_text("X = 1\n")
    assert main(["build", "--root", str(root), "-q"]) == 0
    helper.write_text("X = 2\n")
    capsys.readouterr()
    assert main(["build", "--root", str(root)]) == 0
    out = capsys.readouterr()
    assert (root / "notebooks" / "phase-01" / "data" / "tasks.py").read_text() == "X = 2\n"
    assert "could not be read as a notebook" not in out.out + out.err


def _drop_section_12(root: Path) -> None:
    roadmap = root / "content" / "roadmap.md"
    text = roadmap.read_text()
    start = text.index("### 1.2 Capstone-like Section")
    roadmap.write_text(text[:start] + text[text.index("---", start) :])


def test_a_build_that_would_remove_notebooks_refuses_without_prune(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert main(["build", "--root", str(root), "-q"]) == 0
    gone = root / "notebooks" / "phase-01" / "1.2-capstone-like-section.ipynb"
    assert gone.is_file()
    _drop_section_12(root)
    before = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.suffix == ".ipynb"}
    capsys.readouterr()
    assert main(["build", "--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert "would remove" in err and "notebooks/phase-01/1.2-capstone-like-section.ipynb" in err and "--prune" in err
    after = {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.suffix == ".ipynb"}
    assert after == before, "a refused build writes nothing"
    assert main(["build", "--root", str(root), "--prune", "-q"]) == 0
    assert not gone.exists()
    assert not (root / "source" / "phase-01" / "1.2-capstone-like-section.ipynb").exists()


def test_prune_never_removes_a_notebook_that_holds_learner_work(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project()
    assert main(["build", "--root", str(root), "-q"]) == 0
    kept = root / "notebooks" / "phase-01" / "1.2-capstone-like-section.ipynb"
    nb = nbformat.read(kept, as_version=4)
    nb.metadata["course"]["progress"] = {"1.2": ["c-login"]}
    nbformat.write(nb, kept)
    _drop_section_12(root)
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--prune"]) == 0
    assert kept.is_file(), "ticked notebook kept"
    assert "holds your work" in capsys.readouterr().out
    assert nbformat.read(kept, as_version=4).metadata["course"]["progress"] == {"1.2": ["c-login"]}


def test_alembic_head_read_from_files_is_what_nbgrader_asks_alembic_for() -> None:
    """The build skips nbgrader's `alembic heads` subprocess by reading the migrations itself."""
    import os
    import subprocess
    import sys

    from course.nbgrader_env import alembic_head_from_files

    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    code = "import nbgrader.api as a; print(a.get_alembic_version())"  # a fresh, unpatched process
    asked = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert alembic_head_from_files() == asked.stdout.strip() != ""


def test_sections_not_written_yet_say_so_and_the_home_marks_them(built: dict[PurePosixPath, bytes]) -> None:
    from course.editions.section import NOT_WRITTEN

    written = {
        n
        for n, c in load_course(Inputs(ROOT / "content" / "roadmap.md", ROOT / "content" / "sections")).contents.items()
        if c.exercises
    }
    home = json.loads(built[PurePosixPath("notebooks/course-home.ipynb")])
    home_text = "\n".join("".join(c["source"]) for c in home["cells"])
    for rel, data in built.items():
        if rel.parts[0] != SELF_STUDY or rel.name == "course-home.ipynb" or rel.suffix != ".ipynb":
            continue
        nb = json.loads(data)
        number = nb["metadata"]["course"]["section"]
        text = "\n".join("".join(c["source"]) for c in nb["cells"][:4])
        assert (NOT_WRITTEN in text) is (number not in written), rel
        line = next(ln for ln in home_text.splitlines() if ln.startswith(f"- [{number} "))
        assert ("*not written yet*" in line) is (number not in written), line
    assert "Your tracker, filled in from your ticks, is the dashboard" in home_text
    assert "| ☐ |" not in home_text, "Appendix C's static boxes are replaced by the live dashboard"


def test_no_roadmap_part_takes_a_cell_id_the_section_builder_uses_itself() -> None:
    """A part drawn as it is (a capstone's or career section's) gets the cell id ``s<n>-<kind>``; a kind equal to
    one of the builder's own pieces made two cells with one id (24.2's "Practice Questions" was ``practice``, the
    id of the "Practical exercises" cell a section with exercises always gets)."""
    from course.model import Shape
    from course.roadmap.kinds import PART_KINDS

    own = {"why", "concepts", "concepts-rest", "practice", "projects", "problems", "quiz", "tasks", "checklist"}
    walked = (Shape.PROJECTS, Shape.PROBLEMS, Shape.NOTES)  # drawn by their own walkers
    drawn_as_is = {k.kind for k in PART_KINDS.values() if k.kind not in ("why", "concepts", "exercises")}
    drawn_as_is -= {k.kind for k in PART_KINDS.values() if k.shape in walked}
    assert not drawn_as_is & own
