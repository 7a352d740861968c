"""A real JupyterLab 4 / Notebook 7 server on loopback and Debian's headless Chromium,
driven by Playwright's Python API (no `playwright install`: the system browser is used)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from course.workspace.start import learner_environment

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("COURSE_REQUIRE_BROWSER"):
        raise RuntimeError(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    pytest.skip(f"no Chromium at {CHROMIUM}; install Debian's chromium package", allow_module_level=True)

pytestmark = pytest.mark.browser

INSTALLED_EXTENSION = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "course-progress"


def _installed_extension_is_current() -> None:
    """pip copies the built extension into the environment at install time, even for an editable
    install: after labextension/build.sh the server would go on serving the old one."""
    from course.runtime.labextension import recorded_digest

    installed = INSTALLED_EXTENSION / "source.sha256"
    if installed.exists() and installed.read_text().strip() != recorded_digest():
        pytest.fail(
            f"{INSTALLED_EXTENSION} is an older build than course/labextension/: "
            "reinstall the package (pip install -e .) before the browser tests",
            pytrace=False,
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    root: Path
    proc: subprocess.Popen[bytes]
    log: Path


def start_server(tmp: Path, *, extension: bool, learner: bool = False) -> Server:
    """A server as a teacher starts it in the repository, or (``learner``) as ``course start`` does.

    A teacher's server has the news question answered "no" in its settings (it would cover
    what the tests click); the learner's server needs no such help.
    """
    root = tmp / "notebooks"
    home = tmp / "jupyter"
    root.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
    )
    if learner:
        env = learner_environment(env)
    else:
        settings = home / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    # render every cell (no windowing), so a widget above the fold can be clicked after Run All
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    if not extension:
        labconfig = home / "config" / "labconfig"
        labconfig.mkdir(parents=True)
        (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": {"course-progress": True}}))
    log = tmp / "server.log"
    # a free port can be taken between choosing it and the server binding it (a kernel started by
    # a test in the other pytest worker once answered our status check): then try another port
    for _attempt in range(3):
        port = _free_port()
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
        ]  # fmt: skip
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        proc = subprocess.Popen(cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        if _answers(base, proc):
            return Server(base, root, proc, log)
        proc.terminate()
        proc.wait(timeout=30)
    raise RuntimeError("Jupyter server did not start:\n" + log.read_text()[-3000:])


def _answers(base: str, proc: subprocess.Popen[bytes]) -> bool:
    """True once our server answers its status page; False if it ended or something else holds the port."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status", timeout=1)
            return True
        except http.client.HTTPException:  # not HTTP: another program took the port first
            return False
        except OSError:
            if proc.poll() is not None:
                return False
            time.sleep(0.3)
    return False


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.proc.kill()


KERNEL_IDLE = """async (tries) => {
  const app = window.jupyterapp; await app.restored;
  for (let i = 0; i < tries; i++) {  // every 0.1 s
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
"""Wait (``page.evaluate(KERNEL_IDLE, tries)``) until the current notebook's kernel is idle; false if it never is."""


def new_page(browser: Any) -> Any:
    """A fresh browser context and page; generous timeouts, as the machine may be busy."""
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(90_000)
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module, stopped at its end: Playwright's sync API keeps its event
    loop marked as running in this thread while it is open, so tests that later run in the same
    pytest worker would see "asyncio.run() cannot be called from a running event loop"."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module", params=[True, False], ids=["extension", "fallback"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if request.param:
        _installed_extension_is_current()
    s = start_server(tmp_path_factory.mktemp("jupyter"), extension=request.param)
    s.extension = request.param  # type: ignore[attr-defined]
    yield s
    stop_server(s)


@pytest.fixture
def copy_notebook(server: Server) -> Callable[[Path, str], Path]:
    def copy(src: Path, name: str) -> Path:
        target = server.root / name
        shutil.copy(src, target)
        return target

    return copy
