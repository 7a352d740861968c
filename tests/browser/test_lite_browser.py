"""The Lite site in headless Chromium, served from a local folder: a section's notebook opens in
JupyterLite, its first cell (the checklist) runs in Pyodide, an exercise's tests pass on a correct
answer (the item ticks, into the notebook's metadata, saved in the browser) and fail on a wrong one,
the tick is still there after a reload, and no request leaves the local server.

The Pyodide download is cached in the repository's ``.course-cache/lite`` (shared by every test run),
so only the first run on a machine needs the registries."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from course.project import find_project
from course.site import SiteOptions, build_site
from course.site.serve import site_server
from tests.browser.conftest import new_page
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
    # the only change to the built site: let the test reach JupyterLite's app object (window.jupyterapp)
    config = out / "lite" / "jupyter-lite.json"
    data = json.loads(config.read_text())
    data["jupyter-config-data"]["exposeAppInBrowser"] = "true"
    config.write_text(json.dumps(data))
    server = site_server(out, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


WAIT_FOR_KERNEL = """async () => {
  const app = window.jupyterapp; await app.restored;
  for (let i = 0; i < 1800; i++) {  // up to 180 s: Pyodide starts slowly on a loaded machine
    const w = app.shell.currentWidget;
    if (w && w.sessionContext) {
      await w.context.ready; await w.sessionContext.ready;
      const k = w.sessionContext.session && w.sessionContext.session.kernel;
      if (k && k.status === 'idle') return true;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return false;
}"""

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
    """Open the notebook in the Lite app and wait for its Pyodide kernel; returns the seconds it took."""
    start = time.monotonic()
    page.goto(f"{origin}/lite/notebooks/index.html?path={NOTEBOOK}")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    assert page.evaluate(WAIT_FOR_KERNEL), "the Pyodide kernel did not become idle"
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
