"""Broken roadmaps and content files stop the build with file:line, and write nothing."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from course.cli import main
from course.content.load import load_section_content
from course.errors import ContentError, RoadmapError
from course.roadmap.parse import load_roadmap
from tests.conftest import DATA

ROADMAPS = DATA / "roadmaps"
CONTENT = DATA / "content"

BAD_ROADMAPS = [
    (
        "bad-unknown-heading.md",
        r"bad-unknown-heading\.md:78: unknown heading kind '#### Practical Exercize' \(did you mean 'Practical Exercises'\?\)",
    ),
    ("bad-duplicate-section.md", r":\d+: duplicate section number 1\.1 \(first at line \d+\)"),
    ("bad-section-outside-phase.md", r":\d+: section '### 0\.9 Stray Section' is outside a phase"),
    ("bad-section-wrong-phase.md", r":\d+: section 2\.2 is outside its phase \(it sits in Phase 1\)"),
    ("bad-checklist-without-box.md", r":\d+: list item 'Scripts' under '#### Concepts to Learn' has no checkbox"),
    ("bad-unknown-chapter.md", r":\d+: unknown chapter heading '## Epilogue' \(expected '## Phase N: Title'"),
    ("bad-problem-columns.md", r":\d+: problem table has columns Problem \| Site \(expected Problem \| Platform"),
    ("bad-unclosed-fence.md", r"bad-unclosed-fence\.md:101: code fence '```' is never closed"),
    (
        "bad-contents-lists-missing-phase.md",
        r":11: the table of contents lists Phase 2: More, but the roadmap has no such chapter",
    ),
    ("bad-phase-missing-from-contents.md", r":\d+: phase 1 is not in the table of contents"),
]

BAD_CONTENT = [
    (
        "bad-unclosed-solution.py",
        "1.1.py",
        r"1\.1\.py:\d+: unclosed '### BEGIN SOLUTION' marker \(expected a matching '### END SOLUTION'\)",
    ),
    ("bad-nested-solution.py", "1.1.py", r"1\.1\.py:\d+: nested '### BEGIN SOLUTION' marker"),
    ("bad-exercise-without-tests.py", "1.1.py", r"1\.1\.py:\d+: exercise 'hello' has no tests"),
    ("bad-duplicate-id.py", "1.1.py", r"1\.1\.py:\d+: duplicate id 'double' \(first at line \d+\)"),
    ("bad-unknown-kind.py", "1.1.py", r"1\.1\.py:\d+: unknown cell kind 'hints' \(did you mean 'hint'\?\)"),
    (
        "bad-unknown-item.py",
        "1.1.py",
        r"1\.1\.py:\d+: unknown checklist item 'x-start-the-rpl' in section 1\.1 \(did you mean 'x-start-the-repl'\?\)",
    ),
    ("bad-hidden-in-solution.py", "1.1.py", r"1\.1\.py:\d+: hidden marker inside a 'solution' cell"),
    ("bad-unclosed-hidden.py", "1.1.py", r"1\.1\.py:\d+: unclosed '### BEGIN HIDDEN TESTS' marker"),
    (
        "bad-setup-shadowed.py",
        "1.1.py",
        r"1\.1\.py:15: this demo cell rebinds 'change' \(for\), which the setup cell at line 4 defines \(def\)",
    ),
    ("good-1.1.py", "9.9.py", r"9\.9\.py:1: content file for section 9\.9, which is not in the roadmap"),
]


@pytest.mark.parametrize(("name", "pattern"), BAD_ROADMAPS)
def test_bad_roadmap_raises_with_file_and_line(name: str, pattern: str) -> None:
    with pytest.raises(RoadmapError, match=pattern):
        load_roadmap(ROADMAPS / name)


@pytest.mark.parametrize(("fixture", "target", "pattern"), BAD_CONTENT)
def test_bad_content_raises_with_file_and_line(fixture: str, target: str, pattern: str, tmp_path: Path) -> None:
    roadmap = load_roadmap(ROADMAPS / "small.md")
    path = tmp_path / target
    shutil.copy(CONTENT / fixture, path)
    with pytest.raises(ContentError, match=pattern):
        load_section_content(path, roadmap)


def test_error_line_points_at_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "1.1.py"
    shutil.copy(CONTENT / "bad-nested-solution.py", path)
    lines = path.read_text().splitlines()
    with pytest.raises(ContentError) as info:
        load_section_content(path, load_roadmap(ROADMAPS / "small.md"))
    assert info.value.line is not None
    assert "BEGIN SOLUTION" in lines[info.value.line - 1]


def _snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.parts[-2:] != ("content", "roadmap.md")
    }


def test_non_utf8_roadmap_names_the_line_and_byte(tmp_path: Path) -> None:
    text = (ROADMAPS / "small.md").read_bytes()
    lines = text.split(b"\n")
    n = lines.index(b"- [ ] Paths and folders")
    lines[n] = b"- [ ] Caf\xe9 paths"  # latin-1 'é' at column 10
    path = tmp_path / "latin1.md"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(RoadmapError, match=rf"latin1\.md:{n + 1}: not UTF-8 text: byte 0xe9 at column 10"):
        load_roadmap(path)


@pytest.mark.parametrize(("name", "pattern"), [*BAD_ROADMAPS[:3], BAD_ROADMAPS[-3]])
def test_cli_reports_bad_roadmap_and_keeps_existing_files(
    name: str, pattern: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(content={"1.1.py": CONTENT / "good-1.1.py"})
    assert main(["build", "--root", str(root), "-q"]) == 0
    before = _snapshot(root)
    assert any(k.startswith("release/phase-01/") for k in before)
    capsys.readouterr()
    assert main(["build", "--root", str(root), "--roadmap", str(ROADMAPS / name), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("course build: error: ")
    assert re.search(pattern, err), err
    assert _snapshot(root) == before, "a failed build must not touch what was written"


@pytest.mark.parametrize(("fixture", "target", "pattern"), BAD_CONTENT[:4] + BAD_CONTENT[-1:])
def test_cli_reports_bad_content_with_exit_status_1(
    fixture: str, target: str, pattern: str, make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(content={target: CONTENT / fixture})
    assert main(["build", "--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert re.search(pattern, err), err
    assert not (root / "notebooks").exists(), "nothing may be written"


def test_non_utf8_content_file_names_the_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "1.1.py"
    lines = (CONTENT / "good-1.1.py").read_bytes().split(b"\n")
    lines[2] = b"# caf\xe9"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(ContentError, match=r"1\.1\.py:3: not UTF-8 text: byte 0xe9 at column 6"):
        load_section_content(path, load_roadmap(ROADMAPS / "small.md"))
