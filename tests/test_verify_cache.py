"""Incremental `course verify`: what passed before with the same inputs is reused, only what
changed runs again, and the cache can never turn a failure into a pass."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

import course as course_package
from course.cli import main
from course.editions.pipeline import Course, Inputs, load_course
from course.project import Project
from course.site import SiteOptions, build_site
from course.verify.cache import FILE, VerifyCache
from course.verify.committed import FILE as RECORD
from course.verify.committed import code_closure, portable_environment
from course.verify.full import Verification, execute_and_remember, prove_and_remember, verify_course
from tests.conftest import DATA

pytestmark = pytest.mark.slow


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    root = make_project(content={"1.1.py": DATA / "content" / "good-1.1.py"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    return root


def _verify(root: Path, tmp: Path, **kwargs: bool) -> Verification:
    work = tmp / f"run-{len(list(tmp.glob('run-*')))}"
    work.mkdir()
    return verify_course(Project(root), work, jobs=2, **kwargs)


def _ran(result: Verification) -> dict[str, int]:
    return {step: total - reused for step, (reused, total) in result.reused.items()}


def test_a_second_run_reuses_everything_and_an_edit_reruns_only_what_it_touches(project: Path, tmp_path: Path) -> None:
    first = _verify(project, tmp_path)
    assert first.failures() == []
    assert _ran(first) == {"proofs": 1, "mutants": 2, "notebooks": 4, "roundtrip": 3}

    second = _verify(project, tmp_path)
    assert second.failures() == []
    assert _ran(second) == {"proofs": 0, "mutants": 0, "notebooks": 0, "roundtrip": 0}
    assert second.reused["notebooks"] == (4, 4)

    content = project / "content" / "sections" / "1.1.py"
    content.write_text(
        content.read_text().replace("assert double(-3) == -6", "assert double(-3) == -6\nassert double(0) == 0")
    )
    assert main(["build", "--root", str(project), "-q"]) == 0
    third = _verify(project, tmp_path)
    assert third.failures() == []
    # the section's proofs, the one exercise whose test changed, its two notebooks (self-study run,
    # instructor round trip): nothing else
    assert _ran(third) == {"proofs": 1, "mutants": 1, "notebooks": 1, "roundtrip": 1}
    assert third.mutation is not None
    assert {e.exercise for e in third.mutation.exercises} == {"double"}


def test_a_failure_is_never_remembered(project: Path, tmp_path: Path) -> None:
    content = project / "content" / "sections" / "1.1.py"
    content.write_text(content.read_text().replace("    return 2 * x\n", "    return 2 * x + (x == 7)\n"))
    first = _verify(project, tmp_path, roundtrip=False)
    assert first.failures(), "mutants such as `x == 8` survive this odd solution"
    assert "mutants:1.1:double" not in _record(project), "nor committed as verified"
    shutil.rmtree(project / ".course-cache")  # a fresh checkout: only the committed record is left
    again = _verify(project, tmp_path, roundtrip=False)
    assert again.failures() == first.failures(), "the same failures, found again: nothing failing was cached"
    assert _ran(again)["mutants"] >= 1


def test_a_damaged_cache_is_ignored(project: Path, tmp_path: Path) -> None:
    _verify(project, tmp_path, roundtrip=False)
    (project / ".course-cache" / FILE).write_text('{"format": 1, "passed": ["not", "a", "mapping"]')
    messages: list[str] = []
    work = tmp_path / "damaged"
    work.mkdir()
    result = verify_course(Project(project), work, jobs=2, roundtrip=False, progress=messages.append)
    assert any("the verification cache could not be read" in m for m in messages)
    # every unit runs again, except the mutants: the record committed with the content vouches for them
    assert _ran(result) == {"proofs": 1, "mutants": 0, "notebooks": 4}
    assert any(f"2 of them vouched for by {RECORD}" in m for m in messages), messages

    (project / "content" / RECORD).write_text('{"format": 1, "passed": ["not", "a", "mapping"]}')
    messages.clear()
    work = tmp_path / "damaged-record"
    work.mkdir()
    result = verify_course(Project(project), work, jobs=2, roundtrip=False, progress=messages.append)
    assert any(f"{RECORD}: could not be read" in m for m in messages), messages
    # the machine's cache has no mutants (the last run took them from the record and kept them there only)
    assert _ran(result)["mutants"] == 2, "nothing vouches for them: they run"
    assert len(_record(project)) == 2, "and the record is written afresh"


def _record(project: Path) -> dict[str, str]:
    return json.loads((project / "content" / RECORD).read_text())["passed"]


def test_a_fresh_checkout_takes_the_mutants_the_committed_record_vouches_for(project: Path, tmp_path: Path) -> None:
    _verify(project, tmp_path, roundtrip=False)
    assert sorted(_record(project)) == ["mutants:1.1:double", "mutants:1.1:hello"]
    before = (project / "content" / RECORD).read_bytes()
    shutil.rmtree(project / ".course-cache")  # what CI has: the repository, no cache
    fresh = _verify(project, tmp_path, roundtrip=False)
    assert _ran(fresh) == {"proofs": 1, "mutants": 0, "notebooks": 4}
    assert (project / "content" / RECORD).read_bytes() == before, "nothing to write: the file is left as it was"

    content = project / "content" / "sections" / "1.1.py"
    content.write_text(content.read_text().replace("assert double(-3) == -6", "assert double(-3) == -6\nassert 1"))
    shutil.rmtree(project / ".course-cache")
    edited = _verify(project, tmp_path, roundtrip=False)
    assert _ran(edited)["mutants"] == 1, "the exercise whose test changed: its mutants run again"
    assert _verify(project, tmp_path, roundtrip=False, incremental=False).reused["mutants"] == (0, 2), "--all"


def test_the_committed_key_holds_the_mutation_code_not_the_rest_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "course"
    shutil.copytree(Path(course_package.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    closure = {p.relative_to(package).as_posix() for p in code_closure(package)}
    assert {"proof_worker.py", "mutation/operators.py", "runtime/checks.py", "errors.py"} <= closure
    assert not {p for p in closure if p.startswith(("site/", "verify/", "grading/", "workspace/", "cli.py"))}
    before = portable_environment(package)
    (package / "site" / "pages.py").write_text("# an edit to the website's code\n", encoding="utf-8")
    (package / "cli.py").write_text("# and to the command line's\n", encoding="utf-8")
    assert portable_environment(package) == before
    worker = package / "proof_worker.py"
    worker.write_text(worker.read_text() + "\n# an edit to the code that runs mutants\n", encoding="utf-8")
    assert portable_environment(package) != before


def test_all_runs_everything_again(project: Path, tmp_path: Path) -> None:
    _verify(project, tmp_path, roundtrip=False)
    again = _verify(project, tmp_path, roundtrip=False, incremental=False)
    assert _ran(again) == {"proofs": 1, "mutants": 2, "notebooks": 4}


def _course(root: Path) -> Course:
    project = Project(root)
    return load_course(Inputs(project.roadmap, project.sections))


def _notebooks_copy(root: Path, tmp: Path) -> tuple[Path, list[Path]]:
    copy = tmp / "suite-run" / "notebooks"
    shutil.copytree(root / "notebooks", copy)
    return copy, sorted(copy.rglob("*.ipynb"))


def test_what_the_test_suite_proved_and_ran_is_not_done_again_by_verify(project: Path, tmp_path: Path) -> None:
    proofs = prove_and_remember(Project(project), _course(project))
    assert proofs and all(p.ok for p in proofs)
    copy, paths = _notebooks_copy(project, tmp_path)
    runs = execute_and_remember(Project(project), copy, paths)
    assert len(runs) == 4 and all(r.ok for r in runs)

    result = _verify(project, tmp_path)
    assert result.failures() == []
    # mutants and the nbgrader round trip are verify's own work; proofs and runs were the suite's
    assert _ran(result) == {"proofs": 0, "mutants": 2, "notebooks": 0, "roundtrip": 3}

    # and `course site` shows the outputs of the suite's runs instead of running the notebooks a third time
    site = build_site(Project(project), SiteOptions(tmp_path / "site", jobs=2))
    assert (site.reused, site.failures) == (4, ())
    assert "<pre>42" in next((tmp_path / "site").rglob("1.1-*.html")).read_text(), "the suite's demo output"


def test_what_the_test_suite_saw_fail_is_done_again_by_verify(project: Path, tmp_path: Path) -> None:
    content = project / "content" / "sections" / "1.1.py"
    content.write_text(content.read_text().replace("assert double(-3) == -6", "assert double(-3) == 6"))
    assert main(["build", "--root", str(project), "-q"]) == 0
    proofs = prove_and_remember(Project(project), _course(project))
    assert not all(p.ok for p in proofs)
    (notebook,) = (project / "notebooks").rglob("1.1-*.ipynb")
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("broken on purpose")'))
    nbformat.write(nb, notebook)
    copy, paths = _notebooks_copy(project, tmp_path)
    runs = execute_and_remember(Project(project), copy, paths)
    assert [r.path.name for r in runs if not r.ok] == [notebook.name]

    result = _verify(project, tmp_path, roundtrip=False)
    assert _ran(result)["proofs"] == 1
    assert _ran(result)["notebooks"] == sum(not r.ok for r in runs)
    assert result.failures()


def test_two_writers_at_once_keep_both_their_results(tmp_path: Path) -> None:
    """pytest -n 2 records proofs in one worker and notebook runs in the other."""
    first, second = VerifyCache.load(tmp_path), VerifyCache.load(tmp_path)
    first.record("proofs:1.1", "k1", True)
    second.record("run:phase-01/1.1.ipynb", "k2", True)
    first.save()
    second.save()
    merged = VerifyCache.load(tmp_path)
    assert merged.passed == {"proofs:1.1": "k1", "run:phase-01/1.1.ipynb": "k2"}
    third = VerifyCache.load(tmp_path)
    third.record("proofs:1.1", "k1", False)
    third.save()
    assert VerifyCache.load(tmp_path).passed == {"run:phase-01/1.1.ipynb": "k2"}, "a failure removes the unit"
