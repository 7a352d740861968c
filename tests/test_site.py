"""``course site``: the self-study edition of a small project as a static website.

One build of a small project (sections 0.1 with a demo that fails, 1.1 with lessons, exercises and
a quiz) is shared by the module; each test checks one property of the result.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from course.cli import main
from course.errors import CourseError
from course.project import find_project
from course.site import SiteOptions, SiteReport, build_site
from course.site.links import rewrite_notebook_links
from course.site.runlinks import binder_url, github_repo
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.slow


def make_site_project(root: Path) -> Path:
    """The small roadmap, good content for 1.1 and a failing demo in 0.1."""
    (root / "content" / "sections").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(DATA / "roadmaps" / "small.md", root / "content" / "roadmap.md")
    shutil.copy(DATA / "content" / "good-1.1.py", root / "content" / "sections" / "1.1.py")
    shutil.copy(DATA / "site" / "failing-0.1.py", root / "content" / "sections" / "0.1.py")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteReport:
    root = make_site_project(tmp_path_factory.mktemp("site-project"))
    return build_site(find_project(root), SiteOptions(root / "site", jobs=3))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_section_and_the_home_have_a_page(site: SiteReport) -> None:
    pages = sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html"))
    assert pages == [
        "course-home.html",
        "index.html",
        "phase-00/0.1-shell-basics.html",
        "phase-01/1.1-running-python.html",
        "phase-01/1.2-capstone-like-section.html",
    ]


def test_index_lists_sections_by_phase(site: SiteReport) -> None:
    html = (site.out / "index.html").read_text()
    assert "Phase 0: Setup" in html
    assert html.index("Phase 0: Setup") < html.index("0.1 Shell Basics") < html.index("Phase 1: Basics")
    assert 'href="phase-01/1.1-running-python.html"' in html


def test_demo_output_comes_from_the_build(site: SiteReport) -> None:
    html = (site.out / "phase-01" / "1.1-running-python.html").read_text()
    # the committed notebooks carry no outputs: 42 was printed by the kernel the site build started
    assert re.search(r'class="[^"]*jp-OutputArea-output[^"]*"[^>]*>\s*<pre>42\s*</pre>', html), "demo output missing"


def test_exercises_keep_hints_and_solutions_folded(site: SiteReport) -> None:
    html = (site.out / "phase-01" / "1.1-running-python.html").read_text()
    assert "<details><summary>Hint 1</summary>" in html
    assert "<details><summary>Show a solution</summary>" in html
    assert "<details><summary>Our answer</summary>" in html


def test_no_classroom_solutions_or_hidden_test_markers(site: SiteReport) -> None:
    for page in site.out.rglob("*.html"):
        text = page.read_text()
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "nbgrader"):
            assert marker not in text, f"{marker} in {page}"


def test_code_is_highlighted_and_tables_are_tables(site: SiteReport) -> None:
    html = (site.out / "phase-01" / "1.1-running-python.html").read_text()
    assert '<div class="highlight' in html
    assert '<span class="nb">print</span>' in html
    assert "<table>" in (site.out / "course-home.html").read_text()


def test_math_is_mathml_made_at_build_time(site: SiteReport) -> None:
    html = (site.out / "phase-00" / "0.1-shell-basics.html").read_text()
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><mi>π</mi>' in html
    assert 'display="block"><mrow><mfrac>' in html
    assert "$\\pi" not in html


def test_nothing_comes_from_a_cdn(site: SiteReport) -> None:
    for page in site.out.rglob("*.html"):
        for href in _parse(page).hrefs:
            if href.startswith(("http:", "https:", "//")):
                assert href.startswith("https://mybinder.org/"), f"{page.name}: {href}"
        text = page.read_text()
        assert '<script src="http' not in text
        assert "widget-state+json" not in text, "widget state would load the widget manager from a CDN"


def test_internal_links_all_resolve(site: SiteReport) -> None:
    checked = 0
    for page in site.out.rglob("*.html"):
        for href in _parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            assert not parts.path.endswith(".ipynb"), f"{page.name}: link to a notebook: {href}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site.out)}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in _parse(target).ids, f"{page.name}: no anchor {href}"
            checked += 1
    assert checked > 20


def test_run_this_links_open_the_notebook_on_binder(site: SiteReport) -> None:
    html = (site.out / "phase-01" / "1.1-running-python.html").read_text()
    url = binder_url(
        "python-roadmap/python-roadmap-course", PurePosixPath("notebooks/phase-01/1.1-running-python.ipynb")
    )
    assert url.replace("&", "&amp;") in html or url in html
    assert "lab%2Ftree%2Fnotebooks%2Fphase-01%2F1.1-running-python.ipynb" in url


def test_search_index_covers_every_page(site: SiteReport) -> None:
    script = (site.out / "search-index.js").read_text()
    entries = json.loads(script.removeprefix("window.COURSE_SEARCH_INDEX = ").rstrip().rstrip(";"))
    assert {e["href"] for e in entries} == {p.href for p in site.pages}
    repl = next(e for e in entries if e["href"] == "phase-01/1.1-running-python.html")
    assert "The REPL" in repl["headings"]
    for page in site.out.rglob("*.html"):
        assert "search.js" in page.read_text()


def test_checklist_widget_is_a_static_list(site: SiteReport) -> None:
    html = (site.out / "phase-01" / "1.1-running-python.html").read_text()
    assert "Checklist for this section" in html
    assert "application/vnd.jupyter.widget-view+json" not in html


def test_a_failing_notebook_is_reported_with_its_cell_and_the_rest_is_built(site: SiteReport) -> None:
    assert len(site.failures) == 1
    failure = site.failures[0]
    assert failure.startswith("phase-00/0.1-shell-basics.ipynb: cell ")
    assert "RuntimeError: this demo fails on purpose" in failure
    page = (site.out / "phase-00" / "0.1-shell-basics.html").read_text()
    assert "stopped at cell" in page
    assert "papermill-error-cell-tag" not in page


def _demo_output(site: Path, value: int) -> bool:
    html = (site / "phase-01" / "1.1-running-python.html").read_text()
    return bool(re.search(rf'class="[^"]*jp-OutputArea-output[^"]*"[^>]*>\s*<pre>{value}\s*</pre>', html))


def _kept(root: Path) -> dict[str, Path]:
    """The executed copies an earlier build kept, by section ("home" for the course home)."""
    out = {}
    for path in (root / ".course-cache" / "executed").glob("*.ipynb"):
        out[json.loads(path.read_text())["metadata"]["course"].get("section", "home")] = path
    return out


def test_a_second_build_shows_kept_outputs_of_clean_runs_and_runs_the_failing_one_again(site: SiteReport) -> None:
    root = site.out.parent
    assert sorted(_kept(root)) == ["1.1", "1.2", "home"], "the clean runs are kept, the failing 0.1 is not"
    lines: list[str] = []
    again = build_site(find_project(root), SiteOptions(root / "site-again", jobs=3), progress=lines.append)
    assert again.reused == 3
    assert len(again.failures) == 1 and "0.1-shell-basics" in again.failures[0], "a failure is never kept"
    assert _demo_output(again.out, 42), "the kept outputs are on the page"
    assert any("1.1-running-python.html (kept outputs)" in line for line in lines)
    assert any(re.search(r"FAILED .*0\.1-shell-basics\.html \(\d+\.\ds\)", line) for line in lines), lines

    everything = build_site(find_project(root), SiteOptions(root / "site-all", jobs=3, rerun=True))
    assert everything.reused == 0 and _demo_output(everything.out, 42)


def test_a_changed_notebook_or_a_damaged_copy_runs_again(site: SiteReport, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(site.out.parent, root, ignore=shutil.ignore_patterns("site*"))
    lesson = root / "content" / "sections" / "1.1.py"
    lesson.write_text(lesson.read_text().replace("print(6 * 7)", "print(6 * 8)"))
    _kept(root)["1.2"].write_text('{"cells": [')  # a damaged copy reads as missing
    lines: list[str] = []
    again = build_site(find_project(root), SiteOptions(root / "site", jobs=3), progress=lines.append)
    assert _demo_output(again.out, 48), "the edited demo ran: its new output is on the page"
    ran = {line.split()[-2] for line in lines if line.startswith("ok") and "kept outputs" not in line}
    assert {"phase-01/1.1-running-python.html", "phase-01/1.2-capstone-like-section.html"} <= ran, lines
    assert not again.failures[1:], again.failures


def test_links_to_notebooks_become_links_to_pages() -> None:
    html = '<a href="../phase-01/1.1-x.ipynb#Ex">a</a> <a href="https://h.org/n.ipynb">b</a>'
    assert (
        rewrite_notebook_links(html)
        == '<a href="../phase-01/1.1-x.html#Ex">a</a> <a href="https://h.org/n.ipynb">b</a>'
    )


def test_binder_repo_must_be_a_github_repository() -> None:
    assert github_repo("https://github.com/o/r.git") == "o/r"
    with pytest.raises(CourseError, match="not a GitHub repository"):
        github_repo("https://gitlab.com/o/r/x")


def test_site_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site_project(tmp_path / "p")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("precious")
    assert main(["site", "--root", str(root), "--out", str(tmp_path / "mine"), "-q"]) == 1
    assert "is not a folder `course site` made" in capsys.readouterr().err
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "precious"


def test_a_bad_binder_repo_is_one_line_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_site_project(tmp_path / "p")
    assert main(["site", "--root", str(root), "--out", str(tmp_path / "s"), "--binder-repo", "not a repo"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("course site: error: not a GitHub repository: 'not a repo'")
    assert not (tmp_path / "s").exists()
