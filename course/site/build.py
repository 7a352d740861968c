"""``course site``: the self-study edition, built fresh from the sources, executed and rendered as pages.

The notebooks are generated into a scratch folder (never the learner's ``notebooks/``), run there with
papermill several at a time, and each is rendered as soon as it has run. A notebook that already ran
cleanly with exactly the same inputs (in the test suite, ``course verify`` or an earlier site build: see
:mod:`course.verify.executed`) is not run again: its kept outputs are rendered. The site is assembled in a
folder beside ``out`` and moved into place at the end, so a build that fails leaves the last site as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import nbformat

from course.editions.layout import SELF_STUDY
from course.editions.pipeline import Course, Inputs, build_notebooks, data_files, load_course, serialise
from course.errors import CourseError
from course.project import Project
from course.site.execute import NotebookRun, run_notebook
from course.site.links import page_path
from course.site.lite import LITE, LiteEdition, browser_link, build_lite, lite_edition
from course.site.pages import Page, footer, header, index_page
from course.site.pyodide import PyodideCache
from course.site.render import render_page
from course.site.runlinks import binder_url, github_repo, repo_from_pyproject
from course.site.search import SearchEntry, search_entry, search_index_script
from course.verify.cache import Keys
from course.verify.execute import default_workers
from course.verify.executed import ExecutedStore
from course.verify.full import project_keys, run_key

STATIC = Path(__file__).parent / "static"
MARKER = ".course-site"
"""A file in every site we build: only a folder holding it (or an empty one) is replaced by a new build."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SiteOptions:
    out: Path
    jobs: int = 0  # notebooks run at once (0: one more than the CPUs)
    binder_repo: str | None = None  # owner/name on GitHub (default: pyproject's [project.urls])
    rerun: bool = False  # run every notebook, even one whose outputs with the same inputs are kept
    lite: bool = False  # also a JupyterLite site in <out>/lite/ (course.site.lite)


@dataclass(frozen=True)
class SiteReport:
    out: Path
    pages: tuple[Page, ...]
    failures: tuple[str, ...]  # "phase-01/1.1-x.ipynb: cell <id>: <error>"
    seconds: float
    reused: int = 0  # notebooks whose kept outputs were rendered instead of running them again
    lite: str = ""  # "N of M sections run in the browser", when built with lite


@dataclass(frozen=True)
class _Job:
    """What every page of one build shares."""

    scratch: Path  # the executed notebooks
    site: Path  # the pages
    repo: str | None  # for the Run this links
    name: str  # the course's title, in every page's header
    store: ExecutedStore  # outputs of clean runs, by run key
    keys: Keys  # for the run keys
    rerun: bool  # ignore the store (still fill it)
    lite: LiteEdition | None = None  # with --lite: each page links its notebook in the Lite site


@dataclass(frozen=True)
class _Built:
    page: Page
    entry: SearchEntry
    run: NotebookRun


def _check_out(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        msg = "is not a folder `course site` made; it would be replaced"
        raise CourseError(msg, path=out, expected="a new or empty folder, or an earlier site")


@dataclass(frozen=True)
class _Notebook:
    title: str  # the page's
    key: str  # its run's key: the same as the test suite's and ``course verify``'s for the same bytes


def _write_edition(course: Course, data_root: Path, scratch: Path, keys: Keys) -> dict[PurePosixPath, _Notebook]:
    """The self-study notebooks and their data files under ``scratch``; returns notebook → title and run key."""
    titles: dict[PurePosixPath, _Notebook] = {}
    for rel, nb in build_notebooks(course, editions=(SELF_STUDY,)).items():
        inner = PurePosixPath(*rel.parts[1:])
        (scratch / inner).parent.mkdir(parents=True, exist_ok=True)
        # compact JSON to run; the key is of the bytes ``course build`` writes to notebooks/
        (scratch / inner).write_text(json.dumps(nb), encoding="utf-8")
        meta = nb.metadata.get("course", {})
        title = f"{meta['section']} {meta['title']}" if "section" in meta else "Course home"
        titles[inner] = _Notebook(title, run_key(keys, inner.as_posix(), serialise(nb, rel)))
    for rel, data in data_files(data_root, course).items():
        if rel.parts[0] == SELF_STUDY:
            target = scratch / PurePosixPath(*rel.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return titles


def _run(job: _Job, rel: PurePosixPath, key: str) -> NotebookRun:
    """The notebook's kept outputs when it ran cleanly before with the same inputs, else a papermill run."""
    path = job.scratch / rel
    kept = None if job.rerun else job.store.get(key)
    if kept is not None:
        path.write_text(json.dumps(kept), encoding="utf-8")
        return NotebookRun(path, 0.0, reused=True)
    run = run_notebook(path)
    if run.ok:
        job.store.put(key, nbformat.read(path, as_version=4))
    return run


def _make_page(job: _Job, rel: PurePosixPath, notebook: _Notebook) -> _Built:
    """Run one notebook (or take its kept outputs), then render its page into ``site``."""
    scratch, site, repo, title = job.scratch, job.site, job.repo, notebook.title
    run = _run(job, rel, notebook.key)
    href = page_path(rel.as_posix())
    run_url = binder_url(repo, PurePosixPath(SELF_STUDY) / rel) if repo else None
    page = Page(href, title, run_url, run.failed_cell)
    nb = nbformat.read(scratch / rel, as_version=4)
    entry = search_entry(nb, href, title)
    browser = browser_link(job.lite.plan if job.lite else None, rel, page.root)
    html = render_page(
        nb,
        title=title,
        root=page.root,
        header=header(page.root, job.name, run_url, browser),
        footer=footer(run.failed_cell),
    )
    (site / href).parent.mkdir(parents=True, exist_ok=True)
    (site / href).write_text(html, encoding="utf-8")
    return _Built(page, entry, run)


def _build_pages(course: Course, data: Path, job: _Job, jobs: int, say: Progress) -> list[_Built]:
    notebooks = _write_edition(course, data, job.scratch, job.keys)
    kept = 0 if job.rerun else sum(job.store.get(n.key) is not None for n in notebooks.values())
    workers = jobs or default_workers()
    say(
        f"{len(notebooks)} notebooks: {kept} ran before with the same inputs (their outputs are kept), "
        f"{len(notebooks) - kept} to run, {workers} at a time"
    )
    built: list[_Built] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_make_page, job, rel, nb) for rel, nb in notebooks.items()]
        for done in as_completed(futures):
            result = done.result()
            built.append(result)
            status = "ok    " if result.run.ok else "FAILED"
            took = "kept outputs" if result.run.reused else f"{result.run.seconds:.1f}s"
            say(f"{status} [{len(built)}/{len(futures)}] {result.page.href} ({took})")
            if not result.run.ok:
                say(f"       cell {result.run.failed_cell}: {result.run.error}")
    return sorted(built, key=lambda b: b.page.href)


def build_site(project: Project, options: SiteOptions, progress: Progress | None = None) -> SiteReport:
    """Build the whole site into ``options.out``; a notebook that fails is reported, never fatal."""
    say = progress or (lambda _m: None)
    start = time.perf_counter()
    out = options.out.resolve()
    _check_out(out)
    repo = (
        github_repo(options.binder_repo)
        if options.binder_repo
        else repo_from_pyproject(project.root / "pyproject.toml")
    )
    inputs = Inputs(project.roadmap, project.sections, project.cache)
    course = load_course(inputs)
    roadmap = course.roadmap
    lite = lite_edition(course, inputs.data) if options.lite else None  # before any work: may say what is missing
    out.parent.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    site.chmod(0o755)  # mkdtemp's 0700 would follow the site to wherever it is published
    try:
        with tempfile.TemporaryDirectory(prefix="course-site-run-") as scratch_name:
            scratch = Path(scratch_name)
            store, keys = ExecutedStore.of(project.cache), project_keys(project)
            job = _Job(scratch, site, repo, roadmap.title, store, keys, options.rerun, lite)
            built = _build_pages(course, inputs.data, job, options.jobs, say)
        pages = {b.page.href: b.page for b in built}
        home_url = binder_url(repo, PurePosixPath(SELF_STUDY, "course-home.ipynb")) if repo else None
        (site / "index.html").write_text(index_page(roadmap, pages, home_url), encoding="utf-8")
        (site / "search-index.js").write_text(search_index_script([b.entry for b in built]), encoding="utf-8")
        for asset in sorted(STATIC.iterdir()):
            shutil.copy(asset, site / asset.name)
        if lite:
            say(f"lite: {lite.plan.sections_line()}; building the JupyterLite site")
            build_lite(lite, PyodideCache(project.cache / "lite", say=say), site / LITE, say)
        (site / MARKER).write_text("made by `course site`; a new build replaces this folder\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        site.rename(out)
    except BaseException:
        shutil.rmtree(site, ignore_errors=True)
        raise
    failures = tuple(b.run.describe(Path(scratch_name)) for b in built if not b.run.ok)
    reused = sum(b.run.reused for b in built)
    lite_line = lite.plan.sections_line() if lite else ""
    return SiteReport(out, tuple(b.page for b in built), failures, time.perf_counter() - start, reused, lite_line)
