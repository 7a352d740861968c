"""Incremental `course verify`: what passed before with the same inputs is reused, only what
changed runs again, and the cache can never turn a failure into a pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from course.cli import main
from course.project import Project
from course.verify.cache import FILE
from course.verify.full import Verification, verify_course
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
    assert any("could not be read" in m for m in messages)
    assert _ran(result) == {"proofs": 1, "mutants": 2, "notebooks": 4}


def test_all_runs_everything_again(project: Path, tmp_path: Path) -> None:
    _verify(project, tmp_path, roundtrip=False)
    again = _verify(project, tmp_path, roundtrip=False, incremental=False)
    assert _ran(again) == {"proofs": 1, "mutants": 2, "notebooks": 4}
