"""The Lite site in headless Chromium, served from a local folder: a section's notebook opens in
JupyterLite, its first cell (the checklist) runs in Pyodide, an exercise's tests pass on a correct
answer (the item ticks, into the notebook's metadata, saved in the browser) and fail on a wrong one,
the tick is still there after a reload, and no request leaves the local server.

Run All in Lite stopped at the first cell that raised, even one tagged ``raises-exception`` (a trap demo,
which JupyterLab with ipykernel runs past): with jupyterlite-pyodide-kernel 0.8.6 the cells after it stayed
unrun. The real sections are therefore run cell after cell, as a learner presses Shift-Enter.

The Pyodide download is cached in the repository's ``.course-cache/lite`` (shared by every test run),
so only the first run on a machine needs the registries."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course.project import find_project
from course.site import SiteOptions, build_site
from course.site.serve import site_server
from tests.browser.conftest import KERNEL_IDLE, new_page
from tests.conftest import ROOT
from tests.test_site import make_site_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "phase-01/1.1-running-python.ipynb"
ITEM = "x-start-the-repl"  # the checklist item exercise "double" ticks


@pytest.fixture(scope="module")
def lite_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``course site --lite`` of the small project, served on a free port; yields the origin."""
    tmp = tmp_path_factory.mktemp("lite")
    root = make_site_project(tmp / "project")
    shared = ROOT / ".course-cache" / "lite"
    shared.mkdir(parents=True, exist_ok=True)
    (root / ".course-cache").mkdir()
    (root / ".course-cache" / "lite").symlink_to(shared)
    out = tmp / "site"
    report = build_site(find_project(root), SiteOptions(out, jobs=2, lite=True))
    assert report.lite == "3 of 3 sections run in the browser"
    yield from _serve_lite(out / "lite", out)


def _serve_lite(lite: Path, folder: Path) -> Iterator[str]:
    """Serve ``folder`` (holding the Lite site ``lite``) on a free port; yields the origin.

    The only change to the built site: the test may reach JupyterLite's app object (window.jupyterapp)."""
    config = lite / "jupyter-lite.json"
    data = json.loads(config.read_text())
    data["jupyter-config-data"]["exposeAppInBrowser"] = "true"
    config.write_text(json.dumps(data))
    server = site_server(folder, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


RUN_CELLS = """async ([ids, answer, last, expect]) => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget.content;
  const find = (id) => nb.widgets.findIndex(c => c.model.id === id);
  if (answer !== null) nb.widgets[find(ids[0])].model.sharedModel.setSource(answer);
  for (const id of ids) {
    nb.activeCellIndex = find(id);
    await app.commands.execute('notebook:run-cell');
  }
  for (let i = 0; i < 1800; i++) {
    const out = nb.widgets[find(last)].node.innerText;
    if (out.includes(expect)) return out;
    await new Promise(r => setTimeout(r, 100));
  }
  return nb.widgets[find(last)].node.innerText;
}"""

SAVED_PROGRESS = """async (path) => {
  const app = window.jupyterapp;
  const w = app.shell.currentWidget;
  for (let i = 0; i < 600 && w.context.model.dirty; i++) await new Promise(r => setTimeout(r, 100));
  const saved = await app.serviceManager.contents.get(path, {content: true});
  const course = saved.content.metadata.course || {};
  return {dirty: w.context.model.dirty, progress: (course.progress || {})['1.1'] || null};
}"""


def _open(page: Any, origin: str) -> float:
    """From the section's page, follow "Run in the browser" and wait for the notebook's Pyodide kernel;
    returns the seconds from the click."""
    page.goto(f"{origin}/phase-01/1.1-running-python.html")
    start = time.monotonic()
    page.get_by_role("link", name="Run in the browser").click()
    page.wait_for_url(f"{origin}/lite/notebooks/index.html?path={NOTEBOOK}")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    assert page.evaluate(KERNEL_IDLE, 1800), "the Pyodide kernel did not become idle"  # 180 s: Pyodide starts slowly
    return time.monotonic() - start


def test_a_lite_notebook_runs_its_exercise_ticks_and_keeps_the_tick(browser: Any, lite_site: str) -> None:
    page = new_page(browser)
    requests: list[str] = []
    page.context.on("request", lambda req: requests.append(req.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    opened = _open(page, lite_site)
    start = time.monotonic()
    first = page.evaluate(RUN_CELLS, [["s1-1-checklist"], None, "s1-1-checklist", "Concepts"])
    print(f"\nlite: notebook open and kernel idle in {opened:.1f}s; first cell ran in {time.monotonic() - start:.1f}s")
    assert "Error" not in first, first
    page.wait_for_selector(".course-checklist[data-backend='labextension']", timeout=60_000)

    right = "def double(x):\n    return 2 * x"
    out = page.evaluate(RUN_CELLS, [["s1-1-double-answer", "s1-1-double-t1"], right, "s1-1-double-t1", "complete"])
    assert "✓ t1 passed" in out and "complete" in out, out
    item = page.locator(f".course-checklist input[data-item='{ITEM}']").first
    page.wait_for_function(
        "(item) => [...document.querySelectorAll(`.course-checklist input[data-item='${item}']`)].some(e => e.checked)",
        arg=ITEM,
        timeout=60_000,
    )
    saved = page.evaluate(SAVED_PROGRESS, NOTEBOOK)
    assert saved == {"dirty": False, "progress": [ITEM]}, saved

    wrong = "def double(x):\n    return x + 2"
    out = page.evaluate(RUN_CELLS, [["s1-1-double-answer", "s1-1-double-t1"], wrong, "s1-1-double-t1", "failed"])
    assert "✗ t1 failed" in out, out

    page.reload()
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    page.wait_for_function(
        "(item) => [...document.querySelectorAll(`.course-checklist input[data-item='${item}']`)].some(e => e.checked)",
        arg=ITEM,
        timeout=120_000,
    )
    assert page.evaluate(SAVED_PROGRESS, NOTEBOOK)["progress"] == [ITEM]
    assert item is not None

    outside = [u for u in requests if not u.startswith((lite_site, "data:", "blob:"))]
    assert not outside, f"requests left the local server: {outside}"
    assert any("/static/pyodide/pyodide.asm.wasm" in u for u in requests), "Pyodide came from the site"
    assert not errors, errors
    page.context.close()


# real sections of the course, of several kinds: every cell runs in Pyodide without an error (but the
# trap demos' own, tagged raises-exception), with the self-study starters (their tests say "not started")
REAL_SECTIONS = (
    "phase-02/2.1-conditional-statements.ipynb",
    "phase-04/4.3-dictionaries.ipynb",
    "phase-05/5.7-magic-methods-operator-overloading.ipynb",
    "phase-07/7.2-pathlib-os-module.ipynb",
    "phase-09/9.2-decorators.ipynb",
    "phase-13/13.1-sql-fundamentals.ipynb",
)


@pytest.fixture(scope="module")
def course_lite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Lite site of a few real sections of this course (the build library, no papermill), served."""
    from course.editions.pipeline import Inputs, load_course
    from course.site.lite import LiteEdition, build_lite, lite_edition, plan_lite
    from course.site.pyodide import PyodideCache

    project = find_project(ROOT)
    inputs = Inputs(project.roadmap, project.sections, project.cache)
    full = lite_edition(load_course(inputs), inputs.data)
    chosen = {rel: nb for rel, nb in full.notebooks.items() if rel.as_posix() in REAL_SECTIONS}
    assert len(chosen) == len(REAL_SECTIONS), sorted(map(str, chosen))
    edition = LiteEdition(chosen, full.data, plan_lite(chosen))
    assert len(edition.plan.runnable) == len(REAL_SECTIONS), edition.plan.verdicts
    out = tmp_path_factory.mktemp("course-lite") / "lite"
    build_lite(edition, PyodideCache(ROOT / ".course-cache" / "lite"), out, lambda _m: None)
    yield from _serve_lite(out, out.parent)


RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const nb = app.shell.currentWidget.content;
  const code = () => nb.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  const unrun = () => code().filter(c => c.model.executionCount === null).map(c => c.model.id);
  const kernel = () => app.shell.currentWidget.sessionContext.session.kernel;
  // cell after cell, as a learner presses Shift-Enter: Run All stops at a trap demo (see the module's note)
  for (let i = 0; i < nb.widgets.length; i++) {
    if (nb.widgets[i].model.type !== 'code') continue;
    nb.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
  }
  for (let i = 0; i < 3000 && (unrun().length || kernel().status !== 'idle'); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  const errors = [];
  for (const cell of code()) {
    // a trap demo raises on purpose: tagged raises-exception, its metadata names the exception
    const meta = cell.model.sharedModel.metadata || {};
    const expected = (meta.tags || []).includes('raises-exception') ? (meta.course || {}).raises : null;
    for (const out of cell.model.sharedModel.outputs || []) {
      if (out.output_type !== 'error') continue;
      if (expected && String(out.ename).includes(expected)) continue;
      errors.push(`${cell.model.id}: ${out.ename}: ${out.evalue}`);
    }
  }
  return {errors, unrun: unrun(), cells: nb.widgets.length};
}"""


@pytest.mark.parametrize("notebook", REAL_SECTIONS)
def test_a_real_section_runs_every_cell_in_pyodide(browser: Any, course_lite: str, notebook: str) -> None:
    page = new_page(browser)
    requests: list[str] = []
    page.context.on("request", lambda req: requests.append(req.url))
    start = time.monotonic()
    page.goto(f"{course_lite}/lite/notebooks/index.html?path={notebook}")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    assert page.evaluate(KERNEL_IDLE, 1800), "the Pyodide kernel did not become idle"  # 180 s: Pyodide starts slowly
    result = page.evaluate(RUN_ALL)
    print(f"\nlite: {notebook}: opened and ran all {result['cells']} cells in {time.monotonic() - start:.1f}s")
    assert result["errors"] == [], result["errors"]
    assert result["unrun"] == [], result
    assert not [u for u in requests if not u.startswith((course_lite, "data:", "blob:"))]
    page.context.close()
