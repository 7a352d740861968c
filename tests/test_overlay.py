"""A class's private overlay: own hidden tests, per-class variants (CLASS_SEED), points and rubrics,
merged into the class folder's source/ and release/ only, never into the public editions."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest

from course.cli import main
from course.editions.pipeline import Course
from course.errors import BuildError, ContentError
from course.overlay.build import outside
from course.overlay.load import ExercisePatch, Overlay, OverlaySection, load_overlay
from course.overlay.merge import HIDDEN_ONLY_NOTE, merge_course
from course.proof import prove_course
from tests.conftest import DATA, ROOT

SAMPLE = DATA / "overlay"
SEED = 20240917
NOTEBOOK = "1.2-variables-data-types-type-system.ipynb"


@pytest.fixture(scope="module")
def overlay_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample overlay, copied outside the repository (where a real one lives)."""
    target = tmp_path_factory.mktemp("private") / "overlay"
    shutil.copytree(SAMPLE, target)
    return target


def _fingerprint(root: Path) -> list[tuple[str, int]]:
    return sorted(
        (str(p.relative_to(root)), p.stat().st_mtime_ns)
        for e in ("notebooks", "source", "release")
        for p in (root / e).rglob("*")
        if p.is_file()
    )


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory: pytest.TempPathFactory, overlay_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("class") / "spring"
    before = _fingerprint(ROOT)
    assert main(["build", "--overlay", str(overlay_dir), "--out", str(out), "-q"]) == 0
    assert _fingerprint(ROOT) == before, "an overlay build never writes the public editions"
    return out


def _cells(path: Path) -> dict[str, nbformat.NotebookNode]:
    nb = nbformat.read(path, as_version=4)
    return {c.metadata.get("nbgrader", {}).get("grade_id", c.id): c for c in nb.cells}


# --- the class folder --------------------------------------------------------------------------


@pytest.mark.slow
def test_overlay_goes_into_the_class_source_with_the_seed(class_dir: Path) -> None:
    cells = _cells(class_dir / "source" / "phase-01" / NOTEBOOK)
    draws = cells["sum-diff-product-class-draws"]
    assert f"CLASS_SEED = {SEED}" in draws.source and draws.metadata.nbgrader["points"] == 3
    assert draws.source.startswith(HIDDEN_ONLY_NOTE), "a hidden-only test cell tells students what it is"
    assert cells["sum-diff-product-t1"].metadata.nbgrader["points"] == 2, "points changed by the overlay"
    public_t1 = _cells(ROOT / "source" / "phase-01" / NOTEBOOK)["sum-diff-product-t1"]
    assert cells["sum-diff-product-t1"].source == public_t1.source and public_t1.metadata.nbgrader["points"] == 1
    assert (
        "CLASS RUBRIC" in cells["type-inspector-cli"].source
        and cells["type-inspector-cli"].metadata.nbgrader["points"] == 4
    )
    assert "class-mean" in cells and "class-mean-t1" in cells, "an extra exercise"
    assert (class_dir / "nbgrader_config.py").read_text() == (ROOT / "nbgrader_config.py").read_text()


@pytest.mark.slow
def test_class_release_shows_none_of_the_overlays_secrets(class_dir: Path) -> None:
    released = (class_dir / "release" / "phase-01" / NOTEBOOK).read_text()
    for secret in ("CLASS_SEED", str(SEED), "CLASS RUBRIC", "draw.randint", "sum(values) / len(values)"):
        assert secret not in released, secret
    cells = _cells(class_dir / "release" / "phase-01" / NOTEBOOK)
    assert cells["sum-diff-product-class-draws"].source.strip() == HIDDEN_ONLY_NOTE
    public = "".join(p.read_text() for p in (ROOT / "notebooks").rglob("*.ipynb"))
    assert "CLASS_SEED" not in public and "CLASS RUBRIC" not in public


@pytest.mark.slow
def test_leak_check_passes_and_warns_about_the_public_hidden_tests_that_remain(
    class_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    release = class_dir / "release" / "phase-01"
    assert main(["check", "--leaks", str(release), "--source", str(class_dir / "source")]) == 0
    captured = capsys.readouterr()
    assert "nothing leaks" in captured.out
    warning = captured.err
    assert "are the public edition's" in warning and NOTEBOOK in warning
    assert "class-draws" not in warning and "class-mean" not in warning, "the overlay's own tests are private"
    assert main(["check", "--leaks", str(ROOT / "release" / "phase-01")]) == 0
    assert "keep your own in a private overlay" in capsys.readouterr().err


@pytest.mark.slow
def test_a_class_folder_releases_and_grades_with_the_overlay(
    class_dir: Path, course: Course, overlay_dir: Path
) -> None:
    """Graded in the class folder: the seeded test counts, and an answer copied from the public
    edition's test values passes every public test but loses the class's points."""
    from course.grading.classroom import grade, release
    from course.verify.roundtrip import fill_answers, solutions_by_notebook

    root = class_dir
    summary = release(root, "phase-01", exchange=False)
    assert NOTEBOOK in summary.notebooks
    merged = merge_course(course, load_overlay(overlay_dir, course.roadmap))
    solutions = solutions_by_notebook(merged)
    copied = next(
        w for w in merged.contents["1.2"].exercise("sum-diff-product").wrong if w.id == "copied-public-outputs"
    )
    for student in ("perfect", "copier"):
        folder = root / "submitted" / student / "phase-01"
        folder.mkdir(parents=True)
        for path in sorted((root / "release" / "phase-01").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            answers = dict(solutions.get(path.stem, {}))
            if student == "copier" and path.name == NOTEBOOK:
                answers["sum-diff-product"] = copied.source
            fill_answers(nb, answers)
            nbformat.write(nb, folder / path.name)
    report = grade(root, "phase-01", feedback=False, workers=1)
    by = {r.student: r for r in report.results}
    assert by["perfect"].code_score == by["perfect"].max_code_score
    lost = {
        c.grade_id: c.max_score - c.score for c in by["copier"].cells if c.score < c.max_score and not c.needs_manual
    }
    assert lost == {"sum-diff-product-class-draws": 3.0}


# --- proven both ways, for several seeds -----------------------------------------------------------


@pytest.mark.slow
def test_prove_overlay_for_several_seeds(overlay_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prove", "--overlay", str(overlay_dir), "--seeds", "4", "1.2"]) == 0
    out = capsys.readouterr().out
    assert f"seed {SEED} (the class's)" in out
    for seed in (0, 1, 2):
        assert f"seed {seed}: " in out and "0 failed" in out.split(f"seed {seed}: ")[1].split("\n")[0]


def test_the_copied_answer_passes_every_public_test(course: Course) -> None:
    """Why the class needs its own tests: the copied answer is no wrong answer for the public edition."""
    copied = load_overlay(SAMPLE, course.roadmap).sections["1.2"].patches[0].wrong[0]
    only_wrong = Overlay(
        SAMPLE,
        "",
        None,
        {"1.2": OverlaySection("1.2", SAMPLE, (), (ExercisePatch("sum-diff-product", 1, (), (copied,)),), (), ())},
    )
    merged = merge_course(course, only_wrong)
    section = merged.contents["1.2"]
    merged.contents["1.2"] = replace(section, exercises=(section.exercise("sum-diff-product"),))
    (result,) = prove_course(merged, ROOT / "content" / "data", sections=["1.2"])
    assert not result.ok and "wrong answer copied-public-outputs fails []" in result.message, "no public test fails"


@pytest.mark.slow
def test_a_hidden_test_that_holds_for_the_class_seed_only_fails_the_proof(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = tmp_path / "overlay"
    (overlay / "sections").mkdir(parents=True)
    (overlay / "course.toml").write_text(f"seed = {SEED}\n")
    import random

    lucky = random.Random(SEED).randint(0, 999)  # what the class seed draws, copied
    (overlay / "sections" / "1.2.py").write_text(
        '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}\n\n'
        '# %% course={"kind": "test", "id": "class-lucky", "points": 1}\n'
        "### BEGIN HIDDEN TESTS\nimport random\n"
        "assert sum_diff_product(1, 1) == (2, 0, 1)\n"
        f"assert random.Random(CLASS_SEED).randint(0, 999) == {lucky}\n"
        "### END HIDDEN TESTS\n"
    )
    assert main(["prove", "--overlay", str(overlay), "--seeds", "3", "1.2"]) == 1
    err = capsys.readouterr().err
    assert (
        f"FAIL seed 0: {overlay / 'sections' / '1.2.py'}:1: sum-diff-product: test class-lucky fails on the solution"
        in err
    )
    assert f"FAIL seed {SEED}" not in err


# --- bad overlays, said clearly -----------------------------------------------------------------


def _write(tmp_path: Path, text: str, toml: str = f"seed = {SEED}\n") -> Path:
    overlay = tmp_path / "overlay"
    (overlay / "sections").mkdir(parents=True, exist_ok=True)
    (overlay / "course.toml").write_text(toml)
    (overlay / "sections" / "1.2.py").write_text(text)
    return overlay


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '# %% [markdown] course={"kind": "lesson", "id": "x", "covers": []}\n# ### X\n',
            1,
            "an overlay cannot hold 'lesson' cells",
        ),
        (
            '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}\n\n'
            '# %% course={"kind": "test", "id": "c1"}\nassert CLASS_SEED > 0\n',
            4,
            "CLASS_SEED outside the hidden tests",
        ),
        (
            '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}\n',
            1,
            "adds nothing",
        ),
        (
            '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}\n\n'
            '# %% course={"kind": "test"}\n\n',
            3,
            "must name the test whose points it changes",
        ),
    ],
)
def test_bad_overlay_files_are_named_with_their_line(
    tmp_path: Path, course: Course, text: str, line: int, message: str
) -> None:
    overlay = _write(tmp_path, text)
    with pytest.raises(ContentError, match=message) as err:
        load_overlay(overlay, course.roadmap)
    assert err.value.path == overlay / "sections" / "1.2.py" and err.value.line == line


def test_extending_an_unknown_exercise_names_the_ones_there_are(tmp_path: Path, course: Course) -> None:
    overlay = _write(
        tmp_path,
        '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-prod", "extend": true}\n\n'
        '# %% course={"kind": "wrong"}\ndef sum_diff_product(a, b):\n    return 0\n',
    )
    with pytest.raises(ContentError, match=r"extends an exercise section 1\.2 does not have") as err:
        merge_course(course, load_overlay(overlay, course.roadmap))
    assert "sum-diff-product" in str(err.value.expected) and err.value.line == 1


def test_a_seed_is_needed_when_the_overlay_uses_one(tmp_path: Path, course: Course) -> None:
    overlay = _write(
        tmp_path,
        '# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}\n\n'
        '# %% course={"kind": "test", "id": "c1"}\n### BEGIN HIDDEN TESTS\nassert CLASS_SEED > 0\n### END HIDDEN TESTS\n',
        toml='name = "no seed"\n',
    )
    with pytest.raises(ContentError, match="uses CLASS_SEED, but the overlay sets no seed"):
        merge_course(course, load_overlay(overlay, course.roadmap))


def test_overlay_and_class_folder_must_be_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--overlay", str(SAMPLE), "--out", str(tmp_path / "c")]) == 1
    assert "the overlay is inside the public repository" in capsys.readouterr().err
    assert main(["build", "--overlay", str(tmp_path), "--out", str(ROOT / "classes" / "b")]) == 1
    assert "the class folder is inside the public repository" in capsys.readouterr().err
    assert main(["build", "--overlay", str(tmp_path)]) == 1
    assert "--overlay and --out go together" in capsys.readouterr().err
    with pytest.raises(BuildError):
        outside(ROOT, ROOT / "x", "overlay")
