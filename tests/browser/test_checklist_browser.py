"""Ticks survive closing and reopening a notebook, in JupyterLab 4 and Notebook 7, with the
course-progress extension and without it (the fallback); passing an exercise ticks its item."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import KERNEL_IDLE, Server, new_page
from tests.conftest import ROOT

SECTION = "1.1"
SOURCE = ROOT / "notebooks" / "phase-01" / "1.1-python-execution-model-repl.ipynb"
WIDGET = ".course-checklist >> nth=0"


def _progress(path: Path) -> Any:
    try:
        nb = json.loads(path.read_text())
    except ValueError:  # caught the server in the middle of saving: look again
        return "<being written>"
    return nb["metadata"].get("course", {}).get("progress", {}).get(SECTION)


def wait_for_disk(path: Path, expected: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _progress(path) == expected:
            return
        time.sleep(0.2)
    raise AssertionError(f"{path.name} holds {_progress(path)}, expected {expected}")


def open_and_run(browser: Any, server: Server, name: str, ui: str) -> Any:
    page = new_page(browser)
    url = f"{server.base}/lab/tree/{name}?reset" if ui == "lab" else f"{server.base}/notebooks/{name}"
    page.goto(url)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    ready = page.evaluate(KERNEL_IDLE, 600)
    assert ready, "the notebook's kernel did not become idle"
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    backend = "labextension" if server.extension else "widget-manager-context"  # type: ignore[attr-defined]
    page.wait_for_selector(f".course-checklist[data-backend='{backend}']", timeout=60_000)
    return page


def close(page: Any) -> None:
    page.evaluate("() => window.jupyterapp.serviceManager.sessions.shutdownAll()")
    page.context.close()


def open_group(page: Any, group: str) -> None:
    page.locator(WIDGET).scroll_into_view_if_needed()
    page.locator(WIDGET).locator(f"details[data-group='{group}'] > summary").click()


def tick(page: Any, item: str) -> None:
    page.locator(WIDGET).locator(f"input[data-item='{item}']").click()


@pytest.mark.parametrize("ui", ["lab", "nb7"])
def test_ticks_are_saved_in_the_notebook_and_come_back(
    server: Server, browser: Any, copy_notebook: Callable[[Path, str], Path], ui: str
) -> None:
    name = f"ticks-{ui}.ipynb"
    path = copy_notebook(SOURCE, name)
    first, second = "c-what-is-python-interpreted-dynamically", "c-the-python-repl-read-eval-print-loop"
    page = open_and_run(browser, server, name, ui)
    open_group(page, "concepts")
    tick(page, first)
    tick(page, second)
    wait_for_disk(path, [first, second])  # the widget saved it: no Ctrl+S
    tick(page, first)  # untick
    wait_for_disk(path, [second])
    assert page.locator(".jp-Dialog").count() == 0, "no 'file changed on disk' or other dialog"
    close(page)

    page = open_and_run(browser, server, name, ui)  # a new kernel, run again
    open_group(page, "concepts")
    boxes = page.locator(WIDGET).locator("input[type=checkbox]")
    checked = [b.get_attribute("data-item") for b in boxes.all() if b.is_checked()]
    assert checked == [second]
    assert page.locator(WIDGET).get_attribute("data-done") == "1"
    assert page.locator(".jp-Dialog").count() == 0
    nb = json.loads(path.read_text())
    assert nb["metadata"]["course"]["progress"] == {SECTION: [second]}
    assert nb["metadata"]["course"]["section"] == SECTION, "other course metadata is intact"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    close(page)


# Saves reach the server (which writes the file) but their answers wait until released.
HOLD_SAVE_ANSWERS = """() => {
  const contents = window.jupyterapp.serviceManager.contents;
  const save = contents.save.bind(contents);
  let release;
  const held = new Promise(resolve => (release = resolve));
  window.courseReleaseSaves = () => { contents.save = save; release(); };
  contents.save = async (...args) => { const answer = await save(...args); await held; return answer; };
}"""


@pytest.mark.parametrize("ui", ["lab", "nb7"])
def test_a_tick_made_while_a_save_is_in_flight_is_saved_too(
    server: Server, browser: Any, copy_notebook: Callable[[Path, str], Path], ui: str
) -> None:
    """JupyterLab marks the notebook clean when a save's answer arrives, even if a tick changed the
    metadata after the file was written: that tick must still reach the disk (CI caught it once)."""
    name = f"in-flight-{ui}.ipynb"
    path = copy_notebook(SOURCE, name)
    first, second = "c-what-is-python-interpreted-dynamically", "c-the-python-repl-read-eval-print-loop"
    page = open_and_run(browser, server, name, ui)
    open_group(page, "concepts")
    page.evaluate(HOLD_SAVE_ANSWERS)
    tick(page, first)
    wait_for_disk(path, [first])  # written by the server; the page has not heard back yet
    page.evaluate(  # tick, then let the answer arrive at once: well before the next save is due
        """(item) => {
          document.querySelector(`.course-checklist input[data-item='${item}']`).click();
          window.courseReleaseSaves();
        }""",
        second,
    )
    wait_for_disk(path, [first, second])
    assert page.locator(".jp-Dialog").count() == 0, "no 'file changed on disk' or other dialog"
    close(page)


def test_passing_an_exercise_ticks_its_item(
    server: Server, browser: Any, copy_notebook: Callable[[Path, str], Path]
) -> None:
    name = "exercise.ipynb"
    path = copy_notebook(SOURCE, name)
    page = open_and_run(browser, server, name, "lab")
    solution = (
        "def classify(n):\n    if n % 2:\n        return 'Weird'\n    return 'Weird' if 6 <= n <= 20 else 'Not Weird'"
    )
    result = page.evaluate(
        """async ([solution, prefix]) => {
          const app = window.jupyterapp;
          const panel = app.shell.currentWidget;
          const nb = panel.content;
          const find = (id) => nb.widgets.findIndex(c => c.model.id === id);
          const answer = find(prefix + '-answer');
          nb.widgets[answer].model.sharedModel.setSource(solution);
          for (const id of [prefix + '-answer', prefix + '-t1', prefix + '-t2']) {
            nb.activeCellIndex = find(id);
            await app.commands.execute('notebook:run-cell');
          }
          for (let i = 0; i < 600; i++) {  // up to 60 s: a loaded CI machine
            const out = nb.widgets[find(prefix + '-t2')].node.innerText;
            if (out.includes('complete')) return out;
            await new Promise(r => setTimeout(r, 100));
          }
          return nb.widgets[find(prefix + '-t2')].node.innerText;
        }""",
        [solution, "s1-1-weird-numbers"],
    )
    assert "✓ t2 passed" in result and "complete" in result, result
    wait_for_disk(path, ["dsa-python-if-else"])
    # the attempt and its solve time are saved beside the tick; Run All on the untouched starter was no attempt
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            stored = json.loads(path.read_text())["metadata"]["course"].get("attempts", {}).get(SECTION, {})
        except ValueError:
            stored = {}
        if stored.get("weird-numbers", {}).get("solved"):
            break
        time.sleep(0.2)
    record = stored.get("weird-numbers", {})
    assert record.get("attempts") == 1 and record.get("item") == "dsa-python-if-else", stored
    assert record["first"] <= record["solved"] and list(stored) == ["weird-numbers"], stored
    assert page.locator(".jp-Dialog").count() == 0
    close(page)


def test_corrupt_progress_is_reported_and_kept(
    server: Server, browser: Any, copy_notebook: Callable[[Path, str], Path]
) -> None:
    name = "corrupt.ipynb"
    path = copy_notebook(SOURCE, name)
    nb = json.loads(path.read_text())
    nb["metadata"]["course"]["progress"] = {SECTION: ["c-gone-from-the-course", 42, "c-pep-8-style-guide-introduction"]}
    nb["metadata"]["course"]["author_note"] = "keep me"
    path.write_text(json.dumps(nb))
    page = open_and_run(browser, server, name, "lab")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.course-checklist-note')]"
        ".some(n => n.textContent.includes('no longer in this section'))",
        timeout=20_000,
    )
    assert page.locator(WIDGET).get_attribute("data-done") == "1"
    open_group(page, "concepts")
    tick(page, "c-if-name-main-idiom")
    wait_for_disk(path, ["c-if-name-main-idiom", "c-pep-8-style-guide-introduction", "c-gone-from-the-course"])
    assert json.loads(path.read_text())["metadata"]["course"]["author_note"] == "keep me"
    close(page)
