"""What a learner meets on opening a notebook, in JupyterLab 4 and Notebook 7:

- a notebook saved after a tick shows its checklist with the ticks, before its cell runs, with
  no "Error displaying widget" and no console errors, and ticks still work there;
- opening a notebook does not modify it (no "unsaved changes" before any edit);
- the learner's server (``course start``, Binder) shows no nbgrader tools and no news pop-up,
  while a server started in the repository (a teacher's) keeps nbgrader's tools.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, new_page, start_server, stop_server
from tests.browser.test_checklist_browser import SECTION, SOURCE, close, open_and_run, open_group, tick, wait_for_disk

FIRST, SECOND = "c-what-is-python-interpreted-dynamically", "c-the-python-repl-read-eval-print-loop"
THIRD = "c-python-compilation-process-source"
NBGRADER_PLUGINS = [
    "@jupyter/nbgrader:menu",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:create-assignment",
]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("jupyter"), extension=True)
    s.extension = True  # type: ignore[attr-defined]
    yield s
    stop_server(s)


# Notebook 7 itself sometimes logs errors on a second load (its shortcuts settings reading a
# plugin's schema; an unregistered file browser command); only errors that name our code count.
OURS = re.compile(r"course|checklist|widget|model", re.IGNORECASE)


class Opened:
    """A page with a notebook open (its cell not run) and the console errors of our code."""

    def __init__(self, browser: Any, server: Server, name: str, ui: str) -> None:
        self.page = new_page(browser)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self._error(f"{m.text} at {m.location}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self._error(f"{e} {e.stack}"))
        url = f"{server.base}/lab/tree/{name}?reset" if ui == "lab" else f"{server.base}/notebooks/{name}"
        self.page.goto(url)
        self.page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        ready = self.page.evaluate(
            """async () => {
              const app = window.jupyterapp; await app.restored;
              for (let i = 0; i < 600; i++) {
                const w = app.shell.currentWidget;
                if (w && w.sessionContext) {
                  await w.context.ready; await w.sessionContext.ready;
                  const k = w.sessionContext.session && w.sessionContext.session.kernel;
                  // the kernel has started and told the notebook its language_info
                  const info = w.context.model.getMetadata('language_info');
                  if (k && k.status === 'idle' && info && info.version) return true;
                }
                await new Promise(r => setTimeout(r, 100));
              }
              return false;
            }"""
        )
        assert ready, "the notebook's kernel did not start"

    def _error(self, text: str) -> None:
        if OURS.search(text):
            self.errors.append(text)

    def dirty(self) -> bool:
        return bool(self.page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty"))


def test_opening_a_generated_notebook_does_not_modify_it(lab: Server, browser: Any) -> None:
    path = lab.root / "fresh.ipynb"
    shutil.copy(SOURCE, path)
    before = path.read_bytes()
    for ui in ["lab", "nb7"]:
        opened = Opened(browser, lab, path.name, ui)
        time.sleep(1.5)  # anything that edits the document on open has had time to
        assert not opened.dirty(), f"{ui}: the notebook has unsaved changes right after opening"
        if ui == "lab":
            assert opened.page.locator(".jp-mod-current.jp-mod-dirty").count() == 0
        close(opened.page)
    assert path.read_bytes() == before


@pytest.mark.parametrize("ui", ["lab", "nb7"])
def test_a_saved_checklist_comes_back_with_its_ticks_before_the_cell_runs(lab: Server, browser: Any, ui: str) -> None:
    name = f"saved-{ui}.ipynb"
    path = lab.root / name
    shutil.copy(SOURCE, path)
    page = open_and_run(browser, lab, name, ui)
    open_group(page, "concepts")
    tick(page, FIRST)
    wait_for_disk(path, [FIRST])  # saved by the widget, with the widget's output in both checklist cells
    close(page)
    saved = path.read_bytes()

    opened = Opened(browser, lab, name, ui)  # a new kernel; nothing run
    page = opened.page
    top, bottom = page.locator(".course-checklist").nth(0), page.locator(".course-checklist").nth(1)
    page.wait_for_function("() => document.querySelectorAll('.course-checklist').length === 2", timeout=20_000)
    for view in (top, bottom):
        assert view.locator(f"input[data-item='{FIRST}']").is_checked()
        assert view.get_attribute("data-done") == "1"
    assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
    time.sleep(1)
    assert not opened.dirty(), "showing the saved checklist changed the document"
    assert path.read_bytes() == saved

    open_group(page, "concepts")  # ticks work before the cell runs, and both views agree
    top.locator(f"input[data-item='{SECOND}']").click()
    wait_for_disk(path, [FIRST, SECOND])
    page.wait_for_function(
        f"() => document.querySelectorAll(\".course-checklist input[data-item='{SECOND}']:checked\").length === 2"
    )
    assert page.locator(".jp-Dialog").count() == 0
    assert opened.errors == [], opened.errors

    # run the top checklist cell only: its live widget and the bottom's saved view follow each other
    page.evaluate(
        """async () => {
          const app = window.jupyterapp; const nb = app.shell.currentWidget.content;
          nb.activeCellIndex = nb.widgets.findIndex(c => c.model.id === 's1-1-checklist');
          await app.commands.execute('notebook:run-cell');
        }"""
    )
    widget = page.locator(".course-checklist-output[data-view='widget'] .course-checklist")
    widget.wait_for()
    saved_view = page.locator(".course-checklist-output[data-view='saved'] .course-checklist")
    assert saved_view.count() == 1, "the bottom cell did not run: it still shows the saved view"
    assert [c.get_attribute("data-item") for c in widget.locator("input:checked").all()] == [FIRST, SECOND]
    saved_view.locator("details[data-group='concepts'] > summary").click()
    saved_view.locator(f"input[data-item='{THIRD}']").click()
    wait_for_disk(path, [FIRST, THIRD, SECOND])
    expect_checked = f"input[data-item='{THIRD}']:checked"
    page.wait_for_function(f'() => document.querySelectorAll(".course-checklist {expect_checked}").length === 2')
    widget.locator("details[data-group='concepts'] > summary").click()
    widget.locator(f"input[data-item='{FIRST}']").click()  # untick in the live widget keeps THIRD
    wait_for_disk(path, [THIRD, SECOND])
    assert json.loads(path.read_text())["metadata"]["course"]["section"] == SECTION
    assert opened.errors == [], opened.errors
    close(page)


# --- the learner's workspace --------------------------------------------------------------------


def _plugins(page: Any) -> dict[str, bool]:
    return dict(
        page.evaluate(
            """() => window.jupyterapp.listPlugins().filter(p => /nbgrader|announcements|course-progress/.test(p))
                 .map(p => [p, window.jupyterapp.isPluginActivated(p)])"""
        )
    )


def _menus(page: Any) -> list[str]:
    return [m.inner_text() for m in page.locator(".lm-MenuBar-itemLabel").all()]


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("learner"), extension=True, learner=True)
    yield s
    stop_server(s)


@pytest.mark.parametrize("ui", ["lab", "nb7"])
def test_the_learner_sees_no_nbgrader_tools_and_no_news(learner: Server, browser: Any, ui: str) -> None:
    shutil.copy(SOURCE, learner.root / "learn.ipynb")
    opened = Opened(browser, learner, "learn.ipynb", ui)
    page = opened.page
    plugins = _plugins(page)
    assert plugins.get("course-progress:plugin") is True, plugins
    active = [p for p, on in plugins.items() if on and p != "course-progress:plugin"]
    assert active == [], f"active for the learner: {active}"
    assert "Nbgrader" not in _menus(page)
    assert page.get_by_text("Validate", exact=True).count() == 0
    assert page.get_by_text("Create Assignment", exact=True).count() == 0
    time.sleep(1.5)  # the news question is asked as soon as the app is restored
    assert page.locator(".Toastify__toast").count() == 0, page.locator(".Toastify__toast").all_inner_texts()
    close(page)


@pytest.mark.parametrize("ui", ["lab", "nb7"])
def test_a_teacher_keeps_nbgrader_tools(lab: Server, browser: Any, ui: str) -> None:
    shutil.copy(SOURCE, lab.root / "teach.ipynb")
    page = Opened(browser, lab, "teach.ipynb", ui).page
    plugins = _plugins(page)
    assert all(plugins.get(p) for p in NBGRADER_PLUGINS), plugins
    assert "Nbgrader" in _menus(page)
    assert page.get_by_text("Validate", exact=True).count() == 1
    close(page)
