"""The course site in headless Chromium, served by ``course site --serve`` on a free port: every page
loads without a console error or a failed request, every internal link leads to a page, code is
highlighted, tables render, and a section's page shows its demo's output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest

from tests.browser.conftest import new_page
from tests.test_site import make_site_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SERVING = re.compile(r"serving .* at (http://127\.0\.0\.1:\d+/)")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``course site --serve --port 0``: builds the small project's site, then serves it."""
    tmp = tmp_path_factory.mktemp("site")
    root = make_site_project(tmp / "project")
    log = tmp / "serve.log"
    cmd = [sys.executable, "-m", "course", "site", "--root", str(root), "--out", str(tmp / "site")]
    proc = subprocess.Popen(
        [*cmd, "--serve", "--port", "0", "-q"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        deadline = time.monotonic() + 300
        while not (match := SERVING.search(log.read_text())):
            assert proc.poll() is None, f"course site --serve ended:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"course site --serve did not start:\n{log.read_text()}"
            time.sleep(0.5)
        yield match[1]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _visit(page: Any, url: str) -> tuple[list[str], list[str]]:
    """Open ``url``; return the console errors and failed requests it caused."""
    errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on("response", lambda resp: failed.append(f"{resp.status} {resp.url}") if resp.status >= 400 else None)
    page.goto(url, wait_until="load")
    return errors, failed


def test_every_page_loads_cleanly_and_every_link_resolves(browser: Any, served: str) -> None:
    seen: set[str] = set()
    todo = [served + "index.html"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        page = new_page(browser)
        errors, failed = _visit(page, url)
        assert not errors, f"{url}: console errors {errors}"
        assert not failed, f"{url}: failed requests {failed}"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, _fragment = urldefrag(href)
            if target.startswith(served) and target.endswith(".html"):
                todo.append(target)
        page.context.close()
    assert len(seen) == 5, sorted(seen)


def test_section_page_shows_highlighted_code_tables_and_its_demo_output(browser: Any, served: str) -> None:
    page = new_page(browser)
    _visit(page, urljoin(served, "phase-01/1.1-running-python.html"))
    keyword = page.locator(".highlight .nb", has_text="print").first
    assert keyword.evaluate("e => getComputedStyle(e).color") != page.locator("body").evaluate(
        "e => getComputedStyle(e).color"
    ), "code is not coloured"
    output = page.locator(".jp-OutputArea-output pre", has_text="42").first
    assert output.is_visible()
    solution = page.locator("details", has_text="Show a solution").first
    assert not solution.locator("pre").first.is_visible(), "solutions start folded"
    solution.locator("summary").click()
    assert solution.locator("pre").first.is_visible()
    page.context.close()

    math = new_page(browser)
    _visit(math, urljoin(served, "phase-00/0.1-shell-basics.html"))
    fraction = math.locator("math[display=block] mfrac").first
    box = fraction.bounding_box()
    assert box is not None and box["height"] > box["width"] / 4, "MathML is laid out as a fraction"
    math.context.close()

    home = new_page(browser)
    _visit(home, urljoin(served, "course-home.html"))
    cells = home.locator("table td")
    assert cells.count() > 2
    assert cells.first.bounding_box()["width"] > 0
    home.context.close()


def test_search_finds_a_section_by_a_heading(browser: Any, served: str) -> None:
    page = new_page(browser)
    _visit(page, urljoin(served, "index.html"))
    page.fill("#course-search", "repl")
    result = page.locator("#course-search-results a", has_text="1.1 Running Python")
    result.click()
    page.wait_for_url(re.compile(r"phase-01/1\.1-running-python\.html$"))
    page.context.close()
